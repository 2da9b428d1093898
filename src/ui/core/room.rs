//! What every mode drawn over the reader is: its state, its part of the
//! key table, its update (no I/O: what the world must do comes back as an
//! [`Effect`]) and its view (no state change). The dispatcher keeps them in
//! a stack and talks to each only through this trait.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::Core;
use super::Mode;
use super::action::Action;
use super::effect::{Effect, Reply};
use super::keys::Context;

pub trait Room {
    /// The status bar's label; which part of the key table applies.
    fn mode(&self) -> Mode;
    fn context(&self) -> Context;
    /// The status bar's key hints, most useful first.
    fn hints(&self) -> &'static [(&'static str, &'static str)];

    fn update(&mut self, core: &mut Core, action: Action) -> Effect;
    /// Draws the mode over what is below it in `area` (the whole screen).
    fn view(&self, core: &Core, area: Rect, buf: &mut Buffer);

    /// Brings rows derived from the annotations up to date: run after every
    /// update, whatever changed them, so no view shows or indexes stale rows.
    fn sync(&mut self, _core: &Core) {}
    /// Whether the rows are up to date and the cursor inside them: what
    /// [`Room::sync`] guarantees (tests check it after every step).
    fn check(&self, _core: &Core) -> Result<(), String> {
        Ok(())
    }
    /// The mode above closed with a reply.
    fn reply(&mut self, _core: &mut Core, _reply: Reply) {}
    /// The mouse wheel over screen cell (`column`, `row`): `lines` down, or
    /// up if negative.
    fn scroll(&mut self, _core: &mut Core, _column: u16, _row: u16, _lines: i16) {}
    /// The left button pressed (a click) over the screen.
    fn click(&mut self, _core: &mut Core, _at: super::action::Pointer) -> Effect {
        Effect::None
    }
    /// Whether the mode still has something to do: the dispatcher closes
    /// one that has not (a selection coded or cancelled from under it).
    fn alive(&self, _core: &Core) -> bool {
        true
    }
    /// An export is being written (the dialog waits for its report).
    fn exporting(&mut self) {}
    /// crosstalk is being closed from outside (a signal, the terminal hung
    /// up): keep what only the mode holds, which would otherwise be lost
    /// (a note being written is saved as the note).
    fn keep_draft(&mut self, _core: &mut Core) {}
    /// The cursor's position for the status bar, when the mode has its own.
    fn position(&self, _core: &Core) -> Option<String> {
        None
    }
}
