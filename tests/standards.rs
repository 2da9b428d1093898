//! The exports against the official schemas in `../shared/standards`: every
//! W3C Web Annotation exported from the fixtures against the MUST assertions
//! of the W3C test suite, and the REFI-QDA project and codebook against
//! their XSDs (scripts/validate_standards.py does the checking). Besides the
//! fixtures, a conversation with hostile text everywhere (control
//! characters XML forbids, escape sequences, bidi controls) must give
//! well-formed, valid files too, and so must the bundled debate with links
//! between its passages (linking annotations; `<Links>`, their notes and
//! the relation codebook as `<Note>`s).
//!
//! Without `../shared/standards` (or `$CROSSTALK_SHARED/standards`), or
//! without the Python modules it needs, the check cannot run. It then
//! passes but says so where it cannot be missed: a `SKIPPED:` line written
//! straight to standard error, which `cargo test` does not capture, so it
//! shows above the test's `ok` with or without `--nocapture`; the test's
//! name ends in `_or_say_skipped`. Under CI (`CI` set), where `.ci/run`
//! provides both, a skip is a failure.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use crosstalk::export::{Export, Filter, Format};
use crosstalk::store;

#[path = "common/links.rs"]
mod links;
#[path = "common/tmp.rs"]
mod tmp;

#[path = "hostile/corpus.rs"]
#[allow(dead_code)] // the hostile tests use the rest
mod corpus;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared`, or `$CROSSTALK_SHARED` if set.
fn shared() -> PathBuf {
    std::env::var_os("CROSSTALK_SHARED").map_or_else(|| root().join("../shared"), PathBuf::from)
}

/// Fails under CI; otherwise writes the notice past the test harness's
/// capture, so a skip never reads as a plain `ok`.
fn skip(why: &str) {
    if std::env::var_os("CI").is_some() {
        panic!("schema validation cannot run under CI: {why}");
    }
    let _ = writeln!(
        std::io::stderr().lock(),
        "SKIPPED: tests/standards.rs: W3C Web Annotation and REFI-QDA schema validation did not run: {why}"
    );
}

#[test]
fn exports_validate_against_the_w3c_and_refi_qda_schemas_or_say_skipped() {
    let standards = shared().join("standards");
    if !standards.join("web-annotation").is_dir() || !standards.join("refi-qda").is_dir() {
        return skip(&format!("{} not found", standards.display()));
    }
    let dir = tmp::TempDir::new(&format!("crosstalk-standards-{}", std::process::id()));
    let mut args: Vec<String> = vec![standards.display().to_string()];
    for which in ["bundled", "unicode", "hostile", "nested", "linked"] {
        let fixtures = root().join("tests/fixtures");
        let doc = match which {
            // The bundled debate, its codebook nested (`parent/child`).
            "bundled" | "nested" | "linked" => store::bundled().expect("bundled"),
            "hostile" => corpus::conversation(),
            _ => store::load_conversation(&fixtures.join("unicode.ron")).expect("doc"),
        };
        let a = match which {
            "hostile" => corpus::annotations(&doc),
            "linked" => {
                let fixture = fixtures.join("bundled.annotations.ron");
                let a = store::load_annotations(&fixture, &doc).expect("parses").expect("exists").0;
                let a = links::linked(&doc, a);
                assert!(a.links().len() >= 2, "links made");
                a
            }
            _ => {
                store::load_annotations(&fixtures.join(format!("{which}.annotations.ron")), &doc)
                    .expect("parses")
                    .expect("exists")
                    .0
            }
        };
        let e = Export::new(&doc, &a, &Filter::default()).expect("export");
        assert_eq!(e.links.len(), a.links().len(), "{which}: every link is exported");
        let write = |name: String, bytes: &[u8]| -> PathBuf {
            let path = dir.join(name);
            std::fs::write(&path, bytes).expect("write");
            path
        };
        let json = write(format!("{which}.jsonld"), &e.render(Format::Json).expect("json"));
        let qdc = write(format!("{which}.qdc"), &e.render(Format::Qdc).expect("qdc"));
        let qdpx = e.render(Format::Qdpx).expect("qdpx");
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(qdpx)).expect("zip");
        let mut qde = Vec::new();
        zip.by_name("project.qde").expect("project.qde").read_to_end(&mut qde).expect("read");
        let qde = write(format!("{which}.qde"), &qde);
        for (flag, path) in [("--json", json), ("--qde", qde), ("--qdc", qdc)] {
            args.push(flag.into());
            args.push(path.display().to_string());
        }
    }
    let script = root().join("scripts/validate_standards.py");
    let out = match Command::new("python3").arg(&script).args(&args).output() {
        Ok(out) => out,
        Err(e) => return skip(&format!("python3 could not be run: {e}")),
    };
    let report =
        format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    match out.status.code() {
        Some(0) => {
            eprintln!("{report}");
            assert!(report.contains("0 failure(s)") && report.contains("valid"), "{report}");
        }
        Some(3) => skip(&format!(
            "{}; install them with: python3 -m pip install -r scripts/requirements-standards.txt",
            report.trim()
        )),
        _ => panic!("exports do not validate:\n{report}"),
    }
}
