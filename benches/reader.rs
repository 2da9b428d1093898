//! Reader benches at two scales: the bundled debate (~15 KB) and a generated
//! conversation of about 20 MB with five contributors.
//!
//! Measured: load + parse (RON text → checked conversation with sentences and
//! words), the first frame at 200×60, and a frame after a keypress at 200×60.
//! Run: `cargo bench --bench reader`. Figures are reported in the README.

mod support;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use crosstalk::store;
use crosstalk::ui::pane::Motion;
use crosstalk::ui::{Action, update, view};
use std::hint::black_box;
use support::{app, generated, terminal};

fn bench_reader(c: &mut Criterion) {
    let large = generated(20_000_000);
    let inputs = [("bundled", store::bundled_source().to_owned()), ("generated-20MB", large)];
    for (name, source) in &inputs {
        let doc = store::parse_conversation(source, name).expect("parses");
        eprintln!(
            "{name}: {} bytes of RON, {} bytes of text, {} paragraphs",
            source.len(),
            doc.text_len(),
            doc.sections.iter().map(|s| s.paragraphs.len()).sum::<usize>()
        );
        let mut group = c.benchmark_group(*name);
        group.sample_size(10);
        group.bench_function("load+parse", |b| {
            b.iter(|| store::parse_conversation(black_box(source), name).expect("parses"))
        });
        group.finish();

        let mut group = c.benchmark_group(*name);
        group.bench_function("first frame 200x60", |b| {
            b.iter_batched(
                || (doc.clone(), terminal()),
                |(doc, mut terminal)| {
                    let app = app(doc);
                    terminal.draw(|f| view(&app, f)).expect("draw");
                    app
                },
                BatchSize::LargeInput,
            )
        });

        // Alternate j and k so every iteration moves the cursor and scrolls
        // the same way, wherever it starts.
        for (label, start) in [
            ("keypress frame 200x60", None),
            ("keypress frame at the end 200x60", Some(Motion::Last)),
        ] {
            let mut app = app(doc.clone());
            if let Some(m) = start {
                update(&mut app, Action::Move(m));
            }
            let mut terminal = terminal();
            terminal.draw(|f| view(&app, f)).expect("draw");
            let mut down = start.is_none();
            group.bench_function(label, |b| {
                b.iter(|| {
                    let motion = if down { Motion::NextSentence } else { Motion::PrevSentence };
                    down = !down;
                    update(&mut app, Action::Move(motion));
                    terminal.draw(|f| view(&app, f)).expect("draw");
                })
            });
        }

        // The same in the turn-order view (`i`): one column over every voice.
        let mut turns = app(doc.clone());
        update(&mut turns, Action::ToggleTurns);
        let mut screen = terminal();
        screen.draw(|f| view(&turns, f)).expect("draw");
        let mut down = true;
        group.bench_function("turn order: keypress frame 200x60", |b| {
            b.iter(|| {
                let motion = if down { Motion::NextSentence } else { Motion::PrevSentence };
                down = !down;
                update(&mut turns, Action::Move(motion));
                screen.draw(|f| view(&turns, f)).expect("draw");
            })
        });
        group.bench_function("turn order: jump to the end (G) frame 200x60", |b| {
            let mut end = false;
            b.iter(|| {
                end = !end;
                let motion = if end { Motion::Last } else { Motion::First };
                update(&mut turns, Action::Move(motion));
                screen.draw(|f| view(&turns, f)).expect("draw");
            })
        });

        let mut app = app(doc.clone());
        let mut terminal = terminal();
        group.bench_function("jump to the end (G) frame 200x60", |b| {
            let mut end = false;
            b.iter(|| {
                end = !end;
                let motion = if end { Motion::Last } else { Motion::First };
                update(&mut app, Action::Move(motion));
                terminal.draw(|f| view(&app, f)).expect("draw");
            })
        });
        group.finish();
    }
}

criterion_group!(benches, bench_reader);
criterion_main!(benches);
