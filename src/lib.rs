//! crosstalk: read multi-voice debates side by side in the terminal.
//!
//! # Module map
//!
//! | module | what | depends on |
//! |---|---|---|
//! | [`model`] | conversations (format version 2: turns in spoken order, times, subheads, introduction, header facts, short names; `model::names` for honorifics and short names; a paragraph's text its own or a range of the file it was read from, `model::Source`; a section's paragraphs made, or ranges made a block at a time when first asked for, `model::Paragraphs`; a voice's paragraphs the runs of sections it speaks, `model::Refs`), segmentation, spans, sanitising, search; annotations (tags, nested tags as a tree in `annotations::tree`, highlights, undo history, auto-coding by pattern), anchors and re-attachment (`annotations::locate`: near the old place first, then through a word index of the voice, `annotations::wordindex`; `annotations::loading` maps positions), the text's hash kept once computed (`model::texthash`), the three-way merge of annotation sets, a codebook's tags united with a file's (`tags import`), inter-coder agreement (`model::agree`: units, tallies, κ/α), the annotation file's shape (`annotations::fileview` writes it straight from a snapshot), the ids earlier builds gave a conversation and its contributors and how a file's are read as one of them (`model::former`) — pure, no I/O, no terminal | — |
//! | [`store`] | reading and writing conversation and annotation files (`store::quickron`: a fast reader and writer for the RON crosstalk writes, held to `ron`'s by property tests): a large Markdown file mapped under a read lease until just after the reader's first frame, then copied and let go (`store::mapped`); atomic saves through symlinks keeping mode and owner, a backup, the lock (pid, start time, host), noticing changes made by others, the saving thread; the bundled debate; codebooks (`.ron`, `.qdc`, CSV); opening REFI-QDA projects (`store::refi`: a `.qdpx` zip read within limits, or a `.qde` with its `sources/`) | `model`, `import` (decoding UTF-8/UTF-16, codebooks, REFI-QDA), `export` (undoing CSV formula protection) |
//! | [`ui`] | the reader, one room per mode (`ui::modes`: reader, help, about, picker, note, prompt, confirm, tags, orphans, list, matrix, compare, search, kwic, autocode, export) over a core that imports no mode (`ui::core`, with the turn-order view in `ui::core::turns`); the dispatcher and its mode stack, the key table, derived rows kept in step, the event loop and signals; `ui::cells`, crossterm's backend with frames written as bytes (held to crossterm's byte for byte by a property test, and a blank screen's gaps written as spaces, held by a `vt100` terminal to what crossterm's bytes show); `ui::fresh`, the cells of a frame on a blank screen without ratatui's diff (held to it by a property test) | `model`, `store`, `export` |
//! | [`export`] | Markdown, CSV, W3C Web Annotation, REFI-QDA, codebook CSV and HTML exports: model in, bytes out; what goes out worked out once, for every format (`export::scope`) | `model` |
//! | [`import`] | Markdown (plain sections by a reader that finds each line's end, label colon and escapes in one pass (`import::markdown::scan`, 64 bytes a step with AVX-512BW, 32 with AVX2, where there is either) and shares the file's text — a mapped file's sections read in the one pass that checks it as UTF-8 (`import::markdown::onepass`) — the rest by the general one, rules, quotes, code and underlined headings as they render (`import::markdown::blocks`); front matter and other tools' layouts (`import::markdown::front`); inline markup read as it renders, by pulldown-cmark, named and numeric character references decoded (`import::markdown::inline`), each paragraph when it is first shown (`model::paragraphs`)), transcripts (`NAME: text` labels, and names above their text, with or without blank lines between turns, or opening it without a colon where the whole file is laid out so: `import::transcript::bare`; a hearing's record as govinfo.gov gives it, names in mixed case on indented paragraphs: `import::transcript::record`; a deposition's examinations, `BY MR. X:` then `Q.`/`A.`: `import::transcript::deposition`; the European Parliament's `Name, role. – text`: `import::transcript::europarl`), ids from names as each build made them (`import::former`), WebVTT/SRT subtitles and WhatsApp, Zoom and Telegram chats (`import::chat`) (UTF-8 or UTF-16) → conversation files; speakers grouped and named (`--speaker`); transcripts also streamed, for large ones; REFI-QDA projects (`import::refi`, pure: `project.qde` and source texts → conversations and annotations; REFI-QDA codes, shared with `.qdc` codebooks) | `model`, `export` (Markdown escaping, stable GUIDs), `store` (the RON layout, when streaming), `cores` (a large file's sections on two threads) |
//! | [`cores`] | two cores for one job: half of it on a thread that starts at once (a large Markdown file's UTF-8 check and sections); a thread started on the other core as the reader starts (`cores::spawn_ready`) that looks there for posted halves (`cores::ready`: taken, or taken back and done by the poster) and then makes the reader's frame buffers | — |
//! | [`cli`] | command-line arguments (`crosstalk FILE` read without clap, `cli::quick`, held to clap's reading by tests) and the top-level `run` (`cli::reader`: opening the conversation, finding and locking its annotation file, running the reader); `cli::output`, the one way it writes to a terminal (made inert); `cli::report`, what `stats` and `tags` print and the aligned tables; `cli::merge` unites coders' files, `cli::merge_git` is git's merge driver (reading sides an earlier build wrote by the document beside the file) | all |
//!
//! `src/main.rs` only calls [`cli::main`].

// Guards with side effects read worse than the nested `if` this lint wants.
#![allow(clippy::collapsible_match)]

pub mod cli;
pub mod cores;
pub mod export;
pub mod import;
pub mod model;
pub mod store;
pub mod ui;

/// Temporary directories for the unit tests, removed when dropped (the
/// integration tests' helper, shared).
#[cfg(test)]
#[path = "../tests/common/tmp.rs"]
pub(crate) mod test_tmp;
