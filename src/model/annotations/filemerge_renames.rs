//! Tag renames in a three-way merge. Tags merge by name, so a tag renamed
//! on one branch looked like a deletion plus a new tag; the other branch's
//! new uses of the old name then brought the old tag back beside the new
//! one, splitting one code in two without a word. Here a rename is found
//! on either side and carried over to the base and the other side before
//! they merge, so the other branch's uses follow it.

use std::collections::{HashMap, HashSet};

use super::file::{AnnotationFile, FileHighlight, FileTag};

/// Tags of `base` that `side` renamed, as (old, new). A tag of `base` that
/// `side` no longer defines was renamed to the one tag new in `side` that
/// every highlight still there and tagged with the old name now carries;
/// if no such highlight is left, to the one new tag with the old one's
/// colour, description and quick key. Anything less clear is no rename.
pub(super) fn renamed(base: &AnnotationFile, side: &AnnotationFile) -> Vec<(String, String)> {
    let in_base: HashSet<&str> = base.tags.iter().map(|t| t.name.as_str()).collect();
    let in_side: HashSet<&str> = side.tags.iter().map(|t| t.name.as_str()).collect();
    let new: Vec<&FileTag> =
        side.tags.iter().filter(|t| !in_base.contains(t.name.as_str())).collect();
    if new.is_empty() {
        return Vec::new();
    }
    let now: HashMap<&str, &FileHighlight> =
        side.highlights.iter().map(|h| (h.id.as_str(), h)).collect();
    let mut out = Vec::new();
    let mut taken = HashSet::new();
    for old in base.tags.iter().filter(|t| !in_side.contains(t.name.as_str())) {
        let uses: Vec<&FileHighlight> = base
            .highlights
            .iter()
            .filter(|h| h.tags.contains(&old.name))
            .filter_map(|h| now.get(h.id.as_str()).copied())
            .collect();
        let fits = |t: &&FileTag| {
            if uses.is_empty() {
                t.color == old.color && t.description == old.description && t.key == old.key
            } else {
                uses.iter().all(|h| h.tags.contains(&t.name))
            }
        };
        let candidates: Vec<&FileTag> =
            new.iter().copied().filter(|t| !taken.contains(t.name.as_str())).filter(fits).collect();
        if let [one] = candidates.as_slice() {
            taken.insert(one.name.as_str());
            out.push((old.name.clone(), one.name.clone()));
        }
    }
    out
}

/// The renames to carry over: each side's, except where the sides renamed
/// one tag to different names, or the other side made a tag of the new
/// name itself (two tags that only share a name stay apart). Each comes
/// with whether ours made it.
pub(super) fn to_follow(
    base: &AnnotationFile,
    ours: &AnnotationFile,
    theirs: &AnnotationFile,
) -> Vec<(String, String, bool)> {
    let (by_ours, by_theirs) = (renamed(base, ours), renamed(base, theirs));
    let defines = |f: &AnnotationFile, name: &str| f.tags.iter().any(|t| t.name == name);
    let mut out = Vec::new();
    for (mine, other, file, ours_made) in
        [(&by_ours, &by_theirs, theirs, true), (&by_theirs, &by_ours, ours, false)]
    {
        for (old, new) in mine {
            let also = other.iter().find(|(o, _)| o == old);
            if also.is_none() && !defines(file, new) {
                out.push((old.clone(), new.clone(), ours_made));
            }
        }
    }
    out
}

/// Renames tag `old` to `new` in `file`: its definition (if it has one)
/// and every highlight's use.
pub(super) fn follow(file: &mut AnnotationFile, old: &str, new: &str) {
    for t in &mut file.tags {
        if t.name == old {
            t.name = new.to_owned();
        }
    }
    for h in &mut file.highlights {
        if h.tags.iter().any(|t| t == old) {
            let mut seen = HashSet::new();
            h.tags = std::mem::take(&mut h.tags)
                .into_iter()
                .map(|t| if t == old { new.to_owned() } else { t })
                .filter(|t| seen.insert(t.clone()))
                .collect();
        }
    }
}
