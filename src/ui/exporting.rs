//! An export written on a thread of its own, so a large one never holds up
//! the keys, and its result when it comes.

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, TryRecvError};

use super::app::App;
use super::core::action::{ExportRequest, Exported};
use crate::export::Format;
use crate::model::Conversation;
use crate::model::annotations::Annotations;
use crate::model::sanitize::Shown;

/// Starts writing an export on a thread of its own, from the annotations as
/// they are now (a clone: pointer copies), so a large export never holds up
/// the keys. Whether the file exists is checked here, at once.
pub fn start_export(app: &mut App, request: ExportRequest) -> Receiver<Exported> {
    let (tx, rx) = mpsc::channel();
    if let Some(refused) = refused(&request) {
        let _ = tx.send(refused);
        return rx;
    }
    app.message = Some(format!("exporting to {}…", request.path.shown()));
    let (doc, annotations) = (Arc::clone(&app.doc), app.annotations.clone());
    std::thread::spawn(move || {
        let _ = tx.send(export_file(&doc, &annotations, &request));
    });
    rx
}

/// The export's result, once it has come (`exporting` is then cleared).
pub fn finished(exporting: &mut Option<Receiver<Exported>>) -> Option<Exported> {
    let result = match exporting.as_ref().map(Receiver::try_recv) {
        Some(Ok(result)) => result,
        Some(Err(TryRecvError::Disconnected)) => Exported::Failed("the export stopped".into()),
        Some(Err(TryRecvError::Empty)) | None => return None,
    };
    *exporting = None;
    Some(result)
}

/// Writes the export `request` asks for, from the reader's annotations as
/// they are.
pub fn write_export(app: &App, request: &ExportRequest) -> Exported {
    if let Some(refused) = refused(request) {
        return refused;
    }
    export_file(&app.doc, &app.annotations, request)
}

/// What is said instead of writing: a folder at the path (no question:
/// it cannot be replaced by a file), or anything else there not yet
/// agreed to be replaced.
fn refused(request: &ExportRequest) -> Option<Exported> {
    if request.path.is_dir() {
        let shown = request.path.shown();
        return Some(Exported::Failed(format!("{shown} is a folder: name a file in it")));
    }
    // Said plainly, not as the system's "No such file or directory (os
    // error 2)" from the write.
    if let Some(folder) = request.path.parent().filter(|f| !f.as_os_str().is_empty())
        && !folder.is_dir()
    {
        let (shown, folder) = (request.path.shown(), folder.shown());
        return Some(Exported::Failed(format!(
            "{shown}: there is no folder {folder}; name a file in one that exists"
        )));
    }
    (occupied(&request.path) && !request.overwrite).then(|| Exported::Exists(request.clone()))
}

/// Whether anything is at `path`, a dangling symlink included (`exists`
/// follows the link and says no): writing there needs the user's yes.
fn occupied(path: &std::path::Path) -> bool {
    path.symlink_metadata().is_ok()
}

/// Renders and writes an export (atomically), whatever is at the path.
fn export_file(doc: &Conversation, annotations: &Annotations, request: &ExportRequest) -> Exported {
    let filter = crate::export::Filter::default();
    let result = crate::export::Export::new(doc, annotations, &filter)
        .map_err(|e| e.to_string())
        .and_then(|e| {
            // What the file holds: a codebook its tags, the links CSV its
            // links, every other format the highlights.
            let (n, one) = match request.format {
                Format::Qdc | Format::CodebookCsv => (e.tags.len(), "tag"),
                Format::LinksCsv => (e.links.len(), "link"),
                _ => (e.items.len(), "highlight"),
            };
            let what = format!("{n} {one}{}", if n == 1 { "" } else { "s" });
            e.render_with(request.format, crate::export::Options::default())
                .map(|r| (r, what))
                .map_err(|e| e.to_string())
        });
    match result {
        Ok((rendered, what)) => match crate::store::write_atomic(&request.path, &rendered.bytes) {
            Ok(()) => {
                Exported::Done { path: request.path.shown(), what, warnings: rendered.warnings }
            }
            Err(e) => Exported::Failed(format!("{}: {e}", request.path.shown())),
        },
        Err(e) => Exported::Failed(e),
    }
}
