//! Another coder beside ours in the built binary: `--against`, the
//! agreement view (`A`), a tag's disagreements (`Enter`) and the reader at
//! one of them (`Enter` again); their file is never written.

use super::pty::{Session, temp_dir};
use super::status_line;

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

#[test]
fn against_agreement_view_enter_twice_goes_to_the_disagreement() {
    let dir = temp_dir("against");
    let ours = dir.join("ada.ron");
    let theirs = dir.join("ben.ron");
    std::fs::copy(fixture("bundled.annotations.ron"), &ours).expect("copy ours");
    std::fs::copy(fixture("against.annotations.ron"), &theirs).expect("copy theirs");
    let before = std::fs::read(&theirs).expect("read");
    let args = [
        "--annotations",
        ours.to_str().expect("utf-8"),
        "--against",
        theirs.to_str().expect("utf-8"),
    ];
    let mut s = Session::start(&args, &dir, &[], 140, 40);
    s.wait_for_text("theirs (ben)");
    assert!(s.screen().contains('▐'), "{}", s.screen());
    s.send("A");
    s.wait_for_text("Agreement with ben");
    assert!(s.screen().contains("national-security claim"), "{}", s.screen());
    assert!(s.with_screen(status_line).contains("AGREE"));
    // The second tag, human-rights framing: only we coded Ku's first sentences.
    s.send("j");
    s.send("\r");
    s.wait_for_text("human-rights framing · 2 sentences coded differently, in 1 stretch");
    assert!(s.screen().contains("only us"), "{}", s.screen());
    s.send("\r");
    s.wait_for_text("disagreement 1 of 1 · human-rights framing · only us");
    assert!(!s.screen().contains("Agreement with ben"), "{}", s.screen());
    assert!(s.with_screen(status_line).contains("Julian"), "{}", s.screen());
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert_eq!(std::fs::read(&theirs).expect("read"), before, "their file is untouched");
}
