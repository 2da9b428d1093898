//! Settling a merge conflict in the reader. The git merge driver keeps both
//! versions of a highlight changed on both branches, each tagged
//! [`CONFLICT_TAG`] with a note line saying whose it is; the coder keeps
//! one, deletes the other and takes the tag off. What the driver added goes
//! with it: the note line when a highlight loses the tag, the tag itself
//! when its last use goes, so the codebook, the counts and the pooled
//! agreement figures are as before the conflict.

use jiff::Timestamp;

use super::filemerge::{CONFLICT_TAG, without_conflict_lines};
use super::{Annotations, Change, Edit, Highlight, Tag};

fn marked(tags: &[String]) -> bool {
    tags.iter().any(|t| t == CONFLICT_TAG)
}

/// `h` with `tags`, modified `now`; without the driver's note line if this
/// takes the conflict tag off.
pub(super) fn retagged(h: &Highlight, tags: Vec<String>, now: Timestamp) -> Highlight {
    let mut after = Highlight { tags, modified: now, ..h.clone() };
    if marked(&h.tags)
        && !marked(&after.tags)
        && let Some(note) = without_conflict_lines(&after.note)
    {
        after.note = note;
    }
    after
}

impl Annotations {
    /// `edit`, and the conflict tag's definition taken out with it if the
    /// edit takes the tag's last use away (one undo step).
    pub(super) fn settled(&self, mut edit: Edit) -> Edit {
        let uses =
            |h: &Option<std::sync::Arc<Highlight>>| h.as_ref().is_some_and(|h| marked(&h.tags));
        let before = self.highlights.iter().filter(|h| marked(&h.tags)).count();
        if before == 0 {
            return edit;
        }
        let mut after = before;
        let mut tags: &[Tag] = &self.tags;
        for change in &edit.changes {
            match change {
                Change::Highlight { before, after: now } => {
                    after =
                        (after + usize::from(uses(now))).saturating_sub(usize::from(uses(before)));
                }
                Change::Tags { after: now, .. } => tags = now,
                _ => {}
            }
        }
        if after > 0 || !tags.iter().any(|t| t.name == CONFLICT_TAG) {
            return edit;
        }
        let kept: Vec<Tag> = tags.iter().filter(|t| t.name != CONFLICT_TAG).cloned().collect();
        let change = Change::Tags { before: tags.to_vec(), after: kept };
        edit.changes.push(change);
        edit.label.push_str(&format!(" (no conflict left: tag “{CONFLICT_TAG}” removed)"));
        edit
    }
}
