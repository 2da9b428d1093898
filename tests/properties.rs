//! Property tests: segmentation tiles text exactly on grapheme boundaries,
//! wrapping never exceeds its width nor loses text, parsing never panics.

use std::collections::BTreeSet;

use crosstalk::model::segment;
use crosstalk::store;
use crosstalk::ui::text;
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

/// Text built from the pieces that break naive segmenters.
fn tricky_text() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "The",
        "U.S.",
        "U.S.-China",
        "PRC’s",
        "Dr.",
        "J.",
        "e.g.",
        "“quoted.”",
        "(aside)",
        "—",
        "–",
        "...",
        "?",
        "!",
        ".",
        ",",
        " ",
        " ",
        " ",
        "  ",
        "\n",
        "\t",
        "微信",
        "抖音。",
        "👩\u{200d}👩\u{200d}👧",
        "👍🏽",
        "e\u{301}",
        "\u{0928}\u{093f}",
        "x\u{1b}[2J",
        "\u{202e}",
        "ok",
        "word",
        "Lower",
        "123",
    ]);
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

fn grapheme_bounds(text: &str) -> BTreeSet<usize> {
    text.grapheme_indices(true).map(|(i, _)| i).chain(std::iter::once(text.len())).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn sentences_tile_the_text_on_grapheme_boundaries(text in tricky_text()) {
        let spans = segment::sentences(&text);
        let bounds = grapheme_bounds(&text);
        if text.is_empty() {
            prop_assert!(spans.is_empty());
        } else {
            prop_assert_eq!(spans.first().map(|s| s.start), Some(0));
            prop_assert_eq!(spans.last().map(|s| s.end as usize), Some(text.len()));
        }
        for pair in spans.windows(2) {
            prop_assert_eq!(pair[0].end, pair[1].start, "gap or overlap");
        }
        for s in &spans {
            prop_assert!(!s.is_empty());
            prop_assert!(bounds.contains(&(s.start as usize)) && bounds.contains(&(s.end as usize)));
        }
    }

    #[test]
    fn words_are_ordered_disjoint_and_on_grapheme_boundaries(text in tricky_text()) {
        let bounds = grapheme_bounds(&text);
        let words = segment::words(&text);
        for pair in words.windows(2) {
            prop_assert!(pair[0].end <= pair[1].start);
        }
        for w in &words {
            prop_assert!(!w.is_empty());
            prop_assert!(bounds.contains(&(w.start as usize)) && bounds.contains(&(w.end as usize)));
            prop_assert!(text[w.range()].chars().any(char::is_alphanumeric));
        }
    }

    #[test]
    fn wrapped_lines_fit_keep_order_and_lose_no_text(text in tricky_text(), width in 1u16..60) {
        let lines = text::wrap(&text, width);
        prop_assert!(!lines.is_empty());
        let mut covered = 0usize;
        for line in &lines {
            let (start, end) = (line.start as usize, line.end as usize);
            prop_assert!(start <= end && start >= covered, "lines out of order");
            prop_assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
            // Whatever falls between lines is only the spaces of a wrap.
            prop_assert!(text[covered..start].chars().all(char::is_whitespace), "lost {:?}", &text[covered..start]);
            let shown = &text[start..end];
            let one_grapheme = shown.graphemes(true).count() <= 1;
            prop_assert!(text::width(shown) <= usize::from(width) || one_grapheme,
                "{:?} is {} cells at width {}", shown, text::width(shown), width);
            covered = end;
        }
        prop_assert!(text[covered..].chars().all(char::is_whitespace));
    }

    #[test]
    fn parsing_any_text_never_panics(text in "\\PC{0,200}") {
        let _ = store::parse_conversation(&text, "any.ron");
    }

    #[test]
    fn parsing_mutated_bundled_text_never_panics(at in 0usize..16000, junk in "\\PC{0,8}") {
        let src = store::bundled_source();
        let mut at = at.min(src.len());
        while !src.is_char_boundary(at) { at -= 1; }
        let _ = store::parse_conversation(&format!("{}{}{}", &src[..at], junk, &src[at..]), "m.ron");
    }
}
