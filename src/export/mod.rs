//! Exports: one module per format, the conversation and its annotations in,
//! bytes out. No file I/O here; the CLI and the reader write the result.
//!
//! [`Export`] chooses what goes out (a filter by tag and contributor) and
//! works out, once, what every format needs: the highlights in document
//! order with their positions, the tags, each contributor's text.
//!
//! **Positions.** Every format that carries positions counts Unicode code
//! points, end exclusive, in one contributor's *section text*: that
//! contributor's paragraphs joined by a blank line (`"\n\n"`). Slicing that
//! text at `start..end` gives the highlight's quote. The REFI-QDA export
//! ships that text as the contributor's source with its line ends as LF (a
//! CR LF or a lone CR becomes one LF), and counts its positions on the text
//! it ships ([`qdpx_source`]).

pub mod codebook_csv;
pub mod csv;
pub mod html;
pub mod json;
pub mod links_csv;
pub mod markdown;
pub mod qdpx;
pub mod qdpx_about;
pub mod qdpx_source;
mod scope;

pub use scope::{Export, Item, LinkItem};

use crate::model::annotations::{Highlight, Link, Tag};
use crate::model::count::{count, plural};
use crate::model::{Contributor, Conversation};

/// What the exporter writes, as named on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// A coding brief: quotes by tag and contributor, notes, counts.
    Markdown,
    /// One row per highlight × tag (RFC 4180).
    Csv,
    /// W3C Web Annotation JSON-LD.
    Json,
    /// A REFI-QDA project (zip) for NVivo, ATLAS.ti, MAXQDA, QualCoder.
    Qdpx,
    /// The REFI-QDA codebook alone (XML).
    Qdc,
    /// The codebook alone as CSV (`name,description,color`), for Taguette.
    CodebookCsv,
    /// A self-contained web page: the debate side by side or in turn order, highlighted.
    Html,
    /// One row per link between two passages (RFC 4180).
    LinksCsv,
}

impl Format {
    pub const ALL: [Format; 8] = [
        Format::Markdown,
        Format::Csv,
        Format::Json,
        Format::Qdpx,
        Format::Qdc,
        Format::CodebookCsv,
        Format::Html,
        Format::LinksCsv,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Format::Markdown => "markdown",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Qdpx => "qdpx",
            Format::Qdc => "qdc",
            Format::CodebookCsv => "codebook-csv",
            Format::Html => "html",
            Format::LinksCsv => "links-csv",
        }
    }

    /// The usual file extension (`codebook.csv` for the codebook CSV and
    /// `links.csv` for the links', so neither is suggested over the
    /// highlights' `.csv`).
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Csv => "csv",
            Format::Json => "jsonld",
            Format::Qdpx => "qdpx",
            Format::Qdc => "qdc",
            Format::CodebookCsv => "codebook.csv",
            Format::Html => "html",
            Format::LinksCsv => "links.csv",
        }
    }

    /// What it is, in a line (for `--help` and the reader's dialog).
    pub fn about(self) -> &'static str {
        match self {
            Format::Markdown => "a brief: quotes by tag and contributor, notes, counts",
            Format::Csv => "one row per highlight × tag, for R or a spreadsheet",
            Format::Json => "W3C Web Annotation (JSON-LD)",
            Format::Qdpx => "REFI-QDA project (zip): NVivo, ATLAS.ti, MAXQDA, QualCoder",
            Format::Qdc => "REFI-QDA codebook: the tags alone",
            Format::CodebookCsv => "the tags alone as CSV, for Taguette or a spreadsheet",
            Format::Html => "a web page: side by side or in turn order, highlighted",
            Format::LinksCsv => "one row per link between two passages, for R or a sheet",
        }
    }

    /// Whether the output is binary (written to a file, never a terminal).
    pub fn binary(self) -> bool {
        self == Format::Qdpx
    }
}

/// Which highlights go out: those in any of `contributors` (by id) and
/// carrying any of `tags` (by name); empty means all. With tags given, only
/// those tags are written, and untagged highlights are left out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub tags: Vec<String>,
    pub contributors: Vec<String>,
}

/// How an export is written, beyond what goes in it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// CSV, links CSV and codebook CSV: write cells a spreadsheet would take for a
    /// formula as they are, instead of with a leading `'` (see [`csv`]).
    pub raw: bool,
    /// Markdown: append the whole conversation, as `crosstalk import` reads it.
    pub with_text: bool,
    /// CSV and links CSV: begin with a UTF-8 byte order mark, which Excel needs to read
    /// UTF-8 (without it, it reads the bytes as the system's code page).
    pub excel: bool,
}

/// An export, and what the person who asked for it should be told about it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    /// Each a sentence, e.g. how many characters XML could not carry.
    pub warnings: Vec<String>,
}

/// Why an export could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("no tag is named “{name}” or sits under it; the tags are: {known}")]
    UnknownTag { name: String, known: String },
    #[error("no contributor has the id {id:?}; the contributors are: {known}")]
    UnknownContributor { id: String, known: String },
    #[error("writing {format}: {message}")]
    Write { format: &'static str, message: String },
}

impl ExportError {
    fn write(format: Format, e: impl std::fmt::Display) -> Self {
        Self::Write { format: format.name(), message: e.to_string() }
    }
}

impl<'a> Export<'a> {
    /// The export of this in `format`, with the default [`Options`].
    pub fn render(&self, format: Format) -> Result<Vec<u8>, ExportError> {
        self.render_with(format, Options::default()).map(|r| r.bytes)
    }

    /// The export of this in `format`, and what to tell about it.
    pub fn render_with(&self, format: Format, options: Options) -> Result<Rendered, ExportError> {
        let fail = |e: &dyn std::fmt::Display| ExportError::write(format, e);
        let (bytes, replaced) = match format {
            Format::Markdown => (markdown::render_with(self, options.with_text).into_bytes(), 0),
            Format::Csv => {
                let mut bytes = csv::render_with(self, options.raw).map_err(|e| fail(&e))?;
                if options.excel {
                    bytes.splice(0..0, "\u{feff}".bytes());
                }
                (bytes, 0)
            }
            Format::Json => (json::render(self).map_err(|e| fail(&e))?, 0),
            Format::Qdpx => qdpx::project_zip_counted(self).map_err(|e| fail(&e))?,
            Format::Qdc | Format::CodebookCsv if self.tags.is_empty() => {
                return Err(fail(&"there are no tags to put in a codebook"));
            }
            Format::Qdc => {
                let (xml, replaced) = qdpx::codebook_counted(self);
                (xml.into_bytes(), replaced)
            }
            Format::CodebookCsv => {
                (codebook_csv::render(self, options.raw).map_err(|e| fail(&e))?, 0)
            }
            Format::Html => (html::render(self).into_bytes(), 0),
            Format::LinksCsv => {
                let mut bytes = links_csv::render_with(self, options.raw).map_err(|e| fail(&e))?;
                if options.excel {
                    bytes.splice(0..0, "\u{feff}".bytes());
                }
                (bytes, 0)
            }
        };
        let mut warnings = Vec::new();
        // Formats that carry links say when some could not go: never silently.
        let carries_links = matches!(
            format,
            Format::Markdown | Format::Json | Format::Qdpx | Format::Html | Format::LinksCsv
        );
        let left_out = self.annotations.links().len().saturating_sub(self.links.len());
        if carries_links && left_out > 0 {
            let all = self.annotations.links().len();
            warnings.push(format!(
                "{left_out} of {} left out: an end not found in the text (an orphan), \
                 or outside the --tag / --contributor filter",
                count(all, "link", "links")
            ));
        }
        if matches!(format, Format::Qdpx | Format::Qdc)
            && let Some(warning) = shared_code_names(&self.tags)
        {
            warnings.push(warning);
        }
        if replaced > 0 {
            warnings.push(format!(
                "{} that XML 1.0 does not allow (control characters) {} written as U+FFFD",
                count(replaced, "character", "characters"),
                plural(replaced, "was", "were")
            ));
        }
        Ok(Rendered { bytes, warnings })
    }
}

/// REFI-QDA names a nested code by its last part (`policy/ban` is `ban`
/// inside `policy`), which the standard allows twice; QualCoder, which
/// needs code names unique, keeps only the first. Says which names meet.
fn shared_code_names(tags: &[&Tag]) -> Option<String> {
    let rows = crate::model::annotations::tree::tree_of(tags.iter().map(|t| t.name.as_str()));
    let mut by_leaf: Vec<(&str, Vec<&str>)> = Vec::new();
    for row in &rows {
        match by_leaf.iter_mut().find(|(leaf, _)| *leaf == row.leaf()) {
            Some((_, names)) => names.push(&row.name),
            None => by_leaf.push((row.leaf(), vec![&row.name])),
        }
    }
    let shared: Vec<String> = by_leaf
        .into_iter()
        .filter(|(_, names)| names.len() > 1)
        .map(|(leaf, names)| format!("“{leaf}” ({})", names.join(", ")))
        .collect();
    (!shared.is_empty()).then(|| {
        format!(
            "codes with one name in the project (REFI-QDA names a nested code by its last part, \
             which the standard allows): {}; QualCoder, which needs code names unique, makes only \
             the first and drops the others' codings (rename one to import it there)",
            shared.join("; ")
        )
    })
}

/// The UUID of a link: its id if that is a UUID, else one derived from it.
pub fn link_uuid(doc: &Conversation, link: &Link) -> uuid::Uuid {
    uuid::Uuid::parse_str(&link.id).unwrap_or_else(|_| stable_uuid(&[&doc.id, "link", &link.id]))
}

/// A UUID derived from `parts`, the same every time: used where an export
/// needs ids that stay stable across repeated exports of the same file.
pub fn stable_uuid(parts: &[&str]) -> uuid::Uuid {
    // The crosstalk namespace: itself a v5 UUID of the URL namespace.
    static NAMESPACE: std::sync::LazyLock<uuid::Uuid> =
        std::sync::LazyLock::new(|| uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, b"crosstalk"));
    uuid::Uuid::new_v5(&NAMESPACE, parts.join("\u{1f}").as_bytes())
}

/// The UUID of a highlight: its id if that is a UUID, else one derived from it.
pub fn highlight_uuid(doc: &Conversation, h: &Highlight) -> uuid::Uuid {
    uuid::Uuid::parse_str(&h.id).unwrap_or_else(|_| stable_uuid(&[&doc.id, "highlight", &h.id]))
}

/// The IRI that names a contributor's section text in exports.
pub fn section_iri(doc: &Conversation, contributor: &Contributor) -> String {
    format!("urn:crosstalk:{}:{}", doc.id, contributor.id)
}
