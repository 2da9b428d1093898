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
    let action = translate(app, event)?;
    // With only the "too small" notice on screen, a key would act unseen
    // (a tag applied, a chooser opened and answered blind): only quitting,
    // suspending and the new size get through.
    if app.too_small() && !matches!(action, Action::Quit | Action::Suspend | Action::Resize { .. })
    {
        return None;
    }
    Some(action)
}

/// [`action_for`], whatever the size.
fn translate(app: &App, event: &Event) -> Option<Action> {
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

/// How long "is an event waiting?" waits: crossterm's reader through
/// poll(2) (Cargo.toml) never looks when given no time at all, and turns
/// what it is given into whole milliseconds, so this looks without waiting
/// — but again and again until it has passed, which with keys typed ahead
/// comes before the first frame: long enough to reach the events it has
/// read already (a few microseconds), no longer.
pub const IMMEDIATE: Duration = Duration::from_micros(50);

/// `event::poll`, where a signal interrupting the wait is just "no event
/// yet"; never less than [`IMMEDIATE`].
fn crossterm_poll(wait: Duration) -> io::Result<bool> {
    match event::poll(wait.max(IMMEDIATE)) {
        Err(e) if e.kind() == io::ErrorKind::Interrupted => Ok(false),
        other => other,
    }
}

/// How long crossterm is given to read what the terminal has waiting: it
/// answers as soon as it has read an event, so this bounds only input that
/// never makes one (half an escape sequence).
const READING: Duration = Duration::from_millis(100);

/// Whether an event comes within `wait`. The wait itself is a poll(2) of
/// our own on the terminal and on a SIGWINCH (a resize, or the signals'
/// thread waking the loop), and crossterm is asked only once something is
/// there: crossterm's reader turns what is left of a wait into whole
/// milliseconds and looks again and again with no wait at all for the
/// last fraction (some sixty calls each time the loop woke idle).
pub fn poll(wait: Duration) -> io::Result<bool> {
    // What crossterm has read already, or input waiting.
    if crossterm_poll(IMMEDIATE)? {
        return Ok(true);
    }
    // crossterm's wait is counted from before its reader is set up (the
    // first call: some 80 µs in a debug build, more on a loaded machine)
    // and before any pre-emption, so it can pass before crossterm looks:
    // whether the terminal has input is asked of the terminal, and then
    // crossterm is given the time to read it. Keys typed as the reader
    // opens are taken before the first frame however long that set-up.
    let ours = if wait <= IMMEDIATE { Duration::ZERO } else { wait };
    match wake::wait(ours) {
        Some(Ok(Woke::Input)) => crossterm_poll(READING),
        Some(Ok(Woke::Other)) => crossterm_poll(IMMEDIATE),
        Some(Ok(Woke::Nothing)) => Ok(false),
        Some(Err(e)) if e.kind() == io::ErrorKind::Interrupted => Ok(false),
        Some(Err(e)) => Err(e),
        None if wait <= IMMEDIATE => Ok(false),
        None => crossterm_poll(wait),
    }
}

/// What ended our own wait.
#[cfg_attr(not(unix), allow(dead_code))]
#[derive(Debug, PartialEq, Eq)]
enum Woke {
    /// The wait passed.
    Nothing,
    /// The terminal has input (or has hung up: a read then ends the loop).
    Input,
    /// A SIGWINCH, or the terminal reported something other than input.
    Other,
}

#[cfg(unix)]
mod wake {
    use std::io::{self, Read};
    use std::os::fd::{AsRawFd, RawFd};
    use std::os::unix::net::UnixStream;
    use std::sync::OnceLock;
    use std::time::Duration;

    use super::Woke;

    /// The terminal crossterm reads (standard input if it is one, else
    /// `/dev/tty`, kept open) and the end of a pipe SIGWINCH writes to.
    struct Waiter {
        tty: RawFd,
        _tty: Option<std::fs::File>,
        winch: UnixStream,
    }

    fn waiter() -> Option<&'static Waiter> {
        static WAITER: OnceLock<Option<Waiter>> = OnceLock::new();
        WAITER
            .get_or_init(|| {
                // SAFETY: isatty only inspects the descriptor.
                let (tty, file) = if unsafe { libc::isatty(libc::STDIN_FILENO) } == 1 {
                    (libc::STDIN_FILENO, None)
                } else {
                    let file = std::fs::File::open("/dev/tty").ok()?;
                    (file.as_raw_fd(), Some(file))
                };
                let (winch, writer) = UnixStream::pair().ok()?;
                winch.set_nonblocking(true).ok()?;
                writer.set_nonblocking(true).ok()?;
                signal_hook::low_level::pipe::register(libc::SIGWINCH, writer).ok()?;
                Some(Waiter { tty, _tty: file, winch })
            })
            .as_ref()
    }

    /// Waits up to `wait` (none: only looks) for the terminal to have
    /// something (input, or a hang-up) or a SIGWINCH: which came; `None`
    /// where that cannot be waited for.
    pub fn wait(wait: Duration) -> Option<io::Result<Woke>> {
        let w = waiter()?;
        let mut fds = [
            libc::pollfd { fd: w.tty, events: libc::POLLIN, revents: 0 },
            libc::pollfd { fd: w.winch.as_raw_fd(), events: libc::POLLIN, revents: 0 },
        ];
        // Whole milliseconds, rounded up: never a busy wait.
        let ms = i32::try_from(wait.as_micros().div_ceil(1000)).unwrap_or(i32::MAX);
        // SAFETY: two valid pollfds.
        let n = unsafe { libc::poll(fds.as_mut_ptr(), 2, ms) };
        if n < 0 {
            return Some(Err(io::Error::last_os_error()));
        }
        if fds[1].revents != 0 {
            let mut drain = [0u8; 64];
            while matches!((&w.winch).read(&mut drain), Ok(n) if n > 0) {}
        }
        Some(Ok(if fds[0].revents & libc::POLLIN != 0 {
            Woke::Input
        } else if n > 0 {
            Woke::Other
        } else {
            Woke::Nothing
        }))
    }
}

#[cfg(not(unix))]
mod wake {
    /// No wait of our own: crossterm's.
    pub fn wait(_wait: std::time::Duration) -> Option<std::io::Result<super::Woke>> {
        None
    }
}
