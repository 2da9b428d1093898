//! The commands that work without the reader: export, import, stats, tags,
//! completions and the manual page (`autocode` is in [`super::autocode`]).

use std::path::{Path, PathBuf};

use clap::CommandFactory;

use super::output::{self, warn};
pub use super::report::{stats, tags};
use super::{Cli, Command, Error, Files, annotation_path};
use crate::export::{Export, Filter, Format, Options};
use crate::import::Kind;
use crate::model::Conversation;
use crate::model::annotations::{Annotations, Reanchored};
use crate::model::count::{count, plural};
use crate::model::sanitize::Shown;
use crate::store;

/// `--format` takes the export formats by name.
impl clap::ValueEnum for Format {
    fn value_variants<'a>() -> &'a [Self] {
        &Format::ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        let value = clap::builder::PossibleValue::new(self.name()).help(self.about());
        // The file extension is what many type (`--format md`).
        Some(match self {
            Format::Markdown => value.alias("md"),
            Format::Json => value.alias("jsonld"),
            _ => value,
        })
    }
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// What to write.
    #[arg(long, short, value_enum)]
    pub format: Format,
    #[command(flatten)]
    pub files: Files,
    /// Only highlights with this tag (repeat for several); only these tags are written.
    #[arg(long = "tag", value_name = "NAME")]
    pub tags: Vec<String>,
    /// Only this contributor's highlights, by id (repeat for several).
    #[arg(long = "contributor", value_name = "ID")]
    pub contributors: Vec<String>,
    /// Write to FILE instead of standard output (`-`; a file is required for qdpx).
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Overwrite FILE if it exists.
    #[arg(long)]
    pub force: bool,
    /// Markdown only: append the whole conversation, in the form `crosstalk import` reads.
    #[arg(long)]
    pub with_text: bool,
    /// CSV, codebook-csv and links-csv only: write cells that begin with = + - @, tab or CR as they are.
    /// By default a ' goes before them, so a spreadsheet shows them as text
    /// instead of running them as a formula.
    #[arg(long)]
    pub raw: bool,
    /// CSV and links-csv only: start with a UTF-8 byte order mark (lines already end in
    /// CRLF), so Excel reads accents, CJK and emoji right when the file is
    /// opened by double-click; LibreOffice and R read it either way.
    #[arg(long)]
    pub excel: bool,
    #[command(flatten)]
    pub speakers: super::Speakers,
    /// The conversation (default: the bundled debate).
    #[arg(value_name = "DOC")]
    pub doc: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportFormat {
    /// By the file: WebVTT or SRT by the extension or the first lines, a
    /// chat by a date and time opening the first line, Markdown if it has
    /// `## ` headings, else a transcript.
    Auto,
    Markdown,
    Transcript,
    /// WebVTT subtitles (Zoom, Teams).
    Vtt,
    /// SRT subtitles.
    Srt,
    /// A chat app's export (WhatsApp, Zoom's saved chat, Telegram's JSON).
    Chat,
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// Markdown (`# Title`, `## Contributor` sections), a transcript
    /// (`NAME: text` lines, or names on lines of their own above the
    /// text), WebVTT / SRT subtitles, or a chat exported
    /// from WhatsApp or Telegram or saved from Zoom; UTF-8, or UTF-16
    /// with a byte order mark. Or a REFI-QDA project (.qdpx, or .qde with
    /// its sources/ folder): a project crosstalk exported comes back as its
    /// one conversation, any other as one conversation per text source
    /// (speakers found as in a transcript); each with its codings as
    /// `<stem>.annotations.ron` beside it. Written to -o (a file for one
    /// conversation, a folder for several), by default `<project>.ron` or a
    /// folder `<project>/` beside the project.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    #[arg(long, value_enum, default_value = "auto")]
    pub format: ImportFormat,
    #[command(flatten)]
    pub speakers: super::Speakers,
    /// Where to write the conversation (.ron); standard output if not given
    /// or `-` (a REFI-QDA project: see FILE).
    #[arg(long, short, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Overwrite OUT if it exists.
    #[arg(long)]
    pub force: bool,
    /// A REFI-QDA project: list its text sources and what would be imported, and stop.
    #[arg(long)]
    pub list: bool,
    /// A REFI-QDA project: import this text source, by name or GUID (repeat
    /// for several; default: all).
    #[arg(long = "source", value_name = "NAME")]
    pub sources: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct StatsArgs {
    #[command(flatten)]
    pub files: Files,
    /// Who links to whom instead: per relation, a contributor × contributor
    /// table of links from one's passages (rows) to another's (columns).
    #[arg(long)]
    pub links: bool,
    /// How to print the figures (csv and json go with --links).
    #[arg(long, value_enum, default_value = "table")]
    pub format: super::links::StatsFormat,
    #[command(flatten)]
    pub speakers: super::Speakers,
    /// The conversation (default: the bundled debate).
    #[arg(value_name = "DOC")]
    pub doc: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct DocArgs {
    #[command(flatten)]
    pub files: Files,
    /// The conversation (default: the bundled debate).
    #[arg(value_name = "DOC")]
    pub doc: Option<PathBuf>,
}

/// `-o -` is standard output, as `-` is to most tools (it made a file
/// named `-`); `./-` is that file.
fn to_a_file(output: Option<PathBuf>) -> Option<PathBuf> {
    output.filter(|out| out.as_os_str() != "-")
}

/// Runs one command.
pub fn run(command: Command) -> Result<(), Error> {
    match command {
        Command::Export(mut args) => {
            args.output = to_a_file(args.output);
            export(&args)
        }
        Command::Import(mut args) => {
            args.output = to_a_file(args.output);
            import(&args)
        }
        Command::Stats(args) => stats_command(&args),
        Command::Tags(args) => super::tags::run(&args),
        Command::Autocode(args) => super::autocode::autocode(&args),
        Command::Agree(args) => super::agree::agree(&args),
        Command::Merge(args) => super::merge::run(&args),
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "crosstalk", &mut out);
            output::out(&out)
        }
        Command::Man => {
            let mut out = Vec::new();
            clap_mangen::Man::new(Cli::command()).render(&mut out)?;
            output::out(&out)
        }
    }
}

/// The annotation file at `path`, if there is one, with a warning when the
/// text changed since it was written (highlights followed or lost).
pub(super) fn load_existing(path: &Path, doc: &Conversation) -> Result<Option<Annotations>, Error> {
    Ok(store::load_annotations(path, doc)?.map(|(annotations, report)| {
        said_changed(path, &report);
        annotations
    }))
}

/// [`load_existing`] of a coder's file to be compared or united with
/// others': refused, with `what_to_do` said, when most of its highlights
/// are nowhere in the text (it annotates another text called the same; see
/// `store::another_text`).
pub(super) fn load_coder(
    path: &Path,
    doc: &Conversation,
    what_to_do: &str,
) -> Result<Option<Annotations>, Error> {
    let Some((annotations, report)) = store::load_annotations(path, doc)? else {
        return Ok(None);
    };
    if let Some(said) = store::another_text(path, doc, &report) {
        return Err(Error::Usage(format!("{said}; {what_to_do}")));
    }
    said_changed(path, &report);
    Ok(Some(annotations))
}

/// A warning when the text changed since the file at `path` was written.
fn said_changed(path: &Path, report: &Reanchored) {
    if report.moved + report.orphaned > 0 {
        let why = match report.text_changed {
            true => format!("the text changed since {} was written", path.shown()),
            false => format!("{}: its positions did not match the text", path.shown()),
        };
        warn(&format!(
            "{why}: {} {}, {} could not be found",
            report.moved,
            plural(report.moved, "highlight followed its words", "highlights followed their words"),
            report.orphaned
        ));
    }
}

/// `e`, if it is an annotation file's for a conversation other than the
/// one opened (`label`), said with what to do: the bundled debate is
/// opened when no `--doc` is given, so the file's own is to be named.
pub(super) fn name_the_doc(e: Error, label: &str) -> Error {
    match e {
        Error::Annotations(store::AnnotationError::Invalid {
            path,
            source: crate::model::annotations::FileError::OtherConversation { expected, found },
        }) => Error::Usage(format!(
            "{path}: it annotates conversation {found:?}, not {expected:?} ({label}): name its conversation with --doc"
        )),
        e => e,
    }
}

/// The conversation, where its annotations are, and the annotations, which
/// must exist: a command has nothing to work on without them.
pub(super) fn load(
    files: &Files,
    doc_path: Option<&Path>,
    speakers: &super::Speakers,
) -> Result<(Conversation, PathBuf, Annotations), Error> {
    let owned = doc_path.map(Path::to_path_buf);
    let (doc, _) = super::open_speaking(owned.as_ref(), speakers)?;
    let path = annotation_path(files, doc_path, &doc);
    match load_existing(&path, &doc)? {
        Some(annotations) => Ok((doc, path, annotations)),
        None => Err(Error::Usage(format!(
            "{}: there is no annotation file here; code some passages in the reader first, or name the file with --annotations",
            path.shown()
        ))),
    }
}

fn stats_command(args: &StatsArgs) -> Result<(), Error> {
    use super::links::StatsFormat;
    if !args.links && args.format != StatsFormat::Table {
        return Err(Error::Usage(
            "--format csv and json go with --links (the tag matrix prints as a table; `crosstalk export --format csv` writes the highlights)".into(),
        ));
    }
    let (doc, path, annotations) = load(&args.files, args.doc.as_deref(), &args.speakers)?;
    if args.links {
        print(&super::links::render(&doc, &annotations, &path, args.format)?)
    } else {
        print(&stats(&doc, &annotations, &path))
    }
}

fn export(args: &ExportArgs) -> Result<(), Error> {
    let format = args.format;
    if format.binary() && args.output.is_none() {
        return Err(Error::Usage(format!(
            "--format {} writes a zip file: name it with -o FILE.{}",
            format.name(),
            format.extension()
        )));
    }
    if args.with_text && format != Format::Markdown {
        return Err(Error::Usage("--with-text goes with --format markdown".into()));
    }
    if args.raw && !matches!(format, Format::Csv | Format::CodebookCsv | Format::LinksCsv) {
        return Err(Error::Usage("--raw goes with --format csv, codebook-csv or links-csv".into()));
    }
    if args.excel && !matches!(format, Format::Csv | Format::LinksCsv) {
        return Err(Error::Usage(
            "--excel goes with --format csv or links-csv (codebook-csv always starts with a byte order mark)"
                .into(),
        ));
    }
    if let Some(out) = &args.output {
        folder_exists(out)?;
        refuse_overwrite(out, args.force)?;
    }
    let (doc, _, annotations) = load(&args.files, args.doc.as_deref(), &args.speakers)?;
    let filter = Filter { tags: args.tags.clone(), contributors: args.contributors.clone() };
    let e = Export::new(&doc, &annotations, &filter)?;
    let options = Options { raw: args.raw, with_text: args.with_text, excel: args.excel };
    let rendered = e.render_with(format, options)?;
    for warning in &rendered.warnings {
        warn(warning);
    }
    // The brief lists them itself; a codebook holds no highlights at all.
    if !e.orphans.is_empty()
        && !matches!(format, Format::Markdown | Format::Qdc | Format::CodebookCsv)
    {
        let n = e.orphans.len();
        warn(&format!(
            "{} could not be found in the text and {} left out (the Markdown brief lists {}; O in the reader re-attaches {})",
            count(n, "highlight", "highlights"),
            plural(n, "is", "are"),
            plural(n, "it", "them"),
            plural(n, "it", "them"),
        ));
    }
    match &args.output {
        Some(out) => write_file(out, &rendered.bytes),
        None => output::out(&rendered.bytes),
    }
}

fn import(args: &ImportArgs) -> Result<(), Error> {
    if let Some(done) = super::refi::import(args) {
        return done;
    }
    if let Some(out) = &args.output {
        folder_exists(out)?;
        refuse_overwrite(out, args.force)?;
    }
    let kind = match args.format {
        ImportFormat::Auto => None,
        ImportFormat::Markdown => Some(Kind::Markdown),
        ImportFormat::Transcript => Some(Kind::Transcript),
        ImportFormat::Vtt => Some(Kind::WebVtt),
        ImportFormat::Srt => Some(Kind::Srt),
        ImportFormat::Chat => Some(Kind::Chat),
    };
    // Transcripts are streamed, to a file or a pipe: a 1 GB one needs not 6
    // GB of memory. Standard output to a terminal is made inert whole.
    let mut piped = output::piped();
    let target = match (&args.output, piped.as_mut()) {
        (Some(out), _) => Some(store::Target::File(out)),
        (None, Some(out)) => Some(store::Target::Stream { out, name: "standard output" }),
        (None, None) => None,
    };
    let names = args.speakers.namings()?;
    let note = |note: &crate::import::Note| warn(&format!("{}: note: {note}", args.file.shown()));
    // Naming speakers needs the whole conversation: that import is in memory.
    if let Some(target) = target.filter(|_| names.is_empty()) {
        let name = args.file.shown();
        let mut status = output::Status::new();
        let streamed =
            store::import_streaming(&args.file, kind, target, &mut |pass, done, total| {
                status.show(&progress(&name, pass, done, total));
            });
        status.clear();
        match streamed {
            Ok(store::Streamed::Written(notes, summary)) => {
                notes.iter().for_each(note);
                warn(&format!("{}: {summary}", args.file.shown()));
                return Ok(());
            }
            Ok(store::Streamed::InMemory) => {}
            Err(store::StreamError::Load(e)) => return Err(e.into()),
            // A closed pipe (`| head`) is not an error worth reporting.
            Err(store::StreamError::Write { source, .. })
                if args.output.is_none() && source.kind() == std::io::ErrorKind::BrokenPipe =>
            {
                return Ok(());
            }
            Err(store::StreamError::Write { path, source }) => {
                return Err(Error::Write { path, source });
            }
        }
    }
    let (file, notes) = store::import_file_named(&args.file, kind, &names)?;
    notes.iter().for_each(note);
    // Check it as a conversation before writing anything.
    Conversation::new(file.clone()).map_err(|source| {
        Error::Load(store::LoadError::Invalid { path: args.file.shown(), source })
    })?;
    let ron = store::to_ron(&file).map_err(|e| Error::Usage(format!("cannot write RON: {e}")))?;
    match &args.output {
        Some(out) => write_file(out, ron.as_bytes())?,
        None => output::out(ron.as_bytes())?,
    }
    warn(&format!("{}: {}", args.file.shown(), crate::import::Summary::of(&file)));
    Ok(())
}

/// `importing FILE: checking (1/2) 512 MB of 1000 MB (51%)`.
fn progress(name: &str, pass: store::Pass, done: u64, total: u64) -> String {
    let what = match pass {
        store::Pass::Check => "checking (1/2)",
        store::Pass::Write => "writing (2/2)",
    };
    let mb = |b: u64| b as f64 / 1e6;
    let percent = (done.min(total) * 100).checked_div(total).unwrap_or(100);
    format!(
        "importing {name}: {what} {:.0} MB of {:.0} MB ({percent}%)",
        mb(done.min(total)),
        mb(total)
    )
}

/// Refuses one coder's file named twice (`a.ron ./a.ron`): compared with
/// itself it would count as two coders in full agreement.
pub(super) fn each_once(files: &[PathBuf]) -> Result<(), Error> {
    let real = |p: &PathBuf| std::fs::canonicalize(p).unwrap_or_else(|_| p.clone());
    let seen: Vec<PathBuf> = files.iter().map(real).collect();
    for (i, a) in seen.iter().enumerate() {
        if let Some(j) = seen[..i].iter().position(|b| b == a) {
            return Err(Error::Usage(format!(
                "{} and {} are one file: name each coder's file once",
                files[j].shown(),
                files[i].shown()
            )));
        }
    }
    Ok(())
}

/// Refuses an output in a folder that does not exist: said before the
/// work, not after a long import as the write's error.
pub(super) fn folder_exists(path: &Path) -> Result<(), Error> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.is_dir()
    {
        return Err(Error::Usage(format!(
            "{}: the folder {} does not exist",
            path.shown(),
            dir.shown()
        )));
    }
    Ok(())
}

/// Refuses to write over anything at `path` without `--force` (and a
/// folder at all): a file, and
/// also a symlink whose target is missing (`Path::exists` follows the link
/// and says no, yet writing would replace the link).
pub(super) fn refuse_overwrite(path: &Path, force: bool) -> Result<(), Error> {
    // A folder is no file to write, with `--force` or without.
    if path.is_dir() {
        return Err(Error::Usage(format!(
            "{}: is a folder; -o takes the file to write (a name inside it, say)",
            path.shown()
        )));
    }
    // A device or a pipe (`/dev/null`, `/dev/stdout`) is written into, not
    // overwritten: no `--force` for it.
    let special = path.metadata().is_ok_and(|m| !m.is_file() && !m.is_dir());
    if path.symlink_metadata().is_ok() && !force && !special {
        return Err(Error::Usage(format!(
            "{}: the file exists; use --force to overwrite it",
            path.shown()
        )));
    }
    Ok(())
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    store::write_atomic(path, bytes).map_err(|source| Error::Write { path: path.shown(), source })
}

fn print(text: &str) -> Result<(), Error> {
    output::out(text.as_bytes())
}
