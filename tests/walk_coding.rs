//! What a newcomer's walk through span coding, the mouse, the picker, KWIC
//! and auto-code at 60×20 and 200×60 found (issue 12), each through keys.

mod common;

use common::*;
use crosstalk::ui::{App, Mode};

fn status(app: &App) -> String {
    rows(&buffer(app)).last().cloned().unwrap_or_default()
}

fn info(app: &App) -> String {
    let rows = rows(&buffer(app));
    rows[rows.len() - 2].clone()
}

#[test]
fn moving_the_start_past_the_end_after_o_keeps_a_whole_word() {
    let mut app = bundled_app(60, 20, true);
    press(&mut app, "wwv"); // “security”
    press(&mut app, "o)");
    press(&mut app, "1");
    let quote = &app.annotations.highlights()[0].quote.exact;
    assert!(quote.starts_with("security"), "not a stray letter: {quote:?}");
    let mut app = bundled_app(60, 20, true);
    press(&mut app, "wwvwwow1");
    let quote = &app.annotations.highlights()[0].quote.exact;
    assert_eq!(quote, "concerns, the", "the start moved a word on");
    let mut app = bundled_app(60, 20, true);
    press(&mut app, "wwvwwoww1");
    let quote = &app.annotations.highlights()[0].quote.exact;
    assert_eq!(quote, "the", "past the end: the last word stays");
}

#[test]
fn a_finished_selection_hints_the_keys_that_code_it() {
    let mut app = bundled_app(120, 20, true);
    press(&mut app, "wvwv");
    assert_eq!(app.mode(), Mode::Select);
    let bar = status(&app);
    assert!(bar.contains("t tag") && bar.contains("1–9 quick tag"), "{bar}");
    assert!(!bar.contains("j/k extend"), "j/k let it go: {bar}");
}

#[test]
fn a_finished_selection_is_let_go_when_the_focus_goes_to_another_voice() {
    // A selection left drawn in one voice while `t`, a digit or `e` acted on
    // the cursor's sentence in the voice focused: `2` said “tagged” and
    // coded a sentence of Hoffman's while Seiff's phrase stayed selected.
    for (how, keys) in [("l", "l"), ("Tab", "\t"), ("h", "h"), ("a search", "/Uighur\n")] {
        let mut app = bundled_app(120, 32, true);
        press(&mut app, "lwvwv");
        let selected = app.selection.expect("a finished selection");
        press(&mut app, keys);
        assert_ne!(app.focus, selected.voice, "{how}: the focus moved");
        assert_eq!(app.selection, None, "{how}: the selection in the voice left is let go");
        let bar = status(&app);
        assert!(!bar.contains("2 words"), "{how}: the status bar no longer shows it: {bar}");
        press(&mut app, "1");
        let h = app.annotations.highlights().last().expect("coded").clone();
        assert_eq!(h.voice, app.focus, "{how}: what is coded is in the voice focused");
    }
    // Within the voice, a search's jump keeps it: `1` codes what is shown.
    let mut app = bundled_app(120, 32, true);
    press(&mut app, "wvwv");
    let selected = app.selection.expect("a finished selection");
    press(&mut app, "n");
    press(&mut app, "1");
    let h = app.annotations.highlights().last().expect("coded").clone();
    assert_eq!((h.voice, h.start, h.end), (selected.voice, selected.range().0, selected.range().1));
}

#[test]
fn b_at_the_start_of_a_voice_says_so_while_selecting() {
    let mut app = bundled_app(60, 20, true);
    press(&mut app, "v");
    press(&mut app, &"b".repeat(80));
    assert_eq!(app.message.as_deref(), Some("at the start of this voice"));
}

#[test]
fn kwic_keeps_the_texts_spacing_and_its_count_follows_the_cursor() {
    for (w, h) in [(60, 20), (200, 60)] {
        let mut app = bundled_app(w, h, true);
        press(&mut app, "/WeChat\ns");
        let text = screen_text(&buffer(&app));
        assert!(!text.contains("WeChat ,") && !text.contains("WeChat ."), "{w}: {text}");
        press(&mut app, "jj");
        let screen = screen_text(&buffer(&app));
        assert!(screen.contains("match 3 of"), "{w}: {screen}");
        assert!(!screen.contains("match 1 of"), "{w}: no stale count: {screen}");
        // Context cut at the panel's edge says so.
        assert!(text.contains('…'), "{w}: {text}");
    }
}

#[test]
fn a_long_message_is_shown_whole_on_up_to_three_lines_then_cut_with_an_ellipsis() {
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    // Three lines above the status bar, over the panes; whole.
    let mut app = bundled_app(60, 20, true);
    press(&mut app, "/WeChat\n&censor\n");
    let message = app.message.clone().expect("a message");
    let drawn = rows(&buffer(&app));
    let above = drawn.len() - 4;
    let from = (above..drawn.len() - 1).find(|&r| drawn[r].starts_with(" auto-coded"));
    let from = from.unwrap_or_else(|| panic!("the message's start above the bar: {drawn:?}"));
    assert!(from < drawn.len() - 2, "on more than one line at 60 columns");
    let shown = words(&drawn[from..drawn.len() - 1].join(" "));
    assert!(shown.ends_with(&words(&message)), "the message whole: {shown}");
    // Past three lines, the third ends with `…`: a message of 200 words.
    app.message = Some(["word"; 200].join(" "));
    let drawn = rows(&buffer(&app));
    assert!(drawn[drawn.len() - 4].starts_with(" word word"), "{drawn:?}");
    assert!(info(&app).trim_end().ends_with('…'), "{}", info(&app));
}

#[test]
fn the_chooser_and_the_picker_show_both_ends_of_a_passage() {
    let mut app = bundled_app(80, 24, true);
    press(&mut app, "3vjj2g");
    press(&mut app, "d");
    assert_eq!(app.mode(), Mode::Choose);
    let text = screen_text(&buffer(&app));
    let rows: Vec<&str> = text.lines().filter(|l| l.contains('“')).collect();
    assert!(rows.len() >= 2, "{text}");
    assert_ne!(rows[0].split('·').next(), rows[1].split('·').next(), "tell-apart quotes: {text}");
}
