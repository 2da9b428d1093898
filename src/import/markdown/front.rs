//! Markdown as other tools write it, before the body is read: YAML front
//! matter (`---` … `---`, as pandoc, Jekyll, Hugo and Obsidian write it)
//! gives the title, date and other metadata; headings underlined rather
//! than opened with `#` (setext headings, as pandoc wrote them before 2.11:
//! `Title` / `=====`, `Name` / `-----`) are read as `#` and `##` headings.

use super::blocks;
use crate::import::transcript::speaker_line;
use crate::import::{Header, metadata};

/// The most lines front matter may have (a file that opens with a rule and
/// has another far below has none).
pub const FRONT_LINES: usize = 1000;

/// A YAML front matter block opening a text.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Front {
    /// Its keys and values, in order: scalars unquoted, a list's items
    /// joined by `, `, a block's lines by a space.
    pub pairs: Vec<(String, String)>,
    /// The block's length in bytes and in lines, closing line included.
    pub len: usize,
    pub lines: usize,
}

/// The front matter opening `text`: a `---` line, `key: value` lines (and
/// lists, blocks and comments), then a `---` or `...` line. `None` if
/// `text` opens otherwise or the block is not closed, or a line in it is
/// not YAML of that kind (a rule then prose, say).
pub(crate) fn matter(text: &str) -> Option<Front> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next()?;
    if first.trim_end() != "---" {
        return None;
    }
    let mut front = Front { len: first.len(), lines: 1, ..Front::default() };
    for line in lines.take(FRONT_LINES) {
        front.len += line.len();
        front.lines += 1;
        let l = line.trim_end();
        if l == "---" || l == "..." {
            return yaml_keys(&front.pairs).then_some(front);
        }
        let bare = l.trim();
        if bare.is_empty() || bare.starts_with('#') {
            continue;
        }
        // A list's item or a block's line goes with the key above.
        if l.starts_with([' ', '\t', '-']) {
            let (_, value) = front.pairs.last_mut()?;
            let (item, sep) = match bare.strip_prefix('-') {
                Some(item) if item.is_empty() || item.starts_with(' ') => (scalar(item), ", "),
                _ => (bare.to_owned(), " "),
            };
            if !value.is_empty() && !item.is_empty() {
                value.push_str(sep);
            }
            value.push_str(&item);
            continue;
        }
        let (key, value) = l.split_once(':')?;
        if !(value.is_empty() || value.starts_with([' ', '\t'])) || key.trim().is_empty() {
            return None;
        }
        let value = value.trim();
        let value = match value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
            Some(items) => items
                .split(',')
                .map(scalar)
                .filter(|i| !i.is_empty())
                .collect::<Vec<_>>()
                .join(", "),
            // A block (`|`, `>-`): its lines follow.
            None if value.starts_with(['|', '>']) => String::new(),
            None => scalar(value),
        };
        front.pairs.push((key.trim().to_owned(), value));
    }
    None
}

/// Front matter's keys into the header: `subtitle`, `date` (an ISO date;
/// any other is metadata), `source` (or `url`, `link`), `moderator` and
/// `respondent` (as the header lines `Moderator:` and `Respondent:` name
/// them); any other key with a value is metadata. Returns the `title`, if
/// it has one.
pub(crate) fn apply(header: &mut Header, pairs: Vec<(String, String)>) -> Option<String> {
    let mut title = None;
    for (key, value) in pairs {
        let value = one_line(&value);
        if value.is_empty() {
            continue;
        }
        let file = &mut header.file;
        match key.to_ascii_lowercase().as_str() {
            "title" if title.is_none() => title = Some(value),
            "subtitle" if file.subtitle.is_empty() => file.subtitle = value,
            "date" if file.date.is_empty() && crate::model::is_valid_date(&value) => {
                file.date = value;
            }
            "source" | "url" | "link" if file.source.is_empty() => file.source = value,
            // Who moderates and who responds, as a header line says it.
            "moderator" => _ = metadata(header, &format!("Moderator: {value}")),
            "respondent" => _ = metadata(header, &format!("Respondent: {value}")),
            _ => file.metadata.push((key, value)),
        }
    }
    title
}

/// `value` on one line: a block's line breaks as spaces.
fn one_line(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `pairs` have the keys front matter has, not turns between two
/// rules: each key is a word (or words in lowercase, `date created`), not
/// in capitals (`SMITH`); one at least a key tools write (`title`, `Tags`,
/// `created`: `alice: hey` / `bob: hi there` is a chat); no key comes
/// twice (a speaker does); and no role (`interviewer`) or capitalised key
/// (`Jane`) says a sentence (`interviewer: Where were you born?`).
fn yaml_keys(pairs: &[(String, String)]) -> bool {
    const KNOWN: [&str; 31] = [
        "title",
        "subtitle",
        "date",
        "author",
        "authors",
        "tags",
        "aliases",
        "created",
        "updated",
        "modified",
        "published",
        "source",
        "url",
        "description",
        "summary",
        "abstract",
        "keywords",
        "lang",
        "language",
        "status",
        "type",
        "category",
        "categories",
        "layout",
        "draft",
        "slug",
        "location",
        "participants",
        "project",
        "cssclasses",
        "date created",
    ];
    const ROLES: [&str; 12] = [
        "interviewer",
        "interviewee",
        "moderator",
        "respondent",
        "participant",
        "facilitator",
        "host",
        "guest",
        "speaker",
        "chair",
        "q",
        "a",
    ];
    let lowercase = |k: &str| !k.chars().any(char::is_uppercase);
    let word = |k: &str| {
        k.starts_with(|c: char| c.is_alphabetic())
            && k.chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-' || (c == ' ' && lowercase(k)))
    };
    let known = |k: &str| KNOWN.contains(&k.to_lowercase().as_str().trim());
    let capitals =
        |k: &str| k.chars().filter(|c| c.is_uppercase()).count() >= 2 && k == k.to_uppercase();
    // A capitalised name's sentence is a turn (a known key's is not:
    // `Title: Why ban TikTok?`); so is whatever a role says but a name
    // (`interviewer: Jane Doe`, `participant: P3`, not `interviewer: hi`).
    let sentence = |v: &str| v.trim_end().ends_with(['.', '?', '!', '…']);
    let name = |v: &str| {
        let words: Vec<&str> = v.split_whitespace().collect();
        let declared = v.contains(" (") && v.ends_with(')');
        declared
            || ((1..=4).contains(&words.len())
                && words.iter().all(|w| !w.starts_with(char::is_lowercase))
                && !sentence(v))
    };
    let said = |k: &str, v: &str| {
        let role = ROLES.contains(&k.to_lowercase().as_str());
        (role && !v.is_empty() && !name(v)) || (!lowercase(k) && !known(k) && sentence(v))
    };
    let mut keys: Vec<String> = pairs.iter().map(|(k, _)| k.to_lowercase()).collect();
    keys.sort_unstable();
    let repeated = keys.windows(2).any(|w| w[0] == w[1]);
    !repeated
        && pairs.iter().any(|(k, _)| known(k))
        && pairs.iter().all(|(k, v)| word(k) && !capitals(k) && !said(k, v))
}

/// A YAML scalar's text: quotes taken off (`"…"` with its escapes, `'…'`
/// with `''` for `'`), a comment after a plain one dropped.
fn scalar(value: &str) -> String {
    let v = value.trim();
    if let Some(inner) = v.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        let mut out = String::with_capacity(inner.len());
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            match (c, c == '\\') {
                (_, true) => match chars.next() {
                    Some('n') => out.push('\n'),
                    Some('t') => out.push('\t'),
                    Some(other) => out.push(other),
                    None => out.push('\\'),
                },
                (c, false) => out.push(c),
            }
        }
        return out;
    }
    if let Some(inner) = v.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')) {
        return inner.replace("''", "'");
    }
    v.split(" #").next().unwrap_or(v).trim().to_owned()
}

/// A setext heading: its text line and its underline (byte ranges of
/// `text`, without line ends) and its level.
struct Setext {
    text: std::ops::Range<usize>,
    underline: std::ops::Range<usize>,
    level: usize,
}

/// The setext headings of `text` (after any front matter, outside fenced
/// code that closes), by [`Underlines`].
fn setext(text: &str) -> Vec<Setext> {
    let from = matter(text).map_or(0, |f| f.len);
    let mut out = Vec::new();
    let mut seen = Underlines::new();
    let mut before = 0..0;
    for (line, code) in blocks::code_lines(&text[from..]) {
        let at = line.as_ptr() as usize - text.as_ptr() as usize;
        let range = at..at + line.len();
        if code {
            seen.interrupt();
            continue;
        }
        if let Some(level) = seen.see(line) {
            out.push(Setext { text: before.clone(), underline: range.clone(), level });
        }
        before = range;
    }
    out
}

/// How many underlined names [`Underlines`] keeps.
const NAMES: usize = 10_000;

/// Finds setext headings a line at a time: a line of `=` (level 1) or `-`
/// (level 2), half as wide as the line above at least (see
/// [`blocks::underlines`]), under a one-line paragraph that is not a list
/// item, a quote, a heading or a rule; and counts those that name
/// speakers. Code fences are the caller's to skip (the streaming import
/// cannot tell an unclosed one, so it counts through them).
pub struct Underlines {
    /// The line before could be a heading's text (one line after a
    /// blank): it is `text`.
    before: bool,
    text: String,
    blank: bool,
    /// A level-2 heading was counted: a turn (`SMITH: …`) on the next line
    /// says it was a part's title over a transcript's turns instead.
    counted: bool,
    /// How many level-2 headings name speakers: neither a transcript's
    /// turn (`SMITH: …`) nor followed by one.
    pub named: usize,
    /// Those names, in lowercase (the first [`NAMES`] of them).
    names: Vec<String>,
    /// How many lines open with a label, as a transcript's turns do
    /// (`SMITH: …`; see [`labelled`]).
    pub turns: usize,
    /// How many level-1 headings (`# Name`, or underlined with `=`): after
    /// front matter, which gives the title, they may name speakers (as
    /// pandoc writes a Word file's first headings).
    titles: usize,
}

impl Default for Underlines {
    fn default() -> Self {
        Self::new()
    }
}

impl Underlines {
    pub fn new() -> Self {
        Self {
            before: false,
            text: String::new(),
            blank: true,
            counted: false,
            named: 0,
            turns: 0,
            titles: 0,
            names: Vec::new(),
        }
    }

    /// Whether a transcript's speakers (`labels`, as a transcript reading
    /// found them) are all names these lines underlined: a transcript
    /// reading took them for names above their text (the underline its
    /// first line), as it would a transcript's.
    pub fn named_all<'a>(&self, labels: impl IntoIterator<Item = &'a str>) -> bool {
        labels.into_iter().all(|l| {
            let l = l.trim().to_lowercase();
            self.names.contains(&l) || self.names.len() >= NAMES
        })
    }

    /// Whether the lines seen name speakers as a Markdown conversation
    /// does, by their underlined names (see [`underlined`]): two at least,
    /// or one after front matter, and more than the transcript's turns.
    pub fn speakers(&self, after_front_matter: bool) -> bool {
        // (One level-1 heading after front matter may be the title again.)
        let titles = if after_front_matter { self.titles.saturating_sub(1) } else { 0 };
        let names = self.named + titles;
        names >= 2 - usize::from(after_front_matter) && self.turns < names
    }

    /// A line that is neither blank nor a heading's text (code).
    fn interrupt(&mut self) {
        self.before = false;
        self.blank = false;
    }

    /// The level of the heading `line` underlines, if it underlines one.
    pub fn see(&mut self, line: &str) -> Option<usize> {
        let before = std::mem::take(&mut self.before);
        let empty = line.trim().is_empty();
        self.turns += usize::from(!empty && labelled(line));
        if !empty && std::mem::take(&mut self.counted) && speaker_line(line) {
            self.named -= 1;
            if self.names.len() > self.named {
                self.names.pop();
            }
        }
        // Most lines open with a letter: text, no marker, no underline
        // (a transcript streamed through here may have millions).
        let plain = line.as_bytes().first().is_some_and(u8::is_ascii_alphabetic);
        if !plain
            && before
            && let Some(mark) = blocks::underline(line)
            && blocks::underlines(&self.text, line)
            && !speaker_line(&self.text)
        {
            self.blank = false;
            if mark == b'-' {
                self.named += 1;
                if self.names.len() < NAMES {
                    self.names.push(self.text.trim().to_lowercase());
                }
                self.counted = true;
            } else {
                self.titles += 1;
            }
            return Some(if mark == b'=' { 1 } else { 2 });
        }
        self.titles += usize::from(line.starts_with("# "));
        self.before = !empty
            && self.blank
            && (plain
                || (!line.starts_with('#')
                    && !line.starts_with("    ")
                    && blocks::item(line).is_none()
                    && !blocks::special(line)));
        if self.before {
            self.text.clear();
            self.text.push_str(line);
        }
        self.blank = empty;
        None
    }
}

/// Whether `line` opens with what looks like a speaker's label: one to six
/// words before a colon (or a full-width one) within its first 48 bytes,
/// a space and text after it, and no `?`, `!` or `,` in them (`SMITH: …`, `Dr. Ann
/// Lee: …`, `interviewer: …`; not `10:30`, `https:`, `So, he said: …`).
/// Looked for in every line a transcript has, so cheaper than
/// [`speaker_line`], which the line after an underline is still held to.
fn labelled(line: &str) -> bool {
    let head = &line.as_bytes()[..line.len().min(48)];
    let colon = match memchr::memchr(b':', head) {
        Some(at) => Some((at, 1)),
        // A full-width colon: EF BC 9A.
        None => memchr::memchr_iter(0xEF, head)
            .find(|&at| head.get(at + 1..at + 3) == Some(&[0xBC, 0x9A][..]))
            .map(|at| (at, 3)),
    };
    // (A colon is a character of its own: `at` is a boundary.)
    let Some((at, width)) = colon else { return false };
    let label = line[..at].trim_start();
    let mut words = 0;
    let mut gap = true;
    for b in label.bytes() {
        if matches!(b, b'?' | b'!' | b',' | b'/') {
            return false;
        }
        let space = b == b' ' || b == b'\t';
        words += usize::from(gap && !space);
        gap = space;
    }
    let ends = label
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphabetic() || matches!(c, ')' | ']' | '.'));
    // A space after an ASCII colon (`https://…` has none).
    let after = &line[at + width..];
    let spaced = width == 3 || after.starts_with([' ', '\t']);
    (1..=6).contains(&words) && ends && spaced && !after.trim().is_empty()
}

/// `text` with its setext headings written as `#` and `##` lines, each
/// underline left an empty line (so every line keeps its number); a
/// level-1 heading below the title a subhead (`###`). `None` if it has
/// none.
pub(super) fn atx(text: &str) -> Option<String> {
    let headings = setext(text);
    if headings.is_empty() {
        return None;
    }
    let front = matter(text);
    let body = front.as_ref().map_or(0, |f| f.len);
    // Front matter's title is the title: level-1 headings name speakers,
    // unless level-2 ones do (then they title parts).
    let titled = front.is_some_and(|f| {
        f.pairs.iter().any(|(k, v)| k.eq_ignore_ascii_case("title") && !v.is_empty())
    });
    let parts = headings.iter().any(|h| h.level == 2);
    let mut out = String::with_capacity(text.len() + headings.len() * 4);
    let mut from = 0;
    for h in headings {
        let top = text[body..h.text.start].trim().is_empty();
        out.push_str(&text[from..h.text.start]);
        out.push_str(match h.level {
            1 if titled && !parts => "## ",
            1 if top && !titled => "# ",
            1 => "### ",
            _ => "## ",
        });
        out.push_str(
            text[h.text.clone()].trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}'),
        );
        out.push_str(&text[h.text.end..h.underline.start]);
        from = h.underline.end;
    }
    out.push_str(&text[from..]);
    Some(out)
}

/// `text` with its `# ` lines after byte `from` (outside code) written as
/// `## ` lines: level-1 headings that name speakers, where the title is
/// front matter's or the file's name. `None` if it has none.
pub(super) fn demoted(text: &str, from: usize) -> Option<String> {
    let mut out = String::with_capacity(text.len() + 64);
    let mut copied = 0;
    let mut any = false;
    for (line, _) in blocks::code_lines(&text[from..]).into_iter().filter(|&(_, code)| !code) {
        if line.starts_with("# ") {
            let at = line.as_ptr() as usize - text.as_ptr() as usize;
            out.push_str(&text[copied..at]);
            out.push('#');
            copied = at;
            any = true;
        }
    }
    if !any {
        return None;
    }
    out.push_str(&text[copied..]);
    Some(out)
}

/// The lines of `text` seen, if `text`, without a `## ` line, may be a
/// Markdown conversation as other tools write one: two or more speakers'
/// names underlined with `-` (see [`Underlines`]), or one after front
/// matter, and fewer lines that open with a label (a transcript's parts
/// may be titled so; `import::markdown_by_names` reads it as a transcript
/// too, to be sure).
pub fn underlined(text: &str) -> Option<Underlines> {
    let text = text.trim_start_matches('\u{feff}');
    let front = matter(text);
    let mut seen = Underlines::new();
    for line in super::fast::lines(&text[front.as_ref().map_or(0, |f| f.len)..]) {
        seen.see(line);
    }
    seen.speakers(front.is_some()).then_some(seen)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn underlined_(text: &str) -> bool {
        underlined(text).is_some()
    }

    #[test]
    fn front_matter_as_pandoc_jekyll_and_obsidian_write_it() {
        let text = "---\ntitle: \"A hearing: day \\\"one\\\"\"\ndate: 2026-03-01\n# a comment\nauthor:\n  - Ann Lee\n  - 'Bo O''Neil'\ntags: [ban, tiktok]\nabstract: |\n  Two lines\n  of text.\nempty:\n---\n# Body\n";
        let front = matter(text).expect("front matter");
        let pairs: Vec<(&str, &str)> =
            front.pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(
            pairs,
            [
                ("title", "A hearing: day \"one\""),
                ("date", "2026-03-01"),
                ("author", "Ann Lee, Bo O'Neil"),
                ("tags", "ban, tiktok"),
                ("abstract", "Two lines of text."),
                ("empty", ""),
            ]
        );
        assert_eq!(&text[front.len..], "# Body\n");
        assert_eq!(front.lines, 13);
        // A rule, then prose, is no front matter; nor is a block not closed.
        assert_eq!(matter("---\nShe said so.\n---\n"), None);
        assert_eq!(matter("---\ntitle: x\n"), None);
        assert_eq!(matter("----\ntitle: x\n---\n"), None);
        // Turns between two rules are no front matter.
        assert_eq!(matter("---\nSMITH: Hello.\nJONES: Hi.\n---\n"), None);
        assert_eq!(matter("---\nJane: Hello.\nBob: Hi.\n---\n"), None);
        assert_eq!(matter("---\nJane Smith: Hello.\n---\n"), None);
        assert!(matter("---\nTitle: T\nStatus: draft\n---\n").is_some());
    }

    #[test]
    fn lines_that_open_with_a_label_are_told_cheaply() {
        for line in [
            "SMITH: Hello.",
            "Dr. Ann Lee: Hi",
            "interviewer: so",
            "王芳：你好",
            "Ann (Radio): Yes",
        ] {
            assert!(labelled(line), "{line}");
        }
        for line in
            ["10:30 we met", "https://example.com", "So, he said: yes", "SMITH:", "Why? Because: x"]
        {
            assert!(!labelled(line), "{line}");
        }
    }

    #[test]
    fn underlined_headings_become_hash_headings_line_for_line() {
        let text = "A hearing\n=========\n\nAda Okafor\n----------\n\nHello.\nStill her\n---\n\n- item\n---\n\n```\nCode\n---\n```\n\nBo\n--\nHi.\n";
        let written = atx(text).expect("has setext headings");
        assert_eq!(
            written,
            "# A hearing\n\n\n## Ada Okafor\n\n\nHello.\nStill her\n---\n\n- item\n---\n\n```\nCode\n---\n```\n\n## Bo\n\nHi.\n"
        );
        assert_eq!(written.lines().count(), text.lines().count());
        assert!(underlined_(text));
        assert_eq!(atx("No headings.\n\n---\n\nAt all.\n"), None);
        // One underlined line is not enough to call a text Markdown.
        assert!(!underlined_("HEARING\n-------\nSMITH: Thank you.\n"));
        assert!(underlined_("---\ntitle: T\n---\n\nAda\n---\n\nText.\n"));
        // Without underlined names, front matter and a title are no sign.
        assert!(!underlined_("---\ntitle: T\n---\n\n# T\n\nText.\n"));
        assert!(!underlined_("---\ntitle: T\n---\n\nSMITH: Text.\n"));
        // A titled transcript after front matter is a transcript.
        assert!(!underlined_("---\ntitle: T\n---\n\n# T\n\nSMITH: Text.\nJONES: Yes.\n"));
    }
}
