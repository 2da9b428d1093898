//! A paragraph's inline Markdown read as it renders: what a reader of the
//! rendered page sees is the text that is coded.
//!
//! `*emphasis*`, `**strong**`, `~~struck~~` and `` `code` `` give their
//! text; a link `[text](url)` its text, an image `![alt](src)` its alt
//! text, an autolink `<https://…>` its address; backslash escapes and
//! character references their character. The reading is
//! [pulldown-cmark](https://docs.rs/pulldown-cmark)'s, a CommonMark
//! parser, with GFM's strikethrough.
//!
//! Two readings differ from a renderer's, so that nothing a transcriber
//! wrote is lost: an HTML tag is dropped only if it is one that formats text
//! (`<em>`, `<span …>`, `<u>`; `<br>` is a line break) or a comment; any
//! other (`<inaudible>`, `<crosstalk>`, as some transcribers mark what
//! they hear) stays as written. And a paragraph that would render as
//! nothing (`![](photo.jpg)`) keeps its text as written.

use pulldown_cmark::{Event, Options, Parser, Tag};

/// The bytes that may start inline markup (escapes and character
/// references among them); a text with none of them reads as written.
pub(super) const SPECIAL: [u8; 8] = [b'\\', b'&', b'*', b'_', b'`', b'[', b'<', b'~'];

/// Whether `byte` may start inline markup (one of [`SPECIAL`]).
pub(super) fn special(byte: u8) -> bool {
    SPECIAL.contains(&byte)
}

/// A paragraph's raw `lines` read as it renders; `raw`, the same lines
/// trimmed and joined (a space for a soft break, `\n` for a hard one),
/// is its text if the markup would leave none.
pub(super) fn render<'a>(lines: impl IntoIterator<Item = &'a str>, raw: &str) -> String {
    // The lines are given under a line `x`, so that each is the
    // paragraph's continuation (a `[ref]: url` line stays text), the soft
    // break after `x` standing where the paragraph starts (for emphasis,
    // as the start of a paragraph does); a line that would open a block
    // (a list item's `- ` marker, a quote's `>`) has its first mark
    // escaped, which renders as the mark: the block reader has placed the
    // paragraph. Lines are trimmed as [`super::blocks::text`] trims them
    // (of Unicode's spaces, where CommonMark trims ASCII's), keeping the
    // spaces and tabs after the text (a hard break, or a code span's).
    let mut source = String::with_capacity(raw.len() + 16);
    source.push_str("x\n");
    for line in lines {
        let body = line.trim();
        let at = opens_block(body);
        if let Some(at) = at {
            source.push_str(&body[..at]);
            source.push('\\');
        }
        source.push_str(&body[at.unwrap_or(0)..]);
        // The spaces after the text: a hard break (two), or in a code span
        // its text (CommonMark trims them elsewhere).
        let tail = line.trim_start();
        let tail = &tail[body.len()..];
        if tail.bytes().all(|b| b == b' ' || b == b'\t') {
            source.push_str(tail);
        } else if line.ends_with("  ") {
            source.push_str("  ");
        } else if !tail.is_empty() && body.ends_with('\\') {
            // A backslash the line did not end with breaks no line.
            source.push(' ');
        }
        source.push('\n');
    }
    let mut out = String::with_capacity(raw.len());
    let mut events = Parser::new_ext(&source, Options::ENABLE_STRIKETHROUGH);
    // The paragraph's start, `x` and the soft break after it.
    let started = matches!(events.next(), Some(Event::Start(Tag::Paragraph)))
        && matches!(events.next(), Some(Event::Text(t)) if &*t == "x")
        && matches!(events.next(), Some(Event::SoftBreak));
    if !started {
        return raw.to_owned();
    }
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push('\n'),
            Event::InlineHtml(tag) | Event::Html(tag) => html(&mut out, &tag),
            _ => {}
        }
    }
    if out.trim().is_empty() { crate::export::markdown::unescape(raw) } else { out }
}

/// Where to escape `line` (trimmed) so that it opens no block when it
/// follows a paragraph's line, if it would open one: a list item, a quote,
/// a heading, a rule or underline, a code fence, an HTML block.
fn opens_block(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let first = *bytes.first()?;
    let after = |n: usize| bytes.get(n).is_none_or(|b| matches!(b, b' ' | b'\t'));
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    let run = bytes.iter().take_while(|&&b| b == first).count();
    let only = |marks: &[u8]| bytes.iter().all(|b| marks.contains(b));
    match first {
        b'-' | b'+' | b'*' if after(1) => Some(0),
        b'>' | b'#' => Some(0),
        b'=' | b'-' | b'_' | b'*' if only(&[first, b' ', b'\t']) => Some(0),
        b'`' | b'~' if run >= 3 => Some(0),
        b'<' if html_block(&line[1..]) => Some(0),
        b'0'..=b'9' if digits <= 9 && matches!(bytes.get(digits), Some(b'.' | b')')) => {
            after(digits + 1).then_some(digits)
        }
        _ => None,
    }
}

/// Whether a line's text after its opening `<` opens an HTML block that
/// can interrupt a paragraph (CommonMark's kinds 1 to 6).
fn html_block(rest: &str) -> bool {
    if rest.starts_with(['!', '?']) {
        return true;
    }
    let name = rest.trim_start_matches('/');
    let len = name.bytes().take_while(u8::is_ascii_alphanumeric).count();
    let ends = name[len..].is_empty() || name[len..].starts_with([' ', '\t', '>', '/']);
    let name = name[..len].to_ascii_lowercase();
    ends && BLOCK_TAGS.contains(&name.as_str())
}

/// The HTML elements that open an HTML block (CommonMark's kinds 1 and 6).
const BLOCK_TAGS: [&str; 66] = [
    "address",
    "article",
    "aside",
    "base",
    "basefont",
    "blockquote",
    "body",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "iframe",
    "legend",
    "li",
    "link",
    "main",
    "menu",
    "menuitem",
    "nav",
    "noframes",
    "ol",
    "optgroup",
    "option",
    "p",
    "param",
    "search",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "track",
    "ul",
    "pre",
    "script",
    "style",
    "textarea",
];

/// An inline HTML tag or comment: a line break for `<br>`, nothing for a
/// comment or a tag that formats text, the tag as written otherwise.
fn html(out: &mut String, tag: &str) {
    if tag.starts_with("<!--") {
        return;
    }
    let name = tag.trim_start_matches(['<', '/']);
    let len = name.bytes().take_while(u8::is_ascii_alphanumeric).count();
    let name = name[..len].to_ascii_lowercase();
    if name == "br" {
        out.push('\n');
    } else if !FORMATTING.contains(&name.as_str()) {
        out.push_str(tag);
    }
}

/// HTML's elements that format the text in them (and `<a>`, whose text is
/// the link's), as word processors' and pandoc's Markdown has them.
const FORMATTING: [&str; 20] = [
    "a", "abbr", "b", "big", "cite", "code", "del", "em", "font", "i", "ins", "kbd", "mark", "s",
    "small", "span", "strike", "strong", "sub", "u",
];

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn markup_gives_its_text() {
        let cases = [
            ("I *never* said **that**", "I never said that"),
            ("the _Foreign Affairs_ piece", "the Foreign Affairs piece"),
            ("snake_case_name stays", "snake_case_name stays"),
            ("~~struck~~ out", "struck out"),
            ("run `ls -la` now", "run ls -la now"),
            ("see [the order](https://example.com/eo \"EO\") today", "see the order today"),
            ("![a chart](c.png) shows", "a chart shows"),
            ("at <https://example.com/a_b> now", "at https://example.com/a_b now"),
            ("\\*not emphasis\\*", "*not emphasis*"),
            ("AT&amp;T &#8212; &eacute;", "AT&T — é"),
            ("<em>said</em> it<br>again", "said it\nagain"),
            ("he <inaudible> left <crosstalk/>", "he <inaudible> left <crosstalk/>"),
            ("a <!-- note --> b", "a  b"),
            ("- a *list* item", "- a list item"),
            ("> quoted *words*", "> quoted words"),
            ("[ref]: https://example.com", "[ref]: https://example.com"),
            ("[not a link] and [x][y]", "[not a link] and [x][y]"),
            ("one\\\ntwo *three*", "one\ntwo three"),
            ("one  \ntwo *three*", "one\ntwo three"),
            ("one\ntwo *three*", "one two three"),
            ("`code  \nspans` lines", "code   spans lines"),
            (
                "a\n- b\n> c\n# d\n---\n```\n1. e\n2) f\n<div>g",
                "a - b > c # d --- ``` 1. e 2) f <div>g",
            ),
            ("ends in \\", "ends in \\"),
            ("a \\ \nb", "a \\ b"),
            ("a *b*\u{a0}\nc", "a b c"),
            ("2 * 3 * 4", "2 * 3 * 4"),
            ("![](photo.jpg)", "![](photo.jpg)"),
            ("*”quoted”* — “*U.S.*” 中文*强调*", "”quoted” — “U.S.” 中文强调"),
        ];
        for (raw, want) in cases {
            assert_eq!(render(raw.split('\n'), raw), want, "{raw:?}");
        }
    }

    #[test]
    fn nothing_panics_on_unclosed_markup() {
        for raw in ["*", "**", "[", "](", "<", "`", "``` x", "~~", "\\", "&", "&#", "[a](", "<a"] {
            let _ = render([raw], raw);
        }
    }
}
