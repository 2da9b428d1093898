//! The note editor (`e`): a multi-line, soft-wrapped editor for the note
//! of a highlight (or of a new one on the passage), under the passage and
//! its tags. `Esc` saves and closes.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode::Esc;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use ratatui_textarea::TextArea;

use crate::model::annotations::{Target, quote_in};
use crate::model::sanitize::sanitize;
use crate::ui::core::action::Action;
use crate::ui::core::edit::{commit, end_selection_on, stamp};
use crate::ui::core::effect::Effect;
use crate::ui::core::keys::{Binding, Context, bind, key};
use crate::ui::core::panel::popup;
use crate::ui::core::room::Room;
use crate::ui::core::text::{self, fit};
use crate::ui::core::{Core, Mode};

pub const KEYS: &[Binding] =
    &[bind(Context::Note, &[key(Esc)], Action::Accept, "save the note and close the editor")];

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
        input.set_placeholder_text("Write the note. Esc saves and closes.");
        // Soft-wrap, so a long note is read in full without scrolling sideways.
        input.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
        input.move_cursor(ratatui_textarea::CursorMove::Bottom);
        input.move_cursor(ratatui_textarea::CursorMove::End);
        Self { input, id, target, quote, tags }
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
        &[("Esc", "save and close")]
    }

    fn update(&mut self, core: &mut Core, action: Action) -> Effect {
        match action {
            // Closing the editor saves the note.
            Action::Accept => {
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
            Action::Text(key) => {
                self.input.input(key);
                Effect::None
            }
            _ => Effect::None,
        }
    }

    fn view(&self, core: &Core, area: Rect, buf: &mut Buffer) {
        let n = self;
        let t = &core.theme;
        let inner = popup(core, area, 76, 16, " Note · Esc saves and closes ", buf);
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
            spans.push(Span::styled(
                if n.id.is_some() { "untagged" } else { "new highlight" },
                t.dim,
            ));
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
