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
                // A tag of ours that differs only in case is that tag: two
                // such names are refused everywhere else.
                let lower = name.to_lowercase();
                let ours = core.annotations.tags().iter().find(|t| t.name.to_lowercase() == lower);
                let name = ours.map_or(name, |t| &t.name);
                if out.on.contains(name) {
                    continue;
                }
                out.on.push(name.clone());
                if ours.is_none()
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
