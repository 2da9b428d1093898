//! Selecting with the mouse (issue 12), through the terminal's own mouse
//! events (`terminal::action_for`): drag from grapheme to grapheme snapped
//! to words (exact with Alt), double and triple clicks, Shift-click, and
//! scrolling when a drag goes past the pane's edge.

mod common;

use common::*;
use crosstalk::ui::{App, Mode, update};
use jiff::Timestamp;
use ratatui::crossterm::event::{Event, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

fn mouse(app: &mut App, kind: MouseEventKind, (column, row): (u16, u16), modifiers: KeyModifiers) {
    let event = Event::Mouse(MouseEvent { kind, column, row, modifiers });
    if let Some(action) = crosstalk::ui::terminal::action_for(app, &event) {
        update(app, action);
    }
}

fn drag(app: &mut App, from: (u16, u16), to: (u16, u16), modifiers: KeyModifiers) {
    mouse(app, MouseEventKind::Down(MouseButton::Left), from, modifiers);
    mouse(app, MouseEventKind::Drag(MouseButton::Left), to, modifiers);
    mouse(app, MouseEventKind::Up(MouseButton::Left), to, modifiers);
}

/// The screen cell of the `n`th character of `needle` in the focused pane.
fn cell(app: &App, needle: &str, n: usize) -> (u16, u16) {
    cells_of(app, &buffer(app), needle)[n]
}

fn coded(app: &mut App) -> String {
    press(app, "1");
    let h = app.annotations.highlights().last().expect("a highlight").clone();
    h.quote.exact.clone()
}

#[test]
fn a_drag_selects_whole_words_and_alt_drag_exact_characters() {
    let mut app = bundled_app(120, 40, true);
    // From inside “national” to inside “concerns”: snapped to the words.
    let from = cell(&app, "national", 3);
    let to = cell(&app, "concerns", 2);
    drag(&mut app, from, to, KeyModifiers::NONE);
    assert_eq!(app.mode(), Mode::Select, "a selection is there to code");
    assert_eq!(coded(&mut app), "national security concerns");
    // Backwards works the same.
    let mut app = bundled_app(120, 40, true);
    drag(&mut app, to, from, KeyModifiers::NONE);
    assert_eq!(coded(&mut app), "national security concerns");
    // With Alt: from the grapheme pressed to the one under the pointer.
    let mut app = bundled_app(120, 40, true);
    drag(&mut app, from, to, KeyModifiers::ALT);
    assert_eq!(coded(&mut app), "ional security con");
    // Pressed on punctuation, or dragged to it: the words beside it, not
    // the comma (“concerns, the Trump”).
    let comma = cell(&app, "concerns,", 8);
    let trump = cell(&app, "Trump", 2);
    for (a, b) in [(comma, trump), (trump, comma)] {
        let mut app = bundled_app(120, 40, true);
        drag(&mut app, a, b, KeyModifiers::NONE);
        assert_eq!(coded(&mut app), "the Trump");
    }
    let mut app = bundled_app(120, 40, true);
    drag(&mut app, from, comma, KeyModifiers::NONE);
    assert_eq!(coded(&mut app), "national security concerns");
    let mut app = bundled_app(120, 40, true);
    drag(&mut app, from, comma, KeyModifiers::ALT);
    assert_eq!(coded(&mut app), "ional security concerns,", "exact with Alt");
}

#[test]
fn double_click_selects_a_word_and_triple_click_a_sentence() {
    let mut app = bundled_app(120, 40, true);
    let at = cell(&app, "security", 4);
    let click = |app: &mut App, ms: i64| {
        app.now = Timestamp::from_millisecond(ms).expect("time");
        mouse(app, MouseEventKind::Down(MouseButton::Left), at, KeyModifiers::NONE);
        mouse(app, MouseEventKind::Up(MouseButton::Left), at, KeyModifiers::NONE);
    };
    click(&mut app, 1_000);
    click(&mut app, 1_200);
    assert!(app.selection.is_some(), "a double click selects");
    let mut double = app.clone();
    assert_eq!(coded(&mut double), "security");
    click(&mut app, 1_400);
    let quote = coded(&mut app);
    assert!(
        quote.starts_with("Citing national security concerns,") && quote.ends_with("bans to come.")
    );
    // Too slow for a double click: a plain click, no selection.
    let mut app = bundled_app(120, 40, true);
    click(&mut app, 1_000);
    click(&mut app, 3_000);
    assert_eq!(app.selection, None);
}

#[test]
fn dragging_on_from_a_double_click_extends_the_word_a_word_at_a_time() {
    let mut app = bundled_app(120, 40, true);
    let at = cell(&app, "security", 4);
    let to = cell(&app, "administration", 3);
    app.now = Timestamp::from_millisecond(1_000).expect("time");
    mouse(&mut app, MouseEventKind::Down(MouseButton::Left), at, KeyModifiers::NONE);
    mouse(&mut app, MouseEventKind::Up(MouseButton::Left), at, KeyModifiers::NONE);
    app.now = Timestamp::from_millisecond(1_200).expect("time");
    mouse(&mut app, MouseEventKind::Down(MouseButton::Left), at, KeyModifiers::NONE);
    mouse(&mut app, MouseEventKind::Drag(MouseButton::Left), to, KeyModifiers::NONE);
    mouse(&mut app, MouseEventKind::Up(MouseButton::Left), to, KeyModifiers::NONE);
    assert_eq!(coded(&mut app), "security concerns, the Trump administration");
}

#[test]
fn shift_click_extends_the_selection() {
    let mut app = bundled_app(120, 40, true);
    press(&mut app, "wvv"); // “national”, finished
    let to = cell(&app, "administration", 3);
    mouse(&mut app, MouseEventKind::Down(MouseButton::Left), to, KeyModifiers::SHIFT);
    mouse(&mut app, MouseEventKind::Up(MouseButton::Left), to, KeyModifiers::SHIFT);
    assert_eq!(coded(&mut app), "national security concerns, the Trump administration");
}

#[test]
fn a_drag_past_the_bottom_scrolls_the_pane_and_keeps_selecting() {
    let mut app = bundled_app(80, 16, true);
    let from = cell(&app, "Citing", 0);
    let area = focused_text_area(&app);
    let top_before = app.panes[0].top;
    mouse(&mut app, MouseEventKind::Down(MouseButton::Left), from, KeyModifiers::NONE);
    for _ in 0..5 {
        mouse(
            &mut app,
            MouseEventKind::Drag(MouseButton::Left),
            (area.x + 5, area.bottom() + 1),
            KeyModifiers::NONE,
        );
    }
    mouse(
        &mut app,
        MouseEventKind::Up(MouseButton::Left),
        (area.x + 5, area.bottom() + 1),
        KeyModifiers::NONE,
    );
    assert_ne!(app.panes[0].top, top_before, "the pane scrolled");
    let quote = coded(&mut app);
    assert!(quote.starts_with("Citing national security concerns"), "{quote}");
    assert!(quote.len() > 200, "it kept selecting as it scrolled: {quote}");
    assert_eq!(quote, quote.trim());
}

#[test]
fn a_plain_click_still_moves_the_cursor_and_selects_nothing() {
    let mut app = bundled_app(120, 40, true);
    let at = cell(&app, "security", 0);
    mouse(&mut app, MouseEventKind::Down(MouseButton::Left), at, KeyModifiers::NONE);
    mouse(&mut app, MouseEventKind::Up(MouseButton::Left), at, KeyModifiers::NONE);
    assert_eq!(app.selection, None);
    assert_eq!(app.mode(), Mode::Read);
}

/// A click on a sentence whose start is above the top of the pane leaves
/// the view where it is: a double click selects the word that was under
/// the pointer, a drag the words it passed over (the view had jumped to
/// the sentence's start, putting other words under the second click).
#[test]
fn a_click_on_a_sentence_begun_above_the_top_does_not_move_the_text() {
    for turns in [false, true] {
        let mut app = bundled_app(120, 32, true);
        if turns {
            press(&mut app, "i");
        }
        // Scroll the pane on a little, so a sentence runs in from above.
        let over = cell(&app, "national", 0);
        for _ in 0..2 {
            mouse(&mut app, MouseEventKind::ScrollDown, over, KeyModifiers::NONE);
        }
        let before = rows(&buffer(&app));
        // A word on the top text row (in a sentence that began above it).
        let words = |row: &str| -> Vec<(usize, String)> {
            let mut out = Vec::new();
            for (i, w) in row.split(' ').enumerate() {
                let clean: String = w.chars().filter(|c| c.is_alphabetic()).collect();
                if clean.len() >= 6 && clean == w && clean.chars().all(|c| c.is_lowercase()) {
                    out.push((i, clean));
                }
            }
            out
        };
        let r = (3..before.len()).find(|&r| !words(&before[r]).is_empty()).expect("a text row");
        let word = words(&before[r])[0].1.clone();
        let col = before[r]
            .find(&format!(" {word} "))
            .map(|b| before[r][..b].chars().count() + 1)
            .expect("on the row");
        let at = (col as u16 + 2, r as u16);
        let click = |app: &mut App, ms: i64| {
            app.now = Timestamp::from_millisecond(ms).expect("time");
            mouse(app, MouseEventKind::Down(MouseButton::Left), at, KeyModifiers::NONE);
            mouse(app, MouseEventKind::Up(MouseButton::Left), at, KeyModifiers::NONE);
        };
        click(&mut app, 1_000);
        assert_eq!(rows(&buffer(&app))[r], before[r], "turns {turns}: the text stays put");
        click(&mut app, 1_200);
        assert_eq!(coded(&mut app), word, "turns {turns}");
    }
}
