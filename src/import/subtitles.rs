//! Reading subtitles: WebVTT (`.vtt`, as Zoom and Teams write transcripts)
//! and SRT. See [`read_vtt`] and [`read_srt`].
//!
//! Cues become paragraphs: consecutive cues of one speaker join into one
//! paragraph (with a space, or nothing between CJK characters) until a
//! pause of [`PAUSE_MS`] or more between cues, or until the paragraph has
//! run [`LONG_MS`] and the previous cue ended a sentence. A paragraph's time
//! is its first cue's start, `HH:MM:SS` (milliseconds dropped: paragraph
//! times are for finding a place in the recording).

use super::speakers::{self, Said};
use super::transcript::{quoted, turn};
use super::{ImportError, Note, empty_file, error};
use crate::model::ConversationFile;

/// A pause this long (ms) between cues starts a new paragraph.
const PAUSE_MS: u64 = 2_000;
/// A paragraph this long (ms) ends at the next end of a sentence.
const LONG_MS: u64 = 30_000;

/// The speaker of cues in a file that names none.
const NOBODY: &str = "Speaker";

/// One cue's text, cut where the speaker changes.
struct Piece {
    line: usize,
    start: u64,
    end: u64,
    speaker: Option<String>,
    text: String,
}

const TIMING_HINT: &str = "expected a timing line such as `00:00:01.000 --> 00:00:04.000`";

/// `hh:mm:ss.ttt` or `mm:ss.ttt` (`,` for `.` as SRT writes it; the
/// fraction may be missing) in milliseconds.
fn timestamp(s: &str) -> Option<u64> {
    let (clock, frac) = match s.rfind(['.', ',']) {
        Some(at) => (&s[..at], &s[at + 1..]),
        None => (s, "000"),
    };
    if frac.is_empty() || frac.len() > 3 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let ms: u64 = format!("{frac:0<3}").parse().ok()?;
    let parts: Vec<&str> = clock.split(':').collect();
    let digits =
        |p: &str, max: usize| (1..=max).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
    let (h, m, sec) = match parts.as_slice() {
        [h, m, s] if digits(h, 6) && digits(m, 2) && digits(s, 2) => (*h, *m, *s),
        [m, s] if digits(m, 2) && digits(s, 2) => ("0", *m, *s),
        _ => return None,
    };
    let (h, m, sec): (u64, u64, u64) = (h.parse().ok()?, m.parse().ok()?, sec.parse().ok()?);
    (m < 60 && sec < 60).then_some(((h * 60 + m) * 60 + sec) * 1000 + ms)
}

/// `HH:MM:SS` for `ms`.
fn clock(ms: u64) -> String {
    let s = ms / 1000;
    format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

/// The start and end of a timing line (`start --> end [settings]`).
fn timing(line: &str, n: usize) -> Result<(u64, u64), ImportError> {
    let bad = || error(n, format!("{TIMING_HINT}, found {}", quoted(line)));
    let (start, rest) = line.split_once("-->").ok_or_else(bad)?;
    let end = rest.split_whitespace().next().ok_or_else(bad)?;
    let (start, end) = (timestamp(start.trim()).ok_or_else(bad)?, timestamp(end).ok_or_else(bad)?);
    Ok((start, end))
}

/// Whether `c` is written without spaces between words (Chinese, Japanese).
fn cjk(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}'
        | '\u{f900}'..='\u{faff}' | '\u{ff00}'..='\u{ffef}')
}

/// Appends `more` to `text`: a space between, but none between CJK characters.
fn join(text: &mut String, more: &str) {
    let (Some(a), Some(b)) = (text.chars().next_back(), more.chars().next()) else {
        text.push_str(more);
        return;
    };
    if !(cjk(a) && cjk(b)) {
        text.push(' ');
    }
    text.push_str(more);
}

/// `&amp;`, `&lt;`, `&gt;`, `&nbsp;`, `&quot;`, `&apos;`, `&lrm;`, `&rlm;`
/// and numeric references decoded; anything else left as it is.
fn entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest[1..].find(';').map(|e| e + 1).filter(|&e| e <= 10);
        let decoded = end.and_then(|e| match &rest[1..e] {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "nbsp" => Some('\u{a0}'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "lrm" => Some('\u{200e}'),
            "rlm" => Some('\u{200f}'),
            n => {
                let n = n.strip_prefix('#')?;
                let code = match n.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                    None => n.parse().ok()?,
                };
                char::from_u32(code).filter(|&c| c != '\0')
            }
        });
        match (decoded, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Markup tags crosstalk strips: WebVTT's and the few SRT files carry.
const TAGS: &[&str] = &["c", "i", "b", "u", "v", "ruby", "rt", "lang", "font", "s"];

/// Splits one line of cue text at its tags: text runs, and the voice each
/// `<v Name>` starts (`Some(name)`). Other known tags and timestamp tags are
/// dropped; a `<` that opens no known tag is text.
fn tags(line: &str) -> Vec<(Option<String>, String)> {
    let mut out: Vec<(Option<String>, String)> = vec![(None, String::new())];
    let mut rest = line;
    while let Some(at) = rest.find('<') {
        if let Some((_, t)) = out.last_mut() {
            t.push_str(&rest[..at]);
        }
        rest = &rest[at..];
        let Some(close) = rest.find('>') else { break };
        let inner = &rest[1..close];
        let body = inner.strip_prefix('/').unwrap_or(inner);
        let name = body.split(['.', ' ', '\t']).next().unwrap_or_default();
        let known = TAGS.contains(&name.to_ascii_lowercase().as_str())
            || (body.starts_with(|c: char| c.is_ascii_digit()) && timestamp(body).is_some());
        if !known {
            if let Some((_, t)) = out.last_mut() {
                t.push('<');
            }
            rest = &rest[1..];
            continue;
        }
        if name.eq_ignore_ascii_case("v") && !inner.starts_with('/') {
            let voice = body.split_once([' ', '\t']).map_or("", |(_, v)| v).trim();
            if !voice.is_empty() {
                out.push((Some(entities(voice)), String::new()));
            }
        }
        rest = &rest[close + 1..];
    }
    if let Some((_, t)) = out.last_mut() {
        t.push_str(rest);
    }
    out
}

/// A cue's text lines cut into pieces by speaker: `<v Name>` tags, or a
/// `Name: text` label (`>> NAME: text` in broadcast captions) at the start
/// of a line, read by the transcript rules.
fn pieces(lines: &[&str], line: usize, start: u64, end: u64, out: &mut Vec<Piece>) {
    let mut current: Option<Piece> = None;
    let push = |p: Option<Piece>, out: &mut Vec<Piece>| {
        if let Some(p) = p.filter(|p| !p.text.trim().is_empty()) {
            out.push(p);
        }
    };
    for text in lines {
        for (voice, run) in tags(text) {
            let run = entities(&run);
            let mut run = run.trim().to_owned();
            let mut speaker = voice;
            if speaker.is_none() {
                let plain = run.strip_prefix(">>").map_or(run.as_str(), str::trim_start);
                if let Some(t) = turn(plain).filter(|t| !t.text.is_empty()) {
                    speaker = Some(t.name.to_owned());
                    run = t.text.to_owned();
                }
            }
            if speaker.is_some() {
                push(current.take(), out);
                current = Some(Piece { line, start, end, speaker, text: String::new() });
            }
            let piece = current.get_or_insert_with(|| Piece {
                line,
                start,
                end,
                speaker: None,
                text: String::new(),
            });
            if !run.is_empty() {
                join(&mut piece.text, &run);
            }
        }
    }
    push(current, out);
}

/// Turns the pieces into a conversation (see the module's rules).
fn assemble(pieces: Vec<Piece>, stem: &str) -> Result<(ConversationFile, Vec<Note>), ImportError> {
    let mut file = empty_file(stem);
    file.title = stem.to_owned();
    if pieces.is_empty() {
        return Err(error(
            1,
            "no cues with text; expected cues such as `00:00:01.000 --> 00:00:04.000` followed by `Name: text`",
        ));
    }
    let mut labels: Vec<String> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = Default::default();
    let mut turns: Vec<Said> = Vec::new();
    // The end of the previous cue, the start of the paragraph, and whether
    // the previous cue ended a sentence.
    let mut prev_end = 0u64;
    let mut para_start = 0u64;
    let mut sentence = false;
    for p in pieces {
        let name = p.speaker.unwrap_or_else(|| match turns.last() {
            Some(t) => labels[t.label].clone(),
            None => NOBODY.to_owned(),
        });
        let label = *index.entry(name.clone()).or_insert_with(|| {
            labels.push(name);
            labels.len() - 1
        });
        let same = turns.last().is_some_and(|t| t.label == label);
        let pause = p.start.saturating_sub(prev_end) >= PAUSE_MS;
        let long = p.start.saturating_sub(para_start) >= LONG_MS && sentence;
        sentence = p.text.trim_end().ends_with(['.', '?', '!', '…', '。', '？', '！']);
        prev_end = p.end;
        match turns.last_mut() {
            Some(t) if same && !pause && !long => {
                if let Some(para) = t.paragraphs.last_mut() {
                    join(para, &p.text);
                }
            }
            Some(t) if same => {
                t.paragraphs.push(p.text);
                t.times.push(clock(p.start));
                para_start = p.start;
            }
            _ => {
                turns.push(Said {
                    line: p.line,
                    label,
                    paragraphs: vec![p.text],
                    times: vec![clock(p.start)],
                });
                para_start = p.start;
            }
        }
    }
    let notes = speakers::assemble(&mut file, &labels, turns);
    Ok((file, notes))
}

/// The lines of `text` in blocks separated by blank lines, each line with
/// its 1-based number.
fn blocks(text: &str) -> Vec<Vec<(usize, &str)>> {
    let mut out: Vec<Vec<(usize, &str)>> = vec![Vec::new()];
    for (i, line) in text.lines().enumerate() {
        let line = if i == 0 { line.trim_start_matches('\u{feff}') } else { line };
        if line.trim().is_empty() {
            if out.last().is_some_and(|b| !b.is_empty()) {
                out.push(Vec::new());
            }
        } else if let Some(b) = out.last_mut() {
            b.push((i + 1, line.trim_end()));
        }
    }
    out.retain(|b| !b.is_empty());
    out
}

/// Reads WebVTT: a `WEBVTT` line (its header and `NOTE`, `STYLE` and
/// `REGION` blocks are skipped), then cues: an optional id line, a timing
/// line (`00:00:01.000 --> 00:00:04.000`, or `mm:ss.ttt`, cue settings
/// after it) and the text. The speaker is a `<v Name>` voice tag (Teams) or
/// a `Name: text` label (Zoom); a cue with neither continues the previous
/// speaker, and cues before any speaker are a voice called `Speaker`.
pub(super) fn read_vtt(
    text: &str,
    stem: &str,
) -> Result<(ConversationFile, Vec<Note>), ImportError> {
    let blocks = blocks(text);
    let mut blocks = blocks.iter();
    let Some(header) = blocks.next() else {
        return Err(error(1, "empty; a WebVTT file starts with a `WEBVTT` line"));
    };
    let (n, first) = header[0];
    if !(first == "WEBVTT" || first.starts_with("WEBVTT ") || first.starts_with("WEBVTT\t")) {
        return Err(error(
            n,
            format!("expected `WEBVTT` on the first line, found {}", quoted(first)),
        ));
    }
    let mut out = Vec::new();
    for block in blocks {
        let (n, first) = block[0];
        let word = first.split([' ', '\t']).next().unwrap_or_default();
        if matches!(word, "NOTE" | "STYLE" | "REGION") && !first.contains("-->") {
            continue;
        }
        let at = match block.iter().take(2).position(|(_, l)| l.contains("-->")) {
            Some(at) => at,
            None => {
                // A line like a time is the broken timing line; else the
                // first line may be an id, and the second is at fault.
                let timelike =
                    first.starts_with(|c: char| c.is_ascii_digit()) && first.contains(':');
                let (n, line) =
                    if timelike { (n, first) } else { block.get(1).copied().unwrap_or((n, first)) };
                return Err(error(
                    n,
                    format!(
                        "{TIMING_HINT} (after an optional cue id), found {}; cue text cannot hold a blank line",
                        quoted(line)
                    ),
                ));
            }
        };
        let (n, line) = block[at];
        let (start, end) = timing(line, n)?;
        let lines: Vec<&str> = block[at + 1..].iter().map(|(_, l)| *l).collect();
        pieces(&lines, n, start, end, &mut out);
    }
    assemble(out, stem)
}

/// Reads SRT: numbered blocks of a timing line
/// (`00:00:01,000 --> 00:00:04,000`) and text; the speaker is a
/// `Name: text` or `>> NAME: text` label at the start of a line. Text after
/// a blank line that starts no block belongs to the cue before it.
pub(super) fn read_srt(
    text: &str,
    stem: &str,
) -> Result<(ConversationFile, Vec<Note>), ImportError> {
    let mut out: Vec<Piece> = Vec::new();
    // The previous cue, for text that a blank line cut off from it.
    let mut previous: Option<(usize, u64, u64)> = None;
    for block in blocks(text) {
        let (n, first) = block[0];
        let number = !first.is_empty() && first.bytes().all(|b| b.is_ascii_digit());
        let at = if first.contains("-->") {
            0
        } else if number && block.len() > 1 {
            1
        } else if let (Some((line, start, end)), false) =
            (previous, first.starts_with(|c: char| c.is_ascii_digit()))
        {
            let lines: Vec<&str> = block.iter().map(|(_, l)| *l).collect();
            pieces(&lines, line, start, end, &mut out);
            continue;
        } else {
            return Err(error(
                n,
                format!(
                    "expected a cue number, then a timing line such as `00:00:01,000 --> 00:00:04,000`, found {}",
                    quoted(first)
                ),
            ));
        };
        let (n, line) = block[at];
        let (start, end) = timing(line, n)?;
        let lines: Vec<&str> = block[at + 1..].iter().map(|(_, l)| *l).collect();
        pieces(&lines, n, start, end, &mut out);
        previous = Some((n, start, end));
    }
    assemble(out, stem)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_and_clock() {
        assert_eq!(timestamp("00:00:01.500"), Some(1_500));
        assert_eq!(timestamp("01:02:03,004"), Some(3_723_004));
        assert_eq!(timestamp("02:03.4"), Some(123_400));
        assert_eq!(timestamp("1:61:00.000"), None);
        assert_eq!(timestamp("00:00:01."), None);
        assert_eq!(timestamp("ab:cd"), None);
        assert_eq!(clock(3_723_004), "01:02:03");
    }

    #[test]
    fn tags_and_entities() {
        let t = tags("<v.loud Jane Smith><i>Hi</i> <00:00:01.000>there &amp; a < b</v>");
        assert_eq!(
            t,
            [(None, String::new()), (Some("Jane Smith".into()), "Hi there &amp; a < b".into())]
        );
        assert_eq!(
            entities("a &amp; b &lt;c&gt; &nbsp;&#233;&#x4e2d; &bogus; &"),
            "a & b <c> \u{a0}é中 &bogus; &"
        );
    }

    #[test]
    fn cjk_joins_without_a_space() {
        let mut s = "我想".to_owned();
        join(&mut s, "两点。");
        join(&mut s, "OK");
        assert_eq!(s, "我想两点。 OK");
    }

    #[test]
    fn vtt_speakers_pauses_and_errors() {
        let text = "WEBVTT\nKind: captions\n\nNOTE a comment\n\n1\n00:00:01.000 --> 00:00:02.000 align:start\n<v Ann>Hello</v>\n\n00:00:02.500 --> 00:00:03.000\nthere.\n\n00:00:06.000 --> 00:00:07.000\nAgain.\n\n00:00:07.000 --> 00:00:08.000\nBob: Hi.\n";
        let (f, notes) = read_vtt(text, "t").expect("reads");
        assert!(notes.is_empty());
        let names: Vec<&str> = f.contributors.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["Ann", "Bob"]);
        assert_eq!(f.sections[0].paragraphs, ["Hello there.", "Again."]);
        assert_eq!(f.sections[0].times, ["00:00:01", "00:00:06"]);
        assert_eq!(f.sections[1].paragraphs, ["Hi."]);
        let e = read_vtt("WEBVTT\n\n00:00:01.000 -> 00:00:02.000\nhi\n", "t").expect_err("bad");
        assert_eq!(e.line, 3);
        let e = read_vtt("WEBVTT\n\n1\n00:00:01.000 --> 00:0x:02.000\nhi\n", "t").expect_err("bad");
        assert_eq!(e.line, 4);
        assert!(e.message.contains("00:0x:02.000"), "{}", e.message);
        assert_eq!(read_vtt("Hello\n", "t").expect_err("no header").line, 1);
    }

    #[test]
    fn srt_without_speakers_is_one_voice() {
        let text = "1\n00:00:01,000 --> 00:00:02,000\n<i>Hello</i>\nthere.\n\n2\n00:00:02,100 --> 00:00:03,000\nMore.\n";
        let (f, _) = read_srt(text, "t").expect("reads");
        assert_eq!(f.contributors[0].name, "Speaker");
        assert_eq!(f.sections[0].paragraphs, ["Hello there. More."]);
        let e = read_srt("1\n00:00:01,000 --> 00:00:02,000\nhi\n\n2\nxx --> yy\nho\n", "t")
            .expect_err("bad");
        assert_eq!(e.line, 6);
        assert_eq!(read_srt("\n\n", "t").expect_err("empty").line, 1);
    }
}
