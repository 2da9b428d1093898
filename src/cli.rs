//! Command-line arguments and the top-level run.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use crate::store::{self, LoadError};
use crate::ui::{self, App, theme::Theme};

/// Read multi-voice debates side by side in the terminal.
///
/// With no DOC, opens the bundled debate, "Technical Difficulties — A
/// ChinaFile Conversation" (2020): a moderator and four respondents on the
/// U.S. bans of TikTok and WeChat.
#[derive(Debug, Parser)]
#[command(name = "crosstalk", version, about, long_about)]
#[command(after_help = "Keys: press ? in the reader for the full list. q quits.")]
pub struct Cli {
    /// A conversation file (.ron) to open instead of the bundled debate.
    #[arg(value_name = "DOC")]
    pub doc: Option<PathBuf>,

    /// Panic on the first key press. Hidden: the end-to-end tests use it to
    /// check that a crash still restores the terminal.
    #[arg(long, hide = true)]
    pub debug_panic_on_key: bool,
}

/// Why crosstalk stopped with an error.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error("terminal: {0}")]
    Terminal(#[from] std::io::Error),
}

/// Loads the conversation named on the command line, or the bundled one,
/// with the label the status bar shows for it.
pub fn open(doc: Option<&PathBuf>) -> Result<(crate::model::Conversation, String), LoadError> {
    match doc {
        Some(path) => Ok((store::load_conversation(path)?, path.display().to_string())),
        None => Ok((store::bundled()?, store::BUNDLED_NAME.to_owned())),
    }
}

/// Runs crosstalk with these arguments.
pub fn run(cli: Cli) -> Result<(), Error> {
    let (doc, label) = open(cli.doc.as_ref())?;
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let app = App::new(doc, label, (0, 0), Theme::new(!no_color));
    ui::terminal::run(app, cli.debug_panic_on_key)?;
    Ok(())
}

/// The binary's entry point: parse, run, report.
pub fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("crosstalk: {e}");
            ExitCode::FAILURE
        }
    }
}
