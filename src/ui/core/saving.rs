//! Where the annotations are kept and how saving goes: the state the
//! status bar, the quit question and the event loop share.

use std::path::PathBuf;

/// Where the annotations are kept and how saving goes.
#[derive(Clone, Debug, Default)]
pub struct Saving {
    /// The annotation file.
    pub path: PathBuf,
    /// How the status bar names it (`~` for the home directory).
    pub label: String,
    /// Why nothing may be changed (file unreadable, newer, or locked by
    /// another crosstalk); `None` when editing is allowed.
    pub read_only: Option<String>,
    /// The last revision known to be on disk.
    pub saved_revision: u64,
    /// The last save error, until a save succeeds.
    pub error: Option<String>,
    /// The last change on disk taken in (the saver writes nothing before).
    pub disk_seen: u64,
    /// Read-only only because another crosstalk on this machine has the
    /// file open, that one's pid and start time (see `store::lock::ended`):
    /// once it has ended, the reader takes the file over (`ui::takeover`).
    pub locked_out: Option<(u32, Option<u64>)>,
    /// The file on disk cannot be read (`true`: a newer format): saving waits.
    pub unreadable: Option<bool>,
    /// Whether to write ours over it was asked while it cannot be read
    /// (once: when there is first work of ours waiting).
    pub asked_unreadable: bool,
    /// The user chose their version over the file on disk: the next save
    /// keeps that file aside first.
    pub keep_mine: bool,
    /// The user chose to quit though saving fails: no more asking; the
    /// work goes to a rescue copy on the way out.
    pub quit_anyway: bool,
    /// Where that rescue copy went (or why it could not be written), for
    /// the shell once the terminal is back.
    pub rescued: Option<Result<PathBuf, String>>,
    /// There was no file when the reader opened it, and nothing has been
    /// written since: the status bar says there is nothing to save yet
    /// rather than `✓ saved` about a file that does not exist.
    pub fresh: bool,
}
