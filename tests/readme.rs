//! The README and docs stay true: the key table is the keymap's, the
//! format example parses, the reader capture is what the reader draws, the
//! minimum size is the reader's, the default tags are the starting set, and
//! every command and flag the README names is in the binary's `--help`.
//! `UPDATE_README=1 cargo test --test readme` rewrites the key table from
//! the keymap.

mod common;

use std::path::Path;
use std::process::Command;

use common::{buffer, bundled_app, rows};
use crosstalk::ui::app::{MIN_HEIGHT, MIN_PANE_WIDTH, MIN_WIDTH};
use crosstalk::ui::pane::Motion;
use crosstalk::ui::{Action, update};

const START: &str = "<!-- keys:start (generated from src/ui/keymap.rs; UPDATE_README=1 cargo test --test readme) -->\n";
const END: &str = "<!-- keys:end -->";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn readme_key_table_is_the_keymap() {
    let path = root().join("README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md");
    let start = readme.find(START).expect("README has the keys:start marker") + START.len();
    let end = readme[start..].find(END).expect("README has the keys:end marker") + start;
    let expected = crosstalk::ui::keymap::markdown_table();
    if std::env::var_os("UPDATE_README").is_some() {
        let updated = format!("{}{}{}", &readme[..start], expected, &readme[end..]);
        std::fs::write(&path, updated).expect("write README.md");
        return;
    }
    assert_eq!(
        &readme[start..end],
        expected,
        "README key table is out of date: run UPDATE_README=1 cargo test --test readme"
    );
}

#[test]
fn readme_names_the_two_commands() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    assert!(readme.contains("cargo run --release"));
    assert!(readme.contains("cargo test"));
}

/// Every ```ron block in the format docs is a valid conversation.
#[test]
fn format_examples_parse() {
    for doc in ["docs/FORMAT.md", "README.md"] {
        let text = std::fs::read_to_string(root().join(doc)).expect(doc);
        let mut found = 0;
        for block in text.split("```ron\n").skip(1) {
            let ron = block.split("```").next().expect("closed block");
            crosstalk::store::parse_conversation(ron, doc).unwrap_or_else(|e| panic!("{e}"));
            found += 1;
        }
        assert!(found > 0, "{doc} has a ```ron example");
    }
}

/// The README's annotation-file example (```ron annotations) loads against
/// the bundled debate as it stands — same text hash, so no highlight moves —
/// and is exactly what crosstalk writes back.
#[test]
fn annotation_file_example_is_what_crosstalk_writes() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    let doc = crosstalk::store::bundled().expect("bundled");
    let mut found = 0;
    for block in readme.split("```ron annotations\n").skip(1) {
        let ron = block.split("```").next().expect("closed block");
        let (annotations, report) = crosstalk::store::parse_annotations(ron, "README.md", &doc)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((report.moved, report.orphaned), (0, 0), "nothing moved or orphaned");
        assert!(annotations.highlights().iter().all(|h| h.tags.len() + h.note.len() > 0));
        let written =
            crosstalk::store::annotations_to_ron(&annotations.snapshot(), &doc).expect("serialise");
        assert_eq!(written, ron, "the README example is not what crosstalk writes");
        found += 1;
    }
    assert_eq!(found, 1, "README has one ```ron annotations example");
}

fn readme() -> String {
    std::fs::read_to_string(root().join("README.md")).expect("README.md")
}

/// The README with every run of whitespace made one space, so a phrase
/// wrapped across lines is found.
fn readme_flat() -> String {
    readme().split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn readme_says_how_to_install() {
    assert!(readme().contains("```sh\ncargo install --path .\n```"));
}

/// "Below 30×9 …": the size is `MIN_WIDTH`×`MIN_HEIGHT`, and the notice
/// quoted is the one the reader draws one row short of it.
#[test]
fn readme_minimum_size_is_the_readers() {
    let flat = readme_flat();
    let below = format!(
        "Below {MIN_WIDTH}×{MIN_HEIGHT} (narrower than {MIN_WIDTH} columns or shorter than {MIN_HEIGHT} rows)"
    );
    assert!(flat.contains(&below), "README should say: {below}");
    let app = bundled_app(MIN_WIDTH, MIN_HEIGHT - 1, false);
    let notice = rows(&buffer(&app)).join(" ").split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(notice.contains("too small"), "{notice}");
    assert!(
        flat.contains(&format!("(\"{notice}\" at {MIN_WIDTH}×{})", MIN_HEIGHT - 1)),
        "README should quote the notice the reader draws: {notice}"
    );
    let app = bundled_app(MIN_WIDTH, MIN_HEIGHT, false);
    assert!(!rows(&buffer(&app)).join(" ").contains("too small"));
}

/// The ```text capture under "What it looks like" is the reader at 120×32
/// after `l j j`, with no annotation file yet: every row as drawn, and the
/// status bar as far as its key hints (the right end names the annotation
/// file, which differs).
#[test]
fn readme_reader_capture_is_what_the_reader_draws() {
    let readme = readme();
    let start = readme.find("```text\nTechnical Difficulties").expect("the capture") + 8;
    let end = readme[start..].find("```").expect("closed") + start;
    let capture: Vec<&str> = readme[start..end].lines().collect();
    let mut app = bundled_app(120, 32, true);
    // As a new user first sees it: no annotation file yet, and the one to
    // come in the data directory.
    app.saving.fresh = true;
    app.saving.label = format!("~/.local/share/crosstalk/{}.annotations.ron", app.doc.id);
    update(&mut app, Action::FocusNext);
    update(&mut app, Action::Move(Motion::NextSentence));
    update(&mut app, Action::Move(Motion::NextSentence));
    let drawn: Vec<String> = rows(&buffer(&app)).iter().map(|r| r.trim_end().to_owned()).collect();
    assert_eq!(capture.len(), drawn.len(), "the capture is 32 rows");
    let last = drawn.len() - 1;
    assert_eq!(capture[..last], drawn[..last], "README capture differs from the reader");
    let hints = capture[last].find("u undo").expect("status bar hints") + "u undo".len();
    assert_eq!(capture[last][..hints], drawn[last][..hints], "status bar");
}

/// "A new annotation file starts with eight tags …": the names, in order,
/// and which are on keys.
#[test]
fn readme_lists_the_default_tags() {
    let tags = crosstalk::model::annotations::default_tags();
    let keyed: Vec<_> = tags.iter().filter(|t| t.key.is_some()).collect();
    let names: Vec<String> = tags.iter().map(|t| format!("*{}*", t.name)).collect();
    let (on_keys, rest) = names.split_at(keyed.len());
    let expected = format!(
        "A new annotation file starts with {} tags chosen for the bundled debate, each with its colour and a one-line description: {} (on keys 1–{}) and {}.",
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
            [tags.len()],
        on_keys.join(", "),
        keyed.len(),
        rest.join(", ")
    );
    assert!(readme_flat().contains(&expected), "README should say: {expected}");
}

const COMMANDS: [&str; 9] =
    ["export", "import", "stats", "tags", "autocode", "agree", "merge", "completions", "man"];

/// Commands of commands: `crosstalk tags import`.
const SUBCOMMANDS: [(&str, &str); 1] = [("tags", "import")];

/// `crosstalk [COMMAND] --help`, from the built binary.
fn help(command: Option<&str>) -> String {
    help_of_words(command.as_slice())
}

/// `crosstalk WORDS… --help`, from the built binary.
fn help_of_words(words: &[&str]) -> String {
    let command = words.first().copied();
    let out = Command::new(env!("CARGO_BIN_EXE_crosstalk"))
        .args(words)
        .arg("--help")
        .env("HOME", std::env::temp_dir())
        .output()
        .expect("run crosstalk --help");
    assert!(out.status.success(), "crosstalk {command:?} --help failed");
    String::from_utf8(out.stdout).expect("UTF-8 help")
}

/// Whether `help` lists `flag` as an option (`  -o, --output <FILE>`,
/// `      --force`).
fn lists(help: &str, flag: &str) -> bool {
    help.lines().any(|line| {
        let line = line.trim_start();
        line.starts_with('-')
            && line
                .split([',', ' ', '='])
                .take_while(|w| w.starts_with('-') || w.is_empty())
                .any(|w| w == flag)
    })
}

/// The flags and `--format` values in `words` (one command line, or one
/// inline span), e.g. `[-o FILE]`, `--format markdown|csv`.
fn flags(words: &str) -> Vec<(String, Vec<String>)> {
    let words: Vec<&str> = words.split_whitespace().map(|w| w.trim_matches(['[', ']'])).collect();
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if w.starts_with('-') && w.len() > 1 {
            let values = match (*w, words.get(i + 1)) {
                ("--format", Some(v)) => v.split('|').map(str::to_owned).collect(),
                _ => Vec::new(),
            };
            out.push((w.to_string(), values));
        }
    }
    out
}

/// Every `crosstalk …` line in the README's ```sh blocks names a command
/// that exists and flags (and `--format` values) that command's `--help`
/// lists; every flag in an inline `--flag` span is listed by some command.
#[test]
fn every_cli_flag_in_the_readme_is_in_help() {
    let readme = readme();
    let top = help(None);
    let helps: Vec<(&str, String)> = COMMANDS.iter().map(|c| (*c, help(Some(c)))).collect();
    for c in COMMANDS {
        assert!(top.contains(&format!("\n  {c} ")), "--help lists {c}");
    }
    let subhelps: Vec<((&str, &str), String)> =
        SUBCOMMANDS.iter().map(|&(c, s)| ((c, s), help_of_words(&[c, s]))).collect();
    let help_of = |c: &str| helps.iter().find(|(n, _)| *n == c).map_or(&top, |(_, h)| h);
    let mut checked = 0;
    for block in readme.split("```sh\n").skip(1) {
        let block = block.split("```").next().expect("closed block");
        for line in block.lines().filter(|l| l.starts_with("crosstalk")) {
            let line = line.split(" #").next().expect("a line").split(" >").next().expect("a line");
            let command = line.split_whitespace().nth(1).filter(|w| !w.starts_with('-'));
            let command = command.filter(|c| COMMANDS.contains(c) || c.contains('.'));
            let sub = line.split_whitespace().nth(2);
            let subhelp =
                subhelps.iter().find(|((c, s), _)| Some(*c) == command && Some(*s) == sub);
            let help = match subhelp {
                Some((_, h)) => h,
                None => command.map_or(&top, |c| help_of(c)),
            };
            for (flag, values) in flags(line) {
                assert!(lists(help, &flag), "README: `{line}`: {flag} is not in its --help");
                for v in values {
                    assert!(help.contains(&format!("- {v}")), "README: `{line}`: no --format {v}");
                }
                checked += 1;
            }
        }
    }
    for span in readme.split('`').skip(1).step_by(2).filter(|s| s.starts_with('-')) {
        for (flag, values) in flags(span) {
            let found = std::iter::once(&top)
                .chain(helps.iter().map(|(_, h)| h))
                .chain(subhelps.iter().map(|(_, h)| h))
                .find(|h| lists(h, &flag) && values.iter().all(|v| h.contains(&format!("- {v}"))));
            assert!(found.is_some(), "README: `{span}`: {flag} {values:?} is in no --help");
            checked += 1;
        }
    }
    assert!(checked > 20, "only {checked} flags found in the README");
}

/// "`crosstalk --help` prints the default path on this machine."
#[test]
fn help_prints_the_default_annotation_file() {
    assert!(readme_flat().contains("`crosstalk --help` prints the default path on this machine"));
    assert!(help(None).contains("technical-difficulties.annotations.ron"));
}

/// The `crosstalk stats` example under "Other commands" is what the command
/// prints for the fixture annotations.
#[test]
fn readme_stats_example_is_what_stats_prints() {
    let readme = readme();
    let command = "`crosstalk stats --annotations tests/fixtures/bundled.annotations.ron`";
    let at = readme.find(command).expect("the stats example") + command.len();
    let start = readme[at..].find("```text\n").expect("its output") + at + "```text\n".len();
    let end = readme[start..].find("```").expect("closed") + start;
    let out = Command::new(env!("CARGO_BIN_EXE_crosstalk"))
        .args(["stats", "--annotations", "tests/fixtures/bundled.annotations.ron"])
        .current_dir(root())
        .env("HOME", std::env::temp_dir())
        .output()
        .expect("run crosstalk stats");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(&readme[start..end], String::from_utf8_lossy(&out.stdout), "README stats example");
}

/// The `crosstalk agree` example under "Coding as a team" is what the
/// command prints for the fixture coders.
#[test]
fn readme_agree_example_is_what_agree_prints() {
    let readme = readme();
    let at = readme.find("--tag \"national-security claim\"` prints").expect("the agree example");
    let start = readme[at..].find("```text\n").expect("its output") + at + "```text\n".len();
    let end = readme[start..].find("```").expect("closed") + start;
    let out = Command::new(env!("CARGO_BIN_EXE_crosstalk"))
        .args([
            "agree",
            "tests/fixtures/bundled.annotations.ron",
            "tests/fixtures/team/ben.annotations.ron",
            "--tag",
            "national-security claim",
        ])
        .current_dir(root())
        .env("HOME", std::env::temp_dir())
        .output()
        .expect("run crosstalk agree");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(&readme[start..end], String::from_utf8_lossy(&out.stdout), "README agree example");
}

/// "Panes are at least 38 columns wide: two fit at 80 columns, three at
/// 120, all five at 200."
#[test]
fn readme_pane_width_is_the_readers() {
    let [two, three, five] = [80, 120, 200].map(|w| w / MIN_PANE_WIDTH);
    assert_eq!((two, three, five.min(5)), (2, 3, 5));
    let claim = format!(
        "Panes are at least {MIN_PANE_WIDTH} columns wide: two fit at 80 columns, three at 120, all five at 200."
    );
    assert!(readme_flat().contains(&claim), "README should say: {claim}");
    for (w, shown) in [(80, "1–2 of 5 on screen"), (120, "1–3 of 5 on screen")] {
        let text = rows(&buffer(&bundled_app(w, 24, false))).join("\n");
        assert!(text.contains(shown), "{w}: {text}");
    }
}

/// The first ```ron block of `text`.
fn first_ron(text: &str) -> &str {
    text.split("```ron\n").nth(1).and_then(|b| b.split("```").next()).expect("a ```ron block")
}

/// What crosstalk says of `ron` loaded as `talk.ron`.
fn error_of(ron: &str) -> String {
    match crosstalk::store::parse_conversation(ron, "talk.ron") {
        Ok(_) => panic!("{ron} loads"),
        Err(e) => format!("crosstalk: {e}"),
    }
}

/// docs/FORMAT.md's error messages are what its example gives with the
/// changes it names, and so is the README's.
#[test]
fn quoted_conversation_errors_are_what_crosstalk_says() {
    let format = std::fs::read_to_string(root().join("docs/FORMAT.md")).expect("FORMAT.md");
    let example = first_ron(&format);
    let lee = r#"affiliation: "Some University", role: respondent"#;
    let contributors_start = example.find("    contributors: [").expect("contributors");
    let contributors_end = example.find("    ],\n    sections").expect("sections") + 7;
    let no_contributors = format!(
        "{}    contributors: [],\n{}",
        &example[..contributors_start],
        &example[contributors_end..]
    );
    let edits: [(&str, &str); 6] = [
        (r#"title: "Should the U.S. ban TikTok?""#, "title: 5"),
        ("role: respondent", "role: chair"),
        (lee, &format!(r#"{lee}, email: "lee@example.org""#)),
        (r#"contributor: "lee""#, r#"contributor: "zz""#),
        (r#"(id: "lee""#, r#"(id: "mod""#),
        (r#"paragraphs: ["Thank you."]"#, "paragraphs: []"),
    ];
    let mut said: Vec<String> = edits
        .iter()
        .map(|(from, to)| {
            assert!(example.contains(from), "FORMAT.md example has {from}");
            error_of(&example.replacen(from, to, 1))
        })
        .collect();
    said.push(error_of(&no_contributors));
    let block =
        format.split("```text\n").nth(1).and_then(|b| b.split("```").next()).expect("errors");
    assert_eq!(block, said.join("\n") + "\n", "docs/FORMAT.md error messages");

    let readme = readme();
    let chair = error_of(&first_ron(&readme).replacen("role: moderator", "role: chair", 1));
    assert!(readme.contains(&format!("```text\n{chair}\n```")), "README should quote: {chair}");
}

/// The CSV sample under "Exporting" (header and row) is what
/// `crosstalk export --format csv` writes for the fixture annotations.
#[test]
fn readme_csv_sample_is_what_export_writes() {
    let readme = readme();
    let at = readme.find("```text\nhighlight_id,").expect("the CSV sample") + "```text\n".len();
    let sample = readme[at..].split("```").next().expect("closed");
    let out = Command::new(env!("CARGO_BIN_EXE_crosstalk"))
        .args([
            "export",
            "--format",
            "csv",
            "--annotations",
            "tests/fixtures/bundled.annotations.ron",
        ])
        .current_dir(root())
        .env("HOME", std::env::temp_dir())
        .output()
        .expect("run crosstalk export");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let csv = String::from_utf8(out.stdout).expect("UTF-8");
    let lines: Vec<&str> = csv.split("\r\n").collect();
    for line in sample.lines() {
        assert!(lines.contains(&line), "README CSV line is not in the export: {line}");
    }
}

/// The README says the binary is linked position-dependent on Linux (GNU),
/// to spare the loader's fix-ups at every start (see `build.rs`): an ELF
/// executable's type is `ET_EXEC` (2), not `ET_DYN` (3, a PIE).
#[test]
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn the_binary_is_position_dependent_as_the_readme_says() {
    let bytes = std::fs::read(env!("CARGO_BIN_EXE_crosstalk")).expect("the built binary");
    assert_eq!(&bytes[..4], b"\x7fELF");
    let kind = u16::from_le_bytes([bytes[16], bytes[17]]);
    let pie = std::env::var_os("CROSSTALK_PIE").is_some_and(|v| v == "1");
    assert_eq!(kind, if pie { 3 } else { 2 }, "ELF type of the binary");
    assert!(readme_flat().contains("position-dependent"), "the README says how it is linked");
}
