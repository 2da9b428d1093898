//! Checks made while an annotation file is parsed, so that an error points
//! at the line and column of the value at fault: the parser knows where it
//! is, and nothing after parsing does. [`AnnotationFile::into_annotations`]
//! checks the same things again, for files built in memory.
//!
//! What a value is checked against (the tags defined so far, the ids seen,
//! the conversation's contributors) is kept per thread while one file is
//! parsed. The checks that need the conversation run only inside
//! [`parse_checked`]; the others (a tag or id defined twice, a colour, a
//! quick key, a time) run whenever the file's shape is read.
//!
//! [`AnnotationFile::into_annotations`]: super::AnnotationFile::into_annotations

use std::cell::RefCell;
use std::collections::HashSet;

use jiff::Timestamp;
use serde::de::{Deserialize, Deserializer, Error};

use super::Rgb;
use super::file::{FileHighlight, FileTag};

#[derive(Default)]
struct Context {
    /// The tag names read so far in the `tags` list being parsed.
    tags: Option<HashSet<String>>,
    /// Every tag name of the file, once `tags` has been read (only inside
    /// `parse_checked`: a file may list its highlights first).
    defined: Option<HashSet<String>>,
    /// The highlight ids read so far in the `highlights` list being parsed.
    ids: Option<HashSet<String>>,
    /// The conversation's contributor ids (only inside `parse_checked`).
    contributors: Option<HashSet<String>>,
    checked: bool,
    /// Inside [`unchecked`]: every check is skipped.
    off: bool,
}

thread_local! {
    static CONTEXT: RefCell<Context> = RefCell::new(Context::default());
}

/// Runs `parse` (which parses one annotation file) with the checks that
/// need the conversation: a highlight's contributor must be one of
/// `contributors`, and each of its tags must be defined in `tags`.
pub fn parse_checked<T>(contributors: HashSet<String>, parse: impl FnOnce() -> T) -> T {
    CONTEXT.set(Context { contributors: Some(contributors), checked: true, ..Context::default() });
    let result = parse();
    CONTEXT.set(Context::default());
    result
}

/// Runs `parse` with no checks at all, for a reader that will check the
/// whole file afterwards (with `into_annotations`) and, should that fail,
/// parse it again with the checks to say where.
pub fn unchecked<T>(parse: impl FnOnce() -> T) -> T {
    CONTEXT.set(Context { off: true, ..Context::default() });
    let result = parse();
    CONTEXT.set(Context::default());
    result
}

fn off() -> bool {
    CONTEXT.with_borrow(|c| c.off)
}

pub fn tags<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<FileTag>, D::Error> {
    CONTEXT.with_borrow_mut(|c| c.tags = Some(HashSet::new()));
    let tags = Vec::<FileTag>::deserialize(d);
    CONTEXT.with_borrow_mut(|c| {
        let names = c.tags.take();
        if c.checked {
            c.defined = names;
        }
    });
    tags
}

pub fn highlights<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<FileHighlight>, D::Error> {
    CONTEXT.with_borrow_mut(|c| c.ids = Some(HashSet::new()));
    let highlights = Vec::<FileHighlight>::deserialize(d);
    CONTEXT.with_borrow_mut(|c| c.ids = None);
    highlights
}

/// Tag names must be unique in a file, or every highlight carrying the name
/// would be exported once per definition. Two definitions may differ in
/// colour, key or description, so merging them would silently pick one.
pub fn tag_name<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let name = String::deserialize(d)?;
    if off() {
        return Ok(name);
    }
    // A blank name would be a blank cell in every export (Taguette refuses
    // the file: "Empty tag name"); the reader never makes one.
    if name.trim().is_empty() {
        return Err(D::Error::custom(format!("a tag needs a name (found {name:?})")));
    }
    let again =
        CONTEXT.with_borrow_mut(|c| c.tags.as_mut().is_some_and(|seen| !seen.insert(name.clone())));
    if again {
        return Err(D::Error::custom(format!(
            "tag {name:?} is defined twice; rename or remove one of the two definitions"
        )));
    }
    Ok(name)
}

pub fn color<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let value = String::deserialize(d)?;
    if Rgb::parse(&value).is_none() {
        return Err(D::Error::custom(format!("colour {value:?} is not #RRGGBB")));
    }
    Ok(value)
}

pub fn key<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u8>, D::Error> {
    let key = Option::<u8>::deserialize(d)?;
    if let Some(k) = key.filter(|k| !(1..=9).contains(k)) {
        return Err(D::Error::custom(format!("quick key {k} is not 1–9")));
    }
    Ok(key)
}

pub fn id<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let id = String::deserialize(d)?;
    if off() {
        return Ok(id);
    }
    let again =
        CONTEXT.with_borrow_mut(|c| c.ids.as_mut().is_some_and(|seen| !seen.insert(id.clone())));
    if again {
        return Err(D::Error::custom(format!("highlight id {id:?} is used twice")));
    }
    Ok(id)
}

pub fn contributor<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let id = String::deserialize(d)?;
    let unknown = CONTEXT.with_borrow(|c| {
        c.contributors.as_ref().filter(|known| !known.contains(&id)).map(|known| {
            let mut known: Vec<&str> = known.iter().map(String::as_str).collect();
            known.sort_unstable();
            known
                .iter()
                .take(8)
                .map(|k| format!("{k:?}"))
                .chain((known.len() > 8).then(|| format!("and {} more", known.len() - 8)))
                .collect::<Vec<_>>()
                .join(", ")
        })
    });
    if let Some(known) = unknown {
        // Said with who is there: a speaker joined into another by naming
        // (`--speaker "B=A"`) is no longer one, and a file coded before
        // names it.
        return Err(D::Error::custom(format!(
            "contributor {id:?} is not in the conversation, whose speakers are {known} (a speaker renamed or joined into another since it was coded?)"
        )));
    }
    Ok(id)
}

pub fn highlight_tags<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Ok(Vec::<TagRef>::deserialize(d)?.into_iter().map(|t| t.0).collect())
}

/// One tag named on a highlight, checked as it is read, so the error points
/// at it rather than at the end of the list.
struct TagRef(String);

impl<'de> Deserialize<'de> for TagRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let tag = String::deserialize(d)?;
        let unknown = CONTEXT
            .with_borrow(|c| c.defined.as_ref().is_some_and(|defined| !defined.contains(&tag)));
        if unknown {
            return Err(D::Error::custom(format!("tag {tag:?} is not in `tags`")));
        }
        Ok(Self(tag))
    }
}

fn time<'de, D: Deserializer<'de>>(d: D, field: &str) -> Result<String, D::Error> {
    let value = String::deserialize(d)?;
    if !off() && value.parse::<Timestamp>().is_err() {
        return Err(D::Error::custom(format!("{field} {value:?} is not an RFC 3339 time")));
    }
    Ok(value)
}

pub fn created<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    time(d, "created")
}

pub fn modified<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    time(d, "modified")
}
