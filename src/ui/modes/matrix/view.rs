//! Drawing the matrix: a heat scale by background colour and, readable
//! without colour, a bar glyph in every cell; scrolled to keep the cursor's
//! cell on screen. Nothing here changes state.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};

use crate::model::annotations::tree;
use crate::model::names;
use crate::model::sanitize::sanitize;
use crate::ui::core::Core;
use crate::ui::core::panel::panel;
use crate::ui::core::text::{self, fit};

use super::MatrixView;

const MATRIX_NOTE: &str =
    "each cell: highlights and the share of the contributor's words coded (▁ to █: least to most)";
/// The note when some rows roll up nested tags.
const TREE_NOTE: &str = "; a bold tag's row counts the tags under it too";

/// The tag × contributor matrix: a heat scale by background colour and,
/// readable without colour, a bar glyph in every cell.
pub fn draw(view: &MatrixView, core: &Core, area: Rect, buf: &mut Buffer) {
    let t = &core.theme;
    let m = &view.matrix;
    let inner = panel(
        core,
        area,
        &["Tags × contributors", "hjkl move", "Enter list the cell", "Esc close"],
        buf,
    );
    if inner.height < 3 {
        return;
    }
    // The legend, wrapped; it gives up rows to the table on a short screen.
    let legend = if m.parent.contains(&true) {
        format!("{MATRIX_NOTE}{TREE_NOTE}")
    } else {
        MATRIX_NOTE.to_owned()
    };
    // Every row first; the legend keeps a line at least, cut with `…`.
    let rows = m.tags.len() + 1;
    let mut note = text::wrapped(&legend, inner.width);
    let room = usize::from(inner.height.saturating_sub(1));
    let keep = room.saturating_sub(rows).max(1);
    if keep < note.len() {
        let rest = note[keep - 1..].join(" ");
        note.truncate(keep - 1);
        note.push(fit(&rest, usize::from(inner.width)).into_owned());
    }
    let note_h = note.len() as u16;
    let voices = m.total_words.len();
    // Nested tags show as a tree: each under its parent, by its last name.
    let labels: Vec<String> = (0..m.tags.len())
        .map(|r| format!("{}{}", "  ".repeat(m.depth[r]), sanitize(tree::leaf(&m.tags[r]))))
        .collect();
    // Narrow, the names give way so one contributor's column always fits.
    let label_w = (labels.iter().map(|n| text::width(n)).max().unwrap_or(8).clamp(14, 34) as u16)
        .min(inner.width.saturating_sub(9))
        .max(4);
    let cell_w = (inner.width.saturating_sub(label_w + 1) / voices.max(1) as u16).clamp(8, 16);
    let max = (0..voices)
        .flat_map(|v| m.cells.iter().map(move |row| (row[v], v)))
        .map(|(c, v)| m.share(c, v))
        .fold(0.0_f64, f64::max);
    // Scrolled so the cursor's cell is on screen, however narrow or short.
    let fit_cols = usize::from(inner.width.saturating_sub(label_w + 1) / cell_w).max(1);
    let first_col = view.col.saturating_sub(fit_cols - 1);
    let fit_rows = usize::from(inner.height.saturating_sub(1 + note_h)).max(1);
    let first_row = view.row.saturating_sub(fit_rows - 1);
    let col_x = |v: usize| inner.x + label_w + 1 + (v - first_col) as u16 * cell_w;
    // Header: short names.
    let y0 = inner.y;
    let mut shown = first_col;
    for v in first_col..voices {
        let short = core.doc.short_name(v);
        let x = col_x(v);
        if x + cell_w > inner.right() {
            break;
        }
        let style =
            if v == view.col { t.help_key.add_modifier(Modifier::UNDERLINED) } else { t.help_key };
        buf.set_string(x, y0, names::fit(&sanitize(&short), usize::from(cell_w - 1)), style);
        shown = v + 1;
    }
    // When not every contributor fits, which ones are on screen (h/l scroll).
    if first_col > 0 || shown < voices {
        let left = if first_col > 0 { "‹ " } else { "  " };
        let right = if shown < voices { " ›" } else { "" };
        let which = format!("{left}{}–{shown} of {voices}{right}", first_col + 1);
        buf.set_string(inner.x, y0, fit(&which, usize::from(label_w)), t.dim);
    }
    let mut last_row = first_row;
    for r in first_row..rows {
        let y = y0 + 1 + (r - first_row) as u16;
        if y >= inner.bottom().saturating_sub(note_h) {
            break;
        }
        let (label, cells) = match labels.get(r) {
            Some(label) => (label.clone(), &m.cells[r]),
            None => ("all highlights".to_owned(), &m.all),
        };
        // A parent's row is the total of its branch: bold.
        let base = if m.parent.get(r) == Some(&true) {
            t.text.add_modifier(Modifier::BOLD)
        } else {
            t.text
        };
        let label_style =
            if r == view.row { t.help_key.add_modifier(Modifier::UNDERLINED) } else { base };
        buf.set_string(inner.x, y, fit(&label, usize::from(label_w)), label_style);
        last_row = r + 1;
        for (v, cell) in cells.iter().enumerate().skip(first_col) {
            let x = col_x(v);
            if x + cell_w > inner.right() {
                break;
            }
            let share = m.share(*cell, v);
            let h = super::heat(share, max);
            let text = if cell.highlights == 0 {
                format!("{}", super::bar(h, 0))
            } else {
                format!(
                    "{} {} {:.0}%",
                    super::bar(h, cell.highlights),
                    cell.highlights,
                    100.0 * share
                )
            };
            let mut style = if t.color && cell.highlights > 0 {
                // Dark to orange with the heat.
                let lerp = |a: f64, b: f64| (a + (b - a) * h) as u8;
                let bg = Color::Rgb(lerp(48.0, 230.0), lerp(48.0, 120.0), lerp(52.0, 40.0));
                let fg = if h > 0.55 { Color::Black } else { Color::White };
                Style::new().bg(bg).fg(fg)
            } else {
                t.text
            };
            if r == view.row && v == view.col {
                style = style.add_modifier(Modifier::REVERSED | Modifier::BOLD);
            }
            let cell_text = text::padded(&text, usize::from(cell_w - 1));
            buf.set_string(x, y, cell_text, style);
        }
    }
    // When not every row fits, which are on screen (j/k scroll), on the
    // frame's bottom edge as a pane gives its place.
    if first_row > 0 || last_row < rows {
        let up = if first_row > 0 { "↑" } else { "" };
        let down = if last_row < rows { "↓" } else { "" };
        // Shorter where it must be: the arrows say there are more.
        let first = first_row + 1;
        let which = [
            format!(" rows {first}–{last_row} of {rows} {up}{down} "),
            format!(" {first}–{last_row}/{rows} {up}{down} "),
            format!(" {up}{down} "),
        ]
        .into_iter()
        .find(|w| text::width(w) + 2 <= usize::from(inner.width));
        if let Some(which) = which {
            let w = text::width(&which) as u16;
            buf.set_string(inner.right() - w, inner.bottom(), which, t.dim);
        }
    }
    for (i, line) in note.iter().enumerate() {
        let y = inner.bottom() - note.len() as u16 + i as u16;
        buf.set_string(inner.x, y, line, t.dim);
    }
}
