//! Auto-coding (`&` after a search, in the reader or the KWIC list): the
//! chosen tags go on every match at once — on the matched text, or on the
//! sentence or paragraph around each (`Ctrl-t` cycles) — as one undo step;
//! the info line says how many highlights it made and how many were there.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode::{Down, Enter, Esc, Tab, Up};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use ratatui_textarea::TextArea;

use crate::model::annotations::autocode::{self as model, Unit};
use crate::model::count::count;
use crate::model::sanitize::sanitize;
use crate::ui::core::action::Action;
use crate::ui::core::edit::commit;
use crate::ui::core::effect::Effect;
use crate::ui::core::keys::{Binding, Context, bind, ctrl, key};
use crate::ui::core::panel::popup;
use crate::ui::core::room::Room;
use crate::ui::core::text::fit;
use crate::ui::core::{Core, Mode, input, tags};

pub const KEYS: &[Binding] = &[
    bind(Context::AutoCode, &[key(Down), ctrl('n')], Action::Down, "next tag"),
    bind(Context::AutoCode, &[key(Up), ctrl('p')], Action::Up, "previous tag"),
    bind(Context::AutoCode, &[key(Tab)], Action::Check(true), "check or uncheck the tag"),
    bind(
        Context::AutoCode,
        &[ctrl('t')],
        Action::NextTagFilter,
        "code the match, its sentence or its paragraph",
    ),
    bind(
        Context::AutoCode,
        &[key(Enter)],
        Action::Accept,
        "code every match with the checked tags (or the one chosen)",
    ),
    bind(Context::AutoCode, &[key(Esc)], Action::Escape, "cancel"),
];

/// The tags to put on every match of the search, and on what.
#[derive(Clone, Debug)]
pub struct AutoCode {
    pub input: TextArea<'static>,
    /// Tag names (a last one may be new: the query, when it names none).
    pub rows: Vec<String>,
    pub new: Option<String>,
    pub selected: usize,
    pub checked: Vec<String>,
    pub unit: Unit,
    /// How many passages `unit` makes of the matches: worked out when the
    /// unit changes, not on every frame.
    passages: usize,
    revision: u64,
}

impl AutoCode {
    pub fn new(core: &Core) -> Self {
        let mut input = TextArea::default();
        input.set_placeholder_text("type to filter or name a new tag");
        let mut this = Self {
            input,
            rows: Vec::new(),
            new: None,
            selected: 0,
            checked: Vec::new(),
            unit: Unit::Match,
            passages: Self::targets(core, Unit::Match).len(),
            revision: 0,
        };
        this.refilter(core);
        this
    }

    fn refilter(&mut self, core: &Core) {
        let query = input::text(&self.input);
        self.rows = tags::filter(&core.annotations, &query, None);
        self.new = (!query.is_empty() && !tags::exists(&core.annotations, &query)).then_some(query);
        self.selected = self.selected.min(self.len().saturating_sub(1));
        self.revision = core.annotations.revision();
    }

    fn len(&self) -> usize {
        self.rows.len() + usize::from(self.new.is_some())
    }

    fn chosen(&self) -> Option<String> {
        self.rows.get(self.selected).cloned().or_else(|| self.new.clone())
    }

    /// Every match's target at the current unit.
    fn targets(core: &Core, unit: Unit) -> Vec<crate::model::annotations::Target> {
        let matches = core.search.as_ref().map_or(&[][..], |s| s.matches.as_slice());
        model::targets(&core.doc, matches, unit, None)
    }

    fn accept(&mut self, core: &mut Core) -> Effect {
        let names = if self.checked.is_empty() {
            match self.chosen() {
                Some(name) => vec![name],
                None => {
                    core.message = Some("no tag chosen".into());
                    return Effect::None;
                }
            }
        } else {
            self.checked.clone()
        };
        let targets = Self::targets(core, self.unit);
        let (edit, _) = core.annotations.autocode_all(
            &core.doc,
            &targets,
            &names,
            &core.coder,
            core.now,
            || uuid::Uuid::new_v4().to_string(),
        );
        if edit.changes.is_empty() {
            core.message = Some(format!("{} · nothing new to code", edit.label));
            return Effect::Close;
        }
        commit(core, edit);
        Effect::Close
    }
}

fn unit_name(unit: Unit) -> &'static str {
    match unit {
        Unit::Match => "the matched text",
        Unit::Sentence => "each match's sentence",
        Unit::Paragraph => "each match's paragraph",
    }
}

impl Room for AutoCode {
    fn mode(&self) -> Mode {
        Mode::AutoCode
    }
    fn context(&self) -> Context {
        Context::AutoCode
    }
    fn hints(&self) -> &'static [(&'static str, &'static str)] {
        &[("Enter", "code all"), ("Tab", "check"), ("^t", "unit"), ("Esc", "cancel")]
    }

    fn update(&mut self, core: &mut Core, action: Action) -> Effect {
        match action {
            Action::Accept => return self.accept(core),
            Action::Escape => return Effect::Close,
            Action::Down => self.selected = (self.selected + 1).min(self.len().saturating_sub(1)),
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::NextTagFilter => {
                self.unit = match self.unit {
                    Unit::Match => Unit::Sentence,
                    Unit::Sentence => Unit::Paragraph,
                    Unit::Paragraph => Unit::Match,
                };
                self.passages = Self::targets(core, self.unit).len();
            }
            Action::Check(_) => {
                if let Some(name) = self.chosen() {
                    match self.checked.iter().position(|n| *n == name) {
                        Some(i) => drop(self.checked.remove(i)),
                        None => self.checked.push(name),
                    }
                }
            }
            Action::Text(key) => {
                input::edit(&mut self.input, key);
                self.selected = 0;
                self.refilter(core);
            }
            Action::Paste(text) => {
                input::paste(&mut self.input, &text);
                self.selected = 0;
                self.refilter(core);
            }
            _ => {}
        }
        Effect::None
    }

    fn sync(&mut self, core: &Core) {
        if self.revision != core.annotations.revision() {
            self.refilter(core);
        }
    }

    fn alive(&self, core: &Core) -> bool {
        core.search.as_ref().is_some_and(|s| !s.matches.is_empty())
    }

    fn view(&self, core: &Core, area: Rect, buf: &mut Buffer) {
        let t = &core.theme;
        let search = core.search.as_ref();
        let query = search.map(|s| s.query.clone()).unwrap_or_default();
        let n = search.map_or(0, |s| s.matches.len());
        let title =
            format!(" Auto-code {} of “{}” ", count(n, "match", "matches"), sanitize(&query));
        let height = (self.len() as u16 + 5).clamp(7, 20);
        let inner = popup(core, area, 90, height, &title, buf);
        if inner.height < 3 {
            return;
        }
        let [about, input_row, list] =
            Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Fill(1)])
                .areas(inner);
        let passages = count(self.passages, "passage", "passages");
        let about_text = format!("on {} ({passages}) · Ctrl-t changes", unit_name(self.unit));
        buf.set_span(
            about.x,
            about.y,
            &Span::styled(fit(&about_text, usize::from(about.width)).into_owned(), t.dim),
            about.width,
        );
        buf.set_span(input_row.x, input_row.y, &Span::styled("› ", t.help_key), 2);
        let field =
            Rect { x: input_row.x + 2, width: input_row.width.saturating_sub(2), ..input_row };
        crate::ui::core::field::render(&self.input, field, buf);
        let visible = usize::from(list.height);
        let first = self.selected.saturating_sub(visible.saturating_sub(1));
        let all: Vec<(String, bool)> = self
            .rows
            .iter()
            .map(|r| (r.clone(), false))
            .chain(self.new.iter().map(|n| (n.clone(), true)))
            .collect();
        for (i, (name, new)) in all.iter().enumerate().skip(first).take(visible) {
            let y = list.y + (i - first) as u16;
            let mark = if self.checked.contains(name) { "[x] " } else { "[ ] " };
            let line = if *new {
                Line::from(vec![
                    Span::raw(mark),
                    Span::styled(format!("+ new tag “{}”", sanitize(name)), t.help_key),
                ])
            } else {
                let color = core.annotations.tag(name).map(|t| t.color);
                Line::from(vec![
                    Span::raw(mark),
                    Span::styled(format!(" {} ", sanitize(name)), t.highlight_of(color)),
                ])
            };
            let row = Rect { y, height: 1, ..list };
            if i == self.selected {
                buf.set_style(row, t.overlay_selected);
            }
            Paragraph::new(line).render(row, buf);
        }
    }
}
