//! The annotation list (`a`): every highlight with its contributor, tags,
//! the start of its quote and a note mark, orphans in a group of their own.
//! Typing filters by the text of the quote or note; `Tab` and `Shift-Tab`
//! cycle a tag filter (each tag, then [`NO_TAG`]: the highlights without
//! one) and a contributor filter; `Enter` goes to the highlight;
//! `Ctrl-t`, `Ctrl-e`, `Ctrl-d` retag, edit the note, delete.
//!
//! The list stays underneath the picker, note editor and questions it
//! opens, and is there again when they close; opened from the matrix, `Esc`
//! goes back to the matrix's cell.

mod view;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode::{BackTab, Down, Enter, Esc, PageDown, PageUp, Tab, Up};
use ratatui::layout::Rect;
use ratatui_textarea::TextArea;

use crate::model::annotations::{Annotations, Target, tree};
use crate::model::stats::NO_TAG;
use crate::ui::core::action::Action;
use crate::ui::core::edit;
use crate::ui::core::effect::{Effect, Open, PickerPurpose};
use crate::ui::core::keys::{Binding, Context, bind, ctrl, key};
use crate::ui::core::room::Room;
use crate::ui::core::{Core, Mode, input};

pub const KEYS: &[Binding] = &[
    bind(Context::List, &[key(Down), ctrl('n')], Action::Down, "next highlight"),
    bind(Context::List, &[key(Up), ctrl('p')], Action::Up, "previous highlight"),
    bind(Context::List, &[key(PageDown)], Action::PageDown, "ten down"),
    bind(Context::List, &[key(PageUp)], Action::PageUp, "ten up"),
    bind(
        Context::List,
        &[key(Tab)],
        Action::NextTagFilter,
        "only the next tag (then those with none, then all)",
    ),
    bind(
        Context::List,
        &[key(BackTab)],
        Action::NextVoiceFilter,
        "only the next contributor (then all)",
    ),
    bind(Context::List, &[key(Enter)], Action::Accept, "go to the highlight in its pane"),
    bind(Context::List, &[ctrl('t')], Action::Tag, "tag it (the picker)"),
    bind(Context::List, &[ctrl('e')], Action::Note, "write or edit its note"),
    bind(Context::List, &[ctrl('d')], Action::Delete, "delete it (asks first if it has a note)"),
    bind(Context::List, &[key(Esc)], Action::Escape, "close"),
];

/// The list's state: filters, the rows they leave, the selection.
#[derive(Clone, Debug)]
pub struct ListState {
    pub filter: TextArea<'static>,
    /// Only highlights carrying this tag (or a tag under it); [`NO_TAG`]:
    /// only those without a tag.
    pub tag: Option<String>,
    /// Only this contributor's (voice's) highlights.
    pub voice: Option<usize>,
    /// Indices into `Annotations::highlights()` that pass, in its order
    /// (document order, orphans last).
    pub rows: Vec<usize>,
    pub selected: usize,
    /// Each highlight's quote and note, lowercased, built once per revision.
    folded: Vec<String>,
    revision: u64,
}

impl ListState {
    pub fn new(annotations: &Annotations, tag: Option<String>, voice: Option<usize>) -> Self {
        let mut filter = TextArea::default();
        filter.set_placeholder_text("type to filter by quote or note");
        let mut this = Self {
            filter,
            tag,
            voice,
            rows: Vec::new(),
            selected: 0,
            folded: Vec::new(),
            revision: u64::MAX,
        };
        this.refresh(annotations);
        this
    }

    pub fn query(&self) -> String {
        self.filter.lines().join(" ")
    }

    /// Recomputes the rows (and, after a change, the folded texts).
    pub fn refresh(&mut self, annotations: &Annotations) {
        if self.revision != annotations.revision()
            || self.folded.len() != annotations.highlights().len()
        {
            self.folded = annotations
                .highlights()
                .iter()
                .map(|h| format!("{}\u{1f}{}", h.quote.exact, h.note).to_lowercase())
                .collect();
            self.revision = annotations.revision();
        }
        let query = self.query().to_lowercase();
        let query = query.trim();
        self.rows = annotations
            .highlights()
            .iter()
            .enumerate()
            .filter(|(_, h)| self.voice.is_none_or(|v| h.voice == v))
            .filter(|(_, h)| {
                self.tag
                    .as_ref()
                    // A parent tag's filter shows the tags under it too.
                    .is_none_or(|t| {
                        tree::carries_within(&h.tags, t) || (t == NO_TAG && h.tags.is_empty())
                    })
            })
            .filter(|(i, _)| query.is_empty() || self.folded[*i].contains(query))
            .map(|(i, _)| i)
            .collect();
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
    }

    /// The revision of the annotations the rows were built from.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The highlight index selected, if any row is.
    pub fn chosen(&self) -> Option<usize> {
        self.rows.get(self.selected).copied()
    }
}

fn cycle<T: Clone + PartialEq>(options: &[T], current: &Option<T>) -> Option<T> {
    match current {
        None => options.first().cloned(),
        Some(c) => options.iter().position(|o| o == c).and_then(|i| options.get(i + 1)).cloned(),
    }
}

impl Room for ListState {
    fn mode(&self) -> Mode {
        Mode::List
    }
    fn context(&self) -> Context {
        Context::List
    }
    fn hints(&self) -> &'static [(&'static str, &'static str)] {
        &[
            ("Enter", "go to"),
            ("Tab", "tag"),
            ("S-Tab", "voice"),
            ("^d", "delete"),
            ("Esc", "close"),
        ]
    }

    fn update(&mut self, core: &mut Core, action: Action) -> Effect {
        let list = self;
        let last = list.rows.len().saturating_sub(1);
        match action {
            Action::Escape => return Effect::Close,
            Action::Down => list.selected = (list.selected + 1).min(last),
            Action::Up => list.selected = list.selected.saturating_sub(1),
            Action::PageDown => list.selected = (list.selected + 10).min(last),
            Action::PageUp => list.selected = list.selected.saturating_sub(10),
            Action::NextTagFilter => {
                // In tree order, a parent (tag or not) before its children;
                // last, the highlights with no tag.
                let mut tags: Vec<String> =
                    tree::tree(core.annotations.tags()).into_iter().map(|n| n.name).collect();
                if !tags.iter().any(|t| t == NO_TAG) {
                    tags.push(NO_TAG.to_owned());
                }
                list.tag = cycle(&tags, &list.tag);
                list.selected = 0;
                list.refresh(&core.annotations);
            }
            Action::NextVoiceFilter => {
                let voices: Vec<usize> = (0..core.doc.voices().len()).collect();
                list.voice = cycle(&voices, &list.voice);
                list.selected = 0;
                list.refresh(&core.annotations);
            }
            // The filter edits like every prompt.
            Action::Text(key) => {
                input::edit(&mut list.filter, key);
                list.selected = 0;
                list.refresh(&core.annotations);
            }
            Action::Paste(text) => {
                input::paste(&mut list.filter, &text);
                list.selected = 0;
                list.refresh(&core.annotations);
            }
            Action::Accept => return list.go_to_chosen(core),
            Action::Tag | Action::Note | Action::Delete => {
                return list.act_on_chosen(core, &action);
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
            self.refresh(&core.annotations);
        }
    }

    fn check(&self, core: &Core) -> Result<(), String> {
        let highlights = core.annotations.highlights().len();
        if self.revision != core.annotations.revision() {
            return Err("list rows are stale".into());
        }
        if let Some(bad) = self.rows.iter().find(|&&i| i >= highlights) {
            return Err(format!("list row {bad} is past {highlights} highlights"));
        }
        if !self.rows.is_empty() && self.selected >= self.rows.len() {
            return Err("list selection is past its rows".into());
        }
        Ok(())
    }
}

impl ListState {
    /// Enter: close the list (and whatever opened it) and put the cursor
    /// on the highlight.
    fn go_to_chosen(&mut self, core: &mut Core) -> Effect {
        let Some(i) = self.chosen() else { return Effect::None };
        let Some(h) = core.annotations.highlights().get(i).map(std::sync::Arc::clone) else {
            return Effect::None;
        };
        if h.orphan {
            core.message =
                Some("not found in the text: O lists the orphans to re-attach them".into());
            return Effect::None;
        }
        core.go_to(h.voice, h.start);
        Effect::Home
    }

    /// Ctrl-t / Ctrl-e / Ctrl-d on the chosen highlight; the list is there
    /// again after.
    fn act_on_chosen(&mut self, core: &mut Core, action: &Action) -> Effect {
        let Some(i) = self.chosen() else { return Effect::None };
        let Some(h) = core.annotations.highlights().get(i).map(std::sync::Arc::clone) else {
            return Effect::None;
        };
        let target = Target { voice: h.voice, start: h.start, end: h.end };
        if edit::read_only(core) {
            return Effect::None;
        }
        match action {
            Action::Tag if h.orphan => {
                core.message = Some("re-attach it first (O), then tag it".into());
                Effect::None
            }
            Action::Tag => Effect::Open(Open::Picker(PickerPurpose::Apply(target))),
            Action::Note => Effect::Open(Open::Note { id: Some(h.id.clone()), target }),
            Action::Delete => edit::delete_highlight(core, &h.id),
            _ => Effect::None,
        }
    }
}
