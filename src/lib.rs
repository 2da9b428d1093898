//! crosstalk: read multi-voice debates side by side in the terminal.
//!
//! # Module map
//!
//! | module | what | depends on |
//! |---|---|---|
//! | [`model`] | conversations, segmentation, spans, sanitising; annotations (tags, highlights, undo history), anchors and re-attachment, the annotation file's shape — pure, no I/O, no terminal | — |
//! | [`store`] | reading and writing conversation and annotation files: atomic saves with a backup, the lock, the saving thread; the bundled debate | `model` |
//! | [`ui`] | the reader: app state, actions, keymap, update (with `annotate` for every annotation action), view and overlays, search, the annotation list, matrix and compare views, event loop | `model`, `store`, `export` |
//! | [`export`] | Markdown, CSV, W3C Web Annotation, REFI-QDA and HTML exports: model in, bytes out | `model` |
//! | [`import`] | Markdown and transcripts → conversation files | `model`, `export` (Markdown escaping) |
//! | [`cli`] | command-line arguments and the top-level `run` | all |
//!
//! `src/main.rs` only calls [`cli::main`].

// Guards with side effects read worse than the nested `if` this lint wants.
#![allow(clippy::collapsible_match)]

pub mod cli;
pub mod export;
pub mod import;
pub mod model;
pub mod store;
pub mod ui;
