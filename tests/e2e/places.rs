//! Reopening goes back to where the reader was left: the voice in focus,
//! its sentence, the turn order if it was shown; after `q` and after the
//! terminal closes. A conversation whose voices changed opens at the start.

use super::pty::{Session, temp_dir};
use super::status_line;

const PANEL: &str = "# A panel\n\n\
## Ann Lee\n\nAnn opens. She goes on.\n\nAnn again.\n\nAnn ends.\n\n\
## Bo Park\n\nBo starts. Bo adds.\n\nBo second.\n\nBo third. Bo last.\n\n\
## Cy Ortiz\n\nCy alone.\n\nCy closes.\n";

#[test]
fn reopening_goes_back_to_the_voice_sentence_and_view_left() {
    let dir = temp_dir("places");
    let doc = dir.join("panel.md");
    std::fs::write(&doc, PANEL).expect("write");
    let doc_arg = doc.to_str().expect("utf-8 path").to_owned();
    let args = [doc_arg.as_str()];

    // A first open starts at the start, and says nothing of a place.
    let mut s = Session::start(&args, &dir, &[], 100, 24);
    s.wait_for_text("Ann opens.");
    assert!(!s.screen().contains("back where you left off"));
    s.send("\tJJj");
    s.wait_for("Bo's last", |sc| status_line(sc).contains("Bo Park · ¶3/3 · sentence 2/2"));
    s.send("i");
    s.wait_for_text("Turn order");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);

    // Back in the turn order, on Bo's last sentence.
    let mut s = Session::start(&args, &dir, &[], 100, 24);
    s.wait_for_text("back where you left off");
    assert!(s.screen().contains("Turn order"), "{}", s.screen());
    assert!(s.with_screen(status_line).contains("Bo Park · ¶3/3 · sentence 2/2"));
    // Side by side again, then on to Cy; the terminal closes (no `q`).
    s.send("i\t");
    s.wait_for("Cy focused", |sc| status_line(sc).contains("Cy Ortiz · ¶1/2"));
    s.hang_up();
    s.wait_exit();

    let mut s = Session::start(&args, &dir, &[], 100, 24);
    s.wait_for_text("back where you left off");
    assert!(!s.screen().contains("Turn order"));
    assert!(s.with_screen(status_line).contains("Cy Ortiz · ¶1/2"));
    // Bo's pane kept its own place.
    s.send("\u{1b}[Z"); // Shift-Tab
    s.wait_for("Bo", |sc| status_line(sc).contains("Bo Park · ¶3/3 · sentence 2/2"));
    s.send("q");
    assert_eq!(s.wait_exit(), 0);

    // Another voice in the file: the place is not theirs; the start.
    std::fs::write(&doc, PANEL.replace("## Cy Ortiz", "## Cy Ortiz\n\nx\n\n## Di Ng"))
        .expect("edit");
    let mut s = Session::start(&args, &dir, &[], 100, 24);
    s.wait_for_text("Ann opens.");
    assert!(!s.screen().contains("back where you left off"));
    assert!(s.with_screen(status_line).contains("Ann Lee · ¶1/3 · sentence 1/2"));
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}
