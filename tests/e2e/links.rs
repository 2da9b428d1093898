//! Linking in the built binary: `L` on the witness's answer, a click on the
//! senator's question, `L` and `1` (answers); the link saved in the file;
//! then a second run that reads it back, marks both ends (and the connector
//! between the neighbouring panes) and follows it with `f`.

use super::pty::{Session, temp_dir};
use super::status_line;

const HEARING: &str = "Title: Oversight of Data Brokers\n\n\
SEN. WARREN: The hearing will come to order.\n\n\
MR. SMITH: Thank you, Senator. I want to begin with the data itself.\n\n\
SEN. WARREN: Who buys it?\n\n\
MR. SMITH: Anyone who pays.\n";

/// The 1-based screen cell just inside `needle`'s first appearance.
fn cell_of(s: &Session, needle: &str) -> (usize, usize) {
    s.with_screen(|sc| {
        let (rows, cols) = sc.size();
        (0..rows)
            .find_map(|row| {
                let line = sc.contents_between(row, 0, row, cols);
                line.find(needle).map(|at| (line[..at].chars().count() + 2, usize::from(row) + 1))
            })
            .expect("on screen")
    })
}

#[test]
fn a_question_and_its_answer_linked_saved_and_followed_after_a_restart() {
    let dir = temp_dir("links");
    let doc = dir.join("hearing.txt");
    std::fs::write(&doc, HEARING).expect("write");
    let doc_arg = doc.to_str().expect("utf-8 path").to_owned();
    let mut s = Session::start(&[doc_arg.as_str()], &dir, &[], 100, 24);
    s.wait_for_text("Who buys it?");
    // Smith's second paragraph, the answer: the start of the link.
    s.send("\tJ");
    s.wait_for("on the answer", |sc| status_line(sc).contains("MR. SMITH · ¶2/2"));
    s.send("L");
    s.wait_for_text("linking from");
    // A click on the question in Warren's pane, then L: the relation picker.
    let (x, y) = cell_of(&s, "Who buys");
    s.send(&format!("\u{1b}[<0;{x};{y}M\u{1b}[<0;{x};{y}m"));
    s.wait_for("Warren focused", |sc| status_line(sc).contains("SEN. WARREN · ¶2/2"));
    s.send("L");
    s.wait_for_text("which relation?");
    s.send("1");
    s.wait_for_text("linked: answers");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let ann = std::fs::read_to_string(dir.join("hearing.annotations.ron")).expect("saved");
    assert!(ann.contains("links: [") && ann.contains("relation: \"answers\""), "{ann}");
    assert!(ann.contains("quote: \"Who buys it?\"") && ann.contains("quote: \"Anyone who pays.\""));

    // Again: the link is read back, both ends marked; f goes to the answer.
    let mut s = Session::start(&[doc_arg.as_str()], &dir, &[], 100, 24);
    s.wait_for_text("Who buys it?");
    assert_eq!(s.screen().matches('⇄').count(), 2, "{}", s.screen());
    s.send("J");
    s.wait_for_text("answers ← SMITH: “Anyone who pays.”");
    assert_eq!(s.screen().matches('●').count(), 2, "the connector's two ends: {}", s.screen());
    s.send("K");
    s.send("J");
    s.wait_for_text("answers ← SMITH: “Anyone who pays.”");
    s.send("f");
    s.wait_for("followed to the answer", |sc| status_line(sc).contains("MR. SMITH · ¶2/2"));
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}
