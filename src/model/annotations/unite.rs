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
//! - Relations (the links' codebook) are united by name the same way: a new
//!   one added, a clash (other colour, description or direction) listed,
//!   the first definition winning unless the `preferred` file has one.
//! - Links follow their ends: an end that was left out as a copy of an
//!   earlier highlight becomes that highlight, an end given a fresh id takes
//!   the new id, so every link's ends are highlights of the result. Links
//!   that are then the same — same ends (in either order for a both-ways
//!   relation), relation, coder and note — appear once, whatever their ids;
//!   links that share an id but differ are all kept, a later one under a
//!   fresh id, as highlights are. Two highlights of one file that are the
//!   same coding but joined by a link of that file are both kept (a link
//!   never joins a highlight to itself).
//!
//! Cost: one hash lookup per highlight (by id and by coding), so two files
//! of 100,000 highlights each unite in well under a second.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::merge::Side;
use super::union::{Clash, Difference, Field, Offered, Prefer, union};
use super::{Highlight, Link, Relation, Tag};
use crate::model::voicetext::Pos;

/// A highlight (or link) given a fresh id because another file used its id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Renamed {
    /// Index of the file it came from.
    pub file: usize,
    pub old: String,
    pub new: String,
}

/// The tag (or relation) clashes one file brought.
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
    /// Tags files added apart in one colour or with one quick key, and
    /// what was changed to tell them apart (`annotations::apart`).
    pub tags_apart: Vec<super::apart::Apart>,
    pub clashes: Vec<FileClashes>,
    pub relations: Vec<Relation>,
    /// By id.
    pub links: Vec<Arc<Link>>,
    /// Links left out as copies of one already there, per file.
    pub link_duplicates: Vec<usize>,
    /// Links given a fresh id because another link had theirs.
    pub renamed_links: Vec<Renamed>,
    /// Relations other files added, by name, in order.
    pub added_relations: Vec<String>,
    pub relation_clashes: Vec<FileClashes>,
    /// Highlights kept though the same coding is already there, because a
    /// link of their file joins them to it.
    pub kept_apart: usize,
    /// Links left out because an end is no highlight of their file, or
    /// both ends are one (only a file that was never loaded can have one).
    pub unplaced_links: usize,
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
/// file whose tag and relation definitions win clashes, if any.
pub fn unite(files: &[Side<'_>], preferred: Option<usize>) -> United {
    let mut out = United {
        duplicates: vec![0; files.len()],
        link_duplicates: vec![0; files.len()],
        ..United::default()
    };
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
    // No file is the base: which is named first decides nothing here.
    let sides: Vec<&[Tag]> = files.iter().map(|f| f.tags).collect();
    out.tags_apart = super::apart::keep_apart(&mut out.tags, &sides, &[]);
    unite_relations(files, preferred, &mut out);
    let total = files.iter().map(|f| f.highlights.len()).sum();
    let mut seen: HashMap<Coding<'_>, usize> = HashMap::with_capacity(total);
    let mut ids: HashMap<&str, ()> = HashMap::with_capacity(total);
    let mut kept: Vec<(usize, &Arc<Highlight>)> = Vec::with_capacity(total);
    // Per file, per highlight: its index in `kept` (its own, or the copy's).
    let mut alias: Vec<Vec<usize>> = Vec::with_capacity(files.len());
    for (i, file) in files.iter().enumerate() {
        let mut of_file = Vec::with_capacity(file.highlights.len());
        for h in file.highlights {
            match seen.entry(Coding::of(h)) {
                std::collections::hash_map::Entry::Occupied(e) => {
                    out.duplicates[i] += 1;
                    of_file.push(*e.get());
                }
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(kept.len());
                    of_file.push(kept.len());
                    kept.push((i, h));
                }
            }
        }
        alias.push(of_file);
    }
    // Each file's highlights by id, for its links' ends (only where there are links).
    let by_id: Vec<HashMap<&str, usize>> = files
        .iter()
        .map(|f| {
            if f.links.is_empty() {
                HashMap::new()
            } else {
                f.highlights.iter().enumerate().map(|(k, h)| (h.id.as_str(), k)).collect()
            }
        })
        .collect();
    // A link of a file whose two ends are one coding: the end that is not
    // the kept copy is kept too, so the link still joins two highlights.
    for (i, file) in files.iter().enumerate() {
        for l in file.links {
            let (Some(&f), Some(&t)) = (by_id[i].get(l.from.as_str()), by_id[i].get(l.to.as_str()))
            else {
                continue;
            };
            if f == t || alias[i][f] != alias[i][t] {
                continue;
            }
            let is_kept = |k: usize| Arc::ptr_eq(kept[alias[i][k]].1, &file.highlights[k]);
            let apart = if is_kept(t) { f } else { t };
            alias[i][apart] = kept.len();
            kept.push((i, &file.highlights[apart]));
            out.duplicates[i] = out.duplicates[i].saturating_sub(1);
            out.kept_apart += 1;
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
    unite_links(files, &by_id, &alias, &mut out);
    out
}

/// What makes two links the same, their ends as they are in the result.
#[derive(PartialEq, Eq, Hash)]
struct Linking<'a> {
    ends: (usize, usize),
    relation: &'a str,
    coder: &'a str,
    note: &'a str,
}

/// The links of `files`, their ends as united (`alias`: per file, per
/// highlight, its index in `out.highlights`), into `out`.
fn unite_links<'a>(
    files: &[Side<'a>],
    by_id: &[HashMap<&str, usize>],
    alias: &[Vec<usize>],
    out: &mut United,
) {
    let both: HashSet<&str> =
        out.relations.iter().filter(|r| r.both_ways).map(|r| r.name.as_str()).collect();
    let total = files.iter().map(|f| f.links.len()).sum();
    let mut seen: HashSet<Linking<'a>> = HashSet::with_capacity(total);
    let mut kept: Vec<(usize, &'a Arc<Link>, usize, usize)> = Vec::with_capacity(total);
    let mut unplaced = 0;
    for (i, file) in files.iter().enumerate() {
        for l in file.links {
            let end = |id: &str| by_id[i].get(id).and_then(|&k| alias[i].get(k)).copied();
            let (Some(from), Some(to)) = (end(&l.from), end(&l.to)) else {
                unplaced += 1;
                continue;
            };
            // Only a damaged file links a highlight to itself.
            if from == to {
                unplaced += 1;
                continue;
            }
            let ends = if both.contains(l.relation.as_str()) {
                (from.min(to), from.max(to))
            } else {
                (from, to)
            };
            let key = Linking { ends, relation: &l.relation, coder: &l.coder, note: &l.note };
            if seen.insert(key) {
                kept.push((i, l, from, to));
            } else {
                out.link_duplicates[i] += 1;
            }
        }
    }
    out.unplaced_links = unplaced;
    // Ids as for highlights: a later link with an id already kept gets a fresh one.
    let mut ids: HashSet<&str> = HashSet::with_capacity(kept.len());
    let clashing: Vec<bool> = kept.iter().map(|(_, l, _, _)| !ids.insert(&l.id)).collect();
    let mut taken: HashSet<String> = HashSet::new();
    let mut links = Vec::with_capacity(kept.len());
    for ((file, l, from, to), clash) in kept.into_iter().zip(clashing) {
        let id = if clash {
            let new = (0..)
                .map(|round| fresh_id(&l.id, file, round))
                .find(|id| !ids.contains(id.as_str()) && !taken.contains(id))
                .unwrap_or_default();
            taken.insert(new.clone());
            out.renamed_links.push(Renamed { file, old: l.id.clone(), new: new.clone() });
            new
        } else {
            l.id.clone()
        };
        let (from, to) = (&out.highlights[from].id, &out.highlights[to].id);
        if id == l.id && *from == l.from && *to == l.to {
            links.push(Arc::clone(l));
        } else {
            links.push(Arc::new(Link { id, from: from.clone(), to: to.clone(), ..(**l).clone() }));
        }
    }
    links.sort_by(|a, b| a.id.cmp(&b.id));
    out.links = links;
}

/// The relations of `files` united by name into `out` (see the module docs).
fn unite_relations(files: &[Side<'_>], preferred: Option<usize>, out: &mut United) {
    if let Some(first) = files.first() {
        out.relations = first.relations.to_vec();
    }
    for (i, file) in files.iter().enumerate().skip(1) {
        let taken = preferred == Some(i);
        let mut clashes = Vec::new();
        for theirs in file.relations {
            let Some(mine) = out.relations.iter_mut().find(|r| r.name == theirs.name) else {
                out.relations.push(theirs.clone());
                out.added_relations.push(theirs.name.clone());
                continue;
            };
            let differences = relation_differences(mine, theirs);
            if differences.is_empty() {
                continue;
            }
            if taken {
                *mine = theirs.clone();
            }
            clashes.push(Clash { name: theirs.name.clone(), differences });
        }
        if !clashes.is_empty() {
            out.relation_clashes.push(FileClashes { file: i, taken, clashes });
        }
    }
}

/// How two definitions of one relation differ, as tags' do (an empty
/// description says nothing, so differs from none).
fn relation_differences(mine: &Relation, theirs: &Relation) -> Vec<Difference> {
    let mut out = Vec::new();
    if mine.color != theirs.color {
        out.push(Difference {
            field: Field::Color,
            mine: mine.color.to_string(),
            theirs: theirs.color.to_string(),
        });
    }
    if !theirs.description.is_empty() && theirs.description != mine.description {
        out.push(Difference {
            field: Field::Description,
            mine: mine.description.clone(),
            theirs: theirs.description.clone(),
        });
    }
    if mine.both_ways != theirs.both_ways {
        let way = |both: bool| if both { "both ways" } else { "one-way" }.to_owned();
        out.push(Difference {
            field: Field::Direction,
            mine: way(mine.both_ways),
            theirs: way(theirs.both_ways),
        });
    }
    out
}

#[cfg(test)]
#[path = "unite_tests.rs"]
mod tests;
