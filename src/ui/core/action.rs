//! Everything the reader can be asked to do. Keys map to these through the
//! keymap; mouse, resize and save results are turned into them by the event
//! loop.

use std::path::PathBuf;

use ratatui::crossterm::event::KeyEvent;

use crate::store::saver::Saved;

use super::pane::Motion;

/// A request to change the reader's state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    Quit,
    Suspend,
    ToggleHelp,
    /// Leave the current overlay or mode.
    Escape,
    FocusNext,
    FocusPrev,
    Move(Motion),
    /// The terminal now has this many columns and rows.
    Resize {
        width: u16,
        height: u16,
    },
    /// Mouse wheel over the screen cell (`column`, `row`): `lines` down, or up if negative.
    Scroll {
        column: u16,
        row: u16,
        lines: i16,
    },
    /// Left click on the screen cell (`column`, `row`).
    Click {
        column: u16,
        row: u16,
    },

    /// Start a selection at the cursor's sentence, or end it.
    Select,
    /// Extend the selection by a word: forward (`true`) or back.
    Word(bool),
    /// Open the tag picker for the selection or the cursor's sentence.
    Tag,
    /// Apply the tag on quick key N (1–9).
    QuickTag(u8),
    /// Write or edit the note of the highlight under the cursor.
    Note,
    /// Delete the highlight under the cursor.
    Delete,
    Undo,
    Redo,
    /// Open the tag manager.
    TagManager,
    /// Open the list of orphaned highlights.
    Orphans,
    /// Open the export dialog.
    Export,
    /// Open the search bar.
    Search,
    /// Open the annotation list.
    List,
    /// Open the tag × contributor matrix.
    Matrix,
    /// Compare one tag across voices.
    Compare,
    /// In grids: move a column.
    Left,
    Right,
    /// In the list: cycle the tag filter, the contributor filter; page.
    NextTagFilter,
    NextVoiceFilter,
    PageDown,
    PageUp,
    /// Go to the next (`true`) or previous highlight in the focused pane.
    JumpHighlight(bool),
    /// Go to the next / previous search match, across panes.
    NextMatch,
    PrevMatch,
    /// The event loop's report on an export.
    Exported(Exported),

    /// In lists: move the selection.
    Up,
    Down,
    /// In overlays: do it (apply the tag, save the text, attach the orphan).
    Accept,
    Yes,
    No,
    /// In the tag picker: check or uncheck the tag under the cursor
    /// (`false`: only while the filter is empty, else it is typed).
    Check(bool),
    /// In the note editor: save and close.
    Save,
    /// In the tag manager.
    RenameTag,
    RecolorTag,
    DescribeTag,
    MergeTag,
    DeleteTag,
    /// Put the selected tag on quick key N, or take its key away with 0.
    SetKey(u8),
    /// A key typed into a text field.
    Text(KeyEvent),
    /// The saver's report.
    Saved(Saved),
}

/// What to write, and whether an existing file may be replaced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportRequest {
    pub format: crate::export::Format,
    pub path: PathBuf,
    pub overwrite: bool,
}

/// How an export went, as the event loop reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Exported {
    /// Written: where, and how many highlights.
    Done {
        path: String,
        highlights: usize,
        /// What the writer should know, e.g. characters XML could not carry.
        warnings: Vec<String>,
    },
    /// The file exists and overwriting was not asked for.
    Exists(ExportRequest),
    Failed(String),
}
