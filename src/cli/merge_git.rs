//! `crosstalk merge --git %O %A %B [%P]`: git's merge driver for annotation
//! files ([`merge_files`]). It merges the files as they are (no
//! conversation needed, unless the sides name its ids as different builds
//! made them: then the document beside `%P` says how), writes the result
//! over OURS as git asks, and exits non-zero when it had to keep two
//! versions of something (git then reports a conflict); input it cannot
//! parse is an error, and OURS is left as it was.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::merge::in_parallel;
use super::{Error, output};
use crate::model::annotations::AnnotationFile;
use crate::model::annotations::filemerge::{CONFLICT_TAG, Labels, merge_files_labelled};
use crate::model::count::count;
use crate::model::sanitize::Shown;
use crate::store::{self, AnnotationError};
use crate::ui::core::line;

/// `crosstalk merge --git BASE OURS THEIRS [PATH [OURS_LABEL THEIRS_LABEL]]`.
pub(super) fn git(files: &[PathBuf]) -> Result<(), Error> {
    let (base, ours, theirs, name, labels) = match files {
        [b, o, t] => (b, o, t, None, Labels::default()),
        [b, o, t, p] => (b, o, t, Some(p), Labels::default()),
        [b, o, t, p, x, y] => {
            (b, o, t, Some(p), Labels { ours: git_label(x), theirs: git_label(y) })
        }
        _ => {
            return Err(Error::Usage(
                "--git takes BASE OURS THEIRS [PATH [OURS_LABEL THEIRS_LABEL]] (git's %O %A %B %P %X %Y)"
                    .into(),
            ));
        }
    };
    let label = |path: &Path, side: &str| match name {
        Some(n) => format!("{} ({side})", n.shown()),
        None => format!("{} ({side})", path.shown()),
    };
    let sides = [(base, "base"), (ours, "ours"), (theirs, "theirs")];
    let [base_file, ours_file, theirs_file]: [Result<Option<AnnotationFile>, Error>; 3] =
        in_parallel(&sides, |(path, side)| read(path, &label(path, side)))
            .try_into()
            .map_err(|_| Error::Usage("a file could not be read".into()))?;
    // What git leaves is ours as it was, marked as a conflict: say what
    // can be done from there.
    let shown = name.unwrap_or(ours).shown();
    let base_file = base_file.map_err(|e| unreadable(e, "base", &shown))?;
    let present = |file: Result<Option<AnnotationFile>, Error>, path: &Path, side: &str| {
        file.map_err(|e| unreadable(e, side, &shown))?
            .ok_or_else(|| Error::Usage(format!("{}: the file is empty", label(path, side))))
    };
    let mut base_file = base_file;
    let mut ours_file = present(ours_file, ours, "ours")?;
    let mut theirs_file = present(theirs_file, theirs, "theirs")?;
    if let Some(path) = name {
        let sides = base_file.iter_mut().chain([&mut ours_file, &mut theirs_file]);
        if let Some(built) = as_today(sides.collect(), path)
            .map_err(|why| Error::Usage(format!("{shown}: {why}; left as it was")))?
        {
            output::warn(&format!(
                "{shown}: {built} an earlier build of crosstalk, which made the ids of the conversation or its speakers otherwise: read with today's ids, and merged with them"
            ));
        }
    }
    let merged = merge_files_labelled(base_file.as_ref(), &ours_file, &theirs_file, &labels)
        .map_err(|e| Error::Usage(format!("{shown}: {e}; left as it was")))?;
    store::write_atomic_with(ours, |f: &mut std::fs::File| store::write_ron(f, &merged.file))
        .map_err(|source| Error::Write { path: ours.shown(), source })?;
    for (old, new) in &merged.tag_renames {
        output::warn(&format!(
            "{shown}: tag {old:?} is now {new:?} on both branches: one branch renamed it (or the branch of the tag tree it sits in), and the other branch's uses of it follow"
        ));
    }
    for (name, ours_old, theirs_old, took) in &merged.rename_collisions {
        output::warn(&format!(
            "{shown}: both branches renamed a tag to {name:?} (ours was {ours_old:?}, theirs {theirs_old:?}): theirs is {took:?}, so the two codes stay apart; rename or merge them in the tag manager (T)"
        ));
    }
    for (old, mine, theirs) in &merged.rename_clashes {
        output::warn(&format!(
            "{shown}: both branches renamed tag {old:?}, ours to {mine:?} and theirs to {theirs:?}: both names are kept, each on its branch's uses (a highlight may now carry both); choose one in the tag manager (T): renaming one to the other makes them one"
        ));
    }
    for line in crate::model::annotations::apart::lines(&merged.tags_apart) {
        output::warn(&format!("{shown}: {line}"));
    }
    for name in &merged.restored_tags {
        output::warn(&format!(
            "{shown}: tag {name:?} was deleted on one branch and is kept: the other branch's highlights use it"
        ));
    }
    if merged.alike > 0 {
        output::warn(&format!(
            "{shown}: {} both branches added alike (the same coding under two ids): kept once",
            count(merged.alike, "highlight", "highlights")
        ));
    }
    if merged.is_clean() {
        return Ok(());
    }
    let mut text = String::new();
    for c in &merged.tag_conflicts {
        let _ = write!(
            text,
            "\n  tag {:?} was changed differently on both branches: {} kept (ours: {}; theirs: {})",
            c.key,
            if c.ours.is_some() { "ours" } else { "theirs" },
            tag_as(c.ours.as_ref()),
            tag_as(c.theirs.as_ref()),
        );
    }
    for c in &merged.relation_conflicts {
        let _ = write!(
            text,
            "\n  relation {:?} was changed differently on both branches: {} kept",
            c.key,
            if c.ours.is_some() { "ours" } else { "theirs" },
        );
    }
    for id in &merged.highlight_conflicts {
        if let Some(h) = merged.file.highlights.iter().find(|h| &h.id == id) {
            let _ = write!(
                text,
                // The file's paragraph numbers count from 1, as the reader's ¶ does.
                "\n  highlight {id} ({}, ¶{}): “{}”",
                h.contributor,
                h.start.paragraph,
                excerpt(&h.quote, 60)
            );
            if let Some((_, copy)) = merged.highlight_copies.iter().find(|(key, _)| key == id) {
                let _ = write!(text, " (theirs kept as {copy})");
            }
        }
    }
    // Only what happened: a merge with tag conflicts alone has no
    // highlights to speak of.
    let mut parts = Vec::new();
    if let n @ 1.. = merged.highlight_conflicts.len() {
        parts.push(format!(
            "{} changed differently on the two branches (or deleted on one): every version kept, tagged {CONFLICT_TAG:?}, its note saying whose it is",
            count(n, "highlight", "highlights")
        ));
    }
    if let n @ 1.. = merged.link_conflicts.len() {
        parts.push(format!(
            "{} changed differently (or deleted on one): every version kept, its note saying whose it is",
            count(n, "link", "links")
        ));
    }
    for (n, one, many) in [
        (merged.tag_conflicts.len(), "tag conflict", "tag conflicts"),
        (merged.relation_conflicts.len(), "relation conflict", "relation conflicts"),
    ] {
        if n > 0 {
            parts.push(count(n, one, many));
        }
    }
    Err(Error::Conflict(format!("{shown}: {}{text}", parts.join("; "))))
}

/// Where the sides disagree on the conversation's id or its speakers'
/// (one coder saved with a build that made ids from names otherwise): the
/// sides an earlier build wrote, given today's ids, as opening them in the
/// reader would (see `Conversation::earlier_ids`), by the conversation
/// beside `path` in the work tree; what was read so ("theirs was written
/// by", "the base and ours were written by"), or `None` if nothing was (or
/// no conversation was found). An error where some sides were read so and
/// another names ids that no one earlier build explains: merged, they
/// would make a file no build reads.
fn as_today(mut sides: Vec<&mut AnnotationFile>, path: &Path) -> Result<Option<String>, String> {
    let speakers = |f: &AnnotationFile| {
        f.highlights.iter().map(|h| h.contributor.clone()).collect::<BTreeSet<String>>()
    };
    let first = (sides[0].conversation.clone(), speakers(sides[0]));
    if sides.iter().all(|f| f.conversation == first.0 && speakers(f) == first.1) {
        return Ok(None);
    }
    let Some(doc) = store::document_beside(path).and_then(|d| store::load_document(&d).ok()) else {
        return Ok(None);
    };
    doc.former.find_builds(|| crate::import::earlier_builds(&doc.contributors));
    let names = ["the base", "ours", "theirs"];
    let names = &names[3 - sides.len()..];
    let mut read = Vec::new();
    let mut unread = Vec::new();
    for (f, side) in sides.iter_mut().zip(names) {
        if !doc.is_called(&f.conversation) {
            continue;
        }
        let renamed = f.conversation != doc.id;
        f.conversation.clone_from(&doc.id);
        let known = |id: &str| doc.contributors.iter().any(|c| c.id == id);
        let strange = f.highlights.iter().any(|h| !known(&h.contributor));
        let ids_read = f.read_earlier_ids(&doc);
        if strange && !ids_read {
            unread.push(*side);
        } else if ids_read || renamed {
            read.push(*side);
        }
    }
    if !read.is_empty() && !unread.is_empty() {
        return Err(format!(
            "{} names speakers no one earlier build of crosstalk explains, and {} an earlier build wrote: open each in the reader (it says which ids it cannot place), then merge",
            unread.join(" and "),
            read.join(" and ")
        ));
    }
    Ok(match read.as_slice() {
        [] => None,
        [one] => Some(format!("{one} was written by")),
        more => Some(format!("{} were written by", more.join(" and "))),
    })
}

/// The start of `quote` on one line in at most `max` cells, cut between
/// words with `…` (the reader's own cut, [`line::fit_words`]).
fn excerpt(quote: &str, max: usize) -> String {
    let flat = quote.split_whitespace().collect::<Vec<_>>().join(" ");
    line::fit_words(&flat, max).into_owned()
}

/// A tag's definition as a conflict shows it: colour, quick key, description.
fn tag_as(tag: Option<&crate::model::annotations::FileTag>) -> String {
    let Some(t) = tag else { return "deleted".into() };
    let key = t.key.map(|k| format!(", key {k}")).unwrap_or_default();
    let about =
        if t.description.is_empty() { String::new() } else { format!(", “{}”", t.description) };
    format!("{}{key}{about}", t.color)
}

/// `e`, a side that cannot be read, with what can be done from where git
/// leaves the merge: ours as it was, marked as a conflict. The path goes
/// as `:/path` (from the repository's top, as git gives it: the commands
/// work from any folder of it).
fn unreadable(e: Error, side: &str, shown: &str) -> Error {
    let path = shell_word(&format!(":/{shown}"));
    let mut ways = Vec::new();
    if side != "ours" {
        ways.push(format!("to keep ours: `git add {path}`"));
    }
    if side != "theirs" {
        ways.push(format!(
            "to take theirs whole: `git checkout --theirs -- {path}`, then `git add {path}`"
        ));
    }
    ways.push(format!(
        "or abort (`git merge --abort`; in a rebase, `git rebase --abort`), mend {side} on its branch, commit, and merge again"
    ));
    let ways = ways.join("; ");
    let mut ways = ways.chars();
    let first = ways.next().map(|c| c.to_ascii_uppercase()).unwrap_or_default();
    Error::Usage(format!(
        "{e}\n  {shown} is left as ours was, marked as a conflict. {first}{}",
        ways.as_str()
    ))
}

/// A conflict label git passed (`%X`, `%Y`: `HEAD`, the branch merged
/// in, a commit and its subject), fit for a note's `[merge conflict: …]`
/// line: one line, no brackets (the line ends at the first `]`), no
/// control characters, 60 characters at most. `None` for none, or for a
/// placeholder an older git (before 2.44) passed as it was.
fn git_label(arg: &Path) -> Option<String> {
    let arg = arg.to_string_lossy();
    if arg.len() == 2 && arg.starts_with('%') {
        return None;
    }
    let one_line: String = arg
        .chars()
        .map(|c| match c {
            '[' => '(',
            ']' => ')',
            c if c.is_whitespace() => ' ',
            c => c,
        })
        .collect();
    let clean = crate::model::sanitize::sanitize(&one_line);
    let clean = clean.split_whitespace().collect::<Vec<_>>().join(" ");
    if clean.is_empty() {
        return None;
    }
    if clean.chars().count() <= 60 {
        return Some(clean);
    }
    Some(format!("{}…", clean.chars().take(59).collect::<String>()))
}

/// `word` as a shell reads it back: quoted unless it is plain.
fn shell_word(word: &str) -> String {
    let plain = |c: char| c.is_alphanumeric() || "._/-+,:@%".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        return word.to_owned();
    }
    format!("'{}'", word.replace('\'', r"'\''"))
}

/// One side's file; `None` for an empty one (git passes an empty BASE when
/// both branches added the file; an empty OURS or THEIRS is an error).
fn read(path: &Path, label: &str) -> Result<Option<AnnotationFile>, Error> {
    let bytes = store::read_file(path)
        .map_err(|source| AnnotationError::Read { path: label.to_owned(), source })?;
    let text = String::from_utf8(bytes).map_err(|e| AnnotationError::NotUtf8 {
        path: label.to_owned(),
        offset: e.utf8_error().valid_up_to(),
    })?;
    if store::strip_bom(&text).trim().is_empty() {
        return Ok(None);
    }
    Ok(Some(store::parse_annotation_file(&text, label)?))
}

#[cfg(test)]
mod tests {
    use super::excerpt;

    #[test]
    fn git_s_labels_fit_a_note_line() {
        let label = |s: &str| super::git_label(std::path::Path::new(s));
        assert_eq!(label("ann").as_deref(), Some("ann"));
        assert_eq!(label("%Y"), None, "an older git's placeholder");
        assert_eq!(label(""), None);
        assert_eq!(
            label("1a2b3c4 (Code [part 2]\nof the\u{1b}[31m hearing)").as_deref(),
            Some("1a2b3c4 (Code (part 2) of the␛(31m hearing)")
        );
        assert_eq!(label(&"x".repeat(80)).map(|l| l.chars().count()), Some(60));
        assert_eq!(label(&"x".repeat(60)), Some("x".repeat(60)));
    }

    #[test]
    fn a_path_in_a_suggested_command_is_quoted_unless_plain() {
        assert_eq!(super::shell_word("coding/talk.annotations.ron"), "coding/talk.annotations.ron");
        assert_eq!(super::shell_word("my talk.ron"), "'my talk.ron'");
        assert_eq!(super::shell_word("Ann's $x.ron"), r"'Ann'\''s $x.ron'");
    }

    #[test]
    fn an_excerpt_ends_after_a_whole_word_on_one_line() {
        assert_eq!(excerpt("short\nquote", 60), "short quote");
        let long = "The U.S. ban on TikTok is—frankly—behind the times, and 为这是错 too";
        assert_eq!(excerpt(long, 30), "The U.S. ban on TikTok is…");
        assert_eq!(excerpt(long, 34), "The U.S. ban on TikTok is—frankly…");
        assert_eq!(excerpt("为这是错的决定", 7), "为这是…", "in cells: two each");
        assert_eq!(excerpt("Supercalifragilistic words", 6), "Super…");
        let zwj = "🧑🏽‍💻🧑🏽‍💻🧑🏽‍💻 coders";
        assert_eq!(excerpt(zwj, 5), "🧑🏽‍💻🧑🏽‍💻…");
    }
}
