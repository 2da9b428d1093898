//! `update`: the only place the reader's state changes. No I/O happens
//! here; what the outside world must do (quit, suspend) is returned as an
//! [`Effect`] for the event loop to carry out.

use ratatui::layout::Position;

use super::action::Action;
use super::app::{App, Effect, Mode};
use super::pane::{Motion, rows};

/// Rows a help overlay scroll step moves.
const HELP_STEP: u16 = 1;

/// Applies `action` to `app`.
pub fn update(app: &mut App, action: Action) -> Effect {
    match action {
        Action::Quit => return Effect::Quit,
        Action::Suspend => return Effect::Suspend,
        Action::ToggleHelp => {
            app.mode = if app.mode == Mode::Help { Mode::Read } else { Mode::Help };
            app.help_scroll = 0;
        }
        Action::Escape => app.mode = Mode::Read,
        Action::FocusNext => focus(app, (app.focus + 1) % app.panes.len()),
        Action::FocusPrev => focus(app, (app.focus + app.panes.len() - 1) % app.panes.len()),
        Action::Move(motion) if app.mode == Mode::Help => match motion {
            Motion::NextSentence => app.help_scroll = app.help_scroll.saturating_add(HELP_STEP),
            Motion::PrevSentence => app.help_scroll = app.help_scroll.saturating_sub(HELP_STEP),
            _ => {}
        },
        Action::Move(motion) => {
            let view = app.viewport();
            let pane = &mut app.panes[app.focus];
            let voice = &app.doc.voices()[app.focus];
            pane.apply(&mut rows(&app.doc, voice, view.width), view, motion);
        }
        Action::Resize { width, height } => resize(app, width, height),
        Action::Scroll { column, row, lines } => {
            if app.mode == Mode::Help {
                app.help_scroll = if lines > 0 {
                    app.help_scroll.saturating_add(lines.unsigned_abs())
                } else {
                    app.help_scroll.saturating_sub(lines.unsigned_abs())
                };
            } else if let Some(voice) = pane_at(app, column, row) {
                let view = app.viewport();
                let pane = &mut app.panes[voice];
                pane.scroll(
                    &mut rows(&app.doc, &app.doc.voices()[voice], view.width),
                    view.height,
                    isize::from(lines),
                );
            }
        }
        Action::Click { column, row } => click(app, column, row),
    }
    Effect::None
}

fn focus(app: &mut App, index: usize) {
    app.focus = index;
    app.reveal_focus();
}

/// A new terminal size: keep the focused pane on screen, and every pane's
/// cursor sentence in view at the new width.
fn resize(app: &mut App, width: u16, height: u16) {
    app.size = (width, height);
    app.reveal_focus();
    let view = app.viewport();
    for (voice, pane) in app.doc.voices().iter().zip(app.panes.iter_mut()) {
        pane.ensure_visible(&mut rows(&app.doc, voice, view.width), view.height);
    }
}

/// The voice whose pane is drawn at screen cell (`column`, `row`).
fn pane_at(app: &App, column: u16, row: u16) -> Option<usize> {
    let screen = app.screen()?;
    screen.panes.iter().find(|(_, r)| r.contains(Position::new(column, row))).map(|(v, _)| *v)
}

/// A click focuses the pane under the pointer and, on text, moves its
/// cursor to the sentence clicked.
fn click(app: &mut App, column: u16, row: u16) {
    if app.mode == Mode::Help {
        app.mode = Mode::Read;
        return;
    }
    let Some(voice) = pane_at(app, column, row) else { return };
    focus(app, voice);
    let Some(screen) = app.screen() else { return };
    let Some((_, rect)) = screen.panes.iter().find(|(v, _)| *v == voice) else { return };
    let text = App::text_area(*rect);
    if !text.contains(Position::new(column, row)) {
        return;
    }
    let view = app.viewport();
    let pane = &mut app.panes[voice];
    let mut rows = rows(&app.doc, &app.doc.voices()[voice], view.width);
    pane.cursor = pane.hit(&mut rows, row - text.y, column - text.x);
    pane.ensure_visible(&mut rows, view.height);
}
