//! Compare mode (`c`): choose a tag, and each contributor's pane shows only
//! the passages carrying it, with a line of context either side, side by
//! side; `j`/`k` choose a passage, `Tab`/`h`/`l` a voice, `Enter` returns to
//! the reader at that passage, `Esc` leaves.

use super::action::Action;
use super::app::App;
use super::overlay::{Overlay, Picker, PickerPurpose};

/// The tag compared, each voice's passages (indices into
/// `Annotations::highlights()` at annotation revision `revision`), and the
/// passage chosen in each voice.
#[derive(Clone, Debug)]
pub struct CompareView {
    pub tag: String,
    pub passages: Vec<Vec<usize>>,
    pub selected: Vec<usize>,
    pub revision: u64,
}

impl CompareView {
    pub fn new(app: &App, tag: &str) -> Self {
        let mut passages = vec![Vec::new(); app.doc.voices().len()];
        for (i, h) in app.annotations.highlights().iter().enumerate() {
            if !h.orphan && h.tags.iter().any(|t| t == tag) {
                passages[h.voice].push(i);
            }
        }
        let selected = vec![0; passages.len()];
        Self { tag: tag.to_owned(), passages, selected, revision: app.annotations.revision() }
    }

    /// Recomputes the passages after a change, keeping each voice's choice
    /// where it still can.
    pub fn rebuild(&mut self, app: &App) {
        let selected = std::mem::take(&mut self.selected);
        *self = Self::new(app, &self.tag);
        for (new, old) in self.selected.iter_mut().zip(selected) {
            *new = old;
        }
        for (chosen, passages) in self.selected.iter_mut().zip(&self.passages) {
            *chosen = (*chosen).min(passages.len().saturating_sub(1));
        }
    }
}

/// `c`: choose the tag to compare.
pub fn open(app: &mut App) {
    if app.annotations.tags().is_empty() {
        app.message = Some("no tags to compare".into());
        return;
    }
    app.overlay = Overlay::Picker(Picker::new(PickerPurpose::Compare, &app.annotations));
}

/// The tag chosen: compare it.
pub fn start(app: &mut App, tag: &str) {
    let view = CompareView::new(app, tag);
    let total: usize = view.passages.iter().map(Vec::len).sum();
    // Open on the first voice that has a passage, scrolled into the strip.
    if let Some(voice) = view.passages.iter().position(|p| !p.is_empty()) {
        app.focus = voice;
        app.reveal_focus();
    }
    app.message = Some(format!("{total} passage(s) under “{tag}”"));
    app.overlay = Overlay::Compare(view);
}

/// Keys in compare mode.
pub fn keys(app: &mut App, action: Action) {
    let n = app.panes.len();
    let Overlay::Compare(view) = &mut app.overlay else { return };
    let focus = app.focus;
    let count = view.passages[focus].len();
    match action {
        Action::Escape => app.overlay = Overlay::None,
        Action::Down => {
            view.selected[focus] = (view.selected[focus] + 1).min(count.saturating_sub(1))
        }
        Action::Up => view.selected[focus] = view.selected[focus].saturating_sub(1),
        Action::FocusNext => {
            app.focus = (focus + 1) % n;
            app.reveal_focus();
        }
        Action::FocusPrev => {
            app.focus = (focus + n - 1) % n;
            app.reveal_focus();
        }
        Action::Accept => {
            let Some(&i) = view.passages[focus].get(view.selected[focus]) else {
                app.message = Some("no passage here to go to".into());
                return;
            };
            let Some((voice, at)) = app.annotations.highlights().get(i).map(|h| (h.voice, h.start))
            else {
                return;
            };
            app.overlay = Overlay::None;
            app.go_to(voice, at);
        }
        _ => {}
    }
}
