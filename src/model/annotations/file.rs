//! The annotation file's shape (RON, `version: 1`) and its conversion to and
//! from [`Annotations`], re-anchoring highlights whose text has changed.
//!
//! Positions in the file are a 1-based paragraph number within the
//! contributor's voice and a 0-based code-point offset in that paragraph, end
//! exclusive; in memory they are byte offsets ([`Pos`]).

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::super::Conversation;
use super::super::voicetext::VoiceText;
use super::anchor::{Found, Quote};
use super::checks;
use super::loading::{
    Counter, Cursor, Times, clamp_pos, dedup_tags, first_duplicate, text_matches,
};
use super::locate::reattach_near;
use super::wordindex::LazyIndex;
use super::{Annotations, Highlight, Link, Relation, Rgb, Snapshot, Tag};

mod checked;
pub use checked::Reanchored;

/// The version this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;

/// A position in the file: paragraph (1-based, within the contributor's
/// paragraphs) and code-point offset in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FilePos {
    pub paragraph: usize,
    pub char: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileTag {
    #[serde(deserialize_with = "checks::tag_name")]
    pub name: String,
    /// `#RRGGBB`.
    #[serde(deserialize_with = "checks::color")]
    pub color: String,
    #[serde(default)]
    pub description: String,
    /// Quick key 1–9.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "checks::key")]
    pub key: Option<u8>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileHighlight {
    #[serde(deserialize_with = "checks::id")]
    pub id: String,
    /// The contributor's id.
    #[serde(deserialize_with = "checks::contributor")]
    pub contributor: String,
    pub start: FilePos,
    pub end: FilePos,
    /// Could not be found after the conversation changed; kept, never dropped.
    #[serde(default, skip_serializing_if = "is_false")]
    pub orphan: bool,
    pub quote: String,
    #[serde(default)]
    pub prefix: String,
    #[serde(default)]
    pub suffix: String,
    #[serde(default, deserialize_with = "checks::highlight_tags")]
    pub tags: Vec<String>,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub coder: String,
    /// RFC 3339.
    #[serde(deserialize_with = "checks::created")]
    pub created: String,
    /// RFC 3339.
    #[serde(deserialize_with = "checks::modified")]
    pub modified: String,
}

/// A relation of the links' codebook (see [`super::Relation`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileRelation {
    pub name: String,
    /// `#RRGGBB`.
    pub color: String,
    /// Read the same from either end; one-way (from → to) when absent.
    #[serde(default, skip_serializing_if = "is_false")]
    pub both_ways: bool,
    #[serde(default)]
    pub description: String,
}

/// A link between two highlights of the file (see [`super::Link`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileLink {
    pub id: String,
    /// The id of the highlight it starts from.
    pub from: String,
    /// The id of the highlight it goes to.
    pub to: String,
    /// A name in `relations`.
    pub relation: String,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub coder: String,
    /// RFC 3339.
    pub created: String,
    /// RFC 3339.
    pub modified: String,
}

/// The whole annotation file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnnotationFile {
    pub version: u32,
    /// The conversation's id.
    pub conversation: String,
    /// [`Conversation::text_hash`](crate::model::Conversation::text_hash) of
    /// the conversation the positions were made on.
    pub text_hash: String,
    #[serde(deserialize_with = "checks::tags")]
    pub tags: Vec<FileTag>,
    #[serde(deserialize_with = "checks::highlights")]
    pub highlights: Vec<FileHighlight>,
    /// The links' codebook; absent (the defaults) in a file without links
    /// whose relations are the defaults, so such a file is written as
    /// before links existed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<FileRelation>,
    /// By id; absent when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<FileLink>,
}

/// Why a well-formed annotation file cannot be used with this conversation.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    #[error(
        "written by a newer crosstalk (format version {0}); this one reads version {FORMAT_VERSION}"
    )]
    NewerVersion(u32),
    #[error(
        "it annotates conversation {found:?}, not {expected:?} (a file imported without an `Id:` line is named after its file name: if it was renamed, put `Id: {found}` under its title, or change `conversation:` in the annotation file)"
    )]
    OtherConversation { expected: String, found: String },
    #[error("tags[{index}] ({name:?}): color {value:?} is not #RRGGBB")]
    BadColor { index: usize, name: String, value: String },
    #[error("tags[{index}] ({name:?}): key {key} is not 1–9")]
    BadKey { index: usize, name: String, key: u8 },
    #[error("tags[{index}]: tag {name:?} is defined twice")]
    DuplicateTag { index: usize, name: String },
    #[error("tags[{index}]: a tag needs a name (found {name:?})")]
    BlankTag { index: usize, name: String },
    #[error("highlights[{index}] ({id}): {field} {value:?} is not an RFC 3339 time")]
    BadTime { index: usize, id: String, field: &'static str, value: String },
    #[error("highlights[{index}] ({id}): contributor {contributor:?} is not in the conversation")]
    UnknownContributor { index: usize, id: String, contributor: String },
    #[error("highlights[{index}] ({id}): tag {tag:?} is not in `tags`")]
    UnknownTag { index: usize, id: String, tag: String },
    #[error("highlights[{index}]: id {id:?} is used twice")]
    DuplicateId { index: usize, id: String },
    #[error("relations[{index}] ({name:?}): color {value:?} is not #RRGGBB")]
    BadRelationColor { index: usize, name: String, value: String },
    #[error(
        "relations[{index}]: a relation needs a name, one line without control characters (found {name:?})"
    )]
    BlankRelation { index: usize, name: String },
    #[error("relations[{index}]: relation {name:?} is defined twice")]
    DuplicateRelation { index: usize, name: String },
    #[error("links[{index}]: id {id:?} is used twice")]
    DuplicateLinkId { index: usize, id: String },
    #[error("links[{index}] ({id}): relation {relation:?} is not in `relations`")]
    UnknownRelation { index: usize, id: String, relation: String },
    #[error("links[{index}] ({id}): {end} {highlight:?} is not the id of a highlight in the file")]
    LinkEnd { index: usize, id: String, end: &'static str, highlight: String },
    #[error("links[{index}] ({id}): it links highlight {highlight:?} to itself")]
    SelfLink { index: usize, id: String, highlight: String },
    #[error("links[{index}] ({id}): {field} {value:?} is not an RFC 3339 time")]
    BadLinkTime { index: usize, id: String, field: &'static str, value: String },
}

impl AnnotationFile {
    /// A new, empty file for `doc` with the default tags (the bundled
    /// debate's codebook; tests use it for any conversation). The command
    /// line starts other conversations with no tags: see [`Self::with_tags`].
    pub fn empty(doc: &Conversation) -> Annotations {
        Self::with_tags(doc, super::default_tags())
    }

    /// A new file for `doc`, with no highlights, starting with `tags`.
    pub fn with_tags(doc: &Conversation, tags: Vec<Tag>) -> Annotations {
        Annotations::new(doc.id.clone(), tags)
    }

    /// The file form of `annotations`: highlights by contributor and
    /// position (orphans last), ties by id, so files diff and merge cleanly.
    pub fn from_snapshot(annotations: &Snapshot, doc: &Conversation) -> Self {
        let mut counter = Counter::default();
        Self {
            version: FORMAT_VERSION,
            conversation: annotations.conversation.clone(),
            text_hash: doc.text_hash().to_owned(),
            tags: annotations
                .tags
                .iter()
                .map(|t| FileTag {
                    name: t.name.clone(),
                    color: t.color.to_string(),
                    description: t.description.clone(),
                    key: t.key,
                })
                .collect(),
            highlights: annotations
                .highlights
                .iter()
                .map(|h| (h, counter.span(doc, h.voice, h.start, h.end)))
                .map(|(h, (start, end))| FileHighlight {
                    id: h.id.clone(),
                    contributor: doc.contributors[h.voice].id.clone(),
                    start,
                    end,
                    orphan: h.orphan,
                    quote: h.quote.exact.clone(),
                    prefix: h.quote.prefix.clone(),
                    suffix: h.quote.suffix.clone(),
                    tags: h.tags.clone(),
                    note: h.note.clone(),
                    coder: h.coder.clone(),
                    created: h.created.to_string(),
                    modified: h.modified.to_string(),
                })
                .collect(),
            relations: file_relations(annotations),
            links: annotations.links.iter().map(|l| file_link(l)).collect(),
        }
    }
}

/// The relations a file writes: none when there are no links and the
/// relations are the defaults (as every file was before links).
pub(super) fn file_relations(snapshot: &Snapshot) -> Vec<FileRelation> {
    if snapshot.links.is_empty() && snapshot.relations == super::default_relations() {
        return Vec::new();
    }
    snapshot.relations.iter().map(FileRelation::from).collect()
}

impl From<&Relation> for FileRelation {
    fn from(r: &Relation) -> Self {
        Self {
            name: r.name.clone(),
            color: r.color.to_string(),
            both_ways: r.both_ways,
            description: r.description.clone(),
        }
    }
}

pub(super) fn file_link(l: &Link) -> FileLink {
    FileLink {
        id: l.id.clone(),
        from: l.from.clone(),
        to: l.to.clone(),
        relation: l.relation.clone(),
        note: l.note.clone(),
        coder: l.coder.clone(),
        created: l.created.to_string(),
        modified: l.modified.to_string(),
    }
}

/// Checks a file's relations and links against each other and its
/// highlights: none (a file from before links) means the default relations.
fn links_from_file(
    relations: Vec<FileRelation>,
    links: Vec<FileLink>,
    highlights: &[Highlight],
) -> Result<(Vec<Relation>, Vec<Link>), FileError> {
    let relations = if relations.is_empty() {
        super::default_relations()
    } else {
        let mut out: Vec<Relation> = Vec::with_capacity(relations.len());
        for (index, r) in relations.into_iter().enumerate() {
            let color = Rgb::parse(&r.color).ok_or_else(|| FileError::BadRelationColor {
                index,
                name: r.name.clone(),
                value: r.color.clone(),
            })?;
            // A name is one line of text: it heads tables and sections.
            if r.name.trim().is_empty() || r.name.chars().any(char::is_control) {
                return Err(FileError::BlankRelation { index, name: r.name });
            }
            if out.iter().any(|o| o.name == r.name) {
                return Err(FileError::DuplicateRelation { index, name: r.name });
            }
            out.push(Relation {
                name: r.name,
                color,
                both_ways: r.both_ways,
                description: r.description,
            });
        }
        out
    };
    if links.is_empty() {
        return Ok((relations, Vec::new()));
    }
    let ids: std::collections::HashSet<&str> = highlights.iter().map(|h| h.id.as_str()).collect();
    let mut seen = std::collections::HashSet::with_capacity(links.len());
    let mut out = Vec::with_capacity(links.len());
    let mut times = Times::default();
    for (index, l) in links.into_iter().enumerate() {
        let id = l.id;
        if !seen.insert(id.clone()) {
            return Err(FileError::DuplicateLinkId { index, id });
        }
        if !relations.iter().any(|r| r.name == l.relation) {
            return Err(FileError::UnknownRelation { index, id, relation: l.relation });
        }
        for (end, highlight) in [("from", &l.from), ("to", &l.to)] {
            if !ids.contains(highlight.as_str()) {
                let highlight = highlight.clone();
                return Err(FileError::LinkEnd { index, id, end, highlight });
            }
        }
        if l.from == l.to {
            return Err(FileError::SelfLink { index, id, highlight: l.from });
        }
        let time = |times: &mut Times, value: &str, field: &'static str| {
            times.parse(value).ok_or_else(|| FileError::BadLinkTime {
                index,
                id: id.clone(),
                field,
                value: value.to_owned(),
            })
        };
        let created = time(&mut times, &l.created, "created")?;
        let modified = time(&mut times, &l.modified, "modified")?;
        out.push(Link {
            id,
            from: l.from,
            to: l.to,
            relation: l.relation,
            note: l.note,
            coder: l.coder,
            created,
            modified,
        });
    }
    Ok((relations, out))
}
