//! Model-based random sessions: the reader driven through random sequences
//! of keys (drawn from every mode's key table), typed text, clicks, wheel
//! scrolls, resizes from 1×1 to 200×60, and save and export reports, on the
//! bundled debate (bare, with a coding session's annotations, or with those
//! and another coder's file loaded as by `--against`) and on small
//! generated conversations. After every step the frame is drawn on a
//! `TestBackend` and the invariants are checked:
//!
//! - nothing panics, in `update` or in the view;
//! - every derived row (list, matrix, compare, picker, tag manager, orphans)
//!   refers to a highlight or tag that exists, built from the current state;
//! - the focus, every pane's cursor and the selection are inside the text;
//! - every highlight's positions are inside its voice and its quote is the
//!   text there; per-tag counts equal a count of the highlights; every
//!   link's ends are highlights and its relation is in the codebook;
//!
//! and at the end the annotations equal a replay of the history: undoing
//! every step gives back the start, redoing them all the end.
//!
//! `cargo test` runs 2,000 sessions of 40–80 steps. The long run:
//! `CROSSTALK_SESSIONS=100000 cargo test --release --test sessions -- --ignored`.

mod common;

use std::sync::OnceLock;

use crosstalk::model::annotations::Annotations;
use crosstalk::model::{Conversation, Pos, VoiceText};
use crosstalk::store::saver::Saved;
use crosstalk::ui::export::Exported;
use crosstalk::ui::keymap;
use crosstalk::ui::theme::Theme;
use crosstalk::ui::{Action, App, Command, derived, terminal, update, view};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

/// One thing a person (or the event loop) does.
#[derive(Clone, Debug)]
enum Step {
    /// A key from the keymap (any mode's), by index into [`keys`].
    Key(usize),
    /// A character typed (into a field, or as a key where one is bound).
    Char(char),
    /// A key that edits text fields.
    Edit(KeyCode),
    Click(u16, u16),
    /// Shift-click (`true`: with Alt too).
    ShiftClick(u16, u16),
    /// A drag to the cell (`true`: with Alt held), and a release.
    Drag(u16, u16, bool),
    Release(u16, u16),
    Scroll(u16, u16, bool),
    Resize(u16, u16),
    /// The saver reports the current revision saved, or failed.
    Saved(bool),
}

/// Every key of every mode's table, once.
fn keys() -> &'static [(KeyCode, KeyModifiers)] {
    static KEYS: OnceLock<Vec<(KeyCode, KeyModifiers)>> = OnceLock::new();
    KEYS.get_or_init(|| {
        let mut all: Vec<(KeyCode, KeyModifiers)> = Vec::new();
        for binding in keymap::all() {
            for k in binding.keys {
                if !all.contains(&(k.code, k.modifiers)) {
                    all.push((k.code, k.modifiers));
                }
            }
        }
        // The digits behind QuickTag and SetKey, and 0.
        for d in '0'..='9' {
            if !all.contains(&(KeyCode::Char(d), KeyModifiers::NONE)) {
                all.push((KeyCode::Char(d), KeyModifiers::NONE));
            }
        }
        all
    })
}

fn step() -> impl Strategy<Value = Step> {
    let typed = prop_oneof![
        proptest::char::range('a', 'z'),
        Just(' '),
        Just('é'),
        Just('中'),
        Just('\u{301}'),
        Just('\u{202e}'),
        Just('\u{1b}'),
        Just('“'),
        Just('—'),
    ];
    prop_oneof![
        70 => (0..keys().len()).prop_map(Step::Key),
        12 => typed.prop_map(Step::Char),
        4 => prop_oneof![
            Just(KeyCode::Backspace),
            Just(KeyCode::Delete),
            Just(KeyCode::Left),
            Just(KeyCode::Right),
            Just(KeyCode::Home),
            Just(KeyCode::End),
            Just(KeyCode::Enter),
        ]
        .prop_map(Step::Edit),
        5 => (0u16..210, 0u16..70).prop_map(|(x, y)| Step::Click(x, y)),
        2 => (0u16..210, 0u16..70).prop_map(|(x, y)| Step::ShiftClick(x, y)),
        4 => (0u16..210, 0u16..70, any::<bool>()).prop_map(|(x, y, a)| Step::Drag(x, y, a)),
        3 => (0u16..210, 0u16..70).prop_map(|(x, y)| Step::Release(x, y)),
        4 => (0u16..210, 0u16..70, any::<bool>()).prop_map(|(x, y, d)| Step::Scroll(x, y, d)),
        3 => (1u16..=200, 1u16..=60).prop_map(|(w, h)| Step::Resize(w, h)),
        2 => any::<bool>().prop_map(Step::Saved),
    ]
}

fn bundled() -> &'static Conversation {
    static DOC: OnceLock<Conversation> = OnceLock::new();
    DOC.get_or_init(|| crosstalk::store::bundled().expect("bundled debate"))
}

/// A coding session's annotations on the bundled debate (tags, notes,
/// overlaps, an orphan).
fn fixture() -> &'static Annotations {
    static A: OnceLock<Annotations> = OnceLock::new();
    A.get_or_init(|| {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/bundled.annotations.ron");
        crosstalk::store::load_annotations(&path, bundled()).expect("parses").expect("exists").0
    })
}

const SENTENCES: &[&str] = &[
    "The U.S. bans are about “national security” — or so they say.",
    "中文的句子。第二句！",
    "A family 👩‍👩‍👧 emoji and café with e\u{301}.",
    "Short.",
    "Why? Because.",
    "   spaced   out   ",
    "x",
];

/// A small conversation: 1–4 voices of 1–4 paragraphs, from sentences with
/// curly quotes, em-dashes, abbreviations, CJK, ZWJ emoji, combining marks.
fn small_conversation() -> impl Strategy<Value = Conversation> {
    let paragraph = proptest::collection::vec(0..SENTENCES.len(), 1..4)
        .prop_map(|s| s.iter().map(|&i| SENTENCES[i]).collect::<Vec<_>>().join(" "));
    proptest::collection::vec(proptest::collection::vec(paragraph, 1..4), 1..5).prop_map(
        |sections| {
            let sections: Vec<Vec<&str>> =
                sections.iter().map(|s| s.iter().map(String::as_str).collect()).collect();
            let sections: Vec<&[&str]> = sections.iter().map(Vec::as_slice).collect();
            crosstalk::model::testing::conversation(&sections)
        },
    )
}

/// Where a session starts.
#[derive(Clone, Debug)]
enum Start {
    Bundled,
    BundledCoded,
    /// Coded, with another coder's file loaded (`--against`).
    BundledAgainst,
    Generated(Box<Conversation>),
}

fn start() -> impl Strategy<Value = Start> {
    prop_oneof![
        1 => Just(Start::Bundled),
        2 => Just(Start::BundledCoded),
        1 => Just(Start::BundledAgainst),
        2 => small_conversation().prop_map(|c| Start::Generated(Box::new(c))),
    ]
}

fn app_at(start: &Start, width: u16, height: u16) -> App {
    let doc = match start {
        Start::Bundled | Start::BundledCoded | Start::BundledAgainst => bundled().clone(),
        Start::Generated(doc) => (**doc).clone(),
    };
    let mut app = App::new(doc, "session.ron".into(), (0, 0), Theme::new(width.is_multiple_of(2)));
    if matches!(start, Start::BundledCoded | Start::BundledAgainst) {
        app.annotations = fixture().clone();
        app.saving.saved_revision = app.annotations.revision();
    }
    if matches!(start, Start::BundledAgainst) {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/against.annotations.ron");
        crosstalk::cli::against(&mut app, &path).expect("the other coder loads");
    }
    app.coder = "tester".into();
    update(&mut app, Action::Resize { width, height });
    app
}

fn event(app: &App, step: &Step) -> Option<Event> {
    let key = |code, modifiers| Event::Key(KeyEvent::new(code, modifiers));
    let with =
        |kind, column, row, modifiers| Event::Mouse(MouseEvent { kind, column, row, modifiers });
    let mouse = |kind, column, row| with(kind, column, row, KeyModifiers::NONE);
    Some(match *step {
        Step::Key(i) => {
            let (code, modifiers) = keys()[i];
            key(code, modifiers)
        }
        Step::Char(c) => key(KeyCode::Char(c), KeyModifiers::NONE),
        Step::Edit(code) => key(code, KeyModifiers::NONE),
        Step::Click(x, y) => mouse(MouseEventKind::Down(MouseButton::Left), x, y),
        Step::ShiftClick(x, y) => {
            with(MouseEventKind::Down(MouseButton::Left), x, y, KeyModifiers::SHIFT)
        }
        Step::Drag(x, y, alt) => with(
            MouseEventKind::Drag(MouseButton::Left),
            x,
            y,
            if alt { KeyModifiers::ALT } else { KeyModifiers::NONE },
        ),
        Step::Release(x, y) => mouse(MouseEventKind::Up(MouseButton::Left), x, y),
        Step::Scroll(x, y, down) => {
            mouse(if down { MouseEventKind::ScrollDown } else { MouseEventKind::ScrollUp }, x, y)
        }
        Step::Resize(w, h) => Event::Resize(w, h),
        Step::Saved(_) => {
            let _ = app;
            return None;
        }
    })
}

/// Runs one session; `Err` says which invariant broke after which step.
fn run(start: &Start, size: (u16, u16), steps: &[Step]) -> Result<(), String> {
    let mut app = app_at(start, size.0, size.1);
    let initial = app.annotations.snapshot();
    let mut terminal =
        Terminal::new(TestBackend::new(size.0, size.1)).map_err(|e| e.to_string())?;
    for (n, step) in steps.iter().enumerate() {
        let effect = match (step, event(&app, step)) {
            (Step::Saved(ok), _) => {
                let revision = app.annotations.revision();
                let saved =
                    if *ok { Saved::Ok(revision) } else { Saved::Failed(revision, "full".into()) };
                update(&mut app, Action::Saved(saved))
            }
            (_, Some(event)) => match terminal::action_for(&app, &event) {
                Some(action) => update(&mut app, action),
                None => Command::None,
            },
            (_, None) => Command::None,
        };
        // What the event loop would report back.
        if let Command::Export(request) = effect {
            let report = if n % 2 == 0 {
                Exported::Exists(request)
            } else {
                Exported::Failed("no room".into())
            };
            update(&mut app, Action::Exported(report));
        }
        if terminal.size().map_err(|e| e.to_string())?
            != ratatui::layout::Size::new(app.size.0, app.size.1)
        {
            terminal = Terminal::new(TestBackend::new(app.size.0.max(1), app.size.1.max(1)))
                .map_err(|e| e.to_string())?;
        }
        terminal.draw(|frame| view(&app, frame)).map_err(|e| e.to_string())?;
        invariants(&app).map_err(|e| format!("after step {n} ({step:?}): {e}"))?;
    }
    replay(&app, &initial)
}

fn valid_pos(doc: &Conversation, voice: usize, pos: Pos) -> Result<(), String> {
    let v = &doc.voices()[voice];
    let para = v.paragraphs.get(pos.para as usize).ok_or(format!("paragraph {pos:?} past"))?;
    let text = doc.paragraph(para).text();
    if !text.is_char_boundary(pos.byte as usize) {
        return Err(format!("{pos:?} is not on a character boundary of “{text}”"));
    }
    Ok(())
}

fn invariants(app: &App) -> Result<(), String> {
    derived::check(app)?;
    let doc = &app.doc;
    let voices = doc.voices().len();
    if app.panes.len() != voices || app.focus >= voices || app.first_visible >= voices {
        return Err(format!("focus {} / first {} of {voices}", app.focus, app.first_visible));
    }
    for (i, pane) in app.panes.iter().enumerate() {
        let v = &doc.voices()[i];
        let Some(para) = v.paragraphs.get(pane.cursor.para) else {
            return Err(format!("pane {i} cursor paragraph {} past the end", pane.cursor.para));
        };
        let sentences = doc.paragraph(para).sentences().len();
        if pane.cursor.sentence >= sentences.max(1) {
            return Err(format!(
                "pane {i} cursor sentence {} of {sentences}",
                pane.cursor.sentence
            ));
        }
        if pane.top.para >= v.paragraphs.len() {
            return Err(format!("pane {i} scrolled past the end"));
        }
    }
    // The turn view shows the focused voice's cursor, and scrolls within the
    // conversation.
    if let Some(t) = app.turns {
        let c = app.panes[app.focus].cursor;
        let want = doc.to_timeline(app.focus, c.para);
        if (t.pane.cursor.para, t.pane.cursor.sentence) != (want, c.sentence) {
            return Err(format!("turn cursor {:?} is not the focused cursor {c:?}", t.pane.cursor));
        }
        if t.pane.top.para >= doc.timeline().paragraphs.len() {
            return Err("turn view scrolled past the end".into());
        }
    }
    if let Some(s) = &app.selection {
        if s.voice >= voices {
            return Err("selection in no voice".into());
        }
        for pos in [s.anchor.0, s.anchor.1, s.head] {
            valid_pos(doc, s.voice, pos)?;
        }
        // What is shown is what would be coded: no whitespace at either end.
        let (start, end) = s.range();
        let text = VoiceText::new(doc, &doc.voices()[s.voice]);
        let (a, b) = (text.offset(start), text.offset(end));
        let Some(quote) = text.text.get(a..b) else {
            return Err(format!("selection {a}..{b} is not on char boundaries"));
        };
        if quote != quote.trim() {
            return Err(format!("selection {quote:?} has whitespace at an end"));
        }
    }
    let mut uses = std::collections::HashMap::<&str, usize>::new();
    for h in app.annotations.highlights() {
        if h.voice >= voices {
            return Err(format!("highlight {} in no voice", h.id));
        }
        for t in &h.tags {
            *uses.entry(t).or_default() += 1;
        }
        if h.orphan {
            continue;
        }
        valid_pos(doc, h.voice, h.start)?;
        valid_pos(doc, h.voice, h.end)?;
        let text = VoiceText::new(doc, &doc.voices()[h.voice]);
        let (s, e) = (text.offset(h.start), text.offset(h.end));
        if s > e || text.text.get(s..e) != Some(h.quote.exact.as_str()) {
            return Err(format!("highlight {}'s quote is not the text at its positions", h.id));
        }
    }
    // Every link's ends are highlights, and its relation is in the codebook.
    for l in app.annotations.links() {
        for end in [&l.from, &l.to] {
            if app.annotations.highlight(end).is_none() {
                return Err(format!("link {} names {end}, no highlight", l.id));
            }
        }
        if app.annotations.relation(&l.relation).is_none() {
            return Err(format!("link {} has an unknown relation {}", l.id, l.relation));
        }
    }
    if let Some(t) = app.link.start {
        valid_pos(doc, t.voice, t.start)?;
        valid_pos(doc, t.voice, t.end)?;
    }
    for tag in app.annotations.tags() {
        let scanned = uses.get(tag.name.as_str()).copied().unwrap_or(0);
        if app.annotations.count(&tag.name) != scanned {
            return Err(format!("“{}” counted {}, used {scanned}", tag.name, tag.name.len()));
        }
    }
    Ok(())
}

/// Undoing every step gives the start back; redoing them all, the end.
fn replay(app: &App, initial: &crosstalk::model::annotations::Snapshot) -> Result<(), String> {
    let same = |a: &crosstalk::model::annotations::Snapshot,
                b: &crosstalk::model::annotations::Snapshot| {
        a.tags == b.tags
            && a.highlights == b.highlights
            && a.links == b.links
            && a.relations == b.relations
    };
    let end = app.annotations.snapshot();
    let mut history = app.annotations.clone();
    let mut steps = 0;
    while history.undo().is_some() {
        steps += 1;
    }
    if !same(&history.snapshot(), initial) {
        return Err("undoing every step does not give back the start".into());
    }
    // As many redos as undos (the session may end with steps undone, which
    // stay redoable beyond its end).
    for _ in 0..steps {
        history.redo();
    }
    if !same(&history.snapshot(), &end) {
        return Err("redoing every step does not give back the end".into());
    }
    Ok(())
}

fn sessions(cases: u32) {
    let mut runner =
        TestRunner::new(Config { cases, failure_persistence: None, ..Config::default() });
    let strategy = (start(), (1u16..=200, 1u16..=60), proptest::collection::vec(step(), 40..80));
    let result = runner.run(&strategy, |(start, size, steps)| {
        run(&start, size, &steps).map_err(TestCaseError::fail)
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

#[test]
fn two_thousand_random_sessions_keep_every_invariant() {
    sessions(2_000);
}

#[test]
#[ignore = "the long run (100,000 sessions, minutes in release); its result is in the README"]
fn long_run_of_random_sessions() {
    let cases =
        std::env::var("CROSSTALK_SESSIONS").ok().and_then(|n| n.parse().ok()).unwrap_or(100_000);
    sessions(cases);
}
