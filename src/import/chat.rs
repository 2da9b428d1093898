//! Reading chat exports: WhatsApp's *Export chat* as Android writes it
//! (`12/03/2024, 09:16 - Ana Lima: text`) and as iOS does (`[12/03/2024,
//! 09:16:02] Ana Lima: text`), in any locale's order of day, month and year
//! (`3/12/24`, `12.03.24`, `2024-03-12`) and on either clock (`9:16 PM`,
//! `21:16`). Focus groups and interviews are held in WhatsApp groups, and
//! this is the file researchers get from them. See [`read`].

#[cfg(test)]
mod tests;

use super::speakers::{self, Said};
use super::transcript::{quoted, tool_line_note};
use super::{ImportError, Note, empty_file, error};
use crate::model::ConversationFile;

/// How far into a line its stamp may end: the longest, `[12/03/2024,
/// 09:16:02 p. m.] `, is 29 bytes. A line is judged by its first
/// [`STAMP_WINDOW`] bytes alone, so the streaming import, which keeps
/// only the start of a long first line, sniffs it alike.
pub(super) const STAMP_WINDOW: usize = 48;

/// How many bytes of `line` [`stamp`] looks at, at most.
pub(super) fn judged(line: &str) -> usize {
    line.len() - line.trim_start_matches(invisible).len() + STAMP_WINDOW
}

/// Marks a chat app writes around names and at the start of lines that
/// are no one's words: the byte order mark, and the bidirectional marks
/// and isolates WhatsApp sets around phone numbers and attachments.
fn invisible(c: char) -> bool {
    matches!(c, '\u{feff}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A message's date as written, and its three numbers in the order written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Date<'a> {
    pub written: &'a str,
    pub numbers: [u32; 3],
    /// The year comes first (`2024-03-12`).
    pub year_first: bool,
    /// The year has two digits (`24`).
    pub short_year: bool,
}

/// The stamp opening a chat line: its date, its time of day (`09:16`,
/// `9:16 PM`), and the rest of the line.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Stamp<'a> {
    pub date: Date<'a>,
    pub time: String,
    pub rest: &'a str,
}

/// The stamp opening `line`, if it has one: `date, time - ` (Android) or
/// `[date, time] ` (iOS), after any [`invisible`] marks.
pub(super) fn stamp(line: &str) -> Option<Stamp<'_>> {
    let line = line.trim_start_matches(invisible);
    let window = &line.as_bytes()[..line.len().min(STAMP_WINDOW)];
    let (head, rest) = if line.starts_with('[') {
        let close = window.iter().position(|&b| b == b']')?;
        let rest = &line[close + 1..];
        // iOS sets a space after the bracket.
        (&line[1..close], rest.strip_prefix(char::is_whitespace)?)
    } else {
        let at = window.windows(3).position(|w| w == b" - ")?;
        (&line[..at], &line[at + 3..])
    };
    let (date, after) = date(head)?;
    let time = clock(after)?;
    Some(Stamp { date, time, rest: rest.trim_start() })
}

/// The date opening `head` (three numbers of 1–4 digits between `/`, `.`
/// or `-`, the year first or last) and what follows it, after a comma and
/// spaces.
fn date(head: &str) -> Option<(Date<'_>, &str)> {
    let end = head.find(|c: char| c == ',' || c.is_whitespace())?;
    let written = &head[..end];
    // `12.03.24.`, as some locales end it.
    let bare = written.strip_suffix('.').unwrap_or(written);
    let sep = bare.chars().find(|c| !c.is_ascii_digit())?;
    if !matches!(sep, '/' | '.' | '-') {
        return None;
    }
    let mut numbers = [0u32; 3];
    let mut lengths = [0usize; 3];
    let mut count = 0;
    for part in bare.split(sep) {
        if count == 3 || !(1..=4).contains(&part.len()) || !part.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        numbers[count] = part.parse().ok()?;
        lengths[count] = part.len();
        count += 1;
    }
    let year_first = lengths == [4, 2, 2];
    let year_last = lengths[0] <= 2 && lengths[1] <= 2 && matches!(lengths[2], 2 | 4);
    if count != 3 || !(year_first || year_last) {
        return None;
    }
    let short_year = !year_first && lengths[2] == 2;
    let after = head[end..].trim_start_matches(|c: char| c == ',' || c.is_whitespace());
    Some((Date { written, numbers, year_first, short_year }, after))
}

/// `s` as a time of day (`09:16`, `9:16:02`, `9:16 PM`, `9:16 p. m.`, with
/// any space before the mark): the time with `AM` or `PM` after a space.
fn clock(s: &str) -> Option<String> {
    let s = s.trim();
    let end = s.find(|c: char| !(c.is_ascii_digit() || c == ':')).unwrap_or(s.len());
    let time = &s[..end];
    let mut parts = 0;
    for p in time.split(':') {
        parts += 1;
        if !(1..=2).contains(&p.len()) || !p.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
    }
    if !(2..=3).contains(&parts) {
        return None;
    }
    let mark: String = s[end..].chars().filter(|c| !c.is_whitespace()).collect();
    match mark.to_ascii_lowercase().as_str() {
        "" => Some(time.to_owned()),
        "am" | "a.m." => Some(format!("{time} AM")),
        "pm" | "p.m." => Some(format!("{time} PM")),
        _ => None,
    }
}

/// Whether `line` opens as a chat export's line does (see [`stamp`]).
pub(super) fn is_chat_line(line: &str) -> bool {
    stamp(line.trim()).is_some()
}

/// The sender and the text of a message, from what follows its stamp:
/// `Ana Lima: text`. Anything before the first `: ` names the sender (a
/// phone number, a name with an emoji); a line with none, or whose name
/// would hold a quotation (`Ana changed the subject to "Week 2: …"`), is
/// one WhatsApp writes itself.
fn sender(rest: &str) -> Option<(String, &str)> {
    let (name, text) = match rest.find(": ") {
        Some(at) => (&rest[..at], &rest[at + 2..]),
        None => (rest.strip_suffix(':')?, ""),
    };
    let name: String = name.chars().filter(|&c| !invisible(c)).collect();
    // `~ Ana`: how WhatsApp names someone not in the exporter's contacts.
    let name = name.trim().trim_start_matches('~').trim();
    if name.is_empty() || name.chars().count() > 80 || name.contains(['"', '“', '”']) {
        return None;
    }
    Some((name.to_owned(), text))
}

/// Whether a message's text is a line WhatsApp writes itself in a
/// sender's name, as iOS exports do (`Ana Lima: ‎Ana Lima created this
/// group`, the encryption notice in the group's name): a U+200E mark
/// opens it, and it is no placeholder for what was sent (`‎image
/// omitted`, `‎<attached: 00000012-PHOTO.jpg>`, `‎This message was
/// deleted.`), which stays the sender's.
fn written_by_whatsapp(said: &str) -> bool {
    let Some(text) = said.strip_prefix('\u{200e}') else { return false };
    let text = text.trim();
    let placeholder = text.ends_with(" omitted")
        || text.starts_with("<attached:")
        || text.starts_with("Missed ")
        || text.contains(" deleted")
        || matches!(text, "null" | "Voice call" | "Video call");
    !placeholder
}

/// The order of a file's dates' numbers, judged from all of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Order {
    YearMonthDay,
    DayMonthYear,
    MonthDayYear,
    /// No number over 12 says which is the day.
    Unknown,
}

fn order<'a>(dates: impl Iterator<Item = &'a Date<'a>> + Clone) -> Order {
    if dates.clone().any(|d| d.year_first) {
        return Order::YearMonthDay;
    }
    let day_first = dates.clone().any(|d| d.numbers[0] > 12);
    let month_first = dates.clone().any(|d| d.numbers[1] > 12);
    match (day_first, month_first) {
        (true, false) => Order::DayMonthYear,
        (false, true) => Order::MonthDayYear,
        _ => Order::Unknown,
    }
}

/// `date` as ISO 8601 (`2024-03-12`) if `order` says how to read it and it
/// is a date.
fn iso(date: &Date, order: Order) -> Option<String> {
    let [a, b, c] = date.numbers;
    let (year, month, day) = match order {
        Order::YearMonthDay => (a, b, c),
        Order::DayMonthYear => (c, b, a),
        Order::MonthDayYear => (c, a, b),
        Order::Unknown => return None,
    };
    // WhatsApp is younger than 2000.
    let year = if date.short_year { 2000 + year } else { year };
    ((1..=12).contains(&month) && (1..=31).contains(&day))
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// One message: where it starts, who sent it, when, and its paragraphs
/// (lines kept apart by line breaks; a blank line starts another).
struct Message<'a> {
    line: usize,
    sender: String,
    date: Date<'a>,
    time: String,
    paragraphs: Vec<String>,
}

/// What the lines after a stamp belong to.
enum Open {
    Nothing,
    Message,
    /// A line WhatsApp writes itself: its lines after the first are
    /// dropped with it.
    Dropped,
}

/// Reads a chat export. Each message is a paragraph of its sender's,
/// timed with its time of day; consecutive messages of one sender form one
/// turn; a message's line breaks are kept; the first message of each day
/// is preceded by a subhead with the date (ISO 8601 when the file's dates
/// say which number is the day, as written otherwise), and the first day
/// is the conversation's date. Lines WhatsApp writes itself (the
/// encryption notice, someone joined, left, renamed the group) are
/// dropped with a note; placeholders for media (`<Media omitted>`, `image
/// omitted`) stay, as what was sent. Text before the first stamp is the
/// introduction.
pub(super) fn read(text: &str, stem: &str) -> Result<(ConversationFile, Vec<Note>), ImportError> {
    let mut file = empty_file(stem);
    file.title = stem.to_owned();
    let mut messages: Vec<Message> = Vec::new();
    let mut dropped: Vec<String> = Vec::new();
    let mut intro: Option<(usize, usize)> = None;
    let mut open = Open::Nothing;
    let mut blank = false;
    let mut lines = 0;
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        lines = n;
        if let Some(s) = stamp(line) {
            blank = false;
            let system = sender(s.rest).filter(|(_, said)| !written_by_whatsapp(said));
            let Some((sender, said)) = system else {
                dropped.push(line.chars().filter(|&c| !invisible(c)).collect());
                open = Open::Dropped;
                continue;
            };
            let said = said.trim_matches(|c: char| c.is_whitespace() || invisible(c));
            let (date, time) = (s.date, s.time);
            messages.push(Message { line: n, sender, date, time, paragraphs: vec![said.into()] });
            open = Open::Message;
            continue;
        }
        let t = line.trim_matches(|c: char| c.is_whitespace() || invisible(c));
        if t.is_empty() {
            blank = true;
            continue;
        }
        match open {
            Open::Message => {
                let Some(m) = messages.last_mut() else { continue };
                match m.paragraphs.last_mut() {
                    Some(p) if !blank && !p.is_empty() => {
                        p.push('\n');
                        p.push_str(t);
                    }
                    Some(p) if p.is_empty() => p.push_str(t),
                    _ => m.paragraphs.push(t.to_owned()),
                }
            }
            Open::Dropped => {}
            Open::Nothing => {
                match file.intro.last_mut() {
                    Some(p) if !blank => super::cues::join(p, t),
                    _ => file.intro.push(t.to_owned()),
                }
                intro = Some((intro.map_or(n, |(first, _)| first), n));
            }
        }
        blank = false;
    }
    let mut notes: Vec<Note> = Vec::new();
    for m in &mut messages {
        m.paragraphs.retain(|p| !p.is_empty());
        if m.paragraphs.is_empty() {
            notes.push(Note {
                label: m.sender.clone(),
                message: format!("line {}: a message with no text, left out", m.line),
            });
        }
    }
    messages.retain(|m| !m.paragraphs.is_empty());
    if messages.is_empty() {
        return Err(error(
            lines.max(1),
            "no chat messages; expected lines such as `12/03/2024, 09:16 - Ana Lima: text` or `[12/03/2024, 09:16:02] Ana Lima: text` (WhatsApp's exported chat)",
        ));
    }
    let order = order(messages.iter().map(|m| &m.date));
    file.date = iso(&messages[0].date, order).unwrap_or_default();
    // Senders of a message with text only: one who sent none is no voice.
    let mut labels: Vec<String> = Vec::new();
    let mut index: std::collections::HashMap<&str, usize> = Default::default();
    for m in &messages {
        index.entry(&m.sender).or_insert_with(|| {
            labels.push(m.sender.clone());
            labels.len() - 1
        });
    }
    let mut turns: Vec<Said> = Vec::new();
    let mut day: Option<&str> = None;
    for m in &messages {
        let mut said = Said {
            line: m.line,
            label: index[m.sender.as_str()],
            paragraphs: Vec::new(),
            times: Vec::new(),
            heads: Vec::new(),
        };
        if day != Some(m.date.written) {
            day = Some(m.date.written);
            said.heads.push(0);
            said.paragraphs.push(iso(&m.date, order).unwrap_or_else(|| m.date.written.to_owned()));
            said.times.push(String::new());
        }
        for (k, p) in m.paragraphs.iter().enumerate() {
            said.paragraphs.push(p.clone());
            said.times.push(if k == 0 { m.time.clone() } else { String::new() });
        }
        turns.push(said);
    }
    notes.splice(0..0, speakers::assemble(&mut file, &labels, turns));
    notes.extend(dropped_notes(&dropped));
    if let Some((first, last)) = intro {
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

/// How many dropped lines are named one by one; the rest are counted.
const NAMED: usize = 3;

/// The notes on lines WhatsApp writes itself, dropped: the first few by
/// name, the rest counted (a large group's joins and leaves run to
/// hundreds).
fn dropped_notes(dropped: &[String]) -> Vec<Note> {
    // One more is named rather than counted.
    let named = if dropped.len() <= NAMED + 1 { dropped.len() } else { NAMED };
    let mut notes: Vec<Note> =
        dropped[..named].iter().map(|l| tool_line_note("WhatsApp's", l)).collect();
    if let Some(first) = dropped.get(named) {
        notes.push(Note {
            label: String::new(),
            message: format!(
                "dropped {} more lines WhatsApp writes itself (such as {}), which are no one's speech",
                dropped.len() - named,
                quoted(first)
            ),
        });
    }
    notes
}
