//! Merging coders' files at scale: two files of 100,000 highlights each on
//! the generated 20 MB conversation — half of the second file the first's
//! own highlights (a shared start), half another coder's on the same
//! sentences. `crosstalk merge` (load both on threads, unite, write; goal
//! ≤ 1 s) and the git driver (parse three files on threads, merge, write),
//! the way the commands do them.
//!
//! Run: `cargo bench --bench team`. With `CROSSTALK_TEAM_FILES=DIR` the
//! conversation and the files are also written to DIR (talk.ron, a.ron,
//! b.ron), to time the binary: `crosstalk merge DIR/a.ron DIR/b.ron --doc
//! DIR/talk.ron -o out.ron`.

mod support;
#[path = "../tests/common/tmp.rs"]
mod tmp;

use std::hint::black_box;
use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use crosstalk::model::annotations::filemerge::merge_files;
use crosstalk::model::annotations::merge::Side;
use crosstalk::model::annotations::unite::unite;
use crosstalk::model::annotations::{Annotations, Highlight};
use crosstalk::store;
use support::{generated, highlighted};

const COUNT: usize = 100_000;

/// Ann's file, and Bob's: half Ann's highlights, half his own on the same spans.
fn files(doc: &crosstalk::model::Conversation) -> (Annotations, Annotations) {
    let base = highlighted(doc, COUNT);
    let with = |f: &dyn Fn(usize, &Highlight) -> Highlight| {
        let hs: Vec<Highlight> =
            base.highlights().iter().enumerate().map(|(i, h)| f(i, h)).collect();
        Annotations::from_parts(base.conversation.clone(), base.tags().to_vec(), hs)
    };
    let ann = with(&|_, h| Highlight { coder: "Ann".into(), ..h.clone() });
    let bob = with(&|i, h| {
        if i % 2 == 0 {
            Highlight { coder: "Ann".into(), ..h.clone() }
        } else {
            Highlight { id: format!("{}-bob", h.id), coder: "Bob".into(), ..h.clone() }
        }
    });
    (ann, bob)
}

fn bench_team(c: &mut Criterion) {
    let source = generated(20_000_000);
    let doc = store::parse_conversation(&source, "generated").expect("parses");
    let (ann, bob) = files(&doc);
    let text = |a: &Annotations| store::annotations_to_ron(&a.snapshot(), &doc).expect("ron");
    let (a_ron, b_ron) = (text(&ann), text(&bob));
    eprintln!(
        "team: {} + {} highlights, files {} + {} bytes",
        ann.highlights().len(),
        bob.highlights().len(),
        a_ron.len(),
        b_ron.len()
    );
    if let Some(dir) = std::env::var_os("CROSSTALK_TEAM_FILES") {
        let dir = std::path::PathBuf::from(dir);
        std::fs::create_dir_all(&dir).expect("dir");
        std::fs::write(dir.join("talk.ron"), &source).expect("write");
        std::fs::write(dir.join("a.ron"), &a_ron).expect("write");
        std::fs::write(dir.join("b.ron"), &b_ron).expect("write");
    }
    let mut group = c.benchmark_group("merge, 2 × 100,000 highlights on 20 MB");
    group.sample_size(10);
    group.bench_function("unite (model only)", |b| {
        b.iter(|| black_box(unite(&[Side::from(&ann), Side::from(&bob)], None)))
    });
    // As the command does it: the files parsed on threads of their own, the
    // united file written by the streaming writer to disk (atomically).
    // In a directory of its own, so the backup and any leftover go with it.
    let dir = tmp::TempDir::new(&format!("crosstalk-bench-team-{}", std::process::id()));
    let out = dir.join("merged.ron");
    group.bench_function("crosstalk merge: parse both + unite + write", |b| {
        b.iter(|| {
            let (a, b2) = std::thread::scope(|s| {
                let a = s.spawn(|| store::parse_annotations(&a_ron, "a", &doc).expect("a").0);
                let b2 = store::parse_annotations(&b_ron, "b", &doc).expect("b").0;
                (a.join().expect("thread"), b2)
            });
            let u = unite(&[Side::from(&a), Side::from(&b2)], None);
            let mut snapshot = a.snapshot();
            snapshot.tags = u.tags;
            snapshot.highlights = u.highlights.iter().map(Arc::clone).collect();
            store::save_snapshot(&out, &snapshot, &doc).expect("write")
        })
    });
    group.bench_function("git driver: parse three files + merge + write", |b| {
        b.iter(|| {
            let parse = |t: &str| store::parse_annotation_file(t, "f").expect("parses");
            let (o, base, t) = std::thread::scope(|s| {
                let o = s.spawn(|| parse(&a_ron));
                let base = s.spawn(|| parse(&a_ron));
                let t = parse(&b_ron);
                (o.join().expect("thread"), base.join().expect("thread"), t)
            });
            let m = merge_files(Some(&base), &o, &t).expect("merges");
            let mut bytes = Vec::new();
            store::write_ron(&mut bytes, &m.file).expect("write");
            black_box(bytes)
        })
    });
    group.finish();
}

criterion_group!(benches, bench_team);
criterion_main!(benches);
