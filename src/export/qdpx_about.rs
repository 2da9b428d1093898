//! The project's `<Description>` in crosstalk's `.qdpx`: what its sources
//! (one per voice) do not carry — the conversation's id, its header, the
//! order of the turns and the introduction — so that importing the project
//! gives back the conversation it was, under the same id (the team's
//! annotation files name it). The header and the introduction are the
//! Markdown export's own ([`crate::export::markdown::header`]) and are read
//! back by the Markdown reader, so they travel as losslessly as they do
//! there; the turns go on a line before them. Readable in any other tool:
//!
//! ```text
//! crosstalk conversation
//! Turns: maria 2, dan 1, maria 1
//!
//! # Town hall
//!
//! Id: townhall
//! Date: 2026-03-14
//! Respondent: maria (Maria Lopez)
//! …
//!
//! The introduction's first paragraph.
//! ```

use crate::import::{Kind, import};
use crate::model::{Conversation, ConversationFile};

/// The description's first line.
pub const MARK: &str = "crosstalk conversation";

/// What [`read`] finds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct About {
    /// The conversation without its sections: id, title, header,
    /// contributors (with their short names), introduction.
    pub file: ConversationFile,
    /// Each turn: its contributor's id and how many paragraphs it has.
    pub turns: Vec<(String, usize)>,
}

/// The description of `doc` exported with the voices `voices` (the turns
/// of other voices are left out, as their sources are).
pub fn write(doc: &Conversation, voices: &[usize]) -> String {
    let turns: Vec<String> = doc
        .sections
        .iter()
        .filter(|s| voices.contains(&s.contributor))
        .map(|s| format!("{} {}", doc.contributors[s.contributor].id, s.paragraphs.len()))
        .collect();
    format!("{MARK}\nTurns: {}\n\n{}", turns.join(", "), crate::export::markdown::header(doc))
}

/// What a description [`write()`] made says; `None` for any other text.
pub fn read(text: &str) -> Option<About> {
    let text = text.replace("\r\n", "\n");
    let rest = text.strip_prefix(MARK)?.strip_prefix('\n')?;
    let (first, header) = rest.split_once("\n\n")?;
    let turns = turns(first.strip_prefix("Turns:")?.trim())?;
    // The Markdown reader wants a section: one it is told to leave out.
    let markdown = format!("{header}\n## {MARK}\n\n{MARK}\n");
    let mut file = import(&markdown, Kind::Markdown, "project").ok()?;
    let extra = file.sections.pop()?.contributor;
    file.contributors.retain(|c| c.id != extra);
    Some(About { file, turns })
}

/// `maria 2, dan 1` as turns; `None` if any is not `<id> <count>`.
fn turns(value: &str) -> Option<Vec<(String, usize)>> {
    if value.is_empty() {
        return Some(Vec::new());
    }
    value
        .split(", ")
        .map(|t| {
            let (id, n) = t.trim().rsplit_once(' ')?;
            Some((id.to_owned(), n.parse().ok()?))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Contributor, ConversationFile, Role, SectionFile};

    #[test]
    fn what_is_written_is_read_back() {
        let person = |id: &str| Contributor {
            id: id.into(),
            name: id.to_uppercase(),
            role: Role::Respondent,
            ..Default::default()
        };
        let section = |who: &str, n: usize| SectionFile {
            contributor: who.into(),
            paragraphs: (0..n).map(|i| format!("{who} says {i}.")).collect(),
            ..Default::default()
        };
        let doc = Conversation::new(ConversationFile {
            id: "townhall".into(),
            title: "Town hall & <friends>".into(),
            subtitle: "On the data centre\nproposal".into(),
            date: "2026-03-14".into(),
            // Keys the header has, and a line break in a value: metadata
            // all the same, as they were.
            metadata: vec![
                ("Location".into(), "Room 216".into()),
                ("Date".into(), "the second Tuesday".into()),
                ("Turns".into(), "maria 9".into()),
                ("Note".into(), "two\nlines".into()),
            ],
            intro: vec![
                "First, the rules.\nThen a break.".into(),
                "Then: “the” questions — 中文.".into(),
            ],
            contributors: vec![
                Contributor { short: "Lopez".into(), ..person("maria") },
                person("dan"),
            ],
            sections: vec![section("maria", 2), section("dan", 1), section("maria", 1)],
            ..Default::default()
        })
        .expect("valid");
        let text = write(&doc, &[0, 1]);
        assert!(
            text.starts_with("crosstalk conversation\nTurns: maria 2, dan 1, maria 1\n\n# "),
            "{text}"
        );
        let about = read(&text).expect("ours");
        let mut back = about.file.clone();
        back.sections = doc.to_file().sections;
        assert_eq!(back, doc.to_file(), "everything but the paragraphs, as it was");
        assert_eq!(about.turns, [("maria".into(), 2), ("dan".into(), 1), ("maria".into(), 1)]);
        // One voice exported: only its turns.
        let about = read(&write(&doc, &[1])).expect("ours");
        assert_eq!(about.turns, [("dan".to_owned(), 1)]);
        // Anything else is no description of ours.
        assert_eq!(read("A project about trust."), None);
        assert_eq!(read("crosstalk conversation\nTurns: maria two\n\n# T\n"), None);
    }
}
