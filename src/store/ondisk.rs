//! Noticing that the annotation file changed on disk behind our back (a
//! `git pull`, a sync folder, another editor): what we last read or wrote
//! is remembered by size, modification time, inode and a SHA-256 of the
//! content; a file whose metadata differs is read and its hash compared.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use sha2::{Digest, Sha256};

use super::disk::{real_path, sibling, write_atomic};

/// What a version of the file looked like on disk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fingerprint {
    len: u64,
    modified: Option<SystemTime>,
    inode: u64,
    hash: [u8; 32],
}

impl Fingerprint {
    /// The print of `bytes` as written with metadata `meta`.
    pub fn new(meta: &fs::Metadata, bytes: &[u8]) -> Self {
        Self {
            len: meta.len(),
            modified: meta.modified().ok(),
            inode: inode(meta),
            hash: hash(bytes),
        }
    }

    /// The print of a file written with metadata `meta`, its bytes hashing
    /// to `hash` (SHA-256).
    pub fn of(meta: &fs::Metadata, hash: [u8; 32]) -> Self {
        Self { len: meta.len(), modified: meta.modified().ok(), inode: inode(meta), hash }
    }

    /// The print of a file read as `bytes` when its metadata was `before`
    /// and is still `after`; `None` if it changed while it was read.
    pub fn read(before: &fs::Metadata, after: &fs::Metadata, bytes: &[u8]) -> Option<Self> {
        let print = Self::new(after, bytes);
        let same = before.len() == after.len()
            && before.modified().ok() == after.modified().ok()
            && inode(before) == inode(after)
            && after.len() == bytes.len() as u64;
        same.then_some(print)
    }

    /// Same size, time and inode, and that time long enough ago that a
    /// same-size rewrite in the same clock tick cannot hide behind it.
    fn same_metadata(&self, meta: &fs::Metadata) -> bool {
        let settled = self
            .modified
            .and_then(|t| SystemTime::now().duration_since(t).ok())
            .is_some_and(|age| age > Duration::from_secs(2));
        settled
            && self.len == meta.len()
            && self.modified == meta.modified().ok()
            && self.inode == inode(meta)
    }
}

fn hash(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

#[cfg(unix)]
fn inode(meta: &fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::ino(meta)
}

#[cfg(not(unix))]
fn inode(_meta: &fs::Metadata) -> u64 {
    0
}

/// What is on disk now, compared with `known` (what we last read or wrote).
#[derive(Debug)]
pub enum Disk {
    /// As we left it (or gone: writing it again loses nothing).
    Unchanged,
    /// Someone else's version: its bytes and print.
    Changed(Vec<u8>, Fingerprint),
}

/// Looks at `path` against `known`. A touched file with the same content is
/// unchanged (and `known` follows its new metadata).
pub fn check(path: &Path, known: &mut Option<Fingerprint>) -> io::Result<Disk> {
    let path = real_path(path);
    let meta = match fs::metadata(&path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Disk::Unchanged),
        Err(e) => return Err(e),
    };
    if known.as_ref().is_some_and(|k| k.same_metadata(&meta)) {
        return Ok(Disk::Unchanged);
    }
    let bytes = super::read_file(&path)?;
    let print = Fingerprint::new(&meta, &bytes);
    match known {
        Some(k) if k.hash == print.hash => {
            *k = print;
            Ok(Disk::Unchanged)
        }
        _ => Ok(Disk::Changed(bytes, print)),
    }
}

/// Keeps `bytes` (their version, about to be replaced by ours at the user's
/// word) as `<file>.theirs-<UTC time>.ron` beside the real file.
pub fn keep_aside(path: &Path, bytes: &[u8]) -> io::Result<PathBuf> {
    let path = real_path(path);
    let time = jiff::Timestamp::now().strftime("%Y%m%dT%H%M%SZ").to_string();
    let mut aside = sibling(&path, &format!(".theirs-{time}.ron"));
    let mut n = 2;
    while aside.exists() {
        aside = sibling(&path, &format!(".theirs-{time}-{n}.ron"));
        n += 1;
    }
    write_atomic(&aside, bytes)?;
    Ok(aside)
}
