//! The tag × contributor matrix (`m`): highlights per tag and contributor,
//! and the share of each contributor's words coded, on a heat scale; `Enter`
//! on a cell opens the annotation list filtered to that tag and contributor
//! (over the matrix: `Esc` there comes back to the same cell).

mod view;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode::{Down, Enter, Esc, Left, Right, Up};
use ratatui::layout::Rect;

use crate::model::stats::Matrix;
use crate::ui::core::action::Action;
use crate::ui::core::effect::{Effect, Open};
use crate::ui::core::keys::{Binding, Context, bind, ch, key};
use crate::ui::core::room::Room;
use crate::ui::core::{Core, Mode};

pub const KEYS: &[Binding] = &[
    bind(Context::Matrix, &[ch('j'), key(Down)], Action::Down, "next tag"),
    bind(Context::Matrix, &[ch('k'), key(Up)], Action::Up, "previous tag"),
    bind(Context::Matrix, &[ch('l'), key(Right)], Action::Right, "next contributor"),
    bind(Context::Matrix, &[ch('h'), key(Left)], Action::Left, "previous contributor"),
    bind(Context::Matrix, &[key(Enter)], Action::Accept, "list the highlights in this cell"),
    bind(Context::Matrix, &[key(Esc), ch('m')], Action::Escape, "close"),
];

/// The matrix at annotation revision `revision`, and the cell under the
/// cursor. Row `tags.len()` is "all highlights".
#[derive(Clone, Debug)]
pub struct MatrixView {
    pub matrix: Matrix,
    pub row: usize,
    pub col: usize,
    pub revision: u64,
}

impl MatrixView {
    pub fn new(core: &Core, row: usize, col: usize) -> Self {
        let mut view =
            Self { matrix: Matrix::of(&core.doc, &core.annotations), row, col, revision: 0 };
        view.revision = core.annotations.revision();
        view.clamp();
        view
    }

    /// Recomputes the counts after a change, keeping the cursor's cell:
    /// its tag found again by name (the same row if the tag is gone).
    pub fn rebuild(&mut self, core: &Core) {
        let tag = self.matrix.tags.get(self.row).cloned();
        let all = self.row >= self.matrix.tags.len();
        *self = Self::new(core, self.row, self.col);
        if all {
            self.row = self.matrix.tags.len();
        } else if let Some(i) = tag.and_then(|t| self.matrix.tags.iter().position(|n| *n == t)) {
            self.row = i;
        }
    }

    fn clamp(&mut self) {
        self.row = self.row.min(self.matrix.tags.len());
        self.col = self.col.min(self.matrix.total_words.len().saturating_sub(1));
    }
}

impl Room for MatrixView {
    fn mode(&self) -> Mode {
        Mode::Matrix
    }
    fn context(&self) -> Context {
        Context::Matrix
    }
    fn hints(&self) -> &'static [(&'static str, &'static str)] {
        &[("hjkl", "move"), ("Enter", "list"), ("Esc", "close")]
    }

    fn update(&mut self, _core: &mut Core, action: Action) -> Effect {
        let m = self;
        let (rows, cols) = (m.matrix.tags.len() + 1, m.matrix.total_words.len());
        match action {
            Action::Escape => return Effect::Close,
            Action::Down => m.row = (m.row + 1).min(rows - 1),
            Action::Up => m.row = m.row.saturating_sub(1),
            Action::Right => m.col = (m.col + 1).min(cols.saturating_sub(1)),
            Action::Left => m.col = m.col.saturating_sub(1),
            Action::Accept => {
                let tag = m.matrix.tags.get(m.row).cloned();
                return Effect::Open(Open::List { tag, voice: Some(m.col) });
            }
            _ => {}
        }
        Effect::None
    }

    fn view(&self, core: &Core, area: Rect, buf: &mut Buffer) {
        view::draw(self, core, area, buf);
    }

    fn sync(&mut self, core: &Core) {
        if self.revision != core.annotations.revision() {
            self.rebuild(core);
        }
    }

    fn check(&self, core: &Core) -> Result<(), String> {
        if self.revision != core.annotations.revision() {
            return Err("matrix is stale".into());
        }
        if Matrix::of(&core.doc, &core.annotations) != self.matrix {
            return Err("matrix counts differ from the annotations".into());
        }
        if self.row > self.matrix.tags.len() || self.col >= core.doc.voices().len() {
            return Err("matrix cursor is outside the grid".into());
        }
        Ok(())
    }
}

/// The heat of a share relative to the largest in the matrix, 0–1.
pub fn heat(share: f64, max: f64) -> f64 {
    if max <= 0.0 { 0.0 } else { (share / max).clamp(0.0, 1.0) }
}

/// A bar glyph for a heat, readable without colour: `·` for none, then ▁–█.
pub fn bar(heat: f64, highlights: usize) -> char {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    if highlights == 0 {
        return '·';
    }
    BARS[((heat * 7.0).round() as usize).min(7)]
}
