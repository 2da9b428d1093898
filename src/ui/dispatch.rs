//! The dispatcher: the only place the reader's state changes, and the only
//! place that draws it. [`update`] routes an action to the mode on top of
//! the stack (the reader when none is open), carries out the [`Effect`]s it
//! returns (opening, closing, replying), and brings every open mode's
//! derived rows up to date. No I/O happens here: quit, suspend and export
//! are handed back to the event loop, which also saves any new revision.
//! [`view`] draws the reader, then each mode on the stack, bottom first.

use std::sync::Arc;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::store::saver::Saved;

use super::app::App;
use super::core::Core;
use super::core::action::{Action, ExportRequest};
use super::core::against::Against;
use super::core::disk;
use super::core::effect::{Effect, Open, Pending};
use super::modes::{export, reader};
use super::overlay::{self, Overlay, PromptPurpose};

/// What the event loop must do after an update.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    None,
    Quit,
    Suspend,
    /// Write an export file, then report with `Action::Exported`.
    Export(ExportRequest),
    /// Load another coder's annotation file, then report with
    /// `Action::AgainstLoaded`.
    LoadAgainst(std::path::PathBuf),
}

/// Applies `action` to `app`; what the event loop must do.
pub fn update(app: &mut App, action: Action) -> Command {
    // A message lasts until the next key.
    if !matches!(
        action,
        Action::Saved(_)
            | Action::Resize { .. }
            | Action::Exported(_)
            | Action::Drag(_)
            | Action::Release(_)
    ) {
        app.core.message = None;
    }
    let effect = match action {
        Action::Quit => quit(app),
        Action::KeepDrafts => {
            for mode in &mut app.stack {
                mode.room_mut().keep_draft(&mut app.core);
            }
            Effect::None
        }
        Action::ReaderKey(key) => {
            let mode = app.mode().label();
            app.core.message = Some(format!("{key} is a reader key: Esc leaves {mode} first"));
            Effect::None
        }
        Action::Suspend => Effect::Suspend,
        Action::Resize { width, height } => {
            app.core.resize(width, height);
            Effect::None
        }
        Action::Saved(saved) => saved_result(app, saved),
        Action::AgainstLoaded(result) => {
            let read = result.is_ok();
            against_loaded(&mut app.core, result);
            // The prompt that named the file closes once it is read (even
            // under a question opened meanwhile); if it could not be, it
            // stays to correct the path.
            let named = |o: &Overlay| matches!(o, Overlay::Prompt(p) if p.purpose == PromptPurpose::Against);
            if read && let Some(at) = app.stack.iter().rposition(named) {
                app.stack.remove(at);
            }
            Effect::None
        }
        Action::Exported(result) => match app.stack.last_mut() {
            Some(top @ Overlay::Export(_)) => {
                top.room_mut().update(&mut app.core, Action::Exported(result))
            }
            _ => export::report(&mut app.core, result),
        },
        Action::Scroll { column, row, lines } => {
            match app.stack.last_mut() {
                Some(top) => top.room_mut().scroll(&mut app.core, column, row, lines),
                None => app.core.scroll_at(column, row, lines),
            }
            Effect::None
        }
        Action::Press(at) => match app.stack.last_mut() {
            Some(top) => top.room_mut().click(&mut app.core, at),
            None => {
                app.core.press(at);
                Effect::None
            }
        },
        // A drag goes on whatever opened meanwhile; only one started by a
        // press in a pane does anything.
        Action::Drag(at) => {
            app.core.drag(at);
            Effect::None
        }
        Action::Release(at) => {
            app.core.release(at);
            Effect::None
        }
        action => match app.stack.last_mut() {
            Some(top) => top.room_mut().update(&mut app.core, action),
            None => reader::update(&mut app.core, action),
        },
    };
    let outer = apply(app, effect);
    // A mode with nothing left to do goes (a selection coded from a picker
    // opened over it).
    while app.stack.last().is_some_and(|top| !top.room().alive(&app.core)) {
        app.stack.pop();
    }
    super::derived::sync(app);
    // The turn view's cursor follows the focused voice's, however it moved.
    app.core.sync_turns();
    match outer {
        Effect::Quit => Command::Quit,
        Effect::Suspend => Command::Suspend,
        Effect::Export(request) => Command::Export(request),
        Effect::LoadAgainst(path) => Command::LoadAgainst(path),
        _ => Command::None,
    }
}

/// Carries out `effect`; what is left for the event loop.
fn apply(app: &mut App, effect: Effect) -> Effect {
    match effect {
        Effect::None => Effect::None,
        Effect::Quit | Effect::Suspend | Effect::LoadAgainst(_) => effect,
        Effect::Export(request) => {
            // The dialog (back from a question) waits for the report.
            if let Some(top) = app.stack.last_mut() {
                top.room_mut().exporting();
            }
            Effect::Export(request)
        }
        Effect::Open(request) => {
            let mode = overlay::open(&mut app.core, request);
            app.stack.push(mode);
            Effect::None
        }
        Effect::Close => {
            app.stack.pop();
            Effect::None
        }
        Effect::Replace(request) => {
            app.stack.pop();
            apply(app, Effect::Open(request))
        }
        Effect::Home => {
            app.stack.clear();
            Effect::None
        }
        Effect::Reply(reply) => {
            app.stack.pop();
            if let Some(top) = app.stack.last_mut() {
                top.room_mut().reply(&mut app.core, reply);
            }
            Effect::None
        }
        Effect::Batch(effects) => {
            let mut outer = Effect::None;
            for effect in effects {
                match apply(app, effect) {
                    Effect::None => {}
                    other => outer = other,
                }
            }
            outer
        }
    }
}

/// `q`: quit, unless the file on disk needs an answer first, or work is
/// unsaved because saving fails — then ask.
fn quit(app: &mut App) -> Effect {
    let question = match app.stack.last_mut() {
        Some(Overlay::Confirm(c)) => Some(&mut c.pending),
        _ => None,
    };
    if let Some(effect) = disk::quit(&mut app.core, question) {
        return effect;
    }
    let saving = &app.core.saving;
    if app.core.unsaved() && saving.error.is_some() && !saving.quit_anyway && !app.asking() {
        let question = format!(
            "Changes could not be saved ({}). Quit? They are written to a copy elsewhere on \
             the way out (beside the file, else in the data or temporary directory), and its \
             name printed; if none takes it, crosstalk stays open.",
            saving.error.as_deref().unwrap_or("unknown error")
        );
        return Effect::Open(Open::Confirm { question, pending: Pending::QuitUnsaved });
    }
    Effect::Quit
}

/// The event loop's report on another coder's file: compare with them from
/// now on (stepping starts afresh), or say why not.
fn against_loaded(core: &mut Core, result: Result<Arc<Against>, String>) {
    match result {
        Ok(them) => {
            let lost = them.lost().map(|l| format!(" · {l}")).unwrap_or_default();
            core.message = Some(format!(
                "comparing with {} ({}): A agreement, > / < disagreements{lost}",
                them.name, them.label
            ));
            core.against = Some(them);
            core.stepping.restart();
        }
        Err(why) => core.message = Some(why),
    }
}

/// The saver's report.
fn saved_result(app: &mut App, saved: Saved) -> Effect {
    let core = &mut app.core;
    match saved {
        Saved::Ok(revision) => {
            core.saving.saved_revision = core.saving.saved_revision.max(revision);
            core.saving.error = None;
            core.saving.asked_unreadable = false;
            // Written: a file that could not be read reads again, and the
            // question whether to write over it is moot.
            if core.saving.unreadable.take().is_some()
                && let Some(Overlay::Confirm(c)) = app.stack.last()
                && matches!(c.pending, Pending::DiskUnreadable { .. })
            {
                app.stack.pop();
            }
            core.saving.fresh = false;
            Effect::None
        }
        Saved::Failed(_, message) => {
            core.saving.error = Some(message);
            Effect::None
        }
        Saved::Changed(on_disk) => {
            // A question about an earlier change on disk is replaced by
            // this one's merge, which starts from where that one did.
            let earlier = match app.stack.last() {
                Some(Overlay::Confirm(c)) => disk::question_base(&c.pending),
                _ => None,
            };
            if earlier.is_some() {
                app.stack.pop();
            }
            disk::changed(&mut app.core, &on_disk, earlier.flatten())
        }
        Saved::Unreadable { message, newer, .. } => {
            let idle = app.stack.is_empty();
            disk::unreadable(&mut app.core, message, newer, idle)
        }
        Saved::Readable => {
            // The question whether to write over it is moot now.
            if let Some(Overlay::Confirm(c)) = app.stack.last()
                && matches!(c.pending, Pending::DiskUnreadable { .. })
            {
                app.stack.pop();
            }
            disk::readable(&mut app.core)
        }
    }
}

/// Draws the reader, then every mode on the stack over it, bottom first.
pub fn view(app: &App, frame: &mut Frame) {
    let area = frame.area();
    view_in(app, area, frame.buffer_mut());
}

/// [`view`] into `buf`, whose `area` the frame covers.
pub fn view_in(app: &App, area: Rect, buf: &mut Buffer) {
    let laid = Rect::new(area.x, area.y, app.core.size.0, app.core.size.1);
    if laid == area {
        draw(app, area, buf);
    } else {
        // The terminal was resized again after the size the layout was
        // made for (a window edge dragged sends a burst): drawn at that
        // size, the part that fits is shown, until the resize on its way
        // lays it out anew.
        let mut laid_out = Buffer::empty(laid);
        draw(app, laid, &mut laid_out);
        let shown = area.intersection(laid);
        for y in shown.top()..shown.bottom() {
            for x in shown.left()..shown.right() {
                buf[(x, y)] = laid_out[(x, y)].clone();
            }
        }
    }
    fit_the_right_edge(area, buf);
}

/// Blanks a wide character (CJK, an emoji) that starts in the last column
/// of `area`, its second half cut off: the part of a wider frame shown
/// above can leave one there. The terminal would wrap it onto the next
/// row; and ratatui's diff, finding one in the bottom-right cell with a
/// colour or a reversed cursor, read past the end of its buffer and
/// panicked on the next frame (a burst of resizes over CJK text).
fn fit_the_right_edge(area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let x = area.right() - 1;
    for y in area.top()..area.bottom() {
        let cell = &mut buf[(x, y)];
        if unicode_width::UnicodeWidthStr::width(cell.symbol()) > 1 {
            cell.set_symbol(" ");
        }
    }
}

fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let core = &app.core;
    let bar = reader::status::Bar {
        mode: app.mode(),
        hints: match app.top() {
            Some(top) => top.room().hints(),
            None if core.selection.is_some() => reader::SELECT_HINTS,
            None => reader::HINTS,
        },
        // A mode's own position; a finished selection's size in the reader.
        position: app.top().and_then(|top| top.room().position(core)).or_else(|| {
            let sel = core.selection?;
            Some(super::core::select::summary(&super::core::edit::quote(core, &sel.target())))
        }),
    };
    reader::view::draw(core, area, &bar, buf);
    if core.screen().is_some() {
        // Compare lays the panes side by side even over turn order: the
        // header counts the voices it shows.
        if core.turns_on()
            && app.stack.iter().any(|o| matches!(o, Overlay::Compare(_)))
            && let Some(screen) = core.side_by_side()
        {
            ratatui::widgets::Widget::render(ratatui::widgets::Clear, screen.header, buf);
            reader::view::header(core, &screen, buf);
        }
        for mode in &app.stack {
            mode.room().view(core, area, buf);
        }
        reader::view::long_message(core, buf);
    }
}
