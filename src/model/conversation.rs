//! The conversation: metadata, contributors, and their turns of paragraphs.
//!
//! [`ConversationFile`] is the serde shape of a `data/*.ron` file, text
//! verbatim. [`Conversation::new`] checks it and derives what is never stored:
//! each contributor's "voice" (their paragraphs across all their sections, in
//! order), which is what a pane shows, and the turn order (every paragraph in
//! the order it was spoken), which is what the chronological view shows. Each
//! paragraph's sentences and words are derived on first use.
//!
//! Sections are turns: one contiguous contribution each, in the order they
//! were spoken (or, for an essay, written). Version 2 of the format adds what
//! transcripts carry — paragraph timestamps, subheads, an introduction, header
//! metadata, short names; a version 1 file reads as version 2 with none of
//! them, and is never rewritten unless the user writes it.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::OnceLock;

pub use super::paragraph::{Paragraph, Source, SourceText};
pub use super::paragraphs::Paragraphs;
pub use super::refs::Refs;
pub use super::validate::ValidationError;

/// The format version this build writes; it reads this and every older one.
pub const FORMAT_VERSION: u32 = 2;

fn version_one() -> u32 {
    1
}

/// A contributor's part in the conversation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Moderator,
    #[default]
    Respondent,
}

impl Role {
    /// The role's name as the file writes it: `moderator`, `respondent`.
    pub fn name(self) -> &'static str {
        match self {
            Role::Moderator => "moderator",
            Role::Respondent => "respondent",
        }
    }
}

/// One person who speaks in the conversation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contributor {
    /// Short stable identifier (`[A-Za-z0-9._-]+`), referenced by sections.
    pub id: String,
    pub name: String,
    /// How panes and tables name them; empty: the name without honorifics
    /// (see [`Conversation::short_name`]).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub short: String,
    #[serde(default)]
    pub affiliation: String,
    pub role: Role,
}

/// One turn: a contiguous contribution, as written in the file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionFile {
    /// The [`Contributor::id`] of whoever wrote or said it.
    pub contributor: String,
    pub paragraphs: Vec<String>,
    /// When each paragraph was spoken, as the source wrote it (`00:01:02`,
    /// `1:02:03.500`); one per paragraph, `""` for none, or no list at all.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub times: Vec<String>,
    /// Indexes of the paragraphs that are subheads (a Markdown `###`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub heads: Vec<usize>,
}

/// The on-disk shape of a conversation (RON). See `docs/FORMAT.md`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConversationFile {
    /// The format version: 1 when absent (files written before version 2).
    #[serde(default = "version_one")]
    pub version: u32,
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub subtitle: String,
    #[serde(default)]
    pub source: String,
    /// ISO 8601 calendar date, possibly reduced: `2020`, `2020-09` or `2020-09-25`.
    #[serde(default)]
    pub date: String,
    /// Other facts from the source's header (`("Location", "Room 216")`), in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub metadata: Vec<(String, String)>,
    /// Paragraphs before the first speaker: an introduction nobody speaks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub intro: Vec<String>,
    pub contributors: Vec<Contributor>,
    pub sections: Vec<SectionFile>,
}

impl Default for ConversationFile {
    fn default() -> Self {
        Self {
            version: FORMAT_VERSION,
            id: String::new(),
            title: String::new(),
            subtitle: String::new(),
            source: String::new(),
            date: String::new(),
            metadata: Vec::new(),
            intro: Vec::new(),
            contributors: Vec::new(),
            sections: Vec::new(),
        }
    }
}

/// One turn: a contiguous contribution by one contributor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// Index into [`Conversation::contributors`].
    pub contributor: usize,
    pub paragraphs: Paragraphs,
}

/// A section whose paragraphs are made: what an importer that shares the
/// file's text gives [`Conversation::from_parts`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SectionParts {
    /// The [`Contributor::id`] of whoever wrote or said it.
    pub contributor: String,
    pub paragraphs: Paragraphs,
}

/// Where a paragraph lives: `sections[section].paragraphs[paragraph]`.
/// Two `u32`s, not `usize`s: a voice holds one per paragraph, and the
/// panel's 40,000 were 152 page faults of fresh memory before its first
/// frame at 16 bytes each. (A paragraph's text is a `u32` range of its
/// file already, so neither count can pass `u32::MAX`.)
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParaRef {
    section: u32,
    paragraph: u32,
}

impl ParaRef {
    /// Paragraph `paragraph` of section `section`.
    pub fn new(section: usize, paragraph: usize) -> Self {
        let narrow = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Self { section: narrow(section), paragraph: narrow(paragraph) }
    }

    /// The section's index.
    pub fn section(self) -> usize {
        self.section as usize
    }

    /// The paragraph's index in its section.
    pub fn paragraph(self) -> usize {
        self.paragraph as usize
    }
}

/// Everything one contributor says, in document order: what one pane shows.
/// The turn order ([`Conversation::timeline`]) is a voice of everyone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Voice {
    pub contributor: usize,
    pub paragraphs: Refs,
}

/// A checked conversation with derived segmentation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conversation {
    pub id: String,
    pub title: String,
    pub subtitle: String,
    pub source: String,
    pub date: String,
    pub metadata: Vec<(String, String)>,
    pub intro: Vec<String>,
    pub contributors: Vec<Contributor>,
    pub sections: Vec<Section>,
    /// One per contributor, same order as `contributors`.
    voices: Vec<Voice>,
    /// Every paragraph in turn order, made on first use: the side-by-side
    /// view never needs it, and 40,000 paragraphs' worth is 640 KB of
    /// fresh memory before the first frame.
    timeline: Derived<Voice>,
    /// Per section: the timeline index of its first paragraph.
    turn_starts: Vec<usize>,
    /// Per section: the index of its first paragraph in its voice.
    voice_starts: Vec<usize>,
    /// Per contributor: the short name shown (see [`Self::short_name`]).
    shorts: Vec<String>,
    /// See [`Self::text_hash`].
    text_hash: super::texthash::Cell,
    /// What earlier builds called it and its contributors (set by whoever
    /// imported it; see [`super::FormerIds`]).
    pub former: super::FormerIds,
}

/// Something derived from the sections on first use. Equal to any other:
/// two conversations are equal or not by what it is derived from.
#[derive(Clone, Debug)]
struct Derived<T>(OnceLock<T>);

impl<T> PartialEq for Derived<T> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl<T> Eq for Derived<T> {}

/// Every paragraph of `sections` in turn order.
fn turn_order(sections: &[Section]) -> Voice {
    let mut paragraphs = Refs::default();
    for (section, s) in sections.iter().enumerate() {
        paragraphs.push_section(section, s.paragraphs.len());
    }
    Voice { contributor: 0, paragraphs }
}

/// Each contributor's short name: set in the file, or derived; a derived
/// one that two people would share (case aside) falls back to the name.
fn short_names(contributors: &[Contributor]) -> Vec<String> {
    let derived: Vec<String> = contributors
        .iter()
        .map(|c| {
            if c.short.trim().is_empty() {
                super::names::short_name(&c.name)
            } else {
                c.short.clone()
            }
        })
        .collect();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for d in &derived {
        *seen.entry(d.to_lowercase()).or_default() += 1;
    }
    contributors
        .iter()
        .zip(derived)
        .map(|(c, d)| {
            let shared = seen.get(&d.to_lowercase()).is_some_and(|&n| n > 1);
            if shared && c.short.trim().is_empty() { c.name.clone() } else { d }
        })
        .collect()
}

impl Conversation {
    /// Checks `file` and derives voices and the turn order (sentences and
    /// words wait until a paragraph is first used).
    pub fn new(mut file: ConversationFile) -> Result<Self, ValidationError> {
        super::validate::validate(&file, &file.sections)?;
        let sections = std::mem::take(&mut file.sections)
            .into_iter()
            .map(|s| {
                let mut times = s.times.into_iter();
                let heads: std::collections::HashSet<usize> = s.heads.into_iter().collect();
                let paragraphs = s
                    .paragraphs
                    .into_iter()
                    .enumerate()
                    .map(|(i, text)| {
                        Paragraph::owned(text)
                            .at_time(times.next().unwrap_or_default())
                            .as_head(heads.contains(&i))
                    })
                    .collect();
                SectionParts { contributor: s.contributor, paragraphs }
            })
            .collect();
        Ok(Self::assemble(file, sections))
    }

    /// Checks a conversation whose paragraphs are made already (an
    /// importer's, perhaps ranges of the file it read: see
    /// [`Paragraph::shared`]); `head`'s own `sections` are ignored.
    pub fn from_parts(
        head: ConversationFile,
        sections: Vec<SectionParts>,
    ) -> Result<Self, ValidationError> {
        super::validate::validate(&head, &sections)?;
        Ok(Self::assemble(head, sections))
    }

    /// Derives voices and the turn order of a checked conversation.
    fn assemble(file: ConversationFile, sections: Vec<SectionParts>) -> Self {
        let ConversationFile {
            id,
            title,
            subtitle,
            source,
            date,
            metadata,
            intro,
            contributors,
            sections: _,
            version: _,
        } = file;
        let ids: HashMap<&str, usize> =
            contributors.iter().enumerate().map(|(i, c)| (c.id.as_str(), i)).collect();
        let mut voices: Vec<Voice> = (0..contributors.len())
            .map(|contributor| Voice { contributor, paragraphs: Refs::default() })
            .collect();
        let mut turns = 0;
        let mut turn_starts = Vec::with_capacity(sections.len());
        let mut voice_starts = Vec::with_capacity(sections.len());
        let sections: Vec<Section> = sections
            .into_iter()
            .enumerate()
            .map(|(section, s)| {
                // validate() guarantees the id resolves.
                let contributor = ids.get(s.contributor.as_str()).copied().unwrap_or(0);
                turn_starts.push(turns);
                turns += s.paragraphs.len();
                voice_starts.push(voices[contributor].paragraphs.len());
                voices[contributor].paragraphs.push_section(section, s.paragraphs.len());
                Section { contributor, paragraphs: s.paragraphs }
            })
            .collect();
        let shorts = short_names(&contributors);
        Self {
            shorts,
            id,
            title,
            subtitle,
            source,
            date,
            metadata,
            intro,
            contributors,
            sections,
            voices,
            timeline: Derived(OnceLock::new()),
            turn_starts,
            voice_starts,
            text_hash: Default::default(),
            former: Default::default(),
        }
    }

    /// `sha256:` and the hex digest of every voice's text, in contributor
    /// order: what an annotation file records as `text_hash`. Computed on
    /// first need, then kept.
    pub fn text_hash(&self) -> &str {
        self.text_hash.get(self)
    }

    /// One voice per contributor, in contributor order.
    pub fn voices(&self) -> &[Voice] {
        &self.voices
    }

    /// Every paragraph in the order it was spoken (its `contributor` means
    /// nothing: see [`Self::speaker`]).
    pub fn timeline(&self) -> &Voice {
        self.timeline.0.get_or_init(|| turn_order(&self.sections))
    }

    /// The voice and voice paragraph of timeline paragraph `turn`.
    pub fn from_timeline(&self, turn: usize) -> (usize, usize) {
        let paragraphs = &self.timeline().paragraphs;
        let at = paragraphs.at(turn.min(paragraphs.len() - 1));
        let s = at.section();
        (self.sections[s].contributor, self.voice_starts[s] + at.paragraph())
    }

    /// The timeline index of paragraph `para` of voice `voice`.
    pub fn to_timeline(&self, voice: usize, para: usize) -> usize {
        let at = self.voices[voice].paragraphs.at(para);
        self.turn_starts[at.section()] + at.paragraph()
    }

    /// Whether timeline paragraph `turn` starts a turn (the speaker changes
    /// or speaks again after someone else).
    pub fn starts_turn(&self, turn: usize) -> bool {
        self.timeline().paragraphs.get(turn).is_some_and(|r| r.paragraph == 0)
    }

    /// Who speaks timeline paragraph `turn`.
    pub fn speaker(&self, turn: usize) -> usize {
        self.from_timeline(turn).0
    }

    /// How contributor `i` is named where space is short: their `short`, or
    /// their name without honorifics or parentheses — unless that would name
    /// two people alike (`Mr. Smith`, `Ms. Smith`), when it is the name.
    pub fn short_name(&self, i: usize) -> String {
        self.shorts[i].clone()
    }

    /// Whether any paragraph has a timestamp.
    pub fn has_times(&self) -> bool {
        self.sections
            .iter()
            .flat_map(|s| s.paragraphs.may_be_marked())
            .any(|p| !p.time().is_empty())
    }

    /// The text of the paragraph at `at`, without making the paragraph
    /// (see [`Paragraphs::text`]).
    pub fn paragraph_text(&self, at: ParaRef) -> &str {
        self.sections[at.section()].paragraphs.text(at.paragraph())
    }

    pub fn paragraph(&self, at: ParaRef) -> &Paragraph {
        &self.sections[at.section()].paragraphs[at.paragraph()]
    }

    /// Back to the file shape, for writing (always the current version).
    pub fn to_file(&self) -> ConversationFile {
        ConversationFile {
            version: FORMAT_VERSION,
            id: self.id.clone(),
            title: self.title.clone(),
            subtitle: self.subtitle.clone(),
            source: self.source.clone(),
            date: self.date.clone(),
            metadata: self.metadata.clone(),
            intro: self.intro.clone(),
            contributors: self.contributors.clone(),
            sections: self
                .sections
                .iter()
                .map(|s| {
                    let timed = s.paragraphs.iter().any(|p| !p.time().is_empty());
                    SectionFile {
                        contributor: self.contributors[s.contributor].id.clone(),
                        paragraphs: s.paragraphs.iter().map(|p| p.text().to_owned()).collect(),
                        times: if timed {
                            s.paragraphs.iter().map(|p| p.time().to_owned()).collect()
                        } else {
                            Vec::new()
                        },
                        heads: (0..s.paragraphs.len())
                            .filter(|&i| s.paragraphs[i].is_head())
                            .collect(),
                    }
                })
                .collect(),
        }
    }

    /// Total bytes of paragraph text.
    pub fn text_len(&self) -> usize {
        self.sections.iter().flat_map(|s| &s.paragraphs).map(|p| p.text().len()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contributor(id: &str) -> Contributor {
        Contributor {
            id: id.into(),
            name: format!("Name {id}"),
            affiliation: String::new(),
            role: Role::Respondent,
            ..Default::default()
        }
    }

    fn file() -> ConversationFile {
        ConversationFile {
            id: "t".into(),
            title: "T".into(),
            subtitle: String::new(),
            source: String::new(),
            date: "2020-09".into(),
            contributors: vec![contributor("a"), contributor("b")],
            sections: vec![
                SectionFile {
                    contributor: "a".into(),
                    paragraphs: vec!["One. Two.".into()],
                    ..Default::default()
                },
                SectionFile {
                    contributor: "b".into(),
                    paragraphs: vec!["Three.".into()],
                    ..Default::default()
                },
                SectionFile {
                    contributor: "a".into(),
                    paragraphs: vec!["Four.".into(), "Five.".into()],
                    ..Default::default()
                },
            ],
            ..Default::default()
        }
    }

    #[test]
    fn voices_gather_a_contributors_sections_in_order() {
        let c = Conversation::new(file()).expect("valid");
        let a = &c.voices()[0];
        let texts: Vec<&str> = a.paragraphs.iter().map(|&r| c.paragraph(r).text()).collect();
        assert_eq!(texts, ["One. Two.", "Four.", "Five."]);
        assert_eq!(c.paragraph(a.paragraphs.at(0)).sentences().len(), 2);
        assert_eq!(c.to_file(), file());
    }

    #[test]
    fn invalid_files_are_named_errors() {
        let mut f = file();
        f.sections[1].contributor = "zz".into();
        assert_eq!(
            Conversation::new(f).unwrap_err().to_string(),
            "sections[1]: contributor \"zz\" is not one of the contributors (a, b)"
        );

        let mut f = file();
        f.contributors[1].id = "a".into();
        assert!(matches!(
            Conversation::new(f),
            Err(ValidationError::DuplicateContributor { index: 1, first: 0, .. })
        ));

        let mut f = file();
        f.sections[2].paragraphs.clear();
        assert!(matches!(
            Conversation::new(f),
            Err(ValidationError::EmptySection { index: 2, .. })
        ));

        let mut f = file();
        f.sections.clear();
        assert_eq!(Conversation::new(f), Err(ValidationError::NoSections));

        let mut f = file();
        f.contributors.clear();
        assert_eq!(Conversation::new(f), Err(ValidationError::NoContributors));

        let mut f = file();
        f.sections[0].paragraphs[0] = "  \n".into();
        assert!(matches!(
            Conversation::new(f),
            Err(ValidationError::EmptyParagraph { section: 0, paragraph: 0 })
        ));

        let mut f = file();
        f.contributors.push(contributor("c"));
        assert!(matches!(Conversation::new(f), Err(ValidationError::SilentContributor { .. })));

        let mut f = file();
        f.date = "September 2020".into();
        assert!(matches!(Conversation::new(f), Err(ValidationError::BadDate(_))));

        let mut f = file();
        f.contributors[0].id = "has space".into();
        assert!(matches!(
            Conversation::new(f),
            Err(ValidationError::BadContributorId { index: 0, .. })
        ));
    }

    #[test]
    fn the_timeline_is_every_paragraph_in_turn_order() {
        let c = Conversation::new(file()).expect("valid");
        // Made when first asked for, not with the conversation; a copy made
        // before is equal to one made after.
        let before = c.clone();
        assert!(c.timeline.0.get().is_none());
        assert_eq!(c.to_timeline(1, 0), 1);
        assert!(c.timeline.0.get().is_none(), "turn numbers need no timeline");
        let texts: Vec<&str> =
            c.timeline().paragraphs.iter().map(|&r| c.paragraph(r).text()).collect();
        assert_eq!(texts, ["One. Two.", "Three.", "Four.", "Five."]);
        assert_eq!(c.from_timeline(2), (0, 1));
        assert_eq!(c.from_timeline(1), (1, 0));
        for (voice, v) in c.voices().iter().enumerate() {
            for para in 0..v.paragraphs.len() {
                assert_eq!(c.from_timeline(c.to_timeline(voice, para)), (voice, para));
            }
        }
        assert!(c.starts_turn(0) && c.starts_turn(1) && c.starts_turn(2) && !c.starts_turn(3));
        assert_eq!(before, c);
    }

    #[test]
    fn version_two_fields_are_checked_and_kept() {
        let mut f = file();
        f.sections[2].times = vec!["00:01".into(), String::new()];
        f.sections[2].heads = vec![1];
        f.intro = vec!["Before anyone speaks.".into()];
        f.metadata = vec![("Location".into(), "Room 2".into())];
        f.contributors[0].short = "Aye".into();
        let c = Conversation::new(f.clone()).expect("valid");
        assert_eq!(c.to_file(), f);
        assert_eq!(c.short_name(0), "Aye");
        assert_eq!(c.short_name(1), "Name b");
        assert!(c.has_times());
        let p = &c.sections[2].paragraphs;
        assert_eq!((p[0].time(), p[0].is_head(), p[1].is_head()), ("00:01", false, true));

        let mut bad = f.clone();
        bad.sections[2].times.pop();
        assert!(matches!(Conversation::new(bad), Err(ValidationError::TimesMismatch { .. })));
        let mut bad = f.clone();
        bad.sections[2].heads = vec![2];
        assert!(matches!(Conversation::new(bad), Err(ValidationError::HeadOutOfRange { .. })));
        let mut bad = f;
        bad.version = 3;
        assert_eq!(Conversation::new(bad), Err(ValidationError::NewerVersion(3)));
    }
}
