//! The ids a conversation and its contributors had in earlier builds.
//!
//! An imported file's ids are made from its file name and its speakers'
//! names (see `crate::import::slug`), and the way they are made has changed
//! as crosstalk learnt more letters (`Nguyễn` gave `nguy-n`, now `nguyen`).
//! An annotation file written by an earlier build names the old ids; the
//! import says what they were, and loading reads a file's ids as the one
//! build that gave them all did (an id may be one person's today and
//! another's then: `le-hoa` was Lê Hoa's and is Lệ Hoa's).

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use super::Conversation;
use super::annotations::{AnnotationFile, Quote};

/// What earlier builds called a conversation and its contributors, and how
/// they read its text. Not part of what the conversation is: two
/// conversations are equal whatever these are.
#[derive(Clone, Debug, Default)]
pub struct FormerIds {
    /// A highlight's quote as it reads now, if an earlier build read the
    /// text otherwise (Markdown's inline markup as written): tried for a
    /// quote not found as it is. Set by the reader of the file.
    pub quotes: Option<fn(&Quote) -> Option<Quote>>,
    /// The conversation's earlier ids (from the name of the file it was
    /// imported from: known when it is opened).
    pub conversation: Vec<String>,
    /// For each earlier build whose ids differ from today's, the id each
    /// contributor had then, in contributor order: worked out when an
    /// annotation file names an id no one has (see [`Self::find_builds`]),
    /// not for every file opened.
    builds: OnceLock<Vec<Vec<String>>>,
}

impl PartialEq for FormerIds {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for FormerIds {}

impl FormerIds {
    /// The earlier builds' ids, worked out by `find` the first time.
    pub fn find_builds(&self, find: impl FnOnce() -> Vec<Vec<String>>) -> &[Vec<String>] {
        self.builds.get_or_init(find)
    }
}

impl Conversation {
    /// Whether `id` is this conversation's id, now or in an earlier build.
    pub fn is_called(&self, id: &str) -> bool {
        self.id == id || self.former.conversation.iter().any(|old| old == id)
    }

    /// Each of `ids` (the contributor ids an annotation file names, some
    /// no one's today) as the contributor an earlier build gave it: one
    /// build that gave them all. `None` if none did, or if two did and
    /// would read one of them differently (or the builds are not worked
    /// out: see [`FormerIds::find_builds`]).
    pub fn earlier_ids(&self, ids: &[&str]) -> Option<Vec<usize>> {
        match <[_; 1]>::try_from(self.earlier_readings(ids)) {
            Ok([one]) => Some(one),
            Err(_) => None,
        }
    }

    /// Each way an earlier build that gave all of `ids` reads them: the
    /// contributor each is, once for each different reading (none if the
    /// builds are not worked out).
    fn earlier_readings(&self, ids: &[&str]) -> Vec<Vec<usize>> {
        let Some(builds) = self.former.builds.get() else { return Vec::new() };
        let mut out: Vec<Vec<usize>> = Vec::new();
        for build in builds {
            let index: HashMap<&str, usize> =
                build.iter().enumerate().map(|(i, id)| (id.as_str(), i)).collect();
            let Some(these) = ids.iter().map(|id| index.get(id).copied()).collect() else {
                continue;
            };
            if !out.contains(&these) {
                out.push(these);
            }
        }
        out
    }
}

impl AnnotationFile {
    /// The contributor ids the highlights name, each once, in order.
    fn named(&self) -> Vec<&str> {
        let mut seen = HashSet::new();
        self.highlights
            .iter()
            .map(|h| h.contributor.as_str())
            .filter(|id| seen.insert(*id))
            .collect()
    }

    /// `named` read as `whose` says (the contributor each is): old id →
    /// today's.
    fn reading(doc: &Conversation, named: &[&str], whose: Vec<usize>) -> HashMap<String, String> {
        named
            .iter()
            .zip(whose)
            .map(|(old, c)| ((*old).to_owned(), doc.contributors[c].id.clone()))
            .collect()
    }

    /// Gives the highlights today's contributor ids where the file names
    /// ids no one has today and one earlier build gave them all (see
    /// [`Conversation::earlier_ids`]); whether it did.
    pub fn read_earlier_ids(&mut self, doc: &Conversation) -> bool {
        let named = self.named();
        if named.iter().all(|id| doc.contributors.iter().any(|c| c.id == *id)) {
            return false;
        }
        let Some(whose) = doc.earlier_ids(&named) else { return false };
        let now = Self::reading(doc, &named, whose);
        self.read_as(&now);
        true
    }

    /// The ways an earlier build would read the file's contributor ids, as
    /// today's (old id → today's), each build that gave them all once,
    /// leaving out the one that reads them as they are: read even where
    /// every id is someone's today (an earlier build's `speaker-2`, a
    /// Chinese name's, may be `Speaker 2`'s today: the caller tells by
    /// where the quotes are found).
    pub fn earlier_readings(&self, doc: &Conversation) -> Vec<HashMap<String, String>> {
        let named = self.named();
        doc.earlier_readings(&named)
            .into_iter()
            .map(|whose| Self::reading(doc, &named, whose))
            .filter(|reading| reading.iter().any(|(old, new)| old != new))
            .collect()
    }

    /// Gives the highlights the ids `reading` says (old id → today's).
    pub fn read_as(&mut self, reading: &HashMap<String, String>) {
        for h in &mut self.highlights {
            if let Some(id) = reading.get(&h.contributor) {
                h.contributor.clone_from(id);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testing::conversation;

    /// Contributors `a` and `b`; earlier builds called them `x`, `b` and
    /// `b`, `a` (ids swapped between builds, as `le-hoa` was).
    fn doc() -> Conversation {
        let d = conversation(&[&["Xin chào."], &["Cảm ơn."]]);
        d.former.find_builds(|| vec![vec!["x".into(), "b".into()], vec!["b".into(), "a".into()]]);
        d
    }

    #[test]
    fn one_earlier_build_reads_all_of_a_file_s_ids() {
        let d = doc();
        assert_eq!(d.earlier_ids(&["x", "b"]), Some(vec![0, 1]));
        // `b` is the second contributor's id today and then; `a` was the
        // second's in the other build: that build reads both.
        assert_eq!(d.earlier_ids(&["b", "a"]), Some(vec![0, 1]));
        // No one build gave them all.
        assert_eq!(d.earlier_ids(&["x", "a"]), None);
        // Two builds gave `b`, to different people: not read.
        assert_eq!(d.earlier_ids(&["b"]), None);
        assert_eq!(d.earlier_ids(&["y"]), None);
        // Not worked out: nothing read.
        assert_eq!(conversation(&[&["x"]]).earlier_ids(&["x"]), None);
        // Equal whatever they were called before.
        assert_eq!(d, conversation(&[&["Xin chào."], &["Cảm ơn."]]));
    }

    #[test]
    fn a_conversation_answers_to_its_earlier_ids() {
        let mut d = doc();
        assert!(!d.is_called("old-id") && d.is_called("t"));
        d.former.conversation = vec!["old-id".into()];
        assert!(d.is_called("old-id") && d.is_called("t"));
    }
}
