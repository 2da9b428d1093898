//! A deterministic transcript of any size, shaped like a long hearing: a
//! header, 200 speakers (honorifics, some labels timestamped), turns of one
//! to five paragraphs, some wrapped over several lines. Used by the
//! streaming import's tests, its bench and `examples/make_big_transcript.rs`.

use std::io::{self, Write};

const FIRST: [&str; 20] = [
    "ADA", "BEN", "CLAIRE", "DEV", "ELENA", "FARID", "GRACE", "HUGO", "IRIS", "JONAS", "KEMI",
    "LIAM", "MEI", "NOOR", "OMAR", "PRIYA", "QUINN", "ROSA", "SVEN", "TOMÁS",
];
const LAST: [&str; 10] = [
    "PARK",
    "OKAFOR",
    "LINDQVIST",
    "MORALES",
    "NAKAMURA",
    "O'BRIEN",
    "ROSSI",
    "SHAH",
    "WEBER",
    "ZHANG",
];
const TITLE: [&str; 5] = ["", "MR. ", "MS. ", "DR. ", "SEN. "];
const WORDS: [&str; 40] = [
    "the",
    "committee",
    "data",
    "brokers",
    "sell",
    "records",
    "without",
    "consent",
    "and",
    "we",
    "have",
    "asked",
    "whether",
    "rules",
    "would",
    "help",
    "naïve",
    "approach",
    "—",
    "markets",
    "move",
    "faster",
    "than",
    "regulators",
    "in",
    "every",
    "state",
    "“quoted”",
    "\"plain\"",
    "questions",
    "of",
    "privacy",
    "remain",
    "open",
    "because",
    "courts",
    "disagree",
    "today",
    "années",
    "数据",
];

/// A small, fast, deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A sentence of 6 to 24 words.
fn sentence(rng: &mut Rng, out: &mut String) {
    let n = 6 + rng.below(19);
    for i in 0..n {
        let w = WORDS[rng.below(WORDS.len())];
        if i == 0 {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                out.extend(f.to_uppercase());
                out.push_str(c.as_str());
            }
        } else {
            out.push(' ');
            out.push_str(w);
        }
    }
    out.push_str([".", ".", "?", "!"][rng.below(4)]);
}

/// Writes a transcript of at least `bytes` bytes to `out`; the same
/// `seed` gives the same transcript.
pub fn write(out: &mut impl Write, bytes: u64, seed: u64) -> io::Result<u64> {
    let mut rng = Rng(seed | 1);
    let header = "# A Long Hearing\n\nDate: 2021-03-04\nLocation: Room 216\n\n";
    out.write_all(header.as_bytes())?;
    let mut written = header.len() as u64;
    let mut seconds = 0u64;
    let mut text = String::new();
    while written < bytes {
        let who = rng.below(200);
        let name = format!("{}{} {}", TITLE[who % 5], FIRST[who % 20], LAST[who / 20]);
        seconds += 5 + rng.below(120) as u64;
        let time =
            format!("{:02}:{:02}:{:02}", seconds / 3600 % 100, seconds / 60 % 60, seconds % 60);
        text.clear();
        match rng.below(8) {
            0 => text.push_str(&format!("[{time}] {name}: ")),
            1 => text.push_str(&format!("{name} [{time}]: ")),
            2 => text.push_str(&format!("{name} (continuing): ")),
            _ => text.push_str(&format!("{name}: ")),
        }
        for p in 0..1 + rng.below(5) {
            if p > 0 {
                text.push_str("\n\n");
            }
            for s in 0..1 + rng.below(4) {
                // Some paragraphs are wrapped over several lines.
                text.push_str(if s == 0 {
                    ""
                } else if rng.below(3) == 0 {
                    "\n"
                } else {
                    " "
                });
                sentence(&mut rng, &mut text);
            }
        }
        text.push_str("\n\n");
        out.write_all(text.as_bytes())?;
        written += text.len() as u64;
    }
    Ok(written)
}
