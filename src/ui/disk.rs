//! The annotation file changed on disk while the reader runs (a `git pull`,
//! a sync folder): take their version in and keep our unsaved work on top,
//! or ask when both changed the same highlight. Their work is never
//! overwritten unasked; questions use the yes/no overlay.

use std::sync::Arc;

use crate::model::annotations::Snapshot;
use crate::model::annotations::merge::{Choice, Merge, Side, merge};
use crate::store::saver::OnDisk;

use super::app::{App, Effect};
use super::overlay::{Confirm, Overlay, Pending};

/// A merge waiting for the user's answer.
#[derive(Clone, Debug)]
pub struct DiskConflict {
    pub merge: Merge,
    /// The change on disk it answers (see `Saving::disk_seen`).
    pub generation: u64,
    /// What both sides started from, should the file change again meanwhile.
    pub base: Arc<Snapshot>,
}

/// The saver found their version: merge it with ours against the version
/// both started from. Ours applied on top when they touch other
/// highlights; a question when the same highlight changed on both sides.
pub fn changed(app: &mut App, on_disk: &OnDisk) {
    // A question about an earlier change is replaced: ours has not taken
    // that one in, so this merge starts from where that one did.
    let base = close_question(app).unwrap_or_else(|| Arc::clone(&on_disk.base));
    let theirs = Side::from(&*on_disk.theirs);
    let m = merge(Side::from(&*base), Side::from(&app.annotations), theirs);
    app.saving.unreadable = None;
    app.saving.error = None;
    if m.has_conflicts() {
        let question = format!(
            "{} changed on disk, and {} highlight(s) or tag(s) were changed both there and here. \
             Keep both versions (theirs, and a copy of yours)?",
            app.saving.label,
            m.conflict_count()
        );
        let conflict = Box::new(DiskConflict { merge: m, generation: on_disk.generation, base });
        ask(app, question, Pending::DiskBoth(conflict));
        return;
    }
    let had_unsaved = app.unsaved();
    let (tags, highlights) = m.resolve(Choice::Theirs, String::new);
    let same_as_theirs = tags == theirs.tags && highlights == theirs.highlights;
    let n = take_in(app, &m, Choice::Theirs, on_disk.generation);
    if same_as_theirs {
        // What is on disk is what we have: nothing to write.
        app.saving.saved_revision = app.annotations.revision();
    }
    app.message = Some(format!(
        "{} changed on disk: {n} change(s) taken in{}",
        app.saving.label,
        if had_unsaved { ", yours kept on top" } else { "" }
    ));
}

/// The file on disk cannot be read: nothing is saved until it parses again,
/// or until the user keeps their own version (never over a newer format).
pub fn unreadable(app: &mut App, message: String, newer: bool) {
    let hint = if newer {
        "changed on disk by a newer crosstalk; never written over"
    } else {
        "changed on disk; waiting until it parses"
    };
    let full = format!("{message} — {hint}");
    let first = app.saving.error.as_deref() != Some(full.as_str());
    app.saving.error = Some(full);
    app.saving.unreadable = Some(newer);
    if first && !newer && matches!(app.overlay, Overlay::None) {
        ask_unreadable(app, &message, false);
    }
}

/// Asks whether to write ours over an unreadable file (theirs kept aside).
pub fn ask_unreadable(app: &mut App, message: &str, quitting: bool) {
    let question = format!(
        "{message}. The file changed on disk and cannot be read. Write yours over it \
         (theirs is kept as {}.theirs-<time>.ron)? n: wait, saving resumes when it parses",
        app.saving.label
    );
    ask(app, question, Pending::DiskUnreadable { quitting });
}

/// Quitting while the file on disk needs an answer: `Some` to stop there.
pub fn quit(app: &mut App) -> Option<Effect> {
    let unsaved = app.unsaved();
    if let Overlay::Confirm(c) = &mut app.overlay {
        match &mut c.pending {
            Pending::DiskBoth(_) | Pending::DiskMine(_) => {
                app.message = Some("the file changed on disk: answer the question first".into());
                return Some(Effect::None);
            }
            Pending::DiskUnreadable { quitting } if !*quitting && unsaved => {
                *quitting = true;
                return Some(Effect::None);
            }
            _ => return None,
        }
    }
    if app.unsaved() && app.saving.unreadable == Some(false) {
        let error = app.saving.error.clone().unwrap_or_default();
        let why = error.split(" — ").next().unwrap_or_default().to_owned();
        ask_unreadable(app, &why, true);
        return Some(Effect::None);
    }
    None
}

impl PartialEq for DiskConflict {
    fn eq(&self, other: &Self) -> bool {
        self.generation == other.generation
            && self.merge == other.merge
            && Arc::ptr_eq(&self.base, &other.base)
    }
}
impl Eq for DiskConflict {}

/// Closes an open question of this module; the base of a pending merge.
fn close_question(app: &mut App) -> Option<Arc<Snapshot>> {
    let Overlay::Confirm(c) = &app.overlay else { return None };
    let base = match &c.pending {
        Pending::DiskBoth(d) | Pending::DiskMine(d) => Some(Arc::clone(&d.base)),
        Pending::DiskUnreadable { .. } => None,
        _ => return None,
    };
    if let Overlay::Confirm(c) = std::mem::take(&mut app.overlay) {
        app.overlay = *c.back;
    }
    base
}

fn ask(app: &mut App, question: String, pending: Pending) {
    let back = Box::new(std::mem::take(&mut app.overlay));
    app.overlay = Overlay::Confirm(Confirm { question, pending, back });
}

/// `y` to one of this module's questions.
pub fn yes(app: &mut App, pending: Pending) -> Effect {
    match pending {
        Pending::DiskBoth(c) => settle(app, &c, Choice::Both),
        Pending::DiskMine(c) => {
            settle(app, &c, Choice::Mine);
            app.saving.keep_mine = true;
        }
        Pending::DiskUnreadable { quitting } => {
            app.saving.keep_mine = true;
            app.saving.unreadable = None;
            app.message = Some("writing yours; theirs is kept aside".into());
            if quitting {
                return Effect::Quit;
            }
        }
        _ => {}
    }
    Effect::None
}

/// `n`: `true` if it was one of this module's questions.
pub fn no(app: &mut App, pending: &Pending) -> bool {
    match pending {
        Pending::DiskBoth(c) => {
            let question = "Keep yours for those (theirs is kept as a .theirs-<time>.ron file \
                            beside it)? n: keep theirs (yours stay in undo)"
                .to_owned();
            ask(app, question, Pending::DiskMine(c.clone()));
            true
        }
        Pending::DiskMine(c) => {
            settle(app, c, Choice::Theirs);
            true
        }
        Pending::DiskUnreadable { .. } => {
            app.message = Some("waiting for the file to parse again; nothing is saved".into());
            true
        }
        _ => false,
    }
}

fn settle(app: &mut App, c: &DiskConflict, choice: Choice) {
    let n = take_in(app, &c.merge, choice, c.generation);
    let which = match choice {
        Choice::Both => "both versions kept",
        Choice::Mine => "yours kept, theirs set aside",
        Choice::Theirs => "theirs kept (u undoes)",
    };
    app.message = Some(format!("{}: {n} change(s) taken in, {which}", app.saving.label));
}

/// Applies the merge as one undoable edit; the number of changes.
fn take_in(app: &mut App, m: &Merge, choice: Choice, generation: u64) -> usize {
    let (tags, highlights) = m.resolve(choice, || uuid::Uuid::new_v4().to_string());
    let edit = app.annotations.edit_to("changes on disk", tags, &highlights);
    let n = edit.changes.len();
    app.annotations.apply(edit);
    app.saving.disk_seen = app.saving.disk_seen.max(generation);
    n
}
