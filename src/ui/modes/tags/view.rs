//! Drawing the tag manager: each tag with its quick key, colour, uses and
//! description, the selected one marked. Nothing here changes state.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::model::sanitize::sanitize;
use crate::ui::core::Core;
use crate::ui::core::panel::popup;
use crate::ui::core::text::{self, fit, phrases};

use super::TagManager;

pub fn draw(m: &TagManager, core: &Core, area: Rect, buf: &mut Buffer) {
    let t = &core.theme;
    let tags = core.annotations.tags();
    let height = (tags.len() as u16 + 4).clamp(6, 30);
    // The keys in the title, whole ones, as many as fit (the status bar
    // has them too).
    let keys = ["Tags", "r rename", "c colour", "e describe", "1–9 key", "m merge", "x delete"];
    let title = format!(" {} ", phrases(&keys, usize::from(area.width.min(130).saturating_sub(4))));
    let inner = popup(core, area, 130, height, &title, buf);
    let counts: Vec<usize> = tags.iter().map(|tag| core.annotations.count(&tag.name)).collect();
    let visible = usize::from(inner.height.saturating_sub(1));
    let first = m.selected.saturating_sub(visible.saturating_sub(1));
    // The name column is as wide as the longest name, as long as a dozen
    // cells of description still fit; only then is a name cut.
    let longest = tags.iter().map(|tag| text::width(&sanitize(&tag.name))).max();
    let name_w = longest.unwrap_or(0).clamp(3, usize::from(inner.width).saturating_sub(25).max(30));
    Paragraph::new(Line::from(Span::styled(
        format!("key  {:<w$}uses  description", "tag", w = name_w + 4),
        t.dim,
    )))
    .render(Rect { height: 1, ..inner }, buf);
    for (i, tag) in tags.iter().enumerate().skip(first).take(visible) {
        let y = inner.y + 1 + (i - first) as u16;
        let name = fit(&sanitize(&tag.name), name_w).into_owned();
        let pad = (name_w + 2).saturating_sub(text::width(&name));
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
        // The selected row's shade goes under the line, so the tag keeps its
        // own colour (a recolour shows at once).
        if i == m.selected {
            buf.set_style(row, t.overlay_selected);
        }
        Paragraph::new(line).render(row, buf);
    }
}
