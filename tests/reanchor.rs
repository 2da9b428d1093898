//! Re-anchoring on load, through `AnnotationFile::into_annotations`: the
//! same places as the whole-voice `reattach` it stands in for, after random
//! edits of random conversations; and a large re-anchor that finishes, with
//! every highlight where it should be.

use std::sync::Arc;

use crosstalk::model::annotations::{
    AnnotationFile, Annotations, Highlight, Quote, quote_in, reattach,
};
use crosstalk::model::voicetext::byte_of_char;
use crosstalk::model::{Conversation, Pos, VoiceText};
use jiff::Timestamp;
use proptest::prelude::*;

fn doc(voices: &[Vec<String>]) -> Conversation {
    let voices: Vec<Vec<&str>> =
        voices.iter().map(|v| v.iter().map(String::as_str).collect()).collect();
    let sections: Vec<&[&str]> = voices.iter().map(Vec::as_slice).collect();
    crosstalk::model::testing::conversation(&sections)
}

fn highlight(doc: &Conversation, n: usize, voice: usize, start: Pos, end: Pos) -> Highlight {
    let now = Timestamp::from_second(1_700_000_000).expect("time");
    Highlight {
        id: format!("h{n:06}"),
        voice,
        start,
        end,
        orphan: false,
        quote: quote_in(doc, &doc.voices()[voice], start, end),
        tags: vec![],
        note: String::new(),
        coder: "c".into(),
        created: now,
        modified: now,
    }
}

fn annotations(doc: &Conversation, highlights: Vec<Highlight>) -> Annotations {
    Annotations::from_parts(doc.id.clone(), vec![], highlights)
}

/// Where the whole-voice `reattach` puts a highlight of `file` on `doc`,
/// from the same hint loading uses (the stated paragraph and code point,
/// clamped to the text): `None` for an orphan.
fn reference(
    doc: &Conversation,
    voice: usize,
    h: &crosstalk::model::annotations::FileHighlight,
) -> Option<(Pos, Pos)> {
    let vt = VoiceText::new(doc, &doc.voices()[voice]);
    let v = &doc.voices()[voice];
    let para = h.start.paragraph.saturating_sub(1).min(v.paragraphs.len() - 1);
    let text = doc.paragraph(v.paragraphs[para]).text();
    let byte = byte_of_char(text, h.start.char).unwrap_or(text.len());
    let hint = vt.offset(Pos::new(para, byte));
    let quote =
        Quote { exact: h.quote.clone(), prefix: h.prefix.clone(), suffix: h.suffix.clone() };
    reattach(&vt.text, &quote, hint).map(|f| (vt.pos(f.range().start), vt.pos(f.range().end)))
}

#[test]
fn a_large_reanchor_finishes_with_every_highlight_in_place() {
    const VOICES: usize = 5;
    const PARAGRAPHS: usize = 3000;
    const DELETED: usize = 7;
    let paragraph = |v: usize, p: usize| {
        format!("Speaker {v} in “paragraph {p}” — 微信 e\u{301} says one thing. Then another, {p}.")
    };
    let voices: Vec<Vec<String>> =
        (0..VOICES).map(|v| (0..PARAGRAPHS).map(|p| paragraph(v, p)).collect()).collect();
    let before = doc(&voices);
    let mut highlights = Vec::new();
    for v in 0..VOICES {
        for p in 0..PARAGRAPHS {
            let text = paragraph(v, p);
            let cut = text.find(" Then").expect("two sentences");
            for (s, e) in [(0, cut), (cut + 1, text.len())] {
                let n = highlights.len();
                highlights.push(highlight(&before, n, v, Pos::new(p, s), Pos::new(p, e)));
            }
        }
    }
    let a = annotations(&before, highlights);
    let file = AnnotationFile::from_snapshot(&a.snapshot(), &before);
    let edited: Vec<Vec<String>> = voices
        .iter()
        .map(|v| {
            v.iter().enumerate().filter(|(p, _)| *p != DELETED).map(|(_, t)| t.clone()).collect()
        })
        .collect();
    let after = doc(&edited);
    let (b, report) = file.into_annotations(&after).expect("loads");
    assert_eq!(b.highlights().len(), a.highlights().len(), "nothing dropped");
    // The deleted paragraphs' two highlights per voice are orphans; every
    // one after them moved up a paragraph, to the same words.
    assert_eq!(report.orphaned, 2 * VOICES);
    assert_eq!(report.moved, 2 * VOICES * (PARAGRAPHS - DELETED - 1));
    let old: std::collections::HashMap<&str, &Arc<Highlight>> =
        a.highlights().iter().map(|h| (h.id.as_str(), h)).collect();
    for h in b.highlights() {
        let was = old[h.id.as_str()];
        let para = was.start.para as usize;
        if para == DELETED {
            assert!(h.orphan, "{}", h.id);
            continue;
        }
        let shift = u32::from(para > DELETED);
        assert!(!h.orphan, "{}", h.id);
        assert_eq!((h.start.para, h.start.byte), (was.start.para - shift, was.start.byte));
        assert_eq!((h.end.para, h.end.byte), (was.end.para - shift, was.end.byte));
        assert_eq!(h.quote.exact, was.quote.exact);
    }
}

/// Words from the text people annotate, repeats included.
fn word() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "The",
        "ban",
        "ban",
        "data",
        "“moral",
        "equivalence”",
        "—",
        "微信",
        "抖音。",
        "👩\u{200d}👩\u{200d}👧",
        "e\u{301}",
        "risk.",
        "U.S.",
        "Trump,",
    ])
}

fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec(word(), 1..10).prop_map(|w| w.join(" "))
}

/// A paragraph-level change: delete, insert, split, merge, or a word edited.
#[derive(Clone, Debug)]
enum Edit {
    Delete(usize),
    Insert(usize, String),
    Split(usize, usize),
    Merge(usize),
    Word(usize, usize, &'static str),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        any::<usize>().prop_map(Edit::Delete),
        (any::<usize>(), paragraph()).prop_map(|(p, t)| Edit::Insert(p, t)),
        (any::<usize>(), any::<usize>()).prop_map(|(p, at)| Edit::Split(p, at)),
        any::<usize>().prop_map(Edit::Merge),
        (any::<usize>(), any::<usize>(), word()).prop_map(|(p, at, w)| Edit::Word(p, at, w)),
    ]
}

/// A voice's paragraphs; or one passage said over again, so quotes and
/// their context recur and the nearest copy must win.
fn voice() -> impl Strategy<Value = Vec<String>> {
    prop_oneof![
        prop::collection::vec(paragraph(), 1..8),
        (prop::collection::vec(paragraph(), 1..4), 2usize..4)
            .prop_map(|(p, n)| (0..n).flat_map(|_| p.clone()).collect()),
    ]
}

fn apply(paras: &mut Vec<String>, edit: &Edit) {
    let n = paras.len();
    match edit {
        Edit::Delete(p) if n > 1 => {
            paras.remove(p % n);
        }
        Edit::Insert(p, text) => paras.insert(p % (n + 1), text.clone()),
        Edit::Split(p, at) => {
            let words: Vec<String> = paras[p % n].split(' ').map(String::from).collect();
            if words.len() > 1 {
                let at = 1 + at % (words.len() - 1);
                paras[p % n] = words[..at].join(" ");
                paras.insert(p % n + 1, words[at..].join(" "));
            }
        }
        Edit::Merge(p) if n > 1 => {
            let i = p % (n - 1);
            let next = paras.remove(i + 1);
            paras[i] = format!("{} {next}", paras[i]);
        }
        Edit::Word(p, at, w) => {
            let mut words: Vec<&str> = paras[p % n].split(' ').collect();
            let at = at % words.len();
            words[at] = w;
            paras[p % n] = words.join(" ");
        }
        Edit::Delete(_) | Edit::Merge(_) => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn loading_places_highlights_where_the_whole_voice_reattach_does(
        voices in prop::collection::vec(voice(), 1..3),
        picks in prop::collection::vec((any::<usize>(), any::<usize>(), any::<usize>(), 1usize..30), 1..12),
        edits in prop::collection::vec((any::<usize>(), edit()), 0..5),
    ) {
        let before = doc(&voices);
        let mut highlights = Vec::new();
        for (n, (v, p, at, len)) in picks.into_iter().enumerate() {
            let v = v % voices.len();
            let text = &voices[v][p % voices[v].len()];
            let mut s = at % text.len();
            while !text.is_char_boundary(s) { s -= 1; }
            let mut e = (s + len).min(text.len());
            while !text.is_char_boundary(e) { e -= 1; }
            if e > s {
                highlights.push(highlight(&before, n, v, Pos::new(p % voices[v].len(), s), Pos::new(p % voices[v].len(), e)));
            }
        }
        let a = annotations(&before, highlights);
        let mut edited = voices.clone();
        for (v, e) in &edits {
            let n = edited.len();
            apply(&mut edited[v % n], e);
        }
        let after = doc(&edited);
        let file = AnnotationFile::from_snapshot(&a.snapshot(), &before);
        let expected: Vec<(String, Option<(Pos, Pos)>)> = file
            .highlights
            .iter()
            .map(|h| {
                let voice = after.contributors.iter().position(|c| c.id == h.contributor).expect("voice");
                (h.id.clone(), reference(&after, voice, h))
            })
            .collect();
        let changed = before.text_hash() != after.text_hash();
        let (b, report) = file.into_annotations(&after).expect("loads");
        prop_assert_eq!(b.highlights().len(), a.highlights().len(), "nothing dropped");
        let orphans = b.highlights().iter().filter(|h| h.orphan).count();
        prop_assert_eq!(report.orphaned, orphans);
        for (id, place) in expected {
            let h = b.highlight(&id).expect("kept");
            if !changed {
                prop_assert!(!h.orphan);
                continue;
            }
            match place {
                Some((s, e)) => {
                    prop_assert!(!h.orphan, "{} orphaned, reattach found it", id);
                    prop_assert_eq!((h.start, h.end), (s, e), "{}", id);
                    let vt = VoiceText::new(&after, &after.voices()[h.voice]);
                    prop_assert_eq!(&h.quote.exact, &vt.text[vt.offset(s)..vt.offset(e)]);
                }
                None => prop_assert!(h.orphan, "{} found, reattach did not", id),
            }
        }
    }
}

#[test]
fn a_large_file_reports_its_first_repeated_id_before_later_errors() {
    let voices = vec![vec!["One sentence here. Another one there.".to_string()]];
    let d = doc(&voices);
    let a = annotations(&d, vec![highlight(&d, 0, 0, Pos::new(0, 0), Pos::new(0, 3))]);
    let mut file = AnnotationFile::from_snapshot(&a.snapshot(), &d);
    let one = file.highlights[0].clone();
    file.highlights = (0..10_000)
        .map(|i| {
            let mut h = one.clone();
            h.id = format!("id{}", if i == 6000 { 17 } else { i });
            if i == 8000 {
                h.created = "not a time".into();
            }
            h
        })
        .collect();
    let err = file.into_annotations(&d).expect_err("a repeated id");
    assert_eq!(
        err,
        crosstalk::model::annotations::FileError::DuplicateId { index: 6000, id: "id17".into() }
    );
}
