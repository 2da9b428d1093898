//! A hand-edited annotation file with a bad value is refused with the file
//! and the line:column of that value: a colour that is not `#RRGGBB`, a
//! quick key outside 1–9, a time that is not RFC 3339, an unknown
//! contributor, a tag no definition names, an id used twice.

use crosstalk::store;

fn fixture() -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/bundled.annotations.ron");
    std::fs::read_to_string(path).expect("fixture")
}

/// Replaces the `nth` (0-based) line containing `find` by `replace`; returns
/// the file and that line's number (1-based).
fn edited(find: &str, nth: usize, replace: &str) -> (String, usize) {
    let text = fixture();
    let mut seen = 0;
    let mut at = 0;
    let lines: Vec<String> = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if l.contains(find) {
                if seen == nth {
                    at = i + 1;
                    seen += 1;
                    return l.replace(find, replace);
                }
                seen += 1;
            }
            l.to_owned()
        })
        .collect();
    assert!(at > 0, "{find:?} not found");
    (lines.join("\n") + "\n", at)
}

/// The error for `text`, which must name `notes.ron:{line}:` and say `what`.
fn refused(text: &str, line: usize, what: &str) {
    let doc = store::bundled().expect("bundled");
    let Err(e) = store::parse_annotations(text, "notes.ron", &doc) else {
        panic!("accepted a file that should be refused ({what})")
    };
    let e = e.to_string();
    assert!(e.starts_with(&format!("notes.ron:{line}:")), "line {line}: {e}");
    assert!(e.contains(what), "{what:?} in {e}");
}

#[test]
fn the_fixture_itself_is_accepted() {
    let doc = store::bundled().expect("bundled");
    store::parse_annotations(&fixture(), "notes.ron", &doc).expect("valid");
}

#[test]
fn an_empty_file_is_called_empty() {
    for text in ["", "\n\n", "\u{feff}", "  \t\n"] {
        refused(text, 1, "the file is empty");
        let Err(e) = store::parse_annotation_file(text, "notes.ron") else { panic!("accepted") };
        assert_eq!(
            e.to_string(),
            "notes.ron:1:1: the file is empty (an annotation file starts with `(`)"
        );
    }
}

#[test]
fn a_file_cut_off_is_said_to_be_so() {
    // A copy stopped short (`head -c`) ends inside a field's name, which
    // the parse error names as if it were one (`Unexpected field named c`).
    let doc = store::bundled().expect("bundled");
    let text = fixture();
    for cut in [3000, text.len() / 2, text.len() - 3] {
        let mut at = cut.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let Err(e) = store::parse_annotations(&text[..at], "notes.ron", &doc) else {
            panic!("a file cut at {at} accepted")
        };
        assert!(e.to_string().contains("(cut off?)"), "{at}: {e}");
    }
    // A whole file with a wrong value is not said to be cut off.
    let (bad, _) = edited("\"#59A14F\"", 0, "\"#59A14\"");
    let Err(e) = store::parse_annotations(&bad, "notes.ron", &doc) else { panic!("accepted") };
    assert!(!e.to_string().contains("cut off"), "{e}");
}

#[test]
fn a_bad_colour_is_named_at_its_line() {
    let (text, line) = edited("\"#59A14F\"", 0, "\"#59A14\"");
    refused(&text, line, "colour \"#59A14\" is not #RRGGBB");
}

#[test]
fn a_quick_key_outside_one_to_nine_is_named_at_its_line() {
    let (text, line) = edited("key: Some(3)", 0, "key: Some(12)");
    refused(&text, line, "quick key 12 is not 1–9");
}

#[test]
fn a_bad_time_is_named_at_its_line() {
    let (text, line) = edited("modified: \"20", 2, "modified: \"yesterday");
    refused(&text, line, "modified \"yesterday");
}

#[test]
fn an_unknown_contributor_is_named_at_its_line() {
    let (text, line) = edited("contributor: \"ku\"", 0, "contributor: \"kuu\"");
    refused(&text, line, "contributor \"kuu\" is not in the conversation");
    // Said with who is there: a speaker joined into another by naming is
    // gone, and the message pointed at the file alone.
    refused(
        &text,
        line,
        "whose speakers are \"hoffman\", \"ku\", \"seiff\", \"wang\", \"webster\" (a speaker renamed or joined into another since it was coded?)",
    );
}

#[test]
fn a_tag_no_definition_names_is_named_at_its_line() {
    // The first mention is the definition; the second, a highlight's use.
    let (text, line) = edited("\"critique of the ban\"", 1, "\"critique of the bans\"");
    refused(&text, line, "tag \"critique of the bans\" is not in `tags`");
}

#[test]
fn an_id_used_twice_is_named_at_its_second_use() {
    let text = fixture();
    let ids: Vec<&str> = text
        .lines()
        .filter_map(|l| l.trim().strip_prefix("id: \""))
        .map(|l| l.trim_end_matches("\","))
        .collect();
    assert!(ids.len() >= 2);
    let (text, line) = edited(&format!("id: \"{}\"", ids[1]), 0, &format!("id: \"{}\"", ids[0]));
    refused(&text, line, "is used twice");
}
