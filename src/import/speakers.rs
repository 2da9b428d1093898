//! Who is who in a transcript: the labels as written (`MR. SMITH`,
//! `Smith`, `DR. Jane Smith`) grouped into people. Labels are compared
//! case-insensitively with honorifics set aside; a bare surname joins the one
//! person with that surname, and stays apart when two people share it.

use std::collections::HashMap;

use crate::model::names::honorific;

/// A label split into its honorifics and the rest, both lowercase.
struct Key {
    title: String,
    words: Vec<String>,
}

fn key(label: &str) -> Key {
    let mut title = Vec::new();
    let mut words: Vec<String> = Vec::new();
    for w in label.split_whitespace() {
        match honorific(w) {
            // Honorifics count only before the name (`Mr. Smith`, not `Smith Dr`),
            // and a name that is only an honorific (`Judge`) is a name.
            Some(h) if words.is_empty() => title.push(h),
            _ => words.push(w.to_lowercase()),
        }
    }
    if words.is_empty() {
        return Key {
            title: String::new(),
            words: title.iter().map(|s| (*s).to_owned()).collect(),
        };
    }
    Key { title: title.join(" "), words }
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (a, b) = (find(parent, a), find(parent, b));
    if a != b {
        parent[a.max(b)] = a.min(b);
    }
}

/// For each of `labels` (distinct, in order of first appearance), the index
/// of the label that names its person: the fullest form (most words, then
/// most characters, then the first seen).
pub(super) fn people(labels: &[String]) -> Vec<usize> {
    let keys: Vec<Key> = labels.iter().map(|l| key(l)).collect();
    let mut parent: Vec<usize> = (0..labels.len()).collect();
    // The same name with the same (or no) honorific: one label group per
    // (words, title); a group with no title joins the only titled one.
    let mut by_name: HashMap<(&[String], &str), usize> = HashMap::new();
    let mut titles: HashMap<&[String], Vec<usize>> = HashMap::new();
    for (i, k) in keys.iter().enumerate() {
        match by_name.get(&(k.words.as_slice(), k.title.as_str())) {
            Some(&j) => union(&mut parent, i, j),
            None => {
                by_name.insert((k.words.as_slice(), k.title.as_str()), i);
                titles.entry(k.words.as_slice()).or_default().push(i);
            }
        }
    }
    for groups in titles.values() {
        let titled: Vec<usize> =
            groups.iter().copied().filter(|&i| !keys[i].title.is_empty()).collect();
        if let (Some(&bare), [one]) =
            (groups.iter().find(|&&i| keys[i].title.is_empty()), titled.as_slice())
        {
            union(&mut parent, bare, *one);
        }
    }
    // A bare surname (`SMITH`, `Mr. Smith`) joins the one longer name ending
    // in it, if its honorific does not disagree and nobody else shares it.
    let mut surnames: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, k) in keys.iter().enumerate() {
        if let Some(last) = k.words.last() {
            surnames.entry(last.as_str()).or_default().push(i);
        }
    }
    for members in surnames.values() {
        let mut people: Vec<usize> = members.iter().map(|&i| find(&mut parent, i)).collect();
        people.sort_unstable();
        people.dedup();
        let long: Vec<usize> =
            people.iter().copied().filter(|&p| keys[p].words.len() > 1).collect();
        let short: Vec<usize> =
            people.iter().copied().filter(|&p| keys[p].words.len() == 1).collect();
        if let ([l], [s]) = (long.as_slice(), short.as_slice()) {
            let (a, b) = (&keys[*l].title, &keys[*s].title);
            if a.is_empty() || b.is_empty() || a == b {
                union(&mut parent, *l, *s);
            }
        }
    }
    let weight = |i: usize| (keys[i].words.len() + keys[i].title.len().min(1), labels[i].len());
    let mut best: HashMap<usize, usize> = HashMap::new();
    for i in 0..labels.len() {
        let root = find(&mut parent, i);
        let b = best.entry(root).or_insert(i);
        if weight(i) > weight(*b) {
            *b = i;
        }
    }
    (0..labels.len()).map(|i| best[&find(&mut parent, i)]).collect()
}

#[cfg(test)]
mod tests {
    use super::people;

    fn names(labels: &[&str]) -> Vec<usize> {
        people(&labels.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>())
    }

    #[test]
    fn one_person_many_labels() {
        assert_eq!(names(&["SMITH", "Mr. Smith", "Smith"]), [1, 1, 1]);
        assert_eq!(names(&["DR. Jane Smith", "SMITH", "Jane Smith"]), [0, 0, 0]);
        assert_eq!(names(&["Mr. Smith", "Ms. Smith", "SMITH"]), [0, 1, 2]);
        assert_eq!(names(&["Q", "A"]), [0, 1]);
    }
}
