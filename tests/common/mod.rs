//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod big_transcript;
pub mod cli;
pub mod links;
pub mod tmp;
pub mod turns;

use crosstalk::model::Conversation;
use crosstalk::store;
use crosstalk::ui::theme::Theme;
use crosstalk::ui::{Action, App, update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

/// The reader on the bundled debate at `width`×`height`.
pub fn bundled_app(width: u16, height: u16, color: bool) -> App {
    app_for(store::bundled().expect("bundled debate"), width, height, color)
}

pub fn app_for(doc: Conversation, width: u16, height: u16, color: bool) -> App {
    let mut app = App::new(doc, "test.ron".into(), (0, 0), Theme::new(color));
    update(&mut app, Action::Resize { width, height });
    app
}

/// Draws `app` into a fresh test terminal of its size.
pub fn draw(app: &App) -> Terminal<TestBackend> {
    let mut terminal =
        Terminal::new(TestBackend::new(app.size.0, app.size.1)).expect("test backend");
    terminal.draw(|f| view(app, f)).expect("draw");
    terminal
}

pub fn buffer(app: &App) -> Buffer {
    draw(app).backend().buffer().clone()
}

/// The buffer's rows as plain text, wide-character spacer cells skipped.
pub fn rows(buf: &Buffer) -> Vec<String> {
    let area = buf.area;
    (area.top()..area.bottom())
        .map(|y| {
            let mut line = String::new();
            let mut skip = 0;
            for x in area.left()..area.right() {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                let symbol = buf[(x, y)].symbol();
                skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
                line.push_str(symbol);
            }
            line
        })
        .collect()
}

pub fn screen_text(buf: &Buffer) -> String {
    rows(buf).join("\n")
}

/// Cells in `area` whose modifiers include `m`.
pub fn cells_with(buf: &Buffer, area: Rect, m: Modifier) -> Vec<(u16, u16)> {
    let mut out = Vec::new();
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            if buf[(x, y)].modifier.contains(m) {
                out.push((x, y));
            }
        }
    }
    out
}

/// The text area of the focused pane as drawn (in turn order, of the one
/// column).
pub fn focused_text_area(app: &App) -> Rect {
    let screen = app.screen().expect("big enough");
    if let Some(rect) = screen.turns {
        return app.text_area(rect);
    }
    let (_, rect) = screen.panes.iter().find(|(v, _)| *v == app.focus).expect("focus on screen");
    app.text_area(*rect)
}

/// One key, as a terminal reports it, through the keymap and `update`.
pub fn key_event(
    app: &mut App,
    code: ratatui::crossterm::event::KeyCode,
    modifiers: ratatui::crossterm::event::KeyModifiers,
) -> crosstalk::ui::Command {
    use ratatui::crossterm::event::{Event, KeyEvent};
    match crosstalk::ui::terminal::action_for(app, &Event::Key(KeyEvent::new(code, modifiers))) {
        Some(action) => update(app, action),
        None => crosstalk::ui::Command::None,
    }
}

/// One key without modifiers.
pub fn key(app: &mut App, code: ratatui::crossterm::event::KeyCode) -> crosstalk::ui::Command {
    key_event(app, code, ratatui::crossterm::event::KeyModifiers::NONE)
}

/// Ctrl and a letter.
pub fn ctrl(app: &mut App, c: char) -> crosstalk::ui::Command {
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};
    key_event(app, KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// Types `keys` one at a time, as a person would (`\n` is Enter, `\u{1b}`
/// Esc, `\t` Tab); returns the last key's effect.
pub fn press(app: &mut App, keys: &str) -> crosstalk::ui::Command {
    use ratatui::crossterm::event::KeyCode;
    let mut effect = crosstalk::ui::Command::None;
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\u{1b}' => KeyCode::Esc,
            '\t' => KeyCode::Tab,
            c => KeyCode::Char(c),
        };
        effect = key(app, code);
    }
    effect
}

/// Screen cells (x, y) of the first appearance of `needle` on a row of the
/// focused pane's text.
pub fn cells_of(app: &App, buf: &Buffer, needle: &str) -> Vec<(u16, u16)> {
    let area = focused_text_area(app);
    for y in area.top()..area.bottom() {
        let row: String = (area.left()..area.right()).map(|x| buf[(x, y)].symbol()).collect();
        if let Some(at) = row.find(needle) {
            let start = area.x + row[..at].chars().count() as u16;
            return (start..start + needle.chars().count() as u16).map(|x| (x, y)).collect();
        }
    }
    panic!("{needle:?} not in the focused pane:\n{}", screen_text(buf));
}

/// Whether `shown` is `full` (its whitespace runs as single spaces), or
/// its start, its end, or both with ` … ` between, cut only between words:
/// the kept text never stops or starts inside a word of `full`.
pub fn cut_between_words(shown: &str, full: &str) -> Result<(), String> {
    let full = full.split_whitespace().collect::<Vec<_>>().join(" ");
    let whole_start = |head: &str| {
        full.starts_with(head)
            && full[head.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric())
    };
    let whole_end = |tail: &str| {
        full.ends_with(tail)
            && full[..full.len() - tail.len()]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
    };
    let ok = if shown == full {
        true
    } else if let Some((head, tail)) = shown.split_once(" … ") {
        whole_start(head) && whole_end(tail)
    } else if let Some(head) = shown.strip_suffix('…') {
        whole_start(head)
    } else if let Some(tail) = shown.strip_prefix('…') {
        whole_end(tail)
    } else {
        false
    };
    if ok { Ok(()) } else { Err(format!("{shown:?} is not {full:?} cut between words")) }
}

/// The text between the first `“` and the last `”` of `row`.
pub fn quoted(row: &str) -> &str {
    let start = row.find('“').expect("an opening quote") + '“'.len_utf8();
    let end = row.rfind('”').expect("a closing quote");
    &row[start..end]
}
