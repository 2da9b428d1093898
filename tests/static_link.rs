//! The binary is linked static where the C library's static archives are
//! installed (`build.rs`): a build that fell back to the dynamic link
//! would start 0.4 ms later on every launch, and only warn as it built.

use std::path::PathBuf;
use std::process::Command;

#[path = "common/tmp.rs"]
mod tmp;

/// The archives `build.rs` links the binary with.
const ARCHIVES: &[&str] = &[
    "libgcc_eh.a",
    "libgcc.a",
    "libc.a",
    "libm.a",
    "libpthread.a",
    "librt.a",
    "libutil.a",
    "libdl.a",
];

fn installed(archive: &str) -> bool {
    let cc = std::env::var("CC").unwrap_or_else(|_| "cc".into());
    let Ok(out) = Command::new(cc).arg(format!("-print-file-name={archive}")).output() else {
        return false;
    };
    let path = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    path.is_absolute() && path.is_file()
}

/// The kinds of the ELF program headers of `bytes` (64-bit, little-endian).
fn program_headers(bytes: &[u8]) -> Vec<u32> {
    assert_eq!(&bytes[..6], b"\x7fELF\x02\x01", "a 64-bit little-endian ELF file");
    let u16_at = |at: usize| u16::from_le_bytes([bytes[at], bytes[at + 1]]) as usize;
    let offset = u64::from_le_bytes(bytes[0x20..0x28].try_into().expect("8 bytes")) as usize;
    let (size, count) = (u16_at(0x36), u16_at(0x38));
    (0..count)
        .map(|k| {
            let at = offset + k * size;
            u32::from_le_bytes(bytes[at..at + 4].try_into().expect("4 bytes"))
        })
        .collect()
}

#[test]
fn the_binary_is_static_where_the_archives_are() {
    if !(cfg!(target_os = "linux") && cfg!(target_env = "gnu")) {
        tmp::skipped(format_args!("the static link is made on Linux (GNU) only"));
        return;
    }
    if std::env::var_os("CROSSTALK_PIE").is_some_and(|v| v == "1") {
        tmp::skipped(format_args!("CROSSTALK_PIE=1 asks for the dynamic link"));
        return;
    }
    if let Some(missing) = ARCHIVES.iter().find(|a| !installed(a)) {
        tmp::skipped(format_args!("no {missing} here, so the binary is linked dynamically"));
        return;
    }
    let binary = std::fs::read(env!("CARGO_BIN_EXE_crosstalk")).expect("the built binary");
    let kinds = program_headers(&binary);
    // PT_INTERP (3): a dynamic loader to run it; PT_DYNAMIC (2): libraries.
    assert!(!kinds.contains(&3) && !kinds.contains(&2), "dynamically linked: {kinds:?}");
    assert!(kinds.contains(&1), "no loadable segment: {kinds:?}");
}
