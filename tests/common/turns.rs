//! A conversation's turns as (speaker, paragraphs), for the import tests.
#![allow(dead_code)]

use std::collections::HashMap;

use crosstalk::model::ConversationFile;

/// (speaker name, paragraphs) per section, in order.
pub fn sections(f: &ConversationFile) -> Vec<(String, Vec<String>)> {
    let name: HashMap<&str, &str> =
        f.contributors.iter().map(|c| (c.id.as_str(), c.name.as_str())).collect();
    f.sections
        .iter()
        .map(|s| (name[s.contributor.as_str()].to_owned(), s.paragraphs.clone()))
        .collect()
}

/// Asserts that `f`'s sections are `want`, speaker and paragraphs each.
pub fn expect(f: &ConversationFile, want: &[(&str, &[&str])]) {
    let want: Vec<(String, Vec<String>)> = want
        .iter()
        .map(|(n, ps)| ((*n).to_owned(), ps.iter().map(|p| (*p).to_owned()).collect()))
        .collect();
    assert_eq!(sections(f), want);
}
