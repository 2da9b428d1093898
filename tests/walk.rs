//! What a newcomer's walk through every mode at 60×20 and 200×60 found cut,
//! hidden, stale or jumping (issue 11), each driven through the real keys.

mod common;

use common::*;
use crosstalk::ui::export::Exported;
use crosstalk::ui::{Action, App, Command, Mode, update};
use ratatui::crossterm::event::KeyCode;

fn info_line(app: &App) -> String {
    let rows = rows(&buffer(app));
    rows[rows.len() - 2].clone()
}

/// One highlight with a note on the first sentence of the first voice.
fn noted(w: u16, h: u16, note: &str) -> App {
    let mut app = bundled_app(w, h, true);
    press(&mut app, "1e");
    press(&mut app, note);
    press(&mut app, "\u{1b}y");
    assert_eq!(app.mode(), Mode::Read);
    app
}

#[test]
fn the_list_and_matrix_leave_the_info_line_in_view() {
    for (w, h) in [(60, 20), (200, 60)] {
        let mut app = bundled_app(w, h, true);
        press(&mut app, "1");
        press(&mut app, "a");
        ctrl(&mut app, 'd');
        assert_eq!(app.mode(), Mode::List);
        let message = app.message.clone().expect("what Ctrl-d did");
        let info = info_line(&app);
        assert!(info.contains(&message[..message.len().min(20)]), "{w}: {message:?} in {info:?}");
        press(&mut app, "\u{1b}m");
        assert!(!info_line(&app).contains('┗'), "{w}: no border on the info line");
    }
}

#[test]
fn a_list_row_shows_its_tags_whole_or_cut_with_an_ellipsis() {
    for (w, h) in [(60, 20), (200, 60)] {
        let mut app = bundled_app(w, h, true);
        press(&mut app, "1");
        press(&mut app, "t");
        press(&mut app, "critique\n");
        press(&mut app, "a");
        let text = screen_text(&buffer(&app));
        let row = text.lines().find(|l| l.contains("Seiff")).expect("the row").to_owned();
        if w == 200 {
            assert!(row.contains("risk-mitigation proposal"), "{w}: {row}");
            assert!(row.contains("critique of the ban") && row.contains('“'), "{w}: {row}");
        } else {
            // Cut, but marked: with `…`, the tag left over counted.
            assert!(row.contains("risk-miti…") && row.contains("+1"), "{w}: {row}");
        }
    }
}

#[test]
fn the_note_on_the_info_line_is_cut_with_an_ellipsis() {
    let note = "This is a fairly long note that certainly will not fit on a narrow info line";
    let mut app = noted(60, 20, note);
    press(&mut app, "?\u{1b}"); // a key clears "note saved"
    let info = info_line(&app);
    assert!(info.contains("✎ This is"), "{info}");
    assert!(info.trim_end().ends_with('…'), "cut with …: {info:?}");
}

#[test]
fn the_note_editor_ends_a_long_passage_with_an_ellipsis_and_its_closing_quote() {
    for (w, h) in [(60, 20), (200, 60)] {
        let mut app = bundled_app(w, h, true);
        press(&mut app, "vjjv1e");
        assert_eq!(app.mode(), Mode::Note);
        let text = screen_text(&buffer(&app));
        let quote: Vec<&str> =
            text.lines().filter(|l| l.contains('“') || l.contains('”')).collect();
        let end = quote.iter().find(|l| l.contains('”')).unwrap_or_else(|| panic!("{w}: {text}"));
        assert!(end.contains("…”"), "{w}: {end}");
    }
}

#[test]
fn a_failed_export_keeps_its_whole_error_in_the_dialog_and_clears_the_progress_message() {
    let mut app = bundled_app(60, 20, true);
    press(&mut app, "X");
    let Command::Export(request) = press(&mut app, "\n") else { panic!("an export") };
    // What the event loop does when it starts the write, then its report.
    app.message = Some(format!("exporting to {}…", request.path.display()));
    let why = "/tmp/walkx/nodir/out.md: No such file or directory (os error 2)";
    update(&mut app, Action::Exported(Exported::Failed(why.into())));
    assert_eq!(app.mode(), Mode::Export, "the dialog stays to fix the path");
    assert_eq!(app.message, None, "nothing says it is still exporting");
    let text = squeeze(&screen_text(&buffer(&app)).replace('┃', " "));
    assert!(text.contains("(os error 2)"), "the error whole: {text}");
}

fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn compare_and_merge_pickers_do_not_offer_a_new_tag() {
    let mut app = bundled_app(60, 20, true);
    press(&mut app, "1c");
    let text = screen_text(&buffer(&app));
    assert!(!text.contains("name a new tag"), "{text}");
    assert!(text.contains("Enter compare"), "the status says what Enter does: {text}");
    press(&mut app, "xyz\n");
    assert_eq!(app.message.as_deref(), Some("no tag matches “xyz”"));
    press(&mut app, "\u{1b}Tm");
    let text = screen_text(&buffer(&app));
    assert!(!text.contains("name a new tag") && text.contains("Enter merge"), "{text}");
}

#[test]
fn the_matrix_says_which_contributors_are_on_screen() {
    let mut app = bundled_app(60, 20, true);
    press(&mut app, "1m");
    let text = screen_text(&buffer(&app));
    assert!(text.contains("1–2 of 5 ›"), "{text}");
    press(&mut app, "llll");
    let text = screen_text(&buffer(&app));
    assert!(text.contains("‹ ") && text.contains("of 5"), "{text}");
}

#[test]
fn the_tag_managers_selected_row_shows_the_tags_colour() {
    let mut app = bundled_app(200, 60, true);
    press(&mut app, "T");
    let colour = |app: &App| {
        let buf = buffer(app);
        let name = &app.annotations.tags()[0].name;
        let (x, y) = (0..buf.area.height)
            .find_map(|y| {
                let row: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
                row.find(name.as_str()).map(|at| (row[..at].chars().count() as u16, y))
            })
            .expect("the tag's row");
        buf[(x, y)].bg
    };
    let before = colour(&app);
    press(&mut app, "c");
    let after = colour(&app);
    assert_ne!(before, after, "the new colour shows on the selected row at once");
    assert_eq!(after, {
        let c = app.annotations.tags()[0].color;
        ratatui::style::Color::Rgb(c.0, c.1, c.2)
    });
}

#[test]
fn a_quick_key_already_set_is_no_change_and_a_moved_key_is_told() {
    let mut app = bundled_app(60, 20, true);
    press(&mut app, "T");
    let revision = app.annotations.revision();
    press(&mut app, "1"); // the first tag is already on key 1
    assert_eq!(app.annotations.revision(), revision, "no edit, nothing to undo");
    press(&mut app, "j1");
    let message = app.message.clone().unwrap_or_default();
    assert!(message.contains("on key 1") && message.contains("has no key now"), "{message}");
}

#[test]
fn help_pages_and_jumps_to_its_ends() {
    let mut app = bundled_app(60, 20, true);
    press(&mut app, "?");
    let top = screen_text(&buffer(&app));
    key(&mut app, KeyCode::PageDown);
    let paged = screen_text(&buffer(&app));
    assert_ne!(top, paged, "PgDn scrolls");
    press(&mut app, "G");
    let end = screen_text(&buffer(&app));
    assert!(end.contains("quit"), "the last binding (help's own) shows: {end}");
    press(&mut app, "g");
    assert_eq!(screen_text(&buffer(&app)), top);
}
