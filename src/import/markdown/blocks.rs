//! The Markdown body as blocks: headings and paragraphs (raw lines, still
//! escaped), each with the time written before it (`<!-- 00:01:02 -->`).

use crate::export::markdown::unescape;

/// A heading or a paragraph, with its 1-based line and its time (`""` if none).
#[derive(Debug)]
pub(super) enum Block<'a> {
    Heading { line: usize, text: &'a str, time: String },
    Para { line: usize, lines: Vec<&'a str>, time: String },
}

impl Block<'_> {
    pub(super) fn line(&self) -> usize {
        match self {
            Block::Heading { line, .. } | Block::Para { line, .. } => *line,
        }
    }
}

/// The level and text of an ATX heading line (`### Text`).
pub(super) fn heading(line: &str) -> Option<(usize, &str)> {
    let level = line.len() - line.trim_start_matches('#').len();
    let rest = &line[level..];
    (level > 0 && rest.starts_with(' ')).then(|| (level, closing(rest.trim())))
}

/// `text` without an ATX closing sequence (`Text ##`); an escaped `\#` is text.
fn closing(text: &str) -> &str {
    let open = text.trim_end_matches('#');
    if open.len() < text.len() && (open.is_empty() || open.ends_with(' ')) {
        open.trim_end()
    } else {
        text
    }
}

/// The time in a line that is only `<!-- TIME -->` (no spaces in TIME).
pub(super) fn time_comment(line: &str) -> Option<String> {
    let inner = line.trim().strip_prefix("<!-- ")?.strip_suffix(" -->")?;
    (!inner.is_empty() && !inner.contains(char::is_whitespace) && !inner.contains("--"))
        .then(|| unescape(inner))
}

/// The blocks of `lines`. Time comments count only once `timed` (after the
/// first section heading); a time with nothing after it stays as text.
pub(super) fn blocks<'a>(
    lines: impl Iterator<Item = (usize, &'a str)>,
    timed_from_first_section: bool,
) -> Vec<Block<'a>> {
    let mut out = Vec::new();
    let mut para: Option<Block<'a>> = None;
    let mut pending: Option<(usize, &'a str, String)> = None;
    let mut timed = !timed_from_first_section;
    let flush_pending = |out: &mut Vec<Block<'a>>,
                         pending: &mut Option<(usize, &'a str, String)>| {
        if let Some((line, raw, _)) = pending.take() {
            out.push(Block::Para { line, lines: vec![raw], time: String::new() });
        }
    };
    for (n, line) in lines {
        if let Some((level, text)) = heading(line) {
            out.extend(para.take());
            timed |= level == 2;
            // A time before a section heading belongs to no paragraph.
            let time = match level {
                2 => {
                    flush_pending(&mut out, &mut pending);
                    String::new()
                }
                _ => pending.take().map(|(_, _, t)| t).unwrap_or_default(),
            };
            out.push(Block::Heading { line: n, text, time });
            continue;
        }
        if line.trim().is_empty() {
            out.extend(para.take());
            continue;
        }
        if line.trim() == "---" {
            continue;
        }
        match para.as_mut() {
            Some(Block::Para { lines, .. }) => lines.push(line),
            _ => {
                if timed
                    && pending.is_none()
                    && let Some(t) = time_comment(line)
                {
                    pending = Some((n, line, t));
                    continue;
                }
                let time = pending.take().map(|(_, _, t)| t).unwrap_or_default();
                para = Some(Block::Para { line: n, lines: vec![line], time });
            }
        }
    }
    out.extend(para.take());
    flush_pending(&mut out, &mut pending);
    out
}

/// How a line of a paragraph ended.
#[derive(Clone, Copy)]
enum Break {
    Soft,
    Backslash,
    Spaces,
}

/// The text of a paragraph's raw lines, decoded: a line ending in an odd
/// number of backslashes (or two spaces) is a hard break, kept as a line
/// break; other lines are joined by a space, as Markdown reads them.
pub(super) fn text<'a>(lines: impl IntoIterator<Item = &'a str>) -> String {
    let mut raw = String::new();
    let mut pending: Option<Break> = None;
    for line in lines {
        match pending {
            Some(Break::Soft) => raw.push(' '),
            Some(Break::Backslash | Break::Spaces) => raw.push('\n'),
            None => {}
        }
        let body = line.trim();
        let backslashes = body.len() - body.trim_end_matches('\\').len();
        pending = Some(if backslashes % 2 == 1 {
            raw.push_str(&body[..body.len() - 1]);
            Break::Backslash
        } else {
            raw.push_str(body);
            if line.ends_with("  ") { Break::Spaces } else { Break::Soft }
        });
    }
    // A backslash ending the last line was no break but a backslash.
    if matches!(pending, Some(Break::Backslash)) {
        raw.push('\\');
    }
    // Only `\` and `&` start an escape: most paragraphs have neither.
    if memchr::memchr2(b'\\', b'&', raw.as_bytes()).is_none() {
        return raw;
    }
    unescape(&raw)
}
