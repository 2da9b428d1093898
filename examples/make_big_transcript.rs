//! Writes a deterministic transcript of about SIZE megabytes to FILE, for
//! measuring the streaming import:
//!
//! ```text
//! cargo run --release --example make_big_transcript -- 1000 /tmp/big.txt
//! /usr/bin/time -v target/release/crosstalk import /tmp/big.txt -o /tmp/big.ron
//! ```

#[path = "../tests/common/big_transcript.rs"]
mod big_transcript;

use std::io::{BufWriter, Write};

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(size), Some(path)) = (args.first().and_then(|s| s.parse::<u64>().ok()), args.get(1))
    else {
        eprintln!("usage: make_big_transcript SIZE_MB FILE");
        std::process::exit(2);
    };
    let mut out = BufWriter::new(std::fs::File::create(path)?);
    let bytes = big_transcript::write(&mut out, size * 1_000_000, 42)?;
    out.flush()?;
    eprintln!("{path}: {bytes} bytes");
    Ok(())
}
