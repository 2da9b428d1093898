//! REFI-QDA (QDA-XML 1.0): a `.qdpx` project for NVivo, ATLAS.ti, MAXQDA and
//! QualCoder, and the codebook alone as `.qdc`.
//!
//! The project is a zip holding `project.qde` and one plain-text source per
//! contributor, `sources/<guid>.txt` (UTF-8 without BOM, LF): that
//! contributor's section text. So a QDA tool's code × document matrix is a
//! code × contributor matrix. Each tag is a `Code` (name, `#RRGGBB`,
//! `isCodable="true"`, description); each highlight a `PlainTextSelection`
//! (code points, end exclusive) with a `Coding` per tag and its note as the
//! `Description`; each coder a `User`. Every GUID is derived from what it
//! names, so repeated exports of the same file give the same GUIDs.

use std::io::{Cursor, Write};

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use super::{Export, highlight_uuid, stable_uuid};

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

fn code_guid(e: &Export, tag: &str) -> String {
    stable_uuid(&[&e.doc.id, "code", tag]).to_string()
}

/// The GUID of voice `voice`'s source.
pub fn source_guid(e: &Export, voice: usize) -> String {
    stable_uuid(&[&e.doc.id, "source", &e.contributor(voice).id]).to_string()
}

type Xml = Writer<Cursor<Vec<u8>>>;

fn start(w: &mut Xml, name: &str, attrs: &[(&str, &str)]) {
    let mut el = BytesStart::new(name);
    for (k, v) in attrs {
        el.push_attribute((*k, *v));
    }
    let _ = w.write_event(Event::Start(el));
}

fn empty(w: &mut Xml, name: &str, attrs: &[(&str, &str)]) {
    let mut el = BytesStart::new(name);
    for (k, v) in attrs {
        el.push_attribute((*k, *v));
    }
    let _ = w.write_event(Event::Empty(el));
}

fn end(w: &mut Xml, name: &str) {
    let _ = w.write_event(Event::End(BytesEnd::new(name)));
}

fn text_element(w: &mut Xml, name: &str, text: &str) {
    start(w, name, &[]);
    let _ = w.write_event(Event::Text(BytesText::new(text)));
    end(w, name);
}

fn writer() -> Xml {
    let mut w = Writer::new_with_indent(Cursor::new(Vec::new()), b' ', 2);
    let _ = w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
    w
}

fn finish(w: Xml) -> String {
    let mut bytes = w.into_inner().into_inner();
    bytes.push(b'\n');
    // Only `&str` pieces were written, so this is UTF-8.
    String::from_utf8(bytes).unwrap_or_default()
}

/// The `<Code>` elements of every tag in scope.
fn codes(e: &Export, w: &mut Xml) {
    start(w, "Codes", &[]);
    for tag in &e.tags {
        let guid = code_guid(e, &tag.name);
        let color = tag.color.to_string();
        let attrs = [
            ("guid", guid.as_str()),
            ("name", tag.name.as_str()),
            ("isCodable", "true"),
            ("color", color.as_str()),
        ];
        if tag.description.is_empty() {
            empty(w, "Code", &attrs);
        } else {
            start(w, "Code", &attrs);
            text_element(w, "Description", &tag.description);
            end(w, "Code");
        }
    }
    end(w, "Codes");
}

/// `project.qde`.
pub fn project(e: &Export) -> String {
    let mut w = writer();
    let coders = e.coders();
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
    start(&mut w, "Project", &attrs);
    if !coders.is_empty() {
        start(&mut w, "Users", &[]);
        for c in &coders {
            let guid = user_guid(e, c);
            empty(&mut w, "User", &[("guid", &guid), ("name", c)]);
        }
        end(&mut w, "Users");
    }
    if !e.tags.is_empty() {
        start(&mut w, "CodeBook", &[]);
        codes(e, &mut w);
        end(&mut w, "CodeBook");
    }
    start(&mut w, "Sources", &[]);
    for &voice in &e.voices {
        let c = e.contributor(voice);
        let guid = source_guid(e, voice);
        let path = format!("internal://{guid}.txt");
        let mut attrs =
            vec![("guid", guid.as_str()), ("name", c.name.as_str()), ("plainTextPath", &path)];
        if let Some(u) = &first_user {
            attrs.push(("creatingUser", u.as_str()));
        }
        start(&mut w, "TextSource", &attrs);
        let role = match c.role {
            crate::model::Role::Moderator => "moderator",
            crate::model::Role::Respondent => "respondent",
        };
        let about = if c.affiliation.is_empty() {
            format!("{} ({role}), in “{}”", c.name, e.doc.title)
        } else {
            format!("{}, {} ({role}), in “{}”", c.name, c.affiliation, e.doc.title)
        };
        text_element(&mut w, "Description", &about);
        for item in e.items.iter().filter(|i| i.highlight.voice == voice) {
            let h = item.highlight;
            let guid = highlight_uuid(e.doc, h).to_string();
            let user = user_guid(e, &h.coder);
            let (s, en) = (item.start.to_string(), item.end.to_string());
            let (created, modified) = (h.created.to_string(), h.modified.to_string());
            let name: String = h.quote.exact.split_whitespace().collect::<Vec<_>>().join(" ");
            start(
                &mut w,
                "PlainTextSelection",
                &[
                    ("guid", &guid),
                    ("name", &name),
                    ("startPosition", &s),
                    ("endPosition", &en),
                    ("creatingUser", &user),
                    ("creationDateTime", &created),
                    ("modifyingUser", &user),
                    ("modifiedDateTime", &modified),
                ],
            );
            if !h.note.trim().is_empty() {
                text_element(&mut w, "Description", &h.note);
            }
            for tag in &item.tags {
                let coding = stable_uuid(&[&e.doc.id, "coding", &h.id, tag]).to_string();
                start(
                    &mut w,
                    "Coding",
                    &[("guid", &coding), ("creatingUser", &user), ("creationDateTime", &modified)],
                );
                empty(&mut w, "CodeRef", &[("targetGUID", &code_guid(e, tag))]);
                end(&mut w, "Coding");
            }
            end(&mut w, "PlainTextSelection");
        }
        end(&mut w, "TextSource");
    }
    end(&mut w, "Sources");
    end(&mut w, "Project");
    finish(w)
}

/// The `.qdc` codebook: every tag in scope as a code.
pub fn codebook(e: &Export) -> String {
    let mut w = writer();
    start(&mut w, "CodeBook", &[("xmlns", CODEBOOK_NS), ("origin", &e.generator)]);
    codes(e, &mut w);
    end(&mut w, "CodeBook");
    finish(w)
}

/// The `.qdpx` zip: `project.qde` and `sources/<guid>.txt` per contributor.
/// Entries carry a fixed date, so the same input gives the same bytes.
pub fn project_zip(e: &Export) -> Result<Vec<u8>, QdaError> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    zip.start_file("project.qde", options)?;
    zip.write_all(project(e).as_bytes())?;
    for &voice in &e.voices {
        zip.start_file(format!("sources/{}.txt", source_guid(e, voice)), options)?;
        zip.write_all(e.text(voice).as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}
