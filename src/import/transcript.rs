//! Reading transcripts: `NAME: text` turns, with what real transcripts carry
//! around them. See [`read`].

use std::collections::HashMap;

use super::speakers::{self, Said};
use super::{Header, ImportError, Note, empty_file, error, metadata};
use crate::model::ConversationFile;

/// Keys of header lines (before the first turn) that are metadata, not
/// speakers. `Date` (an ISO date) and `Title` fill those fields; the others
/// are kept in the conversation's `metadata`.
const HEADER_KEYS: &[&str] = &[
    "time",
    "date",
    "location",
    "place",
    "venue",
    "title",
    "subject",
    "recorded",
    "transcribed",
    "duration",
    "participants",
    "interviewer",
];

/// Lowercase particles allowed inside a name (`Ludwig van Beethoven`).
const PARTICLES: &[&str] = &[
    "van", "von", "de", "da", "del", "della", "der", "den", "la", "le", "di", "du", "bin", "al",
    "of", "the",
];

/// One speaker label: the name as written (without `(continuing)` or a
/// timestamp), the time if one was given, and what was said on the line.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Turn<'a> {
    pub name: &'a str,
    pub time: Option<&'a str>,
    pub text: &'a str,
}

/// `00:01:02`, `1:02`, `00:01:02.5`: digits in groups separated by colons.
fn is_time(s: &str) -> bool {
    let s = s
        .split_once('.')
        .map_or(s, |(t, frac)| if frac.bytes().all(|b| b.is_ascii_digit()) { t } else { "" });
    // Asked of the first word of every paragraph a Markdown reader checks
    // for a speaker label: no allocation, and most words fail at once.
    let mut parts = 0;
    for p in s.split(':') {
        parts += 1;
        if parts > 3 || !(1..=2).contains(&p.len()) || !p.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
    }
    parts >= 2
}

/// A timestamp at the start of `line` (`[00:01:02]`, `(1:02:03)`, `00:01:02`)
/// and the rest of the line after it.
fn leading_time(line: &str) -> Option<(&str, &str)> {
    let (inner, rest) = match line.chars().next()? {
        '[' => line[1..].split_once(']').filter(|(_, r)| r.starts_with(char::is_whitespace))?,
        '(' => line[1..].split_once(')').filter(|(_, r)| r.starts_with(char::is_whitespace))?,
        _ => line.split_once(char::is_whitespace)?,
    };
    is_time(inner.trim()).then(|| (inner.trim(), rest.trim_start()))
}

/// Where the colon ending a label is: the first `:` or `：` outside brackets.
///
/// Bytes, not chars: brackets and `:` are ASCII, `：` is `EF BC 9A`, and no
/// byte of a multi-byte character is ASCII. A line without a colon (most
/// paragraphs of prose) is passed over by one `memchr`; the brackets are
/// counted only up to the colons there are.
fn separator(line: &str) -> Option<(usize, usize)> {
    let bytes = line.as_bytes();
    let mut depth = 0i32;
    let mut counted = 0;
    for at in memchr::memchr2_iter(b':', 0x9A, bytes) {
        let (start, len) = match bytes[at] {
            b':' => (at, 1),
            _ if at >= 2 && bytes[at - 2..at] == [0xEF, 0xBC] => (at - 2, 3),
            _ => continue,
        };
        for &b in &bytes[counted..start] {
            match b {
                b'[' | b'(' => depth += 1,
                b']' | b')' => depth -= 1,
                _ => {}
            }
        }
        counted = start;
        if depth == 0 {
            return Some((start, len));
        }
    }
    None
}

/// Whether `name` looks like a speaker's name: short, starting with a letter,
/// its words capitalised (or particles, or numbers), periods only after an
/// honorific, an initial or `Jr`/`Sr`.
fn is_name(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 6
        && name.chars().count() <= 60
        && name.chars().next().is_some_and(char::is_alphabetic)
        && !name.contains(['?', '!', ',', ';', '"', '“', '”', '[', ']', '(', ')'])
        && words.iter().enumerate().all(|(i, w)| {
            let first = w.chars().next().unwrap_or(' ');
            let capital = !first.is_lowercase() || (i > 0 && PARTICLES.contains(w));
            let dots = w.matches('.').count();
            let dotted = dots == 0
                || (dots == 1
                    && w.ends_with('.')
                    && (crate::model::names::honorific(w).is_some()
                        || w.chars().count() == 2
                        || ["jr.", "sr.", "st."].contains(&w.to_lowercase().as_str())));
            capital && dotted
        })
}

/// `name` without a trailing `(continuing)`, `(cont'd)` or timestamp, and
/// the timestamp if there was one.
fn strip_suffixes(mut name: &str) -> (&str, Option<&str>) {
    let mut time = None;
    loop {
        let trimmed = name.trim_end();
        let Some(open) = trimmed.rfind(['(', '[']) else { break };
        let Some(inner) = trimmed[open + 1..].strip_suffix([')', ']']) else { break };
        let lower = inner.trim().to_lowercase().replace('’', "'");
        if is_time(inner.trim()) && time.is_none() {
            time = Some(inner.trim());
        } else if !["continuing", "cont'd", "contd", "cont.", "cont", "continued"]
            .contains(&lower.as_str())
        {
            break;
        }
        name = trimmed[..open].trim_end();
    }
    (name.trim(), time)
}

/// The speaker label on `line`, if it has one (the text may be empty).
pub(super) fn turn(line: &str) -> Option<Turn<'_>> {
    let line = line.trim();
    let (lead, rest) = match leading_time(line) {
        Some((t, rest)) => (Some(t), rest),
        None => (None, line),
    };
    let (at, len) = separator(rest)?;
    let (name, time) = strip_suffixes(&rest[..at]);
    let time = lead.or(time);
    is_name(name).then(|| Turn { name, time, text: rest[at + len..].trim() })
}

/// A line of a transcript as [`turn`] reads it, and two ways transcription
/// services write a label whose text comes on the next lines: a name and a
/// time with no colon after it (Otter.ai: `Priya Raman  0:02`), and a time
/// right after the colon (Rev: `Jane Smith: (00:00)`), which is the time.
pub(super) fn line_turn(line: &str) -> Option<Turn<'_>> {
    let line = line.trim();
    // Otter.ai sets the time off by two spaces (or a tab); one space, as in
    // `Recess 10:30` or `Chapter 3 1:02`, is text.
    if let Some((name, time)) = line.rsplit_once(char::is_whitespace)
        && is_time(time)
        && (name.ends_with(char::is_whitespace) || line.contains('\t'))
        && !name.contains([':', '：'])
        && is_name(name.trim())
    {
        return Some(Turn { name: name.trim(), time: Some(time), text: "" });
    }
    let mut t = turn(line)?;
    if t.time.is_none()
        && let Some(open) = t.text.chars().next().filter(|c| matches!(c, '(' | '['))
        && let Some((inner, rest)) = t.text[1..].split_once(if open == '(' { ')' } else { ']' })
        && is_time(inner.trim())
        && (rest.is_empty() || rest.starts_with(char::is_whitespace))
    {
        t.time = Some(inner.trim());
        t.text = rest.trim_start();
    }
    Some(t)
}

/// A label opening a subtitle cue as Zoom writes display names, which
/// [`turn`] does not take for a name: a name and a parenthesis (`Maria
/// González (she/her): text`, sure to be a label), or any short label
/// (`kwame mensah: text`, a label only if it is a known speaker's). The
/// label, where the text after it starts, and whether it is sure.
pub(super) fn display_label(line: &str) -> Option<(&str, usize, bool)> {
    let (at, len) = separator(line)?;
    let name = line[..at].trim();
    let text = line[at + len..].trim_start();
    let sure =
        name.strip_suffix(')').and_then(|n| n.rsplit_once(" (")).is_some_and(|(n, inner)| {
            is_name(n) && inner.chars().count() <= 30 && !inner.contains(['(', ')', '[', ']'])
        });
    let short = name.split_whitespace().count() <= 6
        && name.chars().count() <= 60
        && name.starts_with(char::is_alphanumeric)
        && !name.contains(['?', '!', ',', ';', '"', '“', '”', '[', ']']);
    (!text.is_empty() && (sure || short)).then(|| (name, line.len() - text.len(), sure))
}

/// `NAME: text` with some text, or a label with a time and the text on the
/// next lines (see [`line_turn`]), for sniffing a format.
pub(super) fn speaker_line(line: &str) -> bool {
    line_turn(line).is_some_and(|t| !t.text.is_empty() || t.time.is_some())
}

fn header_key(name: &str) -> bool {
    HEADER_KEYS.contains(&name.to_lowercase().as_str())
}

/// Whether label `t`, before the first turn, is a header line. A key that
/// is also a speaker's role (`Interviewer`, `Moderator`) followed by a
/// sentence (`INTERVIEWER: Shall we begin?`) is the first turn.
pub(super) fn is_header(t: &Turn) -> bool {
    let role = ["interviewer", "moderator"].contains(&t.name.to_lowercase().as_str());
    (header_key(t.name) || matches!(t.name, "Id" | "Subtitle" | "Source" | "Moderator"))
        && t.time.is_none()
        && !(role && sentence(t.text))
}

/// Whether `text` ends a sentence (`.`, `?`, `!`), as speech does and a
/// name (`Jane Doe`, `Jane Doe, Ph.D.`, `J. Doe Jr.`) does not.
fn sentence(text: &str) -> bool {
    let text = text.trim_end_matches(['"', '”', '’', '\'', ')', ']', ' ']);
    if text.ends_with(['?', '!', '…', '。', '？', '！']) {
        return true;
    }
    let Some(word) = text.strip_suffix('.').and_then(|t| t.split_whitespace().last()) else {
        return false;
    };
    let lower = word.to_lowercase();
    !(word.contains('.')
        || word.chars().count() == 1
        || ["jr", "sr", "esq"].contains(&lower.as_str()))
}

/// Keeps header line `t` in `header`.
pub(super) fn header_line(header: &mut Header, t: &Turn) {
    let key = t.name.to_lowercase();
    let value = t.text;
    let iso = crate::model::is_valid_date(value) && !value.is_empty();
    match key.as_str() {
        // A key with no value (`Participants:`) holds nothing to keep.
        _ if value.is_empty() => {}
        "title" => header.file.title = value.to_owned(),
        "date" if iso => header.file.date = value.to_owned(),
        "id" | "subtitle" | "source" | "moderator" => {
            metadata(header, &format!("{}: {value}", t.name));
        }
        // Time, Location, a date that is not ISO, …: kept as metadata.
        _ => header.file.metadata.push((t.name.to_owned(), value.to_owned())),
    }
}

/// How a label is written: capitals only, or capitals and lowercase.
fn case(label: &str) -> (bool, bool) {
    let upper = label.chars().any(char::is_uppercase);
    let lower = label.chars().any(char::is_lowercase);
    (upper && !lower, upper && lower)
}

/// What the labels so far say about words like `First:` inside a turn.
/// When the speakers are labelled in capitals (`SMITH:`, `JONES:`, two at
/// least) and none in mixed case, a mixed-case word and a colon on a line
/// right after a line of a turn (`First: the data.`) is text, not a new
/// speaker, unless it is a known speaker's label in another case.
#[derive(Default)]
pub(super) struct Casing {
    /// The capitals labels, lowercase, while no label is mixed case.
    caps: std::collections::HashSet<String>,
    mixed: bool,
}

impl Casing {
    /// A turn labelled `label`.
    pub fn see(&mut self, label: &str) {
        match case(label) {
            _ if self.mixed => {}
            (true, _) => {
                self.caps.insert(label.to_lowercase());
            }
            // A capitals speaker written otherwise (`Smith:`) is still one.
            (_, true) if self.caps.contains(&label.to_lowercase()) => {}
            (_, true) => {
                self.mixed = true;
                self.caps = Default::default();
            }
            _ => {}
        }
    }

    /// Whether `t`, on a line right after a line of a turn, continues it.
    pub fn continues(&self, t: &Turn) -> bool {
        !self.mixed
            && self.caps.len() >= 2
            && t.time.is_none()
            && !t.name.contains(char::is_whitespace)
            && case(t.name).1
            && !self.caps.contains(&t.name.to_lowercase())
    }
}

/// Whether `line` (trimmed) is a stage direction: `[music]`, `(laughter)`,
/// `（開会）`. Before the first turn it opens the first turn.
pub(super) fn is_stage_direction(line: &str) -> bool {
    line.starts_with(['[', '(', '（']) && line.ends_with([']', ')', '）'])
}

/// The error for a line that is not a turn before the first speaker.
pub(super) fn not_a_turn(n: usize, line: &str) -> ImportError {
    error(
        n,
        format!(
            "expected a `NAME: text` line, found {}; before the first speaker only a `# Title` line, header lines (`Date: 2020-09-25`, `Location: …`) and stage directions (`[music]`) may come",
            quoted(line)
        ),
    )
}

/// The error for a turn (on line `n`, labelled `label`) with no text.
pub(super) fn no_text(n: usize, label: &str) -> ImportError {
    error(
        n,
        format!(
            "{} has a speaker but no text; expected `NAME: text`, or the text on the lines after it",
            quoted(label)
        ),
    )
}

/// The error for a transcript of `lines` lines without a turn.
pub(super) fn no_turns(lines: usize) -> ImportError {
    error(lines.max(1), "no `NAME: text` lines; expected turns such as `SMITH: Thank you.`")
}

pub(super) fn quoted(line: &str) -> String {
    let clean = crate::model::sanitize::sanitize(line.trim());
    let cut: String = clean.chars().take(60).collect();
    if cut.len() < clean.len() { format!("\"{cut}…\"") } else { format!("\"{cut}\"") }
}

/// Reads a transcript. `NAME: text` starts a turn (`MR. SMITH:`,
/// `SMITH (continuing):`, `[00:01:02] SMITH:`, `SMITH [00:01:02]:`,
/// `名字：`); lines without a label continue the turn's paragraph, or start a
/// new one after a blank line; consecutive turns of one speaker form one
/// section. Before the first turn: an optional `# Title`, `Key: value`
/// header lines (`Date`, `Title`, `Time`, `Location`, … and the Markdown
/// keys `Id`, `Subtitle`, `Source`, `Moderator`), and stage directions
/// (`[music]`, `（開会）`), which open the first turn. A label's timestamp is kept as
/// the time of the paragraph it starts. In a transcript labelled in
/// capitals, `First:` on a line right after a line of a turn continues it
/// (see [`Casing`]).
pub(super) fn read(text: &str, stem: &str) -> Result<(ConversationFile, Vec<Note>), ImportError> {
    let mut header = Header { file: empty_file(stem) };
    header.file.title = stem.to_owned();
    let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l)).peekable();
    while lines.peek().is_some_and(|(_, l)| l.trim().is_empty()) {
        lines.next();
    }
    if let Some((_, l)) = lines.peek()
        && let Some(title) = l.trim_start_matches('\u{feff}').strip_prefix("# ")
    {
        header.file.title = title.trim().to_owned();
        lines.next();
    }
    let mut labels: Vec<String> = Vec::new();
    let mut label_index: HashMap<&str, usize> = HashMap::new();
    let mut turns: Vec<Said> = Vec::new();
    let mut before: Vec<String> = Vec::new();
    let mut gap = false;
    let mut pending_time: Option<String> = None;
    let mut casing = Casing::default();
    for (n, line) in lines {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            gap = true;
            continue;
        }
        let in_turn = !gap && turns.last().is_some_and(|t| !t.paragraphs.is_empty());
        match line_turn(line).filter(|t| !(in_turn && casing.continues(t))) {
            Some(t) if turns.is_empty() && is_header(&t) => header_line(&mut header, &t),
            Some(t) => {
                casing.see(t.name);
                let label = *label_index.entry(t.name).or_insert_with(|| {
                    labels.push(t.name.to_owned());
                    labels.len() - 1
                });
                let time = t.time.unwrap_or_default().to_owned();
                let mut paragraphs = std::mem::take(&mut before);
                let mut times = vec![String::new(); paragraphs.len()];
                if let Some(first) = times.first_mut() {
                    first.clone_from(&time);
                }
                if !t.text.is_empty() {
                    paragraphs.push(t.text.to_owned());
                    times.push(if paragraphs.len() == 1 { time } else { String::new() });
                } else if paragraphs.is_empty() && !time.is_empty() {
                    // The text comes on the next lines: it starts at this time.
                    pending_time = Some(time);
                }
                turns.push(Said { line: n, label, paragraphs, times });
            }
            None => match turns.last_mut() {
                Some(last) => match last.paragraphs.last_mut() {
                    Some(p) if !gap => super::cues::join(p, trimmed),
                    _ => {
                        last.paragraphs.push(trimmed.to_owned());
                        last.times.push(pending_time.take().unwrap_or_default());
                    }
                },
                None if is_stage_direction(trimmed) => {
                    before.push(trimmed.to_owned());
                }
                None => return Err(not_a_turn(n, line)),
            },
        }
        gap = false;
    }
    if let Some(t) = turns.iter().find(|t| t.paragraphs.is_empty()) {
        return Err(no_text(t.line, &labels[t.label]));
    }
    if turns.is_empty() {
        return Err(no_turns(text.lines().count()));
    }
    let mut file = header.file;
    let notes = speakers::assemble(&mut file, &labels, turns);
    Ok((file, notes))
}
