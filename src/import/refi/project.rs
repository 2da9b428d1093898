//! Reading `project.qde`: users, sources with their selections and codings,
//! notes. Pure: the XML text in, a [`Project`] out, or an error at the
//! line:column of what is wrong. Codes are read by [`super::codes`].

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::Located;
use super::codes::{self, Code, line_col};

/// A coded passage of a text source (or the passage a note is about).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    pub guid: String,
    /// Code points, end exclusive.
    pub start: u64,
    pub end: u64,
    pub creating_user: String,
    pub created: String,
    pub modified: String,
    pub description: String,
    /// The GUIDs of the codes of its codings, in order.
    pub codes: Vec<String>,
    pub note_refs: Vec<String>,
    pub at: (usize, usize),
}

/// A `<TextSource>`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Source {
    pub guid: String,
    pub name: String,
    pub plain_text_path: String,
    /// `<PlainTextContent>`, if the text is in the XML.
    pub content: Option<String>,
    pub description: String,
    pub selections: Vec<Selection>,
    pub note_refs: Vec<String>,
    pub at: (usize, usize),
}

/// A `<Note>`: its text, and the passages it is about (QualCoder writes its
/// annotations so, referred to by a `<NoteRef>` in the source).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Note {
    pub name: String,
    pub text: String,
    /// Its `<Description>` (crosstalk marks its link relations there).
    pub description: String,
    pub creating_user: String,
    pub created: String,
    pub modified: String,
    pub selections: Vec<Selection>,
}

/// A `<Link>` between two things of the project (crosstalk's: between two
/// selections).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Link {
    pub guid: String,
    pub name: String,
    /// `OneWay`, `Bidirectional`, `Associative`, or empty.
    pub direction: String,
    pub color: String,
    pub origin: String,
    pub target: String,
    pub note_refs: Vec<String>,
    pub at: (usize, usize),
}

/// What `project.qde` holds that crosstalk imports.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Project {
    pub name: String,
    pub origin: String,
    pub creating_user: String,
    pub created: String,
    /// User GUID → name.
    pub users: HashMap<String, String>,
    pub codes: Vec<Code>,
    pub sources: Vec<Source>,
    /// Note GUID → note.
    pub notes: HashMap<String, Note>,
    /// The notes the project itself refers to (`<NoteRef>` in `<Project>`), in order.
    pub note_refs: Vec<String>,
    /// The `<Link>`s, in order.
    pub links: Vec<Link>,
    /// Names of the sources that are not text (PDF, pictures, audio, video).
    pub skipped: Vec<String>,
    /// The project's own `<Description>` (crosstalk keeps the conversation's
    /// id, header, turns and introduction there: `export::qdpx_about`).
    pub description: String,
}

/// What a piece of text being read belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Into_ {
    SourceText,
    SourceDescription,
    SelectionDescription,
    NoteText,
    NoteDescription,
    ProjectDescription,
}

/// Reads `project.qde`.
pub fn parse(text: &str) -> Result<Project, Located> {
    let (codes, _) = codes::parse(text).map_err(|(at, message)| Located {
        at: at.map(|(l, c)| (l, c.unwrap_or(1))),
        message,
        ..Default::default()
    })?;
    let mut p = Project { codes, ..Default::default() };
    let mut reader = Reader::from_str(text);
    let mut stack: Vec<Vec<u8>> = Vec::new();
    let mut seen_project = false;
    // Inside a non-text source: its selections are not ours.
    let mut other = 0usize;
    let mut note: Option<(String, Note)> = None;
    let mut selection: Option<Selection> = None;
    let mut source: Option<Source> = None;
    let mut link: Option<Link> = None;
    let mut capture: Option<(Into_, String)> = None;
    loop {
        let pos = reader.buffer_position() as usize;
        let here = line_col(text, pos);
        let fail = |m: String, at: (usize, usize)| Located {
            at: Some(at),
            message: m,
            ..Default::default()
        };
        let event = reader.read_event().map_err(|e| {
            fail(format!("not valid XML: {e}"), line_col(text, reader.error_position() as usize))
        })?;
        let (empty, e) = match &event {
            Event::Start(e) => (false, Some(e)),
            Event::Empty(e) => (true, Some(e)),
            _ => (false, None),
        };
        if let Some(e) = e {
            let name = e.local_name().as_ref().to_vec();
            let parent = stack.last().map(Vec::as_slice);
            let attrs = attributes(e).map_err(|m| fail(m, here))?;
            let get = |k: &str| attrs.get(k).cloned().unwrap_or_default();
            match name.as_slice() {
                b"Project" => {
                    seen_project = true;
                    p.name = get("name");
                    p.origin = get("origin");
                    p.creating_user = get("creatingUserGUID");
                    p.created = get("creationDateTime");
                }
                b"User" => {
                    p.users.insert(get("guid"), get("name"));
                }
                b"TextSource" if other == 0 => {
                    source = Some(Source {
                        guid: get("guid"),
                        name: get("name"),
                        plain_text_path: get("plainTextPath"),
                        at: here,
                        ..Default::default()
                    });
                }
                b"PDFSource" | b"PictureSource" | b"AudioSource" | b"VideoSource" => {
                    p.skipped.push(get("name"));
                    if !empty {
                        other += 1;
                    }
                }
                b"Note" if other == 0 => {
                    let n = Note {
                        name: get("name"),
                        creating_user: get("creatingUser"),
                        created: get("creationDateTime"),
                        modified: get("modifiedDateTime"),
                        ..Default::default()
                    };
                    note = Some((get("guid"), n));
                }
                b"Link" if other == 0 && parent == Some(b"Links") => {
                    let l = Link {
                        guid: get("guid"),
                        name: get("name"),
                        direction: get("direction"),
                        color: get("color"),
                        origin: get("originGUID"),
                        target: get("targetGUID"),
                        at: here,
                        ..Default::default()
                    };
                    if empty {
                        p.links.push(l);
                    } else {
                        link = Some(l);
                    }
                }
                b"PlainTextSelection" if other == 0 && (source.is_some() || note.is_some()) => {
                    let number = |k: &str| -> Result<u64, Located> {
                        let v = get(k);
                        v.trim().parse().map_err(|_| {
                            fail(
                                format!(
                                    "PlainTextSelection {:?}: {k} {v:?} is not a number",
                                    get("guid")
                                ),
                                here,
                            )
                        })
                    };
                    selection = Some(Selection {
                        guid: get("guid"),
                        start: number("startPosition")?,
                        end: number("endPosition")?,
                        creating_user: get("creatingUser"),
                        created: get("creationDateTime"),
                        modified: get("modifiedDateTime"),
                        at: here,
                        ..Default::default()
                    });
                }
                b"CodeRef" => {
                    if let Some(s) = selection.as_mut() {
                        s.codes.push(get("targetGUID"));
                    }
                }
                b"NoteRef" => match (parent, selection.as_mut(), source.as_mut()) {
                    (Some(b"PlainTextSelection"), Some(s), _) => {
                        s.note_refs.push(get("targetGUID"))
                    }
                    (Some(b"TextSource"), None, Some(s)) => s.note_refs.push(get("targetGUID")),
                    (Some(b"Link"), _, _) => {
                        if let Some(l) = link.as_mut() {
                            l.note_refs.push(get("targetGUID"));
                        }
                    }
                    (Some(b"Project"), _, _) => p.note_refs.push(get("targetGUID")),
                    _ => {}
                },
                b"PlainTextContent" if !empty => {
                    if note.is_some() && parent == Some(b"Note") {
                        capture = Some((Into_::NoteText, String::new()));
                    } else if source.is_some() && parent == Some(b"TextSource") {
                        capture = Some((Into_::SourceText, String::new()));
                    }
                }
                b"Description" if !empty => match parent {
                    Some(b"PlainTextSelection") if selection.is_some() => {
                        capture = Some((Into_::SelectionDescription, String::new()));
                    }
                    Some(b"TextSource") if source.is_some() => {
                        capture = Some((Into_::SourceDescription, String::new()));
                    }
                    Some(b"Note") if note.is_some() => {
                        capture = Some((Into_::NoteDescription, String::new()));
                    }
                    Some(b"Project") => {
                        capture = Some((Into_::ProjectDescription, String::new()));
                    }
                    _ => {}
                },
                _ => {}
            }
            if empty {
                close(&name, &mut p, &mut source, &mut selection, &mut note, &mut capture);
            } else {
                stack.push(name);
            }
            continue;
        }
        match event {
            Event::End(e) => {
                let name = e.local_name().as_ref().to_vec();
                stack.pop();
                if matches!(
                    name.as_slice(),
                    b"PDFSource" | b"PictureSource" | b"AudioSource" | b"VideoSource"
                ) {
                    other = other.saturating_sub(1);
                }
                if name.as_slice() == b"Link" {
                    p.links.extend(link.take());
                }
                close(&name, &mut p, &mut source, &mut selection, &mut note, &mut capture);
            }
            Event::Text(t) => {
                if let Some((_, s)) = capture.as_mut() {
                    s.push_str(
                        &t.xml10_content()
                            .map_err(|e| fail(format!("not valid XML: {e}"), here))?,
                    );
                }
            }
            Event::CData(t) => {
                if let Some((_, s)) = capture.as_mut() {
                    s.push_str(&String::from_utf8_lossy(&t));
                }
            }
            Event::GeneralRef(r) => {
                if let Some((_, s)) = capture.as_mut() {
                    let c = codes::reference(&r)
                        .ok_or_else(|| fail("unknown character reference".into(), here))?;
                    s.push_str(&c);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(open) = stack.last() {
        let name = String::from_utf8_lossy(open);
        return Err(Located {
            at: Some(line_col(text, text.len())),
            message: format!("not valid XML: the file ends inside <{name}>"),
            ..Default::default()
        });
    }
    if !seen_project {
        return Err(Located {
            message: "not a REFI-QDA project: no <Project> element".into(),
            ..Default::default()
        });
    }
    Ok(p)
}

/// What ends with element `name`.
fn close(
    name: &[u8],
    p: &mut Project,
    source: &mut Option<Source>,
    selection: &mut Option<Selection>,
    note: &mut Option<(String, Note)>,
    capture: &mut Option<(Into_, String)>,
) {
    match name {
        b"PlainTextContent" | b"Description" => {
            let Some((into, text)) = capture.take() else { return };
            match into {
                Into_::SourceText => {
                    if let Some(s) = source.as_mut() {
                        s.content = Some(text);
                    }
                }
                Into_::SourceDescription => {
                    if let Some(s) = source.as_mut() {
                        s.description = text;
                    }
                }
                Into_::SelectionDescription => {
                    if let Some(s) = selection.as_mut() {
                        s.description = text;
                    }
                }
                Into_::NoteText => {
                    if let Some((_, n)) = note.as_mut() {
                        n.text = text;
                    }
                }
                Into_::NoteDescription => {
                    if let Some((_, n)) = note.as_mut() {
                        n.description = text;
                    }
                }
                Into_::ProjectDescription => p.description = text,
            }
        }
        b"PlainTextSelection" => {
            let Some(s) = selection.take() else { return };
            if let Some((_, n)) = note.as_mut() {
                n.selections.push(s);
            } else if let Some(src) = source.as_mut() {
                src.selections.push(s);
            }
        }
        b"TextSource" => p.sources.extend(source.take()),
        b"Note" => {
            if let Some((guid, n)) = note.take() {
                p.notes.insert(guid, n);
            }
        }
        _ => {}
    }
}

/// An element's attributes by local name, values unescaped.
fn attributes(e: &BytesStart) -> Result<HashMap<String, String>, String> {
    let mut out = HashMap::new();
    for attr in e.attributes() {
        let attr = attr.map_err(|e| format!("not valid XML: {e}"))?;
        let value = attr
            .normalized_value(quick_xml::XmlVersion::default())
            .map_err(|e| format!("not valid XML: {e}"))?;
        let key = String::from_utf8_lossy(attr.key.local_name().as_ref()).into_owned();
        out.insert(key, value.into_owned());
    }
    Ok(out)
}
