//! Tag renames in a three-way merge. Tags merge by name, so a tag renamed
//! on one side looked like a deletion plus a new tag; the other side's new
//! uses of the old name then brought the old tag back beside the new one,
//! splitting one code in two without a word. Here a rename is found on
//! either side and carried over to the base and the other side before they
//! merge, so the other side's uses follow it. Shared by the git merge
//! driver (annotation files) and the reader's merge when the file changes
//! on disk (annotations in memory), through two small traits.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::file::{FileHighlight, FileTag};
use super::{Highlight, Tag, tree};

/// A tag definition, as far as a rename is concerned.
pub(super) trait RenameTag {
    fn name(&self) -> &str;
    fn rename(&mut self, to: &str);
    /// The same colour, description and quick key.
    fn looks_like(&self, other: &Self) -> bool;
    /// A description or a quick key: enough to know it again by its
    /// definition (a new tag takes the first free colour, so an unused tag
    /// deleted and another made looked renamed).
    fn distinctive(&self) -> bool;
}

/// A highlight, as far as a rename is concerned.
pub(super) trait RenameUse {
    fn id(&self) -> &str;
    fn tag_names(&self) -> &[String];
    fn tag_names_mut(&mut self) -> &mut Vec<String>;
}

/// One side of a merge: its tags and highlights.
pub(super) type Part<'a, T, H> = (&'a [T], &'a [H]);

/// Tags of `base` that `side` renamed, as (old, new). A tag of `base` that
/// `side` no longer defines was renamed to the one tag new in `side` that
/// every highlight still there and tagged with the old name now carries;
/// if no such highlight is left, to the one new tag with the old one's
/// colour, description and quick key (the old one having a description or
/// a key). Anything less clear is no rename.
pub(super) fn renamed<T: RenameTag, H: RenameUse>(
    (base_tags, base_uses): Part<'_, T, H>,
    (side_tags, side_uses): Part<'_, T, H>,
) -> Vec<(String, String)> {
    let in_base: HashSet<&str> = base_tags.iter().map(T::name).collect();
    let in_side: HashSet<&str> = side_tags.iter().map(T::name).collect();
    let new: Vec<&T> = side_tags.iter().filter(|t| !in_base.contains(t.name())).collect();
    if new.is_empty() {
        return Vec::new();
    }
    let now: HashMap<&str, &H> = side_uses.iter().map(|h| (h.id(), h)).collect();
    let mut out = Vec::new();
    let mut taken = HashSet::new();
    for old in base_tags.iter().filter(|t| !in_side.contains(t.name())) {
        let uses: Vec<&H> = base_uses
            .iter()
            .filter(|h| h.tag_names().iter().any(|n| n == old.name()))
            .filter_map(|h| now.get(h.id()).copied())
            .collect();
        let fits = |t: &&T| {
            if uses.is_empty() {
                old.distinctive() && t.looks_like(old)
            } else {
                uses.iter().all(|h| h.tag_names().iter().any(|n| n == t.name()))
            }
        };
        let candidates: Vec<&T> =
            new.iter().copied().filter(|t| !taken.contains(t.name())).filter(fits).collect();
        if let [one] = candidates.as_slice() {
            taken.insert(one.name());
            out.push((old.name().to_owned(), one.name().to_owned()));
        }
    }
    out
}

/// Tags both sides renamed, each a different tag of `base`, to one new
/// name: (new, ours' old name, theirs' old name). Two codes would meet
/// under one name.
pub(super) fn collisions<T: RenameTag, H: RenameUse>(
    base: Part<'_, T, H>,
    ours: Part<'_, T, H>,
    theirs: Part<'_, T, H>,
) -> Vec<(String, String, String)> {
    pairs(base, ours, theirs, |(mine, new), (other, theirs_new)| {
        (new == theirs_new && mine != other).then(|| (new.clone(), mine.clone(), other.clone()))
    })
}

/// The tags both sides renamed, each to a name of its own: (old, ours'
/// new, theirs' new). [`to_follow`] follows neither.
pub(super) fn clashes<T: RenameTag, H: RenameUse>(
    base: Part<'_, T, H>,
    ours: Part<'_, T, H>,
    theirs: Part<'_, T, H>,
) -> Vec<(String, String, String)> {
    pairs(base, ours, theirs, |(old, mine), (theirs_old, other)| {
        (old == theirs_old && mine != other).then(|| (old.clone(), mine.clone(), other.clone()))
    })
}

/// For each of ours' renames (old, new), the first of theirs that `meet`
/// pairs it with, as `meet` gives it.
fn pairs<T: RenameTag, H: RenameUse, R>(
    base: Part<'_, T, H>,
    ours: Part<'_, T, H>,
    theirs: Part<'_, T, H>,
    meet: impl Fn(&(String, String), &(String, String)) -> Option<R>,
) -> Vec<R> {
    let by_theirs = renamed(base, theirs);
    let by_ours = renamed(base, ours);
    by_ours.iter().filter_map(|mine| by_theirs.iter().find_map(|other| meet(mine, other))).collect()
}

/// The renames to carry over: each side's, except where the sides renamed
/// one tag to different names, or the other side made a tag of the new
/// name itself (two tags that only share a name stay apart). A branch one
/// side moved whole (`a` → `b`, `a/x` → `b/x`) takes along the tags under
/// it: its parent even if unused, and what the other side made under it
/// (`a/new` → `b/new`). Each comes with whether ours made it.
pub(super) fn to_follow<T: RenameTag, H: RenameUse>(
    base: Part<'_, T, H>,
    ours: Part<'_, T, H>,
    theirs: Part<'_, T, H>,
) -> Vec<(String, String, bool)> {
    let (by_ours, by_theirs) = (renamed(base, ours), renamed(base, theirs));
    let defines = |tags: &[T], name: &str| tags.iter().any(|t| t.name() == name);
    let mut out = Vec::new();
    for (mine, other, (side, tags), ours_made) in [
        (&by_ours, &by_theirs, (ours.0, theirs.0), true),
        (&by_theirs, &by_ours, (theirs.0, ours.0), false),
    ] {
        let mut followed: Vec<(String, String)> = Vec::new();
        let take = |old: &str, new: String, followed: &mut Vec<(String, String)>| {
            let also = other.iter().any(|(o, _)| o == old);
            let known = followed.iter().any(|(o, _)| o == old);
            if !also && !known && !defines(tags, &new) {
                followed.push((old.to_owned(), new));
            }
        };
        for (old, new) in mine {
            take(old, new.clone(), &mut followed);
        }
        let branches = moved_branches(base.0, side, &followed);
        // The branch's own tags the finder could not tell by their uses
        // (an unused parent without a description).
        for (from, to) in &branches {
            for t in base.0.iter().filter(|t| tree::within(t.name(), from)) {
                if let Some(new) = tree::renamed(t.name(), from, to) {
                    take(t.name(), new, &mut followed);
                }
            }
        }
        // What the other side made under a moved branch goes with it.
        for t in tags.iter().filter(|t| !defines(base.0, t.name())) {
            let deepest = branches
                .iter()
                .filter_map(|(from, to)| tree::renamed(t.name(), from, to))
                .max_by_key(String::len);
            if let Some(new) = deepest
                && !defines(side, &new)
            {
                take(t.name(), new, &mut followed);
            }
        }
        out.extend(followed.into_iter().map(|(o, n)| (o, n, ours_made)));
    }
    chain(&mut out);
    out
}

/// A rename whose new name the other side renamed in turn (`privacy` moved
/// into `frame` on one side, `frame` renamed `framing` on the other) goes
/// straight to the end (`privacy` → `framing/privacy`): applied one after
/// the other, the order of the sides decided which name won.
fn chain(renames: &mut [(String, String, bool)]) {
    let next: HashMap<String, (String, bool)> =
        renames.iter().map(|(o, n, made)| (o.clone(), (n.clone(), *made))).collect();
    for (_, new, made) in renames.iter_mut() {
        if let Some((end, by)) = next.get(new.as_str())
            && by != made
        {
            new.clone_from(end);
        }
    }
}

/// The branches one side moved whole, as (from, to), judged by that side's
/// `renames`: every tag of `base` at or under `from` either renamed to the
/// same place under `to` or gone from `side` with that place new in `side`,
/// and nothing left under `from` on `side`. A rename `a/x` → `b/x` moves
/// the branch `a` → `b` if the rest of `a` moved alike.
fn moved_branches<T: RenameTag>(
    base: &[T],
    side: &[T],
    renames: &[(String, String)],
) -> Vec<(String, String)> {
    let in_side = |name: &str| side.iter().any(|t| t.name() == name);
    let in_base = |name: &str| base.iter().any(|t| t.name() == name);
    let mut pairs: Vec<(&str, &str)> = Vec::new();
    for (old, new) in renames {
        let (mut from, mut to) = (old.as_str(), new.as_str());
        loop {
            if !pairs.contains(&(from, to)) {
                pairs.push((from, to));
            }
            match (tree::parent(from), tree::parent(to)) {
                (Some(f), Some(t)) if tree::leaf(from) == tree::leaf(to) && f != t => {
                    (from, to) = (f, t);
                }
                _ => break,
            }
        }
    }
    pairs
        .into_iter()
        .filter(|&(from, to)| {
            // A branch moved whole lands where nothing was: `a/x` → `b/x`
            // into an existing `b` moves one tag, not the branch `a`.
            !side.iter().any(|t| tree::within(t.name(), from))
                && !base.iter().any(|t| tree::within(t.name(), to))
                && base.iter().filter(|t| tree::within(t.name(), from)).all(|t| {
                    let Some(moved) = tree::renamed(t.name(), from, to) else { return false };
                    renames.iter().any(|(o, n)| o == t.name() && *n == moved)
                        || (in_side(&moved) && !in_base(&moved))
                })
        })
        .map(|(from, to)| (from.to_owned(), to.to_owned()))
        .collect()
}

/// Renames tag `old` to `new` in `tags` (its definition, if there) and in
/// every highlight's use of it.
pub(super) fn follow<T: RenameTag, H: RenameUse>(
    tags: &mut [T],
    uses: &mut [H],
    old: &str,
    new: &str,
) {
    for t in tags.iter_mut().filter(|t| t.name() == old) {
        t.rename(new);
    }
    for h in uses.iter_mut() {
        if h.tag_names().iter().any(|t| t == old) {
            let mut seen = HashSet::new();
            let names = h.tag_names_mut();
            *names = std::mem::take(names)
                .into_iter()
                .map(|t| if t == old { new.to_owned() } else { t })
                .filter(|t| seen.insert(t.clone()))
                .collect();
        }
    }
}

impl RenameTag for FileTag {
    fn name(&self) -> &str {
        &self.name
    }
    fn rename(&mut self, to: &str) {
        to.clone_into(&mut self.name);
    }
    fn looks_like(&self, other: &Self) -> bool {
        self.color == other.color && self.description == other.description && self.key == other.key
    }
    fn distinctive(&self) -> bool {
        !self.description.trim().is_empty() || self.key.is_some()
    }
}

impl RenameUse for FileHighlight {
    fn id(&self) -> &str {
        &self.id
    }
    fn tag_names(&self) -> &[String] {
        &self.tags
    }
    fn tag_names_mut(&mut self) -> &mut Vec<String> {
        &mut self.tags
    }
}

impl RenameTag for Tag {
    fn name(&self) -> &str {
        &self.name
    }
    fn rename(&mut self, to: &str) {
        to.clone_into(&mut self.name);
    }
    fn looks_like(&self, other: &Self) -> bool {
        self.color == other.color && self.description == other.description && self.key == other.key
    }
    fn distinctive(&self) -> bool {
        !self.description.trim().is_empty() || self.key.is_some()
    }
}

impl RenameUse for Arc<Highlight> {
    fn id(&self) -> &str {
        &self.id
    }
    fn tag_names(&self) -> &[String] {
        &self.tags
    }
    fn tag_names_mut(&mut self) -> &mut Vec<String> {
        // Copied only when shared, and only for a highlight that uses the tag.
        &mut Arc::make_mut(self).tags
    }
}
