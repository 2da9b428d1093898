//! Command-line arguments and the top-level run: the reader by default,
//! or one of the [`Command`]s (in [`commands`]). Everything printed, output
//! and errors alike, goes through [`output`], which keeps it inert.

pub mod agree;
pub mod autocode;
pub mod commands;
pub mod links;
pub mod merge;
pub mod output;
mod quick;
pub mod refi;
pub mod tags;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{CommandFactory, FromArgMatches, Parser};

use crate::import::{Naming, Note, names};
use crate::model::Conversation;
use crate::model::annotations::{AnnotationFile, Annotations, Reanchored, Tag};
use crate::model::count::plural;
use crate::store::mapped::Settle;
use crate::store::saver::Saver;
use crate::store::{self, LoadError};
use crate::ui::core::Saving;
use crate::ui::{self, App, theme::Theme};

/// Read multi-voice debates side by side in the terminal, and code them.
///
/// With no DOC, opens the bundled debate, "Technical Difficulties — A
/// ChinaFile Conversation" (2020): a moderator and four respondents on the
/// U.S. bans of TikTok and WeChat. DOC may be a conversation (.ron), or
/// Markdown (.md), a transcript (.txt) or subtitles (.vtt, .srt), imported
/// as it opens; a file with another name is read as what its content looks
/// like.
#[derive(Debug, Parser)]
#[command(name = "crosstalk", version, about, long_about, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// A conversation to open instead of the bundled debate (.ron, .md, .txt,
    /// .vtt, .srt, or any name: the content is sniffed).
    #[arg(value_name = "DOC")]
    pub doc: Option<PathBuf>,

    #[command(flatten)]
    pub files: Files,

    #[command(flatten)]
    pub speakers: Speakers,

    /// The tags a new annotation file starts with: another annotation file
    /// (.ron), a REFI-QDA codebook (.qdc) or CSV (name,description[,color]).
    /// Ignored, with a notice, when the annotation file exists.
    // The brackets are --help text, not a doc link.
    #[allow(rustdoc::broken_intra_doc_links)]
    #[arg(long, value_name = "FILE")]
    pub codebook: Option<PathBuf>,

    /// Another coder's annotation file for the same conversation, shown
    /// beside ours (read-only): their highlights marked ▐ at the right and in
    /// italics where only they coded; A shows agreement, > and < step through
    /// disagreements.
    #[arg(long, value_name = "FILE")]
    pub against: Option<PathBuf>,

    /// The coder's name recorded on new highlights (default: $USER).
    #[arg(long, value_name = "NAME")]
    pub coder: Option<String>,

    /// Panic on the first key press. Hidden: the end-to-end tests use it to
    /// check that a crash still restores the terminal.
    #[arg(long, hide = true)]
    pub debug_panic_on_key: bool,
}

/// The annotation file option, shared by the reader and the commands.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct Files {
    /// The annotation file to use.
    #[arg(
        long,
        value_name = "PATH",
        help = "The annotation file to use (default: beside DOC as <stem>.annotations.ron, or <stem>.<ext>.annotations.ron for subtitles and names other than .ron/.md/.txt; for the bundled debate, in the data directory)"
    )]
    pub annotations: Option<PathBuf>,
}

/// Naming the speakers of an imported file (transcript, subtitles, Markdown).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct Speakers {
    /// Name a speaker of an imported file: `LABEL=Name; Affiliation` (repeat
    /// for several). LABEL is matched as transcript labels are: any case,
    /// honorifics aside, a bare surname for the one person with it.
    #[arg(long = "speaker", value_name = "LABEL=NAME")]
    pub speaker_specs: Vec<String>,
    /// A file of `LABEL=Name; Affiliation` lines (blank lines and `#`
    /// comments allowed), as for --speaker.
    #[arg(long = "speakers", value_name = "FILE")]
    pub speakers_file: Option<PathBuf>,
}

impl Speakers {
    /// The namings given: the file's first, then each --speaker.
    pub fn namings(&self) -> Result<Vec<Naming>, Error> {
        let mut out = Vec::new();
        if let Some(path) = &self.speakers_file {
            let bytes = std::fs::read(path).map_err(|e| {
                Error::Usage(format!("{}: cannot read the file: {e}", path.display()))
            })?;
            let text = crate::import::decode(&bytes).map_err(|_| {
                Error::Usage(format!(
                    "{}: the file is neither UTF-8 nor UTF-16 with a byte order mark",
                    path.display()
                ))
            })?;
            out = names::parse_file(&text, &path.display().to_string()).map_err(Error::Usage)?;
        }
        for spec in &self.speaker_specs {
            out.push(Naming::from_arg(spec).map_err(Error::Usage)?);
        }
        Ok(out)
    }
}

/// What crosstalk can do besides reading.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Export the annotations: a Markdown brief, CSV, W3C Web Annotation
    /// JSON-LD, a REFI-QDA project (.qdpx) or codebook (.qdc), the codebook
    /// as CSV (for Taguette), or HTML.
    Export(commands::ExportArgs),
    /// Import Markdown, a transcript or subtitles (WebVTT, SRT) as a
    /// conversation file (.ron), or a REFI-QDA project (.qdpx, .qde) as
    /// conversations with their annotation files.
    Import(commands::ImportArgs),
    /// Print the tag × contributor matrix: highlights and share of words
    /// coded; with --links, who links to whom, per relation (--format csv
    /// or json for R and Python).
    Stats(commands::StatsArgs),
    /// List the tags with their keys, counts and descriptions; `tags import
    /// FILE` merges a codebook (.qdc, CSV, .ron) into them.
    Tags(tags::TagsArgs),
    /// Compare coders: per tag and voice, units coded by both / one / neither,
    /// percent agreement, Cohen's κ, Krippendorff's α, Fleiss' κ.
    Agree(agree::AgreeArgs),
    /// Tag every match of a pattern (or its sentence or paragraph) at once,
    /// as one undo step; --dry-run shows what would be coded.
    Autocode(autocode::AutocodeArgs),
    /// Unite coders' annotation files into one (-o OUT); with --git, merge
    /// an annotation file as git's merge driver.
    Merge(merge::MergeArgs),
    /// Print shell completions (bash, zsh, fish, elvish, powershell).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `crosstalk man > crosstalk.1`.
    Man,
}

/// Why crosstalk stopped with an error.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Annotations(#[from] store::AnnotationError),
    #[error(transparent)]
    Export(#[from] crate::export::ExportError),
    #[error(transparent)]
    Codebook(#[from] store::CodebookError),
    #[error("{0}")]
    Usage(String),
    /// A merge written with both versions of something kept.
    #[error("{0}")]
    Conflict(String),
    #[error("{path}: {source}")]
    Write { path: String, source: std::io::Error },
    #[error("terminal: {0}")]
    Terminal(#[from] std::io::Error),
}

/// Loads the conversation named on the command line, or the bundled one,
/// with the label the status bar shows for it.
pub fn open(doc: Option<&PathBuf>) -> Result<(Conversation, String), LoadError> {
    match doc {
        Some(path) => Ok((store::load_document(path)?, path.display().to_string())),
        None => Ok((store::bundled()?, store::BUNDLED_NAME.to_owned())),
    }
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
            Ok((doc, path.display().to_string(), notes, settle))
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
        Some(rest) => format!("~/{}", rest.display()),
        None => path.display().to_string(),
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
    annotations_seen(app, path, codebook).0
}

/// [`annotations_with`], with how the file looked when it was read (for
/// [`Saver::start_seen`]; `None` if there was no file or it changed while
/// it was read).
pub fn annotations_seen(
    app: &mut App,
    path: &Path,
    codebook: Option<Vec<Tag>>,
) -> (Option<store::Lock>, Option<store::Fingerprint>) {
    app.saving = Saving { path: path.to_owned(), label: tilde(path), ..Saving::default() };
    let mut print = None;
    match store::load_annotations_seen(path, &app.doc) {
        Ok(Some((annotations, report, seen))) => {
            app.annotations = annotations;
            app.message = describe(&report);
            print = seen;
        }
        Ok(None) => {
            let tags = codebook.unwrap_or_else(|| store::starting_tags(&app.doc));
            app.annotations = AnnotationFile::with_tags(&app.doc, tags);
        }
        Err(e) => {
            app.annotations = AnnotationFile::empty(&app.doc);
            // Never overwrite a file that could not be read: show it, change nothing.
            app.saving.read_only =
                Some(format!("{e} — fix or move the file; nothing will be saved"));
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
            app.saving.read_only = Some(format!("{} is {e}", tilde(path)));
            None
        }
        Err(e) => {
            app.saving.read_only = Some(e.to_string());
            None
        }
    };
    (lock, print)
}

/// `highlights followed their words`, in the number `n` asks for.
fn followed(n: usize) -> &'static str {
    plural(n, "highlight followed its words", "highlights followed their words")
}

fn describe(report: &Reanchored) -> Option<String> {
    match (report.moved, report.orphaned) {
        (0, 0) => None,
        (m, 0) => Some(format!("the text changed: {m} {}", followed(m))),
        (m, o) => Some(format!(
            "the text changed: {m} {}, {o} could not be found (O to review)",
            followed(m)
        )),
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
            path.display(),
            codebook.display()
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
    let Some(annotations) = commands::load_existing(path, &app.doc)? else {
        return Err(Error::Usage(format!(
            "--against {}: there is no such annotation file",
            path.display()
        )));
    };
    let file_name = path
        .file_name()
        .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
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
fn run_prepared(cli: Cli, prepared: Option<ui::tty::Prepared>) -> Result<(), Error> {
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
    app.coder = cli
        .coder
        .clone()
        .or_else(|| std::env::var("USER").ok())
        .or_else(|| std::env::var("USERNAME").ok())
        .unwrap_or_else(|| "anonymous".into());
    if let Some(theirs) = &cli.against {
        against(&mut app, theirs)?;
    }
    // From the lock on, a signal must not end the process before it is
    // released: the handlers are registered first (acted on once the
    // reader is up).
    let caught = ui::signals::catch();
    hash_aside(&app.doc, &path);
    let (lock, print) = annotations_seen(&mut app, &path, codebook);
    if app.message.is_none() && !notes.is_empty() {
        let all: Vec<String> = notes.iter().map(ToString::to_string).collect();
        app.message = Some(format!("note: {}", all.join("; ")));
    }
    let base = app.annotations.snapshot();
    // Holding the lock, no other crosstalk is saving: what killed saves
    // left is ours to remove, and the saver does it first.
    let saver = lock
        .as_ref()
        .map(|l| Saver::start_locked(l, path.clone(), Arc::clone(&app.doc), base, print));
    let lock_path = lock.as_ref().map(store::Lock::path);
    ui::terminal::run(app, saver, lock_path, settle, cli.debug_panic_on_key, prepared, caught)?;
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

/// The binary's entry point: parse, run, report.
pub fn main() -> ExitCode {
    // The other core is woken for the frame buffers (and half of a large
    // file) at once: it takes a while to wake.
    let prepared = ui::tty::prepare();
    let args = arguments();
    let cli = match quick::one_file(&args) {
        Some(cli) => cli,
        None => match parsed(args) {
            Ok(cli) => cli,
            Err(e) => return clap_exit(&e),
        },
    };
    match run_prepared(cli, prepared) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            output::warn(&e.to_string());
            ExitCode::FAILURE
        }
    }
}

/// The command line, with `help --help` (or `-h`) read as `--help`: clap
/// takes `--help` after `help` for the name of a command and refuses it.
fn arguments() -> Vec<std::ffi::OsString> {
    let mut args: Vec<_> = std::env::args_os().collect();
    if args.len() == 3 && args[1] == "help" && (args[2] == "--help" || args[2] == "-h") {
        args.remove(1);
    }
    args
}

/// `args` as clap reads them, with the help's paragraph on where
/// annotations are saved.
fn parsed(args: Vec<std::ffi::OsString>) -> Result<Cli, clap::Error> {
    let bundled_file = store::default_path(None, store::BUNDLED_ID);
    let after = format!(
        "Annotations are saved after every change to --annotations PATH, by default\n\
         beside DOC as <stem>.annotations.ron (<stem>.<ext>.annotations.ron for\n\
         .vtt, .srt and names other than .ron/.md/.markdown/.txt), or for the\n\
         bundled debate:\n  {}\n\n\
         Keys: press ? in the reader for the full list. q quits.",
        bundled_file.display()
    );
    let matches = Cli::command().after_help(after).try_get_matches_from(args)?;
    Cli::from_arg_matches(&matches)
}

/// Prints clap's help, version or usage error through [`output`] rather than
/// letting clap print it: usage errors quote the arguments, and the help
/// quotes a path made from the environment. Plain text: clap's styling is
/// escape sequences of its own.
fn clap_exit(e: &clap::Error) -> ExitCode {
    let text = e.render().to_string();
    if e.use_stderr() {
        output::err(&text);
    } else if output::out(text.as_bytes()).is_err() {
        return ExitCode::FAILURE;
    }
    ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
}
