//! A list a speaker sets off with labels of its own, inside their turn:
//!
//! ```text
//! Maria: There were three, really.
//! Housing: we needed somewhere to live.
//! Work: the papers took months.
//! ```
//!
//! `Housing:` and `Work:` read as labels, and each made a speaker of its
//! own. The whole file tells them apart from speakers: in a file whose
//! speakers who come back are set apart by blank lines, a run of lines
//! right below one another, each opening with a label found nowhere else
//! in the file, is a list when it has two lines or more (or one, below a
//! line ending in `:`) and they go on in lowercase (or the line above them
//! ends in `:`). Each item is then a paragraph of the turn it is in.
//!
//! A roll call (`Smith: Aye.` / `Jones: Aye.`, each once) goes on with
//! capitals, and a one-line reply below another's (`Husband: yes I was
//! there.`) is one line alone: both stay turns. So do labels that name a
//! speaker by their part or number (`Participant 7:`, `P8:`, `Dr. Ruiz:`,
//! a label with a time): a focus group's `P7: yeah me too` / `P8: same
//! here` is two people.

use std::collections::{HashMap, HashSet};

/// Among the speakers a file's lines give: the file has lists set off with
/// labels ([`Items`]); each item's label follows as `ITEMS` + the label in
/// lowercase. No name can be it: a name is on one line.
pub(in crate::import) const ITEMS: &str = "\n\n\n";

/// At most this many label lines in a row are remembered: a longer run is
/// a transcript without blank lines between turns, not a list.
const LONGEST: usize = 16;

/// How a label was seen over the file: its lines, and how many of them
/// came after a blank line (or first) and right below another line.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Seen {
    lines: usize,
    spaced: usize,
    tight: usize,
}

impl Seen {
    /// One more line, `spaced` (after a blank line, or first) or not.
    pub fn add(&mut self, spaced: bool) {
        self.lines += 1;
        match spaced {
            true => self.spaced += 1,
            false => self.tight += 1,
        }
    }
}

/// A label line of a run: its label in lowercase if it may be an item's:
/// new to the file (a line of each speaker who comes back is not copied)
/// and [`itemish`]; whether its text goes on in lowercase, whether the
/// line ends in `:`.
#[derive(Debug)]
struct Line {
    name: Option<String>,
    lower: bool,
    colon: bool,
}

impl Line {
    /// Whether it may open an item, and its label is, in `names`, on this
    /// line alone.
    fn once(&self, names: &HashMap<String, Seen>) -> bool {
        self.name.as_ref().is_some_and(|n| names.get(n).is_some_and(|s| s.lines == 1))
    }
}

/// The first words of labels that name a speaker by their part.
const PARTS: &[&str] = &[
    "participant",
    "respondent",
    "speaker",
    "interviewer",
    "interviewee",
    "moderator",
    "facilitator",
    "audience",
    "member",
    "person",
    "voice",
    "unknown",
    "unidentified",
    "caller",
    "guest",
    "host",
    "panelist",
    "panellist",
    "student",
    "teacher",
    "parent",
    "child",
    "man",
    "woman",
];

/// Whether the label `name` (in lowercase), `timed` or not, may open an
/// item: not a speaker named by their part or a number, an initial, an
/// honorific, or a time.
fn itemish(name: &str, timed: bool) -> bool {
    let first = name.split_whitespace().next().unwrap_or_default();
    !timed
        && name.chars().count() >= 3
        && !name.contains(|c: char| c.is_numeric() || c == '.' || c == '_')
        && !PARTS.contains(&first)
}

/// Label lines right below one another, and whether the line before them
/// that is not blank ended in `:`.
#[derive(Debug, Default)]
struct Run {
    lines: Vec<Line>,
    colon: bool,
    /// It ran past [`LONGEST`] lines.
    long: bool,
}

/// What the line before was.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Before {
    #[default]
    Blank,
    Text,
    Label,
}

/// Runs of label lines over a whole file (see the module's notes).
#[derive(Debug, Default)]
pub(super) struct Items {
    before: Before,
    /// The last line that is not blank ended in `:`.
    colon: bool,
    run: Run,
    /// Runs with a label seen once when they ended.
    runs: Vec<Run>,
}

impl Items {
    /// A line not blank, with no label.
    pub fn text(&mut self, line: &str, names: &HashMap<String, Seen>) {
        self.end(names);
        self.before = Before::Text;
        self.colon = line.trim_end().ends_with(':');
    }

    /// A blank line.
    pub fn blank(&mut self, names: &HashMap<String, Seen>) {
        self.end(names);
        self.before = Before::Blank;
    }

    /// A line opening with the label `name` (in lowercase), `new` to the
    /// file or not, `timed` or not, its text going on in lowercase or not:
    /// whether it is set apart by a blank line (or first), for its
    /// [`Seen::add`].
    pub fn label(&mut self, line: &str, name: &str, new: bool, timed: bool, lower: bool) -> bool {
        let spaced = self.before == Before::Blank;
        if self.before != Before::Label {
            self.run.colon = self.colon;
        }
        let colon = line.trim_end().ends_with(':');
        match self.run.lines.len() < LONGEST {
            true => {
                let name = (new && itemish(name, timed)).then(|| name.to_owned());
                self.run.lines.push(Line { name, lower, colon });
            }
            false => self.run.long = true,
        }
        self.before = Before::Label;
        self.colon = colon;
        spaced
    }

    /// The run ends: kept if a label in it is so far seen once (else its
    /// room is kept for the next: most runs are one speaker's line).
    fn end(&mut self, names: &HashMap<String, Seen>) {
        if self.run.lines.is_empty() && !self.run.long {
            return;
        }
        if !self.run.long && self.run.lines.iter().any(|l| l.once(names)) {
            self.runs.push(std::mem::take(&mut self.run));
        }
        self.run.lines.clear();
        self.run.long = false;
    }

    /// The labels (in lowercase) that are a list's items, with `names`
    /// counted over the whole file.
    pub fn verdict(&self, names: &HashMap<String, Seen>) -> HashSet<String> {
        let mut items = HashSet::new();
        let again = names.values().filter(|s| s.lines >= 2);
        let (spaced, tight) = again.fold((0, 0), |(a, b), s| (a + s.spaced, b + s.tight));
        if spaced < 4 || tight * 4 > spaced {
            return items;
        }
        let once = |l: &Line| l.once(names);
        let pending = (!self.run.long && self.run.lines.iter().any(once)).then_some(&self.run);
        for run in self.runs.iter().chain(pending) {
            let mut from = 0;
            while from < run.lines.len() {
                if !once(&run.lines[from]) {
                    from += 1;
                    continue;
                }
                let to = run.lines[from..]
                    .iter()
                    .position(|l| !once(l))
                    .map_or(run.lines.len(), |k| from + k);
                let list = &run.lines[from..to];
                let colon = match from {
                    0 => run.colon,
                    _ => run.lines[from - 1].colon,
                };
                let lower = list.iter().filter(|l| l.lower).count();
                if colon || (list.len() >= 2 && lower * 2 >= list.len()) {
                    let named = list.iter().filter_map(|l| l.name.as_ref());
                    items.extend(named.map(|name| format!("{ITEMS}{name}")));
                }
                from = to;
            }
        }
        if !items.is_empty() {
            items.insert(ITEMS.to_owned());
        }
        items
    }
}

/// Whether the label `name` opens an item of a list (see [`Items`]), the
/// file's `speakers` given.
pub(in crate::import) fn item(speakers: &HashSet<String>, name: &str) -> bool {
    speakers.contains(ITEMS) && speakers.contains(&format!("{ITEMS}{}", name.to_lowercase()))
}

/// Whether `line` (a line of a turn, trimmed) is an item of a list: it
/// opens a paragraph of its own.
pub(in crate::import) fn item_line(speakers: &HashSet<String>, line: &str) -> bool {
    speakers.contains(ITEMS) && super::line_turn(line).is_some_and(|t| item(speakers, t.name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::transcript::Lowercase;

    fn items(text: &str) -> Vec<String> {
        let mut seen = Lowercase::default();
        for line in text.lines() {
            seen.see(line);
        }
        let mut found: Vec<String> = seen
            .speakers()
            .into_iter()
            .filter_map(|s| s.strip_prefix(ITEMS).filter(|n| !n.is_empty()).map(str::to_owned))
            .collect();
        found.sort();
        found
    }

    const AROUND: &str = "A: x\n\nB: y\n\nA: x\n\nB: y\n\n";

    #[test]
    fn a_run_of_labels_seen_once_is_a_list_where_turns_are_spaced() {
        // Below a speaker's own line, in lowercase.
        let list = format!("{AROUND}B: Three.\nHousing: we a.\nWork: the b.\n");
        assert_eq!(items(&list), ["housing", "work"]);
        // Below a line ending in `:`, in capitals, one alone too.
        assert_eq!(
            items(&format!("{AROUND}B: Three:\nHousing: We a.\nWork: The b.\n")),
            ["housing", "work"]
        );
        assert_eq!(items(&format!("{AROUND}B: One:\n\nHousing: We a.\n")), ["housing"]);
        // A label that comes back later cuts the run: what is left of it
        // is two lines, so still a list.
        let cut =
            format!("{AROUND}B: so\nHousing: we a.\nWork: the b.\nRent: the c.\n\nRent: Yes.\n");
        assert_eq!(items(&cut), ["housing", "work"]);
        // Not: one line, capitals, speakers by part, turns not spaced.
        assert!(items(&format!("{AROUND}B: so\nHousing: we a.\n")).is_empty());
        assert!(items(&format!("{AROUND}B: so\nSmith: Aye.\nJones: Aye.\n")).is_empty());
        assert!(items(&format!("{AROUND}B: so\nP7: yeah\nP8: same\n")).is_empty());
        assert!(items(&list.replace("\n\n", "\n")).is_empty());
        // A run longer than any list is a transcript's lines.
        let name = |k: u8| format!("Name{}", char::from(b'a' + k));
        let run = |n: u8| (0..n).map(|k| format!("{}: we a.\n", name(k))).collect::<String>();
        assert_eq!(items(&format!("{AROUND}B: so\n{}", run(LONGEST as u8 - 1))).len(), 15);
        assert!(items(&format!("{AROUND}B: so\n{}", run(20))).is_empty());
    }
}
