//! The analysis views, driven through the keymap and `update`: search
//! across voices, jumping between highlights; styles asserted on the buffer.

mod common;

use common::*;
use crosstalk::ui::{App, Mode};
use ratatui::crossterm::event::KeyCode;
use ratatui::style::{Color, Modifier};

const KU: usize = 2;
const WANG: usize = 3;

fn status(app: &App) -> String {
    rows(&buffer(app)).last().cloned().unwrap_or_default()
}

#[test]
fn search_finds_every_voice_ignoring_case_and_n_and_n_step_across_panes() {
    let mut app = bundled_app(120, 40, true);
    press(&mut app, "/uighur");
    assert_eq!(app.mode(), Mode::Search);
    assert_eq!(app.search.as_ref().map(|s| s.matches.len()), Some(3), "Uighur, Uighurs, Uighurs");
    insta::assert_snapshot!("search_bar", rows(&buffer(&app))[38].trim_end().to_owned());
    press(&mut app, "\n");
    assert_eq!(app.mode(), Mode::Read);
    assert_eq!(app.focus, KU, "the first match after the cursor is in Ku's section");
    assert!(status(&app).contains("match 1 of 3"), "{}", status(&app));
    let buf = buffer(&app);
    for &c in &cells_of(&app, &buf, "Uighur") {
        assert_eq!(buf[c].bg, Color::Indexed(208), "the current match stands out");
    }
    press(&mut app, "n");
    assert_eq!(app.focus, WANG, "focus follows the match");
    assert!(status(&app).contains("match 2 of 3"));
    press(&mut app, "n");
    assert!(status(&app).contains("match 3 of 3"));
    press(&mut app, "n");
    assert_eq!(
        (app.focus, app.message.as_deref()),
        (KU, Some("match 1 of 3 · search wrapped around")),
        "the info line says which match, even where the status bar has no room"
    );
    assert!(status(&app).contains("match 1 of 3"));
    press(&mut app, "N");
    assert_eq!(app.focus, WANG);
    assert!(status(&app).contains("match 3 of 3"));
    assert_eq!(app.message.as_deref(), Some("match 3 of 3 · search wrapped around"));
    // `/` again starts empty, and says so rather than the last count.
    press(&mut app, "/");
    let bar = rows(&buffer(&app)).into_iter().find(|r| r.starts_with('/')).expect("the bar");
    assert!(bar.contains("type to search every voice") && !bar.contains("of 3"), "{bar}");
    press(&mut app, "\u{1b}");
    press(&mut app, "/Uighur\n");
    press(&mut app, "N");
    // Esc clears it: no count, no marks.
    press(&mut app, "\u{1b}");
    assert!(app.search.is_none());
    assert!(!status(&app).contains("match"));
    let buf = buffer(&app);
    assert!(
        buf.content().iter().all(|c| c.bg != Color::Indexed(208) && c.bg != Color::Indexed(220))
    );
}

#[test]
fn a_capital_makes_the_search_match_case() {
    let mut app = bundled_app(120, 40, true);
    press(&mut app, "/tiktok");
    let any_case = app.search.as_ref().map_or(0, |s| s.matches.len());
    press(&mut app, "\u{1b}/TikTok");
    let exact = app.search.as_ref().map_or(0, |s| s.matches.len());
    press(&mut app, "\u{1b}/TIKTOK");
    let none = app.search.as_ref().map_or(0, |s| s.matches.len());
    assert!(any_case >= exact && exact > 10, "{any_case} {exact}");
    assert_eq!(none, 0);
    press(&mut app, "\n");
    assert_eq!(app.message.as_deref(), Some("no match for “TIKTOK”"));
}

#[test]
fn a_long_query_keeps_its_room_in_the_search_bar() {
    // "no match for “…”" had repeated the query and taken the room the
    // field needs: at 60 columns only its last words showed.
    let mut app = bundled_app(60, 20, true);
    press(&mut app, "/security concerns in the apps");
    let bar = rows(&buffer(&app)).into_iter().find(|r| r.starts_with('/')).expect("the bar");
    assert!(bar.starts_with("/security concerns in the apps"), "{bar}");
    assert!(bar.contains("no match") && !bar.contains("no match for"), "{bar}");
    // However long the count, it has at most half the row.
    let mut app = bundled_app(40, 20, true);
    press(&mut app, "/the");
    let bar = rows(&buffer(&app)).into_iter().find(|r| r.starts_with('/')).expect("the bar");
    assert!(bar.starts_with("/the"), "{bar}");
}

#[test]
fn matches_are_marked_in_every_pane_while_typing_and_without_colour() {
    let mut app = bundled_app(200, 50, false);
    press(&mut app, "/the u.s.");
    let buf = buffer(&app);
    let screen = app.screen().expect("fits");
    // The panes on screen show their matches as they are typed.
    let mut marked_panes = 0;
    for &(voice, rect) in &screen.panes {
        let area = app.text_area(rect);
        if !cells_with(&buf, area, Modifier::ITALIC).is_empty() {
            marked_panes += 1;
            let has =
                app.search.as_ref().is_some_and(|s| s.matches.iter().any(|m| m.voice == voice));
            assert!(has, "voice {voice} is marked only if it has matches");
        }
    }
    assert!(marked_panes >= 3, "matches in several voices at once: {marked_panes}");
    for cell in buf.content() {
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "NO_COLOR: no colour");
    }
    press(&mut app, "\n");
    let buf = buffer(&app);
    let current = cells_with(&buf, buf.area, Modifier::ITALIC | Modifier::REVERSED);
    assert!(current.len() >= "the U.S.".len(), "the current match is reversed too");
}

#[test]
fn brackets_jump_between_highlights_of_the_focused_voice() {
    let mut app = bundled_app(120, 40, true);
    press(&mut app, "\t\t"); // Ku
    press(&mut app, "2JJj3gj"); // ¶1 s1; ¶3 s2; back to the top, then s2
    assert_eq!(app.annotations.highlights().len(), 2);
    press(&mut app, "]");
    let c = app.panes[KU].cursor;
    assert_eq!((c.para, c.sentence), (2, 1), "to the highlight in ¶3");
    press(&mut app, "]");
    assert_eq!(app.message.as_deref(), Some("no later highlight in this voice"));
    press(&mut app, "[");
    let c = app.panes[KU].cursor;
    assert_eq!((c.para, c.sentence), (0, 0));
    press(&mut app, "[");
    assert_eq!(app.message.as_deref(), Some("no earlier highlight in this voice"));
    // Another voice's highlights are not this voice's.
    press(&mut app, "l]");
    assert_eq!(app.message.as_deref(), Some("no later highlight in this voice"));
}

/// The reader on the bundled debate with the fixture annotations.
fn with_fixture(width: u16, height: u16) -> App {
    let mut app = bundled_app(width, height, true);
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/bundled.annotations.ron");
    let (a, _) =
        crosstalk::store::load_annotations(&path, &app.doc).expect("parses").expect("exists");
    app.annotations = a;
    // As loaded from the file: nothing to save.
    app.saving.saved_revision = app.annotations.revision();
    app
}

fn shown(app: &App) -> usize {
    app.list().map_or(0, |l| l.rows.len())
}

#[test]
fn the_list_filters_by_text_tag_and_contributor_and_goes_to_a_highlight() {
    let mut app = with_fixture(120, 36);
    press(&mut app, "a");
    assert_eq!(app.mode(), Mode::List);
    assert_eq!(shown(&app), 8, "every highlight, the orphan included");
    key(&mut app, KeyCode::PageDown);
    assert_eq!(app.list().map(|l| l.selected), Some(7), "ten down, stopping at the last");
    key(&mut app, KeyCode::PageUp);
    assert_eq!(app.list().map(|l| l.selected), Some(0));
    insta::assert_snapshot!("annotation_list", screen_text(&buffer(&app)));
    press(&mut app, "tencent");
    assert_eq!(shown(&app), 1, "by the text of the quote or the note");
    for _ in 0.."tencent".len() {
        key(&mut app, KeyCode::Backspace);
    }
    press(&mut app, "beijing");
    assert_eq!(shown(&app), 1, "“it is Beijing” is only in a note");
    for _ in 0.."beijing".len() {
        key(&mut app, KeyCode::Backspace);
    }
    press(&mut app, "\t\t"); // human-rights framing
    assert_eq!(app.list().and_then(|l| l.tag.clone()).as_deref(), Some("human-rights framing"));
    assert_eq!(shown(&app), 2);
    key(&mut app, KeyCode::BackTab);
    key(&mut app, KeyCode::BackTab);
    key(&mut app, KeyCode::BackTab); // Ku
    assert_eq!(shown(&app), 1);
    press(&mut app, "\n");
    assert_eq!(app.mode(), Mode::Read);
    assert_eq!(app.focus, KU, "Enter goes to the highlight, focus follows");
    assert!(app.list().is_none());
}

#[test]
fn the_lists_tag_filter_ends_with_the_highlights_that_have_no_tag() {
    use crosstalk::model::annotations::tree;
    use crosstalk::model::stats::NO_TAG;
    let mut app = with_fixture(120, 36);
    let untagged: Vec<usize> = (app.annotations.highlights().iter().enumerate())
        .filter(|(_, h)| h.tags.is_empty())
        .map(|(i, _)| i)
        .collect();
    assert!(!untagged.is_empty(), "the fixture has an untagged highlight");
    let entries = tree::tree(app.annotations.tags()).len();
    press(&mut app, "a");
    for _ in 0..entries {
        key(&mut app, KeyCode::Tab);
    }
    assert_ne!(app.list().and_then(|l| l.tag.clone()).as_deref(), Some(NO_TAG));
    key(&mut app, KeyCode::Tab);
    let l = app.list().expect("list");
    assert_eq!(l.tag.as_deref(), Some(NO_TAG), "after the last tag");
    assert_eq!(l.rows, untagged, "only the highlights without a tag");
    let text = screen_text(&buffer(&app));
    let total = app.annotations.highlights().len();
    assert!(text.contains(&format!("{} of {total}", untagged.len())), "the count:\n{text}");
    assert!(text.contains("tag: (no tag) (Tab)"), "the scope names it, unquoted:\n{text}");
    // Typing narrows it like any filter; Tab again: every tag.
    press(&mut app, "zzz");
    assert_eq!(shown(&app), 0);
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.list().map(|l| l.tag.is_none()), Some(true), "then all");
    // Tagging the last untagged highlight from the filter leaves it empty.
    for _ in 0..3 {
        key(&mut app, KeyCode::Backspace);
    }
    for _ in 0..=entries {
        key(&mut app, KeyCode::Tab);
    }
    assert_eq!(shown(&app), untagged.len());
    ctrl(&mut app, 't');
    press(&mut app, "critique\n");
    assert_eq!(app.mode(), Mode::List);
    assert_eq!(shown(&app), untagged.len() - 1, "tagged: no longer in the filter");
}

#[test]
fn the_list_retags_edits_and_deletes_and_comes_back_after_each() {
    let mut app = with_fixture(120, 36);
    press(&mut app, "a");
    // Hoffman's highlight is the second row.
    key(&mut app, KeyCode::Down);
    ctrl(&mut app, 't');
    assert_eq!(app.mode(), Mode::Tag);
    press(&mut app, "critique\n");
    assert_eq!(app.mode(), Mode::List, "back in the list");
    let hoffman = |app: &App| {
        app.annotations
            .highlights()
            .iter()
            .find(|h| h.voice == 1)
            .cloned()
            .expect("Hoffman's highlight")
    };
    assert_eq!(hoffman(&app).tags, ["risk-mitigation proposal", "critique of the ban"]);
    ctrl(&mut app, 'e');
    assert_eq!(app.mode(), Mode::Note);
    press(&mut app, " More.\u{1b}y");
    assert_eq!(app.mode(), Mode::List);
    assert!(hoffman(&app).note.ends_with("don’t ban. More."), "{}", hoffman(&app).note);
    ctrl(&mut app, 'd');
    assert_eq!(app.mode(), Mode::Confirm, "it has a note: asks");
    press(&mut app, "y");
    assert_eq!(app.mode(), Mode::List);
    assert_eq!(shown(&app), 7);
    assert!(app.annotations.highlights().iter().all(|h| h.voice != 1));
    press(&mut app, "\u{1b}");
    assert_eq!(app.mode(), Mode::Read);
}

#[test]
fn the_matrix_counts_and_shades_and_opens_the_list_for_a_cell() {
    let mut app = with_fixture(120, 30);
    press(&mut app, "m");
    assert_eq!(app.mode(), Mode::Matrix);
    insta::assert_snapshot!("matrix", screen_text(&buffer(&app)));
    let Some(crosstalk::ui::overlay::Overlay::Matrix(view)) = app.top() else { panic!("matrix") };
    let row = view.matrix.tags.iter().position(|t| t == "human-rights framing").expect("row");
    assert_eq!(view.matrix.cells[row][KU].highlights, 1);
    assert_eq!(view.matrix.cells[row][WANG].highlights, 1);
    assert_eq!(
        view.matrix.all.iter().map(|c| c.highlights).sum::<usize>(),
        7,
        "orphans are not counted"
    );
    // The hottest cell is the brightest; an empty one has no colour.
    let buf = buffer(&app);
    let text = rows(&buf);
    let y = text.iter().position(|l| l.contains("human-rights framing")).expect("row") as u16;
    let x = text[usize::from(y)]
        .find("█ 1 11%")
        .map(|b| text[usize::from(y)][..b].chars().count())
        .expect("Ku's cell") as u16;
    assert_eq!(buf[(x + 2, y)].bg, Color::Rgb(230, 120, 40));
    // Move to that cell (over and back with l and h) and open the list for it.
    press(&mut app, "j");
    for _ in 0..KU + 1 {
        press(&mut app, "l");
    }
    press(&mut app, "h");
    press(&mut app, "\n");
    assert_eq!(app.mode(), Mode::List);
    let l = app.list().expect("list");
    assert_eq!(
        (l.tag.as_deref(), l.voice, l.rows.len()),
        (Some("human-rights framing"), Some(KU), 1)
    );
}

#[test]
fn a_short_matrix_keeps_its_rows_and_says_which_are_on_screen() {
    // At 40×12 the legend took three lines and the table showed three of
    // its ten rows, with nothing to say there were more.
    let mut app = with_fixture(40, 12);
    press(&mut app, "m");
    let text = screen_text(&buffer(&app));
    assert!(text.contains("rows 1–5 of 10 ↓"), "{text}");
    assert!(text.contains("each cell: highlights and the sha…"), "{text}");
    for _ in 0..9 {
        press(&mut app, "j");
    }
    let text = screen_text(&buffer(&app));
    assert!(text.contains("rows 6–10 of 10 ↑"), "{text}");
    assert!(text.contains("all highlights"), "{text}");
    // Just tall enough for every row and the whole legend (three lines at
    // this width): both, and no count (a line was kept back, and the
    // legend cut).
    let mut app = with_fixture(40, 19);
    press(&mut app, "m");
    let text = screen_text(&buffer(&app));
    assert!(text.contains("all highlights") && text.contains("least to most)"), "{text}");
    assert!(!text.contains("rows "), "{text}");
    // Tall enough, every row and the whole legend, and no count.
    let mut app = with_fixture(120, 30);
    press(&mut app, "m");
    let text = screen_text(&buffer(&app));
    assert!(!text.contains("rows 1") && text.contains("(▁ to █: least to most)"), "{text}");
}

#[test]
fn the_matrix_reads_without_colour() {
    let mut app = with_fixture(120, 30);
    app.theme = crosstalk::ui::theme::Theme::new(false);
    press(&mut app, "m");
    let buf = buffer(&app);
    assert!(
        screen_text(&buf).contains("█ 1 11%") && screen_text(&buf).contains("▃ 1 3%"),
        "bars carry the heat"
    );
    for cell in buf.content() {
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset));
    }
}

#[test]
fn compare_shows_one_tags_passages_side_by_side_and_returns_to_the_reader() {
    let mut app = with_fixture(200, 40);
    press(&mut app, "c");
    assert_eq!(app.mode(), Mode::Tag, "first, which tag");
    press(&mut app, "human\n");
    assert_eq!(app.mode(), Mode::Compare);
    assert_eq!(app.message.as_deref(), Some("2 passages under “human-rights framing”"));
    let text = screen_text(&buffer(&app));
    insta::assert_snapshot!("compare", text);
    assert!(text.contains("Julian Ku · 1 under “human-rights"));
    assert!(text.contains("Yaqiu Wang · 1 under “human-rights"));
    assert!(text.contains("It is fair to question the U.S."), "Ku's passage");
    assert!(text.contains("The Chinese companies Tencent,"), "Wang's passage");
    assert!(text.contains("No passages of Abby Seiff carry"), "a voice without any says so");
    assert_eq!(app.focus, KU, "on the first voice with a passage");
    // To Wang's pane, and back to the reader at the passage.
    press(&mut app, "l\n");
    assert_eq!(app.mode(), Mode::Read);
    assert_eq!(app.focus, WANG);
    let c = app.panes[WANG].cursor;
    assert_eq!((c.para, c.sentence), (1, 0));
    // Esc leaves for where the reader was before compare (Enter is the
    // key that goes to a passage).
    let before = (app.focus, app.first_visible, app.panes[WANG].cursor);
    press(&mut app, "c");
    press(&mut app, "critique\n");
    press(&mut app, "h");
    assert_ne!(app.focus, WANG, "compare moved the focus");
    press(&mut app, "\u{1b}");
    assert_eq!(app.mode(), Mode::Read);
    assert_eq!((app.focus, app.first_visible, app.panes[WANG].cursor), before);
}

#[test]
fn compare_opens_on_the_first_voice_with_a_passage_and_lists_each_voices_passages() {
    for (w, h) in [(60, 20), (80, 24), (200, 60)] {
        let mut app = with_fixture(w, h);
        assert_eq!(app.focus, 0, "Seiff, who has no passage under the tag");
        press(&mut app, "c");
        press(&mut app, "human\n");
        assert_eq!(app.mode(), Mode::Compare);
        assert_eq!(app.focus, KU, "{w}×{h}: the first voice with a passage");
        let screen = app.screen().expect("fits");
        assert!(screen.panes.iter().any(|&(v, _)| v == KU), "{w}×{h}: Ku's pane is on screen");
        let text = screen_text(&buffer(&app));
        // Ku's passage, not the text at the reader's cursor in Ku's voice.
        assert!(text.contains("Julian Ku · 1 under"), "{w}×{h}:\n{text}");
        assert!(text.contains("It is fair to question the U.S."), "{w}×{h}:\n{text}");
        // (At 60 columns the mode and its hints fill the status bar.)
        assert!(
            w < 80 || text.contains("passage 1/1"),
            "{w}×{h}: the status bar says where:\n{text}"
        );
        // To Wang's passage (after Ku's), then Webster's pane, which has none and says so.
        press(&mut app, "l");
        assert_eq!(app.focus, WANG);
        let text = screen_text(&buffer(&app));
        assert!(text.contains("The Chinese companies"), "{w}×{h}:\n{text}");
        // The info line is about the chosen passage, not the reader's cursor.
        let info = rows(&buffer(&app))[usize::from(h) - 2].clone();
        assert!(info.starts_with(" Yaqiu Wang: passage 1 of 1 · ¶2"), "{w}×{h}: {info:?}");
        press(&mut app, "l");
        let text = screen_text(&buffer(&app));
        assert!(text.contains("No passages of Graham Webster"), "{w}×{h}:\n{text}");
        assert!(w < 80 || text.contains("no passage"), "{w}×{h}: the status bar too:\n{text}");
    }
}

#[test]
fn esc_from_a_matrix_cells_list_returns_to_that_cell_with_fresh_counts() {
    use crosstalk::ui::overlay::Overlay;
    for (w, h) in [(60, 20), (120, 30), (200, 60)] {
        let mut app = with_fixture(w, h);
        press(&mut app, "m");
        let Some(Overlay::Matrix(view)) = app.top() else { panic!("matrix") };
        let row = view.matrix.tags.iter().position(|t| t == "human-rights framing").expect("row");
        for _ in 0..row {
            press(&mut app, "j");
        }
        for _ in 0..KU {
            press(&mut app, "l");
        }
        // The cursor's cell is on screen, even at 60 columns (the grid scrolls).
        let text = rows(&buffer(&app));
        let line = text.iter().find(|l| l.contains("human-rights framing")).expect("row");
        assert!(line.contains("█ 1 11%"), "{w}×{h}: Ku's cell shows:\n{}", text.join("\n"));
        press(&mut app, "\n");
        assert_eq!(app.mode(), Mode::List);
        assert_eq!(app.list().map(|l| l.rows.len()), Some(1));
        // Delete the cell's one highlight from the list (it has a note: asked first).
        ctrl(&mut app, 'd');
        press(&mut app, "y");
        assert_eq!(app.mode(), Mode::List);
        press(&mut app, "\u{1b}");
        assert_eq!(app.mode(), Mode::Matrix, "{w}×{h}: back to the matrix");
        let Some(Overlay::Matrix(view)) = app.top() else { panic!("matrix") };
        assert_eq!((view.row, view.col), (row, KU), "{w}×{h}: on the same cell");
        assert_eq!(view.matrix.cells[row][KU].highlights, 0, "{w}×{h}: counts up to date");
        assert_eq!(view.matrix.cells[row][WANG].highlights, 1);
        let text = screen_text(&buffer(&app));
        assert!(text.contains("human-rights framing"), "{w}×{h}:\n{text}");
        // Esc again leaves the matrix for the reader.
        press(&mut app, "\u{1b}");
        assert_eq!(app.mode(), Mode::Read);
    }
}

/// The cells of the focused pane's text area on row `y`: (x, symbol).
fn pane_row(app: &App, buf: &ratatui::buffer::Buffer, y: u16) -> Vec<(u16, String)> {
    let area = focused_text_area(app);
    (area.left()..area.right()).map(|x| (x, buf[(x, area.y + y)].symbol().to_owned())).collect()
}

fn joined(cells: &[(u16, String)]) -> String {
    cells.iter().map(|(_, s)| s.as_str()).collect()
}

#[test]
fn compare_runs_context_into_the_passage_and_marks_only_what_is_left_out() {
    for (w, h) in [(80, 24), (120, 30), (200, 40)] {
        let mut app = with_fixture(w, h);
        press(&mut app, "c");
        press(&mut app, "human\n");
        assert_eq!(app.message.as_deref(), Some("2 passages under “human-rights framing”"));
        // Ku's and Wang's passages each open their paragraph: no `…`
        // before them, and no context from the paragraph before.
        let first = joined(&pane_row(&app, &buffer(&app), 0));
        assert!(first.starts_with("It is fair to question"), "{w}×{h}: {first:?}");
        press(&mut app, "l");
        let first = joined(&pane_row(&app, &buffer(&app), 0));
        assert!(first.starts_with("The Chinese companies"), "{w}×{h}: {first:?}");
        // Ku's passage under this tag starts mid-paragraph: the end of the
        // sentence before runs into it on the same line, marked apart.
        press(&mut app, "\u{1b}c");
        press(&mut app, "recipro\n");
        let buf = buffer(&app);
        let row = pane_row(&app, &buf, 0);
        let text = joined(&row);
        assert!(text.starts_with('…'), "{w}×{h}: text left out before: {text:?}");
        let at = text.find("It is certainly").expect("the passage on the context's line");
        let passage_x = row[text[..at].chars().count()].0;
        let y = focused_text_area(&app).y;
        let (context, passage) = (&buf[(row[1].0, y)], &buf[(passage_x, y)]);
        assert_ne!(context.bg, passage.bg, "{w}×{h}: the passage is marked, its context not");
        // The context after it, cut between words, follows on its last line.
        let last = (0..12)
            .map(|r| joined(&pane_row(&app, &buf, r)))
            .find(|l| l.contains("Americans."))
            .expect("the passage's end");
        assert!(last.contains("Americans. It is also"), "{w}×{h}: {last:?}");
    }
}

#[test]
fn compare_shows_a_passage_across_paragraphs_on_lines_of_their_own() {
    let mut app = bundled_app(120, 40, false);
    let seiff = &app.doc.voices()[0];
    let text = |p: usize| app.doc.paragraph(seiff.paragraphs.at(p)).text().to_owned();
    let (one, two) = (text(0), text(1));
    let end: String =
        one.trim_end().chars().rev().take(12).collect::<Vec<_>>().into_iter().rev().collect();
    let start: String = two.chars().take(12).collect();
    // From the first sentence to the end of the second paragraph.
    press(&mut app, "v}}");
    let sel = app.selection.expect("selected");
    assert_eq!((sel.range().0.para, sel.range().1.para), (0, 1), "{sel:?}");
    press(&mut app, "2c");
    press(&mut app, "human\n");
    let buf = buffer(&app);
    let shown: Vec<String> = (0..30).map(|r| joined(&pane_row(&app, &buf, r))).collect();
    let at_end = shown.iter().position(|l| l.contains(end.trim())).expect("¶1's end shown");
    assert!(!shown[at_end].contains(&start), "¶2 runs on: {:?}", shown[at_end]);
    assert!(shown[at_end + 1].trim_start().starts_with(&start), "{shown:#?}");
}
