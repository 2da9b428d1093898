//! The European Parliament's verbatim report of proceedings: a speaker's
//! name, a role after a comma if any, a period and a dash before the speech
//! (`President. – The next item is…`, `Ursula von der Leyen, President of
//! the Commission. – Madam President, …`, `Manfred Weber, on behalf of the
//! PPE Group. – …`, `Manfred Weber (PPE), blue-card answer. – …`).

use super::Turn;
use super::labels::{described_name, is_name};

/// The dash the report sets after a label, with the period before it.
const DASH: &str = ". – ";

/// A label of the report opening `line` and what follows it: the speaker
/// is the name; the role, kept as written, opens the text (`President of
/// the Commission. – Madam President, …`).
pub(in crate::import) fn label(line: &str) -> Option<Turn<'_>> {
    let line = line.trim();
    // Asked of every line with no other label: the dash comes early.
    let head = &line[..floor(line, 200)];
    let at = head.find(DASH)?;
    let label = &line[..at];
    let (name, role) = match label.split_once(", ") {
        Some((name, role)) => (name, Some(role)),
        None => (label, None),
    };
    let chair = matches!(name, "President" | "Vice-President" | "The President");
    let speaker = (is_name(name) || described_name(name) || member(name))
        && (role.is_some() || chair || name.split_whitespace().count() >= 2)
        && role.is_none_or(|r| !r.contains(['.', ':', ';', '?', '!']));
    let text = match role {
        Some(_) => line[name.len() + 2..].trim(),
        None => line[at + DASH.len()..].trim(),
    };
    (speaker && !text.is_empty()).then_some(Turn {
        name,
        time: None,
        text,
        otter: false,
        lead: None,
    })
}

/// Whether `name` is a member's name as the report writes it, with its
/// particles (`Sophia in 't Veld`), and the group after it (`Sophia in 't
/// Veld (Renew)`): two to six words, capitalised first and last.
fn member(name: &str) -> bool {
    let plain = name.split(" (").next().unwrap_or(name);
    let words: Vec<&str> = plain.split_whitespace().collect();
    (2..=6).contains(&words.len())
        && name.chars().count() <= 60
        && words.first().is_some_and(|w| w.starts_with(char::is_uppercase))
        && words.last().is_some_and(|w| w.starts_with(char::is_uppercase))
        && !plain.contains(['.', ',', ':', ';', '?', '!', '"'])
}

/// The largest index at most `at` that is a character boundary of `s`.
fn floor(s: &str, at: usize) -> usize {
    (0..=at.min(s.len())).rev().find(|&i| s.is_char_boundary(i)).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reports_labels_end_in_a_period_and_a_dash() {
        let read = |line| label(line).map(|t| (t.name, t.text));
        assert_eq!(read("President. – The next item."), Some(("President", "The next item.")));
        assert_eq!(
            read("Ursula von der Leyen, President of the Commission. – Madam President."),
            Some(("Ursula von der Leyen", "President of the Commission. – Madam President."))
        );
        assert_eq!(
            read("Manfred Weber (PPE), blue-card answer. – Yes."),
            Some(("Manfred Weber (PPE)", "blue-card answer. – Yes."))
        );
        assert_eq!(
            read("Sophia in 't Veld (Renew), blue-card question. – Mr Weber?"),
            Some(("Sophia in 't Veld (Renew)", "blue-card question. – Mr Weber?"))
        );
        for line in [
            "Yes. – I think so.",
            "It was late. – And then?",
            "President. – ",
            "Well, that was it. It ended. – So.",
            "I said to him, a great deal. – He left.",
        ] {
            assert_eq!(read(line), None, "{line}");
        }
    }
}
