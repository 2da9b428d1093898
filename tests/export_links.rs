//! Links between passages in the exports: the W3C linking annotations name
//! exactly the links (parsed back and compared; and a property test reads
//! random links back from the JSON: relation, note, both ends' source,
//! positions and quote, in order), the links CSV and the
//! brief's Exchanges section against golden files and read back, the web
//! page's link ends lead to each other, and a filter leaves out a link
//! with an end it leaves out. The bundled debate's annotations, with links
//! added (`common/links.rs`).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crosstalk::export::{Export, Filter, Format, Options, highlight_uuid, json, link_uuid};
use crosstalk::model::Conversation;
use crosstalk::model::annotations::Annotations;
use crosstalk::store;

#[path = "common/links.rs"]
mod links;

fn linked() -> (Conversation, Annotations) {
    let doc = store::bundled().expect("bundled");
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bundled.annotations.ron");
    let a = store::load_annotations(&fixture, &doc).expect("parses").expect("exists").0;
    let a = links::linked(&doc, a);
    assert_eq!(a.links().len(), 3, "three links made");
    (doc, a)
}

fn golden(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/golden").join(name)
}

/// `bytes` against golden file `name` (written instead with `UPDATE_GOLDEN` set).
fn check_golden(name: &str, bytes: &[u8]) {
    let path = golden(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, bytes).expect("write golden");
    } else {
        let expected = std::fs::read(&path).expect("golden file");
        assert!(
            expected == bytes,
            "{name} differs from its golden file:\n{}",
            String::from_utf8_lossy(bytes)
        );
    }
}

/// `text[start..end]` in code points.
fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

#[test]
fn linking_annotations_name_exactly_the_links() {
    let (doc, a) = linked();
    let e = Export::new(&doc, &a, &Filter::default()).expect("export");
    let bytes = e.render(Format::Json).expect("json");
    let mut streamed = Vec::new();
    json::write_to(&e, &mut streamed).expect("write");
    assert!(streamed == bytes, "write_to gives what render gives");
    let v: serde_json::Value = serde_json::from_slice(&bytes).expect("JSON");
    let items = v["first"]["items"].as_array().expect("items");
    assert_eq!(v["total"], items.len());
    assert_eq!(items.len(), e.items.len() + a.links().len());
    // The highlights' own annotations, by id, to compare the selectors with.
    let by_id: HashMap<&str, &serde_json::Value> =
        items.iter().map(|i| (i["id"].as_str().expect("id"), i)).collect();
    let linking: Vec<&serde_json::Value> =
        items.iter().filter(|i| i["motivation"] == "linking").collect();
    let ids: HashSet<String> =
        linking.iter().map(|i| i["id"].as_str().expect("id").to_owned()).collect();
    let expected: HashSet<String> =
        a.links().iter().map(|l| format!("urn:uuid:{}", link_uuid(&doc, l))).collect();
    assert_eq!(ids, expected, "one linking annotation per link, and no other");
    for l in a.links() {
        let id = format!("urn:uuid:{}", link_uuid(&doc, l));
        let ann = linking.iter().find(|i| i["id"] == id.as_str()).expect("annotation");
        let body = ann["body"].as_array().expect("bodies");
        assert_eq!(body[0]["purpose"], "classifying");
        assert_eq!(body[0]["value"], l.relation.as_str());
        if l.note.trim().is_empty() {
            assert_eq!(body.len(), 1, "{id}: no note, no second body");
        } else {
            assert_eq!(body.len(), 2);
            assert_eq!(body[1]["purpose"], "commenting");
            assert_eq!(body[1]["value"], l.note.as_str());
        }
        assert_eq!(ann["created"], l.created.to_string());
        assert_eq!(ann["modified"], l.modified.to_string());
        if !l.coder.is_empty() {
            assert_eq!(ann["creator"]["name"], l.coder.as_str());
        }
        let targets = ann["target"].as_array().expect("two targets");
        assert_eq!(targets.len(), 2);
        for (target, end) in targets.iter().zip([&l.from, &l.to]) {
            let h = a.highlight(end).expect("end");
            let own = by_id[format!("urn:uuid:{}", highlight_uuid(&doc, h)).as_str()];
            assert_eq!(target, &own["target"], "{id}: the end's own target, selectors and all");
            let item = e.items.iter().find(|i| i.highlight.id == *end).expect("item");
            let text = e.text(h.voice);
            let position = &target["selector"][1];
            assert_eq!(position["start"], item.start);
            assert_eq!(position["end"], item.end);
            assert_eq!(slice(text, item.start, item.end), h.quote.exact);
            assert_eq!(target["selector"][0]["exact"], h.quote.exact.as_str());
        }
    }
}

#[test]
fn the_links_csv_has_a_row_per_link_and_matches_its_golden_file() {
    let (doc, a) = linked();
    let e = Export::new(&doc, &a, &Filter::default()).expect("export");
    let bytes = e.render(Format::LinksCsv).expect("csv");
    check_golden("linked.links.csv", &bytes);
    let raw = Options { raw: true, ..Options::default() };
    let raw = e.render_with(Format::LinksCsv, raw).expect("csv").bytes;
    let mut reader = csv::Reader::from_reader(raw.as_slice());
    let headers = reader.headers().expect("headers").clone();
    assert_eq!(headers.iter().collect::<Vec<_>>(), crosstalk::export::links_csv::COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), a.links().len());
    for (row, l) in rows.iter().zip(a.links()) {
        let col = |name: &str| {
            row.get(headers.iter().position(|h| h == name).expect(name)).expect("cell")
        };
        assert_eq!(col("link_id"), l.id);
        assert_eq!(col("relation"), l.relation);
        let both = a.relation(&l.relation).expect("relation").both_ways;
        assert_eq!(col("direction"), if both { "both" } else { "one-way" });
        assert_eq!(col("note"), l.note);
        assert_eq!(col("coder"), l.coder);
        assert_eq!(col("created"), l.created.to_string());
        for (side, end) in [("from", &l.from), ("to", &l.to)] {
            let h = a.highlight(end).expect("end");
            let col = |name: &str| col(&format!("{side}_{name}")).to_owned();
            assert_eq!(col("highlight_id"), *end);
            assert_eq!(col("contributor_id"), e.contributor(h.voice).id);
            assert_eq!(col("contributor"), e.contributor(h.voice).name);
            assert_eq!(col("paragraph"), (h.start.para + 1).to_string());
            let (start, end): (usize, usize) =
                (col("start").parse().expect("start"), col("end").parse().expect("end"));
            assert_eq!(slice(e.text(h.voice), start, end), h.quote.exact);
            assert_eq!(col("quote"), h.quote.exact);
        }
    }
    // Protected: the note that begins with `=` gets a `'`.
    let text = String::from_utf8(bytes).expect("utf-8");
    assert!(text.contains("\"'=cmd|' /C calc'!A0\n"), "{text}");
    let excel = Options { excel: true, ..Options::default() };
    let excel = e.render_with(Format::LinksCsv, excel).expect("csv").bytes;
    assert_eq!(excel[..3], *b"\xEF\xBB\xBF");
    assert_eq!(excel[3..], *text.as_bytes());
}

#[test]
fn the_brief_has_an_exchanges_section_by_relation() {
    let (doc, a) = linked();
    let e = Export::new(&doc, &a, &Filter::default()).expect("export");
    let brief = String::from_utf8(e.render(Format::Markdown).expect("md")).expect("utf-8");
    let start = brief.find("## Exchanges\n").expect("an Exchanges section");
    let end = brief[start..].find("\n## ").map_or(brief.len(), |k| start + k + 1);
    let section = &brief[start..end];
    check_golden("linked.exchanges.md", section.as_bytes());
    // In the codebook's order: the defaults, then the relation added.
    let answers = section.find("### answers").expect("answers");
    let rebuts = section.find("### rebuts").expect("rebuts");
    let agrees = section.find("### agrees with").expect("agrees");
    assert!(answers < rebuts && rebuts < agrees, "{section}");
    assert!(!section.contains("### supports"), "a relation without links has no heading");
    assert!(brief.contains(" · 3 links · "), "the count");
    // As GitHub renders it: a blockquote per end, the headings as written.
    let mut options = comrak::Options::default();
    options.extension.autolink = true;
    options.extension.table = true;
    options.extension.strikethrough = true;
    let html = comrak::markdown_to_html(section, &options);
    assert_eq!(html.matches("<blockquote>").count(), 2 * a.links().len(), "{html}");
    assert!(html.contains("<h3>agrees with &lt;&amp;&gt; &quot;q&quot;</h3>"), "{html}");
    assert!(!html.contains("<b>"), "text is escaped: {html}");
}

#[test]
fn each_link_end_on_the_page_leads_to_the_other() {
    let (doc, a) = linked();
    let e = Export::new(&doc, &a, &Filter::default()).expect("export");
    let html = String::from_utf8(e.render(Format::Html).expect("html")).expect("utf-8");
    for prefix in ["", "turn-"] {
        for k in 0..a.links().len() {
            for (this, other) in [("from", "to"), ("to", "from")] {
                let anchor = format!(
                    "<a class=\"link\" id=\"{prefix}link-{k}-{this}\" href=\"#{prefix}link-{k}-{other}\""
                );
                assert_eq!(html.matches(&anchor).count(), 1, "{anchor}");
            }
        }
    }
    assert!(html.contains(">→\u{a0}answers</a>") && html.contains(">←\u{a0}answers</a>"));
    assert!(html.contains(">↔\u{a0}agrees with &lt;&amp;&gt; &quot;q&quot;</a>"));
    assert!(!html.contains('\u{202e}'), "bidi controls are shown as placeholders");
    // Without links, nothing of it.
    let bare = Annotations::from_parts(doc.id.clone(), a.tags().to_vec(), Vec::new());
    let e = Export::new(&doc, &bare, &Filter::default()).expect("export");
    let html = String::from_utf8(e.render(Format::Html).expect("html")).expect("utf-8");
    assert!(!html.contains("link-") && !html.contains("a.link"));
}

#[test]
fn a_filter_leaves_out_the_links_to_what_it_leaves_out() {
    let (doc, a) = linked();
    let everyone = Export::new(&doc, &a, &Filter::default()).expect("export");
    assert_eq!(everyone.links.len(), a.links().len());
    for c in &doc.contributors {
        let filter = Filter { tags: Vec::new(), contributors: vec![c.id.clone()] };
        let e = Export::new(&doc, &a, &filter).expect("export");
        for l in &e.links {
            for end in [l.from, l.to] {
                assert_eq!(e.contributor(e.items[end].highlight.voice).id, c.id);
            }
        }
        let csv = e.render(Format::LinksCsv).expect("csv");
        assert_eq!(csv.iter().filter(|&&b| b == b'\n').count(), 1 + e.links.len() + newlines(&e));
    }
    // A tag filter leaves out untagged highlights, so the link-only end's link.
    let tag = a.tags()[0].name.clone();
    let e =
        Export::new(&doc, &a, &Filter { tags: vec![tag], contributors: Vec::new() }).expect("e");
    assert!(e.links.len() < a.links().len());
}

/// QualCoder's REFI-QDA import reads a date from every `<Note>`
/// (`creationDateTime`, else `modifiedDateTime`) and stops with an error at
/// a note that has neither; so every note crosstalk writes — the relations'
/// and the links' — has both, and a user that is one of the project's.
#[test]
fn every_note_in_the_project_has_a_date_and_a_user() {
    let (doc, a) = linked();
    let e = Export::new(&doc, &a, &Filter::default()).expect("export");
    let qde = crosstalk::export::qdpx::project(&e);
    // An attribute of a start tag (what follows `<Name `).
    let attr = |tag: &str, name: &str| -> Option<String> {
        let (tag, key) = (format!(" {tag}"), format!(" {name}=\""));
        let at = tag.find(&key)? + key.len();
        Some(tag[at..].split('"').next()?.to_owned())
    };
    let users: Vec<String> = qde
        .split("<User ")
        .skip(1)
        .map(|t| attr(t.split('>').next().expect("tag"), "guid").expect("guid"))
        .collect();
    let notes: Vec<&str> =
        qde.split("<Note ").skip(1).map(|t| t.split('>').next().expect("tag")).collect();
    assert!(notes.len() > a.relations().len(), "a note per relation and per link note");
    for note in notes {
        for key in ["creationDateTime", "modifiedDateTime"] {
            let date = attr(note, key).unwrap_or_else(|| panic!("no {key}: <Note {note}>"));
            assert!(date.parse::<jiff::Timestamp>().is_ok(), "{key} {date:?}");
        }
        let user = attr(note, "creatingUser").unwrap_or_else(|| panic!("no user: <Note {note}>"));
        assert!(users.contains(&user), "{user} is a <User>");
    }
}

/// Newlines inside the links' notes and quotes (quoted in the CSV).
fn newlines(e: &Export) -> usize {
    e.links
        .iter()
        .map(|l| {
            let quotes =
                [l.from, l.to].map(|k| e.items[k].highlight.quote.exact.matches('\n').count());
            l.link.note.matches('\n').count() + quotes.iter().sum::<usize>()
        })
        .sum()
}

#[test]
fn links_left_out_by_a_filter_are_said_not_dropped_silently() {
    let (doc, a) = linked();
    let all = Export::new(&doc, &a, &Filter::default()).expect("export");
    for format in [Format::Json, Format::LinksCsv, Format::Markdown, Format::Html] {
        let r = all.render_with(format, Options::default()).expect("renders");
        assert!(r.warnings.iter().all(|w| !w.contains("link")), "{format:?}: {:?}", r.warnings);
    }
    // A contributor filter that leaves one end of some links out.
    let first = a.highlights().iter().find(|h| !h.orphan).expect("a highlight").voice;
    let id = doc.contributors[doc.voices()[first].contributor].id.clone();
    let some = Export::new(&doc, &a, &Filter { contributors: vec![id], ..Filter::default() })
        .expect("export");
    let left = a.links().len() - some.links.len();
    assert!(left > 0, "the filter leaves some links out");
    let r = some.render_with(Format::LinksCsv, Options::default()).expect("renders");
    let said = format!("{left} of {} links left out", a.links().len());
    assert!(r.warnings.iter().any(|w| w.starts_with(&said)), "{:?}", r.warnings);
}

mod w3c_round_trip {
    use super::*;
    use crosstalk::model::Pos;
    use crosstalk::model::annotations::{AnnotationFile, LinkIds, Stamp, Target};
    use proptest::prelude::*;

    /// An end as the export states it: source, start, end, quote.
    type End = (String, u64, u64, String);
    /// A link as the export states it: relation, note, its two ends.
    type Stated = (String, String, Vec<End>);

    /// A sentence of the bundled debate: (voice, paragraph, sentence) taken
    /// modulo what there is.
    fn sentence(doc: &Conversation, (v, p, s): (usize, usize, usize)) -> Target {
        let voice = &doc.voices()[v % doc.voices().len()];
        let para = p % voice.paragraphs.len();
        let paragraph = doc.paragraph(voice.paragraphs[para]);
        let span = paragraph.sentences()[s % paragraph.sentences().len()];
        let text = paragraph.text()[span.range()].trim_end();
        Target {
            voice: v % doc.voices().len(),
            start: Pos::new(para, span.start as usize),
            end: Pos::new(para, span.start as usize + text.len()),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// Random links (any relation, a note or none, ends in any voice)
        /// exported as W3C annotations and read back from the JSON: each
        /// link comes back exactly — relation, note, and both ends' voice
        /// (source), code-point positions and quote, in order (from, to).
        #[test]
        fn links_read_back_from_the_w3c_export_are_the_links(
            picks in prop::collection::vec(
                ((0usize..5, 0usize..9, 0usize..9), (0usize..5, 0usize..9, 0usize..9), 0usize..5, any::<bool>()),
                1..12,
            ),
        ) {
            let doc = store::bundled().expect("bundled");
            let mut a = AnnotationFile::empty(&doc);
            let names: Vec<String> = a.relations().iter().map(|r| r.name.clone()).collect();
            for (n, (from, to, relation, noted)) in picks.into_iter().enumerate() {
                let ids = LinkIds {
                    link: format!("00000000-0000-4000-8000-{n:012}"),
                    from: format!("00000000-0000-4000-9000-{n:012}"),
                    to: format!("00000000-0000-4000-a000-{n:012}"),
                };
                let stamp = Stamp {
                    id: String::new(),
                    coder: "ada".into(),
                    now: jiff::Timestamp::from_second(1_700_000_000 + n as i64).expect("time"),
                };
                let (f, t) = (sentence(&doc, from), sentence(&doc, to));
                if let Some(edit) = a.add_link(&doc, &f, &t, &names[relation], &ids, &stamp) {
                    a.apply(edit);
                    if noted {
                        let id = ids.link.clone();
                        a.apply(a.set_link_note(&id, "why — “数据” 👩‍💻", stamp.now));
                    }
                }
            }
            let e = Export::new(&doc, &a, &Filter::default()).expect("export");
            let v: serde_json::Value =
                serde_json::from_slice(&e.render(Format::Json).expect("json")).expect("JSON");
            let items = v["first"]["items"].as_array().expect("items");
            // What the export says of each link.
            let mut read: Vec<Stated> = items
                .iter()
                .filter(|i| i["motivation"] == "linking")
                .map(|i| {
                    let body = i["body"].as_array().expect("body");
                    let note = body.get(1).map_or("", |b| b["value"].as_str().expect("note"));
                    let ends = i["target"]
                        .as_array()
                        .expect("targets")
                        .iter()
                        .map(|t| {
                            let s = &t["selector"];
                            (
                                t["source"].as_str().expect("source").to_owned(),
                                s[1]["start"].as_u64().expect("start"),
                                s[1]["end"].as_u64().expect("end"),
                                s[0]["exact"].as_str().expect("exact").to_owned(),
                            )
                        })
                        .collect();
                    (body[0]["value"].as_str().expect("relation").to_owned(), note.to_owned(), ends)
                })
                .collect();
            // What the links are.
            let mut want: Vec<Stated> = a
                .links()
                .iter()
                .map(|l| {
                    let ends = [&l.from, &l.to]
                        .iter()
                        .map(|id| {
                            let item = e.items.iter().find(|i| i.highlight.id == **id).expect("end");
                            let h = item.highlight;
                            let source = crosstalk::export::section_iri(&doc, e.contributor(h.voice));
                            (source, item.start as u64, item.end as u64, h.quote.exact.clone())
                        })
                        .collect();
                    (l.relation.clone(), l.note.clone(), ends)
                })
                .collect();
            read.sort();
            want.sort();
            prop_assert_eq!(read, want);
        }
    }
}
