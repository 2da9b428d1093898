//! Annotating from the reader: `t`, the digits, `e` and `d` tag, note or
//! delete what a finished selection (or the cursor's sentence) covers.
//! Opening the picker, the note editor or a question is an [`Effect`] for
//! the dispatcher. (Growing a selection is the select mode's.)

use crate::ui::core::Core;
use crate::ui::core::edit::{self, at_cursor, read_only, target, under_cursor};
use crate::ui::core::effect::{ChooseFor, Effect, Open, PickerPurpose};

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
/// itself when none covers exactly it). To tag, one highlight that covers
/// more than the sentence is asked about too: `t` inside a passage coded
/// whole may mean the passage or the sentence, and tagging the sentence
/// unasked made a second highlight beside the one the user meant.
fn chooser(core: &Core, then: ChooseFor) -> Option<Effect> {
    if core.selection.is_some_and(|s| s.voice == core.focus) && then != ChooseFor::Delete {
        return None;
    }
    let here = at_cursor(core);
    let t = target(core);
    let exact = here.iter().any(|h| h.start == t.start && h.end == t.end);
    // One highlight that covers the whole sentence and more (not a phrase
    // inside it, nor one that only reaches into it).
    let around = here.iter().all(|h| h.start <= t.start && h.end >= t.end);
    let one_around = here.len() == 1 && !exact && around && then == ChooseFor::Tag;
    if here.len() < 2 && !one_around {
        return None;
    }
    let mut ids: Vec<Option<String>> = here.iter().map(|h| Some(h.id.clone())).collect();
    if !exact && then != ChooseFor::Delete {
        ids.push(None);
    }
    Some(Effect::Open(Open::Chooser { ids, then }))
}

/// `1`–`9`: apply the tag on that quick key (or take it off again).
pub fn quick_tag(core: &mut Core, key: u8) -> Effect {
    match core.annotations.tags().iter().find(|t| t.key == Some(key)).map(|t| t.name.clone()) {
        Some(name) => {
            let target = target(core);
            edit::apply_tag(core, target, &name, false)
        }
        None => {
            core.message = Some(format!("no tag on key {key} (T opens the tag manager)"));
            Effect::None
        }
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
