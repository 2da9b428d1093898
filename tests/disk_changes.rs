//! The annotation file changed behind the reader's back (a `git pull`, a
//! sync folder): the reader and its saver, driven as the event loop drives
//! them, take their work in and never write over it unasked.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::*;
use crosstalk::model::Pos;
use crosstalk::model::annotations::{AnnotationFile, Annotations, Stamp, Target};
use crosstalk::store::saver::Saver;
use crosstalk::store::{self, Lock};
use crosstalk::ui::overlay::{Overlay, Pending};
use crosstalk::ui::{Action, App, terminal, update};

/// A fresh directory (removed with the guard) and the annotation file's
/// path in it.
fn temp(name: &str) -> (tmp::TempDir, PathBuf) {
    let dir = tmp::TempDir::new(&format!("crosstalk-theirs-{}-{name}", std::process::id()));
    let path = dir.join("talk.annotations.ron");
    (dir, path)
}

fn target(voice: usize) -> Target {
    Target { voice, start: Pos::new(0, 0), end: Pos::new(0, 6) }
}

fn stamp(id: &str) -> Stamp {
    Stamp {
        id: id.into(),
        coder: "t".into(),
        now: jiff::Timestamp::from_second(1_700_000_000).expect("time"),
    }
}

/// Sets the note of the highlight on `voice` (made if missing).
fn note(a: &mut Annotations, voice: usize, text: &str) {
    let doc = store::bundled().expect("bundled");
    let id = a.exact(&target(voice)).map(|h| h.id.clone());
    let edit = a.set_note(&doc, id.as_deref(), &target(voice), text, &stamp(&format!("h{voice}")));
    a.apply(edit);
}

fn ron(a: &Annotations) -> String {
    store::annotations_to_ron(&a.snapshot(), &store::bundled().expect("bundled")).expect("ron")
}

/// The notes in the file at `path`, by voice.
fn notes_on_disk(path: &Path) -> Vec<(usize, String)> {
    let doc = store::bundled().expect("bundled");
    let (a, _) = store::load_annotations(path, &doc).expect("parses").expect("exists");
    let mut notes: Vec<(usize, String)> =
        a.highlights().iter().map(|h| (h.voice, h.note.clone())).collect();
    notes.sort();
    notes
}

/// A file with notes on voices 0 and 1, opened in a reader with its saver.
struct Session {
    app: App,
    saver: Saver,
    sent: (u64, u64),
    path: PathBuf,
    /// What they (another coder) start from: the file as it was.
    theirs: Annotations,
    _lock: Lock,
    /// Last, so dropped after the saver and the lock.
    _dir: tmp::TempDir,
}

fn open(name: &str) -> Session {
    let (dir, path) = temp(name);
    let doc = store::bundled().expect("bundled");
    let mut a = AnnotationFile::empty(&doc);
    note(&mut a, 0, "zero");
    note(&mut a, 1, "one");
    store::save(&path, &ron(&a)).expect("save");
    let mut app = bundled_app(100, 30, true);
    // As the binary starts: the saver knows how the file looked when read.
    let (lock, print) = crosstalk::cli::annotations_seen(&mut app, &path, None, false);
    let (lock, print) = (lock.expect("lock"), print.expect("a print of the file read"));
    let saver = Saver::start_seen(
        path.clone(),
        Arc::clone(&app.doc),
        app.annotations.snapshot(),
        Some(print),
    );
    let sent = (app.annotations.revision(), 0);
    let (theirs, _) = store::load_annotations(&path, &doc).expect("ok").expect("file");
    Session { app, saver, sent, path, theirs, _lock: lock, _dir: dir }
}

impl Session {
    /// Runs the event loop's save path until `done` holds.
    fn pump(&mut self, done: impl Fn(&App) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(15);
        while !done(&self.app) {
            assert!(Instant::now() < deadline, "timed out: {:?}", self.app.saving);
            terminal::save_if_changed(&mut self.app, Some(&self.saver), &mut self.sent);
            if let Some(r) = self.saver.wait(Duration::from_millis(50)) {
                update(&mut self.app, Action::Saved(r));
            }
        }
    }

    fn ours(&mut self, voice: usize, text: &str) {
        note(&mut self.app.annotations, voice, text);
    }

    /// They change the file (git pull): written in place, as git does.
    fn theirs(&mut self, voice: usize, text: &str) -> String {
        note(&mut self.theirs, voice, text);
        let text = ron(&self.theirs);
        fs::write(&self.path, &text).expect("their write");
        text
    }

    fn question(&self) -> Option<&Pending> {
        match self.app.top() {
            Some(Overlay::Confirm(c)) => Some(&c.pending),
            _ => None,
        }
    }
}

fn saved(app: &App) -> bool {
    !app.unsaved()
}

fn asked(app: &App) -> bool {
    app.asking()
}

#[test]
fn their_change_to_another_highlight_is_merged_with_ours() {
    let mut s = open("other");
    s.theirs(1, "their one");
    s.ours(0, "my zero");
    s.ours(2, "my two");
    s.pump(saved);
    assert_eq!(
        notes_on_disk(&s.path),
        [(0, "my zero".into()), (1, "their one".into()), (2, "my two".into())]
    );
    assert!(s.question().is_none());
    assert!(s.app.message.as_deref().is_some_and(|m| m.contains("changed on disk")));
    // The reader shows their change too.
    let one = s.app.annotations.highlights().iter().find(|h| h.voice == 1).expect("h1");
    assert_eq!(one.note, "their one");
}

#[test]
fn a_stale_copy_put_back_says_what_it_removes_and_u_undoes_it() {
    // We code voice 2 and it is saved; then a copy of the file from before
    // that (with one change of theirs) is put back over it. Merged against
    // what we last wrote, it reads as their deleting our highlight: the
    // reader says so, and `u` undoes the whole change on disk, on disk too.
    let mut s = open("stale");
    s.ours(2, "my two");
    s.pump(saved);
    s.theirs(1, "their one");
    s.pump(|app| app.annotations.highlights().iter().any(|h| h.note == "their one"));
    let said = s.app.message.clone().unwrap_or_default();
    assert!(said.contains("1 highlight removed there (u undoes it all)"), "{said}");
    s.pump(saved);
    assert_eq!(notes_on_disk(&s.path), [(0, "zero".into()), (1, "their one".into())]);
    update(&mut s.app, Action::Undo);
    s.pump(saved);
    assert_eq!(
        notes_on_disk(&s.path),
        [(0, "zero".into()), (1, "one".into()), (2, "my two".into())],
        "undo takes the whole change on disk back"
    );
}

#[test]
fn our_own_version_written_by_another_hand_leaves_nothing_to_rescue() {
    // The file on disk becomes exactly what we have (a sync brings our own
    // change back): nothing is written, and nothing is left to keep aside
    // if the terminal closed now (a rescue copy said "could not be saved").
    let mut s = open("ours-on-disk");
    s.ours(2, "my two");
    fs::write(&s.path, ron(&s.app.annotations)).expect("the same, by another hand");
    s.pump(saved);
    // The loop's next turn.
    terminal::save_if_changed(&mut s.app, Some(&s.saver), &mut s.sent);
    assert!(s.saver.progress().unwritten().is_none(), "nothing left unwritten");
}

#[test]
fn a_change_on_disk_while_idle_is_read_in_and_not_rewritten() {
    let mut s = open("idle");
    let written = s.theirs(1, "their one").replace("    ", "  ");
    fs::write(&s.path, &written).expect("their own formatting");
    s.pump(|app| app.annotations.highlights().iter().any(|h| h.note == "their one"));
    std::thread::sleep(Duration::from_millis(300));
    s.pump(saved);
    assert_eq!(fs::read_to_string(&s.path).expect("read"), written, "their bytes left alone");
}

#[test]
fn the_same_highlight_changed_on_both_sides_asks_and_keeps_both() {
    let mut s = open("both");
    let theirs = s.theirs(0, "their zero");
    s.ours(0, "my zero");
    s.pump(asked);
    assert!(matches!(s.question(), Some(Pending::DiskBoth(_))));
    assert_eq!(fs::read_to_string(&s.path).expect("read"), theirs, "nothing written before");
    update(&mut s.app, Action::Yes);
    s.pump(saved);
    assert_eq!(
        notes_on_disk(&s.path),
        [(0, "my zero".into()), (0, "their zero".into()), (1, "one".into())]
    );
}

#[test]
fn keep_mine_sets_theirs_aside_first_and_keep_theirs_keeps_theirs() {
    let mut s = open("mine");
    let theirs = s.theirs(0, "their zero");
    s.ours(0, "my zero");
    s.pump(asked);
    update(&mut s.app, Action::No);
    assert!(matches!(s.question(), Some(Pending::DiskMine(_))));
    update(&mut s.app, Action::Yes);
    s.pump(saved);
    assert_eq!(notes_on_disk(&s.path), [(0, "my zero".into()), (1, "one".into())]);
    assert_eq!(asides(&s.path), [theirs]);

    let mut s = open("theirs");
    s.theirs(0, "their zero");
    s.ours(0, "my zero");
    s.ours(2, "my two");
    s.pump(asked);
    update(&mut s.app, Action::No);
    update(&mut s.app, Action::No);
    s.pump(saved);
    assert_eq!(
        notes_on_disk(&s.path),
        [(0, "their zero".into()), (1, "one".into()), (2, "my two".into())]
    );
}

/// The contents of `<file>.theirs-*.ron` beside `path`.
fn asides(path: &Path) -> Vec<String> {
    let dir = path.parent().expect("dir");
    let mut found = Vec::new();
    for e in fs::read_dir(dir).expect("dir").flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with("talk.annotations.ron.theirs-") && name.ends_with(".ron") {
            found.push(fs::read_to_string(e.path()).expect("aside"));
        }
    }
    found
}

const CONFLICTED: &str = "(\n    version: 1,\n<<<<<<< HEAD\n    conversation: \"a\",\n=======\n    conversation: \"b\",\n>>>>>>> theirs\n)\n";

#[test]
fn conflict_markers_are_reported_with_their_line_and_never_overwritten() {
    let mut s = open("markers");
    fs::write(&s.path, CONFLICTED).expect("git left markers");
    s.ours(0, "my zero");
    s.pump(asked);
    assert!(matches!(s.question(), Some(Pending::DiskUnreadable { quitting: false })));
    let error = s.app.saving.error.clone().expect("reported");
    assert!(error.contains("talk.annotations.ron:3:"), "names file and line: {error}");
    update(&mut s.app, Action::No); // wait for it to be fixed
    // The reader stays usable, keeps our work, and writes nothing.
    s.ours(3, "my three");
    let deadline = Instant::now() + store::saver::RETRY * 2;
    s.pump(|_| Instant::now() > deadline);
    assert_eq!(fs::read_to_string(&s.path).expect("read"), CONFLICTED, "never overwritten");
    assert!(s.app.unsaved());
    // They resolve the conflict: saving resumes, merged.
    s.theirs(1, "their one");
    s.pump(saved);
    assert_eq!(
        notes_on_disk(&s.path),
        [(0, "my zero".into()), (1, "their one".into()), (3, "my three".into())]
    );
}

#[test]
fn a_file_put_back_as_it_was_after_it_could_not_be_read_leaves_nothing_said() {
    // A half-finished hand edit saved, then undone, with nothing of ours
    // changed: no offer to write over it (there is nothing of ours to
    // write), no "not saved" (nothing is waiting), and once it reads again
    // nothing is left on the status bar about it.
    let mut s = open("put-back");
    let was = fs::read_to_string(&s.path).expect("read");
    fs::write(&s.path, CONFLICTED).expect("a hand edit");
    s.pump(|app| app.saving.unreadable.is_some());
    assert!(s.question().is_none(), "nothing of ours to write over theirs");
    let mut screen = screen_text(&buffer(&s.app));
    assert!(screen.contains("⚠") && !screen.contains("not saved"), "{screen}");
    fs::write(&s.path, &was).expect("put back");
    s.pump(|app| app.saving.unreadable.is_none());
    assert_eq!(s.app.saving.error, None);
    screen = screen_text(&buffer(&s.app));
    assert!(screen.contains("reads again") && !screen.contains("⚠"), "{screen}");
    assert_eq!(fs::read_to_string(&s.path).expect("read"), was, "not rewritten");
    // With work of ours waiting it is asked; put back before the answer,
    // the work is written and the question goes (else `n` said nothing
    // would be saved, and quitting asked again, about nothing).
    fs::write(&s.path, CONFLICTED).expect("a hand edit");
    s.pump(|app| app.saving.unreadable.is_some());
    s.ours(2, "mine");
    s.pump(asked);
    assert!(matches!(s.question(), Some(Pending::DiskUnreadable { .. })));
    fs::write(&s.path, &was).expect("put back");
    s.pump(|app| saved(app) && app.top().is_none());
    assert_eq!(s.app.saving.unreadable, None);
    assert!(notes_on_disk(&s.path).contains(&(2, "mine".into())));
}

#[test]
fn keep_mine_over_conflict_markers_sets_them_aside() {
    let mut s = open("markers-mine");
    fs::write(&s.path, CONFLICTED).expect("git left markers");
    s.ours(0, "my zero");
    s.pump(asked);
    update(&mut s.app, Action::Yes);
    s.pump(saved);
    assert_eq!(notes_on_disk(&s.path), [(0, "my zero".into()), (1, "one".into())]);
    assert_eq!(asides(&s.path), [CONFLICTED]);
}

#[test]
fn a_newer_version_on_disk_is_never_overwritten() {
    let mut s = open("newer");
    let newer = "(version: 9, conversation: \"technical-difficulties\", text_hash: \"x\", tags: [], highlights: [], more: 1)\n";
    fs::write(&s.path, newer).expect("a newer crosstalk wrote");
    s.ours(0, "my zero");
    s.pump(|app| app.saving.unreadable.is_some());
    assert!(s.question().is_none(), "no offer to write over a newer format");
    assert!(s.app.saving.error.as_deref().is_some_and(|e| e.contains("newer crosstalk")));
    // Quitting does not offer it either.
    update(&mut s.app, Action::Quit);
    assert!(!matches!(s.question(), Some(Pending::DiskUnreadable { .. })));
    let deadline = Instant::now() + store::saver::RETRY * 2;
    s.pump(|_| Instant::now() > deadline);
    assert_eq!(fs::read_to_string(&s.path).expect("read"), newer);
}

#[test]
fn the_question_is_shown_whole_and_a_second_change_meanwhile_is_merged_too() {
    let mut s = open("again");
    s.theirs(0, "their zero");
    s.ours(0, "my zero");
    s.pump(asked);
    let text = screen_text(&buffer(&s.app));
    assert!(text.contains("Keep both versions"), "{text}");
    assert!(text.contains("y yes · n no"), "the answer keys show: {text}");
    // They change the file again before we answer.
    s.theirs(1, "their one");
    let generation = s.app.saving.disk_seen;
    s.pump(|app| match app.top() {
        Some(Overlay::Confirm(c)) => match &c.pending {
            Pending::DiskBoth(d) => d.generation > 1,
            _ => false,
        },
        _ => false,
    });
    assert_eq!(generation, 0, "nothing taken in while asking");
    update(&mut s.app, Action::Yes);
    assert!(!asked(&s.app), "one question, not two stacked");
    s.pump(saved);
    assert_eq!(
        notes_on_disk(&s.path),
        [(0, "my zero".into()), (0, "their zero".into()), (1, "their one".into())]
    );
}

#[test]
fn a_reformatted_file_is_no_change_and_one_made_before_the_saver_started_is_seen() {
    for printed in [false, true] {
        reformatted_and_early(printed);
    }
}

/// With and without the print taken when the file was loaded.
fn reformatted_and_early(printed: bool) {
    let (dir, path) = temp(&format!("early-{printed}"));
    let doc = store::bundled().expect("bundled");
    let mut a = AnnotationFile::empty(&doc);
    note(&mut a, 0, "zero");
    store::save(&path, &ron(&a)).expect("save");
    let mut app = bundled_app(100, 30, true);
    let (lock, print) = crosstalk::cli::annotations_seen(&mut app, &path, None, false);
    let _lock = lock.expect("lock");
    assert!(print.is_some());
    // Between loading and the saver starting, they change it: to the same
    // size, at once, so only the content tells.
    let before = fs::read_to_string(&path).expect("read");
    note(&mut a, 0, "ZERO");
    fs::write(&path, ron(&a)).expect("their write");
    assert_eq!(before.len(), ron(&a).len());
    let base = app.annotations.snapshot();
    let saver = if printed {
        Saver::start_seen(path.clone(), Arc::clone(&app.doc), base, print)
    } else {
        Saver::start(path.clone(), Arc::clone(&app.doc), base)
    };
    let mut s =
        Session { app, saver, sent: (0, 0), path: path.clone(), theirs: a, _lock, _dir: dir };
    s.sent.0 = s.app.annotations.revision();
    s.pump(|app| app.annotations.highlights().iter().any(|h| h.note == "ZERO"));
    // Only reformatted: nothing to take in, nothing written.
    let reformatted = fs::read_to_string(&path).expect("read").replace("    ", "\t");
    fs::write(&path, &reformatted).expect("reformat");
    let revision = s.app.annotations.revision();
    let deadline = Instant::now() + store::saver::POLL * 3;
    s.pump(|_| Instant::now() > deadline);
    assert_eq!(s.app.annotations.revision(), revision, "no change taken in");
    assert_eq!(fs::read_to_string(&path).expect("read"), reformatted, "not rewritten");
}

#[test]
fn their_change_to_links_alone_is_taken_in_not_written_over() {
    let mut s = open("links");
    let doc = store::bundled().expect("bundled");
    // They link the two highlights already there: no highlight changes.
    let ids = crosstalk::model::annotations::LinkIds {
        link: "their-link".into(),
        from: "unused-a".into(),
        to: "unused-b".into(),
    };
    let edit = s.theirs.add_link(&doc, &target(1), &target(0), "answers", &ids, &stamp("l"));
    s.theirs.apply(edit.expect("a link"));
    assert_eq!(s.theirs.highlights().len(), 2, "both ends were highlights already");
    fs::write(&s.path, ron(&s.theirs)).expect("their write");
    // We change something else; our save must keep their link.
    s.ours(2, "my two");
    s.pump(saved);
    let (on_disk, _) = store::load_annotations(&s.path, &doc).expect("parses").expect("exists");
    assert_eq!(on_disk.links().len(), 1, "their link kept");
    assert_eq!(s.app.annotations.links().len(), 1, "and shown");
    // Then only the link's note changes on disk: taken in too.
    let id = s.theirs.links()[0].id.clone();
    let edit = s.theirs.set_link_note(&id, "their note on the link", stamp("n").now);
    s.theirs.apply(edit);
    fs::write(&s.path, ron(&s.theirs)).expect("their write");
    s.pump(|app| {
        app.annotations.links().first().is_some_and(|l| l.note == "their note on the link")
    });
    s.ours(3, "my three");
    s.pump(saved);
    let (on_disk, _) = store::load_annotations(&s.path, &doc).expect("parses").expect("exists");
    assert_eq!(on_disk.links()[0].note, "their note on the link");
}

/// Tags `voice`'s passage with `name` (defined first if `a` lacks it).
fn tag(a: &mut Annotations, voice: usize, name: &str) {
    let doc = store::bundled().expect("bundled");
    let new = a.tag(name).is_none().then(|| crosstalk::model::annotations::Tag {
        name: name.into(),
        color: crosstalk::model::annotations::Rgb(200, 40, 40),
        description: "leans on trust".into(),
        key: None,
    });
    let edit = a.tag_target(&doc, &target(voice), name, new, &stamp(&format!("t{voice}")));
    a.apply(edit);
}

/// Every tag name defined in the file at `path`, and every one used.
fn tags_on_disk(path: &Path) -> (Vec<String>, Vec<(usize, Vec<String>)>) {
    let doc = store::bundled().expect("bundled");
    let (a, _) = store::load_annotations(path, &doc).expect("parses").expect("exists");
    let defined = a.tags().iter().map(|t| t.name.clone()).collect();
    let mut used: Vec<(usize, Vec<String>)> =
        a.highlights().iter().map(|h| (h.voice, h.tags.clone())).collect();
    used.sort();
    (defined, used)
}

/// A tag renamed on one side while the other goes on coding with the old
/// name stays one tag: the other side's uses follow the rename, as in the
/// git merge driver (it was split in two: the old tag came back).
#[test]
fn a_tag_renamed_on_either_side_is_followed_by_the_other_sides_uses() {
    for renamed_here in [true, false] {
        let mut s = open(if renamed_here { "renamed-here" } else { "renamed-there" });
        tag(&mut s.app.annotations, 0, "trust");
        s.pump(saved);
        let doc = store::bundled().expect("bundled");
        s.theirs = store::load_annotations(&s.path, &doc).expect("ok").expect("file").0;
        let now = jiff::Timestamp::from_second(1_700_000_100).expect("time");
        // One side renames the tag, the other tags voice 2 with the old name.
        let (renamer, coder) = if renamed_here {
            (&mut s.app.annotations, &mut s.theirs)
        } else {
            (&mut s.theirs, &mut s.app.annotations)
        };
        let edit = renamer.rename_tag("trust", "distrust", now);
        renamer.apply(edit);
        tag(coder, 2, "trust");
        fs::write(&s.path, ron(&s.theirs)).expect("their write");
        if renamed_here {
            s.pump(saved);
        } else {
            s.pump(|app| app.message.as_deref().is_some_and(|m| m.contains("changed on disk")));
            s.pump(saved);
        }
        assert!(s.question().is_none(), "renamed_here {renamed_here}");
        let message = s.app.message.clone().unwrap_or_default();
        // First, where a narrow info line still shows it.
        let first = "changed on disk: tag “trust” is now “distrust” on both sides; ";
        assert!(message.contains(first), "{message}");
        let names: Vec<&str> = s.app.annotations.tags().iter().map(|t| t.name.as_str()).collect();
        assert!(names.contains(&"distrust") && !names.contains(&"trust"), "{names:?}");
        let (defined, used) = tags_on_disk(&s.path);
        assert!(!defined.contains(&"trust".to_owned()), "{defined:?}");
        let distrust = vec!["distrust".to_owned()];
        assert_eq!(used, [(0, distrust.clone()), (1, vec![]), (2, distrust)]);
    }
}

/// The note editor open on voice 0's highlight, as `e` opens it.
fn edit_note(s: &mut Session) {
    let id = s.app.annotations.exact(&target(0)).map(|h| h.id.clone()).expect("voice 0's");
    let open = crosstalk::ui::core::effect::Open::Note { id: Some(id), target: target(0) };
    let editor = crosstalk::ui::overlay::open(&mut s.app.core, open);
    s.app.stack.push(editor);
}

fn draft(s: &Session) -> String {
    match s.app.top() {
        Some(Overlay::Note(n)) => n.text(),
        _ => panic!("the note editor is open"),
    }
}

/// Their note comes in while ours is being written in the editor: saving
/// the draft asks (both, yours, theirs) and never writes over theirs
/// unasked; an editor with nothing written shows their note.
#[test]
fn a_note_being_written_is_never_saved_over_theirs_unasked() {
    for (answer, kept) in
        [('b', "their zero\n\nzero and mine"), ('y', "zero and mine"), ('t', "their zero")]
    {
        let mut s = open(&format!("draft-{answer}"));
        edit_note(&mut s);
        press(&mut s.app, " and mine");
        s.theirs(0, "their zero");
        s.pump(|app| app.annotations.highlights().iter().any(|h| h.note == "their zero"));
        assert_eq!(draft(&s), "zero and mine", "the draft is left alone");
        assert!(screen_text(&buffer(&s.app)).contains("changed on disk meanwhile"));
        ctrl(&mut s.app, 's');
        assert!(screen_text(&buffer(&s.app)).contains("b keep both"), "asks");
        assert_eq!(draft(&s), "zero and mine");
        press(&mut s.app, &answer.to_string());
        assert!(s.app.top().is_none(), "closed");
        s.pump(saved);
        assert_eq!(notes_on_disk(&s.path), [(0, kept.into()), (1, "one".into())], "{answer}");
    }
    // Their note came in and went back to what the draft started from:
    // nothing of theirs to keep, no question.
    let mut s = open("draft-back");
    edit_note(&mut s);
    press(&mut s.app, " and mine");
    s.theirs(0, "their zero");
    s.pump(|app| app.annotations.highlights().iter().any(|h| h.note == "their zero"));
    s.theirs(0, "zero");
    s.pump(|app| app.annotations.highlights().iter().any(|h| h.note == "zero"));
    assert!(!screen_text(&buffer(&s.app)).contains("changed on disk meanwhile"));
    ctrl(&mut s.app, 's');
    assert!(s.app.top().is_none(), "saved without a question");
    s.pump(saved);
    assert_eq!(notes_on_disk(&s.path), [(0, "zero and mine".into()), (1, "one".into())]);
    // Esc, then y (save), asks too; Esc goes back to the draft.
    let mut s = open("draft-esc");
    edit_note(&mut s);
    press(&mut s.app, "!");
    s.theirs(0, "their zero");
    s.pump(|app| app.annotations.highlights().iter().any(|h| h.note == "their zero"));
    press(&mut s.app, "\u{1b}y");
    assert!(screen_text(&buffer(&s.app)).contains("b keep both"), "asks");
    press(&mut s.app, "\u{1b}?");
    assert_eq!(draft(&s), "zero!?");
    // Nothing written yet: the editor shows their note, and saving it
    // changes nothing.
    let mut s = open("untouched");
    edit_note(&mut s);
    s.theirs(0, "their zero");
    s.pump(|app| app.annotations.highlights().iter().any(|h| h.note == "their zero"));
    assert_eq!(draft(&s), "their zero");
    press(&mut s.app, " too");
    ctrl(&mut s.app, 's');
    assert!(s.app.top().is_none(), "no question: it was theirs to begin with");
    s.pump(saved);
    assert_eq!(notes_on_disk(&s.path), [(0, "their zero too".into()), (1, "one".into())]);
    // They deleted the highlight: an untouched editor closes; a draft is
    // saved on the passage, untagged.
    for typed in ["", "mine"] {
        let mut s = open(&format!("deleted-{}", typed.len()));
        edit_note(&mut s);
        press(&mut s.app, typed);
        let id = s.theirs.exact(&target(0)).map(|h| h.id.clone()).expect("theirs");
        let edit = s.theirs.delete(&id);
        s.theirs.apply(edit);
        fs::write(&s.path, ron(&s.theirs)).expect("their write");
        s.pump(|app| app.annotations.exact(&target(0)).is_none() || app.top().is_none());
        if typed.is_empty() {
            assert!(s.app.top().is_none(), "nothing to edit");
            continue;
        }
        assert_eq!(draft(&s), "zeromine");
        ctrl(&mut s.app, 's');
        s.pump(saved);
        assert_eq!(notes_on_disk(&s.path), [(0, "zeromine".into()), (1, "one".into())]);
    }
}

#[test]
fn a_file_not_yet_written_is_not_called_saved() {
    // The status bar said `✓ saved` on first open, naming a file that did
    // not exist: nothing is written until the first change.
    let (dir, path) = temp("fresh");
    let mut app = bundled_app(120, 30, true);
    let (lock, print) = crosstalk::cli::annotations_seen(&mut app, &path, None, false);
    let bar = |app: &App| rows(&buffer(app)).last().cloned().unwrap_or_default();
    assert!(bar(&app).contains("new file"), "{}", bar(&app));
    assert!(!bar(&app).contains("saved"), "{}", bar(&app));
    assert!(!path.exists());
    let saver =
        Saver::start_seen(path.clone(), Arc::clone(&app.doc), app.annotations.snapshot(), print);
    let mut session = Session {
        sent: (app.annotations.revision(), 0),
        theirs: AnnotationFile::empty(&app.doc),
        app,
        saver,
        path: path.clone(),
        _lock: lock.expect("lock"),
        _dir: dir,
    };
    session.ours(0, "first");
    assert!(bar(&session.app).contains("saving…"), "{}", bar(&session.app));
    session.pump(saved);
    assert!(path.exists());
    assert!(bar(&session.app).contains("✓ saved"), "{}", bar(&session.app));
}
