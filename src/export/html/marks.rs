//! A paragraph's text with its highlights as `<mark>`s, footnote marks and
//! link ends, shared by both layouts.
//!
//! **Link ends.** Where each end of a link ends, a small chip in the
//! relation's colour (`→ answers` at the `from` end, `← answers` at the
//! `to` end, `↔` for a relation read both ways) is an anchor
//! (`id="link-N-from"`) and a link to the other end (`href="#link-N-to"`),
//! so following one scrolls to the other; its title names the other end's
//! speaker, paragraphs and quote. A page without links has none of this.

use std::collections::HashMap;
use std::fmt::Write;

use super::{chip_style, escape, escape_into, title_into};
use crate::export::{Export, Item, LinkItem};
use crate::model::Pos;
use crate::model::annotations::Rgb;

/// For every voice and paragraph of it, the highlights on it; and where
/// noted highlights end. Worked out once, by a sweep over the items (they
/// are in document order), so the page costs the text plus the highlights,
/// not their product.
pub(super) struct Marks<'b> {
    on: Vec<Vec<Vec<&'b Item<'b>>>>,
    /// Each tag's place in the legend: its filter's number.
    tag: HashMap<&'b str, usize>,
    /// The style of a mark whose top highlight's first tag is the key (the
    /// first tag of that name in the file, as `Annotations::tag` finds it),
    /// worked out once per tag, not per mark.
    style: HashMap<&'b str, String>,
    /// The style of a mark whose top highlight has no tag.
    untagged: String,
    /// The link ends, by the voice and paragraph where their highlight ends.
    ends: HashMap<(usize, usize), Vec<End<'b>>>,
}

/// One end of a link, where its highlight ends.
pub(super) struct End<'b> {
    /// Its place in [`Export::links`].
    link: usize,
    from: bool,
    l: &'b LinkItem<'b>,
}

impl<'b> Marks<'b> {
    pub(super) fn new(e: &'b Export<'b>) -> Self {
        let doc = e.doc;
        let mut on: Vec<Vec<Vec<&Item>>> =
            doc.voices().iter().map(|v| vec![Vec::new(); v.paragraphs.len()]).collect();
        for (voice, paras) in on.iter_mut().enumerate() {
            let items: Vec<&Item> = e.items.iter().filter(|i| i.highlight.voice == voice).collect();
            let mut next = 0;
            let mut open: Vec<&Item> = Vec::new();
            for (para, here) in paras.iter_mut().enumerate() {
                while next < items.len() && items[next].highlight.start.para as usize <= para {
                    open.push(items[next]);
                    next += 1;
                }
                open.retain(|i| i.highlight.end.para as usize >= para);
                here.clone_from(&open);
            }
        }
        let tag = e.tags.iter().enumerate().map(|(i, t)| (t.name.as_str(), i)).collect();
        let mut style = HashMap::new();
        for t in e.annotations.tags() {
            style.entry(t.name.as_str()).or_insert_with(|| chip_style(t.color));
        }
        let mut ends: HashMap<(usize, usize), Vec<End>> = HashMap::new();
        for (k, l) in e.links.iter().enumerate() {
            for (from, end) in [(true, l.from), (false, l.to)] {
                let h = e.items[end].highlight;
                let at = (h.voice, h.end.para as usize);
                ends.entry(at).or_default().push(End { link: k, from, l });
            }
        }
        Self { on, tag, style, untagged: chip_style(Rgb(0xBB, 0xBB, 0xBB)), ends }
    }

    /// The classes of a mark covered by `covering`, as an attribute appended
    /// to `out`: `t<N>` for each of their tags (what the tag filters keep),
    /// then `overlap` if more than one highlight covers it.
    fn classes(&self, covering: &[&&Item], out: &mut String) {
        let mut numbers: Vec<usize> = covering
            .iter()
            .flat_map(|i| i.tags.iter().filter_map(|n| self.tag.get(n).copied()))
            .collect();
        numbers.sort_unstable();
        numbers.dedup();
        let overlap = covering.len() > 1;
        if numbers.is_empty() && !overlap {
            return;
        }
        out.push_str(" class=\"");
        for (k, n) in numbers.iter().enumerate() {
            let _ = write!(out, "{}t{n}", if k > 0 { " " } else { "" });
        }
        if overlap {
            out.push_str(if numbers.is_empty() { "overlap" } else { " overlap" });
        }
        out.push('"');
    }

    /// The highlights on paragraph `para` of `voice`.
    pub(super) fn on(&self, voice: usize, para: usize) -> &[&'b Item<'b>] {
        self.on.get(voice).and_then(|v| v.get(para)).map_or(&[], Vec::as_slice)
    }
}

/// Footnote numbers of noted highlights, by the (voice, paragraph) where
/// they end; `prefix` keeps each layout's ids apart.
pub(super) type Notes<'b> = HashMap<(usize, usize), Vec<(usize, &'b Item<'b>)>>;

/// A paragraph (or subhead) of `voice`: `<p>` or `<h4 class="head">`, its
/// time dimmed before the text, highlights marked.
pub(super) fn paragraph(
    e: &Export,
    marks: &Marks,
    notes: &Notes,
    (voice, para): (usize, usize),
    prefix: &str,
    out: &mut String,
) {
    let doc = e.doc;
    let Some(r) = doc.voices().get(voice).and_then(|v| v.paragraphs.get(para)) else { return };
    let p = doc.paragraph(r);
    let tag = if p.is_head() { "h4" } else { "p" };
    let class = if p.is_head() { " class=\"head\"" } else { "" };
    let _ = write!(out, "<{tag}{class}>");
    if !p.time().is_empty() {
        let _ = write!(out, "<span class=\"time\">{}</span> ", escape(p.time()));
    }
    let text = p.text();
    let here = marks.on(voice, para);
    let ending: &[(usize, &Item)] = notes.get(&(voice, para)).map_or(&[], Vec::as_slice);
    // Every place a highlight starts or ends in this paragraph.
    let local = |p: Pos| -> usize {
        match (p.para as usize).cmp(&para) {
            std::cmp::Ordering::Less => 0,
            std::cmp::Ordering::Greater => text.len(),
            std::cmp::Ordering::Equal => (p.byte as usize).min(text.len()),
        }
    };
    let mut cuts = vec![0, text.len()];
    let starts: Vec<usize> = here.iter().map(|i| local(i.highlight.start)).collect();
    let ends: Vec<usize> = here.iter().map(|i| local(i.highlight.end)).collect();
    cuts.extend(&starts);
    cuts.extend(&ends);
    cuts.sort_unstable();
    cuts.dedup();
    // A sweep over the cuts: the highlights covering a piece are those begun
    // at or before it and not yet ended, kept in `here`'s order (the last is
    // drawn on top). A long paragraph with many highlights costs them once
    // each, not once per piece. One ending before it starts covers nothing.
    let mut by_start: Vec<usize> = (0..here.len()).filter(|&k| starts[k] <= ends[k]).collect();
    by_start.sort_by_key(|&k| starts[k]);
    let mut by_end = by_start.clone();
    by_end.sort_by_key(|&k| ends[k]);
    let (mut begun, mut ended) = (0, 0);
    let mut active = std::collections::BTreeSet::new();
    // Footnote marks by where their highlight ends, in `ending`'s order.
    let mut notes_at: Vec<usize> = (0..ending.len()).collect();
    notes_at.sort_by_key(|&k| local(ending[k].1.highlight.end));
    let mut next_note = 0;
    // Link ends by where their highlight ends.
    let mut links: Vec<&End> =
        marks.ends.get(&(voice, para)).map_or(Vec::new(), |v| v.iter().collect());
    links.sort_by_key(|end| (local(end_of(e, end).highlight.end), end.link, !end.from));
    let mut next_link = 0;
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        while let Some(&k) = by_start.get(begun).filter(|&&k| starts[k] <= a) {
            active.insert(k);
            begun += 1;
        }
        while let Some(&k) = by_end.get(ended).filter(|&&k| ends[k] <= a) {
            active.remove(&k);
            ended += 1;
        }
        let note_end = |k: usize| local(ending[k].1.highlight.end);
        while notes_at.get(next_note).is_some_and(|&k| note_end(k) < b) {
            next_note += 1;
        }
        let Some(piece) = text.get(a..b) else { continue };
        let covering: Vec<&&Item> = active.iter().map(|&k| &here[k]).collect();
        match covering.last() {
            None => escape_into(out, piece),
            Some(top) => {
                let style =
                    top.tags.first().and_then(|n| marks.style.get(n)).unwrap_or(&marks.untagged);
                out.push_str("<mark");
                marks.classes(&covering, out);
                let _ = write!(out, " style=\"{style}\" title=\"");
                // The hover texts, a line each.
                for (k, i) in covering.iter().enumerate() {
                    if k > 0 {
                        out.push('\n');
                    }
                    title_into(out, i);
                }
                out.push_str("\">");
                escape_into(out, piece);
                out.push_str("</mark>");
            }
        }
        // A footnote mark where a noted highlight ends.
        while let Some(&k) = notes_at.get(next_note).filter(|&&k| note_end(k) == b) {
            let n = ending[k].0;
            let _ = write!(
                out,
                "<sup><a href=\"#{prefix}note-{n}\" id=\"{prefix}ref-{n}\">{n}</a></sup>"
            );
            next_note += 1;
        }
        while let Some(end) =
            links.get(next_link).filter(|x| local(end_of(e, x).highlight.end) <= b)
        {
            link_end(e, end, prefix, out);
            next_link += 1;
        }
    }
    // Any left (an empty paragraph has no pieces): at its end.
    for end in &links[next_link.min(links.len())..] {
        link_end(e, end, prefix, out);
    }
    let _ = writeln!(out, "</{tag}>");
}

/// The highlight at `end` of its link.
fn end_of<'b>(e: &'b Export, end: &End) -> &'b Item<'b> {
    &e.items[if end.from { end.l.from } else { end.l.to }]
}

/// A link end: an anchor, and a link to the other end.
fn link_end(e: &Export, end: &End, prefix: &str, out: &mut String) {
    let (this, other) = if end.from { ("from", "to") } else { ("to", "from") };
    let relation = end.l.relation;
    let arrow = match (relation.both_ways, end.from) {
        (true, _) => "↔",
        (false, true) => "→",
        (false, false) => "←",
    };
    let there = &e.items[if end.from { end.l.to } else { end.l.from }];
    let k = end.link;
    let _ = write!(
        out,
        "<sup><a class=\"link\" id=\"{prefix}link-{k}-{this}\" href=\"#{prefix}link-{k}-{other}\" style=\"{}\" title=\"",
        chip_style(relation.color)
    );
    out.push_str(arrow);
    out.push(' ');
    escape_into(out, &relation.name);
    out.push(' ');
    escape_into(out, &e.contributor(there.highlight.voice).name);
    let _ = write!(out, " ({}): “", there.paragraphs());
    let quote: String = there.highlight.quote.exact.chars().take(80).collect();
    escape_into(out, &quote);
    if there.highlight.quote.exact.chars().count() > 80 {
        out.push('…');
    }
    out.push('”');
    if !end.l.link.note.trim().is_empty() {
        out.push_str(" — ");
        escape_into(out, end.l.link.note.trim_end());
    }
    let _ = write!(out, "\">{arrow}\u{a0}");
    escape_into(out, &relation.name);
    out.push_str("</a></sup>");
}

/// The numbered notes, each linking back to its mark.
pub(super) fn list(notes: &[(usize, &Item)], prefix: &str, out: &mut String) {
    if notes.is_empty() {
        return;
    }
    out.push_str("<ol class=\"notes\">\n");
    for (n, item) in notes {
        let quote: String = item.highlight.quote.exact.chars().take(80).collect();
        let more = if item.highlight.quote.exact.chars().count() > 80 { "…" } else { "" };
        let _ = writeln!(
            out,
            "<li id=\"{prefix}note-{n}\" value=\"{n}\"><a href=\"#{prefix}ref-{n}\">↑</a> <span class=\"quote\">“{}{more}” ({})</span>\n{}</li>",
            escape(&quote),
            item.paragraphs(),
            escape(item.highlight.note.trim_end())
        );
    }
    out.push_str("</ol>\n");
}
