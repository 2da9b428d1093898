//! The lease held, broken and let go, against other programs (Linux).

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
        crate::test_tmp::skipped(format_args!(
            "no read lease on {} (the file is read instead)",
            path.display()
        ));
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
        let (path, settled, started) = (path.clone(), Arc::clone(&settled), Arc::clone(&started));
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
        crate::test_tmp::skipped(format_args!(
            "half: {} is not on a file system known to be local",
            path.display()
        ));
    }
}

#[test]
fn text_that_is_not_utf8_is_refused() {
    let (_dir, path) = file_with("bad", b"caf\xe9\n");
    if let Some(map) = mapped(&path) {
        assert!(MappedText::new(map).is_err());
    }
}
