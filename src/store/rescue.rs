//! Work the annotation file could not take, written somewhere else on the
//! way out: beside the file if that directory takes it, else in the data
//! directory, else in the temporary directory. A full disk or a read-only
//! directory refuses the first place, not usually the other two.

use std::path::{Path, PathBuf};

use super::annotations::{annotations_to_ron, data_dir};
use super::disk::write_atomic;
use crate::model::Conversation;
use crate::model::annotations::Snapshot;
use crate::model::sanitize::Shown;

/// Writes `snapshot` (as the annotation file would hold it) as `<file
/// name>.unsaved-<stamp>.ron` in the first of the three places that takes
/// it; its path, or why none did (each place and its error).
pub fn rescue(
    file: &Path,
    snapshot: &Snapshot,
    doc: &Conversation,
    stamp: &str,
) -> Result<PathBuf, String> {
    let text = annotations_to_ron(snapshot, doc).map_err(|e| e.to_string())?;
    let mut name = file.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".unsaved-{stamp}.ron"));
    let beside = file.with_file_name(&name);
    rescue_in(
        &[beside, data_dir().join("rescued").join(&name), std::env::temp_dir().join(&name)],
        &text,
    )
}

/// [`rescue`] to the first of `places` that takes it.
fn rescue_in(places: &[PathBuf], text: &str) -> Result<PathBuf, String> {
    let mut why = Vec::new();
    for place in places {
        let written = match place.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => std::fs::create_dir_all(dir),
            _ => Ok(()),
        }
        .and_then(|()| write_atomic(place, text.as_bytes()));
        match written {
            Ok(()) => return Ok(place.clone()),
            Err(e) => why.push(format!("{}: {e}", place.shown())),
        }
    }
    Err(why.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_tmp::TempDir;

    #[test]
    fn a_place_that_refuses_passes_the_work_to_the_next() {
        let dir = TempDir::new(&format!("crosstalk-rescue-{}", std::process::id()));
        // A file where a directory should be: nothing can be written under it.
        let blocked = dir.join("blocked");
        std::fs::write(&blocked, "").expect("file");
        let first = blocked.join("a.unsaved.ron");
        let second = dir.join("next").join("a.unsaved.ron");
        let got = rescue_in(&[first.clone(), second.clone()], "(tags: [])");
        assert_eq!(got, Ok(second.clone()));
        assert_eq!(std::fs::read_to_string(&second).expect("written"), "(tags: [])");
        let err = rescue_in(std::slice::from_ref(&first), "x").expect_err("nowhere to write");
        assert!(err.starts_with(&first.shown()), "{err}");
    }
}
