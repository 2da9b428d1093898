//! The annotation file as a file: symlinks kept, mode and owner kept, a
//! read-only file left alone, no leftovers from killed saves, locks that
//! tell a reused pid or another host, and byte order marks.
#![cfg(unix)]

mod common;

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;

use common::*;
use crosstalk::model::Pos;
use crosstalk::model::annotations::{AnnotationFile, Annotations, Stamp, Target};
use crosstalk::store;
use crosstalk::store::saver::Saver;
use crosstalk::ui::{Action, update};

fn temp(name: &str) -> tmp::TempDir {
    tmp::TempDir::new(&format!("crosstalk-disk-{}-{name}", std::process::id()))
}

/// Annotations with `n` highlights on the bundled debate, as RON.
fn ron_with(n: usize) -> (Annotations, String) {
    let doc = store::bundled().expect("bundled");
    let mut a = AnnotationFile::empty(&doc);
    for i in 0..n {
        let t = Target { voice: i % 5, start: Pos::new(0, 0), end: Pos::new(0, 5) };
        let stamp = Stamp {
            id: format!("h-{i}"),
            coder: "t".into(),
            now: jiff::Timestamp::from_second(1_700_000_000).expect("time"),
        };
        a.apply(a.tag_target(&doc, &t, "critique of the ban", None, &stamp));
    }
    let text = store::annotations_to_ron(&a.snapshot(), &doc).expect("ron");
    (a, text)
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_symlinked_file_is_written_through_the_link_and_the_link_stays() {
    let dir = temp("link");
    fs::create_dir_all(dir.join("shared")).expect("dir");
    let target = dir.join("shared/notes.annotations.ron");
    let link = dir.join("notes.annotations.ron");
    let (_, one) = ron_with(1);
    let (_, two) = ron_with(2);
    fs::write(&target, &one).expect("write");
    fs::set_permissions(&target, fs::Permissions::from_mode(0o640)).expect("chmod");
    std::os::unix::fs::symlink("shared/notes.annotations.ron", &link).expect("symlink");
    store::save(&link, &two).expect("save");
    assert!(fs::symlink_metadata(&link).expect("link").file_type().is_symlink(), "still a link");
    assert_eq!(fs::read_to_string(&target).expect("target"), two, "the target has the save");
    assert_eq!(fs::metadata(&target).expect("meta").mode() & 0o7777, 0o640, "its mode kept");
    // The backup sits beside the real file, where the save happened.
    assert_eq!(fs::read_to_string(store::backup_path(&target)).expect("bak"), one);
    assert_eq!(names_in(&dir), ["notes.annotations.ron", "shared"], "nothing beside the link");
    let lock = store::lock(&link).expect("lock");
    assert!(store::lock_path(&target).exists(), "the lock is the real file's");
    drop(lock);
}

#[test]
fn a_save_keeps_mode_and_owner_and_a_new_file_follows_the_umask() {
    let dir = temp("mode");
    let path = dir.join("m.annotations.ron");
    let (_, text) = ron_with(1);
    store::save(&path, &text).expect("first save");
    // SAFETY: umask only reads and sets this process's mask; set it straight back.
    let mask = unsafe {
        let m = libc::umask(0o022);
        libc::umask(m);
        m
    };
    let mode = fs::metadata(&path).expect("meta").mode() & 0o777;
    assert_eq!(mode, 0o666 & !mask, "a new file: 0666 & !umask");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o604)).expect("chmod");
    let root = unsafe { libc::geteuid() } == 0;
    if root {
        std::os::unix::fs::chown(&path, Some(4242), Some(4343)).expect("chown");
    }
    store::save(&path, &text).expect("second save");
    let meta = fs::metadata(&path).expect("meta");
    assert_eq!(meta.mode() & 0o7777, 0o604, "mode kept");
    if root {
        assert_eq!((meta.uid(), meta.gid()), (4242, 4343), "owner kept");
    }
}

#[test]
fn a_file_no_one_may_write_opens_read_only_and_is_never_rewritten() {
    let dir = temp("ro");
    let path = dir.join("ro.annotations.ron");
    let (_, text) = ron_with(1);
    fs::write(&path, &text).expect("write");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).expect("chmod");
    let mut app = bundled_app(100, 30, true);
    let lock = crosstalk::cli::annotations_for(&mut app, &path);
    assert!(lock.is_none(), "no lock, no saver");
    let why = app.saving.read_only.clone().expect("read-only");
    assert!(why.contains("ro.annotations.ron is read-only (mode 0444)"), "{why}");
    assert_eq!(app.annotations.highlights().len(), 1, "its highlights are shown");
    update(&mut app, Action::QuickTag(1));
    assert_eq!(app.annotations.highlights().len(), 1, "edits refused");
    assert!(screen_text(&buffer(&app)).contains("READ-ONLY"), "the banner says so");
    // Even root, who could, does not write it.
    let err = store::save(&path, "changed").expect_err("refused");
    assert!(err.to_string().contains("read-only"), "{err}");
    assert_eq!(fs::read_to_string(&path).expect("read"), text, "untouched");
    assert!(!store::backup_path(&path).exists());
}

#[test]
fn leftovers_of_killed_saves_are_cleaned_on_the_next_start_and_only_ours() {
    let dir = temp("left");
    let path = dir.join("t.annotations.ron");
    let (_, text) = ron_with(1);
    fs::write(&path, &text).expect("write");
    let dead = 999_999_999; // above any pid_max
    let me = std::process::id();
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
    let leftovers =
        [format!("t.annotations.ron.{dead}.tmp"), format!("t.annotations.ron.bak.{dead}.tmp")];
    let kept = [
        format!("t.annotations.ron.{me}.tmp"),       // a live process's
        format!("other.annotations.ron.{dead}.tmp"), // another file's
        "t.annotations.ron.tmp".to_owned(),
        ".t.annotations.ron.young1".to_owned(), // atomic-write-file's, too new to tell
        ".t.annotations.ron.notron".to_owned(), // not an annotation file
    ];
    for name in leftovers.iter().chain(&kept) {
        let body = if name.ends_with("notron") { "hello" } else { text.as_str() };
        fs::write(dir.join(name), body).expect("leftover");
    }
    // An older crosstalk's atomic-write-file leftover, hours old.
    let legacy = dir.join(".t.annotations.ron.Ab12Cd");
    fs::write(&legacy, &text).expect("legacy");
    for name in [".t.annotations.ron.Ab12Cd", ".t.annotations.ron.notron"] {
        let f = fs::File::options().write(true).open(dir.join(name)).expect("open");
        f.set_modified(old).expect("mtime");
    }
    let mut app = bundled_app(100, 30, true);
    let lock = crosstalk::cli::annotations_for(&mut app, &path);
    let lock = lock.unwrap_or_else(|| panic!("{:?}", app.saving.read_only));
    // The lock holder's saver removes them first, on its own thread
    // (dropping it waits for that thread).
    let doc = std::sync::Arc::clone(&app.doc);
    drop(Saver::start_locked(&lock, path.clone(), doc, app.annotations.snapshot(), None));
    let mut expected: Vec<String> = kept.to_vec();
    expected.push("t.annotations.ron".into());
    expected.push("t.annotations.ron.lock".into());
    expected.sort();
    assert_eq!(names_in(&dir), expected);
}

/// The lock holder's saver starts its thread (and its clean-up) only when
/// asked, or to save: not before the reader's first frame is out.
#[test]
fn a_lock_holders_saver_starts_when_asked_or_to_save() {
    let dir = temp("begin");
    let path = dir.join("b.annotations.ron");
    let (_, text) = ron_with(1);
    fs::write(&path, &text).expect("write");
    let leftover = format!("b.annotations.ron.{}.tmp", 999_999_999);
    fs::write(dir.join(&leftover), &text).expect("leftover");
    for ask in ["begin", "save"] {
        let mut app = bundled_app(100, 30, true);
        let lock = crosstalk::cli::annotations_for(&mut app, &path);
        let lock = lock.unwrap_or_else(|| panic!("{:?}", app.saving.read_only));
        let doc = std::sync::Arc::clone(&app.doc);
        let saver = Saver::start_locked(&lock, path.clone(), doc, app.annotations.snapshot(), None);
        assert!(!saver.begun(), "{ask}: started before it was asked");
        if ask == "begin" {
            assert!(names_in(&dir).contains(&leftover), "cleaned before it was started");
            saver.begin();
        } else {
            saver.save(app.annotations.snapshot(), 0);
        }
        assert!(saver.begun(), "{ask}: not started");
        drop(saver);
        assert!(!names_in(&dir).contains(&leftover), "{ask}: the leftover is still there");
        assert_eq!(fs::read_to_string(&path).map(|t| !t.is_empty()).ok(), Some(true));
        drop(lock);
        fs::write(dir.join(&leftover), &text).expect("leftover");
    }
}

#[test]
fn a_lock_tells_a_reused_pid_from_its_holder_and_respects_another_host() {
    let dir = temp("lockpid");
    let path = dir.join("l.annotations.ron");
    let lock_file = store::lock_path(&path);
    let me = std::process::id();
    // A live pid, but started at another time than the process that locked.
    fs::write(&lock_file, format!("pid={me}\nstart=1\n")).expect("lock");
    let taken = store::lock(&path).expect("a reused pid is not the holder");
    let text = fs::read_to_string(&lock_file).expect("lock");
    assert!(text.starts_with(&format!("pid={me}\nstart=")) && text.contains("host="), "{text}");
    drop(taken);
    // Old format, live pid: still respected.
    fs::write(&lock_file, format!("{me}\n")).expect("lock");
    assert_eq!(store::lock(&path).expect_err("held"), store::LockError::Held { pid: me });
    // Another host: cannot be checked from here, so respected and named.
    fs::write(&lock_file, "pid=12\nstart=5\nhost=fieldwork-laptop\n").expect("lock");
    let mut app = bundled_app(100, 30, true);
    assert!(crosstalk::cli::annotations_for(&mut app, &path).is_none());
    let why = app.saving.read_only.clone().expect("read-only");
    assert!(why.contains("on fieldwork-laptop (pid 12)") && why.contains(".lock"), "{why}");
}

#[test]
fn a_byte_order_mark_is_accepted_in_both_kinds_of_file() {
    let dir = temp("bom");
    let doc = store::bundled().expect("bundled");
    let (a, text) = ron_with(2);
    let path = dir.join("b.annotations.ron");
    fs::write(&path, format!("\u{feff}{text}")).expect("write");
    let (back, _) = store::load_annotations(&path, &doc).expect("loads").expect("exists");
    assert_eq!(back.highlights(), a.highlights());
    let talk = dir.join("talk.ron");
    fs::write(&talk, format!("\u{feff}{}", store::bundled_source())).expect("write");
    let c = store::load_conversation(&talk).expect("a BOM is no error");
    assert_eq!(c, doc);
    // Errors after a BOM still point at the right line.
    let err = store::parse_conversation("\u{feff}(\n  id: 5,\n)", "x.ron").expect_err("bad");
    assert!(err.to_string().starts_with("x.ron:2:"), "{err}");
}
