//! Styles. With `NO_COLOR` set every style is built from modifiers alone
//! (reverse, bold, underline), so nothing depends on colour — and no colour
//! change is ever emitted, which matters because crossterm then writes a bare
//! SGR reset that would also clear the modifiers.

use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::BorderType;

/// Every style the reader draws with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    pub title: Style,
    pub meta: Style,
    pub voice_on_screen: Style,
    pub voice_off_screen: Style,
    pub voice_focused: Style,
    pub border: Style,
    pub border_focused: Style,
    pub border_type: BorderType,
    pub border_type_focused: BorderType,
    pub pane_title: Style,
    pub pane_title_focused: Style,
    pub text: Style,
    pub cursor: Style,
    /// The word cursor, inside the cursor's sentence.
    pub word_cursor: Style,
    /// The gutter mark beside an unfocused pane's cursor sentence.
    pub cursor_unfocused: Style,
    pub placeholder: Style,
    pub selection: Style,
    /// Added to highlighted text when colour is off or a tag has none.
    pub highlight: Style,
    /// Added where two or more highlights overlap.
    pub overlap: Style,
    pub gutter: Style,
    /// Text only the other coder (`--against`) coded, and the margin mark
    /// on rows where they coded anything.
    pub theirs: Style,
    pub theirs_mark: Style,
    /// A search match, and the one last gone to.
    pub search_match: Style,
    pub search_current: Style,
    pub info: Style,
    pub warning: Style,
    pub overlay_selected: Style,
    pub dim: Style,
    pub status: Style,
    pub status_mode: Style,
    pub status_key: Style,
    pub help_heading: Style,
    pub help_key: Style,
}

/// Speaker colours in the turn view: distinct on dark and light terminals.
const SPEAKERS: [Color; 8] = [
    Color::Cyan,
    Color::Yellow,
    Color::Green,
    Color::Magenta,
    Color::LightBlue,
    Color::LightRed,
    Color::LightGreen,
    Color::LightMagenta,
];

impl Theme {
    /// How speaker `i`'s label is drawn in the turn view: bold, in a colour
    /// of its own when there is colour.
    pub fn speaker(&self, i: usize) -> Style {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        if self.color { bold.fg(SPEAKERS[i % SPEAKERS.len()]) } else { bold }
    }

    /// The style of text carrying a highlight in `color` (`None`: untagged).
    pub fn highlight_of(&self, color: Option<crate::model::annotations::Rgb>) -> Style {
        match color {
            Some(c) if self.color => {
                let fg = if c.dark_text() { Color::Black } else { Color::White };
                Style::new().bg(Color::Rgb(c.0, c.1, c.2)).fg(fg)
            }
            None if self.color => Style::new().bg(Color::Indexed(240)).fg(Color::White),
            _ => self.highlight,
        }
    }

    /// The theme for a terminal with (`color == true`) or without colour.
    pub fn new(color: bool) -> Self {
        let m = |m: Modifier| Style::new().add_modifier(m);
        let plain = Style::new();
        let base = Self {
            color,
            title: m(Modifier::BOLD),
            meta: plain,
            voice_on_screen: plain,
            voice_off_screen: m(Modifier::DIM),
            voice_focused: m(Modifier::REVERSED | Modifier::BOLD),
            border: plain,
            border_focused: m(Modifier::BOLD),
            border_type: BorderType::Plain,
            border_type_focused: BorderType::Thick,
            pane_title: plain,
            pane_title_focused: m(Modifier::REVERSED | Modifier::BOLD),
            text: plain,
            cursor: m(Modifier::REVERSED),
            word_cursor: m(Modifier::UNDERLINED | Modifier::BOLD)
                .remove_modifier(Modifier::REVERSED),
            cursor_unfocused: m(Modifier::BOLD),
            placeholder: m(Modifier::BOLD),
            selection: m(Modifier::REVERSED | Modifier::BOLD),
            highlight: m(Modifier::UNDERLINED),
            overlap: m(Modifier::UNDERLINED | Modifier::BOLD),
            gutter: m(Modifier::BOLD),
            theirs: m(Modifier::ITALIC),
            theirs_mark: m(Modifier::BOLD),
            search_match: m(Modifier::ITALIC | Modifier::BOLD),
            search_current: m(Modifier::ITALIC | Modifier::BOLD | Modifier::REVERSED),
            info: plain,
            warning: m(Modifier::BOLD | Modifier::REVERSED),
            overlay_selected: m(Modifier::REVERSED),
            dim: m(Modifier::DIM),
            status: plain,
            status_mode: m(Modifier::REVERSED | Modifier::BOLD),
            status_key: m(Modifier::BOLD),
            help_heading: m(Modifier::BOLD | Modifier::UNDERLINED),
            help_key: m(Modifier::BOLD),
        };
        if !color {
            return base;
        }
        Self {
            title: base.title.fg(Color::LightCyan),
            meta: Style::new().fg(Color::Gray),
            voice_off_screen: Style::new().fg(Color::DarkGray),
            voice_focused: base.voice_focused.fg(Color::Cyan),
            border: Style::new().fg(Color::DarkGray),
            border_focused: base.border_focused.fg(Color::Cyan),
            pane_title: Style::new().fg(Color::Gray),
            pane_title_focused: base.pane_title_focused.fg(Color::Cyan),
            placeholder: base.placeholder.fg(Color::LightRed),
            word_cursor: base.word_cursor.bg(Color::Indexed(229)).fg(Color::Black),
            selection: Style::new()
                .bg(Color::Indexed(25))
                .fg(Color::White)
                .add_modifier(Modifier::BOLD),
            highlight: Style::new(),
            overlap: Style::new().add_modifier(Modifier::UNDERLINED),
            gutter: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            theirs: Style::new().fg(Color::LightMagenta).add_modifier(Modifier::ITALIC),
            theirs_mark: Style::new().fg(Color::LightMagenta).add_modifier(Modifier::BOLD),
            search_match: Style::new().bg(Color::Indexed(220)).fg(Color::Black),
            search_current: Style::new()
                .bg(Color::Indexed(208))
                .fg(Color::Black)
                .add_modifier(Modifier::BOLD),
            info: Style::new().fg(Color::Gray),
            warning: Style::new().bg(Color::Red).fg(Color::White).add_modifier(Modifier::BOLD),
            overlay_selected: Style::new().bg(Color::Indexed(238)).add_modifier(Modifier::BOLD),
            dim: Style::new().fg(Color::DarkGray),
            status: Style::new().bg(Color::Indexed(236)).fg(Color::Gray),
            status_mode: Style::new().bg(Color::Cyan).fg(Color::Black).add_modifier(Modifier::BOLD),
            status_key: Style::new()
                .bg(Color::Indexed(236))
                .fg(Color::White)
                .add_modifier(Modifier::BOLD),
            help_heading: base.help_heading.fg(Color::LightCyan),
            help_key: base.help_key.fg(Color::Yellow),
            ..base
        }
    }
}
