//! The Markdown reader (see the module docs of [`super`]).
//!
//! It undoes what [`crate::export::markdown::conversation`] writes, exactly:
//! backslash escapes and character references are decoded, a line ending in
//! an odd number of backslashes (or two spaces) is a hard break, kept as a
//! line break in the paragraph, and other lines of a paragraph are joined by
//! a space, as Markdown reads them.

use super::{
    Contributor, ConversationFile, Header, ImportError, Role, Roster, SectionFile, empty_file,
    error, metadata, slug,
};
use crate::export::markdown::{CONVERSATION_MARKER, unescape};

/// A section heading's name and, if it carries one (`## Lee <!-- lee-2 -->`),
/// the contributor's id.
fn heading(text: &str) -> (String, Option<String>) {
    let text = text.trim();
    if let Some(rest) = text.strip_suffix("-->")
        && let Some((name, id)) = rest.rsplit_once("<!--")
        && !id.trim().is_empty()
        && !id.trim().contains(char::is_whitespace)
    {
        return (unescape(name.trim()), Some(id.trim().to_owned()));
    }
    (unescape(text), None)
}

/// The contributor for a section heading: by id if it names one, else by name.
fn contributor(
    file: &mut ConversationFile,
    roster: &mut Roster,
    (name, id): (String, Option<String>),
) -> usize {
    let Some(id) = id else { return roster.name(&mut file.contributors, &name) };
    if let Some(i) = roster.id(&file.contributors, &id) {
        return i;
    }
    file.contributors.push(Contributor {
        id: if id.is_empty() { slug(&name) } else { id },
        name,
        affiliation: String::new(),
        role: Role::Respondent,
        ..Default::default()
    });
    file.contributors.len() - 1
}

/// A paragraph being read, line by line.
#[derive(Default)]
struct Paragraph {
    raw: String,
    /// How the last line ended: `None` if there is none yet.
    pending: Option<Break>,
}

#[derive(Clone, Copy)]
enum Break {
    Soft,
    Backslash,
    Spaces,
}

impl Paragraph {
    fn push(&mut self, line: &str) {
        match self.pending {
            Some(Break::Soft) => self.raw.push(' '),
            Some(Break::Backslash | Break::Spaces) => self.raw.push('\n'),
            None => {}
        }
        let body = line.trim();
        let backslashes = body.len() - body.trim_end_matches('\\').len();
        self.pending = Some(if backslashes % 2 == 1 {
            self.raw.push_str(&body[..body.len() - 1]);
            Break::Backslash
        } else {
            self.raw.push_str(body);
            if line.ends_with("  ") { Break::Spaces } else { Break::Soft }
        });
    }

    /// The paragraph read so far, if any, decoded; a backslash that ended its
    /// last line was no break but a backslash, as Markdown has it.
    fn take(&mut self) -> Option<String> {
        let pending = self.pending.take()?;
        if matches!(pending, Break::Backslash) {
            self.raw.push('\\');
        }
        Some(unescape(&std::mem::take(&mut self.raw)))
    }
}

pub(super) fn read(text: &str, stem: &str) -> Result<ConversationFile, ImportError> {
    // A brief with its conversation appended: read from the marker on.
    let (skip, body) = match text.find(CONVERSATION_MARKER) {
        Some(at) => {
            let after = at + CONVERSATION_MARKER.len();
            (text[..after].lines().count(), &text[after..])
        }
        None => (0, text),
    };
    let mut header = Header { file: empty_file(stem) };
    let mut lines = body.lines().enumerate().map(|(i, l)| (i + 1 + skip, l)).peekable();
    // The title.
    while lines.peek().is_some_and(|(_, l)| l.trim().is_empty()) {
        lines.next();
    }
    match lines.next() {
        Some((_, l)) if l.starts_with("# ") => header.file.title = unescape(l[2..].trim()),
        Some((n, _)) => return Err(error(n, "expected the title as a `# Title` line")),
        None => return Err(error(1, "the file is empty")),
    }
    // Metadata, up to the first section heading.
    let mut current: Option<(usize, (String, Option<String>))> = None;
    for (n, line) in lines.by_ref() {
        if line.trim().is_empty() {
            continue;
        }
        if let Some(name) = line.strip_prefix("## ") {
            current = Some((n, heading(name)));
            break;
        }
        if metadata(&mut header, line) {
            continue;
        }
        if text.contains("exported by crosstalk") {
            return Err(error(
                n,
                "this is a crosstalk brief without its conversation; export it with --with-text to include the text",
            ));
        }
        return Err(error(
            n,
            "expected a metadata line (Id, Subtitle, Source, Date, Moderator or Respondent: value) or a `## Name` heading",
        ));
    }
    let Some(mut current) = current else {
        return Err(error(
            body.lines().count() + skip,
            "no sections: each contributor's text starts with a `## Name` heading",
        ));
    };
    let mut file = header.file;
    let mut paragraphs: Vec<String> = Vec::new();
    let mut paragraph = Paragraph::default();
    let mut roster = Roster::default();
    let mut close = |file: &mut ConversationFile,
                     (line, name): (usize, (String, Option<String>)),
                     paragraphs: Vec<String>|
     -> Result<(), ImportError> {
        if paragraphs.is_empty() {
            return Err(error(line, format!("section “{}” has no paragraphs", name.0)));
        }
        let c = contributor(file, &mut roster, name);
        file.sections.push(SectionFile {
            contributor: file.contributors[c].id.clone(),
            paragraphs,
            ..Default::default()
        });
        Ok(())
    };
    for (n, line) in lines {
        if let Some(name) = line.strip_prefix("## ") {
            paragraphs.extend(paragraph.take());
            let previous = std::mem::replace(&mut current, (n, heading(name)));
            close(&mut file, previous, std::mem::take(&mut paragraphs))?;
            continue;
        }
        if line.starts_with('#') && line.trim_start_matches('#').starts_with(' ') {
            return Err(error(n, "only `## Name` headings may start a section here"));
        }
        if line.trim().is_empty() {
            paragraphs.extend(paragraph.take());
            continue;
        }
        if line.trim() == "---" {
            continue;
        }
        paragraph.push(line);
    }
    paragraphs.extend(paragraph.take());
    close(&mut file, current, paragraphs)?;
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraphs(body: &str) -> Vec<String> {
        let file = read(&format!("# T\n\n## Ada\n\n{body}"), "t").expect("imports");
        file.sections.into_iter().flat_map(|s| s.paragraphs).collect()
    }

    #[test]
    fn hand_written_breaks_read_as_markdown_renders_them() {
        // Soft wraps join with a space; hard breaks (`\` or two spaces) are line breaks.
        assert_eq!(paragraphs("one\ntwo\\\nthree  \nfour\n"), ["one two\nthree\nfour"]);
        // A backslash ending a paragraph breaks nothing: it is a backslash.
        assert_eq!(paragraphs("C:\\\n\nnext\\\\\n"), ["C:\\", "next\\"]);
        // Character references and escapes are decoded.
        assert_eq!(paragraphs("&#32;x&#x41;\\*&#;\n"), [" xA*&#;"]);
    }

    #[test]
    fn a_heading_may_name_its_contributor_by_id() {
        let text = "# T\n\nRespondent: lee (Lee)\nRespondent: lee-2 (Lee)\n\n## Lee <!-- lee-2 -->\n\nSecond.\n\n## Lee\n\nFirst.\n";
        let file = read(text, "t").expect("imports");
        let who: Vec<&str> = file.sections.iter().map(|s| s.contributor.as_str()).collect();
        assert_eq!(who, ["lee-2", "lee"]);
    }
}
