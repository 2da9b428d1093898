//! The help overlay (`?`): every binding of every context, generated from
//! the [keymap](super::keymap::KEYMAP), laid out for the terminal's width —
//! descriptions wrap beside their keys, or under them when the screen is
//! narrow — and scrolled with `j`/`k` (or the wheel) no further than its end.

use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};

use super::app::App;
use super::keymap::{self, Context, KEYMAP};
use super::text;

/// The widest the overlay gets (a description on one line beside its keys).
fn natural_width() -> u16 {
    let key_width = KEYMAP.iter().map(|b| text::width(&keymap::keys_label(b))).max().unwrap_or(0);
    let description = KEYMAP.iter().map(|b| text::width(b.description)).max().unwrap_or(0);
    u16::try_from(key_width + description + 6).unwrap_or(u16::MAX)
}

/// The help's rows at `width` cells (inside the border).
pub fn lines(app: &App, width: u16) -> Vec<Line<'static>> {
    let t = &app.theme;
    let key_width = KEYMAP.iter().map(|b| text::width(&keymap::keys_label(b))).max().unwrap_or(0);
    // Beside the keys when that leaves the description room; under them if not.
    let beside = usize::from(width) >= key_width + 4 + 24;
    let indent = if beside { key_width + 4 } else { 4 };
    let room = u16::try_from(usize::from(width).saturating_sub(indent)).unwrap_or(1).max(1);
    let mut lines = Vec::new();
    for context in Context::ALL {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        let mut heading = context.title().to_owned();
        heading[..1].make_ascii_uppercase();
        lines.push(Line::from(Span::styled(heading, t.help_heading)));
        for b in KEYMAP.iter().filter(|b| b.context == context) {
            let label = keymap::keys_label(b);
            let wrapped: Vec<String> = text::wrap(b.description, room)
                .iter()
                .map(|l| b.description[l.start as usize..l.end as usize].to_owned())
                .collect();
            let mut rest = wrapped.into_iter();
            if beside {
                let pad = key_width - text::width(&label);
                let first = rest.next().unwrap_or_default();
                lines.push(Line::from(vec![
                    Span::styled(format!("  {label}{}  ", " ".repeat(pad)), t.help_key),
                    Span::raw(first),
                ]));
            } else {
                lines.push(Line::from(Span::styled(format!("  {label}"), t.help_key)));
            }
            for more in rest {
                lines.push(Line::from(format!("{}{more}", " ".repeat(indent))));
            }
        }
    }
    lines
}

/// The overlay's box in `area`, and its rows.
pub fn layout(app: &App, area: Rect) -> (Rect, Vec<Line<'static>>) {
    let width = natural_width().min(area.width);
    let lines = lines(app, width.saturating_sub(2));
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX).min(area.height);
    // Centred as every popup is.
    let [r] = Layout::horizontal([Constraint::Length(width)]).flex(Flex::Center).areas(area);
    let [r] = Layout::vertical([Constraint::Length(height)]).flex(Flex::Center).areas(r);
    (r, lines)
}

/// How far the help scrolls at the current size: its last row at the bottom.
pub fn max_scroll(app: &App) -> u16 {
    let (rect, lines) = layout(app, Rect::new(0, 0, app.size.0, app.size.1));
    u16::try_from(lines.len()).unwrap_or(u16::MAX).saturating_sub(rect.height.saturating_sub(2))
}
