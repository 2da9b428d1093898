//! What makes a well-formed conversation file a valid conversation.

use std::collections::HashMap;

use super::conversation::{ConversationFile, FORMAT_VERSION, SectionFile, SectionParts};

/// What makes a well-formed file an invalid conversation.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ValidationError {
    #[error(
        "the file is format version {0}, newer than this crosstalk reads (up to {FORMAT_VERSION}); update crosstalk to open it"
    )]
    NewerVersion(u32),
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
    #[error(
        "sections[{section}] has {times} times for {paragraphs} paragraphs; expected one per paragraph (\"\" for none) or no `times`"
    )]
    TimesMismatch { section: usize, times: usize, paragraphs: usize },
    #[error(
        "sections[{section}].heads names paragraph {head}, but the section has {paragraphs} paragraphs"
    )]
    HeadOutOfRange { section: usize, head: usize, paragraphs: usize },
    #[error("intro[{0}] is empty or only whitespace")]
    EmptyIntro(usize),
    #[error("contributor {id:?} has no section; every contributor needs at least one")]
    SilentContributor { id: String },
    #[error("`date` {0:?} is not an ISO 8601 date; expected YYYY, YYYY-MM or YYYY-MM-DD")]
    BadDate(String),
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

/// What [`validate`] asks of a section, whether as the file writes it or
/// with its paragraphs made (see [`SectionParts`]).
pub(super) trait SectionCheck {
    fn contributor(&self) -> &str;
    fn len(&self) -> usize;
    /// How many times it lists (0 for none).
    fn times(&self) -> usize;
    fn heads(&self) -> &[usize];
    /// The paragraphs that could be blank or too long: all of them, but of
    /// ranges of a source only those made apart (a range is neither: its
    /// reader saw to that; the 12.8 MB panel's 40,000 are not gone over).
    fn to_check(&self) -> impl Iterator<Item = usize>;
    /// Whether the paragraph is empty or only whitespace.
    fn blank(&self, paragraph: usize) -> bool;
    fn text_len(&self, paragraph: usize) -> usize;
}

impl SectionCheck for SectionFile {
    fn contributor(&self) -> &str {
        &self.contributor
    }
    fn len(&self) -> usize {
        self.paragraphs.len()
    }
    fn times(&self) -> usize {
        self.times.len()
    }
    fn heads(&self) -> &[usize] {
        &self.heads
    }
    fn to_check(&self) -> impl Iterator<Item = usize> {
        0..self.paragraphs.len()
    }
    fn blank(&self, paragraph: usize) -> bool {
        self.paragraphs[paragraph].trim().is_empty()
    }
    fn text_len(&self, paragraph: usize) -> usize {
        self.paragraphs[paragraph].len()
    }
}

/// A made paragraph carries its own time and subhead mark: none can be
/// missing or out of range.
impl SectionCheck for SectionParts {
    fn contributor(&self) -> &str {
        &self.contributor
    }
    fn len(&self) -> usize {
        self.paragraphs.len()
    }
    fn times(&self) -> usize {
        0
    }
    fn heads(&self) -> &[usize] {
        &[]
    }
    fn to_check(&self) -> impl Iterator<Item = usize> {
        self.paragraphs.made_places()
    }
    fn blank(&self, paragraph: usize) -> bool {
        self.paragraphs.is_blank(paragraph)
    }
    fn text_len(&self, paragraph: usize) -> usize {
        self.paragraphs.text_len(paragraph)
    }
}

/// Checks `file`, with `sections` for its sections (`file.sections`
/// itself, or the same made into paragraphs).
pub(super) fn validate<S: SectionCheck>(
    file: &ConversationFile,
    sections: &[S],
) -> Result<(), ValidationError> {
    use ValidationError as E;
    if file.version > FORMAT_VERSION {
        return Err(E::NewerVersion(file.version));
    }
    if !is_valid_id(&file.id) {
        return Err(E::BadConversationId(file.id.clone()));
    }
    if file.title.trim().is_empty() {
        return Err(E::EmptyTitle);
    }
    if !is_valid_date(&file.date) {
        return Err(E::BadDate(file.date.clone()));
    }
    if let Some(i) = file.intro.iter().position(|p| p.trim().is_empty()) {
        return Err(E::EmptyIntro(i));
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
    if sections.is_empty() {
        return Err(E::NoSections);
    }
    for (index, s) in sections.iter().enumerate() {
        if let Some(&c) = ids.get(s.contributor()) {
            spoke[c] = true;
        } else {
            let known =
                file.contributors.iter().map(|c| c.id.as_str()).collect::<Vec<_>>().join(", ");
            return Err(E::UnknownContributor { index, id: s.contributor().to_owned(), known });
        }
        let paragraphs = s.len();
        if paragraphs == 0 {
            return Err(E::EmptySection { index, id: s.contributor().to_owned() });
        }
        let times = s.times();
        if times != 0 && times != paragraphs {
            return Err(E::TimesMismatch { section: index, times, paragraphs });
        }
        if let Some(&head) = s.heads().iter().find(|&&h| h >= paragraphs) {
            return Err(E::HeadOutOfRange { section: index, head, paragraphs });
        }
        for paragraph in s.to_check() {
            if s.blank(paragraph) {
                return Err(E::EmptyParagraph { section: index, paragraph });
            }
            if u32::try_from(s.text_len(paragraph)).is_err() {
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
