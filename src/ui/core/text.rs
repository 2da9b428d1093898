//! Display text: graphemes as the terminal shows them, and word wrapping by
//! display width.
//!
//! Every grapheme goes through [`display`] first, so what is measured is what
//! is drawn: control and bidi characters become visible placeholders
//! ([`crate::model::sanitize`]), a tab becomes a space, and widths come from
//! ratatui's own [`CellWidth`] so wrapping and drawing always agree (CJK is
//! two cells, an emoji ZWJ sequence is one glyph, combining marks add none).

use std::borrow::Cow;

use ratatui::buffer::CellWidth;
use unicode_segmentation::UnicodeSegmentation;

use crate::model::sanitize;

/// One wrapped line: the byte range `[start, end)` of the paragraph it shows.
/// Spaces at a soft break belong to no line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line {
    pub start: u32,
    pub end: u32,
}

/// Characters that are one cell wide on their own and can only form a
/// grapheme by themselves when their neighbours are of the same kind:
/// printable ASCII, Latin-1 and Latin Extended letters, and the dashes,
/// quotes, bullets and ellipsis of General Punctuation. Text made only of
/// these (most prose) skips grapheme segmentation entirely; a test checks
/// that the shortcut agrees with the full path for every one of them.
pub fn is_simple(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{A0}'..='\u{AC}' | '\u{AE}'..='\u{2FF}' | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{203B}')
}

/// Calls `f(offset, shown, width)` for each grapheme of `text` in order, as
/// [`display`] shows it; all-simple text takes a per-character shortcut.
pub fn for_each_grapheme(text: &str, mut f: impl FnMut(usize, &str, u16)) {
    if text.chars().all(is_simple) {
        let mut buf = [0u8; 4];
        for (at, c) in text.char_indices() {
            f(at, c.encode_utf8(&mut buf), 1);
        }
    } else {
        for (at, g) in text.grapheme_indices(true) {
            let (shown, w) = display(g);
            f(at, &shown, w);
        }
    }
}

/// How a grapheme is shown: its safe text and its width in cells.
pub fn display(grapheme: &str) -> (Cow<'_, str>, u16) {
    let mut chars = grapheme.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if is_simple(c) {
            return (Cow::Borrowed(grapheme), 1);
        }
        if c == '\t' {
            return (Cow::Borrowed(" "), 1);
        }
    }
    let shown = sanitize::sanitize(grapheme);
    let width = shown.cell_width();
    (shown, width)
}

/// Wraps `text` into lines at most `width` cells wide, breaking only where
/// UAX #14 allows (so a closing quote or an em-dash never starts a line and
/// CJK may break between ideographs), and inside a word only when it is
/// wider than a whole line. Line breaks in the text are kept; spaces at a
/// wrap belong to no line. Always returns at least one line.
pub fn wrap(text: &str, width: u16) -> Vec<Line> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut start = 0usize; // start of the current line
    let mut end = 0usize; // end of its last visible segment
    let mut used = 0u16; // cells used, trailing spaces included

    let mut push = |start: usize, end: usize| {
        lines.push(Line { start: start as u32, end: end.max(start) as u32 });
    };

    let mut seg_start = 0usize;
    for (at, opportunity) in unicode_linebreak::linebreaks(text) {
        let segment = &text[seg_start..at];
        let content = segment.trim_end_matches(char::is_whitespace);
        let content_width = width_u16(content);
        if used > 0 && used.saturating_add(content_width) > width {
            push(start, end);
            start = seg_start;
            end = seg_start;
            used = 0;
        }
        // After a line break nothing measures the spaces before it: `used`
        // starts again (measuring `\n` itself went through sanitising, an
        // allocation per line of a paragraph of a million lines).
        let hard = opportunity == unicode_linebreak::BreakOpportunity::Mandatory;
        if content_width <= width - used {
            end = seg_start + content.len();
            if !hard {
                used = used.saturating_add(width_u16(segment));
            }
        } else {
            // A word wider than a line: break it between graphemes.
            for (g_at, g) in content.grapheme_indices(true) {
                let w = display(g).1;
                if used > 0 && used.saturating_add(w) > width {
                    push(start, end);
                    start = seg_start + g_at;
                    used = 0;
                }
                used = used.saturating_add(w);
                end = seg_start + g_at + g.len();
            }
            if !hard {
                used = used.saturating_add(width_u16(&segment[content.len()..]));
            }
        }
        if hard && at < text.len() {
            push(start, end);
            start = at;
            end = at;
            used = 0;
        }
        seg_start = at;
    }
    push(start, end);
    lines
}

fn width_u16(text: &str) -> u16 {
    if text.chars().all(is_simple) {
        return u16::try_from(text.chars().count()).unwrap_or(u16::MAX);
    }
    text.graphemes(true).map(|g| display(g).1).fold(0, u16::saturating_add)
}

/// Display width of `text` in cells, as [`wrap`] measures it.
pub fn width(text: &str) -> usize {
    if text.chars().all(is_simple) {
        return text.chars().count();
    }
    text.graphemes(true).map(|g| usize::from(display(g).1)).sum()
}

/// The byte offset (relative to `text`) of the grapheme drawn at cell
/// `column` when `text` is drawn from cell 0; past the end gives `text.len()`.
pub fn offset_at_column(text: &str, column: u16) -> usize {
    let mut x = 0u16;
    for (at, g) in text.grapheme_indices(true) {
        let w = display(g).1;
        if column < x.saturating_add(w.max(1)) {
            return at;
        }
        x = x.saturating_add(w);
    }
    text.len()
}

/// `text` cut to `width` cells, with `…` marking a cut.
pub fn fit(text: &str, width: usize) -> Cow<'_, str> {
    if self::width(text) <= width {
        return Cow::Borrowed(text);
    }
    let mut out = String::new();
    let mut used = 0;
    for g in text.graphemes(true) {
        let w = usize::from(display(g).1);
        if used + w + 1 > width {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out.push('…');
    Cow::Owned(out)
}

/// `text` made exactly `width` cells: cut as [`fit`] does, then padded with
/// spaces. `format!("{:<w$}")` pads by characters, which misaligns a
/// column of wide (CJK) text.
pub fn padded(text: &str, width: usize) -> String {
    let shown = fit(text, width);
    let pad = width.saturating_sub(self::width(&shown));
    format!("{shown}{}", " ".repeat(pad))
}

/// `parts` joined by ` · `, as many whole parts, in order, as fit `width`
/// cells: the first is always kept (cut with `…` only if it alone is too
/// wide), later ones are dropped whole, never cut.
pub fn phrases(parts: &[&str], width: usize) -> String {
    let mut out = String::new();
    for (i, part) in parts.iter().enumerate() {
        if i == 0 {
            out.push_str(&fit(part, width));
        } else if self::width(&out) + 3 + self::width(part) <= width {
            out.push_str(" · ");
            out.push_str(part);
        } else {
            break;
        }
    }
    out
}

/// `text` word-wrapped to `width` cells, as owned strings.
pub fn wrapped(text: &str, width: u16) -> Vec<String> {
    wrap(text, width).iter().map(|l| text[l.start as usize..l.end as usize].to_owned()).collect()
}

/// `path` with a leading `~` (alone or before `/`) and every `$HOME` and
/// `${HOME}` replaced by `home`; unchanged without a home.
pub fn expand_home(path: &str, home: Option<&str>) -> String {
    let Some(home) = home else { return path.to_owned() };
    let path = match path.strip_prefix('~') {
        Some(rest) if rest.is_empty() || rest.starts_with('/') => format!("{home}{rest}"),
        _ => path.to_owned(),
    };
    path.replace("${HOME}", home).replace("$HOME", home)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padded_text_is_exactly_as_wide_as_asked_in_cells() {
        for (text, w) in
            [("李华", 8), ("Ku", 8), ("👨‍👩‍👧 e\u{301}", 8), ("王芳芳王芳芳王芳芳", 8), ("", 3)]
        {
            let p = padded(text, w);
            assert_eq!(width(&p), w, "{text:?} → {p:?}");
        }
        assert_eq!(padded("李华", 6), "李华  ");
    }

    #[test]
    fn phrases_are_dropped_whole_and_only_the_first_is_ever_cut() {
        let parts = ["Highlights", "Enter go to", "Esc close"];
        assert_eq!(phrases(&parts, 100), "Highlights · Enter go to · Esc close");
        assert_eq!(phrases(&parts, 30), "Highlights · Enter go to");
        assert_eq!(phrases(&parts, 24), "Highlights · Enter go to");
        assert_eq!(phrases(&parts, 23), "Highlights");
        assert_eq!(phrases(&parts, 6), "Highl…");
    }

    fn shown(text: &str, width: u16) -> Vec<&str> {
        wrap(text, width).into_iter().map(|l| &text[l.start as usize..l.end as usize]).collect()
    }

    #[test]
    fn wraps_between_words_and_drops_break_spaces() {
        assert_eq!(
            shown("The U.S. government bans apps", 12),
            ["The U.S.", "government", "bans apps"]
        );
    }

    #[test]
    fn em_dashes_and_curly_quotes_wrap_like_words() {
        let text = "the “National Intelligence Law—which requires”";
        for line in shown(text, 14) {
            assert!(width(line) <= 14, "{line:?}");
        }
        assert_eq!(shown(text, 14).concat().replace(' ', ""), text.replace(' ', ""));
    }

    #[test]
    fn quotes_and_apostrophes_stay_with_their_words() {
        let text = "the apps’ parent companies were intended “to safeguard” it";
        // From the widest unbreakable unit ("safeguard”", 10 cells) up.
        for w in 10..30 {
            for line in shown(text, w) {
                assert!(!line.starts_with(['’', '”']), "width {w}: {line:?}");
                assert!(!line.ends_with('“'), "width {w}: {line:?}");
            }
        }
        assert_eq!(shown("in the U.S., TikTok", 8), ["in the", "U.S.,", "TikTok"]);
    }

    #[test]
    fn hyphens_and_em_dashes_break_after_not_before() {
        assert_eq!(
            shown("people-to-people engagement", 12),
            ["people-to-", "people", "engagement"]
        );
        let lines = shown("Intelligence Law—which requires", 18);
        assert!(lines.iter().all(|l| !l.starts_with('—')), "{lines:?}");
    }

    #[test]
    fn cjk_is_two_cells_and_breaks_between_ideographs() {
        let text = "微信和抖音都被禁止了";
        let lines = shown(text, 7);
        assert_eq!(lines, ["微信和", "抖音都", "被禁止", "了"]);
        assert!(lines.iter().all(|l| width(l) <= 7));
    }

    #[test]
    fn emoji_zwj_sequence_is_one_unbroken_glyph() {
        let family = "👩\u{200d}👩\u{200d}👧";
        assert_eq!(width(family), 2);
        let text = format!("ab {family} cd");
        assert_eq!(shown(&text, 4), ["ab", family, "cd"]);
    }

    #[test]
    fn combining_marks_take_no_cell() {
        let text = "cafe\u{301} cafe\u{301}";
        assert_eq!(width("cafe\u{301}"), 4);
        assert_eq!(shown(text, 4), ["cafe\u{301}", "cafe\u{301}"]);
    }

    #[test]
    fn long_words_break_between_graphemes() {
        assert_eq!(shown("abcdefgh", 3), ["abc", "def", "gh"]);
        assert_eq!(shown("x 微信抖音", 3), ["x", "微", "信", "抖", "音"]);
    }

    #[test]
    fn hard_breaks_are_kept_and_tabs_are_one_cell() {
        assert_eq!(shown("one\ntwo\n\nthree", 20), ["one", "two", "", "three"]);
        assert_eq!(width("a\tb"), 3);
    }

    #[test]
    fn controls_are_measured_as_their_placeholders() {
        assert_eq!(width("\u{1b}[2J"), 4);
        assert_eq!(width("\u{202e}x"), 2);
    }

    #[test]
    fn degenerate_widths_and_texts_never_panic() {
        assert_eq!(wrap("", 10), [Line { start: 0, end: 0 }]);
        assert_eq!(shown("微", 1), ["微"]);
        assert!(shown("  lead", 0).iter().all(|l| width(l) <= 1));
    }

    #[test]
    fn the_simple_shortcut_agrees_with_the_full_path() {
        for c in (0..0x2100u32).filter_map(char::from_u32).filter(|&c| is_simple(c)) {
            let s = c.to_string();
            assert_eq!(s.cell_width(), 1, "U+{:04X}", c as u32);
            assert!(!sanitize::is_unsafe(c), "U+{:04X}", c as u32);
            // Alone or between two others, it is a grapheme of its own.
            let three = format!("a{c}b");
            assert_eq!(three.graphemes(true).count(), 3, "U+{:04X}", c as u32);
        }
        let mut seen = Vec::new();
        for_each_grapheme("a’—e\u{301}微", |at, shown, w| {
            seen.push((at, shown.to_owned(), w))
        });
        assert_eq!(
            seen,
            [
                (0, "a".into(), 1),
                (1, "’".into(), 1),
                (4, "—".into(), 1),
                (7, "e\u{301}".into(), 1),
                (10, "微".into(), 2)
            ]
        );
    }

    #[test]
    fn column_maps_back_to_grapheme() {
        let text = "a微b";
        assert_eq!(offset_at_column(text, 0), 0);
        assert_eq!(offset_at_column(text, 1), 1);
        assert_eq!(offset_at_column(text, 2), 1);
        assert_eq!(offset_at_column(text, 3), 4);
        assert_eq!(offset_at_column(text, 9), 5);
    }
}
