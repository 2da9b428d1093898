//! A Word document opened as it is: read, coded, and its annotation file
//! written beside it; an escape sequence in its text drawn inert.

use std::io::Write;

use super::contains;
use super::pty::{Session, temp_dir};
use super::status_line;

#[test]
fn a_word_document_opens_is_coded_and_keeps_its_annotations_beside_it() {
    let dir = temp_dir("docx");
    let doc = dir.join("Focus group 3.docx");
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/documents/table.docx");
    std::fs::copy(fixture, &doc).expect("copy");
    let doc_arg = doc.to_str().expect("utf-8 path").to_owned();
    let mut s = Session::start(&[doc_arg.as_str(), "--coder", "e2e"], &dir, &[], 120, 30);
    s.wait_for_text("Focus group 3");
    s.wait_for_text("I moved to the café");
    // To Aisha's voice, tag her first sentence with a new tag.
    s.send("\t");
    s.wait_for("Aisha focused", |sc| status_line(sc).contains("Aisha"));
    s.send("vt");
    s.wait_for_text("type to filter");
    s.send("evening hours");
    s.wait_for_text("new tag “evening hours”");
    s.send("\u{1b}[B");
    std::thread::sleep(std::time::Duration::from_millis(100));
    s.send("\r");
    s.wait_for_text("tagged “evening hours”");
    s.wait_for("saved", |sc| status_line(sc).contains("✓ saved"));
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let ann = dir.join("Focus group 3.docx.annotations.ron");
    let text = std::fs::read_to_string(&ann).expect("annotation file beside the document");
    assert!(text.contains("quote: \"The evening hours.\""), "{text}");
    assert!(text.contains("\"evening hours\""), "{text}");
    // Reopened, the highlight is where it was.
    let opened = crosstalk::store::load_document(&doc).expect("opens");
    let (a, _) = crosstalk::store::parse_annotations(&text, "a", &opened).expect("parses");
    assert_eq!(a.highlights().len(), 1);
}

#[test]
fn escape_sequences_in_a_documents_text_reach_the_terminal_inert() {
    let dir = temp_dir("docx-hostile");
    let doc = dir.join("hostile.docx");
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    zip.start_file("word/document.xml", zip::write::SimpleFileOptions::default()).expect("entry");
    let turns: String = [
        "Ann: Clear &#x1B;[2J the screen.",
        "Bo: Copy &#x1B;]52;c;aGk=&#x7; now.",
        "Ann: Flip &#x202E;this&#x202C; back.",
        "Bo: Done.",
    ]
    .iter()
    .map(|t| format!("<w:p><w:r><w:t>{t}</w:t></w:r></w:p>"))
    .collect();
    write!(
        zip,
        "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{turns}</w:body></w:document>"
    )
    .expect("write");
    zip.finish().expect("zip");
    std::fs::write(&doc, out.into_inner()).expect("write");
    let mut s = Session::start(&[doc.to_str().expect("utf-8 path")], &dir, &[], 100, 24);
    s.wait_for_text("␛[2J the screen");
    s.wait_for_text("␛]52;c;aGk=␇");
    let raw = s.raw();
    assert!(!contains(&raw, b"\x1b[2J the"));
    assert!(!contains(&raw, b"\x1b]52"));
    assert!(!contains(&raw, "\u{202e}".as_bytes()));
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}
