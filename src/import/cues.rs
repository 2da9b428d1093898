//! The text of subtitle cues: timestamps, markup tags, character
//! references, and joining cue text (no space between CJK characters).

/// `hh:mm:ss.ttt` or `mm:ss.ttt` (`,` for `.` as SRT writes it; the
/// fraction may be missing) in milliseconds.
pub(super) fn timestamp(s: &str) -> Option<u64> {
    let (clock, frac) = match s.rfind(['.', ',']) {
        Some(at) => (&s[..at], &s[at + 1..]),
        None => (s, "000"),
    };
    if frac.is_empty() || frac.len() > 3 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let ms: u64 = format!("{frac:0<3}").parse().ok()?;
    let parts: Vec<&str> = clock.split(':').collect();
    let digits =
        |p: &str, max: usize| (1..=max).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
    let (h, m, sec) = match parts.as_slice() {
        [h, m, s] if digits(h, 6) && digits(m, 2) && digits(s, 2) => (*h, *m, *s),
        [m, s] if digits(m, 2) && digits(s, 2) => ("0", *m, *s),
        _ => return None,
    };
    let (h, m, sec): (u64, u64, u64) = (h.parse().ok()?, m.parse().ok()?, sec.parse().ok()?);
    (m < 60 && sec < 60).then_some(((h * 60 + m) * 60 + sec) * 1000 + ms)
}

/// `HH:MM:SS` for `ms`.
pub(super) fn clock(ms: u64) -> String {
    let s = ms / 1000;
    format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

/// Whether `c` is written without spaces between words (Chinese, Japanese).
pub(super) fn cjk(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}'
        | '\u{f900}'..='\u{faff}' | '\u{ff00}'..='\u{ffef}')
}

/// Whether joining text ending in `last` to text starting with `next`
/// takes a space: yes, but not between CJK characters (nor next to nothing).
pub(super) fn spaced(last: Option<char>, next: Option<char>) -> bool {
    match (last, next) {
        (Some(a), Some(b)) => !(cjk(a) && cjk(b)),
        _ => false,
    }
}

/// Appends `more` to `text`: a space between, but none between CJK characters.
pub(super) fn join(text: &mut String, more: &str) {
    if spaced(text.chars().next_back(), more.chars().next()) {
        text.push(' ');
    }
    text.push_str(more);
}

/// `&amp;`, `&lt;`, `&gt;`, `&nbsp;`, `&quot;`, `&apos;`, `&lrm;`, `&rlm;`
/// and numeric references decoded; anything else left as it is.
pub(super) fn entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest[1..].find(';').map(|e| e + 1).filter(|&e| e <= 10);
        let decoded = end.and_then(|e| match &rest[1..e] {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "nbsp" => Some('\u{a0}'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "lrm" => Some('\u{200e}'),
            "rlm" => Some('\u{200f}'),
            n => {
                let n = n.strip_prefix('#')?;
                let code = match n.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                    None => n.parse().ok()?,
                };
                char::from_u32(code).filter(|&c| c != '\0')
            }
        });
        match (decoded, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Markup tags crosstalk strips: WebVTT's and the few SRT files carry.
const TAGS: &[&str] = &["c", "i", "b", "u", "v", "ruby", "rt", "lang", "font", "s"];

/// `line` without the override blocks SSA/ASS styling leaves in SRT files
/// (`{\an8}` to place a cue at the top, `{\i1}`): a `{` followed by a
/// backslash, up to the next `}`.
fn without_overrides(line: &str) -> std::borrow::Cow<'_, str> {
    if !line.contains("{\\") {
        return line.into();
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find("{\\") {
        let Some(end) = rest[at..].find('}') else { break };
        out.push_str(&rest[..at]);
        rest = &rest[at + end + 1..];
    }
    out.push_str(rest);
    out.into()
}

/// Splits one line of cue text at its tags: text runs, and the voice each
/// `<v Name>` starts (`Some(name)`). Other known tags, timestamp tags and
/// SSA override blocks (`{\an8}`) are dropped; a `<` that opens no known
/// tag is text.
pub(super) fn tags(line: &str) -> Vec<(Option<String>, String)> {
    let line = without_overrides(line);
    let mut out: Vec<(Option<String>, String)> = vec![(None, String::new())];
    let mut rest: &str = &line;
    while let Some(at) = rest.find('<') {
        if let Some((_, t)) = out.last_mut() {
            t.push_str(&rest[..at]);
        }
        rest = &rest[at..];
        let Some(close) = rest.find('>') else { break };
        let inner = &rest[1..close];
        let body = inner.strip_prefix('/').unwrap_or(inner);
        let name = body.split(['.', ' ', '\t']).next().unwrap_or_default();
        let known = TAGS.contains(&name.to_ascii_lowercase().as_str())
            || (body.starts_with(|c: char| c.is_ascii_digit()) && timestamp(body).is_some());
        if !known {
            if let Some((_, t)) = out.last_mut() {
                t.push('<');
            }
            rest = &rest[1..];
            continue;
        }
        if name.eq_ignore_ascii_case("v") && !inner.starts_with('/') {
            // One space between words: `<v  Lars  Jensen >` is `Lars Jensen`.
            let voice = body.split_once([' ', '\t']).map_or("", |(_, v)| v);
            let voice = entities(voice).split_whitespace().collect::<Vec<_>>().join(" ");
            if !voice.is_empty() {
                out.push((Some(voice), String::new()));
            }
        }
        rest = &rest[close + 1..];
    }
    if let Some((_, t)) = out.last_mut() {
        t.push_str(rest);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_and_clock() {
        assert_eq!(timestamp("00:00:01.500"), Some(1_500));
        assert_eq!(timestamp("01:02:03,004"), Some(3_723_004));
        assert_eq!(timestamp("02:03.4"), Some(123_400));
        assert_eq!(timestamp("1:61:00.000"), None);
        assert_eq!(timestamp("00:00:01."), None);
        assert_eq!(timestamp("ab:cd"), None);
        assert_eq!(clock(3_723_004), "01:02:03");
    }

    #[test]
    fn tags_and_entities() {
        let t = tags("<v.loud Jane Smith><i>Hi</i> <00:00:01.000>there &amp; a < b</v>");
        assert_eq!(
            t,
            [(None, String::new()), (Some("Jane Smith".into()), "Hi there &amp; a < b".into())]
        );
        // Whitespace in a voice's name is one space (`&nbsp;` too).
        let t = tags("<v  Lars \t Jensen >Hi</v><v Ana&nbsp;Ruiz>Yo");
        let voices: Vec<Option<String>> = t.into_iter().map(|(v, _)| v).collect();
        assert_eq!(voices, [None, Some("Lars Jensen".into()), Some("Ana Ruiz".into())]);
        assert_eq!(
            entities("a &amp; b &lt;c&gt; &nbsp;&#233;&#x4e2d; &bogus; &"),
            "a & b <c> \u{a0}é中 &bogus; &"
        );
    }

    #[test]
    fn ssa_override_blocks_are_dropped() {
        let t = tags("{\\an8}ANNA: Top {\\i1}of{\\i0} screen. {not an override} {\\unclosed");
        assert_eq!(t, [(None, "ANNA: Top of screen. {not an override} {\\unclosed".to_owned())]);
    }

    #[test]
    fn cjk_joins_without_a_space() {
        let mut s = "我想".to_owned();
        join(&mut s, "两点。");
        join(&mut s, "OK");
        assert_eq!(s, "我想两点。 OK");
    }
}
