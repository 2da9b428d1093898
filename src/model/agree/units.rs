//! The units coders are compared on, and which of them a highlight codes.
//!
//! Units of one voice are numbered in reading order, so what a highlight
//! codes is a few ranges of unit numbers and a tally is a sweep over
//! ranges, never a walk over every unit:
//! - **sentence**: the voice's sentences, numbered across its paragraphs;
//! - **paragraph**: its paragraphs;
//! - **char**: its non-whitespace characters, numbered by their byte offset
//!   in the voice (paragraphs laid end to end), so a range's size is the
//!   number of non-whitespace characters in it.
//!
//! A highlight codes a unit when it covers at least one non-whitespace
//! character of it: a highlight that ends on the space after a sentence
//! does not code the next one.

use super::super::annotations::Highlight;
use super::super::{Conversation, Pos};
use super::Unit;

/// One voice's units.
pub(super) struct VoiceUnits<'d> {
    doc: &'d Conversation,
    voice: usize,
    unit: Unit,
    /// Per paragraph: the number of its first unit (sentence, paragraph)
    /// or its first byte (char).
    base: Vec<u64>,
    /// Units in the voice.
    pub total: u64,
}

fn solid(s: &str) -> bool {
    s.chars().any(|c| !c.is_whitespace())
}

fn solid_count(s: &str) -> u64 {
    s.chars().filter(|c| !c.is_whitespace()).count() as u64
}

impl<'d> VoiceUnits<'d> {
    pub fn new(doc: &'d Conversation, voice: usize, unit: Unit) -> Self {
        let mut base = Vec::new();
        let mut next = 0u64;
        let mut total = 0u64;
        for &p in &doc.voices()[voice].paragraphs {
            let para = doc.paragraph(p);
            base.push(next);
            match unit {
                Unit::Sentence => next += para.sentences().len() as u64,
                Unit::Paragraph => next += 1,
                Unit::Char => {
                    next += para.text().len() as u64;
                    total += solid_count(para.text());
                }
            }
        }
        if unit != Unit::Char {
            total = next;
        }
        Self { doc, voice, unit, base, total }
    }

    fn text(&self, para: usize) -> &'d str {
        self.doc.paragraph(self.doc.voices()[self.voice].paragraphs.at(para)).text()
    }

    /// The unit ranges `[a, b)` highlight `h` codes, in order and apart.
    pub fn coded(&self, h: &Highlight, out: &mut Vec<(u64, u64)>) {
        let paras = self.base.len();
        let (first, last) =
            (h.start.para as usize, (h.end.para as usize).min(paras.saturating_sub(1)));
        for p in first..=last {
            if p >= paras {
                break;
            }
            let text = self.text(p);
            let s = if p == first { (h.start.byte as usize).min(text.len()) } else { 0 };
            let e = if p == h.end.para as usize {
                (h.end.byte as usize).min(text.len())
            } else {
                text.len()
            };
            if s >= e || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
                continue;
            }
            let base = self.base[p];
            let mut push = |a: u64, b: u64| match out.last_mut() {
                Some(last) if last.1 >= a => last.1 = last.1.max(b),
                _ => out.push((a, b)),
            };
            match self.unit {
                Unit::Paragraph => {
                    if solid(&text[s..e]) {
                        push(base, base + 1);
                    }
                }
                Unit::Char => push(base + s as u64, base + e as u64),
                Unit::Sentence => {
                    let para = self.doc.paragraph(self.doc.voices()[self.voice].paragraphs.at(p));
                    let sentences = para.sentences();
                    let mut i = para.sentence_at(s);
                    while let Some(span) = sentences.get(i) {
                        let (a, b) = (span.start as usize, span.end as usize);
                        if a >= e {
                            break;
                        }
                        if solid(&text[a.max(s)..b.min(e)]) {
                            push(base + i as u64, base + i as u64 + 1);
                        }
                        i += 1;
                    }
                }
            }
        }
    }

    /// How many units the range `[a, b)` holds.
    pub fn size(&self, a: u64, b: u64) -> u64 {
        match self.unit {
            Unit::Sentence | Unit::Paragraph => b - a,
            Unit::Char => {
                let mut n = 0;
                let mut p = self.base.partition_point(|&x| x <= a).saturating_sub(1);
                while p < self.base.len() && self.base[p] < b {
                    let text = self.text(p);
                    let lo = (a.saturating_sub(self.base[p]) as usize).min(text.len());
                    let hi = ((b - self.base[p]) as usize).min(text.len());
                    if lo < hi {
                        n += solid_count(&text[lo..hi]);
                    }
                    p += 1;
                }
                n
            }
        }
    }

    /// Where the range `[a, b)` is in the voice: from the start of its first
    /// unit to the end of its last.
    pub fn span(&self, a: u64, b: u64) -> (Pos, Pos) {
        let para_of = |x: u64| self.base.partition_point(|&y| y <= x).saturating_sub(1);
        let (pa, pb) = (para_of(a), para_of(b.saturating_sub(1).max(a)));
        match self.unit {
            Unit::Paragraph => (Pos::new(pa, 0), Pos::new(pb, self.text(pb).len())),
            Unit::Char => (
                Pos::new(pa, (a - self.base[pa]) as usize),
                Pos::new(pb, (b - self.base[pb]) as usize),
            ),
            Unit::Sentence => {
                let sentence = |p: usize, x: u64| {
                    let para = self.doc.paragraph(self.doc.voices()[self.voice].paragraphs.at(p));
                    para.sentences()[(x - self.base[p]) as usize]
                };
                let first = sentence(pa, a);
                let last = sentence(pb, b - 1);
                (Pos::new(pa, first.start as usize), Pos::new(pb, last.end as usize))
            }
        }
    }
}
