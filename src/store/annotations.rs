//! Annotation files on disk: where they live, loading, crash-safe saving with
//! a backup, and a lock against a second crosstalk on the same file.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use ron::extensions::Extensions;
use ron::ser::PrettyConfig;

use crate::model::Conversation;
use crate::model::annotations::{
    AnnotationFile, Annotations, FORMAT_VERSION, FileError, Reanchored, Snapshot,
};

/// Why an annotation file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum AnnotationError {
    #[error("{path}: cannot read the file: {source}")]
    Read { path: String, source: io::Error },
    #[error("{path}: the file is not valid UTF-8 (first bad byte at offset {offset})")]
    NotUtf8 { path: String, offset: usize },
    #[error("{path}:{line}:{column}: {message}")]
    Syntax { path: String, line: usize, column: usize, message: String },
    #[error("{path}: {source}")]
    Invalid { path: String, source: FileError },
}

/// Where a conversation's annotations live by default: beside a document
/// file as `<stem>.annotations.ron`; for the bundled debate, in the user's
/// data directory (XDG on Linux).
pub fn default_path(doc_path: Option<&Path>, doc_id: &str) -> PathBuf {
    match doc_path {
        Some(p) => {
            let stem =
                p.file_stem().map_or_else(|| doc_id.into(), |s| s.to_string_lossy().into_owned());
            p.with_file_name(format!("{stem}.annotations.ron"))
        }
        None => data_dir().join(format!("{doc_id}.annotations.ron")),
    }
}

/// The user's data directory for crosstalk (e.g. `~/.local/share/crosstalk`).
pub fn data_dir() -> PathBuf {
    directories::ProjectDirs::from("", "", "crosstalk")
        .map_or_else(|| PathBuf::from("."), |d| d.data_dir().to_path_buf())
}

/// Parses annotation RON for `doc`; `path` only names the source in errors.
pub fn parse_annotations(
    text: &str,
    path: &str,
    doc: &Conversation,
) -> Result<(Annotations, Reanchored), AnnotationError> {
    let syntax = |e: ron::error::SpannedError| AnnotationError::Syntax {
        path: path.to_owned(),
        line: e.span.start.line,
        column: e.span.start.col,
        message: e
            .code
            .to_string()
            .replace("struct `AnnotationFile`", "the annotation file")
            .replace("struct `FileHighlight`", "a highlight")
            .replace("struct `FileTag`", "a tag")
            .replace("struct `FilePos`", "a position")
            .replace("`AnnotationFile`", "the annotation file")
            .replace("`FileHighlight`", "a highlight")
            .replace("`FileTag`", "a tag")
            .replace("`FilePos`", "a position"),
    };
    // Read the version first, so a newer file is refused for what it is
    // rather than for a field this build does not know.
    #[derive(serde::Deserialize)]
    struct Version {
        version: u32,
    }
    if let Ok(v) = ron::Options::default().from_str::<Version>(text)
        && v.version > FORMAT_VERSION
    {
        return Err(AnnotationError::Invalid {
            path: path.to_owned(),
            source: FileError::NewerVersion(v.version),
        });
    }
    let file: AnnotationFile = ron::Options::default().from_str(text).map_err(syntax)?;
    file.into_annotations(doc)
        .map_err(|source| AnnotationError::Invalid { path: path.to_owned(), source })
}

/// Loads the annotations at `path`; `Ok(None)` if there is no file yet.
pub fn load_annotations(
    path: &Path,
    doc: &Conversation,
) -> Result<Option<(Annotations, Reanchored)>, AnnotationError> {
    let name = path.display().to_string();
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(source) => return Err(AnnotationError::Read { path: name, source }),
    };
    let text = String::from_utf8(bytes).map_err(|e| AnnotationError::NotUtf8 {
        path: name.clone(),
        offset: e.utf8_error().valid_up_to(),
    })?;
    parse_annotations(&text, &name, doc).map(Some)
}

/// The RON text of a snapshot: one field per line, text unescaped, LF.
pub fn annotations_to_ron(snapshot: &Snapshot, doc: &Conversation) -> Result<String, ron::Error> {
    let config = PrettyConfig::new()
        .new_line("\n")
        .indentor("    ")
        .escape_strings(false)
        .struct_names(false)
        .separate_tuple_members(true)
        .extensions(Extensions::empty());
    let mut out = ron::Options::default()
        .to_string_pretty(&AnnotationFile::from_snapshot(snapshot, doc), config)?;
    out.push('\n');
    Ok(out)
}

/// Writes `text` to `path` crash-safely: the current file (if any) becomes
/// `<path>.bak`, then the new text is written to a temporary file in the same
/// directory, fsynced, renamed over `path`, and the directory fsynced
/// (atomic-write-file). At every instant `path` holds a whole file.
pub fn save(path: &Path, text: &str) -> io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir)?;
    }
    if path.exists() {
        backup(path)?;
    }
    write_atomic(path, text.as_bytes())
}

/// Writes `bytes` to `path` crash-safely (temporary file in the same
/// directory, fsync, rename, fsync the directory), without a backup.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = atomic_write_file::AtomicWriteFile::options().open(path)?;
    file.write_all(bytes)?;
    file.commit()
}

/// `<path>.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// Keeps the current file as `<path>.bak`: a hard link made beside it and
/// renamed into place (no copy, and the old backup stays until the new one is
/// whole); where hard links are not possible, a copy.
fn backup(path: &Path) -> io::Result<()> {
    let bak = backup_path(path);
    let mut tmp_name = bak.file_name().unwrap_or_default().to_os_string();
    tmp_name.push(format!(".{}.tmp", std::process::id()));
    let tmp = bak.with_file_name(tmp_name);
    let _ = fs::remove_file(&tmp);
    if fs::hard_link(path, &tmp).is_err() {
        fs::copy(path, &tmp)?;
    }
    fs::rename(&tmp, &bak)
}

/// Held while this process writes an annotation file; removed on drop.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
}

/// `<path>.lock`.
pub fn lock_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    path.with_file_name(name)
}

/// Takes the lock on annotation file `path`. `Err(Some(pid))` if another
/// running crosstalk holds it; a lock left by a process that is gone is
/// taken over. `Err(None)` if the lock cannot be created at all.
pub fn lock(path: &Path) -> Result<Lock, Option<u32>> {
    let lock = lock_path(path);
    if let Some(dir) = lock.parent().filter(|d| !d.as_os_str().is_empty()) {
        let _ = fs::create_dir_all(dir);
    }
    for _ in 0..2 {
        match OpenOptions::new().write(true).create_new(true).open(&lock) {
            Ok(mut f) => {
                let _ = writeln!(f, "{}", std::process::id());
                let _ = f.sync_all();
                return Ok(Lock { path: lock });
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                let holder =
                    fs::read_to_string(&lock).ok().and_then(|s| s.trim().parse::<u32>().ok());
                match holder {
                    Some(pid) if process_alive(pid) => return Err(Some(pid)),
                    _ => {
                        // Stale: its process is gone.
                        let _ = fs::remove_file(&lock);
                    }
                }
            }
            Err(_) => return Err(None),
        }
    }
    Err(None)
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

#[cfg(unix)]
fn process_alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else { return false };
    // SAFETY: signal 0 only checks that the process exists.
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(not(unix))]
fn process_alive(_pid: u32) -> bool {
    true
}
