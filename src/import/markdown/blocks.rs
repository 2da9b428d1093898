//! The Markdown body as blocks: headings and paragraphs (raw lines, still
//! escaped), each with the time written before it (`<!-- 00:01:02 -->`).
//! Read as CommonMark renders them: a thematic break (`***`, `- - -`)
//! ends a paragraph and is no text; a line of `=` or `-` under a one-line
//! paragraph makes it a heading (a setext heading); a block quote is a
//! paragraph that keeps one `>` before its text; a fenced code block is a
//! paragraph of its lines as written.

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
        /// A fenced code block's lines, to be kept as written.
        verbatim: bool,
    },
}

impl<'a> Block<'a> {
    pub(super) fn line(&self) -> usize {
        match self {
            Block::Heading { line, .. } | Block::Para { line, .. } => *line,
        }
    }

    /// The block's text, decoded ([`text`]; a code block's lines as they are).
    pub(super) fn text(&self) -> String {
        match self {
            Block::Heading { text: t, .. } => text([*t]),
            Block::Para { lines, verbatim: true, .. } => lines.join("\n"),
            Block::Para { lines, .. } => text(lines.iter().copied()),
        }
    }

    fn para(line: usize, lines: Vec<&'a str>, time: String, follows: bool) -> Self {
        Block::Para { line, lines, time, follows, verbatim: false }
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
            out.push(Block::para(line, vec![raw], String::new(), false));
        }
    };
    let mut fence: Option<Fence<'a>> = None;
    // The line that opened the fence.
    let mut open = "";
    // How many quotes the paragraph being read is in (0: none).
    let mut quoted = 0;
    let lines: Vec<(usize, &'a str)> = lines.collect();
    let closes = closable(lines.iter().map(|&(_, l)| l));
    for (i, &(n, line)) in lines.iter().enumerate() {
        if let Some(f) = fence.as_mut() {
            if f.closed_by(line) {
                out.extend(fence.take().map(|f| f.block(open, line)));
            } else {
                f.lines.push(f.unindent(line));
            }
            continue;
        }
        if let Some((level, text)) = heading(line) {
            out.extend(para.take());
            lists.close();
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
        // A fence no line closes is text (CommonMark would make the rest
        // of the section code: a stray one would hide every speaker after).
        if closes[i]
            && let Some(f) = Fence::opened_by(n, line)
        {
            open = line;
            out.extend(para.take());
            lists.left_of(line);
            let time = pending.take().map(|(_, _, t)| t).unwrap_or_default();
            fence = Some(Fence { time, ..f });
            continue;
        }
        // A list item is no lazy line of a quote's paragraph: it ends it.
        if quoted > 0 && item(line).is_some() && quote(line).is_none() {
            out.extend(para.take());
        }
        if let Some(mark) = underline(line) {
            let rule = mark == b'-' && line.trim().len() >= 3;
            // In the container of the paragraph (not a lazy line of it).
            let (column, _) = indent(line.as_bytes());
            let within = lists.open.last().is_none_or(|&text| column >= text);
            match &para {
                // A heading's underline (`Name` / `----`): a one-line
                // paragraph is a heading (a subhead here); a longer one, or
                // a list item, stays a paragraph; an empty item has none.
                // An underline too short for its line, or under a sentence
                // or a label, is the rule its writer meant: the paragraph
                // ends, the same text either way.
                Some(Block::Para { lines, .. })
                    if quoted == 0
                        && within
                        && !(lines.len() == 1 && item(lines[0]).is_some_and(|i| i.empty())) =>
                {
                    if let Some(Block::Para { line: at, lines, time, follows, .. }) = para.take() {
                        match lines.as_slice() {
                            [one]
                                if item(one).is_none()
                                    && underlines(one, line)
                                    && !labelled(one) =>
                            {
                                out.push(Block::Heading { line: at, text: one.trim(), time })
                            }
                            _ => out.push(Block::para(at, lines, time, follows)),
                        }
                    }
                    continue;
                }
                // A rule ends the paragraph (and the lists it is left of)
                // and is no text; `===` and `--` go on with a paragraph.
                _ if rule => {
                    out.extend(para.take());
                    lists.left_of(line);
                    continue;
                }
                _ => {}
            }
        } else if rule_line(line) {
            out.extend(para.take());
            lists.left_of(line);
            continue;
        }
        if let Some((depth, inner)) = quote(line) {
            lists.close();
            // An underline or a rule in the quote ends its paragraph and
            // is no text (a heading in the quote keeps its text).
            let ends =
                quoted > 0 && para.is_some() && underline(inner).is_some() || rule_line(inner);
            match para.as_mut() {
                _ if inner.trim().is_empty() || ends => out.extend(para.take()),
                // A quote nested deeper opens a paragraph; a shallower line goes on
                // with it (lazily).
                Some(Block::Para { lines, .. }) if quoted >= depth => lines.push(inner),
                _ => {
                    out.extend(para.take());
                    let time = pending.take().map(|(_, _, t)| t).unwrap_or_default();
                    // The text keeps one `>`, from the last of the markers.
                    let from = line.len() - line.trim_start_matches(['>', ' ', '\t']).len();
                    let marker = line[..from].rfind('>').unwrap_or(0);
                    para = Some(Block::para(n, vec![&line[marker..]], time, false));
                    quoted = depth;
                }
            }
            continue;
        }
        if para.is_none() {
            quoted = 0;
        }
        // A time comment ends the paragraph (an HTML comment interrupts
        // one) and is the next one's time.
        if timed
            && para.is_some()
            && pending.is_none()
            && let Some(t) = time_comment(line)
        {
            out.extend(para.take());
            pending = Some((n, line, t));
            continue;
        }
        let opens = lists.opens(line, para.is_some());
        match para.as_mut() {
            Some(Block::Para { lines, .. }) if !opens => lines.push(line),
            Some(_) => {
                // A list's items are paragraphs of their own, as they render.
                out.extend(para.take());
                quoted = 0;
                para = Some(Block::para(n, vec![line], String::new(), true));
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
                para = Some(Block::para(n, vec![line], time, false));
            }
        }
    }
    out.extend(para.take());
    // (No fence is open here: one opens only where a line closes it.)
    out.extend(fence.map(|f| f.block(open, "")));
    flush_pending(&mut out, &mut pending);
    out
}

/// A fenced code block being read: opened by three or more backticks or
/// tildes, closed by as many of the same or more (or the end).
pub(super) struct Fence<'a> {
    line: usize,
    mark: u8,
    len: usize,
    /// The opening fence's indent: as much is taken off each line.
    indent: usize,
    lines: Vec<&'a str>,
    time: String,
}

impl<'a> Fence<'a> {
    pub(super) fn opened_by(n: usize, line: &str) -> Option<Self> {
        let (indent, at) = indent(line.as_bytes());
        let rest = &line[at..];
        let mark = *rest.as_bytes().first().filter(|&&c| c == b'`' || c == b'~')?;
        let len = rest.bytes().take_while(|&c| c == mark).count();
        // A backtick fence's info string has no backtick (else it is code).
        let ok = indent <= 3 && len >= 3 && !(mark == b'`' && rest[len..].contains('`'));
        ok.then(|| Fence { line: n, mark, len, indent, lines: Vec::new(), time: String::new() })
    }

    pub(super) fn closed_by(&self, line: &str) -> bool {
        bare_fence(line).is_some_and(|(mark, len)| mark == self.mark && len >= self.len)
    }

    /// `line` less the opening fence's indent, where it has that much.
    fn unindent(&self, line: &'a str) -> &'a str {
        let spaces = line.bytes().take(self.indent).take_while(|&c| c == b' ').count();
        &line[spaces..]
    }

    /// The code block as a paragraph, without the blank lines at its ends;
    /// one with nothing else is its fences' paragraph (opened by `open`,
    /// closed by `close`).
    fn block(mut self, open: &'a str, close: &'a str) -> Block<'a> {
        let blank = |l: &&str| l.trim().is_empty();
        // Nothing in it: its fences, as written (a section may hold no
        // other; read as a paragraph, they would be a code span).
        let Some(start) = self.lines.iter().position(|l| !blank(l)) else {
            let fences = [open.trim(), close.trim()].into_iter().filter(|l| !l.is_empty());
            return Block::Para {
                line: self.line,
                lines: fences.collect(),
                time: self.time,
                follows: false,
                verbatim: true,
            };
        };
        let end = self.lines.iter().rposition(|l| !blank(l)).map_or(start, |e| e + 1);
        self.lines.truncate(end);
        self.lines.drain(..start);
        Block::Para {
            line: self.line,
            lines: self.lines,
            time: self.time,
            follows: false,
            verbatim: true,
        }
    }
}

/// The lines of `text`, each with whether it is code: a fence (one that
/// a line closes, see [`closable`]) or a line between two.
pub(super) fn code_lines(text: &str) -> Vec<(&str, bool)> {
    let lines: Vec<&str> = super::fast::lines(text).collect();
    let closes = closable(lines.iter().copied());
    let mut fence: Option<Fence> = None;
    let mut out = Vec::with_capacity(lines.len());
    for (i, line) in lines.into_iter().enumerate() {
        let code = match &fence {
            Some(f) => {
                if f.closed_by(line) {
                    fence = None;
                }
                true
            }
            None => {
                fence = Fence::opened_by(0, line).filter(|_| closes[i]);
                fence.is_some()
            }
        };
        out.push((line, code));
    }
    out
}

/// Where the sections' (`## `) and any other top headings' (`# `) lines
/// start in `text`, as [`super::fast::headings`] finds them, but for those
/// in a fenced code block (where they are code).
pub(super) fn headings_outside_code(text: &str) -> (Vec<usize>, Option<usize>) {
    let (mut sections, mut level_one) = (Vec::new(), None);
    for (line, _) in code_lines(text).into_iter().filter(|&(_, code)| !code) {
        let at = line.as_ptr() as usize - text.as_ptr() as usize;
        if line.starts_with("## ") {
            sections.push(at);
        } else if line.starts_with("# ") {
            level_one.get_or_insert(at);
        }
    }
    (sections, level_one)
}

/// Whether a fenced code block is open at the end of `text`: a `#` line
/// after it, taken for a heading, was code.
pub(super) fn ends_in_code(text: &str) -> bool {
    let mut fence: Option<Fence> = None;
    for line in super::fast::lines(text) {
        match &fence {
            Some(f) if f.closed_by(line) => fence = None,
            Some(_) => {}
            None => fence = Fence::opened_by(0, line),
        }
    }
    fence.is_some()
}

/// For each of `lines`, whether a code fence it opens is closed by a line
/// further on (a bare fence of its mark, as long or longer) before the next
/// section's heading.
pub(super) fn closable<'a>(
    lines: impl DoubleEndedIterator<Item = &'a str> + ExactSizeIterator,
) -> Vec<bool> {
    let mut out = vec![false; lines.len()];
    // The longest bare fence of each mark (backticks, tildes) below.
    let mut longest = [0; 2];
    for (i, line) in lines.enumerate().rev() {
        // No code runs past a section's heading: a stray fence above one
        // is text, not the start of code a later fence would end.
        if line.starts_with("## ") {
            longest = [0; 2];
        }
        if let Some(f) = Fence::opened_by(0, line) {
            out[i] = longest[usize::from(f.mark == b'~')] >= f.len;
        }
        if let Some((mark, len)) = bare_fence(line) {
            let k = usize::from(mark == b'~');
            longest[k] = longest[k].max(len);
        }
    }
    out
}

/// The mark and length of a fence that could close code (only backticks
/// or tildes, three or more, after at most three spaces), if `line` is one.
fn bare_fence(line: &str) -> Option<(u8, usize)> {
    let (indent, at) = indent(line.as_bytes());
    let bare = line[at..].trim_end();
    let mark = *bare.as_bytes().first().filter(|&&c| c == b'`' || c == b'~')?;
    (indent <= 3 && bare.len() >= 3 && bare.bytes().all(|c| c == mark))
        .then_some((mark, bare.len()))
}

/// Whether `line` opens with a speaker's label (`Q: …`, `**A:** …`,
/// `SMITH: …`): no heading's text, whatever is under it.
fn labelled(line: &str) -> bool {
    super::qa::label(line).is_some() || crate::import::transcript::speaker_line(line)
}

/// Whether `underline` (a setext heading's underline) is one under `text`:
/// half its width at least, as tools write them, and `text` no sentence
/// ending in a period (a `---` under a long line or under `Yes.` is a
/// rule, as its writer meant it, though CommonMark would make the line a
/// heading).
pub(super) fn underlines(text: &str, underline: &str) -> bool {
    let text = text.trim();
    // A sentence (`Yes.`) with a rule under it is no heading either.
    let sentence = text.ends_with('.') && !text.ends_with("..");
    !sentence && underline.trim().len() * 2 >= unicode_width::UnicodeWidthStr::width(text)
}

/// How many quotes a block quote's line is in and its text after their
/// markers (`> > text`: 2, `text`), if the line is one (a `>` after at
/// most three spaces).
fn quote(line: &str) -> Option<(usize, &str)> {
    let (indent, at) = indent(line.as_bytes());
    if indent > 3 || !line[at..].starts_with('>') {
        return None;
    }
    let mut rest = &line[at..];
    let mut depth = 0;
    while let Some(after) = rest.strip_prefix('>') {
        depth += 1;
        rest = after.strip_prefix([' ', '\t']).unwrap_or(after);
        let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        if !rest[spaces..].starts_with('>') {
            break;
        }
        rest = &rest[spaces..];
    }
    Some((depth, rest))
}

/// The mark of a setext heading's underline (`=` or `-`: only that,
/// after at most three spaces, then spaces), if `line` is one.
pub(super) fn underline(line: &str) -> Option<u8> {
    let (indent, at) = indent(line.as_bytes());
    let body = line[at..].trim_end();
    let mark = *body.as_bytes().first()?;
    (indent <= 3 && matches!(mark, b'=' | b'-') && body.bytes().all(|c| c == mark)).then_some(mark)
}

/// Whether `line` (not a heading's) is read otherwise than as a line of
/// text or a list item: a rule, an underline, a block quote's line or a
/// code fence.
pub(super) fn special(line: &str) -> bool {
    underline(line).is_some() || rule_line(line) || quote(line).is_some() || {
        let (indent, at) = indent(line.as_bytes());
        let rest = &line[at..];
        indent <= 3 && (rest.starts_with("```") || rest.starts_with("~~~"))
    }
}

/// A thematic break after at most three spaces (`***`, `- - -`, `___`).
pub(super) fn rule_line(line: &str) -> bool {
    let (indent, at) = indent(line.as_bytes());
    indent <= 3 && rule(line[at..].trim_end().as_bytes())
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
    /// Every list closed (by a heading or a quote).
    fn close(&mut self) {
        self.open.clear();
        self.empty = None;
    }

    /// The items `line` (a rule or a fence) is left of closed.
    fn left_of(&mut self, line: &str) {
        let (indent, _) = indent(line.as_bytes());
        self.open.truncate(self.open.partition_point(|&text| text <= indent));
        self.empty = None;
    }

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
/// break; other lines are joined by a space, as Markdown reads them; inline
/// markup, escapes and character references give the text they render
/// ([`super::inline`]).
pub(super) fn text<'a>(lines: impl IntoIterator<Item = &'a str, IntoIter: Clone>) -> String {
    let lines = lines.into_iter();
    let mut raw = String::new();
    let mut pending: Option<Break> = None;
    for line in lines.clone() {
        match pending {
            Some(Break::Soft) => raw.push(' '),
            Some(Break::Backslash | Break::Spaces) => raw.push('\n'),
            None => {}
        }
        let body = line.trim();
        // (A backslash with a space after it ends no line: it is text.)
        let backslashes = line.len() - line.trim_end_matches('\\').len();
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
    // Most paragraphs have no byte that could start markup.
    if !raw.bytes().any(super::inline::special) {
        return raw;
    }
    super::inline::render(lines, &raw)
}
