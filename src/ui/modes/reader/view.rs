//! Drawing the reader: the header, every pane on screen (only the rows
//! shown are wrapped), the info line, and the notice when the terminal is
//! too small. Nothing here changes state.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use crate::model::sanitize::sanitize;

use std::sync::Arc;

use crate::model::Pos;
use crate::model::annotations::Highlight;

use crate::ui::core::edit;
use crate::ui::core::pane::rows;
use crate::ui::core::text::{self, fit};
use crate::ui::core::{Core, MIN_HEIGHT, MIN_WIDTH, Screen};

/// Draws the reader (the status bar as `bar` says) into `buf`.
pub fn draw(core: &Core, area: Rect, bar: &super::status::Bar, buf: &mut Buffer) {
    match core.screen() {
        Some(screen) => {
            header(core, &screen, buf);
            for &(voice, rect) in &screen.panes {
                pane(core, voice, rect, buf);
            }
            let [info_row, status_row] =
                Layout::vertical([Constraint::Length(1); 2]).areas(screen.status);
            super::status::banner(core, screen.banner, buf);
            info(core, info_row, buf);
            super::status::status(core, bar, status_row, buf);
        }
        None => too_small(core, area, buf),
    }
}

fn too_small(core: &Core, area: Rect, buf: &mut Buffer) {
    let text = format!(
        "Terminal too small: {}×{}. crosstalk needs at least {}×{}.",
        core.size.0, core.size.1, MIN_WIDTH, MIN_HEIGHT
    );
    Paragraph::new(text)
        .alignment(Alignment::Center)
        .wrap(Wrap { trim: true })
        .style(core.theme.title)
        .render(area, buf);
}

/// Title, subtitle and date on the first row with the source on the right;
/// on the second, every voice by short name, marking those on screen and the focus.
fn header(core: &Core, screen: &Screen, buf: &mut Buffer) {
    let t = &core.theme;
    let doc = &core.doc;
    let [top, strip] = Layout::vertical([Constraint::Length(1); 2]).areas(screen.header);
    let mut title = vec![Span::styled(sanitize(&doc.title), t.title)];
    if !doc.subtitle.is_empty() {
        title.push(Span::styled(" — ", t.meta));
        title.push(Span::styled(sanitize(&doc.subtitle), t.meta));
    }
    if !doc.date.is_empty() {
        title.push(Span::styled(format!(" · {}", doc.date), t.meta));
    }
    let mut title = Line::from(title);
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

    let on_screen = core.first_visible..core.first_visible + screen.panes.len();
    let mut spans = vec![Span::styled("Voices ", t.meta)];
    for i in 0..doc.contributors.len() {
        let short = doc.short_name(i);
        let style = if i == core.focus {
            t.voice_focused
        } else if on_screen.contains(&i) {
            t.voice_on_screen
        } else {
            t.voice_off_screen
        };
        let mark = if on_screen.contains(&i) { "" } else { "·" };
        spans.push(Span::styled(format!(" {mark}{}{mark} ", sanitize(&short)), style));
    }
    spans.push(Span::styled(
        format!(
            "  {}–{} of {} on screen",
            on_screen.start + 1,
            on_screen.end.min(doc.contributors.len()),
            doc.contributors.len()
        ),
        t.meta,
    ));
    Paragraph::new(Line::from(spans)).render(strip, buf);
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

    let area = Core::text_area(rect);
    if area.is_empty() {
        return;
    }
    let mut rows = rows(doc, &doc.voices()[voice], area.width);
    let cursor_span = {
        let p = rows.paragraph(state.cursor.para);
        let span = p.sentences()[state.cursor.sentence];
        // Do not mark the spaces after a sentence.
        let trimmed = p.text()[span.range()].trim_end().len();
        (state.cursor.para, span.start as usize, span.start as usize + trimmed)
    };
    let selection = core.selection.filter(|s| s.voice == voice).map(|s| s.range());
    let gutter_x = area.x.saturating_sub(1);
    let mut row = Some(state.top_row(&mut rows));
    for y in area.top()..area.bottom() {
        let Some(r) = row else { break };
        if !rows.is_gap(r) {
            let line = rows.lines(r.para)[r.line];
            let text = rows.paragraph(r.para).text();
            let (line_start, line_end) =
                (Pos::new(r.para, line.start as usize), Pos::new(r.para, line.end as usize + 1));
            // The few highlights and search matches on this line, found by
            // binary search.
            let here: Vec<&Arc<Highlight>> =
                core.annotations.overlapping(voice, line_start, line_end).collect();
            let found: Vec<(usize, &crate::model::search::Match)> = core
                .search
                .as_ref()
                .map(|s| s.overlapping(voice, line_start, line_end).collect())
                .unwrap_or_default();
            let current = core.search.as_ref().and_then(|s| s.current);
            let mut x = area.x;
            let shown = &text[line.start as usize..line.end as usize];
            text::for_each_grapheme(shown, |at, symbol, w| {
                let at = line.start as usize + at;
                if w == 0 || x.saturating_add(w) > area.right() {
                    return;
                }
                let pos = Pos::new(r.para, at);
                let mut style = t.text;
                // The innermost (latest-starting) highlight gives the colour;
                // a second one on the same text adds the overlap mark.
                let mut covering = here.iter().rev().filter(|h| h.start <= pos && pos < h.end);
                if let Some(top) = covering.next() {
                    let color =
                        top.tags.first().and_then(|n| core.annotations.tag(n)).map(|t| t.color);
                    style = style.patch(t.highlight_of(color));
                    if covering.next().is_some() {
                        style = style.patch(t.overlap);
                    }
                }
                if let Some(&(k, _)) = found.iter().find(|(_, m)| m.start <= pos && pos < m.end) {
                    style = style.patch(if Some(k) == current {
                        t.search_current
                    } else {
                        t.search_match
                    });
                }
                if let Some((s, e)) = selection
                    && s <= pos
                    && pos < e
                {
                    style = style.patch(t.selection);
                } else if focused
                    && r.para == cursor_span.0
                    && (cursor_span.1..cursor_span.2).contains(&at)
                {
                    style = style.patch(t.cursor);
                    // The word cursor, marked apart inside its sentence.
                    if state.word.is_some_and(|(ws, we)| ws <= pos && pos < we) {
                        style = style.patch(t.word_cursor);
                    }
                }
                if !shown[at - line.start as usize..].starts_with(symbol) {
                    style = style.patch(t.placeholder);
                }
                buf[(x, y)].set_symbol(symbol).set_style(style);
                // A wide glyph hides the cell after it.
                for hidden in 1..w {
                    buf[(x + hidden, y)].reset();
                }
                x += w;
            });
            // Gutter: a note starts on this row, or (unfocused) the cursor is here.
            let note_here = here
                .iter()
                .any(|h| !h.note.is_empty() && h.start >= line_start && h.start.byte <= line.end);
            let cursor_here = r.para == cursor_span.0
                && cursor_span.1 < line.end as usize + 1
                && cursor_span.2 > line.start as usize;
            if note_here {
                buf[(gutter_x, y)].set_symbol("✎").set_style(t.gutter);
            } else if cursor_here && !focused {
                buf[(gutter_x, y)].set_symbol("›").set_style(t.cursor_unfocused);
            }
        }
        row = rows.next(r);
    }
}

/// The line above the status bar: what the selection is, a message, or the
/// tags and note of the highlight under the cursor.
fn info(core: &Core, area: Rect, buf: &mut Buffer) {
    let t = &core.theme;
    let line = if let Some(message) = &core.message {
        // Cut with `…` when the line is too narrow for it.
        let room = usize::from(area.width).saturating_sub(1);
        Line::from(Span::styled(format!(" {}", fit(&sanitize(message), room)), t.info))
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
                for name in &h.tags {
                    let color = core.annotations.tag(name).map(|t| t.color);
                    spans
                        .push(Span::styled(format!(" {} ", sanitize(name)), t.highlight_of(color)));
                    spans.push(Span::raw(" "));
                }
                // The count before the note, so a long note never hides it.
                if here.len() > 1 {
                    spans.push(Span::styled(format!("(+{} more here) ", here.len() - 1), t.info));
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
                    format!(" {n} highlight(s) could not be found in the text: O to review"),
                    t.warning,
                )),
            },
        }
    };
    Paragraph::new(line).render(area, buf);
}
