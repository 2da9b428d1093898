//! Inter-coder agreement at scale: two coders with 100,000 highlights each
//! on the generated 20 MB conversation (the second coder's coding is the
//! first's with every fifth tag changed, every seventh passage cut short and
//! every eleventh left out), per unit, and the disagreements of one tag.
//! Run: `cargo bench --bench agree`; figures are in the README.

mod support;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use crosstalk::model::agree::{Coder, Unit, agree, disagreements};
use crosstalk::store;
use support::{generated, highlighted, varied};

fn bench_agree(c: &mut Criterion) {
    let doc = store::parse_conversation(&generated(20_000_000), "generated").expect("parses");
    let a = highlighted(&doc, 100_000);
    let b = varied(&doc, &a, "ben");
    let tags: Vec<String> = a.tags().iter().map(|t| t.name.clone()).collect();
    let coders = [
        Coder { name: "ana".into(), highlights: a.highlights().iter().map(|h| &**h).collect() },
        Coder { name: "ben".into(), highlights: b.iter().collect() },
    ];
    let mut group = c.benchmark_group("agree, generated-20MB, 2 × 100,000 highlights");
    group.sample_size(10);
    for unit in [Unit::Sentence, Unit::Paragraph, Unit::Char] {
        group.bench_function(format!("report by {}", unit.name()), |bench| {
            bench.iter(|| black_box(agree(&doc, unit, &tags, &coders)))
        });
    }
    group.bench_function("disagreements of one tag, by sentence", |bench| {
        bench.iter(|| black_box(disagreements(&doc, Unit::Sentence, &tags[0], &coders)))
    });
    group.finish();
}

criterion_group!(benches, bench_agree);
criterion_main!(benches);
