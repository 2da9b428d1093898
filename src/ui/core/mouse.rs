//! Selecting with the mouse in the reader's panes: press, drag and release
//! select from grapheme to grapheme (snapped to whole words unless Alt is
//! held), across wrapped lines and paragraphs of one pane, scrolling when
//! the pointer goes past the pane's top or bottom; a double click selects a
//! word, a triple click a sentence (dragging on from either extends it a
//! word at a time); Shift-click extends the selection (or
//! selects from the cursor's sentence) to the point clicked. A plain click
//! focuses the pane and puts the cursor on the sentence clicked.
//!
//! The selection made is a finished one (`done`): `t`, the digits and `e`
//! code it from the reader.

use ratatui::layout::Position;

use crate::model::Pos;

use super::Core;
use super::action::Pointer;
use super::edit::sentence_range;
use super::pane::rows;
use super::pointer::{MULTI_CLICK, Press};
use super::select::{Selection, trim, word_at, words_within};

impl Core {
    /// The text position at screen cell (`column`, `row`) of `voice`'s pane
    /// (clamped into the pane's text area: above it is the first row shown,
    /// below it the last), and how far outside the text area the row is.
    fn pos_at(&self, voice: usize, column: u16, row: u16) -> Option<(Pos, i16)> {
        if self.turns_on() {
            // Another speaker's turn is no part of this voice's text.
            let (v, pos, outside) = self.turn_pos_at(column, row)?;
            return (v == voice).then_some((pos, outside));
        }
        let screen = self.screen()?;
        let (_, rect) = screen.panes.iter().find(|(v, _)| *v == voice)?;
        let text = self.text_area(*rect);
        let ((r, c), outside) = super::pane::cell_in(text, column, row)?;
        let view = self.viewport();
        let pane = &self.panes[voice];
        let mut rows = rows(&self.doc, &self.doc.voices()[voice], view.width);
        Some((pane.hit_pos(&mut rows, r, c), outside))
    }

    /// The left button pressed at `at`.
    pub fn press(&mut self, at: Pointer) {
        let now = self.now;
        let count = match self.mouse.last {
            Some(p)
                if p.released
                    && (p.column, p.row) == (at.column, at.row)
                    && now.duration_since(p.at) <= MULTI_CLICK =>
            {
                p.count % 3 + 1
            }
            _ => 1,
        };
        self.mouse.last =
            Some(Press { column: at.column, row: at.row, at: now, count, released: false });
        self.mouse.drag = None;
        let Some(voice) = self.pane_at(at.column, at.row) else { return };
        let in_text =
            self.text_rect(voice).is_some_and(|r| r.contains(Position::new(at.column, at.row)));
        if at.shift && in_text && self.extends_here(at) {
            return self.extend_to(voice, at);
        }
        self.click_at(at.column, at.row);
        if !in_text {
            return;
        }
        let Some((pos, _)) = self.pos_at(voice, at.column, at.row) else { return };
        let doc = &self.doc;
        let v = &doc.voices()[voice];
        let unit = match count {
            2 => word_at(doc, v, pos),
            3 => Some(sentence_range(doc, v, self.panes[voice].cursor)),
            _ => None,
        };
        match unit {
            Some((start, end)) => {
                self.selection = Some(Selection { done: true, ..Selection::of(voice, start, end) });
                // Dragging on from a double (or triple) click extends the
                // word (or sentence) a word at a time, as editors do.
                self.mouse.drag = Some((voice, (start, end)));
            }
            None => {
                self.selection = None;
                let unit = if at.alt {
                    grapheme_at(self, voice, pos)
                } else {
                    word_at(doc, v, pos).unwrap_or_else(|| grapheme_at(self, voice, pos))
                };
                self.mouse.drag = Some((voice, unit));
            }
        }
    }

    /// The pointer moved with the button down: select from the unit pressed
    /// on to the one under the pointer, scrolling at the pane's edge.
    pub fn drag(&mut self, at: Pointer) {
        let Some((voice, pressed)) = self.mouse.drag else { return };
        let Some((_, outside)) = self.pos_at(voice, at.column, at.row) else { return };
        if outside != 0 {
            self.scroll_pane(voice, outside);
        }
        let Some((pos, _)) = self.pos_at(voice, at.column, at.row) else { return };
        let v = &self.doc.voices()[voice];
        let here = if at.alt {
            grapheme_at(self, voice, pos)
        } else {
            word_at(&self.doc, v, pos).unwrap_or_else(|| grapheme_at(self, voice, pos))
        };
        let (mut start, mut end) = (pressed.0.min(here.0), pressed.1.max(here.1));
        // From a triple click, the sentence keeps its full stop.
        let sentence = self.mouse.last.is_some_and(|p| p.count == 3);
        if !at.alt && !sentence {
            // Snapped to whole words: an end on punctuation (a comma
            // pressed on, a full stop dragged to) gives way to the word
            // beside it, inside the span.
            if let Some((s, e)) = words_within(&self.doc, v, start, end) {
                (start, end) = (s, e);
            }
        }
        self.select_span(voice, start, end);
    }

    /// The button released: the drag is over.
    pub fn release(&mut self, _at: Pointer) {
        self.mouse.drag = None;
        if let Some(p) = &mut self.mouse.last {
            p.released = true;
        }
    }

    /// Shift-click: the selection (or the cursor's sentence) extended to the
    /// point clicked.
    fn extend_to(&mut self, voice: usize, at: Pointer) {
        let Some((pos, _)) = self.pos_at(voice, at.column, at.row) else { return };
        self.focus_on(voice);
        let doc = std::sync::Arc::clone(&self.doc);
        let v = &doc.voices()[voice];
        let (from_start, from_end) = match self.selection.filter(|s| s.voice == voice) {
            Some(sel) => sel.range(),
            None => sentence_range(&doc, v, self.panes[voice].cursor),
        };
        let here = if at.alt {
            grapheme_at(self, voice, pos)
        } else {
            word_at(&self.doc, v, pos).unwrap_or_else(|| grapheme_at(self, voice, pos))
        };
        self.select_span(voice, from_start.min(here.0), from_end.max(here.1));
    }

    /// Selects `[start, end)` of `voice`, trimmed of whitespace, finished.
    fn select_span(&mut self, voice: usize, start: Pos, end: Pos) {
        let v = &self.doc.voices()[voice];
        if let Some((start, end)) = trim(&self.doc, v, start, end) {
            self.selection = Some(Selection { done: true, ..Selection::of(voice, start, end) });
        }
    }

    /// Whether a Shift-click at `at` extends the selection: always beside
    /// the panes; in turn order only inside the cursor's own turn (another
    /// speaker's turn, or a later turn of the same speaker, lies between).
    fn extends_here(&self, at: Pointer) -> bool {
        if !self.turns_on() {
            return true;
        }
        let turn =
            |voice: usize, para: usize| self.doc.voices()[voice].paragraphs.at(para).section();
        let here = turn(self.focus, self.panes[self.focus].cursor.para);
        self.turn_pos_at(at.column, at.row)
            .is_some_and(|(v, pos, _)| v == self.focus && turn(v, pos.para as usize) == here)
    }

    /// The text area showing `voice`: its pane's, or the turn view's.
    fn text_rect(&self, voice: usize) -> Option<ratatui::layout::Rect> {
        let screen = self.screen()?;
        if let Some(r) = screen.turns {
            return Some(self.text_area(r));
        }
        let (_, r) = screen.panes.iter().find(|(v, _)| *v == voice)?;
        Some(self.text_area(*r))
    }

    /// Scrolls `voice`'s pane (or the turn view) a row up (`-1`) or down.
    fn scroll_pane(&mut self, voice: usize, by: i16) {
        if self.turns_on() {
            return self.turn_scroll(isize::from(by));
        }
        let view = self.viewport();
        let pane = &mut self.panes[voice];
        pane.scroll(
            &mut rows(&self.doc, &self.doc.voices()[voice], view.width),
            view.height,
            isize::from(by),
        );
    }
}

/// The grapheme starting at `pos` (the one a cell shows).
fn grapheme_at(core: &Core, voice: usize, pos: Pos) -> (Pos, Pos) {
    use unicode_segmentation::UnicodeSegmentation;
    let v = &core.doc.voices()[voice];
    let text = core.doc.paragraph(v.paragraphs.at(pos.para as usize)).text();
    let at = (pos.byte as usize).min(text.len());
    let len = text[at..].graphemes(true).next().map_or(0, str::len);
    (pos, Pos::new(pos.para as usize, at + len))
}
