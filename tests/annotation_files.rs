//! Annotation files on disk: saving with a backup, reading back, errors
//! with line:column, never overwriting what could not be read, the lock.

mod common;

use std::path::PathBuf;

use common::*;
use crosstalk::model::Pos;
use crosstalk::model::annotations::{AnnotationFile, Stamp, Target};
use crosstalk::store;
use crosstalk::ui::{Action, update};
use jiff::Timestamp;

fn temp(name: &str) -> tmp::TempDir {
    tmp::TempDir::new(&format!("crosstalk-files-{}-{name}", std::process::id()))
}

fn stamp() -> Stamp {
    Stamp {
        id: uuid::Uuid::new_v4().to_string(),
        coder: "tester".into(),
        now: Timestamp::from_second(1_700_000_000).expect("time"),
    }
}

#[test]
fn save_writes_readable_ron_and_keeps_a_backup() {
    let dir = temp("save");
    let path = dir.join("t.annotations.ron");
    let doc = store::bundled().expect("bundled");
    let mut a = AnnotationFile::empty(&doc);
    let target = Target { voice: 2, start: Pos::new(0, 0), end: Pos::new(0, 31) };
    a.apply(a.tag_target(&doc, &target, "human-rights framing", None, &stamp()));
    let first = store::annotations_to_ron(&a.snapshot(), &doc).expect("ron");
    store::save(&path, &first).expect("save");
    assert!(!store::backup_path(&path).exists(), "nothing to back up the first time");
    a.apply(a.set_note(
        &doc,
        Some(&a.highlights()[0].id.clone()),
        &target,
        "Ku’s “moral equivalence”\nsecond line",
        &stamp(),
    ));
    let second = store::annotations_to_ron(&a.snapshot(), &doc).expect("ron");
    store::save(&path, &second).expect("save");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), second);
    assert_eq!(std::fs::read_to_string(store::backup_path(&path)).expect("bak"), first);
    // Readable: versioned, one field per line, no escapes for curly quotes, LF only.
    assert!(second.starts_with("(\n    version: 1,\n"));
    assert!(second.contains("quote: \"It is fair to question the U.S.\","));
    assert!(second.contains("Ku’s “moral equivalence”"));
    assert!(!second.contains('\r'));
    let (back, _) = store::load_annotations(&path, &doc).expect("loads").expect("exists");
    assert_eq!(back.highlights(), a.highlights());
}

/// A checkout with CRLF line endings (git for Windows' `core.autocrlf`)
/// puts `\r` inside the file's strings too: a quote across paragraphs, its
/// context and a note of two lines are read as written, nothing orphaned,
/// and saved with LF again; the conversation's file likewise.
#[test]
fn a_file_checked_out_with_crlf_is_the_same_file() {
    let dir = temp("crlf");
    let path = dir.join("t.annotations.ron");
    let doc = store::bundled().expect("bundled");
    let mut a = AnnotationFile::empty(&doc);
    // Across the first two paragraphs of a voice, word to word.
    let second = doc.paragraph_text(doc.voices()[1].paragraphs[1]);
    let word = second.find(' ').expect("a space");
    let across = Target { voice: 1, start: Pos::new(0, 4), end: Pos::new(1, word) };
    a.apply(a.tag_target(&doc, &across, "human-rights framing", None, &stamp()));
    let id = a.highlights()[0].id.clone();
    a.apply(a.set_note(&doc, Some(&id), &across, "first line\nsecond line", &stamp()));
    let lf = store::annotations_to_ron(&a.snapshot(), &doc).expect("ron");
    assert!(a.highlights()[0].quote.exact.contains('\n'), "a quote of two paragraphs");
    let crlf = lf.replace('\n', "\r\n");
    std::fs::write(&path, &crlf).expect("write");
    let (back, report) = store::load_annotations(&path, &doc).expect("loads").expect("exists");
    assert_eq!((report.orphaned, report.moved), (0, 0), "{report:?}");
    assert_eq!(back.highlights(), a.highlights());
    assert_eq!(store::annotations_to_ron(&back.snapshot(), &doc).expect("ron"), lf);
    // What the merge driver reads, too: theirs the same as base but CRLF.
    let file = store::parse_annotation_file(&crlf, "t").expect("parses");
    assert_eq!(file, store::parse_annotation_file(&lf, "t").expect("parses"));
    let conversation = store::bundled_source().replace('\n', "\r\n");
    assert_eq!(store::parse_conversation(&conversation, "t.ron").expect("parses"), doc);
}

#[test]
fn highlights_are_written_in_a_stable_order() {
    let doc = store::bundled().expect("bundled");
    let mut a = AnnotationFile::empty(&doc);
    for (voice, byte) in [(3, 40), (1, 0), (3, 5), (0, 0)] {
        let t = Target { voice, start: Pos::new(0, byte), end: Pos::new(0, byte + 4) };
        a.apply(a.tag_target(&doc, &t, "critique of the ban", None, &stamp()));
    }
    let file = AnnotationFile::from_snapshot(&a.snapshot(), &doc);
    let order: Vec<(String, usize)> =
        file.highlights.iter().map(|h| (h.contributor.clone(), h.start.char)).collect();
    assert_eq!(
        order,
        [("seiff".into(), 0), ("hoffman".into(), 0), ("wang".into(), 5), ("wang".into(), 40)]
    );
}

#[test]
fn a_file_that_fails_to_parse_opens_read_only_and_is_never_overwritten() {
    let dir = temp("bad");
    let path = dir.join("bad.annotations.ron");
    let broken = "(\n    version: 1,\n    conversation: \"technical-difficulties\",\n    tags: [ oops ],\n)\n";
    std::fs::write(&path, broken).expect("write");
    let mut app = bundled_app(100, 30, true);
    let lock = crosstalk::cli::annotations_for(&mut app, &path);
    assert!(lock.is_none(), "no lock, no saver: nothing will be written");
    let why = app.saving.read_only.clone().expect("read-only");
    assert!(why.contains("bad.annotations.ron:4:"), "names file and line: {why}");
    update(&mut app, Action::QuickTag(1));
    assert!(app.annotations.highlights().is_empty(), "edits refused");
    assert!(app.message.as_deref().is_some_and(|m| m.starts_with("read-only")));
    let text = crate::common::screen_text(&buffer(&app));
    assert!(text.contains("READ-ONLY"), "a banner says so: {text}");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), broken, "untouched");
}

#[test]
fn a_newer_version_is_refused_for_what_it_is() {
    let doc = store::bundled().expect("bundled");
    let text = "(version: 7, conversation: \"technical-difficulties\", text_hash: \"x\", tags: [], highlights: [], future_field: 1)";
    let err = store::parse_annotations(text, "new.ron", &doc).expect_err("newer").to_string();
    assert!(err.contains("new.ron") && err.contains("newer crosstalk (format version 7)"), "{err}");
}

#[test]
fn a_second_instance_is_locked_out_until_the_first_is_gone() {
    let dir = temp("lock");
    let path = dir.join("x.annotations.ron");
    let first = store::lock(&path).expect("first lock");
    assert_eq!(
        store::lock(&path).expect_err("held"),
        store::LockError::Held { pid: std::process::id() }
    );
    let mut app = bundled_app(100, 30, true);
    let second = crosstalk::cli::annotations_for(&mut app, &path);
    assert!(second.is_none());
    assert!(
        app.saving.read_only.as_deref().is_some_and(|w| w.contains("another crosstalk")),
        "{:?}",
        app.saving.read_only
    );
    drop(first);
    assert!(!store::lock_path(&path).exists(), "released on drop");
    // A lock left by a process that no longer exists is taken over.
    std::fs::write(store::lock_path(&path), "999999999\n").expect("stale lock");
    let taken = store::lock(&path).expect("stale lock taken over");
    drop(taken);
}

#[test]
fn subtitles_annotated_before_keep_their_old_annotation_file_until_they_have_a_new_one() {
    let dir = temp("moved");
    let vtt = dir.join("talk.vtt");
    let found = || store::default_path_found(Some(&vtt), "talk");
    assert_eq!(found(), dir.join("talk.vtt.annotations.ron"));
    std::fs::write(dir.join("talk.annotations.ron"), "()").expect("write");
    assert_eq!(found(), dir.join("talk.annotations.ron"));
    std::fs::write(dir.join("talk.vtt.annotations.ron"), "()").expect("write");
    assert_eq!(found(), dir.join("talk.vtt.annotations.ron"));
    // A .txt has only the one name; beside a talk.txt, the old name is the
    // transcript's, and the subtitles keep to their own.
    let txt = dir.join("talk.txt");
    assert_eq!(store::default_path_found(Some(&txt), "talk"), dir.join("talk.annotations.ron"));
    std::fs::remove_file(dir.join("talk.vtt.annotations.ron")).expect("remove");
    std::fs::write(&txt, "A: x\n").expect("write");
    assert_eq!(found(), dir.join("talk.vtt.annotations.ron"));
}

/// An annotation file for `Phỏng vấn Ștefan.txt` as the builds before 5
/// December 2026 wrote it: ids made from names then lost Vietnamese and
/// Romanian letters (`nguy-n-van-an`), today they lose only their marks.
const EARLIER_BUILD: &str = include_str!("fixtures/earlier-build.annotations.ron");

#[test]
fn an_annotation_file_from_a_build_that_made_ids_otherwise_still_opens() {
    let dir = temp("former");
    let txt = dir.join("Phỏng vấn Ștefan.txt");
    std::fs::write(&txt, include_str!("fixtures/earlier-build.txt")).expect("write");
    let path = dir.join("Phỏng vấn Ștefan.annotations.ron");
    std::fs::write(&path, EARLIER_BUILD).expect("write");
    let doc = store::load_document(&txt).expect("imports");
    assert_eq!(doc.id, "phong-van-stefan");
    let ids: Vec<&str> = doc.contributors.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["nguyen-van-an", "tran-thi-stefan"]);
    assert_eq!(store::other_conversation(&path, &doc), None);
    let (a, report) = store::load_annotations(&path, &doc).expect("opens").expect("exists");
    // Each in the voice it was made in, where it was: nothing lost.
    let placed: Vec<(usize, &str, bool)> =
        a.highlights().iter().map(|h| (h.voice, h.quote.exact.as_str(), h.orphan)).collect();
    assert_eq!(placed, [(0, "Xin chào", false), (1, "Cảm ơn anh", false)]);
    assert_eq!(report.orphaned, 0);
    // Saved, it names them as today's build does.
    let saved = store::annotations_to_ron(&a.snapshot(), &doc).expect("ron");
    for (old, new) in [
        ("ph-ng-v-n-tefan", "phong-van-stefan"),
        ("nguy-n-van-an", "nguyen-van-an"),
        ("tr-n-th-tefan", "tran-thi-stefan"),
    ] {
        assert!(saved.contains(&format!("\"{new}\"")) && !saved.contains(old), "{old}: {saved}");
    }
    // An id may be one person's today and another's then: Lệ Hoa and Lê
    // Hoa are `le-hoa` and `le-hoa-2` today, were `l-hoa` and `le-hoa`
    // until 5 December. The file is read as the one build that gave all
    // its ids; a file no one build explains opens read-only, as before.
    let txt = dir.join("talk.txt");
    std::fs::write(&txt, "Lệ Hoa: Xin chào các bạn.\n\nLê Hoa: Xin chào chị Lệ.\n").expect("write");
    let doc = store::load_document(&txt).expect("imports");
    let ids: Vec<&str> = doc.contributors.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["le-hoa", "le-hoa-2"]);
    let path = dir.join("talk.annotations.ron");
    let two = EARLIER_BUILD
        .replace("ph-ng-v-n-tefan", "talk")
        .replace("nguy-n-van-an", "l-hoa")
        .replace("tr-n-th-tefan", "le-hoa")
        .replace("Cảm ơn anh", "Xin chào")
        .replace("end: (paragraph: 1, char: 10)", "end: (paragraph: 1, char: 8)");
    std::fs::write(&path, &two).expect("write");
    let (a, _) = store::load_annotations(&path, &doc).expect("opens").expect("exists");
    let voices: Vec<(usize, bool)> = a.highlights().iter().map(|h| (h.voice, h.orphan)).collect();
    assert_eq!(voices, [(0, false), (1, false)], "each in the voice it was made in");
    let mixed = two.replace("\"le-hoa\"", "\"le-hoa-2\"");
    std::fs::write(&path, mixed).expect("write");
    assert!(store::load_annotations(&path, &doc).is_err(), "today's and an earlier build's ids");
    // Someone else's conversation is still not this one's.
    std::fs::write(&path, EARLIER_BUILD.replace("ph-ng-v-n-tefan", "another")).expect("write");
    assert!(store::other_conversation(&path, &doc).is_some());
    assert!(store::load_annotations(&path, &doc).is_err());
}

/// A Japanese round table coded by the builds before 6 December 2026:
/// names with no Latin letters made ids `speaker`, `speaker-2`, … and the
/// file name `untitled`; today they are spelt in Latin.
#[test]
fn an_annotation_file_from_before_names_were_spelt_in_latin_still_opens() {
    let dir = temp("former-cjk");
    let txt = dir.join("座談会.txt");
    std::fs::write(&txt, include_str!("fixtures/earlier-build-cjk.txt")).expect("write");
    let path = dir.join("座談会.annotations.ron");
    let earlier = include_str!("fixtures/earlier-build-cjk.annotations.ron");
    std::fs::write(&path, earlier).expect("write");
    let doc = store::load_document(&txt).expect("imports");
    assert_eq!(doc.id, "zuo-tan-hui");
    let ids: Vec<&str> = doc.contributors.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["si-hui", "tian-zhong", "ling-mu"]);
    assert_eq!(store::other_conversation(&path, &doc), None);
    let (a, report) = store::load_annotations(&path, &doc).expect("opens").expect("exists");
    let placed: Vec<(usize, &str, bool)> =
        a.highlights().iter().map(|h| (h.voice, h.quote.exact.as_str(), h.orphan)).collect();
    assert_eq!(placed, [(1, "よろしく", false), (2, "こちらこそ", false)]);
    assert_eq!(report.orphaned, 0);
    let saved = store::annotations_to_ron(&a.snapshot(), &doc).expect("ron");
    for (old, new) in
        [("untitled", "zuo-tan-hui"), ("speaker-2", "tian-zhong"), ("speaker-3", "ling-mu")]
    {
        assert!(saved.contains(&format!("\"{new}\"")) && !saved.contains(old), "{old}: {saved}");
    }
}

/// The builds before 6 December 2026 called 李明 `speaker-2`, which is
/// `Speaker 2`'s id today: every id the file names is someone's, yet its
/// highlight is 李明's. Read as today's ids, it was an orphan in the
/// wrong voice; the reading whose quotes are found wins.
#[test]
fn an_earlier_builds_id_that_is_someone_elses_today_stays_with_its_speaker() {
    let dir = temp("former-speaker");
    let txt = dir.join("talk.txt");
    std::fs::write(&txt, include_str!("fixtures/earlier-build-speaker.txt")).expect("write");
    let path = dir.join("talk.annotations.ron");
    let earlier = include_str!("fixtures/earlier-build-speaker.annotations.ron");
    assert!(earlier.contains("contributor: \"speaker-2\""));
    std::fs::write(&path, earlier).expect("write");
    let doc = store::load_document(&txt).expect("imports");
    let ids: Vec<&str> = doc.contributors.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["wang-fang", "li-ming", "speaker-2"]);
    let (a, report) = store::load_annotations(&path, &doc).expect("opens").expect("exists");
    let placed: Vec<(usize, &str, bool)> =
        a.highlights().iter().map(|h| (h.voice, h.quote.exact.as_str(), h.orphan)).collect();
    assert_eq!(placed, [(1, "drying", false)]);
    assert_eq!((report.moved, report.orphaned), (0, 0));
}

#[test]
fn default_paths() {
    let beside = store::default_path(Some(std::path::Path::new("/tmp/talks/panel.ron")), "panel");
    assert_eq!(beside, PathBuf::from("/tmp/talks/panel.annotations.ron"));
    let at = |name: &str| store::default_path(Some(&std::path::Path::new("/t").join(name)), "x");
    for (doc, file) in [
        ("a.md", "a.annotations.ron"),
        ("a.markdown", "a.annotations.ron"),
        ("a.TXT", "a.annotations.ron"),
        ("a", "a.annotations.ron"),
        // Subtitles (and any other name) keep their extension: a .vtt and
        // an .srt of one talk do not share a file.
        ("talk.vtt", "talk.vtt.annotations.ron"),
        ("talk.srt", "talk.srt.annotations.ron"),
        ("notes.text", "notes.text.annotations.ron"),
    ] {
        assert_eq!(at(doc), PathBuf::from("/t").join(file), "{doc}");
    }
    // And back: the one document whose file it is (what the git merge
    // driver reads when the sides' ids differ).
    let dir = temp("beside");
    let beside = |name: &str| store::document_beside(&dir.join(name));
    assert_eq!(beside("talk.annotations.ron"), None, "no document");
    std::fs::write(dir.join("talk.vtt"), "WEBVTT\n").expect("write");
    assert_eq!(beside("talk.annotations.ron"), None, "talk.vtt's is talk.vtt.annotations.ron");
    assert_eq!(beside("talk.vtt.annotations.ron"), Some(dir.join("talk.vtt")));
    std::fs::write(dir.join("talk.md"), "# x\n").expect("write");
    assert_eq!(beside("talk.annotations.ron"), Some(dir.join("talk.md")));
    std::fs::write(dir.join("talk.txt"), "A: x\n").expect("write");
    assert_eq!(beside("talk.annotations.ron"), None, "talk.md or talk.txt: not guessed");
    std::fs::write(dir.join("Other.MD"), "# x\n").expect("write");
    assert_eq!(beside("Other.annotations.ron"), Some(dir.join("Other.MD")), "any case");
    assert_eq!(beside("talk.ron"), None, "not an annotation file");
    let bundled = store::default_path(None, "technical-difficulties");
    assert!(
        bundled.ends_with("crosstalk/technical-difficulties.annotations.ron"),
        "{}",
        bundled.display()
    );
}

#[cfg(unix)]
#[test]
fn a_failed_save_is_reported_and_retried_and_the_work_stays() {
    use crosstalk::store::saver::{Saved, Saver};
    use std::os::unix::fs::PermissionsExt;
    use std::sync::Arc;
    if unsafe { libc::geteuid() } == 0 {
        // root writes into read-only directories; use a path under a file instead.
    }
    let dir = temp("fail");
    // A directory where the file should be: every save fails.
    let path = dir.join("blocked");
    std::fs::create_dir_all(path.join("inside")).expect("dir");
    let doc = Arc::new(store::bundled().expect("bundled"));
    let mut a = AnnotationFile::empty(&doc);
    let saver = Saver::start(path.clone(), Arc::clone(&doc), a.snapshot());
    let t = Target { voice: 0, start: Pos::new(0, 0), end: Pos::new(0, 6) };
    a.apply(a.tag_target(&doc, &t, "critique of the ban", None, &stamp()));
    saver.save(a.snapshot(), 0);
    match saver.wait(std::time::Duration::from_secs(10)) {
        Some(Saved::Failed(rev, message)) => {
            assert_eq!(rev, a.revision());
            assert!(message.contains("blocked"), "{message}");
        }
        other => panic!("expected a failure, got {other:?}"),
    }
    // Unblock: the retry succeeds without being asked again.
    std::fs::remove_dir_all(&path).expect("unblock");
    match saver.wait(store::saver::RETRY * 3) {
        Some(Saved::Ok(rev)) => assert_eq!(rev, a.revision()),
        other => panic!("expected the retry to succeed, got {other:?}"),
    }
    assert!(std::fs::read_to_string(&path).expect("saved").contains("critique of the ban"));
    let _ = std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755));
}

/// `talk.txt` and `talk.md` beside each other keep their annotations in
/// one `talk.annotations.ron`: opening the other's, the reader says so
/// first, not only that the text changed.
#[test]
fn two_documents_sharing_one_annotation_file_are_named() {
    let dir = temp("shared");
    let (txt, md) = (dir.join("talk.txt"), dir.join("talk.md"));
    std::fs::write(&txt, "INTERVIEWER: Why did you come?\n\nRESPONDENT: For the work, mostly.\n")
        .expect("write");
    std::fs::write(&md, "# Talk\n\n## Interviewer\n\nSomething else entirely.\n\n## Respondent\n\nYes, different.\n")
        .expect("write");
    let path = dir.join("talk.annotations.ron");
    let doc = store::load_document(&txt).expect("imports");
    let mut a = AnnotationFile::empty(&doc);
    let t = Target { voice: 1, start: Pos::new(0, 0), end: Pos::new(0, 7) };
    let why = crosstalk::model::annotations::Tag {
        name: "why".into(),
        color: crosstalk::model::annotations::Rgb(200, 40, 40),
        description: String::new(),
        key: None,
    };
    a.apply(a.tag_target(&doc, &t, "why", Some(why), &stamp()));
    store::save(&path, &store::annotations_to_ron(&a.snapshot(), &doc).expect("ron"))
        .expect("save");
    assert_eq!(store::documents_beside(&path), [md.clone(), txt.clone()]);
    let mut app = common::app_for(store::load_document(&md).expect("imports"), 100, 30, false);
    let _ = crosstalk::cli::annotations_seen(&mut app, &path, None, false);
    let said = app.message.clone().unwrap_or_default();
    // What changed first, so a narrow status bar still shows it.
    assert!(said.starts_with("the text changed: "), "{said}");
    assert!(
        said.ends_with(
            "(talk.md and talk.txt share talk.annotations.ron: --annotations FILE keeps them apart)"
        ),
        "{said}"
    );
    // Named with --annotations, the file is no other's by chance.
    let mut app = common::app_for(store::load_document(&md).expect("imports"), 100, 30, false);
    let _ = crosstalk::cli::annotations_seen(&mut app, &path, None, true);
    let said = app.message.clone().unwrap_or_default();
    assert!(said.starts_with("the text changed: ") && !said.contains("share"), "{said}");
}

/// Positions edited by hand in a file whose text is unchanged: the reader
/// and the commands said "the text changed", which it had not.
#[test]
fn positions_edited_by_hand_are_not_called_a_changed_text() {
    let dir = temp("hand-edited");
    let txt = dir.join("talk.txt");
    std::fs::write(&txt, "INTERVIEWER: Why did you come?\n\nRESPONDENT: For the work, mostly.\n")
        .expect("write");
    let doc = store::load_document(&txt).expect("imports");
    let mut a = AnnotationFile::empty(&doc);
    let t = Target { voice: 1, start: Pos::new(0, 8), end: Pos::new(0, 12) };
    let tag = crosstalk::model::annotations::Tag {
        name: "work".into(),
        color: crosstalk::model::annotations::Rgb(200, 40, 40),
        description: String::new(),
        key: None,
    };
    a.apply(a.tag_target(&doc, &t, "work", Some(tag), &stamp()));
    let ron = store::annotations_to_ron(&a.snapshot(), &doc).expect("ron");
    // Its start and end moved by hand, its quote (`work`) kept.
    let edited = ron.replacen("char: 8,", "char: 4,", 1).replacen("char: 12,", "char: 9,", 1);
    assert_ne!(edited, ron);
    let path = dir.join("talk.annotations.ron");
    store::save(&path, &edited).expect("save");
    let (back, report) = store::load_annotations(&path, &doc).expect("loads").expect("exists");
    assert_eq!((report.moved, report.orphaned, report.text_changed), (1, 0, false));
    assert_eq!(back.highlights()[0].quote.exact, "work", "found by its words");
    let mut app = common::app_for(doc, 100, 30, false);
    let _ = crosstalk::cli::annotations_seen(&mut app, &path, None, true);
    let said = app.message.clone().unwrap_or_default();
    assert!(said.starts_with("the positions in the annotation file did not match"), "{said}");
    let home = dir.join("home");
    std::fs::create_dir_all(&home).expect("home");
    let txt = txt.display().to_string();
    let out = common::cli::run(&["stats", &txt], &home);
    let err = common::cli::stderr(&out);
    assert!(
        err.contains("its positions did not match the text") && !err.contains("text changed"),
        "{err}"
    );
}
