//! The exports of a varied, generated conversation compared byte for byte
//! with what the earlier implementations wrote: the W3C Web Annotation
//! export against the first implementation (kept below, building
//! `serde_json::Value` trees) on many generated inputs and filters, and
//! every text format against golden files in `tests/fixtures/golden/`
//! written by the implementations before the streaming rewrites
//! (`UPDATE_GOLDEN=1 cargo test --test export_reference` rewrites them; do
//! that only for an intended change of output).
//!
//! The inputs mix CJK, emoji with zero-width joiners, combining marks,
//! control and bidi characters, quotes and backslashes; notes with quotes,
//! newlines and only spaces; tags in and out of scope; several coders (one
//! of them empty); ids that are UUIDs and ids that are not; orphans;
//! paragraphs with times and subheads; highlights across paragraphs.

use std::path::{Path, PathBuf};

use crosstalk::export::{
    Export, Filter, Format, Options, highlight_uuid, json, qdpx, section_iri, stable_uuid,
};
use crosstalk::model::annotations::{AnnotationFile, Annotations, Highlight, Quote, quote_in};
use crosstalk::model::{Contributor, Conversation, ConversationFile, Pos, SectionFile};
use serde_json::{Value, json};

/// The first W3C Web Annotation export, as it was: the reference.
mod reference {
    use super::*;

    pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

    pub fn render(e: &Export) -> Vec<u8> {
        let mut out = serde_json::to_vec_pretty(&collection(e)).expect("serialise");
        out.push(b'\n');
        out
    }

    fn collection(e: &Export) -> Value {
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

    fn annotation(e: &Export, item: &crosstalk::export::Item) -> Value {
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
}

/// A small deterministic generator (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, from: &'a [T]) -> &'a T {
        &from[self.below(from.len())]
    }
}

const PIECES: &[&str] = &[
    "The ban is wrong.",
    "我认为禁令是错误的。",
    "数据安全很重要，但禁止应用不是办法。",
    "A family 👨\u{200d}👩\u{200d}👧\u{200d}👦 uses the app.",
    "Naïve café — cafe\u{301} — Zoë\u{308}\u{323}.",
    "한국어: 금지는 답이 아니다.",
    "She said \"no\" and \\ left.",
    "Tab\there, bell\u{7} and escape\u{1b}[31m, DEL\u{7f}.",
    "Bidi \u{202e}reversed\u{202c} and \u{2066}isolate\u{2069}.",
    "<b>not bold</b> & 'quoted' `code` *stars* _under_ # hash",
    "🏳\u{fe0f}\u{200d}🌈 flag, 🇨🇳 flag, 1️⃣ keycap.",
    "Line one\nline two, a line break inside.",
    "ἀρχὴ ἥμισυ παντός; Привет, мир!",
    "🤔",
    "\u{1f}unit separator\u{0} and nul",
];

const NOTES: &[&str] = &[
    "",
    "",
    "   ",
    "Why \"this\" matters.",
    "Two lines:\nfirst\nsecond\n",
    "Backslash \\ and tab\t and 🤔 and 数据.",
    "</li><script>alert(1)</script>",
    "\u{1b}[2J control",
];

const CODERS: &[&str] = &["ku", "Zoë", "", "王", "a \"quoted\" coder"];
const TIMES: &[&str] = &["", "", "00:01:02", "1:02:03.500", "12:00"];

/// A conversation of `voices` contributors (at least two) and its annotations.
fn varied(seed: u64, voices: usize, highlights: usize) -> (Conversation, Annotations) {
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let names = ["Ada “Mod”", "李明", "Zoë Ångström", "O'Brien & <Sons>", "👩\u{200d}💻 Dev"];
    let contributors: Vec<Contributor> = (0..voices)
        .map(|i| Contributor {
            id: format!("c{i}"),
            name: names[i % names.len()].into(),
            affiliation: if i % 2 == 0 { "Université de Genève".into() } else { String::new() },
            ..Default::default()
        })
        .collect();
    let mut sections = Vec::new();
    // Several sections per contributor, so turns alternate.
    for turn in 0..voices * 3 {
        let paragraphs: Vec<String> = (0..1 + rng.below(3))
            .map(|_| (0..1 + rng.below(4)).map(|_| *rng.pick(PIECES)).collect::<Vec<_>>().join(" "))
            .collect();
        let times = if rng.below(2) == 0 {
            paragraphs.iter().map(|_| rng.pick(TIMES).to_string()).collect()
        } else {
            Vec::new()
        };
        let heads = if paragraphs.len() > 1 && rng.below(3) == 0 { vec![0] } else { Vec::new() };
        sections.push(SectionFile {
            contributor: format!("c{}", turn % voices),
            paragraphs,
            times,
            heads,
        });
    }
    let file = ConversationFile {
        id: format!("varied-{seed}"),
        title: "A “varied” <panel> & 多语言 \\ test".into(),
        subtitle: "Generated for the export reference".into(),
        source: "https://example.org/panel?a=1&b=\"2\"".into(),
        date: "2024-05".into(),
        intro: vec!["An introduction <with> \"quotes\".".into()],
        contributors,
        sections,
        ..Default::default()
    };
    let doc = Conversation::new(file).expect("valid conversation");
    let empty = AnnotationFile::empty(&doc);
    let mut tags = empty.tags().to_vec();
    tags.truncate(5);
    let mut list = Vec::new();
    for n in 0..highlights {
        let voice = rng.below(voices);
        let v = &doc.voices()[voice];
        let text = |p: usize| doc.paragraph(v.paragraphs[p]).text();
        let boundary = |rng: &mut Rng, p: usize| {
            let t = text(p);
            let mut b = rng.below(t.len() + 1);
            while !t.is_char_boundary(b) {
                b -= 1;
            }
            b
        };
        let p0 = rng.below(v.paragraphs.len());
        let p1 = if rng.below(4) == 0 { p0 + rng.below(v.paragraphs.len() - p0) } else { p0 };
        let (mut b0, mut b1) = (boundary(&mut rng, p0), boundary(&mut rng, p1));
        if p0 == p1 && b0 > b1 {
            std::mem::swap(&mut b0, &mut b1);
        }
        let (start, end) = (Pos::new(p0, b0), Pos::new(p1, b1));
        let orphan = rng.below(12) == 0;
        let quote = if orphan {
            Quote {
                exact: "gone \"text\" 消失".into(), prefix: String::new(), suffix: "…".into()
            }
        } else {
            quote_in(&doc, v, start, end)
        };
        let tag_count = [0, 1, 1, 1, 2, 3][rng.below(6)];
        let mut own: Vec<String> = Vec::new();
        for _ in 0..tag_count {
            let t = rng.pick(&tags).name.clone();
            if !own.contains(&t) {
                own.push(t);
            }
        }
        let id = if rng.below(3) == 0 {
            format!("{n:04}-not-a-uuid")
        } else {
            format!("00000000-0000-4000-8000-{:012x}", rng.next() & 0xffff_ffff_ffff)
        };
        let created = jiff::Timestamp::from_second(1_700_000_000 + rng.below(10_000_000) as i64)
            .expect("time");
        let modified = if rng.below(2) == 0 {
            created
        } else {
            jiff::Timestamp::new(created.as_second() + 61, (rng.below(1000) as i32) * 1_000_000)
                .expect("time")
        };
        list.push(Highlight {
            id,
            voice,
            start,
            end,
            orphan,
            quote,
            tags: own,
            note: rng.pick(NOTES).to_string(),
            coder: rng.pick(CODERS).to_string(),
            created,
            modified,
        });
    }
    let annotations = Annotations::from_parts(doc.id.clone(), tags, list);
    (doc, annotations)
}

/// The filters tried on every input: none, a tag, a contributor, both.
fn filters(a: &Annotations) -> Vec<Filter> {
    let tag = |i: usize| a.tags()[i].name.clone();
    vec![
        Filter::default(),
        Filter { tags: vec![tag(1)], contributors: Vec::new() },
        Filter { tags: Vec::new(), contributors: vec!["c1".into()] },
        Filter { tags: vec![tag(0), tag(3)], contributors: vec!["c0".into(), "c2".into()] },
    ]
}

#[test]
fn json_ld_is_byte_identical_to_the_reference_implementation() {
    let mut checked = 0;
    for seed in 1..=40u64 {
        let voices = 2 + (seed as usize % 4);
        let highlights = [0, 1, 7, 60, 200][seed as usize % 5];
        let (doc, a) = varied(seed, voices, highlights);
        for filter in filters(&a) {
            let Ok(e) = Export::new(&doc, &a, &filter) else { continue };
            let ours = e.render(Format::Json).expect("render");
            let theirs = reference::render(&e);
            let mut streamed = Vec::new();
            json::write_to(&e, &mut streamed).expect("write");
            assert!(streamed == ours, "seed {seed}, {filter:?}: write_to differs from render");
            if ours != theirs {
                let at = ours.iter().zip(&theirs).position(|(x, y)| x != y).unwrap_or(0);
                let from = at.saturating_sub(200);
                panic!(
                    "seed {seed}, {filter:?}: differs at byte {at}:\nours:   {}\ntheirs: {}",
                    String::from_utf8_lossy(&ours[from..(at + 200).min(ours.len())]),
                    String::from_utf8_lossy(&theirs[from..(at + 200).min(theirs.len())]),
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 150, "{checked} exports checked");
}

fn golden(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/golden").join(name)
}

/// Every text format of the varied fixture, against its golden file.
#[test]
fn text_exports_match_their_golden_files() {
    let (doc, a) = varied(7, 4, 80);
    assert!(a.highlights().iter().any(|h| h.orphan), "the fixture has orphans");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut wrong = Vec::new();
    let mut check = |name: &str, bytes: &[u8]| {
        let path = golden(name);
        if update {
            std::fs::write(&path, bytes).expect("write golden");
        } else if std::fs::read(&path).expect("golden file") != bytes {
            wrong.push(path.display().to_string());
        }
    };
    // No filter, and tags and contributors both filtered.
    for (f, filter) in filters(&a).into_iter().enumerate().filter(|(f, _)| f % 3 == 0) {
        let e = Export::new(&doc, &a, &filter).expect("export");
        let with_text = Options { with_text: true, ..Options::default() };
        let excel = Options { excel: true, raw: true, ..Options::default() };
        let cases = [
            (Format::Json, Options::default(), "jsonld"),
            (Format::Html, Options::default(), "html"),
            (Format::Markdown, Options::default(), "md"),
            (Format::Markdown, with_text, "text.md"),
            (Format::Csv, Options::default(), "csv"),
            (Format::Csv, excel, "excel.csv"),
            (Format::Qdc, Options::default(), "qdc"),
            (Format::CodebookCsv, Options::default(), "codebook.csv"),
        ];
        for (format, options, ext) in cases {
            let bytes = e.render_with(format, options).expect("render").bytes;
            check(&format!("varied-{f}.{ext}"), &bytes);
        }
        // The REFI-QDA project's XML (the zip around it is the zip crate's).
        check(&format!("varied-{f}.qde"), qdpx::project(&e).as_bytes());
    }
    assert!(wrong.is_empty(), "differ from their golden files: {wrong:#?}");
}
