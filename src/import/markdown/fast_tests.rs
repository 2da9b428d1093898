use proptest::prelude::*;

use super::super::read_with;
use super::Marks;
use crate::model::Source;

/// Lines, blank lines and markup a Markdown file has, plain and not.
fn line() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "The U.S. ban",
        "“quoted” — dash",
        "TikTok 的 用户",
        "👩‍👩‍👧 e\u{301}",
        "word",
        "x",
        "\\*",
        "a\\",
        "&#32;",
        "&amp;",
        "**Q:**",
        "**Jane Smith:**",
        "Q:",
        "A:",
        "Chen:",
        "  ",
        "\u{3000}",
        "#tag",
        "---",
        "<!-- 00:01:02 -->",
        "\r",
        "Key: value",
        "*said*",
        "**so**",
        "_x_",
        "snake_case",
        "`code`",
        "[link](https://example.com)",
        "<https://x.org>",
        "<inaudible>",
        "~~no~~",
        "2 * 3",
    ]);
    let lead = prop::sample::select(vec![
        "", "", "", "", "### ", "## ", "# ", "  ", "---", "- ", "* ", "1. ", "2) ", "  + ", "-",
        "2.",
    ]);
    (lead, prop::collection::vec(piece, 0..5))
        .prop_map(|(lead, pieces)| format!("{lead}{}", pieces.join(" ")))
}

pub(in crate::import::markdown) fn document() -> impl Strategy<Value = String> {
    let names = prop::sample::select(vec!["Ada", "Chen Wei", "Q", "Ada <!-- ada -->", "李"]);
    let section = (names, prop::collection::vec(line(), 0..12));
    let head = prop::sample::select(vec!["", "Date: 2020-09\n\n", "Respondent: ada (Ada)\n\n"]);
    (head, prop::collection::vec(section, 0..5), any::<bool>()).prop_map(
        |(head, sections, crlf)| {
            let mut text = format!("# A panel\n\n{head}");
            for (name, lines) in sections {
                text.push_str(&format!("## {name}\n\n"));
                for l in lines {
                    text.push_str(&l);
                    text.push('\n');
                }
            }
            if crlf { text.replace('\n', "\r\n") } else { text }
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Whatever the fast reader takes, it reads as the general reader
    /// does: same header, contributors, paragraphs, times, subheads and
    /// errors.
    #[test]
    fn the_fast_reader_agrees_with_the_general_one(text in document()) {
        let source = Source::new(text);
        prop_assert_eq!(read_with(&source, "t", true), read_with(&source, "t", false));
    }

    /// Read on two threads, the sections are what one thread reads.
    #[test]
    fn sections_read_on_two_threads_are_read_as_on_one(text in document()) {
        let source = Source::new(text);
        let whole = source.as_str();
        let (starts, _) = super::headings(whole);
        let chunks: Vec<&str> = (0..starts.len())
            .map(|k| &whole[starts[k]..starts.get(k + 1).copied().unwrap_or(whole.len())])
            .collect();
        prop_assert_eq!(
            super::super::parallel::sections_from(&source, &chunks, 0),
            super::super::parallel::sections_from(&source, &chunks, usize::MAX)
        );
    }

    /// Marks found a block of lines at a time are the marks found in
    /// one go, the brief's marker in any line included.
    #[test]
    fn marks_found_by_blocks_are_marks_found_at_once(
        text in document(),
        marker_line in 0usize..20,
        cuts in prop::collection::vec(0usize..20, 0..6),
    ) {
        let marker = crate::export::markdown::CONVERSATION_MARKER;
        let mut lines: Vec<String> = text.split_inclusive('\n').map(String::from).collect();
        let at = marker_line.min(lines.len());
        lines.insert(at, format!("{marker}{marker}\n"));
        let whole = lines.concat();
        let mut blocks = Marks::new(marker);
        let (mut from, mut line) = (0, 0);
        for cut in cuts.iter().chain([&usize::MAX]) {
            let upto = usize::saturating_add(line, *cut).min(lines.len());
            let block: String = lines[line..upto].concat();
            blocks.add(from, &block);
            from += block.len();
            line = upto;
        }
        prop_assert_eq!(blocks, Marks::of(&whole, marker));
    }

    /// Short lines (found byte by byte) and long ones (by `memchr`).
    #[test]
    fn lines_are_str_lines(text in "([a b\r]{0,40}\n?\r?){0,6}") {
        prop_assert_eq!(super::lines(&text).collect::<Vec<_>>(), text.lines().collect::<Vec<_>>());
    }
}

/// An empty ordered item, then a plain line: two paragraphs to both
/// readers (the fast one had read `2. foo`).
#[test]
fn an_empty_ordered_item_is_a_paragraph_of_its_own_to_both_readers() {
    let source = Source::new("# T\n\n## Ada\n\n2.\nfoo\n\nbar\n".into());
    let (fast, general) = (read_with(&source, "t", true), read_with(&source, "t", false));
    assert_eq!(fast, general);
    let (_, parts) = fast.expect("reads");
    let texts: Vec<&str> = parts[0].paragraphs.iter().map(|p| p.text()).collect();
    assert_eq!(texts, ["2.", "foo", "bar"]);
}

#[test]
fn plain_paragraphs_are_ranges_of_the_file_and_the_rest_is_decoded() {
    let text = "# T\n\n## Ada\n\nOne “U.S.” line.\n\nTwo\nlines.\n\nAn \\*escape\\*.\n";
    let source = Source::new(text.into());
    let (_, parts) = read_with(&source, "t", true).expect("reads");
    let texts: Vec<&str> = parts[0].paragraphs.iter().map(|p| p.text()).collect();
    assert_eq!(texts, ["One “U.S.” line.", "Two lines.", "An *escape*."]);
    let first = parts[0].paragraphs[0].text();
    // The first is the file's own text, not a copy of it.
    assert!(source.as_str().as_bytes().as_ptr_range().contains(&first.as_ptr()));
    assert!(!source.as_str().as_bytes().as_ptr_range().contains(&texts[1].as_ptr()));
}
