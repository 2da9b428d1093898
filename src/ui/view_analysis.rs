//! Drawing the analysis views: the annotation list (and, with it, the
//! matrix and compare views). Like `view`, nothing here changes state; only
//! the rows on screen are drawn, whatever the number of highlights.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use crate::model::sanitize::sanitize;

use super::app::App;
use super::text::fit;
use super::view_panel::{panel, scope_lines};

/// The first word-ish stretch of `text` that fits `width` cells, one line.
fn snippet(text: &str, width: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    fit(&sanitize(&flat), width).into_owned()
}

/// The annotation list.
pub fn list(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(l) = &app.list else { return };
    let t = &app.theme;
    let inner = panel(
        app,
        area,
        &["Highlights", "Enter go to", "Ctrl-t tag", "Ctrl-e note", "Ctrl-d delete", "Esc close"],
        buf,
    );
    if inner.height < 4 {
        return;
    }
    let scope = scope_lines(app, usize::from(inner.width));
    let [filter_row, scope_rows, rows_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(scope.len() as u16),
        Constraint::Fill(1),
    ])
    .areas(inner);
    let all = app.annotations.highlights();
    let count = format!("  {} of {}", l.rows.len(), all.len());
    let count_w = super::text::width(&count) as u16;
    buf.set_string(filter_row.x, filter_row.y, "› ", t.help_key);
    let input = Rect {
        x: filter_row.x + 2,
        width: filter_row.width.saturating_sub(2 + count_w),
        ..filter_row
    };
    l.filter.render(input, buf);
    buf.set_string(input.right(), filter_row.y, &count, t.dim);
    Paragraph::new(scope).render(scope_rows, buf);
    if l.rows.is_empty() {
        Paragraph::new(Span::styled("  no highlight matches", t.dim)).render(rows_area, buf);
        return;
    }
    let visible = usize::from(rows_area.height);
    let first = l
        .selected
        .saturating_sub(visible.saturating_sub(1) / 2)
        .min(l.rows.len().saturating_sub(visible));
    // Orphans come last: where they start is a binary search, not a scan.
    let first_orphan = Some(l.rows.partition_point(|&i| all.get(i).is_some_and(|h| !h.orphan)))
        .filter(|&n| n < l.rows.len());
    let mut y = rows_area.y;
    for (n, &i) in l.rows.iter().enumerate().skip(first) {
        if y >= rows_area.bottom() {
            break;
        }
        if Some(n) == first_orphan {
            Paragraph::new(Span::styled("── not found in the text (O to re-attach) ──", t.warning))
                .render(Rect { y, height: 1, ..rows_area }, buf);
            y += 1;
            if y >= rows_area.bottom() {
                break;
            }
        }
        // Rows are rebuilt after every change (`derived::sync`); a view
        // still never indexes past them.
        let Some(h) = all.get(i) else { continue };
        let c = &app.doc.contributors[h.voice];
        let surname = c.name.split_whitespace().last().unwrap_or(&c.name);
        let mut spans = vec![
            Span::styled(format!("{:<10} ", fit(&sanitize(surname), 10)), t.help_key),
            Span::styled(format!("¶{:<4}", h.start.para + 1), t.dim),
            Span::raw(if h.note.trim().is_empty() { "  " } else { "✎ " }),
        ];
        if h.tags.is_empty() {
            spans.push(Span::styled(" untagged ", t.highlight_of(None)));
            spans.push(Span::raw(" "));
        }
        for name in &h.tags {
            let color = app.annotations.tag(name).map(|t| t.color);
            spans.push(Span::styled(
                format!(" {} ", fit(&sanitize(name), 24)),
                t.highlight_of(color),
            ));
            spans.push(Span::raw(" "));
        }
        let used: usize = spans.iter().map(Span::width).sum();
        let room = usize::from(rows_area.width).saturating_sub(used + 2);
        spans.push(Span::styled(format!("“{}”", snippet(&h.quote.exact, room)), t.text));
        let row = Rect { y, height: 1, ..rows_area };
        Paragraph::new(Line::from(spans)).render(row, buf);
        if n == l.selected {
            buf.set_style(row, t.overlay_selected);
        }
        y += 1;
    }
}

const MATRIX_NOTE: &str =
    "each cell: highlights and the share of the contributor's words coded (▁ to █: least to most)";

/// The tag × contributor matrix: a heat scale by background colour and,
/// readable without colour, a bar glyph in every cell.
pub fn matrix(app: &App, area: Rect, buf: &mut Buffer) {
    use ratatui::style::{Color, Modifier, Style};
    let super::overlay::Overlay::Matrix(view) = &app.overlay else { return };
    let t = &app.theme;
    let m = &view.matrix;
    let inner = panel(
        app,
        area,
        &["Tags × contributors", "hjkl move", "Enter list the cell", "Esc close"],
        buf,
    );
    if inner.height < 3 {
        return;
    }
    // The legend, wrapped; it gives up rows to the table on a short screen.
    let mut note = super::text::wrapped(MATRIX_NOTE, inner.width);
    note.truncate(usize::from(inner.height.saturating_sub(2)).max(1));
    let note_h = note.len() as u16;
    let voices = m.total_words.len();
    let label_w =
        m.tags.iter().map(|n| super::text::width(n)).max().unwrap_or(8).clamp(14, 34) as u16;
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
    // Header: surnames.
    let y0 = inner.y;
    for v in first_col..voices {
        let c = &app.doc.contributors[v];
        let surname = c.name.split_whitespace().last().unwrap_or(&c.name);
        let x = col_x(v);
        if x + cell_w > inner.right() {
            break;
        }
        let style =
            if v == view.col { t.help_key.add_modifier(Modifier::UNDERLINED) } else { t.help_key };
        buf.set_string(x, y0, fit(&sanitize(surname), usize::from(cell_w - 1)), style);
    }
    let rows = m.tags.len() + 1;
    for r in first_row..rows {
        let y = y0 + 1 + (r - first_row) as u16;
        if y >= inner.bottom().saturating_sub(note_h) {
            break;
        }
        let (label, cells) = match m.tags.get(r) {
            Some(name) => (sanitize(name).into_owned(), &m.cells[r]),
            None => ("all highlights".to_owned(), &m.all),
        };
        let label_style =
            if r == view.row { t.help_key.add_modifier(Modifier::UNDERLINED) } else { t.text };
        buf.set_string(inner.x, y, fit(&label, usize::from(label_w)), label_style);
        for (v, cell) in cells.iter().enumerate().skip(first_col) {
            let x = col_x(v);
            if x + cell_w > inner.right() {
                break;
            }
            let share = m.share(*cell, v);
            let h = super::matrix::heat(share, max);
            let text = if cell.highlights == 0 {
                format!("{}", super::matrix::bar(h, 0))
            } else {
                format!(
                    "{} {} {:.0}%",
                    super::matrix::bar(h, cell.highlights),
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
            let cell_text =
                format!("{:<w$}", fit(&text, usize::from(cell_w - 1)), w = usize::from(cell_w - 1));
            buf.set_string(x, y, cell_text, style);
        }
    }
    for (i, line) in note.iter().enumerate() {
        let y = inner.bottom() - note.len() as u16 + i as u16;
        buf.set_string(inner.x, y, line, t.dim);
    }
}

/// Compare mode: each pane on screen shows its voice's passages under the
/// tag, each with a dimmed line of context before and after; the chosen
/// passage of the focused voice is marked.
pub fn compare(app: &App, buf: &mut Buffer) {
    use ratatui::widgets::Borders;
    let super::overlay::Overlay::Compare(view) = &app.overlay else { return };
    let Some(screen) = app.screen() else { return };
    let t = &app.theme;
    let color = app.annotations.tag(&view.tag).map(|t| t.color);
    for &(voice, rect) in &screen.panes {
        let focused = voice == app.focus;
        Clear.render(rect, buf);
        let c = &app.doc.contributors[voice];
        let passages = &view.passages[voice];
        let title =
            format!(" {} · {} under “{}” ", sanitize(&c.name), passages.len(), sanitize(&view.tag));
        let block = Block::default()
            .borders(Borders::ALL)
            .border_type(if focused { t.border_type_focused } else { t.border_type })
            .border_style(if focused { t.border_focused } else { t.border })
            .title(Line::from(Span::styled(
                fit(&title, usize::from(rect.width.saturating_sub(2))).into_owned(),
                if focused { t.pane_title_focused } else { t.pane_title },
            )));
        let area = App::text_area(rect);
        block.render(rect, buf);
        if area.is_empty() {
            continue;
        }
        if passages.is_empty() {
            let none =
                format!("No passages of {} carry “{}”.", sanitize(&c.name), sanitize(&view.tag));
            let lines: Vec<Line> = super::text::wrap(&none, area.width)
                .iter()
                .map(|l| {
                    Line::from(Span::styled(
                        none[l.start as usize..l.end as usize].to_owned(),
                        t.dim,
                    ))
                })
                .collect();
            Paragraph::new(lines).render(area, buf);
            continue;
        }
        // Each passage: context before, the quote, context after, a gap.
        let width = usize::from(area.width);
        let block_of = |i: usize| -> Vec<Line<'static>> {
            // Rows are rebuilt after every change (`derived::sync`); a view
            // still never indexes past them.
            let Some(h) = app.annotations.highlights().get(i) else { return Vec::new() };
            let before =
                format!("…{}", h.quote.prefix.split_whitespace().collect::<Vec<_>>().join(" "));
            let after =
                format!("{}…", h.quote.suffix.split_whitespace().collect::<Vec<_>>().join(" "));
            let mut lines = Vec::new();
            if !h.quote.prefix.trim().is_empty() {
                lines.push(Line::from(Span::styled(snippet_tail(&before, width), t.dim)));
            }
            let quote: String = h.quote.exact.split_whitespace().collect::<Vec<_>>().join(" ");
            let quote = sanitize(&quote).into_owned();
            for l in super::text::wrap(&quote, area.width) {
                lines.push(Line::from(Span::styled(
                    quote[l.start as usize..l.end as usize].to_owned(),
                    t.highlight_of(color),
                )));
            }
            if !h.quote.suffix.trim().is_empty() {
                lines.push(Line::from(Span::styled(snippet(&after, width), t.dim)));
            }
            let para = format!(
                "¶{}{}",
                h.start.para + 1,
                if h.note.trim().is_empty() { "" } else { " ✎" }
            );
            lines.push(Line::from(Span::styled(para, t.dim)));
            lines
        };
        let selected = view.selected[voice].min(passages.len() - 1);
        // Start early enough that the chosen passage is on screen.
        let mut first = selected;
        let mut used = block_of(passages[selected]).len() + 1;
        while first > 0 {
            let h = block_of(passages[first - 1]).len() + 1;
            if used + h > usize::from(area.height) {
                break;
            }
            used += h;
            first -= 1;
        }
        let mut y = area.y;
        for (n, &i) in passages.iter().enumerate().skip(first) {
            if y >= area.bottom() {
                break;
            }
            for line in block_of(i) {
                if y >= area.bottom() {
                    break;
                }
                let row = Rect { y, height: 1, ..area };
                Paragraph::new(line).render(row, buf);
                if focused && n == selected {
                    buf[(area.x.saturating_sub(1), y)].set_symbol("▌").set_style(t.gutter);
                }
                y += 1;
            }
            y += 1;
        }
    }
}

/// The info line in compare mode: the passage chosen in the focused voice
/// (where it is, its other tags, its note), or that the voice has none.
pub fn compare_info(app: &App, view: &super::compare::CompareView) -> Line<'static> {
    let t = &app.theme;
    let name = sanitize(&app.doc.contributors[app.focus].name).into_owned();
    let passages = &view.passages[app.focus];
    let chosen = passages.get(view.selected[app.focus].min(passages.len().saturating_sub(1)));
    let Some(h) = chosen.and_then(|&i| app.annotations.highlights().get(i)) else {
        let none = format!(" {name}: no passage under “{}”", sanitize(&view.tag));
        return Line::from(Span::styled(none, t.info));
    };
    let mut text = format!(
        " {name}: passage {} of {} · ¶{}",
        view.selected[app.focus].min(passages.len() - 1) + 1,
        passages.len(),
        h.start.para + 1
    );
    let others: Vec<&str> = h.tags.iter().filter(|n| **n != view.tag).map(String::as_str).collect();
    if !others.is_empty() {
        text.push_str(&format!(" · also: {}", sanitize(&others.join(", "))));
    }
    if !h.note.trim().is_empty() {
        text.push_str(&format!(" · ✎ {}", sanitize(&super::annotate::first_line(&h.note, 200))));
    }
    Line::from(Span::styled(text, t.info))
}

/// The end of `text` that fits `width` cells, with `…` where it was cut.
fn snippet_tail(text: &str, width: usize) -> String {
    let text = sanitize(text);
    if super::text::width(&text) <= width {
        return text.into_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    for &c in chars.iter().rev() {
        let candidate = format!("…{c}{out}");
        if super::text::width(&candidate) > width {
            break;
        }
        out.insert(0, c);
    }
    format!("…{out}")
}
