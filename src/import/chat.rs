//! Reading chat exports: WhatsApp's *Export chat* as Android writes it
//! (`12/03/2024, 09:16 - Ana Lima: text`) and as iOS does (`[12/03/2024,
//! 09:16:02] Ana Lima: text`), in any locale's order of day, month and year
//! (`3/12/24`, `12.03.24`, `2024-03-12`) and on either clock (`9:16 PM`,
//! `21:16`) (see `whatsapp`); Zoom's saved meeting chat (`00:05:12 From
//! Jane Smith to Everyone:`, see `zoom`); and Telegram's JSON export (see
//! `telegram`). Focus groups and interviews are held in WhatsApp and
//! Telegram groups and beside Zoom calls, and these are the files
//! researchers get from them. See [`read`].

mod days;
mod lines;
#[cfg(test)]
mod locale_tests;
mod telegram;
#[cfg(test)]
mod tests;
mod whatsapp;
mod zoom;

use super::speakers;
use super::transcript::quoted;
use super::{ImportError, Note, empty_file, error};
use crate::model::ConversationFile;

/// How far into a line a chat's first line is judged (a Zoom message's
/// sender ends within it); the streaming import, which keeps only the
/// start of a long first line, sniffs it alike.
const WINDOW: usize = 256;

/// How many bytes of `line` [`is_chat_line`] looks at, at most.
pub(super) fn judged(line: &str) -> usize {
    line.len() - line.trim_start_matches(invisible).len() + WINDOW
}

/// Marks a chat app writes around names and at the start of lines that
/// are no one's words: the byte order mark, and the bidirectional marks
/// and isolates WhatsApp sets around phone numbers and attachments.
fn invisible(c: char) -> bool {
    matches!(c, '\u{feff}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A message's date as written, and its three numbers in the order written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Date<'a> {
    written: &'a str,
    numbers: [u32; 3],
    /// The year comes first (`2024-03-12`).
    year_first: bool,
    /// The year has two digits (`24`).
    short_year: bool,
}

/// A message's first line: when it was sent, by whom, to whom if not to
/// everyone, and its text on this line.
struct Sent<'a> {
    date: Option<Date<'a>>,
    time: String,
    sender: String,
    text: &'a str,
    to: Option<String>,
    shape: Shape,
    /// Opened by a U+200E mark, as iOS opens what WhatsApp writes in a
    /// sender's name: an attachment's placeholder, a poll, or a notice.
    marked: bool,
}

/// A line that opens with the app's stamp.
enum Line<'a> {
    Message(Sent<'a>),
    /// A line the app writes itself: someone joined, left, … (iOS: in a
    /// sender's name, the group's for most).
    System {
        shape: Shape,
        sender: Option<String>,
    },
}

impl Line<'_> {
    fn shape(&self) -> Shape {
        match self {
            Line::Message(s) => s.shape,
            Line::System { shape, .. } => *shape,
        }
    }
}

/// The layout of a line's stamp (brackets, separators, clock): a chat
/// keeps to its first line's, so a stamp of another layout pasted into a
/// message is its text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Shape(u32);

/// The apps whose exports are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Exporter {
    WhatsApp,
    Zoom,
    /// Read whole, as JSON (see `telegram`).
    Telegram,
}

impl Exporter {
    /// The app whose stamp opens `line`, if any.
    fn of(line: &str) -> Option<Exporter> {
        match () {
            _ if whatsapp::parse(line).is_some() => Some(Exporter::WhatsApp),
            _ if zoom::parse(line).is_some() => Some(Exporter::Zoom),
            _ => None,
        }
    }

    fn parse(self, line: &str) -> Option<Line<'_>> {
        match self {
            Exporter::WhatsApp => whatsapp::parse(line),
            Exporter::Zoom => zoom::parse(line),
            Exporter::Telegram => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Exporter::WhatsApp => "WhatsApp",
            Exporter::Zoom => "Zoom",
            Exporter::Telegram => "Telegram",
        }
    }

    /// What notes call a line the app writes itself.
    fn own_line(self) -> (&'static str, &'static str) {
        match self {
            Exporter::Telegram => ("service message", "service messages"),
            _ => ("line", "lines"),
        }
    }

    /// What notes name a message by: its line, or (JSON) its id.
    fn unit(self) -> &'static str {
        match self {
            Exporter::Telegram => "message",
            _ => "line",
        }
    }

    /// The error for an export without a message.
    fn none(self) -> &'static str {
        match self {
            Exporter::Telegram => {
                "no messages with a sender: not a Telegram chat export (Telegram Desktop's Export chat history writes result.json), or one with none"
            }
            _ => {
                "no chat messages; expected lines such as `12/03/2024, 09:16 - Ana Lima: text` or `[12/03/2024, 09:16:02] Ana Lima: text` (WhatsApp's exported chat) or `00:05:12 From Ana Lima to Everyone:` (Zoom's saved chat)"
            }
        }
    }
}

/// Whether `line` opens as a chat export's line does.
pub(super) fn is_chat_line(line: &str) -> bool {
    Exporter::of(line.trim()).is_some()
}

/// One message: where it starts, who sent it, when, to whom if not to
/// everyone, and its paragraphs (lines kept apart by line breaks; a blank
/// line starts another).
struct Message<'a> {
    line: usize,
    /// The line it opens with, as written.
    origin: &'a str,
    marked: bool,
    sender: String,
    date: Option<Date<'a>>,
    time: String,
    to: Option<String>,
    paragraphs: Vec<String>,
}

/// What a chat's lines hold.
#[derive(Default)]
struct Read<'a> {
    messages: Vec<Message<'a>>,
    /// The lines the app writes itself, without invisible marks, with
    /// their line numbers (or ids), to be noted in order.
    dropped: Vec<(usize, String)>,
    /// The introduction's first and last lines.
    intro: Option<(usize, usize)>,
    lines: usize,
    /// How many lines open with a stamp (messages and the app's own).
    stamps: usize,
}

/// Reads a chat export. Each message is a paragraph of its sender's, timed
/// as the app stamped it; consecutive messages of one sender form one
/// turn; a message's line breaks are kept, and its lines are never labels;
/// where the app writes dates (WhatsApp), the first message of each day is
/// preceded by a subhead with the date (ISO 8601 when the file's dates say
/// which number is the day, as written otherwise) and the first day is the
/// conversation's date. Lines the app writes itself (the encryption
/// notice, someone joined, left, renamed the group) are dropped with a
/// note; placeholders for media (`<Media omitted>`, `image omitted`) stay,
/// as what was sent; a message to one person (Zoom's direct messages)
/// stays its sender's, with a note. Text before the first stamp is the
/// introduction.
pub(super) fn read(text: &str, stem: &str) -> Result<(ConversationFile, Vec<Note>), ImportError> {
    if telegram::is_export(text) {
        return telegram::read(text, stem);
    }
    let mut file = empty_file(stem);
    file.title = stem.to_owned();
    let lines_in = || text.lines().count().max(1);
    let Some(app) = text.lines().find_map(Exporter::of) else {
        return Err(error(lines_in(), Exporter::WhatsApp.none()));
    };
    let mut read = lines::read(text, app, &mut file.intro);
    read.lines = lines_in();
    // One stamp makes no chat: a transcript may open with a date and a
    // time (`12/03/2024, 10:00 - Agenda`, `00:00:00 From the top to
    // here:`), and is read as one if it reads as one.
    if read.stamps < 2
        && let Ok(transcript) = super::transcript::read(text, stem)
    {
        return Ok(transcript);
    }
    finish(file, read, app)
}

/// `file` made of what was `read` from a chat of `app`, with the notes.
fn finish(
    mut file: ConversationFile,
    mut read: Read,
    app: Exporter,
) -> Result<(ConversationFile, Vec<Note>), ImportError> {
    let mut notes: Vec<Note> = Vec::new();
    for m in &mut read.messages {
        m.paragraphs.retain(|p| !p.is_empty());
        if m.paragraphs.is_empty() {
            notes.push(Note {
                label: m.sender.clone(),
                message: format!("{} {}: a message with no text, left out", app.unit(), m.line),
            });
        }
    }
    read.messages.retain(|m| !m.paragraphs.is_empty());
    if read.messages.is_empty() {
        return Err(error(read.lines, app.none()));
    }
    let (turns, labels, date) = days::turns(&read.messages);
    file.date = date;
    speakers::assemble_exact(&mut file, &labels, turns);
    read.dropped.sort_by_key(|&(line, _)| line);
    let dropped: Vec<String> = read.dropped.into_iter().map(|(_, l)| l).collect();
    notes.extend(dropped_notes(app, &dropped));
    notes.extend(direct_note(&read.messages));
    if let Some((first, last)) = read.intro {
        let lines =
            if first == last { format!("line {first}") } else { format!("lines {first}–{last}") };
        notes.push(Note {
            label: String::new(),
            message: format!(
                "{lines}, before the first message, kept as the introduction (shown by I, not coded)"
            ),
        });
    }
    Ok((file, notes))
}

/// Whether `text` is a Telegram export (see `telegram`).
pub(super) fn is_telegram(text: &str) -> bool {
    telegram::is_export(text)
}

/// How many dropped lines are named one by one; the rest are counted.
const NAMED: usize = 3;

/// The notes on lines the app writes itself, dropped: the first few by
/// name, the rest counted (a large group's joins and leaves run to
/// hundreds).
fn dropped_notes(app: Exporter, dropped: &[String]) -> Vec<Note> {
    let (one, many) = app.own_line();
    let app = app.name();
    let note = |message| Note { label: String::new(), message };
    // One more is named rather than counted.
    let named = if dropped.len() <= NAMED + 1 { dropped.len() } else { NAMED };
    let mut notes: Vec<Note> = dropped[..named]
        .iter()
        .map(|l| note(format!("dropped {app}'s {one} {}, which is no one's speech", quoted(l))))
        .collect();
    if let Some(first) = dropped.get(named) {
        let more = dropped.len() - named;
        notes.push(note(format!(
            "dropped {more} more {many} {app} writes itself (such as {}), which are no one's speech",
            quoted(first)
        )));
    }
    notes
}

/// The note on messages not sent to everyone (to one person, a breakout
/// room), kept as their senders' paragraphs: a researcher may not mean to
/// code what was said in private.
fn direct_note(messages: &[Message]) -> Option<Note> {
    let direct: Vec<&Message> = messages.iter().filter(|m| m.to.is_some()).collect();
    let first = direct.first()?;
    let lines: Vec<String> = direct.iter().take(10).map(|m| m.line.to_string()).collect();
    let more = if direct.len() > 10 { ", …" } else { "" };
    let count = if direct.len() == 1 {
        "1 message not sent to everyone (a direct message, or to a breakout room)".to_owned()
    } else {
        format!(
            "{} messages not sent to everyone (direct messages, or to a breakout room)",
            direct.len()
        )
    };
    Some(Note {
        label: String::new(),
        message: format!(
            "{count} kept as their senders' paragraphs (such as {}'s to {}): line{} {}{more}",
            crate::model::sanitize::sanitize(&first.sender),
            crate::model::sanitize::sanitize(first.to.as_deref().unwrap_or_default()),
            if direct.len() == 1 { "" } else { "s" },
            lines.join(", ")
        ),
    })
}
