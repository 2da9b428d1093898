//! The tag picker: a fuzzy filter over the tags, for applying one to a
//! passage (a name that matches none creates it), merging a tag into
//! another, or choosing the tag to compare across voices.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode::{Down, Enter, Esc, Up};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use ratatui_textarea::TextArea;

use crate::model::annotations::Annotations;
use crate::model::sanitize::sanitize;
use crate::ui::core::action::Action;
use crate::ui::core::edit::{apply_tag, commit};
use crate::ui::core::effect::{Effect, Open, PickerPurpose, Reply};
use crate::ui::core::keys::{Binding, Context, bind, ctrl, key};
use crate::ui::core::panel::popup;
use crate::ui::core::room::Room;
use crate::ui::core::text::{self, fit};
use crate::ui::core::{Core, Mode, input};

pub const KEYS: &[Binding] = &[
    bind(Context::Picker, &[key(Down), ctrl('n')], Action::Down, "next tag"),
    bind(Context::Picker, &[key(Up), ctrl('p')], Action::Up, "previous tag"),
    bind(
        Context::Picker,
        &[key(Enter)],
        Action::Accept,
        "apply the tag (a name that matches nothing creates it)",
    ),
    bind(Context::Picker, &[key(Esc)], Action::Escape, "cancel"),
];

/// One row of the picker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PickerRow {
    Existing(String),
    /// A name that matches no tag: choosing it creates the tag.
    New(String),
}

/// Fuzzy tag picker.
#[derive(Clone, Debug)]
pub struct Picker {
    pub input: TextArea<'static>,
    pub rows: Vec<PickerRow>,
    pub selected: usize,
    pub purpose: PickerPurpose,
    /// The annotation revision the rows were filtered at.
    pub revision: u64,
}

impl Picker {
    pub fn new(purpose: PickerPurpose, annotations: &Annotations) -> Self {
        let mut input = TextArea::default();
        input.set_placeholder_text(match purpose {
            PickerPurpose::Apply(_) => "type to filter or name a new tag",
            PickerPurpose::MergeInto(_) | PickerPurpose::Compare => "type to filter the tags",
        });
        let mut this = Self { input, rows: Vec::new(), selected: 0, purpose, revision: 0 };
        this.refilter(annotations);
        this
    }

    pub fn query(&self) -> String {
        self.input.lines().join(" ").trim().to_owned()
    }

    /// Recomputes the rows for the current query: matching tags best first
    /// (all tags, in order, for an empty query), then "new tag" if the query
    /// names none.
    pub fn refilter(&mut self, annotations: &Annotations) {
        let query = self.query();
        let excluded = match &self.purpose {
            PickerPurpose::MergeInto(from) => Some(from.as_str()),
            PickerPurpose::Apply(_) | PickerPurpose::Compare => None,
        };
        let names: Vec<&str> = annotations
            .tags()
            .iter()
            .map(|t| t.name.as_str())
            .filter(|n| Some(*n) != excluded)
            .collect();
        let mut rows: Vec<PickerRow> = if query.is_empty() {
            names.iter().map(|n| PickerRow::Existing((*n).to_owned())).collect()
        } else {
            let mut matcher = Matcher::new(Config::DEFAULT);
            let pattern = Pattern::parse(&query, CaseMatching::Ignore, Normalization::Smart);
            pattern
                .match_list(names.iter().copied(), &mut matcher)
                .into_iter()
                .map(|(n, _)| PickerRow::Existing(n.to_owned()))
                .collect()
        };
        let exists = annotations.tags().iter().any(|t| t.name.eq_ignore_ascii_case(&query));
        if !query.is_empty() && !exists && matches!(self.purpose, PickerPurpose::Apply(_)) {
            rows.push(PickerRow::New(query));
        }
        self.rows = rows;
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
        self.revision = annotations.revision();
    }

    pub fn chosen(&self) -> Option<&PickerRow> {
        self.rows.get(self.selected)
    }
}

impl Room for Picker {
    fn mode(&self) -> Mode {
        Mode::Tag
    }
    fn context(&self) -> Context {
        Context::Picker
    }
    fn hints(&self) -> &'static [(&'static str, &'static str)] {
        match self.purpose {
            PickerPurpose::Apply(_) => &[("Enter", "apply"), ("↑/↓", "choose"), ("Esc", "cancel")],
            PickerPurpose::MergeInto(_) => {
                &[("Enter", "merge"), ("↑/↓", "choose"), ("Esc", "cancel")]
            }
            PickerPurpose::Compare => &[("Enter", "compare"), ("↑/↓", "choose"), ("Esc", "cancel")],
        }
    }

    fn update(&mut self, core: &mut Core, action: Action) -> Effect {
        match action {
            Action::Accept => return self.accept(core),
            Action::Escape => return Effect::Close,
            Action::Down => {
                self.selected = (self.selected + 1).min(self.rows.len().saturating_sub(1))
            }
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Text(key) => {
                input::edit(&mut self.input, key);
                self.selected = 0;
                self.refilter(&core.annotations);
            }
            _ => {}
        }
        Effect::None
    }

    fn sync(&mut self, core: &Core) {
        if self.revision != core.annotations.revision() {
            self.refilter(&core.annotations);
        }
    }

    fn check(&self, core: &Core) -> Result<(), String> {
        if self.revision != core.annotations.revision() {
            return Err("picker rows are stale".into());
        }
        for row in &self.rows {
            if let PickerRow::Existing(name) = row
                && core.annotations.tag(name).is_none()
            {
                return Err(format!("picker offers “{name}”, which is no tag"));
            }
        }
        Ok(())
    }

    fn view(&self, core: &Core, area: Rect, buf: &mut Buffer) {
        let p = self;
        let t = &core.theme;
        let title = match &p.purpose {
            PickerPurpose::Apply(_) => " Tag ".to_owned(),
            PickerPurpose::MergeInto(from) => format!(" Merge “{}” into ", sanitize(from)),
            PickerPurpose::Compare => " Compare which tag across voices? ".to_owned(),
        };
        let applied: Vec<String> = match &p.purpose {
            PickerPurpose::Apply(target) => {
                core.annotations.exact(target).map(|h| h.tags.clone()).unwrap_or_default()
            }
            PickerPurpose::MergeInto(_) | PickerPurpose::Compare => Vec::new(),
        };
        let height = (p.rows.len() as u16 + 4).clamp(6, 20);
        // Wide enough for the longest tag and its description on one line
        // when the screen allows (at least 100 columns when it does not).
        let natural = p
            .rows
            .iter()
            .filter_map(|row| match row {
                PickerRow::Existing(name) => core.annotations.tag(name).map(|tag| {
                    text::width(&sanitize(name)) + text::width(&sanitize(&tag.description)) + 12
                }),
                PickerRow::New(_) => None,
            })
            .max()
            .unwrap_or(0);
        let width = u16::try_from(natural)
            .unwrap_or(u16::MAX)
            .clamp(100, area.width.saturating_sub(4).max(100));
        let inner = popup(core, area, width, height, &title, buf);
        if inner.height < 2 {
            return;
        }
        let [input_row, list] =
            Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
        let prefix = Span::styled("› ", t.help_key);
        buf.set_span(input_row.x, input_row.y, &prefix, 2);
        let input_area =
            Rect { x: input_row.x + 2, width: input_row.width.saturating_sub(2), ..input_row };
        p.input.render(input_area, buf);
        let visible = usize::from(list.height);
        let first = p.selected.saturating_sub(visible.saturating_sub(1));
        for (i, row) in p.rows.iter().enumerate().skip(first).take(visible) {
            let y = list.y + (i - first) as u16;
            let line = match row {
                PickerRow::Existing(name) => {
                    let tag = core.annotations.tag(name);
                    let color = tag.map(|t| t.color);
                    let mark = if applied.contains(name) { "✓ " } else { "  " };
                    let key = tag.and_then(|t| t.key).map_or("  ".to_owned(), |k| format!("{k} "));
                    let description = tag.map(|t| t.description.as_str()).unwrap_or("");
                    let room = usize::from(list.width).saturating_sub(name.chars().count() + 10);
                    Line::from(vec![
                        Span::raw(mark),
                        Span::styled(key, t.help_key),
                        Span::styled(format!(" {} ", sanitize(name)), t.highlight_of(color)),
                        Span::styled(format!("  {}", fit(&sanitize(description), room)), t.dim),
                    ])
                }
                PickerRow::New(name) => Line::from(vec![
                    Span::raw("  + "),
                    Span::styled(format!("new tag “{}”", sanitize(name)), t.help_key),
                ]),
            };
            let area = Rect { y, height: 1, ..list };
            Paragraph::new(line).render(area, buf);
            if i == p.selected {
                buf.set_style(area, t.overlay_selected);
            }
        }
        if p.rows.is_empty() {
            Paragraph::new(Span::styled("  no tag matches", t.dim)).render(list, buf);
        }
    }
}

impl Picker {
    /// Enter: apply, merge or compare the tag chosen.
    fn accept(&mut self, core: &mut Core) -> Effect {
        let Some(row) = self.chosen().cloned() else {
            core.message = Some(format!("no tag matches “{}”", self.query()));
            return Effect::None;
        };
        match (&self.purpose, row) {
            (PickerPurpose::Apply(target), PickerRow::Existing(name)) => {
                apply_tag(core, *target, &name, false);
                Effect::Close
            }
            (PickerPurpose::Apply(target), PickerRow::New(name)) => {
                apply_tag(core, *target, &name, true);
                Effect::Close
            }
            (PickerPurpose::MergeInto(from), PickerRow::Existing(into)) => {
                let edit = core.annotations.merge_tags(from, &into, core.now);
                commit(core, edit);
                // The tag manager below goes to the tag merged into.
                Effect::Reply(Reply::Tag(into))
            }
            (PickerPurpose::Compare, PickerRow::Existing(name)) => {
                Effect::Replace(Open::Compare(name))
            }
            (PickerPurpose::MergeInto(_) | PickerPurpose::Compare, PickerRow::New(_)) => {
                Effect::None
            }
        }
    }
}
