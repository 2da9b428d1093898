//! The terminal itself: taking it (raw mode, the alternate screen, a frame
//! buffered into one write), mouse reporting, giving it back (on every way
//! out: quitting, a panic, a signal, a hung-up terminal), and Ctrl-Z.
//! Used by the event loop and by the signal watchdog alike.

use std::io::{self, BufWriter, Stdout, Write, stdout};
use std::mem::ManuallyDrop;
use std::ops::{Deref, DerefMut};

use ratatui::Terminal;

use super::cells::Cells;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;

/// The terminal the reader draws on: standard output behind a buffer that
/// holds a whole frame. `Stdout` alone is line-buffered with room for 1 KiB,
/// so the first frame of a wide screen (tens of KiB of text and escapes) went
/// out in dozens of writes, each a trip through the pty; ratatui flushes the
/// buffer once at the end of every frame. Dropped, it is let go quietly
/// (see `release`), however the reader ends: returning or panicking.
pub struct Tty(ManuallyDrop<Terminal<Cells<BufWriter<Stdout>>>>);

impl Deref for Tty {
    type Target = Terminal<Cells<BufWriter<Stdout>>>;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl DerefMut for Tty {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.0
    }
}

impl Drop for Tty {
    fn drop(&mut self) {
        // SAFETY: the terminal is taken once, here, and never used again.
        release(unsafe { ManuallyDrop::take(&mut self.0) });
    }
}

/// Room for a whole frame of a large terminal: one write per frame.
const FRAME_BUFFER: usize = 256 * 1024;

/// The terminal as ratatui keeps it, before it is taken.
type Screen = Terminal<Cells<BufWriter<Stdout>>>;

fn screen() -> io::Result<Screen> {
    Terminal::new(Cells::new(BufWriter::with_capacity(FRAME_BUFFER, stdout())))
}

/// The terminal's frame buffers, made on a thread of their own while the
/// document is read: two cells for every place on the screen (1.1 MB for
/// 200×60), whose first touch is hundreds of page faults; made in line,
/// they took 0.7–0.9 ms just before the first frame.
/// Nothing is written to the terminal: its size is asked for, as a frame
/// asks again before it is drawn.
/// The thread is started as the reader starts, and first looks for half
/// of a large file to read (see [`crate::cores::spawn_ready`]); dropped
/// unused (a command, not the reader), it makes nothing.
pub struct Prepared(std::sync::mpsc::Receiver<io::Result<Screen>>, crate::cores::Release);

impl Prepared {
    /// No half of the file for the thread to read (it is read, or not
    /// large): on to the buffers.
    pub fn read(&self) {
        self.1.go();
    }
}

/// Starts making the frame buffers (see [`Prepared`]); `None` if no thread
/// could be started ([`take`] makes them then).
pub fn prepare() -> Option<Prepared> {
    let (made, release) = crate::cores::spawn_ready("frame buffers", screen).ok()?;
    Some(Prepared(made, release))
}

/// Takes the terminal, as `ratatui::try_init` does (raw mode, the alternate
/// screen, a panic hook that gives the terminal back), to draw through a
/// [`Tty`] once [`Taken::tty`] has it (with the buffers `prepared` made, if
/// any); if any of it fails, the terminal is given back before the error.
/// The hook gives it back only for a panic on this thread (the reader's): a
/// thread of its own that panics (an export) is reported by the reader,
/// which goes on drawing.
pub fn take(prepared: Option<Prepared>) -> io::Result<Taken> {
    let reader = std::thread::current().id();
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().id() == reader {
            restore_quietly();
        }
        previous(info);
    }));
    ratatui::crossterm::terminal::enable_raw_mode()?;
    // Pasted text comes as one event, not as keys (a `d` or `q` in it would act).
    match execute!(
        stdout(),
        ratatui::crossterm::terminal::EnterAlternateScreen,
        EnableBracketedPaste
    ) {
        Ok(()) => Ok(Taken { tty: None, prepared }),
        Err(e) => {
            restore_quietly();
            Err(e)
        }
    }
}

/// The terminal taken, its frame buffers perhaps still in the making: what
/// comes before the first frame (keys typed ahead read and acted on, the
/// signals' threads started) is done meanwhile, not after waiting for
/// them (at 200×60 the reader waited 0.15 ms for them on the panel, and
/// then did 0.17 ms of that).
pub struct Taken {
    tty: Option<Tty>,
    prepared: Option<Prepared>,
}

impl Taken {
    /// The terminal to draw on: the first time, once its buffers are made.
    /// An error here leaves the terminal to the caller to give back.
    pub fn tty(&mut self) -> io::Result<&mut Tty> {
        let tty = match self.tty.take() {
            Some(tty) => tty,
            None => {
                let made = self.prepared.take().and_then(|p| {
                    p.read();
                    p.0.recv().ok()
                });
                Tty(ManuallyDrop::new(made.unwrap_or_else(screen)?))
            }
        };
        Ok(self.tty.insert(tty))
    }
}

/// Gives the terminal back: mouse reporting off, raw mode and the alternate
/// screen left. Errors are ignored (a hung-up terminal cannot be written).
pub fn restore_quietly() {
    let _ = disable_mouse();
    let _ = execute!(stdout(), DisableBracketedPaste);
    // Not `ratatui::restore`: it reports failure with `eprintln!`, which
    // panics when standard error is the terminal that has gone.
    let _ = ratatui::try_restore();
}

/// Shows the cursor and lets `terminal` go, quietly. ratatui's `Drop` shows
/// the cursor too, but reports a failure with `eprintln!`, which panics
/// (exit 101) when standard error is the terminal that has hung up; a
/// terminal that cannot be written is let go without its `Drop`.
fn release<B: ratatui::backend::Backend>(mut terminal: Terminal<B>) {
    if terminal.show_cursor().is_err() {
        std::mem::forget(terminal);
    }
}

pub fn enable_mouse() -> io::Result<()> {
    execute!(stdout(), EnableMouseCapture)
}

pub fn disable_mouse() -> io::Result<()> {
    execute!(stdout(), DisableMouseCapture)
}

/// Ctrl-Z: give the terminal back, stop, and take it again on `fg`.
#[cfg(unix)]
pub fn suspend(terminal: &mut Tty) -> io::Result<()> {
    disable_mouse()?;
    // The shell's cursor shown (ratatui's restore leaves it hidden; on
    // `fg` the next frame hides it again, see `forget_cursor` below).
    execute!(stdout(), DisableBracketedPaste, ratatui::crossterm::cursor::Show)?;
    ratatui::try_restore()?;
    stdout().flush()?;
    // SAFETY: raising a signal in our own process has no memory-safety
    // preconditions; SIGTSTP stops us until the shell sends SIGCONT.
    unsafe {
        libc::raise(libc::SIGTSTP);
    }
    ratatui::crossterm::terminal::enable_raw_mode()?;
    execute!(
        stdout(),
        ratatui::crossterm::terminal::EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )?;
    // The shell drew over the screen meanwhile: blank it, and draw one empty
    // frame so ratatui's idea of the screen is blank too and the next frame
    // paints every cell. (`Terminal::clear` would query the cursor position,
    // which not every terminal answers.)
    execute!(
        stdout(),
        ratatui::crossterm::terminal::Clear(ratatui::crossterm::terminal::ClearType::All)
    )?;
    // The shell showed the cursor and moved it.
    terminal.backend_mut().forget_cursor();
    terminal.draw(|_| {})?;
    Ok(())
}

#[cfg(not(unix))]
pub fn suspend(_terminal: &mut Tty) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::theme::Theme;
    use crate::ui::{Action, App, update, view};
    use ratatui::layout::Rect;
    use ratatui::{TerminalOptions, Viewport};
    use std::cell::{Cell, RefCell};
    use std::rc::Rc;

    /// What the terminal was sent, kept where the test can read it; once
    /// `gone`, every write fails, as to a terminal that has hung up, and is
    /// counted.
    #[derive(Clone, Default)]
    struct Sent(Rc<RefCell<Vec<u8>>>, Rc<Cell<bool>>, Rc<Cell<usize>>);

    impl Write for Sent {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.1.get() {
                self.2.set(self.2.get() + 1);
                return Err(io::Error::from_raw_os_error(libc::EIO));
            }
            self.0.borrow_mut().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    fn drawn(out: &Sent) -> Terminal<Cells<Sent>> {
        let (width, height) = (320, 90);
        let doc = crate::store::bundled().expect("bundled");
        let mut app = App::new(doc, "bundled".into(), (0, 0), Theme::new(true));
        update(&mut app, Action::Resize { width, height });
        let viewport = Viewport::Fixed(Rect::new(0, 0, width, height));
        let backend = Cells::new(out.clone());
        let mut terminal = Terminal::with_options(backend, TerminalOptions { viewport }).unwrap();
        terminal.draw(|f| view(&app, f)).unwrap();
        terminal
    }

    /// A terminal that hung up is let go after one try at showing the
    /// cursor: ratatui's `Drop` would try again and report the failure on
    /// standard error, which panics when that is the same dead terminal.
    #[test]
    fn a_terminal_that_has_gone_is_let_go_quietly() {
        let out = Sent::default();
        let terminal = drawn(&out);
        out.1.set(true);
        release(terminal);
        assert_eq!(out.2.get(), 1, "one try at showing the cursor");
        // A live one has its cursor shown, once.
        let out = Sent::default();
        let terminal = drawn(&out);
        let before = out.0.borrow().len();
        release(terminal);
        assert_eq!(&out.0.borrow()[before..], b"\x1b[?25h");
    }

    /// The first frame of the bundled debate on a large terminal, as bytes
    /// sent to it, fits the buffer: it goes out in one write.
    #[test]
    fn a_whole_frame_fits_the_buffer() {
        let out = Sent::default();
        let _terminal = drawn(&out);
        let sent = out.0.borrow().len();
        assert!(sent > 20_000, "a frame of 320×90 is {sent} bytes");
        assert!(sent < FRAME_BUFFER, "a frame of {sent} bytes needs more than one write");
    }
}
