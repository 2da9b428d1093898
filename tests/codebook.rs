//! `--codebook FILE`: the tags a new annotation file starts with, from
//! another annotation file, a REFI-QDA codebook or CSV; ignored, with a
//! notice, when the annotation file exists.

mod common;

use common::cli::{run, stderr, temp};
use std::path::Path;

use crosstalk::model::annotations::{Rgb, Tag};
use crosstalk::store;

const MARKDOWN: &str = "# Panel\n\n## Ada Moderator\n\nAre the bans justified?\n\n## Lee Respondent\n\nNo. The risks are real.\n";

/// (name, colour, description) of each tag.
fn summary(tags: &[Tag]) -> Vec<(String, String, String)> {
    tags.iter().map(|t| (t.name.clone(), t.color.to_string(), t.description.clone())).collect()
}

fn expected(rows: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
    rows.iter().map(|(n, c, d)| ((*n).into(), (*c).into(), (*d).into())).collect()
}

/// Writes the Markdown panel and a codebook, runs `autocode --codebook`
/// tagging "risks" with `tag`, and returns the new file's tags.
fn autocode_with(dir: &Path, codebook: &str, text: &str, tag: &str) -> Vec<Tag> {
    let md = dir.join("panel.md");
    std::fs::write(&md, MARKDOWN).expect("write");
    let cb = dir.join(codebook);
    std::fs::write(&cb, text).expect("write");
    let (md_s, cb_s) = (md.display().to_string(), cb.display().to_string());
    let o = run(&["autocode", "--pattern", "risks", "--tag", tag, "--codebook", &cb_s, &md_s], dir);
    assert!(o.status.success(), "{}", stderr(&o));
    let doc = store::load_document(&md).expect("doc");
    let path = dir.join("panel.annotations.ron");
    let (annotations, _) = store::load_annotations(&path, &doc).expect("loads").expect("written");
    annotations.tags().to_vec()
}

#[test]
fn a_csv_codebook_gives_its_tags_with_header_or_without() {
    let dir = temp("codebook", "csv");
    let csv = "name,description,color\nrisk,\"Names a risk, real or not\",#112233\ntrust,Who trusts whom,\n";
    let tags = autocode_with(&dir, "codes.csv", csv, "risk");
    let palette0 = crosstalk::model::annotations::PALETTE[0].to_string();
    assert_eq!(
        summary(&tags),
        expected(&[
            ("risk", "#112233", "Names a risk, real or not"),
            ("trust", &palette0, "Who trusts whom"),
        ])
    );
    assert_eq!(tags[0].key, Some(1));
    let cb = dir.join("plain.csv");
    std::fs::write(&cb, "\u{feff}alpha,First\nbeta,Second,#ABCDEF\n").expect("write");
    let tags = store::load_codebook(&cb).expect("reads");
    assert_eq!(tags.len(), 2);
    assert_eq!(tags[1].color, Rgb(0xAB, 0xCD, 0xEF));
}

#[test]
fn an_annotation_file_as_codebook_gives_its_tags() {
    let dir = temp("codebook", "ron");
    let ron = r##"(
    version: 1,
    conversation: "some-other-talk",
    text_hash: "sha256:0",
    tags: [
        (name: "risk", color: "#AA0000", description: "A risk.", key: Some(3)),
        (name: "hope", color: "#00AA00"),
    ],
    highlights: [],
)
"##;
    let tags = autocode_with(&dir, "other.annotations.ron", ron, "hope");
    assert_eq!(
        summary(&tags),
        expected(&[("risk", "#AA0000", "A risk."), ("hope", "#00AA00", "")])
    );
    assert_eq!(tags[0].key, Some(3), "keys kept");
    // The bundled debate's own annotations, as a codebook, give its tags.
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bundled.annotations.ron");
    let tags = store::load_codebook(&fixture).expect("reads");
    assert_eq!(tags.len(), crosstalk::model::annotations::default_tags().len());
}

#[test]
fn a_qdc_codebook_gives_its_codes_nested_as_parent_child() {
    let dir = temp("codebook", "qdc");
    let qdc = r##"<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="elsewhere">
  <Codes>
    <Code guid="1" name="security" isCodable="true" color="#4E79A7">
      <Description>Claims about security &amp; threat</Description>
      <Code guid="2" name="data" isCodable="true" color="#E15759"/>
      <Code guid="3" name="grouping" isCodable="false">
        <Code guid="4" name="leaf" isCodable="true" color="#59A14F"><Description>Deep</Description></Code>
      </Code>
    </Code>
    <Code guid="5" name="rights &lt;civil&gt;" isCodable="true" color="#F28E2B"/>
  </Codes>
</CodeBook>
"##;
    let tags = autocode_with(&dir, "book.qdc", qdc, "security/data");
    assert_eq!(
        summary(&tags),
        expected(&[
            ("security", "#4E79A7", "Claims about security & threat"),
            ("security/data", "#E15759", ""),
            ("security/grouping/leaf", "#59A14F", "Deep"),
            ("rights <civil>", "#F28E2B", ""),
        ])
    );
    // A codebook crosstalk exported reads back as the same tags.
    let out = dir.join("bundled.qdc");
    let ann = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bundled.annotations.ron");
    let (ann_s, out_s) = (ann.display().to_string(), out.display().to_string());
    let o = run(&["export", "-f", "qdc", "--annotations", &ann_s, "-o", &out_s], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    let back = store::load_codebook(&out).expect("reads");
    let bundled = store::bundled().expect("bundled");
    let (annotations, _) =
        store::load_annotations(&ann, &bundled).expect("loads").expect("fixture");
    assert_eq!(summary(&back), summary(annotations.tags()));
    // Broken XML names the line and column.
    let bad = dir.join("bad.qdc");
    std::fs::write(
        &bad,
        "<CodeBook>\n<Codes>\n<Code name=\"x\" color=\"#12\"/>\n</Codes></CodeBook>",
    )
    .expect("write");
    let e = store::load_codebook(&bad).expect_err("bad colour").to_string();
    assert!(e.contains("bad.qdc:3:"), "{e}");
    std::fs::write(&bad, "<CodeBook>\n<Codes>\n</Code></CodeBook>").expect("write");
    let e = store::load_codebook(&bad).expect_err("bad xml").to_string();
    assert!(e.contains("bad.qdc:3:"), "{e}");
}

#[test]
fn an_existing_annotation_file_is_left_as_it_is() {
    let dir = temp("codebook", "existing");
    let md = dir.join("panel.md");
    std::fs::write(&md, MARKDOWN).expect("write");
    let cb = dir.join("codes.csv");
    std::fs::write(&cb, "risk,A risk\n").expect("write");
    let path = dir.join("panel.annotations.ron");
    let existing = "(\n    version: 1,\n    conversation: \"panel\",\n    text_hash: \"sha256:0\",\n    tags: [\n        (name: \"mine\", color: \"#010203\"),\n    ],\n    highlights: [],\n)\n";
    std::fs::write(&path, existing).expect("write");
    let (md_s, cb_s) = (md.display().to_string(), cb.display().to_string());
    let o =
        run(&["autocode", "--pattern", "zzz", "--tag", "risk", "--codebook", &cb_s, &md_s], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("--codebook") && err.contains("ignored"), "{err}");
    assert_eq!(std::fs::read(&path).expect("read"), existing.as_bytes(), "byte-identical");

    // The reader: the existing file's tags, not the codebook's.
    let doc = store::load_document(&md).expect("doc");
    let codebook = crosstalk::cli::codebook_for(Some(&cb), &path).expect("ignored");
    assert!(codebook.is_none());
    let mut app = crosstalk::ui::App::new(
        doc,
        "panel.md".into(),
        (0, 0),
        crosstalk::ui::theme::Theme::new(false),
    );
    let lock = crosstalk::cli::annotations_with(&mut app, &path, codebook);
    let names: Vec<&str> = app.annotations.tags().iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["mine"]);
    drop(lock);
    assert_eq!(std::fs::read(&path).expect("read"), existing.as_bytes(), "byte-identical");

    // A new file in the reader starts with the codebook's tags.
    let fresh = dir.join("fresh.annotations.ron");
    let codebook = crosstalk::cli::codebook_for(Some(&cb), &fresh).expect("reads");
    let lock = crosstalk::cli::annotations_with(&mut app, &fresh, codebook);
    let names: Vec<&str> = app.annotations.tags().iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["risk"]);
    drop(lock);
}

#[test]
fn a_malformed_csv_codebook_is_an_error_naming_file_and_line() {
    let dir = temp("codebook", "bad-csv");
    let md = dir.join("panel.md");
    std::fs::write(&md, MARKDOWN).expect("write");
    let md_s = md.display().to_string();
    for (text, line, what) in [
        ("name,description\nrisk,A risk\ntrust,Trust,#12345\n", 3, "#RRGGBB"),
        ("risk,A risk\nrisk,Again\n", 2, "defined twice"),
        ("risk,A risk\n,no name\n", 2, "no name"),
        ("risk,A risk,#112233,extra\n", 1, "fields"),
    ] {
        let cb = dir.join("codes.csv");
        std::fs::write(&cb, text).expect("write");
        let cb_s = cb.display().to_string();
        let before: Vec<_> = std::fs::read_dir(&dir).expect("list").collect();
        // The reader refuses before the terminal is touched; so does autocode.
        for args in [
            vec!["--codebook", &cb_s, &md_s],
            vec!["autocode", "--pattern", "risks", "--tag", "risk", "--codebook", &cb_s, &md_s],
        ] {
            let o = run(&args, &dir);
            assert!(!o.status.success(), "{text:?}");
            let err = stderr(&o);
            assert!(err.contains(&format!("codes.csv:{line}: ")), "{text:?}: {err}");
            assert!(err.contains(what), "{text:?}: {err}");
            let after: Vec<_> = std::fs::read_dir(&dir).expect("list").collect();
            assert_eq!(after.len(), before.len(), "nothing written");
        }
    }
}

/// Tags that try the CSV: non-ASCII and nested names, commas, quotes,
/// newlines, a formula-like cell and one that already looks protected.
fn tricky_tags() -> Vec<Tag> {
    let t = |name: &str, color: Rgb, description: &str| Tag {
        name: name.into(),
        color,
        description: description.into(),
        key: None,
    };
    vec![
        t("risk", Rgb(0x11, 0x22, 0x33), "Names a risk, real or not"),
        t("数据安全/跨境", Rgb(0xAB, 0xCD, 0xEF), "Data security — “cross-border”, naïve café 🙂"),
        t("framing/rights/speech", Rgb(0, 0, 0), "Says \"rights\",\nthen: speech\r\nand more"),
        t("=SUM(A1)", Rgb(0xFF, 0xFF, 0xFF), "-starts like a formula"),
        t("'=quoted", Rgb(1, 2, 3), "'+already protected"),
        t("empty description", Rgb(4, 5, 6), ""),
    ]
}

/// The codebook CSV of `tags` (for the Markdown panel), as `export` writes it.
fn codebook_csv(tags: Vec<Tag>, raw: bool) -> Vec<u8> {
    use crosstalk::export::{Export, Filter, Format, Options};
    let dir = temp("codebook", "csv-export");
    let md = dir.join("panel.md");
    std::fs::write(&md, MARKDOWN).expect("write");
    let doc = store::load_document(&md).expect("doc");
    let a = crosstalk::model::annotations::AnnotationFile::with_tags(&doc, tags);
    let e = Export::new(&doc, &a, &Filter::default()).expect("export");
    let options = Options { raw, ..Options::default() };
    e.render_with(Format::CodebookCsv, options).expect("renders").bytes
}

#[test]
fn the_codebook_csv_round_trips_and_a_strict_reader_reads_it() {
    for raw in [false, true] {
        let bytes = codebook_csv(tricky_tags(), raw);
        // UTF-8 with a byte order mark (Taguette guesses the encoding), CRLF.
        let text = std::str::from_utf8(&bytes).expect("UTF-8");
        let body = text.strip_prefix('\u{feff}').expect("a byte order mark first");
        assert!(body.starts_with("name,description,color\r\n"), "{body}");
        // A strict reader: a header, three fields on every row, nothing else.
        let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(body.as_bytes());
        assert_eq!(reader.headers().expect("header"), vec!["name", "description", "color"]);
        let rows: Vec<csv::StringRecord> =
            reader.records().collect::<Result<_, _>>().expect("strict CSV");
        assert_eq!(rows.len(), tricky_tags().len());
        for (row, tag) in rows.iter().zip(tricky_tags()) {
            assert_eq!(row.len(), 3);
            assert_eq!(&row[2], tag.color.to_string());
            // Protected cells carry a ' unless raw; the rest are exact.
            let name = if !raw && tag.name.starts_with(['=', '\'']) {
                format!("'{}", tag.name)
            } else {
                tag.name.clone()
            };
            assert_eq!(&row[0], name, "raw: {raw}");
        }
        // crosstalk's codebook reader gives back every name, description and colour.
        let dir = temp("codebook", "csv-round-trip");
        let path = dir.join("codebook.csv");
        std::fs::write(&path, &bytes).expect("write");
        let back = store::load_codebook(&path).expect("reads");
        let want: Vec<_> = if raw {
            // Raw cells are as they are: the one already "protected" loses its '.
            summary(&tricky_tags())
                .into_iter()
                .map(|(n, c, d)| {
                    let strip = |s: String| s.strip_prefix('\'').map(str::to_owned).unwrap_or(s);
                    (strip(n), c, strip(d))
                })
                .collect()
        } else {
            summary(&tricky_tags())
        };
        assert_eq!(summary(&back), want, "raw: {raw}");
    }
}

#[test]
fn the_codebook_csv_of_no_tags_is_an_error_not_an_empty_file() {
    use crosstalk::export::{Export, Filter, Format};
    let dir = temp("codebook", "csv-empty");
    let md = dir.join("panel.md");
    std::fs::write(&md, MARKDOWN).expect("write");
    let doc = store::load_document(&md).expect("doc");
    let a = crosstalk::model::annotations::AnnotationFile::with_tags(&doc, Vec::new());
    let e = Export::new(&doc, &a, &Filter::default()).expect("export");
    let err = e.render(Format::CodebookCsv).expect_err("no tags");
    assert!(err.to_string().contains("no tags"), "{err}");
}

/// Taguette refuses a CSV with an empty tag cell ("Empty tag name"): the
/// highlights CSV writes an untagged highlight as `(no tag)`, and an
/// annotation file with a blank tag name is refused where it says so.
#[test]
fn the_highlights_csv_never_has_an_empty_tag_cell() {
    let dir = temp("codebook", "no-empty-tag");
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bundled.annotations.ron");
    let ann = fixture.display().to_string();
    let o = run(&["export", "-f", "csv", "--annotations", &ann], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut reader = csv::Reader::from_reader(o.stdout.as_slice());
    let tag = reader.headers().expect("header").iter().position(|h| h == "tag").expect("tag");
    let cells: Vec<String> = reader.records().map(|r| r.expect("row")[tag].to_owned()).collect();
    assert!(cells.iter().all(|c| !c.trim().is_empty()), "{cells:?}");
    assert!(cells.iter().any(|c| c == "(no tag)"), "the fixture has an untagged highlight");

    let text = std::fs::read_to_string(&fixture).expect("fixture");
    let blank = text.replacen("name: \"risk-mitigation proposal\"", "name: \" \"", 1);
    assert_ne!(blank, text);
    let bad = dir.join("blank.annotations.ron");
    std::fs::write(&bad, &blank).expect("write");
    let bad_s = bad.display().to_string();
    for format in ["csv", "codebook-csv"] {
        let o = run(&["export", "-f", format, "--annotations", &bad_s], &dir);
        assert!(!o.status.success());
        assert!(o.stdout.is_empty(), "nothing exported");
        let e = stderr(&o);
        assert!(e.contains(&format!("{bad_s}:7:")) && e.contains("a tag needs a name"), "{e}");
    }
}

#[test]
fn a_codebook_may_be_utf16_with_a_byte_order_mark() {
    let dir = temp("codebook", "utf16");
    let text = "name,description\r\n数据安全,\"Data, “security”\"\r\n";
    for (name, bytes) in [
        (
            "le.csv",
            [0xFF, 0xFE]
                .into_iter()
                .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
                .collect::<Vec<u8>>(),
        ),
        (
            "be.csv",
            [0xFE, 0xFF]
                .into_iter()
                .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
                .collect(),
        ),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, bytes).expect("write");
        let tags = store::load_codebook(&path).expect(name);
        assert_eq!(tags.len(), 1, "{name}");
        assert_eq!(
            (tags[0].name.as_str(), tags[0].description.as_str()),
            ("数据安全", "Data, “security”")
        );
    }
    let path = dir.join("latin1.csv");
    std::fs::write(&path, b"name,description\ncaf\xe9,x\n").expect("write");
    let e = store::load_codebook(&path).expect_err("not UTF-8").to_string();
    assert!(e.contains("latin1.csv") && e.contains("not valid UTF-8"), "{e}");
}
