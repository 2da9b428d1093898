//! `crosstalk FILE`, the commonest launch, read without clap: building
//! clap's whole command tree (every subcommand and option, and the help's
//! path to the data directory) and parsing took 0.2 ms of every start,
//! more than mapping and laying out a 12.8 MB file. Anything else (an
//! option, a subcommand, no argument, two) goes to clap, and a test holds
//! what is read here to what clap reads.

use std::ffi::OsString;
use std::path::PathBuf;

use super::{Cli, Files, Speakers};

/// The subcommands' names, clap's own `help` among them: an argument that
/// is one of them is a command, not a file (held to clap's list by a test).
const COMMANDS: &[&str] = &[
    "export",
    "import",
    "stats",
    "tags",
    "agree",
    "autocode",
    "merge",
    "completions",
    "man",
    "help",
];

/// `args` (the program's name first), as clap reads them, if they are the
/// name of one file to open; `None` for clap to read.
pub(super) fn one_file(args: &[OsString]) -> Option<Cli> {
    let [_, doc] = args else { return None };
    // Not UTF-8, empty, an option or `-`, or a command: clap's to read.
    let text = doc.to_str()?;
    if text.is_empty() || text.starts_with('-') || COMMANDS.contains(&text) {
        return None;
    }
    Some(Cli {
        command: None,
        doc: Some(PathBuf::from(doc)),
        files: Files::default(),
        speakers: Speakers::default(),
        codebook: None,
        against: None,
        coder: None,
        debug_panic_on_key: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::{CommandFactory, Parser};
    use proptest::prelude::*;

    fn args(one: &str) -> Vec<OsString> {
        vec!["crosstalk".into(), one.into()]
    }

    /// What clap reads from `args`, as text (`Cli` compares as its debug
    /// form), or its error.
    fn clap_reads(args: &[OsString]) -> String {
        match Cli::try_parse_from(args) {
            Ok(cli) => format!("{cli:?}"),
            Err(e) => format!("error: {e}"),
        }
    }

    #[test]
    fn the_commands_are_claps() {
        let mut names: Vec<String> = Vec::new();
        for sub in Cli::command().get_subcommands() {
            names.push(sub.get_name().to_owned());
            names.extend(sub.get_all_aliases().map(str::to_owned));
        }
        // clap adds `help` as the tree is built.
        names.push("help".into());
        names.sort();
        let mut ours: Vec<String> = COMMANDS.iter().map(|c| (*c).to_owned()).collect();
        ours.sort();
        assert_eq!(ours, names);
    }

    #[test]
    fn one_file_is_read_as_clap_reads_it_and_nothing_else_is_read() {
        for one in [
            "panel.md",
            "talk.ron",
            "a b.md",
            "dir/x.vtt",
            "x=y",
            "Export",
            "EXPORT",
            "é.md",
            "李.md",
        ] {
            let quick = one_file(&args(one)).map(|cli| format!("{cli:?}"));
            assert_eq!(quick, Some(clap_reads(&args(one))), "{one}");
        }
        for one in
            ["", "-", "--", "-h", "--help", "--version", "--coder", "export", "completions", "help"]
        {
            assert!(one_file(&args(one)).is_none(), "{one:?} is for clap");
        }
        assert!(one_file(&["crosstalk".into()]).is_none());
        assert!(one_file(&["crosstalk".into(), "a.md".into(), "b.md".into()]).is_none());
    }

    proptest! {
        /// Whatever one argument is, read here it is read as clap reads it.
        #[test]
        fn any_one_argument_read_here_is_read_as_clap_reads_it(
            one in "[-a-z.= /é]{0,12}|(export|import|stats|tags|agree|autocode|merge|completions|man|help)[a-z]?",
        ) {
            if let Some(cli) = one_file(&args(&one)) {
                prop_assert_eq!(format!("{cli:?}"), clap_reads(&args(&one)));
            }
        }
    }
}
