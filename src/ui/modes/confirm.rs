//! A yes/no question: deleting a highlight with a note or a tag, quitting
//! with changes that could not be saved, replacing an export file, and what
//! to do when the annotation file changed on disk (see
//! [`crate::ui::core::disk`]).

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode::Esc;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::model::sanitize::sanitize;
use crate::ui::core::action::Action;
use crate::ui::core::edit::{commit, end_selection_on, stamp};
use crate::ui::core::effect::{Effect, Pending};
use crate::ui::core::keys::{Binding, Context, bind, ch, key};
use crate::ui::core::panel::popup;
use crate::ui::core::room::Room;
use crate::ui::core::{Core, Mode, disk};

pub const KEYS: &[Binding] = &[
    bind(Context::Confirm, &[ch('y')], Action::Yes, "yes"),
    bind(Context::Confirm, &[ch('n')], Action::No, "no"),
    bind(
        Context::Confirm,
        &[key(Esc)],
        Action::Escape,
        "no (after taking a note's last tag: change nothing)",
    ),
];

/// The question, and what "yes" does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Confirm {
    pub question: String,
    pub pending: Pending,
}

impl Room for Confirm {
    fn mode(&self) -> Mode {
        Mode::Confirm
    }
    fn context(&self) -> Context {
        Context::Confirm
    }
    fn hints(&self) -> &'static [(&'static str, &'static str)] {
        // After a note's last tag, `n` deletes: `Esc` is the way out.
        if self.cancels() {
            return &[("y", "yes"), ("n", "no"), ("Esc", "cancel")];
        }
        &[("y", "yes"), ("n", "no")]
    }

    fn update(&mut self, core: &mut Core, action: Action) -> Effect {
        match action {
            Action::Yes => Effect::Batch(vec![Effect::Close, yes(core, self.pending.clone())]),
            Action::Escape if self.cancels() => {
                core.message = Some("cancelled: the highlight keeps its tag".into());
                Effect::Close
            }
            Action::No if matches!(self.pending, Pending::KeepUntagged(_)) => {
                Effect::Batch(vec![Effect::Close, untag(core, &self.pending, false)])
            }
            Action::No | Action::Escape => match disk::no(core, &self.pending) {
                Some(then) => Effect::Batch(vec![Effect::Close, then]),
                None => {
                    core.message = Some("cancelled".into());
                    Effect::Close
                }
            },
            _ => Effect::None,
        }
    }

    fn view(&self, core: &Core, area: Rect, buf: &mut Buffer) {
        let lines = vec![
            Line::from(sanitize(&self.question).into_owned()),
            Line::default(),
            Line::from(if self.cancels() {
                "y yes · n no · Esc cancel"
            } else {
                "y yes · n no"
            }),
        ];
        // Tall enough for the question wrapped (a file changed on disk
        // takes a few lines to explain).
        let rows = self.question.chars().count() / 50 + 1;
        let height = u16::try_from(rows).unwrap_or(u16::MAX).saturating_add(4).max(6);
        let inner = popup(core, area, 60, height, " Confirm ", buf);
        Paragraph::new(lines).wrap(Wrap { trim: true }).render(inner, buf);
    }
}

impl Confirm {
    /// Whether `Esc` does something `n` does not: change nothing. (Elsewhere
    /// `n` is the cancel, and `Esc` the same as `n`.)
    fn cancels(&self) -> bool {
        matches!(self.pending, Pending::KeepUntagged(_))
    }
}

/// `y`: what the question was about, done; what the event loop must do then.
fn yes(core: &mut Core, pending: Pending) -> Effect {
    match pending {
        Pending::DeleteHighlight(id) => {
            let edit = core.annotations.delete(&id);
            commit(core, edit);
        }
        Pending::DeleteTag(name) => {
            let edit = core.annotations.delete_tag(&name, core.now);
            commit(core, edit);
        }
        Pending::DeleteRelation(name) => {
            let rest = core.annotations.relations().iter().filter(|r| r.name != name);
            let edit = core.annotations.set_relations(rest.cloned().collect(), None, core.now);
            commit(core, edit);
        }
        keep @ Pending::KeepUntagged(_) => return untag(core, &keep, true),
        Pending::QuitUnsaved => {
            core.saving.quit_anyway = true;
            return Effect::Quit;
        }
        Pending::Overwrite(request) => return Effect::Export(request),
        disk @ (Pending::DiskBoth(_) | Pending::DiskMine(_) | Pending::DiskUnreadable { .. }) => {
            return disk::yes(core, disk);
        }
    }
    Effect::None
}

/// The last tag off a highlight with a note: kept as an untagged note
/// (`keep`), or deleted with its note.
fn untag(core: &mut Core, pending: &Pending, keep: bool) -> Effect {
    if let Pending::KeepUntagged(target) = pending {
        let edit = core.annotations.set_tags(&core.doc, target, &[], &[], keep, &stamp(core));
        if commit(core, edit) {
            end_selection_on(core, target);
        }
    }
    Effect::None
}
