//! What the last-resort exit (`signals`) must tidy up: the saving
//! thread's progress, to wait for, and the lock file, to remove. Shared, so
//! a saver and lock taken after the start (`takeover`) are known to it too.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use crate::store::saver::Progress;

/// What the last-resort exit must tidy up: shared, so a saver and lock
/// taken later (a reader taking a file over, `ui::takeover`) are known to
/// it too.
#[derive(Clone, Debug, Default)]
pub struct LastResort(Arc<Mutex<Tidy>>);

#[derive(Debug, Default)]
struct Tidy {
    /// The saving thread's progress, to wait for before exiting.
    saves: Option<Progress>,
    /// The lock file to remove.
    lock: Option<PathBuf>,
}

impl LastResort {
    pub fn new(saves: Option<Progress>, lock: Option<PathBuf>) -> Self {
        Self(Arc::new(Mutex::new(Tidy { saves, lock })))
    }

    /// A saver and a lock taken after the start.
    pub fn took(&self, saves: Progress, lock: PathBuf) {
        let mut t = self.0.lock().unwrap_or_else(|e| e.into_inner());
        t.saves = Some(saves);
        t.lock = Some(lock);
    }

    pub(super) fn tidy(&self) -> (Option<Progress>, Option<PathBuf>) {
        let t = self.0.lock().unwrap_or_else(|e| e.into_inner());
        (t.saves.clone(), t.lock.clone())
    }
}
