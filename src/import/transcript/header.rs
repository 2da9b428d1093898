//! Header lines before a transcript's first turn (`Date: 2020-09-25`,
//! `Location: …`), told apart from a first speaker.

use super::Turn;
use crate::import::{Header, metadata};

/// Keys of header lines (before the first turn) that are metadata, not
/// speakers. `Date` (an ISO date) and `Title` fill those fields; the others
/// are kept in the conversation's `metadata`.
const HEADER_KEYS: &[&str] = &[
    "time",
    "date",
    "location",
    "place",
    "venue",
    "title",
    "subject",
    "recorded",
    "transcribed",
    "duration",
    "participants",
    "interviewer",
    "interviewers",
    "interviewee",
    "transcriber",
    "project",
    "language",
    // A study's own lines about the interview and the person.
    "topic",
    "session",
    "study",
    "site",
    "age",
    "gender",
    "pseudonym",
    "participant",
    "participant id",
    "respondent",
    "respondent id",
    "facilitator",
    "observer",
    "observers",
    "note-taker",
    "notetaker",
    "note taker",
    "years of experience",
    "marital status",
    // (Keys a speaker's label may be too: see `SOFT_KEYS`; keys of more
    // than one word, `compound`; a record's lists of who sat, `LISTS`.)
    // The same in the languages interviews are most often held in (not
    // `Data`, `Ora` or `Hora`, which are names too).
    "fecha",
    "lugar",
    "duración",
    "tema",
    "proyecto",
    "datum",
    "ort",
    "zeit",
    "dauer",
    "thema",
    "projekt",
    "lieu",
    "heure",
    "durée",
    "sujet",
    "projet",
    "local",
    "duração",
    "assunto",
    "projeto",
    "luogo",
    "durata",
    "progetto",
    "plaats",
    "tijd",
    "duur",
    "onderwerp",
    "日期",
    "地点",
    "地點",
    "时间",
    "時間",
    "主题",
    "主題",
    "日時",
    "日付",
    "場所",
    "날짜",
    "장소",
    "시간",
    "дата",
    "место",
    "время",
    "тема",
    "التاريخ",
    "المكان",
    "الوقت",
    "الموضوع",
];

fn header_key(name: &str) -> bool {
    let name = name.to_lowercase();
    let name = numbered(&name);
    HEADER_KEYS.contains(&name)
        || NAMING.contains(&name)
        || SOFT_KEYS.contains(&name)
        || LISTS.contains(&name)
        || compound(name)
}

/// What a transcriber or a study writes above the talk about the
/// recording and the person (`File: interview_03.mp3`, `Occupation:
/// nurse`, `Interview: Dr. Amara Okafor`), in the languages interviews are
/// most often held in: keys that may also be a speaker's label (`CASE: I
/// want to add…`, `Role: Are you the facilitator?`), so a header line only
/// with what is no speech after them (see [`is_header`]).
const SOFT_KEYS: &[&str] = &[
    "interview",
    "transcript",
    "meeting",
    "episode",
    "podcast",
    "recording",
    "file",
    "filename",
    "length",
    "mode",
    "format",
    "setting",
    "case",
    "country",
    "region",
    "city",
    "occupation",
    "profession",
    "role",
    "position",
    "department",
    "organisation",
    "organization",
    "affiliation",
    "education",
    "ethnicity",
    "nationality",
    "sex",
    "religion",
    "entrevista",
    "transcripción",
    "transcrito por",
    "transkription",
    "transkribiert von",
    "entretien",
    "transcription",
    "transcrit par",
    "transcrição",
    "intervista",
    "trascrizione",
];

/// Keys that name the interview or the meeting, and give the title where
/// none was given (see [`header_line`]).
const TITLES: &[&str] = &[
    "interview",
    "transcript",
    "meeting",
    "episode",
    "podcast",
    "entrevista",
    "entretien",
    "intervista",
];

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
/// `interview 3`).
fn numbered(key: &str) -> &str {
    match key.rsplit_once(' ') {
        Some((title, n))
            if TITLES.contains(&title) && n.trim_end_matches('.').parse::<u32>().is_ok() =>
        {
            title
        }
        _ => key,
    }
}

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

/// What a header key of a few words is about (see [`compound`]).
const HEADS: &[&str] = &[
    "date",
    "time",
    "location",
    "place",
    "venue",
    "duration",
    "length",
    "id",
    "number",
    "no",
    "file",
    "filename",
    "name",
    "code",
    "mode",
    "type",
    "language",
    "transcribed",
    "interviewed",
    "recorded",
    "transcriber",
    "start",
    "end",
    "setting",
    "format",
    "site",
    "age",
    "gender",
    "pseudonym",
    "fecha",
    "lugar",
    "duración",
    "hora",
    "datum",
    "ort",
    "dauer",
    "lieu",
    "durée",
    "heure",
    "luogo",
    "durata",
];

/// What the words of [`HEADS`] are of (see [`compound`]).
const QUALIFIERS: &[&str] = &[
    "interview",
    "interviews",
    "recording",
    "transcript",
    "transcription",
    "audio",
    "video",
    "session",
    "meeting",
    "focus",
    "group",
    "call",
    "media",
    "case",
    "of",
    "the",
    "by",
    "for",
    "total",
    "first",
    "last",
    "original",
    "participant",
    "participants",
    "respondent",
    "interviewee",
    "interviewer",
    "speaker",
    "speakers",
    "study",
    "de",
    "del",
    "la",
    "le",
    "du",
    "des",
    "l'entretien",
    "d'entretien",
    "entretien",
    "entrevista",
    "intervista",
    "dell'intervista",
    "von",
    "der",
];

/// A header line before the first turn whose key is read as no label
/// (`Date of interview: 12/03/2024`, `Years of experience: 12`,
/// `Location of interview: Participant's home`): a key of [`header_key`]
/// before a colon, the line a header line by [`is_header`].
pub(in crate::import) fn keyed(line: &str) -> Option<Turn<'_>> {
    let (key, text) = line.trim().split_once([':', '：'])?;
    let t = Turn { name: key.trim(), time: None, text: text.trim(), otter: false, lead: None };
    (!t.name.is_empty() && header_key(t.name) && is_header(&t)).then_some(t)
}

/// Keys of header lines that are also speakers' roles: followed by speech
/// (`INTERVIEWEE: Is this thing on?`), or alone above it, such a line is
/// the first turn.
const ROLES: &[&str] = &[
    "interviewer",
    "moderator",
    "interviewee",
    "interviewers",
    "transcriber",
    "participant",
    "respondent",
    "facilitator",
    "observer",
    "note-taker",
    "notetaker",
];

/// Keys of a record's lists of who sat (the UN's `Members:`, a select
/// committee's `Witnesses:`, the European Parliament's `IN THE CHAIR:`):
/// header lines only with names after them (`Present: Senators Tester and
/// Moran.`, `Witnesses: Professor Dame Wendy Hall and Jack Clark.`), a turn
/// with speech (`Members: We agree.`).
const LISTS: &[&str] = &[
    "present",
    "also present",
    "members present",
    "members",
    "witnesses",
    "witness",
    "in the chair",
    "speakers",
    "apologies",
    "absent",
    "attendees",
    "attending",
    "panelists",
    "panellists",
    "guests",
];

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
    let soft = SOFT_KEYS.contains(&numbered(&lower));
    let role = role(&lower) || soft;
    // A soft key's value is a few words; a long one is what its speaker said.
    let long = soft && t.text.split_whitespace().count() > 8;
    (header_key(t.name) || matches!(t.name, "Id" | "Subtitle" | "Source" | "Moderator"))
        && t.time.is_none()
        && !t.otter
        && t.lead.is_none()
        && !(role && (sentence(t.text) || spoken(t.text)))
        && !long
        && (!takes_a_name(&lower) || named(t.text))
        && (!LISTS.contains(&lower.as_str()) || names_only(t.text))
}

/// Roles that head a transcript only with a name or an id after them
/// (`Participant: P07`, `Respondent: R07, clinic nurse`, `Facilitator:
/// Dr. Helen Achebe`): a participant's first words (`Participant: My name
/// is Ana and I work nights`) are the first turn, as they were before
/// these were header keys.
const NAMED: &[&str] =
    &["participant", "respondent", "facilitator", "observer", "note-taker", "notetaker"];

/// Roles that take a name, known to be roles and to take one (see
/// [`ROLES`], [`NAMED`]): the host's, a guest's, the chair's, and the
/// interviewer's and interviewee's in other languages.
const NAMING: &[&str] = &[
    "host",
    "hosts",
    "co-host",
    "guest",
    "presenter",
    "chair",
    "chairperson",
    "entrevistador",
    "entrevistadora",
    "entrevistado",
    "entrevistada",
    "interviewerin",
    "interviewte",
    "interviewter",
    "enquêteur",
    "enquêtrice",
    "enquêté",
    "enquêtée",
    "intervistatore",
    "intervistatrice",
];

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
    let opens = |s: &str| {
        s.split(|c: char| c.is_whitespace() || ",.!".contains(c))
            .find(|w| !w.is_empty())
            .is_some_and(|w| OPENING_WORDS.contains(&w.to_lowercase().replace('’', "'").as_str()))
    };
    let text = text.trim();
    let head = head(text);
    let rest = text.get(head.len()..).unwrap_or_default().trim_start_matches([',', ';', ' ']);
    opens(head) || opens(rest)
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

/// Words speech opens with and a name seldom does.
const OPENING_WORDS: &[&str] = &[
    "so",
    "well",
    "ok",
    "okay",
    "alright",
    "all",
    "right",
    "now",
    "and",
    "but",
    "um",
    "umm",
    "uh",
    "er",
    "erm",
    "yeah",
    "yes",
    "hi",
    "hello",
    "hey",
    "thank",
    "thanks",
    "welcome",
    "let's",
    "lets",
    "let",
    "tell",
    "can",
    "could",
    "would",
    "what",
    "how",
    "why",
    "where",
    "when",
    "who",
    "which",
    "do",
    "does",
    "did",
    "is",
    "are",
    "was",
    "were",
    "have",
    "has",
    "i",
    "i'm",
    "i'd",
    "we",
    "we're",
    "we'll",
    "you",
    "you're",
    "please",
    "today",
    "good",
    "before",
    "first",
    "to",
    "just",
    "describe",
    "oh",
    "hmm",
    "mm",
    "mhm",
    "ah",
    "maybe",
    "perhaps",
    "sure",
    "really",
    "absolutely",
    "exactly",
    "definitely",
    "indeed",
    "agreed",
    "correct",
    "great",
    "approved",
    // The same in the languages interviews are most often held in.
    "ja",
    "nee",
    "nein",
    "oui",
    "non",
    "sí",
    "si",
    "bueno",
    "pues",
    "bon",
    "alors",
    "allora",
    "sim",
    "não",
    "então",
    "buenos",
    "buenas",
    "hola",
    "gracias",
    "bonjour",
    "bonsoir",
    "merci",
    "guten",
    "hallo",
    "danke",
    "buongiorno",
    "buonasera",
    "grazie",
    "ciao",
    "olá",
    "obrigado",
    "obrigada",
];

/// Words no name opens with, but a description of someone may (`the
/// author`, `a member of the research team`) as a question put without a
/// full stop does (`the library`, `your first year`): see [`asks`].
const ASKING: &[&str] = &[
    "the", "a", "an", "my", "your", "our", "their", "his", "her", "its", "this", "that", "these",
    "those", "in", "on", "at", "of", "for", "with", "from", "about", "there", "it", "not", "no",
    "any", "some", "if", "as", "after", "since",
];

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
/// next line that is not blank (see [`header_at`]).
pub(in crate::import) fn needs_next(t: &Turn) -> bool {
    asks(t) || described(t)
}

/// Whether `t`, before the first turn, is a header line, `next` being the
/// next line that is not blank: a role that [`asks`] or is [`described`] is
/// one only above a header line.
pub(in crate::import) fn header_at(t: &Turn, next: Option<&str>) -> bool {
    if needs_next(t) { header_follows(next) } else { is_header(t) }
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

/// Words that follow an opening word in a greeting (`Welcome Everyone`,
/// `Thank You`, `Let's Begin`), not in a name.
const GREETED: &[&str] = &[
    "everyone",
    "everybody",
    "all",
    "you",
    "folks",
    "guys",
    "team",
    "morning",
    "evening",
    "afternoon",
    "begin",
    "start",
    "again",
    "there",
];

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
    match key.as_str() {
        // A key with no value (`Participants:`) holds nothing to keep.
        _ if value.is_empty() => {}
        "title" => {
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
        "date" if iso => header.file.date = value.to_owned(),
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
mod tests {
    use super::*;

    fn turn<'a>(name: &'a str, text: &'a str) -> Turn<'a> {
        Turn { name, time: None, text, otter: false, lead: None }
    }

    #[test]
    fn a_studys_own_header_lines_are_no_speakers() {
        // They became speakers, their values the first thing said, and the
        // `Date:` after them a speaker too.
        for (key, value) in [
            ("Topic", "Migrant workers in the Gulf"),
            ("Participant ID", "P07"),
            ("Age", "52"),
            ("Gender", "female"),
            ("Note-taker", "Sam Liu"),
            ("Respondent", "R07, clinic nurse, age 52"),
            ("Facilitator", "Dr. Helen Achebe"),
            ("Дата", "14.03.2021"),
            ("المكان", "عمّان"),
        ] {
            assert!(is_header(&turn(key, value)), "{key}: {value}");
        }
        // A role speaking is the first turn.
        assert!(!is_header(&turn("Facilitator", "Welcome, everyone. Shall we start?")));
        assert!(!is_header(&turn("Respondent", "Well, it started in 2019.")));
        for said in ["My name is Ana and I work nights at the clinic", "It was hard at first"] {
            assert!(!is_header(&turn("Participant", said)), "{said}");
        }
    }

    #[test]
    fn keys_of_a_few_words_are_header_keys_and_names_are_not() {
        for key in [
            "Date of interview",
            "Interview duration",
            "Transcribed by",
            "Participant name",
            "Interview No.",
            "Interview #",
            "Recording date",
            "Start time",
            "Audio file name",
            "Case ID",
            "Location of the interview",
        ] {
            assert!(header_key(key), "{key}");
        }
        for label in [
            "The Interviewer",
            "Speaker 1",
            "Jane Date",
            "Date Night",
            "First Speaker",
            "Interviewer",
            "Mr. Place",
            "Time",
        ] {
            assert!(!compound(&label.to_lowercase()), "{label}");
        }
        // A line whose key is no label: a header line only before the
        // first turn's label, and only with a key that is one.
        assert_eq!(keyed("Years of experience: 12").map(|t| t.text), Some("12"));
        assert_eq!(
            keyed("Location of interview: Participant's home").map(|t| t.name),
            Some("Location of interview")
        );
        assert!(keyed("Summary of the talk: it went well").is_none());
        assert!(keyed("no colon here").is_none());
    }

    #[test]
    fn an_interviewer_named_is_a_header_an_interviewer_speaking_is_a_turn() {
        for text in [
            "Jane Doe",
            "Dr. Jane Doe, Center for Oral History",
            "J. Doe Jr.",
            "李明",
            "",
            "Jane Doe (by phone)",
            "Jane Doe, graduate student",
            "Jane Doe [JD]",
            "Marie d'Arcy",
            "jane doe",
            "bell hooks",
            "Mario dos Santos",
            "Um Hye-jin",
            "Do Thi Mai",
            "Welcome Mthembu",
            "Will Smith",
            "Do Van Minh, field researcher",
            "Um Hye-jin (interviewer)",
            "Can Öztürk [CO]",
            "Hi Nguyen, team lead",
            "unknown",
            "[redacted]",
        ] {
            assert!(is_header(&turn("Interviewer", text)), "{text}");
        }
        for text in [
            "Shall we begin?",
            "Okay",
            "Hello",
            "Welcome Everyone",
            "Good Evening",
            "Thank You All",
            "Let's Begin",
            "so tell me about the farm",
            "So, tell me about yourself",
            "Tell me about the farm",
            "Hello, welcome to the group",
            "Good evening everyone and welcome to the group",
            "describe your typical day",
            "Thank you for coming.",
            "okay let’s start",
        ] {
            assert!(!is_header(&turn("Interviewer", text)), "{text}");
            assert!(!is_header(&turn("interviewer", text)), "{text}");
        }
        // A question put without a full stop reads as a description of who
        // took the role: the line after it tells them apart.
        for text in ["the library", "your first year", "about the move", "a member of the team"] {
            assert!(asks(&turn("Interviewer", text)), "{text}");
        }
        for text in ["Jane Doe", "The Hon. Jane Doe", "An Nguyen", "In-Sook Kim"] {
            assert!(!asks(&turn("Interviewer", text)), "{text}");
        }
        assert!(!asks(&turn("Location", "the old farm house")), "no role");
        assert!(header_follows(Some("Date of interview: 5 May 2020")));
        assert!(header_follows(Some("Location: Leeds")));
        assert!(!header_follows(Some("Participant: Yes, I went there most weeks.")));
        assert!(!header_follows(Some("Interviewer: the next question")));
        assert!(!header_follows(None));
        // Keys that are no one's role stay header lines, whatever follows.
        assert!(is_header(&turn("Location", "the old farm house")));
        assert!(is_header(&turn("Date", "so next week")));
    }
}
