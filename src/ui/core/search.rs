//! Searching every voice: finding a query's matches (the search bar, as it
//! is typed), remembering queries, and going to a match (`n` / `N` from the
//! reader, across panes, focus following).

use std::sync::Arc;

use crate::model::Pos;
use crate::model::search::{self, Index, Match};

use super::Core;
pub use super::matches::Search;

/// Remembers a query searched for, newest last, without repeats.
pub fn remember(core: &mut Core, query: &str) {
    if query.is_empty() {
        return;
    }
    core.search_history.retain(|q| q != query);
    core.search_history.push(query.to_owned());
}

/// Finds `query` again (as typed so far).
pub fn refresh(core: &mut Core, query: &str) {
    if query.is_empty() {
        core.search = None;
        return;
    }
    let index = core.search_index.get_or_insert_with(|| Arc::new(Index::new(&core.doc)));
    let matches = search::find(&core.doc, index, query);
    core.search = Some(Search { query: query.to_owned(), matches, current: None });
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
pub fn go(core: &mut Core, direction: Direction) {
    let Some(s) = &core.search else {
        core.message = Some("no search: press / to search every voice".into());
        return;
    };
    let n = s.matches.len();
    if n == 0 {
        core.message = Some(s.status());
        return;
    }
    let cursor = core.panes[core.focus].cursor;
    let voice = &core.doc.voices()[core.focus];
    let sentence_start =
        core.doc.paragraph(voice.paragraphs[cursor.para]).sentences()[cursor.sentence].start;
    let here = (core.focus, Pos::new(cursor.para, sentence_start as usize));
    // Where the cursor is, unless it is still on the match last visited.
    let from_current = s.current.filter(|&k| {
        let m = s.matches[k];
        m.voice == core.focus && contains_cursor(core, &m)
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
    if let Some(s) = &mut core.search {
        s.current = Some(k);
    }
    core.go_to(m.voice, m.start);
    // Which match this is, on the info line (the status bar may have no
    // room for it on a narrow screen).
    let status = core.search.as_ref().map(Search::status).unwrap_or_default();
    core.message =
        Some(if wrapped && n > 1 { format!("{status} · search wrapped around") } else { status });
}

/// Whether match `m` is in the focused pane's cursor sentence.
fn contains_cursor(core: &Core, m: &Match) -> bool {
    let cursor = core.panes[m.voice].cursor;
    let p = core.doc.paragraph(core.doc.voices()[m.voice].paragraphs[cursor.para]);
    cursor.para == m.start.para as usize && p.sentence_at(m.start.byte as usize) == cursor.sentence
}
