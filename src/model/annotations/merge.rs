//! Three-way merge of annotation sets: the version both sides started from
//! (`base`), ours, and theirs, matched by highlight id and by tag name.
//!
//! Per id: a side that left it as in `base` takes the other side's version
//! (a change, an addition or a deletion); both sides making the same change
//! agree; both changing it differently is a [`Conflict`], left for the
//! caller to [`resolve`](Merge::resolve). Pure, so the reader (a file
//! changed under it) and a git merge driver can share it.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::{Annotations, Change, Edit, Highlight, Tag};

/// Something merged by a key: a highlight by id, a tag by name.
pub trait Keyed {
    fn key(&self) -> &str;
}

impl Keyed for Tag {
    fn key(&self) -> &str {
        &self.name
    }
}

impl Keyed for Arc<Highlight> {
    fn key(&self) -> &str {
        &self.id
    }
}

/// One key changed differently on both sides (`None`: absent or deleted).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict<T> {
    pub key: String,
    pub base: Option<T>,
    pub ours: Option<T>,
    pub theirs: Option<T>,
}

/// The merge of one kind of item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Merged<T> {
    /// Every item that merged cleanly: theirs' order, then what only we added.
    pub items: Vec<T>,
    pub conflicts: Vec<Conflict<T>>,
}

/// Merges three versions of a list of keyed items (keys unique per list).
pub fn merge_by_key<T: Keyed + Clone + PartialEq>(
    base: &[T],
    ours: &[T],
    theirs: &[T],
) -> Merged<T> {
    let index = |list: &[T]| -> HashMap<String, usize> {
        list.iter().enumerate().map(|(i, t)| (t.key().to_owned(), i)).collect()
    };
    let (b, o, t) = (index(base), index(ours), index(theirs));
    let mut merged = Merged { items: Vec::new(), conflicts: Vec::new() };
    let mut done = HashSet::new();
    for key in theirs.iter().chain(ours).chain(base).map(Keyed::key) {
        if !done.insert(key) {
            continue;
        }
        let get = |ix: &HashMap<String, usize>, list: &[T]| ix.get(key).map(|&i| list[i].clone());
        let (bv, ov, tv) = (get(&b, base), get(&o, ours), get(&t, theirs));
        let clean = if ov == tv || ov == bv {
            Some(tv.clone())
        } else if tv == bv {
            Some(ov.clone())
        } else {
            None
        };
        match clean {
            Some(item) => merged.items.extend(item),
            None => merged.conflicts.push(Conflict {
                key: key.to_owned(),
                base: bv,
                ours: ov,
                theirs: tv,
            }),
        }
    }
    merged
}

/// One side of a merge: its tags and highlights.
#[derive(Clone, Copy, Debug)]
pub struct Side<'a> {
    pub tags: &'a [Tag],
    pub highlights: &'a [Arc<Highlight>],
}

impl<'a> From<&'a Annotations> for Side<'a> {
    fn from(a: &'a Annotations) -> Self {
        Self { tags: a.tags(), highlights: a.highlights() }
    }
}

impl<'a> From<&'a super::Snapshot> for Side<'a> {
    fn from(s: &'a super::Snapshot) -> Self {
        Self { tags: &s.tags, highlights: &s.highlights }
    }
}

/// How to settle the conflicts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    Theirs,
    Mine,
    /// Keep both versions of a highlight (ours under a new id); a deletion
    /// loses to the other side's change; a tag takes theirs.
    Both,
}

/// The three-way merge of tags and highlights.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Merge {
    pub tags: Merged<Tag>,
    pub highlights: Merged<Arc<Highlight>>,
    /// Every tag definition seen on any side, to restore one a kept
    /// highlight still uses (say we deleted a tag they just applied).
    known: Vec<Tag>,
}

/// Merges `ours` and `theirs`, both descended from `base`.
pub fn merge(base: Side<'_>, ours: Side<'_>, theirs: Side<'_>) -> Merge {
    let mut known: Vec<Tag> = Vec::new();
    for t in theirs.tags.iter().chain(ours.tags).chain(base.tags) {
        if !known.iter().any(|k| k.name == t.name) {
            known.push(t.clone());
        }
    }
    Merge {
        tags: merge_by_key(base.tags, ours.tags, theirs.tags),
        highlights: merge_by_key(base.highlights, ours.highlights, theirs.highlights),
        known,
    }
}

impl Merge {
    /// Whether both sides changed the same highlight or tag.
    pub fn has_conflicts(&self) -> bool {
        !self.tags.conflicts.is_empty() || !self.highlights.conflicts.is_empty()
    }

    /// How many ids and names conflict.
    pub fn conflict_count(&self) -> usize {
        self.tags.conflicts.len() + self.highlights.conflicts.len()
    }

    /// The merged tags and highlights, conflicts settled by `choice`;
    /// `new_id` names the copy of ours that [`Choice::Both`] keeps. Every tag
    /// a highlight uses is defined.
    pub fn resolve(
        &self,
        choice: Choice,
        mut new_id: impl FnMut() -> String,
    ) -> (Vec<Tag>, Vec<Arc<Highlight>>) {
        let mut tags = self.tags.items.clone();
        for c in &self.tags.conflicts {
            let pick = match choice {
                Choice::Mine => c.ours.clone(),
                Choice::Theirs => c.theirs.clone(),
                Choice::Both => c.theirs.clone().or_else(|| c.ours.clone()),
            };
            tags.extend(pick);
        }
        let mut highlights = self.highlights.items.clone();
        for c in &self.highlights.conflicts {
            match (choice, &c.ours, &c.theirs) {
                (Choice::Mine, ours, _) => highlights.extend(ours.clone()),
                (Choice::Theirs, _, theirs) => highlights.extend(theirs.clone()),
                (Choice::Both, Some(ours), Some(theirs)) => {
                    highlights.push(Arc::clone(theirs));
                    highlights.push(Arc::new(Highlight { id: new_id(), ..(**ours).clone() }));
                }
                (Choice::Both, ours, theirs) => {
                    highlights.extend(theirs.clone().or_else(|| ours.clone()));
                }
            }
        }
        for h in &highlights {
            for name in &h.tags {
                if !tags.iter().any(|t| &t.name == name)
                    && let Some(def) = self.known.iter().find(|k| &k.name == name)
                {
                    tags.push(def.clone());
                }
            }
        }
        (tags, highlights)
    }
}

impl Annotations {
    /// The edit that turns these annotations into `tags` and `highlights`
    /// (one undoable step), e.g. to take in a merge.
    pub fn edit_to(&self, label: &str, tags: Vec<Tag>, highlights: &[Arc<Highlight>]) -> Edit {
        let mut changes = Vec::new();
        if tags != self.tags {
            changes.push(Change::Tags { before: self.tags.clone(), after: tags });
        }
        let wanted: HashMap<&str, &Arc<Highlight>> =
            highlights.iter().map(|h| (h.id.as_str(), h)).collect();
        for h in &self.highlights {
            match wanted.get(h.id.as_str()) {
                Some(w) if **w == *h => {}
                Some(w) => changes.push(Change::Highlight {
                    before: Some(Arc::clone(h)),
                    after: Some(Arc::clone(w)),
                }),
                None => {
                    changes.push(Change::Highlight { before: Some(Arc::clone(h)), after: None })
                }
            }
        }
        let have: HashSet<&str> = self.highlights.iter().map(|h| h.id.as_str()).collect();
        for h in highlights {
            if !have.contains(h.id.as_str()) {
                changes.push(Change::Highlight { before: None, after: Some(Arc::clone(h)) });
            }
        }
        Edit { label: label.to_owned(), changes }
    }
}

#[cfg(test)]
#[path = "merge_tests.rs"]
mod tests;
