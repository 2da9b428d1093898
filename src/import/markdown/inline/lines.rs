//! Lines of a paragraph that would open a block where they stand, escaped
//! so that they stay the paragraph's (the block reader has placed it).

/// Where to escape `line` (trimmed) so that it opens no block when it
/// follows a paragraph's line, if it would open one there (CommonMark's
/// rules for what interrupts a paragraph): a list item with text (an
/// ordered one only from 1), a quote, a heading, a rule or a setext
/// underline, a code fence, an HTML block. (Escaping a line that opens
/// none would change the text of a code span it is in.)
pub(super) fn opens_block(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let first = *bytes.first()?;
    let blank = |b: &u8| matches!(b, b' ' | b'\t');
    let run = bytes.iter().take_while(|&&b| b == first).count();
    let rest = &bytes[run..];
    // An item's marker, a space, then text.
    let item = |marker: usize| {
        bytes.get(marker).is_some_and(blank) && bytes[marker..].iter().any(|b| !blank(b))
    };
    let rule = || {
        bytes.iter().filter(|&&b| b == first).count() >= 3
            && bytes.iter().all(|b| *b == first || blank(b))
    };
    let escape = match first {
        b'>' => true,
        b'#' => run <= 6 && rest.first().is_none_or(blank),
        b'=' => rest.iter().all(blank),
        b'-' => rest.iter().all(blank) || rule() || item(1),
        b'*' | b'_' => rule() || first == b'*' && item(1),
        b'+' => item(1),
        b'`' => run >= 3 && !rest.contains(&b'`'),
        b'~' => run >= 3,
        b'<' => html_block(&line[1..]),
        b'0' | b'1' => {
            // (`01.` is 1 too.)
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            let one = line[..digits].trim_start_matches('0') == "1" && digits <= 9;
            if one && matches!(bytes.get(digits), Some(b'.' | b')')) && item(digits + 1) {
                return Some(digits);
            }
            false
        }
        _ => false,
    };
    escape.then_some(0)
}

/// Whether a line's text after its opening `<` opens an HTML block that
/// can interrupt a paragraph (CommonMark's kinds 1 to 6).
fn html_block(rest: &str) -> bool {
    if rest.starts_with(['!', '?']) {
        return true;
    }
    let name = rest.trim_start_matches('/');
    let len = name.bytes().take_while(u8::is_ascii_alphanumeric).count();
    let ends = name[len..].is_empty() || name[len..].starts_with([' ', '\t', '>', '/']);
    let name = name[..len].to_ascii_lowercase();
    ends && BLOCK_TAGS.contains(&name.as_str())
}

/// The HTML elements that open an HTML block (CommonMark's kinds 1 and 6).
const BLOCK_TAGS: [&str; 66] = [
    "address",
    "article",
    "aside",
    "base",
    "basefont",
    "blockquote",
    "body",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "iframe",
    "legend",
    "li",
    "link",
    "main",
    "menu",
    "menuitem",
    "nav",
    "noframes",
    "ol",
    "optgroup",
    "option",
    "p",
    "param",
    "search",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "track",
    "ul",
    "pre",
    "script",
    "style",
    "textarea",
];
