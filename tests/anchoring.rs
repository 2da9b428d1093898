//! Re-anchoring keeps quotes exact: after any edit of the text, every
//! highlight that was found again quotes exactly the text at its positions.

use crosstalk::model::annotations::{AnnotationFile, Annotations, Stamp, Target};
use crosstalk::model::{Conversation, VoiceText};
use jiff::Timestamp;
use proptest::prelude::*;

fn doc(paragraphs: &[String]) -> Conversation {
    let paragraphs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
    crosstalk::model::testing::conversation(&[&paragraphs, &["Other voice."]])
}

/// Words from the text people annotate, repeats included (anchors must pick).
fn word() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "The",
        "U.S.",
        "ban",
        "ban",
        "TikTok",
        "“moral",
        "equivalence”",
        "—",
        "微信",
        "抖音。",
        "👩\u{200d}👩\u{200d}👧",
        "e\u{301}",
        "risk.",
        "data",
        "data",
        "is",
        "not",
        "Trump,",
    ])
}

fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec(word(), 1..14).prop_map(|w| w.join(" "))
}

/// One change to the list of paragraphs.
#[derive(Clone, Debug)]
enum Edit {
    Insert { para: usize, at: usize, text: String },
    Delete { para: usize, at: usize, len: usize },
    Split { para: usize, at: usize },
    Remove { para: usize },
    Join { para: usize },
}

fn edit() -> impl Strategy<Value = Edit> {
    let insert = prop::sample::select(vec!["x", " ", "ban ", "U.S. ", "—", "é", "\n", "微"]);
    prop_oneof![
        (any::<usize>(), any::<usize>(), insert).prop_map(|(para, at, t)| Edit::Insert {
            para,
            at,
            text: t.into()
        }),
        (any::<usize>(), any::<usize>(), 1usize..12).prop_map(|(para, at, len)| Edit::Delete {
            para,
            at,
            len
        }),
        (any::<usize>(), any::<usize>()).prop_map(|(para, at)| Edit::Split { para, at }),
        any::<usize>().prop_map(|para| Edit::Remove { para }),
        any::<usize>().prop_map(|para| Edit::Join { para }),
    ]
}

/// The char boundary of `text` nearest below `at % (len + 1)`.
fn boundary(text: &str, at: usize) -> usize {
    let mut at = at % (text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn apply(paragraphs: &mut Vec<String>, edit: &Edit) {
    let n = paragraphs.len();
    match edit {
        Edit::Insert { para, at, text } => {
            let p = &mut paragraphs[para % n];
            let at = boundary(p, *at);
            p.insert_str(at, text);
        }
        Edit::Delete { para, at, len } => {
            let p = &mut paragraphs[para % n];
            let at = boundary(p, *at);
            let to = boundary(p, (at + len).min(p.len()));
            p.replace_range(at..to.max(at), "");
        }
        Edit::Split { para, at } => {
            let p = &mut paragraphs[para % n];
            let at = boundary(p, *at);
            let tail = p.split_off(at);
            paragraphs.insert(para % n + 1, tail);
        }
        Edit::Remove { para } if n > 1 => {
            paragraphs.remove(para % n);
        }
        Edit::Join { para } if n > 1 => {
            let i = para % (n - 1);
            let next = paragraphs.remove(i + 1);
            paragraphs[i].push(' ');
            paragraphs[i].push_str(&next);
        }
        Edit::Remove { .. } | Edit::Join { .. } => {}
    }
    // A conversation has no blank paragraphs; an edit that makes one drops it.
    paragraphs.retain(|p| !p.trim().is_empty());
    if paragraphs.is_empty() {
        paragraphs.push("Everything was deleted.".into());
    }
}

/// Every live highlight quotes exactly the text at its positions.
fn assert_quotes_exact(doc: &Conversation, a: &Annotations) -> Result<(), TestCaseError> {
    for h in a.highlights().iter().filter(|h| !h.orphan) {
        let vt = VoiceText::new(doc, &doc.voices()[h.voice]);
        let (s, e) = (vt.offset(h.start), vt.offset(h.end));
        prop_assert_eq!(
            &h.quote.exact,
            &vt.text[s..e],
            "highlight {} at {:?}..{:?}",
            h.id,
            h.start,
            h.end
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn quotes_equal_the_text_at_their_positions_after_any_edits(
        paragraphs in prop::collection::vec(paragraph(), 1..5),
        ranges in prop::collection::vec((any::<usize>(), any::<usize>(), any::<usize>(), any::<usize>()), 1..6),
        edits in prop::collection::vec(edit(), 0..6),
        nudge in prop::collection::vec((any::<usize>(), 0usize..4, 0usize..4, any::<bool>()), 0..3),
        requote in prop::collection::vec((any::<usize>(), "[a-z]{1,3}"), 0..2),
    ) {
        let before = doc(&paragraphs);
        let mut a = AnnotationFile::empty(&before);
        let now = Timestamp::from_second(1_700_000_000).expect("time");
        for (i, (p1, b1, p2, b2)) in ranges.into_iter().enumerate() {
            let vt = VoiceText::new(&before, &before.voices()[0]);
            let (x, y) = (boundary(&vt.text, p1 ^ b1), boundary(&vt.text, p2 ^ b2));
            let (s, e) = (vt.pos(x.min(y)), vt.pos(x.max(y)));
            if s >= e {
                continue;
            }
            let stamp = Stamp { id: format!("h{i}"), coder: "c".into(), now };
            let target = Target { voice: 0, start: s, end: e };
            a.apply(a.tag_target(&before, &target, "critique of the ban", None, &stamp));
        }
        assert_quotes_exact(&before, &a)?;
        let mut edited = paragraphs.clone();
        for e in &edits {
            apply(&mut edited, e);
        }
        let after = doc(&edited);
        let mut file = AnnotationFile::from_snapshot(&a.snapshot(), &before);
        // Files are edited by hand and merged by git: positions that no longer
        // point at the quote, and quotes that were retyped, even on unchanged text.
        let n = file.highlights.len();
        let (nudge, requote) = if n == 0 { (vec![], vec![]) } else { (nudge, requote) };
        for (i, ds, de, forward) in nudge {
            let h = &mut file.highlights[i % n];
            let shift = |c: usize, d: usize| if forward { c + d } else { c.saturating_sub(d) };
            h.start.char = shift(h.start.char, ds);
            h.end.char = shift(h.end.char, de);
        }
        for (i, typo) in requote {
            let q = &mut file.highlights[i % n].quote;
            let at = boundary(q, q.len() / 2);
            q.insert_str(at, &typo);
        }
        let (b, _) = file.into_annotations(&after).expect("loads");
        prop_assert_eq!(b.highlights().len(), a.highlights().len(), "nothing dropped");
        assert_quotes_exact(&after, &b)?;
        // Saved and loaded again on the same text, nothing changes.
        let again = AnnotationFile::from_snapshot(&b.snapshot(), &after);
        let (c, _) = again.into_annotations(&after).expect("loads again");
        assert_quotes_exact(&after, &c)?;
        prop_assert_eq!(c.highlights(), b.highlights());
    }
}
