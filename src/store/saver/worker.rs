//! The saving thread: the snapshot it was last given written, held while
//! the reader has not taken in a change on disk, reported, or retried.

use super::*;
use crate::model::sanitize::Shown;

/// What the saving thread knows about the file.
pub(super) struct State {
    pub(super) path: PathBuf,
    pub(super) doc: Arc<Conversation>,
    /// What we last read or wrote.
    base: Arc<Snapshot>,
    /// How that looked on disk (`None`: no file yet).
    print: Option<Fingerprint>,
    generation: u64,
    /// The unreadable version last reported, so polling reports it once.
    reported: Option<String>,
}

impl State {
    pub(super) fn new(
        path: PathBuf,
        doc: Arc<Conversation>,
        base: Snapshot,
        print: Option<Fingerprint>,
    ) -> Self {
        Self { path, doc, base: Arc::new(base), print, generation: 0, reported: None }
    }
}

/// What one attempt came to.
enum Outcome {
    Written,
    /// The reader has not merged the latest change on disk yet.
    Held,
    Report(Saved),
    Failed(String),
}

pub(super) fn run(
    mut state: State,
    jobs: &Receiver<Job>,
    results: &Sender<Saved>,
    progress: &Progress,
) {
    let mut pending: Option<Job> = None;
    loop {
        let job = match pending.take() {
            Some(job) => job,
            None => match jobs.recv_timeout(POLL) {
                Ok(job) => job,
                Err(RecvTimeoutError::Timeout) => {
                    if let Some(report) = state.look(None) {
                        let _ = results.send(report);
                    }
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => return,
            },
        };
        let job = newest(job, jobs);
        let revision = job.snapshot.revision;
        let outcome = state.attempt(&job);
        progress.settled(revision, matches!(outcome, Outcome::Written));
        match outcome {
            Outcome::Written => {
                let _ = results.send(Saved::Ok(revision));
            }
            Outcome::Held => {}
            Outcome::Report(report) => {
                let unreadable = matches!(report, Saved::Unreadable { .. });
                let _ = results.send(report);
                // Their change needs merging first: the reader sends anew.
                // An unreadable file is looked at again after a pause.
                if unreadable && retry(&mut pending, job, jobs) {
                    return;
                }
            }
            Outcome::Failed(message) => {
                let _ = results.send(Saved::Failed(revision, message));
                if retry(&mut pending, job, jobs) {
                    // Quitting: one last try, then stop.
                    if let Some(job) = pending.take()
                        && let Outcome::Written = state.attempt(&job)
                    {
                        progress.settled(job.snapshot.revision, true);
                        let _ = results.send(Saved::Ok(job.snapshot.revision));
                    }
                    return;
                }
            }
        }
    }
}

/// Waits [`RETRY`] for a newer job, else retries `job`. `true` when the
/// reader has gone (the job is left in `pending` for a last try).
fn retry(pending: &mut Option<Job>, job: Job, jobs: &Receiver<Job>) -> bool {
    match jobs.recv_timeout(RETRY) {
        Ok(newer) => {
            *pending = Some(newest(Job { aside: newer.aside || job.aside, ..newer }, jobs));
            false
        }
        Err(RecvTimeoutError::Timeout) => {
            *pending = Some(job);
            false
        }
        Err(RecvTimeoutError::Disconnected) => {
            *pending = Some(job);
            true
        }
    }
}

/// The newest job waiting, keeping any request to keep theirs aside.
fn newest(job: Job, jobs: &Receiver<Job>) -> Job {
    jobs.try_iter().fold(job, |old, new| Job { aside: old.aside || new.aside, ..new })
}

/// Whether two versions hold the same tags, highlights, relations and
/// links (a change to links alone is a change: it must not be written over).
fn same(a: &Snapshot, b: &Snapshot) -> bool {
    a.tags == b.tags
        && a.highlights == b.highlights
        && a.relations == b.relations
        && a.links == b.links
}

impl State {
    fn attempt(&mut self, job: &Job) -> Outcome {
        if job.aside {
            return self.keep_mine(job);
        }
        if let Some(report) = self.look(Some(job.snapshot.revision)) {
            return Outcome::Report(report);
        }
        if job.seen < self.generation {
            return Outcome::Held;
        }
        self.write(&job.snapshot)
    }

    /// Whether the file changed on disk since we last read or wrote it, and
    /// if so what to tell the reader.
    fn look(&mut self, revision: Option<u64>) -> Option<Saved> {
        let (bytes, print) = match ondisk::check(&self.path, &mut self.print) {
            // As last read or written: if it could not be read meanwhile,
            // it was put back (the reader is told, so it stops saying so).
            Ok(Disk::Unchanged) => {
                let was_unreadable = self.reported.take().is_some();
                return (was_unreadable && revision.is_none()).then_some(Saved::Readable);
            }
            Ok(Disk::Changed(bytes, print)) => (bytes, print),
            // Unreadable metadata: the write will report the error.
            Err(_) => return None,
        };
        let name = self.path.shown();
        let parsed = match String::from_utf8(bytes) {
            Ok(text) => parse_annotations(&text, &name, &self.doc),
            Err(e) => {
                Err(AnnotationError::NotUtf8 { path: name, offset: e.utf8_error().valid_up_to() })
            }
        };
        match parsed {
            Ok((theirs, _)) => {
                let theirs = Arc::new(theirs.snapshot());
                let was_unreadable = self.reported.take().is_some();
                if same(&theirs, &self.base) {
                    // Touched or reformatted, not changed; or put back as
                    // it was after it could not be read (the reader is
                    // told, so it stops saying so).
                    self.print = Some(print);
                    return (was_unreadable && revision.is_none()).then_some(Saved::Readable);
                }
                self.generation += 1;
                let base = std::mem::replace(&mut self.base, Arc::clone(&theirs));
                self.print = Some(print);
                Some(Saved::Changed(OnDisk { generation: self.generation, base, theirs }))
            }
            Err(e) => {
                let message = e.to_string();
                // While idle, say it once; a save is told every time.
                if revision.is_none() && self.reported.as_ref() == Some(&message) {
                    return None;
                }
                self.reported = Some(message.clone());
                let newer = matches!(
                    e,
                    AnnotationError::Invalid {
                        source: crate::model::annotations::FileError::NewerVersion(_),
                        ..
                    }
                );
                Some(Saved::Unreadable { revision: revision.unwrap_or(0), message, newer })
            }
        }
    }

    fn keep_mine(&mut self, job: &Job) -> Outcome {
        let path = super::super::real_path(&self.path);
        if let Ok(bytes) = std::fs::read(&path)
            && let Err(e) = ondisk::keep_aside(&path, &bytes)
        {
            return Outcome::Failed(format!(
                "{}: cannot keep their version aside: {e}",
                path.shown()
            ));
        }
        self.reported = None;
        self.write(&job.snapshot)
    }

    fn write(&mut self, snapshot: &Arc<Snapshot>) -> Outcome {
        let path: &Path = &self.path;
        // Streamed from the snapshot: a large file's text is never held.
        match save_snapshot_printed(path, snapshot, &self.doc) {
            Ok(print) => {
                self.print = Some(print);
                self.base = Arc::clone(snapshot);
                Outcome::Written
            }
            Err(e) => Outcome::Failed(format!("{}: {e}", path.shown())),
        }
    }
}
