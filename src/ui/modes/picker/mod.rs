//! The tag picker: a fuzzy filter over the tags, for coding a passage
//! (shown above the filter; the tags on it checked, `Space`/`Tab` check
//! more or fewer, `Enter` sets exactly those; a name that matches none
//! creates it), merging a tag into another, or choosing the tag to compare
//! across voices.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode::{Down, Enter, Esc, Tab, Up};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui_textarea::TextArea;

use crate::model::annotations::Annotations;
use crate::model::sanitize::sanitize;
use crate::ui::core::action::Action;
use crate::ui::core::edit::{apply_defined, apply_tag, commit};
use crate::ui::core::effect::{Effect, Open, PickerPurpose, Reply};
use crate::ui::core::keys::{Binding, Context, bind, ch, ctrl, key};
use crate::ui::core::room::Room;
use crate::ui::core::{Core, Mode, input, line, tags, text};

mod finish;
mod theirs;
mod view;

pub use theirs::Theirs;

pub const KEYS: &[Binding] = &[
    bind(Context::Picker, &[key(Down), ctrl('n')], Action::Down, "next tag"),
    bind(Context::Picker, &[key(Up), ctrl('p')], Action::Up, "previous tag"),
    bind(
        Context::Picker,
        &[key(Tab)],
        Action::Check(true),
        "check or uncheck the tag (those on it start checked)",
    ),
    bind(
        Context::Picker,
        &[ch(' ')],
        Action::Check(false),
        "check or uncheck the tag, while the filter is empty",
    ),
    bind(
        Context::Picker,
        &[key(Enter)],
        Action::Accept,
        "set the checked tags (none toggled: apply the one chosen)",
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
    /// Applying: the tags checked (at first, those on the passage).
    pub checked: Vec<String>,
    /// Applying: new tags checked (created on `Enter` if still checked).
    pub created: Vec<String>,
    /// Whether a tag was checked or unchecked since the picker opened.
    pub toggled: bool,
    /// How wide the rows are, worked out with them (not in every frame).
    pub widths: RowWidths,
    /// Applying, with another coder beside us: who, and the tags of theirs
    /// on the passage that we have no tag of that name for — offered
    /// below ours, made with their colour and description if chosen (to
    /// adopt their coding of a disagreement is `>`, `t`, `Enter`).
    pub theirs: Theirs,
}

/// What the view lays the rows out by: the widest tag name and
/// description, and the column where each tag's chip ends (its mark, key
/// and indent counted; sorted).
#[derive(Clone, Debug, Default)]
pub struct RowWidths {
    pub name: usize,
    pub description: usize,
    pub chip_ends: Vec<usize>,
}

impl RowWidths {
    fn of(rows: &[PickerRow], annotations: &Annotations, tree: bool, applying: bool) -> Self {
        let mut out = RowWidths::default();
        for row in rows {
            let PickerRow::Existing(name) = row else { continue };
            let Some(tag) = annotations.tag(name) else { continue };
            out.name = out.name.max(text::width(&sanitize(name)));
            out.description = out.description.max(text::width(&sanitize(&tag.description)));
            let (indent, shown) = shown(name, tree, annotations);
            let mark = if applying { 4 } else { 2 };
            out.chip_ends.push(mark + 2 + 2 * indent + text::width(&shown) + 2 + 2);
        }
        out.chip_ends.sort_unstable();
        out
    }
}

/// A tag's name as its row shows it, and its indent: unfiltered (`tree`),
/// the tags are a tree, each under its parent by the rest of its name;
/// filtered, whole names.
pub(super) fn shown(name: &str, tree: bool, annotations: &Annotations) -> (usize, String) {
    let (indent, shown) = if tree {
        crate::model::annotations::tree::shown(name, |n| annotations.tag(n).is_some())
    } else {
        (0, name)
    };
    (indent, sanitize(shown).into_owned())
}

impl Picker {
    pub fn new(purpose: PickerPurpose, core: &Core) -> Self {
        let annotations = &core.annotations;
        let mut input = TextArea::default();
        input.set_placeholder_text(match purpose {
            PickerPurpose::Apply(_) => "type to filter or name a new tag",
            PickerPurpose::MergeInto(_) | PickerPurpose::Compare => "type to filter the tags",
        });
        let (checked, theirs) = match &purpose {
            PickerPurpose::Apply(target) => (
                annotations.exact(target).map(|h| h.tags.clone()).unwrap_or_default(),
                Theirs::on(core, target),
            ),
            PickerPurpose::MergeInto(_) | PickerPurpose::Compare => (Vec::new(), Theirs::default()),
        };
        let mut this = Self {
            input,
            rows: Vec::new(),
            selected: 0,
            purpose,
            revision: 0,
            checked,
            created: Vec::new(),
            toggled: false,
            widths: RowWidths::default(),
            theirs,
        };
        this.refilter(annotations);
        // The cursor starts on the first of the other coder's tags on the
        // passage that is not on ours (`Enter` adopts it, and takes nothing
        // off), or else on the first tag checked.
        let named = |r: &PickerRow| match r {
            PickerRow::Existing(name) | PickerRow::New(name) => name.clone(),
        };
        let adopt = |r: &PickerRow| this.theirs.on.contains(&named(r)) && !this.is_checked(r);
        let first = (this.rows.iter().position(adopt))
            .or_else(|| this.rows.iter().position(|r| this.is_checked(r)));
        if let Some(i) = first {
            this.selected = i;
        }
        this
    }

    /// What is typed, without white space or invisible characters at
    /// either end (a lone zero-width space made a tag no one could see).
    pub fn query(&self) -> String {
        crate::model::sanitize::trim_invisible(&self.input.lines().join(" ")).to_owned()
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
        let mut rows: Vec<PickerRow> = tags::filter(annotations, &query, excluded)
            .into_iter()
            .map(PickerRow::Existing)
            .collect();
        let exists = tags::exists(annotations, &query);
        let applying = matches!(self.purpose, PickerPurpose::Apply(_));
        if !query.is_empty() && !exists && applying {
            // Words whose letters are only scattered over a tag's words
            // (`cross para` in `reciprocity & market access`) are a new
            // name, typed as such; one word is an abbreviation (`hrf`).
            let held =
                |r: &PickerRow| matches!(r, PickerRow::Existing(n) if tags::holds_words(n, &query));
            let words = query.split_whitespace().count();
            let at = if words < 2 || rows.iter().any(held) { rows.len() } else { 0 };
            rows.insert(at, PickerRow::New(query.clone()));
        }
        if query.is_empty() && applying {
            // New tags checked earlier, still to be created.
            rows.extend(self.created.iter().map(|n| PickerRow::New(n.clone())));
        }
        // The other coder's tags we lack, matching what is typed (each
        // once): below ours unfiltered, first when typed (they are on the
        // passage; a scattered match of ours is not).
        let lower = query.to_lowercase();
        let mut at = if query.is_empty() { rows.len() } else { 0 };
        for tag in &self.theirs.missing {
            let row = PickerRow::New(tag.name.clone());
            if applying && tag.name.to_lowercase().contains(&lower) {
                rows.retain(|r| r != &row);
                at = at.min(rows.len());
                rows.insert(at, row);
                at += 1;
            }
        }
        self.widths = RowWidths::of(&rows, annotations, query.is_empty(), applying);
        self.rows = rows;
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
        self.revision = annotations.revision();
    }

    pub fn chosen(&self) -> Option<&PickerRow> {
        self.rows.get(self.selected)
    }

    /// Whether a row for tag `name` is listed (the filter can hide one).
    pub fn shows(&self, name: &str) -> bool {
        self.rows
            .iter()
            .any(|r| matches!(r, PickerRow::Existing(n) | PickerRow::New(n) if n == name))
    }

    pub fn is_checked(&self, row: &PickerRow) -> bool {
        match row {
            PickerRow::Existing(name) | PickerRow::New(name) => self.checked.contains(name),
        }
    }

    /// `Space` / `Tab`: checks or unchecks the tag under the cursor.
    fn toggle(&mut self) {
        let Some(row) = self.chosen().cloned() else { return };
        let (PickerRow::Existing(name) | PickerRow::New(name)) = &row;
        match self.checked.iter().position(|n| n == name) {
            Some(i) => {
                self.checked.remove(i);
            }
            None => self.checked.push(name.clone()),
        }
        if let PickerRow::New(name) = row
            && !self.created.contains(&name)
        {
            self.created.push(name);
        }
        self.toggled = true;
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
            PickerPurpose::Apply(_) => {
                &[("Enter", "apply"), ("Space/Tab", "check"), ("↑/↓", "choose"), ("Esc", "cancel")]
            }
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
            Action::Check(always) if !matches!(self.purpose, PickerPurpose::Apply(_)) => {
                if !always {
                    return self.update(core, Action::Text(space()));
                }
            }
            Action::Check(always) if !always && !self.query().is_empty() => {
                return self.update(core, Action::Text(space()));
            }
            Action::Check(_) => self.toggle(),
            Action::Text(key) => {
                input::edit(&mut self.input, key);
                self.selected = 0;
                self.refilter(&core.annotations);
            }
            Action::Paste(text) => {
                input::paste(&mut self.input, &text);
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
        view::draw(self, core, area, buf);
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
            (PickerPurpose::Apply(target), _) if self.toggled => {
                let tags = self.checked.clone();
                finish::finish(core, *target, tags, &self.created, &self.theirs)
            }
            // Taking off the last tag takes the highlight (or asks, in
            // the picker's place).
            (PickerPurpose::Apply(target), row) => {
                let applied = match row {
                    PickerRow::Existing(name) => apply_tag(core, *target, &name, false),
                    PickerRow::New(name) => match self.theirs.missing(&name) {
                        Some(tag) => apply_defined(core, *target, &name, Some(tag.clone())),
                        None => apply_tag(core, *target, &name, true),
                    },
                };
                match applied {
                    Effect::Open(question) => Effect::Replace(question),
                    _ => Effect::Close,
                }
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

/// A space typed into the filter.
fn space() -> KeyEvent {
    KeyEvent::new(KeyCode::Char(' '), KeyModifiers::NONE)
}

/// The passage being coded, in a line of `width` cells: as much of its
/// start and end as fits, and its length — `“national security concerns” ·
/// 3 words`, `“While that date … is hardly resolved.” · 48 words`.
pub fn passage(quote: &str, width: usize) -> String {
    let words: Vec<String> = quote.split_whitespace().map(|w| sanitize(w).into_owned()).collect();
    // Counted as the selection's size and the tables count words.
    let n = crate::model::segment::word_count(quote);
    let count = format!(" · {}", crate::model::count::count(n, "word", "words"));
    let room = width.saturating_sub(text::width(&count) + 2);
    format!("{}{count}", line::in_quotes(quote, &line::ends(&words.join(" "), room)))
}
