//! 3. A project as QualCoder writes one: every coding on its characters.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::*;

fn qualcoder() -> PathBuf {
    root().join("tests/fixtures/refi/qualcoder")
}

/// The fixture folder zipped as QualCoder's export zips it.
fn qualcoder_qdpx(dir: &Path) -> PathBuf {
    let path = dir.join("interview_study.qdpx");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).expect("create"));
    let options = zip::write::SimpleFileOptions::default();
    let mut add = |name: &str, from: &Path| {
        zip.start_file(name, options).expect("entry");
        zip.write_all(&std::fs::read(from).expect("read")).expect("write");
    };
    add("project.qde", &qualcoder().join("project.qde"));
    for entry in std::fs::read_dir(qualcoder().join("sources")).expect("sources") {
        let entry = entry.expect("entry");
        add(&format!("sources/{}", entry.file_name().to_string_lossy()), &entry.path());
    }
    zip.finish().expect("zip");
    path
}

/// `text` with every run of whitespace one space.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_qualcoder_project_lands_every_coding_on_its_characters() {
    let dir = temp("refi", "qualcoder");
    let source: String = std::fs::read_to_string(
        qualcoder().join("sources/00000000-0000-4000-8000-000000000011.txt"),
    )
    .expect("source");
    let source = source.strip_prefix('\u{feff}').expect("QualCoder writes a BOM").to_owned();
    let chars: Vec<char> = source.chars().collect();
    let slice = |s: usize, e: usize| chars[s..e].iter().collect::<String>();
    for path in [qualcoder().join("project.qde"), qualcoder_qdpx(&dir)] {
        let c = only(import(&path).expect("imports"));
        let names: Vec<&str> = c.doc.contributors.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["Interviewer", "Maria López"]);
        let tags: Vec<(&str, String, &str)> = c
            .annotations
            .tags()
            .iter()
            .map(|t| (t.name.as_str(), t.color.to_string(), t.description.as_str()))
            .collect();
        assert_eq!(
            tags,
            [
                ("trust", "#F5A9A9".into(), ""),
                ("Experiences/work", "#81BEF7".into(), "Talk about work & jobs"),
                ("Experiences/work/remote work", "#58ACFA".into(), ""),
            ],
            "the category is no tag of its own, it names its codes"
        );
        let loaded = load_project(&path, Limits::default()).expect("loads");
        let selections = &loaded.project.sources[0].selections;
        let by_id = |id: &str| {
            c.annotations.highlight(id).unwrap_or_else(|| panic!("highlight {id}")).clone()
        };
        for s in selections {
            let want = slice(s.start as usize, s.end as usize);
            if s.guid.ends_with("33") {
                // Crosses from Maria's turn into the interviewer's: one
                // highlight in each, the label between left out.
                let first = by_id(&s.guid);
                assert_eq!(first.quote.exact, "Most days I meet patients and volunteers.");
                let second = c
                    .annotations
                    .highlights()
                    .iter()
                    .find(|h| h.quote.exact == "How has remote work changed things?")
                    .expect("the second part");
                assert_eq!(second.tags, first.tags);
                assert_eq!(c.doc.contributors[second.voice].name, "Interviewer");
                assert_eq!(
                    squeeze(&want),
                    format!("{} Interviewer: {}", first.quote.exact, second.quote.exact)
                );
                continue;
            }
            let h = by_id(&s.guid);
            assert_eq!(h.quote.exact, want, "{}", s.guid);
        }
        let work = by_id("00000000-0000-4000-8000-000000000030");
        assert_eq!(work.quote.exact, "Could you tell me about your work?");
        assert_eq!(work.tags, ["Experiences/work"]);
        assert_eq!((work.coder.as_str(), work.note.as_str()), ("colin", "Opening question"));
        assert_eq!(work.created.to_string(), "2024-05-02T10:00:00Z");
        let cjk = by_id("00000000-0000-4000-8000-000000000034");
        assert_eq!(cjk.quote.exact, "信頼には時間がかかる。 👩\u{200d}⚕\u{fe0f}");
        assert_eq!((cjk.coder.as_str(), cjk.tags.as_slice()), ("maria", &["trust".to_owned()][..]));
        let remote = by_id("00000000-0000-4000-8000-000000000032");
        assert_eq!(remote.note, "Paperwork & \"forms\" <online>");
        // QualCoder's annotation: a note on a passage, no code.
        let note = by_id("00000000-0000-4000-8000-000000000051");
        assert_eq!(
            (note.quote.exact.as_str(), note.note.as_str()),
            ("Some prefer it now.", "Follow up on this.")
        );
        assert!(note.tags.is_empty());
        assert_eq!(c.annotations.highlights().len(), selections.len() + 2);
    }
}

#[test]
fn the_qualcoder_fixture_is_a_valid_refi_qda_project_or_say_skipped() {
    let standards = std::env::var_os("CROSSTALK_SHARED")
        .map_or_else(|| root().join("../shared"), PathBuf::from)
        .join("standards");
    let skip = |why: &str| {
        assert!(std::env::var_os("CI").is_none(), "schema validation cannot run under CI: {why}");
        let _ = writeln!(
            std::io::stderr().lock(),
            "SKIPPED: tests/refi_import.rs: the QualCoder fixture was not validated: {why}"
        );
    };
    if !standards.join("refi-qda").is_dir() {
        return skip(&format!("{} not found", standards.display()));
    }
    let out = std::process::Command::new("python3")
        .arg(root().join("scripts/validate_standards.py"))
        .arg(&standards)
        .arg("--qde")
        .arg(qualcoder().join("project.qde"))
        .output();
    let out = match out {
        Ok(out) => out,
        Err(e) => return skip(&format!("python3 could not be run: {e}")),
    };
    let report =
        format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    match out.status.code() {
        Some(0) => assert!(report.contains("valid"), "{report}"),
        Some(3) => skip(report.trim()),
        _ => panic!("the fixture does not validate:\n{report}"),
    }
}
