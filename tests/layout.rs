//! What the reader's chrome keeps at narrow and wide terminals (issue 11):
//! the status bar's hints whatever the voice name, the help overlay whole
//! at 60×20, the read-only banner wrapped; and (issue 12) every mode's titles,
//! scope lines, legends and dialogs whole at 60×20, dropping whole phrases or
//! wrapping, with the long form at 200×60. Driven through the real keymap.

mod common;

use common::*;
use crosstalk::model::testing::conversation;
use crosstalk::ui::{App, Mode};

const LONG: &str =
    "Professor Maximiliana Wolkenstein-Ravensworth of the Institute for Comparative Studies";

/// A generated conversation whose contributors have long names.
fn long_names(width: u16, height: u16) -> App {
    let mut doc = conversation(&[
        &["One sentence here. Another one.", "A second paragraph."],
        &["The other voice speaks."],
    ]);
    for c in &mut doc.contributors {
        c.name = format!("{LONG} ({})", c.id);
    }
    app_for(doc, width, height, true)
}

fn status(app: &App) -> String {
    rows(&buffer(app)).last().cloned().unwrap_or_default()
}

#[test]
fn the_status_bar_keeps_mode_and_hints_and_shortens_the_voice_name_first() {
    for width in [60, 80, 120, 200] {
        let mut app = long_names(width, 20);
        let bar = status(&app);
        assert!(bar.starts_with(" READ "), "{width}: {bar}");
        for hint in ["? help", "q quit", "v select", "t tag", "e note", "u undo"] {
            assert!(bar.contains(hint), "{width}: {hint:?} is missing from {bar:?}");
        }
        assert!(bar.contains('✓'), "{width}: the save state: {bar:?}");
        assert!(width >= 200 || !bar.contains(LONG), "{width}: the name is shortened: {bar:?}");
        if width == 120 {
            assert!(bar.contains("¶1/2 · sentence 1/2"), "{width}: the position: {bar:?}");
            assert!(bar.contains("test.ron"), "{width}: the file label: {bar:?}");
            assert!(bar.contains(" Professor Max"), "{width}: the name, cut: {bar:?}");
            assert!(bar.contains('…'), "{width}: marked as cut: {bar:?}");
        }
        // In other modes too: a selection, the tag manager, compare.
        press(&mut app, "v");
        let bar = status(&app);
        assert_eq!(app.mode(), Mode::Select);
        for hint in ["w/b word", "h/l char", "o other end", "t tag", "Esc cancel"] {
            assert!(bar.contains(hint), "{width}: {hint:?} is missing from {bar:?}");
        }
        press(&mut app, "\u{1b}\u{1b}T");
        let bar = status(&app);
        // The save state stays in every mode (at 80 columns the tag
        // manager's hints pushed it off); at 60 the last hint gives way.
        assert!(bar.contains('✓'), "{width}: the save state: {bar:?}");
        for hint in ["r rename", "c colour", "e describe", "m merge", "x delete"] {
            let kept = width >= 80 || hint != "x delete";
            assert_eq!(bar.contains(hint), kept, "{width}: {hint:?} in {bar:?}");
        }
    }
    // With a short name and room, everything shows.
    let app = bundled_app(120, 30, true);
    let bar = status(&app);
    assert!(bar.contains(" Abby Seiff · ¶1/5 · sentence 1/3 "), "{bar}");
    assert!(bar.contains("✓ saved · test.ron"), "{bar}");
}

#[test]
fn short_voice_names_are_shown_whole() {
    // Names of four cells or fewer (an interview's Q and A, EVE, 李明) were
    // dropped as if there were no room for them.
    for name in ["Q", "A", "Ku", "EVE", "李明"] {
        for width in [120, 200] {
            let mut doc = conversation(&[&["One sentence here."], &["The other voice."]]);
            doc.contributors[0].name = name.to_owned();
            let app = app_for(doc, width, 20, true);
            let bar = status(&app);
            assert!(bar.contains(&format!(" {name} · ¶1/1 ")), "{width}: {name:?} in {bar:?}");
        }
    }
}

#[test]
fn the_annotation_list_lines_up_names_of_any_width() {
    // The voice column was padded by characters, so a CJK name (two cells a
    // character) pushed the rest of its row two cells right.
    let doc = conversation(&[&["One sentence here."], &["Another one."], &["A third."]]);
    let mut file = doc.to_file();
    for (c, name) in file.contributors.iter_mut().zip(["Zoë Ångström", "李明", "Q"]) {
        c.name = name.to_owned();
    }
    let doc = crosstalk::model::Conversation::new(file).expect("valid");
    let mut app = app_for(doc, 120, 30, true);
    for _ in 0..3 {
        press(&mut app, "tcode\n\t");
    }
    assert_eq!(app.annotations.highlights().len(), 3);
    press(&mut app, "a");
    assert_eq!(app.mode(), Mode::List);
    let columns: Vec<usize> = rows(&buffer(&app))
        .iter()
        .filter(|r| r.contains('“'))
        .filter_map(|r| r.find('¶').map(|at| unicode_width::UnicodeWidthStr::width(&r[..at])))
        .collect();
    assert_eq!(columns.len(), 3, "{}", screen_text(&buffer(&app)));
    assert!(
        columns.iter().all(|&c| c == columns[0]),
        "{columns:?}\n{}",
        screen_text(&buffer(&app))
    );
}

/// The rows inside the help box, border stripped.
fn help_rows(app: &App) -> Vec<String> {
    box_rows(app, "Keys")
}

/// The rows inside the box whose top row holds `title`, border stripped.
fn box_rows(app: &App, title: &str) -> Vec<String> {
    let rows = rows(&buffer(app));
    let top = rows.iter().position(|r| r.contains("┏") && r.contains(title)).expect("the box");
    let at = rows[top].find(title).expect("title");
    let corner = rows[top][..at].rfind('┏').expect("corner");
    let left = rows[top][..corner].chars().count();
    let width = rows[top].chars().skip(left).position(|c| c == '┓').expect("corner") + 1;
    assert!(left + width <= usize::from(app.size.0), "the box fits the screen");
    rows[top + 1..]
        .iter()
        .map(|r| r.chars().skip(left).take(width).collect::<String>())
        .take_while(|inner| !inner.starts_with('┗'))
        .map(|inner| {
            assert!(inner.starts_with('┃') && inner.ends_with('┃'), "a whole row: {inner:?}");
            inner.trim_matches('┃').trim_end().to_owned()
        })
        .collect()
}

fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn help_fits_and_scrolls_to_every_binding_of_every_context() {
    use crosstalk::ui::keymap::{self, keys_label};
    for (w, h) in [(60, 20), (80, 24), (200, 60)] {
        let mut app = bundled_app(w, h, true);
        press(&mut app, "?");
        assert_eq!(app.mode(), Mode::Help);
        // Scroll to the end, a row at a time, keeping each row as it passes.
        let mut seen = help_rows(&app);
        let shown = seen.len();
        loop {
            press(&mut app, "j");
            let now = help_rows(&app);
            if now == seen[seen.len() - shown..] {
                break;
            }
            seen.push(now.last().cloned().expect("a row"));
            assert!(seen.len() < 1000, "scrolls forever");
        }
        let all = squeeze(&seen.join(" "));
        for b in keymap::all() {
            let entry = squeeze(&format!("{} {}", keys_label(b), b.description));
            assert!(
                all.contains(&entry),
                "{w}×{h}: {entry:?} is not in the help:\n{}",
                seen.join("\n")
            );
        }
        for heading in ["Reader", "Tag manager", "Compare", "Help"] {
            assert!(seen.iter().any(|r| r == heading), "{w}×{h}: {heading}");
        }
        // Past the end it stays; one `k` goes back one row.
        press(&mut app, "jjj");
        assert_eq!(help_rows(&app), seen[seen.len() - shown..]);
        press(&mut app, "k");
        assert_eq!(help_rows(&app), seen[seen.len() - shown - 1..seen.len() - 1]);
        press(&mut app, "\u{1b}");
        assert_eq!(app.mode(), Mode::Read);
    }
}

#[test]
fn the_read_only_banner_wraps_and_the_panes_give_up_its_rows() {
    let why = "coded.annotations.ron:47:20: tag “critique of the ban” is defined twice; \
               rename or remove one of the two definitions — nothing will be saved";
    for (w, h) in [(60, 20), (80, 24), (200, 60)] {
        let mut app = bundled_app(w, h, true);
        let before = app.screen().expect("fits");
        app.saving.read_only = Some(why.to_owned());
        let screen = app.screen().expect("fits");
        let text = rows(&buffer(&app));
        // All of it readable, across the rows it takes.
        let start = text.iter().position(|r| r.starts_with(" READ-ONLY:")).expect("the banner");
        let banner: Vec<&String> =
            text[start..].iter().take_while(|r| !r.starts_with(" READ ")).collect();
        let read = squeeze(&banner.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(" "));
        assert!(
            read.contains(&squeeze(&format!("READ-ONLY: {why}"))),
            "{w}×{h}:\n{}",
            text.join("\n")
        );
        // The panes shrink by the banner's rows and end above it.
        let rows_taken = screen.banner.height;
        assert!(rows_taken >= 1 && (w > 60 || rows_taken >= 2), "{w}×{h}: {rows_taken}");
        let (_, pane) = screen.panes[0];
        assert_eq!(pane.height + rows_taken, before.panes[0].1.height, "{w}×{h}");
        assert_eq!(pane.bottom(), screen.banner.y, "{w}×{h}: nothing overlaps");
        assert_eq!(usize::from(screen.banner.y), start, "{w}×{h}");
        // The status bar and the info line are still there, below it.
        assert!(text[usize::from(h) - 1].starts_with(" READ "), "{w}×{h}");
    }
}

// ── Issue 12: a newcomer's walk at 60×20 finds nothing cut ──────────────

/// The title of the box whose top row holds `name`: between `┏ ` and the
/// border after it.
fn title(app: &App, name: &str) -> String {
    let rows = rows(&buffer(app));
    let row = rows.iter().find(|r| r.contains('┏') && r.contains(name)).expect("the box");
    let at = row.find(name).expect("name");
    let rest = &row[at..];
    rest[..rest.find(" ━").expect("border after the title")].to_owned()
}

/// `title` is the first `n` of `phrases`, whole, joined by ` · `; returns `n`.
fn whole_phrases(title: &str, phrases: &[&str]) -> usize {
    let shown: Vec<&str> = title.split(" · ").collect();
    assert!(
        !shown.is_empty() && shown.len() <= phrases.len() && shown[..] == phrases[..shown.len()],
        "{title:?} is not whole phrases of {phrases:?}"
    );
    shown.len()
}

/// One highlight under tag 1 in the first voice.
fn tagged(w: u16, h: u16) -> App {
    let mut app = bundled_app(w, h, true);
    press(&mut app, "1");
    app
}

#[test]
fn panel_titles_drop_whole_hint_phrases_and_keep_the_view_name() {
    let list =
        ["Highlights", "Enter go to", "Ctrl-t tag", "Ctrl-e note", "Ctrl-d delete", "Esc close"];
    let matrix = ["Tags × contributors", "hjkl move", "Enter list the cell", "Esc close"];
    for (w, h) in [(60, 20), (80, 24), (200, 60)] {
        let mut app = tagged(w, h);
        press(&mut app, "a");
        let shown = whole_phrases(&title(&app, "Highlights"), &list);
        press(&mut app, "\u{1b}m");
        let shown_m = whole_phrases(&title(&app, "Tags × contributors"), &matrix);
        // Enter lists the cell; Esc comes back to the matrix, title and all.
        press(&mut app, "\n");
        assert_eq!(whole_phrases(&title(&app, "Highlights"), &list), shown);
        press(&mut app, "\u{1b}");
        assert_eq!(whole_phrases(&title(&app, "Tags × contributors"), &matrix), shown_m);
        if w == 200 {
            assert_eq!((shown, shown_m), (list.len(), matrix.len()), "the long form at {w}");
        }
        if w == 60 {
            assert!(shown >= 2 && shown < list.len(), "{w}: {shown}");
        }
    }
}

#[test]
fn the_list_scope_line_wraps_rather_than_cutting() {
    use ratatui::crossterm::event::KeyCode;
    for (w, h) in [(60, 20), (200, 60)] {
        let mut app = tagged(w, h);
        press(&mut app, "a\t");
        key(&mut app, KeyCode::BackTab);
        let inside = box_rows(&app, "Highlights");
        let tag = "tag: “risk-mitigation proposal” (Tab)";
        let who = "contributor: Abby Seiff (Shift-Tab)";
        if w == 60 {
            assert!(inside.iter().any(|r| r == tag), "{w}: {inside:#?}");
            assert!(inside.iter().any(|r| r == who), "{w}: {inside:#?}");
        } else {
            let one = format!("{tag} · {who}");
            assert!(inside.iter().any(|r| r == &one), "{w}: {inside:#?}");
        }
        // The highlight is still listed below it.
        assert!(inside.iter().any(|r| r.starts_with("Seiff ")), "{w}: {inside:#?}");
    }
}

#[test]
fn the_matrix_legend_wraps_rather_than_cutting() {
    let legend = "each cell: highlights and the share of the contributor's words coded (▁ to █: least to most)";
    for (w, h) in [(60, 20), (200, 60)] {
        let mut app = tagged(w, h);
        press(&mut app, "m");
        let inside = box_rows(&app, "Tags × contributors");
        let start = inside.iter().position(|r| r.starts_with("each cell:")).expect("legend");
        let read = squeeze(&inside[start..].join(" "));
        assert!(read.starts_with(legend), "{w}: {inside:#?}");
        assert!(!read.contains('…'), "{w}: {read}");
        assert_eq!(inside[start] == legend, w == 200, "{w}: one row when wide: {inside:#?}");
        // Every tag row and the total row are still on screen above it.
        assert!(inside[..start].iter().any(|r| r.starts_with("all highlights")), "{w}");
    }
}

#[test]
fn the_export_dialog_wraps_each_format_description() {
    use crosstalk::export::Format;
    for (w, h) in [(60, 20), (200, 60)] {
        let mut app = bundled_app(w, h, true);
        press(&mut app, "X");
        let inside = box_rows(&app, "Export");
        let all = squeeze(&inside.join(" "));
        assert!(!all.contains('…'), "{w}: {inside:#?}");
        for f in Format::ALL {
            let entry = squeeze(&format!("{} {}", f.name(), f.about()));
            assert!(all.contains(&entry), "{w}: {entry:?} in {inside:#?}");
            // Wide, each on one row.
            let one = inside.iter().any(|r| squeeze(r).ends_with(&entry));
            assert_eq!(one, w == 200 || f.about().len() < 40, "{w}: {entry:?} in {inside:#?}");
        }
        assert!(all.contains("File (in the current directory unless a path is given):"), "{w}");
    }
}

#[test]
fn prompt_titles_keep_the_question_and_drop_the_keys_whole() {
    let hint = "Enter accepts, Esc cancels";
    for (w, h) in [(60, 20), (200, 60)] {
        let mut app = tagged(w, h);
        press(&mut app, "T");
        let manager =
            ["Tags", "r rename", "c colour", "e describe", "1–9 key", "m merge", "x delete"];
        let shown = whole_phrases(&title(&app, "Tags"), &manager);
        assert_eq!(shown == manager.len(), w == 200, "{w}: {shown}");
        for (keys, question) in [
            ("r", "Rename “risk-mitigation proposal” to"),
            ("e", "Describe “risk-mitigation proposal”"),
        ] {
            press(&mut app, keys);
            let t = title(&app, question.split(' ').next().expect("a word"));
            let full = [question, hint];
            assert_eq!(whole_phrases(&t, &full), if w == 200 { 2 } else { 1 }, "{w}: {t:?}");
            press(&mut app, "\u{1b}");
        }
        // Merge asks in its title; delete asks in the box, wrapped whole.
        press(&mut app, "m");
        assert_eq!(title(&app, "Merge"), "Merge “risk-mitigation proposal” into", "{w}");
        press(&mut app, "\u{1b}x");
        let asked = squeeze(&box_rows(&app, "Confirm").join(" "));
        assert!(
            asked.contains(
                "Delete tag “risk-mitigation proposal”? 1 highlight loses it, and has no other tag, note or link, so it is removed."
            ),
            "{w}: {asked}"
        );
        press(&mut app, "n\u{1b}");
    }
}

#[test]
fn the_tag_manager_shows_every_tag_name_whole() {
    for (w, h) in [(60, 20), (200, 60)] {
        let mut app = tagged(w, h);
        press(&mut app, "T");
        let inside = box_rows(&app, "Tags");
        for tag in app.annotations.tags() {
            let row = inside.iter().find(|r| r.contains(&tag.name));
            let row = row.unwrap_or_else(|| panic!("{w}: {:?} whole in {inside:#?}", tag.name));
            // Wide, the description too.
            assert_eq!(row.contains(&tag.description), w == 200, "{w}: {row:?}");
        }
    }
}

/// One very long tag name is cut with `…`; the other tags' descriptions
/// keep their room (they had been cut to three cells).
#[test]
fn a_very_long_tag_name_leaves_the_descriptions_room() {
    let mut app = tagged(120, 40);
    let long = "a very long tag name ".repeat(9);
    let long = long.trim_end();
    let edit = app.annotations.rename_tag("risk-mitigation proposal", long, app.now);
    app.annotations.apply(edit);
    press(&mut app, "T");
    let inside = box_rows(&app, "Tags");
    assert!(inside.iter().any(|r| r.contains("a very long tag name a very") && r.contains('…')));
    let tag = app.annotations.tag("reciprocity & market access").expect("a bundled tag").clone();
    let row = inside.iter().find(|r| r.contains(&tag.name)).expect("its row");
    let start: String = tag.description.chars().take(30).collect();
    assert!(row.contains(&start), "{row:?}");
}

#[test]
fn the_selection_line_drops_whole_phrases_and_keeps_the_count() {
    let long = "selecting (w/b word, h/l character, j/k sentence, o other end, v to stop)";
    for (w, h) in [(60, 20), (200, 60)] {
        let mut app = bundled_app(w, h, true);
        press(&mut app, "wvww");
        let text = rows(&buffer(&app));
        let info = text[usize::from(h) - 2].trim().to_owned();
        let mut parts = info.split(" · ");
        let state = parts.next().expect("state");
        assert!(state == long || state == "selecting (v to stop)", "{w}: {info:?}");
        let count = parts.next().expect("count");
        assert!(count.starts_with("3 words: "), "{w}: {info:?}");
        let rest: Vec<&str> = parts.collect();
        let hints = ["t tag", "1–9 quick tag", "e note", "Esc cancel"];
        assert_eq!(rest[..], hints[..rest.len()], "{w}: whole phrases: {info:?}");
        if w == 200 {
            assert_eq!((state, rest.len()), (long, hints.len()), "{w}: the long form");
        }
    }
}

#[test]
fn the_picker_shows_each_description_whole_when_wide() {
    let mut app = bundled_app(200, 60, true);
    press(&mut app, "t");
    assert_eq!(app.mode(), Mode::Tag);
    let inside = box_rows(&app, "Tag");
    for tag in app.annotations.tags() {
        let row = inside.iter().find(|r| r.contains(&tag.name)).expect("the tag's row");
        assert!(row.contains(&tag.description), "{:?} whole in {row:?}", tag.description);
        assert!(!row.contains('…'), "nothing cut: {row:?}");
    }
}

#[test]
fn a_long_description_wraps_in_its_prompt_rather_than_scrolling_sideways() {
    for (w, h) in [(60, 20), (200, 60)] {
        let mut app = bundled_app(w, h, true);
        press(&mut app, "T");
        press(&mut app, "e");
        assert_eq!(app.mode(), Mode::Prompt);
        let description = app.annotations.tags()[0].description.clone();
        let inside = squeeze(&box_rows(&app, "Describe").join(" "));
        assert!(
            inside.contains(&squeeze(&description)),
            "{w}: {description:?} whole in {inside:?}"
        );
        // Typing more keeps the start in view too.
        press(&mut app, " and a few more words typed at the end of it");
        let inside = squeeze(&box_rows(&app, "Describe").join(" "));
        let first = description.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
        assert!(inside.contains(&first), "{w}: the start {first:?} in {inside:?}");
        assert!(inside.contains("typed at the end of it"), "{w}: the end in {inside:?}");
    }
}

#[test]
fn capital_k_goes_to_the_paragraphs_start_then_the_one_before() {
    // As the key table says: mid-paragraph, its start; at its start, the
    // paragraph before.
    let mut app = bundled_app(120, 30, true);
    press(&mut app, "JJj");
    assert!(status(&app).contains("¶3/5 · sentence 2/"), "{}", status(&app));
    press(&mut app, "K");
    assert!(status(&app).contains("¶3/5 · sentence 1/"), "{}", status(&app));
    press(&mut app, "K");
    assert!(status(&app).contains("¶2/5 · sentence 1/"), "{}", status(&app));
}

#[test]
fn a_passage_with_many_tags_shows_the_count_and_its_note_on_the_info_line() {
    // 20 more tags on one passage ran the info line off the edge mid-word,
    // and the note never showed.
    let mut app = bundled_app(120, 30, true);
    press(&mut app, "\t\t2j");
    for i in 0..20 {
        press(&mut app, &format!("textra tag {i}\n"));
    }
    press(&mut app, "eWhy it matters");
    ctrl(&mut app, 's');
    press(&mut app, "\u{1b}"); // the "note saved" message goes
    let h = app.annotations.highlights().iter().max_by_key(|h| h.tags.len()).expect("coded");
    assert!(h.tags.len() >= 20 && h.note == "Why it matters", "{h:?}");
    let rows = rows(&buffer(&app));
    let info = &rows[rows.len() - 2];
    assert!(info.contains("✎ Why it matters"), "the note: {info:?}");
    let shown = h.tags.iter().filter(|t| info.contains(&format!(" {t} "))).count();
    assert!(info.contains(&format!("+{} tags", h.tags.len() - shown)), "{info:?}");
    assert!(shown >= 1, "{info:?}");
}

#[test]
fn a_frame_drawn_at_a_size_the_reader_has_not_seen_yet_never_panics() {
    // A window dragged: the terminal is resized again between the Resize
    // the reader laid out for and the frame ratatui draws at the new size.
    // Every mode, both ways (smaller and larger), down to 1×1.
    use ratatui::{Terminal, backend::TestBackend};
    let keys = ["", "a", "m", "?", "/", "X", "T", "A", "i", "v", "s"];
    for k in keys {
        for (laid, drawn) in [((120, 32), (20, 6)), ((20, 6), (120, 32)), ((80, 24), (1, 1))] {
            let mut app = bundled_app(laid.0, laid.1, true);
            press(&mut app, k);
            let mut term = Terminal::new(TestBackend::new(drawn.0, drawn.1)).expect("backend");
            term.draw(|f| crosstalk::ui::view(&app, f)).expect("draws");
            let shown = screen_text(term.backend().buffer());
            if laid.0 >= 80 && drawn.0 >= 20 && k.is_empty() {
                assert!(shown.contains("Technical"), "{k:?} {laid:?}→{drawn:?}:\n{shown}");
            }
        }
    }
}

#[test]
fn a_burst_of_resizes_over_wide_characters_never_panics() {
    // A frame drawn at the size the reader had not laid out yet showed the
    // part that fits: a CJK character's first half could be left in the
    // last column, and with the cursor's reverse video in the bottom-right
    // cell ratatui's diff read past its buffer on the next frame (exit 101,
    // a note being written lost).
    use crosstalk::import::{Kind, import};
    use crosstalk::ui::{Action, update};
    use ratatui::{Terminal, backend::TestBackend};
    let line = format!("a{}。", "中".repeat(60));
    let text: String = (0..40).map(|_| format!("Wang: {line}\n\n")).collect();
    let file = import(&text, Kind::Transcript, "wide").expect("imports");
    let doc = crosstalk::model::Conversation::new(file).expect("valid");
    for laid in 117..=121 {
        for drawn in [(40, 4), (41, 4), (39, 5), (40, 30)] {
            let mut app = app_for(doc.clone(), laid, 30, true);
            let mut term = Terminal::new(TestBackend::new(drawn.0, drawn.1)).expect("backend");
            term.draw(|f| crosstalk::ui::view(&app, f)).expect("draws");
            let buf = term.backend().buffer().clone();
            for y in 0..drawn.1 {
                let last = buf[(drawn.0 - 1, y)].symbol();
                assert!(
                    unicode_width::UnicodeWidthStr::width(last) <= 1,
                    "{laid}→{drawn:?}: a wide character cut at the right edge, row {y}"
                );
            }
            // The resize on its way, and the frame after it.
            update(&mut app, Action::Resize { width: drawn.0, height: drawn.1 });
            term.draw(|f| crosstalk::ui::view(&app, f)).expect("draws");
        }
    }
}

/// At 30×9 the matrix still shows a contributor's column (it had shown
/// `1–0 of 5` and none).
#[test]
fn the_matrix_shows_a_column_however_narrow() {
    let mut app = tagged(30, 9);
    press(&mut app, "m");
    let text = screen_text(&buffer(&app));
    assert!(!text.contains("1–0 of"), "{text}");
    assert!(text.contains("Seiff"), "{text}");
    press(&mut app, "l");
    let text = screen_text(&buffer(&app));
    assert!(text.contains("Hoffman") || text.contains("Hoffm"), "{text}");
}

/// The note editor's line of tags ends a name that does not fit with `…`.
#[test]
fn the_note_editor_cuts_a_long_tag_name_with_an_ellipsis() {
    let mut app = bundled_app(80, 30, true);
    press(&mut app, "3");
    let name = app.annotations.highlights()[0].tags[0].clone();
    let long = "a very long tag name ".repeat(6);
    let edit = app.annotations.rename_tag(&name, long.trim_end(), app.now);
    app.annotations.apply(edit);
    press(&mut app, "e");
    let text = screen_text(&buffer(&app));
    let row = text.lines().find(|l| l.contains("a very long tag")).expect("the tags' row");
    assert!(row.contains("name a very") && row.contains('…'), "{row:?}");
}

/// At 40 columns the annotation list still shows which tag a row has (a
/// name cut with `…`), not only `+1`.
#[test]
fn the_list_shows_a_tag_however_narrow() {
    let mut app = tagged(40, 20);
    press(&mut app, "a");
    let name = app.annotations.highlights()[0].tags[0].clone();
    let start: String = name.chars().take(4).collect();
    let text = rows(&buffer(&app));
    let row = text.iter().find(|r| r.contains('¶')).expect("a highlight's row");
    assert!(row.contains(&start), "{name:?} in {row:?}");
}

/// Compare opened from turn order lays the voices side by side: the
/// header counts those it shows (it said `1–5 of 5 on screen`).
#[test]
fn compare_from_turn_order_counts_the_voices_it_shows() {
    let mut app = tagged(120, 32);
    press(&mut app, "ic\n");
    assert!(
        matches!(app.top(), Some(crosstalk::ui::overlay::Overlay::Compare(_))),
        "{:?}",
        app.mode()
    );
    let text = rows(&buffer(&app));
    assert!(text[1].contains("1–3 of 5 on screen"), "{}", text[1]);
    assert!(text[1].contains("·Wang·"), "{}", text[1]);
}

#[test]
fn keys_wait_while_the_terminal_is_too_small_but_q() {
    // Behind the "too small" notice, `5` tagged a sentence and `e` opened
    // a chooser no one could see.
    use crosstalk::ui::terminal::action_for;
    use crosstalk::ui::{Action, update};
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    let key = |c: char| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    let mut app = bundled_app(120, 30, true);
    assert!(action_for(&app, &key('5')).is_some());
    update(&mut app, Action::Resize { width: 10, height: 3 });
    for c in ['5', 'e', 'j', 'v', 'd', 'T'] {
        assert_eq!(action_for(&app, &key(c)), None, "{c}");
    }
    assert_eq!(action_for(&app, &key('q')), Some(Action::Quit));
    let grown = Event::Resize(120, 30);
    assert_eq!(action_for(&app, &grown), Some(Action::Resize { width: 120, height: 30 }));
    update(&mut app, Action::Resize { width: 120, height: 30 });
    assert!(action_for(&app, &key('5')).is_some());
}

#[test]
fn narrow_bars_say_each_hint_in_one_word_before_dropping_one() {
    // At 30 and 40 columns the note editor's bar showed "new file" and no
    // key at all, or "Ctrl-s save and close" without Esc.
    for (width, hints) in [(30, &["Ctrl-s save"][..]), (40, &["Ctrl-s save", "Esc close"][..])] {
        let mut app = bundled_app(width, 20, true);
        press(&mut app, "e");
        assert_eq!(app.mode(), Mode::Note);
        let bar = status(&app);
        for hint in hints {
            assert!(bar.contains(hint), "{width}: {hint:?} is missing from {bar:?}");
        }
    }
    // Where the whole words fit, they stay.
    let mut app = bundled_app(120, 20, true);
    press(&mut app, "e");
    assert!(status(&app).contains("Ctrl-s save and close"), "{}", status(&app));
}

#[test]
fn a_short_list_scrolls_to_the_choice_with_the_choice_marked() {
    use ratatui::crossterm::event::KeyCode::Down;
    // The export dialog at 50×16 showed markdown…qdc whatever was chosen.
    let mut app = bundled_app(50, 16, true);
    press(&mut app, "X");
    for _ in 0..7 {
        key(&mut app, Down);
    }
    let screen = rows(&buffer(&app)).join("\n");
    assert!(screen.contains("› links-csv"), "{screen}");
    // The relation picker at 40×12: relations wrap to two rows each, and
    // the fifth was off screen with nothing marked.
    let mut app = bundled_app(40, 12, true);
    press(&mut app, "LjLjjjj");
    assert_eq!(app.mode(), Mode::Link);
    let screen = rows(&buffer(&app)).join("\n");
    assert!(screen.contains("5  cites"), "{screen}");
    assert!(screen.contains("Seiff: “"), "the ends stay on top: {screen}");
}

#[test]
fn long_tag_names_are_cut_with_an_ellipsis_at_30_columns() {
    let long = "a very long tag name that goes on and on";
    let mut app = bundled_app(30, 12, true);
    press(&mut app, &format!("t{long}"));
    let screen = rows(&buffer(&app)).join("\n");
    assert!(screen.contains("+ new tag “a very long…”"), "{screen}");
    assert!(screen.contains("type") || screen.contains('›'), "{screen}");
    press(&mut app, "\n");
    press(&mut app, "jk");
    let drawn = rows(&buffer(&app));
    let info = &drawn[drawn.len() - 2];
    assert!(info.trim_end().ends_with("…"), "the chip cut, not run off the edge: {info:?}");
}

#[test]
fn the_pickers_descriptions_start_in_one_column() {
    // Each description followed its chip, so a longer name (or a tag past
    // the nine quick keys) pushed it right: a ragged column.
    let mut app = bundled_app(120, 30, false);
    press(&mut app, "vt");
    assert_eq!(app.mode(), Mode::Tag);
    let buf = buffer(&app);
    let starts: Vec<usize> = rows(&buf)
        .iter()
        .filter(|r| r.contains("[ ] "))
        .map(|r| {
            let tag = app.annotations.tags().iter().find(|t| r.contains(&t.name)).expect("a tag");
            let after = r.find(&tag.name).expect("its name") + tag.name.len();
            let gap = r[after..].len() - r[after..].trim_start().len();
            r[..after + gap].chars().count()
        })
        .collect();
    assert_eq!(starts.len(), 8, "{starts:?}");
    assert!(starts.windows(2).all(|w| w[0] == w[1]), "{starts:?}\n{}", screen_text(&buf));
}

/// Shrunk to 40×10 to keep the cursor in view, a pane stayed scrolled down
/// once the window was grown back: its first lines were hidden above.
#[test]
fn a_pane_shrunk_and_grown_back_is_where_it_was_unless_moved_meanwhile() {
    use crosstalk::ui::{Action, update};
    let mut app = common::bundled_app(120, 30, false);
    // The cursor on a sentence a few rows down the first pane.
    common::press(&mut app, "jjj");
    let before = app.panes[app.focus];
    update(&mut app, Action::Resize { width: 40, height: 10 });
    let small = app.panes[app.focus];
    assert_ne!(small.top, before.top, "the small window had to scroll");
    assert_eq!(small.cursor, before.cursor);
    // A burst, as a window edge dragged gives.
    for (w, h) in [(60, 14), (90, 22), (120, 30)] {
        update(&mut app, Action::Resize { width: w, height: h });
    }
    assert_eq!(app.panes[app.focus].top, before.top, "back where it was");
    assert_eq!(app.panes[app.focus].cursor, before.cursor);
    // Scrolled while small, it stays where the reader took it.
    update(&mut app, Action::Resize { width: 40, height: 10 });
    common::press(&mut app, "j");
    let moved = app.panes[app.focus];
    update(&mut app, Action::Resize { width: 120, height: 30 });
    assert_ne!(app.panes[app.focus].top, before.top, "not taken back past the reader's move");
    assert_eq!(app.panes[app.focus].cursor, moved.cursor);
}

/// Grown back, the same voices are on screen: the strip of panes a small
/// window moved to keep the focused one shown went from 1–3 of 5 to 2–4.
#[test]
fn the_panes_on_screen_come_back_after_a_small_window_unless_moved_meanwhile() {
    use crosstalk::ui::{Action, update};
    let mut app = common::bundled_app(120, 30, false);
    common::press(&mut app, "l");
    let (first, focus) = (app.first_visible, app.focus);
    assert_eq!((first, focus), (0, 1), "Seiff's pane first, Hoffman's focused");
    update(&mut app, Action::Resize { width: 50, height: 12 });
    assert_eq!(app.first_visible, 1, "one pane: the focused one");
    update(&mut app, Action::Resize { width: 120, height: 30 });
    assert_eq!((app.first_visible, app.focus), (first, focus), "the same panes again");
    // Moved while small, the strip stays where the reader took it.
    update(&mut app, Action::Resize { width: 50, height: 12 });
    common::press(&mut app, "ll");
    update(&mut app, Action::Resize { width: 120, height: 30 });
    assert_eq!(app.focus, 3);
    assert!(
        app.first_visible + 3 > app.focus && app.first_visible != first,
        "{}",
        app.first_visible
    );
}
