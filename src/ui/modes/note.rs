//! The note editor (`e`): a multi-line, soft-wrapped editor for the note
//! of a highlight (or of a new one on the passage), under the passage and
//! its tags. `Ctrl-s` saves and closes; `Esc` closes, asking first
//! whether to save or discard a changed note (`y` / `n`; `Esc` goes back).
//! If the note changes under the editor (another coder's version taken in
//! from disk), an untouched editor shows it, and a draft is never saved
//! over it unasked: keep both, yours or theirs.

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
    /// The note as it is now, where it changed under a draft (another
    /// coder's version taken in from disk while this one was written).
    pub theirs: Option<String>,
    /// What the editor is asking, if anything.
    pub asking: Ask,
}

/// A question the note editor asks before it closes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ask {
    No,
    /// `Esc` on a changed note: save or discard?
    SaveOrDiscard,
    /// Saving a draft of a note that changed meanwhile: both, yours, theirs?
    Whose,
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
        // Short, so it is never cut: the title and the status bar give the keys.
        input.set_placeholder_text("Write the note.");
        // Soft-wrap, so a long note is read in full without scrolling sideways.
        input.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
        input.move_cursor(ratatui_textarea::CursorMove::Bottom);
        input.move_cursor(ratatui_textarea::CursorMove::End);
        Self {
            input,
            id,
            target,
            quote,
            tags,
            original: note.to_owned(),
            theirs: None,
            asking: Ask::No,
        }
    }

    /// Whether the note differs from what it was when the editor opened.
    pub fn changed(&self) -> bool {
        self.text() != self.original
    }

    /// Saves the draft, unless the note changed meanwhile: then asks.
    fn save(&mut self, core: &mut Core) -> Effect {
        if self.theirs.as_ref().is_some_and(|theirs| *theirs != self.text()) {
            self.asking = Ask::Whose;
            return Effect::None;
        }
        self.save_as(core, &self.text())
    }

    fn save_as(&self, core: &mut Core, note: &str) -> Effect {
        let gone = self.id.as_deref().is_some_and(|id| core.annotations.highlight(id).is_none());
        let edit = core.annotations.set_note(
            &core.doc,
            self.id.as_deref(),
            &self.target,
            note,
            &stamp(core),
        );
        if commit(core, edit) {
            end_selection_on(core, &self.target);
            if gone {
                core.message = Some(
                    "the highlight was deleted on disk meanwhile: the note is kept on the passage, untagged".into(),
                );
            }
        }
        Effect::Close
    }

    /// Theirs, a blank line, then the draft: nothing either wrote is lost.
    fn both(&self) -> String {
        let theirs = self.theirs.as_deref().unwrap_or_default().trim_end();
        let mine = self.text();
        if theirs.is_empty() { mine } else { format!("{theirs}\n\n{}", mine.trim_start()) }
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
        match self.asking {
            Ask::SaveOrDiscard => &[("y", "save"), ("n", "discard"), ("Esc", "back to editing")],
            Ask::Whose => &[
                ("b", "keep both (theirs, then yours)"),
                ("y", "yours"),
                ("t", "theirs"),
                ("Esc", "back to editing"),
            ],
            Ask::No => &[("Ctrl-s", "save and close"), ("Esc", "close")],
        }
    }

    fn update(&mut self, core: &mut Core, action: Action) -> Effect {
        let letter = |action: &Action| match action {
            Action::Text(k) => match k.code {
                KeyCode::Char(c) => Some(c.to_ascii_lowercase()),
                _ => None,
            },
            _ => None,
        };
        match self.asking {
            Ask::No => {}
            Ask::SaveOrDiscard => {
                return match (letter(&action), action) {
                    (Some('y'), _) | (_, Action::Save) => self.save(core),
                    (Some('n'), _) => {
                        core.message = Some("note discarded".into());
                        Effect::Close
                    }
                    (_, Action::Escape) => {
                        self.asking = Ask::No;
                        Effect::None
                    }
                    _ => {
                        core.message =
                            Some("y saves the note, n discards it, Esc goes back to it".into());
                        Effect::None
                    }
                };
            }
            Ask::Whose => {
                return match (letter(&action), action) {
                    (Some('b'), _) => self.save_as(core, &self.both()),
                    (Some('y'), _) => self.save_as(core, &self.text()),
                    (Some('t'), _) => {
                        core.message = Some("your draft discarded: their note kept".into());
                        Effect::Close
                    }
                    (_, Action::Escape) => {
                        self.asking = Ask::No;
                        Effect::None
                    }
                    _ => {
                        core.message = Some(
                            "b keeps both notes, y yours, t theirs, Esc goes back to yours".into(),
                        );
                        Effect::None
                    }
                };
            }
        }
        match action {
            Action::Save => self.save(core),
            Action::Escape if self.changed() => {
                self.asking = Ask::SaveOrDiscard;
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
        // newer words are the ones nowhere else), and theirs with it.
        if self.changed() {
            self.save_as(core, &self.both());
        }
    }

    /// The note changed under the editor (their version taken in from
    /// disk, or the highlight deleted there): an untouched editor shows
    /// the note as it is now; a draft is kept, and saving it asks.
    fn sync(&mut self, core: &Core) {
        let Some(h) = self.id.as_deref().and_then(|id| core.annotations.highlight(id)) else {
            return;
        };
        self.tags.clone_from(&h.tags);
        let seen = self.theirs.as_ref().unwrap_or(&self.original);
        if h.note == *seen {
            return;
        }
        if self.changed() {
            // Back to what the draft started from: nothing of theirs to keep.
            self.theirs = (h.note != self.original).then(|| h.note.clone());
            if self.theirs.is_none() && self.asking == Ask::Whose {
                self.asking = Ask::No;
            }
        } else {
            // Nothing written: nothing to ask about either.
            *self = Self::new(
                &h.note,
                self.id.take(),
                self.target,
                std::mem::take(&mut self.quote),
                std::mem::take(&mut self.tags),
            );
        }
    }

    /// An untouched editor for a highlight deleted meanwhile has nothing
    /// left to do; a draft stays (saved, it is kept on the passage).
    fn alive(&self, core: &Core) -> bool {
        self.changed()
            || self.id.as_deref().is_none_or(|id| core.annotations.highlight(id).is_some())
    }

    fn view(&self, core: &Core, area: Rect, buf: &mut Buffer) {
        let n = self;
        let t = &core.theme;
        // Whole phrases, as many as fit (the keys are in the status bar too).
        let parts: &[&str] = match n.asking {
            Ask::SaveOrDiscard => {
                &["Note changed · save it?", "y save", "n discard", "Esc back to editing"]
            }
            Ask::Whose => &[
                "Their note came in meanwhile",
                "b keep both",
                "y yours",
                "t theirs",
                "Esc back to editing",
            ],
            Ask::No if n.theirs.is_some() => {
                &["Note · changed on disk meanwhile", "Ctrl-s asks whose to keep", "Esc closes"]
            }
            Ask::No => &["Note", "Ctrl-s saves and closes", "Esc closes"],
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
        // As many tags as fit; the one that does not ends with `…`.
        let mut room = usize::from(tags.width);
        for name in &n.tags {
            if room < 4 {
                break;
            }
            let color = core.annotations.tag(name).map(|t| t.color);
            let chip = format!(" {} ", fit(&sanitize(name), room - 2));
            room = room.saturating_sub(text::width(&chip) + 1);
            spans.push(Span::styled(chip, t.highlight_of(color)));
            spans.push(Span::raw(" "));
        }
        Paragraph::new(Line::from(spans)).render(tags, buf);
        n.input.render(editor, buf);
    }
}
