//! Flags (a pair of regional indicators, `🇺🇸`) drawn two cells wide: tmux
//! (3.3) keeps each half in a cell of its own, so a frame that writes over
//! the first cell alone leaves the second half on screen (a stray `🇸` in a
//! pop-up, there until the screen is cleared). ratatui's diff does not
//! write the second cell again when it has not changed (a blank before and
//! after), so [`Halves`] does: where a flag was, a write of its first cell
//! that the frame does not follow with the second gets a blank written
//! there too (the blank the buffer holds behind a wide character).

use std::collections::HashSet;

use ratatui::buffer::{Cell, CellWidth};

/// Where flags were last written, cell by cell.
#[derive(Debug, Default)]
pub struct Halves {
    at: HashSet<(u16, u16)>,
}

/// Whether `symbol` holds a regional indicator (half of a flag).
fn is_flag(symbol: &str) -> bool {
    // A pair is eight bytes: most symbols are one.
    symbol.len() >= 8 && symbol.chars().any(|c| ('\u{1F1E6}'..='\u{1F1FF}').contains(&c))
}

impl Halves {
    /// The screen was cleared: no flag is on it.
    pub fn clear(&mut self) {
        self.at.clear();
    }

    /// Whether no flag is known to be on screen (nothing to mend: a frame's
    /// cells need only be [`Self::saw`]).
    pub fn none(&self) -> bool {
        self.at.is_empty()
    }

    /// A cell written while no flag was on screen.
    pub fn saw(&mut self, x: u16, y: u16, cell: &Cell) {
        if is_flag(cell.symbol()) {
            self.at.insert((x, y));
        }
    }

    /// `updates` (a frame's changed cells, in order), with a `blank` after
    /// each write over a flag's first cell that is not followed by a write
    /// of its second.
    pub fn mend<'a: 'b, 'b>(
        &mut self,
        updates: impl Iterator<Item = (u16, u16, &'a Cell)>,
        blank: &'b Cell,
    ) -> Vec<(u16, u16, &'b Cell)> {
        let updates: Vec<(u16, u16, &'b Cell)> = updates.collect();
        let mut out = Vec::with_capacity(updates.len());
        for (i, &(x, y, cell)) in updates.iter().enumerate() {
            out.push((x, y, cell));
            // The cells this one covers (two for 中 or a flag): a flag that
            // started under any of them is gone; its second half is too
            // where this cell covers it, else it is blanked, unless the
            // frame writes that cell next.
            let width = cell.cell_width().max(1);
            let mut after = None;
            for covered in x..x.saturating_add(width) {
                if !self.at.is_empty() && self.at.remove(&(covered, y)) {
                    let half = covered.saturating_add(1);
                    if half >= x.saturating_add(width) {
                        after = Some(half);
                    }
                }
            }
            if is_flag(cell.symbol()) {
                self.at.insert((x, y));
            }
            if let Some(half) = after {
                let next = updates.get(i + 1).map(|&(nx, ny, _)| (nx, ny));
                if next != Some((half, y)) {
                    out.push((half, y, blank));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(symbol: &str) -> Cell {
        let mut c = Cell::default();
        c.set_symbol(symbol);
        c
    }

    #[test]
    fn a_flag_written_over_gets_its_second_half_blanked() {
        let (flag, bar, blank) = (cell("🇺🇸"), cell("┃"), Cell::default());
        let mut halves = Halves::default();
        let first = halves.mend([(3, 1, &flag)].into_iter(), &blank);
        assert_eq!(first.len(), 1, "nothing added while drawing a flag");
        // The flag's first cell written over alone: its second is blanked.
        let next = halves.mend([(3, 1, &bar)].into_iter(), &blank);
        assert_eq!(
            next.iter().map(|&(x, y, c)| (x, y, c.symbol())).collect::<Vec<_>>(),
            [(3, 1, "┃"), (4, 1, " ")]
        );
        // Written over with its second cell too: nothing added.
        halves.mend([(3, 1, &flag)].into_iter(), &blank);
        let both = halves.mend([(3, 1, &bar), (4, 1, &bar)].into_iter(), &blank);
        assert_eq!(both.len(), 2);
        // Once blanked, no longer a flag.
        assert_eq!(halves.mend([(3, 1, &blank)].into_iter(), &blank).len(), 1);
        // Written over by a wide character, the flag's second half is
        // under it: nothing added (a blank there would be written after the
        // wide character, a cell too far, and shift the row).
        halves.mend([(3, 1, &flag)].into_iter(), &blank);
        let wide = cell("中");
        assert_eq!(halves.mend([(3, 1, &wide)].into_iter(), &blank).len(), 1);
        // A flag one cell on: the old flag's first cell under the new
        // flag's second half, its own second half blanked after it.
        halves.mend([(3, 1, &flag)].into_iter(), &blank);
        let shifted = halves.mend([(2, 1, &flag)].into_iter(), &blank);
        assert_eq!(
            shifted.iter().map(|&(x, _, c)| (x, c.symbol())).collect::<Vec<_>>(),
            [(2, "🇺🇸"), (4, " ")]
        );
        assert_eq!(halves.mend([(2, 1, &bar)].into_iter(), &blank).len(), 2, "still a flag at 2");
        // A cleared screen holds none.
        halves.mend([(3, 1, &flag)].into_iter(), &blank);
        halves.clear();
        assert_eq!(halves.mend([(3, 1, &bar)].into_iter(), &blank).len(), 1);
    }
}
