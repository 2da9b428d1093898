//! Keyword in context (`s` after a search): every match of the search on a
//! row of its own — the contributor, the words before it right-aligned, the
//! match in the middle of the screen, the words after it — so uses can be
//! read down a column. `Enter` goes to a match in its pane.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode::{Down, End, Enter, Esc, Home, PageDown, PageUp, Up};
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Paragraph, Widget};
use unicode_segmentation::UnicodeSegmentation;

use crate::model::names;
use crate::model::sanitize::sanitize;
use crate::model::search::Match;
use crate::ui::core::action::Action;
use crate::ui::core::effect::Effect;
use crate::ui::core::keys::{Binding, Context, bind, ch, key};
use crate::ui::core::pane::Motion;
use crate::ui::core::panel::panel;
use crate::ui::core::room::Room;
use crate::ui::core::text::{self, fit};
use crate::ui::core::{Core, Mode, line};

pub const KEYS: &[Binding] = &[
    bind(Context::Kwic, &[ch('j'), key(Down)], Action::Down, "next match"),
    bind(Context::Kwic, &[ch('k'), key(Up)], Action::Up, "previous match"),
    bind(Context::Kwic, &[key(PageDown), ch(' ')], Action::PageDown, "a page down"),
    bind(Context::Kwic, &[key(PageUp)], Action::PageUp, "a page up"),
    bind(Context::Kwic, &[ch('g'), key(Home)], Action::Move(Motion::First), "the first match"),
    bind(Context::Kwic, &[ch('G'), key(End)], Action::Move(Motion::Last), "the last match"),
    bind(Context::Kwic, &[key(Enter)], Action::Accept, "go to the match in its pane"),
    bind(Context::Kwic, &[ch('&')], Action::AutoCode, "tag every match at once"),
    bind(Context::Kwic, &[key(Esc), ch('s')], Action::Escape, "close"),
];

/// The list's cursor (its rows are the core's search matches).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Kwic {
    pub selected: usize,
    /// Rows shown at the last draw's size, for paging.
    page: usize,
}

impl Kwic {
    /// On the match last gone to, if any.
    pub fn new(core: &Core) -> Self {
        let selected = core.search.as_ref().and_then(|s| s.current).unwrap_or(0);
        Self { selected, page: 10 }
    }
}

fn matches(core: &Core) -> &[Match] {
    core.search.as_ref().map_or(&[], |s| s.matches.as_slice())
}

impl Room for Kwic {
    fn mode(&self) -> Mode {
        Mode::Kwic
    }
    fn context(&self) -> Context {
        Context::Kwic
    }
    fn hints(&self) -> &'static [(&'static str, &'static str)] {
        &[("j/k", "match"), ("Enter", "go to"), ("&", "code all"), ("Esc", "close")]
    }

    fn update(&mut self, core: &mut Core, action: Action) -> Effect {
        let last = matches(core).len().saturating_sub(1);
        let page = (core.size.1.saturating_sub(8) as usize).max(1);
        // The list's cursor is the search's current match: `n` goes on
        // from it, and the status bar's count follows it.
        match action {
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::PageDown => self.selected = (self.selected + page).min(last),
            Action::PageUp => self.selected = self.selected.saturating_sub(page),
            Action::Move(Motion::First) => self.selected = 0,
            Action::Move(Motion::Last) => self.selected = last,
            Action::Escape => return Effect::Close,
            Action::AutoCode if core.saving.read_only.is_none() => {
                return Effect::Open(crate::ui::core::effect::Open::AutoCode);
            }
            Action::Accept => {
                let Some(m) = matches(core).get(self.selected).copied() else {
                    return Effect::None;
                };
                if let Some(s) = &mut core.search {
                    s.current = Some(self.selected);
                }
                crate::ui::core::search::go_to_match(core, m);
                core.message = core.search.as_ref().map(|s| s.status());
                return Effect::Close;
            }
            _ => {}
        }
        if let Some(s) = &mut core.search
            && !s.matches.is_empty()
        {
            s.current = Some(self.selected);
        }
        Effect::None
    }

    fn sync(&mut self, core: &Core) {
        self.selected = self.selected.min(matches(core).len().saturating_sub(1));
    }

    fn check(&self, core: &Core) -> Result<(), String> {
        if self.selected >= matches(core).len().max(1) {
            return Err("KWIC cursor is past the matches".into());
        }
        Ok(())
    }

    /// Gone when the search is (cleared from under it).
    fn alive(&self, core: &Core) -> bool {
        core.search.is_some()
    }

    /// Which match is chosen (the status bar drops its own search count,
    /// the same words).
    fn position(&self, core: &Core) -> Option<String> {
        core.search.as_ref().map(|s| s.status())
    }

    fn view(&self, core: &Core, area: Rect, buf: &mut Buffer) {
        let t = &core.theme;
        let query = core.search.as_ref().map(|s| s.query.clone()).unwrap_or_default();
        // Which match is chosen, in the title: it stays when the status
        // bar is too narrow for it.
        let count = core.search.as_ref().map(|s| s.status()).unwrap_or_default();
        let title = format!("“{}” in context · {count}", sanitize(&query));
        let inner = panel(core, area, &[&title, "Enter go to", "Esc close"], buf);
        let all = matches(core);
        if all.is_empty() {
            Paragraph::new(Span::styled("  no match", t.dim)).render(inner, buf);
            return;
        }
        let visible = usize::from(inner.height).max(1);
        let first =
            self.selected.saturating_sub(visible / 2).min(all.len().saturating_sub(visible));
        let width = usize::from(inner.width);
        let who_w = 11;
        for (n, m) in all.iter().enumerate().skip(first).take(visible) {
            let y = inner.y + (n - first) as u16;
            let voice = &core.doc.voices()[m.voice];
            let short = core.doc.short_name(voice.contributor);
            let para = core.doc.paragraph(voice.paragraphs.at(m.start.para as usize)).text();
            let end = if m.end.para == m.start.para { m.end.byte as usize } else { para.len() };
            let (s, e) = (m.start.byte as usize, end.min(para.len()));
            let hit = flat(&para[s..e]);
            let room = width.saturating_sub(who_w + 2);
            let hit = fit(&hit, room.min(room / 2 + 10)).into_owned();
            // The match starts at the middle of the row, whatever its voice.
            let left_w = room.saturating_sub(text::width(&hit)) / 2;
            let right_w = room.saturating_sub(left_w + text::width(&hit));
            let left = tail(&flat(&para[..s]), left_w);
            let right = head(&flat(&para[e..]), right_w);
            // Cut context says so.
            let left = if left.len() < flat(&para[..s]).len() && !left.is_empty() {
                format!("…{}", tail(&left, left_w.saturating_sub(1)))
            } else {
                left
            };
            let right = if right.len() < flat(&para[e..]).len() && !right.is_empty() {
                format!("{}…", head(&right, right_w.saturating_sub(1)))
            } else {
                right
            };
            let row = Rect { y, height: 1, ..inner };
            if n == self.selected {
                buf.set_style(row, t.overlay_selected);
            }
            // Drawn grapheme by grapheme, as the panes are, so wide and
            // joined characters take the cells they are measured at.
            let x0 = inner.x;
            let who = names::fit(&sanitize(&short), who_w - 1);
            line::put(buf, x0, y, &who, who_w as u16, t.help_key);
            let mid = x0 + (who_w + left_w + 1) as u16;
            // The context keeps its own spacing: `WeChat,` stays together.
            let lw = text::width(&left) as u16;
            line::put(buf, mid - lw, y, &left, lw, t.dim);
            let hw =
                line::put(buf, mid, y, &hit, inner.right().saturating_sub(mid), t.search_current);
            let rx = mid + hw;
            line::put(buf, rx, y, &right, inner.right().saturating_sub(rx), t.dim);
        }
    }
}

/// `text` on one line: whitespace runs as one space, sanitised.
fn flat(text: &str) -> String {
    // Each whitespace run as one space, one at either end kept, so the
    // context keeps its distance from the match.
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    sanitize(&out).into_owned()
}

/// The end of `text` that fits `width` cells (whole graphemes).
fn tail(text: &str, width: usize) -> String {
    let mut used = 0;
    let mut start = text.len();
    for (at, g) in text.grapheme_indices(true).rev() {
        let w = text::width(g);
        if used + w > width {
            break;
        }
        used += w;
        start = at;
    }
    text[start..].to_owned()
}

/// The start of `text` that fits `width` cells (whole graphemes).
fn head(text: &str, width: usize) -> String {
    let mut used = 0;
    let mut end = 0;
    for (at, g) in text.grapheme_indices(true) {
        let w = text::width(g);
        if used + w > width {
            break;
        }
        used += w;
        end = at + g.len();
    }
    text[..end].to_owned()
}
