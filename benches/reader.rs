//! Reader benches at two scales: the bundled debate (~15 KB) and a generated
//! conversation of about 20 MB with five contributors.
//!
//! Measured: load + parse (RON text → checked conversation with sentences and
//! words), the first frame at 200×60, and a frame after a keypress at 200×60.
//! Run: `cargo bench --bench reader`. Figures are reported in the README.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use crosstalk::model::{Conversation, ConversationFile, SectionFile};
use crosstalk::store;
use crosstalk::ui::pane::Motion;
use crosstalk::ui::theme::Theme;
use crosstalk::ui::{Action, App, update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;

const WIDTH: u16 = 200;
const HEIGHT: u16 = 60;

/// A conversation of about `target` bytes: the bundled debate's five
/// contributors, each with paragraphs cycled from the debate and numbered so
/// no two are alike.
fn generated(target: usize) -> String {
    let doc = store::bundled().expect("bundled debate");
    let base = doc.to_file();
    let pool: Vec<&str> =
        base.sections.iter().flat_map(|s| s.paragraphs.iter().map(String::as_str)).collect();
    let mut sections: Vec<SectionFile> = base
        .contributors
        .iter()
        .map(|c| SectionFile { contributor: c.id.clone(), paragraphs: Vec::new() })
        .collect();
    let mut size = 0;
    let mut i = 0;
    while size < target {
        let text = format!("{} (Passage {i}.)", pool[i % pool.len()]);
        size += text.len();
        sections[i % 5].paragraphs.push(text);
        i += 1;
    }
    let file = ConversationFile { id: "generated".into(), sections, ..base };
    store::to_ron(&file).expect("serialise")
}

fn app(doc: Conversation) -> App {
    let mut app = App::new(doc, "bench".into(), (0, 0), Theme::new(true));
    update(&mut app, Action::Resize { width: WIDTH, height: HEIGHT });
    app
}

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("test backend")
}

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
