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
    pub cursor_unfocused: Style,
    pub placeholder: Style,
    pub status: Style,
    pub status_mode: Style,
    pub status_key: Style,
    pub help_heading: Style,
    pub help_key: Style,
}

impl Theme {
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
            cursor_unfocused: m(Modifier::UNDERLINED),
            placeholder: m(Modifier::BOLD),
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
            cursor_unfocused: base.cursor_unfocused.fg(Color::Gray),
            placeholder: base.placeholder.fg(Color::LightRed),
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
