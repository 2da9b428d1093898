//! Tables: read cell by cell (spans, cells merged down), then laid out as
//! lines of text. A table of turns — a column of who spoke, one of what
//! they said, perhaps one of times — becomes labelled lines (`[00:00:06]
//! Fatima Al-Sayed: It was…`), so that the transcript reader needs no
//! clues from the layout; any other table a line a row, its cells parted
//! by tabs, as Word saves a table as text.

use std::collections::HashMap;

/// What a table's first row may say of its columns and nothing else,
/// besides the speakers', what was said's and the times' headings.
const HEADINGS: &[&str] =
    &["end", "end time", "question", "comment", "comments", "notes", "line", "#", "no."];

/// Whether a table's first row only names its columns: each cell a
/// heading crosstalk knows (`Speaker`, `Time`, `Text`, `Notes`, …).
fn only_headings(cells: &[&str]) -> bool {
    let known = |c: &&str| {
        let c = heading(c);
        c.is_empty()
            || [HEADINGS, SPEAKER, WEAK, SAID, TIME].iter().any(|words| words.contains(&c.as_str()))
    };
    cells.iter().any(|c| !c.trim().is_empty()) && cells.iter().all(known)
}

/// Whether a table of turns' first row names its columns: as
/// [`only_headings`], or one cell naming the speakers' column and the
/// others a few words without a sentence's end (`Participant | Response
/// (verbatim)`), or, if Word marks it as the header, any few words.
fn names_columns(cells: &[String], marked: bool) -> bool {
    let few =
        |c: &String| c.split_whitespace().count() <= 4 && !c.contains(['.', '?', '!', '。', '？']);
    let speakers = |c: &String| [SPEAKER, WEAK].iter().any(|w| w.contains(&heading(c).as_str()));
    only_headings(&cells.iter().map(String::as_str).collect::<Vec<_>>())
        || (marked || cells.iter().any(speakers)) && cells.iter().all(few)
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
    /// The row above, by grid column, for a cell merged with the one above.
    above: Vec<String>,
    /// Whether the first row is marked as the header.
    marked: bool,
    /// Grid columns under a cell that spans rows (ODF's), and how many
    /// rows more it covers.
    downs: HashMap<usize, usize>,
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

/// The longest text a cell merged down repeats in each row below: a name
/// or a time, not a page (which, repeated down a thousand rows, would be
/// a gigabyte from a few kilobytes).
const REPEATED: usize = 200;

impl Table {
    pub(super) fn start_row(&mut self) {
        self.row.clear();
        self.next = 0;
    }

    /// A cell starts. Under a cell spanning rows whose covered cells the
    /// file leaves out (pandoc's OpenDocument does), the columns it
    /// covers are filled first.
    pub(super) fn start_cell(&mut self) {
        while self.downs.get(&self.next).is_some_and(|&left| left > 0) {
            self.spanned_down();
            self.open_cell();
            self.continues();
            self.end_cell();
        }
        self.open_cell();
    }

    fn open_cell(&mut self) {
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
        // A table of turns has a few columns; spans further right are not
        // carried down (a row of 200,000 cells spanning a billion rows
        // would fill every row after it).
        if let Some(cell) = &self.cell
            && rows > 1
            && cell.column < 64
        {
            self.downs.insert(cell.column, rows.min(1_000_000) - 1);
        }
    }

    /// Whether the next grid column is under a cell that spans rows (one
    /// row fewer to go if so).
    pub(super) fn spanned_down(&mut self) -> bool {
        match self.downs.get_mut(&self.next) {
            Some(left) if *left > 0 => {
                *left -= 1;
                true
            }
            _ => false,
        }
    }

    /// A covered cell (ODF's): under a cell that spans rows it goes on from
    /// the one above; beside one that spans columns, it is part of it.
    pub(super) fn covered_cell(&mut self) {
        if self.spanned_down() {
            self.open_cell();
            self.continues();
        } else {
            self.next += 1;
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

    pub(super) fn end_cell(&mut self) {
        let Some(cell) = self.cell.take() else { return };
        let said: Vec<&str> =
            cell.paragraphs.iter().map(String::as_str).filter(|p| !p.trim().is_empty()).collect();
        let mut text = said.join("\n\n");
        if cell.continues && text.is_empty() {
            let above = self.above.get(cell.column).filter(|s| s.len() <= REPEATED);
            text = above.cloned().unwrap_or_default();
        }
        self.row.push((cell.column, text));
        self.next = cell.column + cell.span;
    }

    /// The row read, its cells set in their grid columns (a cell spanning
    /// several in its first).
    pub(super) fn end_row(&mut self) {
        let row = std::mem::take(&mut self.row);
        let width = row.iter().map(|(c, _)| c + 1).max().unwrap_or(0);
        let mut cells = vec![String::new(); width];
        for (c, text) in row {
            cells[c] = text;
        }
        self.above.clone_from(&cells);
        self.rows.push(cells);
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

/// Column headings naming who spoke: surely (`Speaker`), or if another
/// heading names what was said ([`WEAK`]: `Name`, `Participant`).
const SPEAKER: &[&str] = &[
    "speaker",
    "speakers",
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
const WEAK: &[&str] = &["name", "person", "participant", "interviewee", "respondent"];
/// Column headings naming what was said.
const SAID: &[&str] = &[
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
    "quote",
    "verbatim",
    "statement",
    "speech",
    "inhalt",
    "texte",
    "texto",
    "内容",
];
/// Column headings naming when.
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

/// Whether a column (`cells`, a row's each, empty ones too) holds
/// speakers' names: short words, not times, and one coming back after
/// another (a name merged down over rows does not count).
fn names(cells: &[String]) -> bool {
    let said: Vec<String> = cells.iter().map(|c| one_line(c)).filter(|c| !c.is_empty()).collect();
    let short = |c: &String| {
        c.chars().count() <= 60
            && c.split(' ').count() <= 6
            && !clock(c)
            && c.chars().any(char::is_alphabetic)
            && !c.ends_with(['.', '?', '!', '。', '？'])
    };
    if said.len() < 2 || !said.iter().all(short) {
        return false;
    }
    let mut seen = std::collections::HashSet::new();
    let mut last: Option<&String> = None;
    let mut back = false;
    for c in &said {
        if last != Some(c) {
            back |= !seen.insert(c);
        }
        last = Some(c);
    }
    back
}

/// Whether a column reads as speech: half its cells at least a
/// sentence's end or long (a demographic table's `Nurse, night shifts`
/// beside `F` and `M` is not).
fn speech(cells: &[String]) -> bool {
    let said: Vec<&String> = cells.iter().filter(|c| !c.trim().is_empty()).collect();
    let spoken = said
        .iter()
        .filter(|c| c.contains(['.', '?', '!', '…', '。', '？', '！']) || c.chars().count() >= 40)
        .count();
    2 * spoken >= said.len()
}

/// Lays out `rows` (each by grid column). A table of turns — a column of
/// who spoke (named so by its header, or short names one of which comes
/// back after another) beside a longer one of what they said (named so,
/// or the longest), perhaps one of times — is a turn a row: `[time] Name:
/// what was said`, its paragraphs kept; its header row (one that only
/// names columns, or that Word marks as the header) and a first column
/// numbering the rows are left out, and so are its other columns, which
/// the import's notes name. A row without a name goes on with the turn
/// above it. Any other table is a line a row, its cells parted by tabs,
/// all of it kept but a first row of nothing but column names.
fn layout(rows: Vec<Vec<String>>, marked: bool) -> Layout {
    let plain = |rows: Vec<Vec<String>>| {
        let known = rows
            .first()
            .is_some_and(|r| only_headings(&r.iter().map(String::as_str).collect::<Vec<_>>()));
        Layout {
            lines: rows.into_iter().skip(usize::from(known)).map(|r| r.join("\t")).collect(),
            left_out: Vec::new(),
        }
    };
    let header = rows.first().filter(|r| names_columns(r, marked));
    let body = &rows[usize::from(header.is_some())..];
    let number = |r: &Vec<String>| r.first().and_then(|c| c.trim().parse::<u64>().ok());
    let numbered = body.len() >= 2
        && body.iter().all(|r| r.len() >= 2)
        && number(&body[0]).is_some_and(|first| {
            body.iter().enumerate().all(|(i, r)| number(r) == Some(first + i as u64))
        });
    let skip = usize::from(numbered);
    let columns = body.iter().map(Vec::len).max().unwrap_or(0);
    let column = |c: usize| -> Vec<String> {
        body.iter().map(|r| r.get(c).cloned().unwrap_or_default()).collect()
    };
    let titled = |c: usize, words: &[&str]| {
        header.and_then(|h| h.get(c)).is_some_and(|h| words.contains(&heading(h).as_str()))
    };
    let size = |c: usize| column(c).iter().map(|s| s.trim().chars().count()).sum::<usize>();
    let filled = |c: usize| column(c).iter().filter(|s| !s.trim().is_empty()).count().max(1);
    let times = |c: usize| {
        let cells: Vec<String> =
            column(c).iter().map(|s| one_line(s)).filter(|s| !s.is_empty()).collect();
        !cells.is_empty() && cells.iter().all(|s| clock(s))
    };
    let said_titled = (skip..columns).find(|&c| titled(c, SAID));
    let by_header = (skip..columns).find(|&c| {
        Some(c) != said_titled && (titled(c, SPEAKER) || said_titled.is_some() && titled(c, WEAK))
    });
    let time = (skip..columns).find(|&c| Some(c) != by_header && (titled(c, TIME) || times(c)));
    let said = said_titled.filter(|&c| Some(c) != time).or_else(|| {
        (skip..columns)
            .filter(|&c| Some(c) != by_header && Some(c) != time)
            .max_by_key(|&c| (size(c), c))
    });
    let Some(said) = said else { return plain(rows) };
    let speaker = by_header.or_else(|| {
        (skip..said).find(|&c| {
            Some(c) != time
                && names(&column(c))
                && size(said) / filled(said) > size(c) / filled(c)
                && speech(&column(said))
        })
    });
    let Some(speaker) = speaker else { return plain(rows) };
    let left_out = (skip..columns)
        .filter(|&c| c != said && c != speaker && Some(c) != time)
        .filter_map(|c| {
            let cells = column(c).iter().filter(|s| !s.trim().is_empty()).count();
            let name = header.and_then(|h| h.get(c)).map(|h| one_line(h));
            let name = name
                .filter(|n| !n.is_empty())
                .map_or_else(|| format!("{}", c + 1), |n| format!("“{n}”"));
            (cells > 0).then_some((name, cells))
        })
        .collect();
    let cell =
        |r: &Vec<String>, c: usize| r.get(c).map(|s| s.trim().to_owned()).unwrap_or_default();
    let lines = body
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
        assert!(names_columns(&["Participant".into(), "What they said".into()], false));
        assert!(!names_columns(&["Participant".into(), "I said no.".into()], false));
        assert!(!names_columns(&["Item".into(), "Cost (£)".into()], false));
        assert!(names_columns(&["Item".into(), "Cost (£)".into()], true));
    }

    #[test]
    fn a_column_that_numbers_the_rows_is_dropped() {
        let t = table(&[&["#", "Speaker", "Text"], &["12", "Ann", "Hi."], &["13", "Bo", "Ho."]]);
        assert_eq!(t.lines, ["Ann: Hi.", "Bo: Ho."]);
        // Not in sequence, and no name comes back: a table kept whole.
        let t = table(&[&["1", "Ann", "Hi there."], &["3", "Bo", "Ho there."]]);
        assert_eq!(t.lines, ["1\tAnn\tHi there.", "3\tBo\tHo there."]);
        assert!(t.left_out.is_empty());
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
        // Beside names that come back, nothing like speech: kept whole.
        let t = table(&[
            &["Participant", "Gender", "Role"],
            &["P1", "F", "Nurse, night shifts"],
            &["P2", "M", "Bus driver"],
            &["P3", "F", "Teacher"],
        ]);
        assert_eq!(t.lines.len(), 4);
        assert!(t.left_out.is_empty());
        // No column of names: a line a row, as Word saves it, all kept.
        let t = table(&[&["Item", "Cost"], &["Rent", "1,200"], &["Food", "300"]]);
        assert_eq!(t.lines, ["Item\tCost", "Rent\t1,200", "Food\t300"]);
        let t = table(&[
            &["Name", "Game", "Fame", "Blame"],
            &["Lebron James", "Basketball", "Very High", "Leaving Cleveland"],
            &["Alex Rodriguez", "Baseball", "Moderate", "Steroids"],
            &["Lebron James", "Basketball", "Very High", "The Decision"],
        ]);
        assert_eq!(t.lines.len(), 4, "{:?}", t.lines);
        assert!(t.left_out.is_empty());
        // Years, an interview guide's questions: tables, kept whole.
        let t =
            table(&[&["2019", "Opened"], &["2020", "Closed for a year"], &["2021", "Reopened"]]);
        assert_eq!(t.lines, ["2019\tOpened", "2020\tClosed for a year", "2021\tReopened"]);
        let t = table(&[
            &["Question", "Answer"],
            &["Q1", "Where did you grow up?"],
            &["Q2", "What brought you here?"],
        ]);
        assert_eq!(t.lines, ["Q1\tWhere did you grow up?", "Q2\tWhat brought you here?"]);
    }
}
