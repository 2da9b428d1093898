//! Keyword in context (issue 12): after a search, `s` lists every match
//! with the contributor and the words around it, the matches aligned in one
//! column; `Enter` goes to the one chosen.

mod common;

use std::path::Path;

use common::*;
use crosstalk::store;
use crosstalk::ui::{App, Mode};
use ratatui::style::Color;

/// On each row, the first cell drawn as the match (the current-match
/// colour), checked to start `needle`: where the matches are.
fn columns(app: &App, needle: &str) -> Vec<usize> {
    let buf = buffer(app);
    let mut out = Vec::new();
    for y in 0..buf.area.height {
        if let Some(x) = (0..buf.area.width).find(|&x| buf[(x, y)].bg == Color::Indexed(208)) {
            let rest: String = (x..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
            assert!(rest.to_lowercase().starts_with(&needle.to_lowercase()), "row {y}: {rest}");
            out.push(usize::from(x));
        }
    }
    out
}

#[test]
fn s_lists_the_matches_in_context_aligned_and_enter_goes_to_one() {
    for (w, h) in [(60, 20), (200, 60)] {
        let mut app = bundled_app(w, h, true);
        press(&mut app, "s");
        assert_eq!(
            app.message.as_deref(),
            Some("no search: press / to search, then s lists the matches")
        );
        press(&mut app, "/WeChat\n");
        let total = app.search.as_ref().expect("a search").matches.len();
        press(&mut app, "s");
        assert_eq!(app.mode(), Mode::Kwic);
        let text = screen_text(&buffer(&app));
        assert!(text.contains("“WeChat” in context"), "{w}: {text}");
        let cols = columns(&app, "WeChat");
        assert!(cols.len() >= 5.min(total), "{w}: rows of matches: {text}");
        let first = cols[1]; // past the title
        assert!(
            cols[1..].iter().all(|&c| c == first),
            "{w}: the matches line up: {cols:?}\n{text}"
        );
        // Words on both sides.
        let row =
            rows(&buffer(&app)).into_iter().find(|r| r.contains("WeChat") && r.contains("Seiff"));
        assert!(row.is_some(), "{w}: the contributor column: {text}");
        // The third match, in its pane.
        press(&mut app, "jj\n");
        assert_eq!(app.mode(), Mode::Read);
        let s = app.search.as_ref().expect("still searched");
        assert_eq!(s.current, Some(2));
        let m = s.matches[2];
        assert_eq!(app.focus, m.voice);
        assert_eq!(app.message.as_deref(), Some(format!("match 3 of {total}").as_str()));
    }
}

#[test]
fn wide_characters_keep_the_column() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/unicode.ron");
    let doc = store::load_conversation(&path).expect("fixture");
    let mut app = app_for(doc, 100, 30, true);
    press(&mut app, "/the\n");
    press(&mut app, "s");
    let cols = columns(&app, "the");
    assert!(cols.len() >= 2, "{}", screen_text(&buffer(&app)));
    assert!(cols.iter().all(|&c| c == cols[0]), "{cols:?}\n{}", screen_text(&buffer(&app)));
}
