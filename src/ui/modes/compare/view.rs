//! Drawing compare mode: each pane on screen lists its voice's passages
//! under the tag (or says it has none), and the info line tells the passage
//! chosen. Nothing here changes state.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use crate::model::annotations::Highlight;
use crate::model::sanitize::sanitize;
use crate::ui::core::Core;
use crate::ui::core::edit::first_line;
use crate::ui::core::line::{fit_words, fit_words_tail};
use crate::ui::core::text::{self, fit};

use super::CompareView;

/// Compare mode: each pane on screen shows its voice's passages under the
/// tag, each in one run with its dimmed context (see [`passage`]); the
/// chosen passage of the focused voice is marked.
pub fn draw(view: &CompareView, core: &Core, buf: &mut Buffer) {
    let Some(screen) = core.side_by_side() else { return };
    let t = &core.theme;
    let color = core.annotations.tag(&view.tag).map(|t| t.color);
    for &(voice, rect) in &screen.panes {
        let focused = voice == core.focus;
        Clear.render(rect, buf);
        let c = &core.doc.contributors[voice];
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
        let area = Core::text_area_with(rect, core.time_w);
        block.render(rect, buf);
        if area.is_empty() {
            continue;
        }
        if passages.is_empty() {
            let none =
                format!("No passages of {} carry “{}”.", sanitize(&c.name), sanitize(&view.tag));
            let lines: Vec<Line> = text::wrap(&none, area.width)
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
        // Each passage in one run with its context, then where it is, a gap.
        let block_of = |i: usize| -> Vec<Line<'static>> {
            // Rows are rebuilt after every change (`derived::sync`); a view
            // still never indexes past them.
            let Some(h) = core.annotations.highlights().get(i) else { return Vec::new() };
            let mut lines = passage(core, h, area.width, t.dim, t.highlight_of(color));
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

/// Text on one line: runs of whitespace (line breaks too) as one space.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Highlight `h` wrapped to `width` cells in one run with the text around
/// it in its paragraphs: up to two thirds of a line before, a line after
/// (cut between words, `…` marking only what is left out: nothing before a
/// passage that opens its paragraph, nothing after one that ends it). The
/// context is `dim`, the passage `marked`, as the reader marks it.
pub fn passage(
    core: &Core,
    h: &Highlight,
    width: u16,
    dim: Style,
    marked: Style,
) -> Vec<Line<'static>> {
    let voice = &core.doc.voices()[h.voice];
    let text =
        |p: u32| voice.paragraphs.get(p as usize).map_or("", |r| core.doc.paragraph(r).text());
    let (first, last) = (text(h.start.para), text(h.end.para));
    let before = first.get(..h.start.byte as usize).unwrap_or("");
    let after = last.get(h.end.byte as usize..).unwrap_or("");
    let cells = usize::from(width);
    let mut run = fit_words_tail(&sanitize(&flat(before)), cells * 2 / 3).into_owned();
    if !run.is_empty() && before.ends_with(char::is_whitespace) {
        run.push(' ');
    }
    let from = run.len();
    // Each paragraph of the passage on lines of its own, as the reader and
    // the brief show it.
    let paragraphs: Vec<String> = h
        .quote
        .exact
        .split('\n')
        .map(|p| sanitize(&flat(p)).into_owned())
        .filter(|p| !p.is_empty())
        .collect();
    run.push_str(&paragraphs.join("\n"));
    let to = run.len();
    let after_shown = fit_words(&sanitize(&flat(after)), cells).into_owned();
    if !after_shown.is_empty() && after.starts_with(char::is_whitespace) {
        run.push(' ');
    }
    run.push_str(&after_shown);
    let parts = [(0, from, dim), (from, to, marked), (to, run.len(), dim)];
    text::wrap(&run, width)
        .iter()
        .map(|l| {
            let (start, end) = (l.start as usize, l.end as usize);
            let spans: Vec<Span<'static>> = parts
                .iter()
                .filter_map(|&(a, b, style)| {
                    let (a, b) = (a.max(start), b.min(end));
                    (a < b).then(|| Span::styled(run[a..b].to_owned(), style))
                })
                .collect();
            Line::from(spans)
        })
        .collect()
}

/// The info line in compare mode: the passage chosen in the focused voice
/// (where it is, its other tags, its note), or that the voice has none.
pub fn info(core: &Core, view: &CompareView) -> Line<'static> {
    let t = &core.theme;
    let name = sanitize(&core.doc.contributors[core.focus].name).into_owned();
    let passages = &view.passages[core.focus];
    let chosen = passages.get(view.selected[core.focus].min(passages.len().saturating_sub(1)));
    let Some(h) = chosen.and_then(|&i| core.annotations.highlights().get(i)) else {
        let none = format!(" {name}: no passage under “{}”", sanitize(&view.tag));
        return Line::from(Span::styled(none, t.info));
    };
    let mut text = format!(
        " {name}: passage {} of {} · ¶{}",
        view.selected[core.focus].min(passages.len() - 1) + 1,
        passages.len(),
        h.start.para + 1
    );
    let others: Vec<&str> = h.tags.iter().filter(|n| **n != view.tag).map(String::as_str).collect();
    if !others.is_empty() {
        text.push_str(&format!(" · also: {}", sanitize(&others.join(", "))));
    }
    if !h.note.trim().is_empty() {
        text.push_str(&format!(" · ✎ {}", sanitize(&first_line(&h.note, 200))));
    }
    Line::from(Span::styled(text, t.info))
}
