//! The reader: the voices' panes at the bottom of the mode stack, always
//! there. Its keys move the cursor, focus and scroll the panes, select and
//! annotate (see [`select`]), and open every other mode; the mouse wheel
//! scrolls the pane under it and a click moves the cursor there.
//! [`view`] draws the panes, header and info line, [`status`] the status bar;
//! [`keys`] holds its part of the key table.

pub mod connector;
pub mod keys;
pub mod lines;
pub mod select;
pub mod status;
pub mod view;

pub use keys::KEYS;

use crate::model::Pos;
use crate::ui::core::Core;
use crate::ui::core::action::Action;
use crate::ui::core::edit::sentence_range;
use crate::ui::core::effect::{Effect, Open, PickerPurpose, PromptPurpose};
use crate::ui::core::pane::{Cursor, rows};
use crate::ui::core::search::{self, Direction};
use crate::ui::core::select::{Selection, first_word, next_word};
use crate::ui::core::{Mode, edit};
use crate::ui::core::{against, disagree, links};

/// The status bar's hints while reading, and with a finished selection.
pub const HINTS: &[(&str, &str)] =
    &[("?", "help"), ("q", "quit"), ("v", "select"), ("t", "tag"), ("e", "note"), ("u", "undo")];
pub const SELECT_HINTS: &[(&str, &str)] =
    &[("t", "tag"), ("1–9", "quick tag"), ("e", "note"), ("Esc", "cancel")];

/// The reader's label: selecting while a selection is made.
pub fn mode(core: &Core) -> Mode {
    if core.selection.is_some() { Mode::Select } else { Mode::Read }
}

/// Keys in the reading panes (with or without a selection).
pub fn update(core: &mut Core, action: Action) -> Effect {
    let moved = matches!(
        action,
        Action::Move(_)
            | Action::JumpHighlight(_)
            | Action::Word(_)
            | Action::NextMatch
            | Action::PrevMatch
            | Action::FocusNext
            | Action::FocusPrev
            | Action::Disagreement(_)
    );
    match action {
        Action::ToggleHelp => return Effect::Open(Open::Help),
        Action::About => return Effect::Open(Open::About),
        Action::Escape => {
            // The nearest thing first: a selection, the search's marks, then
            // a link's start (which says so while it waits).
            if core.selection.take().is_some() {
                core.message = Some("selection cancelled".into());
            } else if core.search.take().is_some() {
                core.message = Some(if core.link.start.is_some() {
                    "search cleared (the link's start is kept: Esc again drops it)".into()
                } else {
                    "search cleared".into()
                });
            } else {
                links::cancel(core);
            }
        }
        Action::Search => return Effect::Open(Open::Search),
        Action::AutoCode => {
            if core.search.as_ref().is_none_or(|s| s.matches.is_empty()) {
                core.message =
                    Some("no search: press / to search, then & codes every match".into());
            } else if !edit::read_only(core) {
                return Effect::Open(Open::AutoCode);
            }
        }
        Action::Kwic => match &core.search {
            Some(s) if !s.matches.is_empty() => return Effect::Open(Open::Kwic),
            _ => {
                core.message = Some("no search: press / to search, then s lists the matches".into())
            }
        },
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
        Action::Agree if core.against.is_none() => core.message = Some(against::NO_OTHER.into()),
        Action::Agree => return Effect::Open(Open::Agree),
        Action::Disagreement(forward) => disagree::step(core, forward),
        Action::PickAgainst => return Effect::Open(Open::Prompt(PromptPurpose::Against)),
        Action::NextMatch => search::go(core, Direction::Next),
        Action::PrevMatch => search::go(core, Direction::Previous),
        Action::FocusNext => core.turn_focus((core.focus + 1) % core.panes.len(), true),
        Action::FocusPrev => {
            core.turn_focus((core.focus + core.panes.len() - 1) % core.panes.len(), false)
        }
        Action::ToggleTurns => {
            core.toggle_turns();
            core.message = Some(if core.turns_on() {
                "turn order: every voice in one column, as spoken · i: side by side".into()
            } else {
                "voices side by side · i: turn order".into()
            });
        }
        Action::Move(motion) if core.turns_on() => {
            core.selection = None;
            core.turn_motion(motion);
        }
        Action::Move(motion) => {
            // Moving away from a finished selection lets it go.
            core.selection = None;
            let view = core.viewport();
            let pane = &mut core.panes[core.focus];
            let voice = &core.doc.voices()[core.focus];
            pane.apply(&mut rows(&core.doc, voice, view.width), view, motion);
        }
        Action::Select => {
            start_selection(core);
            return Effect::Open(Open::Select);
        }
        Action::Word(forward) => {
            core.selection = None;
            word(core, forward);
        }
        Action::Tag => return select::open_picker(core),
        Action::Link => return links::start_or_finish(core),
        Action::Follow => links::follow(core),
        Action::Links => return Effect::Open(Open::Links),
        Action::QuickTag(n) => return select::quick_tag(core, n),
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
        // Never read as keys: a pasted `d` or `q` would act.
        Action::Paste(_) => {
            core.message =
                Some("pasted text goes into a field: / search, t tag name, e note".into());
        }
        _ => {}
    }
    // Onto another passage: the other end of a link there comes into view.
    if moved {
        core.link.turn = 0;
        core.link.trail = None;
        links::reveal(core);
    }
    Effect::None
}

/// `v`: a selection of the word under the word cursor, or of the cursor's
/// sentence when no word motion was made since the last sentence move.
fn start_selection(core: &mut Core) {
    let pane = &core.panes[core.focus];
    let (start, end) = match pane.word {
        Some(word) => word,
        None => sentence_range(&core.doc, &core.doc.voices()[core.focus], pane.cursor),
    };
    core.selection = Some(Selection::of(core.focus, start, end));
}

/// `w` / `b`: the word cursor to the next or previous word, across
/// sentences and paragraphs; the sentence cursor follows it. With no word
/// cursor yet, it counts as on the first word of the cursor's sentence.
fn word(core: &mut Core, forward: bool) {
    let voice = &core.doc.voices()[core.focus];
    let pane = core.panes[core.focus];
    let from = match pane.word {
        Some((start, _)) => start,
        None => {
            let (start, end) = sentence_range(&core.doc, voice, pane.cursor);
            first_word(
                &core.doc,
                voice,
                start.para as usize,
                start.byte as usize,
                end.byte as usize,
            )
            .map_or(start, |(s, _)| s)
        }
    };
    let mut found = next_word(&core.doc, voice, from, forward).map(|w| (core.focus, w));
    // In turn order the next word is in the next paragraph spoken, whoever
    // speaks it.
    if core.turns_on() && found.is_none_or(|(_, (s, _))| s.para != from.para) {
        found = turn_word(core, from.para as usize, forward);
    }
    let Some((focus, (start, end))) = found else {
        core.message =
            Some(format!("no {} word in this voice", if forward { "later" } else { "earlier" }));
        return;
    };
    core.focus_on(focus);
    let voice = &core.doc.voices()[focus];
    let para = start.para as usize;
    let p = core.doc.paragraph(voice.paragraphs.at(para));
    let view = core.viewport();
    let pane = &mut core.panes[focus];
    pane.cursor = Cursor { para, sentence: p.sentence_at(start.byte as usize) };
    pane.ensure_visible(&mut rows(&core.doc, voice, view.width), view.height);
    pane.word = Some((start, end));
}

/// The first (or last) word of the paragraph spoken after (or before)
/// paragraph `para` of the focused voice, and whose voice it is.
fn turn_word(core: &Core, para: usize, forward: bool) -> Option<(usize, (Pos, Pos))> {
    let doc = &core.doc;
    let here = doc.to_timeline(core.focus, para);
    let count = doc.timeline().paragraphs.len();
    let mut t = here;
    loop {
        t = if forward { t + 1 } else { t.checked_sub(1)? };
        if t >= count {
            return None;
        }
        let (v, p) = doc.from_timeline(t);
        let voice = &doc.voices()[v];
        let len = doc.paragraph(voice.paragraphs.at(p)).text().len();
        let word = if forward {
            first_word(doc, voice, p, 0, len)
        } else {
            next_word(doc, voice, Pos::new(p, len), false).filter(|(s, _)| s.para as usize == p)
        };
        if let Some(w) = word {
            return Some((v, w));
        }
    }
}
