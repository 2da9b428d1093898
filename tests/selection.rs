//! The selection shown is exactly what will be coded: no surrounding
//! whitespace, never an empty next paragraph, and the highlighted cells on
//! the screen spell the quote of the highlight a tag then creates.

mod common;

use common::*;
use crosstalk::ui::App;
use ratatui::style::Color;

const KU: usize = 2;

/// The reader in Ku's pane, in colour (the selection's background is
/// `Indexed(25)`), with no highlights yet.
fn on_ku() -> App {
    let mut app = bundled_app(120, 40, true);
    press(&mut app, "\t\t");
    assert_eq!(app.focus, KU);
    assert!(app.annotations.highlights().is_empty());
    app
}

/// The selected cells of the focused pane, a row at a time, the rows
/// joined by a space (the space at a soft wrap is drawn nowhere).
fn drawn_selection(app: &App) -> String {
    let buf = buffer(app);
    let area = focused_text_area(app);
    let mut rows = Vec::new();
    for y in area.top()..area.bottom() {
        let row: String = (area.left()..area.right())
            .filter(|&x| buf[(x, y)].bg == Color::Indexed(25))
            .map(|x| buf[(x, y)].symbol())
            .collect();
        if !row.is_empty() {
            rows.push(row);
        }
    }
    rows.join(" ")
}

/// The text without its whitespace: a row ends at a soft wrap, after a
/// space or after a hyphen, and the wrap itself is drawn nowhere.
fn ink(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Presses `keys`, then tags with quick key 1: the highlight's quote is
/// what was drawn, with nothing around it.
fn drawn_is_coded(keys: &str) -> String {
    let mut app = on_ku();
    press(&mut app, keys);
    let drawn = drawn_selection(&app);
    assert!(!drawn.is_empty(), "{keys:?}: nothing drawn");
    assert_eq!(drawn, drawn.trim(), "{keys:?}: whitespace drawn at an end");
    press(&mut app, "1");
    let [h] = app.annotations.highlights() else { panic!("{keys:?}: one highlight") };
    let quote = &h.quote.exact;
    assert_eq!(quote.as_str(), quote.trim(), "{keys:?}: the quote has whitespace around it");
    // Cell for cell: only the (undrawn) wrap spaces and paragraph breaks
    // are missing from the drawing.
    assert_eq!(ink(&drawn), ink(quote), "{keys:?}: drawn and coded differ");
    quote.clone()
}

#[test]
fn b_right_after_v_drops_the_last_word() {
    let mut app = on_ku();
    press(&mut app, "v");
    let sentence = drawn_selection(&app);
    press(&mut app, "b");
    let shrunk = drawn_selection(&app);
    assert_ne!(shrunk, sentence, "b after v changes the selection");
    let last_word = sentence.rsplit(' ').next().expect("a word");
    assert_eq!(format!("{shrunk} {last_word}"), sentence);
    let quote = drawn_is_coded("vb");
    assert_eq!(quote, shrunk);
    // `w` takes the word back (a word is letters and digits: its full stop
    // is punctuation, and `l` takes it a character further).
    let without_stop = sentence.trim_end_matches(['.', '?', '!', '”', '’']);
    assert_eq!(drawn_is_coded("vbw"), without_stop);
    assert!(sentence.starts_with(&drawn_is_coded("vbwl")));
    assert_eq!(drawn_is_coded("vbwl").len(), without_stop.len() + 1);
}

#[test]
fn v_j_k_is_v_again_even_at_the_end_of_a_paragraph() {
    // The first sentence of Ku's section, and the last of its first
    // paragraph (`J` then `k`).
    for start in ["", "Jk"] {
        let mut app = on_ku();
        press(&mut app, &format!("{start}v"));
        let sentence = drawn_selection(&app);
        let range = app.selection.expect("selecting").range();
        press(&mut app, "jk");
        assert_eq!(app.selection.expect("selecting").range(), range, "{start}vjk");
        assert_eq!(drawn_selection(&app), sentence);
        let quote = drawn_is_coded(&format!("{start}vjk"));
        assert_eq!(quote, sentence, "no trailing space, no empty next paragraph");
    }
}

#[test]
fn what_is_highlighted_is_what_is_coded() {
    for keys in [
        "v",
        "vb",
        "vbb",
        "vbbbw",
        "vw",
        "vwwb",
        "vj",
        "vjb",
        "vjjk",
        "jvk",
        "jvkj",
        "jvkw",
        "jvkb",
        "Jkv",
        "Jkvj",
        "Jkvjb",
        "Jkvjk",
        "Jvkk",
        "Jvkw",
        "Jvbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
        // From the word cursor; by character; the other end; paragraphs.
        "wv",
        "wvww",
        "wwwvbbbb",
        "wvl",
        "wvhh",
        "wvwwo",
        "wvwwob",
        "wvwwoww",
        "wwvwwohhh",
        "wv}",
        "wv}{",
        "Jbbv{",
        "wvjjo(",
        "bbbv",
    ] {
        drawn_is_coded(keys);
    }
}

#[test]
fn a_phrase_is_coded_from_the_word_cursor() {
    // The example: from the first sentence of the first voice
    // (“Citing national security concerns, the Trump administration …”).
    let mut app = bundled_app(120, 40, true);
    press(&mut app, "wvwwt");
    press(&mut app, "risk\n");
    let [h] = app.annotations.highlights() else { panic!("one highlight") };
    assert_eq!(h.quote.exact, "national security concerns");
    assert_eq!(h.tags, ["risk-mitigation proposal"]);
    // The comma is a character further.
    let mut app = bundled_app(120, 40, true);
    press(&mut app, "wvwwl1");
    assert_eq!(app.annotations.highlights()[0].quote.exact, "national security concerns,");
}

/// An abbreviation is one word with its last full stop (UAX #29 alone
/// gives `U.S` and leaves `’s` apart): Hoffman's first sentence begins
/// “The U.S.’s whack-a-mole approach”; Seiff's says “in the U.S. (TikTok”.
#[test]
fn the_word_cursor_takes_an_abbreviation_whole() {
    let mut app = bundled_app(120, 40, true);
    press(&mut app, "\twv1");
    assert_eq!(app.annotations.highlights()[0].quote.exact, "U.S.’s");
    let mut app = bundled_app(120, 40, true);
    let words_before = "Citing national security concerns, the Trump administration announced September 18 that it was banning both TikTok and WeChat from mobile app stores starting Sunday, with further usage bans to come. While that date came and went without any impact on the apps’ accessibility in the";
    let n = crosstalk::model::segment::word_count(words_before);
    press(&mut app, &"w".repeat(n));
    press(&mut app, "v1");
    assert_eq!(app.annotations.highlights()[0].quote.exact, "U.S.");
}

#[test]
fn the_word_cursor_is_drawn_apart_and_v_takes_its_word_or_else_the_sentence() {
    let mut app = bundled_app(120, 40, true);
    press(&mut app, "w");
    let buf = buffer(&app);
    let word = cells_of(&app, &buf, "national");
    let rest = cells_of(&app, &buf, "security");
    assert!(word.iter().all(|&c| buf[c].bg == ratatui::style::Color::Indexed(229)), "the word");
    assert!(rest.iter().all(|&c| buf[c].bg != ratatui::style::Color::Indexed(229)), "not the rest");
    press(&mut app, "v1");
    assert_eq!(app.annotations.highlights()[0].quote.exact, "national");
    // A sentence motion since the last word motion: `v` takes the sentence.
    let mut app = bundled_app(120, 40, true);
    press(&mut app, "wwjkv1");
    let quote = &app.annotations.highlights()[0].quote.exact;
    assert!(quote.starts_with("Citing national security concerns") && quote.ends_with('.'));
    // `w` / `b` cross sentence and paragraph ends; `b` from the start goes nowhere.
    let mut app = bundled_app(120, 40, true);
    press(&mut app, "b");
    assert_eq!(app.message.as_deref(), Some("no earlier word in this voice"));
    press(&mut app, "J");
    press(&mut app, "b");
    let w = app.panes[0].word.expect("a word cursor");
    assert_eq!(w.0.para, 0, "back into the paragraph before");
}

#[test]
fn the_status_bar_gives_the_selections_size_and_ends() {
    let mut app = bundled_app(160, 40, true);
    press(&mut app, "wvww");
    let status = rows(&buffer(&app)).last().cloned().unwrap_or_default();
    assert!(status.contains("3 words: national … concerns"), "{status}");
}

#[test]
fn a_reader_key_while_selecting_says_how_to_reach_it() {
    // `q` while selecting did nothing, silently: it is the reader's.
    let mut app = on_ku();
    press(&mut app, "vw");
    let before = app.selection;
    let effect = press(&mut app, "q");
    assert_eq!(effect, crosstalk::ui::Command::None, "nothing quits");
    assert_eq!(app.mode(), crosstalk::ui::Mode::Select);
    assert_eq!(app.selection, before, "the selection is as it was");
    let text = screen_text(&buffer(&app));
    assert!(text.contains("q is a reader key: Esc leaves SELECT first"), "{text}");
    // The next key clears it; Esc then q quits.
    press(&mut app, "\u{1b}");
    assert_eq!(app.mode(), crosstalk::ui::Mode::Read);
    assert!(!screen_text(&buffer(&app)).contains("reader key"));
    assert_eq!(press(&mut app, "q"), crosstalk::ui::Command::Quit);
}

#[test]
fn back_a_paragraph_from_the_end_of_the_first_shrinks_the_selection() {
    // `{` after `}` in a voice's first paragraph did nothing and said the
    // selection was at the start of the voice.
    let mut app = on_ku();
    press(&mut app, "gv");
    let first = app.selection.expect("selecting");
    press(&mut app, "}");
    assert!(app.selection.expect("selecting").head > first.head, "grown to the paragraph's end");
    press(&mut app, "{");
    let back = app.selection.expect("selecting");
    assert_eq!((back.anchor, back.head), (first.anchor, first.head), "back to where it began");
    assert!(!screen_text(&buffer(&app)).contains("at the start of this voice"));
    // Once more: now it is at the start of the voice, and says so.
    press(&mut app, "{");
    assert!(screen_text(&buffer(&app)).contains("at the start of this voice"));
}

#[test]
fn after_a_search_v_selects_the_match_and_t_codes_it() {
    // “whack-a-mole” is three words to `w`; found by `/`, it is one press
    // of `v`. Hoffman's pane, the match mid-sentence.
    let mut app = bundled_app(120, 40, true);
    press(&mut app, "/whack-a-mole\n");
    assert_eq!(app.focus, 1);
    press(&mut app, "v1");
    let [h] = app.annotations.highlights() else { panic!("one highlight") };
    assert_eq!(h.quote.exact, "whack-a-mole");
    // `n` to the next match: the word cursor follows it, and a sentence
    // motion gives the sentence back to `v`.
    let mut app = bundled_app(120, 40, true);
    press(&mut app, "/TikTok\nn");
    let w = app.panes[app.focus].word.expect("the match is the word cursor");
    let m = app.search.as_ref().and_then(|s| s.current.map(|k| s.matches[k])).expect("a match");
    assert_eq!(w, (m.start, m.end));
    press(&mut app, "jkv1");
    assert_ne!(app.annotations.highlights()[0].quote.exact, "TikTok");
    // From the keyword-in-context list too.
    let mut app = bundled_app(120, 40, true);
    press(&mut app, "/WeChat\nsj\nv1");
    assert_eq!(app.annotations.highlights()[0].quote.exact, "WeChat");
}

#[test]
fn a_search_with_spaces_selects_only_its_words() {
    // `/whack-a-mole ` (a trailing space): `v` takes the words, never the
    // space; `/ ` alone leaves `v` the sentence.
    let mut app = bundled_app(120, 40, true);
    press(&mut app, "/whack-a-mole \nv1");
    assert_eq!(app.annotations.highlights()[0].quote.exact, "whack-a-mole");
    let mut app = bundled_app(120, 40, true);
    press(&mut app, "/ \nv1");
    let quote = &app.annotations.highlights()[0].quote.exact;
    assert!(quote.ends_with('.') && !quote.starts_with(' '), "{quote:?}");
}
