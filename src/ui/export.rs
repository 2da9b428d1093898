//! Exporting from the reader: a dialog that asks for the format and the
//! path, and the request the event loop carries out (`update` does no I/O).

use std::path::PathBuf;

use ratatui_textarea::TextArea;

use crate::export::Format;

// The messages between the dialog and the event loop live with the other
// actions; named here too, where a reader looks for them.
pub use super::action::{ExportRequest, Exported};

use super::action::Action;
use super::app::{App, Effect};
use super::overlay::{Confirm, Overlay, Pending};

/// The export dialog: a format and an editable path.
#[derive(Clone, Debug)]
pub struct ExportDialog {
    pub format: Format,
    pub path: TextArea<'static>,
    /// Written to the event loop and not yet reported on.
    pub writing: bool,
    /// Why the last try failed, shown until the path is edited.
    pub error: Option<String>,
}

/// The path the dialog suggests: `<conversation id>.<ext>` in the current
/// directory.
fn suggested(app: &App, format: Format) -> String {
    format!("{}.{}", app.doc.id, format.extension())
}

fn path_area(text: &str) -> TextArea<'static> {
    let mut t = TextArea::new(vec![text.to_owned()]);
    t.move_cursor(ratatui_textarea::CursorMove::End);
    t
}

impl ExportDialog {
    pub fn new(app: &App) -> Self {
        let format = Format::Markdown;
        Self { format, path: path_area(&suggested(app, format)), writing: false, error: None }
    }

    pub fn path(&self) -> String {
        self.path.lines().join("").trim().to_owned()
    }
}

/// `path` with a leading `~` (alone or before `/`) and every `$HOME` and
/// `${HOME}` replaced by `home`; unchanged without a home.
pub fn expand_home(path: &str, home: Option<&str>) -> String {
    let Some(home) = home else { return path.to_owned() };
    let path = match path.strip_prefix('~') {
        Some(rest) if rest.is_empty() || rest.starts_with('/') => format!("{home}{rest}"),
        _ => path.to_owned(),
    };
    path.replace("${HOME}", home).replace("$HOME", home)
}

/// `X`: open the dialog.
pub fn open(app: &mut App) {
    app.overlay = Overlay::Export(ExportDialog::new(app));
}

/// Keys in the dialog.
pub fn dialog(app: &mut App, action: Action) -> Effect {
    let Overlay::Export(d) = &mut app.overlay else { return Effect::None };
    match action {
        Action::Escape => app.overlay = Overlay::None,
        Action::Up | Action::Down => {
            let all = Format::ALL;
            let i = all.iter().position(|f| *f == d.format).unwrap_or(0);
            let next = if action == Action::Down {
                (i + 1) % all.len()
            } else {
                (i + all.len() - 1) % all.len()
            };
            // The extension follows the format.
            d.format = all[next];
            let path = d.path();
            if let Some(stem) = path.strip_suffix(&format!(".{}", all[i].extension())) {
                d.path = path_area(&format!("{stem}.{}", d.format.extension()));
            }
        }
        Action::Text(key) => {
            if super::prompt::edit(&mut d.path, key) {
                d.error = None;
            }
        }
        // One export at a time: the dialog waits for the loop's report.
        Action::Accept if d.writing => {}
        Action::Accept => {
            let path = expand_home(&d.path(), app.home.as_deref());
            if path.is_empty() {
                d.error = Some("name the file to write".into());
                return Effect::None;
            }
            let request =
                ExportRequest { format: d.format, path: PathBuf::from(path), overwrite: false };
            d.writing = true;
            d.error = None;
            return Effect::Export(request);
        }
        _ => {}
    }
    Effect::None
}

/// `y` to overwriting: the dialog (back from the question) waits for the
/// report on the write.
pub fn overwriting(app: &mut App) {
    if let Overlay::Export(d) = &mut app.overlay {
        d.writing = true;
    }
}

/// The event loop's report. Written: the dialog closes. Refused or
/// failed: the dialog stays, showing why, so the path can be fixed. The file
/// exists: a question, and `n` goes back to the dialog.
pub fn exported(app: &mut App, result: Exported) {
    let dialog_open = if let Overlay::Export(d) = &mut app.overlay {
        d.writing = false;
        true
    } else {
        false
    };
    match result {
        Exported::Done { path, highlights, warnings } => {
            let mut message = format!("exported {highlights} highlight(s) to {path}");
            for warning in warnings {
                message.push_str(" · ");
                message.push_str(&warning);
            }
            app.message = Some(message);
            if dialog_open {
                app.overlay = Overlay::None;
            }
        }
        Exported::Exists(request) => {
            let question = format!("{} exists. Overwrite it?", request.path.display());
            let back = if dialog_open { std::mem::take(&mut app.overlay) } else { Overlay::None };
            app.overlay = Overlay::Confirm(Confirm {
                question,
                pending: Pending::Overwrite(ExportRequest { overwrite: true, ..request }),
                back: Box::new(back),
            });
        }
        Exported::Failed(why) => match &mut app.overlay {
            Overlay::Export(d) => d.error = Some(why),
            _ => app.message = Some(format!("export failed: {why}")),
        },
    }
}
