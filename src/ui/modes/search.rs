//! The search bar (`/`): matches are marked in every pane as you type;
//! `Enter` goes to the first at or after the cursor (then `n` / `N` step
//! through them from the reader), `Esc` clears, `↑` / `↓` walk this
//! session's queries. The search itself is the core's
//! [`crate::ui::core::search::Search`].

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode::{Down, Enter, Esc, Up};
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Widget};
use ratatui_textarea::TextArea;

use crate::ui::core::action::Action;
use crate::ui::core::effect::Effect;
use crate::ui::core::keys::{Binding, Context, bind, key};
use crate::ui::core::room::Room;
use crate::ui::core::search::{self, Direction, Search};
use crate::ui::core::{Core, Mode, field, input, text};

pub const KEYS: &[Binding] = &[
    bind(
        Context::Search,
        &[key(Enter)],
        Action::Accept,
        "go to the first match at or after the cursor",
    ),
    bind(Context::Search, &[key(Esc)], Action::Escape, "clear the search"),
    bind(Context::Search, &[key(Up)], Action::Up, "an earlier search (this session's history)"),
    bind(Context::Search, &[key(Down)], Action::Down, "a later search, then what you were typing"),
];

/// The search bar being typed into.
#[derive(Clone, Debug, Default)]
pub struct SearchBar {
    pub input: TextArea<'static>,
    /// Where `↑` / `↓` are in the history: `None` is the line being typed,
    /// `Some(0)` the newest query.
    pub recalled: Option<usize>,
    /// The line being typed before `↑` went back.
    pub draft: String,
}

impl SearchBar {
    /// `↑` (`older`) or `↓` in the bar: the query before or after in the history.
    fn recall(&mut self, core: &mut Core, older: bool) {
        let bar = self;
        let n = core.search_history.len();
        let next = match (bar.recalled, older) {
            (None, true) if n > 0 => Some(0),
            (Some(k), true) if k + 1 < n => Some(k + 1),
            (Some(0), false) => None,
            (Some(k), false) => Some(k - 1),
            _ => return,
        };
        if bar.recalled.is_none() {
            bar.draft = input::text(&bar.input);
        }
        bar.recalled = next;
        let text = match next {
            Some(k) => core.search_history[n - 1 - k].clone(),
            None => bar.draft.clone(),
        };
        let mut input = TextArea::new(vec![text.clone()]);
        input.move_cursor(ratatui_textarea::CursorMove::End);
        bar.input = input;
        search::refresh(core, &text);
    }
}

impl Room for SearchBar {
    fn mode(&self) -> Mode {
        Mode::Search
    }
    fn context(&self) -> Context {
        Context::Search
    }
    fn hints(&self) -> &'static [(&'static str, &'static str)] {
        &[("Enter", "go"), ("Esc", "clear")]
    }

    fn update(&mut self, core: &mut Core, action: Action) -> Effect {
        match action {
            Action::Escape => {
                core.search = None;
                return Effect::Close;
            }
            Action::Up => self.recall(core, true),
            Action::Down => self.recall(core, false),
            Action::Accept => {
                search::remember(core, &input::text(&self.input));
                if core.search.as_ref().is_some_and(|s| s.matches.is_empty()) {
                    core.message = core.search.as_ref().map(Search::status);
                    core.search = None;
                } else {
                    search::go(core, Direction::FromCursor);
                }
                return Effect::Close;
            }
            Action::Text(key) => {
                input::edit(&mut self.input, key);
                search::refresh(core, &input::text(&self.input));
            }
            Action::Paste(text) => {
                input::paste(&mut self.input, &text);
                search::refresh(core, &input::text(&self.input));
            }
            _ => {}
        }
        Effect::None
    }

    /// The search bar, on the line above the status bar: `/`, the query, and
    /// how many matches it has so far.
    fn view(&self, core: &Core, _area: Rect, buf: &mut Buffer) {
        let bar = self;
        let Some(screen) = core.screen() else { return };
        let t = &core.theme;
        let row = Rect { height: 1, ..screen.status };
        Clear.render(row, buf);
        // The last search's matches stay marked until a new query is typed;
        // its count is not this (still empty) query's.
        // The query is in the field: "no match", not "no match for …" (which
        // took the room the field needs); the count never has more than
        // half the row.
        let count = match &core.search {
            Some(s) if !input::text(&bar.input).is_empty() && s.matches.is_empty() => {
                "no match".into()
            }
            Some(s) if !input::text(&bar.input).is_empty() => s.status(),
            _ => "type to search every voice".into(),
        };
        let count = format!("  {count}");
        let count = text::fit(&count, usize::from(row.width.saturating_sub(1) / 2));
        let count_width = text::width(&count) as u16;
        buf.set_string(row.x, row.y, "/", t.help_key);
        let input = Rect { x: row.x + 1, width: row.width.saturating_sub(1 + count_width), ..row };
        field::render(&bar.input, input, buf);
        buf.set_string(input.right(), row.y, &count, t.dim);
    }
}
