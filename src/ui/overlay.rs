//! The overlays that take over the keyboard: tag picker, note editor,
//! prompts, yes/no questions, the tag manager and the orphan list.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher};
use ratatui_textarea::TextArea;

use crate::model::annotations::{Annotations, Target};

/// What the tag picker will do with the tag chosen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PickerPurpose {
    /// Apply it to this range.
    Apply(Target),
    /// Merge this tag into the one chosen.
    MergeInto(String),
    /// Compare the tag chosen across voices.
    Compare,
}

/// One row of the picker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PickerRow {
    Existing(String),
    /// A name that matches no tag: choosing it creates the tag.
    New(String),
}

/// Fuzzy tag picker.
#[derive(Clone, Debug)]
pub struct Picker {
    pub input: TextArea<'static>,
    pub rows: Vec<PickerRow>,
    pub selected: usize,
    pub purpose: PickerPurpose,
    /// The annotation revision the rows were filtered at.
    pub revision: u64,
}

impl Picker {
    pub fn new(purpose: PickerPurpose, annotations: &Annotations) -> Self {
        let mut input = TextArea::default();
        input.set_placeholder_text("type to filter or name a new tag");
        let mut this = Self { input, rows: Vec::new(), selected: 0, purpose, revision: 0 };
        this.refilter(annotations);
        this
    }

    pub fn query(&self) -> String {
        self.input.lines().join(" ").trim().to_owned()
    }

    /// Recomputes the rows for the current query: matching tags best first
    /// (all tags, in order, for an empty query), then "new tag" if the query
    /// names none.
    pub fn refilter(&mut self, annotations: &Annotations) {
        let query = self.query();
        let excluded = match &self.purpose {
            PickerPurpose::MergeInto(from) => Some(from.as_str()),
            PickerPurpose::Apply(_) | PickerPurpose::Compare => None,
        };
        let names: Vec<&str> = annotations
            .tags()
            .iter()
            .map(|t| t.name.as_str())
            .filter(|n| Some(*n) != excluded)
            .collect();
        let mut rows: Vec<PickerRow> = if query.is_empty() {
            names.iter().map(|n| PickerRow::Existing((*n).to_owned())).collect()
        } else {
            let mut matcher = Matcher::new(Config::DEFAULT);
            let pattern = Pattern::parse(&query, CaseMatching::Ignore, Normalization::Smart);
            pattern
                .match_list(names.iter().copied(), &mut matcher)
                .into_iter()
                .map(|(n, _)| PickerRow::Existing(n.to_owned()))
                .collect()
        };
        let exists = annotations.tags().iter().any(|t| t.name.eq_ignore_ascii_case(&query));
        if !query.is_empty() && !exists && matches!(self.purpose, PickerPurpose::Apply(_)) {
            rows.push(PickerRow::New(query));
        }
        self.rows = rows;
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
        self.revision = annotations.revision();
    }

    pub fn chosen(&self) -> Option<&PickerRow> {
        self.rows.get(self.selected)
    }
}

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

/// What a one-line prompt's text is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PromptPurpose {
    RenameTag(String),
    DescribeTag(String),
}

#[derive(Clone, Debug)]
pub struct Prompt {
    pub title: String,
    pub input: TextArea<'static>,
    pub purpose: PromptPurpose,
}

impl Prompt {
    pub fn new(title: String, text: &str, purpose: PromptPurpose) -> Self {
        let mut input = TextArea::new(vec![text.to_owned()]);
        input.move_cursor(ratatui_textarea::CursorMove::End);
        Self { title, input, purpose }
    }

    pub fn text(&self) -> String {
        self.input.lines().join(" ").trim().to_owned()
    }
}

/// What answering "yes" does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pending {
    DeleteHighlight(String),
    DeleteTag(String),
    QuitUnsaved,
    /// Write the export over the existing file.
    Overwrite(super::export::ExportRequest),
    /// The file changed on disk and both sides changed the same highlight:
    /// yes keeps both versions, no asks [`Pending::DiskMine`].
    DiskBoth(Box<super::disk::DiskConflict>),
    /// Yes keeps ours (theirs set aside in a file), no keeps theirs.
    DiskMine(Box<super::disk::DiskConflict>),
    /// The file on disk cannot be read: yes writes ours (theirs set aside
    /// first), no waits for it to parse; then quit if `quitting`.
    DiskUnreadable {
        quitting: bool,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Confirm {
    pub question: String,
    pub pending: Pending,
    /// Where to go back to afterwards.
    pub back: Box<Overlay>,
}

/// The tag manager's cursor: its row, and the name of the tag on it.
/// [`derived::sync`](super::derived::sync) puts the row back on that tag
/// after any change (a rename, merge, delete, undo, redo); a tag that is
/// gone leaves the cursor on the same row, its neighbour.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TagManager {
    pub selected: usize,
    /// The tag under the cursor; `None` follows `selected`.
    pub tag: Option<String>,
}

impl TagManager {
    /// The manager with its cursor on the tag named `name`.
    pub fn on(name: &str) -> Self {
        Self { selected: 0, tag: Some(name.to_owned()) }
    }

    /// Re-finds the remembered tag in `tags` (or keeps the row, inside
    /// them), then remembers the tag now under the cursor.
    pub fn sync(&mut self, tags: &[crate::model::annotations::Tag]) {
        if let Some(i) =
            self.tag.as_ref().and_then(|name| tags.iter().position(|t| &t.name == name))
        {
            self.selected = i;
        }
        self.selected = self.selected.min(tags.len().saturating_sub(1));
        self.tag = tags.get(self.selected).map(|t| t.name.clone());
    }
}

/// The orphan list's cursor.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OrphanList {
    pub selected: usize,
}

/// What, if anything, is drawn over the panes and takes the keys.
#[derive(Clone, Debug, Default)]
pub enum Overlay {
    #[default]
    None,
    Help,
    Picker(Picker),
    Note(NoteEditor),
    Prompt(Prompt),
    Confirm(Confirm),
    Tags(TagManager),
    Orphans(OrphanList),
    Export(super::export::ExportDialog),
    Search(super::search::SearchBar),
    /// The annotation list (its state is `App::list`).
    List,
    Matrix(super::matrix::MatrixView),
    Compare(super::compare::CompareView),
}

impl PartialEq for Overlay {
    fn eq(&self, other: &Self) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(other)
    }
}
impl Eq for Overlay {}
