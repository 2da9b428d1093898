//! The text of a pane or of the turn view, row by row: highlights (and the
//! other coder's, with `--against`: italic where only they coded, `▐` right
//! of each row where they coded anything), search matches, the selection, the cursor and word cursor, note marks, and the
//! margins (paragraph times; in turn order, who speaks). Only the rows
//! shown are wrapped. Nothing here changes state.

use std::sync::Arc;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

use crate::model::Pos;
use crate::model::annotations::Highlight;
use crate::model::names;
use crate::model::sanitize::sanitize;
use crate::ui::core::Core;
use crate::ui::core::rows::{Row, Rows};
use crate::ui::core::text;

/// The mark right of a row where the other coder (`--against`) coded.
pub const THEIRS_MARK: &str = "▐";
/// The gutter mark of a row where an end of a link starts.
pub const LINK_MARK: &str = "⇄";

/// Draws `rows` from `top` into `area` (its margins start at column
/// `left`): the rows of `pane`'s voice, or with `pane == None` the turn
/// view's rows over the whole conversation.
pub fn draw(
    core: &Core,
    rows: &mut Rows<'_>,
    top: Row,
    (area, left): (Rect, u16),
    pane: Option<usize>,
    buf: &mut Buffer,
) {
    let t = &core.theme;
    let doc = &core.doc;
    // Whose cursor is drawn: the pane's voice, or in turn order the focus.
    let cursor_voice = pane.unwrap_or(core.focus);
    let cursor = core.panes[cursor_voice].cursor;
    let cursor_span = {
        let v = &doc.voices()[cursor_voice];
        let p = doc.paragraph(v.paragraphs.at(cursor.para));
        let span = p.sentences()[cursor.sentence];
        // Do not mark the spaces after a sentence.
        let trimmed = p.text()[span.range()].trim_end().len();
        (cursor.para, span.start as usize, span.start as usize + trimmed)
    };
    let word = core.panes[cursor_voice].word;
    let word_is_match = is_current_match(core, cursor_voice, word);
    let gutter_x = area.x.saturating_sub(1);
    let mut row = Some(top);
    for y in area.top()..area.bottom() {
        let Some(r) = row else { break };
        let (voice, para) = match pane {
            Some(v) => (v, r.para),
            None => doc.from_timeline(r.para),
        };
        let focused = voice == core.focus;
        let own_cursor = voice == cursor_voice;
        if !rows.is_gap(r) {
            // A pane too narrow for its margins shows text only.
            let margin = core.time_w + if pane.is_none() { core.label_w } else { 0 };
            if area.x >= left + margin {
                margins(core, pane.is_none(), r, (y, y == area.top()), (voice, para), area.x, buf);
            }
            let selection = core.selection.filter(|s| s.voice == voice).map(|s| s.range());
            let linking = core.link.start.filter(|l| l.voice == voice);
            let line = rows.lines(r.para)[r.line];
            let paragraph = rows.paragraph(r.para);
            let text = paragraph.text();
            let head = paragraph.is_head();
            let (line_start, line_end) =
                (Pos::new(para, line.start as usize), Pos::new(para, line.end as usize + 1));
            // The few highlights and search matches on this line, found by
            // binary search.
            let here: Vec<&Arc<Highlight>> =
                core.annotations.overlapping(voice, line_start, line_end).collect();
            // Each highlight's style, once per row rather than once per cell
            // (its tag looked up by name, its text colour by contrast).
            let styles: Vec<ratatui::style::Style> = here
                .iter()
                .map(|h| {
                    let tag = h.tags.first().and_then(|n| core.annotations.tag(n));
                    t.highlight_of(tag.map(|t| t.color))
                })
                .collect();
            let found: Vec<(usize, &crate::model::search::Match)> = core
                .search
                .as_ref()
                .map(|s| s.overlapping(voice, line_start, line_end).collect())
                .unwrap_or_default();
            let current = core.search.as_ref().and_then(|s| s.current);
            // The other coder's highlights here, found the same way.
            let theirs: Vec<&Arc<Highlight>> = core
                .against
                .as_ref()
                .map(|a| a.annotations.overlapping(voice, line_start, line_end).collect())
                .unwrap_or_default();
            let mut theirs_here = false;
            let mut x = area.x;
            let shown = &text[line.start as usize..line.end as usize];
            let marked = !here.is_empty()
                || !found.is_empty()
                || !theirs.is_empty()
                || selection.is_some_and(|(s, e)| s < line_end && line_start < e)
                || linking.is_some_and(|l| l.start < line_end && line_start < l.end)
                || (focused
                    && own_cursor
                    && para == cursor_span.0
                    && cursor_span.1 < line.end as usize
                    && line.start as usize <= cursor_span.2);
            if !marked && !general_only() && shown.chars().all(text::is_simple) {
                // Nothing on the line but text of one cell a character
                // (most rows): one style, no grapheme to look at.
                let style = if head { t.text.add_modifier(Modifier::BOLD) } else { t.text };
                let room = usize::from(area.right().saturating_sub(x));
                if room > 0 {
                    let at = buf.index_of(x, y);
                    for (cell, c) in buf.content[at..at + room].iter_mut().zip(shown.chars()) {
                        cell.set_char(c).set_style(style);
                    }
                }
            } else {
                text::for_each_grapheme(shown, |at, symbol, w| {
                    let at = line.start as usize + at;
                    if w == 0 || x.saturating_add(w) > area.right() {
                        return;
                    }
                    let pos = Pos::new(para, at);
                    let mut style = if head { t.text.add_modifier(Modifier::BOLD) } else { t.text };
                    // The innermost (latest-starting) highlight gives the colour;
                    // a second one on the same text adds the overlap mark.
                    let mut covering = here
                        .iter()
                        .enumerate()
                        .rev()
                        .filter(|(_, h)| h.start <= pos && pos < h.end);
                    let they = theirs.iter().any(|h| h.start <= pos && pos < h.end);
                    theirs_here |= they;
                    if they && !here.iter().any(|h| h.start <= pos && pos < h.end) {
                        style = style.patch(t.theirs);
                    }
                    if let Some((k, _)) = covering.next() {
                        style = style.patch(styles[k]);
                        if covering.next().is_some() {
                            style = style.patch(t.overlap);
                        }
                    }
                    let mut on_current = false;
                    if let Some(&(k, _)) = found.iter().find(|(_, m)| m.start <= pos && pos < m.end)
                    {
                        on_current = Some(k) == current;
                        style =
                            style.patch(if on_current { t.search_current } else { t.search_match });
                    }
                    // Where a link being made starts.
                    if linking.is_some_and(|l| l.start <= pos && pos < l.end) {
                        style = style.add_modifier(Modifier::UNDERLINED | Modifier::BOLD);
                    }
                    if let Some((s, e)) = selection
                        && s <= pos
                        && pos < e
                    {
                        style = style.patch(t.selection);
                    } else if focused
                        && own_cursor
                        && para == cursor_span.0
                        && (cursor_span.1..cursor_span.2).contains(&at)
                    {
                        style = style.patch(t.cursor);
                        // The word cursor, marked apart inside its sentence:
                        // what `v` acts on, drawn wherever it is (inside the
                        // current match too, after `w`). Where it is the whole
                        // current match, it only underlines the match's mark.
                        if word.is_some_and(|(ws, we)| ws <= pos && pos < we) {
                            style = if on_current && word_is_match {
                                style.add_modifier(t.word_cursor.add_modifier)
                            } else {
                                style.patch(t.word_cursor)
                            };
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
            }
            // Gutter: a note starts on this row, or (unfocused) the cursor is here.
            let note_here = here
                .iter()
                .any(|h| !h.note.is_empty() && h.start >= line_start && h.start.byte <= line.end);
            let cursor_here = own_cursor
                && para == cursor_span.0
                && cursor_span.1 < line.end as usize + 1
                && cursor_span.2 > line.start as usize;
            // Right margin: the other coder coded something on this row.
            if theirs_here && area.right() < buf.area.right() {
                buf[(area.right(), y)].set_symbol(THEIRS_MARK).set_style(t.theirs_mark);
            }
            // A link's end starts on this row.
            let link_here = if core.annotations.links().is_empty() {
                None
            } else {
                here.iter().find(|h| {
                    h.start >= line_start
                        && h.start.byte <= line.end
                        && core.annotations.is_linked(&h.id)
                })
            };
            if let Some(h) = link_here {
                buf[(gutter_x, y)].set_symbol(LINK_MARK).set_style(t.gutter);
                // In turn order, the reference to the other end beside the
                // column, where the screen has room.
                if pane.is_none() {
                    reference(core, h, (area.right() + 2, y), buf);
                }
            } else if note_here {
                buf[(gutter_x, y)].set_symbol("✎").set_style(t.gutter);
            } else if cursor_here && !focused {
                buf[(gutter_x, y)].set_symbol("›").set_style(t.cursor_unfocused);
            }
        }
        row = rows.next(r);
    }
}

#[cfg(test)]
thread_local! {
    /// Every row drawn the general way (to compare the short way with).
    static GENERAL_ONLY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

fn general_only() -> bool {
    #[cfg(test)]
    return GENERAL_ONLY.get();
    #[cfg(not(test))]
    false
}

/// Whether `word` (voice `voice`'s word cursor) is the current search match,
/// as a search leaves it: the match without the blanks at its ends.
fn is_current_match(core: &Core, voice: usize, word: Option<(Pos, Pos)>) -> bool {
    let Some(((ws, we), s)) = word.zip(core.search.as_ref()) else { return false };
    let Some(m) = s.current.and_then(|k| s.matches.get(k)) else { return false };
    let one_paragraph = m.start.para == m.end.para && ws.para == m.start.para;
    if m.voice != voice || !one_paragraph || ws < m.start || m.end < we {
        return false;
    }
    let v = &core.doc.voices()[voice];
    let text = core.doc.paragraph(v.paragraphs.at(ws.para as usize)).text();
    let blank = |a: Pos, b: Pos| {
        text.get(a.byte as usize..b.byte as usize).is_some_and(|t| t.trim().is_empty())
    };
    blank(m.start, ws) && blank(we, m.end)
}

/// The margins left of a row's text (which starts at column `x`): the
/// paragraph's time on its first line and, in turn order, the speaker on the
/// first line of a turn (and, dimmed, on the top row when their turn began
/// above it).
fn margins(
    core: &Core,
    turns: bool,
    r: Row,
    (y, top): (u16, bool),
    (voice, para): (usize, usize),
    x: u16,
    buf: &mut Buffer,
) {
    let t = &core.theme;
    let doc = &core.doc;
    let p = doc.paragraph(doc.voices()[voice].paragraphs.at(para));
    let time_x = x.saturating_sub(core.time_w);
    if r.line == 0 && core.time_w > 1 && !p.time().is_empty() {
        let time = sanitize(p.time());
        buf.set_string(time_x, y, text::fit(&time, usize::from(core.time_w - 2)), t.dim);
    }
    if !turns {
        return;
    }
    let starts = r.line == 0 && doc.starts_turn(r.para);
    if starts || top {
        let name = sanitize(&doc.short_name(voice)).into_owned();
        let room = crate::ui::core::margin::label_room(core.label_w, core.time_w);
        let shown = names::fit(&name, room);
        let style = if starts { t.speaker(voice) } else { t.dim };
        buf.set_string(time_x.saturating_sub(core.label_w), y, shown, style);
    }
}

/// Beside the turn view's column, on the row where linked passage `h`
/// starts: where its (first) link leads — `⇄ answers → Ku: “It is…”`.
fn reference(core: &Core, h: &Highlight, (x, y): (u16, u16), buf: &mut Buffer) {
    let room = usize::from(buf.area.right().saturating_sub(x));
    let Some(link) = core.annotations.links_of(&h.id).next() else { return };
    if room < 16 {
        return;
    }
    let text = format!("{LINK_MARK} {}", crate::ui::core::links::describe(core, link, &h.id));
    let line = ratatui::text::Line::styled(text::fit(&text, room).into_owned(), core.theme.gutter);
    buf.set_line(x, y, &line, room as u16);
}

#[cfg(test)]
mod tests {
    use super::GENERAL_ONLY;
    use crate::ui::pane::Motion;
    use crate::ui::{Action, App, theme::Theme, update, view};
    use ratatui::{Terminal, backend::TestBackend, buffer::Buffer};

    fn drawn(app: &App) -> Buffer {
        let mut terminal = Terminal::new(TestBackend::new(app.size.0, app.size.1)).expect("test");
        terminal.draw(|f| view(app, f)).expect("draw");
        terminal.backend().buffer().clone()
    }

    /// Rows of plain text, drawn the short way, come out as the general way
    /// draws them, cell for cell and style for style: the bundled debate
    /// (headings, curly quotes, em-dashes, the cursor sentence in every
    /// pane) and plain ASCII, at three sizes, at the top, the end, and
    /// paged through; with colour and without.
    #[test]
    fn plain_rows_are_drawn_as_the_general_way_draws_them() {
        let ascii = ["A plain paragraph of words, ASCII only. Then another sentence."; 30];
        let subheads =
            "# T\n\n## Ann\n\n### A subhead\n\nWords.\n\n### Another\n\nMore.\n\n## Bo\n\nYes.\n";
        let subheads = crate::import::import(subheads, crate::import::Kind::Markdown, "t")
            .map(|f| crate::model::Conversation::new(f).expect("valid"))
            .expect("imports");
        let docs = [
            crate::store::bundled().expect("bundled"),
            crate::model::testing::conversation(&[&ascii, &ascii[..3]]),
            subheads,
        ];
        for (doc, (width, height)) in
            docs.iter().flat_map(|d| [(d, (80, 24)), (d, (200, 60)), (d, (37, 9))])
        {
            for color in [true, false] {
                let mut app = App::new(doc.clone(), "t.ron".into(), (0, 0), Theme::new(color));
                update(&mut app, Action::Resize { width, height });
                for motion in
                    [Motion::NextSentence, Motion::PageDown, Motion::PageDown, Motion::Last]
                {
                    let fast = drawn(&app);
                    GENERAL_ONLY.set(true);
                    let general = drawn(&app);
                    GENERAL_ONLY.set(false);
                    assert_eq!(fast, general, "{width}x{height}, colour {color}");
                    update(&mut app, Action::Move(motion));
                }
            }
        }
    }
}
