//! A conversation as import-ready Markdown: what `crosstalk import` reads
//! back byte for byte (see [`conversation`]).

use std::collections::HashMap;
use std::fmt::Write;

use super::escape::{escape_inline, escape_paragraph};
use crate::import::{KNOWN_KEYS, header_line, speaker_label};
use crate::model::{Conversation, Role};

/// `c` as a numeric character reference.
fn reference(c: char) -> String {
    format!("&#{};", u32::from(c))
}

/// A metadata key the reader takes for a key, and for no other: letters and
/// digits as they are, spaces too in a short key, the rest as character
/// references; a key that is a known one (`Date`) gets its first letter as
/// a reference, so it stays metadata.
fn key(k: &str) -> String {
    let spaces = k.split(' ').count() <= 4 && !k.starts_with(' ') && !k.ends_with(' ');
    let spaces = spaces && !k.contains("  ");
    let mut out = String::with_capacity(k.len());
    for (i, c) in k.chars().enumerate() {
        let literal = c.is_alphanumeric()
            || (c == ' ' && spaces)
            || (i > 0 && matches!(c, '-' | '\'' | '/' | '(' | ')'));
        match literal {
            true => out.push(c),
            false => out.push_str(&reference(c)),
        }
    }
    if KNOWN_KEYS.contains(&out.as_str())
        && let Some(first) = k.chars().next()
    {
        out = reference(first) + &out[first.len_utf8()..];
    }
    out
}

/// A time for a `<!-- TIME -->` comment: no spaces, no `-`, nothing to
/// escape; never the comment that marks a brief's conversation
/// ([`super::CONVERSATION_MARKER`]), which would split the file there.
fn time(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    for (i, c) in t.chars().enumerate() {
        let plain = c.is_ascii_alphanumeric() || matches!(c, ':' | '.' | ',' | '_' | '+' | '/');
        match plain && !(i == 0 && super::CONVERSATION_MARKER == format!("<!-- {t} -->")) {
            true => out.push(c),
            false => out.push_str(&reference(c)),
        }
    }
    out
}

/// `escaped` with its first line's speaker label defused (`Q&#58; text`), so
/// a paragraph that opens like a Q&A turn is not read as one.
fn no_label(mut escaped: String) -> String {
    loop {
        let first = escaped.lines().next().unwrap_or("");
        let Some(label) = speaker_label(first) else { return escaped };
        let colon = label.colon;
        let Some(c) = escaped[colon..].chars().next().filter(|c| matches!(c, ':' | '：')) else {
            return escaped;
        };
        escaped.replace_range(colon..colon + c.len_utf8(), &reference(c));
    }
}

/// `escaped` (an introduction paragraph) with its first colon as a
/// reference if it would read as header lines.
fn no_header(mut escaped: String) -> String {
    let known = |l: &str| header_line(l).is_some_and(|(k, _)| KNOWN_KEYS.contains(&k));
    if escaped.lines().all(known)
        && let Some(at) = escaped.find(':')
    {
        escaped.replace_range(at..at + 1, &reference(':'));
    }
    escaped
}

/// A conversation as import-ready Markdown. Every field and paragraph is
/// escaped so that importing gives it back byte for byte:
///
/// - after `# Title`, header lines: `Id`, `Subtitle`, `Source`, `Date`, a
///   `Moderator:` / `Respondent: id (Name; Affiliation)` line per
///   contributor, `Short: id Short name` for each short name, then the
///   metadata as `Key: value`;
/// - the introduction's paragraphs;
/// - a `## Name` heading per section (`## Lee <!-- lee-2 -->`, invisible
///   when rendered, when another contributor has the same name), its
///   paragraphs, subheads as `### Text`, and a paragraph's time on a line
///   of its own before it, `<!-- 00:01:02 -->` (invisible when rendered).
pub fn conversation(doc: &Conversation) -> String {
    let mut out = header(doc);
    let mut names: HashMap<&str, usize> = HashMap::new();
    for c in &doc.contributors {
        *names.entry(c.name.as_str()).or_default() += 1;
    }
    for s in &doc.sections {
        let c = &doc.contributors[s.contributor];
        let shared = names.get(c.name.as_str()).is_some_and(|&n| n > 1);
        match shared {
            true => {
                let _ = writeln!(out, "## {} <!-- {} -->\n", escape_inline(&c.name), c.id);
            }
            false => {
                let _ = writeln!(out, "## {}\n", escape_inline(&c.name));
            }
        }
        for p in &s.paragraphs {
            if !p.time().is_empty() {
                let _ = writeln!(out, "<!-- {} -->", time(p.time()));
            }
            match p.is_head() {
                true => {
                    let _ = writeln!(out, "### {}\n", escape_inline(p.text()));
                }
                false => {
                    let _ = writeln!(out, "{}\n", no_label(escape_paragraph(p.text())));
                }
            }
        }
    }
    out
}

/// [`conversation`] up to its first section: the title, the header lines
/// and the introduction (what crosstalk's REFI-QDA project carries in its
/// description, see [`crate::export::qdpx_about`]).
pub fn header(doc: &Conversation) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape_inline(&doc.title));
    let _ = writeln!(out, "Id: {}  ", doc.id);
    for (key, value) in [("Subtitle", &doc.subtitle), ("Source", &doc.source), ("Date", &doc.date)]
    {
        if !value.is_empty() {
            let _ = writeln!(out, "{key}: {}  ", escape_inline(value));
        }
    }
    for c in &doc.contributors {
        let role = if c.role == Role::Moderator { "Moderator" } else { "Respondent" };
        let name = escape_inline(&c.name);
        match c.affiliation.is_empty() {
            true => {
                let _ = writeln!(out, "{role}: {} ({name})  ", c.id);
            }
            false => {
                let affiliation = escape_inline(&c.affiliation);
                let _ = writeln!(out, "{role}: {} ({name}; {affiliation})  ", c.id);
            }
        }
    }
    for c in doc.contributors.iter().filter(|c| !c.short.is_empty()) {
        let _ = writeln!(out, "Short: {} {}  ", c.id, escape_inline(&c.short));
    }
    for (k, v) in &doc.metadata {
        let _ = writeln!(out, "{}: {}  ", key(k), escape_inline(v));
    }
    out.push('\n');
    for p in &doc.intro {
        // Not read back as a brief without its conversation.
        let defused = format!("{}&#107;", &super::BRIEF_MARK[..super::BRIEF_MARK.len() - 1]);
        let escaped = escape_paragraph(p).replace(super::BRIEF_MARK, &defused);
        let _ = writeln!(out, "{}\n", no_header(escaped));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_times_are_written_to_read_back() {
        assert_eq!(key("Location"), "Location");
        assert_eq!(key("Date"), "&#68;ate");
        assert_eq!(key("a: b"), "a&#58; b");
        assert_eq!(time("00:01:02.5"), "00:01:02.5");
        assert_eq!(time("a -->"), "a&#32;&#45;&#45;&#62;");
        assert_eq!(time("crosstalk:conversation"), "&#99;rosstalk:conversation");
        assert_eq!(time("crosstalk:conversations"), "crosstalk:conversations");
        assert_eq!(no_label("Q: why".into()), "Q&#58; why");
    }
}
