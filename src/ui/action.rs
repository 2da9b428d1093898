//! Everything the reader can be asked to do. Keys map to these through the
//! keymap; mouse and resize events are turned into them by the event loop.

use super::pane::Motion;

/// A request to change the reader's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Quit,
    Suspend,
    ToggleHelp,
    /// Leave the current overlay or mode.
    Escape,
    FocusNext,
    FocusPrev,
    Move(Motion),
    /// The terminal now has this many columns and rows.
    Resize {
        width: u16,
        height: u16,
    },
    /// Mouse wheel over the screen cell (`column`, `row`): `lines` down, or up if negative.
    Scroll {
        column: u16,
        row: u16,
        lines: i16,
    },
    /// Left click on the screen cell (`column`, `row`).
    Click {
        column: u16,
        row: u16,
    },
}
