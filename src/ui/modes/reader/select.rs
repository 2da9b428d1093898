//! Selecting and annotating from the reader: `v` starts a selection on the
//! cursor's sentence (and ends it), `j`/`k` and `w`/`b` grow it; `t`, the
//! digits, `e` and `d` tag, note or delete what the selection (or the
//! cursor's sentence) covers. Opening the picker, the note editor or a
//! question is an [`Effect`] for the dispatcher.

use crate::ui::core::Core;
use crate::ui::core::edit::{self, at_cursor, read_only, sentence_range, target, under_cursor};
use crate::ui::core::effect::{ChooseFor, Effect, Open, PickerPurpose};
use crate::ui::core::pane::{Cursor, rows};
use crate::ui::core::select::{Selection, step};

/// `v`: start a selection on the cursor's sentence; again: stop growing it.
pub fn toggle(core: &mut Core) {
    match &mut core.selection {
        Some(sel) if !sel.done && sel.voice == core.focus => sel.done = true,
        _ => {
            let voice = &core.doc.voices()[core.focus];
            let anchor = sentence_range(&core.doc, voice, core.panes[core.focus].cursor);
            core.selection =
                Some(Selection { voice: core.focus, anchor, head: anchor.1, done: false });
        }
    }
}

/// Moves the head of a growing selection by a sentence (`word == false`) or
/// a word, forward or back, across paragraphs; the cursor follows.
pub fn extend(core: &mut Core, forward: bool, word: bool) -> bool {
    let Some(sel) = core.selection.filter(|s| !s.done && s.voice == core.focus) else {
        return false;
    };
    let voice = &core.doc.voices()[sel.voice];
    let head = step(&core.doc, voice, sel.anchor, sel.head, forward, word);
    if let Some(s) = &mut core.selection {
        s.head = head;
    }
    // Put the cursor on the sentence at the head, so the view follows it.
    let para = head.para as usize;
    let p = core.doc.paragraph(voice.paragraphs[para]);
    let at = if head > sel.anchor.0 {
        (head.byte as usize).saturating_sub(1)
    } else {
        head.byte as usize
    };
    let view = core.viewport();
    let pane = &mut core.panes[sel.voice];
    pane.cursor = Cursor { para, sentence: p.sentence_at(at) };
    pane.ensure_visible(&mut rows(&core.doc, voice, view.width), view.height);
    true
}

/// `t` / `Enter`: the tag picker for the target (first, when several
/// highlights overlap the cursor's sentence, which of them).
pub fn open_picker(core: &mut Core) -> Effect {
    if read_only(core) {
        return Effect::None;
    }
    if let Some(choose) = chooser(core, ChooseFor::Tag) {
        return choose;
    }
    Effect::Open(Open::Picker(PickerPurpose::Apply(target(core))))
}

/// With no selection and several highlights overlapping the cursor's
/// sentence: the chooser among them (and, to tag or note, the sentence
/// itself when none covers exactly it).
fn chooser(core: &Core, then: ChooseFor) -> Option<Effect> {
    if core.selection.is_some_and(|s| s.voice == core.focus) && then != ChooseFor::Delete {
        return None;
    }
    let here = at_cursor(core);
    if here.len() < 2 {
        return None;
    }
    let t = target(core);
    let exact = here.iter().any(|h| h.start == t.start && h.end == t.end);
    let mut ids: Vec<Option<String>> = here.iter().map(|h| Some(h.id.clone())).collect();
    if !exact && then != ChooseFor::Delete {
        ids.push(None);
    }
    Some(Effect::Open(Open::Chooser { ids, then }))
}

/// `1`–`9`: apply the tag on that quick key.
pub fn quick_tag(core: &mut Core, key: u8) {
    match core.annotations.tags().iter().find(|t| t.key == Some(key)).map(|t| t.name.clone()) {
        Some(name) => {
            let target = target(core);
            edit::apply_tag(core, target, &name, false);
        }
        None => core.message = Some(format!("no tag on key {key} (T opens the tag manager)")),
    }
}

/// `e`: the note editor for the highlight under the cursor (or a new one on
/// the target when the note is first written).
pub fn open_note(core: &mut Core) -> Effect {
    if read_only(core) {
        return Effect::None;
    }
    if let Some(choose) = chooser(core, ChooseFor::Note) {
        return choose;
    }
    let target = target(core);
    let id = under_cursor(core).map(|h| h.id.clone());
    Effect::Open(Open::Note { id, target })
}

/// `d`: delete the highlight under the cursor, asking first if it has a note.
pub fn delete(core: &mut Core) -> Effect {
    if read_only(core) {
        return Effect::None;
    }
    if let Some(choose) = chooser(core, ChooseFor::Delete) {
        return choose;
    }
    let Some(h) = under_cursor(core) else {
        core.message = Some("no highlight under the cursor".into());
        return Effect::None;
    };
    let id = h.id.clone();
    edit::delete_highlight(core, &id)
}
