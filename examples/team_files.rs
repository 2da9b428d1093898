//! Writes the files the team-coding figures in the README are measured on:
//! the generated 20 MB conversation and two coders' annotation files of
//! 100,000 highlights each (the second varied from the first by
//! `support::varied`, as in `benches/agree.rs`). `cargo run --release --example team_files DIR`,
//! then time `crosstalk agree` / `crosstalk merge` on them.

#[path = "../benches/support/mod.rs"]
mod support;

use crosstalk::model::annotations::{Annotations, Highlight};
use crosstalk::store;

fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "team".into()));
    std::fs::create_dir_all(&dir).expect("dir");
    let text = support::generated(20_000_000);
    let doc = store::parse_conversation(&text, "generated").expect("parses");
    std::fs::write(dir.join("big.ron"), &text).expect("write");
    let a = support::highlighted(&doc, 100_000);
    let a = Annotations::from_parts(
        a.conversation.clone(),
        a.tags().to_vec(),
        a.highlights()
            .iter()
            .map(|h| Highlight { coder: "ana".into(), ..Highlight::clone(h) })
            .collect(),
    );
    let b = support::varied(&doc, &a, "ben");
    let b = Annotations::from_parts(a.conversation.clone(), a.tags().to_vec(), b);
    for (name, x) in [("ana.annotations.ron", &a), ("ben.annotations.ron", &b)] {
        let ron = store::annotations_to_ron(&x.snapshot(), &doc).expect("ron");
        std::fs::write(dir.join(name), ron).expect("write");
    }
    eprintln!("wrote {}", dir.display());
}
