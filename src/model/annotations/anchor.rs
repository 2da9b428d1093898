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

/// `chars` with each run of whitespace that holds a line break as one
/// space (other whitespace as it is: 32 spaces of a form's alignment are
/// 32 characters of context, not one). Without allocating: a run is
/// looked through on a copy of the iterator.
fn unbroken<I: Iterator<Item = char> + Clone>(mut chars: I) -> impl Iterator<Item = char> {
    // Whitespace characters of a run without a line break still to pass.
    let mut plain = 0usize;
    std::iter::from_fn(move || {
        let c = chars.next()?;
        if plain > 0 {
            plain -= 1;
            return Some(c);
        }
        if !c.is_whitespace() {
            return Some(c);
        }
        let rest = chars.clone().take_while(|c| c.is_whitespace());
        let (mut len, mut broken) = (0, matches!(c, '\n' | '\r'));
        for w in rest {
            len += 1;
            broken |= matches!(w, '\n' | '\r');
        }
        if broken {
            for _ in 0..len {
                chars.next();
            }
            return Some(' ');
        }
        plain = len;
        Some(c)
    })
}

/// Context a little longer than the quote's, so that a line break laid
/// out otherwise (a blank line for a space) still reaches as far.
const SLACK: usize = 8;

/// Chars `a` and `b` share from where they start, and whether they part at
/// whitespace (where [`unbroken`] may make them agree further: a space
/// against a blank line). Given reversed, from where they end.
fn parting(mut a: impl Iterator<Item = char>, mut b: impl Iterator<Item = char>) -> (usize, bool) {
    let mut n = 0;
    loop {
        match (a.next(), b.next()) {
            (Some(x), Some(y)) if x == y => n += 1,
            (x, y) => {
                return (
                    n,
                    x.is_some_and(char::is_whitespace) || y.is_some_and(char::is_whitespace),
                );
            }
        }
    }
}

/// Whether the context around an exact match agrees enough to trust it
/// there: one side whole, or half of it in all. A run of whitespace with a
/// line break in it counts as one space, in the text and in the context:
/// where a paragraph breaks is not what the context says (a list an
/// earlier build read as one paragraph is read as items now, and a short
/// quote in it has only its context to vouch for it). Made once for a
/// quote and asked of each of its matches.
struct Vouching<'q> {
    quote: &'q Quote,
    /// The context's lengths in chars, as written.
    lengths: (usize, usize),
    /// The context with line breaks as spaces (the prefix from its end),
    /// made when first needed.
    unbroken: std::cell::OnceCell<(Vec<char>, Vec<char>)>,
}

impl<'q> Vouching<'q> {
    fn new(quote: &'q Quote) -> Self {
        let lengths = (quote.prefix.chars().count(), quote.suffix.chars().count());
        Self { quote, lengths, unbroken: std::cell::OnceCell::new() }
    }

    fn enough(&self, (p, s): (usize, usize), (pl, sl): (usize, usize)) -> bool {
        p == pl || s == sl || 2 * (p + s) >= pl + sl
    }

    /// The context's agreement around `text[range]` as written (chars of
    /// prefix, chars of suffix: the better, the better the match), if it
    /// vouches for the match.
    fn agreement(&self, text: &str, range: &Range<usize>) -> Option<(usize, usize)> {
        let quote = self.quote;
        // As written first: most contexts agree so, and it is the cheaper.
        let before = &text[..range.start];
        let near =
            &before[floor_char_boundary(before, before.len().saturating_sub(quote.prefix.len()))..];
        let after = &text[range.end..];
        let next = &after[..floor_char_boundary(after, quote.suffix.len())];
        let (p, p_white) = parting(near.chars().rev(), quote.prefix.chars().rev());
        let (s, s_white) = parting(next.chars(), quote.suffix.chars());
        if self.enough((p, s), self.lengths) {
            return Some((p, s));
        }
        // Only where they part at whitespace, with a line break near on
        // either side, can a line break laid out otherwise make them agree
        // further (a blank line and an indent against a space).
        let from = before.len().saturating_sub(quote.prefix.len() + SLACK);
        let window = &before[floor_char_boundary(before, from)..];
        let till = floor_char_boundary(after, quote.suffix.len() + SLACK);
        let broken = |a: &str, b: &str| {
            memchr::memchr2(b'\n', b'\r', a.as_bytes()).is_some()
                || memchr::memchr2(b'\n', b'\r', b.as_bytes()).is_some()
        };
        let loose = (p_white && broken(window, &quote.prefix))
            || (s_white && broken(&after[..till], &quote.suffix));
        if !loose {
            return None;
        }
        let (prefix, suffix) = self.unbroken.get_or_init(|| {
            let prefix = unbroken(quote.prefix.chars().rev()).collect();
            (prefix, unbroken(quote.suffix.chars()).collect())
        });
        let before = unbroken(window.chars().rev());
        let after = unbroken(after[..till].chars());
        let lp = before.zip(prefix).take_while(|(x, y)| x == *y).count();
        let ls = after.zip(suffix).take_while(|(x, y)| x == *y).count();
        self.enough((lp, ls), (prefix.len(), suffix.len())).then_some((p, s))
    }
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
    (text[hint..].starts_with(&quote.exact)
        && Vouching::new(quote).agreement(text, &range).is_some())
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
    let vouching = Vouching::new(quote);
    // memchr's iterator finds what `str::match_indices` finds (leftmost,
    // without overlap), several times faster.
    memmem::find_iter(text.as_bytes(), quote.exact.as_bytes())
        .map(|at| at..at + quote.exact.len())
        .filter_map(|range| {
            let (p, s) = vouching.agreement(text, &range)?;
            Some((p + s, range))
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
    fn a_paragraph_split_before_an_indent_still_vouches() {
        let joined = "We needed papers for work and a flat near the school, then a doctor.";
        let split =
            "We needed papers for work and\n\n   a flat near   \n\nthe school, then a doctor.";
        let (q, r) = quote_at(joined, "flat");
        let at = split.find("flat").expect("there");
        assert_eq!(reattach(split, &q, r.start).map(|f| f.range()), Some(at..at + 4));
    }

    #[test]
    fn whitespace_of_a_forms_alignment_is_context_as_it_is() {
        // 32 spaces before a "yes" vouched for any "yes" after a space
        // once every run of whitespace counted as one.
        let pad = " ".repeat(40);
        let text =
            format!("Were you ever refused a flat?{pad}yes\n\nThey said yes to the school place.");
        let (q, r) = quote_at(&text, "yes");
        let edited = text.replacen(&format!("{pad}yes"), &format!("{pad}no, never"), 1);
        assert_eq!(reattach(&edited, &q, r.start), None);
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
