//! The reader's part of the key table: moving, focusing, selecting,
//! annotating, linking, and opening every other mode.

use ratatui::crossterm::event::KeyCode::{
    BackTab, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up,
};

use crate::ui::core::action::Action;
use crate::ui::core::keys::{Binding, Context, DIGITS, bind, ch, ctrl, key};
use crate::ui::core::pane::Motion;

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
        "start of the paragraph (at its start: the previous one)",
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
        "select the word cursor's word (after w/b; after a search, the match) or the cursor's sentence",
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
    bind(
        Context::Reader,
        &[ch('L')],
        Action::Link,
        "link passages: L on one (selection or sentence), L on the other, pick the relation",
    ),
    bind(
        Context::Reader,
        &[ch('f')],
        Action::Follow,
        "follow the link here to its other end (again: back; several: each in turn)",
    ),
    bind(Context::Reader, &[ch('F')], Action::Links, "list the links; m: the exchange matrix"),
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
