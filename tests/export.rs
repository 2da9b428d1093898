//! Exports, checked against the fixtures in `tests/fixtures/` (see
//! `examples/make_fixtures.rs`): snapshots of the Markdown, CSV and HTML;
//! every exported position sliced out of the text it names and compared with
//! the quote; CSV cells round-tripped; REFI-QDA references resolved; HTML
//! escaping under hostile input; the Markdown import round trip.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use crosstalk::export::{Export, Filter, Format, highlight_uuid, markdown};
use crosstalk::model::Conversation;
use crosstalk::model::annotations::Annotations;
use crosstalk::store;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// (conversation, annotations) of a fixture set.
fn load(which: &str) -> (Conversation, Annotations) {
    let doc = match which {
        "bundled" => store::bundled().expect("bundled"),
        other => store::load_conversation(&fixture(&format!("{other}.ron"))).expect("fixture doc"),
    };
    let (a, report) = store::load_annotations(&fixture(&format!("{which}.annotations.ron")), &doc)
        .expect("fixture annotations parse")
        .expect("fixture annotations exist");
    assert_eq!((report.moved, report.orphaned), (0, 0), "{which}: fixtures match their text");
    (doc, a)
}

fn render(which: &str, format: Format) -> Vec<u8> {
    let (doc, a) = load(which);
    Export::new(&doc, &a, &Filter::default()).expect("export").render(format).expect("render")
}

/// Each contributor's section text, built here from the conversation file
/// (not by the exporter): their paragraphs, in order, joined by a blank line.
fn section_texts(doc: &Conversation) -> HashMap<String, String> {
    let file = doc.to_file();
    let mut texts: HashMap<String, Vec<String>> = HashMap::new();
    for s in &file.sections {
        texts.entry(s.contributor.clone()).or_default().extend(s.paragraphs.iter().cloned());
    }
    texts.into_iter().map(|(k, v)| (k, v.join("\n\n"))).collect()
}

/// `text[start..end]` in code points.
fn slice(text: &str, start: usize, end: usize) -> String {
    assert!(start <= end, "{start}..{end}");
    assert!(end <= text.chars().count(), "{end} past the end");
    text.chars().skip(start).take(end - start).collect()
}

const SETS: [&str; 2] = ["bundled", "unicode"];

#[test]
fn csv_positions_slice_to_the_quote_and_cells_round_trip() {
    for which in SETS {
        let (doc, a) = load(which);
        let texts = section_texts(&doc);
        let bytes = render(which, Format::Csv);
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        let headers = reader.headers().expect("headers").clone();
        assert_eq!(headers.iter().collect::<Vec<_>>(), crosstalk::export::csv::COLUMNS);
        let mut rows = 0;
        for record in reader.records() {
            let r = record.expect("record");
            let col = |name: &str| {
                r.get(headers.iter().position(|h| h == name).expect(name)).expect("cell")
            };
            let start: usize = col("start").parse().expect("start");
            let end: usize = col("end").parse().expect("end");
            assert_eq!(slice(&texts[col("contributor_id")], start, end), col("quote"), "{which}");
            // Every cell is the highlight's own value, newlines and quotes included.
            let h = a.highlight(col("highlight_id")).expect("highlight");
            assert_eq!(col("quote"), h.quote.exact);
            assert_eq!(col("note"), h.note);
            assert_eq!(col("coder"), h.coder);
            assert_eq!(col("created"), h.created.to_string());
            // A highlight without a tag is written "(no tag)", never blank.
            if h.tags.is_empty() {
                assert_eq!(col("tag"), "(no tag)");
            } else {
                assert!(h.tags.iter().any(|t| t == col("tag")));
            }
            rows += 1;
        }
        // One row per highlight × tag, one for an untagged highlight; no orphans.
        let expected: usize =
            a.highlights().iter().filter(|h| !h.orphan).map(|h| h.tags.len().max(1)).sum();
        assert_eq!(rows, expected, "{which}");
    }
}

#[test]
fn csv_quotes_cells_with_newlines_quotes_and_commas() {
    let text = String::from_utf8(render("bundled", Format::Csv)).expect("utf-8");
    assert!(text.contains("\"Ku grants the “moral equivalence” worry,\nthen says: \"\"the problem here is not Trump\"\" — it is Beijing.\""));
    assert!(text.contains("\r\n"), "RFC 4180 line ends");
}

#[test]
fn json_is_web_annotation_and_its_selectors_slice_to_the_quote() {
    for which in SETS {
        let (doc, a) = load(which);
        let texts = section_texts(&doc);
        let v: serde_json::Value =
            serde_json::from_slice(&render(which, Format::Json)).expect("json");
        assert_eq!(v["@context"], "http://www.w3.org/ns/anno.jsonld");
        assert_eq!(v["type"], "AnnotationCollection");
        let items = v["first"]["items"].as_array().expect("items");
        assert_eq!(items.len(), a.highlights().iter().filter(|h| !h.orphan).count());
        assert_eq!(v["total"], items.len());
        for item in items {
            assert_eq!(item["@context"], "http://www.w3.org/ns/anno.jsonld");
            assert_eq!(item["type"], "Annotation");
            let id = item["id"].as_str().expect("id");
            let uuid = id.strip_prefix("urn:uuid:").expect("urn:uuid id");
            let h = a
                .highlights()
                .iter()
                .find(|h| highlight_uuid(&doc, h).to_string() == uuid)
                .expect("the annotation is a highlight");
            let source = item["target"]["source"].as_str().expect("source");
            let contributor = source.rsplit(':').next().expect("contributor id");
            assert_eq!(source, format!("urn:crosstalk:{}:{contributor}", doc.id));
            let selectors = item["target"]["selector"].as_array().expect("selectors");
            let by_type = |t: &str| selectors.iter().find(|s| s["type"] == t).expect(t);
            let quote = by_type("TextQuoteSelector");
            let position = by_type("TextPositionSelector");
            let (start, end) = (
                position["start"].as_u64().expect("start") as usize,
                position["end"].as_u64().expect("end") as usize,
            );
            assert_eq!(
                slice(&texts[contributor], start, end),
                quote["exact"].as_str().expect("exact")
            );
            assert_eq!(quote["exact"], h.quote.exact);
            // Bodies: a tag per tagging body, the note as the commenting one.
            let bodies = item["body"].as_array().cloned().unwrap_or_default();
            let tags: Vec<&str> = bodies
                .iter()
                .filter(|b| b["purpose"] == "tagging")
                .map(|b| b["value"].as_str().expect("tag"))
                .collect();
            assert_eq!(tags, h.tags.iter().map(String::as_str).collect::<Vec<_>>());
            let note = bodies.iter().find(|b| b["purpose"] == "commenting");
            assert_eq!(
                note.map(|b| b["value"].as_str().expect("note")),
                (!h.note.is_empty()).then_some(h.note.as_str())
            );
            let motivation = if !h.tags.is_empty() { "tagging" } else { "commenting" };
            assert_eq!(item["motivation"], motivation);
            assert_eq!(item["created"], h.created.to_string());
            assert_eq!(item["creator"]["name"], h.coder.as_str());
        }
    }
}

/// The parts of a `.qdpx` the checks need.
struct Project {
    xml: String,
    sources: HashMap<String, String>,
}

fn unzip(bytes: &[u8]) -> Project {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut xml = String::new();
    let mut sources = HashMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).expect("entry");
        let name = f.name().to_owned();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).expect("read entry");
        assert!(!bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "{name}: no BOM");
        let text = String::from_utf8(bytes).expect("UTF-8");
        if name == "project.qde" {
            xml = text;
        } else {
            let guid = name
                .strip_prefix("sources/")
                .and_then(|n| n.strip_suffix(".txt"))
                .expect("sources/<guid>.txt");
            assert!(!text.contains('\r'), "LF only");
            sources.insert(guid.to_owned(), text);
        }
    }
    Project { xml, sources }
}

/// Every element as (name, attributes), in document order, with the
/// `Description` text of each `PlainTextSelection` folded into it.
fn elements(xml: &str) -> Vec<(String, HashMap<String, String>)> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) | Event::Empty(e) => {
                let name = String::from_utf8(e.name().as_ref().to_vec()).expect("name");
                let attrs = e
                    .attributes()
                    .map(|a| {
                        let a = a.expect("attribute");
                        (
                            String::from_utf8(a.key.as_ref().to_vec()).expect("key"),
                            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .expect("value")
                                .into_owned(),
                        )
                    })
                    .collect();
                out.push((name, attrs));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

#[test]
fn qdpx_ships_one_source_per_contributor_and_every_reference_resolves() {
    for which in SETS {
        let (doc, a) = load(which);
        let bytes = render(which, Format::Qdpx);
        assert_eq!(bytes, render(which, Format::Qdpx), "the same file exports the same bytes");
        let p = unzip(&bytes);
        let els = elements(&p.xml);
        let (root, attrs) = &els[0];
        assert_eq!(root, "Project");
        assert_eq!(attrs["xmlns"], "urn:QDA-XML:project:1.0");
        assert_eq!(attrs["origin"], format!("crosstalk {}", env!("CARGO_PKG_VERSION")));
        let guids_of = |name: &str| -> Vec<String> {
            els.iter().filter(|(n, _)| n == name).map(|(_, a)| a["guid"].clone()).collect()
        };
        let users = guids_of("User");
        let codes = guids_of("Code");
        assert_eq!(codes.len(), a.tags().len(), "one code per tag");
        assert!(users.contains(&attrs["creatingUserGUID"]));
        // Sources: one per contributor, its text exactly the section text.
        let texts = section_texts(&doc);
        let mut source_text: Option<&String> = None;
        let mut selections = 0;
        for (name, at) in &els {
            for key in ["creatingUser", "modifyingUser"] {
                if let Some(u) = at.get(key) {
                    assert!(users.contains(u), "{name} {key} {u} is a User");
                }
            }
            match name.as_str() {
                "Code" => {
                    assert_eq!(at["isCodable"], "true");
                    assert!(at["color"].starts_with('#') && at["color"].len() == 7);
                }
                "TextSource" => {
                    let guid = &at["guid"];
                    assert_eq!(at["plainTextPath"], format!("internal://{guid}.txt"));
                    let text = &p.sources[guid];
                    let c = doc
                        .contributors
                        .iter()
                        .find(|c| c.name == at["name"])
                        .expect("contributor");
                    assert_eq!(text, &texts[&c.id]);
                    source_text = Some(text);
                }
                "PlainTextSelection" => {
                    let text = source_text.expect("inside a source");
                    let start: usize = at["startPosition"].parse().expect("start");
                    let end: usize = at["endPosition"].parse().expect("end");
                    let h = a
                        .highlights()
                        .iter()
                        .find(|h| highlight_uuid(&doc, h).to_string() == at["guid"])
                        .expect("a highlight");
                    assert_eq!(slice(text, start, end), h.quote.exact, "{which}");
                    selections += 1;
                }
                "CodeRef" => assert!(codes.contains(&at["targetGUID"]), "CodeRef resolves"),
                _ => {}
            }
        }
        assert_eq!(selections, a.highlights().iter().filter(|h| !h.orphan).count());
        assert_eq!(p.sources.len(), doc.contributors.len());
    }
}

#[test]
fn qdc_is_the_codebook() {
    let xml = String::from_utf8(render("bundled", Format::Qdc)).expect("utf-8");
    let (_, a) = load("bundled");
    let els = elements(&xml);
    assert_eq!(els[0].0, "CodeBook");
    assert_eq!(els[0].1["xmlns"], "urn:QDA-XML:codebook:1.0");
    assert_eq!(els.iter().filter(|(n, _)| n == "Code").count(), a.tags().len());
    assert!(xml.contains("<Description>Frames the problem in terms of rights"));
}

#[test]
fn snapshots_of_markdown_csv_and_html() {
    let utf8 = |b: Vec<u8>| String::from_utf8(b).expect("utf-8");
    insta::assert_snapshot!("bundled_markdown", utf8(render("bundled", Format::Markdown)));
    insta::assert_snapshot!("bundled_csv", utf8(render("bundled", Format::Csv)));
    insta::assert_snapshot!("bundled_html", utf8(render("bundled", Format::Html)));
    insta::assert_snapshot!("unicode_markdown", utf8(render("unicode", Format::Markdown)));
}

#[test]
fn filters_keep_the_tags_and_contributors_asked_for() {
    let (doc, a) = load("bundled");
    let filter =
        Filter { tags: vec!["human-rights framing".into()], contributors: vec!["ku".into()] };
    let e = Export::new(&doc, &a, &filter).expect("export");
    assert_eq!(e.items.len(), 1);
    assert_eq!(e.items[0].tags, ["human-rights framing"], "only the tags asked for");
    assert_eq!(e.voices, [2]);
    let csv = String::from_utf8(e.render(Format::Csv).expect("csv")).expect("utf-8");
    assert!(!csv.contains("critique of the ban"));
    let bad = Filter { tags: vec!["no such tag".into()], ..Filter::default() };
    let err = Export::new(&doc, &a, &bad).err().expect("unknown tag").to_string();
    assert!(
        err.contains("no tag is named “no such tag”") && err.contains("“human-rights framing”"),
        "{err}"
    );
    let bad = Filter { contributors: vec!["trump".into()], ..Filter::default() };
    let err = Export::new(&doc, &a, &bad).err().expect("unknown contributor").to_string();
    assert!(
        err.contains("\"trump\"") && err.contains("seiff, hoffman, ku, wang, webster"),
        "{err}"
    );
}

#[test]
fn html_escapes_hostile_text_everywhere() {
    let evil = "<script>alert(1)</script><img src=x onerror=alert(2)>\"'&amp;";
    let mut file = store::bundled().expect("bundled").to_file();
    file.title = format!("Title {evil}");
    file.contributors[2].name = format!("Ku {evil}");
    file.contributors[2].affiliation = evil.into();
    file.sections[2].paragraphs[0] = format!("It is fair {evil} to question.");
    let doc = Conversation::new(file).expect("valid");
    let mut a = crosstalk::model::annotations::AnnotationFile::empty(&doc);
    let stamp = crosstalk::model::annotations::Stamp {
        id: "x".into(),
        coder: evil.into(),
        now: jiff::Timestamp::UNIX_EPOCH,
    };
    let target = crosstalk::model::annotations::Target {
        voice: 2,
        start: crosstalk::model::Pos::new(0, 0),
        end: crosstalk::model::Pos::new(0, 20),
    };
    let tag = crosstalk::model::annotations::Tag {
        name: format!("tag {evil}"),
        color: crosstalk::model::annotations::Rgb(1, 2, 3),
        description: evil.into(),
        key: None,
    };
    a.apply(a.tag_target(&doc, &target, &tag.name.clone(), Some(tag), &stamp));
    let id = a.highlights()[0].id.clone();
    a.apply(a.set_note(&doc, Some(&id), &target, &format!("note {evil}\nline"), &stamp));
    let html = String::from_utf8(
        Export::new(&doc, &a, &Filter::default())
            .expect("export")
            .render(Format::Html)
            .expect("html"),
    )
    .expect("utf-8");
    assert!(!html.contains("<script"), "no script element");
    assert!(!html.contains("<img"), "no img element");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&amp;amp;"), "an entity in the text stays text");
    assert!(html.contains("&quot;&#39;"));
    // Every tag the page has is one crosstalk wrote.
    let allowed = [
        "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p", "a",
        "ul", "li", "span", "table", "thead", "tbody", "tr", "th", "td", "em", "main", "section",
        "mark", "sup", "ol", "div", "nav", "input", "label", "h4",
    ];
    for piece in html.split('<').skip(1) {
        let name: String = piece
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if piece.starts_with('!') {
            continue;
        }
        assert!(allowed.contains(&name.as_str()), "unexpected tag <{name}");
        // Outside its quoted (escaped) attribute values, no tag has a handler.
        let inside = piece.split('>').next().unwrap_or("");
        let bare: String = inside.split('"').step_by(2).collect();
        assert!(!bare.contains("onerror"), "no event handler in a tag: <{inside}>");
    }
}

#[test]
fn importing_the_markdown_export_gives_back_the_same_text() {
    for which in SETS {
        let (doc, a) = load(which);
        let e = Export::new(&doc, &a, &Filter::default()).expect("export");
        let md = markdown::render_with(&e, true);
        let back = crosstalk::import::import(&md, crosstalk::import::Kind::Markdown, "ignored")
            .expect("imports");
        let original = doc.to_file();
        assert_eq!(back.id, original.id);
        assert_eq!(back.title, original.title);
        assert_eq!(back.subtitle, original.subtitle);
        assert_eq!(back.source, original.source);
        assert_eq!(back.date, original.date);
        assert_eq!(back.contributors, original.contributors);
        assert_eq!(back.sections, original.sections, "{which}: every paragraph, verbatim");
        assert_eq!(back, original, "{which}: the whole file");
        // The same text, so the annotations still fit it exactly.
        let reimported = Conversation::new(back).expect("valid");
        assert_eq!(reimported.text_hash(), doc.text_hash());
    }
    // A brief without its conversation says how to get one.
    let (doc, a) = load("bundled");
    let md = markdown::render(&Export::new(&doc, &a, &Filter::default()).expect("export"));
    let err = crosstalk::import::import(&md, crosstalk::import::Kind::Markdown, "x")
        .expect_err("no text");
    assert!(err.message.contains("--with-text"), "{err}");
}

#[test]
fn a_highlight_without_a_tag_is_written_no_tag_never_blank() {
    let (_, a) = load("bundled");
    let untagged: Vec<_> =
        a.highlights().iter().filter(|h| !h.orphan && h.tags.is_empty()).collect();
    assert_eq!(untagged.len(), 1, "the fixture has one");
    let markdown = String::from_utf8(render("bundled", Format::Markdown)).expect("utf-8");
    assert!(markdown.contains("\n## (no tag)\n"), "its section");
    assert!(markdown.contains("| *(no tag)* | 0 | 0 | 0 | 0 | 1 | 1 |"), "its table row");
    assert!(!markdown.contains("ntagged"));
    let html = String::from_utf8(render("bundled", Format::Html)).expect("utf-8");
    assert!(html.contains("<tr><td><em>(no tag)</em></td>"), "its table row");
    assert!(html.contains("title=\"(no tag) — "), "its hover text");
    assert!(!html.contains("ntagged"));
    let csv = String::from_utf8(render("bundled", Format::Csv)).expect("utf-8");
    assert!(csv.contains(",(no tag),"));
    // JSON-LD: no tagging body at all (a "(no tag)" body would read as a
    // tag), and the motivation says what it is; nothing blank.
    let v: serde_json::Value =
        serde_json::from_slice(&render("bundled", Format::Json)).expect("json");
    let items = v["first"]["items"].as_array().expect("items");
    for item in items {
        for body in item["body"].as_array().into_iter().flatten() {
            assert!(!body["value"].as_str().expect("value").trim().is_empty(), "{item}");
        }
    }
    let commenting: Vec<_> = items
        .iter()
        .filter(|i| {
            i["body"].as_array().is_some_and(|b| b.iter().all(|b| b["purpose"] == "commenting"))
        })
        .collect();
    assert_eq!(commenting.len(), 1, "the untagged highlight (it has a note)");
    assert_eq!(commenting[0]["motivation"], "commenting");
}
