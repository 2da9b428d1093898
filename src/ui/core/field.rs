//! Drawing a one-line text field (the search bar, the picker's name, a
//! prompt, the export path, a filter). ratatui-textarea edits it, but
//! measures text a character at a time: `👩‍💻` (woman, joiner, laptop) is 4
//! cells to it where ratatui and terminals show 2, so a field holding such
//! emoji scrolled past its own text and showed nothing. Here the text is
//! measured a grapheme at a time, as everything else on screen is; for text
//! without such graphemes the cells are textarea's own (a test holds them
//! to it).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui_textarea::TextArea;
use unicode_segmentation::UnicodeSegmentation;

use super::text;

/// textarea's selection style, which it gives only to a mutable borrow.
const SELECTION: Style = Style::new().bg(Color::LightBlue);

/// Draws `field`'s first line into the first row of `area`: the text in
/// its style and the cursor line's, the cursor's cell in the cursor's
/// style, a selection in textarea's; the placeholder when it is empty. A
/// line wider than the row scrolls by three quarters of the row at a time,
/// so that the cursor is always on it.
pub fn render(field: &TextArea<'_>, area: Rect, buf: &mut Buffer) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let area = Rect { height: 1, ..area };
    let line = field.lines().first().map_or("", String::as_str);
    if let Some(style) = field.placeholder_style().filter(|_| field.is_empty()) {
        buf[(area.x, area.y)].set_symbol(" ").set_style(style.patch(field.cursor_style()));
        let room = usize::from(area.width - 1);
        // Cut with `…` where it does not fit, as every other line is.
        let hint = super::text::fit(field.placeholder_text(), room);
        buf.set_stringn(area.x + 1, area.y, &hint, room, style);
        return;
    }
    let base = field.style().patch(field.cursor_line_style());
    let ratatui_textarea::DataCursor(_, cursor) = field.cursor();
    let selected = field.selection_range().map(|((r0, c0), (r1, c1))| {
        let from = if r0 > 0 { usize::MAX } else { c0 };
        let to = if r1 > 0 { usize::MAX } else { c1 };
        (from, to)
    });
    // Each grapheme's first character and its column.
    let mut cells = Vec::new();
    let (mut chars, mut col) = (0, 0);
    for g in line.graphemes(true) {
        let w = usize::from(text::display(g).1);
        cells.push((g, chars, col, w));
        chars += g.chars().count();
        col += w;
    }
    let cursor_col = cells.iter().find(|c| c.1 >= cursor).map_or(col, |c| c.2);
    let width = usize::from(area.width);
    let page = (width * 3 / 4).max(1);
    let start = (cursor_col + 1).saturating_sub(width).div_ceil(page) * page;
    for &(g, at, col, w) in &cells {
        if col < start || col + w > start + width {
            continue;
        }
        let x = area.x + (col - start) as u16;
        let style = match selected {
            // The selection's style alone, as textarea draws it.
            Some((from, to)) if (from..to).contains(&at) => field.style().patch(SELECTION),
            _ => base,
        };
        buf.set_stringn(x, area.y, g, w, style);
    }
    let x = cursor_col - start;
    if x < width {
        // The cursor's style alone, as textarea draws it (not the line's).
        let cell = &mut buf[(area.x + x as u16, area.y)];
        if cursor_col == col {
            cell.set_symbol(" ");
        }
        cell.modifier = ratatui::style::Modifier::empty();
        cell.set_style(field.style().patch(field.cursor_style()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::widgets::Widget;

    fn field(text: &str, cursor: usize) -> TextArea<'static> {
        let mut f = TextArea::new(vec![text.to_owned()]);
        f.set_placeholder_text("type to filter");
        let to = u16::try_from(cursor).expect("short");
        f.move_cursor(ratatui_textarea::CursorMove::Jump(0, to));
        f
    }

    fn drawn(width: u16, draw: impl FnOnce(Rect, &mut Buffer)) -> Buffer {
        let area = Rect::new(0, 0, width, 1);
        let mut buf = Buffer::empty(area);
        draw(area, &mut buf);
        buf
    }

    #[test]
    fn text_that_fits_is_drawn_as_textarea_draws_it() {
        for (text, cursor) in
            [("", 0), ("national security", 0), ("national security", 9), ("ab", 2), ("é ü", 3)]
        {
            let f = field(text, cursor);
            let ours = drawn(30, |area, buf| render(&f, area, buf));
            let theirs = drawn(30, |area, buf| (&f).render(area, buf));
            assert_eq!(ours, theirs, "{text:?} at {cursor}");
        }
        // A selection too.
        let mut f = field("national security", 0);
        f.start_selection();
        f.move_cursor(ratatui_textarea::CursorMove::WordForward);
        let ours = drawn(30, |area, buf| render(&f, area, buf));
        let theirs = drawn(30, |area, buf| (&f).render(area, buf));
        assert_eq!(ours, theirs);
    }

    #[test]
    fn emoji_joined_into_one_are_two_cells_and_a_long_line_keeps_the_cursor_on_screen() {
        let text = (0..40).map(|i| format!("w{i} 👩‍💻")).collect::<Vec<_>>().join(" ");
        let end = text.chars().count();
        let f = field(&text, end);
        let buf = drawn(40, |area, buf| render(&f, area, buf));
        let row: String = (0..40).map(|x| buf[(x, 0)].symbol().to_owned()).collect();
        // The end of the text is on screen, the cursor after it.
        assert!(row.contains("w39 👩‍💻"), "{row:?}");
        let last = row.trim_end().len();
        assert!(last > 10, "the row is not blank: {row:?}");
        let reversed = |buf: &Buffer, x: u16| {
            buf[(x, 0)].modifier.contains(ratatui::style::Modifier::REVERSED)
        };
        assert!((0..40).any(|x| reversed(&buf, x)), "the cursor is drawn: {row:?}");
        // At the start, the start shows.
        let f = field(&text, 0);
        let buf = drawn(40, |area, buf| render(&f, area, buf));
        assert_eq!(buf[(0, 0)].symbol(), "w");
        assert_eq!(buf[(3, 0)].symbol(), "👩‍💻");
        assert_eq!(buf[(6, 0)].symbol(), "w");
        // Wherever the cursor is, it is on the row.
        for cursor in 0..=end {
            let f = field(&text, cursor);
            let buf = drawn(40, |area, buf| render(&f, area, buf));
            assert!((0..40).any(|x| reversed(&buf, x)), "cursor {cursor}");
        }
    }
}
