//! Building conversations and annotations from a parsed project.

use std::collections::{HashMap, HashSet};

use jiff::Timestamp;

use super::Located;
use super::codes;
use super::project::{Note, Project, Selection, Source};
use crate::model::annotations::{
    Annotations, Highlight, Link, PALETTE, Relation, Rgb, Stamp, Tag, Target, default_relations,
};
use crate::model::{Conversation, ConversationFile};

/// One conversation made from the project, with its annotations.
pub struct Imported {
    pub doc: Conversation,
    pub file: ConversationFile,
    pub annotations: Annotations,
    /// The sources it was made from.
    pub sources: Vec<String>,
}

/// What an import made, and what the person should know about it.
pub struct Outcome {
    pub conversations: Vec<Imported>,
    /// Sentences for standard error.
    pub notes: Vec<String>,
}

/// One text source as the listing shows it.
pub struct SourceInfo {
    pub name: String,
    pub guid: String,
    pub chars: usize,
    pub codings: usize,
}

/// Each source's name, length and codings.
pub fn describe(p: &Project, texts: &[String]) -> Vec<SourceInfo> {
    p.sources
        .iter()
        .zip(texts)
        .map(|(s, t)| SourceInfo {
            name: s.name.clone(),
            guid: s.guid.clone(),
            chars: t.chars().count(),
            codings: s.selections.iter().map(|x| x.codes.len()).sum(),
        })
        .collect()
}

/// Whether crosstalk wrote the project (its `origin`, `crosstalk <version>`).
pub fn crosstalk_made(p: &Project) -> bool {
    p.origin == "crosstalk" || p.origin.starts_with("crosstalk ")
}

/// The conversations for the sources `chosen` (indexes into
/// `p.sources`, with their texts); `stem` is the project file's name
/// without its extension.
pub fn build(p: &Project, chosen: &[(usize, &str)], stem: &str) -> Result<Outcome, Located> {
    let mut notes = Vec::new();
    let tags = Tags::new(p, chosen, &mut notes)?;
    let conversations = if crosstalk_made(p) {
        vec![super::ours::build(p, chosen, stem, &tags, &mut notes)?]
    } else {
        let mut out = Vec::new();
        for &(i, text) in chosen {
            out.extend(super::theirs::build(p, &p.sources[i], text, &tags, &mut notes)?);
        }
        out
    };
    Ok(Outcome { conversations, notes })
}

/// The project's codes as tags, by GUID.
pub(super) struct Tags {
    pub tags: Vec<Tag>,
    pub by_guid: HashMap<String, String>,
}

impl Tags {
    fn new(
        p: &Project,
        chosen: &[(usize, &str)],
        notes: &mut Vec<String>,
    ) -> Result<Self, Located> {
        let used: HashSet<&str> = chosen
            .iter()
            .flat_map(|&(i, _)| &p.sources[i].selections)
            .flat_map(|s| s.codes.iter().map(String::as_str))
            .collect();
        let mut keep: Vec<codes::Code> = p
            .codes
            .iter()
            .filter(|c| c.codable || used.contains(c.guid.as_str()))
            .cloned()
            .collect();
        // Two codes of one name (other tools allow it) become `name (2)`.
        let mut seen: HashSet<String> = HashSet::new();
        for c in &mut keep {
            let mut name = c.name.clone();
            let mut n = 2;
            while !seen.insert(name.clone()) {
                name = format!("{} ({n})", c.name);
                n += 1;
            }
            if name != c.name {
                notes.push(format!(
                    "two codes are named {:?}: the second is the tag {name:?}",
                    c.name
                ));
                c.name = name;
            }
        }
        let tags = codes::tags(keep.iter()).map_err(|(at, message)| Located {
            at: at.map(|(l, c)| (l, c.unwrap_or(1))),
            message,
            ..Located::default()
        })?;
        let by_guid = keep.iter().map(|c| (c.guid.clone(), c.name.clone())).collect();
        Ok(Self { tags, by_guid })
    }
}

/// A time as REFI-QDA writes it (`xs:dateTime`; without an offset, UTC).
pub(super) fn time(value: &str, fallback: Timestamp) -> Result<Timestamp, String> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(fallback);
    }
    if let Ok(t) = v.parse::<Timestamp>() {
        return Ok(t);
    }
    v.parse::<jiff::civil::DateTime>()
        .ok()
        .and_then(|d| d.to_zoned(jiff::tz::TimeZone::UTC).ok())
        .map(|z| z.timestamp())
        .ok_or_else(|| format!("{v:?} is not a date and time"))
}

/// `desc` without a last paragraph `Spoken at T.` (crosstalk writes it
/// after the note), and `T`; only if `T` is `expected` when that is given
/// (`Some("")`: the paragraph has no time, so the line is the note's).
pub(super) fn spoken(desc: &str, expected: Option<&str>) -> (String, Option<String>) {
    let (before, last) = match desc.rfind("\n\n") {
        Some(at) => (&desc[..at], &desc[at + 2..]),
        None => ("", desc),
    };
    let time = last.strip_prefix("Spoken at ").and_then(|t| t.strip_suffix('.'));
    // A paragraph's time (`00:01:02`, `1:02`, `10:30 AM`), not a note's
    // own last words (`Spoken at the 2019 rally.`), which stay in it.
    let timelike = |t: &str| {
        t.starts_with(|c: char| c.is_ascii_digit())
            && t.contains(':')
            && t.chars().count() <= 20
            && t.split_whitespace().count() <= 2
    };
    // The paragraph's time, where it is known (a blank one: none), says
    // which line is crosstalk's; else one that looks like a clock.
    let ours = |t: &str| match expected {
        Some(e) => !e.is_empty() && e == t,
        None => timelike(t),
    };
    match time {
        Some(t) if ours(t) => (before.to_owned(), Some(t.to_owned())),
        _ => (desc.to_owned(), None),
    }
}

/// Everything about a selection but where it is.
pub(super) struct Meta {
    pub tags: Vec<String>,
    pub note: String,
    pub coder: String,
    pub created: Timestamp,
    pub modified: Timestamp,
}

/// The tags, note, coder and times of `s`; `description` is its
/// description with crosstalk's time line taken off.
pub(super) fn meta(
    p: &Project,
    s: &Selection,
    description: &str,
    tags: &Tags,
    notes: &mut Vec<String>,
) -> Result<Meta, Located> {
    let fail = |m: String| Located { at: Some(s.at), message: m, ..Located::default() };
    let project_time = time(&p.created, Timestamp::UNIX_EPOCH).unwrap_or(Timestamp::UNIX_EPOCH);
    let created =
        time(&s.created, project_time).map_err(|m| fail(format!("creationDateTime {m}")))?;
    let modified = time(&s.modified, created).map_err(|m| fail(format!("modifiedDateTime {m}")))?;
    let mut names: Vec<String> = Vec::new();
    for guid in &s.codes {
        match tags.by_guid.get(guid) {
            Some(name) if !names.contains(name) => names.push(name.clone()),
            Some(_) => {}
            None => notes.push(format!(
                "selection {} is coded with {guid:?}, which the codebook does not define: that coding is left out",
                s.guid
            )),
        }
    }
    let mut note = description.to_owned();
    for guid in &s.note_refs {
        if let Some(n) = p.notes.get(guid).filter(|n| !n.text.trim().is_empty()) {
            if !note.is_empty() {
                note.push_str("\n\n");
            }
            note.push_str(&n.text);
        }
    }
    Ok(Meta { tags: names, note, coder: coder(p, &s.creating_user), created, modified })
}

/// The name of user `guid`, or the GUID; the project's creator when absent.
pub(super) fn coder(p: &Project, guid: &str) -> String {
    let guid = if guid.trim().is_empty() { p.creating_user.trim() } else { guid.trim() };
    p.users.get(guid).cloned().unwrap_or_else(|| guid.to_owned())
}

/// Checks that `[start, end)` lies in a text of `len` code points.
pub(super) fn in_range(src: &Source, s: &Selection, len: usize) -> Result<(usize, usize), Located> {
    let fail = |m: String| Located { at: Some(s.at), message: m, ..Located::default() };
    let what = format!("PlainTextSelection {} in source {:?}", s.guid, src.name);
    if s.start > s.end {
        return Err(fail(format!(
            "{what}: startPosition {} is after endPosition {}",
            s.start, s.end
        )));
    }
    if s.end > len as u64 {
        return Err(fail(format!(
            "{what}: endPosition {} is past the end of the text ({len} characters)",
            s.end
        )));
    }
    Ok((s.start as usize, s.end as usize))
}

/// Makes highlights, giving each a unique id.
pub(super) struct Maker<'a> {
    pub doc: &'a Conversation,
    pub highlights: Vec<Highlight>,
    ids: HashSet<String>,
    /// Selection GUID → the id of the (first) highlight made from it.
    by_guid: HashMap<String, String>,
}

impl<'a> Maker<'a> {
    pub fn new(doc: &'a Conversation) -> Self {
        Self { doc, highlights: Vec::new(), ids: HashSet::new(), by_guid: HashMap::new() }
    }

    /// A highlight on `target` with `meta`, id `id` unless taken (then
    /// one derived from it and `part`).
    pub fn add(&mut self, target: &Target, id: &str, part: usize, meta: &Meta) {
        let guid = id.trim();
        let mut id = guid.to_owned();
        if id.is_empty() || part > 0 || self.ids.contains(&id) {
            let n = self.highlights.len().to_string();
            id = crate::export::stable_uuid(&[&id, "part", &part.to_string(), &n]).to_string();
        }
        self.ids.insert(id.clone());
        if !guid.is_empty() {
            self.by_guid.entry(guid.to_owned()).or_insert_with(|| id.clone());
        }
        let stamp = Stamp { id, coder: meta.coder.clone(), now: meta.created };
        let mut h = Annotations::new_highlight(
            self.doc,
            target,
            meta.tags.clone(),
            meta.note.clone(),
            &stamp,
        );
        h.modified = meta.modified;
        self.highlights.push(h);
    }

    /// The annotations: the highlights made, and the project's links
    /// between them with their relations (see [`links`]).
    pub fn finish(self, p: &Project, tags: &Tags, notes: &mut Vec<String>) -> Annotations {
        let (relations, links) = links(p, &self.by_guid, notes);
        Annotations::from_parts_linked(
            self.doc.id.clone(),
            tags.tags.clone(),
            self.highlights,
            relations,
            links,
        )
    }
}

/// The relation codebook crosstalk wrote (a `<Note>` per relation the
/// project refers to, marked in its description; see `export::qdpx`), in
/// order; `None` if there is none.
fn relation_notes(p: &Project) -> Option<Vec<Relation>> {
    let mut out: Vec<Relation> = Vec::new();
    for guid in &p.note_refs {
        let Some(n) = p.notes.get(guid) else { continue };
        let Some(rest) = n.description.trim().strip_prefix(crate::export::qdpx::RELATION_NOTE)
        else {
            continue;
        };
        let Some((direction, color)) = rest.split_once(", ") else { continue };
        let (Some(color), false) = (Rgb::parse(color.trim()), n.name.trim().is_empty()) else {
            continue;
        };
        if out.iter().any(|r| r.name == n.name) || n.name.chars().any(char::is_control) {
            continue;
        }
        out.push(Relation {
            name: n.name.clone(),
            color,
            both_ways: direction.trim() == "both ways",
            description: n.text.clone(),
        });
    }
    (!out.is_empty()).then_some(out)
}

/// The project's links whose two ends are selections made into highlights
/// here (`by_guid`), and the relations they need: crosstalk's codebook when
/// the project carries it, else the default relations, each named by a
/// link and not among them added (its colour and direction from the first
/// such link; `Bidirectional` and `Associative` read both ways). A link's
/// note is the text of the notes it refers to; its coder and times are the
/// first such note's, else the project's. A link with one end here and the
/// other not (another source, a code) is left out and said so.
fn links(
    p: &Project,
    by_guid: &HashMap<String, String>,
    notes: &mut Vec<String>,
) -> (Vec<Relation>, Vec<Link>) {
    let carried = relation_notes(p);
    let mut relations = carried.clone().unwrap_or_else(default_relations);
    if p.links.is_empty() {
        return (relations, Vec::new());
    }
    // Relations whose colour and direction a link has set (those of the
    // carried codebook count as set).
    let mut set: HashSet<String> = HashSet::new();
    if carried.is_some() {
        set.extend(relations.iter().map(|r| r.name.clone()));
    }
    let project_time = time(&p.created, Timestamp::UNIX_EPOCH).unwrap_or(Timestamp::UNIX_EPOCH);
    let mut out: Vec<Link> = Vec::new();
    let mut ids: HashSet<String> = HashSet::new();
    for l in &p.links {
        let ends = (by_guid.get(l.origin.trim()), by_guid.get(l.target.trim()));
        let (from, to) = match ends {
            (Some(from), Some(to)) => (from, to),
            (None, None) => continue,
            _ => {
                notes.push(format!(
                    "link {} joins a passage of this conversation to something that is not one: left out",
                    l.guid
                ));
                continue;
            }
        };
        if from == to {
            notes.push(format!("link {} joins a passage to itself: left out", l.guid));
            continue;
        }
        let name: String = l.name.trim().chars().filter(|c| !c.is_control()).collect();
        let name = if name.is_empty() { "related".to_owned() } else { name };
        let both_ways = matches!(l.direction.trim(), "Bidirectional" | "Associative");
        let color = Rgb::parse(l.color.trim());
        match relations.iter_mut().find(|r| r.name == name) {
            Some(r) if !set.contains(&name) => {
                if let Some(c) = color {
                    r.color = c;
                }
                r.both_ways = both_ways;
            }
            Some(_) => {}
            None => {
                let used: Vec<Rgb> = relations.iter().map(|r| r.color).collect();
                let color = color.unwrap_or_else(|| {
                    PALETTE.iter().copied().find(|c| !used.contains(c)).unwrap_or(PALETTE[0])
                });
                relations.push(Relation {
                    name: name.clone(),
                    color,
                    both_ways,
                    description: String::new(),
                });
            }
        }
        set.insert(name.clone());
        let mut id = l.guid.trim().to_owned();
        if id.is_empty() || ids.contains(&id) {
            let n = out.len().to_string();
            id = crate::export::stable_uuid(&[&id, "link", &n]).to_string();
        }
        ids.insert(id.clone());
        let referred: Vec<&Note> = l.note_refs.iter().filter_map(|g| p.notes.get(g)).collect();
        let note = referred
            .iter()
            .map(|n| n.text.as_str())
            .filter(|t| !t.trim().is_empty())
            .collect::<Vec<_>>()
            .join("\n\n");
        let first = referred.first();
        let created =
            first.and_then(|n| time(&n.created, project_time).ok()).unwrap_or(project_time);
        let modified = first.and_then(|n| time(&n.modified, created).ok()).unwrap_or(created);
        out.push(Link {
            id,
            from: from.clone(),
            to: to.clone(),
            relation: name,
            note,
            coder: coder(p, first.map_or("", |n| n.creating_user.as_str())),
            created,
            modified,
        });
    }
    (relations, out)
}

/// The conversation `file` checked, or the error naming the source.
pub(super) fn checked(file: &ConversationFile, what: &str) -> Result<Conversation, Located> {
    Conversation::new(file.clone())
        .map_err(|e| Located::new(format!("{what} does not make a conversation: {e}")))
}

/// The byte offset of each code point of `text`, and its length at the end.
pub(super) fn char_bytes(text: &str) -> Vec<usize> {
    text.char_indices().map(|(i, _)| i).chain(std::iter::once(text.len())).collect()
}

#[cfg(test)]
mod tests {
    use super::spoken;

    #[test]
    fn only_a_time_is_taken_off_a_description() {
        let time = |d: &str| spoken(d, None);
        assert_eq!(
            time("A note.\n\nSpoken at 00:01:02."),
            ("A note.".into(), Some("00:01:02".into()))
        );
        assert_eq!(time("Spoken at 10:30 AM."), (String::new(), Some("10:30 AM".into())));
        // A note's own last words: it comes back whole, with no time.
        let note = "Campaign slogan.\n\nSpoken at the 2019 rally.";
        assert_eq!(time(note), (note.into(), None));
        assert_eq!(time("Spoken at noon."), ("Spoken at noon.".into(), None));
        // Another time than the paragraph's is the note's.
        assert_eq!(spoken("x\n\nSpoken at 0:05.", Some("0:06")).1, None);
        // A time no clock, known to be the paragraph's; none known.
        assert_eq!(
            spoken("A note.\n\nSpoken at 1h02m.", Some("1h02m")),
            ("A note.".into(), Some("1h02m".into()))
        );
        assert_eq!(spoken("Spoken at 00:05.", Some("")).1, None);
    }
}
