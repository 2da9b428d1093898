//! The annotation file as written from a [`Snapshot`], borrowing its text.
//!
//! [`AnnotationFile::from_snapshot`] copies every string of every highlight
//! before anything is written: for 100,000 highlights about 100 MB more,
//! held while the file is written, and kept afterwards by the allocator. A
//! [`FileView`] serialises field for field as that [`AnnotationFile`] does
//! (the tests below hold them to the same bytes), reading the highlights
//! where they are.
//!
//! [`AnnotationFile`]: super::AnnotationFile
//! [`AnnotationFile::from_snapshot`]: super::AnnotationFile::from_snapshot

use std::sync::Arc;

use serde::ser::{Serialize, SerializeStruct, Serializer};

use super::super::Conversation;
use super::file::{FileLink, FileTag, file_link, file_relations};
use super::loading::Counter;
use super::{FORMAT_VERSION, FilePos, Highlight, Snapshot};

/// A snapshot of `doc`'s annotations, ready to serialise as the file.
pub struct FileView<'a> {
    snapshot: &'a Snapshot,
    doc: &'a Conversation,
}

impl<'a> FileView<'a> {
    pub fn new(snapshot: &'a Snapshot, doc: &'a Conversation) -> Self {
        Self { snapshot, doc }
    }
}

impl Serialize for FileView<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let snap = self.snapshot;
        let tags: Vec<FileTag> = snap
            .tags
            .iter()
            .map(|t| FileTag {
                name: t.name.clone(),
                color: t.color.to_string(),
                description: t.description.clone(),
                key: t.key,
            })
            .collect();
        let relations = file_relations(snap);
        let links: Vec<FileLink> = snap.links.iter().map(|l| file_link(l)).collect();
        let mut file = s.serialize_struct("AnnotationFile", 7)?;
        file.serialize_field("version", &FORMAT_VERSION)?;
        file.serialize_field("conversation", &snap.conversation)?;
        file.serialize_field("text_hash", self.doc.text_hash())?;
        file.serialize_field("tags", &tags)?;
        file.serialize_field("highlights", &Highlights(&snap.highlights, self.doc))?;
        // As `AnnotationFile` skips them: absent when empty.
        if relations.is_empty() {
            file.skip_field("relations")?;
        } else {
            file.serialize_field("relations", &relations)?;
        }
        if links.is_empty() {
            file.skip_field("links")?;
        } else {
            file.serialize_field("links", &links)?;
        }
        file.end()
    }
}

struct Highlights<'a>(&'a [Arc<Highlight>], &'a Conversation);

impl Serialize for Highlights<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // Positions counted on from the one before (the highlights are in
        // order), not from each paragraph's start.
        let mut counter = Counter::default();
        s.collect_seq(self.0.iter().map(|h| {
            let (start, end) = counter.span(self.1, h.voice, h.start, h.end);
            One(h, self.1, start, end)
        }))
    }
}

/// One highlight as a `FileHighlight` writes it, with its file positions.
struct One<'a>(&'a Highlight, &'a Conversation, FilePos, FilePos);

impl Serialize for One<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (h, doc) = (self.0, self.1);
        let mut f = s.serialize_struct("FileHighlight", 13)?;
        f.serialize_field("id", &h.id)?;
        f.serialize_field("contributor", &doc.contributors[h.voice].id)?;
        f.serialize_field("start", &self.2)?;
        f.serialize_field("end", &self.3)?;
        if h.orphan {
            f.serialize_field("orphan", &h.orphan)?;
        } else {
            f.skip_field("orphan")?;
        }
        f.serialize_field("quote", &h.quote.exact)?;
        f.serialize_field("prefix", &h.quote.prefix)?;
        f.serialize_field("suffix", &h.quote.suffix)?;
        f.serialize_field("tags", &h.tags)?;
        f.serialize_field("note", &h.note)?;
        f.serialize_field("coder", &h.coder)?;
        f.serialize_field("created", &h.created.to_string())?;
        f.serialize_field("modified", &h.modified.to_string())?;
        f.end()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use proptest::prelude::*;

    use super::FileView;
    use crate::model::annotations::{AnnotationFile, Annotations, Highlight, Quote, Rgb, Tag};
    use crate::model::testing::conversation;
    use crate::model::voicetext::Pos;

    fn to_ron<T: serde::Serialize>(value: &T) -> String {
        let pretty = ron::ser::PrettyConfig::new().escape_strings(false).struct_names(false);
        ron::Options::default().to_string_pretty(value, pretty).expect("ron")
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        /// Field for field what `AnnotationFile::from_snapshot` writes:
        /// orphans, notes with quotes, several tags and coders, non-ASCII.
        #[test]
        fn writes_what_the_file_shape_writes(
            marks in prop::collection::vec(
                (0usize..2, 0usize..2, 0usize..40, 0usize..40, any::<bool>(), 0usize..3),
                0..12,
            ),
        ) {
            let doc = conversation(&[
                &["The U.S. ban — “moral equivalence” — is not 微信. 👩‍💻 e\u{301}!", "Two. Three."],
                &["Ku speaks: \"quoted\" \\ r#\"raw\"#.", "Again."],
            ]);
            let tags = vec![
                Tag { name: "one".into(), color: Rgb(1, 2, 3), description: "d \"q\"".into(), key: Some(1) },
                Tag { name: "two/kid".into(), color: Rgb(200, 2, 3), description: String::new(), key: None },
            ];
            let highlights = marks
                .into_iter()
                .enumerate()
                .map(|(i, (voice, para, a, b, orphan, n))| {
                    let text = doc.paragraph(doc.voices()[voice].paragraphs.at(para)).text();
                    let bounds: Vec<usize> = text.char_indices().map(|(at, _)| at).collect();
                    let (a, b) = (bounds[a % bounds.len()], bounds[b % bounds.len()]);
                    let (start, end) = (a.min(b), a.max(b).max(a.min(b)));
                    Highlight {
                        id: format!("h{i}"),
                        voice,
                        start: Pos::new(para, start),
                        end: Pos::new(para, end),
                        orphan,
                        quote: Quote::of(text, start..end),
                        tags: tags.iter().take(n).map(|t| t.name.clone()).collect(),
                        note: if n == 1 { "a \"note\"\nover lines".into() } else { String::new() },
                        coder: ["ana", "ben"][i % 2].into(),
                        created: jiff::Timestamp::from_second(1_600_000_000 + i as i64).expect("time"),
                        modified: jiff::Timestamp::from_second(1_700_000_000).expect("time"),
                    }
                })
                .collect();
            let a = Annotations::from_parts(doc.id.clone(), tags, highlights);
            let snap = a.snapshot();
            prop_assert!(snap.highlights.iter().all(|h| Arc::strong_count(h) >= 1));
            prop_assert_eq!(
                to_ron(&FileView::new(&snap, &doc)),
                to_ron(&AnnotationFile::from_snapshot(&snap, &doc))
            );
        }
    }
}
