//! Importing conversations from Markdown and from transcripts. Pure: text
//! in, a [`ConversationFile`] out, or an error naming the line.
//!
//! **Markdown**: `# Title`; then optional header lines `Key: value` (`Id`,
//! `Subtitle`, `Source`, `Date`, `Moderator` / `Respondent` with
//! `id (Name; Affiliation)` or just a name, `Short: id Short name`, and any
//! other key as metadata); free paragraphs before the first `##` are the
//! introduction; a `## Name` heading starts each section (`## Name <!-- id
//! -->` names the contributor by id when two share a name), its paragraphs
//! separated by blank lines, `###` headings in it subheads, and a line
//! `<!-- 00:01:02 -->` before a paragraph its time. Under a heading whose
//! paragraphs mostly open with a speaker label (`**Jane Smith:** text`,
//! `Q: text`), the paragraphs are turns (see `src/import/markdown.rs`). Lines of one
//! paragraph are joined by a space, or by a line break after a hard break (a
//! line ending in `\` or two spaces); backslash escapes and numeric
//! character references (`&#32;`) are decoded, so a conversation exported
//! with [`crate::export::markdown::conversation`] comes back byte for byte.
//! A crosstalk brief exported with its conversation is read from the
//! conversation part. Rules, block quotes, fenced code and underlined
//! (setext) headings read as they render (`markdown::blocks`); YAML front
//! matter, a missing `# Title` and speakers underlined rather than opened
//! with `##` (or, after front matter, opened with `#`) are read as other
//! tools write them (`markdown::front`, which transcripts' front matter
//! goes through too).
//!
//! **Transcript**: `NAME: text` turns; consecutive turns by one speaker form
//! one section; speakers become contributors (the moderator if a
//! `Moderator:` line names them). Honorifics, `(continuing)`, timestamps,
//! wrapped lines, stage directions and a header block are understood: see
//! `transcript::read`.
//!
//! **Subtitles**: WebVTT and SRT cues, the speaker from `<v Name>` tags or
//! `Name: text` labels: see `subtitles`.
//!
//! **Word, OpenDocument and RTF documents** (`.docx`, `.odt`, `.rtf`): their text laid out as plain text (a
//! paragraph a line, a blank line after it; a table's row a line, its
//! cells parted by tabs), then read as a transcript, chat or Markdown file
//! would be: see `document`.
//!
//! **Chats**: WhatsApp's and Telegram's exported chats and Zoom's saved
//! meeting chats, a
//! message a paragraph, a subhead for each day where there are dates: see
//! `chat`.
//!
//! Speakers can be named afterwards with [`names::apply`]; labels that may
//! be one of several people come back as [`Note`]s.

mod chat;
mod cues;
pub mod document;
mod former;
mod markdown;
pub mod names;
pub mod refi;
mod sniff;
mod speakers;
pub mod stream;
mod subtitles;
mod summary;
mod transcript;

pub use former::{earlier_builds, former_conversation_ids};
pub use markdown::{
    KNOWN_KEYS, Label, former_quote as markdown_former_quote, header_line, label as speaker_label,
};
pub use names::Naming;
pub use sniff::{
    DecodeError, Format, SUPPORTED, ZIP_TAIL, column_at, conversation_like, decode, sniff,
    sniff_str, sniff_text, zipped,
};
pub use summary::{Summary, Voice};
pub(crate) use transcript::{names_the_interview, same_line};

use std::collections::HashMap;

use crate::export::markdown::unescape;
use crate::model::{Contributor, ConversationFile, Role, SectionFile};

/// Which reader to use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Markdown,
    Transcript,
    WebVtt,
    Srt,
    /// A chat app's export (WhatsApp).
    Chat,
}

/// Something an import could do but the reader should know: a label kept
/// apart from people it may be, a line that is no one's speech dropped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// The label it is about, as written; empty for a dropped line.
    pub label: String,
    /// What to say (sanitised).
    pub message: String,
}

impl std::fmt::Display for Note {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Why a text could not be imported: the line (1-based) and what was wrong.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct ImportError {
    pub line: usize,
    pub message: String,
}

fn error(line: usize, message: impl Into<String>) -> ImportError {
    ImportError { line, message: message.into() }
}

/// Guesses the kind: subtitles or a chat export if they look like them,
/// Markdown if it has a `## ` heading, else a transcript.
pub fn detect(text: &str) -> Kind {
    match sniff_text(text) {
        Format::WebVtt => Kind::WebVtt,
        Format::Srt => Kind::Srt,
        Format::Chat => Kind::Chat,
        _ if text.lines().any(|l| l.starts_with("## ")) || markdown_by_names(text) => {
            Kind::Markdown
        }
        _ => Kind::Transcript,
    }
}

/// Whether `text`, with no `## ` line, is Markdown by its speakers' names
/// underlined (see [`markdown::underlined`]): read as a transcript, it has
/// no turn, or only the underlined names' (taken for names above their
/// text); a transcript's parts may be titled so, over other speakers.
pub(crate) fn markdown_by_names(text: &str) -> bool {
    let Some(seen) = markdown::underlined(text) else { return false };
    let transcript = match transcript::read(text, "") {
        Ok((file, _)) => seen.named_all(file.contributors.iter().map(|c| c.name.as_str())),
        Err(e) => transcript::no_turns_error(&e),
    };
    // And only if it reads as Markdown: a moderator its header names but
    // who never speaks has no section, which Markdown refuses.
    transcript && markdown::read(text, "").is_ok_and(|f| crate::model::Conversation::new(f).is_ok())
}

/// An id from a name: lowercase ASCII letters and digits, words joined by
/// `-`, Latin letters without their accents (`Jörg Müller`: `jorg-muller`)
/// and other scripts' letters spelt in Latin (`王芳`: `wang-fang`);
/// `untitled` if nothing is left (a conversation's id from its file name).
pub fn slug(name: &str) -> String {
    slug_as(name, Letters::Today)
}

/// [`slug`], as `how` made it.
fn slug_as(name: &str, how: Letters) -> String {
    let out = letters_as(name, how);
    if out.is_empty() { "untitled".into() } else { out }
}

/// A contributor's id from their name, as [`slug`]; `speaker` if nothing
/// but honorifics is left (`Dr. 🌸`), so ids are never just `dr`. A name
/// that is only an honorific (`Judge`, `司会`) keeps it.
pub fn person_id(name: &str) -> String {
    person_id_as(name, Letters::Today)
}

/// [`person_id`], as `how` made it (before the folding, as [`slug`]).
fn person_id_as(name: &str, how: Letters) -> String {
    if how == Letters::Ascii {
        return slug_as(name, how);
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    let rest = words.iter().position(|w| crate::model::names::honorific(w).is_none());
    let named = match rest {
        Some(at) => !letters_as(&words[at..].join(" "), how).is_empty(),
        None => !words.is_empty(),
    };
    let out = letters_as(name, how);
    if out.is_empty() || !named { "speaker".into() } else { out }
}

/// How ids were made from names: what each build of crosstalk kept of a
/// letter that is not ASCII (see [`earlier_builds`]).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Letters {
    /// Nothing: every other letter a `-` (until 2 December 2026).
    Ascii,
    /// Latin-1 and Latin Extended-A without their marks (until 5 December).
    Folded,
    /// Any Latin letter without its marks; other scripts dropped (until 6
    /// December).
    Latin,
    /// Any Latin letter without its marks, and letters of other scripts
    /// spelt in Latin (`Иван`: `ivan`, `王芳`: `wang-fang`).
    Today,
}

/// The letters of an id from `name`, as `how` made them.
fn letters_as(name: &str, how: Letters) -> String {
    let mut out = String::new();
    for c in name.chars() {
        let folded = if how == Letters::Ascii { "" } else { fold(c) };
        if !folded.is_empty() {
            out.push_str(folded);
        } else if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if let Some(base) = latin_base(c).filter(|_| how >= Letters::Latin) {
            out.push(base);
        } else if how == Letters::Today && unicode_normalization::char::is_combining_mark(c) {
            // A mark belongs to the letter before it: its sound if it has
            // one (a Devanagari vowel sign), and no break in the word (a
            // virama, an accent written apart).
            let spelt = deunicode::deunicode_char(c).unwrap_or("");
            out.extend(
                spelt
                    .bytes()
                    .filter(u8::is_ascii_alphanumeric)
                    .map(|b| char::from(b.to_ascii_lowercase())),
            );
        } else if how == Letters::Today
            && c.is_alphabetic()
            && let Some(spelt) = deunicode::deunicode_char(c)
            && spelt.bytes().any(|b| b.is_ascii_alphanumeric())
        {
            // A word of its own for each CJK character (`Wang `), run on
            // for letters of an alphabet (`Zh`).
            for b in spelt.bytes() {
                if b.is_ascii_alphanumeric() {
                    out.push(char::from(b.to_ascii_lowercase()));
                } else if !out.is_empty() && !out.ends_with('-') {
                    out.push('-');
                }
            }
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// A Latin letter with diacritics past those [`fold`] knows, as its ASCII
/// letter, lowercase: what canonical decomposition leaves first, if only
/// marks follow it (Vietnamese `ễ`, `ơ`, `ư`; Romanian `ș`, `ț`; `ǎ`).
fn latin_base(c: char) -> Option<char> {
    use unicode_normalization::UnicodeNormalization;
    let mut parts = std::iter::once(c).nfd();
    let base = parts.next().filter(char::is_ascii_alphabetic)?;
    parts.all(unicode_normalization::char::is_combining_mark).then(|| base.to_ascii_lowercase())
}

/// A Latin letter with a diacritic (Latin-1 and Latin Extended-A) as plain
/// lowercase ASCII (`ö`: `o`, `ß`: `ss`, `ł`: `l`, `æ`: `ae`); `""` for
/// anything else.
fn fold(c: char) -> &'static str {
    match c {
        'À'..='Å' | 'à'..='å' | '\u{100}'..='\u{105}' => "a",
        'Æ' | 'æ' => "ae",
        'Ç' | 'ç' | '\u{106}'..='\u{10d}' => "c",
        'Ð' | 'ð' | '\u{10e}'..='\u{111}' => "d",
        'È'..='Ë' | 'è'..='ë' | '\u{112}'..='\u{11b}' => "e",
        '\u{11c}'..='\u{123}' => "g",
        '\u{124}'..='\u{127}' => "h",
        'Ì'..='Ï' | 'ì'..='ï' | '\u{128}'..='\u{131}' => "i",
        '\u{132}' | '\u{133}' => "ij",
        '\u{134}' | '\u{135}' => "j",
        '\u{136}'..='\u{138}' => "k",
        '\u{139}'..='\u{142}' => "l",
        'Ñ' | 'ñ' | '\u{143}'..='\u{14b}' => "n",
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | '\u{14c}'..='\u{151}' => "o",
        '\u{152}' | '\u{153}' => "oe",
        '\u{154}'..='\u{159}' => "r",
        'ß' => "ss",
        '\u{15a}'..='\u{161}' | '\u{17f}' => "s",
        '\u{162}'..='\u{167}' => "t",
        'Þ' | 'þ' => "th",
        'Ù'..='Ü' | 'ù'..='ü' | '\u{168}'..='\u{173}' => "u",
        '\u{174}' | '\u{175}' => "w",
        'Ý' | 'ý' | 'ÿ' | '\u{176}'..='\u{178}' => "y",
        '\u{179}'..='\u{17e}' => "z",
        _ => "",
    }
}

/// Imports `text` as `kind`; `stem` (the file name without extension) gives
/// the id and, for transcripts without a title, the title.
pub fn import(text: &str, kind: Kind, stem: &str) -> Result<ConversationFile, ImportError> {
    import_with_notes(text, kind, stem).map(|(file, _)| file)
}

/// A Markdown file's conversation with its paragraphs made, each that
/// needs no decoding a range of `source` (see [`crate::model::Paragraph::shared`]).
/// `scan`: what [`markdown_scan_from`] found in the whole of `source`, if
/// looked for already.
pub fn markdown_shared(
    source: &crate::model::Source,
    stem: &str,
    scan: Option<MarkdownScan>,
) -> Result<(ConversationFile, Vec<crate::model::SectionParts>), ImportError> {
    markdown::read_shared(source, stem, scan)
}

/// What [`markdown_shared`] looks for in the whole file before it reads,
/// and its plain sections: to be found a block at a time while the blocks
/// are checked as UTF-8.
pub use markdown::{Scan as MarkdownScan, scan_from as markdown_scan_from};

/// [`import`], with the notes on speakers kept apart (see [`Note`]).
pub fn import_with_notes(
    text: &str,
    kind: Kind,
    stem: &str,
) -> Result<(ConversationFile, Vec<Note>), ImportError> {
    match kind {
        Kind::Markdown => markdown::read(text, stem).map(|f| (f, Vec::new())),
        Kind::Transcript => transcript::read(text, stem),
        Kind::WebVtt => subtitles::read_vtt(text, stem),
        Kind::Srt => subtitles::read_srt(text, stem),
        Kind::Chat => chat::read(text, stem),
    }
}

/// A contributor declared on a `Moderator:` / `Respondent:` line.
fn declared(value: &str, role: Role) -> Contributor {
    // `id (Name; Affiliation)`, `id (Name)`, or a bare name.
    if let Some((id, rest)) = value.split_once(" (")
        && let Some(inner) = rest.strip_suffix(')')
        && !id.contains(' ')
    {
        let (name, affiliation) = match separator(inner) {
            Some(at) => (&inner[..at], &inner[at + 2..]),
            None => (inner, ""),
        };
        return Contributor {
            id: id.trim().to_owned(),
            name: unescape(name.trim()),
            affiliation: unescape(affiliation.trim()),
            role,
            ..Default::default()
        };
    }
    let name = unescape(value.trim());
    Contributor {
        id: person_id(&name),
        name,
        affiliation: String::new(),
        role,
        ..Default::default()
    }
}

/// Where `; ` separates name from affiliation in `inner`: the first one that
/// is neither escaped (`\\;`) nor the end of a character reference (`&#13;`).
fn separator(inner: &str) -> Option<usize> {
    let bytes = inner.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => at += 2,
            // `&` is ASCII, so `at` is a char boundary here.
            b'&' => at += crate::export::markdown::char_reference_len(&inner[at..]).unwrap_or(1),
            b';' if bytes.get(at + 1) == Some(&b' ') => return Some(at),
            _ => at += 1,
        }
    }
    None
}

/// The contributors met so far, indexed by name and id: a transcript may
/// have 100,000 speakers, and scanning the list for each line was quadratic.
/// Contributors pushed to the list directly (declared in metadata) are
/// indexed on the next call.
#[derive(Default)]
struct Roster {
    indexed: usize,
    by_name: HashMap<String, usize>,
    by_id: HashMap<String, usize>,
    /// The next suffix to try for a slug already taken (`lee-2`, `lee-3`).
    suffix: HashMap<String, usize>,
}

impl Roster {
    fn sync(&mut self, contributors: &[Contributor]) {
        for (i, c) in contributors.iter().enumerate().skip(self.indexed) {
            self.by_name.entry(c.name.clone()).or_insert(i);
            self.by_id.entry(c.id.clone()).or_insert(i);
        }
        self.indexed = contributors.len();
    }

    /// The contributor with `id`, if there is one.
    fn id(&mut self, contributors: &[Contributor], id: &str) -> Option<usize> {
        self.sync(contributors);
        self.by_id.get(id).copied()
    }

    /// The contributor index for `name`, adding a respondent if it is new.
    fn name(&mut self, contributors: &mut Vec<Contributor>, name: &str) -> usize {
        self.sync(contributors);
        if let Some(&i) = self.by_name.get(name) {
            return i;
        }
        let base = person_id(name);
        let mut id = base.clone();
        while self.by_id.contains_key(&id) {
            let n = self.suffix.entry(base.clone()).or_insert(2);
            id = format!("{base}-{n}");
            *n += 1;
        }
        contributors.push(Contributor {
            id,
            name: name.to_owned(),
            affiliation: String::new(),
            role: Role::Respondent,
            ..Default::default()
        });
        self.sync(contributors);
        contributors.len() - 1
    }
}

struct Header {
    file: ConversationFile,
    /// Whether the title was given (a `# ` line, front matter, `Title:`),
    /// not taken from the file's name: a line naming the interview or the
    /// meeting (`Interview: Dr. Amara Okafor`) is the title only where none
    /// was given.
    titled: bool,
    /// The line naming the interview or the meeting that gave the title
    /// (`Interview: OH-2021-014`): kept as a header fact if `Title:` gives
    /// another.
    named_by: Option<(String, String)>,
    /// A list of who sat, its names on the lines below its key
    /// (`Attendees:`): the key, and the index of its entry in the
    /// metadata once a name was read (see `transcript::list_name`).
    listing: Option<(String, Option<usize>)>,
}

/// Reads a metadata line into `header`; `false` if it is not one.
fn metadata(header: &mut Header, line: &str) -> bool {
    let Some((key, value)) = line.split_once(": ") else { return false };
    let value = value.trim_end();
    let f = &mut header.file;
    match key.trim() {
        "Id" => f.id = value.trim().to_owned(),
        "Subtitle" => f.subtitle = unescape(value),
        "Source" => f.source = unescape(value),
        "Date" => f.date = unescape(value),
        "Moderator" => f.contributors.push(declared(value, Role::Moderator)),
        "Respondent" => f.contributors.push(declared(value, Role::Respondent)),
        _ => return false,
    }
    true
}

fn empty_file(stem: &str) -> ConversationFile {
    ConversationFile {
        id: slug(stem),
        title: String::new(),
        subtitle: String::new(),
        source: String::new(),
        date: String::new(),
        contributors: Vec::new(),
        sections: Vec::new(),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_with_metadata_and_sections() {
        let text = "# Should the U.S. ban TikTok?\n\nSubtitle: A roundtable\nDate: 2020-09\nModerator: mod (Ada Moderator; Example Review)\n\n## Ada Moderator\n\nAre the bans\njustified?\n\n## Lee Respondent\n\nNo. The risks are real—but a ban is the wrong tool.\n\nData rules would do \\*more\\*.\n";
        let f = import(text, Kind::Markdown, "roundtable").expect("imports");
        assert_eq!(f.title, "Should the U.S. ban TikTok?");
        assert_eq!(f.id, "roundtable");
        assert_eq!(f.subtitle, "A roundtable");
        assert_eq!(f.contributors[0].id, "mod");
        assert_eq!(f.contributors[0].role, Role::Moderator);
        assert_eq!(f.contributors[0].affiliation, "Example Review");
        assert_eq!(f.contributors[1].id, "lee-respondent");
        assert_eq!(f.sections[0].paragraphs, ["Are the bans justified?"]);
        assert_eq!(f.sections[1].paragraphs[1], "Data rules would do *more*.");
        crate::model::Conversation::new(f).expect("valid");
    }

    #[test]
    fn markdown_errors_name_the_line() {
        // Without a `# Title` first, a `# ` line further down is refused.
        let e = import("Intro\n# T\n", Kind::Markdown, "x").expect_err("a late title");
        assert_eq!(e.line, 2);
        // Prose before the first section is the introduction.
        let f = import("# T\n\nsome prose\n\n## A\n\ntext\n", Kind::Markdown, "x").expect("intro");
        assert_eq!(f.intro, ["some prose"]);
        let e = import("# T\n\n## A\n\n## B\n\ntext\n", Kind::Markdown, "x").expect_err("empty");
        assert_eq!((e.line, e.message.contains("no paragraphs")), (3, true));
        let e = import("# T\n\n## A\n\ntext\n\n# again\n", Kind::Markdown, "x").expect_err("h1");
        assert_eq!(e.line, 7);
    }

    #[test]
    fn a_transcripts_front_matter_gives_its_title_date_and_metadata() {
        let text = "---\ntitle: \"Focus group 3\"\ndate: 2026-02-11\ntags: [fg, round-1]\n---\n\nMODERATOR: Welcome.\nALICE: Thanks.\n";
        assert_eq!(detect(text), Kind::Transcript);
        let f = import(text, Kind::Transcript, "fg").expect("imports");
        assert_eq!((f.title.as_str(), f.date.as_str()), ("Focus group 3", "2026-02-11"));
        assert_eq!(f.metadata, [("tags".to_owned(), "fg, round-1".to_owned())]);
        assert!(f.intro.is_empty(), "{:?}", f.intro);
        assert_eq!(f.sections.len(), 2);
        // Turns between two rules are turns.
        let f =
            import("---\nALICE: Hi.\nBOB: Hello.\n---\n", Kind::Transcript, "t").expect("turns");
        assert_eq!((f.title.as_str(), f.sections.len()), ("t", 2));
    }

    /// What a review found the first reading of front matter and
    /// underlines did to transcripts and Markdown that imported before.
    #[test]
    fn rules_underlines_and_front_matter_leave_transcripts_as_they_were() {
        let said = |text: &str, kind| {
            let f = import(text, kind, "t").expect("imports");
            let turns: Vec<(String, usize)> =
                f.sections.iter().map(|s| (s.contributor.clone(), s.paragraphs.len())).collect();
            (f, turns)
        };
        // Parts' titles underlined over a hearing's turns: a transcript.
        let hearing = "HEARING\n=======\n\nOpening statements\n------------------\n\nCHAIRMAN SMITH: Order.\nSENATOR JONES: Thank you.\n\nQuestions\n---------\n\nCHAIRMAN SMITH: Why?\nMR. LEE: No choice.\n";
        assert_eq!(detect(hearing), Kind::Transcript);
        // Turns with a rule under each: turns.
        let ruled =
            "SMITH: Opening remarks.\n---\n\nJONES: A response.\n---\n\nSMITH: Vote.\n---\n";
        assert_eq!(detect(ruled), Kind::Transcript);
        assert_eq!(said(ruled, Kind::Transcript).1.len(), 3);
        // Front matter naming the moderator, as a header line does.
        let (f, _) = said(
            "---\nTitle: Focus group\nModerator: Jane\n---\n\nMODERATOR: Welcome.\nALICE: Thanks.\n",
            Kind::Transcript,
        );
        assert_eq!(f.title, "Focus group");
        assert_eq!(
            (f.contributors[0].name.as_str(), f.contributors[0].role),
            ("Jane", Role::Moderator)
        );
        // Turns between two rules are turns: lowercase roles saying
        // sentences, or a known key among speakers.
        let (_, turns) = said(
            "---\ninterviewer: Where were you born?\nrespondent: In Lagos.\n---\ninterviewer: And then?\nrespondent: London.\n",
            Kind::Transcript,
        );
        assert_eq!(turns.len(), 4);
        let (_, turns) = said(
            "---\nDate: 2024-01-01\nSMITH: Hello there.\nJONES: Hi.\n---\nSMITH: Again.\n",
            Kind::Transcript,
        );
        assert_eq!(turns.len(), 3);
        // Markdown: a `---` under a long line is a rule, not a heading.
        let (_, turns) = said(
            "# T\n\n## Ada\n\nThanks for having me.\n---\n\n## Bo\n\nWelcome.\n---\n",
            Kind::Markdown,
        );
        assert_eq!(turns, [("ada".to_owned(), 1), ("bo".to_owned(), 1)]);
        let (f, _) =
            said("# Hearing\n\nDate: 2024-03-01\n---\n\n## Jane\n\nHello.\n", Kind::Markdown);
        assert_eq!(f.date, "2024-03-01");
        // A fence no line closes is text; one with only blank lines is none.
        let (_, turns) =
            said("# T\n\n## Ada\n\nI typed:\n\n```\n\n## Bo\n\nHello.\n", Kind::Markdown);
        assert_eq!(turns, [("ada".to_owned(), 2), ("bo".to_owned(), 1)]);
        let (_, turns) = said("# T\n\n## Ada\n\nHi.\n\n```\n\n  \n```\n\nBye.\n", Kind::Markdown);
        assert_eq!(turns, [("ada".to_owned(), 3)]);
        // (Its fences are its text, as written: a section may hold nothing
        // else.)
        let (f, _) = said("# T\n\n## Ann\n\n```\n\n```\n\n## Bo\n\nHi.\n", Kind::Markdown);
        assert_eq!(f.sections[0].paragraphs, ["```\n```"]);
        // Underlined speakers with an underlined part title inside.
        let (f, turns) = said(
            "Ada\n---\n\nText.\n\nPart one\n========\n\nMore.\n\nBo\n--\n\nHi.\n",
            Kind::Markdown,
        );
        assert_eq!(turns, [("ada".to_owned(), 3), ("bo".to_owned(), 1)]);
        assert_eq!(f.sections[0].heads, [1]);
        // Parts titled over turns, with a line between: a transcript; and
        // one part after front matter too.
        let parts = "Morning session\n---------------\n\nThe chair opened at 9:00.\n\nSMITH: Thank you all.\nJONES: Glad to be here.\n\nAfternoon session\n-----------------\n\nResumed at 14:00.\n\nSMITH: Welcome back.\nJONES: Thanks.\n";
        assert_eq!(detect(parts), Kind::Transcript);
        let town = "---\ntitle: Town hall\n---\n\nMAYOR: Welcome everyone.\n\nRESIDENT: Thanks.\n\nQ&A\n---\n\nQuestions were taken.\n\nMS. JONES: Roads?\n";
        assert_eq!(detect(town), Kind::Transcript);
        // Turns with no sentence mark between two rules stay turns.
        let (_, turns) = said(
            "---\ninterviewer: hi\nrespondent: hello\n---\n\ninterviewer: how are you\nrespondent: fine\n",
            Kind::Transcript,
        );
        assert_eq!(turns.len(), 4);
        // A stray fence above a later code block hides no section.
        let (_, turns) = said(
            "# T\n\n## Ann\n\nRun:\n\n```\nls\n\n## Bo\n\nNo.\n\n## Ann\n\n```\npwd\n```\n",
            Kind::Markdown,
        );
        assert_eq!(turns.iter().map(|(c, _)| c.as_str()).collect::<Vec<_>>(), ["ann", "bo", "ann"]);
        // A label, or a sentence, with a rule under it is no heading.
        let (f, turns) = said(
            "# T\n\n## Session\n\nQ: Did you go?\n-----\nA: No.\n-----\nQ: Why not?\n",
            Kind::Markdown,
        );
        assert_eq!(turns.len(), 3);
        let heads: Vec<&str> = f
            .sections
            .iter()
            .flat_map(|s| s.heads.iter().map(|&h| s.paragraphs[h].as_str()))
            .collect();
        assert_eq!(heads, ["Session"]);
        let (f, _) = said("# T\n\n## Ann\n\nYes.\n---\n\n## Bo\n\nHi.\n", Kind::Markdown);
        assert!(f.sections[0].heads.is_empty());
        // Pandoc's layout: the title in front matter, speakers as `#`
        // headings (or underlined with `=`, parts where `-` names them).
        let (f, turns) =
            said("---\ntitle: Talk\n---\n\n# Ann\n\nHello.\n\n# Bo\n\nHi.\n", Kind::Markdown);
        assert_eq!((f.title.as_str(), turns.len()), ("Talk", 2));
        let (f, turns) = said(
            "---\ntitle: Talk\n---\n\nThe Panel\n=========\n\nIntro.\n\nAnn Lee\n-------\n\nHello.\n\nPart 2\n======\n\nBo Chen\n-------\n\nHi.\n",
            Kind::Markdown,
        );
        assert_eq!((f.title.as_str(), f.intro.len(), turns.len()), ("Talk", 2, 2));
        // Names above their text under underlined parts' titles, and a
        // hearing's labels under `#` parts after front matter: the
        // transcript has turns, so it is one.
        let above = "Part One\n--------\n\nINTERVIEWER\nTell me about yourself.\n\nRESPONDENT\nI'm a nurse.\n\nPart Two\n--------\n\nINTERVIEWER\nFor how long?\n\nRESPONDENT\nTwenty years.\n";
        assert_eq!(detect(above), Kind::Transcript);
        let hearing = "---\ntitle: Hearing on energy\n---\n\n# Opening statements\n\nMr. SMITH. Thank you, Mr. Chairman.\n\nMs. JONES. Thank you.\n\n# Questions\n\nMr. SMITH. My first question.\n\nMs. JONES. My answer.\n";
        assert_eq!(detect(hearing), Kind::Transcript);
        // A chat in lowercase between two rules is turns: no key of front
        // matter's among them.
        let (_, turns) = said(
            "---\nalice: hey\nbob: hi there\n---\nalice: how are you\nbob: good thanks\n",
            Kind::Transcript,
        );
        assert_eq!(turns.len(), 4);
        // Front matter's title is the title; a `# ` line below it is
        // text (a part's heading, as pandoc writes one).
        let (f, _) = said(
            "---\ntitle: Focus group 3 (raw)\n---\n\n# Focus group 3\n\nMODERATOR: Welcome.\nP1: Thanks.\n",
            Kind::Transcript,
        );
        assert_eq!(f.title, "Focus group 3 (raw)");
        assert_eq!(f.intro, ["# Focus group 3"]);
        // A moderator named who never speaks: names above their text,
        // underlined, stay a transcript (Markdown would refuse them).
        let named = "Moderator: Jane Roe\n\nInterviewer\n-----------\nSo tell me.\n\nParticipant\n-----------\nWell, Ohio.\n\nInterviewer\n-----------\nAnd then?\n\nParticipant\n-----------\nChicago.\n";
        assert_eq!(detect(named), Kind::Transcript);
        // A rule above the title is no text.
        let (f, _) = said("---\n\n# Title\n\n## Alice\n\nHi.\n", Kind::Markdown);
        assert_eq!(f.title, "Title");
        // A front matter key of two words, as Obsidian writes them.
        let (f, _) = said(
            "---\ntitle: Interview 4\ndate created: 2024-01-01\n---\n\n## Ada\n\nHello.\n",
            Kind::Markdown,
        );
        assert_eq!(f.title, "Interview 4");
        assert_eq!(f.metadata, [("date created".to_owned(), "2024-01-01".to_owned())]);
    }

    #[test]
    fn transcripts_group_consecutive_lines_by_speaker() {
        let text = "# Panel\n\nMODERATOR: Welcome.\nALICE: Yes — jobs.\nALICE: And visitors.\n\nBOB: Naïve 🙂 No.\nALICE: Again.\n";
        let f = import(text, Kind::Transcript, "panel").expect("imports");
        assert_eq!(f.title, "Panel");
        let ids: Vec<&str> = f.contributors.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["moderator", "alice", "bob"]);
        let sections: Vec<(&str, usize)> =
            f.sections.iter().map(|s| (s.contributor.as_str(), s.paragraphs.len())).collect();
        assert_eq!(sections, [("moderator", 1), ("alice", 2), ("bob", 1), ("alice", 1)]);
        crate::model::Conversation::new(f).expect("valid");
        // Text before anyone speaks is the introduction, a paragraph per
        // run of lines.
        let text = "# T\nRecorded 5 March\n42m 10s\n\nAttendees\nLars Jensen started transcription\nALICE: hi\n";
        let f = import(text, Kind::Transcript, "t").expect("imports");
        assert_eq!(f.intro, ["Recorded 5 March 42m 10s", "Attendees"]);
        let (_, notes) = import_with_notes(text, Kind::Transcript, "t").expect("imports");
        assert_eq!(
            notes.iter().map(ToString::to_string).collect::<Vec<_>>(),
            [
                "dropped Teams' line \"Lars Jensen started transcription\", which is no one's speech",
                "lines 2–5, before the first speaker, kept as the introduction (shown by I, not coded)"
            ]
        );
        // With no one speaking at all it is no transcript.
        let e = import("# T\nthis is not a speaker line.\n", Kind::Transcript, "t")
            .expect_err("no speaker");
        assert!(e.message.starts_with("no `NAME: text` lines"), "{}", e.message);
    }

    #[test]
    fn detect_and_slug() {
        assert_eq!(detect("# T\n\n## A\n\nx"), Kind::Markdown);
        assert_eq!(detect("A: x\nB: y"), Kind::Transcript);
        assert_eq!(detect("WEBVTT\n\n00:01.000 --> 00:02.000\nx"), Kind::WebVtt);
        assert_eq!(detect("1\n00:00:01,000 --> 00:00:02,000\nx"), Kind::Srt);
        assert_eq!(slug("Julian Ku"), "julian-ku");
        assert_eq!(slug("  Ümlaut & Co. "), "umlaut-co");
        assert_eq!(slug("!!!"), "untitled");
        assert_eq!(slug("会議"), "hui-yi");
        assert_eq!(slug("🌸 ①"), "untitled");
        assert_eq!(slug("Jörg Müller"), "jorg-muller");
        assert_eq!(slug("Straße Øre Æsir Łódź Ŀ ŉ"), "strasse-ore-aesir-lodz-l-n");
        assert_eq!(slug("Zoë Saldaña-Núñez"), "zoe-saldana-nunez");
        // Past Latin Extended-A: Vietnamese, Romanian, Pinyin with tones.
        assert_eq!(slug("Nguyễn Thị Ánh Tuyết"), "nguyen-thi-anh-tuyet");
        assert_eq!(slug("Trần Văn Ơn Ưng"), "tran-van-on-ung");
        assert_eq!(slug("Ștefan Țurcanu"), "stefan-turcanu");
        assert_eq!(slug("Lǚ Xiǎo"), "lu-xiao");
        assert_eq!(slug("Ⓐ ① ǅ"), "a-dz", "letters spelt in Latin, ① no letter");
        // Other scripts spelt in Latin: a CJK character a word, an
        // alphabet's letters run on.
        assert_eq!(slug("Иван Петров"), "ivan-petrov");
        assert_eq!(slug("Θεοδωράκης"), "theodorakes");
        assert_eq!(slug("김민준"), "gimminjun");
        assert_eq!(slug("王芳"), "wang-fang");
        assert_eq!(slug("Maria 🌸"), "maria");
        assert_eq!(slug("राहुल शर्मा"), "raahul-shrmaa", "a virama breaks no word");
        assert_eq!(slug("Jose\u{301} Garci\u{301}a"), "jose-garcia");
        assert_eq!(person_id("Jörg Müller"), "jorg-muller");
        assert_eq!(person_id("司会"), "si-hui");
        assert_eq!(person_id("Dr. 王小明"), "dr-wang-xiao-ming");
        assert_eq!(person_id("Dr. 🌸"), "speaker");
        assert_eq!(person_id("MR. SMITH"), "mr-smith");
        assert_eq!(person_id("Judge"), "judge");
        assert_eq!(person_id("Dr. 王 Lee"), "dr-wang-lee");
    }
}
