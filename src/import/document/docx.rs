//! Word's documents (`.docx`): the main part (`word/document.xml`, or
//! wherever `_rels/.rels` points) read as [`super`] lays documents out.
//! Runs' text, tabs and breaks; hyperlinks, fields' results, content
//! controls and tracked insertions read; deletions, moved-away text, field
//! codes, drawings and text boxes (and their fallbacks) not.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use std::collections::HashMap;

use super::{
    MOST, Out, Table, Unpacked, Zip, archive, attribute, end_table, entry, last, paragraph, put,
    reference,
};

const WHAT: &str = "a Word document";

/// The text of the Word document `bytes` (a `.docx`), or why not.
pub fn unpack(bytes: &[u8]) -> Result<Unpacked, String> {
    let mut zip = archive(bytes, "Word document")?;
    let part = main_part(&mut zip);
    let xml = entry(&mut zip, &part, MOST, WHAT)?;
    let titles = title_styles(&mut zip, &part);
    read_document(&xml, &titles)
        .map_err(|(offset, message)| format!("{part}, byte {offset}: {message}"))
}

/// The ids of the paragraph styles that are the title: the style named
/// `Title` (its id is the name translated, `Titel`, in some Word
/// versions), and those based on it; from the styles part beside the main
/// one. Without one, the id `Title`.
fn title_styles(zip: &mut Zip, part: &str) -> Vec<String> {
    let dir = part.rsplit_once('/').map_or("", |(dir, _)| dir);
    let name = if dir.is_empty() { "styles.xml".to_owned() } else { format!("{dir}/styles.xml") };
    let Ok(xml) = entry(zip, &name, 64 << 20, WHAT) else { return vec!["Title".into()] };
    // Each paragraph style's id: its name (in lowercase) and what it is based on.
    let mut styles: HashMap<String, (String, Option<String>)> = HashMap::new();
    let mut reader = Reader::from_reader(xml.as_slice());
    let mut id: Option<String> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) if e.local_name().as_ref() == b"style" => {
                let paragraph = attribute(&e, b"type").is_none_or(|t| t == "paragraph");
                id = attribute(&e, b"styleId").filter(|_| paragraph);
                if let Some(id) = &id {
                    styles.insert(id.clone(), (String::new(), None));
                }
            }
            Ok(Event::End(e)) if e.local_name().as_ref() == b"style" => id = None,
            Ok(Event::Empty(e)) => {
                let Some(style) = id.as_ref().and_then(|id| styles.get_mut(id)) else { continue };
                match e.local_name().as_ref() {
                    b"name" => style.0 = attribute(&e, b"val").unwrap_or_default().to_lowercase(),
                    b"basedOn" => style.1 = attribute(&e, b"val"),
                    _ => {}
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    styles.keys().filter(|id| based_on_title(&styles, id)).cloned().collect()
}

/// Whether style `id` is the title or based on it (a chain of styles based
/// on others is a few deep; a loop is cut).
fn based_on_title<'a>(
    styles: &'a HashMap<String, (String, Option<String>)>,
    mut id: &'a str,
) -> bool {
    for _ in 0..16 {
        let Some((name, based)) = styles.get(id) else { return false };
        if name == "title" {
            return true;
        }
        let Some(based) = based else { return false };
        id = based;
    }
    false
}

/// The main document part's name: where `_rels/.rels` points, as Word,
/// LibreOffice and pandoc all write it, else `word/document.xml`.
fn main_part(zip: &mut Zip) -> String {
    let fallback = || "word/document.xml".to_owned();
    let Ok(rels) = entry(zip, "_rels/.rels", 1 << 20, WHAT) else { return fallback() };
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

/// Elements whose content is not text the reader sees: section and
/// table settings, deleted and moved-away text, field codes, drawings and
/// text boxes (a text box's fallback repeats it), ruby's reading aids,
/// earlier formatting kept with changes tracked.
const SKIPPED: &[&[u8]] = &[
    b"sectPr",
    b"tblPr",
    b"tblGrid",
    b"del",
    b"moveFrom",
    b"instrText",
    b"delInstrText",
    b"drawing",
    b"pict",
    b"object",
    b"Fallback",
    b"rt",
    b"rPrChange",
    b"pPrChange",
    b"trPrChange",
    b"tcPrChange",
    b"sdtEndPr",
];

/// Where the reader is, beyond the paragraphs and tables open.
#[derive(Default)]
struct State {
    /// Depth inside a skipped element (0: not in one).
    skipping: usize,
    /// Depth inside a paragraph's properties (a tab stop is a `w:tab`
    /// too; only a deleted paragraph mark counts there).
    props: usize,
    /// Inside a `w:t`.
    text: bool,
    /// The run being read is hidden (`w:vanish`).
    hidden: bool,
    /// Fields open (`w:fldChar`): whether each is past its code; and how
    /// many are not (text is shown only when none is).
    fields: Vec<bool>,
    in_code: usize,
    /// Tables nested deeper than [`DEEPEST`] that are read as part of the
    /// cell they are in.
    flattened: usize,
    /// Content controls open: whether each shows its placeholder.
    controls: Vec<bool>,
    /// The paragraph being read has its mark deleted: it runs on into the
    /// next, whose text it is then kept for.
    joins: bool,
    carried: Option<String>,
    /// The row being read was deleted with changes tracked.
    row_deleted: bool,
    /// Footnotes' and endnotes' marks, and comments', met.
    footnotes: usize,
    comments: usize,
    /// The paragraph being read is styled as the title.
    titled: bool,
}

impl State {
    /// Whether text read now is shown: in a run not hidden, not in a
    /// field's code.
    fn shown(&self) -> bool {
        self.text && !self.hidden && self.in_code == 0
    }

    /// A paragraph ends: a field whose code never ended (no `separate`)
    /// hides no more than its paragraph.
    fn paragraph_ends(&mut self) {
        while self.fields.last() == Some(&false) {
            self.fields.pop();
            self.in_code -= 1;
        }
    }
}

/// What an element in a run adds (a tab, a line break, a hyphen, a
/// field's start and end, hiding), or in a row's or a cell's properties
/// (columns skipped, a span, merging, a header row, a deleted row).
fn mark(
    name: &[u8],
    e: &BytesStart,
    state: &mut State,
    paragraphs: &mut [String],
    tables: &mut [Table],
) {
    let val = || attribute(e, b"val");
    let on = || val().is_none_or(|v| !matches!(v.as_str(), "0" | "false" | "off"));
    match name {
        b"vanish" => state.hidden = on(),
        b"footnoteReference" | b"endnoteReference" => state.footnotes += 1,
        b"commentReference" => state.comments += 1,
        b"fldChar" => match attribute(e, b"fldCharType").as_deref() {
            Some("begin") => {
                state.fields.push(false);
                state.in_code += 1;
            }
            Some("separate") => {
                if let Some(f) = state.fields.last_mut()
                    && !*f
                {
                    *f = true;
                    state.in_code -= 1;
                }
            }
            Some("end") => {
                if state.fields.pop() == Some(false) {
                    state.in_code -= 1;
                }
            }
            _ => {}
        },
        b"showingPlcHdr" if on() => {
            if let Some(c) = state.controls.last_mut() {
                *c = true;
            }
        }
        _ => {}
    }
    if let Some(paragraph) = paragraphs.last_mut() {
        if state.hidden || state.in_code > 0 {
            return;
        }
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
    let Some(table) = tables.last_mut() else { return };
    let number = || val().and_then(|v| v.trim().parse::<usize>().ok());
    match name {
        b"gridSpan" => table.span(number()),
        b"gridBefore" => table.skip_columns(number().unwrap_or(0)),
        b"vMerge" if val().is_none_or(|v| v != "restart") => table.continues(),
        b"tblHeader" if on() => table.mark_header(),
        b"del" if !table.in_cell() => state.row_deleted = true,
        _ => {}
    }
}

/// Reads the main part, as [`Unpacked`]; an error is a byte offset in it
/// and what is wrong there.
fn read_document(xml: &[u8], titles: &[String]) -> Result<Unpacked, (u64, String)> {
    let mut reader = Reader::from_reader(xml);
    let mut out = Out::default();
    let mut state = State::default();
    // The paragraphs being read: one, unless a paragraph holds another
    // (a text box not drawn as one), which is read as a paragraph of its own.
    let mut paragraphs: Vec<String> = Vec::new();
    let mut tables: Vec<Table> = Vec::new();
    loop {
        let at = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|e| (reader.error_position(), format!("not valid XML: {e}")))?;
        let invalid = |e: &dyn std::fmt::Display| (at, format!("not valid XML: {e}"));
        match event {
            Event::Start(_) if state.skipping > 0 => state.skipping += 1,
            Event::End(_) if state.skipping > 0 => state.skipping -= 1,
            _ if state.skipping > 0 => {}
            // A paragraph's properties: only its mark's deletion matters.
            Event::Start(e) if state.props > 0 => {
                if e.local_name().as_ref() == b"pPrChange" {
                    state.skipping = 1;
                } else {
                    state.props += 1;
                }
            }
            Event::End(_) if state.props > 0 => state.props -= 1,
            Event::Empty(e) if state.props > 0 => match e.local_name().as_ref() {
                b"del" => state.joins = true,
                b"pStyle" if state.props == 1 => {
                    state.titled = attribute(&e, b"val").is_some_and(|v| titles.contains(&v));
                }
                _ => {}
            },
            _ if state.props > 0 => {}
            Event::Start(e) => {
                let name = e.local_name();
                let name = name.as_ref();
                if SKIPPED.contains(&name) {
                    state.skipping = 1;
                    continue;
                }
                match name {
                    b"pPr" => state.props = 1,
                    b"t" => state.text = true,
                    b"r" => state.hidden = false,
                    b"p" => {
                        state.titled = false;
                        paragraphs.push(state.carried.take().unwrap_or_default());
                    }
                    b"tbl" if state.flattened > 0 || tables.len() >= DEEPEST => {
                        state.flattened += 1;
                    }
                    b"tr" | b"tc" if state.flattened > 0 => {}
                    b"tbl" => {
                        carry_out(&mut state, &mut out, &mut tables);
                        tables.push(Table::default());
                    }
                    b"tr" => {
                        state.row_deleted = false;
                        last(&mut tables, Table::start_row);
                    }
                    b"tc" => last(&mut tables, Table::start_cell),
                    b"sdt" => state.controls.push(false),
                    b"sdtContent" if state.controls.last() == Some(&true) => state.skipping = 1,
                    _ => mark(name, &e, &mut state, &mut paragraphs, &mut tables),
                }
            }
            Event::Empty(e) => {
                let name = e.local_name();
                match name.as_ref() {
                    // An empty paragraph.
                    b"p" => put(&mut out, &mut tables, String::new()),
                    name => mark(name, &e, &mut state, &mut paragraphs, &mut tables),
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => state.text = false,
                b"r" => state.hidden = false,
                b"p" => {
                    state.paragraph_ends();
                    let titled = std::mem::take(&mut state.titled) && paragraphs.len() == 1;
                    if let Some(p) = paragraphs.pop() {
                        if std::mem::take(&mut state.joins) {
                            state.carried = Some(p);
                        } else {
                            paragraph(&mut out, &mut tables, p, titled);
                        }
                    }
                }
                b"sdt" => {
                    state.controls.pop();
                }
                b"tbl" if state.flattened > 0 => state.flattened -= 1,
                b"tr" | b"tc" if state.flattened > 0 => {}
                b"tc" => {
                    carry_out(&mut state, &mut out, &mut tables);
                    last(&mut tables, Table::end_cell);
                }
                b"tr" => {
                    if std::mem::take(&mut state.row_deleted) {
                        last(&mut tables, Table::drop_row);
                    } else {
                        last(&mut tables, Table::end_row);
                    }
                }
                b"tbl" => {
                    carry_out(&mut state, &mut out, &mut tables);
                    end_table(&mut out, &mut tables);
                }
                _ => {}
            },
            Event::Text(t) if state.shown() => {
                if let Some(p) = paragraphs.last_mut() {
                    p.push_str(&t.xml10_content().map_err(|e| invalid(&e))?);
                }
            }
            Event::CData(t) if state.shown() => {
                if let Some(p) = paragraphs.last_mut() {
                    p.push_str(&String::from_utf8_lossy(&t));
                }
            }
            Event::GeneralRef(r) if state.shown() => {
                let text = reference(&r, at)?;
                if let Some(p) = paragraphs.last_mut() {
                    p.push_str(&text);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    // A last paragraph whose mark was deleted: nothing to run on into.
    carry_out(&mut state, &mut out, &mut tables);
    out.footnotes = state.footnotes;
    out.comments = state.comments;
    Ok(out.finish())
}

/// Tables nested deeper than this are read as their outer cell's text:
/// each level is laid out again inside the one around it.
const DEEPEST: usize = 32;

/// A paragraph whose mark was deleted runs on into the next only within
/// its cell (Word cannot delete a cell's last mark): at a cell's or a
/// table's edge it is a paragraph of its own.
fn carry_out(state: &mut State, out: &mut Out, tables: &mut [Table]) {
    if let Some(p) = state.carried.take() {
        put(out, tables, p);
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::zipped;
    use super::*;

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
        // Hidden text, a field's code (a field inside it too), a ruby's
        // reading, a content control's placeholder: not shown, not read.
        assert_eq!(
            text(
                "<w:p><w:r><w:t>Said </w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>[note] </w:t><w:tab/></w:r><w:r><w:rPr><w:vanish w:val=\"0\"/></w:rPr><w:t>this </w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>IF </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:r><w:instrText> = 3 \"yes\"</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>yes</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:r><w:t xml:space=\"preserve\"> in </w:t></w:r><w:ruby><w:rt><w:r><w:t>とうきょう</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>東京</w:t></w:r></w:rubyBase></w:ruby></w:p><w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>Click or tap here to enter text.</w:t></w:r></w:p></w:sdtContent></w:sdt>"
            ),
            "Said this yes in 東京\n\n"
        );
        // A paragraph mark deleted: the paragraph runs on into the next.
        assert_eq!(
            text(
                "<w:p><w:pPr><w:tabs><w:tab w:pos=\"720\"/></w:tabs><w:rPr><w:del w:id=\"1\"/></w:rPr></w:pPr><w:r><w:t xml:space=\"preserve\">Who decided </w:t></w:r></w:p><w:p><w:r><w:t>that?</w:t></w:r></w:p>"
            ),
            "Who decided that?\n\n"
        );
        // A row deleted with changes tracked; a row starting a column in.
        assert_eq!(
            text(
                "<w:tbl><w:tr><w:trPr><w:del w:id=\"2\"/></w:trPr><w:tc><w:p><w:r><w:t>gone</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>Bo</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>"
            ),
            "a\tBo\n\n\tBo\n\n"
        );
        // A field that never ends its code hides no more than its
        // paragraph; a deleted mark on a cell's last paragraph does not
        // run it into the next cell.
        assert_eq!(
            text(
                "<w:p><w:r><w:t>a</w:t><w:fldChar w:fldCharType=\"begin\"/><w:t>code</w:t></w:r></w:p><w:p><w:r><w:t>Ann: after.</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:pPr><w:rPr><w:del w:id=\"1\"/></w:rPr></w:pPr><w:r><w:t>Ann Lee</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>I moved.</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
            ),
            "a\n\nAnn: after.\n\nAnn Lee\tI moved.\n\n"
        );
        // A paragraph inside a paragraph is one of its own.
        assert_eq!(
            text(
                "<w:p><w:r><w:t>a</w:t></w:r><w:p><w:r><w:t>in</w:t></w:r></w:p><w:r><w:t>b</w:t></w:r></w:p>"
            ),
            "in\n\nab\n\n"
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
        // A merged cell's text in the rows it spans, by grid column (a cell
        // spanning two columns leaves the second empty).
        assert_eq!(
            text(
                "<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr><w:p><w:r><w:t>wide</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>Jo</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>y</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>"
            ),
            "wide\t\tJo\n\nx\ty\tJo\n\n"
        );
    }

    #[test]
    fn a_first_row_of_column_names_is_dropped() {
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
    }

    #[test]
    fn the_main_part_is_where_the_package_says() {
        let rels = br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/document2.xml"/></Relationships>"#;
        let xml = br#"<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>main</w:t></w:r></w:p></w:body></w:document>"#;
        let bytes = zipped(&[("_rels/.rels", rels), ("word/document2.xml", xml)]);
        assert_eq!(unpack(&bytes).expect("reads").text, "main\n\n");
    }
}
