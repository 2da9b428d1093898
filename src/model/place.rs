//! Where a reader left a conversation: the voice in focus, each voice's
//! sentence cursor and scroll, and whether the turn order was shown.
//!
//! Kept per conversation on this machine (`store::places`), never in the
//! annotation file a team shares: where one coder stopped reading is not
//! the team's. Reopening goes back there; a place that no longer fits the
//! conversation (other voices, fewer paragraphs) is fitted or dropped here.

use serde::{Deserialize, Serialize};

use super::Conversation;

/// One voice's place: its cursor sentence and the first line shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PanePlace {
    /// The cursor's paragraph in the voice, and sentence in it.
    pub para: usize,
    pub sentence: usize,
    /// The first line shown: the line of paragraph `top` holding byte `offset`.
    pub top: usize,
    pub offset: usize,
}

/// Where a reader left a conversation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// The voices' names, in order: the place is theirs only.
    pub voices: Vec<String>,
    /// The voice in focus.
    pub focus: usize,
    /// Each voice's place, in the voices' order.
    pub panes: Vec<PanePlace>,
    /// Whether the turn order was shown instead of the voices side by side.
    #[serde(default)]
    pub turns: bool,
    /// The turn order's first line shown: its paragraph in the order
    /// spoken, and the byte of that paragraph the line holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub turn_top: Option<[usize; 2]>,
}

impl Place {
    /// The voices' names of `doc`, as a place records them.
    pub fn voice_names(doc: &Conversation) -> Vec<String> {
        doc.voices().iter().map(|v| doc.contributors[v.contributor].name.clone()).collect()
    }

    /// This place fitted to `doc`: `None` if its voices are not `doc`'s
    /// (renamed, added, taken out), else with every paragraph, sentence and
    /// offset brought inside what `doc` has (the text may have been edited
    /// since), and the focus on a voice that exists.
    pub fn fitted(&self, doc: &Conversation) -> Option<Place> {
        let voices = doc.voices();
        if voices.is_empty()
            || self.panes.len() != voices.len()
            || self.voices != Self::voice_names(doc)
        {
            return None;
        }
        let panes = voices
            .iter()
            .zip(&self.panes)
            .map(|(voice, p)| {
                let last = voice.paragraphs.len().saturating_sub(1);
                let para = p.para.min(last);
                let paragraph = doc.paragraph(voice.paragraphs.at(para));
                let sentences = paragraph.sentences().len().max(1);
                let top = p.top.min(para);
                let top_len = doc.paragraph(voice.paragraphs.at(top)).text_len();
                PanePlace {
                    para,
                    sentence: p.sentence.min(sentences - 1),
                    top,
                    offset: if top == p.top { p.offset.min(top_len) } else { 0 },
                }
            })
            .collect();
        // The turn order is made only if it was shown (side by side never
        // asks for it).
        let turn_top = self.turn_top.filter(|_| self.turns).and_then(|[para, offset]| {
            let timeline = doc.timeline();
            let para = para.min(timeline.paragraphs.len().checked_sub(1)?);
            let len = doc.paragraph(timeline.paragraphs.at(para)).text_len();
            Some([para, offset.min(len)])
        });
        Some(Place {
            voices: self.voices.clone(),
            focus: self.focus.min(voices.len() - 1),
            panes,
            turns: self.turns,
            turn_top,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testing::conversation;

    fn place(doc: &Conversation) -> Place {
        let n = doc.voices().len();
        Place {
            voices: Place::voice_names(doc),
            focus: n - 1,
            panes: vec![PanePlace { para: 1, sentence: 0, top: 1, offset: 3 }; n],
            turns: true,
            turn_top: Some([2, 1]),
        }
    }

    #[test]
    fn a_place_that_fits_is_kept_as_it_is() {
        let doc = conversation(&[&["One. Two.", "Three."], &["Four.", "Five."]]);
        let p = place(&doc);
        assert_eq!(p.fitted(&doc), Some(p.clone()));
    }

    #[test]
    fn a_place_past_the_end_is_brought_inside() {
        let doc = conversation(&[&["One. Two.", "Three."], &["Four."]]);
        let mut p = place(&doc);
        p.focus = 9;
        p.panes[0] = PanePlace { para: 1, sentence: 7, top: 1, offset: 999 };
        p.panes[1] = PanePlace { para: 5, sentence: 2, top: 5, offset: 2 };
        let fitted = p.fitted(&doc).expect("same voices");
        assert_eq!(fitted.focus, 1);
        assert_eq!(fitted.panes[0], PanePlace { para: 1, sentence: 0, top: 1, offset: 6 });
        // The top paragraph is gone: the pane starts at the cursor's.
        assert_eq!(fitted.panes[1], PanePlace { para: 0, sentence: 0, top: 0, offset: 0 });
        // The turn order has three paragraphs, the last “Four.”.
        p.turn_top = Some([7, 99]);
        assert_eq!(p.fitted(&doc).expect("same voices").turn_top, Some([2, 5]));
    }

    #[test]
    fn a_place_of_other_voices_is_dropped() {
        let doc = conversation(&[&["One."], &["Two."]]);
        let mut p = place(&doc);
        p.voices[1] = "Bob".into();
        assert_eq!(p.fitted(&doc), None);
        let more = conversation(&[&["One."], &["Two."], &["Three."]]);
        assert_eq!(place(&doc).fitted(&more), None);
    }
}
