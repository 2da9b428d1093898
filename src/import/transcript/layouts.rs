//! How transcription services and printed records lay a speaker's turn
//! out beyond `NAME: text` (see [`line_turn`]), and the lines they write
//! that are no one's speech: time marks, Teams' and Google Meet's own.

use super::labels::{Turn, described_name, is_clock, is_name, is_time, turn_with};

/// A line of a transcript as [`turn`](super::turn) reads it, and the ways
/// transcription services write a label whose text comes on the next
/// lines: a name and a time with no colon after it (Otter.ai: `Priya Raman
/// 0:02`, two spaces or a tab between; Zoom's saved live transcript:
/// `[Priya Raman] 14:03:12`; and see [`pending_turn`]), and a time right after the colon (Rev: `Jane Smith:
/// (00:00)`), which is the time; or, with no colon, a hearing's label and a
/// period (`Mr. SMITH. Thank you.`, as the U.S. Government Publishing
/// Office prints hearings).
pub(in crate::import) fn line_turn(line: &str) -> Option<Turn<'_>> {
    let line = line.trim();
    // Otter.ai sets the time off by two spaces (or a tab); one space, as in
    // `Recess 10:30` or `Chapter 3 1:02`, is text.
    // Asked of every line: a time ends with a digit (or `.`, as `0:02.`).
    // Not a time of day (`10:30 AM`): these layouts give the time since
    // the start, and a title, `Weekly Sync  10:30 AM`, or a break, `[Lunch]
    // 12:30 PM`, would be a speaker who says nothing.
    if line.ends_with(|c: char| c.is_ascii_digit() || c == '.')
        && let Some((name, time)) = line.rsplit_once(char::is_whitespace)
        && is_time(time)
        && (name.ends_with(char::is_whitespace) || line.contains('\t'))
        && !name.contains([':', '：'])
        && (is_name(name.trim()) || described_name(name.trim()))
    {
        return Some(Turn {
            name: name.trim(),
            time: Some(time),
            text: "",
            otter: true,
            lead: None,
        });
    }
    // Zoom's saved live transcript: `[Priya Raman] 14:03:12`, the text below.
    if let Some((name, time)) = line.strip_prefix('[').and_then(|l| l.split_once(']'))
        && is_time(time.trim())
        && (is_name(name.trim()) || described_name(name.trim()) || display_name(name.trim()))
    {
        return Some(Turn {
            name: name.trim(),
            time: Some(time.trim()),
            text: "",
            otter: true,
            lead: None,
        });
    }
    // A UK select committee's record numbers the questions: `Q2 Aaron
    // Bell: …` is Aaron Bell's; so does Hansard's, before a member's
    // label with the seat (`1. Rachel Reeves (Leeds West) (Lab): …`).
    if let Some((q, rest, hansard)) = super::labels::question(line)
        && let Some(mut t) = turn_with(rest, true)
        && (!hansard || member(t.name))
    {
        t.lead = Some(q);
        return Some(t);
    }
    let mut t = turn_with(line, true).or_else(|| hearing_turn(line))?;
    if t.time.is_none()
        && let Some(open) = t.text.chars().next().filter(|c| matches!(c, '(' | '['))
        && let Some((inner, rest)) = t.text[1..].split_once(if open == '(' { ')' } else { ']' })
        && is_time(inner.trim())
        && (rest.is_empty() || rest.starts_with(char::is_whitespace))
    {
        t.time = Some(inner.trim());
        t.text = rest.trim_start();
    }
    Some(t)
}

/// Whether `name` is a member's as Hansard labels one after a question's
/// number: a name of two words or more, then the seat in parentheses
/// (`Rachel Reeves (Leeds West) (Lab)`, not a list's `Housing (rent
/// mostly)`).
pub(super) fn member(name: &str) -> bool {
    name.ends_with(')')
        && name.split(" (").next().is_some_and(|n| n.split_whitespace().count() >= 2)
}

/// A name as people set their own in a meeting, where the layout has
/// already said it is one (`[Tom's iPhone] 10:01:12`): not written as a
/// name is (`iPad`, `aisha@uni.edu`, `Tom's iPhone`), but with a capital,
/// a digit or an `@` somewhere, so a sound in brackets (`[music]`) is not.
fn display_name(name: &str) -> bool {
    let words = name.split_whitespace().count();
    (1..=6).contains(&words)
        && name.chars().count() <= 60
        && name.chars().next().is_some_and(char::is_alphanumeric)
        && !name.contains(['[', ']', ':', '：'])
        && name.chars().any(|c| c.is_uppercase() || c.is_ascii_digit() || c == '@')
}

/// A label set off by marks a plain one does not have: in bold, as a
/// document saved as Markdown writes it (`**Daniel Osei:** text`,
/// `**Daniel Osei**: text`, `**[00:01:02] Jane:**`), or in brackets, as
/// whisperX and pyannote name the voices they tell apart (`[SPEAKER_00]:
/// text`). A speaker's only where the file is laid out so (see
/// `bare::inline_label`): `**Important:** …` in an answer is text.
pub(super) fn marked_label(line: &str) -> Option<Turn<'_>> {
    let colon = [':', '：'];
    let (label, text) = if let Some(rest) = line.strip_prefix("**") {
        let (inner, after) = rest.split_once("**")?;
        match inner.trim_end().strip_suffix(colon) {
            Some(label) => (label, after),
            None => (inner, after.strip_prefix(colon)?),
        }
    } else {
        let (inner, after) = line.strip_prefix('[')?.split_once(']')?;
        (inner, after.strip_prefix(colon)?)
    };
    let (time, name) = match super::labels::leading_time(label.trim()) {
        Some((time, name)) => (Some(time), name.trim()),
        None => (None, label.trim()),
    };
    (is_name(name) || described_name(name)).then_some(Turn {
        name,
        time,
        text: text.trim(),
        otter: false,
        lead: None,
    })
}

/// What the line after a [`pending_turn`] must be for it to be a label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(in crate::import) enum Needs {
    /// Indented text, as Fathom writes a turn's text below its label.
    Indented,
    /// Text, no label: `Intro (00:00)` above `Host: Welcome.` is a heading.
    Text,
}

/// A label only the next line can tell from text, and what that line
/// must be: Fathom's time, dash and name (`0:55 - Lars Jensen`, `1:00 -
/// Jane Smith (Acme)`), indented text below it (an agenda's `9:00 -
/// Opening Remarks` has none); a name and a time in brackets (`Danyel
/// Fisher (00:00:08.000)`, `Speaker 1 [00:05]`), text below it (a
/// heading's `Intro (00:00)` above a label is none).
pub(in crate::import) fn pending_turn(line: &str) -> Option<(Turn<'_>, Needs)> {
    let line = line.trim();
    if line.starts_with(|c: char| c.is_ascii_digit())
        && let Some((time, name)) = line.split_once(" - ")
        && is_time(time)
        && !name.contains([':', '：'])
        && (is_name(name.trim()) || described_name(name.trim()))
    {
        let turn = Turn { name: name.trim(), time: Some(time), text: "", otter: true, lead: None };
        return Some((turn, Needs::Indented));
    }
    let close = line.chars().next_back().filter(|c| matches!(c, ')' | ']'))?;
    let (name, time) = line[..line.len() - 1].rsplit_once(if close == ')' { '(' } else { '[' })?;
    (is_clock(time.trim())
        && name.ends_with(char::is_whitespace)
        && !name.contains([':', '：'])
        && is_name(name.trim()))
    .then(|| {
        (
            Turn { name: name.trim(), time: Some(time.trim()), text: "", otter: true, lead: None },
            Needs::Text,
        )
    })
}

/// Whether `next`, the line after a [`pending_turn`], makes it a label.
pub(in crate::import) fn confirmed(needs: Needs, next: &str) -> bool {
    match needs {
        Needs::Indented => indented(next),
        Needs::Text => {
            !next.trim().is_empty() && line_turn(next).is_none() && pending_turn(next).is_none()
        }
    }
}

/// Whether `t` is a label alone on its line, as Otter.ai writes them
/// (`Priya Raman  0:02`, the text below).
pub(in crate::import) fn alone_on_its_line(t: &Turn) -> bool {
    t.otter && t.text.is_empty()
}

/// Whether a line [`alone_on_its_line`] before the first turn is a title
/// and not a label, by `next`, the next line that is not blank: a label
/// (`Weekly Sync  10:30` above `Jane Smith  0:05`), or none. A label's
/// text comes before the next label.
pub(in crate::import) fn title_not_label(next: Option<&str>) -> bool {
    !next.is_some_and(|next| confirmed(Needs::Text, next))
}

/// Whether `t` starts at the start (`0:00`): Fathom's first label does,
/// an agenda's first item seldom.
pub(in crate::import) fn at_zero(t: &Turn) -> bool {
    t.time.is_some_and(|time| time.bytes().all(|b| matches!(b, b'0' | b':' | b'.' | b',')))
}

/// Whether `line` is indented text, as Fathom writes a turn's text below
/// its label.
fn indented(line: &str) -> bool {
    // Any space: a no-break one where text was copied from a web page or
    // a PDF, an ideographic one in CJK text.
    line.starts_with(char::is_whitespace) && !line.trim().is_empty()
}

/// Offices a hearing's record names someone by, after `The`: `The
/// CHAIRMAN.`, `The Clerk.`, `The Vice Chair.`
pub(super) const OFFICES: &[&str] = &[
    "chairman",
    "chairwoman",
    "chair",
    "chairperson",
    "clerk",
    "speaker",
    "president",
    "witness",
    "reporter",
    "secretary",
    "vice",
    "acting",
    "presiding",
    "officer",
    "moderator",
];

/// Whether `name` is how the record of a U.S. hearing labels a speaker,
/// before a period: an honorific or office and a surname in capitals (`Mr.
/// SMITH`, `Senator WARREN`, `Chairman CRAPO`, `Mrs. MALONEY of New York`),
/// or `The` and an office in capitals (`The CHAIRMAN`), the Congressional
/// Record's presiding officers too, whom it may name in a parenthesis
/// (`The SPEAKER pro tempore`, `The PRESIDING OFFICER (Mr. Kelly)`).
fn hearing_name(name: &str) -> bool {
    let name = match name.strip_suffix(')').and_then(|n| n.rsplit_once(" (")) {
        Some((office, who)) if office.starts_with("The ") && is_name(who) => office,
        _ => name,
    };
    let name = name.strip_suffix(" pro tempore").unwrap_or(name);
    let words: Vec<&str> = name.split_whitespace().collect();
    let capital = |w: &&str| w.starts_with(char::is_uppercase);
    // The record prints the surname or office in capitals: `Mr. Smith.`
    // opening a line is as likely prose (`Dr. King. That speech…`).
    let upper = |w: &&str| w.chars().any(char::is_uppercase) && !w.chars().any(char::is_lowercase);
    let surname = |w: &&str| {
        upper(w) && w.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
    };
    match words.as_slice() {
        ["The" | "THE", office @ ..] if (1..=3).contains(&office.len()) => {
            office.iter().all(|w| upper(w) && OFFICES.contains(&w.to_lowercase().as_str()))
        }
        [title, rest @ ..]
            if !rest.is_empty() && crate::model::names::honorific(title).is_some() =>
        {
            // `of New York`, `of California`: which member of that name.
            let (who, of) = match rest.iter().position(|w| *w == "of") {
                Some(at) => (&rest[..at], &rest[at + 1..]),
                None => (rest, &[][..]),
            };
            (1..=2).contains(&who.len())
                && who.iter().all(surname)
                && of.len() <= 3
                && of.iter().all(capital)
                && (rest.len() == who.len() || !of.is_empty())
        }
        _ => false,
    }
}

/// A hearing's label ending in a period (see [`hearing_name`]) opening
/// `line`, and the text after it.
fn hearing_turn(line: &str) -> Option<Turn<'_>> {
    // Asked of every line that is no `NAME:` label (most of a transcript's
    // wrapped lines): only `The` or an honorific can open one.
    let first = line.split(' ').next().unwrap_or_default();
    if !(first == "The" || first == "THE" || crate::model::names::honorific(first).is_some()) {
        return None;
    }
    period_turn(line, hearing_name)
}

/// A label ending in a period opening `line`: the first name before a
/// `. ` (within six words) that `named` takes, and the text after it; none
/// if no text follows.
pub(super) fn period_turn(line: &str, named: impl Fn(&str) -> bool) -> Option<Turn<'_>> {
    for (at, _) in line.match_indices(". ") {
        let name = &line[..at];
        if name.split_whitespace().count() > 6 {
            break;
        }
        if named(name) {
            let text = line[at + 1..].trim();
            return (!text.is_empty()).then_some(Turn {
                name,
                time: None,
                text,
                otter: false,
                lead: None,
            });
        }
    }
    None
}

/// Whether `line` (trimmed) is only a time (`00:05:00`), as Google Meet
/// marks every few minutes: the time of the paragraph that follows.
fn is_time_mark(line: &str) -> bool {
    // Three groups: `2:1` (a score) or `6:00` (a schedule) is text.
    is_time(line) && line.split(':').count() == 3
}

/// The time if `line` (trimmed) is only a time (see [`is_time_mark`]),
/// bare or in brackets (`[00:00:44]`, as many transcribers mark the
/// minutes): the time of the paragraph that follows.
pub(in crate::import) fn time_mark(line: &str) -> Option<&str> {
    time_alone(line).filter(|time| is_time_mark(time))
}

/// The time if `line` is only a time ([`is_time`]), bare or in brackets
/// (`00:03`, `[00:00:44]`, `(0:03)`).
pub(in crate::import) fn time_alone(line: &str) -> Option<&str> {
    let line = line.trim();
    let inner = match line.strip_prefix(['[', '(']) {
        Some(rest) => rest.strip_suffix([']', ')'])?.trim(),
        None => line,
    };
    is_time(inner).then_some(inner)
}

/// Whose line `line` (trimmed) is, as a meeting tool writes into a
/// transcript as no one's speech (`Teams'`, `Google Meet's`), if it is one: Microsoft Teams as someone starts or stops
/// transcribing (`Jensen, Lars stopped transcription`); Google Meet as the
/// meeting or its transcription ends (`Meeting ended after 00:04:19 👋`,
/// `Transcription ended after 00:46:43`) and its disclaimer (`This
/// editable transcript was computer generated and might contain errors.`,
/// first or last: not on a line right after a line of a turn, `in_turn`,
/// where someone quotes it).
pub(in crate::import) fn tool_line(line: &str, in_turn: bool) -> Option<&'static str> {
    let teams = [" started transcription", " stopped transcription"]
        .iter()
        .any(|event| line.strip_suffix(event).is_some_and(|who| is_name(who.trim())));
    let ended = ["Meeting ended after ", "Transcription ended after "].iter().any(|end| {
        line.strip_prefix(end)
            .map(|rest| rest.trim_end_matches('👋').trim_end())
            .is_some_and(is_time_mark)
    });
    let disclaimer = !in_turn
        && line
            .strip_prefix(MEET_DISCLAIMER)
            .is_some_and(|rest| ["", MEET_DISCLAIMER_MORE].contains(&rest.trim_start()));
    if teams {
        Some("Teams'")
    } else if ended || disclaimer {
        Some("Google Meet's")
    } else {
        None
    }
}

/// What Google Meet writes first or last in a transcript's document.
const MEET_DISCLAIMER: &str =
    "This editable transcript was computer generated and might contain errors.";
/// The sentence after it, in most of them.
const MEET_DISCLAIMER_MORE: &str = "People can also change the text after it was created.";

/// `NAME: text` with some text, or a label with a time and the text on the
/// next lines (see [`line_turn`]), for sniffing a format.
pub(in crate::import) fn speaker_line(line: &str) -> bool {
    line_turn(line).is_some_and(|t| !t.text.is_empty() || t.time.is_some())
}

#[cfg(test)]
mod tests {
    use super::super::labels::turn;
    use super::*;

    fn name(line: &str) -> Option<&str> {
        turn(line).map(|t| t.name)
    }

    #[test]
    fn a_hearings_labels_end_in_a_period() {
        let label = |line| line_turn(line).map(|t| (t.name, t.text));
        assert_eq!(label("  Mr. SMITH. I yield."), Some(("Mr. SMITH", "I yield.")));
        assert_eq!(label("The CHAIRMAN. Order."), Some(("The CHAIRMAN", "Order.")));
        assert_eq!(label("    The VICE CHAIR. Yes."), Some(("The VICE CHAIR", "Yes.")));
        assert_eq!(label("Senator WARREN. Who buys it?"), Some(("Senator WARREN", "Who buys it?")));
        assert_eq!(label("Chairman CRAPO. We begin."), Some(("Chairman CRAPO", "We begin.")));
        assert_eq!(label("SENATOR WARREN. Who?"), Some(("SENATOR WARREN", "Who?")));
        assert_eq!(
            label("Mrs. MALONEY of New York. Thank you."),
            Some(("Mrs. MALONEY of New York", "Thank you."))
        );
        assert_eq!(
            label("Ms. OCASIO-CORTEZ. Thank you."),
            Some(("Ms. OCASIO-CORTEZ", "Thank you."))
        );
        // Prose that opens with a name is not a label; nor is a label alone.
        for line in [
            "Mr. Smith went to Washington. He stayed.",
            "Senator Warren said. Then she left.",
            "The committee. It met.",
            "The CHAIRMAN.",
            "Smith. Thank you.",
            "Mr. SMITH of. Thank you.",
            // Names in mixed case opening a line are as likely prose.
            "Dr. King. That speech changed everything.",
            "Senator Warren. She asked again.",
            "The Chairman. He was furious.",
            "Mr. Chairman. Ranking Member Jones. Thank you.",
        ] {
            assert_eq!(label(line), None, "{line}");
        }
        // Not in subtitles or Markdown, where a colon is the only label.
        assert_eq!(turn("Mr. SMITH. I yield."), None);
    }

    #[test]
    fn a_described_name_is_a_transcripts_label_not_a_cues() {
        let described = |line| line_turn(line).map(|t| t.name);
        assert_eq!(
            described("Sen. Elizabeth Warren (D-MA): Thank you."),
            Some("Sen. Elizabeth Warren (D-MA)")
        );
        assert_eq!(described("P2 (female, 34): I work nights."), Some("P2 (female, 34)"));
        assert_eq!(described("Moderator (Ana) (continuing): So."), Some("Moderator (Ana)"));
        // Hansard: the seat, then the party.
        assert_eq!(
            described("Keir Starmer (Holborn and St Pancras) (Lab): May I start?"),
            Some("Keir Starmer (Holborn and St Pancras) (Lab)")
        );
        assert_eq!(described("Step 1 (a) (see the appendix for the full list): x"), None);
        // Its time is still found; an empty or long description is not a name.
        assert_eq!(line_turn("SMITH (00:01:02): Yes.").and_then(|t| t.time), Some("00:01:02"));
        assert_eq!(described("Smith (): x"), None);
        assert_eq!(described("Step 1 (see the appendix for the full list): x"), None);
        // Subtitles settle these by the whole file (`display_label`).
        assert_eq!(name("P2 (female, 34): I work nights."), None);
        // Zoom's saved live transcript: a name in brackets, the time.
        let t = line_turn("[Priya Raman] 14:03:12").expect("a label");
        assert_eq!((t.name, t.time, t.text), ("Priya Raman", Some("14:03:12"), ""));
        assert!(line_turn("[music] 14:03:12").is_none());
        // Names as people set them in a meeting: pronouns, a device, an address.
        for name in ["Aisha Rahman (she/her)", "Tom's iPhone", "iPad", "aisha@uni.edu"] {
            let line = format!("[{name}] 10:01:12");
            let t = line_turn(&line).expect(name);
            assert_eq!((t.name, t.time), (name, Some("10:01:12")));
        }
        // Teams' .docx layout: a name surname first, the time, the text below.
        let t = line_turn("Jensen, Lars   0:03").expect("a label");
        assert_eq!((t.name, t.time, t.otter), ("Jensen, Lars", Some("0:03"), true));
        let t = line_turn("Núñez, María-José (Dr.)   1:02").expect("a label");
        assert_eq!((t.name, t.time), ("Núñez, María-José (Dr.)", Some("1:02")));
        // A time of day on a 12-hour clock, before or after a label's name.
        for (line, time) in [
            ("10:30 AM Jane Smith: Good morning.", "10:30 AM"),
            ("2:05pm Jane Smith: Good morning.", "2:05pm"),
            ("10:30 a.m. - Jane Smith: Good morning.", "10:30 a.m."),
            ("10:30 AM—Jane Smith: Good morning.", "10:30 AM"),
            ("10:30 AM | Jane Smith: Good morning.", "10:30 AM"),
            ("10:30 AM (Jane Smith): Good morning.", "10:30 AM"),
            ("[10:30 AM] Jane Smith: Good morning.", "10:30 AM"),
            ("Jane Smith [10:30 PM]: Good morning.", "10:30 PM"),
        ] {
            let t = line_turn(line).expect(line);
            let want = ("Jane Smith", Some(time), "Good morning.");
            assert_eq!((t.name, t.time, t.text), want, "{line}");
        }
        // Not where a layout gives the time since the start: a title or a
        // break with its time of day is text, not a speaker saying nothing.
        for line in [
            "Weekly Sync  10:30 AM",
            "Board of Directors — Regular Meeting\t7:00 PM",
            "[Lunch] 12:30 p.m.",
            "Recess 10:30 AM",
            "Jane Smith  10:30 AMEN",
        ] {
            assert!(line_turn(line).is_none(), "{line}");
        }
        // In a turn, a schedule read out: text.
        assert!(line_turn("9:00 AM, Arrival: coffee").is_none_or(|t| t.name != "Arrival"));
        // A dash after a time of the day only: `10:30 - Keynote:` is a programme's.
        assert!(line_turn("10:30 - Keynote: Dr. Jane Doe").is_none_or(|t| t.name != "Keynote"));
        let (t, _) = pending_turn("Jane Smith (10:30 AM)").expect("a name and a time");
        assert_eq!(t.time, Some("10:30 AM"));
    }

    #[test]
    fn labels_in_bold_or_in_brackets() {
        for (line, name, time, text) in [
            ("**Daniel Osei:** Let's begin.", "Daniel Osei", None, "Let's begin."),
            ("**Daniel Osei**: Let's begin.", "Daniel Osei", None, "Let's begin."),
            ("**[00:01:02] Jane Smith:** Yes.", "Jane Smith", Some("00:01:02"), "Yes."),
            ("**Interviewer:**", "Interviewer", None, ""),
            (
                "[SPEAKER_00]: So you've been on the ward?",
                "SPEAKER_00",
                None,
                "So you've been on the ward?",
            ),
            ("[Jane Smith]： 好。", "Jane Smith", None, "好。"),
        ] {
            let t = marked_label(line).expect(line);
            assert_eq!((t.name, t.time, t.text), (name, time, text), "{line}");
            // A speaker's only where the file is laid out so.
            assert!(line_turn(line).is_none_or(|t| t.name != name), "{line}");
        }
        // Bold or bracketed text that is no label; a time before a label.
        for line in ["**Note** the date.", "**Very important:** read this first", "[laughs]: yes"] {
            assert!(marked_label(line).is_none(), "{line}");
        }
        let t = line_turn("[00:01:02] SMITH: Yes.").expect("a label");
        assert_eq!((t.name, t.time), ("SMITH", Some("00:01:02")));
    }

    #[test]
    fn lines_meeting_tools_write() {
        for (line, whose) in [
            ("Jensen, Lars started transcription", Some("Teams'")),
            ("Lars Jensen stopped transcription", Some("Teams'")),
            ("Meeting ended after 00:04:19 👋", Some("Google Meet's")),
            ("Meeting ended after 01:14:43", Some("Google Meet's")),
            ("Transcription ended after 00:46:43", Some("Google Meet's")),
            (MEET_DISCLAIMER, Some("Google Meet's")),
            (&format!("{MEET_DISCLAIMER} {MEET_DISCLAIMER_MORE}"), Some("Google Meet's")),
            // Said, not written by the tool.
            ("the cat started transcription", None),
            ("Meeting ended after 6:00", None),
            ("Meeting ended after lunch", None),
            (&format!("{MEET_DISCLAIMER} So I checked it."), None),
            ("This editable transcript was computer generated.", None),
        ] {
            assert_eq!(tool_line(line, false), whose, "{line}");
        }
    }

    #[test]
    fn time_ranges_bracketed_marks_and_a_name_with_a_bracketed_time() {
        for line in [
            "[00:00:15 → 00:01:02] Chris Moore: Welcome.",
            "[00:00:15 --> 00:01:02] Chris Moore: Welcome.",
            "(00:00:15 - 00:01:02) Chris Moore: Welcome.",
        ] {
            let t = turn(line).expect(line);
            assert_eq!(
                (t.name, t.time, t.text),
                ("Chris Moore", Some("00:00:15"), "Welcome."),
                "{line}"
            );
        }
        // Not a range of times: no label's time.
        assert_eq!(turn("[00:00:15 → soon] Chris Moore: Welcome."), None);
        assert_eq!(time_mark("[00:00:44]"), Some("00:00:44"));
        assert_eq!(time_mark("(0:00:44)"), Some("0:00:44"));
        assert_eq!(time_mark("00:00:44"), Some("00:00:44"));
        assert_eq!(time_mark("[00:00:44,120]"), Some("00:00:44,120"));
        let t = turn("[00:00:15,000] Chris Moore: Welcome.").expect("SRT's milliseconds");
        assert_eq!((t.name, t.time), ("Chris Moore", Some("00:00:15,000")));
        for text in ["[6:00]", "[00:00:44", "[music]", "[00:00:44] hi", "[1:02,3]", "[1:02,]"] {
            assert_eq!(time_mark(text), None, "{text}");
        }
        for (line, name, time) in [
            ("Danyel Fisher (00:00:08.000)", "Danyel Fisher", "00:00:08.000"),
            ("Danyel Fisher (00:00:08,000)", "Danyel Fisher", "00:00:08,000"),
            ("Speaker 1 [00:05]", "Speaker 1", "00:05"),
        ] {
            let (t, needs) = pending_turn(line).expect(line);
            assert_eq!((t.name, t.time, t.text, needs), (name, Some(time), "", Needs::Text));
            // A label where text follows, not another label or nothing.
            assert!(confirmed(needs, "I wanted to start."));
            assert!(!confirmed(needs, "Host: Welcome."));
            assert!(!confirmed(needs, ""));
        }
        // Prose, a clock time, or no space before the bracket: text.
        for line in ["and then we left (10:30)", "Danyel Fisher(00:00:08)", "Note: (00:05)x"] {
            assert!(line_turn(line).is_none_or(|t| t.time.is_none()), "{line}");
            assert!(pending_turn(line).is_none(), "{line}");
        }
        // Fathom's: indented text below; the first at 0:00.
        let (t, needs) = pending_turn("0:00 - Jane Smith (Acme)").expect("Fathom's");
        assert_eq!((t.name, needs, at_zero(&t)), ("Jane Smith (Acme)", Needs::Indented, true));
        assert!(confirmed(needs, "  So, the budget.") && !confirmed(needs, "So, the budget."));
        for space in ['\u{a0}', '\u{3000}', '\u{202f}', '\u{2007}'] {
            assert!(confirmed(needs, &format!("{space}So, the budget.")), "indented by {space:?}");
        }
        assert!(!at_zero(&pending_turn("9:00 - Opening Remarks").expect("a candidate").0));
    }
}
