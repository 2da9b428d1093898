//! Naming speakers after import: `LABEL=Name; Affiliation`, from
//! `--speaker` or one a line in a `--speakers` file. A label is matched to
//! a contributor as transcript labels are matched to each other
//! (case-insensitively, honorifics aside, a bare surname fitting the one
//! person with it, and an exact label winning over surnames); the
//! contributor takes the name and the affiliation and keeps its id, so an
//! annotation file made before still fits. Naming two contributors alike
//! makes them one, with the id of the first.

use std::collections::HashMap;

use super::speakers::{Key, key};
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

/// The contributor `label` names, or why none does. A label as written
/// (any case) wins; else a label of several words names the one person
/// with those words (honorifics aside); a bare surname (`SMITH`) must fit
/// one person only, whatever their honorific or first name.
fn find(file: &ConversationFile, n: &Naming) -> Result<usize, String> {
    let wants = forms(&n.label);
    let keys: Vec<Vec<Key>> = file.contributors.iter().map(|c| forms(&c.name)).collect();
    let agree = |a: &str, b: &str| a.is_empty() || b.is_empty() || a == b;
    // Whether any form of contributor `i` and of the label fit `fits`.
    let any = |i: usize, fits: &dyn Fn(&Key, &Key) -> bool| {
        keys[i].iter().any(|k| wants.iter().any(|want| fits(k, want)))
    };
    let tiers: [&dyn Fn(usize) -> bool; 3] = [
        &|i| any(i, &|k, want| k.words == want.words && k.title == want.title),
        &|i| any(i, &|k, want| want.words.len() > 1 && k.words == want.words),
        &|i| {
            any(i, &|k, want| {
                want.words.len() == 1
                    && k.words.last() == want.words.last()
                    && agree(&k.title, &want.title)
            })
        },
    ];
    let names = |is: &[usize]| {
        let mut seen = std::collections::HashSet::new();
        let names: Vec<String> = is
            .iter()
            .map(|&i| sanitize(&file.contributors[i].name).into_owned())
            .filter(|name| seen.insert(name.clone()))
            .collect();
        // `Jensen, Lars, Okafor, Daniel` would read as four people.
        let comma = names.iter().any(|n| n.contains(','));
        names.join(if comma { "; " } else { ", " })
    };
    for tier in tiers {
        let found: Vec<usize> = (0..keys.len()).filter(|&i| tier(i)).collect();
        match found.as_slice() {
            [one] => return Ok(*one),
            [] => {}
            many => {
                return Err(format!(
                    "{}: \"{}\" may be any of {}; use the full label (e.g. `{}=…`)",
                    n.origin,
                    sanitize(&n.label),
                    names(many),
                    sanitize(&file.contributors[many[0]].name)
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

/// The keys a name or label is known by: as written, without a
/// description in parentheses (`Okafor, Daniel (External)`, as Teams marks
/// guests), and turned when written surname first (`Jensen, Lars` is also
/// `Lars Jensen`; a suffix after the comma, `Jr.` or `PhD`, is dropped).
fn forms(name: &str) -> Vec<Key> {
    let plain = crate::model::names::without_parentheses(name);
    let mut forms = vec![key(name), key(&plain)];
    if let Some((family, given)) = plain.split_once(',')
        && !given.contains(',')
    {
        let (family, given) = (family.trim(), given.trim());
        if !family.is_empty() && !given.is_empty() {
            // By the surname alone only as any name is (the last tier).
            forms.push(key(&format!("{given} {family}")));
        }
    }
    forms
}

/// An error if two of `names` name the same label (any case, spacing aside).
fn named_twice(names: &[Naming]) -> Result<(), String> {
    let mut first: HashMap<String, &Naming> = HashMap::new();
    for n in names {
        let label = n.label.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        let Some(before) = first.get(&label) else {
            first.insert(label, n);
            continue;
        };
        // `FILE:1` and `FILE:2`: "lines 1 and 2" of that file.
        let split = |o: &str| {
            o.rsplit_once(':')
                .filter(|(_, l)| !l.is_empty() && l.bytes().all(|b| b.is_ascii_digit()))
                .map(|(f, l)| (f.to_owned(), l.to_owned()))
        };
        let label = sanitize(&before.label);
        return Err(match (split(&before.origin), split(&n.origin)) {
            (Some((f, a)), Some((g, b))) if f == g => {
                format!("{f}: {label} is named twice (lines {a} and {b})")
            }
            _ => format!("{label} is named twice ({} and {})", before.origin, n.origin),
        });
    }
    Ok(())
}

/// Names the contributors of `file`; returns the names they had. Every
/// label must match a contributor.
pub fn apply(file: &mut ConversationFile, names: &[Naming]) -> Result<Vec<String>, String> {
    if names.is_empty() {
        return Ok(Vec::new());
    }
    named_twice(names)?;
    // Sections by contributor index: contributors are joined below.
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{Kind, import_with_notes};

    fn transcript(text: &str) -> ConversationFile {
        import_with_notes(text, Kind::Transcript, "t").expect("imports").0
    }

    fn named(file: &ConversationFile) -> Vec<(String, String, String)> {
        file.contributors
            .iter()
            .map(|c| (c.id.clone(), c.name.clone(), c.affiliation.clone()))
            .collect()
    }

    #[test]
    fn parses_specs_and_files() {
        let n = Naming::from_arg("SMITH=Sen. Jane Smith; Senate Banking Committee").expect("ok");
        assert_eq!(
            (n.label.as_str(), n.name.as_str(), n.affiliation.as_str()),
            ("SMITH", "Sen. Jane Smith", "Senate Banking Committee")
        );
        assert_eq!(n.origin, "--speaker \"SMITH=Sen. Jane Smith; Senate Banking Committee\"");
        let e = Naming::from_arg("SMITH").expect_err("no =");
        assert!(e.starts_with("--speaker \"SMITH\": no `=`"), "{e}");
        let text =
            "# who is who\n\nSMITH=Jane Smith\n  # indented comment\nJONES = Ann Jones ; ACME\n";
        let all = parse_file(text, "names.txt").expect("ok");
        assert_eq!(all.len(), 2);
        assert_eq!((all[1].name.as_str(), all[1].affiliation.as_str()), ("Ann Jones", "ACME"));
        assert_eq!(all[1].origin, "names.txt:5");
        let e = parse_file("A=B\n=C\n", "n\u{1b}.txt").expect_err("no label");
        assert!(e.starts_with("n␛.txt:2: no label"), "{e}");
    }

    #[test]
    fn a_label_names_its_person_whatever_the_honorific_or_case() {
        let mut f = transcript("MR. SMITH: Hi.\nJONES: Yes.\nSmith (continuing): More.\n");
        let n = [Naming::from_arg("smith=Sen. Jane Smith; Senate Banking Committee").expect("ok")];
        assert_eq!(apply(&mut f, &n).expect("applies"), ["MR. SMITH"]);
        assert_eq!(
            named(&f)[0],
            ("mr-smith".into(), "Sen. Jane Smith".into(), "Senate Banking Committee".into())
        );
        assert!(f.sections.iter().all(|s| ["mr-smith", "jones"].contains(&s.contributor.as_str())));
        crate::model::Conversation::new(f).expect("valid");
    }

    #[test]
    fn a_name_written_surname_first_is_found_as_written_turned_or_by_surname() {
        // Teams writes `Jensen, Lars`, and `(External)` after a guest's name.
        for label in ["Jensen, Lars", "Lars Jensen", "Jensen", "JENSEN"] {
            let mut f = transcript("Jensen, Lars: Hi.\nOkafor, Daniel (External): Yes.\n");
            let n = [Naming::from_arg(&format!("{label}=Lars Jensen; Aarhus")).expect("ok")];
            apply(&mut f, &n).unwrap_or_else(|e| panic!("{label}: {e}"));
            assert_eq!(named(&f)[0].1, "Lars Jensen", "{label}");
        }
        let mut f = transcript("Jensen, Lars: Hi.\nOkafor, Daniel (External): Yes.\n");
        apply(&mut f, &[Naming::from_arg("Okafor=Daniel Okafor").expect("ok")]).expect("applies");
        assert_eq!(named(&f)[1].1, "Daniel Okafor");
        // Two of one surname: the surname alone is not enough.
        let mut f = transcript("Jensen, Lars: Hi.\nJensen, Mette: Yes.\n");
        let e = apply(&mut f, &[Naming::from_arg("Jensen=X").expect("ok")]).expect_err("two");
        assert!(e.contains("may be any of Jensen, Lars; Jensen, Mette"), "{e}");
        // A surname first is no surer than any surname.
        let mut g = transcript("Smith, Jane: Hi.\nJohn Smith: Yes.\n");
        let e =
            apply(&mut g, &[Naming::from_arg("Smith=Jane Smith").expect("ok")]).expect_err("two");
        assert!(e.contains("may be any of"), "{e}");
        // Names with a comma listed apart by semicolons.
        let e = apply(&mut f, &[Naming::from_arg("Patel=X").expect("ok")]).expect_err("none");
        assert!(e.ends_with("the speakers are: Jensen, Lars; Jensen, Mette"), "{e}");
    }

    #[test]
    fn no_match_and_several_matches_are_errors_listing_the_speakers() {
        let mut f = transcript("Mr. Smith: a\nMs. Smith: b\nSMITH: c\nLee: d\n");
        let e =
            apply(&mut f, &[Naming::from_arg("PATEL=Raj Patel").expect("ok")]).expect_err("none");
        assert_eq!(
            e,
            "--speaker \"PATEL=Raj Patel\": no speaker is labelled \"PATEL\"; the speakers are: Mr. Smith, Ms. Smith, SMITH, Lee"
        );
        // A bare `SMITH` is the speaker labelled exactly so.
        let n = [Naming::from_arg("SMITH=Paul Smith").expect("ok")];
        apply(&mut f, &n).expect("applies");
        assert_eq!(f.contributors[2].name, "Paul Smith");
        let mut f = transcript("Mr. Smith: a\nDr. Smith: b\nLee: d\n");
        let e = apply(&mut f, &[Naming::from_arg("smith=X").expect("ok")]).expect_err("two");
        assert!(e.contains("may be any of Mr. Smith, Dr. Smith"), "{e}");
    }

    #[test]
    fn naming_keeps_the_id_so_annotations_still_fit() {
        let mut f = transcript("MR. SMITH: a\nWARREN: b\nMS. JONES: c\n");
        let n = [
            Naming::from_arg("MR. SMITH=Sen. Jane Smith; Banking Committee").expect("ok"),
            Naming::from_arg("WARREN=MS. JONES").expect("ok"),
        ];
        apply(&mut f, &n).expect("applies");
        let ids: Vec<&str> = f.contributors.iter().map(|c| c.id.as_str()).collect();
        // WARREN joined MS. JONES: the first of the two keeps its id.
        assert_eq!(ids, ["mr-smith", "warren"]);
        assert_eq!(f.contributors[1].name, "MS. JONES");
        let sections: Vec<&str> = f.sections.iter().map(|s| s.contributor.as_str()).collect();
        assert_eq!(sections, ["mr-smith", "warren"]);
        crate::model::Conversation::new(f).expect("valid");
    }

    #[test]
    fn a_bare_surname_of_two_people_is_an_error_and_a_full_label_wins() {
        let text = "MR. SMITH: a\nDR. Jane Smith: b\n";
        let mut f = transcript(text);
        let e = apply(&mut f, &[Naming::from_arg("SMITH=Sen. Jane Smith").expect("ok")])
            .expect_err("two");
        assert_eq!(
            e,
            "--speaker \"SMITH=Sen. Jane Smith\": \"SMITH\" may be any of MR. SMITH, DR. Jane Smith; use the full label (e.g. `MR. SMITH=…`)"
        );
        // The label as written, or a full name honorifics aside, is exact.
        for (label, who) in [("mr. smith", 0), ("Jane Smith", 1), ("Dr. Smith", 1)] {
            let mut f = transcript(text);
            let n = [Naming::from_arg(&format!("{label}=X")).expect("ok")];
            apply(&mut f, &n).expect("applies");
            assert_eq!(f.contributors[who].name, "X", "{label}");
        }
    }

    #[test]
    fn a_label_named_twice_is_an_error_and_speakers_are_listed_once() {
        let mut f = transcript("SMITH: a\nJONES: b\n");
        let n = parse_file("SMITH=A\nsmith=B\n", "names.txt").expect("ok");
        assert_eq!(
            apply(&mut f, &n).expect_err("twice"),
            "names.txt: SMITH is named twice (lines 1 and 2)"
        );
        let n = [
            Naming::from_arg("SMITH=A").expect("ok"),
            Naming::from_arg("JONES=A").expect("ok"),
            Naming::from_arg("LEE=B").expect("ok"),
        ];
        let e = apply(&mut f, &n).expect_err("no LEE");
        assert!(e.ends_with("the speakers are: A"), "{e}");
    }

    #[test]
    fn markdown_speakers_are_named_too_keeping_their_role() {
        let text = "# T\n\nModerator: mod (Ada Moderator; Example Review)\n\n## Ada Moderator\n\nHi.\n\n## Lee\n\nHo.\n";
        let mut f = import_with_notes(text, Kind::Markdown, "t").expect("imports").0;
        apply(&mut f, &[Naming::from_arg("MODERATOR=Ada Lovelace").expect("ok")]).expect("applies");
        assert_eq!(f.contributors[0].name, "Ada Lovelace");
        assert_eq!(f.contributors[0].affiliation, "Example Review");
        assert_eq!(f.contributors[0].role, crate::model::Role::Moderator);
        assert_eq!(f.sections[0].contributor, "mod");
        crate::model::Conversation::new(f).expect("valid");
    }

    #[test]
    fn naming_a_label_as_another_speaker_joins_them() {
        let mut f = transcript("Mr. Smith: a\nMs. Smith: b\nSMITH: c\nMs. Smith: d\n");
        let n = [Naming::from_arg("SMITH=Ms. Smith").expect("ok")];
        apply(&mut f, &n).expect("applies");
        let names: Vec<&str> = f.contributors.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["Mr. Smith", "Ms. Smith"]);
        assert_eq!(f.sections.len(), 2);
        assert_eq!(f.sections[1].paragraphs, ["b", "c", "d"]);
        crate::model::Conversation::new(f).expect("valid");
    }
}
