//! The ids earlier builds gave an imported file and its speakers, so that
//! annotation files written then still open (see [`crate::model::FormerIds`]).

use std::collections::HashSet;

use super::speakers::Ids;
use super::{Letters, person_id_as, slug, slug_as};
use crate::model::Contributor;

/// The ways ids were made before today's.
const EARLIER: [Letters; 2] = [Letters::Ascii, Letters::Folded];

/// What earlier builds called a conversation with `id` imported from a
/// file named `stem`: the ids that differ from today's (none if `id` is
/// not the stem's).
pub fn former_conversation_ids(id: &str, stem: &str) -> Vec<String> {
    let mut out = Vec::new();
    if stem.is_ascii() || slug(stem) != id {
        return out;
    }
    for how in EARLIER {
        let old = slug_as(stem, how);
        if old != id && !out.contains(&old) {
            out.push(old);
        }
    }
    out
}

/// What earlier builds called `contributors`: each id that differs from
/// today's, with the index of whose it was. Only ids made from a name the
/// way an import makes them (in order, `-2` for a second with the same id)
/// are looked at; an id someone chose, or one another contributor has
/// today, is never taken for a former one.
pub fn former_contributor_ids(contributors: &[Contributor]) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    if contributors.iter().all(|c| c.name.is_ascii()) {
        return out;
    }
    // Looked up, not scanned: 5,000 speakers are 5,000 names.
    let mut taken: HashSet<String> = contributors.iter().map(|c| c.id.clone()).collect();
    let mut today = Ids::default();
    let mut then: [Ids; 2] = Default::default();
    for (i, c) in contributors.iter().enumerate() {
        let derived = today.unique(&c.name) == c.id;
        for (how, ids) in EARLIER.into_iter().zip(&mut then) {
            let old = ids.unique_from(person_id_as(&c.name, how));
            if derived && taken.insert(old.clone()) {
                out.push((old, i));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people(names: &[(&str, &str)]) -> Vec<Contributor> {
        let named = |&(id, name): &(&str, &str)| Contributor {
            id: id.into(),
            name: name.into(),
            ..Default::default()
        };
        names.iter().map(named).collect()
    }

    fn olds(c: &[Contributor]) -> Vec<(String, usize)> {
        former_contributor_ids(c)
    }

    fn pairs(expected: &[(&str, usize)]) -> Vec<(String, usize)> {
        expected.iter().map(|&(id, i)| (id.to_owned(), i)).collect()
    }

    #[test]
    fn each_earlier_way_of_making_ids() {
        let c = people(&[
            ("nguyen-van-an", "Nguyễn Văn An"),
            ("tran-thi-stefan", "Trần Thị Ștefan"),
            ("jorg-muller", "Jörg Müller"),
            ("speaker", "Dr. 王小明"),
            ("smith", "SMITH"),
        ]);
        assert_eq!(former_conversation_ids("phong-van", "Phỏng vấn"), ["ph-ng-v-n"]);
        assert_eq!(
            olds(&c),
            pairs(&[
                ("nguy-n-v-n-an", 0),
                ("nguy-n-van-an", 0),
                // Ầ, ị and Ș were past the fold's table too: one former id.
                ("tr-n-th-tefan", 1),
                ("j-rg-m-ller", 2),
                ("dr", 3),
            ])
        );
    }

    #[test]
    fn suffixes_and_chosen_ids() {
        // `Ștefan` was `tefan`, which is `Țefan`'s id today: never taken
        // for Ștefan's. `Țefan` was `efan`. An id someone chose (`my-id`)
        // has no former one.
        let c = people(&[("stefan", "Ștefan"), ("tefan", "Țefan"), ("my-id", "Ștefan Pop")]);
        assert_eq!(olds(&c), pairs(&[("efan", 1)]));
        // Two that were one id before: the second was `-2`, then as now.
        let c = people(&[("nguyen-an", "Nguyễn An"), ("nguyen-an-2", "Nguyến An")]);
        assert_eq!(olds(&c), pairs(&[("nguy-n-an", 0), ("nguy-n-an-2", 1)]));
        // A conversation id that is not the stem's is not the stem's before.
        assert!(former_conversation_ids("chosen", "Phỏng vấn").is_empty());
        // ASCII throughout: nothing to look at.
        assert!(former_conversation_ids("a", "a").is_empty());
        assert!(olds(&people(&[("jane", "Jane"), ("lee", "Lee")])).is_empty());
    }
}
