//! `crosstalk import project.qdpx`: REFI-QDA projects back into
//! conversations and annotation files. A crosstalk export comes back as the
//! same annotation file (generated annotations over hostile Unicode, and
//! the bundled debate through the real binary); a project written as
//! QualCoder writes one lands every coding on the same characters; bad
//! archives and XML give one line naming the part and write nothing.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};

use common::cli::{run, stderr, stdout, temp};
use crosstalk::export::{Export, Filter, Format};
use crosstalk::import::refi::{self, Imported, Outcome};
use crosstalk::model::VoiceText;
use crosstalk::model::annotations::{
    AnnotationFile, Annotations, Highlight, Rgb, Stamp, Tag, Target, text_hash,
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
        turns in prop::collection::vec((0usize..3, prop::collection::vec(paragraph(), 1..3)), 2..6),
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
        for (who, paragraphs) in turns {
            sections.push(SectionFile {
                contributor: contributors[who % voices].id.clone(),
                paragraphs,
                ..Default::default()
            });
        }
        Conversation::new(ConversationFile {
            id: "round-trip".into(),
            title: "Round trip".into(),
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
    Annotations::from_parts(doc.id.clone(), text_hash(doc), tags, highlights)
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
        let dir = std::env::temp_dir().join(format!("crosstalk-refi-prop-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let path = dir.join("round.qdpx");
        std::fs::write(&path, bytes).expect("write");
        let back = only(import(&path).expect("imports"));
        prop_assert_eq!(&back.doc.id, &doc.id);
        prop_assert_eq!(file_of(&back.annotations, &back.doc), file_of(&a, &doc));
        // Names, affiliations and roles come back from the descriptions.
        prop_assert_eq!(&back.doc.contributors, &doc.contributors);
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
        stdout(&o).contains("A crosstalk project: one conversation, 5 voice(s)"),
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
    assert_eq!(got.text_hash, want.text_hash);
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
// 3. A project as QualCoder writes one.

fn qualcoder() -> PathBuf {
    root().join("tests/fixtures/refi/qualcoder")
}

/// The fixture folder zipped as QualCoder's export zips it.
fn qualcoder_qdpx(dir: &Path) -> PathBuf {
    let path = dir.join("interview_study.qdpx");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).expect("create"));
    let options = zip::write::SimpleFileOptions::default();
    let mut add = |name: &str, from: &Path| {
        zip.start_file(name, options).expect("entry");
        zip.write_all(&std::fs::read(from).expect("read")).expect("write");
    };
    add("project.qde", &qualcoder().join("project.qde"));
    for entry in std::fs::read_dir(qualcoder().join("sources")).expect("sources") {
        let entry = entry.expect("entry");
        add(&format!("sources/{}", entry.file_name().to_string_lossy()), &entry.path());
    }
    zip.finish().expect("zip");
    path
}

/// `text` with every run of whitespace one space.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_qualcoder_project_lands_every_coding_on_its_characters() {
    let dir = temp("refi", "qualcoder");
    let source: String = std::fs::read_to_string(
        qualcoder().join("sources/00000000-0000-4000-8000-000000000011.txt"),
    )
    .expect("source");
    let source = source.strip_prefix('\u{feff}').expect("QualCoder writes a BOM").to_owned();
    let chars: Vec<char> = source.chars().collect();
    let slice = |s: usize, e: usize| chars[s..e].iter().collect::<String>();
    for path in [qualcoder().join("project.qde"), qualcoder_qdpx(&dir)] {
        let c = only(import(&path).expect("imports"));
        let names: Vec<&str> = c.doc.contributors.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["Interviewer", "Maria López"]);
        let tags: Vec<(&str, String, &str)> = c
            .annotations
            .tags()
            .iter()
            .map(|t| (t.name.as_str(), t.color.to_string(), t.description.as_str()))
            .collect();
        assert_eq!(
            tags,
            [
                ("trust", "#F5A9A9".into(), ""),
                ("Experiences/work", "#81BEF7".into(), "Talk about work & jobs"),
                ("Experiences/work/remote work", "#58ACFA".into(), ""),
            ],
            "the category is no tag of its own, it names its codes"
        );
        let loaded = load_project(&path, Limits::default()).expect("loads");
        let selections = &loaded.project.sources[0].selections;
        let by_id = |id: &str| {
            c.annotations.highlight(id).unwrap_or_else(|| panic!("highlight {id}")).clone()
        };
        for s in selections {
            let want = slice(s.start as usize, s.end as usize);
            if s.guid.ends_with("33") {
                // Crosses from Maria's turn into the interviewer's: one
                // highlight in each, the label between left out.
                let first = by_id(&s.guid);
                assert_eq!(first.quote.exact, "Most days I meet patients and volunteers.");
                let second = c
                    .annotations
                    .highlights()
                    .iter()
                    .find(|h| h.quote.exact == "How has remote work changed things?")
                    .expect("the second part");
                assert_eq!(second.tags, first.tags);
                assert_eq!(c.doc.contributors[second.voice].name, "Interviewer");
                assert_eq!(
                    squeeze(&want),
                    format!("{} Interviewer: {}", first.quote.exact, second.quote.exact)
                );
                continue;
            }
            let h = by_id(&s.guid);
            assert_eq!(h.quote.exact, want, "{}", s.guid);
        }
        let work = by_id("00000000-0000-4000-8000-000000000030");
        assert_eq!(work.quote.exact, "Could you tell me about your work?");
        assert_eq!(work.tags, ["Experiences/work"]);
        assert_eq!((work.coder.as_str(), work.note.as_str()), ("colin", "Opening question"));
        assert_eq!(work.created.to_string(), "2024-05-02T10:00:00Z");
        let cjk = by_id("00000000-0000-4000-8000-000000000034");
        assert_eq!(cjk.quote.exact, "信頼には時間がかかる。 👩\u{200d}⚕\u{fe0f}");
        assert_eq!((cjk.coder.as_str(), cjk.tags.as_slice()), ("maria", &["trust".to_owned()][..]));
        let remote = by_id("00000000-0000-4000-8000-000000000032");
        assert_eq!(remote.note, "Paperwork & \"forms\" <online>");
        // QualCoder's annotation: a note on a passage, no code.
        let note = by_id("00000000-0000-4000-8000-000000000051");
        assert_eq!(
            (note.quote.exact.as_str(), note.note.as_str()),
            ("Some prefer it now.", "Follow up on this.")
        );
        assert!(note.tags.is_empty());
        assert_eq!(c.annotations.highlights().len(), selections.len() + 2);
    }
}

#[test]
fn the_qualcoder_fixture_is_a_valid_refi_qda_project_or_say_skipped() {
    let standards = std::env::var_os("CROSSTALK_SHARED")
        .map_or_else(|| root().join("../shared"), PathBuf::from)
        .join("standards");
    let skip = |why: &str| {
        assert!(std::env::var_os("CI").is_none(), "schema validation cannot run under CI: {why}");
        let _ = writeln!(
            std::io::stderr().lock(),
            "SKIPPED: tests/refi_import.rs: the QualCoder fixture was not validated: {why}"
        );
    };
    if !standards.join("refi-qda").is_dir() {
        return skip(&format!("{} not found", standards.display()));
    }
    let out = std::process::Command::new("python3")
        .arg(root().join("scripts/validate_standards.py"))
        .arg(&standards)
        .arg("--qde")
        .arg(qualcoder().join("project.qde"))
        .output();
    let out = match out {
        Ok(out) => out,
        Err(e) => return skip(&format!("python3 could not be run: {e}")),
    };
    let report =
        format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    match out.status.code() {
        Some(0) => assert!(report.contains("valid"), "{report}"),
        Some(3) => skip(report.trim()),
        _ => panic!("the fixture does not validate:\n{report}"),
    }
}

// ---------------------------------------------------------------------
// 4. Bad input: one line naming the part, nothing written.

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

#[test]
fn a_broken_project_gets_one_line_naming_the_part_and_nothing_is_written() {
    let dir = temp("refi", "broken");
    // Sanity: the tiny project imports (two sources: a folder of two).
    let good = dir.join("good.qdpx");
    tiny(&good);
    let c = import(&good).expect("imports");
    assert_eq!(c.conversations.len(), 2);
    let h = &c.conversations[0].annotations.highlights()[0];
    assert_eq!((h.quote.exact.as_str(), h.coder.as_str()), ("Hello ", "Ann"));
    std::fs::remove_file(&good).expect("rm");

    let no_qde = dir.join("no-qde.qdpx");
    zip_of(&no_qde, &[("sources/one.txt", ONE.as_bytes())]);
    refused(&dir, &no_qde, &["no project.qde"]);

    let missing = dir.join("missing.qdpx");
    let q = qde("3", "9");
    zip_of(&missing, &[("project.qde", q.as_bytes()), ("sources/one.txt", ONE.as_bytes())]);
    refused(&dir, &missing, &["sources/two.txt", "\"two.txt\"", "no such file"]);

    let past = dir.join("past.qdpx");
    let q = qde("3", "999");
    zip_of(
        &past,
        &[
            ("project.qde", q.as_bytes()),
            ("sources/one.txt", ONE.as_bytes()),
            ("sources/two.txt", TWO.as_bytes()),
        ],
    );
    refused(&dir, &past, &["project.qde:7:1", "p1", "endPosition 999", "23 characters"]);

    let backwards = dir.join("backwards.qdpx");
    let q = qde("9", "3");
    zip_of(
        &backwards,
        &[
            ("project.qde", q.as_bytes()),
            ("sources/one.txt", ONE.as_bytes()),
            ("sources/two.txt", TWO.as_bytes()),
        ],
    );
    refused(&dir, &backwards, &["project.qde:7:1", "startPosition 9 is after endPosition 3"]);

    let not_a_number = dir.join("nan.qdpx");
    let q = qde("x", "3");
    zip_of(
        &not_a_number,
        &[
            ("project.qde", q.as_bytes()),
            ("sources/one.txt", ONE.as_bytes()),
            ("sources/two.txt", TWO.as_bytes()),
        ],
    );
    refused(&dir, &not_a_number, &["project.qde:7:1", "startPosition \"x\" is not a number"]);

    let malformed = dir.join("malformed.qdpx");
    let q = qde("3", "9").replace("</TextSource>\n<TextSource", "</TextSourc>\n<TextSource");
    zip_of(
        &malformed,
        &[
            ("project.qde", q.as_bytes()),
            ("sources/one.txt", ONE.as_bytes()),
            ("sources/two.txt", TWO.as_bytes()),
        ],
    );
    refused(&dir, &malformed, &["project.qde:8:", "not valid XML"]);

    // The same in a bare .qde names the file itself with line:column.
    let bare = dir.join("bare.qde");
    std::fs::write(&bare, q).expect("write");
    refused(&dir, &bare, &["bare.qde:8:", "not valid XML"]);
    std::fs::remove_file(&bare).expect("rm");

    let escaping = dir.join("escaping.qdpx");
    let q = qde("3", "9");
    zip_of(
        &escaping,
        &[
            ("project.qde", q.as_bytes()),
            ("sources/one.txt", ONE.as_bytes()),
            ("sources/two.txt", TWO.as_bytes()),
            ("../evil.txt", b"x"),
        ],
    );
    refused(&dir, &escaping, &["\"../evil.txt\"", "outside"]);
    let absolute = dir.join("absolute.qdpx");
    zip_of(&absolute, &[("project.qde", q.as_bytes()), ("/etc/evil.txt", b"x")]);
    refused(&dir, &absolute, &["\"/etc/evil.txt\"", "outside"]);

    // A source path that leaves the project is not followed.
    let outside = dir.join("outside.qdpx");
    let q = qde("3", "9").replace("internal://two.txt", "internal://../../etc/passwd");
    zip_of(&outside, &[("project.qde", q.as_bytes()), ("sources/one.txt", ONE.as_bytes())]);
    refused(&dir, &outside, &["\"internal://../../etc/passwd\"", "not a file inside the project"]);
    let absolute_path = dir.join("absolute-path.qdpx");
    let q = qde("3", "9").replace("internal://two.txt", "absolute:///etc/passwd");
    zip_of(&absolute_path, &[("project.qde", q.as_bytes()), ("sources/one.txt", ONE.as_bytes())]);
    refused(&dir, &absolute_path, &["not a file inside the project"]);

    // A zip bomb: 40 MB of zeros packs into a few kB.
    let bomb = dir.join("bomb.qdpx");
    let zeros = vec![b'0'; 40 << 20];
    let q = qde("3", "9");
    zip_of(
        &bomb,
        &[
            ("project.qde", q.as_bytes()),
            ("sources/one.txt", ONE.as_bytes()),
            ("sources/two.txt", &zeros),
        ],
    );
    refused(&dir, &bomb, &["sources/two.txt", "zip bomb"]);
    // And the total is capped whatever the entries declare.
    let e = import_with(&bomb, Limits { total: 1000, ratio: u64::MAX }).err().expect("refused");
    assert!(e.contains("sources/two.txt") && e.contains("1000 bytes"), "{e}");
}

// ---------------------------------------------------------------------
// 5. The command: listing, choosing sources, where files go, --force.

#[test]
fn the_command_lists_picks_sources_and_never_overwrites_unasked() {
    let dir = temp("refi", "command");
    let project = dir.join("tiny.qdpx");
    tiny(&project);
    let p = project.display().to_string();

    // --list lists and writes nothing.
    let before = listing(&dir);
    let o = run(&["import", &p, "--list"], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    for s in [
        "\"Tiny\"",
        "from Other 1.0",
        "2 text source(s)",
        "one.txt",
        "two.txt",
        "One conversation per source: 2",
    ] {
        assert!(out.contains(s), "{s:?} in {out}");
    }
    let one = out.lines().find(|l| l.ends_with("one.txt")).expect("one.txt listed");
    assert_eq!(one.split_whitespace().take(2).collect::<Vec<_>>(), ["23", "1"], "{one}");
    assert_eq!(listing(&dir), before);

    // --source picks one: a file of its own.
    let single = dir.join("single.ron");
    let o = run(&["import", &p, "--source", "two.txt", "-o", &single.display().to_string()], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    let doc = store::load_conversation(&single).expect("conversation");
    assert_eq!(doc.contributors.len(), 1, "no speakers: one voice");
    assert!(dir.join("single.annotations.ron").exists());
    // By GUID too; an unknown name is refused, listing the sources.
    let o = run(&["import", &p, "--source", "S1", "--list"], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("two.txt  (not imported)"), "{}", stdout(&o));
    let o = run(&["import", &p, "--source", "three.txt"], &dir);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("\"one.txt\", \"two.txt\""), "{}", stderr(&o));

    // Without -o: a folder named after the project, one file per source.
    let o = run(&["import", &p], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    let folder = dir.join("tiny");
    assert_eq!(
        listing(&folder),
        ["one.annotations.ron", "one.ron", "two.annotations.ron", "two.ron"]
    );
    let one = store::load_conversation(&folder.join("one.ron")).expect("one");
    let names: Vec<&str> = one.contributors.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["A", "B"]);
    let (a, _) = store::load_annotations(&folder.join("one.annotations.ron"), &one)
        .expect("ok")
        .expect("some");
    assert_eq!(a.highlights()[0].quote.exact, "Hello ");

    // Again: refused, naming the file, and nothing changes; --force writes.
    let written = std::fs::read(folder.join("one.ron")).expect("read");
    std::fs::write(folder.join("two.ron"), "changed").expect("write");
    let o = run(&["import", &p], &dir);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("one.ron: the file exists; use --force"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(folder.join("two.ron")).expect("read"), "changed");
    let o = run(&["import", &p, "--force"], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read(folder.join("one.ron")).expect("read"), written);
    assert_ne!(std::fs::read_to_string(folder.join("two.ron")).expect("read"), "changed");
    // The annotation file written over keeps a backup.
    assert!(folder.join("one.annotations.ron.bak").exists());

    // Several conversations cannot go into one file.
    std::fs::write(dir.join("taken.ron"), "x").expect("write");
    let o = run(&["import", &p, "-o", &dir.join("taken.ron").display().to_string()], &dir);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("-o names a folder"), "{}", stderr(&o));

    // --list and --source are for projects.
    let txt = dir.join("talk.txt");
    std::fs::write(&txt, "A: hi\n").expect("write");
    let o = run(&["import", &txt.display().to_string(), "--list"], &dir);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("--list and --source go with a REFI-QDA project"),
        "{}",
        stderr(&o)
    );
}

// ---------------------------------------------------------------------
// Times, notes and text in the XML.

#[test]
fn paragraph_times_come_back_and_leave_the_notes_as_they_were() {
    let dir = temp("refi", "times");
    let text =
        std::fs::read_to_string(root().join("tests/fixtures/transcripts/congress-hearing.txt"))
            .expect("read");
    let file = crosstalk::import::import(&text, crosstalk::import::Kind::Transcript, "hearing")
        .expect("imports");
    let doc = Conversation::new(file).expect("valid");
    // A highlight on the first paragraph with a time, in each voice that has one.
    let mut highlights = Vec::new();
    for (voice, v) in doc.voices().iter().enumerate() {
        let Some(para) = v.paragraphs.iter().position(|&r| !doc.paragraph(r).time().is_empty())
        else {
            continue;
        };
        let len = doc.paragraph(v.paragraphs[para]).text().len();
        let target = Target {
            voice,
            start: crosstalk::model::Pos::new(para, 0),
            end: crosstalk::model::Pos::new(para, len),
        };
        let stamp = Stamp {
            id: uuid::Uuid::from_u128(voice as u128 + 1).to_string(),
            coder: "ada".into(),
            now: jiff::Timestamp::UNIX_EPOCH,
        };
        highlights.push(Annotations::new_highlight(
            &doc,
            &target,
            vec![],
            format!("Note {voice}.\n\nSecond paragraph."),
            &stamp,
        ));
    }
    assert!(highlights.len() >= 2, "the fixture has times");
    let a = Annotations::from_parts(doc.id.clone(), text_hash(&doc), vec![], highlights);
    let bytes = Export::new(&doc, &a, &Filter::default())
        .expect("export")
        .render(Format::Qdpx)
        .expect("qdpx");
    let path = dir.join(format!("{}.qdpx", doc.id));
    std::fs::write(&path, bytes).expect("write");
    let back = only(import(&path).expect("imports"));
    assert_eq!(file_of(&back.annotations, &back.doc), file_of(&a, &doc));
    for h in back.annotations.highlights() {
        let time = |d: &Conversation| {
            d.paragraph(d.voices()[h.voice].paragraphs[h.start.para as usize]).time().to_owned()
        };
        assert!(!time(&back.doc).is_empty());
        assert_eq!(time(&back.doc), time(&doc));
    }
}

#[test]
fn inline_text_note_refs_and_a_matching_time_line() {
    let dir = temp("refi", "inline");
    let qde = r#"<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Inline" origin="MAXQDA 2024" creatingUserGUID="u2" creationDateTime="2023-01-02T03:04:05">
<Users><User guid="u2" name="Bo"/></Users>
<CodeBook><Codes>
<Code guid="cat" name="Themes" isCodable="false"><Code guid="c1" name="cost" isCodable="true"/></Code>
<Code guid="unused" name="Unused" isCodable="false"/>
</Codes></CodeBook>
<Sources>
<TextSource guid="s1" name="Panel">
<PlainTextContent>[00:01:02] ANA: It costs too much.&#10;[00:02:00] BEN: Does it?&#10;</PlainTextContent>
<PlainTextSelection guid="p1" startPosition="16" endPosition="34">
<Description>Memo.

Spoken at 00:01:02.</Description>
<Coding guid="k1"><CodeRef targetGUID="c1"/></Coding>
<Coding guid="k2"><CodeRef targetGUID="cat"/></Coding>
<NoteRef targetGUID="n1"/>
</PlainTextSelection>
<PlainTextSelection guid="p2" startPosition="51" endPosition="59">
<Description>Spoken at 09:09:09.</Description>
</PlainTextSelection>
</TextSource>
</Sources>
<Notes><Note guid="n1" name="n"><PlainTextContent>From the note.</PlainTextContent></Note></Notes>
</Project>
"#;
    let path = dir.join("inline.qde");
    std::fs::write(&path, qde).expect("write");
    let c = only(import(&path).expect("imports"));
    let names: Vec<&str> = c.annotations.tags().iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        ["Themes", "Themes/cost"],
        "a category used by a coding is a tag; unused, it is not"
    );
    let p1 = c.annotations.highlight("p1").expect("p1");
    assert_eq!(p1.quote.exact, "It costs too much.");
    assert_eq!(p1.tags, ["Themes/cost", "Themes"]);
    assert_eq!(
        p1.note, "Memo.\n\nFrom the note.",
        "crosstalk's time line matches the paragraph's: taken off"
    );
    assert_eq!(
        (p1.coder.as_str(), p1.created.to_string().as_str()),
        ("Bo", "2023-01-02T03:04:05Z")
    );
    let p2 = c.annotations.highlight("p2").expect("p2");
    assert_eq!(p2.quote.exact, "Does it?");
    assert_eq!(p2.note, "Spoken at 09:09:09.", "another time is the coder's text: kept");
}

// ---------------------------------------------------------------------
// Another tool's transcript: any passage inside a line comes back exactly.

const SPEAKERS: [&str; 3] = ["ANA", "BEN", "Dr. Cho"];

prop_compose! {
    /// A transcript (turns of one to three lines) and the code-point
    /// ranges of each line's text (what follows the label).
    fn transcript()(
        turns in prop::collection::vec((0usize..3, prop::collection::vec(paragraph(), 1..4)), 1..6),
    ) -> (String, Vec<(usize, usize)>) {
        let mut text = String::new();
        let mut lines = Vec::new();
        for (who, body) in turns {
            for (i, line) in body.iter().enumerate() {
                if i == 0 {
                    text.push_str(SPEAKERS[who]);
                    text.push_str(": ");
                } else if i == 2 {
                    text.push('\n'); // a blank line: a new paragraph of the turn
                }
                let start = text.chars().count();
                text.push_str(line);
                lines.push((start, text.chars().count()));
                text.push('\n');
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
        let dir = std::env::temp_dir().join(format!("crosstalk-refi-lines-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let path = dir.join("t.qdpx");
        zip_of(&path, &[("project.qde", qde.as_bytes()), ("sources/t.txt", text.as_bytes())]);
        let c = only(import(&path).expect("imports"));
        // Read as a transcript: the labels made the voices.
        prop_assert!(c.doc.contributors.iter().all(|p| SPEAKERS.contains(&p.name.as_str())));
        for (id, exact) in want {
            let h = c.annotations.highlight(&id).expect("a highlight");
            prop_assert_eq!(&h.quote.exact, &exact);
        }
    }
}
