//! Markdown as people write it (issue text): an introduction before the
//! first `##`, `###` subheads inside a section, and published Q&A under one
//! heading read as turns. Each fixture: the speakers, the turn order, the
//! subheads, the introduction, and no word of the input lost (markup aside);
//! and each survives the Markdown round trip exactly.

use std::collections::HashSet;

use crosstalk::export::markdown;
use crosstalk::import::{Kind, detect, import};
use crosstalk::model::{Conversation, ConversationFile};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/markdown/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).expect("fixture")
}

fn imported(name: &str) -> ConversationFile {
    let text = fixture(name);
    assert_eq!(detect(&text), Kind::Markdown);
    let f = import(&text, Kind::Markdown, "t").expect("imports");
    let doc = Conversation::new(f.clone()).expect("valid");
    let again = import(&markdown::conversation(&doc), Kind::Markdown, "t").expect("again");
    assert_eq!(again, doc.to_file(), "{name}: the round trip");
    assert_nothing_lost(&text, &f);
    f
}

/// The words of `text` without markup (`#`, `*`, `_`, a label's colon, a
/// time's brackets).
fn words(text: &str) -> HashSet<String> {
    text.split_whitespace()
        .map(|w| {
            w.trim_matches(['#', '*', '_', '"', '\''])
                .trim_end_matches(':')
                .trim_matches(['*', '_', '[', ']', '"', '\''])
        })
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Every word of the input is somewhere in the file.
fn assert_nothing_lost(text: &str, f: &ConversationFile) {
    let mut out = vec![f.title.clone(), f.subtitle.clone(), f.date.clone(), f.source.clone()];
    out.extend(f.metadata.iter().flat_map(|(k, v)| [format!("{k}:"), v.clone()]));
    out.extend(f.intro.iter().cloned());
    out.extend(f.contributors.iter().map(|c| c.name.clone()));
    out.extend(f.sections.iter().flat_map(|s| s.paragraphs.iter().cloned()));
    out.extend(f.sections.iter().flat_map(|s| s.times.iter().cloned()));
    let have = words(&out.join("\n"));
    // Keys read into fields, a code block's info string, and markup (a
    // rule, a quote's `>`, a fence).
    let keys = ["Source", "Date", "title", "subtitle", "date", "{.text}"];
    let markup = |w: &str| w.bytes().all(|b| b.is_ascii_punctuation());
    let lost: Vec<String> = words(text)
        .into_iter()
        .filter(|w| !have.contains(w) && !keys.contains(&w.as_str()) && !markup(w))
        .collect();
    assert!(lost.is_empty(), "lost: {lost:?}");
}

/// (speaker name, paragraph count) per section, in turn order.
fn turns(f: &ConversationFile) -> Vec<(String, usize)> {
    f.sections
        .iter()
        .map(|s| {
            let c = f.contributors.iter().find(|c| c.id == s.contributor).expect("known");
            (c.name.clone(), s.paragraphs.len())
        })
        .collect()
}

/// Every subhead's text, with its speaker.
fn heads(f: &ConversationFile) -> Vec<(String, String)> {
    f.sections
        .iter()
        .flat_map(|s| {
            s.heads.iter().map(move |&h| (s.contributor.clone(), s.paragraphs[h].clone()))
        })
        .collect()
}

fn owned(v: &[(&str, usize)]) -> Vec<(String, usize)> {
    v.iter().map(|(n, k)| ((*n).to_owned(), *k)).collect()
}

#[test]
fn an_essay_conversation_with_an_introduction_and_a_subhead() {
    let f = imported("essay.md");
    assert_eq!(f.title, "How Should the World Respond to the Hong Kong Security Law?");
    assert_eq!(f.date, "2020-07-02");
    assert!(f.source.starts_with("https://www.chinafile.com/"));
    assert_eq!(f.intro.len(), 2);
    // (Its `*A ChinaFile Conversation.*` read as it renders: in italics.)
    assert!(f.intro[0].starts_with("A ChinaFile Conversation. On June 30"), "{:?}", f.intro);
    assert_eq!(f.intro[1], "The responses below have been edited for length.");
    assert_eq!(
        turns(&f),
        owned(&[("Jerome A. Cohen", 4), ("Maya Wang", 2), ("Jerome A. Cohen", 1)])
    );
    assert_eq!(heads(&f), [("jerome-a-cohen".to_owned(), "What governments can do".to_owned())]);
    assert_eq!(f.sections[0].heads, [1]);
}

#[test]
fn a_published_interview_with_bold_names_is_turns() {
    let f = imported("interview_bold.md");
    assert_eq!(f.title, "“We Are Not the Enemy”: A Conversation with Jane Smith");
    assert_eq!(f.intro.len(), 2);
    assert_eq!(f.intro[0], "By Lee Park · March 3, 2021");
    let names: Vec<&str> = f.contributors.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Q", "Jane Smith"], "no voice named “Interview”");
    // The part title opens the first turn; `###` opens the turn after it.
    assert_eq!(
        turns(&f),
        owned(&[
            ("Q", 2),
            ("Jane Smith", 2),
            ("Q", 1),
            ("Jane Smith", 1),
            ("Q", 2),
            ("Jane Smith", 1)
        ])
    );
    assert_eq!(
        heads(&f),
        [("q".to_owned(), "Interview".to_owned()), ("q".to_owned(), "On censorship".to_owned())]
    );
    assert_eq!(f.sections[0].paragraphs[1], "When did you first go to China?");
    // A paragraph without a label continues the speaker before.
    assert_eq!(
        f.sections[1].paragraphs[1],
        "It took me two years before I could read a newspaper."
    );
    assert_eq!(
        f.sections[5].paragraphs[0],
        "Never consciously—but you notice what you stop asking."
    );
}

#[test]
fn a_transcript_style_interview_with_plain_labels_and_times() {
    let f = imported("interview_plain.md");
    assert_eq!(f.title, "The Chip War, Episode 12");
    assert_eq!(
        f.metadata,
        [
            ("Recorded".to_owned(), "2023-05-04".to_owned()),
            ("Location".to_owned(), "Studio B, Boston".to_owned())
        ]
    );
    assert_eq!(f.intro.len(), 1);
    assert!(f.intro[0].starts_with("Show notes: a conversation"));
    assert_eq!(
        turns(&f),
        owned(&[
            ("HOST", 2),
            ("CHRIS MILLER", 1),
            ("HOST", 1),
            ("CHRIS MILLER", 2),
            ("HOST", 1),
            ("CHRIS MILLER", 1)
        ])
    );
    assert_eq!(heads(&f), [("host".to_owned(), "Transcript".to_owned())]);
    assert_eq!(f.sections[2].times, ["00:01:10"]);
    assert_eq!(f.sections[3].times, ["00:01:30", ""]);
    assert_eq!(f.sections[3].paragraphs[1], "That concentration took forty years to build.");
}

#[test]
fn an_essay_whose_paragraphs_open_with_a_word_and_colon_is_no_interview() {
    let text = "# T\n\n## Lee\n\nFirst: the law.\n\nSecond: the courts.\n\nThird: the press.\n";
    let f = import(text, Kind::Markdown, "t").expect("imports");
    assert_eq!(turns(&f), owned(&[("Lee", 3)]));
}

#[test]
fn unlabelled_paragraphs_before_the_first_label_go_with_the_heading() {
    // Nobody has spoken: the heading and the note are the introduction.
    let text = "# T\n\n## Interview\n\n*Edited for length.*\n\n**Q:** Why?\n\n**Ann:** Because.\n";
    let f = import(text, Kind::Markdown, "t").expect("imports");
    assert_eq!(f.intro, ["Interview", "Edited for length."]);
    assert_eq!(turns(&f), owned(&[("Q", 1), ("Ann", 1)]));
    // Someone has: they go to the speaker before, the heading a subhead.
    let text =
        "# T\n\n## Bo\n\nHello.\n\n## Part two\n\nA note.\n\n**Q:** Why?\n\n**Ann:** Because.\n";
    let f = import(text, Kind::Markdown, "t").expect("imports");
    assert_eq!(turns(&f), owned(&[("Bo", 3), ("Q", 1), ("Ann", 1)]));
    assert_eq!(f.sections[0].heads, [1]);
}

#[test]
fn a_header_key_that_is_a_known_one_stays_metadata() {
    let text = "# T\n\nDate: 25 September 2020\nShort: x Xi\n\n## Lee\n\nYes.\n";
    let e = import(text, Kind::Markdown, "t").expect_err("Short names no contributor");
    assert_eq!(e.line, 4);
    let text = "# T\n\nRespondent: lee (Dr. Lee Ann)\nDate: 25 September 2020\nShort: lee Ann\n\n## Dr. Lee Ann\n\nYes.\n";
    let f = import(text, Kind::Markdown, "t").expect("imports");
    assert_eq!(f.date, "");
    assert_eq!(f.metadata, [("Date".to_owned(), "25 September 2020".to_owned())]);
    assert_eq!(f.contributors[0].short, "Ann");
    let doc = Conversation::new(f).expect("valid");
    let md = markdown::conversation(&doc);
    assert!(md.contains("\n&#68;ate: 25 September 2020  \n"), "{md}");
    assert_eq!(import(&md, Kind::Markdown, "t").expect("again"), doc.to_file());
}

/// The fixtures, mutated (pieces Markdown, labels and headers care about,
/// put in, lines cut): every import that gives a valid conversation survives
/// its own Markdown round trip exactly, and none panics.
#[test]
fn mutated_fixtures_round_trip_exactly() {
    const PIECES: [&str; 22] = [
        "\n",
        "\n\n",
        "## ",
        "### ",
        "# ",
        "**",
        "Q: ",
        "**A:** ",
        "Date: ",
        "Short: ",
        "Id: ",
        "<!-- ",
        " -->",
        "<!-- 00:01 -->\n",
        "\\",
        "&#58;",
        ": ",
        "：",
        "---\n",
        "  \n",
        "[00:01] ",
        "Key: v\n",
    ];
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n.max(1) as u64) as usize
    };
    let mut valid = 0;
    for name in ["essay.md", "interview_bold.md", "interview_plain.md"] {
        let original = fixture(name);
        for _ in 0..1500 {
            let mut text = original.clone();
            for _ in 0..1 + next(4) {
                let mut at = next(text.len() + 1);
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                match next(3) {
                    0 => {
                        let end = (at + next(40)).min(text.len());
                        let end =
                            (end..=text.len()).find(|&e| text.is_char_boundary(e)).unwrap_or(at);
                        text.replace_range(at..end, "");
                    }
                    _ => text.insert_str(at, PIECES[next(PIECES.len())]),
                }
            }
            let Ok(file) = import(&text, Kind::Markdown, "t") else { continue };
            let Ok(doc) = Conversation::new(file) else { continue };
            valid += 1;
            let md = markdown::conversation(&doc);
            let again = import(&md, Kind::Markdown, "t");
            assert_eq!(again.as_ref().ok(), Some(&doc.to_file()), "input:\n{text}\nwritten:\n{md}");
        }
    }
    assert!(valid > 1000, "{valid} valid mutants");
}

#[test]
fn pandoc_with_front_matter_and_underlined_names() {
    // As pandoc (before 2.11) writes Markdown from a Word file: YAML front
    // matter, names underlined, a quote, a rule of 72 dashes, `-   ` items,
    // a fenced block with attributes.
    let f = imported("pandoc-setext.md");
    assert_eq!(f.title, "Roundtable: What the Bans Mean");
    assert_eq!(
        (f.subtitle.as_str(), f.date.as_str()),
        ("Notes from the second session", "2020-09-21")
    );
    assert_eq!(f.metadata, [("author".to_owned(), "Ada Okafor, Boris Lindqvist".to_owned())]);
    assert_eq!(
        turns(&f),
        owned(&[
            ("Ada Okafor", 4),
            ("Boris Lindqvist", 5),
            ("Ada Okafor", 1),
            ("Boris Lindqvist", 1)
        ])
    );
    let first = &f.sections[0].paragraphs;
    assert!(first[1].starts_with(
        "> The spread in the United States of mobile applications developed and owned"
    ));
    assert_eq!(first[3], "After the break, I asked the panel about data.");
    let second = &f.sections[1].paragraphs;
    assert_eq!(second[1], "-   storage in Virginia and Singapore;");
    assert_eq!(
        second[4],
        "TikTok privacy policy, section 5:\n  \"We may share ... with our corporate group\""
    );
}

#[test]
fn obsidian_note_with_front_matter_a_callout_and_a_rule() {
    let f = imported("obsidian.md");
    assert_eq!(f.title, "Interview 7: a content moderator");
    let keys: Vec<&str> = f.metadata.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["tags", "created", "interviewer"]);
    assert_eq!(f.metadata[0].1, "interview, tiktok, coded/round-1");
    assert_eq!(f.intro, ["Recorded in person. Names changed."]);
    assert_eq!(turns(&f), owned(&[("Jane Doe", 1), ("Sam", 6), ("Jane Doe", 1)]));
    assert_eq!(
        f.sections[1].paragraphs[..3],
        [
            "> [!note] Context Sam worked on a contract team from 2019 to 2021.",
            "In 2019, on the night shift. We saw everything first.",
            "The queue was sorted by views, not by harm:",
        ]
    );
}

#[test]
fn without_a_title_the_front_matter_or_the_file_names_it() {
    let body = "## Ada Okafor\n\nHello there.\n\n## Boris Lindqvist\n\nHi.\n";
    assert_eq!(detect(body), Kind::Markdown);
    let f = import(body, Kind::Markdown, "panel-3").expect("imports");
    assert_eq!((f.title.as_str(), f.sections.len()), ("panel-3", 2));
    let fronted = format!("---\ntitle: Panel three\n---\n\n{body}");
    let f = import(&fronted, Kind::Markdown, "panel-3").expect("imports");
    assert_eq!(f.title, "Panel three");
    // Errors after front matter name the file's own line.
    let bad = "---\ntitle: T\n---\n\n## Ann\n\nx\n\n# Again\n";
    let e = import(bad, Kind::Markdown, "t").expect_err("a second title");
    assert_eq!(e.line, 9);
}

/// Highlights coded when an earlier build read inline markup as written
/// (`I *never* said`, `**strong**`) find their words in the text as it
/// reads now, their quotes as it reads.
#[test]
fn highlights_coded_on_markup_read_as_written_follow_their_words() {
    use crosstalk::model::annotations::Quote;
    let dir = std::env::temp_dir().join(format!("crosstalk-former-markup-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join("talk.md");
    let ada = [
        "I *never* said that about the budget, and I stand by it today.",
        "Second paragraph with **strong** words here, a [link](https://example.com/a_b) and `code` after it.",
        "The [executive order](https://www.whitehouse.gov/presidential-actions/2020/08/executive-order-addressing-threat-posed-tiktok/) cites national security.",
    ];
    let md = format!(
        "# Talk\n\n## Ada\n\n{}\n\n## Bo\n\nA plain paragraph from Bo.\n",
        ada.join("\n\n")
    );
    std::fs::write(&path, md).expect("write");
    let doc = crosstalk::store::load_document(&path).expect("opens");
    // The voice as the earlier build read it, and what was coded in it.
    let old = ada.join("\n\n");
    // (The last: its context, cut inside the link, reads no otherwise:
    // found as the one place the voice has it.)
    let coded = [
        "I *never* said that",
        "strong",
        "[link](https://example.com/a_b)",
        "the budget",
        "executive order",
    ];
    let highlights: Vec<String> = coded
        .iter()
        .enumerate()
        .map(|(i, words)| {
            let at = old.find(words).expect("coded words");
            let q = Quote::of(&old, at..at + words.len());
            let pos = |offset: usize| {
                let paragraph = old[..offset].matches("\n\n").count();
                let from = old[..offset].rfind("\n\n").map_or(0, |b| b + 2);
                format!("(paragraph: {paragraph}, char: {})", old[from..offset].chars().count())
            };
            let s = |t: &str| ron::to_string(t).expect("a string");
            format!(
                "(id: \"00000000-0000-4000-8000-00000000000{i}\", contributor: \"ada\", start: {}, end: {}, quote: {}, prefix: {}, suffix: {}, tags: [\"t\"], note: \"\", coder: \"me\", created: \"2026-01-01T00:00:00Z\", modified: \"2026-01-01T00:00:00Z\")",
                pos(at),
                pos(at + words.len()),
                s(&q.exact),
                s(&q.prefix),
                s(&q.suffix),
            )
        })
        .collect();
    let annotations = dir.join("talk.annotations.ron");
    let file = format!(
        "(version: 1, conversation: \"{}\", text_hash: \"sha256:0\", tags: [(name: \"t\", color: \"#4E79A7\", description: \"\", key: None)], highlights: [{}])",
        doc.id,
        highlights.join(", ")
    );
    std::fs::write(&annotations, file).expect("write annotations");
    let (a, report) =
        crosstalk::store::load_annotations(&annotations, &doc).expect("loads").expect("exists");
    assert_eq!(report.orphaned, 0, "{report:?}");
    let mut quotes: Vec<&str> = a.highlights().iter().map(|h| h.quote.exact.as_str()).collect();
    quotes.sort_unstable();
    assert_eq!(quotes, ["I never said that", "executive order", "link", "strong", "the budget"]);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_section_heading_with_no_name_is_refused_naming_its_line() {
    // It was refused only by the check of the conversation after it:
    // `contributors[1]: name is empty`, no line named.
    for (text, line) in [
        ("# T\n\n## Ann\n\nHello.\n\n## \n\nWho am I?\n", 7),
        ("# T\n\n## Ann\n\nHello.\n\n##    \n\nWho am I?\n", 7),
        ("# T\n\n## \n\nAnn: Hello there.\n\nBob: Hi.\n", 3),
    ] {
        let e = import(text, Kind::Markdown, "t").expect_err("refused");
        assert_eq!(e.line, line, "{text:?}: {e}");
        assert!(e.to_string().contains("heading with no name"), "{e}");
    }
}
