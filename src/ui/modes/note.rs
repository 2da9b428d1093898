//! The note editor (`e`): a multi-line, soft-wrapped editor for the note
//! of a highlight (or of a new one on the passage), under the passage and
//! its tags. `Ctrl-s` saves and closes; `Esc` closes, asking first
//! whether to save or discard a changed note (`y` / `n`; `Esc` goes back).

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode::{self, Esc};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use ratatui_textarea::TextArea;

use crate::model::annotations::{Target, quote_in};
use crate::model::sanitize::sanitize;
use crate::model::stats::NO_TAG;
use crate::ui::core::action::Action;
use crate::ui::core::edit::{commit, end_selection_on, stamp};
use crate::ui::core::effect::Effect;
use crate::ui::core::input;
use crate::ui::core::keys::{Binding, Context, bind, ctrl, key};
use crate::ui::core::panel::popup;
use crate::ui::core::room::Room;
use crate::ui::core::text::{self, fit};
use crate::ui::core::{Core, Mode};

pub const KEYS: &[Binding] = &[
    bind(Context::Note, &[ctrl('s')], Action::Save, "save the note and close the editor"),
    bind(
        Context::Note,
        &[key(Esc)],
        Action::Escape,
        "close (if changed, ask: y save, n discard, Esc edit on)",
    ),
];

/// The multi-line note editor, for highlight `id` (or a new highlight on `target`).
#[derive(Clone, Debug)]
pub struct NoteEditor {
    pub input: TextArea<'static>,
    pub id: Option<String>,
    pub target: Target,
    /// What the note is about, shown above it: the highlight's quote (or the
    /// target's text for a new highlight) and its tags.
    pub quote: String,
    pub tags: Vec<String>,
    /// The note as it was when the editor opened.
    pub original: String,
    /// Whether `Esc` on a changed note is asking: save or discard?
    pub asking: bool,
}

impl NoteEditor {
    pub fn new(
        note: &str,
        id: Option<String>,
        target: Target,
        quote: String,
        tags: Vec<String>,
    ) -> Self {
        let mut input = TextArea::new(note.split('\n').map(str::to_owned).collect());
        input.set_placeholder_text("Write the note. Ctrl-s saves and closes.");
        // Soft-wrap, so a long note is read in full without scrolling sideways.
        input.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
        input.move_cursor(ratatui_textarea::CursorMove::Bottom);
        input.move_cursor(ratatui_textarea::CursorMove::End);
        Self { input, id, target, quote, tags, original: note.to_owned(), asking: false }
    }

    /// Whether the note differs from what it was when the editor opened.
    pub fn changed(&self) -> bool {
        self.text() != self.original
    }

    fn save(&self, core: &mut Core) -> Effect {
        let edit = core.annotations.set_note(
            &core.doc,
            self.id.as_deref(),
            &self.target,
            &self.text(),
            &stamp(core),
        );
        if commit(core, edit) {
            end_selection_on(core, &self.target);
        }
        Effect::Close
    }

    pub fn text(&self) -> String {
        self.input.lines().join("\n")
    }
}

/// The editor for highlight `id`'s note, or a new highlight's on `target`.
pub fn open(core: &Core, id: Option<String>, target: Target) -> NoteEditor {
    match id.as_deref().and_then(|id| core.annotations.highlight(id)) {
        Some(h) => NoteEditor::new(&h.note, id, target, h.quote.exact.clone(), h.tags.clone()),
        None => {
            let voice = &core.doc.voices()[target.voice];
            let quote = quote_in(&core.doc, voice, target.start, target.end).exact;
            NoteEditor::new("", None, target, quote, Vec::new())
        }
    }
}

impl Room for NoteEditor {
    fn mode(&self) -> Mode {
        Mode::Note
    }
    fn context(&self) -> Context {
        Context::Note
    }
    fn hints(&self) -> &'static [(&'static str, &'static str)] {
        if self.asking {
            &[("y", "save"), ("n", "discard"), ("Esc", "back to editing")]
        } else {
            &[("Ctrl-s", "save and close"), ("Esc", "close")]
        }
    }

    fn update(&mut self, core: &mut Core, action: Action) -> Effect {
        if self.asking {
            return match action {
                Action::Text(k) if k.code == KeyCode::Char('y') => self.save(core),
                Action::Text(k) if k.code == KeyCode::Char('n') => {
                    core.message = Some("note discarded".into());
                    Effect::Close
                }
                Action::Escape => {
                    self.asking = false;
                    Effect::None
                }
                Action::Save => self.save(core),
                _ => Effect::None,
            };
        }
        match action {
            Action::Save => self.save(core),
            Action::Escape if self.changed() => {
                self.asking = true;
                Effect::None
            }
            Action::Escape => Effect::Close,
            Action::Text(key) => {
                if input::by_grapheme(&mut self.input, key).is_none() {
                    self.input.input(key);
                }
                Effect::None
            }
            Action::Paste(text) => {
                input::paste_lines(&mut self.input, &text);
                Effect::None
            }
            _ => Effect::None,
        }
    }

    fn keep_draft(&mut self, core: &mut Core) {
        // Closed without a chance to ask: what was written is kept (undo
        // in a later session cannot bring back the old note, but the
        // newer words are the ones nowhere else).
        if self.changed() {
            self.save(core);
        }
    }

    fn view(&self, core: &Core, area: Rect, buf: &mut Buffer) {
        let n = self;
        let t = &core.theme;
        // Whole phrases, as many as fit (the keys are in the status bar too).
        let parts: &[&str] = if n.asking {
            &["Note changed · save it?", "y save", "n discard", "Esc back to editing"]
        } else {
            &["Note", "Ctrl-s saves and closes", "Esc closes"]
        };
        let room = usize::from(76.min(area.width).saturating_sub(4));
        let title = format!(" {} ", text::phrases(parts, room));
        let inner = popup(core, area, 76, 16, &title, buf);
        if inner.height < 3 {
            return;
        }
        let [about, editor] =
            Layout::vertical([Constraint::Length(3), Constraint::Fill(1)]).areas(inner);
        // The passage (two lines at most, cut with "…"), then its tags.
        let [quote, tags] =
            Layout::vertical([Constraint::Length(2), Constraint::Length(1)]).areas(about);
        let passage = n.quote.split_whitespace().collect::<Vec<_>>().join(" ");
        let full = format!("“{}”", sanitize(&passage));
        let mut lines = text::wrapped(&full, quote.width);
        if lines.len() > 2 {
            // The second row ends the passage with `…` and the closing mark.
            lines.truncate(2);
            let room = usize::from(quote.width).saturating_sub(1);
            lines[1] = format!("{}”", fit(&format!("{}…", lines[1].trim_end()), room));
        }
        let lines: Vec<Line> =
            lines.into_iter().map(|l| Line::from(Span::styled(l, t.dim))).collect();
        Paragraph::new(lines).render(quote, buf);
        let mut spans = Vec::new();
        if n.tags.is_empty() {
            spans.push(Span::styled(if n.id.is_some() { NO_TAG } else { "new highlight" }, t.dim));
        }
        for name in &n.tags {
            let color = core.annotations.tag(name).map(|t| t.color);
            spans.push(Span::styled(format!(" {} ", sanitize(name)), t.highlight_of(color)));
            spans.push(Span::raw(" "));
        }
        Paragraph::new(Line::from(spans)).render(tags, buf);
        n.input.render(editor, buf);
    }
}
