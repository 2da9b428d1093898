//! Paths under the system temp dir that a test owns: removed when the
//! guard is dropped, at the end of the test or while a failed one unwinds,
//! so test runs leave nothing behind in `/tmp`.
//!
//! One file shared by the integration tests (`common::tmp`), the unit tests
//! (`crate::test_tmp`) and the benches, each through `#[path]`.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::fmt;
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// `temp_dir()/leaf`, removed (whatever is there by then: a tree, a file,
/// read-only folders) when dropped. Declare it before anything that uses
/// the path, a spawned child included, so it is dropped after them.
#[must_use = "the path is removed when the guard is dropped"]
pub struct TempDir {
    path: PathBuf,
}

impl TempDir {
    /// A fresh, empty directory `temp_dir()/leaf` (any leftover of an
    /// earlier run removed first).
    pub fn new(leaf: &str) -> Self {
        let guard = Self::reserve(leaf);
        std::fs::create_dir_all(&guard.path).expect("temp dir");
        guard
    }

    /// `temp_dir()/leaf`, nothing there: for a test or a child process to
    /// create, as a file or a directory.
    pub fn reserve(leaf: &str) -> Self {
        let path = std::env::temp_dir().join(leaf);
        remove(&path);
        Self { path }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        remove(&self.path);
    }
}

impl Deref for TempDir {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.path
    }
}

impl AsRef<Path> for TempDir {
    fn as_ref(&self) -> &Path {
        &self.path
    }
}

impl AsRef<OsStr> for TempDir {
    fn as_ref(&self) -> &OsStr {
        self.path.as_os_str()
    }
}

impl fmt::Debug for TempDir {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.path.fmt(f)
    }
}

/// Removes `path`, a file or a whole tree, folders a test made read-only
/// included. A child process that has just been killed may still be
/// writing into it: a few tries. What cannot be removed is reported, not a
/// panic (this runs while tests unwind).
pub fn remove(path: &Path) {
    for attempt in 0..5 {
        let Ok(meta) = std::fs::symlink_metadata(path) else { return };
        let removed = if meta.is_dir() {
            std::fs::remove_dir_all(path).or_else(|_| {
                open_up(path);
                std::fs::remove_dir_all(path)
            })
        } else {
            std::fs::remove_file(path)
        };
        match removed {
            Ok(()) => return,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return,
            Err(e) if attempt == 4 => eprintln!("could not remove {}: {e}", path.display()),
            Err(_) => std::thread::sleep(Duration::from_millis(50)),
        }
    }
}

/// Gives the owner back full rights on every folder under `path` (symbolic
/// links not followed), so that it can be emptied.
fn open_up(path: &Path) {
    let Ok(meta) = std::fs::symlink_metadata(path) else { return };
    if !meta.is_dir() {
        return;
    }
    let mut perms = meta.permissions();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        perms.set_mode(perms.mode() | 0o700);
    }
    #[cfg(not(unix))]
    perms.set_readonly(false);
    let _ = std::fs::set_permissions(path, perms);
    for entry in std::fs::read_dir(path).into_iter().flatten().flatten() {
        open_up(&entry.path());
    }
}

/// Says that a test could not do its work here and why, where it cannot
/// be missed: straight to standard error (`cargo test` captures what
/// `eprintln!` writes in a test that passes, and the test would show as a
/// silent `ok`).
pub fn skipped(why: fmt::Arguments) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "SKIPPED: {why}");
}
