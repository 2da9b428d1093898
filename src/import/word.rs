//! Word documents (`.docx`): the text Word shows, laid out as plain text
//! for the transcript, chat and Markdown readers — each paragraph a line
//! with a blank line after it, a table's row a line with its cells parted
//! by tabs (as Word saves a table as text), a line break (`Shift+Enter`) a
//! line break. A document is then read as the same text saved as `.txt`
//! would be: labels, names above their text, times, tables of turns.
//!
//! Read: the main part (`word/document.xml`, or wherever `_rels/.rels`
//! points); runs' text, tabs and breaks; hyperlinks' text, fields' results
//! (not their codes), content controls, text inserted with changes
//! tracked (not text deleted or moved away), a merged cell's text in each
//! row it spans. Left out: headers, footers, footnotes, comments, text
//! boxes and drawings, and a table's first row when it only names its
//! columns (`Speaker | Text`). Pure: bytes in, text out.

use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// The most a document's XML may unpack to: a zip of a gigabyte of XML is
/// refused rather than unpacked.
const MOST: u64 = 1 << 30;

/// A Word document as text, and where each of its lines came from.
#[derive(Debug)]
pub struct Unpacked {
    pub text: String,
    /// For each line of `text`, the 1-based number of the paragraph (or
    /// table row) of the document it came from, for messages.
    pub places: Vec<u32>,
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

/// The text of the Word document `bytes` (a `.docx`), or why not.
pub fn unpack(bytes: &[u8]) -> Result<Unpacked, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("not a readable Word document (its zip archive: {e})"))?;
    let part = main_part(&mut zip);
    let xml = entry(&mut zip, &part, MOST)?;
    read_document(&xml).map_err(|(offset, message)| format!("{part}, byte {offset}: {message}"))
}

/// The main document part's name: where `_rels/.rels` points, as Word,
/// LibreOffice and pandoc all write it, else `word/document.xml`.
fn main_part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>) -> String {
    let fallback = || "word/document.xml".to_owned();
    let Ok(rels) = entry(zip, "_rels/.rels", 1 << 20) else { return fallback() };
    let mut reader = Reader::from_reader(rels.as_slice());
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == b"Relationship" => {
                let kind = attribute(&e, b"Type").unwrap_or_default();
                let external = attribute(&e, b"TargetMode").is_some_and(|m| m == "External");
                if kind.ends_with("/officeDocument")
                    && !external
                    && let Some(target) = attribute(&e, b"Target")
                {
                    return target.trim_start_matches('/').to_owned();
                }
            }
            Ok(Event::Eof) | Err(_) => return fallback(),
            Ok(_) => {}
        }
    }
}

/// The unpacked bytes of the archive's entry `name`, if they are no more
/// than `most` (whatever size the archive claims for it).
fn entry(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    most: u64,
) -> Result<Vec<u8>, String> {
    let file = zip.by_name(name).map_err(|e| match e {
        zip::result::ZipError::FileNotFound => {
            format!("the archive holds no {name}: not a Word document")
        }
        e => format!("cannot unpack {name}: {e}"),
    })?;
    let mut bytes = Vec::new();
    file.take(most + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot unpack {name}: {e}"))?;
    if bytes.len() as u64 > most {
        let most =
            if most >= 1 << 30 { format!("{} GiB", most >> 30) } else { format!("{most} bytes") };
        return Err(format!("{name} unpacks to more than {most}: refused"));
    }
    Ok(bytes)
}

/// An attribute's value by its local name, entities resolved.
fn attribute(e: &BytesStart, name: &[u8]) -> Option<String> {
    e.attributes().flatten().find(|a| a.key.local_name().as_ref() == name).and_then(|a| {
        a.normalized_value(quick_xml::XmlVersion::default()).ok().map(|v| v.into_owned())
    })
}

/// Elements whose content is not text the reader sees: properties (a tab
/// stop is a `w:tab` too), deleted and moved-away text, field codes,
/// drawings and text boxes (a text box's fallback repeats it), a content
/// control's settings.
const SKIPPED: &[&[u8]] = &[
    b"pPr",
    b"rPr",
    b"sectPr",
    b"tblPr",
    b"trPr",
    b"tblGrid",
    b"del",
    b"moveFrom",
    b"instrText",
    b"delInstrText",
    b"drawing",
    b"pict",
    b"object",
    b"Fallback",
    b"sdtPr",
    b"sdtEndPr",
];

/// What a table's first row may say of its columns and nothing else.
const HEADINGS: &[&str] = &[
    "speaker",
    "speakers",
    "name",
    "person",
    "participant",
    "who",
    "time",
    "timestamp",
    "time stamp",
    "timecode",
    "time code",
    "start",
    "start time",
    "end",
    "end time",
    "text",
    "transcript",
    "transcription",
    "utterance",
    "content",
    "dialogue",
    "dialog",
    "what was said",
    "statement",
    "speech",
    "comment",
    "comments",
    "notes",
    "line",
    "#",
    "no.",
    "sprecher",
    "sprecherin",
    "zeit",
    "inhalt",
    "intervenant",
    "locuteur",
    "temps",
    "texte",
    "hablante",
    "tiempo",
    "texto",
    "orador",
    "发言人",
    "说话人",
    "时间",
    "内容",
    "話者",
    "時間",
];

/// A table being read: the row and the cell being read.
#[derive(Default)]
struct Table {
    rows: u32,
    /// The cells of the row being read, each with its first grid column.
    row: Vec<(usize, String)>,
    /// The grid column the next cell of the row starts at.
    next: usize,
    /// The row above's cells, for a cell merged with the one above it.
    above: Vec<(usize, String)>,
    cell: Option<Cell>,
}

/// A table cell being read: its grid column and span, whether it goes on
/// from the cell above (`w:vMerge` without `restart`), its paragraphs.
#[derive(Default)]
struct Cell {
    column: usize,
    span: usize,
    continues: bool,
    paragraphs: Vec<String>,
}

/// The text read so far: paragraphs and rows, each with its number.
#[derive(Default)]
struct Out {
    text: String,
    places: Vec<u32>,
    count: u32,
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

    fn finish(self) -> Unpacked {
        Unpacked { text: self.text, places: self.places }
    }
}

/// A paragraph (or a nested table's row) read: into the open cell of the
/// innermost table that has one, else into the body.
fn put(out: &mut Out, tables: &mut [Table], item: String) {
    match tables.iter_mut().rev().find_map(|t| t.cell.as_mut()) {
        Some(cell) => cell.paragraphs.push(item),
        None => out.push(&item),
    }
}

/// Whether a table's first row only names its columns.
fn only_headings(cells: &[&str]) -> bool {
    let heading = |c: &&str| {
        let c = c.trim().trim_end_matches(':').to_lowercase();
        c.is_empty() || HEADINGS.contains(&c.as_str())
    };
    cells.iter().any(|c| !c.trim().is_empty()) && cells.iter().all(heading)
}

/// What an element in a run (or a cell's properties) adds: a tab, a line
/// break, a hyphen; a cell's span and merging.
fn run_mark(name: &[u8], e: &BytesStart, paragraph: Option<&mut String>, tables: &mut [Table]) {
    if let Some(paragraph) = paragraph {
        match name {
            b"tab" | b"ptab" => paragraph.push('\t'),
            b"br" | b"cr" => paragraph.push('\n'),
            b"noBreakHyphen" => paragraph.push('-'),
            b"sym" => {
                // Symbol fonts' characters sit in the private use area.
                let c = attribute(e, b"char")
                    .and_then(|v| u32::from_str_radix(&v, 16).ok())
                    .filter(|&c| !(0xE000..0xF900).contains(&c))
                    .and_then(char::from_u32);
                paragraph.extend(c);
            }
            _ => {}
        }
        return;
    }
    let Some(cell) = tables.last_mut().and_then(|t| t.cell.as_mut()) else { return };
    match name {
        b"gridSpan" => {
            let span = attribute(e, b"val").and_then(|v| v.trim().parse::<usize>().ok());
            cell.span = span.unwrap_or(1).clamp(1, 1000);
        }
        b"vMerge" => cell.continues = attribute(e, b"val").is_none_or(|v| v != "restart"),
        _ => {}
    }
}

/// Reads the main part, as [`Unpacked`]; an error is a byte offset in it
/// and what is wrong there.
fn read_document(xml: &[u8]) -> Result<Unpacked, (u64, String)> {
    let mut reader = Reader::from_reader(xml);
    let mut out = Out::default();
    // Depth inside a skipped element (0: not in one).
    let mut skipping = 0usize;
    let mut in_text = false;
    // The paragraph being read, if one is.
    let mut paragraph: Option<String> = None;
    let mut tables: Vec<Table> = Vec::new();
    loop {
        let at = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|e| (reader.error_position(), format!("not valid XML: {e}")))?;
        let invalid = |e: &dyn std::fmt::Display| (at, format!("not valid XML: {e}"));
        match event {
            Event::Start(_) if skipping > 0 => skipping += 1,
            Event::End(_) if skipping > 0 => skipping -= 1,
            _ if skipping > 0 => {}
            Event::Start(e) => {
                let name = e.local_name();
                let name = name.as_ref();
                if SKIPPED.contains(&name) {
                    skipping = 1;
                    continue;
                }
                match name {
                    b"t" => in_text = true,
                    b"p" => paragraph = Some(String::new()),
                    b"tbl" => tables.push(Table::default()),
                    b"tr" => {
                        if let Some(t) = tables.last_mut() {
                            t.row.clear();
                            t.next = 0;
                        }
                    }
                    b"tc" => {
                        if let Some(t) = tables.last_mut() {
                            t.cell = Some(Cell { column: t.next, span: 1, ..Cell::default() });
                        }
                    }
                    _ => run_mark(name, &e, paragraph.as_mut(), &mut tables),
                }
            }
            Event::Empty(e) => {
                let name = e.local_name();
                match name.as_ref() {
                    // An empty paragraph.
                    b"p" => put(&mut out, &mut tables, String::new()),
                    name => run_mark(name, &e, paragraph.as_mut(), &mut tables),
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"p" => {
                    if let Some(p) = paragraph.take() {
                        put(&mut out, &mut tables, p);
                    }
                }
                b"tc" => {
                    if let Some(t) = tables.last_mut()
                        && let Some(cell) = t.cell.take()
                    {
                        let said: Vec<&str> = cell
                            .paragraphs
                            .iter()
                            .map(String::as_str)
                            .filter(|p| !p.trim().is_empty())
                            .collect();
                        let mut text = said.join("\n\n");
                        if cell.continues && text.is_empty() {
                            let above = t.above.iter().find(|(c, _)| *c == cell.column);
                            text = above.map(|(_, s)| s.clone()).unwrap_or_default();
                        }
                        t.row.push((cell.column, text));
                        t.next = cell.column + cell.span;
                    }
                }
                b"tr" => {
                    let Some(t) = tables.last_mut() else { continue };
                    t.rows += 1;
                    let row = std::mem::take(&mut t.row);
                    let cells: Vec<&str> = row.iter().map(|(_, s)| s.as_str()).collect();
                    let heading = t.rows == 1 && only_headings(&cells);
                    let line = cells.join("\t");
                    t.above = row;
                    if !heading {
                        put(&mut out, &mut tables, line);
                    }
                }
                b"tbl" => {
                    tables.pop();
                }
                _ => {}
            },
            Event::Text(t) if in_text => {
                if let Some(p) = paragraph.as_mut() {
                    p.push_str(&t.xml10_content().map_err(|e| invalid(&e))?);
                }
            }
            Event::CData(t) if in_text => {
                if let Some(p) = paragraph.as_mut() {
                    p.push_str(&String::from_utf8_lossy(&t));
                }
            }
            Event::GeneralRef(r) if in_text => {
                let text = super::refi::codes::reference(&r)
                    .ok_or_else(|| (at, "an unknown character reference".to_owned()))?;
                if let Some(p) = paragraph.as_mut() {
                    p.push_str(&text);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zipped(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        for (name, bytes) in entries {
            zip.start_file(*name, zip::write::SimpleFileOptions::default()).expect("entry");
            zip.write_all(bytes).expect("write");
        }
        zip.finish().expect("zip");
        out.into_inner()
    }

    fn text(body: &str) -> String {
        let xml = format!(
            "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
        );
        unpack(&zipped(&[("word/document.xml", xml.as_bytes())])).expect("reads").text
    }

    #[test]
    fn paragraphs_rows_and_breaks_lay_out_as_text() {
        assert_eq!(
            text(
                "<w:p><w:r><w:t>Jane:</w:t><w:tab/><w:t xml:space=\"preserve\">Hi &amp; bye</w:t><w:br/><w:t>again</w:t></w:r></w:p><w:p/><w:p><w:r><w:t>Bo: ok</w:t></w:r></w:p>"
            ),
            "Jane:\tHi & bye\nagain\n\nBo: ok\n\n"
        );
        // A tab stop in the paragraph's properties is no tab.
        assert_eq!(
            text(
                "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr><w:r><w:t>x</w:t></w:r></w:p>"
            ),
            "x\n\n"
        );
        // Cells by tabs; a nested table's rows inside its cell; an empty
        // paragraph in a cell is no line.
        assert_eq!(
            text(
                "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>A</w:t></w:r></w:p></w:tc><w:tc><w:p/><w:tbl><w:tr><w:tc><w:p><w:r><w:t>in</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>ner</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p><w:r><w:t>b</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
            ),
            "A\tin\tner\n\nb\n\n"
        );
        // A merged cell's text in the rows it spans, by grid column.
        assert_eq!(
            text(
                "<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr><w:p><w:r><w:t>wide</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>Jo</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>y</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>"
            ),
            "wide\tJo\n\nx\ty\tJo\n\n"
        );
    }

    #[test]
    fn only_a_first_row_of_column_names_is_dropped() {
        assert!(only_headings(&["Speaker", "Text"]));
        assert!(only_headings(&["Time:", "", "Transcript"]));
        assert!(!only_headings(&["Speaker", "Hello there."]));
        assert!(!only_headings(&["", ""]));
        assert_eq!(
            text(
                "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Name</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>Name</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
            ),
            "Name\n\n"
        );
    }

    #[test]
    fn lines_are_named_by_the_documents_paragraphs() {
        let xml = "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>one</w:t></w:r></w:p><w:p/><w:p><w:r><w:t>three</w:t><w:br/><w:t>still</w:t></w:r></w:p></w:body></w:document>";
        let u = unpack(&zipped(&[("word/document.xml", xml.as_bytes())])).expect("reads");
        assert_eq!(u.text, "one\n\nthree\nstill\n\n");
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
    fn the_main_part_is_where_the_package_says() {
        let rels = br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/document2.xml"/></Relationships>"#;
        let xml = br#"<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>main</w:t></w:r></w:p></w:body></w:document>"#;
        let bytes = zipped(&[("_rels/.rels", rels), ("word/document2.xml", xml)]);
        assert_eq!(unpack(&bytes).expect("reads").text, "main\n\n");
    }

    #[test]
    fn a_part_that_unpacks_too_large_is_refused_unread() {
        let bytes = zipped(&[("word/document.xml", &[b' '; 5000])]);
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes.as_slice())).expect("zip");
        let e = entry(&mut zip, "word/document.xml", 4096).expect_err("too large");
        assert_eq!(e, "word/document.xml unpacks to more than 4096 bytes: refused");
        assert_eq!(entry(&mut zip, "word/document.xml", 5000).expect("fits").len(), 5000);
    }
}
