//! What an import made, in one line: who speaks, in how many turns and
//! paragraphs. `crosstalk import` prints it, so that a label read as text
//! (a whole meeting given to one voice) or text read as a label (`First:`
//! made a speaker) shows at once, not in the reader an hour later.

use std::fmt;

use crate::model::ConversationFile;
use crate::model::count::count;

/// Voices named in the line; the rest are counted.
const NAMED: usize = 8;

/// One voice: its name, turns (sections) and paragraphs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Voice {
    pub name: String,
    pub turns: usize,
    pub paragraphs: usize,
}

/// The voices of an imported conversation, in the order they first speak.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Summary {
    pub voices: Vec<Voice>,
}

impl Summary {
    /// The summary of `file`.
    pub fn of(file: &ConversationFile) -> Self {
        let mut voices: Vec<Voice> = file
            .contributors
            .iter()
            .map(|c| Voice { name: c.name.clone(), turns: 0, paragraphs: 0 })
            .collect();
        let index: std::collections::HashMap<&str, usize> =
            file.contributors.iter().enumerate().map(|(i, c)| (c.id.as_str(), i)).collect();
        let mut first = Vec::new();
        for s in &file.sections {
            if let Some(&i) = index.get(s.contributor.as_str()) {
                if voices[i].turns == 0 {
                    first.push(i);
                }
                voices[i].turns += 1;
                // A subhead (a chat's date) is no one's paragraph.
                voices[i].paragraphs += s.paragraphs.len().saturating_sub(s.heads.len());
            }
        }
        // Who never speaks (a moderator named in the header only) comes last.
        let silent = (0..voices.len()).filter(|&i| voices[i].turns == 0);
        let order: Vec<usize> = first.iter().copied().chain(silent).collect();
        Summary::ordered(voices, &order)
    }
}

impl Summary {
    /// The summary of a transcript read in a stream, from its labels (in
    /// the order they first speak) and what was counted of them:
    /// `by_label`, each label's contributor; `paragraphs`, each label's
    /// paragraphs; `changes`, how often each label took over from another
    /// (or, `None`, opened the transcript). Consecutive turns of one
    /// contributor are one turn, as they are one section.
    pub(crate) fn counted(
        contributors: &[crate::model::Contributor],
        by_label: &[usize],
        paragraphs: &[usize],
        changes: &std::collections::HashMap<(Option<usize>, usize), usize>,
    ) -> Self {
        let mut voices: Vec<Voice> = contributors
            .iter()
            .map(|c| Voice { name: c.name.clone(), turns: 0, paragraphs: 0 })
            .collect();
        for (&(from, to), &n) in changes {
            if from.map(|l| by_label[l]) != Some(by_label[to]) {
                voices[by_label[to]].turns += n;
            }
        }
        for (label, &n) in paragraphs.iter().enumerate() {
            voices[by_label[label]].paragraphs += n;
        }
        let mut order: Vec<usize> = Vec::new();
        let mut placed = vec![false; voices.len()];
        let spoken = by_label.iter().copied();
        for c in spoken.chain((0..voices.len()).filter(|&c| voices[c].turns == 0)) {
            if !std::mem::replace(&mut placed[c], true) {
                order.push(c);
            }
        }
        Summary::ordered(voices, &order)
    }
}

impl Summary {
    /// `voices` in the order `order` gives (each index once).
    fn ordered(voices: Vec<Voice>, order: &[usize]) -> Self {
        let mut taken: Vec<Option<Voice>> = voices.into_iter().map(Some).collect();
        Summary { voices: order.iter().filter_map(|&i| taken[i].take()).collect() }
    }
}

impl fmt::Display for Summary {
    /// `3 speakers, 25 turns, 70 paragraphs: Moderator 9 turns, Jane Smith
    /// 8, Daniel Okafor 8`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let turns: usize = self.voices.iter().map(|v| v.turns).sum();
        let paragraphs: usize = self.voices.iter().map(|v| v.paragraphs).sum();
        write!(
            f,
            "{}, {}, {}",
            count(self.voices.len(), "speaker", "speakers"),
            count(turns, "turn", "turns"),
            count(paragraphs, "paragraph", "paragraphs")
        )?;
        for (i, v) in self.voices.iter().take(NAMED).enumerate() {
            let sep = if i == 0 { ": " } else { ", " };
            match i {
                0 => write!(f, "{sep}{} {}", v.name, count(v.turns, "turn", "turns"))?,
                _ => write!(f, "{sep}{} {}", v.name, v.turns)?,
            }
        }
        if self.voices.len() > NAMED {
            write!(f, " and {} more", self.voices.len() - NAMED)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{Kind, import};

    #[test]
    fn voices_in_the_order_they_speak_with_turns_and_paragraphs() {
        let text = "Moderator: Welcome.\n\nSecond paragraph.\nJane Smith: Thanks.\nModerator: Next.\nDaniel Okafor: Hi.\n";
        let f = import(text, Kind::Transcript, "t").expect("imports");
        let s = Summary::of(&f);
        assert_eq!(
            s.to_string(),
            "3 speakers, 4 turns, 5 paragraphs: Moderator 2 turns, Jane Smith 1, Daniel Okafor 1"
        );
    }

    #[test]
    fn many_voices_are_counted_not_listed() {
        let text: String = (1..=12).map(|i| format!("P{i}: Hello.\n")).collect();
        let f = import(&text, Kind::Transcript, "t").expect("imports");
        let line = Summary::of(&f).to_string();
        assert!(
            line.starts_with("12 speakers, 12 turns, 12 paragraphs: P1 1 turn, P2 1,"),
            "{line}"
        );
        assert!(line.ends_with("P8 1 and 4 more"), "{line}");
    }
}
