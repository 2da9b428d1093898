//! The command line, run as a user would: the built binary with arguments,
//! its output, its exit status and the files it leaves.

mod common;

use common::cli::{run, stderr, stdout, temp};
use std::path::Path;

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name).display().to_string()
}

#[test]
fn export_writes_each_format_to_stdout_or_a_file_and_never_overwrites_unasked() {
    let dir = temp("cli", "export");
    let ann = fixture("bundled.annotations.ron");
    for format in ["markdown", "csv", "json", "qdc", "html"] {
        let o = run(&["export", "--format", format, "--annotations", &ann], &dir);
        assert!(o.status.success(), "{format}: {}", stderr(&o));
        assert!(stdout(&o).len() > 500, "{format} went to stdout");
        // The fixture has one orphan: said where highlights are exported
        // and the brief does not list it; a codebook has no highlights.
        let said = stderr(&o).contains("1 highlight could not be found");
        assert_eq!(said, matches!(format, "csv" | "json" | "html"), "{format}: {}", stderr(&o));
    }
    // The extensions people type are the formats too.
    for (alias, format) in [("md", "markdown"), ("jsonld", "json")] {
        let a = run(&["export", "--format", alias, "--annotations", &ann], &dir);
        let f = run(&["export", "--format", format, "--annotations", &ann], &dir);
        assert!(a.status.success(), "{alias}: {}", stderr(&a));
        assert_eq!(stdout(&a).len(), stdout(&f).len(), "{alias} is {format}");
    }
    // qdpx is a zip: it needs -o.
    let o = run(&["export", "--format", "qdpx", "--annotations", &ann], &dir);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("name it with -o FILE.qdpx"), "{}", stderr(&o));
    let out = dir.join("coding.qdpx");
    let out_s = out.display().to_string();
    // A folder that is not there is named, before any work.
    let missing = dir.join("no such folder").join("coding.qdpx");
    let missing_s = missing.display().to_string();
    let o = run(&["export", "-f", "qdpx", "--annotations", &ann, "-o", &missing_s], &dir);
    assert!(!o.status.success());
    let folder = format!("the folder {} does not exist", dir.join("no such folder").display());
    assert!(stderr(&o).contains(&folder), "{}", stderr(&o));
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
    assert!(stderr(&o).contains("no tag is named “nope”"), "{}", stderr(&o));
}

#[test]
fn a_dash_for_the_output_is_standard_output() {
    let dir = temp("cli", "dash");
    let txt = dir.join("talk.txt");
    std::fs::write(&txt, "ALICE: Hello.\nBOB: Hi.\n").expect("write");
    let ann = fixture("bundled.annotations.ron");
    let txt = txt.display().to_string();
    let runs: [&[&str]; 3] = [
        &["import", &txt, "-o", "-"],
        &["export", "--format", "csv", "--annotations", &ann, "-o", "-"],
        &["export", "--format", "markdown", "--annotations", &ann, "--output", "-"],
    ];
    for args in runs {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_crosstalk"))
            .args(args)
            .current_dir(&dir)
            .env("HOME", &dir)
            .env("XDG_DATA_HOME", dir.join("data"))
            .output()
            .expect("run");
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        assert!(stdout(&o).len() > 40, "{args:?}: {}", stdout(&o));
        assert!(!dir.join("-").exists(), "{args:?} made a file named -");
    }
    // A zip still needs a file, and so does a merge (its report is the output).
    let o = run(&["export", "--format", "qdpx", "--annotations", &ann, "-o", "-"], &dir);
    assert!(stderr(&o).contains("name it with -o FILE.qdpx"), "{}", stderr(&o));
    let o = run(&["merge", &ann, &ann, "-o", "-"], &dir);
    assert!(!o.status.success() && stderr(&o).contains("-o -: the united file"), "{}", stderr(&o));
}

/// A named pipe (as `/dev/null` or `/dev/stdout` is a device) is written
/// into, without `--force`, and stays what it is: a rename over it once
/// made this machine's `/dev/null` a plain file, which broke every later
/// command that read from it.
#[cfg(unix)]
#[test]
fn output_to_a_pipe_or_a_device_writes_into_it_and_never_replaces_it() {
    use std::os::unix::fs::FileTypeExt;
    let dir = temp("cli", "fifo");
    let txt = dir.join("talk.txt");
    std::fs::write(&txt, "ALICE: Hello.\nBOB: Hi.\n").expect("write");
    let ann = fixture("bundled.annotations.ron");
    let fifo = dir.join("out.fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let (txt, out) = (txt.display().to_string(), fifo.display().to_string());
    let runs: [&[&str]; 2] = [
        &["import", &txt, "-o", &out],
        &["export", "--format", "csv", "--annotations", &ann, "-o", &out],
    ];
    for args in runs {
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read_to_string(fifo).expect("read the pipe"))
        };
        let o = run(args, &dir);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        let got = reader.join().expect("reader");
        assert!(got.len() > 40, "{args:?}: {got}");
        let kind = std::fs::symlink_metadata(&fifo).expect("still there").file_type();
        assert!(kind.is_fifo(), "{args:?}: the pipe was replaced");
    }
    let stray: Vec<_> = std::fs::read_dir(&dir)
        .expect("dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
}

#[test]
fn a_missing_or_broken_annotation_file_is_a_clear_error() {
    let dir = temp("cli", "missing");
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
    let dir = temp("cli", "import");
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
    // A transcript with a line that is not `NAME: text` before anyone
    // speaks (after a turn it would continue the turn): the introduction,
    // and the note says so.
    let txt = dir.join("talk.txt");
    std::fs::write(&txt, "# Talk\n\nthis line has no speaker\nALICE: Hello.\nBOB: Hi.\n")
        .expect("write");
    let o = run(&["import", &txt.display().to_string()], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(
            "talk.txt: note: line 3, before the first speaker, kept as the introduction (shown by I, not coded)\n"
        ),
        "{}",
        stderr(&o)
    );
    assert!(
        stdout(&o).contains("intro: [\n        \"this line has no speaker\",\n    ]"),
        "{}",
        stdout(&o)
    );
    // Not UTF-8.
    let latin1 = dir.join("latin1.txt");
    std::fs::write(&latin1, b"ALICE: caf\xe9\n").expect("write");
    let o = run(&["import", &latin1.display().to_string()], &dir);
    assert!(stderr(&o).contains("not valid UTF-8 (first bad byte at offset 10)"), "{}", stderr(&o));
    // The line too, and what to do: on a pipe (streamed), to a file, and in memory.
    std::fs::write(&latin1, b"ALICE: ok\nBOB: caf\xe9\n").expect("write");
    let want = "latin1.txt:2:9: the file is not valid UTF-8 (first bad byte at offset 18); save it as UTF-8 (Word and Notepad may have saved it as Windows-1252 or Latin-1)";
    let o = run(&["import", &latin1.display().to_string()], &dir);
    assert!(stderr(&o).contains(want), "{}", stderr(&o));
    let o = run(&["import", &latin1.display().to_string(), "--speaker", "BOB=Bob Lee"], &dir);
    assert!(stderr(&o).contains(want), "{}", stderr(&o));
    // A conversation file given to import: one line saying so.
    let ron = dir.join("already.ron");
    std::fs::write(&ron, crosstalk::store::bundled_source()).expect("write");
    for out in [None, Some(dir.join("again.ron"))] {
        let mut args = vec!["import".to_owned(), ron.display().to_string()];
        if let Some(out) = &out {
            args.extend(["-o".to_owned(), out.display().to_string()]);
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = run(&args, &dir);
        assert!(!o.status.success());
        assert_eq!(
            stderr(&o),
            format!(
                "crosstalk: {}: this is already a conversation file (.ron), nothing to import; open it with `crosstalk FILE`\n",
                ron.display()
            )
        );
    }
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
    let dir = temp("cli", "stats");
    let ann = fixture("bundled.annotations.ron");
    let o = run(&["stats", "--annotations", &ann], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("8 highlights, 1 not found in the text"), "{text}");
    let row = text.lines().find(|l| l.starts_with("human-rights framing")).expect("row");
    assert!(row.contains("1 (11.3%)") && row.trim_end().ends_with('2'), "{row}");
    // The highlight without a tag has its own row, never a blank name.
    let row = text.lines().find(|l| l.starts_with("(no tag)")).expect("(no tag) row");
    assert!(row.trim_end().ends_with('1'), "{row}");
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
    for command in ["export", "import", "stats", "tags", "autocode", "completions", "man"] {
        assert!(stdout(&o).contains(command), "--help lists {command}");
    }
    // Asking the help command for its help is asking for help.
    for asked in [&["help", "--help"][..], &["help", "-h"], &["help"]] {
        let again = run(asked, &dir);
        assert!(again.status.success(), "{asked:?}: {}", stderr(&again));
        assert!(stdout(&again).contains("completions"), "{asked:?} lists the commands");
    }
}

/// The fixture with links between passages, made through the model and
/// saved by the store: Ku and Webster answer Seiff, Wang rebuts Ku, and
/// Hoffman and Ku agree (a both-ways relation added to the codebook).
fn linked_fixture(dir: &Path) -> String {
    use common::links::{link, word};
    use crosstalk::model::annotations::{Relation, Rgb, default_relations};
    let doc = crosstalk::store::bundled().expect("bundled");
    let path = Path::new(&fixture("bundled.annotations.ron")).to_path_buf();
    let (mut a, _) =
        crosstalk::store::load_annotations(&path, &doc).expect("loads").expect("exists");
    let mut relations = default_relations();
    relations.push(Relation {
        name: "agrees with".into(),
        color: Rgb(0x10, 0x80, 0x10),
        both_ways: true,
        description: "Either end agrees with the other.".into(),
    });
    a.apply(a.set_relations(relations, None, jiff::Timestamp::UNIX_EPOCH));
    let (seiff, hoffman, ku, wang, webster) = (0, 1, 2, 3, 4);
    let w = |voice, n| word(&doc, voice, n);
    link(&doc, &mut a, (w(ku, 0), w(seiff, 0)), "answers", "ann", 1);
    link(&doc, &mut a, (w(webster, 0), w(seiff, 1)), "answers", "ann", 2);
    link(&doc, &mut a, (w(wang, 0), w(ku, 1)), "rebuts", "ann", 3);
    link(&doc, &mut a, (w(hoffman, 0), w(ku, 2)), "agrees with", "ann", 4);
    let out = dir.join("linked.annotations.ron");
    crosstalk::store::save_snapshot(&out, &a.snapshot(), &doc).expect("saved");
    out.display().to_string()
}

#[test]
fn stats_links_counts_who_links_to_whom_as_a_table_csv_and_json() {
    let dir = temp("cli", "stats-links");
    let ann = linked_fixture(&dir);
    let o = run(&["stats", "--links", "--annotations", &ann], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("4 links between passages"), "{text}");
    assert!(text.contains("answers · 2 links · one-way"), "{text}");
    assert!(text.contains("agrees with · 1 link · both ways"), "{text}");
    assert!(text.contains("(all relations) · 4 links"), "{text}");
    assert!(text.contains("No links: supports, concedes, cites."), "{text}");
    assert!(text.contains("counts in both cells"), "{text}");
    // Short names head the columns; Ku's row in "answers": one link to Seiff.
    let answers = &text[text.find("answers ·").expect("block")..];
    let header = answers.lines().nth(2).expect("header");
    assert!(header.starts_with("from ↓ to →") && header.contains("Seiff"), "{header}");
    assert!(header.contains("Webster") && header.trim_end().ends_with("total"), "{header}");
    let ku = answers.lines().find(|l| l.starts_with("Ku ")).expect("Ku's row");
    let cells: Vec<&str> = ku.split_whitespace().collect();
    assert_eq!(cells, ["Ku", "1", "·", "·", "·", "·", "1"], "{ku}");

    let o = run(&["stats", "--links", "--format", "csv", "--annotations", &ann], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    let csv = stdout(&o);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().expect("header").iter().map(str::to_owned).collect();
    assert_eq!(header, ["relation", "both_ways", "from", "from_name", "to", "to_name", "links"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 3 * 25, "three relations with links × 5 × 5 contributors");
    let cell = |relation: &str, from: &str, to: &str| {
        let r =
            rows.iter().find(|r| &r[0] == relation && &r[2] == from && &r[4] == to).expect("a row");
        r[6].parse::<usize>().expect("a count")
    };
    assert_eq!(cell("answers", "ku", "seiff"), 1);
    assert_eq!(cell("answers", "seiff", "ku"), 0);
    assert_eq!(cell("rebuts", "wang", "ku"), 1);
    assert_eq!(
        (cell("agrees with", "hoffman", "ku"), cell("agrees with", "ku", "hoffman")),
        (1, 1)
    );
    let ku_row = rows.iter().find(|r| &r[2] == "ku").expect("ku");
    assert_eq!(&ku_row[3], "Julian Ku", "ids and whole names");
    assert!(csv.ends_with("\r\n"));

    let o = run(&["stats", "--links", "--format", "json", "--annotations", &ann], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(json["links"], 4);
    assert_eq!(json["conversation"], "technical-difficulties");
    assert_eq!(json["contributors"][2]["name"], "Julian Ku");
    assert_eq!(json["rows"].as_array().map(Vec::len), Some(75));
    let relations = json["relations"].as_array().expect("relations");
    assert_eq!(relations.len(), 6, "every relation, with its links");
    assert_eq!(relations[5]["both_ways"], true);
    assert_eq!(relations[0]["links"], 2);
}

#[test]
fn stats_links_says_plainly_when_there_are_none_and_gives_empty_csv_and_json() {
    let dir = temp("cli", "stats-no-links");
    let ann = fixture("bundled.annotations.ron");
    let o = run(&["stats", "--links", "--annotations", &ann], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("0 links between passages"), "{}", stdout(&o));
    assert!(stdout(&o).contains("No links between passages in this file"), "{}", stdout(&o));
    let o = run(&["stats", "--links", "--format", "csv", "--annotations", &ann], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "relation,both_ways,from,from_name,to,to_name,links\r\n");
    let o = run(&["stats", "--links", "--format", "json", "--annotations", &ann], &dir);
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!((json["links"].as_u64(), json["rows"].as_array().map(Vec::len)), (Some(0), Some(0)));
    // csv and json are for the links; the tag matrix is a table.
    let o = run(&["stats", "--format", "csv", "--annotations", &ann], &dir);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("--format csv and json go with --links"), "{}", stderr(&o));
    // A missing file is named.
    let o = run(&["stats", "--links", "--annotations", "nowhere.ron"], &dir);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("nowhere.ron: there is no annotation file here"), "{}", stderr(&o));
}

#[test]
fn only_the_output_module_writes_to_the_terminal() {
    // Everything the command line prints goes through src/cli/output.rs,
    // which makes it inert on a terminal: a new command cannot forget to.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("src/main.rs")];
    let mut dirs = vec![root.join("src/cli")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("src/cli") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("output.rs") {
                files.push(path);
            }
        }
    }
    let printing = [
        "print!",
        "println!",
        "eprint!",
        "eprintln!",
        "dbg!",
        "stdout()",
        "stderr()",
        ".exit(",
        "process::exit",
        "print_help",
        "print_long_help",
        "io::Write",
    ];
    // `stderr()` but not `use_stderr()`.
    let prints = |line: &str, p: &str| {
        line.match_indices(p).any(|(i, _)| {
            !line[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_') || p.starts_with('.')
        })
    };
    for file in files {
        let text = std::fs::read_to_string(&file).expect("read");
        for (n, line) in text.lines().enumerate() {
            for p in printing {
                assert!(
                    !prints(line, p),
                    "{}:{}: `{p}` prints around src/cli/output.rs: {line}",
                    file.display(),
                    n + 1
                );
            }
        }
    }
}

#[test]
fn export_refuses_an_existing_file_or_a_dangling_symlink_without_force() {
    let dir = temp("cli", "overwrite");
    let ann = fixture("bundled.annotations.ron");
    let file = dir.join("there.csv");
    std::fs::write(&file, "keep me").expect("write");
    let link = dir.join("dangling.csv");
    std::os::unix::fs::symlink(dir.join("nowhere/target.csv"), &link).expect("symlink");
    let md = dir.join("panel.md");
    std::fs::write(&md, "# A panel\n\n## Ada\n\nIs it?\n\n## Lee\n\nNo.\n").expect("write");
    let md_s = md.display().to_string();
    for out in [&file, &link] {
        let out_s = out.display().to_string();
        let o = run(&["export", "-f", "csv", "--annotations", &ann, "-o", &out_s], &dir);
        assert!(!o.status.success(), "{out_s} refused");
        assert!(stderr(&o).contains("the file exists; use --force"), "{}", stderr(&o));
        let o = run(&["import", &md_s, "-o", &out_s], &dir);
        assert!(stderr(&o).contains("the file exists; use --force"), "{}", stderr(&o));
    }
    assert_eq!(std::fs::read_to_string(&file).expect("read"), "keep me");
    // A folder is said to be one, --force or not (it was "the file exists;
    // use --force", and --force then failed with "Is a directory").
    let folder = dir.join("out");
    std::fs::create_dir_all(&folder).expect("dir");
    let folder_s = folder.display().to_string();
    let b = dir.join("b.annotations.ron").display().to_string();
    std::fs::copy(&ann, &b).expect("copy");
    for force in [false, true] {
        let extra: &[&str] = if force { &["--force"] } else { &[] };
        for args in [
            vec!["export", "-f", "csv", "--annotations", &ann, "-o", &folder_s],
            vec!["import", &md_s, "-o", &folder_s],
            vec!["merge", &ann, &b, "-o", &folder_s],
        ] {
            let o = run(&[&args[..], extra].concat(), &dir);
            assert!(!o.status.success(), "{args:?}");
            assert!(stderr(&o).contains("is a folder; -o takes the file"), "{}", stderr(&o));
        }
    }
    assert!(std::fs::symlink_metadata(&link).expect("link").file_type().is_symlink());
    assert!(!dir.join("nowhere").exists(), "nothing written through the link");
    // With --force the export is written through the link, as saves are
    // (the link stays a link); where its target cannot be, the error says so.
    let link_s = link.display().to_string();
    let o = run(&["export", "-f", "csv", "--annotations", &ann, "-o", &link_s, "--force"], &dir);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("dangling.csv"), "{}", stderr(&o));
    std::fs::create_dir(dir.join("nowhere")).expect("mkdir");
    let o = run(&["export", "-f", "csv", "--annotations", &ann, "-o", &link_s, "--force"], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::fs::symlink_metadata(&link).expect("link").file_type().is_symlink());
    let target = dir.join("nowhere/target.csv");
    assert!(std::fs::read_to_string(&target).expect("read").starts_with("highlight_id,"));
}

#[test]
fn csv_protects_formulas_unless_raw_and_xml_replacements_are_counted() {
    let dir = temp("cli", "raw");
    let mut file = crosstalk::store::bundled().expect("bundled").to_file();
    file.sections[1].paragraphs[0] =
        format!("=HYPERLINK(\"x\")\u{1}{}", file.sections[1].paragraphs[0]);
    let doc = crosstalk::model::Conversation::new(file).expect("valid");
    let mut a = crosstalk::model::annotations::AnnotationFile::empty(&doc);
    let stamp = crosstalk::model::annotations::Stamp {
        id: "h".into(),
        coder: "-coder".into(),
        now: jiff::Timestamp::UNIX_EPOCH,
    };
    let target = crosstalk::model::annotations::Target {
        voice: 1,
        start: crosstalk::model::Pos::new(0, 0),
        end: crosstalk::model::Pos::new(0, 16),
    };
    let tag = crosstalk::model::annotations::Tag {
        name: "@tag".into(),
        color: crosstalk::model::annotations::Rgb(1, 2, 3),
        description: "+1".into(),
        key: None,
    };
    a.apply(a.tag_target(&doc, &target, "@tag", Some(tag), &stamp));
    a.apply(a.set_note(&doc, Some("h"), &target, "+note", &stamp));
    let doc_path = dir.join("talk.ron");
    std::fs::write(&doc_path, crosstalk::store::to_ron(&doc.to_file()).expect("ron")).expect("w");
    let ann_path = dir.join("talk.annotations.ron");
    let ron = crosstalk::store::annotations_to_ron(&a.snapshot(), &doc).expect("ron");
    std::fs::write(&ann_path, ron).expect("write");
    let doc_s = doc_path.display().to_string();
    let o = run(&["export", "-f", "csv", &doc_s], &dir);
    let row = stdout(&o).lines().nth(1).expect("a row").to_owned();
    assert!(row.contains(",'@tag,") && row.contains(",\"'=HYPERLINK(\"\"x\"\")\u{1}\","), "{row}");
    assert!(row.contains(",'+note,'-coder,"), "{row}");
    let o = run(&["export", "-f", "csv", "--raw", &doc_s], &dir);
    let e = crosstalk::export::Export::new(&doc, &a, &Default::default()).expect("export");
    let raw = crosstalk::export::Options { raw: true, ..Default::default() };
    let expected = e.render_with(crosstalk::export::Format::Csv, raw).expect("csv").bytes;
    assert_eq!(o.stdout, expected, "--raw is the cells as they are");
    assert!(stdout(&o).contains(",@tag,"), "{}", stdout(&o));
    let o = run(&["export", "-f", "json", "--raw", &doc_s], &dir);
    assert!(stderr(&o).contains("--raw goes with --format csv"), "{}", stderr(&o));
    // --excel: the same CSV after a UTF-8 byte order mark, lines in CRLF,
    // and a strict CSV reader still reads the same rows.
    let plain = run(&["export", "-f", "csv", &doc_s], &dir).stdout;
    let o = run(&["export", "-f", "csv", "--excel", &doc_s], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(o.stdout[..3], *b"\xEF\xBB\xBF");
    assert_eq!(o.stdout[3..], plain[..]);
    assert!(plain.windows(2).filter(|w| w == b"\r\n").count() >= 2, "CRLF rows");
    let rows = |bytes: &[u8]| -> Vec<csv::StringRecord> {
        let text = String::from_utf8(bytes.to_vec()).expect("utf-8");
        let text = text.trim_start_matches('\u{feff}').to_owned();
        csv::ReaderBuilder::new()
            .flexible(false)
            .from_reader(text.as_bytes())
            .records()
            .map(|r| r.expect("a strict CSV row"))
            .collect()
    };
    assert_eq!(rows(&o.stdout), rows(&plain));
    let o = run(&["export", "-f", "markdown", "--excel", &doc_s], &dir);
    assert!(stderr(&o).contains("--excel goes with --format csv"), "{}", stderr(&o));
    // The quote's U+0001 cannot be written in XML: the CLI says so.
    let qdpx = dir.join("out.qdpx").display().to_string();
    let o = run(&["export", "-f", "qdpx", "-o", &qdpx, &doc_s], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("crosstalk: 1 character that XML 1.0 does not allow (control characters) was written as U+FFFD"),
        "{}",
        stderr(&o)
    );
}

/// A file name is named on one line whatever it holds: a newline in it
/// printed as is let `a\ncrosstalk: 3 highlights saved` print a line
/// crosstalk never said (ESC, CR and BS were already shown as symbols).
#[test]
#[cfg(unix)]
fn a_newline_or_tab_in_a_file_name_is_shown_as_a_symbol_in_every_message() {
    let dir = temp("cli", "name-controls");
    let forged = "crosstalk: 3 highlights saved";
    let named = |ext: &str| format!("odd\n{forged}\tname\u{1b}[2J.{ext}");
    let txt = dir.join(named("txt"));
    std::fs::write(&txt, "Ann: Hello there.\n\nBen: Hello.\n").expect("write");
    let txt = txt.display().to_string();
    let missing = dir.join(named("ron")).display().to_string();
    let out_file = dir.join("out.ron").display().to_string();
    let runs: [Vec<&str>; 5] = [
        vec![&missing],
        vec!["stats", &missing],
        vec!["import", &txt, "-o", &out_file],
        vec!["agree", &missing, "b.ron"],
        vec!["export", "--format", "csv", &missing],
    ];
    for args in runs {
        let out = run(&args, &dir);
        let said = stderr(&out) + &stdout(&out);
        assert!(said.contains("odd␊crosstalk: 3 highlights saved␉name␛[2J"), "{args:?}: {said}");
        assert!(!said.lines().any(|l| l.starts_with(forged)), "{args:?}: a forged line: {said}");
        assert!(!said.contains('\t') && !said.contains('\u{1b}'), "{args:?}: {said:?}");
    }
}

/// A name that is not UTF-8 keeps its bytes in the annotation file's
/// name: `bad\xffname.txt` had its coding in `bad�name.annotations.ron`,
/// not beside it by name.
#[test]
#[cfg(target_os = "linux")]
fn a_file_name_that_is_not_utf8_gives_its_annotation_file_the_same_bytes() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = temp("cli", "not-utf8");
    let doc = dir.join(OsStr::from_bytes(b"bad\xffname.txt"));
    std::fs::write(&doc, "Ann: We ban apps here.\n\nBen: No.\n").expect("write");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_crosstalk"))
        .arg("autocode")
        .arg(&doc)
        .args(["--pattern", "ban", "--tag", "apps"])
        .env("HOME", &dir)
        .env("XDG_DATA_HOME", dir.join("data"))
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir.join(OsStr::from_bytes(b"bad\xffname.annotations.ron")).exists());
    assert!(!dir.join("bad\u{fffd}name.annotations.ron").exists());
}
