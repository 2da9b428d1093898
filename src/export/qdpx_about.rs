//! The project's `<Description>` in crosstalk's `.qdpx`: what its sources
//! (one per voice) do not carry — the conversation's id, its header, the
//! order of the turns and the introduction — so that importing the project
//! gives back the conversation it was, under the same id (the team's
//! annotation files name it). Plain text, readable in any other tool:
//!
//! ```text
//! crosstalk conversation: townhall
//! Date: 2026-03-14
//! Location: Room 216
//! Turns: maria 2, dan 1, maria 1
//!
//! The introduction's first paragraph.
//!
//! Its second.
//! ```

use crate::model::Conversation;

/// The first line's start; what follows it is the conversation's id.
pub const MARK: &str = "crosstalk conversation: ";

/// What [`read`] finds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct About {
    pub id: String,
    pub subtitle: String,
    pub source: String,
    pub date: String,
    pub metadata: Vec<(String, String)>,
    /// Each turn: its contributor's id and how many paragraphs it has.
    pub turns: Vec<(String, usize)>,
    pub intro: Vec<String>,
}

/// The description of `doc` exported with the voices `voices` (the turns
/// of other voices are left out, as their sources are).
pub fn write(doc: &Conversation, voices: &[usize]) -> String {
    let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = format!("{MARK}{}\n", doc.id);
    let header = [("Subtitle", &doc.subtitle), ("Source", &doc.source), ("Date", &doc.date)];
    for (key, value) in header.into_iter().filter(|(_, v)| !v.trim().is_empty()) {
        out.push_str(&format!("{key}: {}\n", one_line(value)));
    }
    for (key, value) in &doc.metadata {
        out.push_str(&format!("{}: {}\n", one_line(key), one_line(value)));
    }
    let turns: Vec<String> = doc
        .sections
        .iter()
        .filter(|s| voices.contains(&s.contributor))
        .map(|s| format!("{} {}", doc.contributors[s.contributor].id, s.paragraphs.len()))
        .collect();
    out.push_str(&format!("Turns: {}\n", turns.join(", ")));
    for p in &doc.intro {
        out.push('\n');
        out.push_str(&p.lines().map(str::trim).collect::<Vec<_>>().join(" "));
        out.push('\n');
    }
    out
}

/// What a description [`write`] made says; `None` for any other text.
pub fn read(text: &str) -> Option<About> {
    let text = text.replace("\r\n", "\n");
    let (head, intro) = text.split_once("\n\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let id = lines.next()?.strip_prefix(MARK)?.trim().to_owned();
    let mut about = About { id, ..About::default() };
    for line in lines {
        let Some((key, value)) = line.split_once(": ") else { continue };
        let value = value.trim().to_owned();
        match key.trim() {
            "Subtitle" => about.subtitle = value,
            "Source" => about.source = value,
            "Date" => about.date = value,
            "Turns" => about.turns = turns(&value)?,
            key => about.metadata.push((key.to_owned(), value)),
        }
    }
    about.intro =
        intro.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).map(str::to_owned).collect();
    Some(about)
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
            title: "Town hall".into(),
            subtitle: "On the data centre\nproposal".into(),
            date: "2026-03-14".into(),
            metadata: vec![("Location".into(), "Room 216".into())],
            intro: vec!["First, the rules.".into(), "Then: “the” questions — 中文.".into()],
            contributors: vec![person("maria"), person("dan")],
            sections: vec![section("maria", 2), section("dan", 1), section("maria", 1)],
            ..Default::default()
        })
        .expect("valid");
        let text = write(&doc, &[0, 1]);
        assert!(text.starts_with("crosstalk conversation: townhall\n"), "{text}");
        let about = read(&text).expect("ours");
        assert_eq!(about.id, "townhall");
        assert_eq!(about.subtitle, "On the data centre proposal");
        assert_eq!(about.date, "2026-03-14");
        assert_eq!(about.metadata, [("Location".to_owned(), "Room 216".to_owned())]);
        assert_eq!(about.turns, [("maria".into(), 2), ("dan".into(), 1), ("maria".into(), 1)]);
        assert_eq!(about.intro, doc.intro);
        // One voice exported: only its turns.
        let about = read(&write(&doc, &[1])).expect("ours");
        assert_eq!(about.turns, [("dan".to_owned(), 1)]);
        // Anything else is no description of ours.
        assert_eq!(read("A project about trust."), None);
        assert_eq!(read("crosstalk conversation: x\nTurns: maria two"), None);
    }
}
