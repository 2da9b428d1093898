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
