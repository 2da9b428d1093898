//! Writes the export test fixtures in `tests/fixtures/`:
//!
//! - `bundled.annotations.ron`: annotations on the bundled debate with
//!   overlapping highlights, several tags per highlight, notes with newlines
//!   and quotes, non-ASCII text, an untagged highlight and an orphan;
//! - `unicode.ron` and `unicode.annotations.ron`: a small conversation with
//!   CJK, emoji (ZWJ sequences), combining marks, curly quotes and em-dashes.
//!
//! Run `cargo run --example make_fixtures` after changing the file format;
//! ids and times are fixed, so the output is the same every time.

use crosstalk::model::annotations::{AnnotationFile, Annotations, Highlight, Quote, Stamp, Target};
use crosstalk::model::{Contributor, Conversation, ConversationFile, Pos, Role, SectionFile};
use crosstalk::store;

/// The range of `needle` in paragraph `para` of `voice`.
fn find(doc: &Conversation, voice: usize, para: usize, needle: &str) -> Target {
    let text = doc.paragraph(doc.voices()[voice].paragraphs[para]).text();
    let at = text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in voice {voice} ¶{para}"));
    Target { voice, start: Pos::new(para, at), end: Pos::new(para, at + needle.len()) }
}

/// From the start of `first` in `para` to the end of `last` in `end_para`.
fn span(
    doc: &Conversation,
    voice: usize,
    (para, first): (usize, &str),
    (end_para, last): (usize, &str),
) -> Target {
    let a = find(doc, voice, para, first);
    let b = find(doc, voice, end_para, last);
    Target { voice, start: a.start, end: b.end }
}

struct Coder {
    n: u32,
    who: &'static str,
}

impl Coder {
    fn stamp(&mut self) -> Stamp {
        self.n += 1;
        Stamp {
            id: format!("00000000-0000-4000-8000-{:012}", self.n),
            coder: self.who.into(),
            now: jiff::Timestamp::from_second(1_760_000_000 + i64::from(self.n) * 60)
                .expect("time"),
        }
    }

    fn tag(&mut self, a: &mut Annotations, doc: &Conversation, t: &Target, tags: &[&str]) {
        for name in tags {
            let edit = a.tag_target(doc, t, name, None, &self.stamp());
            a.apply(edit);
        }
    }

    fn note(&mut self, a: &mut Annotations, doc: &Conversation, t: &Target, note: &str) {
        let id = a.exact(t).map(|h| h.id.clone());
        let edit = a.set_note(doc, id.as_deref(), t, note, &self.stamp());
        a.apply(edit);
    }
}

fn write(name: &str, text: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    std::fs::create_dir_all(path.parent().expect("dir")).expect("mkdir");
    std::fs::write(&path, text).expect("write");
    println!("wrote {}", path.display());
}

/// Adds an orphan: a passage quoted from an earlier text that is no longer there.
fn with_orphan(
    a: Annotations,
    doc: &Conversation,
    voice: usize,
    quote: &str,
    tags: &[&str],
    note: &str,
) -> Annotations {
    let mut highlights: Vec<Highlight> =
        a.highlights().iter().map(|h| Highlight::clone(h)).collect();
    let now = jiff::Timestamp::from_second(1_760_100_000).expect("time");
    highlights.push(Highlight {
        id: "00000000-0000-4000-8000-0000000000ff".into(),
        voice,
        start: Pos::new(0, 0),
        end: Pos::new(0, 10),
        orphan: true,
        quote: Quote { exact: quote.into(), prefix: String::new(), suffix: String::new() },
        tags: tags.iter().map(|t| (*t).to_owned()).collect(),
        note: note.into(),
        coder: "ada".into(),
        created: now,
        modified: now,
    });
    let tags = a.tags().to_vec();
    Annotations::from_parts(doc.id.clone(), tags, highlights)
}

fn bundled() {
    let doc = store::bundled().expect("bundled");
    let mut a = AnnotationFile::empty(&doc);
    let mut ada = Coder { n: 0, who: "ada" };
    let (seiff, hoffman, ku, wang, webster) = (0, 1, 2, 3, 4);

    // Ku: two sentences, two tags, a note with a newline and quotes…
    let ku12 = span(&doc, ku, (0, "It is fair to question"), (0, "used by millions of Americans."));
    ada.tag(&mut a, &doc, &ku12, &["human-rights framing", "critique of the ban"]);
    ada.note(
        &mut a,
        &doc,
        &ku12,
        "Ku grants the “moral equivalence” worry,\nthen says: \"the problem here is not Trump\" — it is Beijing.",
    );
    // …and one sentence inside it with another tag: an overlap.
    let ku2 = find(
        &doc,
        ku,
        0,
        "It is certainly true that the U.S. government has never before used its powers",
    );
    let ku2 = Target { end: ku12.end, ..ku2 };
    ada.tag(&mut a, &doc, &ku2, &["reciprocity & market access"]);

    // Hoffman's proposal.
    let hoffman = find(
        &doc,
        hoffman,
        0,
        "So the best liberal democracies can do is develop effective risk-mitigation.",
    );
    ada.tag(&mut a, &doc, &hoffman, &["risk-mitigation proposal"]);
    ada.note(&mut a, &doc, &hoffman, "Hoffman’s core proposal: mitigate, don’t ban.");

    // Wang's second paragraph, whole: two tags and a note with commas and an ampersand.
    let wang_text = doc.paragraph(doc.voices()[wang].paragraphs[1]).text().to_owned();
    let wang2 = Target { voice: wang, start: Pos::new(1, 0), end: Pos::new(1, wang_text.len()) };
    ada.tag(&mut a, &doc, &wang2, &["censorship & surveillance", "human-rights framing"]);
    ada.note(
        &mut a,
        &doc,
        &wang2,
        "Tencent & ByteDance as instruments, “inside China” and out; cf. Webster.",
    );

    // Webster's first sentence.
    let webster1 = find(
        &doc,
        webster,
        0,
        "The Trump administration’s efforts to ban or expropriate TikTok and WeChat are simply not about user privacy, and they are not about a national security emergency.",
    );
    ada.tag(&mut a, &doc, &webster1, &["national-security claim", "critique of the ban"]);

    // Seiff, across a paragraph break.
    let seiff12 = span(
        &doc,
        seiff,
        (0, "The TikTok ownership deal"),
        (1, "The latest attempt to ban the apps"),
    );
    ada.tag(&mut a, &doc, &seiff12, &["geopolitics & U.S.-China rivalry"]);

    // Untagged, with a note only (CJK in the note).
    let untagged = find(
        &doc,
        webster,
        1,
        doc.paragraph(doc.voices()[webster].paragraphs[1])
            .sentence_text(0)
            .expect("sentence")
            .trim_end(),
    );
    ada.note(&mut a, &doc, &untagged, "Check the Commerce Department’s wording (商务部).");

    let a = with_orphan(
        a,
        &doc,
        ku,
        "A sentence the debate no longer has.",
        &["critique of the ban"],
        "Kept: it could not be found after an edit.",
    );
    let text = store::annotations_to_ron(&a.snapshot(), &doc).expect("ron");
    write("bundled.annotations.ron", &text);
}

fn unicode() {
    let person = |id: &str, name: &str, affiliation: &str, role| Contributor {
        id: id.into(),
        name: name.into(),
        affiliation: affiliation.into(),
        role,
        ..Default::default()
    };
    let file = ConversationFile {
        id: "unicode-panel".into(),
        title: "A “panel” in many scripts — 多语言".into(),
        subtitle: "Fixture for exports".into(),
        source: "https://example.org/panel".into(),
        date: "2024-05".into(),
        contributors: vec![
            person("mod", "Ada Moderator", "Example Review", Role::Moderator),
            person("li", "李明", "北京大学", Role::Respondent),
            person("zoe", "Zoë Ångström", "Université de Genève", Role::Respondent),
        ],
        sections: vec![
            SectionFile {
                contributor: "mod".into(),
                paragraphs: vec!["Is the ban “justified”—or not? 🤔 Answer briefly.".into()],
                ..Default::default()
            },
            SectionFile {
                contributor: "li".into(),
                paragraphs: vec![
                    "我认为禁令是错误的。数据安全很重要，但禁止应用不是办法。".into(),
                    "A family 👨‍👩‍👧‍👦 uses the app at the cafe\u{301} every day.".into(),
                ],
                ..Default::default()
            },
            SectionFile {
                contributor: "zoe".into(),
                paragraphs: vec![
                    "Naïve 🙂 The studies — all of them — show no net gain.".into(),
                    "한국어 too: 금지는 답이 아니다.".into(),
                ],
                ..Default::default()
            },
        ],
        ..Default::default()
    };
    let ron = store::to_ron(&file).expect("ron");
    let doc = Conversation::new(file).expect("valid");
    let mut a = AnnotationFile::empty(&doc);
    let mut zoe = Coder { n: 100, who: "Zoë" };
    let t = find(&doc, 1, 0, "数据安全很重要，但禁止应用不是办法。");
    zoe.tag(&mut a, &doc, &t, &["privacy & data protection", "critique of the ban"]);
    let t = find(&doc, 1, 1, "family 👨‍👩‍👧‍👦 uses the app at the cafe\u{301}");
    zoe.tag(&mut a, &doc, &t, &["human-rights framing"]);
    zoe.note(&mut a, &doc, &t, "Emoji with ZWJ, and “cafe” + U+0301.\nTwo lines.");
    let t = span(&doc, 2, (0, "🙂 The studies"), (1, "금지는 답이 아니다."));
    zoe.tag(&mut a, &doc, &t, &["critique of the ban"]);
    let t = find(&doc, 0, 0, "“justified”—or not? 🤔");
    zoe.tag(&mut a, &doc, &t, &["national-security claim"]);
    let text = store::annotations_to_ron(&a.snapshot(), &doc).expect("ron");
    write("unicode.ron", &ron);
    write("unicode.annotations.ron", &text);
}

fn main() {
    bundled();
    unicode();
}
