//! Annotations: tags, highlights, and the history that undoes them.
//!
//! [`Annotations`] keeps every highlight in one vector sorted by voice and
//! position (orphans last), with a running maximum of end positions, so the
//! highlights on screen are found by binary search, whatever their number.
//! Every change is an [`Edit`] — a list of before/after pairs — applied
//! through [`Annotations::apply`], which is what makes undo and redo exact
//! and unlimited. Highlights are shared (`Arc`) so a snapshot for saving in
//! the background costs a pointer copy each.

mod anchor;
pub mod apart;
pub mod autocode;
mod batch;
pub mod checks;
mod combine;
mod defaults;
mod file;
pub mod filemerge;
mod filemerge_links;
mod fileview;
mod links;
mod loading;
mod locate;
pub mod merge;
mod ops;
mod renames;
mod settle;
pub mod tree;
pub mod union;
pub mod unite;
mod wordindex;

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use jiff::Timestamp;

pub use anchor::{CONTEXT_CHARS, Found, Quote, reattach};
pub use autocode::{Coded, Outcome, Unit};
pub use defaults::{PALETTE, default_tags};
pub use file::{
    AnnotationFile, FORMAT_VERSION, FileError, FileHighlight, FileLink, FilePos, FileRelation,
    FileTag, Reanchored,
};
pub use fileview::FileView;
pub use links::{Link, LinkIds, Relation, default_relations, link_only};
pub use ops::{Stamp, Target, quote_in};
pub use union::{Offered, Prefer};

use super::voicetext::Pos;

/// An RGB colour, written `#RRGGBB` in files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub fn parse(s: &str) -> Option<Self> {
        let hex = s.strip_prefix('#')?;
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let c = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        Some(Self(c(0)?, c(2)?, c(4)?))
    }

    /// Relative luminance, 0–1, as WCAG 2 defines it (sRGB linearised).
    pub fn luminance(self) -> f64 {
        // The reader asks this for every highlighted cell it draws: the 256
        // linearised values are computed once (`powf` was a third of a frame).
        static LINEAR: std::sync::LazyLock<[f64; 256]> = std::sync::LazyLock::new(|| {
            std::array::from_fn(|c| {
                let c = c as f64 / 255.0;
                if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
            })
        });
        let linear = |c: u8| LINEAR[usize::from(c)];
        0.2126 * linear(self.0) + 0.7152 * linear(self.1) + 0.0722 * linear(self.2)
    }

    /// The WCAG 2 contrast ratio between two colours, 1–21.
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// Whether black text reads better on this colour than white: the one
    /// with the higher contrast (at least 4.58:1 for any colour, above
    /// WCAG AA's 4.5:1).
    pub fn dark_text(self) -> bool {
        self.contrast(Rgb(0, 0, 0)) >= self.contrast(Rgb(255, 255, 255))
    }
}

impl std::fmt::Display for Rgb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{:02X}{:02X}{:02X}", self.0, self.1, self.2)
    }
}

/// A code: a name, a colour, what it means, and an optional quick key 1–9.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tag {
    pub name: String,
    pub color: Rgb,
    pub description: String,
    pub key: Option<u8>,
}

/// A coded passage inside one voice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Highlight {
    /// Stable identifier (a UUID).
    pub id: String,
    /// Index of the contributor (and voice).
    pub voice: usize,
    pub start: Pos,
    pub end: Pos,
    /// The text could not be found again after the conversation changed;
    /// `start` and `end` are where it was.
    pub orphan: bool,
    pub quote: Quote,
    /// Tag names, in the order they were applied.
    pub tags: Vec<String>,
    pub note: String,
    pub coder: String,
    pub created: Timestamp,
    pub modified: Timestamp,
}

impl Highlight {
    fn key(&self) -> (bool, usize, Pos, Pos, &str) {
        (self.orphan, self.voice, self.start, self.end, &self.id)
    }

    /// Whether it covers any of `[start, end)` of `voice`.
    pub fn overlaps(&self, voice: usize, start: Pos, end: Pos) -> bool {
        !self.orphan && self.voice == voice && self.start < end && start < self.end
    }
}

/// What a save writes: the tags and highlights at one revision, sharing the
/// highlights with the live state (cloning it copies pointers, not text).
#[derive(Clone, Debug)]
pub struct Snapshot {
    pub revision: u64,
    pub conversation: String,
    pub tags: Vec<Tag>,
    pub highlights: Vec<Arc<Highlight>>,
    pub relations: Vec<Relation>,
    /// By id.
    pub links: Vec<Arc<Link>>,
}

/// One reversible step: what was there before and what is there after.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    Highlight { before: Option<Arc<Highlight>>, after: Option<Arc<Highlight>> },
    Tags { before: Vec<Tag>, after: Vec<Tag> },
    Link { before: Option<Arc<Link>>, after: Option<Arc<Link>> },
    Relations { before: Vec<Relation>, after: Vec<Relation> },
}

/// One user action's changes, undone and redone as a unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub label: String,
    pub changes: Vec<Change>,
}

/// Every tag and highlight of one annotation file, with undo history.
#[derive(Clone, Debug, Default)]
pub struct Annotations {
    /// The id of the conversation. Its text hash is not kept here: the
    /// positions are always in the text they were loaded into, so a save
    /// writes that text's [`Conversation::text_hash`](super::Conversation::text_hash).
    pub conversation: String,
    tags: Vec<Tag>,
    highlights: Vec<Arc<Highlight>>,
    /// `max_end[i]`: the latest end among highlights `..=i` of the same voice.
    max_end: Vec<Pos>,
    /// How many highlights carry each tag name, kept as highlights change so
    /// the tag manager's counts cost nothing per frame.
    uses: HashMap<String, usize>,
    relations: Vec<Relation>,
    /// By id (see `links.rs`).
    links: Vec<Arc<Link>>,
    /// Highlight id → the indices in `links` of the links it is an end of.
    ends: HashMap<String, Vec<usize>>,
    /// Highlight id (hashed) → index in `highlights`, built on the first
    /// lookup after a change (links name their ends by id: a list of 10,000
    /// links looked each end up by scanning every highlight).
    by_id: std::sync::OnceLock<HashMap<u64, u32>>,
    undo: Vec<Edit>,
    redo: Vec<Edit>,
    revision: u64,
}

/// Revisions are drawn from one counter for the whole process, so no two
/// states of any `Annotations` share one: a view that keeps rows derived at
/// revision `r` knows they are stale after any change, and also after the
/// whole set is replaced (a reload from disk, a test swapping it).
static NEXT_REVISION: AtomicU64 = AtomicU64::new(1);

fn next_revision() -> u64 {
    NEXT_REVISION.fetch_add(1, Ordering::Relaxed)
}

impl Annotations {
    pub fn new(conversation: String, tags: Vec<Tag>) -> Self {
        Self {
            conversation,
            tags,
            relations: default_relations(),
            revision: next_revision(),
            ..Self::default()
        }
    }

    /// Builds the state from loaded parts (no history).
    pub fn from_parts(conversation: String, tags: Vec<Tag>, highlights: Vec<Highlight>) -> Self {
        let mut highlights: Vec<Arc<Highlight>> = highlights.into_iter().map(Arc::new).collect();
        highlights.sort_by(|a, b| a.key().cmp(&b.key()));
        let mut this = Self {
            conversation,
            tags,
            highlights,
            relations: default_relations(),
            revision: next_revision(),
            ..Self::default()
        };
        for h in &this.highlights {
            count_uses(&mut this.uses, h, true);
        }
        this.reindex();
        this
    }

    /// [`Self::from_parts`] with relations and links (by id, each end a
    /// highlight among `highlights`: the loader checks).
    pub fn from_parts_linked(
        conversation: String,
        tags: Vec<Tag>,
        highlights: Vec<Highlight>,
        relations: Vec<Relation>,
        links: Vec<Link>,
    ) -> Self {
        let mut this = Self::from_parts(conversation, tags, highlights);
        this.relations = relations;
        this.links = links.into_iter().map(Arc::new).collect();
        this.links.sort_by(|a, b| a.id.cmp(&b.id));
        this.reindex_links();
        this
    }

    pub fn tags(&self) -> &[Tag] {
        &self.tags
    }

    pub fn tag(&self, name: &str) -> Option<&Tag> {
        self.tags.iter().find(|t| t.name == name)
    }

    /// All highlights: by voice and position, orphans last.
    pub fn highlights(&self) -> &[Arc<Highlight>] {
        &self.highlights
    }

    pub fn highlight(&self, id: &str) -> Option<&Arc<Highlight>> {
        let index = self.by_id.get_or_init(|| {
            let mut map = HashMap::with_capacity(self.highlights.len());
            for (i, h) in self.highlights.iter().enumerate() {
                // Two ids of one hash (or a repeated id): neither is indexed,
                // and a lookup of either scans.
                map.entry(id_hash(&h.id)).and_modify(|v| *v = u32::MAX).or_insert(i as u32);
            }
            map
        });
        match index.get(&id_hash(id)) {
            Some(&i) if i != u32::MAX => self.highlights.get(i as usize).filter(|h| h.id == id),
            Some(_) => self.highlights.iter().find(|h| h.id == id),
            None => None,
        }
    }

    pub fn orphans(&self) -> impl Iterator<Item = &Arc<Highlight>> {
        let first = self.highlights.partition_point(|h| !h.orphan);
        self.highlights[first..].iter()
    }

    /// The one coder every highlight names (blank ones aside), if there is
    /// exactly one: how a coder's file is named when coders are compared.
    pub fn sole_coder(&self) -> Option<&str> {
        let mut coders = self.highlights.iter().map(|h| h.coder.trim()).filter(|c| !c.is_empty());
        let first = coders.next()?;
        coders.all(|c| c == first).then_some(first)
    }

    /// How many highlights carry tag `name`.
    pub fn count(&self, name: &str) -> usize {
        self.uses.get(name).copied().unwrap_or(0)
    }

    /// Which state this is: a new number after every change, unique in the
    /// process (not a count); saving compares it with what was saved, and
    /// derived views with what they were built from.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The current state, for saving.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            revision: self.revision,
            conversation: self.conversation.clone(),
            tags: self.tags.clone(),
            highlights: self.highlights.clone(),
            relations: self.relations.clone(),
            links: self.links.clone(),
        }
    }

    /// Highlights of `voice` overlapping `[start, end)`, in position order.
    /// Costs a binary search plus the highlights it passes over.
    pub fn overlapping(
        &self,
        voice: usize,
        start: Pos,
        end: Pos,
    ) -> impl Iterator<Item = &Arc<Highlight>> {
        let lo = self.highlights.partition_point(|h| !h.orphan && h.voice < voice);
        let hi = self.highlights.partition_point(|h| !h.orphan && h.voice <= voice);
        // Within the voice max_end only grows: skip everything ending before `start`.
        let first = lo + self.max_end[lo..hi].partition_point(|&e| e <= start);
        self.highlights[first..hi]
            .iter()
            .take_while(move |h| h.start < end)
            .filter(move |h| h.end > start)
    }

    /// The first live highlight of `voice` starting after `at` (binary search).
    pub fn next_after(&self, voice: usize, at: Pos) -> Option<&Arc<Highlight>> {
        let i =
            self.highlights.partition_point(|h| (h.orphan, h.voice, h.start) <= (false, voice, at));
        self.highlights.get(i).filter(|h| !h.orphan && h.voice == voice)
    }

    /// The last live highlight of `voice` starting before `at` (binary search).
    pub fn prev_before(&self, voice: usize, at: Pos) -> Option<&Arc<Highlight>> {
        let i =
            self.highlights.partition_point(|h| (h.orphan, h.voice, h.start) < (false, voice, at));
        i.checked_sub(1)
            .and_then(|j| self.highlights.get(j))
            .filter(|h| !h.orphan && h.voice == voice)
    }

    /// Applies `edit` (with what it entails for links: see `links.rs`),
    /// records it for undo, and forgets what was undone.
    pub fn apply(&mut self, edit: Edit) {
        if edit.changes.is_empty() {
            return;
        }
        let edit = self.with_consequences(edit);
        self.change_all(&edit.changes, true);
        self.undo.push(edit);
        self.redo.clear();
        self.changed();
    }

    /// Undoes the last edit; returns its label.
    pub fn undo(&mut self) -> Option<String> {
        let edit = self.undo.pop()?;
        self.change_all(&edit.changes, false);
        let label = edit.label.clone();
        self.redo.push(edit);
        self.changed();
        Some(label)
    }

    /// Redoes the last undone edit; returns its label.
    pub fn redo(&mut self) -> Option<String> {
        let edit = self.redo.pop()?;
        self.change_all(&edit.changes, true);
        let label = edit.label.clone();
        self.undo.push(edit);
        self.changed();
        Some(label)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    fn changed(&mut self) {
        self.revision = next_revision();
        self.by_id = std::sync::OnceLock::new();
        self.reindex();
        // A highlight → links index that no longer matches `links` would
        // point at the wrong links: rebuilt whenever links may have changed.
        if !self.links.is_empty() || !self.ends.is_empty() {
            self.reindex_links();
        }
    }

    /// Applies `changes` in order (`forward`), or undoes them in reverse: a
    /// large batch of one kind in one pass (see `batch.rs`), else one by one.
    fn change_all(&mut self, changes: &[Change], forward: bool) {
        if changes.len() >= batch::BATCH && self.batch(changes, forward) {
            return;
        }
        if forward {
            changes.iter().for_each(|c| self.change(c, true));
        } else {
            changes.iter().rev().for_each(|c| self.change(c, false));
        }
    }

    fn change(&mut self, change: &Change, forward: bool) {
        match change {
            Change::Highlight { before, after } => {
                let (from, to) = if forward { (before, after) } else { (after, before) };
                if let Some(old) = from
                    && let Ok(i) = self.highlights.binary_search_by(|h| h.key().cmp(&old.key()))
                {
                    let removed = self.highlights.remove(i);
                    count_uses(&mut self.uses, &removed, false);
                }
                if let Some(new) = to {
                    let i = self.highlights.partition_point(|h| h.key() < new.key());
                    self.highlights.insert(i, Arc::clone(new));
                    count_uses(&mut self.uses, new, true);
                }
            }
            Change::Tags { before, after } => {
                self.tags = if forward { after.clone() } else { before.clone() };
            }
            Change::Link { before, after } => {
                let (from, to) = if forward { (before, after) } else { (after, before) };
                self.change_link_entry(from.as_ref(), to.as_ref());
            }
            Change::Relations { before, after } => {
                self.relations = if forward { after.clone() } else { before.clone() };
            }
        }
    }

    fn reindex(&mut self) {
        self.max_end.clear();
        let mut current: Option<(usize, Pos)> = None;
        for h in &self.highlights {
            let running = match current {
                Some((voice, end)) if voice == h.voice && !h.orphan => end.max(h.end),
                _ => h.end,
            };
            current = Some((h.voice, running));
            self.max_end.push(running);
        }
    }
}

/// A highlight id's hash, for [`Annotations::highlight`]'s index.
fn id_hash(id: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    id.hash(&mut h);
    h.finish()
}

/// Adds (or takes away) `h`'s tags to the per-tag counts.
fn count_uses(uses: &mut HashMap<String, usize>, h: &Highlight, add: bool) {
    for tag in &h.tags {
        if add {
            // A tag already counted costs no copy of its name.
            match uses.get_mut(tag) {
                Some(n) => *n += 1,
                None => {
                    uses.insert(tag.clone(), 1);
                }
            }
        } else if let Some(n) = uses.get_mut(tag) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                uses.remove(tag);
            }
        }
    }
}

#[cfg(test)]
mod tests;
