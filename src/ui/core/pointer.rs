//! The mouse's state, as data: a drag in progress and the last press (for
//! double and triple clicks). What the mouse does is [`mouse`](super::mouse).

use jiff::{SignedDuration, Timestamp};

use crate::model::Pos;

/// Two presses on one cell within this long are a double click.
pub const MULTI_CLICK: SignedDuration = SignedDuration::from_millis(450);

/// What the mouse is doing: a drag in progress, and the last press (for
/// double and triple clicks).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Mouse {
    /// The voice and the unit pressed on, while the button is down.
    pub drag: Option<(usize, (Pos, Pos))>,
    /// The last press: where, when, how many in a row; and whether the
    /// button has been released since (a real terminal always reports it).
    pub last: Option<Press>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Press {
    pub column: u16,
    pub row: u16,
    pub at: Timestamp,
    pub count: u8,
    pub released: bool,
}
