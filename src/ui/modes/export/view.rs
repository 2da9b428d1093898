//! Drawing the export dialog: each format with its description (wrapped
//! under it), the path, and why the last try failed. Nothing here changes
//! state.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::ui::core::Core;
use crate::ui::core::panel::popup;
use crate::ui::core::text::wrapped;

use super::ExportDialog;

pub fn draw(d: &ExportDialog, core: &Core, area: Rect, buf: &mut Buffer) {
    let t = &core.theme;
    let formats = crate::export::Format::ALL;
    // The names in a column as wide as the longest, a space after it; each
    // format's description wraps under itself rather than being cut.
    // The box is as wide as 59 columns of description need (borders aside).
    let head = 2 + formats.iter().map(|f| f.name().len()).max().unwrap_or(0) + 1;
    let width = 2 + head as u16 + 59;
    let room = width.min(area.width).saturating_sub(2 + head as u16).max(1);
    let abouts: Vec<Vec<String>> = formats.iter().map(|f| wrapped(f.about(), room)).collect();
    let rows = abouts.iter().map(Vec::len).sum::<usize>() as u16;
    // Why the last try failed, wrapped whole (up to four rows).
    let error: Vec<String> = d.error.as_ref().map_or_else(Vec::new, |e| {
        let mut lines =
            wrapped(&format!("not written: {e}"), width.min(area.width).saturating_sub(2));
        lines.truncate(4);
        lines
    });
    let status_rows = error.len().max(1) as u16;
    let title = " Export · Enter writes, Esc cancels ";
    let inner = popup(core, area, width, rows + 5 + status_rows, title, buf);
    if inner.height < 3 {
        return;
    }
    let [list, _, label, field, status] = Layout::vertical([
        Constraint::Length(rows),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(status_rows),
    ])
    .areas(inner);
    // Every format's lines, scrolled so that the chosen one is in view
    // (from a format's start where that keeps it so) when not all fit.
    let mut lines = Vec::new();
    let (mut chosen, mut starts) = (0..0, Vec::new());
    for (f, about) in formats.iter().zip(&abouts) {
        let mine = *f == d.format;
        let mark = if mine { "›" } else { " " };
        let start = lines.len();
        starts.push(start);
        for (i, part) in about.iter().enumerate() {
            let name = if i == 0 {
                format!("{mark} {:<width$}", f.name(), width = head - 2)
            } else {
                " ".repeat(head)
            };
            let line =
                Line::from(vec![Span::styled(name, t.help_key), Span::styled(part.clone(), t.dim)]);
            lines.push(line);
        }
        if mine {
            chosen = start..lines.len();
        }
    }
    let height = usize::from(list.height);
    let first = crate::ui::core::panel::first_row(&starts, chosen.clone(), height);
    Paragraph::new(lines).scroll((first as u16, 0)).render(list, buf);
    // The chosen format's rows marked across the list's width.
    for row in chosen.filter(|&r| r >= first && r - first < height) {
        let y = list.y + (row - first) as u16;
        buf.set_style(Rect { y, height: 1, ..list }, t.overlay_selected);
    }
    Paragraph::new(Span::styled("File (in the current directory unless a path is given):", t.dim))
        .render(label, buf);
    crate::ui::core::field::render(&d.path, field, buf);
    // Why the last try failed (the path can be fixed and Enter pressed
    // again), or that the file is being written.
    if !error.is_empty() {
        let lines: Vec<Line> =
            error.into_iter().map(|l| Line::from(Span::styled(l, t.warning))).collect();
        Paragraph::new(lines).render(status, buf);
    } else if d.writing {
        Paragraph::new(Span::styled("writing…", t.dim)).render(status, buf);
    }
}
