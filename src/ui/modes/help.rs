//! The help overlay (`?`): every binding of every mode, generated from
//! their key tables (handed over by the dispatcher, which knows them all),
//! laid out for the terminal's width — descriptions wrap beside their keys,
//! or under them when the screen is narrow — and scrolled with `j`/`k` (or
//! the wheel) no further than its end.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode::{Down, End, Esc, Home, PageDown, PageUp, Up};
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};

use crate::ui::core::action::Action;
use crate::ui::core::effect::Effect;
use crate::ui::core::keys::{self, Binding, Context, bind, ch, ctrl, key};
use crate::ui::core::pane::Motion;
use crate::ui::core::panel;
use crate::ui::core::room::Room;
use crate::ui::core::text;
use crate::ui::core::{Core, Mode};

pub const KEYS: &[Binding] = &[
    bind(Context::Help, &[ch('j'), key(Down)], Action::Down, "scroll help down"),
    bind(Context::Help, &[ch('k'), key(Up)], Action::Up, "scroll help up"),
    bind(Context::Help, &[key(PageDown), ch(' ')], Action::PageDown, "a page down"),
    bind(Context::Help, &[key(PageUp)], Action::PageUp, "a page up"),
    bind(Context::Help, &[ch('g'), key(Home)], Action::Move(Motion::First), "the top"),
    bind(Context::Help, &[ch('G'), key(End)], Action::Move(Motion::Last), "the end"),
    bind(Context::Help, &[key(Esc), ch('?')], Action::Escape, "close help"),
    bind(Context::Help, &[ch('q'), ctrl('c')], Action::Quit, "quit"),
];

/// Every mode's key table, in the order help lists them.
pub type Sections = &'static [&'static [Binding]];

/// The help overlay and how far it is scrolled.
#[derive(Clone, Debug)]
pub struct Help {
    pub scroll: u16,
    pub sections: Sections,
}

impl Help {
    pub fn new(sections: Sections) -> Self {
        Self { scroll: 0, sections }
    }

    fn bindings(&self) -> impl Iterator<Item = &'static Binding> {
        self.sections.iter().flat_map(|s| s.iter())
    }

    /// The widest the overlay gets (a description on one line beside its keys).
    fn natural_width(&self) -> u16 {
        let key_width =
            self.bindings().map(|b| text::width(&keys::keys_label(b))).max().unwrap_or(0);
        let description = self.bindings().map(|b| text::width(b.description)).max().unwrap_or(0);
        u16::try_from(key_width + description + 6).unwrap_or(u16::MAX)
    }

    /// The help's rows at `width` cells (inside the border).
    pub fn lines(&self, core: &Core, width: u16) -> Vec<Line<'static>> {
        let t = &core.theme;
        let key_width =
            self.bindings().map(|b| text::width(&keys::keys_label(b))).max().unwrap_or(0);
        // Beside the keys when that leaves the description room; under them if not.
        let beside = usize::from(width) >= key_width + 4 + 24;
        let indent = if beside { key_width + 4 } else { 4 };
        let room = u16::try_from(usize::from(width).saturating_sub(indent)).unwrap_or(1).max(1);
        let mut lines = Vec::new();
        for section in self.sections {
            let Some(context) = section.first().map(|b| b.context) else { continue };
            if !lines.is_empty() {
                lines.push(Line::default());
            }
            let mut heading = context.title().to_owned();
            heading[..1].make_ascii_uppercase();
            lines.push(Line::from(Span::styled(heading, t.help_heading)));
            for b in section.iter() {
                let label = keys::keys_label(b);
                let wrapped: Vec<String> = text::wrap(b.description, room)
                    .iter()
                    .map(|l| b.description[l.start as usize..l.end as usize].to_owned())
                    .collect();
                let mut rest = wrapped.into_iter();
                if beside {
                    let pad = key_width - text::width(&label);
                    let first = rest.next().unwrap_or_default();
                    lines.push(Line::from(vec![
                        Span::styled(format!("  {label}{}  ", " ".repeat(pad)), t.help_key),
                        Span::raw(first),
                    ]));
                } else {
                    lines.push(Line::from(Span::styled(format!("  {label}"), t.help_key)));
                }
                for more in rest {
                    lines.push(Line::from(format!("{}{more}", " ".repeat(indent))));
                }
            }
        }
        lines
    }

    /// The overlay's box in `area`, and its rows.
    pub fn layout(&self, core: &Core, area: Rect) -> (Rect, Vec<Line<'static>>) {
        // Above the info line and the status bar, which keep saying where
        // you are (HELP) and how to leave.
        let area = Rect { height: area.height.saturating_sub(2).max(area.height.min(3)), ..area };
        let width = self.natural_width().min(area.width);
        let lines = self.lines(core, width.saturating_sub(2));
        let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX).min(area.height);
        // Centred as every popup is.
        let [r] = Layout::horizontal([Constraint::Length(width)]).flex(Flex::Center).areas(area);
        let [r] = Layout::vertical([Constraint::Length(height)]).flex(Flex::Center).areas(r);
        (r, lines)
    }

    /// The rows one page scrolls: those shown, less one kept for context.
    fn page(&self, core: &Core) -> u16 {
        let (rect, _) = self.layout(core, Rect::new(0, 0, core.size.0, core.size.1));
        rect.height.saturating_sub(3).max(1)
    }

    /// How far the help scrolls at the current size: its last row at the bottom.
    pub fn max_scroll(&self, core: &Core) -> u16 {
        let (rect, lines) = self.layout(core, Rect::new(0, 0, core.size.0, core.size.1));
        u16::try_from(lines.len()).unwrap_or(u16::MAX).saturating_sub(rect.height.saturating_sub(2))
    }
}

impl Room for Help {
    fn mode(&self) -> Mode {
        Mode::Help
    }
    fn context(&self) -> Context {
        Context::Help
    }
    fn hints(&self) -> &'static [(&'static str, &'static str)] {
        &[("Esc", "close"), ("j/k", "scroll"), ("PgDn", "page"), ("q", "quit")]
    }

    fn update(&mut self, core: &mut Core, action: Action) -> Effect {
        if let Some(to) =
            panel::scroll_step(self.scroll, &action, self.max_scroll(core), self.page(core))
        {
            self.scroll = to;
        } else if matches!(action, Action::Escape | Action::ToggleHelp) {
            return Effect::Close;
        }
        Effect::None
    }

    fn scroll(&mut self, core: &mut Core, _column: u16, _row: u16, lines: i16) {
        self.scroll = panel::wheel(self.scroll, lines, self.max_scroll(core));
    }

    /// A click anywhere closes help.
    fn click(&mut self, _core: &mut Core, _at: crate::ui::core::action::Pointer) -> Effect {
        Effect::Close
    }

    fn view(&self, core: &Core, area: Rect, buf: &mut Buffer) {
        let (rect, lines) = self.layout(core, area);
        let total = lines.len();
        let scroll = self.scroll.min(self.max_scroll(core));
        let shown = usize::from(rect.height.saturating_sub(2));
        let first = usize::from(scroll) + 1;
        let title = if shown >= total {
            " Keys · Esc or ? closes ".to_owned()
        } else {
            format!(" Keys {first}–{} of {total} · j/k scroll · Esc closes ", first + shown - 1)
        };
        panel::scrolled(core, rect, &title, lines, scroll, buf);
    }
}
