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

use serde_json::{Value, json};

use super::{Export, highlight_uuid, section_iri, stable_uuid};

pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

pub fn render(e: &Export) -> Result<Vec<u8>, serde_json::Error> {
    let mut out = serde_json::to_vec_pretty(&collection(e))?;
    out.push(b'\n');
    Ok(out)
}

/// The whole collection as a JSON value.
pub fn collection(e: &Export) -> Value {
    let items: Vec<Value> = e.items.iter().map(|item| annotation(e, item)).collect();
    let id = stable_uuid(&[&e.doc.id, "collection"]);
    json!({
        "@context": CONTEXT,
        "id": format!("urn:uuid:{id}"),
        "type": "AnnotationCollection",
        "label": e.doc.title,
        "total": items.len(),
        "generator": generator(e),
        "first": {
            "id": format!("urn:uuid:{}", stable_uuid(&[&e.doc.id, "collection", "page 0"])),
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    })
}

fn generator(e: &Export) -> Value {
    json!({ "id": "https://crates.io/crates/crosstalk", "type": "Software", "name": e.generator })
}

fn annotation(e: &Export, item: &super::Item) -> Value {
    let h = item.highlight;
    let mut body: Vec<Value> = item
        .tags
        .iter()
        .map(|t| json!({ "type": "TextualBody", "purpose": "tagging", "value": t }))
        .collect();
    if !h.note.trim().is_empty() {
        body.push(json!({
            "type": "TextualBody",
            "purpose": "commenting",
            "value": h.note,
            "format": "text/plain",
        }));
    }
    if !item.time.is_empty() {
        body.push(json!({
            "type": "TextualBody",
            "purpose": "describing",
            "value": item.time,
            "format": "text/plain",
        }));
    }
    let motivation = if !item.tags.is_empty() {
        "tagging"
    } else if !h.note.trim().is_empty() {
        "commenting"
    } else {
        "highlighting"
    };
    let mut quote = json!({ "type": "TextQuoteSelector", "exact": h.quote.exact });
    if !h.quote.prefix.is_empty() {
        quote["prefix"] = json!(h.quote.prefix);
    }
    if !h.quote.suffix.is_empty() {
        quote["suffix"] = json!(h.quote.suffix);
    }
    let mut a = json!({
        "@context": CONTEXT,
        "id": format!("urn:uuid:{}", highlight_uuid(e.doc, h)),
        "type": "Annotation",
        "motivation": motivation,
        "created": h.created.to_string(),
        "modified": h.modified.to_string(),
        "generator": generator(e),
        "target": {
            "source": section_iri(e.doc, e.contributor(h.voice)),
            "selector": [
                quote,
                { "type": "TextPositionSelector", "start": item.start, "end": item.end },
            ],
        },
    });
    if !h.coder.is_empty() {
        a["creator"] = json!({ "type": "Person", "name": h.coder });
    }
    if !body.is_empty() {
        a["body"] = Value::Array(body);
    }
    a
}
