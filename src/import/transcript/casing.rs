//! Whether `First:` inside a turn is a new speaker, from how the
//! transcript's labels are written.

use super::Turn;

/// How a label is written: capitals only, or capitals and lowercase.
fn case(label: &str) -> (bool, bool) {
    let upper = label.chars().any(char::is_uppercase);
    let lower = label.chars().any(char::is_lowercase);
    (upper && !lower, upper && lower)
}

/// What the labels so far say about words like `First:` inside a turn.
/// When the speakers are labelled in capitals (`SMITH:`, `JONES:`, two at
/// least) and none in mixed case, a mixed-case word and a colon on a line
/// right after a line of a turn (`First: the data.`) is text, not a new
/// speaker, unless it is a known speaker's label in another case.
#[derive(Default)]
pub(in crate::import) struct Casing {
    /// The capitals labels, lowercase, while no label is mixed case.
    caps: std::collections::HashSet<String>,
    mixed: bool,
}

impl Casing {
    /// A turn labelled `label`.
    pub fn see(&mut self, label: &str) {
        match case(label) {
            _ if self.mixed => {}
            (true, _) => {
                self.caps.insert(label.to_lowercase());
            }
            // A capitals speaker written otherwise (`Smith:`) is still one.
            (_, true) if self.caps.contains(&label.to_lowercase()) => {}
            (_, true) => {
                self.mixed = true;
                self.caps = Default::default();
            }
            _ => {}
        }
    }

    /// Whether `t`, on a line right after a line of a turn, continues it.
    pub fn continues(&self, t: &Turn) -> bool {
        !self.mixed
            && self.caps.len() >= 2
            && t.time.is_none()
            && !t.name.contains(char::is_whitespace)
            && case(t.name).1
            && !self.caps.contains(&t.name.to_lowercase())
    }
}
