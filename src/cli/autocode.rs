//! `crosstalk autocode`: tag every match of a pattern (or its sentence or
//! paragraph) at once, from the command line, as one edit.
//!
//! Writing follows the reader's rules: the lock is taken before the file is
//! read (another crosstalk holding it is an error, and nothing is written);
//! a file that does not parse, is newer or belongs to another conversation
//! is never written over; the save keeps a `.bak` and is atomic.

use std::path::{Path, PathBuf};

use jiff::Timestamp;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::output;
use super::{Error, Files, annotation_path, open};
use crate::model::Conversation;
use crate::model::annotations::autocode::{find_matches, matcher, targets};
use crate::model::annotations::{AnnotationFile, Outcome, Target, Unit};
use crate::model::count::count;
use crate::model::sanitize::Shown;
use crate::store;

/// `--unit` takes the units by name.
impl clap::ValueEnum for Unit {
    fn value_variants<'a>() -> &'a [Self] {
        &[Unit::Match, Unit::Sentence, Unit::Paragraph]
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        let (name, help) = match self {
            Unit::Match => ("match", "the matched text itself"),
            Unit::Sentence => ("sentence", "the sentence containing each match"),
            Unit::Paragraph => ("paragraph", "the paragraph containing each match"),
        };
        Some(clap::builder::PossibleValue::new(name).help(help))
    }
}

#[derive(Debug, clap::Args)]
pub struct AutocodeArgs {
    /// The text to find (case-insensitive unless --case).
    #[arg(long, value_name = "TEXT")]
    pub pattern: String,
    /// Read --pattern as a regular expression (Rust `regex` syntax).
    #[arg(long)]
    pub regex: bool,
    /// Match case exactly.
    #[arg(long)]
    pub case: bool,
    /// The tag to apply (created if it does not exist).
    #[arg(long, value_name = "NAME")]
    pub tag: String,
    /// What to code around each match.
    #[arg(long, value_enum, default_value = "match")]
    pub unit: Unit,
    /// Only this contributor's text, by id.
    #[arg(long, value_name = "ID")]
    pub contributor: Option<String>,
    /// Show what would be coded; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// The coder's name recorded on new highlights (default: $USER).
    #[arg(long, value_name = "NAME")]
    pub coder: Option<String>,
    #[command(flatten)]
    pub files: Files,
    /// The tags a new annotation file starts with (.ron, .qdc or CSV);
    /// ignored, with a notice, when the annotation file exists.
    #[arg(long, value_name = "FILE")]
    pub codebook: Option<PathBuf>,
    /// The conversation (default: the bundled debate).
    #[arg(value_name = "DOC")]
    pub doc: Option<PathBuf>,
}

/// Runs `crosstalk autocode`.
pub fn autocode(args: &AutocodeArgs) -> Result<(), Error> {
    if args.pattern.is_empty() {
        return Err(Error::Usage("--pattern is empty: give the text to find".into()));
    }
    // A name of only invisible characters shows as nothing, as the
    // reader's fields hold too.
    if crate::model::sanitize::trim_invisible(&args.tag).is_empty() {
        return Err(Error::Usage("--tag is empty: give the tag's name".into()));
    }
    // A tab or a line break in a name splits it in every export (and a
    // REFI-QDA project with one is refused by the tools that read it),
    // as the reader's fields and `tags import` never let one in.
    if args.tag.chars().any(char::is_control) {
        return Err(Error::Usage(format!(
            "--tag {}: a tag's name cannot hold a tab, a line break or another control character",
            crate::model::sanitize::sanitize(&format!("{:?}", args.tag))
        )));
    }
    let re = matcher(&args.pattern, args.regex, args.case).map_err(|e| {
        Error::Usage(format!(
            "--pattern {:?} is not a valid regular expression:\n{e}",
            args.pattern
        ))
    })?;
    let owned = args.doc.clone();
    let (doc, _) = open(owned.as_ref())?;
    let voice = match &args.contributor {
        None => None,
        Some(id) => Some(doc.contributors.iter().position(|c| &c.id == id).ok_or_else(|| {
            let ids: Vec<&str> = doc.contributors.iter().map(|c| c.id.as_str()).collect();
            Error::Usage(format!(
                "--contributor {id:?}: no such contributor; the ids are {}",
                ids.join(", ")
            ))
        })?),
    };
    let path = annotation_path(&args.files, args.doc.as_deref(), &doc);
    // Writing: hold the lock before reading, so no other crosstalk writes in between.
    let codebook = super::codebook_for(args.codebook.as_deref(), &path)?;
    let lock = if args.dry_run { None } else { Some(take_lock(&path)?) };
    let mut annotations = match super::commands::load_existing(&path, &doc)? {
        Some(annotations) => annotations,
        None => {
            AnnotationFile::with_tags(&doc, codebook.unwrap_or_else(|| store::starting_tags(&doc)))
        }
    };
    let matches = find_matches(&doc, &re);
    let targets = targets(&doc, &matches, args.unit, voice);
    let coder = super::coder(args.coder.as_deref());
    let (edit, outcomes, coded) =
        annotations.autocode(&doc, &targets, &args.tag, &coder, Timestamp::now(), || {
            uuid::Uuid::new_v4().to_string()
        });
    let mut out = String::new();
    let id_width = doc.contributors.iter().map(|c| c.id.width()).max().unwrap_or(0);
    for (target, outcome) in targets.iter().zip(&outcomes) {
        out.push_str(&line(&doc, target, *outcome, args.dry_run, id_width));
    }
    let matched = matches.iter().filter(|m| voice.is_none_or(|v| v == m.voice)).count();
    let tagged = if coded.tagged > 0 {
        format!(", {} tagged", count(coded.tagged, "existing highlight", "existing highlights"))
    } else {
        String::new()
    };
    let summary = format!(
        "{}{tagged}, {} already coded, {}",
        count(coded.new, "new highlight", "new highlights"),
        coded.already,
        count(matched, "match", "matches")
    );
    let changed = !edit.changes.is_empty();
    if args.dry_run {
        out.push_str(&format!("{summary} — dry run: nothing written\n"));
    } else if changed {
        annotations.apply(edit);
        let text = store::annotations_to_ron(&annotations.snapshot(), &doc)
            .map_err(|e| Error::Usage(format!("cannot write RON: {e}")))?;
        store::save(&path, &text).map_err(|source| Error::Write { path: path.shown(), source })?;
        out.push_str(&format!("{summary} · tagged “{}” in {}\n", args.tag, path.shown()));
    } else {
        out.push_str(&format!("{summary} · nothing to write\n"));
    }
    drop(lock);
    output::out(out.as_bytes())
}

/// The lock on `path`, if the file may be written and no other crosstalk
/// has it open.
pub(super) fn take_lock(path: &Path) -> Result<store::Lock, Error> {
    if let Some(why) = store::not_writable(path) {
        return Err(Error::Usage(format!("{}: {why}; nothing written", path.shown())));
    }
    let lock = store::lock(path)
        .map_err(|e| Error::Usage(format!("{} is {e}; nothing written", path.shown())))?;
    // Holding the lock, what killed saves left is ours to remove.
    store::clean_leftovers(path);
    Ok(lock)
}

/// One line of output: what happened, who, which paragraph, the quote.
fn line(
    doc: &Conversation,
    t: &Target,
    outcome: Outcome,
    dry_run: bool,
    id_width: usize,
) -> String {
    let what = match (outcome, dry_run) {
        (Outcome::New, false) => "new",
        (Outcome::New, true) => "would code",
        (Outcome::Tagged, false) => "tagged",
        (Outcome::Tagged, true) => "would tag",
        (Outcome::Already, _) => "already",
    };
    let voice = &doc.voices()[t.voice];
    let who = &doc.contributors[voice.contributor].id;
    let p = doc.paragraph(voice.paragraphs.at(t.start.para as usize));
    let quote = &p.text()[t.start.byte as usize..t.end.byte as usize];
    let pad = " ".repeat(id_width.saturating_sub(who.width()));
    format!("{what:<10}  {who}{pad}  ¶{}  “{}”\n", t.start.para + 1, cut(quote, 60))
}

/// `text` on one line (runs of whitespace as one space), cut at a grapheme
/// boundary to at most `columns` display columns, with `…` if cut.
fn cut(text: &str, columns: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.width() <= columns {
        return flat;
    }
    let mut out = String::new();
    for g in flat.graphemes(true) {
        if out.width() + g.width() > columns.saturating_sub(1) {
            break;
        }
        out.push_str(g);
    }
    format!("{}…", out.trim_end())
}

#[cfg(test)]
mod tests {
    use super::cut;

    #[test]
    fn quotes_are_cut_on_graphemes_to_the_width() {
        assert_eq!(cut("a  b\nc", 60), "a b c");
        assert_eq!(cut("abcdef", 4), "abc…");
        // CJK is two columns; a ZWJ family stays whole.
        assert_eq!(cut("数据安全", 5), "数据…");
        assert_eq!(cut("👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧", 4), "👨‍👩‍👧…");
        assert_eq!(cut("e\u{301}e\u{301}e\u{301}", 2), "e\u{301}…");
    }
}
