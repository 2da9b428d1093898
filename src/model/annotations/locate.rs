//! Re-anchoring in bulk: the same answer as [`reattach`], found near the
//! old place instead of by a scan of the whole voice.
//!
//! The old text is not stored, only each highlight's quote, its context and
//! its old position. An edit elsewhere in the voice leaves a highlight's
//! quote, with its whole context, somewhere near where the old position
//! now points (the same paragraph number and offset: a paragraph deleted or
//! inserted before it moves it by about a paragraph). So, per highlight:
//!
//! 1. the quote at the old place, its context vouching ([`reattach`]'s own
//!    first step);
//! 2. the nearest occurrence of prefix + quote + suffix in a row, looked
//!    for in a window around the old place that widens fourfold until it
//!    finds one or covers the text (a search cheap to set up, see
//!    [`Search`]); cost: the distance moved, not the voice;
//!    Past 16 KB (a long stretch deleted or inserted before it), a word
//!    index of the voice, built once when enough quotes went that far
//!    ([`LazyIndex`]), finds the nearest copy instead;
//! 3. only for highlights whose context was touched by the edit (or whose
//!    quote overlaps a copy of itself, see [`nearest_whole`]), the whole-text
//!    search of [`reattach`].
//!
//! Step 2 returns what [`reattach`]'s exact search would: a match with its
//! whole context has the best possible context score, so [`reattach`] picks
//! among those the nearest to the old place (the later of two as near), and
//! the window holds every match that near.
//!
//! [`reattach`]: super::anchor::reattach

use std::ops::Range;

use memchr::arch::all::rabinkarp;
use memchr::memmem;

use super::super::voicetext::floor_char_boundary;
use super::anchor::{Found, Quote, at_hint, search};
use super::wordindex::LazyIndex;

/// Bytes either side of the old place searched first.
const FIRST_REACH: usize = 1024;

/// Past this distance from the old place, the voice's word index (once
/// enough quotes have moved that far, see [`LazyIndex`]) finds the nearest
/// copy instead of a wider window.
const FAR: usize = 16 * 1024;

/// [`reattach`](super::anchor::reattach)`(text, quote, hint)`, found by
/// looking near `hint` first; `index` is the text's word index, built
/// here once enough quotes have moved far.
pub fn reattach_near(text: &str, index: &LazyIndex, quote: &Quote, hint: usize) -> Option<Found> {
    reattach_within(text, index, quote, hint, FAR)
}

/// [`reattach_near`], with the index used past `far` bytes.
fn reattach_within(
    text: &str,
    index: &LazyIndex,
    quote: &Quote,
    hint: usize,
    far: usize,
) -> Option<Found> {
    if quote.exact.is_empty() {
        return None;
    }
    let hint = floor_char_boundary(text, hint);
    if let Some(range) = at_hint(text, quote, hint) {
        return Some(Found::Exact(range));
    }
    if let Some(range) = nearest_whole(text, index, quote, hint, far) {
        return Some(Found::Exact(range));
    }
    search(text, quote, hint)
}

/// The range of the quote where it occurs with its whole context nearest to
/// `hint` (the later of two as near), if [`reattach`]'s exact search would
/// return it too; `None` if there is no such occurrence or it cannot tell.
///
/// [`reattach`]'s search takes the quote's matches left to right without
/// overlap (`str::match_indices`), so a match that overlaps an earlier one
/// is never considered there; when the nearest whole match overlaps another
/// match of the quote this answers `None`, leaving the choice to the same
/// whole-text search.
///
/// [`reattach`]: super::anchor::reattach
fn nearest_whole(
    text: &str,
    index: &LazyIndex,
    quote: &Quote,
    hint: usize,
    far: usize,
) -> Option<Range<usize>> {
    let whole = [quote.prefix.as_str(), quote.exact.as_str(), quote.suffix.as_str()].concat();
    let finder = Search::new(whole.as_bytes());
    let bytes = text.as_bytes();
    let skip = quote.prefix.len();
    let len = quote.exact.len();
    let mut reach = FIRST_REACH.max(whole.len());
    let mut asked = false;
    loop {
        if reach > far && !asked {
            asked = true;
            if let Some(index) = index.get(text)
                && let (true, found) = index.nearest(text, &whole, skip, len, hint)
            {
                return found.and_then(|r| unless_overlapped(bytes, &quote.exact, r.start));
            }
        }
        // Every match of `whole` whose quote starts within `reach` of `hint`.
        let lo = hint.saturating_sub(reach).saturating_sub(skip);
        let hi = ((hint + reach).saturating_sub(skip) + whole.len()).min(bytes.len());
        let mut best: Option<usize> = None;
        let mut from = lo;
        while from < hi {
            let Some(i) = finder.find(&bytes[from..hi]) else { break };
            let at = from + i + skip;
            let d = at.abs_diff(hint);
            // Found left to right: of two as near, the later wins.
            if d <= reach && best.is_none_or(|b| d <= b.abs_diff(hint)) {
                best = Some(at);
            }
            from += i + 1;
        }
        if let Some(at) = best {
            return unless_overlapped(bytes, &quote.exact, at);
        }
        if lo == 0 && hi == bytes.len() {
            return None;
        }
        reach = reach.saturating_mul(4);
    }
}

/// The quote's range at `at`, unless another match of it starts inside
/// this one, before it (see [`nearest_whole`]).
fn unless_overlapped(bytes: &[u8], exact: &str, at: usize) -> Option<Range<usize>> {
    let len = exact.len();
    let from = at.saturating_sub(len - 1);
    let overlapped =
        memmem::find(&bytes[from..at + len - 1], exact.as_bytes()).is_some_and(|i| from + i < at);
    (!overlapped).then_some(at..at + len)
}

/// A search for one needle in short haystacks, cheap to set up (a general
/// substring searcher's set-up costs more than searching a few kilobytes):
/// SIMD over a rare pair of the needle's bytes where the processor has
/// AVX2, else a rolling hash.
enum Search<'n> {
    #[cfg(target_arch = "x86_64")]
    Pair(memchr::arch::x86_64::avx2::packedpair::Finder, &'n [u8]),
    Hash(rabinkarp::Finder, &'n [u8]),
}

impl<'n> Search<'n> {
    fn new(needle: &'n [u8]) -> Self {
        #[cfg(target_arch = "x86_64")]
        if let Some(pair) = memchr::arch::x86_64::avx2::packedpair::Finder::new(needle) {
            return Search::Pair(pair, needle);
        }
        Search::Hash(rabinkarp::Finder::new(needle), needle)
    }

    fn find(&self, haystack: &[u8]) -> Option<usize> {
        match self {
            #[cfg(target_arch = "x86_64")]
            Search::Pair(pair, needle) if haystack.len() >= pair.min_haystack_len() => {
                pair.find(haystack, needle)
            }
            #[cfg(target_arch = "x86_64")]
            Search::Pair(_, needle) => haystack.windows(needle.len()).position(|w| w == *needle),
            Search::Hash(hash, needle) => hash.find(haystack, needle),
        }
    }
}

#[cfg(test)]
#[path = "locate_tests.rs"]
mod tests;
