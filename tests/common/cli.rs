//! Running the built binary as a person would, for the command-line tests:
//! a fresh directory, its own HOME and data directory.

use std::path::Path;
use std::process::{Command, Output};

use super::tmp::TempDir;

/// A fresh, empty directory for one test (`prefix` keeps test files
/// apart), removed when the guard is dropped.
pub fn temp(prefix: &str, name: &str) -> TempDir {
    TempDir::new(&format!("crosstalk-{prefix}-{}-{name}", std::process::id()))
}

/// `crosstalk args…` with HOME at `home` and its data under `home/data`.
pub fn run(args: &[&str], home: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_crosstalk"))
        .args(args)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .output()
        .expect("run crosstalk")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
