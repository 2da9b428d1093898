//! The status bar, and the read-only banner above it. Like `view`, nothing
//! here changes state.
//!
//! The status bar keeps, by priority: the mode label and the key hints, the
//! save state (shortened to a mark when tight; a failed save's reason comes
//! before everything below), a search's position, the
//! file label, and the cursor's position and voice name. What gives way
//! first is the voice name, then the position, then the file label (cut
//! from the left, so the file name stays), so a long contributor name can
//! never push the hints off the bar.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::model::sanitize::sanitize;

use super::app::{App, Mode};
use super::overlay::Overlay;
use super::text;
use super::text::fit;

/// The key hints for a mode, most useful first.
fn hints(mode: Mode) -> &'static [(&'static str, &'static str)] {
    match mode {
        Mode::Read => &[
            ("?", "help"),
            ("q", "quit"),
            ("v", "select"),
            ("t", "tag"),
            ("e", "note"),
            ("u", "undo"),
        ],
        Mode::Select => &[("j/k", "extend"), ("t", "tag"), ("e", "note"), ("Esc", "cancel")],
        Mode::Help => &[("Esc", "close"), ("j/k", "scroll"), ("q", "quit")],
        Mode::Tag => &[("Enter", "apply"), ("↑/↓", "choose"), ("Esc", "cancel")],
        Mode::Note => &[("Esc", "save and close")],
        Mode::Prompt => &[("Enter", "accept"), ("Esc", "cancel")],
        Mode::Confirm => &[("y", "yes"), ("n", "no")],
        Mode::Tags => &[
            ("r", "rename"),
            ("c", "colour"),
            ("e", "describe"),
            ("1–9", "key"),
            ("m", "merge"),
            ("x", "delete"),
        ],
        Mode::Orphans => &[("Enter", "attach here"), ("d", "delete"), ("Esc", "close")],
        Mode::Export => &[("↑/↓", "format"), ("Enter", "write"), ("Esc", "cancel")],
        Mode::Search => &[("Enter", "go"), ("Esc", "clear")],
        Mode::List => &[("Enter", "go to"), ("Tab", "tag"), ("S-Tab", "voice"), ("Esc", "close")],
        Mode::Matrix => &[("hjkl", "move"), ("Enter", "list"), ("Esc", "close")],
        Mode::Compare => &[("j/k", "passage"), ("Tab", "voice"), ("Enter", "go"), ("Esc", "leave")],
    }
}

/// Where the cursor is, without the voice name: the paragraph and sentence,
/// or in compare mode the passage chosen in the focused voice.
fn position(app: &App) -> String {
    let doc = &app.doc;
    let state = &app.panes[app.focus];
    let voice = &doc.voices()[app.focus];
    if let Overlay::Compare(view) = &app.overlay {
        let count = view.passages.get(app.focus).map_or(0, Vec::len);
        return match count {
            0 => "no passage".to_owned(),
            n => format!("passage {}/{n}", view.selected[app.focus].min(n - 1) + 1),
        };
    }
    let para = doc.paragraph(voice.paragraphs[state.cursor.para]);
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

/// Mode, position and key hints on the left, save state and file on the right.
pub fn status(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    buf.set_style(area, t.status);
    let width = usize::from(area.width);
    let mode = format!(" {} ", app.mode().label());
    // Hints spaced apart when there is room, closer together when not.
    let make_hints = |gap: &str| -> Vec<Span<'static>> {
        let mut spans = Vec::new();
        for (key, what) in hints(app.mode()) {
            spans.push(Span::styled(format!(" {key}"), t.status_key));
            spans.push(Span::styled(format!(" {what}{gap}"), t.status));
        }
        spans
    };
    let spans_width = |spans: &[Span]| spans.iter().map(Span::width).sum::<usize>();
    let (state, short) = if app.saving.read_only.is_some() {
        ("READ-ONLY".to_owned(), "READ-ONLY")
    } else if let Some(e) = &app.saving.error {
        (format!("✗ not saved, retrying: {}", sanitize(e)), "✗ not saved")
    } else if app.unsaved() {
        ("saving…".to_owned(), "…")
    } else {
        ("✓ saved".to_owned(), "✓")
    };
    let file = if app.saving.label.is_empty() { &app.doc_label } else { &app.saving.label };
    let file = sanitize(file);
    let who = sanitize(&app.doc.contributors[app.doc.voices()[app.focus].contributor].name);
    let search = app.search.as_ref().map(|s| format!("· {} ", s.status())).unwrap_or_default();
    let position = position(app);
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
    if !save.is_empty() && app.saving.error.is_some() {
        room += text::width(&save);
        // Paths lose their directories first (the file's name stays).
        let state =
            if text::width(&state) + 2 <= room { state.clone() } else { file_names(&state) };
        save = format!(" {} ", fit(&state, room.saturating_sub(2)));
        room = room.saturating_sub(text::width(&save));
    }
    let search = take(&mut room, search);
    let position = take(&mut room, format!(" {position} "));
    if !save.is_empty() && state != short && app.saving.error.is_none() {
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
    let who = if name_room < 8 {
        String::new()
    } else {
        format!(" {} ·", fit(&who, name_room.min(name_full) - 3))
    };

    let mut left = Line::from(vec![
        Span::styled(mode, t.status_mode),
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
pub fn banner(app: &App, area: Rect, buf: &mut Buffer) {
    let lines = app.banner_lines();
    let rows = usize::from(area.height);
    for (i, line) in lines.iter().take(rows).enumerate() {
        let cut = i + 1 == rows && lines.len() > rows;
        let line = if cut {
            format!("{}…", fit(line, usize::from(area.width).saturating_sub(1)))
        } else {
            line.clone()
        };
        let row = Rect { y: area.y + i as u16, height: 1, ..area };
        buf.set_style(row, app.theme.warning);
        Paragraph::new(Line::from(Span::styled(line, app.theme.warning))).render(row, buf);
    }
}
