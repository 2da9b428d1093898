//! What a file holds, judged from its first bytes rather than its name: a
//! conversation crosstalk reads (RON, Markdown, a transcript, subtitles), or
//! a format it does not read yet, named so the error can say so. And the
//! file's text: UTF-8, or UTF-16 with a byte order mark ([`decode`]).

/// What [`sniff`] found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Conversation RON: `(` (or `#![`) after whitespace and comments.
    Ron,
    /// A `## ` heading somewhere, or a `# ` title not followed by transcript lines.
    Markdown,
    /// `NAME: text` lines (after an optional `# Title`).
    Transcript,
    /// `WEBVTT` on the first line.
    WebVtt,
    /// A cue number, then an SRT timing line.
    Srt,
    /// A chat app's export: a stamp opening the first line (WhatsApp's
    /// `12/03/2024, 09:16 - ` or `[12/03/2024, 09:16:02] `, Zoom's
    /// `00:05:12 From Jane Smith to Everyone:`), or Telegram's JSON.
    Chat,
    Zip,
    /// A Word document (`.docx`): read as the text Word shows (see
    /// `import::document`).
    Word,
    /// OpenDocument text (`.odt`), read so too.
    OpenDocument,
    /// Rich Text Format (`.rtf`: TextEdit's, WordPad's, f4transkript's),
    /// read so too.
    Rtf,
    /// A word processor's document crosstalk does not read: Word 97–2003
    /// (`.doc`).
    Document,
    /// A document encrypted with a password (Office keeps it in an OLE2
    /// compound file as an `EncryptedPackage`).
    Protected,
    /// A PDF.
    Pdf,
    /// UTF-16 without a byte order mark (with one, the text is judged).
    Utf16,
    Binary,
    /// UTF-8 text that is none of the above.
    UnknownText,
    /// Not UTF-8, but not obviously binary either.
    NotUtf8,
}

impl Format {
    /// How to name a format crosstalk cannot read, or `None` if it can.
    pub fn unsupported(self) -> Option<&'static str> {
        match self {
            Format::Ron
            | Format::Markdown
            | Format::Transcript
            | Format::WebVtt
            | Format::Srt
            | Format::Chat
            | Format::Word
            | Format::OpenDocument
            | Format::Rtf => None,
            Format::Zip => Some(
                "a zip archive (a REFI-QDA .qdpx project? `crosstalk import FILE` reads those)",
            ),
            Format::Document => Some(
                "a Word 97-2003 document (.doc); save it as a Word document (.docx), RTF (.rtf) or plain text (.txt, UTF-8) and open that",
            ),
            Format::Protected => Some(
                "a document protected by a password (its whole file is encrypted); open it in Word, remove the password (File > Info > Protect Document > Encrypt with Password, cleared), save it and open that",
            ),
            Format::Pdf => Some(
                "a PDF; copy its text into a plain text file (.txt, UTF-8), or export it as one, and open that",
            ),
            Format::Utf16 => Some(
                "UTF-16 text without a byte order mark (save it as UTF-8, or UTF-16 with a BOM)",
            ),
            Format::Binary => Some("binary data"),
            Format::UnknownText => Some("text in no format it knows"),
            Format::NotUtf8 => Some("text that is not UTF-8"),
        }
    }
}

/// The formats crosstalk reads, for error messages.
pub const SUPPORTED: &str = ".ron conversations, Markdown (.md), transcripts (.txt), Word documents (.docx), OpenDocument text (.odt) and RTF (.rtf), WebVTT (.vtt) and SRT (.srt) subtitles, WhatsApp and Zoom chats (.txt), Telegram chats (.json), in UTF-8 or UTF-16 with a byte order mark";

/// The 1-based column, in characters, after `line` (the valid UTF-8 start
/// of a line, a UTF-8 byte order mark aside).
pub fn column_at(line: &[u8]) -> usize {
    let line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
    std::str::from_utf8(line).map_or(0, |s| s.chars().count()) + 1
}

/// `bytes` without a leading UTF-8 byte order mark.
pub fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// Why [`decode`] could not read the bytes as text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Not UTF-8: the offset of the first bad byte.
    Utf8 { offset: usize },
    /// UTF-16 (it had the BOM) with an unpaired surrogate, or an odd byte
    /// at the end: the offset of the bad code unit in the file.
    Utf16 { offset: usize },
}

/// The bytes as text: UTF-16 LE or BE if they start with its byte order
/// mark, else UTF-8 (a UTF-8 BOM is skipped). Lossless or an error.
pub fn decode(bytes: &[u8]) -> Result<String, DecodeError> {
    let big = match bytes {
        [0xFF, 0xFE, ..] => false,
        [0xFE, 0xFF, ..] => true,
        _ => {
            return std::str::from_utf8(strip_bom(bytes)).map(str::to_owned).map_err(|e| {
                let bom = bytes.len() - strip_bom(bytes).len();
                DecodeError::Utf8 { offset: bom + e.valid_up_to() }
            });
        }
    };
    let body = &bytes[2..];
    let units = utf16_units(body, big);
    let mut text = String::with_capacity(body.len() / 2);
    let mut at = 2;
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => {
                at += 2 * c.len_utf16();
                text.push(c);
            }
            Err(_) => return Err(DecodeError::Utf16 { offset: at }),
        }
    }
    if body.len() % 2 == 1 {
        return Err(DecodeError::Utf16 { offset: bytes.len() - 1 });
    }
    Ok(text)
}

/// `body`'s UTF-16 code units (an odd last byte left out).
fn utf16_units(body: &[u8], big: bool) -> impl Iterator<Item = u16> + '_ {
    body.chunks_exact(2).map(move |p| {
        let pair = [p[0], p[1]];
        if big { u16::from_be_bytes(pair) } else { u16::from_le_bytes(pair) }
    })
}

/// Judges `bytes` (a leading UTF-8 BOM is skipped) by their content.
pub fn sniff(bytes: &[u8]) -> Format {
    sniff_checked(bytes, None)
}

/// [`sniff`] of a file already known to be UTF-8: the same answer without
/// checking all of it again (for a 12.8 MB file that was a millisecond).
pub fn sniff_str(text: &str) -> Format {
    sniff_checked(text.as_bytes(), Some(text))
}

/// [`sniff`], with `text` the same bytes as a string if they are known to
/// be UTF-8.
fn sniff_checked(bytes: &[u8], text: Option<&str>) -> Format {
    let stripped = strip_bom(bytes);
    // A UTF-8 byte order mark is one character: what follows is a string.
    let text = text.map(|t| &t[bytes.len() - stripped.len()..]);
    let bytes = stripped;
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return zipped(&bytes[..bytes.len().min(4096)], tail(bytes));
    }
    // `%PDF-`; RTF; Word 97–2003 (an OLE2 compound file).
    if bytes.starts_with(b"%PDF-") {
        return Format::Pdf;
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return compound(bytes);
    }
    if bytes.trim_ascii_start().starts_with(b"{\\rtf") {
        return Format::Rtf;
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        // Judged by what it says; a bad code unit is the reader's error to report.
        let units = utf16_units(&bytes[2..], bytes[0] == 0xFE);
        let text: String =
            char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)).collect();
        return sniff_text(&text);
    }
    let head = &bytes[..bytes.len().min(4096)];
    // UTF-16 without a BOM: ASCII text with every other byte zero.
    let zeros = |parity: usize| {
        let n = head.iter().skip(parity).step_by(2).filter(|&&b| b == 0).count();
        head.len() >= 4 && n * 2 * 10 >= head.len() * 9
    };
    if zeros(0) || zeros(1) {
        return Format::Utf16;
    }
    // Text may hold a stray NUL (it is valid UTF-8); binary data is judged
    // by what it is not.
    let nul = head.contains(&0);
    match text.map_or_else(|| std::str::from_utf8(bytes), Ok) {
        Ok(text) => match sniff_text(text) {
            Format::UnknownText if nul => Format::Binary,
            format => format,
        },
        Err(_) if nul => Format::Binary,
        Err(_) => Format::NotUtf8,
    }
}

/// The end of a file: where a zip keeps its directory of entries' names.
fn tail(bytes: &[u8]) -> &[u8] {
    &bytes[bytes.len().saturating_sub(ZIP_TAIL)..]
}

/// How much of a zip's end [`zipped`] looks at: a directory of a thousand
/// entries or so.
pub const ZIP_TAIL: usize = 64 * 1024;

/// What a zip archive is, from its entries' names at its start (`head`,
/// its first bytes) or in its directory at its end (`tail`): a Word
/// document's main part is `word/document.xml` (Word for Mac puts a
/// thumbnail of many kilobytes first); an OpenDocument text says so in its
/// first entry, `mimetype`.
pub fn zipped(head: &[u8], tail: &[u8]) -> Format {
    let has = |needle: &[u8]| {
        memchr::memmem::find(head, needle).is_some() || memchr::memmem::find(tail, needle).is_some()
    };
    if has(b"word/document.xml") || memchr::memmem::find(head, b"word/").is_some() {
        Format::Word
    } else if has(b"application/vnd.oasis.opendocument.text") {
        Format::OpenDocument
    } else {
        Format::Zip
    }
}

/// An OLE2 compound file: Word 97–2003's `.doc`, or an Office document
/// encrypted with a password (an `EncryptedPackage` stream, its name in
/// UTF-16 in the file's directory).
fn compound(bytes: &[u8]) -> Format {
    let name: Vec<u8> = "EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes).collect();
    if memchr::memmem::find(bytes, &name).is_some() { Format::Protected } else { Format::Document }
}

/// Whether UTF-8 text (without a BOM) is surely a conversation file:
/// `#![…]` or `(` then a field (`id:`), after RON's spaces and comments.
/// Sniffing takes any `(` for RON; a transcript may start `(applause)`.
pub fn conversation_like(text: &str) -> bool {
    let code = skip_ron_space(text);
    if code.starts_with("#![") {
        return true;
    }
    let Some(rest) = code.strip_prefix('(') else { return false };
    let rest = skip_ron_space(rest);
    let field = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(0);
    let ident = rest.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_');
    ident && field > 0 && rest[field..].trim_start().starts_with(':')
}

/// Judges UTF-8 text (without a BOM).
pub fn sniff_text(text: &str) -> Format {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next().unwrap_or_default();
    if first == "WEBVTT" || first.starts_with("WEBVTT ") || first.starts_with("WEBVTT\t") {
        return Format::WebVtt;
    }
    if !first.is_empty()
        && first.bytes().all(|b| b.is_ascii_digit())
        && lines.next().is_some_and(srt_timing)
    {
        return Format::Srt;
    }
    if super::chat::is_chat_line(first) || super::chat::is_telegram(text) {
        return Format::Chat;
    }
    let code = skip_ron_space(text);
    if code.starts_with('(') || code.starts_with("#![") {
        return Format::Ron;
    }
    if text.lines().any(|l| l.starts_with("## ")) || super::markdown_by_names(text) {
        return Format::Markdown;
    }
    let mut body = text.lines().filter(|l| !l.trim().is_empty()).peekable();
    let titled = body.peek().is_some_and(|l| l.starts_with("# "));
    if titled {
        body.next();
    }
    match body.next() {
        Some(line) if super::transcript::speaker_line(line) => Format::Transcript,
        _ if titled => Format::Markdown,
        _ => Format::UnknownText,
    }
}

/// `00:00:01,000 --> 00:00:04,000`.
fn srt_timing(line: &str) -> bool {
    let Some((start, _)) = line.split_once("-->") else { return false };
    let b = start.trim().as_bytes();
    b.len() == 12
        && b.iter().enumerate().all(|(i, &c)| match i {
            2 | 5 => c == b':',
            8 => c == b',' || c == b'.',
            _ => c.is_ascii_digit(),
        })
}

/// `text` after leading whitespace and RON comments (`// …`, `/* … */`).
fn skip_ron_space(mut text: &str) -> &str {
    loop {
        text = text.trim_start();
        if let Some(rest) = text.strip_prefix("//") {
            text = rest.split_once('\n').map_or("", |(_, r)| r);
        } else if let Some(rest) = text.strip_prefix("/*") {
            text = rest.split_once("*/").map_or("", |(_, r)| r);
        } else {
            return text;
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// Sniffing a string is sniffing its bytes.
        #[test]
        fn sniffing_a_string_is_sniffing_its_bytes(
            text in r"(\u{FEFF})?(PK\x03\x04|WEBVTT|1\n00:00:01,000 --> 00:00:02,000|\(|# T|## A|ALICE: hi|\x00|A\x00|[a-z \n]){0,8}"
        ) {
            prop_assert_eq!(sniff_str(&text), sniff(text.as_bytes()));
        }
    }

    #[test]
    fn sniffs_by_content() {
        assert_eq!(sniff(b"\xEF\xBB\xBF// c\n/* d */ (id: \"x\")"), Format::Ron);
        assert!(conversation_like("// c\n(\n    id: \"x\","));
        assert!(conversation_like("#![enable(implicit_some)]\n("));
        assert!(!conversation_like("(applause)\nALICE: hi"));
        assert!(!conversation_like("(1:02) ALICE: hi"));
        assert_eq!(sniff(b"# T\n\n## A\n\ntext\n"), Format::Markdown);
        assert_eq!(sniff(b"# T\n\nALICE: hi\nBOB: yes\n"), Format::Transcript);
        assert_eq!(sniff(b"ALICE: hi\n"), Format::Transcript);
        assert_eq!(sniff(b"WEBVTT\n\n00:00.000 --> 00:01.000\nhi\n"), Format::WebVtt);
        assert_eq!(sniff(b"1\n00:00:01,000 --> 00:00:02,000\nhi\n"), Format::Srt);
        assert_eq!(sniff(b"PK\x03\x04rest"), Format::Zip);
        assert_eq!(sniff(b"A\0L\0I\0C\0E\0:\0 \0h\0i\0"), Format::Utf16);
        assert_eq!(sniff(b"\xFF\xFEA\0:\0 \0h\0i\0"), Format::Transcript);
        assert_eq!(sniff(b"\xFE\xFF\0W\0E\0B\0V\0T\0T"), Format::WebVtt);
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Format::Binary);
        assert_eq!(sniff(b"just some prose."), Format::UnknownText);
        assert_eq!(sniff(b"caf\xe9 au lait"), Format::NotUtf8);
    }

    #[test]
    fn documents_and_pdfs_are_named_as_such() {
        // A .docx: a zip whose entries are under `word/`.
        let mut docx = b"PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0[Content_Types].xml".to_vec();
        docx.extend_from_slice(&[0x9d; 300]);
        docx.extend_from_slice(b"PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0word/document.xml");
        assert_eq!(sniff(&docx), Format::Word);
        let odt = b"PK\x03\x04\x14\0\0\0\0\0mimetypeapplication/vnd.oasis.opendocument.textPK";
        assert_eq!(sniff(odt), Format::OpenDocument);
        assert_eq!(sniff(b"{\\rtf1\\ansi Hello}"), Format::Rtf);
        assert_eq!(sniff(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0"), Format::Document);
        assert_eq!(sniff(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), Format::Pdf);
        // A REFI-QDA project is still a zip.
        assert_eq!(sniff(b"PK\x03\x04\x14\0\0\0\0\0project.qde<?xml"), Format::Zip);
        let says = Format::Document.unsupported().expect("unsupported");
        assert!(
            says.contains("as a Word document (.docx), RTF (.rtf) or plain text (.txt"),
            "{says}"
        );
        assert_eq!(Format::Word.unsupported(), None);
        assert_eq!(Format::OpenDocument.unsupported(), None);
        assert_eq!(Format::Rtf.unsupported(), None);
        assert!(Format::Pdf.unsupported().expect("unsupported").starts_with("a PDF"));
    }

    #[test]
    fn decodes_utf8_and_utf16_with_a_bom() {
        assert_eq!(decode(b"\xEF\xBB\xBFcaf\xC3\xA9"), Ok("café".into()));
        assert_eq!(decode(b"ab\xe9"), Err(DecodeError::Utf8 { offset: 2 }));
        assert_eq!(decode(b"\xEF\xBB\xBFab\xe9"), Err(DecodeError::Utf8 { offset: 5 }));
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("é🙂".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&le), Ok("é🙂".into()));
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("é🙂".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(&be), Ok("é🙂".into()));
        // A lone high surrogate at byte 4, then an odd trailing byte.
        assert_eq!(decode(b"\xFF\xFEa\0\x00\xD8b\0"), Err(DecodeError::Utf16 { offset: 4 }));
        assert_eq!(decode(b"\xFF\xFEa\0b"), Err(DecodeError::Utf16 { offset: 4 }));
        // The column of a bad byte counts characters, not the BOM.
        assert_eq!(column_at(b"\xEF\xBB\xBFcaf\xC3\xA9 "), 6);
        assert_eq!(column_at(b""), 1);
    }
}
