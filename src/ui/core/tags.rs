//! Finding tags by a typed query: what the pickers list.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher};

use crate::model::annotations::{Annotations, tree};

/// The tags matching `query`, best first (all of them, in order, for an
/// empty query, as a tree: each under its parent), leaving out `excluded`.
pub fn filter(annotations: &Annotations, query: &str, excluded: Option<&str>) -> Vec<String> {
    let names: Vec<&str> = annotations
        .tags()
        .iter()
        .map(|t| t.name.as_str())
        .filter(|n| Some(*n) != excluded)
        .collect();
    if query.is_empty() {
        // As a tree: each tag under its parent.
        return tree::tree_of(names.iter().copied())
            .into_iter()
            .filter(|n| n.tag.is_some())
            .map(|n| n.name)
            .collect();
    }
    let mut matcher = Matcher::new(Config::DEFAULT);
    let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
    pattern
        .match_list(names.iter().copied(), &mut matcher)
        .into_iter()
        .map(|(n, _)| n.to_owned())
        .collect()
}

/// Whether each word of `query` is found, its letters in order, within
/// one word of `name` (ignoring case and accents, as the filter does):
/// `nat sec` in `national-security claim`, but not `cross para`, whose
/// letters the fuzzy filter finds scattered over `reciprocity & market
/// access`.
pub fn holds_words(name: &str, query: &str) -> bool {
    use nucleo_matcher::chars::{normalize, to_lower_case};
    let fold = |text: &str| -> String {
        nucleo_matcher::chars::graphemes(text).map(|c| to_lower_case(normalize(c))).collect()
    };
    let name = fold(name);
    let within = |word: &str, part: &str| {
        let mut letters = part.chars();
        word.chars().all(|c| letters.any(|l| l == c))
    };
    fold(query).split_whitespace().all(|w| name.split_whitespace().any(|p| within(w, p)))
}

/// Whether `query` names a tag (ignoring ASCII case).
pub fn exists(annotations: &Annotations, query: &str) -> bool {
    annotations.tags().iter().any(|t| t.name.eq_ignore_ascii_case(query))
}

#[cfg(test)]
mod tests {
    #[test]
    fn words_are_held_within_a_word_ignoring_case_and_accents() {
        use super::holds_words;
        assert!(holds_words("national-security claim", "nat sec"));
        assert!(holds_words("Sécurité nationale", "securite nat"));
        assert!(!holds_words("reciprocity & market access", "cross para"));
    }
}
