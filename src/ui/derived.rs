//! Derived rows kept in step with the annotations.
//!
//! The list, the matrix, compare, the tag picker, the tag manager and the
//! orphan list all show rows computed from the annotations. Each remembers
//! the [revision](crate::model::annotations::Annotations::revision) it was
//! built from, and [`sync`] — run by `update` after every action, whatever
//! changed the annotations (a key in any mode, undo, a reload) — rebuilds
//! any that is stale and puts its cursor back inside its rows. So no view
//! can be drawn from, or index, rows of an older state: the list crash
//! (`Ctrl-d` in the list left rows pointing past the end) cannot recur in
//! another view either.

use super::app::App;
use super::overlay::Overlay;

/// Brings every open view's rows up to date with `app.annotations`.
pub fn sync(app: &mut App) {
    if let Some(list) = &mut app.list
        && list.revision() != app.annotations.revision()
    {
        list.refresh(&app.annotations);
    }
    let mut overlay = std::mem::take(&mut app.overlay);
    sync_overlay(&mut overlay, app);
    app.overlay = overlay;
}

fn sync_overlay(overlay: &mut Overlay, app: &App) {
    let revision = app.annotations.revision();
    match overlay {
        Overlay::Matrix(m) if m.revision != revision => m.rebuild(app),
        Overlay::Compare(c) if c.revision != revision => c.rebuild(app),
        Overlay::Picker(p) if p.revision != revision => p.refilter(&app.annotations),
        Overlay::Tags(m) => m.sync(app.annotations.tags()),
        Overlay::Orphans(o) => {
            o.selected = o.selected.min(app.annotations.orphans().count().saturating_sub(1));
        }
        // A question remembers the view to go back to: keep that one fresh too.
        Overlay::Confirm(c) => sync_overlay(&mut c.back, app),
        _ => {}
    }
}

/// Whether every open view's rows were built from the current annotations
/// and its cursor is inside them: what [`sync`] guarantees after each
/// update. Tests check it after every step of random sessions.
pub fn check(app: &App) -> Result<(), String> {
    let revision = app.annotations.revision();
    let highlights = app.annotations.highlights().len();
    if let Some(list) = &app.list {
        if list.revision() != revision {
            return Err("list rows are stale".into());
        }
        if let Some(bad) = list.rows.iter().find(|&&i| i >= highlights) {
            return Err(format!("list row {bad} is past {highlights} highlights"));
        }
        if !list.rows.is_empty() && list.selected >= list.rows.len() {
            return Err("list selection is past its rows".into());
        }
    }
    check_overlay(&app.overlay, app)
}

fn check_overlay(overlay: &Overlay, app: &App) -> Result<(), String> {
    let revision = app.annotations.revision();
    let highlights = app.annotations.highlights();
    match overlay {
        Overlay::Matrix(m) => {
            if m.revision != revision {
                return Err("matrix is stale".into());
            }
            let fresh = crate::model::stats::Matrix::of(&app.doc, &app.annotations);
            if fresh != m.matrix {
                return Err("matrix counts differ from the annotations".into());
            }
            if m.row > m.matrix.tags.len() || m.col >= app.doc.voices().len() {
                return Err("matrix cursor is outside the grid".into());
            }
        }
        Overlay::Compare(c) => {
            if c.revision != revision {
                return Err("compare passages are stale".into());
            }
            for (voice, passages) in c.passages.iter().enumerate() {
                for &i in passages {
                    let Some(h) = highlights.get(i) else {
                        return Err(format!("compare passage {i} is past the highlights"));
                    };
                    if h.voice != voice || h.orphan || !h.tags.contains(&c.tag) {
                        return Err(format!("compare passage {i} is not one of “{}”", c.tag));
                    }
                }
            }
        }
        Overlay::Picker(p) => {
            if p.revision != revision {
                return Err("picker rows are stale".into());
            }
            for row in &p.rows {
                if let super::overlay::PickerRow::Existing(name) = row
                    && app.annotations.tag(name).is_none()
                {
                    return Err(format!("picker offers “{name}”, which is no tag"));
                }
            }
        }
        Overlay::Tags(m) if m.selected >= app.annotations.tags().len().max(1) => {
            return Err("tag manager cursor is past the tags".into());
        }
        Overlay::Orphans(o) if o.selected >= app.annotations.orphans().count().max(1) => {
            return Err("orphan cursor is past the orphans".into());
        }
        Overlay::Confirm(c) => return check_overlay(&c.back, app),
        _ => {}
    }
    Ok(())
}
