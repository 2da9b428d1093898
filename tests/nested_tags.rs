//! Nested tags (`parent/child`, as REFI-QDA nests codes): the tag manager,
//! picker, list, matrix and `stats` show the tree and roll a parent's
//! counts up from its branch; renaming a parent moves its branch; REFI-QDA
//! exports nest `<Code>`s and read back to the same names.
//!
//! The fixture is the bundled debate's coding with its codebook renamed
//! into a tree: `policy/…` and `framing/…` (parents that are not tags
//! themselves), `critique` with `critique/censorship` under it, and
//! `framing/national security/data` three deep.

mod common;

use std::collections::{HashMap, HashSet};

use common::cli::{run, stderr, stdout, temp};
use common::*;
use crosstalk::export::{Export, Filter, Format};
use crosstalk::model::annotations::{Annotations, Stamp, Target, tree};
use crosstalk::model::stats::Matrix;
use crosstalk::ui::overlay::Overlay;
use crosstalk::ui::{App, Mode};
use ratatui::crossterm::event::KeyCode;

fn fixture() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/nested.annotations.ron")
}

/// The reader on the bundled debate with the nested fixture.
fn nested_app(width: u16, height: u16) -> App {
    let mut app = bundled_app(width, height, true);
    let (a, _) =
        crosstalk::store::load_annotations(&fixture(), &app.doc).expect("parses").expect("exists");
    app.annotations = a;
    app.saving.saved_revision = app.annotations.revision();
    app
}

fn names(a: &Annotations) -> Vec<String> {
    a.tags().iter().map(|t| t.name.clone()).collect()
}

#[test]
fn the_matrix_rolls_each_branch_up_counting_a_highlight_once() {
    let mut app = nested_app(120, 40);
    // One highlight gets a second tag in the `framing` branch: `framing`
    // must still count it once.
    let h = app
        .annotations
        .highlights()
        .iter()
        .find(|h| h.tags.contains(&"framing/human rights".to_string()))
        .expect("a framing highlight")
        .clone();
    let target = Target { voice: h.voice, start: h.start, end: h.end };
    let stamp = Stamp { id: "x".into(), coder: "t".into(), now: jiff::Timestamp::UNIX_EPOCH };
    let edit =
        app.annotations.tag_target(&app.doc, &target, "framing/national security", None, &stamp);
    app.annotations.apply(edit);
    let m = Matrix::of(&app.doc, &app.annotations);
    assert_eq!(
        m.tags,
        [
            "policy",
            "policy/risk mitigation",
            "policy/reciprocity",
            "framing",
            "framing/human rights",
            "framing/national security",
            "framing/national security/data",
            "critique",
            "critique/censorship",
            "geopolitics & U.S.-China rivalry",
            "(no tag)",
        ]
    );
    assert_eq!(m.depth, [0, 1, 1, 0, 1, 1, 2, 0, 1, 0, 0]);
    assert_eq!(m.parent, [true, false, false, true, false, true, false, true, false, false, false]);
    let live: Vec<_> = app.annotations.highlights().iter().filter(|h| !h.orphan).collect();
    for (row, name) in m.tags.iter().enumerate() {
        for voice in 0..app.doc.voices().len() {
            let under = |tags: &[String]| match name.as_str() {
                "(no tag)" => tags.is_empty(),
                _ => tags.iter().any(|t| tree::within(t, name)),
            };
            let expected = live.iter().filter(|h| h.voice == voice && under(&h.tags)).count();
            assert_eq!(m.cells[row][voice].highlights, expected, "{name} in voice {voice}");
        }
    }
    let framing = m.tags.iter().position(|t| t == "framing").expect("row");
    let hr = m.tags.iter().position(|t| t == "framing/human rights").expect("row");
    let ns = m.tags.iter().position(|t| t == "framing/national security").expect("row");
    assert!(
        m.row_total(framing) < m.row_total(hr) + m.row_total(ns),
        "the twice-tagged highlight counts once in its branch"
    );
    assert!(m.row_total(framing) >= m.row_total(hr).max(m.row_total(ns)));
}

#[test]
fn the_matrix_view_draws_the_tree_with_the_branch_totals_bold() {
    let mut app = nested_app(140, 40);
    press(&mut app, "m");
    assert_eq!(app.mode(), Mode::Matrix);
    let text = screen_text(&buffer(&app));
    let lines: Vec<&str> = text.lines().collect();
    let at = |needle: &str| lines.iter().position(|l| l.contains(needle)).expect(needle);
    assert_eq!(at("┃policy ") + 1, at("┃  risk mitigation "), "{text}");
    assert_eq!(at("┃  national security ") + 1, at("┃    data "), "{text}");
    assert!(text.contains("a bold tag's row counts the tags under"), "{text}");
    // Branch totals are bold, the rows under them not.
    let buf = buffer(&app);
    let bold = |label: &str| {
        let needle = format!("┃{label}");
        let (y, row) = (0..buf.area.height)
            .map(|y| (y, (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect::<String>()))
            .find(|(_, row)| row.contains(&needle))
            .unwrap_or_else(|| panic!("{needle} not on screen"));
        let x = row[..row.find(&needle).expect("found")].chars().count() as u16 + 1;
        let first = label.chars().take_while(|c| *c == ' ').count() as u16;
        buf[(x + first, y)].modifier.contains(ratatui::style::Modifier::BOLD)
    };
    assert!(bold("framing "));
    assert!(bold("  national security "));
    assert!(!bold("  human rights "));
    assert!(!bold("geopolitics "));
}

/// The name on the tag manager's row under its cursor.
fn managed(app: &App) -> String {
    let Some(Overlay::Tags(m)) = app.top() else { panic!("not in the tag manager") };
    m.tag.clone().expect("a row")
}

#[test]
fn the_tag_manager_shows_the_tree_and_renames_a_whole_branch_in_one_undo_step() {
    let mut app = nested_app(130, 40);
    press(&mut app, "T");
    assert_eq!(app.mode(), Mode::Tags);
    let text = screen_text(&buffer(&app));
    assert!(text.contains("policy ") && text.contains("(groups the tags under it)"), "{text}");
    assert!(text.contains("     risk mitigation "), "children indented: {text}");
    assert!(text.contains("Σ"), "a parent shows its branch's uses: {text}");
    // The first row is `policy`, which is no tag: `c` says what it is.
    assert_eq!(managed(&app), "policy");
    press(&mut app, "c");
    assert!(
        app.message.as_deref().is_some_and(|m| m.contains("is a group, not a tag")),
        "{:?}",
        app.message
    );
    let before = (names(&app.annotations), app.annotations.highlights().to_vec());
    press(&mut app, "r");
    assert_eq!(app.mode(), Mode::Prompt);
    assert!(screen_text(&buffer(&app)).contains("Rename “policy” and the 2 tags under it to"));
    for _ in 0.."policy".len() {
        key(&mut app, KeyCode::Backspace);
    }
    press(&mut app, "measures\n");
    assert_eq!(app.mode(), Mode::Tags);
    assert_eq!(managed(&app), "measures", "the cursor follows the branch");
    let now = names(&app.annotations);
    assert!(now.contains(&"measures/risk mitigation".into()), "{now:?}");
    assert!(now.contains(&"measures/reciprocity".into()), "{now:?}");
    assert!(!now.iter().any(|n| n.starts_with("policy")), "{now:?}");
    assert!(
        app.annotations
            .highlights()
            .iter()
            .all(|h| !h.tags.iter().any(|t| t.starts_with("policy"))),
        "every highlight follows"
    );
    press(&mut app, "u");
    assert_eq!(
        (names(&app.annotations), app.annotations.highlights().to_vec()),
        before,
        "one undo brings the whole branch back"
    );
    // Renaming a child onto a name a tag already has changes nothing.
    for _ in 0..3 {
        press(&mut app, "j");
    }
    assert_eq!(managed(&app), "framing");
    press(&mut app, "j");
    assert_eq!(managed(&app), "framing/human rights");
    let before = names(&app.annotations);
    press(&mut app, "r");
    for _ in 0.."human rights".len() {
        key(&mut app, KeyCode::Backspace);
    }
    press(&mut app, "national security\n");
    assert_eq!(names(&app.annotations), before);
    // The prompt stays, with what was typed, to be corrected; Esc leaves it.
    assert_eq!(app.mode(), Mode::Prompt);
    press(&mut app, "\u{1b}");
    assert_eq!(managed(&app), "framing/human rights");
}

#[test]
fn the_picker_shows_the_tree_unfiltered_and_whole_names_filtered() {
    let mut app = nested_app(130, 40);
    press(&mut app, "t");
    assert_eq!(app.mode(), Mode::Tag);
    let text = screen_text(&buffer(&app));
    let lines: Vec<&str> = text.lines().collect();
    let at = |needle: &str| lines.iter().position(|l| l.contains(needle)).expect(needle);
    // `framing` is no tag: its children show their whole names; `critique`
    // is one: its child sits under it by its last name.
    assert!(at(" framing/national security ") < at("   data "), "{text}");
    assert!(at(" critique ") + 1 == at("   censorship "), "{text}");
    press(&mut app, "censor");
    let text = screen_text(&buffer(&app));
    assert!(text.contains(" critique/censorship "), "filtered: whole names: {text}");
}

#[test]
fn the_list_filter_on_a_parent_takes_in_its_branch() {
    let mut app = nested_app(130, 40);
    press(&mut app, "a");
    assert_eq!(app.mode(), Mode::List);
    press(&mut app, "\t");
    assert_eq!(app.list().and_then(|l| l.tag.clone()).as_deref(), Some("policy"));
    let under_policy = app
        .annotations
        .highlights()
        .iter()
        .filter(|h| h.tags.iter().any(|t| t.starts_with("policy/")))
        .count();
    assert!(under_policy >= 2);
    assert_eq!(app.list().map(|l| l.rows.len()), Some(under_policy));
    assert!(screen_text(&buffer(&app)).contains("“policy” and under it"));
    press(&mut app, "\t");
    assert_eq!(app.list().and_then(|l| l.tag.clone()).as_deref(), Some("policy/risk mitigation"));
}

#[test]
fn stats_on_the_command_line_indents_the_tree() {
    let dir = temp("nested", "stats");
    let ann = dir.join("nested.annotations.ron");
    std::fs::copy(fixture(), &ann).expect("copy");
    let out = run(&["stats", "--annotations", ann.to_str().expect("utf-8")], &dir);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    let at = |needle: &str| lines.iter().position(|l| l.starts_with(needle)).expect(needle);
    assert_eq!(at("policy ") + 1, at("  risk mitigation "), "{text}");
    assert_eq!(at("  national security ") + 1, at("    data "), "{text}");
    assert!(
        text.contains(
            "A parent tag's row counts its own highlights and those of the tags under it"
        )
    );
}

#[test]
fn exporting_a_parent_exports_its_branch() {
    // `--tag framing`: `framing` is no tag itself, only the branch's parent.
    let dir = temp("nested", "export-branch");
    let ann = dir.join("nested.annotations.ron");
    std::fs::copy(fixture(), &ann).expect("copy");
    let path = ann.to_str().expect("utf-8");
    let out = run(&["export", "--format", "csv", "--annotations", path, "--tag", "framing"], &dir);
    assert!(out.status.success(), "{}", stderr(&out));
    let csv = stdout(&out);
    for tag in ["framing/human rights", "framing/national security"] {
        assert!(csv.contains(tag), "{tag}: {csv}");
    }
    assert!(!csv.contains("policy/") && !csv.contains("critique"), "{csv}");
    // A tag that is also a parent takes its own highlights and its branch's.
    let out = run(&["export", "--format", "csv", "--annotations", path, "--tag", "critique"], &dir);
    let csv = stdout(&out);
    assert!(csv.contains("critique/censorship") && !csv.contains("framing/"), "{csv}");
    // A name that is neither a tag nor a parent is an error naming the tags as written.
    let out = run(&["export", "--format", "csv", "--annotations", path, "--tag", "fram"], &dir);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("no tag is named “fram”") && err.contains("“framing/human rights”"),
        "{err}"
    );
}

#[test]
fn refi_qda_exports_nest_codes_and_read_back_to_the_same_tags() {
    let dir = temp("nested", "refi");
    let doc = crosstalk::store::bundled().expect("bundled");
    let (a, _) =
        crosstalk::store::load_annotations(&fixture(), &doc).expect("parses").expect("exists");
    let e = Export::new(&doc, &a, &Filter::default()).expect("export");
    let qdc = String::from_utf8(e.render(Format::Qdc).expect("qdc")).expect("utf-8");
    // `framing` is written as a code that is not codable, with its children
    // inside it and named by their last segment.
    assert!(qdc.contains("name=\"framing\" isCodable=\"false\""), "{qdc}");
    assert!(!qdc.contains("name=\"framing/"), "children are named by their leaf: {qdc}");
    let path = dir.join("nested.qdc");
    std::fs::write(&path, &qdc).expect("write");
    let back = crosstalk::store::load_codebook(&path).expect("reads back");
    let by_name: HashMap<&str, _> = back.iter().map(|t| (t.name.as_str(), t)).collect();
    assert_eq!(
        back.len(),
        a.tags().len(),
        "{:?}",
        back.iter().map(|t| &t.name).collect::<Vec<_>>()
    );
    for t in a.tags() {
        let b = by_name.get(t.name.as_str()).unwrap_or_else(|| panic!("{} lost", t.name));
        assert_eq!((b.color, &b.description), (t.color, &t.description), "{}", t.name);
    }
    // In the project, every coding refers to a code of the codebook.
    let qdpx = e.render(Format::Qdpx).expect("qdpx");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(qdpx)).expect("zip");
    let mut qde = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("project.qde").expect("qde"), &mut qde)
        .expect("read");
    let guids = |attr: &str, element: &str| -> HashSet<String> {
        qde.split('<')
            .filter(|s| s.starts_with(element))
            .filter_map(|s| s.split(&format!("{attr}=\"")).nth(1))
            .filter_map(|s| s.split('"').next())
            .map(str::to_owned)
            .collect()
    };
    let codes = guids("guid", "Code ");
    let refs = guids("targetGUID", "CodeRef ");
    assert!(!refs.is_empty() && refs.is_subset(&codes), "{refs:?} ⊄ {codes:?}");
}

#[test]
fn refi_exports_warn_when_two_codes_share_their_last_part() {
    // REFI-QDA names a nested code by its last part; QualCoder needs names
    // unique. The fixture's names differ in their last parts: no warning.
    let mut app = nested_app(120, 40);
    let e = Export::new(&app.doc, &app.annotations, &Filter::default()).expect("export");
    for format in [Format::Qdpx, Format::Qdc] {
        let r = e.render_with(format, Default::default()).expect("render");
        assert!(r.warnings.iter().all(|w| !w.contains("one name")), "{:?}", r.warnings);
    }
    // `policy/ban` beside a `framing/ban`: said, naming both, for the two
    // REFI formats only.
    let h = app.annotations.highlights()[0].clone();
    let target = Target { voice: h.voice, start: h.start, end: h.end };
    let stamp = Stamp { id: "x".into(), coder: "t".into(), now: jiff::Timestamp::UNIX_EPOCH };
    for name in ["policy/ban", "framing/ban"] {
        let tag = crosstalk::model::annotations::Tag {
            name: name.into(),
            color: app.annotations.tags()[0].color,
            description: String::new(),
            key: None,
        };
        let edit = app.annotations.tag_target(&app.doc, &target, name, Some(tag), &stamp);
        app.annotations.apply(edit);
    }
    let e = Export::new(&app.doc, &app.annotations, &Filter::default()).expect("export");
    for format in [Format::Qdpx, Format::Qdc] {
        let r = e.render_with(format, Default::default()).expect("render");
        let said: Vec<&String> = r.warnings.iter().filter(|w| w.contains("one name")).collect();
        assert_eq!(said.len(), 1, "{:?}", r.warnings);
        assert!(said[0].contains("“ban” (policy/ban, framing/ban)"), "{}", said[0]);
    }
    let r = e.render_with(Format::Csv, Default::default()).expect("render");
    assert!(r.warnings.iter().all(|w| !w.contains("one name")), "{:?}", r.warnings);
}
