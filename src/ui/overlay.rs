//! The stack of modes over the reader: what each one is ([`Overlay`]), how
//! one is opened from a request ([`open`]), and how the dispatcher reaches
//! each through the [`Room`] trait. Only this module and the dispatcher
//! know every mode; the modes know only the core.

use std::sync::Arc;

use crate::model::search::Index;

use super::core::Core;
use super::core::effect::Open;
use super::core::room::Room;
use super::modes::{
    about, agree, autocode, chooser, compare, confirm, export, help, kwic, links, list, matrix,
    note, orphans, picker, prompt, relations, relmanager, search, select, tags,
};

// Named here too, for whoever drives the stack (the tests among them).
pub use super::core::effect::{ChooseFor, LinkPurpose, Pending, PickerPurpose, PromptPurpose};
pub use about::About;
pub use agree::AgreeView;
pub use autocode::AutoCode;
pub use chooser::Chooser;
pub use compare::CompareView;
pub use confirm::Confirm;
pub use export::ExportDialog;
pub use help::Help;
pub use kwic::Kwic;
pub use links::LinkList;
pub use list::ListState;
pub use matrix::MatrixView;
pub use note::NoteEditor;
pub use orphans::OrphanList;
pub use picker::{Picker, PickerRow};
pub use prompt::Prompt;
pub use relations::RelationPicker;
pub use relmanager::RelationManager;
pub use search::SearchBar;
pub use select::Selecting;
pub use tags::TagManager;

/// A mode drawn over the reader, taking the keys while it is on top.
#[derive(Clone, Debug)]
pub enum Overlay {
    Help(Help),
    About(About),
    Select(Selecting),
    Picker(Picker),
    Note(NoteEditor),
    Prompt(Prompt),
    Confirm(Confirm),
    Tags(TagManager),
    Orphans(OrphanList),
    Export(ExportDialog),
    Search(SearchBar),
    Kwic(Kwic),
    AutoCode(AutoCode),
    List(ListState),
    Matrix(MatrixView),
    Compare(CompareView),
    Chooser(Chooser),
    Agree(AgreeView),
    Relations(RelationPicker),
    Links(LinkList),
    RelationManager(RelationManager),
}

/// `room()` and `room_mut()`: every variant is a [`Room`].
macro_rules! rooms {
    ($($variant:ident),* $(,)?) => {
        impl Overlay {
            pub fn room(&self) -> &dyn Room {
                match self {
                    $(Overlay::$variant(r) => r,)*
                }
            }

            pub fn room_mut(&mut self) -> &mut dyn Room {
                match self {
                    $(Overlay::$variant(r) => r,)*
                }
            }
        }
    };
}

rooms!(
    Help,
    About,
    Select,
    Picker,
    Chooser,
    Note,
    Prompt,
    Confirm,
    Tags,
    Orphans,
    Export,
    Search,
    Kwic,
    AutoCode,
    List,
    Matrix,
    Compare,
    Agree,
    Relations,
    Links,
    RelationManager,
);

/// The mode `request` asks for, built from the core.
pub fn open(core: &mut Core, request: Open) -> Overlay {
    match request {
        Open::Help => Overlay::Help(Help::new(super::keymap::SECTIONS)),
        Open::About => Overlay::About(About::default()),
        Open::Select => Overlay::Select(Selecting),
        Open::Picker(purpose) => Overlay::Picker(Picker::new(purpose, core)),
        Open::Note { id, target } => Overlay::Note(note::open(core, id, target)),
        Open::Prompt(purpose) => Overlay::Prompt(prompt::open(core, purpose)),
        Open::Confirm { question, pending } => Overlay::Confirm(Confirm { question, pending }),
        Open::Tags { on } => Overlay::Tags(on.as_deref().map(TagManager::on).unwrap_or_default()),
        Open::Orphans => Overlay::Orphans(OrphanList::default()),
        Open::Export => Overlay::Export(ExportDialog::new(core)),
        Open::Search => {
            // The folded index, built on the first `/`.
            if core.search_index.is_none() {
                core.search_index = Some(Arc::new(Index::new(&core.doc)));
            }
            Overlay::Search(SearchBar::default())
        }
        Open::Kwic => Overlay::Kwic(Kwic::new(core)),
        Open::AutoCode => Overlay::AutoCode(AutoCode::new(core)),
        Open::List { tag, voice } => Overlay::List(ListState::new(&core.annotations, tag, voice)),
        Open::Matrix { col } => Overlay::Matrix(MatrixView::new(core, 0, col)),
        Open::Compare(tag) => Overlay::Compare(compare::start(core, &tag)),
        Open::Chooser { ids, then } => Overlay::Chooser(Chooser::new(ids, then)),
        Open::Agree => Overlay::Agree(AgreeView::new(core)),
        Open::LinkPicker(purpose) => Overlay::Relations(RelationPicker::new(core, purpose)),
        Open::Links => Overlay::Links(LinkList::new(core)),
        Open::Relations => Overlay::RelationManager(RelationManager::default()),
    }
}
