//! The orphan list (`O`): highlights whose text could not be found after
//! the conversation changed, to re-attach to the selection (or the
//! cursor's sentence) or delete.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode::{Down, Enter, Esc, Up};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::model::count::count;
use crate::model::sanitize::sanitize;
use crate::ui::core::action::Action;
use crate::ui::core::edit::{self, commit, first_line, read_only, target};
use crate::ui::core::effect::{Effect, Open, Pending};
use crate::ui::core::keys::{Binding, Context, bind, ch, ctrl, key};
use crate::ui::core::panel::popup;
use crate::ui::core::room::Room;
use crate::ui::core::{Core, Mode};

pub const KEYS: &[Binding] = &[
    bind(Context::Orphans, &[ch('j'), key(Down)], Action::Down, "next orphan"),
    bind(Context::Orphans, &[ch('k'), key(Up)], Action::Up, "previous orphan"),
    bind(
        Context::Orphans,
        &[key(Enter)],
        Action::Accept,
        "re-attach it to the selection or the cursor's sentence",
    ),
    bind(Context::Orphans, &[ch('d')], Action::Delete, "delete it (asks first if it has a note)"),
    bind(Context::Orphans, &[ch('u')], Action::Undo, "undo"),
    bind(Context::Orphans, &[ctrl('r')], Action::Redo, "redo"),
    bind(Context::Orphans, &[key(Esc), ch('O')], Action::Escape, "close"),
];

/// The orphan list's cursor.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OrphanList {
    pub selected: usize,
}

impl Room for OrphanList {
    fn mode(&self) -> Mode {
        Mode::Orphans
    }
    fn context(&self) -> Context {
        Context::Orphans
    }
    fn hints(&self) -> &'static [(&'static str, &'static str)] {
        &[("Enter", "attach here"), ("d", "delete"), ("Esc", "close")]
    }

    fn update(&mut self, core: &mut Core, action: Action) -> Effect {
        let count = core.annotations.orphans().count();
        match action {
            Action::Escape => return Effect::Close,
            Action::Undo => edit::undo(core),
            Action::Redo => edit::redo(core),
            Action::Down => self.selected = (self.selected + 1).min(count.saturating_sub(1)),
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Accept | Action::Delete => return self.act(core, &action),
            _ => {}
        }
        Effect::None
    }

    fn sync(&mut self, core: &Core) {
        self.selected = self.selected.min(core.annotations.orphans().count().saturating_sub(1));
    }

    fn check(&self, core: &Core) -> Result<(), String> {
        if self.selected >= core.annotations.orphans().count().max(1) {
            return Err("orphan cursor is past the orphans".into());
        }
        Ok(())
    }

    fn view(&self, core: &Core, area: Rect, buf: &mut Buffer) {
        let list = self;
        let t = &core.theme;
        let orphans: Vec<_> = core.annotations.orphans().collect();
        let height = (orphans.len() as u16 * 2 + 4).clamp(6, 30);
        let inner = popup(
            core,
            area,
            90,
            height,
            " Orphans · Enter re-attach to the selection or cursor · d delete ",
            buf,
        );
        let mut lines = Vec::new();
        for (i, h) in orphans.iter().enumerate() {
            let who = sanitize(&core.doc.contributors[h.voice].name).into_owned();
            let style = if i == list.selected { t.overlay_selected } else { Style::new() };
            let tags = h.tags.join(", ");
            // An end of links: they wait with it (re-attached, they hold again).
            let links = match core.annotations.links_of(&h.id).count() {
                0 => String::new(),
                n => format!(" · ⇄ {}", count(n, "link", "links")),
            };
            lines.push(Line::from(Span::styled(
                format!(
                    "{who} · {} · {}{links}",
                    sanitize(&tags),
                    if h.note.is_empty() { "" } else { "✎" }
                ),
                style,
            )));
            lines.push(Line::from(Span::styled(
                format!(
                    "  {}",
                    crate::ui::core::line::in_quotes(
                        &h.quote.exact,
                        &sanitize(&first_line(&h.quote.exact, 80))
                    )
                ),
                t.dim,
            )));
        }
        let first_line_shown =
            (list.selected * 2).saturating_sub(usize::from(inner.height).saturating_sub(2));
        Paragraph::new(lines).scroll((first_line_shown as u16, 0)).render(inner, buf);
    }
}

impl OrphanList {
    /// Enter re-attaches the orphan to the target, `d` deletes it (asking
    /// first if it has a note); with none left, back to the text.
    fn act(&mut self, core: &mut Core, action: &Action) -> Effect {
        let Some(h) = core.annotations.orphans().nth(self.selected).cloned() else {
            return Effect::None;
        };
        if read_only(core) {
            return Effect::None;
        }
        if *action == Action::Accept {
            let target = target(core);
            let edit = core.annotations.attach(&core.doc, &h.id, &target, core.now);
            commit(core, edit);
            core.selection = None;
        } else if h.note.trim().is_empty() {
            let edit = core.annotations.delete(&h.id);
            commit(core, edit);
        } else {
            let question =
                format!("Delete this orphan and its note (“{}”)?", first_line(&h.note, 40));
            return Effect::Open(Open::Confirm {
                question,
                pending: Pending::DeleteHighlight(h.id.clone()),
            });
        }
        let count = core.annotations.orphans().count();
        if count == 0 {
            // Nothing left to review: back to the text, where it went.
            if let Some(m) = &mut core.message {
                m.push_str(" · no orphans left");
            }
            return Effect::Close;
        }
        self.selected = self.selected.min(count - 1);
        Effect::None
    }
}
