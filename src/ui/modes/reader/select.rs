//! Annotating from the reader: `t`, the digits, `e` and `d` tag, note or
//! delete what a finished selection (or the cursor's sentence) covers.
//! Opening the picker, the note editor or a question is an [`Effect`] for
//! the dispatcher. (Growing a selection is the select mode's.)

use crate::ui::core::Core;
use crate::ui::core::edit::{self, read_only, target, under_cursor};
use crate::ui::core::effect::{Effect, Open, PickerPurpose};

/// `t` / `Enter`: the tag picker for the target.
pub fn open_picker(core: &mut Core) -> Effect {
    if read_only(core) {
        return Effect::None;
    }
    Effect::Open(Open::Picker(PickerPurpose::Apply(target(core))))
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
    let target = target(core);
    let id = under_cursor(core).map(|h| h.id.clone());
    Effect::Open(Open::Note { id, target })
}

/// `d`: delete the highlight under the cursor, asking first if it has a note.
pub fn delete(core: &mut Core) -> Effect {
    if read_only(core) {
        return Effect::None;
    }
    let Some(h) = under_cursor(core) else {
        core.message = Some("no highlight under the cursor".into());
        return Effect::None;
    };
    let id = h.id.clone();
    edit::delete_highlight(core, &id)
}
