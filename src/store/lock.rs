//! `<file>.lock`: one crosstalk writes an annotation file at a time.
//!
//! The lock records the holder's pid, its start time (field 22 of
//! `/proc/<pid>/stat`) and the host name, one `key=value` a line. A lock is
//! stale, and taken over, when it was made on this host and its process is
//! gone — or the pid now belongs to another process, started at another
//! time. A lock made on another host (a shared or synced folder) cannot be
//! checked from here, so it is respected and the message names that host.
//! Old locks hold just a pid: stale only when that pid is gone.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::disk::{real_path, sibling};
use crate::model::sanitize::Shown;

/// Held while this process writes an annotation file; removed on drop.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
}

/// Why the lock could not be taken.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum LockError {
    #[error("open in another crosstalk (pid {pid})")]
    Held { pid: u32 },
    #[error("open in another crosstalk on {host} (pid {pid}); delete {lock} if it has quit")]
    OtherHost { pid: u32, host: String, lock: String },
    #[error("cannot create {path} ({why}); --annotations PATH keeps the work in a file elsewhere")]
    Create { path: String, why: String },
}

/// What a lock file says.
#[derive(Debug, Default, PartialEq, Eq)]
struct Holder {
    pid: u32,
    start: Option<u64>,
    host: Option<String>,
}

/// `<path>.lock`.
pub fn lock_path(path: &Path) -> PathBuf {
    sibling(path, ".lock")
}

/// Takes the lock on annotation file `path` (beside its real place, so two
/// links to one file share a lock), taking over a stale one.
pub fn lock(path: &Path) -> Result<Lock, LockError> {
    let lock = lock_path(&real_path(path));
    if let Some(dir) = lock.parent().filter(|d| !d.as_os_str().is_empty()) {
        let _ = fs::create_dir_all(dir);
    }
    let cannot = |why: &io::Error| LockError::Create {
        path: lock.shown(),
        why: match why.kind() {
            io::ErrorKind::PermissionDenied => "permission denied".into(),
            io::ErrorKind::ReadOnlyFilesystem => "read-only file system".into(),
            io::ErrorKind::NotFound => "no such folder".into(),
            io::ErrorKind::AlreadyExists => "a stale lock there could not be removed".into(),
            _ => why.to_string(),
        },
    };
    for _ in 0..2 {
        match OpenOptions::new().write(true).create_new(true).open(&lock) {
            Ok(mut f) => {
                // Not fsynced (that was a tenth of the time to open a short
                // file): a lock outlives no crash that its holder does not,
                // and one left empty or unreadable is taken over as stale.
                let _ = f.write_all(describe_self().as_bytes());
                return Ok(Lock { path: lock });
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                // Unreadable or empty: a holder killed between create and write.
                let holder = fs::read_to_string(&lock).ok().and_then(|s| parse(&s));
                match holder {
                    Some(h) if h.host.as_ref().is_some_and(|host| *host != host_name()) => {
                        return Err(LockError::OtherHost {
                            pid: h.pid,
                            host: h.host.unwrap_or_default(),
                            lock: lock.shown(),
                        });
                    }
                    Some(h) if holder_alive(&h) => return Err(LockError::Held { pid: h.pid }),
                    _ => {
                        let _ = fs::remove_file(&lock);
                    }
                }
            }
            Err(e) => return Err(cannot(&e)),
        }
    }
    Err(cannot(&io::Error::from(io::ErrorKind::AlreadyExists)))
}

impl Lock {
    /// The lock file, for a last-resort exit that cannot drop the lock.
    pub fn path(&self) -> &std::path::Path {
        &self.path
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

fn describe_self() -> String {
    let pid = std::process::id();
    let mut text = format!("pid={pid}\n");
    if let Some(start) = start_time(pid) {
        text.push_str(&format!("start={start}\n"));
    }
    text.push_str(&format!("host={}\n", host_name()));
    text
}

/// Reads a lock: `key=value` lines, or an old one with just the pid.
fn parse(text: &str) -> Option<Holder> {
    if let Ok(pid) = text.trim().parse::<u32>() {
        return Some(Holder { pid, ..Holder::default() });
    }
    let mut holder = Holder::default();
    let mut pid = None;
    for line in text.lines() {
        match line.split_once('=') {
            Some(("pid", v)) => pid = v.trim().parse().ok(),
            Some(("start", v)) => holder.start = v.trim().parse().ok(),
            Some(("host", v)) => holder.host = Some(v.trim().to_owned()),
            _ => {}
        }
    }
    holder.pid = pid?;
    Some(holder)
}

/// When process `pid` started, to tell later whether it has [`ended`]
/// (`None` where there is no /proc: then it is never known to have).
pub fn started(pid: u32) -> Option<u64> {
    start_time(pid)
}

/// Whether process `pid`, seen running having [`started`] at `start`, has
/// ended since (its pid gone, or taken by a process started later).
pub fn ended(pid: u32, start: Option<u64>) -> bool {
    start.is_some() && start_time(pid) != start
}

/// Whether the process that wrote the lock still runs.
fn holder_alive(h: &Holder) -> bool {
    if !process_alive(h.pid) {
        return false;
    }
    // The pid is taken; by the same process only if it started at the same time.
    match (h.start, start_time(h.pid)) {
        (Some(recorded), Some(now)) => recorded == now,
        _ => true,
    }
}

/// When process `pid` started, in clock ticks since boot (field 22 of
/// `/proc/<pid>/stat`); `None` where there is no /proc.
pub(crate) fn start_time(pid: u32) -> Option<u64> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name (field 2) may hold spaces and parentheses: count
    // from the last ')'. Field 3 is the first after it, so 22 is the 20th.
    let after = &stat[stat.rfind(')')? + 1..];
    after.split_whitespace().nth(19)?.parse().ok()
}

#[cfg(unix)]
fn host_name() -> String {
    let mut buf = [0u8; 256];
    // SAFETY: the buffer is valid for its length; gethostname NUL-terminates
    // within it (or truncates, which only shortens the name).
    let r = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len() - 1) };
    if r != 0 {
        return String::new();
    }
    let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    String::from_utf8_lossy(&buf[..end]).into_owned()
}

#[cfg(not(unix))]
fn host_name() -> String {
    std::env::var("COMPUTERNAME").unwrap_or_default()
}

#[cfg(unix)]
pub(crate) fn process_alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else { return false };
    if pid <= 0 {
        return false;
    }
    // SAFETY: signal 0 only checks that the process exists.
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(not(unix))]
pub(crate) fn process_alive(_pid: u32) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_and_new_lock_formats_are_read() {
        assert_eq!(parse("4242\n"), Some(Holder { pid: 4242, ..Holder::default() }));
        assert_eq!(
            parse("pid=7\nstart=99\nhost=lab-3\n"),
            Some(Holder { pid: 7, start: Some(99), host: Some("lab-3".into()) })
        );
        assert_eq!(parse(""), None);
        assert_eq!(parse("start=5\n"), None);
    }

    #[test]
    fn a_lock_that_cannot_be_made_says_why_and_what_to_do() {
        let dir = std::env::temp_dir().join(format!("crosstalk-lock-{}", std::process::id()));
        fs::create_dir_all(&dir).expect("dir");
        let file = dir.join("plain");
        fs::write(&file, "x").expect("write");
        // A path under a file: no lock can be made there, whoever runs it.
        let err = lock(&file.join("t.annotations.ron")).expect_err("refused");
        let said = err.to_string();
        assert!(
            said.starts_with("cannot create ") && said.contains("t.annotations.ron.lock ("),
            "{said}"
        );
        assert!(said.ends_with("--annotations PATH keeps the work in a file elsewhere"), "{said}");
        let _ = fs::remove_dir_all(&dir);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn our_own_start_time_is_found() {
        let me = std::process::id();
        assert!(start_time(me).is_some());
        assert!(holder_alive(&Holder { pid: me, start: start_time(me), host: None }));
        let reused = Holder { pid: me, start: start_time(me).map(|s| s + 1), host: None };
        assert!(!holder_alive(&reused), "same pid, other start: another process");
    }
}
