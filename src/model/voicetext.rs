//! A voice as one text: its paragraphs joined by a blank line ("\n\n").
//!
//! Quotes, their context and exported positions are taken from this text,
//! so a highlight that spans paragraphs quotes them with the blank line
//! between, and code-point offsets mean the same thing in every format.

use super::{Conversation, Voice};

/// What separates paragraphs in a voice's text.
pub const PARAGRAPH_SEPARATOR: &str = "\n\n";

/// A position in a voice: paragraph `para` (index into the voice's
/// paragraphs) at byte `byte` of its text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    pub para: u32,
    pub byte: u32,
}

impl Pos {
    pub fn new(para: usize, byte: usize) -> Self {
        Self { para: para as u32, byte: byte as u32 }
    }
}

/// The joined text of one voice, with where each paragraph starts in it.
#[derive(Clone, Debug)]
pub struct VoiceText {
    pub text: String,
    /// Byte offset of each paragraph in `text`.
    pub starts: Vec<usize>,
    /// Code-point offset of each paragraph in `text`.
    pub char_starts: Vec<usize>,
}

impl VoiceText {
    pub fn new(doc: &Conversation, voice: &Voice) -> Self {
        let mut text = String::new();
        let mut starts = Vec::with_capacity(voice.paragraphs.len());
        let mut char_starts = Vec::with_capacity(voice.paragraphs.len());
        let mut chars = 0;
        // Texts read where they lie: no paragraph made, no list of places.
        for (i, r) in voice.paragraphs.places().enumerate() {
            if i > 0 {
                text.push_str(PARAGRAPH_SEPARATOR);
                chars += PARAGRAPH_SEPARATOR.len();
            }
            starts.push(text.len());
            char_starts.push(chars);
            let p = doc.paragraph_text(r);
            text.push_str(p);
            chars += p.chars().count();
        }
        Self { text, starts, char_starts }
    }

    /// Byte offset in the joined text of `pos` (clamped to the text).
    pub fn offset(&self, pos: Pos) -> usize {
        let para = (pos.para as usize).min(self.starts.len().saturating_sub(1));
        let end =
            self.starts.get(para + 1).map_or(self.text.len(), |s| s - PARAGRAPH_SEPARATOR.len());
        (self.starts.get(para).copied().unwrap_or(0) + pos.byte as usize).min(end)
    }

    /// The position of byte `offset` of the joined text. An offset inside a
    /// separator maps to the end of the paragraph before it.
    pub fn pos(&self, offset: usize) -> Pos {
        let para = self.starts.partition_point(|&s| s <= offset).saturating_sub(1);
        let end =
            self.starts.get(para + 1).map_or(self.text.len(), |s| s - PARAGRAPH_SEPARATOR.len());
        Pos::new(para, offset.min(end) - self.starts[para])
    }

    /// Code-point offset of byte `offset`.
    pub fn char_offset(&self, offset: usize) -> usize {
        let para = self.starts.partition_point(|&s| s <= offset).saturating_sub(1);
        let start = self.starts.get(para).copied().unwrap_or(0);
        let offset = floor_char_boundary(&self.text, offset);
        self.char_starts.get(para).copied().unwrap_or(0) + self.text[start..offset].chars().count()
    }
}

/// The largest char boundary of `text` at or below `at`.
pub fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Code points of a paragraph's text up to byte `byte`.
pub fn chars_before(text: &str, byte: usize) -> usize {
    text[..floor_char_boundary(text, byte)].chars().count()
}

/// The byte offset of code point `char` in `text`, or `None` past its end.
///
/// Loading a file asks this twice per highlight, so it counts in bulk: the
/// code point sits at least as many bytes further on as there are code
/// points still to pass, so those bytes are counted at once (eight at a
/// time) until none are left to pass; ASCII takes one round.
pub fn byte_of_char(text: &str, char: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let (mut at, mut to_pass) = (0, char);
    while to_pass > 0 {
        if at >= bytes.len() {
            return None;
        }
        let end = (at + to_pass).min(bytes.len());
        to_pass -= code_points_starting(&bytes[at..end]);
        at = end;
    }
    // Inside the code point before the one wanted: on to its end.
    while at < bytes.len() && (bytes[at] as i8) < -0x40 {
        at += 1;
    }
    Some(at)
}

/// How many of `bytes` start a code point (are not `0b10xx_xxxx`), eight
/// at a time.
fn code_points_starting(bytes: &[u8]) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut words = bytes.chunks_exact(8);
    let mut continuations = 0;
    for word in &mut words {
        let w = u64::from_le_bytes(word.try_into().expect("eight bytes"));
        // Bit 7 set and bit 6 clear, in every byte.
        continuations += (w & !(w << 1) & HIGH).count_ones() as usize;
    }
    let tail = words.remainder().iter().filter(|&&b| (b as i8) < -0x40).count();
    bytes.len() - continuations - tail
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain definition `byte_of_char` must agree with.
    fn slow(text: &str, char: usize) -> Option<usize> {
        text.char_indices().map(|(i, _)| i).chain(std::iter::once(text.len())).nth(char)
    }

    #[test]
    fn byte_of_char_agrees_with_char_indices() {
        let texts = [
            String::new(),
            "plain ascii".into(),
            "“moral equivalence” — 微信 抖音。 👩\u{200d}👩\u{200d}👧 e\u{301}".into(),
            "é".repeat(100) + &"a".repeat(70) + &"微".repeat(40),
            "a".repeat(130) + "👩\u{200d}👧",
        ];
        for text in &texts {
            for char in 0..text.chars().count() + 3 {
                assert_eq!(byte_of_char(text, char), slow(text, char), "{text:?} {char}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn byte_of_char_agrees_on_any_text(text in ".{0,200}", char in 0usize..250) {
            proptest::prop_assert_eq!(byte_of_char(&text, char), slow(&text, char));
        }
    }
}
