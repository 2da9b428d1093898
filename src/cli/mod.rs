//! Command-line arguments and the top-level run: the reader by default,
//! or one of the [`Command`]s (in [`commands`]). Everything printed, output
//! and errors alike, goes through [`output`], which keeps it inert.

pub mod agree;
pub mod autocode;
pub mod commands;
pub mod links;
pub mod merge;
mod merge_git;
pub mod output;
mod quick;
mod reader;
pub mod refi;
mod report;
pub mod tags;

pub use reader::{
    against, annotation_path, annotations_for, annotations_seen, annotations_with, codebook_for,
    open, open_named, open_speaking, run,
};

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser};

use crate::import::{Naming, names};
use crate::model::sanitize::Shown;
use crate::store::{self, LoadError};
use crate::ui;

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

    /// Panic on F12. Hidden: the end-to-end tests use it to check that a
    /// crash still restores the terminal and keeps the user's work.
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
                Error::Usage(format!("{}: cannot read the file: {e}", path.shown()))
            })?;
            let text = crate::import::decode(&bytes).map_err(|_| {
                Error::Usage(format!(
                    "{}: the file is neither UTF-8 nor UTF-16 with a byte order mark",
                    path.shown()
                ))
            })?;
            out = names::parse_file(&text, &path.shown()).map_err(Error::Usage)?;
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
    match reader::run_prepared(cli, prepared) {
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
        bundled_file.shown()
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

/// The coder's name: `--coder`, else `$USER` (`%USERNAME%`), else
/// `anonymous`; one that is empty or only spaces (`--coder ""`, `USER=`) is
/// no name (agreement and exports name coders by it).
pub(crate) fn coder(given: Option<&str>) -> String {
    let named = |n: &str| (!n.trim().is_empty()).then(|| n.trim().to_owned());
    given
        .and_then(named)
        .or_else(|| std::env::var("USER").ok().as_deref().and_then(named))
        .or_else(|| std::env::var("USERNAME").ok().as_deref().and_then(named))
        .unwrap_or_else(|| "anonymous".into())
}

#[cfg(test)]
mod coder_tests {
    #[test]
    fn an_empty_coder_name_is_no_name() {
        assert_eq!(super::coder(Some(" ada ")), "ada");
        // Whatever the environment holds, never an empty name.
        for none in [Some(""), Some("   "), None] {
            assert!(!super::coder(none).trim().is_empty());
        }
    }
}
