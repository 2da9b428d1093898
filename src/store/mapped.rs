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
mod imp {
    use super::*;
    use std::fs::File;
    use std::os::fd::AsRawFd;
    use std::sync::Mutex;

    /// `len` bytes at `at`; `lease` the file whose read lease keeps writers
    /// out, `None` once settled.
    pub(super) struct Map {
        at: *mut u8,
        len: usize,
        lease: Mutex<Option<File>>,
    }

    // SAFETY: the mapping is read-only to us and never moves; the lease is
    // behind a mutex.
    unsafe impl Send for Map {}
    unsafe impl Sync for Map {}

    fn page_len(len: usize) -> usize {
        // SAFETY: sysconf has no preconditions.
        let page = usize::try_from(unsafe { libc::sysconf(libc::_SC_PAGESIZE) }).unwrap_or(4096);
        len.div_ceil(page) * page
    }

    /// Whether the file is on a local file system whose leases hold every
    /// writer back. On a network file system (NFS, SMB, sshfs) a lease, if
    /// given at all, binds only this machine's programs: another machine
    /// could truncate the file under the map.
    pub(super) fn local(fd: i32) -> bool {
        const LOCAL: [u32; 6] = [
            0xEF53,      // ext2, ext3, ext4
            0x5846_5342, // xfs
            0x9123_683E, // btrfs
            0x0102_1994, // tmpfs
            0xF2F5_2010, // f2fs
            0x2FC1_2FC1, // zfs
        ];
        // SAFETY: fstatfs fills a zeroed struct for a descriptor we own.
        let mut fs: libc::statfs = unsafe { std::mem::zeroed() };
        let known = unsafe { libc::fstatfs(fd, &mut fs) } == 0;
        // Every magic number fits in 32 bits; f_type is 32 or 64 bits wide
        // and signed, so a 32-bit one may read as negative.
        let kind = fs.f_type as u32;
        known && LOCAL.contains(&kind)
    }

    impl Map {
        pub(super) fn open(path: &Path) -> io::Result<Option<Self>> {
            let file = File::open(path)?;
            let fd = file.as_raw_fd();
            if !local(fd) {
                return Ok(None);
            }
            // A lease break is announced with SIGIO, which by default ends
            // the process. Nothing else here uses it.
            // SAFETY: setting a disposition to SIG_IGN has no preconditions.
            unsafe { libc::signal(libc::SIGIO, libc::SIG_IGN) };
            // SAFETY: fcntl on a descriptor we own.
            if unsafe { libc::fcntl(fd, libc::F_SETLEASE, libc::F_RDLCK) } != 0 {
                return Ok(None);
            }
            // Its size under the lease: nobody can change it now.
            let len = usize::try_from(file.metadata()?.len()).unwrap_or(0);
            if len == 0 {
                return Ok(None);
            }
            // SAFETY: a fresh read-only private mapping of a file we hold
            // open; the kernel picks the address.
            let at = unsafe {
                libc::mmap(std::ptr::null_mut(), len, libc::PROT_READ, libc::MAP_PRIVATE, fd, 0)
            };
            if at == libc::MAP_FAILED {
                return Ok(None);
            }
            Ok(Some(Self { at: at.cast(), len, lease: Mutex::new(Some(file)) }))
        }

        pub(super) fn bytes(&self) -> &[u8] {
            // SAFETY: `len` readable bytes at `at` for as long as we live.
            unsafe { std::slice::from_raw_parts(self.at, self.len) }
        }

        pub(super) fn settle(&self) {
            let mut lease = self.lease.lock().unwrap_or_else(|e| e.into_inner());
            if lease.is_none() {
                return;
            }
            let len = page_len(self.len);
            // SAFETY: a fresh anonymous mapping; the kernel picks the address.
            let copy = unsafe {
                libc::mmap(
                    std::ptr::null_mut(),
                    len,
                    libc::PROT_READ | libc::PROT_WRITE,
                    libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                    -1,
                    0,
                )
            };
            if copy == libc::MAP_FAILED {
                return;
            }
            // In 2 MB pages where the kernel has them: a few faults, not
            // thousands (the copy is as large as the file).
            // SAFETY: advice on our own fresh mapping; ignored if refused.
            unsafe { libc::madvise(copy, len, libc::MADV_HUGEPAGE) };
            // SAFETY: both regions are `len` bytes (the map's last page
            // reads as zeros past the end, as the fresh copy is), and do not
            // overlap. Then the copy, read-only, is moved over the map in
            // one step: what is at each address stays the same bytes, so
            // text borrowed from the map (on any thread) reads on unchanged.
            let moved = unsafe {
                std::ptr::copy_nonoverlapping(self.at, copy.cast::<u8>(), self.len);
                libc::mprotect(copy, len, libc::PROT_READ);
                libc::mremap(copy, len, len, libc::MREMAP_MAYMOVE | libc::MREMAP_FIXED, self.at)
            };
            if moved == libc::MAP_FAILED {
                // SAFETY: the copy is ours and nothing points into it.
                unsafe { libc::munmap(copy, len) };
                return;
            }
            // Closing the file releases the lease.
            *lease = None;
        }
    }

    impl Drop for Map {
        fn drop(&mut self) {
            // SAFETY: the mapping is ours, and with us goes every borrow.
            unsafe { libc::munmap(self.at.cast(), page_len(self.len)) };
        }
    }
}

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
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::Duration;

    use crate::test_tmp::TempDir;

    /// `text` written as `talk.md` in a fresh directory, removed with the
    /// guard.
    fn file_with(name: &str, text: impl AsRef<[u8]>) -> (TempDir, std::path::PathBuf) {
        let dir = TempDir::new(&format!("crosstalk-mapped-{}-{name}", std::process::id()));
        let path = dir.join("talk.md");
        std::fs::write(&path, text).unwrap();
        (dir, path)
    }

    /// The map, or `None` with a notice where this file system gives no
    /// leases (the reader then reads the file, and there is nothing here
    /// to test).
    fn mapped(path: &Path) -> Option<Arc<Mapped>> {
        let map = Mapped::open(path).expect("opens");
        if map.is_none() {
            eprintln!("SKIPPED: no read lease on {} (the file is read instead)", path.display());
        }
        map
    }

    /// `text` written to a file and mapped, or `None` (with a notice, the
    /// file removed) where there is no lease.
    fn held(name: &str, text: &str) -> Option<(TempDir, std::path::PathBuf, MappedText)> {
        let (dir, path) = file_with(name, text);
        let map = mapped(&path)?;
        let held = MappedText::new(map).unwrap_or_else(|_| panic!("UTF-8"));
        Some((dir, path, held))
    }

    #[test]
    fn the_map_reads_as_the_file_and_settling_keeps_the_text_when_it_changes() {
        let text = "“U.S.” — 👩‍👩‍👧 e\u{301} 中文\n".repeat(5000);
        let Some((_dir, path, held)) = held("keeps", &text) else { return };
        assert_eq!(held.text(), text);
        let at = held.text().as_ptr();
        held.settle().settle();
        // The same text at the same place, the file now free to change:
        // shrunk to nothing and rewritten, it is not what we read.
        assert_eq!((held.text(), held.text().as_ptr()), (text.as_str(), at));
        std::fs::write(&path, "x").unwrap();
        assert_eq!(held.text(), text);
        // Settling twice does nothing more.
        held.settle().settle();
        assert_eq!(held.text(), text);
    }

    #[test]
    fn a_writer_waits_until_the_text_is_settled() {
        let text = "A paragraph of the panel.\n\n".repeat(1000);
        let Some((_dir, path, held)) = held("waits", &text) else { return };
        let settled = Arc::new(AtomicBool::new(false));
        let started = Arc::new(AtomicBool::new(false));
        let writer = std::thread::spawn({
            let (path, settled, started) =
                (path.clone(), Arc::clone(&settled), Arc::clone(&started));
            move || {
                started.store(true, Ordering::SeqCst);
                // Truncating the file under the map would kill the process
                // with SIGBUS: the lease holds this open back.
                std::fs::write(&path, "changed").unwrap();
                settled.load(Ordering::SeqCst)
            }
        });
        while !started.load(Ordering::SeqCst) {
            std::thread::yield_now();
        }
        // Time for the writer's open to reach the kernel (and, with no
        // lease, to truncate the file and read `settled` as false).
        std::thread::sleep(Duration::from_millis(200));
        assert_eq!(held.text(), text, "the file changed under the map");
        settled.store(true, Ordering::SeqCst);
        held.settle().settle();
        assert!(writer.join().unwrap(), "the writer went ahead before the text was settled");
        assert_eq!(held.text(), text);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "changed");
    }

    #[test]
    fn a_file_open_for_writing_is_not_mapped() {
        let (_dir, path) = file_with("open", "text\n");
        let _writer = std::fs::OpenOptions::new().append(true).open(&path).unwrap();
        assert!(Mapped::open(&path).unwrap().is_none());
    }

    #[test]
    fn only_local_file_systems_are_mapped() {
        use std::os::fd::AsRawFd;
        // procfs stands in for a network file system: not on the list.
        let proc = std::fs::File::open("/proc/self/status").unwrap();
        assert!(!super::imp::local(proc.as_raw_fd()));
        let (_dir, path) = file_with("local", "text\n");
        let here = std::fs::File::open(&path).unwrap();
        if !super::imp::local(here.as_raw_fd()) {
            eprintln!("SKIPPED half: {} is not on a file system known to be local", path.display());
        }
    }

    #[test]
    fn text_that_is_not_utf8_is_refused() {
        let (_dir, path) = file_with("bad", b"caf\xe9\n");
        if let Some(map) = mapped(&path) {
            assert!(MappedText::new(map).is_err());
        }
    }
}
