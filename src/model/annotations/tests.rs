//! Annotation state: edits, undo/redo, queries, file round trips and
//! re-anchoring after the text changes.

use jiff::Timestamp;
use proptest::prelude::*;

use super::*;
use crate::model::Conversation;

fn doc(paragraphs: &[&str]) -> Conversation {
    crate::model::testing::conversation(&[paragraphs, &["Other voice text here."]])
}

fn stamp(n: u32) -> Stamp {
    Stamp {
        id: format!("id-{n}"),
        coder: "tester".into(),
        now: Timestamp::from_second(1_700_000_000 + i64::from(n)).expect("time"),
    }
}

fn target(voice: usize, sp: usize, sb: usize, ep: usize, eb: usize) -> Target {
    Target { voice, start: Pos::new(sp, sb), end: Pos::new(ep, eb) }
}

const P1: &str = "The U.S. and other governments should make decisions about Chinese tech companies based on human rights.";
const P2: &str = "Ensuring that Chinese tech companies are held accountable for their complicity is a delicate matter.";

#[test]
fn tagging_the_same_range_adds_to_one_highlight_and_toggles_off() {
    let d = doc(&[P1, P2]);
    let mut a = AnnotationFile::empty(&d);
    let t = target(0, 0, 0, 0, 8);
    a.apply(a.tag_target(&d, &t, "human-rights framing", None, &stamp(1)));
    a.apply(a.tag_target(&d, &t, "critique of the ban", None, &stamp(2)));
    assert_eq!(a.highlights().len(), 1);
    assert_eq!(a.highlights()[0].tags, ["human-rights framing", "critique of the ban"]);
    assert_eq!(a.highlights()[0].quote.exact, "The U.S.");
    a.apply(a.tag_target(&d, &t, "human-rights framing", None, &stamp(3)));
    assert_eq!(a.highlights()[0].tags, ["critique of the ban"], "applying again removes it");
}

/// A rename never makes two tags that differ only in case (the picker
/// finds tags without regard to case); a tag may change its own case.
#[test]
fn a_rename_to_another_tags_name_but_for_case_is_refused() {
    let d = doc(&[P1, P2]);
    let mut a = AnnotationFile::empty(&d);
    for (i, name) in ["human-rights framing", "risk"].into_iter().enumerate() {
        let tag =
            Tag { name: name.into(), color: PALETTE[i], description: String::new(), key: None };
        a.apply(a.tag_target(&d, &target(0, i, 0, i, 8), name, Some(tag), &stamp(1)));
    }
    let e = a.rename_tag("risk", "Human-Rights Framing", Timestamp::UNIX_EPOCH);
    assert!(e.changes.is_empty(), "{}", e.label);
    assert_eq!(e.label, "“human-rights framing” already exists");
    assert_eq!(
        a.tag_alike("HUMAN-RIGHTS FRAMING").map(|t| t.name.as_str()),
        Some("human-rights framing")
    );
    let e = a.rename_tag("risk", "Risk", Timestamp::UNIX_EPOCH);
    assert!(!e.changes.is_empty(), "its own case: {}", e.label);
    a.apply(e);
    assert!(a.tag("Risk").is_some() && a.tag("risk").is_none());
}

/// Deleting a tag takes away the highlights it leaves with nothing, as
/// taking the last tag off does; one with another tag or a note stays.
#[test]
fn deleting_a_tag_removes_only_the_highlights_left_with_nothing() {
    let d = doc(&[P1, P2]);
    let mut a = AnnotationFile::empty(&d);
    let (only, other, noted) =
        (target(0, 0, 0, 0, 8), target(0, 0, 13, 0, 18), target(0, 1, 0, 1, 8));
    for t in [&only, &other, &noted] {
        a.apply(a.tag_target(&d, t, "frame", None, &stamp(1)));
    }
    a.apply(a.tag_target(&d, &other, "risk", None, &stamp(2)));
    let id = a.exact(&noted).map(|h| h.id.clone());
    a.apply(a.set_note(&d, id.as_deref(), &noted, "why", &stamp(3)));
    assert_eq!(a.emptied_by_deleting("frame"), 1);
    assert_eq!(a.emptied_by_deleting("risk"), 0);
    let before = a.highlights().to_vec();
    a.apply(a.delete_tag("frame", Timestamp::UNIX_EPOCH));
    let mut left: Vec<(Vec<String>, &str)> =
        a.highlights().iter().map(|h| (h.tags.clone(), h.note.as_str())).collect();
    left.sort();
    assert_eq!(left, [(vec![], "why"), (vec!["risk".to_owned()], "")]);
    assert!(a.undo().is_some());
    assert_eq!(a.highlights(), &before[..], "one undo step brings all back");
    // The merge driver's tag: its note line goes with it, and the question
    // counts the highlight it leaves with nothing.
    let mut a = AnnotationFile::empty(&d);
    let conflict = filemerge::CONFLICT_TAG;
    a.apply(a.tag_target(&d, &only, conflict, None, &stamp(4)));
    let id = a.exact(&only).map(|h| h.id.clone());
    a.apply(a.set_note(
        &d,
        id.as_deref(),
        &only,
        "[merge conflict: this is ours (the branch merged into)]",
        &stamp(5),
    ));
    assert_eq!(a.emptied_by_deleting(conflict), 1);
    a.apply(a.delete_tag(conflict, Timestamp::UNIX_EPOCH));
    assert!(a.highlights().is_empty());
}

#[test]
fn undo_and_redo_restore_every_kind_of_change_exactly() {
    let d = doc(&[P1, P2]);
    let mut a = AnnotationFile::empty(&d);
    let states = |a: &Annotations| (a.tags().to_vec(), a.highlights().to_vec());
    let mut history = vec![states(&a)];
    let t1 = target(0, 0, 0, 1, 10);
    let new_tag = Tag {
        name: "reciprocity".into(),
        color: PALETTE[9],
        description: String::new(),
        key: None,
    };
    type MakeEdit<'a> = Box<dyn Fn(&Annotations) -> Edit + 'a>;
    let edits: Vec<MakeEdit> = vec![
        Box::new(|a| a.tag_target(&d, &t1, "human-rights framing", None, &stamp(1))),
        Box::new(|a| {
            a.tag_target(
                &d,
                &target(0, 1, 0, 1, 8),
                "reciprocity",
                Some(new_tag.clone()),
                &stamp(2),
            )
        }),
        Box::new(|a| {
            a.set_note(&d, Some("id-1"), &t1, "A note\nwith “quotes” and two lines", &stamp(3))
        }),
        Box::new(|a| a.rename_tag("human-rights framing", "rights", Timestamp::UNIX_EPOCH)),
        Box::new(|a| a.recolor_tag("rights", PALETTE[11])),
        Box::new(|a| a.describe_tag("rights", "about rights")),
        Box::new(|a| a.set_tag_key("rights", Some(1))),
        Box::new(|a| a.merge_tags("reciprocity", "rights", Timestamp::UNIX_EPOCH)),
        Box::new(|a| a.delete_tag("rights", Timestamp::UNIX_EPOCH)),
        Box::new(|a| a.delete("id-1")),
    ];
    for edit in &edits {
        let e = edit(&a);
        assert!(!e.changes.is_empty(), "{}", e.label);
        a.apply(e);
        history.push(states(&a));
    }
    // Spot checks along the way.
    assert_eq!(history[4].1[0].tags, ["rights"], "rename followed by the highlight");
    assert_eq!(history[7].0.iter().find(|t| t.name == "rights").map(|t| t.key), Some(Some(1)));
    assert_eq!(
        history[7].0.iter().find(|t| t.name == "risk-mitigation proposal").map(|t| t.key),
        Some(None),
        "key 1 moved"
    );
    assert_eq!(
        history[8].1.iter().find(|h| h.id == "id-2").map(|h| h.tags.clone()),
        Some(vec!["rights".to_string()])
    );
    // Deleting its only tag took `id-2` (nothing else on it) away; `id-1`
    // stays for its note.
    let ids = |i: usize| history[i].1.iter().map(|h| h.id.clone()).collect::<Vec<_>>();
    assert!(ids(8).contains(&"id-2".to_owned()) && !ids(9).contains(&"id-2".to_owned()));
    assert!(ids(9).contains(&"id-1".to_owned()));
    for i in (0..edits.len()).rev() {
        assert!(a.undo().is_some());
        assert_eq!(states(&a), history[i], "undo to step {i}");
    }
    assert!(a.undo().is_none());
    for (i, state) in history.iter().enumerate().skip(1) {
        assert!(a.redo().is_some());
        assert_eq!(&states(&a), state, "redo to step {i}");
    }
    assert!(a.redo().is_none());
}

#[test]
fn a_new_edit_clears_redo() {
    let d = doc(&[P1]);
    let mut a = AnnotationFile::empty(&d);
    a.apply(a.tag_target(&d, &target(0, 0, 0, 0, 8), "critique of the ban", None, &stamp(1)));
    a.undo();
    assert!(a.can_redo());
    a.apply(a.tag_target(&d, &target(0, 0, 9, 0, 12), "critique of the ban", None, &stamp(2)));
    assert!(!a.can_redo());
}

#[test]
fn highlights_can_span_paragraphs_and_quote_the_break() {
    let d = doc(&[P1, P2]);
    let mut a = AnnotationFile::empty(&d);
    let from = P1.find("human rights").expect("present");
    a.apply(a.tag_target(
        &d,
        &target(0, 0, from, 1, 8),
        "x",
        Some(Tag { name: "x".into(), color: PALETTE[0], description: String::new(), key: None }),
        &stamp(1),
    ));
    let h = &a.highlights()[0];
    assert_eq!(h.quote.exact, "human rights.\n\nEnsuring");
    assert!(h.quote.prefix.ends_with("companies based on "));
    assert!(h.quote.suffix.starts_with(" that Chinese"));
}

#[test]
fn file_round_trip_keeps_everything() {
    let d = doc(&[P1, P2]);
    let mut a = AnnotationFile::empty(&d);
    a.apply(a.tag_target(&d, &target(0, 0, 4, 0, 8), "human-rights framing", None, &stamp(1)));
    a.apply(a.set_note(
        &d,
        Some("id-1"),
        &target(0, 0, 4, 0, 8),
        "line one\nline “two”, with, commas",
        &stamp(2),
    ));
    a.apply(a.tag_target(&d, &target(1, 0, 0, 0, 5), "critique of the ban", None, &stamp(3)));
    let file = AnnotationFile::from_snapshot(&a.snapshot(), &d);
    assert_eq!(file.highlights[0].start, FilePos { paragraph: 1, char: 4 });
    assert_eq!(file.highlights[0].end, FilePos { paragraph: 1, char: 8 });
    assert_eq!(file.highlights[1].contributor, "b");
    let (back, report) = file.into_annotations(&d).expect("loads");
    assert_eq!(
        report,
        Reanchored { moved: 0, orphaned: 0, highlights: 2, orphans: 0, text_changed: false }
    );
    assert_eq!(back.tags(), a.tags());
    assert_eq!(back.highlights(), a.highlights());
}

#[test]
fn positions_count_code_points_not_bytes() {
    let d = doc(&["“Quoted” — 微信 and 👩‍👩‍👧 here.", P2]);
    let mut a = AnnotationFile::empty(&d);
    let text = d.paragraph(d.voices()[0].paragraphs.at(0)).text();
    let start = text.find("微信").expect("cjk");
    a.apply(a.tag_target(
        &d,
        &target(0, 0, start, 0, start + "微信".len()),
        "critique of the ban",
        None,
        &stamp(1),
    ));
    let file = AnnotationFile::from_snapshot(&a.snapshot(), &d);
    assert_eq!(file.highlights[0].start.char, text[..start].chars().count());
    assert_eq!(file.highlights[0].end.char - file.highlights[0].start.char, 2);
}

#[test]
fn changed_text_moves_highlights_or_orphans_them_and_never_drops_any() {
    let d = doc(&[P1, P2]);
    let mut a = AnnotationFile::empty(&d);
    let at = |p: &str, s: &str| p.find(s).expect("present");
    let kept = at(P2, "held accountable");
    a.apply(a.tag_target(
        &d,
        &target(0, 1, kept, 1, kept + "held accountable".len()),
        "critique of the ban",
        None,
        &stamp(1),
    ));
    let gone = at(P1, "human rights");
    a.apply(a.tag_target(
        &d,
        &target(0, 0, gone, 0, gone + "human rights".len()),
        "human-rights framing",
        None,
        &stamp(2),
    ));
    let file = AnnotationFile::from_snapshot(&a.snapshot(), &d);
    // A new paragraph first, and the rights passage rewritten.
    let edited =
        doc(&["A new opening paragraph.", &P1.replace("human rights", "commercial interests"), P2]);
    let (b, report) = file.into_annotations(&edited).expect("loads");
    assert_eq!(
        report,
        Reanchored { moved: 1, orphaned: 1, highlights: 2, orphans: 1, text_changed: true }
    );
    assert!(!report.mostly_lost(), "half lost is an edit's loss, not another text");
    assert_eq!(b.highlights().len(), 2, "nothing dropped");
    let moved = b.highlights().iter().find(|h| h.id == "id-1").expect("kept");
    assert_eq!((moved.start.para, moved.orphan), (2, false));
    assert_eq!(moved.quote.exact, "held accountable");
    let orphan = b.highlights().iter().find(|h| h.id == "id-2").expect("kept");
    assert!(orphan.orphan);
    assert_eq!(orphan.quote.exact, "human rights", "an orphan keeps what it quoted");
    assert_eq!(b.orphans().count(), 1);
    // Saved again, the orphan stays an orphan.
    let again = AnnotationFile::from_snapshot(&b.snapshot(), &edited);
    assert!(again.highlights.iter().any(|h| h.orphan && h.quote == "human rights"));
    let (c, report) = again.into_annotations(&edited).expect("loads");
    assert_eq!(c.orphans().count(), 1);
    // The orphan is not counted lost again, but stays one.
    assert_eq!(
        report,
        Reanchored { moved: 0, orphaned: 0, highlights: 2, orphans: 1, text_changed: false }
    );
}

#[test]
fn another_interview_of_the_same_name_is_told_from_an_edit() {
    // Two interviews saved as P01/transcript.txt and P02/transcript.txt are
    // both called `transcript`: P02's coding read against P01's text.
    let p01 = doc(&["My father gave me two goats when I was nine.", "Now we keep forty."]);
    let p02 = doc(&["Work at the port, in 1998.", "Every single day, I miss it."]);
    assert_eq!(p01.id, p02.id);
    let mut a = AnnotationFile::empty(&p02);
    for (n, quote) in [(0, "Work at the port"), (1, "Every single day")] {
        let t = target(0, n, 0, n, quote.len());
        a.apply(a.tag_target(&p02, &t, "critique of the ban", None, &stamp(n as u32 + 1)));
    }
    let file = AnnotationFile::from_snapshot(&a.snapshot(), &p02);
    let (_, report) = file.clone().into_annotations(&p01).expect("same name, so it loads");
    assert_eq!(
        report,
        Reanchored { moved: 0, orphaned: 2, highlights: 2, orphans: 2, text_changed: true }
    );
    assert!(report.mostly_lost());
    // On its own text nothing is lost.
    let (_, report) = file.clone().into_annotations(&p02).expect("loads");
    assert!(!report.mostly_lost());
    assert_eq!((report.highlights, report.orphans), (2, 0));
    // Saved once on P01 (its highlights orphans there, one of P01's coded):
    // still mostly not on P01, though nothing is newly lost.
    let (mut on_p01, _) = file.into_annotations(&p01).expect("loads");
    let t = target(0, 1, 0, 1, "Now we keep".len());
    on_p01.apply(on_p01.tag_target(&p01, &t, "critique of the ban", None, &stamp(9)));
    let saved = AnnotationFile::from_snapshot(&on_p01.snapshot(), &p01);
    let (_, report) = saved.clone().into_annotations(&p01).expect("loads");
    assert_eq!((report.orphaned, report.highlights, report.orphans), (0, 3, 2));
    assert!(report.mostly_lost(), "the orphans saved count");
    // And back on P02, its two found again and one lost: an edit's loss.
    let (_, report) = saved.into_annotations(&p02).expect("loads");
    assert_eq!((report.moved, report.orphaned, report.orphans), (2, 1, 1));
    assert!(!report.mostly_lost());
}

#[test]
fn bad_files_are_named_errors() {
    let d = doc(&[P1]);
    let a = AnnotationFile::empty(&d);
    let good = AnnotationFile::from_snapshot(&a.snapshot(), &d);
    let mut f = good.clone();
    f.version = 2;
    assert_eq!(f.into_annotations(&d).unwrap_err(), FileError::NewerVersion(2));
    let mut f = good.clone();
    f.conversation = "other".into();
    assert!(matches!(f.into_annotations(&d), Err(FileError::OtherConversation { .. })));
    let mut f = good.clone();
    f.tags[0].color = "red".into();
    assert!(matches!(f.into_annotations(&d), Err(FileError::BadColor { index: 0, .. })));
    let mut f = good;
    f.tags[1].key = Some(12);
    assert!(matches!(f.into_annotations(&d), Err(FileError::BadKey { index: 1, key: 12, .. })));
}

/// One step of the random sessions below.
#[derive(Clone, Debug)]
enum Step {
    Tag { start: usize, len: usize, tag: usize },
    Rename { tag: usize },
    Merge { from: usize, into: usize },
    DeleteTag { tag: usize },
    DeleteFirst,
    Undo,
    Redo,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0usize..90, 1usize..12, 0usize..8).prop_map(|(start, len, tag)| Step::Tag { start, len, tag }),
        1 => (0usize..8).prop_map(|tag| Step::Rename { tag }),
        1 => (0usize..8, 0usize..8).prop_map(|(from, into)| Step::Merge { from, into }),
        1 => (0usize..8).prop_map(|tag| Step::DeleteTag { tag }),
        1 => Just(Step::DeleteFirst),
        2 => Just(Step::Undo),
        1 => Just(Step::Redo),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// The per-tag counts kept as highlights change always equal a count
    /// over every highlight, through any session of edits, undos and redos.
    #[test]
    fn tag_counts_match_a_scan(steps in prop::collection::vec(step(), 1..40)) {
        let d = doc(&[P1, P2]);
        let mut a = AnnotationFile::empty(&d);
        let now = Timestamp::from_second(1_700_000_000).expect("time");
        for (i, s) in steps.into_iter().enumerate() {
            let name = |a: &Annotations, k: usize| a.tags().get(k % a.tags().len().max(1)).map(|t| t.name.clone());
            let edit = match s {
                Step::Tag { start, len, tag } => name(&a, tag).map(|n| {
                    a.tag_target(&d, &target(0, 0, start, 0, (start + len).min(P1.len())), &n, None, &stamp(i as u32))
                }),
                Step::Rename { tag } => name(&a, tag).map(|n| a.rename_tag(&n, &format!("{n}+"), now)),
                Step::Merge { from, into } => name(&a, from)
                    .zip(name(&a, into))
                    .map(|(f, t)| a.merge_tags(&f, &t, now)),
                Step::DeleteTag { tag } => name(&a, tag).map(|n| a.delete_tag(&n, now)),
                Step::DeleteFirst => a.highlights().first().map(|h| a.delete(&h.id.clone())),
                Step::Undo => { a.undo(); None }
                Step::Redo => { a.redo(); None }
            };
            if let Some(edit) = edit {
                a.apply(edit);
            }
            for tag in a.tags() {
                let scan = a.highlights().iter().filter(|h| h.tags.contains(&tag.name)).count();
                prop_assert_eq!(a.count(&tag.name), scan, "tag {}", tag.name);
            }
        }
    }

    /// The binary-search query returns exactly what a scan would.
    #[test]
    fn overlapping_matches_a_linear_scan(
        ranges in prop::collection::vec((0usize..2, 0usize..100, 1usize..60), 0..60),
        query in (0usize..2, 0usize..120, 1usize..40),
    ) {
        let d = doc(&[&"x".repeat(200)]);
        let mut a = AnnotationFile::empty(&d);
        for (i, (voice, start, len)) in ranges.iter().enumerate() {
            let voice = if *voice == 1 { 1 } else { 0 };
            let max = if voice == 0 { 200 } else { 22 };
            let (s, e) = ((*start).min(max - 1), (*start + *len).min(max));
            a.apply(a.tag_target(&d, &target(voice, 0, s, 0, e), "critique of the ban", None, &stamp(i as u32)));
        }
        let (voice, s, len) = query;
        let (qs, qe) = (Pos::new(0, s), Pos::new(0, s + len));
        let fast: Vec<&str> = a.overlapping(voice, qs, qe).map(|h| h.id.as_str()).collect();
        let slow: Vec<&str> = a.highlights().iter().filter(|h| h.overlaps(voice, qs, qe)).map(|h| h.id.as_str()).collect();
        prop_assert_eq!(fast, slow);
    }

    /// Random edits outside a highlight never move it to other words; an
    /// edit inside re-attaches it between its old contexts or orphans it.
    #[test]
    fn reattach_after_random_edits(
        words in 20usize..60,
        hl in (0usize..1000, 1usize..6),
        edit_at in 0usize..10_000,
        delete in 0usize..6,
        insert in "[a-z ]{0,8}",
    ) {
        // Numbered words: no passage repeats, as in real prose.
        let text: String = (0..words).map(|i| format!("word{i}")).collect::<Vec<_>>().join(" ");
        let bounds: Vec<usize> = text.match_indices("word").map(|(i, _)| i).collect();
        let first = hl.0 % (words - hl.1);
        let start = bounds[first];
        let end = bounds[first + hl.1] - 1;
        let quote = Quote::of(&text, start..end);
        let at = edit_at % (text.len() + 1);
        let cut = (at + delete).min(text.len());
        let edited = format!("{}{}{}", &text[..at], insert, &text[cut..]);
        let found = reattach(&edited, &quote, start);
        let delta = edited.len() as isize - text.len() as isize;
        // An insertion exactly at a boundary could belong to either side.
        if cut <= start && (at < start || insert.is_empty()) {
            // Entirely before: shifted by the edit.
            let shifted = (start as isize + delta) as usize;
            prop_assert_eq!(found.map(|f| f.range()), Some(shifted..shifted + quote.exact.len()));
        } else if at > end || (at == end && insert.is_empty()) {
            // Entirely after: unmoved.
            prop_assert_eq!(found.map(|f| f.range()), Some(start..end));
        } else if let Some(found) = found {
            // Touching it: the range found starts where it did (or just after
            // text inserted right at its start) and ends where the old end
            // went, so it covers the same passage, edited.
            let r = found.range();
            prop_assert!(
                r.start <= start.max(at) + insert.len() && r.start + 1 >= start.min(at),
                "start {} vs {}", r.start, start
            );
            let new_end = (end as isize + delta) as usize;
            prop_assert!(r.end.abs_diff(new_end) <= insert.len() + delete, "end {} vs {}", r.end, new_end);
        }
    }
}

#[test]
fn set_tags_replaces_the_tags_in_one_step_and_the_last_one_takes_the_highlight() {
    let d = doc(&[P1, P2]);
    let mut a = AnnotationFile::empty(&d);
    let t = target(0, 0, 0, 0, 8);
    let new =
        Tag { name: "fresh".into(), color: PALETTE[3], description: String::new(), key: None };
    a.apply(a.set_tags(
        &d,
        &t,
        &["critique of the ban".into(), "fresh".into()],
        &[new],
        false,
        &stamp(1),
    ));
    assert_eq!(a.highlights().len(), 1);
    assert_eq!(a.highlights()[0].tags, ["critique of the ban", "fresh"]);
    assert!(a.tag("fresh").is_some(), "the new tag joins the set");
    a.apply(a.set_tags(&d, &t, &["fresh".into()], &[], false, &stamp(2)));
    assert_eq!(a.highlights()[0].tags, ["fresh"]);
    let unchanged = a.set_tags(&d, &t, &["fresh".into()], &[], false, &stamp(3));
    assert!(unchanged.changes.is_empty());
    a.apply(a.set_tags(&d, &t, &[], &[], false, &stamp(4)));
    assert!(a.highlights().is_empty(), "no tag left: the highlight goes");
    assert!(a.undo().is_some());
    assert_eq!(a.highlights()[0].tags, ["fresh"], "one undo step brings it back");
    a.apply(a.set_tags(&d, &t, &[], &[], true, &stamp(5)));
    assert_eq!(a.highlights().len(), 1, "kept untagged when asked");
    assert!(a.highlights()[0].tags.is_empty());
    assert!(a.set_tags(&d, &target(0, 1, 0, 1, 5), &[], &[], false, &stamp(6)).changes.is_empty());
    // Kept untagged, then its note cleared: nothing is left, it goes (an
    // empty untagged highlight counted as `(no tag)` everywhere).
    let id = a.highlights()[0].id.clone();
    a.apply(a.set_note(&d, Some(&id), &t, "a note", &stamp(7)));
    a.apply(a.set_note(&d, Some(&id), &t, " \n ", &stamp(8)));
    assert!(a.highlights().is_empty(), "an untagged highlight with no note goes");
    assert!(a.undo().is_some());
    assert_eq!(a.highlights()[0].note, "a note", "undo brings it back");
    // With a tag, clearing the note keeps the highlight.
    a.apply(a.set_tags(&d, &t, &["fresh".into()], &[], false, &stamp(9)));
    a.apply(a.set_note(&d, Some(&id), &t, "", &stamp(10)));
    assert_eq!(a.highlights().len(), 1);
}

#[test]
fn renaming_a_parent_moves_its_branch_as_one_undo_step() {
    let d = doc(&[P1, P2]);
    let mut a = AnnotationFile::empty(&d);
    let now = Timestamp::UNIX_EPOCH;
    let tag = |name: &str| Tag {
        name: name.into(),
        color: PALETTE[0],
        description: String::new(),
        key: None,
    };
    a.apply(a.tag_target(
        &d,
        &target(0, 0, 0, 0, 8),
        "risk/data",
        Some(tag("risk/data")),
        &stamp(1),
    ));
    a.apply(a.tag_target(&d, &target(0, 0, 0, 0, 8), "risk", Some(tag("risk")), &stamp(2)));
    a.apply(a.tag_target(&d, &target(0, 0, 9, 0, 14), "risky", Some(tag("risky")), &stamp(3)));
    a.apply(a.tag_target(
        &d,
        &target(0, 1, 0, 1, 8),
        "risk/data/leak",
        Some(tag("risk/data/leak")),
        &stamp(4),
    ));
    let before = (a.tags().to_vec(), a.highlights().to_vec());
    let e = a.rename_tag("risk", "hazard", now);
    assert_eq!(e.label, "renamed “risk” to “hazard” with the 2 tags under it");
    a.apply(e);
    let names: Vec<&str> = a.tags().iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names[names.len() - 4..], ["hazard/data", "hazard", "risky", "hazard/data/leak"]);
    let tags: Vec<Vec<String>> = a.highlights().iter().map(|h| h.tags.clone()).collect();
    assert_eq!(tags, [vec!["hazard/data", "hazard"], vec!["risky"], vec!["hazard/data/leak"]]);
    assert_eq!(a.count("hazard/data"), 1);
    a.undo();
    assert_eq!((a.tags().to_vec(), a.highlights().to_vec()), before, "one step undoes it all");
    // A parent that is not a tag itself renames its children.
    let e = a.rename_tag("risk/data", "leaks", now);
    a.apply(e);
    assert!(a.tag("leaks").is_some() && a.tag("leaks/leak").is_some());
    // A new name taken by a tag that stays put refuses, changing nothing.
    let e = a.rename_tag("leaks", "risky", now);
    assert!(e.changes.is_empty());
    assert_eq!(e.label, "“risky” already exists");
    // Moving a branch under itself is fine: nothing clashes.
    let e = a.rename_tag("leaks", "leaks/old", now);
    a.apply(e);
    assert!(a.tag("leaks/old").is_some() && a.tag("leaks/old/leak").is_some());
}

#[test]
fn a_file_has_a_sole_coder_only_when_every_named_coder_is_the_same() {
    let d = doc(&[P1, P2]);
    let mut a = AnnotationFile::empty(&d);
    assert_eq!(a.sole_coder(), None, "no highlights, no coder");
    let stamp_as = |n: u32, coder: &str, a: &mut Annotations| {
        let s = Stamp { coder: coder.into(), ..stamp(n) };
        let e = a.tag_target(&d, &target(0, 0, n as usize, 0, n as usize + 2), "risk", None, &s);
        a.apply(e);
    };
    stamp_as(1, " ana ", &mut a);
    stamp_as(3, "", &mut a);
    assert_eq!(a.sole_coder(), Some("ana"), "blank coders aside, trimmed");
    stamp_as(5, "ben", &mut a);
    assert_eq!(a.sole_coder(), None, "two coders");
}

/// A step of a session of large edits: every highlight added, removed or
/// retagged in one edit, as auto-coding, its undo and a bulk retag do, or a
/// mix of kinds (which goes one by one).
#[derive(Clone, Debug)]
enum Bulk {
    Add {
        n: usize,
        seed: usize,
    },
    Remove {
        every: usize,
    },
    Retag {
        every: usize,
        tag: usize,
    },
    Mixed {
        n: usize,
        every: usize,
    },
    /// As auto-coding with a new tag does: the tag made, every `every`-th
    /// highlight given it in place, `n` new ones.
    Autocode {
        n: usize,
        every: usize,
    },
    /// Highlights added again where they are (keys repeated: one by one).
    Again {
        every: usize,
    },
    Undo,
    Redo,
}

fn bulk() -> impl Strategy<Value = Bulk> {
    prop_oneof![
        3 => (0usize..200, 0usize..1000).prop_map(|(n, seed)| Bulk::Add { n, seed }),
        2 => (1usize..4).prop_map(|every| Bulk::Remove { every }),
        2 => (1usize..4, 0usize..3).prop_map(|(every, tag)| Bulk::Retag { every, tag }),
        1 => (0usize..100, 1usize..4).prop_map(|(n, every)| Bulk::Mixed { n, every }),
        2 => (0usize..100, 1usize..4).prop_map(|(n, every)| Bulk::Autocode { n, every }),
        1 => (2usize..6).prop_map(|every| Bulk::Again { every }),
        2 => Just(Bulk::Undo),
        1 => Just(Bulk::Redo),
    ]
}

/// The highlights and tags after `changes`, applied one at a time as
/// `Annotations::change` always did: the reference for batches.
fn one_by_one(
    (hs, tags): (&mut Vec<Arc<Highlight>>, &mut Vec<Tag>),
    changes: &[Change],
    forward: bool,
) {
    let steps: Vec<&Change> =
        if forward { changes.iter().collect() } else { changes.iter().rev().collect() };
    for c in steps {
        let (before, after) = match c {
            Change::Highlight { before, after } => (before, after),
            Change::Tags { before, after } => {
                tags.clone_from(if forward { after } else { before });
                continue;
            }
            Change::Link { .. } | Change::Relations { .. } => continue,
        };
        let (from, to) = if forward { (before, after) } else { (after, before) };
        if let Some(old) = from
            && let Ok(i) = hs.binary_search_by(|h| h.key().cmp(&old.key()))
        {
            hs.remove(i);
        }
        if let Some(new) = to {
            let i = hs.partition_point(|h| h.key() < new.key());
            hs.insert(i, Arc::clone(new));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Large edits, their undos and redos leave exactly the highlights (and
    /// per-tag counts) that applying their changes one at a time leaves.
    #[test]
    fn batches_equal_changes_one_at_a_time(steps in prop::collection::vec(bulk(), 1..12)) {
        let now = Timestamp::from_second(1_700_000_000).expect("time");
        let tags = ["a", "b", "c"];
        let mut next_id = 0;
        let mut fresh = |voice: usize, para: usize, byte: usize, tag: usize| {
            next_id += 1;
            Arc::new(Highlight {
                id: format!("h{next_id:05}"),
                voice,
                start: Pos::new(para, byte),
                end: Pos::new(para, byte + 3),
                orphan: next_id % 17 == 0,
                quote: Quote::default(),
                tags: vec![tags[tag % 3].to_owned()],
                note: String::new(),
                coder: "c".into(),
                created: now,
                modified: now,
            })
        };
        let mut a = Annotations::from_parts("d".into(), Vec::new(), Vec::new());
        let mut reference: Vec<Arc<Highlight>> = Vec::new();
        let mut ref_tags: Vec<Tag> = Vec::new();
        let (mut undone, mut done): (Vec<Vec<Change>>, Vec<Vec<Change>>) = (Vec::new(), Vec::new());
        for step in steps {
            let hs: Vec<Arc<Highlight>> = a.highlights().to_vec();
            let changes: Vec<Change> = match step {
                Bulk::Add { n, seed } => (0..n)
                    .map(|i| {
                        // Places repeat, so new highlights land among and on
                        // top of old ones.
                        let h = fresh((seed + i) % 2, (seed * 7 + i) % 5, (i * 13) % 40, i);
                        Change::Highlight { before: None, after: Some(h) }
                    })
                    .collect(),
                Bulk::Remove { every } => hs
                    .iter()
                    .step_by(every)
                    .map(|h| Change::Highlight { before: Some(Arc::clone(h)), after: None })
                    .collect(),
                Bulk::Retag { every, tag } => hs
                    .iter()
                    .step_by(every)
                    .map(|h| {
                        let new = Highlight { tags: vec![tags[tag].to_owned()], ..(**h).clone() };
                        Change::Highlight { before: Some(Arc::clone(h)), after: Some(Arc::new(new)) }
                    })
                    .collect(),
                Bulk::Mixed { n, every } => hs
                    .iter()
                    .step_by(every)
                    .map(|h| Change::Highlight { before: Some(Arc::clone(h)), after: None })
                    .chain((0..n).map(|i| Change::Highlight {
                        before: None,
                        after: Some(fresh(i % 2, i % 3, i % 30, i)),
                    }))
                    .collect(),
                Bulk::Autocode { n, every } => {
                    let name = format!("t{}", a.tags().len());
                    let mut after = a.tags().to_vec();
                    after.push(Tag { name: name.clone(), color: Rgb(1, 2, 3), description: String::new(), key: None });
                    let tag = Change::Tags { before: a.tags().to_vec(), after };
                    // As auto-coding does, a highlight that has the tag
                    // is left alone (a tag named twice is not a state).
                    let retag = hs.iter().step_by(every).filter(|h| !h.tags.contains(&name)).map(|h| {
                        let mut new = (**h).clone();
                        new.tags.push(name.clone());
                        Change::Highlight { before: Some(Arc::clone(h)), after: Some(Arc::new(new)) }
                    });
                    let fresh = (0..n).map(|i| Change::Highlight {
                        before: None,
                        after: Some(fresh(i % 2, (i * 3) % 5, i % 37, i)),
                    });
                    std::iter::once(tag).chain(retag).chain(fresh).collect()
                }
                Bulk::Again { every } => hs
                    .iter()
                    .step_by(every)
                    .map(|h| Change::Highlight { before: None, after: Some(Arc::clone(h)) })
                    .collect(),
                Bulk::Undo => {
                    if let Some(changes) = done.pop() {
                        a.undo();
                        one_by_one((&mut reference, &mut ref_tags), &changes, false);
                        undone.push(changes);
                    }
                    continue;
                }
                Bulk::Redo => {
                    if let Some(changes) = undone.pop() {
                        a.redo();
                        one_by_one((&mut reference, &mut ref_tags), &changes, true);
                        done.push(changes);
                    }
                    continue;
                }
            };
            if changes.is_empty() {
                continue;
            }
            a.apply(Edit { label: "bulk".into(), changes: changes.clone() });
            one_by_one((&mut reference, &mut ref_tags), &changes, true);
            done.push(changes);
            undone.clear();
            prop_assert_eq!(a.highlights(), &reference[..]);
            prop_assert_eq!(a.tags(), &ref_tags[..]);
            let names = ref_tags.iter().map(|t| t.name.as_str()).chain(tags);
            for tag in names {
                let scan = reference.iter().filter(|h| h.tags.iter().any(|t| t == tag)).count();
                prop_assert_eq!(a.count(tag), scan, "tag {}", tag);
            }
        }
        prop_assert_eq!(a.highlights(), &reference[..]);
        prop_assert_eq!(a.tags(), &ref_tags[..]);
    }
}

/// The first `quote_in`, which joined every paragraph it touched whole:
/// the reference for the one that reads only the bytes it needs.
fn quote_in_whole_paragraphs(doc: &Conversation, voice: usize, start: Pos, end: Pos) -> Quote {
    use crate::model::voicetext::PARAGRAPH_SEPARATOR;
    let voice = &doc.voices()[voice];
    let text = |p: usize| doc.paragraph(voice.paragraphs.at(p)).text();
    let last = voice.paragraphs.len() - 1;
    let mut first = start.para as usize;
    let mut before = start.byte as usize;
    while first > 0 && before < CONTEXT_CHARS * 4 {
        first -= 1;
        before += text(first).len() + PARAGRAPH_SEPARATOR.len();
    }
    let mut end_para = end.para as usize;
    let mut after = text(end_para).len() - (end.byte as usize).min(text(end_para).len());
    while end_para < last && after < CONTEXT_CHARS * 4 {
        end_para += 1;
        after += text(end_para).len() + PARAGRAPH_SEPARATOR.len();
    }
    let mut window = String::new();
    let (mut from, mut to) = (0, 0);
    for p in first..=end_para {
        if p > first {
            window.push_str(PARAGRAPH_SEPARATOR);
        }
        if p == start.para as usize {
            from = window.len() + start.byte as usize;
        }
        if p == end.para as usize {
            to = window.len() + end.byte as usize;
        }
        window.push_str(text(p));
    }
    Quote::of(&window, from..to.max(from))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// The quote and its context are what joining whole paragraphs gave,
    /// for short paragraphs (context across several) and long ones, any
    /// characters, any span.
    #[test]
    fn quotes_read_from_the_bytes_around_equal_whole_paragraphs(
        paragraphs in prop::collection::vec("[a .é“”—微👩\u{200d}\u{301}]{1,80}|[ab ]{150,400}", 1..6),
        picks in (any::<prop::sample::Index>(), any::<prop::sample::Index>()),
    ) {
        // Paragraphs as the conversation keeps them (trimmed, none empty).
        let paragraphs: Vec<String> = paragraphs
            .iter()
            .map(|p| p.trim().to_owned())
            .map(|p| if p.is_empty() { "x".to_owned() } else { p })
            .collect();
        let refs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
        let d = doc(&refs);
        let v = &d.voices()[0];
        // Every place on a char boundary, in voice order.
        let places: Vec<Pos> = (0..v.paragraphs.len())
            .flat_map(|p| {
                let t = d.paragraph(v.paragraphs.at(p)).text();
                t.char_indices().map(|(b, _)| b).chain([t.len()]).map(move |b| Pos::new(p, b))
            })
            .collect();
        let (a, b) = (picks.0.get(&places), picks.1.get(&places));
        for (start, end) in [(*a.min(b), *a.max(b)), (*a, *a)] {
            prop_assert_eq!(
                quote_in(&d, v, start, end),
                quote_in_whole_paragraphs(&d, 0, start, end),
                "{:?}..{:?}", start, end
            );
        }
    }
}

/// Taking `merge-conflict` off a highlight, in any of the ways there are,
/// settles the conflict: the note line the merge driver added goes too,
/// and what the coder wrote stays. Taking another tag off keeps it.
#[test]
fn taking_the_conflict_tag_off_takes_the_merge_note_line_with_it() {
    let d = doc(&[P1, P2]);
    let t = target(0, 0, 0, 0, 8);
    let conflicted = || {
        let mut a = AnnotationFile::empty(&d);
        let def = |name: &str| Tag {
            name: name.into(),
            color: PALETTE[1],
            description: String::new(),
            key: None,
        };
        a.apply(a.tag_target(&d, &t, "trust", Some(def("trust")), &stamp(1)));
        let conflict = Some(def(filemerge::CONFLICT_TAG));
        a.apply(a.tag_target(&d, &t, filemerge::CONFLICT_TAG, conflict, &stamp(2)));
        let id = a.highlights()[0].id.clone();
        let note = "mine\n[merge conflict: this is ours (the branch merged into)]\nand more";
        a.apply(a.set_note(&d, Some(&id), &t, note, &stamp(3)));
        a
    };
    let now = Timestamp::from_second(1_700_000_100).expect("time");
    let trust = ["trust".to_owned()];
    type Way<'a> = (&'a str, Box<dyn Fn(&Annotations) -> Edit + 'a>);
    let ways: Vec<Way> = vec![
        ("toggle", Box::new(|a| a.tag_target(&d, &t, filemerge::CONFLICT_TAG, None, &stamp(4)))),
        ("picker", Box::new(|a| a.set_tags(&d, &t, &trust, &[], false, &stamp(4)))),
        ("delete the tag", Box::new(|a| a.delete_tag(filemerge::CONFLICT_TAG, now))),
        (
            "merge it into another",
            Box::new(|a| a.merge_tags(filemerge::CONFLICT_TAG, "trust", now)),
        ),
    ];
    for (how, edit) in &ways {
        let mut a = conflicted();
        a.apply(edit(&a));
        assert_eq!(a.highlights()[0].tags, trust, "{how}");
        assert_eq!(a.highlights()[0].note, "mine\nand more", "{how}");
        assert!(a.tag(filemerge::CONFLICT_TAG).is_none(), "{how}: its last use went");
        a.undo();
        assert!(a.highlights()[0].note.contains("[merge conflict: this is ours"), "{how}: undo");
        assert!(a.tag(filemerge::CONFLICT_TAG).is_some(), "{how}: undo");
    }
    // Two versions: the tag stays until the last use goes, by deleting the
    // other version or taking the tag off it.
    let mut a = conflicted();
    let other = target(0, 1, 0, 1, 8);
    a.apply(a.tag_target(&d, &other, filemerge::CONFLICT_TAG, None, &stamp(5)));
    a.apply(ways[0].1(&a));
    assert!(a.tag(filemerge::CONFLICT_TAG).is_some(), "still used on the other");
    let id = a.exact(&other).expect("the other version").id.clone();
    a.apply(a.delete(&id));
    assert!(a.tag(filemerge::CONFLICT_TAG).is_none(), "the last use deleted");
    a.undo();
    assert!(a.tag(filemerge::CONFLICT_TAG).is_some() && a.exact(&other).is_some());
    let mut a = conflicted();
    a.apply(a.tag_target(&d, &t, "trust", None, &stamp(4)));
    assert!(a.highlights()[0].note.contains("[merge conflict: this is ours"), "still in conflict");
    // Renaming the conflict tag settles nothing: the lines that tell the
    // versions apart stay.
    let mut a = conflicted();
    a.apply(a.rename_tag(filemerge::CONFLICT_TAG, "to check", now));
    assert!(a.highlights()[0].tags.contains(&"to check".to_owned()));
    assert!(a.highlights()[0].note.contains("[merge conflict: this is ours"), "renamed");
}
