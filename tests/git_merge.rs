//! `crosstalk merge --git` as git's merge driver, with real git: two
//! coders on two branches, merged without conflict markers; and the same
//! highlight changed on both branches, reported as a conflict with both
//! versions kept in a file that still loads.
//!
//! Without `git` the tests print SKIPPED (and fail under CI=true).

mod common;

use std::path::Path;
use std::process::{Command, Output};
use std::sync::Arc;

use common::cli::{run, stderr, temp};
use common::tmp::TempDir;
use crosstalk::model::annotations::filemerge::CONFLICT_TAG;
use crosstalk::model::annotations::{Annotations, Highlight};
use crosstalk::store;

const FILE: &str = "talk.annotations.ron";

fn has_git() -> bool {
    if Command::new("git").arg("--version").output().is_ok_and(|o| o.status.success()) {
        return true;
    }
    assert!(std::env::var("CI").as_deref() != Ok("true"), "git is needed under CI");
    common::tmp::skipped(format_args!("git is not installed"));
    false
}

/// `git args…` in `repo`, with no user or system configuration.
fn git(repo: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .args(args)
        .current_dir(repo)
        .env("HOME", repo)
        .env("XDG_CONFIG_HOME", repo.join(".config"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "test")
        .env("GIT_AUTHOR_EMAIL", "test@example.org")
        .env("GIT_COMMITTER_NAME", "test")
        .env("GIT_COMMITTER_EMAIL", "test@example.org")
        .output()
        .expect("run git")
}

fn ok(repo: &Path, args: &[&str]) -> String {
    let o = git(repo, args);
    assert!(o.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A repository on branch `main` holding the fixture as `FILE`, with the
/// driver configured to the built binary, committed.
fn repo(name: &str) -> TempDir {
    let dir = temp("git-merge", name);
    ok(&dir, &["init", "-q"]);
    ok(&dir, &["symbolic-ref", "HEAD", "refs/heads/main"]);
    // As the README has it: with git's labels for the sides (git 2.44 and
    // later; an older git passes `%X` as it is, and the notes say only
    // ours and theirs).
    let driver = format!("'{}' merge --git %O %A %B %P %X %Y", env!("CARGO_BIN_EXE_crosstalk"));
    ok(&dir, &["config", "merge.crosstalk.name", "crosstalk annotation files"]);
    ok(&dir, &["config", "merge.crosstalk.driver", &driver]);
    std::fs::write(dir.join(".gitattributes"), "*.annotations.ron merge=crosstalk\n")
        .expect("write");
    std::fs::write(dir.join(".gitignore"), "*.bak\n*.lock\n").expect("write");
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bundled.annotations.ron");
    std::fs::copy(fixture, dir.join(FILE)).expect("copy");
    ok(&dir, &["add", "."]);
    ok(&dir, &["commit", "-qm", "start"]);
    dir
}

/// Codes `pattern` as `tag` by `coder`, with the binary, and commits.
fn code(repo: &Path, coder: &str, pattern: &str, tag: &str) {
    let file = repo.join(FILE);
    let args = ["autocode", "--pattern", pattern, "--tag", tag, "--unit", "sentence"];
    let o = run(
        &[&args[..], &["--annotations", file.to_str().expect("utf-8"), "--coder", coder]].concat(),
        repo,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    ok(repo, &["commit", "-qam", &format!("{coder} codes {pattern}")]);
}

fn load(repo: &Path) -> (String, Annotations) {
    let text = std::fs::read_to_string(repo.join(FILE)).expect("read");
    let doc = store::bundled().expect("bundled");
    let (a, _) = store::load_annotations(&repo.join(FILE), &doc).expect("loads").expect("exists");
    (text, a)
}

#[test]
fn two_coders_on_two_branches_merge_cleanly() {
    if !has_git() {
        return;
    }
    let repo = repo("clean");
    let (_, start) = load(&repo);
    ok(&repo, &["checkout", "-qb", "ann"]);
    code(&repo, "Ann", "security", "national-security claim");
    let (_, ann) = load(&repo);
    ok(&repo, &["checkout", "-q", "main"]);
    code(&repo, "Bob", "firewall", "censorship & surveillance");
    let (_, bob) = load(&repo);
    let merge = git(&repo, &["merge", "-q", "--no-edit", "ann"]);
    assert!(merge.status.success(), "{}", String::from_utf8_lossy(&merge.stderr));
    let (text, merged) = load(&repo);
    assert!(!text.contains("<<<<<<<") && !text.contains(">>>>>>>"));
    let new = |a: &Annotations| a.highlights().len() - start.highlights().len();
    assert!(new(&ann) > 0 && new(&bob) > 0);
    assert_eq!(merged.highlights().len(), start.highlights().len() + new(&ann) + new(&bob));
    for coder in ["Ann", "Bob"] {
        assert!(merged.highlights().iter().any(|h| h.coder == coder), "{coder}'s highlights");
    }
    assert!(merged.tag(CONFLICT_TAG).is_none());
    // What git committed is what crosstalk writes: a save changes nothing.
    let doc = store::bundled().expect("bundled");
    assert_eq!(store::annotations_to_ron(&merged.snapshot(), &doc).expect("ron"), text);
    assert!(ok(&repo, &["status", "--porcelain"]).is_empty());
}

/// Changes the note of the highlight `id` with the crate's API, and commits.
fn note(repo: &Path, id: &str, text: &str) {
    let (_, a) = load(repo);
    let mut snapshot = a.snapshot();
    let h = snapshot.highlights.iter_mut().find(|h| h.id == id).expect("the highlight");
    *h = Arc::new(Highlight { note: text.into(), ..(**h).clone() });
    let doc = store::bundled().expect("bundled");
    let ron = store::annotations_to_ron(&snapshot, &doc).expect("ron");
    store::save(&repo.join(FILE), &ron).expect("save");
    ok(repo, &["commit", "-qam", text]);
}

#[test]
fn one_highlight_changed_on_both_branches_is_a_conflict_with_both_kept() {
    if !has_git() {
        return;
    }
    let repo = repo("conflict");
    let (_, start) = load(&repo);
    let id = start.highlights()[0].id.clone();
    ok(&repo, &["checkout", "-qb", "ann"]);
    note(&repo, &id, "Ann reads it as a threat");
    ok(&repo, &["checkout", "-q", "main"]);
    note(&repo, &id, "Bob reads it as a bargain");
    let merge = git(&repo, &["merge", "--no-edit", "ann"]);
    assert!(!merge.status.success(), "git reports the conflict");
    let said = String::from_utf8_lossy(&merge.stdout);
    assert!(said.contains("CONFLICT"), "{said}");
    // The driver's report names the highlight: which passage to look at.
    let told = String::from_utf8_lossy(&merge.stderr);
    let words: Vec<&str> = start.highlights()[0].quote.exact.split_whitespace().take(3).collect();
    let h = &start.highlights()[0];
    let voice = &store::bundled().expect("bundled").contributors[h.voice].id;
    assert!(told.contains(&format!("highlight {id} ({voice}, ¶{})", h.start.para + 1)), "{told}");
    assert!(told.contains(&format!("“{}", words.join(" "))), "{told}");
    assert!(!told.contains("0 tag conflicts"), "only what happened: {told}");
    assert!(ok(&repo, &["status", "--porcelain"]).contains(&format!("UU {FILE}")));
    let (text, merged) = load(&repo);
    assert!(!text.contains("<<<<<<<"));
    assert_eq!(merged.highlights().len(), start.highlights().len() + 1);
    let marked: Vec<&str> = merged
        .highlights()
        .iter()
        .filter(|h| h.tags.iter().any(|t| t == CONFLICT_TAG))
        .map(|h| h.note.as_str())
        .collect();
    assert_eq!(marked.len(), 2, "{marked:?}");
    assert!(
        marked
            .iter()
            .any(|n| n.ends_with("[merge conflict: this is ours (HEAD, the branch merged into)]"))
    );
    assert!(
        marked
            .iter()
            .any(|n| n.starts_with("Bob reads it as a bargain\n[merge conflict: this is ours"))
    );
    assert!(
        marked
            .iter()
            .any(|n| n.starts_with("Ann reads it as a threat\n[merge conflict: this is theirs"))
    );
    assert!(
        marked.iter().any(|n| n.ends_with("this is theirs (ann, the branch merged in)]")),
        "whose: git's name for the branch merged in ({marked:?})"
    );
    assert_eq!(
        merged.highlight(&id).map(|h| h.note.starts_with("Bob")),
        Some(true),
        "ours keeps the id"
    );
    let copy = merged
        .highlights()
        .iter()
        .find(|h| h.note.starts_with("Ann"))
        .map(|h| h.id.clone())
        .expect("their copy");
    assert!(told.contains(&format!("(theirs kept as {copy})")), "names their copy's id: {told}");
    assert!(merged.tag(CONFLICT_TAG).is_some_and(|t| !t.description.is_empty()));
}

#[test]
fn a_tag_renamed_on_one_branch_takes_the_other_branchs_new_uses_along() {
    if !has_git() {
        return;
    }
    let repo = repo("rename");
    let (old, new) = ("national-security claim", "security claim");
    // Ann renames the tag (as the tag manager's rename writes it: the
    // definition and every use).
    ok(&repo, &["checkout", "-qb", "ann"]);
    let text = std::fs::read_to_string(repo.join(FILE)).expect("read");
    assert!(text.contains(&format!("{old:?}")));
    std::fs::write(repo.join(FILE), text.replace(&format!("{old:?}"), &format!("{new:?}")))
        .expect("write");
    ok(&repo, &["commit", "-qam", "rename"]);
    // Bob, meanwhile, codes more passages with the old name.
    ok(&repo, &["checkout", "-q", "main"]);
    code(&repo, "Bob", "security", old);
    let (_, bob) = load(&repo);
    let bobs = bob.highlights().iter().filter(|h| h.coder == "Bob").count();
    assert!(bobs > 0);
    let merge = git(&repo, &["merge", "-q", "--no-edit", "ann"]);
    assert!(merge.status.success(), "{}", String::from_utf8_lossy(&merge.stderr));
    assert!(
        String::from_utf8_lossy(&merge.stderr)
            .contains(&format!("tag {old:?} is now {new:?} on both branches")),
        "{}",
        String::from_utf8_lossy(&merge.stderr)
    );
    let (_, merged) = load(&repo);
    assert!(merged.tag(old).is_none(), "one code, not two");
    assert!(merged.tag(new).is_some());
    assert_eq!(merged.highlights().len(), bob.highlights().len());
    let follow = merged.highlights().iter().filter(|h| h.coder == "Bob");
    assert!(
        follow.clone().count() == bobs && follow.clone().all(|h| h.tags.iter().any(|t| t == new))
    );
    assert!(merged.highlights().iter().all(|h| !h.tags.iter().any(|t| t == old)));
}

/// One coder still on a build that made ids from names otherwise (before 5
/// December 2026: `Nguyễn Văn An` was `nguy-n-van-an`, now `nguyen-van-an`),
/// the other on today's, whose first save wrote today's ids: the merge
/// reads both with today's ids (by the conversation beside the file), so
/// the merged file opens as it is, every highlight in its voice.
#[test]
fn a_coder_on_an_earlier_build_and_one_on_today_s_merge_into_today_s_ids() {
    if !has_git() {
        return;
    }
    let repo = repo("earlier-build");
    let (doc, file) = ("Phỏng vấn Ștefan.txt", "Phỏng vấn Ștefan.annotations.ron");
    std::fs::write(repo.join(doc), include_str!("fixtures/earlier-build.txt")).expect("write");
    let earlier = include_str!("fixtures/earlier-build.annotations.ron");
    std::fs::write(repo.join(file), earlier).expect("write");
    ok(&repo, &["add", "."]);
    ok(&repo, &["commit", "-qm", "an interview, coded with an earlier build"]);
    // Ann has today's build: coding saves the file with today's ids.
    ok(&repo, &["checkout", "-qb", "ann"]);
    let path = repo.join(doc);
    let path = path.to_str().expect("utf-8");
    let args = ["autocode", path, "--pattern", "vui", "--tag", "feeling", "--coder", "Ann"];
    let o = run(&args, &repo);
    assert!(o.status.success(), "{}", stderr(&o));
    let ann = std::fs::read_to_string(repo.join(file)).expect("read");
    assert!(ann.contains("\"nguyen-van-an\"") && !ann.contains("\"nguy-n-van-an\""), "{ann}");
    ok(&repo, &["commit", "-qam", "Ann codes"]);
    // Bob's build still writes the earlier ids: a highlight of his own on
    // An's question, as that build saves it.
    ok(&repo, &["checkout", "-q", "main"]);
    let bobs = earlier.replacen(
        "    ],\n)",
        "        (\n            id: \"b0b0b0b0-0000-4000-8000-000000000003\",\n            \
         contributor: \"nguy-n-van-an\",\n            start: (paragraph: 2, char: 0),\n            \
         end: (paragraph: 2, char: 14),\n            quote: \"Chị nghĩ gì về\",\n            \
         prefix: \"\",\n            suffix: \" lệnh cấm\",\n            tags: [\"greeting\"],\n            \
         note: \"\",\n            coder: \"Bob\",\n            created: \"2026-12-05T10:00:00Z\",\n            \
         modified: \"2026-12-05T10:00:00Z\",\n        ),\n    ],\n)",
        1,
    );
    assert_ne!(bobs, earlier);
    std::fs::write(repo.join(file), &bobs).expect("write");
    ok(&repo, &["commit", "-qam", "Bob codes"]);
    let merge = git(&repo, &["merge", "-q", "--no-edit", "ann"]);
    let told = String::from_utf8_lossy(&merge.stderr);
    assert!(merge.status.success(), "{told}");
    assert!(told.contains("earlier build"), "says what it did: {told}");
    let text = std::fs::read_to_string(repo.join(file)).expect("read");
    for old in ["ph-ng-v-n-tefan", "nguy-n-van-an", "tr-n-th-tefan"] {
        assert!(!text.contains(old), "{old}: {text}");
    }
    // Opened as it is (no earlier build needed to read it), nothing lost.
    let doc = store::load_document(&repo.join(doc)).expect("imports");
    let quick = store::parse_annotation_file(&text, file).expect("parses");
    let ids: std::collections::BTreeSet<&str> =
        quick.highlights.iter().map(|h| h.contributor.as_str()).collect();
    assert_eq!(ids, ["nguyen-van-an", "tran-thi-stefan"].into());
    assert_eq!(quick.conversation, doc.id);
    let (merged, report) =
        store::load_annotations(&repo.join(file), &doc).expect("opens").expect("exists");
    assert_eq!(report.orphaned, 0);
    let placed: Vec<(usize, &str, &str)> = merged
        .highlights()
        .iter()
        .map(|h| (h.voice, h.quote.exact.as_str(), h.coder.as_str()))
        .collect();
    for want in
        [(0, "Xin chào", "anonymous"), (1, "Cảm ơn anh", "anonymous"), (0, "Chị nghĩ gì về", "Bob")]
    {
        assert!(placed.contains(&want), "{want:?} in {placed:?}");
    }
    assert!(placed.iter().any(|(voice, _, coder)| *voice == 1 && *coder == "Ann"), "{placed:?}");
    assert!(merged.tag(CONFLICT_TAG).is_none(), "{placed:?}");
}

/// The same autocode run on two branches, then a merge: clean, each
/// coding once (git's output says how many were kept once); and a tag's
/// colour changed on one branch, its description on the other: both kept.
#[test]
fn the_same_autocode_on_two_branches_merges_cleanly_once() {
    if !has_git() {
        return;
    }
    let repo = repo("alike");
    ok(&repo, &["checkout", "-qb", "ann"]);
    code(&repo, "auto", "privacy", "privacy & data protection");
    let (_, ann) = load(&repo);
    ok(&repo, &["checkout", "-q", "main"]);
    code(&repo, "auto", "privacy", "privacy & data protection");
    let merge = git(&repo, &["merge", "-q", "--no-edit", "ann"]);
    let told = String::from_utf8_lossy(&merge.stderr);
    assert!(merge.status.success(), "{told}");
    assert!(told.contains("both branches added alike"), "{told}");
    let (_, merged) = load(&repo);
    assert_eq!(merged.highlights().len(), ann.highlights().len(), "each coding once");
    assert!(merged.tag(CONFLICT_TAG).is_none());

    let name = "national-security claim";
    let edit = |repo: &Path, from: &str, to: &str| {
        let text = std::fs::read_to_string(repo.join(FILE)).expect("read");
        assert!(text.contains(from), "{from}");
        std::fs::write(repo.join(FILE), text.replacen(from, to, 1)).expect("write");
    };
    let (_, start) = load(&repo);
    let tag = start.tag(name).expect("the tag").clone();
    ok(&repo, &["checkout", "-qb", "colour"]);
    let color = format!("{:?}", tag.color.to_string());
    edit(
        &repo,
        &format!("name: {name:?},\n            color: {color}"),
        &format!("name: {name:?},\n            color: \"#123456\""),
    );
    ok(&repo, &["commit", "-qam", "colour"]);
    ok(&repo, &["checkout", "-q", "main"]);
    let described =
        format!("name: {name:?},\n            color: {color},\n            description: ");
    let text = std::fs::read_to_string(repo.join(FILE)).expect("read");
    let at = text.find(&described).expect("the tag's definition") + described.len();
    let end = at + text[at..].find(",\n").expect("its end");
    std::fs::write(
        repo.join(FILE),
        format!("{}\"Ben: claims of risk\"{}", &text[..at], &text[end..]),
    )
    .expect("write");
    ok(&repo, &["commit", "-qam", "description"]);
    let merge = git(&repo, &["merge", "-q", "--no-edit", "colour"]);
    assert!(merge.status.success(), "{}", String::from_utf8_lossy(&merge.stderr));
    let (_, merged) = load(&repo);
    let t = merged.tag(name).expect("the tag");
    assert_eq!(
        (t.color.to_string().as_str(), t.description.as_str()),
        ("#123456", "Ben: claims of risk")
    );
}

/// A side that names ids no one earlier build explains (today's and an
/// earlier build's mixed), against a side an earlier build wrote: merged,
/// they would make a file no build reads. The driver refuses, saying
/// which, and leaves ours as it was.
#[test]
fn sides_whose_ids_no_one_build_explains_are_refused() {
    let dir = temp("git-merge", "mixed-ids");
    let (doc, file) = ("Phỏng vấn Ștefan.txt", "Phỏng vấn Ștefan.annotations.ron");
    std::fs::write(dir.join(doc), include_str!("fixtures/earlier-build.txt")).expect("write");
    let earlier = include_str!("fixtures/earlier-build.annotations.ron");
    let mixed = earlier.replace("\"nguy-n-van-an\"", "\"nguyen-van-an\"");
    let ours_text = earlier.replace("note: \"\",", "note: \"mine\",");
    let (base, ours, theirs) = (dir.join("base.ron"), dir.join("ours.ron"), dir.join("theirs.ron"));
    for (path, text) in [(&base, earlier), (&ours, ours_text.as_str()), (&theirs, mixed.as_str())] {
        std::fs::write(path, text).expect("write");
    }
    let at = dir.join(file);
    let s = |p: &Path| p.to_str().expect("utf-8").to_owned();
    let o = run(&["merge", "--git", &s(&base), &s(&ours), &s(&theirs), &s(&at)], &dir);
    assert!(!o.status.success());
    let told = stderr(&o);
    assert!(
        told.contains("theirs names speakers no one earlier build of crosstalk explains"),
        "{told}"
    );
    assert!(told.contains("left as it was"), "{told}");
    assert_eq!(std::fs::read_to_string(&ours).expect("read"), ours_text, "ours untouched");
}

#[test]
fn new_tags_two_branches_made_in_one_colour_are_told_apart() {
    if !has_git() {
        return;
    }
    let repo = repo("colours");
    // Each coder makes a tag of their own: each takes the first colour
    // free on their branch, the same one.
    ok(&repo, &["checkout", "-qb", "ann"]);
    code(&repo, "Ann", "security", "hope");
    let (_, ann) = load(&repo);
    ok(&repo, &["checkout", "-q", "main"]);
    code(&repo, "Bob", "firewall", "fear");
    let (_, bob) = load(&repo);
    let color = |a: &Annotations, name: &str| a.tag(name).expect("the tag").color;
    assert_eq!(color(&ann, "hope"), color(&bob, "fear"), "the clash this test is about");
    let merge = git(&repo, &["merge", "-q", "--no-edit", "ann"]);
    let said = String::from_utf8_lossy(&merge.stderr);
    assert!(merge.status.success(), "{said}");
    let (_, merged) = load(&repo);
    assert_ne!(color(&merged, "hope"), color(&merged, "fear"));
    assert_eq!(color(&merged, "fear"), color(&bob, "fear"), "earlier by name: kept");
    let others = merged.tags().iter().filter(|t| t.name != "hope").map(|t| t.color);
    assert!(!others.collect::<Vec<_>>().contains(&color(&merged, "hope")), "a colour of its own");
    assert!(said.contains("tag \"hope\" and tag \"fear\" came to share one colour"), "{said}");
}

#[test]
fn a_side_that_cannot_be_read_leaves_ours_and_says_what_to_do() {
    if !has_git() {
        return;
    }
    let repo = repo("unreadable");
    ok(&repo, &["checkout", "-qb", "ann"]);
    let text = std::fs::read_to_string(repo.join(FILE)).expect("read");
    std::fs::write(repo.join(FILE), &text[..3000]).expect("cut off");
    ok(&repo, &["commit", "-qam", "cut off"]);
    ok(&repo, &["checkout", "-q", "main"]);
    code(&repo, "Bob", "firewall", "censorship & surveillance");
    let (ours, _) = load(&repo);
    let merge = git(&repo, &["merge", "-q", "--no-edit", "ann"]);
    let said = String::from_utf8_lossy(&merge.stderr);
    assert!(!merge.status.success());
    assert!(said.contains(&format!("{FILE} (theirs):")), "names the side: {said}");
    assert!(said.contains(&format!("To keep ours: `git add :/{FILE}`")), "{said}");
    assert!(!said.contains("--theirs"), "theirs is the broken one: {said}");
    // The advice works: ours as it was, and it loads.
    assert_eq!(std::fs::read_to_string(repo.join(FILE)).expect("read"), ours);
    // From a folder of the repository, as the advice is written for.
    std::fs::create_dir(repo.join("notes")).expect("a folder");
    ok(&repo, &["-C", "notes", "add", &format!(":/{FILE}")]);
    ok(&repo, &["commit", "-qm", "kept ours"]);
    assert_eq!(load(&repo).0, ours);
}
