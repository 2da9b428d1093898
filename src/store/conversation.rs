//! Conversation files (`*.ron`): parse, validate, write.

use std::io;
use std::path::Path;

use ron::extensions::Extensions;
use ron::ser::PrettyConfig;

use crate::import::Kind;
use crate::model::{Conversation, ConversationFile, ValidationError};

/// The bundled debate, embedded so `crosstalk` works from any directory.
const BUNDLED: &str = include_str!("../../data/technical-difficulties.ron");

/// How the bundled debate is named in messages and the status bar.
pub const BUNDLED_NAME: &str = "technical-difficulties.ron (bundled)";

/// Why a conversation could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: cannot read the file: {source}")]
    Read { path: String, source: io::Error },
    #[error("{path}: the file is not valid UTF-8 (first bad byte at offset {offset})")]
    NotUtf8 { path: String, offset: usize },
    #[error("{path}:{line}:{column}: {message}")]
    Syntax { path: String, line: usize, column: usize, message: String },
    #[error("{path}: {source}")]
    Invalid { path: String, source: ValidationError },
    #[error("{path}:{line}: {message}")]
    Import { path: String, line: usize, message: String },
}

/// Parses and validates conversation RON; `path` only names the source in errors.
pub fn parse_conversation(text: &str, path: &str) -> Result<Conversation, LoadError> {
    let text = super::annotations::strip_bom(text);
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

/// Reads, parses and validates the conversation at `path`.
pub fn load_conversation(path: &Path) -> Result<Conversation, LoadError> {
    parse_conversation(&read_text(path)?, &path.display().to_string())
}

/// The file's text, which must be UTF-8.
fn read_text(path: &Path) -> Result<String, LoadError> {
    let name = path.display().to_string();
    let bytes =
        std::fs::read(path).map_err(|source| LoadError::Read { path: name.clone(), source })?;
    let text = String::from_utf8(bytes)
        .map_err(|e| LoadError::NotUtf8 { path: name, offset: e.utf8_error().valid_up_to() })?;
    // A byte order mark is no part of the text (imports too).
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    })
}

/// Loads a conversation by its extension: `.md` and `.markdown` are
/// imported as Markdown, `.txt` as Markdown if it has `## ` headings and as a
/// transcript otherwise, anything else is read as conversation RON. Imported
/// text is checked like any conversation.
pub fn load_document(path: &Path) -> Result<Conversation, LoadError> {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    let kind = match ext.as_deref() {
        Some("md" | "markdown") => Some(Kind::Markdown),
        Some("txt") => None,
        _ => return load_conversation(path),
    };
    let file = import_file(path, kind)?;
    let name = path.display().to_string();
    Conversation::new(file).map_err(|source| LoadError::Invalid { path: name, source })
}

/// Reads `path` and imports it as `kind`, or as what its text looks like
/// when `kind` is `None` (see [`crate::import::detect`]).
pub fn import_file(path: &Path, kind: Option<Kind>) -> Result<ConversationFile, LoadError> {
    let name = path.display().to_string();
    let text = read_text(path)?;
    let kind = kind.unwrap_or_else(|| crate::import::detect(&text));
    let stem = path.file_stem().map_or_else(|| "untitled".into(), |s| s.to_string_lossy());
    crate::import::import(&text, kind, &stem).map_err(|e| LoadError::Import {
        path: name,
        line: e.line,
        message: e.message,
    })
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

/// Serialises a conversation as readable RON: one field per line, text
/// unescaped where possible (raw strings when needed), LF line endings.
pub fn to_ron(file: &ConversationFile) -> Result<String, ron::Error> {
    let config = PrettyConfig::new()
        .new_line("\n")
        .indentor("    ")
        .escape_strings(false)
        .struct_names(false)
        .extensions(Extensions::empty());
    let mut out = ron::Options::default().to_string_pretty(file, config)?;
    out.push('\n');
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn written_ron_reads_back_identically() {
        let c = bundled().expect("bundled debate parses");
        let text = to_ron(&c.to_file()).expect("serialises");
        assert!(!text.contains("\\u"), "text should be readable, not escaped");
        let again = parse_conversation(&text, "again.ron").expect("reparses");
        assert_eq!(again, c);
    }
}
