//! What the reader's chrome keeps at narrow and wide terminals (issue 11):
//! the status bar's hints whatever the voice name, the help overlay whole
//! at 60×20, the read-only banner wrapped. Driven through the real keymap.

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
        for hint in ["j/k extend", "t tag", "e note", "Esc cancel"] {
            assert!(bar.contains(hint), "{width}: {hint:?} is missing from {bar:?}");
        }
        press(&mut app, "\u{1b}\u{1b}T");
        let bar = status(&app);
        for hint in ["r rename", "c colour", "e describe", "m merge", "x delete"] {
            assert!(bar.contains(hint), "{width}: {hint:?} is missing from {bar:?}");
        }
    }
    // With a short name and room, everything shows.
    let app = bundled_app(120, 30, true);
    let bar = status(&app);
    assert!(bar.contains(" Abby Seiff · ¶1/5 · sentence 1/3 "), "{bar}");
    assert!(bar.contains("✓ saved · test.ron"), "{bar}");
}
