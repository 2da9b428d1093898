//! Compare mode (`c`): choose a tag, and each contributor's pane shows only
//! the passages carrying it, each in one run with the text around it in
//! its paragraph (dimmed, `…` where cut), side by side; `j`/`k` choose a
//! passage, `Tab`/`h`/`l` a voice, `Enter` returns to the reader at that
//! passage, `Esc` leaves. Each voice's pane lists its
//! passages; a voice with none says so.

mod view;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode::{BackTab, Down, Enter, Esc, Left, Right, Tab, Up};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Clear, Paragraph, Widget};

use crate::model::count::count;
use crate::ui::core::action::Action;
use crate::ui::core::effect::Effect;
use crate::ui::core::keys::{Binding, Context, bind, ch, key};
use crate::ui::core::room::Room;
use crate::ui::core::{Core, Mode};

pub const KEYS: &[Binding] = &[
    bind(Context::Compare, &[ch('j'), key(Down)], Action::Down, "next passage in this voice"),
    bind(Context::Compare, &[ch('k'), key(Up)], Action::Up, "previous passage in this voice"),
    bind(Context::Compare, &[key(Tab), ch('l'), key(Right)], Action::FocusNext, "next voice"),
    bind(
        Context::Compare,
        &[key(BackTab), ch('h'), key(Left)],
        Action::FocusPrev,
        "previous voice",
    ),
    bind(Context::Compare, &[key(Enter)], Action::Accept, "back to the reader at this passage"),
    bind(Context::Compare, &[key(Esc), ch('c')], Action::Escape, "leave compare mode"),
];

/// The tag compared, each voice's passages (indices into
/// `Annotations::highlights()` at annotation revision `revision`), and the
/// passage chosen in each voice.
#[derive(Clone, Debug)]
pub struct CompareView {
    pub tag: String,
    pub passages: Vec<Vec<usize>>,
    pub selected: Vec<usize>,
    pub revision: u64,
    /// The focused voice and the leftmost on screen before compare opened:
    /// `Esc` goes back there (`Enter` goes to the passage instead).
    pub back: (usize, usize),
}

impl CompareView {
    pub fn new(core: &Core, tag: &str) -> Self {
        let mut passages = vec![Vec::new(); core.doc.voices().len()];
        for (i, h) in core.annotations.highlights().iter().enumerate() {
            if !h.orphan && h.tags.iter().any(|t| t == tag) {
                passages[h.voice].push(i);
            }
        }
        let selected = vec![0; passages.len()];
        Self {
            tag: tag.to_owned(),
            passages,
            selected,
            revision: core.annotations.revision(),
            back: (core.focus, core.first_visible),
        }
    }

    /// Recomputes the passages after a change, keeping each voice's choice
    /// where it still can.
    pub fn rebuild(&mut self, core: &Core) {
        let selected = std::mem::take(&mut self.selected);
        let back = self.back;
        *self = Self { back, ..Self::new(core, &self.tag) };
        for (new, old) in self.selected.iter_mut().zip(selected) {
            *new = old;
        }
        for (chosen, passages) in self.selected.iter_mut().zip(&self.passages) {
            *chosen = (*chosen).min(passages.len().saturating_sub(1));
        }
    }
}

/// The tag chosen: compare it, opening on the first voice that has a
/// passage (scrolled into the strip).
pub fn start(core: &mut Core, tag: &str) -> CompareView {
    let view = CompareView::new(core, tag);
    let total: usize = view.passages.iter().map(Vec::len).sum();
    if let Some(voice) = view.passages.iter().position(|p| !p.is_empty()) {
        core.focus_on(voice);
    }
    core.message = Some(format!("{} under “{tag}”", count(total, "passage", "passages")));
    view
}

impl Room for CompareView {
    fn mode(&self) -> Mode {
        Mode::Compare
    }
    fn context(&self) -> Context {
        Context::Compare
    }
    fn hints(&self) -> &'static [(&'static str, &'static str)] {
        &[("j/k", "passage"), ("Tab", "voice"), ("Enter", "go"), ("Esc", "leave")]
    }

    fn update(&mut self, core: &mut Core, action: Action) -> Effect {
        let n = core.panes.len();
        let focus = core.focus;
        let count = self.passages[focus].len();
        match action {
            Action::Escape => {
                (core.focus, core.first_visible) = self.back;
                core.reveal_focus();
                return Effect::Close;
            }
            Action::Down => {
                self.selected[focus] = (self.selected[focus] + 1).min(count.saturating_sub(1))
            }
            Action::Up => self.selected[focus] = self.selected[focus].saturating_sub(1),
            Action::FocusNext => core.focus_on((focus + 1) % n),
            Action::FocusPrev => core.focus_on((focus + n - 1) % n),
            Action::Accept => {
                let Some(&i) = self.passages[focus].get(self.selected[focus]) else {
                    core.message = Some("no passage here to go to".into());
                    return Effect::None;
                };
                let Some((voice, at)) =
                    core.annotations.highlights().get(i).map(|h| (h.voice, h.start))
                else {
                    return Effect::None;
                };
                core.go_to(voice, at);
                return Effect::Close;
            }
            _ => {}
        }
        Effect::None
    }

    /// The panes, and (unless a message is showing) the info line: compare
    /// mode is about the chosen passage, not the reader's cursor.
    fn view(&self, core: &Core, _area: Rect, buf: &mut Buffer) {
        view::draw(self, core, buf);
        if core.message.is_none()
            && let Some(screen) = core.screen()
        {
            let [info_row, _] = Layout::vertical([Constraint::Length(1); 2]).areas(screen.status);
            Clear.render(info_row, buf);
            Paragraph::new(view::info(core, self)).render(info_row, buf);
        }
    }

    fn position(&self, core: &Core) -> Option<String> {
        let count = self.passages.get(core.focus).map_or(0, Vec::len);
        Some(match count {
            0 => "no passage".to_owned(),
            n => format!("passage {}/{n}", self.selected[core.focus].min(n - 1) + 1),
        })
    }

    fn sync(&mut self, core: &Core) {
        if self.revision != core.annotations.revision() {
            self.rebuild(core);
        }
    }

    fn check(&self, core: &Core) -> Result<(), String> {
        if self.revision != core.annotations.revision() {
            return Err("compare passages are stale".into());
        }
        let highlights = core.annotations.highlights();
        for (voice, passages) in self.passages.iter().enumerate() {
            for &i in passages {
                let Some(h) = highlights.get(i) else {
                    return Err(format!("compare passage {i} is past the highlights"));
                };
                if h.voice != voice || h.orphan || !h.tags.contains(&self.tag) {
                    return Err(format!("compare passage {i} is not one of “{}”", self.tag));
                }
            }
        }
        Ok(())
    }
}
