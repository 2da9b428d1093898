//! WhatsApp's exported chats: Android's `12/03/2024, 09:16 - Ana Lima:
//! text` and iOS's `[12/03/2024, 09:16:02] Ana Lima: text`, in the forms
//! locales give the stamp: any order of day, month and year (`3/12/24`,
//! `12.03.24`, `2024/3/12`, `12. 3. 2024`, `2024. 3. 12.`), Arabic-Indic
//! digits, a word between date and time (`à`, `klo`), the time with `:` or
//! `.`, and the 12-hour clock's marks after it (`PM`, `p. m.`, `μ.μ.`,
//! `م`) or before it (`下午`, `오후`), and the time before the date
//! (`19:02, 12/3/2024`, Vietnamese).

use super::{Date, Line, Sent, Shape, invisible};

/// How far into a line its stamp may end: `[2024. 3. 12. 오후 7:05:40] `
/// is 34 bytes, Arabic digits take two each.
const STAMP_WINDOW: usize = 64;

/// The line as WhatsApp writes it: a message opening, a line WhatsApp
/// writes itself, or (`None`) no stamp.
pub(super) fn parse(line: &str) -> Option<Line<'_>> {
    let s = stamp(line)?;
    let Some((sender, text)) = sender(s.rest) else {
        return Some(Line::System { shape: s.shape, sender: None });
    };
    let marked = text.starts_with('\u{200e}');
    if marked && (notice(text) || text[3..].starts_with(&format!("{sender} "))) {
        // iOS: the encryption notice, or `Ana Lima: ‎Ana Lima added Ben`.
        return Some(Line::System { shape: s.shape, sender: Some(sender) });
    }
    let (date, time, shape) = (Some(s.date), s.time, s.shape);
    Some(Line::Message(Sent { date, time, sender, text, to: None, shape, marked }))
}

/// Words of the notice WhatsApp opens every chat with, that calls and
/// messages are encrypted end to end, in the languages it is most often
/// met in; and of the notice that someone's security code changed.
const NOTICE: &[&str] = &[
    "end-to-end",
    "security code",
    "Sicherheitsnummer",
    "Ende-zu-Ende",
    "extremo a extremo",
    "ponta a ponta",
    "bout en bout",
    "сквозным шифрованием",
    "uçtan uca",
    "エンドツーエンド",
    "端到端",
    "종단간",
    "بين الطرفين",
    "מקצה לקצה",
];

fn notice(text: &str) -> bool {
    NOTICE.iter().any(|w| text.contains(w))
}

/// The stamp opening a chat line: its date, its time of day (`09:16`,
/// `9:16 PM`), its layout, and the rest of the line.
struct Stamp<'a> {
    date: Date<'a>,
    time: String,
    shape: Shape,
    rest: &'a str,
}

/// The stamp opening `line`, if it has one: `date, time - ` (Android) or
/// `[date, time] ` (iOS), after any [`invisible`] marks.
fn stamp(line: &str) -> Option<Stamp<'_>> {
    let line = line.trim_start_matches(invisible);
    let mut window = line.len().min(STAMP_WINDOW);
    while !line.is_char_boundary(window) {
        window -= 1;
    }
    let (head, rest, bracketed) = if let Some(inner) = line[..window].strip_prefix('[') {
        let close = inner.find(']')?;
        // iOS sets a space after the bracket.
        let rest = line[close + 2..].strip_prefix(char::is_whitespace)?;
        (&inner[..close], rest, true)
    } else {
        let at = line[..window].find(" - ")?;
        (&line[..at], &line[at + 3..], false)
    };
    let ((date, date_sep), (time, clock_shape), time_first) = match date_then_time(head) {
        Some((date, time)) => (date, time, false),
        None => {
            let (date, time) = time_then_date(head)?;
            (date, time, true)
        }
    };
    let shape = Shape(
        u32::from(bracketed)
            | date_sep << 1
            | u32::from(date.year_first) << 3
            | u32::from(date.short_year) << 4
            | clock_shape << 5
            | u32::from(time_first) << 9,
    );
    Some(Stamp { date, time, shape, rest: rest.trim_start() })
}

/// A stamp's date and its time after it, as nearly every locale writes
/// them (see [`date`] and [`clock`]).
fn date_then_time(head: &str) -> Option<((Date<'_>, u32), (String, u32))> {
    let mut at = Cursor { s: head, at: 0 };
    let date = date(&mut at)?;
    Some((date, clock(&mut at)?))
}

/// A stamp's time before its date, after a comma, as Vietnamese writes
/// them: `19:02, 12/3/2024`.
fn time_then_date(head: &str) -> Option<((Date<'_>, u32), (String, u32))> {
    let (time, day) = head.split_once(", ")?;
    let mut at = Cursor { s: day, at: 0 };
    let date = date(&mut at)?;
    if !at.rest().chars().all(spacing) {
        return None;
    }
    Some((date, clock(&mut Cursor { s: time, at: 0 })?))
}

/// A place in a stamp being read.
struct Cursor<'a> {
    s: &'a str,
    at: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<char> {
        self.s[self.at..].chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += c.len_utf8();
        Some(c)
    }

    /// Past any characters `skip` takes.
    fn skip(&mut self, skip: impl Fn(char) -> bool) {
        while self.peek().is_some_and(&skip) {
            self.bump();
        }
    }

    /// A number of 1–4 digits (ASCII or Arabic-Indic), and how many.
    fn number(&mut self) -> Option<(u32, usize)> {
        let (mut value, mut len) = (0u32, 0usize);
        while let Some(d) = self.peek().and_then(digit) {
            self.bump();
            (value, len) = (value * 10 + d, len + 1);
            if len > 4 {
                return None;
            }
        }
        (len > 0).then_some((value, len))
    }

    fn eat(&mut self, word: &str) -> bool {
        let found = self.s[self.at..].starts_with(word);
        if found {
            self.at += word.len();
        }
        found
    }

    fn rest(&self) -> &str {
        &self.s[self.at..]
    }
}

/// The value of a digit, ASCII or Arabic-Indic (Arabic's and Persian's).
fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '\u{660}'..='\u{669}' => Some(c as u32 - 0x660),
        '\u{6f0}'..='\u{6f9}' => Some(c as u32 - 0x6f0),
        _ => None,
    }
}

/// A space or a mark between a stamp's parts.
fn spacing(c: char) -> bool {
    c.is_whitespace() || invisible(c)
}

/// The date opening the stamp (three numbers between `/`, `.` or `-`, a
/// space allowed after each, the year of four digits first or of two or
/// four last, a `.` after it allowed) and which separator it has.
fn date<'a>(at: &mut Cursor<'a>) -> Option<(Date<'a>, u32)> {
    let mut numbers = [0u32; 3];
    let mut lengths = [0usize; 3];
    let mut sep = None;
    for i in 0..3 {
        at.skip(invisible);
        (numbers[i], lengths[i]) = at.number()?;
        at.skip(invisible);
        if i < 2 {
            let s = at.bump().filter(|c| matches!(c, '/' | '.' | '-'))?;
            if sep.is_some_and(|sep| sep != s) {
                return None;
            }
            sep = Some(s);
            at.skip(spacing);
        }
    }
    let written = &at.s[..at.at];
    if sep == Some('.') || lengths[0] == 4 {
        // `12.03.24.`, `2024. 3. 12.`, as some locales end it.
        at.eat(".");
    }
    let year_first = lengths[0] == 4 && lengths[1] <= 2 && lengths[2] <= 2;
    let year_last = lengths[0] <= 2 && lengths[1] <= 2 && matches!(lengths[2], 2 | 4);
    if !(year_first || year_last) {
        return None;
    }
    let short_year = !year_first && lengths[2] == 2;
    let sep = match sep? {
        '/' => 0,
        '.' => 1,
        _ => 2,
    };
    Some((Date { written, numbers, year_first, short_year }, sep))
}

/// The 12-hour clock's marks, as locales write them, with spaces taken
/// out: after the time, then before it.
const AFTER: &[(&str, &str)] = &[
    ("am", "AM"),
    ("a.m.", "AM"),
    ("pm", "PM"),
    ("p.m.", "PM"),
    ("π.μ.", "AM"),
    ("μ.μ.", "PM"),
    ("ص", "AM"),
    ("م", "PM"),
    ("पूर्वाह्न", "AM"),
    ("अपराह्न", "PM"),
];
const BEFORE: &[(&str, &str)] = &[
    ("上午", "AM"),
    ("下午", "PM"),
    ("午前", "AM"),
    ("午後", "PM"),
    ("오전", "AM"),
    ("오후", "PM"),
];

/// The time after the date (past a comma, spaces, or a word such as `à`,
/// `at`, `klo`): `09:16`, `9:16:02`, `19.05`, `9:16 PM`, `下午7:05`, with
/// nothing after it; as `H:MM[:SS]` with ` AM` or ` PM`, and its layout.
fn clock(at: &mut Cursor) -> Option<(String, u32)> {
    at.skip(|c| spacing(c) || c == ',' || c == '،');
    for word in ["à ", "at ", "klo ", "um "] {
        if at.eat(word) {
            at.skip(spacing);
        }
    }
    let before = BEFORE.iter().find(|(w, _)| at.eat(w)).map(|&(_, m)| m);
    at.skip(spacing);
    let mut parts: Vec<(u32, usize)> = Vec::with_capacity(3);
    let mut sep = None;
    loop {
        let (n, len) = at.number()?;
        if len > 2 || (!parts.is_empty() && len != 2) {
            return None;
        }
        parts.push((n, len));
        match at.peek() {
            Some(c @ (':' | '.')) if parts.len() < 3 && sep.is_none_or(|s| s == c) => {
                // `19.05 μ.μ.`: a `.` before a letter is the mark's.
                let after = at.rest()[1..].chars().next();
                if after.and_then(digit).is_none() {
                    break;
                }
                sep = Some(c);
                at.bump();
            }
            _ => break,
        }
    }
    if parts.len() < 2 {
        return None;
    }
    let mark: String =
        at.rest().chars().filter(|&c| !spacing(c)).collect::<String>().to_lowercase();
    let after = match mark.as_str() {
        "" => None,
        mark => Some(AFTER.iter().find(|(w, _)| *w == mark)?.1),
    };
    if before.is_some() && after.is_some() {
        return None;
    }
    // In ASCII digits, the hour as wide as written (`09:16`, `9:16`).
    let time: Vec<String> = parts.iter().map(|&(n, len)| format!("{n:0len$}")).collect();
    let mut time = time.join(":");
    if let Some(m) = before.or(after) {
        time.push(' ');
        time.push_str(m);
    }
    let shape = u32::from(parts.len() == 3)
        | u32::from(sep == Some('.')) << 1
        | u32::from(after.is_some()) << 2
        | u32::from(before.is_some()) << 3;
    Some((time, shape))
}

/// The sender and the text of a message, from what follows its stamp:
/// `Ana Lima: text`. Anything before the first `: ` names the sender (a
/// phone number, a name with an emoji), unless a `: ` with a U+200E after
/// it comes later (iOS: `Trip: May: ‎Ana added Ben`, a group named with a
/// colon). A line with none, or whose name would open a quotation it does
/// not close (`Ana changed the subject to "Week 2: …"`), is one WhatsApp
/// writes itself.
fn sender(rest: &str) -> Option<(String, &str)> {
    let at = rest.find(": \u{200e}").or_else(|| rest.find(": "));
    let (name, text) = match at {
        Some(at) => (&rest[..at], &rest[at + 2..]),
        None => (rest.strip_suffix(':')?, ""),
    };
    let name: String = name.chars().filter(|&c| !invisible(c)).collect();
    // `~ Ana`: how WhatsApp names someone not in the exporter's contacts.
    let name = name.trim().trim_start_matches('~').trim();
    if name.is_empty() || name.chars().count() > 80 || opens_a_quotation(name) {
        return None;
    }
    Some((name.to_owned(), text))
}

/// Whether `name` opens a quotation it does not close: `"`, `“`…`”`,
/// `«`…`»`, `「`…`」`, `‘`…`’`, or a `'` opening a word (`'Trip`, where
/// `O'Brien` has one inside).
fn opens_a_quotation(name: &str) -> bool {
    let count = |c: char| name.chars().filter(|&x| x == c).count();
    // German opens with `„` and closes with `“`, which English opens with.
    let (low, high) = (count('„'), count('“'));
    let pairs = [('«', '»'), ('「', '」'), ('‘', '’')];
    count('"') % 2 == 1
        || low > high
        || high - low > count('”')
        || pairs.iter().any(|&(open, close)| count(open) > count(close))
        || name.split_whitespace().any(|w| w.starts_with('\'') && !w.ends_with('\''))
}
