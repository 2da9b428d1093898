use std::collections::BTreeMap;

use jiff::Timestamp;
use proptest::prelude::*;

use super::*;
use crate::model::Pos;
use crate::model::annotations::{Quote, Rgb};

fn hl(id: &str, note: &str, tags: &[&str]) -> Arc<Highlight> {
    Arc::new(Highlight {
        id: id.into(),
        voice: 0,
        start: Pos::new(0, 0),
        end: Pos::new(0, 4),
        orphan: false,
        quote: Quote { exact: "abcd".into(), prefix: String::new(), suffix: String::new() },
        tags: tags.iter().map(|t| (*t).to_owned()).collect(),
        note: note.into(),
        coder: "c".into(),
        created: Timestamp::UNIX_EPOCH,
        modified: Timestamp::UNIX_EPOCH,
    })
}

fn tag(name: &str, description: &str) -> Tag {
    Tag { name: name.into(), color: Rgb(1, 2, 3), description: description.into(), key: None }
}

fn side<'a>(tags: &'a [Tag], highlights: &'a [Arc<Highlight>]) -> Side<'a> {
    Side { tags, highlights, ..Side::default() }
}

/// Notes by id: what a merge kept, order aside.
fn notes(hs: &[Arc<Highlight>]) -> BTreeMap<String, String> {
    hs.iter().map(|h| (h.id.clone(), h.note.clone())).collect()
}

fn never() -> String {
    unreachable!("no copy needed")
}

#[test]
fn changes_to_different_highlights_both_survive() {
    let tags = [tag("a", "")];
    let base = [hl("1", "", &[]), hl("2", "", &[]), hl("3", "", &[])];
    let ours = [hl("1", "ours", &[]), hl("2", "", &[]), hl("4", "new of ours", &[])];
    let theirs = [hl("2", "theirs", &[]), hl("1", "", &[]), hl("5", "new of theirs", &["a"])];
    let m = merge(side(&tags, &base), side(&tags, &ours), side(&tags, &theirs));
    assert!(!m.has_conflicts());
    let (t, h) = m.resolve(Choice::Mine, never);
    assert_eq!(t, tags);
    let expected: BTreeMap<String, String> =
        [("1", "ours"), ("2", "theirs"), ("4", "new of ours"), ("5", "new of theirs")]
            .into_iter()
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
            .collect();
    assert_eq!(notes(&h), expected, "3 was deleted by both");
}

#[test]
fn the_same_change_on_both_sides_is_no_conflict() {
    let base = [hl("1", "", &[])];
    let both = [hl("1", "same", &[])];
    let m = merge(side(&[], &base), side(&[], &both), side(&[], &both));
    assert!(!m.has_conflicts());
    assert_eq!(m.highlights.items, both);
}

#[test]
fn one_highlight_changed_on_both_sides_is_a_conflict_settled_as_asked() {
    let base = [hl("1", "", &[]), hl("2", "", &[])];
    let ours = [hl("1", "mine", &[]), hl("2", "", &[])];
    let theirs = [hl("1", "theirs", &[]), hl("2", "edited by them", &[])];
    let m = merge(side(&[], &base), side(&[], &ours), side(&[], &theirs));
    assert_eq!(m.conflict_count(), 1);
    assert_eq!(m.highlights.conflicts[0].key, "1");
    let (_, h) = m.resolve(Choice::Mine, never);
    assert_eq!(notes(&h)["1"], "mine");
    assert_eq!(notes(&h)["2"], "edited by them", "their other change is kept");
    let (_, h) = m.resolve(Choice::Theirs, never);
    assert_eq!(notes(&h)["1"], "theirs");
    let (_, h) = m.resolve(Choice::Both, || "copy".into());
    assert_eq!(notes(&h)["1"], "theirs");
    assert_eq!(notes(&h)["copy"], "mine", "ours kept beside theirs");
    assert_eq!(h.len(), 3);
}

#[test]
fn deleting_what_the_other_side_changed_is_a_conflict_and_both_keeps_the_change() {
    let base = [hl("1", "", &[])];
    let edited = [hl("1", "theirs", &[])];
    let m = merge(side(&[], &base), side(&[], &[]), side(&[], &edited));
    assert_eq!(m.conflict_count(), 1);
    assert!(m.resolve(Choice::Mine, never).1.is_empty());
    assert_eq!(m.resolve(Choice::Both, never).1, edited);
}

#[test]
fn tags_merge_by_name_and_a_tag_still_in_use_is_kept() {
    let base = [tag("a", ""), tag("b", ""), tag("gone", "")];
    // We describe a and delete "gone"; they describe b and apply "gone".
    let ours = [tag("a", "ours"), tag("b", "")];
    let theirs = [tag("a", ""), tag("b", "theirs"), tag("gone", ""), tag("c", "")];
    let their_h = [hl("9", "", &["gone"])];
    let m = merge(side(&base, &[]), side(&ours, &[]), side(&theirs, &their_h));
    assert!(!m.has_conflicts());
    let (t, h) = m.resolve(Choice::Mine, never);
    let names: Vec<(&str, &str)> =
        t.iter().map(|t| (t.name.as_str(), t.description.as_str())).collect();
    assert_eq!(names, [("a", "ours"), ("b", "theirs"), ("c", ""), ("gone", "")]);
    assert_eq!(h, their_h);
}

#[test]
fn edit_to_reaches_the_target_and_undoes_in_one_step() {
    let mut a = Annotations::from_parts(
        "x".into(),
        vec![tag("a", "")],
        vec![(*hl("1", "", &[])).clone(), (*hl("2", "", &[])).clone()],
    );
    let target = vec![hl("2", "changed", &[]), hl("3", "", &["a"])];
    let before = a.highlights().to_vec();
    a.apply(a.edit_to("changes on disk", vec![tag("a", "d")], &target));
    assert_eq!(notes(a.highlights()), notes(&target));
    assert_eq!(a.tags()[0].description, "d");
    assert_eq!(a.undo().as_deref(), Some("changes on disk"));
    assert_eq!(a.highlights(), before.as_slice());
}

/// A list of tags named 0..n with a version each; `None` when absent.
fn version_list() -> impl Strategy<Value = Vec<Option<u8>>> {
    prop::collection::vec(prop::option::weighted(0.8, 0u8..3), 0..12)
}

fn list(v: &[Option<u8>]) -> Vec<Tag> {
    v.iter()
        .enumerate()
        .filter_map(|(i, d)| d.map(|d| tag(&i.to_string(), &d.to_string())))
        .collect()
}

fn by_name(tags: &[Tag]) -> BTreeMap<String, String> {
    tags.iter().map(|t| (t.name.clone(), t.description.clone())).collect()
}

proptest! {
    #[test]
    fn a_side_that_changed_nothing_takes_the_other(b in version_list(), o in version_list()) {
        let (b, o) = (list(&b), list(&o));
        let m = merge_by_key(&b, &o, &b);
        prop_assert!(m.conflicts.is_empty());
        prop_assert_eq!(by_name(&m.items), by_name(&o));
        let m = merge_by_key(&b, &b, &o);
        prop_assert!(m.conflicts.is_empty());
        prop_assert_eq!(&m.items, &o, "theirs kept in their order");
    }

    #[test]
    fn merging_is_symmetric(b in version_list(), o in version_list(), t in version_list()) {
        let (b, o, t) = (list(&b), list(&o), list(&t));
        let ot = merge_by_key(&b, &o, &t);
        let to = merge_by_key(&b, &t, &o);
        prop_assert_eq!(by_name(&ot.items), by_name(&to.items));
        let keys = |m: &Merged<Tag>| -> Vec<String> { let mut k: Vec<String> = m.conflicts.iter().map(|c| c.key.clone()).collect(); k.sort(); k };
        prop_assert_eq!(keys(&ot), keys(&to));
    }

    #[test]
    fn every_change_of_either_side_is_kept_or_reported(
        b in version_list(), o in version_list(), t in version_list()
    ) {
        let (bl, ol, tl) = (list(&b), list(&o), list(&t));
        let m = merge_by_key(&bl, &ol, &tl);
        let merged = by_name(&m.items);
        let conflicted: Vec<&str> = m.conflicts.iter().map(|c| c.key.as_str()).collect();
        let n = b.len().max(o.len()).max(t.len());
        let at = |v: &[Option<u8>], i: usize| v.get(i).copied().flatten();
        for i in 0..n {
            let name = i.to_string();
            let (bv, ov, tv) = (at(&b, i), at(&o, i), at(&t, i));
            let got = merged.get(&name).map(|d| d.parse::<u8>().unwrap_or(99));
            if conflicted.contains(&name.as_str()) {
                prop_assert!(ov != bv && tv != bv && ov != tv);
                prop_assert_eq!(got, None);
            } else if ov != bv {
                prop_assert_eq!(got, ov, "our change to {} kept", name);
            } else {
                prop_assert_eq!(got, tv, "their version of {} kept", name);
            }
        }
    }
}

#[test]
fn taking_in_a_change_on_disk_keeps_links_and_their_ends() {
    use crate::model::annotations::{LinkIds, Target};
    let d = crate::model::testing::conversation(&[&["Why ban it?"], &["Because of data."]]);
    let stamp = |n: i64| crate::model::annotations::Stamp {
        id: format!("h{n}"),
        coder: "A".into(),
        now: jiff::Timestamp::from_second(1_700_000_000 + n).unwrap(),
    };
    let t = |voice, end| Target {
        voice,
        start: crate::model::voicetext::Pos::new(0, 0),
        end: crate::model::voicetext::Pos::new(0, end),
    };
    let base = crate::model::annotations::AnnotationFile::empty(&d);
    // Theirs (on disk) linked an answer to the question; ours tagged the question.
    let mut theirs = base.clone();
    let ids = LinkIds { link: "l1".into(), from: "a1".into(), to: "q1".into() };
    theirs.apply(theirs.add_link(&d, &t(1, 7), &t(0, 3), "answers", &ids, &stamp(1)).unwrap());
    let mut ours = base.clone();
    ours.apply(ours.tag_target(&d, &t(1, 7), "national-security claim", None, &stamp(2)));
    let m = merge(Side::from(&base), Side::from(&ours), Side::from(&theirs));
    let r = m.resolve_all(Choice::Theirs, || "copy".into());
    let edit = ours.edit_to_all("changes on disk", &r);
    ours.apply(edit);
    assert_eq!(ours.links().len(), 1);
    for l in ours.links() {
        assert!(ours.highlight(&l.from).is_some() && ours.highlight(&l.to).is_some());
    }
}
