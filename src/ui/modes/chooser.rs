//! The highlight chooser: `d`, `e` or `t` in the reader on a sentence that
//! several highlights overlap lists them (the start of the quote, the
//! tags, the coder), and the one chosen is deleted, noted or tagged.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode::{Down, Enter, Esc, Up};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::model::annotations::Target;
use crate::model::sanitize::sanitize;
use crate::ui::core::action::Action;
use crate::ui::core::edit::{self, target};
use crate::ui::core::effect::{ChooseFor, Effect, Open, PickerPurpose};
use crate::ui::core::keys::{Binding, Context, bind, ch, key};
use crate::ui::core::panel::popup;
use crate::ui::core::room::Room;
use crate::ui::core::{Core, Mode, line, text};

pub const KEYS: &[Binding] = &[
    bind(Context::Chooser, &[ch('j'), key(Down)], Action::Down, "next highlight"),
    bind(Context::Chooser, &[ch('k'), key(Up)], Action::Up, "previous highlight"),
    bind(
        Context::Chooser,
        &[key(Enter)],
        Action::Accept,
        "delete, note or tag the one chosen (as d, e or t asked)",
    ),
    bind(Context::Chooser, &[key(Esc)], Action::Escape, "cancel"),
];

/// The highlights to choose from (`None`: a new one on the cursor's
/// sentence), and what to do with the one chosen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chooser {
    pub ids: Vec<Option<String>>,
    pub then: ChooseFor,
    pub selected: usize,
    /// The annotations' revision `ids` were last checked against.
    checked: Option<u64>,
}

impl Chooser {
    pub fn new(ids: Vec<Option<String>>, then: ChooseFor) -> Self {
        Self { ids, then, selected: 0, checked: None }
    }

    /// Enter: the choice, carried on.
    fn accept(&self, core: &mut Core) -> Effect {
        let Some(choice) = self.ids.get(self.selected).cloned() else { return Effect::Close };
        let highlight = choice.as_deref().and_then(|id| core.annotations.highlight(id)).cloned();
        let target = match &highlight {
            Some(h) => Target { voice: h.voice, start: h.start, end: h.end },
            None => target(core),
        };
        match self.then {
            ChooseFor::Delete => match highlight {
                Some(h) => Effect::Batch(vec![Effect::Close, edit::delete_highlight(core, &h.id)]),
                None => Effect::Close,
            },
            ChooseFor::Note => {
                Effect::Replace(Open::Note { id: highlight.map(|h| h.id.clone()), target })
            }
            ChooseFor::Tag => Effect::Replace(Open::Picker(PickerPurpose::Apply(target))),
        }
    }
}

impl Room for Chooser {
    fn mode(&self) -> Mode {
        Mode::Choose
    }
    fn context(&self) -> Context {
        Context::Chooser
    }
    fn hints(&self) -> &'static [(&'static str, &'static str)] {
        match self.then {
            ChooseFor::Delete => &[("Enter", "delete"), ("j/k", "choose"), ("Esc", "cancel")],
            ChooseFor::Note => &[("Enter", "note"), ("j/k", "choose"), ("Esc", "cancel")],
            ChooseFor::Tag => &[("Enter", "tag"), ("j/k", "choose"), ("Esc", "cancel")],
        }
    }

    fn update(&mut self, core: &mut Core, action: Action) -> Effect {
        match action {
            Action::Escape => return Effect::Close,
            Action::Accept => return self.accept(core),
            Action::Down => {
                self.selected = (self.selected + 1).min(self.ids.len().saturating_sub(1))
            }
            Action::Up => self.selected = self.selected.saturating_sub(1),
            _ => {}
        }
        Effect::None
    }

    fn sync(&mut self, core: &Core) {
        // A highlight gone meanwhile (undo from disk) leaves the list:
        // checked once per change of the annotations, against a set of the
        // ids (a sentence can lie under tens of thousands of highlights).
        let revision = core.annotations.revision();
        if self.checked != Some(revision) {
            self.checked = Some(revision);
            let live: std::collections::HashSet<&str> =
                core.annotations.highlights().iter().map(|h| h.id.as_str()).collect();
            self.ids.retain(|id| id.as_deref().is_none_or(|id| live.contains(id)));
        }
        self.selected = self.selected.min(self.ids.len().saturating_sub(1));
    }

    fn check(&self, _core: &Core) -> Result<(), String> {
        if self.selected >= self.ids.len().max(1) {
            return Err("chooser cursor is past its rows".into());
        }
        Ok(())
    }

    fn view(&self, core: &Core, area: Rect, buf: &mut Buffer) {
        let t = &core.theme;
        let title = match self.then {
            ChooseFor::Delete => " Delete which highlight? ",
            ChooseFor::Note => " Note on which highlight? ",
            ChooseFor::Tag => " Tag which highlight? ",
        };
        let height = u16::try_from(self.ids.len()).unwrap_or(u16::MAX).saturating_add(2).max(4);
        // Wide enough for the quote's ends, the tags, the coder and a note.
        let inner = popup(core, area, 100, height, title, buf);
        let width = usize::from(inner.width);
        // More highlights than rows: the list scrolls so the chosen one is
        // on screen (at the bottom once past the first screenful).
        let rows = usize::from(inner.height).max(1);
        let first = (self.selected + 1).saturating_sub(rows);
        for (i, id) in self.ids.iter().enumerate().skip(first).take(rows) {
            let h = id.as_deref().and_then(|id| core.annotations.highlight(id));
            let mut spans = Vec::new();
            match h {
                Some(h) => {
                    let tags = if h.tags.is_empty() {
                        "(no tag)".to_owned()
                    } else {
                        h.tags
                            .iter()
                            .map(|t| sanitize(t).into_owned())
                            .collect::<Vec<_>>()
                            .join(", ")
                    };
                    // The note first: it tells apart copies of one passage
                    // (a merge conflict's two versions share quote, tags and
                    // coder). What does not fit beside a 20-cell quote goes:
                    // the coder, then the tags.
                    let note = edit::first_line(h.note.trim(), 32);
                    let note = format!("✎ {}", sanitize(&note));
                    let coder = sanitize(&h.coder);
                    let mut parts = vec![tags.as_str(), &coder];
                    if !h.note.trim().is_empty() {
                        parts.insert(0, &note);
                    }
                    let all = text::width(&parts.join(" · "));
                    let room = width.saturating_sub(all + 6).max(20);
                    let quote = h.quote.exact.split_whitespace().collect::<Vec<_>>().join(" ");
                    let quote = format!(
                        " {}",
                        line::in_quotes(&quote, &line::ends(&sanitize(&quote), room))
                    );
                    let about_room = width.saturating_sub(text::width(&quote) + 3);
                    spans.push(Span::raw(quote));
                    spans.push(Span::styled(
                        format!(" · {}", text::phrases(&parts, about_room)),
                        t.dim,
                    ));
                }
                None => spans.push(Span::styled(" the cursor's sentence (a new highlight)", t.dim)),
            }
            let row = Rect { y: inner.y + (i - first) as u16, height: 1, ..inner };
            Paragraph::new(Line::from(spans)).render(row, buf);
            if i == self.selected {
                buf.set_style(row, t.overlay_selected);
            }
        }
    }
}
