//! What the reader keeps about linking between keys (the work is in
//! [`super::links`], which needs the whole core; this needs none of it).

use crate::model::annotations::Target;

/// A link being made, and which link `f` takes next.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LinkState {
    /// Where a link being made starts (`L`), until it is ended or `Esc`.
    pub start: Option<Target>,
    /// Which of the links at a passage `f` follows next.
    pub turn: usize,
}
