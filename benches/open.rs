//! Opening large and pathological files, as `crosstalk FILE` does: read the
//! file, import it, build the reader, draw the first frame (200×60), and for
//! the panel press `G` and draw again.
//!
//! Rows: a 12.8 MB Markdown panel (5 speakers × 8,000 paragraphs, the one
//! `scripts/vs-less` times against `less`), 5,000 speakers with non-Latin
//! names, a single 4.6 MB paragraph, an interview of 40,000 bold Q&A
//! paragraphs (the general reader's path), a paragraph of 10⁶ newlines.
//! The panel again as the reader opens it (mapped; `G` typed ahead, so one
//! frame). Run: `cargo bench --bench open`.

mod support;
#[path = "../tests/common/tmp.rs"]
mod tmp;

use criterion::{Criterion, criterion_group, criterion_main};
use crosstalk::store;
use crosstalk::ui::pane::Motion;
use crosstalk::ui::{Action, update, view};
use std::path::{Path, PathBuf};
use support::{app, terminal};

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write input");
    path
}

/// Open `path` and draw the first frame; with `end`, press `G` and draw.
fn open(path: &Path, end: bool) {
    let doc = store::load_document(path).expect("opens");
    let mut app = app(doc);
    let mut terminal = terminal();
    terminal.draw(|f| view(&app, f)).expect("draw");
    if end {
        update(&mut app, Action::Move(Motion::Last));
        terminal.draw(|f| view(&app, f)).expect("draw");
    }
}

/// [`open`] of the panel as the reader opens it (`crosstalk FILE`): mapped,
/// not read, under a lease, copied and let go after the first frame.
fn open_mapped(path: &Path) {
    let (doc, _, settle) = store::open_document(path, &[]).expect("opens");
    let mut app = app(doc);
    let mut terminal = terminal();
    update(&mut app, Action::Move(Motion::Last));
    terminal.draw(|f| view(&app, f)).expect("draw");
    drop(settle);
}

fn bench_open(c: &mut Criterion) {
    let dir = tmp::TempDir::new(&format!("crosstalk-bench-open-{}", std::process::id()));
    let inputs = [
        (
            "panel 12.8 MB md: open, frame, G, frame",
            "panel.md",
            support::panel_markdown(5, 8000),
            true,
        ),
        (
            "5000 non-Latin speakers md: open, frame",
            "speakers.md",
            support::speakers_markdown(5000),
            false,
        ),
        (
            "4.6 MB paragraph md: open, frame",
            "paragraph.md",
            support::long_paragraph_markdown(4_600_000),
            false,
        ),
        (
            "interview of 40000 Q&A paragraphs md: open, frame",
            "interview.md",
            support::interview_markdown(20_000),
            false,
        ),
        (
            "1e6 newlines md: open, frame",
            "newlines.md",
            support::newlines_markdown(1_000_000),
            false,
        ),
    ];
    let mut group = c.benchmark_group("open");
    group.sample_size(10);
    for (label, file, text, end) in &inputs {
        let path = write(&dir, file, text);
        eprintln!("{file}: {} bytes", text.len());
        group.bench_function(*label, |b| b.iter(|| open(&path, *end)));
    }
    let panel = dir.join("panel.md");
    group.bench_function("panel 12.8 MB md as the reader opens it: mapped, G, frame", |b| {
        b.iter(|| open_mapped(&panel))
    });
    group.finish();
}

criterion_group!(benches, bench_open);
criterion_main!(benches);
