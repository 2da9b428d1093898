//! A paragraph: its verbatim text, when it was spoken, whether it is a
//! subhead, and its sentences and words, segmented on first use.
//!
//! The text is the paragraph's own, or a range of the file it was read from
//! ([`Source`]), shared by every paragraph read from it. A 12.8 MB Markdown
//! file of single-line paragraphs opens without copying its text: copying
//! 40,000 paragraphs into strings of their own (and the page faults of
//! 12.8 MB more memory) was most of the time to open it.

use std::fmt;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use once_cell::race::OnceBox;

use super::segment;
use super::span::Span;

/// The text a conversation was read from, shared by the paragraphs that
/// are ranges of it (see [`Paragraph::shared`]).
#[derive(Clone, Default)]
pub struct Source(Arc<Held>);

/// Text held somewhere other than a `String`: the store's memory map of a
/// large file, say. Whatever holds it must keep the same text at the same
/// place for as long as it lives (the paragraphs borrow from it).
pub trait SourceText: Send + Sync {
    fn text(&self) -> &str;

    /// The same text held a second time, if that is cheap (see
    /// [`Source::twin`]).
    fn twin(&self) -> Option<Box<dyn SourceText>> {
        None
    }
}

/// The source's text, owned, or held by a [`SourceText`]. An enum behind
/// one `Arc`, not an `Arc<dyn _>`, so a paragraph's reference to its
/// source stays one word.
enum Held {
    Own(String),
    Other(Box<dyn SourceText>),
}

impl Default for Held {
    fn default() -> Self {
        Held::Own(String::new())
    }
}

impl Source {
    pub fn new(text: String) -> Self {
        Self(Arc::new(Held::Own(text)))
    }

    /// A source whose text `held` keeps.
    pub fn held(held: Box<dyn SourceText>) -> Self {
        Self(Arc::new(Held::Other(held)))
    }

    /// The same text behind a count of its own, where it can be had
    /// without a copy, or else this source: paragraphs made on two threads
    /// at once from one count wait on each other (each paragraph adds to
    /// the count of the source it is a range of).
    pub fn twin(&self) -> Source {
        match &*self.0 {
            Held::Other(held) => held.twin().map_or_else(|| self.clone(), Source::held),
            Held::Own(_) => self.clone(),
        }
    }

    pub fn as_str(&self) -> &str {
        match &*self.0 {
            Held::Own(text) => text,
            Held::Other(held) => held.text(),
        }
    }
}

impl fmt::Debug for Source {
    /// Its size, not a copy of a file that may be megabytes.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Source({} bytes)", self.as_str().len())
    }
}

/// A paragraph's text: its own, or `source[start..end]`.
#[derive(Clone)]
enum Text {
    Own(Box<str>),
    Shared { source: Source, start: u32, end: u32 },
}

impl Text {
    fn as_str(&self) -> &str {
        match self {
            Text::Own(text) => text,
            // Checked to lie on character boundaries when made.
            Text::Shared { source, start, end } => &source.as_str()[*start as usize..*end as usize],
        }
    }
}

/// The segmentation, made on first use of either part: a paragraph never
/// drawn, searched or exported never has one (segmenting all of a 20 MB
/// text up front was most of the time to open it).
#[derive(Clone, Debug, Default)]
struct Segments {
    sentences: OnceLock<Vec<Span>>,
    words: OnceLock<Vec<Span>>,
}

/// A paragraph's verbatim text with its sentences and words.
#[derive(Clone)]
pub struct Paragraph {
    text: Text,
    /// One pointer until made (`OnceLock<Box<_>>` would be two words).
    segments: OnceBox<Segments>,
    /// Boxed twice so that the paragraphs with no time (most) spend one
    /// word on it: a paragraph is 48 bytes, and a search or an export makes
    /// every one of a large file's (see [`super::paragraphs`]).
    #[expect(clippy::box_collection, reason = "one word where a String is three")]
    time: Option<Box<String>>,
    head: bool,
    /// Empty or only whitespace (which a conversation refuses): found
    /// while the text is at hand, not by touching 40,000 paragraphs again.
    blank: bool,
}

impl fmt::Debug for Paragraph {
    /// The text, not the source it may be a range of.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Paragraph")
            .field("text", &self.text())
            .field("time", &self.time())
            .field("head", &self.head)
            .finish()
    }
}

/// Equal when the text and what the file says of it are: whether either has
/// been segmented yet, or owns its text, makes no difference.
impl PartialEq for Paragraph {
    fn eq(&self, other: &Self) -> bool {
        (self.text(), self.time(), self.head) == (other.text(), other.time(), other.head)
    }
}

impl Eq for Paragraph {}

impl Paragraph {
    /// A paragraph with its own text.
    pub fn owned(text: String) -> Self {
        Self::with(Text::Own(text.into_boxed_str()))
    }

    /// A paragraph whose text is `source[range]`, without a copy; `None`
    /// if the range is not on character boundaries of the source or lies
    /// past 4 GiB.
    pub fn shared(source: &Source, range: Range<usize>) -> Option<Self> {
        source.as_str().get(range.clone())?;
        let start = u32::try_from(range.start).ok()?;
        let end = u32::try_from(range.end).ok()?;
        Some(Self::with(Text::Shared { source: source.clone(), start, end }))
    }

    fn with(text: Text) -> Self {
        let blank = text.as_str().trim().is_empty();
        Self { text, segments: OnceBox::new(), time: None, head: false, blank }
    }

    /// Whether the text is empty or only whitespace.
    pub fn is_blank(&self) -> bool {
        self.blank
    }

    /// The text's length in bytes (without reading it).
    pub fn text_len(&self) -> usize {
        match &self.text {
            Text::Own(text) => text.len(),
            Text::Shared { start, end, .. } => (end - start) as usize,
        }
    }

    /// The same paragraph, spoken at `time` (as the source wrote it).
    pub fn at_time(mut self, time: String) -> Self {
        self.time = (!time.is_empty()).then(|| Box::new(time));
        self
    }

    /// The same paragraph, a subhead or not.
    pub fn as_head(mut self, head: bool) -> Self {
        self.head = head;
        self
    }

    pub fn text(&self) -> &str {
        self.text.as_str()
    }

    /// When it was spoken, as the source wrote it; `""` when not known.
    pub fn time(&self) -> &str {
        self.time.as_deref().map_or("", String::as_str)
    }

    /// Whether it is a subhead (drawn bold, coded like any text).
    pub fn is_head(&self) -> bool {
        self.head
    }

    fn segments(&self) -> &Segments {
        self.segments.get_or_init(Box::default)
    }

    /// Sentences tiling the text (see [`segment::sentences`]); never empty.
    pub fn sentences(&self) -> &[Span] {
        self.segments().sentences.get_or_init(|| segment::sentences(self.text()))
    }

    /// Words (see [`segment::words`]), in order.
    pub fn words(&self) -> &[Span] {
        self.segments().words.get_or_init(|| segment::words(self.text()))
    }

    /// The text of sentence `i`, if there is one.
    pub fn sentence_text(&self, i: usize) -> Option<&str> {
        self.sentences().get(i).map(|s| &self.text()[s.range()])
    }

    /// Index of the sentence containing byte offset `at` (the last one if `at`
    /// is at or past the end).
    pub fn sentence_at(&self, at: usize) -> usize {
        let sentences = self.sentences();
        let idx = sentences.partition_point(|s| (s.end as usize) <= at);
        idx.min(sentences.len().saturating_sub(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_at_finds_the_containing_sentence() {
        let p = Paragraph::owned("One. Two. Three.".into());
        assert_eq!(p.sentence_at(0), 0);
        assert_eq!(p.sentence_at(5), 1);
        assert_eq!(p.sentence_at(15), 2);
        assert_eq!(p.sentence_at(99), 2);
    }

    #[test]
    fn a_shared_paragraph_is_its_range_and_equals_an_owned_one() {
        let source = Source::new("“U.S.” — 👩‍👩‍👧 e\u{301}. Next.".into());
        let text = source.as_str();
        let p = Paragraph::shared(&source, 0..text.len()).expect("whole text");
        assert_eq!(p, Paragraph::owned(text.into()));
        assert_eq!(p.sentences().len(), 2);
        let last = text.find("Next").expect("there");
        let q = Paragraph::shared(&source, last..text.len()).expect("a range");
        assert_eq!(q.text(), "Next.");
        // Inside a character: refused, not cut.
        assert!(Paragraph::shared(&source, 1..4).is_none());
        assert!(Paragraph::shared(&source, 0..text.len() + 1).is_none());
        // Debug shows the paragraph's text, never the whole source.
        assert!(format!("{q:?}").contains("Next.") && !format!("{q:?}").contains("U.S."));
        let timed = q.clone().at_time("00:01".into()).as_head(true);
        assert_eq!((timed.time(), timed.is_head()), ("00:01", true));
        assert_ne!(timed, q);
        assert_eq!(q.clone().at_time(String::new()), q);
    }

    /// What every paragraph of a large file costs before the first frame.
    #[test]
    fn a_paragraph_is_six_words() {
        assert!(std::mem::size_of::<Paragraph>() <= 48);
    }
}
