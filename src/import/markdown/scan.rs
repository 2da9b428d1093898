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
//! pass that only counts the line breaks takes 0.29). With AVX-512BW the
//! pass takes 64 bytes a step (`x86`): half the panel, in memory, with
//! what each line holds, 0.49 -> 0.28 ms.

/// What a line holds (its line break not counted).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Holds {
    /// `:` or a byte `0x9A` (the last of `：`): the line may open with a
    /// label.
    pub colon: bool,
    /// A byte that may start inline markup, an escape or a character
    /// reference (one of [`super::inline::SPECIAL`]).
    pub markup: bool,
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
/// the vector pass inlined into the loop where the processor has AVX2 or
/// AVX-512BW:
/// through [`lines`] every line is a call through a function pointer,
/// which nothing can inline.
pub(super) fn each_line<'a>(text: &'a str, mut each: impl FnMut(&'a str, Holds) -> bool) {
    #[cfg(target_arch = "x86_64")]
    match x86::vector() {
        // SAFETY: the processor has AVX-512BW, checked by `vector`.
        Some(x86::Vector::Avx512) => return unsafe { x86::avx512::each_line(text, each) },
        // SAFETY: the processor has AVX2, checked by `vector`.
        Some(x86::Vector::Avx2) => return unsafe { x86::avx2::each_line(text, each) },
        None => {}
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
/// fit a cache). Where the processor has AVX2 (or AVX-512BW), each 32-byte
/// (64-byte) step of the line loop is looked at for a byte past ASCII on
/// the way; at the first such step, the rest is checked by the standard library's check (so
/// text with curly quotes in every block costs what it did, and plain
/// ASCII nothing more than the lines).
pub(super) fn checked_lines<'a>(
    bytes: &'a [u8],
    mut each: impl FnMut(&'a str, Holds) -> bool,
) -> Option<&'a str> {
    #[cfg(target_arch = "x86_64")]
    match x86::vector() {
        // SAFETY: the processor has AVX-512BW, checked by `vector`.
        Some(x86::Vector::Avx512) => return unsafe { x86::avx512::checked_lines(bytes, each) },
        // SAFETY: the processor has AVX2, checked by `vector`.
        Some(x86::Vector::Avx2) => return unsafe { x86::avx2::checked_lines(bytes, each) },
        None => {}
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
            unsafe { x86::avx2::line(bytes, from) }
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
        markup: line.iter().any(|&b| super::inline::special(b)),
    };
    (end, holds)
}

#[cfg(target_arch = "x86_64")]
#[path = "scan_x86.rs"]
mod x86;

#[cfg(test)]
#[path = "scan_tests.rs"]
mod tests;
