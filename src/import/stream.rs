//! Importing a transcript without holding it: a first pass ([`scan`]) reads
//! the lines for the header, the speakers and every error
//! `transcript::read` and `Conversation::new` would report, keeping
//! only the distinct labels; a second pass ([`write()`]) reads them again and
//! writes the conversation's RON section by section, holding one paragraph
//! (and the times of one section). The result is byte for byte what
//! `to_ron(import(…))` writes.
//!
//! Sniffing is done as [`super::sniff`] would on the whole file, from the
//! first 4 KiB and the first two lines; a file whose start has a NUL byte,
//! or (when the kind is not given) holds a `## ` heading, is left to the
//! in-memory import ([`Scanned::InMemory`]).

use std::collections::{HashMap, HashSet};
use std::io::{self, BufRead};

use super::transcript::{self, Turn};
use super::{Format, Header, ImportError, Summary, empty_file};
use crate::model::{Conversation, ConversationFile, ValidationError};

/// Bytes of a file's start that sniffing looks at: a BOM and 4 KiB.
const HEAD: usize = 3 + 4096;

/// The longest paragraph a conversation holds (its offsets are `u32`).
const MAX_PARAGRAPH: usize = u32::MAX as usize;

/// Why a pass stopped.
#[derive(Debug)]
pub enum Stop {
    Io(io::Error),
    Import(ImportError),
    Invalid(ValidationError),
}

impl From<io::Error> for Stop {
    fn from(e: io::Error) -> Self {
        Stop::Io(e)
    }
}

/// What a pass does with the parts of a transcript, met in order.
trait Sink {
    fn title(&mut self, _title: &str) {}
    /// Front matter's keys and values (see `markdown::front_matter`).
    fn front(&mut self, _pairs: Vec<(String, String)>) {}
    fn header(&mut self, _t: &Turn) {}
    /// A name of a list of who sat, on a line of its own below the list's
    /// key (see `transcript::list_name`).
    fn listed(&mut self, _name: &str) {}
    /// A turn labelled `name` starts.
    fn turn(&mut self, name: &str) -> Result<(), Stop>;
    /// A paragraph of the current turn starts.
    fn paragraph(&mut self, text: &str, time: &str) -> Result<(), Stop>;
    /// A line before the first speaker, kept as the introduction: a new
    /// paragraph of it, or (`joined`) the last one's next line.
    fn intro(&mut self, _text: &str, _joined: bool) -> Result<(), Stop> {
        Ok(())
    }
    /// A wrapped line continues the paragraph, after a space if `spaced`
    /// (none between CJK characters: see [`super::cues::join`]).
    fn extend(&mut self, text: &str, spaced: bool) -> Result<(), Stop>;
}

/// The first pass's sink: the header, the labels, paragraph lengths.
struct Collect {
    header: Header,
    labels: Vec<String>,
    index: HashMap<String, usize>,
    /// The label speaking, each label's paragraphs, and how often each
    /// took over from another: for the [`Summary`].
    speaking: Option<usize>,
    paragraphs: Vec<usize>,
    changes: HashMap<(Option<usize>, usize), usize>,
    length: usize,
    /// The longest paragraph allowed ([`MAX_PARAGRAPH`]; less in tests).
    limit: usize,
    too_long: bool,
}

impl Sink for Collect {
    fn title(&mut self, title: &str) {
        self.header.file.title = title.to_owned();
        self.header.titled = true;
    }

    fn front(&mut self, pairs: Vec<(String, String)>) {
        if let Some(title) = super::markdown::apply_front(&mut self.header, pairs) {
            self.header.file.title = title;
            self.header.titled = true;
        }
    }

    fn header(&mut self, t: &Turn) {
        transcript::header_line(&mut self.header, t);
    }

    fn listed(&mut self, name: &str) {
        transcript::list_name(&mut self.header, name);
    }

    fn intro(&mut self, text: &str, joined: bool) -> Result<(), Stop> {
        let intro = &mut self.header.file.intro;
        match intro.last_mut() {
            Some(p) if joined => crate::import::cues::join(p, text),
            _ => intro.push(text.to_owned()),
        }
        Ok(())
    }

    fn turn(&mut self, name: &str) -> Result<(), Stop> {
        let label = match self.index.get(name) {
            Some(&label) => label,
            None => {
                self.index.insert(name.to_owned(), self.labels.len());
                self.labels.push(name.to_owned());
                self.paragraphs.push(0);
                self.labels.len() - 1
            }
        };
        if self.speaking != Some(label) {
            *self.changes.entry((self.speaking, label)).or_default() += 1;
        }
        self.speaking = Some(label);
        Ok(())
    }

    fn paragraph(&mut self, text: &str, _time: &str) -> Result<(), Stop> {
        if let Some(label) = self.speaking {
            self.paragraphs[label] += 1;
        }
        self.length = text.len();
        self.too_long |= self.length > self.limit;
        Ok(())
    }

    fn extend(&mut self, text: &str, spaced: bool) -> Result<(), Stop> {
        self.length += usize::from(spaced) + text.len();
        self.too_long |= self.length > self.limit;
        Ok(())
    }
}

/// What the first pass found.
#[derive(Debug)]
pub enum Scanned {
    /// A transcript to write with [`write()`].
    Ready(Box<Plan>),
    /// Import it in memory: Markdown, or text whose sniffing needs all of it.
    InMemory,
    /// A format crosstalk does not read.
    Unsupported(Format),
    /// Not UTF-8: the offset of the first bad byte, its line and column.
    NotUtf8 {
        offset: u64,
        line: usize,
        column: usize,
    },
    Import(ImportError),
    Invalid(ValidationError),
    /// Labels in lowercase open two lines or more (`interviewer: so…`):
    /// speakers, which the pass did not know of. Read it again knowing
    /// them ([`scan_knowing`]).
    Again(HashSet<String>),
}

/// A checked transcript, ready for [`write()`].
#[derive(Debug)]
pub struct Plan {
    /// Everything but the sections.
    pub head: ConversationFile,
    index: HashMap<String, usize>,
    /// Each label's contributor.
    by_label: Vec<usize>,
    /// Labels that may be one of several people, kept apart.
    pub notes: Vec<super::Note>,
    /// Who speaks, how often.
    pub summary: Summary,
    /// The file's length: the second pass must read as much.
    bytes: u64,
    /// A paragraph is too long: [`write()`] finds which (or, if that cannot
    /// be, reports `silent`).
    pub too_long: bool,
    limit: usize,
    silent: Option<ValidationError>,
    /// The lowercase labels that are speakers (see [`Scanned::Again`]).
    lowercase: HashSet<String>,
}

/// The first pass over a transcript. `stem` names it (see
/// [`super::import`]); `auto`: the kind was not given, so a `## ` heading
/// makes it Markdown; `progress` hears the bytes read now and then.
pub fn scan<R: BufRead>(
    reader: R,
    stem: &str,
    auto: bool,
    progress: &mut dyn FnMut(u64),
) -> io::Result<Scanned> {
    scan_with(reader, stem, auto, progress, MAX_PARAGRAPH, &HashSet::new())
}

/// [`scan`] again, knowing which lowercase labels are speakers (what
/// [`Scanned::Again`] gave).
pub fn scan_knowing<R: BufRead>(
    reader: R,
    stem: &str,
    auto: bool,
    progress: &mut dyn FnMut(u64),
    lowercase: &HashSet<String>,
) -> io::Result<Scanned> {
    scan_with(reader, stem, auto, progress, MAX_PARAGRAPH, lowercase)
}

/// [`scan`], with paragraphs up to `limit` bytes and the lowercase labels
/// known to be speakers.
fn scan_with<R: BufRead>(
    reader: R,
    stem: &str,
    auto: bool,
    progress: &mut dyn FnMut(u64),
    limit: usize,
    lowercase: &HashSet<String>,
) -> io::Result<Scanned> {
    let mut header =
        Header { file: empty_file(stem), titled: false, named_by: None, listing: None };
    header.file.title = stem.to_owned();
    let mut sink = Collect {
        header,
        labels: Vec::new(),
        index: HashMap::new(),
        speaking: None,
        paragraphs: Vec::new(),
        changes: HashMap::new(),
        length: 0,
        limit,
        too_long: false,
    };
    let mut machine = Machine::knowing(lowercase.clone());
    let mut counted = transcript::Lowercase::default();
    let mut lines = Lines::new(reader, progress);
    let mut outcome: Result<(), Stop> = Ok(());
    let mut markdown = false;
    // Speakers' names underlined (`Name` / `----`): Markdown too.
    let mut underlines = super::markdown::Underlines::new();
    let mut fronted = false;
    let mut first_lines: Vec<String> = Vec::new();
    let mut bad = None;
    while let Some((n, line)) = lines.next()? {
        let line = match line {
            Ok(line) => line,
            Err((offset, column)) => {
                bad = Some((offset, n, column));
                break;
            }
        };
        markdown |= line.starts_with("## ");
        if !markdown {
            underlines.see(line);
        }
        counted.see(transcript::without_bom(line));
        if first_lines.len() < 2 && !line.trim().is_empty() {
            first_lines.push(stand_in(line.trim(), first_lines.is_empty()));
        }
        if outcome.is_ok() {
            outcome = machine.feed(n, line, &mut sink);
        }
        // Underlines are looked for after front matter, as in memory.
        if machine.front_read() && !fronted {
            fronted = true;
            underlines = super::markdown::Underlines::new();
        }
    }
    // Sniffing looks at the first 4 KiB whatever the error.
    while lines.head.len() < HEAD && lines.next()?.is_some() {}
    let head = lines.head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&lines.head);
    let head = &head[..head.len().min(HEAD - 3)];
    // UTF-16 (after its byte order mark) is decoded whole, in memory.
    if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        return Ok(Scanned::InMemory);
    }
    match super::sniff(head) {
        f @ Format::Pdf => return Ok(Scanned::Unsupported(f)),
        // Decoded whole, in memory; or judged whole (a zip's directory is
        // at its end; a password's mark anywhere in a compound file).
        Format::Utf16
        | Format::Word
        | Format::OpenDocument
        | Format::Rtf
        | Format::Zip
        | Format::Document
        | Format::Protected => return Ok(Scanned::InMemory),
        _ => {}
    }
    let nul = head.contains(&0);
    match bad {
        Some(_) if nul => return Ok(Scanned::Unsupported(Format::Binary)),
        Some((offset, line, column)) => return Ok(Scanned::NotUtf8 { offset, line, column }),
        None => {}
    }
    // A conversation file given to import: the in-memory import says so.
    let text = match std::str::from_utf8(head) {
        Ok(text) => text,
        Err(e) => std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or_default(),
    };
    if auto && super::conversation_like(text) {
        return Ok(Scanned::InMemory);
    }
    // A Telegram export (JSON) is read in memory, by its own reader.
    if super::chat::is_telegram(text) {
        return Ok(Scanned::InMemory);
    }
    // Subtitles and chat exports are read in memory, by their own readers.
    if let Format::WebVtt | Format::Srt | Format::Chat = super::sniff_text(&first_lines.join("\n"))
    {
        return Ok(Scanned::InMemory);
    }
    // Speakers' names underlined: Markdown, if the transcript has no turn
    // or only theirs (as `import::markdown_by_names` tells it, below).
    let underlined = auto && underlines.speakers(fronted);
    if nul || (auto && markdown) {
        return Ok(Scanned::InMemory);
    }
    let found = counted.speakers();
    if !found.is_subset(lowercase) {
        return Ok(Scanned::Again(found));
    }
    match outcome.and_then(|()| machine.finish(lines.number, &mut sink)) {
        // Its only speakers the names underlined: Markdown's sections.
        Ok(()) if underlined && underlines.named_all(sink.labels.iter().map(String::as_str)) => {
            return Ok(Scanned::InMemory);
        }
        Ok(()) => {}
        Err(Stop::Import(_)) if underlined && !machine.started() => {
            return Ok(Scanned::InMemory);
        }
        Err(Stop::Import(e)) => return Ok(Scanned::Import(e)),
        Err(Stop::Invalid(e)) => return Ok(Scanned::Invalid(e)),
        Err(Stop::Io(e)) => return Err(e),
    }
    let mut head = sink.header.file;
    let (by_label, mut notes) = super::speakers::contributors(&mut head, &sink.labels);
    notes.extend(machine.notes());
    // Conversation::new checks the header and contributors before the
    // sections: with none, reaching that check means all before it passed.
    match Conversation::new(head.clone()) {
        Err(ValidationError::NoSections) => {}
        Err(e) => return Ok(Scanned::Invalid(e)),
        Ok(_) => {}
    }
    let mut spoke = vec![false; head.contributors.len()];
    for &c in &by_label {
        spoke[c] = true;
    }
    let silent = head
        .contributors
        .iter()
        .zip(&spoke)
        .find(|(_, spoke)| !**spoke)
        .map(|(c, _)| ValidationError::SilentContributor { id: c.id.clone() });
    // A paragraph too long is reported first, by section: the second pass knows which.
    if let Some(e) = silent.clone().filter(|_| !sink.too_long) {
        return Ok(Scanned::Invalid(e));
    }
    let summary = Summary::counted(&head.contributors, &by_label, &sink.paragraphs, &sink.changes);
    Ok(Scanned::Ready(Box::new(Plan {
        head,
        index: sink.index,
        by_label,
        notes,
        summary,
        bytes: lines.offset,
        too_long: sink.too_long,
        limit,
        silent,
        lowercase: lowercase.clone(),
    })))
}

/// A short stand-in for a long first (or second) non-blank line, trimmed,
/// that `sniff_text` judges alike: in first place it looks for `WEBVTT`,
/// digits only, or a chat's stamp in the line's first
/// [`STAMP_WINDOW`](super::chat::STAMP_WINDOW) bytes; in second place for
/// an SRT timing before `-->`.
fn stand_in(line: &str, first: bool) -> String {
    if line.len() <= 256 {
        return line.to_owned();
    }
    if first {
        if line.bytes().all(|b| b.is_ascii_digit()) {
            return "0".into();
        }
        // Keeps `WEBVTT ` and a chat's stamp, and ends in something
        // neither digit nor space.
        let judged = super::chat::judged(line);
        let kept = line.char_indices().take_while(|&(at, _)| at <= judged);
        return kept.map(|(_, c)| c).chain(['\u{1}']).collect();
    }
    match line.split_once("-->") {
        Some((start, _)) if start.trim().len() <= 64 => format!("{}-->", start.trim()),
        _ => "\u{1}".into(),
    }
}

mod lines;
mod machine;
#[cfg(test)]
mod tests;
mod writer;

use lines::Lines;
use machine::Machine;

pub use writer::write;
