//! A hearing's record as the U.S. Government Publishing Office puts it
//! on govinfo.gov as text: each paragraph indented (four spaces) and its
//! lines wrapped below it unindented, no blank lines between; a speaker
//! named at the start of their first paragraph by title and surname and a
//! period, in mixed case (`    Chairman Graham. The hearing will come to
//! order.`, `    Mr. Wray. Good morning.`), where the printed record sets
//! the surname in capitals (see `layouts::line_turn`); and headings in
//! capitals between the turns (`STATEMENT OF HON. CHRISTOPHER A. WRAY,
//! DIRECTOR, …`). A name in mixed case opening a paragraph is as likely
//! prose (`Dr. King. That speech…`), so the whole file tells (see
//! [`Record::names`]).

use std::collections::HashMap;

use super::Turn;
use super::layouts::OFFICES;

/// Among the speakers a file's lines give: the file is a hearing's record
/// laid out as [`Record`] reads it, so an indented line opens a paragraph
/// and a heading in capitals waits for the turn it opens. No name can be
/// it: a name is on one line.
pub(in crate::import) const RECORD: &str = "\n\n";

/// Titles the record names a member or a witness by, besides the
/// honorifics, alone or several (`Director Wray.`, `General Milley.`,
/// `Vice Chairman Rubio.`, `Ranking Member Jordan.`, `Sergeant Gonell.`,
/// `Inspector General Horowitz.`, `Lieutenant Colonel Vindman.`).
const TITLES: &[&str] = &[
    "director",
    "general",
    "admiral",
    "administrator",
    "attorney",
    "vice",
    "ranking",
    "member",
    "sergeant",
    "officer",
    "colonel",
    "lieutenant",
    "captain",
    "major",
    "chief",
    "deputy",
    "under",
    "inspector",
    "leader",
    "speaker",
    "delegate",
    "commander",
    "detective",
];

/// Labels in mixed case on indented lines, and indented lines, counted
/// over a whole file.
#[derive(Debug, Default)]
pub(in crate::import) struct Record {
    /// Each name opening an indented line (see [`label`]): how many lines;
    /// names in capitals (`Mr. WRAY.`) too.
    names: HashMap<String, usize>,
    /// Indented lines that are not blank: the paragraphs, in such a file.
    indented: usize,
    /// Of the names' lines, those in capitals (`line_turn` reads them).
    upper: usize,
}

impl Record {
    /// Counts `line`, the next line of the file; `upper`, the name of the
    /// label [`super::line_turn`] reads on it, if any.
    pub fn see(&mut self, line: &str, upper: Option<&str>) {
        if !indent(line) {
            return;
        }
        self.indented += 1;
        // A label in capitals is the record's only if it is indented too
        // and ends in a period: an indented `MRS. BROWN:` or `THE COURT:`
        // (an oral history's, a court reporter's) is no record's.
        let upper = upper.filter(|name| {
            let after = line.trim_start().strip_prefix(*name);
            upper_label(line) && after.is_some_and(|rest| rest.starts_with('.'))
        });
        self.upper += usize::from(upper.is_some());
        let name = upper.or_else(|| label(line).map(|t| t.name));
        if let Some(name) = name {
            *self.names.entry(name.to_owned()).or_default() += 1;
        }
    }

    /// The names in mixed case that are speakers, and [`RECORD`], where
    /// the file is laid out so: two names or more, one coming back, three
    /// labelled paragraphs at least, and one in twenty paragraphs at least
    /// labelled (a prepared statement read into the record runs on for
    /// pages). `labels`: the lines [`super::line_turn`] reads a label on;
    /// the record's must be twice as many as the others (a transcript of
    /// `NAME:` labels whose text opens `Dr. King. …` is not one).
    pub fn names(&self, labels: usize) -> impl Iterator<Item = String> + '_ {
        let lines: usize = self.names.values().sum();
        let layout = self.names.len() >= 2
            && self.names.values().any(|&n| n >= 2)
            && lines >= 3
            && lines * 20 >= self.indented
            && lines >= 2 * labels.saturating_sub(self.upper);
        let names = self.names.keys().filter(move |_| layout).cloned();
        names.chain(layout.then(|| RECORD.to_owned()))
    }
}

/// Whether `line` is indented as the record's paragraphs are: two spaces
/// or more (it sets four), then text.
fn indent(line: &str) -> bool {
    line.starts_with("  ") && !line.trim().is_empty()
}

/// Whether `line` is an indented line opening with a label in capitals as
/// [`super::line_turn`] reads one ending in a period.
fn upper_label(line: &str) -> bool {
    line.trim_start().split(' ').next().is_some_and(|first| {
        first == "The" || first == "THE" || crate::model::names::honorific(first).is_some()
    })
}

/// Whether `word` is a title the record may name someone by.
fn title(word: &str) -> bool {
    crate::model::names::honorific(word).is_some()
        || TITLES.iter().any(|t| t.eq_ignore_ascii_case(word.trim_end_matches('.')))
}

/// Whether `name` is a speaker as the record names one in mixed case:
/// `The` and an office (`The Chairman`, `The Clerk`), or a title and a
/// surname of one to three capitalised words (`Mr. Wray`, `Ms. Jackson
/// Lee`, `Mr. Van Drew`, `Senator Feinstein`, `Chairman Graham`, `Attorney
/// General Barr`), a state after `of` (`Mrs. Maloney of New York`). No
/// office as the surname: `Mr. Chairman.` opening a paragraph is speech.
fn mixed_name(name: &str) -> bool {
    // The member in the chair: `Senator Whitehouse [presiding]`.
    let name = name.strip_suffix(" [presiding]").unwrap_or(name);
    let words: Vec<&str> = name.split_whitespace().collect();
    let capital = |w: &&str| w.starts_with(|c: char| c.is_uppercase());
    let office = |w: &str| {
        OFFICES.contains(&w.to_lowercase().as_str())
            || crate::model::names::honorific(w).is_some()
            || title(w)
    };
    let surname = |w: &&str| {
        capital(w)
            && w.chars().any(char::is_lowercase)
            && w.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
            && !office(w)
    };
    match words.as_slice() {
        ["The", rest @ ..] if (1..=2).contains(&rest.len()) => {
            rest.iter().all(|w| capital(w) && OFFICES.contains(&w.to_lowercase().as_str()))
        }
        [first, ..] if title(first) => {
            // Titles of several words: `Vice Chairman`, `Attorney General`.
            let titles = words.iter().take_while(|w| title(w)).count();
            let rest = &words[titles..];
            let (who, of) = match rest.iter().position(|w| *w == "of") {
                Some(at) => (&rest[..at], &rest[at + 1..]),
                None => (rest, &[][..]),
            };
            (1..=3).contains(&who.len())
                && who.iter().all(surname)
                && of.len() <= 3
                && of.iter().all(capital)
                && (rest.len() == who.len() || !of.is_empty())
        }
        _ => false,
    }
}

/// A label in mixed case opening an indented `line` (see [`mixed_name`])
/// and the text after it.
pub(in crate::import) fn label(line: &str) -> Option<Turn<'_>> {
    if !indent(line) {
        return None;
    }
    let line = line.trim();
    // Asked of every indented line: only `The` or a title opens one.
    let first = line.split(' ').next().unwrap_or_default();
    if first != "The" && !title(first) {
        return None;
    }
    super::layouts::period_turn(line, mixed_name)
}

/// Whether `line`, no label, opens a paragraph of its own in a file laid
/// out as the record is ([`RECORD`] among its `speakers`): it is indented.
pub(in crate::import) fn opens(speakers: &std::collections::HashSet<String>, line: &str) -> bool {
    indent(line) && speakers.contains(RECORD)
}

/// Whether `line`, no label, is a heading of the record's, in a file laid
/// out so ([`RECORD`] among its `speakers`): letters in capitals only, two
/// words of them at least (`STATEMENT OF HON. CHRISTOPHER A. WRAY,`,
/// `OPENING STATEMENT OF …`) or one spaced out (`A P P E N D I X`),
/// centred (indented) unless it goes on from the line before (`heading`,
/// whether that line was one: the heading is wrapped).
pub(in crate::import) fn heading(
    speakers: &std::collections::HashSet<String>,
    line: &str,
    heading: bool,
) -> bool {
    let capitals = |w: &&str| w.chars().filter(|c| c.is_uppercase()).count();
    let words = || line.split_whitespace();
    (heading || line.starts_with(char::is_whitespace))
        && speakers.contains(RECORD)
        && words().all(in_capitals)
        // Its wrapped line may be one word (`AGRICULTURE`).
        && ((heading && words().any(|w| capitals(&w) >= 2))
            || words().filter(|w| capitals(w) >= 2).count() >= 2
            || (words().count() >= 4
                && words().all(|w| w.chars().count() == 1 && capitals(&w) == 1)))
}

/// Whether `word` is set in capitals, as the record sets a name in a
/// heading: `McDONOUGH`, `LaHOOD` and `DeSAULNIER` too.
fn in_capitals(word: &str) -> bool {
    let lower = word.chars().filter(|c| c.is_lowercase()).count();
    let upper = word.chars().filter(|c| c.is_uppercase()).count();
    let last = word.chars().rev().find(|c| c.is_alphabetic());
    lower == 0 || (lower <= 2 && upper >= 2 && last.is_some_and(char::is_uppercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_in_mixed_case_open_indented_lines() {
        let name = |line| label(line).map(|t| (t.name, t.text));
        assert_eq!(name("    Mr. Wray. Good morning."), Some(("Mr. Wray", "Good morning.")));
        assert_eq!(name("    Chairman Graham. Order."), Some(("Chairman Graham", "Order.")));
        assert_eq!(
            name("    Senator Feinstein. Thank you."),
            Some(("Senator Feinstein", "Thank you."))
        );
        assert_eq!(name("    Ms. Jackson Lee. Yes."), Some(("Ms. Jackson Lee", "Yes.")));
        assert_eq!(name("    Mr. McCarthy. Yes."), Some(("Mr. McCarthy", "Yes.")));
        assert_eq!(
            name("    The Chairman. The gentleman yields."),
            Some(("The Chairman", "The gentleman yields."))
        );
        assert_eq!(
            name("    Director Wray. Yes, Senator."),
            Some(("Director Wray", "Yes, Senator."))
        );
        assert_eq!(name("    Attorney General Barr. No."), Some(("Attorney General Barr", "No.")));
        assert_eq!(
            name("    Mrs. Maloney of New York. Thank you."),
            Some(("Mrs. Maloney of New York", "Thank you."))
        );
        for line in [
            // Not indented: a wrapped line of a paragraph.
            "Mr. Wray. Good morning.",
            "    Mr. Chairman. I yield back.",
            "    Mr. President. Thank you.",
            "    Mr. Smith went to Washington. He stayed.",
            "    Mr. WRAY. Capitals are `line_turn`'s.",
            "    Thank you. Mr. Wray. Yes.",
            "    Mr. Wray.",
            "    The committee. It met.",
        ] {
            assert_eq!(name(line), None, "{line}");
        }
    }

    #[test]
    fn the_whole_file_tells_a_record() {
        let mut record = Record::default();
        for line in [
            "    Chairman Graham. Order.",
            "more of it.",
            "    Senator Feinstein. Thank you.",
            "    A paragraph of hers.",
            "    Chairman Graham. Director?",
        ] {
            record.see(line, None);
        }
        let mut names: Vec<String> = record.names(0).collect();
        names.sort();
        assert_eq!(names, [RECORD, "Chairman Graham", "Senator Feinstein"]);
        // Names in capitals make the layout too; they are `line_turn`'s.
        let mut upper = Record::default();
        for (line, name) in [
            ("    Mr. SMITH. Yes.", "Mr. SMITH"),
            ("    Mr. JONES. No.", "Mr. JONES"),
            ("    Mr. SMITH. Well.", "Mr. SMITH"),
        ] {
            upper.see(line, Some(name));
        }
        let names: Vec<String> = upper.names(3).collect();
        assert!(names.contains(&RECORD.to_owned()), "{names:?}");
        // One name, or too few among many paragraphs, is no record.
        let mut once = Record::default();
        for line in ["    Dr. King. That speech.", "    Dr. King. Again.", "    Dr. King. And."] {
            once.see(line, None);
        }
        assert_eq!(once.names(0).count(), 0);
        let mut prose = Record::default();
        prose.see("    Dr. King. That speech.", None);
        prose.see("    Mr. Lewis. The march.", None);
        prose.see("    Dr. King. Again.", None);
        for _ in 0..100 {
            prose.see("    A paragraph of a book.", None);
        }
        assert_eq!(prose.names(0).count(), 0);
        // Nor is a transcript of `NAME:` labels whose text opens so.
        assert_eq!(record.names(20).count(), 0);
    }

    #[test]
    fn headings_are_capitals_only() {
        let record: std::collections::HashSet<String> = [RECORD.to_owned()].into();
        assert!(heading(&record, "    STATEMENT OF HON. CHRISTOPHER A. WRAY, DIRECTOR,", false));
        assert!(heading(&record, "                     INVESTIGATION, WASHINGTON, DC", true));
        assert!(heading(&record, "INVESTIGATION, WASHINGTON, DC", true));
        assert!(!heading(&record, "INVESTIGATION, WASHINGTON, DC", false));
        assert!(heading(&record, "                               AGRICULTURE", true));
        assert!(!heading(&record, "                               AGRICULTURE", false));
        assert!(heading(&record, " STATEMENT OF DR. ADA LOVELACE-NG, SENIOR", false));
        assert!(heading(&record, "                  A P P E N D I X", false));
        assert!(!heading(&record, "    I A M", false));
        assert!(heading(&record, " STATEMENT OF HON. DENIS R. McDONOUGH, SECRETARY,", false));
        assert!(!heading(&record, "    STATEMENT OF Mr. Wray", false));
        assert!(!heading(&record, "    Mr. Wray. Good morning.", false));
        assert!(!heading(&record, "    NO.", false));
        assert!(!heading(&record, "                               __________", false));
        assert!(!heading(&Default::default(), "    STATEMENT OF HON. JOHN DOE", false));
    }
}
