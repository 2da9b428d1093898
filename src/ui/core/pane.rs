//! One pane's place in its voice: the sentence cursor and the scroll
//! position, and every motion that changes them.
//!
//! The scroll position is kept as a paragraph and a byte offset (the start of
//! the first line shown), not a row number, so it survives a change of width:
//! after a resize the pane starts at the line that now holds that byte.
//! Each motion costs in proportion to the rows it passes over (see
//! [`super::rows`]), never to the length of the voice.

use crate::model::{Conversation, Voice};

use super::rows::{Row, Rows};
use super::text;

/// The sentence under the cursor: `para` indexes the voice's paragraphs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Cursor {
    pub para: usize,
    pub sentence: usize,
}

/// The first line shown: the line of paragraph `para` that holds byte `offset`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Top {
    pub para: usize,
    pub offset: usize,
}

/// The size of a pane's text area.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Viewport {
    pub width: u16,
    pub height: u16,
}

/// Where one pane is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PaneState {
    pub cursor: Cursor,
    pub top: Top,
    /// The word cursor (`w` / `b`), inside the cursor's sentence, until the
    /// next sentence motion: its start and end.
    pub word: Option<(crate::model::Pos, crate::model::Pos)>,
    /// A resize moved the pane to keep the cursor in view: the top it had
    /// before, and the one the resize gave it (see [`PaneState::refit`]).
    pub resized: Option<(Top, Top)>,
}

/// Where the turn view is: its scroll position and the cursor in timeline
/// coordinates (kept equal to the focused voice's cursor).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Turns {
    pub pane: PaneState,
}

/// A reading motion of the cursor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Motion {
    NextSentence,
    PrevSentence,
    NextParagraph,
    PrevParagraph,
    First,
    Last,
    PageDown,
    PageUp,
}

/// Rows of context kept above and below the cursor when scrolling.
fn scrolloff(height: u16) -> usize {
    (usize::from(height.saturating_sub(1)) / 4).min(2)
}

impl PaneState {
    /// The row the pane starts at.
    pub fn top_row(&self, rows: &mut Rows) -> Row {
        Row { para: self.top.para, line: rows.line_of(self.top.para, self.top.offset) }
    }

    fn set_top(&mut self, rows: &mut Rows, row: Row) {
        // Never start a pane on the blank row between paragraphs.
        let row = if rows.is_gap(row) { rows.next(row).unwrap_or(row) } else { row };
        let lines = rows.lines(row.para);
        let line = row.line.min(lines.len().saturating_sub(1));
        self.top = Top { para: row.para, offset: lines.get(line).map_or(0, |l| l.start as usize) };
    }

    /// The first and last rows of the cursor's sentence.
    pub fn cursor_rows(&self, rows: &mut Rows) -> (Row, Row) {
        let span = rows.paragraph(self.cursor.para).sentences()[self.cursor.sentence];
        let para = self.cursor.para;
        let first = Row { para, line: rows.line_of(para, span.start as usize) };
        let last_byte = (span.end as usize).saturating_sub(1).max(span.start as usize);
        (first, Row { para, line: rows.line_of(para, last_byte) })
    }

    /// The furthest the pane can scroll: the last row at the bottom.
    fn max_top(rows: &mut Rows, height: u16) -> Row {
        let last = rows.last();
        rows.step(last, -(height.max(1) as isize - 1)).0
    }

    /// After a resize: the cursor's sentence in view, from the top the
    /// pane had before a resize moved it, if nothing moved it since. A
    /// pane shrunk to 40×10 and grown back is where it was, not scrolled
    /// down to where the small window had to put its cursor.
    pub fn refit(&mut self, rows: &mut Rows, height: u16) {
        let wanted = match self.resized {
            Some((wanted, given)) if given == self.top => wanted,
            _ => self.top,
        };
        self.top = wanted;
        self.ensure_visible(rows, height);
        self.resized = (self.top != wanted).then_some((wanted, self.top));
    }

    /// Scrolls so the cursor's sentence is on screen with some context.
    pub fn ensure_visible(&mut self, rows: &mut Rows, height: u16) {
        self.keep_visible(rows, height, scrolloff(height));
    }

    /// [`Self::ensure_visible`] with `so` rows of context.
    fn keep_visible(&mut self, rows: &mut Rows, height: u16, so: usize) {
        let height_rows = usize::from(height.max(1));
        let so = so as isize;
        let top = self.top_row(rows);
        let (first, last) = self.cursor_rows(rows);
        let room = height_rows as isize - 1 - so;
        // Far below (distance unknown within a screen) is handled by the
        // second branch, which brings the sentence's end up to the bottom.
        let too_high = first < top
            || rows.distance(top, first, height_rows).is_some_and(|d| (d as isize) < so);
        let new_top = if too_high {
            Some(rows.step(first, -so).0)
        } else if rows.distance(top, last, height_rows).is_none_or(|d| d as isize > room) {
            // Bring the sentence's end into view, but never push its start off the top.
            let candidate = rows.step(last, -room.max(0)).0;
            Some(if candidate > first { first } else { candidate })
        } else {
            None
        };
        if let Some(row) = new_top {
            let max = Self::max_top(rows, height);
            let row = if row > max && first >= max { max } else { row };
            self.set_top(rows, row);
        }
    }

    /// Scrolls by `delta` rows (negative: up) without moving past either end,
    /// then moves the cursor only as far as needed to keep it on screen.
    /// Returns whether the view moved.
    pub fn scroll(&mut self, rows: &mut Rows, height: u16, delta: isize) -> bool {
        let top = self.top_row(rows);
        let max = Self::max_top(rows, height);
        let mut target = rows.step(top, delta).0;
        if delta > 0 && target > max {
            target = max.max(top);
        }
        let before = self.top;
        self.set_top(rows, target);
        let top = self.top_row(rows);
        let (first, _) = self.cursor_rows(rows);
        let height_rows = usize::from(height.max(1));
        let above = first < top;
        if above || rows.distance(top, first, height_rows).is_none_or(|d| d >= height_rows) {
            // The cursor left the screen: take the nearest sentence that starts
            // on it, or, inside a sentence taller than the pane, the one shown.
            self.cursor = sentence_starting_in(rows, top, height_rows, above)
                .unwrap_or_else(|| self.sentence_at_top(rows));
            self.word = None;
        }
        self.top != before
    }

    /// Applies a reading motion, then keeps the cursor in view.
    pub fn apply(&mut self, rows: &mut Rows, view: Viewport, motion: Motion) {
        self.word = None;
        let n = rows.paragraph_count();
        let c = self.cursor;
        let sentences_in = |rows: &Rows, para: usize| rows.paragraph(para).sentences().len();
        match motion {
            Motion::NextSentence => {
                if c.sentence + 1 < sentences_in(rows, c.para) {
                    self.cursor.sentence += 1;
                } else if c.para + 1 < n {
                    self.cursor = Cursor { para: c.para + 1, sentence: 0 };
                }
            }
            Motion::PrevSentence => {
                if c.sentence > 0 {
                    self.cursor.sentence -= 1;
                } else if c.para > 0 {
                    let para = c.para - 1;
                    self.cursor = Cursor { para, sentence: sentences_in(rows, para) - 1 };
                }
            }
            Motion::NextParagraph => {
                if c.para + 1 < n {
                    self.cursor = Cursor { para: c.para + 1, sentence: 0 };
                } else {
                    self.cursor.sentence = sentences_in(rows, c.para) - 1;
                }
            }
            Motion::PrevParagraph => {
                let para = if c.sentence == 0 { c.para.saturating_sub(1) } else { c.para };
                self.cursor = Cursor { para, sentence: 0 };
            }
            Motion::First => self.cursor = Cursor::default(),
            Motion::Last => {
                let para = n - 1;
                self.cursor = Cursor { para, sentence: sentences_in(rows, para) - 1 };
            }
            Motion::PageDown | Motion::PageUp => {
                let down = motion == Motion::PageDown;
                let page = view.height.saturating_sub(2).max(1) as isize;
                let moved = self.scroll(rows, view.height, if down { page } else { -page });
                if !moved {
                    return self.apply(rows, view, if down { Motion::Last } else { Motion::First });
                }
                // The first sentence that starts on the new page, either way:
                // it fits, so the page stays where it was put.
                let top = self.top_row(rows);
                if let Some(c) =
                    sentence_starting_in(rows, top, usize::from(view.height.max(1)), true)
                {
                    self.cursor = c;
                }
                // No scroll-off here: it would pull the page back by a row or two
                // and a page motion at the end would never come to rest.
                return self.keep_visible(rows, view.height, 0);
            }
        }
        self.ensure_visible(rows, view.height);
    }

    /// The sentence the first row shows.
    fn sentence_at_top(&self, rows: &mut Rows) -> Cursor {
        let para = self.top.para;
        Cursor { para, sentence: rows.paragraph(para).sentence_at(self.top.offset) }
    }

    /// The sentence shown at `row` rows below the top and `column` cells from
    /// the left of the text area; clicks on blank rows pick the line above.
    pub fn hit(&self, rows: &mut Rows, row: u16, column: u16) -> Cursor {
        let top = self.top_row(rows);
        let (mut at, _) = rows.step(top, row as isize);
        if rows.is_gap(at) {
            at = rows.prev(at).unwrap_or(at);
        }
        let lines = rows.lines(at.para);
        let line = lines[at.line.min(lines.len() - 1)];
        let para = rows.paragraph(at.para);
        let shown = &para.text()[line.start as usize..line.end as usize];
        let offset = line.start as usize + text::offset_at_column(shown, column);
        Cursor { para: at.para, sentence: para.sentence_at(offset) }
    }
}

impl PaneState {
    /// The text position shown at `row` rows below the top and `column`
    /// cells from the left of the text area: the grapheme drawn there (past
    /// a line's end, the line's end; a blank row, the end of the line above).
    pub fn hit_pos(&self, rows: &mut Rows, row: u16, column: u16) -> crate::model::Pos {
        let top = self.top_row(rows);
        let (mut at, _) = rows.step(top, row as isize);
        let gap = rows.is_gap(at);
        if gap {
            at = rows.prev(at).unwrap_or(at);
        }
        let lines = rows.lines(at.para);
        let line = lines[at.line.min(lines.len() - 1)];
        let para = rows.paragraph(at.para);
        let shown = &para.text()[line.start as usize..line.end as usize];
        let offset = if gap { shown.len() } else { text::offset_at_column(shown, column) };
        crate::model::Pos::new(at.para, line.start as usize + offset)
    }
}

/// The first (or, with `first == false`, the last) sentence whose first byte
/// is on one of the `height` rows from `top`.
fn sentence_starting_in(rows: &mut Rows, top: Row, height: usize, first: bool) -> Option<Cursor> {
    let mut found = None;
    let mut row = top;
    for _ in 0..height {
        if !rows.is_gap(row) {
            let lines = rows.lines(row.para);
            let line = lines[row.line];
            let end = lines.get(row.line + 1).map_or(usize::MAX, |l| l.start as usize);
            let sentences = rows.paragraph(row.para).sentences();
            let from = sentences.partition_point(|s| (s.start as usize) < line.start as usize);
            let to = sentences.partition_point(|s| (s.start as usize) < end);
            if from < to {
                let sentence = if first { from } else { to - 1 };
                found = Some(Cursor { para: row.para, sentence });
                if first {
                    return found;
                }
            }
        }
        match rows.next(row) {
            Some(r) => row = r,
            None => break,
        }
    }
    found
}

/// Screen cell (`column`, `row`) as (row, column) inside the text area
/// `text`, clamped into it (above it is its first row, below it its last),
/// and how far outside it the row is (-1 above, 1 below, 0 inside);
/// `None` for an empty area. Where a click or a drag lands, in a pane or in
/// the turn view.
pub fn cell_in(text: ratatui::layout::Rect, column: u16, row: u16) -> Option<((u16, u16), i16)> {
    if text.is_empty() {
        return None;
    }
    let outside = if row < text.y {
        -1
    } else if row >= text.bottom() {
        1
    } else {
        0
    };
    let r = row.clamp(text.y, text.bottom() - 1) - text.y;
    let c = column.saturating_sub(text.x).min(text.width);
    Some(((r, c), outside))
}

/// Convenience for callers holding a document: the rows of `voice` at `width`.
pub fn rows<'a>(doc: &'a Conversation, voice: &'a Voice, width: u16) -> Rows<'a> {
    Rows::new(doc, voice, width)
}

#[cfg(test)]
mod tests {
    use super::cell_in;
    use ratatui::layout::Rect;

    #[test]
    fn cells_are_clamped_into_the_text_area() {
        let text = Rect::new(2, 1, 10, 5);
        assert_eq!(cell_in(text, 4, 3), Some(((2, 2), 0)));
        assert_eq!(cell_in(text, 0, 0), Some(((0, 0), -1)));
        assert_eq!(cell_in(text, 40, 9), Some(((4, 10), 1)));
        assert_eq!(cell_in(Rect::new(2, 1, 0, 5), 4, 3), None);
    }
}
