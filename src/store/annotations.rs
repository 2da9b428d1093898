//! Annotation files on disk: where they live, loading, and crash-safe saving
//! with a backup.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use ron::extensions::Extensions;
use ron::ser::PrettyConfig;

use super::disk::{not_writable, real_path, sibling, write_atomic_meta, write_atomic_with_meta};
use super::ondisk::Fingerprint;
use crate::model::Conversation;
use sha2::{Digest, Sha256};

use crate::model::annotations::{
    AnnotationFile, Annotations, FORMAT_VERSION, FileError, FileView, Reanchored, Snapshot, checks,
};
use crate::model::sanitize::Shown;

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
            // As the bytes of the name are (`bad\xffname.txt` gave
            // `bad�name.annotations.ron`, not beside it by name).
            p.with_file_name(annotations_name(base.unwrap_or(doc_id.as_ref())))
        }
        None => data_dir().join(format!("{doc_id}.annotations.ron")),
    }
}

/// `<base>.annotations.ron`, the base's bytes as they are.
fn annotations_name(base: &std::ffi::OsStr) -> std::ffi::OsString {
    let mut name = base.to_owned();
    name.push(".annotations.ron");
    name
}

/// [`default_path`], or for a file whose annotations moved there
/// (`talk.vtt`: `talk.vtt.annotations.ron`), the old `<stem>.annotations.ron`
/// while only that exists and no `<stem>.ron`, `.md`, `.markdown` or `.txt`
/// beside it owns it: annotations made before the move still open.
pub fn default_path_found(doc_path: Option<&Path>, doc_id: &str) -> PathBuf {
    let path = default_path(doc_path, doc_id);
    let Some((doc, stem)) = doc_path.and_then(|p| Some((p, p.file_stem()?))) else {
        return path;
    };
    let old = path.with_file_name(annotations_name(stem));
    let exists = |p: &Path| p.symlink_metadata().is_ok();
    let owned = ["ron", "md", "markdown", "txt"].iter().any(|ext| exists(&doc.with_extension(ext)));
    if old != path && !exists(&path) && exists(&old) && !owned { old } else { path }
}

/// The document an annotation file at `path` belongs to by its name (the
/// one file beside it whose [`default_path`] it is: `talk.annotations.ron`
/// → `talk.md`, `talk.vtt.annotations.ron` → `talk.vtt`); `None` if there
/// is none, or more than one (`talk.md` and `talk.txt`).
pub fn document_beside(path: &Path) -> Option<PathBuf> {
    match &documents_beside(path)[..] {
        [one] => Some(one.clone()),
        _ => None,
    }
}

/// Every document beside `path` whose [`default_path`] it is: more than
/// one (`talk.md` and `talk.txt`) share the file unless one is opened
/// with `--annotations`.
pub fn documents_beside(path: &Path) -> Vec<PathBuf> {
    let Some(base) = path.file_name().and_then(|n| n.to_str()?.strip_suffix(".annotations.ron"))
    else {
        return Vec::new();
    };
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    // Read from the folder, so `talk.MD` and `talk.vtt` are found too.
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .filter(|name| name.to_str().is_some_and(|n| n.starts_with(base)))
        .map(|name| path.with_file_name(name))
        .filter(|doc| doc.is_file() && default_path(Some(doc), "") == path)
        .collect();
    found.sort();
    found
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
    // The quick way: what crosstalk wrote, read by the fast reader without
    // the checks made while parsing, since `into_annotations` makes them
    // all again. Only if anything fails is the file read again the careful
    // way, which says where (line:column) and why.
    let text = &*with_lf(text);
    let quick =
        || checks::unchecked(|| super::quickron::from_str::<AnnotationFile>(strip_bom(text)));
    if let Ok(file) = quick()
        && file.version <= FORMAT_VERSION
        && let Ok(done) = file.into_annotations(doc)
    {
        // Highlights not where their quotes say may be an earlier build's
        // ids that are other people's today (its `speaker-2`, a Chinese
        // name's, is `Speaker 2`'s today): read so, the file is taken as
        // that build's if its quotes are found better.
        let misses = |r: &Reanchored| r.moved + r.orphaned;
        if misses(&done.1) > 0
            && let Ok(file) = quick()
        {
            doc.former.find_builds(|| crate::import::earlier_builds(&doc.contributors));
            let mut best = done;
            for reading in file.earlier_readings(doc) {
                let mut file = file.clone();
                file.read_as(&reading);
                if let Ok(earlier) = file.into_annotations(doc)
                    && misses(&earlier.1) < misses(&best.1)
                {
                    best = earlier;
                }
            }
            return Ok(best);
        }
        return Ok(done);
    }
    // Written by an earlier build that made contributor ids otherwise (see
    // `FormerIds`): read as that build gave them, saved with today's.
    if let Ok(mut file) = quick()
        && file.version <= FORMAT_VERSION
    {
        doc.former.find_builds(|| crate::import::earlier_builds(&doc.contributors));
        if file.read_earlier_ids(doc)
            && let Ok(done) = file.into_annotations(doc)
        {
            return Ok(done);
        }
    }
    // Another conversation's file is said to be that, not refused for a
    // contributor or a tag the careful reading meets first.
    if let Some(found) = conversation_of(text)
        && !doc.is_called(&found)
    {
        let source = FileError::OtherConversation { expected: doc.id.clone(), found };
        return Err(AnnotationError::Invalid { path: path.to_owned(), source });
    }
    let contributors = doc.contributors.iter().map(|c| c.id.clone()).collect();
    let file = parse_file(text, path, Some(contributors))?;
    file.into_annotations(doc)
        .map_err(|source| AnnotationError::Invalid { path: path.to_owned(), source })
}

/// Parses annotation RON as the file it is, without a conversation (what a
/// git merge driver sees): its shape, times, colours and unique ids and tag
/// names are checked, not its contributors or positions.
pub fn parse_annotation_file(text: &str, path: &str) -> Result<AnnotationFile, AnnotationError> {
    parse_file(text, path, None)
}

fn parse_file(
    text: &str,
    path: &str,
    contributors: Option<std::collections::HashSet<String>>,
) -> Result<AnnotationFile, AnnotationError> {
    let syntax = |e: ron::error::SpannedError| AnnotationError::Syntax {
        path: path.to_owned(),
        line: e.span.start.line,
        column: e.span.start.col,
        message: if cut_off(text) {
            "the file ends before what it opens is closed (cut off?): ".to_owned()
        } else {
            String::new()
        } + &e
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
    let text = with_lf(text);
    let text = strip_bom(&text);
    // Said plainly rather than as ron's "expected `(`"; still not
    // overwritten: an empty file may be someone's mistake to look at.
    if text.trim().is_empty() {
        return Err(AnnotationError::Syntax {
            path: path.to_owned(),
            line: 1,
            column: 1,
            message: "the file is empty (an annotation file starts with `(`)".into(),
        });
    }
    let newer = |version: u32| AnnotationError::Invalid {
        path: path.to_owned(),
        source: FileError::NewerVersion(version),
    };
    // Checked while parsing, so a bad value is named by its line:column.
    // What crosstalk wrote is read by the fast reader; anything it leaves
    // is read by `ron`, which also names the place of any error.
    let parse = || {
        super::quickron::from_str::<AnnotationFile>(text)
            .or_else(|_| ron::Options::default().from_str::<AnnotationFile>(text))
    };
    let parsed = match contributors {
        Some(known) => checks::parse_checked(known, parse),
        None => parse(),
    };
    match parsed {
        Ok(file) if file.version > FORMAT_VERSION => Err(newer(file.version)),
        Ok(file) => Ok(file),
        Err(e) => {
            // A newer file is refused for what it is rather than for a
            // field this build does not know (read only on failure: it
            // costs a second pass over the text).
            #[derive(serde::Deserialize)]
            struct Version {
                version: u32,
            }
            match ron::Options::default().from_str::<Version>(text) {
                Ok(v) if v.version > FORMAT_VERSION => Err(newer(v.version)),
                _ => Err(syntax(e)),
            }
        }
    }
}

/// Whether `text` ends inside a string or with a bracket left open: a file
/// cut off (a copy stopped short, `head -c`), whose parse error names
/// whatever field was cut in two (`Unexpected field named c`).
fn cut_off(text: &str) -> bool {
    let (mut depth, mut quoted, mut escaped) = (0i64, false, false);
    for c in text.chars() {
        match (quoted, c) {
            (true, _) if escaped => escaped = false,
            (true, '\\') => escaped = true,
            (true, '"') => quoted = false,
            (true, _) => {}
            (false, '"') => quoted = true,
            (false, '(' | '[' | '{') => depth += 1,
            (false, ')' | ']' | '}') => depth -= 1,
            (false, _) => {}
        }
    }
    quoted || depth > 0
}

/// `text` with its line breaks as crosstalk writes them (`\n`): git for
/// Windows checks a file out with CRLF (`core.autocrlf`), inside its
/// strings too, and a quote across paragraphs, its context or a note
/// would then be text the conversation does not hold (a highlight not
/// found, a change where there is none). Conversations have no `\r`.
pub fn with_lf(text: &str) -> std::borrow::Cow<'_, str> {
    if memchr::memchr(b'\r', text.as_bytes()).is_some() {
        text.replace("\r\n", "\n").into()
    } else {
        text.into()
    }
}

/// `text` without a leading UTF-8 byte order mark.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Whether `a` and `b` name one file (through links and `./`): another
/// coder's file that is one's own would agree with itself in full.
pub fn one_file(a: &Path, b: &Path) -> bool {
    let real = |p: &Path| fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    real(a) == real(b)
}

/// When the annotation file at `path` names a conversation other than
/// `doc`, says so (`PATH: it annotates conversation …`): read before its
/// contributors and tags are checked, which would fail for other reasons.
pub fn other_conversation(path: &Path, doc: &Conversation) -> Option<String> {
    // A pipe or a device is never read here: it would wait for ever, or
    // never end (`/dev/zero`); loading it says why it is refused.
    if !fs::metadata(path).ok()?.is_file() {
        return None;
    }
    let text = fs::read_to_string(path).ok()?;
    let found = conversation_of(&text)?;
    (!doc.is_called(&found)).then(|| {
        format!(
            "{}: it annotates conversation {:?}, not {:?} (open that one, or choose a file for this one)",
            path.shown(),
            found,
            doc.id
        )
    })
}

/// What to say of the annotation file at `path` when its load (`report`)
/// left most of its highlights orphans, nowhere in `doc`'s text: it was
/// most likely written on another text called the same (two interviews
/// saved as `P01/transcript.txt` and `P02/transcript.txt` are both
/// `transcript`). `None` when it reads as this text's file. Comparing or
/// uniting coders refuses such a file: the figures would count its coding
/// as never done.
pub fn another_text(path: &Path, doc: &Conversation, report: &Reanchored) -> Option<String> {
    report.mostly_lost().then(|| {
        let lost = match (report.highlights, report.orphans) {
            (1, _) => "its only highlight is nowhere".to_owned(),
            (n, o) if o == n => format!("none of its {n} highlights is"),
            (n, o) => format!("{o} of its {n} highlights are nowhere"),
        };
        format!(
            "{}: {lost} in this text of {:?}, so most of its coding is on another text (another conversation called {:?}, or this one before most of it changed)",
            path.shown(),
            doc.id,
            doc.id
        )
    })
}

/// The conversation an annotation file's `text` names, if it reads as one
/// far enough to say.
fn conversation_of(text: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Header {
        conversation: String,
    }
    let h: Header = ron::Options::default().from_str(strip_bom(text)).ok()?;
    Some(h.conversation)
}

/// Loads the annotations at `path`; `Ok(None)` if there is no file yet.
pub fn load_annotations(
    path: &Path,
    doc: &Conversation,
) -> Result<Option<(Annotations, Reanchored)>, AnnotationError> {
    load(path, doc, false).map(|found| found.map(|(a, report, _)| (a, report)))
}

/// [`load_annotations`], with how the file looked when it was read (for
/// the saver, which then need not read it again to know it is unchanged;
/// `None` if it changed while it was read). The print's hash is taken on a
/// thread of its own while the text is parsed.
pub fn load_annotations_seen(
    path: &Path,
    doc: &Conversation,
) -> Result<Option<(Annotations, Reanchored, Option<Fingerprint>)>, AnnotationError> {
    load(path, doc, true)
}

fn load(
    path: &Path,
    doc: &Conversation,
    printed: bool,
) -> Result<Option<(Annotations, Reanchored, Option<Fingerprint>)>, AnnotationError> {
    let name = path.shown();
    let read_error = |source| AnnotationError::Read { path: name.clone(), source };
    let real = real_path(path);
    let before = match fs::metadata(&real) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(source) => return Err(read_error(source)),
    };
    // Reading a pipe waits for a writer (the reader froze, keys and all),
    // and a device may never end (`/dev/zero` filled the memory).
    if !before.is_file() && !before.is_dir() {
        return Err(read_error(io::Error::other(
            "not a regular file (a pipe, a socket or a device)",
        )));
    }
    let bytes = match super::read_file(&real) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(source) => return Err(read_error(source)),
    };
    let after = fs::metadata(&real).ok().filter(|_| printed);
    let (print, parsed) = std::thread::scope(|scope| {
        let print = scope.spawn(|| after.and_then(|a| Fingerprint::read(&before, &a, &bytes)));
        let parsed = match std::str::from_utf8(&bytes) {
            Ok(text) => parse_annotations(text, &name, doc),
            Err(e) => Err(AnnotationError::NotUtf8 { path: name.clone(), offset: e.valid_up_to() }),
        };
        (print.join().ok().flatten(), parsed)
    });
    parsed.map(|(a, report)| Some((a, report, print)))
}

/// The RON text of a snapshot: one field per line, text unescaped, LF.
pub fn annotations_to_ron(snapshot: &Snapshot, doc: &Conversation) -> Result<String, ron::Error> {
    to_ron_text(&FileView::new(snapshot, doc))
}

/// The RON text of an annotation file, as [`annotations_to_ron`] writes it.
pub fn file_to_ron(file: &AnnotationFile) -> Result<String, ron::Error> {
    to_ron_text(file)
}

fn to_ron_text(file: &impl serde::Serialize) -> Result<String, ron::Error> {
    let mut bytes = Vec::new();
    // The fast writer makes `ron`'s bytes; `ron` itself is the fallback.
    let mut out = match super::quickron::to_writer(&mut bytes, file) {
        Ok(()) => String::from_utf8(bytes).map_err(|e| ron::Error::Message(e.to_string()))?,
        Err(_) => ron::Options::default().to_string_pretty(file, pretty())?,
    };
    out.push('\n');
    Ok(out)
}

fn pretty() -> PrettyConfig {
    PrettyConfig::new()
        .new_line("\n")
        .indentor("    ")
        .escape_strings(false)
        .struct_names(false)
        .separate_tuple_members(true)
        .extensions(Extensions::empty())
}

/// [`save`]s `file` as [`file_to_ron`] writes it, streamed: a large file is
/// never held whole as text.
pub fn save_file(path: &Path, file: &AnnotationFile) -> io::Result<()> {
    let path = &ready_to_save(path)?;
    super::write_atomic_with(path, |f: &mut fs::File| write_ron(f, file))
}

/// Where a save of `path` goes (its real place, through a symlink), once
/// its folder exists, it is known to be writable, and the current file is
/// kept as the backup.
fn ready_to_save(path: &Path) -> io::Result<PathBuf> {
    let path = real_path(path);
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir)?;
    }
    if let Some(why) = not_writable(&path) {
        return Err(io::Error::new(io::ErrorKind::PermissionDenied, why));
    }
    if path.exists() {
        backup(&path)?;
    }
    Ok(path)
}

/// Writes `file` to `w` as [`file_to_ron`] makes it, buffered.
pub fn write_ron(w: impl io::Write, file: &AnnotationFile) -> io::Result<()> {
    write_serialized(w, file)
}

/// Saves `snapshot` as [`save`] would save [`annotations_to_ron`]'s text,
/// streamed from the highlights where they are (no copy of the file's text
/// or of its strings is made).
pub fn save_snapshot(path: &Path, snapshot: &Snapshot, doc: &Conversation) -> io::Result<()> {
    let path = &ready_to_save(path)?;
    write_atomic_with_meta(path, |f: &mut fs::File| {
        write_serialized(f, &FileView::new(snapshot, doc))
    })
    .map(drop)
}

/// [`save_snapshot`], returning the new file's print (the saver's).
pub(crate) fn save_snapshot_printed(
    path: &Path,
    snapshot: &Snapshot,
    doc: &Conversation,
) -> io::Result<Fingerprint> {
    let path = &ready_to_save(path)?;
    let mut hash = Sha256::new();
    let meta = write_atomic_with_meta(path, |f: &mut fs::File| {
        write_serialized(Hashing { inner: f, hash: &mut hash }, &FileView::new(snapshot, doc))
    })?;
    Ok(Fingerprint::of(&meta, hash.finalize().into()))
}

/// A writer that hashes what passes through it.
struct Hashing<'a, W> {
    inner: W,
    hash: &'a mut Sha256,
}

impl<W: io::Write> io::Write for Hashing<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hash.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

fn write_serialized(w: impl io::Write, file: &impl serde::Serialize) -> io::Result<()> {
    let mut w = io::BufWriter::with_capacity(1 << 20, w);
    super::quickron::to_writer(&mut w, file)?;
    io::Write::write_all(&mut w, b"\n")?;
    io::Write::flush(&mut w)
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
    let path = &ready_to_save(path)?;
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
