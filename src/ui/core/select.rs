//! The selection ([`Selection`]) and where its growing head goes.
//!
//! Units are sentences (without their trailing spaces) or words (with the punctuation that clings to
//! them: `it.` , `“quoted”`, not a dash between two words), so every head is
//! a boundary a highlight can start or end at: a selection never starts or
//! ends in whitespace, nor in an empty next paragraph.
//!
//! Forward (`j`, `w`): from a head after the anchor, the next unit's end;
//! from a head before it, the next unit's start (shrinking from the front)
//! until that reaches the anchor, which then is the selection again.
//! Back (`k`, `b`): from a head after the anchor, the end of the unit before
//! the last (shrinking: `v b` drops the sentence's last word), until that
//! would reach the anchor's start, when the head goes back before the anchor
//! (extending back: `v k` adds the sentence before).

use crate::model::annotations::Target;
use crate::model::{Conversation, Pos, Voice};

/// A selection growing in one voice: the sentence it started on (the
/// anchor) and a moving end (the head). A head after the anchor's start
/// ends the selection there (inside the anchor when `b` has shrunk it); a
/// head before the anchor starts it there, the anchor included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Selection {
    pub voice: usize,
    pub anchor: (Pos, Pos),
    pub head: Pos,
    /// `v` pressed again: the selection stays but no longer grows.
    pub done: bool,
}

impl Selection {
    /// What is drawn and what a tag applies to: from the anchor's start to
    /// the head, or from the head back to the anchor's end when the head is
    /// before the anchor. Heads are always unit boundaries (see
    /// [`step`]), so the ends are never whitespace.
    pub fn range(&self) -> (Pos, Pos) {
        let (a0, a1) = self.anchor;
        if self.head < a0 {
            (self.head, a1)
        } else if self.head == a0 {
            self.anchor
        } else {
            (a0, self.head)
        }
    }

    pub fn target(&self) -> Target {
        let (start, end) = self.range();
        Target { voice: self.voice, start, end }
    }
}

/// The head's next position, for a selection anchored on `anchor` (the
/// unit it started on) with its moving end at `head`.
pub fn step(
    doc: &Conversation,
    voice: &Voice,
    anchor: (Pos, Pos),
    head: Pos,
    forward: bool,
    word: bool,
) -> Pos {
    let (a0, a1) = anchor;
    let find = |from: Pos, forward: bool, end: bool| find(doc, voice, from, forward, word, end);
    if forward {
        if head < a0 {
            match find(head, true, false) {
                Some(p) if p < a0 => p,
                _ => a1,
            }
        } else {
            find(head, true, true).unwrap_or(head)
        }
    } else if head > a0 {
        match find(head, false, true) {
            Some(p) if p > a0 => p,
            _ => find(a0, false, false).unwrap_or(head),
        }
    } else {
        find(head, false, false).unwrap_or(head)
    }
}

/// The first unit boundary after `from` (forward) or before it: unit ends
/// if `end`, else unit starts; across paragraphs, within the voice.
fn find(
    doc: &Conversation,
    voice: &Voice,
    from: Pos,
    forward: bool,
    word: bool,
    end: bool,
) -> Option<Pos> {
    let pick = |para: usize, (s, e): (usize, usize)| Pos::new(para, if end { e } else { s });
    if forward {
        (from.para as usize..voice.paragraphs.len()).find_map(|para| {
            units(doc, voice, para, word).into_iter().map(|u| pick(para, u)).find(|p| *p > from)
        })
    } else {
        (0..=from.para as usize).rev().find_map(|para| {
            units(doc, voice, para, word)
                .into_iter()
                .rev()
                .map(|u| pick(para, u))
                .find(|p| *p < from)
        })
    }
}

/// The units of paragraph `para` as byte ranges, in order.
fn units(doc: &Conversation, voice: &Voice, para: usize, word: bool) -> Vec<(usize, usize)> {
    let p = doc.paragraph(voice.paragraphs[para]);
    let text = p.text();
    if word {
        p.words().iter().map(|w| clinging(text, w.start as usize, w.end as usize)).collect()
    } else {
        p.sentences()
            .iter()
            .map(|s| (s.start as usize, s.start as usize + text[s.range()].trim_end().len()))
            .filter(|(s, e)| e > s)
            .collect()
    }
}

/// A word widened over the punctuation next to it, when that punctuation
/// reaches whitespace or the paragraph's edge (`it.` but not `U.S’` of
/// `U.S’s`).
fn clinging(text: &str, mut start: usize, mut end: usize) -> (usize, usize) {
    let punct = |c: &char| !c.is_whitespace() && !c.is_alphanumeric();
    let after: usize = text[end..].chars().take_while(punct).map(char::len_utf8).sum();
    if text[end + after..].chars().next().is_none_or(char::is_whitespace) {
        end += after;
    }
    let before: usize = text[..start].chars().rev().take_while(punct).map(char::len_utf8).sum();
    if text[..start - before].chars().next_back().is_none_or(char::is_whitespace) {
        start -= before;
    }
    (start, end)
}
