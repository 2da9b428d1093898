//! The terminal itself: mouse reporting, giving the terminal back (on every
//! way out: quitting, a panic, a signal, a hung-up terminal), and Ctrl-Z.
//! Used by the event loop and by the signal watchdog alike.

use std::io::{self, Write, stdout};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;

/// Gives the terminal back: mouse reporting off, raw mode and the alternate
/// screen left. Errors are ignored (a hung-up terminal cannot be written).
pub fn restore_quietly() {
    let _ = disable_mouse();
    // Not `ratatui::restore`: it reports failure with `eprintln!`, which
    // panics when standard error is the terminal that has gone.
    let _ = ratatui::try_restore();
}

pub fn enable_mouse() -> io::Result<()> {
    execute!(stdout(), EnableMouseCapture)
}

pub fn disable_mouse() -> io::Result<()> {
    execute!(stdout(), DisableMouseCapture)
}

/// ratatui's hook leaves raw mode and the alternate screen; this one, run
/// first, also turns mouse reporting off so the shell is not flooded.
pub fn install_mouse_restoring_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = disable_mouse();
        previous(info);
    }));
}

/// Ctrl-Z: give the terminal back, stop, and take it again on `fg`.
#[cfg(unix)]
pub fn suspend(terminal: &mut DefaultTerminal) -> io::Result<()> {
    disable_mouse()?;
    ratatui::try_restore()?;
    stdout().flush()?;
    // SAFETY: raising a signal in our own process has no memory-safety
    // preconditions; SIGTSTP stops us until the shell sends SIGCONT.
    unsafe {
        libc::raise(libc::SIGTSTP);
    }
    ratatui::crossterm::terminal::enable_raw_mode()?;
    execute!(stdout(), ratatui::crossterm::terminal::EnterAlternateScreen, EnableMouseCapture)?;
    // The shell drew over the screen meanwhile: blank it, and draw one empty
    // frame so ratatui's idea of the screen is blank too and the next frame
    // paints every cell. (`Terminal::clear` would query the cursor position,
    // which not every terminal answers.)
    execute!(
        stdout(),
        ratatui::crossterm::terminal::Clear(ratatui::crossterm::terminal::ClearType::All)
    )?;
    terminal.draw(|_| {})?;
    Ok(())
}

#[cfg(not(unix))]
pub fn suspend(_terminal: &mut DefaultTerminal) -> io::Result<()> {
    Ok(())
}
