//! Files on disk: reading and writing conversations and annotation files.
//!
//! - `annotations`: loading, and saving with a `.bak` backup;
//! - `disk`: the crash-safe writer (through symlinks, mode and owner kept),
//!   the read-only check, and removing what killed saves left behind;
//! - `quickron`: a fast reader for the RON crosstalk writes (the rest goes
//!   to `ron`);
//! - [`mapped`]: a large file mapped under a read lease until the first
//!   frame is drawn, then copied (opening 12.8 MB without reading it);
//! - `lock`: `<file>.lock`, with pid, start time and host;
//! - `ondisk`: noticing that the file changed behind our back;
//! - [`saver`]: the saving thread, which never writes over such a change;
//! - [`places`]: where the reader left each conversation, to go back to.
//!
//! Every error names the file, and for syntax errors the line:column, so a
//! user can go straight to the problem.

mod annotations;
mod codebook;
mod conversation;
mod disk;
mod import;
mod lock;
pub mod mapped;
mod ondisk;
pub mod places;
mod quickron;
pub mod refi;
mod rescue;
pub mod saver;

pub use annotations::{
    AnnotationError, annotations_to_ron, another_text, backup_path, data_dir, default_path,
    default_path_found, document_beside, documents_beside, file_to_ron, load_annotations,
    load_annotations_seen, one_file, other_conversation, parse_annotation_file, parse_annotations,
    save, save_file, save_snapshot, strip_bom, write_ron,
};
pub use codebook::{BUNDLED_ID, CodebookError, load_codebook, read_codebook, starting_tags};
pub use disk::{
    clean_leftovers, not_writable, read_file, real_path, write_atomic, write_atomic_with,
};
pub use import::{Pass, StreamError, Streamed, Target, import_streaming};
pub use lock::{Lock, LockError, ended, lock, lock_path, started};
pub use ondisk::Fingerprint;
pub use rescue::rescue;

pub(crate) use conversation::ron_layout;
pub use conversation::{
    BUNDLED_NAME, LoadError, bundled, bundled_source, import_file, import_file_named,
    load_conversation, load_document, load_document_named, maps, open_document, parse_conversation,
    to_ron,
};
