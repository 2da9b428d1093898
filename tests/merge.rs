//! `crosstalk merge A B … -o OUT` end to end: coders' files united, the
//! result opening like any annotation file with every coder in its exports;
//! and the git driver's refusals (`--git`), run directly.

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};

use common::cli::{run, stderr, stdout, temp};
use crosstalk::model::annotations::filemerge::CONFLICT_TAG;
use crosstalk::store;

const FIXTURE: &str = "tests/fixtures/bundled.annotations.ron";

fn fixture() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE)).expect("fixture")
}

/// `dir/NAME`: the fixture, coded further by `coder` with `pattern` → `tag`.
fn coded(dir: &Path, name: &str, coder: &str, pattern: &str, tag: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, fixture()).expect("write");
    let p = path.to_str().expect("utf-8");
    let args = ["autocode", "--pattern", pattern, "--tag", tag, "--unit", "sentence"];
    let o = run(&[&args[..], &["--annotations", p, "--coder", coder]].concat(), dir);
    assert!(o.status.success(), "{}", stderr(&o));
    path
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8")
}

#[test]
fn two_coders_unite_and_every_export_names_both() {
    let dir = temp("merge", "unite");
    let a = coded(&dir, "a.ron", "Ann", "security", "national-security claim");
    let b = coded(&dir, "b.ron", "Bob", "firewall", "censorship & surveillance");
    let team = dir.join("team.ron");
    let o = run(&["merge", s(&a), s(&b), "-o", s(&team)], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    let report = stdout(&o);
    assert!(report.contains("8 already in an earlier file"), "the shared fixture once: {report}");

    let doc = store::bundled().expect("bundled");
    let load = |p: &Path| store::load_annotations(p, &doc).expect("loads").expect("exists").0;
    let (ann, bob, united) = (load(&a), load(&b), load(&team));
    assert_eq!(united.highlights().len(), ann.highlights().len() + bob.highlights().len() - 8);
    for h in ann.highlights().iter().chain(bob.highlights()) {
        let same = united.highlights().iter().any(|u| {
            (u.voice, u.start, u.end, &u.tags, &u.coder)
                == (h.voice, h.start, h.end, &h.tags, &h.coder)
        });
        assert!(same, "{} by {} is in the united file", h.id, h.coder);
    }
    assert!(united.tag(CONFLICT_TAG).is_none());

    // Every export carries each coder.
    let export = |format: &str, out: Option<&Path>| {
        let mut args = vec!["export", "--format", format, "--annotations", s(&team)];
        if let Some(out) = out {
            args.extend(["-o", s(out)]);
        }
        let o = run(&args, &dir);
        assert!(o.status.success(), "{}", stderr(&o));
        stdout(&o)
    };
    let csv = export("csv", None);
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let coder =
        rows.headers().expect("header").iter().position(|h| h == "coder").expect("coder column");
    let coders: Vec<String> = rows.records().map(|r| r.expect("row")[coder].to_owned()).collect();
    assert!(coders.iter().any(|c| c == "Ann") && coders.iter().any(|c| c == "Bob"));
    let json: serde_json::Value = serde_json::from_str(&export("json", None)).expect("json");
    let creators = json.to_string();
    for name in ["Ann", "Bob"] {
        assert!(creators.contains(&format!(r#""creator":{{"name":"{name}","type":"Person"}}"#)));
    }
    let qdpx = dir.join("team.qdpx");
    export("qdpx", Some(&qdpx));
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&qdpx).expect("qdpx")).expect("zip");
    let mut qde = String::new();
    zip.by_name("project.qde").expect("qde").read_to_string(&mut qde).expect("read");
    let users = &qde[qde.find("<Users>").expect("<Users>")..qde.find("</Users>").expect("end")];
    for name in ["Ann", "Bob"] {
        let at = users.find(&format!(r#"name="{name}""#)).expect("a User per coder");
        let guid_at = users[..at].rfind(r#"guid=""#).expect("guid") + 6;
        let guid = &users[guid_at..guid_at + 36];
        assert!(qde.contains(&format!(r#"creatingUser="{guid}""#)), "{name} created codings");
    }
}

#[test]
fn out_is_not_overwritten_without_force_and_nothing_is_written_on_error() {
    let dir = temp("merge", "refusals");
    let a = coded(&dir, "a.ron", "Ann", "security", "national-security claim");
    let b = coded(&dir, "b.ron", "Bob", "firewall", "censorship & surveillance");
    let team = dir.join("team.ron");
    std::fs::write(&team, "precious").expect("write");
    let o = run(&["merge", s(&a), s(&b), "-o", s(&team)], &dir);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("--force"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&team).expect("read"), "precious");
    let o = run(&["merge", s(&a), s(&b), "-o", s(&team), "--force"], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(store::backup_path(&team)).expect("bak"), "precious");

    // A missing file, a broken one: an error naming it, nothing written.
    let out = dir.join("none.ron");
    let o = run(&["merge", s(&a), "missing.ron", "-o", s(&out)], &dir);
    assert!(stderr(&o).contains("missing.ron"), "{}", stderr(&o));
    let broken = dir.join("broken.ron");
    std::fs::write(&broken, fixture().replacen("tags: [", "tags: [[", 1)).expect("write");
    let o = run(&["merge", s(&a), s(&broken), "-o", s(&out)], &dir);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("broken.ron:5:"), "file:line:column: {}", stderr(&o));
    assert!(out.symlink_metadata().is_err(), "nothing written");
    // One file named twice (another way) is one coder, not two agreeing.
    let again = dir.join(".").join("a.ron");
    for args in [vec!["merge", s(&a), s(&again), "-o", s(&out)], vec!["agree", s(&a), s(&again)]] {
        let o = run(&args, &dir);
        assert!(!o.status.success(), "{args:?}");
        assert!(stderr(&o).contains("are one file: name each coder's file once"), "{}", stderr(&o));
    }
    assert!(out.symlink_metadata().is_err(), "nothing written");
}

#[test]
fn files_of_two_conversations_are_refused() {
    let dir = temp("merge", "conversations");
    let a = coded(&dir, "a.ron", "Ann", "security", "national-security claim");
    let other = dir.join("other.annotations.ron");
    std::fs::write(&other, fixture().replace("technical-difficulties", "another-talk"))
        .expect("write");
    let out = dir.join("team.ron");
    let o = run(&["merge", s(&a), s(&other), "-o", s(&out)], &dir);
    assert!(!o.status.success());
    let e = stderr(&o);
    assert!(e.contains("other.annotations.ron") && e.contains("one conversation"), "{e}");
    assert!(out.symlink_metadata().is_err(), "nothing written");
}

#[test]
fn tag_clashes_are_listed_and_prefer_picks_the_winner() {
    let dir = temp("merge", "prefer");
    let a = coded(&dir, "a.ron", "Ann", "security", "national-security claim");
    let b = dir.join("b.ron");
    std::fs::write(&b, fixture().replace("#4E79A7", "#000000")).expect("write");
    let out = dir.join("team.ron");
    let o = run(&["merge", s(&a), s(&b), "-o", s(&out)], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    // Another colour alone is said in a line, not listed as a clash: two
    // coders' new tags take the palette's colours in the order made.
    let said = stdout(&o);
    assert!(
        said.contains(
            "tags of b.ron coloured otherwise (the first kept): risk-mitigation proposal"
        ),
        "{said}"
    );
    assert!(said.contains("0 tag clashes, 1 tag coloured otherwise"), "{said}");
    assert!(!said.contains("clash     "), "{said}");
    assert!(std::fs::read_to_string(&out).expect("read").contains("#4E79A7"), "first wins");
    // Another description is a clash, listed with what differs.
    let c = dir.join("c.ron");
    std::fs::write(&c, fixture().replace("Proposes a concrete way", "Any way")).expect("write");
    let o = run(&["merge", s(&a), s(&c), "-o", s(&out), "--force"], &dir);
    let said = stdout(&o);
    assert!(said.contains("clash     risk-mitigation proposal"), "{said}");
    assert!(said.contains("1 tag clash") && !said.contains("coloured otherwise"), "{said}");
    let o = run(&["merge", s(&a), s(&b), "-o", s(&out), "--force", "--prefer", s(&b)], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&out).expect("read");
    assert!(text.contains("#000000") && !text.contains("#4E79A7"), "--prefer b.ron wins");
    let o = run(&["merge", s(&a), s(&b), "-o", s(&out), "--force", "--prefer", "c.ron"], &dir);
    assert!(stderr(&o).contains("not one of the files"), "{}", stderr(&o));
}

#[test]
fn a_file_for_an_older_text_is_re_anchored() {
    let dir = temp("merge", "older");
    let a = coded(&dir, "a.ron", "Ann", "security", "national-security claim");
    // Written for another text: its first highlight is a paragraph off.
    let old = fixture().replacen("sha256:b6501411", "sha256:00000000", 1).replacen(
        "paragraph: 1,",
        "paragraph: 2,",
        2,
    );
    let b = dir.join("b.ron");
    std::fs::write(&b, old).expect("write");
    let out = dir.join("team.ron");
    let o = run(&["merge", s(&a), s(&b), "-o", s(&out)], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("the text changed since"), "{}", stderr(&o));
    let doc = store::bundled().expect("bundled");
    let (_, report) = store::load_annotations(&out, &doc).expect("loads").expect("exists");
    assert_eq!((report.moved, report.orphaned), (0, 0), "written for the text as it is");
}

#[test]
fn the_git_driver_leaves_ours_alone_on_input_it_cannot_read() {
    let dir = temp("merge", "git-bad");
    let (base, ours, theirs) = (dir.join("base"), dir.join("ours"), dir.join("theirs"));
    std::fs::write(&base, fixture()).expect("write");
    std::fs::write(&ours, fixture().replace("Hoffman’s core proposal", "Our reading"))
        .expect("write");
    std::fs::write(&theirs, "(version: 1, conversation: ").expect("write");
    let before = std::fs::read(&ours).expect("read");
    let o = run(&["merge", "--git", s(&base), s(&ours), s(&theirs), "talk.annotations.ron"], &dir);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("talk.annotations.ron (theirs):1:"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&ours).expect("read"), before, "OURS untouched");

    // An empty BASE (both branches added the file) merges.
    std::fs::write(&base, "").expect("write");
    std::fs::write(&theirs, fixture()).expect("write");
    let o = run(&["merge", "--git", s(&base), s(&ours), s(&theirs)], &dir);
    // Both added the highlight whose note ours changed: a conflict, kept twice.
    assert!(!o.status.success());
    assert!(stderr(&o).contains("1 highlight changed differently"), "{}", stderr(&o));
    let text = std::fs::read_to_string(&ours).expect("read");
    let doc = store::bundled().expect("bundled");
    let (merged, _) = store::parse_annotations(&text, "merged", &doc).expect("the merge parses");
    assert_eq!(merged.count(CONFLICT_TAG), 2);
    assert_eq!(merged.highlights().len(), 9);
}

/// A link to make: from (voice, word), to (voice, word), relation, coder,
/// the number its ids are made from.
type Made<'a> = ((usize, usize), (usize, usize), &'a str, &'a str, u32);

/// `dir/NAME`: the fixture with `links` made through the model.
fn linked(dir: &Path, name: &str, links: &[Made<'_>]) -> PathBuf {
    use common::links::{link, word};
    let doc = store::bundled().expect("bundled");
    let path = dir.join(name);
    std::fs::write(&path, fixture()).expect("write");
    let (mut a, _) = store::load_annotations(&path, &doc).expect("loads").expect("exists");
    for &((fv, fw), (tv, tw), relation, coder, n) in links {
        let ends = (word(&doc, fv, fw), word(&doc, tv, tw));
        link(&doc, &mut a, ends, relation, coder, n);
    }
    store::save_snapshot(&path, &a.snapshot(), &doc).expect("saved");
    path
}

#[test]
fn uniting_files_with_links_keeps_every_link_its_ends_following_renamed_highlights() {
    let dir = temp("merge", "links");
    let (seiff, ku, wang, webster) = (0, 2, 3, 4);
    let a = linked(
        &dir,
        "a.ron",
        &[((ku, 0), (seiff, 0), "answers", "Ann", 1), ((wang, 0), (ku, 1), "rebuts", "Ann", 2)],
    );
    // Bob's file has Ann's first link too (a copy of her file's), and
    // another link whose id and new ends' ids are those of Ann's second.
    let b = linked(
        &dir,
        "b.ron",
        &[
            ((ku, 0), (seiff, 0), "answers", "Ann", 1),
            ((webster, 0), (seiff, 1), "supports", "Bob", 2),
        ],
    );
    let team = dir.join("team.ron");
    let o = run(&["merge", s(&a), s(&b), "-o", s(&team)], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    let report = stdout(&o);
    assert!(report.contains("2 links, 1 already in an earlier file"), "{report}");
    assert!(report.contains("another link has its id"), "{report}");
    assert!(report.contains("another highlight has its id"), "{report}");
    assert!(report.contains("3 links, 0 relation clashes"), "{report}");

    // The result loads (every end and relation checked) and has every link.
    let doc = store::bundled().expect("bundled");
    let load = |p: &Path| store::load_annotations(p, &doc).expect("loads").expect("exists").0;
    let united = load(&team);
    assert_eq!(united.links().len(), 3);
    let said = |a: &crosstalk::model::annotations::Annotations| {
        a.links()
            .iter()
            .map(|l| {
                let end = |id: &str| {
                    let h = a.highlight(id).expect("an end");
                    (h.voice, h.start, h.end, h.coder.clone())
                };
                (end(&l.from), end(&l.to), l.relation.clone(), l.coder.clone())
            })
            .collect::<Vec<_>>()
    };
    let all = said(&united);
    for file in [&a, &b] {
        for l in said(&load(file)) {
            assert!(all.contains(&l), "{l:?} of {} is in the united file", file.display());
        }
    }
    // The united file's links count in the stats.
    let o = run(&["stats", "--links", "--annotations", s(&team)], &dir);
    assert!(stdout(&o).contains("3 links between passages"), "{}", stdout(&o));
}

#[test]
fn the_git_driver_names_a_tag_both_branches_renamed_differently() {
    // `human-rights framing`, tag and uses, is `rights` on one branch and
    // `liberties` on the other: both kept, and git's output says so.
    let dir = temp("merge", "git-rename-clash");
    let (base, ours, theirs) = (dir.join("base"), dir.join("ours"), dir.join("theirs"));
    let old = "\"human-rights framing\"";
    std::fs::write(&base, fixture()).expect("write");
    std::fs::write(&ours, fixture().replace(old, "\"rights\"")).expect("write");
    std::fs::write(&theirs, fixture().replace(old, "\"liberties\"")).expect("write");
    let o = run(&["merge", "--git", s(&base), s(&ours), s(&theirs), "talk.annotations.ron"], &dir);
    let said = stderr(&o);
    assert!(
        said.contains(
            "both branches renamed tag \"human-rights framing\", ours to \"rights\" and theirs to \"liberties\""
        ),
        "{said}"
    );
    let text = std::fs::read_to_string(&ours).expect("read");
    assert!(text.contains("\"rights\"") && text.contains("\"liberties\""), "both names kept");
}
