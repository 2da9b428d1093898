//! Tag colours are readable (issue 14): text on a tag's colour is black or
//! white, whichever contrasts more, and meets WCAG AA (4.5:1) — for every
//! palette colour, every custom colour in the fixtures, every colour the
//! HTML export actually paints, and a sweep of the whole colour cube.

use std::path::Path;

use crosstalk::export::{Export, Filter, Format};
use crosstalk::model::annotations::{PALETTE, Rgb};
use crosstalk::store;

const BLACK: Rgb = Rgb(0, 0, 0);
const WHITE: Rgb = Rgb(255, 255, 255);

fn text_on(c: Rgb) -> Rgb {
    if c.dark_text() { BLACK } else { WHITE }
}

#[test]
fn contrast_ratios_match_the_wcag_formula() {
    assert!((BLACK.contrast(WHITE) - 21.0).abs() < 1e-9);
    assert!((WHITE.contrast(WHITE) - 1.0).abs() < 1e-9);
    // Worked values: #777777 on white is 4.48:1, #767676 is 4.54:1.
    assert!((Rgb(0x77, 0x77, 0x77).contrast(WHITE) - 4.48).abs() < 0.01);
    assert!((Rgb(0x76, 0x76, 0x76).contrast(WHITE) - 4.54).abs() < 0.01);
}

#[test]
fn the_palette_and_the_colours_an_issue_named_meet_aa() {
    // #59A14F, #B07AA1 and #E15759 had white text below 4.5:1.
    let named = [Rgb(0x59, 0xA1, 0x4F), Rgb(0xB0, 0x7A, 0xA1), Rgb(0xE1, 0x57, 0x59)];
    for c in PALETTE.iter().chain(&named) {
        let ratio = c.contrast(text_on(*c));
        assert!(ratio >= 4.5, "{c}: {ratio:.2}:1");
    }
}

#[test]
fn every_colour_meets_aa_with_the_text_chosen() {
    for r in (0..=255).step_by(5) {
        for g in (0..=255).step_by(5) {
            for b in (0..=255).step_by(5) {
                let c = Rgb(r as u8, g as u8, b as u8);
                let ratio = c.contrast(text_on(c));
                assert!(ratio >= 4.5, "{c}: {ratio:.2}:1");
            }
        }
    }
}

/// Every `#RRGGBB` in the fixtures (the custom colours), and every
/// `background:#…;color:#…` pair the HTML export writes for them.
#[test]
fn custom_colours_in_the_fixtures_and_the_html_export_meet_aa() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut seen = 0;
    for name in ["bundled.annotations.ron", "unicode.annotations.ron"] {
        let text = std::fs::read_to_string(dir.join(name)).expect("fixture");
        for (i, _) in text.match_indices('#') {
            if let Some(c) = text.get(i..i + 7).and_then(Rgb::parse) {
                seen += 1;
                let ratio = c.contrast(text_on(c));
                assert!(ratio >= 4.5, "{name}: {c}: {ratio:.2}:1");
            }
        }
    }
    assert!(seen > 0, "the fixtures have colours");
    for which in ["bundled", "unicode"] {
        let doc = match which {
            "bundled" => store::bundled().expect("bundled"),
            _ => store::load_conversation(&dir.join("unicode.ron")).expect("doc"),
        };
        let (a, _) = store::load_annotations(&dir.join(format!("{which}.annotations.ron")), &doc)
            .expect("parses")
            .expect("exists");
        let html = Export::new(&doc, &a, &Filter::default())
            .expect("export")
            .render(Format::Html)
            .expect("render");
        let html = String::from_utf8(html).expect("utf-8");
        let mut pairs = 0;
        for (i, _) in html.match_indices("background:#") {
            let bg = Rgb::parse(&html[i + 11..i + 18]).expect("a colour");
            let rest = &html[i + 18..];
            let fg = rest.strip_prefix(";color:").expect("its text colour");
            let fg = if fg.starts_with("#000") { BLACK } else { WHITE };
            let ratio = bg.contrast(fg);
            assert!(ratio >= 4.5, "{which}: text on {bg}: {ratio:.2}:1");
            pairs += 1;
        }
        assert!(pairs > 0, "{which}: the page paints tag colours");
    }
}
