//! [`Span`]: a half-open byte range inside one paragraph.
//!
//! ```text
//!   text:   T h e ␠ U . S .
//!   index: 0 1 2 3 4 5 6 7 8
//!           [start ... end)      Span { start: 4, end: 8 } is "U.S."
//! ```
//!
//! Offsets are `u32` to keep a 20 MB conversation's sentence and word tables
//! small; a paragraph longer than `u32::MAX` bytes is refused at load
//! (see [`crate::model::ValidationError::ParagraphTooLong`]).

use std::ops::Range;

/// A half-open byte range `[start, end)` into a paragraph's text.
///
/// Invariant: `start <= end`, and both sit on `char` boundaries of the text
/// the span was made for (segmentation only produces grapheme boundaries).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    /// Builds a span from `usize` offsets that are already known to fit in `u32`
    /// (callers check the paragraph length first).
    pub(crate) fn from_usize(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Self {
            start: u32::try_from(start).unwrap_or(u32::MAX),
            end: u32::try_from(end).unwrap_or(u32::MAX),
        }
    }

    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// Whether byte offset `at` lies inside the span.
    pub fn contains(self, at: usize) -> bool {
        self.range().contains(&at)
    }

    /// Whether the two spans share at least one byte.
    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_is_half_open() {
        let a = Span { start: 0, end: 4 };
        let b = Span { start: 4, end: 8 };
        assert!(!a.overlaps(b));
        assert!(a.overlaps(Span { start: 3, end: 5 }));
        assert!(a.contains(3) && !a.contains(4));
        assert_eq!(b.len(), 4);
        assert!(Span { start: 2, end: 2 }.is_empty());
    }
}
