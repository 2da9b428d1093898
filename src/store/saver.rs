//! Saving off the input path: a thread that writes the latest snapshot it
//! has been given, reports each result, and retries a failed save until it
//! succeeds or a newer snapshot replaces it. Serialising 100,000 highlights
//! takes longer than a frame; the reader never waits for it.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use crate::model::Conversation;
use crate::model::annotations::Snapshot;

use super::{annotations_to_ron, save};

/// How long a failed save waits before trying again.
pub const RETRY: Duration = Duration::from_secs(2);

/// What happened to one save.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Saved {
    /// Revision `n` is on disk.
    Ok(u64),
    /// Revision `n` could not be written; it will be tried again.
    Failed(u64, String),
}

/// The saving thread and its channels.
pub struct Saver {
    jobs: Option<Sender<Snapshot>>,
    results: Receiver<Saved>,
    thread: Option<JoinHandle<()>>,
}

impl Saver {
    /// Starts a saver writing to `path` for conversation `doc`.
    pub fn start(path: PathBuf, doc: Arc<Conversation>) -> Self {
        let (jobs, job_rx) = mpsc::channel::<Snapshot>();
        let (result_tx, results) = mpsc::channel();
        let thread = thread::spawn(move || run(&path, &doc, &job_rx, &result_tx));
        Self { jobs: Some(jobs), results, thread: Some(thread) }
    }

    /// Asks for `snapshot` to be saved (replacing any older one still waiting).
    pub fn save(&self, snapshot: Snapshot) {
        if let Some(jobs) = &self.jobs {
            let _ = jobs.send(snapshot);
        }
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
        // Closing the channel lets the thread finish what it has and stop.
        self.jobs.take();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn run(
    path: &std::path::Path,
    doc: &Conversation,
    jobs: &Receiver<Snapshot>,
    results: &Sender<Saved>,
) {
    let mut pending: Option<Snapshot> = None;
    loop {
        let job = match pending.take() {
            Some(job) => job,
            None => match jobs.recv() {
                Ok(job) => job,
                Err(_) => return,
            },
        };
        // Only the newest snapshot matters.
        let job = jobs.try_iter().last().unwrap_or(job);
        let outcome = annotations_to_ron(&job, doc)
            .map_err(|e| format!("cannot serialise: {e}"))
            .and_then(|text| save(path, &text).map_err(|e| format!("{}: {e}", path.display())));
        match outcome {
            Ok(()) => {
                let _ = results.send(Saved::Ok(job.revision));
            }
            Err(message) => {
                let _ = results.send(Saved::Failed(job.revision, message));
                // Retry after a pause, unless something newer arrives first.
                match jobs.recv_timeout(RETRY) {
                    Ok(newer) => pending = Some(newer),
                    Err(RecvTimeoutError::Timeout) => pending = Some(job),
                    Err(RecvTimeoutError::Disconnected) => {
                        // Quitting: one last try, then stop.
                        let _ = annotations_to_ron(&job, doc).ok().map(|text| {
                            save(path, &text).map(|()| results.send(Saved::Ok(job.revision)))
                        });
                        return;
                    }
                }
            }
        }
    }
}
