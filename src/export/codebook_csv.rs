//! The codebook as CSV (`--format codebook-csv`): a header `name,description,color`,
//! then one row per tag in scope, in the annotation file's order. No
//! highlights: this is what another tool's codebook import reads.
//!
//! Written for Taguette (1.5), whose codebook import wants a header naming
//! the tag column (`name`, `tag` or `path`), takes `description` if there is
//! one, ignores other columns, refuses an empty name, and guesses the
//! encoding with `chardet` — which can take UTF-8 without a byte order mark
//! for another code page. So the file is UTF-8 **with** a byte order mark,
//! lines end in CRLF (RFC 4180), and cells with commas, quotes or newlines
//! are quoted. crosstalk's own codebook reader (`--codebook`, `tags import`)
//! reads it back: names, descriptions and colours.
//!
//! **Formulas.** As for the highlights CSV, a cell a spreadsheet would take
//! for a formula gets a `'` before it unless `raw`; crosstalk's reader takes
//! it away again ([`super::csv::unprotect`]), other tools keep it.
//! Taguette trims spaces at both ends of names and descriptions; so does
//! crosstalk's reader.

use super::Export;
use super::csv::protect_exact;

/// The header row.
pub const COLUMNS: [&str; 3] = ["name", "description", "color"];

/// The codebook CSV; `raw` writes every cell as it is.
pub fn render(e: &Export, raw: bool) -> Result<Vec<u8>, csv::Error> {
    let cell = |s: &str| if raw { s.to_owned() } else { protect_exact(s).into_owned() };
    let mut out = "\u{feff}".as_bytes().to_vec();
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    w.write_record(COLUMNS)?;
    for t in &e.tags {
        w.write_record([cell(&t.name), cell(&t.description), t.color.to_string()])?;
    }
    out.extend(w.into_inner().map_err(|e| csv::Error::from(e.into_error()))?);
    Ok(out)
}
