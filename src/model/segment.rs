//! Sentence and word segmentation (UAX #29 via `unicode-segmentation`),
//! with a small correction layer for abbreviations that UAX #29 splits on.
//!
//! UAX #29 breaks after "U.S." whenever a capital or an opening bracket
//! follows ("the U.S. Department of Commerce", "in the U.S. (TikTok was…"),
//! and after titles and initials ("Dr. Chen", "Donald J. Trump"). Those
//! breaks are removed here; every boundary that survives is a UAX #29
//! boundary, so sentences always start and end on grapheme boundaries.
//!
//! Segments are derived on a paragraph's first use and never stored in files.

use unicode_segmentation::UnicodeSegmentation;

use super::span::Span;

/// Splits `text` into sentences that tile it exactly: the first starts at 0,
/// each starts where the previous ended, the last ends at `text.len()`.
/// Trailing spaces belong to the sentence they follow. Empty text has none.
pub fn sentences(text: &str) -> Vec<Span> {
    let mut bounds: Vec<usize> =
        text.split_sentence_bound_indices().map(|(at, _)| at).skip(1).collect();
    // Linear however long the whitespace runs: `solid` is where the text
    // before a boundary ends once trailing whitespace is cut, found by
    // scanning each stretch between boundaries once; boundaries inside one
    // whitespace run share it, and so share the answer (a run of a million
    // newlines made this quadratic).
    let (mut solid, mut scanned) = (0, 0);
    let mut last: Option<(usize, bool)> = None;
    bounds.retain(|&at| {
        if let Some((i, c)) =
            text[scanned..at].char_indices().rev().find(|(_, c)| !c.is_whitespace())
        {
            solid = scanned + i + c.len_utf8();
        }
        scanned = at;
        let false_break = match last {
            Some((end, answer)) if end == solid => answer,
            _ => is_false_break(text, solid, at),
        };
        last = Some((solid, false_break));
        !false_break
    });
    if let Some(at) = signature_start(text)
        && !bounds.contains(&at)
    {
        bounds.push(at);
    }

    let mut out: Vec<Span> = Vec::with_capacity(bounds.len() + 1);
    let mut start = 0;
    for at in bounds.into_iter().chain(std::iter::once(text.len())) {
        if at > start {
            match out.last_mut() {
                // No letter nor digit (an emoji after the last sentence,
                // `“Let them fine us.” 😄`; a dash or an ellipsis left
                // alone): no sentence of its own, but the end of the one
                // before, which it is said with.
                Some(last) if !text[start..at].chars().any(char::is_alphanumeric) => {
                    last.end = Span::from_usize(start, at).end;
                }
                _ => out.push(Span::from_usize(start, at)),
            }
            start = at;
        }
    }
    out
}

/// The words of `text` (UAX #29 word segments that contain a letter or digit),
/// in order. Punctuation and spaces are not words, but for an abbreviation's
/// last full stop: UAX #29 makes `U.S` of “U.S.” (a full stop between
/// letters joins them, the last one does not), and `U.S.’s` of three
/// segments; a word with a full stop inside takes the one right after it,
/// and an apostrophe and letters right after that (`U.S.`, `U.S.’s`,
/// `Ph.D.`, as `China’s` is one word).
pub fn words(text: &str) -> Vec<Span> {
    word_spans(text).map(|(a, b)| Span::from_usize(a, b)).collect()
}

/// How many [`words`] `text` has, without making them.
pub fn word_count(text: &str) -> usize {
    word_spans(text).count()
}

/// [`words`] as byte ranges.
fn word_spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut segments = text.unicode_word_indices().peekable();
    std::iter::from_fn(move || {
        let (at, word) = segments.next()?;
        let mut end = at + word.len();
        if word.contains('.') && text[end..].starts_with('.') {
            end += 1;
            let after = &text[end..];
            let apostrophe = after.chars().next().filter(|c| matches!(c, '\'' | '’'));
            if let Some(a) = apostrophe
                && let Some(&(next, w)) = segments.peek()
                && next == end + a.len_utf8()
            {
                end = next + w.len();
                segments.next();
            }
        }
        Some((at, end))
    })
}

/// The blocks of a plain text: runs of non-blank lines, separated by one or
/// more blank lines, as slices of `text` (inner line breaks kept, the
/// separating ones not). This is how plain-text sources split into paragraphs.
pub fn blocks(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        if body.trim().is_empty() {
            if let Some(s) = start.take() {
                out.push(&text[s..end]);
            }
        } else {
            start.get_or_insert(at);
            end = at + body.len();
        }
        at += line.len();
    }
    if let Some(s) = start {
        out.push(&text[s..end]);
    }
    out
}

/// Where a closing signature such as "…the globe? —Abby Seiff" starts.
/// UAX #29 treats a dash after a question mark as continuing the sentence
/// (SB8a); a short dash-led name ending the paragraph is its own segment.
fn signature_start(text: &str) -> Option<usize> {
    let trimmed = text.trim_end();
    let dash = trimmed.rfind(['—', '―'])?;
    let name = &trimmed[dash..].trim_start_matches(['—', '―']);
    let before = text[..dash].trim_end();
    let ends_sentence =
        before.trim_end_matches(['"', '”', '’', '\'', ')']).ends_with(['.', '?', '!']);
    let is_name = !name.is_empty()
        && name.split_whitespace().count() <= 4
        && name.starts_with(|c: char| c.is_uppercase())
        && !name.ends_with(['.', '?', '!']);
    (ends_sentence && is_name && before.len() < dash).then_some(dash)
}

/// Titles and other abbreviations that are followed by a name or a word far
/// more often than they end a sentence.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "capt", "sgt", "st",
    "mt", "rev", "hon", "pres", "amb", "sec", "vs", "cf", "dept",
];

/// Abbreviations that go before a number ("No. 5", "Vol. 3", "Jan. 20"):
/// before anything else they are words that end a sentence ("No. A ban
/// is…", "…by the end of Jan. The next…").
const BEFORE_A_NUMBER: &[&str] = &[
    "no", "nos", "vol", "fig", "art", "ch", "pp", "approx", "est", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Words that start sentences often enough that an initialism before them
/// ("…made in the U.S. The next…") most likely ended the sentence.
const STARTERS: &[&str] = &[
    "a",
    "after",
    "all",
    "also",
    "although",
    "an",
    "and",
    "as",
    "at",
    "because",
    "before",
    "both",
    "but",
    "by",
    "despite",
    "during",
    "each",
    "even",
    "for",
    "from",
    "given",
    "he",
    "her",
    "here",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "indeed",
    "instead",
    "it",
    "its",
    "many",
    "meanwhile",
    "more",
    "most",
    "my",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "on",
    "one",
    "or",
    "our",
    "she",
    "since",
    "so",
    "some",
    "still",
    "such",
    "that",
    "the",
    "their",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "thus",
    "to",
    "under",
    "unlike",
    "we",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "why",
    "with",
    "yet",
    "you",
];

/// Whether the UAX #29 boundary at byte `at` falls just after an abbreviation
/// and should not end a sentence.
fn is_false_break(text: &str, solid: usize, at: usize) -> bool {
    // `text[..solid]` is `text[..at]` without its trailing whitespace.
    let before = &text[..solid];
    // Only a full stop directly after the abbreviation counts: "U.S.?" or
    // "U.S.”" end sentences.
    if !before.ends_with('.') {
        return false;
    }
    let token = last_token(before);
    if is_initialism(token) {
        // "the U.S. (TikTok…", "the U.S. 2020 election", "J. Trump": keep together
        // unless a common sentence opener follows.
        return match next_word(text, at) {
            Some(word) => !STARTERS.contains(&word.to_lowercase().as_str()),
            None => !text[at..].trim_start().is_empty(),
        };
    }
    let bare = token.trim_end_matches('.').to_lowercase();
    let next = next_word(text, at);
    if BEFORE_A_NUMBER.contains(&bare.as_str()) {
        let capital = token.starts_with(char::is_uppercase);
        return goes_before_a_number(&bare, capital, &text[at..]);
    }
    TITLES.contains(&bare.as_str()) && next.is_some()
}

/// Whether what follows `abbreviation` (one of [`BEFORE_A_NUMBER`], its
/// full stop and a space before `rest`; written with a `capital`) is what
/// it stands before: a number ("No. 5", "Fig. 3a", "Fig. A3", "approx.
/// US$5"), a Roman one after a part of a work ("Vol. II", "Art. I"; not
/// after "No.": "No. I think…"; a lone "I" only after a capital: "I teach
/// art. I love it."), or the next month of a list ("Jan. Feb. and Mar.";
/// not "No. No. I never said that.").
fn goes_before_a_number(abbreviation: &str, capital: bool, rest: &str) -> bool {
    let token = rest.split_whitespace().next().unwrap_or("");
    let token = token.trim_start_matches(['(', '[', '“', '"', '‘', '\'']);
    if token.starts_with(['$', '€', '£', '¥', '₹']) || token.contains(|c: char| c.is_ascii_digit())
    {
        return true;
    }
    let word = token.trim_end_matches(|c: char| !c.is_alphanumeric());
    const PARTS: &[&str] = &["vol", "art", "ch", "pp", "fig"];
    const MONTHS: &[&str] =
        &["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"];
    let roman =
        !word.is_empty() && word.chars().all(|c| "IVXLCDM".contains(c)) && (word != "I" || capital);
    let month = |w: &str| MONTHS.contains(&w);
    let listed = token.ends_with('.') && month(abbreviation) && month(&word.to_lowercase());
    (roman && PARTS.contains(&abbreviation)) || listed
}

/// The last whitespace-separated token of `s`, without leading brackets or quotes.
fn last_token(s: &str) -> &str {
    let token = s.rsplit(char::is_whitespace).next().unwrap_or(s);
    token.trim_start_matches(|c: char| !c.is_alphanumeric())
}

/// The first word of `text[at..]` (letters and digits only), skipping
/// brackets and quotes. `unicode_words` first checks its whole input for
/// ASCII, so it is given a window, grown until the word ends well inside it
/// (word rules look a few characters ahead); on the rest of a long paragraph
/// each call cost the paragraph's length.
fn next_word(text: &str, at: usize) -> Option<&str> {
    let mut window = 256;
    loop {
        let mut end = (at + window).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let rest = &text[at..end];
        let whole = end == text.len();
        match rest.unicode_word_indices().next() {
            Some((i, word)) if whole || i + word.len() + 32 <= rest.len() => return Some(word),
            None if whole => return None,
            _ => window *= 2,
        }
    }
}

/// "U.S.", "U.K.", "P.R.C.", "e.g." and single initials like "J." — letters
/// each followed by a full stop.
fn is_initialism(token: &str) -> bool {
    let mut letters = 0;
    let mut expect_letter = true;
    for c in token.chars() {
        if expect_letter {
            if !c.is_alphabetic() {
                return false;
            }
            letters += 1;
        } else if c != '.' {
            return false;
        }
        expect_letter = !expect_letter;
    }
    // A single initial must be a capital ("J."), or "a." in a list would count.
    expect_letter
        && (letters >= 2 || (letters == 1 && token.starts_with(|c: char| c.is_uppercase())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|s| &text[s.range()]).collect()
    }

    #[test]
    fn us_before_a_capital_or_bracket_does_not_end_a_sentence() {
        assert_eq!(
            split("The U.S. Department of Commerce said so. It did."),
            ["The U.S. Department of Commerce said so. ", "It did."]
        );
        assert_eq!(
            split("No impact in the U.S. (TikTok was saved), the issue is open. Next."),
            ["No impact in the U.S. (TikTok was saved), the issue is open. ", "Next."]
        );
    }

    #[test]
    fn us_before_a_sentence_opener_ends_the_sentence() {
        assert_eq!(
            split("Users live in the U.S. The rest are abroad."),
            ["Users live in the U.S. ", "The rest are abroad."]
        );
    }

    #[test]
    fn question_after_initialism_ends_sentence() {
        assert_eq!(
            split("Keep them out of the U.S.? What is lost?"),
            ["Keep them out of the U.S.? ", "What is lost?"]
        );
    }

    #[test]
    fn hyphenated_and_possessive_forms_stay_whole() {
        assert_eq!(
            split("U.S.-China relations worsened. The PRC’s law—which requires aid—stands."),
            ["U.S.-China relations worsened. ", "The PRC’s law—which requires aid—stands."]
        );
        assert_eq!(split("The U.S.’s approach fails."), ["The U.S.’s approach fails."]);
    }

    #[test]
    fn a_closing_signature_is_its_own_segment() {
        assert_eq!(
            split("Where does this leave the globe? —Abby Seiff"),
            ["Where does this leave the globe? ", "—Abby Seiff"]
        );
        assert_eq!(split("Law—which requires aid—stands."), ["Law—which requires aid—stands."]);
        assert_eq!(
            split("It ended. —and then more text follows here."),
            ["It ended. —and then more text follows here."]
        );
    }

    #[test]
    fn next_word_in_a_window_is_the_first_word_of_the_whole_rest() {
        let texts = [
            format!("U.S.{}It’s over. Don't.", " ".repeat(300)),
            format!("{}don't stop e\u{301}tude", " ".repeat(240)),
            format!("(“{}”) 微信 👩\u{200d}👩\u{200d}👧 U.S. end", "x".repeat(300)),
            format!("{}.", "—".repeat(200)),
        ];
        for text in &texts {
            for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                assert_eq!(next_word(text, at), text[at..].unicode_words().next(), "at {at}");
            }
        }
    }

    #[test]
    fn titles_and_initials() {
        assert_eq!(
            split("Dr. Chen met Donald J. Trump on Jan. 5. Nothing came of it."),
            ["Dr. Chen met Donald J. Trump on Jan. 5. ", "Nothing came of it."]
        );
    }

    #[test]
    fn abbreviations_before_a_number_end_a_sentence_before_anything_else() {
        assert_eq!(split("No. A ban is a ban."), ["No. ", "A ban is a ban."]);
        assert_eq!(
            split("Would it stop them? No. The app stays."),
            ["Would it stop them? ", "No. ", "The app stays."]
        );
        assert_eq!(
            split("See No. 5 and Vol. 3, Fig. 2 on Jan. 20 2021. Next."),
            ["See No. 5 and Vol. 3, Fig. 2 on Jan. 20 2021. ", "Next."]
        );
        for whole in [
            "See vol. II of the series. ",
            "Read Ch. IV now. ",
            "Under Art. I of the Constitution. ",
            "See Fig. A3 in the appendix. ",
            "It cost approx. US$5 million. ",
            "Jan. Feb. and Mar. were cold. ",
            "Sept. 11 changed it. ",
        ] {
            assert_eq!(split(&format!("{whole}Next.")), [whole, "Next."]);
        }
        assert_eq!(split("No. I think not."), ["No. ", "I think not."]);
        assert_eq!(split("I said no. No. I never did."), ["I said no. ", "No. ", "I never did."]);
        for text in ["I teach art. ", "He did not give a fig. "] {
            assert_eq!(split(&format!("{text}I love it.")), [text, "I love it."]);
        }
        assert_eq!(split("It was in Dec. I left."), ["It was in Dec. ", "I left."]);
        assert_eq!(
            split("It ended in Jan. The next month began."),
            ["It ended in Jan. ", "The next month began."]
        );
        // A title still goes with the name after it.
        assert_eq!(
            split("Mr. Smith said no. Dr. Ruiz agreed."),
            ["Mr. Smith said no. ", "Dr. Ruiz agreed."]
        );
    }

    #[test]
    fn curly_quotes_close_the_sentence_they_end() {
        assert_eq!(
            split("It said “to safeguard the nation.” The ban followed."),
            ["It said “to safeguard the nation.” ", "The ban followed."]
        );
    }

    #[test]
    fn cjk_sentences_split_on_ideographic_full_stop() {
        assert_eq!(split("微信被禁止了。抖音也是。"), ["微信被禁止了。", "抖音也是。"]);
    }

    #[test]
    fn emoji_zwj_and_combining_marks_stay_inside_sentences() {
        let text = "Family 👩‍👩‍👧 here. Cafe\u{301} next.";
        assert_eq!(split(text), ["Family 👩‍👩‍👧 here. ", "Cafe\u{301} next."]);
        let w: Vec<&str> = words(text).into_iter().map(|s| &text[s.range()]).collect();
        assert_eq!(w, ["Family", "here", "Cafe\u{301}", "next"]);
    }

    #[test]
    fn an_emoji_or_a_dash_after_the_last_sentence_is_its_end() {
        // The emoji was a sentence of its own: one more unit for agreement
        // by sentence, a sentence to code that says nothing.
        assert_eq!(
            split("And I said, “Let them fine us.” 😄"),
            ["And I said, “Let them fine us.” 😄"]
        );
        assert_eq!(split("So it goes. 😄😄 "), ["So it goes. 😄😄 "]);
        assert_eq!(split("We went. And came back. —"), ["We went. ", "And came back. —"]);
        // A first sentence of no letters stays one (there is none before).
        assert_eq!(split("😄 Yes."), ["😄 Yes."]);
        assert_eq!(split("…"), ["…"]);
    }

    #[test]
    fn words_skip_punctuation_and_keep_contractions() {
        let text = "The U.S.’s whack-a-mole — don’t.";
        let w: Vec<&str> = words(text).into_iter().map(|s| &text[s.range()]).collect();
        assert_eq!(w, ["The", "U.S.’s", "whack", "a", "mole", "don’t"]);
        assert_eq!(word_count(text), 6);
        // An abbreviation keeps its last full stop; a sentence's full stop
        // after a plain word is not a word's.
        let text = "In the U.S. (TikTok) a Ph.D. holder said e.g. Plan B. Then U.S.'s.";
        let w: Vec<&str> = words(text).into_iter().map(|s| &text[s.range()]).collect();
        assert_eq!(
            w,
            [
                "In", "the", "U.S.", "TikTok", "a", "Ph.D.", "holder", "said", "e.g.", "Plan", "B",
                "Then", "U.S.'s"
            ]
        );
    }

    #[test]
    fn blocks_split_on_blank_lines_and_keep_inner_breaks() {
        let text = "Title\n\nOne line\nsame block\n\n\n  \nLast";
        assert_eq!(blocks(text), ["Title", "One line\nsame block", "Last"]);
        assert!(blocks("\n \n").is_empty());
    }

    #[test]
    fn empty_text_has_no_sentences() {
        assert!(sentences("").is_empty());
        assert!(words("").is_empty());
    }

    #[test]
    fn initialism_shapes() {
        assert!(is_initialism("U.S."));
        assert!(is_initialism("e.g."));
        assert!(is_initialism("J."));
        assert!(!is_initialism("a."));
        assert!(!is_initialism("U.S"));
        assert!(!is_initialism("end."));
    }
}
