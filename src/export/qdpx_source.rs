//! A contributor's source as the REFI-QDA export ships it: the section text
//! with every CR LF and every lone CR written as one LF, and positions in
//! the section text moved onto it.
//!
//! QualCoder reads a source in Python's text mode, which does exactly that
//! to line ends (and, finding a CR LF early in the file, adds a space after
//! every LF); other tools count a CR LF as one character or two. Shipped
//! with LF only, the text reads the same everywhere, and the positions
//! count its code points.

use std::borrow::Cow;

/// The shipped text of one section, and where it differs in length.
pub struct Source<'a> {
    pub text: Cow<'a, str>,
    /// Code-point offsets in the section text of each CR left out (the CR
    /// of a CR LF), ascending.
    dropped: Vec<usize>,
}

impl<'a> Source<'a> {
    pub fn new(section: &'a str) -> Self {
        if !section.contains('\r') {
            return Self { text: Cow::Borrowed(section), dropped: Vec::new() };
        }
        let mut text = String::with_capacity(section.len());
        let mut dropped = Vec::new();
        let mut chars = section.chars().enumerate().peekable();
        while let Some((k, c)) = chars.next() {
            match c {
                '\r' if chars.peek().is_some_and(|&(_, next)| next == '\n') => dropped.push(k),
                '\r' => text.push('\n'),
                c => text.push(c),
            }
        }
        Self { text: Cow::Owned(text), dropped }
    }

    /// Where the selection of code points `start..end` of the section text
    /// is in the shipped text. A line end is in it when any of its
    /// characters is: a start or an end between the CR and the LF of a
    /// pair takes the LF in.
    pub fn span(&self, start: usize, end: usize) -> (usize, usize) {
        // The CRs left out before a start; before an end, those whose LF
        // is before it too.
        let left_out = |k: usize, lf: usize| self.dropped.partition_point(|&cr| cr + lf < k);
        let shipped = start - left_out(start, 0);
        if end <= start {
            return (shipped, shipped);
        }
        (shipped, end - left_out(end, 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text[start..end]` in code points.
    fn slice(text: &str, start: usize, end: usize) -> String {
        text.chars().skip(start).take(end - start).collect()
    }

    /// At every pair of code-point offsets, the shipped slice is the
    /// section's slice with its line ends as LF.
    #[test]
    fn every_slice_is_the_sections_with_lf_line_ends() {
        for section in [
            "plain 数据 👨\u{200d}👩 e\u{301}",
            "a\r\nb\rc\n\nd\r\r\ne\r",
            "\r\n\r\n中\r文\r\n👩\u{200d}👩\u{200d}👧\r",
            "\r",
            "",
        ] {
            let s = Source::new(section);
            assert!(!s.text.contains('\r'), "{section:?}");
            let n = section.chars().count();
            for a in 0..=n {
                for b in a + 1..=n {
                    let want = slice(section, a, b).replace("\r\n", "\n").replace('\r', "\n");
                    let (start, end) = s.span(a, b);
                    assert_eq!(slice(&s.text, start, end), want, "{section:?} {a}..{b}");
                }
                assert_eq!(s.span(a, a).0, s.span(a, a).1, "empty stays empty");
            }
        }
    }
}
