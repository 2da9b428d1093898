//! Three-way merge of annotation sets: the version both sides started from
//! (`base`), ours, and theirs, matched by highlight id and by tag name.
//!
//! Per id: a side that left it as in `base` takes the other side's version
//! (a change, an addition or a deletion); both sides making the same change
//! agree; both changing it, each in parts the other left alone, keep both
//! changes (`super::combine`); both changing one part differently is a
//! [`Conflict`], left for the caller to [`resolve`](Merge::resolve). Pure, so the reader (a file
//! changed under it) and a git merge driver can share it.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::{Annotations, Change, Edit, Highlight, Link, Relation, Tag};

/// Something merged by a key: a highlight by id, a tag by name.
pub trait Keyed: PartialEq + Sized {
    fn key(&self) -> &str;
    /// Whether two versions say the same (by default: are equal).
    fn same(&self, other: &Self) -> bool {
        self == other
    }
    /// One version with the changes of both sides, where each changed
    /// parts the other left alone; `None` if they changed one part
    /// differently (by default: always).
    fn combine(_base: &Self, _ours: &Self, _theirs: &Self) -> Option<Self> {
        None
    }
    /// Of two versions that say the same, the one to keep (by default
    /// theirs; for a highlight the later saved, whichever side is ours).
    fn either(_ours: &Self, theirs: &Self) -> Self
    where
        Self: Clone,
    {
        theirs.clone()
    }
}

impl Keyed for Tag {
    fn key(&self) -> &str {
        &self.name
    }
    fn combine(base: &Self, ours: &Self, theirs: &Self) -> Option<Self> {
        super::combine::tag(base, ours, theirs)
    }
}

impl Keyed for Arc<Highlight> {
    fn key(&self) -> &str {
        &self.id
    }
    fn same(&self, other: &Self) -> bool {
        super::combine::same_highlight(self, other)
    }
    fn combine(base: &Self, ours: &Self, theirs: &Self) -> Option<Self> {
        super::combine::highlight(base, ours, theirs)
    }
    fn either(ours: &Self, theirs: &Self) -> Self {
        let later = super::combine::later_highlight(ours, theirs);
        if std::ptr::eq(later, &**ours) { Arc::clone(ours) } else { Arc::clone(theirs) }
    }
}

impl Keyed for Relation {
    fn key(&self) -> &str {
        &self.name
    }
}

impl Keyed for Arc<Link> {
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
pub fn merge_by_key<T: Keyed + Clone>(base: &[T], ours: &[T], theirs: &[T]) -> Merged<T> {
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
        let same = |a: &Option<T>, b: &Option<T>| match (a, b) {
            (Some(a), Some(b)) => a.same(b),
            (a, b) => a.is_none() && b.is_none(),
        };
        let clean = if same(&ov, &tv) {
            match (&ov, &tv) {
                (Some(o), Some(t)) => Some(Some(T::either(o, t))),
                _ => Some(None),
            }
        } else if same(&ov, &bv) {
            Some(tv.clone())
        } else if same(&tv, &bv) {
            Some(ov.clone())
        } else if let (Some(b), Some(o), Some(t)) = (&bv, &ov, &tv) {
            T::combine(b, o, t).map(Some)
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
#[derive(Clone, Copy, Debug, Default)]
pub struct Side<'a> {
    pub tags: &'a [Tag],
    pub highlights: &'a [Arc<Highlight>],
    pub relations: &'a [Relation],
    pub links: &'a [Arc<Link>],
}

impl<'a> From<&'a Annotations> for Side<'a> {
    fn from(a: &'a Annotations) -> Self {
        Self {
            tags: a.tags(),
            highlights: a.highlights(),
            relations: a.relations(),
            links: a.links(),
        }
    }
}

impl<'a> From<&'a super::Snapshot> for Side<'a> {
    fn from(s: &'a super::Snapshot) -> Self {
        Self { tags: &s.tags, highlights: &s.highlights, relations: &s.relations, links: &s.links }
    }
}

impl<'a> Side<'a> {
    fn part(self) -> super::renames::Part<'a, Tag, Arc<Highlight>> {
        (self.tags, self.highlights)
    }

    /// This side with other tags and highlights.
    fn with<'b>(self, (tags, highlights): &'b (Vec<Tag>, Vec<Arc<Highlight>>)) -> Side<'b>
    where
        'a: 'b,
    {
        Side { tags, highlights, ..self }
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
    pub relations: Merged<Relation>,
    pub links: Merged<Arc<Link>>,
    /// Every tag definition seen on any side, to restore one a kept
    /// highlight still uses (say we deleted a tag they just applied).
    known: Vec<Tag>,
    /// Every relation and highlight seen on any side, to restore one a
    /// kept link still uses.
    known_relations: Vec<Relation>,
    known_highlights: Vec<Arc<Highlight>>,
    /// Tags one side renamed (old, new): the other side's uses follow.
    pub tag_renames: Vec<(String, String)>,
}

/// A merge settled: what the annotations become.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Resolved {
    pub tags: Vec<Tag>,
    pub highlights: Vec<Arc<Highlight>>,
    pub relations: Vec<Relation>,
    pub links: Vec<Arc<Link>>,
}

/// Merges `ours` and `theirs`, both descended from `base`. A tag renamed
/// on one side is renamed on the other too, so uses of the old name made
/// there follow it (`annotations::renames`); [`Merge::tag_renames`] lists them.
pub fn merge(base: Side<'_>, ours: Side<'_>, theirs: Side<'_>) -> Merge {
    let renames = super::renames::to_follow(base.part(), ours.part(), theirs.part());
    if renames.is_empty() {
        return merge_three(base, ours, theirs);
    }
    let owned = |s: Side<'_>| (s.tags.to_vec(), s.highlights.to_vec());
    let (mut b, mut o, mut t) = (owned(base), owned(ours), owned(theirs));
    for (old, new, ours_made) in &renames {
        for (tags, uses) in [if *ours_made { &mut t } else { &mut o }, &mut b] {
            super::renames::follow(tags, uses, old, new);
        }
    }
    let mut m = merge_three(base.with(&b), ours.with(&o), theirs.with(&t));
    m.tag_renames = renames.into_iter().map(|(old, new, _)| (old, new)).collect();
    m
}

fn merge_three(base: Side<'_>, ours: Side<'_>, theirs: Side<'_>) -> Merge {
    let mut known: Vec<Tag> = Vec::new();
    for t in theirs.tags.iter().chain(ours.tags).chain(base.tags) {
        if !known.iter().any(|k| k.name == t.name) {
            known.push(t.clone());
        }
    }
    let mut known_relations: Vec<Relation> = Vec::new();
    for r in theirs.relations.iter().chain(ours.relations).chain(base.relations) {
        if !known_relations.iter().any(|k| k.name == r.name) {
            known_relations.push(r.clone());
        }
    }
    // Only link ends can need restoring: only they are gathered.
    let ends: HashSet<&str> = [base, ours, theirs]
        .iter()
        .flat_map(|s| s.links.iter())
        .flat_map(|l| [l.from.as_str(), l.to.as_str()])
        .collect();
    let mut known_highlights: Vec<Arc<Highlight>> = Vec::new();
    for h in theirs.highlights.iter().chain(ours.highlights).chain(base.highlights) {
        if ends.contains(h.id.as_str()) && !known_highlights.iter().any(|k| k.id == h.id) {
            known_highlights.push(Arc::clone(h));
        }
    }
    Merge {
        tags: merge_by_key(base.tags, ours.tags, theirs.tags),
        highlights: merge_by_key(base.highlights, ours.highlights, theirs.highlights),
        relations: merge_by_key(base.relations, ours.relations, theirs.relations),
        links: merge_by_key(base.links, ours.links, theirs.links),
        known,
        known_relations,
        known_highlights,
        tag_renames: Vec::new(),
    }
}

impl Merge {
    /// Whether both sides changed the same highlight or tag.
    pub fn has_conflicts(&self) -> bool {
        self.conflict_count() > 0
    }

    /// How many ids and names conflict.
    pub fn conflict_count(&self) -> usize {
        self.tags.conflicts.len()
            + self.highlights.conflicts.len()
            + self.relations.conflicts.len()
            + self.links.conflicts.len()
    }

    /// [`Self::resolve`] with relations and links: conflicts settled the
    /// same way (a link kept twice keeps ours under a new id), and every
    /// link whole — a relation or an end one side deleted comes back.
    pub fn resolve_all(&self, choice: Choice, mut new_id: impl FnMut() -> String) -> Resolved {
        let (tags, mut highlights) = self.resolve(choice, &mut new_id);
        let mut relations = self.relations.items.clone();
        for c in &self.relations.conflicts {
            relations.extend(match choice {
                Choice::Mine => c.ours.clone(),
                Choice::Theirs => c.theirs.clone(),
                Choice::Both => c.theirs.clone().or_else(|| c.ours.clone()),
            });
        }
        let mut links = self.links.items.clone();
        for c in &self.links.conflicts {
            match (choice, &c.ours, &c.theirs) {
                (Choice::Mine, ours, _) => links.extend(ours.clone()),
                (Choice::Theirs, _, theirs) => links.extend(theirs.clone()),
                (Choice::Both, Some(ours), Some(theirs)) => {
                    links.push(Arc::clone(theirs));
                    links.push(Arc::new(Link { id: new_id(), ..(**ours).clone() }));
                }
                (Choice::Both, ours, theirs) => {
                    links.extend(theirs.clone().or_else(|| ours.clone()));
                }
            }
        }
        for l in &links {
            if !relations.iter().any(|r| r.name == l.relation)
                && let Some(def) = self.known_relations.iter().find(|k| k.name == l.relation)
            {
                relations.push(def.clone());
            }
        }
        let mut present: HashSet<String> = highlights.iter().map(|h| h.id.clone()).collect();
        for l in &links {
            for end in [&l.from, &l.to] {
                if !present.contains(end)
                    && let Some(h) = self.known_highlights.iter().find(|h| &h.id == end)
                {
                    present.insert(end.clone());
                    highlights.push(Arc::clone(h));
                }
            }
        }
        // Only a damaged side could name an end no side has.
        links.retain(|l| present.contains(&l.from) && present.contains(&l.to));
        links.sort_by(|a, b| a.id.cmp(&b.id));
        Resolved { tags, highlights, relations, links }
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

    /// [`Self::edit_to`] with relations and links.
    pub fn edit_to_all(&self, label: &str, to: &Resolved) -> Edit {
        let mut edit = self.edit_to(label, to.tags.clone(), &to.highlights);
        if to.relations != self.relations {
            edit.changes.push(Change::Relations {
                before: self.relations.clone(),
                after: to.relations.clone(),
            });
        }
        let wanted: HashMap<&str, &Arc<Link>> =
            to.links.iter().map(|l| (l.id.as_str(), l)).collect();
        for l in &self.links {
            match wanted.get(l.id.as_str()) {
                Some(w) if **w == *l => {}
                Some(w) => edit
                    .changes
                    .push(Change::Link { before: Some(Arc::clone(l)), after: Some(Arc::clone(w)) }),
                None => {
                    edit.changes.push(Change::Link { before: Some(Arc::clone(l)), after: None })
                }
            }
        }
        for l in &to.links {
            if self.link(&l.id).is_none() {
                edit.changes.push(Change::Link { before: None, after: Some(Arc::clone(l)) });
            }
        }
        edit
    }
}

#[cfg(test)]
#[path = "merge_tests.rs"]
mod tests;
