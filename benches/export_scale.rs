//! Exports at scale: W3C Web Annotation JSON-LD, the HTML page, Markdown,
//! REFI-QDA and CSV of 100,000 highlights on the generated 20 MB
//! conversation, each rendered from an [`Export`] worked out once, as
//! `crosstalk export` does after loading. Run: `cargo bench --bench
//! export_scale`.

mod support;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use crosstalk::export::{Export, Filter, Format};
use crosstalk::store;
use support::{generated, highlighted};

fn bench_export_scale(c: &mut Criterion) {
    let doc = store::parse_conversation(&generated(20_000_000), "generated").expect("parses");
    let annotations = highlighted(&doc, 100_000);
    let export = Export::new(&doc, &annotations, &Filter::default()).expect("export");
    let mut group = c.benchmark_group("generated-20MB, 100000 highlights");
    group.sample_size(10);
    for format in [Format::Json, Format::Html, Format::Markdown, Format::Qdpx, Format::Csv] {
        group.bench_function(format!("export {}", format.name()), |b| {
            b.iter(|| black_box(export.render(format).expect("render")))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_export_scale);
criterion_main!(benches);
