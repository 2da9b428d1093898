//! Making text inert before it reaches a terminal.
//!
//! Conversation text is kept verbatim in the model (positions in exports
//! count code points of the exact text), so sanitising happens on the way
//! out: every character that a terminal would act on instead of print is
//! replaced by a visible placeholder of the same or similar width.
//!
//! - C0 controls and DEL become their Unicode "control pictures"
//!   (`ESC` → `␛`, `BEL` → `␇`, `DEL` → `␡`), so `ESC[2J` shows as `␛[2J`.
//! - C1 controls (which include the 8-bit CSI and OSC introducers), bidi
//!   embeddings, overrides, isolates and marks, and the line/paragraph
//!   separators become `�`.
//!
//! Tab and newline are not replaced by [`sanitize`]: the reader's wrapper
//! turns them into a space and a line break. Output that keeps its own lines
//! (the command line's, the HTML export's) uses [`sanitize_lines`], which
//! keeps them and uses the same placeholders for everything else, so hostile
//! text looks the same wherever crosstalk shows it.

use std::borrow::Cow;

/// What is shown in place of C1 controls and bidi/format controls.
pub const PLACEHOLDER: char = '\u{FFFD}';

/// The visible stand-in for `c`, or `None` if `c` is safe to print as is.
pub fn placeholder(c: char) -> Option<char> {
    match c {
        '\u{0}'..='\u{1F}' => char::from_u32(0x2400 + c as u32),
        '\u{7F}' => Some('\u{2421}'),
        '\u{80}'..='\u{9F}' => Some(PLACEHOLDER),
        c if is_bidi_control(c) => Some(PLACEHOLDER),
        '\u{2028}' | '\u{2029}' => Some(PLACEHOLDER),
        _ => None,
    }
}

/// The bidirectional formatting characters that can reorder what follows
/// them on screen (Trojan Source, CVE-2021-42574).
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// Whether `c` takes no room and shows nothing: zero-width spaces and
/// joiners, the word joiner and invisible operators, the byte order mark,
/// a soft hyphen, the Mongolian vowel separator, the Hangul fillers, and
/// the bidi controls.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{034F}' | '\u{115F}' | '\u{1160}' | '\u{180E}' | '\u{200B}'..='\u{200D}'
            | '\u{2060}'..='\u{2064}' | '\u{3164}' | '\u{FEFF}' | '\u{FFA0}'
    ) || is_bidi_control(c)
}

/// `s` without white space or [invisible](is_invisible) characters at
/// either end: a name typed as only a zero-width space is no name (it was
/// taken, and showed blank everywhere).
pub fn trim_invisible(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || is_invisible(c))
}

/// Whether `c` would be replaced by [`sanitize`].
pub fn is_unsafe(c: char) -> bool {
    placeholder(c).is_some()
}

/// A path as a message names it: [`sanitize`]d, newline and tab included (a
/// file name is shown on one line; `a\ncrosstalk: saved` would otherwise
/// print a line crosstalk never said).
pub trait Shown {
    fn shown(&self) -> String;
}

impl Shown for std::path::Path {
    fn shown(&self) -> String {
        sanitize(&self.display().to_string()).into_owned()
    }
}

/// `s` with every unsafe character replaced by its placeholder. Borrows when
/// nothing needs replacing, which is the common case.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(|c| placeholder(c).unwrap_or(c)).collect())
}

/// `s` with every unsafe character replaced as [`sanitize`] does, except
/// tab, newline and a CR that ends a line (CR LF): they lay text out and
/// start no sequence. A lone CR is replaced: it would move the cursor back
/// over what was written.
pub fn sanitize_lines(s: &str) -> Cow<'_, str> {
    let layout =
        |c: char, next: Option<char>| c == '\n' || c == '\t' || (c == '\r' && next == Some('\n'));
    let mut chars = s.chars().peekable();
    let mut clean = true;
    while let Some(c) = chars.next() {
        if is_unsafe(c) && !layout(c, chars.peek().copied()) {
            clean = false;
            break;
        }
    }
    if clean {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match placeholder(c) {
            Some(p) if !layout(c, chars.peek().copied()) => out.push(p),
            _ => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible() {
        assert_eq!(sanitize("a\u{1b}[2Jb"), "a␛[2Jb");
        assert_eq!(sanitize("\u{1b}]52;c;aGk=\u{7}"), "␛]52;c;aGk=␇");
        assert_eq!(sanitize("x\u{9b}31m"), "x\u{FFFD}31m");
        assert_eq!(sanitize("del\u{7f}"), "del␡");
    }

    #[test]
    fn bidi_controls_become_visible() {
        for c in [
            '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}',
            '\u{2068}', '\u{2069}',
        ] {
            let s = format!("abc{c}def");
            assert_eq!(sanitize(&s), "abc\u{FFFD}def", "{:04X}", c as u32);
        }
    }

    #[test]
    fn lines_keep_their_layout_and_lose_their_escapes() {
        assert_eq!(sanitize_lines("a\tb\nc\r\nd"), "a\tb\nc\r\nd");
        assert!(matches!(sanitize_lines("a\tb\r\n"), Cow::Borrowed(_)));
        assert_eq!(
            sanitize_lines("x\ry\u{1b}]0;t\u{7}\u{202e}\u{9b}"),
            "x␍y␛]0;t␇\u{FFFD}\u{FFFD}"
        );
        assert_eq!(sanitize_lines("end\r"), "end␍");
    }

    #[test]
    fn ordinary_text_is_borrowed_untouched() {
        let s = "The U.S.’s “whack-a-mole” — 微信 👩‍👩‍👧 Cafe\u{301}";
        assert!(matches!(sanitize(s), Cow::Borrowed(_)));
    }

    #[test]
    fn a_name_of_only_invisible_characters_trims_to_nothing() {
        assert_eq!(trim_invisible("\u{200B}"), "");
        assert_eq!(trim_invisible(" \u{FEFF}\u{2060}\u{202E} "), "");
        assert_eq!(trim_invisible("\u{200B}risk\u{200D} "), "risk");
        // Inside a name they stay: an emoji's joiners are part of it.
        assert_eq!(trim_invisible("👩\u{200D}💻 dev"), "👩\u{200D}💻 dev");
    }
}
