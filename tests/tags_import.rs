//! `crosstalk tags import FILE [DOC]`: a codebook merged into the
//! annotation file's tags, run as the built binary. `crosstalk tags [DOC]`
//! still lists them.

mod common;

use std::path::{Path, PathBuf};

use common::cli::{run, stderr, stdout, temp};
use common::tmp::TempDir;
use crosstalk::model::annotations::{Annotations, Rgb, Tag};
use crosstalk::store;

const MARKDOWN: &str = "# Panel\n\n## Ada Moderator\n\nAre the bans justified?\n\n## Lee Respondent\n\nNo. The risks are real.\n";

/// The two tags every test starts with, as a RON codebook would give them.
const MINE: &str = "name,description,color\nrisk,A risk,#112233\ntrust,Who trusts whom,#445566\n";

struct Setup {
    dir: TempDir,
    doc: String,
    ann: PathBuf,
}

/// A panel, and its annotation file started from [`MINE`] by `tags import`.
fn setup(name: &str) -> Setup {
    let dir = temp("tags-import", name);
    let md = dir.join("panel.md");
    std::fs::write(&md, MARKDOWN).expect("write");
    let s = Setup { doc: md.display().to_string(), ann: dir.join("panel.annotations.ron"), dir };
    let out = ok(&import(&s, "mine.csv", MINE, &[]));
    assert!(out.contains("added 2, unchanged 0, clashes 0"), "{out}");
    assert!(out.contains("started"), "{out}");
    s
}

/// Writes `text` as `name` and runs `tags import` with it and `extra`.
fn import(s: &Setup, name: &str, text: &str, extra: &[&str]) -> std::process::Output {
    let cb = s.dir.join(name);
    std::fs::write(&cb, text).expect("write");
    let cb = cb.display().to_string();
    let mut args = vec!["tags", "import", &cb];
    args.extend_from_slice(extra);
    args.push(&s.doc);
    run(&args, &s.dir)
}

fn ok(o: &std::process::Output) -> String {
    assert!(o.status.success(), "failed: {}", stderr(o));
    stdout(o)
}

fn load(s: &Setup) -> Annotations {
    let doc = store::load_document(Path::new(&s.doc)).expect("doc");
    store::load_annotations(&s.ann, &doc).expect("loads").expect("exists").0
}

fn tag(a: &Annotations, name: &str) -> Tag {
    a.tag(name).unwrap_or_else(|| panic!("no tag {name}")).clone()
}

/// The directory's files and their bytes: to show nothing was written.
fn files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .expect("list")
        .map(|e| {
            let p = e.expect("entry").path();
            let bytes = std::fs::read(&p).unwrap_or_default();
            (p, bytes)
        })
        .collect();
    out.sort();
    out
}

/// risk is identical, trust clashes in both fields, fear is new.
const THEIRS: &str = "name,description,color\nrisk,A risk,#112233\ntrust,\"Trust, \"\"earned\"\"\",#ABCDEF\nfear,Fear of the app,#00FF00\n";

#[test]
fn new_tags_are_added_identical_ones_unchanged_and_clashes_listed_keeping_mine() {
    let s = setup("clash");
    let o = import(&s, "theirs.csv", THEIRS, &[]);
    let out = ok(&o);
    assert!(out.contains("added     fear\n"), "{out}");
    assert!(out.contains("clash     trust\n"), "{out}");
    assert!(
        out.contains("colour       mine   \"#445566\"\n               theirs \"#ABCDEF\"\n"),
        "{out}"
    );
    assert!(
        out.contains(
            "description  mine   \"Who trusts whom\"\n               theirs \"Trust, \\\"earned\\\"\"\n"
        ),
        "{out}"
    );
    assert!(
        out.contains("added 1, unchanged 1, clashes 1 (kept mine; --prefer theirs takes theirs)"),
        "{out}"
    );
    let a = load(&s);
    let names: Vec<&str> = a.tags().iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["risk", "trust", "fear"]);
    assert_eq!(tag(&a, "trust").color, Rgb(0x44, 0x55, 0x66), "mine kept");
    assert_eq!(tag(&a, "trust").description, "Who trusts whom");
    let fear = tag(&a, "fear");
    assert_eq!((fear.color, fear.description.as_str()), (Rgb(0, 0xFF, 0), "Fear of the app"));
    // fear's own key 3 was free.
    assert_eq!(fear.key, Some(3));
    assert!(store::backup_path(&s.ann).exists(), "the save keeps a backup");

    // Again: now everything but the clash is unchanged, and nothing is written.
    let before = files(&s.dir);
    let out = ok(&import(&s, "theirs.csv", THEIRS, &["--prefer", "mine"]));
    assert!(out.contains("added 0, unchanged 2, clashes 1"), "{out}");
    assert!(out.contains("nothing to write"), "{out}");
    assert_eq!(files(&s.dir), before);
}

#[test]
fn prefer_theirs_takes_colour_and_description_and_keeps_the_key() {
    let s = setup("theirs");
    let key = tag(&load(&s), "trust").key;
    let out = ok(&import(&s, "theirs.csv", THEIRS, &["--prefer", "theirs"]));
    assert!(out.contains("added 1, unchanged 1, clashes 1 (took theirs)"), "{out}");
    let trust = tag(&load(&s), "trust");
    assert_eq!(trust.color, Rgb(0xAB, 0xCD, 0xEF));
    assert_eq!(trust.description, "Trust, \"earned\"");
    assert_eq!(trust.key, key);
}

#[test]
fn dry_run_writes_nothing() {
    let s = setup("dry");
    let before = files(&s.dir);
    let out = ok(&import(&s, "theirs.csv", THEIRS, &["--dry-run", "--prefer", "theirs"]));
    assert!(
        out.contains("added 1, unchanged 1, clashes 1 (took theirs) — dry run: nothing written")
    );
    // Only the codebook just written is new.
    let after: Vec<_> =
        files(&s.dir).into_iter().filter(|(p, _)| !p.ends_with("theirs.csv")).collect();
    assert_eq!(after, before);
    assert_eq!(tag(&load(&s), "trust").color, Rgb(0x44, 0x55, 0x66));
}

#[test]
fn a_bad_codebook_names_file_and_line_and_nothing_is_written() {
    let s = setup("bad");
    for (name, text, at, what) in [
        (
            "c.csv",
            "name,description,color\nfear,Fear,#00FF00\ntrust,Trust,#12345\n",
            ":3: ",
            "#RRGGBB",
        ),
        ("c.csv", "fear,Fear\nfear,Again\n", ":2: ", "defined twice"),
        ("c.csv", "tag,name,description\nfear,x,y\n", ":1: ", "more than one"),
        (
            "c.qdc",
            "<CodeBook><Codes>\n  <Code name=\"fear\" color=\"#0\"/>\n</Codes></CodeBook>\n",
            ":2:3: ",
            "#RRGGBB",
        ),
        ("c.ron", "(\n  version: 1,\n  tags: oops,\n)\n", ":3:", ""),
        // A transcript given by mistake made a tag of each line cut at commas.
        (
            "iv.txt",
            "[00:00:05] Interviewer: Welcome. Tell me, please, about it?\n\
             [00:01:45] Respondent: Privacy matters, a lot.\n",
            ": ",
            "looks like a conversation",
        ),
        ("notes.md", "# Panel\n\n## Ada\n\nYes, and no.\n", ": ", "looks like a conversation"),
    ] {
        let before = files(&s.dir);
        let o = import(&s, name, text, &[]);
        assert!(!o.status.success(), "{text:?}");
        let e = stderr(&o);
        assert!(e.contains(&format!("{name}{at}")), "{text:?}: {e}");
        assert!(e.contains(what), "{text:?}: {e}");
        let after: Vec<_> = files(&s.dir).into_iter().filter(|(p, _)| !p.ends_with(name)).collect();
        let before: Vec<_> = before.into_iter().filter(|(p, _)| !p.ends_with(name)).collect();
        assert_eq!(after, before, "nothing written: {text:?}");
    }
}

#[test]
fn a_locked_or_unreadable_annotation_file_is_refused() {
    let s = setup("locked");
    let bytes = std::fs::read(&s.ann).expect("file");
    let lock = store::lock(&s.ann).expect("lock");
    let e = stderr(&import(&s, "theirs.csv", THEIRS, &[]));
    assert!(e.contains("open in another crosstalk") && e.contains("nothing written"), "{e}");
    assert_eq!(std::fs::read(&s.ann).expect("file"), bytes);
    drop(lock);

    let broken = "(\n    version: 1,\n    conversation: \"panel\",\n    tags: [ oops\n";
    std::fs::write(&s.ann, broken).expect("write");
    let o = import(&s, "theirs.csv", THEIRS, &[]);
    assert!(!o.status.success());
    let e = stderr(&o);
    assert!(e.contains(&format!("{}:4:", s.ann.display())), "names line:column: {e}");
    assert_eq!(std::fs::read_to_string(&s.ann).expect("file"), broken, "byte-identical");
    assert!(!store::lock_path(&s.ann).exists(), "the lock is let go");
}

#[test]
fn taguettes_codebook_export_is_read_and_what_it_does_not_say_is_no_clash() {
    let s = setup("taguette");
    // Taguette 1.5's export: no colours; an empty description says nothing.
    let text = "tag,description,number of highlights,number of documents\r\nrisk,,4,2\r\ntrust,Who trusts whom,1,1\r\nhope/small,\"Hope, in\nsmall things\",0,0\r\n";
    let out = ok(&import(&s, "codebook.csv", text, &[]));
    assert!(out.contains("added 1, unchanged 2, clashes 0"), "{out}");
    let a = load(&s);
    assert_eq!(tag(&a, "hope/small").description, "Hope, in\nsmall things");
    assert_eq!(tag(&a, "risk").description, "A risk");
}

#[test]
fn listing_the_tags_still_works_with_and_without_a_doc() {
    let s = setup("list");
    let ann = s.ann.display().to_string();
    let expected = crosstalk::cli::commands::tags(&load(&s));
    assert_eq!(ok(&run(&["tags", &s.doc], &s.dir)), expected);
    assert_eq!(ok(&run(&["tags", "--annotations", &ann, &s.doc], &s.dir)), expected);
    assert_eq!(ok(&run(&["tags", &s.doc, "--annotations", &ann], &s.dir)), expected);
}
