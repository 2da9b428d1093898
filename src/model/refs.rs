//! A voice's paragraphs: where each lives, in order, kept as the runs of
//! whole sections they are.
//!
//! A list of every paragraph's place was 320 KB of fresh memory for the
//! 12.8 MB panel's 40,000, made before its first frame, where the voice is
//! five runs. [`Refs::get`] and [`Refs::len`] answer from the runs; the list
//! is made on first use as a slice (it derefs to `[ParaRef]`).

use std::fmt;
use std::ops::Deref;
use std::sync::OnceLock;

use super::conversation::ParaRef;

/// The places of a voice's paragraphs, in order.
#[derive(Default)]
pub struct Refs {
    /// Per section (with paragraphs) of the voice, in order: its index and
    /// the place of its first paragraph in the voice.
    /// A run's paragraphs go on to where the next starts, or to `len`.
    runs: Vec<(u32, u32)>,
    len: usize,
    all: OnceLock<Vec<ParaRef>>,
}

impl Refs {
    /// The paragraphs of section `section`, `count` of them, after those
    /// there are. (A conversation's sections and paragraphs are counted
    /// in `u32`s: see [`ParaRef`].)
    pub(crate) fn push_section(&mut self, section: usize, count: usize) {
        if count == 0 {
            return;
        }
        let narrow = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        self.runs.push((narrow(section), narrow(self.len)));
        self.len += count;
        // A list made already (a voice being built is not used yet) is
        // made again when next asked for.
        self.all = OnceLock::new();
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Where paragraph `i` of the voice lives, without making the list.
    pub fn get(&self, i: usize) -> Option<ParaRef> {
        if i >= self.len {
            return None;
        }
        let run = self.runs.partition_point(|&(_, start)| start as usize <= i) - 1;
        let (section, start) = self.runs[run];
        Some(ParaRef::new(section as usize, i - start as usize))
    }

    /// Where paragraph `i` of the voice lives; past the end panics, as a
    /// slice's index does (the callers' indexes are the voice's own).
    pub fn at(&self, i: usize) -> ParaRef {
        let len = self.len;
        self.get(i).unwrap_or_else(|| panic!("paragraph {i} of a voice of {len}"))
    }

    /// Whether the list of every place is made (for tests of what a step
    /// makes).
    pub fn listed(&self) -> bool {
        self.all.get().is_some()
    }

    /// The places in order, without making the list.
    pub fn places(&self) -> impl Iterator<Item = ParaRef> + '_ {
        let ends = self.runs.iter().skip(1).map(|&(_, start)| start as usize).chain([self.len]);
        self.runs.iter().zip(ends).flat_map(|(&(section, start), end)| {
            (0..end - start as usize).map(move |p| ParaRef::new(section as usize, p))
        })
    }
}

impl Deref for Refs {
    type Target = [ParaRef];

    fn deref(&self) -> &[ParaRef] {
        self.all.get_or_init(|| self.places().collect())
    }
}

impl Clone for Refs {
    fn clone(&self) -> Self {
        Self { runs: self.runs.clone(), len: self.len, all: OnceLock::new() }
    }
}

impl fmt::Debug for Refs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.places()).finish()
    }
}

impl PartialEq for Refs {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && self.places().eq(other.places())
    }
}

impl Eq for Refs {}

impl<'a> IntoIterator for &'a Refs {
    type Item = &'a ParaRef;
    type IntoIter = std::slice::Iter<'a, ParaRef>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Runs of sections answer as the list of every place does, one by
        /// one in any order, as a slice, and compared.
        #[test]
        fn runs_answer_as_the_list_does(
            counts in prop::collection::vec(0usize..200, 0..8),
            asks in prop::collection::vec(0usize..1_700, 0..30),
        ) {
            let mut refs = Refs::default();
            let mut list = Vec::new();
            for (section, &n) in counts.iter().enumerate() {
                // Every other section is someone else's.
                let section = 2 * section + 1;
                refs.push_section(section, n);
                list.extend((0..n).map(|p| ParaRef::new(section, p)));
            }
            prop_assert_eq!(refs.len(), list.len());
            for i in asks {
                prop_assert_eq!(refs.get(i), list.get(i).copied());
            }
            prop_assert_eq!(refs.places().collect::<Vec<_>>(), list.clone());
            let copy = refs.clone();
            prop_assert_eq!(&*refs, &list[..]);
            prop_assert_eq!(&copy, &refs);
            prop_assert_eq!(format!("{copy:?}"), format!("{list:?}"));
        }
    }

    #[test]
    fn a_section_added_after_the_list_is_made_is_in_it() {
        let mut refs = Refs::default();
        refs.push_section(0, 2);
        assert_eq!(refs.iter().count(), 2);
        refs.push_section(3, 1);
        assert_eq!(&*refs, &[ParaRef::new(0, 0), ParaRef::new(0, 1), ParaRef::new(3, 0)]);
        assert_eq!(refs.get(2), Some(ParaRef::new(3, 0)));
        assert_eq!(refs.get(3), None);
    }
}
