//! Where the reader left each conversation ([`Place`]), one small file per
//! conversation in the user's state directory (`~/.local/state/crosstalk/
//! places` on Linux), named by a hash of the conversation's path.
//!
//! One file each, not one file for all: reopening reads a few hundred bytes
//! before the first frame, and two readers quitting at once never write
//! over each other's places. It is a convenience, not the user's work: a
//! place that cannot be read is ignored (and left as it is), one that
//! cannot be written is not reported, and the oldest go once there are
//! more than [`KEEP`].

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::disk::write_atomic;
use crate::model::place::Place;
use crate::model::sanitize::Shown;

/// How many conversations' places are kept.
pub const KEEP: usize = 1000;

/// A place as stored: with the conversation it is of, since the name is
/// only a hash.
#[derive(Serialize, Deserialize)]
struct Stored {
    conversation: String,
    place: Place,
}

/// The folder of places.
pub fn dir() -> PathBuf {
    directories::ProjectDirs::from("", "", "crosstalk")
        .and_then(|d| d.state_dir().map(Path::to_path_buf))
        .unwrap_or_else(|| super::data_dir().join("state"))
        .join("places")
}

/// What names a conversation's place: its file's real path, or for the
/// bundled debate its id.
pub fn key(doc: Option<&Path>, id: &str) -> String {
    match doc {
        Some(path) => {
            let real = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
            // Lossless: two names that differ only in bytes that are no
            // UTF-8 are two conversations (`display` made them one).
            match real.to_str() {
                Some(name) => format!("file:{name}"),
                None => format!("file:{real:?}"),
            }
        }
        None => format!("bundled:{id}"),
    }
}

fn file(dir: &Path, key: &str) -> PathBuf {
    let digest = Sha256::digest(key.as_bytes());
    let name: String = digest[..10].iter().map(|b| format!("{b:02x}")).collect();
    dir.join(format!("{name}.ron"))
}

/// The place stored for `key` in `dir`, if there is one that reads.
pub fn load_in(dir: &Path, key: &str) -> Option<Place> {
    let text = fs::read_to_string(file(dir, key)).ok()?;
    let stored: Stored = ron::from_str(&text).ok()?;
    (stored.conversation == key).then_some(stored.place)
}

/// Stores `place` for `key` in `dir`, then lets the oldest places go if
/// there are more than `keep`. A file there that does not read as a place
/// is not written over.
pub fn save_in(dir: &Path, key: &str, place: &Place, keep: usize) -> io::Result<()> {
    let path = file(dir, key);
    if let Ok(text) = fs::read_to_string(&path)
        && ron::from_str::<Stored>(&text).is_err()
    {
        return Err(io::Error::other(format!("{} is not a place", path.shown())));
    }
    fs::create_dir_all(dir)?;
    let stored = Stored { conversation: key.to_owned(), place: place.clone() };
    let text = ron::to_string(&stored).map_err(io::Error::other)?;
    write_atomic(&path, text.as_bytes())?;
    prune(dir, keep);
    Ok(())
}

/// [`load_in`] the user's state directory.
pub fn load(key: &str) -> Option<Place> {
    load_in(&dir(), key)
}

/// [`save_in`] the user's state directory.
pub fn save(key: &str, place: &Place) -> io::Result<()> {
    save_in(&dir(), key, place, KEEP)
}

/// Removes the least recently written places past the newest `keep`.
fn prune(dir: &Path, keep: usize) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    let mut places: Vec<(std::time::SystemTime, PathBuf)> = entries
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "ron"))
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    if places.len() <= keep {
        return;
    }
    places.sort();
    for (_, path) in &places[..places.len() - keep] {
        let _ = fs::remove_file(path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::place::PanePlace;

    fn temp(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("crosstalk-places-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    fn place(focus: usize) -> Place {
        Place {
            voices: vec!["A".into(), "B".into()],
            focus,
            panes: vec![PanePlace { para: 3, sentence: 1, top: 2, offset: 40 }; 2],
            turns: focus == 1,
            turn_top: (focus == 1).then_some([5, 12]),
        }
    }

    #[test]
    fn a_place_saved_is_read_back_for_its_conversation_only() {
        let dir = temp("back");
        assert_eq!(load_in(&dir, "file:/a.md"), None);
        save_in(&dir, "file:/a.md", &place(1), KEEP).expect("saved");
        save_in(&dir, "file:/b.md", &place(0), KEEP).expect("saved");
        assert_eq!(load_in(&dir, "file:/a.md"), Some(place(1)));
        assert_eq!(load_in(&dir, "file:/b.md"), Some(place(0)));
        save_in(&dir, "file:/a.md", &place(0), KEEP).expect("saved again");
        assert_eq!(load_in(&dir, "file:/a.md"), Some(place(0)));
        fs::remove_dir_all(&dir).expect("clean up");
    }

    #[test]
    fn a_file_that_is_not_a_place_is_left_as_it_is() {
        let dir = temp("not");
        fs::create_dir_all(&dir).expect("dir");
        let path = file(&dir, "file:/a.md");
        fs::write(&path, "not a place").expect("write");
        assert_eq!(load_in(&dir, "file:/a.md"), None);
        assert!(save_in(&dir, "file:/a.md", &place(1), KEEP).is_err());
        assert_eq!(fs::read_to_string(&path).expect("read"), "not a place");
        fs::remove_dir_all(&dir).expect("clean up");
    }

    #[test]
    #[cfg(unix)]
    fn names_that_differ_in_bytes_that_are_no_utf8_are_two_conversations() {
        use std::os::unix::ffi::OsStrExt;
        let a = Path::new(std::ffi::OsStr::from_bytes(b"/nowhere/odd\xff.txt"));
        let b = Path::new(std::ffi::OsStr::from_bytes(b"/nowhere/odd\xfe.txt"));
        assert_ne!(key(Some(a), "x"), key(Some(b), "x"));
        assert_eq!(key(Some(Path::new("/nowhere/a.md")), "x"), "file:/nowhere/a.md");
        assert_eq!(key(None, "debate"), "bundled:debate");
    }

    #[test]
    fn only_the_newest_places_are_kept() {
        let dir = temp("keep");
        for i in 0..5 {
            save_in(&dir, &format!("file:/{i}.md"), &place(0), 3).expect("saved");
            // Modification times a little apart, so the order is known.
            std::thread::sleep(std::time::Duration::from_millis(15));
        }
        let kept: Vec<bool> =
            (0..5).map(|i| load_in(&dir, &format!("file:/{i}.md")).is_some()).collect();
        assert_eq!(kept, [false, false, true, true, true]);
        fs::remove_dir_all(&dir).expect("clean up");
    }
}
