//! The shape of `src/ui`, read from the source: one room per mode over a
//! core that imports no mode, and no import cycle anywhere (issue 11).
//!
//! Each file is a node named by its module path (`core::pane`,
//! `dispatch`), except that a mode's folder is one room (`modes::list` for
//! `modes/list/mod.rs` and `modes/list/view.rs`). An edge is any path in
//! code — `crate::ui::…`, `super::…`, or a child module of the file's own
//! module — resolved to the node it names. Checked here: no cycle; the core
//! imports no mode and nothing above it; a mode imports no other mode and
//! nothing above it; no file over 400 lines.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const MAX_LINES: usize = 400;

/// What sits above the modes: only these may know every mode.
const ABOVE_MODES: &[&str] =
    &["app", "derived", "dispatch", "keymap", "overlay", "signals", "terminal", "tty"];

fn ui_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ui").filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module a file defines, as path segments below `ui` (`mod.rs` is
/// its folder's module): `modes/list/view.rs` → `[modes, list, view]`.
fn module_path(file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(ui_dir()).expect("in src/ui");
    let mut parts: Vec<String> =
        rel.iter().map(|c| c.to_string_lossy().trim_end_matches(".rs").to_owned()).collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The node a module belongs to: a mode's folder is one room.
fn node_of(path: &[String]) -> String {
    let keep =
        if path.first().is_some_and(|p| p == "modes") { path.len().min(2) } else { path.len() };
    path[..keep].join("::")
}

/// Code without comments (doc comments link to modules they do not import)
/// and without its unit tests (whose `super::` is the file itself).
fn code(file: &Path) -> String {
    let mut text = std::fs::read_to_string(file).expect("read");
    // An inline test module, brace to matching brace.
    while let Some(at) = text.find("#[cfg(test)]") {
        let open = text[at..].find('{').map_or(text.len(), |o| at + o);
        let mut depth = 0;
        let mut end = text.len();
        for (i, c) in text[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = open + i + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        text.replace_range(at..end, "");
    }
    text.lines()
        .map(|l| match l.find("//") {
            Some(at) if !l[..at].contains('"') => &l[..at],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn ident(text: &str) -> String {
    text.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect()
}

/// Every path in `text` that starts at `at`: `a::b::c`, and each item of
/// a `{a, b::c}` group (nested groups flattened to their first segment).
fn paths_after(text: &str) -> Vec<Vec<String>> {
    let mut segments = Vec::new();
    let mut rest = text;
    loop {
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            return group[..end]
                .split(',')
                .map(|item| {
                    let mut p = segments.clone();
                    p.extend(
                        item.trim().split("::").map(|s| ident(s.trim())).filter(|s| !s.is_empty()),
                    );
                    p
                })
                .collect();
        }
        let name = ident(rest);
        if name.is_empty() {
            break;
        }
        rest = &rest[name.len()..];
        segments.push(name);
        match rest.strip_prefix("::") {
            Some(more) => rest = more,
            None => break,
        }
    }
    vec![segments]
}

/// Which nodes each node imports.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    rust_files(&ui_dir(), &mut files);
    let modules: BTreeSet<Vec<String>> = files.iter().map(|f| module_path(f)).collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let here = module_path(file);
        if here.is_empty() {
            continue; // ui/mod.rs: the module map and re-exports
        }
        let from = node_of(&here);
        graph.entry(from.clone()).or_default();
        let text = code(file);
        let mut targets: Vec<Vec<String>> = Vec::new();
        for (i, _) in text.match_indices("crate::ui::") {
            targets.extend(paths_after(&text[i + "crate::ui::".len()..]));
        }
        for (i, _) in text.match_indices("super::") {
            // Count the `super::`s, then resolve from the file's module.
            if text[..i].ends_with("super::") {
                continue;
            }
            let mut up = 0;
            let mut rest = &text[i..];
            while let Some(r) = rest.strip_prefix("super::") {
                up += 1;
                rest = r;
            }
            let base = &here[..here.len().saturating_sub(up)];
            for p in paths_after(rest) {
                targets.push(base.iter().cloned().chain(p).collect());
            }
        }
        // Child modules named without `super::` (`view::draw`, `pane::rows`).
        for child in modules.iter().filter(|m| m.len() == here.len() + 1 && m.starts_with(&here)) {
            let name = child.last().expect("child");
            let needle = format!("{name}::");
            if text.match_indices(&needle).any(|(i, _)| {
                !text[..i].ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_' || c == ':')
            }) {
                targets.push(child.clone());
            }
        }
        for target in targets {
            // The longest prefix that is a module.
            let Some(module) = (1..=target.len())
                .rev()
                .map(|n| target[..n].to_vec())
                .find(|p| modules.contains(p))
            else {
                continue;
            };
            let to = node_of(&module);
            if to != from && !to.is_empty() {
                graph.entry(from.clone()).or_default().insert(to);
            }
        }
    }
    graph
}

/// The modules that are in some cycle (strongly connected components of
/// more than one module), by Tarjan's algorithm.
fn in_cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<BTreeSet<String>> {
    struct T<'a> {
        g: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on: BTreeSet<&'a str>,
        next: usize,
        out: Vec<BTreeSet<String>>,
    }
    fn visit<'a>(t: &mut T<'a>, v: &'a str) {
        t.index.insert(v, t.next);
        t.low.insert(v, t.next);
        t.next += 1;
        t.stack.push(v);
        t.on.insert(v);
        for w in &t.g[v] {
            let w = w.as_str();
            if !t.index.contains_key(w) {
                visit(t, w);
                let lw = t.low[w];
                let lv = t.low.get_mut(v).expect("visited");
                *lv = (*lv).min(lw);
            } else if t.on.contains(w) {
                let iw = t.index[w];
                let lv = t.low.get_mut(v).expect("visited");
                *lv = (*lv).min(iw);
            }
        }
        if t.low[v] == t.index[v] {
            let mut scc = BTreeSet::new();
            while let Some(w) = t.stack.pop() {
                t.on.remove(w);
                scc.insert(w.to_owned());
                if w == v {
                    break;
                }
            }
            if scc.len() > 1 {
                t.out.push(scc);
            }
        }
    }
    let mut t = T {
        g: graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        next: 0,
        out: Vec::new(),
    };
    for v in graph.keys() {
        if !t.index.contains_key(v.as_str()) {
            visit(&mut t, v);
        }
    }
    t.out
}

#[test]
fn the_graph_reader_sees_known_imports() {
    let g = graph();
    let has = |from: &str, to: &str| g.get(from).is_some_and(|t| t.contains(to));
    assert!(has("terminal", "signals"), "{:?}", g["terminal"]);
    assert!(has("signals", "tty"), "{:?}", g["signals"]);
    assert!(has("core::pane", "core::rows"), "{:?}", g["core::pane"]);
    // `use crate::ui::core::{Core, Mode, edit}` groups, and `super::` up a folder.
    assert!(has("modes::list", "core::edit"), "{:?}", g["modes::list"]);
    assert!(has("modes::list", "core"), "{:?}", g["modes::list"]);
    // A child module named without `super::`.
    assert!(has("core", "core::pane"), "{:?}", g["core"]);
    assert!(has("overlay", "modes::picker"), "{:?}", g["overlay"]);
}

#[test]
fn src_ui_has_no_import_cycle() {
    let cycles = in_cycles(&graph());
    assert!(cycles.is_empty(), "import cycles: {cycles:?}");
}

#[test]
fn the_core_imports_no_mode_and_nothing_above_it() {
    for (from, to) in graph() {
        if from == "core" || from.starts_with("core::") {
            for t in &to {
                assert!(
                    t == "core" || t.starts_with("core::"),
                    "{from} imports {t}: the core may import only the core"
                );
            }
        }
    }
}

#[test]
fn a_mode_imports_no_other_mode_and_nothing_above_it() {
    let g = graph();
    let rooms: Vec<&String> = g.keys().filter(|m| m.starts_with("modes::")).collect();
    assert!(rooms.len() >= 13, "one room per mode: {rooms:?}");
    for room in rooms {
        for t in &g[room] {
            assert!(
                t == "core" || t.starts_with("core::"),
                "{room} imports {t}: a mode reaches others only through Effects"
            );
        }
    }
    for above in ABOVE_MODES {
        assert!(g.contains_key(*above), "{above} is a ui module");
    }
}

#[test]
fn no_file_is_over_400_lines() {
    let mut files = Vec::new();
    rust_files(&ui_dir(), &mut files);
    for file in files {
        let lines = std::fs::read_to_string(&file).expect("read").lines().count();
        let name = file.strip_prefix(ui_dir()).expect("in ui").display().to_string();
        assert!(lines <= MAX_LINES, "src/ui/{name} has {lines} lines (at most {MAX_LINES})");
    }
}
