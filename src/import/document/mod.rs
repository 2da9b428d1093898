//! Word processors' documents — Word's `.docx` ([`docx`]),
//! OpenDocument's `.odt` ([`odt`], LibreOffice's and Google Docs') and RTF
//! ([`rtf`], TextEdit's, WordPad's) — as
//! the text they show, laid out as plain text for the transcript, chat and
//! Markdown readers: each paragraph a line with a blank line after it, a
//! table's row a line with its cells parted by tabs (as Word saves a table
//! as text), a line break a line break. A document is then read as the
//! same text saved as `.txt` would be: labels, names above their text,
//! times, tables of turns.
//!
//! What the reader sees is what is read: text inserted with changes
//! tracked (not text deleted or moved away), links' text, fields' results
//! (not their codes), a merged cell's text in each row it spans. Left out:
//! headers, footers, footnotes, comments, text boxes and drawings, and a
//! table's first row when it only names its columns (`Speaker | Text`) or
//! a first column that only numbers its rows.
//! Pure: bytes in, text out.

mod docx;
mod odt;
mod rtf;
mod table;

use std::io::{Cursor, Read};

use quick_xml::events::BytesStart;

use table::Table;

pub use docx::unpack as docx;
pub use odt::unpack as odt;
pub use rtf::unpack as rtf;

/// The most a document's XML may unpack to: a zip of a gigabyte of XML is
/// refused rather than unpacked.
const MOST: u64 = 1 << 30;

/// A document as text, and where each of its lines came from.
#[derive(Debug)]
pub struct Unpacked {
    pub text: String,
    /// For each line of `text`, the 1-based number of the paragraph (or
    /// table row) of the document it came from, for messages.
    pub places: Vec<u32>,
    /// What was left out that the import's notes should say.
    pub notes: Vec<String>,
    /// The document's title: its first paragraph, if styled as the title
    /// (Word's and LibreOffice's `Title` style, or one based on it), which
    /// is then not in `text`.
    pub title: Option<String>,
}

impl Unpacked {
    /// The document's paragraph that `line` (1-based) of the text is from.
    pub fn paragraph(&self, line: usize) -> u32 {
        let last = self.places.last().copied().unwrap_or(1);
        line.checked_sub(1).and_then(|i| self.places.get(i)).copied().unwrap_or(last)
    }

    /// An import's note (`line 3, …`, `lines 2–5, …`) naming the
    /// document's paragraphs instead of the text's lines.
    pub fn relabel(&self, message: &str) -> String {
        let number = |s: &str| s.parse::<usize>().ok().map(|n| self.paragraph(n));
        if let Some(rest) = message.strip_prefix("lines ")
            && let Some((range, after)) = rest.split_once(',')
            && let Some((first, last)) = range.split_once('–')
            && let (Some(first), Some(last)) = (number(first), number(last))
        {
            let which = if first == last {
                format!("paragraph {first}")
            } else {
                format!("paragraphs {first}–{last}")
            };
            return format!("{which},{after}");
        }
        if let Some(rest) = message.strip_prefix("line ")
            && let Some((n, after)) = rest.split_once(',')
            && let Some(n) = number(n)
        {
            return format!("paragraph {n},{after}");
        }
        message.to_owned()
    }
}

type Zip<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

/// The document's archive; `what` names the kind in the error.
fn archive<'a>(bytes: &'a [u8], what: &str) -> Result<Zip<'a>, String> {
    zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("not a readable {what} (its zip archive: {e})"))
}

/// The unpacked bytes of the archive's entry `name`, if they are no more
/// than `most` (whatever size the archive claims for it); `what` names the
/// kind of document if the entry is missing.
fn entry(zip: &mut Zip, name: &str, most: u64, what: &str) -> Result<Vec<u8>, String> {
    let file = zip.by_name(name).map_err(|e| match e {
        zip::result::ZipError::FileNotFound => {
            format!("the archive holds no {name}: not {what}")
        }
        e => format!("cannot unpack {name}: {e}"),
    })?;
    if file.size() > most {
        return Err(too_large(name, most));
    }
    let mut bytes = Vec::new();
    file.take(most + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot unpack {name}: {e}"))?;
    // The size the archive claims may be false.
    if bytes.len() as u64 > most {
        return Err(too_large(name, most));
    }
    Ok(bytes)
}

fn too_large(name: &str, most: u64) -> String {
    let most =
        if most >= 1 << 30 { format!("{} GiB", most >> 30) } else { format!("{most} bytes") };
    format!("{name} unpacks to more than {most}: refused")
}

/// An attribute's value by its local name, entities resolved.
fn attribute(e: &BytesStart, name: &[u8]) -> Option<String> {
    e.attributes().flatten().find(|a| a.key.local_name().as_ref() == name).and_then(|a| {
        a.normalized_value(quick_xml::XmlVersion::default()).ok().map(|v| v.into_owned())
    })
}

/// A character or entity reference in text, or the error for one that is
/// neither.
fn reference(r: &quick_xml::events::BytesRef, at: u64) -> Result<String, (u64, String)> {
    super::refi::codes::reference(r).ok_or_else(|| (at, "an unknown character reference".into()))
}

/// The text read so far: paragraphs and rows, each with its number.
#[derive(Default)]
struct Out {
    text: String,
    places: Vec<u32>,
    count: u32,
    notes: Vec<String>,
    /// Footnotes (and endnotes) and comments met, left out.
    footnotes: usize,
    comments: usize,
    title: Option<String>,
    /// The paragraph the title ends in.
    title_at: u32,
}

impl Out {
    /// A paragraph or a row of the document's body, then a blank line.
    fn push(&mut self, item: &str) {
        self.count += 1;
        if item.trim().is_empty() {
            return;
        }
        for line in item.split('\n') {
            self.text.push_str(line);
            self.text.push('\n');
            self.places.push(self.count);
        }
        self.text.push('\n');
        self.places.push(self.count);
    }

    /// The text, with a note of the footnotes and comments left out: a
    /// transcriber's `[1] inaudible` or a colleague's comment should not
    /// vanish unsaid.
    fn finish(mut self) -> Unpacked {
        let count = |n: usize, one: &str, many: &str| match n {
            0 => None,
            1 => Some(format!("1 {one}")),
            n => Some(format!("{n} {many}")),
        };
        let parts: Vec<String> = [
            count(self.footnotes, "footnote", "footnotes"),
            count(self.comments, "comment", "comments"),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !parts.is_empty() {
            let verb = if self.footnotes + self.comments == 1 { "is" } else { "are" };
            self.notes.push(format!(
                "the document's {} {verb} left out: not what was said",
                parts.join(" and ")
            ));
        }
        Unpacked { text: self.text, places: self.places, notes: self.notes, title: self.title }
    }
}

/// A paragraph read, `titled` if styled as the title: the document's title
/// if it is the first with text and no table is open, else as [`put`].
fn paragraph(out: &mut Out, tables: &mut [Table], item: String, titled: bool) {
    if titled && tables.is_empty() && out.text.is_empty() {
        let words = item.split_whitespace().collect::<Vec<_>>().join(" ");
        match &mut out.title {
            // A title set over two paragraphs (or lines) is one.
            Some(title) if out.count == out.title_at && !words.is_empty() => {
                title.push(' ');
                title.push_str(&words);
                out.count += 1;
                out.title_at = out.count;
                return;
            }
            None if !words.is_empty() => {
                out.count += 1;
                out.title = Some(words);
                out.title_at = out.count;
                return;
            }
            _ => {}
        }
    }
    put(out, tables, item);
}

/// A paragraph (or a nested table's row) read: into the open cell of the
/// innermost table that has one, else into the body.
fn put(out: &mut Out, tables: &mut [Table], item: String) {
    match tables.iter_mut().rev().find_map(Table::cell_mut) {
        Some(cell) => cell.push(item),
        None => out.push(&item),
    }
}

/// `f` on the innermost table being read, if there is one.
fn last(tables: &mut [Table], f: fn(&mut Table)) {
    if let Some(t) = tables.last_mut() {
        f(t);
    }
}

/// The table that was being read has ended: its rows go where paragraphs
/// go, and what was left out of it into the notes.
fn end_table(out: &mut Out, tables: &mut Vec<Table>) {
    let Some(t) = tables.pop() else { return };
    let layout = t.finish();
    let at = out.count + 1;
    for (column, cells) in layout.left_out {
        let cells = if cells == 1 { "1 cell".to_owned() } else { format!("{cells} cells") };
        out.notes.push(format!(
            "paragraph {at}: the table's column {column} ({cells}) left out: not who spoke, when, or what they said"
        ));
    }
    for line in layout.lines {
        put(out, tables, line);
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use std::io::Write;

    /// A zip of `entries`.
    pub fn zipped(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        for (name, bytes) in entries {
            zip.start_file(*name, zip::write::SimpleFileOptions::default()).expect("entry");
            zip.write_all(bytes).expect("write");
        }
        zip.finish().expect("zip");
        out.into_inner()
    }

    #[test]
    fn notes_name_the_documents_paragraphs() {
        let u = Unpacked {
            text: String::new(),
            places: vec![1, 1, 3, 3, 3],
            notes: Vec::new(),
            title: None,
        };
        assert_eq!((u.paragraph(1), u.paragraph(3), u.paragraph(4), u.paragraph(99)), (1, 3, 3, 3));
        assert_eq!(
            u.relabel("line 3, before the first speaker"),
            "paragraph 3, before the first speaker"
        );
        assert_eq!(u.relabel("lines 1–4, kept"), "paragraphs 1–3, kept");
        assert_eq!(u.relabel("lines 3–4, kept"), "paragraph 3, kept");
        assert_eq!(u.relabel("\"Jo\" may be Jo Lee"), "\"Jo\" may be Jo Lee");
    }

    #[test]
    fn a_part_that_unpacks_too_large_is_refused_unread() {
        let bytes = zipped(&[("word/document.xml", &[b' '; 5000])]);
        let mut zip = archive(&bytes, "x").expect("zip");
        let e = entry(&mut zip, "word/document.xml", 4096, "x").expect_err("too large");
        assert_eq!(e, "word/document.xml unpacks to more than 4096 bytes: refused");
        assert_eq!(entry(&mut zip, "word/document.xml", 5000, "x").expect("fits").len(), 5000);
    }
}
