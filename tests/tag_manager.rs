//! The tag manager (`T`) keeps its cursor on the same tag through merges,
//! renames, deletes, undo and redo (issue 11: the cursor jumped to the first
//! row, and the next `x` deleted the wrong tag). Driven by key events
//! through the real keymap.

mod common;

use common::*;
use crosstalk::ui::overlay::Overlay;
use crosstalk::ui::{App, Mode};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

/// The name of the tag under the manager's cursor.
fn selected(app: &App) -> String {
    let Some(Overlay::Tags(m)) = app.top() else {
        panic!("not in the tag manager: {:?}", app.mode())
    };
    app.annotations.tags()[m.selected].name.clone()
}

fn names(app: &App) -> Vec<String> {
    app.annotations.tags().iter().map(|t| t.name.clone()).collect()
}

/// Up to the top, then down to the tag called `name`.
fn go_to(app: &mut App, name: &str) {
    for _ in 0..app.annotations.tags().len() {
        press(app, "k");
    }
    while selected(app) != name {
        let before = selected(app);
        press(app, "j");
        assert_ne!(selected(app), before, "{name} not found");
    }
}

#[test]
fn the_cursor_stays_on_its_tag_through_merge_rename_delete_undo_and_redo() {
    let mut app = bundled_app(120, 40, true);
    press(&mut app, "\t\t2j27");
    press(&mut app, "T");
    assert_eq!(app.mode(), Mode::Tags);
    let tags = names(&app);
    assert!(tags.len() >= 4, "{tags:?}");

    // Rename the third tag: the cursor follows it to its new name and row.
    let third = tags[2].clone();
    go_to(&mut app, &third);
    press(&mut app, "r");
    for _ in 0..third.len() {
        key_event(&mut app, KeyCode::Backspace, KeyModifiers::NONE);
    }
    press(&mut app, "zz renamed\n");
    assert_eq!(selected(&app), "zz renamed");

    // Merge the last-but-one tag into the second: the cursor is on the second.
    let last = names(&app).len() - 1;
    let from = names(&app)[last - 1].clone();
    let into = names(&app)[1].clone();
    go_to(&mut app, &from);
    press(&mut app, "m");
    press(&mut app, &into);
    press(&mut app, "\n");
    assert!(app.annotations.tag(&from).is_none());
    assert_eq!(selected(&app), into, "on the tag merged into");

    // Undo the merge: still on the same tag, by name.
    press(&mut app, "u");
    assert!(app.annotations.tag(&from).is_some());
    assert_eq!(selected(&app), into);
    press(&mut app, "j"); // the second tag
    let second = selected(&app);
    ctrl(&mut app, 'r');
    assert_eq!(selected(&app), second, "redo keeps the cursor's tag");

    // Delete a middle tag: the cursor stays on its row, the next tag.
    let before = names(&app);
    let row = 1;
    let doomed = before[row].clone();
    go_to(&mut app, &doomed);
    press(&mut app, "xy");
    assert!(app.annotations.tag(&doomed).is_none());
    assert_eq!(selected(&app), before[row + 1], "the neighbour at the same row");
    // And the next `x` asks about that neighbour, not the first tag.
    press(&mut app, "x");
    let text = screen_text(&buffer(&app));
    assert!(text.contains(&format!("Delete tag “{}”?", before[row + 1])), "{text}");
    press(&mut app, "n");
    assert_eq!(selected(&app), before[row + 1]);

    // Undo the delete: the cursor stays on the tag it was on.
    press(&mut app, "u");
    assert!(app.annotations.tag(&doomed).is_some());
    assert_eq!(selected(&app), before[row + 1]);

    // Escape from a rename prompt and a merge picker: back on the same tag.
    let last = names(&app).last().cloned().expect("a tag");
    go_to(&mut app, &last);
    press(&mut app, "r\u{1b}");
    assert_eq!(selected(&app), last);
    press(&mut app, "m\u{1b}");
    assert_eq!(selected(&app), last);
}

#[test]
fn the_tag_manager_fits_at_60x20_and_200x60_with_its_cursor_on_screen() {
    for (w, h) in [(60u16, 20u16), (200, 60)] {
        let mut app = bundled_app(w, h, true);
        press(&mut app, "T");
        let last = names(&app).last().cloned().expect("a tag");
        go_to(&mut app, &last);
        let text = rows(&buffer(&app));
        let top = text.iter().position(|r| r.contains("┏ Tags ")).expect("the box");
        let title = &text[top];
        assert!(title.contains("┓"), "{w}×{h}: the title row is whole: {title}");
        if w >= 100 {
            assert!(title.contains("x delete"), "{w}×{h}: the keys in the title: {title}");
        }
        // The selected (last) tag's row is inside the box.
        let bottom = top + text[top..].iter().position(|r| r.contains('┗')).expect("bottom");
        let shown = text[top..bottom].iter().any(|r| r.contains(&last[..20.min(last.len())]));
        assert!(shown, "{w}×{h}: {last} is on screen:\n{}", text.join("\n"));
    }
}

#[test]
fn renaming_to_a_name_in_use_keeps_the_prompt_and_what_was_typed() {
    let mut app = bundled_app(120, 40, true);
    press(&mut app, "T");
    let tags = names(&app);
    go_to(&mut app, &tags[0]);
    press(&mut app, "r");
    for _ in 0..tags[0].chars().count() {
        key_event(&mut app, KeyCode::Backspace, KeyModifiers::NONE);
    }
    press(&mut app, &format!("{}\n", tags[1]));
    assert_eq!(app.mode(), Mode::Prompt, "still asking");
    let text = screen_text(&buffer(&app));
    assert!(text.contains(&format!("there is a tag “{}” already", tags[1])), "{text}");
    assert_eq!(names(&app), tags, "nothing renamed");
    // Corrected, it goes through.
    press(&mut app, " too\n");
    assert_eq!(app.mode(), Mode::Tags);
    assert_eq!(selected(&app), format!("{} too", tags[1]));
}

#[test]
fn with_many_tags_the_manager_leaves_the_status_bar_showing() {
    // 28 tags at 80×24: the manager scrolls, and covered the status bar
    // (the mode and its keys) doing so.
    let mut app = bundled_app(80, 24, true);
    for i in 0..20 {
        press(&mut app, &format!("textra tag {i}\n"));
    }
    assert!(app.annotations.tags().len() >= 28, "{}", app.annotations.tags().len());
    press(&mut app, "T");
    assert_eq!(app.mode(), Mode::Tags);
    let rows = rows(&buffer(&app));
    let last = rows.last().expect("a row");
    assert!(last.starts_with(" TAGS "), "the status bar: {last:?}");
    assert!(last.contains("r rename"), "its keys: {last:?}");
    // The cursor still scrolls into view at the end of the list.
    for _ in 0..40 {
        press(&mut app, "j");
    }
    let text = screen_text(&buffer(&app));
    assert!(text.contains(&selected(&app)), "{text}");
}

#[test]
fn a_name_of_only_invisible_characters_is_no_name() {
    // A zero-width space typed or pasted as a name made a tag that showed
    // blank in the picker, the manager and every message.
    let mut app = bundled_app(120, 40, true);
    let before = names(&app);
    press(&mut app, "T");
    let first = selected(&app);
    press(&mut app, "r");
    ctrl(&mut app, 'u');
    press(&mut app, "\u{200B}\u{2060}\n");
    assert_eq!(names(&app), before, "nothing renamed");
    assert_eq!(app.message.as_deref(), Some("a tag needs a name"));
    assert_eq!(app.mode(), Mode::Prompt, "asked again");
    press(&mut app, "\u{1b}");
    assert_eq!(selected(&app), first);
    press(&mut app, "\u{1b}");
    // In the picker: no "new tag" of nothing to choose.
    press(&mut app, "vt\u{200B}");
    let screen = screen_text(&buffer(&app));
    assert!(!screen.contains("new tag"), "{screen}");
    press(&mut app, "\n");
    assert_eq!(names(&app), before, "no tag made");
}

#[test]
fn a_description_being_written_is_kept_when_closed_from_outside() {
    // A signal (the terminal closed) kept a note being written, but a tag's
    // description was lost; a name half typed is still not taken.
    use crosstalk::ui::{Action, update};
    let mut app = bundled_app(120, 40, true);
    press(&mut app, "T");
    let tag = selected(&app);
    press(&mut app, "e");
    ctrl(&mut app, 'u');
    press(&mut app, "Framings that appeal to rights");
    update(&mut app, Action::KeepDrafts);
    let described = app.annotations.tag(&tag).map(|t| t.description.clone());
    assert_eq!(described.as_deref(), Some("Framings that appeal to rights"));
    let mut app = bundled_app(120, 40, true);
    press(&mut app, "T");
    press(&mut app, "r");
    press(&mut app, " half");
    update(&mut app, Action::KeepDrafts);
    assert!(app.annotations.tag(&format!("{tag} half")).is_none());
    assert!(app.annotations.tag(&tag).is_some());
}
