//! The whole key table: every mode's `KEYS`, in the order the help
//! overlay lists them. Keys are looked up in the table of the mode on top;
//! the help overlay and the README's key table are generated from here, and
//! a test keeps the README in step.

use ratatui::crossterm::event::KeyEvent;

pub use super::core::keys::{Binding, Context, Key, key_name, keys_label};

use super::core::action::Action;
use super::core::keys;
use super::modes::{
    about, agree, autocode, chooser, compare, confirm, export, help, kwic, links, list, matrix,
    note, orphans, picker, prompt, reader, relations, relmanager, search, select, tags,
};

/// Every mode's table, in [`Context::ALL`]'s order.
pub const SECTIONS: &[&[Binding]] = &[
    reader::KEYS,
    select::KEYS,
    search::KEYS,
    kwic::KEYS,
    autocode::KEYS,
    list::KEYS,
    matrix::KEYS,
    compare::KEYS,
    agree::KEYS,
    links::KEYS,
    picker::KEYS,
    relations::KEYS,
    note::KEYS,
    chooser::KEYS,
    tags::KEYS,
    relmanager::KEYS,
    orphans::KEYS,
    export::KEYS,
    prompt::KEYS,
    confirm::KEYS,
    about::KEYS,
    help::KEYS,
];

/// One context's bindings.
pub fn table(context: Context) -> &'static [Binding] {
    SECTIONS
        .iter()
        .find(|t| t.first().is_some_and(|b| b.context == context))
        .copied()
        .unwrap_or(&[])
}

/// Every binding, in the order help lists them.
pub fn all() -> impl Iterator<Item = &'static Binding> {
    SECTIONS.iter().flat_map(|t| t.iter())
}

/// The action bound to `event` in `context`; in contexts with a text
/// field, any other key is typed into it.
pub fn lookup(context: Context, event: &KeyEvent) -> Option<Action> {
    keys::lookup(table(context), context, event).or_else(|| {
        if context == Context::Reader {
            return None;
        }
        // Not silence: a reader's key over another mode says where it works.
        // Ctrl-C quits from anywhere, as a terminal program's does: everything
        // is saved, and a mode with typed text never gets here (the key goes
        // to its field), so nothing typed is lost to it.
        match keys::lookup(table(Context::Reader), Context::Reader, event)? {
            // Not from a question: it may be the one asking before work is
            // lost (a save failing), and quitting past it would skip it.
            Action::Quit
                if keys::matches(&keys::ctrl('c'), event) && context != Context::Confirm =>
            {
                Some(Action::Quit)
            }
            _ => Some(Action::ReaderKey(keys::key_name(&Key {
                code: event.code,
                modifiers: event.modifiers,
            }))),
        }
    })
}

/// The README's key table, generated from every mode's table.
pub fn markdown_table() -> String {
    let mut out = String::from("| keys | action | where |\n|---|---|---|\n");
    for table in SECTIONS {
        out.push_str(&keys::markdown_rows(table));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::core::keys::{ctrl, key};
    use crate::ui::core::pane::Motion;
    use ratatui::crossterm::event::KeyCode::{BackTab, Down, Enter, Esc, PageDown, PageUp, Tab};
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    #[test]
    fn every_table_is_one_context_and_help_shows_each_once() {
        let contexts: Vec<Context> = SECTIONS.iter().map(|t| t[0].context).collect();
        assert_eq!(contexts, Context::ALL, "one table per context, in help's order");
        for table in SECTIONS {
            assert!(table.iter().all(|b| b.context == table[0].context), "{:?}", table[0].context);
        }
    }

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn ctrl_c_quits_from_every_mode_and_is_typed_into_none() {
        let event = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for context in Context::ALL {
            let got = lookup(context, &event);
            if context.takes_text() {
                assert!(matches!(got, Some(Action::Text(_))), "{context:?}: {got:?}");
            } else if context == Context::Confirm {
                // A question is answered first: the one before quitting with work unsaved is one.
                assert_eq!(got, Some(Action::ReaderKey("Ctrl-c".into())), "{context:?}");
            } else {
                assert_eq!(got, Some(Action::Quit), "{context:?}");
            }
        }
        // Another reader key over another mode is still only named.
        let q = lookup(Context::Select, &press(KeyCode::Char('q'), KeyModifiers::NONE));
        assert_eq!(q, Some(Action::ReaderKey("q".into())));
    }

    #[test]
    fn contract_keys_are_bound() {
        let r = |code, m| lookup(Context::Reader, &press(code, m));
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
        assert_eq!(lookup(Context::Picker, &typed), Some(Action::Text(typed)));
        assert_eq!(
            lookup(Context::Tags, &press(KeyCode::Char('3'), none)),
            Some(Action::SetKey(3))
        );
        assert_eq!(lookup(Context::Confirm, &press(KeyCode::Char('z'), none)), None);
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for table in SECTIONS {
            for (i, a) in table.iter().enumerate() {
                for b in &table[i + 1..] {
                    for k in a.keys {
                        assert!(!b.keys.contains(k), "{} bound twice", key_name(k));
                    }
                }
            }
        }
    }

    #[test]
    fn names_read_like_the_contract() {
        assert_eq!(key_name(&key(KeyCode::BackTab)), "Shift-Tab");
        assert_eq!(key_name(&ctrl('r')), "Ctrl-r");
        assert_eq!(keys_label(&SECTIONS[0][0]), "j / ↓");
        assert!(all().any(|b| keys_label(b) == "1–9"));
    }
}
