//! Telegram Desktop's exported chat history in JSON (`result.json`): a
//! group's, a channel's or a private chat's messages, each with its sender
//! (`from`), its date (`2024-03-12T19:05:40`) and its text, a string or a
//! list of plain strings and formatted pieces (links, bold, mentions).
//! Service messages (a group created, members added, a message pinned) are
//! no one's words.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;

use super::{Date, Exporter, Message, Read, finish};
use crate::import::{ImportError, Note, empty_file, error};
use crate::model::ConversationFile;

/// How far into the file its `"messages"` key is looked for (Telegram
/// writes the chat's name, type and id before it).
const HEAD: usize = 4096;

/// Whether `text` is a Telegram export: a JSON object with a `messages`
/// key in its first [`HEAD`] bytes (so the streaming import, which keeps
/// only those, sniffs it alike).
pub(super) fn is_export(text: &str) -> bool {
    let text = text.trim_start_matches('\u{feff}');
    let head = &text.as_bytes()[..text.len().min(HEAD)];
    head.trim_ascii_start().starts_with(b"{")
        && memchr::memmem::find(head, b"\"messages\"").is_some()
}

#[derive(Deserialize)]
struct Export {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    messages: Vec<Entry>,
    /// A whole account's export holds its chats here.
    #[serde(default)]
    chats: Option<serde::de::IgnoredAny>,
}

/// One message as Telegram writes it; fields it may leave out default.
#[derive(Deserialize, Default)]
#[serde(default)]
struct Entry {
    id: i64,
    #[serde(rename = "type")]
    kind: String,
    date: String,
    from: Option<String>,
    from_id: Option<String>,
    actor: Option<String>,
    action: Option<String>,
    text: Text,
    forwarded_from: Option<String>,
    photo: Option<String>,
    media_type: Option<String>,
    sticker_emoji: Option<String>,
    file_name: Option<String>,
    file: Option<String>,
    poll: Option<Poll>,
    location_information: Option<serde::de::IgnoredAny>,
    contact_information: Option<serde::de::IgnoredAny>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Poll {
    question: String,
    answers: Vec<Answer>,
}

/// A poll's answer and how many chose it.
#[derive(Deserialize, Default)]
#[serde(default)]
struct Answer {
    text: String,
    voters: Option<u64>,
}

impl Poll {
    /// `[poll: Which app? — TikTok (3), WeChat (2)]`: the answers are the
    /// group's responses, data as much as the question.
    fn mark(&self) -> String {
        let answers: Vec<String> = self
            .answers
            .iter()
            .map(|a| match a.voters {
                Some(n) => format!("{} ({n})", a.text),
                None => a.text.clone(),
            })
            .collect();
        match answers.is_empty() {
            true => format!("[poll: {}]", self.question),
            false => format!("[poll: {} — {}]", self.question, answers.join(", ")),
        }
    }
}

/// A message's text: a string, or pieces.
#[derive(Deserialize)]
#[serde(untagged)]
enum Text {
    Plain(String),
    Pieces(Vec<Piece>),
}

impl Default for Text {
    fn default() -> Self {
        Text::Plain(String::new())
    }
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Piece {
    Plain(String),
    Formatted { text: String },
}

impl Text {
    fn joined(&self) -> String {
        match self {
            Text::Plain(s) => s.clone(),
            Text::Pieces(pieces) => pieces
                .iter()
                .map(|p| match p {
                    Piece::Plain(s) | Piece::Formatted { text: s } => s.as_str(),
                })
                .collect(),
        }
    }
}

impl Entry {
    /// What was sent besides text, as a bracketed mark before it
    /// (`[photo]`, `[sticker 👍]`, `[file: notes.pdf]`): the export holds
    /// no more of it than a file name.
    fn media(&self) -> Option<String> {
        if let Some(poll) = &self.poll {
            return Some(poll.mark());
        }
        if self.photo.is_some() {
            return Some("[photo]".into());
        }
        if self.location_information.is_some() {
            return Some("[location]".into());
        }
        if self.contact_information.is_some() {
            return Some("[contact]".into());
        }
        let mark = match self.media_type.as_deref() {
            Some("sticker") => match &self.sticker_emoji {
                Some(e) => format!("sticker {e}"),
                None => "sticker".into(),
            },
            Some(kind) => kind.replace('_', " "),
            None if self.file.is_some() => match &self.file_name {
                Some(name) => format!("file: {name}"),
                None => "file".into(),
            },
            None => return None,
        };
        Some(format!("[{mark}]"))
    }

    /// The message's paragraphs' text: what was sent besides text, who it
    /// was forwarded from, and the text; its lines kept.
    fn said(&self) -> String {
        let mut out = String::new();
        if let Some(from) = &self.forwarded_from {
            out.push_str(&format!("[forwarded from {from}] "));
        }
        if let Some(media) = self.media() {
            out.push_str(&media);
            out.push(' ');
        }
        out.push_str(self.text.joined().trim());
        out.trim().to_owned()
    }
}

/// The date of `date` (`2024-03-12T19:05:40`) and its time of day.
fn when(date: &str) -> Option<(Date<'_>, &str)> {
    let (day, time) = date.split_once('T')?;
    let mut numbers = [0u32; 3];
    let mut parts = day.split('-');
    for n in &mut numbers {
        *n = parts.next()?.parse().ok()?;
    }
    let date = Date { written: day, numbers, year_first: true, short_year: false };
    Some((date, time))
}

/// Each message's sender's name: `from` (`Deleted Account` for none), with
/// the account's id after it where two accounts share a name (two `Alex`
/// in one group, deleted accounts).
fn senders(messages: &[Entry]) -> impl Fn(&Entry) -> String {
    let mut ids: HashMap<String, HashSet<&str>> = HashMap::new();
    for e in messages.iter().filter(|e| e.kind == "message") {
        ids.entry(name(e)).or_default().insert(e.from_id.as_deref().unwrap_or_default());
    }
    let shared: HashSet<String> =
        ids.into_iter().filter(|(_, ids)| ids.len() > 1).map(|(n, _)| n).collect();
    move |e| {
        let name = name(e);
        match e.from_id.as_deref().filter(|_| shared.contains(&name)) {
            Some(id) => format!("{name} ({id})"),
            None => name,
        }
    }
}

fn name(e: &Entry) -> String {
    e.from.clone().unwrap_or_else(|| "Deleted Account".into())
}

/// Reads a Telegram export: a message a paragraph of its sender's (a
/// deleted account's as `Deleted Account`), timed, a subhead for each day,
/// the chat's name its title; service messages dropped with notes.
pub(super) fn read(text: &str, stem: &str) -> Result<(ConversationFile, Vec<Note>), ImportError> {
    let text = text.trim_start_matches('\u{feff}');
    let export: Export = serde_json::from_str(text).map_err(|e| {
        let what = match e.classify() {
            serde_json::error::Category::Data => {
                "not a Telegram chat export: its messages are not as Telegram writes them"
                    .to_owned()
            }
            _ => format!("not a Telegram chat export: not JSON ({e})"),
        };
        error(e.line().max(1), format!("column {}: {what}", e.column()))
    })?;
    if export.messages.is_empty() && export.chats.is_some() {
        return Err(error(
            1,
            "a whole Telegram account's export; export one chat (Export chat history, as JSON) and open its result.json",
        ));
    }
    let senders = senders(&export.messages);
    let mut file = empty_file(stem);
    file.title =
        export.name.clone().filter(|n| !n.trim().is_empty()).unwrap_or_else(|| stem.to_owned());
    let mut read = Read { lines: text.lines().count().max(1), ..Read::default() };
    for e in &export.messages {
        // A message without a date keeps its words, with no time.
        let (date, time) = when(&e.date).map_or((None, ""), |(d, t)| (Some(d), t));
        if e.kind != "message" {
            let who = e.actor.as_deref().or(e.from.as_deref()).unwrap_or("Telegram");
            let what = e.action.as_deref().unwrap_or(&e.kind).replace('_', " ");
            read.dropped
                .push((usize::try_from(e.id).unwrap_or_default(), format!("{who}: {what}")));
            continue;
        }
        read.messages.push(Message {
            line: usize::try_from(e.id).unwrap_or_default(),
            origin: "",
            marked: false,
            sender: senders(e),
            date,
            time: time.to_owned(),
            to: None,
            paragraphs: e.said().split("\n\n").map(|p| p.trim().to_owned()).collect(),
        });
    }
    finish(file, read, Exporter::Telegram)
}
