//! The exchange matrix: who links to whom. For each relation of the links'
//! codebook, in its order, a contributor × contributor table of how many
//! links go from a passage of one contributor (the row: the `from` end, the
//! answer, the rebuttal) to a passage of another (the column: the `to` end,
//! what is answered or rebutted).
//!
//! - A **both-ways** relation reads the same from either end, so one of its
//!   links counts in both cells, `[a][b]` and `[b][a]`: its table is
//!   symmetric and its cells add up to more than its links. A link between
//!   two passages of one contributor counts once, on the diagonal.
//!   [`Exchange::links`] counts every link once whatever its relation.
//! - A link with an end **not found in the text** (an orphaned highlight)
//!   still counts: the highlight keeps the contributor whose section it was
//!   in, and that is the end's voice. [`Exchanges::orphaned`] says how many
//!   links have such an end.
//!
//! Pure: a function of the conversation's voices and the annotations.

use super::Conversation;
use super::annotations::Annotations;

/// The name of the table that adds up every relation.
pub const ALL_RELATIONS: &str = "(all relations)";

/// One relation's table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exchange {
    pub relation: String,
    pub both_ways: bool,
    /// Links under the relation, each once.
    pub links: usize,
    /// `cells[from voice][to voice]`.
    pub cells: Vec<Vec<usize>>,
}

impl Exchange {
    fn empty(relation: &str, both_ways: bool, voices: usize) -> Self {
        Self {
            relation: relation.to_owned(),
            both_ways,
            links: 0,
            cells: vec![vec![0; voices]; voices],
        }
    }

    /// What row `from` adds up to (links out of that contributor's passages).
    pub fn row_total(&self, from: usize) -> usize {
        self.cells.get(from).map_or(0, |r| r.iter().sum())
    }

    /// What column `to` adds up to (links into that contributor's passages).
    pub fn column_total(&self, to: usize) -> usize {
        self.cells.iter().filter_map(|r| r.get(to)).sum()
    }

    /// Every cell added up: the links, with a both-ways link between two
    /// contributors counted twice.
    pub fn total(&self) -> usize {
        self.cells.iter().flatten().sum()
    }
}

/// Every relation's table, and their sum.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exchanges {
    /// One per relation, in the codebook's order (unused ones included).
    pub relations: Vec<Exchange>,
    /// The relations' tables added up, named [`ALL_RELATIONS`].
    pub all: Exchange,
    /// Links with an end not found in the text (counted all the same).
    pub orphaned: usize,
}

impl Exchanges {
    /// The tables for `annotations`' links over `doc`'s voices. A link whose
    /// end or relation is missing, or whose end's voice is not one of
    /// `doc`'s, cannot be placed and is left out (loading never lets one
    /// through).
    pub fn of(doc: &Conversation, annotations: &Annotations) -> Self {
        let voices = doc.voices().len();
        let mut relations: Vec<Exchange> = annotations
            .relations()
            .iter()
            .map(|r| Exchange::empty(&r.name, r.both_ways, voices))
            .collect();
        let mut all = Exchange::empty(ALL_RELATIONS, false, voices);
        let mut orphaned = 0;
        for link in annotations.links() {
            let (Some(from), Some(to)) =
                (annotations.highlight(&link.from), annotations.highlight(&link.to))
            else {
                continue;
            };
            let Some(table) = relations.iter_mut().find(|r| r.relation == link.relation) else {
                continue;
            };
            let (a, b) = (from.voice, to.voice);
            if a >= voices || b >= voices {
                continue;
            }
            table.links += 1;
            all.links += 1;
            table.cells[a][b] += 1;
            all.cells[a][b] += 1;
            if table.both_ways && a != b {
                table.cells[b][a] += 1;
                all.cells[b][a] += 1;
            }
            if from.orphan || to.orphan {
                orphaned += 1;
            }
        }
        Self { relations, all, orphaned }
    }

    /// Links counted, each once.
    pub fn links(&self) -> usize {
        self.all.links
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Pos;
    use crate::model::annotations::{Highlight, Link, Relation, Rgb, default_relations};

    fn doc() -> Conversation {
        crate::model::testing::conversation(&[
            &["Should the U.S. ban TikTok?"],
            &["A ban treats the symptom."],
            &["Ku’s point is well taken 👩‍💻."],
        ])
    }

    fn hl(id: &str, voice: usize, orphan: bool) -> Highlight {
        Highlight {
            id: id.into(),
            voice,
            start: Pos::new(0, 0),
            end: Pos::new(0, 3),
            orphan,
            quote: Default::default(),
            tags: vec![],
            note: String::new(),
            coder: "c".into(),
            created: jiff::Timestamp::UNIX_EPOCH,
            modified: jiff::Timestamp::UNIX_EPOCH,
        }
    }

    fn link(id: &str, from: &str, to: &str, relation: &str) -> Link {
        Link {
            id: id.into(),
            from: from.into(),
            to: to.into(),
            relation: relation.into(),
            note: String::new(),
            coder: "c".into(),
            created: jiff::Timestamp::UNIX_EPOCH,
            modified: jiff::Timestamp::UNIX_EPOCH,
        }
    }

    fn relations() -> Vec<Relation> {
        let mut rs = default_relations();
        rs.push(Relation {
            name: "agree".into(),
            color: Rgb(0, 0x80, 0),
            both_ways: true,
            description: String::new(),
        });
        rs
    }

    fn annotations(highlights: Vec<Highlight>, links: Vec<Link>) -> Annotations {
        Annotations::from_parts_linked("t".into(), vec![], highlights, relations(), links)
    }

    #[test]
    fn one_way_links_count_from_row_to_column_in_codebook_order() {
        let d = doc();
        let a = annotations(
            vec![hl("q", 0, false), hl("k", 1, false), hl("m", 2, false), hl("k2", 1, false)],
            vec![
                link("1", "k", "q", "answers"),
                link("2", "m", "k", "rebuts"),
                link("3", "k2", "q", "answers"),
                link("4", "k2", "k", "cites"),
            ],
        );
        let x = Exchanges::of(&d, &a);
        let names: Vec<&str> = x.relations.iter().map(|r| r.relation.as_str()).collect();
        assert_eq!(names, ["answers", "rebuts", "supports", "concedes", "cites", "agree"]);
        let answers = &x.relations[0];
        assert_eq!(answers.cells, [[0, 0, 0], [2, 0, 0], [0, 0, 0]]);
        assert_eq!((answers.links, answers.total()), (2, 2));
        assert_eq!((answers.row_total(1), answers.column_total(0)), (2, 2));
        assert_eq!(x.relations[1].cells[2][1], 1);
        assert_eq!(x.relations[4].cells[1][1], 1, "a contributor citing themself: the diagonal");
        assert_eq!(x.relations[2], Exchange::empty("supports", false, 3));
        assert_eq!(x.all.cells, [[0, 0, 0], [2, 1, 0], [0, 1, 0]]);
        assert_eq!((x.links(), x.all.total(), x.orphaned), (4, 4, 0));
    }

    #[test]
    fn a_both_ways_link_counts_in_both_cells_and_once_on_the_diagonal() {
        let d = doc();
        let a = annotations(
            vec![hl("q", 0, false), hl("k", 1, false), hl("k2", 1, false)],
            vec![link("1", "q", "k", "agree"), link("2", "k", "k2", "agree")],
        );
        let x = Exchanges::of(&d, &a);
        let agree = &x.relations[5];
        assert!(agree.both_ways);
        assert_eq!(agree.cells, [[0, 1, 0], [1, 1, 0], [0, 0, 0]]);
        assert_eq!((agree.links, agree.total()), (2, 3));
        assert_eq!((x.all.links, x.all.total()), (2, 3));
        assert_eq!(agree.row_total(0), agree.column_total(0));
    }

    #[test]
    fn an_orphaned_end_counts_under_the_voice_it_was_in() {
        let d = doc();
        let a = annotations(
            vec![hl("q", 0, true), hl("k", 1, false)],
            vec![link("1", "k", "q", "answers")],
        );
        let x = Exchanges::of(&d, &a);
        assert_eq!(x.relations[0].cells[1][0], 1);
        assert_eq!(x.orphaned, 1);
    }

    #[test]
    fn no_links_no_counts() {
        let d = doc();
        let a = annotations(vec![hl("q", 0, false)], vec![]);
        let x = Exchanges::of(&d, &a);
        assert_eq!(x.links(), 0);
        assert!(x.relations.iter().all(|r| r.total() == 0 && r.cells.len() == 3));
    }

    #[test]
    fn a_link_that_cannot_be_placed_is_left_out_without_a_panic() {
        // Built by hand past the loader's checks: an end that is no
        // highlight, a voice the conversation lacks, an unknown relation.
        let d = doc();
        let a = annotations(
            vec![hl("q", 0, false), hl("far", 7, false)],
            vec![
                link("1", "q", "gone", "answers"),
                link("2", "q", "far", "answers"),
                link("3", "far", "q", "nonesuch"),
            ],
        );
        assert_eq!(Exchanges::of(&d, &a).links(), 0);
    }
}
