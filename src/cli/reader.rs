//! What `crosstalk [DOC]` does: open the conversation (mapped, if large),
//! find and lock its annotation file, and run the reader on them.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{Cli, Error, Files, commands, output};
use crate::import::{Naming, Note};
use crate::model::Conversation;
use crate::model::annotations::{AnnotationFile, Annotations, Reanchored, Tag};
use crate::model::count::plural;
use crate::model::sanitize::Shown;
use crate::store::mapped::Settle;
use crate::store::saver::Saver;
use crate::store::{self, LoadError};
use crate::ui::core::Saving;
use crate::ui::{self, App, theme::Theme};

/// Loads the conversation named on the command line, or the bundled one,
/// with the label the status bar shows for it.
pub fn open(doc: Option<&PathBuf>) -> Result<(Conversation, String), LoadError> {
    match doc {
        Some(path) => Ok((store::load_document(path)?, path.shown())),
        None => Ok((store::bundled()?, store::BUNDLED_NAME.to_owned())),
    }
}

/// [`open`], with the speakers of an imported DOC named as `speakers` says
/// (`--speaker`, `--speakers`): what a command that shows their names
/// (`stats`, `export`, `agree`) opens, so it names them as the reader did.
pub fn open_speaking(
    doc: Option<&PathBuf>,
    speakers: &super::Speakers,
) -> Result<(Conversation, String), Error> {
    let names = speakers.namings()?;
    if names.is_empty() {
        return Ok(open(doc)?);
    }
    let (doc, label, _) = open_named(doc, &names)?;
    Ok((doc, label))
}

/// [`open`], naming the speakers of an imported file, with the import's notes.
pub fn open_named(
    doc: Option<&PathBuf>,
    names: &[Naming],
) -> Result<(Conversation, String, Vec<Note>), Error> {
    // Settled as it is dropped: read, it is ours.
    let (doc, label, notes, _settled) = open_for_reader(doc, names)?;
    Ok((doc, label, notes))
}

/// [`open_named`] as the reader opens it: a large Markdown file mapped,
/// with what settles it after the first frame (see [`store::open_document`]).
fn open_for_reader(
    doc: Option<&PathBuf>,
    names: &[Naming],
) -> Result<(Conversation, String, Vec<Note>, Option<Settle>), Error> {
    match doc {
        Some(path) => {
            let (doc, notes, settle) = store::open_document(path, names)?;
            Ok((doc, path.shown(), notes, settle))
        }
        None if !names.is_empty() => Err(Error::Usage(
            "--speaker and --speakers name the speakers of an imported DOC; the bundled debate names its own".into(),
        )),
        None => Ok((store::bundled()?, store::BUNDLED_NAME.to_owned(), Vec::new(), None)),
    }
}

/// `path` with the home directory shown as `~`.
fn tilde(path: &Path) -> String {
    let home = std::env::var_os("HOME").map(PathBuf::from);
    match home.as_deref().and_then(|h| path.strip_prefix(h).ok()) {
        Some(rest) => format!("~/{}", rest.shown()),
        None => path.shown(),
    }
}

/// What the reader starts with: the annotations at `path` if they load, or a
/// fresh set (with the bundled debate's codebook for it, no tags for any
/// other conversation); read-only (with the reason) if the file cannot be used or
/// another crosstalk has it open. The lock, when taken, lives as long as the
/// returned value.
pub fn annotations_for(app: &mut App, path: &Path) -> Option<store::Lock> {
    annotations_with(app, path, None)
}

/// [`annotations_for`], a new file starting with `codebook`'s tags if given.
pub fn annotations_with(
    app: &mut App,
    path: &Path,
    codebook: Option<Vec<Tag>>,
) -> Option<store::Lock> {
    annotations_seen(app, path, codebook, false).0
}

/// [`annotations_with`], with how the file looked when it was read (for
/// [`Saver::start_seen`]; `None` if there was no file or it changed while
/// it was read).
pub fn annotations_seen(
    app: &mut App,
    path: &Path,
    codebook: Option<Vec<Tag>>,
    named: bool,
) -> (Option<store::Lock>, Option<store::Fingerprint>) {
    // Named with --annotations, the file is no other document's by chance.
    let sharing = |path: &Path| sharing(path).filter(|_| !named);
    app.saving = Saving { path: path.to_owned(), label: tilde(path), ..Saving::default() };
    let mut print = None;
    match store::load_annotations_seen(path, &app.doc) {
        Ok(Some((annotations, report, seen))) => {
            app.annotations = annotations;
            app.message = describe(&report).map(|m| shared(sharing(path), m));
            print = seen;
        }
        Ok(None) => {
            let tags = codebook.unwrap_or_else(|| store::starting_tags(&app.doc));
            app.annotations = AnnotationFile::with_tags(&app.doc, tags);
            app.saving.fresh = true;
        }
        Err(e) => {
            app.annotations = AnnotationFile::empty(&app.doc);
            // Never overwrite a file that could not be read: show it, change nothing.
            let fix = match sharing(path) {
                Some(who) => format!("{who}: --annotations FILE keeps them apart"),
                None => "fix or move the file".into(),
            };
            app.saving.read_only = Some(format!("{e} — {fix}; nothing will be saved"));
            return (None, None);
        }
    }
    app.saving.saved_revision = app.annotations.revision();
    // A file its owner made read-only stays as it is.
    if let Some(why) = store::not_writable(path) {
        app.saving.read_only = Some(format!("{why} — nothing will be saved"));
        return (None, None);
    }
    let lock = match store::lock(path) {
        Ok(lock) => Some(lock),
        Err(e @ (store::LockError::Held { .. } | store::LockError::OtherHost { .. })) => {
            if let store::LockError::Held { pid } = e {
                app.saving.locked_out = Some((pid, store::started(pid)));
            }
            let then = match app.saving.locked_out {
                Some((_, Some(_))) => "; you can code here once it closes",
                _ => "",
            };
            app.saving.read_only = Some(format!("{} is {e}{then}", tilde(path)));
            None
        }
        Err(e) => {
            app.saving.read_only = Some(e.to_string());
            None
        }
    };
    (lock, print)
}

/// `changed` (the text an annotation file was made on is not this one),
/// with the likelier reason when another document beside it keeps its
/// annotations in the same file (`who`: `talk.md` and `talk.txt` share
/// it), and what to do; what changed first, so a narrow status bar still
/// shows it.
fn shared(who: Option<String>, changed: String) -> String {
    match who {
        Some(who) => format!("{changed} ({who}: --annotations FILE keeps them apart)"),
        None => changed,
    }
}

/// `talk.md and talk.txt share talk.annotations.ron`, if they do.
fn sharing(path: &Path) -> Option<String> {
    let name =
        |p: &Path| p.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let names: Vec<String> = store::documents_beside(path).iter().map(|d| name(d)).collect();
    (names.len() > 1).then(|| format!("{} share {}", names.join(" and "), name(path)))
}

/// `highlights followed their words`, in the number `n` asks for.
fn followed(n: usize) -> &'static str {
    plural(n, "highlight followed its words", "highlights followed their words")
}

fn describe(report: &Reanchored) -> Option<String> {
    let why = changed(report);
    match (report.moved, report.orphaned) {
        (0, 0) => None,
        (m, 0) => Some(format!("{why}: {m} {}", followed(m))),
        (m, o) => Some(format!("{why}: {m} {}, {o} could not be found (O to review)", followed(m))),
    }
}

/// Why highlights had to be found again: the text changed, or (the text
/// the same) the file's positions or quotes were edited by hand.
fn changed(report: &Reanchored) -> &'static str {
    match report.text_changed {
        true => "the text changed",
        false => "the positions in the annotation file did not match the text",
    }
}

/// The annotation file for `doc` (opened from `doc_path`): `--annotations`,
/// or the default place.
pub fn annotation_path(files: &Files, doc_path: Option<&Path>, doc: &Conversation) -> PathBuf {
    files.annotations.clone().unwrap_or_else(|| store::default_path_found(doc_path, &doc.id))
}

/// The tags of `--codebook`, read only when the annotation file at `path`
/// does not exist yet; with an existing file it is ignored, saying so.
pub fn codebook_for(codebook: Option<&Path>, path: &Path) -> Result<Option<Vec<Tag>>, Error> {
    let Some(codebook) = codebook else { return Ok(None) };
    if path.symlink_metadata().is_ok() {
        output::warn(&format!(
            "{} exists: --codebook {} is ignored (it only starts a new annotation file)",
            path.shown(),
            codebook.shown()
        ));
        return Ok(None);
    }
    Ok(Some(store::load_codebook(codebook)?))
}

/// Loads another coder's annotation file (`--against`) beside ours: it must
/// exist and be for this conversation. Never written.
pub fn against(app: &mut App, path: &Path) -> Result<(), Error> {
    // Another conversation's file is named as such, before its contributors
    // or tags are checked against this one.
    if let Some(other) = store::other_conversation(path, &app.doc) {
        return Err(Error::Usage(format!("--against {other}")));
    }
    let todo = "name another coder's file of this conversation; if this text was edited since, open the file in the reader (crosstalk DOC --annotations FILE) and re-attach or delete what was lost (O)";
    let Some(annotations) = commands::load_coder(path, &app.doc, todo)
        .map_err(|e| Error::Usage(format!("--against {e}")))?
    else {
        return Err(Error::Usage(format!(
            "--against {}: there is no such annotation file",
            path.shown()
        )));
    };
    let file_name =
        path.file_name().map_or_else(|| path.shown(), |n| n.to_string_lossy().into_owned());
    let other = ui::core::against::Against::new(annotations, &file_name, tilde(path));
    app.against = Some(Arc::new(other));
    Ok(())
}

/// Runs crosstalk with these arguments.
pub fn run(cli: Cli) -> Result<(), Error> {
    run_prepared(cli, None)
}

/// [`run`], with the frame buffers' thread if started already (see
/// [`ui::tty::prepare`]).
pub(super) fn run_prepared(cli: Cli, prepared: Option<ui::tty::Prepared>) -> Result<(), Error> {
    if let Some(command) = cli.command {
        // Not the reader: no buffers to make.
        drop(prepared);
        return commands::run(command);
    }
    // The terminal's buffers are made while the document is read, by a
    // thread that first reads half of a large one.
    let names = cli.speakers.namings()?;
    let prepared = prepared.or_else(ui::tty::prepare);
    let large = cli.doc.as_deref().is_some_and(|doc| store::maps(doc, &names));
    let read = || prepared.as_ref().map(ui::tty::Prepared::read);
    if !large {
        read();
    }
    let opened = open_for_reader(cli.doc.as_ref(), &names);
    read();
    let (doc, label, notes, settle) = opened?;
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let path = annotation_path(&cli.files, cli.doc.as_deref(), &doc);
    let codebook = codebook_for(cli.codebook.as_deref(), &path)?;
    // A placeholder, replaced as the annotation file loads (or is made),
    // so the first frame waits for neither.
    let placeholder = Annotations::new(doc.id.clone(), Vec::new());
    let mut app = App::with_annotations(doc, label, (0, 0), Theme::new(!no_color), placeholder);
    app.coder = super::coder(cli.coder.as_deref());
    if let Some(theirs) = &cli.against {
        if store::one_file(theirs, &path) {
            return Err(Error::Usage(format!(
                "--against {}: that is your own annotation file; name another coder's",
                theirs.shown()
            )));
        }
        against(&mut app, theirs)?;
    }
    // From the lock on, a signal must not end the process before it is
    // released: the handlers are registered first (acted on once the
    // reader is up).
    let caught = ui::signals::catch();
    hash_aside(&app.doc, &path);
    let named = cli.files.annotations.is_some();
    let (lock, print) = annotations_seen(&mut app, &path, codebook, named);
    // The other coder's lost highlights said in the reader, after what it
    // says of ours (standard error is behind the reader).
    if let Some(lost) = app.against.as_ref().and_then(|a| a.lost()) {
        app.message = Some(match app.message.take() {
            Some(ours) => format!("{ours} · {lost}"),
            None => lost,
        });
    }
    if app.message.is_none() && !notes.is_empty() {
        let all: Vec<String> = notes.iter().map(ToString::to_string).collect();
        app.message = Some(format!("note: {}", all.join("; ")));
    }
    // Where the reader was left; said only if nothing more is to be said
    // (the import's notes have no other place on screen).
    let place = store::places::key(cli.doc.as_deref(), &app.doc.id);
    if let Some(left) = store::places::load(&place)
        && app.restore(&left)
        && app.message.is_none()
    {
        app.message = Some("back where you left off (g: the start)".into());
    }
    let base = app.annotations.snapshot();
    // Holding the lock, no other crosstalk is saving: what killed saves
    // left is ours to remove, and the saver does it first.
    let saver = lock
        .as_ref()
        .map(|l| Saver::start_locked(l, path.clone(), Arc::clone(&app.doc), base, print));
    let lock_path = lock.as_ref().map(store::Lock::path);
    let app =
        ui::terminal::run(app, saver, lock_path, settle, cli.debug_panic_on_key, prepared, caught)?;
    // For the next open; a place not written is no loss of work, and the
    // terminal is the shell's again: nothing is said.
    let _ = store::places::save(&place, &app.place());
    drop(app);
    drop(lock);
    Ok(())
}

/// The text's hash begun on a thread of its own if an annotation file is
/// there to be checked against it: reading and parsing the file then go on
/// meanwhile (the loader's own ask waits for the hash, made once). The
/// 12.8 MB panel with an annotation file of 4,000 highlights showed its
/// first frame 4–8 ms sooner (31–37 ms → 27–29).
fn hash_aside(doc: &Arc<Conversation>, annotations: &Path) {
    if !annotations.is_file() {
        return;
    }
    let doc = Arc::clone(doc);
    // No thread to be had: the loader hashes as it did.
    let _ = std::thread::Builder::new().name("hash".into()).spawn(move || {
        doc.text_hash();
    });
}
