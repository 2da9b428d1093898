//! The sweep against a naive count: every unit enumerated, each coder's
//! decision on it found by looking at every highlight.

use proptest::prelude::*;

use super::*;
use crate::model::annotations::{Annotations, Stamp, Target};
use crate::model::testing::conversation;

const VOICE_A: [&str; 3] = [
    "The U.S. and China disagree. “Ban it,” he said — twice!  Then: nothing.",
    "数据安全很重要。我们同意吗？是的。",
    "A family 👨‍👩‍👧 watched. Cafe\u{301} owners left. End.",
];
const VOICE_B: [&str; 2] = ["Short one. And another   sentence here.", "  x  "];

fn doc() -> Conversation {
    conversation(&[&VOICE_A, &VOICE_B])
}

/// A highlight of `voice` from (para, byte) to (para, byte), snapped to
/// character boundaries.
fn highlight(
    d: &Conversation,
    voice: usize,
    s: (usize, usize),
    e: (usize, usize),
    tags: &[&str],
) -> Highlight {
    let text = |p: usize| d.paragraph(d.voices()[voice].paragraphs.at(p)).text();
    let snap = |(p, b): (usize, usize)| {
        let t = text(p);
        let mut b = b.min(t.len());
        while !t.is_char_boundary(b) {
            b -= 1;
        }
        Pos::new(p, b)
    };
    let (mut start, mut end) = (snap(s), snap(e));
    if end < start {
        std::mem::swap(&mut start, &mut end);
    }
    let stamp = Stamp { id: "h".into(), coder: "c".into(), now: jiff::Timestamp::UNIX_EPOCH };
    Annotations::new_highlight(
        d,
        &Target { voice, start, end },
        tags.iter().map(|t| (*t).to_owned()).collect(),
        String::new(),
        &stamp,
    )
}

/// Each unit of `voice` as (paragraph, byte range).
fn naive_units(d: &Conversation, voice: usize, unit: Unit) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    for (p, &r) in d.voices()[voice].paragraphs.iter().enumerate() {
        let para = d.paragraph(r);
        match unit {
            Unit::Paragraph => out.push((p, 0, para.text().len())),
            Unit::Sentence => {
                out.extend(para.sentences().iter().map(|s| (p, s.start as usize, s.end as usize)))
            }
            Unit::Char => out.extend(
                para.text()
                    .char_indices()
                    .filter(|(_, c)| !c.is_whitespace())
                    .map(|(i, c)| (p, i, i + c.len_utf8())),
            ),
        }
    }
    out
}

/// Whether `h` covers a non-whitespace character of the unit.
fn naive_codes(d: &Conversation, h: &Highlight, (p, a, b): (usize, usize, usize)) -> bool {
    let text = d.paragraph(d.voices()[h.voice].paragraphs.at(p)).text();
    let s = if p == h.start.para as usize { h.start.byte as usize } else { 0 };
    let e = if p == h.end.para as usize { h.end.byte as usize } else { text.len() };
    let inside = (h.start.para as usize..=h.end.para as usize).contains(&p);
    let (lo, hi) = (a.max(s), b.min(e));
    inside && lo < hi && text[lo..hi].chars().any(|c| !c.is_whitespace())
}

fn naive(d: &Conversation, unit: Unit, tag: &str, voice: usize, coders: &[Coder]) -> Counts {
    let m = coders.len() as u32;
    let mut c = Counts::default();
    for u in naive_units(d, voice, unit) {
        let who: Vec<bool> = coders
            .iter()
            .map(|k| {
                k.highlights.iter().any(|h| {
                    !h.orphan
                        && h.voice == voice
                        && h.tags.iter().any(|t| tree::within(t, tag))
                        && naive_codes(d, h, u)
                })
            })
            .collect();
        c.units += 1;
        let j = who.iter().filter(|w| **w).count() as u32;
        c.tally.add(m, j, 1);
        if coders.len() == 2 {
            match (who[0], who[1]) {
                (true, true) => c.pair.both += 1,
                (true, false) => c.pair.only_a += 1,
                (false, true) => c.pair.only_b += 1,
                (false, false) => c.pair.neither += 1,
            }
        }
    }
    c
}

fn same(a: &Counts, b: &Counts) -> bool {
    a.units == b.units && a.pair == b.pair && a.tally.sorted() == b.tally.sorted()
}

#[test]
fn a_highlight_on_the_space_after_a_sentence_does_not_code_the_next() {
    let d = doc();
    // "The U.S. and China disagree. " — the highlight takes the space too.
    let h = highlight(&d, 0, (0, 0), (0, 29), &["t"]);
    let a = Coder { name: "a".into(), highlights: vec![&h] };
    let b = Coder { name: "b".into(), highlights: vec![] };
    let r = agree(&d, Unit::Sentence, &[], &[a, b]);
    let row = &r.rows[0];
    assert_eq!((row.tag.as_deref(), row.voice), (Some("t"), Some(0)));
    assert_eq!(row.counts.pair.only_a, 1);
}

#[test]
fn one_coder_coding_nothing_and_both_coding_everything() {
    let d = doc();
    let all: Vec<Highlight> = (0..3).map(|p| highlight(&d, 0, (p, 0), (p, 999), &["t"])).collect();
    let a = Coder { name: "a".into(), highlights: all.iter().collect() };
    let nobody = Coder { name: "b".into(), highlights: vec![] };
    let r = agree(&d, Unit::Sentence, &[], &[a.clone(), nobody]);
    let row = r.rows.iter().find(|r| r.voice == Some(0)).expect("row");
    // A coded every unit, B none: κ = 0 (defined), α negative or undefined?
    assert_eq!(r.cohen(row), Ok(0.0));
    let r = agree(&d, Unit::Sentence, &[], &[a.clone(), a.clone()]);
    let row = r.rows.iter().find(|r| r.voice == Some(0)).expect("row");
    assert_eq!(r.percent(row), Ok(1.0));
    assert_eq!(r.cohen(row), Err(Undefined::NoVariation));
    assert_eq!(r.alpha(row), Err(Undefined::NoVariation));
    assert_eq!(r.fleiss(row), Err(Undefined::Coders));
}

#[test]
fn the_pool_leaves_out_tags_nobody_applied() {
    let d = doc();
    let h = highlight(&d, 0, (0, 0), (0, 8), &["used"]); // "The U.S."
    let mut gone = highlight(&d, 0, (1, 0), (1, 9), &["orphaned"]);
    gone.orphan = true;
    let a = Coder { name: "a".into(), highlights: vec![&h, &gone] };
    let b = Coder { name: "b".into(), highlights: vec![] };
    let codebook = ["unused".to_owned(), "used".to_owned()];
    let r = agree(&d, Unit::Sentence, &codebook, &[a, b]);
    // The unused tags keep their rows…
    assert_eq!(r.tags, ["unused", "used", "orphaned"]);
    let total = |tag: Option<&str>| {
        r.rows.iter().find(|row| row.tag.as_deref() == tag && row.voice.is_none()).expect("row")
    };
    // …but the pool is the one tag a coder applied, not three tags' worth
    // of units nobody decided on.
    assert_eq!(total(None).counts, total(Some("used")).counts);
    assert_eq!(r.percent(total(None)), r.percent(total(Some("used"))));
}

#[test]
fn disagreements_are_the_stretches_some_but_not_all_coded() {
    let d = doc();
    let h1 = highlight(&d, 0, (0, 0), (0, 8), &["t"]); // "The U.S."
    let h2 = highlight(&d, 0, (1, 0), (1, 9), &["t/x"]); // 数据安全
    let h3 = highlight(&d, 0, (0, 0), (0, 3), &["t"]);
    let a = Coder { name: "a".into(), highlights: vec![&h1, &h2] };
    let b = Coder { name: "b".into(), highlights: vec![&h3] };
    let found = disagreements(&d, Unit::Char, "t", &[a.clone(), b.clone()]);
    let spans: Vec<(Pos, Pos, u64, Vec<bool>)> =
        found.iter().map(|x| (x.start, x.end, x.units, x.coded.clone())).collect();
    assert_eq!(
        spans,
        [
            (Pos::new(0, 3), Pos::new(0, 8), 4, vec![true, false]),
            (Pos::new(1, 0), Pos::new(1, 9), 3, vec![true, false]),
        ]
    );
    let found = disagreements(&d, Unit::Sentence, "t", &[a, b]);
    assert_eq!(found.len(), 1, "the first sentence both coded; the CJK one only A");
    assert_eq!((found[0].start, found[0].end), (Pos::new(1, 0), Pos::new(1, 24)));
}

prop_compose! {
    fn a_highlight()(voice in 0usize..2, p0 in 0usize..3, b0 in 0usize..80, p1 in 0usize..3, b1 in 0usize..80,
                     tag in prop::sample::select(vec!["t", "t/x", "u", "t/x/y"]), orphan in prop::bool::weighted(0.1))
        -> (usize, (usize, usize), (usize, usize), &'static str, bool) {
        (voice, (p0, b0), (p1, b1), tag, orphan)
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// The sweep counts exactly what enumerating every unit counts, for
    /// every unit kind, tag (parents rolled up), voice and 1–4 coders.
    #[test]
    fn the_sweep_equals_counting_every_unit(
        coders in prop::collection::vec(prop::collection::vec(a_highlight(), 0..8), 1..5),
        unit in prop::sample::select(vec![Unit::Sentence, Unit::Paragraph, Unit::Char]),
    ) {
        let d = doc();
        let made: Vec<Vec<Highlight>> = coders
            .iter()
            .map(|hs| {
                hs.iter()
                    .map(|&(voice, s, e, tag, orphan)| {
                        let paras = d.voices()[voice].paragraphs.len();
                        let clamp = |(p, b): (usize, usize)| (p.min(paras - 1), b);
                        let (mut s, mut e) = (clamp(s), clamp(e));
                        if e < s {
                            std::mem::swap(&mut s, &mut e);
                        }
                        let mut h = highlight(&d, voice, s, e, &[tag]);
                        h.orphan = orphan;
                        h
                    })
                    .collect()
            })
            .collect();
        let coders: Vec<Coder> = made
            .iter()
            .enumerate()
            .map(|(i, hs)| Coder { name: format!("c{i}"), highlights: hs.iter().collect() })
            .collect();
        let r = agree(&d, unit, &["t".to_owned()], &coders);
        for row in &r.rows {
            let (Some(tag), Some(voice)) = (&row.tag, row.voice) else { continue };
            let expected = naive(&d, unit, tag, voice, &coders);
            prop_assert!(same(&row.counts, &expected), "{tag} voice {voice}: {:?} vs {:?}", row.counts, expected);
        }
        // Each tag's all-voices row is the sum of its voices.
        for tag in &r.tags {
            let sum: u64 = r.rows.iter().filter(|x| x.tag.as_ref() == Some(tag) && x.voice.is_some()).map(|x| x.counts.units).sum();
            let all = r.rows.iter().find(|x| x.tag.as_ref() == Some(tag) && x.voice.is_none()).expect("all row");
            prop_assert_eq!(all.counts.units, sum);
        }
    }
}

/// A tag with tags under it, applied itself: its own uses are in the
/// pool (a disagreement on them is one), as each tag under it is.
#[test]
fn the_pool_counts_a_parent_tag_applied_itself() {
    let d = doc();
    let frame = highlight(&d, 0, (0, 0), (0, 8), &["frame"]); // "The U.S."
    let rights = highlight(&d, 0, (1, 0), (1, 9), &["frame/rights"]);
    let a = Coder { name: "a".into(), highlights: vec![&frame, &rights] };
    let b = Coder { name: "b".into(), highlights: vec![&rights] };
    let r = agree(&d, Unit::Sentence, &[], &[a, b]);
    let total = |tag: Option<&str>| {
        r.rows.iter().find(|row| row.tag.as_deref() == tag && row.voice.is_none()).expect("row")
    };
    // `frame` rolls `frame/rights` up: only a coded "The U.S." sentence.
    assert_eq!(total(Some("frame")).counts.pair.only_a, 1);
    assert_eq!(total(Some("frame/rights")).counts.pair.both, 1);
    // The pool: `frame/rights` agreed, `frame` itself not.
    let pool = &total(None).counts.pair;
    assert_eq!((pool.both, pool.only_a, pool.only_b), (1, 1, 0), "{pool:?}");
    assert!(r.percent(total(None)).expect("defined") < 1.0);
    // Without the direct use, the pool is `frame/rights` alone.
    let a = Coder { name: "a".into(), highlights: vec![&rights] };
    let b = Coder { name: "b".into(), highlights: vec![&rights] };
    let r = agree(&d, Unit::Sentence, &[], &[a, b]);
    let pool = r.rows.iter().find(|row| row.tag.is_none() && row.voice.is_none()).expect("row");
    let leaf = r
        .rows
        .iter()
        .find(|row| row.tag.as_deref() == Some("frame/rights") && row.voice.is_none())
        .expect("row");
    assert_eq!(pool.counts, leaf.counts);
}
