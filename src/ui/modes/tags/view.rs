//! Drawing the tag manager: each tag with its quick key, colour, uses and
//! description, the selected one marked; nested tags as a tree, a
//! parent's uses with its branch's total (Σ). Nothing here changes state.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::model::annotations::tree;
use crate::model::sanitize::sanitize;
use crate::ui::core::Core;
use crate::ui::core::line::fit_words;
use crate::ui::core::panel::popup;
use crate::ui::core::text::{self, fit, phrases};

use super::TagManager;

pub fn draw(m: &TagManager, core: &Core, area: Rect, buf: &mut Buffer) {
    let t = &core.theme;
    let tags = core.annotations.tags();
    let rows = tree::tree(tags);
    let height = (rows.len() as u16 + 4).clamp(6, 30);
    // The keys in the title, whole ones, as many as fit (the status bar
    // has them too).
    let keys = ["Tags", "r rename", "c colour", "e describe", "1–9 key", "m merge", "x delete"];
    let title = format!(" {} ", phrases(&keys, usize::from(area.width.min(130).saturating_sub(4))));
    let inner = popup(core, area, 130, height, &title, buf);
    let uses: Vec<usize> = tags.iter().map(|tag| core.annotations.count(&tag.name)).collect();
    // A parent's uses: its own, and (Σ) its whole branch's.
    let branch = |name: &str| -> usize {
        tags.iter().zip(&uses).filter(|(t, _)| tree::within(&t.name, name)).map(|(_, &n)| n).sum()
    };
    // Nested tags as a tree: each under its parent, by its last name.
    let labels: Vec<String> =
        rows.iter().map(|n| format!("{}{}", "  ".repeat(n.depth), sanitize(n.leaf()))).collect();
    let visible = usize::from(inner.height.saturating_sub(1));
    let first = m.selected.saturating_sub(visible.saturating_sub(1));
    // The name column is as wide as the longest name, as long as a dozen
    // cells of description still fit, and 48 cells at most: one very long
    // name is cut with `…` rather than leaving every description a few
    // cells.
    let longest = labels.iter().map(|l| text::width(l)).max();
    let most = usize::from(inner.width).saturating_sub(25).clamp(30, 48);
    let name_w = longest.unwrap_or(0).clamp(3, most);
    let sums = rows.iter().any(|n| n.parent);
    let uses_w = if sums { 10 } else { 4 };
    Paragraph::new(Line::from(Span::styled(
        // Over the name, which starts inside its colour chip's leading space.
        format!("key   {:<w$}{:>u$}  description", "tag", "uses", w = name_w + 3, u = uses_w),
        t.dim,
    )))
    .render(Rect { height: 1, ..inner }, buf);
    for (i, row) in rows.iter().enumerate().skip(first).take(visible) {
        let y = inner.y + 1 + (i - first) as u16;
        let tag = row.tag.map(|k| &tags[k]);
        let indent = "  ".repeat(row.depth).chars().take(name_w).collect::<String>();
        let name = fit(&sanitize(row.leaf()), name_w - indent.len()).into_owned();
        let label = format!("{indent}{name}");
        let pad = (name_w + 2).saturating_sub(text::width(&label));
        let own = row.tag.map_or(0, |k| uses[k]);
        let count = match (row.parent, tag.is_some()) {
            (true, true) => format!("{own} Σ{}", branch(&row.name)),
            (true, false) => format!("Σ{}", branch(&row.name)),
            _ => own.to_string(),
        };
        // The indent stays unshaded; the name carries the tag's colour.
        let name_style = match tag {
            Some(tag) => t.highlight_of(Some(tag.color)),
            None => t.dim,
        };
        let mut line = Line::from(vec![
            Span::styled(
                tag.and_then(|t| t.key).map_or("   ".to_owned(), |k| format!(" {k} ")),
                t.help_key,
            ),
            Span::raw("  "),
            Span::raw(indent),
            Span::styled(format!(" {name} "), name_style),
            Span::raw(" ".repeat(pad)),
            Span::raw(format!("{count:>uses_w$}  ")),
        ]);
        let room = usize::from(inner.width).saturating_sub(line.width());
        let description = match tag {
            Some(tag) => sanitize(&tag.description).into_owned(),
            None => "(groups the tags under it)".to_owned(),
        };
        line.spans.push(Span::styled(fit_words(&description, room).into_owned(), t.dim));
        let row = Rect { y, height: 1, ..inner };
        // The selected row's shade goes under the line, so the tag keeps its
        // own colour (a recolour shows at once).
        if i == m.selected {
            buf.set_style(row, t.overlay_selected);
        }
        Paragraph::new(line).render(row, buf);
    }
}
