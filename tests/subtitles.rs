//! Subtitles and UTF-16 as people have them (issue "Real-world import"):
//! Zoom and Teams WebVTT, SRT with and without speakers, UTF-16 with a byte
//! order mark; errors naming the line — and nothing dropped. Naming
//! speakers is in tests/speaker_names.rs.

mod common;

use common::cli::{run, stderr, temp};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crosstalk::import::{Kind, import};
use crosstalk::model::ConversationFile;
use crosstalk::store;

fn path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/transcripts").join(name)
}

/// The fixture's text, UTF-16 decoded as crosstalk does.
fn text(name: &str) -> String {
    crosstalk::import::decode(&std::fs::read(path(name)).expect("fixture")).expect("text")
}

/// The fixture as the reader opens it, checked as a conversation, and the
/// same from `crosstalk import`.
fn opened(name: &str) -> ConversationFile {
    let doc = store::load_document(&path(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    let f = doc.to_file();
    assert_eq!(store::import_file(&path(name), None).expect("imports"), f);
    f
}

/// The speakers' names in contributor order.
fn speakers(f: &ConversationFile) -> Vec<&str> {
    f.contributors.iter().map(|c| c.name.as_str()).collect()
}

/// Who speaks each turn, in order.
fn turns(f: &ConversationFile) -> Vec<&str> {
    let name: HashMap<&str, &str> =
        f.contributors.iter().map(|c| (c.id.as_str(), c.name.as_str())).collect();
    f.sections.iter().map(|s| name[s.contributor.as_str()]).collect()
}

fn paragraphs(f: &ConversationFile) -> usize {
    f.sections.iter().map(|s| s.paragraphs.len()).sum()
}

/// Each paragraph's time, in turn order.
fn times(f: &ConversationFile) -> Vec<&str> {
    f.sections
        .iter()
        .flat_map(|s| (0..s.paragraphs.len()).map(|i| s.times.get(i).map_or("", String::as_str)))
        .collect()
}

/// Every non-whitespace character of `input`, less its syntax (timing
/// lines, cue ids, the header, tags, entities) and the `labels`, is in `f`.
fn nothing_dropped(input: &str, f: &ConversationFile, labels: &[&str]) {
    let tags = regex::Regex::new(r"</?(v|c|i|b|u)([ .][^>]*)?>").expect("regex");
    let mut rest: String = input
        .lines()
        .filter(|l| !l.contains("-->") && !l.starts_with("8f1f"))
        .filter(|l| !l.trim().bytes().all(|b| b.is_ascii_digit()))
        .collect::<Vec<_>>()
        .join("\n");
    rest = tags.replace_all(&rest, "").into_owned();
    for (entity, c) in [("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&apos;", "'")] {
        rest = rest.replace(entity, c);
    }
    for l in labels.iter().chain(&["WEBVTT", ">>"]) {
        rest = rest.replace(l, "");
    }
    let out = [&f.title, &f.subtitle, &f.date, &f.source]
        .into_iter()
        .cloned()
        .chain(f.metadata.iter().flat_map(|(k, v)| [k.clone(), v.clone()]))
        .chain(f.sections.iter().flat_map(|s| s.times.clone()))
        .chain(f.contributors.iter().map(|c| c.name.clone()))
        .chain(f.sections.iter().flat_map(|s| s.paragraphs.clone()))
        .collect::<Vec<String>>()
        .concat();
    let mut have: HashMap<char, i64> = HashMap::new();
    for c in out.chars() {
        *have.entry(c).or_default() += 1;
    }
    for c in rest.chars().filter(|c| !c.is_whitespace() && *c != ':') {
        let n = have.entry(c).or_default();
        *n -= 1;
        assert!(*n >= 0, "{c:?} of the input is not in the conversation");
    }
}

#[test]
fn zoom_vtt_names_speakers_in_the_cue_text() {
    let f = opened("zoom.vtt");
    assert_eq!(f.title, "zoom");
    assert_eq!(speakers(&f), ["Priya Raman", "Tom Becker", "Aisha Mohammed"]);
    let (p, t, a) = ("Priya Raman", "Tom Becker", "Aisha Mohammed");
    assert_eq!(turns(&f), [p, t, p, a, p, t, a, p]);
    // Cues 3 and 4 join (0.45 s apart); cue 5 follows a 2.7 s pause.
    assert_eq!(paragraphs(&f), 9);
    assert_eq!(
        f.sections[2].paragraphs[0],
        "Great. So the first slide is the timeline for the grant report. We have three weeks, which is less than it sounds."
    );
    assert_eq!(
        times(&f),
        [
            "00:00:01", "00:00:05", "00:00:07", "00:00:19", "00:00:23", "00:00:30", "00:00:33",
            "00:00:36", "00:01:02"
        ]
    );
    nothing_dropped(&text("zoom.vtt"), &f, &[p, t, a]);
}

#[test]
fn teams_vtt_names_speakers_with_voice_tags_over_several_lines() {
    let f = opened("teams.vtt");
    let (j, d, w) = ("Jane Smith", "Daniel O'Brien", "Wei Zhang");
    assert_eq!(speakers(&f), [j, d, w]);
    assert_eq!(turns(&f), [j, d, w, j, w, j]);
    assert_eq!(paragraphs(&f), 7);
    assert_eq!(
        f.sections[1].paragraphs,
        [
            "Sure. Yesterday I finished the export & import screens; today I'm on the <Settings> page. No blockers."
        ]
    );
    // `<v.loud Wei Zhang>` is Wei Zhang; `<i>` is markup.
    assert_eq!(f.sections[4].paragraphs[0], "Only on Tuesdays. I know.");
    assert_eq!(
        times(&f),
        ["00:00:00", "00:00:06", "00:00:15", "00:00:22", "00:00:23", "00:00:30", "00:00:34"]
    );
    nothing_dropped(&text("teams.vtt"), &f, &[j, d, w]);
}

#[test]
fn srt_with_speakers_and_broadcast_chevrons() {
    let f = opened("news.srt");
    let (a, r, s) = ("ANCHOR", "REPORTER", "RESIDENT");
    assert_eq!(speakers(&f), [a, r, s]);
    assert_eq!(turns(&f), [a, r, s, r, a]);
    // A cue with no speaker continues the one before; a 4 s pause starts a paragraph.
    assert_eq!(paragraphs(&f), 6);
    assert_eq!(
        f.sections[0].paragraphs,
        [
            "Good evening. Our top story tonight: the city council voted to close the Fifth Street bridge."
        ]
    );
    assert_eq!(times(&f), ["00:00:01", "00:00:06", "00:00:12", "00:00:18", "00:00:26", "00:00:29"]);
    nothing_dropped(&text("news.srt"), &f, &[a, r, s]);
}

#[test]
fn srt_without_speakers_is_one_voice_in_paragraphs() {
    let f = opened("lecture.srt");
    assert_eq!(speakers(&f), ["Speaker"]);
    assert_eq!(turns(&f), ["Speaker"]);
    // A sentence end after 30 s of speech, and a 4 s pause, start paragraphs.
    assert_eq!(paragraphs(&f), 3);
    assert_eq!(times(&f), ["00:00:00", "00:00:31", "00:00:40"]);
    assert!(f.sections[0].paragraphs[0].starts_with("Today we're going to talk about how rivers"));
    nothing_dropped(&text("lecture.srt"), &f, &[]);
}

/// (speaker, paragraphs) per section of subtitles `text` of `kind`.
fn voices(text: &str, kind: Kind) -> Vec<(String, Vec<String>)> {
    let f = import(text, kind, "t").expect("imports");
    crosstalk::model::Conversation::new(f.clone()).expect("valid");
    let names: Vec<String> = turns(&f).into_iter().map(str::to_owned).collect();
    names.into_iter().zip(f.sections.iter().map(|s| s.paragraphs.clone())).collect()
}

fn voice(name: &str, paragraphs: &[&str]) -> (String, Vec<String>) {
    (name.to_owned(), paragraphs.iter().map(|p| (*p).to_owned()).collect())
}

#[test]
fn a_label_with_a_parenthesis_is_a_speaker_only_where_there_are_speakers() {
    // No speakers: `Step 1 (optional):` is what the cue says.
    let srt = "1\n00:00:01,000 --> 00:00:03,000\nFirst, save your work.\n\n2\n00:00:03,500 --> 00:00:06,000\nStep 1 (optional): open the file\n\n3\n00:00:06,500 --> 00:00:08,000\n- Step 2 (recommended): back it up.\n";
    let want = "First, save your work. Step 1 (optional): open the file - Step 2 (recommended): back it up.";
    assert_eq!(voices(srt, Kind::Srt), [voice("Speaker", &[want])]);
    let vtt = "WEBVTT\n\n00:01.000 --> 00:03.000\nStep 1 (optional): open the file\n";
    assert_eq!(
        voices(vtt, Kind::WebVtt),
        [voice("Speaker", &["Step 1 (optional): open the file"])]
    );
    // Said in two cues, it is a speaker, even in a file with no other.
    let srt = "1\n00:00:01,000 --> 00:00:03,000\nMARIA (translator): He says welcome.\n\n2\n00:00:03,500 --> 00:00:06,000\nHe is glad you came.\n\n3\n00:00:09,000 --> 00:00:10,000\nMARIA (translator): And thanks you.\n";
    assert_eq!(
        voices(srt, Kind::Srt),
        [voice(
            "MARIA (translator)",
            &["He says welcome. He is glad you came.", "And thanks you."]
        )]
    );
    // Once, in a file with speakers, it is a speaker; so on a `- ` line.
    let vtt = "WEBVTT\n\n00:01.000 --> 00:02.000\nAnn Lee: Any last words?\n\n00:02.500 --> 00:03.000\nGuest (he/him): Thanks, all.\n\n00:03.500 --> 00:05.000\nAnn Lee: Bye.\n- Sam Ortiz (host): Bye!\n";
    assert_eq!(
        voices(vtt, Kind::WebVtt),
        [
            voice("Ann Lee", &["Any last words?"]),
            voice("Guest (he/him)", &["Thanks, all."]),
            voice("Ann Lee", &["Bye."]),
            voice("Sam Ortiz (host)", &["Bye!"])
        ]
    );
}

#[test]
fn utf16_le_transcript_and_be_subtitles_with_a_byte_order_mark() {
    let bytes = std::fs::read(path("utf16le.txt")).expect("fixture");
    assert_eq!(&bytes[..2], b"\xFF\xFE");
    let f = opened("utf16le.txt");
    assert_eq!(f.title, "Entrevista: la cooperativa de café");
    assert_eq!(f.date, "2019-05-04");
    let (e, d) = ("Entrevistadora", "Don Aurelio");
    assert_eq!(speakers(&f), [e, d]);
    assert_eq!(turns(&f), [e, d, e, d, e]);
    assert_eq!(paragraphs(&f), 5);
    assert_eq!(times(&f), ["00:00:05", "00:00:09", "00:00:21", "00:00:26", "00:01:02"]);
    assert!(f.sections[3].paragraphs[0].ends_with("京都の喫茶店 — nos paga por adelantado. ☕🙂"));
    let input = text("utf16le.txt");
    nothing_dropped(&input, &f, &[e, d, "#", "Date", "Location", "[", "]"]);
    // Read as a transcript, the text is the same as the UTF-8 one.
    assert_eq!(import(&input, Kind::Transcript, "utf16le").expect("imports"), f);

    let bytes = std::fs::read(path("utf16be.vtt")).expect("fixture");
    assert_eq!(&bytes[..2], b"\xFE\xFF");
    let f = opened("utf16be.vtt");
    let (j, z) = ("Jörg Müller", "Zoë Fischer");
    assert_eq!(speakers(&f), [j, z]);
    assert_eq!(turns(&f), [j, z, j]);
    assert_eq!(paragraphs(&f), 3);
    assert_eq!(times(&f), ["00:00:01", "00:00:08", "00:00:14"]);
    assert_eq!(f.sections[1].paragraphs, ["Und nachts? Das ist die Frage — 🚋 um 2 Uhr?"]);
    let input = text("utf16be.vtt");
    let header =
        ["Kind", "captions", "Language", "de", "NOTE Exported by a caption editor on Windows."];
    nothing_dropped(&input, &f, &[&[j, z][..], &header[..]].concat());
}

#[test]
fn utf16_ron_and_markdown_read_and_a_bad_surrogate_names_its_offset() {
    let dir = temp("subtitles", "utf16");
    let utf16 = |text: &str, big: bool| -> Vec<u8> {
        let bom: &[u8] = if big { b"\xFE\xFF" } else { b"\xFF\xFE" };
        let units =
            text.encode_utf16().flat_map(|u| if big { u.to_be_bytes() } else { u.to_le_bytes() });
        bom.iter().copied().chain(units).collect()
    };
    let ron = dir.join("talk.ron");
    std::fs::write(&ron, utf16(store::bundled_source(), false)).expect("write");
    assert_eq!(store::load_document(&ron).expect("ron").id, store::BUNDLED_ID);
    assert_eq!(store::load_conversation(&ron).expect("ron").id, store::BUNDLED_ID);
    let md = dir.join("panel.md");
    std::fs::write(&md, utf16("# Panel\n\n## Ada\n\nHello — 你好.\n", true)).expect("write");
    let doc = store::load_document(&md).expect("markdown");
    assert_eq!(doc.sections[0].paragraphs[0].text(), "Hello — 你好.");
    // An unpaired surrogate: bytes 2..6 are `A:`, the surrogate is at 6.
    let mut bad = utf16("A:", false);
    bad.extend([0x00, 0xD8, b' ', 0, b'x', 0]);
    let txt = dir.join("bad.txt");
    std::fs::write(&txt, &bad).expect("write");
    let e = store::load_document(&txt).expect_err("bad").to_string();
    assert!(e.contains("bad.txt") && e.contains("UTF-16") && e.contains("offset 6"), "{e}");
    let o = run(&["import", &txt.display().to_string()], &dir);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("offset 6"), "{}", stderr(&o));
}

#[test]
fn subtitles_import_through_the_binary_and_open_in_the_reader_by_content() {
    let dir = temp("subtitles", "binary");
    for (name, kind, format) in [("zoom.vtt", Kind::WebVtt, "vtt"), ("news.srt", Kind::Srt, "srt")]
    {
        let out = dir.join(format!("{name}.ron"));
        let input = path(name).display().to_string();
        let o = run(&["import", &input, "-o", &out.display().to_string()], &dir);
        assert!(o.status.success(), "{}", stderr(&o));
        let doc = store::load_conversation(&out).expect("a conversation file").to_file();
        assert_eq!(doc, opened(name));
        // --format says what it is, whatever the name.
        let renamed = dir.join(format!("{format}.dat"));
        std::fs::copy(path(name), &renamed).expect("copy");
        let out = dir.join(format!("{format}.ron"));
        let f = renamed.display().to_string();
        let o = run(&["import", &f, "--format", format, "-o", &out.display().to_string()], &dir);
        assert!(o.status.success(), "{}", stderr(&o));
        // And without it, by content; a .txt holding subtitles too.
        assert_eq!(
            store::load_document(&renamed).expect("sniffed").to_file().sections,
            doc.sections
        );
        let txt = dir.join(format!("{format}.txt"));
        std::fs::copy(path(name), &txt).expect("copy");
        assert_eq!(store::load_document(&txt).expect("sniffed").to_file().sections, doc.sections);
        assert_eq!(import(&text(name), kind, "x").expect("imports").sections, doc.sections);
    }
}

#[test]
fn a_broken_timing_line_is_an_error_naming_the_line_with_a_hint() {
    let dir = temp("subtitles", "errors");
    let vtt = dir.join("talk.vtt");
    std::fs::write(&vtt, "WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000\nA: hi\n\n2\n00:00:05.000 -> 00:00:06\u{1b}[2J\nB: ho\n").expect("write");
    let e = store::load_document(&vtt).expect_err("bad").to_string();
    assert!(e.starts_with(&format!("{}:8: ", vtt.display())), "{e}");
    assert!(e.contains("\"00:00:05.000 -> 00:00:06␛[2J\""), "quoted, sanitised: {e}");
    assert!(e.contains("00:00:01.000 --> 00:00:04.000"), "a hint: {e}");
    let srt = dir.join("talk.srt");
    std::fs::write(
        &srt,
        "1\n00:00:01,000 --> 00:00:04,000\nA: hi\n\n2\n00:00:05,000 --> 00:61:06,000\nB: ho\n",
    )
    .expect("write");
    let o = run(&["import", &srt.display().to_string()], &dir);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("talk.srt:6: expected a timing line"), "{err}");
    let e = import("WEBVTT\n\njust text\nmore\n", Kind::WebVtt, "t").expect_err("no timing");
    assert_eq!(e.line, 4);
    let e = import("Hello there\n", Kind::WebVtt, "t").expect_err("no header");
    assert!(e.message.contains("WEBVTT"), "{}", e.message);
}

#[test]
fn many_cues_and_many_speakers_import_quickly() {
    // Distinct one-word speakers each sharing nobody's surname: the check for
    // ambiguous surnames must not compare every speaker with every other.
    let mut vtt = String::from("WEBVTT\n\n");
    let mut srt = String::new();
    for i in 0..20_000u64 {
        let (s, e) = (i * 1000, i * 1000 + 900);
        let t = |ms: u64| {
            format!(
                "{:02}:{:02}:{:02}.{:03}",
                ms / 3_600_000,
                ms / 60_000 % 60,
                ms / 1000 % 60,
                ms % 1000
            )
        };
        vtt.push_str(&format!("{} --> {}\n<v P{i}>Hello from {i}.</v>\n\n", t(s), t(e)));
        srt.push_str(&format!(
            "{}\n{} --> {}\nSpeaker{}: Hello.\n\n",
            i + 1,
            t(s).replace('.', ","),
            t(e).replace('.', ","),
            i % 7
        ));
    }
    let started = std::time::Instant::now();
    let f = import(&vtt, Kind::WebVtt, "crowd").expect("imports");
    assert_eq!(f.contributors.len(), 20_000);
    let f = import(&srt, Kind::Srt, "crowd").expect("imports");
    assert_eq!(f.contributors.len(), 7);
    assert_eq!(f.sections.len(), 20_000);
    assert!(started.elapsed() < std::time::Duration::from_secs(20), "{:?}", started.elapsed());
}
