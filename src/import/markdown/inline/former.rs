//! Quotes taken when an earlier build read inline markup as written.

use super::{FORMATTING, render, special, tag_name};
use crate::model::annotations::Quote;
use crate::model::voicetext::PARAGRAPH_SEPARATOR;

/// A highlight's `quote` as it reads now, if it was taken from text an
/// earlier build read with its markup as written (`I *never* said`): the
/// quote and its context read as a paragraph is, each of its paragraphs
/// apart. `None` if that changes nothing, or the quote's place in its
/// context cannot be told.
pub fn former_quote(quote: &Quote) -> Option<Quote> {
    // Marks (punctuation, as a quote's edge next to markup is to
    // emphasis) around the quote, to find it again in what is read.
    const OPEN: char = '\u{2042}';
    const CLOSE: char = '\u{2051}';
    let Quote { prefix, exact, suffix } = quote;
    let marked = format!("{prefix}{OPEN}{exact}{CLOSE}{suffix}");
    if [prefix, exact, suffix].iter().any(|t| t.contains([OPEN, CLOSE]))
        || !marked.bytes().any(special)
    {
        return None;
    }
    let read: Vec<String> = marked
        .split(PARAGRAPH_SEPARATOR)
        .map(|paragraph| {
            // A line break in a paragraph was a hard break.
            let lines: Vec<String> = paragraph.split('\n').map(|l| format!("{l}  ")).collect();
            let raw = paragraph.to_owned();
            let read = render(lines.iter().map(String::as_str), &raw);
            // (The last line's two spaces break nothing; a paragraph that
            // reads as nothing keeps its text.)
            read.trim_end_matches('\n').to_owned()
        })
        .collect();
    let read = read.join(PARAGRAPH_SEPARATOR);
    let (prefix, rest) = read.split_once(OPEN)?;
    let (exact, suffix) = rest.split_once(CLOSE)?;
    let exact = unmatched(exact);
    // Marks beside the quote whose other half the context lost (the end of
    // `**…**` the sentence before began in) are none in the text.
    let (prefix, suffix) = (unmatched_end(prefix), unmatched_start(suffix));
    let now = Quote { prefix, exact: exact.into(), suffix };
    (!now.exact.is_empty() && !now.suffix.contains([OPEN, CLOSE]) && now != *quote).then_some(now)
}

/// `prefix` without the marks at its end, before the whitespace there.
fn unmatched_end(prefix: &str) -> String {
    let body = prefix.trim_end();
    format!("{}{}", body.trim_end_matches(['*', '_']), &prefix[body.len()..])
}

/// `suffix` without the marks at its start, after the whitespace there.
fn unmatched_start(suffix: &str) -> String {
    let body = suffix.trim_start();
    let lead = &suffix[..suffix.len() - body.len()];
    format!("{lead}{}", body.trim_start_matches(['*', '_']))
}

/// `exact` without the marks at its ends that open or close something
/// outside it (an earlier build's sentence that began inside `**…**`, or
/// ended before a `</span>`): their other half is not in the quote, so
/// they read as text there, and as nothing in the paragraph.
fn unmatched(mut exact: &str) -> &str {
    loop {
        let before = exact.len();
        exact = exact.trim_start_matches(['*', '_']).trim_end_matches(['*', '_']);
        if let Some(rest) = exact.strip_suffix('>')
            && let Some(at) = rest.rfind('<')
            && FORMATTING.contains(&tag_name(&exact[at..]).0.as_str())
        {
            exact = &exact[..at];
        }
        if exact.starts_with('<')
            && let Some(end) = exact.find('>')
            && FORMATTING.contains(&tag_name(&exact[..=end]).0.as_str())
        {
            exact = &exact[end + 1..];
        }
        if exact.len() == before {
            return exact;
        }
    }
}
