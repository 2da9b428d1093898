//! `view`: draws the reader from its state, and changes nothing.

use std::borrow::Cow;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Flex, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};
use unicode_segmentation::UnicodeSegmentation;

use crate::model::sanitize::sanitize;

use super::app::{App, Mode, Screen};
use super::keymap::{self, Context, KEYMAP};
use super::pane::rows;
use super::text::{self, display};

/// Draws the whole reader into `frame`.
pub fn view(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let buf = frame.buffer_mut();
    match app.screen() {
        Some(screen) => {
            header(app, &screen, buf);
            for &(voice, rect) in &screen.panes {
                pane(app, voice, rect, buf);
            }
            status(app, screen.status, buf);
            if app.mode == Mode::Help {
                help(app, area, buf);
            }
        }
        None => too_small(app, area, buf),
    }
}

fn too_small(app: &App, area: Rect, buf: &mut Buffer) {
    let text = format!(
        "Terminal too small: {}×{}. crosstalk needs at least {}×{}.",
        app.size.0,
        app.size.1,
        super::app::MIN_WIDTH,
        super::app::MIN_HEIGHT
    );
    Paragraph::new(text)
        .alignment(Alignment::Center)
        .wrap(Wrap { trim: true })
        .style(app.theme.title)
        .render(area, buf);
}

/// Title, subtitle and date on the first row with the source on the right;
/// on the second, every voice by surname, marking those on screen and the focus.
fn header(app: &App, screen: &Screen, buf: &mut Buffer) {
    let t = &app.theme;
    let doc = &app.doc;
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
            let gap = usize::from(top.width) - title.width() - super::text::width(&source);
            title.spans.push(Span::raw(" ".repeat(gap.max(3))));
            title.spans.push(Span::styled(source, t.meta));
        }
    }
    Paragraph::new(title).render(top, buf);

    let on_screen = app.first_visible..app.first_visible + screen.panes.len();
    let mut spans = vec![Span::styled("Voices ", t.meta)];
    for (i, c) in doc.contributors.iter().enumerate() {
        let surname = c.name.split_whitespace().last().unwrap_or(&c.name);
        let style = if i == app.focus {
            t.voice_focused
        } else if on_screen.contains(&i) {
            t.voice_on_screen
        } else {
            t.voice_off_screen
        };
        let mark = if on_screen.contains(&i) { "" } else { "·" };
        spans.push(Span::styled(format!(" {mark}{}{mark} ", sanitize(surname)), style));
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
fn pane(app: &App, voice: usize, rect: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let focused = voice == app.focus;
    let doc = &app.doc;
    let state = &app.panes[voice];
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

    let area = App::text_area(rect);
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
    let cursor_style = if focused { t.cursor } else { t.cursor_unfocused };
    let mut row = Some(state.top_row(&mut rows));
    for y in area.top()..area.bottom() {
        let Some(r) = row else { break };
        if !rows.is_gap(r) {
            let line = rows.lines(r.para)[r.line];
            let text = rows.paragraph(r.para).text();
            let mut x = area.x;
            let shown = &text[line.start as usize..line.end as usize];
            text::for_each_grapheme(shown, |at, symbol, w| {
                let at = line.start as usize + at;
                if w == 0 || x.saturating_add(w) > area.right() {
                    return;
                }
                let mut style = t.text;
                if r.para == cursor_span.0 && (cursor_span.1..cursor_span.2).contains(&at) {
                    style = style.patch(cursor_style);
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
        }
        row = rows.next(r);
    }
}

/// Mode and position on the left, then as many key hints as fit, and the
/// file on the right when there is room.
fn status(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    buf.set_style(area, t.status);
    let mode = match app.mode {
        Mode::Read => " READ ",
        Mode::Help => " HELP ",
    };
    let doc = &app.doc;
    let state = &app.panes[app.focus];
    let voice = &doc.voices()[app.focus];
    let para = doc.paragraph(voice.paragraphs[state.cursor.para]);
    let who = sanitize(&doc.contributors[voice.contributor].name);
    let position = format!(
        " {who} · ¶{}/{} · sentence {}/{} ",
        state.cursor.para + 1,
        voice.paragraphs.len(),
        state.cursor.sentence + 1,
        para.sentences().len()
    );
    let mut left =
        Line::from(vec![Span::styled(mode, t.status_mode), Span::styled(position, t.status)]);
    let hints: &[(&str, &str)] = match app.mode {
        Mode::Read => &[
            ("?", "help"),
            ("q", "quit"),
            ("Tab", "voice"),
            ("j/k", "sentence"),
            ("J/K", "paragraph"),
        ],
        Mode::Help => &[("Esc", "close"), ("j/k", "scroll"), ("q", "quit")],
    };
    let width = usize::from(area.width);
    for (key, what) in hints {
        let hint = [
            Span::styled(format!(" {key}"), t.status_key),
            Span::styled(format!(" {what} "), t.status),
        ];
        if left.width() + hint.iter().map(Span::width).sum::<usize>() > width {
            break;
        }
        left.spans.extend(hint);
    }
    let label = Line::from(Span::styled(format!(" {} ", sanitize(&app.doc_label)), t.status));
    let fits = left.width() + label.width() <= width;
    Paragraph::new(left).render(area, buf);
    if fits {
        Paragraph::new(label).alignment(Alignment::Right).render(area, buf);
    }
}

/// `text` cut to `width` cells, with `…` marking a cut.
fn fit(text: &str, width: usize) -> Cow<'_, str> {
    if super::text::width(text) <= width {
        return Cow::Borrowed(text);
    }
    let mut out = String::new();
    let mut used = 0;
    for g in text.graphemes(true) {
        let w = usize::from(display(g).1);
        if used + w + 1 > width {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out.push('…');
    Cow::Owned(out)
}

/// The help overlay: every binding of the keymap, grouped by where it applies.
fn help(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let key_width = KEYMAP.iter().map(|b| keymap::keys_label(b).chars().count()).max().unwrap_or(0);
    let mut lines = Vec::new();
    for (context, heading) in [(Context::Reader, "Reading"), (Context::Help, "In this help")] {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::from(Span::styled(heading, t.help_heading)));
        for b in KEYMAP.iter().filter(|b| b.context == context) {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<key_width$}  ", keymap::keys_label(b)), t.help_key),
                Span::raw(b.description),
            ]));
        }
    }
    let wanted_w = (key_width + 44).min(usize::from(u16::MAX)) as u16;
    let wanted_h = (lines.len() + 2).min(usize::from(u16::MAX)) as u16;
    let [popup] = Layout::horizontal([Constraint::Length(wanted_w.min(area.width))])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::vertical([Constraint::Length(wanted_h.min(area.height))])
        .flex(Flex::Center)
        .areas(popup);
    let max_scroll = wanted_h.saturating_sub(popup.height);
    Clear.render(popup, buf);
    Paragraph::new(lines)
        .scroll((app.help_scroll.min(max_scroll), 0))
        .block(
            Block::bordered()
                .border_type(t.border_type_focused)
                .border_style(t.border_focused)
                .title(Line::from(Span::styled(" Keys ", t.pane_title_focused)))
                .title_bottom(Line::from(" Esc or ? closes ").right_aligned()),
        )
        .style(Style::new())
        .render(popup, buf);
}
