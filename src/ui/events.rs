//! The terminal's events: waiting for them (through crossterm's poll(2)
//! reader, see Cargo.toml) and turning them into [`Action`]s.

use std::io;
use std::time::Duration;

use ratatui::crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};

use super::app::App;
use super::core::action::{Action, Pointer};
use super::keymap;

/// Rows one notch of the mouse wheel scrolls.
const WHEEL_ROWS: i16 = 3;

/// Turns a terminal event into an action, if it means one.
pub fn action_for(app: &App, event: &Event) -> Option<Action> {
    match event {
        // Windows also reports releases; act on presses (and repeats) only.
        Event::Key(key) if key.kind != KeyEventKind::Release => keymap::lookup(app.context(), key),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown => {
                Some(Action::Scroll { column: m.column, row: m.row, lines: WHEEL_ROWS })
            }
            MouseEventKind::ScrollUp => {
                Some(Action::Scroll { column: m.column, row: m.row, lines: -WHEEL_ROWS })
            }
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Press(pointer(m))),
            MouseEventKind::Drag(MouseButton::Left) => Some(Action::Drag(pointer(m))),
            MouseEventKind::Up(MouseButton::Left) => Some(Action::Release(pointer(m))),
            _ => None,
        },
        Event::Resize(width, height) => Some(Action::Resize { width: *width, height: *height }),
        Event::Paste(text) => Some(Action::Paste(text.clone())),
        _ => None,
    }
}

/// Where a mouse event happened, and the modifiers held.
fn pointer(m: &ratatui::crossterm::event::MouseEvent) -> Pointer {
    use ratatui::crossterm::event::KeyModifiers;
    Pointer {
        column: m.column,
        row: m.row,
        shift: m.modifiers.contains(KeyModifiers::SHIFT),
        alt: m.modifiers.contains(KeyModifiers::ALT),
    }
}

/// An error if the terminal has hung up: crossterm's read would never come
/// back from it (see [`super::signals::terminal_waiting`]).
pub fn hung_up() -> io::Result<()> {
    if super::signals::terminal_hung_up() {
        return Err(io::Error::from(io::ErrorKind::UnexpectedEof));
    }
    Ok(())
}

/// How long "is an event waiting?" waits: crossterm's reader through
/// poll(2) (Cargo.toml) never looks when given no time at all, and turns
/// what it is given into whole milliseconds, so this looks without waiting.
pub const IMMEDIATE: Duration = Duration::from_micros(200);

/// `event::poll`, where a signal interrupting the wait is just "no event
/// yet"; never less than [`IMMEDIATE`].
pub fn poll(wait: Duration) -> io::Result<bool> {
    match event::poll(wait.max(IMMEDIATE)) {
        Err(e) if e.kind() == io::ErrorKind::Interrupted => Ok(false),
        other => other,
    }
}
