//! Annotation files on disk: where they live, loading, and crash-safe saving
//! with a backup.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use ron::extensions::Extensions;
use ron::ser::PrettyConfig;

use super::disk::{not_writable, real_path, sibling, write_atomic_meta};
use crate::model::Conversation;
use crate::model::annotations::{
    AnnotationFile, Annotations, FORMAT_VERSION, FileError, Reanchored, Snapshot, checks,
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
/// file, as `<stem>.annotations.ron` for `.ron`, `.md`, `.markdown` and
/// `.txt` (and a name without an extension), and as
/// `<stem>.<ext>.annotations.ron` for any other (`talk.vtt` and `talk.srt`
/// in one folder do not share a file); for the bundled debate, in the
/// user's data directory (XDG on Linux).
pub fn default_path(doc_path: Option<&Path>, doc_id: &str) -> PathBuf {
    match doc_path {
        Some(p) => {
            let ext = p.extension().map(|e| e.to_string_lossy().to_ascii_lowercase());
            let plain = matches!(ext.as_deref(), None | Some("ron" | "md" | "markdown" | "txt"));
            let base = if plain { p.file_stem() } else { p.file_name() };
            let base = base.map_or_else(|| doc_id.into(), |s| s.to_string_lossy().into_owned());
            p.with_file_name(format!("{base}.annotations.ron"))
        }
        None => data_dir().join(format!("{doc_id}.annotations.ron")),
    }
}

/// [`default_path`], or for a file whose annotations moved there
/// (`talk.vtt`: `talk.vtt.annotations.ron`), the old `<stem>.annotations.ron`
/// while only that exists and no `<stem>.ron`, `.md`, `.markdown` or `.txt`
/// beside it owns it: annotations made before the move still open.
pub fn default_path_found(doc_path: Option<&Path>, doc_id: &str) -> PathBuf {
    let path = default_path(doc_path, doc_id);
    let Some((doc, stem)) = doc_path.and_then(|p| Some((p, p.file_stem()?.to_string_lossy())))
    else {
        return path;
    };
    let old = path.with_file_name(format!("{stem}.annotations.ron"));
    let exists = |p: &Path| p.symlink_metadata().is_ok();
    let owned = ["ron", "md", "markdown", "txt"].iter().any(|ext| exists(&doc.with_extension(ext)));
    if old != path && !exists(&path) && exists(&old) && !owned { old } else { path }
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
    // Editors on Windows may start a UTF-8 file with a byte order mark.
    let text = strip_bom(text);
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
    // Checked while parsing, so a bad value is named by its line:column.
    let contributors = doc.contributors.iter().map(|c| c.id.clone()).collect();
    let file: AnnotationFile =
        checks::parse_checked(contributors, || ron::Options::default().from_str(text))
            .map_err(syntax)?;
    file.into_annotations(doc)
        .map_err(|source| AnnotationError::Invalid { path: path.to_owned(), source })
}

/// `text` without a leading UTF-8 byte order mark.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// When the annotation file at `path` names a conversation other than
/// `doc`, says so (`PATH: it annotates conversation …`): read before its
/// contributors and tags are checked, which would fail for other reasons.
pub fn other_conversation(path: &Path, doc: &Conversation) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Header {
        conversation: String,
    }
    let text = fs::read_to_string(path).ok()?;
    let h: Header = ron::Options::default().from_str(strip_bom(&text)).ok()?;
    (h.conversation != doc.id).then(|| {
        format!(
            "{}: it annotates conversation {:?}, not {:?} (open that one, or choose a file for this one)",
            path.display(),
            h.conversation,
            doc.id
        )
    })
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
/// `<path>.bak`, then the new text is written by [`write_atomic`](super::write_atomic). Through a
/// symlink, both go beside the link's target and the link stays. A file no
/// one may write (mode 0444) is refused, even for root.
pub fn save(path: &Path, text: &str) -> io::Result<()> {
    save_meta(path, text).map(drop)
}

/// [`save`], returning the new file's metadata.
pub(crate) fn save_meta(path: &Path, text: &str) -> io::Result<fs::Metadata> {
    let path = &real_path(path);
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir)?;
    }
    if let Some(why) = not_writable(path) {
        return Err(io::Error::new(io::ErrorKind::PermissionDenied, why));
    }
    if path.exists() {
        backup(path)?;
    }
    write_atomic_meta(path, text.as_bytes())
}

/// `<path>.bak`, where `path` is the file's real place (see [`save`]).
pub fn backup_path(path: &Path) -> PathBuf {
    sibling(path, ".bak")
}

/// Keeps the current file as `<path>.bak`: a hard link made beside it and
/// renamed into place (no copy, and the old backup stays until the new one is
/// whole); where hard links are not possible, a copy.
fn backup(path: &Path) -> io::Result<()> {
    let bak = backup_path(path);
    let tmp = sibling(&bak, &format!(".{}.tmp", std::process::id()));
    let _ = fs::remove_file(&tmp);
    if fs::hard_link(path, &tmp).is_err() {
        fs::copy(path, &tmp)?;
    }
    fs::rename(&tmp, &bak)
}
