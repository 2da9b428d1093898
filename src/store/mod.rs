//! Files on disk: reading and writing conversations.
//!
//! Every error names the file, and for syntax errors the line:column, so a
//! user can go straight to the problem.

mod conversation;

pub use conversation::{
    BUNDLED_NAME, LoadError, bundled, bundled_source, load_conversation, parse_conversation, to_ron,
};
