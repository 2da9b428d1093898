//! Saving off the input path: a thread that writes the latest snapshot it
//! has been given, reports each result, and retries a failed save until it
//! succeeds or a newer snapshot replaces it. Serialising 100,000 highlights
//! takes longer than a frame; the reader never waits for it.
//!
//! Before every save, and every [`POLL`] while idle, it checks whether the
//! file changed on disk since it last read or wrote it. It never writes over
//! such a change unasked: a version that parses is sent to the reader
//! ([`Saved::Changed`]) to merge with its work, and nothing is written until
//! the reader says it has taken that version in (`seen`); one that does not
//! parse ([`Saved::Unreadable`]) is left alone until it does, or until the
//! reader chooses to keep its own version, and theirs is then kept aside.

use std::cell::{Cell, OnceCell};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use crate::model::Conversation;
use crate::model::annotations::Snapshot;

use super::annotations::save_snapshot_printed;
use super::ondisk::{self, Disk, Fingerprint};
use super::{AnnotationError, parse_annotations};

mod worker;
use worker::{State, run};

/// How long a failed save waits before trying again.
pub const RETRY: Duration = Duration::from_secs(2);
/// How often the file is looked at while nothing is being saved.
pub const POLL: Duration = Duration::from_secs(1);

/// Someone else's version of the file, which parses.
#[derive(Clone, Debug)]
pub struct OnDisk {
    /// Count of the changes seen on disk; the reader answers with it.
    pub generation: u64,
    /// What we last read or wrote: the common ancestor for a merge.
    pub base: Arc<Snapshot>,
    /// What is on disk now.
    pub theirs: Arc<Snapshot>,
}

impl PartialEq for OnDisk {
    fn eq(&self, other: &Self) -> bool {
        self.generation == other.generation
            && Arc::ptr_eq(&self.base, &other.base)
            && Arc::ptr_eq(&self.theirs, &other.theirs)
    }
}
impl Eq for OnDisk {}

/// What happened to one save.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Saved {
    /// Revision `n` is on disk.
    Ok(u64),
    /// Revision `n` could not be written; it will be tried again.
    Failed(u64, String),
    /// The file changed on disk: merge it in, then save with `seen` at its
    /// generation. Nothing is written before.
    Changed(OnDisk),
    /// The file changed on disk and cannot be read (`message` names it and
    /// the line:column): nothing is written until it parses again, or the
    /// reader keeps its version ([`Saver::keep_mine`]; not for a newer one).
    Unreadable { revision: u64, message: String, newer: bool },
    /// The file that could not be read parses again and holds what was
    /// last read or written: nothing to merge, nothing waiting on it (said
    /// while idle; with work to save, its save says so).
    Readable,
}

/// One request to the saving thread.
struct Job {
    snapshot: Arc<Snapshot>,
    /// The last [`OnDisk::generation`] the reader has merged.
    seen: u64,
    /// Keep the file on disk aside first, whatever it is, and write ours.
    aside: bool,
}

/// The saving thread and its channels.
pub struct Saver {
    jobs: Option<Sender<Job>>,
    results: Receiver<Saved>,
    /// What the thread starts with, until it is started ([`Saver::begin`]).
    unstarted: Cell<Option<Start>>,
    thread: OnceCell<JoinHandle<()>>,
    progress: Progress,
}

/// What a saving thread not yet started will start with.
struct Start {
    state: State,
    clean_first: bool,
    jobs: Receiver<Job>,
    results: Sender<Saved>,
}

/// How far the saving thread has got: the newest revision asked for and the
/// newest it has dealt with (written, or failed, or held for the reader),
/// and the newest version not yet on disk. Shared with a thread that must
/// finish without the reader's help — the last-resort exit on a signal or
/// a hung-up terminal while the reader is stuck — which waits for saves,
/// then keeps aside whatever is still not on disk ([`Self::rescue`]).
#[derive(Clone, Debug)]
pub struct Progress(Arc<Shared>);

#[derive(Debug)]
struct Shared {
    revisions: Mutex<Revisions>,
    settled: Condvar,
    path: PathBuf,
    doc: Arc<Conversation>,
}

#[derive(Debug, Default)]
struct Revisions {
    asked: u64,
    settled: u64,
    written: u64,
    /// The newest version asked for.
    latest: Option<Arc<Snapshot>>,
    /// The reader has kept its work aside itself: nothing more to rescue.
    rescued: bool,
}

impl Progress {
    fn new(path: PathBuf, doc: Arc<Conversation>) -> Self {
        let revisions = Mutex::new(Revisions::default());
        Self(Arc::new(Shared { revisions, settled: Condvar::new(), path, doc }))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Revisions> {
        self.0.revisions.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn asked(&self, snapshot: &Arc<Snapshot>) {
        let mut state = self.lock();
        if snapshot.revision >= state.asked {
            state.asked = snapshot.revision;
            state.latest = Some(Arc::clone(snapshot));
        }
    }

    fn settled(&self, revision: u64, written: bool) {
        let mut state = self.lock();
        state.settled = state.settled.max(revision);
        if written {
            state.written = state.written.max(revision);
        }
        self.0.settled.notify_all();
    }

    /// Waits up to `timeout` until every revision asked for has been dealt
    /// with; `true` if it has.
    pub fn wait(&self, timeout: Duration) -> bool {
        let state = self.lock();
        let (state, _) = self
            .0
            .settled
            .wait_timeout_while(state, timeout, |r| r.settled < r.asked)
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        state.settled >= state.asked
    }

    /// The newest version asked for, if it is not on disk (the save failed,
    /// or waits for the reader to merge a change made on disk, or has not
    /// been tried yet).
    pub fn unwritten(&self) -> Option<Arc<Snapshot>> {
        let state = self.lock();
        let kept = state.rescued;
        state.latest.clone().filter(|latest| latest.revision > state.written && !kept)
    }

    /// Writes the version not on disk, if there is one, to a rescue copy
    /// (see [`super::rescue()`]) stamped `stamp`: its path, or why no place
    /// took it; `None` when everything asked for is on disk.
    pub fn rescue(&self, stamp: &str) -> Option<Result<PathBuf, String>> {
        let unwritten = self.unwritten()?;
        Some(super::rescue(&self.0.path, &unwritten, &self.0.doc, stamp))
    }

    /// The annotation file being saved.
    pub fn path(&self) -> &Path {
        &self.0.path
    }
}

impl Saver {
    /// Starts a saver writing to `path` for conversation `doc`; `base` is
    /// what was read from the file (or the fresh set if there was none).
    pub fn start(path: PathBuf, doc: Arc<Conversation>, base: Snapshot) -> Self {
        Self::start_seen(path, doc, base, None)
    }

    /// [`Self::start`], knowing how the file looked when `base` was read
    /// from it (see [`super::load_annotations_seen`]). Without that print
    /// the first look reads the whole file and parses it to compare it with
    /// `base`; with it, only a file changed since is read. Either way a
    /// change between loading and now is noticed.
    pub fn start_seen(
        path: PathBuf,
        doc: Arc<Conversation>,
        base: Snapshot,
        print: Option<Fingerprint>,
    ) -> Self {
        Self::spawn(State::new(path, doc, base, print), false)
    }

    /// [`Self::start_seen`] for the holder of the file's `lock` (which must
    /// outlive the saver): the saving thread first removes what killed saves
    /// left beside the file ([`super::clean_leftovers`]). That reads the
    /// whole folder (0.4 ms for one of 700 files), and starting a thread
    /// takes a while on this one and on the other core: neither is for the
    /// reader's first frame, so the thread starts only when asked to
    /// ([`Self::begin`]: the reader asks once that frame is out), or to
    /// save, or as the saver is dropped.
    pub fn start_locked(
        _lock: &super::Lock,
        path: PathBuf,
        doc: Arc<Conversation>,
        base: Snapshot,
        print: Option<Fingerprint>,
    ) -> Self {
        Self::unstarted(State::new(path, doc, base, print), true)
    }

    fn spawn(state: State, clean_first: bool) -> Self {
        let saver = Self::unstarted(state, clean_first);
        saver.begin();
        saver
    }

    fn unstarted(state: State, clean_first: bool) -> Self {
        let (jobs, job_rx) = mpsc::channel::<Job>();
        let (result_tx, results) = mpsc::channel();
        let progress = Progress::new(state.path.clone(), Arc::clone(&state.doc));
        let start = Start { state, clean_first, jobs: job_rx, results: result_tx };
        Self {
            jobs: Some(jobs),
            results,
            unstarted: Cell::new(Some(start)),
            thread: OnceCell::new(),
            progress,
        }
    }

    /// Starts the saving thread, if it is not yet.
    pub fn begin(&self) {
        let Some(Start { state, clean_first, jobs, results }) = self.unstarted.take() else {
            return;
        };
        let shared = self.progress.clone();
        let thread = thread::spawn(move || {
            if clean_first {
                super::clean_leftovers(&state.path);
            }
            run(state, &jobs, &results, &shared);
        });
        let _ = self.thread.set(thread);
    }

    /// Whether the saving thread has been started.
    pub fn begun(&self) -> bool {
        self.thread.get().is_some()
    }

    /// A handle on how far saving has got, for another thread to wait on.
    pub fn progress(&self) -> Progress {
        self.progress.clone()
    }

    /// Asks for `snapshot` to be saved (replacing any older one still
    /// waiting); `seen`: the last change on disk it has merged.
    pub fn save(&self, snapshot: Snapshot, seen: u64) {
        self.send(Job { snapshot: Arc::new(snapshot), seen, aside: false });
    }

    /// Saves `snapshot` over whatever is on disk, keeping that aside first
    /// as `<file>.theirs-<time>.ron`: the reader chose its own version.
    pub fn keep_mine(&self, snapshot: Snapshot, seen: u64) {
        self.send(Job { snapshot: Arc::new(snapshot), seen, aside: true });
    }

    fn send(&self, job: Job) {
        self.begin();
        if let Some(jobs) = &self.jobs {
            self.progress.asked(&job.snapshot);
            let _ = jobs.send(job);
        }
    }

    /// Revision `n` is on disk without a save (the change on disk was ours
    /// already): nothing of it is left to keep aside ([`Progress::rescue`]).
    pub fn on_disk(&self, revision: u64) {
        self.progress.settled(revision, true);
    }

    /// The reader has written its work to a rescue copy itself: the
    /// last-resort exit, if it comes, writes no second one.
    pub fn rescued(&self) {
        self.progress.lock().rescued = true;
    }

    /// The results that have arrived, without waiting.
    pub fn results(&self) -> Vec<Saved> {
        self.results.try_iter().collect()
    }

    /// Waits up to `timeout` for the next result.
    pub fn wait(&self, timeout: Duration) -> Option<Saved> {
        self.results.recv_timeout(timeout).ok()
    }
}

impl Drop for Saver {
    fn drop(&mut self) {
        // Never started, it still does what it starts with (the clean-up).
        self.begin();
        // Closing the channel lets the thread finish what it has and stop.
        self.jobs.take();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
