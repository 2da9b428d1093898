//! The export dialog (`X`): the format and the path (`~` and `$HOME`
//! expanded); the request goes to the event loop, which writes the file
//! (updates do no I/O) and reports. On an error the dialog stays, showing
//! it; an existing file is replaced only after asking.

mod view;

use std::path::PathBuf;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode::{BackTab, Down, Enter, Esc, Tab, Up};
use ratatui::layout::Rect;
use ratatui_textarea::TextArea;

use crate::export::Format;

// The messages between the dialog and the event loop live with the other
// actions; named here too, where a reader looks for them.
pub use crate::ui::core::action::{ExportRequest, Exported};

use crate::model::sanitize::Shown;
use crate::ui::core::action::Action;
use crate::ui::core::effect::{Effect, Open, Pending};
use crate::ui::core::keys::{Binding, Context, bind, key};
use crate::ui::core::room::Room;
use crate::ui::core::{Core, Mode, input};

pub const KEYS: &[Binding] = &[
    bind(Context::Export, &[key(Down), key(Tab)], Action::Down, "next format"),
    bind(Context::Export, &[key(Up), key(BackTab)], Action::Up, "previous format"),
    bind(
        Context::Export,
        &[key(Enter)],
        Action::Accept,
        "write the file (asks before replacing one)",
    ),
    bind(Context::Export, &[key(Esc)], Action::Escape, "cancel"),
];

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
/// directory — or `<id>-brief.md` (`-export` for other formats) when that
/// is the file being read (`townhall.md` with `Id: townhall`): one `y` to
/// "overwrite?" would have replaced the transcript with its brief.
fn suggested(core: &Core, format: Format) -> String {
    let plain = format!("{}.{}", core.doc.id, format.extension());
    let open = std::path::Path::new(&core.doc_label);
    let here = open.parent().is_none_or(|d| d.as_os_str().is_empty() || d == ".");
    if here && open.file_name().is_some_and(|n| n == plain.as_str()) {
        let what = if format == Format::Markdown { "brief" } else { "export" };
        return format!("{}-{what}.{}", core.doc.id, format.extension());
    }
    plain
}

fn path_area(text: &str) -> TextArea<'static> {
    let mut t = TextArea::new(vec![text.to_owned()]);
    t.move_cursor(ratatui_textarea::CursorMove::End);
    t
}

impl ExportDialog {
    pub fn new(core: &Core) -> Self {
        let format = Format::Markdown;
        Self { format, path: path_area(&suggested(core, format)), writing: false, error: None }
    }

    pub fn path(&self) -> String {
        self.path.lines().join("").trim().to_owned()
    }
}

pub use crate::ui::core::text::expand_home;

impl Room for ExportDialog {
    fn mode(&self) -> Mode {
        Mode::Export
    }
    fn context(&self) -> Context {
        Context::Export
    }
    fn hints(&self) -> &'static [(&'static str, &'static str)] {
        &[("↑/↓", "format"), ("Enter", "write"), ("Esc", "cancel")]
    }

    fn update(&mut self, core: &mut Core, action: Action) -> Effect {
        let d = self;
        match action {
            Action::Escape => return Effect::Close,
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
                if input::edit(&mut d.path, key) {
                    d.error = None;
                }
            }
            Action::Paste(text) => {
                if input::paste(&mut d.path, &text) {
                    d.error = None;
                }
            }
            // One export at a time: the dialog waits for the loop's report.
            Action::Accept if d.writing => {}
            Action::Accept => {
                let path = expand_home(&d.path(), core.home.as_deref());
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
            // The event loop's report. Written: the dialog closes. Refused
            // or failed: the dialog stays, showing why, so the path can be
            // fixed. The file exists: a question, and `n` comes back here.
            Action::Exported(result) => {
                d.writing = false;
                // "exporting to …" is over; the dialog or the question says how.
                core.message = None;
                return match result {
                    Exported::Failed(why) => {
                        d.error = Some(why);
                        Effect::None
                    }
                    Exported::Done { .. } => {
                        Effect::Batch(vec![report(core, result), Effect::Close])
                    }
                    Exported::Exists(_) => report(core, result),
                };
            }
            _ => {}
        }
        Effect::None
    }

    fn view(&self, core: &Core, area: Rect, buf: &mut Buffer) {
        view::draw(self, core, area, buf);
    }

    /// `y` to replacing the file: the dialog waits for the report.
    fn exporting(&mut self) {
        self.writing = true;
    }
}

/// The event loop's report on an export, told on the info line (or, when
/// the file exists, asked about).
pub fn report(core: &mut Core, result: Exported) -> Effect {
    match result {
        Exported::Done { path, what, warnings } => {
            let mut message = format!("exported {what} to {path}");
            for warning in warnings {
                message.push_str(" · ");
                message.push_str(&warning);
            }
            core.message = Some(message);
            Effect::None
        }
        Exported::Exists(request) => {
            let question = format!("{} exists. Overwrite it?", request.path.shown());
            let pending = Pending::Overwrite(ExportRequest { overwrite: true, ..request });
            Effect::Open(Open::Confirm { question, pending })
        }
        Exported::Failed(why) => {
            core.message = Some(format!("export failed: {why}"));
            Effect::None
        }
    }
}
