//! The Markdown body as blocks: headings and paragraphs (raw lines, still
//! escaped), each with the time written before it (`<!-- 00:01:02 -->`).

use crate::export::markdown::unescape;

/// A heading or a paragraph, with its 1-based line and its time (`""` if none).
#[derive(Debug)]
pub(super) enum Block<'a> {
    Heading {
        line: usize,
        text: &'a str,
        time: String,
    },
    /// `follows`: a list item right under the paragraph before (no blank
    /// line between), which Markdown renders apart but which counts as
    /// part of that paragraph when telling turns from prose.
    Para {
        line: usize,
        lines: Vec<&'a str>,
        time: String,
        follows: bool,
    },
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
    let mut lists = Lists::default();
    let flush_pending = |out: &mut Vec<Block<'a>>,
                         pending: &mut Option<(usize, &'a str, String)>| {
        if let Some((line, raw, _)) = pending.take() {
            out.push(Block::Para { line, lines: vec![raw], time: String::new(), follows: false });
        }
    };
    for (n, line) in lines {
        if let Some((level, text)) = heading(line) {
            out.extend(para.take());
            lists.open.clear();
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
        let opens = lists.opens(line, para.is_some());
        match para.as_mut() {
            Some(Block::Para { lines, .. }) if !opens => lines.push(line),
            Some(_) => {
                // A list's items are paragraphs of their own, as they render.
                out.extend(para.take());
                let time = String::new();
                para = Some(Block::Para { line: n, lines: vec![line], time, follows: true });
            }
            None => {
                if timed
                    && pending.is_none()
                    && let Some(t) = time_comment(line)
                {
                    pending = Some((n, line, t));
                    continue;
                }
                let time = pending.take().map(|(_, _, t)| t).unwrap_or_default();
                para = Some(Block::Para { line: n, lines: vec![line], time, follows: false });
            }
        }
    }
    out.extend(para.take());
    flush_pending(&mut out, &mut pending);
    out
}

/// The list items open at a line, as CommonMark keeps them (the column of
/// each one's text, outermost first): enough to tell where an item opens.
#[derive(Default)]
struct Lists {
    open: Vec<usize>,
    /// The text column of the item the line before opened, if it opened
    /// one with no text: it holds no paragraph a line left of that column
    /// could go on with.
    empty: Option<usize>,
}

impl Lists {
    /// Whether `line` opens a list item, `in_paragraph` if it would
    /// otherwise go on with the paragraph before (CommonMark's rules: a
    /// marker at most three columns right of the innermost item it is
    /// within, or of the margin; in the middle of a paragraph in that
    /// item, a new list opens only with a bullet or the number 1, and
    /// text). Items the line is left of are closed, unless it goes on
    /// with their paragraph.
    fn opens(&mut self, line: &str, in_paragraph: bool) -> bool {
        let (indent, _) = indent(line.as_bytes());
        let within = self.open.partition_point(|&text| text <= indent);
        let margin = within.checked_sub(1).map_or(0, |i| self.open[i]);
        let empty = self.empty.take();
        if let Some(it) = item(line)
            && it.indent - margin <= 3
            && (!in_paragraph
                || empty.is_some()
                || within < self.open.len()
                || (it.one && it.has_text))
        {
            self.open.truncate(within);
            self.open.push(it.text);
            self.empty = (!it.has_text).then_some(it.text);
            return true;
        }
        // A line left of an empty item's text is a paragraph of its own
        // (`-` then `foo`: the item stays empty).
        if in_paragraph && empty.is_some_and(|text| indent < text) {
            self.open.truncate(within);
            return true;
        }
        if !in_paragraph {
            self.open.truncate(within);
        }
        false
    }
}

/// A list item's marker opening a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Item {
    /// The marker's column.
    indent: usize,
    /// The column of the item's text (past the marker and up to four
    /// spaces; one space if there are more, or no text).
    text: usize,
    /// A bullet, or the number 1.
    one: bool,
    has_text: bool,
}

impl Item {
    /// No text follows the marker.
    pub(super) fn empty(&self) -> bool {
        !self.has_text
    }
}

/// The column after a space or a tab (to the next multiple of 4) at
/// `column`.
fn past(column: usize, c: u8) -> usize {
    if c == b'\t' { column / 4 * 4 + 4 } else { column + 1 }
}

/// The columns and bytes of `line`'s indent.
fn indent(line: &[u8]) -> (usize, usize) {
    let at = line.iter().take_while(|&&c| c == b' ' || c == b'\t').count();
    (line[..at].iter().fold(0, |column, &c| past(column, c)), at)
}

/// The list item `line` opens, if it opens one: after spaces or tabs, `-`,
/// `+` or `*`, or one to nine digits and `.` or `)`, then a space, a tab or
/// the line's end (`**Q:**`, `-5 °C` and `1.5` open none). A rule
/// (`* * *`, `- - -`) is not an item.
pub(super) fn item(line: &str) -> Option<Item> {
    let (indent, at) = indent(line.as_bytes());
    let rest = &line.as_bytes()[at..];
    let (marker, one) = match *rest.first()? {
        b'-' | b'+' | b'*' => (1, true),
        b'0'..=b'9' => {
            let digits = rest.iter().take_while(|c| c.is_ascii_digit()).count();
            if digits > 9 || !matches!(rest.get(digits), Some(b'.' | b')')) {
                return None;
            }
            let number = &rest[..digits];
            let one = number.ends_with(b"1") && number[..digits - 1].iter().all(|&c| c == b'0');
            (digits + 1, one)
        }
        _ => return None,
    };
    let after = &rest[marker..];
    if after.first().is_some_and(|&c| c != b' ' && c != b'\t') || rule(rest) {
        return None;
    }
    let has_text = after.iter().any(|c| !c.is_ascii_whitespace());
    // The columns of the gap after the marker: the text starts past it if
    // it is four columns at most, else a column past the marker (the rest
    // is the text's own indent).
    let at = indent + marker;
    let gap =
        after.iter().take_while(|&&c| c == b' ' || c == b'\t').fold(at, |col, &c| past(col, c))
            - at;
    let gap = if has_text && (1..=4).contains(&gap) { gap } else { 1 };
    Some(Item { indent, text: at + gap, one, has_text })
}

/// A thematic break: three or more of one of `-`, `*`, `_`, with only
/// spaces or tabs between.
fn rule(line: &[u8]) -> bool {
    let Some(&mark) = line.first() else { return false };
    let marks = line.iter().filter(|&&c| c == mark).count();
    matches!(mark, b'-' | b'*' | b'_')
        && marks >= 3
        && line.iter().all(|&c| c == mark || c == b' ' || c == b'\t')
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
