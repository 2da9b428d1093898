//! The selection ([`Selection`]), the word cursor's motions, and where a
//! selection's moving end goes.
//!
//! Units are graphemes (not whitespace), words (UAX #29 words: letters and
//! digits, `U.S`, `it’s`, each CJK ideograph; never the punctuation next to
//! them), sentences and paragraphs (each without the whitespace around it).
//! Every end a motion gives is a unit boundary, so a selection never starts
//! or ends in whitespace, nor in an empty next paragraph.
//!
//! Forward (`w`, `l`, `j`, `}`): from a head after the anchor, the next
//! unit's end; from a head before it, the next unit's start (shrinking from
//! the front) until that reaches the anchor, which then is the selection
//! again. Back (`b`, `h`, `k`, `{`): from a head after the anchor, the end
//! of the unit before (shrinking: `v b` drops the sentence's last word),
//! until that would reach the anchor's start, when the head goes back
//! before the anchor (extending back: `v k` adds the sentence before).

use unicode_segmentation::UnicodeSegmentation;

use crate::model::annotations::Target;
use crate::model::{Conversation, Pos, Voice};

/// What a motion moves by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Grapheme,
    Word,
    Sentence,
    Paragraph,
}

/// A selection in one voice: the unit it started on (the anchor) and a
/// moving end (the head). A head after the anchor's start ends the
/// selection there (inside the anchor when it has been shrunk); a head
/// before the anchor starts it there, the anchor included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Selection {
    pub voice: usize,
    pub anchor: (Pos, Pos),
    pub head: Pos,
    /// `v` pressed again (or the mouse released): the selection stays but
    /// no longer grows.
    pub done: bool,
}

impl Selection {
    /// A selection of `[start, end)`, its head at the end.
    pub fn of(voice: usize, start: Pos, end: Pos) -> Self {
        Self { voice, anchor: (start, end), head: end, done: false }
    }

    /// What is drawn and what a tag applies to: from the anchor's start to
    /// the head, or from the head back to the anchor's end when the head is
    /// before the anchor.
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

    /// `o`: the other end moves from now on; the range stays. The end that
    /// stops moving keeps its last (or first) word — or character, inside a
    /// word — as the anchor, so the selection never becomes empty nor takes
    /// in the space beside it.
    pub fn swap(&mut self, doc: &Conversation, voice: &Voice) {
        let (start, end) = self.range();
        if start >= end {
            return;
        }
        // The word at that end when the end is a word's edge (else its
        // character): moving the other end past it keeps a whole word.
        let first = word_at(doc, voice, start)
            .filter(|&(s, e)| s == start && e <= end)
            .map(|(_, e)| e)
            .or_else(|| find(doc, voice, start, true, Unit::Grapheme, true).filter(|&e| e <= end));
        let before_end = find(doc, voice, end, false, Unit::Grapheme, false);
        let last = before_end
            .and_then(|p| word_at(doc, voice, p))
            .filter(|&(s, e)| e == end && s >= start)
            .map(|(s, _)| s)
            .or_else(|| before_end.filter(|&s| s >= start));
        if self.head == end {
            self.anchor = (last.unwrap_or(start), end);
            self.head = start;
        } else {
            self.anchor = (start, first.unwrap_or(end));
            self.head = end;
        }
    }

    /// Whether the head is the selection's start (it moves the front).
    pub fn head_at_start(&self) -> bool {
        self.head < self.anchor.0
    }
}

/// The head's next position, for a selection anchored on `anchor` with its
/// moving end at `head`, moving by `unit`.
pub fn step(
    doc: &Conversation,
    voice: &Voice,
    anchor: (Pos, Pos),
    head: Pos,
    forward: bool,
    unit: Unit,
) -> Pos {
    let (a0, a1) = anchor;
    let find = |from: Pos, forward: bool, end: bool| find(doc, voice, from, forward, unit, end);
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
            // No unit ends between the anchor and the moving end (`{` from
            // the end of the first paragraph): back to the anchor itself,
            // and past it on the next press.
            _ if head > a1 => a1,
            _ => find(a0, false, false).unwrap_or(head),
        }
    } else {
        find(head, false, false).unwrap_or(head)
    }
}

/// The word after (or before) the one starting at `from`, as its start and
/// end: where `w` / `b` put the word cursor, across sentences and
/// paragraphs of the voice.
pub fn next_word(
    doc: &Conversation,
    voice: &Voice,
    from: Pos,
    forward: bool,
) -> Option<(Pos, Pos)> {
    let start = find(doc, voice, from, forward, Unit::Word, false)?;
    let end = find(doc, voice, start, true, Unit::Word, true)?;
    Some((start, end))
}

/// The word of paragraph `para` that starts at or after byte `at`, within
/// `[at, before)`: the first word of a sentence.
pub fn first_word(
    doc: &Conversation,
    voice: &Voice,
    para: usize,
    at: usize,
    before: usize,
) -> Option<(Pos, Pos)> {
    units(doc, voice, para, Unit::Word)
        .into_iter()
        .find(|&(s, _)| s >= at && s < before)
        .map(|(s, e)| (Pos::new(para, s), Pos::new(para, e)))
}

/// `[start, end)` of `voice` from the start of its first whole word to the
/// end of its last, across paragraphs; `None` if it holds no word.
pub fn words_within(doc: &Conversation, voice: &Voice, start: Pos, end: Pos) -> Option<(Pos, Pos)> {
    let (a, b) = (start.para as usize, end.para as usize);
    let span = |para: usize| {
        let from = if para == a { start.byte as usize } else { 0 };
        let to = if para == b { end.byte as usize } else { usize::MAX };
        units(doc, voice, para, Unit::Word).into_iter().filter(move |&(s, e)| s >= from && e <= to)
    };
    let first = (a..=b).find_map(|p| span(p).next().map(|(s, _)| Pos::new(p, s)))?;
    let last = (a..=b).rev().find_map(|p| span(p).next_back().map(|(_, e)| Pos::new(p, e)))?;
    Some((first, last))
}

/// The word of `voice` that `pos` is in (its start inclusive).
pub fn word_at(doc: &Conversation, voice: &Voice, pos: Pos) -> Option<(Pos, Pos)> {
    let para = pos.para as usize;
    units(doc, voice, para, Unit::Word)
        .into_iter()
        .find(|&(s, e)| s <= pos.byte as usize && (pos.byte as usize) < e)
        .map(|(s, e)| (Pos::new(para, s), Pos::new(para, e)))
}

/// The first unit boundary after `from` (forward) or before it: unit ends
/// if `end`, else unit starts; across paragraphs, within the voice.
///
/// Going back to an end, or forward to a start, passes over the unit that
/// `from` is in or at the edge of (with any punctuation between): `b` from
/// after `grounds.` goes to the end of the word before `grounds`, not to
/// just before its full stop.
fn find(
    doc: &Conversation,
    voice: &Voice,
    from: Pos,
    forward: bool,
    unit: Unit,
    end: bool,
) -> Option<Pos> {
    let all = |para: usize| units(doc, voice, para, unit).into_iter().map(move |u| (para, u));
    let at = |para: usize, (s, e): (usize, usize)| (Pos::new(para, s), Pos::new(para, e));
    if forward {
        let mut next =
            (from.para as usize..voice.paragraphs.len()).flat_map(all).map(|(p, u)| at(p, u));
        if end {
            next.find(|(_, e)| *e > from).map(|(_, e)| e)
        } else {
            // Past the unit that ends after `from`, to the start of the next.
            next.find(|(_, e)| *e > from);
            next.next().map(|(s, _)| s)
        }
    } else {
        let mut prev =
            (0..=from.para as usize).rev().flat_map(|p| all(p).rev()).map(|(p, u)| at(p, u));
        if end {
            // Before the unit that starts before `from`, to the end of the one before.
            prev.find(|(s, _)| *s < from);
            prev.next().map(|(_, e)| e)
        } else {
            prev.find(|(s, _)| *s < from).map(|(s, _)| s)
        }
    }
}

/// The units of paragraph `para` as byte ranges, in order, none of them
/// empty or whitespace.
fn units(doc: &Conversation, voice: &Voice, para: usize, unit: Unit) -> Vec<(usize, usize)> {
    let p = doc.paragraph(voice.paragraphs.at(para));
    let text = p.text();
    match unit {
        Unit::Grapheme => text
            .grapheme_indices(true)
            .filter(|(_, g)| !g.chars().all(char::is_whitespace))
            .map(|(at, g)| (at, at + g.len()))
            .collect(),
        Unit::Word => p.words().iter().map(|w| (w.start as usize, w.end as usize)).collect(),
        Unit::Sentence => p
            .sentences()
            .iter()
            .map(|s| trimmed(text, s.start as usize, s.end as usize))
            .filter(|(s, e)| e > s)
            .collect(),
        Unit::Paragraph => {
            Some(trimmed(text, 0, text.len())).filter(|(s, e)| e > s).into_iter().collect()
        }
    }
}

/// `[start, end)` of `text` without the whitespace at either end.
fn trimmed(text: &str, start: usize, end: usize) -> (usize, usize) {
    let slice = &text[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let body = slice.trim();
    (start + lead, start + lead + body.len())
}

/// `[start, end)` in `voice` without the whitespace (or empty paragraphs)
/// at either end; `None` when nothing but whitespace is left. What a mouse
/// selection, which may start and end anywhere, codes.
pub fn trim(doc: &Conversation, voice: &Voice, start: Pos, end: Pos) -> Option<(Pos, Pos)> {
    let first = find(
        doc,
        voice,
        Pos::new(start.para as usize, start.byte as usize),
        true,
        Unit::Grapheme,
        true,
    )?;
    // The first non-space grapheme at or after `start`: its start.
    let start = find(doc, voice, first, false, Unit::Grapheme, false)?;
    let last = find(doc, voice, end, false, Unit::Grapheme, false)?;
    let end = find(doc, voice, last, true, Unit::Grapheme, true)?;
    (start < end).then_some((start, end))
}

/// `3 words: national … concerns` (or the one word, or the two). Words are
/// counted as `w` moves and as the tables count them (UAX #29 words with a
/// letter or digit: `is—frankly—behind.` is three, `为这是错` four); the
/// first and last shown are as written, between spaces.
pub fn summary(quote: &str) -> String {
    let count = crate::model::segment::word_count(quote);
    let noun = if count == 1 { "word" } else { "words" };
    let shown: Vec<&str> = quote.split_whitespace().collect();
    let fit = |w: &str| super::text::fit(w, 20).into_owned();
    match shown.as_slice() {
        [] => "nothing selected".into(),
        [one] => format!("{count} {noun}: {}", fit(one)),
        [first, last] => format!("{count} {noun}: {} {}", fit(first), fit(last)),
        [first, .., last] => format!("{count} {noun}: {} … {}", fit(first), fit(last)),
    }
}

#[cfg(test)]
mod tests {
    use super::summary;

    #[test]
    fn the_count_is_of_words_as_w_moves_over_them() {
        assert_eq!(summary("national security concerns"), "3 words: national … concerns");
        assert_eq!(summary("Hello,"), "1 word: Hello,");
        assert_eq!(summary("two words"), "2 words: two words");
        // Dashes and dots inside a run of letters: words as UAX #29 has them.
        assert_eq!(summary("The U.S. is—frankly—behind."), "5 words: The … is—frankly—behind.");
        // Each ideograph is a word; an emoji is none.
        assert_eq!(summary("为这是错"), "4 words: 为这是错");
        assert_eq!(summary("behind. 🧑🏽‍💻 is"), "2 words: behind. … is");
        assert_eq!(summary("🧑🏽‍💻"), "0 words: 🧑🏽‍💻");
        assert_eq!(summary(" \n "), "nothing selected");
    }
}
