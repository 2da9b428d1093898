//! Inter-coder agreement: how far coders who coded the same conversation
//! apart agree, tag by tag and voice by voice, on a unit of analysis
//! (sentence, paragraph or character), with the measures a methods section
//! reports (percent agreement, Cohen's κ, Krippendorff's α, Fleiss' κ), and
//! where they disagree.
//!
//! A coder applied tag T to a unit when one of their highlights carrying T
//! (or a tag under T: `T/child`) covers a non-whitespace character of it.
//! Orphaned highlights (not found in the text) take no part. Each coder's
//! coded units for one tag and voice are a few merged ranges (`units`), and
//! a sweep over every coder's ranges gives the tallies, so the work grows
//! with the highlights, not with the text.

pub mod measures;
mod units;

use std::collections::HashMap;

pub use measures::{Measure, Pair, Tally, Undefined};

use super::annotations::{Highlight, tree};
use super::{Conversation, Pos};
use units::VoiceUnits;

/// What coders are compared on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Unit {
    /// Each sentence of each voice.
    #[default]
    Sentence,
    /// Each paragraph.
    Paragraph,
    /// Each non-whitespace character (as NVivo's coding comparison).
    Char,
}

impl Unit {
    pub fn name(self) -> &'static str {
        match self {
            Unit::Sentence => "sentence",
            Unit::Paragraph => "paragraph",
            Unit::Char => "char",
        }
    }
}

/// One coder and their highlights.
#[derive(Clone, Debug)]
pub struct Coder<'a> {
    pub name: String,
    pub highlights: Vec<&'a Highlight>,
}

/// The decisions counted for one tag in one voice (or summed over voices or
/// tags).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Counts {
    /// Units compared.
    pub units: u64,
    /// With exactly two coders: both, only the first, only the second,
    /// neither.
    pub pair: Pair,
    pub tally: Tally,
}

impl Counts {
    fn add(&mut self, other: &Counts) {
        self.units += other.units;
        self.pair.both += other.pair.both;
        self.pair.only_a += other.pair.only_a;
        self.pair.only_b += other.pair.only_b;
        self.pair.neither += other.pair.neither;
        self.tally.merge(&other.tally);
    }
}

/// One row of the report: a tag (`None`: every tag without tags under it
/// that some coder applied, pooled) in a voice (`None`: every voice).
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub tag: Option<String>,
    pub voice: Option<usize>,
    pub counts: Counts,
}

/// Agreement of every tag in every voice.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub unit: Unit,
    pub coders: Vec<String>,
    /// The tags compared, in tree order (parents roll up their branch).
    pub tags: Vec<String>,
    /// Per tag: whether tags sit under it.
    pub parent: Vec<bool>,
    /// Rows: per tag, each voice then all voices; then the pooled rows.
    pub rows: Vec<Row>,
    /// Orphaned highlights left out, per coder.
    pub orphans: Vec<usize>,
}

impl Report {
    /// Percent agreement (mean pairwise, for more than two coders).
    pub fn percent(&self, row: &Row) -> Measure {
        row.counts.tally.percent()
    }

    /// Cohen's κ: two coders only.
    pub fn cohen(&self, row: &Row) -> Measure {
        if self.coders.len() != 2 {
            return Err(Undefined::Coders);
        }
        row.counts.pair.cohen()
    }

    /// Krippendorff's α (nominal).
    pub fn alpha(&self, row: &Row) -> Measure {
        row.counts.tally.alpha()
    }

    /// Fleiss' κ: three or more coders.
    pub fn fleiss(&self, row: &Row) -> Measure {
        if self.coders.len() < 3 {
            return Err(Undefined::Coders);
        }
        row.counts.tally.fleiss()
    }
}

/// Every tag name any coder used, with the parents of nested ones, in tree
/// order (first appearance among `tags`, then the highlights).
fn tag_names(tags: &[String], coders: &[Coder]) -> Vec<tree::Node> {
    let mut names: Vec<&str> = tags.iter().map(String::as_str).collect();
    let mut seen: std::collections::HashSet<&str> = names.iter().copied().collect();
    for c in coders {
        for h in &c.highlights {
            for t in &h.tags {
                if seen.insert(t) {
                    names.push(t);
                }
            }
        }
    }
    tree::tree_of(names)
}

/// Each coder's coded unit ranges for one (tag, voice).
type Coded = Vec<Vec<(u64, u64)>>;

/// Every coder's coded unit ranges by (tag row, voice).
type ByRow = HashMap<(usize, usize), Coded>;

/// Groups every coder's highlights by (tag row, voice) as coded unit
/// ranges, rolling nested tags up into their parents; and, for a tag with
/// tags under it, its own uses alone (what the pool counts for it).
fn coded_ranges(
    units: &[VoiceUnits],
    rows: &HashMap<&str, usize>,
    parents: &[bool],
    coders: &[Coder],
) -> (ByRow, ByRow) {
    let mut out: ByRow = HashMap::new();
    let mut own: ByRow = HashMap::new();
    let mut ranges = Vec::new();
    let mut under: Vec<usize> = Vec::new();
    for (c, coder) in coders.iter().enumerate() {
        for h in coder.highlights.iter().filter(|h| !h.orphan && h.voice < units.len()) {
            under.clear();
            for t in &h.tags {
                let mut name = Some(t.as_str());
                while let Some(n) = name {
                    if let Some(&r) = rows.get(n)
                        && !under.contains(&r)
                    {
                        under.push(r);
                    }
                    name = tree::parent(n);
                }
            }
            if under.is_empty() {
                continue;
            }
            ranges.clear();
            units[h.voice].coded(h, &mut ranges);
            for &r in &under {
                let per = out.entry((r, h.voice)).or_insert_with(|| vec![Vec::new(); coders.len()]);
                per[c].extend_from_slice(&ranges);
            }
            for r in h.tags.iter().filter_map(|t| rows.get(t.as_str())) {
                if parents[*r] {
                    let per =
                        own.entry((*r, h.voice)).or_insert_with(|| vec![Vec::new(); coders.len()]);
                    per[c].extend_from_slice(&ranges);
                }
            }
        }
    }
    (merged(out), merged(own))
}

/// Each coder's ranges sorted, overlaps merged.
fn merged(mut out: ByRow) -> ByRow {
    for per in out.values_mut() {
        for list in per.iter_mut() {
            list.sort_unstable();
            let mut merged: Vec<(u64, u64)> = Vec::with_capacity(list.len());
            for &(a, b) in list.iter() {
                match merged.last_mut() {
                    Some(last) if a <= last.1 => last.1 = last.1.max(b),
                    _ => merged.push((a, b)),
                }
            }
            *list = merged;
        }
    }
    out
}

/// Sweeps the coders' ranges of one (tag, voice): calls `each(a, b, who)`
/// for every stretch `[a, b)` some coder coded, `who[c]` telling whether
/// coder `c` did.
fn sweep(coded: &Coded, mut each: impl FnMut(u64, u64, &[bool])) {
    let mut events: Vec<(u64, usize, bool)> = Vec::new();
    for (c, list) in coded.iter().enumerate() {
        for &(a, b) in list {
            events.push((a, c, true));
            events.push((b, c, false));
        }
    }
    events.sort_unstable_by_key(|&(x, c, start)| (x, start, c));
    let mut who = vec![false; coded.len()];
    let mut active = 0usize;
    let mut at = 0u64;
    for (x, c, start) in events {
        if active > 0 && x > at {
            each(at, x, &who);
        }
        at = x;
        who[c] = start;
        if start {
            active += 1;
        } else {
            active -= 1;
        }
    }
}

/// The counts of one (tag, voice).
fn counts(units: &VoiceUnits, coded: Option<&Coded>, coders: usize) -> Counts {
    let m = coders as u32;
    let mut c = Counts { units: units.total, ..Counts::default() };
    let mut covered = 0;
    if let Some(coded) = coded {
        sweep(coded, |a, b, who| {
            let n = units.size(a, b);
            if n == 0 {
                return;
            }
            covered += n;
            let j = who.iter().filter(|w| **w).count() as u32;
            c.tally.add(m, j, n);
            if coders == 2 {
                match (who[0], who[1]) {
                    (true, true) => c.pair.both += n,
                    (true, false) => c.pair.only_a += n,
                    (false, true) => c.pair.only_b += n,
                    (false, false) => {}
                }
            }
        });
    }
    let none = units.total.saturating_sub(covered);
    c.tally.add(m, 0, none);
    if coders == 2 {
        c.pair.neither = none;
    }
    c
}

/// Compares `coders` on `doc`, unit by unit. `tags` gives the order of the
/// rows (a codebook); tags only the highlights use follow.
pub fn agree(doc: &Conversation, unit: Unit, tags: &[String], coders: &[Coder]) -> Report {
    let voices = doc.voices().len();
    let units: Vec<VoiceUnits> = (0..voices).map(|v| VoiceUnits::new(doc, v, unit)).collect();
    let nodes = tag_names(tags, coders);
    let index: HashMap<&str, usize> =
        nodes.iter().enumerate().map(|(i, n)| (n.name.as_str(), i)).collect();
    let parents: Vec<bool> = nodes.iter().map(|n| n.parent).collect();
    let (coded, own) = coded_ranges(&units, &index, &parents, coders);
    let mut rows = Vec::new();
    let mut pooled: Vec<Counts> = vec![Counts::default(); voices];
    for (t, node) in nodes.iter().enumerate() {
        // A tag no coder applied (a codebook entry, or only on orphaned
        // highlights) is agreed on everywhere: pooling it would raise the
        // pooled agreement by what nobody decided. A tag with tags under
        // it is pooled by its own uses (theirs are pooled as theirs).
        let used = (0..voices).any(|v| coded.contains_key(&(t, v)));
        let used_itself = node.parent && (0..voices).any(|v| own.contains_key(&(t, v)));
        let mut all = Counts::default();
        for (v, u) in units.iter().enumerate() {
            let c = counts(u, coded.get(&(t, v)), coders.len());
            all.add(&c);
            if !node.parent && used {
                pooled[v].add(&c);
            }
            if used_itself {
                pooled[v].add(&counts(u, own.get(&(t, v)), coders.len()));
            }
            rows.push(Row { tag: Some(node.name.clone()), voice: Some(v), counts: c });
        }
        rows.push(Row { tag: Some(node.name.clone()), voice: None, counts: all });
    }
    let mut total = Counts::default();
    for (v, c) in pooled.into_iter().enumerate() {
        total.add(&c);
        rows.push(Row { tag: None, voice: Some(v), counts: c });
    }
    rows.push(Row { tag: None, voice: None, counts: total });
    let orphans = coders.iter().map(|c| c.highlights.iter().filter(|h| h.orphan).count()).collect();
    Report {
        unit,
        coders: coders.iter().map(|c| c.name.clone()).collect(),
        tags: nodes.iter().map(|n| n.name.clone()).collect(),
        parent: nodes.iter().map(|n| n.parent).collect(),
        rows,
        orphans,
    }
}

/// A stretch of one voice where coders disagree on one tag: some coded it,
/// some did not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Disagreement {
    pub voice: usize,
    pub start: Pos,
    pub end: Pos,
    /// Units in it.
    pub units: u64,
    /// Per coder: whether they coded it.
    pub coded: Vec<bool>,
}

/// Where the coders disagree on `tag` (and the tags under it), in reading
/// order of each voice, voice by voice; neighbouring units with the same
/// coders are one stretch.
pub fn disagreements(
    doc: &Conversation,
    unit: Unit,
    tag: &str,
    coders: &[Coder],
) -> Vec<Disagreement> {
    let voices = doc.voices().len();
    let units: Vec<VoiceUnits> = (0..voices).map(|v| VoiceUnits::new(doc, v, unit)).collect();
    let index: HashMap<&str, usize> = [(tag, 0)].into_iter().collect();
    let (coded, _) = coded_ranges(&units, &index, &[false], coders);
    let mut out = Vec::new();
    for (v, u) in units.iter().enumerate() {
        let Some(c) = coded.get(&(0, v)) else { continue };
        let mut last: Option<(u64, u64, Vec<bool>)> = None;
        let flush = |run: Option<(u64, u64, Vec<bool>)>, out: &mut Vec<Disagreement>| {
            if let Some((a, b, who)) = run {
                let n = u.size(a, b);
                if n > 0 {
                    let (start, end) = u.span(a, b);
                    out.push(Disagreement { voice: v, start, end, units: n, coded: who });
                }
            }
        };
        sweep(c, |a, b, who| {
            if who.iter().all(|w| *w) {
                return;
            }
            match &mut last {
                Some((_, end, w)) if *end == a && w.as_slice() == who => *end = b,
                _ => {
                    let prev = last.replace((a, b, who.to_vec()));
                    flush(prev, &mut out);
                }
            }
        });
        flush(last.take(), &mut out);
    }
    out
}

#[cfg(test)]
mod tests;
