//! 4. Line ends: a paragraph holding a CR LF or a lone CR.
//!
//! QualCoder reads a source in Python's text mode, where both are one LF:
//! a CR LF in the shipped text shifted the selections after it.

use std::io::Read;

use super::*;

/// Words with line ends inside, at the start and at the end, among CJK,
/// emoji with ZWJ, combining marks and flags.
const WORDS: [&str; 12] = [
    "risk",
    "a\rb",
    "c\r\nd",
    "end\r",
    "\r\nstart",
    "\r",
    "\r\n",
    "\r\r\n",
    "中文字",
    "👩\u{200d}👩\u{200d}👧",
    "e\u{301}te\u{301}",
    "🇺🇸",
];

/// A paragraph that is not blank: a first word, then any.
fn paragraph() -> impl Strategy<Value = String> {
    (
        prop::sample::select(&[WORDS[0], WORDS[8], WORDS[10]][..]),
        prop::collection::vec(prop::sample::select(&WORDS[..]), 0..6),
    )
        .prop_map(|(first, rest)| std::iter::once(first).chain(rest).collect::<Vec<_>>().join(" "))
}

prop_compose! {
    fn conversation()(
        voices in prop::collection::vec(prop::collection::vec(paragraph(), 1..4), 2..=3),
    ) -> Conversation {
        let contributors: Vec<Contributor> = (0..voices.len()).map(|i| Contributor {
            id: crosstalk::import::person_id(NAMES[i]),
            name: NAMES[i].to_owned(),
            ..Default::default()
        }).collect();
        let sections = voices.into_iter().enumerate().map(|(i, paragraphs)| SectionFile {
            contributor: contributors[i].id.clone(),
            paragraphs,
            ..Default::default()
        }).collect();
        Conversation::new(ConversationFile {
            id: "line-ends".into(),
            title: "Line ends".into(),
            contributors,
            sections,
            ..Default::default()
        }).expect("valid")
    }
}

/// A source's bytes as QualCoder's REFI-QDA import reads them (`refi.py`,
/// `load_text_source`), in code points: Python's text mode reads CR LF and
/// a lone CR as LF; and when its byte scan finds a CR LF before the first
/// LF without a CR, it adds a space after every LF.
fn as_qualcoder_reads(bytes: &[u8]) -> Vec<char> {
    let mut add_ending = false;
    let mut i = 0;
    while i < bytes.len() && bytes[i] != b'\n' {
        if bytes[i] == b'\r' {
            // The byte after a CR is read with it.
            add_ending |= bytes.get(i + 1) == Some(&b'\n');
            i += 1;
        }
        i += 1;
    }
    let text = String::from_utf8_lossy(bytes).replace("\r\n", "\n").replace('\r', "\n");
    let text = if add_ending { text.replace('\n', "\n ") } else { text };
    text.chars().collect()
}

/// `s` with its line ends as a universal-newline reader has them.
fn lf(s: &str) -> String {
    s.replace("\r\n", "\n").replace('\r', "\n")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn qualcoder_reads_every_selection_as_its_quote(
        doc in conversation(),
        picks in prop::collection::vec(pick(), 1..10),
    ) {
        let a = annotations(&doc, &picks);
        let bytes = Export::new(&doc, &a, &Filter::default())
            .expect("export")
            .render(Format::Qdpx)
            .expect("qdpx");
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).expect("a zip");
        let mut xml = String::new();
        let mut sources = std::collections::HashMap::new();
        for i in 0..zip.len() {
            let mut f = zip.by_index(i).expect("entry");
            let name = f.name().to_owned();
            let mut raw = Vec::new();
            f.read_to_end(&mut raw).expect("read");
            if name == "project.qde" {
                xml = String::from_utf8(raw).expect("UTF-8");
            } else {
                prop_assert!(!raw.contains(&b'\r'), "{}: LF only", name);
                // So QualCoder reads what a tool counting code points reads.
                let read = as_qualcoder_reads(&raw);
                prop_assert_eq!(&read, &String::from_utf8(raw).expect("UTF-8").chars().collect::<Vec<_>>());
                let guid = name.trim_start_matches("sources/").trim_end_matches(".txt");
                sources.insert(guid.to_owned(), read);
            }
        }
        // Each selection, sliced out of its source as QualCoder reads it.
        let mut reader = quick_xml::Reader::from_str(&xml);
        let mut source = None;
        let mut seen = 0;
        loop {
            match reader.read_event().expect("XML") {
                quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                    let attr = |k: &str| {
                        e.try_get_attribute(k).ok().flatten().map(|a| {
                            a.normalized_value(quick_xml::XmlVersion::Implicit1_0).expect("value").into_owned()
                        })
                    };
                    match e.name().as_ref() {
                        b"TextSource" => source = attr("guid"),
                        b"PlainTextSelection" => {
                            let chars = &sources[source.as_deref().expect("in a source")];
                            let start: usize = attr("startPosition").expect("start").parse().expect("number");
                            let end: usize = attr("endPosition").expect("end").parse().expect("number");
                            prop_assert!(start <= end && end <= chars.len());
                            let guid = attr("guid").expect("guid");
                            let h = a.highlights().iter().find(|h| h.id == guid).expect("a highlight");
                            let read: String = chars[start..end].iter().collect();
                            prop_assert_eq!(read, lf(&h.quote.exact));
                            seen += 1;
                        }
                        _ => {}
                    }
                }
                quick_xml::events::Event::Eof => break,
                _ => {}
            }
        }
        prop_assert_eq!(seen, a.highlights().len());
        // crosstalk reads its own project back onto the same words. Not
        // always the same white space: it splits paragraphs at blank lines,
        // which a paragraph's own line ends can make (`\r\r\n` is one), and
        // a line end beside a paragraph's edge joins the blank line there.
        let dir = TempDir::new(&format!("crosstalk-refi-crlf-{}", std::process::id()));
        let path = dir.join("line-ends.qdpx");
        std::fs::write(&path, &bytes).expect("write");
        let back = only(import(&path).expect("imports"));
        let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        for h in a.highlights().iter().filter(|h| !h.quote.exact.trim().is_empty()) {
            let again = back.annotations.highlight(&h.id).expect("back");
            prop_assert_eq!(words(&again.quote.exact), words(&h.quote.exact));
        }
    }
}
