//! Text pasted into the terminal (bracketed paste) is one event: it goes
//! into the field on top as typed text, whole, and is never read as keys.

use super::pty::{Session, temp_dir};
use super::{contains, status_line};

const PASTE: &str = "\u{1b}[200~";
const END: &str = "\u{1b}[201~";

#[test]
fn pasted_text_goes_into_the_field_and_is_never_read_as_keys() {
    let dir = temp_dir("paste");
    let ann = dir.join("p.annotations.ron");
    let arg = ann.to_str().expect("utf-8 path").to_owned();
    let mut s = Session::start(&["--annotations", arg.as_str()], &dir, &[], 120, 36);
    s.wait_for_text("Technical Difficulties");
    assert!(contains(&s.raw(), b"\x1b[?2004h"), "bracketed paste is asked for");
    // In the reader, a paste of `qdd` neither quits nor deletes.
    s.send(&format!("{PASTE}qdd{END}"));
    s.wait_for_text("pasted text goes into a field");
    // In the tag picker, two lines and a tab are one name; the paste's
    // line break does not accept it, and its escape sequence is left out.
    s.send("t");
    s.wait_for_text("type to filter");
    s.send(&format!("{PASTE}line1\r\nline2\tend\u{1b}[31m{END}"));
    s.wait_for_text("line1 line2 end");
    assert!(!s.screen().contains("tagged"), "nothing was accepted by the paste");
    s.send("\r");
    s.wait_for_text("tagged “line1 line2 end”");
    // The note editor keeps a paste's lines, and 6,000 bytes arrive whole
    // (they had waited for the next key after the first 3 KB).
    s.send("e");
    s.wait_for_text("Ctrl-s saves and closes");
    let long = (0..1000).map(|i| format!("w{i:04}")).collect::<Vec<_>>().join(" ");
    s.send(&format!("{PASTE}first line\r\nsecond {long}{END}"));
    s.wait_for_text("w0999");
    s.send("\u{13}");
    s.wait_for_text("note saved");
    s.wait_for("on disk", |sc| status_line(sc).contains("✓ saved"));
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert!(contains(&s.raw(), b"\x1b[?2004l"), "bracketed paste is turned off on the way out");
    let doc = crosstalk::store::bundled().expect("bundled");
    let (a, _) = crosstalk::store::load_annotations(&ann, &doc).expect("parses").expect("saved");
    let h = a.highlights().iter().find(|h| !h.note.is_empty()).expect("a note");
    assert_eq!(h.tags, ["line1 line2 end"]);
    assert_eq!(h.note, format!("first line\nsecond {long}"));
}
