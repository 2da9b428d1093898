//! What version 2 of the format adds, in the exports: paragraph times (CSV
//! `time` column, a `describing` body in the Web Annotation, the REFI-QDA
//! selection's description, next to each quote in the Markdown brief,
//! dimmed in the HTML), the introduction and subheads (brief and HTML), and
//! the HTML page's turn-order layout. The fixture is the bundled debate
//! with times, an introduction and a subhead added (the text is the same,
//! so its annotations fit).

#[path = "common/tmp.rs"]
mod tmp;

use std::io::Read;
use std::path::Path;
use std::process::Command;

use crosstalk::export::{Export, Filter, Format, markdown};
use crosstalk::model::Conversation;
use crosstalk::model::annotations::Annotations;
use crosstalk::store;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The time given to paragraph `i` of section `s`: every third one has none.
fn time(s: usize, i: usize) -> String {
    if i % 3 == 2 { String::new() } else { format!("00:{s:02}:{:02}", i * 7) }
}

fn timed() -> (Conversation, Annotations) {
    let mut file = store::bundled().expect("bundled").to_file();
    file.intro = vec!["An introduction, which nobody speaks.".into()];
    for (s, section) in file.sections.iter_mut().enumerate() {
        section.times = (0..section.paragraphs.len()).map(|i| time(s, i)).collect();
    }
    // Wang's first paragraph, drawn as a subhead (a highlight follows it).
    file.sections[3].heads = vec![0];
    let doc = Conversation::new(file).expect("valid");
    let path = root().join("tests/fixtures/bundled.annotations.ron");
    let (a, report) =
        store::load_annotations(&path, &doc).expect("parses").expect("the fixture exists");
    assert_eq!((report.moved, report.orphaned), (0, 0), "the same text: every highlight fits");
    (doc, a)
}

fn render(format: Format) -> Vec<u8> {
    let (doc, a) = timed();
    Export::new(&doc, &a, &Filter::default()).expect("export").render(format).expect("render")
}

/// The time of paragraph `para` (1-based) of contributor `id`'s voice.
fn time_of(doc: &Conversation, id: &str, para: usize) -> String {
    let voice = doc.contributors.iter().position(|c| c.id == id).expect("contributor");
    doc.paragraph(doc.voices()[voice].paragraphs[para - 1]).time().to_owned()
}

#[test]
fn csv_has_a_time_column_last() {
    let (doc, _) = timed();
    let bytes = render(Format::Csv);
    let mut r = csv::Reader::from_reader(bytes.as_slice());
    let header: Vec<String> = r.headers().expect("header").iter().map(str::to_owned).collect();
    assert_eq!(header.last().map(String::as_str), Some("time"));
    assert_eq!(header.len(), crosstalk::export::csv::COLUMNS.len());
    let mut timed_rows = 0;
    for row in r.records() {
        let row = row.expect("row");
        let para: usize = row[4].parse().expect("paragraph");
        assert_eq!(&row[13], time_of(&doc, &row[2], para), "{row:?}");
        timed_rows += usize::from(!row[13].is_empty());
    }
    assert!(timed_rows > 0);
}

#[test]
fn web_annotations_carry_the_time_as_a_describing_body() {
    let (doc, a) = timed();
    let e = Export::new(&doc, &a, &Filter::default()).expect("export");
    let v: serde_json::Value =
        serde_json::from_slice(&e.render(Format::Json).expect("json")).expect("json");
    let items = v["first"]["items"].as_array().expect("items");
    assert_eq!(items.len(), e.items.len());
    for (item, exported) in items.iter().zip(&e.items) {
        let bodies = item["body"].as_array().cloned().unwrap_or_default();
        let times: Vec<&str> = bodies
            .iter()
            .filter(|b| b["purpose"] == "describing")
            .map(|b| b["value"].as_str().expect("value"))
            .collect();
        let want: Vec<&str> = Some(exported.time).filter(|t| !t.is_empty()).into_iter().collect();
        assert_eq!(times, want, "{item}");
    }
}

#[test]
fn refi_qda_selections_say_when_the_passage_was_spoken() {
    let bytes = render(Format::Qdpx);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut qde = String::new();
    zip.by_name("project.qde").expect("qde").read_to_string(&mut qde).expect("read");
    assert!(qde.contains("<Description>Spoken at 00:00:00.</Description>"), "{qde}");
    // A note comes first, the time after it.
    assert!(qde.contains("mitigate, don’t ban.&#10;&#10;Spoken at 00:01:00."), "{qde}");
}

#[test]
fn the_brief_shows_the_introduction_times_and_subheads() {
    let md = String::from_utf8(render(Format::Markdown)).expect("utf-8");
    let intro =
        md.find("## Introduction\n\nAn introduction, which nobody speaks.\n").expect("intro");
    assert!(intro < md.find("## Tags × contributors").expect("table"));
    assert!(md.contains("— ¶1 · 00:01:00 · coded by ada\n"), "{md}");
    assert!(
        md.contains("— ¶2 · 00:03:07 · under “The U.S. and other governments"),
        "a quote under a subhead says so"
    );
}

#[test]
fn the_page_shows_the_introduction_times_dimmed_and_subheads() {
    let html = String::from_utf8(render(Format::Html)).expect("utf-8");
    let intro = html.find("<section class=\"intro\">").expect("intro");
    assert!(intro < html.find("<div class=\"debate\"").expect("voices"));
    assert!(html.contains("<p><span class=\"time\">00:00:00</span> Citing"), "times, dimmed");
    assert!(html.contains(".time { color: var(--muted);"));
    assert!(
        html.contains("<h4 class=\"head\"><span class=\"time\">00:03:00</span> The U.S. and other")
    );
}

#[test]
fn the_page_has_both_layouts_switched_without_scripts() {
    let (doc, a) = timed();
    let html = String::from_utf8(
        Export::new(&doc, &a, &Filter::default())
            .expect("export")
            .render(Format::Html)
            .expect("html"),
    )
    .expect("utf-8");
    assert!(!html.contains("<script"));
    assert!(html.contains("id=\"layout-voices\" checked>"), "side by side by default");
    assert!(html.contains("#layout-turns:checked ~ #voices { display: none; }"));
    let turns = &html[html.find("<div class=\"turns\" id=\"turns\">").expect("turns")..];
    // One turn per section, in spoken order, each in its speaker's colour
    // (the colour of their column).
    let speakers: Vec<&str> = turns
        .split("<section class=\"turn\" style=\"--voice:")
        .skip(1)
        .map(|s| s.split("<h3>").nth(1).and_then(|h| h.split("</h3>").next()).expect("name"))
        .collect();
    let want: Vec<&str> =
        doc.sections.iter().map(|s| doc.contributors[s.contributor].name.as_str()).collect();
    assert_eq!(speakers, want);
    for c in &doc.contributors {
        let column = format!("id=\"voice-{}\" style=\"--voice:", c.id);
        let color = &html[html.find(&column).expect("column") + column.len()..][..7];
        assert!(turns.contains(&format!("--voice:{color}\">\n<h3>{}</h3>", c.name)));
    }
    // Footnotes of each layout link within it.
    assert!(turns.contains("href=\"#turn-note-1\" id=\"turn-ref-1\""));
    assert!(turns.contains("id=\"turn-note-1\""));
    // A filter by contributor keeps only their turns.
    let only = Filter { contributors: vec!["ku".into()], ..Default::default() };
    let html = String::from_utf8(
        Export::new(&doc, &a, &only).expect("export").render(Format::Html).expect("html"),
    )
    .expect("utf-8");
    assert_eq!(html.matches("<section class=\"turn\"").count(), 1);
}

#[test]
fn the_brief_with_its_text_imports_back_whole() {
    let (doc, a) = timed();
    let e = Export::new(&doc, &a, &Filter::default()).expect("export");
    let md = markdown::render_with(&e, true);
    let back = crosstalk::import::import(&md, crosstalk::import::Kind::Markdown, "x").expect("md");
    assert_eq!(back, doc.to_file());
}

/// The timed exports against the schemas (see tests/standards.rs, whose
/// skip rules this follows).
#[test]
fn timed_exports_validate_against_the_schemas_or_say_skipped() {
    let shared = std::env::var_os("CROSSTALK_SHARED")
        .map_or_else(|| root().join("../shared"), std::path::PathBuf::from);
    let standards = shared.join("standards");
    let skip = |why: &str| {
        assert!(std::env::var_os("CI").is_none(), "schema validation cannot run under CI: {why}");
        tmp::skipped(format_args!("tests/export_v2.rs: schema validation did not run: {why}"));
    };
    if !standards.join("web-annotation").is_dir() {
        return skip("../shared/standards not found");
    }
    let dir = tmp::TempDir::new(&format!("crosstalk-export-v2-{}", std::process::id()));
    let json = dir.join("timed.jsonld");
    std::fs::write(&json, render(Format::Json)).expect("write");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(render(Format::Qdpx))).expect("zip");
    let mut qde = Vec::new();
    zip.by_name("project.qde").expect("qde").read_to_end(&mut qde).expect("read");
    let qde_path = dir.join("timed.qde");
    std::fs::write(&qde_path, qde).expect("write");
    let out = Command::new("python3")
        .arg(root().join("scripts/validate_standards.py"))
        .arg(&standards)
        .arg("--json")
        .arg(&json)
        .arg("--qde")
        .arg(&qde_path)
        .output();
    drop(dir);
    let Ok(out) = out else { return skip("python3 could not be run") };
    let report =
        format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    match out.status.code() {
        Some(0) => {
            eprintln!("{report}");
            assert!(report.contains("0 failure(s)"), "{report}");
        }
        Some(3) => skip(report.trim()),
        _ => panic!("timed exports do not validate:\n{report}"),
    }
}
