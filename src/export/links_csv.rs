//! The links CSV (RFC 4180, the csv crate): one row per link in scope,
//! its two ends side by side. `direction` is `one-way` (read from the
//! `from` end to the `to` end: the answer `answers` the question) or
//! `both` (the relation reads the same from either end). Each end has its
//! highlight's id, its contributor (id and name), the paragraph where it
//! starts and its `start` and `end` (code points in the contributor's
//! section text, end exclusive, as the highlights' CSV writes them) and its
//! quote. Cells are protected against formula injection exactly as in the
//! highlights' CSV ([`super::csv::protect`]), unless `raw`.

use super::{Export, LinkItem};

/// The header row.
pub const COLUMNS: [&str; 22] = [
    "link_id",
    "conversation",
    "relation",
    "direction",
    "from_highlight_id",
    "from_contributor_id",
    "from_contributor",
    "from_paragraph",
    "from_start",
    "from_end",
    "from_quote",
    "to_highlight_id",
    "to_contributor_id",
    "to_contributor",
    "to_paragraph",
    "to_start",
    "to_end",
    "to_quote",
    "note",
    "coder",
    "created",
    "modified",
];

/// `one-way` or `both`.
pub fn direction(l: &LinkItem) -> &'static str {
    if l.relation.both_ways { "both" } else { "one-way" }
}

/// The CSV, with formula-like cells protected.
pub fn render(e: &Export) -> Result<Vec<u8>, csv::Error> {
    render_with(e, false)
}

/// The CSV; `raw` writes every cell as it is.
pub fn render_with(e: &Export, raw: bool) -> Result<Vec<u8>, csv::Error> {
    let cell = |s: &str| if raw { s.to_owned() } else { super::csv::protect(s).into_owned() };
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    w.write_record(COLUMNS)?;
    for l in &e.links {
        let link = l.link;
        let mut row: Vec<String> =
            vec![link.id.clone(), e.doc.id.clone(), link.relation.clone(), direction(l).to_owned()];
        for end in [l.from, l.to] {
            let item = &e.items[end];
            let h = item.highlight;
            let c = e.contributor(h.voice);
            row.extend([
                h.id.clone(),
                c.id.clone(),
                c.name.clone(),
                item.paragraph.to_string(),
                item.start.to_string(),
                item.end.to_string(),
                h.quote.exact.clone(),
            ]);
        }
        row.extend([
            link.note.clone(),
            link.coder.clone(),
            link.created.to_string(),
            link.modified.to_string(),
        ]);
        w.write_record(row.iter().map(|s| cell(s)))?;
    }
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}
