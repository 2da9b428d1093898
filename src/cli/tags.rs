//! `crosstalk tags [DOC]` lists the tags; `crosstalk tags import FILE [DOC]`
//! merges a codebook into the annotation file's tags.
//!
//! The import writes as `autocode` does: the codebook is read whole first
//! (a bad one is an error naming its file and line, and nothing is
//! written); the lock is taken before the annotation file is read (another
//! crosstalk holding it is an error); a file that does not parse, is newer
//! or belongs to another conversation is never written over; the save keeps
//! a `.bak` and is atomic. With no annotation file yet, one is started
//! (with the bundled debate's codebook for the bundled debate).

use std::fmt::Write as _;
use std::path::PathBuf;

use super::commands::DocArgs;
use super::{Error, Files, annotation_path, open, output};
use crate::model::annotations::union::{Clash, Union};
use crate::model::annotations::{AnnotationFile, Prefer};
use crate::model::sanitize::Shown;
use crate::store;

/// `crosstalk tags`: a listing, or a subcommand.
#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true, disable_help_subcommand = true)]
pub struct TagsArgs {
    #[command(subcommand)]
    pub command: Option<TagsCommand>,
    #[command(flatten)]
    pub list: DocArgs,
}

#[derive(Debug, clap::Subcommand)]
pub enum TagsCommand {
    /// Merge a codebook into the annotation file's tags: new tags are added,
    /// identical ones left alone, clashes (same name, another colour or
    /// description) listed and, unless --prefer theirs, kept as they are.
    Import(ImportArgs),
}

/// Which side wins a clash, on the command line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum PreferArg {
    /// Keep the annotation file's colour and description (the default).
    #[default]
    Mine,
    /// Take the codebook's colour and description (quick keys stay).
    Theirs,
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The codebook: a REFI-QDA codebook (.qdc), CSV (name,description[,color],
    /// header optional; Taguette's codebook export too) or another
    /// annotation file (.ron).
    // The brackets are --help text, not a doc link.
    #[allow(rustdoc::broken_intra_doc_links)]
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Which side wins when a tag is in both with another colour or description.
    #[arg(long, value_enum, default_value = "mine")]
    pub prefer: PreferArg,
    /// Show what would change; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub files: Files,
    /// The conversation (default: the bundled debate).
    #[arg(value_name = "DOC")]
    pub doc: Option<PathBuf>,
}

/// Runs `crosstalk tags …`.
pub fn run(args: &TagsArgs) -> Result<(), Error> {
    match &args.command {
        None => {
            let (_, _, annotations) = super::commands::load(
                &args.list.files,
                args.list.doc.as_deref(),
                &Default::default(),
            )?;
            output::out(super::commands::tags(&annotations).as_bytes())
        }
        Some(TagsCommand::Import(import)) => self::import(import),
    }
}

/// Runs `crosstalk tags import`.
fn import(args: &ImportArgs) -> Result<(), Error> {
    // The codebook first: a bad one stops everything before any file is touched.
    let offered = store::read_codebook(&args.file)?;
    let (doc, _) = open(args.doc.as_ref())?;
    let path = annotation_path(&args.files, args.doc.as_deref(), &doc);
    let lock = if args.dry_run { None } else { Some(super::autocode::take_lock(&path)?) };
    let (mut annotations, new) = match super::commands::load_existing(&path, &doc)? {
        Some(annotations) => (annotations, false),
        None => (AnnotationFile::with_tags(&doc, store::starting_tags(&doc)), true),
    };
    let prefer = match args.prefer {
        PreferArg::Mine => Prefer::Mine,
        PreferArg::Theirs => Prefer::Theirs,
    };
    let (edit, union) = annotations.import_tags(&offered, prefer);
    let mut out = report(&union, prefer);
    let changed = !edit.changes.is_empty();
    if args.dry_run {
        out.push_str(" — dry run: nothing written\n");
    } else if changed || new {
        annotations.apply(edit);
        let text = store::annotations_to_ron(&annotations.snapshot(), &doc)
            .map_err(|e| Error::Usage(format!("cannot write RON: {e}")))?;
        store::save(&path, &text).map_err(|source| Error::Write { path: path.shown(), source })?;
        let _ = writeln!(out, " · {} {}", if new { "started" } else { "written to" }, path.shown());
    } else {
        let _ = writeln!(out, " · nothing to write");
    }
    drop(lock);
    output::out(out.as_bytes())
}

/// What the import does, tag by tag (the added and the clashes), then the
/// summary line without its end.
fn report(union: &Union, prefer: Prefer) -> String {
    let mut out = String::new();
    for name in &union.added {
        let _ = writeln!(out, "added     {name}");
    }
    for clash in &union.clashes {
        out.push_str(&clash_lines(clash));
    }
    let _ = write!(
        out,
        "added {}, unchanged {}, clashes {}",
        union.added.len(),
        union.unchanged.len(),
        union.clashes.len()
    );
    if !union.clashes.is_empty() {
        out.push_str(match prefer {
            Prefer::Mine => " (kept mine; --prefer theirs takes theirs)",
            Prefer::Theirs => " (took theirs)",
        });
    }
    out
}

/// `clash     NAME`, then one line per field: mine, then theirs.
pub(super) fn clash_lines(clash: &Clash) -> String {
    let mut out = format!("clash     {}\n", clash.name);
    for d in &clash.differences {
        let _ = writeln!(out, "  {:<12} mine   {:?}", d.field.name(), d.mine);
        let _ = writeln!(out, "  {:<12} theirs {:?}", "", d.theirs);
    }
    out
}
