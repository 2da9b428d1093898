//! A transcript whose lines are not wrapped: each paragraph on one line,
//! as text copied from a web page or saved from a document is (the UN's
//! records, a parliament's report), with no blank line between the
//! paragraphs of a turn. A line that does not open a turn goes on with
//! the turn's paragraph where a wrapped transcript's would (see
//! [`super::read`]); in such a file it is a paragraph of its own where a
//! sentence ends before it. The whole file tells (see
//! [`Unwrapped::verdict`]).

/// Among the speakers a file's lines give: the file is laid out with a
/// paragraph to a line (see [`Unwrapped`]). No name can be it: a name is
/// on one line.
pub(in crate::import) const LINES: &str = "\n\n\n";

/// How long a line is, in characters, that no transcript wraps at.
const LONG: usize = 100;

/// A file's lines, counted for [`Unwrapped::verdict`].
#[derive(Debug, Default)]
pub(in crate::import) struct Unwrapped {
    /// Lines that are not blank, and those longer than [`LONG`].
    lines: usize,
    long: usize,
    /// Lines that are no label, right after a line that is not blank (from
    /// the first label on), and those where a sentence ended on that line and this one opens
    /// another (not in lowercase).
    went_on: usize,
    ended: usize,
    /// The last character of the line before, if it was not blank.
    last: Option<char>,
    /// Whether a line has opened a turn: the lines before it (a title, a
    /// record's front matter) are not the talk's.
    started: bool,
}

impl Unwrapped {
    /// Counts `line`, the next line of the file; `labelled`, whether it
    /// opens a turn.
    pub fn see(&mut self, line: &str, labelled: bool) {
        let trimmed = line.trim();
        let last = std::mem::replace(&mut self.last, trimmed.chars().next_back());
        if trimmed.is_empty() {
            return;
        }
        self.lines += 1;
        // Asked of every line: only a line of more bytes than that can be
        // one of more characters.
        self.long += usize::from(trimmed.len() > LONG && trimmed.chars().count() > LONG);
        self.started |= labelled;
        if let Some(last) = last.filter(|_| !labelled && self.started) {
            self.went_on += 1;
            self.ended += usize::from(ends(last) && !trimmed.starts_with(char::is_lowercase));
        }
    }

    /// Whether the file is laid out so: lines no transcript wraps at (a
    /// tenth of them, three at least), and a line that goes on from the
    /// one before opening a sentence two times in three (three such lines
    /// at least; a record's front matter may come after a header line): a
    /// wrapped line seldom does, a text wrapped wide (a PDF's) too.
    pub fn verdict(&self) -> bool {
        self.long >= 3
            && self.long * 10 >= self.lines
            && self.went_on >= 3
            && self.ended * 3 >= self.went_on * 2
    }
}

/// Whether `c` ends a sentence.
pub(super) fn ends(c: char) -> bool {
    matches!(c, '.' | '?' | '!' | '…' | '"' | '”' | '’' | ')' | ']' | '。' | '？' | '！')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(lines: &[(&str, bool)]) -> bool {
        let mut u = Unwrapped::default();
        for (line, labelled) in lines {
            u.see(line, *labelled);
        }
        u.verdict()
    }

    #[test]
    fn a_paragraph_to_a_line_is_told_by_long_lines_and_sentences() {
        let long = "Mr. Nebenzia: We requested this meeting because the situation is catastrophic, and the Council cannot stay silent any longer.";
        let para = "Our draft resolution calls for an immediate ceasefire and for the release of all hostages without delay or any conditions.";
        assert!(long.len() > LONG && para.len() > LONG);
        let file = [
            ("United Nations S/PV.9451", false),
            ("Security Council", false),
            ("Seventy-eighth year", false),
            (long, true),
            (para, false),
            ("It is so decided.", false),
            (long, true),
            ("I now give the floor to Mr. Wennesland.", false),
            (long, true),
            ("The meeting rose at 11.45 a.m.", false),
        ];
        assert!(verdict(&file));
        // Wrapped: lines go on mid-sentence.
        let wrapped = [
            ("SMITH: We requested this meeting because", true),
            ("the situation is catastrophic. And the", false),
            ("Council cannot stay silent.", false),
            ("JONES: I agree with the", true),
            ("representative. It is so.", false),
        ];
        assert!(!verdict(&wrapped));
        // A sentence to a line, typed so, and short: as it was.
        let typed = [
            ("A: I was born in 1950.", true),
            ("We lived on a farm.", false),
            ("My father worked the land.", false),
            ("Q: And your mother?", true),
            ("She taught school.", false),
        ];
        assert!(!verdict(&typed));
    }
}
