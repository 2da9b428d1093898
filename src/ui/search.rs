//! Searching every voice from the reader: `/` opens a search bar, matches
//! are highlighted in every pane as you type, `Enter` goes to the first one
//! at or after the cursor, `n` / `N` step through them across panes (focus
//! follows), `Esc` clears.

use std::sync::Arc;

use ratatui_textarea::TextArea;

use crate::model::Pos;
use crate::model::search::{self, Index, Match};

use super::action::Action;
use super::app::App;
use super::overlay::Overlay;

/// A search that has been made: its matches, and the one last visited.
#[derive(Clone, Debug, Default)]
pub struct Search {
    pub query: String,
    /// Every match, by voice then position (they never overlap).
    pub matches: Vec<Match>,
    pub current: Option<usize>,
}

impl Search {
    /// Matches of `voice` overlapping `[start, end)`, with their indices.
    pub fn overlapping(
        &self,
        voice: usize,
        start: Pos,
        end: Pos,
    ) -> impl Iterator<Item = (usize, &Match)> {
        let first = self.matches.partition_point(|m| (m.voice, m.end) <= (voice, start));
        self.matches[first..]
            .iter()
            .enumerate()
            .map(move |(i, m)| (first + i, m))
            .take_while(move |(_, m)| m.voice == voice && m.start < end)
    }

    /// "match 2 of 7", "7 matches", "no match".
    pub fn status(&self) -> String {
        match (self.matches.len(), self.current) {
            (0, _) => format!("no match for “{}”", self.query),
            (n, Some(k)) => format!("match {} of {n}", k + 1),
            (1, None) => "1 match".into(),
            (n, None) => format!("{n} matches"),
        }
    }
}

/// The search bar being typed into.
#[derive(Clone, Debug)]
pub struct SearchBar {
    pub input: TextArea<'static>,
    /// Where `↑` / `↓` are in the history: `None` is the line being typed,
    /// `Some(0)` the newest query.
    pub recalled: Option<usize>,
    /// The line being typed before `↑` went back.
    pub draft: String,
}

/// `/`: open an empty bar (building the folded index the first time).
/// `↑` / `↓` walk the queries searched for this session, newest first.
pub fn open(app: &mut App) {
    if app.search_index.is_none() {
        app.search_index = Some(Arc::new(Index::new(&app.doc)));
    }
    let input = TextArea::default();
    app.overlay = Overlay::Search(SearchBar { input, recalled: None, draft: String::new() });
}

/// Remembers a query searched for, newest last, without repeats.
fn remember(app: &mut App, query: &str) {
    if query.is_empty() {
        return;
    }
    app.search_history.retain(|q| q != query);
    app.search_history.push(query.to_owned());
}

/// `↑` (`older`) or `↓` in the bar: the query before or after in the history.
fn recall(app: &mut App, older: bool) {
    let Overlay::Search(bar) = &mut app.overlay else { return };
    let n = app.search_history.len();
    let next = match (bar.recalled, older) {
        (None, true) if n > 0 => Some(0),
        (Some(k), true) if k + 1 < n => Some(k + 1),
        (Some(0), false) => None,
        (Some(k), false) => Some(k - 1),
        _ => return,
    };
    if bar.recalled.is_none() {
        bar.draft = super::prompt::text(&bar.input);
    }
    bar.recalled = next;
    let text = match next {
        Some(k) => app.search_history[n - 1 - k].clone(),
        None => bar.draft.clone(),
    };
    let mut input = TextArea::new(vec![text.clone()]);
    input.move_cursor(ratatui_textarea::CursorMove::End);
    bar.input = input;
    refresh(app, &text);
}

/// Keys in the search bar.
pub fn bar(app: &mut App, action: Action) {
    match action {
        Action::Escape => {
            app.overlay = Overlay::None;
            app.search = None;
        }
        Action::Up => recall(app, true),
        Action::Down => recall(app, false),
        Action::Accept => {
            if let Overlay::Search(bar) = &app.overlay {
                let query = super::prompt::text(&bar.input);
                remember(app, &query);
            }
            app.overlay = Overlay::None;
            if app.search.as_ref().is_some_and(|s| s.matches.is_empty()) {
                app.message = app.search.as_ref().map(Search::status);
                app.search = None;
                return;
            }
            go(app, Direction::FromCursor);
        }
        Action::Text(key) => {
            let Overlay::Search(bar) = &mut app.overlay else { return };
            super::prompt::edit(&mut bar.input, key);
            let query = super::prompt::text(&bar.input);
            refresh(app, &query);
        }
        _ => {}
    }
}

/// Finds `query` again (as typed so far).
fn refresh(app: &mut App, query: &str) {
    if query.is_empty() {
        app.search = None;
        return;
    }
    let index = app.search_index.get_or_insert_with(|| Arc::new(Index::new(&app.doc)));
    let matches = search::find(&app.doc, index, query);
    app.search = Some(Search { query: query.to_owned(), matches, current: None });
}

/// Where to go from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// The first match at or after the cursor's sentence.
    FromCursor,
    Next,
    Previous,
}

/// Moves to a match: focus its voice and put the cursor on its sentence.
pub fn go(app: &mut App, direction: Direction) {
    let Some(s) = &app.search else {
        app.message = Some("no search: press / to search every voice".into());
        return;
    };
    let n = s.matches.len();
    if n == 0 {
        app.message = Some(s.status());
        return;
    }
    let cursor = app.panes[app.focus].cursor;
    let voice = &app.doc.voices()[app.focus];
    let sentence_start =
        app.doc.paragraph(voice.paragraphs[cursor.para]).sentences()[cursor.sentence].start;
    let here = (app.focus, Pos::new(cursor.para, sentence_start as usize));
    // Where the cursor is, unless it is still on the match last visited.
    let from_current = s.current.filter(|&k| {
        let m = s.matches[k];
        m.voice == app.focus && contains_cursor(app, &m)
    });
    let k = match (direction, from_current) {
        (Direction::Next, Some(k)) => (k + 1) % n,
        (Direction::Previous, Some(k)) => (k + n - 1) % n,
        (Direction::FromCursor, _) => {
            let i = s.matches.partition_point(|m| (m.voice, m.start) < here);
            i % n
        }
        (Direction::Next, None) => {
            let i = s.matches.partition_point(|m| (m.voice, m.start) <= here);
            i % n
        }
        (Direction::Previous, None) => {
            let i = s.matches.partition_point(|m| (m.voice, m.start) < here);
            (i + n - 1) % n
        }
    };
    let m = s.matches[k];
    let wrapped = match direction {
        Direction::Next => s.current.is_some_and(|c| k <= c),
        Direction::Previous => s.current.is_some_and(|c| k >= c),
        Direction::FromCursor => false,
    };
    if let Some(s) = &mut app.search {
        s.current = Some(k);
    }
    app.go_to(m.voice, m.start);
    if wrapped && n > 1 {
        app.message = Some("search wrapped around".into());
    }
}

/// Whether match `m` is in the focused pane's cursor sentence.
fn contains_cursor(app: &App, m: &Match) -> bool {
    let cursor = app.panes[m.voice].cursor;
    let p = app.doc.paragraph(app.doc.voices()[m.voice].paragraphs[cursor.para]);
    cursor.para == m.start.para as usize && p.sentence_at(m.start.byte as usize) == cursor.sentence
}
