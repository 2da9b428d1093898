//! What a mode asks for after an action: the modes never open, close or
//! reach each other directly. They return an [`Effect`], and the
//! dispatcher (`ui::dispatch`) carries it out — opening a mode from an
//! [`Open`] request, closing one, handing a [`Reply`] to the one below, or
//! passing quit, suspend and export on to the event loop.

use crate::model::annotations::Target;

use std::sync::Arc;

use crate::model::annotations::Snapshot;
use crate::model::annotations::merge::Merge;

use super::action::ExportRequest;

/// What a mode asks the dispatcher (and, through it, the event loop) to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    None,
    /// Leave crosstalk.
    Quit,
    /// Suspend to the shell.
    Suspend,
    /// Write an export file; the event loop reports with `Action::Exported`.
    Export(ExportRequest),
    /// Load another coder's annotation file; the event loop reports with
    /// `Action::AgainstLoaded`.
    LoadAgainst(std::path::PathBuf),
    /// Open a mode on top of this one.
    Open(Open),
    /// Close this mode: back to the one below (the reader at the bottom).
    Close,
    /// Close this mode and open another in its place.
    Replace(Open),
    /// Close every mode: back to the reader.
    Home,
    /// Close this mode, and tell the one below.
    Reply(Reply),
    /// Several of the above, in order.
    Batch(Vec<Effect>),
}

/// A mode to open, and what it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Open {
    Help,
    /// About this conversation.
    About,
    /// Growing the core's selection.
    Select,
    /// The tag picker.
    Picker(PickerPurpose),
    /// The note editor, for highlight `id` or a new highlight on `target`.
    Note {
        id: Option<String>,
        target: Target,
    },
    /// A one-line prompt about a tag.
    Prompt(PromptPurpose),
    /// A yes/no question.
    Confirm {
        question: String,
        pending: Pending,
    },
    /// The tag manager, on the tag named (or the first).
    Tags {
        on: Option<String>,
    },
    Orphans,
    Export,
    Search,
    /// The last search's matches in context.
    Kwic,
    /// Tags for every match of the last search.
    AutoCode,
    /// The annotation list, filtered to a tag and a contributor (voice).
    List {
        tag: Option<String>,
        voice: Option<usize>,
    },
    /// The tag × contributor matrix, its cursor on this voice's column.
    Matrix {
        col: usize,
    },
    /// Compare this tag's passages across voices.
    Compare(String),
    /// Agreement with the other coder.
    Agree,
    /// The relation picker: for a new link between two passages, or to
    /// change a link's relation.
    LinkPicker(LinkPurpose),
    /// The list of links (and the exchange matrix).
    Links,
    /// The relation manager.
    Relations,
    /// Which of the highlights overlapping here (`None`: a new one on the
    /// cursor's sentence) to act on.
    Chooser {
        ids: Vec<Option<String>>,
        then: ChooseFor,
    },
}

/// What the relation picker is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkPurpose {
    /// A new link from one passage to another.
    New { from: Target, to: Target },
    /// Another relation for link `id`.
    Change(String),
}

/// What the chooser does with the highlight chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChooseFor {
    /// `d`: delete it (asking first if it has a note).
    Delete,
    /// `e`: edit its note.
    Note,
    /// `t`: the tag picker on its passage.
    Tag,
}

/// What a closing mode tells the one below.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reply {
    /// The tag (or relation) now in question (renamed, merged into): the
    /// manager puts its cursor on it.
    Tag(String),
}

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

/// What a one-line prompt's text is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PromptPurpose {
    RenameTag(String),
    DescribeTag(String),
    /// The path of another coder's annotation file.
    Against,
    NewRelation,
    RenameRelation(String),
    DescribeRelation(String),
    /// The note of link `id`.
    LinkNote(String),
}

/// What answering "yes" does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pending {
    DeleteHighlight(String),
    /// The last tag was taken off the highlight on this target, which has
    /// a note: yes keeps it untagged, no deletes it with its note.
    KeepUntagged(Target),
    DeleteTag(String),
    /// Delete a relation and its links.
    DeleteRelation(String),
    QuitUnsaved,
    /// Write the export over the existing file.
    Overwrite(ExportRequest),
    /// The file changed on disk and both sides changed the same highlight:
    /// yes keeps both versions, no asks [`Pending::DiskMine`].
    DiskBoth(Box<DiskConflict>),
    /// Yes keeps ours (theirs set aside in a file), no keeps theirs.
    DiskMine(Box<DiskConflict>),
    /// The file on disk cannot be read: yes writes ours (theirs set aside
    /// first), no waits for it to parse; then quit if `quitting`.
    DiskUnreadable {
        quitting: bool,
    },
}

impl Pending {
    /// Whether the question is about the file changing on disk.
    pub fn about_disk(&self) -> bool {
        matches!(self, Pending::DiskBoth(_) | Pending::DiskMine(_) | Pending::DiskUnreadable { .. })
    }
}

/// A merge waiting for the user's answer.
#[derive(Clone, Debug)]
pub struct DiskConflict {
    pub merge: Merge,
    /// The change on disk it answers (see `Saving::disk_seen`).
    pub generation: u64,
    /// What both sides started from, should the file change again meanwhile.
    pub base: Arc<Snapshot>,
}

impl PartialEq for DiskConflict {
    fn eq(&self, other: &Self) -> bool {
        self.generation == other.generation
            && self.merge == other.merge
            && Arc::ptr_eq(&self.base, &other.base)
    }
}
impl Eq for DiskConflict {}
