//! The three-way merge of annotation *files* (`crosstalk merge --git`):
//! what git's merge driver works on, without the conversation (git merges
//! only the annotation file; the file carries every position and quote).
//!
//! Highlights merge by id and tags by name ([`merge_by_key`]). A highlight
//! changed differently on both sides (or added twice under one id) is kept
//! twice — ours under its id, theirs under a fresh deterministic one —
//! and one deleted on one side and changed on the other is kept as
//! changed; each such copy gets the [`CONFLICT_TAG`] tag (created if the
//! codebook lacks it) and a note line saying which side it came from. A tag
//! defined differently on both sides keeps ours (or theirs, if we deleted
//! it) and is listed. A tag renamed on one side is renamed on the other
//! too, so uses of the old name made there follow it
//! (`annotations::renames`). The result is in the order crosstalk writes, so merging
//! again gives the same bytes.

use std::collections::HashMap;

use super::file::{AnnotationFile, FORMAT_VERSION, FileHighlight, FileRelation, FileTag};
use super::merge::{Conflict, Keyed, merge_by_key};
use super::renames;

#[path = "filemerge_alike.rs"]
mod alike;

/// The tag that marks both versions of a conflicting highlight.
pub const CONFLICT_TAG: &str = "merge-conflict";

const CONFLICT_DESCRIPTION: &str = "Added by crosstalk's git merge driver: two branches changed \
    this highlight differently, or one deleted it. Keep the right version (see its note), \
    delete the other, and take this tag off.";

impl Keyed for FileHighlight {
    fn key(&self) -> &str {
        &self.id
    }
    fn same(&self, other: &Self) -> bool {
        super::combine::same_file_highlight(self, other)
    }
    fn combine(base: &Self, ours: &Self, theirs: &Self) -> Option<Self> {
        super::combine::file_highlight(base, ours, theirs)
    }
    fn either(ours: &Self, theirs: &Self) -> Self {
        super::combine::later_file_highlight(ours, theirs).clone()
    }
}

impl Keyed for FileTag {
    fn key(&self) -> &str {
        &self.name
    }
    fn combine(base: &Self, ours: &Self, theirs: &Self) -> Option<Self> {
        super::combine::file_tag(base, ours, theirs)
    }
}

/// Why three files cannot be merged.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MergeError {
    #[error("ours annotates conversation {ours:?}, theirs {theirs:?}: they cannot be merged")]
    OtherConversation { ours: String, theirs: String },
}

/// The merged file and what could not be merged cleanly.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileMerge {
    pub file: AnnotationFile,
    /// Highlight ids kept twice or kept though deleted, marked [`CONFLICT_TAG`].
    pub highlight_conflicts: Vec<String>,
    /// For a highlight both sides changed: (its id, the new id theirs'
    /// version was given).
    pub highlight_copies: Vec<(String, String)>,
    /// Tags both sides defined differently.
    pub tag_conflicts: Vec<Conflict<FileTag>>,
    /// Link ids kept twice or kept though deleted, each with a note line.
    pub link_conflicts: Vec<String>,
    /// Relations both sides defined differently (ours kept).
    pub relation_conflicts: Vec<Conflict<FileRelation>>,
    /// Tags one side renamed (old, new): the other side's uses follow.
    pub tag_renames: Vec<(String, String)>,
    /// Highlights both sides added alike (the same coding under two
    /// ids), kept once: ours.
    pub alike: usize,
    /// Tags one side deleted that come back because the other side's
    /// highlights use them.
    pub restored_tags: Vec<String>,
    /// Both sides renamed a different tag to one name: (the name, ours'
    /// old name, theirs' old name, the name theirs' tag kept).
    pub rename_collisions: Vec<(String, String, String, String)>,
    /// Both sides renamed one tag, each to a name of its own: (the old
    /// name, ours' new, theirs' new). Neither rename wins: both names are
    /// kept, each on its side's uses, and the user is to choose.
    pub rename_clashes: Vec<(String, String, String)>,
    /// Tags the two branches added apart in one colour or with one quick
    /// key, and what was changed to tell them apart (`annotations::apart`).
    pub tags_apart: Vec<super::apart::Apart>,
}

impl FileMerge {
    pub fn is_clean(&self) -> bool {
        self.highlight_conflicts.is_empty()
            && self.tag_conflicts.is_empty()
            && self.link_conflicts.is_empty()
            && self.relation_conflicts.is_empty()
    }
}

/// A file's tags and highlights, as a rename sees them.
fn part(f: &AnnotationFile) -> renames::Part<'_, FileTag, FileHighlight> {
    (&f.tags, &f.highlights)
}

/// What git calls the two sides (its conflict labels, `%X` and `%Y`: the
/// branch merged in, say), for the note lines of conflict copies.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Labels {
    pub ours: Option<String>,
    pub theirs: Option<String>,
}

impl Labels {
    /// How a conflict copy's note line names a side: `ours (the branch
    /// merged into)`, with git's label for it where there is one.
    pub(super) fn side(label: &Option<String>, side: &str, what: &str) -> String {
        match label {
            Some(label) => format!("{side} ({label}, {what})"),
            None => format!("{side} ({what})"),
        }
    }

    /// `side`, with git's label for it in brackets if there is one, then `rest`.
    pub(super) fn named(label: &Option<String>, side: &str, rest: &str) -> String {
        match label {
            Some(label) => format!("{side} ({label}){rest}"),
            None => format!("{side}{rest}"),
        }
    }
}

/// Merges `ours` and `theirs`, both descended from `base` (`None`: a file
/// both sides added).
pub fn merge_files(
    base: Option<&AnnotationFile>,
    ours: &AnnotationFile,
    theirs: &AnnotationFile,
) -> Result<FileMerge, MergeError> {
    merge_files_labelled(base, ours, theirs, &Labels::default())
}

/// [`merge_files`], naming the sides in conflict copies' notes by `labels`.
pub fn merge_files_labelled(
    base: Option<&AnnotationFile>,
    ours: &AnnotationFile,
    theirs: &AnnotationFile,
    labels: &Labels,
) -> Result<FileMerge, MergeError> {
    if ours.conversation != theirs.conversation {
        return Err(MergeError::OtherConversation {
            ours: ours.conversation.clone(),
            theirs: theirs.conversation.clone(),
        });
    }
    let empty = AnnotationFile {
        version: FORMAT_VERSION,
        conversation: ours.conversation.clone(),
        text_hash: ours.text_hash.clone(),
        tags: Vec::new(),
        highlights: Vec::new(),
        relations: Vec::new(),
        links: Vec::new(),
    };
    let base = base.unwrap_or(&empty);
    // A coding an earlier merge kept once under the other side's id is
    // the same highlight here (see `drop_alike`).
    let (ours_as, theirs_as) = (alike::as_base_ids(base, ours), alike::as_base_ids(base, theirs));
    let ours = ours_as.as_ref().unwrap_or(ours);
    let theirs = theirs_as.as_ref().unwrap_or(theirs);
    // Both sides renamed a different tag to one name: theirs takes
    // `name (its old name)`, so two codes never meet under one name.
    let collisions = renames::collisions(part(base), part(ours), part(theirs));
    let apart;
    let mut kept_apart = Vec::new();
    let theirs = if collisions.is_empty() {
        theirs
    } else {
        let mut t = theirs.clone();
        for (new, mine, old) in collisions {
            let kept = apart_name(&new, &old, [&ours.tags, &theirs.tags, &base.tags]);
            renames::follow(&mut t.tags, &mut t.highlights, &new, &kept);
            kept_apart.push((new, mine, old, kept));
        }
        apart = t;
        &apart
    };
    let clashes = renames::clashes(part(base), part(ours), part(theirs));
    let renames = renames::to_follow(part(base), part(ours), part(theirs));
    if renames.is_empty() {
        let mut merged = merge_three(base, ours, theirs, labels);
        merged.rename_collisions = kept_apart;
        merged.rename_clashes = clashes;
        return Ok(merged);
    }
    let (mut base, mut ours, mut theirs) = (base.clone(), ours.clone(), theirs.clone());
    for (old, new, ours_made) in &renames {
        for f in [if *ours_made { &mut theirs } else { &mut ours }, &mut base] {
            renames::follow(&mut f.tags, &mut f.highlights, old, new);
        }
    }
    let mut merged = merge_three(&base, &ours, &theirs, labels);
    merged.tag_renames = renames.into_iter().map(|(old, new, _)| (old, new)).collect();
    merged.rename_collisions = kept_apart;
    merged.rename_clashes = clashes;
    Ok(merged)
}

/// `new (old)`, or with a number where even that is taken.
fn apart_name(new: &str, old: &str, lists: [&Vec<FileTag>; 3]) -> String {
    let taken = |n: &str| lists.iter().any(|l| l.iter().any(|t| t.name == n));
    let first = format!("{new} ({old})");
    (1..)
        .map(|i| if i == 1 { first.clone() } else { format!("{first} {i}") })
        .find(|n| !taken(n))
        .unwrap_or(first)
}

/// [`merge_files`] once any rename has been carried over.
fn merge_three(
    base: &AnnotationFile,
    ours: &AnnotationFile,
    theirs: &AnnotationFile,
    labels: &Labels,
) -> FileMerge {
    // The text they were made on: whichever side changed it (ours if both).
    let text_hash =
        if ours.text_hash == base.text_hash { &theirs.text_hash } else { &ours.text_hash };

    let tags = merge_by_key(&base.tags, &ours.tags, &theirs.tags);
    let mut merged_tags = tags.items;
    for c in &tags.conflicts {
        merged_tags.extend(c.ours.clone().or_else(|| c.theirs.clone()));
    }
    let highlights = merge_by_key(&base.highlights, &ours.highlights, &theirs.highlights);
    let mut merged = highlights.items;
    let alike = alike::drop_alike(&mut merged, base, ours, theirs);
    let mut ids: std::collections::HashSet<String> = merged.iter().map(|h| h.id.clone()).collect();
    ids.extend(highlights.conflicts.iter().map(|c| c.key.clone()));
    let mut conflicted = Vec::new();
    let mut copies = Vec::new();
    for c in highlights.conflicts {
        conflicted.push(c.key.clone());
        match (c.ours, c.theirs) {
            (Some(o), Some(t)) => {
                merged
                    .push(marked(o, &Labels::side(&labels.ours, "ours", "the branch merged into")));
                let id = (0..)
                    .map(|round| super::unite::fresh_id(&t.id, 1, round))
                    .find(|id| !ids.contains(id))
                    .unwrap_or_default();
                ids.insert(id.clone());
                copies.push((c.key.clone(), id.clone()));
                let which = Labels::side(&labels.theirs, "theirs", "the branch merged in");
                merged.push(marked(FileHighlight { id, ..t }, &which));
            }
            (Some(o), None) => {
                merged.push(marked(o, &Labels::named(&labels.ours, "ours", "; theirs deleted it")));
            }
            (None, Some(t)) => {
                merged
                    .push(marked(t, &Labels::named(&labels.theirs, "theirs", "; ours deleted it")));
            }
            (None, None) => {}
        }
    }
    let links = super::filemerge_links::merge_links(base, ours, theirs, &merged, labels);
    conflicted.extend(links.restored.iter().map(|h| h.id.clone()));
    merged.extend(links.restored);
    // A tag a kept highlight uses but a side deleted comes back.
    let mut restored_tags = Vec::new();
    for h in &merged {
        for name in &h.tags {
            if !merged_tags.iter().any(|t| &t.name == name) {
                let known = [&ours.tags, &theirs.tags, &base.tags]
                    .into_iter()
                    .flat_map(|list| list.iter())
                    .find(|t| &t.name == name);
                if let Some(t) = known {
                    merged_tags.push(t.clone());
                    if t.name != CONFLICT_TAG {
                        restored_tags.push(t.name.clone());
                    }
                }
            }
        }
    }
    // Before the conflict tag is added: it is the merge's own, and gives way.
    let tags_apart = super::apart::keep_apart(
        &mut merged_tags,
        &[&base.tags, &ours.tags, &theirs.tags],
        &base.tags,
    );
    if !conflicted.is_empty() && !merged_tags.iter().any(|t| t.name == CONFLICT_TAG) {
        let red = super::Rgb(0xD6, 0x27, 0x28);
        let used = || merged_tags.iter().filter_map(|t| super::Rgb::parse(&t.color));
        let color = if used().any(|c| c == red) { super::apart::free_color(used()) } else { red };
        merged_tags.push(FileTag {
            name: CONFLICT_TAG.into(),
            color: color.to_string(),
            description: CONFLICT_DESCRIPTION.into(),
            key: None,
        });
    }
    order_tags(&mut merged_tags, &ours.tags);
    order_highlights(&mut merged, [&ours.highlights, &theirs.highlights, &base.highlights]);
    FileMerge {
        file: AnnotationFile {
            version: FORMAT_VERSION,
            conversation: ours.conversation.clone(),
            text_hash: text_hash.clone(),
            tags: merged_tags,
            highlights: merged,
            relations: links.relations,
            links: links.links,
        },
        highlight_conflicts: conflicted,
        highlight_copies: copies,
        tag_conflicts: tags.conflicts,
        link_conflicts: links.link_conflicts,
        relation_conflicts: links.relation_conflicts,
        tag_renames: Vec::new(),
        alike,
        restored_tags,
        rename_collisions: Vec::new(),
        rename_clashes: Vec::new(),
        tags_apart,
    }
}

/// How the note line saying which version a conflict copy is begins.
const CONFLICT_LINE: &str = "[merge conflict: this is ";

/// `h` with the conflict tag and a note line saying which version it is.
pub(super) fn marked(mut h: FileHighlight, which: &str) -> FileHighlight {
    if !h.tags.iter().any(|t| t == CONFLICT_TAG) {
        h.tags.push(CONFLICT_TAG.into());
    }
    if !h.note.is_empty() {
        h.note.push('\n');
    }
    h.note.push_str(&format!("{CONFLICT_LINE}{which}]"));
    h
}

/// `note` without the lines `marked` added, once the conflict is settled
/// (the tag taken off): `None` if it has none. What the coder wrote stays
/// byte for byte, its line endings (CRLF too) and a last newline included:
/// the undoing of `marked`, which adds `\n` and the line.
pub fn without_conflict_lines(note: &str) -> Option<String> {
    // The mark, and what the coder typed after it on its line (kept).
    let mark = |piece: &str| -> Option<usize> {
        let line = piece.trim_end_matches(['\r', '\n']);
        let which = line.strip_prefix(CONFLICT_LINE)?;
        Some(CONFLICT_LINE.len() + which.find(']')? + 1)
    };
    if !note.split_inclusive('\n').any(|piece| mark(piece).is_some()) {
        return None;
    }
    let mut out = String::with_capacity(note.len());
    for piece in note.split_inclusive('\n') {
        let Some(end) = mark(piece) else {
            out.push_str(piece);
            continue;
        };
        let typed = piece[end..].trim_start_matches([' ', '\t']);
        // The mark goes with the `\n` `marked` put before it, unless words
        // typed after it on its line keep the line; its own line ending is
        // what the coder typed after it, and stays.
        if typed.trim_end_matches(['\r', '\n']).is_empty() && out.ends_with('\n') {
            out.pop();
        }
        out.push_str(typed);
    }
    Some(out)
}

/// Ours' tags in ours' order, then the others in theirs' order; a quick
/// key an earlier tag has is given up.
fn order_tags(tags: &mut [FileTag], ours: &[FileTag]) {
    let place: HashMap<&str, usize> =
        ours.iter().enumerate().map(|(i, t)| (t.name.as_str(), i)).collect();
    let rank: Vec<usize> = tags
        .iter()
        .enumerate()
        .map(|(i, t)| place.get(t.name.as_str()).copied().unwrap_or(ours.len() + i))
        .collect();
    let mut order: Vec<usize> = (0..tags.len()).collect();
    order.sort_by_key(|&i| rank[i]);
    let sorted: Vec<FileTag> = order.iter().map(|&i| tags[i].clone()).collect();
    tags.clone_from_slice(&sorted);
    let mut keys = Vec::new();
    for t in tags.iter_mut() {
        if let Some(k) = t.key {
            if keys.contains(&k) {
                t.key = None;
            } else {
                keys.push(k);
            }
        }
    }
}

/// Sorts as crosstalk writes a file: live highlights first, by contributor
/// (in the conversation's order, as the files show it), position, id.
fn order_highlights(highlights: &mut [FileHighlight], files: [&[FileHighlight]; 3]) {
    let rank = contributor_order(files);
    highlights.sort_by(|a, b| {
        let key = |h: &FileHighlight| {
            (h.orphan, rank.get(h.contributor.as_str()).copied().unwrap_or(usize::MAX))
        };
        (key(a), &a.contributor, a.start.paragraph, a.start.char, a.end.paragraph, a.end.char)
            .cmp(&(
                key(b),
                &b.contributor,
                b.start.paragraph,
                b.start.char,
                b.end.paragraph,
                b.end.char,
            ))
            .then_with(|| a.id.cmp(&b.id))
    });
}

/// The contributors' order: each file lists them in the conversation's
/// order, so their sequences are merged (a topological sort, ties by where
/// a contributor first appears, ours first).
fn contributor_order(files: [&[FileHighlight]; 3]) -> HashMap<&str, usize> {
    let mut first: Vec<&str> = Vec::new();
    let mut after: HashMap<&str, Vec<&str>> = HashMap::new();
    let mut before_count: HashMap<&str, usize> = HashMap::new();
    for file in files {
        let mut prev: Option<&str> = None;
        for h in file.iter().filter(|h| !h.orphan) {
            let c = h.contributor.as_str();
            if prev == Some(c) {
                continue;
            }
            if !first.contains(&c) {
                first.push(c);
            }
            if let Some(p) = prev {
                after.entry(p).or_default().push(c);
                *before_count.entry(c).or_default() += 1;
            }
            prev = Some(c);
        }
    }
    let mut rank = HashMap::new();
    let mut left = first.clone();
    while !left.is_empty() {
        // The first contributor nothing left must precede; if the files
        // disagree (a cycle), the first left.
        let i = left.iter().position(|c| before_count.get(c).copied().unwrap_or(0) == 0);
        let c = left.remove(i.unwrap_or(0));
        rank.insert(c, rank.len());
        for next in after.get(c).into_iter().flatten() {
            if let Some(n) = before_count.get_mut(next) {
                *n = n.saturating_sub(1);
            }
        }
    }
    rank
}

#[cfg(test)]
#[path = "filemerge_tests.rs"]
mod tests;
