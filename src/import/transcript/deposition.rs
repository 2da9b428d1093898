//! A deposition's (or a trial's) transcript as court reporters set it: an
//! examination opens with the examiner on a line of its own (`BY MR.
//! HARRIS:`), then questions and answers by letter (`     Q.   Where do you
//! work?`, `     A.   At Acme.`), with the lawyers' and the witness's
//! colloquy labelled between them (`MS. LEE:  Objection, form.`, `THE
//! WITNESS:  Since 2015.`). The questions are the examiner's, until
//! another `BY` line; the answers the witness's.

use super::Turn;

/// Whom the answers of an examination are given to: the name court
/// reporters give the witness in colloquy.
pub(in crate::import) const WITNESS: &str = "THE WITNESS";

/// The examiner a line names (`BY MR. HARRIS:`, `BY MS. LEE:`), if it is
/// such a line: `BY`, a name in capitals after an honorific, a colon,
/// nothing after it (meeting notes' `By March:` or `By Friday:` is text).
pub(in crate::import) fn examiner(line: &str) -> Option<&str> {
    let name = line.trim().strip_prefix("BY ")?.strip_suffix([':', '：'])?.trim();
    let first = name.split_whitespace().next()?;
    (crate::model::names::honorific(first).is_some()
        && name.split_whitespace().count() >= 2
        && !name.contains(char::is_lowercase)
        && super::labels::is_name(name))
    .then_some(name)
}

/// A question or an answer by letter (`Q.   Where…`, `A. At Acme.`), read
/// as a turn only during an examination (see [`examiner`]).
pub(in crate::import) fn letter(line: &str) -> Option<Turn<'_>> {
    let line = line.trim();
    let name = line.get(..1).filter(|l| matches!(*l, "Q" | "A"))?;
    let text = line[1..].strip_prefix('.')?;
    (text.starts_with(char::is_whitespace) && !text.trim().is_empty()).then(|| Turn {
        name,
        time: None,
        text: text.trim(),
        otter: false,
        lead: None,
    })
}

/// The speaker of a turn labelled `name` during the examination by
/// `examiner`: `Q` is the examiner, `A` the witness; any other label is
/// its own.
pub(in crate::import) fn speaker<'a>(name: &'a str, examiner: Option<&'a str>) -> &'a str {
    match (name, examiner) {
        ("Q", Some(by)) => by,
        ("A", Some(_)) => WITNESS,
        _ => name,
    }
}

/// Whether `line` is a heading of an examination, in capitals
/// (`EXAMINATION`, `CROSS-EXAMINATION`, `FURTHER EXAMINATION`): it opens
/// the turn that follows it.
pub(in crate::import) fn heading(line: &str) -> bool {
    let line = line.trim();
    line.contains("EXAMINATION")
        && !line.contains(char::is_lowercase)
        && line.split_whitespace().count() <= 4
        && line.chars().all(|c| c.is_alphabetic() || matches!(c, ' ' | '-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_examination_gives_its_questions_to_the_examiner() {
        assert_eq!(examiner("BY MR. HARRIS:"), Some("MR. HARRIS"));
        assert_eq!(examiner("  BY MS. LEE:  "), Some("MS. LEE"));
        for line in [
            "BY MR. HARRIS: Thank you.",
            "BY THE WAY, I left:",
            "BYMR. X:",
            "MR. HARRIS:",
            "By March:",
            "By Ms. Lee:",
            "BY MARCH:",
        ] {
            assert_eq!(examiner(line), None, "{line}");
        }
        let t = letter("     Q.   Good morning.").expect("a question");
        assert_eq!((t.name, t.text), ("Q", "Good morning."));
        assert_eq!(letter("A. Yes.").map(|t| t.name), Some("A"));
        for line in ["Q.", "Q.Yes", "I. Me.", "Quite. So.", "A.B. Smith: hi"] {
            assert!(letter(line).is_none(), "{line}");
        }
        assert_eq!(speaker("Q", Some("MR. HARRIS")), "MR. HARRIS");
        assert_eq!(speaker("A", Some("MR. HARRIS")), WITNESS);
        assert_eq!(speaker("Q", None), "Q");
        assert_eq!(speaker("MS. LEE", Some("MR. HARRIS")), "MS. LEE");
        assert!(heading("                      EXAMINATION"));
        assert!(heading("CROSS-EXAMINATION"));
        assert!(!heading("Examination"));
        assert!(!heading("EXAMINATION OF THE WITNESS BY THE COURT, CONTINUED"));
    }
}
