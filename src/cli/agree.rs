//! `crosstalk agree A.ron B.ron [C.ron …]`: inter-coder agreement per tag
//! and voice ([`crate::model::agree`]), as an aligned table on a terminal or
//! CSV / JSON for R and Python (`render`).
//!
//! Each file is one coder, named by the coder its highlights carry, or by
//! the file's name when they carry several (or none); two files with one
//! coder name are told apart by their file names (their paths, if those
//! are one name too). A team that shares one file through git (every
//! clone's holds everyone's coding) compares the coders its highlights
//! name instead: `--by-coder`, or one file alone (`by_coder`).

mod render;

use std::path::PathBuf;

use super::commands::load_coder;
use super::{Error, output};
use crate::model::agree::{self, Coder, Unit};
use crate::model::annotations::{Annotations, Highlight};
use crate::model::count::{count, plural};
use crate::model::sanitize::Shown;

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
    /// The coders' annotation files, one coder each (at least two); or,
    /// with --by-coder, files whose highlights name their coders (one is
    /// enough).
    #[arg(value_name = "FILE", num_args = 1.., required = true)]
    pub files: Vec<PathBuf>,
    /// Compare the coders the highlights name (each highlight's `coder`),
    /// whichever files hold them: a team's file shared through git holds
    /// everyone's coding. A highlight in several files counts once. Given
    /// one file, this is what is done.
    #[arg(long)]
    pub by_coder: bool,
    /// The conversation they annotate (default: the bundled debate).
    #[arg(long, value_name = "DOC")]
    pub doc: Option<PathBuf>,
    #[command(flatten)]
    pub speakers: super::Speakers,
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
    // Told apart by the file's name, or, if that is shared too (each
    // clone's `talk.annotations.ron`), by its path.
    for name in [file_name, |p: &std::path::Path| p.shown()] {
        let shared: Vec<bool> =
            names.iter().map(|n| names.iter().filter(|m| *m == n).count() > 1).collect();
        for (i, twice) in shared.into_iter().enumerate() {
            if twice {
                names[i] = match loaded[i].sole_coder() {
                    Some(coder) => format!("{coder} ({})", name(&files[i])),
                    // Named by the file: by its path, then.
                    None => name(&files[i]),
                };
            }
        }
    }
    names
}

/// The coders the highlights of `loaded` name, each with their highlights,
/// in the order of their names; a highlight in several files (a shared
/// file's copies in each clone) once, as the first file listed has it.
/// Highlights naming no coder are no coder's, and left out; that, and
/// copies of one highlight that differ between files (a clone not pulled
/// since), are said on standard error.
fn by_coder(loaded: &[Annotations]) -> Vec<(String, Vec<&Highlight>)> {
    let mut coders: Vec<(String, Vec<&Highlight>)> = Vec::new();
    let mut seen: std::collections::HashMap<&str, &Highlight> = std::collections::HashMap::new();
    let (mut nobody, mut differ) = (0, 0);
    for h in loaded.iter().flat_map(|a| a.highlights().iter().map(|h| &**h)) {
        if let Some(first) = seen.get(h.id.as_str()) {
            let same = (first.voice, first.start, first.end, &first.tags, &first.coder)
                == (h.voice, h.start, h.end, &h.tags, &h.coder);
            differ += usize::from(!same);
            continue;
        }
        seen.insert(&h.id, h);
        let name = h.coder.trim();
        if name.is_empty() {
            nobody += 1;
            continue;
        }
        match coders.iter_mut().find(|(n, _)| n == name) {
            Some((_, hs)) => hs.push(h),
            None => coders.push((name.to_owned(), vec![h])),
        }
    }
    if nobody > 0 {
        output::warn(&format!(
            "{} no coder and {} left out",
            count(nobody, "highlight names", "highlights name"),
            plural(nobody, "is", "are")
        ));
    }
    if differ > 0 {
        output::warn(&format!(
            "{} differently in the files given (one not pulled since?): each is counted as the first file listed has it",
            count(differ, "highlight stands", "highlights stand")
        ));
    }
    coders.sort_by(|a, b| a.0.cmp(&b.0));
    coders
}

/// The files of `loaded` whose highlights name several coders: each counts
/// as one coder, which a team sharing a file through git does not mean.
fn mixed(files: &[PathBuf], loaded: &[Annotations]) -> Vec<String> {
    files
        .iter()
        .zip(loaded)
        .filter_map(|(path, a)| {
            let mut names: Vec<&str> = Vec::new();
            for h in a.highlights() {
                let c = h.coder.trim();
                if !c.is_empty() && !names.contains(&c) {
                    names.push(c);
                }
            }
            names.sort_unstable();
            (names.len() > 1).then(|| format!("{} ({})", path.shown(), names.join(", ")))
        })
        .collect()
}

pub fn agree(args: &AgreeArgs) -> Result<(), Error> {
    super::commands::each_once(&args.files)?;
    let (doc, label) = super::open_speaking(args.doc.as_ref(), &args.speakers)?;
    // Each coder's file on a thread of its own: parsing a large one is
    // most of the work.
    let results: Vec<Result<Option<Annotations>, Error>> = std::thread::scope(|s| {
        let doc = &doc;
        let todo = "name the conversation it annotates with --doc; if this text was edited, open the file in the reader (crosstalk DOC --annotations FILE) and re-attach or delete what was lost (O), then compare";
        let handles: Vec<_> =
            args.files.iter().map(|path| s.spawn(move || load_coder(path, doc, todo))).collect();
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
                return Err(Error::Usage(format!("{}: no such annotation file", path.shown())));
            }
        }
    }
    let coders: Vec<Coder> = if args.by_coder || args.files.len() == 1 {
        let coders = by_coder(&loaded);
        if coders.len() < 2 {
            let who = coders.first().map_or_else(|| "none".to_owned(), |(n, _)| n.clone());
            return Err(Error::Usage(format!(
                "the highlights of {} name one coder ({who}): agreement needs two; give each coder's file, or a file that holds two coders' coding",
                args.files.iter().map(|p| p.shown()).collect::<Vec<_>>().join(", ")
            )));
        }
        coders.into_iter().map(|(name, highlights)| Coder { name, highlights }).collect()
    } else {
        for file in mixed(&args.files, &loaded) {
            output::warn(&format!(
                "{file}: this file holds several coders' coding and counts as one coder here; --by-coder compares the coders its highlights name"
            ));
        }
        let names = coder_names(&args.files, &loaded);
        names
            .iter()
            .zip(&loaded)
            .map(|(name, a)| Coder {
                name: name.clone(),
                highlights: a.highlights().iter().map(|h| &**h).collect(),
            })
            .collect()
    };
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
