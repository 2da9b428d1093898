//! The status bar, and the read-only banner above it. Like `view`, nothing
//! here changes state.
//!
//! The status bar keeps, by priority: the mode label, the save state's mark
//! (`✓`, `…`), the key hints (each cut to its first word, then the last
//! give way first), the save state in
//! words (a failed save's reason comes before everything below), a
//! search's position, the
//! file label, and the cursor's position and voice name. What gives way
//! first is the voice name, then the position, then the file label (cut
//! from the left, so the file name stays), so a long contributor name can
//! never push the hints off the bar.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::model::sanitize::sanitize;

use crate::ui::core::text::{self, fit};
use crate::ui::core::{Core, Mode};

/// What the mode on top puts in the status bar: its label, its key hints
/// (most useful first), and its own position if it has one.
#[derive(Clone, Debug)]
pub struct Bar {
    pub mode: Mode,
    pub hints: &'static [(&'static str, &'static str)],
    pub position: Option<String>,
}

/// Where the cursor is, without the voice name: the paragraph and sentence,
/// or the mode's own position (compare: the passage chosen).
fn position(core: &Core, bar: &Bar) -> String {
    let doc = &core.doc;
    let state = &core.panes[core.focus];
    let voice = &doc.voices()[core.focus];
    if let Some(position) = &bar.position {
        return position.clone();
    }
    let para = doc.paragraph(voice.paragraphs.at(state.cursor.para));
    format!(
        "¶{}/{} · sentence {}/{}",
        state.cursor.para + 1,
        voice.paragraphs.len(),
        state.cursor.sentence + 1,
        para.sentences().len()
    )
}

/// `text` cut from the left to `width` cells, with `…` marking the cut.
fn fit_left(text: &str, width: usize) -> String {
    if text::width(text) <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    for c in text.chars().rev() {
        let candidate = format!("…{c}{out}");
        if text::width(&candidate) > width {
            break;
        }
        out.insert(0, c);
    }
    format!("…{out}")
}

/// `text` with each path cut to its file name (`/tmp/x/a.ron:5:1:` →
/// `a.ron:5:1:`).
fn file_names(text: &str) -> String {
    text.split(' ')
        .map(|word| match word.rfind('/') {
            Some(at) if at + 1 < word.len() => &word[at + 1..],
            _ => word,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A hint's words in brief: without what is in brackets or after "and" or
/// "to", and two words at most ("keep both (theirs, then yours)" → "keep
/// both", "back to editing" → "back").
fn in_brief(what: &str) -> String {
    let what = what.split(" (").next().unwrap_or(what);
    let what = what.split(" and ").next().unwrap_or(what);
    let what = what.split(" to ").next().unwrap_or(what);
    what.split(' ').take_while(|w| *w != "/").take(2).collect::<Vec<_>>().join(" ")
}

/// Mode, position and key hints on the left, save state and file on the right.
pub fn status(core: &Core, bar: &Bar, area: Rect, buf: &mut Buffer) {
    let t = &core.theme;
    buf.set_style(area, t.status);
    let width = usize::from(area.width);
    let mode = format!(" {} ", bar.mode.label());
    // Hints spaced apart when there is room, closer together when not.
    // Narrower still, each says only what it does in a word or two ("save",
    // not "save and close"), so that more keys stay before the last give way.
    let make_hints_with = |gap: &str, short: bool| -> Vec<Span<'static>> {
        let mut spans = Vec::new();
        for (key, what) in bar.hints {
            let what = if short { in_brief(what) } else { (*what).to_owned() };
            spans.push(Span::styled(format!(" {key}"), t.status_key));
            spans.push(Span::styled(format!(" {what}{gap}"), t.status));
        }
        spans
    };
    let make_hints = |gap: &str| make_hints_with(gap, false);
    let spans_width = |spans: &[Span]| spans.iter().map(Span::width).sum::<usize>();
    let (state, short) = if core.saving.read_only.is_some() {
        ("READ-ONLY".to_owned(), "READ-ONLY")
    } else if let Some(e) = core.saving.error.as_ref().filter(|_| !core.unsaved()) {
        // Nothing of the user's is waiting: the file on disk is what is
        // wrong (it cannot be read), not a save.
        (format!("⚠ {}", sanitize(e)), "⚠")
    } else if let Some(e) = &core.saving.error {
        (format!("✗ not saved, retrying: {}", sanitize(e)), "✗ not saved")
    } else if core.unsaved() {
        ("saving…".to_owned(), "…")
    } else if core.saving.fresh {
        ("new file".to_owned(), "·")
    } else {
        ("✓ saved".to_owned(), "✓")
    };
    let file = if core.saving.label.is_empty() { &core.doc_label } else { &core.saving.label };
    let file = sanitize(file);
    let who = sanitize(&core.doc.contributors[core.doc.voices()[core.focus].contributor].name);
    // The search's count, unless the position already says it.
    let search = core
        .search
        .as_ref()
        .map(|s| s.status())
        .filter(|s| bar.position.as_ref() != Some(s))
        .map(|s| format!("· {s} "))
        .unwrap_or_default();
    let position = position(core, bar);
    // Hints spaced apart when everything fits so, closer together if not.
    let mut hint_spans = make_hints(" ");
    let everything = [&mode, &state, file.as_ref(), who.as_ref(), &search, &position]
        .iter()
        .map(|part| text::width(part))
        .sum::<usize>()
        + 11; // the spaces and separators around them
    if everything + spans_width(&hint_spans) > width {
        hint_spans = make_hints("");
    }
    // The save state's mark stays whatever the hints: the last hints (the
    // least useful) give way to it.
    let mark = text::width(short) + 2;
    let fits = |spans: &[Span]| text::width(&mode) + spans_width(spans) + 1 + mark <= width;
    if !fits(&hint_spans) {
        let shorter = make_hints_with("", true);
        if spans_width(&shorter) < spans_width(&hint_spans) {
            hint_spans = shorter;
        }
    }
    while hint_spans.len() >= 2 && text::width(&mode) + spans_width(&hint_spans) + 1 + mark > width
    {
        hint_spans.truncate(hint_spans.len() - 2);
    }
    let hints_width = spans_width(&hint_spans) + 1;

    // What is left after the parts that always stay, handed out by priority.
    let mut room = width.saturating_sub(text::width(&mode) + hints_width);
    let take = |room: &mut usize, part: String| -> String {
        if text::width(&part) <= *room {
            *room -= text::width(&part);
            part
        } else {
            String::new()
        }
    };
    let mut save = take(&mut room, format!(" {short} "));
    // A failed save says why before anything else is placed (cut to fit).
    if !save.is_empty() && core.saving.error.is_some() {
        room += text::width(&save);
        // Paths lose their directories first (the file's name stays).
        let state =
            if text::width(&state) + 2 <= room { state.clone() } else { file_names(&state) };
        save = format!(" {} ", fit(&state, room.saturating_sub(2)));
        room = room.saturating_sub(text::width(&save));
    }
    let search = take(&mut room, search);
    // With another coder: how their marks read, long or short.
    let legend = core.against.as_ref().map_or_else(String::new, |a| {
        let name = sanitize(&a.name);
        let mark = super::lines::THEIRS_MARK;
        let long = format!(" ours: highlight · theirs ({name}): {mark} italic ");
        let short = format!(" theirs ({}): {mark} ", fit(&name, 12));
        if text::width(&long) + 30 <= room { long } else { short }
    });
    let legend = take(&mut room, legend);
    let position = take(&mut room, format!(" {position} "));
    if !save.is_empty() && state != short && core.saving.error.is_none() {
        room += text::width(&save);
        save = [format!(" {state} "), save]
            .into_iter()
            .find(|s| text::width(s) <= room)
            .unwrap_or_default();
        room -= text::width(&save);
    }
    // The voice name and the file share what is left: the name gives way
    // first (down to a few letters), then the file's directories (its own
    // name stays whole), then the file goes; the name goes last.
    const NAME_MIN: usize = 12;
    let file_full = format!("· {file} ");
    let base = file.rsplit('/').next().unwrap_or(&file);
    let file_min = text::width(base) + 4; // "· …name "
    let name_full = text::width(&who) + 3;
    let (name_room, file) = if position.is_empty() {
        (0, take(&mut room, file_full))
    } else if name_full + text::width(&file_full) <= room {
        (name_full, file_full)
    } else if NAME_MIN + text::width(&file_full) <= room {
        (room - text::width(&file_full), file_full)
    } else if NAME_MIN.min(name_full) + file_min <= room {
        let name = NAME_MIN.min(name_full);
        (name, format!("· {} ", fit_left(&file, room - name - 3)))
    } else {
        (room, String::new())
    };
    // A name cut to fewer than eight cells says little; a short name
    // (an interview's Q, 李明) that fits whole is shown.
    let who = if who.is_empty() || name_room < name_full.min(8) {
        String::new()
    } else {
        format!(" {} ·", fit(&who, name_room.min(name_full) - 3))
    };

    let mut left = Line::from(vec![
        Span::styled(mode, t.status_mode),
        Span::styled(legend, t.status.patch(t.theirs_mark)),
        Span::styled(who, t.status),
        Span::styled(position, t.status),
    ]);
    if !search.is_empty() {
        left.spans.push(Span::styled(search, t.status_key));
    }
    // Hints as many as fit (all of them unless the bar is narrower than
    // the mode label and the hints together).
    for pair in hint_spans.chunks(2) {
        let w: usize = pair.iter().map(Span::width).sum();
        if left.width() + w > width {
            break;
        }
        left.spans.extend(pair.iter().cloned());
    }
    let right = format!("{save}{file}");
    Paragraph::new(left).render(area, buf);
    Paragraph::new(Line::from(Span::styled(right, t.status)))
        .alignment(Alignment::Right)
        .render(area, buf);
}

/// Draws the read-only banner into its rows (the last one marked `…` when
/// a tiny terminal cuts it short).
pub fn banner(core: &Core, area: Rect, buf: &mut Buffer) {
    let lines = core.banner_lines();
    let rows = usize::from(area.height);
    for (i, line) in lines.iter().take(rows).enumerate() {
        let cut = i + 1 == rows && lines.len() > rows;
        let line = if cut {
            format!("{}…", fit(line, usize::from(area.width).saturating_sub(1)))
        } else {
            line.clone()
        };
        let row = Rect { y: area.y + i as u16, height: 1, ..area };
        buf.set_style(row, core.theme.warning);
        Paragraph::new(Line::from(Span::styled(line, core.theme.warning))).render(row, buf);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn hints_in_brief_keep_what_the_key_does() {
        for (long, short) in [
            ("save and close", "save"),
            ("keep both (theirs, then yours)", "keep both"),
            ("back to the list", "back"),
            ("quick tag", "quick tag"),
            ("disagreements / go", "disagreements"),
            ("help", "help"),
        ] {
            assert_eq!(super::in_brief(long), short);
        }
    }
}
