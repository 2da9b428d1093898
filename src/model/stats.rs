//! The tag × contributor matrix: how many highlights carry each tag in each
//! contributor's section, and what share of that contributor's words they
//! cover (a word counts once however many highlights cover it).
//!
//! Nested tags (`parent/child`) make a tree: rows come parent first, and a
//! parent's row counts every highlight carrying it or any tag under it
//! (once), so a branch's total is read off one row. A parent that is not a
//! tag itself gets a row for its children's total.

use super::annotations::{Annotations, Highlight, tree};
use super::{Conversation, Pos};

/// One cell: highlights, and words covered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cell {
    pub highlights: usize,
    pub words: usize,
}

/// How a highlight without a tag is named wherever tags are listed (the
/// matrix's row for them, the annotation list, the exports).
pub const NO_TAG: &str = "(no tag)";

/// Counts for the chosen tags (rows) and every contributor (columns); a
/// last [`NO_TAG`] row counts the highlights without a tag, when there are any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Matrix {
    /// The rows' whole names (`parent/child`), parents before children.
    pub tags: Vec<String>,
    /// How deep each row sits in the tag tree (0 at the top).
    pub depth: Vec<usize>,
    /// Whether each row rolls up rows under it.
    pub parent: Vec<bool>,
    /// `cells[tag][voice]`.
    pub cells: Vec<Vec<Cell>>,
    /// Any tag (or none): every highlight counted once.
    pub all: Vec<Cell>,
    /// Words in each contributor's section.
    pub total_words: Vec<usize>,
}

impl Matrix {
    /// The matrix over `highlights` (live ones; orphans are skipped) for the
    /// tags named in `tags`, in that order.
    pub fn new<'a>(
        doc: &Conversation,
        tags: &[String],
        highlights: impl IntoIterator<Item = &'a Highlight>,
    ) -> Self {
        let voices = doc.voices().len();
        let highlights: Vec<&Highlight> =
            highlights.into_iter().filter(|h| !h.orphan && h.voice < voices).collect();
        let tree = tree::tree_of(tags.iter().map(String::as_str));
        let mut depth: Vec<usize> = tree.iter().map(|n| n.depth).collect();
        let mut parent: Vec<bool> = tree.iter().map(|n| n.parent).collect();
        let mut tags: Vec<String> = tree.into_iter().map(|n| n.name).collect();
        let untagged = highlights.iter().any(|h| h.tags.is_empty());
        if untagged && !tags.iter().any(|t| t == NO_TAG) {
            tags.push(NO_TAG.to_owned());
            depth.push(0);
            parent.push(false);
        }
        let carries = |h: &Highlight, tag: &str| {
            if tag == NO_TAG { h.tags.is_empty() } else { tree::carries_within(&h.tags, tag) }
        };
        // Per (row, voice): the ranges to measure. Row `tags.len()` is "all".
        let mut ranges: Vec<Vec<Vec<(Pos, Pos)>>> = vec![vec![Vec::new(); voices]; tags.len() + 1];
        let mut counts = vec![vec![0usize; voices]; tags.len() + 1];
        for h in highlights {
            for (row, tag) in tags.iter().enumerate() {
                if carries(h, tag) {
                    counts[row][h.voice] += 1;
                    ranges[row][h.voice].push((h.start, h.end));
                }
            }
            counts[tags.len()][h.voice] += 1;
            ranges[tags.len()][h.voice].push((h.start, h.end));
        }
        let mut rows: Vec<Vec<Cell>> = ranges
            .into_iter()
            .zip(counts)
            .map(|(per_voice, counts)| {
                per_voice
                    .into_iter()
                    .zip(counts)
                    .enumerate()
                    .map(|(voice, (r, highlights))| Cell {
                        highlights,
                        words: words_covered(doc, voice, r),
                    })
                    .collect()
            })
            .collect();
        let all = rows.pop().unwrap_or_default();
        let total_words = doc
            .voices()
            .iter()
            .map(|v| v.paragraphs.iter().map(|&p| doc.paragraph(p).words().len()).sum())
            .collect();
        Self { tags, depth, parent, cells: rows, all, total_words }
    }

    /// The matrix of every tag of `annotations`, in their order.
    pub fn of(doc: &Conversation, annotations: &Annotations) -> Self {
        let tags: Vec<String> = annotations.tags().iter().map(|t| t.name.clone()).collect();
        Self::new(doc, &tags, annotations.highlights().iter().map(|h| &**h))
    }

    /// Share (0–1) of voice `voice`'s words covered by `cell`.
    pub fn share(&self, cell: Cell, voice: usize) -> f64 {
        match self.total_words.get(voice) {
            Some(&total) if total > 0 => cell.words as f64 / total as f64,
            _ => 0.0,
        }
    }

    /// Highlights with tag row `row` across every voice.
    pub fn row_total(&self, row: usize) -> usize {
        self.cells.get(row).map_or(0, |r| r.iter().map(|c| c.highlights).sum())
    }
}

/// Words of `voice` that overlap any of `ranges`, each counted once.
fn words_covered(doc: &Conversation, voice: usize, mut ranges: Vec<(Pos, Pos)>) -> usize {
    if ranges.is_empty() {
        return 0;
    }
    ranges.sort();
    // Merge overlapping ranges so no word is counted twice.
    let mut merged: Vec<(Pos, Pos)> = Vec::with_capacity(ranges.len());
    for (s, e) in ranges {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    let v = &doc.voices()[voice];
    let mut count = 0;
    for (s, e) in merged {
        for para in s.para..=e.para {
            let Some(r) = v.paragraphs.get(para as usize) else { break };
            let from = if para == s.para { s.byte } else { 0 };
            let to = if para == e.para { e.byte } else { u32::MAX };
            count += overlapping(doc.paragraph(r).words(), from, to);
        }
    }
    count
}

/// How many of `words` overlap `[from, to)` (start before `to`, end after
/// `from`). Words are in order and apart, so their ends are in order too:
/// two binary searches, not a pass over the paragraph for every range.
fn overlapping(words: &[crate::model::Span], from: u32, to: u32) -> usize {
    let begun = words.partition_point(|w| w.start < to);
    let ended = words.partition_point(|w| w.end <= from);
    begun.saturating_sub(ended)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::annotations::{AnnotationFile, Stamp, Target};

    #[test]
    fn overlapping_words_are_those_a_pass_over_the_paragraph_counts() {
        let text = "The U.S. ban — “TikTok” & 微信, 👩‍👩‍👧 e\u{301}té; ok";
        let words = crate::model::segment::words(text);
        let len = text.len() as u32 + 2;
        for from in 0..len {
            for to in 0..len {
                let pass = words.iter().filter(|w| w.start < to && w.end > from).count();
                assert_eq!(overlapping(&words, from, to), pass, "[{from}, {to})");
            }
        }
    }

    fn doc() -> Conversation {
        crate::model::testing::conversation(&[
            &["one two three four", "five six"],
            &["seven eight"],
        ])
    }

    #[test]
    fn counts_highlights_and_words_once_each() {
        let d = doc();
        let mut a = AnnotationFile::empty(&d);
        let tag = |a: &mut Annotations, voice, s: Pos, e: Pos, name: &str, n: u32| {
            let stamp =
                Stamp { id: format!("h{n}"), coder: "c".into(), now: jiff::Timestamp::UNIX_EPOCH };
            let t = Target { voice, start: s, end: e };
            a.apply(a.tag_target(&d, &t, name, None, &stamp));
        };
        // "one two" and "two three" overlap on "two"; one more across the break.
        tag(&mut a, 0, Pos::new(0, 0), Pos::new(0, 7), "human-rights framing", 1);
        tag(&mut a, 0, Pos::new(0, 4), Pos::new(0, 13), "human-rights framing", 2);
        tag(&mut a, 0, Pos::new(0, 14), Pos::new(1, 4), "critique of the ban", 3);
        let m = Matrix::of(&d, &a);
        let row = m.tags.iter().position(|t| t == "human-rights framing").expect("row");
        assert_eq!(m.cells[row][0], Cell { highlights: 2, words: 3 });
        assert_eq!(m.cells[row][1], Cell::default());
        assert_eq!(m.total_words, [6, 2]);
        assert!((m.share(m.cells[row][0], 0) - 0.5).abs() < 1e-9);
        // "four" and "five": across the paragraph break.
        let crit = m.tags.iter().position(|t| t == "critique of the ban").expect("row");
        assert_eq!(m.cells[crit][0].words, 2);
        assert_eq!(m.all[0], Cell { highlights: 3, words: 5 });
        assert_eq!(m.row_total(row), 2);
    }

    #[test]
    fn highlights_without_a_tag_get_their_own_row_only_when_there_are_some() {
        let d = doc();
        let tags = vec!["a".to_owned()];
        let h = |tags: Vec<String>| Highlight {
            id: "x".into(),
            voice: 0,
            start: Pos::new(0, 0),
            end: Pos::new(0, 3),
            orphan: false,
            quote: Default::default(),
            tags,
            note: String::new(),
            coder: String::new(),
            created: jiff::Timestamp::UNIX_EPOCH,
            modified: jiff::Timestamp::UNIX_EPOCH,
        };
        let tagged = h(vec!["a".into()]);
        let m = Matrix::new(&d, &tags, [&tagged]);
        assert_eq!(m.tags, ["a"]);
        let untagged = h(vec![]);
        let m = Matrix::new(&d, &tags, [&tagged, &untagged]);
        assert_eq!(m.tags, ["a", NO_TAG]);
        assert_eq!((m.row_total(0), m.row_total(1)), (1, 1));
        assert_eq!(m.all[0].highlights, 2);
    }
}
