//! The reader: the voices' panes at the bottom of the mode stack, always
//! there. Its keys move the cursor, focus and scroll the panes, select and
//! annotate (see [`select`]), and open every other mode; the mouse wheel
//! scrolls the pane under it and a click moves the cursor there.
//! [`view`] draws the panes, header and info line, [`status`] the status bar.

pub mod lines;
pub mod select;
pub mod status;
pub mod view;

use ratatui::crossterm::event::KeyCode::{
    BackTab, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up,
};

use crate::model::Pos;
use crate::ui::core::Core;
use crate::ui::core::action::Action;
use crate::ui::core::edit::sentence_range;
use crate::ui::core::effect::{Effect, Open, PickerPurpose, PromptPurpose};
use crate::ui::core::keys::{Binding, Context, DIGITS, bind, ch, ctrl, key};
use crate::ui::core::pane::{Cursor, Motion, rows};
use crate::ui::core::search::{self, Direction};
use crate::ui::core::select::{Selection, first_word, next_word};
use crate::ui::core::{Mode, edit};
use crate::ui::core::{against, disagree};

pub const KEYS: &[Binding] = &[
    bind(
        Context::Reader,
        &[ch('j'), key(Down)],
        Action::Move(Motion::NextSentence),
        "next sentence",
    ),
    bind(
        Context::Reader,
        &[ch('k'), key(Up)],
        Action::Move(Motion::PrevSentence),
        "previous sentence",
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
    bind(
        Context::Reader,
        &[ch('g'), key(Home)],
        Action::Move(Motion::First),
        "top of the voice (in turn order: of the conversation)",
    ),
    bind(
        Context::Reader,
        &[ch('G'), key(End)],
        Action::Move(Motion::Last),
        "bottom of the voice (in turn order: of the conversation)",
    ),
    bind(
        Context::Reader,
        &[ch('i')],
        Action::ToggleTurns,
        "turn order: every voice in one column, as spoken (again: side by side)",
    ),
    bind(Context::Reader, &[key(PageDown), ch(' ')], Action::Move(Motion::PageDown), "page down"),
    bind(Context::Reader, &[key(PageUp)], Action::Move(Motion::PageUp), "page up"),
    bind(
        Context::Reader,
        &[key(Tab), ch('l'), key(Right)],
        Action::FocusNext,
        "focus the next voice (in turn order: its next turn)",
    ),
    bind(
        Context::Reader,
        &[key(BackTab), ch('h'), key(Left)],
        Action::FocusPrev,
        "focus the previous voice (in turn order: its last turn so far)",
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
        &[ch('A')],
        Action::Agree,
        "agreement with the other coder, tag by tag, and where we disagree",
    ),
    bind(
        Context::Reader,
        &[ch('B')],
        Action::PickAgainst,
        "compare with another coder: asks for their annotation file",
    ),
    bind(
        Context::Reader,
        &[ch('>')],
        Action::Disagreement(true),
        "next disagreement with the other coder (on the tag chosen in A)",
    ),
    bind(
        Context::Reader,
        &[ch('<')],
        Action::Disagreement(false),
        "previous disagreement with the other coder",
    ),
    bind(
        Context::Reader,
        &[ch('/')],
        Action::Search,
        "search every voice (a capital makes it match case)",
    ),
    bind(Context::Reader, &[ch('n')], Action::NextMatch, "next match, across voices"),
    bind(Context::Reader, &[ch('s')], Action::Kwic, "the search's matches in context (KWIC)"),
    bind(Context::Reader, &[ch('&')], Action::AutoCode, "tag every match of the search at once"),
    bind(Context::Reader, &[ch('N')], Action::PrevMatch, "previous match, across voices"),
    bind(
        Context::Reader,
        &[ch('w')],
        Action::Word(true),
        "word cursor to the next word (across sentences)",
    ),
    bind(Context::Reader, &[ch('b')], Action::Word(false), "word cursor to the previous word"),
    bind(
        Context::Reader,
        &[ch('v')],
        Action::Select,
        "select the word cursor's word (after w/b) or the cursor's sentence",
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
        "write or edit the note of the highlight here (asks which, if several)",
    ),
    bind(
        Context::Reader,
        &[ch('d')],
        Action::Delete,
        "delete the highlight here (asks which, if several)",
    ),
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
    bind(
        Context::Reader,
        &[ch('I')],
        Action::About,
        "about this conversation: source, header facts, who speaks, introduction",
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
    match action {
        Action::ToggleHelp => return Effect::Open(Open::Help),
        Action::About => return Effect::Open(Open::About),
        Action::Escape => {
            if core.selection.take().is_some() {
                core.message = Some("selection cancelled".into());
            } else if core.search.take().is_some() {
                core.message = Some("search cleared".into());
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
        _ => {}
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
    let p = core.doc.paragraph(voice.paragraphs[para]);
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
        let len = doc.paragraph(voice.paragraphs[p]).text().len();
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
