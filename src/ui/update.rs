//! `update`: the only place the reader's state changes. No I/O happens
//! here; what the outside world must do (quit, suspend) is returned as an
//! [`Effect`], and saving is the event loop's job (it saves any new
//! revision of the annotations).

use ratatui::layout::Position;

use crate::store::saver::Saved;

use super::action::Action;
use super::annotate;
use super::app::{App, Effect};
use super::compare;
use super::export;
use super::list;
use super::matrix;
use super::overlay::{Confirm, OrphanList, Overlay, Pending, TagManager};
use super::pane::{Motion, rows};
use super::search::{self, Direction};

/// Applies `action` to `app`.
pub fn update(app: &mut App, action: Action) -> Effect {
    let effect = apply(app, action);
    // The annotation list stays under what it opened, and comes back.
    list::resume(app);
    // Whatever changed, no view keeps rows of an older state.
    super::derived::sync(app);
    effect
}

fn apply(app: &mut App, action: Action) -> Effect {
    // A message lasts until the next key.
    if !matches!(action, Action::Saved(_) | Action::Resize { .. } | Action::Exported(_)) {
        app.message = None;
    }
    match action {
        Action::Quit => return quit(app),
        Action::Suspend => return Effect::Suspend,
        Action::Resize { width, height } => resize(app, width, height),
        Action::Saved(saved) => saved_result(app, saved),
        Action::Exported(result) => export::exported(app, result),
        Action::Scroll { column, row, lines } => scroll(app, column, row, lines),
        Action::Click { column, row } => click(app, column, row),
        action => match &app.overlay {
            Overlay::None => reader(app, action),
            Overlay::Help => match action {
                Action::Down => {
                    app.help_scroll = (app.help_scroll + 1).min(super::help::max_scroll(app))
                }
                Action::Up => app.help_scroll = app.help_scroll.saturating_sub(1),
                Action::Escape | Action::ToggleHelp => app.overlay = Overlay::None,
                _ => {}
            },
            Overlay::Picker(_) => picker(app, action),
            Overlay::Note(_) => match action {
                Action::Accept => annotate::note_accept(app),
                Action::Text(key) => {
                    if let Overlay::Note(editor) = &mut app.overlay {
                        editor.input.input(key);
                    }
                }
                _ => {}
            },
            Overlay::Prompt(_) => match action {
                Action::Accept => annotate::prompt_accept(app),
                Action::Escape => {
                    // Back to the manager, on the tag the prompt was about.
                    let name = match &app.overlay {
                        Overlay::Prompt(p) => match &p.purpose {
                            super::overlay::PromptPurpose::RenameTag(n)
                            | super::overlay::PromptPurpose::DescribeTag(n) => n.clone(),
                        },
                        _ => String::new(),
                    };
                    app.overlay = Overlay::Tags(TagManager::on(&name));
                }
                Action::Text(key) => {
                    if let Overlay::Prompt(prompt) = &mut app.overlay {
                        super::prompt::edit(&mut prompt.input, key);
                    }
                }
                _ => {}
            },
            Overlay::Confirm(_) => match action {
                Action::Yes => {
                    let effect = annotate::confirm_yes(app);
                    if matches!(effect, Effect::Export(_)) {
                        export::overwriting(app);
                    }
                    return effect;
                }
                Action::No => annotate::confirm_no(app),
                _ => {}
            },
            Overlay::Export(_) => return export::dialog(app, action),
            Overlay::Search(_) => search::bar(app, action),
            Overlay::List => list::keys(app, action),
            Overlay::Matrix(_) => matrix::keys(app, action),
            Overlay::Compare(_) => compare::keys(app, action),
            Overlay::Tags(_) => match action {
                Action::Escape => app.overlay = Overlay::None,
                Action::Undo => annotate::undo(app),
                Action::Redo => annotate::redo(app),
                other => annotate::manage(app, &other),
            },
            Overlay::Orphans(_) => match action {
                Action::Escape => app.overlay = Overlay::None,
                Action::Undo => annotate::undo(app),
                Action::Redo => annotate::redo(app),
                other => annotate::orphans(app, &other),
            },
        },
    }
    Effect::None
}

/// Keys in the reading panes (with or without a selection).
fn reader(app: &mut App, action: Action) {
    match action {
        Action::ToggleHelp => {
            app.overlay = Overlay::Help;
            app.help_scroll = 0;
        }
        Action::Escape => {
            if app.selection.take().is_some() {
                app.message = Some("selection cancelled".into());
            } else if app.search.take().is_some() {
                app.message = Some("search cleared".into());
            }
        }
        Action::Search => search::open(app),
        Action::List => list::open(app),
        Action::Matrix => matrix::open(app),
        Action::Compare => compare::open(app),
        Action::JumpHighlight(forward) => annotate::jump(app, forward),
        Action::NextMatch => search::go(app, Direction::Next),
        Action::PrevMatch => search::go(app, Direction::Previous),
        Action::FocusNext => focus(app, (app.focus + 1) % app.panes.len()),
        Action::FocusPrev => focus(app, (app.focus + app.panes.len() - 1) % app.panes.len()),
        Action::Move(motion) => {
            let extending = matches!(motion, Motion::NextSentence | Motion::PrevSentence)
                && annotate::extend(app, motion == Motion::NextSentence, false);
            if !extending {
                // Moving away from a finished selection lets it go.
                if app.selection.is_some_and(|s| s.done) {
                    app.selection = None;
                }
                let view = app.viewport();
                let pane = &mut app.panes[app.focus];
                let voice = &app.doc.voices()[app.focus];
                pane.apply(&mut rows(&app.doc, voice, view.width), view, motion);
            }
        }
        Action::Select => annotate::toggle_select(app),
        Action::Word(forward) => {
            if !annotate::extend(app, forward, true) {
                app.message = Some("press v to start a selection first".into());
            }
        }
        Action::Tag => annotate::open_picker(app),
        Action::QuickTag(n) => annotate::quick_tag(app, n),
        Action::Note => annotate::open_note(app),
        Action::Delete => annotate::delete(app),
        Action::Undo => annotate::undo(app),
        Action::Redo => annotate::redo(app),
        Action::TagManager => app.overlay = Overlay::Tags(TagManager::default()),
        Action::Export => export::open(app),
        Action::Orphans => {
            if app.annotations.orphans().next().is_some() {
                app.overlay = Overlay::Orphans(OrphanList::default());
            } else {
                app.message = Some("no orphaned highlights".into());
            }
        }
        _ => {}
    }
}

fn picker(app: &mut App, action: Action) {
    match action {
        Action::Accept => annotate::picker_accept(app),
        Action::Escape => {
            // Back to where the picker was opened from.
            app.overlay = match &app.overlay {
                Overlay::Picker(p) => match &p.purpose {
                    super::overlay::PickerPurpose::MergeInto(from) => {
                        Overlay::Tags(TagManager::on(from))
                    }
                    _ => Overlay::None,
                },
                _ => Overlay::None,
            };
        }
        Action::Down | Action::Up => {
            if let Overlay::Picker(p) = &mut app.overlay {
                let last = p.rows.len().saturating_sub(1);
                p.selected = if action == Action::Down {
                    (p.selected + 1).min(last)
                } else {
                    p.selected.saturating_sub(1)
                };
            }
        }
        Action::Text(key) => {
            if let Overlay::Picker(p) = &mut app.overlay {
                super::prompt::edit(&mut p.input, key);
                p.selected = 0;
                p.refilter(&app.annotations);
            }
        }
        _ => {}
    }
}

/// `q`: quit, unless work is unsaved because saving fails — then ask.
fn quit(app: &mut App) -> Effect {
    if let Some(effect) = super::disk::quit(app) {
        return effect;
    }
    if app.unsaved() && app.saving.error.is_some() && !matches!(app.overlay, Overlay::Confirm(_)) {
        let question = format!(
            "Changes could not be saved ({}). Quit and lose them?",
            app.saving.error.as_deref().unwrap_or("unknown error")
        );
        let back = Box::new(std::mem::take(&mut app.overlay));
        app.overlay = Overlay::Confirm(Confirm { question, pending: Pending::QuitUnsaved, back });
        return Effect::None;
    }
    Effect::Quit
}

fn saved_result(app: &mut App, saved: Saved) {
    match saved {
        Saved::Ok(revision) => {
            app.saving.saved_revision = app.saving.saved_revision.max(revision);
            app.saving.error = None;
        }
        Saved::Failed(_, message) => app.saving.error = Some(message),
        Saved::Changed(on_disk) => super::disk::changed(app, &on_disk),
        Saved::Unreadable { message, newer, .. } => super::disk::unreadable(app, message, newer),
    }
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

fn scroll(app: &mut App, column: u16, row: u16, lines: i16) {
    match &app.overlay {
        Overlay::Help => {
            app.help_scroll = if lines > 0 {
                app.help_scroll
                    .saturating_add(lines.unsigned_abs())
                    .min(super::help::max_scroll(app))
            } else {
                app.help_scroll.saturating_sub(lines.unsigned_abs())
            };
        }
        Overlay::None => {
            if let Some(voice) = pane_at(app, column, row) {
                let view = app.viewport();
                let pane = &mut app.panes[voice];
                pane.scroll(
                    &mut rows(&app.doc, &app.doc.voices()[voice], view.width),
                    view.height,
                    isize::from(lines),
                );
            }
        }
        _ => {}
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
    match app.overlay {
        Overlay::Help => {
            app.overlay = Overlay::None;
            return;
        }
        Overlay::None => {}
        _ => return,
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
