//! Selecting (`v`): a selection grows from the word (or sentence) it
//! started on. `w` / `b` move its moving end by a word, `h` / `l` by a
//! character (for punctuation), `j` / `k` and `)` / `(` by a sentence,
//! `}` / `{` by a paragraph; `o` makes the other end the moving one. `t`,
//! the digits and `e` code it; `v` stops growing it (the reader then codes
//! it with the same keys), `Esc` drops it. The selection itself is the
//! core's (the reader draws it); this room is its keys.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode::{Down, Enter, Esc, Left, Right, Up};
use ratatui::layout::Rect;

use crate::ui::core::action::Action;
use crate::ui::core::edit::{self, read_only};
use crate::ui::core::effect::{Effect, Open, PickerPurpose};
use crate::ui::core::keys::{Binding, Context, DIGITS, bind, ch, key};
use crate::ui::core::pane::{Cursor, rows};
use crate::ui::core::room::Room;
use crate::ui::core::select::{Selection, Unit, step, summary};
use crate::ui::core::{Core, Mode};

pub const KEYS: &[Binding] = &[
    bind(
        Context::Select,
        &[ch('w')],
        Action::Extend(Unit::Word, true),
        "to the end of the next word",
    ),
    bind(
        Context::Select,
        &[ch('b')],
        Action::Extend(Unit::Word, false),
        "back a word (past the start, if you go on)",
    ),
    bind(
        Context::Select,
        &[ch('l'), key(Right)],
        Action::Extend(Unit::Grapheme, true),
        "a character further (punctuation)",
    ),
    bind(
        Context::Select,
        &[ch('h'), key(Left)],
        Action::Extend(Unit::Grapheme, false),
        "a character back",
    ),
    bind(
        Context::Select,
        &[ch('j'), key(Down), ch(')')],
        Action::Extend(Unit::Sentence, true),
        "to the end of the next sentence",
    ),
    bind(
        Context::Select,
        &[ch('k'), key(Up), ch('(')],
        Action::Extend(Unit::Sentence, false),
        "back a sentence",
    ),
    bind(
        Context::Select,
        &[ch('}')],
        Action::Extend(Unit::Paragraph, true),
        "to the end of the next paragraph",
    ),
    bind(Context::Select, &[ch('{')], Action::Extend(Unit::Paragraph, false), "back a paragraph"),
    bind(Context::Select, &[ch('o')], Action::Swap, "move the other end"),
    bind(Context::Select, &[ch('t'), key(Enter)], Action::Tag, "tag the selection"),
    bind(Context::Select, DIGITS, Action::QuickTag(1), "apply quick tag 1–9 to it"),
    bind(Context::Select, &[ch('e')], Action::Note, "write a note on it"),
    bind(Context::Select, &[ch('L')], Action::Link, "start a link here, or end the one started"),
    bind(Context::Select, &[ch('v')], Action::Select, "stop growing it (t, 1–9, e still code it)"),
    bind(Context::Select, &[key(Esc)], Action::Escape, "drop the selection"),
];

/// The select mode: its state is the core's selection.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selecting;

impl Room for Selecting {
    fn mode(&self) -> Mode {
        Mode::Select
    }
    fn context(&self) -> Context {
        Context::Select
    }
    fn hints(&self) -> &'static [(&'static str, &'static str)] {
        &[("w/b", "word"), ("h/l", "char"), ("o", "other end"), ("t", "tag"), ("Esc", "cancel")]
    }

    fn update(&mut self, core: &mut Core, action: Action) -> Effect {
        match action {
            Action::Extend(unit, forward) => extend(core, unit, forward),
            Action::Swap => {
                if let Some(sel) = &mut core.selection {
                    sel.swap(&core.doc, &core.doc.voices()[sel.voice]);
                }
                follow(core);
            }
            Action::Select => {
                if let Some(sel) = &mut core.selection {
                    sel.done = true;
                }
                return Effect::Close;
            }
            Action::Escape => {
                core.selection = None;
                core.message = Some("selection cancelled".into());
                return Effect::Close;
            }
            Action::Tag => {
                if !read_only(core) {
                    return Effect::Open(Open::Picker(PickerPurpose::Apply(edit::target(core))));
                }
            }
            Action::QuickTag(n) => {
                match core.annotations.tags().iter().find(|t| t.key == Some(n)) {
                    Some(tag) => {
                        let (name, target) = (tag.name.clone(), edit::target(core));
                        return edit::apply_tag(core, target, &name, false);
                    }
                    None => {
                        core.message = Some(format!("no tag on key {n} (T opens the tag manager)"))
                    }
                }
            }
            Action::Note => {
                if !read_only(core) {
                    let target = edit::target(core);
                    return Effect::Open(Open::Note { id: None, target });
                }
            }
            Action::Link => return crate::ui::core::links::start_or_finish(core),
            _ => {}
        }
        Effect::None
    }

    fn view(&self, _core: &Core, _area: Rect, _buf: &mut Buffer) {}

    /// Gone once the selection is coded, dropped or finished.
    fn alive(&self, core: &Core) -> bool {
        core.selection.is_some_and(|s| !s.done)
    }

    fn scroll(&mut self, core: &mut Core, column: u16, row: u16, lines: i16) {
        core.scroll_at(column, row, lines);
    }

    /// The mouse takes over: the selection grown by keys goes, and the
    /// press is the reader's.
    fn click(&mut self, core: &mut Core, at: crate::ui::core::action::Pointer) -> Effect {
        core.selection = None;
        core.press(at);
        Effect::None
    }

    /// Its size in words, and its first and last words.
    fn position(&self, core: &Core) -> Option<String> {
        let sel = core.selection?;
        let quote = edit::quote(core, &sel.target());
        Some(summary(&quote))
    }
}

/// Moves the moving end by `unit`; the cursor follows it.
fn extend(core: &mut Core, unit: Unit, forward: bool) {
    let Some(sel) = core.selection.filter(|s| !s.done) else { return };
    let voice = &core.doc.voices()[sel.voice];
    let head = step(&core.doc, voice, sel.anchor, sel.head, forward, unit);
    if head == sel.head {
        let which = if forward { "end" } else { "start" };
        core.message = Some(format!("at the {which} of this voice"));
        return;
    }
    if core.turns_on() && !one_turn(core, Selection { head, ..sel }) {
        let name = crate::model::sanitize::sanitize(&core.doc.short_name(sel.voice)).into_owned();
        core.message = Some(format!(
            "{name}'s next paragraph comes after another's turn: a highlight keeps to one turn in turn order"
        ));
        return;
    }
    if let Some(s) = &mut core.selection {
        s.head = head;
    }
    follow(core);
}

/// Whether `sel`'s paragraphs follow one another in the turn order (no
/// other speaker between them): in the turn view, `}` went on to the
/// voice's next paragraph turns later, over text shown unselected.
fn one_turn(core: &Core, sel: Selection) -> bool {
    let (start, end) = sel.range();
    // An end at a paragraph's start selects nothing of it.
    let last = if end.byte == 0 && end.para > start.para { end.para - 1 } else { end.para };
    let (first, last) = (start.para as usize, last as usize);
    let at = |para: usize| core.doc.to_timeline(sel.voice, para);
    at(last) - at(first) == last - first
}

/// Puts the pane's cursor on the sentence at the moving end, scrolled into
/// view, so the view follows it.
fn follow(core: &mut Core) {
    let Some(sel) = core.selection else { return };
    let voice = &core.doc.voices()[sel.voice];
    let head = sel.head;
    let para = head.para as usize;
    let p = core.doc.paragraph(voice.paragraphs.at(para));
    let at = if !sel.head_at_start() && head > sel.anchor.0 {
        (head.byte as usize).saturating_sub(1)
    } else {
        head.byte as usize
    };
    let view = core.viewport();
    let pane = &mut core.panes[sel.voice];
    pane.cursor = Cursor { para, sentence: p.sentence_at(at) };
    pane.word = None;
    pane.ensure_visible(&mut rows(&core.doc, voice, view.width), view.height);
}
