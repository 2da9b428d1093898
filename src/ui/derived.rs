//! Derived rows kept in step with the annotations.
//!
//! The list, the matrix, compare, the tag picker, the tag manager and the
//! orphan list all show rows computed from the annotations. Each remembers
//! the [revision](crate::model::annotations::Annotations::revision) it was
//! built from, and [`sync`] — run by the dispatcher after every action,
//! whatever changed the annotations (a key in any mode, undo, a reload) —
//! asks every mode on the stack, not only the one on top, to rebuild what
//! is stale and put its cursor back inside its rows
//! ([`Room::sync`](super::core::room::Room::sync)). So no view can be
//! drawn from, or index, rows of an older state: the list crash (`Ctrl-d`
//! in the list left rows pointing past the end) cannot recur in another
//! view either.

use super::app::App;

/// Brings every open mode's rows up to date with `app.annotations`.
pub fn sync(app: &mut App) {
    for mode in &mut app.stack {
        mode.room_mut().sync(&app.core);
    }
}

/// Whether every open mode's rows were built from the current annotations
/// and its cursor is inside them: what [`sync`] guarantees after each
/// update. Tests check it after every step of random sessions.
pub fn check(app: &App) -> Result<(), String> {
    app.stack.iter().try_for_each(|mode| mode.room().check(&app.core))
}
