//! The cells of a frame drawn on a blank screen: what ratatui's diff against
//! a blank buffer gives, found without comparing every place with a blank
//! one and measuring every symbol's width.
//!
//! ratatui draws a frame by diffing it with the one before; on a blank
//! screen that one is blank, and the diff's work per place (comparing two
//! cells, the symbols with `memcmp`, and measuring the new one) was 0.15 ms
//! of the panel's first frame at 200×60, more than half the time from the
//! frame drawn in memory to its bytes. [`cells`] gives the same cells in
//! the same order (a property test holds it to ratatui's diff for random
//! frames: wide characters, emoji with VS16, cells to skip, forced widths).

use std::io::{self, Write};

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::buffer::{Buffer, Cell, CellDiffOption, CellWidth};
use ratatui::style::Color;

use super::app::App;
use super::cells::Cells;

/// Draws a frame. On a blank screen (the first frame, the first after the
/// screen is cleared) as ratatui's `draw` does, but for its diff with the
/// blank frame before, whose cells [`cells`] finds faster. (A resize
/// only blanks the screen: a frame on one that is not blank yet is drawn
/// by ratatui, which asks the size once.)
pub fn draw<W: Write>(tty: &mut Terminal<Cells<W>>, app: &App) -> io::Result<()> {
    if !tty.backend().is_blank() {
        return tty.draw(|frame| super::dispatch::view(app, frame)).map(drop);
    }
    tty.autoresize()?;
    let area = tty.get_frame().area();
    let mut next = std::mem::take(tty.current_buffer_mut());
    super::dispatch::view_in(app, area, &mut next);
    let written = tty.backend_mut().draw(cells(&next));
    *tty.current_buffer_mut() = next;
    written?;
    tty.hide_cursor()?;
    tty.swap_buffers();
    Backend::flush(tty.backend_mut())
}

/// The cells ratatui's diff would give for `next` against a blank buffer of
/// the same area, in its order.
pub fn cells(next: &Buffer) -> Fresh<'_> {
    Fresh { next, pos: 0, trailing: None }
}

/// See [`cells`].
pub struct Fresh<'a> {
    next: &'a Buffer,
    pos: usize,
    /// The places after an emoji with VS16 still to look at, as ratatui
    /// does: from, to.
    trailing: Option<(usize, usize)>,
}

/// Whether ratatui's diff skips `cell` (`Cell::skip` is deprecated, but it
/// is what the diff reads).
#[allow(deprecated)]
fn skipped(cell: &Cell) -> bool {
    matches!(cell.diff_option, CellDiffOption::Skip)
        || (cell.skip && matches!(cell.diff_option, CellDiffOption::None))
}

/// Whether `cell` is a blank one, `*cell == Cell::EMPTY` field by field
/// (the symbol first: most cells of a frame are text). ratatui's own
/// comparison compares the symbols again, with a call to `memcmp`; the
/// property test below holds this to ratatui's diff.
#[allow(deprecated)]
fn blank(cell: &Cell) -> bool {
    cell.symbol() == " "
        && cell.fg == Color::Reset
        && cell.bg == Color::Reset
        && cell.underline_color == Color::Reset
        && cell.modifier.is_empty()
        && cell.diff_option == CellDiffOption::None
        && !cell.skip
}

impl<'a> Iterator for Fresh<'a> {
    type Item = (u16, u16, &'a Cell);

    fn next(&mut self) -> Option<Self::Item> {
        let content = &self.next.content;
        let len = content.len();
        let at = |i: usize| {
            let w = usize::from(self.next.area.width.max(1));
            let (x, y) =
                (i % w + usize::from(self.next.area.x), i / w + usize::from(self.next.area.y));
            (x as u16, y as u16, &content[i])
        };
        // The places an emoji with VS16 covers: each not blank is written
        // (some terminals leave what was there).
        if let Some((from, end)) = &mut self.trailing {
            while *from < *end {
                let j = *from;
                *from += usize::from(content[j].cell_width().max(1));
                *end = (*end).max(*from).min(len);
                if !skipped(&content[j]) && content[j].symbol() != " " {
                    return Some(at(j));
                }
            }
            self.pos = *end;
            self.trailing = None;
        }
        while self.pos < len {
            let i = self.pos;
            self.pos += 1;
            let cell = &content[i];
            match cell.diff_option {
                CellDiffOption::Skip => {}
                _ if skipped(cell) => {}
                CellDiffOption::ForcedWidth(width) => {
                    self.pos = self.pos.saturating_add(usize::from(width.get().saturating_sub(1)));
                    if *cell != Cell::EMPTY {
                        return Some(at(i));
                    }
                }
                CellDiffOption::None | CellDiffOption::AlwaysUpdate => {
                    if matches!(cell.diff_option, CellDiffOption::None) && blank(cell) {
                        continue;
                    }
                    let width = usize::from(cell.cell_width());
                    if width > 1 && cell.symbol().contains('\u{FE0F}') {
                        self.trailing = Some((i + 1, (i + width).min(len)));
                    } else if width > 1 {
                        self.pos += width - 1;
                    }
                    return Some(at(i));
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Modifier, Style};
    use std::num::NonZeroU16;

    /// A frame of `w`×`h` (placed anywhere) with symbols of every width,
    /// some cells to skip, forced widths, styled blanks.
    fn frame() -> impl Strategy<Value = Buffer> {
        let symbol = prop::sample::select(vec![
            " ",
            " ",
            " ",
            "a",
            "—",
            "的",
            "❤\u{FE0F}",
            "👩‍👩‍👧",
            "e\u{301}",
            "\u{200B}",
            "",
        ]);
        let cell = (symbol, 0u8..12, any::<bool>(), any::<bool>(), 0u8..4);
        (1u16..14, 1u16..5, 0u16..3, 0u16..3).prop_flat_map(move |(w, h, x, y)| {
            prop::collection::vec(cell.clone(), usize::from(w * h)).prop_map(move |cells| {
                let mut buf = Buffer::empty(Rect::new(x, y, w, h));
                for (k, (symbol, kind, bold, red, pen)) in cells.into_iter().enumerate() {
                    let (cx, cy) = (x + k as u16 % w, y + k as u16 / w);
                    let mut style = Style::default();
                    if bold {
                        style = style.add_modifier(Modifier::BOLD);
                    }
                    if red {
                        style = style.bg(Color::Red);
                    }
                    // A blank with only a foreground or an underline colour
                    // is not blank either.
                    match pen {
                        1 => style = style.fg(Color::Blue),
                        2 => style = style.underline_color(Color::Green),
                        _ => {}
                    }
                    let cell = &mut buf[(cx, cy)];
                    cell.set_symbol(symbol).set_style(style);
                    match kind {
                        0 => cell.diff_option = CellDiffOption::Skip,
                        1 => cell.diff_option = CellDiffOption::AlwaysUpdate,
                        2 => {
                            cell.diff_option =
                                CellDiffOption::ForcedWidth(NonZeroU16::new(2).expect("two"));
                        }
                        #[allow(deprecated)]
                        3 => cell.skip = true,
                        _ => {}
                    }
                }
                buf
            })
        })
    }

    proptest! {
        /// For any frame: the cells ratatui's diff gives against a blank
        /// buffer, the same and in the same order.
        #[test]
        fn the_cells_are_those_ratatuis_diff_gives_against_a_blank_buffer(next in frame()) {
            let theirs: Vec<(u16, u16, &Cell)> = Buffer::empty(next.area).diff(&next);
            let ours: Vec<(u16, u16, &Cell)> = cells(&next).collect();
            prop_assert_eq!(ours, theirs);
        }
    }

    use crate::ui::cells::tests::Sent;

    /// Frame after frame of the reader (the first on a blank screen, then
    /// motions), drawn here and by ratatui's own `draw`: the same bytes
    /// each time, so the blank frame leaves ratatui's buffers as its own
    /// draw would (the next frame's diff is the same), the cursor hidden
    /// by the first (the backend knows it stays hidden).
    #[test]
    fn frames_drawn_here_are_those_ratatui_draws() {
        use crate::ui::pane::Motion;
        use crate::ui::{Action, theme::Theme, update};
        use ratatui::{TerminalOptions, Viewport};
        let viewport = Viewport::Fixed(Rect::new(0, 0, 90, 24));
        let terminal = |out: &Sent| {
            let options = TerminalOptions { viewport: viewport.clone() };
            Terminal::with_options(Cells::new(out.clone()), options).expect("to memory")
        };
        let doc = crate::store::bundled().expect("bundled");
        let mut app = App::new(doc, "t.ron".into(), (0, 0), Theme::new(true));
        update(&mut app, Action::Resize { width: 90, height: 24 });
        let (here, theirs) = (Sent::default(), Sent::default());
        let (mut ours, mut ratatuis) = (terminal(&here), terminal(&theirs));
        let motions = [Motion::NextSentence, Motion::PageDown, Motion::Last, Motion::Last];
        for (n, motion) in motions.into_iter().enumerate() {
            draw(&mut ours, &app).expect("drawn");
            ratatuis.draw(|f| crate::ui::view(&app, f)).expect("drawn");
            assert!(!ours.backend().is_blank());
            let (a, b) = (here.0.take(), theirs.0.take());
            let hidden = a.windows(6).filter(|w| w == b"\x1b[?25l").count();
            assert_eq!(hidden, usize::from(n == 0), "the cursor hidden, once");
            assert_eq!(String::from_utf8_lossy(&a), String::from_utf8_lossy(&b));
            update(&mut app, Action::Move(motion));
        }
    }

    #[test]
    fn a_blank_frame_has_no_cells_and_words_have_theirs() {
        let mut next = Buffer::empty(Rect::new(0, 0, 8, 2));
        assert_eq!(cells(&next).count(), 0);
        next.set_string(1, 1, "a 的b", Style::default());
        let at: Vec<(u16, u16)> = cells(&next).map(|(x, y, _)| (x, y)).collect();
        assert_eq!(at, [(1, 1), (3, 1), (5, 1)]);
    }
}
