//! Small conversations for tests (unit tests here, and the random
//! sessions in `tests/`); not part of the API.

use super::{Contributor, Conversation, ConversationFile, Role, SectionFile};

/// A conversation with one section per entry of `sections`, by contributors
/// `a`, `b`, … (named `A`, `B`, …, all respondents).
pub fn conversation(sections: &[&[&str]]) -> Conversation {
    let ids: Vec<String> =
        (0..sections.len()).map(|i| char::from(b'a' + i as u8).to_string()).collect();
    Conversation::new(ConversationFile {
        id: "t".into(),
        title: "T".into(),
        subtitle: String::new(),
        source: String::new(),
        date: String::new(),
        contributors: ids
            .iter()
            .map(|id| Contributor {
                id: id.clone(),
                name: id.to_uppercase(),
                affiliation: String::new(),
                role: Role::Respondent,
                ..Default::default()
            })
            .collect(),
        sections: ids
            .iter()
            .zip(sections)
            .map(|(id, paragraphs)| SectionFile {
                contributor: id.clone(),
                paragraphs: paragraphs.iter().map(|p| (*p).to_owned()).collect(),
                ..Default::default()
            })
            .collect(),
        ..Default::default()
    })
    .expect("a valid test conversation")
}
