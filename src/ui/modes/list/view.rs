//! Drawing the annotation list: the filter, its scope, and only the rows
//! on screen, whatever the number of highlights. Nothing here changes state.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::model::annotations::tree;
use crate::model::names;
use crate::model::sanitize::sanitize;
use crate::model::stats::NO_TAG;
use crate::ui::core::Core;
use crate::ui::core::edit::first_line;
use crate::ui::core::line::{fit_words, snippet};
use crate::ui::core::panel::panel;
use crate::ui::core::text::{self, fit};

use super::ListState;

/// The annotation list.
pub fn draw(l: &ListState, core: &Core, area: Rect, buf: &mut Buffer) {
    let t = &core.theme;
    let inner = panel(
        core,
        area,
        &["Highlights", "Enter go to", "Ctrl-t tag", "Ctrl-e note", "Ctrl-d delete", "Esc close"],
        buf,
    );
    if inner.height < 4 {
        return;
    }
    let scope = scope_lines(l, core, usize::from(inner.width));
    // The chosen row's note and coder on the last line: two versions of
    // one highlight (a merge conflict's) differ in nothing else a row shows.
    let detail = Constraint::Length(u16::from(inner.height >= 6));
    let [filter_row, scope_rows, rows_area, detail_row] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(scope.len() as u16),
        Constraint::Fill(1),
        detail,
    ])
    .areas(inner);
    let all = core.annotations.highlights();
    let count = format!("  {} of {}", l.rows.len(), all.len());
    let count_w = text::width(&count) as u16;
    buf.set_string(filter_row.x, filter_row.y, "› ", t.help_key);
    let input = Rect {
        x: filter_row.x + 2,
        width: filter_row.width.saturating_sub(2 + count_w),
        ..filter_row
    };
    crate::ui::core::field::render(&l.filter, input, buf);
    buf.set_string(input.right(), filter_row.y, &count, t.dim);
    Paragraph::new(scope).render(scope_rows, buf);
    if l.rows.is_empty() {
        Paragraph::new(Span::styled("  no highlight matches", t.dim)).render(rows_area, buf);
        return;
    }
    if let Some(h) = l.rows.get(l.selected).and_then(|&i| core.annotations.highlights().get(i)) {
        let note = h.note.trim();
        let about = if note.is_empty() {
            format!("no note · {}", sanitize(&h.coder))
        } else {
            format!("✎ {} · {}", sanitize(&first_line(note, usize::MAX)), sanitize(&h.coder))
        };
        let width = usize::from(detail_row.width);
        Paragraph::new(Span::styled(fit_words(&about, width).into_owned(), t.dim))
            .render(detail_row, buf);
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
        let short = names::fit(&sanitize(&core.doc.short_name(h.voice)), 10);
        // Padded to ten cells, not ten characters: a CJK name is two a character.
        let pad = " ".repeat(11usize.saturating_sub(text::width(&short)));
        let mut spans = vec![
            Span::styled(format!("{short}{pad}"), t.help_key),
            Span::styled(format!("¶{:<4}", h.start.para + 1), t.dim),
            Span::raw(if h.note.trim().is_empty() { "  " } else { "✎ " }),
        ];
        if h.tags.is_empty() {
            spans.push(Span::styled(format!(" {NO_TAG} "), t.highlight_of(None)));
            spans.push(Span::raw(" "));
        }
        // Tags take what the row has beyond a readable start of the quote;
        // one that does not fit whole is cut with `…`, and any left over
        // are counted (`+2`).
        let width = usize::from(rows_area.width);
        let fixed: usize = spans.iter().map(Span::width).sum();
        let quote_min = (width / 3).min(30);
        // However narrow, the first tag gets a few cells (a cut name says
        // more than `+1`), the quote what is left.
        let mut budget = width
            .saturating_sub(fixed + quote_min + 2)
            .max(width.saturating_sub(fixed + 8).min(12));
        for (k, name) in h.tags.iter().enumerate() {
            let name = sanitize(name);
            let rest = h.tags.len() - k - 1;
            let more = if rest > 0 { format!("+{rest}") } else { String::new() };
            let whole = text::width(&name) + 3;
            let room = budget.saturating_sub(if rest > 0 { more.len() + 1 } else { 0 });
            let shown = if whole <= room {
                name.into_owned()
            } else if room >= 8 {
                fit(&name, room - 3).into_owned()
            } else {
                spans.push(Span::styled(format!("+{}", rest + 1), t.dim));
                spans.push(Span::raw(" "));
                break;
            };
            let color = core.annotations.tag(&h.tags[k]).map(|t| t.color);
            budget = budget.saturating_sub(text::width(&shown) + 3);
            spans.push(Span::styled(format!(" {shown} "), t.highlight_of(color)));
            spans.push(Span::raw(" "));
            if whole > room {
                if rest > 0 {
                    spans.push(Span::styled(more, t.dim));
                    spans.push(Span::raw(" "));
                }
                break;
            }
        }
        let used: usize = spans.iter().map(Span::width).sum();
        let room = usize::from(rows_area.width).saturating_sub(used + 2);
        let quote =
            crate::ui::core::line::in_quotes(&h.quote.exact, &snippet(&h.quote.exact, room));
        spans.push(Span::styled(quote, t.text));
        let row = Rect { y, height: 1, ..rows_area };
        Paragraph::new(Line::from(spans)).render(row, buf);
        if n == l.selected {
            buf.set_style(row, t.overlay_selected);
        }
        y += 1;
    }
}

/// The list's filters and the keys that cycle them: one line when it fits,
/// else the tag and the contributor on a line each (a name too wide for its
/// line is cut with `…`).
fn scope_lines(l: &ListState, core: &Core, width: usize) -> Vec<Line<'static>> {
    let t = &core.theme;
    // A parent's filter takes in the tags under it: say so.
    let branch =
        |n: &str| core.annotations.tags().iter().any(|t| t.name != n && tree::within(&t.name, n));
    let tag = l.tag.as_deref().map_or("all".to_owned(), |n| {
        // Not a tag's name (unless a tag is called that): unquoted, as the
        // rows show it.
        if n == NO_TAG && core.annotations.tag(n).is_none() {
            NO_TAG.to_owned()
        } else if branch(n) {
            format!("“{}” and under it", sanitize(n))
        } else {
            format!("“{}”", sanitize(n))
        }
    });
    let who =
        l.voice.map_or("all".to_owned(), |v| sanitize(&core.doc.contributors[v].name).into_owned());
    let one = ["tag: ", &tag, " (Tab) · contributor: ", &who, " (Shift-Tab)"];
    if one.iter().map(|s| text::width(s)).sum::<usize>() <= width {
        let styles = [t.dim, t.help_key, t.dim, t.help_key, t.dim];
        let spans = one.iter().zip(styles).map(|(s, st)| Span::styled(s.to_string(), st));
        return vec![Line::from(spans.collect::<Vec<_>>())];
    }
    let line = |label: &str, value: &str, key: &str| {
        let room = width.saturating_sub(text::width(label) + text::width(key));
        Line::from(vec![
            Span::styled(label.to_owned(), t.dim),
            Span::styled(fit(value, room).into_owned(), t.help_key),
            Span::styled(key.to_owned(), t.dim),
        ])
    };
    vec![line("tag: ", &tag, " (Tab)"), line("contributor: ", &who, " (Shift-Tab)")]
}
