//! One coding added on both branches under two ids (the same `autocode`
//! run on each): kept once, and the same highlight to the next merge.

use std::collections::{HashMap, HashSet};

use super::super::file::{AnnotationFile, FileHighlight, FilePos};

/// What makes two highlights one coding: where, what, by whom (not their
/// ids or times).
type Coding<'a> = (&'a str, FilePos, FilePos, bool, &'a str, Vec<&'a str>, &'a str, &'a str);

fn coding(h: &FileHighlight) -> Coding<'_> {
    let mut tags: Vec<&str> = h.tags.iter().map(String::as_str).collect();
    tags.sort_unstable();
    (&h.contributor, h.start, h.end, h.orphan, &h.quote, tags, &h.coder, &h.note)
}

/// `side` with each highlight it added that is a coding `base` has under
/// another id, which `side` lacks, given that id: the coding kept once by
/// an earlier merge (ours' id kept, theirs' dropped) is one highlight to
/// the next, so the other branch's later changes to it merge cleanly
/// instead of against a deletion. `None` if there is none (nothing is
/// copied). Not a highlight a link of `side` ends at.
pub(super) fn as_base_ids(base: &AnnotationFile, side: &AnnotationFile) -> Option<AnnotationFile> {
    let base_ids: HashSet<&str> = base.highlights.iter().map(|h| h.id.as_str()).collect();
    let side_ids: HashSet<&str> = side.highlights.iter().map(|h| h.id.as_str()).collect();
    let linked = |id: &str| side.links.iter().any(|l| l.from == id || l.to == id);
    let mut added: HashMap<Coding<'_>, usize> = side
        .highlights
        .iter()
        .enumerate()
        .filter(|(_, h)| !base_ids.contains(h.id.as_str()) && !linked(&h.id))
        .map(|(i, h)| (coding(h), i))
        .collect();
    if added.is_empty() {
        return None;
    }
    let mut given: Vec<(usize, String)> = Vec::new();
    for h in base.highlights.iter().filter(|h| !side_ids.contains(h.id.as_str())) {
        if let Some(i) = added.remove(&coding(h)) {
            given.push((i, h.id.clone()));
        }
    }
    if given.is_empty() {
        return None;
    }
    let mut out = side.clone();
    for (i, id) in given {
        out.highlights[i].id = id;
    }
    Some(out)
}

/// Takes out of `merged` the highlights only theirs added that are a
/// coding ours added too under another id (the same autocode run on both
/// branches): one coding, ours. Not one a link of theirs ends at (the
/// link would lose its end). How many.
pub(super) fn drop_alike(
    merged: &mut Vec<FileHighlight>,
    base: &AnnotationFile,
    ours: &AnnotationFile,
    theirs: &AnnotationFile,
) -> usize {
    let known: HashSet<&str> =
        base.highlights.iter().chain(&ours.highlights).map(|h| h.id.as_str()).collect();
    let added_by_theirs: HashSet<&str> = theirs
        .highlights
        .iter()
        .map(|h| h.id.as_str())
        .filter(|id| !known.contains(id))
        .filter(|id| !theirs.links.iter().any(|l| l.from == *id || l.to == *id))
        .collect();
    if added_by_theirs.is_empty() {
        return 0;
    }
    let base_ids: HashSet<&str> = base.highlights.iter().map(|h| h.id.as_str()).collect();
    let ours_new: HashSet<Coding<'_>> =
        ours.highlights.iter().filter(|h| !base_ids.contains(h.id.as_str())).map(coding).collect();
    let before = merged.len();
    merged.retain(|h| !(added_by_theirs.contains(h.id.as_str()) && ours_new.contains(&coding(h))));
    before - merged.len()
}
