//! Large edits applied in one pass. Auto-coding adds thousands of
//! highlights in one edit, its undo takes them away, a bulk retag replaces
//! them; one by one, each would shift the sorted vector (100,000 × 10,000
//! pointer moves at scale, seconds on the input path). A batch whose
//! changes each touch a key of their own is merged into the vector once
//! instead, with the same result as the changes one at a time
//! (property-tested against that in `tests.rs`); anything else is left to
//! the one-at-a-time path.

use std::sync::Arc;

use super::{Annotations, Change, Highlight, count_uses};

/// Fewer changes than this go one at a time: shifting is cheap for them.
pub(super) const BATCH: usize = 64;

type Key<'a> = (bool, usize, crate::model::Pos, crate::model::Pos, &'a str);

impl Annotations {
    /// Applies `changes` in order (`forward`) or undoes them (in reverse) in
    /// one pass, if each highlight change touches a key no other touches:
    /// an addition of a key not there, a removal, or a replacement in place
    /// (same key before and after, found); a change of the tags is taken as
    /// it comes. Returns `false`, having changed nothing, otherwise.
    pub(super) fn batch(&mut self, changes: &[Change], forward: bool) -> bool {
        let mut tags = None;
        let (mut adds, mut removes, mut replaces) = (Vec::new(), Vec::new(), Vec::new());
        let ordered: Box<dyn Iterator<Item = &Change>> =
            if forward { Box::new(changes.iter()) } else { Box::new(changes.iter().rev()) };
        for c in ordered {
            match c {
                Change::Tags { before, after } => tags = Some(if forward { after } else { before }),
                // Links go one at a time (see `change`).
                Change::Link { .. } | Change::Relations { .. } => return false,
                Change::Highlight { before, after } => {
                    let (from, to) = if forward { (before, after) } else { (after, before) };
                    match (from, to) {
                        (None, Some(new)) => adds.push(new),
                        (Some(old), None) => removes.push(old),
                        (Some(old), Some(new)) if old.key() == new.key() => {
                            replaces.push((old, new));
                        }
                        _ => return false,
                    }
                }
            }
        }
        let present = |k: &Key| self.highlights.binary_search_by(|h| h.key().cmp(k)).is_ok();
        let mut touched: Vec<Key> =
            removes.iter().map(|h| h.key()).chain(replaces.iter().map(|(h, _)| h.key())).collect();
        touched.sort();
        adds.sort_by(|a, b| a.key().cmp(&b.key()));
        // Keys of the vector must be unique for "the one with this key" to
        // mean one highlight: an invariant, checked because the batch is
        // only as exact as it.
        let unique =
            touched.is_empty() || self.highlights.windows(2).all(|w| w[0].key() != w[1].key());
        let fits = unique
            && distinct(touched.iter().copied())
            && distinct(adds.iter().map(|h| h.key()))
            && replaces.iter().all(|(h, _)| present(&h.key()))
            && adds.iter().all(|h| !present(&h.key()) && touched.binary_search(&h.key()).is_err());
        if !fits {
            return false;
        }
        if let Some(tags) = tags {
            self.tags.clone_from(tags);
        }
        for (old, new) in replaces {
            if let Ok(i) = self.highlights.binary_search_by(|h| h.key().cmp(&old.key())) {
                count_uses(&mut self.uses, &self.highlights[i], false);
                count_uses(&mut self.uses, new, true);
                self.highlights[i] = Arc::clone(new);
            }
        }
        let mut gone: Vec<Key> = removes.iter().map(|h| h.key()).collect();
        gone.sort();
        self.remove_sorted(&gone);
        self.insert_sorted(&adds);
        true
    }

    /// Merges `new` (sorted, keys distinct) into the highlights; a new one
    /// goes before an old one with the same key, as one inserted alone does.
    fn insert_sorted(&mut self, new: &[&Arc<Highlight>]) {
        let old = std::mem::take(&mut self.highlights);
        let mut merged = Vec::with_capacity(old.len() + new.len());
        let mut old = old.into_iter().peekable();
        for h in new {
            while let Some(o) = old.next_if(|o| o.key() < h.key()) {
                merged.push(o);
            }
            count_uses(&mut self.uses, h, true);
            merged.push(Arc::clone(h));
        }
        merged.extend(old);
        self.highlights = merged;
    }

    /// Takes away the highlights with `keys` (sorted, distinct); a key not
    /// there is passed over, as one removed alone would be.
    fn remove_sorted(&mut self, keys: &[Key]) {
        let uses = &mut self.uses;
        let mut next = 0;
        self.highlights.retain(|h| {
            let key = h.key();
            while next < keys.len() && keys[next] < key {
                next += 1;
            }
            if keys.get(next) == Some(&key) {
                next += 1;
                count_uses(uses, h, false);
                false
            } else {
                true
            }
        });
    }
}

/// Whether sorted `keys` are each greater than the one before.
fn distinct<'a>(mut keys: impl Iterator<Item = Key<'a>>) -> bool {
    let mut last = None;
    keys.all(|k| {
        let ok = last.is_none_or(|l| l < k);
        last = Some(k);
        ok
    })
}
