//! The hash of a conversation's text that an annotation file records
//! (`text_hash`), so a file made on other text is found again rather than
//! trusted. Computed on first need and kept: opening a large file that has
//! no annotations yet never pays for it (a 12.8 MB text costs about 10 ms),
//! and the saving thread pays it once, off the input path.

use std::sync::OnceLock;

use sha2::{Digest, Sha256};

use super::Conversation;
use super::voicetext::PARAGRAPH_SEPARATOR;

/// The hash once computed. Equal to any other: it is derived from the
/// text, so two conversations are equal or not by their text alone.
#[derive(Clone, Debug, Default)]
pub(super) struct Cell(OnceLock<String>);

impl PartialEq for Cell {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Cell {}

impl Cell {
    pub(super) fn get(&self, doc: &Conversation) -> &str {
        self.0.get_or_init(|| compute(doc))
    }
}

/// `sha256:` and the hex digest of every voice's text, in contributor order.
fn compute(doc: &Conversation) -> String {
    let mut hasher = Sha256::new();
    for voice in doc.voices() {
        hasher.update(doc.contributors[voice.contributor].id.as_bytes());
        hasher.update([0x1f]);
        // Texts read where they lie: no paragraph made, no list of places.
        for (i, r) in voice.paragraphs.places().enumerate() {
            if i > 0 {
                hasher.update(PARAGRAPH_SEPARATOR.as_bytes());
            }
            hasher.update(doc.paragraph_text(r).as_bytes());
        }
        hasher.update([0x1e]);
    }
    let digest = hasher.finalize();
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256:");
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::model::testing::conversation;

    #[test]
    fn the_hash_is_kept_and_does_not_make_conversations_unequal() {
        let a = conversation(&[&["One. Two."], &["Three “U.S.” — 微信 👩‍👩‍👧"]]);
        let b = a.clone();
        let first = a.text_hash().to_owned();
        assert!(first.starts_with("sha256:") && first.len() == 7 + 64, "{first}");
        assert_eq!(a.text_hash(), first);
        assert_eq!(a, b, "one hashed, one not");
        assert_eq!(b.text_hash(), first);
    }
}
