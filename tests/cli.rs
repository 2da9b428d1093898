//! The command line, run as a user would: the built binary with arguments,
//! its output, its exit status and the files it leaves.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name).display().to_string()
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("crosstalk-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn run(args: &[&str], home: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_crosstalk"))
        .args(args)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .output()
        .expect("run crosstalk")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("utf-8")
}

#[test]
fn export_writes_each_format_to_stdout_or_a_file_and_never_overwrites_unasked() {
    let dir = temp("export");
    let ann = fixture("bundled.annotations.ron");
    for format in ["markdown", "csv", "json", "qdc", "html"] {
        let o = run(&["export", "--format", format, "--annotations", &ann], &dir);
        assert!(o.status.success(), "{format}: {}", stderr(&o));
        assert!(stdout(&o).len() > 500, "{format} went to stdout");
    }
    // qdpx is a zip: it needs -o.
    let o = run(&["export", "--format", "qdpx", "--annotations", &ann], &dir);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("name it with -o FILE.qdpx"), "{}", stderr(&o));
    let out = dir.join("coding.qdpx");
    let out_s = out.display().to_string();
    let o = run(&["export", "-f", "qdpx", "--annotations", &ann, "-o", &out_s], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    let first = std::fs::read(&out).expect("written");
    assert!(first.starts_with(b"PK"), "a zip");
    // An existing file is kept without --force, replaced with it.
    let o = run(&["export", "-f", "qdpx", "--annotations", &ann, "-o", &out_s], &dir);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("the file exists; use --force"), "{}", stderr(&o));
    let csv = dir.join("coding.csv");
    std::fs::write(&csv, "keep me").expect("write");
    let csv_s = csv.display().to_string();
    let o = run(&["export", "-f", "csv", "--annotations", &ann, "-o", &csv_s], &dir);
    assert!(!o.status.success());
    assert_eq!(std::fs::read_to_string(&csv).expect("read"), "keep me");
    let o = run(&["export", "-f", "csv", "--annotations", &ann, "-o", &csv_s, "--force"], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::fs::read_to_string(&csv).expect("read").starts_with("highlight_id,"));
    // Filters.
    let o = run(
        &[
            "export",
            "-f",
            "csv",
            "--annotations",
            &ann,
            "--tag",
            "risk-mitigation proposal",
            "--contributor",
            "hoffman",
        ],
        &dir,
    );
    assert_eq!(stdout(&o).lines().count(), 2, "{}", stdout(&o));
    let o = run(&["export", "-f", "csv", "--annotations", &ann, "--tag", "nope"], &dir);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("no tag is named \"nope\""), "{}", stderr(&o));
}

#[test]
fn a_missing_or_broken_annotation_file_is_a_clear_error() {
    let dir = temp("missing");
    let o = run(&["export", "-f", "csv"], &dir);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("technical-difficulties.annotations.ron: there is no annotation file here"),
        "{err}"
    );
    let bad = dir.join("bad.annotations.ron");
    std::fs::write(&bad, "(\n  version: 1,\n  tags: oops,\n)\n").expect("write");
    let o = run(&["export", "-f", "csv", "--annotations", &bad.display().to_string()], &dir);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("bad.annotations.ron:3:"), "names the line: {}", stderr(&o));
}

#[test]
fn import_markdown_and_transcripts_and_open_them_directly() {
    let dir = temp("import");
    let md = dir.join("panel.md");
    std::fs::write(
        &md,
        "# A panel\n\nDate: 2024-05\n\n## Ada\n\nIs the ban justified?\n\n## Lee\n\nNo—it is the wrong tool.\n",
    )
    .expect("write");
    let out = dir.join("panel.ron");
    let o = run(&["import", &md.display().to_string(), "-o", &out.display().to_string()], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    let doc = crosstalk::store::load_conversation(&out).expect("a conversation file");
    assert_eq!(doc.title, "A panel");
    assert_eq!(doc.contributors.len(), 2);
    // A transcript with a line that is not `NAME: text`: the line is named.
    let txt = dir.join("talk.txt");
    std::fs::write(&txt, "ALICE: Hello.\nBOB: Hi.\nthis line has no speaker\n").expect("write");
    let o = run(&["import", &txt.display().to_string()], &dir);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("talk.txt:3: expected a `NAME: text` line"), "{}", stderr(&o));
    // Not UTF-8.
    let latin1 = dir.join("latin1.txt");
    std::fs::write(&latin1, b"ALICE: caf\xe9\n").expect("write");
    let o = run(&["import", &latin1.display().to_string()], &dir);
    assert!(stderr(&o).contains("not valid UTF-8 (first bad byte at offset 10)"), "{}", stderr(&o));
    // Stats on an opened Markdown file use the annotation file beside it.
    let o = run(&["stats", &md.display().to_string()], &dir);
    assert!(
        stderr(&o).contains("panel.annotations.ron: there is no annotation file here"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn stats_tags_completions_and_man() {
    let dir = temp("stats");
    let ann = fixture("bundled.annotations.ron");
    let o = run(&["stats", "--annotations", &ann], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("8 highlight(s), 1 not found in the text"), "{text}");
    let row = text.lines().find(|l| l.starts_with("human-rights framing")).expect("row");
    assert!(row.contains("1 (11.3%)") && row.trim_end().ends_with('2'), "{row}");
    let o = run(&["tags", "--annotations", &ann], &dir);
    assert!(
        stdout(&o)
            .lines()
            .any(|l| l.starts_with("2    human-rights framing") && l.contains("   2  Frames"))
    );
    let o = run(&["completions", "bash"], &dir);
    assert!(stdout(&o).contains("complete -F _crosstalk"), "bash completions");
    let o = run(&["man"], &dir);
    assert!(stdout(&o).contains(".TH crosstalk"), "a roff page");
    let o = run(&["--help"], &dir);
    for command in ["export", "import", "stats", "tags", "completions", "man"] {
        assert!(stdout(&o).contains(command), "--help lists {command}");
    }
}
