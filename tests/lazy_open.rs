//! A large Markdown panel opens without making its paragraphs: the first
//! frame, at the end of the first voice, makes only the blocks of
//! paragraphs it shows, and what it shows is the text of the file. Any step
//! of the open that goes over every paragraph (as the width of the times'
//! column once did), or lists every place of a voice (as the rows drawn
//! once did), fails here.

mod common;

use common::tmp::TempDir;
use common::*;
use crosstalk::ui::pane::Motion;
use crosstalk::ui::{Action, update};

const SPEAKERS: [&str; 5] =
    ["Ada Okafor", "Boris Lindqvist", "Chen Wei", "Dalia Haddad", "Emil Novak"];
const EACH: usize = 2_000;

/// The panel: each speaker's section of numbered paragraphs, the marks
/// and scripts a reader meets (curly quotes, an em-dash, “U.S.”, CJK).
fn panel() -> String {
    let mut text = String::from("# A generated panel\n\nDate: 2026-12-02\n\n");
    for (s, name) in SPEAKERS.iter().enumerate() {
        text.push_str(&format!("## {name}\n\n"));
        for p in 0..EACH {
            text.push_str(&format!("“The U.S. ban” — 用户 said {name}, point zq{s}x{p}q.\n\n"));
        }
    }
    text
}

#[test]
fn the_first_frame_makes_only_the_paragraphs_it_shows() {
    let dir = TempDir::new("crosstalk-lazy-open");
    let path = dir.join("panel.md");
    std::fs::write(&path, panel()).expect("write the panel");
    let doc = crosstalk::store::load_document(&path).expect("opens");
    assert_eq!(doc.sections.len(), 5);
    assert!(doc.sections.iter().all(|s| s.paragraphs.are_ranges() && s.paragraphs.len() == EACH));
    let made = |app: &crosstalk::ui::App| -> usize {
        app.doc.sections.iter().map(|s| s.paragraphs.made_so_far()).sum()
    };
    let mut app = app_for(doc, 160, 40, true);
    update(&mut app, Action::Move(Motion::Last));
    let shown = rows(&buffer(&app)).join("\n");
    assert!(
        shown.contains(&format!("zq0x{}q", EACH - 1)),
        "the first voice's last paragraph:\n{shown}"
    );
    assert!(shown.contains("zq1x0q") && shown.contains("“The U.S. ban” — 用户"), "{shown}");
    // Four panes on screen: a block or two of 64 paragraphs each.
    let at_most = 4 * 2 * 64;
    assert!(made(&app) <= at_most, "{} paragraphs made for the first frame", made(&app));
    assert!(app.doc.voices().iter().all(|v| !v.paragraphs.listed()), "a voice's list made");
    // Reopening a coded panel hashes every voice's text, and anchoring
    // joins it: neither makes a paragraph.
    let before = made(&app);
    let hash = app.doc.text_hash().to_owned();
    let joined = crosstalk::model::VoiceText::new(&app.doc, &app.doc.voices()[4]);
    assert_eq!(made(&app), before, "hashing or joining the text made paragraphs");
    assert!(joined.text.ends_with(&format!("zq4x{}q.", EACH - 1)));
    // A search goes over every paragraph: all are made, the same text.
    let all: usize = app.doc.sections.iter().map(|s| s.paragraphs.iter().count()).sum();
    assert_eq!((all, made(&app)), (5 * EACH, 5 * EACH));
    // The same hash from the paragraphs made.
    let again = crosstalk::store::load_document(&path).expect("opens again");
    let _: usize = again.sections.iter().map(|s| s.paragraphs.iter().count()).sum();
    assert_eq!(again.text_hash(), hash);
    assert_eq!(
        app.doc.sections[4].paragraphs[EACH - 1].text(),
        format!("“The U.S. ban” — 用户 said Emil Novak, point zq4x{}q.", EACH - 1)
    );
}

/// The panel with markup in every paragraph (emphasis, a link, lines to
/// join), and every hundredth opening with a character reference.
fn marked_panel() -> String {
    let mut text = String::from("# A generated panel\n\nDate: 2026-12-02\n\n");
    for (s, name) in SPEAKERS.iter().enumerate() {
        text.push_str(&format!("## {name}\n\n"));
        for p in 0..EACH {
            let open = if p % 100 == 0 { "&amp; so" } else { "*Point*" };
            text.push_str(&format!(
                "{open} *{p}* of [{name}](https://example.com/{s}) — “U.S.”\nwrapped zq{s}x{p}q.\n\n"
            ));
        }
    }
    text
}

/// Paragraphs whose markup is to be read (a Markdown file from pandoc or
/// a web page has it in most) are decoded as their few are shown, not all
/// before the first frame.
#[test]
fn the_first_frame_decodes_only_the_paragraphs_it_shows() {
    let dir = TempDir::new("crosstalk-lazy-decode");
    let path = dir.join("panel.md");
    std::fs::write(&path, marked_panel()).expect("write the panel");
    let doc = crosstalk::store::load_document(&path).expect("opens");
    assert!(doc.sections.iter().all(|s| s.paragraphs.are_ranges() && s.paragraphs.len() == EACH));
    let made = |app: &crosstalk::ui::App| -> usize {
        app.doc.sections.iter().map(|s| s.paragraphs.made_so_far()).sum()
    };
    // Those opening with a reference are decoded at once (one in a
    // hundred: only such a paragraph could read as blank).
    let apart: usize = doc.sections.iter().map(|s| s.paragraphs.made_places().count()).sum();
    assert_eq!(apart, 5 * EACH / 100);
    let mut app = app_for(doc, 160, 40, true);
    update(&mut app, Action::Move(Motion::Last));
    let shown = rows(&buffer(&app)).join("\n");
    assert!(shown.contains(&format!("zq0x{}q", EACH - 1)), "{shown}");
    assert!(shown.contains("Point 1 of Boris Lindqvist — “U.S.”"), "{shown}");
    assert!(!shown.contains("](https") && !shown.contains("*1*"), "{shown}");
    // A frame's rows in each voice at most (blocks of 8 where some are
    // decoded), of 10,000.
    assert!(made(&app) <= 5 * 40, "{} paragraphs made for the first frame", made(&app));
    // All made: each read as it renders.
    for (s, section) in app.doc.sections.iter().enumerate() {
        let name = SPEAKERS[s];
        for (p, paragraph) in section.paragraphs.iter().enumerate() {
            let open = if p % 100 == 0 { "& so" } else { "Point" };
            let want = format!("{open} {p} of {name} — “U.S.” wrapped zq{s}x{p}q.");
            assert_eq!(paragraph.text(), want);
        }
    }
}
