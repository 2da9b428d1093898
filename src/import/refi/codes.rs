//! REFI-QDA codes, as a `.qdc` codebook and a project's `<CodeBook>` both
//! hold them: `<Code guid name color isCodable>` with an optional
//! `<Description>`, nested codes named `parent/child`. Pure: text in, codes
//! out, or the line:column of what is wrong.

use std::collections::HashSet;

use quick_xml::Reader;
use quick_xml::events::Event;

use crate::model::annotations::{PALETTE, Rgb, Tag};

/// Where (line and, for XML, column; 1-based) and what went wrong.
pub type Failure = (Option<(usize, Option<usize>)>, String);

/// One `<Code>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Code {
    pub guid: String,
    /// `parent/child` for a nested code.
    pub name: String,
    pub color: Option<Rgb>,
    pub description: String,
    /// `isCodable="false"`: a category that only names its children.
    pub codable: bool,
    /// Line and column of the element.
    pub at: (usize, usize),
}

/// `line:column` (1-based) of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

fn at(text: &str, offset: usize) -> Option<(usize, Option<usize>)> {
    let (l, c) = line_col(text, offset);
    Some((l, Some(c)))
}

/// Every `<Code>` in `text`, in document order, and whether a `<CodeBook>`
/// element was seen at all.
pub fn parse(text: &str) -> Result<(Vec<Code>, bool), Failure> {
    let mut reader = Reader::from_str(text);
    let mut codes: Vec<Code> = Vec::new();
    // Open codes: their index in `codes`.
    let mut stack: Vec<usize> = Vec::new();
    // The description being read, and which code it belongs to.
    let mut description: Option<(Option<usize>, String)> = None;
    let mut seen_codebook = false;
    loop {
        let pos = reader.buffer_position() as usize;
        let invalid =
            |e: &dyn std::fmt::Display, pos: usize| (at(text, pos), format!("not valid XML: {e}"));
        let event =
            reader.read_event().map_err(|e| invalid(&e, reader.error_position() as usize))?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) if e.local_name().as_ref() == b"CodeBook" => {
                seen_codebook = true;
            }
            ref ev @ (Event::Start(ref e) | Event::Empty(ref e))
                if e.local_name().as_ref() == b"Code" =>
            {
                let (mut guid, mut name, mut color, mut codable) =
                    (String::new(), None, None, true);
                for attr in e.attributes() {
                    let attr = attr.map_err(|e| invalid(&e, pos))?;
                    let value = attr
                        .normalized_value(quick_xml::XmlVersion::default())
                        .map_err(|e| invalid(&e, pos))?;
                    match attr.key.local_name().as_ref() {
                        b"guid" => guid = value.trim().to_owned(),
                        b"name" => name = Some(value.into_owned()),
                        b"color" => {
                            color = Some(Rgb::parse(&value).ok_or_else(|| {
                                (at(text, pos), format!("color {value:?} is not #RRGGBB"))
                            })?);
                        }
                        b"isCodable" => codable = value.trim() != "false",
                        _ => {}
                    }
                }
                let name =
                    name.ok_or_else(|| (at(text, pos), "a <Code> has no name".to_owned()))?;
                let name = match stack.last() {
                    Some(&parent) => format!("{}/{name}", codes[parent].name),
                    None => name,
                };
                let (l, c) = line_col(text, pos);
                codes.push(Code {
                    guid,
                    name,
                    color,
                    description: String::new(),
                    codable,
                    at: (l, c),
                });
                if matches!(ev, Event::Start(_)) {
                    stack.push(codes.len() - 1);
                }
            }
            Event::End(e) if e.local_name().as_ref() == b"Code" => {
                stack.pop();
            }
            Event::Start(e) if e.local_name().as_ref() == b"Description" => {
                description = Some((stack.last().copied(), String::new()));
            }
            Event::End(e) if e.local_name().as_ref() == b"Description" => {
                if let Some((Some(code), d)) = description.take() {
                    codes[code].description = d;
                }
            }
            Event::Text(t) => {
                if let Some((_, d)) = description.as_mut() {
                    d.push_str(&t.xml10_content().map_err(|e| invalid(&e, pos))?);
                }
            }
            Event::CData(t) => {
                if let Some((_, d)) = description.as_mut() {
                    d.push_str(&String::from_utf8_lossy(&t));
                }
            }
            Event::GeneralRef(r) => {
                if let Some((_, d)) = description.as_mut() {
                    d.push_str(&reference(&r).ok_or_else(|| {
                        (at(text, pos), "unknown character reference".to_owned())
                    })?);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok((codes, seen_codebook))
}

/// A character or predefined entity reference (`&#10;`, `&amp;`) as text.
pub fn reference(r: &quick_xml::events::BytesRef) -> Option<String> {
    if let Some(c) = r.resolve_char_ref().ok()? {
        return Some(c.to_string());
    }
    let name = r.decode().ok()?;
    quick_xml::escape::resolve_predefined_entity(&name).map(str::to_owned)
}

/// Adds tags, refusing an empty name or one already used; the first nine
/// tags get quick keys 1–9; a tag without a colour takes the first palette
/// colour not yet used.
#[derive(Default)]
pub struct TagSet {
    pub tags: Vec<Tag>,
    names: HashSet<String>,
}

impl TagSet {
    pub fn add(
        &mut self,
        name: String,
        description: String,
        color: Option<Rgb>,
    ) -> Result<(), String> {
        if name.trim().is_empty() {
            return Err("the tag has no name".into());
        }
        if name.chars().any(char::is_control) {
            return Err(format!("tag {name:?}: a name cannot hold control characters"));
        }
        if !self.names.insert(name.clone()) {
            return Err(format!("tag {name:?} is defined twice"));
        }
        let color = color.unwrap_or_else(|| {
            let used: Vec<Rgb> = self.tags.iter().map(|t| t.color).collect();
            PALETTE
                .iter()
                .copied()
                .find(|c| !used.contains(c))
                .unwrap_or(PALETTE[self.tags.len() % PALETTE.len()])
        });
        let key = (self.tags.len() < 9).then(|| self.tags.len() as u8 + 1);
        self.tags.push(Tag { name, color, description, key });
        Ok(())
    }
}

/// The tags for `codes` (in their order), each error at its code's place.
pub fn tags<'a>(codes: impl IntoIterator<Item = &'a Code>) -> Result<Vec<Tag>, Failure> {
    let mut set = TagSet::default();
    for c in codes {
        set.add(c.name.clone(), c.description.clone(), c.color)
            .map_err(|m| (Some((c.at.0, Some(c.at.1))), m))?;
    }
    Ok(set.tags)
}

/// A `.qdc` codebook's tags: its codable codes (a code that is not codable
/// only names its children).
pub fn codebook_tags(text: &str) -> Result<Vec<Tag>, Failure> {
    let (codes, seen) = parse(text)?;
    if !seen {
        return Err((None, "not a REFI-QDA codebook: no <CodeBook> element".into()));
    }
    tags(codes.iter().filter(|c| c.codable))
}
