//! Naming speakers after import: `LABEL=Name; Affiliation`, from
//! `--speaker` or one a line in a `--speakers` file. A label is matched to
//! a contributor as transcript labels are matched to each other
//! (case-insensitively, honorifics aside, a bare surname fitting the one
//! person with it); the contributor takes the name, the affiliation and an
//! id made from the name. Naming two contributors alike makes them one.

use std::collections::HashMap;

use super::speakers::{Ids, key};
use crate::model::sanitize::sanitize;
use crate::model::{ConversationFile, SectionFile};

/// One `LABEL=Name; Affiliation`, and where it was given (for errors).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Naming {
    pub label: String,
    pub name: String,
    /// Empty: keep the contributor's affiliation.
    pub affiliation: String,
    /// `--speaker "…"` or `FILE:line`.
    pub origin: String,
}

const SYNTAX: &str = "expected `LABEL=Name` or `LABEL=Name; Affiliation`";

impl Naming {
    /// Parses `spec`; `origin` names it in errors.
    pub fn parse(spec: &str, origin: &str) -> Result<Self, String> {
        let bad = |why: &str| format!("{origin}: {why}; {SYNTAX}");
        let (label, rest) = spec.split_once('=').ok_or_else(|| bad("no `=`"))?;
        let (name, affiliation) = rest.split_once(';').unwrap_or((rest, ""));
        let (label, name) = (label.trim(), name.trim());
        if label.is_empty() {
            return Err(bad("no label before `=`"));
        }
        if name.is_empty() {
            return Err(bad("no name after `=`"));
        }
        Ok(Self {
            label: label.to_owned(),
            name: name.to_owned(),
            affiliation: affiliation.trim().to_owned(),
            origin: origin.to_owned(),
        })
    }

    /// A `--speaker` value.
    pub fn from_arg(spec: &str) -> Result<Self, String> {
        Self::parse(spec, &format!("--speaker \"{}\"", sanitize(spec)))
    }
}

/// The namings in a `--speakers` file called `file`: one a line; blank
/// lines and lines starting with `#` are skipped.
pub fn parse_file(text: &str, file: &str) -> Result<Vec<Naming>, String> {
    let file = sanitize(file);
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_start_matches('\u{feff}').trim()))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
        .map(|(n, l)| Naming::parse(l, &format!("{file}:{n}")))
        .collect()
}

/// The contributor `label` names, or why none does.
fn find(file: &ConversationFile, n: &Naming) -> Result<usize, String> {
    let want = key(&n.label);
    let keys: Vec<_> = file.contributors.iter().map(|c| key(&c.name)).collect();
    let tiers: [&dyn Fn(usize) -> bool; 3] = [
        &|i| keys[i].words == want.words && keys[i].title == want.title,
        &|i| keys[i].words == want.words,
        &|i| want.words.len() == 1 && keys[i].words.last() == want.words.last(),
    ];
    let names = |is: &[usize]| {
        is.iter()
            .map(|&i| sanitize(&file.contributors[i].name).into_owned())
            .collect::<Vec<_>>()
            .join(", ")
    };
    for tier in tiers {
        let found: Vec<usize> = (0..keys.len()).filter(|&i| tier(i)).collect();
        match found.as_slice() {
            [one] => return Ok(*one),
            [] => {}
            many => {
                return Err(format!(
                    "{}: \"{}\" may be any of {}; use a fuller label",
                    n.origin,
                    sanitize(&n.label),
                    names(many)
                ));
            }
        }
    }
    let all: Vec<usize> = (0..keys.len()).collect();
    Err(format!(
        "{}: no speaker is labelled \"{}\"; the speakers are: {}",
        n.origin,
        sanitize(&n.label),
        names(&all)
    ))
}

/// Names the contributors of `file`; returns the names they had. Every
/// label must match a contributor.
pub fn apply(file: &mut ConversationFile, names: &[Naming]) -> Result<Vec<String>, String> {
    if names.is_empty() {
        return Ok(Vec::new());
    }
    // Sections by contributor index: ids change below.
    let index: HashMap<&str, usize> =
        file.contributors.iter().enumerate().map(|(i, c)| (c.id.as_str(), i)).collect();
    let owner: Vec<Option<usize>> =
        file.sections.iter().map(|s| index.get(s.contributor.as_str()).copied()).collect();
    let mut renamed: Vec<usize> = Vec::new();
    let mut before = Vec::new();
    for n in names {
        let i = find(file, n)?;
        let c = &mut file.contributors[i];
        before.push(std::mem::replace(&mut c.name, n.name.clone()));
        if !n.affiliation.is_empty() {
            c.affiliation.clone_from(&n.affiliation);
        }
        c.short.clear();
        renamed.push(i);
    }
    renamed.sort_unstable();
    renamed.dedup();
    // New ids from the new names, unique among the others.
    let kept: Vec<_> = file
        .contributors
        .iter()
        .enumerate()
        .filter(|(i, _)| !renamed.contains(i))
        .map(|(_, c)| c.clone())
        .collect();
    let mut ids = Ids::new(&kept);
    for &i in &renamed {
        let c = &mut file.contributors[i];
        c.id = ids.unique(&c.name);
    }
    // One person named twice: the later contributor joins the first, when
    // either was named here (two declared alike stay as they were).
    let mut target: Vec<usize> = (0..file.contributors.len()).collect();
    let mut first: HashMap<String, usize> = HashMap::new();
    for (i, c) in file.contributors.iter().enumerate() {
        match first.get(&c.name.to_lowercase()) {
            Some(&j) if renamed.contains(&i) || renamed.contains(&j) => target[i] = j,
            _ => {
                first.entry(c.name.to_lowercase()).or_insert(i);
            }
        }
    }
    for (s, owner) in file.sections.iter_mut().zip(owner) {
        if let Some(i) = owner {
            s.contributor.clone_from(&file.contributors[target[i]].id);
        }
    }
    let mut i = 0;
    file.contributors.retain(|_| {
        i += 1;
        target[i - 1] == i - 1
    });
    merge_adjacent(&mut file.sections);
    Ok(before)
}

/// Consecutive sections of one contributor made one, as imports write them.
fn merge_adjacent(sections: &mut Vec<SectionFile>) {
    let mut out: Vec<SectionFile> = Vec::with_capacity(sections.len());
    for mut s in sections.drain(..) {
        match out.last_mut() {
            Some(last) if last.contributor == s.contributor => {
                let offset = last.paragraphs.len();
                if !(last.times.is_empty() && s.times.is_empty()) {
                    last.times.resize(offset, String::new());
                    s.times.resize(s.paragraphs.len(), String::new());
                }
                last.heads.extend(s.heads.iter().map(|h| h + offset));
                last.paragraphs.append(&mut s.paragraphs);
                last.times.append(&mut s.times);
            }
            _ => out.push(s),
        }
    }
    *sections = out;
}
