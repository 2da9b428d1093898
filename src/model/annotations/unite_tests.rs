use jiff::Timestamp;

use super::*;
use crate::model::annotations::{Quote, Rgb};

fn hl(id: &str, start: usize, tags: &[&str], coder: &str) -> Arc<Highlight> {
    Arc::new(Highlight {
        id: id.into(),
        voice: 0,
        start: Pos::new(0, start),
        end: Pos::new(0, start + 4),
        orphan: false,
        quote: Quote { exact: "abcd".into(), prefix: String::new(), suffix: String::new() },
        tags: tags.iter().map(|t| (*t).to_owned()).collect(),
        note: String::new(),
        coder: coder.into(),
        created: Timestamp::UNIX_EPOCH,
        modified: Timestamp::UNIX_EPOCH,
    })
}

fn tag(name: &str, color: Rgb, description: &str) -> Tag {
    Tag { name: name.into(), color, description: description.into(), key: None }
}

const RED: Rgb = Rgb(0xFF, 0, 0);
const BLUE: Rgb = Rgb(0, 0, 0xFF);

fn ids(u: &United) -> Vec<&str> {
    u.highlights.iter().map(|h| h.id.as_str()).collect()
}

#[test]
fn the_same_coding_appears_once_whatever_its_id() {
    let tags = [tag("a", RED, ""), tag("b", RED, "")];
    let a = [hl("1", 0, &["a", "b"], "ann"), hl("2", 10, &["a"], "ann")];
    // The same coding as "1" (tags in another order) under another id.
    let b = [hl("9", 0, &["b", "a"], "ann"), hl("3", 20, &["a"], "ann")];
    let u = unite(
        &[
            Side { tags: &tags, highlights: &a, ..Side::default() },
            Side { tags: &tags, highlights: &b, ..Side::default() },
        ],
        None,
    );
    assert_eq!(ids(&u), ["1", "2", "3"]);
    assert_eq!(u.duplicates, [0, 1]);
    assert!(u.renamed.is_empty());
}

#[test]
fn each_coder_keeps_their_highlight_even_on_the_same_span() {
    let tags = [tag("a", RED, "")];
    let a = [hl("1", 0, &["a"], "ann")];
    let b = [hl("2", 0, &["a"], "bob")];
    let u = unite(
        &[
            Side { tags: &tags, highlights: &a, ..Side::default() },
            Side { tags: &tags, highlights: &b, ..Side::default() },
        ],
        None,
    );
    let coders: Vec<&str> = u.highlights.iter().map(|h| h.coder.as_str()).collect();
    assert_eq!(coders, ["ann", "bob"]);
    assert_eq!(u.duplicates, [0, 0]);
}

#[test]
fn a_shared_id_on_different_codings_keeps_both_under_a_fresh_deterministic_id() {
    let tags = [tag("a", RED, "")];
    let a = [hl("1", 0, &["a"], "ann")];
    let b = [hl("1", 0, &["a"], "bob"), hl("5", 30, &[], "bob")];
    let sides = [
        Side { tags: &tags, highlights: &a, ..Side::default() },
        Side { tags: &tags, highlights: &b, ..Side::default() },
    ];
    let u = unite(&sides, None);
    assert_eq!(u.highlights.len(), 3);
    assert_eq!(u.highlights[0].id, "1");
    assert_eq!(u.highlights[0].coder, "ann");
    let fresh = fresh_id("1", 1, 0);
    assert_eq!(u.highlights[1].id, fresh);
    assert_eq!(u.highlights[1].coder, "bob");
    assert_eq!(u.renamed, [Renamed { file: 1, old: "1".into(), new: fresh.clone() }]);
    assert_eq!(unite(&sides, None), u, "the same files unite the same way");
    // An id taken by then goes on to the next round.
    let c = [hl(&fresh, 40, &[], "cy"), hl("1", 50, &[], "cy")];
    let three = [sides[0], sides[1], Side { tags: &tags, highlights: &c, ..Side::default() }];
    let u = unite(&three, None);
    let all: HashSet<&str> = ids(&u).into_iter().collect();
    assert_eq!(all.len(), 5, "every id unique: {:?}", ids(&u));
}

#[test]
fn tags_are_united_and_clashes_listed_the_first_file_winning() {
    let ta = [tag("a", RED, "A"), tag("b", RED, "B")];
    let tb = [tag("a", BLUE, "A"), tag("c", BLUE, "C")];
    let sides = [Side { tags: &ta, ..Side::default() }, Side { tags: &tb, ..Side::default() }];
    let u = unite(&sides, None);
    let names: Vec<&str> = u.tags.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["a", "b", "c"]);
    assert_eq!(u.tags[0].color, RED, "the first file wins");
    assert_eq!(u.added_tags, ["c"]);
    assert_eq!(u.clashes.len(), 1);
    assert_eq!((u.clashes[0].file, u.clashes[0].taken), (1, false));
    assert_eq!(u.clashes[0].clashes[0].name, "a");
    // The preferred file wins.
    let u = unite(&sides, Some(1));
    assert_eq!(u.tags[0].color, BLUE);
    assert!(u.clashes[0].taken);
}

#[test]
fn orphans_are_told_apart_by_their_quote() {
    let tags = [tag("a", RED, "")];
    let mut x = (*hl("1", 0, &[], "ann")).clone();
    x.orphan = true;
    let mut y = x.clone();
    y.id = "2".into();
    y.quote.exact = "other words".into();
    let a = [Arc::new(x)];
    let b = [Arc::new(y)];
    let u = unite(
        &[
            Side { tags: &tags, highlights: &a, ..Side::default() },
            Side { tags: &tags, highlights: &b, ..Side::default() },
        ],
        None,
    );
    assert_eq!(u.highlights.len(), 2);
}

fn link(id: &str, from: &str, to: &str, relation: &str, coder: &str) -> Arc<Link> {
    Arc::new(Link {
        id: id.into(),
        from: from.into(),
        to: to.into(),
        relation: relation.into(),
        note: String::new(),
        coder: coder.into(),
        created: Timestamp::UNIX_EPOCH,
        modified: Timestamp::UNIX_EPOCH,
    })
}

fn relation(name: &str, color: Rgb, both_ways: bool) -> Relation {
    Relation { name: name.into(), color, both_ways, description: String::new() }
}

/// `(link id, from, to, relation)` of each united link.
fn link_ends(u: &United) -> Vec<(&str, &str, &str, &str)> {
    u.links
        .iter()
        .map(|l| (l.id.as_str(), l.from.as_str(), l.to.as_str(), l.relation.as_str()))
        .collect()
}

#[test]
fn links_follow_ends_left_out_as_copies_and_ends_given_fresh_ids() {
    let rels = [relation("answers", RED, false)];
    let a = [hl("1", 0, &["a"], "ann"), hl("2", 10, &[], "ann")];
    let la = [link("L1", "2", "1", "answers", "ann")];
    // "9" is the same coding as ann's "1"; bob's "1" is another coding.
    let b = [hl("9", 0, &["a"], "ann"), hl("1", 20, &[], "bob")];
    let lb = [link("L2", "1", "9", "answers", "bob")];
    let sides = [
        Side { highlights: &a, relations: &rels, links: &la, ..Side::default() },
        Side { highlights: &b, relations: &rels, links: &lb, ..Side::default() },
    ];
    let u = unite(&sides, None);
    let fresh = fresh_id("1", 1, 0);
    assert_eq!(ids(&u), ["1", "2", fresh.as_str()]);
    assert_eq!(
        link_ends(&u),
        [("L1", "2", "1", "answers"), ("L2", fresh.as_str(), "1", "answers")],
        "bob's link goes from his renamed highlight to ann's copy of his other end"
    );
    assert_eq!((u.link_duplicates.clone(), u.renamed_links.len()), (vec![0, 0], 0));
    assert_eq!(unite(&sides, None), u, "the same files unite the same way");
}

#[test]
fn the_same_link_in_two_files_appears_once_and_another_under_its_id_gets_a_fresh_one() {
    let rels = [relation("answers", RED, false), relation("agree", RED, true)];
    let a = [hl("1", 0, &["a"], "ann"), hl("2", 10, &["a"], "ann")];
    let la = [link("L", "1", "2", "answers", "ann"), link("M", "1", "2", "agree", "ann")];
    // A copy of the file: its link is there once.
    let u = unite(
        &[
            Side { highlights: &a, relations: &rels, links: &la, ..Side::default() },
            Side { highlights: &a, relations: &rels, links: &la, ..Side::default() },
        ],
        None,
    );
    assert_eq!(link_ends(&u), [("L", "1", "2", "answers"), ("M", "1", "2", "agree")]);
    assert_eq!(u.link_duplicates, [0, 2]);
    // Another link under "L"; and "M" reversed, which is the same both-ways link.
    let lb = [link("L", "2", "1", "answers", "ann"), link("N", "2", "1", "agree", "ann")];
    let u = unite(
        &[
            Side { highlights: &a, relations: &rels, links: &la, ..Side::default() },
            Side { highlights: &a, relations: &rels, links: &lb, ..Side::default() },
        ],
        None,
    );
    let fresh = fresh_id("L", 1, 0);
    let mut want = vec![
        ("L", "1", "2", "answers"),
        ("M", "1", "2", "agree"),
        (fresh.as_str(), "2", "1", "answers"),
    ];
    want.sort();
    assert_eq!(link_ends(&u), want);
    assert_eq!(u.renamed_links, [Renamed { file: 1, old: "L".into(), new: fresh.clone() }]);
    assert_eq!(u.link_duplicates, [0, 1]);
}

#[test]
fn relations_are_united_by_name_clashes_listed_and_prefer_picks_the_winner() {
    let ra = [relation("answers", RED, false), relation("agree", RED, false)];
    let rb = [relation("agree", RED, true), relation("mocks", BLUE, false)];
    let sides =
        [Side { relations: &ra, ..Side::default() }, Side { relations: &rb, ..Side::default() }];
    let u = unite(&sides, None);
    let names: Vec<&str> = u.relations.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["answers", "agree", "mocks"]);
    assert!(!u.relations[1].both_ways, "the first file wins");
    assert_eq!(u.added_relations, ["mocks"]);
    let clash = &u.relation_clashes[0];
    assert_eq!((clash.file, clash.taken, clash.clashes[0].name.as_str()), (1, false, "agree"));
    assert_eq!(clash.clashes[0].differences[0].field, Field::Direction);
    let u = unite(&sides, Some(1));
    assert!(u.relations[1].both_ways && u.relation_clashes[0].taken);
    assert!(u.clashes.is_empty(), "no tag clash for a relation's");
}

#[test]
fn two_copies_in_one_file_joined_by_a_link_are_both_kept() {
    let rels = [relation("cites", RED, false)];
    // "1" and "2" are one coding; a link joins them.
    let a = [hl("1", 0, &["a"], "ann"), hl("2", 0, &["a"], "ann")];
    let la = [link("L", "2", "1", "cites", "ann")];
    let b = [hl("3", 0, &["a"], "ann")];
    let lb = [link("K", "3", "3", "cites", "ann")];
    let u = unite(
        &[
            Side { highlights: &b, relations: &rels, ..Side::default() },
            Side { highlights: &a, relations: &rels, links: &la, ..Side::default() },
            // A damaged side (a self-link; an end that is no highlight) panics nothing.
            Side { highlights: &b, relations: &rels, links: &lb, ..Side::default() },
        ],
        None,
    );
    assert_eq!(u.kept_apart, 1);
    assert_eq!(u.duplicates, [0, 1, 1]);
    let l = u.links.iter().find(|l| l.id == "L").expect("L");
    assert_ne!(l.from, l.to, "{l:?}");
    assert!(
        u.highlights.iter().any(|h| h.id == l.from) && u.highlights.iter().any(|h| h.id == l.to)
    );
    assert_eq!(u.unplaced_links, 1, "the self-link");
    let bad = [link("X", "3", "gone", "cites", "ann")];
    let u =
        unite(&[Side { highlights: &b, relations: &rels, links: &bad, ..Side::default() }], None);
    assert_eq!((u.links.len(), u.unplaced_links), (0, 1));
}

mod nothing_lost {
    use proptest::prelude::*;

    use super::*;

    /// A file: highlights drawn from a few spans, tags, coders and ids (so
    /// copies and shared ids are common), links between them.
    fn file() -> impl Strategy<Value = (Vec<Arc<Highlight>>, Vec<Arc<Link>>, bool)> {
        let highlight = (0..4usize, 0..2usize, 0..2usize, 0..5usize);
        (proptest::collection::vec(highlight, 1..7), any::<bool>())
            .prop_flat_map(|(raw, both)| {
                let mut seen = HashSet::new();
                let hs: Vec<Arc<Highlight>> = raw
                    .into_iter()
                    .filter(|r| seen.insert(r.3))
                    .map(|(span, tag, coder, id)| {
                        let tags: &[&str] = [&[][..], &["a"][..]][tag];
                        hl(&format!("h{id}"), span * 10, tags, ["ann", "bob"][coder])
                    })
                    .collect();
                let n = hs.len();
                let link = (0..n, 0..n, 0..2usize, 0..3usize);
                (Just(hs), proptest::collection::vec(link, 0..6), Just(both))
            })
            .prop_map(|(hs, raw, both)| {
                let mut seen = HashSet::new();
                let links = raw
                    .into_iter()
                    .filter(|&(f, t, _, id)| f != t && seen.insert(id))
                    .map(|(f, t, rel, id)| {
                        let relation = ["answers", "agree"][rel];
                        link(&format!("l{id}"), &hs[f].id, &hs[t].id, relation, &hs[f].coder)
                    })
                    .collect();
                (hs, links, both)
            })
    }

    /// A link end by what it codes: start, end, tags, coder.
    type End = (usize, usize, Vec<String>, String);

    /// What a link says, its ends by what they code.
    fn said(l: &Link, highlights: &[Arc<Highlight>], both: bool) -> (String, Vec<End>) {
        let end = |id: &str| {
            let h = highlights.iter().find(|h| h.id == id).expect("every end is a highlight");
            (h.start.byte as usize, h.end.byte as usize, h.tags.clone(), h.coder.clone())
        };
        let mut ends = vec![end(&l.from), end(&l.to)];
        if both {
            ends.sort();
        }
        (format!("{} {} {}", l.relation, l.coder, l.note), ends)
    }

    proptest! {
        #[test]
        fn every_link_of_every_file_is_in_the_result(
            files in proptest::collection::vec(file(), 2..4),
        ) {
            let rels: Vec<Vec<Relation>> = files
                .iter()
                .map(|(_, _, both)| {
                    vec![relation("answers", RED, false), relation("agree", RED, *both)]
                })
                .collect();
            let sides: Vec<Side<'_>> = files
                .iter()
                .zip(&rels)
                .map(|((h, l, _), r)| Side { highlights: h, links: l, relations: r, ..Side::default() })
                .collect();
            let u = unite(&sides, None);
            let both = |name: &str| u.relations.iter().any(|r| r.name == name && r.both_ways);
            let out: HashSet<_> =
                u.links.iter().map(|l| said(l, &u.highlights, both(&l.relation))).collect();
            for (hs, links, _) in &files {
                for l in links {
                    let s = said(l, hs, both(&l.relation));
                    prop_assert!(out.contains(&s), "{l:?} is lost");
                }
            }
            let ids: HashSet<&str> = u.links.iter().map(|l| l.id.as_str()).collect();
            prop_assert_eq!(ids.len(), u.links.len(), "link ids unique");
            let hids: HashSet<&str> = u.highlights.iter().map(|h| h.id.as_str()).collect();
            prop_assert_eq!(hids.len(), u.highlights.len(), "highlight ids unique");
            for l in &u.links {
                prop_assert!(l.from != l.to && hids.contains(l.from.as_str()) && hids.contains(l.to.as_str()));
            }
            prop_assert!(u.links.windows(2).all(|w| w[0].id < w[1].id), "by id");
            prop_assert_eq!(u.unplaced_links, 0);
        }
    }
}

#[test]
fn tags_files_added_apart_in_one_colour_are_told_apart() {
    let first = [tag("x", RED, "")];
    let second = [tag("x", RED, ""), tag("hope", BLUE, "")];
    let third = [tag("x", RED, ""), tag("fear", BLUE, "")];
    let sides = [&first[..], &second, &third].map(|tags| Side { tags, ..Side::default() });
    let u = unite(&sides, None);
    let color = |name: &str| u.tags.iter().find(|t| t.name == name).expect("united").color;
    assert_eq!((color("x"), color("fear")), (RED, BLUE));
    assert_eq!(color("hope"), crate::model::annotations::PALETTE[0], "later by name");
    assert_eq!(u.tags_apart.len(), 1);
    assert!(u.tags_apart[0].to_string().contains("\"hope\" is now #4E79A7"), "{}", u.tags_apart[0]);
    // Whichever file is named first: the same colours.
    let sides = [&third[..], &second, &first].map(|tags| Side { tags, ..Side::default() });
    let back = unite(&sides, None);
    let again = |name: &str| back.tags.iter().find(|t| t.name == name).expect("united").color;
    assert_eq!(
        [again("x"), again("fear"), again("hope")],
        [color("x"), color("fear"), color("hope")]
    );
}
