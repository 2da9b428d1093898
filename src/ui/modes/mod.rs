//! The modes, one room each: its state, its part of the key table
//! (`KEYS`), its update and its view. A mode imports the
//! [core](super::core) and never another mode; it opens others by
//! returning an [`Effect`](super::core::effect::Effect).
//!
//! - [`reader`]: the panes, cursors, scrolling and annotating (always at
//!   the bottom of the stack); its status bar and header. [`select`]:
//!   growing a selection by word, character, sentence or paragraph.
//! - [`help`], [`picker`] (tag picker), [`note`] (note editor),
//!   [`prompt`] (rename / describe a tag), [`confirm`] (yes/no),
//!   [`chooser`] (which of the overlapping highlights).
//! - [`tags`] (tag manager), [`orphans`] (orphaned highlights).
//! - [`list`] (annotation list), [`matrix`] (tag × contributor),
//!   [`compare`] (one tag across voices), [`search`] (the search bar),
//!   [`kwic`] (the matches in context), [`autocode`] (tags on every match),
//!   [`agree`] (agreement with another coder, and where we disagree).
//! - [`relations`] (the relation of a new link), [`links`] (the links
//!   list and the exchange matrix), [`relmanager`] (the relations).
//! - [`export`]: the export dialog.

pub mod about;
pub mod agree;
pub mod autocode;
pub mod chooser;
pub mod compare;
pub mod confirm;
pub mod export;
pub mod help;
pub mod kwic;
pub mod links;
pub mod list;
pub mod matrix;
pub mod note;
pub mod orphans;
pub mod picker;
pub mod prompt;
pub mod reader;
pub mod relations;
pub mod relmanager;
pub mod search;
pub mod select;
pub mod tags;
