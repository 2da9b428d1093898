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

/// [`each_line`] of `bytes` not yet known to be UTF-8, checked as they are
/// read: the text of `bytes` if they are UTF-8, `None` if not (the lines
/// handed on before the fault was found are then to be thrown away). A
/// line is handed on only once its bytes are checked.
///
/// The map of a large file is gone over once: the check was a pass of its
/// own before the lines were read (two passes over 12.8 MB that does not
/// fit a cache). Where the processor has AVX2, each 32-byte block the line
/// loop loads is looked at for a byte past ASCII on the way; at the first
/// such block, the rest is checked by the standard library's check (so
/// text with curly quotes in every block costs what it did, and plain
/// ASCII nothing more than the lines).
pub(super) fn checked_lines<'a>(
    bytes: &'a [u8],
    mut each: impl FnMut(&'a str, Holds) -> bool,
) -> Option<&'a str> {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the processor has AVX2, checked just above.
        return unsafe { avx2::checked_lines(bytes, each) };
    }
    let text = std::str::from_utf8(bytes).ok()?;
    for (line, holds) in lines(text) {
        if !each(line, holds) {
            break;
        }
    }
    Some(text)
}

/// A line of `text` from `from` to `end` (its `\n`, or the end), without
/// the `\r` of a `\r\n`.
fn cut(text: &str, from: usize, end: usize) -> &str {
    unbroken(&text[from..end], end < text.len())
}

/// `line` without the `\r` of a `\r\n` if it `broke` (ended at a `\n`):
/// a `\r` ends a line only before a `\n` (as `str::lines` has it).
fn unbroken(line: &str, broke: bool) -> &str {
    match broke {
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
        each: impl FnMut(&'a str, super::Holds) -> bool,
    ) {
        // SAFETY: AVX2, as this function; the bytes are a `str`'s.
        unsafe { lines_of(text.as_bytes(), true, each) };
    }

    /// [`super::checked_lines`] with the vector pass.
    ///
    /// # Safety
    /// The CPU must have AVX2.
    #[target_feature(enable = "avx2")]
    pub(super) unsafe fn checked_lines<'a>(
        bytes: &'a [u8],
        each: impl FnMut(&'a str, super::Holds) -> bool,
    ) -> Option<&'a str> {
        // SAFETY: AVX2, as this function.
        match unsafe { lines_of(bytes, false, each) } {
            // SAFETY: `lines_of` found every byte ASCII or checked them.
            true => Some(unsafe { std::str::from_utf8_unchecked(bytes) }),
            false => None,
        }
    }

    /// The lines of `bytes` handed to `each` (until it says stop), each
    /// only once its bytes are known to be UTF-8: at once if `checked`
    /// (the caller knows them to be), else as each block is found ASCII,
    /// or once the rest is checked at the first block that is not. Whether
    /// `bytes` are UTF-8 (if `each` stops early, as far as it was read).
    ///
    /// # Safety
    /// The CPU must have AVX2; if `checked`, `bytes` must be UTF-8.
    #[inline]
    #[target_feature(enable = "avx2")]
    unsafe fn lines_of<'a>(
        bytes: &'a [u8],
        mut checked: bool,
        mut each: impl FnMut(&'a str, super::Holds) -> bool,
    ) -> bool {
        // SAFETY (of every `line` below): the bytes from `start` to `end`
        // are UTF-8 — `checked`, or ASCII to there — and start and end at
        // a `\n` or an end of `bytes`, never inside a character.
        let line = |start: usize, end: usize| {
            let line = unsafe { std::str::from_utf8_unchecked(&bytes[start..end]) };
            super::unbroken(line, end < bytes.len())
        };
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
            // A byte past ASCII: the rest checked (every byte before this
            // block is ASCII, so a character starts here).
            if !checked && _mm256_movemask_epi8(v) != 0 {
                if std::str::from_utf8(&bytes[at..]).is_err() {
                    return false;
                }
                checked = true;
            }
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
                if !each(line(start, end), holds) {
                    // What was not read yet is checked still.
                    return checked || std::str::from_utf8(&bytes[at..]).is_ok();
                }
                (start, held) = (end + 1, Holds::default());
                (c, e) = (c & !through, e & !through);
                breaks &= breaks - 1;
            }
            held.colon |= c != 0;
            held.escape |= e != 0;
            at += 32;
        }
        // The last bytes (fewer than 32), checked and searched; the first
        // line there may have started in a block above.
        if !checked && std::str::from_utf8(&bytes[at..]).is_err() {
            return false;
        }
        let mut from = at;
        while start < bytes.len() {
            let (end, tail) = super::searched(bytes, from);
            let holds =
                Holds { colon: held.colon || tail.colon, escape: held.escape || tail.escape };
            if !each(line(start, end), holds) {
                return true;
            }
            (start, held) = (end + 1, Holds::default());
            from = start;
        }
        true
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
#[path = "scan_tests.rs"]
mod tests;
