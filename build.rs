//! Links the `crosstalk` binary statically and position-dependent on Linux
//! (GNU), where the C library's static archives are installed.
//!
//! Why: a start of a dynamically linked binary is the loader mapping
//! `libc`, `libm` and `libgcc_s`, relocating them and binding every symbol
//! the binary takes from them; a position-independent one has besides
//! 23,700 addresses in its read-only data fixed up, each page of them a
//! copy-on-write fault. Measured with `perf stat` of `--version` (300
//! runs): 1.58 ms of processor and 275 page faults position-independent,
//! 1.13 ms and 157 position-dependent, 0.81 ms and 103 static; every
//! launch is that much sooner on screen. The price: the executable's own
//! code is not moved by address-space randomisation (libraries, heap,
//! stack and maps still are), and it carries its C library (the name
//! service, which crosstalk does not use, would need the installed one).
//!
//! How: rustc names the system libraries (`-lgcc_s -lc …`) after a
//! `-Bdynamic`, where the linker would take the shared ones. A directory
//! searched before the system's holds each of them as its static archive
//! (`libgcc_s.a` is `libgcc_eh.a`, the static unwinder), so each is found
//! static, and `-static` has the C compiler leave out the dynamic loader.
//! Where an archive is missing (a system without the C library's static
//! archives) the binary is linked position-dependent and dynamic, as
//! before, and the build says so. `CROSSTALK_PIE=1` at build time keeps
//! the default (dynamic, position-independent).

use std::path::{Path, PathBuf};
use std::process::Command;

/// The libraries rustc links a binary with on Linux (GNU), and the static
/// archive each is taken from.
const ARCHIVES: &[(&str, &str)] = &[
    ("gcc_s", "libgcc_eh.a"),
    ("gcc_eh", "libgcc_eh.a"),
    ("gcc", "libgcc.a"),
    ("c", "libc.a"),
    ("m", "libm.a"),
    ("pthread", "libpthread.a"),
    ("rt", "librt.a"),
    ("util", "libutil.a"),
    ("dl", "libdl.a"),
];

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=CROSSTALK_PIE");
    println!("cargo:rerun-if-env-changed=CC");
    let linux_gnu = std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux")
        && std::env::var("CARGO_CFG_TARGET_ENV").as_deref() == Ok("gnu");
    let pie = std::env::var_os("CROSSTALK_PIE").is_some_and(|v| v == "1");
    if !linux_gnu || pie {
        return;
    }
    // Only the binaries: the test and bench harnesses keep the default.
    println!("cargo:rustc-link-arg-bins=-no-pie");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    match static_archives(&out.join("static")) {
        Ok(dir) => {
            println!("cargo:rustc-link-arg-bins=-static");
            println!("cargo:rustc-link-arg-bins=-L{}", dir.display());
            // The unwinder and the compiler's helpers before the C library
            // again, for a linker that takes archives in order.
            for lib in ["-Wl,--start-group", "-lgcc_eh", "-lgcc", "-lc", "-Wl,--end-group"] {
                println!("cargo:rustc-link-arg-bins={lib}");
            }
        }
        Err(why) => println!("cargo:warning=crosstalk is linked dynamically: {why}"),
    }
}

/// `dir`, made to hold a link to each of [`ARCHIVES`]' static archive
/// under the name the linker looks for.
fn static_archives(dir: &Path) -> Result<PathBuf, String> {
    let cc = std::env::var("CC").unwrap_or_else(|_| "cc".into());
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for (name, archive) in ARCHIVES {
        let found = Command::new(&cc)
            .arg(format!("-print-file-name={archive}"))
            .output()
            .map_err(|e| format!("{cc}: {e}"))?;
        let path = PathBuf::from(String::from_utf8_lossy(&found.stdout).trim());
        // Not found, the compiler prints the name back as it was given.
        if !path.is_absolute() || !path.is_file() {
            return Err(format!("no {archive} (the C library's static archives)"));
        }
        let link = dir.join(format!("lib{name}.a"));
        let _ = std::fs::remove_file(&link);
        #[cfg(unix)]
        let linked = std::os::unix::fs::symlink(&path, &link);
        // (A build for Linux on another system: a copy.)
        #[cfg(not(unix))]
        let linked = std::fs::copy(&path, &link).map(drop);
        linked.map_err(|e| format!("{}: {e}", link.display()))?;
    }
    Ok(dir.to_path_buf())
}
