//! REFI-QDA projects (`.qdpx`, `.qde`) as conversations and annotation
//! files. Pure: `project.qde`'s text and the sources' texts in, conversations
//! and annotations out (the archive is opened by `store::refi`).
//!
//! - [`project`] reads `project.qde` (users, text sources, selections,
//!   codings, notes), [`codes`] its codes (shared with `.qdc` codebooks);
//! - [`build()`] makes the conversations: a project crosstalk exported comes
//!   back as the one conversation it was, each source a voice; any other
//!   gives a conversation per source, its speakers found as in a transcript
//!   ([`align`] maps the source's code points to the paragraphs).
//!
//! Codes become tags: colour, description, nested codes named
//! `parent/child`. A code that is not codable (`isCodable="false"`, a
//! category) becomes a tag only when some selection is coded with it;
//! otherwise it only names its children. Quick keys 1–9 go to the first
//! nine tags, as for a `.qdc` codebook (REFI-QDA has no quick keys).

pub mod align;
pub mod build;
pub mod codes;
mod ours;
pub mod project;
mod theirs;

pub use build::{Imported, Outcome, SourceInfo, build, crosstalk_made, describe};
pub use ours::paragraphs;
pub use project::{Project, parse};

/// An error inside a project: the part (`project.qde`, `sources/x.txt`;
/// `None` for the project file itself), line and column, and what is wrong.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Located {
    pub part: Option<String>,
    pub at: Option<(usize, usize)>,
    pub message: String,
}

/// Why a project could not be imported: `FILE: part:line:column: message`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{file}{}: {}", place(.located), .located.message)]
pub struct RefiError {
    pub file: String,
    pub located: Located,
}

fn place(l: &Located) -> String {
    let at = l.at.map(|(line, col)| format!(":{line}:{col}")).unwrap_or_default();
    match &l.part {
        Some(part) => format!(": {part}{at}"),
        None => at,
    }
}

impl Located {
    pub fn new(message: impl Into<String>) -> Self {
        Self { message: message.into(), ..Self::default() }
    }

    pub fn in_part(mut self, part: &str) -> Self {
        self.part.get_or_insert_with(|| part.to_owned());
        self
    }

    pub fn in_file(self, file: &str) -> RefiError {
        RefiError { file: file.to_owned(), located: self }
    }
}
