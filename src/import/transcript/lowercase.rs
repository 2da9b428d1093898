//! Labels written in lowercase (`interviewer: so…`, `bell hooks: Love…`),
//! which [`super::turn`] does not take for names: a line of prose may open
//! with a word and a colon too. Whether one is a speaker the whole file
//! tells: a lowercase label that opens two lines or more is one. So, too,
//! for a name and a time in brackets alone on a line (`Danyel Fisher
//! (00:00:08)`): a speaker's comes back, a chapter heading's (`Intro
//! (00:00)`, `The Farm [12:30]`) does not; and for a name alone on a line
//! above its text (see [`super::bare`]).

use std::collections::{HashMap, HashSet};

use super::Turn;
use super::casing::ASIDES;
use super::items::{Items, Seen};
use super::labels::{leading_time, separator, strip_suffixes};

/// A lowercase label opening `line` (after a time, if any) and the turn it
/// would start; `None` if the line opens with none.
pub(in crate::import) fn lowercase_turn(line: &str) -> Option<Turn<'_>> {
    let line = line.trim();
    // Asked of every line: a lowercase label opens with a lowercase letter
    // (or a time before it).
    if !line.starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit() || c == '[' || c == '(') {
        return None;
    }
    let (lead, rest) = match leading_time(line) {
        Some((t, rest)) => (Some(t), rest),
        None => (None, line),
    };
    let (at, len) = separator(rest)?;
    let (name, time) = strip_suffixes(&rest[..at]);
    // A label's colon has a space after it (or ends the line): `https://…`,
    // `mailto:a@b`, `doi:10.1000/…` are no one speaking. (A full-width
    // colon needs none.)
    let text = &rest[at + len..];
    if (len == 1 && !text.is_empty() && !text.starts_with(char::is_whitespace))
        || text.trim_start().starts_with('/')
    {
        return None;
    }
    lowercase_name(name).then(|| Turn {
        name,
        time: lead.or(time),
        text: rest[at + len..].trim(),
        otter: false,
        lead: None,
    })
}

/// A name as a person writes one all in lowercase: one to four words of
/// letters (and `-`, `'`, `.`), opening with a lowercase letter, and not
/// one of the words speakers set off with a colon (`note:`, `first:`).
fn lowercase_name(name: &str) -> bool {
    let words = name.split_whitespace().count();
    (1..=4).contains(&words)
        && name.chars().count() <= 40
        && name.starts_with(char::is_lowercase)
        && name
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || matches!(c, '-' | '\'' | '’' | '.'))
        && !ASIDES.contains(&name)
}

/// Lowercase labels counted over a whole file.
#[derive(Debug, Default)]
pub(in crate::import) struct Lowercase {
    /// Each label's lines, and how many of them go on with a capital.
    counts: HashMap<String, (usize, usize)>,
    /// Each name with a time in brackets alone on a line: how many lines.
    bracketed: HashMap<String, usize>,
    /// How many lines have a label as [`super::line_turn`] reads them, and
    /// those labels in lowercase.
    capitalized: usize,
    names: HashMap<String, Seen>,
    /// Lists set off with labels inside a turn (see [`super::items`]).
    items: Items,
    /// Names alone on a line above their text.
    bare: super::bare::Bare,
    /// Labels of a hearing's record (see [`super::record`]).
    record: super::record::Record,
    /// Labels of two people joined by `and`, and the two (see
    /// `labels::joint_turn`).
    joint: HashMap<String, [String; 2]>,
    /// The European Parliament's labels (see [`super::europarl`]).
    report: super::europarl::Report,
    /// How the file's lines are laid out (see [`super::bare::UNWRAPPED`]).
    widths: Widths,
}

/// How many of a file's lines are not blank, and how many of them are
/// wider than 160 columns.
#[derive(Debug, Default)]
struct Widths {
    lines: usize,
    wide: usize,
}

impl Widths {
    fn see(&mut self, line: &str) {
        let line = line.trim();
        // A line of 160 bytes or fewer is 160 columns at most (a wide
        // character takes 3 bytes or more): no width to measure.
        let wide = match line.len() {
            ..=160 => false,
            _ if line.is_ascii() => true,
            _ => unicode_width::UnicodeWidthStr::width(line) > 160,
        };
        self.lines += 1;
        self.wide += usize::from(wide);
    }

    /// A line to a paragraph: two lines at least and a tenth of them wider
    /// than 160 columns. A hard wrap (at 72, 80, 100 or 120 columns; a
    /// wide page's lines copied from a PDF, up to about 150) leaves all but
    /// a title or a link narrower.
    fn unwrapped(&self) -> bool {
        self.wide >= 2 && self.wide * 10 >= self.lines
    }
}

impl Lowercase {
    /// Counts the label opening `line`, if it has one.
    pub fn see(&mut self, line: &str) {
        let labelled = super::line_turn(line);
        self.bare.see(line, labelled.is_some());
        self.record.see(line, labelled.as_ref().map(|t| t.name));
        if labelled.is_none() {
            self.report.see(line);
        }
        if labelled.is_none()
            && let Some((t, [a, b])) = super::labels::joint_turn(line)
            && !self.joint.contains_key(t.name)
        {
            let two = [a.to_lowercase(), b.to_lowercase()];
            self.joint.insert(t.name.to_owned(), two);
        }
        if !line.trim().is_empty() {
            self.widths.see(line);
        }
        match labelled {
            Some(t) => {
                self.capitalized += 1;
                let name = t.name.to_lowercase();
                let lower = !t.text.starts_with(char::is_uppercase);
                let new = !self.names.contains_key(&name);
                let spaced = self.items.label(line, t.name, &name, new, t.time.is_some(), lower);
                self.names.entry(name).or_default().add(spaced);
            }
            None if line.trim().is_empty() => self.items.blank(&self.names),
            None => self.items.text(line, &self.names),
        }
        if let Some((t, super::Needs::Text)) = super::pending_turn(line) {
            *self.bracketed.entry(t.name.to_owned()).or_default() += 1;
        }
        if let Some(t) = lowercase_turn(line) {
            let capital = !t.text.starts_with(char::is_lowercase);
            let n = self.counts.entry(t.name.to_owned()).or_default();
            n.0 += 1;
            n.1 += usize::from(capital);
        }
    }

    /// The labels that are speakers: those opening two lines or more, where
    /// the file has no other labels (all in lowercase, as some type them),
    /// or where the label is another's in lowercase (`interviewer:` for
    /// `Interviewer:`), or two of its lines go on with a capital (`bell
    /// hooks: Love…`) — not prose (`and then: nothing`, `e.g.: the first`,
    /// `step one: warm up`, twice each).
    /// And a name with a time in brackets, where one such name comes back
    /// (speakers do; chapter headings do not). And names alone on a line
    /// above their text, where the file is laid out so (see
    /// [`super::bare::Bare::names`]); and a hearing's record's (see
    /// [`super::record::Record::names`]).
    pub fn speakers(&self) -> HashSet<String> {
        let repeated = |lines: usize| lines >= 2;
        let speaker = |name: &str, capital: usize| {
            self.capitalized == 0 || capital >= 2 || self.names.contains_key(name)
        };
        // Another label in lowercase, or its name without its parenthesis
        // (`priya raman:` for `Priya Raman (she/her):`), is a speaker's
        // even once, going on with a capital as a turn opens (`grace:
        // that's what she calls it` is prose), and not a header's key
        // (`age: I put forty-five` below `Age: 45`).
        let bare = self.bare_names();
        let lowercase = self.counts.iter().filter(|(name, (lines, capital))| {
            let theirs = self.names.contains_key(name.as_str()) || bare.contains(name.as_str());
            (repeated(*lines) && speaker(name, *capital))
                || (theirs && *capital >= 1 && !super::header_key(name))
        });
        let layout = self.bracketed.values().any(|&n| n >= 2);
        let bracketed = self.bracketed.keys().filter(|_| layout);
        let bare = self.bare.names(self.capitalized);
        let record = self.record.names(self.capitalized);
        let named = lowercase.map(|(name, _)| name.clone()).chain(bracketed.cloned());
        let joint =
            self.joint.iter().filter(|(_, two)| two.iter().all(|n| self.names.contains_key(n)));
        let joint = joint.map(|(name, _)| name.clone());
        let report = self.report.verdict().then(|| super::europarl::REPORT.to_owned());
        let items = self.items.verdict(&self.names, &self.counts);
        let unwrapped = self.widths.unwrapped().then(|| super::bare::UNWRAPPED.to_owned());
        let flags = report.into_iter().chain(items).chain(unwrapped);
        named.chain(bare).chain(record).chain(joint).chain(flags).collect()
    }
}

impl Lowercase {
    /// The labels' names without their parenthesis (`priya raman` for
    /// `Priya Raman (she/her)`), in lowercase, where only one label has
    /// each (`Participant (A)` and `Participant (B)` give none).
    fn bare_names(&self) -> HashSet<&str> {
        let mut bare: HashMap<&str, usize> = HashMap::new();
        for name in self.names.keys() {
            if let Some((head, _)) = name.split_once(" (")
                && !head.trim().is_empty()
            {
                *bare.entry(head.trim()).or_default() += 1;
            }
        }
        bare.into_iter().filter(|&(_, n)| n == 1).map(|(name, _)| name).collect()
    }
}

/// The turn a lowercase label of one of `speakers` starts on `line`, or a
/// label of two of them joined by `and` (see `labels::joint_turn`).
pub(in crate::import) fn speaker_turn<'a>(
    line: &'a str,
    speakers: &HashSet<String>,
) -> Option<Turn<'a>> {
    if speakers.is_empty() {
        return None;
    }
    let joint = || super::labels::joint_turn(line).map(|(t, _)| t);
    lowercase_turn(line).or_else(joint).filter(|t| speakers.contains(t.name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lowercase_label_is_a_speaker_when_it_opens_two_lines() {
        let mut seen = Lowercase::default();
        for line in [
            "bell hooks: Love is a practice.",
            "Cornel West: Indeed it is.",
            "bell hooks: And a choice.",
            "interviewer: so tell me.",
            "note: the witness left.",
            "note: again.",
            "and then she said: no",
            "[00:01:02] participant: well.",
            "participant (cont'd): yes.",
        ] {
            seen.see(line);
        }
        // Among other labels, a label going on with capitals.
        let mut speakers: Vec<String> = seen.speakers().into_iter().collect();
        speakers.sort();
        assert_eq!(speakers, ["bell hooks"]);
        // Or another label in lowercase.
        let mut few = Lowercase::default();
        for line in ["Alice: a", "Bob: b", "Interviewer: c", "Alice: d", "Bob: e", "Alice: f"] {
            few.see(line);
        }
        few.see("Bob: g");
        for line in ["and then: x", "and then: y", "bell hooks: Z", "bell hooks: W"] {
            few.see(line);
        }
        few.see("interviewer: again");
        few.see("interviewer: and again");
        let mut speakers: Vec<String> = few.speakers().into_iter().collect();
        speakers.sort();
        assert_eq!(speakers, ["bell hooks", "interviewer"]);
        let mut alone = Lowercase::default();
        for line in ["[00:01:02] participant: well.", "participant (cont'd): yes.", "x: y"] {
            alone.see(line);
        }
        assert_eq!(alone.speakers(), HashSet::from(["participant".to_owned()]));
        let t = speaker_turn("[00:01:02] participant: well.", &alone.speakers()).expect("a turn");
        assert_eq!((t.name, t.time, t.text), ("participant", Some("00:01:02"), "well."));
        assert!(speaker_turn("interviewer: so tell me.", &seen.speakers()).is_none());
        for prose in ["so: yes", "12: twelve", "a b c d e: five words", "ratio 2:1 here"] {
            assert!(lowercase_turn(prose).is_none_or(|t| t.name != prose), "{prose}");
        }
        for link in ["https://example.com/a", "http: //x", "mailto:a@b.c", "doi:10.1/x"] {
            assert!(lowercase_turn(link).is_none(), "{link}");
        }
    }
}
