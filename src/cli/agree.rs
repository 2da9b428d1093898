//! `crosstalk agree A.ron B.ron [C.ron …]`: inter-coder agreement per tag
//! and voice ([`crate::model::agree`]), as an aligned table on a terminal or
//! CSV / JSON for R and Python (`render`).
//!
//! Each file is one coder, named by the coder its highlights carry, or by
//! the file's name when they carry several (or none); two files with one
//! coder name are told apart by their file names.

mod render;

use std::path::PathBuf;

use super::commands::load_existing;
use super::{Error, open, output};
use crate::model::agree::{self, Coder, Unit};
use crate::model::annotations::Annotations;
use crate::model::count::{count, plural};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum UnitArg {
    /// Each sentence of each voice.
    #[default]
    Sentence,
    /// Each paragraph.
    Paragraph,
    /// Each non-whitespace character (as NVivo's coding comparison).
    Char,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum AgreeFormat {
    /// An aligned table (the default).
    #[default]
    Table,
    /// One row per tag × voice × measure, for R or a spreadsheet.
    Csv,
    /// The same rows as JSON, for Python.
    Json,
}

#[derive(Debug, clap::Args)]
pub struct AgreeArgs {
    /// The coders' annotation files, one coder each (at least two).
    #[arg(value_name = "FILE", num_args = 2.., required = true)]
    pub files: Vec<PathBuf>,
    /// The conversation they annotate (default: the bundled debate).
    #[arg(long, value_name = "DOC")]
    pub doc: Option<PathBuf>,
    /// What is compared: a coder applied a tag to a unit when one of their
    /// highlights with it covers a non-whitespace character of the unit.
    #[arg(long, value_enum, default_value = "sentence")]
    pub unit: UnitArg,
    /// Only this tag (and the tags under it; repeat for several). The
    /// pooled "(all tags)" rows are then left out.
    #[arg(long, value_name = "NAME")]
    pub tag: Vec<String>,
    /// How to print the figures.
    #[arg(long, value_enum, default_value = "table")]
    pub format: AgreeFormat,
}

/// Each file's coder name: the one coder its highlights carry, or the file
/// name; names two files share get their file name added.
fn coder_names(files: &[PathBuf], loaded: &[Annotations]) -> Vec<String> {
    let file_name = super::merge::short;
    let mut names: Vec<String> = files
        .iter()
        .zip(loaded)
        .map(|(path, a)| a.sole_coder().map_or_else(|| file_name(path), str::to_owned))
        .collect();
    let shared: Vec<bool> =
        names.iter().map(|n| names.iter().filter(|m| *m == n).count() > 1).collect();
    for (i, twice) in shared.into_iter().enumerate() {
        if twice {
            names[i] = format!("{} ({})", names[i], file_name(&files[i]));
        }
    }
    names
}

pub fn agree(args: &AgreeArgs) -> Result<(), Error> {
    super::commands::each_once(&args.files)?;
    let (doc, label) = open(args.doc.as_ref())?;
    // Each coder's file on a thread of its own: parsing a large one is
    // most of the work.
    let results: Vec<Result<Option<Annotations>, Error>> = std::thread::scope(|s| {
        let doc = &doc;
        let handles: Vec<_> =
            args.files.iter().map(|path| s.spawn(move || load_existing(path, doc))).collect();
        handles
            .into_iter()
            .map(|h| {
                h.join().unwrap_or_else(|_| Err(Error::Usage("a file could not be read".into())))
            })
            .collect()
    });
    let mut loaded = Vec::new();
    for (path, result) in args.files.iter().zip(results) {
        match result.map_err(|e| super::commands::name_the_doc(e, &label))? {
            Some(a) => loaded.push(a),
            None => {
                return Err(Error::Usage(format!("{}: no such annotation file", path.display())));
            }
        }
    }
    let names = coder_names(&args.files, &loaded);
    let coders: Vec<Coder> = names
        .iter()
        .zip(&loaded)
        .map(|(name, a)| Coder {
            name: name.clone(),
            highlights: a.highlights().iter().map(|h| &**h).collect(),
        })
        .collect();
    let mut tags: Vec<String> = Vec::new();
    for a in &loaded {
        for t in a.tags() {
            if !tags.contains(&t.name) {
                tags.push(t.name.clone());
            }
        }
    }
    let unit = match args.unit {
        UnitArg::Sentence => Unit::Sentence,
        UnitArg::Paragraph => Unit::Paragraph,
        UnitArg::Char => Unit::Char,
    };
    if let Some(unknown) = args.tag.iter().find(|t| !tags.contains(t)) {
        return Err(Error::Usage(format!(
            "no tag is named “{unknown}” in these files; the tags are: {}",
            tags.join(", ")
        )));
    }
    let mut report = agree::agree(&doc, unit, &tags, &coders);
    if !args.tag.is_empty() {
        report.rows.retain(|r| r.tag.as_ref().is_some_and(|t| args.tag.contains(t)));
    }
    for (name, &n) in report.coders.iter().zip(&report.orphans) {
        if n > 0 {
            output::warn(&format!(
                "{name}: {} could not be found in the text and {} left out",
                count(n, "highlight", "highlights"),
                plural(n, "is", "are")
            ));
        }
    }
    let text = match args.format {
        AgreeFormat::Table => render::table(&doc, &report),
        AgreeFormat::Csv => render::csv(&doc, &report)?,
        AgreeFormat::Json => render::json(&doc, &report),
    };
    output::out(text.as_bytes())
}
