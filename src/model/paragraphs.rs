//! A section's paragraphs: made, or ranges of the file they were read
//! from, made when first asked for.
//!
//! Making the 12.8 MB panel's 40,000 paragraphs took a millisecond of its
//! open on each core (48 bytes of fresh memory and a count on the source
//! each), all before a first frame that shows a few dozen. A large file's
//! plain section keeps a range per paragraph instead (8 bytes) and makes
//! its paragraphs a block at a time as one is asked for ([`Paragraphs::get`],
//! indexing), or all of them once the section is used as a slice (a search,
//! an export): it derefs to `[Paragraph]` either way. A paragraph whose
//! text needs decoding (Markdown's emphasis, links, escapes; lines to
//! join) is decoded when first asked for too: a reader's [`Decode`] of
//! its span. (Decoding all of a 12.8 MB file's paragraphs with emphasis in
//! each before the first frame made its open seven times as long.)

use std::fmt;
use std::ops::{Deref, DerefMut, Index, IndexMut, Range};
use std::sync::OnceLock;

use super::paragraph::{Paragraph, Source};

/// How many paragraphs of ranges are made at a time.
const BLOCK: usize = 64;

/// How many are made at a time where some are decoded: a frame shows a
/// few in each column, and decoding 64 to show 8 was a fifth of the open
/// of a large file with emphasis in every paragraph.
const DECODED_BLOCK: usize = 8;

/// How a reader makes a paragraph's text from its span of the source,
/// where that needs decoding: never blank where the span is not (the
/// reader keeps to that for the spans it hands over with it).
pub type Decode = fn(&str) -> String;

/// A section's paragraphs, in order.
#[derive(Default)]
pub struct Paragraphs {
    /// The paragraphs, if `ranges` is `None`; else empty.
    made: Vec<Paragraph>,
    ranges: Option<Box<Ranges>>,
}

/// Paragraphs that are ranges of a source, but for a few made already.
struct Ranges {
    source: Source,
    /// Each paragraph's text as a range of the source (unused for one in
    /// `made`): never blank, on character boundaries.
    spans: Vec<[u32; 2]>,
    /// The paragraphs that are not a range of the source, by place, in order.
    made: Vec<(usize, Paragraph)>,
    /// The places of the paragraphs whose text is their span decoded, in
    /// order (none of them in `made`): decoded as their block is made.
    later: Vec<u32>,
    decode: Decode,
    /// The paragraphs made a block at a time, as asked for.
    blocks: Box<[OnceLock<Box<[Paragraph]>>]>,
    /// How many a block holds: [`BLOCK`], or [`DECODED_BLOCK`] where some
    /// are decoded.
    block: usize,
    /// All of them, once the whole is asked for.
    all: OnceLock<Vec<Paragraph>>,
}

impl Paragraphs {
    /// Paragraphs made already.
    pub fn made(paragraphs: Vec<Paragraph>) -> Self {
        Self { made: paragraphs, ranges: None }
    }

    /// Paragraphs whose texts are `source[span]`, but where `made` gives
    /// the paragraph (by place, in order). The spans are the reader's
    /// word: each lies on character boundaries of the source and none is
    /// blank (a reader sees that while the text is at hand; it is not read
    /// again to check). A source past 4 GiB, a span past its end or `made`
    /// out of order makes every paragraph at once.
    #[cfg(test)]
    pub(crate) fn ranges(
        source: &Source,
        spans: Vec<[u32; 2]>,
        made: Vec<(usize, Paragraph)>,
    ) -> Self {
        Self::decoded(source, spans, made, Vec::new(), |text| text.to_owned())
    }

    /// [`Paragraphs::ranges`], where the paragraphs at places `later` (in
    /// order, none in `made`) are their spans' text by `decode`, decoded
    /// when first asked for.
    pub(crate) fn decoded(
        source: &Source,
        spans: Vec<[u32; 2]>,
        made: Vec<(usize, Paragraph)>,
        mut later: Vec<u32>,
        decode: Decode,
    ) -> Self {
        let len = source.as_str().len();
        let fits = spans.iter().all(|&[s, e]| s <= e && e as usize <= len)
            && ordered(made.iter().map(|m| m.0), spans.len())
            && ordered(later.iter().map(|&at| at as usize), spans.len())
            && later.iter().all(|&at| made.binary_search_by_key(&(at as usize), |m| m.0).is_err());
        if !fits {
            // Each still decoded (a place past the end is none, and one
            // made apart is the paragraph made).
            let apart: std::collections::HashSet<usize> = made.iter().map(|m| m.0).collect();
            later.sort_unstable();
            later.dedup();
            later.retain(|&at| (at as usize) < spans.len() && !apart.contains(&(at as usize)));
        }
        let block = if later.is_empty() { BLOCK } else { DECODED_BLOCK };
        let ranges = Ranges {
            source: source.clone(),
            spans,
            made,
            later,
            decode,
            blocks: Box::default(),
            block,
            all: OnceLock::new(),
        };
        if !fits {
            return Self::made(ranges.make_all());
        }
        let count = ranges.spans.len().div_ceil(ranges.block);
        let blocks = (0..count).map(|_| OnceLock::new()).collect();
        Self { made: Vec::new(), ranges: Some(Box::new(Ranges { blocks, ..ranges })) }
    }

    pub fn len(&self) -> usize {
        match &self.ranges {
            Some(r) => r.spans.len(),
            None => self.made.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Paragraph `i`, made with its block if it is not yet.
    pub fn get(&self, i: usize) -> Option<&Paragraph> {
        match &self.ranges {
            Some(r) => r.get(i),
            None => self.made.get(i),
        }
    }

    /// Paragraph `i`'s text, without making it (a range's text is read
    /// from the source): what hashing or joining every paragraph's text
    /// asks, where making 40,000 paragraphs to read their text was most of
    /// the time.
    pub fn text(&self, i: usize) -> &str {
        let Some(r) = &self.ranges else { return self.made[i].text() };
        if let Some(all) = r.all.get() {
            return all[i].text();
        }
        if let Ok(at) = r.find(i) {
            return r.made[at].1.text();
        }
        if r.is_later(i) {
            return self[i].text();
        }
        let [start, end] = r.spans[i];
        match r.source.as_str().get(start as usize..end as usize) {
            Some(text) => text,
            // Not on character boundaries (which the reader rules out):
            // the paragraph made says what it holds.
            None => self[i].text(),
        }
    }

    /// Whether paragraph `i` is empty or only whitespace, without making it.
    pub fn is_blank(&self, i: usize) -> bool {
        match &self.ranges {
            Some(r) => match r.find(i) {
                Ok(at) => r.made[at].1.is_blank(),
                Err(_) => r.is_later(i) && self[i].is_blank(),
            },
            None => self.made[i].is_blank(),
        }
    }

    /// Paragraph `i`'s length in bytes, without making it.
    pub fn text_len(&self, i: usize) -> usize {
        match &self.ranges {
            Some(r) => match r.find(i) {
                Ok(at) => r.made[at].1.text_len(),
                Err(_) if r.is_later(i) => self[i].text_len(),
                Err(_) => (r.spans[i][1] - r.spans[i][0]) as usize,
            },
            None => self.made[i].text_len(),
        }
    }

    /// The paragraphs as a vector to change (all made first).
    pub fn to_mut(&mut self) -> &mut Vec<Paragraph> {
        if let Some(mut r) = self.ranges.take() {
            self.made = r.all.take().unwrap_or_else(|| r.make_all());
        }
        &mut self.made
    }

    /// The paragraphs, made.
    pub fn into_vec(mut self) -> Vec<Paragraph> {
        std::mem::take(self.to_mut())
    }

    pub fn push(&mut self, paragraph: Paragraph) {
        self.to_mut().push(paragraph);
    }

    /// The paragraphs that may have a time or be a subhead, without making
    /// any: all of them, but of ranges of a source (which have neither)
    /// only those made apart.
    pub fn may_be_marked(&self) -> impl Iterator<Item = &Paragraph> {
        self.not_ranges().map(|(_, p)| p)
    }

    /// The places of the paragraphs that are not ranges of a source: all
    /// of them, if they are made; else those made apart (decoded, say; not
    /// those decoded when asked for, which their reader vouches for).
    pub fn made_places(&self) -> impl Iterator<Item = usize> + '_ {
        self.not_ranges().map(|(i, _)| i)
    }

    /// The paragraphs that are not ranges of a source, with their places.
    fn not_ranges(&self) -> impl Iterator<Item = (usize, &Paragraph)> {
        let (made, apart) = match &self.ranges {
            Some(r) => (&[][..], &r.made[..]),
            None => (&self.made[..], &[][..]),
        };
        made.iter().enumerate().chain(apart.iter().map(|(i, p)| (*i, p)))
    }

    /// Whether the paragraphs are ranges still made on first use (for
    /// tests of what a step makes).
    pub fn are_ranges(&self) -> bool {
        self.ranges.is_some()
    }

    /// How many of the paragraphs are made so far.
    pub fn made_so_far(&self) -> usize {
        match &self.ranges {
            Some(r) if r.all.get().is_some() => r.spans.len(),
            Some(r) => r.blocks.iter().filter_map(|b| b.get()).map(|b| b.len()).sum(),
            None => self.made.len(),
        }
    }
}

impl Ranges {
    /// Where paragraph `i` is in `made`, if it is there.
    fn find(&self, i: usize) -> Result<usize, usize> {
        self.made.binary_search_by_key(&i, |m| m.0)
    }

    /// Whether paragraph `i` is one decoded when it is made.
    fn is_later(&self, i: usize) -> bool {
        u32::try_from(i).is_ok_and(|i| self.later.binary_search(&i).is_ok())
    }

    fn get(&self, i: usize) -> Option<&Paragraph> {
        if let Some(all) = self.all.get() {
            return all.get(i);
        }
        let size = self.block;
        let block = self.blocks.get(i / size)?;
        let start = i / size * size;
        let made = block.get_or_init(|| self.make(start..(start + size).min(self.spans.len())));
        made.get(i % size)
    }

    fn make(&self, places: Range<usize>) -> Box<[Paragraph]> {
        let mut made =
            self.made[self.find(places.start).unwrap_or_else(|at| at)..].iter().peekable();
        let first = self.later.partition_point(|&at| (at as usize) < places.start);
        let mut later = self.later[first..].iter().peekable();
        let len = self.source.as_str().len();
        places
            .map(|i| {
                if let Some((_, p)) = made.next_if(|m| m.0 == i) {
                    return p.clone();
                }
                let [start, end] = self.spans[i].map(|at| (at as usize).min(len));
                match (later.next_if(|&&at| at as usize == i), self.source.as_str().get(start..end))
                {
                    (Some(_), Some(text)) => Paragraph::owned((self.decode)(text)),
                    _ => from_source(&self.source, start..end),
                }
            })
            .collect()
    }

    /// Every paragraph: those of the blocks made already as they were
    /// made (not decoded again), the rest made now.
    fn make_all(&self) -> Vec<Paragraph> {
        if self.blocks.is_empty() {
            return self.make(0..self.spans.len()).into_vec();
        }
        let mut all = Vec::with_capacity(self.spans.len());
        for (k, block) in self.blocks.iter().enumerate() {
            let places = k * self.block..((k + 1) * self.block).min(self.spans.len());
            match block.get() {
                Some(made) => all.extend(made.iter().cloned()),
                None => all.extend(self.make(places).into_vec()),
            }
        }
        all
    }

    fn all(&self) -> &[Paragraph] {
        self.all.get_or_init(|| self.make_all())
    }
}

/// Whether `places` are in order, each below `len`.
fn ordered(places: impl Iterator<Item = usize>, len: usize) -> bool {
    let mut last = None;
    for at in places {
        if at >= len || last.is_some_and(|l| l >= at) {
            return false;
        }
        last = Some(at);
    }
    true
}

/// `source[span]` as a paragraph: a range of it, or (were the span not on
/// character boundaries, which the reader rules out) a copy of the bytes
/// with what is not UTF-8 replaced, rather than losing the text.
fn from_source(source: &Source, span: Range<usize>) -> Paragraph {
    Paragraph::shared(source, span.clone()).unwrap_or_else(|| {
        let bytes = source.as_str().as_bytes().get(span).unwrap_or_default();
        Paragraph::owned(String::from_utf8_lossy(bytes).into_owned())
    })
}

impl Deref for Paragraphs {
    type Target = [Paragraph];

    fn deref(&self) -> &[Paragraph] {
        match &self.ranges {
            Some(r) => r.all(),
            None => &self.made,
        }
    }
}

impl DerefMut for Paragraphs {
    fn deref_mut(&mut self) -> &mut [Paragraph] {
        self.to_mut()
    }
}

impl Index<usize> for Paragraphs {
    type Output = Paragraph;

    /// Paragraph `i` (see [`Paragraphs::get`]); past the end panics, as a
    /// slice's index does.
    fn index(&self, i: usize) -> &Paragraph {
        let len = self.len();
        self.get(i).unwrap_or_else(|| panic!("paragraph {i} of {len}"))
    }
}

impl IndexMut<usize> for Paragraphs {
    /// Paragraph `i` to change (all made first: see [`Paragraphs::to_mut`]).
    fn index_mut(&mut self, i: usize) -> &mut Paragraph {
        &mut self.to_mut()[i]
    }
}

impl Clone for Paragraphs {
    /// The same paragraphs (ranges stay ranges, made afresh when asked).
    fn clone(&self) -> Self {
        match &self.ranges {
            Some(r) => {
                Self::decoded(&r.source, r.spans.clone(), r.made.clone(), r.later.clone(), r.decode)
            }
            None => Self::made(self.made.clone()),
        }
    }
}

impl fmt::Debug for Paragraphs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl PartialEq for Paragraphs {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && **self == **other
    }
}

impl Eq for Paragraphs {}

impl From<Vec<Paragraph>> for Paragraphs {
    fn from(paragraphs: Vec<Paragraph>) -> Self {
        Self::made(paragraphs)
    }
}

impl FromIterator<Paragraph> for Paragraphs {
    fn from_iter<I: IntoIterator<Item = Paragraph>>(iter: I) -> Self {
        Self::made(iter.into_iter().collect())
    }
}

impl IntoIterator for Paragraphs {
    type Item = Paragraph;
    type IntoIter = std::vec::IntoIter<Paragraph>;

    fn into_iter(self) -> Self::IntoIter {
        self.into_vec().into_iter()
    }
}

impl<'a> IntoIterator for &'a Paragraphs {
    type Item = &'a Paragraph;
    type IntoIter = std::slice::Iter<'a, Paragraph>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl Extend<Paragraph> for Paragraphs {
    fn extend<I: IntoIterator<Item = Paragraph>>(&mut self, iter: I) {
        self.to_mut().extend(iter);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A source of lines (each a paragraph's text, trimmed where spans
    /// point), the spans of its lines, and the same made one by one.
    fn lines(texts: &[&str]) -> (Source, Vec<[u32; 2]>, Vec<Paragraph>) {
        let whole = texts.iter().map(|t| format!("  {t}\n")).collect::<String>();
        let source = Source::new(whole);
        let (mut spans, mut at) = (Vec::new(), 0);
        for t in texts {
            spans.push([at as u32 + 2, (at + 2 + t.len()) as u32]);
            at += t.len() + 3;
        }
        let made = texts.iter().map(|t| Paragraph::owned((*t).into())).collect();
        (source, spans, made)
    }

    const TEXTS: [&str; 6] =
        ["“U.S.” — the ban.", "TikTok 的 用户", "👩‍👩‍👧 e\u{301}.", "Plain.", "x", "Last one."];

    #[test]
    fn ranges_are_the_paragraphs_they_stand_for() {
        let (source, spans, made) = lines(&TEXTS);
        // The third is made apart (decoded, say): its span is not used.
        let decoded = Paragraph::owned("Decoded *here*.".into());
        let mut expected = made.clone();
        expected[2] = decoded.clone();
        let p = Paragraphs::ranges(&source, spans, vec![(2, decoded)]);
        assert!(p.are_ranges());
        assert_eq!(p.len(), 6);
        assert_eq!(p.made_so_far(), 0);
        assert_eq!((p.text_len(0), p.text_len(2)), ("“U.S.” — the ban.".len(), 15));
        assert!((0..6).all(|i| !p.is_blank(i)));
        assert_eq!(p[2].text(), "Decoded *here*.");
        assert_eq!(p.get(6), None);
        // The texts are the source's own, not copies.
        let bytes = source.as_str().as_bytes().as_ptr_range();
        assert!(bytes.contains(&p[0].text().as_ptr()) && !bytes.contains(&p[2].text().as_ptr()));
        assert_eq!(p, Paragraphs::made(expected.clone()));
        assert_eq!(p.clone(), p);
        assert!(p.clone().are_ranges());
        assert_eq!(format!("{p:?}"), format!("{expected:?}"));
        assert_eq!(p.into_vec(), expected);
    }

    fn apart_b() -> Vec<(usize, Paragraph)> {
        vec![(1, Paragraph::owned("B".into()))]
    }

    #[test]
    fn paragraphs_to_decode_are_decoded_with_their_block_and_once() {
        use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
        static CALLS: AtomicUsize = AtomicUsize::new(0);
        fn upper(text: &str) -> String {
            CALLS.fetch_add(1, Relaxed);
            text.to_uppercase()
        }
        let (source, spans, _) = lines(&TEXTS);
        let apart = vec![(2, Paragraph::owned("Apart.".into()))];
        let p = Paragraphs::decoded(&source, spans, apart, vec![0, 3], upper);
        assert!(p.are_ranges());
        assert_eq!((p.len(), CALLS.load(Relaxed)), (6, 0));
        // Only what was made apart is for the conversation's check.
        assert_eq!(p.made_places().collect::<Vec<_>>(), [2]);
        assert_eq!((p.text(3), p.text(1)), ("PLAIN.", TEXTS[1]));
        // The block of paragraph 3 is made, 0 decoded with it.
        assert_eq!((CALLS.load(Relaxed), p.made_so_far()), (2, DECODED_BLOCK.min(6)));
        assert_eq!(p.text_len(0), "“U.S.” — THE BAN.".len());
        assert!(!p.is_blank(0));
        assert_eq!(p[0].text(), "“U.S.” — THE BAN.");
        let all: Vec<&str> = p.iter().map(Paragraph::text).collect();
        assert_eq!(all, ["“U.S.” — THE BAN.", TEXTS[1], "Apart.", "PLAIN.", "x", "Last one."]);
        assert_eq!(CALLS.load(Relaxed), 2);
        assert_eq!(p.clone(), p);
        // Places out of order, past the end or made apart: all made at once.
        let (source, spans, _) = lines(&TEXTS);
        let wrong = Paragraphs::decoded(&source, spans.clone(), Vec::new(), vec![4, 1, 9], upper);
        assert!(!wrong.are_ranges());
        assert_eq!(wrong[4].text(), "X");
        let both = Paragraphs::decoded(&source, spans, apart_b(), vec![1, 3], upper);
        assert!(!both.are_ranges());
        assert_eq!((both[1].text(), both[3].text()), ("B", "PLAIN."));
    }

    #[test]
    fn a_paragraph_asked_for_makes_its_block_and_a_slice_makes_all() {
        let texts: Vec<String> = (0..200).map(|i| format!("Paragraph {i}.")).collect();
        let (source, spans, _) = lines(&texts.iter().map(String::as_str).collect::<Vec<_>>());
        let p = Paragraphs::ranges(&source, spans, Vec::new());
        assert_eq!(p[130].text(), "Paragraph 130.");
        assert_eq!(p.made_so_far(), BLOCK);
        assert_eq!(p.get(199).map(Paragraph::text), Some("Paragraph 199."));
        assert_eq!(p.made_so_far(), BLOCK + 200 % BLOCK);
        // Counting, checking and times make nothing more.
        assert_eq!((p.len(), p.may_be_marked().count(), p.made_places().count()), (200, 0, 0));
        assert_eq!(p.made_so_far(), BLOCK + 200 % BLOCK);
        assert_eq!(p.iter().filter(|q| q.text().ends_with("9.")).count(), 20);
        assert_eq!(p.made_so_far(), 200);
        // Asked again after the slice is made: the same answer.
        assert_eq!(p[5].text(), "Paragraph 5.");
    }

    #[test]
    fn a_change_makes_them_all_and_keeps_every_one() {
        let (source, spans, made) = lines(&TEXTS);
        let mut p = Paragraphs::ranges(&source, spans.clone(), Vec::new());
        p.push(Paragraph::owned("Added.".into()));
        assert!(!p.are_ranges());
        assert_eq!(p.len(), 7);
        assert_eq!(&(*p)[..6], &made[..]);
        let mut q = Paragraphs::ranges(&source, spans, Vec::new());
        q[1] = Paragraph::owned("Changed.".into());
        assert_eq!((q[0].text(), q[1].text(), q.len()), (TEXTS[0], "Changed.", 6));
        q.extend([Paragraph::owned("More.".into())]);
        assert_eq!(q.iter().last().map(Paragraph::text), Some("More."));
    }

    /// What a reader must not hand over (a span past the end, or inside a
    /// character; places made apart out of order or past the end) is made
    /// at once or copied, never a panic, and no text is lost.
    #[test]
    fn spans_that_break_the_rules_are_made_at_once() {
        let source = Source::new("é and more".into());
        let past = Paragraphs::ranges(&source, vec![[0, 2], [3, 99]], Vec::new());
        assert!(!past.are_ranges());
        assert_eq!((past[0].text(), past[1].text()), ("é", "and more"));
        let inside = Paragraphs::ranges(&source, vec![[1, 6]], Vec::new());
        assert_eq!(inside[0].text(), "\u{FFFD} and");
        let one = || Paragraph::owned("one".into());
        let disorder =
            Paragraphs::ranges(&source, vec![[0, 2], [3, 6]], vec![(1, one()), (0, one())]);
        assert!(!disorder.are_ranges());
        assert_eq!(disorder.len(), 2);
        let beyond = Paragraphs::ranges(&source, vec![[0, 2]], vec![(5, one())]);
        assert_eq!((beyond.len(), beyond[0].text()), (1, "é"));
    }

    proptest! {
        /// Asked for one by one in any order, or as a slice, ranges are the
        /// paragraphs made one by one.
        #[test]
        fn ranges_asked_in_any_order_are_the_made_paragraphs(
            count in 0usize..300,
            apart in prop::collection::btree_set(0usize..300, 0..10),
            later in prop::collection::btree_set(0usize..300, 0..40),
            asks in prop::collection::vec(0usize..320, 0..40),
        ) {
            fn decode(text: &str) -> String {
                format!("decoded {text}")
            }
            let texts: Vec<String> = (0..count).map(|i| format!("“{i}” — 的 {i}")).collect();
            let (source, spans, mut made) = lines(&texts.iter().map(String::as_str).collect::<Vec<_>>());
            let apart: Vec<(usize, Paragraph)> = apart
                .into_iter()
                .filter(|&i| i < count)
                .map(|i| (i, Paragraph::owned(format!("apart {i}"))))
                .collect();
            for (i, p) in &apart {
                made[*i] = p.clone();
            }
            let later: Vec<u32> = later
                .into_iter()
                .filter(|&i| i < count && apart.iter().all(|a| a.0 != i))
                .map(|i| i as u32)
                .collect();
            for &i in &later {
                made[i as usize] = Paragraph::owned(decode(&texts[i as usize]));
            }
            let p = Paragraphs::decoded(&source, spans, apart, later, decode);
            for i in asks {
                prop_assert_eq!(p.get(i), made.get(i));
            }
            prop_assert_eq!(&*p, &made[..]);
        }
    }
}
