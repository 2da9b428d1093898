//! Conversations judged by their content, not only their name: Markdown
//! named `.txt`, a transcript named `.dat`, a byte order mark; and one clear
//! line for what crosstalk cannot read (zip, binary, UTF-16 without a BOM).

mod common;

use common::cli::{run, stderr, temp};
use std::path::Path;
use std::process::Output;

use crosstalk::store;

const MARKDOWN: &str = "# Panel\n\n## Ada Moderator\n\nAre the bans justified?\n\n## Lee Respondent\n\nNo. The risks are real.\n";
const TRANSCRIPT: &str =
    "# Hearing\n\nALICE: Welcome to the hearing.\nBOB: Thank you for having me.\n";

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Opens `file` through the command line (autocode --dry-run loads the
/// conversation as the reader does, and writes nothing).
fn opens(dir: &Path, file: &Path) -> Output {
    let f = file.display().to_string();
    run(&["autocode", "--dry-run", "--pattern", "the", "--tag", "x", &f], dir)
}

#[test]
fn markdown_named_txt_and_a_transcript_named_dat_open() {
    let dir = temp("sniff", "open");
    let md = dir.join("panel.txt");
    std::fs::write(&md, MARKDOWN).expect("write");
    let o = opens(&dir, &md);
    assert!(o.status.success(), "{}", stderr(&o));
    let dat = dir.join("hearing.dat");
    std::fs::write(&dat, TRANSCRIPT).expect("write");
    let o = opens(&dir, &dat);
    assert!(o.status.success(), "{}", stderr(&o));
    let doc = store::load_document(&dat).expect("transcript");
    assert_eq!(doc.title, "Hearing");
    assert_eq!(doc.contributors.len(), 2);
    // Markdown with no known extension, and RON named .conv, too.
    let noext = dir.join("panel");
    std::fs::write(&noext, MARKDOWN).expect("write");
    assert_eq!(store::load_document(&noext).expect("markdown").contributors.len(), 2);
    let ron = dir.join("talk.conv");
    std::fs::write(&ron, store::bundled_source()).expect("write");
    assert_eq!(store::load_document(&ron).expect("ron").id, store::BUNDLED_ID);
}

#[test]
fn a_byte_order_mark_is_skipped_for_ron_and_markdown() {
    let dir = temp("sniff", "bom");
    for (name, text) in [
        ("talk.ron", store::bundled_source()),
        ("talk.conversation", store::bundled_source()),
        ("panel.md", MARKDOWN),
        ("panel.notes", MARKDOWN),
        ("hearing.txt", TRANSCRIPT),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, format!("\u{feff}{text}")).expect("write");
        let o = opens(&dir, &path);
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        store::load_document(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

#[test]
fn what_crosstalk_cannot_read_gets_one_line_listing_the_formats() {
    let dir = temp("sniff", "unsupported");
    let utf16_nobom: Vec<u8> =
        "ALICE: Hello.\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
    let zip = b"PK\x03\x04\x14\0\0\0\x08\0rest of a zip".to_vec();
    let docx = b"PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0word/document.xml rest".to_vec();
    // Subtitles and UTF-16 with a byte order mark are read (tests/subtitles.rs).
    let cases: [(&str, Vec<u8>, &str); 5] = [
        ("project.qdpx", zip.clone(), "zip"),
        ("picture.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0".to_vec(), "binary"),
        ("talk.dat", utf16_nobom, "UTF-16"),
        // Saved from Word, or printed: what to do instead is said.
        (
            "interview.doc",
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0".to_vec(),
            "save it as a Word document (.docx), RTF (.rtf) or plain text (.txt, UTF-8)",
        ),
        ("hearing.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj".to_vec(), "a PDF; copy its text"),
    ];
    for (name, bytes, what) in cases {
        let path = dir.join(name);
        std::fs::write(&path, &bytes).expect("write");
        let before = listing(&dir);
        for args in [vec![path.display().to_string()], {
            let f = path.display().to_string();
            vec![
                "autocode".into(),
                "--pattern".into(),
                "Hello".into(),
                "--tag".into(),
                "x".into(),
                f,
            ]
        }] {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let o = run(&args, &dir);
            assert!(!o.status.success(), "{name}: refused");
            let err = stderr(&o);
            assert_eq!(err.lines().count(), 1, "{name}: one line: {err}");
            assert!(err.contains(name), "{name}: names the file: {err}");
            assert!(err.contains(what), "{name}: says what it is: {err}");
            assert!(err.contains(crosstalk::import::SUPPORTED), "{name}: lists the formats: {err}");
            if what == "zip" {
                assert!(err.contains("`crosstalk import FILE` reads those"), "{name}: {err}");
            }
            assert_eq!(listing(&dir), before, "{name}: nothing written");
        }
        let e = store::load_document(&path).expect_err("refused").to_string();
        assert!(e.contains(what), "{e}");
    }
    // `crosstalk import` takes a zip for a REFI-QDA project, and says
    // plainly when it is not a readable one.
    let path = dir.join("project.qdpx");
    let before = listing(&dir);
    let o = run(&["import", &path.display().to_string()], &dir);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("project.qdpx: not a readable zip archive"), "{err}");
    assert_eq!(listing(&dir), before);
    // A Word document given to `import` is no REFI-QDA project: it is
    // read as one (tests/documents.rs), and one that is broken says so.
    let path = dir.join("interview.docx");
    std::fs::write(&path, &docx).expect("write");
    let before = listing(&dir);
    let o = run(&["import", &path.display().to_string()], &dir);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("interview.docx: not a readable Word document"), "{err}");
    assert_eq!(listing(&dir), before);
    // Prose in no known format, with an unknown extension: the same line.
    let path = dir.join("notes.dat");
    std::fs::write(&path, "Just some prose, not a conversation.\n").expect("write");
    let e = store::load_document(&path).expect_err("refused").to_string();
    assert!(e.contains("it reads .ron conversations"), "{e}");
    // A file name that would break the line is shown on one line.
    let path = dir.join("two\nlines.qdpx");
    std::fs::write(&path, zip).expect("write");
    let e = store::load_document(&path).expect_err("refused").to_string();
    assert_eq!(e.lines().count(), 1, "{e}");
}

#[test]
fn the_files_that_opened_before_open_as_before() {
    let dir = temp("sniff", "before");
    // A broken .ron still gets the RON error with line and column.
    let ron = dir.join("bad.ron");
    std::fs::write(&ron, "(\n  id: \"x\",\n  title: 5,\n)").expect("write");
    let e = store::load_document(&ron).expect_err("bad").to_string();
    assert!(e.contains("bad.ron:3:"), "{e}");
    // A bad transcript line is still named by its line.
    let txt = dir.join("talk.txt");
    std::fs::write(&txt, "# Talk\nALICE: hi\nBOB:\n").expect("write");
    let e = store::load_document(&txt).expect_err("bad").to_string();
    assert!(e.contains("talk.txt:3:"), "{e}");
    // Text that is not UTF-8 in a .txt still says where.
    std::fs::write(&txt, b"ALICE: caf\xe9\n").expect("write");
    let e = store::load_document(&txt).expect_err("bad").to_string();
    assert!(e.contains("not valid UTF-8"), "{e}");
}

#[test]
fn an_imported_conversation_starts_with_no_tags_and_the_bundled_one_with_its_codebook() {
    let dir = temp("sniff", "tags");
    let md = dir.join("panel.md");
    std::fs::write(&md, MARKDOWN).expect("write");
    let doc = store::load_document(&md).expect("markdown");
    assert!(store::starting_tags(&doc).is_empty());
    let bundled = store::bundled().expect("bundled");
    assert_eq!(bundled.id, store::BUNDLED_ID);
    assert_eq!(store::starting_tags(&bundled), crosstalk::model::annotations::default_tags());

    // In the reader: a new file for the Markdown has no tags.
    let mut app = crosstalk::ui::App::new(
        doc.clone(),
        "panel.md".into(),
        (0, 0),
        crosstalk::ui::theme::Theme::new(false),
    );
    let path = dir.join("panel.annotations.ron");
    let lock = crosstalk::cli::annotations_for(&mut app, &path);
    assert!(lock.is_some());
    assert!(app.annotations.tags().is_empty(), "{:?}", app.annotations.tags());
    drop(lock);

    // From the command line: the file autocode writes holds only its tag.
    let f = md.display().to_string();
    let o = run(&["autocode", "--pattern", "risks", "--tag", "risk", &f], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    let (annotations, _) = store::load_annotations(&path, &doc).expect("loads").expect("written");
    let names: Vec<&str> = annotations.tags().iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["risk"]);
}
