//! One-line text fields (the search bar, the tag picker's name, rename,
//! describe, the export path, the list's filter) edit like a shell line:
//!
//! - `Ctrl-a` / `Home`, `Ctrl-e` / `End`: start, end of the line;
//! - `Ctrl-b` / `←`, `Ctrl-f` / `→`: a character back, forward (a whole
//!   grapheme: `é` written with a combining accent, an emoji sequence);
//! - `Alt-b` (and `Ctrl-←`): to the start of this or the previous word;
//!   `Alt-f`: to the end of this or the next word (`Ctrl-→`: to the next
//!   word's start, as textarea has it);
//! - `Backspace` / `Ctrl-h`, `Delete` / `Ctrl-d`: delete a character;
//! - `Ctrl-w` / `Alt-Backspace`: delete the word before the cursor,
//!   `Alt-d` the word after;
//! - `Ctrl-u`: delete to the start of the line, `Ctrl-k` to its end;
//!   `Ctrl-y` puts back what the last of these (or `Ctrl-w`) deleted.
//!
//! ratatui-textarea's default `input()` already means most of these; the
//! differences are `Ctrl-u`, which it takes as undo (a shell deletes to the
//! start of the line, so that is what it does here), and the keys that would
//! break the line (`Enter`, `Ctrl-m`, `Ctrl-j`) or insert a tab, which a one-line
//! field ignores. Keys a context binds (e.g. `Ctrl-n` / `Ctrl-p` in the picker,
//! `Ctrl-e` in the list) never reach the field: the keymap comes first.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

/// Applies `key` to a one-line field as a shell would; returns whether the
/// text or the cursor may have changed.
pub fn edit(field: &mut TextArea<'static>, key: KeyEvent) -> bool {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    if let Some(changed) = by_grapheme(field, key) {
        return changed;
    }
    match key.code {
        KeyCode::Char('u') if ctrl && !alt => field.delete_line_by_head(),
        KeyCode::Char('f') if alt && !ctrl => {
            forward_word(field);
            true
        }
        KeyCode::Char('m' | 'j') if ctrl => false,
        KeyCode::Char('\n' | '\r') | KeyCode::Enter | KeyCode::Tab | KeyCode::BackTab => false,
        // textarea's redo, cut, copy and paste-by-Ctrl-v (a shell's Ctrl-v
        // quotes the next key) and its line motions: nothing, on one line.
        KeyCode::Char('r' | 'x' | 'c' | 'v' | 'n' | 'p') if ctrl => false,
        _ => field.input(key),
    }
}

/// A character back or forward, and `Backspace` / `Delete`, step over a
/// whole grapheme (`é` written `e` + accent, `👩‍👩‍👧`, a flag), where
/// textarea steps over one code point and would leave half of one behind;
/// `None` for any other key, or at either end of the line (where textarea
/// joins or crosses lines), or with Shift or over a selection.
pub fn by_grapheme(field: &mut TextArea<'static>, key: KeyEvent) -> Option<bool> {
    use unicode_segmentation::UnicodeSegmentation;
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    // Shift with an arrow selects, a grapheme at a time too; a plain arrow
    // leaves a selection and moves from where its cursor is.
    let shift = key.modifiers.contains(KeyModifiers::SHIFT);
    let arrow = matches!(key.code, KeyCode::Left | KeyCode::Right) && !ctrl;
    if alt || (shift && !arrow) {
        return None;
    }
    if field.is_selecting() {
        if !arrow {
            return None;
        }
        if !shift {
            field.cancel_selection();
        }
    } else if shift {
        field.start_selection();
    }
    let back = match key.code {
        KeyCode::Left | KeyCode::Backspace if !ctrl => true,
        KeyCode::Right | KeyCode::Delete if !ctrl => false,
        KeyCode::Char('b' | 'h') if ctrl => true,
        KeyCode::Char('f' | 'd') if ctrl => false,
        _ => return None,
    };
    let deleting =
        matches!(key.code, KeyCode::Backspace | KeyCode::Delete | KeyCode::Char('h' | 'd'));
    let ratatui_textarea::DataCursor(row, col) = field.cursor();
    let line = field.lines().get(row)?;
    // Grapheme boundaries, in characters from the start of the line.
    let mut bounds = vec![0];
    bounds.extend(line.graphemes(true).scan(0, |at, g| {
        *at += g.chars().count();
        Some(*at)
    }));
    let to = if back {
        *bounds.iter().rev().find(|&&b| b < col)?
    } else {
        *bounds.iter().find(|&&b| b > col)?
    };
    let jump = |field: &mut TextArea<'static>, at: usize| {
        let at = u16::try_from(at).unwrap_or(u16::MAX);
        let row = u16::try_from(row).unwrap_or(u16::MAX);
        field.move_cursor(ratatui_textarea::CursorMove::Jump(row, at));
    };
    if !deleting {
        jump(field, to);
        return Some(true);
    }
    let (from, n) = if back { (to, col - to) } else { (col, to - col) };
    jump(field, from);
    Some(field.delete_str(n))
}

/// `Alt-f` as a shell means it: to the end of this word, or of the next.
fn forward_word(field: &mut TextArea<'static>) {
    let ratatui_textarea::DataCursor(row, col) = field.cursor();
    let Some(line) = field.lines().get(row) else { return };
    let chars: Vec<char> = line.chars().collect();
    let mut at = col.min(chars.len());
    while at < chars.len() && !chars[at].is_alphanumeric() {
        at += 1;
    }
    while at < chars.len() && chars[at].is_alphanumeric() {
        at += 1;
    }
    let to = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
    field.move_cursor(ratatui_textarea::CursorMove::Jump(to(row), to(at)));
}

/// `text` pasted into a one-line field at the cursor: line breaks and tabs
/// become spaces, and control characters (an escape sequence, a bidi
/// override) are left out; `false` if nothing was left to put in.
pub fn paste(field: &mut TextArea<'static>, text: &str) -> bool {
    let text = without_escapes(text.trim_end_matches(['\r', '\n']));
    let text = text.replace("\r\n", " ");
    let line: String = text
        .chars()
        .map(|c| if matches!(c, '\n' | '\r' | '\t') { ' ' } else { c })
        .filter(|&c| !crate::model::sanitize::is_unsafe(c))
        .collect();
    !line.is_empty() && field.insert_str(line)
}

/// `text` pasted into a multi-line field (the note editor) at the cursor:
/// its lines kept (a CR LF or a lone CR ends one), tabs kept, other control
/// characters left out.
pub fn paste_lines(field: &mut TextArea<'static>, text: &str) -> bool {
    let text = without_escapes(text).replace("\r\n", "\n").replace('\r', "\n");
    let text: String = text
        .chars()
        .filter(|&c| matches!(c, '\n' | '\t') || !crate::model::sanitize::is_unsafe(c))
        .collect();
    !text.is_empty() && field.insert_str(text)
}

/// `text` without the escape sequences a terminal acts on (`ESC [ … m`,
/// `ESC ] … BEL`, `ESC` and one character): pasted, their characters but
/// the `ESC` would stay behind as text (`[31m`).
fn without_escapes(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('\u{1b}') {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\u{1b}' {
            out.push(c);
            continue;
        }
        match chars.next() {
            // CSI: parameters and intermediates up to a final byte.
            Some('[') => {
                for c in chars.by_ref() {
                    if ('\u{40}'..='\u{7e}').contains(&c) {
                        break;
                    }
                }
            }
            // OSC, DCS, SOS, PM, APC: up to BEL or ST (`ESC \`).
            Some(']' | 'P' | 'X' | '^' | '_') => {
                while let Some(c) = chars.next() {
                    if c == '\u{7}' {
                        break;
                    }
                    if c == '\u{1b}' {
                        chars.next_if_eq(&'\\');
                        break;
                    }
                }
            }
            _ => {}
        }
    }
    out.into()
}

/// The field's text, on one line.
pub fn text(field: &TextArea<'_>) -> String {
    field.lines().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(text: &str) -> TextArea<'static> {
        let mut f = TextArea::new(vec![text.to_owned()]);
        f.move_cursor(ratatui_textarea::CursorMove::End);
        f
    }

    #[test]
    fn a_paste_into_one_line_is_one_line_without_controls() {
        let mut f = field("tag: ");
        assert!(paste(
            &mut f,
            "line1\r\nline2\tend\u{1b}[31m \u{202e}rtl\u{7}\u{1b}]0;title\u{7}!\n"
        ));
        assert_eq!(f.lines(), ["tag: line1 line2 end rtl!"]);
        // Only controls: nothing to put in.
        assert!(!paste(&mut f, "\u{1b}\u{202e}"));
        assert_eq!(f.lines(), ["tag: line1 line2 end rtl!"]);
    }

    #[test]
    fn a_paste_into_the_note_keeps_its_lines_and_tabs() {
        let mut f = field("");
        assert!(paste_lines(&mut f, "first\r\nsecond\rthird\n\tfourth 👩‍💻\u{1b}[2J"));
        assert_eq!(f.lines(), ["first", "second", "third", "\tfourth 👩‍💻"]);
    }

    #[test]
    fn shift_arrows_select_a_grapheme_at_a_time() {
        use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        let shift = |code| KeyEvent::new(code, KeyModifiers::SHIFT);
        let plain = |code| KeyEvent::new(code, KeyModifiers::NONE);
        let mut f = field("ab👩‍💻é🇯🇵z");
        f.move_cursor(ratatui_textarea::CursorMove::Head);
        for _ in 0..3 {
            assert!(edit(&mut f, shift(KeyCode::Right)));
        }
        // `ab👩‍💻` selected whole: typing replaces it all, no joiner left.
        assert!(edit(&mut f, plain(KeyCode::Char('Q'))));
        assert_eq!(f.lines(), ["Qé🇯🇵z"]);
        // Back over the flag and the accent from the end, then a plain arrow
        // leaves the selection and steps a whole grapheme.
        f.move_cursor(ratatui_textarea::CursorMove::End);
        assert!(edit(&mut f, shift(KeyCode::Left)));
        assert!(edit(&mut f, shift(KeyCode::Left)));
        assert_eq!(f.selection_range(), Some(((0, 2), (0, 5))), "🇯🇵 is two code points");
        assert!(edit(&mut f, plain(KeyCode::Left)));
        assert!(!f.is_selecting());
        assert_eq!(f.cursor(), ratatui_textarea::DataCursor(0, 1), "before é, not inside 🇯🇵");
        assert!(edit(&mut f, plain(KeyCode::Backspace)));
        assert_eq!(f.lines(), ["é🇯🇵z"]);
    }
}
