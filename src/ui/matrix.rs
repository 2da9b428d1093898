//! The tag × contributor matrix (`m`): highlights per tag and contributor,
//! and the share of each contributor's words coded, on a heat scale; `Enter`
//! on a cell opens the annotation list filtered to that tag and contributor.

use crate::model::stats::Matrix;

use super::action::Action;
use super::app::App;
use super::list;
use super::overlay::Overlay;

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
    pub fn new(app: &App, row: usize, col: usize) -> Self {
        let mut view =
            Self { matrix: Matrix::of(&app.doc, &app.annotations), row, col, revision: 0 };
        view.revision = app.annotations.revision();
        view.clamp();
        view
    }

    /// Recomputes the counts after a change, keeping the cursor's cell.
    pub fn rebuild(&mut self, app: &App) {
        *self = Self::new(app, self.row, self.col);
    }

    fn clamp(&mut self) {
        self.row = self.row.min(self.matrix.tags.len());
        self.col = self.col.min(self.matrix.total_words.len().saturating_sub(1));
    }
}

/// `m`: compute the matrix (one pass over the highlights) and show it.
pub fn open(app: &mut App) {
    app.overlay = Overlay::Matrix(MatrixView::new(app, 0, app.focus));
}

/// Back from a cell's list: the matrix recomputed, on the same cell (its
/// tag found again by name; the first row if the tag is gone).
pub fn reopen(app: &mut App, cell: list::MatrixCell) {
    let mut view = MatrixView::new(app, 0, cell.col);
    view.row = match &cell.tag {
        None => view.matrix.tags.len(),
        Some(tag) => view.matrix.tags.iter().position(|t| t == tag).unwrap_or(0),
    };
    app.overlay = Overlay::Matrix(view);
}

/// Keys in the matrix.
pub fn keys(app: &mut App, action: Action) {
    let Overlay::Matrix(m) = &mut app.overlay else { return };
    let (rows, cols) = (m.matrix.tags.len() + 1, m.matrix.total_words.len());
    match action {
        Action::Escape => app.overlay = Overlay::None,
        Action::Down => m.row = (m.row + 1).min(rows - 1),
        Action::Up => m.row = m.row.saturating_sub(1),
        Action::Right => m.col = (m.col + 1).min(cols.saturating_sub(1)),
        Action::Left => m.col = m.col.saturating_sub(1),
        Action::Accept => {
            let tag = m.matrix.tags.get(m.row).cloned();
            let col = m.col;
            list::open_from_matrix(app, tag, col);
        }
        _ => {}
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
