//! The relation manager (`R` in the links list): the links' own codebook,
//! kept as the tag manager keeps tags — add, rename (its links follow),
//! recolour, describe, make one-way or both ways, delete (its links go,
//! asking first when there are any). Every change is one undo step.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode::{Down, Esc, Up};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::model::annotations::{PALETTE, Relation};
use crate::model::count::count;
use crate::model::sanitize::sanitize;
use crate::ui::core::action::Action;
use crate::ui::core::edit::{self, commit, read_only};
use crate::ui::core::effect::{Effect, Open, Pending, PromptPurpose, Reply};
use crate::ui::core::keys::{Binding, Context, bind, ch, ctrl, key};
use crate::ui::core::panel::popup;
use crate::ui::core::room::Room;
use crate::ui::core::{Core, Mode};

pub const KEYS: &[Binding] = &[
    bind(Context::RelationManager, &[ch('j'), key(Down)], Action::Down, "next relation"),
    bind(Context::RelationManager, &[ch('k'), key(Up)], Action::Up, "previous relation"),
    bind(
        Context::RelationManager,
        &[ch('n')],
        Action::NewRelation,
        "add a relation (asks its name)",
    ),
    bind(Context::RelationManager, &[ch('r')], Action::RenameTag, "rename it (its links follow)"),
    bind(Context::RelationManager, &[ch('c')], Action::RecolorTag, "give it the next colour"),
    bind(Context::RelationManager, &[ch('e')], Action::DescribeTag, "describe it"),
    bind(
        Context::RelationManager,
        &[ch('b')],
        Action::Swap,
        "read it both ways, or one way (first end → second)",
    ),
    bind(
        Context::RelationManager,
        &[ch('d')],
        Action::DeleteTag,
        "delete it and its links (asks first if it has any)",
    ),
    bind(Context::RelationManager, &[ch('u')], Action::Undo, "undo"),
    bind(Context::RelationManager, &[ctrl('r')], Action::Redo, "redo"),
    bind(Context::RelationManager, &[key(Esc), ch('R')], Action::Escape, "close"),
];

/// The manager's cursor.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RelationManager {
    pub selected: usize,
}

impl RelationManager {
    fn current(&self, core: &Core) -> Option<Relation> {
        core.annotations.relations().get(self.selected).cloned()
    }

    /// The codebook with the current relation changed by `f`.
    fn changed(&self, core: &mut Core, f: impl FnOnce(&mut Relation)) {
        if read_only(core) {
            return;
        }
        let mut all = core.annotations.relations().to_vec();
        if let Some(r) = all.get_mut(self.selected) {
            f(r);
            let edit = core.annotations.set_relations(all, None, core.now);
            commit(core, edit);
        }
    }
}

impl Room for RelationManager {
    fn mode(&self) -> Mode {
        Mode::Relations
    }
    fn context(&self) -> Context {
        Context::RelationManager
    }
    fn hints(&self) -> &'static [(&'static str, &'static str)] {
        &[("n", "new"), ("r", "rename"), ("c", "colour"), ("b", "both ways"), ("Esc", "close")]
    }

    fn update(&mut self, core: &mut Core, action: Action) -> Effect {
        let relations = core.annotations.relations().len();
        let name = self.current(core).map(|r| r.name);
        match (action, name) {
            (Action::Escape, _) => return Effect::Close,
            (Action::Down, _) => {
                self.selected = (self.selected + 1).min(relations.saturating_sub(1))
            }
            (Action::Up, _) => self.selected = self.selected.saturating_sub(1),
            (Action::Undo, _) => edit::undo(core),
            (Action::Redo, _) => edit::redo(core),
            (Action::NewRelation, _) if !read_only(core) => {
                return Effect::Open(Open::Prompt(PromptPurpose::NewRelation));
            }
            (Action::RenameTag, Some(name)) if !read_only(core) => {
                return Effect::Open(Open::Prompt(PromptPurpose::RenameRelation(name)));
            }
            (Action::DescribeTag, Some(name)) if !read_only(core) => {
                return Effect::Open(Open::Prompt(PromptPurpose::DescribeRelation(name)));
            }
            (Action::RecolorTag, Some(_)) => self.changed(core, |r| {
                let at = PALETTE.iter().position(|c| *c == r.color).map_or(0, |i| i + 1);
                r.color = PALETTE[at % PALETTE.len()];
            }),
            (Action::Swap, Some(_)) => self.changed(core, |r| r.both_ways = !r.both_ways),
            (Action::DeleteTag, Some(name)) if !read_only(core) => {
                let used = core.annotations.relation_count(&name);
                if used > 0 {
                    let links = count(used, "link", "links");
                    let question = format!("Delete relation “{name}” and its {links}? (u undoes)");
                    return Effect::Open(Open::Confirm {
                        question,
                        pending: Pending::DeleteRelation(name),
                    });
                }
                let all: Vec<Relation> = core
                    .annotations
                    .relations()
                    .iter()
                    .filter(|r| r.name != name)
                    .cloned()
                    .collect();
                let edit = core.annotations.set_relations(all, None, core.now);
                commit(core, edit);
            }
            _ => {}
        }
        Effect::None
    }

    fn reply(&mut self, core: &mut Core, reply: Reply) {
        // Back from a prompt: the cursor on the relation it was about.
        if let Reply::Tag(name) = reply
            && let Some(i) = core.annotations.relations().iter().position(|r| r.name == name)
        {
            self.selected = i;
        }
    }

    fn sync(&mut self, core: &Core) {
        self.selected = self.selected.min(core.annotations.relations().len().saturating_sub(1));
    }

    fn check(&self, core: &Core) -> Result<(), String> {
        if self.selected >= core.annotations.relations().len().max(1) {
            return Err("relation manager cursor past the relations".into());
        }
        Ok(())
    }

    fn view(&self, core: &Core, area: Rect, buf: &mut Buffer) {
        let t = &core.theme;
        let relations = core.annotations.relations();
        let height = (relations.len().min(1_000) as u16 * 2 + 4).clamp(6, 30);
        let title =
            " Relations · n new · r rename · c colour · e describe · b both ways · d delete ";
        let inner = popup(core, area, 96, height, title, buf);
        if relations.is_empty() {
            let none = " No relations: n adds one (links need one)";
            Paragraph::new(Line::from(Span::styled(none, t.info))).render(inner, buf);
            return;
        }
        let mut lines = Vec::new();
        for (i, r) in relations.iter().enumerate() {
            let style = if i == self.selected { t.overlay_selected } else { Style::new() };
            let way = if r.both_ways { "↔ both ways" } else { "→ one way" };
            let links = count(core.annotations.relation_count(&r.name), "link", "links");
            lines.push(Line::from(vec![
                Span::styled(format!(" {} ", sanitize(&r.name)), t.highlight_of(Some(r.color))),
                Span::styled(format!("  {way} · {links} · {}", r.color), style),
            ]));
            lines.push(Line::from(Span::styled(format!("   {}", sanitize(&r.description)), t.dim)));
        }
        let first = (self.selected * 2 + 2).saturating_sub(usize::from(inner.height));
        Paragraph::new(lines).scroll((first as u16, 0)).render(inner, buf);
    }
}
