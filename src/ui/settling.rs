//! When a file read from a map (see [`crate::store::mapped`]) is settled:
//! copied to memory of our own, its lease let go. Not as the first frame
//! is written but a moment later, once the terminal has had it: copying the
//! 12.8 MB panel at once took a core from the terminal drawing the frame
//! (which came up to 4 ms later in a third of the runs on two cores). A
//! lease holds writers of the file back, and a writer that truncates
//! without breaking it would kill the reader (see the notes of
//! [`crate::store::mapped`]), so the moment is short, comes without a key,
//! and comes at once with the first key: before it is acted on (a change,
//! Ctrl-Z, quitting), the file is settled.

use std::time::{Duration, Instant};

use crate::store::mapped::Settle;

/// How long after the first frame the file is settled.
pub const AFTER: Duration = Duration::from_millis(40);

/// A file to settle, and since when a frame of it has been on screen.
pub struct Settling {
    settle: Option<Settle>,
    since: Option<Instant>,
}

impl Settling {
    pub fn new(settle: Option<Settle>) -> Self {
        Self { settle, since: None }
    }

    /// A frame was drawn: the file is settled once [`AFTER`] has passed
    /// since the first.
    pub fn drawn(&mut self) {
        let since = *self.since.get_or_insert_with(Instant::now);
        if since.elapsed() >= AFTER {
            self.settle.take();
        }
    }

    /// A key came after the first frame: settled now, before it is acted
    /// on. (Before the first frame, keys typed ahead leave the file mapped:
    /// the frame comes first.)
    pub fn now(&mut self) {
        if self.since.is_some() {
            self.settle.take();
        }
    }

    /// How long the reader may wait for a key before it comes back to
    /// settle the file: `wait`, or less while a file is still to settle.
    pub fn wait(&self, wait: Duration) -> Duration {
        match (&self.settle, self.since) {
            (Some(_), Some(since)) => wait.min(AFTER.saturating_sub(since.elapsed())),
            _ => wait,
        }
    }

    /// Whether a file is still to be settled.
    #[cfg(test)]
    fn pending(&self) -> bool {
        self.settle.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::mapped::{Mapped, MappedText};
    use crate::test_tmp::TempDir;

    #[test]
    fn nothing_to_settle_waits_as_asked() {
        let mut s = Settling::new(None);
        s.drawn();
        assert_eq!(s.wait(Duration::from_millis(250)), Duration::from_millis(250));
        assert!(!s.pending());
    }

    #[test]
    fn a_mapped_file_is_settled_a_moment_after_the_first_frame_and_not_before() {
        let dir = TempDir::new(&format!("crosstalk-settling-{}", std::process::id()));
        let path = dir.join("talk.md");
        std::fs::write(&path, "A paragraph.\n\n".repeat(100)).unwrap();
        let Some(map) = Mapped::open(&path).unwrap() else {
            crate::test_tmp::skipped(format_args!(
                "no read lease on {} (the file is read instead)",
                path.display()
            ));
            return;
        };
        let text = MappedText::new(map).unwrap_or_else(|_| panic!("UTF-8"));
        let mut s = Settling::new(Some(text.settle()));
        // Not before a frame, however long the wait, nor for keys typed ahead.
        s.now();
        assert!(s.pending(), "settled for a key before the first frame");
        assert_eq!(s.wait(Duration::from_secs(1)), Duration::from_secs(1));
        s.drawn();
        assert!(s.pending(), "settled as the first frame went out");
        assert!(s.wait(Duration::from_millis(250)) <= AFTER, "the reader comes back to settle");
        std::thread::sleep(AFTER);
        assert_eq!(s.wait(Duration::from_millis(250)), Duration::ZERO);
        s.drawn();
        assert!(!s.pending(), "still held {AFTER:?} after the first frame");
        assert_eq!(s.wait(Duration::from_millis(250)), Duration::from_millis(250));
        // A key after the first frame settles at once.
        let mut s = Settling::new(Some(text.settle()));
        s.drawn();
        s.now();
        assert!(!s.pending(), "still held when a key came after the first frame");
    }
}
