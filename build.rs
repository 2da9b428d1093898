//! Links the `crosstalk` binary as a position-dependent executable on
//! Linux (GNU): a position-independent one has 23,700 addresses in its
//! read-only data fixed up by the loader as it starts, each page of them
//! a copy-on-write fault — 130 of the 275 page faults of a start, 0.55 ms
//! of every launch (measured: `perf stat` of `--version`, and the timing
//! script opening a file). The price: the executable's own code is not
//! moved by address-space randomisation (libraries, heap, stack and maps
//! still are). `CROSSTALK_PIE=1` at build time keeps the default.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=CROSSTALK_PIE");
    let linux_gnu = std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux")
        && std::env::var("CARGO_CFG_TARGET_ENV").as_deref() == Ok("gnu");
    let pie = std::env::var_os("CROSSTALK_PIE").is_some_and(|v| v == "1");
    if linux_gnu && !pie {
        // Only the binaries: the test and bench harnesses keep the default.
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
