//! Hostile text everywhere a conversation or annotation file can put it:
//! title, contributor names and affiliations, paragraphs, tag names and
//! descriptions, notes, coders. Shared by the tests through `#[path]`.

use crosstalk::model::annotations::{AnnotationFile, Annotations, Rgb, Stamp, Tag, Target};
use crosstalk::model::{Contributor, Conversation, ConversationFile, Pos, Role, SectionFile};

/// Each piece asks a terminal to do something, or reorders what follows it.
pub const PIECES: [&str; 12] = [
    "\u{1b}]0;pwned title\u{7}",        // OSC 0: set the window title
    "\u{1b}]52;c;aGVsbG8=\u{7}",        // OSC 52: write the clipboard
    "\u{1b}[2J",                        // CSI 2J: clear the screen
    "\u{1b}P1$qm\u{1b}\\",              // DCS … ST: a request the terminal answers
    "\u{9b}31m",                        // 8-bit CSI (C1)
    "\u{9d}0;c1 title\u{9c}",           // 8-bit OSC … ST (C1)
    "\u{202e}evil\u{202c}",             // right-to-left override, pop
    "\u{202a}\u{202b}\u{202d}",         // embeddings, left-to-right override
    "\u{2066}\u{2067}\u{2068}\u{2069}", // isolates
    "\u{1}\u{7}\u{8}\u{0}\u{7f}",       // C0 and DEL
    "a\rb",                             // a lone CR: overwrites the line
    "\u{fffe}\u{ffff}",                 // not characters in XML
];

/// Every piece, in one string.
pub fn all() -> String {
    PIECES.concat()
}

/// Every piece but NUL, which no file name or argument can hold.
pub fn in_names() -> String {
    all().replace('\0', "")
}

/// Whether `c` is a character that must never reach a terminal raw: ESC,
/// any C0 control other than tab and newline (CR is allowed for the pty's
/// own line ends), a C1 control, or a bidi control.
pub fn forbidden_on_a_terminal(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
        || crosstalk::model::sanitize::is_bidi_control(c)
}

pub fn conversation() -> Conversation {
    conversation_of(PIECES.iter().map(|p| format!("Piece {p} here. And a second sentence.")))
}

/// A conversation of these paragraphs, given in turn to two contributors,
/// with hostile names, title and affiliations.
pub fn conversation_of(paragraphs: impl Iterator<Item = String>) -> Conversation {
    let evil = all();
    let person = |id: &str, name: String| Contributor {
        id: id.into(),
        name,
        affiliation: format!("Org {evil}"),
        role: Role::Respondent,
        ..Default::default()
    };
    let file = ConversationFile {
        id: "hostile".into(),
        title: format!("Title {evil}"),
        subtitle: format!("Sub {evil}"),
        source: "https://example.org/".into(),
        date: String::new(),
        contributors: vec![person("a", format!("Eve {evil}")), person("b", "Mallory".into())],
        sections: paragraphs
            .enumerate()
            .map(|(i, text)| SectionFile {
                contributor: if i % 2 == 0 { "a" } else { "b" }.into(),
                paragraphs: vec![text],
                ..Default::default()
            })
            .collect(),
        ..Default::default()
    };
    Conversation::new(file).expect("a valid conversation")
}

/// A highlight on every paragraph, each tagged with a hostile tag, with a
/// hostile note and coder; and a link from the last to the first, with a
/// hostile note and coder too.
pub fn annotations(doc: &Conversation) -> Annotations {
    let evil = all();
    let mut a = AnnotationFile::empty(doc);
    let stamp = Stamp {
        id: String::new(),
        coder: format!("coder {evil}"),
        now: jiff::Timestamp::UNIX_EPOCH,
    };
    let file = doc.to_file();
    for (voice, v) in doc.voices().iter().enumerate() {
        let id = &doc.contributors[v.contributor].id;
        let texts =
            file.sections.iter().filter(|s| &s.contributor == id).flat_map(|s| &s.paragraphs);
        for (para, text) in texts.enumerate() {
            let stamp = Stamp { id: format!("h{voice}-{para}"), ..stamp.clone() };
            let target =
                Target { voice, start: Pos::new(para, 0), end: Pos::new(para, text.len()) };
            let name = format!("tag{voice}{para} {}", PIECES[(voice + para) % PIECES.len()]);
            let tag = Tag {
                name: name.clone(),
                color: Rgb(200, 10, 10),
                description: format!("about {evil}"),
                key: None,
            };
            a.apply(a.tag_target(doc, &target, &name, Some(tag), &stamp));
            let id = a.highlights().last().expect("a highlight").id.clone();
            a.apply(a.set_note(doc, Some(&id), &target, &format!("note {evil}\nline two"), &stamp));
        }
    }
    let ends: Vec<Target> = a
        .highlights()
        .iter()
        .map(|h| Target { voice: h.voice, start: h.start, end: h.end })
        .collect();
    if let (Some(&first), Some(&last)) = (ends.first(), ends.last()) {
        let ids = crosstalk::model::annotations::LinkIds {
            link: "link-evil".into(),
            from: "link-from".into(),
            to: "link-to".into(),
        };
        let stamp = Stamp { id: String::new(), ..stamp };
        if let Some(edit) = a.add_link(doc, &last, &first, "answers", &ids, &stamp) {
            a.apply(edit);
            let note = format!("link note {evil}\nline two");
            a.apply(a.set_link_note("link-evil", &note, jiff::Timestamp::UNIX_EPOCH));
        }
    }
    a
}

/// Writes the conversation and its annotations into `dir` under a hostile
/// file name; returns (conversation path, annotation path).
pub fn write(dir: &std::path::Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let doc = conversation();
    let a = annotations(&doc);
    let doc_path = dir.join(format!("talk {}.ron", in_names()));
    std::fs::write(&doc_path, crosstalk::store::to_ron(&doc.to_file()).expect("ron"))
        .expect("write");
    let ann_path = dir.join("talk \u{1b}[2J\u{9b}.annotations.ron");
    let ron = crosstalk::store::annotations_to_ron(&a.snapshot(), &doc).expect("ron");
    std::fs::write(&ann_path, ron).expect("write");
    (doc_path, ann_path)
}
