//! The turn-order view (issue 13): `i` shows every paragraph in one column
//! in the order spoken, each turn labelled with its speaker; the cursor,
//! word cursor, selection, tagging, search, jumps, the list and the mouse
//! work in it and keep their place when switching back.

mod common;

use common::*;
use crosstalk::model::Conversation;
use crosstalk::ui::{App, update};
use ratatui::crossterm::event::{Event, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

fn hearing() -> Conversation {
    let text = "Title: Oversight of Data Brokers\nDate: 2020-09-25\nLocation: Room 216\n\n\
[00:00:05] SEN. WARREN: The hearing will come to order. We are here to talk about data brokers.\n\
[00:00:31] MR. SMITH: Thank you, Senator. I want to begin with the data itself.\n\n\
It moves between brokers faster than rules can follow it.\n\
[00:01:02] SEN. WARREN: Who buys it?\n\
[00:01:10] MR. SMITH: Anyone who pays.\n\
[00:01:15] DR. Jane Smith: I disagree with Mr. Smith, in part.\n";
    let f = crosstalk::import::import(text, crosstalk::import::Kind::Transcript, "hearing")
        .expect("imports");
    Conversation::new(f).expect("valid")
}

fn click(app: &mut App, (column, row): (u16, u16)) {
    for kind in [MouseEventKind::Down(MouseButton::Left), MouseEventKind::Up(MouseButton::Left)] {
        let event = Event::Mouse(MouseEvent { kind, column, row, modifiers: KeyModifiers::NONE });
        if let Some(action) = crosstalk::ui::terminal::action_for(app, &event) {
            update(app, action);
        }
    }
}

fn cursor(app: &App) -> (usize, usize, usize) {
    let c = app.panes[app.focus].cursor;
    (app.focus, c.para, c.sentence)
}

#[test]
fn the_turn_view_shows_every_turn_in_order_with_speakers_and_times() {
    let mut app = app_for(hearing(), 100, 20, false);
    press(&mut app, "i");
    assert!(app.turns_on());
    let text = screen_text(&buffer(&app));
    let order: Vec<usize> =
        ["The hearing", "Thank you", "It moves", "Who buys", "Anyone", "I disagree"]
            .iter()
            .map(|n| text.find(n).unwrap_or_else(|| panic!("{n} on screen:\n{text}")))
            .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "in the order spoken:\n{text}");
    for line in [
        "WARREN     00:00:05  The hearing",
        "SMITH      00:00:31  Thank you",
        "Jane Smith 00:01:15  I disagree",
    ] {
        assert!(text.contains(line), "{line:?}:\n{text}");
    }
    insta::assert_snapshot!(text);
}

#[test]
fn motions_tagging_and_switching_keep_the_place() {
    let mut app = bundled_app(120, 30, true);
    press(&mut app, "i");
    // The first paragraph of the second turn is Hoffman's.
    press(&mut app, "}}}}}");
    assert_eq!(cursor(&app).0, 1, "Seiff has four paragraphs, then Hoffman speaks");
    // Tag the sentence under the cursor in the turn view.
    press(&mut app, "v1");
    let h = app.annotations.highlights().last().expect("a highlight").clone();
    assert_eq!(h.voice, 1);
    let want = cursor(&app);
    // Back to the panes: Hoffman focused, on the same sentence.
    press(&mut app, "i");
    assert!(!app.turns_on());
    assert_eq!(cursor(&app), want);
    // And again: the turn view is where it was.
    press(&mut app, "i");
    assert_eq!(cursor(&app), want);
    // G ends at the last paragraph of the whole conversation.
    press(&mut app, "G");
    let last = app.doc.voices().len() - 1;
    let (voice, para, _) = cursor(&app);
    assert_eq!((voice, para + 1), (last, app.doc.voices()[last].paragraphs.len()));
    press(&mut app, "g");
    assert_eq!(cursor(&app), (0, 0, 0));
}

#[test]
fn tab_goes_to_the_next_voices_next_turn_and_words_cross_turns() {
    let mut app = bundled_app(120, 30, false);
    press(&mut app, "i\t");
    assert_eq!(cursor(&app), (1, 0, 0), "Hoffman's first paragraph");
    // From Seiff's last paragraph, `w` through its last word goes on to
    // Hoffman's first word.
    press(&mut app, "g}}}");
    assert_eq!(cursor(&app).0, 0);
    for _ in 0..400 {
        if app.focus == 1 {
            break;
        }
        press(&mut app, "w");
    }
    assert_eq!(cursor(&app), (1, 0, 0));
    let (s, _) = app.panes[1].word.expect("a word cursor");
    assert_eq!((s.para, s.byte), (0, 0));
    // And `b` goes back to Seiff's last word.
    press(&mut app, "b");
    assert_eq!(app.focus, 0);
}

#[test]
fn search_and_the_list_jump_in_the_turn_view() {
    let mut app = bundled_app(120, 30, false);
    press(&mut app, "i/Hofstra\n");
    let text = screen_text(&buffer(&app));
    assert!(app.turns_on());
    assert!(text.contains("Hofstra") || cursor(&app).0 == 2, "the match is shown:\n{text}");
    let t = app.turns.expect("turns").pane.cursor;
    assert_eq!(app.doc.from_timeline(t.para), (app.focus, app.panes[app.focus].cursor.para));
    // Code something in Webster's voice from the panes, then jump to it
    // from the list in the turn view.
    press(&mut app, "\u{1b}i");
    press(&mut app, "\t\t\t\t");
    press(&mut app, "v1i");
    press(&mut app, "g");
    assert_eq!(app.focus, 0);
    press(&mut app, "a\n");
    assert_eq!(app.focus, 4, "the list's Enter goes to Webster's highlight");
    assert!(app.turns_on());
}

#[test]
fn a_click_focuses_whoever_speaks_there_and_a_drag_selects_in_that_voice() {
    let mut app = app_for(hearing(), 100, 20, false);
    press(&mut app, "i");
    let buf = buffer(&app);
    let at = cells_of(&app, &buf, "Anyone who pays")[0];
    click(&mut app, at);
    assert_eq!(app.focus, 1, "Mr. Smith speaks there");
    assert_eq!(cursor(&app), (1, 2, 0));
    // Drag over "Who buys it" (Warren's second paragraph).
    let from = cells_of(&app, &buf, "Who buys it")[0];
    let to = cells_of(&app, &buf, "Who buys it")[10];
    for (kind, (column, row)) in [
        (MouseEventKind::Down(MouseButton::Left), from),
        (MouseEventKind::Drag(MouseButton::Left), to),
        (MouseEventKind::Up(MouseButton::Left), to),
    ] {
        let event = Event::Mouse(MouseEvent { kind, column, row, modifiers: KeyModifiers::NONE });
        if let Some(action) = crosstalk::ui::terminal::action_for(&app, &event) {
            update(&mut app, action);
        }
    }
    let sel = app.selection.expect("a selection");
    assert_eq!(sel.voice, 0);
    press(&mut app, "1");
    let h = app.annotations.highlights().last().expect("coded").clone();
    assert_eq!((h.voice, h.quote.exact.as_str()), (0, "Who buys it"));
}

#[test]
fn a_version_one_file_opens_and_is_never_rewritten() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/conversations/version1.ron");
    let dir = common::cli::temp("turns", "v1");
    let path = dir.join("talk.ron");
    std::fs::copy(&src, &path).expect("copy");
    let before = std::fs::read(&path).expect("read");
    let doc = crosstalk::store::load_document(&path).expect("a version 1 file opens");
    assert_eq!(doc.to_file().version, crosstalk::model::FORMAT_VERSION);
    // Code it in both views: the conversation file stays byte for byte
    // what it was (the end-to-end tests save through the binary).
    let mut app = app_for(doc, 100, 20, false);
    press(&mut app, "iv1i");
    assert_eq!(std::fs::read(&path).expect("read"), before);
}

#[test]
fn about_shows_header_facts_speakers_and_the_introduction() {
    let mut f = hearing().to_file();
    f.intro = vec!["A hearing on data brokers, held in public.".into()];
    let mut app = app_for(Conversation::new(f).expect("valid"), 90, 24, false);
    press(&mut app, "I");
    assert_eq!(app.mode(), crosstalk::ui::Mode::About);
    let text = screen_text(&buffer(&app));
    for want in [
        "Location: Room 216",
        "DR. Jane Smith · respondent · shown as Jane Smith · 1 turn, 1 paragraph",
        "Introduction",
        "A hearing on data brokers, held in public.",
    ] {
        assert!(text.contains(want), "{want:?}:\n{text}");
    }
    press(&mut app, "\u{1b}");
    assert_eq!(app.mode(), crosstalk::ui::Mode::Read);
}

#[test]
fn short_names_that_two_people_would_share_stay_whole() {
    let text = "Mr. Smith: One.\nMs. Smith: Two.\nCHAIRMAN HOLLOWAY: Three.\n";
    let f = crosstalk::import::import(text, crosstalk::import::Kind::Transcript, "t").expect("ok");
    let doc = Conversation::new(f).expect("valid");
    let shorts: Vec<String> = (0..3).map(|i| doc.short_name(i)).collect();
    assert_eq!(shorts, ["Mr. Smith", "Ms. Smith", "HOLLOWAY"]);
}

#[test]
fn search_in_the_turn_view_goes_in_the_order_spoken() {
    let mut app = app_for(hearing(), 100, 20, false);
    // " it" is in Warren's second turn (00:01:02), and twice in Smith's
    // first (00:00:31): side by side Warren's comes first (her voice is
    // first); in turn order Smith's two, then Warren's.
    press(&mut app, "i/ it\n");
    let t = |app: &App| app.turns.expect("turns").pane.cursor.para;
    let mut seen = vec![t(&app)];
    for _ in 0..2 {
        press(&mut app, "n");
        seen.push(t(&app));
    }
    assert_eq!(seen, [1, 2, 3]);
    assert!(app.message.as_deref().is_some_and(|m| m.contains("3 of 3 in turn order")));
    press(&mut app, "N");
    assert_eq!(t(&app), 2);
    // Side by side, from the top of Warren's pane: hers first (by voice).
    press(&mut app, "\u{1b}ihg/ it\n");
    assert_eq!(cursor(&app), (0, 1, 0), "Warren's match first");
}

#[test]
fn h_and_l_in_turn_order_go_to_a_voices_turn_around_here() {
    let mut app = app_for(hearing(), 100, 20, false);
    press(&mut app, "i");
    // On Smith's second turn (00:01:10), h goes to Warren's turn before it.
    press(&mut app, "G");
    press(&mut app, "k");
    assert_eq!(cursor(&app), (1, 2, 0));
    press(&mut app, "h");
    assert_eq!(cursor(&app), (0, 1, 0), "Warren's 00:01:02");
    press(&mut app, "l");
    assert_eq!(cursor(&app), (1, 2, 0), "and back to Smith's 00:01:10");
    press(&mut app, "l");
    assert_eq!(cursor(&app), (2, 0, 0), "Jane Smith's next turn");
}

#[test]
fn shift_click_in_turn_order_extends_only_inside_the_cursors_turn() {
    let mut app = app_for(hearing(), 100, 20, false);
    press(&mut app, "i");
    let shift_click = |app: &mut App, at: (u16, u16)| {
        for kind in [MouseEventKind::Down(MouseButton::Left), MouseEventKind::Up(MouseButton::Left)]
        {
            let event = Event::Mouse(MouseEvent {
                kind,
                column: at.0,
                row: at.1,
                modifiers: KeyModifiers::SHIFT,
            });
            if let Some(action) = crosstalk::ui::terminal::action_for(app, &event) {
                update(app, action);
            }
        }
    };
    // On Warren's first turn: a Shift-click in her later turn is a click.
    let later = cells_of(&app, &buffer(&app), "Who buys it")[0];
    shift_click(&mut app, later);
    assert!(app.selection.is_none());
    assert_eq!(cursor(&app), (0, 1, 0));
    // Inside the turn it extends.
    let buf = buffer(&app);
    let end = cells_of(&app, &buf, "Who buys it")[8];
    shift_click(&mut app, end);
    let sel = app.selection.expect("extended");
    assert_eq!(sel.voice, 0);
}

#[test]
fn a_header_too_long_for_the_row_ends_in_an_ellipsis() {
    let mut f = hearing().to_file();
    f.metadata.push((
        "Subject".into(),
        "Hearing before the Subcommittee on Communications and Technology".into(),
    ));
    let mut app = app_for(Conversation::new(f).expect("valid"), 80, 20, false);
    let first = rows(&buffer(&app))[0].trim_end().to_owned();
    assert!(first.ends_with('…'), "{first}");
    press(&mut app, "q");
}

#[test]
fn the_voices_row_always_shows_the_focused_voice() {
    let text: String =
        (0..12).map(|i| format!("Speaker Number{i} Withalongsurname: Words {i}.\n")).collect();
    let f = crosstalk::import::import(&text, crosstalk::import::Kind::Transcript, "t").expect("ok");
    let mut app = app_for(Conversation::new(f).expect("valid"), 60, 20, false);
    for _ in 0..11 {
        press(&mut app, "\t");
    }
    let strip = rows(&buffer(&app))[1].clone();
    assert!(strip.contains("Number11"), "{strip}");
    assert!(strip.starts_with("Voices‹"), "{strip}");
    press(&mut app, "i");
    let strip = rows(&buffer(&app))[1].clone();
    assert!(strip.contains("Number11"), "{strip}");
}

#[test]
fn a_note_mark_in_turn_order_stands_apart_from_the_speaker() {
    let text = "Interviewer: What did you see?\nParticipant 3: Honestly, I saw it there.\n";
    let f = crosstalk::import::import(text, crosstalk::import::Kind::Transcript, "t").expect("ok");
    let mut app = app_for(Conversation::new(f).expect("valid"), 80, 20, false);
    press(&mut app, "\teA note");
    ctrl(&mut app, 's');
    press(&mut app, "i");
    let screen = rows(&buffer(&app));
    let row = screen.iter().find(|r| r.contains("Honestly")).expect("the turn");
    assert!(row.contains("Participant 3 ✎Honestly"), "{row}");
}

#[test]
fn the_voices_row_lists_the_voices_before_the_screen_where_there_is_room() {
    // At 120 columns three panes show; with Webster focused, Seiff and
    // Hoffman are off screen to the left, and the row has room for them.
    let mut app = bundled_app(120, 30, false);
    press(&mut app, "\t\t\t\t");
    let strip = rows(&buffer(&app))[1].clone();
    assert!(strip.starts_with("Voices "), "{strip}");
    for voice in ["·Seiff·", "·Hoffman·", "Ku", "Wang", "Webster"] {
        assert!(strip.contains(voice), "{voice}: {strip}");
    }
}

#[test]
fn compare_over_the_turn_view_lines_voices_up_and_esc_comes_back() {
    let mut app = bundled_app(120, 30, false);
    press(&mut app, "iv1");
    let tag = app.annotations.highlights()[0].tags[0].clone();
    press(&mut app, "c");
    // The picker: choose the tag just used.
    press(&mut app, &tag);
    press(&mut app, "\n");
    assert_eq!(app.mode(), crosstalk::ui::Mode::Compare);
    let text = screen_text(&buffer(&app));
    assert!(text.contains("Abby Seiff · 1 under “"), "{text}");
    press(&mut app, "\u{1b}");
    assert_eq!(app.mode(), crosstalk::ui::Mode::Read);
    assert!(app.turns_on(), "back to the turn order");
}

#[test]
fn about_scrolls_like_help_when_it_does_not_fit() {
    let mut f = hearing().to_file();
    f.intro = (1..=20).map(|i| format!("Introduction paragraph {i}.")).collect();
    let mut app = app_for(Conversation::new(f).expect("valid"), 60, 14, false);
    press(&mut app, "I");
    let top = screen_text(&buffer(&app));
    assert!(top.contains("About 1–"), "{top}");
    press(&mut app, "G");
    let end = screen_text(&buffer(&app));
    assert!(end.contains("Introduction paragraph 20."), "{end}");
    press(&mut app, "g");
    assert_eq!(screen_text(&buffer(&app)), top);
}

#[test]
fn a_selection_in_turn_order_keeps_to_one_turn() {
    let text = "Interviewer: What did you think?\n\nInterviewer: And then?\n\n\
        Participant 3: Honestly, I saw it there.\n\n\
        Interviewer: What did you think of the platform?\n";
    let f = crosstalk::import::import(text, crosstalk::import::Kind::Transcript, "t").expect("ok");
    let mut app = app_for(Conversation::new(f).expect("valid"), 100, 24, false);
    press(&mut app, "i");
    // Two paragraphs of one turn: `}` takes in the second.
    press(&mut app, "v}}");
    let sel = app.selection.expect("selecting");
    assert_eq!(sel.range().1.para, 1, "{sel:?}");
    // The voice's next paragraph is after the participant's turn: refused.
    press(&mut app, "}");
    let after = app.selection.expect("still selecting");
    assert_eq!(after.range(), sel.range());
    let said = app.message.clone().unwrap_or_default();
    assert!(said.contains("comes after another's turn"), "{said}");
    // Side by side, a voice's paragraphs are one column: it goes on.
    press(&mut app, "\u{1b}i");
    assert!(app.turns.is_none());
    press(&mut app, "gv}}}");
    assert_eq!(app.selection.expect("selecting").range().1.para, 2);
}
