//! The annotation list (`a`): every highlight with its contributor, tags,
//! the start of its quote and a note mark, orphans in a group of their own.
//! Typing filters by the text of the quote or note; `Tab` and `Shift-Tab`
//! cycle a tag and a contributor filter; `Enter` goes to the highlight;
//! `Ctrl-t`, `Ctrl-e`, `Ctrl-d` retag, edit the note, delete.
//!
//! While the list is open it stays underneath the picker, note editor and
//! questions it opens, and comes back when they close.

use ratatui_textarea::TextArea;

use crate::model::annotations::{Annotations, Target};

use super::action::Action;
use super::annotate;
use super::app::App;
use super::overlay::{NoteEditor, Overlay, Picker, PickerPurpose};

/// A matrix cell by its tag (`None`: the "all highlights" row) and its
/// column, so it is found again after tags change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MatrixCell {
    pub tag: Option<String>,
    pub col: usize,
}

/// The list's state: filters, the rows they leave, the selection.
#[derive(Clone, Debug)]
pub struct ListState {
    pub filter: TextArea<'static>,
    /// Only highlights carrying this tag.
    pub tag: Option<String>,
    /// Only this contributor's (voice's) highlights.
    pub voice: Option<usize>,
    /// Indices into `Annotations::highlights()` that pass, in its order
    /// (document order, orphans last).
    pub rows: Vec<usize>,
    pub selected: usize,
    /// Opened from the matrix: the cell to go back to on `Esc`.
    pub from_matrix: Option<MatrixCell>,
    /// Each highlight's quote and note, lowercased, built once per revision.
    folded: Vec<String>,
    revision: u64,
}

impl ListState {
    pub fn new(annotations: &Annotations, tag: Option<String>, voice: Option<usize>) -> Self {
        let mut filter = TextArea::default();
        filter.set_placeholder_text("type to filter by quote or note");
        let mut this = Self {
            filter,
            tag,
            voice,
            rows: Vec::new(),
            selected: 0,
            from_matrix: None,
            folded: Vec::new(),
            revision: u64::MAX,
        };
        this.refresh(annotations);
        this
    }

    pub fn query(&self) -> String {
        self.filter.lines().join(" ")
    }

    /// Recomputes the rows (and, after a change, the folded texts).
    pub fn refresh(&mut self, annotations: &Annotations) {
        if self.revision != annotations.revision()
            || self.folded.len() != annotations.highlights().len()
        {
            self.folded = annotations
                .highlights()
                .iter()
                .map(|h| format!("{}\u{1f}{}", h.quote.exact, h.note).to_lowercase())
                .collect();
            self.revision = annotations.revision();
        }
        let query = self.query().to_lowercase();
        let query = query.trim();
        self.rows = annotations
            .highlights()
            .iter()
            .enumerate()
            .filter(|(_, h)| self.voice.is_none_or(|v| h.voice == v))
            .filter(|(_, h)| self.tag.as_ref().is_none_or(|t| h.tags.contains(t)))
            .filter(|(i, _)| query.is_empty() || self.folded[*i].contains(query))
            .map(|(i, _)| i)
            .collect();
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
    }

    /// The revision of the annotations the rows were built from.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The highlight index selected, if any row is.
    pub fn chosen(&self) -> Option<usize> {
        self.rows.get(self.selected).copied()
    }
}

/// `a`: open the list (all highlights).
pub fn open(app: &mut App) {
    open_filtered(app, None, None);
}

/// The list filtered to `tag` and `voice`.
pub fn open_filtered(app: &mut App, tag: Option<String>, voice: Option<usize>) {
    app.list = Some(ListState::new(&app.annotations, tag, voice));
    app.overlay = Overlay::List;
}

/// The list of one matrix cell's highlights; `Esc` goes back to that cell.
pub fn open_from_matrix(app: &mut App, tag: Option<String>, col: usize) {
    let mut list = ListState::new(&app.annotations, tag.clone(), Some(col));
    list.from_matrix = Some(MatrixCell { tag, col });
    app.list = Some(list);
    app.overlay = Overlay::List;
}

/// Back to the list after an overlay it opened closes, up to date.
pub fn resume(app: &mut App) {
    if matches!(app.overlay, Overlay::None)
        && let Some(list) = &mut app.list
    {
        list.refresh(&app.annotations);
        app.overlay = Overlay::List;
    }
}

fn cycle<T: Clone + PartialEq>(options: &[T], current: &Option<T>) -> Option<T> {
    match current {
        None => options.first().cloned(),
        Some(c) => options.iter().position(|o| o == c).and_then(|i| options.get(i + 1)).cloned(),
    }
}

/// Keys in the list.
pub fn keys(app: &mut App, action: Action) {
    let Some(list) = &mut app.list else {
        app.overlay = Overlay::None;
        return;
    };
    match action {
        Action::Escape => {
            let back = list.from_matrix.take();
            app.list = None;
            app.overlay = Overlay::None;
            if let Some(cell) = back {
                super::matrix::reopen(app, cell);
            }
        }
        Action::Down => list.selected = (list.selected + 1).min(list.rows.len().saturating_sub(1)),
        Action::Up => list.selected = list.selected.saturating_sub(1),
        Action::PageDown => {
            list.selected = (list.selected + 10).min(list.rows.len().saturating_sub(1))
        }
        Action::PageUp => list.selected = list.selected.saturating_sub(10),
        Action::NextTagFilter => {
            let tags: Vec<String> = app.annotations.tags().iter().map(|t| t.name.clone()).collect();
            list.tag = cycle(&tags, &list.tag);
            list.selected = 0;
            list.refresh(&app.annotations);
        }
        Action::NextVoiceFilter => {
            let voices: Vec<usize> = (0..app.doc.voices().len()).collect();
            list.voice = cycle(&voices, &list.voice);
            list.selected = 0;
            list.refresh(&app.annotations);
        }
        // The filter edits like every prompt.
        Action::Text(key) => {
            super::prompt::edit(&mut list.filter, key);
            list.selected = 0;
            list.refresh(&app.annotations);
        }
        Action::Accept => go_to_chosen(app),
        Action::Tag | Action::Note | Action::Delete => act_on_chosen(app, &action),
        _ => {}
    }
}

/// Enter: close the list and put the cursor on the highlight.
fn go_to_chosen(app: &mut App) {
    let Some(i) = app.list.as_ref().and_then(ListState::chosen) else { return };
    let Some(h) = app.annotations.highlights().get(i).map(std::sync::Arc::clone) else { return };
    if h.orphan {
        app.message = Some("not found in the text: O lists the orphans to re-attach them".into());
        return;
    }
    app.list = None;
    app.overlay = Overlay::None;
    app.go_to(h.voice, h.start);
}

/// Ctrl-t / Ctrl-e / Ctrl-d on the chosen highlight; the list comes back after.
fn act_on_chosen(app: &mut App, action: &Action) {
    let Some(i) = app.list.as_ref().and_then(ListState::chosen) else { return };
    let Some(h) = app.annotations.highlights().get(i).map(std::sync::Arc::clone) else { return };
    let target = Target { voice: h.voice, start: h.start, end: h.end };
    if let Some(why) = &app.saving.read_only {
        app.message = Some(format!("read-only: {why}"));
        return;
    }
    match action {
        Action::Tag if h.orphan => {
            app.message = Some("re-attach it first (O), then tag it".into());
        }
        Action::Tag => {
            app.overlay =
                Overlay::Picker(Picker::new(PickerPurpose::Apply(target), &app.annotations));
        }
        Action::Note => {
            app.overlay = Overlay::Note(NoteEditor::new(
                &h.note,
                Some(h.id.clone()),
                target,
                h.quote.exact.clone(),
                h.tags.clone(),
            ));
        }
        Action::Delete => annotate::delete_highlight(app, &h.id),
        _ => {}
    }
}
