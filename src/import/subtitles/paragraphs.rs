//! Cues into paragraphs and turns (see the rules in [`super`]).

use std::collections::{HashMap, HashSet};

use super::voices::Piece;
use crate::import::cues::{clock, join};
use crate::import::speakers::{self, Said};
use crate::import::transcript::is_stage_direction;
use crate::import::{ImportError, Note, empty_file, error};
use crate::model::ConversationFile;

/// A pause this long (ms) between cues starts a new paragraph.
const PAUSE_MS: u64 = 2_000;
/// A paragraph this long (ms) ends at the next end of a sentence.
const LONG_MS: u64 = 30_000;

/// The speaker of cues in a file that names none.
const NOBODY: &str = "Speaker";

/// Settles the labels of [`super::voices::Loose`]. A label in another
/// case or spacing of a speaker's (`kwame mensah:` for `Kwame Mensah:`, as
/// Zoom writes a renamed display name) is theirs. A label with a
/// parenthesis (`Maria González (she/her):`) is a speaker's if the file has
/// speakers; once, in a file with none (`Step 1 (optional): open the
/// file`), it is text. Any label that opens two pieces or more is a
/// speaker's, and in a file where nearly every cue opens with a label, any
/// label but words in lowercase (`and then: the budget`, a cue's text):
/// Zoom writes display names as people set them (`jsmith:`, `iPhone de
/// María:`), and labels every cue with them.
fn settle_labels(pieces: &mut [Piece]) {
    let labelled = pieces.iter().filter(|p| p.speaker.is_some() || p.loose.is_some()).count();
    let every = pieces.len() >= 3 && labelled * 5 >= pieces.len() * 4;
    let fold = |s: &str| s.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>().join(" ");
    let mut known: HashSet<String> =
        pieces.iter().filter_map(|p| p.speaker.as_deref()).map(fold).collect();
    let mut opens: HashMap<String, usize> = HashMap::new();
    for l in pieces.iter().filter_map(|p| p.loose.as_ref()) {
        *opens.entry(fold(&l.name)).or_default() += 1;
    }
    known.extend(opens.into_iter().filter(|&(_, n)| n >= 2).map(|(name, _)| name));
    let speakers = !known.is_empty();
    // A speaker's name without its parenthesis (`maria gonzález:` for
    // `Maria González (she/her):`), where only one speaker has it so.
    let mut bare: HashMap<String, usize> = HashMap::new();
    let named = pieces.iter().filter_map(|p| p.speaker.as_deref());
    let loose = pieces.iter().filter_map(|p| p.loose.as_ref()).filter(|l| l.parenthesis);
    let with: HashSet<String> =
        named.chain(loose.map(|l| l.name.as_str()).filter(|_| speakers)).map(fold).collect();
    for name in &with {
        if let Some((head, _)) = name.split_once(" (") {
            *bare.entry(head.trim().to_owned()).or_default() += 1;
        }
    }
    known.extend(bare.into_iter().filter(|&(_, n)| n == 1).map(|(name, _)| name));
    for p in pieces {
        let Some(l) = p.loose.take() else { continue };
        let words =
            || l.name.split_whitespace().count() >= 2 && !l.name.contains(char::is_uppercase);
        if (l.parenthesis && speakers) || (every && !words()) || known.contains(&fold(&l.name)) {
            let name = l.name.split_whitespace().collect::<Vec<_>>().join(" ");
            (p.speaker, p.text) = (Some(name), p.text[l.at..].to_owned());
        }
    }
}

/// Turns the pieces into a conversation (see the rules in [`super`]). Cues
/// before the first speaker that are only stage directions (`[MUSIC]`,
/// `(applause)`) open the first speaker's turn, as in transcripts, rather
/// than make a voice of their own.
pub(super) fn assemble(
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
    settle_labels(&mut pieces);
    let first = pieces.iter().position(|p| p.speaker.is_some()).unwrap_or(0);
    let mut lead: Vec<Piece> = Vec::new();
    if pieces[..first].iter().all(|p| is_stage_direction(p.text.trim())) {
        lead = pieces.drain(..first).collect();
    }
    let mut labels: Vec<String> = Vec::new();
    let mut index: HashMap<String, usize> = Default::default();
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
            Some(t) if same && !pause && !long && !p.changes => {
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
                turns.push(Said { line: p.line, label, paragraphs, times, heads: Vec::new() });
                para_start = p.start;
            }
        }
    }
    let notes = speakers::assemble(&mut file, &labels, turns);
    Ok((file, notes))
}
