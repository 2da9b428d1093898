//! Uniting coders' annotation files (`crosstalk merge A B …`): a plain
//! union, not a three-way merge.
//!
//! - Every highlight keeps its coder.
//! - Highlights that are the same coding — same voice, span (or, for an
//!   orphan, quote), tags (in any order), coder and note — appear once,
//!   whatever their ids: the first file's copy is kept.
//! - Highlights that share an id but differ are all kept: a later one gets a
//!   fresh id, derived (UUID v5) from its old id and its file's index, so
//!   uniting the same files again gives the same ids.
//! - Tags are united by name as a codebook is taken in ([`super::union`]): a
//!   new name is added, a clash (same name, other colour or description) is
//!   listed; the first file to define a tag wins, unless the `preferred`
//!   file defines it too.
//!
//! Cost: one hash lookup per highlight (by id and by coding), so two files
//! of 100,000 highlights each unite in well under a second.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::merge::Side;
use super::union::{Clash, Offered, Prefer, union};
use super::{Highlight, Tag};
use crate::model::voicetext::Pos;

/// A highlight given a fresh id because another file used its id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Renamed {
    /// Index of the file it came from.
    pub file: usize,
    pub old: String,
    pub new: String,
}

/// The tag clashes one file brought.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileClashes {
    pub file: usize,
    /// Whether this file's definitions won (it is the preferred file).
    pub taken: bool,
    pub clashes: Vec<Clash>,
}

/// The united tags and highlights, and what the union did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct United {
    pub tags: Vec<Tag>,
    pub highlights: Vec<Arc<Highlight>>,
    /// Highlights left out as copies of one already there, per file.
    pub duplicates: Vec<usize>,
    pub renamed: Vec<Renamed>,
    /// Tags other files added, by name, in order.
    pub added_tags: Vec<String>,
    pub clashes: Vec<FileClashes>,
}

/// What makes two highlights the same coding.
#[derive(PartialEq, Eq, Hash)]
struct Coding<'a> {
    orphan: bool,
    voice: usize,
    start: Pos,
    end: Pos,
    /// The quote only tells orphans apart (a live highlight's quote is the
    /// text at its span).
    quote: &'a str,
    tags: Vec<&'a str>,
    coder: &'a str,
    note: &'a str,
}

impl<'a> Coding<'a> {
    fn of(h: &'a Highlight) -> Self {
        let mut tags: Vec<&str> = h.tags.iter().map(String::as_str).collect();
        tags.sort_unstable();
        Self {
            orphan: h.orphan,
            voice: h.voice,
            start: h.start,
            end: h.end,
            quote: if h.orphan { &h.quote.exact } else { "" },
            tags,
            coder: &h.coder,
            note: &h.note,
        }
    }
}

/// A fresh id for `old` from file `file`: UUID v5, deterministic; `round`
/// counts tries (another highlight may already have the first one).
pub fn fresh_id(old: &str, file: usize, round: usize) -> String {
    let namespace = uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, b"crosstalk:merge");
    let name = format!("{old}\u{1f}{file}\u{1f}{round}");
    uuid::Uuid::new_v5(&namespace, name.as_bytes()).to_string()
}

/// Unites `files` (see the module docs); `preferred` is the index of the
/// file whose tag definitions win clashes, if any.
pub fn unite(files: &[Side<'_>], preferred: Option<usize>) -> United {
    let mut out = United { duplicates: vec![0; files.len()], ..United::default() };
    if let Some(first) = files.first() {
        out.tags = first.tags.to_vec();
    }
    for (i, file) in files.iter().enumerate().skip(1) {
        let offered: Vec<Offered> = file.tags.iter().cloned().map(Offered::colored).collect();
        let taken = preferred == Some(i);
        let prefer = if taken { Prefer::Theirs } else { Prefer::Mine };
        let u = union(&out.tags, &offered, prefer);
        out.tags = u.tags;
        out.added_tags.extend(u.added);
        if !u.clashes.is_empty() {
            out.clashes.push(FileClashes { file: i, taken, clashes: u.clashes });
        }
    }
    let total = files.iter().map(|f| f.highlights.len()).sum();
    let mut seen: HashSet<Coding<'_>> = HashSet::with_capacity(total);
    let mut ids: HashMap<&str, ()> = HashMap::with_capacity(total);
    let mut kept: Vec<(usize, &Arc<Highlight>)> = Vec::with_capacity(total);
    for (i, file) in files.iter().enumerate() {
        for h in file.highlights {
            if !seen.insert(Coding::of(h)) {
                out.duplicates[i] += 1;
                continue;
            }
            kept.push((i, h));
        }
    }
    // Ids: every kept highlight keeps its own unless an earlier one has it.
    let mut renames: Vec<Option<String>> = vec![None; kept.len()];
    for (k, (_, h)) in kept.iter().enumerate() {
        if ids.insert(&h.id, ()).is_some() {
            renames[k] = Some(String::new());
        }
    }
    let mut taken_ids: HashSet<String> = HashSet::new();
    out.highlights = Vec::with_capacity(kept.len());
    for ((file, h), rename) in kept.into_iter().zip(renames) {
        if rename.is_none() {
            out.highlights.push(Arc::clone(h));
            continue;
        }
        let new = (0..)
            .map(|round| fresh_id(&h.id, file, round))
            .find(|id| !ids.contains_key(id.as_str()) && !taken_ids.contains(id))
            .unwrap_or_default();
        taken_ids.insert(new.clone());
        out.renamed.push(Renamed { file, old: h.id.clone(), new: new.clone() });
        out.highlights.push(Arc::new(Highlight { id: new, ..(**h).clone() }));
    }
    out
}

#[cfg(test)]
#[path = "unite_tests.rs"]
mod tests;
