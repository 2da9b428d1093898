//! The Markdown reader (see the module docs of [`super`]).
//!
//! It undoes what [`crate::export::markdown::conversation`] writes, exactly,
//! and reads Markdown as people write it:
//!
//! - After `# Title`, the first block of `Key: value` lines is the header
//!   (`Id`, `Subtitle`, `Source`, `Date`, `Moderator`, `Respondent`,
//!   `Short: id Short name`; other keys are kept as metadata, and so is a
//!   `Date` that is not an ISO date). Further blocks of known keys only are
//!   header too.
//! - Everything else before the first `##` is the introduction (a `###` in
//!   it is a paragraph of it).
//! - A `## Name` heading starts that contributor's section; `###` and deeper
//!   headings in it are subheads (paragraphs drawn as such).
//! - Under a `##` heading where most paragraphs open with a speaker label
//!   (`**Jane Smith:** text`, or `Q: text` by the transcript rules, with two
//!   speakers of whom one speaks again, or `Q`/`A`), the paragraphs are
//!   turns: the heading is a part title, not a speaker. It becomes the
//!   subhead opening the first turn; paragraphs without a label continue
//!   the speaker before. Unlabelled paragraphs before the first label (an
//!   editor's note) go with the heading: to the introduction if nobody has
//!   spoken yet, else to the speaker before.
//! - A line `<!-- 00:01:02 -->` alone before a paragraph or subhead in a
//!   section is that paragraph's time.
//!
//! Lines of one paragraph are joined by a space, as Markdown reads them, or
//! by a line break after a hard break (a line ending in `\` or two spaces);
//! inline markup gives the text it renders, backslash escapes and character
//! references their character (see `inline`). A list's items
//! are paragraphs of their own, each with its marker, where CommonMark
//! opens them (see `blocks::Lists`).

mod blocks;
mod fast;
mod front;
mod inline;
mod onepass;
mod parallel;
mod qa;
mod scan;

pub use fast::Marks;
pub use inline::former_quote;
pub use onepass::Scan;

pub(crate) use front::{FRONT_LINES, apply as apply_front, matter as front_matter};
pub use front::{Underlines, underlined};
pub use qa::{Label, label};

use blocks::Block;

use super::{
    Contributor, ConversationFile, Header, ImportError, Role, Roster, SectionFile, empty_file,
    error, metadata,
};
use crate::export::markdown::{CONVERSATION_MARKER, unescape};
use crate::model::{Paragraph, SectionParts, Source};

/// The keys the header reads into fields; any other key is metadata.
pub const KNOWN_KEYS: [&str; 7] =
    ["Id", "Subtitle", "Source", "Date", "Moderator", "Respondent", "Short"];

/// A header line's key and value (raw), if the line is one: the key is at
/// most four words, without prose punctuation or markup.
pub fn header_line(line: &str) -> Option<(&str, &str)> {
    // A list's item is no header line (`- Date: 2024-01-02`): it renders
    // as an item.
    if blocks::item(line).is_some() {
        return None;
    }
    let (key, value) = line.split_once(": ")?;
    let key = key.trim();
    let plausible = key.split_whitespace().count() <= 4
        && !key.contains([',', '.', '?', '!', '*', '_', '`', '[', ']', '<', '>', '\\', '"'])
        && !key.contains(['“', '”']);
    plausible.then(|| (key, value.trim_end()))
}

fn known_line(line: &str) -> bool {
    header_line(line).is_some_and(|(k, _)| KNOWN_KEYS.contains(&k))
}

/// A section heading's name and, if it carries one (`## Lee <!-- lee-2
/// -->`), the contributor's id. The name is read as written (escapes
/// decoded), not as it renders: a speaker's id is made from it, and an
/// annotation file names the ids earlier builds made so.
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
        id: if id.is_empty() { super::person_id(&name) } else { id },
        name,
        affiliation: String::new(),
        role: Role::Respondent,
        ..Default::default()
    });
    file.contributors.len() - 1
}

/// One header line into `header`.
fn header(header: &mut Header, n: usize, line: &str) -> Result<(), ImportError> {
    let Some((key, value)) = header_line(line) else { return Ok(()) };
    let f = &mut header.file;
    match key {
        "Date" if !crate::model::is_valid_date(&unescape(value)) => {
            f.metadata.push(("Date".into(), unescape(value)));
        }
        "Short" => {
            let (id, short) = value.trim_start().split_once(' ').unwrap_or((value.trim(), ""));
            let Some(c) = f.contributors.iter_mut().find(|c| c.id == id) else {
                return Err(error(n, format!("`Short:` names no contributor with the id {id:?}")));
            };
            c.short = unescape(short);
        }
        _ if KNOWN_KEYS.contains(&key) => {
            metadata(header, line);
        }
        _ => f.metadata.push((unescape(key), unescape(value))),
    }
    Ok(())
}

/// A section as the file stores it.
fn section_file(s: SectionParts) -> SectionFile {
    let paragraphs = &s.paragraphs;
    let heads = (0..paragraphs.len()).filter(|&i| paragraphs[i].is_head()).collect();
    let timed = paragraphs.iter().any(|p| !p.time().is_empty());
    let times =
        if timed { paragraphs.iter().map(|p| p.time().to_owned()).collect() } else { vec![] };
    SectionFile {
        contributor: s.contributor,
        paragraphs: paragraphs.iter().map(|p| p.text().to_owned()).collect(),
        times,
        heads,
    }
}

pub(super) fn read(text_in: &str, stem: &str) -> Result<ConversationFile, ImportError> {
    let (mut file, sections) = read_shared(&Source::new(text_in.to_owned()), stem, None)?;
    file.sections = sections.into_iter().map(section_file).collect();
    Ok(file)
}

/// The lines of `text`, numbered from `from`.
fn numbered(text: &str, from: usize) -> impl Iterator<Item = (usize, &str)> {
    fast::lines(text).enumerate().map(move |(i, l)| (i + from, l))
}

/// [`read`], with the paragraphs made: each that stands in the file as it
/// reads is a range of `source`, not a copy (see [`Paragraph::shared`]).
/// The file's `sections` are left empty: the parts are its sections.
///
/// `scan`: the [`Scan`] of the whole of `source`, if made already (see
/// [`scan_from`]); else its marks are found here.
pub fn read_shared(
    source: &Source,
    stem: &str,
    scan: Option<Scan>,
) -> Result<(ConversationFile, Vec<SectionParts>), ImportError> {
    read_marked(source, stem, true, scan)
}

/// What to find, a block at a time ([`Scan::add_checked`]), in the part of
/// a Markdown file to be read by `read_shared` that starts at `offset` (a
/// line's start), to be put after that of the part before ([`Scan::then`]).
pub fn scan_from(offset: usize) -> Scan {
    Scan::starting_at(CONVERSATION_MARKER, offset)
}

type Parts = (ConversationFile, Vec<SectionParts>);

/// [`read_shared`], plain sections read by [`fast::section`] when `fast`
/// (the general reader alone is what the fast one is tested against).
#[cfg(test)]
fn read_with(source: &Source, stem: &str, fast: bool) -> Result<Parts, ImportError> {
    read_marked(source, stem, fast, None)
}

/// [`read_with`], with the scan if made already.
fn read_marked(
    source: &Source,
    stem: &str,
    fast: bool,
    scan: Option<Scan>,
) -> Result<Parts, ImportError> {
    let text_in = source.as_str();
    let (marks, bodies) = match scan {
        Some(scan) => scan.split(),
        None => (Marks::of(text_in, CONVERSATION_MARKER), None),
    };
    // A brief with its conversation appended: read from the marker on.
    let (skip, body) = match marks.found(text_in) {
        Some(at) => {
            let after = at + CONVERSATION_MARKER.len();
            (text_in[..after].lines().count(), &text_in[after..])
        }
        None => (0, text_in),
    };
    let mut head = Header { file: empty_file(stem), titled: false, named_by: None, listing: None };
    // Front matter, at the file's start: its title, date and the rest.
    let front = if skip == 0 { front::matter(body) } else { None };
    let (skip, body) = match &front {
        Some(f) => (skip + f.lines, &body[f.len..]),
        None => (skip, body),
    };
    let had_front = front.is_some();
    let front_title = front.and_then(|f| front::apply(&mut head, f.pairs));
    let mut lines = body.lines().enumerate().map(|(i, l)| (i + 1 + skip, l));
    // The title is a `# ` line's, and front matter has none.
    let titled = front_title.is_none()
        && body
            .lines()
            .find(|l| !l.trim().is_empty() && !blocks::rule_line(l))
            .is_some_and(|l| l.starts_with("# "));
    // (A rule above the title is no text.)
    let opening = |l: &str| !l.trim().is_empty() && !blocks::rule_line(l);
    let (rest, first_line) = match lines.find(|(_, l)| opening(l)) {
        Some((n, title)) if title.starts_with("# ") => {
            // Read as it renders, on one line (`<br>` a space).
            head.file.title = inline::one_line(title[2..].trim());
            if let Some(other) = front_title.filter(|t| *t != head.file.title) {
                head.file.metadata.insert(0, ("title".into(), other));
            }
            // The rest of the body, from the line after the title.
            let end = title.as_ptr() as usize - body.as_ptr() as usize + title.len();
            let after = end + body[end..].find('\n').map_or(body.len() - end, |n| n + 1);
            (&body[after..], n + 1)
        }
        // No `# Title`: the front matter's title, or the file's name.
        Some(_) => {
            head.file.title = front_title.unwrap_or_else(|| stem.to_owned());
            (body, skip + 1)
        }
        None if had_front => {
            head.file.title = front_title.unwrap_or_else(|| stem.to_owned());
            (body, skip + 1)
        }
        None => return Err(error(1, "the file is empty")),
    };
    let (mut starts, mut level_one) = marks.headings(text_in, rest);
    // A `#` line in a fenced code block is code: where one may be, the
    // headings are found line by line (a file with a `# ` line after its
    // title is refused otherwise, so this costs the others nothing).
    if level_one.is_some() {
        (starts, level_one) = blocks::headings_outside_code(rest);
    }
    if let Some(at) = level_one {
        // No sections, and the title is front matter's or the file's:
        // the `# ` headings name the speakers (as pandoc writes a Word
        // file's headings).
        let body_at = body.as_ptr() as usize - text_in.as_ptr() as usize;
        if starts.is_empty()
            && !titled
            && let Some(text) = front::demoted(text_in, body_at)
        {
            return read_marked(&Source::new(text), stem, fast, None);
        }
        return Err(error(
            fast::Lines::new(first_line).line_at(rest, at),
            "only the title is a `# ` heading; `## Name` starts a section, `###` a subhead",
        ));
    }
    let Some(&first) = starts.first() else {
        // Speakers' names underlined (`Name` / `----`): read as `## Name`.
        if let Some(text) = front::atx(text_in) {
            return read_marked(&Source::new(text), stem, fast, None);
        }
        return Err(error(
            body.lines().count() + skip,
            "no sections: each contributor's text starts with a `## Name` heading",
        ));
    };
    let blocks = blocks::blocks(numbered(&rest[..first], first_line), true);
    // The header: the first block if it is all header lines, then blocks of
    // known keys.
    let mut at = 0;
    while let Some(Block::Para { line, lines, .. }) = blocks.get(at) {
        let all = |f: fn(&str) -> bool| lines.iter().all(|l| f(l));
        if !(all(known_line) || (at == 0 && all(|l| header_line(l).is_some()))) {
            break;
        }
        for (i, l) in lines.iter().enumerate() {
            header(&mut head, line + i, l)?;
        }
        at += 1;
    }
    let mut file = head.file;
    for b in &blocks[at..] {
        file.intro.push(b.text());
    }
    // Looked for as written: an introduction that says so in its text is
    // written with a reference in it (see `export::markdown::BRIEF_MARK`).
    let says = |l: &str| l.contains(crate::export::markdown::BRIEF_MARK);
    let brief = blocks[at..].iter().any(|b| match b {
        Block::Heading { text, .. } => says(text),
        Block::Para { lines, .. } => lines.iter().any(|l| says(l)),
    });
    if skip == 0 && brief {
        return Err(error(
            blocks[at].line(),
            "this is a crosstalk brief without its conversation; export it with --with-text to include the text",
        ));
    }
    let mut roster = Roster::default();
    let mut sections = Vec::new();
    let mut counter = fast::Lines::new(first_line);
    let chunks_at = |starts: &[usize]| -> Vec<&str> {
        (0..starts.len())
            .map(|k| &rest[starts[k]..starts.get(k + 1).copied().unwrap_or(rest.len())])
            .collect()
    };
    let mut chunks = chunks_at(&starts);
    // The sections read as the file was checked (`onepass`), if they are
    // these; else read now.
    let rest_at = rest.as_ptr() as usize - text_in.as_ptr() as usize;
    let at: Vec<usize> = starts.iter().map(|s| rest_at + s).collect();
    let mut plain = match (fast, bodies.and_then(|b| b.sections_at(&at))) {
        (true, Some(bodies)) => bodies
            .into_iter()
            .zip(&chunks)
            .map(|(body, chunk)| Some((fast::head(chunk)?.0, body?.finish(source)?)))
            .collect(),
        (true, None) => parallel::sections(source, &chunks),
        (false, _) => Vec::new(),
    };
    // A section the fast reader left (only those can have code) that ends
    // in a code block: the `## ` line after it may be code. The sections
    // are then found line by line and read by the general reader.
    let refused = |k: usize| plain.get(k).is_none_or(Option::is_none);
    if (0..chunks.len()).any(|k| refused(k) && blocks::ends_in_code(chunks[k])) {
        (starts, _) = blocks::headings_outside_code(rest);
        chunks = chunks_at(&starts);
        plain = Vec::new();
    }
    let mut plain = plain.into_iter();
    for (k, &start) in starts.iter().enumerate() {
        let chunk = chunks[k];
        if let Some((name, paragraphs)) = plain.next().flatten() {
            if nameless(name) {
                return Err(nameless_error(counter.line_at(rest, start)));
            }
            let c = contributor(&mut file, &mut roster, heading(name));
            let id = file.contributors[c].id.clone();
            sections.push(SectionParts { contributor: id, paragraphs });
            continue;
        }
        let line = counter.line_at(rest, start);
        let blocks = blocks::blocks(numbered(chunk, line), true);
        let [Block::Heading { line, text: name, .. }, under @ ..] = blocks.as_slice() else {
            continue;
        };
        if qa::is_qa(under) {
            let title = heading(name).0;
            interview((&mut file, &mut sections, &mut roster), title, under);
            continue;
        }
        if nameless(name) {
            return Err(nameless_error(*line));
        }
        let paragraphs: Vec<Paragraph> = under
            .iter()
            .map(|b| match b {
                Block::Heading { time, .. } => qa::Para::own(b.text(), time.clone(), true),
                Block::Para { time, .. } => qa::Para::own(b.text(), time.clone(), false),
            })
            .map(qa::Para::made)
            .collect();
        if paragraphs.is_empty() {
            return Err(error(*line, format!("section “{}” has no paragraphs", heading(name).0)));
        }
        let c = contributor(&mut file, &mut roster, heading(name));
        let id = file.contributors[c].id.clone();
        sections.push(SectionParts { contributor: id, paragraphs: paragraphs.into() });
    }
    Ok((file, sections))
}

/// Whether section heading `name` names no one (`## ` and nothing, or
/// only spaces): it was refused later, the file's line not named. (A
/// name the conversation takes, even one only of invisible characters,
/// comes back as it went out.)
fn nameless(name: &str) -> bool {
    heading(name).0.trim().is_empty()
}

fn nameless_error(line: usize) -> ImportError {
    error(line, "a `## ` heading with no name: each section's heading is its speaker's name")
}

/// A heading's Q&A as turns (see the module docs for where the heading and
/// paragraphs before the first label go).
fn interview(
    (file, sections, roster): (&mut ConversationFile, &mut Vec<SectionParts>, &mut Roster),
    title: String,
    under: &[Block],
) {
    let title = (!title.trim().is_empty()).then(|| qa::Para::own(title, String::new(), true));
    let (before, mut turns) = qa::read(title, under);
    if before.iter().all(|p| p.head)
        && let Some(first) = turns.first_mut()
    {
        let mut opening = before;
        opening.append(&mut first.paragraphs);
        first.paragraphs = opening;
    } else {
        match sections.last_mut() {
            Some(s) => s.paragraphs.extend(before.into_iter().map(qa::Para::made)),
            None => file.intro.extend(before.into_iter().map(|p| p.text)),
        }
    }
    for t in turns.into_iter().filter(|t| !t.paragraphs.is_empty()) {
        let c = roster.name(&mut file.contributors, &t.name);
        let id = file.contributors[c].id.clone();
        let paragraphs = t.paragraphs.into_iter().map(qa::Para::made).collect();
        sections.push(SectionParts { contributor: id, paragraphs });
    }
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
    fn a_label_alone_on_its_line_opens_the_turn_below_it_read_as_it_renders() {
        let text = "# T\n\n## Interview\n\n**Q:**\nWhat about *this* &amp; that \\*now\\*?\n\n**Ann:**  \nBecause.\n\n**Q:** Why?\n";
        let file = read(text, "t").expect("imports");
        let said: Vec<&str> =
            file.sections.iter().flat_map(|s| s.paragraphs.iter().map(String::as_str)).collect();
        assert_eq!(said, ["Interview", "What about this & that *now*?", "Because.", "Why?"]);
        // Two spaces after a label's text break the line still.
        let file = read("# T\n\n## Interview\n\n**Q:** Why?  \nTell me.\n\n**A:** No.\n", "t")
            .expect("imports");
        assert_eq!(file.sections[0].paragraphs, ["Interview", "Why?\nTell me."]);
    }

    #[test]
    fn bold_labels_with_a_time_in_escaped_brackets_are_labels() {
        let text = "# T\n\n## Podcast\n\n**MARIA GARCIA \\[00:00:03\\]:** Welcome.\n\n**TOM NOVAK \\[00:00:09\\]:** Hi.\n\n**MARIA GARCIA \\[00:00:15\\]:** Right.\n";
        let file = read(text, "t").expect("imports");
        let names: Vec<&str> = file.contributors.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["MARIA GARCIA", "TOM NOVAK"]);
        let said: Vec<&str> =
            file.sections.iter().flat_map(|s| s.paragraphs.iter().map(String::as_str)).collect();
        assert_eq!(said, ["Podcast", "Welcome.", "Hi.", "Right."]);
        assert_eq!(file.sections[0].times, ["", "00:00:03"]);
    }

    #[test]
    fn the_title_reads_as_it_renders_and_speakers_names_as_written() {
        let text = "# Life in *Beijing*<br>2020\n\n## **Bo** Li\n\nHi.\n\n## Ann\\_Lee\n\nYes.\n";
        let file = read(text, "t").expect("imports");
        assert_eq!(file.title, "Life in Beijing 2020");
        // (A speaker's id is made from the name: kept as earlier builds
        // read it, so that their annotation files still open.)
        let names: Vec<&str> = file.contributors.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["**Bo** Li", "Ann_Lee"]);
    }

    #[test]
    fn list_items_are_paragraphs_as_they_render() {
        // Items wrapped over lines, lazily or indented, each a paragraph.
        let list = "Three points:\n- First, the ban\n  is broad.\n- Second\ncontinues.\n* Third.\n";
        assert_eq!(
            paragraphs(list),
            ["Three points:", "- First, the ban is broad.", "- Second continues.", "* Third."]
        );
        // Ordered items; only a 1 opens a list in the middle of a paragraph.
        assert_eq!(
            paragraphs("1. One\n   wraps.\n2) Two.\n10. Ten.\n"),
            ["1. One wraps.", "2) Two.", "10. Ten."]
        );
        assert_eq!(paragraphs("In\n2020. It was\n1. one\n"), ["In 2020. It was", "1. one"]);
        // A nested item is an item; text indented under one continues it.
        assert_eq!(paragraphs("- a\n  - b\n    more\n"), ["- a", "- b more"]);
        // Not items: no space after the marker, an escaped marker; a rule
        // ends the paragraph, and an empty bullet after it is one.
        assert_eq!(paragraphs("*Why?*\n-5 degrees\n1.5 m\n\\- x\n"), ["Why? -5 degrees 1.5 m - x"]);
        assert_eq!(paragraphs("*Why?*\n* * *\n-\n\\- x\n"), ["Why?", "-", "- x"]);
        // An empty item holds nothing a line left of its text goes on
        // with; a tab after a marker counts to the next tab stop.
        assert_eq!(paragraphs("-\nfoo\n"), ["-", "foo"]);
        assert_eq!(paragraphs("-\n  bar\n"), ["- bar"]);
        assert_eq!(paragraphs("-\tx\n  2. y\n"), ["-\tx", "2. y"]);
        // A list of `Key: value` items is the introduction's, not header.
        let file =
            read("# T\n\n- Date: 2024-01-02\n- Place: Room 2\n\n## Ann\n\nx\n", "t").unwrap();
        assert_eq!((file.metadata.len(), file.intro.len()), (0, 2), "{file:?}");
        // In a Q&A section too: the items go on the speaker's turn.
        let text = "# T\n\n## Interview\n\n**Q:** Which?\n- this\n- that\n\n**A:** Both.\n";
        let file = read(text, "t").expect("imports");
        let turns: Vec<(&str, Vec<&str>)> = file
            .sections
            .iter()
            .map(|s| (s.contributor.as_str(), s.paragraphs.iter().map(String::as_str).collect()))
            .collect();
        assert_eq!(turns[0].1[1..], ["Which?", "- this", "- that"]);
        assert_eq!(turns[1].1, ["Both."]);
    }

    #[test]
    fn rules_underlines_quotes_and_code_read_as_they_render() {
        // Rules of every kind are no text, and end a paragraph.
        assert_eq!(
            paragraphs("One.\n***\nTwo.\n\n* * *\n\n___\n\n- - -\n\n-----\n\nThree.\n"),
            ["One.", "Two.", "Three."]
        );
        // An underlined line is a heading: a subhead, drawn as one. Under a
        // line more than twice as wide, `---` is the rule its writer meant
        // (CommonMark would make the line a heading).
        let file = read(
            "# T\n\n## Ann\n\nPart one\n========\n\nText.\n\nPart two\n----\n\nThanks.\n---\n",
            "t",
        )
        .expect("imports");
        assert_eq!(file.sections[0].paragraphs, ["Part one", "Text.", "Part two", "Thanks."]);
        assert_eq!(file.sections[0].heads, [0, 2]);
        // Under two lines it stays their paragraph, without the underline.
        assert_eq!(paragraphs("One\ntwo\n---\nthree\n"), ["One two", "three"]);
        // A quote keeps one `>`; its lines join, lazily too; an empty `>`
        // line parts its paragraphs; a deeper quote is a paragraph.
        assert_eq!(
            paragraphs("> The bill says\nit bans.\n>\n> > Section 2.\n> More.\n\nAfter.\n"),
            ["> The bill says it bans.", "> Section 2. More.", "After."]
        );
        // Code is its lines as written, markup and all.
        assert_eq!(
            paragraphs("Run:\n```sh\n  ls *.md\n\n# not a heading\n```\nDone.\n"),
            ["Run:", "  ls *.md\n\n# not a heading", "Done."]
        );
        // A fence no line closes is text (else a stray one would make the
        // rest of the section code).
        assert_eq!(paragraphs("~~~\nnever closed \\*\n"), ["~~~ never closed *"]);
        // A time comment ends a paragraph or an item, and times the next.
        let file = read(
            "# T\n\n## Ann\n\n- one\n<!-- 00:02:00 -->\n- two\n\nA line\n<!-- 00:03:00 -->\nnext\n",
            "t",
        )
        .expect("imports");
        assert_eq!(file.sections[0].paragraphs, ["- one", "- two", "A line", "next"]);
        assert_eq!(file.sections[0].times, ["", "00:02:00", "", "00:03:00"]);
        // Nor is a `#` line in code a heading; but no code runs past a
        // section's `## ` (a stray fence would hide every turn after it).
        let text = "# T\n\n## Ann\n\n```\n### not a subhead\n# nor a title\n```\n\nAfter.\n\n## Bo\n\nHi.\n";
        let file = read(text, "t").expect("imports");
        let said: Vec<&[String]> = file.sections.iter().map(|s| &s.paragraphs[..]).collect();
        assert_eq!(said, [&["### not a subhead\n# nor a title", "After."][..], &["Hi."]]);
    }

    #[test]
    fn a_heading_may_name_its_contributor_by_id() {
        let text = "# T\n\nRespondent: lee (Lee)\nRespondent: lee-2 (Lee)\n\n## Lee <!-- lee-2 -->\n\nSecond.\n\n## Lee\n\nFirst.\n";
        let file = read(text, "t").expect("imports");
        let who: Vec<&str> = file.sections.iter().map(|s| s.contributor.as_str()).collect();
        assert_eq!(who, ["lee-2", "lee"]);
    }

    #[test]
    fn labels_bold_and_plain() {
        let l = label("**Jane Smith:** Yes.").expect("bold");
        assert_eq!((l.name.as_str(), l.text, l.bold), ("Jane Smith", "Yes.", true));
        let l = label("**Q**: Why?").expect("bold, colon after");
        assert_eq!((l.name.as_str(), l.text), ("Q", "Why?"));
        let l = label("[00:01:02] Q: Why?").expect("plain");
        assert_eq!((l.name.as_str(), l.time.as_str(), l.colon), ("Q", "00:01:02", 12));
        assert_eq!(label("Q\\: escaped"), None);
        assert_eq!(label("\\*\\*Q:\\*\\* escaped"), None);
        assert_eq!(label("In this essay, a colon: here"), None);
    }
}
