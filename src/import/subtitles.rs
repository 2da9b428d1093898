//! Reading subtitles: WebVTT (`.vtt`, as Zoom and Teams write transcripts)
//! and SRT. See [`read_vtt`] and [`read_srt`].
//!
//! Cues become paragraphs: consecutive cues of one speaker join into one
//! paragraph (with a space, or nothing between CJK characters) until a
//! pause of [`paragraphs::PAUSE_MS`] or more between cues, or until the
//! paragraph has run [`paragraphs::LONG_MS`] and the previous cue ended a
//! sentence. A paragraph's time is its first cue's start, `HH:MM:SS`
//! (milliseconds dropped: paragraph times are for finding a place in the
//! recording). Cue text is cut by speaker in [`voices`].

mod paragraphs;
#[cfg(test)]
mod tests;
mod voices;

use paragraphs::assemble;
use voices::{Piece, pieces};

use super::cues::{tags, timestamp};
use super::transcript::quoted;
use super::{ImportError, Note, error};
use crate::model::ConversationFile;

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
/// Whether `line` is a timing line: a time, then `-->` (`5 --> 10
/// dollars` in a cue's text is none).
fn timing_like(line: &str) -> bool {
    line.split_once("-->").is_some_and(|(start, _)| super::cues::timestamp(start.trim()).is_some())
}

/// Whether `line` is a cue's id as the line before its timing line: SRT's
/// number, or the id Teams writes (`<uuid>/<n>-<n>`). Any other line there
/// may be the text of the cue before, so it is not taken for one.
fn cue_id(line: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let teams = line.split_once('/').is_some_and(|(uuid, n)| {
        uuid.len() == 36
            && uuid.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-')
            && n.split_once('-').is_some_and(|(a, b)| digits(a) && digits(b))
    });
    digits(line) || teams
}

/// The lines of `text` in blocks separated by blank lines, each line with
/// its 1-based number. A timing line in a block that has one already
/// starts a block of its own (with the cue id before it): cues written
/// without the blank line between them are still cues, and a timing line
/// is never taken for text. A U+FEFF opening a line (files joined, each
/// with its byte order mark) is dropped.
fn blocks(text: &str) -> Vec<Vec<(usize, &str)>> {
    let mut out: Vec<Vec<(usize, &str)>> = vec![Vec::new()];
    // Whether the block being read has a timing line yet.
    let mut cued = false;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_start_matches('\u{feff}');
        // A line of spaces right after a timing line is the cue's first
        // line, empty (as YouTube writes them), not the end of the cue.
        let timed = out.last().and_then(|b| b.last()).is_some_and(|(_, l)| l.contains("-->"));
        if line.is_empty() || (line.trim().is_empty() && !timed) {
            if out.last().is_some_and(|b| !b.is_empty()) {
                out.push(Vec::new());
                cued = false;
            }
            continue;
        }
        let Some(b) = out.last_mut() else { continue };
        let timing = timing_like(line);
        if timing && cued && !b.last().is_some_and(|(_, l)| timing_like(l)) {
            // The cue before keeps a line of text at least.
            let id = b.len() >= 3
                && b.last().is_some_and(|(_, l)| cue_id(l))
                && !timing_like(b[b.len() - 2].1);
            let mut next = Vec::from_iter(if id { b.pop() } else { None });
            next.push((i + 1, line.trim_end()));
            out.push(next);
        } else {
            b.push((i + 1, line.trim_end()));
            cued |= timing;
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
    let mut roll = Roll::new(text.contains("<c>"));
    let mut pieces = |lines: Vec<&str>, n, start, end, out: &mut Vec<Piece>| {
        pieces(&roll.said_once(lines), n, start, end, out);
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

/// Captions that roll, as YouTube's automatic ones do: each cue repeats
/// the line the cue before it ended with (and a cue of a few milliseconds
/// holds only that line), so every line is on screen twice.
struct Roll {
    rolling: bool,
    /// The previous cue's last line, as text.
    last: String,
}

impl Roll {
    fn new(rolling: bool) -> Self {
        Self { rolling, last: String::new() }
    }

    /// Whether cues, as their text lines, roll: a third or more of them
    /// (three at least) open with the line the cue before ended with. A
    /// subtitle that repeats the one before now and then does not.
    fn rolls<'a>(cues: impl Iterator<Item = Vec<&'a str>>) -> bool {
        let mut roll = Self::new(true);
        let (mut cues_seen, mut repeats) = (0, 0);
        for lines in cues {
            let said = roll.said_once(lines.clone());
            cues_seen += 1;
            repeats +=
                usize::from(said.len() < lines.iter().filter(|l| !l.trim().is_empty()).count());
        }
        repeats >= 3 && repeats * 3 >= cues_seen
    }

    /// A cue's lines but blank ones, without those the previous cue ended
    /// with, if the captions roll.
    fn said_once<'a>(&mut self, lines: Vec<&'a str>) -> Vec<&'a str> {
        let plain = |l: &str| tags(l).into_iter().map(|(_, t)| t).collect::<String>();
        let mut lines: Vec<&str> = lines.into_iter().filter(|l| !l.trim().is_empty()).collect();
        let ended = lines.last().map(|l| plain(l).trim().to_owned());
        while self.rolling && lines.first().is_some_and(|l| plain(l).trim() == self.last) {
            lines.remove(0);
        }
        self.last = ended.unwrap_or_default();
        lines
    }
}

/// Reads SRT: numbered blocks of a timing line
/// (`00:00:01,000 --> 00:00:04,000`) and text; the speaker is a
/// `Name: text` label at the start of the cue, or `>> NAME: text` /
/// `- Name: text` on any of its lines (`[Name]` is left as text: brackets
/// in subtitles are mostly sounds, `[music]`). Text after
/// a blank line that starts no block belongs to the cue before it.
pub(super) fn read_srt<'a>(
    text: &'a str,
    stem: &str,
) -> Result<(ConversationFile, Vec<Note>), ImportError> {
    let mut out: Vec<Piece> = Vec::new();
    // The previous cue, for text that a blank line cut off from it.
    let mut previous: Option<(usize, u64, u64)> = None;
    let blocks = blocks(text);
    // Automatic captions saved as SRT (yt-dlp) roll, with no `<c>` tags to
    // tell them by: by how their cues repeat each other.
    let cue_lines = |block: &[(usize, &'a str)]| -> Option<Vec<&'a str>> {
        let at = block.iter().take(2).position(|(_, l)| l.contains("-->"))?;
        Some(block[at + 1..].iter().map(|(_, l)| *l).collect())
    };
    let mut roll = Roll::new(Roll::rolls(blocks.iter().filter_map(|b| cue_lines(b))));
    for block in &blocks {
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
        pieces(&roll.said_once(lines), n, start, end, &mut out);
        previous = Some((n, start, end));
    }
    assemble(out, stem)
}
