//! Auto-coding from the reader (issue 12): `&` after a search puts the
//! chosen tags on every match — the matched text, or each match's sentence
//! or paragraph — as one undo step, from the reader or the KWIC list.

mod common;

use common::*;
use crosstalk::ui::{App, Mode};

fn searched(query: &str) -> App {
    let mut app = bundled_app(120, 40, true);
    press(&mut app, &format!("/{query}\n"));
    app
}

fn matches(app: &App) -> usize {
    app.search.as_ref().map_or(0, |s| s.matches.len())
}

#[test]
fn ampersand_codes_every_match_as_one_undo_step() {
    let mut app = searched("WeChat");
    let n = matches(&app);
    assert!(n > 5);
    press(&mut app, "&");
    assert_eq!(app.mode(), Mode::AutoCode);
    let text = screen_text(&buffer(&app));
    assert!(text.contains(&format!("Auto-code {n} matches of “WeChat”")), "{text}");
    assert!(text.contains("on the matched text"), "{text}");
    assert!(text.contains(&format!("({n} passages)")), "one passage per match: {text}");
    press(&mut app, "censor\n");
    assert_eq!(app.mode(), Mode::Read);
    let hs = app.annotations.highlights();
    assert_eq!(hs.len(), n, "one highlight per match");
    assert!(hs.iter().all(|h| h.quote.exact.eq_ignore_ascii_case("wechat")));
    assert!(hs.iter().all(|h| h.tags == ["censorship & surveillance"]));
    assert_eq!(
        app.message.as_deref(),
        Some(format!("auto-coded “censorship & surveillance”: {n} new, 0 already coded").as_str())
    );
    // Again: nothing new.
    press(&mut app, "&censor\n");
    assert_eq!(app.annotations.highlights().len(), n);
    assert!(app.message.as_deref().unwrap_or("").contains(&format!("{n} already coded")));
    // One undo takes them all.
    press(&mut app, "u");
    assert!(app.annotations.highlights().is_empty());
}

#[test]
fn ctrl_t_codes_sentences_or_paragraphs_and_tab_takes_several_tags() {
    let mut app = searched("firewall");
    press(&mut app, "&");
    ctrl(&mut app, 't');
    let text = screen_text(&buffer(&app));
    assert!(text.contains("on each match's sentence"), "{text}");
    assert!(!text.contains(&format!("({} passages)", 0)), "the count follows the unit: {text}");
    // Two tags, checked with Tab.
    press(&mut app, "censor");
    press(&mut app, "\t");
    for _ in 0..8 {
        ctrl(&mut app, 'u'); // clear the filter (shell keys)
    }
    press(&mut app, "geopol\t\n");
    let hs = app.annotations.highlights();
    assert!(!hs.is_empty());
    for h in hs {
        assert!(h.quote.exact.to_lowercase().contains("firewall"), "{}", h.quote.exact);
        assert!(
            h.quote.exact.ends_with(['.', '?', '!', '”']),
            "a whole sentence: {}",
            h.quote.exact
        );
        assert_eq!(h.tags.len(), 2, "{:?}", h.tags);
    }
    press(&mut app, "u");
    assert!(app.annotations.highlights().is_empty(), "both tags, one undo step");
    // Paragraphs.
    press(&mut app, "&");
    ctrl(&mut app, 't');
    ctrl(&mut app, 't');
    assert!(screen_text(&buffer(&app)).contains("on each match's paragraph"));
    press(&mut app, "critique\n");
    for h in app.annotations.highlights() {
        let v = &app.doc.voices()[h.voice];
        let p = app.doc.paragraph(v.paragraphs[h.start.para as usize]).text();
        assert_eq!(h.quote.exact, p.trim());
    }
}

#[test]
fn from_the_kwic_list_and_never_without_a_search() {
    let mut app = bundled_app(120, 40, true);
    press(&mut app, "&");
    assert_eq!(app.mode(), Mode::Read);
    assert_eq!(
        app.message.as_deref(),
        Some("no search: press / to search, then & codes every match")
    );
    press(&mut app, "/TikTok\ns");
    assert_eq!(app.mode(), Mode::Kwic);
    press(&mut app, "&");
    assert_eq!(app.mode(), Mode::AutoCode);
    press(&mut app, "new code here\n");
    let n = matches(&app);
    assert_eq!(app.annotations.highlights().len(), n);
    assert!(app.annotations.tag("new code here").is_some(), "a new tag, created");
}
