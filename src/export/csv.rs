//! CSV (RFC 4180, the csv crate): one row per highlight × tag in scope; an
//! untagged highlight gives one row with the tag `(no tag)`. `start` and `end`
//! are code points in the contributor's section text, end exclusive;
//! `paragraph` is where the highlight starts (1-based, in the contributor's
//! section). `time` (the last column, added in version 2) is when that
//! paragraph was spoken, as the source wrote it, `""` if not known. Cells
//! with newlines, quotes or commas are quoted.
//!
//! **Formulas.** A spreadsheet (LibreOffice, Excel) takes a cell that begins
//! with `=`, `+`, `-`, `@`, a tab or a carriage return for a formula, so a
//! quote or note such as `=HYPERLINK(…)` would become a live link. By default
//! such a cell is written with a `'` before it (OWASP's rule against CSV
//! injection), which spreadsheets show as text; `raw` writes every cell as it
//! is. Every cell goes through [`protect`]; the numeric columns (`paragraph`,
//! `start`, `end`) begin with a digit, so they stay numbers.

use std::borrow::Cow;

use super::Export;
use crate::model::stats::NO_TAG;

/// The header row.
pub const COLUMNS: [&str; 14] = [
    "highlight_id",
    "conversation",
    "contributor_id",
    "contributor",
    "paragraph",
    "start",
    "end",
    "tag",
    "quote",
    "note",
    "coder",
    "created",
    "modified",
    "time",
];

/// What a spreadsheet would read as the start of a formula.
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `cell`, with a `'` before it if a spreadsheet would take it for a formula.
pub fn protect(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// `cell` protected so that [`unprotect`] gives it back exactly: as
/// [`protect`], and also a cell that already looks protected (`'=…`) gets
/// one more `'`.
pub fn protect_exact(cell: &str) -> Cow<'_, str> {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => Cow::Owned(format!("'{cell}")),
        _ => protect(cell),
    }
}

/// `cell` without the `'` that [`protect`] or [`protect_exact`] put before it.
pub fn unprotect(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest)
            if rest.starts_with(FORMULA_STARTS)
                || rest.strip_prefix('\'').is_some_and(|r| r.starts_with(FORMULA_STARTS)) =>
        {
            rest
        }
        _ => cell,
    }
}

/// The CSV, with formula-like cells protected.
pub fn render(e: &Export) -> Result<Vec<u8>, csv::Error> {
    render_with(e, false)
}

/// The CSV; `raw` writes every cell as it is.
pub fn render_with(e: &Export, raw: bool) -> Result<Vec<u8>, csv::Error> {
    let cell = |s: &'_ str| if raw { s.to_owned() } else { protect(s).into_owned() };
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    w.write_record(COLUMNS)?;
    for item in &e.items {
        let h = item.highlight;
        let c = e.contributor(h.voice);
        let (paragraph, start, end) =
            (item.paragraph.to_string(), item.start.to_string(), item.end.to_string());
        let (created, modified) = (h.created.to_string(), h.modified.to_string());
        let tags: Vec<&str> = if item.tags.is_empty() { vec![NO_TAG] } else { item.tags.clone() };
        for tag in tags {
            w.write_record(
                [
                    h.id.as_str(),
                    e.doc.id.as_str(),
                    c.id.as_str(),
                    c.name.as_str(),
                    &paragraph,
                    &start,
                    &end,
                    tag,
                    &h.quote.exact,
                    &h.note,
                    &h.coder,
                    &created,
                    &modified,
                    item.time,
                ]
                .map(cell),
            )?;
        }
    }
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}
