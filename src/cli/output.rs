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

/// Writes `text` as it is, made inert, to standard error.
pub fn err(text: &str) {
    // Nothing useful can be done if standard error cannot be written.
    let _ = std::io::stderr().lock().write_all(sanitize_lines(text).as_bytes());
}

/// Writes `crosstalk: <message>` and a newline, made inert, to standard error.
pub fn warn(message: &str) {
    err(&format!("crosstalk: {message}\n"));
}
