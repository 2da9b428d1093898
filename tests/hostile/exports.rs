//! Exports that could be turned against their reader: CSV cells that a
//! spreadsheet would run as formulas, XML that hostile text would break,
//! HTML that bidi controls would reorder.

use std::collections::HashMap;
use std::io::Read;

use super::corpus;
use crosstalk::export::qdpx::xml_allows;
use crosstalk::export::{Export, Filter, Format, Options, csv::FORMULA_STARTS};

/// Paragraphs that begin with each character a spreadsheet reads as a
/// formula, and some that do not.
fn formula_paragraphs() -> Vec<String> {
    let mut out: Vec<String> =
        FORMULA_STARTS.iter().map(|c| format!("{c}HYPERLINK(\"http://x\";\"y\") cell.")).collect();
    out.extend([
        "=1+1".into(),
        "—an em-dash is text.".into(),
        "'quoted.".into(),
        "42 plain.".into(),
    ]);
    out
}

fn rows(csv: &[u8]) -> Vec<HashMap<String, String>> {
    let mut r = ::csv::Reader::from_reader(csv);
    let header: Vec<String> = r.headers().expect("header").iter().map(str::to_owned).collect();
    r.records()
        .map(|rec| {
            let rec = rec.expect("a record");
            header.iter().cloned().zip(rec.iter().map(str::to_owned)).collect()
        })
        .collect()
}

#[test]
fn csv_cells_a_spreadsheet_would_run_get_a_quote_mark_unless_raw() {
    let doc = corpus::conversation_of(formula_paragraphs().into_iter());
    let a = corpus::annotations(&doc);
    let e = Export::new(&doc, &a, &Filter::default()).expect("export");
    let safe = rows(&e.render(Format::Csv).expect("csv"));
    let raw_bytes = e.render_with(Format::Csv, Options { raw: true, ..Options::default() });
    let raw = rows(&raw_bytes.expect("csv").bytes);
    assert_eq!(safe.len(), formula_paragraphs().len());
    let mut seen = Vec::new();
    for (safe, raw) in safe.iter().zip(&raw) {
        // --raw: every cell exactly as the model holds it.
        let p = &raw["quote"];
        assert!(formula_paragraphs().contains(p), "{p:?}");
        seen.push(p.clone());
        let h = a.highlights().iter().find(|h| h.id == raw["highlight_id"]).expect("highlight");
        assert_eq!((&raw["note"], &raw["coder"]), (&h.note, &h.coder));
        let first = p.chars().next().expect("text");
        let expected = if FORMULA_STARTS.contains(&first) { format!("'{p}") } else { p.to_owned() };
        assert_eq!(safe["quote"], expected, "U+{:04X}", first as u32);
        // Positions stay numbers, and only text cells changed.
        for column in ["paragraph", "start", "end"] {
            assert!(safe[column].parse::<usize>().is_ok(), "{column}: {}", safe[column]);
        }
        for (k, v) in safe {
            assert!(v == &raw[k] || *v == format!("'{}", raw[k]), "{k}: {v:?}");
            assert!(!v.starts_with(FORMULA_STARTS), "{k} would run: {v:?}");
        }
    }
    seen.sort();
    let mut all = formula_paragraphs();
    all.sort();
    assert_eq!(seen, all, "every paragraph is a row");
}

/// (project.qde, sources by GUID) of a .qdpx.
fn unzip(bytes: &[u8]) -> (String, HashMap<String, String>) {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let (mut qde, mut sources) = (String::new(), HashMap::new());
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).expect("entry");
        let name = f.name().to_owned();
        let mut text = String::new();
        f.read_to_string(&mut text).expect("UTF-8");
        match name.strip_prefix("sources/").and_then(|n| n.strip_suffix(".txt")) {
            Some(guid) => drop(sources.insert(guid.to_owned(), text)),
            None => qde = text,
        }
    }
    (qde, sources)
}

/// Every element's name and attributes, read by a parser that fails on
/// anything that is not well-formed.
fn elements(xml: &str) -> Vec<(String, HashMap<String, String>)> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) | Event::Empty(e) => {
                let attrs = e.attributes().map(|a| {
                    let a = a.expect("attribute");
                    let v = a.normalized_value(quick_xml::XmlVersion::Implicit1_0).expect("value");
                    (String::from_utf8_lossy(a.key.as_ref()).into_owned(), v.into_owned())
                });
                out.push((
                    String::from_utf8_lossy(e.name().as_ref()).into_owned(),
                    attrs.collect(),
                ));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

#[test]
fn refi_qda_exports_of_hostile_text_are_xml_and_their_positions_still_hold() {
    let doc = corpus::conversation();
    let a = corpus::annotations(&doc);
    let e = Export::new(&doc, &a, &Filter::default()).expect("export");
    let qdpx = e.render_with(Format::Qdpx, Options::default()).expect("qdpx");
    let qdc = e.render_with(Format::Qdc, Options::default()).expect("qdc");
    for r in [&qdpx, &qdc] {
        assert_eq!(r.warnings.len(), 1, "{:?}", r.warnings);
        assert!(r.warnings[0].contains("that XML 1.0 does not allow"));
    }
    let (qde, sources) = unzip(&qdpx.bytes);
    let qdc = String::from_utf8(qdc.bytes).expect("UTF-8");
    for xml in [&qde, &qdc] {
        let bad: Vec<char> = xml.chars().filter(|&c| !xml_allows(c)).collect();
        assert!(bad.is_empty(), "XML 1.0 forbids {bad:?}");
        elements(xml);
    }
    // The sources are the text verbatim but for line ends (a CR or CRLF
    // ships as LF, as QualCoder reads it), and positions count on them.
    let lf = |t: &str| t.replace("\r\n", "\n").replace('\r', "\n");
    let mut source = None;
    let mut selections = 0;
    for (name, at) in elements(&qde) {
        match name.as_str() {
            "TextSource" => source = Some(&sources[&at["guid"]]),
            "PlainTextSelection" => {
                let text = source.expect("inside a source");
                let (s, en): (usize, usize) = (
                    at["startPosition"].parse().expect("n"),
                    at["endPosition"].parse().expect("n"),
                );
                let quote: String = text.chars().skip(s).take(en - s).collect();
                let h =
                    a.highlights().iter().find(|h| lf(&h.quote.exact) == quote).expect("the quote");
                let name: String = h.quote.exact.split_whitespace().collect::<Vec<_>>().join(" ");
                let shown: String =
                    name.chars().map(|c| if xml_allows(c) { c } else { '\u{FFFD}' }).collect();
                assert_eq!(at["name"], shown, "the name is the quote, replaced one for one");
                selections += 1;
            }
            _ => {}
        }
    }
    assert_eq!(selections, a.highlights().len());
    assert!(sources.values().any(|t| t.contains('\u{1}')), "sources keep the text verbatim");
}

#[test]
fn html_shows_control_and_bidi_characters_as_placeholders() {
    let doc = corpus::conversation();
    let a = corpus::annotations(&doc);
    let html = Export::new(&doc, &a, &Filter::default()).expect("export").render(Format::Html);
    let html = String::from_utf8(html.expect("html")).expect("UTF-8");
    for c in html.chars() {
        let ok = c == '\n' || c == '\t' || !crosstalk::model::sanitize::is_unsafe(c);
        assert!(ok, "U+{:04X} in the page", c as u32);
    }
    assert!(html.contains("\u{FFFD}evil\u{FFFD}"), "the override shows where it was");
    assert!(html.contains("␛]52;c;aGVsbG8=␇"), "an escape shows as in the reader");
}
