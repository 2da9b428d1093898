//! A cue's text cut where the speaker changes.

use crate::import::cues::{entities, join, tags};
use crate::import::transcript::{display_label, turn};

/// One cue's text, cut where the speaker changes.
pub(super) struct Piece {
    pub line: usize,
    pub start: u64,
    pub end: u64,
    pub speaker: Option<String>,
    pub text: String,
    /// A label at the start of `text` that may be the speaker's: the file
    /// as a whole settles it (see `paragraphs::settle_labels`).
    pub loose: Option<Loose>,
    /// A mark opened it (`- `, `>>`): someone else speaks from here, so it
    /// never runs on in the paragraph before, though no name says who.
    pub changes: bool,
}

/// The rest of `run` if a mark of a change of speaker opens it: `>>`, as
/// broadcast captions mark one, or a dash, as subtitles set two speakers'
/// lines in one cue (`- Where to?` / `- Home.`, `-Really?`; not `-5°`, nor
/// `--`).
fn change_mark(run: &str) -> Option<&str> {
    if let Some(rest) = run.strip_prefix(">>").or_else(|| run.strip_prefix("- ")) {
        return Some(rest);
    }
    let rest = run.strip_prefix(['-', '–'])?;
    let next = rest.chars().next()?;
    (next == ' '
        || next.is_alphabetic()
        || matches!(next, '"' | '“' | '\'' | '‘' | '¿' | '¡' | '['))
    .then_some(rest)
}

/// The label whisperX (and pyannote) writes in each cue for the voices it
/// tells apart, `[SPEAKER_00]: text`: the name and the text. Other words in
/// brackets are sounds (`[music]`), not speakers.
fn machine_label(run: &str) -> Option<(&str, &str)> {
    let (inner, after) = run.strip_prefix('[')?.split_once(']')?;
    let text = after.strip_prefix(':')?.trim_start();
    let name = inner.trim();
    let number = name.strip_prefix("SPEAKER_")?;
    (!number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) && !text.is_empty())
        .then_some((name, text))
}

/// A label opening a piece that [`turn`] does not take for a name
/// ([`display_label`]): the label, where the text after it starts, and
/// whether it has a parenthesis (`Maria González (she/her)`, as Zoom writes
/// display names; `Step 1 (optional)` in a file without speakers).
pub(super) struct Loose {
    pub name: String,
    pub at: usize,
    pub parenthesis: bool,
}

/// A cue's text lines cut into pieces by speaker: `<v Name>` tags, or else
/// a `Name: text` label (read by the transcript rules) at the start of the
/// cue, or of a later line that marks a new speaker with `>>` or `- `; a
/// line so marked with no name opens a piece of no one named that
/// [`Piece::changes`]. A colon further on (`Agenda: …` on a cue's second
/// line) is text.
pub(super) fn pieces(lines: &[&str], line: usize, start: u64, end: u64, out: &mut Vec<Piece>) {
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
            let marked = change_mark(&run);
            let mut loose = None;
            let mut changes = false;
            if !voiced && r == 0 && (l == 0 || marked.is_some()) {
                let plain = marked.map_or(run.as_str(), str::trim_start);
                if let Some(t) = turn(plain).filter(|t| !t.text.is_empty()) {
                    speaker = Some(t.name.to_owned());
                    run = t.text.to_owned();
                } else if let Some((name, text)) = machine_label(plain) {
                    speaker = Some(name.to_owned());
                    run = text.to_owned();
                } else if let Some((name, at, parenthesis)) = display_label(plain)
                    && (parenthesis || marked.is_none())
                {
                    // Where the text starts in `run`, the marker kept.
                    let at = at + run.len() - plain.len();
                    loose = Some(Loose { name: name.to_owned(), at, parenthesis });
                } else if let Some(rest) = marked {
                    // No name: the mark alone says another speaks.
                    run = rest.trim_start().to_owned();
                    changes = true;
                }
            }
            if speaker.is_some() || loose.is_some() || changes {
                push(current.take(), out);
                let text = String::new();
                current = Some(Piece { line, start, end, speaker, text, loose, changes });
            }
            let piece = current.get_or_insert_with(|| Piece {
                line,
                start,
                end,
                speaker: None,
                text: String::new(),
                loose: None,
                changes: false,
            });
            if !run.is_empty() {
                join(&mut piece.text, &run);
            }
        }
    }
    push(current, out);
}
