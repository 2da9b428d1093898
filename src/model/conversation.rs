//! The conversation: metadata, contributors, and their sections of paragraphs.
//!
//! [`ConversationFile`] is the serde shape of a `data/*.ron` file, text
//! verbatim. [`Conversation::new`] checks it and derives what is never stored:
//! each paragraph's sentences and words, and each contributor's "voice" (their
//! paragraphs across all their sections, in order), which is what a pane shows.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::segment;
use super::span::Span;

/// A contributor's part in the conversation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Moderator,
    Respondent,
}

/// One person who speaks in the conversation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contributor {
    /// Short stable identifier (`[A-Za-z0-9._-]+`), referenced by sections.
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub affiliation: String,
    pub role: Role,
}

/// One contiguous contribution, as written in the file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionFile {
    /// The [`Contributor::id`] of whoever wrote or said it.
    pub contributor: String,
    pub paragraphs: Vec<String>,
}

/// The on-disk shape of a conversation (RON). See `docs/FORMAT.md`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConversationFile {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub subtitle: String,
    #[serde(default)]
    pub source: String,
    /// ISO 8601 calendar date, possibly reduced: `2020`, `2020-09` or `2020-09-25`.
    #[serde(default)]
    pub date: String,
    pub contributors: Vec<Contributor>,
    pub sections: Vec<SectionFile>,
}

/// What makes a well-formed file an invalid conversation.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ValidationError {
    #[error("the conversation has no contributors; expected at least one in `contributors: [...]`")]
    NoContributors,
    #[error("the conversation has no sections; expected at least one in `sections: [...]`")]
    NoSections,
    #[error("`title` is empty; expected the conversation's title")]
    EmptyTitle,
    #[error("`id` {0:?} is not a valid id; expected letters, digits, `.`, `_` or `-`")]
    BadConversationId(String),
    #[error(
        "contributors[{index}]: id {id:?} is not a valid id; expected letters, digits, `.`, `_` or `-`"
    )]
    BadContributorId { index: usize, id: String },
    #[error("contributors[{index}]: name is empty")]
    EmptyName { index: usize },
    #[error("contributors[{index}]: id {id:?} is already used by contributors[{first}]")]
    DuplicateContributor { index: usize, first: usize, id: String },
    #[error("sections[{index}]: contributor {id:?} is not one of the contributors ({known})")]
    UnknownContributor { index: usize, id: String, known: String },
    #[error("sections[{index}] ({id}) has no paragraphs; expected at least one")]
    EmptySection { index: usize, id: String },
    #[error("sections[{section}].paragraphs[{paragraph}] is empty or only whitespace")]
    EmptyParagraph { section: usize, paragraph: usize },
    #[error("sections[{section}].paragraphs[{paragraph}] is longer than 4 GiB")]
    ParagraphTooLong { section: usize, paragraph: usize },
    #[error("contributor {id:?} has no section; every contributor needs at least one")]
    SilentContributor { id: String },
    #[error("`date` {0:?} is not an ISO 8601 date; expected YYYY, YYYY-MM or YYYY-MM-DD")]
    BadDate(String),
}

/// A paragraph's verbatim text with its derived sentences and words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    text: String,
    sentences: Vec<Span>,
    words: Vec<Span>,
}

impl Paragraph {
    fn new(text: String) -> Self {
        let sentences = segment::sentences(&text);
        let words = segment::words(&text);
        Self { text, sentences, words }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Sentences tiling the text (see [`segment::sentences`]); never empty.
    pub fn sentences(&self) -> &[Span] {
        &self.sentences
    }

    pub fn words(&self) -> &[Span] {
        &self.words
    }

    /// The text of sentence `i`, if there is one.
    pub fn sentence_text(&self, i: usize) -> Option<&str> {
        self.sentences.get(i).map(|s| &self.text[s.range()])
    }

    /// Index of the sentence containing byte offset `at` (the last one if `at`
    /// is at or past the end).
    pub fn sentence_at(&self, at: usize) -> usize {
        let idx = self.sentences.partition_point(|s| (s.end as usize) <= at);
        idx.min(self.sentences.len().saturating_sub(1))
    }
}

/// One contiguous contribution by one contributor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// Index into [`Conversation::contributors`].
    pub contributor: usize,
    pub paragraphs: Vec<Paragraph>,
}

/// Where a paragraph lives: `sections[section].paragraphs[paragraph]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParaRef {
    pub section: usize,
    pub paragraph: usize,
}

/// Everything one contributor says, in document order: what one pane shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Voice {
    pub contributor: usize,
    pub paragraphs: Vec<ParaRef>,
}

/// A checked conversation with derived segmentation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conversation {
    pub id: String,
    pub title: String,
    pub subtitle: String,
    pub source: String,
    pub date: String,
    pub contributors: Vec<Contributor>,
    pub sections: Vec<Section>,
    /// One per contributor, same order as `contributors`.
    voices: Vec<Voice>,
}

impl Conversation {
    /// Checks `file` and derives sentences, words and voices.
    pub fn new(file: ConversationFile) -> Result<Self, ValidationError> {
        validate(&file)?;
        let ConversationFile { id, title, subtitle, source, date, contributors, sections } = file;
        let ids: HashMap<&str, usize> =
            contributors.iter().enumerate().map(|(i, c)| (c.id.as_str(), i)).collect();
        let mut voices: Vec<Voice> = (0..contributors.len())
            .map(|contributor| Voice { contributor, paragraphs: Vec::new() })
            .collect();
        let sections: Vec<Section> = sections
            .into_iter()
            .enumerate()
            .map(|(section, s)| {
                // validate() guarantees the id resolves.
                let contributor = ids.get(s.contributor.as_str()).copied().unwrap_or(0);
                voices[contributor].paragraphs.extend(
                    (0..s.paragraphs.len()).map(|paragraph| ParaRef { section, paragraph }),
                );
                Section {
                    contributor,
                    paragraphs: s.paragraphs.into_iter().map(Paragraph::new).collect(),
                }
            })
            .collect();
        Ok(Self { id, title, subtitle, source, date, contributors, sections, voices })
    }

    /// One voice per contributor, in contributor order.
    pub fn voices(&self) -> &[Voice] {
        &self.voices
    }

    pub fn paragraph(&self, at: ParaRef) -> &Paragraph {
        &self.sections[at.section].paragraphs[at.paragraph]
    }

    /// Back to the file shape, for writing.
    pub fn to_file(&self) -> ConversationFile {
        ConversationFile {
            id: self.id.clone(),
            title: self.title.clone(),
            subtitle: self.subtitle.clone(),
            source: self.source.clone(),
            date: self.date.clone(),
            contributors: self.contributors.clone(),
            sections: self
                .sections
                .iter()
                .map(|s| SectionFile {
                    contributor: self.contributors[s.contributor].id.clone(),
                    paragraphs: s.paragraphs.iter().map(|p| p.text.clone()).collect(),
                })
                .collect(),
        }
    }

    /// Total bytes of paragraph text.
    pub fn text_len(&self) -> usize {
        self.sections.iter().flat_map(|s| &s.paragraphs).map(|p| p.text.len()).sum()
    }
}

fn is_valid_id(id: &str) -> bool {
    !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

pub(crate) fn is_valid_date(date: &str) -> bool {
    if date.is_empty() {
        return true;
    }
    let parts: Vec<&str> = date.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let in_range =
        |s: &str, lo: u32, hi: u32| s.parse::<u32>().is_ok_and(|v| (lo..=hi).contains(&v));
    match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2) && in_range(m, 1, 12),
        [y, m, d] => {
            digits(y, 4) && digits(m, 2) && in_range(m, 1, 12) && digits(d, 2) && in_range(d, 1, 31)
        }
        _ => false,
    }
}

fn validate(file: &ConversationFile) -> Result<(), ValidationError> {
    use ValidationError as E;
    if !is_valid_id(&file.id) {
        return Err(E::BadConversationId(file.id.clone()));
    }
    if file.title.trim().is_empty() {
        return Err(E::EmptyTitle);
    }
    if !is_valid_date(&file.date) {
        return Err(E::BadDate(file.date.clone()));
    }
    if file.contributors.is_empty() {
        return Err(E::NoContributors);
    }
    // Ids to their index: a file may name 100,000 speakers, so no scans.
    let mut ids: HashMap<&str, usize> = HashMap::with_capacity(file.contributors.len());
    for (index, c) in file.contributors.iter().enumerate() {
        if !is_valid_id(&c.id) {
            return Err(E::BadContributorId { index, id: c.id.clone() });
        }
        if c.name.trim().is_empty() {
            return Err(E::EmptyName { index });
        }
        if let Some(&first) = ids.get(c.id.as_str()) {
            return Err(E::DuplicateContributor { index, first, id: c.id.clone() });
        }
        ids.insert(&c.id, index);
    }
    let mut spoke = vec![false; file.contributors.len()];
    if file.sections.is_empty() {
        return Err(E::NoSections);
    }
    for (index, s) in file.sections.iter().enumerate() {
        if let Some(&c) = ids.get(s.contributor.as_str()) {
            spoke[c] = true;
        } else {
            let known =
                file.contributors.iter().map(|c| c.id.as_str()).collect::<Vec<_>>().join(", ");
            return Err(E::UnknownContributor { index, id: s.contributor.clone(), known });
        }
        if s.paragraphs.is_empty() {
            return Err(E::EmptySection { index, id: s.contributor.clone() });
        }
        for (paragraph, p) in s.paragraphs.iter().enumerate() {
            if p.trim().is_empty() {
                return Err(E::EmptyParagraph { section: index, paragraph });
            }
            if u32::try_from(p.len()).is_err() {
                return Err(E::ParagraphTooLong { section: index, paragraph });
            }
        }
    }
    if let Some(c) =
        file.contributors.iter().zip(&spoke).find(|(_, spoke)| !**spoke).map(|(c, _)| c)
    {
        return Err(E::SilentContributor { id: c.id.clone() });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contributor(id: &str) -> Contributor {
        Contributor {
            id: id.into(),
            name: format!("Name {id}"),
            affiliation: String::new(),
            role: Role::Respondent,
        }
    }

    fn file() -> ConversationFile {
        ConversationFile {
            id: "t".into(),
            title: "T".into(),
            subtitle: String::new(),
            source: String::new(),
            date: "2020-09".into(),
            contributors: vec![contributor("a"), contributor("b")],
            sections: vec![
                SectionFile { contributor: "a".into(), paragraphs: vec!["One. Two.".into()] },
                SectionFile { contributor: "b".into(), paragraphs: vec!["Three.".into()] },
                SectionFile {
                    contributor: "a".into(),
                    paragraphs: vec!["Four.".into(), "Five.".into()],
                },
            ],
        }
    }

    #[test]
    fn voices_gather_a_contributors_sections_in_order() {
        let c = Conversation::new(file()).expect("valid");
        let a = &c.voices()[0];
        let texts: Vec<&str> = a.paragraphs.iter().map(|&r| c.paragraph(r).text()).collect();
        assert_eq!(texts, ["One. Two.", "Four.", "Five."]);
        assert_eq!(c.paragraph(a.paragraphs[0]).sentences().len(), 2);
        assert_eq!(c.to_file(), file());
    }

    #[test]
    fn invalid_files_are_named_errors() {
        let mut f = file();
        f.sections[1].contributor = "zz".into();
        assert_eq!(
            Conversation::new(f).unwrap_err().to_string(),
            "sections[1]: contributor \"zz\" is not one of the contributors (a, b)"
        );

        let mut f = file();
        f.contributors[1].id = "a".into();
        assert!(matches!(
            Conversation::new(f),
            Err(ValidationError::DuplicateContributor { index: 1, first: 0, .. })
        ));

        let mut f = file();
        f.sections[2].paragraphs.clear();
        assert!(matches!(
            Conversation::new(f),
            Err(ValidationError::EmptySection { index: 2, .. })
        ));

        let mut f = file();
        f.sections.clear();
        assert_eq!(Conversation::new(f), Err(ValidationError::NoSections));

        let mut f = file();
        f.contributors.clear();
        assert_eq!(Conversation::new(f), Err(ValidationError::NoContributors));

        let mut f = file();
        f.sections[0].paragraphs[0] = "  \n".into();
        assert!(matches!(
            Conversation::new(f),
            Err(ValidationError::EmptyParagraph { section: 0, paragraph: 0 })
        ));

        let mut f = file();
        f.contributors.push(contributor("c"));
        assert!(matches!(Conversation::new(f), Err(ValidationError::SilentContributor { .. })));

        let mut f = file();
        f.date = "September 2020".into();
        assert!(matches!(Conversation::new(f), Err(ValidationError::BadDate(_))));

        let mut f = file();
        f.contributors[0].id = "has space".into();
        assert!(matches!(
            Conversation::new(f),
            Err(ValidationError::BadContributorId { index: 0, .. })
        ));
    }

    #[test]
    fn sentence_at_finds_the_containing_sentence() {
        let p = Paragraph::new("One. Two. Three.".into());
        assert_eq!(p.sentence_at(0), 0);
        assert_eq!(p.sentence_at(5), 1);
        assert_eq!(p.sentence_at(15), 2);
        assert_eq!(p.sentence_at(99), 2);
    }
}
