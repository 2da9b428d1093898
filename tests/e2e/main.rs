//! End-to-end: the built binary in a pseudo-terminal, keys typed as a
//! person would, the screen read back after each.

#![cfg(unix)]

mod against;
mod disk;
mod documents;
mod links;
mod mouse;
mod paste;
mod places;
mod pty;
mod signals;
#[path = "../common/tmp.rs"]
mod tmp;
mod turns;

use pty::{Session, temp_dir};

const ESC: &str = "\u{1b}";
const LEAVE_ALT_SCREEN: &[u8] = b"\x1b[?1049l";

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn status_line(s: &vt100::Screen) -> String {
    let (rows, cols) = s.size();
    s.contents_between(rows - 1, 0, rows - 1, cols)
}

#[test]
fn an_idle_reader_sends_the_terminal_nothing() {
    // The loop wakes four times a second; a frame that changes nothing
    // writes nothing (it sent 25 bytes a wake: pen reset, cursor hidden).
    let dir = temp_dir("idle");
    let mut s = Session::start(&[], &dir, &[], 100, 30);
    s.wait_for_text("Technical Difficulties");
    s.send("j");
    s.wait_for("the cursor moved", |sc| status_line(sc).contains("sentence 2/"));
    std::thread::sleep(std::time::Duration::from_millis(300));
    let before = s.raw().len();
    std::thread::sleep(std::time::Duration::from_millis(1200));
    assert_eq!(s.raw().len(), before, "written while idle");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn read_tab_j_help_escape_quit() {
    let dir = temp_dir("read");
    let mut s = Session::start(&[], &dir, &[], 100, 30);
    s.wait_for_text("Technical Difficulties");
    s.wait_for_text("Abby Seiff");
    assert!(s.with_screen(status_line).contains("Abby Seiff · ¶1/5 · sentence 1/3"));

    s.send("\t");
    s.wait_for("focus on Hoffman", |sc| {
        status_line(sc).contains("Samantha Hoffman · ¶1/3 · sentence 1/")
    });

    s.send("j");
    s.wait_for("second sentence", |sc| {
        status_line(sc).contains("Samantha Hoffman · ¶1/3 · sentence 2/")
    });

    s.send("?");
    s.wait_for_text("next sentence");
    assert!(s.screen().contains("focus the previous voice"));
    assert!(s.with_screen(status_line).contains("HELP"));

    s.send(ESC);
    s.wait_for("help closed", |sc| !sc.contents().contains("focus the previous voice"));
    assert!(s.with_screen(status_line).contains("READ"));

    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let raw = s.raw();
    assert!(contains(&raw, LEAVE_ALT_SCREEN), "left the alternate screen");
    assert!(!s.with_screen(|sc| sc.alternate_screen()), "back on the main screen");
    assert!(contains(&raw, b"\x1b[?1000l"), "mouse reporting turned off");
    assert!(!s.with_screen(|sc| sc.hide_cursor()), "the cursor is shown again");
}

#[test]
fn mouse_click_focuses_and_wheel_scrolls() {
    let dir = temp_dir("mouse");
    let mut s = Session::start(&[], &dir, &[], 80, 24);
    s.wait_for_text("Technical Difficulties");
    // SGR mouse: left press and release on column 50, row 8 (1-based), in the right pane.
    s.send("\u{1b}[<0;50;8M\u{1b}[<0;50;8m");
    // (At 80 columns the status bar keeps its key hints over the voice name:
    // the focused pane's heavy border says where the focus is.)
    s.wait_for("click focuses Hoffman", |sc| sc.contents().contains("┏ Samantha Hoffman"));
    let before = s.screen();
    // Wheel down over the left pane scrolls it; focus stays right.
    s.send("\u{1b}[<65;10;10M");
    s.wait_for("left pane scrolled", |sc| sc.contents() != before);
    assert!(s.with_screen(|sc| sc.contents()).contains("┏ Samantha Hoffman"));
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn no_color_keeps_cursor_and_focus_visible() {
    let dir = temp_dir("nocolor");
    let mut s = Session::start(&[], &dir, &[("NO_COLOR", "1")], 80, 24);
    s.wait_for_text("Technical Difficulties");
    s.wait_for("cursor drawn", |sc| sc.cell(3, 2).is_some_and(|c| c.inverse()));
    s.with_screen(|sc| {
        // The first sentence is reversed; the focused pane's border is heavy.
        assert_eq!(sc.cell(2, 0).map(|c| c.contents()), Some("┏"));
        assert_eq!(sc.cell(2, 40).map(|c| c.contents()), Some("┌"));
        for row in 0..24 {
            for col in 0..80 {
                let cell = sc.cell(row, col).expect("cell");
                assert_eq!(cell.fgcolor(), vt100::Color::Default, "no colour at {row},{col}");
                assert_eq!(cell.bgcolor(), vt100::Color::Default, "no colour at {row},{col}");
            }
        }
    });
    s.send("j");
    s.wait_for("cursor moved", |sc| !sc.cell(3, 2).is_some_and(|c| c.inverse()));
    assert!(s.with_screen(|sc| (0..80).any(|col| sc.cell(8, col).is_some_and(|c| c.inverse()))));
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn opens_another_conversation_and_shows_hostile_text_inert() {
    let dir = temp_dir("hostile");
    let file = crosstalk::model::ConversationFile {
        id: "h".into(),
        title: "Hostile \u{1b}[2J title".into(),
        subtitle: String::new(),
        source: String::new(),
        date: String::new(),
        contributors: vec![crosstalk::model::Contributor {
            id: "a".into(),
            name: "Eve".into(),
            affiliation: String::new(),
            role: crosstalk::model::Role::Respondent,
            ..Default::default()
        }],
        sections: vec![crosstalk::model::SectionFile {
            contributor: "a".into(),
            paragraphs: vec![
                "Copy \u{1b}]52;c;aGk=\u{7} now. Flip \u{202e}this\u{202c} back.".into(),
            ],
            ..Default::default()
        }],
        ..Default::default()
    };
    let path = dir.join("hostile.ron");
    std::fs::write(&path, crosstalk::store::to_ron(&file).expect("ron")).expect("write");
    let mut s = Session::start(&[path.to_str().expect("utf-8 path")], &dir, &[], 80, 24);
    s.wait_for_text("Hostile ␛[2J title");
    s.wait_for_text("␛]52;c;aGk=␇");
    let raw = s.raw();
    let placeholders = raw.windows(3).filter(|w| *w == "\u{FFFD}".as_bytes()).count();
    assert!(placeholders >= 2, "bidi overrides drawn as placeholders");
    assert!(!contains(&raw, b"\x1b[2J title"));
    assert!(!contains(&raw, b"\x1b]52"));
    assert!(!contains(&raw, "\u{202e}".as_bytes()));
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_bad_file_is_an_error_with_line_and_column_and_no_tui() {
    let dir = temp_dir("bad");
    let path = dir.join("bad.ron");
    std::fs::write(&path, "(\n  id: \"x\",\n  title: 7,\n)").expect("write");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_crosstalk"))
        .arg(&path)
        .output()
        .expect("run");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.ron:3:"), "{err}");
    assert!(out.stdout.is_empty(), "no terminal setup on a load error");
}

#[test]
fn help_and_version_flags() {
    let run = |arg: &str| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_crosstalk"))
            .arg(arg)
            .output()
            .expect("run");
        assert!(out.status.success(), "{arg}");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let help = run("--help");
    assert!(
        help.contains("Usage: crosstalk [OPTIONS] [DOC]")
            || help.contains("Usage: crosstalk [DOC]"),
        "{help}"
    );
    assert!(help.contains("Technical Difficulties"), "{help}");
    assert!(!help.contains("debug-panic"), "the test hook stays hidden");
    assert_eq!(run("--version").trim(), format!("crosstalk {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn a_panic_restores_the_terminal() {
    let dir = temp_dir("panic");
    let mut s = Session::start(&["--debug-panic-on-key"], &dir, &[], 80, 24);
    s.wait_for_text("Technical Difficulties");
    // F12, the key the test hook panics on.
    s.send("\x1b[24~");
    let code = s.wait_exit();
    assert_ne!(code, 0);
    let raw = s.raw();
    assert!(contains(&raw, LEAVE_ALT_SCREEN));
    assert!(contains(&raw, b"\x1b[?1000l"), "mouse reporting turned off");
    assert!(!s.with_screen(|sc| sc.alternate_screen()));
    assert!(!s.with_screen(|sc| sc.hide_cursor()), "the cursor is shown again");
    assert!(
        s.screen().contains("panicking as asked"),
        "the panic message is readable: {}",
        s.screen()
    );
}

#[test]
fn ctrl_z_suspends_and_fg_resumes() {
    let dir = temp_dir("suspend");
    let mut s = Session::shell(&dir, 80, 24);
    s.wait_for_text("$ ");
    s.send(&format!("'{}'\r", env!("CARGO_BIN_EXE_crosstalk")));
    s.wait_for("reader", |sc| {
        sc.alternate_screen() && sc.contents().contains("Technical Difficulties")
    });
    s.send("j");
    s.wait_for("second sentence", |sc| status_line(sc).contains("sentence 2/"));
    s.send("\u{1a}");
    s.wait_for("the shell says it stopped", |sc| {
        !sc.alternate_screen() && sc.contents().contains("Stopped")
    });
    assert!(!s.with_screen(|sc| sc.hide_cursor()), "the shell's cursor is shown");
    // The window grows while the reader is stopped: it learns of it on `fg`.
    s.resize(100, 30);
    s.send("fg\r");
    s.wait_for("reader again, at the new size", |sc| {
        sc.alternate_screen()
            && sc.contents().contains("Technical Difficulties")
            && sc.contents().lines().any(|l| l.trim_end().chars().count() > 80)
    });
    assert!(s.with_screen(status_line).contains("sentence 2/"), "the place is kept");
    assert!(s.with_screen(|sc| sc.hide_cursor()), "the reader's is hidden again");
    s.send("j");
    s.wait_for("keys work after resume", |sc| status_line(sc).contains("sentence 3/"));
    s.send("q");
    s.wait_for("back at the prompt", |sc| !sc.alternate_screen());
    s.send("echo exit=$?\r");
    s.wait_for_text("exit=0");
    s.send("exit\r");
    s.wait_exit();
}

#[test]
fn a_terminal_that_cannot_be_drawn_on_is_given_back() {
    // Standard output that refuses every write (/dev/full): raw mode is
    // already on when entering the alternate screen fails, and must be
    // undone before the error, or the shell is left without echo.
    if !std::path::Path::new("/dev/full").exists() {
        tmp::skipped(format_args!("this system has no /dev/full to refuse the writes"));
        return;
    }
    let dir = temp_dir("unwritable");
    let mut s = Session::shell(&dir, 100, 24);
    s.wait_for_text("$ ");
    s.send(&format!(
        "'{}' > /dev/full; echo exit=$?; stty -a | tr ' ' '\\n' | grep -x -- '-*icanon\\|-*echo' | tr '\\n' ' '; echo modes.$((1 + 1))\r",
        env!("CARGO_BIN_EXE_crosstalk")
    ));
    s.wait_for_text("modes.2");
    let screen = s.screen();
    assert!(screen.contains("exit=1"), "an error, not a reader: {screen}");
    assert!(screen.contains("No space left on device"), "the reason is given: {screen}");
    assert!(screen.contains("icanon echo modes.2"), "line editing and echo are back: {screen}");
    s.send("exit\r");
    s.wait_exit();
}

/// Two voices of 200 paragraphs each, written to `ahead.md` in `dir`.
fn write_ahead(dir: &std::path::Path) {
    let mut md = String::from("# Ahead\n\n");
    for (v, name) in ["Ada", "Chen"].iter().enumerate() {
        md.push_str(&format!("## {name}\n\n"));
        for p in 0..200 {
            md.push_str(&format!("Paragraph zq{v}x{p}q of {name}.\n\n"));
        }
    }
    std::fs::write(dir.join("ahead.md"), md).expect("write");
}

/// `G` was typed ahead: the first frame drawn is already at the end of the
/// first voice; its top was never drawn (one frame, not two).
fn typed_ahead_lands_at_the_end(mut s: Session) {
    s.wait_for_text("zq0x199q");
    s.wait_for("at the end", |sc| status_line(sc).contains("¶200/200"));
    assert!(s.screen().contains("zq1x0q"), "the other voice is at its top");
    assert!(!contains(&s.raw(), b"zq0x0q"), "the first voice's top was never drawn");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn keys_typed_before_the_reader_is_up_are_taken_before_the_first_frame() {
    let dir = temp_dir("typed-ahead");
    write_ahead(&dir);
    typed_ahead_lands_at_the_end(Session::start_typed(&["ahead.md"], &dir, "G", 100, 30));
}

#[test]
fn keys_typed_ahead_are_taken_however_slow_the_set_up() {
    // crossterm counts its wait from before it sets its reader up: on a
    // loaded machine that set-up outlasted the wait and `G` came after the
    // first frame (seen in CI). Traced, every system call is slow.
    let dir = temp_dir("typed-ahead-traced");
    write_ahead(&dir);
    if let Some(s) = Session::start_typed_traced(&["ahead.md"], &dir, "G") {
        typed_ahead_lands_at_the_end(s);
    }
}

#[test]
fn resizing_keeps_the_place() {
    let dir = temp_dir("resize");
    let mut s = Session::start(&[], &dir, &[], 120, 40);
    s.wait_for_text("Technical Difficulties");
    s.send("G");
    s.wait_for("at the end", |sc| status_line(sc).contains("¶5/5 · sentence 5/5"));
    s.resize(60, 15);
    s.wait_for("small screen still shows the cursor", |sc| {
        sc.contents().contains("Seiff")
            && (0..15).any(|r| (0..60).any(|c| sc.cell(r, c).is_some_and(|x| x.inverse())))
    });
    s.resize(20, 5);
    s.wait_for_text("too small");
    s.resize(200, 50);
    s.wait_for("all five voices", |sc| sc.contents().contains("1–5 of 5 on screen"));
    assert!(s.with_screen(status_line).contains("¶5/5 · sentence 5/5"));
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn annotate_tag_note_undo_redo_then_reopen() {
    let dir = temp_dir("annotate");
    let ann = dir.join("ku.annotations.ron");
    let ann_arg = ann.to_str().expect("utf-8 path").to_owned();
    let args = ["--annotations", ann_arg.as_str(), "--coder", "e2e"];
    let mut s = Session::start(&args, &dir, &[], 120, 36);
    s.wait_for_text("Technical Difficulties");
    assert!(
        s.with_screen(status_line).contains("ku.annotations.ron"),
        "the status bar names the file"
    );

    // To Julian Ku's pane, select two sentences, tag them through the picker.
    s.send("\t\t");
    s.wait_for("Ku focused", |sc| status_line(sc).contains("Julian Ku"));
    s.send("vj");
    s.wait_for("selecting", |sc| status_line(sc).contains("SELECT"));
    s.send("t");
    s.wait_for_text("type to filter");
    s.send("human");
    s.wait_for_text("human-rights framing");
    s.send("\r");
    s.wait_for_text("tagged “human-rights framing”");

    // Another sentence: a new tag "reciprocity", created in the picker.
    s.send("j");
    s.wait_for("third sentence", |sc| status_line(sc).contains("¶1/6 · sentence 3/3"));
    s.send("t");
    s.wait_for_text("type to filter");
    s.send("reciprocity");
    s.wait_for_text("new tag “reciprocity”");
    s.send("\u{1b}[B"); // Down to the "new tag" row
    std::thread::sleep(std::time::Duration::from_millis(100));
    s.send("\r");
    s.wait_for_text("tagged “reciprocity”");

    // A note on it, two lines.
    s.send("e");
    s.wait_for_text("Ctrl-s saves and closes");
    s.send("Ku frames it as “reciprocity”, not rights.\rSecond line.");
    s.wait_for_text("Second line.");
    s.send(ESC);
    s.wait_for_text("save it?");
    s.send("y");
    s.wait_for_text("note saved");
    s.wait_for_text("✎It is also true");

    // Undo and redo the note.
    s.send("u");
    s.wait_for_text("undid: note saved");
    s.send("\u{12}"); // Ctrl-r
    s.wait_for_text("redid: note saved");
    s.wait_for("saved", |sc| status_line(sc).contains("✓ saved"));
    s.send("q");
    assert_eq!(s.wait_exit(), 0);

    // The file: exact quotes, tags, note.
    let text = std::fs::read_to_string(&ann).expect("annotation file written");
    let doc = crosstalk::store::bundled().expect("bundled");
    let (a, _) =
        crosstalk::store::parse_annotations(&text, "ku.annotations.ron", &doc).expect("parses");
    let ku: Vec<_> =
        a.highlights().iter().filter(|h| doc.contributors[h.voice].id == "ku").collect();
    assert_eq!(ku.len(), 2, "{text}");
    assert_eq!(
        ku[0].quote.exact,
        "It is fair to question the U.S. government’s recent efforts to effectively ban TikTok and WeChat on national security grounds. It is certainly true that the U.S. government has never before used its powers over cross-border economic transactions to target social media applications, especially ones that are used by millions of Americans."
    );
    assert_eq!(ku[0].tags, ["human-rights framing"]);
    assert!(
        ku[1]
            .quote
            .exact
            .starts_with("It is also true that the unfortunate effect of the WeChat ban")
    );
    assert!(ku[1].quote.exact.ends_with("with people in China."));
    assert_eq!(ku[1].tags, ["reciprocity"]);
    assert_eq!(ku[1].note, "Ku frames it as “reciprocity”, not rights.\nSecond line.");
    assert_eq!(ku[1].coder, "e2e");
    assert!(a.tag("reciprocity").is_some(), "the new tag is in the tag set");
    assert!(text.contains("version: 1,"));

    // Reopen: back on Ku's third sentence, where the session ended, and
    // the highlights are there, in their tag's colour.
    let mut s = Session::start(&args, &dir, &[], 120, 36);
    s.wait_for_text("back where you left off");
    assert!(s.with_screen(status_line).contains("Julian Ku · ¶1/6 · sentence 3/3"));
    s.send("k");
    s.wait_for_text(" human-rights framing ");
    let (row, col) = s.with_screen(|sc| {
        let contents = sc.contents();
        let row = contents
            .lines()
            .position(|l| l.contains("It is fair to question"))
            .expect("Ku's first line") as u16;
        let col = contents
            .lines()
            .nth(row as usize)
            .and_then(|l| l.find("It is fair"))
            .map(|b| contents.lines().nth(row as usize).map_or(0, |l| l[..b].chars().count()))
            .expect("col") as u16;
        (row, col)
    });
    s.with_screen(|sc| {
        let cell = sc.cell(row, col + 3).expect("cell");
        // The cursor is on it (reversed), over the tag colour #E15759.
        assert!(
            matches!(cell.bgcolor(), vt100::Color::Rgb(0xE1, 0x57, 0x59))
                || matches!(cell.fgcolor(), vt100::Color::Rgb(0xE1, 0x57, 0x59)),
            "{:?} {:?}",
            cell.bgcolor(),
            cell.fgcolor()
        );
    });
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn export_from_the_reader_writes_the_file_and_asks_before_replacing_it() {
    let dir = temp_dir("export");
    let ann = dir.join("coded.annotations.ron");
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/bundled.annotations.ron");
    std::fs::copy(&fixture, &ann).expect("copy the fixture");
    let ann_arg = ann.to_str().expect("utf-8 path").to_owned();
    let mut s = Session::start(&["--annotations", ann_arg.as_str()], &dir, &[], 120, 36);
    s.wait_for_text("Technical Difficulties");
    s.send("X");
    s.wait_for_text("Export · Enter writes");
    s.send("\u{1b}[B"); // ↓: csv
    s.wait_for_text("technical-difficulties.csv");
    s.send("\r");
    s.wait_for_text("exported 7 highlights to technical-difficulties.csv");
    let csv = std::fs::read_to_string(dir.join("technical-difficulties.csv"))
        .expect("written in the working directory");
    assert!(csv.starts_with("highlight_id,conversation,"));
    // Again: it asks, and `y` replaces the file.
    std::fs::write(dir.join("technical-difficulties.csv"), "old").expect("write");
    s.send("X\u{1b}[B\r");
    s.wait_for_text("Overwrite it?");
    s.send("y");
    s.wait_for_text("exported 7 highlights");
    let csv = std::fs::read_to_string(dir.join("technical-difficulties.csv")).expect("read");
    assert!(csv.starts_with("highlight_id,"), "replaced");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn search_tag_two_voices_then_matrix_and_compare() {
    let dir = temp_dir("analysis");
    let ann = dir.join("uighur.annotations.ron");
    let ann_arg = ann.to_str().expect("utf-8 path").to_owned();
    let mut s = Session::start(&["--annotations", ann_arg.as_str()], &dir, &[], 120, 36);
    s.wait_for_text("Technical Difficulties");
    // Search every voice.
    s.send("/Uighur");
    s.wait_for_text("3 matches");
    s.send("\r");
    s.wait_for("the first match, in Ku's pane", |sc| {
        let st = status_line(sc);
        st.contains("Julian Ku") && st.contains("match 1 of 3")
    });
    s.send("n");
    s.wait_for("the next match, in Wang's pane", |sc| {
        let st = status_line(sc);
        st.contains("Yaqiu Wang") && st.contains("match 2 of 3")
    });
    s.send("N");
    s.wait_for("back to Ku", |sc| {
        let st = status_line(sc);
        st.contains("Julian Ku") && st.contains("match 1 of 3")
    });
    // Tag the sentence with the match in Ku's pane, then in Wang's.
    s.send("2");
    s.wait_for_text("tagged “human-rights framing”");
    s.send("n");
    s.wait_for("Wang again", |sc| status_line(sc).contains("match 2 of 3"));
    s.send("2");
    s.wait_for_text("tagged “human-rights framing”");
    // The matrix: one highlight each for Ku and Wang under the tag.
    s.send("m");
    s.wait_for_text("Tags × contributors");
    let row = s.with_screen(|sc| {
        sc.contents()
            .lines()
            .find(|l| l.contains("human-rights framing"))
            .map(str::to_owned)
            .expect("row")
    });
    let cells: Vec<&str> = row.split_whitespace().filter(|w| w.ends_with('%')).collect();
    assert_eq!(cells.len(), 2, "two contributors have it: {row}");
    assert!(row.matches(" 1 ").count() >= 2, "one highlight each: {row}");
    let all = s.with_screen(|sc| {
        sc.contents()
            .lines()
            .find(|l| l.contains("all highlights"))
            .map(str::to_owned)
            .expect("all row")
    });
    assert_eq!(all.split_whitespace().filter(|w| w.ends_with('%')).count(), 2, "{all}");
    // Compare the tag: both passages, side by side.
    // Esc alone (an Esc and a key sent together read as Alt-key).
    s.send(ESC);
    s.wait_for("the matrix closed", |sc| !sc.contents().contains("Tags × contributors"));
    s.send("c");
    s.wait_for_text("Compare which tag");
    s.send("human\r");
    s.wait_for_text("2 passages under “human-rights framing”");
    s.with_screen(|sc| {
        let text = sc.contents();
        assert!(text.contains("Julian Ku · 1 under"), "{text}");
        assert!(text.contains("Yaqiu Wang · 1 under"), "{text}");
        assert!(text.matches("Uighur").count() >= 2, "both passages are shown: {text}");
    });
    s.send(ESC);
    s.wait_for("compare left", |sc| status_line(sc).contains("READ"));
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}
