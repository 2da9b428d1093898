//! The reader's place in a conversation, taken on the way out and put back
//! on the next open (kept by `store::places`).

use crate::model::place::{PanePlace, Place};

use super::Core;
use super::pane::{Cursor, Top};

impl Core {
    /// Where the reader is: the focus, each voice's cursor and scroll, and
    /// whether the turn order is shown.
    pub fn place(&self) -> Place {
        Place {
            voices: Place::voice_names(&self.doc),
            focus: self.focus,
            panes: self
                .panes
                .iter()
                .map(|p| PanePlace {
                    para: p.cursor.para,
                    sentence: p.cursor.sentence,
                    top: p.top.para,
                    offset: p.top.offset,
                })
                .collect(),
            turns: self.turns.is_some(),
            turn_top: self.turns.map(|t| [t.pane.top.para, t.pane.top.offset]),
        }
    }

    /// Goes back to `place`, fitted to this conversation; `false` (nothing
    /// changed) if it is of other voices. Each pane is scrolled to keep its
    /// cursor in view when the screen is next laid out.
    pub fn restore(&mut self, place: &Place) -> bool {
        let Some(place) = place.fitted(&self.doc) else { return false };
        for (pane, p) in self.panes.iter_mut().zip(&place.panes) {
            pane.cursor = Cursor { para: p.para, sentence: p.sentence };
            pane.top = Top { para: p.top, offset: p.offset };
            pane.word = None;
        }
        self.focus_on(place.focus);
        if place.turns != self.turns.is_some() {
            self.toggle_turns();
        }
        if let (Some(t), Some([para, offset])) = (&mut self.turns, place.turn_top) {
            t.pane.top = Top { para, offset };
        }
        true
    }
}
