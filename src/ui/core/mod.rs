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
pub mod against;
pub mod areas;
pub mod disagree;
pub mod disk;
pub mod edit;
pub mod effect;
pub mod field;
pub mod input;
pub mod keys;
pub mod line;
pub mod linking;
pub mod links;
pub mod margin;
pub mod matches;
pub mod mode;
pub mod mouse;
pub mod pane;
pub mod panel;
mod place;
pub mod pointer;
pub mod room;
pub mod rows;
mod saving;
pub mod search;
pub mod select;
pub mod tags;
pub mod text;
pub mod theme;
pub mod turns;

use std::sync::Arc;

use jiff::Timestamp;
use ratatui::layout::Rect;

use crate::model::Conversation;
use crate::model::annotations::{AnnotationFile, Annotations};

pub use mode::Mode;
use pane::{PaneState, Viewport};
pub use saving::Saving;
use select::Selection;
use theme::Theme;

/// The narrowest a pane gets, borders included: at 80 columns two fit, at
/// 200 all five of the bundled debate.
pub const MIN_PANE_WIDTH: u16 = 38;
/// Below this the reader shows a "terminal too small" notice instead.
pub const MIN_WIDTH: u16 = 30;
pub const MIN_HEIGHT: u16 = 9;
const HEADER_HEIGHT: u16 = 2;
/// The widest the turn view's text gets, in columns.
const TURN_MEASURE: u16 = 96;
/// The info line (highlight under the cursor, messages) and the status bar.
const STATUS_HEIGHT: u16 = 2;

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
    /// A resize moved the strip of panes to keep the focused one on screen:
    /// the leftmost voice before, and the one the resize gave (see
    /// [`Core::resize`]).
    pub resized_strip: Option<(usize, usize)>,
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
    /// `$HOME`, read at start: export paths expand `~`, `$HOME`, `${HOME}`.
    pub home: Option<String>,
    /// A drag in progress, and the last press (double and triple clicks).
    pub mouse: pointer::Mouse,
    /// Terminal size in cells (columns, rows).
    pub size: (u16, u16),
    pub theme: Theme,
    /// The turn-order view, when it is shown instead of the panes (`i`).
    pub turns: Option<pane::Turns>,
    /// The column of paragraph times at a pane's left (0: no times).
    pub time_w: u16,
    /// The margin of speaker labels in the turn view.
    pub label_w: u16,
    /// A link being made, and which link `f` takes next.
    pub link: linking::LinkState,
    /// Another coder's annotations, read-only (`--against`).
    pub against: Option<Arc<against::Against>>,
    /// Stepping through disagreements with them (`>` / `<`).
    pub stepping: against::Stepping,
}

/// Where everything goes on screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Screen {
    pub header: Rect,
    /// (voice index, pane rectangle including borders), left to right;
    /// none in the turn view.
    pub panes: Vec<(usize, Rect)>,
    /// The turn view's rectangle (borders included), when it is shown.
    pub turns: Option<Rect>,
    /// The read-only banner's rows (none when the file can be written).
    pub banner: Rect,
    pub status: Rect,
}

impl Core {
    /// A reader on `doc` with a fresh, unsaved annotation set.
    pub fn new(doc: Conversation, doc_label: String, size: (u16, u16), theme: Theme) -> Self {
        let annotations = AnnotationFile::empty(&doc);
        Self::with_annotations(doc, doc_label, size, theme, annotations)
    }

    /// A reader on `doc` starting with `annotations` (the command line's
    /// placeholder, replaced by the file it loads: hashing a large text twice
    /// before the first frame is what [`Self::new`] would cost).
    pub fn with_annotations(
        doc: Conversation,
        doc_label: String,
        size: (u16, u16),
        theme: Theme,
        annotations: Annotations,
    ) -> Self {
        let panes = vec![PaneState::default(); doc.voices().len()];
        let saving = Saving { saved_revision: annotations.revision(), ..Saving::default() };
        let time_w = margin::time_width(&doc);
        let label_w = margin::label_width(&doc, time_w);
        Self {
            doc: Arc::new(doc),
            doc_label,
            panes,
            focus: 0,
            first_visible: 0,
            resized_strip: None,
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
            turns: None,
            time_w,
            label_w,
            link: linking::LinkState::default(),
            against: None,
            stepping: against::Stepping::default(),
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
        self.screen_for(self.turns_on())
    }

    /// The layout with the panes side by side, whichever view the reader
    /// shows: compare lines voices up so even over the turn view.
    pub fn side_by_side(&self) -> Option<Screen> {
        self.screen_for(false)
    }

    /// The layout with the turn view (`turns`) or the panes side by side.
    fn screen_for(&self, turns: bool) -> Option<Screen> {
        if self.too_small() {
            return None;
        }
        let area = Rect::new(0, 0, self.size.0, self.size.1);
        // The banner wraps; the panes give up the rows it takes (keeping
        // three rows of their own).
        let banner = self.banner_lines().len() as u16;
        let banner = banner.min(self.size.1.saturating_sub(HEADER_HEIGHT + STATUS_HEIGHT + 3));
        let [header, body, banner, status] =
            areas::stacked(area, HEADER_HEIGHT, banner, STATUS_HEIGHT);
        if turns {
            // One column of text reads best at a moderate measure.
            let width = body.width.min(TURN_MEASURE + 4 + self.time_w + self.label_w);
            let column = Rect { x: body.x + (body.width - width) / 2, width, ..body };
            return Some(Screen { header, panes: Vec::new(), turns: Some(column), banner, status });
        }
        let count = self.visible_count();
        // Equal widths, so a pane wraps the same wherever it sits in the strip
        // (any spare columns stay blank at the right).
        let width = body.width / count as u16;
        let rects = areas::side_by_side(body, width, count);
        let panes =
            rects.into_iter().enumerate().map(|(i, r)| (self.first_visible + i, r)).collect();
        Some(Screen { header, panes, turns: None, banner, status })
    }

    /// The text area of a pane: inside the border, one column of padding
    /// each side, after the column of times (and in the turn view, the
    /// margin of speaker labels).
    pub fn text_area(&self, pane: Rect) -> Rect {
        let margin = self.time_w + if self.turns_on() { self.label_w } else { 0 };
        Self::text_area_with(pane, margin)
    }

    /// The text area of a pane with `margin` columns before the text.
    pub fn text_area_with(pane: Rect, margin: u16) -> Rect {
        let inner = pane.width.saturating_sub(4);
        // The margin gives way before the text does.
        let margin = margin.min(inner.saturating_sub(12));
        Rect {
            x: pane.x.saturating_add(2 + margin),
            y: pane.y.saturating_add(1),
            width: inner - margin,
            height: pane.height.saturating_sub(2),
        }
    }

    /// The size of every pane's text area. All panes are the same size; when
    /// the terminal is too small, motions use the smallest readable size so the
    /// cursor is still in view after the terminal grows.
    pub fn viewport(&self) -> Viewport {
        // The panes' size, whichever view is shown, so they keep their place.
        let area = |r: Rect| Self::text_area_with(r, self.time_w);
        let (width, height) = match self.screen_for(false).and_then(|s| s.panes.first().copied()) {
            Some((_, r)) => (area(r).width, area(r).height),
            None => (MIN_PANE_WIDTH - 4, MIN_HEIGHT - HEADER_HEIGHT - STATUS_HEIGHT - 2),
        };
        Viewport { width: width.max(1), height: height.max(1) }
    }

    /// Focuses `voice` and puts its cursor on the sentence at `at`,
    /// scrolled into view: where search, the list, compare and `]`/`[` go.
    pub fn go_to(&mut self, voice: usize, at: crate::model::Pos) {
        self.focus_on(voice);
        let v = &self.doc.voices()[voice];
        let para = (at.para as usize).min(v.paragraphs.len() - 1);
        let p = self.doc.paragraph(v.paragraphs.at(para));
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

    /// Focuses voice `index`, scrolling the strip of panes to show it. A
    /// selection in another voice is let go: `t`, the digits and `e` act on
    /// the focused voice, and a selection left drawn elsewhere would show
    /// one passage while they coded another.
    pub fn focus_on(&mut self, index: usize) {
        self.focus = index;
        if self.selection.is_some_and(|s| s.voice != index) {
            self.selection = None;
        }
        self.reveal_focus();
    }

    /// A new terminal size: keep the focused pane on screen, and every
    /// pane's cursor sentence in view at the new width.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.size = (width, height);
        // The panes shown before a resize moved the strip, if nothing moved
        // it since: grown back, the same voices are on screen.
        let wanted = match self.resized_strip {
            Some((wanted, given)) if given == self.first_visible => wanted,
            _ => self.first_visible,
        };
        self.first_visible = wanted;
        self.reveal_focus();
        self.resized_strip = (self.first_visible != wanted).then_some((wanted, self.first_visible));
        let view = self.viewport();
        for (voice, pane) in self.doc.voices().iter().zip(self.panes.iter_mut()) {
            pane.refit(&mut pane::rows(&self.doc, voice, view.width), view.height);
        }
        if let Some(mut t) = self.turns {
            let view = self.turn_viewport();
            t.pane.refit(
                &mut rows::Rows::new(&self.doc, self.doc.timeline(), view.width),
                view.height,
            );
            self.turns = Some(t);
        }
    }

    /// The voice whose pane is drawn at screen cell (`column`, `row`) (in
    /// the turn view: whose turn).
    pub fn pane_at(&self, column: u16, row: u16) -> Option<usize> {
        let screen = self.screen()?;
        let at = ratatui::layout::Position::new(column, row);
        if let Some(r) = screen.turns {
            return r.contains(at).then(|| self.turn_pos_at(column, row).map(|(v, ..)| v))?;
        }
        screen.panes.iter().find(|(_, r)| r.contains(at)).map(|(v, _)| *v)
    }

    /// The wheel scrolls the pane under the pointer.
    pub fn scroll_at(&mut self, column: u16, row: u16, lines: i16) {
        if self.turns_on() {
            return self.turn_scroll(isize::from(lines));
        }
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
        if self.turns_on() {
            return self.turn_click(column, row);
        }
        let Some(voice) = self.pane_at(column, row) else { return };
        self.focus_on(voice);
        let Some(screen) = self.screen() else { return };
        let Some((_, rect)) = screen.panes.iter().find(|(v, _)| *v == voice) else { return };
        let text = self.text_area(*rect);
        if !text.contains(ratatui::layout::Position::new(column, row)) {
            return;
        }
        let view = self.viewport();
        let pane = &mut self.panes[voice];
        let mut rows = pane::rows(&self.doc, &self.doc.voices()[voice], view.width);
        // The view stays where it is: what was clicked is on screen, and
        // moving it (to show a sentence's start above the top) would put
        // other text under the pointer for the second click of a double
        // click, or the drag that follows.
        pane.cursor = pane.hit(&mut rows, row - text.y, column - text.x);
        pane.word = None;
    }
}
