//! Another coder's annotations beside ours (`crosstalk --against B.ron`):
//! read-only, drawn with a mark of their own. Here: the other coder
//! ([`Against`]) and the state of stepping through disagreements
//! ([`Stepping`]); the comparisons themselves are in
//! [`disagree`](super::disagree).

use std::sync::Arc;

use crate::model::agree::{Disagreement, Unit};
use crate::model::annotations::Annotations;
use crate::model::{Conversation, Pos};

use super::line::fit_words;
use super::text;

/// The other coder: who, from which file, and their highlights.
#[derive(Clone, Debug)]
pub struct Against {
    /// Their name: the coder their highlights carry, or the file's name.
    pub name: String,
    /// The file, as the status bar names it.
    pub label: String,
    pub annotations: Annotations,
}

/// Two loads of the same file are the same coder (the annotations have no
/// equality of their own; their revision is unique to each load).
impl PartialEq for Against {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
            && self.label == other.label
            && self.annotations.revision() == other.annotations.revision()
    }
}
impl Eq for Against {}

impl Against {
    /// `annotations` loaded from the file named `file_name`.
    pub fn new(annotations: Annotations, file_name: &str, label: String) -> Self {
        Self { name: coder_name(&annotations, file_name), label, annotations }
    }

    /// What the reader says of their highlights not in this text (left
    /// out of every comparison), if any: standard error alone went unseen
    /// behind the reader.
    pub fn lost(&self) -> Option<String> {
        match self.annotations.orphans().count() {
            0 => None,
            1 => Some("1 of their highlights is not in this text and is left out".into()),
            n => Some(format!("{n} of their highlights are not in this text and are left out")),
        }
    }
}

impl Stepping {
    /// Another coder now: nothing found or gone to so far counts.
    pub fn restart(&mut self) {
        self.cache = None;
        self.last = None;
    }
}

/// The one coder `annotations`' highlights carry, or `file_name` when they
/// carry several or none.
pub fn coder_name(annotations: &Annotations, file_name: &str) -> String {
    annotations.sole_coder().unwrap_or(file_name).to_owned()
}

/// One disagreement in reading order, with the tag it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stretch {
    pub tag: String,
    pub d: Disagreement,
}

/// Stretches found at (revision, unit, tag).
pub(super) type Cached = (u64, Unit, Option<String>, Arc<Vec<Stretch>>);

/// What the reader's disagreement stepping works from: the unit and tag
/// last chosen in the agreement view, the stretches (cached), and which one
/// was gone to last.
#[derive(Clone, Debug, Default)]
pub struct Stepping {
    pub unit: Unit,
    /// `None`: every tag without tags under it.
    pub tag: Option<String>,
    /// (revision, unit, tag) the stretches were found at, and them.
    pub(super) cache: Option<Cached>,
    /// The stretch gone to last (see [`Visited`]).
    pub(super) last: Option<Visited>,
}

/// The stretch stepping went to last: its place in the list, where it is,
/// the cursor it left and the annotations' revision then. Stepping goes on
/// from it while the cursor stays there: by its place while nothing was
/// coded, else from where it was (adopting a disagreement takes it out of
/// the list: by place, the one after it was skipped; from the cursor's
/// sentence, one before it in the same sentence came round again).
#[derive(Clone, Copy, Debug)]
pub(super) struct Visited {
    pub i: usize,
    pub voice: usize,
    pub start: crate::model::Pos,
    pub end: crate::model::Pos,
    pub cursor: super::pane::Cursor,
    pub revision: u64,
}

/// `[start, end)` without the whitespace at its ends (a selection never
/// starts or ends on a space).
pub fn trimmed(doc: &Conversation, voice: usize, start: Pos, end: Pos) -> (Pos, Pos) {
    let v = &doc.voices()[voice];
    let text = |p: u32| v.paragraphs.get(p as usize).map_or("", |i| doc.paragraph(i).text());
    let st = text(start.para);
    let sb = (start.byte as usize).min(st.len());
    let s = Pos::new(start.para as usize, st.len() - st[sb..].trim_start().len());
    let et = text(end.para);
    let eb = (end.byte as usize).min(et.len());
    let e = Pos::new(end.para as usize, et[..eb].trim_end().len());
    if s < e { (s, e) } else { (start, end) }
}

/// What the agreement keys say without another coder.
pub const NO_OTHER: &str = "no other coder: press B to name their annotation file (or start with crosstalk --against FILE)";

/// The first words of `[start, end)` in `voice` in at most `max` cells,
/// cut between words, with `…` when anything is left out.
pub fn first_words(doc: &Conversation, voice: usize, start: Pos, end: Pos, max: usize) -> String {
    let v = &doc.voices()[voice];
    let Some(p) = v.paragraphs.get(start.para as usize) else { return String::new() };
    let text = doc.paragraph(p).text();
    let s = (start.byte as usize).min(text.len());
    let e = if end.para == start.para { (end.byte as usize).min(text.len()) } else { text.len() };
    let words: String =
        text.get(s..e.max(s)).unwrap_or("").split_whitespace().collect::<Vec<_>>().join(" ");
    if end.para > start.para && text::width(&words) < max {
        return format!("{words}…");
    }
    fit_words(&words, max).into_owned()
}
