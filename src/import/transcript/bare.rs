//! A speaker's name alone on a line above what they said (`Priya Raman`,
//! `Speaker 1`, `INTERVIEWER`), as Otter.ai exports without times and many
//! transcribers type, or with its time before or after it (`00:00:03
//! Speaker 1`, `Speaker 1 00:03`), as other services set it (see
//! [`bare_label`]). A name is no label by its shape alone (`Summary` above
//! a paragraph is a heading), so the whole file tells: names that come
//! back, more such lines than labels (see [`Bare::names`]); with or
//! without blank lines between turns ([`TIGHT`]). So too for a
//! name opening its text on the same line without a colon of its own (a
//! tab after it, a time in brackets, `Q.`, bold or brackets around a
//! label: see [`inline_label`]).

use std::collections::{HashMap, HashSet};

use super::Turn;
use super::labels::{described_name, is_clock, is_name, is_time, leading_time};
use super::layouts::marked_label;

/// Names alone on a line after a blank one (or first), with their text on
/// the next line that is not blank, and names opening a line of their text
/// ([`inline_label`]), counted over a whole file.
#[derive(Debug, Default)]
pub(in crate::import) struct Bare {
    /// Whether the line before was not blank (`false` at the start); a
    /// line of only times (see [`time_above`]) is passed over.
    after_text: bool,
    /// A [`bare_label`]'s name after a blank line, waiting for its text.
    waiting: Option<String>,
    /// Each such name: how many times its text followed.
    counts: HashMap<String, usize>,
    /// A [`bare_label`]'s name right after a line of text, waiting for its
    /// text on the very next line.
    waiting_tight: Option<String>,
    /// Each such name: how many times its text followed (a file with no
    /// blank lines: Word's plain text of `Interviewer` / question /
    /// `Respondent` / answer).
    tight: HashMap<String, usize>,
    /// Each name above its text: how many lines that are not blank came
    /// before the first time.
    first: HashMap<String, usize>,
    /// Each name opening a line of text without a colon (see
    /// [`inline_label`]): how many lines.
    inline: HashMap<String, usize>,
    /// Lines that are not blank.
    lines: usize,
}

impl Bare {
    /// Counts `line`, the next line of the file.
    /// `labelled`: whether `line` has a label as `line_turn` reads it (such
    /// a line is never one of these).
    pub fn see(&mut self, line: &str, labelled: bool) {
        let trimmed = line.trim();
        // The name's text is the next line that is not blank (a document
        // whose every paragraph has a blank line after it, the names'
        // too).
        if let Some(name) = self.waiting.take() {
            if trimmed.is_empty() {
                self.waiting = Some(name);
            } else if below(&name, line) {
                self.first.entry(name.clone()).or_insert(self.lines);
                *self.counts.entry(name).or_default() += 1;
            }
        }
        // Below a line of text, any short line with capitals may look like
        // a name (`X.`): one whose next line looks like one too is not
        // counted.
        if let Some(name) = self.waiting_tight.take()
            && !trimmed.is_empty()
            && below(&name, line)
            && bare_label(trimmed).is_none()
        {
            self.first.entry(name.clone()).or_insert(self.lines);
            *self.tight.entry(name).or_default() += 1;
        }
        self.lines += usize::from(!trimmed.is_empty());
        if !labelled
            && let Some(t) = inline_label(line)
            && !t.text.starts_with(char::is_lowercase)
        {
            *self.inline.entry(t.name.to_owned()).or_default() += 1;
        }
        if !labelled && let Some((name, _)) = bare_label(numbered(trimmed).1) {
            let waiting = if self.after_text { &mut self.waiting_tight } else { &mut self.waiting };
            *waiting = Some(name.to_owned());
        }
        // A time above a name is the name's (Teams' `0:0:3.39 --> 0:0:8.21`
        // above `Raman, Priya`): the name is after what came before it.
        if time_above(trimmed).is_none() {
            self.after_text = !trimmed.is_empty();
        }
    }

    /// The names that are speakers, where the file is laid out so: two
    /// names or more, one coming back, three such lines at least, and
    /// more of them than the `labels` (lines with a label: a labelled
    /// transcript's `Summary` above a paragraph, twice, is text).
    /// So too for names opening a line of their text without a colon
    /// ([`inline_label`]: lines of a file's own text may open so, a
    /// table's row, `**Important:** …`, a quoted `Q. …`), where twice as
    /// many lines open so as with a label and a third of the file's lines
    /// at least (text going on in lowercase after the name not counted).
    /// Names right below a line of text, in a file without blank lines
    /// between turns, where four lines at least are such names and a
    /// tenth of the file's lines: then [`TIGHT`] is one of the names too.
    /// Two names at least must come back (below a line of text, a heading
    /// or a list's item looks like a name too: `Interview 6`); a name
    /// that does not is one only after one that does has spoken (someone
    /// who speaks once, not the header's `Interview 6` above the first
    /// turn).
    pub fn names(&self, labels: usize) -> impl Iterator<Item = String> + '_ {
        let layout = |counts: &HashMap<String, usize>, over: usize| {
            let lines: usize = counts.values().sum();
            counts.len() >= 2 && comes_back(counts) && lines >= 3 && lines > over
        };
        let inline_lines: usize = self.inline.values().sum();
        let tight_lines: usize = self.tight.values().sum();
        let seen = |name: &str| {
            self.counts.get(name).copied().unwrap_or(0) + self.tight.get(name).copied().unwrap_or(0)
        };
        let back = move |name: &&String| seen(name) >= 2;
        let tight = layout(&self.tight, labels)
            && tight_lines >= 4
            && tight_lines * 10 >= self.lines
            && self.tight.keys().filter(back).count() >= 2;
        let at = |name: &str| self.first.get(name).copied().unwrap_or(0);
        let opened = self.tight.keys().filter(back).map(|n| at(n)).min().unwrap_or(0);
        let speaker = move |name: &&String| back(name) || at(name) > opened;
        let above = layout(&self.counts, labels);
        let inline = layout(&self.inline, 2 * labels) && inline_lines * 3 >= self.lines;
        // Above text after a blank line, a heading naming the interview
        // said once (`Interview 22` above `Recorded 3 May 2023`) is no
        // speaker; someone who speaks once is (a chair opening).
        let above =
            self.counts.keys().filter(move |n| above && (back(n) || !super::numbered_title(n)));
        let only_tight = self.tight.keys().filter(|n| !self.counts.contains_key(*n));
        let tight_names = self.counts.keys().chain(only_tight).filter(move |_| tight);
        let inline = self.inline.keys().filter(move |_| inline);
        let names = above.chain(tight_names.filter(speaker)).chain(inline).cloned();
        names.chain(tight.then(|| TIGHT.to_owned()))
    }
}

/// Whether one of the names `counts` counts comes back: written the same
/// twice, or once with what Hansard's web pages put after it the first
/// time and once without (`Keir Starmer (Holborn and St Pancras) (Lab)`,
/// then `Keir Starmer`).
fn comes_back(counts: &HashMap<String, usize>) -> bool {
    if counts.values().any(|&n| n >= 2) {
        return true;
    }
    let mut seen = HashSet::new();
    counts.keys().any(|name| {
        let base = name.split(" (").next().unwrap_or(name).trim();
        !seen.insert(base)
    })
}

/// Among the speakers a file's lines give (see [`Bare::names`]): a name
/// alone on a line may open a turn right below a line of text, the file
/// having no blank lines between turns. No name can be it: a name is on
/// one line.
pub(in crate::import) const TIGHT: &str = "\n";

/// Among the speakers a file's lines give: its lines are not wrapped, a
/// line is a paragraph (as Word saves a document as text, and many
/// transcribers type). Told by their widths: a tenth of the lines longer
/// than 160 columns, which hard wraps do not make. No name can be it: a
/// name is on one line.
pub(in crate::import) const UNWRAPPED: &str = "\n\n\n\n\n";

/// Whether the line `next` of a turn opens a paragraph of its own after a
/// line ending in `last`, in a paragraph that is a list's item if `item`.
/// In a file whose lines are not wrapped ([`UNWRAPPED`] among its
/// `speakers`), after an item, or where the line before ended a sentence
/// or a clause (a line that ends mid-sentence, or in a word broken with a
/// hyphen, runs on). In a file laid out with names
/// below lines of text ([`TIGHT`]), where a sentence ended and another
/// opens, not in lowercase (Word saves each paragraph as a line; a line
/// wrapped mid-sentence runs on).
pub(in crate::import) fn own_paragraph(
    speakers: &HashSet<String>,
    last: Option<char>,
    item: bool,
    next: &str,
) -> bool {
    if speakers.contains(UNWRAPPED) {
        return item
            || last.is_some_and(|c| {
                matches!(
                    c,
                    '.' | '?'
                        | '!'
                        | '…'
                        | '"'
                        | '”'
                        | '’'
                        | ')'
                        | ']'
                        | ':'
                        | ';'
                        | '—'
                        | '–'
                        | '。'
                        | '？'
                        | '！'
                        | '：'
                        | '；'
                        | '）'
                        | '」'
                        | '』'
                )
            });
    }
    speakers.contains(TIGHT)
        && last.is_some_and(|c| {
            matches!(c, '.' | '?' | '!' | '…' | '"' | '”' | '’' | ')' | '。' | '？' | '！')
        })
        && !next.starts_with(char::is_lowercase)
}

/// Words of headings, not of names: a document's (`Summary`, `Next
/// Steps`), a song's (`Chorus`), a recipe's (`Ingredients`), minutes'
/// (`Action Items`), a programme's (`Keynote  9:30 AM`). A line with one
/// is no name.
const HEADING_WORDS: &[&str] = &[
    "note",
    "notes",
    "tip",
    "tips",
    "warning",
    "important",
    "caution",
    "todo",
    "done",
    "step",
    "pros",
    "cons",
    "intro",
    "present",
    "observations",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "remarks",
    "keynote",
    "lunch",
    "break",
    "session",
    "panel",
    "registration",
    "coffee",
    "reception",
    "recess",
    "workshop",
    "plenary",
    "adjournment",
    "summary",
    "abstract",
    "overview",
    "introduction",
    "background",
    "method",
    "methods",
    "methodology",
    "results",
    "findings",
    "discussion",
    "conclusion",
    "conclusions",
    "recommendations",
    "references",
    "appendix",
    "contents",
    "chapter",
    "section",
    "chorus",
    "verse",
    "decision",
    "refrain",
    "bridge",
    "outro",
    "ingredients",
    "directions",
    "instructions",
    "agenda",
    "minutes",
    "attendees",
    "apologies",
    "action",
    "actions",
    "items",
    "decisions",
    "steps",
    "example",
    "examples",
    "definition",
    "objectives",
    "limitations",
    // A meal plan's, a changelog's, a log's, a training plan's, a play's.
    "breakfast",
    "dinner",
    "supper",
    "snack",
    "snacks",
    "added",
    "fixed",
    "changed",
    "removed",
    "deprecated",
    "error",
    "errors",
    "info",
    "debug",
    "warm-up",
    "cool-down",
    "act",
    "scene",
    // Hansard's above Prime Minister's Questions.
    "engagements",
];

/// Whether `line` (trimmed) may be a speaker's name alone on its line
/// above their text (`Jane Smith`, `Speaker 1`, `Interviewer`, `Jane Smith
/// (Acme)`): a name's shape, no greeting or opening of speech (`Okay`,
/// `Thank You`, `So Then`), and no heading's word (`Next Steps`).
fn bare_name(line: &str) -> bool {
    line.len() <= 80
        // The marks are none of them ASCII: most lines are (a search for
        // several characters at once is slow, asked of every short line).
        && (line.is_ascii() || !line.contains(TEXT_MARKS))
        && (is_name(line) || described_name(line))
        && !super::header::spoken(line)
        && !line.split_whitespace().any(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
            HEADING_WORDS.contains(&w.as_str())
        })
}

/// Punctuation of sentences in scripts without capitals, which a name
/// alone on a line never has: in Chinese and Japanese, a line of text
/// (`您好，谢谢。`) is otherwise as short and uncased as a name (`王小明`).
const TEXT_MARKS: &[char] =
    &['，', '。', '？', '！', '、', '；', '：', '「', '」', '《', '》', '،', '؟', '؛', '۔'];

/// What may stand between a name and its time: `[00:00:02.74] - Søren
/// Kjærgaard`, `Priya Raman - 00:03`.
const BETWEEN: &[char] = &['-', '–', '—', '|', ' ', '\t'];

/// A name alone on `line` (see [`bare_name`]), or with its time before it
/// (`00:00:03 Speaker 1`, `[00:00:02.74] - Søren Kjærgaard`, as Word's
/// Transcribe, NVivo, MacWhisper, Happy Scribe and Amberscript set it) or
/// after it (`Speaker 1 00:03`, `Priya Raman - 00:03`, `Jane (10:02 AM)`,
/// as Notta and Fireflies do): the name, and the time if there is one.
fn bare_label(line: &str) -> Option<(&str, Option<&str>)> {
    if line.len() > 80 {
        return None;
    }
    let line = line.trim_matches(unseen);
    let (name, time) = match leading_time(line).or_else(|| trailing_time(line)) {
        Some((time, name)) => (name.trim_matches(BETWEEN).trim_matches(unseen), Some(time)),
        None => (line, None),
    };
    // `I` above a question and `R` above its answer, as interviews are
    // typed (see `LETTERS`).
    (bare_name(name) || LETTERS.contains(&name)).then_some((name, time))
}

/// Marks that show nothing, which text copied from a web page or a
/// right-to-left name carries at a name's ends: zero-width spaces and
/// joiners, bidirectional marks and isolates, the byte order mark.
fn unseen(c: char) -> bool {
    c.is_whitespace()
        || crate::model::sanitize::is_bidi_control(c)
        || matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}'..='\u{2064}' | '\u{feff}')
}

/// The time ending `line` and what comes before it: `Speaker 1 00:03`,
/// `Jane Smith  10:02 AM`, `Jane (00:03)`, `Jane [00:03]`.
fn trailing_time(line: &str) -> Option<(&str, &str)> {
    if let Some(close) = line.chars().next_back().filter(|c| matches!(c, ')' | ']')) {
        let open = if close == ')' { '(' } else { '[' };
        let (name, time) = line[..line.len() - 1].rsplit_once(open)?;
        return is_clock(time.trim()).then_some((time.trim(), name));
    }
    let (head, last) = line.rsplit_once(char::is_whitespace)?;
    if is_time(last) {
        return Some((last, head));
    }
    // A time of day: `10:02 AM`.
    let (name, _) = head.trim_end().rsplit_once(char::is_whitespace)?;
    let time = line[name.len()..].trim_start();
    is_clock(time).then_some((time, name))
}

/// Letters that stand for a speaker before a period, as interviews are
/// typed: `Q.` and `A.`, `I.` and `R.` (interviewer, respondent), `P.`, `M.`.
const LETTERS: &[&str] = &["Q", "A", "I", "R", "P", "M"];

// Built once: a finder built at each call cost a few per cent of an
// import, asked of every line.
static BRACKET: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b" ["));

/// A name opening a line of its text without a colon of its own, as the
/// whole file must confirm (see [`Bare::names`]): in bold or brackets
/// ([`marked_label`]); a tab after it (`Priya⇥Thanks for
/// coming.`, a document's table of two columns saved as text), with the
/// time in a column before (`00:00:06⇥Fatima Al-Sayed⇥It was…`, NVivo's)
/// or after (`Fatima Al-Sayed⇥00:00:06⇥It was…`);
/// a time in brackets after it (`Priya Raman [00:00:03] Thanks…`, Trint's);
/// or a letter and a period (`Q. Have you…`, `A. Yes.`).
fn inline_label(line: &str) -> Option<Turn<'_>> {
    // A deposition indents its `Q.` and `A.` lines (`     Q.   Good
    // morning.`); a tab is a column, kept.
    let line = line.trim_start_matches('\u{feff}').trim_start_matches(' ');
    // Asked of every line of a file: a name and a time are short, so only
    // the line's start is looked at (a tab and `[` are ASCII: a cut there
    // is a character's boundary).
    let head = &line.as_bytes()[..line.len().min(100)];
    fn turn<'a>(name: &'a str, time: Option<&'a str>, text: &'a str) -> Option<Turn<'a>> {
        let (name, text) = (name.trim_matches(unseen), text.trim());
        (!name.is_empty() && !text.is_empty() && bare_name(name)).then_some(Turn {
            name,
            time,
            text,
            otter: false,
            lead: None,
        })
    }
    if line.starts_with(['*', '[']) {
        return marked_label(line).filter(|t| bare_name(t.name));
    }
    if let Some(at) = memchr::memchr(b'\t', head) {
        let (first, rest) = (&line[..at], &line[at + 1..]);
        // NVivo's time, or its span (`00:00:01 - 00:00:04`): the start.
        let start = span_start(first);
        // `Q.⇥Have you…`: the letter.
        let first = first.strip_suffix('.').filter(|l| LETTERS.contains(l)).unwrap_or(first);
        return match rest.split_once('\t') {
            Some((name, text)) if is_clock(start) => turn(name, Some(start), text),
            // `Fatima Al-Sayed⇥00:00:06⇥It was…`: the time in the column after.
            Some((time, text)) if is_clock(span_start(time)) => {
                turn(first, Some(span_start(time)), text)
            }
            _ => turn(first, None, rest),
        };
    }
    if head.get(1..3) == Some(b". ") && LETTERS.contains(&&line[..1]) {
        // `I.` too, which as a word opens speech.
        let text = line[3..].trim();
        return (!text.is_empty()).then_some(Turn {
            name: &line[..1],
            time: None,
            text,
            otter: false,
            lead: None,
        });
    }
    let at = BRACKET.find(head)?;
    let (name, rest) = (&line[..at], &line[at + 2..]);
    let (time, text) = rest.split_once("] ")?;
    if !is_clock(time.trim()) || name.contains(['[', ']']) {
        return None;
    }
    turn(name, Some(time.trim()), text)
}

/// A time's column, or its span's (`00:00:01 - 00:00:04`) start.
fn span_start(column: &str) -> &str {
    column.split(" - ").next().unwrap_or_default().trim()
}

/// The (first) time if `line` (trimmed) is only one time or two (`0:03`,
/// `[00:00:03]`, `0:0:3.39 --> 0:0:8.21`, `00:01 - 00:04`): above a name
/// of the file's speakers, as Microsoft Teams' transcripts saved from
/// Word set them (the next line that is not blank a [`bare_turn`]), the
/// time its turn starts.
pub(in crate::import) fn time_above(line: &str) -> Option<&str> {
    let mut times = line.split(['-', '–', '>', ' ']).filter(|t| !t.is_empty());
    let first = times.next().and_then(time_below)?;
    times.all(|t| time_below(t).is_some()).then_some(first)
}

/// The turn a name opens on a line of its text (see [`inline_label`]; or
/// a hearing's record's, see `record::label`), if it is one of `speakers`
/// ([`Bare::names`], `Record::names`).
pub(in crate::import) fn inline_turn<'a>(
    line: &'a str,
    speakers: &HashSet<String>,
) -> Option<Turn<'a>> {
    if speakers.is_empty() {
        return None;
    }
    let t = inline_label(line).or_else(|| super::record::label(line));
    t.filter(|t| speakers.contains(t.name)).or_else(|| super::europarl::turn(line, speakers))
}

/// Whether `next` may be the text of `name` alone on the line above it:
/// not blank, no label, and, below a name of one word, not going on in
/// lowercase as a sentence would (`Never` above `not once, actually.` is
/// an answer wrapped; `Ana` above `so I think` is still Ana's).
fn below(name: &str, next: &str) -> bool {
    super::confirmed(super::Needs::Text, next)
        && (name.contains(char::is_whitespace)
            || !next.trim_start().starts_with(char::is_lowercase))
}

/// The turn a name alone on `line` opens, if it is one of `speakers` (see
/// [`Bare::names`]); it is a label if [`bare_confirmed`] by the line after
/// it, and only where a line of a turn does not go on.
pub(in crate::import) fn bare_turn<'a>(
    line: &'a str,
    speakers: &HashSet<String>,
) -> Option<Turn<'a>> {
    if speakers.is_empty() {
        return None;
    }
    let (lead, line) = numbered(line.trim());
    let (name, time) = bare_label(line)?;
    speakers.contains(name).then_some(Turn { name, time, text: "", otter: true, lead })
}

/// `line` (trimmed) without the number Hansard's web pages give a
/// question on the order paper before the member's name alone on its line
/// (`Q1. [900456] Dame Diana Johnson (Kingston upon Hull North) (Lab)`),
/// and that number (it opens the question's text).
fn numbered(line: &str) -> (Option<&str>, &str) {
    match super::labels::question(line) {
        Some((number, rest, true)) if super::layouts::member(rest) => (Some(number), rest),
        _ => (None, line),
    }
}

/// Whether `next`, the next line after a [`bare_turn`] that is not blank,
/// is its text: no label, and not another speaker's name alone. (Once the file
/// says the name is a speaker's, text going on in lowercase is theirs too.)
pub(in crate::import) fn bare_confirmed(next: &str, speakers: &HashSet<String>) -> bool {
    super::confirmed(super::Needs::Text, next) && bare_turn(next, speakers).is_none()
}

/// The time if `line`, right below a [`bare_turn`], is only a time (`00:03`,
/// `[0:03]`), as some services set it under the name: the turn's time.
pub(in crate::import) fn time_below(line: &str) -> Option<&str> {
    super::layouts::time_alone(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names of `text`, its labels counted as `Lowercase` counts them.
    fn names(text: &str) -> Vec<String> {
        let mut bare = Bare::default();
        let mut labels = 0;
        for l in text.lines() {
            let labelled = super::super::line_turn(l).is_some();
            labels += usize::from(labelled);
            bare.see(l, labelled);
        }
        let mut names: Vec<String> = bare.names(labels).collect();
        names.sort();
        names
    }

    #[test]
    fn names_alone_above_text_where_the_file_is_laid_out_so() {
        let otter =
            "Priya Raman\nHi.\n\nTom Becker\nSure.\n\nPriya Raman\nGood.\n\nSpeaker 3\nBye.\n";
        assert_eq!(names(otter), ["Priya Raman", "Speaker 3", "Tom Becker"]);
        // A blank line may stand between the name and its text; one must
        // come before the name.
        let spaced = "Priya Raman\n\nHi.\n\nTom Becker\n\nSure.\n\nPriya Raman\n\nOk.\n";
        assert_eq!(names(spaced), ["Priya Raman", "Tom Becker"]);
        assert!(names("Priya Raman\n\n\nTom Becker\n\nPriya Raman\n").is_empty());
        // With no blank lines, four names at least below a line of text.
        assert!(names("Hi.\nPriya Raman\nx\nTom Becker\ny\nPriya Raman\nz\n").is_empty());
        let said = ["Hi there.", "We met in May.", "And then?", "It rained.", "Good."];
        let turns = |names: &[&str]| {
            let lines = names.iter().zip(said.iter().cycle()).map(|(n, t)| format!("{n}\n{t}\n"));
            lines.collect::<String>()
        };
        let four = ["Priya Raman", "Tom Becker", "Priya Raman", "Tom Becker"];
        let tight = format!("Intro.\n{}", turns(&four));
        assert_eq!(names(&tight), [TIGHT, "Priya Raman", "Tom Becker"]);
        let first = turns(&["Ana Lima", "Priya Raman", "Tom Becker", "Priya Raman", "Tom Becker"]);
        assert_eq!(names(&first), [TIGHT, "Priya Raman", "Tom Becker"], "Ana Lima, first, once");
        let once = turns(&["Priya Raman", "Tom Becker", "Priya Raman", "Ana Lima", "Tom Becker"]);
        assert_eq!(names(&once), [TIGHT, "Ana Lima", "Priya Raman", "Tom Becker"], "once, after");
        let first = turns(&["Ana Lima", "Priya Raman", "Ana Lima", "Tom Becker", "Priya Raman"]);
        let want = [TIGHT, "Ana Lima", "Priya Raman", "Tom Becker"];
        assert_eq!(names(&first), want, "the first line's, back");
        // A text line that looks like a name (`X.`) has a name below it:
        // not counted.
        assert!(names(&tight.replace("Hi there.", "X.").replace("It rained.", "Y.")).is_empty());
        // A time above each name is passed over.
        let timed =
            turns(&four.map(|n| format!("0:0{}\n{n}", n.len() % 9)).each_ref().map(String::as_str));
        assert_eq!(names(&format!("Intro.\n{timed}")), [TIGHT, "Priya Raman", "Tom Becker"]);
        assert_eq!(time_above("0:0:3.39 --> 0:0:8.21"), Some("0:0:3.39"));
        assert_eq!(time_above("[00:01] - [00:04]"), Some("00:01"));
        assert!(time_above("").is_none() && time_above("0:03 Jane").is_none());
        assert!(time_above("-").is_none() && time_above("0:03 - x").is_none());
        let long = tight.replace("We met in May.", &"We met in May.\n".repeat(40));
        assert!(names(&long).is_empty(), "names in fewer than a tenth of the lines");
        // Fewer such lines than labels: a labelled transcript's headings.
        let mut bare = Bare::default();
        "A: x\nB: y\nC: z\n\nSpeaker\nX\n\nHost\nY\n\nSpeaker\nZ\n"
            .lines()
            .for_each(|l| bare.see(l, super::super::line_turn(l).is_some()));
        assert_eq!(bare.names(3).count(), 0);
        assert_eq!(bare.names(2).count(), 2);
        // A word going on in lowercase below it is an answer wrapped.
        assert!(names("Never\nnot once.\n\nSometimes\nin summer.\n\nNever\nin rain.\n").is_empty());
        let ana = "Ana\nso I think.\n\nBen Okoro\nyes.\n\nAna\nNo.\n\nBen Okoro\nok.\n";
        assert_eq!(names(ana), ["Ana", "Ben Okoro"], "Ana counted once, above `No.`");
        assert!(names("Ana\nso.\n\nBen Okoro\nyes.\n\nAna\nwell.\n\nBen Okoro\nok.\n").is_empty());
        for name in ["Jane Smith", "INTERVIEWER", "Speaker 1", "Dr. Lee (Acme)", "Lee, Ann"] {
            assert!(bare_name(name), "{name}");
        }
        for line in [
            "Okay",
            "Thank You",
            "Hello There",
            "Yes.",
            "so then",
            "Note: x",
            "[music]",
            "",
            "您好，谢谢。",
            "هل أنت نادم على القرار؟",
        ] {
            assert!(!bare_name(line), "{line}");
        }
        let table = "Priya\tHi.\nTom\tSure.\n\tAnd more.\nPriya\tGood.\n";
        assert_eq!(names(table), ["Priya", "Tom"]);
        assert_eq!(names("Q. Why?\n\nA. Because.\n\nQ. And?\n"), ["A", "Q"]);
        assert_eq!(names("I. Why?\n\nR. Because.\n\nI. And?\n"), ["I", "R"]);
        assert_eq!(names("**Ann:** Hi.\n**Bo:** Yo.\n**Ann:** So.\n"), ["Ann", "Bo"]);
        // In a labelled transcript, lines of its text that open so: a
        // table's rows, a bold lead-in, quoted questions.
        let labelled =
            "Ann: Hi.\nBo: The plan:\nBudget\tFour.\nTimeline\tMay.\nBudget\tFive.\nAnn: Ok.\n";
        assert!(names(labelled).is_empty());
        let bold = "Ann: Hi.\nBo: Three things.\n**Important:** Tools stay.\n**Tip:** Ask.\n**Important:** Ok.\n";
        assert!(names(bold).is_empty());
        // Text going on in lowercase after the name is not counted.
        assert!(names("P. putida grew.\nM. smegmatis did not.\nP. putida again.\n").is_empty());
        assert!(names("a\tb\nc\td\na\te\n").is_empty(), "no names");
        for heading in
            ["Summary", "Next Steps", "Action Items", "Chorus", "Verse 1", "Chapter One", "Keynote"]
        {
            assert!(!bare_name(heading), "{heading}");
        }
    }

    #[test]
    fn a_name_alone_is_a_label_where_its_text_follows() {
        let speakers = HashSet::from(["Jane Smith".to_owned(), "John Doe".to_owned()]);
        let t = bare_turn("  Jane Smith ", &speakers).expect("a label");
        assert_eq!((t.name, t.time, t.text), ("Jane Smith", None, ""));
        assert!(bare_confirmed("Hello.", &speakers) && bare_confirmed("so I think", &speakers));
        assert!(!bare_confirmed("John Doe", &speakers) && !bare_confirmed("", &speakers));
        assert!(!bare_confirmed("JOHN: hi", &speakers));
        assert!(bare_turn("Jane", &speakers).is_none());
        // With its time before or after it.
        for (line, time) in [
            ("00:00:03 Jane Smith", "00:00:03"),
            ("[00:00:02.74] - Jane Smith", "00:00:02.74"),
            ("(00:03) John Doe", "00:03"),
            ("00:00:04.548 John Doe", "00:00:04.548"),
            ("Jane Smith 00:03", "00:03"),
            ("Jane Smith - 1:02:03", "1:02:03"),
            ("John Doe  10:02 AM", "10:02 AM"),
            ("John Doe (10:02 AM)", "10:02 AM"),
            ("Jane Smith [00:03]", "00:03"),
            ("\u{200b}Jane Smith\u{200b} 00:03", "00:03"),
            ("\u{200f}John Doe\u{200f} 00:03", "00:03"),
        ] {
            assert_eq!(bare_turn(line, &speakers).and_then(|t| t.time), Some(time), "{line}");
        }
        for line in ["00:03", "Jane Smith: 00:03", "at 00:03 Jane Smith", "Jane Smith at 00:03"] {
            assert!(bare_turn(line, &speakers).is_none(), "{line}");
        }
        assert_eq!(time_below("00:03"), Some("00:03"));
        // A name opening its text: after a time and before a tab, before
        // a time in brackets, or a letter and a period.
        let speakers = HashSet::from(["Jane Smith".to_owned(), "Q".to_owned()]);
        for (line, time, text) in [
            ("Jane Smith\tHello there.", None, "Hello there."),
            ("00:00:06\tJane Smith\tHello there.", Some("00:00:06"), "Hello there."),
            ("Jane Smith\t00:00:06\tHello there.", Some("00:00:06"), "Hello there."),
            ("Jane Smith\t00:00:06 - 00:00:09\tHello there.", Some("00:00:06"), "Hello there."),
            ("Jane Smith\tAt 6:00\tthat is.", None, "At 6:00\tthat is."),
            ("Jane Smith [00:00:03] Hello there.", Some("00:00:03"), "Hello there."),
            ("Q. Hello there.", None, "Hello there."),
            ("     Q.   Hello there.", None, "Hello there."),
            ("Q.\tHello there.", None, "Hello there."),
        ] {
            let t = inline_turn(line, &speakers).expect(line);
            assert_eq!((t.time, t.text), (time, text), "{line}");
        }
        for line in
            ["\tgoes on", "Jane Smith\t", "Someone\tHello.", "Jane Smith [see] x", "A. Yes."]
        {
            assert!(inline_turn(line, &speakers).is_none(), "{line}");
        }
        assert_eq!(time_below(" [1:02:03] "), Some("1:02:03"));
        // Below names without blank lines: a line a paragraph where a
        // sentence ends and another opens.
        let tight = HashSet::from([TIGHT.to_owned()]);
        let own = |last, next| own_paragraph(&tight, last, false, next);
        assert!(own(Some('.'), "Then we sold it.") && own(Some('”'), "“Yes"));
        assert!(own(Some('。'), "然后") && own(Some('?'), "42 of them."));
        assert!(!own(Some('.'), "and then") && !own(Some('n'), "May.") && !own(None, "Then."));
        assert!(
            !own_paragraph(&HashSet::new(), Some('.'), false, "Then."),
            "blank lines between turns"
        );
        assert_eq!(time_below("at 00:03"), None);
    }
}
