//! The reader: a terminal UI in the Elm style.
//!
//! - [`app`]: state ([`App`]) and layout; [`action`]: what can be asked;
//!   [`keymap`]: keys → actions, as data.
//! - [`update()`]: state changes, no I/O; [`view()`]: drawing, no state changes.
//! - [`pane`], [`rows`], [`text`]: cursor motions, lazily wrapped rows,
//!   display-width wrapping of sanitised text.
//! - [`select`]: where a growing selection's head goes.
//! - [`annotate`], [`overlay`]: selecting, tagging, notes, the tag manager,
//!   orphans, and the overlays they open; [`export`]: the export dialog;
//!   [`help`]: the help overlay laid out for the width, from the keymap.
//!   The status bar and the read-only banner are drawn by `view_status`.
//! - [`prompt`]: shell-like editing keys for every one-line text field.
//! - [`search`], [`list`], [`matrix`], [`compare`]: the analysis views
//!   (search every voice, the annotation list, the tag × contributor matrix,
//!   one tag's passages side by side).
//!   They are drawn in `view_panel`'s titled panel, whose title keeps the
//!   view's name and drops whole hint phrases when narrow.
//! - [`derived`]: keeps every view's rows in step with the annotations
//!   (rebuilt from the revision after each update).
//! - [`disk`]: taking in changes made to the annotation file by others.
//! - [`terminal`]: the event loop (saves and exports on their own threads);
//!   [`tty`]: mouse reporting, restoring the terminal, suspend; [`signals`]: SIGINT, SIGQUIT,
//!   SIGTERM, SIGHUP and a hung-up terminal, with a last-resort watchdog.

pub mod action;
pub mod annotate;
pub mod app;
pub mod compare;
pub mod derived;
pub mod disk;
pub mod export;
pub mod help;
pub mod keymap;
pub mod list;
pub mod matrix;
pub mod overlay;
pub mod pane;
pub mod prompt;
pub mod rows;
pub mod search;
pub mod select;
pub mod signals;
pub mod terminal;
pub mod text;
pub mod theme;
pub mod tty;
mod update;
mod view;
mod view_analysis;
mod view_overlays;
mod view_panel;
mod view_status;

pub use action::Action;
pub use app::{App, Effect, Mode};
pub use update::update;
pub use view::view;
