//! Speaker labels on a transcript's lines: `NAME: text`, with honorifics,
//! `(continuing)` and timestamps, and the forms transcription services write.

/// Lowercase particles allowed inside a name (`Ludwig van Beethoven`).
const PARTICLES: &[&str] = &[
    "van", "von", "de", "da", "del", "della", "der", "den", "la", "le", "di", "du", "bin", "al",
    "of", "the", "dos", "das", "ter", "zu", "ibn", "y",
];

/// One speaker label: the name as written (without `(continuing)` or a
/// timestamp), the time if one was given, and what was said on the line.
#[derive(Debug, PartialEq, Eq)]
pub(in crate::import) struct Turn<'a> {
    pub name: &'a str,
    pub time: Option<&'a str>,
    pub text: &'a str,
    /// A label alone on its line, the text below, as Otter.ai writes one
    /// (name and time) and a name alone is: never a header line.
    pub otter: bool,
    /// What the label carries that belongs to the text, which it opens
    /// (see [`Turn::said`]), the name being the speaker's alone: the
    /// number of the question it asks, as the record of a UK select
    /// committee numbers them before the name (`Q2 Aaron Bell:`); the
    /// language spoken, as the UN's records note it after the name
    /// (`Mr. Nebenzia (Russian Federation) (spoke in Russian):`).
    pub lead: Option<&'a str>,
}

impl Turn<'_> {
    /// What was said on the line: the text, after the label's lead if it
    /// had one (`Q2 What is…`, `(spoke in Russian) I thank…`).
    pub fn said(&self) -> std::borrow::Cow<'_, str> {
        match self.lead {
            Some(q) if !self.text.is_empty() => format!("{q} {}", self.text).into(),
            Some(q) => q.into(),
            None => self.text.into(),
        }
    }
}

/// A question's number opening `line`, and the rest: a select
/// committee's (`Q2 `, `Q117 `), or one of Hansard's order paper (`1. `,
/// `Q1. `, `T3. `, with the question's reference after it, `Q1. [900456]
/// `). Whether the number is Hansard's is the third: a list's item is
/// numbered so too, so only a member's label with a parenthesis (the seat)
/// may follow it.
pub(super) fn question(line: &str) -> Option<(&str, &str, bool)> {
    let letter = usize::from(line.starts_with(['Q', 'T']));
    let digits = &line[letter..];
    let len = digits.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=4).contains(&len) {
        return None;
    }
    let after = &digits[len..];
    let (hansard, rest) = match after.strip_prefix(". ") {
        Some(rest) => (true, rest),
        None if line.starts_with('Q') => (false, after.strip_prefix(' ')?),
        None => return None,
    };
    let rest = rest.trim_start();
    // The question's reference: `[900456]`.
    let rest = match rest.strip_prefix('[').and_then(|r| r.split_once("] ")) {
        Some((id, rest)) if hansard && !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) => {
            rest.trim_start()
        }
        _ => rest,
    };
    let number = line[..line.len() - rest.len()].trim_end();
    Some((number, rest, hansard))
}

/// `00:01:02`, `1:02`, `00:01:02.5`, `00:01:02,500` (milliseconds as SRT
/// writes them): digits in groups separated by colons.
pub(super) fn is_time(s: &str) -> bool {
    if !s.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let s = match s.find(['.', ',']) {
        None => s,
        Some(at) => {
            let frac = &s[at + 1..];
            let digits = frac.bytes().all(|b| b.is_ascii_digit());
            // After a comma, three digits, as SRT writes milliseconds (a
            // list, `1:02,3`, is not a time).
            if digits && (s.as_bytes()[at] == b'.' || frac.len() == 3) { &s[..at] } else { "" }
        }
    };
    // Asked of the first word of every paragraph a Markdown reader checks
    // for a speaker label: no allocation, and most words fail at once.
    let mut parts = 0;
    for p in s.split(':') {
        parts += 1;
        if parts > 3 || !(1..=2).contains(&p.len()) || !p.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
    }
    parts >= 2
}

/// The 12-hour clock's marks after a time, longest first.
const MERIDIEMS: &[&str] = &["a.m.", "p.m.", "A.M.", "P.M.", "AM", "PM", "am", "pm"];

/// What chat logs set between a time of day and a name (`10:30 AM -
/// Jane:`, `10:30 AM—Jane:`, `10:30 AM | Jane:`). Not a comma: in a turn,
/// `9:00 AM, Arrival: coffee` is a schedule read out.
const AFTER_TIME: &[char] = &['-', '–', '—', '|'];

/// `s` without a 12-hour clock's mark at its end (`10:30 AM`, `2:05pm`,
/// `10:30 a.m.`): the time before it, if it is one.
fn without_meridiem(s: &str) -> Option<&str> {
    let time = MERIDIEMS.iter().find_map(|m| s.strip_suffix(m))?.trim_end();
    is_time(time).then_some(time)
}

/// A time as [`is_time`] reads it, or one on a 12-hour clock (`10:30 AM`,
/// as meeting tools and chat logs write the time of day).
pub(super) fn is_clock(s: &str) -> bool {
    is_time(s) || without_meridiem(s).is_some()
}

/// `rest`, what follows a bare time, without a 12-hour clock's mark and the
/// space after it (`AM Jane Smith: …`): the mark's length and what follows.
fn meridiem_after(rest: &str) -> Option<(usize, &str)> {
    MERIDIEMS.iter().find_map(|m| {
        let after = rest.strip_prefix(m)?;
        let apart = after.starts_with(|c: char| c.is_whitespace() || AFTER_TIME.contains(&c));
        apart.then(|| (m.len(), after.trim_start()))
    })
}

/// A timestamp at the start of `line` (`[00:01:02]`, `(1:02:03)`, `00:01:02`)
/// and the rest of the line after it.
pub(super) fn leading_time(line: &str) -> Option<(&str, &str)> {
    let (inner, rest) = match line.chars().next()? {
        // f4transkript's and MAXQDA's stamp, `#00:00:05-2# I: …`.
        '#' => {
            let (stamp, rest) = line.split_once(char::is_whitespace)?;
            return Some((super::stamps::stamp(stamp)?, rest.trim_start()));
        }
        '[' => line[1..].split_once(']').filter(|(_, r)| r.starts_with(char::is_whitespace))?,
        '(' => line[1..].split_once(')').filter(|(_, r)| r.starts_with(char::is_whitespace))?,
        // Asked of every line: a time opens with a digit.
        c if c.is_ascii_digit() => {
            let (time, rest) = line.split_once(char::is_whitespace)?;
            // `10:30 AM Jane Smith: …`: the mark is the time's, not the
            // name's; after a time of day, as chat logs write it, a dash
            // may stand before the name (`10:30 AM - Jane Smith: …`).
            let rest = rest.trim_start();
            let (time, rest) = match meridiem_after(rest) {
                Some((len, after)) if is_time(time) => {
                    (&line[..line.len() - rest.len() + len], after)
                }
                _ if without_meridiem(time).is_some() => (time, rest),
                // `10:30 AM, Jane: hi`: no time before a label (a comma
                // after a time of day is a schedule's, see `AFTER_TIME`),
                // and `AM, Jane` no name.
                _ if MERIDIEMS
                    .iter()
                    .any(|m| rest.strip_prefix(m).is_some_and(|r| r.starts_with(','))) =>
                {
                    return None;
                }
                _ => return is_time(time).then_some((time, rest)),
            };
            let rest = rest.strip_prefix(AFTER_TIME).map_or(rest, str::trim_start);
            return Some((time, rest));
        }
        _ => return None,
    };
    let inner = inner.trim();
    if is_clock(inner) {
        return Some((inner, rest.trim_start()));
    }
    // A time range in brackets (`[00:00:15 → 00:01:02]`, `[00:00:15 -->
    // 00:01:02]`): the turn starts at its start. Bare, it is as likely a
    // programme's (`9:00-10:00 Keynote: …`) or a score.
    if !line.starts_with(['[', '(']) {
        return None;
    }
    let (start, end) = inner.split_once(['→', '-', '–'])?;
    let end = end.trim_start_matches(['-', '>']).trim();
    (is_time(start.trim()) && is_time(end)).then(|| (start.trim(), rest.trim_start()))
}

/// Where the colon ending a label is: the first `:` or `：` outside brackets
/// and not between digits.
///
/// Bytes, not chars: brackets and `:` are ASCII, `：` is `EF BC 9A`, and no
/// byte of a multi-byte character is ASCII. A line without a colon (most
/// paragraphs of prose) is passed over by one `memchr`; the brackets are
/// counted only up to the colons there are.
pub(super) fn separator(line: &str) -> Option<(usize, usize)> {
    let bytes = line.as_bytes();
    let mut depth = 0i32;
    let mut counted = 0;
    for at in memchr::memchr2_iter(b':', 0x9A, bytes) {
        let (start, len) = match bytes[at] {
            b':' => (at, 1),
            _ if at >= 2 && bytes[at - 2..at] == [0xEF, 0xBC] => (at - 2, 3),
            _ => continue,
        };
        for &b in &bytes[counted..start] {
            match b {
                b'[' | b'(' => depth += 1,
                b']' | b')' => depth -= 1,
                _ => {}
            }
        }
        counted = start;
        // A colon between digits is a clock time (`Recess 10:30`), not the
        // end of a label.
        let clock = start > 0
            && bytes[start - 1].is_ascii_digit()
            && bytes.get(start + len).is_some_and(u8::is_ascii_digit);
        if depth == 0 && !clock {
            return Some((start, len));
        }
    }
    None
}

/// What may follow a name and a comma and leave it a name: `Daniel Okafor,
/// Jr.`, `Jane Smith, PhD`.
const SUFFIXES: &[&str] = &[
    "jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "phd", "ph.d.", "md", "m.d.", "esq", "esq.", "mp",
    "qc", "kc",
];

/// How transcribers label someone they cannot name: `Unidentified male`,
/// `Multiple speakers`, `Audience member` (the words after the first may be
/// lowercase); and how parliaments' records label members speaking
/// together: `Some hon. members`, `An hon. Member`, `Opposition members`,
/// `Government members`.
fn generic_speaker(name: &str) -> bool {
    const FIRST: &[&str] = &[
        "unidentified",
        "unknown",
        "unnamed",
        "multiple",
        "several",
        "other",
        "another",
        "female",
        "male",
        "audience",
        "all",
        "both",
        "off-mic",
        "inaudible",
        "opposition",
        "government",
    ];
    const REST: &[&str] = &[
        "speaker",
        "speakers",
        "male",
        "female",
        "man",
        "woman",
        "men",
        "women",
        "voice",
        "voices",
        "member",
        "members",
        "participant",
        "participants",
        "person",
        "people",
        "respondent",
        "respondents",
        "panelist",
        "panelists",
        "interviewer",
        "audience",
    ];
    let words: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
    // `Some hon. members`, `An hon. Member`: `Some people` is prose.
    let hon = |w: &str| matches!(w, "hon." | "honourable" | "honorable");
    let members = |w: &str| matches!(w, "member" | "members");
    let house = matches!(words.as_slice(),
        [first, h, m] if matches!(first.as_str(), "some" | "an") && hon(h) && members(m));
    name.starts_with(char::is_uppercase)
        && (2..=3).contains(&words.len())
        && (house
            || (FIRST.contains(&words[0].as_str())
                && words[1..].iter().all(|w| REST.contains(&w.as_str()))))
}

/// Initials written together: `J.R.`, `J.R`.
fn initials(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    chars.len() >= 3
        && chars
            .iter()
            .enumerate()
            .all(|(i, &c)| if i % 2 == 0 { c.is_uppercase() } else { c == '.' })
}

/// Whether `name` is a name with a comma as people write them in
/// transcripts: surname first, as Teams and registers write it (`Jensen,
/// Lars`, `García Márquez, Gabriel`), or a name and a suffix (`Daniel Okafor,
/// Jr.`, `Martin Luther King, Jr.`, `Jane Smith, PhD`).
fn comma_name(name: &str) -> bool {
    let Some((before, after)) = name.split_once(',') else { return false };
    let after = after.trim();
    let plain = |part: &str, most: usize| {
        is_name(part)
            && part.split_whitespace().count() <= most
            && part.split_whitespace().all(|w| crate::model::names::honorific(w).is_none())
    };
    !after.contains(',')
        && plain_name(before)
        && (SUFFIXES.contains(&after.to_lowercase().as_str())
            || (plain(before, 3) && plain(after, 2)))
}

/// Whether `name` looks like a speaker's name: short, starting with a letter,
/// its words capitalised (or particles, or numbers), periods only after an
/// honorific, an initial or `Jr`/`Sr`; or a name with a comma
/// ([`comma_name`]); or how a transcriber labels someone unnamed
/// ([`generic_speaker`]).
pub(super) fn is_name(name: &str) -> bool {
    plain_name(name) || comma_name(name) || generic_speaker(name)
}

/// [`is_name`] without a comma.
fn plain_name(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 6
        // A letter's salutation printed in a record (`Dear Senator Warren:`);
        // Hansard's volume above a debate (`Volume 744: debated on …`).
        && words[0] != "Dear"
        && !(words[0] == "Volume" && words.len() == 2)
        && name.chars().count() <= 60
        && name.chars().next().is_some_and(char::is_alphabetic)
        && !name.contains(['?', '!', ',', ';', ':', '"', '“', '”', '[', ']', '(', ')'])
        && words.iter().enumerate().all(|(i, w)| {
            let first = w.chars().next().unwrap_or(' ');
            // A device named as people name theirs in a meeting (`Tom's
            // iPhone`, `Ana's iPad`): a capital inside the word, after an
            // owner's name (`On eBay:`, `Measuring pH:` are text).
            let owner =
                i > 0 && (words[i - 1].ends_with("'s") || words[i - 1].ends_with("\u{2019}s"));
            let device = owner && w.chars().skip(1).any(char::is_uppercase);
            // An office (`The Minister for Trade`; `Goals for Q3` is a
            // heading). Two people joined by `and`: see `joint_turn`.
            let office = words[0] == "The"
                || words.iter().any(|w| matches!(*w, "Minister" | "Secretary" | "Commissioner"));
            let and = *w == "for" && office && i > 0 && i + 1 < words.len();
            let capital =
                !first.is_lowercase() || (i > 0 && PARTICLES.contains(w)) || device || and;
            let dots = w.matches('.').count();
            let dotted = dots == 0
                || (dots == 1
                    && w.ends_with('.')
                    && (crate::model::names::honorific(w).is_some()
                        || w.chars().count() == 2
                        || ["jr.", "sr.", "st.", "no."].contains(&w.to_lowercase().as_str())))
                || initials(w);
            capital && dotted
        })
}

/// `name` without a trailing `(continuing)`, `(cont'd)` or timestamp, and
/// the timestamp if there was one.
pub(super) fn strip_suffixes(mut name: &str) -> (&str, Option<&str>) {
    let mut time = None;
    loop {
        let trimmed = name.trim_end();
        let Some(open) = trimmed.rfind(['(', '[']) else { break };
        let Some(inner) = trimmed[open + 1..].strip_suffix([')', ']']) else { break };
        let lower = inner.trim().to_lowercase().replace('’', "'");
        if is_clock(inner.trim()) && time.is_none() {
            time = Some(inner.trim());
        } else if !["continuing", "cont'd", "contd", "cont.", "cont", "continued"]
            .contains(&lower.as_str())
        {
            break;
        }
        name = trimmed[..open].trim_end();
    }
    (name.trim(), time)
}

/// The speaker label on `line`, if it has one (the text may be empty).
pub(in crate::import) fn turn(line: &str) -> Option<Turn<'_>> {
    turn_with(line, false)
}

/// [`turn`]; with `described`, also a name with a description in
/// parentheses after it, as transcripts write them (`Sen. Elizabeth Warren
/// (D-MA)`, `P2 (female, 34)`, `Moderator (Ana)`), kept as written.
/// Subtitles settle those by the whole file instead (see
/// [`display_label`]).
pub(super) fn turn_with(line: &str, described: bool) -> Option<Turn<'_>> {
    let line = line.trim();
    let (lead, rest) = match leading_time(line) {
        Some((t, rest)) => (Some(t), rest),
        None => (None, line),
    };
    let (at, len) = separator(rest)?;
    let (name, time) = strip_suffixes(&rest[..at]);
    // After a time, a name may stand in brackets (`10:30 AM (Jane Smith):`).
    let name = match (lead, name.strip_prefix('(').and_then(|n| n.strip_suffix(')'))) {
        (Some(_), Some(inner)) if !inner.contains(['(', ')']) => inner.trim(),
        _ => name,
    };
    let time = lead.or(time);
    // The UN's records note the language after the name (`Mr. Nebenzia
    // (Russian Federation) (spoke in Russian):`): the speech's, not the
    // speaker's.
    let (name, spoken) = match language(name) {
        Some(at) if described => (name[..at].trim_end(), Some(&name[at..])),
        _ => (name, None),
    };
    let named = is_name(name) || (described && described_name(name));
    named.then(|| Turn { name, time, text: rest[at + len..].trim(), otter: false, lead: spoken })
}

// Built once: a finder built at each call cost a few per cent of an
// import, asked of every line.
static AND: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b" and "));

/// A label of two people joined by `and` (`P1 and P2: Yes!`, `Ana and
/// Ben: Hello.`), the two names apart: a speaker's only where both are
/// speakers of the file (`Pros and Cons:` is a heading), as the whole
/// file tells (see `Lowercase::speakers`).
pub(in crate::import) fn joint_turn(line: &str) -> Option<(Turn<'_>, [&str; 2])> {
    // Asked of every line with no label: most have no ` and ` early on.
    let head = &line.as_bytes()[..line.len().min(120)];
    AND.find(head)?;
    let line = line.trim();
    let (at, len) = separator(line)?;
    let name = line[..at].trim();
    let (a, b) = name.split_once(" and ")?;
    let (a, b) = (a.trim(), b.trim());
    (is_name(a) && is_name(b)).then(|| {
        let text = line[at + len..].trim();
        (Turn { name, time: None, text, otter: false, lead: None }, [a, b])
    })
}

/// Where the language note ending `name` starts (`(spoke in Russian)`,
/// `(interpretation from French)`), if it ends in one.
fn language(name: &str) -> Option<usize> {
    let open = name.strip_suffix(')')?.rfind('(')?;
    let inner = &name[open + 1..name.len() - 1];
    (inner.starts_with("spoke in ") || inner.starts_with("interpretation from ")).then_some(open)
}

/// A name and a short description in parentheses: `P2 (female, 34)`,
/// a member's seat and office as Australia's and Canada's Hansard give
/// them (`Mr DUTTON (Dickson—Leader of the Opposition)`, `Hon. Chrystia
/// Freeland (Deputy Prime Minister and Minister of Finance, Lib.)`). UK
/// Hansard gives two, the seat and the party: `Keir Starmer (Holborn and
/// St Pancras) (Lab)`; and an office, the person in the parenthesis:
/// `The Secretary of State for the Home Department (James Cleverly)`.
pub(super) fn described_name(name: &str) -> bool {
    fn group(name: &str) -> Option<(&str, &str)> {
        let (n, inner) = name.strip_suffix(')')?.rsplit_once(" (")?;
        let fits = !inner.trim().is_empty() && !inner.contains(['(', ')', '[', ']', ':']);
        fits.then(|| (n.trim_end(), inner))
    }
    let Some((n, last)) = group(name) else { return false };
    // Past 30 characters, a seat or an office (`Dickson—Leader of the
    // Opposition`), capitalised: an aside (`see the appendix for…`) is not.
    let fits = |s: &str, most: usize| {
        let n = s.chars().count();
        n <= 30 || (n <= most && s.starts_with(char::is_uppercase))
    };
    if is_name(n) {
        return fits(last, 60);
    }
    if office(n) && person(last) {
        return true;
    }
    group(n).is_some_and(|(n, first)| is_name(n) && fits(first, 60) && fits(last, 40))
}

/// Whether `inner`, a parenthesis, names a person: two to four words of a
/// name (`James Cleverly`, `Dame Rosie Winterton`).
pub(super) fn person(inner: &str) -> bool {
    (2..=4).contains(&inner.split_whitespace().count()) && plain_name(inner)
}

/// Whether `title` is an office as Hansard writes one before the person
/// holding it: up to twelve words, capitalised but for `of`, `for`, `and`,
/// `the`, `on`, `to`, `in` (`The Parliamentary Under-Secretary of State
/// for Science, Research and Innovation`).
fn office(title: &str) -> bool {
    let words: Vec<&str> = title.split_whitespace().collect();
    (2..=12).contains(&words.len())
        && words.iter().enumerate().all(|(i, w)| {
            let w = w.trim_end_matches(',');
            (i > 0 && matches!(w, "of" | "for" | "and" | "the" | "on" | "to" | "in"))
                || (w.starts_with(char::is_uppercase)
                    && w.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’')))
        })
}

/// A label opening a subtitle cue as Zoom writes display names, which
/// [`turn`] does not take for a name: a name and a parenthesis (`Maria
/// González (she/her): text`), or any short label (`kwame mensah: text`).
/// Whether either is a speaker's the whole file tells (a known speaker's
/// label; a parenthesis in a file with speakers). The label, where the text
/// after it starts, and whether it has the parenthesis.
pub(in crate::import) fn display_label(line: &str) -> Option<(&str, usize, bool)> {
    let (at, len) = separator(line)?;
    let name = line[..at].trim();
    let text = line[at + len..].trim_start();
    let parenthesis =
        name.strip_suffix(')').and_then(|n| n.rsplit_once(" (")).is_some_and(|(n, inner)| {
            is_name(n) && inner.chars().count() <= 30 && !inner.contains(['(', ')', '[', ']'])
        });
    let short = name.split_whitespace().count() <= 6
        && name.chars().count() <= 60
        && name.starts_with(char::is_alphanumeric)
        && !name.contains(['?', '!', ',', ';', ':', '"', '“', '”', '[', ']']);
    (!text.is_empty() && (parenthesis || short))
        .then(|| (name, line.len() - text.len(), parenthesis))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_questions_number_opens_the_label() {
        assert_eq!(question("Q2 Aaron Bell: Hi"), Some(("Q2", "Aaron Bell: Hi", false)));
        assert_eq!(question("Q1175  Chair: Hi"), Some(("Q1175", "Chair: Hi", false)));
        let hansard = ("1.", "Ann Lee (Leeds) (Lab): Hi", true);
        assert_eq!(question("1. Ann Lee (Leeds) (Lab): Hi"), Some(hansard));
        assert_eq!(
            question("Q1. [900456] Ann Lee (Leeds) (Lab): Hi"),
            Some(("Q1. [900456]", "Ann Lee (Leeds) (Lab): Hi", true))
        );
        assert_eq!(question("T3. [9] Ann: Hi"), Some(("T3. [9]", "Ann: Hi", true)));
        for line in [
            "Q: Hi",
            "Q2: Hi",
            "Q Aaron: Hi",
            "Q12345 Chair: Hi",
            "Q2x Chair: Hi",
            "q2 Chair: Hi",
            "12 Chair: Hi",
            "T3 Chair: Hi",
            "2.5 Chair: Hi",
        ] {
            assert_eq!(question(line), None, "{line}");
        }
        let t = Turn { name: "Chair", time: None, text: "Hi.", otter: false, lead: Some("Q1") };
        assert_eq!(t.said(), "Q1 Hi.");
        assert_eq!(Turn { text: "", ..t }.said(), "Q1");
    }

    fn name(line: &str) -> Option<&str> {
        turn(line).map(|t| t.name)
    }

    #[test]
    fn names_with_a_comma_initials_and_unnamed_speakers() {
        // Surname first (Teams, registers), suffixes, initials together.
        assert_eq!(name("Jensen, Lars: Thank you."), Some("Jensen, Lars"));
        assert_eq!(name("García Márquez, Gabriel: Sí."), Some("García Márquez, Gabriel"));
        assert_eq!(name("Daniel Okafor, Jr.: Yes."), Some("Daniel Okafor, Jr."));
        assert_eq!(name("Martin Luther King, Jr.: Yes."), Some("Martin Luther King, Jr."));
        assert_eq!(name("Jane Smith, PhD: A question."), Some("Jane Smith, PhD"));
        assert_eq!(name("J.R. Smith: Hi."), Some("J.R. Smith"));
        assert_eq!(name("Unidentified male: Can I add something?"), Some("Unidentified male"));
        assert_eq!(name("Multiple speakers: [crosstalk]"), Some("Multiple speakers"));
        assert_eq!(name("Audience member: Louder!"), Some("Audience member"));
        // A device as a meeting names it.
        assert_eq!(name("Tom's iPhone: Sorry, again?"), Some("Tom's iPhone"));
        assert_eq!(name("the iPhone: it rang."), None);
        assert_eq!(name("On eBay: prices were higher."), None);
        assert_eq!(name("Measuring pH: it was low."), None);
        // Prose with a comma and a colon stays prose.
        for line in [
            "Yes, and: the rest.",
            "First, the data: it is old.",
            "Well, Mr. Chairman: I disagree.",
            "Jensen, Lars, Okafor: all three.",
            "Multiple points: one, two.",
            "unidentified male: lowercase first word.",
            "Smith, jane: lowercase given name.",
        ] {
            assert_eq!(name(line), None, "{line}");
        }
    }
}
