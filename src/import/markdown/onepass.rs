//! A large file's plain sections read in the one pass over its map that
//! also checks it as UTF-8.
//!
//! The map of the 12.8 MB panel was gone over twice from memory: once to
//! check it is UTF-8 (finding its `#` lines on the way), then again to read
//! its sections. Reading each block's lines just after checking it, while
//! it was in the cache, saved nothing (the two passes' times added up);
//! one pass does: the line loop looks at each 32-byte block it loads for a
//! byte past ASCII, and hands a line on only once its bytes are checked
//! ([`Scan::add_checked`], [`scan::checked_lines`]). Each half of the file
//! is read so on a thread of its own (cut at a blank line: a paragraph
//! never runs on from one half into the other); the section the cut falls
//! in is joined from its two runs of lines ([`Scan::then`]).
//!
//! What is found here is used only where it is sure to be what reading the
//! sections apart would give: the `## ` lines found must be the sections'
//! starts the reader finds, else the sections are read as before
//! ([`super::parallel`]); and where the second half does not start with a
//! blank line or a `## ` line, the section the cut falls in goes to the
//! general reader. A property test holds the two to the same result.

use super::fast::{Body, BodyReader, Marks};
use super::scan;

/// What one pass over a part of a Markdown file finds: its `Marks`, and
/// the bodies of the sections whose `## ` lines are in it.
pub struct Scan {
    pub(super) marks: Marks,
    bodies: Bodies,
}

/// The sections of a part of a file, read as its lines pass.
pub(super) struct Bodies {
    /// Whether the part's first line is blank or a `## ` line (`None`
    /// before the first line): a part that follows another must start so.
    clean_start: Option<bool>,
    /// Each section whose `## ` line is in the part, by where that line
    /// starts in the file, with its body (`None`: for the general reader),
    /// once read to its end.
    sections: Vec<(usize, Option<Body>)>,
    /// The lines before the part's first `## ` line, read as a body (they
    /// go on with the section of the part before), once that line is met.
    lead: Option<Option<Body>>,
    /// Where the `## ` line of the run of lines being read starts (`None`
    /// while the lead is read), and what reads them (`None` once done).
    heading: Option<usize>,
    reading: Option<BodyReader>,
}

impl Scan {
    /// Nothing found yet in the part of a file that starts at `offset` (the
    /// start of a line), with `marker` the marker looked for.
    pub(super) fn starting_at(marker: &'static str, offset: usize) -> Self {
        let bodies = Bodies {
            clean_start: None,
            sections: Vec::new(),
            lead: None,
            heading: None,
            reading: Some(BodyReader::default()),
        };
        Self { marks: Marks::starting_at(marker, offset), bodies }
    }

    /// The marks, and the sections read.
    pub(super) fn split(self) -> (Marks, Option<Bodies>) {
        (self.marks, Some(self.bodies))
    }

    /// The block of lines at `offset` of the file (see `Marks::add`), not
    /// yet known to be UTF-8: checked as its lines are read (one pass over
    /// the map, see `scan::checked_lines`). Its text, or `None` if it is
    /// not UTF-8 (this scan is then not to be used).
    pub fn add_checked<'b>(&mut self, offset: usize, block: &'b [u8]) -> Option<&'b str> {
        let bodies = &mut self.bodies;
        let base = block.as_ptr() as usize;
        // Inlined into the vector loop, with `Bodies::line`, `BodyReader::line`
        // and `close`: as calls, one or two a line, they were a sixth of a
        // half's reading (in memory: 0.80 -> 0.66 ms for the panel's half).
        let text = scan::checked_lines(
            block,
            #[inline(always)]
            |line, holds| {
                bodies.line(offset + (line.as_ptr() as usize - base), line, holds);
                true
            },
        )?;
        self.marks.add(offset, text);
        Some(text)
    }

    /// [`Scan::add_checked`] of a block of text.
    #[cfg(test)]
    pub fn add(&mut self, offset: usize, block: &str) {
        self.add_checked(offset, block.as_bytes());
    }

    /// What was found in this part followed by what `later` found in the
    /// part after it.
    pub fn then(mut self, mut later: Scan) -> Scan {
        self.marks = self.marks.then(later.marks);
        self.bodies.turn(None);
        later.bodies.turn(None);
        let joinable = later.bodies.clean_start != Some(false);
        let lead = later.bodies.lead.take().flatten();
        let sections = &mut self.bodies.sections;
        // (Before the first `## ` line, the lead goes on with the header:
        // not a section's.)
        if let Some((_, last)) = sections.last_mut() {
            // Refused on either side, or a paragraph that may run on across
            // the cut: the general reader reads that section.
            *last = match (last.take(), lead) {
                (Some(start), Some(end)) if joinable => Some(start.then(end)),
                _ => None,
            };
        }
        sections.extend(later.bodies.sections);
        self
    }
}

impl Bodies {
    /// The next line, which starts at byte `at` of the file's text.
    #[inline(always)]
    fn line(&mut self, at: usize, line: &str, holds: scan::Holds) {
        let heading = line.starts_with("## ");
        if self.clean_start.is_none() {
            self.clean_start = Some(heading || line.trim().is_empty());
        }
        match (heading, &mut self.reading) {
            (true, _) => self.turn(Some(at)),
            (false, Some(reader)) => reader.line(at, line, holds),
            (false, None) => {}
        }
    }

    /// The bodies of the sections that start at `starts` (offsets in the
    /// file's text), in order, if the `## ` lines found are those; `None`
    /// to read the sections apart.
    pub(super) fn sections_at(mut self, starts: &[usize]) -> Option<Vec<Option<Body>>> {
        self.turn(None);
        let sections = self.sections;
        let same = sections.iter().map(|s| s.0).eq(starts.iter().copied());
        same.then(|| sections.into_iter().map(|s| s.1).collect())
    }

    /// The run of lines being read ended (by the `## ` line at `next`, or
    /// the end of the part): its body kept, and the next run begun.
    fn turn(&mut self, next: Option<usize>) {
        let Some(reader) = self.reading.take() else { return };
        let body = reader.end();
        match self.heading {
            Some(at) => self.sections.push((at, body)),
            None => self.lead = Some(body),
        }
        self.heading = next;
        self.reading = next.map(|_| BodyReader::default());
    }
}

#[cfg(test)]
mod tests {
    use super::super::fast::tests::document;
    use super::super::{read_marked, scan_from};
    use crate::model::Source;
    use proptest::prelude::*;

    /// `text` scanned as the store scans a mapped file: cut in two at the
    /// start of line `cut` (a blank line or not), each part a block of
    /// lines at a time (`blocks` lines each), the parts joined.
    fn scanned(text: &str, cut: usize, blocks: usize) -> super::Scan {
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        let cut = cut.min(lines.len());
        let mut parts = Vec::new();
        let mut at = 0;
        for part in [&lines[..cut], &lines[cut..]] {
            let mut scan = scan_from(at);
            for block in part.chunks(blocks.max(1)) {
                let block = block.concat();
                scan.add(at, &block);
                at += block.len();
            }
            parts.push(scan);
        }
        let second = parts.pop().expect("two parts");
        let first = parts.pop().expect("two parts");
        first.then(second)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// Read in the pass that checks the file, cut anywhere, a file
        /// reads as it does with its sections read apart: the same header,
        /// contributors, paragraphs and errors.
        #[test]
        fn sections_read_as_they_pass_are_sections_read_apart(
            text in document(),
            cut in 0usize..40,
            blocks in 1usize..6,
        ) {
            let source = Source::new(text.clone());
            let apart = read_marked(&source, "t", true, None);
            let passing = read_marked(&source, "t", true, Some(scanned(&text, cut, blocks)));
            prop_assert_eq!(passing, apart);
        }
    }

    /// The panel's shape, cut at a blank line: every section is read in
    /// the pass (none left to read apart), the cut one joined.
    #[test]
    fn a_clean_cut_leaves_no_section_to_read_apart() {
        let mut text = String::from("# Panel\n\n");
        for name in ["Ada", "Chen Wei"] {
            text.push_str(&format!("## {name}\n\n"));
            for p in 0..10 {
                text.push_str(&format!("“{name}” — point {p}.\n\n"));
            }
        }
        let source = Source::new(text.clone());
        let lines = text.split_inclusive('\n').count();
        let first = text.split_inclusive('\n').position(|l| l.starts_with("## ")).expect("one");
        for cut in 0..=lines {
            // Before the first section, the cut is in the header.
            let clean = cut <= first
                || text
                    .split_inclusive('\n')
                    .nth(cut)
                    .is_none_or(|l| l == "\n" || l.starts_with("## "));
            let (marks, bodies) = scanned(&text, cut, 3).split();
            let whole = source.as_str();
            let rest_at = whole.find("## Ada").expect("first section");
            let (starts, _) = marks.headings(whole, &whole[rest_at..]);
            let at: Vec<usize> = starts.iter().map(|s| rest_at + s).collect();
            let bodies = bodies.and_then(|b| b.sections_at(&at)).expect("the sections found");
            // A cut inside a paragraph's section that is not at a blank
            // line leaves that one section to the general reader.
            let read = bodies.iter().filter(|b| b.is_some()).count();
            assert_eq!(
                read,
                if clean { 2 } else { 1 },
                "sections read in the pass, cut at line {cut}"
            );
            let with = read_marked(&source, "t", true, Some(scanned(&text, cut, 3)));
            assert_eq!(with, read_marked(&source, "t", true, None), "cut at line {cut}");
        }
    }
}
