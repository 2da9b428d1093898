//! `crosstalk agree` end to end against the reference libraries, on coding
//! with the edge cases a team meets: a tag coded by both with one coder's
//! highlights overlapping, a tag only one coder has, a tag one coder never
//! uses, a tag both apply everywhere (no variation: n/a), CJK text, a
//! highlight ending on the space after a sentence, and a third coder.
//!
//! `scripts/agreement-fixture.py` wrote the panel and the coders' files and
//! computed the expected figures on units it finds itself (paragraphs,
//! non-whitespace characters, sentences by a plain rule this test first
//! checks crosstalk agrees with), with scikit-learn, krippendorff and
//! statsmodels. Every figure must match to 1e-9, and every undefined one
//! must be `n/a` with a reason, never a number or NaN.

mod common;

use std::path::{Path, PathBuf};

use common::cli::{run, stderr, stdout, temp};
use serde_json::Value;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/agreement")
}

fn expected() -> Value {
    serde_json::from_str(&std::fs::read_to_string(dir().join("expected.json")).expect("fixture"))
        .expect("json")
}

#[test]
fn crosstalk_finds_the_sentences_the_reference_script_counted() {
    let doc = crosstalk::store::load_conversation(&dir().join("panel.ron")).expect("panel");
    let e = expected();
    for (voice, v) in doc.voices().iter().enumerate() {
        let id = &doc.contributors[v.contributor].id;
        let paragraphs = e["sentences"][id].as_array().expect("voice");
        for (p, &r) in v.paragraphs.iter().enumerate() {
            let para = doc.paragraph(r);
            let text = para.text();
            let chars = |b: u32| text[..b as usize].chars().count() as u64;
            let ours: Vec<(u64, u64)> =
                para.sentences().iter().map(|s| (chars(s.start), chars(s.end))).collect();
            let theirs: Vec<(u64, u64)> = paragraphs[p]
                .as_array()
                .expect("paragraph")
                .iter()
                .map(|s| (s[0].as_u64().expect("start"), s[1].as_u64().expect("end")))
                .collect();
            assert_eq!(ours, theirs, "voice {voice} paragraph {p}: {text}");
        }
    }
}

#[test]
fn every_figure_equals_the_reference_libraries_for_two_and_three_coders_and_every_unit() {
    let home = temp("agree", "reference");
    let e = expected();
    let mut compared = 0;
    for report in e["reports"].as_array().expect("reports") {
        let unit = report["unit"].as_str().expect("unit");
        let mut args: Vec<String> = vec!["agree".into()];
        for c in report["coders"].as_array().expect("coders") {
            let file = dir().join(format!("{}.annotations.ron", c.as_str().expect("name")));
            args.push(file.display().to_string());
        }
        let doc = dir().join("panel.ron").display().to_string();
        args.extend([
            "--doc".into(),
            doc,
            "--unit".into(),
            unit.into(),
            "--format".into(),
            "json".into(),
        ]);
        let out = run(&args.iter().map(String::as_str).collect::<Vec<_>>(), &home);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(
            stderr(&out).is_empty(),
            "no text changed, nothing to warn about: {}",
            stderr(&out)
        );
        let got: Value = serde_json::from_str(&stdout(&out)).expect("json output");
        assert_eq!(got["unit"], report["unit"]);
        assert_eq!(got["coders"], report["coders"]);
        let rows = got["rows"].as_array().expect("rows");
        for want in report["rows"].as_array().expect("rows") {
            for (measure, value) in want["measures"].as_object().expect("measures") {
                let row = rows
                    .iter()
                    .find(|r| {
                        r["tag"] == want["tag"]
                            && r["voice"] == want["voice"]
                            && r["measure"] == *measure
                    })
                    .unwrap_or_else(|| panic!("{unit}: no row for {want} {measure}"));
                let at = format!(
                    "{unit}, {} coders, {} / {} / {measure}",
                    report["coders"], want["tag"], want["voice"]
                );
                assert_eq!(row["units"], want["units"], "{at}: units");
                match (row["value"].as_f64(), value.as_f64()) {
                    (Some(a), Some(b)) => {
                        assert!((a - b).abs() < 1e-9, "{at}: {a} vs reference {b}")
                    }
                    (None, None) => assert!(
                        row["undefined"].as_str().is_some_and(|w| !w.is_empty()),
                        "{at}: undefined without a reason"
                    ),
                    (a, b) => panic!("{at}: {a:?} vs reference {b:?}"),
                }
                compared += 1;
            }
        }
    }
    assert!(compared > 300, "{compared}");
}

#[test]
fn the_table_says_why_a_figure_is_missing_and_csv_has_a_row_per_measure() {
    let home = temp("agree", "table");
    let f = |c: &str| dir().join(format!("{c}.annotations.ron")).display().to_string();
    let doc = dir().join("panel.ron").display().to_string();
    let out = run(&["agree", &f("ana"), &f("ben"), "--doc", &doc], &home);
    let text = stdout(&out);
    assert!(text.contains("2 coders: ana, ben · unit: sentence"), "{text}");
    assert!(text.contains("n/a: no variation: every unit coded alike."), "{text}");
    assert!(!text.contains("NaN"), "{text}");
    let out =
        run(&["agree", &f("ana"), &f("ben"), &f("cy"), "--doc", &doc, "--format", "csv"], &home);
    let csv = stdout(&out);
    let mut reader = csv::ReaderBuilder::new().from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().expect("header").iter().map(str::to_owned).collect();
    assert_eq!(
        header,
        ["tag", "voice", "measure", "value", "undefined", "units", "all", "some", "none"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    // 5 tags and the pooled rows, × 4 voice rows (3 voices and all), × 3 measures.
    assert_eq!(rows.len(), 6 * 4 * 3);
    assert!(rows.iter().all(|r| r[3].is_empty() != r[4].is_empty()), "a value or a reason");
}

#[test]
fn a_missing_file_or_one_coder_is_an_error() {
    let home = temp("agree", "errors");
    let f = dir().join("ana.annotations.ron").display().to_string();
    let out = run(&["agree", &f], &home);
    assert!(!out.status.success());
    let out = run(
        &[
            "agree",
            &f,
            "/nonexistent/b.ron",
            "--doc",
            &dir().join("panel.ron").display().to_string(),
        ],
        &home,
    );
    assert!(!out.status.success());
    assert!(stderr(&out).contains("/nonexistent/b.ron"), "{}", stderr(&out));
    // Without --doc the bundled debate is opened: another conversation's
    // files are said to be that (a contributor of theirs was named, as
    // if the file were broken), with what to do.
    let b = dir().join("ben.annotations.ron").display().to_string();
    for command in ["agree", "merge"] {
        let mut args = vec![command, &f, &b];
        let out_file = home.join("u.ron").display().to_string();
        if command == "merge" {
            args.extend(["-o", &out_file]);
        }
        let out = run(&args, &home);
        assert!(!out.status.success());
        let said = stderr(&out);
        assert!(said.contains("it annotates conversation"), "{said}");
        assert!(
            said.contains("name it with --doc")
                || said.contains("name its conversation with --doc"),
            "{said}"
        );
        assert!(!said.contains("is not in the conversation"), "{said}");
    }
}

#[test]
fn tag_narrows_the_report_to_those_tags_and_an_unknown_one_is_named() {
    let home = temp("agree", "tag");
    let f = |c: &str| dir().join(format!("{c}.annotations.ron")).display().to_string();
    let doc = dir().join("panel.ron").display().to_string();
    let out = run(
        &["agree", &f("ana"), &f("ben"), "--doc", &doc, "--tag", "risk", "--format", "json"],
        &home,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let got: Value = serde_json::from_str(&stdout(&out)).expect("json");
    let rows = got["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 4 * 3, "3 voices and all, × 3 measures");
    assert!(rows.iter().all(|r| r["tag"] == "risk"));
    let out = run(&["agree", &f("ana"), &f("ben"), "--doc", &doc, "--tag", "rsik"], &home);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("no tag is named “rsik”"), "{}", stderr(&out));
}

#[test]
fn a_file_shared_through_git_is_compared_by_the_coders_its_highlights_name() {
    // A team's one file after merges holds everyone's coding: given alone
    // (or with --by-coder), its coders are compared, with the figures the
    // coders' own files give; given as one coder beside another, it is
    // named as holding several.
    let home = temp("agree", "by-coder");
    let doc = dir().join("panel.ron").display().to_string();
    let ana = dir().join("ana.annotations.ron").display().to_string();
    let ben = dir().join("ben.annotations.ron").display().to_string();
    let merged = home.join("talk.annotations.ron").display().to_string();
    let out = run(&["merge", &ana, &ben, "-o", &merged, "--doc", &doc], &home);
    assert!(out.status.success(), "{}", stderr(&out));
    let json = |args: &[&str]| -> Value {
        let mut all = vec!["agree"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--doc", &doc, "--format", "json"]);
        let out = run(&all, &home);
        assert!(out.status.success(), "{}", stderr(&out));
        serde_json::from_str(&stdout(&out)).expect("json")
    };
    let apart = json(&[&ana, &ben]);
    let shared = json(&[&merged]);
    assert_eq!(shared["coders"], serde_json::json!(["ana", "ben"]));
    assert_eq!(shared["rows"], apart["rows"]);
    // Each clone's copy: every highlight counted once.
    let copy = home.join("copy").join("talk.annotations.ron");
    std::fs::create_dir_all(copy.parent().expect("dir")).expect("dir");
    std::fs::copy(&merged, &copy).expect("copy");
    let both = json(&["--by-coder", &merged, &copy.display().to_string()]);
    assert_eq!(both["rows"], apart["rows"]);
    // Side by side as two coders: said to hold several, and each named by
    // its path (both are talk.annotations.ron).
    let out = run(&["agree", &merged, &copy.display().to_string(), "--doc", &doc], &home);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("(ana, ben): this file holds several coders' coding"),
        "{}",
        stderr(&out)
    );
    let said = stdout(&out);
    assert!(said.contains(&format!("2 coders: {merged}, {}", copy.display())), "{said}");
    // One coder's file alone: there is nothing to compare.
    let out = run(&["agree", &ana, "--doc", &doc], &home);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("name one coder (ana)"), "{}", stderr(&out));
    // Highlights naming no coder are no coder's: one coder left.
    let blank = home.join("blank.annotations.ron");
    let text = std::fs::read_to_string(&merged).expect("read");
    std::fs::write(&blank, text.replace("coder: \"ben\"", "coder: \"\"")).expect("write");
    let out = run(&["agree", &blank.display().to_string(), "--doc", &doc], &home);
    assert!(!out.status.success());
    let said = stderr(&out);
    assert!(
        said.contains("name no coder and are left out") && said.contains("name one coder (ana)"),
        "{said}"
    );
    // A clone not pulled since, its copy of a highlight changed: said.
    let stale = home.join("stale").join("talk.annotations.ron");
    std::fs::create_dir_all(stale.parent().expect("dir")).expect("dir");
    let tagged = "\"doubt\",\n            ],";
    let once = text.replacen(tagged, "\"doubt\",\n                \"all\",\n            ],", 1);
    assert_ne!(once, text);
    std::fs::write(&stale, once).expect("write");
    let out =
        run(&["agree", "--by-coder", &merged, &stale.display().to_string(), "--doc", &doc], &home);
    assert!(stderr(&out).contains("stands differently in the files given"), "{}", stderr(&out));
}

#[test]
fn figures_carry_no_arithmetic_noise() {
    let home = temp("agree", "noise");
    let doc = dir().join("panel.ron").display().to_string();
    let ana = dir().join("ana.annotations.ron").display().to_string();
    let ben = dir().join("ben.annotations.ron").display().to_string();
    let out = run(&["agree", &ana, &ben, "--doc", &doc, "--format", "csv"], &home);
    assert!(out.status.success(), "{}", stderr(&out));
    for line in stdout(&out).lines().skip(1) {
        let value = line.split(',').nth(3).unwrap_or_default();
        let decimals = value.split('.').nth(1).map_or(0, str::len);
        assert!(decimals <= 12 && value != "-0", "{line}");
    }
}

/// Two interviews kept as `P01/transcript.txt` and `P02/transcript.txt`
/// are both conversation `transcript`, and with `Interviewer:` and
/// `Participant:` labels both have the same speakers: one participant's
/// coding compared against the other's text was taken, its highlights all
/// "not found", and figures printed that counted them as never coded.
#[test]
fn a_coders_file_of_another_interview_called_the_same_is_refused_not_compared() {
    let home = temp("agree", "same-name");
    let interviews = [
        (
            "P01",
            "ada",
            "Interviewer: How did you start farming?\n\nParticipant: My father gave me two goats when I was nine.\n\nInterviewer: And now?\n\nParticipant: Now we keep forty, and my daughter keeps the books.\n",
        ),
        (
            "P02",
            "ben",
            "Interviewer: What brought you to the city?\n\nParticipant: Work at the port, in 1998, when the cranes came.\n\nInterviewer: Do you miss home?\n\nParticipant: Every single day, and the river most.\n",
        ),
    ];
    for (folder, coder, text) in interviews {
        let dir = home.join(folder);
        std::fs::create_dir_all(&dir).expect("folder");
        let doc = dir.join("transcript.txt");
        std::fs::write(&doc, text).expect("write");
        let doc = doc.display().to_string();
        for pattern in ["the", "and"] {
            let args =
                ["autocode", &doc, "--pattern", pattern, "--tag", "family", "--unit", "sentence"];
            let out = run(&[&args[..], &["--coder", coder]].concat(), &home);
            assert!(out.status.success(), "{}", stderr(&out));
        }
    }
    let file = |folder: &str| home.join(folder).join("transcript.annotations.ron");
    let (p01, p02) = (file("P01").display().to_string(), file("P02").display().to_string());
    let doc = home.join("P01").join("transcript.txt").display().to_string();
    let out = run(&["agree", &p01, &p02, "--doc", &doc], &home);
    let said = stderr(&out);
    assert!(!out.status.success(), "compared: {}", stdout(&out));
    assert!(stdout(&out).is_empty(), "no figures: {}", stdout(&out));
    assert!(said.contains(&format!("{p02}: ")), "{said}");
    assert!(said.contains("most of its coding is on another text"), "{said}");
    assert!(said.contains("--doc"), "{said}");
    let united = home.join("united.ron");
    let out =
        run(&["merge", &p01, &p02, "--doc", &doc, "-o", &united.display().to_string()], &home);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("most of its coding is on another text"), "{}", stderr(&out));
    assert!(!united.exists(), "nothing written");
    // An edit that loses less than half of a coder's highlights is the
    // same interview edited: compared, with the loss said.
    let ben = home.join("P01").join("ben.annotations.ron").display().to_string();
    for pattern in ["the", "and"] {
        let args =
            ["autocode", &doc, "--pattern", pattern, "--tag", "family", "--unit", "sentence"];
        let out = run(&[&args[..], &["--coder", "ben", "--annotations", &ben]].concat(), &home);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let out = run(&["agree", &p01, &ben, "--doc", &doc], &home);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&doc).expect("read");
    let edited = text.replace("and my daughter keeps the books", "as before");
    assert_ne!(edited, text);
    std::fs::write(&doc, &edited).expect("write");
    let out = run(&["agree", &p01, &ben, "--doc", &doc], &home);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("could not be found"), "the loss is said: {}", stderr(&out));
    assert!(!stderr(&out).contains("most of its coding is on another text"), "{}", stderr(&out));
}
