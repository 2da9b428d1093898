//! Where a quote with its whole context went when it moved far (a long
//! stretch deleted or inserted before it): an index of the voice's text by
//! the eight bytes that start each word, built once per voice on first need.
//!
//! Every copy of prefix + quote + suffix (the "whole") has, at the same
//! offset, the same word start and the same eight bytes after it, so the
//! index's positions for those bytes include every copy: the nearest copy
//! to the old place is found by walking them outward from it.

use std::cell::{Cell, OnceCell};
use std::ops::Range;

/// Quotes of one voice that must move far before its index is built: the
/// build costs about what a dozen searches of the whole text cost, and a
/// few quotes near an edit (their context changed, found nowhere) need the
/// whole text searched anyway.
const BUILD_AFTER: u32 = 16;

/// A voice's [`WordIndex`], built once enough of its quotes have moved far.
#[derive(Default)]
pub struct LazyIndex {
    far: Cell<u32>,
    index: OnceCell<WordIndex>,
}

impl LazyIndex {
    /// Counts one more quote that moved far; the index, if it is built or
    /// now worth building.
    pub fn get(&self, text: &str) -> Option<&WordIndex> {
        if let Some(index) = self.index.get() {
            return Some(index);
        }
        self.far.set(self.far.get() + 1);
        (self.far.get() > BUILD_AFTER).then(|| self.index.get_or_init(|| WordIndex::new(text)))
    }

    /// One built at once.
    #[cfg(test)]
    pub fn built(text: &str) -> Self {
        let lazy = Self::default();
        let _ = lazy.index.set(WordIndex::new(text));
        lazy
    }
}

/// Word starts (a byte after a space) of a text, by their first eight bytes.
pub struct WordIndex {
    /// (the eight bytes, position), sorted.
    entries: Vec<(u64, u32)>,
}

const KEY: usize = 8;

fn key(bytes: &[u8]) -> u64 {
    u64::from_le_bytes(bytes[..KEY].try_into().expect("eight bytes"))
}

impl WordIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut entries: Vec<(u64, u32)> = (1..bytes.len().saturating_sub(KEY - 1))
            .filter(|&i| bytes[i - 1] == b' ')
            .map(|i| (key(&bytes[i..]), i as u32))
            .collect();
        entries.sort_unstable();
        Self { entries }
    }

    /// The range of the quote in the copy of `whole` (whose quote starts
    /// `skip` bytes in) nearest to `hint`, the later of two as near;
    /// `None` if there is no copy. `None` too, with `false`, if `whole` has
    /// no word start with eight bytes after it to look up.
    pub fn nearest(
        &self,
        text: &str,
        whole: &str,
        skip: usize,
        len: usize,
        hint: usize,
    ) -> (bool, Option<Range<usize>>) {
        let w = whole.as_bytes();
        let Some(o) = (1..w.len().saturating_sub(KEY - 1)).find(|&o| w[o - 1] == b' ') else {
            return (false, None);
        };
        let k = key(&w[o..]);
        let from = self.entries.partition_point(|e| e.0 < k);
        let to = from + self.entries[from..].partition_point(|e| e.0 == k);
        let same = &self.entries[from..to];
        let bytes = text.as_bytes();
        // The quote's start for an entry, if a copy of `whole` can fit there.
        let at = |i: usize| -> Option<usize> {
            let start = (same[i].1 as usize).checked_sub(o)?;
            Some(start + skip)
        };
        let holds = |i: usize| -> bool {
            let Some(start) = (same[i].1 as usize).checked_sub(o) else { return false };
            bytes.get(start..start + w.len()) == Some(w)
        };
        // Outward from the hint: the nearer first; of two as near, the later.
        let split = same.partition_point(|e| (e.1 as usize + skip) < hint + o);
        let (mut left, mut right) = (split, split);
        loop {
            let l = (left > 0).then(|| at(left - 1)).flatten();
            let r = (right < same.len()).then(|| at(right)).flatten();
            let take_right = match (l, r) {
                (None, None) if left == 0 && right == same.len() => return (true, None),
                (_, Some(r)) if l.is_none_or(|l| r.abs_diff(hint) <= l.abs_diff(hint)) => true,
                (Some(_), _) => false,
                // An entry too early to hold a copy: step past it.
                _ => left == 0,
            };
            if take_right {
                if holds(right) {
                    let s = at(right).expect("fits");
                    return (true, Some(s..s + len));
                }
                right += 1;
            } else {
                if left > 0 && holds(left - 1) {
                    let s = at(left - 1).expect("fits");
                    return (true, Some(s..s + len));
                }
                left -= 1;
            }
        }
    }
}
