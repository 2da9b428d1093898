//! Drawing the overlays: help, tag picker, note editor, prompt, question,
//! tag manager and orphan list. Like `view`, nothing here changes state.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

use crate::model::sanitize::sanitize;

use super::annotate::first_line;
use super::app::App;
use super::overlay::{Overlay, PickerPurpose, PickerRow};
use super::text::{fit, phrases, wrapped};

/// Draws whatever overlay is open.
pub fn overlay(app: &App, area: Rect, buf: &mut Buffer) {
    match &app.overlay {
        Overlay::None => {}
        Overlay::Help => help(app, area, buf),
        Overlay::Picker(_) => picker(app, area, buf),
        Overlay::Note(_) => note(app, area, buf),
        Overlay::Prompt(_) => prompt(app, area, buf),
        Overlay::Confirm(c) => {
            let lines = vec![
                Line::from(sanitize(&c.question).into_owned()),
                Line::default(),
                Line::from("y yes · n no"),
            ];
            // Tall enough for the question wrapped (a file changed on disk
            // takes a few lines to explain).
            let rows = c.question.chars().count() / 50 + 1;
            let height = u16::try_from(rows).unwrap_or(u16::MAX).saturating_add(4).max(6);
            let inner = popup(app, area, 60, height, " Confirm ", buf);
            Paragraph::new(lines).wrap(Wrap { trim: true }).render(inner, buf);
        }
        Overlay::Tags(_) => tags(app, area, buf),
        Overlay::Orphans(_) => orphans(app, area, buf),
        Overlay::Export(_) => export(app, area, buf),
        Overlay::Search(_) => search_bar(app, buf),
        Overlay::List => super::view_analysis::list(app, area, buf),
        Overlay::Matrix(_) => super::view_analysis::matrix(app, area, buf),
        Overlay::Compare(_) => super::view_analysis::compare(app, buf),
    }
}

/// Clears a centred box of at most `w`×`h` cells, draws its border and
/// title, and returns the inside.
fn popup(app: &App, area: Rect, w: u16, h: u16, title: &str, buf: &mut Buffer) -> Rect {
    let t = &app.theme;
    let [r] =
        Layout::horizontal([Constraint::Length(w.min(area.width))]).flex(Flex::Center).areas(area);
    let [r] =
        Layout::vertical([Constraint::Length(h.min(area.height))]).flex(Flex::Center).areas(r);
    Clear.render(r, buf);
    let block = Block::bordered()
        .border_type(t.border_type_focused)
        .border_style(t.border_focused)
        .title(Line::from(Span::styled(title.to_owned(), t.pane_title_focused)));
    let inner = block.inner(r);
    block.render(r, buf);
    inner
}

fn help(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let (rect, lines) = super::help::layout(app, area);
    let total = lines.len();
    let scroll = app.help_scroll.min(super::help::max_scroll(app));
    let shown = usize::from(rect.height.saturating_sub(2));
    let first = usize::from(scroll) + 1;
    let title = if shown >= total {
        " Keys · Esc or ? closes ".to_owned()
    } else {
        format!(" Keys {first}–{} of {total} · j/k scroll · Esc closes ", first + shown - 1)
    };
    Clear.render(rect, buf);
    let block = Block::bordered()
        .border_type(t.border_type_focused)
        .border_style(t.border_focused)
        .title(Line::from(Span::styled(
            fit(&title, usize::from(rect.width.saturating_sub(2))).into_owned(),
            t.pane_title_focused,
        )));
    let inner = block.inner(rect);
    block.render(rect, buf);
    Paragraph::new(lines).scroll((scroll, 0)).render(inner, buf);
}

fn picker(app: &App, area: Rect, buf: &mut Buffer) {
    let Overlay::Picker(p) = &app.overlay else { return };
    let t = &app.theme;
    let title = match &p.purpose {
        PickerPurpose::Apply(_) => " Tag ".to_owned(),
        PickerPurpose::MergeInto(from) => format!(" Merge “{}” into ", sanitize(from)),
        PickerPurpose::Compare => " Compare which tag across voices? ".to_owned(),
    };
    let applied: Vec<String> = match &p.purpose {
        PickerPurpose::Apply(target) => {
            app.annotations.exact(target).map(|h| h.tags.clone()).unwrap_or_default()
        }
        PickerPurpose::MergeInto(_) | PickerPurpose::Compare => Vec::new(),
    };
    let height = (p.rows.len() as u16 + 4).clamp(6, 20);
    let inner = popup(app, area, 100, height, &title, buf);
    if inner.height < 2 {
        return;
    }
    let [input_row, list] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
    let prefix = Span::styled("› ", t.help_key);
    buf.set_span(input_row.x, input_row.y, &prefix, 2);
    let input_area =
        Rect { x: input_row.x + 2, width: input_row.width.saturating_sub(2), ..input_row };
    p.input.render(input_area, buf);
    let visible = usize::from(list.height);
    let first = p.selected.saturating_sub(visible.saturating_sub(1));
    for (i, row) in p.rows.iter().enumerate().skip(first).take(visible) {
        let y = list.y + (i - first) as u16;
        let line = match row {
            PickerRow::Existing(name) => {
                let tag = app.annotations.tag(name);
                let color = tag.map(|t| t.color);
                let mark = if applied.contains(name) { "✓ " } else { "  " };
                let key = tag.and_then(|t| t.key).map_or("  ".to_owned(), |k| format!("{k} "));
                let description = tag.map(|t| t.description.as_str()).unwrap_or("");
                let room = usize::from(list.width).saturating_sub(name.chars().count() + 10);
                Line::from(vec![
                    Span::raw(mark),
                    Span::styled(key, t.help_key),
                    Span::styled(format!(" {} ", sanitize(name)), t.highlight_of(color)),
                    Span::styled(format!("  {}", fit(&sanitize(description), room)), t.dim),
                ])
            }
            PickerRow::New(name) => Line::from(vec![
                Span::raw("  + "),
                Span::styled(format!("new tag “{}”", sanitize(name)), t.help_key),
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

fn note(app: &App, area: Rect, buf: &mut Buffer) {
    let Overlay::Note(n) = &app.overlay else { return };
    let t = &app.theme;
    let inner = popup(app, area, 76, 16, " Note · Esc saves and closes ", buf);
    if inner.height < 3 {
        return;
    }
    let [about, editor] =
        Layout::vertical([Constraint::Length(3), Constraint::Fill(1)]).areas(inner);
    // The passage (two lines at most, cut with "…"), then its tags.
    let [quote, tags] =
        Layout::vertical([Constraint::Length(2), Constraint::Length(1)]).areas(about);
    let passage = n.quote.split_whitespace().collect::<Vec<_>>().join(" ");
    Paragraph::new(Span::styled(
        format!("“{}”", fit(&sanitize(&passage), (usize::from(quote.width) * 2).saturating_sub(4))),
        t.dim,
    ))
    .wrap(Wrap { trim: true })
    .render(quote, buf);
    let mut spans = Vec::new();
    if n.tags.is_empty() {
        spans.push(Span::styled(if n.id.is_some() { "untagged" } else { "new highlight" }, t.dim));
    }
    for name in &n.tags {
        let color = app.annotations.tag(name).map(|t| t.color);
        spans.push(Span::styled(format!(" {} ", sanitize(name)), t.highlight_of(color)));
        spans.push(Span::raw(" "));
    }
    Paragraph::new(Line::from(spans)).render(tags, buf);
    n.input.render(editor, buf);
}

fn prompt(app: &App, area: Rect, buf: &mut Buffer) {
    let Overlay::Prompt(p) = &app.overlay else { return };
    // The title is what is asked (cut with `…` only if it alone is too
    // wide); the keys follow when they fit whole.
    let w = 80.min(area.width);
    let room = usize::from(w.saturating_sub(4));
    let title = phrases(&[&sanitize(&p.title), "Enter accepts, Esc cancels"], room);
    let inner = popup(app, area, w, 3, &format!(" {title} "), buf);
    p.input.render(inner, buf);
}

fn tags(app: &App, area: Rect, buf: &mut Buffer) {
    let Overlay::Tags(m) = &app.overlay else { return };
    let t = &app.theme;
    let tags = app.annotations.tags();
    let height = (tags.len() as u16 + 4).clamp(6, 30);
    // The keys in the title, whole ones, as many as fit (the status bar
    // has them too).
    let keys = ["Tags", "r rename", "c colour", "e describe", "1–9 key", "m merge", "x delete"];
    let title = format!(" {} ", phrases(&keys, usize::from(area.width.min(130).saturating_sub(4))));
    let inner = popup(app, area, 130, height, &title, buf);
    let counts: Vec<usize> = tags.iter().map(|tag| app.annotations.count(&tag.name)).collect();
    let visible = usize::from(inner.height.saturating_sub(1));
    let first = m.selected.saturating_sub(visible.saturating_sub(1));
    // The name column is as wide as the longest name, as long as a dozen
    // cells of description still fit; only then is a name cut.
    let longest = tags.iter().map(|tag| super::text::width(&sanitize(&tag.name))).max();
    let name_w = longest.unwrap_or(0).clamp(3, usize::from(inner.width).saturating_sub(25).max(30));
    Paragraph::new(Line::from(Span::styled(
        format!("key  {:<w$}uses  description", "tag", w = name_w + 4),
        t.dim,
    )))
    .render(Rect { height: 1, ..inner }, buf);
    for (i, tag) in tags.iter().enumerate().skip(first).take(visible) {
        let y = inner.y + 1 + (i - first) as u16;
        let name = fit(&sanitize(&tag.name), name_w).into_owned();
        let pad = (name_w + 2).saturating_sub(super::text::width(&name));
        let mut line = Line::from(vec![
            Span::styled(tag.key.map_or("   ".to_owned(), |k| format!(" {k} ")), t.help_key),
            Span::raw("  "),
            Span::styled(format!(" {name} "), t.highlight_of(Some(tag.color))),
            Span::raw(" ".repeat(pad)),
            Span::raw(format!("{:>4}  ", counts[i])),
        ]);
        let room = usize::from(inner.width).saturating_sub(line.width());
        line.spans.push(Span::styled(fit(&sanitize(&tag.description), room).into_owned(), t.dim));
        let row = Rect { y, height: 1, ..inner };
        Paragraph::new(line).render(row, buf);
        if i == m.selected {
            buf.set_style(row, t.overlay_selected);
        }
    }
}

fn orphans(app: &App, area: Rect, buf: &mut Buffer) {
    let Overlay::Orphans(list) = &app.overlay else { return };
    let t = &app.theme;
    let orphans: Vec<_> = app.annotations.orphans().collect();
    let height = (orphans.len() as u16 * 2 + 4).clamp(6, 30);
    let inner = popup(
        app,
        area,
        90,
        height,
        " Orphans · Enter re-attach to the selection or cursor · d delete ",
        buf,
    );
    let mut lines = Vec::new();
    for (i, h) in orphans.iter().enumerate() {
        let who = sanitize(&app.doc.contributors[h.voice].name).into_owned();
        let style = if i == list.selected { t.overlay_selected } else { Style::new() };
        let tags = h.tags.join(", ");
        lines.push(Line::from(Span::styled(
            format!("{who} · {} · {}", sanitize(&tags), if h.note.is_empty() { "" } else { "✎" }),
            style,
        )));
        lines.push(Line::from(Span::styled(
            format!("  “{}”", sanitize(&first_line(&h.quote.exact, 80))),
            t.dim,
        )));
    }
    let first_line_shown =
        (list.selected * 2).saturating_sub(usize::from(inner.height).saturating_sub(2));
    Paragraph::new(lines).scroll((first_line_shown as u16, 0)).render(inner, buf);
}

fn export(app: &App, area: Rect, buf: &mut Buffer) {
    let Overlay::Export(d) = &app.overlay else { return };
    let t = &app.theme;
    let formats = crate::export::Format::ALL;
    // Each format's description wraps under itself rather than being cut.
    let room = 72.min(area.width).saturating_sub(2 + 11).max(1);
    let abouts: Vec<Vec<String>> = formats.iter().map(|f| wrapped(f.about(), room)).collect();
    let rows = abouts.iter().map(Vec::len).sum::<usize>() as u16;
    let inner = popup(app, area, 72, rows + 6, " Export · Enter writes, Esc cancels ", buf);
    if inner.height < 3 {
        return;
    }
    let [list, _, label, field, status] = Layout::vertical([
        Constraint::Length(rows),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    let mut y = list.y;
    for (f, about) in formats.iter().zip(&abouts) {
        let row =
            Rect { y, height: (about.len() as u16).min(list.bottom().saturating_sub(y)), ..list };
        y = row.bottom();
        let mark = if *f == d.format { "›" } else { " " };
        let lines = about.iter().enumerate().map(|(i, part)| {
            let head = if i == 0 { format!("{mark} {:<9}", f.name()) } else { " ".repeat(11) };
            Line::from(vec![Span::styled(head, t.help_key), Span::styled(part.clone(), t.dim)])
        });
        Paragraph::new(lines.collect::<Vec<_>>()).render(row, buf);
        if *f == d.format {
            buf.set_style(row, t.overlay_selected);
        }
    }
    Paragraph::new(Span::styled("File (in the current directory unless a path is given):", t.dim))
        .render(label, buf);
    d.path.render(field, buf);
    // Why the last try failed (the path can be fixed and Enter pressed
    // again), or that the file is being written.
    if let Some(error) = &d.error {
        Paragraph::new(Span::styled(format!("not written: {error}"), t.warning))
            .render(status, buf);
    } else if d.writing {
        Paragraph::new(Span::styled("writing…", t.dim)).render(status, buf);
    }
}

/// The search bar, on the line above the status bar: `/`, the query, and
/// how many matches it has so far.
fn search_bar(app: &App, buf: &mut Buffer) {
    let Overlay::Search(bar) = &app.overlay else { return };
    let Some(screen) = app.screen() else { return };
    let t = &app.theme;
    let row = Rect { height: 1, ..screen.status };
    Clear.render(row, buf);
    let count = match &app.search {
        Some(s) => s.status(),
        None => "type to search every voice".into(),
    };
    let count = format!("  {count}");
    let count_width = super::text::width(&count) as u16;
    buf.set_string(row.x, row.y, "/", t.help_key);
    let input = Rect { x: row.x + 1, width: row.width.saturating_sub(1 + count_width), ..row };
    bar.input.render(input, buf);
    buf.set_string(input.right(), row.y, &count, t.dim);
}
