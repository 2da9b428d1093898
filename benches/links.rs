//! Link benches: whether a frame still costs what is on screen when there
//! are 10,000 links (the goal: a keypress frame within 1.2× the
//! bundled debate's), and what following a link, the links list and the
//! exchange matrix cost.
//!
//! Scales: the bundled debate with a highlight on every sentence and every
//! two neighbouring highlights linked (each passage at the top of a pane
//! is an end, so every frame draws marks, the info line and the other end
//! brought into view), and the generated 20 MB conversation with 20,000
//! highlights and 10,000 such links. Run: `cargo bench --bench links`;
//! figures are in the README.

mod support;

use std::hint::black_box;
use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use crosstalk::model::Conversation;
use crosstalk::model::annotations::{Annotations, Link};
use crosstalk::store;
use crosstalk::ui::overlay::LinkList;
use crosstalk::ui::pane::Motion;
use crosstalk::ui::{Action, update, view};
use support::{app, generated, highlighted, terminal};

/// `highlighted(doc, 2 × links)` with highlight 2k linked to 2k + 1 (the
/// same sentence round in the next voice), relations taken in turn.
fn linked(doc: &Conversation, links: usize) -> Annotations {
    let a = highlighted(doc, links * 2);
    let relations = crosstalk::model::annotations::default_relations();
    let now = jiff::Timestamp::from_second(1_700_000_000).expect("time");
    let highlights: Vec<_> = a.highlights().iter().map(|h| (**h).clone()).collect();
    let count = highlights.len() / 2;
    let links = (0..count)
        .map(|k| Link {
            id: format!("{k:08}-link"),
            from: format!("{:08}-bench", 2 * k + 1),
            to: format!("{:08}-bench", 2 * k),
            relation: relations[k % relations.len()].name.clone(),
            note: String::new(),
            coder: "bench".into(),
            created: now,
            modified: now,
        })
        .collect();
    Annotations::from_parts_linked(doc.id.clone(), a.tags().to_vec(), highlights, relations, links)
}

fn bench_scale(c: &mut Criterion, name: &str, doc: &Conversation, annotations: Annotations) {
    eprintln!(
        "{name}: {} highlights, {} links",
        annotations.highlights().len(),
        annotations.links().len()
    );
    let mut group = c.benchmark_group(name);
    let mut reader = app(doc.clone());
    reader.annotations = annotations;
    let mut terminal = terminal();
    terminal.draw(|f| view(&reader, f)).expect("draw");
    let mut down = true;
    group.bench_function("keypress frame 200x60 (j/k over linked passages)", |b| {
        b.iter(|| {
            let motion = if down { Motion::NextSentence } else { Motion::PrevSentence };
            down = !down;
            update(&mut reader, Action::Move(motion));
            terminal.draw(|f| view(&reader, f)).expect("draw");
        })
    });
    let mut following = reader.clone();
    group.bench_function("follow a link (f) + frame", |b| {
        b.iter(|| {
            update(&mut following, Action::Follow);
            terminal.draw(|f| view(&following, f)).expect("draw");
        })
    });
    group.bench_function("links list: open (F)", |b| b.iter(|| black_box(LinkList::new(&reader))));
    let mut listing = reader.clone();
    update(&mut listing, Action::Links);
    group.bench_function("links list: frame", |b| {
        b.iter(|| {
            terminal.draw(|f| view(&listing, f)).expect("draw");
        })
    });
    update(&mut listing, Action::Matrix);
    group.bench_function("exchange matrix (m): frame", |b| {
        b.iter(|| {
            terminal.draw(|f| view(&listing, f)).expect("draw");
        })
    });
    // Unlink and link again the first link: the input path of a link change.
    let mut a = reader.annotations.clone();
    let first: Arc<Link> = Arc::clone(&a.links()[0]);
    group.bench_function("unlink + undo: edit + apply + snapshot", |b| {
        b.iter(|| {
            let edit = a.remove_link(&first.id);
            a.apply(edit);
            a.undo();
            black_box(a.snapshot())
        })
    });
    group.finish();
}

fn bench_links(c: &mut Criterion) {
    let bundled = store::bundled().expect("bundled");
    let sentences: usize = bundled
        .voices()
        .iter()
        .flat_map(|v| v.paragraphs.iter())
        .map(|&r| bundled.paragraph(r).sentences().len())
        .sum();
    let every = linked(&bundled, sentences / 2);
    bench_scale(c, "bundled, every two sentences linked", &bundled, every);
    let large = store::parse_conversation(&generated(20_000_000), "generated").expect("parses");
    bench_scale(c, "generated-20MB, 10,000 links", &large, linked(&large, 10_000));
}

criterion_group!(benches, bench_links);
criterion_main!(benches);
