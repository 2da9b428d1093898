//! The XML writer's escaping and counting.

use super::*;

/// The escaping as first written, a character at a time: the reference.
fn escape_by_char(text: &str, replaced: &mut usize) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if !xml_allows(c) => {
                *replaced += 1;
                out.push('\u{FFFD}');
            }
            c => out.push(c),
        }
    }
    out
}

#[test]
fn escape_matches_the_character_at_a_time_reference() {
    let chars = (0..0x300).chain(0xfe00..0x10000).chain([0x1f600, 0x10fffe, 0x10ffff]);
    let mut cases: Vec<String> = Vec::new();
    for c in chars.filter_map(char::from_u32) {
        cases.push(c.to_string());
        cases.push(format!("a{c}b{c}"));
    }
    cases.push(String::new());
    cases.push("Naïve <b>&</b> 'q' \"q\" \u{1b}[31m\r\n\t 数据，👨\u{200d}👩 \u{feff}\u{fffe}\u{ffff}\u{fffd}".into());
    let mut xml = Xml::new();
    let mut expected = 0;
    for s in cases {
        assert_eq!(xml.escape(&s), escape_by_char(&s, &mut expected), "{s:?}");
        assert_eq!(xml.replaced, expected, "{s:?}");
    }
}
