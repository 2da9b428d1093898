//! Taking in a codebook: the union of the tags an annotation file has
//! ("mine") and the tags a codebook offers ("theirs"), matched by name.
//!
//! - A tag only theirs is **added**, at the end, in the codebook's order. It
//!   keeps its quick key if no tag has that key yet, and its colour if the
//!   codebook names one; else it takes the first palette colour not in use.
//! - A tag on both sides with the same colour and description is
//!   **unchanged**. What the codebook does not say does not differ: a
//!   codebook colour that was not given (a CSV without a colour column,
//!   Taguette's export) or an empty codebook description.
//! - Otherwise it is a **clash**, listed field by field. [`Prefer::Mine`]
//!   keeps mine; [`Prefer::Theirs`] takes their colour and description.
//!   Either way the tag keeps its place and its quick key.
//!
//! Pure: the edit is built by [`Annotations::import_tags`], undone as one
//! step like any other tag change.

use super::{Annotations, Change, Edit, PALETTE, Rgb, Tag};
use crate::model::count::count;

/// A tag as a codebook offers it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Offered {
    pub tag: Tag,
    /// Whether the codebook named the colour (else `tag.color` is only a
    /// stand-in, never a reason to clash).
    pub color_given: bool,
}

impl Offered {
    /// A tag whose colour the codebook named.
    pub fn colored(tag: Tag) -> Self {
        Self { tag, color_given: true }
    }
}

/// Which side wins a clash.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Prefer {
    #[default]
    Mine,
    Theirs,
}

/// The field two versions of a tag differ in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Color,
    Description,
    /// A relation's: one-way or both ways (tags have none).
    Direction,
}

impl Field {
    pub fn name(self) -> &'static str {
        match self {
            Field::Color => "colour",
            Field::Description => "description",
            Field::Direction => "direction",
        }
    }
}

/// One field of one tag, as each side has it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    pub field: Field,
    pub mine: String,
    pub theirs: String,
}

/// A tag both sides have, defined differently.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clash {
    pub name: String,
    pub differences: Vec<Difference>,
}

/// The merged tag set and what happened to each offered tag.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Union {
    pub tags: Vec<Tag>,
    /// Names, in the codebook's order.
    pub added: Vec<String>,
    pub unchanged: Vec<String>,
    pub clashes: Vec<Clash>,
}

/// The differences between `mine` and `theirs` (the same name), in field order.
fn differences(mine: &Tag, theirs: &Offered) -> Vec<Difference> {
    let mut out = Vec::new();
    if theirs.color_given && theirs.tag.color != mine.color {
        out.push(Difference {
            field: Field::Color,
            mine: mine.color.to_string(),
            theirs: theirs.tag.color.to_string(),
        });
    }
    if !theirs.tag.description.is_empty() && theirs.tag.description != mine.description {
        out.push(Difference {
            field: Field::Description,
            mine: mine.description.clone(),
            theirs: theirs.tag.description.clone(),
        });
    }
    out
}

/// Merges the codebook `theirs` into `mine` (see the module docs). A name
/// the codebook repeats counts once, as it first appears.
pub fn union(mine: &[Tag], theirs: &[Offered], prefer: Prefer) -> Union {
    let mut out = Union { tags: mine.to_vec(), ..Union::default() };
    for offered in theirs {
        let name = &offered.tag.name;
        if out.added.contains(name) {
            continue;
        }
        let Some(i) = mine.iter().position(|t| &t.name == name) else {
            let mut tag = offered.tag.clone();
            if tag.key.is_some_and(|k| out.tags.iter().any(|t| t.key == Some(k))) {
                tag.key = None;
            }
            if !offered.color_given {
                tag.color = free_color(&out.tags).unwrap_or(tag.color);
            }
            out.tags.push(tag);
            out.added.push(name.clone());
            continue;
        };
        let found = differences(&mine[i], offered);
        if found.is_empty() {
            if !out.unchanged.contains(name) && !out.clashes.iter().any(|c| &c.name == name) {
                out.unchanged.push(name.clone());
            }
            continue;
        }
        if out.unchanged.contains(name) || out.clashes.iter().any(|c| &c.name == name) {
            continue;
        }
        if prefer == Prefer::Theirs {
            for d in &found {
                match d.field {
                    Field::Color => out.tags[i].color = offered.tag.color,
                    Field::Description => {
                        out.tags[i].description.clone_from(&offered.tag.description);
                    }
                    Field::Direction => {}
                }
            }
        }
        out.clashes.push(Clash { name: name.clone(), differences: found });
    }
    out
}

/// The first palette colour no tag in `tags` uses.
fn free_color(tags: &[Tag]) -> Option<Rgb> {
    PALETTE.iter().copied().find(|c| !tags.iter().any(|t| t.color == *c))
}

impl Annotations {
    /// The edit that takes in the codebook `theirs` (one undo step; no
    /// changes if nothing is added or taken), and what it does.
    pub fn import_tags(&self, theirs: &[Offered], prefer: Prefer) -> (Edit, Union) {
        let merged = union(&self.tags, theirs, prefer);
        let mut changes = Vec::new();
        if merged.tags != self.tags {
            changes.push(Change::Tags { before: self.tags.clone(), after: merged.tags.clone() });
        }
        let label =
            format!("imported a codebook: {} added", count(merged.added.len(), "tag", "tags"));
        (Edit { label, changes }, merged)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(name: &str, color: Rgb, description: &str, key: Option<u8>) -> Tag {
        Tag { name: name.into(), color, description: description.into(), key }
    }

    const RED: Rgb = Rgb(0xFF, 0, 0);
    const BLUE: Rgb = Rgb(0, 0, 0xFF);

    fn mine() -> Vec<Tag> {
        vec![tag("risk", RED, "A risk", Some(1)), tag("trust", BLUE, "", Some(2))]
    }

    #[test]
    fn new_tags_are_added_at_the_end_and_identical_ones_left_alone() {
        let theirs = [
            Offered::colored(tag("risk", RED, "A risk", Some(5))),
            Offered::colored(tag("fear", BLUE, "Fear", Some(3))),
        ];
        let u = union(&mine(), &theirs, Prefer::Mine);
        assert_eq!(u.added, ["fear"]);
        assert_eq!(u.unchanged, ["risk"]);
        assert!(u.clashes.is_empty());
        let names: Vec<&str> = u.tags.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["risk", "trust", "fear"]);
        // Mine keeps its key; the new tag keeps a key nobody has.
        assert_eq!(u.tags[0].key, Some(1));
        assert_eq!(u.tags[2], tag("fear", BLUE, "Fear", Some(3)));
    }

    #[test]
    fn a_new_tag_gives_up_a_quick_key_already_taken() {
        let theirs = [
            Offered::colored(tag("fear", BLUE, "", Some(1))),
            Offered::colored(tag("hope", BLUE, "", Some(3))),
            Offered::colored(tag("hate", BLUE, "", Some(3))),
        ];
        let u = union(&mine(), &theirs, Prefer::Mine);
        let keys: Vec<Option<u8>> = u.tags.iter().map(|t| t.key).collect();
        assert_eq!(keys, [Some(1), Some(2), None, Some(3), None]);
    }

    #[test]
    fn clashes_list_each_differing_field_and_keep_mine_by_default() {
        let theirs = [Offered::colored(tag("risk", BLUE, "Any risk", None))];
        let u = union(&mine(), &theirs, Prefer::Mine);
        assert_eq!(u.tags, mine(), "mine kept");
        assert_eq!(
            u.clashes,
            [Clash {
                name: "risk".into(),
                differences: vec![
                    Difference {
                        field: Field::Color,
                        mine: "#FF0000".into(),
                        theirs: "#0000FF".into()
                    },
                    Difference {
                        field: Field::Description,
                        mine: "A risk".into(),
                        theirs: "Any risk".into()
                    },
                ],
            }]
        );
        assert!(u.added.is_empty() && u.unchanged.is_empty());
    }

    #[test]
    fn preferring_theirs_takes_colour_and_description_but_keeps_key_and_place() {
        let theirs = [
            Offered::colored(tag("trust", RED, "Who trusts whom", Some(7))),
            Offered::colored(tag("risk", RED, "Any risk", None)),
        ];
        let u = union(&mine(), &theirs, Prefer::Theirs);
        assert_eq!(
            u.tags,
            [tag("risk", RED, "Any risk", Some(1)), tag("trust", RED, "Who trusts whom", Some(2))]
        );
        let clashed: Vec<&str> = u.clashes.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(clashed, ["trust", "risk"]);
        assert_eq!(u.clashes[1].differences.len(), 1, "only the description differs");
    }

    #[test]
    fn what_the_codebook_does_not_say_is_no_clash() {
        // No colour given (a CSV without one), no description: nothing differs.
        let theirs = [
            Offered { tag: tag("risk", BLUE, "", None), color_given: false },
            Offered { tag: tag("trust", RED, "", None), color_given: false },
        ];
        for prefer in [Prefer::Mine, Prefer::Theirs] {
            let u = union(&mine(), &theirs, prefer);
            assert_eq!(u.tags, mine());
            assert_eq!(u.unchanged, ["risk", "trust"]);
            assert!(u.clashes.is_empty());
        }
    }

    #[test]
    fn a_new_tag_without_a_colour_takes_one_not_in_use() {
        let mut mine = mine();
        mine[0].color = PALETTE[0];
        let theirs = [
            Offered { tag: tag("fear", PALETTE[0], "", None), color_given: false },
            Offered { tag: tag("hope", PALETTE[0], "", None), color_given: false },
        ];
        let u = union(&mine, &theirs, Prefer::Mine);
        assert_eq!(u.tags[2].color, PALETTE[1]);
        assert_eq!(u.tags[3].color, PALETTE[2]);
    }

    #[test]
    fn a_name_repeated_in_the_codebook_counts_once() {
        let theirs = [
            Offered::colored(tag("fear", BLUE, "First", None)),
            Offered::colored(tag("fear", RED, "Second", None)),
            Offered::colored(tag("risk", BLUE, "", None)),
            Offered::colored(tag("risk", RED, "A risk", None)),
        ];
        let u = union(&mine(), &theirs, Prefer::Theirs);
        assert_eq!(u.added, ["fear"]);
        assert_eq!(u.tags[2].description, "First");
        assert_eq!(u.clashes.len(), 1);
        assert!(u.unchanged.is_empty(), "risk is counted once, as a clash");
        assert_eq!(u.tags[0].color, BLUE);
    }

    #[test]
    fn the_import_is_one_undoable_edit() {
        let a = Annotations::new("c".into(), mine());
        let theirs = [Offered::colored(tag("risk", RED, "A risk", None))];
        let (edit, u) = a.import_tags(&theirs, Prefer::Theirs);
        assert!(edit.changes.is_empty(), "nothing to change: {u:?}");

        let mut a = a;
        let theirs = [
            Offered::colored(tag("fear", BLUE, "Fear", None)),
            Offered::colored(tag("risk", BLUE, "", None)),
        ];
        let (edit, u) = a.import_tags(&theirs, Prefer::Theirs);
        assert_eq!(edit.changes.len(), 1);
        a.apply(edit);
        assert_eq!(a.tags(), u.tags.as_slice());
        assert_eq!(a.tag("risk").map(|t| t.color), Some(BLUE));
        a.undo();
        assert_eq!(a.tags(), mine().as_slice());
        a.redo();
        assert_eq!(a.tags().len(), 3);
    }
}
