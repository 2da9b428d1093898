//! Rich Text Format (`.rtf`): what TextEdit saves by default on a Mac, and
//! WordPad, Word, f4transkript and pandoc write — read as [`super`] lays
//! documents out: a paragraph (`\par`, or TextEdit's `\` at a line's end)
//! a line, `\line` a line break, `\tab` a tab, a table's rows (`\cell`,
//! `\row`) as Word's are. Characters as the file's code page and fonts
//! say (`\ansicpg`, a font's `\fcharset`, `\'e9`, `\u8217`), fields'
//! results (not their codes). Left out as Word's are: hidden text (`\v`),
//! deleted text (`\deleted`), headers, footers, footnotes, comments,
//! pictures, objects, shapes and list numbers; footnotes and comments are
//! counted in the notes. A first paragraph in the style named `Title`, as
//! Word and LibreOffice write it, is the document's title, as in the
//! other documents. Where `\upr` gives a text twice, its
//! Unicode version (`\ud`) is read. Lenient: braces that do not balance
//! are read as far as they go.

use std::collections::HashMap;

use encoding_rs::{Encoding, WINDOWS_1252};

use super::{Out, Table, Unpacked, end_table, paragraph, put};

/// The text of the RTF document `bytes`, or why not.
pub fn unpack(bytes: &[u8]) -> Result<Unpacked, String> {
    // A byte order mark or white space before it, as some writers leave.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let bytes = bytes.trim_ascii_start();
    if !bytes.starts_with(b"{\\rtf") {
        return Err("not RTF: it does not open with {\\rtf".into());
    }
    // `\uc1` until the file says otherwise, as the specification has it
    // (pandoc and LibreOffice never write `\uc`).
    let mut reader = Reader { group: Group { uc: 1, ..Group::default() }, ..Reader::default() };
    reader.read(bytes);
    Ok(reader.finish())
}

/// Destinations whose text is not what the document shows.
const SKIPPED: &[&str] = &[
    "fonttbl",
    "colortbl",
    "stylesheet",
    "info",
    "pict",
    "object",
    "header",
    "headerl",
    "headerr",
    "headerf",
    "footer",
    "footerl",
    "footerr",
    "footerf",
    "footnote",
    "annotation",
    "fldinst",
    "listtable",
    "listoverridetable",
    "listtext",
    "pntext",
    "pntxta",
    "pntxtb",
    "revtbl",
    "rsidtbl",
    "filetbl",
    "shp",
    "shpinst",
    "shprslt",
    "shptxt",
    "nonshppict",
    "do",
    "xe",
    "tc",
    "txe",
    "template",
    "ftnsep",
    "ftnsepc",
    "ftncn",
    "aftnsep",
    "aftnsepc",
    "aftncn",
    "background",
    "objdata",
    "themedata",
    "colorschememapping",
    "latentstyles",
    "datastore",
    "xmlnstbl",
    "generator",
    "pgdsctbl",
    "userprops",
    "docvar",
];

/// Groups deeper than this are read as skipped (a hostile file of a
/// million `{` is not a million frames).
const DEEPEST: usize = 10_000;

/// What a group sets, restored when it ends.
#[derive(Clone, Copy, Default)]
struct Group {
    /// A destination whose text is not read.
    skip: bool,
    /// The font table: `\f` defines a font.
    fonts: bool,
    /// The style sheet: `\s` defines a paragraph style.
    styles: bool,
    /// The paragraph style (`\sN`; `None`, the default).
    style: Option<i64>,
    /// `\upr`: its groups are a text twice, ANSI and (`\ud`) Unicode.
    twice: bool,
    /// A group of `\upr`'s: read only if it is `\ud`.
    of_twice: bool,
    /// Characters of a `\u`'s fallback (`\ucN`).
    uc: usize,
    font: Option<i64>,
    /// Hidden (`\v`) or deleted (`\deleted`) text.
    hidden: bool,
    deleted: bool,
}

#[derive(Default)]
struct Reader {
    out: Out,
    tables: Vec<Table>,
    /// Whether a row of the table is open.
    row: bool,
    group: Group,
    stack: Vec<Group>,
    paragraph: String,
    /// Bytes of text not yet decoded, in `encoding`.
    bytes: Vec<u8>,
    encoding: Option<&'static Encoding>,
    /// Characters of a `\u`'s fallback yet to skip.
    fallback: usize,
    /// A `\u`'s high surrogate, waiting for its low one.
    high: Option<u32>,
    /// The document's code page (`\ansicpg`), and its default font.
    ansi: Option<u16>,
    deff: Option<i64>,
    /// Each font's code page (`None`: a symbol font).
    fonts: HashMap<i64, Option<u16>>,
    defining: Option<i64>,
    /// In a table's paragraph (`\intbl`, `\itap1`).
    intbl: bool,
    /// The paragraph style being defined in the style sheet, the style it
    /// is based on, and its name's bytes so far.
    defining_style: Option<i64>,
    based_on: Option<i64>,
    style_name: Vec<u8>,
    /// Each paragraph style's name and the style it is based on.
    styles: HashMap<i64, (String, Option<i64>)>,
    /// `\*` was read: the group is an ignorable destination.
    ignorable: bool,
}

impl Reader {
    fn read(&mut self, bytes: &[u8]) {
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            i += 1;
            match b {
                b'{' => {
                    self.flush();
                    self.stack.push(self.group);
                    self.group.skip |= self.stack.len() > DEEPEST;
                    // `\upr`'s ANSI text, unless this group is its `\ud`.
                    self.group.of_twice = std::mem::take(&mut self.group.twice);
                    self.group.skip |= self.group.of_twice;
                    self.fallback = 0;
                }
                b'}' => {
                    self.flush();
                    if self.group.styles {
                        self.style_defined();
                    }
                    self.group = self.stack.pop().unwrap_or(self.group);
                    self.fallback = 0;
                    self.ignorable = false;
                }
                b'\\' => i = self.control(bytes, i),
                b'\r' | b'\n' => {}
                b'\t' => self.char('\t'),
                _ => self.byte(b),
            }
        }
    }

    /// The control word or symbol after the `\` before `at`; returns where
    /// reading goes on.
    fn control(&mut self, bytes: &[u8], at: usize) -> usize {
        let Some(&c) = bytes.get(at) else { return at };
        if !c.is_ascii_alphabetic() {
            return self.symbol(bytes, at, c);
        }
        // Control words are at most 32 letters and numbers 10 digits; a
        // longer run is read whole and named by its start, so none of it
        // spills into the text.
        let letters = bytes[at..].iter().take_while(|b| b.is_ascii_alphabetic()).count();
        let name = std::str::from_utf8(&bytes[at..at + letters.min(32)]).unwrap_or_default();
        let mut i = at + letters;
        let negative = bytes.get(i) == Some(&b'-');
        let start = i + usize::from(negative);
        let digits =
            bytes[start.min(bytes.len())..].iter().take_while(|b| b.is_ascii_digit()).count();
        let param = (digits > 0).then(|| {
            let n = std::str::from_utf8(&bytes[start..start + digits.min(10)])
                .ok()
                .and_then(|d| d.parse::<i64>().ok())
                .unwrap_or(0);
            if negative { -n } else { n }
        });
        if digits > 0 {
            i = start + digits;
        }
        if bytes.get(i) == Some(&b' ') {
            i += 1;
        }
        if name == "bin" {
            // Binary data, its length given: not text.
            let n = usize::try_from(param.unwrap_or(0)).unwrap_or(0);
            return i.saturating_add(n).min(bytes.len());
        }
        self.word(name, param);
        i
    }

    /// A control symbol: `\'hh`, an escaped `\`, `{` or `}`, a no-break
    /// space or hyphen, a soft hyphen, `\*`, a line end (a paragraph, as
    /// TextEdit writes it).
    fn symbol(&mut self, bytes: &[u8], at: usize, c: u8) -> usize {
        match c {
            b'\'' => {
                let hex = bytes.get(at + 1..at + 3).and_then(|h| std::str::from_utf8(h).ok());
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(byte) => {
                        self.byte(byte);
                        return at + 3;
                    }
                    None => return at + 1,
                }
            }
            b'\\' | b'{' | b'}' => self.byte(c),
            b'~' => self.char('\u{a0}'),
            b'_' => self.char('-'),
            b'*' => self.ignorable = true,
            b'\n' | b'\r' => self.word("par", None),
            _ => {}
        }
        at + 1
    }

    fn word(&mut self, name: &str, param: Option<i64>) {
        if std::mem::take(&mut self.ignorable) {
            if name == "ud" && self.group.of_twice {
                // `\upr`'s Unicode text: read as its group around it is.
                self.group.skip = self.stack.last().is_some_and(|g| g.skip);
                return;
            }
            if !self.group.skip && name == "annotation" {
                self.out.comments += 1;
            }
            self.group.skip = true;
            return;
        }
        self.fallback = 0;
        if SKIPPED.contains(&name) {
            self.flush();
            if !self.group.skip && name == "footnote" {
                self.out.footnotes += 1;
            }
            self.group.fonts |= name == "fonttbl";
            self.group.styles |= name == "stylesheet";
            self.group.skip = true;
            return;
        }
        let on = param.is_none_or(|p| p != 0);
        match name {
            "f" if self.group.fonts => self.defining = param,
            "f" => {
                self.flush();
                self.group.font = param;
            }
            "fcharset" if self.group.fonts => {
                if let Some(f) = self.defining {
                    self.fonts.insert(f, charset(param.unwrap_or(0), self.ansi));
                }
            }
            "cpg" if self.group.fonts => {
                if let (Some(f), Some(cp)) = (self.defining, param.and_then(|p| p.try_into().ok()))
                {
                    self.fonts.insert(f, Some(cp));
                }
            }
            "s" if self.group.styles => {
                self.defining_style = Some(param.unwrap_or(0));
                self.based_on = None;
                self.style_name.clear();
            }
            "sbasedon" if self.group.styles => self.based_on = param,
            "s" => self.group.style = param.filter(|&s| s != 0),
            "upr" => self.group.twice = true,
            "ansicpg" => self.ansi = param.and_then(|p| p.try_into().ok()),
            "mac" => self.ansi = Some(10000),
            "deff" => self.deff = param,
            "uc" => self.group.uc = param.and_then(|p| p.try_into().ok()).unwrap_or(1),
            "u" => {
                self.unicode(param.unwrap_or(0));
                self.fallback = self.group.uc;
            }
            "par" | "sect" => self.end_paragraph(),
            "line" | "page" => self.char('\n'),
            "tab" => self.char('\t'),
            "cell" => self.cell(),
            "row" => self.end_row(),
            // Tables inside tables are read as their cell's text.
            "nestcell" => self.char('\t'),
            "nestrow" => self.char('\n'),
            // A footnote's or a comment's own paragraphs are not the table's.
            "intbl" | "itap" | "pard" if self.group.skip => {}
            "intbl" => self.intbl = true,
            "itap" => self.intbl = param.unwrap_or(1) > 0,
            "pard" => {
                self.intbl = false;
                self.group.style = None;
            }
            "plain" => {
                self.flush();
                self.group.hidden = false;
                self.group.deleted = false;
                self.group.font = self.deff;
            }
            "v" => {
                self.flush();
                self.group.hidden = on;
            }
            "deleted" => {
                self.flush();
                self.group.deleted = on;
            }
            _ => {
                if let Some(c) = special(name) {
                    self.char(c);
                }
            }
        }
    }

    /// Whether text read now is shown.
    fn shown(&self) -> bool {
        !self.group.skip && !self.group.hidden && !self.group.deleted
    }

    /// The code page text is in now: its font's, else the document's;
    /// `None` in a symbol font.
    fn code_page(&self) -> Option<u16> {
        match self.group.font.or(self.deff).and_then(|f| self.fonts.get(&f)) {
            Some(&cp) => cp,
            None => Some(self.ansi.unwrap_or(1252)),
        }
    }

    /// A byte of text, in the code page of the font it is in.
    fn byte(&mut self, b: u8) {
        if self.group.styles {
            if self.defining_style.is_some() {
                self.style_name.push(b);
            }
            return;
        }
        if self.fallback > 0 {
            self.fallback -= 1;
            return;
        }
        if !self.shown() {
            return;
        }
        self.high = None;
        // A symbol font's characters are pictures, not text.
        let Some(cp) = self.code_page() else { return };
        let encoding = codepage::to_encoding(cp).unwrap_or(WINDOWS_1252);
        if self.encoding != Some(encoding) {
            self.flush();
            self.encoding = Some(encoding);
        }
        self.bytes.push(b);
    }

    /// The bytes of text read so far, decoded (a double-byte character's
    /// two `\'hh` together).
    fn flush(&mut self) {
        if self.bytes.is_empty() {
            return;
        }
        let encoding = self.encoding.unwrap_or(WINDOWS_1252);
        let (text, _) = encoding.decode_without_bom_handling(&self.bytes);
        let text = text.chars().filter(|&c| !c.is_control() || matches!(c, '\t' | '\n'));
        self.paragraph.extend(text);
        self.bytes.clear();
    }

    fn char(&mut self, c: char) {
        // Control characters (a `\u0`, a form feed) are not text.
        if c.is_control() && !matches!(c, '\t' | '\n') {
            return;
        }
        if self.shown() {
            self.flush();
            self.high = None;
            self.paragraph.push(c);
        }
    }

    /// `\uN`: a UTF-16 code unit, as a signed 16-bit number.
    fn unicode(&mut self, n: i64) {
        if !self.shown() {
            return;
        }
        let unit = u32::try_from(n.rem_euclid(65536)).unwrap_or(0xFFFD);
        let c = match (self.high.take(), unit) {
            (_, 0xD800..=0xDBFF) => {
                self.flush();
                self.high = Some(unit);
                return;
            }
            (Some(high), 0xDC00..=0xDFFF) => {
                char::from_u32(0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00))
            }
            (_, unit) => char::from_u32(unit),
        };
        self.char(c.unwrap_or(char::REPLACEMENT_CHARACTER));
    }

    /// The paragraph ends (unless its mark is hidden or deleted: it runs
    /// on into the next, as Word shows it).
    fn end_paragraph(&mut self) {
        if !self.shown() {
            return;
        }
        self.flush();
        let text = std::mem::take(&mut self.paragraph);
        if self.intbl {
            self.cell_open();
            put(&mut self.out, &mut self.tables, text);
        } else {
            self.end_table();
            // One paragraph at most: a style goes on until `\pard`, and a
            // file may never say it (the turns below would join the title).
            let titled =
                self.out.title.is_none() && self.group.style.is_some_and(|s| self.titled(s));
            paragraph(&mut self.out, &mut self.tables, text, titled);
        }
    }

    /// A style of the style sheet ends (its group, or its `;`): kept with
    /// its name, once it has one.
    fn style_defined(&mut self) {
        let Some(end) = self.style_name.iter().position(|&b| b == b';') else { return };
        let Some(id) = self.defining_style.take() else { return };
        let name = String::from_utf8_lossy(&self.style_name[..end]).trim().to_owned();
        self.styles.entry(id).or_insert((name, self.based_on.take()));
        self.style_name.clear();
    }

    /// Whether paragraph style `id` is the title: named so (not one based
    /// on it: LibreOffice's `Subtitle` is).
    fn titled(&self, id: i64) -> bool {
        self.styles.get(&id).is_some_and(|(name, _)| name.eq_ignore_ascii_case("title"))
    }

    /// A cell of the table is open to read into (the table and its row
    /// started if they were not).
    fn cell_open(&mut self) {
        if self.tables.is_empty() {
            self.tables.push(Table::default());
        }
        let Some(table) = self.tables.last_mut() else { return };
        if !self.row {
            table.start_row();
            self.row = true;
        }
        if !table.in_cell() {
            table.start_cell();
        }
    }

    /// `\cell`: the cell's last paragraph, and the cell, end.
    fn cell(&mut self) {
        if self.group.skip {
            return;
        }
        self.flush();
        self.cell_open();
        let text = std::mem::take(&mut self.paragraph);
        put(&mut self.out, &mut self.tables, text);
        if let Some(table) = self.tables.last_mut() {
            table.end_cell();
        }
    }

    /// `\row`: the row ends.
    fn end_row(&mut self) {
        if self.group.skip {
            return;
        }
        self.flush();
        if !self.paragraph.trim().is_empty() {
            self.cell();
        }
        self.paragraph.clear();
        if let Some(table) = self.tables.last_mut().filter(|_| self.row) {
            if table.in_cell() {
                table.end_cell();
            }
            table.end_row();
        }
        self.row = false;
    }

    /// The table being read, if one is, ends: its rows go where paragraphs go.
    fn end_table(&mut self) {
        if self.tables.is_empty() {
            return;
        }
        if self.row {
            self.end_row();
        }
        end_table(&mut self.out, &mut self.tables);
    }

    fn finish(mut self) -> Unpacked {
        self.group = Group::default();
        self.flush();
        if !self.paragraph.trim().is_empty() {
            let intbl = self.intbl;
            self.end_paragraph();
            self.intbl = intbl;
        }
        self.end_table();
        self.out.finish()
    }
}

/// The code page of a font's `\fcharset` (`None`: symbols); the
/// document's for ANSI and the default.
fn charset(charset: i64, ansi: Option<u16>) -> Option<u16> {
    let ansi = ansi.unwrap_or(1252);
    Some(match charset {
        2 => return None,
        77 => 10000,
        78 => 10001,
        128 => 932,
        129 => 949,
        130 => 1361,
        134 => 936,
        136 => 950,
        161 => 1253,
        162 => 1254,
        163 => 1258,
        177 => 1255,
        178 => 1256,
        186 => 1257,
        204 => 1251,
        222 => 874,
        238 => 1250,
        _ => ansi,
    })
}

/// The character a control word stands for.
fn special(name: &str) -> Option<char> {
    Some(match name {
        "emdash" => '—',
        "endash" => '–',
        "lquote" => '‘',
        "rquote" => '’',
        "ldblquote" => '“',
        "rdblquote" => '”',
        "bullet" => '•',
        "emspace" | "enspace" | "qmspace" => ' ',
        "zwj" => '\u{200d}',
        "zwnj" => '\u{200c}',
        "zwbo" => '\u{200b}',
        _ => return None,
    })
}

#[cfg(test)]
#[path = "rtf_tests.rs"]
mod tests;
