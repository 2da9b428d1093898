//! The other coder's tags on the passage being coded, offered in the tag
//! picker: adopting their coding of a disagreement is `>`, `t`, `Enter`,
//! with their tag as they define it.

use crate::model::annotations::{Tag, Target};
use crate::ui::core::Core;

/// The other coder's tags on the passage being coded.
#[derive(Clone, Debug, Default)]
pub struct Theirs {
    pub who: String,
    /// Every tag of theirs on the passage, in the order met.
    pub on: Vec<String>,
    /// Those we have no tag of that name for, as they define them.
    pub missing: Vec<Tag>,
}

impl Theirs {
    /// The other coder's tags on `target`, if there is another coder.
    pub(super) fn on(core: &Core, target: &Target) -> Self {
        let Some(against) = &core.against else { return Self::default() };
        let mut out = Self { who: against.name.clone(), ..Self::default() };
        let theirs = &against.annotations;
        for h in theirs.overlapping(target.voice, target.start, target.end) {
            for name in &h.tags {
                // By the exact name, as agreement compares them: a tag of
                // ours in other capitals would leave the disagreement as
                // it is, and add one.
                if out.on.contains(name) {
                    continue;
                }
                out.on.push(name.clone());
                if core.annotations.tag(name).is_none()
                    && let Some(tag) = theirs.tag(name)
                {
                    out.missing.push(Tag { key: None, ..tag.clone() });
                }
            }
        }
        out
    }

    /// Their definition of `name`, if it is one of theirs we lack.
    pub fn missing(&self, name: &str) -> Option<&Tag> {
        self.missing.iter().find(|t| t.name == name)
    }
}
