//! W3C Web Annotation (JSON-LD): an `AnnotationCollection` whose one page
//! holds an `Annotation` per highlight. Each annotation carries its own
//! `@context`, so it stands alone when taken out of the collection.
//!
//! - `id`: `urn:uuid:` and the highlight's UUID.
//! - `motivation`: `tagging` if it has tags, else `commenting` if it has a
//!   note, else `highlighting`.
//! - `body`: a `TextualBody` per tag (`purpose: tagging`) and one for the
//!   note (`purpose: commenting`), and, when the paragraph where it starts
//!   has a time, one with that time as the source wrote it (`purpose:
//!   describing`, `"00:01:02"`): the target is text, so a media fragment
//!   (`t=`) would not fit it.
//! - `target`: `source` is the contributor's section
//!   (`urn:crosstalk:<conversation>:<contributor>`), with a
//!   `TextQuoteSelector` (exact, prefix, suffix) and a `TextPositionSelector`
//!   (code points in that section text, end exclusive).
//!
//! **Links.** After the highlights, an `Annotation` per link in scope, with
//! `motivation: linking` and two targets, each with the same selectors as
//! that highlight's own annotation: the `from` end first, then the `to`
//! end (for a one-way relation, it reads from the first to the second).
//! The relation is a `TextualBody` with `purpose: classifying`, and the
//! link's note, when it has one, a second with `purpose: commenting`. Its
//! `id` is `urn:uuid:` and the link's id (a UUID, or one derived from it).
//!
//! **Written as it goes.** The document is written straight into bytes, an
//! annotation at a time, in the layout `serde_json`'s pretty printer gives
//! a `serde_json::Value` (two-space indent, keys in byte order, strings
//! escaped as `serde_json` escapes them): building a `Value` tree of every
//! annotation first and then printing it was most of the time of the
//! export. What stays the same for every annotation (the generator, each
//! contributor's source IRI) is escaped once. `tests/export_reference.rs`
//! compares the output with that of the `Value` implementation, byte for
//! byte.

use std::io;

use super::{Export, Item, LinkItem, highlight_uuid, link_uuid, section_iri, stable_uuid};

pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// The collection, pretty-printed, with a final newline.
pub fn render(e: &Export) -> Result<Vec<u8>, serde_json::Error> {
    // A first guess of 1.25 KB an annotation (the bench's come out at 1.3 KB).
    let mut out = Vec::with_capacity(1024 + e.items.len() * 1280);
    let parts = Parts::new(e);
    head(e, &mut out);
    for (n, item) in e.items.iter().enumerate() {
        annotation(e, &parts, item, n == 0, &mut out);
    }
    for (n, l) in e.links.iter().enumerate() {
        linking(e, &parts, l, n == 0 && e.items.is_empty(), &mut out);
    }
    tail(e, &parts, &mut out);
    Ok(out)
}

/// The same bytes as [`render`], written to `w` a piece at a time (the
/// whole document is never in memory).
pub fn write_to(e: &Export, w: &mut impl io::Write) -> io::Result<()> {
    const CHUNK: usize = 1 << 16;
    let mut buf = Vec::with_capacity(CHUNK + 4096);
    let parts = Parts::new(e);
    head(e, &mut buf);
    for (n, item) in e.items.iter().enumerate() {
        annotation(e, &parts, item, n == 0, &mut buf);
        if buf.len() >= CHUNK {
            w.write_all(&buf)?;
            buf.clear();
        }
    }
    for (n, l) in e.links.iter().enumerate() {
        linking(e, &parts, l, n == 0 && e.items.is_empty(), &mut buf);
        if buf.len() >= CHUNK {
            w.write_all(&buf)?;
            buf.clear();
        }
    }
    tail(e, &parts, &mut buf);
    w.write_all(&buf)
}

/// What every annotation shares, escaped once.
struct Parts {
    /// The generator object's members at an annotation's depth, and at the
    /// collection's.
    generator_item: Vec<u8>,
    generator_top: Vec<u8>,
    /// Each voice's source IRI as a JSON string (empty for a voice with no
    /// annotations).
    sources: Vec<Vec<u8>>,
}

impl Parts {
    fn new(e: &Export) -> Self {
        let generator = |indent: &str| {
            let mut out = Vec::new();
            out.extend_from_slice(b"{\n");
            out.extend_from_slice(indent.as_bytes());
            out.extend_from_slice(b"  \"id\": \"https://crates.io/crates/crosstalk\",\n");
            out.extend_from_slice(indent.as_bytes());
            out.extend_from_slice(b"  \"name\": ");
            string(&mut out, &e.generator);
            out.extend_from_slice(b",\n");
            out.extend_from_slice(indent.as_bytes());
            out.extend_from_slice(b"  \"type\": \"Software\"\n");
            out.extend_from_slice(indent.as_bytes());
            out.push(b'}');
            out
        };
        let mut sources = vec![Vec::new(); e.doc.voices().len()];
        for item in &e.items {
            let voice = item.highlight.voice;
            if sources[voice].is_empty() {
                string(&mut sources[voice], &section_iri(e.doc, e.contributor(voice)));
            }
        }
        Self { generator_item: generator("        "), generator_top: generator("  "), sources }
    }
}

/// From the start of the document to the first annotation.
fn head(e: &Export, out: &mut Vec<u8>) {
    out.extend_from_slice(b"{\n  \"@context\": ");
    string(out, CONTEXT);
    out.extend_from_slice(b",\n  \"first\": {\n    \"id\": ");
    uuid(out, stable_uuid(&[&e.doc.id, "collection", "page 0"]));
    out.extend_from_slice(b",\n    \"items\": [");
}

/// From after the last annotation to the end of the document.
fn tail(e: &Export, parts: &Parts, out: &mut Vec<u8>) {
    if !e.items.is_empty() || !e.links.is_empty() {
        out.extend_from_slice(b"\n    ");
    }
    out.extend_from_slice(b"],\n    \"startIndex\": 0,\n    \"type\": \"AnnotationPage\"\n  },\n");
    out.extend_from_slice(b"  \"generator\": ");
    out.extend_from_slice(&parts.generator_top);
    out.extend_from_slice(b",\n  \"id\": ");
    uuid(out, stable_uuid(&[&e.doc.id, "collection"]));
    out.extend_from_slice(b",\n  \"label\": ");
    string(out, &e.doc.title);
    out.extend_from_slice(b",\n  \"total\": ");
    number(out, e.items.len() + e.links.len());
    out.extend_from_slice(b",\n  \"type\": \"AnnotationCollection\"\n}\n");
}

/// One annotation, an element of `items` (members in byte order of their keys).
fn annotation(e: &Export, parts: &Parts, item: &Item, first: bool, out: &mut Vec<u8>) {
    let h = item.highlight;
    let noted = !h.note.trim().is_empty();
    out.extend_from_slice(if first { b"\n      {\n" } else { b",\n      {\n" });
    out.extend_from_slice(b"        \"@context\": ");
    string(out, CONTEXT);
    out.extend_from_slice(b",\n");
    if !item.tags.is_empty() || noted || !item.time.is_empty() {
        out.extend_from_slice(b"        \"body\": [");
        let mut comma = false;
        let mut open = |out: &mut Vec<u8>| {
            out.extend_from_slice(if comma { b",\n          {\n" } else { b"\n          {\n" });
            comma = true;
        };
        for t in &item.tags {
            open(out);
            out.extend_from_slice(
                b"            \"purpose\": \"tagging\",\n            \"type\": \"TextualBody\",\n            \"value\": ",
            );
            string(out, t);
            out.extend_from_slice(b"\n          }");
        }
        for (purpose, value) in
            [("commenting", noted.then_some(h.note.as_str())), ("describing", Some(item.time))]
        {
            let Some(value) = value.filter(|v| !v.is_empty()) else { continue };
            open(out);
            out.extend_from_slice(
                b"            \"format\": \"text/plain\",\n            \"purpose\": \"",
            );
            out.extend_from_slice(purpose.as_bytes());
            out.extend_from_slice(
                b"\",\n            \"type\": \"TextualBody\",\n            \"value\": ",
            );
            string(out, value);
            out.extend_from_slice(b"\n          }");
        }
        out.extend_from_slice(b"\n        ],\n");
    }
    provenance(out, parts, (h.created, &h.coder), highlight_uuid(e.doc, h), h.modified);
    out.extend_from_slice(b",\n        \"motivation\": \"");
    out.extend_from_slice(if !item.tags.is_empty() {
        b"tagging"
    } else if noted {
        b"commenting"
    } else {
        b"highlighting"
    });
    out.extend_from_slice(b"\",\n        \"target\": ");
    target(parts, item, 8, out);
    out.extend_from_slice(b",\n        \"type\": \"Annotation\"\n      }");
}

/// Writes `n` spaces.
fn indent(out: &mut Vec<u8>, n: usize) {
    out.extend(std::iter::repeat_n(b' ', n));
}

/// A highlight's target, `{` to `}`, its members indented `at + 2`: the
/// source, with a `TextQuoteSelector` and a `TextPositionSelector`.
fn target(parts: &Parts, item: &Item, at: usize, out: &mut Vec<u8>) {
    let h = item.highlight;
    out.extend_from_slice(b"{\n");
    indent(out, at + 2);
    out.extend_from_slice(b"\"selector\": [\n");
    indent(out, at + 4);
    out.extend_from_slice(b"{\n");
    indent(out, at + 6);
    out.extend_from_slice(b"\"exact\": ");
    string(out, &h.quote.exact);
    out.extend_from_slice(b",\n");
    for (key, value) in
        [(&b"\"prefix\": "[..], &h.quote.prefix), (b"\"suffix\": ", &h.quote.suffix)]
    {
        if !value.is_empty() {
            indent(out, at + 6);
            out.extend_from_slice(key);
            string(out, value);
            out.extend_from_slice(b",\n");
        }
    }
    indent(out, at + 6);
    out.extend_from_slice(b"\"type\": \"TextQuoteSelector\"\n");
    indent(out, at + 4);
    out.extend_from_slice(b"},\n");
    indent(out, at + 4);
    out.extend_from_slice(b"{\n");
    indent(out, at + 6);
    out.extend_from_slice(b"\"end\": ");
    number(out, item.end);
    out.extend_from_slice(b",\n");
    indent(out, at + 6);
    out.extend_from_slice(b"\"start\": ");
    number(out, item.start);
    out.extend_from_slice(b",\n");
    indent(out, at + 6);
    out.extend_from_slice(b"\"type\": \"TextPositionSelector\"\n");
    indent(out, at + 4);
    out.extend_from_slice(b"}\n");
    indent(out, at + 2);
    out.extend_from_slice(b"],\n");
    indent(out, at + 2);
    out.extend_from_slice(b"\"source\": ");
    out.extend_from_slice(&parts.sources[h.voice]);
    out.push(b'\n');
    indent(out, at);
    out.push(b'}');
}

/// One link's annotation, an element of `items`: `motivation: linking`,
/// the relation as a body, the note as another, and both ends as targets.
///
/// The relation's purpose is `classifying` ("assign a classification type
/// to the Target", Web Annotation Data Model §3.3.5), not `tagging`: it is
/// a term from the relation codebook that says what kind of link this is,
/// not a tag on either passage, and it keeps the relations apart from the
/// tags (`purpose: tagging`) of the highlights' own annotations.
fn linking(e: &Export, parts: &Parts, l: &LinkItem, first: bool, out: &mut Vec<u8>) {
    let link = l.link;
    out.extend_from_slice(if first { b"\n      {\n" } else { b",\n      {\n" });
    out.extend_from_slice(b"        \"@context\": ");
    string(out, CONTEXT);
    out.extend_from_slice(
        b",\n        \"body\": [\n          {\n            \"purpose\": \"classifying\",\n            \"type\": \"TextualBody\",\n            \"value\": ",
    );
    string(out, &link.relation);
    out.extend_from_slice(b"\n          }");
    if !link.note.trim().is_empty() {
        out.extend_from_slice(
            b",\n          {\n            \"format\": \"text/plain\",\n            \"purpose\": \"commenting\",\n            \"type\": \"TextualBody\",\n            \"value\": ",
        );
        string(out, &link.note);
        out.extend_from_slice(b"\n          }");
    }
    out.extend_from_slice(b"\n        ],\n");
    provenance(out, parts, (link.created, &link.coder), link_uuid(e.doc, link), link.modified);
    out.extend_from_slice(
        b",\n        \"motivation\": \"linking\",\n        \"target\": [\n          ",
    );
    target(parts, &e.items[l.from], 10, out);
    out.extend_from_slice(b",\n          ");
    target(parts, &e.items[l.to], 10, out);
    out.extend_from_slice(b"\n        ],\n        \"type\": \"Annotation\"\n      }");
}

/// `"urn:uuid:<id>"`.
/// An annotation's members from `created` to `modified`, as highlights and
/// links both have them: when, by whom (if known), made by what, its id.
fn provenance(
    out: &mut Vec<u8>,
    parts: &Parts,
    (created, coder): (jiff::Timestamp, &str),
    id: uuid::Uuid,
    modified: jiff::Timestamp,
) {
    out.extend_from_slice(b"        \"created\": ");
    timestamp(out, created);
    out.extend_from_slice(b",\n");
    if !coder.is_empty() {
        out.extend_from_slice(b"        \"creator\": {\n          \"name\": ");
        string(out, coder);
        out.extend_from_slice(b",\n          \"type\": \"Person\"\n        },\n");
    }
    out.extend_from_slice(b"        \"generator\": ");
    out.extend_from_slice(&parts.generator_item);
    out.extend_from_slice(b",\n        \"id\": ");
    uuid(out, id);
    out.extend_from_slice(b",\n        \"modified\": ");
    timestamp(out, modified);
}

fn uuid(out: &mut Vec<u8>, id: uuid::Uuid) {
    let mut buf = [0; uuid::fmt::Hyphenated::LENGTH];
    out.extend_from_slice(b"\"urn:uuid:");
    out.extend_from_slice(id.hyphenated().encode_lower(&mut buf).as_bytes());
    out.push(b'"');
}

/// A timestamp as a JSON string (its display form is ASCII with nothing to escape).
fn timestamp(out: &mut Vec<u8>, t: jiff::Timestamp) {
    use std::io::Write;
    out.push(b'"');
    let _ = write!(out, "{t}");
    out.push(b'"');
}

fn number(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// `s` as a JSON string, escaped as `serde_json` escapes it: `"` and `\`,
/// and the C0 controls (`\b \t \n \f \r` short, the others `\u00XX` in
/// lower-case hex); everything else as it is.
fn string(out: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut run = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b >= 0x20 && b != b'"' && b != b'\\' {
            continue;
        }
        let short: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\t' => b"\\t",
            b'\r' => b"\\r",
            0x08 => b"\\b",
            0x0c => b"\\f",
            0..=0x1f => b"",
            _ => continue,
        };
        out.extend_from_slice(&bytes[run..i]);
        run = i + 1;
        if short.is_empty() {
            out.extend_from_slice(b"\\u00");
            out.push(HEX[(b >> 4) as usize]);
            out.push(HEX[(b & 0xf) as usize]);
        } else {
            out.extend_from_slice(short);
        }
    }
    out.extend_from_slice(&bytes[run..]);
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every ASCII character, alone and among others, and some beyond,
    /// escaped as `serde_json` escapes them.
    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut cases: Vec<String> = (0u8..0x80).map(|b| char::from(b).to_string()).collect();
        cases.push((0u8..0x80).map(char::from).collect());
        cases.push(String::new());
        cases.push("a\r\nb\u{8}\u{c}\u{b}\"\\/é 数据 👨\u{200d}👩\u{200d}👧 e\u{301}\u{2028}\u{2029}\u{feff}\u{7f}".into());
        for s in cases {
            let mut ours = Vec::new();
            string(&mut ours, &s);
            assert_eq!(ours, serde_json::to_vec(&s).expect("serialise"), "{s:?}");
        }
    }

    #[test]
    fn numbers_are_written_in_decimal() {
        for n in [0, 1, 9, 10, 99, 100, 12_345, usize::MAX] {
            let mut ours = Vec::new();
            number(&mut ours, n);
            assert_eq!(ours, n.to_string().into_bytes());
        }
    }
}
