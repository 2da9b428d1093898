//! A project another tool made: each text source its own conversation,
//! speakers found by the transcript rules (one voice when there are none).
//! A selection is mapped through [`super::align`]: the characters that
//! fell on removed text (speaker labels, timestamps) are dropped, and a
//! selection crossing turns becomes one highlight per turn.

use super::Located;
use super::build::{Imported, Maker, Tags, checked, in_range, meta, spoken};
use super::project::{Project, Selection, Source};
use crate::import::{Kind, import_with_notes, person_id, slug};
use crate::model::annotations::Target;
use crate::model::count::{count, plural};
use crate::model::{Contributor, Conversation, ConversationFile, Pos, Role, SectionFile};

/// Where a paragraph character came from: turn, paragraph in its voice,
/// code point in the paragraph.
#[derive(Clone, Copy)]
struct Origin {
    section: u32,
    para: u32,
    char: u32,
}

pub(super) fn build(
    p: &Project,
    src: &Source,
    text: &str,
    tags: &Tags,
    notes: &mut Vec<String>,
) -> Result<Option<Imported>, Located> {
    let stem = strip_extension(&src.name);
    let chars: Vec<char> = text.chars().collect();
    let transcript = import_with_notes(text, Kind::Transcript, stem).ok().and_then(|(mut f, n)| {
        promote_headers(&mut f);
        let map = origins(&f, &chars)?;
        Some((f, map, n))
    });
    let (file, map) = match transcript {
        Some((f, map, speaker_notes)) => {
            notes.extend(speaker_notes.iter().map(|n| format!("source {:?}: {n}", src.name)));
            (f, map)
        }
        None => match plain(text, stem) {
            Some(f) => {
                let map = origins(&f, &chars).ok_or_else(|| {
                    Located::new(format!(
                        "source {:?}: its paragraphs could not be found in its text",
                        src.name
                    ))
                })?;
                (f, map)
            }
            None => {
                notes.push(format!("source {:?} has no text: left out", src.name));
                return Ok(None);
            }
        },
    };
    let doc = checked(&file, &format!("source {:?}", src.name))?;
    let mut maker = Maker::new(&doc);
    for s in &src.selections {
        let range = in_range(src, s, chars.len())?;
        add(p, src, s, range, &doc, &map, &chars, tags, &mut maker, notes)?;
    }
    // Notes about passages (QualCoder's annotations), referred to by the source.
    for guid in &src.note_refs {
        let Some(n) = p.notes.get(guid) else { continue };
        if n.selections.is_empty() {
            notes
                .push(format!("source {:?}: a note on the whole source is not imported", src.name));
        }
        for s in &n.selections {
            let s = Selection {
                creating_user: if s.creating_user.is_empty() {
                    n.creating_user.clone()
                } else {
                    s.creating_user.clone()
                },
                created: if s.created.is_empty() { n.created.clone() } else { s.created.clone() },
                description: n.text.clone(),
                ..s.clone()
            };
            let range = in_range(src, &s, chars.len())?;
            add(p, src, &s, range, &doc, &map, &chars, tags, &mut maker, notes)?;
        }
    }
    let annotations = maker.finish(p, tags, notes);
    Ok(Some(Imported { doc, file, annotations, sources: vec![src.name.clone()] }))
}

/// The highlights for selection `s` (code points `range` of the source).
#[allow(clippy::too_many_arguments)]
fn add(
    p: &Project,
    src: &Source,
    s: &Selection,
    (start, end): (usize, usize),
    doc: &Conversation,
    map: &Map,
    chars: &[char],
    tags: &Tags,
    maker: &mut Maker,
    notes: &mut Vec<String>,
) -> Result<(), Located> {
    // Runs of mapped characters, one per turn.
    let mut parts: Vec<(Origin, Origin)> = Vec::new();
    let mut dropped = 0;
    for (i, c) in chars.iter().enumerate().take(end).skip(start) {
        match map.get(i) {
            Some(o) => match parts.last_mut() {
                Some((first, last)) if first.section == o.section => *last = o,
                _ => parts.push((o, o)),
            },
            None if !c.is_whitespace() => dropped += 1,
            None => {}
        }
    }
    let what = format!("source {:?}: selection {}", src.name, s.guid);
    if dropped > 0 {
        notes.push(format!(
            "{what}: {} on speaker labels or other text the import removes {} left out",
            count(dropped, "character", "characters"),
            plural(dropped, "is", "are")
        ));
    }
    if parts.is_empty() {
        notes.push(format!("{what} covers no text of a turn: left out"));
        return Ok(());
    }
    if parts.len() > 1 {
        notes.push(format!("{what} crosses {} turns: one highlight in each", parts.len()));
    }
    for (n, (first, last)) in parts.iter().enumerate() {
        let section = &doc.sections[first.section as usize];
        let voice = section.contributor;
        let v = &doc.voices()[voice];
        let para_text = |para: u32| doc.paragraph(v.paragraphs.at(para as usize)).text();
        let byte = |para: u32, char: u32| {
            para_text(para)
                .char_indices()
                .nth(char as usize)
                .map_or(para_text(para).len(), |(b, _)| b)
        };
        let last_len = para_text(last.para)[byte(last.para, last.char)..]
            .chars()
            .next()
            .map_or(0, char::len_utf8);
        let target = Target {
            voice,
            start: Pos::new(first.para as usize, byte(first.para, first.char)),
            end: Pos::new(last.para as usize, byte(last.para, last.char) + last_len),
        };
        let time = doc.paragraph(v.paragraphs.at(first.para as usize)).time();
        let (description, _) = spoken(&s.description, Some(time));
        let m = meta(p, s, &description, tags, notes)?;
        maker.add(&target, &s.guid, n, &m);
    }
    Ok(())
}

/// Where each code point of the source went: 4 bytes a code point, for
/// sources of many megabytes.
pub(super) struct Map {
    /// Per source code point: the index of the paragraph character it
    /// became, counting through all paragraphs; `u32::MAX` for none.
    at: Vec<u32>,
    /// Per paragraph: the index of its first character, its turn and its
    /// index in its voice.
    paragraphs: Vec<(u32, u32, u32)>,
}

impl Map {
    fn get(&self, i: usize) -> Option<Origin> {
        let g = *self.at.get(i).filter(|&&g| g != u32::MAX)?;
        let p = self.paragraphs.partition_point(|&(start, _, _)| start <= g).checked_sub(1)?;
        let (start, section, para) = self.paragraphs[p];
        Some(Origin { section, para, char: g - start })
    }
}

/// Where each code point of the source went (see [`Map`]); `None` if the
/// paragraphs of `file` cannot all be found in it, or it is too big to count.
fn origins(file: &ConversationFile, source: &[char]) -> Option<Map> {
    let ids: Vec<&str> = file.contributors.iter().map(|c| c.id.as_str()).collect();
    let mut in_voice = vec![0u32; ids.len()];
    let mut paragraphs = Vec::new();
    let mut texts = Vec::new();
    let mut total = 0u32;
    for (si, s) in file.sections.iter().enumerate() {
        let c = ids.iter().position(|id| *id == s.contributor)?;
        for p in &s.paragraphs {
            paragraphs.push((total, si as u32, in_voice[c]));
            in_voice[c] += 1;
            total = total.checked_add(u32::try_from(p.chars().count()).ok()?)?;
            texts.push(p.as_str());
        }
    }
    let mut at = vec![u32::MAX; source.len()];
    super::align::align(source, &texts, |i, chars| {
        for (char, from) in chars.iter().enumerate() {
            if let Some(from) = from {
                at[*from] = paragraphs[i].0 + char as u32;
            }
        }
    })?;
    Some(Map { at, paragraphs })
}

/// Header lines before the first turn whose key is a speaker's name
/// (`Interviewer: Thank you for coming.`, where `Interviewer` speaks later)
/// were that speaker's first turns: a coded source must lose no text.
fn promote_headers(file: &mut ConversationFile) {
    let speaker = |key: &str| {
        file.contributors.iter().find(|c| c.name.eq_ignore_ascii_case(key)).map(|c| c.id.clone())
    };
    let mut turns: Vec<SectionFile> = Vec::new();
    let mut kept = Vec::new();
    for (key, value) in std::mem::take(&mut file.metadata) {
        match speaker(&key) {
            Some(id) if !value.trim().is_empty() => match turns.last_mut() {
                Some(t) if t.contributor == id => t.paragraphs.push(value),
                _ => turns.push(SectionFile {
                    contributor: id,
                    paragraphs: vec![value],
                    ..Default::default()
                }),
            },
            _ => kept.push((key, value)),
        }
    }
    file.metadata = kept;
    if let (Some(last), Some(first)) = (turns.last_mut(), file.sections.first())
        && last.contributor == first.contributor
    {
        let first = file.sections.remove(0);
        last.paragraphs.extend(first.paragraphs);
        if !first.times.is_empty() {
            last.times = vec![String::new(); last.paragraphs.len() - first.times.len()];
            last.times.extend(first.times);
        }
    }
    let promoted = !turns.is_empty();
    turns.append(&mut file.sections);
    file.sections = turns;
    if promoted {
        // Panes in the order people first speak.
        let first = |id: &str| file.sections.iter().position(|s| s.contributor == id);
        let mut order: Vec<(Option<usize>, usize)> =
            file.contributors.iter().enumerate().map(|(i, c)| (first(&c.id), i)).collect();
        order.sort_by_key(|&(at, i)| (at.is_none(), at, i));
        let old = std::mem::take(&mut file.contributors);
        file.contributors = order.into_iter().map(|(_, i)| old[i].clone()).collect();
    }
}

/// A text without speakers: one voice, a paragraph per non-blank line.
fn plain(text: &str, stem: &str) -> Option<ConversationFile> {
    let paragraphs: Vec<String> =
        text.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect();
    if paragraphs.is_empty() {
        return None;
    }
    let name = if stem.trim().is_empty() { "Speaker".to_owned() } else { stem.trim().to_owned() };
    let id = person_id(&name);
    Some(ConversationFile {
        id: slug(stem),
        title: name.clone(),
        contributors: vec![Contributor {
            id: id.clone(),
            name,
            role: Role::Respondent,
            ..Default::default()
        }],
        sections: vec![SectionFile { contributor: id, paragraphs, ..Default::default() }],
        ..Default::default()
    })
}

/// `name` without a `.txt`-like extension.
fn strip_extension(name: &str) -> &str {
    for ext in [".txt", ".TXT", ".text", ".md", ".rtf", ".docx", ".odt"] {
        if let Some(stem) = name.strip_suffix(ext).filter(|s| !s.is_empty()) {
            return stem;
        }
    }
    name
}
