//! The `crosstalk` binary; everything lives in the library (see `lib.rs`).

fn main() -> std::process::ExitCode {
    crosstalk::cli::main()
}
