//! The map, the lease and the settling, on Linux.

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
