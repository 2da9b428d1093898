//! The reader: the voices' panes at the bottom of the mode stack, always
//! there. Its keys move the cursor, focus and scroll the panes, select and
//! annotate (see [`select`]), and open every other mode; the mouse wheel
//! scrolls the pane under it and a click moves the cursor there.
//! [`view`] draws the panes, header and info line, [`status`] the status bar.

pub mod select;
pub mod status;
pub mod view;

use ratatui::crossterm::event::KeyCode::{
    BackTab, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up,
};
use ratatui::layout::Position;

use crate::ui::core::Core;
use crate::ui::core::action::Action;
use crate::ui::core::effect::{Effect, Open, PickerPurpose};
use crate::ui::core::keys::{Binding, Context, DIGITS, bind, ch, ctrl, key};
use crate::ui::core::pane::{Motion, rows};
use crate::ui::core::search::{self, Direction};
use crate::ui::core::{Mode, edit};

pub const KEYS: &[Binding] = &[
    bind(
        Context::Reader,
        &[ch('j'), key(Down)],
        Action::Move(Motion::NextSentence),
        "next sentence (extends a selection)",
    ),
    bind(
        Context::Reader,
        &[ch('k'), key(Up)],
        Action::Move(Motion::PrevSentence),
        "previous sentence (extends a selection)",
    ),
    bind(
        Context::Reader,
        &[ch('J'), ch('}')],
        Action::Move(Motion::NextParagraph),
        "next paragraph",
    ),
    bind(
        Context::Reader,
        &[ch('K'), ch('{')],
        Action::Move(Motion::PrevParagraph),
        "previous paragraph",
    ),
    bind(Context::Reader, &[ch('g'), key(Home)], Action::Move(Motion::First), "top of the voice"),
    bind(Context::Reader, &[ch('G'), key(End)], Action::Move(Motion::Last), "bottom of the voice"),
    bind(Context::Reader, &[key(PageDown), ch(' ')], Action::Move(Motion::PageDown), "page down"),
    bind(Context::Reader, &[key(PageUp)], Action::Move(Motion::PageUp), "page up"),
    bind(
        Context::Reader,
        &[key(Tab), ch('l'), key(Right)],
        Action::FocusNext,
        "focus the next voice",
    ),
    bind(
        Context::Reader,
        &[key(BackTab), ch('h'), key(Left)],
        Action::FocusPrev,
        "focus the previous voice",
    ),
    bind(Context::Reader, &[ch(']')], Action::JumpHighlight(true), "next highlight in this voice"),
    bind(
        Context::Reader,
        &[ch('[')],
        Action::JumpHighlight(false),
        "previous highlight in this voice",
    ),
    bind(
        Context::Reader,
        &[ch('a')],
        Action::List,
        "list every highlight: filter, go to, retag, note, delete",
    ),
    bind(Context::Reader, &[ch('m')], Action::Matrix, "the tag × contributor matrix"),
    bind(Context::Reader, &[ch('c')], Action::Compare, "compare one tag's passages across voices"),
    bind(
        Context::Reader,
        &[ch('/')],
        Action::Search,
        "search every voice (a capital makes it match case)",
    ),
    bind(Context::Reader, &[ch('n')], Action::NextMatch, "next match, across voices"),
    bind(Context::Reader, &[ch('N')], Action::PrevMatch, "previous match, across voices"),
    bind(
        Context::Reader,
        &[ch('v')],
        Action::Select,
        "start a selection at the cursor's sentence, or end it",
    ),
    bind(Context::Reader, &[ch('w')], Action::Word(true), "extend the selection by a word"),
    bind(
        Context::Reader,
        &[ch('b')],
        Action::Word(false),
        "shrink the selection by a word (or extend it back)",
    ),
    bind(
        Context::Reader,
        &[ch('t'), key(Enter)],
        Action::Tag,
        "tag the selection or the cursor's sentence",
    ),
    bind(Context::Reader, DIGITS, Action::QuickTag(1), "apply quick tag 1–9"),
    bind(
        Context::Reader,
        &[ch('e')],
        Action::Note,
        "write or edit the note of the highlight under the cursor",
    ),
    bind(Context::Reader, &[ch('d')], Action::Delete, "delete the highlight under the cursor"),
    bind(Context::Reader, &[ch('u')], Action::Undo, "undo"),
    bind(Context::Reader, &[ctrl('r')], Action::Redo, "redo"),
    bind(
        Context::Reader,
        &[ch('T')],
        Action::TagManager,
        "manage tags: rename, recolour, describe, keys, merge, delete",
    ),
    bind(Context::Reader, &[ch('O')], Action::Orphans, "orphaned highlights: re-attach or delete"),
    bind(
        Context::Reader,
        &[ch('X')],
        Action::Export,
        "export: Markdown, CSV, W3C JSON-LD, REFI-QDA, HTML",
    ),
    bind(Context::Reader, &[ch('?')], Action::ToggleHelp, "show or hide this help"),
    bind(
        Context::Reader,
        &[key(Esc)],
        Action::Escape,
        "cancel the selection, leave the current mode",
    ),
    bind(
        Context::Reader,
        &[ch('q'), ctrl('c')],
        Action::Quit,
        "quit (everything is already saved)",
    ),
    bind(Context::Reader, &[ctrl('z')], Action::Suspend, "suspend to the shell (resume with fg)"),
];

/// The status bar's hints while reading, and while selecting.
pub const HINTS: &[(&str, &str)] =
    &[("?", "help"), ("q", "quit"), ("v", "select"), ("t", "tag"), ("e", "note"), ("u", "undo")];
pub const SELECT_HINTS: &[(&str, &str)] =
    &[("j/k", "extend"), ("t", "tag"), ("e", "note"), ("Esc", "cancel")];

/// The reader's label: selecting while a selection is made.
pub fn mode(core: &Core) -> Mode {
    if core.selection.is_some() { Mode::Select } else { Mode::Read }
}

/// Keys in the reading panes (with or without a selection).
pub fn update(core: &mut Core, action: Action) -> Effect {
    match action {
        Action::ToggleHelp => return Effect::Open(Open::Help),
        Action::Escape => {
            if core.selection.take().is_some() {
                core.message = Some("selection cancelled".into());
            } else if core.search.take().is_some() {
                core.message = Some("search cleared".into());
            }
        }
        Action::Search => return Effect::Open(Open::Search),
        Action::List => return Effect::Open(Open::List { tag: None, voice: None }),
        Action::Matrix => return Effect::Open(Open::Matrix { col: core.focus }),
        Action::Compare => {
            if core.annotations.tags().is_empty() {
                core.message = Some("no tags to compare".into());
            } else {
                return Effect::Open(Open::Picker(PickerPurpose::Compare));
            }
        }
        Action::JumpHighlight(forward) => edit::jump(core, forward),
        Action::NextMatch => search::go(core, Direction::Next),
        Action::PrevMatch => search::go(core, Direction::Previous),
        Action::FocusNext => core.focus_on((core.focus + 1) % core.panes.len()),
        Action::FocusPrev => core.focus_on((core.focus + core.panes.len() - 1) % core.panes.len()),
        Action::Move(motion) => {
            let extending = matches!(motion, Motion::NextSentence | Motion::PrevSentence)
                && select::extend(core, motion == Motion::NextSentence, false);
            if !extending {
                // Moving away from a finished selection lets it go.
                if core.selection.is_some_and(|s| s.done) {
                    core.selection = None;
                }
                let view = core.viewport();
                let pane = &mut core.panes[core.focus];
                let voice = &core.doc.voices()[core.focus];
                pane.apply(&mut rows(&core.doc, voice, view.width), view, motion);
            }
        }
        Action::Select => select::toggle(core),
        Action::Word(forward) => {
            if !select::extend(core, forward, true) {
                core.message = Some("press v to start a selection first".into());
            }
        }
        Action::Tag => return select::open_picker(core),
        Action::QuickTag(n) => select::quick_tag(core, n),
        Action::Note => return select::open_note(core),
        Action::Delete => return select::delete(core),
        Action::Undo => edit::undo(core),
        Action::Redo => edit::redo(core),
        Action::TagManager => return Effect::Open(Open::Tags { on: None }),
        Action::Export => return Effect::Open(Open::Export),
        Action::Orphans => {
            if core.annotations.orphans().next().is_some() {
                return Effect::Open(Open::Orphans);
            }
            core.message = Some("no orphaned highlights".into());
        }
        _ => {}
    }
    Effect::None
}

/// The wheel scrolls the pane under the pointer.
pub fn scroll(core: &mut Core, column: u16, row: u16, lines: i16) {
    if let Some(voice) = core.pane_at(column, row) {
        let view = core.viewport();
        let pane = &mut core.panes[voice];
        pane.scroll(
            &mut rows(&core.doc, &core.doc.voices()[voice], view.width),
            view.height,
            isize::from(lines),
        );
    }
}

/// A click focuses the pane under the pointer and, on text, moves its
/// cursor to the sentence clicked.
pub fn click(core: &mut Core, column: u16, row: u16) {
    let Some(voice) = core.pane_at(column, row) else { return };
    core.focus_on(voice);
    let Some(screen) = core.screen() else { return };
    let Some((_, rect)) = screen.panes.iter().find(|(v, _)| *v == voice) else { return };
    let text = Core::text_area(*rect);
    if !text.contains(Position::new(column, row)) {
        return;
    }
    let view = core.viewport();
    let pane = &mut core.panes[voice];
    let mut rows = rows(&core.doc, &core.doc.voices()[voice], view.width);
    pane.cursor = pane.hit(&mut rows, row - text.y, column - text.x);
    pane.ensure_visible(&mut rows, view.height);
}
