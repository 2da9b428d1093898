//! Links: making and removing them, what removing a highlight entails,
//! undo and redo, and the file round trip.

use jiff::Timestamp;
use proptest::prelude::*;

use super::super::{AnnotationFile, Annotations, Change, Stamp, Target};
use super::{LinkIds, default_relations};
use crate::model::Conversation;
use crate::model::voicetext::Pos;

const SEIFF: &str = "Should the U.S. ban TikTok and WeChat? What would a ban achieve?";
const KU: &str = "A ban treats the symptom — the apps — not the “data” problem beneath it.";
const MORE: &str = "Ku’s point about data 数据 is well taken 👩‍💻, but e\u{301}nforcement matters.";

fn doc() -> Conversation {
    crate::model::testing::conversation(&[&[SEIFF], &[KU, MORE]])
}

fn stamp(n: u32) -> Stamp {
    Stamp {
        id: format!("h-{n}"),
        coder: "tester".into(),
        now: Timestamp::from_second(1_700_000_000 + i64::from(n)).expect("time"),
    }
}

fn ids(n: u32) -> LinkIds {
    LinkIds { link: format!("l-{n}"), from: format!("from-{n}"), to: format!("to-{n}") }
}

fn t(voice: usize, para: usize, start: usize, end: usize) -> Target {
    Target { voice, start: Pos::new(para, start), end: Pos::new(para, end) }
}

/// Every link's ends are highlights, and the index agrees with the links.
fn whole(a: &Annotations) -> Result<(), String> {
    for l in a.links() {
        for end in [&l.from, &l.to] {
            if a.highlight(end).is_none() {
                return Err(format!("link {} names {end}, which is not a highlight", l.id));
            }
            if !a.links_of(end).any(|x| x.id == l.id) {
                return Err(format!("the index misses link {} at {end}", l.id));
            }
        }
        if a.relation(&l.relation).is_none() {
            return Err(format!("link {} has relation {} not in the codebook", l.id, l.relation));
        }
    }
    // The index the other way: every link it lists at a highlight has it
    // at an end.
    for h in a.highlights() {
        if let Some(l) = a.links_of(&h.id).find(|l| l.other(&h.id).is_none()) {
            return Err(format!("the index lists link {} at {}, not an end of it", l.id, h.id));
        }
    }
    if !a.links().windows(2).all(|w| w[0].id < w[1].id) {
        return Err("links out of order".into());
    }
    Ok(())
}

#[test]
fn a_link_makes_untagged_ends_and_unlinking_takes_them_away_in_one_step() {
    let d = doc();
    let mut a = AnnotationFile::empty(&d);
    let edit = a.add_link(&d, &t(1, 0, 0, 5), &t(0, 0, 0, 6), "answers", &ids(1), &stamp(1));
    a.apply(edit.expect("a link"));
    assert_eq!(a.highlights().len(), 2);
    assert!(a.highlights().iter().all(|h| h.tags.is_empty()));
    let l = &a.links()[0];
    assert_eq!(
        (l.from.as_str(), l.to.as_str(), l.relation.as_str()),
        ("from-1", "to-1", "answers")
    );
    assert_eq!(a.highlight("from-1").unwrap().quote.exact, "A ban");
    assert!(a.is_linked("to-1"));
    a.apply(a.remove_link("l-1"));
    assert!(a.links().is_empty() && a.highlights().is_empty(), "the ends went with it");
    assert_eq!(a.undo().as_deref(), Some("unlinked: answers"));
    assert_eq!((a.links().len(), a.highlights().len()), (1, 2));
    whole(&a).unwrap();
}

#[test]
fn an_end_that_is_a_coded_highlight_is_reused_and_stays() {
    let d = doc();
    let mut a = AnnotationFile::empty(&d);
    let q = t(0, 0, 0, 38);
    a.apply(a.tag_target(&d, &q, "national-security claim", None, &stamp(1)));
    let edit = a.add_link(&d, &t(1, 0, 0, 5), &q, "answers", &ids(2), &stamp(2)).unwrap();
    a.apply(edit);
    assert_eq!(a.highlights().len(), 2, "only the answer was made a highlight");
    assert_eq!(a.links()[0].to, "h-1");
    a.apply(a.remove_link("l-2"));
    assert_eq!(a.highlights().len(), 1, "the coded end stays");
    assert_eq!(a.highlights()[0].id, "h-1");
}

#[test]
fn deleting_an_end_takes_its_links_and_undo_brings_all_back() {
    let d = doc();
    let mut a = AnnotationFile::empty(&d);
    let q = t(0, 0, 0, 38);
    a.apply(a.tag_target(&d, &q, "national-security claim", None, &stamp(1)));
    a.apply(a.add_link(&d, &t(1, 0, 0, 5), &q, "answers", &ids(2), &stamp(2)).unwrap());
    a.apply(a.add_link(&d, &t(1, 1, 0, 6), &q, "cites", &ids(3), &stamp(3)).unwrap());
    let before = (a.highlights().to_vec(), a.links().to_vec());
    a.apply(a.delete("h-1"));
    assert!(a.links().is_empty(), "both links went with their end");
    assert!(a.highlights().is_empty(), "and their link-only other ends with them");
    whole(&a).unwrap();
    a.undo();
    assert_eq!((a.highlights().to_vec(), a.links().to_vec()), before);
    a.redo();
    assert!(a.links().is_empty());
}

#[test]
fn taking_the_last_tag_off_a_linked_highlight_keeps_it() {
    let d = doc();
    let mut a = AnnotationFile::empty(&d);
    let q = t(0, 0, 0, 38);
    a.apply(a.tag_target(&d, &q, "national-security claim", None, &stamp(1)));
    a.apply(a.add_link(&d, &t(1, 0, 0, 5), &q, "answers", &ids(2), &stamp(2)).unwrap());
    a.apply(a.set_tags(&d, &q, &[], &[], false, &stamp(3)));
    assert_eq!(a.links().len(), 1);
    assert!(a.highlight("h-1").is_some_and(|h| h.tags.is_empty()));
}

#[test]
fn a_passage_cannot_be_linked_to_itself_nor_twice_the_same_way() {
    let d = doc();
    let mut a = AnnotationFile::empty(&d);
    let (x, y) = (t(1, 0, 0, 5), t(0, 0, 0, 6));
    assert!(a.add_link(&d, &x, &x, "answers", &ids(1), &stamp(1)).is_none());
    assert!(a.add_link(&d, &x, &y, "no such relation", &ids(1), &stamp(1)).is_none());
    a.apply(a.add_link(&d, &x, &y, "answers", &ids(1), &stamp(1)).unwrap());
    assert!(a.add_link(&d, &x, &y, "answers", &ids(2), &stamp(2)).is_none());
    assert!(a.add_link(&d, &x, &y, "rebuts", &ids(3), &stamp(3)).is_some());
}

#[test]
fn a_relation_renamed_takes_its_links_and_one_deleted_removes_them() {
    let d = doc();
    let mut a = AnnotationFile::empty(&d);
    a.apply(a.add_link(&d, &t(1, 0, 0, 5), &t(0, 0, 0, 6), "answers", &ids(1), &stamp(1)).unwrap());
    let mut rs = a.relations().to_vec();
    rs[0].name = "replies to".into();
    a.apply(a.set_relations(rs, Some(("answers", "replies to")), stamp(2).now));
    assert_eq!(a.links()[0].relation, "replies to");
    let rs: Vec<_> = a.relations().iter().filter(|r| r.name != "replies to").cloned().collect();
    a.apply(a.set_relations(rs, None, stamp(3).now));
    assert!(a.links().is_empty() && a.highlights().is_empty());
    a.undo();
    assert_eq!(a.links()[0].relation, "replies to");
    whole(&a).unwrap();
}

#[test]
fn a_file_without_links_is_written_as_before_and_reads_with_the_default_relations() {
    let d = doc();
    let mut a = AnnotationFile::empty(&d);
    a.apply(a.tag_target(&d, &t(0, 0, 0, 6), "national-security claim", None, &stamp(1)));
    let file = AnnotationFile::from_snapshot(&a.snapshot(), &d);
    assert!(file.relations.is_empty() && file.links.is_empty());
    let text = ron::ser::to_string(&file).unwrap();
    assert!(!text.contains("relations") && !text.contains("links"), "{text}");
    let (back, _) = file.into_annotations(&d).unwrap();
    assert_eq!(back.relations(), default_relations());
}

#[test]
fn a_link_to_a_highlight_the_file_lacks_is_refused_naming_it() {
    let d = doc();
    let mut a = AnnotationFile::empty(&d);
    a.apply(a.add_link(&d, &t(1, 0, 0, 5), &t(0, 0, 0, 6), "answers", &ids(1), &stamp(1)).unwrap());
    let mut file = AnnotationFile::from_snapshot(&a.snapshot(), &d);
    file.links[0].to = "gone".into();
    let e = file.into_annotations(&d).unwrap_err().to_string();
    assert_eq!(e, "links[0] (l-1): to \"gone\" is not the id of a highlight in the file");
}

#[test]
fn a_relation_named_with_a_line_break_is_refused() {
    let d = doc();
    let mut a = AnnotationFile::empty(&d);
    a.apply(a.add_link(&d, &t(1, 0, 0, 5), &t(0, 0, 0, 6), "answers", &ids(1), &stamp(1)).unwrap());
    let mut file = AnnotationFile::from_snapshot(&a.snapshot(), &d);
    file.relations[1].name = "re\nbuts".into();
    let e = file.into_annotations(&d).unwrap_err().to_string();
    assert!(e.starts_with("relations[1]: a relation needs a name, one line"), "{e}");
}

/// One step of the random sequences below.
#[derive(Clone, Debug)]
enum Step {
    Link { from: (usize, usize, usize), to: (usize, usize, usize), relation: usize },
    Unlink(usize),
    DeleteHighlight(usize),
    Tag(usize),
    Untag(usize),
    Reverse(usize),
    Undo,
    Redo,
}

fn step() -> impl Strategy<Value = Step> {
    let span = (0usize..2, 0usize..12, 1usize..12);
    prop_oneof![
        3 => (span.clone(), span, 0usize..5)
            .prop_map(|(from, to, relation)| Step::Link { from, to, relation }),
        1 => (0usize..8).prop_map(Step::Unlink),
        1 => (0usize..8).prop_map(Step::DeleteHighlight),
        1 => (0usize..8).prop_map(Step::Tag),
        1 => (0usize..8).prop_map(Step::Untag),
        1 => (0usize..8).prop_map(Step::Reverse),
        2 => Just(Step::Undo),
        1 => Just(Step::Redo),
    ]
}

/// A span of voice `v`'s first paragraph, on character boundaries.
fn span(d: &Conversation, (v, s, len): (usize, usize, usize)) -> Target {
    let text = d.paragraph(d.voices()[v].paragraphs.at(0)).text();
    let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
    let s = s.min(bounds.len() - 2);
    let e = (s + len).min(bounds.len() - 1);
    t(v, 0, bounds[s], bounds[e])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Random linking, unlinking, deleting and (un)tagging ends, undo and
    /// redo: every link's ends always exist; undoing everything gives the
    /// start back; and the state survives the file round trip exactly.
    #[test]
    fn random_link_sequences_keep_every_end_and_round_trip(
        steps in prop::collection::vec(step(), 1..40),
    ) {
        let d = doc();
        let mut a = AnnotationFile::empty(&d);
        let relations: Vec<String> = a.relations().iter().map(|r| r.name.clone()).collect();
        let mut applied = 0usize;
        for (n, s) in steps.into_iter().enumerate() {
            let n = n as u32 + 10;
            let now = stamp(n).now;
            let edit = match s {
                Step::Link { from, to, relation } => {
                    a.add_link(&d, &span(&d, from), &span(&d, to), &relations[relation], &ids(n), &stamp(n))
                }
                Step::Unlink(i) => a.links().get(i).map(|l| a.remove_link(&l.id)),
                Step::DeleteHighlight(i) => a.highlights().get(i).map(|h| a.delete(&h.id)),
                Step::Tag(i) => a.highlights().get(i).map(|h| {
                    let target = Target { voice: h.voice, start: h.start, end: h.end };
                    a.tag_target(&d, &target, "national-security claim", None, &stamp(n))
                }),
                Step::Untag(i) => a.highlights().get(i).map(|h| {
                    let target = Target { voice: h.voice, start: h.start, end: h.end };
                    a.set_tags(&d, &target, &[], &[], false, &stamp(n))
                }),
                Step::Reverse(i) => a.links().get(i).map(|l| a.change_link(&l.id, &l.relation, true, now)),
                Step::Undo => {
                    if a.undo().is_some() { applied -= 1; }
                    None
                }
                Step::Redo => {
                    if a.redo().is_some() { applied += 1; }
                    None
                }
            };
            if let Some(edit) = edit.filter(|e| !e.changes.is_empty()) {
                a.apply(edit);
                applied += 1;
            }
            prop_assert!(whole(&a).is_ok(), "{:?}", whole(&a));
        }
        let file = AnnotationFile::from_snapshot(&a.snapshot(), &d);
        let text = ron::ser::to_string(&file).unwrap();
        let read: AnnotationFile = ron::from_str(&text).unwrap();
        let (back, _) = read.into_annotations(&d).unwrap();
        prop_assert_eq!(back.links(), a.links());
        prop_assert_eq!(back.highlights(), a.highlights());
        prop_assert_eq!(back.relations(), a.relations());
        for _ in 0..applied {
            prop_assert!(a.undo().is_some());
            prop_assert!(whole(&a).is_ok());
        }
        prop_assert!(a.links().is_empty() && a.highlights().is_empty());
    }
}

#[test]
fn link_changes_are_not_batched_with_highlights() {
    // A large edit mixing both goes one change at a time, links included.
    let d = doc();
    let mut a = AnnotationFile::empty(&d);
    a.apply(a.add_link(&d, &t(1, 0, 0, 5), &t(0, 0, 0, 6), "answers", &ids(1), &stamp(1)).unwrap());
    let mut edit = a.remove_link("l-1");
    assert!(edit.changes.iter().any(|c| matches!(c, Change::Link { .. })));
    edit.changes.extend((0..300).map(|_| Change::Relations {
        before: a.relations().to_vec(),
        after: a.relations().to_vec(),
    }));
    a.apply(edit);
    assert!(a.links().is_empty() && a.highlights().is_empty());
}

#[test]
fn the_streaming_writer_writes_links_as_the_file_shape_does() {
    let d = doc();
    let mut a = AnnotationFile::empty(&d);
    a.apply(a.add_link(&d, &t(1, 0, 0, 5), &t(0, 0, 0, 6), "answers", &ids(1), &stamp(1)).unwrap());
    a.apply(a.set_link_note("l-1", "Ku answers “the” question — 数据 👩‍💻", stamp(2).now));
    let pretty = || ron::ser::PrettyConfig::new().escape_strings(false).struct_names(false);
    let snapshot = a.snapshot();
    let view = ron::ser::to_string_pretty(&super::super::FileView::new(&snapshot, &d), pretty());
    let file = ron::ser::to_string_pretty(&AnnotationFile::from_snapshot(&snapshot, &d), pretty());
    assert_eq!(view.unwrap(), file.unwrap());
}
