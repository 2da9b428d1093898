//! The agreement view (`A`, with `--against`): per tag (tree order, a
//! parent rolling up its branch), the units compared, coded by both / only
//! us / only them, percent agreement, Cohen's κ and Krippendorff's α, on
//! sentences, paragraphs or characters (`u` cycles). `Enter` on a tag lists
//! where we disagree (voice, first words, who coded it); `Enter` on one
//! goes to it in the reader, and `>` / `<` there step through the rest.
//! `Esc` goes back a level.
//!
//! The report is computed when the view opens and again only when our
//! annotations' revision or the unit changes.

mod view;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode::{Down, Enter, Esc, PageDown, PageUp, Up};
use ratatui::layout::Rect;

use crate::model::agree::{Report, Row, Unit};
use crate::ui::core::action::Action;
use crate::ui::core::against::Stretch;
use crate::ui::core::disagree;
use crate::ui::core::effect::Effect;
use crate::ui::core::keys::{Binding, Context, bind, ch, key};
use crate::ui::core::room::Room;
use crate::ui::core::{Core, Mode};

pub const KEYS: &[Binding] = &[
    bind(Context::Agree, &[ch('j'), key(Down)], Action::Down, "next tag (or disagreement)"),
    bind(Context::Agree, &[ch('k'), key(Up)], Action::Up, "previous tag (or disagreement)"),
    bind(Context::Agree, &[key(PageDown)], Action::PageDown, "page down"),
    bind(Context::Agree, &[key(PageUp)], Action::PageUp, "page up"),
    bind(
        Context::Agree,
        &[ch('u')],
        Action::CycleUnit,
        "compare by sentence, paragraph or character",
    ),
    bind(
        Context::Agree,
        &[key(Enter)],
        Action::Accept,
        "the tag's disagreements; on one, go there in the reader",
    ),
    bind(Context::Agree, &[key(Esc), ch('A')], Action::Escape, "back to the tags, or close"),
];

/// One tag's disagreements, and the one under the cursor.
#[derive(Clone, Debug)]
pub struct Detail {
    /// `None`: every tag without tags under it.
    pub tag: Option<String>,
    pub list: Vec<Stretch>,
    pub row: usize,
}

/// The report at annotation revision `revision` and `unit`, the tag under
/// the cursor (row `tags.len()`: all tags pooled), and the disagreements
/// listed, if any.
#[derive(Clone, Debug)]
pub struct AgreeView {
    pub unit: Unit,
    pub revision: u64,
    pub report: Report,
    pub row: usize,
    pub detail: Option<Detail>,
    /// Voices in the conversation: each tag has a row per voice, then all.
    voices: usize,
}

fn next_unit(u: Unit) -> Unit {
    match u {
        Unit::Sentence => Unit::Paragraph,
        Unit::Paragraph => Unit::Char,
        Unit::Char => Unit::Sentence,
    }
}

impl AgreeView {
    /// The view on the stepping's unit, its cursor on the tag last chosen.
    pub fn new(core: &Core) -> Self {
        let unit = core.stepping.unit;
        let report = disagree::report(core, unit).unwrap_or_else(|| empty(unit));
        let row = core
            .stepping
            .tag
            .as_ref()
            .and_then(|t| report.tags.iter().position(|n| n == t))
            .unwrap_or(0);
        let voices = core.doc.voices().len();
        Self { unit, revision: core.annotations.revision(), report, row, detail: None, voices }
    }

    /// The summary row of line `i`: a tag over every voice, or (past the
    /// tags) every tag pooled.
    pub fn line(&self, i: usize) -> &Row {
        let voices = self.voices;
        if i < self.report.tags.len() {
            &self.report.rows[i * (voices + 1) + voices]
        } else {
            &self.report.rows[self.report.rows.len() - 1]
        }
    }

    /// Lines: one per tag, then all tags.
    pub fn lines(&self) -> usize {
        self.report.tags.len() + 1
    }

    fn rebuild(&mut self, core: &Core) {
        let tag = self.report.tags.get(self.row).cloned();
        self.report = disagree::report(core, self.unit).unwrap_or_else(|| empty(self.unit));
        self.revision = core.annotations.revision();
        if let Some(i) = tag.and_then(|t| self.report.tags.iter().position(|n| *n == t)) {
            self.row = i;
        }
        self.row = self.row.min(self.lines() - 1);
        if let Some(d) = &mut self.detail {
            d.list = disagree::stretches(core, self.unit, d.tag.as_deref());
            d.row = d.row.min(d.list.len().saturating_sub(1));
        }
    }

    /// `Enter`: the tag's disagreements; on one, the reader there.
    fn accept(&mut self, core: &mut Core) -> Effect {
        if let Some(d) = &self.detail {
            if d.list.is_empty() {
                return Effect::None;
            }
            disagree::jump(core, d.row);
            return Effect::Home;
        }
        let tag = self.report.tags.get(self.row).cloned();
        core.stepping.tag = tag.clone();
        core.stepping.unit = self.unit;
        let list = disagree::stretches(core, self.unit, tag.as_deref());
        self.detail = Some(Detail { tag, list, row: 0 });
        Effect::None
    }
}

/// A report with no tags, for a view without another coder.
fn empty(unit: Unit) -> Report {
    let row = Row { tag: None, voice: None, counts: Default::default() };
    Report {
        unit,
        coders: Vec::new(),
        tags: Vec::new(),
        parent: Vec::new(),
        rows: vec![row],
        orphans: Vec::new(),
    }
}

impl Room for AgreeView {
    fn mode(&self) -> Mode {
        Mode::Agree
    }
    fn context(&self) -> Context {
        Context::Agree
    }
    fn hints(&self) -> &'static [(&'static str, &'static str)] {
        &[("jk", "move"), ("Enter", "disagreements / go"), ("u", "unit"), ("Esc", "back")]
    }

    fn update(&mut self, core: &mut Core, action: Action) -> Effect {
        let page = usize::from(core.size.1.saturating_sub(10)).max(1);
        let (row, len) = match &mut self.detail {
            Some(d) => (&mut d.row, d.list.len()),
            None => (&mut self.row, self.report.tags.len() + 1),
        };
        let last = len.saturating_sub(1);
        match action {
            Action::Down => *row = (*row + 1).min(last),
            Action::Up => *row = row.saturating_sub(1),
            Action::PageDown => *row = (*row + page).min(last),
            Action::PageUp => *row = row.saturating_sub(page),
            Action::CycleUnit => {
                self.unit = next_unit(self.unit);
                core.stepping.unit = self.unit;
                self.rebuild(core);
                core.message = Some(format!("agreement by {}", self.unit.name()));
            }
            Action::Accept => return self.accept(core),
            Action::Escape => {
                if self.detail.take().is_none() {
                    return Effect::Close;
                }
            }
            _ => {}
        }
        Effect::None
    }

    fn view(&self, core: &Core, area: Rect, buf: &mut Buffer) {
        view::draw(self, core, area, buf);
    }

    fn sync(&mut self, core: &Core) {
        if self.revision != core.annotations.revision() {
            self.rebuild(core);
        }
    }

    fn check(&self, core: &Core) -> Result<(), String> {
        if self.revision != core.annotations.revision() {
            return Err("agreement report is stale".into());
        }
        if self.row >= self.lines() {
            return Err("agreement cursor is outside the tags".into());
        }
        if let Some(d) = &self.detail
            && d.row > 0
            && d.row >= d.list.len()
        {
            return Err("disagreement cursor is outside the list".into());
        }
        Ok(())
    }
}
