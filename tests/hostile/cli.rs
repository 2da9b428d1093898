//! The command line fed hostile files (see `corpus`): run in a
//! pseudo-terminal, no escape, C1 or bidi control reaches the terminal from
//! any command's output or any error; piped, the output is byte-exact.

use std::path::Path;
use std::process::{Command, Output};

use super::corpus;
use super::pty::{Session, temp_dir};
use crosstalk::export::{Export, Filter, Format};
use crosstalk::store;

const FORMATS: [&str; 7] = ["markdown", "csv", "json", "qdc", "codebook-csv", "html", "links-csv"];

struct Files {
    dir: crate::tmp::TempDir,
    doc: String,
    ann: String,
    /// Markdown to import.
    md: String,
}

fn files(name: &str) -> Files {
    let dir = temp_dir(&format!("hostile-{name}"));
    let (doc, ann) = corpus::write(&dir);
    let evil = corpus::in_names();
    let md = dir.join(format!("panel {evil}.md"));
    let text = format!("# Title {evil}\n\n## Eve {evil}\n\nSaid {evil}.\n\n## Lee\n\nNo.\n");
    std::fs::write(&md, text).expect("write");
    let [doc, ann, md] = [doc, ann, md].map(|p| p.display().to_string());
    Files { dir, doc, ann, md }
}

/// Runs crosstalk in a pty; its exit code and every byte the terminal got.
fn in_pty(args: &[&str], dir: &Path, env: &[(&str, &str)]) -> (u32, String) {
    let mut s = Session::start(args, dir, env, 200, 50);
    let code = s.wait_exit();
    (code, String::from_utf8_lossy(&s.raw()).into_owned())
}

/// Fails if `text` holds anything a terminal would act on. The pty itself
/// turns `\n` into `\r\n` (so CSV's CR LF arrives as CR CR LF); any other
/// CR came from the data.
fn assert_inert(what: &str, text: &str) {
    for (i, c) in text.char_indices() {
        let rest = &text[i + c.len_utf8()..];
        let ok = !corpus::forbidden_on_a_terminal(c)
            && (c != '\r' || rest.starts_with('\n') || rest.starts_with("\r\n"));
        assert!(ok, "{what}: U+{:04X} reached the terminal at byte {i}:\n{text}", c as u32);
    }
}

fn piped(args: &[&str], f: &Files) -> Output {
    Command::new(env!("CARGO_BIN_EXE_crosstalk"))
        .args(args)
        .env("HOME", &f.dir)
        .env("XDG_DATA_HOME", f.dir.join("data"))
        .output()
        .expect("run crosstalk")
}

#[test]
fn every_command_output_is_inert_on_a_terminal() {
    let f = files("out");
    let mut runs: Vec<Vec<&str>> = vec![
        vec!["stats", "--annotations", &f.ann, &f.doc],
        vec!["tags", "--annotations", &f.ann, &f.doc],
        vec!["export", "-f", "markdown", "--with-text", "--annotations", &f.ann, &f.doc],
        vec!["export", "-f", "csv", "--raw", "--annotations", &f.ann, &f.doc],
        vec!["import", &f.md],
        vec![
            "autocode",
            "--pattern",
            "piece",
            "--unit",
            "sentence",
            "--tag",
            "t",
            "--dry-run",
            "--annotations",
            &f.ann,
            &f.doc,
        ],
    ];
    for format in FORMATS {
        runs.push(vec!["export", "-f", format, "--annotations", &f.ann, &f.doc]);
    }
    for args in runs {
        let (code, text) = in_pty(&args, &f.dir, &[]);
        assert_eq!(code, 0, "{args:?}: {text}");
        assert_inert(&format!("{args:?}"), &text);
        // Shown, not dropped (JSON has its own escapes for C0 controls).
        assert!(text.contains('\u{FFFD}'), "{args:?} shows them: {text}");
    }
}

#[test]
fn every_error_is_inert_on_a_terminal_and_in_a_pipe() {
    let f = files("err");
    let evil = corpus::in_names();
    let missing = f.dir.join(format!("missing {evil}.ron")).display().to_string();
    let broken = f.dir.join(format!("broken {evil}.ron"));
    std::fs::write(&broken, format!("(\n  id: \"x\",\n  title: {evil}\n)\n")).expect("write");
    let broken = broken.display().to_string();
    let transcript = f.dir.join(format!("talk {evil}.txt"));
    // No one speaks in it: refused, naming the file.
    std::fs::write(&transcript, format!("no speaker {evil}\n")).expect("write");
    let transcript = transcript.display().to_string();
    let exists = f.dir.join(format!("out {evil}.csv"));
    std::fs::write(&exists, "keep").expect("write");
    let exists = exists.display().to_string();
    let bad_format = format!("--format={evil}");
    let bad_regex = format!("({evil}");
    let runs: Vec<Vec<&str>> = vec![
        vec!["stats", &missing],
        vec!["tags", "--annotations", &f.ann, &broken],
        vec![&broken],
        vec!["import", &transcript],
        vec!["export", "-f", "csv", "--annotations", &f.ann, "-o", &exists, &f.doc],
        vec!["export", "-f", "csv", "--annotations", &missing, &f.doc],
        vec!["export", &bad_format],
        vec!["export", "-f", "csv", "--tag", &evil, "--annotations", &f.ann, &f.doc],
        vec![
            "autocode",
            "--pattern",
            &bad_regex,
            "--regex",
            "--tag",
            "t",
            "--annotations",
            &f.ann,
            &f.doc,
        ],
        vec!["autocode", "--pattern", "x", "--tag", "t", &broken],
    ];
    for args in runs {
        let (code, text) = in_pty(&args, &f.dir, &[]);
        assert_ne!(code, 0, "{args:?} fails: {text}");
        assert_inert(&format!("{args:?}"), &text);
        // clap drops escape sequences from its own messages; the rest show
        // them, as `␛` or (quoted with `{:?}`) as `\u{1b}`.
        let clap = args.iter().any(|a| a.starts_with("--format="));
        let shown = text.contains('␛') || text.contains("\\u{1b}");
        assert!(clap || shown, "{args:?} shows the escape: {text}");
        let o = piped(&args, &f);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!err.is_empty(), "{args:?}");
        assert_inert(&format!("{args:?} piped"), &err);
    }
}

#[test]
fn help_built_from_the_environment_is_inert() {
    let f = files("help");
    let data = f.dir.join(format!("data {}", corpus::in_names())).display().to_string();
    let (code, text) = in_pty(&["--help"], &f.dir, &[("XDG_DATA_HOME", &data)]);
    assert_eq!(code, 0, "{text}");
    assert_inert("--help", &text);
    assert!(text.contains("/crosstalk/technical-difficulties.annotations.ron"), "{text}");
}

#[test]
fn piped_output_is_byte_exact() {
    let f = files("pipe");
    let doc = store::load_document(Path::new(&f.doc)).expect("doc");
    let (a, _) = store::load_annotations(Path::new(&f.ann), &doc).expect("ann").expect("exists");
    let e = Export::new(&doc, &a, &Filter::default()).expect("export");
    for (format, name) in Format::ALL.iter().filter(|f| !f.binary()).zip(FORMATS) {
        let o = piped(&["export", "-f", name, "--annotations", &f.ann, &f.doc], &f);
        assert!(o.status.success(), "{name}: {}", String::from_utf8_lossy(&o.stderr));
        assert_eq!(o.stdout, e.render(*format).expect("render"), "{name}");
    }
    let o = piped(&["export", "-f", "csv", "--annotations", &f.ann, &f.doc], &f);
    assert!(String::from_utf8_lossy(&o.stdout).contains("\u{1b}]52;c;"), "the data is kept");
    let o = piped(&["tags", "--annotations", &f.ann, &f.doc], &f);
    assert_eq!(String::from_utf8(o.stdout).expect("utf-8"), crosstalk::cli::commands::tags(&a));
    let o = piped(&["stats", "--annotations", &f.ann, &f.doc], &f);
    let stats = crosstalk::cli::commands::stats(&doc, &a, Path::new(&f.ann));
    assert_eq!(String::from_utf8(o.stdout).expect("utf-8"), stats);
    let o = piped(&["import", &f.md], &f);
    let ron = store::to_ron(&store::import_file(Path::new(&f.md), None).expect("import"));
    assert_eq!(String::from_utf8(o.stdout).expect("utf-8"), ron.expect("ron"));
}
