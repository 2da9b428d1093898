//! Markdown escaping: what a brief needs to read as written ([`escape`]),
//! and what the conversation appendix needs to come back byte for byte when
//! imported ([`escape_inline`], [`escape_paragraph`], undone by [`unescape`]).

use std::collections::HashMap;
use std::fmt::Write;
use std::sync::LazyLock;

/// `text` with Markdown's special characters escaped.
pub fn escape(text: &str) -> String {
    escape_with(text, false)
}

/// `text` escaped as [`escape`] does, except that bare URLs (`https://…`,
/// `http://…`, `www.…`, found as GFM's extended autolinks find them) are
/// written as links whose target is exactly the URL, so they stay clickable
/// and unescaped on GitHub and in pandoc. Not for text that must be
/// imported back (the conversation): [`unescape`] does not undo it.
pub fn escape_links(text: &str) -> String {
    escape_with(text, true)
}

/// The byte ranges of the bare URLs in `line`, by GFM's extended autolink
/// rules: `https://`, `http://` or `www.` at the start of a word, then a
/// domain, up to whitespace, `<` or `>`; trailing `?!.,:*_~'"` and unbalanced `)`
/// are not part of it.
pub fn url_spans(line: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut at = 0;
    while at < line.len() {
        // Only an `h` or a `w` can start one: go straight to the next (they
        // are ASCII, so always at a character boundary).
        match line.as_bytes()[at..].iter().position(|b| matches!(b, b'h' | b'H' | b'w' | b'W')) {
            Some(skip) => at += skip,
            None => break,
        }
        let rest = &line[at..];
        let word_start = line[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let prefix = ["https://", "http://", "www."]
            .into_iter()
            .find(|p| rest.get(..p.len()).is_some_and(|r| r.eq_ignore_ascii_case(p)));
        let Some(prefix) = prefix.filter(|_| word_start) else {
            at += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        };
        let len = rest
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>') || c.is_control())
            .unwrap_or(rest.len());
        let mut url = &rest[..len];
        loop {
            let trimmed = url.trim_end_matches(['?', '!', '.', ',', ':', '*', '_', '~', '\'', '"']);
            let trimmed = if trimmed.ends_with(')')
                && trimmed.matches(')').count() > trimmed.matches('(').count()
            {
                &trimmed[..trimmed.len() - 1]
            } else {
                trimmed
            };
            if trimmed.len() == url.len() {
                break;
            }
            url = trimmed;
        }
        let after = url.get(prefix.len()..).unwrap_or("");
        let domain = &after[..after.find(['/', '?', '#']).unwrap_or(after.len())];
        let valid = !domain.is_empty()
            && domain.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
            && domain.chars().next().is_some_and(char::is_alphanumeric);
        if valid {
            spans.push((at, at + url.len()));
            at += url.len().max(1);
        } else {
            at += prefix.len();
        }
    }
    spans
}

/// `url` as a Markdown link to exactly itself: an autolink `<…>` when it
/// has a scheme and nothing a renderer would decode (an entity such as
/// `&amp;`), otherwise `[url](<target>)` with `http://` before a `www.`.
fn link(out: &mut String, url: &str) {
    let entity = url.match_indices('&').any(|(i, _)| {
        let tail = &url[i + 1..];
        let name = tail.bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'#').count();
        name > 0 && tail[name..].starts_with(';')
    });
    let scheme = !url.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("www."));
    if scheme && !entity {
        let _ = write!(out, "<{url}>");
        return;
    }
    // `![` would open an image.
    if out.ends_with('!') {
        out.pop();
        out.push_str("\\!");
    }
    let mut target = String::new();
    if !scheme {
        target.push_str("http://");
    }
    for c in url.chars() {
        // `\&` would not stop an entity being read (comrak), `&#38;` does.
        match c {
            '&' => target.push_str("&#38;"),
            '\\' | '<' | '>' => {
                target.push('\\');
                target.push(c);
            }
            _ => target.push(c),
        }
    }
    let _ = write!(out, "[{}](<{target}>)", escape(url));
}

fn escape_with(text: &str, links: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        // Characters that start a block when they open a line (`:-` a
        // table's delimiter row under GFM).
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        out.push_str(&line[..indent]);
        let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
        let mut rest = trimmed;
        if trimmed.starts_with(['-', '+', '=', ':']) {
            out.push('\\');
        } else if digits > 0 && trimmed[digits..].starts_with(['.', ')']) {
            out.push_str(&trimmed[..digits]);
            out.push('\\');
            rest = &trimmed[digits..];
        }
        let spans = if links { url_spans(rest) } else { Vec::new() };
        let mut from = 0;
        for (start, end) in spans {
            text_part(&mut out, &rest[from..start], links);
            link(&mut out, &rest[start..end]);
            from = end;
        }
        text_part(&mut out, &rest[from..], links);
    }
    out
}

/// `text` (inside a line, no URL in it by [`url_spans`]) escaped; with
/// `links`, whatever GFM might still autolink (its domain rules are laxer:
/// `https://.`) is defused, `://` as `&#58;//` and `www.` as `&#119;ww.`,
/// so no backslash ends up inside a link.
fn text_part(out: &mut String, text: &str, links: bool) {
    if !links {
        escape_chars(out, text);
        return;
    }
    let mut escaped = String::with_capacity(text.len());
    escape_chars(&mut escaped, text);
    let mut rest = escaped.as_str();
    while !rest.is_empty() {
        // Up to the next `:` or `w`, nothing to defuse: copied whole.
        let run = rest.bytes().position(|b| matches!(b, b':' | b'w' | b'W')).unwrap_or(rest.len());
        if run > 0 {
            out.push_str(&rest[..run]);
            rest = &rest[run..];
            continue;
        }
        if rest.starts_with("://") {
            out.push_str("&#58;");
            rest = &rest[1..];
        } else if rest.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("www.")) {
            let _ = write!(out, "&#{};", u32::from(rest.as_bytes()[0]));
            rest = &rest[1..];
        } else {
            let c = rest.chars().next().unwrap_or_default();
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
}

/// `text` (inside a line) with Markdown's inline special characters escaped.
fn escape_chars(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let mut run = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let special = match b {
            b'\\' | b'`' | b'*' | b'_' | b'[' | b']' | b'<' | b'>' | b'#' | b'|' | b'~' => true,
            // Only where it could start an entity such as `&amp;` (a byte
            // beyond ASCII starts a character that is not ASCII).
            b'&' => bytes.get(i + 1).is_some_and(|n| n.is_ascii_alphanumeric() || *n == b'#'),
            _ => false,
        };
        if special {
            out.push_str(&text[run..i]);
            out.push('\\');
            run = i;
        }
    }
    out.push_str(&text[run..]);
}

/// Undoes [`escape`], [`escape_inline`] and [`escape_paragraph`]: a
/// backslash before ASCII punctuation is dropped, and a numeric character
/// reference (`&#32;`, `&#x20;`) becomes its character.
pub fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(['\\', '&']) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        if let Some(next) = tail[1..].chars().next().filter(|_| tail.starts_with('\\'))
            && next.is_ascii_punctuation()
        {
            out.push(next);
            rest = &tail[2..];
        } else if let Some((c, len)) = char_reference(tail) {
            out.push(c);
            rest = &tail[len..];
        } else if let Some((text, len)) = named_reference(tail) {
            out.push_str(text);
            rest = &tail[len..];
        } else {
            out.push_str(&tail[..1]);
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

/// The character of a numeric reference at the start of `text` (`&#10;`,
/// `&#xA;`) and the reference's length in bytes.
fn char_reference(text: &str) -> Option<(char, usize)> {
    let body = text.strip_prefix("&#")?;
    let (digits, radix, skip) = match body.strip_prefix(['x', 'X']) {
        Some(hex) => (hex, 16, 3),
        None => (body, 10, 2),
    };
    let len = digits.bytes().take(8).take_while(u8::is_ascii_alphanumeric).count();
    if len == 0 || !digits[len..].starts_with(';') {
        return None;
    }
    let c = u32::from_str_radix(&digits[..len], radix).ok().and_then(char::from_u32)?;
    Some((c, skip + len + 1))
}

/// The text of a named character reference at the start of `text`
/// (`&amp;`, `&eacute;`, `&NotEqualTilde;`: HTML5's list, as CommonMark
/// reads them, with the closing `;`) and the reference's length in bytes.
/// Transcripts exported from web pages and word processors have them;
/// crosstalk's own export never writes one (a `&` that could start one is
/// written `&#38;`).
fn named_reference(text: &str) -> Option<(&'static str, usize)> {
    static NAMED: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
        let named = entities::ENTITIES.iter().filter(|e| e.entity.ends_with(';'));
        named.map(|e| (e.entity, e.characters)).collect()
    });
    let name = text.strip_prefix('&')?;
    // The longest name is 31 letters (`&CounterClockwiseContourIntegral;`).
    let len = name.bytes().take(32).take_while(u8::is_ascii_alphanumeric).count();
    if len == 0 || !name[len..].starts_with(';') {
        return None;
    }
    NAMED.get(&text[..len + 2]).map(|&chars| (chars, len + 2))
}

/// The length in bytes of the numeric character reference starting `text`.
pub fn char_reference_len(text: &str) -> Option<usize> {
    char_reference(text).map(|(_, len)| len)
}

/// Whitespace that Markdown would drop or read as a line end, as a numeric
/// character reference, which GFM and pandoc render as the character.
fn reference(out: &mut String, text: &str) {
    for c in text.chars() {
        let _ = write!(out, "&#{};", u32::from(c));
    }
}

/// `text` split as (leading whitespace, body, trailing whitespace).
fn edges(text: &str) -> (&str, &str, &str) {
    let body = text.trim_start();
    let lead = &text[..text.len() - body.len()];
    let trimmed = body.trim_end();
    (lead, trimmed, &body[trimmed.len()..])
}

/// One line (no `\n`) escaped, with whitespace at its ends and carriage
/// returns (a line end to Markdown) as character references. `;` is escaped
/// too: it separates name and affiliation in a contributor line.
fn escape_line(out: &mut String, line: &str) {
    let (lead, body, trail) = edges(line);
    reference(out, lead);
    out.push_str(&escape(body).replace(';', "\\;").replace('\r', "&#13;"));
    reference(out, trail);
}

/// A one-line field (title, name, affiliation) escaped so that importing
/// gives it back exactly: line ends and whitespace at its ends are written
/// as character references (`&#10;`, `&#32;`).
pub fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let (lead, body, trail) = edges(text);
    reference(&mut out, lead);
    for (i, line) in body.split('\n').enumerate() {
        if i > 0 {
            out.push_str("&#10;");
        }
        escape_line(&mut out, line);
    }
    reference(&mut out, trail);
    out
}

/// A paragraph escaped so that importing gives it back exactly: each line
/// break inside it is a hard break (`\` ending the line, an empty line a
/// lone `\`), and whitespace at the ends of the paragraph and of its lines
/// is written as character references (`&#32;`, `&#10;`).
pub fn escape_paragraph(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let (lead, body, trail) = edges(text);
    reference(&mut out, lead);
    for (i, line) in body.split('\n').enumerate() {
        if i > 0 {
            out.push_str("\\\n");
        }
        escape_line(&mut out, line);
    }
    reference(&mut out, trail);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_round_trips_and_defuses_markup() {
        for text in [
            "# not a heading",
            "1. not a list",
            "- not a bullet",
            "a *b* _c_ [d](e) <f> `g` | h ~ & ! \\ i",
            "The U.S.’s “whack-a-mole”—approach",
            "12) also not a list",
        ] {
            let escaped = escape(text);
            assert_eq!(unescape(&escaped), text);
            assert!(
                !escaped.starts_with('#')
                    && !escaped.starts_with("1.")
                    && !escaped.starts_with('-')
            );
        }
        assert_eq!(escape("a*b"), "a\\*b");
    }

    #[test]
    fn url_spans_follow_gfm_extended_autolinks() {
        fn spans(line: &str) -> Vec<&str> {
            url_spans(line).into_iter().map(|(s, e)| &line[s..e]).collect()
        }
        assert_eq!(
            spans("see https://a.org/x_y. and (www.b.com/c_(d)) or http://c.net/?a=1&b=2!"),
            ["https://a.org/x_y", "www.b.com/c_(d)", "http://c.net/?a=1&b=2"]
        );
        assert!(spans("http:// xhttps://a.org wwwx.org www.").is_empty());
        assert_eq!(escape_links("a_b https://a.org/x_y_"), "a\\_b <https://a.org/x_y>\\_");
        assert_eq!(
            escape_links("www.a.org/&amp;"),
            "[www.a.org/\\&amp;](<http://www.a.org/&#38;amp;>)"
        );
    }

    /// The first implementations of the scanning in this module, a
    /// character at a time: the reference for the ones that skip ahead.
    mod by_char {
        use std::fmt::Write;

        pub fn url_spans(line: &str) -> Vec<(usize, usize)> {
            let mut spans = Vec::new();
            let mut at = 0;
            while at < line.len() {
                let rest = &line[at..];
                let word_start =
                    line[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
                let prefix = ["https://", "http://", "www."]
                    .into_iter()
                    .find(|p| rest.get(..p.len()).is_some_and(|r| r.eq_ignore_ascii_case(p)));
                let Some(prefix) = prefix.filter(|_| word_start) else {
                    at += rest.chars().next().map_or(1, char::len_utf8);
                    continue;
                };
                let len = rest
                    .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>') || c.is_control())
                    .unwrap_or(rest.len());
                let mut url = &rest[..len];
                loop {
                    let trimmed =
                        url.trim_end_matches(['?', '!', '.', ',', ':', '*', '_', '~', '\'', '"']);
                    let trimmed = if trimmed.ends_with(')')
                        && trimmed.matches(')').count() > trimmed.matches('(').count()
                    {
                        &trimmed[..trimmed.len() - 1]
                    } else {
                        trimmed
                    };
                    if trimmed.len() == url.len() {
                        break;
                    }
                    url = trimmed;
                }
                let after = url.get(prefix.len()..).unwrap_or("");
                let domain = &after[..after.find(['/', '?', '#']).unwrap_or(after.len())];
                let valid = !domain.is_empty()
                    && domain
                        .chars()
                        .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
                    && domain.chars().next().is_some_and(char::is_alphanumeric);
                if valid {
                    spans.push((at, at + url.len()));
                    at += url.len().max(1);
                } else {
                    at += prefix.len();
                }
            }
            spans
        }

        pub fn escape_chars(out: &mut String, text: &str) {
            let mut chars = text.chars().peekable();
            while let Some(c) = chars.next() {
                let special = match c {
                    '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' => true,
                    '&' => chars.peek().is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#'),
                    _ => false,
                };
                if special {
                    out.push('\\');
                }
                out.push(c);
            }
        }

        pub fn defuse(out: &mut String, escaped: &str) {
            let mut rest = escaped;
            while !rest.is_empty() {
                if rest.starts_with("://") {
                    out.push_str("&#58;");
                    rest = &rest[1..];
                } else if rest.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("www.")) {
                    let _ = write!(out, "&#{};", u32::from(rest.as_bytes()[0]));
                    rest = &rest[1..];
                } else {
                    let c = rest.chars().next().unwrap_or_default();
                    out.push(c);
                    rest = &rest[c.len_utf8()..];
                }
            }
        }
    }

    #[test]
    fn named_references_are_read_as_commonmark_reads_them() {
        let read = [
            ("AT&amp;T", "AT&T"),
            ("caf&eacute; &nbsp;x", "café \u{a0}x"),
            ("&lt;b&gt; &quot;q&quot; &apos;", "<b> \"q\" '"),
            ("&mdash;&hellip;&rsquo;", "—…’"),
            // Two code points, and the longest name there is.
            ("&NotEqualTilde;", "\u{2242}\u{338}"),
            ("&CounterClockwiseContourIntegral;", "\u{2233}"),
            // Not references: no `;`, not a name, a name too long, a space.
            ("&amp no", "&amp no"),
            ("&nosuchname; &Amp; &;", "&nosuchname; &Amp; &;"),
            ("&CounterClockwiseContourIntegralX;", "&CounterClockwiseContourIntegralX;"),
            ("& amp;", "& amp;"),
            // Escaped, or after an escaped `&`: the text itself.
            ("\\&amp;", "&amp;"),
            ("&#38;amp;", "&amp;"),
        ];
        for (text, want) in read {
            assert_eq!(unescape(text), want, "{text}");
        }
    }

    #[test]
    fn scanning_matches_the_character_at_a_time_reference() {
        let pieces = [
            "https://a.org/x_y.",
            "http://",
            "www.",
            "WWW.b.com",
            "Https://C.net/(a)",
            "xhttps://a",
            "héhttps://a.org",
            "数据www.a.org",
            "&amp;",
            "&#38;",
            "& b",
            "&",
            "*_[]<>#|~`\\",
            "h",
            "w",
            "H",
            "W",
            ":",
            "://",
            " ",
            "\t",
            "naïve",
            "👨\u{200d}👩",
            "e\u{301}",
            "1.",
            "-",
            "a",
            "ww",
            "ht",
            "tp:",
            "(",
            ")",
            "?",
            "!",
            ".",
        ];
        // Every pair and triple of pieces, and a long line of them all.
        let mut cases = vec![pieces.concat()];
        for a in pieces {
            for b in pieces {
                cases.push(format!("{a}{b}"));
                for c in ["w", ":", "&", "h", " x"] {
                    cases.push(format!("{a}{b}{c}"));
                }
            }
        }
        for text in &cases {
            assert_eq!(url_spans(text), by_char::url_spans(text), "{text:?}");
            let (mut ours, mut theirs) = (String::new(), String::new());
            escape_chars(&mut ours, text);
            by_char::escape_chars(&mut theirs, text);
            assert_eq!(ours, theirs, "{text:?}");
            let (mut ours, mut expected) = (String::new(), String::new());
            text_part(&mut ours, text, true);
            by_char::defuse(&mut expected, &theirs);
            assert_eq!(ours, expected, "{text:?}");
        }
    }
}
