//! The three-way merge of a file's relations and links (see
//! [`super::filemerge`]): relations by name, links by id, and then what
//! keeps the result whole — every link's ends and relation are there.
//!
//! A link changed differently on both sides is kept twice (theirs under a
//! fresh id), each with a note line saying whose it is; one deleted on one
//! side and changed on the other is kept. A highlight a kept link needs but
//! one side deleted comes back, tagged as a conflict like any highlight
//! deleted on one side and changed on the other: a link is a change to its
//! ends.

use std::collections::HashSet;

use super::file::{AnnotationFile, FileHighlight, FileLink, FileRelation};
use super::filemerge::Labels;
use super::merge::{Conflict, Keyed, merge_by_key};

impl Keyed for FileRelation {
    fn key(&self) -> &str {
        &self.name
    }
}

impl Keyed for FileLink {
    fn key(&self) -> &str {
        &self.id
    }
}

/// What merging the links gave.
pub(super) struct LinksMerged {
    pub relations: Vec<FileRelation>,
    pub links: Vec<FileLink>,
    /// Link ids kept twice, or kept though one side deleted them.
    pub link_conflicts: Vec<String>,
    pub relation_conflicts: Vec<Conflict<FileRelation>>,
    /// Highlights a kept link needs that a side deleted: to be put back.
    pub restored: Vec<FileHighlight>,
}

/// A file's relations as they read: none written means the defaults.
fn relations_of(file: &AnnotationFile) -> Vec<FileRelation> {
    if file.relations.is_empty() { default_file_relations() } else { file.relations.clone() }
}

fn default_file_relations() -> Vec<FileRelation> {
    super::default_relations().iter().map(FileRelation::from).collect()
}

pub(super) fn merge_links(
    base: &AnnotationFile,
    ours: &AnnotationFile,
    theirs: &AnnotationFile,
    highlights: &[FileHighlight],
    labels: &Labels,
) -> LinksMerged {
    let files = [ours, theirs, base];
    let relations = merge_by_key(&relations_of(base), &relations_of(ours), &relations_of(theirs));
    let mut merged_relations = relations.items;
    for c in &relations.conflicts {
        merged_relations.extend(c.ours.clone().or_else(|| c.theirs.clone()));
    }
    let links = merge_by_key(&base.links, &ours.links, &theirs.links);
    let mut merged = links.items;
    let mut ids: HashSet<String> = merged.iter().map(|l| l.id.clone()).collect();
    ids.extend(links.conflicts.iter().map(|c| c.key.clone()));
    let mut conflicted = Vec::new();
    for c in links.conflicts {
        conflicted.push(c.key.clone());
        match (c.ours, c.theirs) {
            (Some(o), Some(t)) => {
                merged
                    .push(noted(o, &Labels::side(&labels.ours, "ours", "the branch merged into")));
                let id = (0..)
                    .map(|round| super::unite::fresh_id(&t.id, 1, round))
                    .find(|id| !ids.contains(id))
                    .unwrap_or_default();
                ids.insert(id.clone());
                merged.push(noted(
                    FileLink { id, ..t },
                    &Labels::side(&labels.theirs, "theirs", "the branch merged in"),
                ));
            }
            (Some(o), None) => {
                merged.push(noted(o, &Labels::named(&labels.ours, "ours", "; theirs deleted it")))
            }
            (None, Some(t)) => {
                merged.push(noted(t, &Labels::named(&labels.theirs, "theirs", "; ours deleted it")))
            }
            (None, None) => {}
        }
    }
    // A relation a kept link uses but a side deleted comes back.
    for l in &merged {
        if !merged_relations.iter().any(|r| r.name == l.relation) {
            let known = files.iter().flat_map(|f| relations_of(f)).find(|r| r.name == l.relation);
            merged_relations.extend(known);
        }
    }
    // An end a kept link needs but a side deleted comes back.
    let mut present: HashSet<String> = highlights.iter().map(|h| h.id.clone()).collect();
    let mut restored = Vec::new();
    for l in &merged {
        for end in [&l.from, &l.to] {
            if present.contains(end) {
                continue;
            }
            let known = files.iter().flat_map(|f| f.highlights.iter()).find(|h| &h.id == end);
            if let Some(h) = known {
                present.insert(end.clone());
                let which = "kept for a link; a side deleted it";
                restored.push(super::filemerge::marked(h.clone(), which));
            }
        }
    }
    // A link whose end no side has (only a damaged file) cannot be whole.
    merged.retain(|l| present.contains(&l.from) && present.contains(&l.to));
    merged.sort_by(|a, b| a.id.cmp(&b.id));
    // Written as a file without links is: no relations if they are the defaults.
    if merged.is_empty() && merged_relations == default_file_relations() {
        merged_relations.clear();
    }
    LinksMerged {
        relations: merged_relations,
        links: merged,
        link_conflicts: conflicted,
        relation_conflicts: relations.conflicts,
        restored,
    }
}

/// `l` with a note line saying which version it is.
fn noted(mut l: FileLink, which: &str) -> FileLink {
    if !l.note.is_empty() {
        l.note.push('\n');
    }
    l.note.push_str(&format!("[merge conflict: this is {which}]"));
    l
}
