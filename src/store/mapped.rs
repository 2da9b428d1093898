//! Opening a large file without reading it first: a memory map, held
//! safe by a read lease until the text is copied to memory of our own.
//!
//! Reading a 12.8 MB file cost 5–9 ms before the first frame (most of it
//! the kernel zeroing fresh pages to copy into); mapping it costs a tenth
//! of a millisecond. A map alone would not be safe: another program that
//! truncates the file would kill us with `SIGBUS`, and one that rewrites it
//! in place would change text we checked as UTF-8. So the file is mapped
//! only under a read lease (`F_SETLEASE`), which makes the kernel hold back
//! another program's open for writing, and `truncate(2)`, until we let go;
//! just after the first frame (see `ui::settling`), [`Settle::settle`] copies the text to private
//! memory moved in at the same addresses (what the paragraphs borrow never
//! moves and never changes) and lets go. A writer waits that long: the
//! parse, the annotation file, the first frame and 40 ms more. Where
//! there is no lease to be had (another owner's file, a file open for
//! writing, a file system without leases, not Linux), or the file system
//! is not a local one (a lease there binds only this machine's programs),
//! the file is read as before.
//!
//! What a lease does not cover, and is left: an open with `O_RDONLY |
//! O_TRUNC` truncates without breaking it, and a lease not let go of within
//! the kernel's lease-break time (45 s; a process stopped with Ctrl-Z
//! before its first frame) is taken away. A program truncating the file in
//! either window kills the reader with `SIGBUS`: before its first frame, or
//! in the 40 ms after it while no key comes (the first key settles the file
//! before it is acted on), so before any change of the user's but one made
//! by keys typed before the reader was up.

use std::io;
use std::path::Path;
use std::sync::Arc;

use crate::model::SourceText;

/// Files smaller than this are read: their copy costs less than the lease.
pub const MAP_FROM: u64 = 1 << 20;

/// A file's bytes, mapped under a read lease until settled.
pub struct Mapped {
    map: imp::Map,
}

/// The text of a [`Mapped`] file, checked as UTF-8.
pub struct MappedText(Arc<Mapped>);

/// What the reader does after its first frame: copy the mapped text to
/// memory of our own and release the file.
pub struct Settle(Arc<Mapped>);

impl Mapped {
    /// `path` mapped under a read lease; `Ok(None)` where that cannot be
    /// done (see the module's notes) and the file should be read instead.
    pub fn open(path: &Path) -> io::Result<Option<Arc<Mapped>>> {
        imp::Map::open(path).map(|map| map.map(|map| Arc::new(Mapped { map })))
    }

    pub fn bytes(&self) -> &[u8] {
        self.map.bytes()
    }
}

impl MappedText {
    /// The mapped text, if it is UTF-8 (else the bytes back, for the error).
    #[cfg(test)]
    pub fn new(mapped: Arc<Mapped>) -> Result<Self, Arc<Mapped>> {
        Self::new_visiting(mapped, |_, _| {})
    }

    /// The mapped text, if it is UTF-8, handing `visit` each block of lines as it is
    /// found to be UTF-8, with its offset: the first pass over a mapped
    /// file is what brings it in from the page cache, and a block of
    /// `BLOCK` is still in the processor's cache for a second look. (The
    /// Markdown reader's look for its headings cost 0.6 ms of the 12.8 MB
    /// panel's open as a pass of its own.) On `Err`, `visit` may have seen
    /// some blocks.
    pub fn new_visiting(
        mapped: Arc<Mapped>,
        visit: impl FnMut(usize, &str),
    ) -> Result<Self, Arc<Mapped>> {
        match checked_blocks(mapped.bytes(), BLOCK, visit) {
            true => Ok(Self(mapped)),
            false => Err(mapped),
        }
    }

    /// [`MappedText::new_visiting`], the text checked as two halves side by
    /// side ([`crate::cores::both_last`]; the first ending after a line
    /// break near the middle), each half's blocks handed to `visit` with a
    /// visitor of its own, `make(from)` for the half that starts at `from`;
    /// the two visitors come back in order. (The check of the 12.8 MB panel
    /// was a millisecond on one core.)
    ///
    /// The last half a thread ready on the other core is asked for: it goes
    /// on to the frame buffers as soon as its half is done, not once the
    /// whole file is read (at 200×60 the first frame of the panel came
    /// 0.16 ms sooner, instrumented). Should the sections then have to be
    /// read apart, that starts a thread of its own.
    ///
    /// `visit` checks each block itself, as it reads it (one pass over the
    /// map, not a check and then a read): it gives back the block as text,
    /// or `None` if it is not UTF-8.
    pub fn new_visiting_halves<V: Send>(
        mapped: Arc<Mapped>,
        make: impl Fn(usize) -> V + Sync,
        visit: impl for<'b> Fn(&mut V, usize, &'b [u8]) -> Option<&'b str> + Sync,
    ) -> Result<(Self, V, V), Arc<Mapped>> {
        let bytes = mapped.bytes();
        let mid = middle(bytes);
        let (first, second) = bytes.split_at(mid);
        let checked = |from: usize, part: &[u8]| {
            let mut visitor = make(from);
            let ok = checked_by(part, BLOCK, |at, block| visit(&mut visitor, from + at, block));
            (ok, visitor)
        };
        let ((a_ok, a), (b_ok, b)) =
            crate::cores::both_last(|| checked(0, first), || checked(mid, second));
        match a_ok && b_ok {
            true => Ok((Self(mapped), a, b)),
            false => Err(mapped),
        }
    }

    /// What settles the same file.
    pub fn settle(&self) -> Settle {
        Settle(Arc::clone(&self.0))
    }
}

/// Where to cut `bytes` in two near the middle: at the start of a blank
/// line in the next 1 MiB if there is one (a paragraph never runs on
/// across it: see `import::markdown::onepass`), else at the start of a
/// line; the end if there is none after the middle.
fn middle(bytes: &[u8]) -> usize {
    let half = bytes.len() / 2;
    let near = &bytes[half..bytes.len().min(half + (1 << 20))];
    // `\n\n` or `\n\r\n`: cut after the first `\n`.
    let blank = memchr::memchr_iter(b'\n', near)
        .find(|&at| matches!(&near[at + 1..], [b'\n', ..] | [b'\r', b'\n', ..]));
    let line = || memchr::memchr(b'\n', &bytes[half..]).map(|at| half + at + 1);
    blank.map(|at| half + at + 1).or_else(line).unwrap_or(bytes.len())
}

/// The size of the blocks [`MappedText::new_visiting`] hands over (each
/// runs on to the end of its line): well inside a core's own cache.
const BLOCK: usize = 128 << 10;

/// Whether `bytes` are UTF-8, checked a block of about `size` bytes at a
/// time, each running on to the end of its line (its `\n` included) and
/// handed to `visit` with its offset once checked. A `\n` is never part
/// of a longer character, so the blocks are UTF-8 if and only if the whole
/// is; `visit` sees nothing after the first block that is not.
fn checked_blocks(bytes: &[u8], size: usize, mut visit: impl FnMut(usize, &str)) -> bool {
    checked_by(bytes, size, |at, block| {
        let text = std::str::from_utf8(block).ok()?;
        visit(at, text);
        Some(text)
    })
}

/// [`checked_blocks`], each block checked by `check` (which may read it on
/// the way): the block as text, or `None` if it is not UTF-8. Only the
/// block itself, given back as text, counts as checked.
fn checked_by(
    bytes: &[u8],
    size: usize,
    mut check: impl for<'b> FnMut(usize, &'b [u8]) -> Option<&'b str>,
) -> bool {
    let mut from = 0;
    while from < bytes.len() {
        let near = (from + size.max(1)).min(bytes.len());
        let end = memchr::memchr(b'\n', &bytes[near..]).map_or(bytes.len(), |at| near + at + 1);
        let block = &bytes[from..end];
        match check(from, block) {
            Some(text) if std::ptr::eq(text.as_bytes(), block) => {}
            _ => return false,
        }
        from = end;
    }
    true
}

impl SourceText for MappedText {
    fn text(&self) -> &str {
        // SAFETY: checked as UTF-8 when made; the bytes cannot change while
        // the lease holds writers back, and settling puts the same bytes
        // at the same addresses before it lets go.
        unsafe { std::str::from_utf8_unchecked(self.0.bytes()) }
    }

    fn twin(&self) -> Option<Box<dyn SourceText>> {
        Some(Box::new(MappedText(Arc::clone(&self.0))))
    }
}

impl Settle {
    /// Copies the text to private memory and releases the file; dropping
    /// the `Settle` does the same. If the copy cannot be made (no memory),
    /// the lease is kept: a writer waits for the kernel's lease-break time
    /// (45 s by default), after which the lease is taken away and the map
    /// is as unsafe as the module's notes say.
    pub fn settle(self) {}
}

impl Drop for Settle {
    fn drop(&mut self) {
        self.0.map.settle();
    }
}

#[cfg(target_os = "linux")]
mod imp;

#[cfg(not(target_os = "linux"))]
mod imp {
    use super::*;

    /// No leases here: files are read, never mapped.
    pub(super) struct Map(std::convert::Infallible);

    impl Map {
        pub(super) fn open(_: &Path) -> io::Result<Option<Self>> {
            Ok(None)
        }

        pub(super) fn bytes(&self) -> &[u8] {
            match self.0 {}
        }

        pub(super) fn settle(&self) {
            match self.0 {}
        }
    }
}

#[cfg(test)]
mod block_tests {
    use proptest::prelude::*;

    proptest! {
        /// Checked a block at a time, bytes are UTF-8 just when they are
        /// whole; the blocks handed over are the whole, in order, each
        /// starting a line.
        #[test]
        fn blocks_are_utf8_just_when_the_whole_is(
            bytes in prop::collection::vec(
                prop::sample::select(vec![b'a', b'\n', b'\r', 0xC3, 0xA9, 0xE2, 0x80, 0x94, 0xF0, 0x9F, 0xFF]),
                0..300,
            ),
            size in 0usize..64,
        ) {
            let mut seen = Vec::new();
            let ok = super::checked_blocks(&bytes, size, |at, block| seen.push((at, block.to_owned())));
            prop_assert_eq!(ok, std::str::from_utf8(&bytes).is_ok());
            let mut next = 0;
            for (at, block) in &seen {
                prop_assert_eq!(*at, next);
                prop_assert!(*at == 0 || bytes[at - 1] == b'\n');
                next = at + block.len();
            }
            if ok {
                prop_assert_eq!(next, bytes.len());
            }
        }
    }

    /// The cut of a file in two: just after the first line break that a
    /// blank line follows within 1 MiB of the middle, else just after a
    /// line break, else at the end.
    #[test]
    fn halves_are_cut_at_a_blank_line_near_the_middle() {
        assert_eq!(super::middle(b"aaaa\nbb\n\ncc\n"), 8);
        assert_eq!(super::middle(b"aaaa\r\nbb\r\n\r\ncc"), 10);
        assert_eq!(super::middle(b"aaaa\nbbbb\ncc"), 10);
        assert_eq!(super::middle(b"aaaaaaaa"), 8);
        // No blank line near the middle: a line's start.
        let mut far = vec![b'x'; 4 << 20];
        far[(2 << 20) + 5] = b'\n';
        far[(4 << 20) - 3] = b'\n';
        far[(4 << 20) - 2] = b'\n';
        assert_eq!(super::middle(&far), (2 << 20) + 6);
    }

    /// A check that gives back any text but the block's own (another
    /// text, or part of the block) has not checked the block.
    #[test]
    fn only_the_block_itself_counts_as_checked() {
        let bytes = b"one\ntwo\n";
        assert!(super::checked_by(bytes, 0, |_, block| std::str::from_utf8(block).ok()));
        assert!(!super::checked_by(bytes, 0, |_, _| Some("one\n")));
        assert!(!super::checked_by(bytes, 0, |_, block| {
            std::str::from_utf8(&block[..block.len() - 1]).ok()
        }));
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests;
