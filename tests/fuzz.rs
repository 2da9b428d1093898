//! Fuzzing every parser a user's file reaches: conversation RON, annotation
//! RON, Markdown, transcript, WebVTT and SRT import, and the UTF-16
//! decoding before them. Valid files are mutated by
//! byte flips, insertions of hostile tokens, deletions, splices of the file's
//! own pieces and truncations; each case asserts no panic, no hang, and that
//! an error names the file (and for syntax, a line:column inside it) or, for
//! imports, a line of the text.
//!
//! `cargo test --test fuzz` runs 10,000 cases per parser. The long run:
//! `CROSSTALK_FUZZ_CASES=1000000 cargo test --release --test fuzz -- --ignored --nocapture`
//! (default 10⁶ per parser; `CROSSTALK_FUZZ_SEED=N` for other inputs) prints
//! the cases run, the time, the panics and the slowest case; any case over
//! [`HANG`] counts as a hang.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::{Duration, Instant};

use crosstalk::export::{Export, Filter, markdown};
use crosstalk::import::{Kind, import};
use crosstalk::model::Conversation;
use crosstalk::store::{self, AnnotationError, LoadError};

/// A case slower than this is a hang (far above any honest parse of these
/// few-kilobyte inputs, even in a debug build).
const HANG: Duration = Duration::from_secs(5);

/// splitmix64: small, fast, reproducible from the seed printed on failure.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Tokens that parsers trip on: structure, quoting, numbers at the limits,
/// Markdown and transcript syntax, and text that breaks naive code.
const HOSTILE: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "\"",
    "\\",
    "\\\"",
    "r#\"",
    "\"#",
    "'",
    "/*",
    "*/",
    "//",
    "#![enable(implicit_some)]",
    "Some(",
    "None",
    "version: 2,",
    "version: 4294967296,",
    "-1",
    "18446744073709551616",
    "1e400",
    "0x",
    "paragraph: 0,",
    "char: 99999999,",
    "char: 0,",
    "\"\\u{110000}\"",
    "\"\\u{d800}\"",
    "true",
    "moderator",
    "chair",
    "\n",
    "\r",
    "\r\n",
    "\t",
    " ",
    "\u{feff}",
    "\0",
    "\u{202e}",
    "\u{200d}",
    "\u{301}",
    "e\u{301}",
    "👩\u{200d}👩\u{200d}👧",
    "“",
    "”",
    "—",
    "U.S.",
    "微信",
    "# ",
    "## ",
    "### ",
    "---",
    "Id: ",
    "Moderator: ",
    "Respondent: ",
    "x (",
    "; ",
    "<!-- ",
    " -->",
    "<!-- crosstalk:conversation -->",
    "&#",
    "&#32;",
    "&#x110000;",
    "&#99999999999;",
    "&#;",
    "ALICE: ",
    "Date: 2020-13",
    ": ",
    "  ",
    "\\\n",
    "\n\n",
    "[[[[[[[[[[[[",
    "((((((((((((",
    "]]]]]]]]",
    "))))))))",
];

/// One mutation of `text`, on bytes; the result is made UTF-8 again (as the
/// loaders require before parsing).
fn mutate(rng: &mut Rng, text: &str) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for _ in 0..1 + rng.below(4) {
        let len = bytes.len();
        let at = rng.below(len + 1);
        match rng.below(7) {
            0 if len > 0 => bytes[at.min(len - 1)] ^= 1 << rng.below(8),
            1 => {
                let token = HOSTILE[rng.below(HOSTILE.len())];
                bytes.splice(at..at, token.bytes());
            }
            2 => {
                let end = (at + 1 + rng.below(16)).min(len);
                bytes.drain(at..end);
            }
            3 if len > 0 => {
                // Splice: a piece of the file itself, elsewhere.
                let from = rng.below(len);
                let end = (from + 1 + rng.below(64)).min(len);
                let piece = bytes[from..end].to_vec();
                bytes.splice(at..at, piece);
            }
            4 => bytes.truncate(at),
            5 => {
                // A token repeated: deep nesting, long runs.
                let token = HOSTILE[rng.below(HOSTILE.len())];
                let piece = token.repeat(1 + rng.below(300));
                bytes.splice(at..at, piece.bytes());
            }
            _ if len > 0 => bytes[at.min(len - 1)] = rng.next() as u8,
            _ => {}
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// What a run found.
#[derive(Debug, Default)]
struct Stats {
    cases: u64,
    /// Inputs read without an error (the rest were refused, as checked).
    accepted: u64,
    panics: u64,
    hangs: u64,
    slowest: Duration,
}

/// Runs `cases` mutations of the `seeds` through `check`, which panics on a
/// bad error; panics are caught and counted so a long run reports them all.
fn fuzz(name: &str, seeds: &[String], cases: u64, check: impl Fn(&str) -> bool) -> Stats {
    let mut stats = Stats::default();
    // `CROSSTALK_FUZZ_SEED` explores other inputs; the default is fixed, so
    // `cargo test` is reproducible.
    let seed = std::env::var("CROSSTALK_FUZZ_SEED").ok().and_then(|v| v.parse().ok());
    let mut rng = Rng(seed.unwrap_or(0x5eed) ^ name.len() as u64);
    let started = Instant::now();
    for case in 0..cases {
        if case > 0 && case % 100_000 == 0 {
            eprintln!("{name}: {case} cases, {:.0?}, {} panics", started.elapsed(), stats.panics);
        }
        let seed = &seeds[rng.below(seeds.len())];
        let text = if case % 16 == 0 { seed.clone() } else { mutate(&mut rng, seed) };
        let t = Instant::now();
        let outcome = catch_unwind(AssertUnwindSafe(|| check(&text)));
        let took = t.elapsed();
        stats.cases += 1;
        stats.slowest = stats.slowest.max(took);
        if took > HANG {
            stats.hangs += 1;
            eprintln!("{name}: case {case} took {took:?}: {text:?}");
        }
        if matches!(outcome, Ok(true)) {
            stats.accepted += 1;
        }
        if outcome.is_err() {
            stats.panics += 1;
            eprintln!("{name}: case {case} panicked on {text:?}");
        }
    }
    eprintln!(
        "{name}: {} cases ({} read, the rest refused) in {:.1?}, {} panics, {} hangs, slowest case {:.1?}",
        stats.cases,
        stats.accepted,
        started.elapsed(),
        stats.panics,
        stats.hangs,
        stats.slowest
    );
    stats
}

fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    std::fs::read_to_string(path).expect("fixture")
}

/// A line:column is inside the text (a position just past the end counts).
fn inside(text: &str, line: usize, column: usize) -> bool {
    line >= 1 && line <= text.split('\n').count() + 1 && column >= 1
}

fn check_conversation(text: &str) -> bool {
    match store::parse_conversation(text, "fuzz.ron") {
        Ok(_) => true,
        Err(e) => {
            assert!(e.to_string().starts_with("fuzz.ron:"), "names the file: {e}");
            if let LoadError::Syntax { line, column, .. } = e {
                assert!(inside(text, line, column), "{line}:{column} is in the text");
            }
            false
        }
    }
}

fn check_annotations(doc: &Conversation) -> impl Fn(&str) -> bool + '_ {
    move |text| match store::parse_annotations(text, "fuzz.annotations.ron", doc) {
        Ok(_) => true,
        Err(e) => {
            assert!(e.to_string().starts_with("fuzz.annotations.ron:"), "names the file: {e}");
            if let AnnotationError::Syntax { line, column, .. } = e {
                assert!(inside(text, line, column), "{line}:{column} is in the text");
            }
            false
        }
    }
}

/// An import either names a line of the text or gives a conversation that,
/// if valid, survives its own Markdown round trip exactly.
fn check_import(kind: Kind) -> impl Fn(&str) -> bool {
    move |text| match import(text, kind, "fuzz") {
        Err(e) => {
            assert!(inside(text, e.line, 1), "line {} is in the text: {e}", e.line);
            false
        }
        Ok(file) => {
            let Ok(doc) = Conversation::new(file) else { return false };
            let again = import(&markdown::conversation(&doc), Kind::Markdown, "fuzz");
            assert_eq!(again.as_ref().ok(), Some(&doc.to_file()), "round trip");
            true
        }
    }
}

/// Whole inputs no valid file starts from: empty, deep, long, stray.
fn hostile() -> Vec<String> {
    vec![
        String::new(),
        "\u{feff}".into(),
        "(".repeat(10_000),
        "[".repeat(10_000),
        "\"".repeat(3),
        "\n".repeat(10_000),
        "# \n## \n".into(),
        "A: ".repeat(2_000),
        "&#".repeat(2_000),
        "\\".repeat(2_001),
        "# T\n\n## A\n\n".to_owned() + &"x\\\n".repeat(2_000),
    ]
}

/// `valid` with the hostile inputs, which are a quarter of the picks.
fn with_hostile(valid: Vec<String>) -> Vec<String> {
    let hostile = hostile();
    let copies = (3 * hostile.len()).div_ceil(valid.len());
    let mut seeds: Vec<String> = (0..copies).flat_map(|_| valid.iter().cloned()).collect();
    seeds.extend(hostile);
    seeds
}

fn conversation_seeds() -> Vec<String> {
    with_hostile(vec![store::bundled_source().to_owned(), fixture("unicode.ron")])
}

fn markdown_seeds() -> Vec<String> {
    let doc = store::parse_conversation(&fixture("unicode.ron"), "u").expect("fixture");
    let (annotations, _) =
        store::parse_annotations(&fixture("unicode.annotations.ron"), "u", &doc).expect("fixture");
    let export = Export::new(&doc, &annotations, &Filter::default()).expect("export");
    with_hostile(vec![
        markdown::conversation(&doc),
        // A brief with its text: the importer reads from the marker on.
        markdown::render_with(&export, true),
        "# T\n\nModerator: mod (Ada; Review)\n\n## Ada\n\nA line\\\nand  \nmore &#32;\n\n## Lee <!-- lee -->\n\n\\- x\n".into(),
    ])
}

fn transcript_seeds() -> Vec<String> {
    with_hostile(vec![
        "# Panel\n\nModerator: MODERATOR\nMODERATOR: Welcome — to the “panel”.\nALICE: The U.S. ban.\nALICE: 微信 and 抖音。\n\nBOB: Naïve 🙂 e\u{301}.\nALICE: Again.\n".into(),
        "Speaker 1: hello\nSpeaker 2: hi: there\nSpeaker 1: 👩\u{200d}👩\u{200d}👧\n".into(),
        fixture("transcripts/hearing.txt"),
        fixture("transcripts/timestamps.txt"),
        fixture("transcripts/chinese.txt"),
    ])
}

fn vtt_seeds() -> Vec<String> {
    with_hostile(vec![
        fixture("transcripts/zoom.vtt"),
        fixture("transcripts/teams.vtt"),
        "WEBVTT - a title\nKind: captions\n\nNOTE\nsome note\n\nSTYLE\n::cue { color: red }\n\n00:01.000 --> 00:02.500 align:start line:0\n<v.loud Ann &amp; Co>Hi <c.yellow>there</c> <00:01.500>微信</v>\n<v Bob>&lt;b&gt; &#x1F642; &nbsp;</v>\n\n00:03.000 --> 00:04.000\n>> ALICE: 我想先说\n".into(),
    ])
}

fn srt_seeds() -> Vec<String> {
    with_hostile(vec![
        fixture("transcripts/news.srt"),
        fixture("transcripts/lecture.srt"),
        "1\r\n00:00:01,000 --> 00:00:02,000\r\n<i>Ann:</i> Hi.\r\n\r\n2\r\n00:00:02,000 --> 00:00:40,000\r\nAnn: Long. 这是。\r\n\r\nstray text\r\n".into(),
    ])
}

fn chat_seeds() -> Vec<String> {
    with_hostile(vec![
        fixture("chats/whatsapp-android.txt"),
        fixture("chats/whatsapp-ios.txt"),
        fixture("chats/zoom-chat.txt"),
        fixture("chats/telegram-result.json"),
        "١٢\u{200f}/٣\u{200f}/٢٠٢٤، ٧:٠٥ م - Ana: مرحبا\n2024. 3. 12. 오후 7:05 - Ben: 안녕\n[2024/3/12 下午7:05:40] Chen: 你好\n10:30:15\t From  Dana  to  Ana(Privately) : hi\n".into(),
    ])
}

/// Cases per parser: `CROSSTALK_FUZZ_CASES`, else `default`.
fn cases(default: u64) -> u64 {
    std::env::var("CROSSTALK_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn assert_clean(stats: &Stats) {
    assert_eq!((stats.panics, stats.hangs), (0, 0), "{stats:?}");
}

#[test]
fn conversation_ron_never_panics_and_errors_name_file_line_column() {
    assert_clean(&fuzz("conversation RON", &conversation_seeds(), 10_000, check_conversation));
}

#[test]
fn annotation_ron_never_panics_and_errors_name_file_line_column() {
    let doc = store::bundled().expect("bundled");
    let seeds = with_hostile(vec![fixture("bundled.annotations.ron")]);
    assert_clean(&fuzz("annotation RON", &seeds, 10_000, check_annotations(&doc)));
}

#[test]
fn markdown_import_never_panics_and_errors_name_a_line() {
    assert_clean(&fuzz("Markdown import", &markdown_seeds(), 10_000, check_import(Kind::Markdown)));
}

#[test]
fn transcript_import_never_panics_and_errors_name_a_line() {
    let seeds = transcript_seeds();
    assert_clean(&fuzz("transcript import", &seeds, 10_000, check_import(Kind::Transcript)));
}

#[test]
fn webvtt_import_never_panics_and_errors_name_a_line() {
    assert_clean(&fuzz("WebVTT import", &vtt_seeds(), 10_000, check_import(Kind::WebVtt)));
}

#[test]
fn chat_import_never_panics_and_errors_name_a_line() {
    assert_clean(&fuzz("chat import", &chat_seeds(), 10_000, check_import(Kind::Chat)));
}

#[test]
fn srt_import_never_panics_and_errors_name_a_line() {
    assert_clean(&fuzz("SRT import", &srt_seeds(), 10_000, check_import(Kind::Srt)));
}

/// Decoding bytes (UTF-8, or UTF-16 after its BOM) never panics; an error
/// names an offset inside the bytes; what decodes is sniffed and imported
/// as the loaders would, without a panic.
fn check_bytes(bytes: &[u8]) -> bool {
    // Sniffing judges UTF-16 by decoding it too.
    let _ = crosstalk::import::sniff(bytes);
    match crosstalk::import::decode(bytes) {
        Err(
            crosstalk::import::DecodeError::Utf8 { offset }
            | crosstalk::import::DecodeError::Utf16 { offset },
        ) => {
            assert!(offset < bytes.len(), "offset {offset} is in the {} bytes", bytes.len());
            false
        }
        Ok(text) => {
            let kind = crosstalk::import::detect(&text);
            let _ = crosstalk::import::import_with_notes(&text, kind, "fuzz");
            true
        }
    }
}

#[test]
fn utf16_decoding_never_panics_and_errors_name_an_offset() {
    let path = |n: &str| {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/transcripts").join(n)
    };
    let seeds: Vec<Vec<u8>> = ["utf16le.txt", "utf16be.vtt"]
        .iter()
        .map(|n| std::fs::read(path(n)).expect("fixture"))
        .chain([b"\xFF\xFE".to_vec(), b"\xFE\xFF\xD8".to_vec(), b"\xEF\xBB\xBF\xFF".to_vec()])
        .collect();
    let mut rng = Rng(0x5eed);
    let mut accepted = 0;
    for case in 0..cases(10_000) {
        let mut bytes = seeds[rng.below(seeds.len())].clone();
        if case % 16 != 0 {
            for _ in 0..1 + rng.below(4) {
                let len = bytes.len();
                let at = rng.below(len + 1);
                match rng.below(4) {
                    0 if len > 0 => bytes[at.min(len - 1)] = rng.next() as u8,
                    1 => bytes.insert(at, rng.next() as u8),
                    2 => bytes.truncate(at.max(2)),
                    _ => {
                        // A surrogate, high or low, in either byte order.
                        let unit = [0xD8 + rng.below(8) as u8, rng.next() as u8];
                        bytes.splice(at..at, unit);
                    }
                }
            }
        }
        if check_bytes(&bytes) {
            accepted += 1;
        }
    }
    assert!(accepted > 0, "some inputs decode");
}

#[test]
#[ignore = "the long run: 10^6 cases per parser by default (CROSSTALK_FUZZ_CASES), minutes in release"]
fn long_run() {
    let n = cases(1_000_000);
    let doc = store::bundled().expect("bundled");
    let runs = [
        fuzz("conversation RON", &conversation_seeds(), n, check_conversation),
        fuzz(
            "annotation RON",
            &with_hostile(vec![fixture("bundled.annotations.ron")]),
            n,
            check_annotations(&doc),
        ),
        fuzz("Markdown import", &markdown_seeds(), n, check_import(Kind::Markdown)),
        fuzz("transcript import", &transcript_seeds(), n, check_import(Kind::Transcript)),
        fuzz("WebVTT import", &vtt_seeds(), n, check_import(Kind::WebVtt)),
        fuzz("SRT import", &srt_seeds(), n, check_import(Kind::Srt)),
        fuzz("chat import", &chat_seeds(), n, check_import(Kind::Chat)),
    ];
    for stats in &runs {
        assert_clean(stats);
    }
}
