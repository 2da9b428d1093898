//! About this conversation (`I`): where it comes from, the header facts a
//! transcript carried (`Location`, `Time`, …), who speaks — name, short
//! name, affiliation, role, how much they say — and the introduction that
//! came before anyone spoke. Scrolled like help; nothing here changes state.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode::{Down, End, Esc, Home, PageDown, PageUp, Up};
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};

use crate::model::Role;
use crate::model::sanitize::sanitize;
use crate::ui::core::action::Action;
use crate::ui::core::effect::Effect;
use crate::ui::core::keys::{Binding, Context, bind, ch, ctrl, key};
use crate::ui::core::pane::Motion;
use crate::ui::core::panel;
use crate::ui::core::room::Room;
use crate::ui::core::text;
use crate::ui::core::{Core, Mode};

pub const KEYS: &[Binding] = &[
    bind(Context::About, &[ch('j'), key(Down)], Action::Down, "scroll down"),
    bind(Context::About, &[ch('k'), key(Up)], Action::Up, "scroll up"),
    bind(Context::About, &[key(PageDown), ch(' ')], Action::PageDown, "a page down"),
    bind(Context::About, &[key(PageUp)], Action::PageUp, "a page up"),
    bind(Context::About, &[ch('g'), key(Home)], Action::Move(Motion::First), "the top"),
    bind(Context::About, &[ch('G'), key(End)], Action::Move(Motion::Last), "the end"),
    bind(Context::About, &[key(Esc), ch('I')], Action::Escape, "close"),
    bind(Context::About, &[ch('q'), ctrl('c')], Action::Quit, "quit"),
];

/// How far the panel is scrolled.
#[derive(Clone, Debug, Default)]
pub struct About {
    pub scroll: u16,
}

/// The panel's box in `area` for `core`: as tall as what it says, up to
/// the screen above the status rows, centred.
fn rect(core: &Core, area: Rect) -> Rect {
    let area = Rect { height: area.height.saturating_sub(2).max(area.height.min(3)), ..area };
    let width = area.width.min(100);
    let rows = lines(core, width.saturating_sub(2)).len() as u16 + 2;
    let [r] = Layout::horizontal([Constraint::Length(width)]).flex(Flex::Center).areas(area);
    let [r] =
        Layout::vertical([Constraint::Length(rows.min(r.height))]).flex(Flex::Center).areas(r);
    r
}

/// `n thing` or `n things`.
fn count(n: usize, thing: &str) -> String {
    if n == 1 { format!("1 {thing}") } else { format!("{n} {thing}s") }
}

/// `text` wrapped to `width`, each row indented by `indent` spaces.
fn wrapped(text: &str, width: u16, indent: usize) -> Vec<Line<'static>> {
    let room = width.saturating_sub(indent as u16).max(1);
    text::wrapped(&sanitize(text), room)
        .into_iter()
        .map(|l| Line::from(format!("{}{l}", " ".repeat(indent))))
        .collect()
}

/// Everything the panel says, at `width` cells.
pub fn lines(core: &Core, width: u16) -> Vec<Line<'static>> {
    let t = &core.theme;
    let doc = &core.doc;
    let mut out = vec![Line::from(Span::styled(sanitize(&doc.title).into_owned(), t.title))];
    let heading = |s: &str| Line::from(Span::styled(s.to_owned(), t.help_heading));
    let fact = |key: &str, value: &str| {
        let lead = format!("{}: ", sanitize(key));
        let mut rows = wrapped(&format!("{lead}{value}"), width, 0);
        if let Some(first) = rows.first_mut() {
            let rest = first.spans[0].content.to_string().split_off(lead.len().min(first.width()));
            *first = Line::from(vec![Span::styled(lead.clone(), t.help_key), Span::raw(rest)]);
        }
        rows
    };
    for (key, value) in [("Subtitle", &doc.subtitle), ("Date", &doc.date), ("Source", &doc.source)]
    {
        if !value.is_empty() {
            out.extend(fact(key, value));
        }
    }
    for (key, value) in &doc.metadata {
        out.extend(fact(key, value));
    }
    out.push(Line::default());
    out.push(heading(&format!("Who speaks ({})", doc.contributors.len())));
    for (i, c) in doc.contributors.iter().enumerate() {
        let v = &doc.voices()[i];
        let turns = doc.sections.iter().filter(|s| s.contributor == i).count();
        let role = if c.role == Role::Moderator { "moderator" } else { "respondent" };
        let short = doc.short_name(i);
        let mut about = format!("{} · {role}", sanitize(&c.name));
        if short != c.name {
            about.push_str(&format!(" · shown as {}", sanitize(&short)));
        }
        if !c.affiliation.is_empty() {
            about.push_str(&format!(" · {}", sanitize(&c.affiliation)));
        }
        let paragraphs = count(v.paragraphs.len(), "paragraph");
        about.push_str(&format!(" · {}, {paragraphs}", count(turns, "turn")));
        let mut rows = wrapped(&about, width, 2);
        if let Some(first) = rows.first_mut() {
            first.spans = vec![Span::styled(first.spans[0].content.to_string(), t.speaker(i))];
        }
        out.extend(rows);
    }
    if !doc.intro.is_empty() {
        out.push(Line::default());
        out.push(heading("Introduction"));
        for (n, p) in doc.intro.iter().enumerate() {
            if n > 0 {
                out.push(Line::default());
            }
            out.extend(wrapped(p, width, 0));
        }
    }
    out
}

impl About {
    fn shown(core: &Core) -> (Rect, Vec<Line<'static>>) {
        let r = rect(core, Rect::new(0, 0, core.size.0, core.size.1));
        (r, lines(core, r.width.saturating_sub(2)))
    }

    fn max_scroll(core: &Core) -> u16 {
        let (r, lines) = Self::shown(core);
        u16::try_from(lines.len()).unwrap_or(u16::MAX).saturating_sub(r.height.saturating_sub(2))
    }
}

impl Room for About {
    fn mode(&self) -> Mode {
        Mode::About
    }
    fn context(&self) -> Context {
        Context::About
    }
    fn hints(&self) -> &'static [(&'static str, &'static str)] {
        &[("Esc", "close"), ("j/k", "scroll"), ("PgDn", "page"), ("q", "quit")]
    }

    fn update(&mut self, core: &mut Core, action: Action) -> Effect {
        let max = Self::max_scroll(core);
        let page = Self::shown(core).0.height.saturating_sub(3).max(1);
        if let Some(to) = panel::scroll_step(self.scroll, &action, max, page) {
            self.scroll = to;
        } else if action == Action::Escape {
            return Effect::Close;
        }
        Effect::None
    }

    fn scroll(&mut self, core: &mut Core, _column: u16, _row: u16, lines: i16) {
        self.scroll = panel::wheel(self.scroll, lines, Self::max_scroll(core));
    }

    /// A click anywhere closes it.
    fn click(&mut self, _core: &mut Core, _at: crate::ui::core::action::Pointer) -> Effect {
        Effect::Close
    }

    fn view(&self, core: &Core, area: Rect, buf: &mut Buffer) {
        let r = rect(core, area);
        let lines = lines(core, r.width.saturating_sub(2));
        let scroll = self.scroll.min(Self::max_scroll(core));
        let total = lines.len();
        let shown = usize::from(r.height.saturating_sub(2));
        let title = if shown >= total {
            " About this conversation · Esc closes ".to_owned()
        } else {
            let first = usize::from(scroll) + 1;
            format!(" About {first}–{} of {total} · j/k scroll · Esc closes ", first + shown - 1)
        };
        panel::scrolled(core, r, &title, lines, scroll, buf);
    }
}
