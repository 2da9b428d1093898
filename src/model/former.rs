//! The ids a conversation and its contributors had in earlier builds.
//!
//! An imported file's ids are made from its file name and its speakers'
//! names (see `crate::import::slug`), and the way they are made has changed
//! as crosstalk learnt more letters (`Nguyễn` gave `nguy-n`, now `nguyen`).
//! An annotation file written by an earlier build names the old ids; the
//! import says what they were, and loading takes them for the new ones.

use std::sync::OnceLock;

use super::Conversation;

/// What earlier builds called a conversation and its contributors (only
/// ids that differ from today's). Not part of what the conversation is:
/// two conversations are equal whatever these are.
#[derive(Clone, Debug, Default)]
pub struct FormerIds {
    /// The conversation's earlier ids (from the name of the file it was
    /// imported from: known when it is opened).
    pub conversation: Vec<String>,
    /// An earlier id and the index of the contributor who had it: worked
    /// out when an annotation file names an id no one has (see
    /// [`Self::find_contributors`]), not for every file opened.
    contributors: OnceLock<Vec<(String, usize)>>,
}

impl PartialEq for FormerIds {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for FormerIds {}

impl FormerIds {
    /// The contributors' earlier ids, if worked out.
    pub fn contributors(&self) -> &[(String, usize)] {
        self.contributors.get().map_or(&[], Vec::as_slice)
    }

    /// The contributors' earlier ids, worked out by `find` the first time.
    pub fn find_contributors(
        &self,
        find: impl FnOnce() -> Vec<(String, usize)>,
    ) -> &[(String, usize)] {
        self.contributors.get_or_init(find)
    }

    /// The contributor an earlier build called `id`.
    pub fn contributor(&self, id: &str) -> Option<usize> {
        self.contributors().iter().find(|(old, _)| old == id).map(|&(_, i)| i)
    }
}

impl Conversation {
    /// The index of the contributor with `id`, or whom an earlier build
    /// called so (see [`FormerIds`]).
    pub fn contributor_index(&self, id: &str) -> Option<usize> {
        self.contributors.iter().position(|c| c.id == id).or_else(|| self.former.contributor(id))
    }

    /// Whether `id` is this conversation's id, now or in an earlier build.
    pub fn is_called(&self, id: &str) -> bool {
        self.id == id || self.former.conversation.iter().any(|old| old == id)
    }

    /// Every id a contributor answers to: today's and earlier builds'.
    pub fn contributor_ids(&self) -> impl Iterator<Item = &str> {
        let now = self.contributors.iter().map(|c| c.id.as_str());
        now.chain(self.former.contributors().iter().map(|(old, _)| old.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testing::conversation;

    fn doc() -> Conversation {
        conversation(&[&["Xin chào."], &["Cảm ơn."]])
    }

    #[test]
    fn former_ids_find_their_contributor_and_today_s_win() {
        let mut d = doc();
        let first = d.contributors[0].id.clone();
        let second = d.contributors[1].id.clone();
        assert_eq!(d.contributor_index("nguy-n"), None);
        assert!(!d.is_called("old-id"));
        d.former.conversation = vec!["old-id".into()];
        // Worked out once: a second look does not work them out again.
        // An old id that is someone's id today stays theirs.
        let found = d.former.find_contributors(|| vec![("nguy-n".into(), 1), (first.clone(), 1)]);
        assert_eq!(found.len(), 2);
        assert_eq!(d.former.find_contributors(Vec::new).len(), 2);
        assert_eq!(d.contributor_index("nguy-n"), Some(1));
        assert_eq!(d.contributor_index(&first), Some(0));
        assert_eq!(d.contributor_index(&second), Some(1));
        assert!(d.is_called("old-id") && d.is_called(&d.id.clone()));
        assert!(d.contributor_ids().any(|id| id == "nguy-n"));
        // Equal whatever they were called before.
        assert_eq!(d, doc());
    }
}
