//! Hostile text in a conversation file never reaches the terminal as
//! control sequences: the bytes written to the terminal are inspected.

mod common;

// The command line in a pseudo-terminal, with a shared corpus of hostile files.
#[path = "hostile/cli.rs"]
mod cli;
#[path = "hostile/corpus.rs"]
mod corpus;
#[path = "hostile/exports.rs"]
mod exports;
#[path = "e2e/pty.rs"]
#[allow(dead_code)] // the reader's tests use the rest
mod pty;

// `pty` makes its directories with `crate::tmp`.
use common::tmp;

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

use common::*;
use crosstalk::model::{Contributor, Conversation, ConversationFile, Role, SectionFile};
use crosstalk::store;
use crosstalk::ui::pane::Motion;
use crosstalk::ui::{Action, update, view};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

const CLEAR: &str = "\u{1b}[2J";
const OSC52: &str = "\u{1b}]52;c;aGVsbG8=\u{7}";

pub fn hostile_file() -> ConversationFile {
    let person = |id: &str, name: &str, affiliation: &str| Contributor {
        id: id.into(),
        name: name.into(),
        affiliation: affiliation.into(),
        role: Role::Respondent,
        ..Default::default()
    };
    ConversationFile {
        id: "hostile".into(),
        title: format!("Title{CLEAR}here"),
        subtitle: format!("Sub{OSC52}title"),
        source: "https://example.org/\u{1b}[31mred".into(),
        date: String::new(),
        contributors: vec![
            person("a", "Eve\u{202e}lived", "Org\u{9b}31m"),
            person("b", "Mallory", "\u{2066}isolate\u{2069}"),
        ],
        sections: vec![
            SectionFile {
                contributor: "a".into(),
                paragraphs: vec![
                    format!("Clear {CLEAR} the screen. Copy {OSC52} to the clipboard."),
                    "Reverse \u{202e}txet\u{202c} and \u{2067}isolate\u{2069}. Bell\u{7} back\u{8}space del\u{7f} nul\u{0}.".into(),
                ], ..Default::default() },
            SectionFile {
                contributor: "b".into(),
                paragraphs: vec!["C1 \u{9b}2J csi and \u{9d}52;c;x\u{9c} osc. Tab\there. CR\rhere.".into()], ..Default::default() },
        ], ..Default::default() }
}

/// A writer the test can read back after the terminal has written to it.
#[derive(Clone, Default)]
struct Captured(Rc<RefCell<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn terminal_bytes(doc: Conversation, actions: &[Action]) -> Vec<u8> {
    let mut app = app_for(doc, 100, 20, true);
    for a in actions {
        update(&mut app, a.clone());
    }
    let captured = Captured::default();
    let backend = CrosstermBackend::new(captured.clone());
    let options = TerminalOptions { viewport: Viewport::Fixed(Rect::new(0, 0, 100, 20)) };
    let mut terminal = Terminal::with_options(backend, options).expect("terminal");
    terminal.draw(|f| view(&app, f)).expect("draw");
    drop(terminal);
    captured.0.borrow().clone()
}

#[test]
fn hostile_file_round_trips_through_ron() {
    let text = store::to_ron(&hostile_file()).expect("serialises");
    let doc = store::parse_conversation(&text, "hostile.ron").expect("parses");
    assert_eq!(doc.to_file(), hostile_file(), "text is kept verbatim in the model");
}

#[test]
fn control_escape_and_bidi_characters_are_never_written_to_the_terminal() {
    let doc = Conversation::new(hostile_file()).expect("valid");
    for actions in [vec![], vec![Action::Move(Motion::NextSentence)], vec![Action::FocusNext]] {
        let bytes = terminal_bytes(doc.clone(), &actions);
        let out = String::from_utf8(bytes).expect("the backend writes UTF-8");
        for bad in [CLEAR, "\u{1b}]52", "\u{1b}[31mred", "\u{7}", "\u{8}", "\u{7f}", "\u{0}", "\r"]
        {
            assert!(!out.contains(bad), "{bad:?} reached the terminal");
        }
        for c in [
            '\u{9b}', '\u{9c}', '\u{9d}', '\u{202e}', '\u{202c}', '\u{2066}', '\u{2067}',
            '\u{2069}',
        ] {
            assert!(!out.contains(c), "U+{:04X} reached the terminal", c as u32);
        }
        // Every ESC written is the start of a sequence the backend itself
        // emits: cursor moves and SGR attributes only.
        for (i, _) in out.match_indices('\u{1b}') {
            let rest = &out[i + 1..];
            let cursor_visibility = rest.starts_with("[?25l") || rest.starts_with("[?25h");
            let ok = cursor_visibility
                || rest.starts_with('[')
                    && rest[1..].find(|c: char| !(c.is_ascii_digit() || c == ';')).is_some_and(
                        |end| matches!(rest.as_bytes()[1 + end], b'H' | b'm' | b'G' | b'd'),
                    );
            assert!(ok, "unexpected escape sequence: {:?}", &rest[..rest.len().min(12)]);
        }
    }
}

#[test]
fn hostile_characters_show_as_visible_placeholders() {
    let app = app_for(Conversation::new(hostile_file()).expect("valid"), 100, 20, true);
    let text = screen_text(&buffer(&app));
    assert!(text.contains("Title␛[2Jhere"), "{text}");
    assert!(text.contains("␛]52;c;aGVsbG8=␇"), "{text}");
    assert!(text.contains("Eve�lived"), "{text}");
    assert!(text.contains("�txet�"), "{text}");
    assert!(
        text.contains("Bell␇")
            && text.contains("back␈space")
            && text.contains("del␡")
            && text.contains("nul␀"),
        "{text}"
    );
    assert!(text.contains("�2J csi"), "{text}");
    // A tab is a space; a lone CR is a line break (UAX #14 class BK).
    assert!(text.contains("Tab here. CR "), "{text}");
}
