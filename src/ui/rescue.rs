//! Quitting with work that could not be saved — the disk refuses, or the
//! file changed on disk and nobody is there to ask (a signal): the work
//! goes to `<file>.unsaved-<time>.ron`, beside the file if that directory
//! takes it, else in the data or temporary directory
//! ([`crate::store::rescue`]), and the shell is told where once the
//! terminal is back.

use std::path::{Path, PathBuf};

use jiff::Timestamp;

use super::app::App;
use crate::model::sanitize::Shown;
use crate::model::sanitize::sanitize;

/// Writes the work not on disk to a rescue copy; the outcome waits in
/// `saving.rescued` for [`report`].
pub fn rescue(app: &mut App) {
    if !app.unsaved() || matches!(app.saving.rescued, Some(Ok(_))) {
        return;
    }
    let snapshot = app.annotations.snapshot();
    app.saving.rescued =
        Some(crate::store::rescue(&app.saving.path, &snapshot, &app.doc, &stamp()));
}

/// The time a rescue copy is named after.
pub fn stamp() -> String {
    Timestamp::now().strftime("%Y%m%dT%H%M%SZ").to_string()
}

/// Before quitting with work unsaved: the copy written (`true`, quit),
/// or, where no place took it, the reader staying open and saying why.
pub fn rescued_or_stay(app: &mut App) -> bool {
    rescue(app);
    if let Some(Err(why)) = &app.saving.rescued {
        app.message =
            Some(format!("not quitting: no copy of the changes could be written ({why})"));
        app.saving.rescued = None;
        app.saving.quit_anyway = false;
        return false;
    }
    true
}

/// Tells the shell where the rescue copy went, or why there is none.
pub fn report(app: &mut App) {
    if let Some(outcome) = app.saving.rescued.take() {
        tell(&app.saving.path, outcome);
    }
}

/// Says on standard error where the copy of `file`'s work went, or why
/// there is none. Not `eprintln!`: on a terminal that has hung up it
/// would panic, and the copy is already safe.
pub fn tell(file: &Path, outcome: Result<PathBuf, String>) {
    use std::io::Write;
    // Names `shown` (controls as symbols), the reason sanitised.
    let file = file.shown();
    let said = match outcome {
        Ok(copy) => {
            format!("crosstalk: {file} could not be saved; your changes are in {}", copy.shown())
        }
        Err(why) => format!("crosstalk: {file} could not be saved, nor a copy: {}", sanitize(&why)),
    };
    let _ = writeln!(std::io::stderr(), "{said}");
}
