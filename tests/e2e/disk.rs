//! The annotation file changed while the binary runs, as a `git pull`
//! would: their work is merged with ours, and a file git left conflict
//! markers in is never written over unasked.

use std::fs;
use std::path::Path;

use crosstalk::model::Pos;
use crosstalk::model::annotations::{Stamp, Target};
use crosstalk::store;

use super::pty::{Session, temp_dir};
use super::status_line;

/// Adds a highlight with `note` on Wang's first words to the file, in place.
fn their_highlight(path: &Path, note: &str) {
    let doc = store::bundled().expect("bundled");
    let (mut a, _) = store::load_annotations(path, &doc).expect("parses").expect("exists");
    let target = Target { voice: 4, start: Pos::new(0, 0), end: Pos::new(0, 9) };
    let stamp = Stamp { id: "theirs-1".into(), coder: "them".into(), now: jiff::Timestamp::now() };
    a.apply(a.set_note(&doc, None, &target, note, &stamp));
    let text = store::annotations_to_ron(&a.snapshot(), &doc).expect("ron");
    fs::write(path, text).expect("their write");
}

fn start(dir: &Path, ann: &Path) -> Session {
    let arg = ann.to_str().expect("utf-8 path").to_owned();
    let s = Session::start(&["--annotations", arg.as_str()], dir, &[], 100, 30);
    s.wait_for_text("Technical Difficulties");
    s
}

#[test]
fn a_pull_while_running_is_merged_with_our_work() {
    let dir = temp_dir("pull");
    let ann = dir.join("t.annotations.ron");
    let mut s = start(&dir, &ann);
    s.send("2");
    s.wait_for_text("tagged “human-rights framing”");
    s.wait_for("saved", |sc| status_line(sc).contains("✓ saved"));
    their_highlight(&ann, "their note");
    s.wait_for_text("changed on disk");
    s.send("j3");
    s.wait_for_text("tagged “national-security claim”");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let doc = store::bundled().expect("bundled");
    let (a, _) = store::load_annotations(&ann, &doc).expect("parses").expect("saved");
    let notes: Vec<&str> = a.highlights().iter().map(|h| h.note.as_str()).collect();
    assert_eq!(a.highlights().len(), 3, "ours two and theirs: {notes:?}");
    assert!(notes.contains(&"their note"));
}

#[test]
fn our_change_made_as_they_write_is_saved_without_another_key() {
    // A key pressed just as another coder's version lands: the save finds
    // their file, takes it in with ours on top, and must then write that
    // (it stayed "saving…" until the next key, off disk).
    let dir = temp_dir("pull-race");
    let ann = dir.join("t.annotations.ron");
    let mut s = start(&dir, &ann);
    s.send("2");
    s.wait_for_text("tagged “human-rights framing”");
    s.wait_for("saved", |sc| status_line(sc).contains("✓ saved") && ann.exists());
    their_highlight(&ann, "their note");
    s.send("j3");
    s.wait_for_text("changed on disk");
    let doc = store::bundled().expect("bundled");
    let both = || {
        store::load_annotations(&ann, &doc)
            .ok()
            .flatten()
            .is_some_and(|(a, _)| a.highlights().len() == 3)
    };
    // No key from here on: the loop alone has to save it.
    s.wait_for("ours and theirs on disk", |sc| both() && status_line(sc).contains("✓ saved"));
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn conflict_markers_are_not_written_over_until_we_say_so() {
    let dir = temp_dir("markers");
    let ann = dir.join("t.annotations.ron");
    let mut s = start(&dir, &ann);
    s.send("2");
    // Before the key the bar says "new file"; wait for the tag, then for
    // the file it was saved to.
    s.wait_for_text("tagged “human-rights framing”");
    s.wait_for("saved", |sc| status_line(sc).contains("✓ saved") && ann.exists());
    let conflicted = fs::read_to_string(&ann).expect("read").replacen(
        "    tags: [",
        "<<<<<<< HEAD\n=======\n>>>>>>> theirs\n    tags: [",
        1,
    );
    fs::write(&ann, &conflicted).expect("git left markers");
    // Said on the status bar; nothing of ours waits yet, so nothing is asked.
    s.wait_for("said", |sc| status_line(sc).contains("t.annotations.ron:5:1: Expected"));
    assert!(!s.with_screen(|sc| sc.contents()).contains("Confirm ━"));
    // With work of ours to write: asked, once.
    s.send("j3");
    s.wait_for_text("Confirm ━");
    s.send("n");
    s.wait_for("the question closed", |sc| !sc.contents().contains("Confirm ━"));
    assert!(s.with_screen(status_line).contains("not saved"));
    s.send("j4");
    s.wait_for_text("tagged “privacy & data protection”");
    assert!(!s.with_screen(|sc| sc.contents()).contains("Confirm ━"), "asked once");
    assert_eq!(fs::read_to_string(&ann).expect("read"), conflicted, "left alone");
    // Quitting asks whether to write ours; yes keeps theirs aside first.
    s.send("q");
    s.wait_for_text("Confirm ━");
    s.send("y");
    assert_eq!(s.wait_exit(), 0);
    let doc = store::bundled().expect("bundled");
    let (a, _) = store::load_annotations(&ann, &doc).expect("parses").expect("saved");
    assert_eq!(a.highlights().len(), 3);
    let aside: Vec<String> = fs::read_dir(&dir)
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("t.annotations.ron.theirs-"))
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    assert_eq!(fs::read_to_string(dir.join(&aside[0])).expect("aside"), conflicted);
}

/// A large Markdown file is mapped, not read, while the first frame is
/// made (see `store::mapped`): the file must be let go of after it, so an
/// editor saving over it is not held back, and what the reader shows must
/// not change (or kill it) when the file does.
#[test]
fn a_large_markdown_file_is_let_go_of_after_the_first_frame() {
    let dir = temp_dir("mapped");
    let path = dir.join("panel.md");
    let mut text = String::from("# A panel\n\n");
    for name in ["Ada Okafor", "Boris Lindqvist"] {
        text.push_str(&format!("## {name}\n\n"));
        for p in 0..7000 {
            let who = name.split(' ').next().unwrap_or(name);
            text.push_str(&format!("{who} speaks, paragraph {p}: “U.S.” — 中文 e\u{301}, a few words more to fill the line.\n\n"));
        }
    }
    assert!(text.len() > 1 << 20, "large enough to be mapped: {}", text.len());
    fs::write(&path, &text).expect("write the panel");
    let mut s = Session::start(&["panel.md"], &dir, &[], 120, 30);
    s.wait_for_text("Ada speaks, paragraph 0");
    let start = std::time::Instant::now();
    fs::write(&path, "# Changed\n\n## Zed\n\nAnother text.\n").expect("an editor saves over it");
    let waited = start.elapsed();
    assert!(
        waited < std::time::Duration::from_secs(10),
        "the writer was held back {waited:?}: the file was not let go of"
    );
    s.send("G");
    s.wait_for_text("Ada speaks, paragraph 6999");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn what_killed_saves_left_is_removed_once_the_reader_is_up() {
    let dir = temp_dir("leftovers");
    let ann = dir.join("t.annotations.ron");
    let dead = 999_999_999; // above any pid_max
    let left =
        [format!("t.annotations.ron.{dead}.tmp"), format!("t.annotations.ron.bak.{dead}.tmp")];
    let kept = format!("other.annotations.ron.{dead}.tmp");
    for name in left.iter().chain([&kept]) {
        fs::write(dir.join(name), "(half a save)").expect("leftover");
    }
    let mut s = start(&dir, &ann);
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    for name in &left {
        assert!(!dir.join(name).exists(), "{name} is still there");
    }
    assert!(dir.join(&kept).exists(), "another file's leftover is not ours to remove");
}

/// The same file opened in a second terminal is read-only while the first
/// has it; once the first quits, the second takes it over (the first's
/// work read in), with no restart, and saves what is coded there.
#[test]
fn a_second_reader_takes_the_file_over_once_the_first_has_closed() {
    let dir = temp_dir("takeover");
    let ann = dir.join("t.annotations.ron");
    let mut first = start(&dir, &ann);
    first.send("2");
    first.wait_for("saved", |sc| status_line(sc).contains("✓ saved") && ann.exists());
    let mut second = start(&dir, &ann);
    second.wait_for("read-only", |sc| status_line(sc).contains("READ-ONLY"));
    second.send("j3");
    second.wait_for_text("read-only: ");
    // Its lock file deleted by hand while the first still runs: the second
    // does not take over (the first would go on writing beside it).
    fs::remove_file(store::lock_path(&ann)).expect("the first's lock");
    std::thread::sleep(std::time::Duration::from_millis(2500));
    assert!(second.with_screen(status_line).contains("READ-ONLY"));
    // The first codes more, then quits.
    first.send("jj4");
    first.wait_for_text("tagged “privacy & data protection”");
    first.send("q");
    assert_eq!(first.wait_exit(), 0);
    second.wait_for_text("the other crosstalk has closed: you can code now");
    second.send("j3");
    second.wait_for_text("tagged “national-security claim”");
    second.wait_for("saved", |sc| status_line(sc).contains("✓ saved"));
    second.send("q");
    assert_eq!(second.wait_exit(), 0);
    let doc = store::bundled().expect("bundled");
    let (a, _) = store::load_annotations(&ann, &doc).expect("parses").expect("saved");
    // The second's tag went onto the passage the first coded there.
    let tags: usize = a.highlights().iter().map(|h| h.tags.len()).sum();
    assert_eq!(tags, 3, "the first's two tags and the second's one");
    assert!(!store::lock_path(&ann).exists(), "the lock is released");
}
