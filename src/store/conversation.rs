//! Conversation files (`*.ron`): parse, validate, write.

use std::io;
use std::path::Path;

use ron::extensions::Extensions;
use ron::ser::PrettyConfig;

use crate::import::document::Unpacked;
use crate::import::{DecodeError, Format, Kind, MarkdownScan, Naming, Note};
use crate::model::{Conversation, ConversationFile, Source, SourceText, ValidationError};

use super::mapped::{MAP_FROM, Mapped, MappedText, Settle};
use crate::model::sanitize::Shown;

/// The bundled debate, embedded so `crosstalk` works from any directory.
const BUNDLED: &str = include_str!("../../data/technical-difficulties.ron");

/// How the bundled debate is named in messages and the status bar.
pub const BUNDLED_NAME: &str = "technical-difficulties.ron (bundled)";

/// Why a conversation could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: cannot read the file: {source}")]
    Read { path: String, source: io::Error },
    #[error(
        "{path}:{line}:{column}: the file is not valid UTF-8 (first bad byte at offset {offset}); save it as UTF-8 (Word and Notepad may have saved it as Windows-1252 or Latin-1)"
    )]
    NotUtf8 { path: String, line: usize, column: usize, offset: usize },
    #[error(
        "{path}: the file is UTF-16 (it starts with the byte order mark) but not valid: an unpaired surrogate or a stray byte at offset {offset}"
    )]
    NotUtf16 { path: String, offset: usize },
    #[error("{path}: {message}")]
    Naming { path: String, message: String },
    #[error("{path}:{line}:{column}: {message}")]
    Syntax { path: String, line: usize, column: usize, message: String },
    #[error("{path}: {source}")]
    Invalid { path: String, source: ValidationError },
    #[error("{path}:{line}: {message}")]
    Import { path: String, line: usize, message: String },
    /// An error importing a Word document: the paragraph (or table row)
    /// it is about, counted from the document's start.
    #[error("{path}: paragraph {paragraph}: {message}")]
    InDocument { path: String, paragraph: u32, message: String },
    #[error("{path}: {message}")]
    Document { path: String, message: String },
    #[error(
        "{path}: this is already a conversation file (.ron), nothing to import; open it with `crosstalk FILE`"
    )]
    AlreadyConversation { path: String },
    #[error("{path}: crosstalk cannot read {what}; it reads {}", crate::import::SUPPORTED)]
    Unsupported { path: String, what: String },
}

/// Parses and validates conversation RON; `path` only names the source in errors.
pub fn parse_conversation(text: &str, path: &str) -> Result<Conversation, LoadError> {
    // A checkout with CRLF (git's `core.autocrlf`) is the same text.
    let text = super::annotations::with_lf(text);
    let text = super::annotations::strip_bom(&text);
    let file: ConversationFile =
        ron::Options::default().from_str(text).map_err(|e| LoadError::Syntax {
            path: path.to_owned(),
            line: e.span.start.line,
            column: e.span.start.col,
            message: readable(&e.code.to_string()),
        })?;
    Conversation::new(file).map_err(|source| LoadError::Invalid { path: path.to_owned(), source })
}

/// ron names Rust types in its messages; say what they are in the file.
fn readable(message: &str) -> String {
    message
        .replace("`ConversationFile`", "the conversation")
        .replace("`SectionFile`", "a section")
        .replace("`Contributor`", "a contributor")
        .replace("`Role`", "role")
}

/// Reads, parses and validates the conversation (RON) at `path`.
pub fn load_conversation(path: &Path) -> Result<Conversation, LoadError> {
    let text = to_text(path, read_bytes(path)?)?;
    parse_conversation(&text, &path.shown())
}

/// The file's bytes.
fn read_bytes(path: &Path) -> Result<Vec<u8>, LoadError> {
    super::read_file(path).map_err(|source| LoadError::Read { path: path.shown(), source })
}

/// What the file holds (see [`crate::import::sniff`]), and its bytes:
/// already a string if they are UTF-8, so they are checked once, not twice.
fn sniffed(bytes: Vec<u8>) -> (Format, Result<String, Vec<u8>>) {
    match String::from_utf8(bytes) {
        Ok(text) => (crate::import::sniff_str(&text), Ok(text)),
        Err(e) => {
            let bytes = e.into_bytes();
            (crate::import::sniff(&bytes), Err(bytes))
        }
    }
}

/// The file's text: UTF-8, or UTF-16 after its byte order mark (see
/// [`crate::import::decode`]); a byte order mark is no part of it. Bytes
/// already known to be UTF-8 without a mark are taken as they are.
fn checked_text(path: &Path, bytes: Result<String, Vec<u8>>) -> Result<String, LoadError> {
    match bytes {
        Ok(text) if !text.starts_with('\u{FEFF}') => Ok(text),
        Ok(text) => to_text(path, text.into_bytes()),
        Err(bytes) => to_text(path, bytes),
    }
}

/// The file's text: UTF-8, or UTF-16 after its byte order mark (see
/// [`crate::import::decode`]); a byte order mark is no part of it.
fn to_text(path: &Path, bytes: Vec<u8>) -> Result<String, LoadError> {
    // UTF-8 without a byte order mark (nearly every file) is taken as it
    // was read, not copied: a large file's copy cost more than its check.
    let marked = bytes.starts_with(b"\xEF\xBB\xBF")
        || bytes.starts_with(b"\xFF\xFE")
        || bytes.starts_with(b"\xFE\xFF");
    let bytes = match marked {
        false => match String::from_utf8(bytes) {
            Ok(text) => return Ok(text),
            Err(e) => e.into_bytes(),
        },
        true => bytes,
    };
    let path = path.shown();
    crate::import::decode(&bytes).map_err(|e| match e {
        DecodeError::Utf8 { offset } => {
            let line = line_at(&bytes, offset);
            let start = bytes[..offset].iter().rposition(|&b| b == b'\n').map_or(0, |at| at + 1);
            let column = crate::import::column_at(&bytes[start..offset]);
            LoadError::NotUtf8 { path, line, column, offset }
        }
        DecodeError::Utf16 { offset } => LoadError::NotUtf16 { path, offset },
    })
}

/// The 1-based line of `bytes` that byte `offset` is on.
pub(super) fn line_at(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset.min(bytes.len())].iter().filter(|&&b| b == b'\n').count() + 1
}

/// The error for a file crosstalk cannot read: one line, naming the file,
/// what it seems to hold, and what crosstalk reads.
pub(super) fn unsupported(path: &Path, what: &str) -> LoadError {
    // One line, whatever the file is called (`shown`: controls as symbols).
    LoadError::Unsupported { path: path.shown(), what: what.to_owned() }
}

/// Loads a conversation, judged by its content as well as its extension
/// (see [`crate::import::sniff`]): `.ron` is conversation RON, `.md` and
/// `.markdown` Markdown, `.vtt` WebVTT, `.srt` SRT, `.txt` RON if it starts
/// with `(`, subtitles if it looks like them, Markdown if it has `## `
/// headings and a transcript otherwise; any other name is read as what its
/// text looks like. Zip archives, binary files and UTF-16 without a byte
/// order mark are refused with one line saying what crosstalk reads. Text
/// is UTF-8 or UTF-16 with a BOM. Imported text is checked like any
/// conversation.
pub fn load_document(path: &Path) -> Result<Conversation, LoadError> {
    load_document_named(path, &[]).map(|(doc, _)| doc)
}

/// [`load_document`], naming speakers of an imported file (see
/// [`crate::import::names`]), with the import's notes.
pub fn load_document_named(
    path: &Path,
    names: &[Naming],
) -> Result<(Conversation, Vec<Note>), LoadError> {
    let (format, bytes) = sniffed(read_bytes(path)?);
    let format = by_name(path, format);
    if matches!(format, Format::Word | Format::OpenDocument | Format::Rtf) {
        let (text, places) = document_text(path, format, bytes)?;
        let format = crate::import::sniff_str(&text);
        // (The text again, to tell where the reader's title came from, in
        // the rare document with a title of its own.)
        let lines = places.title.as_ref().map(|_| text.clone()).unwrap_or_default();
        let read = load_text(path, names, format, Ok(text), Some("txt".into()));
        let titled = |(mut doc, notes): (Conversation, Vec<Note>)| {
            let Conversation { title, metadata, intro, .. } = &mut doc;
            document_title(path, &places, &lines, Titles { title, metadata, intro });
            (doc, notes)
        };
        return in_paragraphs(read.map(titled), &places);
    }
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    load_text(path, names, format, bytes, ext)
}

/// A zip named `.docx` or `.odt` is taken for one, so that one without its
/// main part says so rather than that it is a zip.
fn by_name(path: &Path, format: Format) -> Format {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    match (format, ext.as_deref()) {
        (Format::Zip, Some("docx")) => Format::Word,
        (Format::Zip, Some("odt")) => Format::OpenDocument,
        _ => format,
    }
}

/// The text of the Word or OpenDocument document at `path` (its `bytes`),
/// and which of its paragraphs each line of that text is from.
fn document_text(
    path: &Path,
    format: Format,
    bytes: Result<String, Vec<u8>>,
) -> Result<(String, Unpacked), LoadError> {
    // A zip's bytes may all be UTF-8 (a stored entry of text).
    let bytes = bytes.map_or_else(|bytes| bytes, String::into_bytes);
    let unpack = match format {
        Format::OpenDocument => crate::import::document::odt,
        Format::Rtf => crate::import::document::rtf,
        _ => crate::import::document::docx,
    };
    let failed = |message: String| LoadError::Document { path: path.shown(), message };
    let mut word = unpack(&bytes).map_err(failed)?;
    if word.text.trim().is_empty() {
        return Err(failed(
            "the document holds no text (headers, footers, footnotes and text boxes are not read)"
                .into(),
        ));
    }
    Ok((std::mem::take(&mut word.text), word))
}

/// What a conversation read from a document says of itself.
struct Titles<'a> {
    title: &'a mut String,
    metadata: &'a mut Vec<(String, String)>,
    intro: &'a mut Vec<String>,
}

/// The title of the conversation read from the document at `path` (its
/// `text`, as read): the document's own (its first paragraph, styled as
/// the title) where the text gave none (the file's name is the title) or
/// only a line naming the interview (`Interview: OH-2019-03`, then kept as
/// a header fact). Where the text gives its own (`Title:`, `# `), the
/// document's is the introduction's first line, as it reads.
fn document_title(path: &Path, places: &Unpacked, text: &str, t: Titles) {
    let Some(own) = &places.title else { return };
    let own = crate::model::sanitize::sanitize(own).into_owned();
    if title_stem(path) == t.title.as_str() {
        *t.title = own;
        return;
    }
    let named = crate::import::names_the_interview(t.title)
        .filter(|_| text.lines().any(|l| crate::import::same_line(l, t.title)));
    match named {
        Some((key, value)) => {
            t.metadata.insert(0, (key, value));
            *t.title = own;
        }
        None => t.intro.insert(0, own),
    }
}

/// A Word document's import, its errors and notes naming the document's
/// paragraphs rather than lines of the text read from it.
fn in_paragraphs<T>(
    read: Result<(T, Vec<Note>), LoadError>,
    places: &Unpacked,
) -> Result<(T, Vec<Note>), LoadError> {
    match read {
        Ok((doc, mut notes)) => {
            for note in &mut notes {
                note.message = places.relabel(&note.message);
            }
            let left_out = places.notes.iter().map(|message| Note {
                label: String::new(),
                message: crate::model::sanitize::sanitize(message).into_owned(),
            });
            notes.extend(left_out);
            Ok((doc, notes))
        }
        Err(LoadError::Import { path, line, message }) => {
            Err(LoadError::InDocument { path, paragraph: places.paragraph(line), message })
        }
        Err(e) => Err(e),
    }
}

/// [`load_document_named`] of a file's text (or bytes, if not UTF-8) in
/// `format`, named `.ext`.
fn load_text(
    path: &Path,
    names: &[Naming],
    format: Format,
    bytes: Result<String, Vec<u8>>,
    ext: Option<String>,
) -> Result<(Conversation, Vec<Note>), LoadError> {
    let name = path.shown();
    let known = matches!(ext.as_deref(), Some("ron" | "md" | "markdown" | "txt" | "vtt" | "srt"));
    match format.unsupported() {
        // Text in a known format that is broken gets that reader's own error.
        Some(_) if known && matches!(format, Format::NotUtf8 | Format::UnknownText) => {}
        Some(what) => return Err(unsupported(path, what)),
        None => {}
    }
    let text = checked_text(path, bytes)?;
    let kind = match (ext.as_deref(), format) {
        (Some("ron"), _) | (Some("txt") | None, Format::Ron) => None,
        (Some("md" | "markdown"), _) => Some(Kind::Markdown),
        (Some("vtt"), _) | (_, Format::WebVtt) => Some(Kind::WebVtt),
        (Some("srt"), _) | (_, Format::Srt) => Some(Kind::Srt),
        (_, Format::Chat) => Some(Kind::Chat),
        (Some("txt"), _) => Some(crate::import::detect(&text)),
        (_, Format::Ron) => None,
        (_, Format::Markdown) => Some(Kind::Markdown),
        _ => Some(Kind::Transcript),
    };
    let Some(kind) = kind else {
        if !names.is_empty() {
            return Err(LoadError::Naming {
                path: name,
                message: "--speaker and --speakers name the speakers of an imported file; a .ron conversation names its own".into(),
            });
        }
        return Ok((with_former(parse_conversation(&text, &name)?, path), Vec::new()));
    };
    if kind == Kind::Markdown && names.is_empty() {
        return Ok((markdown(path, Source::new(text), None)?, Vec::new()));
    }
    let (file, notes) = import_text(path, &text, kind, names)?;
    let doc =
        Conversation::new(file).map_err(|source| LoadError::Invalid { path: name, source })?;
    let doc = with_former(doc, path);
    Ok((if kind == Kind::Markdown { read_as_markdown(doc) } else { doc }, notes))
}

/// `doc`, read from Markdown, told how a quote an earlier build took from
/// it reads now (inline markup was read as written before).
fn read_as_markdown(mut doc: Conversation) -> Conversation {
    doc.former.quotes = Some(crate::import::markdown_former_quote);
    doc
}

/// The name of the file at `path` without its extension, as the title of a
/// conversation that gives none (and what its id is made from): on one
/// line, a control, bidi or invisible character in the name taken as a
/// space (a file named `nl<newline>name.txt` printed its title over two
/// lines in `stats`, `agree` and the Markdown export).
pub(super) fn title_stem(path: &Path) -> String {
    use crate::model::sanitize::{is_invisible, is_unsafe};
    let stem = path.file_stem().map(|s| s.to_string_lossy()).unwrap_or_default();
    let spaced: String =
        stem.chars().map(|c| if is_unsafe(c) || is_invisible(c) { ' ' } else { c }).collect();
    let words: Vec<&str> = spaced.split_whitespace().collect();
    match words.is_empty() {
        true => "untitled".to_owned(),
        false => words.join(" "),
    }
}

/// `doc`, told what earlier builds called it, so that an annotation file
/// they wrote still opens (its speakers' former ids are worked out when a
/// file names one: see [`super::parse_annotations`]).
fn with_former(mut doc: Conversation, path: &Path) -> Conversation {
    if let Some(stem) = path.file_stem() {
        let stem = stem.to_string_lossy();
        doc.former.conversation = crate::import::former_conversation_ids(&doc.id, &stem);
    }
    doc
}

/// Markdown whose paragraphs that need no decoding stay ranges of
/// `source`, the text of `path`.
/// `scan`: see [`crate::import::markdown_shared`].
fn markdown(
    path: &Path,
    source: Source,
    scan: Option<MarkdownScan>,
) -> Result<Conversation, LoadError> {
    let name = path.shown();
    let stem = title_stem(path);
    let (head, parts) = crate::import::markdown_shared(&source, &stem, scan)
        .map_err(|e| LoadError::Import { path: name.clone(), line: e.line, message: e.message })?;
    Conversation::from_parts(head, parts)
        .map(|doc| read_as_markdown(with_former(doc, path)))
        .map_err(|source| LoadError::Invalid { path: name, source })
}

/// [`load_document_named`] for the reader, which draws before it does
/// anything else: a large Markdown file is mapped, not read (see
/// [`super::mapped`]), and what comes back with it is to be settled once
/// the first frame is on screen. Anything else, or a file that cannot be
/// mapped, is read as [`load_document_named`] reads it.
pub fn open_document(
    path: &Path,
    names: &[Naming],
) -> Result<(Conversation, Vec<Note>, Option<Settle>), LoadError> {
    if let Some((doc, settle)) = mapped_markdown(path, names)? {
        return Ok((doc, Vec::new(), Some(settle)));
    }
    load_document_named(path, names).map(|(doc, notes)| (doc, notes, None))
}

/// Whether [`open_document`] will try to map the file at `path` (a large
/// Markdown file, speakers not renamed): it then reads it on two cores.
pub fn maps(path: &Path, names: &[Naming]) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    let large = std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() >= MAP_FROM);
    names.is_empty() && matches!(ext.as_deref(), Some("md" | "markdown")) && large
}

/// The Markdown file at `path` read from a map of it; `None` if it is not
/// one to map (small, not named `.md`, not UTF-8, speakers to rename, or
/// no lease to be had).
fn mapped_markdown(
    path: &Path,
    names: &[Naming],
) -> Result<Option<(Conversation, Settle)>, LoadError> {
    if !maps(path, names) {
        return Ok(None);
    }
    let Ok(Some(map)) = Mapped::open(path) else { return Ok(None) };
    // Not UTF-8, or marked: the ordinary read says why, or decodes it. The
    // two halves are checked side by side, each with marks of its own.
    let halves = MappedText::new_visiting_halves(
        map,
        crate::import::markdown_scan_from,
        MarkdownScan::add_checked,
    );
    let Ok((text, first, second)) = halves else { return Ok(None) };
    let scan = first.then(second);
    if text.text().starts_with('\u{FEFF}') {
        return Ok(None);
    }
    let format = crate::import::sniff_str(text.text());
    if let Some(what) = format.unsupported()
        && !matches!(format, Format::NotUtf8 | Format::UnknownText)
    {
        return Err(unsupported(path, what));
    }
    let settle = text.settle();
    Ok(Some((markdown(path, Source::held(Box::new(text)), Some(scan))?, settle)))
}

/// Reads `path` and imports it as `kind`, or as what its text looks like
/// when `kind` is `None` (see [`crate::import::detect`]); files in a format
/// crosstalk does not read are refused as by [`load_document`].
pub fn import_file(path: &Path, kind: Option<Kind>) -> Result<ConversationFile, LoadError> {
    import_file_named(path, kind, &[]).map(|(file, _)| file)
}

/// [`import_file`], naming speakers (see [`crate::import::names`]), with
/// the import's notes on speakers kept apart.
pub fn import_file_named(
    path: &Path,
    kind: Option<Kind>,
    names: &[Naming],
) -> Result<(ConversationFile, Vec<Note>), LoadError> {
    let (format, bytes) = sniffed(read_bytes(path)?);
    let format = by_name(path, format);
    if matches!(format, Format::Word | Format::OpenDocument | Format::Rtf) {
        let (text, places) = document_text(path, format, bytes)?;
        let kind = kind.unwrap_or_else(|| crate::import::detect(&text));
        let titled = |(mut file, notes): (ConversationFile, Vec<Note>)| {
            let ConversationFile { title, metadata, intro, .. } = &mut file;
            document_title(path, &places, &text, Titles { title, metadata, intro });
            (file, notes)
        };
        return in_paragraphs(import_text(path, &text, kind, names).map(titled), &places);
    }
    if let Some(what) = format.unsupported()
        && !matches!(format, Format::NotUtf8 | Format::UnknownText)
    {
        return Err(unsupported(path, what));
    }
    let text = checked_text(path, bytes)?;
    if kind.is_none() && crate::import::conversation_like(&text) {
        return Err(LoadError::AlreadyConversation { path: path.shown() });
    }
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    let kind = kind.unwrap_or_else(|| match ext.as_deref() {
        Some("vtt") => Kind::WebVtt,
        Some("srt") => Kind::Srt,
        _ => crate::import::detect(&text),
    });
    import_text(path, &text, kind, names)
}

/// Imports `text` as `kind` and names its speakers; a note on a label the
/// names settle is dropped.
fn import_text(
    path: &Path,
    text: &str,
    kind: Kind,
    names: &[Naming],
) -> Result<(ConversationFile, Vec<Note>), LoadError> {
    let stem = title_stem(path);
    let display = path.shown();
    let (mut file, mut notes) =
        crate::import::import_with_notes(text, kind, &stem).map_err(|e| LoadError::Import {
            path: display.clone(),
            line: e.line,
            message: e.message,
        })?;
    let named = crate::import::names::apply(&mut file, names)
        .map_err(|message| LoadError::Naming { path: display, message })?;
    notes.retain(|n| !named.contains(&n.label));
    Ok((file, notes))
}

/// The bundled debate's RON source.
pub fn bundled_source() -> &'static str {
    BUNDLED
}

/// The bundled debate, parsed. It is checked by the test suite, so failing
/// here means a broken build, but it is still reported, not panicked on.
pub fn bundled() -> Result<Conversation, LoadError> {
    parse_conversation(BUNDLED, BUNDLED_NAME)
}

/// How conversations are written (the streaming import writes the same).
pub(crate) fn ron_layout() -> PrettyConfig {
    PrettyConfig::new()
        .new_line("\n")
        .indentor("    ")
        .escape_strings(false)
        .struct_names(false)
        .extensions(Extensions::empty())
}

/// Serialises a conversation as readable RON: one field per line, text
/// unescaped where possible (raw strings when needed), LF line endings.
pub fn to_ron(file: &ConversationFile) -> Result<String, ron::Error> {
    let mut out = ron::Options::default().to_string_pretty(file, ron_layout())?;
    out.push('\n');
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_tmp::TempDir;

    #[test]
    fn syntax_errors_name_file_line_and_column() {
        let err = parse_conversation("(\n  id: \"x\",\n  title: 5,\n)", "bad.ron").unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("bad.ron:3:"), "{msg}");
        assert!(msg.contains("string"), "{msg}");
    }

    #[test]
    fn missing_fields_say_what_was_expected() {
        let err = parse_conversation("(id: \"x\", title: \"T\")", "m.ron").unwrap_err();
        assert!(err.to_string().contains("contributors"), "{err}");
    }

    #[test]
    fn validation_errors_name_the_file() {
        let text = r#"(id: "x", title: "T", contributors: [], sections: [])"#;
        let err = parse_conversation(text, "e.ron").unwrap_err();
        assert!(
            err.to_string().starts_with("e.ron: the conversation has no contributors"),
            "{err}"
        );
    }

    #[test]
    fn a_mapped_markdown_file_reads_as_a_read_one() {
        let dir = TempDir::new(&format!("crosstalk-open-map-{}", std::process::id()));
        let path = dir.join("panel.md");
        let mut text = String::from("# A “panel”\n\nDate: 2026-12-04\n\n");
        for (n, name) in ["Ada Okafor", "Chen Wei", "Ada Okafor"].iter().enumerate() {
            text.push_str(&format!("## {name}\n\n"));
            for p in 0..6000 {
                text.push_str(&format!(
                    "Paragraph {n}.{p}: “U.S.” — 👩‍👩‍👧 e\u{301} 中文 \\* &amp; two\nlines.\n\nOne line.\n\n"
                ));
            }
        }
        text.push_str("## Interview\n\n**Q:** Why?\n\n**A:** Because.\n");
        assert!(text.len() as u64 >= MAP_FROM);
        // A brief with the conversation after its marker, past the first
        // block the UTF-8 check hands on: read from the marker on, alike.
        let brief = dir.join("brief.md");
        let pad = "A brief’s line, exported by crosstalk.\n\n".repeat(4000);
        let marker = crate::export::markdown::CONVERSATION_MARKER;
        std::fs::write(&brief, format!("# Brief\n\n{pad}{marker}\n\n{text}")).unwrap();
        let (from_marker, _, _) = open_document(&brief, &[]).expect("maps");
        assert_eq!(from_marker.sections, load_document(&brief).expect("reads").sections);
        // The marker in the second half of the text (the halves are
        // checked apart, each with marks of its own), and then a byte
        // that is not UTF-8 near the end: refused as the read refuses it.
        let long = "A brief’s line, exported by crosstalk.\n\n".repeat(60_000);
        let marked = format!("# Brief\n\n{long}{marker}\n\n{text}");
        assert!(marked.find(marker).expect("marker") > marked.len() / 2 + 1000);
        std::fs::write(&brief, &marked).unwrap();
        let (late, _, _) = open_document(&brief, &[]).expect("maps");
        assert_eq!(late.sections, from_marker.sections);
        let mut bad = marked.into_bytes();
        let near_end = bad.len() - 10;
        bad[near_end] = 0xFF;
        std::fs::write(&brief, &bad).unwrap();
        let refused = open_document(&brief, &[]).map(|_| ()).expect_err("not UTF-8");
        let read = load_document(&brief).map(|_| ()).expect_err("not UTF-8");
        assert_eq!(refused.to_string(), read.to_string());
        std::fs::write(&path, &text).unwrap();
        let read = load_document(&path).expect("reads");
        assert_eq!(from_marker.sections, read.sections);
        let (mapped, notes, settle) = open_document(&path, &[]).expect("maps");
        assert!(notes.is_empty());
        assert_eq!(mapped, read);
        match settle {
            Some(settle) => settle.settle(),
            None => crate::test_tmp::skipped(format_args!(
                "the map: no read lease on {} (read instead)",
                dir.shown()
            )),
        }
        std::fs::write(&path, "# Gone\n").unwrap();
        assert_eq!(mapped, read);
    }

    #[test]
    fn written_ron_reads_back_identically() {
        let c = bundled().expect("bundled debate parses");
        let text = to_ron(&c.to_file()).expect("serialises");
        assert!(!text.contains("\\u"), "text should be readable, not escaped");
        let again = parse_conversation(&text, "again.ron").expect("reparses");
        assert_eq!(again, c);
    }
}

#[cfg(test)]
mod title_tests {
    use super::title_stem;
    use std::path::Path;

    #[test]
    fn a_title_from_a_file_name_is_one_line_and_the_id_made_from_it_the_same() {
        let names = [
            ("nl\nname.txt", "nl name"),
            ("tab\tname.txt", "tab name"),
            ("esc\u{1b}[2Jname.md", "esc [2Jname"),
            ("rtl\u{202e}txt.txt", "rtl txt"),
            ("  spaced   out .txt", "spaced out"),
            ("\n.txt", "untitled"),
            ("👩\u{200d}💻 interview.txt", "👩 💻 interview"),
            ("访谈 记录.txt", "访谈 记录"),
            ("Interview 3 — Ana.txt", "Interview 3 — Ana"),
        ];
        for (name, title) in names {
            let path = Path::new(name);
            assert_eq!(title_stem(path), title, "{name:?}");
            // The id is made from it as it was from the name as is: an
            // annotation file made before still opens.
            let raw = path.file_stem().expect("stem").to_string_lossy();
            assert_eq!(crate::import::slug(title), crate::import::slug(&raw), "{name:?}");
        }
    }
}
