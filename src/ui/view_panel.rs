//! The frame of the analysis views: the titled panel they are drawn in
//! (the title drops whole hint phrases to fit) and the annotation list's
//! scope line (wrapped onto two lines when narrow). Nothing here changes
//! state.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use crate::model::sanitize::sanitize;

use super::app::App;
use super::text::{fit, phrases};

/// A box over most of the screen, titled with the view's name and as many
/// whole hint phrases after it as fit (the status bar has the keys too);
/// returns the inside.
pub(super) fn panel(app: &App, area: Rect, title: &[&str], buf: &mut Buffer) -> Rect {
    let t = &app.theme;
    let r = Rect {
        x: area.x + area.width.min(4) / 2,
        y: area.y + area.height.min(2) / 2,
        width: area.width.saturating_sub(4).max(area.width.min(4)),
        height: area.height.saturating_sub(2).max(area.height.min(2)),
    };
    Clear.render(r, buf);
    let block = Block::bordered()
        .border_type(t.border_type_focused)
        .border_style(t.border_focused)
        .title(Line::from(Span::styled(
            format!(" {} ", phrases(title, usize::from(r.width.saturating_sub(4)))),
            t.pane_title_focused,
        )));
    let inner = block.inner(r);
    block.render(r, buf);
    inner
}

/// The list's filters and the keys that cycle them: one line when it fits,
/// else the tag and the contributor on a line each (a name too wide for its
/// line is cut with `…`).
pub(super) fn scope_lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let Some(l) = &app.list else { return Vec::new() };
    let t = &app.theme;
    let tag = l.tag.as_deref().map_or("all".to_owned(), |n| format!("“{}”", sanitize(n)));
    let who =
        l.voice.map_or("all".to_owned(), |v| sanitize(&app.doc.contributors[v].name).into_owned());
    let one = ["tag: ", &tag, " (Tab) · contributor: ", &who, " (Shift-Tab)"];
    if one.iter().map(|s| super::text::width(s)).sum::<usize>() <= width {
        let styles = [t.dim, t.help_key, t.dim, t.help_key, t.dim];
        let spans = one.iter().zip(styles).map(|(s, st)| Span::styled(s.to_string(), st));
        return vec![Line::from(spans.collect::<Vec<_>>())];
    }
    let line = |label: &str, value: &str, key: &str| {
        let room = width.saturating_sub(super::text::width(label) + super::text::width(key));
        Line::from(vec![
            Span::styled(label.to_owned(), t.dim),
            Span::styled(fit(value, room).into_owned(), t.help_key),
            Span::styled(key.to_owned(), t.dim),
        ])
    };
    vec![line("tag: ", &tag, " (Tab)"), line("contributor: ", &who, " (Shift-Tab)")]
}
