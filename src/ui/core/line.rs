//! One-line renderings of longer text: a snippet from the start or the
//! end, a passage's two ends, and drawing grapheme by grapheme as the panes
//! do. Built on [`super::text`]'s display widths.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;

use crate::model::sanitize::sanitize;

use super::text::{self, fit, for_each_grapheme};

/// `shown` (all or part of `full`, a passage's text) in quotation marks,
/// unless `full` is in its own (a selection that took in the quotation's
/// marks, `“moral equivalence”`, is not shown `““moral equivalence””`).
pub fn in_quotes(full: &str, shown: &str) -> String {
    let full = full.trim();
    let (Some(open), Some(close)) = (full.chars().next(), full.chars().next_back()) else {
        return format!("“{shown}”");
    };
    let opens = ['“', '"', '‘', '\'', '«', '„', '「', '『'].contains(&open);
    let closes = ['”', '"', '’', '\'', '»', '“', '」', '』'].contains(&close);
    // One quotation, the whole passage: its marks at its ends and nowhere
    // else (`“A” and “B”` is two).
    let one = if open == close {
        full.matches(open).count() == 2
    } else {
        full.matches(open).count() == 1 && full.matches(close).count() == 1
    };
    if opens && closes && one && full.chars().count() > 1 {
        shown.to_owned()
    } else {
        format!("“{shown}”")
    }
}

/// The first word-ish stretch of `text` that fits `width` cells, one line.
pub fn snippet(text: &str, width: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    fit(&sanitize(&flat), width).into_owned()
}

/// The longest start of `text` that ends at a word boundary (UAX #29) and
/// takes at most `width` cells, without the spaces or opening brackets and
/// quotes it would end on; when even the first word is wider, as many of
/// its graphemes as fit. `text` itself when it fits.
pub fn head_words(text: &str, width: usize) -> &str {
    match whole_head(text, width) {
        "" => head_graphemes(text, width),
        kept => kept,
    }
}

/// [`head_words`] without the fallback: empty when no word fits.
fn whole_head(text: &str, width: usize) -> &str {
    if text::width(text) <= width {
        return text;
    }
    let mut used = 0;
    let mut end = 0;
    for (at, word) in text.split_word_bound_indices() {
        used += text::width(word);
        if used > width {
            break;
        }
        end = at + word.len();
    }
    text[..end].trim_end_matches(|c: char| c.is_whitespace() || OPENERS.contains(c))
}

/// The longest end of `text` that starts at a word boundary (UAX #29) and
/// takes at most `width` cells, without the spaces or closing punctuation
/// it would start with; when even the last word is wider, as many of its
/// graphemes as fit. `text` itself when it fits.
pub fn tail_words(text: &str, width: usize) -> &str {
    match whole_tail(text, width) {
        "" => tail_graphemes(text, width),
        kept => kept,
    }
}

/// [`tail_words`] without the fallback: empty when no word fits.
fn whole_tail(text: &str, width: usize) -> &str {
    if text::width(text) <= width {
        return text;
    }
    let mut used = 0;
    let mut start = text.len();
    for (at, word) in text.split_word_bound_indices().rev() {
        used += text::width(word);
        if used > width {
            break;
        }
        start = at;
    }
    text[start..].trim_start_matches(|c: char| c.is_whitespace() || CLOSERS.contains(c))
}

/// What a shortened start should not end on (a dash too: `is—…`), nor a
/// shortened end start with.
const OPENERS: &str = "([{“‘«‹¿¡—–-";
const CLOSERS: &str = ",.;:!?)]}”’»›";

fn head_graphemes(text: &str, width: usize) -> &str {
    let mut used = 0;
    let mut end = 0;
    for (at, g) in text.grapheme_indices(true) {
        used += usize::from(text::display(g).1);
        if used > width {
            break;
        }
        end = at + g.len();
    }
    &text[..end]
}

fn tail_graphemes(text: &str, width: usize) -> &str {
    let mut used = 0;
    let mut start = text.len();
    for (at, g) in text.grapheme_indices(true).rev() {
        used += usize::from(text::display(g).1);
        if used > width {
            break;
        }
        start = at;
    }
    &text[start..]
}

/// `text` in at most `width` cells, shortened at a word boundary with `…`
/// marking the cut (between graphemes only when one word is wider than
/// the room): `"national security concerns"` in 20 cells is
/// `"national security…"`.
pub fn fit_words(text: &str, width: usize) -> Cow<'_, str> {
    if text::width(text) <= width {
        return Cow::Borrowed(text);
    }
    if width == 0 {
        return Cow::Borrowed("");
    }
    Cow::Owned(format!("{}…", head_words(text, width.saturating_sub(1))))
}

/// The end of `text` in at most `width` cells, shortened at a word boundary
/// with a leading `…` (between graphemes only when one word is wider than
/// the room).
pub fn fit_words_tail(text: &str, width: usize) -> Cow<'_, str> {
    if text::width(text) <= width {
        return Cow::Borrowed(text);
    }
    if width == 0 {
        return Cow::Borrowed("");
    }
    Cow::Owned(format!("…{}", tail_words(text, width.saturating_sub(1))))
}

/// `text` on one line in at most `width` cells: whole if it fits, else its
/// start and its end with ` … ` between, each cut at a word boundary, so
/// two passages that begin alike still read apart. When no whole word of
/// one end fits, only the start is shown ([`fit_words`]).
pub fn ends(text: &str, width: usize) -> String {
    if text::width(text) <= width {
        return text.to_owned();
    }
    let room = width.saturating_sub(3);
    let head = whole_head(text, room - room / 2);
    // What the start leaves unused goes to the end.
    let tail = whole_tail(text, room - text::width(head));
    if head.is_empty() || tail.is_empty() {
        return fit_words(text, width).into_owned();
    }
    format!("{head} … {tail}")
}

/// Draws `text` at (`x`, `y`) grapheme by grapheme, as the reader draws
/// its panes (so a ZWJ sequence takes the cells [`display`](super::text::display) says), in at
/// most `max` cells; the cells used.
pub fn put(
    buf: &mut ratatui::buffer::Buffer,
    x: u16,
    y: u16,
    text: &str,
    max: u16,
    style: ratatui::style::Style,
) -> u16 {
    let mut used = 0u16;
    for_each_grapheme(text, |_, symbol, w| {
        if w == 0 || used.saturating_add(w) > max {
            used = max.max(used);
            return;
        }
        let cx = x + used;
        buf[(cx, y)].set_symbol(symbol).set_style(style);
        for hidden in 1..w {
            buf[(cx + hidden, y)].reset();
        }
        used += w;
    });
    used.min(max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_passage_in_its_own_quotation_marks_gets_no_more() {
        assert_eq!(in_quotes("“moral equivalence”", "“moral equivalence”"), "“moral equivalence”");
        assert_eq!(in_quotes("\"Let them fine us.\"", "\"Let them …"), "\"Let them …");
        assert_eq!(in_quotes("moral equivalence", "moral equivalence"), "“moral equivalence”");
        // A quotation inside, or one mark alone, is no passage in its own.
        assert_eq!(in_quotes("“A” and “B”", "“A” and “B”"), "““A” and “B””");
        assert_eq!(in_quotes("“", "“"), "““”");
        assert_eq!(in_quotes("“Yes,” she said", "“Yes,” she said"), "““Yes,” she said”");
    }

    #[test]
    fn ends_cut_between_words() {
        let text = "It is fair to question the U.S. government’s recent efforts to \
                    effectively ban TikTok and WeChat on national security grounds.";
        assert_eq!(ends(text, 200), text);
        assert_eq!(ends(text, 60), "It is fair to question the … on national security grounds.");
        assert_eq!(ends(text, 30), "It is fair to … grounds.");
        for w in 4..text::width(text) {
            let shown = ends(text, w);
            assert!(text::width(&shown) <= w, "{w}: {shown}");
            let (head, tail) = match shown.split_once(" … ") {
                Some(ends) => ends,
                None => (shown.strip_suffix('…').expect("cut"), ""),
            };
            assert!(text.starts_with(head) && text.ends_with(tail), "{w}: {shown}");
            let after = text[head.len()..].chars().next();
            let before = text[..text.len() - tail.len()].chars().next_back();
            assert!(after.is_none_or(|c| !c.is_alphanumeric()), "{w}: {shown}");
            assert!(before.is_none_or(|c| !c.is_alphanumeric()), "{w}: {shown}");
        }
        assert_eq!(ends("微信和抖音都被禁止了", 11), "微信 … 止了");
        // No whole word fits at one end: the start alone.
        assert_eq!(ends("It is fair to question Supercalifragilistic.", 20), "It is fair to…");
        assert_eq!(ends("Supercalifragilistic is long", 10), "Supercali…");
    }

    #[test]
    fn fit_words_cuts_between_words() {
        let text = "It is fair to question the U.S. government’s recent efforts";
        assert_eq!(fit_words(text, 100), text);
        assert_eq!(fit_words(text, 30), "It is fair to question the…");
        assert_eq!(fit_words(text, 37), "It is fair to question the U.S.…");
        assert_eq!(fit_words(text, 50), "It is fair to question the U.S. government’s…");
        assert_eq!(fit_words_tail(text, 30), "…government’s recent efforts");
        for w in 2..text.len() {
            let cut = fit_words(text, w);
            assert!(text::width(&cut) <= w, "{w}: {cut}");
            let kept = cut.trim_end_matches('…');
            assert!(text.starts_with(kept), "{w}: {cut}");
            // Whole words only, once the first word fits.
            if w > 3 {
                let next = text[kept.len()..].chars().next();
                assert!(next.is_none_or(|c| !c.is_alphanumeric()), "{w}: {cut}");
            }
            let cut = fit_words_tail(text, w);
            assert!(text::width(&cut) <= w, "{w}: {cut}");
            let kept = cut.trim_start_matches('…');
            assert!(text.ends_with(kept), "{w}: {cut}");
            if w > 8 {
                let before = text[..text.len() - kept.len()].chars().next_back();
                assert!(before.is_none_or(|c| !c.is_alphanumeric()), "{w}: {cut}");
            }
        }
    }

    #[test]
    fn fit_words_measures_display_width_and_falls_back_to_graphemes() {
        // A word wider than the room: cut between graphemes.
        assert_eq!(fit_words("Supercalifragilistic", 6), "Super…");
        assert_eq!(fit_words_tail("Supercalifragilistic", 6), "…istic");
        // CJK: two cells each, a word boundary between ideographs.
        assert_eq!(fit_words("微信和抖音都被禁止了", 7), "微信和…");
        assert_eq!(fit_words_tail("微信和抖音都被禁止了", 7), "…禁止了");
        // An emoji ZWJ sequence and a combining mark stay whole.
        let family = "👩\u{200d}👩\u{200d}👧";
        assert_eq!(fit_words(&format!("{family} and {family} too"), 7), format!("{family} and…"));
        assert_eq!(
            fit_words(&format!("{family}{family}{family}"), 5),
            format!("{family}{family}…")
        );
        assert_eq!(fit_words("cafe\u{301} au lait", 8), "cafe\u{301} au…");
        assert_eq!(fit_words("e\u{301}e\u{301}e\u{301}e\u{301}", 3), "e\u{301}e\u{301}…");
        // No cut ends on an opening quote or starts on closing punctuation.
        assert_eq!(fit_words("the “National Intelligence Law”", 12), "the…");
        assert_eq!(fit_words_tail("behind, they said.", 13), "…they said.");
        assert_eq!(fit_words("", 0), "");
        assert_eq!(fit_words("abc", 0), "");
        assert_eq!(fit_words("abc", 1), "…");
    }
}
