//! The turn-order view: every paragraph in one column, in the order it was
//! spoken, each turn labelled with its speaker.
//!
//! The focused voice's pane cursor stays the one true cursor: the turn view
//! keeps its own scroll position and a copy of the cursor in timeline
//! coordinates (an index into [`Conversation::timeline`]), and maps every
//! motion back to a voice and paragraph. So everything that acts on "the
//! focused voice's cursor" — tagging, notes, selections, search, the list —
//! works unchanged in both views, and switching keeps the place.

use ratatui::layout::Rect;

use crate::model::{Conversation, Pos};

use super::Core;
use super::pane::{Cursor, Motion, Turns, Viewport};
use super::rows::Rows;

/// The rows of the whole conversation in turn order at `width`.
pub fn rows(doc: &Conversation, width: u16) -> Rows<'_> {
    Rows::new(doc, doc.timeline(), width)
}

impl Core {
    /// Whether the turn-order view is shown.
    pub fn turns_on(&self) -> bool {
        self.turns.is_some()
    }

    /// Switches between the voices side by side and the turn order, keeping
    /// the cursor where it is.
    pub fn toggle_turns(&mut self) {
        if self.turns.take().is_some() {
            self.reveal_focus();
            let view = self.viewport();
            let (doc, focus) = (std::sync::Arc::clone(&self.doc), self.focus);
            let pane = &mut self.panes[focus];
            pane.ensure_visible(
                &mut super::pane::rows(&doc, &doc.voices()[focus], view.width),
                view.height,
            );
        } else {
            self.turns = Some(Turns::default());
            // Start with the cursor's paragraph at the top, as far as it goes.
            if let Some(t) = &mut self.turns {
                t.pane.top.para = usize::MAX;
            }
            self.sync_turns();
        }
    }

    /// The size of the turn view's text area.
    pub fn turn_viewport(&self) -> Viewport {
        match self.screen().and_then(|s| s.turns) {
            Some(r) => {
                let a = self.text_area(r);
                Viewport { width: a.width.max(1), height: a.height.max(1) }
            }
            None => Viewport { width: 20, height: 3 },
        }
    }

    /// The turn cursor follows the focused voice's cursor (after any action):
    /// it scrolls into view only when it moved, so a page motion rests.
    pub fn sync_turns(&mut self) {
        let Some(mut turns) = self.turns else { return };
        let c = self.panes[self.focus].cursor;
        let want = Cursor { para: self.doc.to_timeline(self.focus, c.para), sentence: c.sentence };
        let fresh = turns.pane.top.para == usize::MAX;
        if fresh {
            turns.pane.top = super::pane::Top { para: want.para, offset: 0 };
        }
        if turns.pane.cursor != want || fresh {
            turns.pane.cursor = want;
            let view = self.turn_viewport();
            turns.pane.ensure_visible(&mut rows(&self.doc, view.width), view.height);
        }
        self.turns = Some(turns);
    }

    /// The voice cursor follows the turn cursor (after a motion in the turn
    /// view): focus goes to whoever speaks there.
    fn follow_turns(&mut self) {
        let Some(turns) = self.turns else { return };
        let (voice, para) = self.doc.from_timeline(turns.pane.cursor.para);
        self.focus_on(voice);
        let view = self.viewport();
        let doc = std::sync::Arc::clone(&self.doc);
        let pane = &mut self.panes[voice];
        pane.cursor = Cursor { para, sentence: turns.pane.cursor.sentence };
        pane.word = None;
        pane.ensure_visible(
            &mut super::pane::rows(&doc, &doc.voices()[voice], view.width),
            view.height,
        );
    }

    /// A reading motion in the turn view.
    pub fn turn_motion(&mut self, motion: Motion) {
        let Some(mut turns) = self.turns else { return };
        let view = self.turn_viewport();
        turns.pane.apply(&mut rows(&self.doc, view.width), view, motion);
        self.turns = Some(turns);
        self.follow_turns();
    }

    /// The wheel in the turn view.
    pub fn turn_scroll(&mut self, lines: isize) {
        let Some(mut turns) = self.turns else { return };
        let view = self.turn_viewport();
        let before = turns.pane.cursor;
        turns.pane.scroll(&mut rows(&self.doc, view.width), view.height, lines);
        self.turns = Some(turns);
        if turns.pane.cursor != before {
            self.follow_turns();
        }
    }

    /// Focus on `voice` in the turn view: its cursor goes to the start of
    /// its next turn at or after the turn cursor (`forward`), or of its
    /// last turn at or before it; failing that, the nearest the other way.
    pub fn turn_focus(&mut self, voice: usize, forward: bool) {
        let Some(turns) = self.turns else { return self.focus_on(voice) };
        let here = turns.pane.cursor.para;
        let doc = &self.doc;
        let v = &doc.voices()[voice];
        let count = v.paragraphs.len();
        // Timeline indexes grow with a voice's paragraphs: binary search for
        // the first of them past `here` (or at it, with `at`).
        let first_past = |at: bool| {
            let (mut lo, mut hi) = (0, count);
            while lo < hi {
                let mid = (lo + hi) / 2;
                let t = doc.to_timeline(voice, mid);
                if t < here || (at && t == here) { lo = mid + 1 } else { hi = mid }
            }
            lo
        };
        let (para, nearest) = if forward {
            let past = first_past(false);
            (past.min(count - 1), past == count)
        } else {
            let upto = first_past(true);
            (upto.saturating_sub(1), upto == 0)
        };
        // None that way: said, so the jump the other way is no surprise.
        let said = nearest.then(|| {
            let who = crate::model::sanitize::sanitize(&doc.short_name(voice)).into_owned();
            if forward {
                format!("{who} does not speak again: their last turn")
            } else {
                format!("{who} has not spoken yet: their first turn")
            }
        });
        // The start of that turn.
        let para = para - v.paragraphs.at(para).paragraph();
        self.focus_on(voice);
        let view = self.viewport();
        let doc = std::sync::Arc::clone(&self.doc);
        let pane = &mut self.panes[voice];
        pane.cursor = Cursor { para, sentence: 0 };
        pane.word = None;
        pane.ensure_visible(
            &mut super::pane::rows(&doc, &doc.voices()[voice], view.width),
            view.height,
        );
        if said.is_some() {
            self.message = said;
        }
    }

    /// The voice and text position shown at screen cell (`column`, `row`) of
    /// the turn view (clamped into its text area), and how far outside the
    /// text area the row is (-1 above, 1 below).
    pub fn turn_pos_at(&self, column: u16, row: u16) -> Option<(usize, Pos, i16)> {
        let turns = self.turns?;
        let rect = self.screen()?.turns?;
        let text = self.text_area(rect);
        let ((r, c), outside) = super::pane::cell_in(text, column, row)?;
        let mut rows = rows(&self.doc, text.width);
        let at = turns.pane.hit_pos(&mut rows, r, c);
        let (voice, para) = self.doc.from_timeline(at.para as usize);
        Some((voice, Pos::new(para, at.byte as usize), outside))
    }

    /// A click in the turn view: focus whoever speaks there and put the
    /// cursor on the sentence clicked.
    pub fn turn_click(&mut self, column: u16, row: u16) {
        let Some((voice, pos, 0)) = self.turn_pos_at(column, row) else { return };
        self.go_to(voice, pos);
        // The turn view stays where it is (see `click_at`): its cursor is
        // set here, so `sync_turns` has nothing to scroll to.
        let c = self.panes[voice].cursor;
        let para = self.doc.to_timeline(voice, c.para);
        if let Some(turns) = &mut self.turns {
            turns.pane.cursor = Cursor { para, sentence: c.sentence };
        }
    }

    /// The turn view's text rectangle, if it is shown.
    pub fn turn_text(&self) -> Option<Rect> {
        self.screen()?.turns.map(|r| self.text_area(r))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::core::theme::Theme;

    fn core() -> Core {
        let doc = crate::model::testing::conversation(&[&["One. Two.", "Three."], &["Four."]]);
        Core::new(doc, "t".into(), (80, 24), Theme::new(false))
    }

    #[test]
    fn motions_in_turn_order_move_the_voice_cursor() {
        let mut c = core();
        c.toggle_turns();
        c.turn_motion(Motion::NextParagraph);
        assert_eq!((c.focus, c.panes[0].cursor.para), (0, 1));
        c.turn_motion(Motion::NextParagraph);
        assert_eq!((c.focus, c.panes[1].cursor.para), (1, 0));
        c.turn_motion(Motion::PrevSentence);
        assert_eq!((c.focus, c.panes[0].cursor), (0, Cursor { para: 1, sentence: 0 }));
        c.toggle_turns();
        assert_eq!((c.focus, c.panes[0].cursor.para), (0, 1));
        c.toggle_turns();
        assert_eq!(c.turns.map(|t| t.pane.cursor.para), Some(1));
    }

    #[test]
    fn focus_on_a_voice_with_no_turn_that_way_says_so() {
        let mut c = core();
        c.toggle_turns();
        c.sync_turns();
        // At the first turn, back to the second voice: it has not spoken.
        c.turn_focus(1, false);
        assert_eq!((c.focus, c.panes[1].cursor.para), (1, 0));
        let said = c.message.clone().unwrap_or_default();
        assert!(said.ends_with("has not spoken yet: their first turn"), "{said}");
        // Its last turn, then on to the first voice: it does not speak again.
        c.sync_turns();
        c.message = None;
        c.turn_focus(0, true);
        let said = c.message.clone().unwrap_or_default();
        assert!(said.ends_with("does not speak again: their last turn"), "{said}");
        // A turn there: nothing to say.
        c.message = None;
        c.turn_focus(1, true);
        assert_eq!(c.message, None);
    }
}
