//! The relation picker: which relation a new link between two passages
//! has (after `L` on each), or another one for a link in the list.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode::{Down, Enter, Esc, Up};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::model::annotations::{LinkIds, Target};
use crate::model::sanitize::sanitize;
use crate::ui::core::action::Action;
use crate::ui::core::edit::{self, commit, read_only};
use crate::ui::core::effect::{Effect, LinkPurpose};
use crate::ui::core::keys::{Binding, Context, DIGITS, bind, ch, key};
use crate::ui::core::line::fit_words;
use crate::ui::core::panel::popup;
use crate::ui::core::room::Room;
use crate::ui::core::{Core, Mode, links, text};

pub const KEYS: &[Binding] = &[
    bind(Context::Relations, &[ch('j'), key(Down)], Action::Down, "next relation"),
    bind(Context::Relations, &[ch('k'), key(Up)], Action::Up, "previous relation"),
    bind(Context::Relations, &[key(Enter)], Action::Accept, "link with this relation"),
    bind(Context::Relations, DIGITS, Action::QuickTag(1), "link with relation 1–9"),
    bind(Context::Relations, &[key(Esc)], Action::Escape, "cancel"),
];

/// The picker's purpose and cursor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RelationPicker {
    pub purpose: LinkPurpose,
    pub selected: usize,
}

impl RelationPicker {
    pub fn new(core: &Core, purpose: LinkPurpose) -> Self {
        // A link's own relation first under the cursor.
        let selected = match &purpose {
            LinkPurpose::Change(id) => core
                .annotations
                .link(id)
                .and_then(|l| {
                    core.annotations.relations().iter().position(|r| r.name == l.relation)
                })
                .unwrap_or(0),
            LinkPurpose::New { .. } => 0,
        };
        Self { purpose, selected }
    }

    fn choose(&mut self, core: &mut Core, index: usize) -> Effect {
        let Some(relation) = core.annotations.relations().get(index).map(|r| r.name.clone()) else {
            return Effect::None;
        };
        if read_only(core) {
            return Effect::Close;
        }
        match &self.purpose {
            LinkPurpose::New { from, to } => {
                let ids = LinkIds { link: uuid(), from: uuid(), to: uuid() };
                let stamp = edit::stamp(core);
                match core.annotations.add_link(&core.doc, from, to, &relation, &ids, &stamp) {
                    Some(edit) => {
                        commit(core, edit);
                        core.message = Some(format!(
                            "linked: {} · f follows it, F lists the links, u undoes",
                            sanitize(&relation)
                        ));
                    }
                    None => {
                        core.message = Some(format!(
                            "these two passages are already linked as “{}”",
                            sanitize(&relation)
                        ))
                    }
                }
                core.link.start = None;
                core.selection = None;
            }
            LinkPurpose::Change(id) => {
                let edit = core.annotations.change_link(id, &relation, false, core.now);
                commit(core, edit);
            }
        }
        Effect::Close
    }
}

fn uuid() -> String {
    uuid::Uuid::new_v4().to_string()
}

impl Room for RelationPicker {
    fn mode(&self) -> Mode {
        Mode::Link
    }
    fn context(&self) -> Context {
        Context::Relations
    }
    fn hints(&self) -> &'static [(&'static str, &'static str)] {
        &[("Enter", "link"), ("1–9", "relation"), ("Esc", "cancel")]
    }

    fn update(&mut self, core: &mut Core, action: Action) -> Effect {
        let count = core.annotations.relations().len();
        match action {
            Action::Escape => return Effect::Close,
            Action::Down => self.selected = (self.selected + 1).min(count.saturating_sub(1)),
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Accept => return self.choose(core, self.selected),
            Action::QuickTag(n) => return self.choose(core, usize::from(n).saturating_sub(1)),
            _ => {}
        }
        Effect::None
    }

    fn sync(&mut self, core: &Core) {
        self.selected = self.selected.min(core.annotations.relations().len().saturating_sub(1));
    }

    fn check(&self, core: &Core) -> Result<(), String> {
        if self.selected >= core.annotations.relations().len().max(1) {
            return Err("relation cursor past the relations".into());
        }
        Ok(())
    }

    fn view(&self, core: &Core, area: Rect, buf: &mut Buffer) {
        let t = &core.theme;
        let relations = core.annotations.relations();
        let (title, count) = match &self.purpose {
            LinkPurpose::New { .. } => (" Link · which relation? ", 2),
            LinkPurpose::Change(_) => (" Link · another relation ", 1),
        };
        let height = (relations.len().min(1_000) as u16 + count * 2 + 4).clamp(8, 24);
        let inner = popup(core, area, 84, height, title, buf);
        let ends = match &self.purpose {
            LinkPurpose::New { from, to } => {
                // Each end on its line, its quote cut between words.
                let end = |lead: &str, target: &Target| {
                    let who = format!("{lead}{}: “", links::short(core, target.voice));
                    let quote = edit::quote(core, target);
                    let quote = sanitize(&quote.split_whitespace().collect::<Vec<_>>().join(" "))
                        .into_owned();
                    let room = usize::from(inner.width).saturating_sub(text::width(&who) + 1);
                    format!("{who}{}”", fit_words(&quote, room))
                };
                vec![end("", from), end("  → ", to)]
            }
            LinkPurpose::Change(id) => {
                let line = core
                    .annotations
                    .link(id)
                    .map_or_else(String::new, |l| links::describe(core, l, &l.from));
                vec![line]
            }
        };
        // The ends stay at the top; the relations scroll below them, each
        // wrapped under itself, so the chosen one is always in view.
        let head: Vec<Line> =
            ends.into_iter().map(|e| Line::from(Span::styled(e, t.info))).collect();
        let head_rows = (head.len() as u16 + 1).min(inner.height);
        let list = Rect { y: inner.y + head_rows, height: inner.height - head_rows, ..inner };
        Paragraph::new(head)
            .wrap(Wrap { trim: false })
            .render(Rect { height: head_rows, ..inner }, buf);
        let mut lines: Vec<Line> = Vec::new();
        let mut chosen = 0..0;
        let mut starts = Vec::new();
        for (i, r) in relations.iter().enumerate() {
            let style = if i == self.selected { t.overlay_selected } else { Style::new() };
            let key = if i < 9 { format!("{} ", i + 1) } else { "  ".into() };
            let way = if r.both_ways { "↔" } else { "→" };
            let name = format!(" {} ", sanitize(&r.name));
            let lead = format!(" {way} ");
            // Under the description's first line, not under the key.
            let indent = text::width(&key) + text::width(&name) + text::width(&lead);
            let room = usize::from(list.width).saturating_sub(indent).max(8) as u16;
            let about = text::wrapped(&sanitize(&r.description), room);
            let start = lines.len();
            starts.push(start);
            for (n, part) in
                about.iter().map(String::as_str).chain(about.is_empty().then_some("")).enumerate()
            {
                lines.push(Line::from(if n == 0 {
                    vec![
                        Span::styled(key.clone(), t.help_key),
                        Span::styled(name.clone(), t.highlight_of(Some(r.color))),
                        Span::styled(format!("{lead}{part}"), style),
                    ]
                } else {
                    vec![Span::raw(" ".repeat(indent)), Span::styled(part.to_owned(), style)]
                }));
            }
            if i == self.selected {
                chosen = start..lines.len();
            }
        }
        let height = usize::from(list.height);
        let first = crate::ui::core::panel::first_row(&starts, chosen.clone(), height);
        Paragraph::new(lines).scroll((first as u16, 0)).render(list, buf);
    }
}
