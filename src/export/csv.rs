//! CSV (RFC 4180, the csv crate): one row per highlight × tag in scope; an
//! untagged highlight gives one row with an empty `tag`. `start` and `end`
//! are code points in the contributor's section text, end exclusive;
//! `paragraph` is where the highlight starts (1-based, in the contributor's
//! section). Cells with newlines, quotes or commas are quoted.

use super::Export;

/// The header row.
pub const COLUMNS: [&str; 13] = [
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
];

pub fn render(e: &Export) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    w.write_record(COLUMNS)?;
    for item in &e.items {
        let h = item.highlight;
        let c = e.contributor(h.voice);
        let (paragraph, start, end) =
            (item.paragraph.to_string(), item.start.to_string(), item.end.to_string());
        let (created, modified) = (h.created.to_string(), h.modified.to_string());
        let tags: Vec<&str> = if item.tags.is_empty() { vec![""] } else { item.tags.clone() };
        for tag in tags {
            w.write_record([
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
            ])?;
        }
    }
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}
