//! A reader opened read-only because another crosstalk on this machine had
//! the annotation file open takes the file over once that one has closed:
//! the lock is taken, the file read again (the other may have saved work),
//! and saving starts. Before, it stayed read-only, naming a process that
//! had quit, until it was started again.

use std::sync::Arc;
use std::time::{Duration, Instant};

use super::app::App;
use super::signals::LastResort;
use crate::store::{self, Lock, saver::Saver};

/// How often the lock is tried while another crosstalk holds it.
const EVERY: Duration = Duration::from_secs(1);

/// What writes the annotation file: the saver, and the lock taken late (the
/// one taken at the start is the caller's); and what the last-resort exit
/// tidies up, told of a late one.
pub struct Writer {
    pub saver: Option<Saver>,
    lock: Option<Lock>,
    next: Option<Instant>,
    last: LastResort,
}

impl Writer {
    pub fn new(saver: Option<Saver>, last: LastResort) -> Self {
        Self { saver, lock: None, next: None, last }
    }
}

/// Tries, now and then, to take the file over (see the module's notes):
/// only once the crosstalk that held it has ended, not when its lock file
/// is gone (deleted by hand, or by a tidying tool), while it still writes.
pub fn take_over(app: &mut App, w: &mut Writer) {
    let Some((pid, start)) = app.saving.locked_out.filter(|_| w.saver.is_none()) else { return };
    let now = Instant::now();
    if w.next.is_some_and(|next| now < next) {
        return;
    }
    w.next = Some(now + EVERY);
    if !store::ended(pid, start) {
        return;
    }
    let path = app.saving.path.clone();
    // Another crosstalk may have taken it meanwhile: its turn, then.
    let lock = match store::lock(&path) {
        Ok(lock) => lock,
        Err(store::LockError::Held { pid }) => {
            app.saving.locked_out = Some((pid, store::started(pid)));
            return;
        }
        Err(_) => return,
    };
    app.saving.locked_out = None;
    if let Some(why) = store::not_writable(&path) {
        app.saving.read_only = Some(format!("{why} — nothing will be saved"));
        return;
    }
    // Read-only, nothing could be changed here: what is on disk now is
    // what to go on from.
    let print = match store::load_annotations_seen(&path, &app.doc) {
        Ok(Some((annotations, _, print))) => {
            app.annotations = annotations;
            app.saving.fresh = false;
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
    w.last.took(saver.progress(), lock.path().to_path_buf());
    w.saver = Some(saver);
    w.lock = Some(lock);
}
