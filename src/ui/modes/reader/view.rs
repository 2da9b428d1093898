//! Drawing the reader: the header, every pane on screen (only the rows
//! shown are wrapped), the info line, and the notice when the terminal is
//! too small. Nothing here changes state.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use crate::model::sanitize::sanitize;

use crate::model::count::count;
use crate::ui::core::pane::rows;
use crate::ui::core::text::{self, fit};
use crate::ui::core::{Core, MIN_HEIGHT, MIN_WIDTH, Screen};
use crate::ui::core::{areas, edit};

/// Draws the reader (the status bar as `bar` says) into `buf`.
pub fn draw(core: &Core, area: Rect, bar: &super::status::Bar, buf: &mut Buffer) {
    match core.screen() {
        Some(screen) => {
            header(core, &screen, buf);
            for &(voice, rect) in &screen.panes {
                pane(core, voice, rect, buf);
            }
            super::connector::draw(core, &screen, buf);
            if let Some(rect) = screen.turns {
                turns(core, rect, buf);
            }
            let [info_row, status_row] = areas::two_rows(screen.status);
            super::status::banner(core, screen.banner, buf);
            info(core, info_row, buf);
            super::status::status(core, bar, status_row, buf);
        }
        None => too_small(core, area, buf),
    }
}

fn too_small(core: &Core, area: Rect, buf: &mut Buffer) {
    let text = format!(
        "Terminal too small: {}×{}. crosstalk needs at least {}×{}. Keys are ignored until then (q quits).",
        core.size.0, core.size.1, MIN_WIDTH, MIN_HEIGHT
    );
    Paragraph::new(text)
        .alignment(Alignment::Center)
        .wrap(Wrap { trim: true })
        .style(core.theme.title)
        .render(area, buf);
}

/// Title, subtitle, date and header facts on the first row with the source on the right;
/// on the second, every voice by short name, marking those on screen and the focus.
/// (Also drawn over by a mode that shows the panes side by side while the
/// reader is in turn order: compare.)
pub fn header(core: &Core, screen: &Screen, buf: &mut Buffer) {
    let t = &core.theme;
    let doc = &core.doc;
    let [top, strip] = areas::two_rows(screen.header);
    let mut title = vec![Span::styled(sanitize(&doc.title), t.title)];
    if !doc.subtitle.is_empty() {
        title.push(Span::styled(" — ", t.meta));
        title.push(Span::styled(sanitize(&doc.subtitle), t.meta));
    }
    if !doc.date.is_empty() {
        title.push(Span::styled(format!(" · {}", doc.date), t.meta));
    }
    // The source's header facts (`Location: Room 216`), as room allows.
    for (key, value) in &doc.metadata {
        title.push(Span::styled(format!(" · {}: {}", sanitize(key), sanitize(value)), t.meta));
    }
    let mut title = cut(Line::from(title), usize::from(top.width));
    if !doc.source.is_empty() {
        // The source always shows, cut with "…" when the row is too narrow.
        let room = usize::from(top.width).saturating_sub(title.width() + 3);
        let source = sanitize(&doc.source);
        if room >= 8 {
            let source = fit(&source, room).into_owned();
            let gap = usize::from(top.width) - title.width() - text::width(&source);
            title.spans.push(Span::raw(" ".repeat(gap.max(3))));
            title.spans.push(Span::styled(source, t.meta));
        }
    }
    Paragraph::new(title).render(top, buf);

    let on_screen = match screen.turns {
        // Every voice is in the one column.
        Some(_) => 0..doc.contributors.len(),
        None => core.first_visible..core.first_visible + screen.panes.len(),
    };
    let count = format!(
        "  {}–{} of {} on screen",
        on_screen.start + 1,
        on_screen.end.min(doc.contributors.len()),
        doc.contributors.len()
    );
    let name = |i: usize| {
        let mark = if on_screen.contains(&i) { "" } else { "·" };
        format!(" {mark}{}{mark} ", sanitize(&doc.short_name(i)))
    };
    // The names that fit, from the first on screen (or the focus, if it
    // would not fit so): never walking more names than the row holds.
    let room = usize::from(strip.width).saturating_sub(7 + text::width(&count) + 2);
    let fits_from = |from: usize| {
        let mut used = 0;
        (from..doc.contributors.len())
            .take_while(|&i| {
                used += text::width(&name(i));
                used <= room
            })
            .count()
    };
    let mut first = on_screen.start.min(core.focus);
    if first + fits_from(first) <= core.focus {
        first = core.focus;
    }
    let mut shown = fits_from(first).max(1);
    // Room left over: the names before it too, so the row lists every
    // voice it can (dotted ones off screen), not only those from the
    // first on screen.
    let mut used: usize =
        (first..(first + shown).min(doc.contributors.len())).map(|i| text::width(&name(i))).sum();
    while first > 0 && used + text::width(&name(first - 1)) <= room {
        first -= 1;
        shown += 1;
        used += text::width(&name(first));
    }
    let mut spans = vec![Span::styled(if first > 0 { "Voices‹" } else { "Voices " }, t.meta)];
    for i in first..(first + shown).min(doc.contributors.len()) {
        let style = if i == core.focus {
            t.voice_focused
        } else if on_screen.contains(&i) {
            t.voice_on_screen
        } else {
            t.voice_off_screen
        };
        spans.push(Span::styled(name(i), style));
    }
    if first + shown < doc.contributors.len() {
        spans.push(Span::styled("›", t.meta));
    }
    spans.push(Span::styled(count, t.meta));
    Paragraph::new(cut(Line::from(spans), usize::from(strip.width))).render(strip, buf);
}

/// One contributor's pane: border and title, then the rows from the pane's
/// top, with the cursor sentence marked. Only visible rows are wrapped.
fn pane(core: &Core, voice: usize, rect: Rect, buf: &mut Buffer) {
    let t = &core.theme;
    let focused = voice == core.focus;
    let doc = &core.doc;
    let state = &core.panes[voice];
    let contributor = &doc.contributors[doc.voices()[voice].contributor];
    let mut title = sanitize(&contributor.name).into_owned();
    if !contributor.affiliation.is_empty() {
        title.push_str(" · ");
        title.push_str(&sanitize(&contributor.affiliation));
    }
    let position = format!(" ¶{}/{} ", state.cursor.para + 1, doc.voices()[voice].paragraphs.len());
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(if focused { t.border_type_focused } else { t.border_type })
        .border_style(if focused { t.border_focused } else { t.border })
        .title(Line::from(Span::styled(
            format!(" {} ", fit(&title, usize::from(rect.width.saturating_sub(4)))),
            if focused { t.pane_title_focused } else { t.pane_title },
        )))
        .title_bottom(Line::from(position).right_aligned());
    block.render(rect, buf);

    let area = core.text_area(rect);
    if area.is_empty() {
        return;
    }
    let mut rows = rows(doc, &doc.voices()[voice], area.width);
    let top = state.top_row(&mut rows);
    super::lines::draw(core, &mut rows, top, (area, rect.x + 2), Some(voice), buf);
}

/// `line` cut to `width` columns, the span that crosses the edge ending in
/// `…` and those after it dropped.
fn cut(line: Line<'_>, width: usize) -> Line<'_> {
    if line.width() <= width {
        return line;
    }
    let mut used = 0;
    let mut spans = Vec::new();
    for span in line.spans {
        let w = span.width();
        if used + w <= width.saturating_sub(1) {
            used += w;
            spans.push(span);
            continue;
        }
        let rest = fit(&span.content, width - used).into_owned();
        spans.push(Span::styled(rest, span.style));
        break;
    }
    Line::from(spans)
}

/// The turn view: one column of every paragraph in the order spoken, the
/// speakers in the margin.
fn turns(core: &Core, rect: Rect, buf: &mut Buffer) {
    let t = &core.theme;
    let doc = &core.doc;
    let Some(state) = core.turns else { return };
    let count = doc.timeline().paragraphs.len();
    let turns = doc.sections.len();
    let here = doc.timeline().paragraphs.at(state.pane.cursor.para.min(count - 1)).section() + 1;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(t.border_type_focused)
        .border_style(t.border_focused)
        .title(Line::from(Span::styled(
            format!(
                " {} ",
                fit(
                    "Turn order · every voice as spoken",
                    usize::from(rect.width.saturating_sub(4))
                )
            ),
            t.pane_title_focused,
        )))
        .title_bottom(Line::from(format!(" turn {here}/{turns} ")).right_aligned());
    block.render(rect, buf);
    let area = core.text_area(rect);
    if area.is_empty() {
        return;
    }
    let mut rows = crate::ui::core::turns::rows(doc, area.width);
    let top = state.pane.top_row(&mut rows);
    super::lines::draw(core, &mut rows, top, (area, rect.x + 2), None, buf);
}

/// A message too long for the line above the status bar, wrapped onto up
/// to three lines ending there, over whatever is drawn above it (the panes,
/// a mode's pop-up) until the next key: a warning's reason is not cut off.
/// Cut with `…` past three lines. Drawn last, after every mode.
pub fn long_message(core: &Core, buf: &mut Buffer) {
    let (Some(message), Some(screen)) = (&core.message, core.screen()) else { return };
    let [area, _] = areas::two_rows(screen.status);
    let room = usize::from(area.width).saturating_sub(1);
    let message = sanitize(message);
    let mut lines = text::wrapped(&message, room as u16);
    if lines.len() < 2 || area.y < 2 {
        return;
    }
    let rows = lines.len().min(3);
    if lines.len() > rows {
        let rest = lines[rows - 1..].join(" ");
        lines[rows - 1] = fit(&rest, room).into_owned();
    }
    lines.truncate(rows);
    let top = area.y - (rows as u16 - 1);
    for (i, l) in lines.iter().enumerate() {
        let row = Rect { y: top + i as u16, height: 1, ..area };
        ratatui::widgets::Clear.render(row, buf);
        Line::from(Span::styled(format!(" {l}"), core.theme.info)).render(row, buf);
    }
}

/// The line above the status bar: what the selection is, a message, or the
/// tags and note of the highlight under the cursor.
fn info(core: &Core, area: Rect, buf: &mut Buffer) {
    let t = &core.theme;
    let line = if let Some(message) = &core.message {
        // Cut with `…` when the line is too narrow for it (and drawn whole
        // over the rows above once every mode is drawn: `long_message`).
        let room = usize::from(area.width).saturating_sub(1);
        let message = sanitize(message);
        Line::from(Span::styled(format!(" {}", fit(&message, room)), t.info))
    } else if let Some(sel) = core.selection {
        // Whole phrases only: the keys in brackets go first when narrow.
        let (long, short) = if sel.done {
            ("selected", "selected")
        } else {
            (
                "selecting (w/b word, h/l character, j/k sentence, o other end, v to stop)",
                "selecting (v to stop)",
            )
        };
        let room = usize::from(core.size.0).saturating_sub(1);
        let count = crate::ui::core::select::summary(&edit::quote(core, &sel.target()));
        let first = [long, short]
            .map(|state| format!("{state} · {count}"))
            .into_iter()
            .find(|s| text::width(s) <= room)
            .unwrap_or_else(|| format!("{short} · {count}"));
        let parts = [first.as_str(), "t tag", "1–9 quick tag", "e note", "Esc cancel"];
        Line::from(Span::styled(format!(" {}", text::phrases(&parts, room)), t.info))
    } else {
        let here = edit::at_cursor(core);
        match edit::under_cursor(core) {
            Some(h) => {
                let mut spans = vec![Span::raw(" ")];
                if h.tags.is_empty() {
                    let none = format!(" {} ", crate::model::stats::NO_TAG);
                    spans.push(Span::styled(none, t.highlight_of(None)));
                }
                // Tags while they fit whole, leaving room for the count and
                // a start of the note; the rest counted (`+12 tags`), never
                // cut mid-word at the edge.
                let width = usize::from(area.width);
                let note_room = if h.note.is_empty() { 0 } else { (width / 3).min(30) };
                let count_room = if here.len() > 1 { 16 } else { 0 };
                let budget = width.saturating_sub(1 + note_room + count_room);
                let mut used = 1;
                for (k, name) in h.tags.iter().enumerate() {
                    // Even the first, whole if it fits, else cut with `…`.
                    let chip = format!(" {} ", fit(&sanitize(name), width.saturating_sub(4)));
                    let left = h.tags.len() - k;
                    let more = if left > 1 { 10 } else { 0 };
                    if used + text::width(&chip) + 1 + more > budget && k > 0 {
                        let more = crate::model::count::plural(left, "tag", "tags");
                        spans.push(Span::styled(format!("+{left} {more} "), t.info));
                        break;
                    }
                    used += text::width(&chip) + 1;
                    let color = core.annotations.tag(name).map(|t| t.color);
                    spans.push(Span::styled(chip, t.highlight_of(color)));
                    spans.push(Span::raw(" "));
                }
                // The count before the note, so a long note never hides it.
                if here.len() > 1 {
                    spans.push(Span::styled(format!("(+{} more here) ", here.len() - 1), t.info));
                }
                // A link here: where it leads (before the note, which is cut first).
                if let Some((linked, all)) = crate::ui::core::links::here(core)
                    && let Some(link) = crate::ui::core::links::chosen(core, &all)
                {
                    let more = if all.len() > 1 {
                        format!(" (+{})", all.len() - 1)
                    } else {
                        String::new()
                    };
                    let text = crate::ui::core::links::describe(core, link, &linked.id);
                    let used: usize = spans.iter().map(Span::width).sum();
                    let room = usize::from(area.width).saturating_sub(used + 12);
                    if room >= 12 {
                        spans.push(Span::styled(
                            format!("{} {}{more} · f ", super::lines::LINK_MARK, fit(&text, room)),
                            t.info,
                        ));
                    }
                }
                if !h.note.is_empty() {
                    // The note's start, cut with `…` to the room left.
                    let used: usize = spans.iter().map(Span::width).sum();
                    let room = usize::from(area.width).saturating_sub(used + 3);
                    let note = sanitize(&edit::first_line(&h.note, 200)).into_owned();
                    if room >= 4 {
                        spans.push(Span::styled(format!(" ✎ {}", fit(&note, room)), t.info));
                    }
                }
                Line::from(spans)
            }
            None => match core.annotations.orphans().count() {
                0 => Line::default(),
                n => Line::from(Span::styled(
                    format!(
                        " {} could not be found in the text: O to review",
                        count(n, "highlight", "highlights")
                    ),
                    t.warning,
                )),
            },
        }
    };
    Paragraph::new(line).render(area, buf);
}
