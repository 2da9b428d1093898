//! The one way the command line writes to the terminal. Every command's
//! output and every message goes through here, so that no command can pass
//! hostile text from a file (escape sequences, C1 controls, bidi overrides)
//! on to the terminal to act on:
//!
//! - [`out`]: a command's output on standard output. To a terminal it is
//!   made inert ([`sanitize_lines`]: `ESC` shows as `␛`); to a file or a pipe
//!   it is written byte for byte, because there it is data.
//! - [`err`] and [`warn`]: messages on standard error, inert always: they
//!   quote file names and input lines, and a log is read in a terminal too.
//!
//! A test in `tests/cli.rs` fails if anything else in `src/cli` prints.

use std::io::{IsTerminal, Write};

use super::Error;
use crate::model::sanitize::sanitize_lines;

/// Writes a command's output to standard output: inert if that is a
/// terminal, byte-exact otherwise.
pub fn out(bytes: &[u8]) -> Result<(), Error> {
    let mut stdout = std::io::stdout().lock();
    let written = if stdout.is_terminal() {
        let text = String::from_utf8_lossy(bytes);
        stdout.write_all(sanitize_lines(&text).as_bytes())
    } else {
        stdout.write_all(bytes)
    };
    match written.and_then(|()| stdout.flush()) {
        // A closed pipe (`| head`) is not an error worth reporting.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(Error::Terminal),
    }
}

/// Standard output, if it is not a terminal: there output is data, written
/// byte for byte, so it may be streamed.
pub fn piped() -> Option<std::io::StdoutLock<'static>> {
    let stdout = std::io::stdout();
    (!stdout.is_terminal()).then(|| stdout.lock())
}

/// Writes `text` as it is, made inert, to standard error.
pub fn err(text: &str) {
    // Nothing useful can be done if standard error cannot be written.
    let _ = std::io::stderr().lock().write_all(sanitize_lines(text).as_bytes());
}

/// Writes `crosstalk: <message>` and a newline, made inert, to standard error.
pub fn warn(message: &str) {
    err(&format!("crosstalk: {message}\n"));
}

/// A status line on standard error for work that takes a while: shown only
/// to a terminal (a log or CI gets nothing), only once the work has run for
/// a second, redrawn at most ten times a second, and cleared when done.
pub struct Status {
    started: std::time::Instant,
    drawn: Option<std::time::Instant>,
    terminal: bool,
}

impl Default for Status {
    fn default() -> Self {
        Self::new()
    }
}

impl Status {
    pub fn new() -> Self {
        Self {
            started: std::time::Instant::now(),
            drawn: None,
            terminal: std::io::stderr().is_terminal(),
        }
    }

    /// Shows `text` (made inert, cut to the terminal's width) in place of
    /// the last status, if it is time to.
    pub fn show(&mut self, text: &str) {
        use ratatui::crossterm::{cursor, style, terminal};
        let second = std::time::Duration::from_secs(1);
        let now = std::time::Instant::now();
        if !self.terminal
            || now.duration_since(self.started) < second
            || self.drawn.is_some_and(|t| now.duration_since(t) < second / 10)
        {
            return;
        }
        self.drawn = Some(now);
        // A terminal that does not say its width (0) is taken as 80 columns.
        let width = match terminal::size() {
            Ok((w, _)) if w > 0 => usize::from(w) - 1,
            _ => 79,
        };
        let line: String = sanitize_lines(text).replace('\n', " ").chars().take(width).collect();
        let mut e = std::io::stderr().lock();
        // Nothing useful can be done if standard error cannot be written.
        let _ = ratatui::crossterm::queue!(
            e,
            cursor::MoveToColumn(0),
            style::Print(line),
            terminal::Clear(terminal::ClearType::UntilNewLine)
        )
        .and_then(|()| e.flush());
    }

    /// Clears the status line, if one was shown.
    pub fn clear(&mut self) {
        use ratatui::crossterm::{cursor, terminal};
        if self.drawn.take().is_some() {
            let mut e = std::io::stderr().lock();
            let _ = ratatui::crossterm::queue!(
                e,
                cursor::MoveToColumn(0),
                terminal::Clear(terminal::ClearType::UntilNewLine)
            )
            .and_then(|()| e.flush());
        }
    }
}

impl Drop for Status {
    fn drop(&mut self) {
        self.clear();
    }
}
