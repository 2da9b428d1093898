//! `crosstalk import project.qdpx` (or `.qde`): a REFI-QDA project as
//! conversations and their annotation files.
//!
//! Without `--source`, the project's text sources are listed with what will
//! be imported, then all are; `--list` only lists. A project crosstalk
//! exported comes back as one conversation (`-o FILE.ron`, default
//! `<project>.ron` beside the project); any other gives one conversation
//! per source (`-o DIR`, default a folder `<project>/` beside the project;
//! with one source, a file as above). Each conversation's annotations go
//! beside it as `<stem>.annotations.ron`. Everything is worked out before
//! anything is written, so an error writes nothing; no file is replaced
//! without `--force`.

use std::path::{Path, PathBuf};

use super::Error;
use super::commands::{ImportArgs, ImportFormat, refuse_overwrite};
use super::output::{self, warn};
use crate::import::refi::{self, Imported};
use crate::model::count::count;
use crate::model::sanitize::Shown;
use crate::store;

/// Whether `path` is a REFI-QDA project: by its extension, or by its first
/// bytes (a zip, or XML with a `<Project` element near the start).
pub fn is_project(path: &Path) -> bool {
    let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase());
    if matches!(ext.as_deref(), Some("qdpx" | "qde")) {
        return true;
    }
    // Only the start: a transcript to import may be a gigabyte.
    let mut bytes = Vec::new();
    let read = std::fs::File::open(path)
        .and_then(|f| std::io::Read::read_to_end(&mut std::io::Read::take(f, 4096), &mut bytes));
    if read.is_err() {
        return false;
    }
    let head = String::from_utf8_lossy(&bytes);
    crate::import::sniff(&bytes) == crate::import::Format::Zip && !document(path, &bytes)
        || head.trim_start_matches('\u{feff}').trim_start().starts_with("<?xml")
            && head.contains("<Project")
}

/// Whether the zip at `path` (`head`, its first bytes) is a Word or
/// OpenDocument document after all: its directory, at its end, says so.
fn document(path: &Path, head: &[u8]) -> bool {
    use std::io::{Read, Seek, SeekFrom};
    let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase());
    if matches!(ext.as_deref(), Some("docx" | "odt")) {
        return true;
    }
    let mut tail = Vec::new();
    let back = i64::try_from(crate::import::ZIP_TAIL).unwrap_or(i64::MAX);
    let read = std::fs::File::open(path).and_then(|mut f| {
        let size = f.metadata()?.len();
        f.seek(SeekFrom::End(-back.min(i64::try_from(size).unwrap_or(i64::MAX))))?;
        f.read_to_end(&mut tail)
    });
    read.is_ok() && crate::import::zipped(head, &tail) != crate::import::Format::Zip
}

/// Runs the import if `args.file` is a project; `None` if it is not (and
/// no project option was given).
pub fn import(args: &ImportArgs) -> Option<Result<(), Error>> {
    if is_project(&args.file) {
        return Some(run(args));
    }
    if args.list || !args.sources.is_empty() {
        return Some(Err(Error::Usage(
            "--list and --source go with a REFI-QDA project (.qdpx, .qde)".into(),
        )));
    }
    None
}

fn run(args: &ImportArgs) -> Result<(), Error> {
    let name = args.file.shown();
    if args.format != ImportFormat::Auto {
        return Err(Error::Usage("--format does not go with a REFI-QDA project".into()));
    }
    if !args.speakers.speaker_specs.is_empty() || args.speakers.speakers_file.is_some() {
        return Err(Error::Usage(
            "--speaker and --speakers do not go with a REFI-QDA project".into(),
        ));
    }
    let store::refi::Loaded { project, texts } =
        store::refi::load_project(&args.file, store::refi::Limits::default())
            .map_err(|e| Error::Usage(e.to_string()))?;
    let chosen = choose(&project, &args.sources)?;
    let stem = args
        .file
        .file_stem()
        .map_or_else(|| "project".into(), |s| s.to_string_lossy().into_owned());
    let ours = refi::crosstalk_made(&project);
    let several = !ours && chosen.len() > 1;
    let listing = list(&project, &texts, &chosen, ours, &name);
    if args.list {
        return output::out(listing.as_bytes());
    }
    if args.sources.is_empty() {
        output::out(listing.as_bytes())?;
    }
    let picked: Vec<(usize, &str)> = chosen
        .iter()
        .map(|&i| (i, texts[i].as_str()))
        .filter(|(_, t)| !t.trim().is_empty())
        .collect();
    if picked.is_empty() {
        return Err(Error::Usage(format!(
            "{name}: no text source with any text was chosen: nothing to import"
        )));
    }
    let outcome = refi::build(&project, &picked, &stem)
        .map_err(|e| Error::Usage(store::refi::in_qde(&args.file, e).to_string()))?;
    // A big project can have a note per selection: the first ten, then a count.
    for note in outcome.notes.iter().take(10) {
        warn(&format!("{name}: note: {note}"));
    }
    if outcome.notes.len() > 10 {
        warn(&format!("{name}: note: and {} more notes like these", outcome.notes.len() - 10));
    }
    for s in &project.skipped {
        warn(&format!(
            "{name}: note: source {s:?} is not text (PDF, picture, audio or video): not imported"
        ));
    }
    if outcome.conversations.is_empty() {
        return Err(Error::Usage(format!(
            "{name}: no text source with any text was chosen: nothing to import"
        )));
    }
    let place = args.file.parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let several = several && outcome.conversations.len() > 1;
    let files =
        targets(&outcome.conversations, args.output.as_deref(), &place.join(&stem), several)?;
    let mut writes = Vec::new();
    for (c, (doc_path, notes_path)) in outcome.conversations.iter().zip(&files) {
        let ron =
            store::to_ron(&c.file).map_err(|e| Error::Usage(format!("cannot write RON: {e}")))?;
        let notes = store::annotations_to_ron(&c.annotations.snapshot(), &c.doc)
            .map_err(|e| Error::Usage(format!("cannot write RON: {e}")))?;
        writes.push((doc_path, ron, notes_path, notes, c));
    }
    for (doc_path, _, notes_path, _, _) in &writes {
        refuse_overwrite(doc_path, args.force)?;
        refuse_overwrite(notes_path, args.force)?;
    }
    for (doc_path, ron, notes_path, notes, c) in &writes {
        if let Some(dir) = doc_path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|source| Error::Write { path: dir.shown(), source })?;
        }
        store::write_atomic(doc_path, ron.as_bytes())
            .map_err(|source| Error::Write { path: doc_path.shown(), source })?;
        store::save(notes_path, notes)
            .map_err(|source| Error::Write { path: notes_path.shown(), source })?;
        warn(&format!(
            "wrote {} ({}) and {} ({}, {})",
            doc_path.shown(),
            c.sources.join(", "),
            notes_path.shown(),
            count(c.annotations.highlights().len(), "highlight", "highlights"),
            count(c.annotations.tags().len(), "tag", "tags")
        ));
    }
    Ok(())
}

/// The sources to import: those named (by name or GUID), or all.
fn choose(p: &refi::Project, wanted: &[String]) -> Result<Vec<usize>, Error> {
    if wanted.is_empty() {
        return Ok((0..p.sources.len()).collect());
    }
    let mut out = Vec::new();
    for w in wanted {
        let found = p.sources.iter().position(|s| s.name == *w || s.guid.eq_ignore_ascii_case(w));
        match found {
            Some(i) if !out.contains(&i) => out.push(i),
            Some(_) => {}
            None => {
                let names: Vec<String> =
                    p.sources.iter().map(|s| format!("{:?}", s.name)).collect();
                return Err(Error::Usage(format!(
                    "the project has no text source named {w:?}; its sources are: {}",
                    names.join(", ")
                )));
            }
        }
    }
    out.sort_unstable();
    Ok(out)
}

/// The sources, and what will be imported.
fn list(p: &refi::Project, texts: &[String], chosen: &[usize], ours: bool, name: &str) -> String {
    let origin = if p.origin.is_empty() { String::new() } else { format!(" from {}", p.origin) };
    let mut out = format!(
        "{name}: REFI-QDA project {:?}{origin}, {}\n\n",
        p.name,
        count(p.sources.len(), "text source", "text sources")
    );
    out.push_str("characters  codings  source\n");
    for (i, s) in refi::describe(p, texts).iter().enumerate() {
        let mark = if chosen.contains(&i) { "" } else { "  (not imported)" };
        out.push_str(&format!("{:>10}  {:>7}  {}{mark}\n", s.chars, s.codings, s.name));
    }
    for s in &p.skipped {
        out.push_str(&format!("{:>10}  {:>7}  {s} (not text: not imported)\n", "-", "-"));
    }
    out.push('\n');
    out.push_str(&if ours {
        format!(
            "A crosstalk project: one conversation, {}.\n",
            count(chosen.len(), "voice", "voices")
        )
    } else {
        format!(
            "One conversation per source: {}, speakers found as in a transcript.\n",
            chosen.len()
        )
    });
    out
}

/// Where each conversation and its annotations go: `out` (a file for one
/// conversation, a folder for several), or beside the project.
fn targets(
    conversations: &[Imported],
    out: Option<&Path>,
    default: &Path,
    several: bool,
) -> Result<Vec<(PathBuf, PathBuf)>, Error> {
    let with = |doc: PathBuf, c: &Imported| {
        let notes = store::default_path(Some(&doc), &c.doc.id);
        (doc, notes)
    };
    if !several {
        let doc = match out {
            Some(o) if o.is_dir() || o.to_string_lossy().ends_with(['/', '\\']) => o.join(format!(
                "{}.ron",
                conversations.first().map_or("project", |c| c.doc.id.as_str())
            )),
            Some(o) => o.to_path_buf(),
            None => default.with_extension("ron"),
        };
        return Ok(conversations.iter().map(|c| with(doc.clone(), c)).collect());
    }
    let dir = out.map_or_else(|| default.to_path_buf(), Path::to_path_buf);
    if dir.symlink_metadata().is_ok() && !dir.is_dir() {
        return Err(Error::Usage(format!(
            "{}: the project makes {} conversations, so -o names a folder, and this is a file",
            dir.shown(),
            conversations.len()
        )));
    }
    let mut taken: Vec<PathBuf> = Vec::new();
    let mut paths = Vec::new();
    for c in conversations {
        let mut doc = dir.join(format!("{}.ron", c.doc.id));
        let mut n = 2;
        while taken.contains(&doc) {
            doc = dir.join(format!("{}-{n}.ron", c.doc.id));
            n += 1;
        }
        taken.push(doc.clone());
        paths.push(with(doc, c));
    }
    Ok(paths)
}
