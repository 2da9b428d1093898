//! A list a speaker sets off with labels of its own, inside their turn:
//!
//! ```text
//! Maria: There were three things:
//! Housing: we needed somewhere to live.
//! Work: the papers took months.
//! ```
//!
//! `Housing:` and `Work:` read as labels, and each made a speaker of its
//! own. The whole file tells them apart from speakers: in a file whose
//! speakers who come back are set apart by blank lines, lines right below
//! one another and right below a line ending in `:`, two or more, each
//! opening with a label found nowhere else in the file, half of them at
//! least going on in lowercase, are a list's items. Each item is then a paragraph of the
//! turn it is in. (A roll call below `The roll:` goes on in capitals:
//! `Adams: Aye.`)
//!
//! Only below a `:`: people who speak once, one after another, look the
//! same as a list without one (`Husband: yes i'm here` / `Son: me too`;
//! `Adams: here` / `Baker: here`), and a voice lost into another's turn
//! is worse than a list item made a speaker. Nor across a blank line: a
//! question to the audience (`…your question:`) is answered by someone
//! new after one. And never a label that names a speaker as speakers are
//! named: by part, number, honorific, title or kin (`P7:`, `Participant
//! 3:`, `Dr. Ruiz:`, `Ms Okoro:`, `Husband:`), with a time, by first name
//! and surname (`Karen Hughes:`), in capitals where the file's speakers
//! are, or a label another speaker's is part of (`Ruiz:` beside `Dr.
//! Ruiz:`) or that opens a lowercase speaker's lines (`maria:`).

use std::collections::{HashMap, HashSet};

/// Among the speakers a file's lines give: the file has lists set off with
/// labels ([`Items`]); each item's label follows as `ITEMS` + the label as
/// written. No name can be it: a name is on one line.
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

/// A label line of a run: its label, as written and in lowercase, if it
/// may be an item's: new to the file (a line of each speaker who comes
/// back is not copied) and [`itemish`]; whether it is in capitals,
/// whether its text goes on in lowercase (or a script without case),
/// whether the line ends in `:`.
#[derive(Debug)]
struct Line {
    name: Option<(String, String)>,
    caps: bool,
    lower: bool,
    colon: bool,
}

impl Line {
    /// Whether it may open an item, and its label is, in `names`, on this
    /// line alone.
    fn once(&self, names: &HashMap<String, Seen>) -> bool {
        self.name.as_ref().is_some_and(|(_, n)| names.get(n).is_some_and(|s| s.lines == 1))
    }
}

/// Words that open a label naming a speaker by part, honorific, title or
/// kin (in lowercase, without a full stop: `Ms Okoro`, `Dr. Ruiz`).
const PARTS: &[&str] = &[
    "participant",
    "respondent",
    "speaker",
    "interviewer",
    "interviewee",
    "moderator",
    "facilitator",
    "chair",
    "chairman",
    "chairwoman",
    "clerk",
    "audience",
    "member",
    "person",
    "voice",
    "unknown",
    "unidentified",
    "caller",
    "guest",
    "host",
    "presenter",
    "panelist",
    "panellist",
    "student",
    "teacher",
    "nurse",
    "doctor",
    "officer",
    "judge",
    "senator",
    "representative",
    "rep",
    "councillor",
    "cllr",
    "minister",
    "president",
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "father",
    "mother",
    "dad",
    "mum",
    "mom",
    "husband",
    "wife",
    "partner",
    "son",
    "daughter",
    "brother",
    "sister",
    "grandma",
    "grandpa",
    "grandmother",
    "grandfather",
    "uncle",
    "aunt",
    "cousin",
    "neighbour",
    "neighbor",
    "friend",
    "parent",
    "child",
    "man",
    "woman",
    "boy",
    "girl",
];

/// Whether the label `name`, `timed` or not, may open an item: not a
/// speaker named by part, number, honorific, title, kin or initials, with
/// a time, or by two names or more each with a capital.
fn itemish(name: &str, timed: bool) -> bool {
    let lower = name.to_lowercase();
    let first = lower.split(|c: char| c.is_whitespace() || c == '.').next().unwrap_or_default();
    let capitals = name.split_whitespace().filter(|w| w.starts_with(char::is_uppercase)).count();
    // Two letters are an English label's initials (`JS:`), a Chinese
    // label's whole word (`住房：`).
    let least = if name.is_ascii() { 3 } else { 2 };
    !timed
        && name.chars().count() >= least
        && !name.contains(|c: char| c.is_numeric() || c == '.' || c == '_')
        && capitals < 2
        && !PARTS.contains(&first)
}

/// Whether `label` is in capitals (a letter at least, none lowercase).
fn in_capitals(label: &str) -> bool {
    label.chars().any(char::is_uppercase) && !label.chars().any(char::is_lowercase)
}

/// Whether `line` ends in a colon, `:` or `：`.
fn ends_in_colon(line: &str) -> bool {
    line.trim_end().ends_with([':', '：'])
}

/// What the line before was.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Before {
    #[default]
    Blank,
    Text,
    Label,
}

/// Label lines right below one another, and whether the line right above
/// them (not blank) ended in `:`.
#[derive(Debug, Default)]
struct Run {
    lines: Vec<Line>,
    colon: bool,
    /// It ran past [`LONGEST`] lines.
    long: bool,
}

/// Runs of label lines over a whole file (see the module's notes).
#[derive(Debug, Default)]
pub(super) struct Items {
    before: Before,
    /// The line before was not blank and ended in `:`.
    colon: bool,
    run: Run,
    /// Runs with a label seen once when they ended.
    runs: Vec<Run>,
    /// Label lines in capitals, and all label lines.
    caps: usize,
    labelled: usize,
}

impl Items {
    /// A line not blank, with no label.
    pub fn text(&mut self, line: &str, names: &HashMap<String, Seen>) {
        self.end(names);
        self.before = Before::Text;
        self.colon = ends_in_colon(line);
    }

    /// A blank line.
    pub fn blank(&mut self, names: &HashMap<String, Seen>) {
        self.end(names);
        self.before = Before::Blank;
        self.colon = false;
    }

    /// A line opening with `label` (`name` in lowercase), `new` to the
    /// file or not, `timed` or not, its text going on in lowercase or not:
    /// whether it is set apart by a blank line (or first), for its
    /// [`Seen::add`].
    pub fn label(
        &mut self,
        line: &str,
        label: &str,
        name: &str,
        new: bool,
        timed: bool,
        lower: bool,
    ) -> bool {
        let spaced = self.before == Before::Blank;
        if self.before != Before::Label {
            self.run.colon = self.colon;
        }
        let caps = in_capitals(label);
        self.labelled += 1;
        self.caps += usize::from(caps);
        let colon = ends_in_colon(line);
        match self.run.lines.len() < LONGEST {
            true => {
                let name =
                    (new && itemish(label, timed)).then(|| (label.to_owned(), name.to_owned()));
                self.run.lines.push(Line { name, caps, lower, colon });
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

    /// The labels (as written) that are a list's items, with `names`
    /// counted over the whole file and `lowercase` its lowercase labels'
    /// lines (see `Lowercase`).
    pub fn verdict<V>(
        &self,
        names: &HashMap<String, Seen>,
        lowercase: &HashMap<String, V>,
    ) -> HashSet<String> {
        let mut items = HashSet::new();
        let again = names.values().filter(|s| s.lines >= 2);
        let (spaced, tight) = again.fold((0, 0), |(a, b), s| (a + s.spaced, b + s.tight));
        if spaced < 4 || tight * 4 > spaced {
            return items;
        }
        let once = |l: &Line| l.once(names);
        let pending = (!self.run.long && self.run.lines.iter().any(once)).then_some(&self.run);
        let runs: Vec<&Run> = self.runs.iter().chain(pending).collect();
        if runs.is_empty() {
            return items;
        }
        // The words that open or close a label of two words or more: a
        // label that is one (`Ruiz` beside `Dr. Ruiz`) is that speaker.
        let parts: HashSet<&str> = names
            .keys()
            .filter_map(|n| Some((n.split_whitespace().next()?, n.split_whitespace().next_back()?)))
            .filter(|(first, last)| first != last)
            .flat_map(|(first, last)| [first, last])
            .collect();
        // In a file labelled in capitals, a label in capitals is a speaker's.
        let capitals = self.caps * 2 >= self.labelled;
        let item = |l: &Line| {
            once(l)
                && !(capitals && l.caps)
                && l.name
                    .as_ref()
                    .is_some_and(|(_, n)| !parts.contains(n.as_str()) && !lowercase.contains_key(n))
        };
        for run in runs {
            let mut from = 0;
            while from < run.lines.len() {
                if !item(&run.lines[from]) {
                    from += 1;
                    continue;
                }
                let to = run.lines[from..]
                    .iter()
                    .position(|l| !item(l))
                    .map_or(run.lines.len(), |k| from + k);
                let list = &run.lines[from..to];
                // The line right above the list: the run's last before it,
                // or the one before the run.
                let colon = match from {
                    0 => run.colon,
                    _ => run.lines[from - 1].colon,
                };
                // Two items at least: one person answering below a line
                // ending in `:` (`Tom: yeah i agree`) is one line too.
                let lower = list.iter().filter(|l| l.lower).count();
                if colon && list.len() >= 2 && lower * 2 >= list.len() {
                    let named = list.iter().filter_map(|l| l.name.as_ref());
                    items.extend(named.map(|(label, _)| format!("{ITEMS}{label}")));
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
    speakers.contains(ITEMS) && speakers.contains(&format!("{ITEMS}{name}"))
}

/// Whether `line` (a line of a turn, trimmed) is an item of a list: it
/// opens a paragraph of its own.
pub(in crate::import) fn item_line(speakers: &HashSet<String>, line: &str) -> bool {
    speakers.contains(ITEMS) && super::line_turn(line).is_some_and(|t| item(speakers, t.name))
}

/// A list item's marker: a bullet, or a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(in crate::import) enum Marker {
    Bullet,
    Number(u32),
}

/// The marker `text` (trimmed) opens with as a list item: `- `, `– `,
/// `* `, `+ `, `• `, `◦ `, `▪ `, `‣ `, or a number of one or two digits and `.`
/// or `)`, then a space and text (`2020. Then…` and `-5 degrees` open
/// none).
pub(in crate::import) fn list_marker(text: &str) -> Option<Marker> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let (marker, rest) = match text.chars().next()? {
        c @ ('-' | '–' | '*' | '+' | '•' | '◦' | '▪' | '‣') => {
            (Marker::Bullet, &text[c.len_utf8()..])
        }
        '0'..='9' if digits <= 2 && text[digits..].starts_with(['.', ')']) => {
            (Marker::Number(text[..digits].parse().ok()?), &text[digits + 1..])
        }
        _ => return None,
    };
    (rest.starts_with([' ', '\t']) && !rest.trim().is_empty()).then_some(marker)
}

/// Whether `line` (a line of a turn, trimmed) opens an item of a list, a
/// paragraph of its own, after a paragraph that `opened` with a list
/// marker (or none) and whose text so far ends in `last`: the next item
/// (a bullet after a bullet, `3.` after `2.`), or a list's first (a bullet
/// or `1.`) after a line that ended a sentence or with a colon. A line
/// wrapped mid-sentence goes on with it, whatever it opens with (`my
/// brother was` / `12. Then…`, `prices were high` / `- higher than…`).
pub(in crate::import) fn list_line(opened: Option<Marker>, last: Option<char>, line: &str) -> bool {
    let Some(marker) = list_marker(line) else { return false };
    match (opened, marker) {
        (Some(Marker::Bullet), Marker::Bullet) => true,
        (Some(Marker::Number(n)), Marker::Number(next)) if next == n + 1 => true,
        _ => {
            let ended = last.is_some_and(|c| {
                matches!(c, ':' | '：' | '.' | '?' | '!' | '…' | '。' | '？' | '！' | ';')
            });
            ended && matches!(marker, Marker::Bullet | Marker::Number(1))
        }
    }
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

    #[test]
    fn list_lines_are_bullets_and_small_numbers_with_text() {
        for yes in ["- a flat", "– a flat", "* papers", "• a doctor", "1. we looked", "12) twelve"]
        {
            assert!(list_marker(yes).is_some(), "{yes}");
        }
        for no in
            ["-5 degrees", "2020. Then", "1.5 m", "- ", "-", "*laughs*", "— and so", "1.", "x - y"]
        {
            assert_eq!(list_marker(no), None, "{no}");
        }
        // A list opens after a sentence or a colon, with a bullet or 1;
        // it goes on with the next bullet or number.
        assert!(list_line(None, Some(':'), "- a flat"));
        assert!(list_line(None, Some('.'), "1. we looked"));
        assert!(!list_line(None, Some(':'), "2. we paid"));
        assert!(list_line(Some(Marker::Number(1)), Some('s'), "2. we paid"));
        assert!(!list_line(Some(Marker::Number(1)), Some('s'), "3. we paid"));
        assert!(list_line(Some(Marker::Bullet), Some('l'), "• papers"));
        // A line wrapped mid-sentence goes on.
        assert!(!list_line(None, Some('s'), "12. Then my mother came"));
        assert!(!list_line(None, Some('h'), "- higher than at home - so we moved."));
        assert!(!list_line(None, Some('o'), "48. The amendment failed."));
        assert!(!list_line(None, Some('d'), "2) the time"));
    }

    const AROUND: &str = "A: x\n\nB: y\n\nA: x\n\nB: y\n\n";

    #[test]
    fn labels_seen_once_right_below_a_colon_are_a_list_where_turns_are_spaced() {
        let list = format!("{AROUND}B: Three:\nHousing: we a.\nWork: The b.\n");
        assert_eq!(items(&list), ["Housing", "Work"]);
        // In Chinese, with a full-width colon.
        let zh = format!("{AROUND}B: 三件事：\n住房：找不到。\n工作：很难。\n");
        assert_eq!(items(&zh), ["住房", "工作"]);
        // Not one alone: someone answering below the `:` looks the same.
        assert!(items(&format!("{AROUND}B: One:\nHousing: we a.\n")).is_empty());
        assert!(items(&format!("{AROUND}B: So:\nTom: yeah i agree\n")).is_empty());
        // Below the speaker's line ending in `:`, a label that comes back
        // later cuts the run: what is left above it is two lines.
        let cut = format!(
            "{AROUND}B: Three:\nHousing: we a.\nWork: the b.\nRent: the c.\n\nRent: Yes.\n"
        );
        assert_eq!(items(&cut), ["Housing", "Work"]);
        // Not below a colon, or across a blank line.
        assert!(items(&list.replace("Three:", "Three.")).is_empty());
        assert!(items(&list.replace("Three:\n", "Three:\n\n")).is_empty());
        // Nor turns not set apart by blank lines.
        assert!(items(&list.replace("\n\n", "\n")).is_empty());
        // A run longer than any list is a transcript's lines.
        let name = |k: u8| format!("Name{}", char::from(b'a' + k));
        let run = |n: u8| (0..n).map(|k| format!("{}: we a.\n", name(k))).collect::<String>();
        assert_eq!(items(&format!("{AROUND}B: so:\n{}", run(LONGEST as u8 - 1))).len(), 15);
        assert!(items(&format!("{AROUND}B: so:\n{}", run(20))).is_empty());
    }

    #[test]
    fn labels_named_as_speakers_are_named_are_never_items() {
        for people in [
            "P7: yeah\nP8: same",
            "Participant: yeah\nAudience member: same",
            "Dr. Ruiz: indeed\nMs Cole: quite",
            "Husband: yes\nSon: me too",
            "Karen Hughes: yes\nMike Doyle: no",
            "[00:01:02] Ana: yeah\n[00:01:05] Tom: same",
            "JS: yes\nMK: no",
        ] {
            assert!(items(&format!("{AROUND}B: so:\n{people}\n")).is_empty(), "{people}");
        }
        // A label another's is part of, or a lowercase speaker's.
        let ruiz =
            format!("{AROUND}Dr. Ruiz: a\n\nDr. Ruiz: b\n\nB: so:\nRuiz: no\nWork: the b.\n");
        assert!(items(&ruiz).is_empty());
        let maria = format!("{AROUND}maria: a\n\nmaria: b\n\nB: so:\nMaria: no\nWork: the b.\n");
        assert!(items(&maria).is_empty());
        // In capitals, where the file's speakers are.
        let caps =
            "HOST: a\n\nGUEST: b\n\nHOST: c\n\nGUEST: d\n\nHOST: callers:\nKATIE: hi\nRAJ: yo\n";
        assert!(items(caps).is_empty());
        assert_eq!(items(&caps.replace("KATIE", "Katie").replace("RAJ", "Raj")), ["Katie", "Raj"]);
    }
}
