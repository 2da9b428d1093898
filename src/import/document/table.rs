//! Tables: read cell by cell (spans, cells merged down), then laid out as
//! lines of text. A table of turns — a column of who spoke, one of what
//! they said, perhaps one of times — becomes labelled lines (`[00:00:06]
//! Fatima Al-Sayed: It was…`), so that the transcript reader needs no
//! clues from the layout; any other table a line a row, its cells parted
//! by tabs, as Word saves a table as text.

/// What a table's first row may say of its columns and nothing else,
/// besides the speakers' and the times' headings ([`SPEAKER`], [`TIME`]).
const HEADINGS: &[&str] = &[
    "end",
    "end time",
    "text",
    "transcript",
    "transcription",
    "utterance",
    "content",
    "dialogue",
    "dialog",
    "what was said",
    "response",
    "responses",
    "answer",
    "question",
    "quote",
    "verbatim",
    "statement",
    "speech",
    "comment",
    "comments",
    "notes",
    "line",
    "#",
    "no.",
    "inhalt",
    "texte",
    "texto",
    "内容",
];

/// Whether a table's first row only names its columns: each cell a
/// heading crosstalk knows (`Speaker`, `Time`, `Text`, …), or one naming
/// the speakers' column and the others a few words without a sentence's
/// end (`Participant | Response (verbatim)`).
fn only_headings(cells: &[&str]) -> bool {
    let known = |c: &&str| {
        let c = heading(c);
        c.is_empty() || [HEADINGS, SPEAKER, TIME].iter().any(|words| words.contains(&c.as_str()))
    };
    let few =
        |c: &&str| c.split_whitespace().count() <= 4 && !c.contains(['.', '?', '!', '。', '？']);
    cells.iter().any(|c| !c.trim().is_empty())
        && (cells.iter().all(known)
            || cells.iter().any(|c| SPEAKER.contains(&heading(c).as_str()))
                && cells.iter().all(few))
}

/// A table being read: its rows so far, the row and the cell being read.
#[derive(Default)]
pub(super) struct Table {
    /// The rows read, their cells' text.
    rows: Vec<Vec<String>>,
    /// The cells of the row being read, each with its first grid column.
    row: Vec<(usize, String)>,
    /// The grid column the next cell of the row starts at.
    next: usize,
    /// The row above's cells, for a cell merged with the one above it.
    above: Vec<(usize, String)>,
    /// Whether the first row is marked as the header.
    marked: bool,
    /// Columns under a cell that spans rows (ODF's), and how many rows
    /// more it covers.
    downs: Vec<(usize, usize)>,
    cell: Option<Cell>,
}

/// A table cell being read: its grid column and span, whether it goes on
/// from the cell above (merged down into it), its paragraphs.
#[derive(Default)]
struct Cell {
    column: usize,
    span: usize,
    continues: bool,
    paragraphs: Vec<String>,
}

impl Table {
    pub(super) fn start_row(&mut self) {
        self.row.clear();
        self.next = 0;
    }

    pub(super) fn start_cell(&mut self) {
        self.cell = Some(Cell { column: self.next, span: 1, ..Cell::default() });
    }

    /// The paragraphs of the cell being read, if one is.
    pub(super) fn cell_mut(&mut self) -> Option<&mut Vec<String>> {
        self.cell.as_mut().map(|c| &mut c.paragraphs)
    }

    /// The cell being read spans `span` grid columns.
    pub(super) fn span(&mut self, span: Option<usize>) {
        if let Some(cell) = self.cell.as_mut() {
            cell.span = span.unwrap_or(1).clamp(1, 1000);
        }
    }

    /// The cell being read goes on from the one above it.
    pub(super) fn continues(&mut self) {
        if let Some(cell) = self.cell.as_mut() {
            cell.continues = true;
        }
    }

    /// The cell being read spans `rows` rows (ODF's cells below it are
    /// covered).
    pub(super) fn down(&mut self, rows: usize) {
        if let Some(cell) = &self.cell
            && rows > 1
        {
            let column = cell.column;
            self.downs.retain(|(c, _)| *c != column);
            self.downs.push((column, rows.min(1_000_000) - 1));
        }
    }

    /// Whether the next grid column is under a cell that spans rows (one
    /// row fewer to go if so).
    pub(super) fn spanned_down(&mut self) -> bool {
        let next = self.next;
        match self.downs.iter_mut().find(|(c, left)| *c == next && *left > 0) {
            Some((_, left)) => {
                *left -= 1;
                true
            }
            None => false,
        }
    }

    /// The row being read starts `n` grid columns in (`w:gridBefore`).
    pub(super) fn skip_columns(&mut self, n: usize) {
        if self.row.is_empty() && self.cell.is_none() {
            self.next += n.min(1000);
        }
    }

    /// Whether a cell is being read.
    pub(super) fn in_cell(&self) -> bool {
        self.cell.is_some()
    }

    /// The table's first row is marked as its header (it repeats on each
    /// page).
    pub(super) fn mark_header(&mut self) {
        if self.rows.is_empty() {
            self.marked = true;
        }
    }

    /// The row being read was deleted: it is not read.
    pub(super) fn drop_row(&mut self) {
        self.row.clear();
    }

    /// A grid column covered by the cell before it (spanned across).
    pub(super) fn covered(&mut self) {
        self.next += 1;
    }

    pub(super) fn end_cell(&mut self) {
        let Some(cell) = self.cell.take() else { return };
        let said: Vec<&str> =
            cell.paragraphs.iter().map(String::as_str).filter(|p| !p.trim().is_empty()).collect();
        let mut text = said.join("\n\n");
        if cell.continues && text.is_empty() {
            let above = self.above.iter().find(|(c, _)| *c == cell.column);
            text = above.map(|(_, s)| s.clone()).unwrap_or_default();
        }
        self.row.push((cell.column, text));
        self.next = cell.column + cell.span;
    }

    pub(super) fn end_row(&mut self) {
        let row = std::mem::take(&mut self.row);
        self.rows.push(row.iter().map(|(_, s)| s.clone()).collect());
        self.above = row;
    }

    /// The table read, as paragraphs of text and notes on what was left
    /// out (see [`layout`]).
    pub(super) fn finish(self) -> Layout {
        layout(self.rows, self.marked)
    }
}

/// A table laid out: its lines (a line may hold paragraphs parted by a
/// blank line) and what was left out of it.
#[derive(Debug)]
pub(super) struct Layout {
    pub lines: Vec<String>,
    /// Columns left out, by their heading (or their number) and how many
    /// cells held text.
    pub left_out: Vec<(String, usize)>,
}

/// Column headings naming who spoke, and when.
const SPEAKER: &[&str] = &[
    "speaker",
    "speakers",
    "name",
    "person",
    "participant",
    "who",
    "interlocutor",
    "sprecher",
    "sprecherin",
    "intervenant",
    "locuteur",
    "hablante",
    "orador",
    "发言人",
    "说话人",
    "話者",
];
const TIME: &[&str] = &[
    "time",
    "timestamp",
    "time stamp",
    "timecode",
    "time code",
    "start",
    "start time",
    "zeit",
    "temps",
    "tiempo",
    "时间",
    "時間",
];

/// A cell's text as a heading: trimmed, lowercase, without a colon or a
/// note in brackets after it (`Utterance (verbatim)`).
fn heading(cell: &str) -> String {
    let cell = cell.trim().trim_end_matches(':').trim_end();
    let cell = match cell.strip_suffix(')').and_then(|c| c.rsplit_once('(')) {
        Some((before, _)) if !before.trim().is_empty() => before,
        _ => cell,
    };
    cell.trim().trim_end_matches(':').to_lowercase()
}

/// A cell on one line: its paragraphs and lines joined by spaces.
fn one_line(cell: &str) -> String {
    cell.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether a cell is a time or a span of times (`0:03`, `00:00:01 -
/// 00:00:09`, `[00:12]`).
fn clock(cell: &str) -> bool {
    let cell = cell.trim();
    cell.contains(':')
        && cell.chars().any(|c| c.is_ascii_digit())
        && cell.chars().all(|c| c.is_ascii_digit() || " :.,-–>→[]()".contains(c))
}

/// Whether a column's cells (`cells`, empty ones left out) could be
/// speakers' names beside what they said (`said`, its cells' mean length
/// in characters): short (on one line), not times, and one coming back —
/// or, each speaking once, each capitalised, not a sentence, and what is
/// said beside them twice as long.
fn names(cells: &[&str], said: usize) -> bool {
    let cells: Vec<String> = cells.iter().map(|c| one_line(c)).collect();
    let short = |c: &String| {
        c.chars().count() <= 60
            && c.split(' ').count() <= 6
            && !clock(c)
            && c.chars().any(char::is_alphabetic)
    };
    let distinct: std::collections::HashSet<&String> = cells.iter().collect();
    if cells.len() < 2 || !cells.iter().all(short) {
        return false;
    }
    let named = |c: &String| {
        c.chars().any(char::is_alphabetic)
            && c.chars().next().is_some_and(|f| f.is_uppercase() || !f.is_alphabetic())
            && !c.ends_with(['.', '?', '!', '。', '？'])
            && !c.contains(['?', '!'])
    };
    let mean = cells.iter().map(|c| c.chars().count()).sum::<usize>() / cells.len();
    distinct.len() < cells.len() || cells.iter().all(named) && said >= 2 * mean.max(1)
}

/// Lays out `rows`: a header row that only names the columns and a first
/// column that only numbers the rows are left out; then, if a column holds
/// who spoke (named so by the header, or short names one coming back) and
/// another, longer, what they said, each row is a turn: `[time] Name:
/// what was said`, its paragraphs kept, the other columns left out (and
/// named in the import's notes). A row without a name goes on with the
/// turn above it. Any other table is a line a row, its cells parted by
/// tabs.
fn layout(mut rows: Vec<Vec<String>>, marked: bool) -> Layout {
    let few = |c: &String| c.split_whitespace().count() <= 4 && !c.contains(['.', '?', '!']);
    let header = rows
        .first()
        .filter(|r| {
            only_headings(&r.iter().map(String::as_str).collect::<Vec<_>>())
                || marked && r.iter().all(few)
        })
        .cloned();
    if header.is_some() {
        rows.remove(0);
    }
    let number = |r: &Vec<String>| r.first().and_then(|c| c.trim().parse::<u64>().ok());
    let numbered = rows.len() >= 2
        && rows.iter().all(|r| r.len() >= 2)
        && number(&rows[0]).is_some_and(|first| {
            rows.iter().enumerate().all(|(i, r)| number(r) == Some(first + i as u64))
        });
    let skip = usize::from(numbered);
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let column = |c: usize| -> Vec<&str> {
        rows.iter()
            .filter_map(|r| r.get(c))
            .map(String::as_str)
            .filter(|s| !s.trim().is_empty())
            .collect()
    };
    let named = |c: usize, words: &[&str]| {
        header.as_ref().and_then(|h| h.get(c)).is_some_and(|h| words.contains(&heading(h).as_str()))
    };
    let plain = |rows: Vec<Vec<String>>| Layout {
        lines: rows.into_iter().map(|r| r.get(skip..).unwrap_or_default().join("\t")).collect(),
        left_out: Vec::new(),
    };
    if columns < skip + 2 {
        return plain(rows);
    }
    let size = |c: usize| column(c).iter().map(|s| s.chars().count()).sum::<usize>();
    let mean = |c: usize| size(c) / column(c).len().max(1);
    let times = |c: usize| {
        let cells = column(c);
        !cells.is_empty() && cells.iter().all(|s| clock(&one_line(s)))
    };
    // A column the header names is what it says; what was said is the
    // longest of the others that are not times.
    let by_header = (skip..columns).find(|&c| named(c, SPEAKER));
    let time = (skip..columns).find(|&c| Some(c) != by_header && (named(c, TIME) || times(c)));
    let said = (skip..columns)
        .filter(|&c| Some(c) != by_header && Some(c) != time)
        .max_by_key(|&c| (size(c), c));
    let Some(said) = said else { return plain(rows) };
    let speaker = by_header
        .or_else(|| (skip..said).find(|&c| Some(c) != time && names(&column(c), mean(said))));
    let Some(speaker) = speaker else { return plain(rows) };
    let left_out = (skip..columns)
        .filter(|&c| c != said && c != speaker && Some(c) != time)
        .filter_map(|c| {
            let cells = column(c).len();
            let name = header.as_ref().and_then(|h| h.get(c)).map(|h| one_line(h));
            let name = name
                .filter(|n| !n.is_empty())
                .map_or_else(|| format!("{}", c + 1), |n| format!("“{n}”"));
            (cells > 0).then_some((name, cells))
        })
        .collect();
    let cell =
        |r: &Vec<String>, c: usize| r.get(c).map(|s| s.trim().to_owned()).unwrap_or_default();
    let lines = rows
        .iter()
        .map(|r| {
            let (who, text) = (one_line(&cell(r, speaker)), cell(r, said));
            // A start and an end: the start, the turn's time.
            let when = time.and_then(|t| cell(r, t).split_whitespace().next().map(str::to_owned));
            match (who.is_empty(), when) {
                // No speech (a heading across the table): the row as it is.
                _ if text.is_empty() => {
                    let cells = r.iter().map(|c| one_line(c)).filter(|c| !c.is_empty());
                    cells.collect::<Vec<_>>().join("\t")
                }
                (true, _) => text,
                (false, Some(when)) => format!("[{when}] {who}: {text}"),
                (false, None) => format!("{who}: {text}"),
            }
        })
        .collect();
    Layout { lines, left_out }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: &[&[&str]]) -> Layout {
        layout(rows.iter().map(|r| r.iter().map(|c| (*c).to_owned()).collect()).collect(), false)
    }

    #[test]
    fn only_a_first_row_of_column_names_is_dropped() {
        assert!(only_headings(&["Speaker", "Text"]));
        assert!(only_headings(&["Time:", "", "Transcript"]));
        assert!(!only_headings(&["Speaker", "Hello there."]));
        assert!(!only_headings(&["", ""]));
        assert!(only_headings(&["Speaker", "Utterance (verbatim)"]));
        assert!(only_headings(&["Participant", "What they said"]));
        assert!(!only_headings(&["Participant", "I said no."]));
    }

    #[test]
    fn a_column_that_numbers_the_rows_is_dropped() {
        let t = table(&[&["#", "Speaker", "Text"], &["12", "Ann", "Hi."], &["13", "Bo", "Ho."]]);
        assert_eq!(t.lines, ["Ann: Hi.", "Bo: Ho."]);
        // Not in sequence: a column of something else, left out and said.
        let t = table(&[&["1", "Ann", "Hi there."], &["3", "Bo", "Ho there."]]);
        assert_eq!(t.lines, ["Ann: Hi there.", "Bo: Ho there."]);
        assert_eq!(t.left_out, [("1".to_owned(), 2)]);
        // A table of one row: kept.
        assert_eq!(table(&[&["1", "Ann"]]).lines, ["1\tAnn"]);
        // A header row only at the top.
        let t = table(&[&["Ann", "Hi."], &["Speaker", "Text"]]);
        assert_eq!(t.lines, ["Ann\tHi.", "Speaker\tText"]);
    }

    #[test]
    fn a_table_of_turns_is_labelled_lines() {
        // Names that come back, the longest column what they said, a
        // column of times; a cell of two paragraphs keeps them, a name
        // over two lines is one.
        let t = table(&[
            &[
                "Aisha\n\n(nurse, 34)",
                "00:00:01 - 00:00:04",
                "I'm Aisha.\n\nThe evening hours matter.",
            ],
            &["Tom", "00:00:05", "yeah, same."],
            &["Aisha\n\n(nurse, 34)", "00:00:09", "um, and the printers."],
            &["", "", "Honestly."],
        ]);
        assert_eq!(
            t.lines,
            [
                "[00:00:01] Aisha (nurse, 34): I'm Aisha.\n\nThe evening hours matter.",
                "[00:00:05] Tom: yeah, same.",
                "[00:00:09] Aisha (nurse, 34): um, and the printers.",
                "Honestly.",
            ]
        );
        assert!(t.left_out.is_empty());
        // A header names the speakers' column, though each speaks once;
        // a column of notes after what was said is left out, and said so.
        let t = table(&[
            &["Participant", "Response", "Notes"],
            &["P1", "The bus stops running at six.", "angry"],
            &["P2", "I walk, mostly.", ""],
        ]);
        assert_eq!(t.lines, ["P1: The bus stops running at six.", "P2: I walk, mostly."]);
        assert_eq!(t.left_out, [("“Notes”".to_owned(), 1)]);
        // No column of names: a line a row, as Word saves it.
        let t = table(&[&["Item", "Cost"], &["Rent", "1,200"], &["Food", "300"]]);
        assert_eq!(t.lines, ["Item\tCost", "Rent\t1,200", "Food\t300"]);
    }
}
