//! The one XML writer of the REFI-QDA export: every piece of text is
//! escaped by it, and the characters XML 1.0 cannot carry are replaced and
//! counted (see [`super`]).

use super::*;

/// Whether XML 1.0 allows `c` in a document at all.
pub fn xml_allows(c: char) -> bool {
    !matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
}

/// The bytes `Xml::escape` looks at: the C0 controls, the five XML
/// specials, and the lead byte of U+FFFE and U+FFFF.
const SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    let others = [b'&', b'<', b'>', b'"', b'\'', 0xef];
    let mut k = 0;
    while k < others.len() {
        table[others[k] as usize] = true;
        k += 1;
    }
    table
};

/// An XML writer that escapes every piece of text itself (see the module
/// docs) and counts the characters it had to replace.
pub(super) struct Xml {
    w: Writer<Cursor<Vec<u8>>>,
    pub(super) replaced: usize,
}

impl Xml {
    pub(super) fn new() -> Self {
        let mut w = Writer::new_with_indent(Cursor::new(Vec::new()), b' ', 2);
        let _ = w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
        Self { w, replaced: 0 }
    }

    /// `text` escaped for element content and attribute values alike:
    /// the runs that need nothing copied whole.
    pub(super) fn escape(&mut self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let bytes = text.as_bytes();
        let mut run = 0;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if !SPECIAL[b as usize] {
                i += 1;
                continue;
            }
            let c = text[i..].chars().next().unwrap_or('\u{FFFD}');
            let replacement = match c {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&apos;",
                // Parsers turn these into spaces (attributes) or line ends;
                // as references they come back as written.
                '\t' => "&#9;",
                '\n' => "&#10;",
                '\r' => "&#13;",
                c if !xml_allows(c) => {
                    self.replaced += 1;
                    "\u{FFFD}"
                }
                // Another character with the lead byte of U+FFFE and U+FFFF.
                _ => {
                    i += 1;
                    continue;
                }
            };
            out.push_str(&text[run..i]);
            out.push_str(replacement);
            i += c.len_utf8();
            run = i;
        }
        out.push_str(&text[run..]);
        out
    }

    pub(super) fn element(&mut self, name: &str, attrs: &[(&str, &str)]) -> BytesStart<'static> {
        let mut el = BytesStart::new(name.to_owned());
        for (k, v) in attrs {
            let value = self.escape(v);
            el.push_attribute(Attribute {
                key: QName(k.as_bytes()),
                value: value.into_bytes().into(),
            });
        }
        el
    }

    pub(super) fn start(&mut self, name: &str, attrs: &[(&str, &str)]) {
        let el = self.element(name, attrs);
        let _ = self.w.write_event(Event::Start(el));
    }

    pub(super) fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        let el = self.element(name, attrs);
        let _ = self.w.write_event(Event::Empty(el));
    }

    pub(super) fn end(&mut self, name: &str) {
        let _ = self.w.write_event(Event::End(BytesEnd::new(name)));
    }

    pub(super) fn text_element(&mut self, name: &str, text: &str) {
        self.start(name, &[]);
        let escaped = self.escape(text);
        let _ = self.w.write_event(Event::Text(BytesText::from_escaped(escaped)));
        self.end(name);
    }

    /// The document, and how many characters were replaced.
    pub(super) fn finish(self) -> (String, usize) {
        let mut bytes = self.w.into_inner().into_inner();
        bytes.push(b'\n');
        // Only `&str` pieces were written, so this is UTF-8.
        (String::from_utf8(bytes).unwrap_or_default(), self.replaced)
    }
}
