//! A self-contained HTML page: no scripts, no network. The introduction,
//! then the conversation in two layouts, switched without scripts by two
//! radio buttons: side by side (a column per contributor in scope, the
//! default) or in turn order (one column, each turn under its speaker's
//! name in their colour). Highlights are coloured by their first tag
//! (underlined where two overlap, tags and note on hover), notes are
//! numbered footnotes, subheads are headings, times are shown dimmed before
//! their paragraph; a tag legend and the tag × contributor table come first.
//! Each end of a link between passages leads to the other (see `html/marks.rs`).
//! Every piece of text is HTML-escaped, with control and bidi characters
//! shown as visible placeholders.
//!
//! The page fits any screen from a phone's 360 px up, without a horizontal
//! scrollbar: the columns wrap into rows as the window narrows (each at
//! least 15rem, never wider than the page), and below 40rem they become
//! one column with a switcher of radio buttons labelled with the voices'
//! names (CSS `:checked`, so it works without scripts and from the
//! keyboard). Text wraps anywhere a line would otherwise overflow (URLs,
//! CJK runs, long words), and nothing has a fixed width. A tag's chip in
//! the legend or the table labels a checkbox: checked, only the marks with
//! that tag keep their colour (several checked: the marks that have them
//! all). `scripts/html-widths.py` lays the page out in headless Chromium at
//! seven widths; `tests/html_layout.rs` checks the rules that make it fit.

use std::fmt::Write;

mod layouts;
mod marks;

use super::{Export, Item};
use crate::model::annotations::Rgb;
use crate::model::count::count;
use crate::model::sanitize::{PLACEHOLDER, is_unsafe, placeholder};
use crate::model::stats::NO_TAG;

/// `text` safe in HTML text and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

/// The bytes [`escape_into`] looks at: those it replaces and the lead
/// bytes of the unsafe characters beyond ASCII.
const SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b != b'\n' as usize && b != b'\t' as usize;
        b += 1;
    }
    let others = [b'&', b'<', b'>', b'"', b'\'', 0x7f, 0xc2, 0xd8, 0xe2];
    let mut k = 0;
    while k < others.len() {
        table[others[k] as usize] = true;
        k += 1;
    }
    table
};

/// [`escape`] appended to `out`: the runs that need nothing copied whole.
pub fn escape_into(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if !SPECIAL[b as usize] {
            i += 1;
            continue;
        }
        let width = match b {
            b'&' | b'<' | b'>' | b'"' | b'\'' | 0..=0x1f | 0x7f => 1,
            // The lead bytes of every unsafe character beyond ASCII (C1
            // controls, U+061C, the bidi controls, U+2028 and U+2029).
            0xc2 | 0xd8 | 0xe2 => match text[i..].chars().next() {
                Some(c) if is_unsafe(c) => c.len_utf8(),
                _ => 0,
            },
            _ => 0,
        };
        if width == 0 || b == b'\n' || b == b'\t' {
            i += 1;
            continue;
        }
        out.push_str(&text[run..i]);
        match b {
            b'&' => out.push_str("&amp;"),
            b'<' => out.push_str("&lt;"),
            b'>' => out.push_str("&gt;"),
            b'"' => out.push_str("&quot;"),
            b'\'' => out.push_str("&#39;"),
            // Controls other than tab and newline are not allowed in HTML,
            // and bidi controls would reorder the text around them (Trojan
            // Source): they show as the reader shows them, `␛` or `�`.
            _ => {
                let c = text[i..].chars().next().unwrap_or(PLACEHOLDER);
                out.push(placeholder(c).unwrap_or(PLACEHOLDER));
            }
        }
        i += width;
        run = i;
    }
    out.push_str(&text[run..]);
}

const STYLE: &str = r#"
:root { color-scheme: light; --ink: #1d1d1f; --muted: #6e6e73; --rule: #d2d2d7; }
* { box-sizing: border-box; }
body { margin: 0; padding: 1.5rem; font: 16px/1.55 Georgia, "Times New Roman", serif; color: var(--ink); background: #fbfbfd; overflow-wrap: anywhere; }
header h1 { margin: 0 0 .2rem; font-size: 1.6rem; }
header p { margin: .1rem 0; color: var(--muted); font-family: system-ui, sans-serif; font-size: .9rem; }
h2 { font-family: system-ui, sans-serif; font-size: 1.05rem; margin: 1.5rem 0 .5rem; }
.legend { display: flex; flex-wrap: wrap; gap: .4rem .8rem; padding: 0; list-style: none; font-family: system-ui, sans-serif; font-size: .85rem; }
.legend li { display: flex; flex-wrap: wrap; gap: 0 .4rem; align-items: baseline; min-width: 0; max-width: 100%; }
.chip { display: inline-block; max-width: 100%; padding: 0 .4rem; border-radius: .2rem; }
label.chip { cursor: pointer; }
.legend .about { color: var(--muted); min-width: 0; }
p.hint { margin: 0 0 .5rem; color: var(--muted); font-family: system-ui, sans-serif; font-size: .8rem; }
input.filter, input.layout, input.pick { position: absolute; opacity: 0; width: 1px; height: 1px; margin: 0; }
table { border-collapse: collapse; max-width: 100%; font-family: system-ui, sans-serif; font-size: .85rem; }
th, td { border-bottom: 1px solid var(--rule); padding: .25rem .6rem; text-align: right; }
th:first-child, td:first-child { text-align: left; }
.debate { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 15rem), 1fr)); gap: 1.5rem; align-items: start; }
.voice, .turn { min-width: 0; border-top: 3px solid var(--voice, var(--ink)); padding-top: .5rem; }
.turns { max-width: 44rem; }
.turn { margin-bottom: 1rem; }
.turn h3 { margin: 0 0 .3rem; font-family: system-ui, sans-serif; font-size: .95rem; color: var(--voice, var(--ink)); }
.intro { max-width: 44rem; }
h4.head { font-family: system-ui, sans-serif; font-size: .95rem; margin: 1rem 0 .5rem; }
.time { color: var(--muted); font-family: system-ui, sans-serif; font-size: .75rem; }
nav.layouts, nav.voices { display: flex; flex-wrap: wrap; gap: .4rem; font-family: system-ui, sans-serif; font-size: .9rem; margin: 0 0 1rem; }
nav.layouts label, nav.voices label { cursor: pointer; padding: .1rem .5rem; border: 1px solid var(--rule); border-radius: .2rem; max-width: 100%; }
#layout-voices:checked ~ nav label[for=layout-voices], #layout-turns:checked ~ nav label[for=layout-turns] { background: var(--ink); color: #fff; }
#layout-voices:focus-visible ~ nav label[for=layout-voices], #layout-turns:focus-visible ~ nav label[for=layout-turns] { outline: 2px solid var(--ink); outline-offset: 2px; }
#layout-voices:checked ~ #turns, #layout-turns:checked ~ #voices { display: none; }
nav.voices, input.pick { display: none; }
.voice h3 { margin: 0; font-family: system-ui, sans-serif; font-size: 1rem; }
.voice .affiliation { margin: 0 0 .8rem; color: var(--muted); font-family: system-ui, sans-serif; font-size: .85rem; }
.voice p { margin: 0 0 .9rem; }
mark { color: inherit; padding: .05rem 0; border-radius: .15rem; }
mark.overlap { text-decoration: underline; text-decoration-thickness: 2px; }
sup a { font-family: system-ui, sans-serif; font-size: .7rem; text-decoration: none; }
ol.notes { font-size: .85rem; color: var(--ink); padding-left: 1.2rem; border-top: 1px solid var(--rule); padding-top: .5rem; }
ol.notes li { margin-bottom: .5rem; white-space: pre-wrap; }
ol.notes .quote { color: var(--muted); }
@media (max-width: 40rem) {
body { padding: .75rem; }
th, td { padding: .2rem .3rem; }
input.pick { display: inline; }
#layout-voices:checked ~ nav.voices { display: flex; }
#layout-turns:checked ~ input.pick { display: none; }
}
@media print { .debate { grid-template-columns: 1fr; } nav, input { display: none !important; } .debate > .voice { display: block !important; } }
"#;

pub(super) fn chip_style(c: Rgb) -> String {
    let fg = if c.dark_text() { "#000" } else { "#fff" };
    format!("background:{c};color:{fg}")
}

/// The page.
pub fn render(e: &Export) -> String {
    let doc = e.doc;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"{}\">\n<title>{}</title>\n<style>{STYLE}{}</style>\n</head>\n<body>",
        escape(&e.generator),
        escape(&doc.title),
        page_rules(e)
    );
    let _ = writeln!(out, "<header>\n<h1>{}</h1>", escape(&doc.title));
    let mut meta = Vec::new();
    if !doc.subtitle.is_empty() {
        meta.push(escape(&doc.subtitle));
    }
    if !doc.date.is_empty() {
        meta.push(escape(&doc.date));
    }
    if !meta.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", meta.join(" · "));
    }
    if !doc.source.is_empty() {
        let source = escape(&doc.source);
        let link = doc.source.starts_with("https://") || doc.source.starts_with("http://");
        let _ = match link {
            true => writeln!(out, "<p>Source: <a href=\"{source}\">{source}</a></p>"),
            false => writeln!(out, "<p>Source: {source}</p>"),
        };
    }
    let coders = e.coders();
    let _ = writeln!(
        out,
        "<p>{}{} · exported by {}</p>\n</header>",
        count(e.items.len(), "highlight", "highlights"),
        if coders.is_empty() {
            String::new()
        } else {
            format!(" coded by {}", escape(&coders.join(", ")))
        },
        escape(&e.generator)
    );

    legend(e, &mut out);
    table(e, &mut out);

    intro(e, &mut out);
    let marks = marks::Marks::new(e);
    let _ = writeln!(
        out,
        "<h2>The conversation</h2>\n<main>\n<input type=\"radio\" class=\"layout\" name=\"layout\" id=\"layout-voices\" checked>\n<input type=\"radio\" class=\"layout\" name=\"layout\" id=\"layout-turns\">{}\n<nav class=\"layouts\" aria-label=\"Layout\"><label for=\"layout-voices\">Side by side</label> <label for=\"layout-turns\">In turn order</label></nav>",
        picks(e)
    );
    switcher(e, &mut out);
    layouts::voices(e, &marks, &mut out);
    layouts::turns(e, &marks, &mut out);
    let _ = writeln!(out, "</main>\n</body>\n</html>");
    out
}

/// The voice switcher's radio buttons (one per contributor in scope, the
/// first checked, then "all"), before the navigation that labels them and
/// the columns they choose from; the switcher shows on narrow screens only.
fn picks(e: &Export) -> String {
    let mut out = String::new();
    if e.voices.len() < 2 {
        return out;
    }
    for k in 0..e.voices.len() {
        let checked = if k == 0 { " checked" } else { "" };
        let _ = write!(
            out,
            "\n<input type=\"radio\" class=\"pick\" name=\"voice\" id=\"pick-{k}\"{checked}>"
        );
    }
    out.push_str("\n<input type=\"radio\" class=\"pick\" name=\"voice\" id=\"pick-all\">");
    out
}

/// The labels of the voice switcher, each voice's name in its colour.
fn switcher(e: &Export, out: &mut String) {
    if e.voices.len() < 2 {
        return;
    }
    out.push_str("<nav class=\"voices\" aria-label=\"Voice shown\">");
    for (k, &v) in e.voices.iter().enumerate() {
        let _ = write!(
            out,
            "<label for=\"pick-{k}\" style=\"border-color:{}\">{}</label> ",
            layouts::voice_color(v),
            escape(&e.contributor(v).name)
        );
    }
    out.push_str("<label for=\"pick-all\">All voices</label></nav>\n");
}

/// The rules that name each tag's filter and each voice's switch: a
/// checked filter clears the colour of every mark without its tag; a
/// checked voice hides the other columns on a narrow screen. With links,
/// the style of their ends (the one they lead to outlined).
fn page_rules(e: &Export) -> String {
    let mut out = String::new();
    if !e.links.is_empty() {
        out.push_str(
            "a.link { padding: 0 .25rem; border-radius: .2rem; margin-left: .15rem; text-decoration: none; }\na.link:target { outline: 2px solid var(--ink); outline-offset: 1px; }\n",
        );
    }
    let tags = 0..e.tags.len();
    if !e.tags.is_empty() {
        let _ = writeln!(
            out,
            "{} {{ background: transparent !important; color: inherit !important; text-decoration: none; }}",
            all_of(|i| format!("#only-{i}:checked ~ main mark:not(.t{i})"), tags.clone())
        );
        let _ = writeln!(
            out,
            "{} {{ box-shadow: 0 0 0 2px var(--ink); }}",
            all_of(|i| format!("#only-{i}:checked ~ * label[for=only-{i}]"), tags.clone())
        );
        let _ = writeln!(
            out,
            "{} {{ content: \" ✓\"; }}",
            all_of(|i| format!("#only-{i}:checked ~ * label[for=only-{i}]::after"), tags.clone())
        );
        let _ = writeln!(
            out,
            "{} {{ outline: 2px dashed var(--ink); outline-offset: 2px; }}",
            all_of(|i| format!("#only-{i}:focus-visible ~ * label[for=only-{i}]"), tags)
        );
    }
    let voices = 0..e.voices.len();
    if e.voices.len() > 1 {
        let _ = writeln!(
            out,
            "{} {{ background: var(--ink); color: #fff; }}",
            all_of(|k| format!("#pick-{k}:checked ~ nav label[for=pick-{k}]"), voices.clone())
                + ",\n#pick-all:checked ~ nav label[for=pick-all]"
        );
        let _ = writeln!(
            out,
            "{} {{ outline: 2px solid var(--ink); outline-offset: 2px; }}",
            all_of(
                |k| format!("#pick-{k}:focus-visible ~ nav label[for=pick-{k}]"),
                voices.clone()
            ) + ",\n#pick-all:focus-visible ~ nav label[for=pick-all]"
        );
        let _ = writeln!(
            out,
            "@media (max-width: 40rem) {{\n{} {{ display: none; }}\n}}",
            all_of(
                |k| format!("#pick-{k}:checked ~ #voices > .voice:not(:nth-child({}))", k + 1),
                voices
            )
        );
    }
    out
}

/// The selectors `f(0)`, `f(1)`, … for `n`, a line each, comma-separated.
fn all_of(f: impl Fn(usize) -> String, n: std::ops::Range<usize>) -> String {
    n.map(f).collect::<Vec<_>>().join(",\n")
}

/// The introduction, if there is one: paragraphs nobody speaks.
fn intro(e: &Export, out: &mut String) {
    if e.doc.intro.is_empty() {
        return;
    }
    let _ = writeln!(out, "<h2>Introduction</h2>\n<section class=\"intro\">");
    for p in &e.doc.intro {
        let _ = writeln!(out, "<p>{}</p>", escape(p));
    }
    let _ = writeln!(out, "</section>");
}

fn legend(e: &Export, out: &mut String) {
    if e.tags.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<h2>Tags</h2>\n<p class=\"hint\">Select a tag to show only its highlights, again to show all; select several to see where they overlap.</p>"
    );
    // The filters: a checkbox per tag, before everything they change (CSS
    // reaches only later siblings), labelled by the tag's chips; named once
    // for a screen reader (two chips would name it twice).
    for (i, t) in e.tags.iter().enumerate() {
        let _ = writeln!(
            out,
            "<input type=\"checkbox\" class=\"filter\" id=\"only-{i}\" aria-label=\"only {}\">",
            escape(&t.name)
        );
    }
    let _ = writeln!(out, "<ul class=\"legend\">");
    for (i, t) in e.tags.iter().enumerate() {
        let _ = writeln!(
            out,
            "<li><label class=\"chip\" for=\"only-{i}\" style=\"{}\">{}</label><span class=\"about\">{}</span></li>",
            chip_style(t.color),
            escape(&t.name),
            escape(&t.description)
        );
    }
    let _ = writeln!(out, "</ul>");
}

fn table(e: &Export, out: &mut String) {
    let m = e.matrix();
    let _ = writeln!(out, "<h2>Tags × contributors</h2>\n<table>\n<thead><tr><th>tag</th>");
    for &v in &e.voices {
        let _ = write!(out, "<th>{}</th>", escape(&e.contributor(v).name));
    }
    let _ = writeln!(out, "<th>total</th></tr></thead>\n<tbody>");
    // Rows in tree order: a parent's counts include the tags under it; a
    // parent that is not a tag itself, and the untagged row, have no chip.
    for (row, name) in m.tags.iter().enumerate() {
        match e.tags.iter().position(|t| &t.name == name) {
            Some(i) => {
                let t = e.tags[i];
                let _ = write!(
                    out,
                    "<tr><td><label class=\"chip\" for=\"only-{i}\" style=\"{}\">{}</label></td>",
                    chip_style(t.color),
                    escape(&t.name)
                );
            }
            None => {
                let _ = write!(out, "<tr><td><em>{}</em></td>", escape(name));
            }
        }
        for &v in &e.voices {
            let _ = write!(out, "<td>{}</td>", m.cells[row][v].highlights);
        }
        let _ = writeln!(out, "<td>{}</td></tr>", m.row_total(row));
    }
    let _ = write!(out, "<tr><td><em>all highlights</em></td>");
    for &v in &e.voices {
        let _ = write!(out, "<td>{}</td>", m.all[v].highlights);
    }
    let _ = writeln!(out, "<td>{}</td></tr>", e.items.len());
    let _ = write!(out, "<tr><td><em>share of words coded</em></td>");
    for &v in &e.voices {
        let _ = write!(out, "<td>{:.1}%</td>", 100.0 * m.share(m.all[v], v));
    }
    let _ = writeln!(out, "<td></td></tr>\n</tbody>\n</table>");
}

/// The hover text of a highlight, its tags then its note, escaped and
/// appended to `out`.
pub(super) fn title_into(out: &mut String, item: &Item) {
    if item.tags.is_empty() {
        escape_into(out, NO_TAG);
    }
    for (k, tag) in item.tags.iter().enumerate() {
        if k > 0 {
            out.push_str(", ");
        }
        escape_into(out, tag);
    }
    if !item.highlight.note.trim().is_empty() {
        out.push_str(" — ");
        escape_into(out, &item.highlight.note);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The escaping as first written, a character at a time: the reference.
    fn escape_by_char(text: &str) -> String {
        let mut out = String::new();
        for c in text.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                '\'' => out.push_str("&#39;"),
                '\n' | '\t' => out.push(c),
                c if is_unsafe(c) => out.push(placeholder(c).unwrap_or(PLACEHOLDER)),
                c => out.push(c),
            }
        }
        out
    }

    #[test]
    fn escape_matches_the_character_at_a_time_reference() {
        // Every character up to U+2100 and around the bidi controls, alone
        // and between others, and mixed text.
        let chars = (0..0x2100).chain(0x2000..0x2200).chain(0xfff0..0x10000).chain([0x1f600]);
        let mut cases: Vec<String> = Vec::new();
        for c in chars.filter_map(char::from_u32) {
            cases.push(c.to_string());
            cases.push(format!("a{c}b{c}"));
        }
        cases.push(String::new());
        cases.push("Naïve <b>&amp;</b> 'q' \"q\" \u{202e}rev\u{202c} \u{1b}[31m 数据 👨\u{200d}👩 e\u{301}\u{85}\u{61c}".into());
        for s in cases {
            assert_eq!(escape(&s), escape_by_char(&s), "{s:?}");
        }
    }
}
