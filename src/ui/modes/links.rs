//! The links list (`F`): every link between passages, filtered by relation
//! and by voice, to go to (`Enter`), give another relation, reverse or
//! delete; and the exchange matrix (`m`): for the relation shown (or all),
//! how many links go from each voice (rows) to each other (columns).

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode::{BackTab, Down, Enter, Esc, Tab, Up};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::model::exchanges::Exchanges;
use crate::model::sanitize::sanitize;
use crate::ui::core::action::Action;
use crate::ui::core::edit::{self, commit, first_line, read_only};
use crate::ui::core::effect::{Effect, LinkPurpose, Open, PromptPurpose};
use crate::ui::core::keys::{Binding, Context, bind, ch, ctrl, key};
use crate::ui::core::panel::popup;
use crate::ui::core::room::Room;
use crate::ui::core::text::fit;
use crate::ui::core::{Core, Mode, links};

pub const KEYS: &[Binding] = &[
    bind(Context::Links, &[ch('j'), key(Down)], Action::Down, "next link"),
    bind(Context::Links, &[ch('k'), key(Up)], Action::Up, "previous link"),
    bind(
        Context::Links,
        &[key(Tab), ch('r')],
        Action::NextTagFilter,
        "only the next relation (then all)",
    ),
    bind(
        Context::Links,
        &[key(BackTab), ch('c')],
        Action::NextVoiceFilter,
        "only links with the next contributor at either end (then all)",
    ),
    bind(
        Context::Links,
        &[key(Enter)],
        Action::Accept,
        "go to the link: its first end, the other beside",
    ),
    bind(Context::Links, &[ch('t')], Action::Tag, "another relation for it"),
    bind(Context::Links, &[ch('x')], Action::Swap, "reverse it (its ends swapped)"),
    bind(
        Context::Links,
        &[ch('d')],
        Action::Delete,
        "delete it (and ends that existed only for it)",
    ),
    bind(Context::Links, &[ch('e')], Action::Note, "write or edit its note"),
    bind(Context::Links, &[ch('m')], Action::Matrix, "the exchange matrix: who links to whom"),
    bind(Context::Links, &[ch('R')], Action::Relations, "manage the relations"),
    bind(Context::Links, &[ch('u')], Action::Undo, "undo"),
    bind(Context::Links, &[ctrl('r')], Action::Redo, "redo"),
    bind(Context::Links, &[key(Esc), ch('F')], Action::Escape, "close"),
];

/// The list's filters, cursor and rows (link ids, by where their first end
/// is), rebuilt when the annotations change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkList {
    /// The relation kept (by name, so it stays itself however the
    /// relations are reordered).
    pub relation: Option<String>,
    /// A voice at either end.
    pub voice: Option<usize>,
    pub selected: usize,
    pub matrix: bool,
    rows: Vec<String>,
    /// The exchange matrix, every relation's, built with the rows.
    exchanges: Exchanges,
    revision: u64,
}

impl LinkList {
    pub fn new(core: &Core) -> Self {
        let mut list = Self {
            relation: None,
            voice: None,
            selected: 0,
            matrix: false,
            rows: Vec::new(),
            exchanges: Exchanges::of(&core.doc, &core.annotations),
            revision: u64::MAX,
        };
        list.sync(core);
        list
    }

    fn rebuild(&mut self, core: &Core) {
        let a = &core.annotations;
        let relation = self.relation.as_deref();
        let mut rows: Vec<(_, String)> = a
            .links()
            .iter()
            .filter(|l| relation.is_none_or(|r| l.relation == r))
            .filter_map(|l| {
                let (from, to) = (a.highlight(&l.from)?, a.highlight(&l.to)?);
                let voices = [from.voice, to.voice];
                self.voice.is_none_or(|v| voices.contains(&v)).then(|| {
                    ((from.orphan, from.voice, from.start, to.voice, to.start), l.id.clone())
                })
            })
            .collect();
        rows.sort();
        // The cursor stays on its link when the rows move (a link reversed
        // sorts elsewhere: the next `x` or `d` must act on it, not on the
        // link that took its row); a deleted one leaves it on the row.
        let kept = self.rows.get(self.selected).cloned();
        self.rows = rows.into_iter().map(|(_, id)| id).collect();
        if let Some(at) = kept.and_then(|id| self.rows.iter().position(|r| *r == id)) {
            self.selected = at;
        }
        if self.revision != a.revision() {
            self.exchanges = Exchanges::of(&core.doc, a);
        }
        self.revision = a.revision();
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
    }

    fn current<'a>(
        &self,
        core: &'a Core,
    ) -> Option<&'a std::sync::Arc<crate::model::annotations::Link>> {
        self.rows.get(self.selected).and_then(|id| core.annotations.link(id))
    }

    /// Links from each voice (rows) to each (columns), for the relation
    /// filtered on or all (see [`Exchanges`] for how both-ways links count).
    fn counts(&self) -> &[Vec<usize>] {
        let name = self.relation.as_deref();
        match self.exchanges.relations.iter().find(|e| Some(e.relation.as_str()) == name) {
            Some(e) => &e.cells,
            None => &self.exchanges.all.cells,
        }
    }
}

impl Room for LinkList {
    fn mode(&self) -> Mode {
        Mode::Links
    }
    fn context(&self) -> Context {
        Context::Links
    }
    fn hints(&self) -> &'static [(&'static str, &'static str)] {
        // The matrix has keys of its own: the relation it counts, and the
        // way back to the list (`Esc` there does not close).
        if self.matrix {
            return &[("Tab", "relation"), ("m/Esc", "back to the list")];
        }
        &[
            ("Enter", "go to"),
            ("Tab", "relation"),
            ("m", "matrix"),
            ("d", "delete"),
            ("Esc", "close"),
        ]
    }

    fn update(&mut self, core: &mut Core, action: Action) -> Effect {
        let count = self.rows.len();
        // The matrix hides the list: a key that acts on the selected link
        // (or moves to another) would act on one nobody can see.
        let on_a_link = matches!(
            action,
            Action::Down
                | Action::Up
                | Action::Accept
                | Action::Tag
                | Action::Swap
                | Action::Delete
                | Action::Note
                | Action::NextVoiceFilter
        );
        if self.matrix && on_a_link {
            core.message = Some("the matrix counts links: m goes back to the list".into());
            return Effect::None;
        }
        match action {
            Action::Escape if self.matrix => self.matrix = false,
            Action::Escape => return Effect::Close,
            Action::Down => self.selected = (self.selected + 1).min(count.saturating_sub(1)),
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Matrix => self.matrix = !self.matrix,
            Action::NextTagFilter => {
                let all = core.annotations.relations();
                let at = self.relation.as_ref().and_then(|r| all.iter().position(|x| &x.name == r));
                let next = match at {
                    None => all.first(),
                    Some(i) => all.get(i + 1),
                };
                self.relation = next.map(|r| r.name.clone());
                self.revision = u64::MAX;
            }
            Action::NextVoiceFilter => {
                let n = core.doc.voices().len();
                self.voice = match self.voice {
                    None => Some(0),
                    Some(i) if i + 1 < n => Some(i + 1),
                    _ => None,
                };
                self.revision = u64::MAX;
            }
            Action::Undo => edit::undo(core),
            Action::Redo => edit::redo(core),
            Action::Accept => {
                let Some(l) = self.current(core).cloned() else { return Effect::None };
                let Some(from) = core.annotations.highlight(&l.from).cloned() else {
                    return Effect::None;
                };
                if from.orphan {
                    core.message =
                        Some("its first end could not be found in the text: O lists it".into());
                    return Effect::None;
                }
                core.go_to(from.voice, from.start);
                core.link.trail = None;
                core.link.turn =
                    core.annotations.links_of(&from.id).position(|x| x.id == l.id).unwrap_or(0);
                links::reveal(core);
                core.message =
                    Some(format!("{} · f follows it", links::describe(core, &l, &from.id)));
                return Effect::Close;
            }
            Action::Relations => return Effect::Open(Open::Relations),
            Action::Note => {
                let id = self.current(core).map(|l| l.id.clone());
                if let Some(id) = id
                    && !read_only(core)
                {
                    return Effect::Open(Open::Prompt(PromptPurpose::LinkNote(id)));
                }
            }
            Action::Tag => {
                if let Some(l) = self.current(core) {
                    return Effect::Open(Open::LinkPicker(LinkPurpose::Change(l.id.clone())));
                }
            }
            Action::Swap | Action::Delete => {
                let Some(l) = self.current(core).cloned() else { return Effect::None };
                if read_only(core) {
                    return Effect::None;
                }
                let edit = if action == Action::Swap {
                    core.annotations.change_link(&l.id, &l.relation, true, core.now)
                } else {
                    core.annotations.remove_link(&l.id)
                };
                commit(core, edit);
            }
            _ => {}
        }
        self.sync(core);
        Effect::None
    }

    fn sync(&mut self, core: &Core) {
        if self.relation.as_ref().is_some_and(|r| core.annotations.relation(r).is_none()) {
            self.relation = None;
            self.revision = u64::MAX;
        }
        if self.revision != core.annotations.revision() {
            self.rebuild(core);
        }
    }

    fn check(&self, core: &Core) -> Result<(), String> {
        if self.revision != core.annotations.revision() {
            return Err("link rows are stale".into());
        }
        if self.selected >= self.rows.len().max(1) {
            return Err("link cursor past the rows".into());
        }
        Ok(())
    }

    fn position(&self, _core: &Core) -> Option<String> {
        if self.matrix {
            return None;
        }
        Some(format!("link {}/{}", (self.selected + 1).min(self.rows.len()), self.rows.len()))
    }

    fn view(&self, core: &Core, area: Rect, buf: &mut Buffer) {
        let t = &core.theme;
        let a = &core.annotations;
        let relation = self.relation.as_ref().and_then(|r| a.relation(r));
        let who = |v: usize| links::short(core, v);
        let relation = relation
            .map_or_else(|| "every relation".to_owned(), |r| sanitize(&r.name).into_owned());
        let filter = format!(
            "{relation} · {}",
            self.voice.map_or_else(|| "every contributor".to_owned(), who),
        );
        let width = area.width.saturating_sub(4).min(110);
        if self.matrix {
            let n = core.doc.voices().len();
            let cell = 10usize;
            let wide = (((n + 1) * cell + 4) as u16).max(60).min(width);
            let title = " Exchanges · from (rows) → to (columns) ";
            let inner = popup(core, area, wide, n as u16 + 6, title, buf);
            let counts = self.counts();
            // Every contributor is a row and a column: only the relation filters.
            let mut lines = vec![Line::from(Span::styled(
                format!(" {relation} · m: back to the list"),
                t.info,
            ))];
            let mut head = format!("{:cell$}", "");
            for v in 0..n {
                head.push_str(&format!("{:>cell$}", fit(&who(v), cell - 1)));
            }
            lines.push(Line::from(Span::styled(head, t.help_heading)));
            for (v, row) in counts.iter().enumerate() {
                let mut spans =
                    vec![Span::styled(format!("{:cell$}", fit(&who(v), cell - 1)), t.help_heading)];
                for c in row {
                    let s = if *c == 0 { "·".to_owned() } else { c.to_string() };
                    spans.push(Span::styled(
                        format!("{s:>cell$}"),
                        if *c == 0 { t.dim } else { Style::new() },
                    ));
                }
                lines.push(Line::from(spans));
            }
            Paragraph::new(lines).render(inner, buf);
            return;
        }
        let height =
            (self.rows.len() as u16 * 2 + 4).clamp(7, area.height.saturating_sub(4).max(7));
        let title = format!(" Links · {} of {} · {filter} ", self.rows.len(), a.links().len());
        let inner = popup(core, area, width, height, &title, buf);
        if self.rows.is_empty() {
            let none = if a.links().is_empty() {
                " No links yet: L on a passage, L on the one it answers (or rebuts, supports…)"
            } else {
                " No link matches the filter: Tab / Shift-Tab change it"
            };
            // Wrapped, not cut: it says which keys make a link.
            Paragraph::new(Line::from(Span::styled(none, t.info)))
                .wrap(ratatui::widgets::Wrap { trim: true })
                .render(inner, buf);
            return;
        }
        let room = usize::from(inner.width).saturating_sub(14) / 2;
        let mut lines = Vec::new();
        // Two lines a link; only the links in the window are drawn (the
        // selected one's pair on screen, as low as it can be).
        let shown = usize::from(inner.height) / 2;
        let first = (self.selected + 1).saturating_sub(shown.max(1));
        for (i, id) in self.rows.iter().enumerate().skip(first).take(shown + 1) {
            let Some(l) = a.link(id) else { continue };
            let (Some(from), Some(to)) = (a.highlight(&l.from), a.highlight(&l.to)) else {
                continue;
            };
            let color = a.relation(&l.relation).map(|r| r.color);
            let way =
                if a.relation(&l.relation).is_some_and(|r| r.both_ways) { "↔" } else { "→" };
            let style = if i == self.selected { t.overlay_selected } else { Style::new() };
            let note = if l.note.trim().is_empty() { "" } else { " ✎" };
            lines.push(Line::from(vec![
                Span::styled(format!(" {} ", sanitize(&l.relation)), t.highlight_of(color)),
                Span::styled(format!(" {} {way} {}{note}", who(from.voice), who(to.voice)), style),
            ]));
            let quote = |h: &crate::model::annotations::Highlight| {
                let q = sanitize(&first_line(&h.quote.exact, 200)).into_owned();
                if h.orphan {
                    format!("(not found) “{}”", fit(&q, room.saturating_sub(12)))
                } else {
                    format!("“{}”", fit(&q, room))
                }
            };
            lines.push(Line::from(Span::styled(
                format!("   {} {way} {}", quote(from), quote(to)),
                t.dim,
            )));
        }
        Paragraph::new(lines).render(inner, buf);
    }
}
