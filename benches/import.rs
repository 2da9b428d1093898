//! Importing a generated 20 MB transcript (200 speakers, see
//! `tests/common/big_transcript.rs`): in memory (`import`, the checked
//! conversation, `to_ron`), as `crosstalk import` did, and streaming (both
//! passes, written to nowhere), as it does now. Run: `cargo bench --bench
//! import`. Figures are reported in the README.

#[path = "../tests/common/big_transcript.rs"]
mod big_transcript;

use criterion::{Criterion, criterion_group, criterion_main};
use crosstalk::import::stream::{self, Scanned};
use crosstalk::import::{Kind, import};
use crosstalk::model::Conversation;
use crosstalk::store;
use std::hint::black_box;

fn bench_import(c: &mut Criterion) {
    let mut bytes = Vec::new();
    big_transcript::write(&mut bytes, 20_000_000, 42).expect("generate");
    let text = String::from_utf8(bytes).expect("UTF-8");
    let mut group = c.benchmark_group("transcript-20MB");
    group.sample_size(10);
    group.bench_function("in memory", |b| {
        b.iter(|| {
            let file = import(black_box(&text), Kind::Transcript, "big").expect("imports");
            Conversation::new(file.clone()).expect("valid");
            store::to_ron(&file).expect("ron").len()
        })
    });
    group.bench_function("streaming", |b| {
        b.iter(|| {
            let reader = black_box(text.as_bytes());
            let Ok(Scanned::Ready(plan)) = stream::scan(reader, "big", false, &mut |_| {}) else {
                panic!("not a transcript")
            };
            stream::write(&plan, reader, std::io::sink(), &mut |_| {}).expect("writes");
        })
    });
    group.finish();
}

criterion_group!(benches, bench_import);
criterion_main!(benches);
