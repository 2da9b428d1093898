//! REFI-QDA (QDA-XML 1.0): a `.qdpx` project for NVivo, ATLAS.ti, MAXQDA and
//! QualCoder, and the codebook alone as `.qdc`.
//!
//! The project is a zip holding `project.qde` and one plain-text source per
//! contributor, `sources/<guid>.txt` (UTF-8 without BOM, LF): that
//! contributor's section text, a CR LF or lone CR in it written as LF. So a
//! QDA tool's code × document matrix is a code × contributor matrix. Each
//! tag is a `Code` (name, `#RRGGBB`, `isCodable="true"`, description); each
//! highlight a `PlainTextSelection`
//! (code points, end exclusive) with a `Coding` per tag and its note as the
//! `Description` (followed by `Spoken at 00:01:02.` when the paragraph where
//! it starts has a time: the schema has no other place for it); each coder a
//! `User`. Every GUID is derived from what it
//! names, so repeated exports of the same file give the same GUIDs.
//!
//! **Links.** Each link in scope is a `<Link>` in `<Links>`, from one
//! `PlainTextSelection` (`originGUID`) to another (`targetGUID`), named
//! after its relation, in its colour, `direction="OneWay"` (or
//! `Bidirectional` for a relation read both ways); an end that is an
//! untagged highlight is a selection without codings. A link's note is a
//! `<Note>` (with the link's coder and times) that the link refers to with
//! a `<NoteRef>`. The relation codebook goes along as a `<Note>` per
//! relation, named after it, its description as the text and
//! `crosstalk link relation: one-way, #RRGGBB` as the `<Description>`
//! and the project's creator and creation time as its own (QualCoder's
//! import needs a date on every note), each referred to by the project (a
//! `<NoteRef>` at its end, after the project's `<Description>`, see
//! [`super::qdpx_about`]). None of this
//! is written when no link is in scope, so such a project is as before.
//!
//! **Characters XML cannot carry.** XML 1.0 allows no C0 control other than
//! tab, newline and carriage return, and neither U+FFFE nor U+FFFF, not
//! even as a character reference; a file holding one is not XML. Every piece
//! of text goes into the XML through one writer (`Xml`), which writes each such
//! character as U+FFFD and counts them, and writes tab, newline and carriage
//! return as character references so that parsers keep them as they are.
//! The sources (`.txt`) are plain text, not XML, and are kept verbatim but
//! for line ends, all LF (see [`super::qdpx_source`]): the positions count
//! code points of exactly that text.

use std::collections::HashMap;
use std::io::{Cursor, Write};

use quick_xml::Writer;
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::name::QName;

use super::qdpx_source::Source;
use super::{Export, highlight_uuid, link_uuid, stable_uuid};
use crate::model::annotations::tree;

mod xml;
use xml::Xml;
pub use xml::xml_allows;

pub const PROJECT_NS: &str = "urn:QDA-XML:project:1.0";
pub const CODEBOOK_NS: &str = "urn:QDA-XML:codebook:1.0";

/// Why a REFI-QDA file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum QdaError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Zip(#[from] zip::result::ZipError),
}

fn user_guid(e: &Export, name: &str) -> String {
    stable_uuid(&[&e.doc.id, "user", name]).to_string()
}

/// The `<Description>` prefix that marks a `<Note>` as a link relation.
pub const RELATION_NOTE: &str = "crosstalk link relation: ";

fn relation_note_guid(e: &Export, name: &str) -> String {
    stable_uuid(&[&e.doc.id, "relation", name]).to_string()
}

fn link_note_guid(e: &Export, link: &str) -> String {
    stable_uuid(&[&e.doc.id, "link note", link]).to_string()
}

fn code_guid(e: &Export, tag: &str) -> String {
    stable_uuid(&[&e.doc.id, "code", tag]).to_string()
}

/// The GUID of voice `voice`'s source.
pub fn source_guid(e: &Export, voice: usize) -> String {
    stable_uuid(&[&e.doc.id, "source", &e.contributor(voice).id]).to_string()
}

/// The `<Code>` elements of every tag in scope, nested as the tag tree is
/// (`parent/child` is a `<Code name="child">` inside `<Code name="parent">`;
/// a parent that is not a tag is written `isCodable="false"`). Each code's
/// GUID is derived from its whole name, as the codings' references are.
fn codes(e: &Export, w: &mut Xml) {
    w.start("Codes", &[]);
    let rows = tree::tree_of(e.tags.iter().map(|t| t.name.as_str()));
    let mut open = 0;
    for (i, row) in rows.iter().enumerate() {
        let tag = row.tag.map(|k| &e.tags[k]);
        let guid = code_guid(e, &row.name);
        let color = tag.map(|t| t.color.to_string());
        let mut attrs = vec![
            ("guid", guid.as_str()),
            ("name", row.leaf()),
            ("isCodable", if tag.is_some() { "true" } else { "false" }),
        ];
        if let Some(c) = &color {
            attrs.push(("color", c.as_str()));
        }
        let description = tag.map_or("", |t| t.description.as_str());
        if description.is_empty() && !row.parent {
            w.empty("Code", &attrs);
        } else {
            w.start("Code", &attrs);
            open += 1;
            if !description.is_empty() {
                w.text_element("Description", description);
            }
        }
        if !row.parent {
            // Close the codes this one ends, up to the next row's depth
            // (the code itself too, if it was opened for its description).
            let next = rows.get(i + 1).map_or(0, |n| n.depth);
            let opened_self = usize::from(!description.is_empty());
            for _ in 0..(row.depth - next + opened_self).min(open) {
                w.end("Code");
                open -= 1;
            }
        }
    }
    for _ in 0..open {
        w.end("Code");
    }
    w.end("Codes");
}

/// `project.qde`.
pub fn project(e: &Export) -> String {
    project_counted(e).0
}

/// `project.qde`, and how many characters XML could not carry.
pub fn project_counted(e: &Export) -> (String, usize) {
    project_of(e, &sources(e))
}

/// Every voice's source as shipped (see [`super::qdpx_source`]), by voice.
fn sources<'a>(e: &'a Export) -> Vec<Source<'a>> {
    e.texts.iter().map(|t| Source::new(&t.text)).collect()
}

/// `project.qde` with the positions on `sources`, and how many characters
/// XML could not carry.
fn project_of(e: &Export, sources: &[Source]) -> (String, usize) {
    let mut w = Xml::new();
    let mut coders = e.coders();
    for l in e.links.iter().filter(|l| !l.link.note.trim().is_empty()) {
        if !coders.contains(&l.link.coder.as_str()) {
            coders.push(&l.link.coder);
        }
    }
    let first_user = coders.first().map(|c| user_guid(e, c));
    let created = e
        .items
        .iter()
        .map(|i| i.highlight.created)
        .min()
        .map_or_else(|| "1970-01-01T00:00:00Z".to_owned(), |t| t.to_string());
    let mut attrs = vec![
        ("xmlns", PROJECT_NS),
        ("name", e.doc.title.as_str()),
        ("origin", e.generator.as_str()),
        ("creationDateTime", created.as_str()),
    ];
    if let Some(u) = &first_user {
        attrs.push(("creatingUserGUID", u.as_str()));
    }
    w.start("Project", &attrs);
    if !coders.is_empty() {
        w.start("Users", &[]);
        for c in &coders {
            let guid = user_guid(e, c);
            w.empty("User", &[("guid", &guid), ("name", c)]);
        }
        w.end("Users");
    }
    if !e.tags.is_empty() {
        w.start("CodeBook", &[]);
        codes(e, &mut w);
        w.end("CodeBook");
    }
    // The GUIDs of users and codes, derived once each, not per highlight.
    let mut users: HashMap<&str, String> = HashMap::new();
    let mut codes: HashMap<&str, String> = HashMap::new();
    let mut name = String::new();
    w.start("Sources", &[]);
    for &voice in &e.voices {
        let c = e.contributor(voice);
        let guid = source_guid(e, voice);
        let path = format!("internal://{guid}.txt");
        // Two voices of one name (two people called Lee) are two sources
        // of one name, which QualCoder's import refuses (its source names
        // are unique): each such is told apart by its id.
        let twins = e.voices.iter().filter(|&&v| e.contributor(v).name == c.name).count();
        let source_name = if twins > 1 { format!("{} ({})", c.name, c.id) } else { c.name.clone() };
        let mut attrs =
            vec![("guid", guid.as_str()), ("name", source_name.as_str()), ("plainTextPath", &path)];
        if let Some(u) = &first_user {
            attrs.push(("creatingUser", u.as_str()));
        }
        w.start("TextSource", &attrs);
        let role = c.role.name();
        let about = if c.affiliation.is_empty() {
            format!("{} ({role}), in “{}”", c.name, e.doc.title)
        } else {
            format!("{}, {} ({role}), in “{}”", c.name, c.affiliation, e.doc.title)
        };
        let about = about + &marks(e.doc, voice);
        w.text_element("Description", &about);
        for item in e.items.iter().filter(|i| i.highlight.voice == voice) {
            let h = item.highlight;
            let guid = highlight_uuid(e.doc, h).to_string();
            let user = users.entry(&h.coder).or_insert_with(|| user_guid(e, &h.coder)).as_str();
            let (s, en) = sources[voice].span(item.start, item.end);
            let (s, en) = (s.to_string(), en.to_string());
            let (created, modified) = (h.created.to_string(), h.modified.to_string());
            // The quote with its runs of white space as one space.
            name.clear();
            for (k, word) in h.quote.exact.split_whitespace().enumerate() {
                if k > 0 {
                    name.push(' ');
                }
                name.push_str(word);
            }
            w.start(
                "PlainTextSelection",
                &[
                    ("guid", &guid),
                    ("name", &name),
                    ("startPosition", &s),
                    ("endPosition", &en),
                    ("creatingUser", user),
                    ("creationDateTime", &created),
                    ("modifyingUser", user),
                    ("modifiedDateTime", &modified),
                ],
            );
            let spoken = (!item.time.is_empty()).then(|| format!("Spoken at {}.", item.time));
            let description = match (h.note.trim().is_empty(), spoken) {
                (true, None) => None,
                (true, Some(s)) => Some(s),
                (false, None) => Some(h.note.clone()),
                (false, Some(s)) => Some(format!("{}\n\n{s}", h.note.trim_end())),
            };
            if let Some(d) = description {
                w.text_element("Description", &d);
            }
            for tag in &item.tags {
                let coding = stable_uuid(&[&e.doc.id, "coding", &h.id, tag]).to_string();
                w.start(
                    "Coding",
                    &[("guid", &coding), ("creatingUser", user), ("creationDateTime", &modified)],
                );
                let code = codes.entry(tag).or_insert_with(|| code_guid(e, tag));
                w.empty("CodeRef", &[("targetGUID", code)]);
                w.end("Coding");
            }
            w.end("PlainTextSelection");
        }
        w.end("TextSource");
    }
    w.end("Sources");
    links(e, &mut w, &mut users, &created, first_user.as_deref());
    // What the sources do not carry (id, header, turns, introduction), so
    // the import gives back this conversation.
    w.text_element("Description", &super::qdpx_about::write(e.doc, &e.voices));
    if !e.links.is_empty() {
        for r in e.annotations.relations() {
            w.empty("NoteRef", &[("targetGUID", &relation_note_guid(e, &r.name))]);
        }
    }
    w.end("Project");
    w.finish()
}

/// The links in scope, their notes and the relation codebook (see the
/// module docs); nothing when no link is in scope. A relation has no coder
/// or time of its own: its note carries the project's (`created`, `user`),
/// as QualCoder's import reads a date from every `<Note>` and stops at one
/// without.
fn links<'a>(
    e: &'a Export,
    w: &mut Xml,
    users: &mut HashMap<&'a str, String>,
    created: &str,
    user: Option<&str>,
) {
    if e.links.is_empty() {
        return;
    }
    let relations = e.annotations.relations();
    w.start("Notes", &[]);
    for r in relations {
        let guid = relation_note_guid(e, &r.name);
        let mut attrs = vec![("guid", guid.as_str()), ("name", r.name.as_str())];
        if let Some(u) = user {
            attrs.extend([("creatingUser", u), ("modifyingUser", u)]);
        }
        attrs.extend([("creationDateTime", created), ("modifiedDateTime", created)]);
        w.start("Note", &attrs);
        let direction = if r.both_ways { "both ways" } else { "one-way" };
        w.text_element("Description", &format!("{RELATION_NOTE}{direction}, {}", r.color));
        w.text_element("PlainTextContent", &r.description);
        w.end("Note");
    }
    for l in e.links.iter().filter(|l| !l.link.note.trim().is_empty()) {
        let link = l.link;
        let guid = link_note_guid(e, &link.id);
        let user = users.entry(&link.coder).or_insert_with(|| user_guid(e, &link.coder)).clone();
        let (created, modified) = (link.created.to_string(), link.modified.to_string());
        w.start(
            "Note",
            &[
                ("guid", &guid),
                ("name", &format!("{} (link note)", link.relation)),
                ("creatingUser", &user),
                ("creationDateTime", &created),
                ("modifyingUser", &user),
                ("modifiedDateTime", &modified),
            ],
        );
        w.text_element("PlainTextContent", &link.note);
        w.end("Note");
    }
    w.end("Notes");
    w.start("Links", &[]);
    for l in &e.links {
        let link = l.link;
        let guid = link_uuid(e.doc, link).to_string();
        let origin = highlight_uuid(e.doc, e.items[l.from].highlight).to_string();
        let target = highlight_uuid(e.doc, e.items[l.to].highlight).to_string();
        let color = l.relation.color.to_string();
        let attrs = [
            ("guid", guid.as_str()),
            ("name", link.relation.as_str()),
            ("direction", if l.relation.both_ways { "Bidirectional" } else { "OneWay" }),
            ("color", &color),
            ("originGUID", &origin),
            ("targetGUID", &target),
        ];
        if link.note.trim().is_empty() {
            w.empty("Link", &attrs);
        } else {
            w.start("Link", &attrs);
            w.empty("NoteRef", &[("targetGUID", &link_note_guid(e, &link.id))]);
            w.end("Link");
        }
    }
    w.end("Links");
}

/// The `.qdc` codebook: every tag in scope as a code.
pub fn codebook(e: &Export) -> String {
    codebook_counted(e).0
}

/// The `.qdc` codebook, and how many characters XML could not carry.
pub fn codebook_counted(e: &Export) -> (String, usize) {
    let mut w = Xml::new();
    w.start("CodeBook", &[("xmlns", CODEBOOK_NS), ("origin", &e.generator)]);
    codes(e, &mut w);
    w.end("CodeBook");
    w.finish()
}

/// The `.qdpx` zip: `project.qde` and `sources/<guid>.txt` per contributor.
/// Entries carry a fixed date, so the same input gives the same bytes.
pub fn project_zip(e: &Export) -> Result<Vec<u8>, QdaError> {
    project_zip_counted(e).map(|(zip, _)| zip)
}

/// The `.qdpx` zip, and how many characters XML could not carry.
pub fn project_zip_counted(e: &Export) -> Result<(Vec<u8>, usize), QdaError> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    zip.start_file("project.qde", options)?;
    let sources = sources(e);
    let (qde, replaced) = project_of(e, &sources);
    zip.write_all(qde.as_bytes())?;
    for &voice in &e.voices {
        zip.start_file(format!("sources/{}.txt", source_guid(e, voice)), options)?;
        zip.write_all(sources[voice].text.as_bytes())?;
    }
    Ok((zip.finish()?.into_inner(), replaced))
}

/// The voice's paragraph times and subheads, as lines for its source's
/// description (`Times: ¶1 00:00:09; ¶4 00:01:00`, `Subheads: ¶2`): a
/// paragraph's time travels on its highlights (`Spoken at …`) only if one
/// is there, and a subhead not at all, so crosstalk's import reads them
/// here (`import::refi::ours`); another tool shows them with the source.
fn marks(doc: &crate::model::Conversation, voice: usize) -> String {
    let v = &doc.voices()[voice];
    let (mut times, mut heads) = (Vec::new(), Vec::new());
    for k in 0..v.paragraphs.len() {
        let p = doc.paragraph(v.paragraphs.at(k));
        if !p.time().is_empty() {
            times.push(format!("¶{} {}", k + 1, p.time()));
        }
        if p.is_head() {
            heads.push(format!("¶{}", k + 1));
        }
    }
    let mut out = String::new();
    if !times.is_empty() {
        out.push_str(&format!("\n{TIMES}{}", times.join("; ")));
    }
    if !heads.is_empty() {
        out.push_str(&format!("\n{HEADS}{}", heads.join(", ")));
    }
    out
}

/// How a source's description starts its line of paragraph times.
pub const TIMES: &str = "Times: ";
/// How a source's description starts its line of subheads.
pub const HEADS: &str = "Subheads: ";

#[cfg(test)]
mod tests;
