//! `crosstalk merge A.ron B.ron [C.ron …] -o team.ron`: coders' annotation
//! files united into one ([`unite`]); and `crosstalk merge --git %O %A %B
//! [%P]`, git's merge driver for annotation files (`merge_files`).
//!
//! Uniting reads every file against the conversation (`--doc`, or the
//! bundled debate), re-anchoring any made on an older text as the reader
//! does, before anything is written; a file of another conversation stops it.
//! OUT is written atomically (a `.bak` kept when `--force` replaces it),
//! under its lock. The driver needs no conversation: it merges the files as
//! they are, writes the result over OURS as git asks, and exits non-zero
//! when it had to keep two versions of something (git then reports a
//! conflict); input it cannot parse is an error, and OURS is left as it was.
//! The driver is `cli::merge_git`.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::commands::{load_coder, refuse_overwrite};
use super::{Error, open, output};
use crate::model::annotations::merge::Side;
use crate::model::annotations::union::{Clash, Field};
use crate::model::annotations::unite::{United, unite};
use crate::model::annotations::{Annotations, FileError, Snapshot};
use crate::model::count::{count, plural};
use crate::model::sanitize::Shown;
use crate::store::{self, AnnotationError};

#[derive(Debug, clap::Args)]
pub struct MergeArgs {
    /// The coders' annotation files (at least two). With --git: BASE OURS
    /// THEIRS and, if given, PATH and the two sides' labels, as git passes
    /// %O %A %B %P %X %Y.
    #[arg(value_name = "FILE", num_args = 2.., required = true)]
    pub files: Vec<PathBuf>,
    /// Where to write the united file (.ron).
    #[arg(long, short, value_name = "OUT", required_unless_present = "git")]
    pub output: Option<PathBuf>,
    /// Overwrite OUT if it exists (its old content kept as OUT.bak).
    #[arg(long)]
    pub force: bool,
    /// The conversation the files annotate (default: the bundled debate).
    #[arg(long, value_name = "DOC")]
    pub doc: Option<PathBuf>,
    /// Whose tag and relation definitions win a clash (a tag or relation in
    /// two files with another colour, description or direction): one of the
    /// FILEs. By default the first file that defines it wins.
    #[arg(long, value_name = "FILE")]
    pub prefer: Option<PathBuf>,
    /// Be git's merge driver: a three-way merge of BASE, OURS and THEIRS
    /// by highlight id and tag name, written over OURS; exits 1 when both
    /// branches changed one highlight (both versions kept, tagged
    /// merge-conflict). Needs no conversation.
    #[arg(long, conflicts_with_all = ["output", "force", "doc", "prefer"])]
    pub git: bool,
}

/// Runs `crosstalk merge`.
pub fn run(args: &MergeArgs) -> Result<(), Error> {
    if args.git { super::merge_git::git(&args.files) } else { unite_files(args) }
}

/// `work` on each item, as many at once as there are cores (parsing a
/// large file is most of a merge's time), results in the items' order.
pub(super) fn in_parallel<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(items.len());
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new(items.iter().map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    let r = work(item);
                    if let Ok(mut all) = results.lock() {
                        all[i] = Some(r);
                    }
                }
            });
        }
    });
    let all = results.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    all.into_iter().flatten().collect()
}

/// The file name of `path`, for short reports.
pub(super) fn short(path: &Path) -> String {
    path.file_name().map_or_else(|| path.shown(), |n| n.to_string_lossy().into())
}

/// Which of `files` `--prefer` names: the same path, or the same file.
fn preferred(files: &[PathBuf], prefer: Option<&Path>) -> Result<Option<usize>, Error> {
    let Some(prefer) = prefer else { return Ok(None) };
    let real = |p: &Path| std::fs::canonicalize(p).ok();
    files
        .iter()
        .position(|f| f == prefer || (real(f).is_some() && real(f) == real(prefer)))
        .map(Some)
        .ok_or_else(|| {
            Error::Usage(format!(
                "--prefer {}: not one of the files merged; name one of them",
                prefer.shown()
            ))
        })
}

/// What to do with a file most of whose highlights are not in the text.
const UNITE_TODO: &str = "merge only files of one conversation, and name it with --doc; if this text was edited, open the file in the reader (crosstalk DOC --annotations FILE) and re-attach or delete what was lost (O), then merge; nothing written";

fn unite_files(args: &MergeArgs) -> Result<(), Error> {
    let Some(out) = &args.output else {
        return Err(Error::Usage("name the united file with -o OUT".into()));
    };
    // Standard output carries the report: the united file goes to a file.
    if out.as_os_str() == "-" {
        return Err(Error::Usage(
            "-o -: the united file is written to a file (the report goes to standard output); name it with -o OUT, or ./- for a file named -".into(),
        ));
    }
    super::commands::each_once(&args.files)?;
    let prefer = preferred(&args.files, args.prefer.as_deref())?;
    super::commands::folder_exists(out)?;
    refuse_overwrite(out, args.force)?;
    let (doc, label) = open(args.doc.as_ref())?;
    let lock = super::autocode::take_lock(out)?;
    let mut loaded: Vec<Annotations> = Vec::with_capacity(args.files.len());
    for (path, result) in
        args.files.iter().zip(in_parallel(&args.files, |p| load_coder(p, &doc, UNITE_TODO)))
    {
        match result {
            Ok(Some(a)) => loaded.push(a),
            Ok(None) => {
                return Err(Error::Usage(format!(
                    "{}: no such annotation file; nothing written",
                    path.shown()
                )));
            }
            Err(Error::Annotations(AnnotationError::Invalid {
                path,
                source: FileError::OtherConversation { expected, found },
            })) => {
                return Err(Error::Usage(format!(
                    "{path}: it annotates conversation {found:?}, not {expected:?} ({label}): \
                     merge only files of one conversation, and name it with --doc; nothing written"
                )));
            }
            Err(e) => return Err(e),
        }
    }
    let sides: Vec<Side<'_>> = loaded.iter().map(Side::from).collect();
    let united = unite(&sides, prefer);
    let mut snapshot = Snapshot {
        revision: 0,
        conversation: doc.id.clone(),
        tags: united.tags.clone(),
        highlights: united.highlights.clone(),
        relations: united.relations.clone(),
        links: united.links.clone(),
    };
    // Written in crosstalk's order (by voice and position), as a save would.
    snapshot.highlights.sort_by(|a, b| {
        (a.orphan, a.voice, a.start, a.end, &a.id).cmp(&(b.orphan, b.voice, b.start, b.end, &b.id))
    });
    // Streamed to disk from the highlights: neither the file's text nor a
    // copy of its strings is ever held.
    store::save_snapshot(out, &snapshot, &doc)
        .map_err(|source| Error::Write { path: out.shown(), source })?;
    drop(lock);
    for (path, a) in args.files.iter().zip(&loaded) {
        let blank = a.highlights().iter().filter(|h| h.coder.trim().is_empty()).count();
        if blank > 0 {
            output::warn(&format!(
                "{}: {} no coder; {} without one",
                path.shown(),
                count(blank, "highlight names", "highlights name"),
                plural(blank, "it stays", "they stay")
            ));
        }
    }
    output::out(report(&args.files, &loaded, &united, out).as_bytes())
}

/// Distinct coders of `highlights`, in order of first appearance.
fn coders<'a>(highlights: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut seen = HashSet::new();
    highlights.filter(|c| !c.trim().is_empty() && seen.insert(*c)).collect()
}

/// What the union did: per file, then renamed ids, tags, and a summary.
fn report(files: &[PathBuf], loaded: &[Annotations], united: &United, out: &Path) -> String {
    let mut text = String::new();
    for (i, (path, a)) in files.iter().zip(loaded).enumerate() {
        let who = coders(a.highlights().iter().map(|h| h.coder.as_str()));
        let n = count(a.highlights().len(), "highlight", "highlights");
        let _ = write!(text, "{}: {n}", path.shown());
        // The first file's copies can only be of its own codings.
        let already = if i == 0 { "there twice (kept once)" } else { "already in an earlier file" };
        if united.duplicates[i] > 0 {
            let _ = write!(text, ", {} {already}", united.duplicates[i]);
        }
        if !a.links().is_empty() {
            let _ = write!(text, ", {}", count(a.links().len(), "link", "links"));
            if united.link_duplicates[i] > 0 {
                let _ = write!(text, ", {} {already}", united.link_duplicates[i]);
            }
        }
        let _ = writeln!(
            text,
            " · {}: {}",
            plural(who.len(), "coder", "coders"),
            if who.is_empty() { "none named".into() } else { who.join(", ") }
        );
    }
    for r in &united.renamed {
        let _ = writeln!(
            text,
            "new id    {} → {} ({}: another highlight has its id)",
            r.old,
            r.new,
            short(&files[r.file])
        );
    }
    for r in &united.renamed_links {
        let _ = writeln!(
            text,
            "new id    {} → {} ({}: another link has its id)",
            r.old,
            r.new,
            short(&files[r.file])
        );
    }
    if united.kept_apart > 0 {
        let _ = writeln!(
            text,
            "kept      {} another of {} file, as a link joins the two",
            count(united.kept_apart, "highlight that repeats", "highlights that repeat"),
            plural(united.kept_apart, "its", "their")
        );
    }
    if united.unplaced_links > 0 {
        let _ = writeln!(
            text,
            "left out {} whose end is no highlight of {} file",
            count(united.unplaced_links, "link", "links"),
            plural(united.unplaced_links, "its", "their")
        );
    }
    for name in &united.added_tags {
        let _ = writeln!(text, "added     {name}");
    }
    for line in crate::model::annotations::apart::lines(&united.tags_apart) {
        let _ = writeln!(text, "{line}");
    }
    for name in &united.added_relations {
        let _ = writeln!(text, "added     relation {name}");
    }
    // Tags that differ only in colour: each coder's new tags take the
    // palette's colours in the order they were made, so two coders' new
    // tags differ in colour without either having chosen one. Said in a
    // line, not listed as clashes.
    let colour_only = |c: &&Clash| c.differences.iter().all(|d| d.field == Field::Color);
    let mut clash_count = 0;
    let mut colours = 0;
    for fc in &united.clashes {
        let kept = if fc.taken { "this file's taken, as --prefer asks" } else { "the first kept" };
        let (only, real): (Vec<&Clash>, Vec<&Clash>) = fc.clashes.iter().partition(colour_only);
        if !only.is_empty() {
            let names: Vec<&str> = only.iter().map(|c| c.name.as_str()).collect();
            let _ = writeln!(
                text,
                "tags of {} coloured otherwise ({kept}): {}",
                short(&files[fc.file]),
                names.join(", ")
            );
        }
        colours += only.len();
        clash_count += real.len();
        if real.is_empty() {
            continue;
        }
        let _ = writeln!(
            text,
            "tags of {} that clash with the first definition ({kept}):",
            short(&files[fc.file])
        );
        for clash in real {
            text.push_str(&super::tags::clash_lines(clash));
        }
    }
    for fc in &united.relation_clashes {
        let _ = writeln!(
            text,
            "relations of {} that clash with the first definition ({}):",
            short(&files[fc.file]),
            if fc.taken { "this file's taken, as --prefer asks" } else { "the first kept" }
        );
        for clash in &fc.clashes {
            text.push_str(&super::tags::clash_lines(clash));
        }
    }
    let recoloured = match colours {
        0 => String::new(),
        n => format!(", {} coloured otherwise", count(n, "tag", "tags")),
    };
    let who = coders(united.highlights.iter().map(|h| h.coder.as_str()));
    let links = if united.links.is_empty() && united.relation_clashes.is_empty() {
        String::new()
    } else {
        format!(
            ", {}, {}",
            count(united.links.len(), "link", "links"),
            count(
                united.relation_clashes.iter().map(|c| c.clashes.len()).sum::<usize>(),
                "relation clash",
                "relation clashes"
            )
        )
    };
    let _ = writeln!(
        text,
        "united {} by {}, {}, {}, {}{recoloured}{links} · written to {}",
        count(united.highlights.len(), "highlight", "highlights"),
        count(who.len(), "coder", "coders"),
        count(united.tags.len(), "tag", "tags"),
        count(united.renamed.len() + united.renamed_links.len(), "new id", "new ids"),
        count(clash_count, "tag clash", "tag clashes"),
        out.shown()
    );
    text
}
