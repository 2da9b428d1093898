//! WhatsApp's exported chats: Android's `12/03/2024, 09:16 - Ana Lima:
//! text` and iOS's `[12/03/2024, 09:16:02] Ana Lima: text`, in any
//! locale's order of day, month and year and on either clock.

use super::{Date, Line, Sent, invisible};

/// How far into a line its stamp may end: the longest, `[12/03/2024,
/// 09:16:02 p. m.] `, is 29 bytes.
const STAMP_WINDOW: usize = 48;

/// The line as WhatsApp writes it: a message opening, a line WhatsApp
/// writes itself, or (`None`) no stamp.
pub(super) fn parse(line: &str) -> Option<Line<'_>> {
    let s = stamp(line)?;
    let Some((sender, text)) = sender(s.rest).filter(|(_, said)| !written_by_whatsapp(said)) else {
        return Some(Line::System);
    };
    Some(Line::Message(Sent { date: Some(s.date), time: s.time, sender, text, to: None }))
}

/// The stamp opening a chat line: its date, its time of day (`09:16`,
/// `9:16 PM`), and the rest of the line.
#[derive(Debug, PartialEq, Eq)]
struct Stamp<'a> {
    date: Date<'a>,
    time: String,
    rest: &'a str,
}

/// The stamp opening `line`, if it has one: `date, time - ` (Android) or
/// `[date, time] ` (iOS), after any [`invisible`] marks.
fn stamp(line: &str) -> Option<Stamp<'_>> {
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
