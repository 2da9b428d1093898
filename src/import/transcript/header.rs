//! Header lines before a transcript's first turn (`Date: 2020-09-25`,
//! `Location: …`), told apart from a first speaker.

use super::Turn;
use crate::import::{Header, metadata};

mod words;
use words::{
    ASKING, DATES, GOES_ON, GREETED, HEADER_KEYS, HEADS, LISTS, NAMED, NAMING, OPENING_WORDS,
    QUALIFIERS, ROLES, SOFT_KEYS, TITLES,
};

pub(in crate::import) fn header_key(name: &str) -> bool {
    let name = name.to_lowercase();
    let name = numbered(&name);
    HEADER_KEYS.contains(&name)
        || NAMING.contains(&name)
        || soft_key(name)
        || LISTS.contains(&name)
        || compound(name)
}

/// Whether header value `value` names someone (`Rita Mendes, PhD
/// student`), not a description or speech (`a member of the research
/// team`, `your first year at the mill`).
pub(crate) fn names_someone(value: &str) -> bool {
    !value.trim().is_empty() && named(value)
}

/// The key and value of a title a line naming the interview or the
/// meeting gave (`Interview: OH-2019-03`), if it is one.
pub(crate) fn names_the_interview(title: &str) -> Option<(String, String)> {
    let (key, value) = title.split_once(": ")?;
    TITLES.contains(&numbered(&key.to_lowercase())).then(|| (key.to_owned(), value.to_owned()))
}

/// Whether `line` of a text is the header line that gave `title` (see
/// [`header_line`]: `Key: value`, however spaced).
pub(crate) fn same_line(line: &str, title: &str) -> bool {
    let Some((key, value)) = title.split_once(": ") else { return false };
    line.trim().split_once([':', '：']).is_some_and(|(k, v)| k.trim() == key && v.trim() == value)
}

/// `key` without the number after one of [`TITLES`] (`episode 42`,
/// `interview #3`, `interview no. 3`, `focus group 2`).
fn numbered(key: &str) -> &str {
    let number = |w: &str| {
        let w = w.trim_start_matches('#').trim_end_matches('.');
        !w.is_empty() && w.len() <= 6 && w.bytes().all(|b| b.is_ascii_digit())
    };
    let Some((rest, n)) = key.trim_end().rsplit_once(' ') else { return key };
    if !number(n) {
        return key;
    }
    let rest = rest.trim_end();
    let title = match rest.rsplit_once(' ') {
        Some((title, mark)) if NUMBER_MARKS.contains(&mark) => title.trim_end(),
        _ => rest,
    };
    if TITLES.contains(&title) { title } else { key }
}

/// Whether `name` names the interview or the meeting with its number
/// (`Interview 22`, `Focus Group 3`, `Episode #4`): a heading, no speaker.
pub(in crate::import) fn numbered_title(name: &str) -> bool {
    let lower = name.trim().to_lowercase();
    numbered(&lower) != lower
}

/// What may stand before a number (`Interview No. 3`, `Episode # 42`,
/// `Entretien n° 2`).
const NUMBER_MARKS: &[&str] = &["#", "no", "no.", "nº", "n°", "nr", "nr.", "núm.", "num."];

/// Whether `key` (in lowercase) is a header key of a few words as studies
/// and transcribers write them (`Date of interview`, `Interview duration`,
/// `Transcribed by`, `Participant name`, `Interview No.`): one of [`HEADS`],
/// the rest of them or of [`QUALIFIERS`]. A speaker's label never is: a
/// name has none of these words, a role (`The Interviewer`) none of
/// [`HEADS`].
fn compound(key: &str) -> bool {
    let words: Vec<&str> = key
        .split_whitespace()
        .map(|w| if w == "#" { "no" } else { w.trim_end_matches(['.', ':']) })
        .filter(|w| !w.is_empty())
        .collect();
    (2..=5).contains(&words.len())
        && words.iter().any(|w| HEADS.contains(w))
        && words.iter().all(|w| HEADS.contains(w) || QUALIFIERS.contains(w))
}

/// A header line before the first turn whose key is read as no label
/// (`Date of interview: 12/03/2024`, `Years of experience: 12`,
/// `Location of interview: Participant's home`): a key of [`header_key`]
/// before a colon, the line a header line by [`is_header`].
pub(in crate::import) fn keyed(line: &str) -> Option<Turn<'_>> {
    let (key, text) = line.trim().split_once([':', '：'])?;
    let t = Turn { name: key.trim(), time: None, text: text.trim(), otter: false, lead: None };
    (!t.name.is_empty() && header_key(t.name) && is_header(&t)).then_some(t)
}

/// Whether `text` is only names (and what describes them), as a list of
/// who sat gives them: separated by commas, semicolons or `and`.
fn names_only(text: &str) -> bool {
    let text = text.trim().trim_end_matches('.');
    let mut parts = text.split([',', ';']).flat_map(|p| p.split(" and ")).map(str::trim);
    !text.is_empty() && parts.all(|p| p.is_empty() || super::labels::is_name(head(p)))
}

/// Whether label `t`, before the first turn, is a header line. A key that
/// is also a speaker's role (`Interviewer`, `Moderator`) followed by a
/// sentence (`INTERVIEWER: Shall we begin?`), or by speech as machines
/// transcribe it, unpunctuated (`Interviewer: so tell me about the farm`,
/// `Moderator: Hello, welcome to the group`), is the first turn. Speech
/// here opens with a word speech opens with and is no name: a header's
/// value is a name however it is written (`Jane Doe, graduate student`,
/// `Marie d'Arcy`, `jane doe`, `Um Hye-jin`, `Welcome Mthembu`), and taken
/// for speech it would make the header lines after it speakers. A role
/// with nothing after it, see [`empty_role`].
pub(in crate::import) fn is_header(t: &Turn) -> bool {
    let lower = t.name.to_lowercase();
    // A numbered title (`Episode 42: Why Do Cities Flood?`) is no
    // speaker's label, whatever follows it.
    let counted = numbered(&lower) != lower;
    let soft = !counted && soft_key(&lower);
    let role = role(&lower) || soft;
    // A soft key's value is a few words; a long one is what its speaker said.
    let long = soft && t.text.split_whitespace().count() > 8;
    (header_key(t.name) || matches!(t.name, "Id" | "Subtitle" | "Source" | "Moderator"))
        && t.time.is_none()
        && !t.otter
        && t.lead.is_none()
        && !(role && (sentence(t.text) || spoken(t.text) || goes_on_speaking(t.text)))
        && !long
        && (!takes_a_name(&lower) || named(t.text))
        && (!LISTS.contains(&lower.as_str()) || names_only(t.text))
}

/// Whether header line `t` opens a list of who sat, the names on the
/// lines below it (`Attendees:`, nothing after it).
pub(in crate::import) fn opens_list(t: &Turn) -> bool {
    LISTS.contains(&t.name.to_lowercase().as_str()) && t.text.trim().is_empty()
}

/// Whether `line` is a name of a list of who sat on a line of its own
/// (`Jane Doe`, `- Cllr John Smith (chair)`, `Dr. Amara Okafor, Lagos`):
/// a name, and no speech.
pub(in crate::import) fn names_line(line: &str) -> bool {
    let name = unlisted(line);
    !name.is_empty() && named(name) && !spoken(name) && !sentence(name)
}

/// `line` without a list's bullet or number (`- `, `• `, `1. `, `2) `).
fn unlisted(line: &str) -> &str {
    let line = line.trim();
    let bullet = line.strip_prefix(['-', '*', '•', '·', '–']);
    let numbered = line
        .split_once(['.', ')'])
        .filter(|(n, _)| !n.is_empty() && n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit()))
        .map(|(_, rest)| rest);
    match bullet.or(numbered) {
        Some(rest) if rest.starts_with(' ') => rest.trim(),
        _ => line,
    }
}

/// Keeps `line`, below a list's key with nothing after it (see
/// [`opens_list`]), as one of its names, if it is one (see
/// [`names_line`]): the list's entry in the metadata holds them,
/// separated by `; `. A line that is none ends the list.
pub(in crate::import) fn list_name(header: &mut Header, line: &str) -> bool {
    let Some((key, at)) = header.listing.as_mut() else { return false };
    if !names_line(line) {
        header.listing = None;
        return false;
    }
    let name = unlisted(line);
    let metadata = &mut header.file.metadata;
    match at.and_then(|i| metadata.get_mut(i)) {
        Some((_, names)) => {
            names.push_str("; ");
            names.push_str(name);
        }
        None => {
            *at = Some(metadata.len());
            metadata.push((key.clone(), name.to_owned()));
        }
    }
    true
}

/// Whether `key` (in lowercase) is a key a speaker may be called: one of
/// [`SOFT_KEYS`] or [`TITLES`].
fn soft_key(key: &str) -> bool {
    SOFT_KEYS.contains(&key) || TITLES.contains(&key)
}

/// Whether `key` (in lowercase) is a role (see [`ROLES`]).
fn role(key: &str) -> bool {
    ROLES.contains(&key) || NAMING.contains(&key)
}

/// Whether `key` (in lowercase) is a role that takes a name (see [`NAMED`]).
fn takes_a_name(key: &str) -> bool {
    NAMED.contains(&key) || NAMING.contains(&key)
}

/// Whether `text` is empty or opens with a name or an id, up to a comma,
/// a parenthesis, a bracket, a semicolon or a dash.
fn named(text: &str) -> bool {
    let text = text.trim();
    text.is_empty() || (super::labels::is_name(head(text)) && !greets(text))
}

/// Whether `text` opens with a greeting or an answer, however capitalised
/// (`Thanks Sarah, great to be here`, `Absolutely`), or goes on with one
/// after a name (`Maria Lopez, welcome to the show`): speech, not who took
/// a role.
fn greets(text: &str) -> bool {
    let text = text.trim();
    opens_with(head(text), OPENING_WORDS) || opens_with(after_name(text), OPENING_WORDS)
}

/// Whether `text` goes on after its name with a greeting or thanks
/// (`Hello Mrs Jones, thank you for seeing me`): speech, though it opens
/// as a name might (`Welcome Mthembu`). Not any word speech opens with:
/// `Jane Doe, who leads the project` is who took a role.
fn goes_on_speaking(text: &str) -> bool {
    let rest = after_name(text.trim());
    // And goes on in lowercase (`thank you`, `welcome to`): an
    // organisation after a name is capitalised (`Good Shepherd Hospice`,
    // `Welcome Trust`, `Can Tho University`).
    let second = rest.split_whitespace().nth(1);
    opens_with(rest, GOES_ON) && second.is_some_and(|w| w.starts_with(char::is_lowercase))
}

/// What follows the name `text` opens with (see [`head`]), its comma or
/// semicolon dropped.
fn after_name(text: &str) -> &str {
    let rest = text.get(head(text).len()..).unwrap_or_default();
    rest.trim_start_matches([',', ';', ' '])
}

/// Whether `s` opens with one of `words`, however capitalised.
fn opens_with(s: &str, words: &[&str]) -> bool {
    s.split(|c: char| c.is_whitespace() || ",.!".contains(c))
        .find(|w| !w.is_empty())
        .is_some_and(|w| words.contains(&w.to_lowercase().replace('’', "'").as_str()))
}

/// `text` up to a comma, a parenthesis, a bracket, a semicolon or a dash:
/// where a name ends and a description of its bearer starts.
fn head(text: &str) -> &str {
    [",", "(", "[", ";", " - ", " – ", " — "]
        .iter()
        .filter_map(|sep| text.find(sep))
        .min()
        .map_or(text, |at| text[..at].trim())
}

/// Whether `t` is a role with nothing after it (`INTERVIEWER:`): a turn,
/// not a header line, if text is the next line that is not blank (the
/// question below it); among header lines (`Interviewer:` above `Date:
/// March 3, 1998`, or above a label) it is a header line left empty.
pub(in crate::import) fn empty_role(t: &Turn) -> bool {
    role(&t.name.to_lowercase()) && t.text.is_empty() && t.time.is_none()
}

/// Whether header line `t` is a role put a question without a full stop
/// (`Interviewer: the library`), not a description of who took the role
/// (`Interviewer: a member of the research team`): the caller tells them
/// apart by the line after it (see [`header_follows`]).
pub(in crate::import) fn asks(t: &Turn) -> bool {
    let first = t.text.split_whitespace().next().map(|w| w.to_lowercase().replace('’', "'"));
    role(&t.name.to_lowercase())
        && first.is_some_and(|w| ASKING.contains(&w.as_str()))
        && !super::labels::is_name(head(t.text))
}

/// Whether `next`, the next line that is not blank, is a header line: then
/// a line that [`asks`] above it describes who took the role.
pub(in crate::import) fn header_follows(next: Option<&str>) -> bool {
    next.and_then(|l| super::line_turn(l).or_else(|| keyed(l)))
        .is_some_and(|t| (is_header(&t) && !asks(&t)) || described(&t))
}

/// Whether `t` is a role that takes a name (see [`NAMED`]) followed by no
/// name but no speech either (`Participant: female, 45, teacher`,
/// `Respondent: retired miner, 72`): a description of who took the role
/// if a header line follows it (see [`header_follows`]), else the first
/// turn.
pub(in crate::import) fn described(t: &Turn) -> bool {
    takes_a_name(&t.name.to_lowercase())
        && t.time.is_none()
        && !t.otter
        && t.lead.is_none()
        && !t.text.trim().is_empty()
        && !named(t.text)
        && !sentence(t.text)
        && !spoken(t.text)
        && !greets(t.text)
}

/// Whether header line or label `t` is one whose reading waits for the
/// next line that is not blank (see [`header_at`]), `after` a header line.
pub(in crate::import) fn needs_next(t: &Turn, after: bool) -> bool {
    asks(t) || described(t) || (after && loose_key(t)) || soft_said(t) || opens_list(t)
}

/// Whether `t`, before the first turn, is a header line, `next` being the
/// next line that is not blank and `after` whether `t` is right below a
/// header line (or the first line): a role that [`asks`] or is
/// [`described`] is one only above a header line; so is a key no list
/// has, amid header lines (see [`loose_key`]).
pub(in crate::import) fn header_at(t: &Turn, next: Option<&str>, after: bool) -> bool {
    if opens_list(t) {
        // Above the list's names, a label, or nothing; or a list no one
        // speaks as (`Attendees:` above prose). A list that speaks as one
        // (`MEMBERS:` above `Aye.`, `WITNESS:` above the answer) is the
        // first turn above speech.
        let collective = ["members", "guests", "witness", "witnesses", "speakers", "panelists"];
        return !collective.contains(&t.name.to_lowercase().as_str())
            || next.is_none_or(|n| {
                names_line(n) || super::line_turn(n).is_some() || keyed(n).is_some()
            });
    }
    if after && loose_key(t) {
        return next.is_some_and(hard_header);
    }
    if needs_next(t, after) { header_follows(next) } else { is_header(t) }
}

/// Whether `line` is a header line by a key no speaker is called
/// (`Date:`, `Location:`; not `Subject:`, `Case:`, a role or a list).
fn hard_header(line: &str) -> bool {
    super::line_turn(line).or_else(|| keyed(line)).is_some_and(|t| {
        let lower = t.name.to_lowercase();
        is_header(&t)
            && !role(&lower)
            && !takes_a_name(&lower)
            && !soft_key(numbered(&lower))
            && !LISTS.contains(&lower.as_str())
    })
}

/// Whether `t` is a key a speaker may be called (see [`SOFT_KEYS`])
/// followed by what may be speech (`SUBJECT: I want a lawyer.`, `Subject:
/// What makes a good teacher?`): a header line only above another.
fn soft_said(t: &Turn) -> bool {
    let lower = t.name.to_lowercase();
    soft_key(&lower)
        && !role(&lower)
        && t.time.is_none()
        && !t.otter
        && t.lead.is_none()
        && !is_header(t)
        && !t.text.trim().is_empty()
}

/// Whether `t`, no header line by its key, may be one of a study's own
/// (`Cohort: B`, `Wave: 2`, `Condition: control`) where it stands amid
/// header lines: a key of a word or two, capitalised, and a value of a
/// few words that is no speech. Only right below a header line (or first)
/// and above another (see [`header_at`]): `Ann: Coffee shop downtown`
/// above `Bob: Yes.` is the first turn.
fn loose_key(t: &Turn) -> bool {
    let words = t.name.split_whitespace().count();
    let value = t.text.split_whitespace().count();
    (1..=2).contains(&words)
        && t.name.starts_with(char::is_uppercase)
        && t.name.chars().all(|c| c.is_alphabetic() || c == ' ')
        && (1..=5).contains(&value)
        && t.time.is_none()
        && !t.otter
        && t.lead.is_none()
        && !sentence(t.text)
        && !spoken(t.text)
        && !greets(t.text)
        && !is_header(t)
}

/// Whether `text` opens with a word of [`OPENING_WORDS`] and is no name,
/// nor a name of two words or more with a description after it (`Do Van
/// Minh, field researcher`, `Um Hye-jin (interviewer)`; `Hello, welcome
/// to the group` is speech).
pub(super) fn spoken(text: &str) -> bool {
    let text = text.trim();
    let head = head(text);
    let named = super::labels::is_name(text)
        || (head.split_whitespace().count() >= 2 && super::labels::is_name(head));
    // Header lines only, before the first turn: a few words each.
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || ",.!".contains(c))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().replace('’', "'"))
        .collect();
    let opens = words.first().is_some_and(|w| OPENING_WORDS.contains(&w.as_str()));
    // A greeting alone (`Okay`, `Welcome Everyone`, `Good Evening`) is
    // speech though each word is capitalised as a name's would be.
    let greeting = words.len() <= 3 && words.iter().skip(1).all(|w| GREETED.contains(&w.as_str()));
    opens && (greeting || !named)
}

/// Whether `text` ends a sentence (`.`, `?`, `!`), as speech does and a
/// name (`Jane Doe`, `Jane Doe, Ph.D.`, `J. Doe Jr.`) does not.
fn sentence(text: &str) -> bool {
    let text = text.trim_end_matches(['"', '”', '’', '\'', ')', ']', ' ']);
    // A question trailing off (`...`) or broken off (`--`, `—`) is speech.
    if text.ends_with(['?', '!', '…', '。', '？', '！', '—', '–'])
        || text.ends_with("...")
        || text.ends_with("--")
    {
        return true;
    }
    let Some(word) = text.strip_suffix('.').and_then(|t| t.split_whitespace().last()) else {
        return false;
    };
    let lower = word.to_lowercase();
    !(word.contains('.')
        || word.chars().count() == 1
        || ["jr", "sr", "esq"].contains(&lower.as_str()))
}

/// Keeps header line `t` in `header`.
pub(in crate::import) fn header_line(header: &mut Header, t: &Turn) {
    let key = t.name.to_lowercase();
    let value = t.text;
    let iso = crate::model::is_valid_date(value) && !value.is_empty();
    header.listing = opens_list(t).then(|| (t.name.to_owned(), None));
    match key.as_str() {
        // A key with no value (`Participants:`) holds nothing to keep.
        _ if value.is_empty() => {}
        "title" | "título" | "titulo" | "titre" | "titel" | "titolo" => {
            // A line naming the interview that gave the title before this
            // one is kept, as a header fact.
            if let Some(line) = header.named_by.take() {
                header.file.metadata.insert(0, line);
            }
            header.file.title = value.to_owned();
            header.titled = true;
        }
        // A line naming the interview or the meeting is the title where
        // none was given (the file's name is the title then).
        _ if TITLES.contains(&numbered(&key)) && !header.titled => {
            header.file.title = format!("{}: {value}", t.name);
            header.named_by = Some((t.name.to_owned(), value.to_owned()));
            header.titled = true;
        }
        _ if iso && DATES.contains(&key.as_str()) => header.file.date = value.to_owned(),
        "id" | "subtitle" | "source" | "moderator" => {
            metadata(header, &format!("{}: {value}", t.name));
        }
        // Time, Location, a date that is not ISO, …: kept as metadata.
        _ => header.file.metadata.push((t.name.to_owned(), value.to_owned())),
    }
}

/// Whether `line` (trimmed) heads a select committee's list of its
/// panels of witnesses (`Witnesses`), before the first turn: the panels
/// after it (`I: Professor Chris Whitty, Chief Medical Officer.`, `II: …`)
/// are no speakers.
pub(in crate::import) fn panels(line: &str) -> bool {
    line.trim_end_matches(':').eq_ignore_ascii_case("witnesses")
}

/// Whether `t` is a panel of a select committee's list of witnesses (see
/// [`panels`]): a roman numeral and a name.
pub(in crate::import) fn panel(t: &Turn) -> bool {
    matches!(t.name, "I" | "II" | "III" | "IV" | "V" | "VI" | "VII" | "VIII") && !t.text.is_empty()
}

#[cfg(test)]
#[path = "header_tests.rs"]
mod tests;
