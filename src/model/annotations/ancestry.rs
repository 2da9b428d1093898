//! Which version another coder's file grew from. The reader merges a file
//! changed on disk against the version it last wrote or read, but a coder
//! who copies in their file may have started from an earlier one (a sync
//! folder, a stale checkout): against the latest, everything we did since
//! looks undone by them, and a rename of ours looks like theirs renaming
//! back. What tells: a highlight whose version in their file is older
//! (`modified`) than ours in a version of ours, yet different, is one they
//! never saw; that version of ours is newer than their start.

use std::collections::HashMap;

use super::Snapshot;

/// How many highlights of `theirs` are older versions of one in `ours`:
/// the same id, different, and modified before it.
pub fn predating(theirs: &Snapshot, ours: &Snapshot) -> usize {
    let by_id: HashMap<&str, _> = ours.highlights.iter().map(|h| (h.id.as_str(), h)).collect();
    theirs
        .highlights
        .iter()
        .filter(|t| by_id.get(t.id.as_str()).is_some_and(|o| *o != *t && t.modified < o.modified))
        .count()
}

/// The index in `candidates` (latest first) of the version `theirs` most
/// likely grew from: the latest that has nothing newer than theirs, or
/// failing that the one with least.
pub fn closest(theirs: &Snapshot, candidates: &[&Snapshot]) -> usize {
    let mut best = (usize::MAX, 0);
    for (i, c) in candidates.iter().enumerate() {
        let n = predating(theirs, c);
        if n < best.0 {
            best = (n, i);
        }
        if n == 0 {
            break;
        }
    }
    best.1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::annotations::{Highlight, Tag};
    use std::sync::Arc;

    fn tag(name: &str) -> Tag {
        Tag {
            name: name.into(),
            color: crate::model::annotations::Rgb(1, 2, 3),
            description: String::new(),
            key: None,
        }
    }

    fn highlight(id: &str, tag: &str, at: i64) -> Arc<Highlight> {
        Arc::new(Highlight {
            id: id.into(),
            voice: 0,
            start: crate::model::Pos::new(0, 0),
            end: crate::model::Pos::new(0, 3),
            orphan: false,
            quote: Default::default(),
            tags: vec![tag.into()],
            note: String::new(),
            coder: "a".into(),
            created: jiff::Timestamp::UNIX_EPOCH,
            modified: jiff::Timestamp::from_second(at).expect("time"),
        })
    }

    fn snapshot(tags: &[&str], highlights: &[(&str, &str, i64)]) -> Snapshot {
        Snapshot {
            revision: 0,
            conversation: "c".into(),
            tags: tags.iter().map(|t| tag(t)).collect(),
            highlights: highlights.iter().map(|(id, t, at)| highlight(id, t, *at)).collect(),
            relations: Vec::new(),
            links: Vec::new(),
        }
    }

    #[test]
    fn a_stale_copy_grew_from_the_version_before_ours_changed_it() {
        let before = snapshot(&["old"], &[("h1", "old", 1), ("h2", "old", 1)]);
        // We renamed at time 5: every use was modified then.
        let renamed = snapshot(&["new"], &[("h1", "new", 5), ("h2", "new", 5)]);
        // Theirs: the version before our rename, and one highlight more.
        let theirs = snapshot(&["old"], &[("h1", "old", 1), ("h2", "old", 1), ("h3", "old", 6)]);
        assert_eq!(predating(&theirs, &renamed), 2);
        assert_eq!(predating(&theirs, &before), 0);
        assert_eq!(closest(&theirs, &[&renamed, &before]), 1);
        // They renamed it themselves, after our last version: the latest.
        let theirs = snapshot(&["other"], &[("h1", "other", 7), ("h2", "other", 7)]);
        assert_eq!(closest(&theirs, &[&renamed, &before]), 0);
        // Grown from the latest, or the same: the latest.
        let grown = snapshot(&["new"], &[("h1", "new", 5), ("h2", "new", 5), ("h3", "new", 6)]);
        assert_eq!(closest(&grown, &[&renamed, &before]), 0);
        assert_eq!(closest(&renamed, &[&renamed, &before]), 0);
        // Nothing fits: the one with least that is newer.
        let odd = snapshot(&["x"], &[("h1", "x", 0), ("h2", "x", 3)]);
        assert_eq!(closest(&odd, &[&renamed, &before]), 1);
    }
}
