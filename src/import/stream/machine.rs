//! The reading both passes share: `transcript::read`'s loop, one line at
//! a time.

use std::collections::HashSet;

use super::{Sink, Stop};
use crate::import::markdown::{FRONT_LINES, front_matter};
use crate::import::transcript;

/// `transcript::read`'s loop, one line at a time (see there for the rules).
#[derive(Default)]
pub(super) struct Machine {
    seen_first: bool,
    started: bool,
    gap: bool,
    pending: Option<String>,
    before: Vec<String>,
    /// The current turn's line, label and whether it has a paragraph yet.
    turn_line: usize,
    turn_label: String,
    has_text: bool,
    /// The last character of the paragraph being read.
    last: Option<char>,
    /// The list marker the paragraph being read opened with, if any.
    opened: Option<transcript::Marker>,
    casing: transcript::Casing,
    /// Whether a label was written as Otter.ai writes them.
    otter: bool,
    /// A line like Otter.ai's closing line, its number and the gap before
    /// it: read when another line follows, dropped if none does.
    held: Option<(usize, String, bool)>,
    /// A line that is a label if the next line is what it needs (see
    /// [`transcript::pending_turn`]), its number and the gap before it:
    /// read when the next line comes, or as text at the end.
    undecided: Option<(usize, String, bool)>,
    /// Whether the line undecided waits for the next line that is not
    /// blank (see `transcript::title_not_label`).
    past_blanks: bool,
    /// Whether a Fathom label has been read (the first starts at 0:00).
    fathom: bool,
    /// Whether the line read last was a name alone (see
    /// `transcript::bare_turn`): a time alone below it is its time.
    named: bool,
    /// Whether the line held was a time above a name alone (see
    /// `transcript::time_above`): a gap before the name, as a time mark
    /// makes.
    timed: bool,
    /// The lines before the first speaker kept as the introduction.
    intro: transcript::Intro,
    /// Lines before the first turn that open with a time range (Whisper's),
    /// for the error if no turn comes.
    ranged: usize,
    /// The lines of the stage directions in `before`, before the first
    /// turn.
    directions: Vec<usize>,
    /// Whether the line read last was a heading of a hearing's record (see
    /// `transcript::record_heading`), held in `before` for the turn it
    /// opens.
    heading: bool,
    /// Whether a select committee's list of panels is being read (see
    /// `transcript::panels`).
    listing: bool,
    /// The last header line's number, and whether a line was read yet (see
    /// `transcript::header_at`).
    last_header: Option<usize>,
    read_any: bool,
    /// Whether the names of a list of who sat are being read, a line each
    /// (see `transcript::opens_list`).
    names: bool,
    /// The examiner of a deposition's examination (see
    /// `transcript::examiner`), whose the questions are.
    examiner: Option<String>,
    /// The lowercase labels that are speakers (see `transcript::Lowercase`).
    lowercase: HashSet<String>,
    /// Notes on lines dropped as no one's speech (a meeting tool's own).
    dropped: Vec<crate::import::Note>,
    /// The lines of front matter being read (from a `---` first line),
    /// until its end tells whether it is front matter.
    front: Option<Vec<(usize, String)>>,
    /// Whether the first line was looked at for front matter.
    front_looked: bool,
    /// Whether front matter was read (and not taken for lines), and
    /// whether it gave the title (a `# ` line is then no title).
    front_read: bool,
    front_titled: bool,
}

impl Machine {
    /// A machine for a transcript whose `lowercase` labels are speakers.
    pub(super) fn knowing(lowercase: HashSet<String>) -> Self {
        Self { lowercase, ..Self::default() }
    }

    pub(super) fn feed(&mut self, n: usize, line: &str, sink: &mut impl Sink) -> Result<(), Stop> {
        // Front matter, as `transcript::read` reads it (see
        // `markdown::front_matter`): held until it ends.
        if let Some(held) = self.front.as_mut() {
            held.push((n, line.to_owned()));
            let l = line.trim_end();
            if l == "---" || l == "..." || held.len() > FRONT_LINES {
                return self.end_front(sink);
            }
            return Ok(());
        }
        if !std::mem::replace(&mut self.front_looked, true)
            && line.trim_start_matches('\u{feff}').trim_end() == "---"
        {
            self.front = Some(vec![(n, line.to_owned())]);
            return Ok(());
        }
        let line = transcript::without_bom(line);
        self.ranged += usize::from(!self.started && transcript::ranged(line));
        if self.past_blanks && self.undecided.is_some() && line.trim().is_empty() {
            self.gap = true;
            return Ok(());
        }
        if let Some((at, held, gap)) = self.undecided.take() {
            let after = std::mem::replace(&mut self.gap, gap);
            self.read_with(at, &held, Next::Line(line), sink)?;
            // (Taken whatever `after` is: left, it would make a gap later.)
            let timed = std::mem::take(&mut self.timed);
            self.gap = after || timed;
        }
        if std::mem::take(&mut self.named)
            && let Some(time) = transcript::time_below(line)
        {
            self.pending = Some(time.to_owned());
            return Ok(());
        }
        if line.trim().is_empty() {
            self.gap = true;
            return Ok(());
        }
        if let Some((at, held, gap)) = self.held.take() {
            let after = std::mem::replace(&mut self.gap, gap);
            self.read(at, &held, sink)?;
            self.gap = after;
        }
        // Neither is a title, so none may follow (as `transcript::read`
        // looks for one on the first line only).
        let in_turn = self.started && self.has_text && !self.gap;
        if let Some(tool) = transcript::tool_line(line.trim(), in_turn) {
            self.seen_first = true;
            self.dropped.push(transcript::tool_line_note(tool, line.trim()));
            return Ok(());
        }
        if let Some(time) = transcript::time_mark(line.trim()) {
            self.seen_first = true;
            self.pending = Some(time.to_owned());
            self.gap = true;
            return Ok(());
        }
        if self.otter && transcript::is_otter_trailer(line) {
            self.held = Some((n, line.to_owned(), self.gap));
            self.gap = false;
            return Ok(());
        }
        self.read(n, line, sink)
    }

    /// The notes on lines dropped as no one's speech (in the order of the
    /// file: Otter.ai's closing line is its last), then on the
    /// introduction, if there is one.
    pub(super) fn notes(&self) -> impl Iterator<Item = crate::import::Note> + '_ {
        let trailer = self.trailer().map(transcript::otter_trailer_note);
        self.dropped.iter().cloned().chain(trailer).chain(self.intro.note())
    }

    /// The Otter.ai closing line the transcript ended with, if any.
    pub(super) fn trailer(&self) -> Option<&str> {
        self.held.as_ref().map(|(_, line, _)| line.trim())
    }

    /// Reads non-blank line `n`.
    fn read(&mut self, n: usize, line: &str, sink: &mut impl Sink) -> Result<(), Stop> {
        self.read_with(n, line, Next::Unknown, sink)
    }

    /// [`Self::read`], knowing the line after, or not yet (a line that may
    /// be a label by what follows is held until then).
    fn read_with(
        &mut self,
        n: usize,
        line: &str,
        next: Next<'_>,
        sink: &mut impl Sink,
    ) -> Result<(), Stop> {
        if !self.seen_first {
            self.seen_first = true;
            if let Some(title) = line.trim_start_matches('\u{feff}').strip_prefix("# ")
                && !self.front_titled
            {
                sink.title(title.trim());
                return Ok(());
            }
        }
        if let Some(time) = transcript::time_above(line.trim())
            && !self.lowercase.is_empty()
        {
            match next {
                Next::Unknown => {
                    self.hold(n, line, true);
                    return Ok(());
                }
                Next::Line(next) if transcript::bare_turn(next, &self.lowercase).is_some() => {
                    self.pending = Some(time.to_owned());
                    self.timed = true;
                    return Ok(());
                }
                Next::Line(_) | Next::End => {}
            }
        }
        if let Some(name) = transcript::examiner(line) {
            self.examiner = Some(name.to_owned());
            self.gap = true;
            return Ok(());
        }
        let in_turn = self.started && self.has_text && !self.gap;
        let mut turn =
            transcript::line_turn(line).or_else(|| transcript::speaker_turn(line, &self.lowercase));
        if !self.started && turn.as_ref().is_some_and(transcript::alone_on_its_line) {
            match next {
                Next::Unknown => {
                    self.hold(n, line, true);
                    return Ok(());
                }
                Next::Line(next) if !transcript::title_not_label(Some(next)) => {}
                Next::Line(_) | Next::End => turn = None,
            }
        }
        if turn.is_none()
            && let Some((t, needs)) = transcript::pending_turn(line)
            && match needs {
                transcript::Needs::Indented => self.fathom || transcript::at_zero(&t),
                transcript::Needs::Text => self.lowercase.contains(t.name),
            }
        {
            match next {
                Next::Unknown => {
                    self.hold(n, line, false);
                    return Ok(());
                }
                Next::Line(next) if transcript::confirmed(needs, next) => {
                    self.fathom |= needs == transcript::Needs::Indented;
                    turn = Some(t);
                }
                Next::Line(_) | Next::End => {}
            }
        }
        if turn.is_none()
            && (!in_turn || self.lowercase.contains(transcript::TIGHT))
            && let Some(t) = transcript::bare_turn(line, &self.lowercase)
        {
            match next {
                Next::Unknown => {
                    self.hold(n, line, true);
                    return Ok(());
                }
                Next::Line(next) if transcript::bare_confirmed(next, &self.lowercase) => {
                    turn = Some(t);
                    self.named = true;
                }
                Next::Line(_) | Next::End => {}
            }
        }
        if turn.is_none() {
            turn = transcript::inline_turn(line, &self.lowercase);
        }
        if turn.is_none() && !self.started {
            turn = transcript::keyed(line);
        }
        if turn.is_none() && self.examiner.is_some() {
            turn = transcript::letter(line);
        }
        // A role with nothing after it opens a turn if text is the next
        // line that is not blank.
        let mut speaks = false;
        if !self.started && turn.as_ref().is_some_and(transcript::empty_role) {
            match next {
                Next::Unknown => {
                    self.hold(n, line, true);
                    return Ok(());
                }
                Next::Line(next) => speaks = transcript::confirmed(transcript::Needs::Text, next),
                Next::End => {}
            }
        }
        // A role put a question without a full stop, or described rather
        // than named: a header line only above one (see `header_at`).
        let mut header = None;
        let after = !self.read_any || self.last_header.is_some_and(|h| h + 1 == n);
        if !self.started
            && let Some(t) = turn.as_ref().filter(|t| transcript::needs_next(t, after))
        {
            match next {
                Next::Unknown => {
                    self.hold(n, line, true);
                    return Ok(());
                }
                Next::Line(next) => header = Some(transcript::header_at(t, Some(next), after)),
                Next::End => header = Some(transcript::header_at(t, None, after)),
            }
        }
        let turn = turn
            .filter(|t| !self.casing.continues(t, in_turn))
            .filter(|t| !self.started || !transcript::item(&self.lowercase, t.name))
            .filter(|_| !self.started || !transcript::chaired(line, &self.lowercase));
        self.listing = !self.started
            && (transcript::panels(line.trim())
                || (self.listing && turn.as_ref().is_some_and(transcript::panel)));
        let turn = turn.filter(|t| !(self.listing && transcript::panel(t)));
        self.read_turn(n, line, turn, speaks, header, sink)
    }

    /// Holds line `n` until the next line (the next not blank, if
    /// `past_blanks`) tells whether it is a label.
    fn hold(&mut self, n: usize, line: &str, past_blanks: bool) {
        self.undecided = Some((n, line.to_owned(), self.gap));
        self.past_blanks = past_blanks;
        self.gap = false;
    }

    /// Reads non-blank line `n` as the label `turn` opening a turn (a
    /// header line before the first, unless it `speaks`), or, if none, as
    /// text.
    fn read_turn(
        &mut self,
        n: usize,
        line: &str,
        turn: Option<transcript::Turn<'_>>,
        speaks: bool,
        header: Option<bool>,
        sink: &mut impl Sink,
    ) -> Result<(), Stop> {
        let trimmed = line.trim();
        self.read_any = true;
        // A heading's line going on from the one before.
        let wrapped = std::mem::take(&mut self.heading) && !self.gap;
        let names = std::mem::take(&mut self.names);
        match turn {
            Some(t)
                if !self.started
                    && header.unwrap_or_else(|| transcript::is_header(&t))
                    && !speaks =>
            {
                self.names = transcript::opens_list(&t);
                self.last_header = Some(n);
                sink.header(&t)
            }
            None if names && !self.started && transcript::names_line(trimmed) => {
                self.names = true;
                sink.listed(trimmed);
            }
            Some(t) => {
                self.otter |= t.otter;
                self.casing.see(&t);
                self.check_turn()?;
                let name = transcript::speaker(t.name, self.examiner.as_deref());
                sink.turn(name)?;
                self.turn_line = n;
                self.turn_label.clear();
                self.turn_label.push_str(name);
                let marked = if t.time.is_none() { self.pending.take() } else { None };
                let time = t.time.or(marked.as_deref()).unwrap_or_default();
                let before = std::mem::take(&mut self.before);
                self.directions.clear();
                for (i, p) in before.iter().enumerate() {
                    sink.paragraph(p, if i == 0 { time } else { "" })?;
                    self.opened = transcript::list_marker(p);
                    self.last = p.chars().next_back();
                }
                let said = t.said();
                if !said.is_empty() {
                    sink.paragraph(&said, if before.is_empty() { time } else { "" })?;
                    self.opened = transcript::list_marker(&said);
                    self.last = said.chars().next_back();
                } else if before.is_empty() && !time.is_empty() {
                    // The text comes on the next lines: it starts at this time.
                    self.pending = Some(time.to_owned());
                }
                self.has_text = !before.is_empty() || !said.is_empty();
                self.started = true;
            }
            None if self.started
                && (transcript::record_heading(&self.lowercase, line, wrapped)
                    || (self.examiner.is_some() && transcript::examination(line))
                    || transcript::chair_heading(line, &self.lowercase, wrapped)) =>
            {
                match self.before.last_mut() {
                    Some(p) if wrapped => crate::import::cues::join(p, trimmed),
                    _ => self.before.push(trimmed.to_owned()),
                }
                self.heading = true;
            }
            None if self.started => {
                // Headings that text follows, not a turn, stay where they
                // are.
                let headed = self.flush_before(sink)?;
                let item = self.opened.is_some();
                let own = transcript::own_paragraph(&self.lowercase, self.last, item, trimmed)
                    || transcript::record_opens(&self.lowercase, line)
                    || transcript::item_line(&self.lowercase, trimmed)
                    || transcript::list_line(self.opened, self.last, trimmed);
                if self.has_text && !self.gap && !own && !headed {
                    let spaced = crate::import::cues::spaced(self.last, trimmed.chars().next());
                    sink.extend(trimmed, spaced)?;
                } else {
                    let time = self.pending.take().unwrap_or_default();
                    sink.paragraph(trimmed, &time)?;
                    self.opened = transcript::list_marker(trimmed);
                    self.has_text = true;
                }
                self.last = trimmed.chars().next_back();
            }
            None if transcript::is_stage_direction(trimmed) => {
                self.before.push(trimmed.to_owned());
                self.directions.push(n);
            }
            None => {
                // Stage directions other text follows are the
                // introduction's, not the first turn's.
                let before = std::mem::take(&mut self.before);
                for (p, at) in before.iter().zip(std::mem::take(&mut self.directions)) {
                    let joins = self.intro.joins(at, p);
                    sink.intro(p, joins)?;
                }
                let joins = self.intro.joins(n, trimmed);
                sink.intro(trimmed, joins)?;
            }
        }
        self.gap = false;
        Ok(())
    }

    /// Writes the headings held (see `transcript::record_heading`) as
    /// paragraphs of the turn being read; whether there were any.
    fn flush_before(&mut self, sink: &mut impl Sink) -> Result<bool, Stop> {
        let before = std::mem::take(&mut self.before);
        for p in &before {
            sink.paragraph(p, "")?;
            self.opened = transcript::list_marker(p);
            self.last = p.chars().next_back();
            self.has_text = true;
        }
        Ok(!before.is_empty())
    }

    /// A turn that ends without text is an error.
    fn check_turn(&self) -> Result<(), Stop> {
        if self.started && !self.has_text {
            return Err(Stop::Import(transcript::no_text(self.turn_line, &self.turn_label)));
        }
        Ok(())
    }

    /// The end of a transcript of `lines` lines: a line held as perhaps a
    /// label is text, with no line after it.
    /// The front matter held, given to `sink`; or, if it is none, its
    /// lines read as any others.
    fn end_front(&mut self, sink: &mut impl Sink) -> Result<(), Stop> {
        let held = self.front.take().unwrap_or_default();
        let text: String = held.iter().map(|(_, l)| format!("{l}\n")).collect();
        match front_matter(text.trim_start_matches('\u{feff}')) {
            Some(front) if front.lines == held.len() => {
                self.front_read = true;
                self.front_titled = front.pairs.iter().any(|(k, v)| {
                    k.eq_ignore_ascii_case("title") && v.split_whitespace().next().is_some()
                });
                sink.front(front.pairs);
            }
            _ => {
                for (n, line) in held {
                    self.feed(n, &line, sink)?;
                }
            }
        }
        Ok(())
    }

    /// Whether a turn has started.
    pub(super) fn started(&self) -> bool {
        self.started
    }

    /// Whether the file opened with front matter, read as such.
    pub(super) fn front_read(&self) -> bool {
        self.front_read
    }

    pub(super) fn finish(&mut self, lines: usize, sink: &mut impl Sink) -> Result<(), Stop> {
        if self.front.is_some() {
            self.end_front(sink)?;
        }
        if let Some((at, held, gap)) = self.undecided.take() {
            self.gap = gap;
            self.read_with(at, &held, Next::End, sink)?;
        }
        if !self.started {
            return Err(Stop::Import(transcript::no_turns(lines, self.ranged)));
        }
        // Headings after the last turn: its.
        self.flush_before(sink)?;
        self.check_turn()
    }
}

/// The line after one being read, as far as it is known.
#[derive(Clone, Copy)]
enum Next<'a> {
    Unknown,
    Line(&'a str),
    End,
}
