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
        core.doc.paragraph(voice.paragraphs.at(cursor.para)).sentences()[cursor.sentence].start;
    let here = (core.focus, Pos::new(cursor.para, sentence_start as usize));
    // Matches in reading order: by voice side by side, as spoken in the
    // turn view.
    let doc = &core.doc;
    let turns = core.turns_on();
    let key = |voice: usize, at: Pos| {
        if turns {
            (doc.to_timeline(voice, at.para as usize), at.byte as usize, voice)
        } else {
            (voice, at.para as usize, at.byte as usize)
        }
    };
    let mut order: Vec<usize> = (0..n).collect();
    if turns {
        order.sort_by_key(|&i| key(s.matches[i].voice, s.matches[i].start));
    }
    let keys: Vec<_> = order.iter().map(|&i| key(s.matches[i].voice, s.matches[i].start)).collect();
    let here = key(here.0, here.1);
    // Where the cursor is, unless it is still on the match last visited.
    let from_current = s
        .current
        .filter(|&k| {
            let m = s.matches[k];
            m.voice == core.focus && contains_cursor(core, &m)
        })
        .and_then(|k| order.iter().position(|&i| i == k));
    let current = s.current.and_then(|k| order.iter().position(|&i| i == k));
    let j = match (direction, from_current) {
        (Direction::Next, Some(j)) => (j + 1) % n,
        (Direction::Previous, Some(j)) => (j + n - 1) % n,
        (Direction::FromCursor, _) => keys.partition_point(|k| *k < here) % n,
        (Direction::Next, None) => keys.partition_point(|k| *k <= here) % n,
        (Direction::Previous, None) => (keys.partition_point(|k| *k < here) + n - 1) % n,
    };
    let k = order[j];
    let m = s.matches[k];
    let wrapped = match direction {
        Direction::Next => current.is_some_and(|c| j <= c),
        Direction::Previous => current.is_some_and(|c| j >= c),
        Direction::FromCursor => false,
    };
    if let Some(s) = &mut core.search {
        s.current = Some(k);
    }
    go_to_match(core, m);
    // Which match this is, on the info line (the status bar may have no
    // room for it on a narrow screen).
    let status = if turns {
        format!("match {} of {n} in turn order", j + 1)
    } else {
        core.search.as_ref().map(Search::status).unwrap_or_default()
    };
    core.message =
        Some(if wrapped && n > 1 { format!("{status} · search wrapped around") } else { status });
}

/// To match `m`, which becomes the word cursor: `v` selects it (then `t`
/// tags it), and `w` / `b` go on from it.
pub fn go_to_match(core: &mut Core, m: Match) {
    core.go_to(m.voice, m.start);
    if m.start.para != m.end.para {
        return;
    }
    // Only the match's non-blank core: a selection never starts or ends
    // on whitespace (`/ban ` selects `ban`; `/ ` selects nothing).
    let v = &core.doc.voices()[m.voice];
    let text = core.doc.paragraph(v.paragraphs.at(m.start.para as usize)).text();
    let found = &text[m.start.byte as usize..m.end.byte as usize];
    let core_text = found.trim();
    if core_text.is_empty() {
        return;
    }
    let lead = found.len() - found.trim_start().len();
    let start = crate::model::Pos::new(m.start.para as usize, m.start.byte as usize + lead);
    let end = crate::model::Pos::new(start.para as usize, start.byte as usize + core_text.len());
    core.panes[m.voice].word = Some((start, end));
}

/// Whether match `m` is in the focused pane's cursor sentence.
fn contains_cursor(core: &Core, m: &Match) -> bool {
    let cursor = core.panes[m.voice].cursor;
    let p = core.doc.paragraph(core.doc.voices()[m.voice].paragraphs.at(cursor.para));
    cursor.para == m.start.para as usize && p.sentence_at(m.start.byte as usize) == cursor.sentence
}
