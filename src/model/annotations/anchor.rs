//! Anchors: where a highlight is, and how it finds its words again after the
//! text changes (the W3C TextQuote idea).
//!
//! A highlight keeps its range and the exact text it quotes with about 32
//! characters of context either side. When the conversation's text has
//! changed, [`reattach`] looks for the quote again:
//!
//! 1. the quote exactly, at the old place or shifted, where its context
//!    still agrees (at least one side whole, or half of the context in all);
//!    among several, the best context wins, then the one nearest the old place;
//! 2. otherwise, the text between the old prefix and the old suffix, if it is
//!    still similar to the quote (an edit inside the highlight);
//! 3. otherwise nothing: the highlight becomes an orphan. It is never moved
//!    to words whose surroundings do not vouch for them.

use std::ops::Range;

use memchr::memmem;

use super::super::voicetext::floor_char_boundary;

/// Characters of context kept on each side of a quote.
pub const CONTEXT_CHARS: usize = 32;

/// How similar (0–1, by edit distance) the text between the old contexts must
/// be to the old quote to be taken as the same passage after an edit inside it.
const MIN_SIMILARITY: f64 = 0.6;

/// A quote with its context: what a highlight says it covers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Quote {
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
}

impl Quote {
    /// The quote of `text[range]` with up to [`CONTEXT_CHARS`] either side.
    pub fn of(text: &str, range: Range<usize>) -> Self {
        let before = &text[..range.start];
        let prefix_start = before.char_indices().rev().nth(CONTEXT_CHARS - 1).map_or(0, |(i, _)| i);
        let after = &text[range.end..];
        let suffix_end = after.char_indices().nth(CONTEXT_CHARS).map_or(after.len(), |(i, _)| i);
        Self {
            exact: text[range.clone()].to_owned(),
            prefix: before[prefix_start..].to_owned(),
            suffix: after[..suffix_end].to_owned(),
        }
    }
}

/// How a highlight was found again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found {
    /// The exact quote, at this byte range of the text.
    Exact(Range<usize>),
    /// Changed words between the unchanged context, at this byte range.
    Fuzzy(Range<usize>),
}

impl Found {
    pub fn range(&self) -> Range<usize> {
        match self {
            Found::Exact(r) | Found::Fuzzy(r) => r.clone(),
        }
    }
}

/// Chars shared at the end of `a` and the end of `b`.
fn common_suffix_chars(a: &str, b: &str) -> usize {
    a.chars().rev().zip(b.chars().rev()).take_while(|(x, y)| x == y).count()
}

/// Chars shared at the start of `a` and the start of `b`.
fn common_prefix_chars(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// How well the context around `text[range]` agrees with the quote's:
/// (chars of prefix that agree, chars of suffix that agree). Among
/// matches the context vouches for, the best agreement wins.
fn context_agreement(text: &str, range: &Range<usize>, quote: &Quote) -> (usize, usize) {
    let before = &text[..range.start];
    let before =
        &before[floor_char_boundary(before, before.len().saturating_sub(quote.prefix.len()))..];
    let after = &text[range.end..];
    let after = &after[..floor_char_boundary(after, quote.suffix.len())];
    (common_suffix_chars(before, &quote.prefix), common_prefix_chars(after, &quote.suffix))
}

/// `chars` with each run of whitespace as one space.
fn spaced(chars: impl Iterator<Item = char>) -> impl Iterator<Item = char> {
    let mut white = false;
    chars.filter_map(move |c| {
        let was = std::mem::replace(&mut white, c.is_whitespace());
        match (white, was) {
            (true, true) => None,
            (true, false) => Some(' '),
            (false, _) => Some(c),
        }
    })
}

/// Context a little longer than the quote's, so that whitespace laid out
/// otherwise (a blank line for a space) still reaches as far.
const SLACK: usize = 8;

/// Whether the context around `text[range]` agrees enough to trust an
/// exact match there: one side whole, or half of it in all, comparing
/// each run of whitespace as one space. Where a line or a paragraph
/// breaks is not what the context says: a list an earlier build read as
/// one paragraph is read as items now, and a short quote in it has only
/// its context to vouch for it.
fn context_vouches(text: &str, range: &Range<usize>, quote: &Quote) -> bool {
    let vouch = |(p, s): (usize, usize), (pl, sl): (usize, usize)| {
        p == pl || s == sl || 2 * (p + s) >= pl + sl
    };
    // As written first: most contexts agree so, and it is the cheaper.
    let lengths = (quote.prefix.chars().count(), quote.suffix.chars().count());
    if vouch(context_agreement(text, range, quote), lengths) {
        return true;
    }
    let before = &text[..range.start];
    let from = before.len().saturating_sub(quote.prefix.len() + SLACK);
    let before = spaced(before[floor_char_boundary(before, from)..].chars().rev());
    let after = &text[range.end..];
    let after = spaced(after[..floor_char_boundary(after, quote.suffix.len() + SLACK)].chars());
    let prefix = || spaced(quote.prefix.chars().rev());
    let suffix = || spaced(quote.suffix.chars());
    let p = before.zip(prefix()).take_while(|(x, y)| x == y).count();
    let s = after.zip(suffix()).take_while(|(x, y)| x == y).count();
    vouch((p, s), (prefix().count(), suffix().count()))
}

/// Finds `quote` in `text`, preferring byte offset `hint` (where it was).
pub fn reattach(text: &str, quote: &Quote, hint: usize) -> Option<Found> {
    if quote.exact.is_empty() {
        return None;
    }
    // Fast path: still where it was.
    let hint = floor_char_boundary(text, hint);
    if let Some(range) = at_hint(text, quote, hint) {
        return Some(Found::Exact(range));
    }
    search(text, quote, hint)
}

/// Step 1: the quote still at `hint` (a char boundary), its context vouching.
pub(super) fn at_hint(text: &str, quote: &Quote, hint: usize) -> Option<Range<usize>> {
    let range = hint..hint + quote.exact.len();
    (text[hint..].starts_with(&quote.exact) && context_vouches(text, &range, quote))
        .then_some(range)
}

/// Steps 2 and 3 over the whole of `text`: the best vouched exact match,
/// else the fuzzy one.
pub(super) fn search(text: &str, quote: &Quote, hint: usize) -> Option<Found> {
    exact(text, quote, hint)
        .map(Found::Exact)
        .or_else(|| fuzzy(text, quote, hint).map(Found::Fuzzy))
}

fn exact(text: &str, quote: &Quote, hint: usize) -> Option<Range<usize>> {
    // memchr's iterator finds what `str::match_indices` finds (leftmost,
    // without overlap), several times faster.
    memmem::find_iter(text.as_bytes(), quote.exact.as_bytes())
        .map(|at| at..at + quote.exact.len())
        .filter(|range| context_vouches(text, range, quote))
        .map(|range| {
            let agreement = context_agreement(text, &range, quote);
            (agreement.0 + agreement.1, range)
        })
        .max_by(|(a, ra), (b, rb)| {
            a.cmp(b).then(rb.start.abs_diff(hint).cmp(&ra.start.abs_diff(hint)))
        })
        .map(|(_, r)| r)
}

/// The passage between the old prefix and the old suffix, if it still looks
/// like the quote.
fn fuzzy(text: &str, quote: &Quote, hint: usize) -> Option<Range<usize>> {
    // Both sides of context bound an edited passage. A side shorter than
    // [`CONTEXT_CHARS`] reached the edge of the text when it was taken; a
    // very short one (`Yes. `) searched anywhere would fit too many places,
    // so it bounds the passage only at that edge. (A longer one, as a file
    // from elsewhere may carry, is searched for anywhere.)
    let short = |side: &str| side.chars().count() < CONTEXT_CHARS / 2;
    let starts: Vec<usize> = if quote.prefix.is_empty() {
        vec![0]
    } else if short(&quote.prefix) {
        text.starts_with(&quote.prefix).then_some(quote.prefix.len()).into_iter().collect()
    } else {
        memmem::find_iter(text.as_bytes(), quote.prefix.as_bytes())
            .map(|at| at + quote.prefix.len())
            .collect()
    };
    let max_len = quote.exact.len() * 2 + 16;
    let mut best: Option<(f64, Range<usize>)> = None;
    for start in starts {
        let window = &text[start..floor_char_boundary(text, start + max_len + quote.suffix.len())];
        let end = if quote.suffix.is_empty() || short(&quote.suffix) {
            text.strip_suffix(quote.suffix.as_str())
                .map(str::len)
                .filter(|&end| start + max_len >= end)
        } else {
            memmem::find(window.as_bytes(), quote.suffix.as_bytes()).map(|i| start + i)
        };
        let Some(end) = end else { continue };
        if end <= start {
            continue;
        }
        let score = similarity(&text[start..end], &quote.exact);
        if score < MIN_SIMILARITY {
            continue;
        }
        let better = match &best {
            None => true,
            Some((s, r)) => {
                score > *s || (score == *s && start.abs_diff(hint) < r.start.abs_diff(hint))
            }
        };
        if better {
            best = Some((score, start..end));
        }
    }
    best.map(|(_, r)| r)
}

/// 1 − (edit distance / length of the longer), over chars.
fn similarity(a: &str, b: &str) -> f64 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 1.0;
    }
    // Very long passages: compare by shared head and tail instead of the
    // quadratic distance.
    if a.len().saturating_mul(b.len()) > 4_000_000 {
        let head = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
        let tail = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
        return ((head + tail).min(longest)) as f64 / longest as f64;
    }
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == cb { diagonal } else { 1 + diagonal.min(above).min(row[j]) };
            diagonal = above;
        }
    }
    1.0 - row[b.len()] as f64 / longest as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Critics have argued that the People’s Republic of China’s (PRC’s) 2017 National Intelligence Law—which requires companies to aid in intelligence-gathering if requested—means there is no way for user data to truly be secure.";

    fn quote_at(text: &str, needle: &str) -> (Quote, Range<usize>) {
        let at = text.find(needle).expect("needle");
        (Quote::of(text, at..at + needle.len()), at..at + needle.len())
    }

    #[test]
    fn quote_keeps_32_chars_of_context() {
        let (q, _) = quote_at(TEXT, "National Intelligence Law");
        assert_eq!(q.prefix.chars().count(), 32);
        assert!(q.prefix.ends_with("(PRC’s) 2017 "));
        assert_eq!(q.suffix.chars().count(), 32);
        assert!(q.suffix.starts_with("—which requires"));
        let (q, _) = quote_at(TEXT, "Critics");
        assert_eq!(q.prefix, "");
    }

    #[test]
    fn unchanged_text_finds_the_same_range() {
        let (q, r) = quote_at(TEXT, "National Intelligence Law");
        assert_eq!(reattach(TEXT, &q, r.start), Some(Found::Exact(r)));
    }

    #[test]
    fn an_edit_before_shifts_the_range() {
        let (q, r) = quote_at(TEXT, "National Intelligence Law");
        let edited = TEXT.replacen("Critics have", "Many critics have long", 1);
        let shift = edited.len() - TEXT.len();
        let found = reattach(&edited, &q, r.start).expect("found");
        assert_eq!(found, Found::Exact(r.start + shift..r.end + shift));
    }

    #[test]
    fn an_edit_inside_reattaches_between_the_contexts() {
        let (q, r) = quote_at(TEXT, "which requires companies to aid");
        let edited = TEXT.replacen("requires companies", "requires all companies", 1);
        let found = reattach(&edited, &q, r.start).expect("found");
        assert_eq!(&edited[found.range()], "which requires all companies to aid");
        assert!(matches!(found, Found::Fuzzy(_)));
    }

    #[test]
    fn a_typo_fixed_near_either_end_of_the_text_reattaches() {
        // Context cut short by the edge of the text bounds the passage there.
        let text = "Yes. We need regulaton that applies to every platform equally, not a ban.";
        let fixed = text.replacen("regulaton", "regulation", 1);
        let (q, r) = quote_at(text, "regulaton");
        assert!(q.prefix.chars().count() < 16);
        let found = reattach(&fixed, &q, r.start).expect("found");
        assert_eq!(&fixed[found.range()], "regulation");
        let (q, r) = quote_at(text, "a ban");
        let fixed = text.replacen("a ban", "a bam", 1);
        assert_eq!(&fixed[reattach(&fixed, &q, r.start).expect("found").range()], "a bam");
        // A short side that is no longer at the edge bounds nothing.
        let moved = format!("Well. {}", text.replacen("regulaton", "regulation", 1));
        let (q, r) = quote_at(text, "regulaton");
        assert_eq!(reattach(&moved, &q, r.start), None);
    }

    #[test]
    fn a_rewritten_passage_is_an_orphan() {
        let (q, r) = quote_at(TEXT, "National Intelligence Law");
        let edited = TEXT.replacen("National Intelligence Law", "cybersecurity rules", 1);
        assert_eq!(reattach(&edited, &q, r.start), None);
    }

    #[test]
    fn a_short_quote_is_not_moved_to_a_stranger_with_other_context() {
        let text = "In the U.S. today. Later, people in the U.S. said more.";
        let (q, r) = quote_at(text, "U.S.");
        let edited = text.replacen("In the U.S. today.", "In Canada today.", 1);
        assert_eq!(reattach(&edited, &q, r.start), None, "the other U.S. has different context");
    }

    #[test]
    fn a_paragraph_split_where_a_space_was_leaves_the_context_vouching() {
        // An earlier build read a list as one paragraph; it is items now.
        let joined = "What we needed: - papers for work - a flat near the school - a doctor";
        let split =
            "What we needed:\n\n- papers for work\n\n- a flat near the school\n\n- a doctor";
        for word in ["papers", "flat", "near the school", "doctor"] {
            let (q, r) = quote_at(joined, word);
            let at = split.find(word).expect("there");
            let found = reattach(split, &q, r.start).map(|f| f.range());
            assert_eq!(found, Some(at..at + word.len()), "{word}");
        }
        // Other words around it still do not vouch.
        let (q, r) = quote_at(joined, "flat");
        let other =
            "We rented:\n\n- a car for work\n\n- a flat by the sea\n\n- nothing else at all";
        assert_eq!(reattach(other, &q, r.start), None);
    }

    #[test]
    fn duplicates_choose_the_agreeing_context() {
        let text = "alpha beta gamma delta. epsilon zeta beta eta theta iota.";
        let at = text.rfind("beta").expect("second beta");
        let q = Quote::of(text, at..at + 4);
        let edited = format!("Prepended words here. {text}");
        let found = reattach(&edited, &q, 0).expect("found");
        assert_eq!(found.range().start, at + 22);
    }

    #[test]
    fn similarity_is_one_minus_normalised_distance() {
        assert_eq!(similarity("abc", "abc"), 1.0);
        assert!((similarity("kitten", "sitting") - (1.0 - 3.0 / 7.0)).abs() < 1e-9);
        assert_eq!(similarity("", ""), 1.0);
    }
}
