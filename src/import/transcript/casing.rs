//! Whether `First:` inside a turn is a new speaker, from how the
//! transcript's labels and turns are written so far.

use std::collections::HashSet;

use super::Turn;

/// How a label is written: capitals only, or capitals and lowercase.
fn case(label: &str) -> (bool, bool) {
    let upper = label.chars().any(char::is_uppercase);
    let lower = label.chars().any(char::is_lowercase);
    (upper && !lower, upper && lower)
}

/// What the labels so far say about words like `First:` inside a turn.
///
/// When the speakers are labelled in capitals (`SMITH:`, `JONES:`, two at
/// least) and none in mixed case, a mixed-case word and a colon on a line
/// right after a line of a turn (`First: the data.`) is text, not a new
/// speaker, unless it is a known speaker's label in another case.
///
/// And after the first turn, one of a few words speakers set off with a
/// colon ([`ASIDES`]), never a label before, followed by lowercase (`First: the data retention…`,
/// `Note: the witness…`) is text; so is a comma and a name never a label
/// before, followed by lowercase (`Thanks, Maria: that was helpful`).
#[derive(Default)]
pub(in crate::import) struct Casing {
    /// The capitals labels, lowercase, while no label is mixed case.
    caps: HashSet<String>,
    mixed: bool,
    /// Every label so far, as written and in lowercase (both made once a
    /// label: a turn of a known label costs no allocation).
    seen: HashSet<String>,
    lower: HashSet<String>,
    turns: usize,
}

impl Casing {
    /// A turn `t`.
    pub fn see(&mut self, t: &Turn) {
        let label = t.name;
        if !self.seen.contains(label) {
            self.seen.insert(label.to_owned());
            self.lower.insert(label.to_lowercase());
        }
        self.turns += 1;
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

    /// Whether `t` is text of the turn before it: `in_turn`, it is on a
    /// line right after a line of that turn.
    pub fn continues(&self, t: &Turn, in_turn: bool) -> bool {
        let word = t.time.is_none() && !t.name.contains(char::is_whitespace);
        let caps = in_turn
            && !self.mixed
            && self.caps.len() >= 2
            && case(t.name).1
            && !self.caps.contains(&t.name.to_lowercase());
        let unseen = || !self.lower.contains(&t.name.to_lowercase());
        let lowercase = t.text.starts_with(char::is_lowercase);
        // `First: the data…` in a turn (after a blank line too).
        let aside = self.turns >= 1
            && lowercase
            && ASIDES.contains(&t.name.to_lowercase().as_str())
            && unseen();
        // `Thanks, Maria: that was helpful`, `Manchester, England: where…`:
        // a comma and a name, then lowercase, never a label before. Not a
        // comma in brackets (`Aisha (nurse, 34): um, I…`), nor after a
        // time (`[00:00:05] Lee, Ann: um…`): prose has neither.
        let bare = t.name.split('(').next().unwrap_or_default();
        let addressed =
            self.turns >= 1 && t.time.is_none() && bare.contains(',') && lowercase && unseen();
        (word && (caps || aside)) || addressed
    }
}

/// Words a speaker puts before a colon in their own turn: `First: the
/// data…`, `Note: the witness…`. Only these: a new speaker may open in
/// lowercase (`Tom: um, yeah…`).
pub(super) const ASIDES: &[&str] = &[
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "finally",
    "next",
    "then",
    "also",
    "note",
    "nb",
    "update",
    "example",
    "edit",
    "summary",
    "warning",
    "reminder",
    "result",
    "results",
    "conclusion",
    "background",
    "context",
    "point",
    "again",
    "instead",
    "meanwhile",
    "secondly",
    "firstly",
    "thirdly",
    "lastly",
    "plus",
    "anyway",
];
