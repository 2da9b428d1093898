//! The two layouts of the conversation: side by side (a column per
//! contributor) and in turn order (one column, each turn under its
//! speaker's name in their colour).

use std::fmt::Write;

use super::escape;
use super::marks::{Marks, Notes, list, paragraph};
use crate::export::{Export, Item};

/// Speaker colours, dark enough to read as text on the page's background.
const VOICE_COLORS: [&str; 8] =
    ["#1f5f99", "#b3261e", "#2e7d32", "#8e4b00", "#6a1b9a", "#00695c", "#5d4037", "#ad1457"];

/// The colour of voice `voice`.
pub(super) fn voice_color(voice: usize) -> &'static str {
    VOICE_COLORS[voice % VOICE_COLORS.len()]
}

/// Footnote numbers for noted highlights in `order`, and where each ends.
fn numbered<'b>(
    order: impl Iterator<Item = &'b Item<'b>>,
) -> (Vec<(usize, &'b Item<'b>)>, Notes<'b>) {
    let mut list = Vec::new();
    let mut by_end = Notes::new();
    for item in order.filter(|i| !i.highlight.note.trim().is_empty()) {
        let n = list.len() + 1;
        list.push((n, item));
        let at = (item.highlight.voice, item.highlight.end.para as usize);
        by_end.entry(at).or_default().push((n, item));
    }
    (list, by_end)
}

/// Side by side: a column per contributor in scope, notes under each.
pub(super) fn voices<'b>(e: &'b Export<'b>, marks: &Marks<'b>, out: &mut String) {
    let _ = writeln!(out, "<div class=\"debate\" id=\"voices\">");
    let mut first = 1;
    for &voice in &e.voices {
        let c = e.contributor(voice);
        let _ = writeln!(
            out,
            "<section class=\"voice\" id=\"voice-{}\" style=\"--voice:{}\">\n<h3>{}</h3>\n<p class=\"affiliation\">{}</p>",
            escape(&c.id),
            voice_color(voice),
            escape(&c.name),
            escape(&c.affiliation)
        );
        let (mut notes, mut by_end) =
            numbered(e.items.iter().filter(|i| i.highlight.voice == voice));
        // Numbers run on across the columns.
        for (n, _) in &mut notes {
            *n += first - 1;
        }
        for v in by_end.values_mut() {
            for (n, _) in v {
                *n += first - 1;
            }
        }
        first += notes.len();
        for para in 0..e.doc.voices()[voice].paragraphs.len() {
            paragraph(e, marks, &by_end, (voice, para), "", out);
        }
        list(&notes, "", out);
        out.push_str("</section>\n");
    }
    out.push_str("</div>\n");
}

/// In turn order: every paragraph of the contributors in scope as spoken,
/// a turn under its speaker's name; notes numbered in that order, at the end.
pub(super) fn turns<'b>(e: &'b Export<'b>, marks: &Marks<'b>, out: &mut String) {
    let doc = e.doc;
    let _ = writeln!(out, "<div class=\"turns\" id=\"turns\">");
    let timeline = doc.timeline().paragraphs.len();
    let shown: Vec<(usize, usize, bool)> = (0..timeline)
        .map(|t| {
            let (voice, para) = doc.from_timeline(t);
            (voice, para, doc.starts_turn(t))
        })
        .filter(|(voice, _, _)| e.voices.contains(voice))
        .collect();
    let order = shown.iter().flat_map(|&(voice, para, _)| {
        marks
            .on(voice, para)
            .iter()
            .copied()
            .filter(move |i| i.highlight.start.para as usize == para)
    });
    let (notes, by_end) = numbered(order);
    let mut speaking: Option<usize> = None;
    for &(voice, para, starts) in &shown {
        if starts || speaking != Some(voice) {
            if speaking.is_some() {
                out.push_str("</section>\n");
            }
            let c = e.contributor(voice);
            let _ = writeln!(
                out,
                "<section class=\"turn\" style=\"--voice:{}\">\n<h3>{}</h3>",
                voice_color(voice),
                escape(&c.name)
            );
            speaking = Some(voice);
        }
        paragraph(e, marks, &by_end, (voice, para), "turn-", out);
    }
    if speaking.is_some() {
        out.push_str("</section>\n");
    }
    list(&notes, "turn-", out);
    out.push_str("</div>\n");
}
