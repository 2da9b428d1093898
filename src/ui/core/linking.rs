//! What the reader keeps about linking between keys (the work is in
//! [`super::links`], which needs the whole core; this needs none of it).

use crate::model::annotations::Target;

/// A link being made, and which link `f` takes next.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LinkState {
    /// Where a link being made starts (`L`), until it is ended or `Esc`.
    pub start: Option<Target>,
    /// Which of the links at the cursor's passage is shown (info line,
    /// connector, the other end in view).
    pub turn: usize,
    /// Where following links has got to: `f` there and back, then the next.
    pub trail: Option<Trail>,
}

/// Links being followed from one passage (`origin`, a highlight id): the
/// link last taken, and the passage it led to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Trail {
    pub origin: String,
    pub link: String,
    pub at: String,
}
