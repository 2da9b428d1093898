//! Links between passages made through the model as the reader makes
//! them. [`linked`], for the export tests: a relation read both ways beside
//! the defaults, links between coded highlights (one with a note of hostile
//! text), and one whose `from` end is a passage that is no highlight yet (a
//! link-only, untagged end). [`word`] and [`link`], for the command-line
//! tests.
#![allow(dead_code)]

use crosstalk::model::Conversation;
use crosstalk::model::Pos;
use crosstalk::model::annotations::{Annotations, LinkIds, Relation, Rgb, Stamp, Target};

fn stamp(n: u32, coder: &str) -> Stamp {
    Stamp {
        id: format!("linked-{n}"),
        coder: coder.to_owned(),
        now: jiff::Timestamp::from_second(1_750_000_000 + i64::from(n)).expect("time"),
    }
}

fn target(a: &Annotations, k: usize) -> Target {
    let h = &a.highlights()[k % a.highlights().len()];
    Target { voice: h.voice, start: h.start, end: h.end }
}

/// `a` with links added (it needs three highlights or more, not orphans,
/// in at least two voices).
pub fn linked(doc: &Conversation, mut a: Annotations) -> Annotations {
    let mut relations = a.relations().to_vec();
    relations.push(Relation {
        name: "agrees with <&> \"q\"".into(),
        color: Rgb(0x12, 0x34, 0x56),
        both_ways: true,
        description: "Each says what the other says.\nSecond line & <b>".into(),
    });
    a.apply(a.set_relations(relations, None, stamp(0, "x").now));
    let placed: Vec<usize> =
        (0..a.highlights().len()).filter(|&k| !a.highlights()[k].orphan).collect();
    let (first, last) = (placed[0], placed[placed.len() - 1]);
    let middle = placed[placed.len() / 2];
    let ids = |n: u32| LinkIds {
        link: format!("00000000-0000-4000-8000-00000000000{n}"),
        from: format!("00000000-0000-4000-8000-0000000000a{n}"),
        to: format!("00000000-0000-4000-8000-0000000000b{n}"),
    };
    let link =
        |a: &mut Annotations, from: Target, to: Target, relation: &str, n: u32, coder: &str| {
            let edit =
                a.add_link(doc, &from, &to, relation, &ids(n), &stamp(n, coder)).expect("a link");
            a.apply(edit);
        };
    let (tf, tl, tm) = (target(&a, first), target(&a, last), target(&a, middle));
    link(&mut a, tl, tf, "answers", 1, "ada");
    let id = a.links()[0].id.clone();
    let later = jiff::Timestamp::from_second(1_760_000_000).expect("time");
    a.apply(a.set_link_note(
        &id,
        "=cmd|' /C calc'!A0\nsecond line <b>&amp;</b> \u{202e}rev 数据",
        later,
    ));
    link(&mut a, tm, tf, "agrees with <&> \"q\"", 2, "李雷");
    // A link-only end: the first word or so of the last highlight's
    // paragraph, if that is not a highlight already.
    let para = tl.start.para as usize;
    let text = doc.paragraph(doc.voices()[tl.voice].paragraphs[para]).text();
    let end = text.char_indices().nth(4).map_or(text.len(), |(b, _)| b);
    let bare = Target {
        voice: tl.voice,
        start: crosstalk::model::Pos::new(para, 0),
        end: crosstalk::model::Pos::new(para, end),
    };
    if end > 0 && a.exact(&bare).is_none() && bare != tm {
        link(&mut a, bare, tm, "rebuts", 3, "");
    }
    a
}

/// The `word`-th word of `voice`'s first paragraph.
pub fn word(doc: &Conversation, voice: usize, word: usize) -> Target {
    let para = doc.paragraph(doc.voices()[voice].paragraphs[0]);
    let w = para.words()[word];
    Target { voice, start: Pos::new(0, w.start as usize), end: Pos::new(0, w.end as usize) }
}

/// Links `from` to `to` under `relation`, by `coder`; `n` makes the ids
/// (`link-n`, and `from-n`, `to-n` for ends that are no highlight yet).
pub fn link(
    doc: &Conversation,
    a: &mut Annotations,
    (from, to): (Target, Target),
    relation: &str,
    coder: &str,
    n: u32,
) {
    let ids =
        LinkIds { link: format!("link-{n}"), from: format!("from-{n}"), to: format!("to-{n}") };
    let stamp = Stamp {
        id: String::new(),
        coder: coder.into(),
        now: jiff::Timestamp::from_second(1_700_000_000 + i64::from(n)).expect("time"),
    };
    let edit = a.add_link(doc, &from, &to, relation, &ids, &stamp).expect("a new link");
    a.apply(edit);
}
