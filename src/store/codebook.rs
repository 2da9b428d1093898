//! Codebooks: the tags a new annotation file starts with (`--codebook`), or
//! that `crosstalk tags import` merges into one, read from another
//! annotation file (`.ron`), a REFI-QDA codebook (`.qdc`, nested codes named
//! `parent/child`), or CSV. Every error names the file, and the line (CSV,
//! RON) or the line and column (XML).
//!
//! **CSV.** Without a header, rows are `name,description[,color]`. A first
//! row naming its columns is a header: the tag's name is the column `name`,
//! `tag` or `path` (exactly one of them, as Taguette asks), its description
//! `description`, its colour `color` or `colour`; other columns are ignored.
//! So Taguette's own codebook export (`tag,description,number of
//! highlights,number of documents`) reads as it is, and so does crosstalk's
//! (`--format codebook-csv`), whose `'` before a cell a spreadsheet would
//! take for a formula is taken away again.

use std::path::Path;

use crate::export::csv::unprotect;
use crate::import::refi::codes::{self, TagSet};
use crate::import::{DecodeError, Format};
use crate::model::Conversation;
use crate::model::annotations::{AnnotationFile, Offered, Rgb, Tag, default_tags};

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
    Ok(read_codebook(path)?.into_iter().map(|o| o.tag).collect())
}

/// [`load_codebook`], saying of each tag whether the codebook named its
/// colour (a CSV without a colour column, or a `.qdc` code without a
/// `color`, does not: the palette's is a stand-in).
pub fn read_codebook(path: &Path) -> Result<Vec<Offered>, CodebookError> {
    let name = path.shown();
    let fail = |at, message: String| CodebookError { path: name.clone(), at, message };
    let bytes =
        std::fs::read(path).map_err(|e| fail(None, format!("cannot read the file: {e}")))?;
    // UTF-8 (a byte order mark skipped), or UTF-16 with its byte order mark.
    let text = crate::import::decode(&bytes).map_err(|e| {
        let message = match e {
            DecodeError::Utf8 { offset } => {
                format!("the file is not valid UTF-8 (first bad byte at offset {offset})")
            }
            DecodeError::Utf16 { offset } => {
                format!("the file is not valid UTF-16 (bad code unit at offset {offset})")
            }
        };
        fail(None, message)
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    let start = text.trim_start();
    let tags = match ext.as_deref() {
        Some("ron") => ron_tags(text),
        Some("qdc" | "xml") => qdc_tags(text),
        Some("csv") => csv_tags(text),
        _ if start.starts_with('(') || start.starts_with("//") => ron_tags(text),
        _ if start.starts_with('<') => qdc_tags(text),
        // Any text splits at commas into "tags": a conversation given by
        // mistake (`tags import interview.txt`) is said to be one.
        _ => match crate::import::sniff_str(text) {
            Format::Transcript | Format::Markdown | Format::WebVtt | Format::Srt | Format::Chat => {
                Err((
                    None,
                    "this looks like a conversation (a transcript, subtitles or Markdown), not a \
                 codebook; a codebook is a REFI-QDA .qdc, an annotation file (.ron) or CSV \
                 `name,description[,color]` (named .csv to be read as CSV whatever it holds)"
                        .to_owned(),
                ))
            }
            _ => csv_tags(text),
        },
    };
    tags.map_err(|(at, message)| fail(at, message))
}

use crate::model::sanitize::Shown;
use codes::Failure;

/// Another annotation file's tags (its highlights are not looked at).
fn ron_tags(text: &str) -> Result<Vec<Offered>, Failure> {
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
            Ok(Offered::colored(Tag {
                name: t.name,
                color,
                description: t.description,
                key: t.key,
            }))
        })
        .collect()
}

/// The tags read so far ([`TagSet`]'s rules: no empty or repeated name,
/// quick keys 1–9 in order, a free colour when none is given), and whether
/// each came with its own colour (what `tags import` needs to know).
struct Builder {
    set: TagSet,
    given: Vec<bool>,
}

impl Builder {
    fn new() -> Self {
        Self { set: TagSet::default(), given: Vec::new() }
    }

    fn add(&mut self, name: String, description: String, color: Option<Rgb>) -> Result<(), String> {
        self.set.add(name, description, color)?;
        self.given.push(color.is_some());
        Ok(())
    }

    fn tags(self) -> Vec<Offered> {
        self.set
            .tags
            .into_iter()
            .zip(self.given)
            .map(|(tag, color_given)| Offered { tag, color_given })
            .collect()
    }
}

/// Which column holds what, from a header row.
struct Columns {
    name: usize,
    description: Option<usize>,
    color: Option<usize>,
}

/// What a first row is.
enum Header {
    /// A tag: rows are `name,description[,color]`.
    None,
    /// crosstalk's own header, `name,description[,color]` or a start of it:
    /// rows are read by position, as without a header.
    Positional,
    /// Columns found by name; others are ignored (Taguette's export).
    Named(Columns),
}

/// What the first row of a CSV codebook is: a header if its first cell is
/// `name`, `tag` or `path`, or one of its cells is `description` (any case).
fn header(record: &csv::StringRecord) -> Result<Header, String> {
    const NAME: [&str; 3] = ["name", "tag", "path"];
    let cells: Vec<String> = record.iter().map(str::to_lowercase).collect();
    let first = cells.first().is_some_and(|c| NAME.contains(&c.as_str()));
    if !first && !cells.iter().any(|c| c == "description") {
        return Ok(Header::None);
    }
    let own = ["name", "description", "color"];
    if cells.len() <= 3
        && cells.iter().zip(own).all(|(c, o)| c == o || (o == "color" && c == "colour"))
    {
        return Ok(Header::Positional);
    }
    let find = |names: &[&str]| -> Vec<usize> {
        (0..cells.len()).filter(|&i| names.contains(&cells[i].as_str())).collect()
    };
    let name = match find(&NAME)[..] {
        [i] => i,
        [] => return Err("the header has no name, tag or path column for the tags' names".into()),
        _ => {
            return Err("the header has more than one of the columns name, tag and path: \
                 which one is the tag's name?"
                .into());
        }
    };
    let description = find(&["description"]).first().copied();
    let color = find(&["color", "colour"]).first().copied();
    Ok(Header::Named(Columns { name, description, color }))
}

/// Rows of `name,description[,color]`, or the columns a header names.
fn csv_tags(text: &str) -> Result<Vec<Offered>, Failure> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut b = Builder::new();
    let mut columns = None;
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(i + 1, |p| p.line() as usize);
            (Some((line, None)), format!("not valid CSV: {e}"))
        })?;
        let line = record.position().map_or(i + 1, |p| p.line() as usize);
        let at = Some((line, None));
        if i == 0 {
            match header(&record).map_err(|m| (at, m))? {
                Header::None => {}
                Header::Positional => continue,
                Header::Named(c) => {
                    columns = Some(c);
                    continue;
                }
            }
        }
        if record.iter().all(str::is_empty) {
            continue;
        }
        let cell = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or_default();
        let (name, description, color) = match &columns {
            Some(c) => (cell(Some(c.name)), cell(c.description), cell(c.color)),
            None if record.len() > 3 => {
                return Err((
                    at,
                    format!("expected name,description[,color], found {} fields", record.len()),
                ));
            }
            None => (cell(Some(0)), cell(Some(1)), cell(Some(2))),
        };
        let color = match color {
            "" => None,
            c => Some(Rgb::parse(c).ok_or_else(|| (at, format!("color {c:?} is not #RRGGBB")))?),
        };
        b.add(unprotect(name).to_owned(), unprotect(description).to_owned(), color)
            .map_err(|m| (at, m))?;
    }
    Ok(b.tags())
}

/// A REFI-QDA codebook's codes ([`codes::parse`], shared with project
/// import): nested codes named `parent/child`; codes that are not codable
/// only name their children.
fn qdc_tags(text: &str) -> Result<Vec<Offered>, Failure> {
    let (found, seen) = codes::parse(text)?;
    if !seen {
        return Err((None, "not a REFI-QDA codebook: no <CodeBook> element".into()));
    }
    let mut b = Builder::new();
    for c in found.iter().filter(|c| c.codable) {
        b.add(c.name.clone(), c.description.clone(), c.color)
            .map_err(|m| (Some((c.at.0, Some(c.at.1))), m))?;
    }
    Ok(b.tags())
}
