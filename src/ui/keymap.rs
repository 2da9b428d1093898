//! The keymap: one table of key → action with a description. The help
//! overlay and the README's key table are both generated from it, and a test
//! keeps the README in step.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::pane::Motion;

/// Where a binding applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    /// Reading panes (and growing a selection).
    Reader,
    /// The help overlay.
    Help,
    /// The tag picker; other keys type into its filter.
    Picker,
    /// The note editor; other keys edit the note.
    Note,
    /// A one-line prompt; other keys edit the text.
    Prompt,
    /// A yes/no question.
    Confirm,
    /// The tag manager.
    Tags,
    /// The list of orphaned highlights.
    Orphans,
    /// The export dialog; other keys edit the path.
    Export,
    /// The search bar; other keys edit the query.
    Search,
    /// The annotation list; other keys edit the filter.
    List,
    /// The tag × contributor matrix.
    Matrix,
    /// Compare mode: one tag across voices.
    Compare,
}

impl Context {
    /// Every context, in the order the help overlay shows them.
    pub const ALL: [Context; 13] = [
        Context::Reader,
        Context::Search,
        Context::List,
        Context::Matrix,
        Context::Compare,
        Context::Picker,
        Context::Note,
        Context::Tags,
        Context::Orphans,
        Context::Export,
        Context::Prompt,
        Context::Confirm,
        Context::Help,
    ];

    /// Whether keys without a binding are typed into a text field.
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Context::Picker
                | Context::Note
                | Context::Prompt
                | Context::Export
                | Context::Search
                | Context::List
        )
    }

    /// The heading the help overlay and README use.
    pub fn title(self) -> &'static str {
        match self {
            Context::Reader => "reader",
            Context::Help => "help",
            Context::Picker => "tag picker",
            Context::Note => "note editor",
            Context::Prompt => "prompt",
            Context::Confirm => "question",
            Context::Tags => "tag manager",
            Context::Orphans => "orphans",
            Context::Export => "export",
            Context::Search => "search",
            Context::List => "annotation list",
            Context::Matrix => "matrix",
            Context::Compare => "compare",
        }
    }
}

/// A key with its modifiers, as written in the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

const fn key(code: KeyCode) -> Key {
    Key { code, modifiers: KeyModifiers::NONE }
}

const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key { code: KeyCode::Char(c), modifiers: KeyModifiers::CONTROL }
}

/// One row of the keymap.
#[derive(Clone, Debug)]
pub struct Binding {
    pub context: Context,
    pub keys: &'static [Key],
    /// For `QuickTag` and `SetKey`, the digit pressed replaces the number.
    pub action: Action,
    pub description: &'static str,
}

const fn bind(
    context: Context,
    keys: &'static [Key],
    action: Action,
    description: &'static str,
) -> Binding {
    Binding { context, keys, action, description }
}

use Context::{
    Compare, Confirm, Export, Help, List, Matrix, Note, Orphans, Picker, Prompt, Reader, Search,
    Tags,
};
use KeyCode::{BackTab, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up};

const DIGITS: &[Key] =
    &[ch('1'), ch('2'), ch('3'), ch('4'), ch('5'), ch('6'), ch('7'), ch('8'), ch('9')];

/// The default keymap, in the order the help overlay lists it.
pub const KEYMAP: &[Binding] = &[
    bind(
        Reader,
        &[ch('j'), key(Down)],
        Action::Move(Motion::NextSentence),
        "next sentence (extends a selection)",
    ),
    bind(
        Reader,
        &[ch('k'), key(Up)],
        Action::Move(Motion::PrevSentence),
        "previous sentence (extends a selection)",
    ),
    bind(Reader, &[ch('J'), ch('}')], Action::Move(Motion::NextParagraph), "next paragraph"),
    bind(Reader, &[ch('K'), ch('{')], Action::Move(Motion::PrevParagraph), "previous paragraph"),
    bind(Reader, &[ch('g'), key(Home)], Action::Move(Motion::First), "top of the voice"),
    bind(Reader, &[ch('G'), key(End)], Action::Move(Motion::Last), "bottom of the voice"),
    bind(Reader, &[key(PageDown), ch(' ')], Action::Move(Motion::PageDown), "page down"),
    bind(Reader, &[key(PageUp)], Action::Move(Motion::PageUp), "page up"),
    bind(Reader, &[key(Tab), ch('l'), key(Right)], Action::FocusNext, "focus the next voice"),
    bind(
        Reader,
        &[key(BackTab), ch('h'), key(Left)],
        Action::FocusPrev,
        "focus the previous voice",
    ),
    bind(Reader, &[ch(']')], Action::JumpHighlight(true), "next highlight in this voice"),
    bind(Reader, &[ch('[')], Action::JumpHighlight(false), "previous highlight in this voice"),
    bind(
        Reader,
        &[ch('a')],
        Action::List,
        "list every highlight: filter, go to, retag, note, delete",
    ),
    bind(Reader, &[ch('m')], Action::Matrix, "the tag × contributor matrix"),
    bind(Reader, &[ch('c')], Action::Compare, "compare one tag's passages across voices"),
    bind(Reader, &[ch('/')], Action::Search, "search every voice (a capital makes it match case)"),
    bind(Reader, &[ch('n')], Action::NextMatch, "next match, across voices"),
    bind(Reader, &[ch('N')], Action::PrevMatch, "previous match, across voices"),
    bind(
        Reader,
        &[ch('v')],
        Action::Select,
        "start a selection at the cursor's sentence, or end it",
    ),
    bind(Reader, &[ch('w')], Action::Word(true), "extend the selection by a word"),
    bind(
        Reader,
        &[ch('b')],
        Action::Word(false),
        "shrink the selection by a word (or extend it back)",
    ),
    bind(Reader, &[ch('t'), key(Enter)], Action::Tag, "tag the selection or the cursor's sentence"),
    bind(Reader, DIGITS, Action::QuickTag(1), "apply quick tag 1–9"),
    bind(
        Reader,
        &[ch('e')],
        Action::Note,
        "write or edit the note of the highlight under the cursor",
    ),
    bind(Reader, &[ch('d')], Action::Delete, "delete the highlight under the cursor"),
    bind(Reader, &[ch('u')], Action::Undo, "undo"),
    bind(Reader, &[ctrl('r')], Action::Redo, "redo"),
    bind(
        Reader,
        &[ch('T')],
        Action::TagManager,
        "manage tags: rename, recolour, describe, keys, merge, delete",
    ),
    bind(Reader, &[ch('O')], Action::Orphans, "orphaned highlights: re-attach or delete"),
    bind(Reader, &[ch('X')], Action::Export, "export: Markdown, CSV, W3C JSON-LD, REFI-QDA, HTML"),
    bind(Reader, &[ch('?')], Action::ToggleHelp, "show or hide this help"),
    bind(Reader, &[key(Esc)], Action::Escape, "cancel the selection, leave the current mode"),
    bind(Reader, &[ch('q'), ctrl('c')], Action::Quit, "quit (everything is already saved)"),
    bind(Reader, &[ctrl('z')], Action::Suspend, "suspend to the shell (resume with fg)"),
    bind(Help, &[ch('j'), key(Down)], Action::Down, "scroll help down"),
    bind(Help, &[ch('k'), key(Up)], Action::Up, "scroll help up"),
    bind(Help, &[key(Esc), ch('?')], Action::Escape, "close help"),
    bind(Help, &[ch('q'), ctrl('c')], Action::Quit, "quit"),
    bind(Picker, &[key(Down), ctrl('n')], Action::Down, "next tag"),
    bind(Picker, &[key(Up), ctrl('p')], Action::Up, "previous tag"),
    bind(
        Picker,
        &[key(Enter)],
        Action::Accept,
        "apply the tag (a name that matches nothing creates it)",
    ),
    bind(Picker, &[key(Esc)], Action::Escape, "cancel"),
    bind(Note, &[key(Esc)], Action::Accept, "save the note and close the editor"),
    bind(Prompt, &[key(Enter)], Action::Accept, "accept"),
    bind(Prompt, &[key(Esc)], Action::Escape, "cancel"),
    bind(Confirm, &[ch('y')], Action::Yes, "yes"),
    bind(Confirm, &[ch('n'), key(Esc)], Action::No, "no"),
    bind(Tags, &[ch('j'), key(Down)], Action::Down, "next tag"),
    bind(Tags, &[ch('k'), key(Up)], Action::Up, "previous tag"),
    bind(Tags, &[ch('r')], Action::RenameTag, "rename (every highlight follows)"),
    bind(Tags, &[ch('c')], Action::RecolorTag, "next colour"),
    bind(Tags, &[ch('e')], Action::DescribeTag, "edit the description"),
    bind(Tags, DIGITS, Action::SetKey(1), "put the tag on quick key 1–9"),
    bind(Tags, &[ch('0')], Action::SetKey(0), "take its quick key away"),
    bind(Tags, &[ch('m')], Action::MergeTag, "merge into another tag"),
    bind(Tags, &[ch('x')], Action::DeleteTag, "delete the tag (asks first)"),
    bind(Tags, &[ch('u')], Action::Undo, "undo"),
    bind(Tags, &[ctrl('r')], Action::Redo, "redo"),
    bind(Tags, &[key(Esc), ch('T')], Action::Escape, "close"),
    bind(Orphans, &[ch('j'), key(Down)], Action::Down, "next orphan"),
    bind(Orphans, &[ch('k'), key(Up)], Action::Up, "previous orphan"),
    bind(
        Orphans,
        &[key(Enter)],
        Action::Accept,
        "re-attach it to the selection or the cursor's sentence",
    ),
    bind(Orphans, &[ch('d')], Action::Delete, "delete it (asks first if it has a note)"),
    bind(Orphans, &[ch('u')], Action::Undo, "undo"),
    bind(Orphans, &[ctrl('r')], Action::Redo, "redo"),
    bind(Orphans, &[key(Esc), ch('O')], Action::Escape, "close"),
    bind(List, &[key(Down), ctrl('n')], Action::Down, "next highlight"),
    bind(List, &[key(Up), ctrl('p')], Action::Up, "previous highlight"),
    bind(List, &[key(PageDown)], Action::PageDown, "ten down"),
    bind(List, &[key(PageUp)], Action::PageUp, "ten up"),
    bind(List, &[key(Tab)], Action::NextTagFilter, "only the next tag (then all)"),
    bind(List, &[key(BackTab)], Action::NextVoiceFilter, "only the next contributor (then all)"),
    bind(List, &[key(Enter)], Action::Accept, "go to the highlight in its pane"),
    bind(List, &[ctrl('t')], Action::Tag, "tag it (the picker)"),
    bind(List, &[ctrl('e')], Action::Note, "write or edit its note"),
    bind(List, &[ctrl('d')], Action::Delete, "delete it (asks first if it has a note)"),
    bind(List, &[key(Esc)], Action::Escape, "close"),
    bind(Matrix, &[ch('j'), key(Down)], Action::Down, "next tag"),
    bind(Matrix, &[ch('k'), key(Up)], Action::Up, "previous tag"),
    bind(Matrix, &[ch('l'), key(Right)], Action::Right, "next contributor"),
    bind(Matrix, &[ch('h'), key(Left)], Action::Left, "previous contributor"),
    bind(Matrix, &[key(Enter)], Action::Accept, "list the highlights in this cell"),
    bind(Matrix, &[key(Esc), ch('m')], Action::Escape, "close"),
    bind(Compare, &[ch('j'), key(Down)], Action::Down, "next passage in this voice"),
    bind(Compare, &[ch('k'), key(Up)], Action::Up, "previous passage in this voice"),
    bind(Compare, &[key(Tab), ch('l'), key(Right)], Action::FocusNext, "next voice"),
    bind(Compare, &[key(BackTab), ch('h'), key(Left)], Action::FocusPrev, "previous voice"),
    bind(Compare, &[key(Enter)], Action::Accept, "back to the reader at this passage"),
    bind(Compare, &[key(Esc), ch('c')], Action::Escape, "leave compare mode"),
    bind(Search, &[key(Enter)], Action::Accept, "go to the first match at or after the cursor"),
    bind(Search, &[key(Esc)], Action::Escape, "clear the search"),
    bind(Search, &[key(Up)], Action::Up, "an earlier search (this session's history)"),
    bind(Search, &[key(Down)], Action::Down, "a later search, then what you were typing"),
    bind(Export, &[key(Down), key(Tab)], Action::Down, "next format"),
    bind(Export, &[key(Up), key(BackTab)], Action::Up, "previous format"),
    bind(Export, &[key(Enter)], Action::Accept, "write the file (asks before replacing one)"),
    bind(Export, &[key(Esc)], Action::Escape, "cancel"),
];

/// Whether `event` is the key `k`. Shifted letters arrive as the capital
/// with or without a SHIFT modifier depending on the terminal, so SHIFT is
/// ignored for characters; Shift-Tab is its own key code (`BackTab`).
fn matches(k: &Key, event: &KeyEvent) -> bool {
    let mods = event.modifiers - KeyModifiers::SHIFT;
    match (k.code, event.code) {
        (KeyCode::Char(a), KeyCode::Char(b)) => {
            let b = if k.modifiers.contains(KeyModifiers::CONTROL) {
                b.to_ascii_lowercase()
            } else {
                b
            };
            a == b && mods == k.modifiers
        }
        (KeyCode::BackTab, KeyCode::BackTab) => true,
        (a, b) => a == b && mods == k.modifiers,
    }
}

/// The action bound to `event` in `context`; in contexts with a text
/// field, any other key is typed into it.
pub fn lookup(context: Context, event: &KeyEvent) -> Option<Action> {
    let bound = KEYMAP
        .iter()
        .filter(|b| b.context == context)
        .find(|b| b.keys.iter().any(|k| matches(k, event)));
    match bound {
        Some(b) => Some(match (&b.action, event.code) {
            (Action::QuickTag(_), KeyCode::Char(c)) => {
                Action::QuickTag(c.to_digit(10).unwrap_or(1) as u8)
            }
            (Action::SetKey(_), KeyCode::Char(c)) => {
                Action::SetKey(c.to_digit(10).unwrap_or(0) as u8)
            }
            (action, _) => action.clone(),
        }),
        None if context.takes_text() => Some(Action::Text(*event)),
        None => None,
    }
}

/// How a key is written in help and docs: `j`, `Shift-Tab`, `Ctrl-r`, `PgDn`.
pub fn key_name(k: &Key) -> String {
    let base = match k.code {
        KeyCode::Char(' ') => "Space".to_owned(),
        KeyCode::Char(c) => c.to_string(),
        Tab => "Tab".into(),
        BackTab => "Shift-Tab".into(),
        Esc => "Esc".into(),
        Up => "↑".into(),
        Down => "↓".into(),
        Left => "←".into(),
        Right => "→".into(),
        PageUp => "PgUp".into(),
        PageDown => "PgDn".into(),
        Home => "Home".into(),
        End => "End".into(),
        Enter => "Enter".into(),
        other => format!("{other:?}"),
    };
    if k.modifiers.contains(KeyModifiers::CONTROL) { format!("Ctrl-{base}") } else { base }
}

/// All the keys of a binding, as one label: `j / ↓`.
pub fn keys_label(b: &Binding) -> String {
    if b.keys == DIGITS {
        return "1–9".into();
    }
    b.keys.iter().map(key_name).collect::<Vec<_>>().join(" / ")
}

/// The README's key table, generated from [`KEYMAP`].
pub fn markdown_table() -> String {
    let mut out = String::from("| keys | action | where |\n|---|---|---|\n");
    for b in KEYMAP {
        let keys = if b.keys == DIGITS {
            "`1`–`9`".to_owned()
        } else {
            b.keys.iter().map(|k| format!("`{}`", key_name(k))).collect::<Vec<_>>().join(" ")
        };
        let keys = keys.replace('|', "\\|");
        out.push_str(&format!("| {keys} | {} | {} |\n", b.description, b.context.title()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_binding_is_in_a_context_the_help_shows() {
        for b in KEYMAP {
            assert!(Context::ALL.contains(&b.context), "{:?}", b.context);
        }
    }

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn contract_keys_are_bound() {
        let r = |code, m| lookup(Reader, &press(code, m));
        let none = KeyModifiers::NONE;
        assert_eq!(r(KeyCode::Char('q'), none), Some(Action::Quit));
        assert_eq!(r(KeyCode::Char('?'), none), Some(Action::ToggleHelp));
        assert_eq!(r(Tab, none), Some(Action::FocusNext));
        assert_eq!(r(BackTab, KeyModifiers::SHIFT), Some(Action::FocusPrev));
        assert_eq!(r(KeyCode::Char('l'), none), Some(Action::FocusNext));
        assert_eq!(r(KeyCode::Char('h'), none), Some(Action::FocusPrev));
        assert_eq!(r(KeyCode::Char('j'), none), Some(Action::Move(Motion::NextSentence)));
        assert_eq!(r(Down, none), Some(Action::Move(Motion::NextSentence)));
        assert_eq!(
            r(KeyCode::Char('J'), KeyModifiers::SHIFT),
            Some(Action::Move(Motion::NextParagraph))
        );
        assert_eq!(r(KeyCode::Char('J'), none), Some(Action::Move(Motion::NextParagraph)));
        assert_eq!(r(KeyCode::Char('}'), none), Some(Action::Move(Motion::NextParagraph)));
        assert_eq!(r(KeyCode::Char('G'), KeyModifiers::SHIFT), Some(Action::Move(Motion::Last)));
        assert_eq!(r(PageDown, none), Some(Action::Move(Motion::PageDown)));
        assert_eq!(r(PageUp, none), Some(Action::Move(Motion::PageUp)));
        assert_eq!(r(Esc, none), Some(Action::Escape));
        assert_eq!(r(KeyCode::Char('z'), KeyModifiers::CONTROL), Some(Action::Suspend));
        assert_eq!(r(KeyCode::Char('c'), KeyModifiers::CONTROL), Some(Action::Quit));
        assert_eq!(r(KeyCode::Char('j'), KeyModifiers::CONTROL), None);
        assert_eq!(r(KeyCode::Char('x'), none), None);
        assert_eq!(r(KeyCode::Char('v'), none), Some(Action::Select));
        assert_eq!(r(KeyCode::Char('t'), none), Some(Action::Tag));
        assert_eq!(r(Enter, none), Some(Action::Tag));
        assert_eq!(r(KeyCode::Char('7'), none), Some(Action::QuickTag(7)));
        assert_eq!(r(KeyCode::Char('e'), none), Some(Action::Note));
        assert_eq!(r(KeyCode::Char('d'), none), Some(Action::Delete));
        assert_eq!(r(KeyCode::Char('u'), none), Some(Action::Undo));
        assert_eq!(r(KeyCode::Char('r'), KeyModifiers::CONTROL), Some(Action::Redo));
        assert_eq!(r(KeyCode::Char('w'), none), Some(Action::Word(true)));
        assert_eq!(r(KeyCode::Char('b'), none), Some(Action::Word(false)));
        // Text fields take unbound keys; lists do not.
        let typed = press(KeyCode::Char('q'), none);
        assert_eq!(lookup(Picker, &typed), Some(Action::Text(typed)));
        assert_eq!(lookup(Tags, &press(KeyCode::Char('3'), none)), Some(Action::SetKey(3)));
        assert_eq!(lookup(Confirm, &press(KeyCode::Char('z'), none)), None);
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for (i, a) in KEYMAP.iter().enumerate() {
            for b in &KEYMAP[i + 1..] {
                if a.context == b.context {
                    for k in a.keys {
                        assert!(!b.keys.contains(k), "{} bound twice", key_name(k));
                    }
                }
            }
        }
    }

    #[test]
    fn names_read_like_the_contract() {
        assert_eq!(key_name(&key(BackTab)), "Shift-Tab");
        assert_eq!(key_name(&ctrl('r')), "Ctrl-r");
        assert_eq!(keys_label(&KEYMAP[0]), "j / ↓");
        assert!(KEYMAP.iter().any(|b| keys_label(b) == "1–9"));
    }
}
