//! The margins left of the text: paragraph times, and in the turn view
//! the speakers. Their widths are fixed per conversation.

use crate::model::Conversation;

/// The widest a speaker label gets in the turn view's margin.
const MAX_LABEL: u16 = 14;

/// How wide the margin of speaker labels is: the longest short name (up to
/// `MAX_LABEL`) and a space; and, with no column of times (`time_w` 0,
/// which holds one), a column for the note and cursor marks, which else
/// met the name (`Participant 3✎Honestly`).
pub fn label_width(doc: &Conversation, time_w: u16) -> u16 {
    let longest = (0..doc.contributors.len())
        .map(|i| super::text::width(&crate::model::sanitize::sanitize(&doc.short_name(i))))
        .max()
        .unwrap_or(0);
    (longest as u16).clamp(4, MAX_LABEL) + 1 + u16::from(time_w == 0)
}

/// How much of a label margin `label_w` wide the name may fill.
pub fn label_room(label_w: u16, time_w: u16) -> usize {
    usize::from(label_w.saturating_sub(1 + u16::from(time_w == 0)))
}

/// How wide the column of timestamps is (with its space), or 0 when no
/// paragraph has one.
pub fn time_width(doc: &Conversation) -> u16 {
    let widest = doc
        .sections
        .iter()
        .flat_map(|s| s.paragraphs.may_be_marked())
        .map(|p| super::text::width(p.time()))
        .max()
        .unwrap_or(0);
    // A space after the time, and a column for the note and cursor marks.
    if widest == 0 { 0 } else { widest.min(12) as u16 + 2 }
}
