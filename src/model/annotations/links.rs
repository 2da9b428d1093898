//! Links between passages: one highlight answers, rebuts, supports,
//! concedes to or cites another, under a relation from a small codebook of
//! its own.
//!
//! A link's ends are highlights, named by id, so a link follows its ends
//! wherever re-anchoring moves them. An end that was no highlight yet is made
//! one, untagged and without a note: it exists for its links, and goes with
//! the last of them. A highlight that goes (deleted, or its last tag taken
//! off) takes its links with it in the same undo step, so no link ever names
//! a highlight that is not there (see [`Annotations::with_consequences`]).

use std::collections::HashMap;
use std::sync::Arc;

use jiff::Timestamp;

use super::super::Conversation;
use super::ops::Target;
use super::{Annotations, Change, Edit, Highlight, PALETTE, Rgb, Stamp};

/// A kind of link, as a tag is a kind of passage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Relation {
    pub name: String,
    pub color: Rgb,
    /// Read the same from either end (`supports each other`), or from the
    /// first end to the second only (`answers`).
    pub both_ways: bool,
    pub description: String,
}

/// One passage linked to another.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// Stable identifier (a UUID).
    pub id: String,
    /// The highlight the link starts from (the answer, the rebuttal).
    pub from: String,
    /// The highlight it goes to (the question, what is rebutted).
    pub to: String,
    /// A name in the relations.
    pub relation: String,
    pub note: String,
    pub coder: String,
    pub created: Timestamp,
    pub modified: Timestamp,
}

impl Link {
    /// The other end's highlight id, seen from `end` (`None` if `end` is
    /// neither).
    pub fn other(&self, end: &str) -> Option<&str> {
        if self.from == end {
            Some(&self.to)
        } else if self.to == end {
            Some(&self.from)
        } else {
            None
        }
    }
}

const DEFAULTS: [(&str, &str); 5] = [
    ("answers", "Replies to a question or a point put to the speaker."),
    ("rebuts", "Argues against what the other passage claims."),
    ("supports", "Agrees with or adds evidence for the other passage."),
    ("concedes", "Grants a point the other passage made."),
    ("cites", "Refers to or quotes the other passage."),
];

/// The relations a file starts with: `answers`, `rebuts`, `supports`,
/// `concedes`, `cites`, all one-way.
pub fn default_relations() -> Vec<Relation> {
    DEFAULTS
        .iter()
        .enumerate()
        .map(|(i, (name, description))| Relation {
            name: (*name).to_owned(),
            // From the end of the palette, so the first tags and the first
            // relations do not share colours.
            color: PALETTE[PALETTE.len() - 1 - i],
            both_ways: false,
            description: (*description).to_owned(),
        })
        .collect()
}

/// The ids a new link needs: its own, and one for each end that is not a
/// highlight yet.
#[derive(Clone, Debug)]
pub struct LinkIds {
    pub link: String,
    pub from: String,
    pub to: String,
}

impl Annotations {
    pub fn relations(&self) -> &[Relation] {
        &self.relations
    }

    pub fn relation(&self, name: &str) -> Option<&Relation> {
        self.relations.iter().find(|r| r.name == name)
    }

    /// Every link, by id.
    pub fn links(&self) -> &[Arc<Link>] {
        &self.links
    }

    pub fn link(&self, id: &str) -> Option<&Arc<Link>> {
        self.links.binary_search_by(|l| l.id.as_str().cmp(id)).ok().map(|i| &self.links[i])
    }

    /// The links with highlight `id` at either end, by link id.
    pub fn links_of(&self, id: &str) -> impl Iterator<Item = &Arc<Link>> {
        self.ends.get(id).into_iter().flatten().map(|&i| &self.links[i])
    }

    /// Whether highlight `id` is an end of any link.
    pub fn is_linked(&self, id: &str) -> bool {
        self.ends.contains_key(id)
    }

    /// How many links use relation `name`.
    pub fn relation_count(&self, name: &str) -> usize {
        self.links.iter().filter(|l| l.relation == name).count()
    }

    /// Links `from` to `to` under `relation`: each end is the highlight
    /// covering exactly that span, or a new untagged one. `None` when the
    /// two ends are one passage, the relation is unknown, or the same link
    /// is already there.
    pub fn add_link(
        &self,
        doc: &Conversation,
        from: &Target,
        to: &Target,
        relation: &str,
        ids: &LinkIds,
        stamp: &Stamp,
    ) -> Option<Edit> {
        if self.relation(relation).is_none() || from == to {
            return None;
        }
        let mut changes = Vec::new();
        let mut end = |target: &Target, id: &str| match self.exact(target) {
            Some(h) => h.id.clone(),
            None => {
                let stamp = Stamp { id: id.to_owned(), ..stamp.clone() };
                let h = Self::new_highlight(doc, target, Vec::new(), String::new(), &stamp);
                changes.push(Change::Highlight { before: None, after: Some(Arc::new(h)) });
                id.to_owned()
            }
        };
        let (from_id, to_id) = (end(from, &ids.from), end(to, &ids.to));
        if from_id == to_id {
            return None;
        }
        let both = self.relation(relation).is_some_and(|r| r.both_ways);
        let already = self.links_of(&from_id).any(|l| {
            l.relation == relation
                && (l.to == to_id && l.from == from_id || both && l.other(&from_id) == Some(&to_id))
        });
        if already {
            return None;
        }
        changes.push(Change::Link {
            before: None,
            after: Some(Arc::new(Link {
                id: ids.link.clone(),
                from: from_id,
                to: to_id,
                relation: relation.to_owned(),
                note: String::new(),
                coder: stamp.coder.clone(),
                created: stamp.now,
                modified: stamp.now,
            })),
        });
        Some(Edit { label: format!("linked: {relation}"), changes })
    }

    /// Removes link `id`, and each end that existed only for links and has
    /// no other.
    pub fn remove_link(&self, id: &str) -> Edit {
        match self.link(id) {
            Some(link) => Edit {
                label: format!("unlinked: {}", link.relation),
                changes: self.remove_link_among(id, &[]),
            },
            None => Edit { label: "no such link".into(), changes: vec![] },
        }
    }

    /// Puts link `id` under `relation`, or reverses it (`from` and `to`
    /// swapped) when `reverse`.
    pub fn change_link(&self, id: &str, relation: &str, reverse: bool, now: Timestamp) -> Edit {
        let Some(link) = self.link(id) else {
            return Edit { label: "no such link".into(), changes: vec![] };
        };
        if self.relation(relation).is_none() || (link.relation == relation && !reverse) {
            return Edit { label: "link unchanged".into(), changes: vec![] };
        }
        let mut after = Link::clone(link);
        after.relation = relation.to_owned();
        if reverse {
            std::mem::swap(&mut after.from, &mut after.to);
        }
        after.modified = now;
        // Never two links saying the same of the same two passages.
        let both = self.relation(relation).is_some_and(|r| r.both_ways);
        let twin = self.links_of(&after.from).any(|l| {
            l.id != after.id
                && l.relation == after.relation
                && (l.from == after.from && l.to == after.to
                    || both && l.from == after.to && l.to == after.from)
        });
        if twin {
            return Edit {
                label: format!("these passages are already linked: {relation}"),
                changes: vec![],
            };
        }
        let label = if reverse { "link reversed".into() } else { format!("link: {relation}") };
        Edit {
            label,
            changes: vec![Change::Link {
                before: Some(Arc::clone(link)),
                after: Some(Arc::new(after)),
            }],
        }
    }

    /// Sets link `id`'s note.
    pub fn set_link_note(&self, id: &str, note: &str, now: Timestamp) -> Edit {
        let Some(link) = self.link(id).filter(|l| l.note != note) else {
            return Edit { label: "note unchanged".into(), changes: vec![] };
        };
        let mut after = Link::clone(link);
        after.note = note.to_owned();
        after.modified = now;
        Edit {
            label: "link note saved".into(),
            changes: vec![Change::Link {
                before: Some(Arc::clone(link)),
                after: Some(Arc::new(after)),
            }],
        }
    }

    /// Replaces the relation codebook with `relations`: a relation renamed
    /// (`renamed`: old name, new name) takes its links along; links under a
    /// relation that is gone are removed with it, as a tag deleted leaves
    /// its highlights untagged.
    pub fn set_relations(
        &self,
        relations: Vec<Relation>,
        renamed: Option<(&str, &str)>,
        now: Timestamp,
    ) -> Edit {
        if relations == self.relations && renamed.is_none() {
            return Edit { label: "relations unchanged".into(), changes: vec![] };
        }
        let mut edit = Edit {
            label: "relations changed".into(),
            changes: vec![Change::Relations { before: self.relations.clone(), after: relations }],
        };
        let Some(Change::Relations { after, .. }) = edit.changes.first() else { unreachable!() };
        let kept: Vec<String> = after.iter().map(|r| r.name.clone()).collect();
        let mut removed = Vec::new();
        for l in &self.links {
            match renamed {
                Some((old, new)) if l.relation == old => {
                    let mut after = Link::clone(l);
                    after.relation = new.to_owned();
                    after.modified = now;
                    edit.changes.push(Change::Link {
                        before: Some(Arc::clone(l)),
                        after: Some(Arc::new(after)),
                    });
                }
                _ if !kept.contains(&l.relation) => removed.push(l.id.clone()),
                _ => {}
            }
        }
        for id in removed {
            edit.changes.extend(self.remove_link_among(&id, &edit.changes));
        }
        edit
    }

    /// [`Self::remove_link`]'s changes, given changes already made in the
    /// same edit (so an end shared by two removed links goes once).
    fn remove_link_among(&self, id: &str, made: &[Change]) -> Vec<Change> {
        let removed_links: Vec<&str> = made
            .iter()
            .filter_map(|c| match c {
                Change::Link { before: Some(l), after: None } => Some(l.id.as_str()),
                _ => None,
            })
            .collect();
        let removed_highlight = |hid: &str| {
            made.iter().any(
                |c| matches!(c, Change::Highlight { before: Some(h), after: None } if h.id == hid),
            )
        };
        let Some(link) = self.link(id) else { return vec![] };
        let mut changes = vec![Change::Link { before: Some(Arc::clone(link)), after: None }];
        for end in [&link.from, &link.to] {
            let Some(h) = self.highlight(end) else { continue };
            let alone = self
                .links_of(end)
                .all(|l| l.id == link.id || removed_links.contains(&l.id.as_str()));
            if alone && link_only(h) && !removed_highlight(end) {
                changes.push(Change::Highlight { before: Some(Arc::clone(h)), after: None });
            }
        }
        changes
    }

    /// `edit` with what it entails for links: each highlight it removes
    /// takes its links along (and their ends that existed only for them),
    /// in the same step, so undoing it brings all of them back.
    pub(super) fn with_consequences(&self, mut edit: Edit) -> Edit {
        if self.links.is_empty() {
            return edit;
        }
        let gone: Vec<&str> = edit
            .changes
            .iter()
            .filter_map(|c| match c {
                Change::Highlight { before: Some(h), after: None } => Some(h.id.as_str()),
                _ => None,
            })
            .collect();
        let mut ids: Vec<String> = Vec::new();
        for id in gone {
            for l in self.links_of(id) {
                if !ids.contains(&l.id) {
                    ids.push(l.id.clone());
                }
            }
        }
        // Only a removal settles a link: one merely changed in the edit
        // would still name the highlight that goes.
        let already = |id: &str, changes: &[Change]| {
            changes
                .iter()
                .any(|c| matches!(c, Change::Link { before: Some(l), after: None } if l.id == id))
        };
        for id in ids {
            if !already(&id, &edit.changes) {
                let more = self.remove_link_among(&id, &edit.changes);
                edit.changes.extend(more);
            }
        }
        edit
    }

    /// Rebuilds the highlight → links index.
    pub(super) fn reindex_links(&mut self) {
        let mut ends: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, l) in self.links.iter().enumerate() {
            ends.entry(l.from.clone()).or_default().push(i);
            if l.to != l.from {
                ends.entry(l.to.clone()).or_default().push(i);
            }
        }
        self.ends = ends;
    }

    /// Applies one link change (forward or back).
    pub(super) fn change_link_entry(&mut self, from: Option<&Arc<Link>>, to: Option<&Arc<Link>>) {
        if let Some(old) = from
            && let Ok(i) = self.links.binary_search_by(|l| l.id.cmp(&old.id))
        {
            self.links.remove(i);
        }
        if let Some(new) = to {
            match self.links.binary_search_by(|l| l.id.cmp(&new.id)) {
                Ok(i) => self.links[i] = Arc::clone(new),
                Err(i) => self.links.insert(i, Arc::clone(new)),
            }
        }
    }
}

/// A highlight that exists only as a link's end: no tags, no note.
pub fn link_only(h: &Highlight) -> bool {
    h.tags.is_empty() && h.note.trim().is_empty()
}

#[cfg(test)]
#[path = "links_tests.rs"]
mod tests;
