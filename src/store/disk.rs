//! Writing files crash-safely, and what that leaves on disk.
//!
//! A save goes to a temporary file beside the file's *real* place (through
//! any symlinks, so the link stays a link), takes the old file's mode and
//! owner, is fsynced, renamed over the old file, and the directory fsynced.
//! Temporary files are named `<name>.<pid>.tmp` (and backups in the making
//! `<name>.bak.<pid>.tmp`), so the next start can tell whose they are and
//! remove those of processes that are gone.

use crate::model::sanitize::Shown;
use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// How many symlinks are followed before giving up (as the kernel's ELOOP).
const MAX_LINKS: usize = 40;

/// Where `path` really is: symlinks followed, even a dangling last one
/// (writing then creates its target). Anything unreadable stays as given.
pub fn real_path(path: &Path) -> PathBuf {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        let is_link = fs::symlink_metadata(&current).is_ok_and(|m| m.file_type().is_symlink());
        if !is_link {
            return current;
        }
        let Ok(target) = fs::read_link(&current) else { return current };
        current = match current.parent() {
            Some(dir) if target.is_relative() => dir.join(target),
            _ => target,
        };
    }
    current
}

/// `<dir>/<name><suffix>` for the file name of `path`.
pub(crate) fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name: OsString = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

/// Writes `bytes` to `path` crash-safely, through symlinks, keeping the
/// file's mode and owner (a new file gets `0666 & !umask`): at every instant
/// the file holds either its old or its new content, whole.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_meta(path, bytes).map(drop)
}

/// [`write_atomic`], returning the new file's metadata (taken before the
/// rename, so it is ours even if someone replaces the file right after).
pub(crate) fn write_atomic_meta(path: &Path, bytes: &[u8]) -> io::Result<fs::Metadata> {
    atomic(path, |f: &mut File| f.write_all(bytes))
}

/// [`write_atomic`] with the content written by `write`, which may fail
/// (leaving the old file as it was).
pub fn write_atomic_with<E: From<io::Error>>(
    path: &Path,
    write: impl FnOnce(&mut File) -> Result<(), E>,
) -> Result<(), E> {
    atomic(path, write).map(drop)
}

/// [`write_atomic_with`], returning the new file's metadata as
/// [`write_atomic_meta`] does.
pub(crate) fn write_atomic_with_meta<E: From<io::Error>>(
    path: &Path,
    write: impl FnOnce(&mut File) -> Result<(), E>,
) -> Result<fs::Metadata, E> {
    atomic(path, write)
}

fn atomic<E: From<io::Error>>(
    path: &Path,
    write: impl FnOnce(&mut File) -> Result<(), E>,
) -> Result<fs::Metadata, E> {
    let path = real_path(path);
    // A device, a pipe or a socket (`-o /dev/null`, `-o /dev/stdout`, a
    // named pipe) is written into, never replaced: a rename over it made
    // `/dev/null` a file of the machine's.
    if let Ok(meta) = fs::metadata(&path)
        && !meta.is_file()
        && !meta.is_dir()
    {
        let mut file = OpenOptions::new().write(true).open(&path)?;
        write(&mut file)?;
        file.flush()?;
        return Ok(file.metadata()?);
    }
    let tmp = sibling(&path, &format!(".{}.tmp", std::process::id()));
    let result = write_then_rename(&path, &tmp, write);
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

fn write_then_rename<E: From<io::Error>>(
    path: &Path,
    tmp: &Path,
    write: impl FnOnce(&mut File) -> Result<(), E>,
) -> Result<fs::Metadata, E> {
    let old = fs::metadata(path).ok();
    let _ = fs::remove_file(tmp);
    let mut file = create(tmp, old.as_ref())?;
    write(&mut file)?;
    file.sync_all()?;
    let meta = file.metadata()?;
    drop(file);
    fs::rename(tmp, path)?;
    sync_dir(path)?;
    Ok(meta)
}

#[cfg(unix)]
fn create(tmp: &Path, old: Option<&fs::Metadata>) -> io::Result<File> {
    use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt, fchown};
    // Private until it has the old file's mode; a new file gets what the
    // umask allows, as any editor's would.
    let mode = if old.is_some() { 0o600 } else { 0o666 };
    let file = OpenOptions::new().write(true).create_new(true).mode(mode).open(tmp)?;
    if let Some(old) = old {
        // Owner first (only root may give a file away; a group we belong to
        // works for anyone), since chown clears set-id bits.
        let _ = fchown(&file, Some(old.uid()), Some(old.gid()));
        file.set_permissions(fs::Permissions::from_mode(old.mode() & 0o7777))?;
    }
    Ok(file)
}

#[cfg(not(unix))]
fn create(tmp: &Path, _old: Option<&fs::Metadata>) -> io::Result<File> {
    OpenOptions::new().write(true).create_new(true).open(tmp)
}

#[cfg(unix)]
fn sync_dir(path: &Path) -> io::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_path: &Path) -> io::Result<()> {
    Ok(())
}

/// Why this user must not write the existing file at `path`, if so: no
/// write bit set for anyone (so even root, who may write anything, leaves a
/// 0444 file alone), or access(2) says no.
pub fn not_writable(path: &Path) -> Option<String> {
    let path = real_path(path);
    let meta = fs::metadata(&path).ok()?;
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        use std::os::unix::fs::PermissionsExt;
        let mode = meta.permissions().mode() & 0o7777;
        if mode & 0o222 == 0 {
            return Some(format!("{} is read-only (mode {mode:04o})", path.shown()));
        }
        let c = std::ffi::CString::new(path.as_os_str().as_bytes()).ok()?;
        // SAFETY: `c` is a valid NUL-terminated path; access only reads it.
        if unsafe { libc::access(c.as_ptr(), libc::W_OK) } != 0 {
            let e = io::Error::last_os_error();
            return Some(format!("{}: cannot write: {e}", path.shown()));
        }
        None
    }
    #[cfg(not(unix))]
    {
        meta.permissions().readonly().then(|| format!("{} is read-only", path.shown()))
    }
}

/// Removes what killed saves of the annotation file `path` left behind:
/// `<name>.<pid>.tmp` and `<name>.bak.<pid>.tmp` whose process is gone, and
/// atomic-write-file's `.<name>.XXXXXX` (older crosstalks) once an hour old
/// and holding an annotation file. Call it holding the lock, so no other
/// crosstalk is saving this file. Returns what was removed.
pub fn clean_leftovers(path: &Path) -> Vec<PathBuf> {
    let path = real_path(path);
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else { return Vec::new() };
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let Ok(entries) = fs::read_dir(dir) else { return Vec::new() };
    let mut removed = Vec::new();
    for entry in entries.flatten() {
        let Ok(file_name) = entry.file_name().into_string() else { continue };
        let ours = match leftover_pid(&file_name, name) {
            Some(pid) => pid != std::process::id() && !super::lock::process_alive(pid),
            None => is_old_atomic_write_file(&entry, &file_name, name),
        };
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if ours && is_file && fs::remove_file(entry.path()).is_ok() {
            removed.push(entry.path());
        }
    }
    removed
}

/// The pid in `<name>.<pid>.tmp` or `<name>.bak.<pid>.tmp`.
fn leftover_pid(file_name: &str, name: &str) -> Option<u32> {
    let rest = file_name.strip_prefix(name)?.strip_prefix('.')?;
    let rest = rest.strip_prefix("bak.").unwrap_or(rest);
    let digits = rest.strip_suffix(".tmp")?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// `.<name>.` and six letters or digits, an hour old, starting as our
/// annotation files do: nothing else's file looks like that.
fn is_old_atomic_write_file(entry: &fs::DirEntry, file_name: &str, name: &str) -> bool {
    let Some(suffix) = file_name.strip_prefix('.').and_then(|f| f.strip_prefix(name)) else {
        return false;
    };
    let Some(random) = suffix.strip_prefix('.') else { return false };
    if random.len() != 6 || !random.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return false;
    }
    let old = entry
        .metadata()
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| SystemTime::now().duration_since(t).ok())
        .is_some_and(|age| age > Duration::from_secs(3600));
    let mut head = [0u8; 32];
    let starts_right = File::open(entry.path())
        .and_then(|mut f| io::Read::read(&mut f, &mut head))
        .is_ok_and(|n| head[..n].starts_with(b"(\n    version: "));
    old && starts_right
}

/// The whole of the file at `path`, as [`fs::read`] but faster for a large
/// file in a fresh process: its buffer is asked of the kernel in 2 MB pages
/// (transparent huge pages). Reading 12.8 MB into a new buffer cost 9 ms,
/// most of it faulting in and zeroing 3,000 pages of 4 KB one at a time;
/// with the advice it is a handful of faults. Where the kernel does not
/// give huge pages the advice is ignored and this is `fs::read`.
pub fn read_file(path: &Path) -> io::Result<Vec<u8>> {
    use std::io::{Read, Seek, SeekFrom};
    let mut file = File::open(path)?;
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    let len = usize::try_from(len).unwrap_or(0);
    // One more byte, so read_to_end sees the end without growing the buffer.
    let mut bytes = Vec::with_capacity(len.saturating_add(1));
    advise_huge_pages(&mut bytes);
    if len >= TWO_READERS && read_halves(&file, &mut bytes, len) {
        // Whatever was added since the size was taken.
        file.seek(SeekFrom::Start(len as u64))?;
    }
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// From this size a file is read by two threads, each copying half from
/// the page cache (and faulting in half the buffer): a 12.8 MB file took
/// 7 ms to read on one core.
const TWO_READERS: usize = 4 << 20;

/// Reads the file's first `len` bytes into `bytes` (empty, with room for
/// them) on two threads at once; `false`, with `bytes` still empty, if
/// either half came short (the file shrank, or a read failed): the caller
/// then reads it the ordinary way.
#[cfg(unix)]
fn read_halves(file: &File, bytes: &mut Vec<u8>, len: usize) -> bool {
    use std::os::fd::AsRawFd;
    debug_assert!(bytes.is_empty() && bytes.capacity() >= len);
    let fd = file.as_raw_fd();
    let base = bytes.as_mut_ptr() as usize;
    // Reads bytes [from, to) of the file to the same place in the buffer.
    let read = move |from: usize, to: usize| {
        let mut at = from;
        while at < to {
            // Past what `off_t` holds (a 32-bit build): the ordinary read.
            let Ok(offset) = libc::off_t::try_from(at) else { return false };
            // SAFETY: [at, to) lies inside the buffer's capacity (to <= len
            // <= capacity), the two threads write disjoint ranges, and the
            // buffer outlives both (the scope joins them before it is used).
            let n = unsafe { libc::pread(fd, (base + at) as *mut libc::c_void, to - at, offset) };
            match n {
                n if n > 0 => at += n as usize,
                -1 if io::Error::last_os_error().kind() == io::ErrorKind::Interrupted => {}
                _ => return false,
            }
        }
        true
    };
    let mid = len / 2;
    let whole = std::thread::scope(|s| {
        // No thread to be had (a process limit): the ordinary read, not a panic.
        let Ok(second) = std::thread::Builder::new().spawn_scoped(s, || read(mid, len)) else {
            return false;
        };
        let first = read(0, mid);
        first && second.join().unwrap_or(false)
    });
    if whole {
        // SAFETY: all `len` bytes were written by the reads above.
        unsafe { bytes.set_len(len) };
    }
    whole
}

#[cfg(not(unix))]
fn read_halves(_: &File, _: &mut Vec<u8>, _: usize) -> bool {
    false
}

/// Below this a buffer is too small to hold a 2 MB page.
const HUGE_PAGE: usize = 2 << 20;

/// Advises the kernel to back the 2 MB-aligned part of `bytes`' capacity
/// with huge pages, before any of it is touched.
#[cfg(target_os = "linux")]
fn advise_huge_pages(bytes: &mut Vec<u8>) {
    let start = bytes.as_mut_ptr() as usize;
    let end = start + bytes.capacity();
    let from = start.next_multiple_of(HUGE_PAGE);
    let to = end / HUGE_PAGE * HUGE_PAGE;
    if to > from {
        // SAFETY: the range lies inside the Vec's own allocation, and
        // MADV_HUGEPAGE changes only how pages are supplied, never their
        // contents; a failure leaves it as it was, so it is not checked.
        unsafe { libc::madvise(from as *mut libc::c_void, to - from, libc::MADV_HUGEPAGE) };
    }
}

#[cfg(not(target_os = "linux"))]
fn advise_huge_pages(_: &mut Vec<u8>) {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_tmp::TempDir;

    #[test]
    fn read_file_reads_what_fs_read_does() {
        let dir = TempDir::new(&format!("crosstalk-read-{}", std::process::id()));
        // Empty, small, and large enough for the huge-page advice (5 MB, not
        // a multiple of anything), each byte different from its neighbours.
        for len in [0usize, 1, 4095, 5 * 1024 * 1024 + 17, TWO_READERS, TWO_READERS + 1] {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 7 % 251) as u8).collect();
            let path = dir.join(format!("f{len}"));
            fs::write(&path, &bytes).unwrap();
            assert_eq!(read_file(&path).unwrap(), bytes, "{len} bytes");
        }
        assert!(read_file(&dir.join("missing")).is_err());
    }

    #[test]
    fn leftover_names_are_matched_exactly() {
        let n = "t.annotations.ron";
        assert_eq!(leftover_pid("t.annotations.ron.123.tmp", n), Some(123));
        assert_eq!(leftover_pid("t.annotations.ron.bak.77.tmp", n), Some(77));
        for other in [
            "t.annotations.ron.tmp",
            "t.annotations.ron..tmp",
            "t.annotations.ron.12a.tmp",
            "t.annotations.ron.bak",
            "xt.annotations.ron.1.tmp",
            "t.annotations.ron.1.tmp.x",
            "t.annotations.ron.theirs-1.ron",
        ] {
            assert_eq!(leftover_pid(other, n), None, "{other}");
        }
    }
}
