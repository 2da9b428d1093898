//! Building edits: every annotation change a user can make, as an [`Edit`]
//! computed from the current state without changing it.

use std::sync::Arc;

use jiff::Timestamp;

use super::super::voicetext::{PARAGRAPH_SEPARATOR, Pos, floor_char_boundary};
use super::super::{Conversation, Voice};
use super::anchor::{CONTEXT_CHARS, Quote};
use super::settle::retagged;
use super::{Annotations, Change, Edit, Highlight, Rgb, Tag, tree};
use crate::model::count::count;

/// A range of one voice to act on: a selection, or the cursor's sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Target {
    pub voice: usize,
    pub start: Pos,
    pub end: Pos,
}

/// Who makes a new highlight and when, and the id it gets.
#[derive(Clone, Debug)]
pub struct Stamp {
    pub id: String,
    pub coder: String,
    pub now: Timestamp,
}

/// The quote of `[start, end)` in `voice` with its context, read from just
/// the text around it: [`CONTEXT_CHARS`] code points either side never take
/// more than four bytes each, so that many bytes (across paragraphs when
/// one is short) are all [`Quote::of`] needs, however long the paragraph.
pub fn quote_in(doc: &Conversation, voice: &Voice, start: Pos, end: Pos) -> Quote {
    const ENOUGH: usize = CONTEXT_CHARS * 4;
    let text = |p: usize| doc.paragraph(voice.paragraphs.at(p)).text();
    let last = voice.paragraphs.len() - 1;
    let end = end.max(start);
    let (sp, ep) = (start.para as usize, end.para as usize);
    let (sb, eb) =
        ((start.byte as usize).min(text(sp).len()), (end.byte as usize).min(text(ep).len()));
    // Before: back from the start, a paragraph at a time, until enough.
    let mut before: Vec<&str> = Vec::new();
    let (mut have, mut p, mut upto) = (0, sp, sb);
    loop {
        let t = &text(p)[..upto];
        let piece =
            &t[floor_char_boundary(t, t.len().saturating_sub(ENOUGH.saturating_sub(have)))..];
        before.push(piece);
        have += piece.len();
        if have >= ENOUGH || p == 0 {
            break;
        }
        before.push(PARAGRAPH_SEPARATOR);
        have += PARAGRAPH_SEPARATOR.len();
        p -= 1;
        upto = text(p).len();
    }
    let mut window: String = before.iter().rev().copied().collect();
    let from = window.len();
    for p in sp..=ep {
        if p > sp {
            window.push_str(PARAGRAPH_SEPARATOR);
        }
        let t = text(p);
        let a = if p == sp { sb } else { 0 };
        let b = if p == ep { eb } else { t.len() };
        window.push_str(&t[a..b.max(a)]);
    }
    let to = window.len();
    // After: on from the end, the same way.
    let (mut have, mut p, mut from_byte) = (0, ep, eb);
    loop {
        let t = &text(p)[from_byte..];
        let piece = &t[..ceil_char_boundary(t, ENOUGH.saturating_sub(have))];
        window.push_str(piece);
        have += piece.len();
        if have >= ENOUGH || p == last {
            break;
        }
        window.push_str(PARAGRAPH_SEPARATOR);
        have += PARAGRAPH_SEPARATOR.len();
        p += 1;
        from_byte = 0;
    }
    Quote::of(&window, from..to)
}

/// The first char boundary of `text` at or after `at` (its length past it).
fn ceil_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

fn with_tag(tags: &[Tag], tag: Option<&Tag>) -> Vec<Tag> {
    let mut out = tags.to_vec();
    if let Some(t) = tag
        && !out.iter().any(|o| o.name == t.name)
    {
        out.push(t.clone());
    }
    out
}

impl Annotations {
    /// The live highlight covering exactly `target`, if there is one.
    pub fn exact(&self, target: &Target) -> Option<&Arc<Highlight>> {
        self.overlapping(target.voice, target.start, target.end)
            .find(|h| h.start == target.start && h.end == target.end)
    }

    /// A new highlight on `target` with `tags` and `note`.
    pub fn new_highlight(
        doc: &Conversation,
        target: &Target,
        tags: Vec<String>,
        note: String,
        stamp: &Stamp,
    ) -> Highlight {
        let voice = &doc.voices()[target.voice];
        Highlight {
            id: stamp.id.clone(),
            voice: target.voice,
            start: target.start,
            end: target.end,
            orphan: false,
            quote: quote_in(doc, voice, target.start, target.end),
            tags,
            note,
            coder: stamp.coder.clone(),
            created: stamp.now,
            modified: stamp.now,
        }
    }

    /// Applies tag `name` to `target`: to the highlight with exactly that
    /// range if there is one (removing it if it is already there), else to a
    /// new highlight. `new_tag` is added to the tag set first.
    pub fn tag_target(
        &self,
        doc: &Conversation,
        target: &Target,
        name: &str,
        new_tag: Option<Tag>,
        stamp: &Stamp,
    ) -> Edit {
        let mut changes = Vec::new();
        if new_tag.is_some() {
            changes.push(Change::Tags {
                before: self.tags.clone(),
                after: with_tag(&self.tags, new_tag.as_ref()),
            });
        }
        let label;
        match self.exact(target) {
            Some(h) => {
                let mut tags = h.tags.clone();
                if let Some(i) = tags.iter().position(|t| t == name) {
                    tags.remove(i);
                    label = format!("removed tag “{name}”");
                } else {
                    tags.push(name.to_owned());
                    label = format!("tagged “{name}”");
                }
                let after = retagged(h, tags, stamp.now);
                changes.push(Change::Highlight {
                    before: Some(Arc::clone(h)),
                    after: Some(Arc::new(after)),
                });
            }
            None => {
                let h =
                    Self::new_highlight(doc, target, vec![name.to_owned()], String::new(), stamp);
                changes.push(Change::Highlight { before: None, after: Some(Arc::new(h)) });
                label = format!("tagged “{name}”");
            }
        }
        self.settled(Edit { label, changes })
    }

    /// Sets the tags of the highlight covering exactly `target` to `tags`
    /// (one undo step), creating the highlight if there is none; `new_tags`
    /// join the tag set first. With no tags left, the highlight goes, unless
    /// `keep_untagged` (for one with a note the user chose to keep).
    pub fn set_tags(
        &self,
        doc: &Conversation,
        target: &Target,
        tags: &[String],
        new_tags: &[Tag],
        keep_untagged: bool,
        stamp: &Stamp,
    ) -> Edit {
        let mut changes = Vec::new();
        let mut all = self.tags.clone();
        for t in new_tags {
            if !all.iter().any(|o| o.name == t.name) {
                all.push(t.clone());
            }
        }
        if all != self.tags {
            changes.push(Change::Tags { before: self.tags.clone(), after: all });
        }
        let mut wanted: Vec<String> = Vec::new();
        for t in tags {
            if !wanted.contains(t) {
                wanted.push(t.clone());
            }
        }
        let label = match self.exact(target) {
            Some(h) if h.tags == wanted => "tags unchanged".to_owned(),
            // A link's end stays, untagged, for its links.
            Some(h) if wanted.is_empty() && !keep_untagged && !self.is_linked(&h.id) => {
                changes.push(Change::Highlight { before: Some(Arc::clone(h)), after: None });
                "removed the last tag and the highlight".to_owned()
            }
            Some(h) => {
                let after = retagged(h, wanted.clone(), stamp.now);
                changes.push(Change::Highlight {
                    before: Some(Arc::clone(h)),
                    after: Some(Arc::new(after)),
                });
                let links = self.links_of(&h.id).count();
                if wanted.is_empty() && !keep_untagged && links > 0 {
                    format!("kept untagged: it is an end of {}", count(links, "link", "links"))
                } else if wanted.is_empty() {
                    "kept the note, untagged".to_owned()
                } else {
                    format!("tags: {}", quoted(&wanted))
                }
            }
            None if wanted.is_empty() => "nothing to tag".to_owned(),
            None => {
                let h = Self::new_highlight(doc, target, wanted.clone(), String::new(), stamp);
                changes.push(Change::Highlight { before: None, after: Some(Arc::new(h)) });
                format!("tagged {}", quoted(&wanted))
            }
        };
        self.settled(Edit { label, changes })
    }

    /// Sets the note of highlight `id`, or of a new highlight on `target`.
    pub fn set_note(
        &self,
        doc: &Conversation,
        id: Option<&str>,
        target: &Target,
        note: &str,
        stamp: &Stamp,
    ) -> Edit {
        let existing = id.and_then(|id| self.highlight(id));
        let change = match existing {
            Some(h) if h.note == note => {
                return Edit { label: "note unchanged".into(), changes: vec![] };
            }
            // An untagged highlight is its note: cleared, nothing is left
            // to keep (an end of a link stays, for its links).
            Some(h) if h.tags.is_empty() && note.trim().is_empty() && !self.is_linked(&h.id) => {
                let change = Change::Highlight { before: Some(Arc::clone(h)), after: None };
                return Edit {
                    label: "note cleared: highlight removed".into(),
                    changes: vec![change],
                };
            }
            Some(h) => {
                let mut after = Highlight::clone(h);
                after.note = note.to_owned();
                after.modified = stamp.now;
                Change::Highlight { before: Some(Arc::clone(h)), after: Some(Arc::new(after)) }
            }
            None if note.trim().is_empty() => {
                return Edit { label: "empty note".into(), changes: vec![] };
            }
            None => {
                let h = Self::new_highlight(doc, target, Vec::new(), note.to_owned(), stamp);
                Change::Highlight { before: None, after: Some(Arc::new(h)) }
            }
        };
        Edit { label: "note saved".into(), changes: vec![change] }
    }

    /// Deletes highlight `id`.
    pub fn delete(&self, id: &str) -> Edit {
        let changes = self
            .highlight(id)
            .map(|h| vec![Change::Highlight { before: Some(Arc::clone(h)), after: None }])
            .unwrap_or_default();
        // Its links go with it (see `apply`): the label says so.
        let label = match self.links_of(id).count() {
            0 => "deleted highlight".to_owned(),
            n => format!("deleted highlight and its {}", count(n, "link", "links")),
        };
        self.settled(Edit { label, changes })
    }

    /// Moves highlight `id` (typically an orphan) onto `target`, quoting the
    /// text there.
    pub fn attach(&self, doc: &Conversation, id: &str, target: &Target, now: Timestamp) -> Edit {
        let Some(h) = self.highlight(id) else {
            return Edit { label: "nothing to attach".into(), changes: vec![] };
        };
        let mut after = Highlight::clone(h);
        after.voice = target.voice;
        after.start = target.start;
        after.end = target.end;
        after.orphan = false;
        after.quote = quote_in(doc, &doc.voices()[target.voice], target.start, target.end);
        after.modified = now;
        Edit {
            label: "re-attached highlight".into(),
            changes: vec![Change::Highlight {
                before: Some(Arc::clone(h)),
                after: Some(Arc::new(after)),
            }],
        }
    }

    /// Changes one tag's definition, and rewrites highlights with `rewrite`
    /// (given each highlight's tags, returns the new tags or `None` to keep).
    /// `settles`: taking the conflict tag off here settles the conflict
    /// (a deletion or a merge of tags does; a rename does not).
    fn tag_edit(
        &self,
        (label, settles): (String, bool),
        tags: Vec<Tag>,
        now: Timestamp,
        rewrite: impl Fn(&[String]) -> Option<Vec<String>>,
    ) -> Edit {
        let mut changes = vec![Change::Tags { before: self.tags.clone(), after: tags }];
        for h in &self.highlights {
            if let Some(new_tags) = rewrite(&h.tags) {
                // A rename keeps the conflict under another name: its note
                // lines, which tell the versions apart, stay.
                let after = if !settles {
                    Highlight { tags: new_tags, modified: now, ..Highlight::clone(h) }
                } else {
                    retagged(h, new_tags, now)
                };
                changes.push(Change::Highlight {
                    before: Some(Arc::clone(h)),
                    after: Some(Arc::new(after)),
                });
            }
        }
        Edit { label, changes }
    }

    fn map_tag(&self, name: &str, f: impl FnOnce(&mut Tag)) -> Vec<Tag> {
        let mut tags = self.tags.clone();
        if let Some(t) = tags.iter_mut().find(|t| t.name == name) {
            f(t);
        }
        tags
    }

    /// Renames a tag, and every tag under it (`from/x` becomes `to/x`):
    /// a branch of the tree moves whole, whether or not `from` is a tag
    /// itself. Every highlight carrying one of them follows. Nothing changes
    /// when a new name is taken by a tag that is not moving.
    pub fn rename_tag(&self, from: &str, to: &str, now: Timestamp) -> Edit {
        let moving: Vec<(&str, String)> = self
            .tags
            .iter()
            .filter_map(|t| tree::renamed(&t.name, from, to).map(|n| (t.name.as_str(), n)))
            .collect();
        if from == to || moving.is_empty() {
            return Edit { label: format!("“{to}” already exists"), changes: vec![] };
        }
        // A name another tag has, or has but for case (the picker finds
        // tags without regard to case: two would look alike everywhere).
        let taken = moving.iter().find_map(|(_, n)| {
            self.tag_alike(n).filter(|t| !moving.iter().any(|(old, _)| *old == t.name))
        });
        if let Some(t) = taken {
            return Edit { label: format!("“{}” already exists", t.name), changes: vec![] };
        }
        let mut tags = self.tags.clone();
        for t in &mut tags {
            if let Some(n) = tree::renamed(&t.name, from, to) {
                t.name = n;
            }
        }
        let under = moving.len() - usize::from(self.tag(from).is_some());
        let label = match under {
            0 => format!("renamed “{from}” to “{to}”"),
            n => {
                format!("renamed “{from}” to “{to}” with the {} under it", count(n, "tag", "tags"))
            }
        };
        self.tag_edit((label, false), tags, now, |ts| {
            ts.iter().any(|t| tree::within(t, from)).then(|| {
                let mut out: Vec<String> = Vec::new();
                for t in ts {
                    let t = tree::renamed(t, from, to).unwrap_or_else(|| t.clone());
                    if !out.contains(&t) {
                        out.push(t);
                    }
                }
                out
            })
        })
    }

    /// The tag named `name`, or named so but for case (`Human-Rights
    /// Framing` for `human-rights framing`).
    pub fn tag_alike(&self, name: &str) -> Option<&Tag> {
        self.tag(name).or_else(|| {
            let lower = name.to_lowercase();
            self.tags.iter().find(|t| t.name.to_lowercase() == lower)
        })
    }

    pub fn recolor_tag(&self, name: &str, color: Rgb) -> Edit {
        let tags = self.map_tag(name, |t| t.color = color);
        Edit {
            label: format!("recoloured “{name}”"),
            changes: vec![Change::Tags { before: self.tags.clone(), after: tags }],
        }
    }

    pub fn describe_tag(&self, name: &str, description: &str) -> Edit {
        let tags = self.map_tag(name, |t| t.description = description.to_owned());
        Edit {
            label: format!("described “{name}”"),
            changes: vec![Change::Tags { before: self.tags.clone(), after: tags }],
        }
    }

    /// Puts tag `name` on quick key `key` (taking it from any other tag), or
    /// takes its key away with `None`.
    pub fn set_tag_key(&self, name: &str, key: Option<u8>) -> Edit {
        let mut tags = self.tags.clone();
        for t in &mut tags {
            if t.name == name {
                t.key = key;
            } else if key.is_some() && t.key == key {
                t.key = None;
            }
        }
        let previous = self.tags.iter().find(|t| t.name != name && key.is_some() && t.key == key);
        let label = match (key, previous) {
            (Some(k), Some(p)) => format!("“{name}” on key {k} (“{}” has no key now)", p.name),
            (Some(k), None) => format!("“{name}” on key {k}"),
            (None, _) => format!("“{name}” has no key"),
        };
        if tags == self.tags {
            // Already so: nothing to undo.
            return Edit { label, changes: vec![] };
        }
        Edit { label, changes: vec![Change::Tags { before: self.tags.clone(), after: tags }] }
    }

    /// Merges tag `from` into `into`: highlights with `from` get `into`
    /// instead (once), and `from` is removed.
    pub fn merge_tags(&self, from: &str, into: &str, now: Timestamp) -> Edit {
        if from == into || self.tag(into).is_none() {
            return Edit { label: "nothing to merge".into(), changes: vec![] };
        }
        let tags: Vec<Tag> = self.tags.iter().filter(|t| t.name != from).cloned().collect();
        let label = format!("merged “{from}” into “{into}”");
        self.tag_edit((label, true), tags, now, |ts| {
            ts.iter().any(|t| t == from).then(|| {
                let mut out: Vec<String> = Vec::new();
                for t in ts {
                    let t = if t == from { into } else { t.as_str() };
                    if !out.iter().any(|o| o == t) {
                        out.push(t.to_owned());
                    }
                }
                out
            })
        })
    }

    /// Deletes a tag and takes it off every highlight: a highlight left
    /// with nothing (no other tag, no note, no link) goes with it, as
    /// taking the last tag off in the picker removes it.
    pub fn delete_tag(&self, name: &str, now: Timestamp) -> Edit {
        let tags: Vec<Tag> = self.tags.iter().filter(|t| t.name != name).cloned().collect();
        let mut edit = self.tag_edit((format!("deleted tag “{name}”"), true), tags, now, |ts| {
            ts.iter()
                .any(|t| t == name)
                .then(|| ts.iter().filter(|t| *t != name).cloned().collect())
        });
        for change in &mut edit.changes {
            if let Change::Highlight { after, .. } = change
                && after.as_ref().is_some_and(|h| self.left_with_nothing(h))
            {
                *after = None;
            }
        }
        edit
    }

    /// How many highlights deleting tag `name` removes: those it leaves
    /// with nothing (see [`Self::delete_tag`]).
    pub fn emptied_by_deleting(&self, name: &str) -> usize {
        // Taking the conflict tag off takes its note lines too (`retagged`).
        let note = |h: &Highlight| match name == super::filemerge::CONFLICT_TAG {
            true => {
                super::filemerge::without_conflict_lines(&h.note).unwrap_or_else(|| h.note.clone())
            }
            false => h.note.clone(),
        };
        self.highlights
            .iter()
            .filter(|h| h.tags.iter().all(|t| t == name) && h.tags.iter().any(|t| t == name))
            .filter(|h| note(h).trim().is_empty() && !self.is_linked(&h.id))
            .count()
    }

    fn left_with_nothing(&self, h: &Highlight) -> bool {
        h.tags.is_empty() && h.note.trim().is_empty() && !self.is_linked(&h.id)
    }
}

/// Tag names as the messages name one: `“a”, “b”`.
fn quoted(names: &[String]) -> String {
    names.iter().map(|n| format!("“{n}”")).collect::<Vec<_>>().join(", ")
}
