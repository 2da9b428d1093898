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
