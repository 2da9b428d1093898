//! The frames modes are drawn in: a centred popup box, and the titled
//! panel of the analysis views (its title drops whole hint phrases to fit).
//! Nothing here changes state.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use super::Core;
use super::text::phrases;

/// A box over most of the screen, titled with the view's name and as many
/// whole hint phrases after it as fit (the status bar has the keys too);
/// returns the inside. It stops above the read-only banner and the info
/// line, so messages (what a key did) stay in view.
pub fn panel(core: &Core, area: Rect, title: &[&str], buf: &mut Buffer) -> Rect {
    let t = &core.theme;
    let bottom = core.screen().map_or(area.bottom(), |s| s.banner.y.min(s.status.y));
    let area = Rect { height: bottom.saturating_sub(area.y).max(area.height.min(3)), ..area };
    let r = Rect {
        x: area.x + area.width.min(4) / 2,
        y: area.y + area.height.min(2) / 2,
        width: area.width.saturating_sub(4).max(area.width.min(4)),
        height: area.height.saturating_sub(1).max(area.height.min(2)),
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

/// Clears a centred box of at most `w`×`h` cells, draws its border and
/// title, and returns the inside.
pub fn popup(core: &Core, area: Rect, w: u16, h: u16, title: &str, buf: &mut Buffer) -> Rect {
    let t = &core.theme;
    // Above the banner and the status lines, as a panel is: a tall popup
    // (the tag manager with many tags, scrolling) hid the mode and its
    // keys. Only a popup that fits whole by taking those rows takes them.
    let bottom = core.screen().map_or(area.bottom(), |s| s.banner.y.min(s.status.y));
    let above = Rect { height: bottom.saturating_sub(area.y).max(area.height.min(3)), ..area };
    let area = if h > above.height && h <= area.height { area } else { above };
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

/// Where a scrolled text (help, About) is after `action`: a row or a page
/// (`page` rows) down or up, the top or the end, never past `max`; `None`
/// for an action that does not scroll.
pub fn scroll_step(
    scroll: u16,
    action: &super::action::Action,
    max: u16,
    page: u16,
) -> Option<u16> {
    use super::action::Action;
    use super::pane::Motion;
    Some(match action {
        Action::Down => scroll.saturating_add(1).min(max),
        Action::Up => scroll.saturating_sub(1),
        Action::PageDown => scroll.saturating_add(page).min(max),
        Action::PageUp => scroll.saturating_sub(page),
        Action::Move(Motion::First) => 0,
        Action::Move(Motion::Last) => max,
        _ => return None,
    })
}

/// The first row to show of a list of entries, each one or more rows
/// (`starts`: where each begins), `height` rows at a time, so that the
/// chosen entry (its rows `chosen`) is in view: as low as it needs, from
/// an entry's start where that keeps it so.
pub fn first_row(starts: &[usize], chosen: std::ops::Range<usize>, height: usize) -> usize {
    let needed = chosen.end.saturating_sub(height).min(chosen.start);
    starts.iter().copied().find(|&s| s >= needed && s <= chosen.start).unwrap_or(needed)
}

/// The wheel over a scrolled text: `lines` down (or up), never past `max`.
pub fn wheel(scroll: u16, lines: i16, max: u16) -> u16 {
    if lines > 0 {
        scroll.saturating_add(lines.unsigned_abs()).min(max)
    } else {
        scroll.saturating_sub(lines.unsigned_abs())
    }
}

/// Draws `lines` scrolled by `scroll` in a focused, titled box at `rect`.
pub fn scrolled(
    core: &Core,
    rect: Rect,
    title: &str,
    lines: Vec<Line<'static>>,
    scroll: u16,
    buf: &mut Buffer,
) {
    let t = &core.theme;
    Clear.render(rect, buf);
    let block = Block::bordered()
        .border_type(t.border_type_focused)
        .border_style(t.border_focused)
        .title(Line::from(Span::styled(
            super::text::fit(title, usize::from(rect.width.saturating_sub(2))).into_owned(),
            t.pane_title_focused,
        )));
    let inner = block.inner(rect);
    block.render(rect, buf);
    ratatui::widgets::Paragraph::new(lines).scroll((scroll, 0)).render(inner, buf);
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_chosen_entry_is_in_view_from_an_entry_s_start() {
        // Entries of 2, 2, 1, 2, 1 rows; 3 rows shown.
        let starts = [0, 2, 4, 5, 7];
        assert_eq!(super::first_row(&starts, 0..2, 3), 0, "in view at the top");
        // The one-row entry above it fits too.
        assert_eq!(super::first_row(&starts, 5..7, 3), 4, "as low as needed, from a start");
        // Rows 5–7 would need the 2-row entry cut: from its start, row 5.
        assert_eq!(super::first_row(&starts, 7..8, 3), 5, "from the entry above it");
        // Shown 2 rows at a time, the chosen 2-row entry from its own start.
        assert_eq!(super::first_row(&starts, 5..7, 2), 5, "from the chosen one's start");
        // Taller than the view: its start.
        assert_eq!(super::first_row(&[0, 1], 1..9, 3), 1);
    }
}
