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

/// The rows inside the help box, border stripped.
fn help_rows(app: &App) -> Vec<String> {
    let rows = rows(&buffer(app));
    let top = rows.iter().position(|r| r.contains("┏") && r.contains("Keys")).expect("help box");
    let left = rows[top].chars().position(|c| c == '┏').expect("corner");
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
    use crosstalk::ui::keymap::{KEYMAP, keys_label};
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
        for b in KEYMAP {
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
