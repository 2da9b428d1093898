//! A fast reader and writer for the RON that crosstalk itself writes.
//!
//! The `ron` crate reads and writes a character at a time, which made a
//! file of 100,000 highlights (77 MB) take most of half a second to parse
//! and about as long to write. Files that crosstalk writes use a small part
//! of RON: structs without names, lists, `Some(…)`/`None`, `true`/`false`,
//! unsigned integers, and strings that are either plain (`"…"`, with no `"`
//! or `\` inside) or raw (`r#"…"#`), since strings are written unescaped.
//!
//! [`from_str`] reads exactly that part, with `memchr` finding the end of
//! each string, and hands values to the same serde derives (and so the same
//! checks) as `ron` does. Anything else — a comment, an escape, a struct
//! name, an extension, a number written another way, a syntax error, a
//! value a check refuses — makes it give up with [`Unsupported`], and the
//! caller parses the text again with `ron`, which either reads it or names
//! the line and column at fault. So a file read here reads as `ron` would
//! read it; property tests check that on written files and on random damage
//! to them.
//!
//! [`to_writer`] writes the bytes `ron`'s pretty printer writes with
//! crosstalk's settings, whole slices at a time; property tests hold the
//! two to the same bytes.

use std::fmt;

mod read;
#[cfg(test)]
mod strategies;
mod write;

pub use read::from_str;
pub use write::to_writer;

/// The text or value is outside the part of RON handled here (the text may
/// still be valid RON: `ron` decides).
#[derive(Debug, PartialEq, Eq)]
pub struct Unsupported;

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not in the part of RON handled by the fast reader and writer")
    }
}

impl std::error::Error for Unsupported {}
