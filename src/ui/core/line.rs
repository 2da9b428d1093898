//! One-line renderings of longer text: a snippet from the start or the
//! end, a passage's two ends, and drawing grapheme by grapheme as the panes
//! do. Built on [`super::text`]'s display widths.

use unicode_segmentation::UnicodeSegmentation;

use crate::model::sanitize::sanitize;

use super::text::{self, fit, for_each_grapheme};

/// The first word-ish stretch of `text` that fits `width` cells, one line.
pub fn snippet(text: &str, width: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    fit(&sanitize(&flat), width).into_owned()
}

/// The end of `text` that fits `width` cells, with `…` where it was cut.
pub fn snippet_tail(text: &str, width: usize) -> String {
    let text = sanitize(text);
    if text::width(&text) <= width {
        return text.into_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    for &c in chars.iter().rev() {
        let candidate = format!("…{c}{out}");
        if text::width(&candidate) > width {
            break;
        }
        out.insert(0, c);
    }
    format!("…{out}")
}

/// `text` on one line in at most `width` cells: whole if it fits, else its
/// start and its end with ` … ` between (whole graphemes), so two passages
/// that begin alike still read apart.
pub fn ends(text: &str, width: usize) -> String {
    if text::width(text) <= width {
        return text.to_owned();
    }
    let room = width.saturating_sub(3);
    let (head_w, tail_w) = (room - room / 2, room / 2);
    let mut head = String::new();
    let mut used = 0;
    for g in text.graphemes(true) {
        let w = text::width(g);
        if used + w > head_w {
            break;
        }
        used += w;
        head.push_str(g);
    }
    let mut tail: Vec<&str> = Vec::new();
    let mut used = 0;
    for g in text.graphemes(true).rev() {
        let w = text::width(g);
        if used + w > tail_w {
            break;
        }
        used += w;
        tail.push(g);
    }
    tail.reverse();
    format!("{} … {}", head.trim_end(), tail.concat().trim_start())
}

/// Draws `text` at (`x`, `y`) grapheme by grapheme, as the reader draws
/// its panes (so a ZWJ sequence takes the cells [`display`](super::text::display) says), in at
/// most `max` cells; the cells used.
pub fn put(
    buf: &mut ratatui::buffer::Buffer,
    x: u16,
    y: u16,
    text: &str,
    max: u16,
    style: ratatui::style::Style,
) -> u16 {
    let mut used = 0u16;
    for_each_grapheme(text, |_, symbol, w| {
        if w == 0 || used.saturating_add(w) > max {
            used = max.max(used);
            return;
        }
        let cx = x + used;
        buf[(cx, y)].set_symbol(symbol).set_style(style);
        for hidden in 1..w {
            buf[(cx + hidden, y)].reset();
        }
        used += w;
    });
    used.min(max)
}
