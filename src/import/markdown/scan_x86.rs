//! The line loop's vector passes (see [`super::each_line`]): one loop,
//! [`lines_by`], taking a step of 32 bytes with AVX2 or of 64 with
//! AVX-512BW.

use super::{Holds, searched, unbroken};

/// The vector pass the line loop takes: 64 bytes a step where the
/// processor has AVX-512BW (a compare gives its mask of 64 bytes at once:
/// a fifth of the instructions of two 32-byte steps with AVX2, whose
/// compares each need a `movemask`), else 32 with AVX2.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Vector {
    Avx512,
    Avx2,
}

pub(super) fn vector() -> Option<Vector> {
    #[cfg(test)]
    if super::tests::AVX2_ONLY.get() {
        return std::arch::is_x86_feature_detected!("avx2").then_some(Vector::Avx2);
    }
    if std::arch::is_x86_feature_detected!("avx512bw") {
        Some(Vector::Avx512)
    } else if std::arch::is_x86_feature_detected!("avx2") {
        Some(Vector::Avx2)
    } else {
        None
    }
}

/// A module's [`super::each_line`] and [`super::checked_lines`] over its
/// `lines_of`, with the processor's `feature` it needs.
macro_rules! passes {
    ($feature:literal) => {
        /// [`super::super::each_line`] with this module's step.
        ///
        /// # Safety
        /// The CPU must have the feature this module is for.
        #[target_feature(enable = $feature)]
        pub(in super::super) unsafe fn each_line<'a>(
            text: &'a str,
            each: impl FnMut(&'a str, super::Holds) -> bool,
        ) {
            // SAFETY: the feature, as this function; the bytes are a `str`'s.
            unsafe { lines_of(text.as_bytes(), true, each) };
        }

        /// [`super::super::checked_lines`] with this module's step.
        ///
        /// # Safety
        /// The CPU must have the feature this module is for.
        #[target_feature(enable = $feature)]
        pub(in super::super) unsafe fn checked_lines<'a>(
            bytes: &'a [u8],
            each: impl FnMut(&'a str, super::Holds) -> bool,
        ) -> Option<&'a str> {
            // SAFETY: the feature, as this function.
            match unsafe { lines_of(bytes, false, each) } {
                // SAFETY: `lines_of` found every byte ASCII or checked them.
                true => Some(unsafe { std::str::from_utf8_unchecked(bytes) }),
                false => None,
            }
        }
    };
}
use passes;

pub(super) mod avx2 {
    use super::Holds;
    use std::arch::x86_64::*;

    // One pass over the text, 32 bytes at a time, each block's line breaks
    // handed on in turn (asking `line` for each line started a pass per
    // line, a block read again at every line's start: twice the time for
    // the panel).
    super::passes!("avx2");

    /// [`super::lines_by`] 32 bytes a step.
    ///
    /// # Safety
    /// The CPU must have AVX2; if `checked`, `bytes` must be UTF-8.
    #[inline]
    #[target_feature(enable = "avx2")]
    unsafe fn lines_of<'a>(
        bytes: &'a [u8],
        checked: bool,
        each: impl FnMut(&'a str, super::Holds) -> bool,
    ) -> bool {
        let splat = |b: u8| _mm256_set1_epi8(b as i8);
        let (newline, colon, wide) = (splat(b'\n'), splat(b':'), splat(0x9A));
        let markup = Markup::new();
        let step = |block: &[u8; 32]| {
            // SAFETY: the 32 bytes of `block` (an unaligned load needs no
            // alignment).
            let v = unsafe { _mm256_loadu_si256(block.as_ptr().cast()) };
            let mask = |a, b| {
                let either = _mm256_or_si256(_mm256_cmpeq_epi8(v, a), _mm256_cmpeq_epi8(v, b));
                u64::from(_mm256_movemask_epi8(either) as u32)
            };
            super::Step {
                past_ascii: _mm256_movemask_epi8(v) != 0,
                breaks: u64::from(_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, newline)) as u32),
                colons: mask(colon, wide),
                markup: u64::from(markup.mask(v)),
            }
        };
        // SAFETY: as this function's.
        unsafe { super::lines_by::<32>(bytes, checked, each, step) }
    }

    /// [`super::super::searched`], 32 bytes at a time.
    ///
    /// # Safety
    /// The CPU must have AVX2.
    #[inline]
    #[target_feature(enable = "avx2")]
    pub(in super::super) unsafe fn line(bytes: &[u8], from: usize) -> (usize, Holds) {
        let splat = |b: u8| _mm256_set1_epi8(b as i8);
        let (newline, colon, wide) = (splat(b'\n'), splat(b':'), splat(0x9A));
        let markup = Markup::new();
        let (mut colons, mut marks) = (0u32, 0u32);
        let mut at = from;
        while at + 32 <= bytes.len() {
            // SAFETY: `at + 32 <= bytes.len()`: the 32 bytes are in `bytes`
            // (an unaligned load needs no alignment).
            let v = unsafe { _mm256_loadu_si256(bytes.as_ptr().add(at).cast()) };
            let mask = |a, b| {
                let either = _mm256_or_si256(_mm256_cmpeq_epi8(v, a), _mm256_cmpeq_epi8(v, b));
                _mm256_movemask_epi8(either) as u32
            };
            let breaks = _mm256_movemask_epi8(_mm256_cmpeq_epi8(v, newline)) as u32;
            let (c, m) = (mask(colon, wide), markup.mask(v));
            if breaks != 0 {
                // The bytes before the first line break.
                let before = (breaks & breaks.wrapping_neg()) - 1;
                let holds =
                    Holds { colon: (colons | c & before) != 0, markup: (marks | m & before) != 0 };
                return (at + breaks.trailing_zeros() as usize, holds);
            }
            colons |= c;
            marks |= m;
            at += 32;
        }
        let (end, tail) = super::searched(bytes, at);
        let holds = Holds { colon: colons != 0 || tail.colon, markup: marks != 0 || tail.markup };
        (end, holds)
    }

    /// Finds the bytes that may start inline markup ([`super::MARKUP`]) in 32
    /// at once: each byte's low and high half looked up in a table of
    /// 16 (the classic nibble lookup); a byte is one where both lookups
    /// share a bit.
    struct Markup {
        low: __m256i,
        high: __m256i,
        nibble: __m256i,
    }

    impl Markup {
        #[inline]
        #[target_feature(enable = "avx2")]
        fn new() -> Self {
            let (low, high) = (super::MARKUP_LOW, super::MARKUP_HIGH);
            // SAFETY: reads the 16 bytes of each table (an unaligned load),
            // the same table in both 128-bit lanes (a shuffle stays in its lane).
            unsafe {
                let low = _mm_loadu_si128(low.as_ptr().cast());
                let high = _mm_loadu_si128(high.as_ptr().cast());
                Self {
                    low: _mm256_broadcastsi128_si256(low),
                    high: _mm256_broadcastsi128_si256(high),
                    nibble: _mm256_set1_epi8(0x0F),
                }
            }
        }

        /// A bit for each of `v`'s 32 bytes that may start markup.
        #[inline]
        #[target_feature(enable = "avx2")]
        fn mask(&self, v: __m256i) -> u32 {
            // A byte past ASCII has its top bit set: its low lookup gives 0.
            let low = _mm256_shuffle_epi8(self.low, v);
            let high = _mm256_shuffle_epi8(
                self.high,
                _mm256_and_si256(_mm256_srli_epi16(v, 4), self.nibble),
            );
            let none = _mm256_cmpeq_epi8(_mm256_and_si256(low, high), _mm256_setzero_si256());
            !(_mm256_movemask_epi8(none) as u32)
        }
    }
}

/// What one step of the vector pass finds in its `N` bytes: whether any
/// is past ASCII, and a bit for each byte that is a line break, a `:` or
/// `0x9A`, one that may start inline markup ([`MARKUP`]).
struct Step {
    past_ascii: bool,
    breaks: u64,
    colons: u64,
    markup: u64,
}

/// The bytes that may start inline markup (`\ & * _ [ <` and the backtick).
#[allow(unused_imports, reason = "named by the docs of the tables that find them")]
use crate::import::markdown::inline::SPECIAL as MARKUP;

/// [`MARKUP`] as a nibble lookup: a byte `b` is one of them if and only
/// if `MARKUP_LOW[b & 15] & MARKUP_HIGH[b >> 4] != 0`. Each high half
/// (`0x2_`, `0x3_`, `0x5_`, `0x6_`) has a bit of its own, set at the low
/// halves that make a mark with it: `&` 0x26 and `*` 0x2A; `<` 0x3C; `[`
/// 0x5B, `\\` 0x5C and `_` 0x5F; `` ` `` 0x60.
const MARKUP_LOW: [u8; 16] = [8, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 4, 2 | 4, 0, 0, 4];
const MARKUP_HIGH: [u8; 16] = [0, 0, 1, 2, 0, 4, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0];

/// The lines of `bytes` handed to `each` (until it says stop), each only
/// once its bytes are known to be UTF-8: at once if `checked` (the caller
/// knows them to be), else as each step's bytes are found ASCII, or once
/// the rest is checked at the first step that is not. Whether `bytes` are
/// UTF-8 (if `each` stops early, as far as it was read). `step` looks at
/// `N` bytes (`N` at most 64); inlined into the function that has the
/// processor's vector instructions.
///
/// # Safety
/// If `checked`, `bytes` must be UTF-8.
#[inline(always)]
unsafe fn lines_by<'a, const N: usize>(
    bytes: &'a [u8],
    mut checked: bool,
    mut each: impl FnMut(&'a str, Holds) -> bool,
    step: impl Fn(&[u8; N]) -> Step,
) -> bool {
    // SAFETY (of every `line` below): the bytes from `start` to `end` are
    // UTF-8 — `checked`, or ASCII to there — and start and end at a `\n`
    // or an end of `bytes`, never inside a character.
    let line = |start: usize, end: usize| {
        let line = unsafe { std::str::from_utf8_unchecked(&bytes[start..end]) };
        unbroken(line, end < bytes.len())
    };
    // Where the line being read starts, and what its steps before this
    // one held.
    let (mut start, mut held) = (0, Holds::default());
    let mut at = 0;
    while let Some(block) = bytes[at..].first_chunk::<N>() {
        let Step { past_ascii, mut breaks, colons: mut c, markup: mut e } = step(block);
        // A byte past ASCII: the rest checked (every byte before this step
        // is ASCII, so a character starts here).
        if !checked && past_ascii {
            if std::str::from_utf8(&bytes[at..]).is_err() {
                return false;
            }
            checked = true;
        }
        while breaks != 0 {
            let end = at + breaks.trailing_zeros() as usize;
            // The bytes before this break, and the break with them.
            let before = (breaks & breaks.wrapping_neg()) - 1;
            let through = before << 1 | 1;
            let holds = Holds {
                colon: held.colon || c & before != 0,
                markup: held.markup || e & before != 0,
            };
            if !each(line(start, end), holds) {
                // What was not read yet is checked still.
                return checked || std::str::from_utf8(&bytes[at..]).is_ok();
            }
            (start, held) = (end + 1, Holds::default());
            (c, e) = (c & !through, e & !through);
            breaks &= breaks - 1;
        }
        held.colon |= c != 0;
        held.markup |= e != 0;
        at += N;
    }
    // The last bytes (fewer than `N`), checked and searched; the first line
    // there may have started in a step above.
    if !checked && std::str::from_utf8(&bytes[at..]).is_err() {
        return false;
    }
    let mut from = at;
    while start < bytes.len() {
        let (end, tail) = searched(bytes, from);
        let holds = Holds { colon: held.colon || tail.colon, markup: held.markup || tail.markup };
        if !each(line(start, end), holds) {
            return true;
        }
        (start, held) = (end + 1, Holds::default());
        from = start;
    }
    true
}

pub(super) mod avx512 {
    use std::arch::x86_64::*;

    super::passes!("avx512bw");

    /// [`super::lines_by`] 64 bytes a step.
    ///
    /// # Safety
    /// The CPU must have AVX-512BW; if `checked`, `bytes` must be UTF-8.
    #[inline]
    #[target_feature(enable = "avx512bw")]
    unsafe fn lines_of<'a>(
        bytes: &'a [u8],
        checked: bool,
        each: impl FnMut(&'a str, super::Holds) -> bool,
    ) -> bool {
        let splat = |b: u8| _mm512_set1_epi8(b as i8);
        let (newline, colon, wide) = (splat(b'\n'), splat(b':'), splat(0x9A));
        // The nibble tables of [`super::MARKUP`], in each 128-bit lane.
        // SAFETY: reads the 16 bytes of each table (an unaligned load).
        let (low, high) = unsafe {
            let table = |t: &[u8; 16]| _mm512_broadcast_i32x4(_mm_loadu_si128(t.as_ptr().cast()));
            (table(&super::MARKUP_LOW), table(&super::MARKUP_HIGH))
        };
        let nibble = splat(0x0F);
        let step = |block: &[u8; 64]| {
            // SAFETY: the 64 bytes of `block` (an unaligned load needs no
            // alignment).
            let v = unsafe { _mm512_loadu_si512(block.as_ptr().cast()) };
            let is = |b| _mm512_cmpeq_epi8_mask(v, b);
            super::Step {
                past_ascii: _mm512_movepi8_mask(v) != 0,
                breaks: is(newline),
                colons: is(colon) | is(wide),
                // A byte past ASCII has its top bit set: its low lookup
                // gives 0.
                markup: _mm512_test_epi8_mask(
                    _mm512_shuffle_epi8(low, v),
                    _mm512_shuffle_epi8(high, _mm512_and_si512(_mm512_srli_epi16(v, 4), nibble)),
                ),
            }
        };
        // SAFETY: as this function's.
        unsafe { super::lines_by::<64>(bytes, checked, each, step) }
    }
}

#[cfg(test)]
mod tables {
    /// The nibble tables name exactly the bytes of [`super::MARKUP`].
    #[test]
    fn the_tables_find_the_marks_and_nothing_else() {
        for b in 0..=255u8 {
            let found =
                super::MARKUP_LOW[usize::from(b & 15)] & super::MARKUP_HIGH[usize::from(b >> 4)];
            assert_eq!(found != 0, super::MARKUP.contains(&b), "byte {b:#04x}");
        }
    }
}
