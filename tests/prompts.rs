//! Every one-line text field edits like a shell line, through the real
//! keymap: `Ctrl-a` / `Ctrl-e` / `Home` / `End`, `Alt-b` / `Alt-f`,
//! `Ctrl-w`, `Ctrl-u`, `Ctrl-k`, `Ctrl-y`, `Delete`, `Backspace`. And the search bar
//! opens empty, with a history on `↑` / `↓`.

mod common;

use common::*;
use crosstalk::ui::App;
use crosstalk::ui::overlay::Overlay;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

/// The text of whichever field is open.
fn field(app: &App) -> String {
    let lines = match app.top() {
        Some(Overlay::Search(bar)) => bar.input.lines(),
        Some(Overlay::Picker(p)) => p.input.lines(),
        Some(Overlay::Prompt(p)) => p.input.lines(),
        Some(Overlay::Export(d)) => d.path.lines(),
        Some(Overlay::List(l)) => l.filter.lines(),
        other => panic!("no text field open: {other:?}"),
    };
    lines.join("\n")
}

fn alt(app: &mut App, c: char) {
    key_event(app, KeyCode::Char(c), KeyModifiers::ALT);
}

/// Drives the shell keys through the open field. `end` is the key that
/// goes to the end of the line there (`Ctrl-e`, or `End` in the list, where
/// `Ctrl-e` writes a note).
fn shell_keys(app: &mut App, end: &dyn Fn(&mut App)) {
    end(app);
    ctrl(app, 'u');
    assert_eq!(field(app), "", "Ctrl-u at the end clears the line");
    press(app, "alpha beta gamma");
    ctrl(app, 'w');
    assert_eq!(field(app), "alpha beta ", "Ctrl-w deletes the word before the cursor");
    ctrl(app, 'a');
    press(app, "X");
    assert_eq!(field(app), "Xalpha beta ", "Ctrl-a goes to the start");
    alt(app, 'f');
    press(app, "Y");
    assert_eq!(field(app), "XalphaY beta ", "Alt-f goes to the end of the word");
    end(app);
    alt(app, 'b');
    press(app, "Z");
    assert_eq!(field(app), "XalphaY Zbeta ", "Alt-b goes to the start of the word before");
    end(app);
    press(app, "!");
    assert_eq!(field(app), "XalphaY Zbeta !", "end of line");
    key(app, KeyCode::Home);
    key(app, KeyCode::Delete);
    key(app, KeyCode::Right);
    key(app, KeyCode::Backspace);
    assert_eq!(field(app), "lphaY Zbeta !", "Home, Delete, Right, Backspace");
    key(app, KeyCode::End);
    key(app, KeyCode::Left);
    key(app, KeyCode::Left);
    ctrl(app, 'u');
    assert_eq!(field(app), " !", "Ctrl-u deletes to the start of the line (not undo)");
    ctrl(app, 'a');
    ctrl(app, 'k');
    assert_eq!(field(app), "", "Ctrl-k deletes to the end");
    ctrl(app, 'y');
    assert_eq!(field(app), " !", "Ctrl-y puts it back");
}

fn ctrl_e(app: &mut App) {
    ctrl(app, 'e');
}

fn end_key(app: &mut App) {
    key(app, KeyCode::End);
}

#[test]
fn the_search_bar_edits_like_a_shell() {
    let mut app = bundled_app(120, 40, true);
    press(&mut app, "/");
    shell_keys(&mut app, &ctrl_e);
}

#[test]
fn the_tag_pickers_name_edits_like_a_shell() {
    let mut app = bundled_app(120, 40, true);
    press(&mut app, "t");
    shell_keys(&mut app, &ctrl_e);
}

#[test]
fn rename_and_describe_edit_like_a_shell() {
    let mut app = bundled_app(120, 40, true);
    press(&mut app, "tclaim\n");
    press(&mut app, "Tr");
    assert!(!field(&app).is_empty(), "rename starts from the name");
    shell_keys(&mut app, &ctrl_e);
    press(&mut app, "\u{1b}e");
    shell_keys(&mut app, &ctrl_e);
}

#[test]
fn the_export_path_edits_like_a_shell() {
    let mut app = bundled_app(120, 40, true);
    press(&mut app, "X");
    shell_keys(&mut app, &ctrl_e);
}

#[test]
fn the_list_filter_edits_like_a_shell_with_end_for_end_of_line() {
    let mut app = bundled_app(120, 40, true);
    press(&mut app, "tclaim\n");
    press(&mut app, "a");
    shell_keys(&mut app, &end_key);
}

#[test]
fn search_opens_empty_and_up_and_down_walk_the_history() {
    let mut app = bundled_app(120, 40, true);
    press(&mut app, "/tiktok\n");
    press(&mut app, "/");
    assert_eq!(field(&app), "", "a new search starts empty");
    press(&mut app, "uighur\n");
    press(&mut app, "/wech");
    key(&mut app, KeyCode::Up);
    assert_eq!(field(&app), "uighur", "newest first");
    assert_eq!(app.search.as_ref().map(|s| s.query.as_str()), Some("uighur"));
    key(&mut app, KeyCode::Up);
    assert_eq!(field(&app), "tiktok");
    key(&mut app, KeyCode::Up);
    assert_eq!(field(&app), "tiktok", "the oldest stays");
    key(&mut app, KeyCode::Down);
    assert_eq!(field(&app), "uighur");
    key(&mut app, KeyCode::Down);
    assert_eq!(field(&app), "wech", "back to what was being typed");
    press(&mut app, "\u{1b}/");
    key(&mut app, KeyCode::Up);
    assert_eq!(field(&app), "uighur", "the history outlives Esc");
}
