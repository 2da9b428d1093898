//! Reading a large Markdown file in time proportional to its lines, without
//! copying what needs no decoding.
//!
//! The body is cut at its `## ` lines, found in the one pass that also
//! looks for a brief's marker; each section is then read on its own (a
//! large file's sections on two threads, about half the text each). A section of plain paragraphs (no subheads,
//! times, rules or speaker labels) is read here: a paragraph of one line
//! with no escape or character reference is a range of the file's text, not
//! a copy. Any other section goes to the general reader ([`super::blocks`]
//! and [`super::qa`]), which gives the same result for a plain section:
//! `tests::the_fast_reader_agrees_with_the_general_one` checks it.

use super::blocks::text;
use super::qa;
use super::scan::Holds;

use crate::model::{Paragraph, Paragraphs, Source};

/// The lines of `text` as [`str::lines`] gives them (split at `\n`, a `\r`
/// before it dropped), found with `memchr`'s vector search past a line's
/// first 16 bytes: a paragraph's line is a few hundred bytes, where
/// `str::lines` searches a word at a time, and a line of a hard-broken verse
/// is a few, where a vector search per line costs more than it saves.
pub(super) fn lines(text: &str) -> impl Iterator<Item = &str> + Clone {
    let bytes = text.as_bytes();
    let mut from = 0;
    std::iter::from_fn(move || {
        if from >= bytes.len() {
            return None;
        }
        let start = from;
        let near = (start + 16).min(bytes.len());
        let end = match bytes[start..near].iter().position(|&b| b == b'\n') {
            Some(i) => Some(start + i),
            None => memchr::memchr(b'\n', &bytes[near..]).map(|i| near + i),
        };
        let line = match end {
            Some(end) => {
                from = end + 1;
                let line = &text[start..end];
                line.strip_suffix('\r').unwrap_or(line)
            }
            None => {
                from = bytes.len();
                &text[start..]
            }
        };
        Some(line)
    })
}

/// Where the heading lines that matter before reading start in `rest`: the
/// `## ` lines (each starts a section) and the first `# ` line (only the
/// title may be one), found in one pass over the `#` bytes.
#[cfg(test)]
pub(super) fn headings(rest: &str) -> (Vec<usize>, Option<usize>) {
    Marks::of(rest, "\u{0}").headings(rest, rest)
}

/// What one pass over a whole file finds: where its lines that open with
/// `#` start, and where `marker` first is. (Looking for each on its own was
/// a pass over 12.8 MB more.) Made in one go ([`Marks::of`]) or a block of
/// lines at a time ([`Marks::add`]), while each block is still in the cache
/// from the pass that checked it as UTF-8.
#[derive(Debug, PartialEq, Eq)]
pub struct Marks {
    hashes: Vec<usize>,
    marker: &'static str,
    found: Option<usize>,
    /// Where the text the marks are of starts and ends (for a check that
    /// they are the marks of the text they are used with).
    from: usize,
    len: usize,
}

impl Marks {
    pub(super) fn of(text: &str, marker: &'static str) -> Self {
        let mut marks = Self::new(marker);
        marks.add(0, text);
        marks
    }

    /// Nothing found yet.
    pub fn new(marker: &'static str) -> Self {
        Self::starting_at(marker, 0)
    }

    /// Nothing found yet in a part of the text that starts at `offset`.
    pub(super) fn starting_at(marker: &'static str, offset: usize) -> Self {
        debug_assert!(!marker.is_empty() && !marker.contains('\n'));
        Self { hashes: Vec::new(), marker, found: None, from: offset, len: offset }
    }

    /// These marks followed by `later`'s, the marks of the text that comes
    /// next (`Marks::starting_at` where these end).
    pub fn then(mut self, later: Marks) -> Marks {
        assert_eq!(self.marker, later.marker, "marks of another marker");
        assert_eq!(self.len, later.from, "marks of a part that does not follow");
        self.hashes.extend(later.hashes);
        self.found = self.found.or(later.found);
        self.len = later.len;
        self
    }

    /// The marks of `block`, the text at `offset` of the whole: the blocks
    /// come in order, each from the start of a line (offset 0 or just
    /// after a `\n`) to the start of the next block. `marker` holds no line
    /// break, so it never spans two.
    pub fn add(&mut self, offset: usize, block: &str) {
        debug_assert_eq!(offset, self.len, "blocks come in order, each from where the last ended");
        self.len = offset + block.len();
        let bytes = block.as_bytes();
        let marker = self.marker.as_bytes();
        for at in memchr::memchr2_iter(b'#', marker[0], bytes) {
            if bytes[at] == b'#' {
                if at == 0 || bytes[at - 1] == b'\n' {
                    self.hashes.push(offset + at);
                }
            } else if self.found.is_none() && bytes[at..].starts_with(marker) {
                self.found = Some(offset + at);
            }
        }
    }

    /// Where the marker first is, in `text`: the text these marks are of.
    pub(super) fn found(&self, text: &str) -> Option<usize> {
        assert_eq!((0, text.len()), (self.from, self.len), "marks of another text");
        self.found
    }

    /// [`headings`] of `rest`, a part of `whole` (the text these marks are
    /// of) that starts a line: offsets in `rest`.
    pub(super) fn headings(&self, whole: &str, rest: &str) -> (Vec<usize>, Option<usize>) {
        debug_assert_eq!(whole.len(), self.len, "marks of another text");
        let base = rest.as_ptr() as usize - whole.as_ptr() as usize;
        let from = self.hashes.partition_point(|&at| at < base);
        let bytes = rest.as_bytes();
        let (mut sections, mut level_one) = (Vec::new(), None);
        for at in self.hashes[from..].iter().map(|at| at - base).take_while(|&at| at < rest.len()) {
            match &bytes[at..] {
                [b'#', b'#', b' ', ..] => sections.push(at),
                [b'#', b' ', ..] if level_one.is_none() => level_one = Some(at),
                _ => {}
            }
        }
        (sections, level_one)
    }
}

/// Counts lines forward through a text, so that finding the line of each
/// section start in turn is linear in the text, not quadratic.
pub(super) struct Lines {
    at: usize,
    line: usize,
}

impl Lines {
    /// Counting from offset 0, which is on line `line`.
    pub(super) fn new(line: usize) -> Self {
        Self { at: 0, line }
    }

    /// The line of offset `to` of `text` (at or after the last asked).
    pub(super) fn line_at(&mut self, text: &str, to: usize) -> usize {
        let to = to.max(self.at);
        self.line += memchr::memchr_iter(b'\n', &text.as_bytes()[self.at..to]).count();
        self.at = to;
        self.line
    }
}

/// A section's `## ` heading text and its paragraphs, if the section is
/// plain enough to read here; `None` sends it to the general reader.
/// `chunk` (the heading line to the next heading) lies in `source`.
///
/// Each line is looked at once, while it is in the cache: whether it ends
/// the paragraph, opens it with a speaker's label, needs decoding. (Finding
/// the paragraphs first and then going back over them for labels and
/// escapes waited on memory for every paragraph of a 12.8 MB file.) What
/// needs decoding is decoded only once the section is known to be plain: a
/// Q&A section, or one with a late subhead, goes to the general reader
/// without having been decoded here first.
pub(super) fn section<'a>(source: &Source, chunk: &'a str) -> Option<Section<'a>> {
    let (name, under) = head(chunk)?;
    let body = body(source, under)?;
    Some((name, body.finish(source)?))
}

/// A section's heading text and paragraphs.
pub(super) type Section<'a> = (&'a str, Paragraphs);

/// The name in a chunk's `## ` heading, and the text under the heading.
pub(super) fn head(chunk: &str) -> Option<(&str, &str)> {
    let first = lines(chunk).next()?;
    let (2, name) = super::blocks::heading(first)? else { return None };
    let under = memchr::memchr(b'\n', chunk.as_bytes()).map_or("", |at| &chunk[at + 1..]);
    Some((name, under))
}

/// The paragraphs of lines under a heading (all of them, or a run of them
/// that starts a line after a blank one), each a range of the file's text:
/// a plain one its trimmed line, one that needs decoding (by place in
/// `later`, or in `now`) its lines. The labels that open paragraphs are
/// kept, for [`Body::finish`]. `None` if a line needs the general reader.
pub(super) struct Body {
    spans: Vec<[u32; 2]>,
    later: Vec<u32>,
    now: Vec<u32>,
    labels: Vec<(String, bool)>,
}

impl Body {
    /// This run of lines followed by `next` (the run after it).
    pub(super) fn then(mut self, next: Body) -> Body {
        let n = self.spans.len();
        // (Places fit a `u32`: they are fewer than the file's bytes.)
        self.later.extend(next.later.into_iter().map(|at| at + n as u32));
        self.now.extend(next.now.into_iter().map(|at| at + n as u32));
        self.spans.extend(next.spans);
        self.labels.extend(next.labels);
        self
    }

    /// The section's paragraphs, each made when first asked for, and
    /// decoded then where it needs it (see [`Paragraphs`]); `None` if there
    /// are none or they are turns (the general reader reads those).
    ///
    /// Decoding is put off (`later`) only where the text cannot come out
    /// blank: only a paragraph of character references (`&#32;`) can, as
    /// one that reads as nothing keeps its text as written
    /// ([`super::inline`]). Any that opens with `&` (`now`) is decoded
    /// here, for the conversation's check to see it.
    pub(super) fn finish(self, source: &Source) -> Option<Paragraphs> {
        let Body { mut spans, later, now, labels } = self;
        if spans.is_empty() || qa::labelled_turns(spans.len(), &labels) {
            return None;
        }
        let whole = source.as_str();
        let decoded = now
            .into_iter()
            .map(|at| {
                let [start, end] = spans[at as usize];
                (at as usize, Paragraph::owned(decode(&whole[start as usize..end as usize])))
            })
            .collect();
        spans.shrink_to_fit();
        Some(Paragraphs::decoded(source, spans, decoded, later, decode))
    }
}

/// The text of a paragraph's span of the file (its first line's start to
/// its last line's end), decoded.
fn decode(span: &str) -> String {
    text(lines(span))
}

/// [`Body`] of `under`, which lies in `source`.
pub(super) fn body(source: &Source, under: &str) -> Option<Body> {
    let whole = source.as_str();
    // Room for paragraphs of 64 bytes and more, all of a prose file's:
    // growing by doubling copied each section's paragraphs over and over
    // (a tenth of the panel's open, with the page faults of each new
    // buffer). What is not used is never touched, and is given back; a
    // million at most (8 MB of address space), past which it grows.
    let mut reader = BodyReader::with_capacity((under.len() / 64).min(1 << 20));
    // (Each line lies in `source`; `under` may be an empty one that does
    // not.)
    let base = whole.as_ptr() as usize;
    super::scan::each_line(under, |line, holds| {
        reader.line(line.as_ptr() as usize - base, line, holds);
        !reader.refused
    });
    reader.end()
}

/// [`body`] a line at a time, each given with where it starts in the
/// file's text: lines from one part of a file or another, read as they
/// pass (see [`super::onepass`]).
#[derive(Default)]
pub(super) struct BodyReader {
    spans: Vec<[u32; 2]>,
    /// Paragraphs to decode once the section is known to be plain: their
    /// places in `spans`, which hold their lines until then.
    later: Vec<u32>,
    /// Paragraphs to decode at once (see [`Body::finish`]), by place.
    now: Vec<u32>,
    /// The labels of the paragraphs whose first line has one (few, in prose).
    labels: Vec<(String, bool)>,
    open: Option<Open>,
    /// A line for the general reader was met: the lines after it are not
    /// looked at.
    refused: bool,
}

impl BodyReader {
    pub(super) fn with_capacity(paragraphs: usize) -> Self {
        Self { spans: Vec::with_capacity(paragraphs), ..Self::default() }
    }

    /// The next line, which starts at byte `at` of the file's text and
    /// holds what `holds` says.
    #[inline(always)]
    pub(super) fn line(&mut self, at: usize, line: &str, holds: Holds) {
        if self.refused {
            return;
        }
        // Ranges are `u32`s: a larger file goes to the general reader.
        let Ok(end) = u32::try_from(at + line.len()) else {
            self.refused = true;
            return;
        };
        // Most lines of prose start with a letter or digit and end with a
        // visible ASCII character: nothing to trim, and no markup (`#`,
        // `---`, `<!--`) to look for. (A tenth of the panel's reading was
        // trimming and looking.)
        let bytes = line.as_bytes();
        // A blank line (every other line of prose) ends the paragraph, with
        // no call to trim it.
        if bytes.is_empty() {
            self.close();
            return;
        }
        let plain = bytes.first().is_some_and(u8::is_ascii_alphanumeric)
            && bytes.last().is_some_and(u8::is_ascii_graphic);
        let trimmed = match plain {
            // An empty ordered item (`2.`) opening a paragraph is one of
            // its own, as what follows it: for the general reader.
            true if self.open.is_none()
                && bytes[0].is_ascii_digit()
                && super::blocks::item(line).is_some_and(|it| it.empty()) =>
            {
                self.refused = true;
                return;
            }
            true => line,
            false => {
                let trimmed = line.trim();
                if trimmed.is_empty() {
                    self.close();
                    return;
                }
                // A subhead, a heading, a rule or an underline, a quote, a
                // code fence, a time or an empty list item (what comes
                // under it may be a paragraph of its own): for the
                // general reader.
                if line.starts_with('#')
                    || trimmed.starts_with(['>', '`', '~', '=', '-', '*', '_'])
                        && super::blocks::special(line)
                    || trimmed.starts_with("<!--")
                    || (self.open.is_none()
                        && super::blocks::item(line).is_some_and(|it| it.empty()))
                {
                    self.refused = true;
                    return;
                }
                trimmed
            }
        };
        match &mut self.open {
            // A list's next item: the general reader splits the paragraph.
            Some(_) if super::blocks::item(line).is_some() => {
                self.refused = true;
            }
            Some(o) => {
                o.end = end;
                o.one_line = false;
            }
            None => {
                if holds.colon
                    && let Some(l) = qa::label(line)
                {
                    self.labels.push((l.name, l.bold));
                }
                // Within the line, so within `end`.
                let from = (at + (trimmed.as_ptr() as usize - line.as_ptr() as usize)) as u32;
                let lazy = !trimmed.starts_with('&');
                let trimmed = [from, from + trimmed.len() as u32];
                let open = Open {
                    start: at as u32,
                    end,
                    trimmed,
                    one_line: true,
                    plain: !holds.markup,
                    lazy,
                };
                self.open = Some(open);
            }
        }
    }

    /// The paragraph being read, if one is, ended.
    #[inline(always)]
    fn close(&mut self) {
        let Some(done) = self.open.take() else { return };
        if done.one_line && done.plain {
            self.spans.push(done.trimmed);
        } else if !done.lazy {
            self.now.push(self.spans.len() as u32);
            self.spans.push([done.start, done.end]);
        } else {
            // Room for all that may come, as `spans` has (a file with
            // emphasis in each paragraph grew this over and over).
            if self.later.capacity() == 0 {
                self.later.reserve(self.spans.capacity().saturating_sub(self.spans.len()));
            }
            // (Fewer paragraphs than bytes: a place fits a `u32`.)
            self.later.push(self.spans.len() as u32);
            self.spans.push([done.start, done.end]);
        }
    }

    /// The body read, `None` if a line needs the general reader.
    pub(super) fn end(mut self) -> Option<Body> {
        if self.refused {
            return None;
        }
        self.close();
        Some(Body { spans: self.spans, later: self.later, now: self.now, labels: self.labels })
    }
}

/// A paragraph being read: from the start of its first line to the end of
/// its last (offsets in the file's text).
struct Open {
    start: u32,
    end: u32,
    /// The first line, trimmed (never blank): the whole paragraph's text
    /// if it is one line with nothing to decode.
    trimmed: [u32; 2],
    one_line: bool,
    /// The first line has no byte that may start markup.
    plain: bool,
    /// The first line opens with no `&`: its text, decoded, cannot be
    /// blank (see [`Body::finish`]).
    lazy: bool,
}

#[cfg(test)]
#[path = "fast_tests.rs"]
pub(super) mod tests;
