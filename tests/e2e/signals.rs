//! Signals sent by another process (`kill`), and the terminal hanging up:
//! each of SIGINT, SIGQUIT, SIGTERM and SIGHUP saves every change,
//! releases the lock, restores the terminal and ends the process; a closed
//! terminal never leaves a process spinning.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::pty::{Session, temp_dir};
use super::status_line;
use super::tmp::TempDir;

/// A session on a fresh annotation file with two changes made and saved;
/// the directory's guard first, to be dropped after the session.
fn coded(name: &str) -> (TempDir, Session, PathBuf) {
    coded_with(name, &[])
}

/// [`coded`], with more arguments.
fn coded_with(name: &str, more: &[&str]) -> (TempDir, Session, PathBuf) {
    let dir = temp_dir(name);
    let ann = dir.join("t.annotations.ron");
    let arg = ann.to_str().expect("utf-8 path").to_owned();
    let args: Vec<&str> =
        ["--annotations", arg.as_str()].into_iter().chain(more.iter().copied()).collect();
    let mut s = Session::start(&args, &dir, &[], 100, 30);
    s.wait_for_text("Technical Difficulties");
    s.send("2");
    s.wait_for_text("tagged “human-rights framing”");
    s.send("j3");
    s.wait_for_text("tagged “national-security claim”");
    assert!(crosstalk::store::lock_path(&ann).exists(), "the lock is held while running");
    (dir, s, ann)
}

fn kill(s: &Session, signal: libc::c_int) {
    let pid = s.child.process_id().expect("pid");
    // SAFETY: signalling our own child process.
    unsafe {
        libc::kill(pid as libc::pid_t, signal);
    }
}

/// Both changes are in the file, and nothing else of ours is left beside it.
fn all_saved_and_unlocked(ann: &Path) {
    assert!(!crosstalk::store::lock_path(ann).exists(), "the lock is released");
    let doc = crosstalk::store::bundled().expect("bundled");
    let (a, _) = crosstalk::store::load_annotations(ann, &doc).expect("parses").expect("saved");
    assert_eq!(a.highlights().len(), 2, "both changes are on disk");
    let dir = ann.parent().expect("dir");
    let leftovers: Vec<_> = std::fs::read_dir(dir)
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp") || n.contains(".unsaved-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

fn quits_cleanly_on(signal: libc::c_int, name: &str) {
    let (_dir, mut s, ann) = coded(name);
    let sent = Instant::now();
    kill(&s, signal);
    let status = s.wait_exit();
    let took = sent.elapsed();
    assert_eq!(status, 0, "it quits as q would");
    eprintln!("{name}: exited {took:?} after the signal");
    assert!(took < Duration::from_secs(5), "it ended promptly ({took:?})");
    s.with_screen(|sc| {
        assert!(!sc.alternate_screen(), "the alternate screen is left");
        assert_eq!(
            sc.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse capture is off"
        );
    });
    assert!(
        super::contains(&s.raw(), b"\x1b[?1049l"),
        "the terminal was told to leave the alternate screen"
    );
    all_saved_and_unlocked(&ann);
}

#[test]
fn sigint_saves_releases_the_lock_and_restores_the_terminal() {
    quits_cleanly_on(libc::SIGINT, "sigint");
}

#[test]
fn sigquit_saves_releases_the_lock_and_restores_the_terminal() {
    quits_cleanly_on(libc::SIGQUIT, "sigquit");
}

#[test]
fn sigterm_saves_releases_the_lock_and_restores_the_terminal() {
    quits_cleanly_on(libc::SIGTERM, "sigterm");
}

#[test]
fn sighup_saves_releases_the_lock_and_restores_the_terminal() {
    quits_cleanly_on(libc::SIGHUP, "sighup");
}

/// A note being written when `signal` comes is kept as the note.
fn a_note_being_written_is_kept_on(signal: Option<libc::c_int>, name: &str) {
    let (_dir, mut s, ann) = coded(name);
    s.send("je");
    s.wait_for_text("Ctrl-s saves and closes");
    s.send("a draft — “not yet saved” 草稿 👩‍💻");
    s.wait_for_text("草稿");
    match signal {
        Some(signal) => kill(&s, signal),
        None => s.hang_up(),
    }
    let status = s.wait_exit();
    eprintln!("{name}: exit status {status}");
    assert!(status == 0 || (signal.is_none() && status == 129), "exit status {status}");
    assert!(!crosstalk::store::lock_path(&ann).exists(), "the lock is released");
    let doc = crosstalk::store::bundled().expect("bundled");
    let (a, _) = crosstalk::store::load_annotations(&ann, &doc).expect("parses").expect("saved");
    let notes: Vec<&str> = a.highlights().iter().map(|h| h.note.as_str()).collect();
    assert!(notes.contains(&"a draft — “not yet saved” 草稿 👩‍💻"), "{notes:?}");
}

#[test]
fn a_note_being_written_is_kept_when_crosstalk_panics() {
    // A bug's panic (the test hook's, on F12) lost the draft: the file
    // had the note empty.
    let (_dir, mut s, ann) = coded_with("note-panic", &["--debug-panic-on-key"]);
    s.send("je");
    s.wait_for_text("Ctrl-s saves and closes");
    s.send("kept through a panic 草稿");
    s.wait_for_text("草稿");
    s.send("\x1b[24~");
    let status = s.wait_exit();
    assert_eq!(status, 101, "the panic's exit status");
    assert!(s.screen().contains("panicking as asked"), "{}", s.screen());
    assert!(!crosstalk::store::lock_path(&ann).exists(), "the lock is released");
    let doc = crosstalk::store::bundled().expect("bundled");
    let (a, _) = crosstalk::store::load_annotations(&ann, &doc).expect("parses").expect("saved");
    let notes: Vec<&str> = a.highlights().iter().map(|h| h.note.as_str()).collect();
    assert!(notes.contains(&"kept through a panic 草稿"), "{notes:?}");
}

#[test]
fn a_note_being_written_is_kept_on_sigterm() {
    a_note_being_written_is_kept_on(Some(libc::SIGTERM), "note-sigterm");
}

#[test]
fn a_note_being_written_is_kept_on_sighup() {
    a_note_being_written_is_kept_on(Some(libc::SIGHUP), "note-sighup");
}

#[test]
fn a_note_being_written_is_kept_when_the_terminal_closes() {
    a_note_being_written_is_kept_on(None, "note-hangup");
}

#[test]
fn a_terminal_that_hangs_up_leaves_no_process_behind_and_loses_nothing() {
    let (_dir, mut s, ann) = coded("hangup");
    s.wait_for("saved", |sc| status_line(sc).contains("✓ saved"));
    let closed = Instant::now();
    s.hang_up();
    // Ends by itself (a spinning process would never): through the loop
    // (0) or, if crossterm's read was spinning on the dead terminal, the
    // watchdog (128 + SIGHUP).
    let status = s.wait_exit();
    let took = closed.elapsed();
    eprintln!("hang-up: exited {status} {took:?} after the terminal closed");
    assert!(status == 0 || status == 129, "exit status {status}");
    assert!(took < Duration::from_secs(5), "it ended promptly ({took:?})");
    all_saved_and_unlocked(&ann);
}

#[test]
fn a_hang_up_right_after_a_change_still_saves_it() {
    let (_dir, mut s, ann) = coded("hangup-unsaved");
    // A third change, and the terminal closes at once, before the status
    // bar could even say it was saved.
    s.send("j4");
    s.hang_up();
    let status = s.wait_exit();
    assert!(status == 0 || status == 129, "exit status {status}");
    assert!(!crosstalk::store::lock_path(&ann).exists(), "the lock is released");
    let doc = crosstalk::store::bundled().expect("bundled");
    let (a, _) = crosstalk::store::load_annotations(&ann, &doc).expect("parses").expect("saved");
    // The keys may or may not have been read before the hang-up; what was
    // read is on disk.
    assert!(a.highlights().len() >= 2, "{}", a.highlights().len());
}

#[test]
fn a_signal_while_work_cannot_be_saved_keeps_it_beside_the_file() {
    // Git leaves conflict markers in the file; crosstalk will not write over
    // it unasked, so a third change exists only in memory when SIGTERM
    // comes. Nobody is there to ask: the work goes beside the file.
    let (_dir, mut s, ann) = coded("rescue");
    s.wait_for("saved", |sc| status_line(sc).contains("✓ saved"));
    let conflicted = std::fs::read_to_string(&ann).expect("read").replacen(
        "    tags: [",
        "<<<<<<< HEAD\n=======\n>>>>>>> theirs\n    tags: [",
        1,
    );
    std::fs::write(&ann, &conflicted).expect("git left markers");
    s.wait_for("said", |sc| status_line(sc).contains("Expected"));
    s.send("j4");
    s.wait_for_text("Confirm ━");
    s.send("n");
    s.wait_for("the question closed", |sc| !sc.contents().contains("Confirm ━"));
    kill(&s, libc::SIGTERM);
    assert_eq!(s.wait_exit(), 0);
    assert_eq!(std::fs::read_to_string(&ann).expect("read"), conflicted, "theirs left alone");
    assert!(!crosstalk::store::lock_path(&ann).exists(), "the lock is released");
    let a = rescued_in(ann.parent().expect("dir"));
    assert_eq!(a.highlights().len(), 3, "all three changes kept");
}

/// The one `t.annotations.ron.unsaved-…` copy in `dir`, read back.
fn rescued_in(dir: &Path) -> crosstalk::model::annotations::Annotations {
    let rescued: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("the rescue directory")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains("t.annotations.ron.unsaved-"))
        .collect();
    assert_eq!(rescued.len(), 1, "{rescued:?}");
    let doc = crosstalk::store::bundled().expect("bundled");
    crosstalk::store::load_annotations(&rescued[0], &doc).expect("parses").expect("there").0
}

/// A session whose annotation folder is replaced by a file after one saved
/// change, then a second change that cannot be saved (as on a full disk,
/// and for root too); `env` added. The directory's guard first, to be
/// dropped after the session.
fn failing_saves(name: &str, env: &[(&str, &str)]) -> (TempDir, Session) {
    let dir = temp_dir(name);
    let sub = dir.join("shared");
    std::fs::create_dir_all(&sub).expect("dir");
    let arg = sub.join("t.annotations.ron").to_str().expect("utf-8 path").to_owned();
    let mut s = Session::start(&["--annotations", arg.as_str()], &dir, env, 100, 30);
    s.wait_for_text("Technical Difficulties");
    s.send("2");
    s.wait_for_text("tagged “human-rights framing”");
    s.wait_for("saved", |sc| status_line(sc).contains("✓ saved"));
    std::fs::remove_dir_all(&sub).expect("the directory goes");
    std::fs::write(&sub, "").expect("a file in its place");
    s.send("j3");
    s.wait_for_text("tagged “national-security claim”");
    s.wait_for("the save fails", |sc| status_line(sc).contains("not saved"));
    (dir, s)
}

/// [`failing_saves`], then `q`, answered by the question.
fn failing_saves_then_q(name: &str, env: &[(&str, &str)]) -> (TempDir, Session) {
    let (dir, mut s) = failing_saves(name, env);
    s.send("q");
    s.wait_for_text("Confirm ━");
    s.wait_for_text("Quit?");
    (dir, s)
}

/// A data directory of its own for one test, not made yet (the program
/// makes it), removed when the guard is dropped.
fn data_dir(name: &str) -> TempDir {
    TempDir::reserve(&format!("crosstalk-e2e-{}-{name}-data", std::process::id()))
}

#[test]
fn a_hang_up_while_saves_fail_keeps_the_work_elsewhere() {
    // The terminal closes with a change the disk would not take: nobody is
    // there to ask, so the work goes to the data directory (the place
    // beside the file is gone), whether the loop or the watchdog ends it.
    let data = data_dir("hangup-failing");
    let env = [("XDG_DATA_HOME", data.to_str().expect("utf-8 path"))];
    let (_dir, mut s) = failing_saves("hangup-failing", &env);
    s.hang_up();
    let status = s.wait_exit();
    eprintln!("hang-up while saves fail: exit status {status}");
    assert!(status == 0 || status == 129, "exit status {status}");
    let a = rescued_in(&data.join("crosstalk").join("rescued"));
    assert_eq!(a.highlights().len(), 2, "both changes kept");
}

#[test]
fn quitting_while_saves_fail_asks_then_keeps_the_work_elsewhere() {
    // `y` quits (it asked again, for ever, before), and the work not on
    // disk goes to the data directory, the place beside the file being
    // gone too; the shell is told where.
    let data = data_dir("quit-unsaved");
    let env = [("XDG_DATA_HOME", data.to_str().expect("utf-8 path"))];
    let (_dir, mut s) = failing_saves_then_q("quit-unsaved", &env);
    s.send("y");
    assert_eq!(s.wait_exit(), 0, "{}", s.screen());
    let a = rescued_in(&data.join("crosstalk").join("rescued"));
    assert_eq!(a.highlights().len(), 2, "both changes kept");
    let said = String::from_utf8_lossy(&s.raw()).replace("\r\n", "\n");
    assert!(said.contains("your changes are in"), "the shell is told where: {said}");
}

#[test]
fn quitting_stays_open_when_no_copy_can_be_written() {
    // The data and temporary directories refuse too (each under a file):
    // `y` does not quit and lose the work; the reader says why.
    let blocked = TempDir::reserve(&format!("crosstalk-e2e-{}-blocked", std::process::id()));
    std::fs::write(&blocked, "").expect("a file");
    let under = blocked.join("x");
    let under = under.to_str().expect("utf-8 path");
    let (_dir, mut s) =
        failing_saves_then_q("quit-nowhere", &[("XDG_DATA_HOME", under), ("TMPDIR", under)]);
    s.send("y");
    s.wait_for_text("not quitting: no copy");
    assert!(s.child.try_wait().expect("try_wait").is_none(), "still running");
}

/// Keys typed ahead are read before the first frame, which is before the
/// signals' threads would otherwise start: a terminal that hangs up then,
/// or a signal then, still ends the reader promptly, lock released.
/// (Whatever the moment it lands in, from the start to the first frame
/// and after; a reader spinning on the dead terminal never would end.)
#[test]
fn a_hang_up_or_a_signal_as_the_reader_starts_with_keys_typed_ahead_ends_it() {
    for (name, signal) in [("typed-hangup", None), ("typed-sigterm", Some(libc::SIGTERM))] {
        for delay in [0, 20, 60] {
            let dir = temp_dir(&format!("{name}-{delay}"));
            let ann = dir.join("t.annotations.ron");
            let arg = ann.to_str().expect("utf-8 path").to_owned();
            let mut s = Session::start_typed(&["--annotations", arg.as_str()], &dir, "G", 100, 30);
            std::thread::sleep(Duration::from_millis(delay));
            let at = Instant::now();
            match signal {
                Some(signal) => kill(&s, signal),
                None => s.hang_up(),
            }
            let status = s.wait_exit();
            let took = at.elapsed();
            eprintln!("{name} after {delay} ms: exited {status} {took:?} later");
            assert!(took < Duration::from_secs(5), "{name} {delay}: it ended promptly ({took:?})");
            assert!(!crosstalk::store::lock_path(&ann).exists(), "{name} {delay}: lock released");
        }
    }
}
