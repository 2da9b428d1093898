//! Everything the reader can be asked to do. Keys map to these through the
//! keymap; mouse, resize and save results are turned into them by the event
//! loop.

use std::path::PathBuf;

use ratatui::crossterm::event::KeyEvent;

use crate::store::saver::Saved;

use super::pane::Motion;
use super::select::Unit;

/// A request to change the reader's state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    Quit,
    /// crosstalk is being closed from outside (a signal, a hung-up
    /// terminal): every open mode keeps its draft ([`super::room::Room::keep_draft`]).
    KeepDrafts,
    /// A key the mode on top does not bind but the reader does (`q` while
    /// selecting): nothing is done, and the message says how to get to it.
    ReaderKey(String),
    Suspend,
    ToggleHelp,
    /// Switch between the voices side by side and the turn order.
    ToggleTurns,
    /// About this conversation: source, header facts, speakers, introduction.
    About,
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
    /// The left button pressed, dragged or released over a screen cell.
    Press(Pointer),
    Drag(Pointer),
    Release(Pointer),

    /// Start a selection on the word cursor's word (or the cursor's
    /// sentence), or stop growing it.
    Select,
    /// The word cursor to the next word (`true`) or the previous one.
    Word(bool),
    /// Move the selection's moving end by a unit: forward (`true`) or back.
    Extend(Unit, bool),
    /// The selection's other end moves from now on.
    Swap,
    /// Open the tag picker for the selection or the cursor's sentence.
    Tag,
    /// Apply the tag on quick key N (1–9).
    QuickTag(u8),
    /// Start a link between passages here, or end the one started here.
    Link,
    /// Go to the other end of the link at the cursor (and back).
    Follow,
    /// Open the list of links.
    Links,
    /// Add a relation (the relation manager).
    NewRelation,
    /// Open the relation manager.
    Relations,
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
    /// The last search's matches in context.
    Kwic,
    /// Tag every match of the last search.
    AutoCode,
    /// Open the annotation list.
    List,
    /// Open the tag × contributor matrix.
    Matrix,
    /// Compare one tag across voices.
    Compare,
    /// Agreement with the other coder (`--against`), tag by tag.
    Agree,
    /// Go to the next (`true`) or previous disagreement with the other coder.
    Disagreement(bool),
    /// Ask for another coder's annotation file to compare with.
    PickAgainst,
    /// The event loop's report on loading another coder's file.
    AgainstLoaded(Result<std::sync::Arc<super::against::Against>, String>),
    /// In the agreement view: compare by the next unit (sentence, paragraph,
    /// character).
    CycleUnit,
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
    /// Text pasted (the terminal's bracketed paste): put into the field on
    /// top as typed text, never read as keys.
    Paste(String),
    /// The saver's report.
    Saved(Saved),
}

/// Where the mouse is, and the modifiers held.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pointer {
    pub column: u16,
    pub row: u16,
    pub shift: bool,
    pub alt: bool,
}

impl Pointer {
    /// A plain press (no modifiers) at (`column`, `row`).
    pub fn at(column: u16, row: u16) -> Self {
        Self { column, row, ..Self::default() }
    }
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
    /// Written: where, and what (`21 highlights`, `8 tags`, `3 links`).
    Done {
        path: String,
        what: String,
        /// What the writer should know, e.g. characters XML could not carry.
        warnings: Vec<String>,
    },
    /// The file exists and overwriting was not asked for.
    Exists(ExportRequest),
    Failed(String),
}
