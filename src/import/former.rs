//! The ids earlier builds gave an imported file and its speakers, so that
//! annotation files written then still open (see [`crate::model::FormerIds`]).

use super::speakers::Ids;
use super::{Letters, person_id_as, slug, slug_as};
use crate::model::Contributor;

/// The ways ids were made before today's.
const EARLIER: [Letters; 3] = [Letters::Ascii, Letters::Folded, Letters::Latin];

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

/// The ids earlier builds gave `contributors`: for each build whose ids
/// differ from today's somewhere, each contributor's id then, in order.
/// Ids made from a name the way an import makes them (in order, `-2` for a
/// second with the same id) are made again the old way; an id someone
/// chose stays as it is.
pub fn earlier_builds(contributors: &[Contributor]) -> Vec<Vec<String>> {
    if contributors.iter().all(|c| c.name.is_ascii()) {
        return Vec::new();
    }
    let mut today = Ids::default();
    let derived: Vec<bool> = contributors.iter().map(|c| today.unique(&c.name) == c.id).collect();
    let mut out = Vec::new();
    for how in EARLIER {
        let mut ids = Ids::default();
        let then: Vec<String> = contributors
            .iter()
            .zip(&derived)
            .map(|(c, &made)| {
                ids.unique_from(if made { person_id_as(&c.name, how) } else { c.id.clone() })
            })
            .collect();
        if then.iter().zip(contributors).any(|(old, c)| *old != c.id) {
            out.push(then);
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

    #[test]
    fn each_earlier_way_of_making_ids() {
        let c = people(&[
            ("nguyen-van-an", "Nguyễn Văn An"),
            ("tran-thi-stefan", "Trần Thị Ștefan"),
            ("jorg-muller", "Jörg Müller"),
            ("dr-wang-xiao-ming", "Dr. 王小明"),
            ("smith", "SMITH"),
            ("my-id", "Ștefan Pop"),
        ]);
        assert_eq!(former_conversation_ids("phong-van", "Phỏng vấn"), ["ph-ng-v-n"]);
        assert_eq!(
            earlier_builds(&c),
            [
                // Before 2 December: ASCII only; an id someone chose stays.
                ["nguy-n-v-n-an", "tr-n-th-tefan", "j-rg-m-ller", "dr", "smith", "my-id"],
                // Until 5 December: Latin-1 and Latin Extended-A folded.
                ["nguy-n-van-an", "tr-n-th-tefan", "jorg-muller", "speaker", "smith", "my-id"],
                // Until 6 December: any Latin letter, other scripts left out.
                ["nguyen-van-an", "tran-thi-stefan", "jorg-muller", "speaker", "smith", "my-id"],
            ]
        );
    }

    #[test]
    fn suffixes_as_the_old_import_gave_them() {
        // Lệ Hoa and Lê Hoa: `le-hoa`, `le-hoa-2` today; `l-hoa`,
        // `l-hoa-2` before 2 December; `l-hoa`, `le-hoa` until 5 December.
        let c = people(&[("le-hoa", "Lệ Hoa"), ("le-hoa-2", "Lê Hoa")]);
        assert_eq!(earlier_builds(&c), [["l-hoa", "l-hoa-2"], ["l-hoa", "le-hoa"]]);
        // A conversation id that is not the stem's is not the stem's before.
        assert!(former_conversation_ids("chosen", "Phỏng vấn").is_empty());
        // ASCII throughout: nothing to look at.
        assert!(former_conversation_ids("a", "a").is_empty());
        assert!(earlier_builds(&people(&[("jane", "Jane"), ("lee", "Lee")])).is_empty());
    }
}
