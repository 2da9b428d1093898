//! Who is who in a transcript: the labels as written (`MR. SMITH`,
//! `Smith`, `DR. Jane Smith`) grouped into people. Labels are compared
//! case-insensitively with honorifics set aside; a bare surname joins the one
//! person with that surname, and stays apart when two people share it.

use std::collections::{HashMap, HashSet};

use crate::model::names::honorific;
use crate::model::{Contributor, ConversationFile, Role, SectionFile};

/// A label split into its honorifics and the rest, both lowercase.
pub(super) struct Key {
    pub title: String,
    pub words: Vec<String>,
    /// Written `Family, Given` and keyed as `Given Family` (see [`keys`]).
    pub turned: bool,
}

pub(super) fn key(label: &str) -> Key {
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
            turned: false,
        };
    }
    // Chinese, Japanese and Korean names are written with or without a
    // space between family and given name (`佐藤 花子`, `佐藤花子`): one name.
    if words.len() > 1 && words.iter().all(|w| w.chars().all(cjk)) {
        words = vec![words.concat()];
    }
    Key { title: title.join(" "), words, turned: false }
}

/// The keys of `labels`. A label written `Family, Given` (`Jensen, Lars`,
/// as Teams writes names from a directory) is keyed as `Given Family` when
/// a label of the file is that (`Lars Jensen`): one person. Else it is
/// left as written, as what follows a comma may be no given name (`Jane
/// Doe, Ph.D.`).
fn keys(labels: &[String]) -> Vec<Key> {
    let mut keys: Vec<Key> = labels.iter().map(|l| key(l)).collect();
    let turned = |label: &str| {
        let (family, given) = label.split_once(',')?;
        let (family, given) = (family.trim(), given.trim());
        let whole = !family.is_empty() && !given.is_empty() && !given.contains(',');
        whole.then(|| Key { turned: true, ..key(&format!("{given} {family}")) })
    };
    let inverted: Vec<(usize, Key)> =
        labels.iter().enumerate().filter_map(|(i, l)| Some((i, turned(l)?))).collect();
    if inverted.is_empty() {
        return keys;
    }
    let written: HashSet<&[String]> = labels
        .iter()
        .zip(&keys)
        .filter(|(l, _)| !l.contains(','))
        .map(|(_, k)| k.words.as_slice())
        .collect();
    let found: Vec<(usize, Key)> =
        inverted.into_iter().filter(|(_, k)| written.contains(k.words.as_slice())).collect();
    for (i, k) in found {
        keys[i] = k;
    }
    keys
}

/// `label` without the parenthesis it ends in, if it ends in one after a
/// name (`Priya Raman (she/her)` → `Priya Raman`), or the two Hansard
/// gives (`Keir Starmer (Holborn and St Pancras) (Lab)` → `Keir Starmer`).
fn without_parenthesis(label: &str) -> Option<&str> {
    let strip = |label: &str| -> Option<usize> {
        let label = label.trim_end();
        let open = label.strip_suffix(')')?.rfind('(')?;
        Some(open)
    };
    let open = strip(label)?;
    let name = label[..open].trim_end();
    let name = strip(name).map_or(name, |o| name[..o].trim_end());
    Some(name).filter(|name| !name.is_empty())
}

/// The person in the parenthesis ending `label`, if it is an office's
/// holder (`The Prime Minister (Rishi Sunak)`): two to four capitalised
/// words, after an office of two words or more.
fn holder(label: &str) -> Option<&str> {
    let (office, inner) = label.strip_suffix(')')?.rsplit_once(" (")?;
    let capital = |w: &str| w.starts_with(char::is_uppercase);
    let words = inner.split_whitespace();
    ((2..=4).contains(&words.clone().count())
        && words.clone().all(capital)
        && office.split_whitespace().count() >= 2)
        .then_some(inner)
}

/// Whether `label` names several people at once (`P1 & P2`, `Ana + Ben`,
/// `Tom and Jerry`), outside a parenthesis (`Lee (Q&A host)` is one).
fn joint(label: &str) -> bool {
    let outside = without_parenthesis(label).unwrap_or(label);
    outside.contains(['&', '+'])
        || outside.split_whitespace().any(|w| w.eq_ignore_ascii_case("and"))
}

/// A character of a script written without spaces between names: Han,
/// kana, Hangul.
fn cjk(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{11FF}' | '\u{3040}'..='\u{30FF}' | '\u{3130}'..='\u{318F}'
        | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}'
        | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FA1F}')
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
/// not turned (see [`keys`]), then most characters, then the first seen).
pub(super) fn people(labels: &[String]) -> Vec<usize> {
    let keys = keys(labels);
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
    // A name with a parenthesis after it (Zoom's pronouns, `Priya Raman
    // (she/her)`; a role, `MARIA (translator)`) joins the same name written
    // without one (`priya raman`), when only one person has it with a
    // parenthesis: `Participant (A)` and `Participant (B)` stay two.
    let mut with_paren: HashMap<(Vec<String>, String), Vec<usize>> = HashMap::new();
    for (i, label) in labels.iter().enumerate() {
        if let Some(name) = without_parenthesis(label) {
            let k = key(name);
            with_paren.entry((k.words, k.title)).or_default().push(i);
        }
    }
    for ((words, title), members) in &with_paren {
        // Written without the honorific too (`Sir Keir Starmer (Lab)` and
        // `Keir Starmer`), as the titles above join a name with and without;
        // not a bare name that a titled label has already (`Smith`, taken
        // by `Mrs. Smith`, is not `Mr. Smith (father)`'s).
        let untitled = || {
            let titled = titles
                .get(words.as_slice())
                .is_some_and(|g| g.iter().any(|&i| !keys[i].title.is_empty()));
            by_name.get(&(words.as_slice(), "")).filter(|_| !titled)
        };
        let bare = by_name.get(&(words.as_slice(), title.as_str())).or_else(untitled).copied();
        let mut people: Vec<usize> = members.iter().map(|&i| find(&mut parent, i)).collect();
        people.sort_unstable();
        people.dedup();
        if let (Some(bare), [one]) = (bare, people.as_slice()) {
            union(&mut parent, bare, *one);
        }
    }
    // An office and the person holding it, as Hansard names a minister
    // first (`The Prime Minister (Rishi Sunak)`, `Madam Deputy Speaker
    // (Dame Rosie Winterton)`), joins the person's name alone (`Rishi
    // Sunak`), as it is written after.
    for (i, label) in labels.iter().enumerate() {
        if let Some(inner) = holder(label) {
            let k = key(inner);
            if let Some(&j) = by_name.get(&(k.words.as_slice(), k.title.as_str())) {
                union(&mut parent, i, j);
            }
        }
    }
    // A bare surname (`SMITH`, `Mr. Smith`) joins the one longer name ending
    // in it, if its honorific does not disagree and nobody else shares it.
    // A label of several people (`P1 & P2`) is no one's longer name.
    let mut surnames: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, k) in keys.iter().enumerate().filter(|(i, _)| !joint(&labels[*i])) {
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
    // The fullest label names the person; of two as full, `Given Family`.
    let weight = |i: usize| {
        (keys[i].words.len() + keys[i].title.len().min(1), !keys[i].turned, labels[i].len())
    };
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

/// A note for each bare given name [`people`] kept apart from the one
/// longer name that starts with it (`Tom`, later in a file that opened
/// with `Tom Becker:`): likely one person, but a first name may be
/// someone else's, and a voice wrongly joined could not be parted again;
/// `--speaker "Tom=Tom Becker"` joins them.
fn given_names(labels: &[String], person: &[usize]) -> Vec<super::Note> {
    let keys = keys(labels);
    let mut people: Vec<usize> = person.to_vec();
    people.sort_unstable();
    people.dedup();
    let clean = |i: usize| crate::model::sanitize::sanitize(&labels[i]).into_owned();
    // People of two words or more by their first word: comparing every
    // person with every other was quadratic in a file of many speakers.
    let mut by_given: HashMap<&str, Vec<usize>> = HashMap::new();
    for &q in &people {
        let o = &keys[q];
        if !o.turned && !joint(&labels[q]) && o.words.len() > 1 {
            by_given.entry(o.words[0].as_str()).or_default().push(q);
        }
    }
    let mut notes = Vec::new();
    for &p in &people {
        let k = &keys[p];
        let [word] = k.words.as_slice() else { continue };
        if !k.title.is_empty() || joint(&labels[p]) {
            continue;
        }
        if let Some([one]) = by_given.get(word.as_str()).map(Vec::as_slice) {
            notes.push(super::Note {
                label: labels[p].clone(),
                message: format!(
                    "\"{}\" may be {}; kept apart (--speaker \"{}={}\" joins them)",
                    clean(p),
                    clean(*one),
                    clean(p),
                    clean(*one)
                ),
            });
        }
    }
    notes
}

/// A label [`people`] kept apart because its bare surname fits several
/// people: the label's index and the labels naming those people.
pub(super) fn ambiguous(labels: &[String], person: &[usize]) -> Vec<(usize, Vec<usize>)> {
    let keys = keys(labels);
    let mut persons: Vec<usize> = person.to_vec();
    persons.sort_unstable();
    persons.dedup();
    // People by surname: comparing every person with every other was
    // quadratic in a transcript of many speakers.
    let mut by_surname: HashMap<&str, Vec<usize>> = HashMap::new();
    for &p in persons.iter().filter(|&&p| !joint(&labels[p])) {
        if let Some(last) = keys[p].words.last() {
            by_surname.entry(last.as_str()).or_default().push(p);
        }
    }
    let mut out = Vec::new();
    for &p in &persons {
        let k = &keys[p];
        let [surname] = k.words.as_slice() else { continue };
        // A joint label is under no surname.
        let Some(under) = by_surname.get(surname.as_str()) else { continue };
        // People who say more than `p` (a first name, or a title `p` lacks)
        // under the same surname, with no title that disagrees.
        let fits: Vec<usize> = under
            .iter()
            .copied()
            .filter(|&q| {
                let o = &keys[q];
                q != p
                    && (o.words.len() > 1 || (k.title.is_empty() && !o.title.is_empty()))
                    && (k.title.is_empty() || o.title.is_empty() || k.title == o.title)
            })
            .collect();
        if !fits.is_empty() {
            out.push((p, fits));
        }
    }
    out
}

/// The note for one [`ambiguous`] label: `"SMITH" may be Mr. Smith or Ms. Smith; …`.
pub(super) fn ambiguity_note(labels: &[String], label: usize, fits: &[usize]) -> super::Note {
    let clean = |i: usize| crate::model::sanitize::sanitize(&labels[i]).into_owned();
    let names: Vec<String> = fits.iter().map(|&i| clean(i)).collect();
    let list = match names.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    };
    super::Note {
        label: labels[label].clone(),
        message: format!(
            "\"{}\" may be {list}; kept apart (name them with --speaker)",
            clean(label)
        ),
    }
}

/// One turn read from a transcript or subtitles: the line it starts on,
/// the index of its label, and its paragraphs with their times.
pub(super) struct Said {
    pub line: usize,
    pub label: usize,
    pub paragraphs: Vec<String>,
    pub times: Vec<String>,
    /// Which of `paragraphs` are subheads (a chat's dates).
    pub heads: Vec<usize>,
}

/// One contributor per person among `labels` (distinct, in order of first
/// appearance): a declared one (by name) or a new respondent added to
/// `file`. Returns each label's contributor index, and a note for each bare
/// surname that may be one of several people (kept apart).
pub(super) fn contributors(
    file: &mut ConversationFile,
    labels: &[String],
) -> (Vec<usize>, Vec<super::Note>) {
    let person = people(labels);
    let mut notes: Vec<super::Note> = ambiguous(labels, &person)
        .into_iter()
        .map(|(label, fits)| ambiguity_note(labels, label, &fits))
        .collect();
    notes.extend(given_names(labels, &person));
    notes.extend(roles_named(file, labels));
    let declared = declared_people(file, labels);
    (placed(file, labels, &person, &declared), notes)
}

/// Roles a header line names (`Interviewer: Rita Mendes`) whose turns are
/// labelled by the role (`INTERVIEWER:`): the turns keep their label (a
/// role is what a coder compares across interviews), and a note says how
/// to name them. (`Moderator:` names the moderator's turns itself.)
fn roles_named(file: &ConversationFile, labels: &[String]) -> Vec<super::Note> {
    const ROLES: &[&str] = &["interviewer", "interviewee", "host", "guest", "facilitator"];
    let clean = |s: &str| crate::model::sanitize::sanitize(s).into_owned();
    let mut notes = Vec::new();
    for (key, name) in &file.metadata {
        let role = key.to_lowercase();
        // The name without what describes its bearer (`Jane Doe, PhD
        // student`, `Jane Doe (LSE)`).
        let name = name.split([',', '(', ';']).next().unwrap_or_default().trim();
        if !ROLES.contains(&role.as_str()) || !super::transcript::names_someone(name) {
            continue;
        }
        let Some(label) = labels.iter().find(|l| l.to_lowercase() == role) else { continue };
        let (label, name) = (clean(label), clean(name));
        notes.push(super::Note {
            label: label.clone(),
            message: format!(
                "the header names the {role} \"{name}\"; the turns labelled {label} keep that label (--speaker \"{label}={name}\" names them)"
            ),
        });
    }
    notes
}

/// For each label, the declared contributor it names as labels name one
/// person (`DR. DOE` and `DOE` for a header's `Moderator: Dr. Jane Doe`:
/// a bare surname for the one person with it), if any, and if the label's
/// honorific, if it has one, is the declared name's (`MR. KIM` is not
/// `Moderator: Sarah Kim`).
fn declared_people(file: &ConversationFile, labels: &[String]) -> Vec<Option<usize>> {
    let declared = file.contributors.len();
    if declared == 0 {
        return vec![None; labels.len()];
    }
    let names = file.contributors.iter().map(|c| c.name.clone());
    let all: Vec<String> = names.chain(labels.iter().cloned()).collect();
    let person = people(&all);
    let mut whose: HashMap<usize, usize> = HashMap::new();
    for (c, p) in person[..declared].iter().enumerate() {
        whose.entry(*p).or_insert(c);
    }
    let title =
        |name: &str| name.split_whitespace().next().and_then(crate::model::names::honorific);
    let fits = |label: &str, c: usize| {
        title(label).is_none_or(|t| title(&file.contributors[c].name) == Some(t))
    };
    let of = |(label, p): (&String, &usize)| whose.get(p).copied().filter(|&c| fits(label, c));
    labels.iter().zip(&person[declared..]).map(of).collect()
}

/// Each label's contributor, `person` saying which label names each
/// label's person: a declared contributor (by name, or as
/// `declared_person` says) or a new respondent added to `file`.
fn placed(
    file: &mut ConversationFile,
    labels: &[String],
    person: &[usize],
    declared_person: &[Option<usize>],
) -> Vec<usize> {
    let mut declared: HashMap<String, usize> = HashMap::new();
    for (i, c) in file.contributors.iter().enumerate() {
        declared.entry(c.name.to_lowercase()).or_insert(i);
    }
    let by_role = by_role(file, labels);
    let declared_count = file.contributors.len();
    let mut ids = Ids::new(&file.contributors);
    let mut contributor: HashMap<usize, usize> = HashMap::new();
    for (label, &p) in person.iter().enumerate() {
        if contributor.contains_key(&p) {
            continue;
        }
        let known = declared.get(&labels[label].to_lowercase()).copied();
        let known = known.or_else(|| declared.get(&labels[p].to_lowercase()).copied());
        let known = known.or(declared_person[label]).or(declared_person[p]);
        let c = match known.or_else(|| by_role.get(&labels[p].to_lowercase()).copied()) {
            Some(c) => c,
            None => {
                let id = ids.unique(&labels[p]);
                file.contributors.push(Contributor {
                    id,
                    name: labels[p].clone(),
                    affiliation: String::new(),
                    role: role_of(&labels[p]),
                    ..Default::default()
                });
                file.contributors.len() - 1
            }
        };
        contributor.insert(p, c);
    }
    let remap = unheard(file, declared_count, &contributor);
    person.iter().map(|p| remap[contributor[p]]).collect()
}

/// The role a label names: a moderator's (`MODERATOR`, `The Chair`,
/// `Facilitator`, `Host`, `Interviewer`: who leads the talk), else a
/// respondent's.
fn role_of(label: &str) -> Role {
    let lower = label.trim().to_lowercase();
    let bare = lower.strip_prefix("the ").unwrap_or(&lower);
    let leads = [
        "moderator",
        "moderadora",
        "moderador",
        "modératrice",
        "modérateur",
        "facilitator",
        "chair",
        "chairman",
        "chairwoman",
        "chairperson",
        "host",
        "interviewer",
        "entrevistador",
        "entrevistadora",
        "intervieweur",
        "enquêteur",
        "enquêtrice",
        "interviewerin",
    ];
    if leads.contains(&bare) { Role::Moderator } else { Role::Respondent }
}

/// Takes the declared contributors no label speaks for (of the first
/// `declared`) out of `file`, keeping what the header said as a header
/// fact (`Moderator: Jane Doe, presiding` above turns labelled `CHAIR:`;
/// the import failed: a contributor who never speaks). Returns where each
/// contributor is now.
fn unheard(
    file: &mut ConversationFile,
    declared: usize,
    contributor: &HashMap<usize, usize>,
) -> Vec<usize> {
    let heard: HashSet<usize> = contributor.values().copied().collect();
    let mut remap = Vec::with_capacity(file.contributors.len());
    let mut kept = Vec::with_capacity(file.contributors.len());
    for (i, c) in std::mem::take(&mut file.contributors).into_iter().enumerate() {
        remap.push(kept.len());
        if i < declared && !heard.contains(&i) {
            // The key as a header writes it: `Moderator`.
            let role = c.role.name();
            let key = role[..1].to_uppercase() + &role[1..];
            let mut said = c.name;
            if !c.affiliation.is_empty() {
                said = format!("{said}, {}", c.affiliation);
            }
            file.metadata.push((key, said));
        } else {
            kept.push(c);
        }
    }
    file.contributors = kept;
    remap
}

/// Declared contributors no label names, by their role where they are the
/// only one declared in it: a header's `Moderator: Jane Doe` above turns
/// labelled `MODERATOR:` names the moderator (without it, Jane Doe was a
/// contributor who never spoke, and the import failed).
fn by_role(file: &ConversationFile, labels: &[String]) -> HashMap<String, usize> {
    let named: HashSet<String> = labels.iter().map(|l| l.to_lowercase()).collect();
    let mut by_role: HashMap<String, Option<usize>> = HashMap::new();
    for (i, c) in file.contributors.iter().enumerate() {
        by_role.entry(c.role.name().to_owned()).and_modify(|one| *one = None).or_insert(Some(i));
    }
    by_role
        .into_iter()
        .filter_map(|(role, one)| one.map(|i| (role, i)))
        .filter(|&(_, i)| !named.contains(&file.contributors[i].name.to_lowercase()))
        .collect()
}

/// Fills `file` from the turns: one contributor per person (a declared one
/// by name, or a new respondent), consecutive turns of one person in one
/// section. Returns the notes on labels kept apart.
pub(super) fn assemble(
    file: &mut ConversationFile,
    labels: &[String],
    turns: Vec<Said>,
) -> Vec<super::Note> {
    let (contributor, notes) = contributors(file, labels);
    sections(file, &contributor, turns);
    notes
}

/// [`assemble`] for labels that name people exactly, as a chat app names
/// senders: each label a person of its own (`Lima`, `Ana Lima` and `ANA
/// LIMA` are three contacts, not one person written three ways).
pub(super) fn assemble_exact(file: &mut ConversationFile, labels: &[String], turns: Vec<Said>) {
    let person: Vec<usize> = (0..labels.len()).collect();
    let contributor = placed(file, labels, &person, &vec![None; labels.len()]);
    sections(file, &contributor, turns);
}

/// The turns as `file`'s sections, `contributor` giving each label's;
/// consecutive turns of one contributor in one section.
fn sections(file: &mut ConversationFile, contributor: &[usize], turns: Vec<Said>) {
    let mut last: Option<usize> = None;
    for t in turns {
        let c = contributor[t.label];
        match file.sections.last_mut() {
            Some(section) if last == Some(c) => {
                let at = section.paragraphs.len();
                section.heads.extend(t.heads.iter().map(|h| at + h));
                section.paragraphs.extend(t.paragraphs);
                section.times.extend(t.times);
            }
            _ => file.sections.push(SectionFile {
                contributor: file.contributors[c].id.clone(),
                paragraphs: t.paragraphs,
                times: t.times,
                heads: t.heads,
            }),
        }
        last = Some(c);
    }
    // No times at all: no lists of empty strings in the file.
    for s in &mut file.sections {
        if s.times.iter().all(String::is_empty) {
            s.times.clear();
        }
    }
}

/// The ids taken so far, and for each slug the next suffix to try: with
/// many speakers, counting up from 2 for each was quadratic.
#[derive(Default)]
pub(super) struct Ids {
    taken: HashSet<String>,
    suffix: HashMap<String, usize>,
}

impl Ids {
    pub fn new(contributors: &[Contributor]) -> Self {
        Self { taken: contributors.iter().map(|c| c.id.clone()).collect(), ..Self::default() }
    }

    /// An id for `name` not taken yet (`lee`, `lee-2`, …), now taken.
    pub fn unique(&mut self, name: &str) -> String {
        self.unique_from(super::person_id(name))
    }

    /// `base`, or `base` with the next suffix free, now taken.
    pub fn unique_from(&mut self, base: String) -> String {
        let mut id = base.clone();
        while self.taken.contains(&id) {
            let n = self.suffix.entry(base.clone()).or_insert(2);
            id = format!("{base}-{n}");
            *n += 1;
        }
        self.taken.insert(id.clone());
        id
    }
}

#[cfg(test)]
mod tests {
    use super::{ambiguous, people};

    fn names(labels: &[&str]) -> Vec<usize> {
        people(&labels.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>())
    }

    #[test]
    fn one_person_many_labels() {
        assert_eq!(names(&["SMITH", "Mr. Smith", "Smith"]), [1, 1, 1]);
        assert_eq!(names(&["DR. Jane Smith", "SMITH", "Jane Smith"]), [0, 0, 0]);
        assert_eq!(names(&["Mr. Smith", "Ms. Smith", "SMITH"]), [0, 1, 2]);
        assert_eq!(names(&["Q", "A"]), [0, 1]);
        // CJK names with and without the space: one person, named with it.
        assert_eq!(
            names(&["佐藤花子", "佐藤 花子", "김민수", "김 민수", "Li Wei"]),
            [1, 1, 3, 3, 4]
        );
        assert_eq!(names(&["佐藤 花子", "佐藤 太郎"]), [0, 1]);
    }

    #[test]
    fn a_parenthesis_after_the_name_is_no_part_of_who_it_is() {
        // Zoom: pronouns in the display name, the name in another case later.
        assert_eq!(names(&["Priya Raman (she/her)", "Kwame Mensah", "priya raman"]), [0, 1, 0]);
        assert_eq!(names(&["MARIA", "MARIA (translator)"]), [1, 1]);
        // Different parentheses are different people, bare name or not.
        assert_eq!(names(&["Participant (A)", "Participant (B)"]), [0, 1]);
        assert_eq!(names(&["Mr. Smith (R-NJ)", "Mr. Smith (D-WA)", "Mr. Smith"]), [0, 1, 2]);
        // Nothing but a parenthesis is a label of its own.
        assert_eq!(names(&["(inaudible)", "Kwame Mensah"]), [0, 1]);
    }

    #[test]
    fn family_comma_given_and_given_family_are_one_person() {
        assert_eq!(names(&["Jensen, Lars", "Lars Jensen", "Ana Ruiz"]), [1, 1, 2]);
        assert_eq!(names(&["Lars Jensen", "JENSEN,  LARS"]), [0, 0]);
        // With a surname alone, or an honorific, still one.
        assert_eq!(names(&["Jensen, Lars", "Dr. Lars Jensen", "JENSEN"]), [1, 1, 1]);
        // Not the same words: two people; and alone, left as written.
        assert_eq!(names(&["Jensen, Lars", "Lars Jensen-Berg"]), [0, 1]);
        assert_eq!(names(&["Jensen, Lars", "Lars Jensen Berg"]), [0, 1]);
        assert_eq!(names(&["Jane Doe, Ph.D.", "Jane Doe"]), [0, 1]);
    }

    #[test]
    fn a_bare_surname_that_fits_several_people_is_reported() {
        let labels: Vec<String> =
            ["Mr. Smith", "Ms. Smith", "SMITH", "Jones"].iter().map(|s| (*s).to_owned()).collect();
        assert_eq!(ambiguous(&labels, &people(&labels)), [(2, vec![0, 1])]);
        let labels: Vec<String> =
            ["Jane Smith", "Paul Smith", "Smith"].iter().map(|s| (*s).to_owned()).collect();
        let found = ambiguous(&labels, &people(&labels));
        assert_eq!(found, [(2, vec![0, 1])]);
        let note = super::ambiguity_note(&labels, 2, &found[0].1);
        assert_eq!(
            note.message,
            "\"Smith\" may be Jane Smith or Paul Smith; kept apart (name them with --speaker)"
        );
        // One person under several labels is no ambiguity.
        let labels: Vec<String> =
            ["MR. SMITH", "SMITH", "Mr. Smith"].iter().map(|s| (*s).to_owned()).collect();
        assert!(ambiguous(&labels, &people(&labels)).is_empty());
    }

    #[test]
    fn a_bare_name_a_titled_label_has_is_not_another_titled_ones() {
        // `Smith` is Mrs. Smith's; `Mr. Smith (father)` is someone else.
        let labels: Vec<String> =
            ["Mr. Smith (father)", "Mrs. Smith", "Smith"].iter().map(|s| (*s).to_owned()).collect();
        assert_eq!(people(&labels), [0, 1, 1]);
        // And no note offers to join a person to a joint label.
        let labels: Vec<String> =
            ["Ana", "Ben", "Ana + Ben"].iter().map(|s| (*s).to_owned()).collect();
        assert!(super::given_names(&labels, &people(&labels)).is_empty());
    }

    #[test]
    fn hansards_seat_and_party_are_the_member_named_without_them() {
        let labels: Vec<String> = [
            "Mr Speaker",
            "Sir Keir Starmer (Holborn and St Pancras) (Lab)",
            "Keir Starmer",
            "Alison McGovern (Birkenhead) (Lab)",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        assert_eq!(people(&labels), [0, 1, 1, 3]);
    }

    #[test]
    fn a_bare_first_name_is_kept_apart_with_a_note_that_says_how_to_join() {
        let labels: Vec<String> =
            ["Tom Becker", "Jane Smith", "Tom", "Ann"].iter().map(|s| (*s).to_owned()).collect();
        let person = people(&labels);
        assert_eq!(person, [0, 1, 2, 3], "kept apart");
        let notes = super::given_names(&labels, &person);
        let said: Vec<&str> = notes.iter().map(|n| n.message.as_str()).collect();
        assert_eq!(
            said,
            ["\"Tom\" may be Tom Becker; kept apart (--speaker \"Tom=Tom Becker\" joins them)"]
        );
        // Two of that first name: no guess.
        let labels: Vec<String> =
            ["Tom Becker", "Tom Ortiz", "Tom"].iter().map(|s| (*s).to_owned()).collect();
        assert!(super::given_names(&labels, &people(&labels)).is_empty());
    }

    #[test]
    fn a_label_of_several_people_takes_none_of_them() {
        // `P1 & P2` ends in `P2`, as a longer name ends in a surname: P2's
        // own turns went to the joint voice, and P2 was gone.
        for joint in ["P1 & P2", "P1 + P2", "P1 and P2", "P1&P2"] {
            let labels: Vec<String> =
                ["P1", "P2", joint, "P3"].iter().map(|s| (*s).to_owned()).collect();
            assert_eq!(people(&labels), [0, 1, 2, 3], "{joint}");
            assert!(ambiguous(&labels, &people(&labels)).is_empty(), "{joint}");
        }
        // A parenthesis is not another person: `Lee (Q&A host)` is Lee.
        let labels: Vec<String> =
            ["Lee (Q&A host)", "Lee"].iter().map(|s| (*s).to_owned()).collect();
        assert_eq!(people(&labels), [0, 0]);
    }
}
