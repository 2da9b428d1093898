//! Fewer bytes for every frame: a backend that bridges short runs of
//! unchanged blank cells with spaces instead of moving the cursor over them.
//!
//! ratatui hands a backend only the cells that changed since the last
//! frame. The blank between two words is unchanged, so the crossterm
//! backend moves the cursor before every word (`ESC[row;colH`, 6 to 10
//! bytes): on the first frame of a wide screen of prose, 1,764 moves, 14 KB
//! of 32 KB. Writing the blank again as a space costs a byte a cell.

use std::ops::Range;

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Buffer, Cell, CellWidth};
use ratatui::layout::{Position, Rect, Size};
use ratatui::style::Modifier;

/// Modifiers that show on a space. Any other (bold, italic, dim) changes
/// only how a glyph is drawn.
const VISIBLE_ON_SPACE: Modifier = Modifier::REVERSED
    .union(Modifier::UNDERLINED)
    .union(Modifier::CROSSED_OUT)
    .union(Modifier::SLOW_BLINK)
    .union(Modifier::RAPID_BLINK);

/// A backend that draws through `B`, filling a gap of unchanged cells
/// between two changed cells of a row with spaces when that is shorter than
/// the cursor move over it, and when the spaces show exactly what the
/// terminal shows there: each gap cell a space of the same background as
/// the cell before the gap, with no modifier that shows on a space, on it
/// or in that cell's style. The spaces are written in that cell's style,
/// so no style sequence is sent for them either.
///
/// It keeps what the terminal shows; on a full clear it knows it again (a
/// resize clears, through ratatui's autoresize). After anything it cannot
/// follow (a partial clear, lines appended, a failed write, a cursor whose
/// column depends on how the terminal draws a symbol) it fills nothing
/// until the next full clear. Cells that ratatui never draws (`skip`) are
/// not known: a screen that uses them must not be drawn through this.
pub struct Compact<B> {
    inner: B,
    /// What the terminal shows; `None` while it is not known.
    shown: Option<Buffer>,
}

impl<B: Backend> Compact<B> {
    /// Draws through `inner`, whose screen is blank (the reader clears the
    /// alternate screen as it enters it: see [`super::tty::take`]).
    pub fn new(inner: B) -> Self {
        let shown = inner.size().ok().map(blank);
        Self { inner, shown }
    }
}

fn blank(size: Size) -> Buffer {
    Buffer::empty(Rect::new(0, 0, size.width, size.height))
}

/// Bytes of the cursor move to `(x, y)`: `ESC [ row ; column H`, counted
/// from 1.
fn move_len(x: u16, y: u16) -> usize {
    let digits = |n: u16| (u32::from(n) + 1).ilog10() as usize + 1;
    4 + digits(y) + digits(x)
}

/// Whether spaces in `before`'s style over `gap` of row `y` are shorter
/// than the move over it and look like what `shown` has there.
fn fillable(shown: &Buffer, before: &Cell, mut gap: Range<u16>, y: u16) -> bool {
    gap.len() < move_len(gap.end, y)
        && !before.modifier.intersects(VISIBLE_ON_SPACE)
        && gap.all(|x| {
            let cell = &shown[(x, y)];
            cell.symbol() == " "
                && cell.bg == before.bg
                && !cell.modifier.intersects(VISIBLE_ON_SPACE)
        })
}

/// Brings `shown` up to date with `cells` and with the spaces to write
/// between them, and returns where those go: after which cell, how many.
/// `None` if the terminal can no longer be followed.
fn plan(shown: &mut Buffer, cells: &[(u16, u16, &Cell)]) -> Option<Vec<(usize, u16)>> {
    let mut gaps = Vec::new();
    let area = shown.area;
    for (i, &(x, y, cell)) in cells.iter().enumerate() {
        if let Some(&(bx, by, before)) = i.checked_sub(1).map(|b| &cells[b]) {
            let narrow = before.symbol().cell_width() == 1;
            // The crossterm backend moves the cursor unless the cell is
            // the next column; after a wide or empty symbol, that column
            // is where the terminal put the cursor, which may not be `x`.
            if by == y && x == bx + 1 && !narrow {
                return None;
            }
            if by == y && x > bx + 1 && narrow && fillable(shown, before, bx + 1..x, y) {
                for gx in bx + 1..x {
                    shown[(gx, y)] = before.clone();
                    shown[(gx, y)].set_symbol(" ");
                }
                gaps.push((i - 1, x - bx - 1));
            }
        }
        let covers = cell.cell_width().max(cell.symbol().cell_width()).max(1);
        if y >= area.bottom() || u32::from(x) + u32::from(covers) > u32::from(area.right()) {
            return None;
        }
        shown[(x, y)] = cell.clone();
        // Behind a wide symbol: not known again until drawn, as the
        // terminal may blank it when either half is overwritten.
        for covered in x + 1..x + covers {
            shown[(covered, y)].set_symbol("");
        }
    }
    Some(gaps)
}

impl<B: Backend> Backend for Compact<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let Some(shown) = &mut self.shown else {
            return self.inner.draw(content);
        };
        let cells: Vec<(u16, u16, &Cell)> = content.collect();
        let Some(gaps) = plan(shown, &cells) else {
            self.shown = None;
            return self.inner.draw(cells.into_iter());
        };
        // The gaps' cells, as `plan` left them in `shown`: spaces in the
        // style of the cell before, so no style is set for them.
        let shown = &*shown;
        let filled = gaps.iter().map(|&(_, len)| usize::from(len)).sum::<usize>();
        let mut out = Vec::with_capacity(cells.len() + filled);
        let mut gaps = gaps.into_iter().peekable();
        for (i, &(x, y, cell)) in cells.iter().enumerate() {
            out.push((x, y, cell));
            if let Some((_, len)) = gaps.next_if(|&(at, _)| at == i) {
                out.extend((x + 1..=x + len).map(|gx| (gx, y, &shown[(gx, y)])));
            }
        }
        let drawn = self.inner.draw(out.into_iter());
        if drawn.is_err() {
            self.shown = None;
        }
        drawn
    }

    fn append_lines(&mut self, n: u16) -> Result<(), Self::Error> {
        self.shown = None;
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.shown = None;
        self.inner.clear_region(clear_type)?;
        if clear_type == ClearType::All {
            self.shown = self.inner.size().ok().map(blank);
        }
        Ok(())
    }

    fn size(&self) -> Result<Size, Self::Error> {
        self.inner.size()
    }

    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> Result<(), Self::Error> {
        // Part of a frame may be out, part not.
        let flushed = self.inner.flush();
        if flushed.is_err() {
            self.shown = None;
        }
        flushed
    }
}

#[cfg(test)]
mod tests;
