//! Drawing the agreement view: the table of tags with their figures, or one
//! tag's disagreements; scrolled to keep the cursor's row on screen; `n/a`
//! explained below the table. Nothing here changes state.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

use crate::model::agree::{Measure, Report};
use crate::model::annotations::tree;
use crate::model::count::count;
use crate::model::names;
use crate::model::sanitize::sanitize;
use crate::ui::core::Core;
use crate::ui::core::line::fit_words;
use crate::ui::core::panel::panel;
use crate::ui::core::text::{self, fit};
use crate::ui::core::{against, disagree};

use super::AgreeView;

fn shown(m: Measure, percent: bool) -> String {
    match m {
        Ok(v) if percent => format!("{:.1}%", 100.0 * v),
        Ok(v) => format!("{v:.3}"),
        Err(_) => "n/a".into(),
    }
}

/// The figures of line `i`, as the table shows them: units, both, only
/// us, only them, percent, κ, α.
pub fn figures(view: &AgreeView, i: usize) -> [String; 7] {
    let r: &Report = &view.report;
    let row = view.line(i);
    let p = row.counts.pair;
    [
        row.counts.units.to_string(),
        p.both.to_string(),
        p.only_a.to_string(),
        p.only_b.to_string(),
        shown(r.percent(row), true),
        shown(r.cohen(row), false),
        shown(r.alpha(row), false),
    ]
}

/// Why the measures of line `i` that are `n/a` are so.
fn reasons(view: &AgreeView, i: usize) -> Vec<&'static str> {
    let r = &view.report;
    let row = view.line(i);
    let mut out = Vec::new();
    for m in [r.percent(row), r.cohen(row), r.alpha(row)] {
        if let Err(why) = m
            && !out.contains(&why.reason())
        {
            out.push(why.reason());
        }
    }
    out
}

pub fn draw(view: &AgreeView, core: &Core, area: Rect, buf: &mut Buffer) {
    let them = core.against.as_deref().map_or("them", |a| a.name.as_str());
    let title = format!("Agreement with {} · by {}", sanitize(them), view.report.unit.name());
    let hints: &[&str] = if view.detail.is_some() {
        &[&title, "j/k move", "Enter go there", "Esc back to tags"]
    } else {
        &[&title, "j/k move", "Enter disagreements", "u unit", "Esc close"]
    };
    let inner = panel(core, area, hints, buf);
    if inner.height < 3 || inner.width < 10 {
        return;
    }
    match &view.detail {
        Some(_) => detail(view, core, them, inner, buf),
        None => table(view, core, them, inner, buf),
    }
}

/// The first row shown so that row `at` of `len` is on screen in `height`.
fn first_row(at: usize, height: usize) -> usize {
    at.saturating_sub(height.saturating_sub(1))
}

/// The figures' headings, on one row or (where that leaves the tag names
/// more room) split over two, and each column's width: a gap, then its
/// heading or its widest figure. One row with a gap of two when the
/// longest tag name still fits in `width` beside them, else two rows, with
/// a gap of one if that is what it takes.
pub fn columns(heads: &[&str; 7], figures: &[usize; 7], width: u16, label: usize) -> Columns {
    let split = |h: &str| match h.split_once(' ') {
        Some((top, bottom)) => [top.to_owned(), bottom.to_owned()],
        None => [String::new(), h.to_owned()],
    };
    let layout = |two: bool, gap: usize| {
        let heads: Vec<[String; 2]> = heads
            .iter()
            .map(|h| if two { split(h) } else { [String::new(), (*h).to_owned()] })
            .collect();
        let widths = heads
            .iter()
            .zip(figures)
            .map(|(h, &f)| (gap + f.max(text::width(&h[0])).max(text::width(&h[1]))) as u16)
            .collect::<Vec<_>>();
        Columns { heads, widths, rows: 1 + u16::from(two) }
    };
    let options = [layout(false, 2), layout(true, 2), layout(true, 1)];
    let room = |c: &Columns| usize::from(width.saturating_sub(c.widths.iter().sum()));
    let fits = options.iter().position(|c| room(c) >= label).unwrap_or(2);
    options.into_iter().nth(fits).expect("three layouts")
}

/// How the figures are laid out: see [`columns`].
pub struct Columns {
    /// Each column's heading, top row then bottom (the top empty on one row).
    pub heads: Vec<[String; 2]>,
    /// Each column's width in cells, its gap included.
    pub widths: Vec<u16>,
    /// Rows the headings take.
    pub rows: u16,
}

fn table(view: &AgreeView, core: &Core, them: &str, inner: Rect, buf: &mut Buffer) {
    let t = &core.theme;
    let r = &view.report;
    let only_them = format!("only {}", names::fit(&sanitize(them), 10));
    let heads = ["units", "both", "only us", only_them.as_str(), "agree", "Cohen κ", "Kripp. α"];
    let label = |i: usize| match r.tags.get(i) {
        Some(tag) => format!("{}{}", "  ".repeat(tree::depth(tag)), sanitize(tree::leaf(tag))),
        None => "(all tags)".to_owned(),
    };
    // Columns as wide as what they show; the tag names take the rest.
    let all: Vec<[String; 7]> = (0..view.lines()).map(|i| figures(view, i)).collect();
    let widest = std::array::from_fn(|c| all.iter().map(|f| text::width(&f[c])).max().unwrap_or(0));
    let longest = (0..view.lines()).map(|i| text::width(&label(i))).max().unwrap_or(0).max(3);
    let cols = columns(&heads, &widest, inner.width, longest);
    let label_w = inner.width.saturating_sub(cols.widths.iter().sum()).min(longest as u16).max(8);
    let why = reasons(view, view.row);
    let note_h = u16::from(!why.is_empty()) + 1;
    let body = usize::from(inner.height.saturating_sub(cols.rows + note_h)).max(1);
    let put_row = |buf: &mut Buffer, y: u16, label: &str, cells: &[String], style| {
        buf.set_string(inner.x, y, fit(label, usize::from(label_w)), style);
        let mut x = inner.x + label_w;
        for (cell, &w) in cells.iter().zip(&cols.widths) {
            if x + w > inner.right() {
                break;
            }
            buf.set_string(x, y, format!("{cell:>w$}", w = usize::from(w)), style);
            x += w;
        }
    };
    // The headings, then the tags from the one that keeps the cursor in view.
    let header_style = t.help_heading;
    for row in 0..cols.rows {
        let bottom = row + 1 == cols.rows;
        let cells: Vec<String> =
            cols.heads.iter().map(|h| h[usize::from(bottom)].clone()).collect();
        put_row(buf, inner.y + row, if bottom { "tag" } else { "" }, &cells, header_style);
    }
    let first = first_row(view.row, body);
    for (n, i) in (first..view.lines()).enumerate().take(body) {
        let y = inner.y + cols.rows + n as u16;
        let label = label(i);
        let mut style = if r.parent.get(i) == Some(&true) || i == r.tags.len() {
            t.text.add_modifier(Modifier::BOLD)
        } else {
            t.text
        };
        if i == view.row {
            style = style.patch(t.overlay_selected);
        }
        buf.set_string(inner.x, y, " ".repeat(usize::from(inner.width)), style);
        put_row(buf, y, &label, &all[i], style);
    }
    let mut note = format!(
        "a unit ({}) counts as coded when a highlight with the tag (or one under it) covers part of it",
        r.unit.name()
    );
    if !why.is_empty() {
        let line = format!("n/a here: {}", why.join("; "));
        let y = inner.bottom().saturating_sub(2);
        buf.set_string(inner.x, y, fit_words(&line, usize::from(inner.width)), t.info);
    }
    let orphans: usize = r.orphans.iter().sum();
    if orphans > 0 {
        note = format!(
            "{note}; {} left out",
            count(orphans, "orphaned highlight", "orphaned highlights")
        );
    }
    if r.tags.is_empty() {
        note = "neither coder has tagged anything yet".into();
    }
    buf.set_string(inner.x, inner.bottom() - 1, fit_words(&note, usize::from(inner.width)), t.dim);
}

fn detail(view: &AgreeView, core: &Core, them: &str, inner: Rect, buf: &mut Buffer) {
    let t = &core.theme;
    let Some(d) = &view.detail else { return };
    let tag = d.tag.as_deref().unwrap_or("every tag");
    // In units, as the table counts them; neighbouring units coded alike
    // are one row (a stretch), so the rows can be fewer.
    let unit = view.unit.name();
    let units: u64 = d.list.iter().map(|s| s.d.units).sum();
    let units = usize::try_from(units).unwrap_or(usize::MAX);
    let mut head = format!(
        "{} · {} coded differently",
        sanitize(tag),
        count(units, unit, &format!("{unit}s"))
    );
    if units != d.list.len() {
        head.push_str(&format!(", in {}", count(d.list.len(), "stretch", "stretches")));
    }
    buf.set_string(inner.x, inner.y, fit(&head, usize::from(inner.width)), t.help_heading);
    if d.list.is_empty() {
        let none = format!("we and {} agree on every {}", sanitize(them), view.unit.name());
        buf.set_string(inner.x, inner.y + 1, fit(&none, usize::from(inner.width)), t.info);
        return;
    }
    let body = usize::from(inner.height.saturating_sub(1)).max(1);
    let voice_w = 12usize;
    let who_w = (text::width(&sanitize(them)) + 5).clamp(8, 16);
    let first = first_row(d.row, body);
    for (n, (i, s)) in d.list.iter().enumerate().skip(first).take(body).enumerate() {
        let y = inner.y + 1 + n as u16;
        let style = if i == d.row { t.overlay_selected } else { t.text };
        let voice = sanitize(&core.doc.short_name(s.d.voice)).into_owned();
        let who = disagree::who(core, &s.d.coded);
        let room = usize::from(inner.width).saturating_sub(voice_w + who_w + 4);
        let words = against::first_words(&core.doc, s.d.voice, s.d.start, s.d.end, room.max(4));
        let tag =
            if d.tag.is_none() { format!(" [{}]", tree::leaf(&s.tag)) } else { String::new() };
        let line = format!(
            " {} {} {}{}",
            text::padded(&names::fit(&voice, voice_w), voice_w),
            text::padded(&who, who_w),
            sanitize(&words),
            sanitize(&tag),
        );
        let line = fit(&line, usize::from(inner.width)).into_owned();
        let pad = usize::from(inner.width).saturating_sub(text::width(&line));
        buf.set_string(inner.x, y, format!("{line}{}", " ".repeat(pad)), style);
    }
}
