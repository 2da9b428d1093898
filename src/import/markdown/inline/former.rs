//! Quotes taken when an earlier build read inline markup as written.

use super::{render, special};
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
    let now = Quote { prefix: prefix.into(), exact: exact.into(), suffix: suffix.into() };
    (!now.exact.is_empty() && !now.suffix.contains([OPEN, CLOSE]) && now != *quote).then_some(now)
}
