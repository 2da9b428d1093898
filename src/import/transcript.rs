//! Reading transcripts: `NAME: text` turns, with what real transcripts carry
//! around them. See [`read`].

mod bare;
mod casing;
mod deposition;
mod europarl;
mod header;
mod items;
mod labels;
mod layouts;
mod lowercase;
mod record;
mod stamps;

pub(super) use bare::{
    TIGHT, bare_confirmed, bare_turn, inline_turn, own_paragraph, time_above, time_below,
};
pub(super) use casing::Casing;
pub(super) use deposition::{examiner, heading as examination, letter, speaker};
pub(super) use header::{
    empty_role, header_at, header_key, header_line, is_header, keyed, list_name, names_line,
    needs_next, numbered_title, opens_list, panel, panels,
};
pub(crate) use header::{names_someone, names_the_interview, same_line};
pub(super) use items::{Marker, item, item_line, list_line, list_marker};
pub(super) use labels::{Turn, display_label, turn};
pub(super) use layouts::{
    Needs, alone_on_its_line, at_zero, confirmed, line_turn, pending_turn, speaker_line, time_mark,
    title_not_label, tool_line,
};
pub(super) use lowercase::{Lowercase, speaker_turn};
pub(super) use record::{heading as record_heading, opens as record_opens};
pub(super) use stamps::trailing;

use std::collections::HashMap;

use super::markdown::{apply_front, front_matter};
use super::speakers::{self, Said};
use super::{Header, ImportError, Note, empty_file, error};
use crate::model::ConversationFile;

/// Whether `line` (trimmed) is a stage direction: `[music]`, `(laughter)`,
/// `（開会）`. Before the first turn it opens the first turn.
pub(super) fn is_stage_direction(line: &str) -> bool {
    line.starts_with(['[', '(', '（']) && line.ends_with([']', ')', '）'])
}

/// `line` without a U+FEFF opening it: files joined into one, each with
/// its byte order mark, have one at the start of each; it is no one's
/// speech, and would hide a label.
pub(super) fn without_bom(line: &str) -> &str {
    line.trim_start_matches('\u{feff}')
}

/// Whether `line` is the line Otter.ai ends its exports with,
/// `Transcribed by https://otter.ai`: no one's speech.
pub(super) fn is_otter_trailer(line: &str) -> bool {
    let line = line.trim();
    // Asked of every line once a file has an Otter.ai label: most are long.
    line.len() <= 40
        && line.get(..15).is_some_and(|by| by.eq_ignore_ascii_case("transcribed by "))
        && ["https://otter.ai", "http://otter.ai", "otter.ai", "https://www.otter.ai"]
            .iter()
            .any(|site| line[15..].trim().trim_end_matches('/').eq_ignore_ascii_case(site))
}

/// The note saying the Otter.ai trailer was dropped.
pub(super) fn otter_trailer_note(line: &str) -> Note {
    Note {
        label: String::new(),
        message: format!(
            "dropped Otter.ai's closing line {}, which is no one's speech",
            quoted(line)
        ),
    }
}

/// The note saying a line a meeting tool writes (see [`tool_line`]) was
/// dropped.
pub(super) fn tool_line_note(whose: &str, line: &str) -> Note {
    Note {
        label: String::new(),
        message: format!("dropped {whose} line {}, which is no one's speech", quoted(line)),
    }
}

/// Text before the first speaker that is neither a header line nor a stage
/// direction: what meeting tools and printed records put first (a title, a
/// date, `Jensen, Lars started transcription`, a hearing's front matter).
/// It is kept as the conversation's introduction (shown by `I`, never
/// coded), a paragraph per run of lines, with a note saying so.
#[derive(Default)]
pub(super) struct Intro {
    /// The first and last line taken.
    lines: Option<(usize, usize)>,
    /// The list marker the last paragraph opened with, and its last
    /// character (a list's items are paragraphs, as in a turn).
    opened: Option<Marker>,
    last: Option<char>,
}

impl Intro {
    /// Line `n` (trimmed): it continues the paragraph of the line before
    /// it, if that was one of the introduction's.
    pub(super) fn line(&mut self, n: usize, text: &str, intro: &mut Vec<String>) {
        let joins = self.joins(n, text);
        match intro.last_mut() {
            Some(p) if joins => super::cues::join(p, text),
            _ => intro.push(text.to_owned()),
        }
    }

    /// Whether line `n` (`text`, trimmed) goes on with the introduction's
    /// last paragraph: the line right after it, and no list's item; taken.
    pub(super) fn joins(&mut self, n: usize, text: &str) -> bool {
        let joins = self.lines.is_some_and(|(_, last)| last + 1 == n)
            && !list_line(self.opened, self.last, text);
        if !joins {
            self.opened = list_marker(text);
        }
        self.last = text.chars().next_back();
        self.lines = Some((self.lines.map_or(n, |(first, _)| first), n));
        joins
    }

    /// The note saying where the introduction came from, if there is one.
    pub(super) fn note(&self) -> Option<Note> {
        let (first, last) = self.lines?;
        let lines =
            if first == last { format!("line {first}") } else { format!("lines {first}–{last}") };
        Some(Note {
            label: String::new(),
            message: format!(
                "{lines}, before the first speaker, kept as the introduction (shown by I, not coded)"
            ),
        })
    }
}

/// The error for a turn (on line `n`, labelled `label`) with no text.
pub(super) fn no_text(n: usize, label: &str) -> ImportError {
    error(
        n,
        format!(
            "{} has a speaker but no text; expected `NAME: text`, or the text on the lines after it",
            quoted(label)
        ),
    )
}

/// The error for a transcript of `lines` lines without a turn.
/// How the error of a transcript with no turn begins.
const NO_TURNS: &str = "no `NAME: text` lines; expected turns such as `SMITH: Thank you.`, or each speaker's name on a line of its own above what they said";

/// Whether `e` is a transcript's with no turn.
pub(super) fn no_turns_error(e: &ImportError) -> bool {
    e.message.starts_with(NO_TURNS)
}

pub(super) fn no_turns(lines: usize, ranged: usize) -> ImportError {
    let mut message = NO_TURNS.to_owned();
    // Whisper's output: times, and no word of who speaks.
    if ranged >= 3 && ranged * 2 >= lines {
        message.push_str(
            "; these lines have times but name no speaker (Whisper's output?): add the labels, \
             or import whisperX's output, which names the voices (`[SPEAKER_00]: …`), \
             or Whisper's subtitles (`--output_format srt`), which import as one voice",
        );
    }
    error(lines.max(1), message)
}

/// A line opening with a time range in brackets, as Whisper writes each
/// (`[00:00:00.000 --> 00:00:04.560]  Good evening…`).
pub(super) fn ranged(line: &str) -> bool {
    let line = line.trim_start_matches('\u{feff}').trim_start();
    line.starts_with('[') && line.split_once(']').is_some_and(|(range, _)| range.contains("-->"))
}

pub(super) fn quoted(line: &str) -> String {
    let clean = crate::model::sanitize::sanitize(line.trim());
    let cut: String = clean.chars().take(60).collect();
    if cut.len() < clean.len() { format!("\"{cut}…\"") } else { format!("\"{cut}\"") }
}

/// Whether `line` is the European Parliament's report's note of who
/// presides from here on (see [`europarl::chair_notice`]).
pub(super) fn chaired(line: &str, speakers: &std::collections::HashSet<String>) -> bool {
    line_turn(line).is_some_and(|t| europarl::chair_notice(t.name, speakers))
}

/// Whether `line` is such a note, or a line of one `wrapped` below it (the
/// presiding member's office: `Vice-President`).
pub(super) fn chair_heading(
    line: &str,
    speakers: &std::collections::HashSet<String>,
    wrapped: bool,
) -> bool {
    chaired(line, speakers) || (wrapped && speakers.contains(europarl::REPORT))
}

/// Reads a transcript. `NAME: text` starts a turn (`MR. SMITH:`,
/// `SMITH (continuing):`, `[00:01:02] SMITH:`, `SMITH [00:01:02]:`,
/// `名字：`); lines without a label continue the turn's paragraph, or start a
/// new one after a blank line; consecutive turns of one speaker form one
/// section. Before the first turn: an optional `# Title`, `Key: value`
/// header lines (`Date`, `Title`, `Time`, `Location`, … and the Markdown
/// keys `Id`, `Subtitle`, `Source`, `Moderator`), and stage directions
/// (`[music]`, `（開会）`), which open the first turn; any other text there
/// is the introduction (see [`Intro`]). A label's timestamp is kept as
/// the time of the paragraph it starts. In a transcript labelled in
/// capitals, `First:` on a line right after a line of a turn continues it
/// (see [`Casing`]). Otter.ai's closing line and the lines Teams and Google Meet
/// write around the talk (see [`tool_line`]) are dropped, with a note.
pub(super) fn read(text: &str, stem: &str) -> Result<(ConversationFile, Vec<Note>), ImportError> {
    let mut header =
        Header { file: empty_file(stem), titled: false, named_by: None, listing: None };
    header.file.title = stem.to_owned();
    let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l)).peekable();
    // Front matter (YAML, as Obsidian writes it): the title, the date and
    // the rest as metadata (see `markdown::front_matter`).
    let mut front_titled = false;
    if let Some(front) = front_matter(text.trim_start_matches('\u{feff}')) {
        let skip = front.lines;
        if let Some(title) = apply_front(&mut header, front.pairs) {
            header.file.title = title;
            header.titled = true;
            front_titled = true;
        }
        for _ in 0..skip {
            lines.next();
        }
    }
    while lines.peek().is_some_and(|(_, l)| without_bom(l).trim().is_empty()) {
        lines.next();
    }
    // Front matter's title is the title: a `# ` line below it is read as
    // any other (a part's heading, as pandoc writes a Word file's).
    if let Some((_, l)) = lines.peek().filter(|_| !front_titled)
        && let Some(title) = l.trim_start_matches('\u{feff}').strip_prefix("# ")
    {
        header.file.title = title.trim().to_owned();
        header.titled = true;
        lines.next();
    }
    let mut labels: Vec<String> = Vec::new();
    let mut label_index: HashMap<&str, usize> = HashMap::new();
    let mut turns: Vec<Said> = Vec::new();
    let mut before: Vec<String> = Vec::new();
    // The lines of the stage directions in `before`, before the first turn.
    let mut directions: Vec<usize> = Vec::new();
    let mut gap = false;
    // The last header line's number, and whether a line was read yet: a
    // key amid header lines may be one (see `header_at`).
    let (mut last_header, mut read_any) = (None, false);
    let mut pending_time: Option<String> = None;
    let mut casing = Casing::default();
    // The line of Otter.ai's closing line, if the text ends with one; it is
    // dropped if the file has an Otter.ai label before it.
    // A line of only a U+FEFF is blank, as the loop reads it.
    let tail = text.trim_end_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let trailer = tail
        .rsplit('\n')
        .next()
        .map(without_bom)
        .filter(|l| is_otter_trailer(l))
        .map(|l| (tail.lines().count(), l.trim()));
    // Lowercase labels opening two lines or more are speakers.
    let mut counted = Lowercase::default();
    for l in text.lines() {
        counted.see(without_bom(l));
    }
    let lowercase = counted.speakers();
    let mut otter = false;
    // Whether a Fathom label has been read (the first starts at 0:00).
    let mut fathom = false;
    let mut notes = Vec::new();
    let mut intro = Intro::default();
    // Whether the line before was a name alone (see `bare_turn`): a time
    // alone below it is its time.
    let mut named = false;
    // Whether the line before was a heading of a hearing's record (see
    // `record::heading`): held in `before` for the turn it opens.
    let mut heading = false;
    // The examiner of a deposition's examination (`BY MR. HARRIS:`), whose
    // the questions are (see `deposition`).
    let mut by: Option<&str> = None;
    // Whether a select committee's list of panels is being read (see
    // `header::panels`).
    let mut listing = false;
    while let Some((n, line)) = lines.next() {
        let line = without_bom(line);
        let trimmed = line.trim();
        // (Past blank lines: see `bare_confirmed`.)
        if !trimmed.is_empty()
            && std::mem::take(&mut named)
            && let Some(time) = time_below(trimmed)
        {
            pending_time = Some(time.to_owned());
            continue;
        }
        if trimmed.is_empty() {
            gap = true;
            continue;
        }
        if let Some((_, l)) = trailer.filter(|&(at, _)| otter && at == n) {
            notes.push(otter_trailer_note(l));
            continue;
        }
        let in_turn = !gap && turns.last().is_some_and(|t| !t.paragraphs.is_empty());
        if let Some(tool) = tool_line(trimmed, in_turn) {
            notes.push(tool_line_note(tool, trimmed));
            continue;
        }
        if let Some(time) = time_mark(trimmed) {
            pending_time = Some(time.to_owned());
            gap = true;
            continue;
        }
        // A time alone above a name alone (Teams' saved from Word).
        if let Some(time) = time_above(trimmed)
            && lines
                .clone()
                .map(|(_, l)| without_bom(l))
                .find(|l| !l.trim().is_empty())
                .is_some_and(|next| bare_turn(next, &lowercase).is_some())
        {
            pending_time = Some(time.to_owned());
            gap = true;
            continue;
        }
        if let Some(name) = examiner(line) {
            by = Some(name);
            gap = true;
            continue;
        }
        let mut turn = line_turn(line).or_else(|| speaker_turn(line, &lowercase));
        if turns.is_empty()
            && turn.as_ref().is_some_and(alone_on_its_line)
            && title_not_label(
                lines.clone().map(|(_, l)| without_bom(l)).find(|l| !l.trim().is_empty()),
            )
        {
            turn = None;
        }
        if turn.is_none()
            && let Some((t, needs)) = pending_turn(line)
            && match needs {
                Needs::Indented => fathom || at_zero(&t),
                Needs::Text => lowercase.contains(t.name),
            }
            && lines.peek().is_some_and(|(_, next)| confirmed(needs, without_bom(next)))
        {
            fathom |= needs == Needs::Indented;
            turn = Some(t);
        }
        if turn.is_none()
            && (!in_turn || lowercase.contains(bare::TIGHT))
            && let Some(t) = bare_turn(line, &lowercase)
            && lines
                .clone()
                .map(|(_, l)| without_bom(l))
                .find(|l| !l.trim().is_empty())
                .is_some_and(|next| bare_confirmed(next, &lowercase))
        {
            turn = Some(t);
            named = true;
        }
        if turn.is_none() {
            turn = inline_turn(line, &lowercase);
        }
        if turn.is_none() && turns.is_empty() {
            turn = keyed(line);
        }
        if turn.is_none() && by.is_some() {
            turn = letter(line);
        }
        // A heading's line going on from the one before.
        let wrapped = std::mem::take(&mut heading) && !gap;
        let turn = turn
            .filter(|t| !casing.continues(t, in_turn))
            .filter(|t| turns.is_empty() || !item(&lowercase, t.name))
            .filter(|_| turns.is_empty() || !chaired(line, &lowercase));
        listing =
            turns.is_empty() && (panels(trimmed) || (listing && turn.as_ref().is_some_and(panel)));
        let turn = turn.filter(|t| !(listing && panel(t)));
        // The names below a list's key (`Attendees:`), a line each.
        if turns.is_empty() && turn.is_none() && list_name(&mut header, trimmed) {
            gap = false;
            continue;
        }
        let after = !read_any || last_header.is_some_and(|h| h + 1 == n);
        read_any = true;
        match turn {
            Some(t)
                if turns.is_empty()
                    && header_at(
                        &t,
                        lines.clone().map(|(_, l)| without_bom(l)).find(|l| !l.trim().is_empty()),
                        after,
                    )
                    && !(empty_role(&t)
                        && lines
                            .clone()
                            .map(|(_, l)| without_bom(l))
                            .find(|l| !l.trim().is_empty())
                            .is_some_and(|next| confirmed(Needs::Text, next))) =>
            {
                last_header = Some(n);
                header_line(&mut header, &t)
            }
            Some(t) => {
                otter |= t.otter;
                casing.see(&t);
                let name = speaker(t.name, by);
                let label = *label_index.entry(name).or_insert_with(|| {
                    labels.push(name.to_owned());
                    labels.len() - 1
                });
                let time = match t.time {
                    Some(time) => time.to_owned(),
                    None => pending_time.take().unwrap_or_default(),
                };
                let mut paragraphs = std::mem::take(&mut before);
                directions.clear();
                let mut times = vec![String::new(); paragraphs.len()];
                if let Some(first) = times.first_mut() {
                    first.clone_from(&time);
                }
                let said = t.said();
                if !said.is_empty() {
                    paragraphs.push(said.into_owned());
                    times.push(if paragraphs.len() == 1 { time } else { String::new() });
                } else if paragraphs.is_empty() && !time.is_empty() {
                    // The text comes on the next lines: it starts at this time.
                    pending_time = Some(time);
                }
                turns.push(Said { line: n, label, paragraphs, times, heads: Vec::new() });
            }
            None if !turns.is_empty()
                && (record_heading(&lowercase, line, wrapped)
                    || (by.is_some() && examination(line))
                    || chair_heading(line, &lowercase, wrapped)) =>
            {
                match before.last_mut() {
                    Some(p) if wrapped => super::cues::join(p, trimmed),
                    _ => before.push(trimmed.to_owned()),
                }
                heading = true;
            }
            None => match turns.last_mut() {
                Some(last) => {
                    // Headings that text follows, not a turn, stay where
                    // they are.
                    let headed = !before.is_empty();
                    let times = std::iter::repeat_n(String::new(), before.len());
                    last.times.extend(times);
                    last.paragraphs.append(&mut before);
                    match last.paragraphs.last_mut() {
                        Some(p)
                            if !gap
                                && !headed
                                && !own_paragraph(
                                    &lowercase,
                                    p.chars().next_back(),
                                    list_marker(p).is_some(),
                                    trimmed,
                                )
                                && !item_line(&lowercase, trimmed)
                                && !list_line(list_marker(p), p.chars().next_back(), trimmed)
                                && !record_opens(&lowercase, line) =>
                        {
                            super::cues::join(p, trimmed)
                        }
                        _ => {
                            last.paragraphs.push(trimmed.to_owned());
                            last.times.push(pending_time.take().unwrap_or_default());
                        }
                    }
                }
                None if is_stage_direction(trimmed) => {
                    before.push(trimmed.to_owned());
                    directions.push(n);
                }
                None => {
                    // Stage directions other text follows are the
                    // introduction's (a hearing record's `[Senate Hearing
                    // 116-123]`), not the first turn's.
                    for (p, at) in before.drain(..).zip(directions.drain(..)) {
                        intro.line(at, &p, &mut header.file.intro);
                    }
                    intro.line(n, trimmed, &mut header.file.intro);
                }
            },
        }
        gap = false;
    }
    // Headings after the last turn: its.
    if let Some(last) = turns.last_mut() {
        last.times.extend(std::iter::repeat_n(String::new(), before.len()));
        last.paragraphs.append(&mut before);
    }
    if let Some(t) = turns.iter().find(|t| t.paragraphs.is_empty()) {
        return Err(no_text(t.line, &labels[t.label]));
    }
    if turns.is_empty() {
        return Err(no_turns(text.lines().count(), text.lines().filter(|l| ranged(l)).count()));
    }
    let mut file = header.file;
    notes.splice(0..0, speakers::assemble(&mut file, &labels, turns));
    notes.extend(intro.note());
    stamps::take_trailing(&mut file);
    Ok((file, notes))
}
