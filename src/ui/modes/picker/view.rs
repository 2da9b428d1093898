//! Drawing the tag picker: the passage being coded, the filter, and the
//! tags (with checkboxes when applying).

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::model::annotations::quote_in;
use crate::model::sanitize::sanitize;
use crate::ui::core::effect::PickerPurpose;
use crate::ui::core::panel::popup;
use crate::ui::core::text::{self, fit};
use crate::ui::core::{Core, line};

use super::{Picker, PickerRow, passage};

pub fn draw(p: &Picker, core: &Core, area: Rect, buf: &mut Buffer) {
    let t = &core.theme;
    let title = match &p.purpose {
        // Checked tags the filter hides are set by `Enter` too: said.
        PickerPurpose::Apply(_) => match p.checked.iter().filter(|n| !p.shows(n)).count() {
            0 => " Tag ".to_owned(),
            n => format!(" Tag · {n} checked, not shown "),
        },
        PickerPurpose::MergeInto(from) => format!(" Merge “{}” into ", sanitize(from)),
        PickerPurpose::Compare => " Compare which tag across voices? ".to_owned(),
    };
    let applying = match &p.purpose {
        PickerPurpose::Apply(target) => Some(target),
        PickerPurpose::MergeInto(_) | PickerPurpose::Compare => None,
    };
    let extra = u16::from(applying.is_some());
    let height = (p.rows.len() as u16 + 4 + extra).clamp(6 + extra, 20 + extra);
    // Wide enough for the longest tag and the longest description on one
    // line, as they line up, when the screen allows (at least 100 columns
    // when it does not).
    let natural = p.widths.name + p.widths.description + 14;
    let width = u16::try_from(natural)
        .unwrap_or(u16::MAX)
        .clamp(100, area.width.saturating_sub(4).max(100));
    let inner = popup(core, area, width, height, &title, buf);
    if inner.height < 2 {
        return;
    }
    let [about, input_row, list] =
        Layout::vertical([Constraint::Length(extra), Constraint::Length(1), Constraint::Fill(1)])
            .areas(inner);
    if let Some(target) = applying {
        let voice = &core.doc.voices()[target.voice];
        let quote = quote_in(&core.doc, voice, target.start, target.end).exact;
        let line =
            fit(&passage(&quote, usize::from(about.width)), usize::from(about.width)).into_owned();
        buf.set_span(about.x, about.y, &Span::styled(line, t.dim), about.width);
    }
    let prefix = Span::styled("› ", t.help_key);
    buf.set_span(input_row.x, input_row.y, &prefix, 2);
    let input_area =
        Rect { x: input_row.x + 2, width: input_row.width.saturating_sub(2), ..input_row };
    crate::ui::core::field::render(&p.input, input_area, buf);
    let visible = usize::from(list.height);
    let first = p.selected.saturating_sub(visible.saturating_sub(1));
    // The descriptions in one column, the same however the list scrolls:
    // after the longest chip of all the rows that ends within two thirds
    // of the width and within ten columns of three in four of them (one
    // long name would push every description far right; its own follows
    // it).
    let ends = &p.widths.chip_ends;
    let usual = ends.get(ends.len().saturating_sub(1) * 3 / 4).copied().unwrap_or(0);
    let description_at = ends
        .iter()
        .copied()
        .filter(|&end| end <= usize::from(list.width) * 2 / 3 && end <= usual + 10)
        .max()
        .unwrap_or(0);
    let tree = p.query().is_empty();
    for (i, row) in p.rows.iter().enumerate().skip(first).take(visible) {
        let y = list.y + (i - first) as u16;
        let line = match row {
            PickerRow::Existing(name) => {
                let tag = core.annotations.tag(name);
                let color = tag.map(|t| t.color);
                let mark = match (applying, p.is_checked(row)) {
                    (None, _) => "  ",
                    (Some(_), true) => "[x] ",
                    (Some(_), false) => "[ ] ",
                };
                let key = tag.and_then(|t| t.key).map_or("  ".to_owned(), |k| format!("{k} "));
                let description = tag.map(|t| t.description.as_str()).unwrap_or("");
                let (indent, shown) = super::shown(name, tree, &core.annotations);
                // What the line leaves after the mark, key and indent: the
                // chip, cut with `…` if even it does not fit, and the rest.
                let used = text::width(mark) + text::width(&key) + 2 * indent;
                let shown = text::fit(&shown, usize::from(list.width).saturating_sub(used + 2))
                    .into_owned();
                let end = used + text::width(&shown) + 2;
                let gap = description_at.saturating_sub(end).max(2);
                let room = usize::from(list.width).saturating_sub(end + gap);
                Line::from(vec![
                    Span::raw(mark),
                    Span::styled(key, t.help_key),
                    Span::raw("  ".repeat(indent)),
                    Span::styled(format!(" {shown} "), t.highlight_of(color)),
                    Span::styled(
                        format!(
                            "{}{}",
                            " ".repeat(gap),
                            line::fit_words(&sanitize(description), room)
                        ),
                        t.dim,
                    ),
                ])
            }
            PickerRow::New(name) if let Some(tag) = p.theirs.missing(name) => {
                // Another coder's tag: their chip where ours are, then whose
                // it is and what it means to them in our descriptions'
                // column.
                let mark = if p.is_checked(row) { "[x] + " } else { "[ ] + " };
                let shown = text::fit(&sanitize(name), usize::from(list.width).saturating_sub(8))
                    .into_owned();
                let end = text::width(mark) + text::width(&shown) + 2;
                let gap = description_at.saturating_sub(end).max(2);
                let who = sanitize(&p.theirs.who);
                let about = match tag.description.trim() {
                    "" => format!("{who}'s tag"),
                    d => format!("{who}'s tag · {}", sanitize(d)),
                };
                let room = usize::from(list.width).saturating_sub(end + gap);
                Line::from(vec![
                    Span::raw(mark),
                    Span::styled(format!(" {shown} "), t.highlight_of(Some(tag.color))),
                    Span::raw(" ".repeat(gap)),
                    Span::styled(line::fit_words(&about, room).into_owned(), t.help_key),
                ])
            }
            PickerRow::New(name) => Line::from(vec![
                Span::raw(if p.is_checked(row) { "[x] + " } else { "[ ] + " }),
                Span::styled(
                    format!(
                        "new tag “{}”",
                        text::fit(&sanitize(name), usize::from(list.width).saturating_sub(16))
                    ),
                    t.help_key,
                ),
            ]),
        };
        let area = Rect { y, height: 1, ..list };
        Paragraph::new(line).render(area, buf);
        if i == p.selected {
            buf.set_style(area, t.overlay_selected);
        }
    }
    if p.rows.is_empty() {
        Paragraph::new(Span::styled("  no tag matches", t.dim)).render(list, buf);
    }
}
