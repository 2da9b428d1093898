//! The terminal backend: crossterm's, with its frames written as bytes.
//!
//! ratatui's crossterm backend writes each changed cell through crossterm's
//! commands, each a `write!` through the formatting machinery: for the
//! 12.8 MB panel's first frame at 200×60 (7,800 cells) that was 0.4 ms, as
//! long as drawing the frame. [`Cells`] writes the same bytes (a test holds
//! them to crossterm's, byte for byte) straight into a buffer, and leaves
//! everything else to crossterm's backend.
//!
//! One thing it writes shorter: on a blank screen (the first frame, and
//! the first after the screen is cleared) a short gap between two cells of
//! a row goes out as spaces, not as a cursor move (see `encode`). And a
//! frame that changes nothing writes nothing: ratatui hides (or shows and
//! places) the cursor at every frame and crossterm resets the pen after
//! every diff, empty or not, which the loop's idle wakes sent four times a
//! second (25 bytes each) to a terminal that might be at the end of a slow
//! link.

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::crossterm::style::Colored;
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};

/// crossterm's backend, writing frames itself (see the module's note).
pub struct Cells<W: Write> {
    inner: CrosstermBackend<W>,
    /// A frame's bytes, kept for the next frame.
    frame: Vec<u8>,
    /// The screen is blank: nothing drawn since it was entered or cleared.
    blank: bool,
    /// Whether the cursor is shown, where known.
    shown: Option<bool>,
    /// Where the cursor was put, while nothing has moved it since.
    at: Option<Position>,
    /// Where flags are on screen.
    halves: super::halves::Halves,
}

impl<W: Write> Cells<W> {
    pub fn new(writer: W) -> Self {
        Self {
            inner: CrosstermBackend::new(writer),
            frame: Vec::new(),
            blank: true,
            shown: None,
            at: None,
            halves: super::halves::Halves::default(),
        }
    }

    /// Shows or hides the cursor, unless it is so already.
    fn cursor_shown(&mut self, shown: bool) -> io::Result<()> {
        if self.shown == Some(shown) {
            return Ok(());
        }
        // Unknown until the terminal has been told.
        self.shown = None;
        if shown { self.inner.show_cursor() } else { self.inner.hide_cursor() }?;
        self.shown = Some(shown);
        Ok(())
    }

    /// Something other than this backend wrote to the terminal (the shell,
    /// while crosstalk was stopped): the cursor is where and as it left it.
    pub fn forget_cursor(&mut self) {
        (self.shown, self.at) = (None, None);
    }
}

impl<W: Write> Cells<W> {
    /// Whether the screen is blank: nothing drawn since it was entered or
    /// cleared whole (see [`super::fresh`]).
    pub fn is_blank(&self) -> bool {
        self.blank
    }
}

impl<W: Write> Write for Cells<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.at = None;
        self.inner.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        Write::flush(&mut self.inner)
    }
}

impl<W: Write> Backend for Cells<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.frame.clear();
        // Flags' second halves blanked where tmux would leave them (see
        // `halves`); nothing collected while no flag is on screen.
        if self.halves.none() {
            let halves = &mut self.halves;
            encode(&mut self.frame, content.inspect(|&(x, y, c)| halves.saw(x, y, c)), self.blank);
        } else {
            let blank = Cell::default();
            encode(&mut self.frame, self.halves.mend(content, &blank).into_iter(), self.blank);
        }
        if self.frame.is_empty() {
            return Ok(());
        }
        (self.blank, self.at) = (false, None);
        self.inner.write_all(&self.frame)
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        (self.blank, self.at) = (false, None);
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.cursor_shown(false)
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.cursor_shown(true)
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let position = position.into();
        if self.at == Some(position) {
            return Ok(());
        }
        self.at = None;
        self.inner.set_cursor_position(position)?;
        self.at = Some(position);
        Ok(())
    }

    fn clear(&mut self) -> io::Result<()> {
        (self.blank, self.at) = (true, None);
        self.halves.clear();
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        (self.blank, self.at) = (clear_type == ClearType::All, None);
        if self.blank {
            self.halves.clear();
        }
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        self.inner.size()
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}

/// The bytes crossterm's backend writes for `content`: for each cell, a
/// cursor move unless it follows the last, its attributes and colours
/// where they change, its symbol; then colours and attributes reset.
/// Nothing at all for no cells.
///
/// But for one thing, where the screen is `blank`: a short gap between
/// two cells of a row is written as spaces where that is no longer than
/// the cursor move over it. ratatui leaves out of a frame every place that
/// stays as it was, on a blank screen the spaces between words among them,
/// and a move there (`ESC[y;xH`, 6–9 bytes) instead of one space was 45% of
/// the panel's first frame (14.6 of 32.5 KB at 200×60): 21.0 KB now. A
/// pty takes about 8 KB at once, then the writer waits for the reader: the
/// frame's write 0.23 → 0.17 ms (instrumented, at 22.7 KB).
/// The spaces show as the blanks they cover: the pen's attributes do not
/// show on a space (no background, reverse, underline or strike), and the
/// cursor is at the gap as surely as ratatui's own runs of cells are where
/// it means them, with nothing drawn over the gap: each symbol so far on
/// the row was one [`narrow`] character (a terminal may draw an emoji
/// sequence wider than ratatui measures it, and a move over the gap leaves
/// what spills there; a property test found it). Where the screen is not
/// blank, the places ratatui leaves out show anything.
fn encode<'a>(out: &mut Vec<u8>, content: impl Iterator<Item = (u16, u16, &'a Cell)>, blank: bool) {
    // crossterm writes no colour at all where `NO_COLOR` is set.
    let colour = !Colored::ansi_color_disabled_memoized();
    let (mut fg, mut bg, mut under) = (Color::Reset, Color::Reset, Color::Reset);
    let mut modifier = Modifier::empty();
    let mut last: Option<(u16, u16)> = None;
    // Each symbol so far on this row was one narrow character.
    let mut narrow_row = true;
    let mut content = content.peekable();
    if content.peek().is_none() {
        return;
    }
    for (x, y, cell) in content {
        if last.is_some_and(|(_, ly)| ly != y) {
            narrow_row = true;
        }
        if !matches!(last, Some((lx, ly)) if lx.checked_add(1) == Some(x) && ly == y) {
            let (row, column) = (u32::from(y) + 1, u32::from(x) + 1);
            let gap = match last {
                Some((lx, ly)) if blank && narrow_row && ly == y && lx < x => {
                    usize::from(x - lx - 1)
                }
                _ => usize::MAX,
            };
            if gap <= 4 + digits(row) + digits(column) && unseen(bg, modifier) {
                out.resize(out.len() + gap, b' ');
            } else {
                out.extend_from_slice(b"\x1b[");
                number(out, row);
                out.push(b';');
                number(out, column);
                out.push(b'H');
            }
        }
        last = Some((x, y));
        if cell.modifier != modifier {
            modifiers(out, modifier, cell.modifier);
            modifier = cell.modifier;
        }
        if cell.fg != fg || cell.bg != bg {
            out.extend_from_slice(b"\x1b[");
            colored(out, colour, b"38;", b"39", cell.fg);
            out.push(b';');
            colored(out, colour, b"48;", b"49", cell.bg);
            out.push(b'm');
            (fg, bg) = (cell.fg, cell.bg);
        }
        if cell.underline_color != under {
            out.extend_from_slice(b"\x1b[");
            colored(out, colour, b"58;", b"59", cell.underline_color);
            out.push(b'm');
            under = cell.underline_color;
        }
        let symbol = cell.symbol().as_bytes();
        out.extend_from_slice(symbol);
        narrow_row &= narrow(cell.symbol());
    }
    for reset in [b"39", b"49", b"59"] {
        out.extend_from_slice(b"\x1b[");
        if colour {
            out.extend_from_slice(reset);
        }
        out.push(b'm');
    }
    out.extend_from_slice(b"\x1b[0m");
}

/// Whether `symbol` is one character one cell wide wherever ratatui's
/// frames are drawn right: text of one cell a character (see
/// [`crate::ui::text::is_simple`]) and the box-drawing characters of
/// borders. (A terminal that draws the East Asian ambiguous ones two cells
/// wide misdraws every border ratatui writes.) Not wide characters,
/// emoji, combining marks: a terminal may measure those otherwise.
fn narrow(symbol: &str) -> bool {
    let mut chars = symbol.chars();
    matches!(
        (chars.next(), chars.next()),
        (Some(c), None) if crate::ui::text::is_simple(c) || ('\u{2500}'..='\u{257F}').contains(&c)
    )
}

/// A space in background `bg` with `modifier` shows nothing: its
/// foreground colour, bold, italic and the like do not show on it.
fn unseen(bg: Color, modifier: Modifier) -> bool {
    bg == Color::Reset
        && !modifier.intersects(Modifier::REVERSED | Modifier::UNDERLINED | Modifier::CROSSED_OUT)
}

/// The number of decimal digits of `n`.
fn digits(n: u32) -> usize {
    n.checked_ilog10().map_or(1, |d| d as usize + 1)
}

/// The attributes that change from `from` to `to`, as crossterm's backend
/// sets them (bold and dim are both ended by one code, so the one that
/// stays is set again).
fn modifiers(out: &mut Vec<u8>, from: Modifier, to: Modifier) {
    let mut sgr = |code: &[u8]| {
        out.extend_from_slice(b"\x1b[");
        out.extend_from_slice(code);
        out.push(b'm');
    };
    let removed = from - to;
    if removed.contains(Modifier::REVERSED) {
        sgr(b"27");
    }
    let intensity = removed.intersects(Modifier::BOLD | Modifier::DIM);
    if intensity {
        sgr(b"22");
        if to.contains(Modifier::DIM) {
            sgr(b"2");
        }
        if to.contains(Modifier::BOLD) {
            sgr(b"1");
        }
    }
    for (gone, code) in [
        (Modifier::ITALIC, b"23"),
        (Modifier::UNDERLINED, b"24"),
        (Modifier::CROSSED_OUT, b"29"),
        (Modifier::HIDDEN, b"28"),
    ] {
        if removed.contains(gone) {
            sgr(code);
        }
    }
    if removed.intersects(Modifier::SLOW_BLINK | Modifier::RAPID_BLINK) {
        sgr(b"25");
    }
    let added = to - from;
    for (new, code) in [
        (Modifier::REVERSED, &b"7"[..]),
        (Modifier::BOLD, b"1"),
        (Modifier::ITALIC, b"3"),
        (Modifier::UNDERLINED, b"4"),
        (Modifier::DIM, b"2"),
        (Modifier::CROSSED_OUT, b"9"),
        (Modifier::HIDDEN, b"8"),
        (Modifier::SLOW_BLINK, b"5"),
        (Modifier::RAPID_BLINK, b"6"),
    ] {
        // Bold and dim were set again above, after the intensity ended.
        let again = intensity && (new == Modifier::BOLD || new == Modifier::DIM);
        if added.contains(new) && !again {
            sgr(code);
        }
    }
}

/// `color` as crossterm writes it: `reset` for the default, else `set`
/// and the 256-colour or RGB form (crossterm writes the sixteen named
/// colours as 256-colour indexes); nothing where colour is off.
fn colored(out: &mut Vec<u8>, colour: bool, set: &[u8], reset: &[u8], color: Color) {
    if !colour {
        return;
    }
    let index = match color {
        Color::Reset => return out.extend_from_slice(reset),
        Color::Rgb(r, g, b) => {
            out.extend_from_slice(set);
            out.extend_from_slice(b"2;");
            for (k, part) in [r, g, b].into_iter().enumerate() {
                if k > 0 {
                    out.push(b';');
                }
                number(out, u32::from(part));
            }
            return;
        }
        Color::Indexed(i) => i,
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
    };
    out.extend_from_slice(set);
    out.extend_from_slice(b"5;");
    number(out, u32::from(index));
}

/// `n` in decimal.
fn number(out: &mut Vec<u8>, n: u32) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

#[cfg(test)]
#[path = "cells_tests.rs"]
pub(super) mod tests;
