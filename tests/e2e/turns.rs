//! The turn-order view in the built binary: a transcript imported as it
//! opens, `i` to read it in the order spoken, a click on a turn, a quick
//! key, and the highlight read back from the file in the right voice.

use super::pty::{Session, temp_dir};
use super::status_line;

const HEARING: &str = "Title: Oversight of Data Brokers\nLocation: Room 216\n\n\
[00:00:05] SEN. WARREN: The hearing will come to order.\n\
[00:00:31] MR. SMITH: Thank you, Senator. I want to begin with the data itself.\n\
[00:01:02] SEN. WARREN: Who buys it?\n\
[00:01:10] MR. SMITH: Anyone who pays.\n";

#[test]
fn a_transcript_in_turn_order_click_code_and_back() {
    let dir = temp_dir("turns");
    let doc = dir.join("hearing.txt");
    std::fs::write(&doc, HEARING).expect("write");
    let doc_arg = doc.to_str().expect("utf-8 path").to_owned();
    let mut s = Session::start(&[doc_arg.as_str()], &dir, &[], 100, 24);
    s.wait_for_text("The hearing will come to order.");
    s.send("i");
    s.wait_for_text("Turn order");
    assert!(s.screen().contains("WARREN 00:00:05  The hearing"), "{}", s.screen());
    assert!(s.screen().contains("SMITH  00:01:10  Anyone who pays."), "{}", s.screen());
    // Click on Smith's second answer: the focus follows the speaker.
    let (x, y) = s.with_screen(|sc| {
        let (rows, cols) = sc.size();
        (0..rows)
            .find_map(|row| {
                let line = sc.contents_between(row, 0, row, cols);
                line.find("Anyone").map(|at| (line[..at].chars().count() + 2, usize::from(row) + 1))
            })
            .expect("on screen")
    });
    s.send(&format!("\u{1b}[<0;{x};{y}M\u{1b}[<0;{x};{y}m"));
    s.wait_for("Smith focused", |sc| status_line(sc).contains("MR. SMITH · ¶2/2"));
    // A transcript starts with no tags: make one in the picker.
    s.send("t");
    s.wait_for_text("new tag");
    s.send("claim\r");
    s.wait_for_text("tagged “claim”");
    s.wait_for("saved", |sc| status_line(sc).contains("✓ saved"));
    // Back to the panes: still on Smith's second paragraph.
    s.send("i");
    s.wait_for_text("┏ MR. SMITH ━");
    assert!(s.with_screen(status_line).contains("MR. SMITH · ¶2/2"));
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let ann = std::fs::read_to_string(dir.join("hearing.annotations.ron")).expect("saved");
    assert!(ann.contains("Anyone who pays.") && ann.contains("claim"), "{ann}");
}

/// A WhatsApp chat opened as it is exported: in turn order the days are
/// subheads and each message its sender's paragraph with its time; a
/// message coded is saved in the sender's voice.
#[test]
fn a_whatsapp_chat_opens_in_turn_order_and_is_coded() {
    let dir = temp_dir("chat");
    let doc = dir.join("WhatsApp Chat with Apps study.txt");
    let chat = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/chats/whatsapp-android.txt");
    std::fs::copy(chat, &doc).expect("copy");
    let doc_arg = doc.to_str().expect("utf-8 path").to_owned();
    let mut s = Session::start(&[doc_arg.as_str()], &dir, &[], 110, 30);
    s.wait_for_text("WhatsApp Chat with Apps study · 2024-03-12");
    s.send("i");
    s.wait_for_text("Turn order");
    let screen = s.screen();
    assert!(screen.contains("Ana Lima              2024-03-12"), "{screen}");
    assert!(screen.contains("19:05  Welcome, everyone, and thank you for joining"), "{screen}");
    assert!(screen.contains("19:20  Evenings, mostly."), "{screen}");
    assert!(!screen.contains("end-to-end"), "WhatsApp's own lines are dropped: {screen}");
    // Past the day's subhead and the first message: Ana's question.
    s.send("}}");
    s.wait_for("the question", |sc| status_line(sc).contains("Ana Lima · ¶3/"));
    s.send("t");
    s.wait_for_text("new tag");
    s.send("question\r");
    s.wait_for_text("tagged “question”");
    s.wait_for("saved", |sc| status_line(sc).contains("✓ saved"));
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let ann = std::fs::read_to_string(dir.join("WhatsApp Chat with Apps study.annotations.ron"))
        .expect("saved");
    assert!(ann.contains("First question: when do you open TikTok"), "{ann}");
    assert!(ann.contains("ana-lima"), "{ann}");
}
