//! Re-anchoring benches: loading an annotation file after the conversation's
//! text changed (one paragraph deleted from every voice, so every later
//! highlight moves by a paragraph), and loading it on unchanged text.
//!
//! The generated 20 MB conversation with 10,000 and 100,000 highlights (a
//! sentence each, `support::highlighted`). Timed: `into_annotations` alone,
//! on a file already parsed (the RON parser is benched elsewhere). Run:
//! `cargo bench --bench reanchor`.

mod support;

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use crosstalk::model::annotations::AnnotationFile;
use crosstalk::store;
use support::{generated, highlighted, without_paragraph};

/// The paragraph deleted from every voice: early, so nearly every
/// highlight comes after it.
const DELETED: usize = 10;

fn bench(c: &mut Criterion) {
    let doc = store::parse_conversation(&generated(20_000_000), "generated").expect("parses");
    let edited = without_paragraph(&doc, DELETED);
    let mut group = c.benchmark_group("reanchor");
    group.sample_size(10).measurement_time(Duration::from_secs(10));
    for count in [10_000, 100_000] {
        let file = AnnotationFile::from_snapshot(&highlighted(&doc, count).snapshot(), &doc);
        // One run first, to show what re-anchoring did and what it took.
        let started = Instant::now();
        let (_, report) = file.clone().into_annotations(&edited).expect("loads");
        eprintln!(
            "{count} highlights, paragraph {DELETED} deleted per voice: {report:?} in {:.3} s",
            started.elapsed().as_secs_f64()
        );
        group.bench_function(format!("re-anchor {count}, a paragraph deleted per voice"), |b| {
            b.iter_batched(
                || file.clone(),
                |f| f.into_annotations(black_box(&edited)).expect("loads"),
                BatchSize::PerIteration,
            )
        });
        if count == 100_000 {
            let started = Instant::now();
            let (_, report) = file.clone().into_annotations(&doc).expect("loads");
            eprintln!(
                "{count} highlights, text unchanged: {report:?} in {:.3} s",
                started.elapsed().as_secs_f64()
            );
            group.bench_function(format!("into_annotations {count}, text unchanged"), |b| {
                b.iter_batched(
                    || file.clone(),
                    |f| f.into_annotations(black_box(&doc)).expect("loads"),
                    BatchSize::PerIteration,
                )
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
