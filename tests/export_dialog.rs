//! The export dialog (`X`), driven through the keymap: `~`, `$HOME` and
//! `${HOME}` expand; an error keeps the dialog open with the reason, so the
//! path can be fixed; an existing file (a dangling symlink too) is asked
//! about, and `n` goes back to the dialog.

mod common;

use common::*;
use crosstalk::export::Format;
use crosstalk::ui::export::{ExportRequest, Exported};
use crosstalk::ui::exporting::write_export;
use crosstalk::ui::overlay::Overlay;
use crosstalk::ui::{Action, App, Command, Mode, update};
use ratatui::crossterm::event::KeyCode;
use std::path::{Path, PathBuf};

fn temp_dir(name: &str) -> tmp::TempDir {
    tmp::TempDir::new(&format!("crosstalk-{name}-{}", std::process::id()))
}

/// Opens the dialog and types `path` over the suggested one; returns
/// Enter's effect.
fn export_to(app: &mut App, path: &str) -> Command {
    if !matches!(app.top(), Some(Overlay::Export(_))) {
        press(app, "X");
    }
    ctrl(app, 'e');
    ctrl(app, 'u');
    press(app, path);
    press(app, "\n")
}

fn request(path: &Path, overwrite: bool) -> Command {
    Command::Export(ExportRequest { format: Format::Markdown, path: path.to_owned(), overwrite })
}

#[test]
fn export_paths_expand_the_home_directory() {
    let dir = temp_dir("export-home");
    let home = dir.display().to_string();
    for (typed, expected) in [
        ("~/a.md", dir.join("a.md")),
        ("$HOME/b.md", dir.join("b.md")),
        ("${HOME}/c.md", dir.join("c.md")),
        ("~", dir.to_path_buf()),
        ("~other/d.md", PathBuf::from("~other/d.md")),
    ] {
        let mut app = bundled_app(100, 30, true);
        app.home = Some(home.clone());
        assert_eq!(export_to(&mut app, typed), request(&expected, false), "{typed}");
    }
}

#[test]
fn an_export_error_keeps_the_dialog_open_to_fix_the_path() {
    let dir = temp_dir("export-error");
    let mut app = bundled_app(100, 30, true);
    let bad = dir.join("missing").join("out.md");
    let effect = export_to(&mut app, &bad.display().to_string());
    assert_eq!(effect, request(&bad, false));
    let Command::Export(req) = effect else { unreachable!() };
    let failed = write_export(&app, &req);
    assert!(matches!(failed, Exported::Failed(_)), "{failed:?}");
    update(&mut app, Action::Exported(failed));
    assert_eq!(app.mode(), Mode::Export, "the dialog stays");
    let text = screen_text(&buffer(&app));
    assert!(text.contains("not written:"), "{text}");
    // Fix the path: a word back over `missing/`… simplest, retype it.
    let good = dir.join("out.md");
    let effect = export_to(&mut app, &good.display().to_string());
    assert!(!screen_text(&buffer(&app)).contains("not written:"), "editing clears the error");
    let Command::Export(req) = effect else { panic!("{effect:?}") };
    assert_eq!(req.path, good);
    let report = write_export(&app, &req);
    update(&mut app, Action::Exported(report));
    assert_eq!(app.mode(), Mode::Read);
    assert!(app.message.as_deref().is_some_and(|m| m.starts_with("exported")), "{:?}", app.message);
    assert!(good.exists());
}

#[test]
fn overwriting_asks_first_even_for_a_dangling_symlink_and_no_goes_back() {
    let dir = temp_dir("export-overwrite");
    let mut app = bundled_app(100, 30, true);
    let file = dir.join("x.md");
    std::fs::write(&file, "mine").expect("write");
    let Command::Export(req) = export_to(&mut app, &file.display().to_string()) else {
        panic!("no export")
    };
    let exists = write_export(&app, &req);
    assert_eq!(exists, Exported::Exists(req.clone()));
    update(&mut app, Action::Exported(exists));
    assert_eq!(app.mode(), Mode::Confirm);
    press(&mut app, "n");
    assert_eq!(app.mode(), Mode::Export, "no: back to the dialog");
    assert_eq!(std::fs::read_to_string(&file).expect("read"), "mine");
    // Enter while nothing is being written asks again; `y` writes over it.
    let Command::Export(req) = press(&mut app, "\n") else { panic!("no export") };
    let report = write_export(&app, &req);
    update(&mut app, Action::Exported(report));
    let effect = press(&mut app, "y");
    assert_eq!(effect, request(&file, true));
    assert_eq!(app.mode(), Mode::Export, "waits for the write");
    assert_eq!(press(&mut app, "\n"), Command::None, "one export at a time");
    let Command::Export(req) = effect else { unreachable!() };
    let report = write_export(&app, &req);
    update(&mut app, Action::Exported(report));
    assert_eq!(app.mode(), Mode::Read);
    assert_ne!(std::fs::read_to_string(&file).expect("read"), "mine");
    #[cfg(unix)]
    {
        let link = dir.join("dangling.md");
        std::os::unix::fs::symlink(dir.join("nowhere").join("y.md"), &link).expect("symlink");
        let Command::Export(req) = export_to(&mut app, &link.display().to_string()) else {
            panic!("no export")
        };
        let exists = write_export(&app, &req);
        assert_eq!(exists, Exported::Exists(req));
        update(&mut app, Action::Exported(exists));
        assert_eq!(app.mode(), Mode::Confirm, "a dangling link is asked about");
        press(&mut app, "n");
        assert!(link.symlink_metadata().expect("link").file_type().is_symlink());
    }
    let _ = key(&mut app, KeyCode::Esc);
}

#[test]
fn the_suggested_name_follows_the_format_links_csv_included() {
    let mut app = bundled_app(120, 40, true);
    press(&mut app, "X");
    let path = |app: &App| match app.top() {
        Some(Overlay::Export(d)) => (d.format, d.path()),
        other => panic!("no export dialog: {other:?}"),
    };
    // Down to the links CSV: `.links.csv`, as a spreadsheet opens it.
    while path(&app).0 != Format::LinksCsv {
        key(&mut app, ratatui::crossterm::event::KeyCode::Down);
    }
    assert!(path(&app).1.ends_with(".links.csv"), "{:?}", path(&app));
    // And back to the plain CSV: the whole suffix is swapped.
    while path(&app).0 != Format::Csv {
        key(&mut app, ratatui::crossterm::event::KeyCode::Up);
    }
    let (_, p) = path(&app);
    assert!(p.ends_with(".csv") && !p.ends_with(".links.csv"), "{p}");
}

#[test]
fn the_suggested_name_is_never_the_file_being_read() {
    // `townhall.md` with `Id: townhall`: the brief's suggested name was the
    // transcript's own, one `y` from replacing it.
    let doc = crosstalk::model::testing::conversation(&[&["One."], &["Two."]]);
    let path_in = |app: &App| match app.top() {
        Some(Overlay::Export(d)) => d.path(),
        other => panic!("no export dialog: {other:?}"),
    };
    for (label, expect) in [
        ("t.md", "t-brief.md"),
        ("./t.md", "t-brief.md"),
        ("notes/t.md", "t.md"),
        ("talk.md", "t.md"),
    ] {
        let mut app = app_for(doc.clone(), 120, 30, true);
        app.core.doc_label = label.into();
        press(&mut app, "X");
        assert_eq!(path_in(&app), expect, "{label}");
    }
}

#[test]
fn the_report_counts_what_the_file_holds() {
    // The codebook and the links CSV were reported as "N highlight(s)".
    let dir = temp_dir("export-what");
    let app = bundled_app(120, 30, true);
    let tags = app.annotations.tags().len();
    for (format, what) in [
        (Format::Qdc, format!("{tags} tags")),
        (Format::CodebookCsv, format!("{tags} tags")),
        (Format::LinksCsv, "0 links".to_owned()),
        (Format::Csv, "0 highlights".to_owned()),
    ] {
        let path = dir.join(format!("out.{}", format.extension()));
        let request = ExportRequest { format, path, overwrite: true };
        match write_export(&app, &request) {
            Exported::Done { what: said, .. } => assert_eq!(said, what, "{format:?}"),
            other => panic!("{format:?}: {other:?}"),
        }
    }
}
