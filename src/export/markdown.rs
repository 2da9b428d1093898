//! The Markdown brief: title and source, the introduction, the tag ×
//! contributor table, then a section per tag (with its description) holding
//! each contributor's quotes as blockquotes with paragraph references (the
//! time the paragraph was spoken and the subhead it falls under, when there
//! are) and notes; highlights with no tag (under `(no tag)`), then the
//! links between passages (`Exchanges`: by relation, in the relation
//! codebook's order, each with both speakers and both quotes; left out
//! when there are none), and orphans last. Optionally the whole conversation as an appendix, in
//! the form `crosstalk import` reads back.
//!
//! Text from the conversation and the annotations is backslash-escaped, so
//! it reads as written on GitHub and in pandoc; bare URLs in it are written
//! as links to exactly themselves (`<https://…>`, `[www.…](<http://www.…>)`),
//! not escaped, so they stay clickable (see [`escape_links`]).

use std::collections::HashMap;
use std::fmt::Write;

mod conversation;
mod escape;

pub use conversation::{conversation, header};

pub use escape::{
    char_reference_len, escape, escape_inline, escape_links, escape_paragraph, unescape, url_spans,
};

use super::{Export, Item};
use crate::model::count::count;
use crate::model::stats::NO_TAG;

/// Marks where the conversation text starts in a brief (see [`appendix`]).
pub const CONVERSATION_MARKER: &str = "<!-- crosstalk:conversation -->";

/// What a brief's line of counts says (`4 highlights coded by Zoë · 8 tags
/// · exported by crosstalk 0.1.0`): the import of a brief without its
/// conversation knows it by this.
pub const BRIEF_MARK: &str = "exported by crosstalk";

/// A blockquote of `text`, paragraphs kept apart.
fn blockquote(text: &str) -> String {
    text.split("\n\n")
        .map(|p| escape_links(p).lines().map(|l| format!("> {l}")).collect::<Vec<_>>().join("  \n"))
        .collect::<Vec<_>>()
        .join("\n>\n")
}

/// A note as Markdown: its lines kept (hard breaks), escaped, each line's
/// indentation kept as no-break spaces (Markdown drops the leading spaces
/// of a line that goes on a paragraph; a tab is four).
fn note(text: &str) -> String {
    let escaped = escape_links(text.trim_end());
    let lines: Vec<String> = escaped
        .split('\n')
        .map(|line| {
            let body = line.trim_start_matches([' ', '\t']);
            let indent: usize = line[..line.len() - body.len()]
                .chars()
                .map(|c| if c == '\t' { 4 } else { 1 })
                .sum();
            format!("{}{body}", "\u{a0}".repeat(indent))
        })
        .collect();
    lines.join("\\\n")
}

/// For each voice and paragraph, the subhead it falls under (the nearest
/// one at or before it), if any.
fn subheads<'a>(e: &Export<'a>) -> Vec<Vec<Option<&'a str>>> {
    let doc = e.doc;
    doc.voices()
        .iter()
        .map(|v| {
            let mut under = None;
            v.paragraphs
                .iter()
                .map(|&r| {
                    let p = doc.paragraph(r);
                    if p.is_head() {
                        under = Some(p.text());
                    }
                    under
                })
                .collect()
        })
        .collect()
}

fn quote(out: &mut String, item: &Item, also: &[&str], under: &[Vec<Option<&str>>]) {
    let h = item.highlight;
    let _ = writeln!(out, "{}\n", blockquote(&h.quote.exact));
    let mut meta = vec![item.paragraphs()];
    if !item.time.is_empty() {
        meta.push(escape_links(item.time));
    }
    let head = under.get(h.voice).and_then(|v| v.get(h.start.para as usize)).copied().flatten();
    if let Some(head) = head {
        meta.push(format!("under “{}”", escape_links(&head.replace('\n', " "))));
    }
    if !also.is_empty() {
        meta.push(format!("also: {}", escape_links(&also.join(", "))));
    }
    if !h.coder.is_empty() {
        meta.push(format!("coded by {}", escape_links(&h.coder)));
    }
    let _ = writeln!(out, "— {}\n", meta.join(" · "));
    if !h.note.trim().is_empty() {
        let _ = writeln!(out, "**Note:** {}\n", note(&h.note));
    }
}

fn heading_for(e: &Export, voice: usize) -> String {
    let c = e.contributor(voice);
    if c.affiliation.is_empty() {
        escape_links(&c.name)
    } else {
        format!("{} — {}", escape_links(&c.name), escape_links(&c.affiliation))
    }
}

/// The brief.
pub fn render(e: &Export) -> String {
    render_with(e, false)
}

/// The brief, with the conversation appended if `with_text`.
pub fn render_with(e: &Export, with_text: bool) -> String {
    let doc = e.doc;
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape_links(&doc.title));
    let mut meta = Vec::new();
    if !doc.subtitle.is_empty() {
        meta.push(format!("*{}*", escape_links(&doc.subtitle)));
    }
    if !doc.date.is_empty() {
        meta.push(escape_links(&doc.date));
    }
    if !doc.source.is_empty() {
        meta.push(escape_links(&doc.source));
    }
    if !meta.is_empty() {
        let _ = writeln!(out, "{}\n", meta.join(" · "));
    }
    let coders = e.coders();
    let links = match e.links.len() {
        0 => String::new(),
        n => format!(" · {}", count(n, "link", "links")),
    };
    let _ = writeln!(
        out,
        "{}{} · {}{links} · exported by {}\n",
        count(e.items.len(), "highlight", "highlights"),
        if coders.is_empty() {
            String::new()
        } else {
            format!(" coded by {}", escape_links(&coders.join(", ")))
        },
        count(e.tags.len(), "tag", "tags"),
        e.generator
    );

    if !doc.intro.is_empty() {
        let _ = writeln!(out, "## Introduction\n");
        for p in &doc.intro {
            let _ = writeln!(out, "{}\n", escape_links(p).replace('\n', "  \n"));
        }
    }

    table(e, &mut out);
    let under = subheads(e);

    // Each tag's items by voice, in document order, gathered in one pass
    // (not a pass over every item for each tag and voice).
    let mut by_tag: HashMap<&str, HashMap<usize, Vec<&Item>>> = HashMap::new();
    for item in &e.items {
        for (k, &t) in item.tags.iter().enumerate() {
            if !item.tags[..k].contains(&t) {
                by_tag.entry(t).or_default().entry(item.highlight.voice).or_default().push(item);
            }
        }
    }
    let mut unused = Vec::new();
    for tag in &e.tags {
        let Some(voices) = by_tag.get(tag.name.as_str()) else {
            unused.push(escape_links(&tag.name));
            continue;
        };
        let _ = writeln!(out, "## {}\n", escape_links(&tag.name));
        if !tag.description.is_empty() {
            let _ = writeln!(out, "*{}*\n", escape_links(&tag.description));
        }
        for &voice in &e.voices {
            let Some(here) = voices.get(&voice) else { continue };
            let _ = writeln!(out, "### {}\n", heading_for(e, voice));
            for item in here {
                let also: Vec<&str> =
                    item.tags.iter().copied().filter(|t| *t != tag.name).collect();
                quote(&mut out, item, &also, &under);
            }
        }
    }
    if !unused.is_empty() {
        let _ = writeln!(out, "*No passages carry:* {}.\n", unused.join(", "));
    }

    let untagged: Vec<&Item> = e.items.iter().filter(|i| i.tags.is_empty()).collect();
    if !untagged.is_empty() {
        let _ = writeln!(out, "## {}\n", escape_links(NO_TAG));
        for &voice in &e.voices {
            let here: Vec<&&Item> =
                untagged.iter().filter(|i| i.highlight.voice == voice).collect();
            if here.is_empty() {
                continue;
            }
            let _ = writeln!(out, "### {}\n", heading_for(e, voice));
            for item in here {
                quote(&mut out, item, &[], &under);
            }
        }
    }

    exchanges(e, &mut out);

    if !e.orphans.is_empty() {
        let _ = writeln!(
            out,
            "## Not found in the text\n\nThe conversation changed and these passages could not be found again; they are kept as they were quoted.\n"
        );
        for h in &e.orphans {
            let _ = writeln!(out, "{}\n", blockquote(&h.quote.exact));
            let mut meta =
                vec![format!("was in {}’s section", escape_links(&e.contributor(h.voice).name))];
            if !h.tags.is_empty() {
                meta.push(format!("tags: {}", escape_links(&h.tags.join(", "))));
            }
            let _ = writeln!(out, "— {}\n", meta.join(" · "));
            if !h.note.trim().is_empty() {
                let _ = writeln!(out, "**Note:** {}\n", note(&h.note));
            }
        }
    }

    if with_text {
        out.push_str(&appendix(e));
    }
    out
}

/// The links, by relation in the codebook's order: for each, who said
/// what (speaker, paragraphs, quote), the relation, and to whom and what;
/// then the note and the coder. Nothing when there are no links.
fn exchanges(e: &Export, out: &mut String) {
    let groups = e.links_by_relation();
    if groups.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Exchanges\n");
    for (relation, links) in groups {
        let _ = writeln!(out, "### {}\n", escape_links(&relation.name));
        if !relation.description.trim().is_empty() {
            let _ = writeln!(out, "*{}*\n", escape_links(relation.description.trim()));
        }
        let arrow = if relation.both_ways { "↔" } else { "→" };
        for l in links {
            let (from, to) = (&e.items[l.from], &e.items[l.to]);
            let speaker = |item: &Item| {
                format!(
                    "**{}** ({})",
                    escape_links(&e.contributor(item.highlight.voice).name),
                    item.paragraphs()
                )
            };
            let _ = writeln!(out, "{}:\n", speaker(from));
            let _ = writeln!(out, "{}\n", blockquote(&from.highlight.quote.exact));
            let _ = writeln!(out, "{arrow} *{}* {}:\n", escape_links(&relation.name), speaker(to));
            let _ = writeln!(out, "{}\n", blockquote(&to.highlight.quote.exact));
            if !l.link.note.trim().is_empty() {
                let _ = writeln!(out, "**Note:** {}\n", note(&l.link.note));
            }
            if !l.link.coder.is_empty() {
                let _ = writeln!(out, "— linked by {}\n", escape_links(&l.link.coder));
            }
        }
    }
}

/// `text` for a table cell: URLs as links ([`escape_links`]) unless a `|`
/// is in it, which a link could not keep from ending the cell.
fn cell(text: &str) -> String {
    if text.contains('|') { escape(text) } else { escape_links(text) }
}

/// The tag × contributor table: highlight counts, then the share of each
/// contributor's words coded.
fn table(e: &Export, out: &mut String) {
    let m = e.matrix();
    let surname = |voice: usize| cell(&e.doc.short_name(voice));
    let _ = writeln!(out, "## Tags × contributors\n");
    let _ = write!(out, "| tag |");
    for &v in &e.voices {
        let _ = write!(out, " {} |", surname(v));
    }
    let _ = writeln!(out, " total |");
    let _ = write!(out, "|---|");
    for _ in &e.voices {
        let _ = write!(out, "--:|");
    }
    let _ = writeln!(out, "--:|");
    // Rows in tree order: a parent's counts include the tags under it.
    for (row, name) in m.tags.iter().enumerate() {
        let tagged = e.tags.iter().any(|t| &t.name == name);
        let label = if tagged { cell(name) } else { format!("*{}*", escape(name)) };
        let _ = write!(out, "| {label} |");
        for &v in &e.voices {
            let _ = write!(out, " {} |", m.cells[row][v].highlights);
        }
        let _ = writeln!(out, " {} |", m.row_total(row));
    }
    let _ = write!(out, "| *all highlights* |");
    for &v in &e.voices {
        let _ = write!(out, " {} |", m.all[v].highlights);
    }
    let _ = writeln!(out, " {} |", e.items.len());
    let _ = write!(out, "| *share of words coded* |");
    for &v in &e.voices {
        let _ = write!(out, " {:.1}% |", 100.0 * m.share(m.all[v], v));
    }
    let _ = writeln!(out, " |\n");
    if m.parent.contains(&true) {
        let _ = writeln!(
            out,
            "A parent tag's row (`parent` above `parent/child`) counts its own highlights and those of every tag under it, each once.\n"
        );
    }
}

/// The conversation itself, in the Markdown form `crosstalk import` reads:
/// after [`CONVERSATION_MARKER`], `# Title`, metadata lines, then a `## Name`
/// heading for each section and its paragraphs.
pub fn appendix(e: &Export) -> String {
    let doc = e.doc;
    let mut out = String::new();
    let _ = writeln!(out, "---\n\n{CONVERSATION_MARKER}\n");
    out.push_str(&conversation(doc));
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_notes_indentation_is_kept_as_no_break_spaces() {
        let n = super::note("first\n    indented code\n\tand a tab\nlast  ");
        assert_eq!(
            n,
            "first\\\n\u{a0}\u{a0}\u{a0}\u{a0}indented code\\\n\u{a0}\u{a0}\u{a0}\u{a0}and a tab\\\nlast"
        );
        // Rendered, the spaces are there (GFM keeps no-break spaces).
        let html = comrak::markdown_to_html(&n, &comrak::Options::default());
        assert!(html.contains("\u{a0}\u{a0}\u{a0}\u{a0}indented code"), "{html}");
    }
}
