//! Coding a phrase with the mouse in the built binary: real SGR mouse
//! escape sequences (press, drag, release) typed into the pseudo-terminal,
//! then a quick key, and the file read back.

use super::pty::{Session, temp_dir};
use super::status_line;

/// The 1-based (column, row) of `needle`'s `n`th character on the screen.
fn find(s: &Session, needle: &str, n: usize) -> (usize, usize) {
    s.with_screen(|sc| {
        let (rows, cols) = sc.size();
        for row in 0..rows {
            let line = sc.contents_between(row, 0, row, cols);
            if let Some(at) = line.find(needle) {
                return (line[..at].chars().count() + n + 1, usize::from(row) + 1);
            }
        }
        panic!("{needle:?} not on the screen:\n{}", sc.contents());
    })
}

#[test]
fn dragging_over_a_phrase_then_a_quick_key_codes_exactly_it() {
    let dir = temp_dir("mouse-drag");
    let ann = dir.join("drag.annotations.ron");
    let ann_arg = ann.to_str().expect("utf-8 path").to_owned();
    let mut s = Session::start(&["--annotations", ann_arg.as_str()], &dir, &[], 120, 36);
    s.wait_for_text("Citing national security concerns");
    let (x0, y0) = find(&s, "national", 3);
    let (x1, y1) = find(&s, "concerns", 2);
    // SGR: button 0 pressed (M), moved with it held (32), released (m).
    s.send(&format!("\u{1b}[<0;{x0};{y0}M"));
    s.send(&format!("\u{1b}[<32;{};{y1}M", x1 - 3));
    s.send(&format!("\u{1b}[<32;{x1};{y1}M"));
    s.send(&format!("\u{1b}[<0;{x1};{y1}m"));
    s.wait_for("selected", |sc| status_line(sc).contains("SELECT"));
    assert!(s.with_screen(status_line).contains("3 words: national … concerns"));
    s.send("1");
    s.wait_for_text("tagged “risk-mitigation proposal”");
    s.wait_for("saved", |sc| status_line(sc).contains("✓ saved"));
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let text = std::fs::read_to_string(&ann).expect("annotation file written");
    let doc = crosstalk::store::bundled().expect("bundled");
    let (a, _) =
        crosstalk::store::parse_annotations(&text, "drag.annotations.ron", &doc).expect("parses");
    let quotes: Vec<&str> = a.highlights().iter().map(|h| h.quote.exact.as_str()).collect();
    assert_eq!(quotes, ["national security concerns"], "{text}");
}
