//! Time stamps as f4transkript and MAXQDA write them, `#00:01:02-3#`
//! (hours, minutes, seconds, tenths): at the end of each paragraph, the
//! moment it ends (and so the next one starts), or before a line's label.

use crate::model::ConversationFile;

/// `#hh:mm:ss-d#`'s time, `hh:mm:ss` (the tenths dropped, as paragraph
/// times are for finding a place in the recording), if `s` is one.
pub(super) fn stamp(s: &str) -> Option<&str> {
    let inner = s.strip_prefix('#')?.strip_suffix('#')?;
    let (time, tenths) = inner.split_once('-').unwrap_or((inner, "0"));
    let clock = time.len() == 8
        && time
            .bytes()
            .enumerate()
            .all(|(i, b)| if i % 3 == 2 { b == b':' } else { b.is_ascii_digit() });
    (clock && !tenths.is_empty() && tenths.bytes().all(|b| b.is_ascii_digit())).then_some(time)
}

/// `paragraph` without the stamp it ends with, and the stamp's time.
pub(in crate::import) fn trailing(paragraph: &str) -> Option<(&str, &str)> {
    let trimmed = paragraph.trim_end();
    // After the last white space, which may be wider than a byte (U+3000).
    let at = trimmed
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let time = stamp(&trimmed[at..])?;
    Some((trimmed[..at].trim_end(), time))
}

/// Takes the stamps off the ends of `file`'s paragraphs: each paragraph
/// that has no time of its own starts when the one before it (in the order
/// spoken) ended. A paragraph that is only a stamp is left as it is.
pub(super) fn take_trailing(file: &mut ConversationFile) {
    let mut ended: Option<String> = None;
    for section in &mut file.sections {
        let n = section.paragraphs.len();
        let mut times = std::mem::take(&mut section.times);
        times.resize(n, String::new());
        for (paragraph, time) in section.paragraphs.iter_mut().zip(&mut times) {
            if let Some(start) = ended.take()
                && time.is_empty()
            {
                *time = start;
            }
            if let Some((text, end)) = trailing(paragraph).filter(|(text, _)| !text.is_empty()) {
                ended = Some(end.to_owned());
                *paragraph = text.to_owned();
            }
        }
        if times.iter().any(|t| !t.is_empty()) {
            section.times = times;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SectionFile;

    #[test]
    fn stamps_are_read_and_taken_off_the_ends_of_paragraphs() {
        assert_eq!(stamp("#00:00:05-2#"), Some("00:00:05"));
        assert_eq!(stamp("#01:02:03#"), Some("01:02:03"));
        // Wide white space before a stamp, or ending a paragraph.
        assert_eq!(trailing("好的。\u{3000}#00:00:05-2#"), Some(("好的。", "00:00:05")));
        assert_eq!(trailing("欢迎大家\u{3000}"), None);
        for not in ["#5#", "#00:00:05-#", "00:00:05", "#0:00:05-2#", "#hashtag#"] {
            assert_eq!(stamp(not), None, "{not}");
        }
        let section = |who: &str, paragraphs: &[&str]| SectionFile {
            contributor: who.into(),
            paragraphs: paragraphs.iter().map(|p| (*p).to_owned()).collect(),
            ..Default::default()
        };
        let mut file = ConversationFile {
            sections: vec![
                section("i", &["Wie kamen Sie zur Pflege? #00:00:05-2#"]),
                section("b", &["Zufall. #00:00:21-7#", "Und dann #blieb# ich."]),
                section("i", &["Wie lange? #00:00:24-0#"]),
            ],
            ..Default::default()
        };
        take_trailing(&mut file);
        assert_eq!(file.sections[0].paragraphs, ["Wie kamen Sie zur Pflege?"]);
        assert_eq!(file.sections[0].times, Vec::<String>::new(), "the first has no start");
        assert_eq!(file.sections[1].paragraphs, ["Zufall.", "Und dann #blieb# ich."]);
        assert_eq!(file.sections[1].times, ["00:00:05", "00:00:21"]);
        // After a paragraph with no stamp, no start is known.
        assert_eq!(file.sections[2].paragraphs, ["Wie lange?"]);
        assert_eq!(file.sections[2].times, Vec::<String>::new());
    }
}
