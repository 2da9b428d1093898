//! Whole screens: snapshots at three sizes, styles on the buffer, motions,
//! mouse, resizing, and tiny terminals.

mod common;

use common::*;
use crosstalk::ui::core::action::Pointer;
use crosstalk::ui::pane::Motion;
use crosstalk::ui::{Action, Mode, update};
use proptest::prelude::*;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};
use ratatui::widgets::BorderType;

#[test]
fn start_screen_80x24() {
    let app = bundled_app(80, 24, true);
    insta::assert_snapshot!(screen_text(&buffer(&app)));
}

#[test]
fn start_screen_120x40() {
    let app = bundled_app(120, 40, true);
    insta::assert_snapshot!(screen_text(&buffer(&app)));
}

#[test]
fn start_screen_200x50() {
    let app = bundled_app(200, 50, true);
    insta::assert_snapshot!(screen_text(&buffer(&app)));
}

#[test]
fn help_overlay_lists_every_binding() {
    // Tall enough for the whole list (the overlay scrolls in smaller ones).
    let mut app = bundled_app(120, 250, true);
    update(&mut app, Action::ToggleHelp);
    let text = screen_text(&buffer(&app));
    for b in crosstalk::ui::keymap::all() {
        assert!(text.contains(b.description), "help lacks {:?}", b.description);
        assert!(
            text.contains(&crosstalk::ui::keymap::keys_label(b)),
            "help lacks keys of {:?}",
            b.description
        );
    }
    insta::assert_snapshot!(text);
}

#[test]
fn panes_on_screen_two_at_80_three_at_120_five_at_200() {
    for (width, count) in [(80, 2), (120, 3), (200, 5), (79, 2), (60, 1)] {
        let app = bundled_app(width, 30, true);
        assert_eq!(app.screen().expect("fits").panes.len(), count, "at {width} columns");
    }
    let text = screen_text(&buffer(&bundled_app(80, 24, true)));
    assert!(text.contains("1–2 of 5 on screen"), "{text}");
    assert!(
        text.lines().next().is_some_and(|l| l.contains("https://www.china")),
        "source in the header: {text}"
    );
}

#[test]
fn focus_moves_the_strip_of_panes() {
    let mut app = bundled_app(80, 24, true);
    for _ in 0..3 {
        update(&mut app, Action::FocusNext);
    }
    assert_eq!(app.focus, 3);
    let text = screen_text(&buffer(&app));
    assert!(text.contains("Julian Ku") && text.contains("Yaqiu Wang"), "{text}");
    assert!(!text.contains("Abby Seiff ·"), "{text}");
    assert!(text.contains("3–4 of 5 on screen"), "{text}");
    update(&mut app, Action::FocusPrev);
    update(&mut app, Action::FocusPrev);
    update(&mut app, Action::FocusPrev);
    assert_eq!((app.focus, app.first_visible), (0, 0));
    update(&mut app, Action::FocusPrev);
    assert_eq!(app.focus, 4, "focus wraps around");
}

#[test]
fn cursor_and_focus_are_styled_distinctly() {
    for color in [true, false] {
        let app = bundled_app(80, 24, color);
        let buf = buffer(&app);
        let screen = app.screen().expect("fits");
        let (focused, other) = (screen.panes[0].1, screen.panes[1].1);
        // The cursor sentence of the focused pane is reversed, and only there.
        let reversed = cells_with(&buf, app.text_area(focused), Modifier::REVERSED);
        assert!(reversed.len() > 100, "cursor sentence is reversed (color={color})");
        assert!(reversed.iter().all(|&(_, y)| y < 3 + 6), "only the first sentence");
        assert!(
            !buf[(2, 3)].symbol().trim().is_empty()
                && buf[(2, 3)].modifier.contains(Modifier::REVERSED)
        );
        let other_text = app.text_area(other);
        assert!(cells_with(&buf, other_text, Modifier::REVERSED).is_empty());
        // The unfocused pane marks its cursor sentence in the gutter.
        assert_eq!(buf[(other_text.x - 1, other_text.y)].symbol(), "›");
        assert_eq!(
            buf[(focused.x + 1, focused.y + 1)].symbol(),
            " ",
            "no mark in the focused pane"
        );
        // The focused pane has a thick, bold border; the other a plain one.
        let thick = BorderType::border_symbols(BorderType::Thick).top_left;
        let plain = BorderType::border_symbols(BorderType::Plain).top_left;
        assert_eq!(buf[(focused.x, focused.y)].symbol(), thick);
        assert!(buf[(focused.x, focused.y)].modifier.contains(Modifier::BOLD));
        assert_eq!(buf[(other.x, other.y)].symbol(), plain);
        assert!(!buf[(other.x, other.y)].modifier.contains(Modifier::BOLD));
        if !color {
            // NO_COLOR: not one colour anywhere, so no colour change is ever sent.
            for cell in buf.content() {
                assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset));
            }
        }
    }
}

#[test]
fn cursor_moves_by_sentence_and_paragraph() {
    let mut app = bundled_app(80, 24, true);
    update(&mut app, Action::Move(Motion::NextSentence));
    assert_eq!((app.panes[0].cursor.para, app.panes[0].cursor.sentence), (0, 1));
    for _ in 0..2 {
        update(&mut app, Action::Move(Motion::NextSentence));
    }
    assert_eq!(
        (app.panes[0].cursor.para, app.panes[0].cursor.sentence),
        (1, 0),
        "crosses paragraphs"
    );
    update(&mut app, Action::Move(Motion::PrevSentence));
    assert_eq!((app.panes[0].cursor.para, app.panes[0].cursor.sentence), (0, 2));
    update(&mut app, Action::Move(Motion::NextParagraph));
    update(&mut app, Action::Move(Motion::NextParagraph));
    assert_eq!(app.panes[0].cursor.para, 2);
    update(&mut app, Action::Move(Motion::Last));
    assert_eq!((app.panes[0].cursor.para, app.panes[0].cursor.sentence), (4, 4));
    let text = screen_text(&buffer(&app));
    assert!(text.contains("leave the rest of the globe?"), "bottom is shown: {text}");
    assert!(text.contains("¶5/5 · sentence 5/5"), "{text}");
    update(&mut app, Action::Move(Motion::First));
    assert_eq!(app.panes[0].cursor, Default::default());
}

#[test]
fn each_pane_remembers_its_place() {
    let mut app = bundled_app(80, 24, true);
    update(&mut app, Action::Move(Motion::Last));
    update(&mut app, Action::FocusNext);
    update(&mut app, Action::Move(Motion::NextParagraph));
    update(&mut app, Action::FocusPrev);
    assert_eq!(app.panes[0].cursor.para, 4);
    assert_eq!(app.panes[1].cursor.para, 1);
    assert!(screen_text(&buffer(&app)).contains("leave the rest of the globe?"));
}

#[test]
fn page_down_and_up_move_a_screen() {
    let mut app = bundled_app(80, 24, true);
    let before = screen_text(&buffer(&app));
    update(&mut app, Action::Move(Motion::PageDown));
    let after = screen_text(&buffer(&app));
    assert_ne!(before, after);
    assert!(app.panes[0].cursor.para >= 1, "cursor moved down a page");
    for _ in 0..20 {
        update(&mut app, Action::Move(Motion::PageDown));
    }
    assert_eq!(app.panes[0].cursor.para, 4, "page down stops at the end");
    for _ in 0..20 {
        update(&mut app, Action::Move(Motion::PageUp));
    }
    assert_eq!(app.panes[0].cursor, Default::default());
    assert_eq!(screen_text(&buffer(&app)), before);
}

#[test]
fn wheel_scrolls_the_pane_under_the_pointer_and_click_focuses() {
    let mut app = bundled_app(80, 24, true);
    let screen = app.screen().expect("fits");
    let right = screen.panes[1].1;
    let top_before = app.panes[1].top;
    update(&mut app, Action::Scroll { column: right.x + 5, row: right.y + 5, lines: 3 });
    assert_ne!(app.panes[1].top, top_before, "right pane scrolled");
    assert_eq!(app.panes[0].top, Default::default(), "left pane did not");
    assert_eq!(app.focus, 0, "wheel does not move focus");
    // Click the 3rd text row of the right pane: focus moves, cursor follows.
    let text = app.text_area(right);
    update(&mut app, Action::Press(Pointer::at(text.x + 3, text.y + 2)));
    assert_eq!(app.focus, 1);
    let buf = buffer(&app);
    assert!(
        buf[(text.x + 3, text.y + 2)].modifier.contains(Modifier::REVERSED),
        "clicked sentence is the cursor"
    );
    // A click on the header does nothing.
    update(&mut app, Action::Press(Pointer::at(1, 0)));
    assert_eq!(app.focus, 1);
}

#[test]
fn scrolling_keeps_the_cursor_on_screen() {
    let mut app = bundled_app(80, 24, true);
    let pane = app.screen().expect("fits").panes[0].1;
    for _ in 0..10 {
        update(&mut app, Action::Scroll { column: pane.x + 1, row: pane.y + 1, lines: 3 });
        let buf = buffer(&app);
        assert!(!cells_with(&buf, focused_text_area(&app), Modifier::REVERSED).is_empty());
    }
    for _ in 0..10 {
        update(&mut app, Action::Scroll { column: pane.x + 1, row: pane.y + 1, lines: -3 });
        let buf = buffer(&app);
        assert!(!cells_with(&buf, focused_text_area(&app), Modifier::REVERSED).is_empty());
    }
    assert_eq!(app.panes[0].top, Default::default());
}

#[test]
fn too_small_terminals_say_so_and_never_panic() {
    for (w, h) in [(1, 1), (2, 1), (1, 2), (10, 3), (29, 30), (100, 8), (0, 0), (5, 40)] {
        let mut app = bundled_app(w, h, true);
        for action in [
            Action::Move(Motion::Last),
            Action::FocusNext,
            Action::ToggleHelp,
            Action::Press(Pointer::at(0, 0)),
        ] {
            update(&mut app, action);
            let text = screen_text(&buffer(&app));
            if w >= 20 && h >= 2 {
                assert!(text.contains("too small"), "{w}x{h}: {text}");
            }
        }
    }
}

#[test]
fn resizing_keeps_the_cursor_sentence_in_view() {
    let mut app = bundled_app(200, 50, true);
    update(&mut app, Action::FocusNext);
    update(&mut app, Action::FocusNext);
    update(&mut app, Action::FocusNext);
    update(&mut app, Action::FocusNext);
    update(&mut app, Action::Move(Motion::Last));
    for (w, h) in [(80, 24), (40, 10), (1, 1), (120, 40), (31, 8), (200, 50)] {
        update(&mut app, Action::Resize { width: w, height: h });
        assert_eq!(app.focus, 4);
        if app.screen().is_some() {
            let buf = buffer(&app);
            assert!(
                !cells_with(&buf, focused_text_area(&app), Modifier::REVERSED).is_empty(),
                "{w}x{h}"
            );
            assert!(
                app.screen().expect("fits").panes.iter().any(|(v, _)| *v == 4),
                "focus on screen at {w}x{h}"
            );
        }
    }
}

#[test]
fn help_opens_scrolls_and_closes() {
    let mut app = bundled_app(80, 12, true);
    update(&mut app, Action::ToggleHelp);
    assert_eq!(app.mode(), Mode::Help);
    let first = screen_text(&buffer(&app));
    update(&mut app, Action::Down);
    assert_ne!(screen_text(&buffer(&app)), first, "help scrolls when it does not fit");
    update(&mut app, Action::Move(Motion::NextSentence));
    assert_eq!(app.panes[0].cursor, Default::default(), "keys act on help, not the pane");
    update(&mut app, Action::Escape);
    assert_eq!(app.mode(), Mode::Read);
}

fn any_action() -> impl Strategy<Value = Action> {
    prop_oneof![
        prop::sample::select(vec![
            Motion::NextSentence,
            Motion::PrevSentence,
            Motion::NextParagraph,
            Motion::PrevParagraph,
            Motion::First,
            Motion::Last,
            Motion::PageDown,
            Motion::PageUp,
        ])
        .prop_map(Action::Move),
        Just(Action::FocusNext),
        Just(Action::FocusPrev),
        (30u16..220, 9u16..70).prop_map(|(width, height)| Action::Resize { width, height }),
        (0u16..220, 0u16..70, -9i16..9).prop_map(|(column, row, lines)| Action::Scroll {
            column,
            row,
            lines
        }),
        (0u16..220, 0u16..70).prop_map(|(column, row)| Action::Press(Pointer::at(column, row))),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever a person does, the cursor sentence stays on screen in the
    /// focused pane, which stays on screen itself.
    #[test]
    fn cursor_is_always_visible(start in (30u16..220, 9u16..70), actions in prop::collection::vec(any_action(), 1..40)) {
        let mut app = bundled_app(start.0, start.1, true);
        for action in actions {
            update(&mut app, action.clone());
            let screen = app.screen().expect("sizes are above the minimum");
            prop_assert!(screen.panes.iter().any(|(v, _)| *v == app.focus));
            let buf = buffer(&app);
            prop_assert!(!cells_with(&buf, focused_text_area(&app), Modifier::REVERSED).is_empty(), "after {:?}", action);
        }
    }

    #[test]
    fn any_size_renders_without_panic(w in 0u16..260, h in 0u16..90, help in any::<bool>(), actions in prop::collection::vec(any_action(), 0..8)) {
        let mut app = bundled_app(w, h, false);
        if help {
            update(&mut app, Action::ToggleHelp);
        }
        for action in actions {
            let action = match action { Action::Resize { .. } => Action::Resize { width: w, height: h }, a => a };
            update(&mut app, action);
        }
        let _ = buffer(&app);
        prop_assert_eq!(buffer(&app).area, Rect::new(0, 0, w, h));
    }
}

#[test]
fn stepping_down_scrolls_smoothly_not_by_jumps() {
    let mut app = bundled_app(80, 24, true);
    let view = app.viewport();
    for _ in 0..60 {
        let before = app.panes[0];
        update(&mut app, Action::Move(Motion::NextSentence));
        let after = app.panes[0];
        let doc = &app.doc;
        let mut rows = crosstalk::ui::pane::rows(doc, &doc.voices()[0], view.width);
        let (old_top, new_top) = (before.top_row(&mut rows), after.top_row(&mut rows));
        let (first, last) = after.cursor_rows(&mut rows);
        let sentence_rows = rows.distance(first, last, 100).expect("ordered") + 1;
        let scrolled = rows.distance(old_top, new_top, 100).expect("never scrolls up on j");
        assert!(
            scrolled <= sentence_rows + 3,
            "j scrolled {scrolled} rows for a {sentence_rows}-row sentence"
        );
    }
}

#[test]
fn the_word_cursor_is_drawn_inside_the_current_match() {
    // After `/whack-a-mole` the match is the word cursor; `w` moves it to a
    // word inside the match, which was drawn as the match only: `v` / `t`
    // would act on a word the screen did not show.
    for color in [true, false] {
        let mut app = bundled_app(120, 40, color);
        press(&mut app, "/whack-a-mole\n");
        // The current match's own mark: its colour, or italic and reversed.
        let current = |buf: &ratatui::buffer::Buffer, c: (u16, u16)| {
            if color {
                buf[c].bg == Color::Indexed(208)
            } else {
                buf[c].modifier.contains(Modifier::ITALIC | Modifier::REVERSED)
            }
        };
        // At first the cursor is the whole match: the match's mark, underlined.
        let buf = buffer(&app);
        for c in cells_of(&app, &buf, "whack-a-mole") {
            assert!(current(&buf, c), "the current match's mark (color={color})");
            assert!(buf[c].modifier.contains(Modifier::UNDERLINED), "the cursor (color={color})");
        }
        press(&mut app, "w");
        let (start, end) = app.panes[app.focus].word.expect("a word cursor");
        let s = app.search.as_ref().expect("searched");
        let m = s.matches[s.current.expect("a current match")];
        assert!(m.start <= start && end <= m.end && (start, end) != (m.start, m.end), "inside");
        let v = &app.doc.voices()[app.focus];
        let text = app.doc.paragraph(v.paragraphs[start.para as usize]).text();
        let buf = buffer(&app);
        let all = cells_of(&app, &buf, "whack-a-mole");
        let before = text[m.start.byte as usize..start.byte as usize].chars().count();
        let len = text[start.byte as usize..end.byte as usize].chars().count();
        let word = &all[before..before + len];
        // Drawn as the word cursor is anywhere else.
        let is_cursor = |c: (u16, u16)| {
            let m = buf[c].modifier;
            m.contains(Modifier::UNDERLINED)
                && !m.contains(Modifier::REVERSED)
                && (!color || buf[c].bg == Color::Indexed(229))
        };
        assert!(word.iter().all(|&c| is_cursor(c)), "the word cursor is drawn (color={color})");
        // The rest of the match keeps the current match's own mark.
        let rest: Vec<_> = all.iter().filter(|c| !word.contains(c)).collect();
        assert!(!rest.is_empty());
        for &c in rest {
            assert!(!buf[c].modifier.contains(Modifier::UNDERLINED), "not the cursor ({color})");
            assert!(current(&buf, c), "the current match's mark (color={color})");
        }
    }
}
