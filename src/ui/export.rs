//! Exporting from the reader: a dialog that asks for the format and the
//! path, and the request the event loop carries out (`update` does no I/O).

use std::path::PathBuf;

use ratatui_textarea::TextArea;

use crate::export::Format;

use super::action::Action;
use super::app::{App, Effect};
use super::overlay::{Confirm, Overlay, Pending};

/// The export dialog: a format and an editable path.
#[derive(Clone, Debug)]
pub struct ExportDialog {
    pub format: Format,
    pub path: TextArea<'static>,
}

/// What to write, and whether an existing file may be replaced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportRequest {
    pub format: Format,
    pub path: PathBuf,
    pub overwrite: bool,
}

/// How an export went, as the event loop reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Exported {
    /// Written: where, and how many highlights.
    Done {
        path: String,
        highlights: usize,
        /// What the writer should know, e.g. characters XML could not carry.
        warnings: Vec<String>,
    },
    /// The file exists and overwriting was not asked for.
    Exists(ExportRequest),
    Failed(String),
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
        Self { format, path: path_area(&suggested(app, format)) }
    }

    pub fn path(&self) -> String {
        self.path.lines().join("").trim().to_owned()
    }
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
            super::prompt::edit(&mut d.path, key);
        }
        Action::Accept => {
            let path = d.path();
            if path.is_empty() {
                app.message = Some("name the file to write".into());
                return Effect::None;
            }
            let request =
                ExportRequest { format: d.format, path: PathBuf::from(path), overwrite: false };
            app.overlay = Overlay::None;
            return Effect::Export(request);
        }
        _ => {}
    }
    Effect::None
}

/// The event loop's report.
pub fn exported(app: &mut App, result: Exported) {
    match result {
        Exported::Done { path, highlights, warnings } => {
            let mut message = format!("exported {highlights} highlight(s) to {path}");
            for warning in warnings {
                message.push_str(" · ");
                message.push_str(&warning);
            }
            app.message = Some(message);
        }
        Exported::Exists(request) => {
            let question = format!("{} exists. Overwrite it?", request.path.display());
            app.overlay = Overlay::Confirm(Confirm {
                question,
                pending: Pending::Overwrite(ExportRequest { overwrite: true, ..request }),
                back: Box::new(Overlay::None),
            });
        }
        Exported::Failed(why) => app.message = Some(format!("export failed: {why}")),
    }
}
