//! A reader opened read-only because another crosstalk on this machine had
//! the annotation file open takes the file over once that one has closed:
//! the lock is taken, the file read again (the other may have saved work),
//! and saving starts. Before, it stayed read-only, naming a process that
//! had quit, until it was started again.

use std::sync::Arc;
use std::time::{Duration, Instant};

use super::app::App;
use crate::store::{self, Lock, saver::Saver};

/// How often the lock is tried while another crosstalk holds it.
const EVERY: Duration = Duration::from_secs(1);

/// What writes the annotation file: the saver, and the lock taken late (the
/// one taken at the start is the caller's).
pub struct Writer {
    pub saver: Option<Saver>,
    lock: Option<Lock>,
    next: Option<Instant>,
}

impl Writer {
    pub fn new(saver: Option<Saver>) -> Self {
        Self { saver, lock: None, next: None }
    }
}

/// Tries, now and then, to take the file over (see the module's notes).
pub fn take_over(app: &mut App, w: &mut Writer) {
    if w.saver.is_some() || !app.saving.locked_out {
        return;
    }
    let now = Instant::now();
    if w.next.is_some_and(|next| now < next) {
        return;
    }
    w.next = Some(now + EVERY);
    let path = app.saving.path.clone();
    let Ok(lock) = store::lock(&path) else { return };
    app.saving.locked_out = false;
    // Read-only, nothing could be changed here: what is on disk now is
    // what to go on from.
    let print = match store::load_annotations_seen(&path, &app.doc) {
        Ok(Some((annotations, _, print))) => {
            app.annotations = annotations;
            print
        }
        // Gone meanwhile: what was read stays, written at the first change.
        Ok(None) => None,
        Err(e) => {
            app.saving.read_only =
                Some(format!("{e} — fix or move the file; nothing will be saved"));
            return;
        }
    };
    app.saving.read_only = None;
    app.saving.saved_revision = app.annotations.revision();
    app.message = Some("the other crosstalk has closed: you can code now".into());
    let saver =
        Saver::start_locked(&lock, path, Arc::clone(&app.doc), app.annotations.snapshot(), print);
    saver.begin();
    w.saver = Some(saver);
    w.lock = Some(lock);
}
