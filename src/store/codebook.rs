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

use std::collections::HashSet;
use std::path::Path;

use quick_xml::Reader;
use quick_xml::events::Event;

use crate::export::csv::unprotect;
use crate::import::DecodeError;
use crate::model::Conversation;
use crate::model::annotations::{AnnotationFile, Offered, PALETTE, Rgb, Tag, default_tags};

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
    let name = path.display().to_string();
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
        _ => csv_tags(text),
    };
    tags.map_err(|(at, message)| fail(at, message))
}

type Failure = (Option<(usize, Option<usize>)>, String);

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

/// Adds a tag, refusing an empty name or one already used; the first nine
/// tags get quick keys 1–9 (a RON codebook keeps its own).
struct Builder {
    tags: Vec<Offered>,
    names: HashSet<String>,
}

impl Builder {
    fn new() -> Self {
        Self { tags: Vec::new(), names: HashSet::new() }
    }

    fn add(&mut self, name: String, description: String, color: Option<Rgb>) -> Result<(), String> {
        if name.trim().is_empty() {
            return Err("the tag has no name".into());
        }
        if name.chars().any(char::is_control) {
            return Err(format!("tag {name:?}: a name cannot hold control characters"));
        }
        if !self.names.insert(name.clone()) {
            return Err(format!("tag {name:?} is defined twice"));
        }
        let color_given = color.is_some();
        let color = color.unwrap_or_else(|| {
            let used: Vec<Rgb> = self.tags.iter().map(|t| t.tag.color).collect();
            PALETTE
                .iter()
                .copied()
                .find(|c| !used.contains(c))
                .unwrap_or(PALETTE[self.tags.len() % PALETTE.len()])
        });
        let key = (self.tags.len() < 9).then(|| self.tags.len() as u8 + 1);
        self.tags.push(Offered { tag: Tag { name, color, description, key }, color_given });
        Ok(())
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
    Ok(b.tags)
}

/// `line:column` (1-based) of byte `offset` in `text`.
fn line_col(text: &str, offset: usize) -> (usize, Option<usize>) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, Some(col))
}

/// A REFI-QDA codebook's codes: `<Code name=… color=… isCodable=…>` with an
/// optional `<Description>`; a nested code is named `parent/child`; codes
/// that are not codable only name their children.
fn qdc_tags(text: &str) -> Result<Vec<Offered>, Failure> {
    struct Open {
        path: String,
        /// Index in the builder's tags, if the code is a tag.
        tag: Option<usize>,
    }
    let mut reader = Reader::from_str(text);
    let mut b = Builder::new();
    let mut stack: Vec<Open> = Vec::new();
    // The description being read, and which tag it belongs to.
    let mut description: Option<(Option<usize>, String)> = None;
    let mut seen_codebook = false;
    loop {
        let at = reader.buffer_position() as usize;
        let xml_err = |e: quick_xml::Error, at: usize| {
            (Some(line_col(text, at)), format!("not valid XML: {e}"))
        };
        let event =
            reader.read_event().map_err(|e| xml_err(e, reader.error_position() as usize))?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) if e.local_name().as_ref() == b"CodeBook" => {
                seen_codebook = true;
            }
            ref ev @ (Event::Start(ref e) | Event::Empty(ref e))
                if e.local_name().as_ref() == b"Code" =>
            {
                let mut name = None;
                let mut color = None;
                let mut codable = true;
                for attr in e.attributes() {
                    let attr = attr
                        .map_err(|e| (Some(line_col(text, at)), format!("not valid XML: {e}")))?;
                    let value = attr
                        .normalized_value(quick_xml::XmlVersion::default())
                        .map_err(|e| (Some(line_col(text, at)), format!("not valid XML: {e}")))?;
                    match attr.key.local_name().as_ref() {
                        b"name" => name = Some(value.into_owned()),
                        b"color" => {
                            color = Some(Rgb::parse(&value).ok_or_else(|| {
                                (
                                    Some(line_col(text, at)),
                                    format!("color {value:?} is not #RRGGBB"),
                                )
                            })?);
                        }
                        b"isCodable" => codable = value.trim() != "false",
                        _ => {}
                    }
                }
                let name = name
                    .ok_or_else(|| (Some(line_col(text, at)), "a <Code> has no name".to_owned()))?;
                let path = match stack.last() {
                    Some(parent) => format!("{}/{name}", parent.path),
                    None => name,
                };
                let tag = if codable {
                    b.add(path.clone(), String::new(), color)
                        .map_err(|m| (Some(line_col(text, at)), m))?;
                    Some(b.tags.len() - 1)
                } else {
                    None
                };
                if matches!(ev, Event::Start(_)) {
                    stack.push(Open { path, tag });
                }
            }
            Event::End(e) if e.local_name().as_ref() == b"Code" => {
                stack.pop();
            }
            Event::Start(e) if e.local_name().as_ref() == b"Description" => {
                description = Some((stack.last().and_then(|o| o.tag), String::new()));
            }
            Event::End(e) if e.local_name().as_ref() == b"Description" => {
                if let Some((Some(tag), d)) = description.take() {
                    b.tags[tag].tag.description = d;
                }
            }
            Event::Text(t) => {
                if let Some((_, d)) = description.as_mut() {
                    let s = t
                        .xml10_content()
                        .map_err(|e| (Some(line_col(text, at)), format!("not valid XML: {e}")))?;
                    d.push_str(&s);
                }
            }
            Event::CData(t) => {
                if let Some((_, d)) = description.as_mut() {
                    d.push_str(&String::from_utf8_lossy(&t));
                }
            }
            Event::GeneralRef(r) => {
                if let Some((_, d)) = description.as_mut() {
                    let bad =
                        || (Some(line_col(text, at)), "unknown character reference".to_owned());
                    if let Some(c) = r.resolve_char_ref().map_err(|_| bad())? {
                        d.push(c);
                    } else {
                        let name = r.decode().map_err(|_| bad())?;
                        d.push_str(
                            quick_xml::escape::resolve_predefined_entity(&name).ok_or_else(bad)?,
                        );
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !seen_codebook {
        return Err((None, "not a REFI-QDA codebook: no <CodeBook> element".into()));
    }
    Ok(b.tags)
}
