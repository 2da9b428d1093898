//! The connector between the two ends of the link at the cursor, when they
//! are in neighbouring panes on screen: the border between the panes is
//! drawn in the relation's colour from one end's row to the other's, with
//! a mark at each end's row.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};

use crate::model::Pos;
use crate::ui::core::pane::rows;
use crate::ui::core::rows::Row;
use crate::ui::core::{Core, Screen, links};

/// The screen row of `at` in `voice`'s pane, if it is on screen.
fn row_of(core: &Core, voice: usize, rect: Rect, at: Pos) -> Option<u16> {
    let area = core.text_area(rect);
    let v = &core.doc.voices()[voice];
    let mut rows = rows(&core.doc, v, area.width);
    let para = at.para as usize;
    let target = Row { para, line: rows.line_of(para, at.byte as usize) };
    let top = core.panes[voice].top_row(&mut rows);
    let d = rows.distance(top, target, usize::from(area.height))?;
    (d < usize::from(area.height)).then(|| area.y + d as u16)
}

pub fn draw(core: &Core, screen: &Screen, buf: &mut Buffer) {
    let Some((h, all)) = links::here(core) else { return };
    let Some(link) = links::chosen(core, &all) else { return };
    let Some(other) = link.other(&h.id).and_then(|id| core.annotations.highlight(id)) else {
        return;
    };
    if other.orphan || h.orphan || other.voice == h.voice {
        return;
    }
    let place = |voice: usize| screen.panes.iter().position(|(v, _)| *v == voice);
    let (Some(a), Some(b)) = (place(h.voice), place(other.voice)) else { return };
    if a.abs_diff(b) != 1 {
        return;
    }
    let (here_rect, there_rect) = (screen.panes[a].1, screen.panes[b].1);
    let (Some(y_here), Some(y_there)) = (
        row_of(core, h.voice, here_rect, h.start),
        row_of(core, other.voice, there_rect, other.start),
    ) else {
        return;
    };
    let color = core.annotations.relation(&link.relation).map(|r| r.color);
    let style = match color {
        Some(c) if core.theme.color => Style::new().fg(Color::Rgb(c.0, c.1, c.2)),
        _ => core.theme.gutter,
    };
    // The two border columns between the panes: the left pane's right one
    // and the right pane's left one.
    let (left, right) = if a < b { (here_rect, there_rect) } else { (there_rect, here_rect) };
    let (y_left, y_right) = if a < b { (y_here, y_there) } else { (y_there, y_here) };
    let (x_left, x_right) = (left.right().saturating_sub(1), right.x);
    let area = buf.area;
    let (top, bottom) = (y_left.min(y_right), y_left.max(y_right));
    for y in top..=bottom {
        for x in [x_left, x_right] {
            if area.contains((x, y).into()) {
                buf[(x, y)].set_style(style);
            }
        }
    }
    let mark = |buf: &mut Buffer, x: u16, y: u16| {
        if area.contains((x, y).into()) {
            buf[(x, y)].set_symbol("●").set_style(style);
        }
    };
    mark(buf, x_left, y_left);
    mark(buf, x_right, y_right);
}
