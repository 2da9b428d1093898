//! Every view that shows rows derived from the annotations (the list, the
//! matrix, compare, the tag picker, the tag manager, the orphans) is right
//! after every kind of change: delete, undo, redo, retag, tag merge, rename
//! and delete, re-anchoring, and the whole set replaced (a reload). Each
//! test draws the screen after the change, as the event loop would.

mod common;

use common::*;
use crosstalk::model::annotations::Annotations;
use crosstalk::ui::derived;
use crosstalk::ui::overlay::Overlay;
use crosstalk::ui::{Action, App, Mode, update};

fn fixture() -> Annotations {
    let doc = crosstalk::store::bundled().expect("bundled");
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/bundled.annotations.ron");
    crosstalk::store::load_annotations(&path, &doc).expect("parses").expect("exists").0
}

fn with_fixture() -> App {
    let mut app = bundled_app(120, 40, true);
    app.annotations = fixture();
    app
}

/// Draws (which panics on a stale index) and checks the derived rows.
fn settled(app: &App) -> String {
    derived::check(app).expect("derived rows match the annotations");
    screen_text(&buffer(app))
}

#[test]
fn deleting_a_highlight_without_a_note_from_the_list_does_not_crash() {
    // The steps: a fresh data dir, `1`, `a`, `Ctrl-d`.
    let mut app = bundled_app(120, 40, true);
    press(&mut app, "1a");
    assert_eq!(app.list().map(|l| l.rows.len()), Some(1));
    ctrl(&mut app, 'd');
    assert_eq!(app.mode(), Mode::List, "the list stays open");
    assert_eq!(app.annotations.highlights().len(), 0);
    assert_eq!(app.list().map(|l| l.rows.len()), Some(0));
    assert!(settled(&app).contains("no highlight matches"));
    // And back with undo (from the reader), the list shows it again.
    press(&mut app, "\u{1b}ua");
    assert_eq!(app.list().map(|l| l.rows.len()), Some(1));
    settled(&app);
}

#[test]
fn deleting_the_last_rows_of_a_long_list_keeps_the_selection_inside() {
    let mut app = with_fixture();
    press(&mut app, "a");
    let n = app.annotations.highlights().len();
    key(&mut app, ratatui::crossterm::event::KeyCode::End);
    for _ in 0..n {
        key(&mut app, ratatui::crossterm::event::KeyCode::Down);
    }
    for _ in 0..n {
        ctrl(&mut app, 'd');
        if app.mode() == Mode::Confirm {
            press(&mut app, "y");
        }
        settled(&app);
    }
    assert_eq!(app.annotations.highlights().len(), 0);
}

#[test]
fn the_list_shows_a_new_tag_after_retagging_from_it() {
    let mut app = with_fixture();
    press(&mut app, "a");
    ctrl(&mut app, 't');
    press(&mut app, "brand-new-tag\n");
    assert_eq!(app.mode(), Mode::List);
    assert!(settled(&app).contains("brand-new-tag"));
}

#[test]
fn the_tag_manager_cursor_stays_on_a_tag_through_delete_undo_and_redo() {
    let mut app = with_fixture();
    press(&mut app, "T");
    let n = app.annotations.tags().len();
    for _ in 0..n {
        press(&mut app, "j");
    }
    press(&mut app, "x");
    if app.mode() == Mode::Confirm {
        press(&mut app, "y");
    }
    assert_eq!(app.annotations.tags().len(), n - 1);
    let Some(Overlay::Tags(m)) = app.top() else { panic!("the tag manager is open") };
    assert_eq!(m.selected, n - 2, "the cursor moves onto the new last tag");
    settled(&app);
    press(&mut app, "u");
    settled(&app);
    crosstalk::ui::update(&mut app, Action::Redo);
    settled(&app);
}

#[test]
fn the_picker_forgets_a_tag_deleted_under_it() {
    let mut app = with_fixture();
    press(&mut app, "t");
    let Some(Overlay::Picker(p)) = app.top() else { panic!("picker open") };
    let first = format!("{:?}", p.rows[0]);
    // A reload (another coder's file) drops every tag.
    let mut replaced = app.annotations.clone();
    for name in app.annotations.tags().iter().map(|t| t.name.clone()).collect::<Vec<_>>() {
        let edit = replaced.delete_tag(&name, app.now);
        replaced.apply(edit);
    }
    app.annotations = replaced;
    update(&mut app, Action::Resize { width: 120, height: 40 });
    let Some(Overlay::Picker(p)) = app.top() else { panic!("picker open") };
    assert!(p.rows.is_empty(), "was {first}, now {:?}", p.rows);
    settled(&app);
}

#[test]
fn the_matrix_and_compare_follow_a_change_made_under_them() {
    let mut app = with_fixture();
    let tag = app.annotations.tags()[0].name.clone();
    let uses = app.annotations.count(&tag);
    assert!(uses > 0);
    press(&mut app, "m");
    let before = settled(&app);
    // Merge every other tag into the first while the matrix is open (as a
    // reload would change it), then any key.
    let names: Vec<String> = app.annotations.tags().iter().map(|t| t.name.clone()).collect();
    for other in &names[1..] {
        let edit = app.annotations.merge_tags(other, &tag, app.now);
        app.annotations.apply(edit);
    }
    update(&mut app, Action::Down);
    let after = settled(&app);
    assert_ne!(before, after, "the matrix was recomputed");
    let Some(Overlay::Matrix(m)) = app.top() else { panic!("matrix open") };
    // The one tag left, and the fixture's highlight without a tag.
    assert_eq!(m.matrix.tags, vec![tag.clone(), "(no tag)".to_owned()]);
    assert!(m.row <= 2);
    press(&mut app, "\u{1b}");

    // Compare the tag, then delete its highlights from under compare mode.
    press(&mut app, "c");
    press(&mut app, &format!("{tag}\n"));
    assert_eq!(app.mode(), Mode::Compare);
    settled(&app);
    let ids: Vec<String> = app
        .annotations
        .highlights()
        .iter()
        .filter(|h| h.tags.contains(&tag))
        .map(|h| h.id.clone())
        .collect();
    for id in ids {
        let edit = app.annotations.delete(&id);
        app.annotations.apply(edit);
    }
    update(&mut app, Action::Down);
    let text = settled(&app);
    assert!(text.contains("No passages of"), "{text}");
}

#[test]
fn the_orphan_cursor_stays_inside_when_orphans_are_dealt_with() {
    // Re-anchoring against a changed text orphans highlights; deleting
    // them one by one from the list, with undo and redo, never leaves the
    // cursor past the end.
    let mut app = bundled_app(120, 40, true);
    let mut file = crosstalk::model::annotations::AnnotationFile::from_snapshot(
        &fixture().snapshot(),
        &app.doc,
    );
    file.text_hash = "changed".into();
    for h in file.highlights.iter_mut().take(3) {
        h.quote = "a passage that is nowhere in the text".into();
    }
    let (annotations, report) = file.into_annotations(&app.doc).expect("loads");
    assert!(report.orphaned >= 3, "{report:?}");
    app.annotations = annotations;
    press(&mut app, "O");
    assert_eq!(app.mode(), Mode::Orphans);
    press(&mut app, "jjjjjj");
    settled(&app);
    press(&mut app, "d");
    if app.mode() == Mode::Confirm {
        press(&mut app, "y");
    }
    settled(&app);
    press(&mut app, "u");
    settled(&app);
    update(&mut app, Action::Redo);
    settled(&app);
}
