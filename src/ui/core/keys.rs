//! The types of the key table, as data: each mode lists its own bindings
//! (key → [`Action`], with a description) in a `KEYS` table of these; the
//! help overlay and the README's key table are generated from them.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

/// Where a binding applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    /// Reading panes.
    Reader,
    /// Growing a selection.
    Select,
    /// The help overlay.
    Help,
    /// About this conversation.
    About,
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
    /// Search matches in context.
    Kwic,
    /// Coding every match of a search; other keys edit the filter.
    AutoCode,
    /// The annotation list; other keys edit the filter.
    List,
    /// The tag × contributor matrix.
    Matrix,
    /// Compare mode: one tag across voices.
    Compare,
    /// Choosing one of the highlights overlapping the cursor's sentence.
    Chooser,
    /// Agreement with another coder, and where we disagree.
    Agree,
    /// Choosing the relation of a link.
    Relations,
    /// The list of links between passages.
    Links,
    /// The relation manager.
    RelationManager,
}

impl Context {
    /// Every context, in the order the help overlay shows them.
    pub const ALL: [Context; 22] = [
        Context::Reader,
        Context::Select,
        Context::Search,
        Context::Kwic,
        Context::AutoCode,
        Context::List,
        Context::Matrix,
        Context::Compare,
        Context::Agree,
        Context::Links,
        Context::Picker,
        Context::Relations,
        Context::Note,
        Context::Chooser,
        Context::Tags,
        Context::RelationManager,
        Context::Orphans,
        Context::Export,
        Context::Prompt,
        Context::Confirm,
        Context::About,
        Context::Help,
    ];

    /// Whether keys without a binding are typed into a text field.
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Context::Picker
                | Context::AutoCode
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
            Context::Select => "selection",
            Context::Help => "help",
            Context::About => "about this conversation",
            Context::Picker => "tag picker",
            Context::Note => "note editor",
            Context::Prompt => "prompt",
            Context::Confirm => "question",
            Context::Tags => "tag manager",
            Context::Orphans => "orphans",
            Context::Export => "export",
            Context::Search => "search",
            Context::Kwic => "keyword in context",
            Context::AutoCode => "auto-code",
            Context::List => "annotation list",
            Context::Matrix => "matrix",
            Context::Compare => "compare",
            Context::Chooser => "highlight chooser",
            Context::Agree => "agreement",
            Context::Relations => "relation picker",
            Context::Links => "links",
            Context::RelationManager => "relation manager",
        }
    }
}

/// A key with its modifiers, as written in the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

pub const fn key(code: KeyCode) -> Key {
    Key { code, modifiers: KeyModifiers::NONE }
}

pub const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

pub const fn ctrl(c: char) -> Key {
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

pub const fn bind(
    context: Context,
    keys: &'static [Key],
    action: Action,
    description: &'static str,
) -> Binding {
    Binding { context, keys, action, description }
}

use KeyCode::{BackTab, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up};

/// The digit keys, one binding for quick keys 1–9.
pub const DIGITS: &[Key] =
    &[ch('1'), ch('2'), ch('3'), ch('4'), ch('5'), ch('6'), ch('7'), ch('8'), ch('9')];

/// Whether `event` is the key `k`. Shifted letters arrive as the capital
/// with or without a SHIFT modifier depending on the terminal, so SHIFT is
/// ignored for characters; Shift-Tab is its own key code (`BackTab`).
pub fn matches(k: &Key, event: &KeyEvent) -> bool {
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

/// The action bound to `event` in `table` (one context's bindings); in
/// contexts with a text field, any other key is typed into it.
pub fn lookup(table: &[Binding], context: Context, event: &KeyEvent) -> Option<Action> {
    let bound = table.iter().find(|b| b.keys.iter().any(|k| matches(k, event)));
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

/// The README's key table rows for `table`: keys, action, where.
pub fn markdown_rows(table: &[Binding]) -> String {
    let mut out = String::new();
    for b in table {
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
