//! Both sides of a merge changed one highlight or tag: part by part, what
//! each changed is kept where the other left that part alone (a tag added
//! on one side and the note written on the other; a tag's colour on one
//! side and its description on the other). Only a part both changed
//! differently is a conflict. A highlight's modification time and its
//! context (the words either side of the quote, written again on every
//! save) are nobody's work: they never make a change or a conflict.

use std::sync::Arc;

use super::file::{FileHighlight, FileTag};
use super::{Highlight, Tag};

/// The version of one part to keep: the side that changed it (theirs if
/// neither or both alike); `None` if both changed it differently.
fn pick<'a, P: PartialEq + ?Sized>(base: &'a P, ours: &'a P, theirs: &'a P) -> Option<&'a P> {
    if ours == theirs || ours == base {
        Some(theirs)
    } else if theirs == base {
        Some(ours)
    } else {
        None
    }
}

/// The side whose `part` to keep, as [`pick`] chooses; where both sides
/// have it alike, `tie` says which (the same whichever side is ours).
fn pick_by<'a, T, P: PartialEq>(
    (base, ours, theirs): (&'a T, &'a T, &'a T),
    part: impl Fn(&T) -> P,
    tie: impl Fn(&'a T, &'a T) -> &'a T,
) -> Option<&'a T> {
    let (b, o, t) = (part(base), part(ours), part(theirs));
    if o == t {
        Some(tie(ours, theirs))
    } else if o == b {
        Some(theirs)
    } else if t == b {
        Some(ours)
    } else {
        None
    }
}

/// A highlight's tags: those of base both sides kept, in base's order (the
/// first gives its colour), then what either side added, by name; what
/// either side took off goes. The same whichever side is ours.
fn tags(base: &[String], ours: &[String], theirs: &[String]) -> Vec<String> {
    let mut out: Vec<String> =
        base.iter().filter(|t| ours.contains(t) && theirs.contains(t)).cloned().collect();
    let mut added: Vec<&String> = ours.iter().chain(theirs).filter(|t| !base.contains(t)).collect();
    added.sort_unstable();
    added.dedup();
    out.extend(added.into_iter().cloned());
    out
}

/// Of two versions alike but for what nobody wrote, the later saved (then
/// the one with the lesser context): the same whichever side is ours.
pub(super) fn later_highlight<'a>(a: &'a Highlight, b: &'a Highlight) -> &'a Highlight {
    let key = |h: &Highlight| {
        (std::cmp::Reverse(h.modified), h.quote.prefix.clone(), h.quote.suffix.clone())
    };
    if key(a) <= key(b) { a } else { b }
}

/// [`later_highlight`] for the file's form.
pub(super) fn later_file_highlight<'a>(
    a: &'a FileHighlight,
    b: &'a FileHighlight,
) -> &'a FileHighlight {
    let key = |h: &FileHighlight| {
        (std::cmp::Reverse(h.modified.clone()), h.prefix.clone(), h.suffix.clone())
    };
    if key(a) <= key(b) { a } else { b }
}

/// Whether `a` and `b` differ only in what nobody wrote.
pub(super) fn same_highlight(a: &Highlight, b: &Highlight) -> bool {
    a.id == b.id
        && a.voice == b.voice
        && a.start == b.start
        && a.end == b.end
        && a.orphan == b.orphan
        && a.quote.exact == b.quote.exact
        && a.tags == b.tags
        && a.note == b.note
        && a.coder == b.coder
        && a.created == b.created
}

/// [`same_highlight`] for the file's form.
pub(super) fn same_file_highlight(a: &FileHighlight, b: &FileHighlight) -> bool {
    a.id == b.id
        && a.contributor == b.contributor
        && a.start == b.start
        && a.end == b.end
        && a.orphan == b.orphan
        && a.quote == b.quote
        && a.tags == b.tags
        && a.note == b.note
        && a.coder == b.coder
        && a.created == b.created
}

/// One highlight both sides changed, each in parts the other left alone.
pub(super) fn highlight(
    base: &Arc<Highlight>,
    ours: &Arc<Highlight>,
    theirs: &Arc<Highlight>,
) -> Option<Arc<Highlight>> {
    let placed = pick_by(
        (&**base, &**ours, &**theirs),
        |h| (h.voice, h.start, h.end, h.orphan, h.quote.exact.clone()),
        later_highlight,
    )?;
    let tags = tags(&base.tags, &ours.tags, &theirs.tags);
    let note = pick(&base.note, &ours.note, &theirs.note)?;
    // Nothing left of it but an id: not a version either side wrote.
    if tags.is_empty() && note.trim().is_empty() {
        return None;
    }
    Some(Arc::new(Highlight {
        tags,
        note: note.clone(),
        coder: pick(&base.coder, &ours.coder, &theirs.coder)?.clone(),
        created: *pick(&base.created, &ours.created, &theirs.created)?,
        modified: ours.modified.max(theirs.modified),
        ..Highlight::clone(placed)
    }))
}

/// [`highlight`] for the file's form.
pub(super) fn file_highlight(
    base: &FileHighlight,
    ours: &FileHighlight,
    theirs: &FileHighlight,
) -> Option<FileHighlight> {
    let placed = pick_by(
        (base, ours, theirs),
        |h| (h.contributor.clone(), h.start, h.end, h.orphan, h.quote.clone()),
        later_file_highlight,
    )?;
    let tags = tags(&base.tags, &ours.tags, &theirs.tags);
    let note = pick(&base.note, &ours.note, &theirs.note)?;
    if tags.is_empty() && note.trim().is_empty() {
        return None;
    }
    // RFC 3339 in UTC as crosstalk writes it: later is greater.
    let modified = if ours.modified > theirs.modified { &ours.modified } else { &theirs.modified };
    Some(FileHighlight {
        tags,
        note: note.clone(),
        coder: pick(&base.coder, &ours.coder, &theirs.coder)?.clone(),
        created: pick(&base.created, &ours.created, &theirs.created)?.clone(),
        modified: modified.clone(),
        ..placed.clone()
    })
}

/// One tag both sides changed: its colour, description and key, each
/// from the side that changed it.
pub(super) fn tag(base: &Tag, ours: &Tag, theirs: &Tag) -> Option<Tag> {
    Some(Tag {
        name: theirs.name.clone(),
        color: *pick(&base.color, &ours.color, &theirs.color)?,
        description: pick(&base.description, &ours.description, &theirs.description)?.clone(),
        key: *pick(&base.key, &ours.key, &theirs.key)?,
    })
}

/// [`tag`] for the file's form.
pub(super) fn file_tag(base: &FileTag, ours: &FileTag, theirs: &FileTag) -> Option<FileTag> {
    Some(FileTag {
        name: theirs.name.clone(),
        color: pick(&base.color, &ours.color, &theirs.color)?.clone(),
        description: pick(&base.description, &ours.description, &theirs.description)?.clone(),
        key: *pick(&base.key, &ours.key, &theirs.key)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn tags_added_on_either_side_stay_and_taken_off_on_either_go() {
        let base = list(&["a", "b"]);
        assert_eq!(
            tags(&base, &list(&["a", "b", "c"]), &list(&["a", "b", "d"])),
            ["a", "b", "c", "d"]
        );
        assert_eq!(tags(&base, &list(&["b"]), &list(&["a", "b", "d"])), ["b", "d"]);
        assert_eq!(tags(&base, &list(&["a", "b"]), &list(&["b", "a"])), ["a", "b"]);
        assert_eq!(tags(&base, &list(&["a"]), &list(&["b"])), Vec::<String>::new());
    }

    #[test]
    fn a_part_changed_on_one_side_is_taken_and_on_both_differently_is_none() {
        assert_eq!(pick("x", "y", "x"), Some("y"));
        assert_eq!(pick("x", "x", "z"), Some("z"));
        assert_eq!(pick("x", "y", "y"), Some("y"));
        assert_eq!(pick("x", "y", "z"), None);
        let t = |color: &str, description: &str, key: Option<u8>| FileTag {
            name: "frame".into(),
            color: color.into(),
            description: description.into(),
            key,
        };
        let base = t("#111111", "old", None);
        let merged = file_tag(&base, &t("#222222", "old", None), &t("#111111", "new", Some(3)));
        assert_eq!(merged, Some(t("#222222", "new", Some(3))));
        assert_eq!(file_tag(&base, &t("#222222", "old", None), &t("#333333", "old", None)), None);
    }
}
