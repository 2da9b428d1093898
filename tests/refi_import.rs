//! `crosstalk import project.qdpx`: REFI-QDA projects back into
//! conversations and annotation files. A crosstalk export comes back as the
//! same annotation file (generated annotations over hostile Unicode, and
//! the bundled debate through the real binary); a project written as
//! QualCoder writes one lands every coding on the same characters; bad
//! archives and XML give one line naming the part and write nothing.

mod common;

use std::io::Write;
use std::path::Path;

use common::cli::{run, stderr, stdout, temp};
use common::tmp::TempDir;
use crosstalk::export::{Export, Filter, Format};
use crosstalk::import::refi::{self, Imported, Outcome};
use crosstalk::model::VoiceText;
use crosstalk::model::annotations::{
    AnnotationFile, Annotations, Highlight, Link, Relation, Rgb, Stamp, Tag, Target,
    default_relations,
};
use crosstalk::model::{Contributor, Conversation, ConversationFile, Role, SectionFile};
use crosstalk::store;
use crosstalk::store::refi::{Limits, load_project};
use proptest::prelude::*;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Imports every text source of the project at `path`.
fn import(path: &Path) -> Result<Outcome, String> {
    import_with(path, Limits::default())
}

fn import_with(path: &Path, limits: Limits) -> Result<Outcome, String> {
    let loaded = load_project(path, limits).map_err(|e| e.to_string())?;
    let all: Vec<(usize, &str)> = loaded.texts.iter().map(String::as_str).enumerate().collect();
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    refi::build(&loaded.project, &all, &stem).map_err(|e| store::refi::in_qde(path, e).to_string())
}

/// The annotation file of `a` over `doc`, without quick keys (REFI-QDA has
/// none) and orphans (no position to export).
fn file_of(a: &Annotations, doc: &Conversation) -> AnnotationFile {
    let mut f = AnnotationFile::from_snapshot(&a.snapshot(), doc);
    for t in &mut f.tags {
        t.key = None;
    }
    f.highlights.retain(|h| !h.orphan);
    f
}

fn only(outcome: Outcome) -> Imported {
    assert_eq!(outcome.conversations.len(), 1, "one conversation");
    outcome.conversations.into_iter().next().expect("one")
}

#[path = "refi/broken.rs"]
mod broken;
#[path = "refi/command.rs"]
mod command;
#[path = "refi/line_ends.rs"]
mod line_ends;
#[path = "refi/notes.rs"]
mod notes;
#[path = "refi/qualcoder.rs"]
mod qualcoder;

// ---------------------------------------------------------------------
// 1. Generated annotations: export, import, the same file.

const NAMES: [&str; 4] = ["Ada Lovelace", "Zoë Saldaña-Núñez", "王小明 Wang", "José 🙂 Ortiz"];
const WORDS: [&str; 10] = [
    "risk",
    "naïve",
    "e\u{301}te\u{301}",
    "中文字",
    "👩\u{200d}👩\u{200d}👧",
    "🇺🇸",
    "a&b",
    "<x>",
    "\"q\"",
    "x\ty",
];
const TAGS: [&str; 5] = ["risk", "risk/low", "risk/low/very", "框架 framing", "a & <b>"];
const CODERS: [&str; 3] = ["ada", "李雷", "Zoë O'Brien"];

fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(&WORDS[..]), 1..6).prop_map(|w| w.join(" "))
}

prop_compose! {
    fn conversation()(
        voices in 2usize..=3,
        turns in prop::collection::vec((0usize..3, prop::collection::vec(paragraph(), 1..3), any::<u8>()), 2..6),
    ) -> Conversation {
        let contributors: Vec<Contributor> = (0..voices).map(|i| Contributor {
            id: crosstalk::import::person_id(NAMES[i]),
            name: NAMES[i].to_owned(),
            affiliation: if i == 0 { "Example & Co.".into() } else { String::new() },
            role: if i == 0 { Role::Moderator } else { Role::Respondent },
            ..Default::default()
        }).collect();
        // Every voice speaks at least once, then the generated turns.
        let mut sections: Vec<SectionFile> = (0..voices).map(|i| SectionFile {
            contributor: contributors[i].id.clone(),
            paragraphs: vec![format!("{} speaks.", NAMES[i])],
            ..Default::default()
        }).collect();
        // Paragraph times (some with no highlight to carry them) and
        // subheads, by the bits of `marks`.
        for (t, (who, paragraphs, marks)) in turns.into_iter().enumerate() {
            let head = marks & 0x80 != 0 && paragraphs.len() > 1;
            let times: Vec<String> = (0..paragraphs.len())
                .map(|k| match marks & (1 << k) != 0 && !(head && k == 0) {
                    // A clock, and times no clock (a Markdown comment's).
                    true => match (t + k) % 3 {
                        0 => format!("00:{t:02}:{k:02}"),
                        1 => format!("{t}h{k:02}m"),
                        _ => format!("ca. {t} min"),
                    },
                    false => String::new(),
                })
                .collect();
            sections.push(SectionFile {
                contributor: contributors[who % voices].id.clone(),
                paragraphs,
                times: if times.iter().all(String::is_empty) { Vec::new() } else { times },
                heads: if head { vec![0] } else { Vec::new() },
            });
        }
        // An id that is no slug of the title or the file name, a header
        // and an introduction: they come back from the project's
        // description, as the turns do.
        Conversation::new(ConversationFile {
            id: "townhall-7".into(),
            title: "Round trip".into(),
            subtitle: "On the data centre".into(),
            date: "2026-03-14".into(),
            metadata: vec![("Location".into(), "Room 216 & “annex”".into())],
            intro: vec!["First, the rules.".into(), "Then: <questions> — 中文 👩\u{200d}👩\u{200d}👧.".into()],
            contributors,
            sections,
            ..Default::default()
        }).expect("valid")
    }
}

/// Highlights drawn by `picks` over `doc`: voice, two code points, tags,
/// note, coder, times.
type Pick = (usize, usize, usize, Vec<usize>, String, usize, i64, i64);

fn pick() -> impl Strategy<Value = Pick> {
    (
        0usize..3,
        0usize..400,
        1usize..80,
        prop::collection::vec(0usize..TAGS.len(), 0..3),
        prop::sample::select(vec![
            "",
            "A note.",
            "Two\nlines & <markup> \"q\"",
            "中文 👩\u{200d}👩\u{200d}👧 e\u{301}",
        ])
        .prop_map(str::to_owned),
        0usize..CODERS.len(),
        0i64..2_000_000_000,
        0i64..10_000_000,
    )
}

fn annotations(doc: &Conversation, picks: &[Pick]) -> Annotations {
    let tags: Vec<Tag> = TAGS
        .iter()
        .enumerate()
        .map(|(i, name)| Tag {
            name: (*name).to_owned(),
            color: Rgb(i as u8 * 40, 255 - i as u8 * 30, 7 * i as u8),
            description: if i % 2 == 0 {
                format!("About {name} & “more”\nsecond line")
            } else {
                String::new()
            },
            key: None,
        })
        .collect();
    let mut highlights: Vec<Highlight> = Vec::new();
    for (n, (voice, from, len, tag_ix, note, coder, created, later)) in picks.iter().enumerate() {
        let voice = voice % doc.voices().len();
        let vt = VoiceText::new(doc, &doc.voices()[voice]);
        let chars: Vec<usize> =
            vt.text.char_indices().map(|(i, _)| i).chain([vt.text.len()]).collect();
        let count = chars.len() - 1;
        let a = from % count;
        let b = (a + len).min(count);
        let (start, end) = (vt.pos(chars[a]), vt.pos(chars[b]));
        if start >= end {
            continue;
        }
        let mut tags: Vec<String> = Vec::new();
        for &t in tag_ix {
            if !tags.contains(&TAGS[t].to_owned()) {
                tags.push(TAGS[t].to_owned());
            }
        }
        let stamp = Stamp {
            id: uuid::Uuid::from_u128(0x1234_0000 + n as u128).to_string(),
            coder: CODERS[*coder].to_owned(),
            now: jiff::Timestamp::from_second(*created).expect("time"),
        };
        let mut h = Annotations::new_highlight(
            doc,
            &Target { voice, start, end },
            tags,
            note.clone(),
            &stamp,
        );
        h.modified = jiff::Timestamp::from_second(created + later).expect("time");
        highlights.push(h);
    }
    Annotations::from_parts(doc.id.clone(), tags, highlights)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn an_exported_project_imports_as_the_same_annotations(
        doc in conversation(),
        picks in prop::collection::vec(pick(), 0..8),
    ) {
        let a = annotations(&doc, &picks);
        let bytes = Export::new(&doc, &a, &Filter::default()).expect("export").render(Format::Qdpx).expect("qdpx");
        let dir = TempDir::new(&format!("crosstalk-refi-prop-{}", std::process::id()));
        let path = dir.join("round.qdpx");
        std::fs::write(&path, bytes).expect("write");
        let back = only(import(&path).expect("imports"));
        prop_assert_eq!(&back.doc.id, &doc.id);
        prop_assert_eq!(file_of(&back.annotations, &back.doc), file_of(&a, &doc));
        // Names, affiliations and roles come back from the descriptions;
        // the id, header, introduction and turns from the project's: the
        // whole conversation.
        prop_assert_eq!(&back.doc.contributors, &doc.contributors);
        prop_assert_eq!(back.doc.to_file(), doc.to_file());
    }
}

/// A link drawn over the highlights: its two ends (indexes, taken modulo
/// their number), relation (index into [`relations`]), note, coder, times.
type LinkPick = (usize, usize, usize, String, usize, i64, i64);

fn link_pick() -> impl Strategy<Value = LinkPick> {
    (
        0usize..16,
        0usize..16,
        0usize..7,
        prop::sample::select(vec!["", "Why.", "=1+2 & <x>\n\"q\" 中文 👩\u{200d}👩\u{200d}👧"])
            .prop_map(str::to_owned),
        0usize..CODERS.len(),
        0i64..2_000_000_000,
        0i64..10_000_000,
    )
}

/// The default relations and two more: one read both ways, one with
/// markup in its name and description.
fn relations() -> Vec<Relation> {
    let mut out = default_relations();
    out.push(Relation {
        name: "agrees with".into(),
        color: Rgb(0x12, 0x34, 0x56),
        both_ways: true,
        description: String::new(),
    });
    out.push(Relation {
        name: "a & <b> “c”".into(),
        color: Rgb(0xfe, 0xdc, 0x0a),
        both_ways: false,
        description: "Line one & <x>\nline two 数据".into(),
    });
    out
}

/// `a` with links drawn by `picks` between its highlights.
fn with_links(doc: &Conversation, a: &Annotations, picks: &[LinkPick]) -> Annotations {
    let hs: Vec<Highlight> = a.highlights().iter().map(|h| Highlight::clone(h)).collect();
    let relations = relations();
    let mut links: Vec<Link> = Vec::new();
    if hs.len() >= 2 {
        for (n, (from, to, relation, note, coder, created, later)) in picks.iter().enumerate() {
            let (from, to) = (&hs[from % hs.len()], &hs[to % hs.len()]);
            if from.id == to.id {
                continue;
            }
            links.push(Link {
                id: uuid::Uuid::from_u128(0x9999_0000 + n as u128).to_string(),
                from: from.id.clone(),
                to: to.id.clone(),
                relation: relations[relation % relations.len()].name.clone(),
                note: note.clone(),
                coder: CODERS[*coder].to_owned(),
                created: jiff::Timestamp::from_second(*created).expect("time"),
                modified: jiff::Timestamp::from_second(created + later).expect("time"),
            });
        }
    }
    Annotations::from_parts_linked(doc.id.clone(), a.tags().to_vec(), hs, relations, links)
}

/// A link as it must come back: the spans of its ends, its relation (name,
/// colour, direction), its note; and, when it has a note (which carries
/// them), its coder and times.
/// A link's id, its ends' spans, relation, note and (noted) coder and times.
type LinkView = (
    String,
    [(usize, String, String); 2],
    (String, Rgb, bool),
    String,
    Option<(String, String, String)>,
);

fn link_view(a: &Annotations, l: &Link) -> LinkView {
    let end = |id: &str| {
        let h = a.highlight(id).expect("an end");
        (h.voice, format!("{:?}", h.start), format!("{:?}", h.end))
    };
    let r = a.relation(&l.relation).expect("relation");
    let noted = !l.note.trim().is_empty();
    (
        l.id.clone(),
        [end(&l.from), end(&l.to)],
        (r.name.clone(), r.color, r.both_ways),
        l.note.clone(),
        noted.then(|| (l.coder.clone(), l.created.to_string(), l.modified.to_string())),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Links survive the round trip: ends, relations and notes; the
    /// relation codebook whole; highlights as they were (untagged ends
    /// included).
    #[test]
    fn exported_links_import_as_the_same_links(
        doc in conversation(),
        picks in prop::collection::vec(pick(), 2..8),
        link_picks in prop::collection::vec(link_pick(), 1..6),
    ) {
        let a = with_links(&doc, &annotations(&doc, &picks), &link_picks);
        let bytes = Export::new(&doc, &a, &Filter::default()).expect("export").render(Format::Qdpx).expect("qdpx");
        let dir = TempDir::new(&format!("crosstalk-refi-links-{}", std::process::id()));
        let path = dir.join("linked.qdpx");
        std::fs::write(&path, bytes).expect("write");
        let outcome = import(&path).expect("imports");
        prop_assert!(outcome.notes.is_empty(), "{:?}", outcome.notes);
        let back = only(outcome);
        let (mut ours, mut theirs) = (file_of(&back.annotations, &back.doc), file_of(&a, &doc));
        prop_assert_eq!(&ours.highlights, &theirs.highlights);
        if !a.links().is_empty() {
            prop_assert_eq!(back.annotations.relations(), a.relations());
        }
        let view = |x: &Annotations| x.links().iter().map(|l| link_view(x, l)).collect::<Vec<_>>();
        prop_assert_eq!(view(&back.annotations), view(&a));
        // What does not travel: a note-less link's coder and times.
        ours.links.iter_mut().chain(theirs.links.iter_mut()).filter(|l| l.note.trim().is_empty()).for_each(|l| {
            l.coder.clear();
            l.created.clear();
            l.modified.clear();
        });
        prop_assert_eq!(ours.links, theirs.links);
    }
}

// ---------------------------------------------------------------------
// 2. The bundled debate's annotations, through the real binary.

#[test]
fn the_bundled_annotations_come_back_through_the_binary() {
    let dir = temp("refi", "bundled");
    let fixture = root().join("tests/fixtures/bundled.annotations.ron");
    let qdpx = dir.join("td.qdpx");
    let o = run(
        &[
            "export",
            "--format",
            "qdpx",
            "--annotations",
            &fixture.display().to_string(),
            "-o",
            &qdpx.display().to_string(),
        ],
        &dir,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = dir.join("td.ron");
    let o = run(&["import", &qdpx.display().to_string(), "-o", &out.display().to_string()], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("A crosstalk project: one conversation, 5 voices"),
        "{}",
        stdout(&o)
    );
    let doc = store::load_conversation(&out).expect("a conversation");
    let bundled = store::bundled().expect("bundled");
    // The voices' text is the same (the text hash says so), so the file is.
    let (got, _) = store::load_annotations(&dir.join("td.annotations.ron"), &doc)
        .expect("loads")
        .expect("exists");
    let (want, _) = store::load_annotations(&fixture, &bundled).expect("loads").expect("exists");
    assert_eq!(doc.text_hash(), bundled.text_hash());
    assert_eq!(file_of(&got, &doc), file_of(&want, &bundled));
    // Short names are not exported; the rest of each contributor is.
    let unshort = |cs: &[Contributor]| -> Vec<Contributor> {
        cs.iter().map(|c| Contributor { short: String::new(), ..c.clone() }).collect()
    };
    assert_eq!(unshort(&doc.contributors), unshort(&bundled.contributors));
    // The only differences: quick keys (REFI-QDA has none: the first nine
    // tags get 1–9) and the orphan, which has no place to be exported.
    let keys: Vec<Option<u8>> = got.tags().iter().map(|t| t.key).collect();
    assert_eq!(keys, (1..=8).map(Some).collect::<Vec<_>>());
    assert_eq!(want.highlights().len(), got.highlights().len() + 1);
}

// ---------------------------------------------------------------------
// A tiny project, zips and listings for the tests of bad input and of the command.

const QDE: &str = r##"<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Tiny" origin="Other 1.0">
<Users><User guid="u1" name="Ann"/></Users>
<CodeBook><Codes><Code guid="c1" name="theme" isCodable="true" color="#112233"/></Codes></CodeBook>
<Sources>
<TextSource guid="s1" name="one.txt" plainTextPath="internal://one.txt">
<PlainTextSelection guid="p1" startPosition="START" endPosition="END" creatingUser="u1"><Coding guid="k1"><CodeRef targetGUID="c1"/></Coding></PlainTextSelection>
</TextSource>
<TextSource guid="s2" name="two.txt" plainTextPath="internal://two.txt"/>
</Sources>
</Project>
"##;
const ONE: &str = "A: Hello there.\nB: Hi.\n";
const TWO: &str = "Plain text line.\nAnother line.\n";

/// The tiny project with the selection at `start..end`.
fn qde(start: &str, end: &str) -> String {
    QDE.replace("START", start).replace("END", end)
}

/// A zip of `entries`, deflated.
fn zip_of(path: &Path, entries: &[(&str, &[u8])]) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).expect("create"));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        zip.start_file(*name, options).expect("entry");
        zip.write_all(bytes).expect("write");
    }
    zip.finish().expect("zip");
}

fn tiny(path: &Path) {
    let q = qde("3", "9");
    zip_of(
        path,
        &[
            ("project.qde", q.as_bytes()),
            ("sources/one.txt", ONE.as_bytes()),
            ("sources/two.txt", TWO.as_bytes()),
        ],
    );
}

fn listing(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    out.sort();
    out
}

/// Runs `crosstalk import FILE -o out.ron` and checks it fails with one
/// line holding each of `says`, writing nothing.
fn refused(dir: &Path, file: &Path, says: &[&str]) {
    let before = listing(dir);
    let out = dir.join("out.ron");
    let o = run(&["import", &file.display().to_string(), "-o", &out.display().to_string()], dir);
    assert!(!o.status.success(), "refused: {}", stdout(&o));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(err.contains(&file.display().to_string()), "names the file: {err}");
    for s in says {
        assert!(err.contains(s), "says {s:?}: {err}");
    }
    assert_eq!(listing(dir), before, "nothing written: {err}");
}

// ---------------------------------------------------------------------
// Another tool's transcript: any passage inside a line comes back exactly.

const SPEAKERS: [&str; 3] = ["ANA", "BEN", "Dr. Cho"];

prop_compose! {
    /// A transcript (turns of one to three lines) and the code-point
    /// ranges of each line's text (what follows the label).
    fn transcript()(
        turns in prop::collection::vec((0usize..3, prop::collection::vec(paragraph(), 1..4)), 1..6),
        crlf in any::<bool>(),
    ) -> (String, Vec<(usize, usize)>) {
        let newline = if crlf { "\r\n" } else { "\n" };
        let mut text = String::new();
        let mut lines = Vec::new();
        for (who, body) in turns {
            for (i, line) in body.iter().enumerate() {
                if i == 0 {
                    text.push_str(SPEAKERS[who]);
                    text.push_str(": ");
                } else if i == 2 {
                    text.push_str(newline); // a blank line: a new paragraph of the turn
                }
                let start = text.chars().count();
                text.push_str(line);
                lines.push((start, text.chars().count()));
                text.push_str(newline);
            }
        }
        (text, lines)
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('"', "&quot;")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn a_passage_inside_a_line_of_another_tools_transcript_comes_back_exactly(
        (text, lines) in transcript(),
        picks in prop::collection::vec((0usize..100, 0usize..100, 1usize..40), 1..6),
    ) {
        let chars: Vec<char> = text.chars().collect();
        let mut selections = String::new();
        let mut want = Vec::new();
        for (n, (line, from, len)) in picks.iter().enumerate() {
            let (s, e) = lines[line % lines.len()];
            let start = s + from % (e - s);
            let end = (start + len).min(e);
            selections.push_str(&format!(
                r#"<PlainTextSelection guid="p{n}" startPosition="{start}" endPosition="{end}"><Coding guid="k{n}"><CodeRef targetGUID="c1"/></Coding></PlainTextSelection>"#
            ));
            want.push((format!("p{n}"), chars[start..end].iter().collect::<String>()));
        }
        let qde = format!(
            r#"<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="{}" origin="Other"><CodeBook><Codes><Code guid="c1" name="c" isCodable="true"/></Codes></CodeBook><Sources><TextSource guid="s" name="t.txt" plainTextPath="internal://t.txt">{selections}</TextSource></Sources></Project>"#,
            escape("A & B")
        );
        let dir = TempDir::new(&format!("crosstalk-refi-lines-{}", std::process::id()));
        let path = dir.join("t.qdpx");
        zip_of(&path, &[("project.qde", qde.as_bytes()), ("sources/t.txt", text.as_bytes())]);
        let c = only(import(&path).expect("imports"));
        // What is written reads back as it was.
        let ron = store::annotations_to_ron(&c.annotations.snapshot(), &c.doc).expect("ron");
        let (again, report) = store::parse_annotations(&ron, "t.annotations.ron", &c.doc).expect("reads back");
        prop_assert_eq!(report.moved + report.orphaned, 0);
        prop_assert_eq!(file_of(&again, &c.doc), file_of(&c.annotations, &c.doc));
        // Read as a transcript: the labels made the voices.
        prop_assert!(c.doc.contributors.iter().all(|p| SPEAKERS.contains(&p.name.as_str())));
        for (id, exact) in want {
            let h = c.annotations.highlight(&id).expect("a highlight");
            prop_assert_eq!(&h.quote.exact, &exact);
        }
    }
}

#[test]
fn contributor_ids_no_name_suggests_come_back() {
    // `li` for 李明 and `mod` for Ada Moderator: no slug of the name gives
    // them; the project's description does. They came back as `speaker`
    // and `ada-moderator`, losing the turn order and every coder's file.
    let path = root().join("tests/fixtures/unicode.ron");
    let doc = store::load_conversation(&path).expect("the fixture");
    let ids: Vec<&str> = doc.contributors.iter().map(|c| c.id.as_str()).collect();
    assert!(ids.contains(&"li") && ids.contains(&"mod"), "{ids:?}");
    let a = Annotations::from_parts(doc.id.clone(), Vec::new(), Vec::new());
    let bytes = Export::new(&doc, &a, &Filter::default())
        .expect("export")
        .render(Format::Qdpx)
        .expect("qdpx");
    let dir = TempDir::new(&format!("crosstalk-refi-ids-{}", std::process::id()));
    let qdpx = dir.join("unicode.qdpx");
    std::fs::write(&qdpx, bytes).expect("write");
    let outcome = import(&qdpx).expect("imports");
    assert!(outcome.notes.is_empty(), "{:?}", outcome.notes);
    let back = only(outcome);
    assert_eq!(back.doc.to_file(), doc.to_file());
}

#[test]
fn two_people_of_one_name_are_two_sources_of_two_names_and_come_back() {
    // Two contributors called Lee were two `<TextSource name="Lee">`:
    // QualCoder's import refuses a source name twice.
    let lee = |id: &str, role| Contributor {
        id: id.into(),
        name: "Lee".into(),
        role,
        ..Default::default()
    };
    let doc = Conversation::new(ConversationFile {
        id: "twins".into(),
        title: "Twins".into(),
        contributors: vec![lee("lee-1", Role::Moderator), lee("lee-2", Role::Respondent)],
        sections: ["lee-1", "lee-2"]
            .iter()
            .map(|c| SectionFile {
                contributor: (*c).into(),
                paragraphs: vec![format!("{c} speaks.")],
                ..Default::default()
            })
            .collect(),
        ..Default::default()
    })
    .expect("valid");
    let a = Annotations::from_parts(doc.id.clone(), Vec::new(), Vec::new());
    let bytes = Export::new(&doc, &a, &Filter::default())
        .expect("export")
        .render(Format::Qdpx)
        .expect("qdpx");
    let dir = TempDir::new(&format!("crosstalk-refi-twins-{}", std::process::id()));
    let qdpx = dir.join("twins.qdpx");
    std::fs::write(&qdpx, bytes).expect("write");
    let project = load_project(&qdpx, Limits::default()).expect("reads");
    let names: Vec<&str> = project.project.sources.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Lee (lee-1)", "Lee (lee-2)"]);
    let back = only(import(&qdpx).expect("imports"));
    assert_eq!(back.doc.to_file(), doc.to_file());
}
