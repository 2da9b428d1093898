//! Linking passages in the reader (issue 17), driven by real keys on the
//! bundled debate: Ku's answer linked to Seiff's question with `L`, `L`,
//! `1`; both ends shown side by side and marked; `f` there and back; the
//! links list (`F`) and its exchange matrix (`m`); `Esc` dropping a link's
//! start; undo taking the link and its untagged ends away together.

mod common;

use common::*;
use crosstalk::ui::overlay::Overlay;
use crosstalk::ui::{App, Mode};
use ratatui::crossterm::event::KeyCode;

const SEIFF: usize = 0;
const KU: usize = 2;

/// The cursor on Seiff's question: her fifth paragraph, first sentence.
fn on_question(app: &mut App) {
    press(app, "/Is there anything democracies\n");
    assert_eq!(app.focus, SEIFF);
}

/// Ku's third sentence linked as answering Seiff's question.
fn linked() -> App {
    let mut app = bundled_app(200, 50, true);
    press(&mut app, "\t\tjj");
    assert_eq!(app.focus, KU);
    press(&mut app, "L");
    assert!(app.link.start.is_some());
    on_question(&mut app);
    press(&mut app, "L");
    assert!(matches!(app.top(), Some(Overlay::Relations(_))), "{:?}", app.top());
    assert_eq!(app.mode(), Mode::Link);
    press(&mut app, "1");
    app
}

#[test]
fn a_link_in_a_few_keys_with_both_ends_beside_each_other() {
    let mut app = linked();
    assert!(app.top().is_none() && app.link.start.is_none());
    let links = app.annotations.links();
    assert_eq!(links.len(), 1);
    let l = &links[0];
    assert_eq!(l.relation, "answers");
    let from = app.annotations.highlight(&l.from).unwrap();
    let to = app.annotations.highlight(&l.to).unwrap();
    assert_eq!(from.voice, KU);
    assert!(from.quote.exact.starts_with("It is also true that the unfortunate"));
    assert_eq!(to.voice, SEIFF);
    assert!(to.quote.exact.starts_with("Is there anything democracies can do"));
    assert!(from.tags.is_empty() && to.tags.is_empty(), "ends made for the link are untagged");
    // Both ends are on screen, each with the link mark in its gutter, and
    // the info line says where the link at the cursor leads.
    let text = screen_text(&buffer(&app));
    assert!(text.contains("linked: answers · f follows it"), "{text}");
    // Off the question and back (the message gone with the key).
    press(&mut app, "jk");
    let text = screen_text(&buffer(&app));
    assert!(text.contains("⇄Is there anything democracies can do"), "{text}");
    assert!(text.contains("⇄It is also true that the unfortunate"), "{text}");
    assert!(text.contains("answers ← Ku: “It is also true that the unfortunate"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn f_follows_the_link_and_back() {
    let mut app = linked();
    press(&mut app, "f");
    assert_eq!(app.focus, KU);
    let text = screen_text(&buffer(&app));
    assert!(text.contains("answers → Seiff: “Is there anything"), "{text}");
    press(&mut app, "f");
    assert_eq!(app.focus, SEIFF);
    let c = app.panes[SEIFF].cursor;
    assert_eq!((c.para, c.sentence), (4, 0), "back on the question");
    // One link here: `f` follows it again, and the hint says so (not
    // "the next link").
    let said = app.message.clone().unwrap_or_default();
    assert!(said.ends_with("f follows it again"), "{said}");
}

#[test]
fn moving_onto_a_linked_passage_brings_the_other_end_into_view() {
    let mut app = linked();
    // Away from the question and Ku's pane scrolled elsewhere; then back.
    press(&mut app, "\t\tG\t\t\t");
    assert_eq!(app.focus, SEIFF);
    press(&mut app, "gk");
    on_question(&mut app);
    let text = screen_text(&buffer(&app));
    assert!(text.contains("⇄It is also true that the unfortunate"), "Ku's end in view: {text}");
}

#[test]
fn the_links_list_goes_to_a_link_and_the_matrix_counts_it() {
    let mut app = linked();
    press(&mut app, "\t");
    press(&mut app, "F");
    assert_eq!(app.mode(), Mode::Links);
    let text = screen_text(&buffer(&app));
    assert!(text.contains("Links · 1 of 1"), "{text}");
    assert!(text.contains("answers  Ku → Seiff"), "{text}");
    press(&mut app, "m");
    let text = screen_text(&buffer(&app));
    let row = text.lines().find(|l| l.contains("┃Ku ")).expect("Ku's row");
    assert!(row.contains(" 1 "), "one link from Ku to Seiff: {row}");
    press(&mut app, "m");
    key(&mut app, KeyCode::Enter);
    assert!(app.top().is_none());
    assert_eq!(app.focus, KU, "Enter goes to the link's first end");
    // The relation filter: none of the other relations has a link.
    press(&mut app, "F\t\t");
    let text = screen_text(&buffer(&app));
    assert!(text.contains("No link matches the filter"), "{text}");
}

#[test]
fn the_exchange_matrix_shows_its_own_keys_not_the_lists() {
    let mut app = linked();
    press(&mut app, "F");
    let status = |app: &App| rows(&buffer(app)).last().cloned().unwrap_or_default();
    assert!(status(&app).contains("m matrix"), "the list's keys: {}", status(&app));
    press(&mut app, "m");
    let bar = status(&app);
    assert!(bar.contains("Tab relation") && bar.contains("m/Esc back to the list"), "{bar}");
    for list_only in ["Enter go to", "d delete", "m matrix", "Esc close"] {
        assert!(!bar.contains(list_only), "{list_only:?} is the list's: {bar}");
    }
    // What the hints say: Tab changes the relation counted, Esc goes back.
    press(&mut app, "\t");
    assert!(screen_text(&buffer(&app)).contains("answers · m: back"));
    // The list's keys act on a link the matrix hides: they do nothing there
    // and say why (`d` deleted a link nobody could see).
    let links = app.annotations.links().to_vec();
    for list_key in ["d", "x", "j", "c"] {
        press(&mut app, list_key);
        assert_eq!(app.annotations.links(), links.as_slice(), "{list_key}");
        assert_eq!(app.mode(), Mode::Links, "{list_key}");
        let text = screen_text(&buffer(&app));
        assert!(text.contains("the matrix counts links: m goes back to the list"), "{text}");
        let bar = status(&app);
        assert!(!bar.contains("link 1/"), "no list position over the matrix: {bar}");
    }
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::Links, "Enter goes nowhere from the matrix");
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::Links, "back in the list, not closed");
    assert!(status(&app).contains("m matrix"), "{}", status(&app));
    press(&mut app, "d");
    assert_eq!(app.annotations.links().len(), links.len() - 1, "in the list, d deletes");
}

#[test]
fn escape_drops_a_links_start_and_undo_takes_a_link_away_whole() {
    let mut app = bundled_app(120, 40, true);
    press(&mut app, "L");
    assert!(app.link.start.is_some());
    press(&mut app, "\u{1b}");
    assert!(app.link.start.is_none());
    let mut app = linked();
    assert_eq!(app.annotations.highlights().len(), 2);
    press(&mut app, "u");
    assert!(app.annotations.links().is_empty());
    assert!(app.annotations.highlights().is_empty(), "the ends made for it went too");
    ctrl(&mut app, 'r');
    assert_eq!(app.annotations.links().len(), 1);
}

#[test]
fn deleting_a_link_from_the_list_and_changing_its_relation() {
    let mut app = linked();
    press(&mut app, "Ft3");
    assert_eq!(app.annotations.links()[0].relation, "supports");
    press(&mut app, "x");
    let l = &app.annotations.links()[0];
    assert_eq!(app.annotations.highlight(&l.from).unwrap().voice, SEIFF, "reversed");
    press(&mut app, "d");
    assert!(app.annotations.links().is_empty());
}

#[test]
fn the_relation_manager_adds_renames_and_deletes_relations_with_their_links() {
    let mut app = linked();
    press(&mut app, "FR");
    assert_eq!(app.mode(), Mode::Relations);
    // A new relation, named in a prompt.
    press(&mut app, "nqualifies\n");
    assert!(app.annotations.relation("qualifies").is_some());
    // Renaming "answers" takes the link along.
    assert_eq!(app.annotations.relations()[0].name, "answers");
    press(&mut app, "kkkkkk");
    press(&mut app, "r");
    for _ in 0.."answers".len() {
        key(&mut app, KeyCode::Backspace);
    }
    press(&mut app, "responds to\n");
    assert_eq!(app.annotations.links()[0].relation, "responds to");
    // Both ways, then one way again.
    press(&mut app, "b");
    assert!(app.annotations.relation("responds to").unwrap().both_ways);
    // Deleting a relation in use asks, then removes its link (and the ends
    // made for it); u brings them back.
    press(&mut app, "d");
    assert_eq!(app.mode(), Mode::Confirm);
    press(&mut app, "y");
    assert!(app.annotations.relation("responds to").is_none());
    assert!(app.annotations.links().is_empty() && app.annotations.highlights().is_empty());
    press(&mut app, "u");
    assert_eq!(app.annotations.links().len(), 1);
}

#[test]
fn a_links_note_is_written_from_the_list() {
    let mut app = linked();
    press(&mut app, "Fe");
    assert_eq!(app.mode(), Mode::Prompt);
    press(&mut app, "Ku answers Seiff — 数据\n");
    assert_eq!(app.annotations.links()[0].note, "Ku answers Seiff — 数据");
    let text = screen_text(&buffer(&app));
    assert!(text.contains("Ku → Seiff ✎"), "{text}");
    // `d` on an end of it: the link's note would go with it, so it asks;
    // the message says the link went.
    press(&mut app, "\u{1b}");
    on_question(&mut app);
    press(&mut app, "d");
    assert_eq!(app.mode(), Mode::Confirm, "asks: the link's note would go");
    assert!(screen_text(&buffer(&app)).contains("its link, with the link's note"));
    press(&mut app, "y");
    assert!(app.annotations.links().is_empty());
    let said = app.message.clone().unwrap_or_default();
    assert!(said.contains("deleted highlight and its 1 link"), "{said}");
    press(&mut app, "u");
    assert_eq!(app.annotations.links()[0].note, "Ku answers Seiff — 数据", "u brings it back");
}

#[test]
fn f_at_a_passage_with_two_links_goes_there_and_back_then_to_the_next() {
    const WANG: usize = 3;
    let mut app = linked();
    // A second link to the question: from Wang's first sentence.
    press(&mut app, "\t\t\tgL");
    assert_eq!(app.focus, WANG);
    on_question(&mut app);
    press(&mut app, "L5");
    assert_eq!(app.annotations.links().len(), 2);
    on_question(&mut app);
    let mut seen = Vec::new();
    for _ in 0..5 {
        press(&mut app, "f");
        seen.push(app.focus);
    }
    // There, back, the other one, back, the first again.
    assert_eq!(seen[1], SEIFF);
    assert_eq!(seen[3], SEIFF);
    let mut firsts = [seen[0], seen[2]];
    firsts.sort();
    assert_eq!(firsts, [KU, WANG], "both links taken in turn: {seen:?}");
    assert_eq!(seen[4], seen[0]);
}

#[test]
fn turn_order_shows_where_a_linked_passage_leads_and_f_follows_it() {
    let mut app = linked();
    press(&mut app, "i");
    on_question(&mut app);
    let text = screen_text(&buffer(&app));
    let row = text.lines().find(|l| l.contains("⇄Is there anything")).expect("the question");
    assert!(row.contains("┃⇄ answers ← Ku: “It is also"), "the reference beside it: {row}");
    press(&mut app, "f");
    assert_eq!(app.focus, KU);
    let text = screen_text(&buffer(&app));
    assert!(text.contains("⇄ answers → Seiff: “Is there"), "{text}");
}

#[test]
fn the_links_list_cursor_stays_on_a_link_that_moves_when_reversed() {
    // A reversed link sorts elsewhere; the cursor stayed on its row, so the
    // next `x` reversed the other link.
    const WANG: usize = 3;
    let mut app = linked();
    press(&mut app, "\t\t\tgL");
    on_question(&mut app);
    press(&mut app, "L5");
    let ends = |app: &App| {
        let mut all: Vec<(usize, usize)> = app
            .annotations
            .links()
            .iter()
            .map(|l| {
                let voice = |id: &str| app.annotations.highlight(id).expect("end").voice;
                (voice(&l.from), voice(&l.to))
            })
            .collect();
        all.sort();
        all
    };
    assert_eq!(ends(&app), [(KU, SEIFF), (WANG, SEIFF)]);
    press(&mut app, "Fj"); // Wang's link, the second row
    assert!(screen_text(&buffer(&app)).contains("link 2/2"));
    press(&mut app, "x");
    assert_eq!(ends(&app), [(SEIFF, WANG), (KU, SEIFF)], "Wang's link reversed");
    assert!(screen_text(&buffer(&app)).contains("link 1/2"), "the cursor went with it");
    press(&mut app, "x");
    assert_eq!(ends(&app), [(KU, SEIFF), (WANG, SEIFF)], "and back: the same link, not Ku's");
}

#[test]
fn the_relation_picker_cuts_each_ends_quote_between_words() {
    for width in 60..=120 {
        let mut app = bundled_app(width, 40, false);
        press(&mut app, "\t\tjjL");
        on_question(&mut app);
        press(&mut app, "L");
        assert_eq!(app.mode(), Mode::Link);
        let text = screen_text(&buffer(&app));
        press(&mut app, "1");
        let link = app.annotations.links()[0].clone();
        let quote = |id: &str| app.annotations.highlight(id).expect("an end").quote.exact.clone();
        let from = text.lines().find(|l| l.contains("┃Ku: “")).expect("Ku's end");
        let to = text.lines().find(|l| l.contains("→ Seiff: “")).expect("Seiff's end");
        for (row, id) in [(from, &link.from), (to, &link.to)] {
            if let Err(e) = cut_between_words(quoted(row), &quote(id)) {
                panic!("{width}: {e}\n{text}");
            }
        }
    }
}
