//! `crosstalk autocode`, run as a user would: the built binary on a
//! conversation in a temp dir, its output, and the annotation file it
//! leaves (read back with the store, every quote checked against the text
//! at its positions).

#[path = "common/tmp.rs"]
mod tmp;

use std::path::PathBuf;
use std::process::{Command, Output};

use crosstalk::model::Conversation;
use crosstalk::model::annotations::Annotations;
use crosstalk::store;

const DOC: &str = r#"(
    id: "auto",
    title: "Auto-coding",
    subtitle: "",
    source: "",
    date: "2024",
    contributors: [
        (id: "li", name: "李明", affiliation: "", role: respondent),
        (id: "zoe", name: "Zoë", affiliation: "", role: respondent),
    ],
    sections: [
        (
            contributor: "li",
            paragraphs: [
                "数据安全很重要。The Ban is wrong. A ban on apps is a ban on speech.  ",
                "A family 👨‍👩‍👧‍👦 hates the ban. Naïve? Cafe\u{301} owners agree.",
            ],
        ),
        (
            contributor: "zoe",
            paragraphs: [
                "No BAN here? Yes: ban 禁止. Done.",
            ],
        ),
    ],
)
"#;

struct Setup {
    dir: tmp::TempDir,
    doc: PathBuf,
    ann: PathBuf,
}

fn setup(name: &str) -> Setup {
    let dir = tmp::TempDir::new(&format!("crosstalk-auto-{}-{name}", std::process::id()));
    let doc = dir.join("talk.ron");
    std::fs::write(&doc, DOC).expect("write doc");
    let ann = dir.join("talk.annotations.ron");
    Setup { dir, doc, ann }
}

fn run(s: &Setup, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_crosstalk"))
        .arg("autocode")
        .args(args)
        .arg(&s.doc)
        .env("HOME", &s.dir)
        .env("XDG_DATA_HOME", s.dir.join("data"))
        .env("USER", "tester")
        .output()
        .expect("run crosstalk")
}

fn ok(o: &Output) -> String {
    assert!(o.status.success(), "failed: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout.clone()).expect("utf-8")
}

fn err(o: &Output) -> String {
    assert!(!o.status.success(), "should fail: {}", String::from_utf8_lossy(&o.stdout));
    String::from_utf8(o.stderr.clone()).expect("utf-8")
}

fn doc(s: &Setup) -> Conversation {
    store::load_document(&s.doc).expect("doc")
}

/// The saved annotations, each quote checked against the text at its
/// positions; returns (contributor id, text) of every highlight with `tag`.
fn saved(s: &Setup, tag: &str) -> Vec<(String, String)> {
    let d = doc(s);
    let (a, report): (Annotations, _) =
        store::load_annotations(&s.ann, &d).expect("parses").expect("written");
    assert_eq!((report.moved, report.orphaned), (0, 0), "every highlight where it was saved");
    let mut out = Vec::new();
    for h in a.highlights() {
        let voice = &d.voices()[h.voice];
        assert_eq!(h.start.para, h.end.para);
        let p = d.paragraph(voice.paragraphs[h.start.para as usize]).text();
        let text = &p[h.start.byte as usize..h.end.byte as usize];
        assert_eq!(h.quote.exact, text, "quote is the text at its positions");
        assert_eq!(h.coder, "tester");
        if h.tags.iter().any(|t| t == tag) {
            out.push((d.contributors[voice.contributor].id.clone(), text.to_owned()));
        }
    }
    out
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect()
}

#[test]
fn plain_text_matches_ignore_case_and_twice_codes_nothing_new() {
    let s = setup("plain");
    let out = ok(&run(&s, &["--pattern", "ban", "--tag", "ban"]));
    assert!(out.contains("new         li   ¶1  “Ban”"), "{out}");
    assert!(out.contains("zoe  ¶1  “BAN”"), "{out}");
    assert!(out.contains("6 new highlights, 0 already coded, 6 matches"), "{out}");
    assert_eq!(
        saved(&s, "ban"),
        pairs(&[
            ("li", "Ban"),
            ("li", "ban"),
            ("li", "ban"),
            ("li", "ban"),
            ("zoe", "BAN"),
            ("zoe", "ban")
        ])
    );
    let bytes = std::fs::read(&s.ann).expect("file");
    let again = ok(&run(&s, &["--pattern", "ban", "--tag", "ban"]));
    assert!(again.contains("0 new highlights, 6 already coded, 6 matches"), "{again}");
    assert!(again.contains("nothing to write"), "{again}");
    assert_eq!(std::fs::read(&s.ann).expect("file"), bytes, "nothing written the second time");
    // The new tag got a colour no other tag has.
    let d = doc(&s);
    let (a, _) = store::load_annotations(&s.ann, &d).unwrap().unwrap();
    let colour = a.tag("ban").expect("created").color;
    assert_eq!(a.tags().iter().filter(|t| t.color == colour).count(), 1);
}

#[test]
fn case_and_regex() {
    let s = setup("regex");
    let out = ok(&run(&s, &["--pattern", "BAN", "--case", "--tag", "caps"]));
    assert!(out.contains("1 new highlight, 0 already coded, 1 match"), "{out}");
    assert_eq!(saved(&s, "caps"), pairs(&[("zoe", "BAN")]));
    // Combining marks and emoji stay whole in a regex match.
    let out =
        ok(&run(&s, &["--pattern", r"cafe\u{301}|family \S+|数据\w+", "--regex", "--tag", "re"]));
    assert!(out.contains("3 new highlights"), "{out}");
    assert_eq!(
        saved(&s, "re"),
        pairs(&[("li", "数据安全很重要"), ("li", "family 👨‍👩‍👧‍👦"), ("li", "Cafe\u{301}")])
    );
    // Plain text is not a regex: `.` is a dot.
    let out = ok(&run(&s, &["--pattern", "b.n", "--tag", "dot"]));
    assert!(out.contains("0 new highlights, 0 already coded, 0 matches"), "{out}");
}

#[test]
fn each_unit_and_the_contributor_filter() {
    let s = setup("units");
    let out = ok(&run(&s, &["--pattern", "ban", "--unit", "sentence", "--tag", "s"]));
    assert!(out.contains("5 new highlights, 0 already coded, 6 matches"), "{out}");
    assert_eq!(
        saved(&s, "s"),
        pairs(&[
            ("li", "The Ban is wrong."),
            ("li", "A ban on apps is a ban on speech."),
            ("li", "A family 👨‍👩‍👧‍👦 hates the ban."),
            ("zoe", "No BAN here?"),
            ("zoe", "Yes: ban 禁止."),
        ])
    );
    ok(&run(&s, &["--pattern", "ban", "--unit", "paragraph", "--tag", "p"]));
    assert_eq!(
        saved(&s, "p"),
        pairs(&[
            ("li", "数据安全很重要。The Ban is wrong. A ban on apps is a ban on speech."),
            ("li", "A family 👨‍👩‍👧‍👦 hates the ban. Naïve? Cafe\u{301} owners agree."),
            ("zoe", "No BAN here? Yes: ban 禁止. Done."),
        ])
    );
    let out = ok(&run(
        &s,
        &["--pattern", "ban", "--unit", "match", "--contributor", "zoe", "--tag", "z"],
    ));
    assert!(out.contains("2 new highlights, 0 already coded, 2 matches"), "{out}");
    assert!(!out.contains(" li "), "{out}");
    assert_eq!(saved(&s, "z"), pairs(&[("zoe", "BAN"), ("zoe", "ban")]));
    // An existing highlight on exactly the target gets the tag added.
    let out = ok(&run(
        &s,
        &["--pattern", "ban", "--unit", "paragraph", "--contributor", "zoe", "--tag", "z"],
    ));
    assert!(out.contains("tagged      zoe  ¶1"), "{out}");
    assert!(
        out.contains("0 new highlights, 1 existing highlight tagged, 0 already coded"),
        "{out}"
    );
    let e = err(&run(&s, &["--pattern", "ban", "--contributor", "nobody", "--tag", "z"]));
    assert!(e.contains("\"nobody\"") && e.contains("li, zoe"), "{e}");
}

#[test]
fn dry_run_writes_nothing() {
    let s = setup("dry");
    let out = ok(&run(&s, &["--pattern", "ban", "--tag", "t", "--dry-run"]));
    assert!(out.contains("would code"), "{out}");
    assert!(
        out.contains("6 new highlights, 0 already coded, 6 matches — dry run: nothing written"),
        "{out}"
    );
    assert!(!s.ann.exists(), "no file made");
    ok(&run(&s, &["--pattern", "wrong", "--tag", "t"]));
    let bytes = std::fs::read(&s.ann).expect("file");
    let out = ok(&run(&s, &["--pattern", "ban", "--tag", "t", "--unit", "paragraph", "--dry-run"]));
    assert!(out.contains("dry run: nothing written"), "{out}");
    assert_eq!(std::fs::read(&s.ann).expect("file"), bytes);
    assert!(!store::backup_path(&s.ann).exists(), "not even a backup");
}

#[test]
fn a_locked_file_is_refused() {
    let s = setup("lock");
    ok(&run(&s, &["--pattern", "wrong", "--tag", "t"]));
    let bytes = std::fs::read(&s.ann).expect("file");
    let lock = store::lock(&s.ann).expect("lock");
    let e = err(&run(&s, &["--pattern", "ban", "--tag", "t"]));
    assert!(e.contains("open in another crosstalk") && e.contains("nothing written"), "{e}");
    assert_eq!(std::fs::read(&s.ann).expect("file"), bytes);
    drop(lock);
    ok(&run(&s, &["--pattern", "ban", "--tag", "t"]));
    assert!(!store::lock_path(&s.ann).exists(), "its own lock released");
}

#[test]
fn a_broken_or_newer_file_is_left_as_it_is() {
    let s = setup("broken");
    let broken = "(\n    version: 1,\n    conversation: \"auto\",\n    tags: [ oops\n";
    std::fs::write(&s.ann, broken).expect("write");
    let e = err(&run(&s, &["--pattern", "ban", "--tag", "t"]));
    assert!(e.contains(&format!("{}:4:", s.ann.display())), "names line:column: {e}");
    assert_eq!(std::fs::read_to_string(&s.ann).expect("file"), broken, "byte-identical");
    assert!(!store::lock_path(&s.ann).exists());
    let newer = "(\n    version: 99,\n)\n";
    std::fs::write(&s.ann, newer).expect("write");
    let e = err(&run(&s, &["--pattern", "ban", "--tag", "t"]));
    assert!(e.contains(&s.ann.display().to_string()), "{e}");
    assert_eq!(std::fs::read_to_string(&s.ann).expect("file"), newer);
}

#[test]
fn an_invalid_regex_is_a_clear_error() {
    let s = setup("invalid");
    let o = run(&s, &["--pattern", "(ban", "--regex", "--tag", "t"]);
    let e = err(&o);
    assert!(e.contains("--pattern \"(ban\" is not a valid regular expression"), "{e}");
    assert!(!s.ann.exists());
    // The same text, not a regex, is fine.
    let out = ok(&run(&s, &["--pattern", "(ban", "--tag", "t"]));
    assert!(out.contains("0 matches"), "{out}");
    let e = err(&run(&s, &["--pattern", "", "--tag", "t"]));
    assert!(e.contains("--pattern is empty"), "{e}");
}

#[test]
fn help_lists_the_command_and_its_flags() {
    let s = setup("help");
    let o = Command::new(env!("CARGO_BIN_EXE_crosstalk"))
        .args(["autocode", "--help"])
        .env("HOME", &s.dir)
        .output()
        .expect("run");
    let help = ok(&o);
    for flag in [
        "--pattern",
        "--regex",
        "--case",
        "--tag",
        "--unit",
        "--contributor",
        "--dry-run",
        "--annotations",
    ] {
        assert!(help.contains(flag), "{flag}: {help}");
    }
}

#[test]
fn a_tag_name_with_a_tab_or_line_break_is_refused_and_nothing_written() {
    // It split the name in every export, and the REFI-QDA project made of
    // it could not be imported again (crosstalk's own importer refused it).
    let s = setup("control");
    for tag in ["a\tb", "two\nlines", "bell\u{7}"] {
        let e = err(&run(&s, &["--pattern", "ban", "--tag", tag]));
        assert!(e.contains("cannot hold a tab, a line break"), "{e}");
        assert!(!e.contains('\u{7}'), "the control is not echoed raw: {e:?}");
    }
    let e = err(&run(&s, &["--pattern", "ban", "--tag", "\u{200B}"]));
    assert!(e.contains("--tag is empty"), "{e}");
    assert!(!s.ann.exists());
}
