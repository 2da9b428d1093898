//! Annotating edits every mode shares: what the cursor or selection
//! targets, the highlight under the cursor, applying a tag, deleting (or
//! asking first), undo and redo. No I/O: edits go to
//! [`Annotations`](crate::model::annotations::Annotations), and the event
//! loop saves whatever revision is new.

use std::sync::Arc;

use crate::model::annotations::{Edit, Highlight, Stamp, Tag, Target, quote_in};
use crate::model::{Conversation, Pos, Voice};

use super::Core;
use super::effect::{Effect, Open, Pending};
use super::pane::Cursor;

/// The cursor's sentence in `voice`, without the whitespace around it.
pub fn sentence_range(doc: &Conversation, voice: &Voice, cursor: Cursor) -> (Pos, Pos) {
    let p = doc.paragraph(voice.paragraphs.at(cursor.para));
    let span = p.sentences()[cursor.sentence];
    let text = &p.text()[span.range()];
    let lead = text.len() - text.trim_start().len();
    let body = text.trim().len();
    let start = span.start as usize + lead;
    (Pos::new(cursor.para, start), Pos::new(cursor.para, start + body))
}

/// What tagging or a note acts on: the selection, or the cursor's sentence.
pub fn target(core: &Core) -> Target {
    if let Some(sel) = core.selection.filter(|s| s.voice == core.focus) {
        return sel.target();
    }
    let voice = &core.doc.voices()[core.focus];
    let (start, end) = sentence_range(&core.doc, voice, core.panes[core.focus].cursor);
    Target { voice: core.focus, start, end }
}

/// The highlight "under the cursor": the one covering exactly the target,
/// else the smallest one containing the target's start, else the first one
/// overlapping it.
pub fn under_cursor(core: &Core) -> Option<&Arc<Highlight>> {
    let t = target(core);
    let overlapping: Vec<&Arc<Highlight>> =
        core.annotations.overlapping(t.voice, t.start, t.end).collect();
    overlapping
        .iter()
        .find(|h| h.start == t.start && h.end == t.end)
        .or_else(|| {
            overlapping
                .iter()
                .filter(|h| h.start <= t.start)
                .min_by_key(|h| (h.end.para - h.start.para, h.end.byte.wrapping_sub(h.start.byte)))
        })
        .or_else(|| overlapping.first())
        .copied()
}

/// Every highlight overlapping the cursor's sentence (for the info line).
pub fn at_cursor(core: &Core) -> Vec<&Arc<Highlight>> {
    let t = target(core);
    core.annotations.overlapping(t.voice, t.start, t.end).collect()
}

pub fn stamp(core: &Core) -> Stamp {
    Stamp { id: uuid::Uuid::new_v4().to_string(), coder: core.coder.clone(), now: core.now }
}

/// Applies an edit unless the file is read-only; says what happened.
pub fn commit(core: &mut Core, edit: Edit) -> bool {
    if let Some(why) = &core.saving.read_only {
        core.message = Some(format!("read-only: {why}"));
        return false;
    }
    core.message = Some(edit.label.clone());
    let changed = !edit.changes.is_empty();
    core.annotations.apply(edit);
    changed
}

pub fn read_only(core: &mut Core) -> bool {
    if let Some(why) = &core.saving.read_only {
        core.message = Some(format!("read-only: {why}"));
        return true;
    }
    false
}

/// The colour for a new tag: the first palette colour no tag uses (see
/// [`Annotations::next_color`](crate::model::annotations::Annotations::next_color)).
pub fn next_color(core: &Core) -> crate::model::annotations::Rgb {
    core.annotations.next_color()
}

/// Applies tag `name` (creating it if `new`) to `target` — or takes it off
/// the highlight on exactly `target` that has it — and ends the selection.
pub fn apply_tag(core: &mut Core, target: Target, name: &str, new: bool) -> Effect {
    let new_tag = new.then(|| Tag {
        name: name.to_owned(),
        color: next_color(core),
        description: String::new(),
        key: None,
    });
    apply_defined(core, target, name, new_tag)
}

/// [`apply_tag`], a new tag made as `new_tag` defines it (another coder's
/// tag taken with its colour and description).
pub fn apply_defined(core: &mut Core, target: Target, name: &str, new_tag: Option<Tag>) -> Effect {
    // Taking off a highlight's last tag takes the highlight, as one undo
    // step — or, when it has a note, asks first.
    if let Some(h) = core.annotations.exact(&target).filter(|h| h.tags == [name]) {
        if !h.note.trim().is_empty() {
            return Effect::Open(keep_untagged(target));
        }
        let edit = core.annotations.set_tags(&core.doc, &target, &[], &[], false, &stamp(core));
        if commit(core, edit) {
            end_selection_on(core, &target);
        }
        return Effect::None;
    }
    let edit = core.annotations.tag_target(&core.doc, &target, name, new_tag, &stamp(core));
    if commit(core, edit) {
        end_selection_on(core, &target);
    }
    Effect::None
}

/// The question when a highlight with a note loses its last tag.
pub fn keep_untagged(target: Target) -> Open {
    // `Esc` (changing nothing) is shown with the answer keys.
    let question =
        "That was its last tag. Keep the highlight as an untagged note? (n deletes it with its note)"
            .to_owned();
    Open::Confirm { question, pending: Pending::KeepUntagged(target) }
}

/// A selection that has been tagged or noted is done with; one waiting in
/// another voice is kept.
pub fn end_selection_on(core: &mut Core, target: &Target) {
    if core.selection.is_some_and(|s| s.target() == *target) {
        core.selection = None;
    }
}

/// The first line of `text` in at most `max` cells, cut at a word
/// boundary (between graphemes only inside a word wider than that), with
/// `…` after it when anything was left out (more lines included).
pub fn first_line(text: &str, max: usize) -> String {
    let line = text.lines().next().unwrap_or("");
    let kept = super::line::head_words(line, max);
    if kept.len() < line.len() || text.lines().nth(1).is_some() {
        format!("{kept}…")
    } else {
        line.to_owned()
    }
}

pub fn undo(core: &mut Core) {
    if read_only(core) {
        return;
    }
    core.message = Some(match core.annotations.undo() {
        Some(label) => format!("undid: {label}"),
        None => "nothing to undo".into(),
    });
}

pub fn redo(core: &mut Core) {
    if read_only(core) {
        return;
    }
    core.message = Some(match core.annotations.redo() {
        Some(label) => format!("redid: {label}"),
        None => "nothing to redo".into(),
    });
}

/// Deletes highlight `id`, or (if it has a note) the question to ask first.
pub fn delete_highlight(core: &mut Core, id: &str) -> Effect {
    let Some(h) = core.annotations.highlight(id) else { return Effect::None };
    // A link's note goes with the highlight too: asked about as its own is.
    let link_note = core.annotations.links_of(id).find(|l| !l.note.trim().is_empty());
    let question = match (h.note.trim().is_empty(), link_note) {
        (true, None) => {
            let edit = core.annotations.delete(id);
            commit(core, edit);
            return Effect::None;
        }
        (false, _) => {
            format!("Delete this highlight and its note (“{}”)?", first_line(&h.note, 40))
        }
        (true, Some(l)) => format!(
            "Delete this highlight and its link, with the link's note (“{}”)?",
            first_line(&l.note, 40)
        ),
    };
    Effect::Open(Open::Confirm { question, pending: Pending::DeleteHighlight(id.to_owned()) })
}

/// `]` / `[`: the cursor to the next or previous highlight of the focused
/// voice (from the cursor's sentence), with its tags on the info line.
pub fn jump(core: &mut Core, forward: bool) {
    let voice = &core.doc.voices()[core.focus];
    let (at, end) = sentence_range(&core.doc, voice, core.panes[core.focus].cursor);
    let found = if forward {
        // Past every highlight that starts in the cursor's sentence.
        core.annotations.next_after(
            core.focus,
            Pos::new(end.para as usize, (end.byte as usize).saturating_sub(1)),
        )
    } else {
        core.annotations.prev_before(core.focus, at)
    };
    let Some(h) = found.cloned() else {
        core.message = Some(format!(
            "no {} highlight in this voice",
            if forward { "later" } else { "earlier" }
        ));
        return;
    };
    core.go_to(core.focus, h.start);
}

/// The text `target` covers, as a highlight on it would quote it.
pub fn quote(core: &Core, target: &Target) -> String {
    let voice = &core.doc.voices()[target.voice];
    quote_in(&core.doc, voice, target.start, target.end).exact
}
