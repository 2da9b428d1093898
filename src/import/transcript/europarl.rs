//! The European Parliament's verbatim report of proceedings: a speaker's
//! name, a role after a comma if any, a period and a dash before the speech
//! (`President. – The next item is…`, `Ursula von der Leyen, President of
//! the Commission. – Madam President, …`, `Manfred Weber, on behalf of the
//! PPE Group. – …`, `Manfred Weber (PPE), blue-card answer. – …`). A
//! line of an interview may read so too (`Great Britain, of course. – It
//! was different.`), so a role is one the report gives (a group's, the
//! Commission's, a blue card's: see [`ROLES`]) and the whole file tells:
//! the chair speaks so (`President. – …`), and three lines at least do.

use std::collections::HashSet;

use super::Turn;
use super::labels::{described_name, is_name};

/// Among the speakers a file's lines give: the file is the European
/// Parliament's report (see [`Report`]). No name can be it.
pub(in crate::import) const REPORT: &str = "\n\n\n\n";

/// The report's labels counted over a whole file.
#[derive(Debug, Default)]
pub(in crate::import) struct Report {
    /// Lines the chair's label opens, and lines any label of the report.
    chair: usize,
    labels: usize,
}

impl Report {
    /// Counts `line`, the next line of the file.
    pub fn see(&mut self, line: &str) {
        if let Some(t) = label(line) {
            self.labels += 1;
            self.chair += usize::from(chair(t.name));
        }
    }

    /// Whether the file is the report: [`REPORT`] among its speakers.
    pub fn verdict(&self) -> bool {
        self.chair >= 1 && self.labels >= 3
    }
}

/// The turn a label of the report opens on `line`, in a file that is the
/// report (see [`Report`]).
pub(in crate::import) fn turn<'a>(line: &'a str, speakers: &HashSet<String>) -> Option<Turn<'a>> {
    if speakers.contains(REPORT) { label(line) } else { None }
}

/// Whether `name` (a label's) is the report's note of who presides from
/// here on (`IN THE CHAIR: OTHMAR KARAS`), in a file that is the report:
/// after the first turn, no voice but a heading over the turn that
/// follows (before it, the header's).
pub(in crate::import) fn chair_notice(name: &str, speakers: &HashSet<String>) -> bool {
    speakers.contains(REPORT) && name.trim().eq_ignore_ascii_case("in the chair")
}

/// Words of the roles the report gives after a name, in the languages it
/// prints them in (`on behalf of the PPE Group`, `en nombre del Grupo
/// S&D`, `au nom du groupe Renew`, `President of the Commission`,
/// `blue-card question`, `in writing`, `rapporteur`).
const ROLES: &[&str] = &[
    "behalf",
    "group",
    "nombre",
    "grupo",
    "au nom",
    "groupe",
    "namen",
    "fraktion",
    "a nome",
    "gruppo",
    "commission",
    "council",
    "comisión",
    "commissione",
    "kommission",
    "blue-card",
    "blue card",
    "in writing",
    "par écrit",
    "por escrito",
    "schriftlich",
    "per iscritto",
    "rapporteur",
    "ponente",
    "berichterstatter",
    "relatore",
    "author",
    "draftsperson",
    "member",
    "president",
    "minister",
    "chair",
];

/// Whether `role`, after a name, is one the report gives.
fn role(role: &str) -> bool {
    let role = role.to_lowercase();
    ROLES.iter().any(|r| role.contains(r))
}

/// Whether `name` is the chair's, as the report names it.
fn chair(name: &str) -> bool {
    matches!(name, "President" | "Vice-President" | "The President")
}

/// The dash the report sets after a label, with the period before it.
const DASH: &str = ". – ";

// Built once: a finder built at each call cost a few per cent of an
// import, asked of every line.
static DASH_FINDER: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new(DASH.as_bytes()));

/// A label of the report opening `line` and what follows it: the speaker
/// is the name; the role, kept as written, opens the text (`President of
/// the Commission. – Madam President, …`).
fn label(line: &str) -> Option<Turn<'_>> {
    let line = line.trim();
    // Asked of every line with no other label: the dash comes early.
    let head = &line.as_bytes()[..line.len().min(200)];
    let at = DASH_FINDER.find(head)?;
    let label = &line[..at];
    let (name, role) = match label.split_once(", ") {
        Some((name, role)) => (name, Some(role)),
        None => (label, None),
    };
    let speaker = (is_name(name) || described_name(name) || member(name))
        && (role.is_some() || chair(name) || name.split_whitespace().count() >= 2)
        && role.is_none_or(|r| !r.contains(['.', ':', ';', '?', '!']) && self::role(r));
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
            "Great Britain, of course. – It was different.",
            "Good Morning, everyone. – Let's start.",
        ] {
            assert_eq!(read(line), None, "{line}");
        }
    }
}
