//! Files on disk: reading and writing conversations.
//!
//! Every error names the file, and for syntax errors the line:column, so a
//! user can go straight to the problem.

mod annotations;
mod conversation;
pub mod saver;

pub use annotations::{
    AnnotationError, Lock, annotations_to_ron, backup_path, data_dir, default_path,
    load_annotations, lock, lock_path, parse_annotations, save, write_atomic,
};

pub use conversation::{
    BUNDLED_NAME, LoadError, bundled, bundled_source, import_file, load_conversation,
    load_document, parse_conversation, to_ron,
};
