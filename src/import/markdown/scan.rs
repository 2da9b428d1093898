//! The lines of a large file's plain section, each with what the reader
//! needs to know of it, found in one pass.
//!
//! The fast reader asks of every line where it ends, whether it may open
//! with a speaker's label (it has a colon, `:` or `：`) and whether it needs
//! decoding (it has `\` or `&`). Asked one at a time, that was three vector
//! searches per line; a profile of the 12.8 MB panel's open put them and
//! their line loop at 15% of it. Here one pass over the line answers all
//! three: 1.1 ms for the panel's 80,000 lines, against 1.8 ms for the three
//! searches (one core, in memory); and [`each_line`], one pass over the whole
//! text handing on each 32-byte block's line breaks in turn, 0.53 ms (a
//! pass that only counts the line breaks takes 0.29).

/// What a line holds (its line break not counted).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Holds {
    /// `:` or a byte `0x9A` (the last of `：`): the line may open with a
    /// label.
    pub colon: bool,
    /// `\` or `&`: the line may hold an escape or a character reference.
    pub escape: bool,
}

/// The lines of `text` as [`str::lines`] gives them (split at `\n`, a `\r`
/// before it dropped), each with what it holds (the `\r` counted in).
pub(super) fn lines(text: &str) -> impl Iterator<Item = (&str, Holds)> {
    let line = finder();
    let mut from = 0;
    std::iter::from_fn(move || {
        if from >= text.len() {
            return None;
        }
        let (end, holds) = line(text.as_bytes(), from);
        let line = cut(text, from, end);
        from = end + 1;
        Some((line, holds))
    })
}

/// [`lines`] handed one by one to `each` until it says stop (`false`), with
/// the vector pass inlined into the loop where the processor has AVX2:
/// through [`lines`] every line is a call through a function pointer,
/// which nothing can inline.
pub(super) fn each_line<'a>(text: &'a str, mut each: impl FnMut(&'a str, Holds) -> bool) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the processor has AVX2, checked just above.
        return unsafe { avx2::each_line(text, each) };
    }
    for (line, holds) in lines(text) {
        if !each(line, holds) {
            return;
        }
    }
}

/// A line of `text` from `from` to `end` (its `\n`, or the end), without
/// the `\r` of a `\r\n`.
fn cut(text: &str, from: usize, end: usize) -> &str {
    let line = &text[from..end];
    // A `\r` ends a line only before a `\n` (as `str::lines` has it).
    match end < text.len() {
        true => line.strip_suffix('\r').unwrap_or(line),
        false => line,
    }
}

/// What finds where the line that starts at `from` ends (its `\n`, or the
/// end of `bytes`), and what it holds: the vector pass where the processor
/// has AVX2 (asked once, here), else [`searched`].
fn finder() -> fn(&[u8], usize) -> (usize, Holds) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        return |bytes, from| {
            // SAFETY: the processor has AVX2, checked by `finder`.
            unsafe { avx2::line(bytes, from) }
        };
    }
    searched
}

/// [`line`] by three searches (where AVX2 is not to be had, and the
/// reference the tests hold the vector pass to).
fn searched(bytes: &[u8], from: usize) -> (usize, Holds) {
    let end = memchr::memchr(b'\n', &bytes[from..]).map_or(bytes.len(), |at| from + at);
    let line = &bytes[from..end];
    let holds = Holds {
        colon: memchr::memchr2(b':', 0x9A, line).is_some(),
        escape: memchr::memchr2(b'\\', b'&', line).is_some(),
    };
    (end, holds)
}

#[cfg(target_arch = "x86_64")]
mod avx2 {
    use super::Holds;
    use std::arch::x86_64::*;

    /// [`super::each_line`] with the vector pass: one pass over the text,
    /// 32 bytes at a time, each block's line breaks handed on in turn
    /// (asking [`line`] for each line started a pass per line, a block
    /// read again at every line's start: twice the time for the panel).
    ///
    /// # Safety
    /// The CPU must have AVX2.
    #[target_feature(enable = "avx2")]
    pub(super) unsafe fn each_line<'a>(
        text: &'a str,
        mut each: impl FnMut(&'a str, super::Holds) -> bool,
    ) {
        let bytes = text.as_bytes();
        let splat = |b: u8| _mm256_set1_epi8(b as i8);
        let (newline, colon, wide, backslash, amp) =
            (splat(b'\n'), splat(b':'), splat(0x9A), splat(b'\\'), splat(b'&'));
        // Where the line being read starts, and what its blocks before
        // this one held.
        let (mut start, mut held) = (0, Holds::default());
        let mut at = 0;
        while at + 32 <= bytes.len() {
            // SAFETY: `at + 32 <= bytes.len()`: the 32 bytes are in `bytes`
            // (an unaligned load needs no alignment).
            let v = unsafe { _mm256_loadu_si256(bytes.as_ptr().add(at).cast()) };
            let mask = |a, b| {
                let either = _mm256_or_si256(_mm256_cmpeq_epi8(v, a), _mm256_cmpeq_epi8(v, b));
                _mm256_movemask_epi8(either) as u32
            };
            let mut breaks = _mm256_movemask_epi8(_mm256_cmpeq_epi8(v, newline)) as u32;
            let (mut c, mut e) = (mask(colon, wide), mask(backslash, amp));
            while breaks != 0 {
                let end = at + breaks.trailing_zeros() as usize;
                // The bytes before this break, and the break with them.
                let before = (breaks & breaks.wrapping_neg()) - 1;
                let through = before << 1 | 1;
                let holds = Holds {
                    colon: held.colon || c & before != 0,
                    escape: held.escape || e & before != 0,
                };
                if !each(super::cut(text, start, end), holds) {
                    return;
                }
                (start, held) = (end + 1, Holds::default());
                (c, e) = (c & !through, e & !through);
                breaks &= breaks - 1;
            }
            held.colon |= c != 0;
            held.escape |= e != 0;
            at += 32;
        }
        // The last bytes (fewer than 32), searched; the first line there
        // may have started in a block above.
        let mut from = at;
        while start < bytes.len() {
            let (end, tail) = super::searched(bytes, from);
            let holds =
                Holds { colon: held.colon || tail.colon, escape: held.escape || tail.escape };
            if !each(super::cut(text, start, end), holds) {
                return;
            }
            (start, held) = (end + 1, Holds::default());
            from = start;
        }
    }

    /// [`super::line`], 32 bytes at a time.
    ///
    /// # Safety
    /// The CPU must have AVX2.
    #[inline]
    #[target_feature(enable = "avx2")]
    pub(super) unsafe fn line(bytes: &[u8], from: usize) -> (usize, Holds) {
        let splat = |b: u8| _mm256_set1_epi8(b as i8);
        let (newline, colon, wide, backslash, amp) =
            (splat(b'\n'), splat(b':'), splat(0x9A), splat(b'\\'), splat(b'&'));
        let (mut colons, mut escapes) = (0u32, 0u32);
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
            let (c, e) = (mask(colon, wide), mask(backslash, amp));
            if breaks != 0 {
                // The bytes before the first line break.
                let before = (breaks & breaks.wrapping_neg()) - 1;
                let holds = Holds {
                    colon: (colons | c & before) != 0,
                    escape: (escapes | e & before) != 0,
                };
                return (at + breaks.trailing_zeros() as usize, holds);
            }
            colons |= c;
            escapes |= e;
            at += 32;
        }
        let (end, tail) = super::searched(bytes, at);
        let holds = Holds { colon: colons != 0 || tail.colon, escape: escapes != 0 || tail.escape };
        (end, holds)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Lines long and short, the marks anywhere in them (before and
        /// after a 32-byte block's edge, and after the line break), read as
        /// the three searches read them, and split as `str::lines` splits.
        #[test]
        fn one_pass_finds_what_three_searches_find(
            text in "([a :\\\\&\r\n]|：|é|—){0,200}",
            from in 0usize..200,
        ) {
            let bytes = text.as_bytes();
            let from = from.min(bytes.len());
            prop_assert_eq!(finder()(bytes, from), searched(bytes, from));
            let split: Vec<&str> = lines(&text).map(|(l, _)| l).collect();
            let mut each = Vec::new();
            each_line(&text, |line, holds| {
                each.push((line, holds));
                true
            });
            prop_assert_eq!(&each, &lines(&text).collect::<Vec<_>>());
            prop_assert_eq!(split, text.lines().collect::<Vec<_>>());
        }
    }

    /// The vector pass is what the tests above compare with the searches;
    /// without AVX2 they compare the searches with themselves.
    #[test]
    fn the_vector_pass_is_tested_where_there_is_one() {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            return;
        }
        eprintln!("SKIPPED: no AVX2 here; the vector line scan is not tested on this machine");
    }

    #[test]
    fn marks_are_seen_in_every_place_of_a_block_and_not_past_the_break() {
        for len in [0, 1, 31, 32, 33, 63, 64, 65, 100] {
            for at in 0..len {
                for mark in [b':', 0x9A, b'\\', b'&'] {
                    let mut bytes = vec![b'x'; len];
                    bytes[at] = mark;
                    let holds = finder()(&bytes, 0).1;
                    let colon = mark == b':' || mark == 0x9A;
                    assert_eq!(holds, Holds { colon, escape: !colon }, "{len} {at} {mark}");
                    // After the line's break, it is the next line's.
                    let mut broken = bytes.clone();
                    broken.insert(at, b'\n');
                    assert_eq!(finder()(&broken, 0), (at, Holds::default()), "{len} {at} {mark}");
                    // (A lone 0x9A is not UTF-8: `each_line` takes text.)
                    for text in [&bytes, &broken].map(|b| std::str::from_utf8(b)) {
                        let Ok(text) = text else { continue };
                        let mut each = Vec::new();
                        each_line(text, |line, holds| {
                            each.push((line, holds));
                            true
                        });
                        assert_eq!(each, lines(text).collect::<Vec<_>>(), "{len} {at} {mark}");
                    }
                }
            }
        }
    }
}
