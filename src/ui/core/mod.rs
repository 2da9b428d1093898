//! The core every mode stands on, importing none of them: the
//! conversation, its annotations with their history, the panes and the
//! screen layout ([`Core`]); the vocabulary modes speak ([`action`],
//! [`effect`], [`keys`]); and the shared pieces (text wrapping, rows,
//! motions, the selection, search matches, theme, input editing, popups,
//! annotating edits, taking in changes from disk).
//!
//! [`Core::screen`] splits the terminal into header, panes and status bar.
//! Both updates and views use the same layout, so a click lands on what
//! was drawn.

pub mod action;
pub mod disk;
pub mod edit;
pub mod effect;
pub mod input;
pub mod keys;
pub mod line;
pub mod matches;
pub mod mouse;
pub mod pane;
pub mod panel;
pub mod pointer;
pub mod room;
pub mod rows;
pub mod search;
pub mod select;
pub mod tags;
pub mod text;
pub mod theme;

use std::path::PathBuf;
use std::sync::Arc;

use jiff::Timestamp;
use ratatui::layout::{Constraint, Layout, Rect};

use crate::model::Conversation;
use crate::model::annotations::{AnnotationFile, Annotations};

use pane::{PaneState, Viewport};
use select::Selection;
use theme::Theme;

/// The narrowest a pane gets, borders included: at 80 columns two fit, at
/// 200 all five of the bundled debate.
pub const MIN_PANE_WIDTH: u16 = 38;
/// Below this the reader shows a "terminal too small" notice instead.
pub const MIN_WIDTH: u16 = 30;
pub const MIN_HEIGHT: u16 = 9;
const HEADER_HEIGHT: u16 = 2;
/// The info line (highlight under the cursor, messages) and the status bar.
const STATUS_HEIGHT: u16 = 2;

/// What the keys currently act on, as the status bar names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Read,
    Select,
    Help,
    Tag,
    Note,
    Prompt,
    Confirm,
    Tags,
    Orphans,
    Export,
    Search,
    Kwic,
    AutoCode,
    List,
    Matrix,
    Compare,
    Choose,
}

impl Mode {
    pub fn label(self) -> &'static str {
        match self {
            Mode::Read => "READ",
            Mode::Select => "SELECT",
            Mode::Help => "HELP",
            Mode::Tag => "TAG",
            Mode::Note => "NOTE",
            Mode::Prompt => "EDIT",
            Mode::Confirm => "CONFIRM",
            Mode::Tags => "TAGS",
            Mode::Orphans => "ORPHANS",
            Mode::Export => "EXPORT",
            Mode::Search => "SEARCH",
            Mode::Kwic => "KWIC",
            Mode::AutoCode => "AUTO-CODE",
            Mode::List => "LIST",
            Mode::Matrix => "MATRIX",
            Mode::Compare => "COMPARE",
            Mode::Choose => "CHOOSE",
        }
    }
}

/// Where the annotations are kept and how saving goes.
#[derive(Clone, Debug, Default)]
pub struct Saving {
    /// The annotation file.
    pub path: PathBuf,
    /// How the status bar names it (`~` for the home directory).
    pub label: String,
    /// Why nothing may be changed (file unreadable, newer, or locked by
    /// another crosstalk); `None` when editing is allowed.
    pub read_only: Option<String>,
    /// The last revision known to be on disk.
    pub saved_revision: u64,
    /// The last save error, until a save succeeds.
    pub error: Option<String>,
    /// The last change on disk taken in (the saver writes nothing before).
    pub disk_seen: u64,
    /// The file on disk cannot be read (`true`: a newer format): saving waits.
    pub unreadable: Option<bool>,
    /// The user chose their version over the file on disk: the next save
    /// keeps that file aside first.
    pub keep_mine: bool,
}

/// Everything the modes share.
#[derive(Clone, Debug)]
pub struct Core {
    pub doc: Arc<Conversation>,
    /// Where the conversation came from, for the status bar.
    pub doc_label: String,
    /// One per voice (contributor), same order.
    pub panes: Vec<PaneState>,
    pub focus: usize,
    /// The leftmost voice on screen.
    pub first_visible: usize,
    pub selection: Option<Selection>,
    pub annotations: Annotations,
    pub saving: Saving,
    /// The search made last (its matches stay marked until `Esc`).
    pub search: Option<matches::Search>,
    /// Queries searched for this session, oldest first.
    pub search_history: Vec<String>,
    /// Every paragraph case-folded for searching, built on the first `/`.
    pub search_index: Option<Arc<crate::model::search::Index>>,
    /// A one-off message for the info line, cleared by the next key.
    pub message: Option<String>,
    /// Who codes: recorded on new highlights.
    pub coder: String,
    /// The time stamped on changes; the event loop sets it before each update.
    pub now: Timestamp,
    /// `$HOME`, read once when the reader starts: export paths expand `~`,
    /// `$HOME` and `${HOME}` to it.
    pub home: Option<String>,
    /// A drag in progress, and the last press (double and triple clicks).
    pub mouse: pointer::Mouse,
    /// Terminal size in cells (columns, rows).
    pub size: (u16, u16),
    pub theme: Theme,
}

/// Where everything goes on screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Screen {
    pub header: Rect,
    /// (voice index, pane rectangle including borders), left to right.
    pub panes: Vec<(usize, Rect)>,
    /// The read-only banner's rows (none when the file can be written).
    pub banner: Rect,
    pub status: Rect,
}

impl Core {
    /// A reader on `doc` with a fresh, unsaved annotation set.
    pub fn new(doc: Conversation, doc_label: String, size: (u16, u16), theme: Theme) -> Self {
        let panes = vec![PaneState::default(); doc.voices().len()];
        let annotations = AnnotationFile::empty(&doc);
        let saving = Saving { saved_revision: annotations.revision(), ..Saving::default() };
        Self {
            doc: Arc::new(doc),
            doc_label,
            panes,
            focus: 0,
            first_visible: 0,
            selection: None,
            annotations,
            search: None,
            search_history: Vec::new(),
            search_index: None,
            saving,
            message: None,
            coder: "anonymous".into(),
            now: Timestamp::UNIX_EPOCH,
            home: std::env::var("HOME").ok().filter(|h| !h.is_empty()),
            mouse: pointer::Mouse::default(),
            size,
            theme,
        }
    }

    /// Whether changes are waiting to reach the disk.
    pub fn unsaved(&self) -> bool {
        self.saving.read_only.is_none() && self.annotations.revision() != self.saving.saved_revision
    }

    /// How many panes fit side by side at the current width.
    pub fn visible_count(&self) -> usize {
        usize::from(self.size.0 / MIN_PANE_WIDTH).clamp(1, self.panes.len().max(1))
    }

    /// Whether the terminal is too small to read in.
    pub fn too_small(&self) -> bool {
        self.size.0 < MIN_WIDTH || self.size.1 < MIN_HEIGHT
    }

    /// The read-only banner, wrapped to the screen's width (no rows when the
    /// annotation file can be written): the layout gives it its rows.
    pub fn banner_lines(&self) -> Vec<String> {
        let Some(why) = &self.saving.read_only else { return Vec::new() };
        let text = format!("READ-ONLY: {}", crate::model::sanitize::sanitize(why));
        text::wrap(&text, self.size.0.saturating_sub(2))
            .iter()
            .map(|l| format!(" {}", &text[l.start as usize..l.end as usize]))
            .collect()
    }

    /// The layout of the whole screen, or `None` if the terminal is too small.
    pub fn screen(&self) -> Option<Screen> {
        if self.too_small() {
            return None;
        }
        let area = Rect::new(0, 0, self.size.0, self.size.1);
        // The banner wraps; the panes give up the rows it takes (keeping
        // three rows of their own).
        let banner = self.banner_lines().len() as u16;
        let banner = banner.min(self.size.1.saturating_sub(HEADER_HEIGHT + STATUS_HEIGHT + 3));
        let [header, body, banner, status] = Layout::vertical([
            Constraint::Length(HEADER_HEIGHT),
            Constraint::Fill(1),
            Constraint::Length(banner),
            Constraint::Length(STATUS_HEIGHT),
        ])
        .areas(area);
        let count = self.visible_count();
        // Equal widths, so a pane wraps the same wherever it sits in the strip
        // (any spare columns stay blank at the right).
        let width = body.width / count as u16;
        let rects = Layout::horizontal(vec![Constraint::Length(width); count]).split(body);
        let panes = rects.iter().enumerate().map(|(i, r)| (self.first_visible + i, *r)).collect();
        Some(Screen { header, panes, banner, status })
    }

    /// The text area of a pane: inside the border, one column of padding each side.
    pub fn text_area(pane: Rect) -> Rect {
        Rect {
            x: pane.x.saturating_add(2),
            y: pane.y.saturating_add(1),
            width: pane.width.saturating_sub(4),
            height: pane.height.saturating_sub(2),
        }
    }

    /// The size of every pane's text area. All panes are the same size; when
    /// the terminal is too small, motions use the smallest readable size so the
    /// cursor is still in view after the terminal grows.
    pub fn viewport(&self) -> Viewport {
        let (width, height) = match self.screen().and_then(|s| s.panes.first().copied()) {
            Some((_, r)) => (Self::text_area(r).width, Self::text_area(r).height),
            None => (MIN_PANE_WIDTH - 4, MIN_HEIGHT - HEADER_HEIGHT - STATUS_HEIGHT - 2),
        };
        Viewport { width: width.max(1), height: height.max(1) }
    }

    /// Focuses `voice` and puts its cursor on the sentence at `at`,
    /// scrolled into view: where search, the list, compare and `]`/`[` go.
    pub fn go_to(&mut self, voice: usize, at: crate::model::Pos) {
        self.focus = voice;
        self.reveal_focus();
        let v = &self.doc.voices()[voice];
        let para = (at.para as usize).min(v.paragraphs.len() - 1);
        let p = self.doc.paragraph(v.paragraphs[para]);
        let view = self.viewport();
        let pane = &mut self.panes[voice];
        pane.cursor = pane::Cursor { para, sentence: p.sentence_at(at.byte as usize) };
        pane.word = None;
        pane.ensure_visible(&mut pane::rows(&self.doc, v, view.width), view.height);
    }

    /// Keeps the focused pane inside the strip of visible panes.
    pub fn reveal_focus(&mut self) {
        let count = self.visible_count();
        let n = self.panes.len();
        if self.focus < self.first_visible {
            self.first_visible = self.focus;
        } else if self.focus >= self.first_visible + count {
            self.first_visible = self.focus + 1 - count;
        }
        self.first_visible = self.first_visible.min(n.saturating_sub(count));
    }

    /// Focuses voice `index`, scrolling the strip of panes to show it.
    pub fn focus_on(&mut self, index: usize) {
        self.focus = index;
        self.reveal_focus();
    }

    /// A new terminal size: keep the focused pane on screen, and every
    /// pane's cursor sentence in view at the new width.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.size = (width, height);
        self.reveal_focus();
        let view = self.viewport();
        for (voice, pane) in self.doc.voices().iter().zip(self.panes.iter_mut()) {
            pane.ensure_visible(&mut pane::rows(&self.doc, voice, view.width), view.height);
        }
    }

    /// The voice whose pane is drawn at screen cell (`column`, `row`).
    pub fn pane_at(&self, column: u16, row: u16) -> Option<usize> {
        let screen = self.screen()?;
        let at = ratatui::layout::Position::new(column, row);
        screen.panes.iter().find(|(_, r)| r.contains(at)).map(|(v, _)| *v)
    }

    /// The wheel scrolls the pane under the pointer.
    pub fn scroll_at(&mut self, column: u16, row: u16, lines: i16) {
        if let Some(voice) = self.pane_at(column, row) {
            let view = self.viewport();
            let pane = &mut self.panes[voice];
            pane.scroll(
                &mut pane::rows(&self.doc, &self.doc.voices()[voice], view.width),
                view.height,
                isize::from(lines),
            );
        }
    }

    /// A click focuses the pane under the pointer and, on text, moves its
    /// cursor to the sentence clicked.
    pub fn click_at(&mut self, column: u16, row: u16) {
        let Some(voice) = self.pane_at(column, row) else { return };
        self.focus_on(voice);
        let Some(screen) = self.screen() else { return };
        let Some((_, rect)) = screen.panes.iter().find(|(v, _)| *v == voice) else { return };
        let text = Self::text_area(*rect);
        if !text.contains(ratatui::layout::Position::new(column, row)) {
            return;
        }
        let view = self.viewport();
        let pane = &mut self.panes[voice];
        let mut rows = pane::rows(&self.doc, &self.doc.voices()[voice], view.width);
        pane.cursor = pane.hit(&mut rows, row - text.y, column - text.x);
        pane.word = None;
        pane.ensure_visible(&mut rows, view.height);
    }
}
