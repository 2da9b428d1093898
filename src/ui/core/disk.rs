//! The annotation file changed on disk while the reader runs (a `git pull`,
//! a sync folder): take their version in and keep our unsaved work on top,
//! or ask when both changed the same highlight. Their work is never
//! overwritten unasked; questions are asked through the
//! yes/no mode (as [`Effect`]s, handed back to the dispatcher).

use std::sync::Arc;

use crate::model::annotations::merge::{Choice, Merge, Side, merge};
use crate::model::annotations::{Change, Snapshot};
use crate::model::count::{count, plural};
use crate::store::saver::OnDisk;

use super::Core;
use super::effect::{DiskConflict, Effect, Open, Pending};

/// The saver found their version: merge it with ours against the version
/// both started from. Ours applied on top when they touch other
/// highlights; a question when the same highlight changed on both sides.
/// `earlier` is the base of a question about an earlier change, which the
/// dispatcher has closed: ours has not taken that one in, so this merge
/// starts from where that one did.
pub fn changed(core: &mut Core, on_disk: &OnDisk, earlier: Option<Arc<Snapshot>>) -> Effect {
    let base = earlier.unwrap_or_else(|| Arc::clone(&on_disk.base));
    let theirs = Side::from(&*on_disk.theirs);
    let m = merge(Side::from(&*base), Side::from(&core.annotations), theirs);
    core.saving.unreadable = None;
    core.saving.error = None;
    // There is a file now, whoever wrote it.
    core.saving.fresh = false;
    if m.has_conflicts() {
        let n = m.conflict_count();
        let question = format!(
            "{} changed on disk, and {n} {} changed both there and here. \
             Keep both versions (theirs, and a copy of yours)?",
            core.saving.label,
            plural(n, "highlight, tag or link was", "highlights, tags or links were"),
        );
        let conflict = Box::new(DiskConflict { merge: m, generation: on_disk.generation, base });
        return ask(question, Pending::DiskBoth(conflict));
    }
    let had_unsaved = core.unsaved();
    let r = m.resolve_all(Choice::Theirs, String::new);
    let same_as_theirs = r.tags == theirs.tags
        && r.highlights == theirs.highlights
        && r.relations == theirs.relations
        && r.links == theirs.links;
    let (n, removed) = take_in(core, &m, Choice::Theirs, on_disk.generation);
    if same_as_theirs {
        // What is on disk is what we have: nothing to write.
        core.saving.saved_revision = core.annotations.revision();
    }
    core.message = Some(format!(
        "{} changed on disk: {}{}{} taken in{}",
        core.saving.label,
        followed(&m),
        removals(removed),
        count(n, "change", "changes"),
        if had_unsaved { ", yours kept on top" } else { "" },
    ));
    Effect::None
}

/// The file on disk cannot be read: nothing is saved until it parses again,
/// or until the user keeps their own version (never over a newer format).
/// The question is asked once while it cannot be read, only over the
/// reader (`idle`), and only once there is work of the user's to write
/// (before, there is nothing to keep).
pub fn unreadable(core: &mut Core, message: String, newer: bool, idle: bool) -> Effect {
    let hint = if newer {
        "changed on disk by a newer crosstalk; never written over"
    } else {
        "changed on disk; waiting until it parses"
    };
    core.saving.error = Some(format!("{message} — {hint}"));
    core.saving.unreadable = Some(newer);
    if !core.saving.asked_unreadable && !newer && idle && core.unsaved() {
        core.saving.asked_unreadable = true;
        return ask_unreadable(core, &message, false);
    }
    Effect::None
}

/// The file that could not be read parses again, as it was: nothing is
/// waiting on it.
pub fn readable(core: &mut Core) -> Effect {
    core.saving.asked_unreadable = false;
    if core.saving.unreadable.take().is_some() {
        core.saving.error = None;
        core.message = Some(format!("{} reads again", core.saving.label));
    }
    Effect::None
}

/// Asks whether to write ours over an unreadable file (theirs kept aside).
pub fn ask_unreadable(core: &Core, message: &str, quitting: bool) -> Effect {
    let question = format!(
        "{message}. The file changed on disk and cannot be read. Write yours over it \
         (theirs is kept as {}.theirs-<time>.ron)? n: wait, saving resumes when it parses",
        core.saving.label
    );
    ask(question, Pending::DiskUnreadable { quitting })
}

/// Quitting while the file on disk needs an answer: `Some` to stop there.
/// `question` is the yes/no question open on top, if any.
pub fn quit(core: &mut Core, question: Option<&mut Pending>) -> Option<Effect> {
    let unsaved = core.unsaved();
    if let Some(pending) = question {
        match pending {
            Pending::DiskBoth(_) | Pending::DiskMine(_) => {
                core.message = Some("the file changed on disk: answer the question first".into());
                return Some(Effect::None);
            }
            Pending::DiskUnreadable { quitting } if !*quitting && unsaved => {
                *quitting = true;
                return Some(Effect::None);
            }
            _ => return None,
        }
    }
    if core.unsaved() && core.saving.unreadable == Some(false) {
        let error = core.saving.error.clone().unwrap_or_default();
        let why = error.split(" — ").next().unwrap_or_default().to_owned();
        return Some(ask_unreadable(core, &why, true));
    }
    None
}

/// The base of a pending merge, if `pending` is one of this module's
/// questions (`Some(None)` for one without a merge).
pub fn question_base(pending: &Pending) -> Option<Option<Arc<Snapshot>>> {
    match pending {
        Pending::DiskBoth(d) | Pending::DiskMine(d) => Some(Some(Arc::clone(&d.base))),
        Pending::DiskUnreadable { .. } => Some(None),
        _ => None,
    }
}

fn ask(question: String, pending: Pending) -> Effect {
    Effect::Open(Open::Confirm { question, pending })
}

/// `y` to one of this module's questions.
pub fn yes(core: &mut Core, pending: Pending) -> Effect {
    match pending {
        Pending::DiskBoth(c) => settle(core, &c, Choice::Both),
        Pending::DiskMine(c) => {
            settle(core, &c, Choice::Mine);
            core.saving.keep_mine = true;
        }
        Pending::DiskUnreadable { quitting } => {
            core.saving.keep_mine = true;
            core.saving.unreadable = None;
            core.message = Some("writing yours; theirs is kept aside".into());
            if quitting {
                return Effect::Quit;
            }
        }
        _ => {}
    }
    Effect::None
}

/// `n` to one of this module's questions (`None` if it was not one): what
/// follows, perhaps another question.
pub fn no(core: &mut Core, pending: &Pending) -> Option<Effect> {
    match pending {
        Pending::DiskBoth(c) => {
            let question = "Keep yours for those (theirs is kept as a .theirs-<time>.ron file \
                            beside it)? n: keep theirs (yours stay in undo)"
                .to_owned();
            Some(ask(question, Pending::DiskMine(c.clone())))
        }
        Pending::DiskMine(c) => {
            settle(core, c, Choice::Theirs);
            Some(Effect::None)
        }
        Pending::DiskUnreadable { .. } => {
            core.message = Some("waiting for the file to parse again; nothing is saved".into());
            Some(Effect::None)
        }
        _ => None,
    }
}

fn settle(core: &mut Core, c: &DiskConflict, choice: Choice) {
    let (n, removed) = take_in(core, &c.merge, choice, c.generation);
    let head = format!("{}: {}", core.saving.label, followed(&c.merge));
    core.message = Some(settled(head, n, removed, choice));
}

/// What the info line says once a conflict is settled: `head`, then the
/// highlights removed, the changes taken in and the choice; that `u`
/// undoes it, once.
fn settled(head: String, n: usize, removed: usize, choice: Choice) -> String {
    let which = match choice {
        Choice::Both => "both versions kept",
        Choice::Mine => "yours kept, theirs set aside",
        // The removals already said that `u` undoes it all.
        Choice::Theirs if removed > 0 => "theirs kept",
        Choice::Theirs => "theirs kept (u undoes)",
    };
    format!("{head}{}{} taken in, {which}", removals(removed), count(n, "change", "changes"))
}

/// Highlights the version on disk no longer has, said first: a copy of
/// the file from before our latest changes (a backup put back, a stale
/// sync) reads as their deleting them, and that must not pass unsaid.
fn removals(removed: usize) -> String {
    match removed {
        0 => String::new(),
        n => format!("{} removed there (u undoes it all); ", count(n, "highlight", "highlights")),
    }
}

/// The renames one side made that the other side's uses now follow, for
/// the message, first (a long info line is cut at the edge): a tag that
/// changed its name under someone's coding should not pass unsaid.
fn followed(m: &Merge) -> String {
    m.tag_renames
        .iter()
        .map(|(old, new)| format!("tag “{old}” is now “{new}” on both sides; "))
        .collect()
}

/// Applies the merge as one undoable edit; the number of changes, and of
/// highlights it removes.
fn take_in(core: &mut Core, m: &Merge, choice: Choice, generation: u64) -> (usize, usize) {
    let resolved = m.resolve_all(choice, || uuid::Uuid::new_v4().to_string());
    let edit = core.annotations.edit_to_all("changes on disk", &resolved);
    let n = edit.changes.len();
    let removed = edit
        .changes
        .iter()
        .filter(|c| matches!(c, Change::Highlight { before: Some(_), after: None }))
        .count();
    core.annotations.apply(edit);
    core.saving.disk_seen = core.saving.disk_seen.max(generation);
    (n, removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_settled_conflict_says_u_undoes_once() {
        for removed in [0, 1, 3] {
            for choice in [Choice::Both, Choice::Mine, Choice::Theirs] {
                let said = settled("t.ron: ".into(), 4, removed, choice);
                let times = said.matches("u undoes").count();
                let expected = usize::from(removed > 0 || choice == Choice::Theirs);
                assert_eq!(times, expected, "{said}");
                assert!(said.starts_with("t.ron: ") && said.contains("4 changes taken in"));
            }
        }
        let said = settled(String::new(), 1, 2, Choice::Theirs);
        assert_eq!(
            said,
            "2 highlights removed there (u undoes it all); 1 change taken in, theirs kept"
        );
    }
}
