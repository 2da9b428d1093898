//! Header lines before a transcript's first turn (`Date: 2020-09-25`,
//! `Location: …`), told apart from a first speaker.

use super::Turn;
use crate::import::{Header, metadata};

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

fn header_key(name: &str) -> bool {
    HEADER_KEYS.contains(&name.to_lowercase().as_str())
}

/// Whether label `t`, before the first turn, is a header line. A key that
/// is also a speaker's role (`Interviewer`, `Moderator`) followed by
/// speech (`INTERVIEWER: Shall we begin?`; unpunctuated, as machines
/// transcribe, `Interviewer: so tell me about the farm`, `Describe your
/// typical day`), not by a name, is the first turn.
pub(in crate::import) fn is_header(t: &Turn) -> bool {
    let role = ["interviewer", "moderator"].contains(&t.name.to_lowercase().as_str());
    (header_key(t.name) || matches!(t.name, "Id" | "Subtitle" | "Source" | "Moderator"))
        && t.time.is_none()
        && !(role && (sentence(t.text) || !named(t.text)))
}

/// Whether `text` is a name, perhaps with a description after a comma, in
/// brackets or after a dash (`Jane Doe`, `Dr. Jane Doe, Center for Oral
/// History`, `Jane Doe (by phone)`, `Um Hye-jin`), or nothing.
fn named(text: &str) -> bool {
    let text = text.trim();
    let head = [",", "(", ";", " - ", " – ", " — "]
        .iter()
        .filter_map(|sep| text.find(sep))
        .min()
        .map_or(text, |at| &text[..at]);
    text.is_empty() || super::labels::is_name(head.trim())
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
pub(in crate::import) fn header_line(header: &mut Header, t: &Turn) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn turn<'a>(name: &'a str, text: &'a str) -> Turn<'a> {
        Turn { name, time: None, text, otter: false }
    }

    #[test]
    fn an_interviewer_named_is_a_header_an_interviewer_speaking_is_a_turn() {
        for text in [
            "Jane Doe",
            "Dr. Jane Doe, Center for Oral History",
            "J. Doe Jr.",
            "李明",
            "",
            "Jane Doe (by phone)",
            "Jane Doe, graduate student",
            "Jane Doe - interviewer",
            "Mario dos Santos",
            "Um Hye-jin",
            "Do Thi Mai",
            "Welcome Mthembu",
            "Will Smith",
        ] {
            assert!(is_header(&turn("Interviewer", text)), "{text}");
        }
        for text in [
            "Shall we begin?",
            "so tell me about the farm",
            "Tell me about the farm",
            "Describe your typical day",
            "Good evening everyone and welcome to the group",
            "Thank you for coming.",
            "okay let’s start",
            "This is Jane Doe interviewing Ruth Ellis on March 3 1998",
        ] {
            assert!(!is_header(&turn("Interviewer", text)), "{text}");
            assert!(!is_header(&turn("interviewer", text)), "{text}");
        }
        // Keys that are no one's role stay header lines, whatever follows.
        assert!(is_header(&turn("Location", "the old farm house")));
        assert!(is_header(&turn("Date", "so next week")));
    }
}
