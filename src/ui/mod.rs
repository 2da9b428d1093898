//! The reader: a terminal UI in the Elm style, one room per mode.
//!
//! ```text
//! terminal ──> dispatch ──> modes::* ──> core ──> model / store / export
//!                           (a mode imports the core, never another mode)
//! ```
//!
//! - [`core`]: what every mode stands on, importing none of them — the
//!   [`Core`](core::Core) state (conversation, annotations and history,
//!   panes, layout, selection, search matches, save state), the
//!   [`Action`]s, the [`Effect`](core::effect::Effect)s modes return, the types of the key table,
//!   text wrapping, rows and motions, theme, popups, annotating edits and
//!   taking in changes from disk.
//! - [`modes`]: one room per mode — state, `KEYS`, update and view
//!   together: the reader (at the bottom, always there), help, tag
//!   picker, note editor, highlight chooser, prompt, question, tag
//!   manager, orphans, list, matrix, compare, search bar, export dialog.
//! - [`overlay`]: the stack of modes over the reader, and how a mode is
//!   opened from an [`Open`](core::effect::Open) request.
//! - [`dispatch`]: [`update()`] routes an action to the mode on top and
//!   carries out its effects (no I/O); [`view()`] draws the reader and the
//!   stack, bottom first (no state change).
//! - [`app`]: [`App`], the core and the stack; [`keymap`]: every mode's
//!   table, for lookups, the help overlay and the README.
//! - [`derived`]: keeps every open mode's rows in step with the annotations.
//! - [`terminal`]: the event loop (saves on their own thread); [`events`]:
//!   waiting for the terminal's events and the actions they mean;
//!   [`exporting`]: an export on a thread of its own, its result taken in;
//!   [`tty`]: taking the terminal (one write per frame, its buffers made
//!   while the document is read), mouse reporting, restoring it, suspend;
//!   [`cells`]: the backend writing frames as bytes, [`halves`]: flags'
//!   second halves blanked where tmux would leave them;
//!   [`settling`]: when a mapped file is let go; [`signals`]:
//!   SIGINT, SIGQUIT, SIGTERM, SIGHUP and a hung-up terminal, with a
//!   last-resort watchdog; [`rescue`]: work that could not be saved,
//!   written elsewhere on the way out; [`takeover`]: a reader read-only
//!   while another crosstalk had the file takes it over once that closes;
//!   [`last_resort`]: what the watchdog's exit tidies up.

pub mod app;
pub mod cells;
pub mod core;
pub mod derived;
pub mod dispatch;
pub mod events;
pub mod exporting;
pub mod fresh;
pub mod halves;
pub mod keymap;
pub mod last_resort;
pub mod modes;
pub mod overlay;
pub mod rescue;
pub mod settling;
pub mod signals;
pub mod takeover;
pub mod terminal;
pub mod tty;

pub use app::{App, Mode};
pub use core::action::Action;
pub use core::{pane, text, theme};
pub use dispatch::{Command, update, view};
pub use modes::export;
