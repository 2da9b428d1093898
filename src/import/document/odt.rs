//! OpenDocument text (`.odt`: LibreOffice's, Google Docs' and pandoc's):
//! `content.xml` read as [`super`] lays documents out. Paragraphs and
//! headings, spans, links, fields' shown values, lists' items, tables;
//! spaces as ODF sets them (runs of white space are one space, `<text:s
//! text:c="3"/>` three). Footnotes, comments, frames (images, text boxes),
//! indexes and the record of tracked changes (where deleted text is kept)
//! are left out, and so is text hidden (`text:hidden-text`, a style
//! with `text:display="none"`).

use std::collections::HashSet;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::{
    MOST, Out, Table, Unpacked, archive, attribute, end_table, entry, last, paragraph, put,
    reference,
};

/// Elements whose content is not text the reader sees.
const SKIPPED: &[&[u8]] = &[
    b"tracked-changes",
    b"note",
    b"annotation",
    b"frame",
    b"sequence-decls",
    b"variable-decls",
    b"user-field-decls",
    b"forms",
    b"table-of-content",
    b"alphabetical-index",
    b"illustration-index",
    b"bibliography",
    b"user-index",
    b"object-index",
    b"table-index",
    b"ruby-text",
    b"hidden-text",
    b"hidden-paragraph",
    b"font-face-decls",
    b"scripts",
];

/// The text of the OpenDocument text `bytes` (an `.odt`), or why not.
pub fn unpack(bytes: &[u8]) -> Result<Unpacked, String> {
    let mut zip = archive(bytes, "OpenDocument text")?;
    let xml = entry(&mut zip, "content.xml", MOST, "an OpenDocument text")?;
    read_content(&xml).map_err(|(offset, message)| format!("content.xml, byte {offset}: {message}"))
}

/// A paragraph being read, its white space collapsed as ODF says: a run of
/// spaces, tabs and line ends in the XML is one space, none at the start.
#[derive(Default)]
struct Paragraph {
    text: String,
    /// Whether the last character came from collapsible white space.
    spaced: bool,
    /// Styled as the title (`Title`, or an automatic style whose parent
    /// it is).
    titled: bool,
}

impl Paragraph {
    fn text(&mut self, s: &str) {
        for c in s.chars() {
            if matches!(c, ' ' | '\t' | '\n' | '\r') {
                if !self.spaced && !self.text.is_empty() {
                    self.text.push(' ');
                }
                self.spaced = true;
            } else {
                self.text.push(c);
                self.spaced = false;
            }
        }
    }

    /// Text set down as it is (`text:s`, `text:tab`, `text:line-break`).
    fn exact(&mut self, s: &str) {
        self.text.push_str(s);
        self.spaced = false;
    }

    fn finish(mut self) -> String {
        if self.spaced && self.text.ends_with(' ') {
            self.text.pop();
        }
        self.text
    }
}

/// A cell (`table:table-cell`) that starts: how many columns and rows it
/// spans.
fn cell(table: &mut Table, e: &BytesStart) {
    table.start_cell();
    let number = |name| attribute(e, name).and_then(|v| v.trim().parse::<usize>().ok());
    table.span(number(b"number-columns-spanned"));
    table.down(number(b"number-rows-spanned").unwrap_or(1));
}

/// Reads `content.xml`, as [`Unpacked`]; an error is a byte offset in it
/// and what is wrong there.
fn read_content(xml: &[u8]) -> Result<Unpacked, (u64, String)> {
    let mut reader = Reader::from_reader(xml);
    let mut out = Out::default();
    // Depth inside a skipped element (0: not in one).
    let mut skipping = 0usize;
    // Paragraphs being read: a note's or a frame's is skipped, but a
    // paragraph may hold a paragraph in other ways (a shape's text).
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    let mut tables: Vec<Table> = Vec::new();
    // Styles that hide their text (`text:display="none"`, as LibreOffice
    // keeps Word's hidden text), and the one being read.
    let mut hidden: HashSet<String> = HashSet::new();
    let mut style: Option<String> = None;
    // The styles that are the title: `Title`, and the automatic styles
    // made from it (`P1`, its parent `Title`, where the title was edited).
    let mut titles: HashSet<String> = HashSet::from(["Title".to_owned()]);
    // Tables nested deeper than DEEPEST, read as their outer cell's text.
    let mut flattened = 0usize;
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
                let hides = || attribute(&e, b"style-name").is_some_and(|s| hidden.contains(&s));
                match name {
                    b"note" => out.footnotes += 1,
                    b"annotation" => out.comments += 1,
                    _ => {}
                }
                if SKIPPED.contains(&name) || matches!(name, b"span" | b"p" | b"h") && hides() {
                    skipping = 1;
                    continue;
                }
                match name {
                    b"style" => {
                        style = attribute(&e, b"name");
                        titled_style(&e, &mut titles);
                    }
                    b"text-properties" => hide(&e, style.as_ref(), &mut hidden),
                    b"p" | b"h" => paragraphs.push(Paragraph {
                        titled: name == b"p"
                            && attribute(&e, b"style-name").is_some_and(|s| titles.contains(&s)),
                        ..Paragraph::default()
                    }),
                    b"table" if flattened > 0 || tables.len() >= DEEPEST => flattened += 1,
                    b"table-row" | b"table-cell" | b"covered-table-cell" if flattened > 0 => {}
                    b"table" => tables.push(Table::default()),
                    b"table-header-rows" => last(&mut tables, Table::mark_header),
                    b"table-row" => last(&mut tables, Table::start_row),
                    b"table-cell" => {
                        if let Some(t) = tables.last_mut() {
                            cell(t, &e);
                        }
                    }
                    b"covered-table-cell" => last(&mut tables, Table::covered_cell),
                    _ => mark(name, &e, paragraphs.last_mut()),
                }
            }
            Event::Empty(e) => {
                let name = e.local_name();
                match name.as_ref() {
                    b"text-properties" => hide(&e, style.as_ref(), &mut hidden),
                    b"style" => titled_style(&e, &mut titles),
                    b"p" | b"h" => put(&mut out, &mut tables, String::new()),
                    b"table-cell" | b"covered-table-cell" if flattened > 0 => {}
                    b"table-cell" => {
                        if let Some(t) = tables.last_mut() {
                            cell(t, &e);
                            t.end_cell();
                        }
                    }
                    b"covered-table-cell" => {
                        last(&mut tables, Table::covered_cell);
                        last(&mut tables, Table::end_cell);
                    }
                    name => mark(name, &e, paragraphs.last_mut()),
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"p" | b"h" => {
                    let top = paragraphs.len() == 1;
                    if let Some(p) = paragraphs.pop() {
                        let titled = p.titled && top;
                        paragraph(&mut out, &mut tables, p.finish(), titled);
                    }
                }
                b"style" => style = None,
                b"table" if flattened > 0 => flattened -= 1,
                b"table-row" | b"table-cell" | b"covered-table-cell" if flattened > 0 => {}
                b"table-cell" | b"covered-table-cell" => {
                    last(&mut tables, Table::end_cell);
                }
                b"table-row" => last(&mut tables, Table::end_row),
                b"table" => end_table(&mut out, &mut tables),
                _ => {}
            },
            Event::Text(t) => {
                if let Some(p) = paragraphs.last_mut() {
                    p.text(&t.xml10_content().map_err(|e| invalid(&e))?);
                }
            }
            Event::CData(t) => {
                if let Some(p) = paragraphs.last_mut() {
                    p.text(&String::from_utf8_lossy(&t));
                }
            }
            Event::GeneralRef(r) => {
                let text = reference(&r, at)?;
                if let Some(p) = paragraphs.last_mut() {
                    p.text(&text);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out.finish())
}

/// Tables nested deeper than this are read as their outer cell's text:
/// each level is laid out again inside the one around it.
const DEEPEST: usize = 32;

/// A style whose parent is the title is a title's style too.
fn titled_style(e: &BytesStart, titles: &mut HashSet<String>) {
    if attribute(e, b"parent-style-name").is_some_and(|p| titles.contains(&p))
        && let Some(name) = attribute(e, b"name")
    {
        titles.insert(name);
    }
}

/// A style's text properties: whether they hide its text.
fn hide(e: &BytesStart, style: Option<&String>, hidden: &mut HashSet<String>) {
    if let Some(style) = style
        && attribute(e, b"display").is_some_and(|d| d == "none")
    {
        hidden.insert(style.clone());
    }
}

/// What an element in a paragraph adds: spaces, a tab, a line break.
fn mark(name: &[u8], e: &BytesStart, paragraph: Option<&mut Paragraph>) {
    let Some(p) = paragraph else { return };
    match name {
        b"s" => {
            let n = attribute(e, b"c").and_then(|v| v.trim().parse::<usize>().ok());
            // More would be layout, not text (and a small file of many
            // could unpack to gigabytes).
            p.exact(&" ".repeat(n.unwrap_or(1).clamp(1, 64)));
        }
        b"tab" => p.exact("\t"),
        b"line-break" => p.exact("\n"),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::zipped;
    use super::*;

    fn text(body: &str) -> String {
        let xml = format!(
            "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\"><office:body><office:text>{body}</office:text></office:body></office:document-content>"
        );
        let bytes = zipped(&[
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
            ("content.xml", xml.as_bytes()),
        ]);
        unpack(&bytes).expect("reads").text
    }

    #[test]
    fn spaces_collapse_as_odf_says_and_marks_are_exact() {
        assert_eq!(
            text(
                "<text:p>  Jane:<text:tab/>Hi   <text:span>there,</text:span>\n  you<text:s text:c=\"2\"/>two<text:line-break/>lines </text:p><text:p/><text:h>Bo: ok</text:h>"
            ),
            "Jane:\tHi there, you  two\nlines\n\nBo: ok\n\n"
        );
        // A footnote, a comment and the record of a deletion add nothing.
        assert_eq!(
            text(
                "<text:tracked-changes><text:changed-region><text:deletion><text:p>gone</text:p></text:deletion></text:changed-region></text:tracked-changes><text:p>Said<text:note><text:note-citation>1</text:note-citation><text:note-body><text:p>note</text:p></text:note-body></text:note> it<office:annotation><text:p>comment</text:p></office:annotation>.</text:p>"
            ),
            "Said it.\n\n"
        );
        // Lists' items are paragraphs.
        assert_eq!(
            text(
                "<text:list><text:list-item><text:p>one</text:p></text:list-item><text:list-item><text:p>two</text:p></text:list-item></text:list>"
            ),
            "one\n\ntwo\n\n"
        );
    }

    #[test]
    fn hidden_text_and_header_rows_are_as_libreoffice_shows_them() {
        // Hidden by a style, or as hidden text: not read. Spaces are set
        // as written up to 64 in a row.
        let xml = "<office:document-content xmlns:office=\"o\" xmlns:text=\"t\" xmlns:style=\"s\" xmlns:table=\"b\"><office:automatic-styles><style:style style:name=\"T1\" style:family=\"text\"><style:text-properties text:display=\"none\"/></style:style></office:automatic-styles><office:body><office:text><text:p>I was fifteen.<text:span text:style-name=\"T1\"> [hidden]</text:span><text:hidden-text text:condition=\"x\" text:string-value=\"SECRET\">SECRET</text:hidden-text><text:s text:c=\"100000\"/>end</text:p><table:table><table:table-header-rows><table:table-row><table:table-cell><text:p>Item</text:p></table:table-cell><table:table-cell><text:p>Cost (£)</text:p></table:table-cell></table:table-row></table:table-header-rows><table:table-row><table:table-cell><text:p>Rent</text:p></table:table-cell><table:table-cell><text:p>1,200</text:p></table:table-cell></table:table-row></table:table></office:text></office:body></office:document-content>";
        let bytes = zipped(&[("content.xml", xml.as_bytes())]);
        let text = unpack(&bytes).expect("reads").text;
        assert_eq!(
            text,
            format!("I was fifteen.{}end\n\nItem\tCost (£)\n\nRent\t1,200\n\n", " ".repeat(64))
        );
    }

    #[test]
    fn tables_span_and_merge_by_their_covered_cells() {
        // A header row dropped; a cell spanning two rows fills the second;
        // one spanning two columns covers the next.
        assert_eq!(
            text(
                "<table:table><table:table-header-rows><table:table-row><table:table-cell><text:p>Speaker</text:p></table:table-cell><table:table-cell><text:p>Text</text:p></table:table-cell></table:table-row></table:table-header-rows><table:table-row><table:table-cell table:number-rows-spanned=\"2\"><text:p>Ann</text:p></table:table-cell><table:table-cell><text:p>One.</text:p></table:table-cell></table:table-row><table:table-row><table:covered-table-cell/><table:table-cell><text:p>Two.</text:p></table:table-cell></table:table-row><table:table-row><table:table-cell table:number-columns-spanned=\"2\"><text:p>wide</text:p></table:table-cell><table:covered-table-cell/></table:table-row></table:table>"
            ),
            "Ann: One.\n\nAnn: Two.\n\nwide\n\n"
        );
        // A cell spanning rows whose covered cells are left out (pandoc):
        // its text in the rows below all the same.
        assert_eq!(
            text(
                "<table:table><table:table-row><table:table-cell table:number-rows-spanned=\"2\"><text:p>Ann</text:p></table:table-cell><table:table-cell><text:p>One.</text:p></table:table-cell></table:table-row><table:table-row><table:table-cell><text:p>Two.</text:p></table:table-cell></table:table-row><table:table-row><table:table-cell><text:p>Bo</text:p></table:table-cell><table:table-cell><text:p>Three.</text:p></table:table-cell></table:table-row></table:table>"
            ),
            "Ann\tOne.\n\nAnn\tTwo.\n\nBo\tThree.\n\n"
        );
    }
}
