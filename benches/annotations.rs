//! Annotation benches: what tagging costs on the input path, what a save
//! costs off it, loading a large file, exporting it in every format, and
//! whether a frame still costs what is on screen when there are 100,000
//! highlights (also with another coder's highlights loaded, `--against`).
//!
//! Scales: the bundled debate with a highlight on every sentence (the
//! realistic case), and the generated 20 MB conversation with 10,000 and
//! 100,000 highlights. Run: `cargo bench --bench annotations`; figures are
//! in the README.

mod support;
#[path = "../tests/common/tmp.rs"]
mod tmp;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use crosstalk::export::{Export, Filter, Format};
use crosstalk::model::Conversation;
use crosstalk::model::annotations::{Annotations, Stamp, Target};
use crosstalk::model::search;
use crosstalk::model::stats::Matrix;
use crosstalk::store;
use crosstalk::ui::core::against::Against;
use crosstalk::ui::core::select::Unit;
use crosstalk::ui::overlay::{AgreeView, CompareView, ListState};
use crosstalk::ui::pane::Motion;
use crosstalk::ui::{Action, update, view};
use jiff::Timestamp;
use support::{app, generated, highlighted, terminal};

/// The first word of voice 0's last paragraph: `highlighted` covers whole
/// sentences, so no highlight has exactly this range and the first tagging
/// makes a new one.
fn fresh_target(doc: &Conversation) -> Target {
    let v = &doc.voices()[0];
    let para = v.paragraphs.len() - 1;
    let word = doc.paragraph(v.paragraphs[para]).words()[0];
    Target {
        voice: 0,
        start: crosstalk::model::Pos::new(para, word.start as usize),
        end: crosstalk::model::Pos::new(para, word.end as usize),
    }
}

fn bench_scale(c: &mut Criterion, name: &str, doc: &Conversation, annotations: Annotations) {
    let count = annotations.highlights().len();
    let text = store::annotations_to_ron(&annotations.snapshot(), doc).expect("ron");
    eprintln!("{name}: {count} highlights, annotation file {} bytes", text.len());
    let mut group = c.benchmark_group(name);
    group.sample_size(10);

    // The input path: build the edit, apply it, take the snapshot the saver
    // gets. The first tagging makes a highlight; tagging the same range
    // again takes the tag off, then on, so every iteration does the same work.
    let target = fresh_target(doc);
    let mut a = annotations.clone();
    let stamp = Stamp { id: "bench-new".into(), coder: "bench".into(), now: Timestamp::UNIX_EPOCH };
    group.bench_function("tag: edit + apply + snapshot (input path)", |b| {
        b.iter(|| {
            let edit = a.tag_target(doc, &target, "human-rights framing", None, &stamp);
            a.apply(edit);
            black_box(a.snapshot())
        })
    });

    // Off the input path: serialise and write atomically with a backup.
    let dir = tmp::TempDir::new(&format!("crosstalk-bench-{}-{name}", std::process::id()));
    let path = dir.join("bench.annotations.ron");
    let snapshot = annotations.snapshot();
    group.bench_function("save: serialise + atomic write + backup (saver thread)", |b| {
        b.iter(|| {
            let text = store::annotations_to_ron(&snapshot, doc).expect("ron");
            store::save(&path, &text).expect("save");
        })
    });
    group.bench_function("load: parse + check (text unchanged)", |b| {
        b.iter(|| store::parse_annotations(black_box(&text), "bench", doc).expect("parses"))
    });
    drop(dir);

    // Exports of everything, each format from the annotations in memory.
    let export = Export::new(doc, &annotations, &Filter::default()).expect("export");
    for format in [Format::Markdown, Format::Csv, Format::Json, Format::Qdpx, Format::Html] {
        group.bench_function(format!("export {} (all highlights)", format.name()), |b| {
            b.iter(|| black_box(export.render(format).expect("render")))
        });
    }
    drop(export);

    // The analysis views: opening and filtering the list, the matrix,
    // compare mode, and a search of every voice.
    group.bench_function("list: open (a)", |b| {
        b.iter(|| black_box(ListState::new(&annotations, None, None)))
    });
    let mut list = ListState::new(&annotations, None, None);
    list.filter.insert_str("the");
    group.bench_function("list: filter after a keystroke", |b| {
        b.iter(|| {
            list.refresh(&annotations);
            black_box(list.rows.len())
        })
    });
    group.bench_function("matrix: compute (m)", |b| {
        b.iter(|| black_box(Matrix::of(doc, &annotations)))
    });
    group.bench_function("search: fold every paragraph (the first /)", |b| {
        b.iter(|| black_box(search::Index::new(doc)))
    });
    let index = search::Index::new(doc);
    group.bench_function("search: find a word in every voice", |b| {
        b.iter(|| black_box(search::find(doc, &index, "uighur").len()))
    });

    // A keypress and its frame, with the highlights drawn.
    let mut reader = app(doc.clone());
    reader.annotations = annotations;
    let mut terminal = terminal();
    terminal.draw(|f| view(&reader, f)).expect("draw");
    let mut down = true;
    group.bench_function("keypress frame 200x60 (j/k)", |b| {
        b.iter(|| {
            let motion = if down { Motion::NextSentence } else { Motion::PrevSentence };
            down = !down;
            update(&mut reader, Action::Move(motion));
            terminal.draw(|f| view(&reader, f)).expect("draw");
        })
    });
    // The word cursor, and a selection growing and shrinking by a word.
    let mut words = reader.clone();
    let mut forward = true;
    group.bench_function("keypress frame 200x60 (word cursor w/b)", |b| {
        b.iter(|| {
            update(&mut words, Action::Word(forward));
            forward = !forward;
            terminal.draw(|f| view(&words, f)).expect("draw");
        })
    });
    let mut selecting = reader.clone();
    update(&mut selecting, Action::Word(true));
    update(&mut selecting, Action::Select);
    let mut forward = true;
    group.bench_function("keypress frame 200x60 (selection w/b)", |b| {
        b.iter(|| {
            update(&mut selecting, Action::Extend(Unit::Word, forward));
            forward = !forward;
            terminal.draw(|f| view(&selecting, f)).expect("draw");
        })
    });
    group.bench_function("compare: open for one tag (c)", |b| {
        b.iter(|| black_box(CompareView::new(&reader, "human-rights framing")))
    });

    // Another coder (`--against`) who coded the first half of the same
    // sentences: their marks drawn too, the agreement view opened, and a
    // step to the next disagreement.
    let theirs = highlighted(doc, count / 2);
    let mut against = reader.clone();
    against.against =
        Some(std::sync::Arc::new(Against::new(theirs, "theirs.ron", "theirs".into())));
    let mut down = true;
    group.bench_function("against: keypress frame 200x60 (j/k)", |b| {
        b.iter(|| {
            let motion = if down { Motion::NextSentence } else { Motion::PrevSentence };
            down = !down;
            update(&mut against, Action::Move(motion));
            terminal.draw(|f| view(&against, f)).expect("draw");
        })
    });
    group.bench_function("against: open the agreement view (A)", |b| {
        b.iter(|| black_box(AgreeView::new(&against)))
    });
    let mut forward = true;
    group.bench_function("against: step to a disagreement (>/<) + frame", |b| {
        b.iter(|| {
            update(&mut against, Action::Disagreement(forward));
            forward = !forward;
            terminal.draw(|f| view(&against, f)).expect("draw");
        })
    });
    group.finish();
}

fn bench_annotations(c: &mut Criterion) {
    let bundled = store::bundled().expect("bundled");
    let sentences: usize = bundled
        .voices()
        .iter()
        .flat_map(|v| v.paragraphs.iter())
        .map(|&r| bundled.paragraph(r).sentences().len())
        .sum();
    let every = highlighted(&bundled, sentences);
    bench_scale(c, "bundled, a highlight per sentence", &bundled, every);

    let large = store::parse_conversation(&generated(20_000_000), "generated").expect("parses");
    for count in [10_000, 100_000] {
        let annotations = highlighted(&large, count);
        bench_scale(c, &format!("generated-20MB, {count} highlights"), &large, annotations);
    }
}

criterion_group!(benches, bench_annotations);
criterion_main!(benches);
