//! A paragraph's inline Markdown read as it renders: what a reader of the
//! rendered page sees is the text that is coded.
//!
//! `*emphasis*`, `**strong**` and `` `code` `` give their text; a link
//! `[text](url)` its text, an image `![alt](src)` its alt text, an autolink
//! `<https://…>` its address; backslash escapes and character references
//! their character; a tag that formats text, with its other half, its
//! text. The reading is [pulldown-cmark](https://docs.rs/pulldown-cmark)'s,
//! a CommonMark parser.
//!
//! Where a renderer would hide what a transcript means, the text stays as
//! written: asterisks glued to a word (`f*ck`, `2*3*4`) or marks inside a
//! bare address; struck text (`~~old~~`: GFM's extension is not taken);
//! any tag but one that formats text with its other half in the paragraph
//! (`<inaudible>`, `a<b and c>d`); and a paragraph that would show nothing
//! (`![](photo.jpg)`).

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

mod former;
mod lines;

pub use former::former_quote;
use lines::opens_block;

/// The bytes that may start inline markup (escapes and character
/// references among them); a text with none of them reads as written.
pub(super) const SPECIAL: [u8; 7] = [b'\\', b'&', b'*', b'_', b'`', b'[', b'<'];

/// Whether `byte` may start inline markup (one of [`SPECIAL`]).
pub(super) fn special(byte: u8) -> bool {
    SPECIAL.contains(&byte)
}

/// A paragraph's raw `lines` read as it renders; `raw`, the same lines
/// trimmed and joined (a space for a soft break, `\n` for a hard one),
/// is its text if the markup would leave none.
pub(super) fn render<'a>(lines: impl IntoIterator<Item = &'a str>, raw: &str) -> String {
    render_as(lines, raw, false)
}

/// A line that must stay one (a title) read as it renders: [`render`],
/// with `<br>` a space.
pub(super) fn one_line(text: &str) -> String {
    match text.bytes().any(special) {
        true => render_as([text], text, true),
        false => text.to_owned(),
    }
}

/// [`render`]; `one_line`: `<br>` is a space.
fn render_as<'a>(lines: impl IntoIterator<Item = &'a str>, raw: &str, one_line: bool) -> String {
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
        // (A blank line would end the paragraph; a reader hands none.)
        if body.is_empty() {
            continue;
        }
        let at = opens_block(body);
        if let Some(at) = at {
            source.push_str(&body[..at]);
            source.push('\\');
        }
        // (A carriage return alone, no line break to the block reader,
        // is one to CommonMark: where it ends the paragraph, the text is
        // read as written.)
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
    read(&source, one_line).unwrap_or_else(|| crate::export::markdown::unescape(raw))
}

/// The text of `source`, a line `x` and the paragraph's lines under it,
/// as it renders; `None` if it is not one paragraph, or reads as blank.
fn read(source: &str, one_line: bool) -> Option<String> {
    let events: Vec<(Event, Range<usize>)> =
        Parser::new_ext(source, Options::empty()).into_offset_iter().collect();
    // The paragraph's start, `x` and the soft break after it.
    let [(Event::Start(Tag::Paragraph), _), (Event::Text(x), _), (Event::SoftBreak, _), rest @ ..] =
        &events[..]
    else {
        return None;
    };
    if &**x != "x" {
        return None;
    }
    let paired = paired_tags(rest);
    // The bare URLs, found at the first emphasis (most paragraphs with
    // markup have none, or no address).
    let mut found: Option<Vec<Range<usize>>> = None;
    let mut out = Text { one_line, ..Text::default() };
    // For each emphasis open: its range, how many marks, and its closing
    // marks if it is kept as written.
    let mut open: Vec<(Range<usize>, usize, Option<&str>)> = Vec::new();
    let mut ended = false;
    for (i, (event, range)) in rest.iter().enumerate() {
        match event {
            // Anything after the paragraph, or a block in it, is a block
            // the escapes above missed: the text as written then, rather
            // than a reading that could drop a list's marker.
            _ if ended => return None,
            Event::Start(tag @ (Tag::Emphasis | Tag::Strong)) => {
                let marks = if matches!(tag, Tag::Strong) { 2 } else { 1 };
                // Its marks, where the range starts and ends with them.
                let mark = |at: Range<usize>| {
                    source.get(at).filter(|m| m.bytes().all(|b| b == b'*' || b == b'_'))
                };
                let first = mark(range.start..range.start + marks);
                let last = range.end.checked_sub(marks).and_then(|at| mark(at..range.end));
                // Emphasis right inside one kept as written is kept too
                // (`f***ing`: strong in emphasis, glued only outside).
                let inner = open.last().is_some_and(|(outer, n, kept)| {
                    kept.is_some() && (range.start == outer.start + n || range.end + n == outer.end)
                });
                let kept = inner
                    || glued(source, range)
                    || in_url(found.get_or_insert_with(|| urls(source)), range);
                match (first, last) {
                    (Some(first), Some(last)) if kept => {
                        out.push(first);
                        open.push((range.clone(), marks, Some(last)));
                    }
                    _ => open.push((range.clone(), marks, None)),
                }
            }
            Event::End(TagEnd::Emphasis | TagEnd::Strong) => {
                if let Some((_, _, Some(marks))) = open.pop() {
                    out.push(marks);
                }
            }
            Event::Start(tag) if !inline(tag) => return None,
            Event::End(TagEnd::Paragraph) => ended = true,
            Event::Text(t) | Event::Code(t) => out.push(t),
            Event::SoftBreak => out.push(" "),
            Event::HardBreak => out.push("\n"),
            Event::InlineHtml(tag) | Event::Html(tag) => {
                out.html(tag, paired.get(i).copied().unwrap_or(false));
            }
            _ => {}
        }
    }
    // (A comment dropped last leaves no space at the end.)
    if out.comment && out.text.ends_with(' ') {
        out.text.pop();
    }
    (!out.text.trim().is_empty()).then_some(out.text)
}

/// Text read so far, and what a dropped tag left to do.
#[derive(Default)]
struct Text {
    text: String,
    /// Line breaks (`<br>`) to put in before the next text: none at the end.
    breaks: usize,
    /// A comment was dropped here: a space on either side is one space.
    comment: bool,
    /// `<br>` is a space.
    one_line: bool,
}

impl Text {
    fn push(&mut self, text: &str) {
        // (No line break before the first text either.)
        let breaks = std::mem::take(&mut self.breaks);
        if !self.text.is_empty() {
            self.text.extend(std::iter::repeat_n('\n', breaks));
        }
        // A space after a line break (`<br>` at a line's end) or beside a
        // dropped comment's space is none.
        let spaced = self.text.ends_with(' ') || self.text.ends_with('\n');
        let text = match (std::mem::take(&mut self.comment) || breaks > 0) && spaced {
            true => text.strip_prefix(' ').unwrap_or(text),
            false => text,
        };
        self.text.push_str(text);
    }

    /// An inline HTML tag or comment: a line break for `<br>`, nothing for
    /// a comment or a tag that formats text (`paired`: with its other
    /// half in the paragraph), the tag as written otherwise.
    fn html(&mut self, tag: &str, paired: bool) {
        if tag.starts_with("<!--") {
            self.comment = true;
        } else if tag_name(tag).0 == "br" {
            match self.one_line {
                true => self.push(" "),
                false => self.breaks += 1,
            }
        } else if !paired {
            // (A tag over two lines: the break in it is a space, as a soft
            // break is.)
            self.push(&tag.replace(['\r', '\n'], " "));
        }
    }
}

/// Whether emphasis over `range` of `source` is glued to a word outside it
/// (`f*ck`, `s**t`, `2*3*4`), or has a `/` beside its marks
/// (`/tmp/*/cache/*`): CommonMark reads that as
/// emphasis, but a transcript so written means the asterisks. (A letter of
/// a script written without spaces between words, Chinese, Japanese, Thai,
/// Lao, Khmer or Burmese, does not count.)
fn glued(source: &str, range: &Range<usize>) -> bool {
    let spaced = |c: char| {
        let c = u32::from(c);
        c < 0x2E80
            && !(0x0E00..0x0F00).contains(&c)
            && !(0x1000..0x10A0).contains(&c)
            && !(0x1780..0x1800).contains(&c)
    };
    let word = |c: char| c.is_alphanumeric() && spaced(c);
    let marks = |c: &char| matches!(c, '*' | '_');
    let Some(text) = source.get(range.clone()) else { return false };
    let before = source.get(..range.start).and_then(|s| s.chars().next_back());
    let after = source.get(range.end..).and_then(|s| s.chars().next());
    let within = [text.chars().find(|c| !marks(c)), text.chars().rev().find(|c| !marks(c))];
    let slash = |c: Option<char>| c == Some('/');
    before.is_some_and(word)
        || after.is_some_and(word)
        || slash(before)
        || slash(after)
        || within.into_iter().any(slash)
}

/// Whether `range` starts or ends inside one of `urls`, the bare URLs of
/// the source in order (`https://example.com/_foo_`: its marks are the
/// address's).
fn in_url(urls: &[Range<usize>], range: &Range<usize>) -> bool {
    let within = |at: usize| {
        let after = urls.partition_point(|u| u.end <= at);
        urls.get(after).is_some_and(|u| u.contains(&at))
    };
    within(range.start) || range.end.checked_sub(1).is_some_and(within)
}

/// The bare URLs of `source`, as GFM finds them.
fn urls(source: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut at = 0;
    for line in source.split('\n') {
        if line.contains("://") || line.contains("www.") {
            let spans = crate::export::markdown::url_spans(line);
            out.extend(spans.into_iter().map(|(start, end)| at + start..at + end));
        }
        at += line.len() + 1;
    }
    out
}

/// For each of `events`, whether it is a tag that formats text with its
/// other half in the paragraph (`<u>` … `</u>`): a lone one (`a<b and c>d`)
/// is text.
fn paired_tags(events: &[(Event, Range<usize>)]) -> Vec<bool> {
    // (None at all, for the paragraphs without a tag: most.)
    let tag = |(e, _): &(Event, Range<usize>)| matches!(e, Event::InlineHtml(_) | Event::Html(_));
    if !events.iter().any(tag) {
        return Vec::new();
    }
    let mut paired = vec![false; events.len()];
    // The tags of each name still open, by place (a stack per name: a
    // paragraph of 60,000 lone tags is no slower than one of a few).
    let mut open: std::collections::HashMap<String, Vec<usize>> = Default::default();
    for (i, (event, _)) in events.iter().enumerate() {
        let (Event::InlineHtml(tag) | Event::Html(tag)) = event else { continue };
        let (name, closing) = tag_name(tag);
        if !FORMATTING.contains(&name.as_str()) || tag.ends_with("/>") {
            continue;
        }
        let stack = open.entry(name).or_default();
        if !closing {
            stack.push(i);
        } else if let Some(first) = stack.pop() {
            paired[first] = true;
            paired[i] = true;
        }
    }
    paired
}

/// A tag's element name, in lower case, and whether it closes (`</em>`).
pub(super) fn tag_name(tag: &str) -> (String, bool) {
    let inner = tag.trim_start_matches('<');
    let name = inner.trim_start_matches('/');
    let len = name.bytes().take_while(u8::is_ascii_alphanumeric).count();
    (name[..len].to_ascii_lowercase(), name.len() < inner.len())
}

/// Whether `tag` is one inside a paragraph (emphasis, a link), not a block.
fn inline(tag: &Tag) -> bool {
    matches!(tag, Tag::Emphasis | Tag::Strong | Tag::Link { .. } | Tag::Image { .. })
}

/// HTML's elements that format the text in them (and `<a>`, whose text is
/// the link's), as word processors' and pandoc's Markdown has them. Not
/// `<s>`, `<del>` or `<strike>`: struck text is kept as written (what was
/// said and taken back is not what was said).
pub(super) const FORMATTING: [&str; 23] = [
    "a", "abbr", "b", "bdi", "big", "cite", "code", "dfn", "em", "font", "i", "ins", "kbd", "mark",
    "samp", "small", "span", "strong", "sub", "sup", "tt", "u", "var",
];

#[cfg(test)]
mod tests;
