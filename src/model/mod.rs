//! The pure core: conversations, segmentation, text spans and sanitising.
//!
//! Nothing in here touches a terminal, a file or the clock; everything is a
//! function of its inputs, so it is tested directly and used by every other
//! module (`store`, `ui`, benches).

pub mod agree;
pub mod annotations;
mod conversation;
pub mod count;
pub mod exchanges;
mod former;
pub mod names;
mod paragraph;
mod paragraphs;
pub mod place;
mod refs;
mod validate;
pub(crate) use validate::is_valid_date;
pub mod sanitize;
pub mod search;
pub mod segment;
mod span;
pub mod stats;
mod texthash;
pub mod voicetext;

#[doc(hidden)]
pub mod testing;

pub use conversation::{
    Contributor, Conversation, ConversationFile, FORMAT_VERSION, ParaRef, Paragraph, Paragraphs,
    Refs, Role, Section, SectionFile, SectionParts, Source, SourceText, ValidationError, Voice,
};
pub use former::FormerIds;
pub use span::Span;
pub use voicetext::{Pos, VoiceText};
