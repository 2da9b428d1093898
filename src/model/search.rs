//! Searching every voice at once: case-insensitive (Unicode lowercase
//! folding) unless the query has a capital letter ("smart case"); the
//! text's curly quotation marks and apostrophes (`That’s`, “moral”) match
//! the straight ones a keyboard types, and the other way round.
//!
//! [`Index`] holds each paragraph's folded text, built once. Folding can
//! change a character's length in bytes (`İ` → `i̇`, `é` → `e` and an
//! accent), so each folded text keeps a sparse map back to the original
//! offsets: only where the lengths drift apart (for English text the map
//! is empty and offsets are shared; an accented letter written as one
//! character costs an entry). Matches are whole characters (grapheme
//! clusters) of both texts.

use super::{Conversation, Pos};

/// One occurrence of the query: `[start, end)` in paragraph positions of `voice`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Match {
    pub voice: usize,
    pub start: Pos,
    pub end: Pos,
}

/// A paragraph's folded text and where its offsets drift from the original.
#[derive(Clone, Debug, Default)]
struct Folded {
    text: String,
    /// (folded offset, original offset) at every point after which the two
    /// differ by a new amount; sorted by folded offset.
    drift: Vec<(u32, u32)>,
}

/// Each quotation mark or apostrophe a keyboard types, and the forms a
/// text writes it in (`’` `‘` `ʼ` for `'`; `“` `”` `„` for `"`): the one
/// list search and autocode fold by.
const QUOTE_FORMS: [(char, &[char]); 2] = [
    ('\'', &['\u{2018}', '\u{2019}', '\u{201A}', '\u{201B}', '\u{02BC}', '\u{FF07}']),
    ('"', &['\u{201C}', '\u{201D}', '\u{201E}', '\u{201F}', '\u{FF02}']),
];

/// A quotation mark or apostrophe as a keyboard types it (see
/// [`QUOTE_FORMS`]); `None` for any other character.
fn plain_quote(c: char) -> Option<char> {
    QUOTE_FORMS.iter().find(|(_, forms)| forms.contains(&c)).map(|(plain, _)| *plain)
}

/// `c` folded onto `out`: a quotation mark plain; else in its canonical
/// decomposition (`é` as `e` and a combining accent, as text pasted from a
/// Mac or a PDF often has it, so the two ways of writing one character
/// match), lowercase if `lower`.
fn fold_char(out: &mut String, c: char, lower: bool) {
    match plain_quote(c) {
        Some(q) => out.push(q),
        // Hangul syllables stay whole: each decomposes into two or three
        // jamo, tripling a Korean text's index for a form it is not typed in.
        None if ('\u{AC00}'..='\u{D7A3}').contains(&c) => out.push(c),
        None => unicode_normalization::char::decompose_canonical(c, |d| {
            if lower {
                // Folded as Unicode's case folding has it where lowercase
                // alone leaves two letters apart: a final sigma, a long s,
                // the micro sign (`λόγος` finds `ΛΌΓΟΣ`).
                out.extend(d.to_lowercase().map(|l| match l {
                    'ς' => 'σ',
                    'ſ' => 's',
                    'µ' => 'μ',
                    l => l,
                }));
            } else {
                out.push(d);
            }
        }),
    }
}

/// `query` folded as the text is (see [`fold`]).
fn fold_query(query: &str, lower: bool) -> String {
    fold(query, lower, |_, _| {})
}

/// Whether `c` is a combining mark that canonical ordering moves.
fn is_mark(c: char) -> bool {
    !c.is_ascii() && unicode_normalization::char::canonical_combining_class(c) != 0
}

/// `original` folded: each character by [`fold_char`], a character and the
/// marks after it as one run whose marks are put in canonical order (`ê`
/// and a dot below, `e`, a dot below and a circumflex and `ệ` all fold
/// alike). `drift(folded length, original end)` is told after each run
/// whose folded length differs from its own.
fn fold(original: &str, lower: bool, mut drift: impl FnMut(usize, usize)) -> String {
    let mut text = String::with_capacity(original.len());
    let bytes = original.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        // Most text is ASCII: a run of it copied at once, but for its last
        // character where a mark may follow it.
        let ascii = bytes[at..].iter().position(|&b| !b.is_ascii()).map_or(bytes.len(), |n| at + n);
        let plain = if ascii < bytes.len() { ascii.saturating_sub(1).max(at) } else { ascii };
        if plain > at {
            let from = text.len();
            text.push_str(&original[at..plain]);
            if lower {
                text[from..].make_ascii_lowercase();
            }
            at = plain;
            continue;
        }
        let Some(c) = original[at..].chars().next() else { break };
        let before = text.len();
        let mut end = at + c.len_utf8();
        fold_char(&mut text, c, lower);
        let mut marks = 0;
        while let Some(m) = original[end..].chars().next().filter(|&m| is_mark(m)) {
            fold_char(&mut text, m, lower);
            (end, marks) = (end + m.len_utf8(), marks + 1);
        }
        if marks > 0 {
            in_canonical_order(&mut text, before);
        }
        if text.len() - before != end - at {
            drift(text.len(), end);
        }
        at = end;
    }
    text
}

/// `text[from..]` with each run of combining marks in canonical order
/// (stable, by combining class).
fn in_canonical_order(text: &mut String, from: usize) {
    use unicode_normalization::char::canonical_combining_class as class;
    let mut run: Vec<char> = text[from..].chars().collect();
    let mut i = 0;
    while i < run.len() {
        let start = i;
        while i < run.len() && class(run[i]) != 0 {
            i += 1;
        }
        run[start..i].sort_by_key(|&c| class(c));
        i = i.max(start + 1);
    }
    text.truncate(from);
    text.extend(run);
}

impl Folded {
    fn new(original: &str) -> Self {
        Self::with_case(original, true)
    }

    /// `original` folded (see [`fold`]).
    fn with_case(original: &str, lower: bool) -> Self {
        let mut drift = Vec::new();
        let text = fold(original, lower, |folded, end| drift.push((folded as u32, end as u32)));
        Self { text, drift }
    }

    /// The original offset of folded offset `at` (at a folded char boundary
    /// that starts or ends an original char).
    fn original(&self, at: usize) -> usize {
        let i = self.drift.partition_point(|&(f, _)| (f as usize) <= at);
        match i.checked_sub(1).map(|j| self.drift[j]) {
            Some((f, o)) => o as usize + (at - f as usize),
            None => at,
        }
    }
}

/// The folded text of every paragraph of every voice.
#[derive(Clone, Debug, Default)]
pub struct Index {
    voices: Vec<Vec<Folded>>,
}

impl Index {
    pub fn new(doc: &Conversation) -> Self {
        let voices = doc
            .voices()
            .iter()
            .map(|v| v.paragraphs.iter().map(|&p| Folded::new(doc.paragraph(p).text())).collect())
            .collect();
        Self { voices }
    }
}

/// The grapheme boundaries of one text, to tell whether a match is whole
/// user-perceived characters (grapheme clusters): a match inside one (the
/// `e` of an `e` and a combining accent, one woman of a family emoji, the
/// `🇸🇨` that the end of `🇺🇸` and the start of `🇨🇳` spell) is no match
/// of what the reader sees, and a highlight made on it would quote half a
/// character. Between two ASCII characters (but CR and LF) a boundary is
/// told at once; elsewhere from the text's boundaries, found once. (Asked
/// at each offset on its own, a boundary in a run of flags is found by
/// counting the flags before it: 20,000 flags in one paragraph took 3.5 s
/// to search.)
pub struct Graphemes<'t> {
    text: &'t str,
    all: Option<Vec<usize>>,
}

impl<'t> Graphemes<'t> {
    pub fn new(text: &'t str) -> Self {
        Self { text, all: None }
    }

    /// Whether `[start, end)` is whole characters.
    pub fn whole(&mut self, start: usize, end: usize) -> bool {
        self.boundary(start) && self.boundary(end)
    }

    fn boundary(&mut self, at: usize) -> bool {
        let bytes = self.text.as_bytes();
        if at == 0 || at >= bytes.len() {
            return at <= bytes.len();
        }
        let (before, after) = (bytes[at - 1], bytes[at]);
        if before.is_ascii() && after.is_ascii() && !(before == b'\r' && after == b'\n') {
            return true;
        }
        let text = self.text;
        let all = self.all.get_or_insert_with(|| {
            unicode_segmentation::UnicodeSegmentation::grapheme_indices(text, true)
                .map(|(i, _)| i)
                .collect()
        });
        all.binary_search(&at).is_ok()
    }
}

/// Whether a query is matched case-sensitively: it has a capital letter.
pub fn case_sensitive(query: &str) -> bool {
    query.chars().any(char::is_uppercase)
}

/// Every match of `query` in `doc`, by voice then position. An empty query
/// matches nothing.
pub fn find(doc: &Conversation, index: &Index, query: &str) -> Vec<Match> {
    find_with(doc, index, query, case_sensitive(query))
}

/// [`find`], matching case as written if `sensitive` (whether or not the
/// query has a capital): what `crosstalk autocode --case` asks.
pub fn find_with(doc: &Conversation, index: &Index, query: &str, sensitive: bool) -> Vec<Match> {
    let mut out = Vec::new();
    if query.is_empty() {
        return out;
    }
    let folded_query = fold_query(query, !sensitive);
    // Matched as typed, but for its quotation marks and the ways of writing
    // an accented letter: the text is folded for them paragraph by
    // paragraph (only for such a query; an ASCII one is matched as it is).
    let quoted = sensitive && (folded_query.contains(['\'', '"']) || !query.is_ascii());
    for (voice, v) in doc.voices().iter().enumerate() {
        for (para, &p) in v.paragraphs.iter().enumerate() {
            let text = doc.paragraph(p).text();
            let mut whole = Graphemes::new(text);
            if sensitive && !quoted {
                for at in matches(text, query, |a, b| whole.whole(a, b)) {
                    out.push(Match {
                        voice,
                        start: Pos::new(para, at),
                        end: Pos::new(para, at + query.len()),
                    });
                }
                continue;
            }
            let own;
            let folded = if quoted {
                own = Folded::with_case(text, false);
                &own
            } else {
                match index.voices.get(voice).and_then(|f| f.get(para)) {
                    Some(folded) => folded,
                    None => continue,
                }
            };
            let mut folded_whole = Graphemes::new(&folded.text);
            // Whole characters of the folded text too: a lone accent is no
            // match of the `é` it is part of, written either way.
            let whole_folded = |a, b| folded_whole.whole(a, b);
            for at in matches(&folded.text, &folded_query, whole_folded) {
                let start = folded.original(at).min(text.len());
                let mut end = folded.original(at + folded_query.len()).min(text.len());
                // A match starting or ending inside one char's folded
                // expansion (`İ` → `i̇`) covers that whole char.
                let start = super::voicetext::floor_char_boundary(text, start);
                while end < text.len() && !text.is_char_boundary(end) {
                    end += 1;
                }
                if start < end && whole.whole(start, end) {
                    out.push(Match {
                        voice,
                        start: Pos::new(para, start),
                        end: Pos::new(para, end),
                    });
                }
            }
        }
    }
    out
}

/// Where `needle` is in `haystack` as whole characters (`whole` says of
/// a start and an end), one after another without overlapping. A place
/// that is not whole does not hide one that starts inside it: `ååa` is
/// found in `åååa` (decomposed), where its first place ends inside the
/// third `å`.
fn matches<'a>(
    haystack: &'a str,
    needle: &'a str,
    mut whole: impl FnMut(usize, usize) -> bool + 'a,
) -> impl Iterator<Item = usize> + 'a {
    let mut from = 0;
    std::iter::from_fn(move || {
        if needle.is_empty() {
            return None;
        }
        while let Some(i) = haystack.get(from..).and_then(|rest| rest.find(needle)) {
            let at = from + i;
            if whole(at, at + needle.len()) {
                from = at + needle.len();
                return Some(at);
            }
            // On past the first character of this place.
            from = at + haystack[at..].chars().next().map_or(1, char::len_utf8);
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_folds_a_final_sigma_a_long_s_and_the_micro_sign() {
        let d = doc(&["ΛΌΓΟΣ and λόγος; Maſs 5 µm"], &["x"]);
        let index = Index::new(&d);
        assert_eq!(find(&d, &index, "λόγος").len(), 2);
        assert_eq!(find(&d, &index, "mass").len(), 1);
        assert_eq!(find(&d, &index, "5 μm").len(), 1);
    }

    fn doc(a: &[&str], b: &[&str]) -> Conversation {
        crate::model::testing::conversation(&[a, b])
    }

    fn texts(d: &Conversation, ms: &[Match]) -> Vec<String> {
        ms.iter()
            .map(|m| {
                let p = d.paragraph(d.voices()[m.voice].paragraphs.at(m.start.para as usize));
                p.text()[m.start.byte as usize..m.end.byte as usize].to_owned()
            })
            .collect()
    }

    #[test]
    fn lowercase_queries_ignore_case_and_capitals_do_not() {
        let d = doc(&["TikTok and WeChat. tiktok again."], &["No TIKTOK here? Yes: TikTok."]);
        let ix = Index::new(&d);
        let all = find(&d, &ix, "tiktok");
        assert_eq!(texts(&d, &all), ["TikTok", "tiktok", "TIKTOK", "TikTok"]);
        assert_eq!((all[2].voice, all[2].start.byte), (1, 3));
        let exact = find(&d, &ix, "TikTok");
        assert_eq!(texts(&d, &exact), ["TikTok", "TikTok"]);
        assert!(find(&d, &ix, "").is_empty());
    }

    proptest::proptest! {
        /// Every match, folded, is the folded query, and lies on char
        /// boundaries of the original text, whatever folding does to lengths;
        /// any run of whole characters of the folded text is found.
        #[test]
        fn matches_fold_to_the_query(
            text in "[aAiİßẞσΣςǅﬃÅå é—🙂 ’'“\"]{0,40}",
            from in 0usize..40,
            len in 1usize..5,
        ) {
            let d = doc(&[&format!("x{text}")], &["y"]);
            let ix = Index::new(&d);
            let folded = fold_query(d.paragraph(d.voices()[0].paragraphs.at(0)).text(), true);
            let chars: Vec<&str> =
                unicode_segmentation::UnicodeSegmentation::graphemes(folded.as_str(), true).collect();
            let from = from.min(chars.len() - 1);
            let query: String = chars[from..(from + len).min(chars.len())].concat();
            let ms = find(&d, &ix, &query);
            for (m, t) in ms.iter().zip(texts(&d, &ms)) {
                proptest::prop_assert_eq!(m.voice, 0);
                let t_folded = fold_query(&t, true);
                proptest::prop_assert!(t_folded.contains(&query), "{:?} does not fold to contain {:?}", t, query);
            }
            if !case_sensitive(&query) {
                proptest::prop_assert!(!ms.is_empty(), "{:?} is in {:?}", query, folded);
            }
        }
    }

    #[test]
    fn matches_are_whole_characters_as_the_reader_shows_them() {
        let d = doc(
            &["them 🇺🇸🇨🇳 and 👩\u{200d}👩\u{200d}👧 at a cafe\u{301} (café)"],
            &["The Cafe\u{301}, 🇨🇳."],
        );
        let ix = Index::new(&d);
        // The Seychelles flag is not in the text; one woman is not the family.
        for query in ["🇸🇨", "👩", "\u{200d}", "\u{301}"] {
            assert!(find(&d, &ix, query).is_empty(), "{query:?}");
        }
        // "cafe" is the start of the accented "café", not a word of its own;
        // "café" finds it written either way, in either case.
        assert_eq!(texts(&d, &find(&d, &ix, "cafe")), Vec::<String>::new());
        assert_eq!(texts(&d, &find(&d, &ix, "Cafe")), Vec::<String>::new());
        let accented = ["cafe\u{301}", "café", "Cafe\u{301}"];
        assert_eq!(texts(&d, &find(&d, &ix, "café")), accented);
        assert_eq!(texts(&d, &find(&d, &ix, "cafe\u{301}")), accented);
        assert_eq!(texts(&d, &find(&d, &ix, "Café")), ["Cafe\u{301}"]);
        assert_eq!(texts(&d, &find(&d, &ix, "CAFÉ")), Vec::<String>::new());
        assert_eq!(texts(&d, &find(&d, &ix, "🇨🇳")), ["🇨🇳", "🇨🇳"]);
        assert_eq!(texts(&d, &find(&d, &ix, "👩\u{200d}👩\u{200d}👧")).len(), 1);
        assert_eq!(texts(&d, &find(&d, &ix, "caf")), ["caf", "caf", "Caf"]);
        // A place that ends inside a character does not hide the one after.
        let d2 = doc(&["\u{c5}\u{c5}\u{c5}a a\u{30a}a\u{30a}a\u{30a}a"], &["x"]);
        let ix2 = Index::new(&d2);
        assert_eq!(
            texts(&d2, &find(&d2, &ix2, "\u{e5}\u{e5}a")),
            ["\u{c5}\u{c5}a", "a\u{30a}a\u{30a}a"]
        );
        assert_eq!(texts(&d2, &find(&d2, &ix2, "a\u{30a}a\u{30a}a")).len(), 2);
        // Marks in any order, composed or not: one letter (Vietnamese `ệ`).
        let forms = ["Vi\u{1ec7}t", "Vi\u{ea}\u{323}t", "Vie\u{302}\u{323}t", "Vie\u{323}\u{302}t"];
        let d = doc(&[&forms.join(" ")], &["x"]);
        let ix = Index::new(&d);
        for query in forms {
            assert_eq!(texts(&d, &find(&d, &ix, query)), forms, "{query:?}");
            let lower = query.to_lowercase();
            assert_eq!(texts(&d, &find(&d, &ix, &lower)), forms, "{lower:?}");
        }
    }

    #[test]
    fn grapheme_checks_agree_with_the_segmenter_and_a_run_of_flags_is_quick() {
        use unicode_segmentation::UnicodeSegmentation;
        let text = "a\r\nb e\u{301} 🇺🇸🇨🇳 👩\u{200d}👧 中文 x";
        let bounds: Vec<usize> = text.grapheme_indices(true).map(|(i, _)| i).collect();
        let mut g = Graphemes::new(text);
        for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            let expected = at == text.len() || bounds.contains(&at);
            assert_eq!(g.whole(at, at), expected, "{at}");
        }
        // One paragraph of 20,000 flags: every match checked once, not
        // by counting the flags before it (a test that would not finish).
        let flags = "🇺🇸".repeat(20_000);
        let d = doc(&[&flags], &["x"]);
        let ix = Index::new(&d);
        assert_eq!(find(&d, &ix, "🇺🇸").len(), 20_000);
        assert_eq!(find(&d, &ix, "🇸🇺").len(), 0);
    }

    #[test]
    fn straight_and_curly_quotation_marks_match_each_other() {
        let d = doc(
            &["That’s the “moral equivalence” Ku’s piece names; that's it."],
            &["He said \"moral equivalence\" twice: ‘twice’."],
        );
        let ix = Index::new(&d);
        assert_eq!(texts(&d, &find(&d, &ix, "that's")), ["That’s", "that's"]);
        assert_eq!(texts(&d, &find(&d, &ix, "That's")), ["That’s"], "capitals: case kept");
        assert_eq!(texts(&d, &find(&d, &ix, "That’s")), ["That’s"]);
        assert_eq!(
            texts(&d, &find(&d, &ix, "\"moral equivalence\"")),
            ["“moral equivalence”", "\"moral equivalence\""]
        );
        assert_eq!(texts(&d, &find(&d, &ix, "'twice'")), ["‘twice’"]);
        // After a fold that shrinks (three bytes to one), later matches
        // still land on the original text.
        assert_eq!(texts(&d, &find(&d, &ix, "piece")), ["piece"]);
        assert_eq!(texts(&d, &find(&d, &ix, "Ku's piece")), ["Ku’s piece"]);
    }

    #[test]
    fn folding_that_changes_lengths_maps_back_to_the_original_text() {
        // 'İ' (2 bytes) folds to "i̇" (3 bytes); later matches must still land right.
        let d = doc(
            &["İstanbul — Ürümqi, the Uighurs’ city; ÜRÜMQI."],
            &["数据安全 and 👨‍👩‍👧 emoji, café"],
        );
        let ix = Index::new(&d);
        assert_eq!(texts(&d, &find(&d, &ix, "ürümqi")), ["Ürümqi", "ÜRÜMQI"]);
        assert_eq!(texts(&d, &find(&d, &ix, "uighurs’")), ["Uighurs’"]);
        assert_eq!(texts(&d, &find(&d, &ix, "i̇stanbul")), ["İstanbul"]);
        assert_eq!(texts(&d, &find(&d, &ix, "安全")), ["安全"]);
        assert_eq!(texts(&d, &find(&d, &ix, "café")), ["café"]);
    }
}
