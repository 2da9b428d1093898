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

use crate::model::annotations::{Annotations, Highlight, Link, Relation, Tag, tree};
use crate::model::count::{count, plural};
use crate::model::stats::Matrix;
use crate::model::{Contributor, Conversation, VoiceText};

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

/// One highlight as exported: its tags in scope and its positions.
#[derive(Clone, Debug)]
pub struct Item<'a> {
    pub highlight: &'a Highlight,
    /// The highlight's tags that are in scope, in the order applied.
    pub tags: Vec<&'a str>,
    /// Code points in the contributor's section text, end exclusive.
    pub start: usize,
    pub end: usize,
    /// 1-based paragraphs (within the contributor's section) where it starts and ends.
    pub paragraph: usize,
    pub end_paragraph: usize,
    /// When the paragraph where it starts was spoken; `""` if not known.
    pub time: &'a str,
}

impl Item<'_> {
    /// "¶3" or "¶3–4".
    pub fn paragraphs(&self) -> String {
        if self.end_paragraph > self.paragraph {
            format!("¶{}–{}", self.paragraph, self.end_paragraph)
        } else {
            format!("¶{}", self.paragraph)
        }
    }
}

/// One link as exported: both its ends are highlights in scope.
#[derive(Clone, Debug)]
pub struct LinkItem<'a> {
    pub link: &'a Link,
    pub relation: &'a Relation,
    /// The ends, as indexes into [`Export::items`].
    pub from: usize,
    pub to: usize,
}

/// Everything an export needs, worked out once.
pub struct Export<'a> {
    pub doc: &'a Conversation,
    pub annotations: &'a Annotations,
    /// Tags in scope, in the annotation file's order.
    pub tags: Vec<&'a Tag>,
    /// Contributors (voices) in scope, in order.
    pub voices: Vec<usize>,
    /// Highlights in scope, in document order (contributor, position).
    pub items: Vec<Item<'a>>,
    /// Highlights in scope that could not be found in the text: they have no
    /// position, so only the formats that list them (Markdown) carry them.
    pub orphans: Vec<&'a Highlight>,
    /// Links in scope, by id: those whose two ends are both in `items` (a
    /// link to a passage filtered out, or not found in the text, is left
    /// out with it).
    pub links: Vec<LinkItem<'a>>,
    /// Every contributor's section text (see the module docs).
    pub texts: Vec<VoiceText>,
    /// `crosstalk <version>`.
    pub generator: String,
}

impl<'a> Export<'a> {
    pub fn new(
        doc: &'a Conversation,
        annotations: &'a Annotations,
        filter: &Filter,
    ) -> Result<Self, ExportError> {
        // A parent names its whole branch, as the list, the matrix and
        // `stats` take it (whether or not it is a tag itself).
        let chosen =
            |tag: &str| filter.tags.is_empty() || filter.tags.iter().any(|f| tree::within(tag, f));
        for name in &filter.tags {
            if !annotations.tags().iter().any(|t| tree::within(&t.name, name)) {
                let known = annotations.tags().iter().map(|t| format!("“{}”", t.name));
                return Err(ExportError::UnknownTag {
                    name: name.clone(),
                    known: known.collect::<Vec<_>>().join(", "),
                });
            }
        }
        let mut voices = Vec::new();
        for (i, c) in doc.contributors.iter().enumerate() {
            if filter.contributors.is_empty() || filter.contributors.contains(&c.id) {
                voices.push(i);
            }
        }
        for id in &filter.contributors {
            if !doc.contributors.iter().any(|c| &c.id == id) {
                let known = doc.contributors.iter().map(|c| c.id.as_str());
                return Err(ExportError::UnknownContributor {
                    id: id.clone(),
                    known: known.collect::<Vec<_>>().join(", "),
                });
            }
        }
        let tags: Vec<&Tag> = annotations.tags().iter().filter(|t| chosen(&t.name)).collect();
        let texts: Vec<VoiceText> = doc.voices().iter().map(|v| VoiceText::new(doc, v)).collect();
        let in_scope = |h: &'a Highlight| -> Option<Vec<&'a str>> {
            if !voices.contains(&h.voice) {
                return None;
            }
            let tags: Vec<&str> = h.tags.iter().filter(|t| chosen(t)).map(String::as_str).collect();
            (filter.tags.is_empty() || !tags.is_empty()).then_some(tags)
        };
        let mut items = Vec::new();
        let mut orphans = Vec::new();
        // Where the last start was, per voice: highlights come in document
        // order, so each start is counted on from the one before it in its
        // paragraph, and each end on from its start, not from the paragraph's
        // beginning (in one long paragraph that was quadratic).
        let mut cursors = vec![(0, 0); texts.len()];
        for h in annotations.highlights() {
            let h: &'a Highlight = h;
            let Some(tags) = in_scope(h) else { continue };
            if h.orphan {
                orphans.push(h);
                continue;
            }
            let vt = &texts[h.voice];
            let time = doc
                .voices()
                .get(h.voice)
                .and_then(|v| v.paragraphs.get(h.start.para as usize))
                .map_or("", |r| doc.paragraph(r).time());
            let start = char_offset(vt, vt.offset(h.start), cursors[h.voice]);
            let end = char_offset(vt, vt.offset(h.end), start);
            cursors[h.voice] = start;
            items.push(Item {
                time,
                highlight: h,
                tags,
                start: start.1,
                end: end.1,
                paragraph: h.start.para as usize + 1,
                end_paragraph: h.end.para as usize + 1,
            });
        }
        let links = link_items(annotations, &items);
        Ok(Self {
            doc,
            annotations,
            tags,
            voices,
            items,
            orphans,
            links,
            texts,
            generator: format!("crosstalk {}", env!("CARGO_PKG_VERSION")),
        })
    }

    pub fn contributor(&self, voice: usize) -> &'a Contributor {
        &self.doc.contributors[self.doc.voices()[voice].contributor]
    }

    /// The section text of `voice`.
    pub fn text(&self, voice: usize) -> &str {
        &self.texts[voice].text
    }

    /// The tag × contributor matrix of what is in scope.
    pub fn matrix(&self) -> Matrix {
        let names: Vec<String> = self.tags.iter().map(|t| t.name.clone()).collect();
        Matrix::new(self.doc, &names, self.items.iter().map(|i| i.highlight))
    }

    /// The links in scope under each relation that has any, in the
    /// codebook's order (each relation's links by id).
    pub fn links_by_relation(&self) -> Vec<(&'a Relation, Vec<&LinkItem<'a>>)> {
        let mut out = Vec::new();
        for r in self.annotations.relations() {
            let here: Vec<&LinkItem> =
                self.links.iter().filter(|l| l.link.relation == r.name).collect();
            if !here.is_empty() {
                out.push((r, here));
            }
        }
        out
    }

    /// Every distinct coder, in order of first appearance.
    pub fn coders(&self) -> Vec<&'a str> {
        let mut out: Vec<&str> = Vec::new();
        for i in &self.items {
            if !out.contains(&i.highlight.coder.as_str()) {
                out.push(&i.highlight.coder);
            }
        }
        out
    }

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

/// The links of `annotations` whose ends are both among `items`, by id.
fn link_items<'a>(annotations: &'a Annotations, items: &[Item<'a>]) -> Vec<LinkItem<'a>> {
    if annotations.links().is_empty() {
        return Vec::new();
    }
    let at: std::collections::HashMap<&str, usize> =
        items.iter().enumerate().map(|(k, i)| (i.highlight.id.as_str(), k)).collect();
    annotations
        .links()
        .iter()
        .filter_map(|l| {
            let link: &'a Link = l;
            Some(LinkItem {
                link,
                relation: annotations.relation(&link.relation)?,
                from: *at.get(link.from.as_str())?,
                to: *at.get(link.to.as_str())?,
            })
        })
        .collect()
}

/// The UUID of a link: its id if that is a UUID, else one derived from it.
pub fn link_uuid(doc: &Conversation, link: &Link) -> uuid::Uuid {
    uuid::Uuid::parse_str(&link.id).unwrap_or_else(|_| stable_uuid(&[&doc.id, "link", &link.id]))
}

/// `(byte, code point)` offsets in `vt` of byte `offset`, as
/// [`VoiceText::char_offset`] gives them, counted on from `from` (an earlier
/// result) when that is in the same paragraph and not after it.
fn char_offset(vt: &VoiceText, offset: usize, from: (usize, usize)) -> (usize, usize) {
    let para = vt.starts.partition_point(|&s| s <= offset).saturating_sub(1);
    let start = vt.starts.get(para).copied().unwrap_or(0);
    let offset = crate::model::voicetext::floor_char_boundary(&vt.text, offset);
    let (byte, chars) = if (start..=offset).contains(&from.0) {
        from
    } else {
        (start, vt.char_starts.get(para).copied().unwrap_or(0))
    };
    (offset, chars + vt.text[byte..offset].chars().count())
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ConversationFile, SectionFile};

    /// Counting on from an earlier offset gives what counting from the
    /// paragraph's start gives, at every byte of a voice's text (char
    /// boundaries or not, past the end too), from every other result.
    #[test]
    fn char_offsets_counted_on_match_char_offset() {
        let paragraphs = ["a数据 👨\u{200d}👩 e\u{301}", "second ¶", "x", "多语言 — 🤔 end"];
        let file = ConversationFile {
            id: "t".into(),
            title: "t".into(),
            contributors: vec![Contributor {
                id: "a".into(),
                name: "A".into(),
                ..Default::default()
            }],
            sections: vec![SectionFile {
                contributor: "a".into(),
                paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
                ..Default::default()
            }],
            ..Default::default()
        };
        let doc = Conversation::new(file).expect("valid");
        let vt = VoiceText::new(&doc, &doc.voices()[0]);
        let ends = 0..=vt.text.len() + 2;
        let froms: Vec<(usize, usize)> = std::iter::once((0, 0))
            .chain(ends.clone().map(|o| char_offset(&vt, o, (0, 0))))
            .collect();
        for offset in ends {
            for &from in &froms {
                assert_eq!(
                    char_offset(&vt, offset, from).1,
                    vt.char_offset(offset),
                    "{offset} {from:?}"
                );
            }
        }
    }
}
