//! The reader's screen cut into its parts by arithmetic rather than by
//! ratatui's `Layout`, whose constraint solver took 0.27 ms for the first
//! frame's four layouts (of about 2 ms from reading the file to the frame).
//! Each function gives what `Layout` gives for the same constraints (the
//! property tests below hold them to it), and leaves to `Layout` the cases
//! where the constraints cannot all be met, or the area reaches past the
//! last row or column a `Rect` can name (`Rect::new` never makes one).

use ratatui::layout::{Constraint, Layout, Rect};

/// `Layout::vertical([Length(top), Fill(1), Length(banner), Length(bottom)])`:
/// rows at the top, the body, a banner and rows at the bottom.
pub fn stacked(area: Rect, top: u16, banner: u16, bottom: u16) -> [Rect; 4] {
    let fixed = u32::from(top) + u32::from(banner) + u32::from(bottom);
    if u32::from(area.height) < fixed || !fits(area) {
        return Layout::vertical([
            Constraint::Length(top),
            Constraint::Fill(1),
            Constraint::Length(banner),
            Constraint::Length(bottom),
        ])
        .areas(area);
    }
    let row = |y: u16, height: u16| Rect { y, height, ..area };
    let body = area.height - top - banner - bottom;
    [
        row(area.y, top),
        row(area.y + top, body),
        row(area.y + top + body, banner),
        row(area.y + top + body + banner, bottom),
    ]
}

/// `Layout::horizontal(vec![Length(width); count])`: `count` columns
/// `width` wide from the left (any columns to spare stay at the right).
pub fn side_by_side(area: Rect, width: u16, count: usize) -> Vec<Rect> {
    if usize::from(width) * count > usize::from(area.width) || !fits(area) {
        return Layout::horizontal(vec![Constraint::Length(width); count]).split(area).to_vec();
    }
    // `i * width` is at most `area.width`, and `area.x + area.width` fits.
    let x = |i: usize| area.x + (i * usize::from(width)) as u16;
    (0..count).map(|i| Rect { x: x(i), width, ..area }).collect()
}

/// `Layout::vertical([Length(1); 2])`: the first two rows, as far as
/// `area` has them.
pub fn two_rows(area: Rect) -> [Rect; 2] {
    if !fits(area) {
        return Layout::vertical([Constraint::Length(1); 2]).areas(area);
    }
    let first = area.height.min(1);
    let second = area.height.saturating_sub(1).min(1);
    [Rect { height: first, ..area }, Rect { y: area.y + first, height: second, ..area }]
}

/// Whether every row and column of `area` has a coordinate.
fn fits(area: Rect) -> bool {
    area.x.checked_add(area.width).is_some() && area.y.checked_add(area.height).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Small areas mostly, and some reaching to the last row and column.
    fn area() -> impl Strategy<Value = Rect> {
        let at = || prop_oneof![0u16..300, (u16::MAX - 500)..=u16::MAX];
        (at(), at(), 0u16..400, 0u16..200).prop_map(|(x, y, width, height)| Rect {
            x,
            y,
            width,
            height,
        })
    }

    proptest! {
        #[test]
        fn stacked_is_what_layout_gives(area in area(), top in 0u16..5, banner in 0u16..40, bottom in 0u16..5) {
            let layout: [Rect; 4] = Layout::vertical([
                Constraint::Length(top),
                Constraint::Fill(1),
                Constraint::Length(banner),
                Constraint::Length(bottom),
            ])
            .areas(area);
            prop_assert_eq!(stacked(area, top, banner, bottom), layout);
        }

        #[test]
        fn side_by_side_is_what_layout_gives(area in area(), width in 0u16..120, count in 1usize..12) {
            let layout = Layout::horizontal(vec![Constraint::Length(width); count]).split(area);
            prop_assert_eq!(side_by_side(area, width, count), layout.to_vec());
        }

        #[test]
        fn two_rows_are_what_layout_gives(area in area()) {
            let layout: [Rect; 2] = Layout::vertical([Constraint::Length(1); 2]).areas(area);
            prop_assert_eq!(two_rows(area), layout);
        }
    }

    #[test]
    fn the_readers_screen_of_200_by_60() {
        let area = Rect::new(0, 0, 200, 60);
        let [header, body, banner, status] = stacked(area, 2, 3, 2);
        assert_eq!((header.height, body.y, body.height, banner.y, status.y), (2, 2, 53, 55, 58));
        let panes = side_by_side(body, 40, 5);
        assert_eq!(panes.iter().map(|r| r.x).collect::<Vec<_>>(), [0, 40, 80, 120, 160]);
        assert_eq!(two_rows(status), [Rect::new(0, 58, 200, 1), Rect::new(0, 59, 200, 1)]);
    }
}
