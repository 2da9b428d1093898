//! Setting the checked tags on the passage (`Enter` after checking).

use crate::model::annotations::{PALETTE, Tag, Target};
use crate::ui::core::Core;
use crate::ui::core::edit::{commit, end_selection_on, keep_untagged, stamp};
use crate::ui::core::effect::Effect;

use super::Theirs;

/// Gives `target` exactly `tags` (creating those of `created` still checked)
/// as one undo step; with no tag left on a highlight with a note, asks first.
pub(super) fn finish(
    core: &mut Core,
    target: Target,
    tags: Vec<String>,
    created: &[String],
    theirs: &Theirs,
) -> Effect {
    if tags.is_empty() && core.annotations.exact(&target).is_some_and(|h| !h.note.trim().is_empty())
    {
        return Effect::Replace(keep_untagged(target));
    }
    let mut used: Vec<_> = core.annotations.tags().iter().map(|t| t.color).collect();
    let mut new_tags = Vec::new();
    for name in created.iter().filter(|n| tags.contains(n)) {
        if core.annotations.tag(name).is_some() {
            continue;
        }
        if let Some(tag) = theirs.missing(name) {
            used.push(tag.color);
            new_tags.push(tag.clone());
            continue;
        }
        let color = PALETTE
            .iter()
            .copied()
            .find(|c| !used.contains(c))
            .unwrap_or(PALETTE[used.len() % PALETTE.len()]);
        used.push(color);
        new_tags.push(Tag { name: name.clone(), color, description: String::new(), key: None });
    }
    let edit = core.annotations.set_tags(&core.doc, &target, &tags, &new_tags, false, &stamp(core));
    if commit(core, edit) {
        end_selection_on(core, &target);
    }
    Effect::Close
}
