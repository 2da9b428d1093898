//! Inter-coder agreement at scale: two coders with 100,000 highlights each
//! on the generated 20 MB conversation (the second coder's coding is the
//! first's with every fifth tag changed, every seventh passage cut short and
//! every eleventh left out), per unit, and the disagreements of one tag.
//! Run: `cargo bench --bench agree`; figures are in the README.

mod support;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use crosstalk::model::Conversation;
use crosstalk::model::agree::{Coder, Unit, agree, disagreements};
use crosstalk::model::annotations::{Annotations, Highlight};
use crosstalk::store;
use support::{generated, highlighted};

/// The second coder: the first's coding, varied.
fn other(doc: &Conversation, a: &Annotations) -> Vec<Highlight> {
    let tags: Vec<String> = a.tags().iter().map(|t| t.name.clone()).collect();
    a.highlights()
        .iter()
        .enumerate()
        .filter(|(n, _)| n % 11 != 0)
        .map(|(n, h)| {
            let mut h = Highlight::clone(h);
            h.coder = "ben".into();
            if n % 5 == 0 {
                let i = tags.iter().position(|t| *t == h.tags[0]).unwrap_or(0);
                h.tags = vec![tags[(i + 1) % tags.len()].clone()];
            }
            if n % 7 == 0 && h.start.para == h.end.para {
                let text =
                    doc.paragraph(doc.voices()[h.voice].paragraphs[h.start.para as usize]).text();
                let mut mid = (h.start.byte + (h.end.byte - h.start.byte) / 2) as usize;
                while !text.is_char_boundary(mid) {
                    mid += 1;
                }
                h.end.byte = mid as u32;
            }
            h
        })
        .collect()
}

fn bench_agree(c: &mut Criterion) {
    let doc = store::parse_conversation(&generated(20_000_000), "generated").expect("parses");
    let a = highlighted(&doc, 100_000);
    let b = other(&doc, &a);
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
