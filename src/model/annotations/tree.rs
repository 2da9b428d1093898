//! Nested tags: a tag named `parent/child` sits under `parent`, as REFI-QDA
//! nests `<Code>`s and NVivo nests nodes. The hierarchy lives in the names
//! alone, so files, exports and merges need nothing new; a parent need not
//! be a tag itself (it then only groups its children, like a REFI code with
//! `isCodable="false"`).
//!
//! A name is nested only when every `/`-separated segment has a
//! non-blank character: `a//b`, `/a` and `a/` are flat names.

use std::collections::HashMap;

use super::Tag;

/// What separates a parent from its child in a tag name.
pub const SEP: char = '/';

/// Whether `name` is a path of non-blank segments with at least one `/`.
fn nested(name: &str) -> bool {
    name.contains(SEP) && name.split(SEP).all(|s| !s.trim().is_empty())
}

/// The name of the tag `name` sits under, if it is nested.
pub fn parent(name: &str) -> Option<&str> {
    if nested(name) { name.rsplit_once(SEP).map(|(p, _)| p) } else { None }
}

/// The last segment of `name`: what a tree shows under its parent.
pub fn leaf(name: &str) -> &str {
    if nested(name) { name.rsplit_once(SEP).map_or(name, |(_, l)| l) } else { name }
}

/// How many ancestors `name` has.
pub fn depth(name: &str) -> usize {
    if nested(name) { name.matches(SEP).count() } else { 0 }
}

/// Whether `name` is `ancestor` or anywhere under it.
pub fn within(name: &str, ancestor: &str) -> bool {
    name == ancestor
        || (nested(name)
            && name.len() > ancestor.len()
            && name.starts_with(ancestor)
            && name[ancestor.len()..].starts_with(SEP))
}

/// The name `name` takes when the branch `from` is renamed `to`: `from`
/// itself becomes `to`, `from/x` becomes `to/x`; anything else stays.
pub fn renamed(name: &str, from: &str, to: &str) -> Option<String> {
    within(name, from).then(|| format!("{to}{}", &name[from.len()..]))
}

/// One row of the tag tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    /// The whole name (`parent/child`).
    pub name: String,
    pub depth: usize,
    /// Index of the tag in the list the tree was built from; `None` for a
    /// parent that is not a tag itself.
    pub tag: Option<usize>,
    /// Whether other rows sit under this one.
    pub parent: bool,
}

impl Node {
    /// The name as the tree shows it: its last segment.
    pub fn leaf(&self) -> &str {
        leaf(&self.name)
    }
}

/// The tags as a tree, depth first: each parent before its children, and
/// siblings in the order the first of them (or of anything under them)
/// appears in `tags`. A parent that is not a tag gets a row of its own.
pub fn tree(tags: &[Tag]) -> Vec<Node> {
    tree_of(tags.iter().map(|t| t.name.as_str()))
}

/// [`tree`] over bare names.
pub fn tree_of<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<Node> {
    // Every name and every ancestor of it, each once, in order of first
    // appearance; children listed under their parent.
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut nodes: Vec<(&str, Option<usize>)> = Vec::new();
    let mut children: Vec<Vec<usize>> = Vec::new();
    let mut roots: Vec<usize> = Vec::new();
    for (i, name) in names.into_iter().enumerate() {
        // The chain from the root down to `name`.
        let mut chain = vec![name];
        while let Some(p) = parent(chain[chain.len() - 1]) {
            chain.push(p);
        }
        let mut above: Option<usize> = None;
        for &n in chain.iter().rev() {
            let id = match index.get(n) {
                Some(&id) => id,
                None => {
                    let id = nodes.len();
                    index.insert(n, id);
                    nodes.push((n, None));
                    children.push(Vec::new());
                    match above {
                        Some(p) => children[p].push(id),
                        None => roots.push(id),
                    }
                    id
                }
            };
            above = Some(id);
        }
        let id = index[name];
        if nodes[id].1.is_none() {
            nodes[id].1 = Some(i);
        }
    }
    let mut out = Vec::with_capacity(nodes.len());
    let mut stack: Vec<(usize, usize)> = roots.iter().rev().map(|&r| (r, 0)).collect();
    while let Some((id, depth)) = stack.pop() {
        let (name, tag) = nodes[id];
        out.push(Node { name: name.to_owned(), depth, tag, parent: !children[id].is_empty() });
        stack.extend(children[id].iter().rev().map(|&c| (c, depth + 1)));
    }
    out
}

/// How a list that holds only real tags shows `name` as a tree: indented
/// once per ancestor that is a tag (`is_tag`), by the part of the name
/// after the nearest such ancestor. So with tags `risk` and
/// `risk/data/leak` (no `risk/data`), the second shows as `data/leak`
/// one step in.
pub fn shown(name: &str, is_tag: impl Fn(&str) -> bool) -> (usize, &str) {
    let mut indent = 0;
    let mut nearest: Option<usize> = None;
    let mut up = parent(name);
    while let Some(p) = up {
        if is_tag(p) {
            indent += 1;
            nearest.get_or_insert(p.len());
        }
        up = parent(p);
    }
    match nearest {
        Some(len) => (indent, &name[len + SEP.len_utf8()..]),
        None => (0, name),
    }
}

/// Whether a highlight carrying `tags` falls under `name` (carries it or
/// any tag under it): how a parent's counts roll up its children's.
pub fn carries_within(tags: &[String], name: &str) -> bool {
    tags.iter().any(|t| within(t, name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(nodes: &[Node]) -> Vec<(String, usize, Option<usize>, bool)> {
        nodes.iter().map(|n| (n.name.clone(), n.depth, n.tag, n.parent)).collect()
    }

    #[test]
    fn segments_must_be_non_blank_to_nest() {
        assert_eq!(parent("risk/data"), Some("risk"));
        assert_eq!(parent("a/b/c"), Some("a/b"));
        assert_eq!(leaf("a/b/c"), "c");
        assert_eq!(depth("a/b/c"), 2);
        for flat in ["a//b", "/a", "a/", " /a", "plain", "U.S. / "] {
            assert_eq!(parent(flat), None, "{flat}");
            assert_eq!(leaf(flat), flat);
            assert_eq!(depth(flat), 0);
        }
        assert_eq!(parent("美国/中国"), Some("美国"));
        assert_eq!(leaf("👩‍💻/e\u{301}"), "e\u{301}");
    }

    #[test]
    fn within_means_the_name_or_under_it_not_a_longer_name() {
        assert!(within("risk", "risk"));
        assert!(within("risk/data", "risk"));
        assert!(within("risk/data/leak", "risk"));
        assert!(!within("risky", "risk"));
        assert!(!within("risk/", "risk"));
        assert!(!within("ris", "risk"));
        assert!(!within("risk", "risk/data"));
        assert_eq!(renamed("risk/data", "risk", "hazard").as_deref(), Some("hazard/data"));
        assert_eq!(renamed("risk", "risk", "a/b").as_deref(), Some("a/b"));
        assert_eq!(renamed("risky", "risk", "hazard"), None);
    }

    #[test]
    fn children_follow_their_parent_and_missing_parents_get_rows() {
        let t = tree_of(["b", "a/x", "c", "a", "b/y/z", "a/w"]);
        assert_eq!(
            names(&t),
            vec![
                ("b".into(), 0, Some(0), true),
                ("b/y".into(), 1, None, true),
                ("b/y/z".into(), 2, Some(4), false),
                ("a".into(), 0, Some(3), true),
                ("a/x".into(), 1, Some(1), false),
                ("a/w".into(), 1, Some(5), false),
                ("c".into(), 0, Some(2), false),
            ]
        );
    }

    #[test]
    fn a_flat_list_is_its_own_tree() {
        let t = tree_of(["one", "two", "and/", "x//y"]);
        assert_eq!(
            t.iter().map(|n| n.name.as_str()).collect::<Vec<_>>(),
            ["one", "two", "and/", "x//y"]
        );
        assert!(t.iter().all(|n| n.depth == 0 && !n.parent && n.tag.is_some()));
    }

    #[test]
    fn shown_counts_only_ancestors_that_are_tags() {
        let tags = ["risk", "risk/data/leak", "a/b/c"];
        let is_tag = |n: &str| tags.contains(&n);
        assert_eq!(shown("risk", is_tag), (0, "risk"));
        assert_eq!(shown("risk/data/leak", is_tag), (1, "data/leak"));
        assert_eq!(shown("a/b/c", is_tag), (0, "a/b/c"));
        let all = ["x", "x/y", "x/y/z"];
        assert_eq!(shown("x/y/z", |n| all.contains(&n)), (2, "z"));
    }

    #[test]
    fn a_name_given_twice_keeps_its_first_place() {
        let t = tree_of(["a", "a"]);
        assert_eq!(names(&t), vec![("a".into(), 0, Some(0), false)]);
    }
}
