//! The search made last, as data: its matches and the one visited. The
//! core keeps it (the reader marks its matches in every pane);
//! [`search`](super::search) makes it and steps through it.

use crate::model::Pos;
use crate::model::search::Match;

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
