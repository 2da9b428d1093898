//! Reading subtitles: WebVTT (`.vtt`, as Zoom and Teams write transcripts)
//! and SRT. See [`read_vtt`] and [`read_srt`].
//!
//! Cues become paragraphs: consecutive cues of one speaker join into one
//! paragraph (with a space, or nothing between CJK characters) until a
//! pause of [`PAUSE_MS`] or more between cues, or until the paragraph has
//! run [`LONG_MS`] and the previous cue ended a sentence. A paragraph's time
//! is its first cue's start, `HH:MM:SS` (milliseconds dropped: paragraph
//! times are for finding a place in the recording).

use super::cues::{clock, entities, join, tags, timestamp};
use super::speakers::{self, Said};
use super::transcript::{display_label, is_stage_direction, quoted, turn};
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
    /// A label at the start of `text` that is the speaker's only if it
    /// names a known one ([`display_label`]), and where the text after it starts.
    loose: Option<(String, usize)>,
}

const TIMING_HINT: &str = "expected a timing line such as `00:00:01.000 --> 00:00:04.000`";
/// SRT writes a comma before the milliseconds.
const SRT_TIMING_HINT: &str = "expected a timing line such as `00:00:01,000 --> 00:00:04,000`";

/// The start and end of a timing line (`start --> end [settings]`); `hint`
/// says what one looks like.
fn timing(line: &str, n: usize, hint: &str) -> Result<(u64, u64), ImportError> {
    let bad = || error(n, format!("{hint}, found {}{}", quoted(line), arrow(line)));
    let (start, rest) = line.split_once("-->").ok_or_else(bad)?;
    let end = rest.split_whitespace().next().ok_or_else(bad)?;
    let (start, end) = (timestamp(start.trim()).ok_or_else(bad)?, timestamp(end).ok_or_else(bad)?);
    Ok((start, end))
}

/// What is wrong with a line like a timing line without `-->`, if that is it.
fn arrow(line: &str) -> &'static str {
    if !line.contains("-->") && ["->", "—>", "–>", "=>", "-- >"].iter().any(|a| line.contains(a))
    {
        "; the arrow between the times is `-->`"
    } else {
        ""
    }
}

/// A cue's text lines cut into pieces by speaker: `<v Name>` tags, or else
/// a `Name: text` label (read by the transcript rules) at the start of the
/// cue, or of a later line that marks a new speaker with `>>` or `- `. A
/// colon further on (`Agenda: …` on a cue's second line) is text.
fn pieces(lines: &[&str], line: usize, start: u64, end: u64, out: &mut Vec<Piece>) {
    let runs: Vec<Vec<(Option<String>, String)>> = lines.iter().map(|l| tags(l)).collect();
    let voiced = runs.iter().flatten().any(|(voice, _)| voice.is_some());
    let mut current: Option<Piece> = None;
    let push = |p: Option<Piece>, out: &mut Vec<Piece>| {
        if let Some(p) = p.filter(|p| !p.text.trim().is_empty()) {
            out.push(p);
        }
    };
    for (l, line_runs) in runs.into_iter().enumerate() {
        for (r, (voice, run)) in line_runs.into_iter().enumerate() {
            let run = entities(&run);
            let mut run = run.trim().to_owned();
            let mut speaker = voice;
            let marked = run.strip_prefix(">>").or_else(|| run.strip_prefix("- "));
            let mut loose = None;
            if !voiced && r == 0 && (l == 0 || marked.is_some()) {
                let plain = marked.map_or(run.as_str(), str::trim_start);
                if let Some(t) = turn(plain).filter(|t| !t.text.is_empty()) {
                    speaker = Some(t.name.to_owned());
                    run = t.text.to_owned();
                } else if let Some((name, at, sure)) = display_label(plain) {
                    if sure {
                        (speaker, run) = (Some(name.to_owned()), plain[at..].to_owned());
                    } else if marked.is_none() {
                        loose = Some((name.to_owned(), at));
                    }
                }
            }
            if speaker.is_some() {
                push(current.take(), out);
                current =
                    Some(Piece { line, start, end, speaker, text: String::new(), loose: None });
            }
            let piece = current.get_or_insert_with(|| Piece {
                line,
                start,
                end,
                speaker: None,
                text: String::new(),
                loose,
            });
            if !run.is_empty() {
                join(&mut piece.text, &run);
            }
        }
    }
    push(current, out);
}

/// Turns the pieces into a conversation (see the module's rules). Cues
/// before the first speaker that are only stage directions (`[MUSIC]`,
/// `(applause)`) open the first speaker's turn, as in transcripts, rather
/// than make a voice of their own.
fn assemble(
    mut pieces: Vec<Piece>,
    stem: &str,
) -> Result<(ConversationFile, Vec<Note>), ImportError> {
    let mut file = empty_file(stem);
    file.title = stem.to_owned();
    if pieces.is_empty() {
        return Err(error(
            1,
            "no cues with text; expected cues such as `00:00:01.000 --> 00:00:04.000` followed by `Name: text`",
        ));
    }
    // A label in another case or spacing of a speaker's (`kwame mensah:`
    // for `Kwame Mensah:`, as Zoom writes a renamed display name) is theirs.
    let fold = |s: &str| s.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>().join(" ");
    let known: std::collections::HashSet<String> =
        pieces.iter().filter_map(|p| p.speaker.as_deref()).map(fold).collect();
    for p in &mut pieces {
        if let Some((name, at)) = p.loose.take().filter(|(n, _)| known.contains(&fold(n))) {
            let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
            (p.speaker, p.text) = (Some(name), p.text[at..].to_owned());
        }
    }
    let first = pieces.iter().position(|p| p.speaker.is_some()).unwrap_or(0);
    let mut lead: Vec<Piece> = Vec::new();
    if pieces[..first].iter().all(|p| is_stage_direction(p.text.trim())) {
        lead = pieces.drain(..first).collect();
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
                let (mut paragraphs, mut times): (Vec<String>, Vec<String>) =
                    lead.drain(..).map(|d| (d.text.trim().to_owned(), clock(d.start))).unzip();
                paragraphs.push(p.text);
                times.push(clock(p.start));
                turns.push(Said { line: p.line, label, paragraphs, times });
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
        // A line of spaces right after a timing line is the cue's first
        // line, empty (as YouTube writes them), not the end of the cue.
        let timed = out.last().and_then(|b| b.last()).is_some_and(|(_, l)| l.contains("-->"));
        if line.is_empty() || (line.trim().is_empty() && !timed) {
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
/// speaker, and cues before any speaker are a voice called `Speaker`
/// (unless they are only stage directions, `[MUSIC]`: those open the first
/// speaker's turn).
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
    // YouTube's automatic captions (words timed by `<c>` tags) roll: each
    // cue repeats the line the cue before it ended with. That is said once.
    let rolling = text.contains("<c>");
    let mut last = String::new();
    let mut pieces = |lines: Vec<&str>, n, start, end, out: &mut Vec<Piece>| {
        let plain = |l: &str| tags(l).into_iter().map(|(_, t)| t).collect::<String>();
        let mut lines: Vec<&str> = lines.into_iter().filter(|l| !l.trim().is_empty()).collect();
        let ended = lines.last().map(|l| plain(l).trim().to_owned());
        while rolling && lines.first().is_some_and(|l| plain(l).trim() == last) {
            lines.remove(0);
        }
        last = ended.unwrap_or_default();
        pieces(&lines, n, start, end, out);
    };
    // A first cue with no blank line after `WEBVTT` (against the spec, but
    // written by some tools) is read, not swallowed by the header.
    if let Some(at) = header.iter().position(|(_, l)| l.contains("-->")) {
        let (n, line) = header[at];
        let (start, end) = timing(line, n, TIMING_HINT)?;
        let lines: Vec<&str> = header[at + 1..].iter().map(|(_, l)| *l).collect();
        pieces(lines, n, start, end, &mut out);
    }
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
                // A broken timing line is that; text with no timing line
                // before it follows a blank line inside a cue.
                let why = if timelike || !arrow(line).is_empty() {
                    arrow(line)
                } else {
                    "; cue text cannot hold a blank line"
                };
                return Err(error(
                    n,
                    format!(
                        "{TIMING_HINT} (after an optional cue id), found {}{why}",
                        quoted(line)
                    ),
                ));
            }
        };
        let (n, line) = block[at];
        let (start, end) = timing(line, n, TIMING_HINT)?;
        let lines: Vec<&str> = block[at + 1..].iter().map(|(_, l)| *l).collect();
        pieces(lines, n, start, end, &mut out);
    }
    assemble(out, stem)
}

/// Reads SRT: numbered blocks of a timing line
/// (`00:00:01,000 --> 00:00:04,000`) and text; the speaker is a
/// `Name: text` label at the start of the cue, or `>> NAME: text` /
/// `- Name: text` on any of its lines (`[Name]` is left as text: brackets
/// in subtitles are mostly sounds, `[music]`). Text after
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
        let (start, end) = timing(line, n, SRT_TIMING_HINT)?;
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
        assert_eq!(
            e.message,
            "expected a timing line such as `00:00:01.000 --> 00:00:04.000` (after an optional cue id), found \"00:00:01.000 -> 00:00:02.000\"; the arrow between the times is `-->`"
        );
        // Text after a blank line in a cue: that is the problem named.
        let e =
            read_vtt("WEBVTT\n\n00:01.000 --> 00:02.000\nhi\n\nmore text\n", "t").expect_err("bad");
        assert_eq!(e.line, 6);
        assert!(e.message.ends_with("; cue text cannot hold a blank line"), "{}", e.message);
        let e = read_vtt("WEBVTT\n\n1\n00:00:01.000 --> 00:0x:02.000\nhi\n", "t").expect_err("bad");
        assert_eq!(e.line, 4);
        assert!(e.message.contains("00:0x:02.000"), "{}", e.message);
        assert_eq!(read_vtt("Hello\n", "t").expect_err("no header").line, 1);
        // No blank line after the header: the cue is still read.
        let (f, _) = read_vtt("WEBVTT\n00:01.000 --> 00:02.000\nAnn: Hi.\n", "t").expect("reads");
        assert_eq!(f.sections[0].paragraphs, ["Hi."]);
    }

    #[test]
    fn srt_without_speakers_is_one_voice() {
        let text = "1\n00:00:01,000 --> 00:00:02,000\n<i>Hello</i>\nthere.\n\n2\n00:00:02,100 --> 00:00:03,000\nMore.\n";
        let (f, _) = read_srt(text, "t").expect("reads");
        assert_eq!(f.contributors[0].name, "Speaker");
        assert_eq!(f.sections[0].paragraphs, ["Hello there. More."]);
        // A colon on a later line is text; `- Name:` and `>> NAME:` are speakers.
        let text = "1\n00:00:01,000 --> 00:00:02,000\nAnn: The plan\nAgenda: first item\n- Bob: Yes.\n>> CAROL: No.\n";
        let (f, _) = read_srt(text, "t").expect("reads");
        let names: Vec<&str> = f.contributors.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["Ann", "Bob", "CAROL"]);
        assert_eq!(f.sections[0].paragraphs, ["The plan Agenda: first item"]);
        let vtt = "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ann>The plan\nAgenda: first</v>\n";
        let (f, _) = read_vtt(vtt, "t").expect("reads");
        assert_eq!(f.sections[0].paragraphs, ["The plan Agenda: first"]);
        let e = read_srt("1\n00:00:01,000 --> 00:00:02,000\nhi\n\n2\nxx --> yy\nho\n", "t")
            .expect_err("bad");
        assert_eq!(e.line, 6);
        assert_eq!(
            e.message,
            "expected a timing line such as `00:00:01,000 --> 00:00:04,000`, found \"xx --> yy\""
        );
        assert_eq!(read_srt("\n\n", "t").expect_err("empty").line, 1);
    }

    #[test]
    fn leading_stage_directions_open_the_first_speakers_turn() {
        let text = "1\n00:00:00,500 --> 00:00:01,000\n[MUSIC]\n\n2\n00:00:01,000 --> 00:00:02,000\n(applause)\n\n3\n00:00:02,000 --> 00:00:03,000\nAnn: Welcome.\n\n4\n00:00:03,000 --> 00:00:04,000\nBob: Thanks.\n";
        let (f, _) = read_srt(text, "t").expect("reads");
        let names: Vec<&str> = f.contributors.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["Ann", "Bob"]);
        assert_eq!(f.sections[0].paragraphs, ["[MUSIC]", "(applause)", "Welcome."]);
        assert_eq!(f.sections[0].times, ["00:00:00", "00:00:01", "00:00:02"]);
        let vtt = "WEBVTT\n\n00:01.000 --> 00:02.000\n[MUSIC]\n\n00:02.000 --> 00:03.000\n<v Ann>Hi.</v>\n";
        let (f, _) = read_vtt(vtt, "t").expect("reads");
        assert_eq!(f.contributors.len(), 1);
        assert_eq!(f.sections[0].paragraphs, ["[MUSIC]", "Hi."]);
        // Text before the first speaker, or no speaker at all: a voice `Speaker`.
        let (f, _) = read_srt("1\n00:00:01,000 --> 00:00:02,000\n[MUSIC]\n", "t").expect("reads");
        assert_eq!(f.contributors[0].name, "Speaker");
        let text = "1\n00:00:01,000 --> 00:00:02,000\nHello.\n\n2\n00:00:02,000 --> 00:00:03,000\nAnn: Hi.\n";
        let (f, _) = read_srt(text, "t").expect("reads");
        assert_eq!(f.contributors[0].name, "Speaker");
    }
}
