//! The visual rows of one voice at one width, walked lazily.
//!
//! A pane shows a voice's paragraphs as wrapped lines with one blank row
//! between paragraphs. Nothing here wraps more than it walks over: stepping
//! from one row to the next wraps at most the paragraph it enters, so the
//! cost of a frame or a motion depends on the rows it touches, not on the
//! size of the document.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use crate::model::{Conversation, Paragraph, Voice};

use super::text::{self, Line};

/// A row of a pane: line `line` of paragraph `para` (an index into the
/// voice's paragraphs), or, when `line` equals the paragraph's line count,
/// the blank row after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Row {
    pub para: usize,
    pub line: usize,
}

/// Walks the rows of one voice at one width, wrapping paragraphs on demand
/// and remembering them for as long as the walk lasts.
pub struct Rows<'a> {
    doc: &'a Conversation,
    voice: &'a Voice,
    width: u16,
    wrapped: HashMap<usize, Wrapped>,
}

/// A paragraph's lines, shared with those kept (see [`wrapped`]).
struct Wrapped(Rc<[Line]>);

impl std::ops::Deref for Wrapped {
    type Target = [Line];

    fn deref(&self) -> &[Line] {
        &self.0
    }
}

/// Paragraphs at least this long (bytes) keep their wrapping from frame to
/// frame ([`wrapped`]); shorter ones are kept among the recent.
const KEEP: usize = 64 * 1024;

/// How much text (bytes) the recent short paragraphs' wrappings may hold
/// before they are let go, all at once.
const RECENT: usize = 1 << 20;

/// A recent short paragraph's wrapping, by where its text is and the
/// width: the text (compared whole: another text at the same place is not
/// mistaken for it) and the lines.
type Recent = HashMap<(usize, u16), (Box<str>, Rc<[Line]>)>;

/// How many long paragraphs' wrappings are kept.
const KEPT: usize = 4;

/// A kept wrapping: the paragraph's text, the width, the lines.
type Kept = (Box<str>, u16, Rc<[Line]>);

thread_local! {
    /// The last long paragraphs wrapped: the text (compared whole, so a
    /// changed text is never mistaken for a kept one), the width, the lines.
    static LONG: RefCell<Vec<Kept>> = const { RefCell::new(Vec::new()) };
    /// The short paragraphs wrapped lately, and the bytes of their text.
    static SHORT: RefCell<(Recent, usize)> = RefCell::new((HashMap::new(), 0));
}

/// `text` wrapped to `width`. A frame is built from rows walked afresh, so
/// without keeping them a paragraph of megabytes would be wrapped whole on
/// every keypress: long ones are kept (comparing a kept text costs a
/// `memcmp`, far less than wrapping it). Short ones are kept too, for the
/// walks that follow: a motion or a resize lays out the rows a frame then
/// draws (the panel's first frame at 200×60 wrapped 72 paragraphs, 27 of
/// them a second time; `view` 0.09 ms of it).
fn wrapped(text: &str, width: u16) -> Wrapped {
    if text.len() < KEEP {
        return Wrapped(recent(text, width));
    }
    let kept = LONG.with_borrow(|kept| {
        kept.iter().find(|(t, w, _)| *w == width && **t == *text).map(|(_, _, l)| Rc::clone(l))
    });
    if let Some(lines) = kept {
        return Wrapped(lines);
    }
    let lines: Rc<[Line]> = text::wrap(text, width).into();
    LONG.with_borrow_mut(|kept| {
        if kept.len() == KEPT {
            kept.remove(0);
        }
        kept.push((text.into(), width, Rc::clone(&lines)));
    });
    Wrapped(lines)
}

/// A short `text` wrapped to `width`, as lately or now.
fn recent(text: &str, width: u16) -> Rc<[Line]> {
    let key = (text.as_ptr() as usize, width);
    let hit = SHORT.with_borrow(|(recent, _)| {
        recent.get(&key).filter(|(t, _)| **t == *text).map(|(_, lines)| Rc::clone(lines))
    });
    if let Some(lines) = hit {
        return lines;
    }
    let lines: Rc<[Line]> = text::wrap(text, width).into();
    SHORT.with_borrow_mut(|(recent, bytes)| {
        if *bytes + text.len() > RECENT {
            recent.clear();
            *bytes = 0;
        }
        *bytes += text.len();
        if let Some((old, _)) = recent.insert(key, (text.into(), Rc::clone(&lines))) {
            *bytes -= old.len();
        }
    });
    lines
}

impl<'a> Rows<'a> {
    pub fn new(doc: &'a Conversation, voice: &'a Voice, width: u16) -> Self {
        Self { doc, voice, width, wrapped: HashMap::new() }
    }

    pub fn paragraph_count(&self) -> usize {
        self.voice.paragraphs.len()
    }

    pub fn paragraph(&self, para: usize) -> &'a Paragraph {
        self.doc.paragraph(self.voice.paragraphs.at(para))
    }

    /// The wrapped lines of paragraph `para`.
    pub fn lines(&mut self, para: usize) -> &[Line] {
        let (doc, voice, width) = (self.doc, self.voice, self.width);
        self.wrapped
            .entry(para)
            .or_insert_with(|| wrapped(doc.paragraph(voice.paragraphs.at(para)).text(), width))
    }

    /// The line of `para` that shows byte `offset` (the line it falls in, or
    /// for a dropped space, the line before it).
    pub fn line_of(&mut self, para: usize, offset: usize) -> usize {
        let lines = self.lines(para);
        lines.partition_point(|l| l.start as usize <= offset).saturating_sub(1)
    }

    /// Whether `row` is the blank row after a paragraph.
    pub fn is_gap(&mut self, row: Row) -> bool {
        row.line >= self.lines(row.para).len()
    }

    /// The row after `row`, or `None` at the end of the voice.
    pub fn next(&mut self, row: Row) -> Option<Row> {
        let last_para = row.para + 1 == self.paragraph_count();
        let count = self.lines(row.para).len();
        if row.line + 1 < count || (row.line + 1 == count && !last_para) {
            Some(Row { para: row.para, line: row.line + 1 })
        } else if row.line >= count && !last_para {
            Some(Row { para: row.para + 1, line: 0 })
        } else {
            None
        }
    }

    /// The row before `row`, or `None` at the start of the voice.
    pub fn prev(&mut self, row: Row) -> Option<Row> {
        if row.line > 0 {
            Some(Row { para: row.para, line: row.line - 1 })
        } else if row.para > 0 {
            let para = row.para - 1;
            Some(Row { para, line: self.lines(para).len() })
        } else {
            None
        }
    }

    /// The last row of the voice.
    pub fn last(&mut self) -> Row {
        let para = self.paragraph_count().saturating_sub(1);
        let line = self.lines(para).len().saturating_sub(1);
        Row { para, line }
    }

    /// Steps `n` rows forward (or back for negative `n`), stopping at the ends.
    /// Returns the row reached and how many steps were taken.
    pub fn step(&mut self, mut row: Row, n: isize) -> (Row, usize) {
        let mut taken = 0;
        while taken < n.unsigned_abs() {
            let next = if n > 0 { self.next(row) } else { self.prev(row) };
            match next {
                Some(r) => row = r,
                None => break,
            }
            taken += 1;
        }
        (row, taken)
    }

    /// How many rows forward `to` is from `from`, counting at most `limit`
    /// rows; `None` if `to` is before `from` or further than `limit`.
    pub fn distance(&mut self, from: Row, to: Row, limit: usize) -> Option<usize> {
        if to < from {
            return None;
        }
        let mut row = from;
        for d in 0..=limit {
            if row == to {
                return Some(d);
            }
            row = self.next(row)?;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A text changed where it lies (the same place, the same length) is
    /// wrapped anew, not taken for the one kept there; and what is kept
    /// stays within its bound.
    #[test]
    fn a_kept_short_wrapping_is_never_taken_for_another_text() {
        let mut text = String::from("aa bb cc dd");
        let before = recent(&text, 5);
        assert_eq!(&*before, &*text::wrap(&text, 5));
        text.replace_range(.., "aaaaaaaaaaa");
        let after = recent(&text, 5);
        assert_eq!(&*after, &*text::wrap(&text, 5));
        assert_ne!(&*before, &*after);
        assert_eq!(&*recent(&text, 3), &*text::wrap(&text, 3), "another width");
        let many: Vec<String> = (0..3000).map(|i| format!("{i} ").repeat(200)).collect();
        for t in &many {
            assert_eq!(&*recent(t, 7), &*text::wrap(t, 7));
        }
        SHORT.with_borrow(|(kept, bytes)| {
            assert!(*bytes <= RECENT, "{bytes} bytes kept");
            assert_eq!(*bytes, kept.values().map(|(t, _)| t.len()).sum::<usize>());
        });
    }

    fn doc(paragraphs: &[&str]) -> Conversation {
        crate::model::testing::conversation(&[paragraphs])
    }

    #[test]
    fn rows_walk_lines_and_gaps_both_ways() {
        let d = doc(&["aa bb cc", "dd"]);
        let mut rows = Rows::new(&d, &d.voices()[0], 5);
        // "aa bb" / "cc" / gap / "dd"
        let mut seen = vec![Row { para: 0, line: 0 }];
        while let Some(r) = rows.next(*seen.last().expect("non-empty")) {
            seen.push(r);
        }
        assert_eq!(
            seen,
            [
                Row { para: 0, line: 0 },
                Row { para: 0, line: 1 },
                Row { para: 0, line: 2 },
                Row { para: 1, line: 0 }
            ]
        );
        assert!(rows.is_gap(seen[2]));
        assert_eq!(rows.last(), seen[3]);
        assert_eq!(rows.prev(seen[3]), Some(seen[2]));
        assert_eq!(rows.step(seen[3], -10), (seen[0], 3));
        assert_eq!(rows.distance(seen[0], seen[3], 10), Some(3));
        assert_eq!(rows.distance(seen[0], seen[3], 2), None);
        assert_eq!(rows.line_of(0, 6), 1);
    }
}
