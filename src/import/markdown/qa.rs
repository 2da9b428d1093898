//! Published Q&A under one heading: paragraphs that open with a speaker's
//! label, bold (`**Jane Smith:** text`, `**Q**: text`) or plain as in a
//! transcript (`Q: text`, `JANE SMITH [00:01:02]: text`), are turns.

use super::blocks::{Block, text};
use crate::import::transcript::turn;
use crate::model::Paragraph;

/// A speaker label opening a paragraph's first line (still escaped).
#[derive(Debug, PartialEq, Eq)]
pub struct Label<'a> {
    pub name: String,
    /// The label's timestamp, `""` if none.
    pub time: String,
    /// What follows the label on the line.
    pub text: &'a str,
    pub bold: bool,
    /// Where the label's colon is in the line (plain labels).
    pub colon: usize,
}

/// A name as Markdown could not have meant it as text: no escapes or markup.
fn plain_name(name: &str) -> bool {
    !name.contains(['\\', '&', '*', '`', '<', '>', '#', '_'])
}

/// The speaker label opening `line`, if it has one.
pub fn label(line: &str) -> Option<Label<'_>> {
    // Every label has a colon (`:`, or `：`, whose last byte is 0x9A): a
    // line of prose without one (most of them) is passed over by one
    // vector search, where trimming and looking for a time cost more.
    memchr::memchr2(b':', 0x9A, line.as_bytes())?;
    bold(line).or_else(|| plain(line))
}

fn bold(line: &str) -> Option<Label<'_>> {
    let mark = line.get(..2).filter(|m| *m == "**" || *m == "__")?;
    let rest = &line[2..];
    let close = rest.find(mark)?;
    let inner = rest[..close].trim();
    let after = &rest[close + 2..];
    let (label, text) = match inner.strip_suffix([':', '：']) {
        Some(label) => (label, after),
        None => (inner, after.strip_prefix([':', '：'])?),
    };
    // (Pandoc escapes a time's brackets: `**MARIA GARCIA \[00:00:03\]:**`.)
    let probe = match label.contains('\\') {
        true => format!("{}: x", crate::export::markdown::unescape(label)),
        false => format!("{label}: x"),
    };
    let t = turn(&probe)?;
    plain_name(t.name).then(|| Label {
        name: t.name.to_owned(),
        time: t.time.unwrap_or_default().to_owned(),
        text: text.trim(),
        bold: true,
        colon: 0,
    })
}

fn plain(line: &str) -> Option<Label<'_>> {
    let t = turn(line)?;
    if !plain_name(t.name) {
        return None;
    }
    // `t.text` lies in `line`, after the colon and any spaces.
    let start = (t.text.as_ptr() as usize).saturating_sub(line.as_ptr() as usize).min(line.len());
    let colon = line.get(..start)?.rfind([':', '：'])?;
    Some(Label {
        name: t.name.to_owned(),
        time: t.time.unwrap_or_default().to_owned(),
        text: t.text,
        bold: false,
        colon,
    })
}

/// Whether the paragraphs under a heading are turns: most open with a
/// label, and either some label is bold, or there are two speakers of whom
/// one speaks again (an essay's `First: …`, `Second: …` are not turns) or
/// the labels are `Q` / `A`.
pub(super) fn is_qa(blocks: &[Block]) -> bool {
    // A list's items under a paragraph count with it, as before they were
    // read apart: a turn's list says nothing of whether these are turns.
    let firsts = || {
        blocks.iter().filter_map(|b| match b {
            Block::Para { lines, follows: false, verbatim: false, .. } => Some(lines[0]),
            // A code block is a paragraph no label opens.
            Block::Para { follows: false, verbatim: true, .. } => Some(""),
            _ => None,
        })
    };
    let paragraphs = firsts().count();
    let firsts = firsts();
    opens_turns(paragraphs, firsts)
}

/// [`is_qa`] of `paragraphs` paragraphs, from their first lines.
pub(super) fn opens_turns<'a>(paragraphs: usize, firsts: impl Iterator<Item = &'a str>) -> bool {
    let mut unlabelled = 0;
    let mut labels: Vec<(String, bool)> = Vec::new();
    for first in firsts {
        match label(first) {
            Some(l) => labels.push((l.name, l.bold)),
            // Half unlabelled already: not turns, whatever follows.
            None if (unlabelled + 1) * 2 >= paragraphs => return false,
            None => unlabelled += 1,
        }
    }
    labelled_turns(paragraphs, &labels)
}

/// [`opens_turns`] from the labels (name, bold) of those of `paragraphs`
/// paragraphs whose first line has one.
pub(super) fn labelled_turns(paragraphs: usize, labels: &[(String, bool)]) -> bool {
    if labels.len() * 2 <= paragraphs {
        return false;
    }
    let mut names: Vec<&str> = labels.iter().map(|(n, _)| n.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    let qa = ["Q", "A", "Question", "Answer"];
    labels.iter().any(|(_, bold)| *bold)
        || (names.len() >= 2
            && (names.len() < labels.len() || names.iter().any(|n| qa.contains(n))))
}

/// A paragraph of a section: text, time, and whether it is a subhead.
#[derive(Debug, Default)]
pub(super) struct Para {
    pub text: String,
    pub time: String,
    pub head: bool,
}

impl Para {
    /// A paragraph with text of its own.
    pub(super) fn own(text: String, time: String, head: bool) -> Self {
        Para { text, time, head }
    }

    /// The paragraph as the conversation holds it.
    pub(super) fn made(self) -> Paragraph {
        Paragraph::owned(self.text).at_time(self.time).as_head(self.head)
    }
}

/// One speaker's consecutive paragraphs.
#[derive(Debug)]
pub(super) struct Turn {
    pub name: String,
    pub paragraphs: Vec<Para>,
}

/// The turns under a heading, and what comes before the first label: the
/// heading itself (a subhead) and any subheads or unlabelled paragraphs.
pub(super) fn read(heading: Option<Para>, blocks: &[Block]) -> (Vec<Para>, Vec<Turn>) {
    let mut before: Vec<Para> = heading.into_iter().collect();
    let mut turns: Vec<Turn> = Vec::new();
    // Subheads wait for the turn they open.
    let mut heads: Vec<Para> = Vec::new();
    for b in blocks {
        match b {
            Block::Heading { time, .. } => heads.push(Para::own(b.text(), time.clone(), true)),
            Block::Para { lines, time, verbatim, .. } => {
                match label(lines[0]).filter(|_| !verbatim) {
                    Some(l) => {
                        // (A label alone on its line: the turn is the lines
                        // after it. Two spaces after a label's text are a
                        // hard break still.)
                        let first = match lines[0].ends_with("  ") && lines.len() > 1 {
                            true => format!("{}  ", l.text),
                            false => l.text.to_owned(),
                        };
                        let first = Some(first.as_str()).filter(|t| !t.trim().is_empty());
                        let said = text(first.into_iter().chain(lines[1..].iter().copied()));
                        let time = if l.time.is_empty() { time.clone() } else { l.time };
                        let same = turns.last().is_some_and(|t| t.name == l.name);
                        if !same {
                            turns.push(Turn { name: l.name, paragraphs: Vec::new() });
                        }
                        let Some(turn) = turns.last_mut() else { continue };
                        turn.paragraphs.append(&mut heads);
                        if !said.is_empty() {
                            turn.paragraphs.push(Para::own(said, time, false));
                        }
                    }
                    None => {
                        let p = Para::own(b.text(), time.clone(), false);
                        let to = match turns.last_mut() {
                            Some(t) => &mut t.paragraphs,
                            None => &mut before,
                        };
                        to.append(&mut heads);
                        to.push(p);
                    }
                }
            }
        }
    }
    match turns.last_mut() {
        Some(t) => t.paragraphs.append(&mut heads),
        None => before.append(&mut heads),
    }
    (before, turns)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        /// The colon pre-filter changes no answer: a line without `:` or
        /// `：` has no label, bold or plain.
        #[test]
        fn the_colon_filter_drops_no_label(line in "[*_ A-Za-z0-9:：\\[\\]().\\\\]{0,24}") {
            prop_assert_eq!(super::label(&line), super::bold(&line).or_else(|| super::plain(&line)));
        }
    }
}
