//! Small things that keep loading a large annotation file cheap: per
//! highlight, no set built, no id copied, no time parsed twice; and the
//! file's positions (paragraph, code point) turned into the text's.

use std::collections::HashSet;

use jiff::Timestamp;

use super::super::Conversation;
use super::super::voicetext::{PARAGRAPH_SEPARATOR, Pos, byte_of_char, floor_char_boundary};
use super::file::FilePos;

/// Drops tags named again on the same highlight (a merge of two coders'
/// files can do that), keeping each where it came first. A highlight has a
/// few tags: compared pairwise, no set built.
pub(super) fn dedup_tags(tags: &mut Vec<String>) {
    if tags.len() < 2 {
        return;
    }
    if tags.len() <= 16 {
        let mut i = 1;
        while i < tags.len() {
            if tags[..i].contains(&tags[i]) {
                tags.remove(i);
            } else {
                i += 1;
            }
        }
    } else {
        let mut named = HashSet::with_capacity(tags.len());
        tags.retain(|t| named.insert(t.clone()));
    }
}

/// The index of the first id that an earlier one repeats, if any.
pub(super) fn first_duplicate<'a>(ids: impl ExactSizeIterator<Item = &'a str>) -> Option<usize> {
    let mut seen = HashSet::with_capacity(ids.len());
    ids.enumerate().find(|(_, id)| !seen.insert(*id)).map(|(i, _)| i)
}

/// Parses RFC 3339 times, remembering the last one: a highlight's
/// `modified` is often its `created`, and highlights made in one session
/// often share a time.
#[derive(Default)]
pub(super) struct Times {
    text: String,
    time: Option<Timestamp>,
}

impl Times {
    pub(super) fn parse(&mut self, value: &str) -> Option<Timestamp> {
        if let Some(time) = self.time.filter(|_| self.text == value) {
            return Some(time);
        }
        let time = value.parse().ok()?;
        self.text.clear();
        self.text.push_str(value);
        self.time = Some(time);
        Some(time)
    }
}

/// `FilePos` → `Pos` in the current text, or `None` if it is not inside it.
pub(super) fn to_pos(doc: &Conversation, voice: usize, at: FilePos) -> Option<Pos> {
    let v = &doc.voices()[voice];
    let para = at.paragraph.checked_sub(1)?;
    let text = doc.paragraph(v.paragraphs.get(para)?).text();
    Some(Pos::new(para, byte_of_char(text, at.char)?))
}

/// [`to_pos`] counted on from the last position it found when the next is
/// later in the same paragraph, as it is in a file crosstalk wrote (sorted
/// by voice and position): a long paragraph with many highlights costs its
/// length once, not once per highlight. Anything else counts from the
/// paragraph's start.
#[derive(Clone, Copy, Default)]
pub(super) struct Cursor {
    /// Voice, the file's paragraph (1-based), its code point, and where
    /// that is in the text.
    last: Option<(usize, usize, usize, Pos)>,
}

impl Cursor {
    pub(super) fn find(&mut self, doc: &Conversation, voice: usize, at: FilePos) -> Option<Pos> {
        let found = match self.last {
            Some((v, para, char, pos)) if v == voice && para == at.paragraph && at.char >= char => {
                let text =
                    doc.paragraph(doc.voices()[voice].paragraphs.at(pos.para as usize)).text();
                let rest = &text[pos.byte as usize..];
                Pos::new(pos.para as usize, pos.byte as usize + byte_of_char(rest, at.char - char)?)
            }
            _ => to_pos(doc, voice, at)?,
        };
        self.last = Some((voice, at.paragraph, at.char, found));
        Some(found)
    }

    /// A highlight's start and end: the start counted on from the last
    /// start, the end from its start when it was found.
    pub(super) fn span(
        &mut self,
        doc: &Conversation,
        voice: usize,
        start: FilePos,
        end: FilePos,
    ) -> (Option<Pos>, Option<Pos>) {
        let s = self.find(doc, voice, start);
        let mut from_start = *self;
        (s, from_start.find(doc, voice, end))
    }
}

/// `Pos` → `FilePos` (paragraph 1-based, code points before it; a paragraph
/// past the voice's end is its last), counted on from the last position
/// when the next is later in the same paragraph, as it is when a file is
/// written from highlights in order: a long paragraph with many highlights
/// costs its length once, not once per highlight.
#[derive(Clone, Copy, Default)]
pub(super) struct Counter {
    /// Voice, paragraph (0-based), byte (a char boundary) and its code point.
    last: Option<(usize, usize, usize, usize)>,
}

impl Counter {
    pub(super) fn file_pos(&mut self, doc: &Conversation, voice: usize, pos: Pos) -> FilePos {
        let v = &doc.voices()[voice];
        let para = (pos.para as usize).min(v.paragraphs.len() - 1);
        let text = doc.paragraph(v.paragraphs.at(para)).text();
        let byte = floor_char_boundary(text, pos.byte as usize);
        let char = match self.last {
            Some((lv, lp, lb, lc)) if lv == voice && lp == para && lb <= byte => {
                lc + text[lb..byte].chars().count()
            }
            _ => text[..byte].chars().count(),
        };
        self.last = Some((voice, para, byte, char));
        FilePos { paragraph: para + 1, char }
    }

    /// A highlight's start and end: the start counted on from the last
    /// start, the end from its start (so nested and overlapping highlights
    /// in a long paragraph are cheap too).
    pub(super) fn span(
        &mut self,
        doc: &Conversation,
        voice: usize,
        start: Pos,
        end: Pos,
    ) -> (FilePos, FilePos) {
        let s = self.file_pos(doc, voice, start);
        let mut from_start = *self;
        (s, from_start.file_pos(doc, voice, end))
    }
}

/// `FilePos` → the nearest `Pos` in the current text (for orphans and hints).
pub(super) fn clamp_pos(doc: &Conversation, voice: usize, at: FilePos) -> Pos {
    let v = &doc.voices()[voice];
    let para = at.paragraph.saturating_sub(1).min(v.paragraphs.len() - 1);
    let text = doc.paragraph(v.paragraphs.at(para)).text();
    Pos::new(para, byte_of_char(text, at.char).unwrap_or(text.len()))
}

/// Whether `[start, end)` of `voice` reads `exact` (paragraphs joined by
/// the separator), without building the text.
pub(super) fn text_matches(
    doc: &Conversation,
    voice: usize,
    start: Pos,
    end: Pos,
    exact: &str,
) -> bool {
    let v = &doc.voices()[voice];
    let mut rest = exact;
    for para in start.para..=end.para {
        let text = doc.paragraph(v.paragraphs.at(para as usize)).text();
        if para > start.para {
            let Some(r) = rest.strip_prefix(PARAGRAPH_SEPARATOR) else { return false };
            rest = r;
        }
        let from = if para == start.para { start.byte as usize } else { 0 };
        let to = if para == end.para { end.byte as usize } else { text.len() };
        let Some(piece) = text.get(from..to) else { return false };
        let Some(r) = rest.strip_prefix(piece) else { return false };
        rest = r;
    }
    rest.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_named_twice_are_kept_once_where_they_came_first() {
        let mut tags: Vec<String> = ["b", "a", "b", "c", "a"].map(String::from).into();
        dedup_tags(&mut tags);
        assert_eq!(tags, ["b", "a", "c"]);
        let mut many: Vec<String> = (0..40).map(|i| format!("t{}", i % 20)).collect();
        dedup_tags(&mut many);
        assert_eq!(many, (0..20).map(|i| format!("t{i}")).collect::<Vec<_>>());
    }

    #[test]
    fn the_cursor_finds_what_to_pos_finds_in_any_order() {
        use crate::model::testing::conversation;
        let doc = conversation(&[&["Ünï “U.S.” — 微信 👩‍👩‍👧 e\u{301}nd.", "Two"], &["Three"]]);
        let mut places = Vec::new();
        for voice in 0..2 {
            for paragraph in 0..=3 {
                for char in 0..40 {
                    places.push((voice, FilePos { paragraph, char }));
                }
            }
        }
        // In order, backwards, and shuffled by a fixed stride.
        let n = places.len();
        let orders: [Vec<usize>; 3] =
            [(0..n).collect(), (0..n).rev().collect(), (0..n).map(|i| (i * 37) % n).collect()];
        for order in orders {
            let mut cursor = Cursor::default();
            for (k, &i) in order.iter().enumerate() {
                let (voice, at) = places[i];
                assert_eq!(cursor.find(&doc, voice, at), to_pos(&doc, voice, at), "{at:?}");
                // A span: the end counted on from its start, wherever that is.
                let (_, end) = places[order[(k + 5) % n]];
                let (s, e) = cursor.span(&doc, voice, at, end);
                assert_eq!(s, to_pos(&doc, voice, at), "{at:?}");
                assert_eq!(e, to_pos(&doc, voice, end), "{at:?} → {end:?}");
            }
        }
    }

    #[test]
    fn the_counter_counts_what_a_count_from_the_start_counts() {
        use crate::model::testing::conversation;
        use crate::model::voicetext::chars_before;
        let doc = conversation(&[&["Ünï “U.S.” — 微信 👩‍👩‍👧 e\u{301}nd.", "Two"], &["Three"]]);
        let mut places = Vec::new();
        for voice in 0..2 {
            for para in 0..=3 {
                for byte in 0..60 {
                    places.push((voice, Pos::new(para, byte)));
                }
            }
        }
        let expected = |voice: usize, pos: Pos| {
            let v = &doc.voices()[voice];
            let para = (pos.para as usize).min(v.paragraphs.len() - 1);
            let text = doc.paragraph(v.paragraphs.at(para)).text();
            FilePos { paragraph: para + 1, char: chars_before(text, pos.byte as usize) }
        };
        let n = places.len();
        let orders: [Vec<usize>; 3] =
            [(0..n).collect(), (0..n).rev().collect(), (0..n).map(|i| (i * 37) % n).collect()];
        for order in orders {
            let mut counter = Counter::default();
            for (k, &i) in order.iter().enumerate() {
                let (voice, pos) = places[i];
                let (_, end) = places[order[(k + 5) % n]];
                let (s, e) = counter.span(&doc, voice, pos, end);
                assert_eq!(s, expected(voice, pos), "{pos:?}");
                assert_eq!(e, expected(voice, end), "{pos:?} → {end:?}");
            }
        }
    }

    #[test]
    fn the_first_repeated_id_is_found() {
        assert_eq!(first_duplicate(["a", "b", "c"].into_iter()), None);
        assert_eq!(first_duplicate(["a", "b", "a", "b"].into_iter()), Some(2));
    }

    #[test]
    fn times_parse_as_jiff_does_and_bad_ones_fail() {
        let mut times = Times::default();
        let a = "2023-11-14T22:13:20Z";
        assert_eq!(times.parse(a), a.parse().ok());
        assert_eq!(times.parse(a), a.parse().ok());
        assert_eq!(times.parse("2023-11-14T22:13:21+01:00"), "2023-11-14T21:13:21Z".parse().ok());
        assert_eq!(times.parse("yesterday"), None);
        assert_eq!(times.parse("2023-11-14T22:13:21+01:00"), "2023-11-14T21:13:21Z".parse().ok());
    }
}
