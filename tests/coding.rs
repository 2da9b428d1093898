//! Coding a passage (issue 12), driven by real keys: the tag picker's
//! passage line and checkboxes (`Space`, `Tab`, `Enter` sets exactly the
//! checked tags as one undo step), taking off the last tag (and asking when
//! the highlight has a note), the chooser among overlapping highlights,
//! and the note editor's save / discard question.

mod common;

use common::*;
use crosstalk::model::annotations::Highlight;
use crosstalk::ui::overlay::{ChooseFor, Overlay, Pending, PickerPurpose, PickerRow};
use crosstalk::ui::{App, Mode};
use ratatui::crossterm::event::KeyCode;

const KU: usize = 2;

fn on_ku() -> App {
    let mut app = bundled_app(120, 40, true);
    press(&mut app, "\t\t");
    assert_eq!(app.focus, KU);
    app
}

fn highlights(app: &App) -> Vec<Highlight> {
    app.annotations.highlights().iter().map(|h| Highlight::clone(h)).collect()
}

fn only(app: &App) -> Highlight {
    let all = highlights(app);
    assert_eq!(all.len(), 1, "{all:#?}");
    all[0].clone()
}

fn picker(app: &App) -> &crosstalk::ui::overlay::Picker {
    match app.top() {
        Some(Overlay::Picker(p)) => p,
        other => panic!("no picker on top: {other:?}"),
    }
}

#[test]
fn the_picker_shows_the_passage_and_checks_the_tags_already_on_it() {
    let mut app = on_ku();
    press(&mut app, "3"); // national-security claim, on Ku's first sentence
    press(&mut app, "t");
    let text = screen_text(&buffer(&app));
    let quote = only(&app).quote.exact;
    let words: Vec<&str> = quote.split_whitespace().collect();
    // As much of the passage's start and end as fits, and its length.
    let row = text.lines().find(|l| l.contains(" words")).expect("the passage line");
    let start = format!("“{} {} {}", words[0], words[1], words[2]);
    let end =
        format!("{} {}” · {} words", words[words.len() - 2], words[words.len() - 1], words.len());
    assert!(row.contains(&start) && row.contains(&end), "{row}");
    assert!(text.contains("[x] 3  national-security claim"), "{text}");
    assert!(text.contains("[ ] 2  human-rights framing"), "{text}");
    let p = picker(&app);
    assert_eq!(
        p.chosen(),
        Some(&PickerRow::Existing("national-security claim".into())),
        "the cursor starts on the tag checked"
    );
    assert!(text.contains("Space/Tab check"), "the hints say how to check: {text}");
}

#[test]
fn space_and_tab_check_and_enter_sets_exactly_the_checked_tags_in_one_undo_step() {
    let mut app = on_ku();
    press(&mut app, "3t");
    press(&mut app, " "); // unchecks national-security claim
    key(&mut app, KeyCode::Home);
    key(&mut app, KeyCode::Up);
    key(&mut app, KeyCode::Up);
    key(&mut app, KeyCode::Tab); // the first tag
    let first = app.annotations.tags()[0].name.clone();
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Tab); // and the second
    let second = app.annotations.tags()[1].name.clone();
    assert_eq!(picker(&app).checked, [first.clone(), second.clone()]);
    press(&mut app, "\n");
    assert_eq!(app.mode(), Mode::Read);
    assert_eq!(only(&app).tags, [first, second]);
    press(&mut app, "u");
    assert_eq!(only(&app).tags, ["national-security claim"], "one undo step");
}

#[test]
fn space_types_into_a_filter_and_tab_checks_a_new_tag_created_on_enter() {
    let mut app = on_ku();
    press(&mut app, "3t");
    press(&mut app, "brand new");
    assert_eq!(picker(&app).query(), "brand new", "Space is typed once there is a filter");
    assert!(screen_text(&buffer(&app)).contains("+ new tag “brand new”"));
    key(&mut app, KeyCode::Tab);
    press(&mut app, "\n");
    assert_eq!(only(&app).tags, ["national-security claim", "brand new"]);
    let tag = app.annotations.tag("brand new").expect("created").color;
    assert_eq!(app.annotations.tags().iter().filter(|t| t.color == tag).count(), 1);
    press(&mut app, "u");
    assert!(app.annotations.tag("brand new").is_none(), "the tag and its use: one step");
    assert_eq!(only(&app).tags, ["national-security claim"]);
}

#[test]
fn enter_without_checking_anything_applies_the_tag_under_the_cursor_as_before() {
    let mut app = on_ku();
    press(&mut app, "3t");
    key(&mut app, KeyCode::Down);
    let name = match picker(&app).chosen() {
        Some(PickerRow::Existing(n)) => n.clone(),
        other => panic!("{other:?}"),
    };
    press(&mut app, "\n");
    assert_eq!(only(&app).tags, ["national-security claim".to_owned(), name]);
}

#[test]
fn taking_off_the_last_tag_removes_the_highlight_in_one_undo_step() {
    let mut app = on_ku();
    press(&mut app, "3t \n");
    assert!(highlights(&app).is_empty(), "unchecked and applied: gone");
    press(&mut app, "u");
    assert_eq!(only(&app).tags, ["national-security claim"]);
    // Enter on the only tag, nothing checked: the same.
    press(&mut app, "t\n");
    assert!(highlights(&app).is_empty());
    press(&mut app, "u");
    assert_eq!(only(&app).tags, ["national-security claim"]);
}

#[test]
fn taking_off_the_last_tag_of_a_highlight_with_a_note_asks_whether_to_keep_the_note() {
    let mut app = on_ku();
    press(&mut app, "3eKeep this");
    ctrl(&mut app, 's');
    // Esc: nothing changes.
    press(&mut app, "t \n");
    assert_eq!(app.mode(), Mode::Confirm);
    assert!(screen_text(&buffer(&app)).contains("That was its last tag."));
    assert!(
        matches!(app.top(), Some(Overlay::Confirm(c)) if matches!(c.pending, Pending::KeepUntagged(_)))
    );
    press(&mut app, "\u{1b}");
    assert_eq!(app.mode(), Mode::Read);
    assert_eq!(only(&app).tags, ["national-security claim"]);
    // Yes: kept, untagged, with its note; one undo step.
    press(&mut app, "t \ny");
    let h = only(&app);
    assert!(h.tags.is_empty());
    assert_eq!(h.note, "Keep this");
    press(&mut app, "u");
    assert_eq!(only(&app).tags, ["national-security claim"]);
    // No: deleted with its note; one undo step brings both back.
    press(&mut app, "t \nn");
    assert!(highlights(&app).is_empty());
    press(&mut app, "u");
    let h = only(&app);
    assert_eq!((h.tags.len(), h.note.as_str()), (1, "Keep this"));
    // Enter on its only tag, nothing checked: the same question.
    press(&mut app, "t\n");
    assert_eq!(app.mode(), Mode::Confirm);
    press(&mut app, "\u{1b}");
    assert_eq!(only(&app).tags, ["national-security claim"]);
}

#[test]
fn the_last_tag_question_shows_its_esc_and_esc_changes_nothing() {
    let mut app = on_ku();
    press(&mut app, "3eKeep this");
    ctrl(&mut app, 's');
    let before = only(&app);
    let status = |app: &App| rows(&buffer(app)).last().cloned().unwrap_or_default();
    // From the quick key, the picker and the list: the question shows Esc,
    // in the popup as in the status bar, and Esc leaves all as it was.
    for (how, back) in [("3", Mode::Read), ("t \n", Mode::Read), ("a", Mode::List)] {
        press(&mut app, how);
        if back == Mode::List {
            ctrl(&mut app, 't');
            press(&mut app, " \n");
        }
        assert_eq!(app.mode(), Mode::Confirm, "{how:?}");
        let text = screen_text(&buffer(&app));
        assert!(text.contains("y yes · n no · Esc cancel"), "{how:?}: the popup:\n{text}");
        assert!(status(&app).contains("Esc cancel"), "{how:?}: {}", status(&app));
        key(&mut app, KeyCode::Esc);
        assert_eq!(app.mode(), back, "{how:?}");
        assert_eq!(only(&app), before, "{how:?}: nothing changed");
        assert_eq!(app.message.as_deref(), Some("cancelled: the highlight keeps its tag"));
    }
    // Another question keeps its two keys: there `n` is the cancel.
    key(&mut app, KeyCode::Esc);
    press(&mut app, "d");
    assert_eq!(app.mode(), Mode::Confirm);
    assert!(!status(&app).contains("Esc"), "{}", status(&app));
    press(&mut app, "n");
    assert_eq!(only(&app), before);
}

#[test]
fn a_quick_key_on_its_tag_takes_it_off_like_the_picker_does() {
    // Only tag, no note: the highlight goes, one undo step.
    let mut app = on_ku();
    press(&mut app, "33");
    assert!(highlights(&app).is_empty(), "3 again took the last tag, and the highlight");
    press(&mut app, "u");
    assert_eq!(only(&app).tags, ["national-security claim"]);
    // With a note: the same question; a selection too (from the select mode).
    press(&mut app, "eA note");
    ctrl(&mut app, 's');
    press(&mut app, "3");
    assert_eq!(app.mode(), Mode::Confirm);
    press(&mut app, "y");
    let h = only(&app);
    assert!(h.tags.is_empty() && h.note == "A note");
    let mut app = on_ku();
    press(&mut app, "wvw3");
    assert_eq!(only(&app).tags, ["national-security claim"]);
    press(&mut app, "wvw3");
    assert!(highlights(&app).is_empty(), "the same span, its only tag off again");
}

#[test]
fn t_inside_one_highlight_over_more_than_the_sentence_asks_which() {
    // A passage of two sentences tagged 2; `t` on its first sentence.
    let mut app = on_ku();
    press(&mut app, "vj2k");
    let h = only(&app);
    press(&mut app, "t");
    let c = chooser(&app);
    assert_eq!(c.then, ChooseFor::Tag);
    assert_eq!(c.ids, [Some(h.id.clone()), None], "the passage, or the sentence alone");
    // Enter: the passage, its tags checked; nothing new is made.
    press(&mut app, "\n");
    let p = picker(&app);
    let PickerPurpose::Apply(target) = p.purpose else { panic!("applying") };
    assert_eq!((target.start, target.end), (h.start, h.end));
    assert_eq!(p.checked, h.tags);
    press(&mut app, "\u{1b}");
    // `j` Enter: the sentence alone, as before.
    press(&mut app, "tj\n");
    let PickerPurpose::Apply(target) = picker(&app).purpose else { panic!("applying") };
    assert_eq!(target.start, h.start);
    assert!(target.end < h.end);
    // `e` and `d` go on acting on the one highlight, unasked.
    press(&mut app, "\u{1b}e");
    assert_eq!(app.mode(), Mode::Note);
    // A phrase coded inside the sentence is not around it: `t` tags the
    // sentence, unasked, as before.
    let mut app = on_ku();
    press(&mut app, "wvw3");
    assert_eq!(highlights(&app).len(), 1);
    press(&mut app, "t");
    assert_eq!(app.mode(), Mode::Tag);
}

/// Ku's first sentence tagged 3, and a highlight over his first two
/// sentences tagged 2; the cursor back on the first sentence.
fn overlapping() -> (App, Vec<String>) {
    let mut app = on_ku();
    press(&mut app, "3vjv2k");
    assert_eq!(highlights(&app).len(), 2);
    let ids = highlights(&app).iter().map(|h| h.id.clone()).collect();
    (app, ids)
}

fn chooser(app: &App) -> &crosstalk::ui::overlay::Chooser {
    match app.top() {
        Some(Overlay::Chooser(c)) => c,
        other => panic!("no chooser on top: {other:?}"),
    }
}

#[test]
fn d_on_overlapping_highlights_asks_which_and_deletes_that_one() {
    let (mut app, ids) = overlapping();
    press(&mut app, "d");
    assert_eq!(app.mode(), Mode::Choose);
    let c = chooser(&app);
    assert_eq!(c.then, ChooseFor::Delete);
    assert_eq!(c.ids.len(), 2);
    let second = c.ids[1].clone().expect("a highlight");
    let text = screen_text(&buffer(&app));
    assert!(text.contains("Delete which highlight?"), "{text}");
    assert!(text.contains("national-security claim") && text.contains("human-rights framing"));
    press(&mut app, "\u{1b}");
    assert_eq!((app.mode(), highlights(&app).len()), (Mode::Read, 2), "Esc: nothing");
    press(&mut app, "dj\n");
    assert_eq!(app.mode(), Mode::Read);
    let left = only(&app);
    assert_ne!(left.id, second);
    assert!(ids.contains(&left.id));
}

#[test]
fn d_on_a_chosen_highlight_with_a_note_asks_first() {
    let (mut app, _) = overlapping();
    press(&mut app, "e\n");
    assert_eq!(app.mode(), Mode::Note);
    press(&mut app, "A note");
    ctrl(&mut app, 's');
    assert_eq!(app.mode(), Mode::Read);
    let noted = highlights(&app).into_iter().find(|h| !h.note.is_empty()).expect("noted");
    press(&mut app, "d");
    let at = chooser(&app).ids.iter().position(|i| i.as_deref() == Some(&noted.id)).unwrap();
    for _ in 0..at {
        press(&mut app, "j");
    }
    press(&mut app, "\n");
    assert_eq!(app.mode(), Mode::Confirm);
    press(&mut app, "y");
    assert_eq!(highlights(&app).len(), 1);
    assert!(highlights(&app)[0].note.is_empty());
}

#[test]
fn e_and_t_on_overlapping_highlights_act_on_the_one_chosen() {
    let (mut app, _) = overlapping();
    press(&mut app, "e");
    let second = chooser(&app).ids[1].clone().expect("a highlight");
    press(&mut app, "j\nOn the second");
    ctrl(&mut app, 's');
    let h = highlights(&app).into_iter().find(|h| h.id == second).expect("there");
    assert_eq!(h.note, "On the second");

    press(&mut app, "t");
    assert_eq!(chooser(&app).then, ChooseFor::Tag);
    press(&mut app, "j\n");
    let p = picker(&app);
    let PickerPurpose::Apply(target) = p.purpose else { panic!("applying") };
    assert_eq!((target.start, target.end), (h.start, h.end), "the picker on its passage");
    assert_eq!(p.checked, h.tags);
}

#[test]
fn one_highlight_or_a_selection_goes_straight_on_as_before() {
    let (mut app, _) = overlapping();
    press(&mut app, "v");
    press(&mut app, "t");
    assert_eq!(app.mode(), Mode::Tag, "a selection is tagged without asking");
    press(&mut app, "\u{1b}\u{1b}");
    press(&mut app, "ve");
    assert_eq!(app.mode(), Mode::Note);
    press(&mut app, "\u{1b}\u{1b}");
    // One highlight under the cursor: no chooser.
    let mut app = on_ku();
    press(&mut app, "3t");
    assert_eq!(app.mode(), Mode::Tag);
    press(&mut app, "\u{1b}d");
    assert!(highlights(&app).is_empty(), "one highlight: deleted at once");
}

#[test]
fn the_note_editor_asks_to_save_or_discard_a_changed_note_on_esc() {
    let mut app = on_ku();
    press(&mut app, "e\u{1b}");
    assert_eq!(app.mode(), Mode::Read, "unchanged: Esc just closes");
    press(&mut app, "eFirst thoughts\u{1b}");
    assert_eq!(app.mode(), Mode::Note, "changed: asks");
    assert!(screen_text(&buffer(&app)).contains("save it?"));
    press(&mut app, "q");
    assert_eq!(app.mode(), Mode::Note, "another key: still asking");
    let said = app.message.clone().unwrap_or_default();
    assert!(said.starts_with("y saves the note, n discards it"), "says what it waits for: {said}");
    press(&mut app, "\u{1b}");
    assert_eq!(app.mode(), Mode::Note, "Esc: back to editing");
    press(&mut app, " too");
    press(&mut app, "\u{1b}n");
    assert_eq!(app.mode(), Mode::Read);
    assert!(highlights(&app).is_empty(), "n discards");
    press(&mut app, "eSaved\u{1b}y");
    assert_eq!(only(&app).note, "Saved");
    press(&mut app, "eSaved");
    let Some(Overlay::Note(n)) = app.top() else { panic!("editing") };
    assert_eq!(n.text(), "SavedSaved");
    ctrl(&mut app, 's');
    assert_eq!(app.mode(), Mode::Read);
    assert_eq!(only(&app).note, "SavedSaved", "Ctrl-s saves and closes");
    // Multi-line still.
    press(&mut app, "e");
    key(&mut app, KeyCode::Enter);
    press(&mut app, "line two");
    ctrl(&mut app, 's');
    assert_eq!(only(&app).note, "SavedSaved\nline two");
}

#[test]
fn a_highlight_without_a_tag_reads_no_tag_in_the_list_the_matrix_and_the_note_editor() {
    let mut app = on_ku();
    press(&mut app, "3eNo tag soon");
    ctrl(&mut app, 's');
    press(&mut app, "t \ny"); // keep it as an untagged note
    assert!(only(&app).tags.is_empty());
    press(&mut app, "a");
    assert_eq!(app.mode(), Mode::List);
    let text = screen_text(&buffer(&app));
    assert!(text.contains(" (no tag) "), "{text}");
    press(&mut app, "\u{1b}");
    press(&mut app, "m");
    assert_eq!(app.mode(), Mode::Matrix);
    let text = screen_text(&buffer(&app));
    let row = text.lines().find(|l| l.contains("(no tag)")).unwrap_or_else(|| panic!("{text}"));
    assert!(row.contains(" 1 "), "{row}");
    // Its cell opens the list of the highlights without a tag.
    for _ in 0..app.annotations.tags().len() {
        press(&mut app, "j");
    }
    press(&mut app, "\n");
    assert_eq!(app.mode(), Mode::List);
    assert_eq!(app.list().expect("list").tag.as_deref(), Some("(no tag)"));
    let text = screen_text(&buffer(&app));
    assert!(text.contains("1 of 1") && text.contains(" (no tag) "), "{text}");
    press(&mut app, "\u{1b}\u{1b}");
    assert_eq!(app.mode(), Mode::Read);
    press(&mut app, "e");
    assert!(screen_text(&buffer(&app)).contains("(no tag)"));
}

/// A sentence under more highlights than the chooser has rows for: the
/// chosen row stays on screen however far down it is (the list scrolls).
#[test]
fn the_chooser_scrolls_to_keep_the_chosen_row_on_screen() {
    use crosstalk::model::Pos;
    use crosstalk::model::annotations::{Stamp, Target};
    let mut app = on_ku();
    press(&mut app, "3");
    let h = only(&app);
    let now = jiff::Timestamp::from_second(1_700_000_000).expect("time");
    for n in 1..=60 {
        let end = Pos { byte: h.end.byte - n, ..h.end };
        let target = Target { voice: h.voice, start: h.start, end };
        let stamp = Stamp { id: format!("many-{n}"), coder: "t".into(), now };
        let edit =
            app.annotations.tag_target(&app.doc, &target, "human-rights framing", None, &stamp);
        app.annotations.apply(edit);
    }
    press(&mut app, "d");
    let n = chooser(&app).ids.len();
    assert!(n > 60, "{n}");
    let selected = app.core.theme.overlay_selected;
    let chosen_rows = |app: &App| {
        let buf = buffer(app);
        (0..buf.area.height)
            .filter(|&y| {
                (0..buf.area.width).filter(|&x| buf[(x, y)].symbol() == "“").any(|x| {
                    let style = buf[(x, y)].style();
                    style == style.patch(selected)
                })
            })
            .count()
    };
    assert_eq!(chosen_rows(&app), 1, "the first row is chosen");
    for k in 1..n {
        press(&mut app, "j");
        assert_eq!(chosen_rows(&app), 1, "row {k} of {n} is on screen");
    }
    press(&mut app, "\n");
    assert_eq!(app.annotations.highlights().len(), n - 1, "the last one deleted");
}

/// Twenty thousand highlights on one sentence (auto-coding can do that):
/// the chooser opens, moves and closes without checking every id against
/// every highlight on each key (that took minutes at 76,000).
#[test]
fn the_chooser_copes_with_twenty_thousand_highlights_on_a_sentence() {
    use crosstalk::model::annotations::{Change, Edit, quote_in};
    use std::sync::Arc;
    let mut app = on_ku();
    press(&mut app, "3");
    let h = only(&app);
    let voice = &app.doc.voices()[h.voice];
    let quote = quote_in(&app.doc, voice, h.start, h.end);
    let changes = (0..20_000)
        .map(|n| {
            let new = Highlight { id: format!("many-{n:05}"), quote: quote.clone(), ..h.clone() };
            Change::Highlight { before: None, after: Some(Arc::new(new)) }
        })
        .collect();
    app.annotations.apply(Edit { label: "many".into(), changes });
    press(&mut app, "d");
    assert_eq!(chooser(&app).ids.len(), 20_001);
    press(&mut app, "jjjjj");
    assert_eq!(chooser(&app).selected, 5);
    press(&mut app, "\u{1b}");
    assert_eq!(app.annotations.highlights().len(), 20_001);
}

#[test]
fn the_chooser_and_the_picker_cut_quotes_between_words() {
    // At every width the popups take, each quote shown is whole or cut
    // only between words, with `…` where it is cut.
    for width in 60..=120 {
        let mut app = bundled_app(width, 30, false);
        press(&mut app, "\t\t3vjv2k");
        let quotes: Vec<String> = highlights(&app).iter().map(|h| h.quote.exact.clone()).collect();
        press(&mut app, "d");
        assert_eq!(app.mode(), Mode::Choose);
        let text = screen_text(&buffer(&app));
        let rows: Vec<&str> = text.lines().filter(|l| l.contains("” · ")).collect();
        assert_eq!(rows.len(), 2, "{text}");
        for row in rows {
            let shown = quoted(row);
            let fits = quotes.iter().any(|q| cut_between_words(shown, q).is_ok());
            assert!(fits, "{width}: {shown:?} in\n{text}");
        }
        press(&mut app, "\u{1b}vjvt");
        let text = screen_text(&buffer(&app));
        let row = text.lines().find(|l| l.contains(" words")).expect("the passage line");
        let shown = quoted(row);
        assert!(shown.contains(" … "), "{width}: two sentences never fit: {row}");
        let result = quotes.iter().map(|q| cut_between_words(shown, q)).find(Result::is_ok);
        assert!(result.is_some(), "{width}: {shown:?} in\n{text}");
        press(&mut app, "\u{1b}");
    }
}

/// A merge conflict's two versions of one highlight: same passage, tags
/// and coder, told apart only by their notes.
fn two_versions(width: u16) -> App {
    use crosstalk::model::annotations::{Annotations, Stamp};
    let mut app = bundled_app(width, 30, false);
    press(&mut app, "\t\t3");
    let first = highlights(&app)[0].clone();
    let target = crosstalk::model::annotations::Target {
        voice: first.voice,
        start: first.start,
        end: first.end,
    };
    let stamp = Stamp { id: "copy".into(), coder: first.coder.clone(), now: first.created };
    let mut copy =
        Annotations::new_highlight(&app.doc, &target, first.tags.clone(), String::new(), &stamp);
    copy.note =
        "Ann reads it as a threat\n[merge conflict: this is theirs (the branch merged in)]".into();
    let mut mine = first.clone();
    mine.note = "Bob reads it as a bargain".into();
    let tags = app.annotations.tags().to_vec();
    app.annotations =
        Annotations::from_parts(app.annotations.conversation.clone(), tags, vec![mine, copy]);
    app
}

#[test]
fn the_list_shows_the_chosen_rows_note_and_coder() {
    // The list's rows of two versions were the same; the line under them
    // follows the row chosen.
    let mut app = two_versions(100);
    press(&mut app, "a");
    assert_eq!(app.mode(), Mode::List);
    let last_row = |app: &App| {
        let text = screen_text(&buffer(app));
        let rows: Vec<String> = text.lines().map(str::to_owned).collect();
        let at = rows.iter().rposition(|r| r.contains("· anonymous")).expect("a detail line");
        rows[at].clone()
    };
    let one = last_row(&app);
    key(&mut app, KeyCode::Down);
    let other = last_row(&app);
    assert_ne!(one, other);
    let both = format!("{one}\n{other}");
    assert!(both.contains("✎ Bob reads it as a bargain · anonymous"), "{both}");
    assert!(both.contains("✎ Ann reads it as a threat… · anonymous"), "{both}");
}

#[test]
fn the_chooser_tells_copies_of_one_passage_apart_by_their_notes() {
    // A merge conflict keeps two versions of one highlight: same passage,
    // tags and coder. Their rows in the chooser showed nothing else.
    for width in [60, 80, 120] {
        let mut app = two_versions(width);
        press(&mut app, "d");
        assert_eq!(app.mode(), Mode::Choose);
        let text = screen_text(&buffer(&app));
        let rows: Vec<&str> = text.lines().filter(|l| l.contains("” · ")).collect();
        assert_eq!(rows.len(), 2, "{text}");
        // Whole where there is room; at any width enough to tell them apart.
        let (bob, ann) = if width >= 120 {
            ("✎ Bob reads it as a bargain", "✎ Ann reads it as a threat…")
        } else {
            ("✎ Bob reads", "✎ Ann reads")
        };
        assert!(rows.iter().any(|r| r.contains(bob)), "{width}: {text}");
        assert!(rows.iter().any(|r| r.contains(ann)), "{width}: {text}");
    }
}

#[test]
fn the_tag_pickers_descriptions_fill_their_line_and_are_cut_between_words() {
    // At 80 columns the compare picker cut descriptions mid-word and left
    // four cells empty after the `…`.
    for width in [60, 80, 100, 120] {
        let mut app = bundled_app(width, 30, false);
        press(&mut app, "c");
        let text = screen_text(&buffer(&app));
        let tags = app.annotations.tags().to_vec();
        let mut cut = 0;
        for tag in tags.iter().filter(|t| !t.description.is_empty()) {
            let row = text
                .lines()
                .find(|l| l.contains(&format!(" {} ", tag.name)))
                .unwrap_or_else(|| panic!("{width}: {} in\n{text}", tag.name));
            let after =
                &row[row.find(&format!(" {} ", tag.name)).expect("name") + tag.name.len() + 2..];
            let inside = after.split('┃').next().unwrap_or_default();
            let shown = inside.trim();
            assert!(cut_between_words(shown, &tag.description).is_ok(), "{width}: {row}");
            if shown.ends_with('…') {
                cut += 1;
                // Cut only where the next word would not fit.
                let next = tag.description[shown.len() - '…'.len_utf8()..]
                    .split_whitespace()
                    .next()
                    .unwrap_or("");
                let spare = inside.len() - inside.trim_end().len();
                assert!(spare <= next.chars().count() + 1, "{width}: room left: {row}");
            }
        }
        assert!(width > 100 || cut > 0, "{width}: some are cut at this width");
    }
}

#[test]
fn the_note_editor_steps_and_deletes_whole_characters() {
    // A ZWJ family is one character to a reader: Backspace takes it whole
    // (a stray joiner was saved before).
    let mut app = on_ku();
    press(&mut app, "eab👩\u{200d}👩\u{200d}👧");
    key(&mut app, KeyCode::Backspace);
    ctrl(&mut app, 's');
    assert_eq!(only(&app).note, "ab");
    // Accents written as combining marks: ← steps over each letter with its
    // marks, so typing lands between letters, never inside one.
    let mut app = on_ku();
    press(&mut app, "e e\u{301} a\u{30a}\u{301} end");
    for _ in 0..6 {
        key(&mut app, KeyCode::Left);
    }
    press(&mut app, "X");
    // → over the space, then Delete takes the accented letter whole.
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Delete);
    ctrl(&mut app, 's');
    assert_eq!(only(&app).note, " e\u{301}X  end");
    // Shift with an arrow still selects: typing replaces the selection.
    let mut app = on_ku();
    press(&mut app, "eabc");
    key_event(&mut app, KeyCode::Left, ratatui::crossterm::event::KeyModifiers::SHIFT);
    press(&mut app, "X");
    ctrl(&mut app, 's');
    assert_eq!(only(&app).note, "abX");
}

#[test]
fn the_picker_names_the_tags_it_applied_as_the_quick_keys_do() {
    // A tag checked in the picker and applied: `tagged “…”`, as `3` says.
    let mut app = on_ku();
    press(&mut app, "t");
    assert_eq!(app.mode(), Mode::Tag);
    press(&mut app, "national-security");
    press(&mut app, "\t\n");
    assert_eq!(only(&app).tags, ["national-security claim"]);
    assert_eq!(app.message.as_deref(), Some("tagged “national-security claim”"));
}

/// A checked tag the filter hides is set by `Enter` as well, as the help
/// says; the screen did not show it, so `Enter` set a tag no one saw.
#[test]
fn checked_tags_the_filter_hides_are_counted_in_the_title() {
    let mut app = on_ku();
    press(&mut app, "3t");
    let text = screen_text(&buffer(&app));
    assert!(text.contains(" Tag ") && !text.contains("not shown"), "{text}");
    press(&mut app, "human");
    let text = screen_text(&buffer(&app));
    assert!(text.contains(" Tag · 1 checked, not shown "), "{text}");
    key(&mut app, KeyCode::Tab);
    press(&mut app, "\n");
    assert_eq!(only(&app).tags, ["national-security claim", "human-rights framing"]);
}
