//! Codebooks: the tags a new annotation file starts with (`--codebook`),
//! read from another annotation file (`.ron`), a REFI-QDA codebook (`.qdc`,
//! nested codes named `parent/child`), or CSV (`name,description[,color]`,
//! header optional). Every error names the file, and the line (CSV, RON) or
//! the line and column (XML).

use std::path::Path;

use crate::import::refi::codes::{self, TagSet};
use crate::model::Conversation;
use crate::model::annotations::{AnnotationFile, Rgb, Tag, default_tags};

/// The bundled debate's id: the one conversation that starts with
/// [`default_tags`], the codebook written for it.
pub const BUNDLED_ID: &str = "technical-difficulties";

/// The tags a new annotation file for `doc` starts with when no codebook is
/// given: the bundled debate's codebook for it, none for anything else.
pub fn starting_tags(doc: &Conversation) -> Vec<Tag> {
    if doc.id == BUNDLED_ID { default_tags() } else { Vec::new() }
}

/// Why a codebook could not be read: `{path}:{line}: message`, or
/// `{path}: message` when there is no line to point at.
#[derive(Debug, thiserror::Error)]
#[error("{path}{}: {message}", at.map(|(l, c)| match c { Some(c) => format!(":{l}:{c}"), None => format!(":{l}") }).unwrap_or_default())]
pub struct CodebookError {
    pub path: String,
    /// Line (1-based) and, for XML, column.
    pub at: Option<(usize, Option<usize>)>,
    pub message: String,
}

/// Reads the codebook at `path`, judged by its extension (`.ron`, `.qdc` /
/// `.xml`, `.csv`) or, for any other name, by its first character.
pub fn load_codebook(path: &Path) -> Result<Vec<Tag>, CodebookError> {
    let name = path.display().to_string();
    let fail = |at, message: String| CodebookError { path: name.clone(), at, message };
    let bytes =
        std::fs::read(path).map_err(|e| fail(None, format!("cannot read the file: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        fail(
            None,
            format!(
                "the file is not valid UTF-8 (first bad byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    let start = text.trim_start();
    let tags = match ext.as_deref() {
        Some("ron") => ron_tags(text),
        Some("qdc" | "xml") => codes::codebook_tags(text),
        Some("csv") => csv_tags(text),
        _ if start.starts_with('(') || start.starts_with("//") => ron_tags(text),
        _ if start.starts_with('<') => codes::codebook_tags(text),
        _ => csv_tags(text),
    };
    tags.map_err(|(at, message)| fail(at, message))
}

use codes::Failure;

/// Another annotation file's tags (its highlights are not looked at).
fn ron_tags(text: &str) -> Result<Vec<Tag>, Failure> {
    let file: AnnotationFile = ron::Options::default().from_str(text).map_err(|e| {
        (
            Some((e.span.start.line, Some(e.span.start.col))),
            e.code.to_string().replace("`AnnotationFile`", "the annotation file"),
        )
    })?;
    file.tags
        .into_iter()
        .map(|t| {
            let color = Rgb::parse(&t.color).ok_or_else(|| {
                (None, format!("tag {:?}: color {:?} is not #RRGGBB", t.name, t.color))
            })?;
            Ok(Tag { name: t.name, color, description: t.description, key: t.key })
        })
        .collect()
}

/// `name,description[,color]` rows; a first row `name,description…` is a header.
fn csv_tags(text: &str) -> Result<Vec<Tag>, Failure> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut b = TagSet::default();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(i + 1, |p| p.line() as usize);
            (Some((line, None)), format!("not valid CSV: {e}"))
        })?;
        let line = record.position().map_or(i + 1, |p| p.line() as usize);
        let at = Some((line, None));
        if i == 0 && record.get(0).is_some_and(|c| c.eq_ignore_ascii_case("name")) {
            continue;
        }
        if record.iter().all(str::is_empty) {
            continue;
        }
        if record.len() > 3 {
            return Err((
                at,
                format!("expected name,description[,color], found {} fields", record.len()),
            ));
        }
        let color = match record.get(2).filter(|c| !c.is_empty()) {
            None => None,
            Some(c) => {
                Some(Rgb::parse(c).ok_or_else(|| (at, format!("color {c:?} is not #RRGGBB")))?)
            }
        };
        let name = record.get(0).unwrap_or_default().to_owned();
        let description = record.get(1).unwrap_or_default().to_owned();
        b.add(name, description, color).map_err(|m| (at, m))?;
    }
    Ok(b.tags)
}
