//! [`App`]: the [core](super::core) and the stack of modes over the reader.
//! It derefs to the core, so `app.annotations`, `app.focus` and the layout
//! read as they always have.

use std::ops::{Deref, DerefMut};

use crate::model::Conversation;

use super::core::Core;
use super::core::keys::Context;
use super::core::theme::Theme;
use super::modes::reader;
use super::overlay::{ListState, Overlay};

pub use super::core::{MIN_HEIGHT, MIN_PANE_WIDTH, MIN_WIDTH, Mode, Saving, Screen};

/// The whole reader: the core, and the modes open over it (the last on top).
#[derive(Clone, Debug)]
pub struct App {
    pub core: Core,
    pub stack: Vec<Overlay>,
}

impl App {
    /// A reader on `doc` with a fresh, unsaved annotation set.
    pub fn new(doc: Conversation, doc_label: String, size: (u16, u16), theme: Theme) -> Self {
        Self { core: Core::new(doc, doc_label, size, theme), stack: Vec::new() }
    }

    /// [`Self::new`] starting with `annotations` (see [`Core::with_annotations`]).
    pub fn with_annotations(
        doc: Conversation,
        doc_label: String,
        size: (u16, u16),
        theme: Theme,
        annotations: crate::model::annotations::Annotations,
    ) -> Self {
        let core = Core::with_annotations(doc, doc_label, size, theme, annotations);
        Self { core, stack: Vec::new() }
    }

    /// The mode on top, if any is open over the reader.
    pub fn top(&self) -> Option<&Overlay> {
        self.stack.last()
    }

    /// What the keys act on now, as the status bar names it.
    pub fn mode(&self) -> Mode {
        self.top().map_or_else(|| reader::mode(&self.core), |o| o.room().mode())
    }

    /// Which part of the key table applies now.
    pub fn context(&self) -> Context {
        self.top().map_or(Context::Reader, |o| o.room().context())
    }

    /// The annotation list, if it is open (on top or under what it opened).
    pub fn list(&self) -> Option<&ListState> {
        self.stack.iter().rev().find_map(|o| match o {
            Overlay::List(l) => Some(l),
            _ => None,
        })
    }

    /// The text area of a pane (or the turn view): inside the border, one
    /// column of padding each side, after the margins.
    pub fn text_area(&self, pane: ratatui::layout::Rect) -> ratatui::layout::Rect {
        self.core.text_area(pane)
    }

    /// Whether a yes/no question is on top.
    pub fn asking(&self) -> bool {
        matches!(self.top(), Some(Overlay::Confirm(_)))
    }
}

impl Deref for App {
    type Target = Core;
    fn deref(&self) -> &Core {
        &self.core
    }
}

impl DerefMut for App {
    fn deref_mut(&mut self) -> &mut Core {
        &mut self.core
    }
}
