//! The keymap: one table of key → action with a description. The help
//! overlay and the README's key table are both generated from it, and a test
//! keeps the README in step.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::pane::Motion;

/// Where a binding applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    /// Reading panes.
    Reader,
    /// The help overlay.
    Help,
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
#[derive(Clone, Copy, Debug)]
pub struct Binding {
    pub context: Context,
    pub keys: &'static [Key],
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

use Context::{Help, Reader};
use KeyCode::{BackTab, Down, End, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up};

/// The default keymap, in the order the help overlay lists it.
pub const KEYMAP: &[Binding] = &[
    bind(Reader, &[ch('j'), key(Down)], Action::Move(Motion::NextSentence), "next sentence"),
    bind(Reader, &[ch('k'), key(Up)], Action::Move(Motion::PrevSentence), "previous sentence"),
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
    bind(Reader, &[ch('?')], Action::ToggleHelp, "show or hide this help"),
    bind(Reader, &[key(Esc)], Action::Escape, "leave the current mode or overlay"),
    bind(Reader, &[ch('q'), ctrl('c')], Action::Quit, "quit"),
    bind(Reader, &[ctrl('z')], Action::Suspend, "suspend to the shell (resume with fg)"),
    bind(Help, &[ch('j'), key(Down)], Action::Move(Motion::NextSentence), "scroll help down"),
    bind(Help, &[ch('k'), key(Up)], Action::Move(Motion::PrevSentence), "scroll help up"),
    bind(Help, &[key(Esc), ch('?')], Action::Escape, "close help"),
    bind(Help, &[ch('q'), ctrl('c')], Action::Quit, "quit"),
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

/// The action bound to `event` in `context`, if any.
pub fn lookup(context: Context, event: &KeyEvent) -> Option<Action> {
    KEYMAP
        .iter()
        .filter(|b| b.context == context)
        .find(|b| b.keys.iter().any(|k| matches(k, event)))
        .map(|b| b.action)
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
        KeyCode::Enter => "Enter".into(),
        other => format!("{other:?}"),
    };
    if k.modifiers.contains(KeyModifiers::CONTROL) { format!("Ctrl-{base}") } else { base }
}

/// All the keys of a binding, as one label: `j / ↓`.
pub fn keys_label(b: &Binding) -> String {
    b.keys.iter().map(key_name).collect::<Vec<_>>().join(" / ")
}

/// The README's key table, generated from [`KEYMAP`].
pub fn markdown_table() -> String {
    let mut out = String::from("| keys | action | where |\n|---|---|---|\n");
    for b in KEYMAP {
        let keys = b.keys.iter().map(|k| format!("`{}`", key_name(k))).collect::<Vec<_>>();
        let keys = keys.join(" ").replace('|', "\\|");
        let place = match b.context {
            Reader => "reader",
            Help => "help",
        };
        out.push_str(&format!("| {keys} | {} | {place} |\n", b.description));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
