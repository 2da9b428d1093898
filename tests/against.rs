//! Another coder beside ours (`crosstalk --against B.ron`): their marks in
//! the reader, the agreement view (`A`) and its figures, the list of
//! disagreements and going there, and stepping through disagreements with
//! `>` / `<` in reading order.

mod common;

use std::path::{Path, PathBuf};

use common::{buffer, bundled_app, cells_of, key_event, press, rows, screen_text};
use crosstalk::model::Pos;
use crosstalk::model::agree::{self, Coder, Disagreement, Unit};
use crosstalk::model::annotations::{Annotations, tree};
use crosstalk::ui::overlay::Overlay;
use crosstalk::ui::{Action, App, derived, update};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ratatui::style::Modifier;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn load(app: &App, name: &str) -> Annotations {
    crosstalk::store::load_annotations(&fixture(name), &app.doc).expect("parses").expect("exists").0
}

/// The bundled debate coded by ada (ours), with ben's file against it: ben
/// left out Hoffman's proposal and Ku's rights framing, and added a
/// national-security claim in Ku and in Seiff's first sentence.
fn app_against(width: u16, height: u16, color: bool) -> App {
    let mut app = bundled_app(width, height, color);
    app.annotations = load(&app, "bundled.annotations.ron");
    app.saving.saved_revision = app.annotations.revision();
    app.coder = "ada".into();
    crosstalk::cli::against(&mut app, &fixture("against.annotations.ron")).expect("loads");
    app
}

/// Us and them, as the reader compares them.
fn coders<'a>(ours: &'a Annotations, theirs: &'a Annotations) -> [Coder<'a>; 2] {
    let all = |a: &'a Annotations| a.highlights().iter().map(|h| &**h).collect();
    [
        Coder { name: "ada".into(), highlights: all(ours) },
        Coder { name: "ben".into(), highlights: all(theirs) },
    ]
}

fn tag_order(ours: &Annotations, theirs: &Annotations) -> Vec<String> {
    let mut tags: Vec<String> = ours.tags().iter().map(|t| t.name.clone()).collect();
    for t in theirs.tags() {
        if !tags.contains(&t.name) {
            tags.push(t.name.clone());
        }
    }
    tags
}

#[test]
fn their_highlights_are_marked_beside_ours_with_a_legend() {
    let app = app_against(140, 40, false);
    let buf = buffer(&app);
    insta::assert_snapshot!("reader_against", screen_text(&buf));
    // Only ben coded Seiff's first sentence: italic, marked at the right.
    for (x, y) in cells_of(&app, &buf, "Citing") {
        assert!(buf[(x, y)].modifier.contains(Modifier::ITALIC), "({x}, {y}) not italic");
    }
    let area = common::focused_text_area(&app);
    assert_eq!(buf[(area.right(), area.y)].symbol(), "▐");
    // Text we coded and they did not: not italic, no mark on a row of ours only.
    let text = screen_text(&buf);
    assert!(text.contains("ours: highlight · theirs (ben): ▐ italic"), "{text}");
}

#[test]
fn drawing_looks_only_at_their_highlights_on_screen() {
    // Their highlights are found with `overlapping`, like ours: a frame on
    // a voice they never coded draws no mark.
    let mut app = app_against(140, 40, true);
    press(&mut app, "\t");
    let buf = buffer(&app);
    let area = common::focused_text_area(&app);
    let marks = (area.top()..area.bottom()).filter(|&y| buf[(area.right(), y)].symbol() == "▐");
    assert_eq!(marks.count(), 0, "{}", screen_text(&buf));
}

#[test]
fn without_another_coder_the_keys_say_how_to_start() {
    let mut app = bundled_app(120, 40, false);
    for keys in ["A", ">", "<"] {
        press(&mut app, keys);
        assert!(app.top().is_none());
        let message = app.message.clone().unwrap_or_default();
        assert!(message.contains("--against"), "{keys}: {message}");
    }
}

fn agree_view(app: &App) -> &crosstalk::ui::overlay::AgreeView {
    match app.top() {
        Some(Overlay::Agree(v)) => v,
        other => panic!("agreement view not on top: {other:?}"),
    }
}

#[test]
fn the_agreement_view_shows_agree_figures_for_each_unit() {
    let mut app = app_against(140, 40, false);
    press(&mut app, "A");
    let theirs = app.against.clone().expect("loaded").annotations.clone();
    let tags = tag_order(&app.annotations, &theirs);
    for unit in [Unit::Sentence, Unit::Paragraph, Unit::Char] {
        let view = agree_view(&app);
        assert_eq!(view.unit, unit);
        let expected = agree::agree(&app.doc, unit, &tags, &coders(&app.annotations, &theirs));
        assert_eq!(view.report, expected, "{unit:?}");
        // The screen shows the figures of each tag over every voice.
        let text = screen_text(&buffer(&app));
        for (i, tag) in expected.tags.iter().enumerate() {
            let row = view.line(i);
            assert_eq!(row.tag.as_deref(), Some(tag.as_str()));
            assert_eq!(row.voice, None);
            let percent = format!("{:.1}%", 100.0 * expected.percent(row).expect("defined"));
            let line = text.lines().find(|l| l.contains(tree::leaf(tag))).expect("tag shown");
            assert!(line.contains(&percent), "{tag}: {percent} not in {line}");
            let cohen = match expected.cohen(row) {
                Ok(k) => format!("{k:.3}"),
                Err(_) => "n/a".into(),
            };
            assert!(line.contains(&cohen), "{tag}: {cohen} not in {line}");
        }
        press(&mut app, "u");
    }
    assert_eq!(agree_view(&app).unit, Unit::Sentence);
}

#[test]
fn agreement_view_snapshot() {
    let mut app = app_against(120, 30, false);
    press(&mut app, "A");
    insta::assert_snapshot!("agreement_view", screen_text(&buffer(&app)));
    press(&mut app, "j\n");
    insta::assert_snapshot!("agreement_disagreements", screen_text(&buffer(&app)));
}

#[test]
fn the_disagreement_list_lines_up_wide_voice_names() {
    // Contributors named in Chinese (two cells a character): the coder and
    // quote columns start in the same cell on every row.
    let mut app = app_against(120, 30, false);
    let mut file = app.doc.to_file();
    for (c, name) in file.contributors.iter_mut().zip(["李华", "Hoffman", "王芳芳", "Wang", "Ku"])
    {
        c.short = name.into();
    }
    app.doc = std::sync::Arc::new(crosstalk::model::Conversation::new(file).expect("valid"));
    press(&mut app, "Ajjjjjjjj\n"); // (all tags)
    let rows = rows(&buffer(&app));
    let starts: Vec<usize> = rows
        .iter()
        .filter(|r| ["李华 ", "Hoffman ", "王芳芳 ", "Wang ", "Ku "].iter().any(|n| r.contains(n)))
        .filter_map(|r| {
            let at = r.find(" only ").or_else(|| r.find(" us "))?;
            Some(crosstalk::ui::text::width(&r[..at]))
        })
        .collect();
    assert!(starts.len() >= 3, "{rows:#?}");
    assert!(starts.windows(2).all(|w| w[0] == w[1]), "{starts:?}\n{rows:#?}");
}

#[test]
fn the_agreement_view_gives_tag_names_the_room_the_figures_leave() {
    for (w, h) in [(80, 24), (160, 45)] {
        let mut app = app_against(w, h, false);
        press(&mut app, "A");
        let view = agree_view(&app);
        let text = screen_text(&buffer(&app));
        // Every tag's name whole, on the row with its figures.
        for (i, tag) in view.report.tags.iter().enumerate() {
            let leaf = tree::leaf(tag);
            let line = text.lines().find(|l| l.contains(leaf)).unwrap_or_else(|| {
                panic!("{w}×{h}: {leaf:?} not whole on screen:\n{text}");
            });
            let row = view.line(i);
            let percent = match view.report.percent(row) {
                Ok(p) => format!("{:.1}%", 100.0 * p),
                Err(_) => "n/a".into(),
            };
            let rest = &line[line.find(leaf).expect("shown") + leaf.len()..];
            assert!(rest.contains(&percent), "{w}×{h}: {leaf}: {percent} not in {line:?}");
        }
        assert!(text.contains("(all tags)"), "{text}");
        if w >= 160 {
            assert!(text.contains("2 orphaned highlights left out"), "{text}");
        }
        for head in ["units", "both", "agree"] {
            assert!(text.contains(head), "{w}×{h}: {head} heads a column:\n{text}");
        }
    }
}

#[test]
fn enter_twice_goes_to_the_disagreement_and_esc_goes_back() {
    let mut app = app_against(140, 40, false);
    press(&mut app, "Aj\n");
    let d = agree_view(&app).detail.clone().expect("listed");
    assert_eq!(d.tag.as_deref(), Some("human-rights framing"));
    assert_eq!(d.list.len(), 1);
    press(&mut app, "\u{1b}");
    assert!(agree_view(&app).detail.is_none(), "Esc: back to the tags");
    press(&mut app, "\n\n");
    assert!(app.top().is_none(), "back in the reader");
    let ku = app.doc.voices().iter().position(|v| app.doc.short_name(v.contributor) == "Ku");
    assert_eq!(Some(app.focus), ku);
    let sel = app.selection.expect("the stretch is selected");
    assert_eq!(sel.range().0, Pos::new(0, 0));
    let message = app.message.clone().unwrap_or_default();
    assert_eq!(message, "disagreement 1 of 1 · human-rights framing · only us");
    // Stepping goes on with that tag: one disagreement, so round again.
    press(&mut app, ">");
    let message = app.message.clone().unwrap_or_default();
    assert!(message.starts_with("disagreement 1 of 1 · human-rights framing"), "{message}");
}

/// Every leaf tag's disagreements, in reading order: what `>` visits.
fn expected_stretches(app: &App, tag: Option<&str>) -> Vec<(String, Disagreement)> {
    let theirs = &app.against.as_ref().expect("loaded").annotations;
    let c = coders(&app.annotations, theirs);
    let tags: Vec<String> = match tag {
        Some(t) => vec![t.to_owned()],
        None => {
            let report =
                agree::agree(&app.doc, Unit::Sentence, &tag_order(&app.annotations, theirs), &c);
            report.tags.into_iter().zip(report.parent).filter(|(_, p)| !p).map(|(t, _)| t).collect()
        }
    };
    let mut out: Vec<(String, Disagreement)> = tags
        .iter()
        .flat_map(|t| {
            agree::disagreements(&app.doc, Unit::Sentence, t, &c)
                .into_iter()
                .map(|d| (t.clone(), d))
        })
        .collect();
    out.sort_by_key(|(_, d)| (d.voice, d.start, d.end));
    out
}

fn visits(app: &mut App, keys: &str, n: usize) -> Vec<(usize, Pos, String)> {
    (0..n)
        .map(|_| {
            press(app, keys);
            let sel = app.selection.expect("selected");
            (app.focus, sel.range().0, app.message.clone().unwrap_or_default())
        })
        .collect()
}

#[test]
fn stepping_visits_exactly_the_disagreements_in_reading_order() {
    let mut app = app_against(140, 40, false);
    let expected = expected_stretches(&app, None);
    assert!(expected.len() >= 4, "{expected:?}");
    let n = expected.len();
    let seen = visits(&mut app, ">", n);
    for (i, ((voice, start, message), (tag, d))) in seen.iter().zip(&expected).enumerate() {
        assert_eq!(*voice, d.voice, "{i}");
        assert_eq!(start.para, d.start.para, "{i}");
        assert!(start.byte >= d.start.byte && *start < d.end, "{i}: {start:?} in {d:?}");
        assert!(
            message.starts_with(&format!("disagreement {} of {n} · {tag} · ", i + 1)),
            "{message}"
        );
    }
    // Past the last: round to the first; back: the last, then in reverse.
    press(&mut app, ">");
    assert!(app.message.clone().unwrap_or_default().starts_with(&format!("disagreement 1 of {n}")));
    let back = visits(&mut app, "<", n);
    let expected_back: Vec<_> = (0..n).map(|i| seen[n - 1 - i].clone()).collect();
    for (got, want) in back.iter().zip(&expected_back) {
        assert_eq!((got.0, got.1), (want.0, want.1));
    }
    derived::check(&app).expect("consistent");
}

#[test]
fn stepping_follows_the_tag_chosen_in_the_agreement_view() {
    let mut app = app_against(140, 40, false);
    // The third tag: national-security claim (Seiff only ben, Ku only ben).
    press(&mut app, "Ajj\n\u{1b}\u{1b}");
    assert!(app.top().is_none());
    let expected = expected_stretches(&app, Some("national-security claim"));
    assert_eq!(expected.len(), 2);
    let seen = visits(&mut app, ">", 2);
    for ((voice, _, message), (_, d)) in seen.iter().zip(&expected) {
        assert_eq!(*voice, d.voice);
        assert!(message.contains("national-security claim · only ben"), "{message}");
    }
}

#[test]
fn adopting_a_disagreement_then_stepping_on_goes_to_the_next_not_past_it() {
    let mut app = app_against(140, 40, false);
    press(&mut app, "Ajj\n\u{1b}\u{1b}");
    let expected = expected_stretches(&app, Some("national-security claim"));
    assert_eq!(expected.len(), 2);
    press(&mut app, ">");
    assert!(app.message.clone().unwrap_or_default().starts_with("disagreement 1 of 2"));
    // Adopt theirs: the stretch is selected, its quick key tags it.
    let key = app.annotations.tags().iter().find(|t| t.name == "national-security claim");
    let key = key.and_then(|t| t.key).expect("a quick key");
    press(&mut app, &key.to_string());
    // The one adopted has left the list: on to the one that was after it,
    // not past it (round to the start).
    press(&mut app, ">");
    let said = app.message.clone().unwrap_or_default();
    assert!(said.starts_with("disagreement 1 of 1") && !said.contains("wrapped"), "{said}");
    assert_eq!(app.focus, expected[1].1.voice);
}

#[test]
fn the_report_is_rebuilt_when_our_annotations_change() {
    let mut app = app_against(140, 40, false);
    press(&mut app, "Aj\n");
    let before = agree_view(&app).report.clone();
    // Ours become theirs: total agreement.
    app.annotations = app.against.clone().expect("loaded").annotations.clone();
    update(&mut app, Action::Down);
    derived::check(&app).expect("rebuilt");
    let view = agree_view(&app);
    assert_ne!(view.report, before);
    assert!(view.detail.as_ref().is_some_and(|d| d.list.is_empty()));
    let text = screen_text(&buffer(&app));
    assert!(text.contains("agree on every sentence"), "{text}");
}

#[test]
fn another_conversations_file_is_refused_clearly() {
    let mut app = bundled_app(100, 30, false);
    let e = crosstalk::cli::against(&mut app, &fixture("unicode.annotations.ron"))
        .expect_err("another conversation");
    let message = e.to_string();
    assert!(message.contains("unicode.annotations.ron"), "{message}");
    assert!(message.contains("it annotates conversation"), "{message}");
    assert!(app.against.is_none());
    let e = crosstalk::cli::against(&mut app, &fixture("missing.annotations.ron"))
        .expect_err("no file");
    assert!(e.to_string().contains("no such annotation file"), "{e}");
}

#[test]
fn b_asks_for_their_file_and_the_event_loop_loads_it() {
    let mut app = bundled_app(140, 40, false);
    app.annotations = load(&app, "bundled.annotations.ron");
    app.coder = "ada".into();
    press(&mut app, "B");
    assert_eq!(app.mode(), crosstalk::ui::Mode::Prompt);
    // A path that cannot be read (a folder; no such file): the prompt
    // stays with the reason and what was typed, and the next keys correct
    // it instead of reaching the reader as commands.
    let folder = fixture("");
    for wrong in [folder.display().to_string(), folder.join("nobody.ron").display().to_string()] {
        let command = press(&mut app, &format!("{wrong}\n"));
        let crosstalk::ui::Command::LoadAgainst(asked) = command else {
            panic!("no load asked for: {command:?}")
        };
        let report = crosstalk::ui::terminal::load_against(&app, &asked);
        update(&mut app, report);
        assert_eq!(app.mode(), crosstalk::ui::Mode::Prompt, "still asking");
        assert!(app.message.is_some() && app.against.is_none());
        let turn_order = app.turns.is_some();
        press(&mut app, "i");
        assert_eq!(app.turns.is_some(), turn_order, "a key typed next is text, not the reader's");
        for _ in 0..wrong.chars().count() + 1 {
            key_event(&mut app, KeyCode::Backspace, KeyModifiers::NONE);
        }
    }
    let path = fixture("against.annotations.ron");
    let command = press(&mut app, &format!("{}\n", path.display()));
    let crosstalk::ui::Command::LoadAgainst(asked) = command else {
        panic!("no load asked for: {command:?}")
    };
    assert_eq!(asked, path);
    // What the event loop does with it.
    let report = crosstalk::ui::terminal::load_against(&app, &asked);
    update(&mut app, report);
    assert!(app.top().is_none(), "read: the prompt closed");
    assert_eq!(app.against.as_ref().map(|a| a.name.as_str()), Some("ben"));
    let message = app.message.clone().unwrap_or_default();
    assert!(message.starts_with("comparing with ben"), "{message}");
    // Their one orphan is said in the reader, not on standard error alone.
    assert!(
        message.ends_with("· 1 of their highlights is not in this text and is left out"),
        "{message}"
    );
    press(&mut app, "A");
    assert!(matches!(app.top(), Some(Overlay::Agree(_))));
    // Another conversation's file: said, and the coder loaded stays.
    press(&mut app, "\u{1b}");
    let report = crosstalk::ui::terminal::load_against(&app, &fixture("unicode.annotations.ron"));
    update(&mut app, report);
    let message = app.message.clone().unwrap_or_default();
    assert!(message.contains("unicode.annotations.ron: it annotates conversation"), "{message}");
    assert_eq!(app.against.as_ref().map(|a| a.name.as_str()), Some("ben"));
}

#[test]
fn the_binary_refuses_another_conversations_file_before_opening() {
    let home = common::cli::temp("against", "refused");
    let theirs = fixture("unicode.annotations.ron");
    let out = common::cli::run(&["--against", theirs.to_str().expect("utf-8")], &home);
    assert!(!out.status.success());
    let err = common::cli::stderr(&out);
    assert!(err.contains("it annotates conversation \"unicode-panel\""), "{err}");
    let out = common::cli::run(&["--against", "nowhere.ron"], &home);
    assert!(common::cli::stderr(&out).contains("nowhere.ron: there is no such annotation file"));
    // One's own file, through another path: it would agree with itself.
    let ours = fixture("against.annotations.ron");
    let dir = ours.parent().expect("dir");
    let again = dir.join(".").join("against.annotations.ron");
    let ours = ours.to_str().expect("utf-8");
    let out = common::cli::run(
        &["--annotations", ours, "--against", again.to_str().expect("utf-8")],
        &home,
    );
    assert!(!out.status.success());
    let err = common::cli::stderr(&out);
    assert!(err.contains("that is your own annotation file"), "{err}");
}

#[test]
fn b_refuses_ones_own_file() {
    let mut app = bundled_app(140, 40, false);
    app.saving.path = fixture("bundled.annotations.ron");
    let report = crosstalk::ui::terminal::load_against(&app, &fixture("bundled.annotations.ron"));
    let crosstalk::ui::Action::AgainstLoaded(Err(why)) = report else {
        panic!("loaded: {report:?}")
    };
    assert!(why.contains("that is your own annotation file"), "{why}");
}

#[test]
#[cfg(unix)]
fn a_pipe_or_a_device_named_as_their_file_is_refused_at_once() {
    // A FIFO froze the reader (keys and all) waiting for a writer, and
    // `/dev/zero` filled the memory.
    let dir = std::env::temp_dir().join(format!("crosstalk-fifo-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    let fifo = dir.join("theirs.annotations.ron");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    for path in [fifo.clone(), PathBuf::from("/dev/zero")] {
        let (tx, rx) = std::sync::mpsc::channel();
        // On a thread of its own: a load that blocks fails the test by the
        // clock instead of hanging it.
        std::thread::spawn(move || {
            let app = bundled_app(140, 40, false);
            let why = match crosstalk::ui::terminal::load_against(&app, &path) {
                Action::AgainstLoaded(Err(why)) => why,
                other => format!("not refused: {other:?}"),
            };
            let _ = tx.send(why);
        });
        let why = rx.recv_timeout(std::time::Duration::from_secs(20)).expect("not blocked");
        assert!(why.contains("not a regular file"), "{why}");
    }
    std::fs::remove_dir_all(&dir).expect("clean up");
}

#[test]
fn adopting_one_of_two_disagreements_in_a_sentence_steps_on_not_back() {
    // Theirs: two phrases of Seiff's first sentence and one of her second,
    // coded national-security claim; ours: nothing. By character, three
    // stretches, two in one sentence.
    use crosstalk::model::annotations::{Stamp, Target};
    let mut app = bundled_app(140, 40, false);
    let mut theirs = app.annotations.clone();
    let seiff = app.doc.paragraph(app.doc.voices()[0].paragraphs.at(0));
    let next = seiff.sentences()[1].start as usize;
    for (k, (start, end)) in [(0, 6), (35, 44), (next, next + 4)].into_iter().enumerate() {
        let t = Target { voice: 0, start: Pos::new(0, start), end: Pos::new(0, end) };
        let now = jiff::Timestamp::from_second(1_700_000_000).expect("time");
        let stamp = Stamp { id: format!("t{k}"), coder: "ben".into(), now };
        theirs.apply(theirs.tag_target(&app.doc, &t, "national-security claim", None, &stamp));
    }
    assert_eq!(theirs.highlights().len(), 3);
    app.saving.saved_revision = app.annotations.revision();
    let them = crosstalk::ui::core::against::Against::new(
        theirs,
        "ben.annotations.ron",
        "ben.annotations.ron".into(),
    );
    app.against = Some(std::sync::Arc::new(them));
    app.stepping.unit = Unit::Char;
    press(&mut app, ">>");
    assert!(app.message.clone().unwrap_or_default().starts_with("disagreement 2 of 3"));
    let second = app.selection.expect("selected").range();
    // Adopt it: the stretch is selected, its quick key codes it as ours.
    press(&mut app, "3");
    press(&mut app, ">");
    let said = app.message.clone().unwrap_or_default();
    assert!(said.starts_with("disagreement 2 of 2") && !said.contains("wrapped"), "{said}");
    assert!(app.selection.expect("selected").range().0 > second.1);
}

/// Their file under this conversation's name, written on another text (two
/// interviews saved as `P01/transcript.txt` and `P02/transcript.txt` are
/// both `transcript`): every highlight is nowhere here. It was taken, with
/// the reader's marks and figures counting their coding as never done.
#[test]
fn their_file_of_another_text_called_the_same_is_refused_by_b_and_the_flag() {
    let home = common::cli::temp("against", "another-text");
    let theirs = std::fs::read_to_string(fixture("against.annotations.ron")).expect("read");
    let mut file = crosstalk::store::parse_annotation_file(&theirs, "theirs").expect("parses");
    file.text_hash = format!("sha256:{}", "0".repeat(64));
    for (n, h) in file.highlights.iter_mut().enumerate() {
        h.quote = format!("zq never said here {n} qz");
        h.prefix.clear();
        h.suffix.clear();
    }
    let other = crosstalk::store::file_to_ron(&file).expect("ron");
    let path = home.join("theirs.annotations.ron");
    std::fs::write(&path, other).expect("write");
    let mut app = bundled_app(140, 40, false);
    let report = crosstalk::ui::terminal::load_against(&app, &path);
    update(&mut app, report);
    assert!(app.against.is_none(), "not loaded");
    let message = app.message.clone().unwrap_or_default();
    assert!(message.contains("none of its 8 highlights is in this text"), "{message}");
    let out = common::cli::run(&["--against", path.to_str().expect("utf-8")], &home);
    assert!(!out.status.success());
    let err = common::cli::stderr(&out);
    assert!(
        err.contains("--against") && err.contains("most of its coding is on another text"),
        "{err}"
    );
    // Their real file is taken, as before.
    let mut app = bundled_app(140, 40, false);
    let report = crosstalk::ui::terminal::load_against(&app, &fixture("against.annotations.ron"));
    update(&mut app, report);
    assert!(app.against.is_some());
}

/// Stepping to a disagreement on a tag only they have (`economic framing`,
/// which they made), `t` offered none of theirs: adopting it meant typing
/// its name and getting a tag of another colour and no description.
#[test]
fn the_picker_offers_their_tags_on_the_passage_and_adopts_their_definition() {
    use crosstalk::model::annotations::{Rgb, Stamp, Tag, Target};
    use crosstalk::ui::modes::picker::PickerRow;
    let mut app = bundled_app(140, 40, false);
    let mut theirs = app.annotations.clone();
    let now = jiff::Timestamp::from_second(1_700_000_000).expect("time");
    let stamp = |id: &str| Stamp { id: id.into(), coder: "ben".into(), now };
    let economic = Tag {
        name: "economic framing".into(),
        color: Rgb(0x12, 0x34, 0x56),
        description: "Frames the ban as a matter of trade.".into(),
        key: None,
    };
    let first = Target { voice: 0, start: Pos::new(0, 0), end: Pos::new(0, 6) };
    theirs.apply(theirs.tag_target(
        &app.doc,
        &first,
        "economic framing",
        Some(economic.clone()),
        &stamp("t1"),
    ));
    let second = Target { voice: 0, start: Pos::new(1, 0), end: Pos::new(1, 6) };
    theirs.apply(theirs.tag_target(
        &app.doc,
        &second,
        "national-security claim",
        None,
        &stamp("t2"),
    ));
    assert!(app.annotations.tag("economic framing").is_none(), "ours lacks it");
    let them = crosstalk::ui::core::against::Against::new(
        theirs,
        "ben.annotations.ron",
        "ben.annotations.ron".into(),
    );
    app.against = Some(std::sync::Arc::new(them));
    app.stepping.unit = Unit::Char;
    press(&mut app, ">");
    assert_eq!(app.selection.expect("selected").target(), first);
    press(&mut app, "t");
    let Some(Overlay::Picker(p)) = app.top() else { panic!("picker open") };
    assert_eq!(
        p.chosen(),
        Some(&PickerRow::New("economic framing".into())),
        "the cursor starts on their tag"
    );
    let screen = screen_text(&buffer(&app));
    assert!(
        screen.contains(
            "economic framing                   ben's tag · Frames the ban as a matter of trade."
        ),
        "{screen}"
    );
    press(&mut app, "\n");
    let ours = app.annotations.tag("economic framing").expect("adopted");
    assert_eq!(
        (ours.color, ours.description.as_str()),
        (economic.color, economic.description.as_str())
    );
    let coded = app.annotations.exact(&first).expect("coded");
    assert_eq!(coded.tags, ["economic framing"]);
    // A tag of theirs that we have too is where the cursor starts.
    press(&mut app, ">");
    assert_eq!(app.selection.expect("selected").target(), second);
    press(&mut app, "t");
    let Some(Overlay::Picker(p)) = app.top() else { panic!("picker open") };
    assert_eq!(p.chosen(), Some(&PickerRow::Existing("national-security claim".into())));
    assert!(p.theirs.missing.is_empty());
}

/// Both coded the passage, with different tags: the cursor started on our
/// own checked tag, so `>`, `t`, `Enter` took our coding off ("removed the
/// last tag and the highlight") instead of adding theirs.
#[test]
fn adopting_their_tag_where_we_coded_otherwise_adds_it_and_keeps_ours() {
    use crosstalk::model::annotations::{Rgb, Stamp, Tag, Target};
    use crosstalk::ui::modes::picker::PickerRow;
    let mut app = bundled_app(140, 40, false);
    let now = jiff::Timestamp::from_second(1_700_000_000).expect("time");
    let stamp = |id: &str, coder: &str| Stamp { id: id.into(), coder: coder.into(), now };
    let passage = Target { voice: 0, start: Pos::new(0, 0), end: Pos::new(0, 6) };
    let mut theirs = app.annotations.clone();
    let ours = app.annotations.tag_target(
        &app.doc,
        &passage,
        "reciprocity & market access",
        None,
        &stamp("o1", "ada"),
    );
    app.annotations.apply(ours);
    // Theirs: a tag of ours, and one only they have.
    let shouting = Tag {
        name: "national-security claim".into(),
        color: Rgb(1, 2, 3),
        description: String::new(),
        key: None,
    };
    for (id, tag) in [
        ("t1", shouting),
        (
            "t2",
            Tag {
                name: "economic framing".into(),
                color: Rgb(9, 9, 9),
                description: String::new(),
                key: None,
            },
        ),
    ] {
        let name = tag.name.clone();
        theirs.apply(theirs.tag_target(&app.doc, &passage, &name, Some(tag), &stamp(id, "ben")));
    }
    let them = crosstalk::ui::core::against::Against::new(
        theirs,
        "ben.annotations.ron",
        "ben.annotations.ron".into(),
    );
    app.against = Some(std::sync::Arc::new(them));
    let before = app.annotations.exact(&passage).expect("ours").tags.clone();
    assert_eq!(before, ["reciprocity & market access"]);
    // The passage selected as `>` would select it.
    app.stepping.unit = Unit::Char;
    press(&mut app, ">");
    assert_eq!(app.selection.expect("selected").target(), passage);
    press(&mut app, "t");
    let Some(Overlay::Picker(p)) = app.top() else { panic!("picker open") };
    assert_eq!(p.chosen(), Some(&PickerRow::Existing("national-security claim".into())));
    press(&mut app, "\n");
    let tags = app.annotations.exact(&passage).expect("kept").tags.clone();
    assert_eq!(tags, ["reciprocity & market access", "national-security claim"]);
    // Typed, their tag comes before a scattered match of ours.
    press(&mut app, "t");
    press(&mut app, "econ");
    let Some(Overlay::Picker(p)) = app.top() else { panic!("picker open") };
    assert_eq!(p.rows.first(), Some(&PickerRow::New("economic framing".into())), "{:?}", p.rows);
}
