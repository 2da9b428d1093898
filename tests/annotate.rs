//! Annotating in the reader, driven by key events through the real keymap
//! and `update`: selection, the tag picker, quick tags, notes, deleting, the
//! tag manager, orphans, undo — and what each looks like on screen (insta
//! snapshots of the overlays, styles asserted on the buffer).

mod common;

use common::*;
use crosstalk::model::annotations::{AnnotationFile, Highlight, Rgb};
use crosstalk::model::{Conversation, Pos};
use crosstalk::ui::overlay::{Overlay, PickerRow};
use crosstalk::ui::{App, Command, Mode, update};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};

const KU: usize = 2;
const WANG: usize = 3;
const RED: Rgb = Rgb(0xE1, 0x57, 0x59); // "human-rights framing", key 2
const GREEN: Rgb = Rgb(0x59, 0xA1, 0x4F); // "national-security claim", key 3

/// The reader on the bundled debate, focused on Julian Ku's pane.
fn on_ku(width: u16, height: u16, color: bool) -> App {
    let mut app = bundled_app(width, height, color);
    press(&mut app, "\t\t");
    assert_eq!(app.focus, KU);
    app
}

fn sentence(doc: &Conversation, voice: usize, para: usize, n: usize) -> (Pos, Pos) {
    let p = doc.paragraph(doc.voices()[voice].paragraphs[para]);
    let span = p.sentences()[n];
    let len = p.text()[span.range()].trim_end().len();
    (Pos::new(para, span.start as usize), Pos::new(para, span.start as usize + len))
}

fn only_highlight(app: &App) -> Highlight {
    assert_eq!(app.annotations.highlights().len(), 1, "{:#?}", app.annotations.highlights());
    Highlight::clone(&app.annotations.highlights()[0])
}

fn bg(buf: &Buffer, (x, y): (u16, u16)) -> Color {
    buf[(x, y)].bg
}

fn rgb(c: Rgb) -> Color {
    Color::Rgb(c.0, c.1, c.2)
}

#[test]
fn selection_grows_by_sentence_and_word_across_paragraphs_but_stays_in_its_voice() {
    let mut app = on_ku(120, 40, true);
    let doc = std::sync::Arc::clone(&app.doc);
    press(&mut app, "v");
    assert_eq!(app.mode(), Mode::Select);
    let sel = app.selection.expect("selecting");
    assert_eq!(sel.range(), sentence(&doc, KU, 0, 0), "starts as the cursor's sentence");

    press(&mut app, "j");
    assert_eq!(
        app.selection.expect("sel").range(),
        (sentence(&doc, KU, 0, 0).0, sentence(&doc, KU, 0, 1).1)
    );
    // A word at a time: "It" then "is" of the third sentence, and back.
    press(&mut app, "ww");
    let (s3, _) = sentence(&doc, KU, 0, 2);
    assert_eq!(app.selection.expect("sel").range().1, Pos::new(0, s3.byte as usize + 5));
    // `b` drops "is" again, and the space before it: the selection ends
    // after "It".
    press(&mut app, "b");
    assert_eq!(app.selection.expect("sel").range().1, Pos::new(0, s3.byte as usize + 2));
    // On past the end of the paragraph: the head moves into paragraph 2.
    press(&mut app, "jj");
    let (start, end) = app.selection.expect("sel").range();
    assert_eq!((start.para, end.para), (0, 1));
    assert_eq!(end, sentence(&doc, KU, 1, 0).1);
    assert_eq!(app.panes[KU].cursor.para, 1, "the cursor follows the head");

    // `v` ends it; tag it: it spans the paragraph break.
    press(&mut app, "v");
    assert!(app.selection.expect("sel").done);
    press(&mut app, "2");
    let ku = only_highlight(&app);
    assert_eq!((ku.voice, ku.start, ku.end), (KU, start, end));
    assert!(ku.quote.exact.starts_with("It is fair to question"));
    assert!(ku.quote.exact.contains("with people in China.\n\nBut while we should rightly decry"));
    assert!(app.selection.is_none(), "tagging ends the selection");

    // A finished selection is let go when the focus moves to Wang, where
    // tagging acts on Wang's cursor sentence: never across voices, never
    // on a passage other than the one shown.
    press(&mut app, "jvwv");
    assert!(app.selection.is_some_and(|s| s.done && s.voice == KU));
    press(&mut app, "l");
    assert!(app.selection.is_none(), "Ku's selection is let go");
    press(&mut app, "3");
    let wang = app.annotations.highlights().iter().find(|h| h.voice == WANG).expect("Wang's");
    assert_eq!((wang.start, wang.end), sentence(&doc, WANG, 0, 0));
    assert_eq!(app.annotations.highlights().len(), 2);
}

#[test]
fn the_growing_selection_is_drawn_over_the_text() {
    for color in [true, false] {
        let mut app = on_ku(120, 40, color);
        press(&mut app, "vj");
        let buf = buffer(&app);
        let selected = cells_of(&app, &buf, "It is fair to question");
        let second = cells_of(&app, &buf, "certainly true");
        let outside = cells_of(&app, &buf, "also true that");
        for &cell in selected.iter().chain(&second) {
            if color {
                assert_eq!(bg(&buf, cell), Color::Indexed(25));
            } else {
                assert!(buf[cell].modifier.contains(Modifier::REVERSED | Modifier::BOLD));
            }
        }
        for &cell in &outside {
            assert_eq!(bg(&buf, cell), Color::Reset);
            assert!(!buf[cell].modifier.contains(Modifier::REVERSED));
        }
        assert!(screen_text(&buf).contains("selecting (w/b word, h/l character, j/k sentence"));
    }
}

#[test]
fn picker_filters_fuzzily_applies_and_creates_tags_it_says_are_new() {
    let mut app = on_ku(120, 40, true);
    press(&mut app, "t");
    assert_eq!(app.mode(), Mode::Tag);
    let rows = |app: &App| match app.top() {
        Some(Overlay::Picker(p)) => p.rows.clone(),
        other => panic!("picker closed: {other:?}"),
    };
    assert_eq!(rows(&app).len(), 8, "every default tag, before typing");
    press(&mut app, "hmnrgts");
    assert_eq!(rows(&app)[0], PickerRow::Existing("human-rights framing".into()), "fuzzy");
    assert!(matches!(rows(&app).last(), Some(PickerRow::New(n)) if n == "hmnrgts"));
    // Typing on: nothing matches, and the only row offers a new tag.
    press(&mut app, "zq");
    assert_eq!(rows(&app), [PickerRow::New("hmnrgtszq".into())]);
    for _ in 0.."hmnrgtszq".len() {
        key_event(&mut app, KeyCode::Backspace, KeyModifiers::NONE);
    }
    // Letters the fuzzy filter finds only scattered over several words of
    // a tag (`reciprocity & market access`) are a new name: it comes first.
    press(&mut app, "cross para");
    assert_eq!(rows(&app)[0], PickerRow::New("cross para".into()), "{:?}", rows(&app));
    assert!(rows(&app).len() > 1, "the fuzzy matches stay below it");
    for _ in 0.."cross para".len() {
        key_event(&mut app, KeyCode::Backspace, KeyModifiers::NONE);
    }
    // Within words, or one word (initials): the tag, as before.
    for typed in ["nat sec", "hrf", "rmp", "secclaim", "human fram"] {
        press(&mut app, typed);
        assert!(matches!(&rows(&app)[0], PickerRow::Existing(_)), "{typed}: {:?}", rows(&app));
        for _ in 0..typed.chars().count() {
            key_event(&mut app, KeyCode::Backspace, KeyModifiers::NONE);
        }
    }
    press(&mut app, "Tech giants");
    assert!(screen_text(&buffer(&app)).contains("+ new tag “Tech giants”"));
    press(&mut app, "\n");
    let h = only_highlight(&app);
    assert_eq!(h.tags, ["Tech giants"]);
    let tag = app.annotations.tag("Tech giants").expect("created");
    let others: Vec<Rgb> =
        app.annotations.tags().iter().filter(|t| t.name != tag.name).map(|t| t.color).collect();
    assert!(!others.contains(&tag.color), "a colour no other tag has");

    // The same range again, another tag: added to the same highlight.
    press(&mut app, "thuman\n");
    assert_eq!(only_highlight(&app).tags, ["Tech giants", "human-rights framing"]);
    // The picker marks the tags already on it.
    press(&mut app, "t");
    let text = screen_text(&buffer(&app));
    assert!(text.contains("[x] 2  human-rights framing"), "{text}");
    press(&mut app, "\u{1b}");
    assert_eq!(app.mode(), Mode::Read, "Esc closes the picker");
    assert_eq!(only_highlight(&app).tags.len(), 2, "and changes nothing");
}

#[test]
fn quick_tags_apply_at_once_and_an_empty_key_says_so() {
    let mut app = on_ku(120, 40, true);
    press(&mut app, "2");
    assert_eq!(only_highlight(&app).tags, ["human-rights framing"]);
    press(&mut app, "7");
    assert_eq!(only_highlight(&app).tags, ["human-rights framing", "critique of the ban"]);
    press(&mut app, "2");
    assert_eq!(only_highlight(&app).tags, ["critique of the ban"], "again takes it off");
    press(&mut app, "9");
    assert_eq!(app.message.as_deref(), Some("no tag on key 9 (T opens the tag manager)"));
}

#[test]
fn highlights_take_their_tag_colour_and_overlaps_are_marked() {
    let mut app = on_ku(120, 40, true);
    // Sentence 1 in red; sentences 1–2 in green over it; cursor away.
    press(&mut app, "2vj3jj");
    let buf = buffer(&app);
    let first = cells_of(&app, &buf, "fair to question");
    let second = cells_of(&app, &buf, "certainly true");
    for &c in &first {
        assert_eq!(bg(&buf, c), rgb(GREEN), "the innermost (latest-starting) colours it");
        assert!(buf[c].modifier.contains(Modifier::UNDERLINED), "overlap is underlined");
    }
    for &c in &second {
        assert_eq!(bg(&buf, c), rgb(GREEN));
        assert!(!buf[c].modifier.contains(Modifier::UNDERLINED), "one highlight: no mark");
    }
    // On sentence 1, the highlight under the cursor is the one with exactly
    // its range (red), and the info line counts the other.
    press(&mut app, "g");
    let info = rows(&buffer(&app))[usize::from(app.size.1) - 2].clone();
    assert!(info.contains(" human-rights framing ") && info.contains("(+1 more here)"), "{info}");
    assert!(!info.contains("national-security"), "{info}");
}

#[test]
fn without_colour_highlights_are_underlined_and_overlaps_bold() {
    let mut app = on_ku(120, 40, false);
    press(&mut app, "2vj3jj");
    let buf = buffer(&app);
    for &c in &cells_of(&app, &buf, "fair to question") {
        assert!(buf[c].modifier.contains(Modifier::UNDERLINED | Modifier::BOLD), "overlap");
    }
    for &c in &cells_of(&app, &buf, "certainly true") {
        assert!(buf[c].modifier.contains(Modifier::UNDERLINED));
        assert!(!buf[c].modifier.contains(Modifier::BOLD));
    }
    for &c in &cells_of(&app, &buf, "also true that") {
        assert!(!buf[c].modifier.contains(Modifier::UNDERLINED), "not highlighted");
    }
    for cell in buf.content() {
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "no colour at all");
    }
}

#[test]
fn notes_are_written_marked_in_the_margin_and_shown_for_the_cursor() {
    let mut app = on_ku(120, 40, true);
    press(&mut app, "j7e");
    assert_eq!(app.mode(), Mode::Note);
    let text = screen_text(&buffer(&app));
    assert!(text.contains("“It is certainly true that the U.S. government has never"), "{text}");
    assert!(text.contains(" critique of the ban "), "the editor shows the tags: {text}");
    press(&mut app, "Moral equivalence, says Ku.\nSecond line");
    press(&mut app, "\u{1b}y");
    assert_eq!(app.message.as_deref(), Some("note saved"));
    let h = only_highlight(&app);
    assert_eq!(h.note, "Moral equivalence, says Ku.\nSecond line");
    let buf = buffer(&app);
    let area = focused_text_area(&app);
    let (_, y) = cells_of(&app, &buf, "certainly true")[0];
    // The sentence starts mid-row, on the row of "grounds. It is".
    assert_eq!(buf[(area.x - 1, y - 1)].symbol(), "✎", "{}", screen_text(&buf));
    // The message goes with the next key; then the line shows the highlight.
    press(&mut app, "\u{1b}");
    let info = rows(&buffer(&app))[usize::from(app.size.1) - 2].clone();
    assert!(info.contains(" critique of the ban "), "{info}");
    assert!(info.contains("✎ Moral equivalence, says Ku.…"), "{info}");

    // `e` on a sentence with no highlight makes one when the note is saved;
    // an empty note makes nothing.
    press(&mut app, "je\u{1b}");
    assert_eq!(app.annotations.highlights().len(), 1);
    press(&mut app, "eOn its own.\u{1b}y");
    assert_eq!(app.annotations.highlights().len(), 2);
    let new = &app.annotations.highlights()[1];
    assert_eq!((new.note.as_str(), new.tags.len()), ("On its own.", 0));
}

#[test]
fn delete_asks_first_only_when_there_is_a_note_and_undo_brings_it_back() {
    let mut app = on_ku(120, 40, true);
    press(&mut app, "2d");
    assert!(app.annotations.highlights().is_empty(), "no note: deleted at once");
    press(&mut app, "u");
    assert_eq!(only_highlight(&app).tags, ["human-rights framing"]);
    press(&mut app, "eKeep me\u{1b}yd");
    assert_eq!(app.mode(), Mode::Confirm);
    assert!(screen_text(&buffer(&app)).contains("Delete this highlight and its note (“Keep me”)?"));
    press(&mut app, "n");
    assert_eq!(only_highlight(&app).note, "Keep me");
    press(&mut app, "dy");
    assert!(app.annotations.highlights().is_empty());
    press(&mut app, "u");
    assert_eq!(only_highlight(&app).note, "Keep me");
    ctrl(&mut app, 'r');
    assert!(app.annotations.highlights().is_empty(), "Ctrl-r redoes the delete");
    press(&mut app, "d");
    assert_eq!(app.message.as_deref(), Some("no highlight under the cursor"));
}

#[test]
fn tag_manager_renames_recolours_describes_keys_merges_and_deletes_all_undoable() {
    let mut app = on_ku(120, 40, true);
    press(&mut app, "2j27"); // two highlights with "human-rights framing", one also with "critique…"
    let start = app.annotations.snapshot();
    press(&mut app, "T");
    assert_eq!(app.mode(), Mode::Tags);
    let text = screen_text(&buffer(&app));
    assert!(text.contains("human-rights framing") && text.contains("   2  Frames the problem"));

    press(&mut app, "j"); // "human-rights framing"
    press(&mut app, "r");
    for _ in 0.."human-rights framing".len() {
        key_event(&mut app, KeyCode::Backspace, KeyModifiers::NONE);
    }
    press(&mut app, "rights\n");
    assert!(app.annotations.tag("rights").is_some());
    assert!(app.annotations.highlights().iter().all(|h| h.tags.contains(&"rights".to_owned())));
    assert_eq!(app.mode(), Mode::Tags, "back in the manager");

    press(&mut app, "c");
    assert_ne!(app.annotations.tag("rights").expect("tag").color, RED);
    press(&mut app, "e");
    for _ in 0..200 {
        key_event(&mut app, KeyCode::Backspace, KeyModifiers::NONE);
    }
    press(&mut app, "Rights talk.\n");
    assert_eq!(app.annotations.tag("rights").expect("tag").description, "Rights talk.");
    press(&mut app, "9");
    assert_eq!(app.annotations.tag("rights").expect("tag").key, Some(9));
    press(&mut app, "1");
    assert_eq!(app.annotations.tag("rights").expect("tag").key, Some(1));
    assert_eq!(
        app.annotations.tag("risk-mitigation proposal").expect("tag").key,
        None,
        "a key is taken from the tag that had it"
    );

    // Merge "rights" into "critique of the ban": each highlight has it once.
    press(&mut app, "mcritique\n");
    assert!(app.annotations.tag("rights").is_none());
    for h in app.annotations.highlights() {
        assert_eq!(h.tags, ["critique of the ban"]);
    }
    // Delete "critique of the ban" (the manager stays on the tag merged into): asks, with the count.
    press(&mut app, "x");
    let text = screen_text(&buffer(&app));
    assert!(text.contains("Delete tag “critique of the ban”? 2 highlights lose it,"), "{text}");
    assert!(text.contains("and have no other tag, note or link, so they are removed."), "{text}");
    press(&mut app, "y");
    assert!(app.annotations.tag("critique of the ban").is_none());
    // Nothing was left of them (no other tag, no note): they go, as taking
    // the last tag off in the picker takes a highlight away.
    assert!(app.annotations.highlights().is_empty(), "no (no tag) highlights left behind");

    // Undo everything from inside the manager: back to where it started.
    for _ in 0..7 {
        press(&mut app, "u");
    }
    let now = app.annotations.snapshot();
    assert_eq!(now.tags, start.tags);
    assert_eq!(now.highlights, start.highlights);
    press(&mut app, "\u{1b}");
    assert_eq!(app.mode(), Mode::Read);
}

#[test]
fn quitting_asks_only_when_saving_has_failed() {
    let mut app = on_ku(120, 40, true);
    press(&mut app, "2");
    assert!(app.unsaved());
    assert_eq!(press(&mut app, "q"), Command::Quit, "a save in progress: the loop waits for it");
    app.saving.error = Some("/ro/x.ron: Read-only file system".into());
    assert_eq!(press(&mut app, "q"), Command::None);
    assert_eq!(app.mode(), Mode::Confirm);
    assert!(screen_text(&buffer(&app)).contains("Changes could not be saved"));
    press(&mut app, "n");
    assert_eq!(app.mode(), Mode::Read);
    press(&mut app, "q");
    assert_eq!(press(&mut app, "y"), Command::Quit);
}

/// A reader whose annotation file quoted text the debate no longer has.
fn with_an_orphan() -> App {
    let mut app = on_ku(120, 40, true);
    press(&mut app, "2");
    let doc = std::sync::Arc::clone(&app.doc);
    let mut file = AnnotationFile::from_snapshot(&app.annotations.snapshot(), &doc);
    file.text_hash = "sha256:changed".into();
    file.highlights[0].quote = "A passage the text no longer has at all.".into();
    file.highlights[0].prefix = "nothing like it before it either ".into();
    file.highlights[0].suffix = " and nothing like it after it too".into();
    file.highlights[0].note = "Still mine.".into();
    let (annotations, report) = file.into_annotations(&doc).expect("valid");
    assert_eq!(report.orphaned, 1);
    app.annotations = annotations;
    // As loaded from the file: nothing to save.
    app.saving.saved_revision = app.annotations.revision();
    app
}

#[test]
fn orphans_are_listed_and_reattached_or_deleted_by_hand() {
    let mut app = with_an_orphan();
    press(&mut app, "j");
    let text = screen_text(&buffer(&app));
    assert!(text.contains("1 highlight could not be found in the text: O to review"));
    press(&mut app, "O");
    assert_eq!(app.mode(), Mode::Orphans);
    let text = screen_text(&buffer(&app));
    assert!(text.contains("Julian Ku · human-rights framing · ✎"), "{text}");
    assert!(text.contains("“A passage the text no longer has at all.”"));
    // Delete asks (it has a note); say no, then re-attach to the cursor's sentence.
    press(&mut app, "d");
    assert_eq!(app.mode(), Mode::Confirm);
    press(&mut app, "n");
    assert_eq!(app.mode(), Mode::Orphans);
    press(&mut app, "\n");
    assert_eq!(app.mode(), Mode::Read, "the last orphan dealt with closes the list");
    assert_eq!(app.message.as_deref(), Some("re-attached highlight · no orphans left"));
    let h = only_highlight(&app);
    assert!(!h.orphan);
    assert_eq!((h.start, h.end), sentence(&app.doc, KU, 0, 1));
    assert!(h.quote.exact.starts_with("It is certainly true"), "quotes its new text");
    assert_eq!(h.note, "Still mine.");
    press(&mut app, "u");
    assert!(only_highlight(&app).orphan, "undo makes it an orphan again");
    // Undo and redo work inside the list too.
    press(&mut app, "O");
    ctrl(&mut app, 'r');
    assert!(!only_highlight(&app).orphan);
    press(&mut app, "u");
    assert!(only_highlight(&app).orphan);
    assert_eq!(app.mode(), Mode::Orphans);
}

/// The area of the overlay drawn over `app`: the rows that differ from the
/// reader drawn without it.
fn overlay_text(app: &App) -> String {
    let buf = buffer(app);
    let mut plain = app.clone();
    plain.stack.clear();
    let under = buffer(&plain);
    let area: Rect = buf.area;
    let rows_with_overlay: Vec<u16> = (area.top()..area.bottom())
        .filter(|&y| (area.left()..area.right()).any(|x| buf[(x, y)] != under[(x, y)]))
        .collect();
    let text = rows(&buf);
    rows_with_overlay
        .iter()
        .map(|&y| text[usize::from(y)].trim_end().to_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn overlays_snapshots() {
    let mut app = on_ku(100, 30, true);
    press(&mut app, "vjt");
    insta::assert_snapshot!("picker", overlay_text(&app));
    press(&mut app, "securi");
    insta::assert_snapshot!("picker_filtered", overlay_text(&app));
    press(&mut app, "\u{1b}\u{1b}2e");
    press(
        &mut app,
        "Ku: “moral equivalence” is the trap.\nWhy it matters: the WeChat ban divides the U.S. and Chinese Internets, yet the governments are not alike.",
    );
    insta::assert_snapshot!("note_editor", overlay_text(&app));
    press(&mut app, "\u{1b}yT");
    insta::assert_snapshot!("tag_manager", overlay_text(&app));
    press(&mut app, "jx");
    insta::assert_snapshot!("confirm_delete_tag", overlay_text(&app));
    let mut app = with_an_orphan();
    press(&mut app, "O");
    insta::assert_snapshot!("orphans", overlay_text(&app));
}

#[test]
fn export_from_the_reader_asks_format_and_path_and_before_overwriting() {
    use crosstalk::export::Format;
    use crosstalk::ui::export::{ExportRequest, Exported};
    use crosstalk::ui::exporting::write_export;
    let mut app = on_ku(100, 30, true);
    press(&mut app, "27X");
    assert_eq!(app.mode(), Mode::Export);
    insta::assert_snapshot!("export_dialog", overlay_text(&app));
    // The format moves with ↓ and the file name follows it.
    key_event(&mut app, KeyCode::Down, KeyModifiers::NONE);
    let path = |app: &App| match app.top() {
        Some(Overlay::Export(d)) => (d.format, d.path()),
        other => panic!("dialog closed: {other:?}"),
    };
    assert_eq!(path(&app), (Format::Csv, "technical-difficulties.csv".to_owned()));
    // Type a path of our own.
    let dir = tmp::TempDir::new(&format!("crosstalk-reader-export-{}", std::process::id()));
    let file = dir.join("ku.csv");
    for _ in 0.."technical-difficulties.csv".len() {
        key_event(&mut app, KeyCode::Backspace, KeyModifiers::NONE);
    }
    press(&mut app, &file.display().to_string());
    let effect = press(&mut app, "\n");
    let request = ExportRequest { format: Format::Csv, path: file.clone(), overwrite: false };
    assert_eq!(effect, Command::Export(request.clone()), "update asks the loop to write");
    assert_eq!(app.mode(), Mode::Export, "the dialog waits for the report");
    // The loop writes it and reports.
    let done = write_export(&app, &request);
    assert_eq!(
        done,
        Exported::Done {
            path: file.display().to_string(),
            what: "1 highlight".into(),
            warnings: vec![]
        }
    );
    update(&mut app, crosstalk::ui::Action::Exported(done));
    assert_eq!(app.mode(), Mode::Read, "written: the dialog closes");
    assert!(app.message.as_deref().is_some_and(|m| m.starts_with("exported 1 highlight to ")));
    let csv = std::fs::read_to_string(&file).expect("written");
    assert_eq!(csv.lines().count(), 3, "a row per tag: {csv}");
    // Again: the file exists, so the reader asks; `y` writes over it.
    let exists = write_export(&app, &request);
    assert_eq!(exists, Exported::Exists(request.clone()));
    update(&mut app, crosstalk::ui::Action::Exported(exists));
    assert_eq!(app.mode(), Mode::Confirm);
    let text = screen_text(&buffer(&app));
    // Where the question wraps depends on the temporary path's length.
    let Some(Overlay::Confirm(question)) = app.top() else { panic!("a question") };
    assert!(question.question.ends_with("ku.csv exists. Overwrite it?"), "{}", question.question);
    assert!(text.contains("ku.csv") && text.contains("Overwrite"), "{text}");
    let effect = press(&mut app, "y");
    let again = ExportRequest { overwrite: true, ..request };
    assert_eq!(effect, Command::Export(again.clone()));
    assert!(matches!(write_export(&app, &again), Exported::Done { .. }));
    // A folder is said to be one, not offered to be written over.
    let folder = ExportRequest { format: Format::Csv, path: dir.to_path_buf(), overwrite: false };
    let said = write_export(&app, &folder);
    assert!(
        matches!(&said, Exported::Failed(why) if why.ends_with("is a folder: name a file in it")),
        "{said:?}"
    );
    // A folder that is not there is named, not the system's error number.
    let nowhere = dir.join("nodir").join("x.csv");
    let missing = ExportRequest { format: Format::Csv, path: nowhere, overwrite: false };
    let said = write_export(&app, &missing);
    assert!(
        matches!(&said, Exported::Failed(why) if why.contains("there is no folder") && !why.contains("os error")),
        "{said:?}"
    );
    // A dangling symlink is something there too: the reader asks first.
    #[cfg(unix)]
    {
        let link = dir.join("dangling.csv");
        std::os::unix::fs::symlink(dir.join("nowhere").join("x.csv"), &link).expect("symlink");
        let to_link = ExportRequest { format: Format::Csv, path: link.clone(), overwrite: false };
        assert_eq!(write_export(&app, &to_link), Exported::Exists(to_link.clone()));
        assert!(link.symlink_metadata().expect("still a link").file_type().is_symlink());
    }
    // `n` leaves the file alone.
    update(&mut app, crosstalk::ui::Action::Exported(Exported::Exists(again.clone())));
    assert_eq!(press(&mut app, "n"), Command::None);
}
