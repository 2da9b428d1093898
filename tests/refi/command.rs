//! 5. The command: listing, choosing sources, where files go, --force.

use super::*;

#[test]
fn the_command_lists_picks_sources_and_never_overwrites_unasked() {
    let dir = temp("refi", "command");
    let project = dir.join("tiny.qdpx");
    tiny(&project);
    let p = project.display().to_string();

    // --list lists and writes nothing.
    let before = listing(&dir);
    let o = run(&["import", &p, "--list"], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    for s in [
        "\"Tiny\"",
        "from Other 1.0",
        "2 text sources",
        "one.txt",
        "two.txt",
        "One conversation per source: 2",
    ] {
        assert!(out.contains(s), "{s:?} in {out}");
    }
    let one = out.lines().find(|l| l.ends_with("one.txt")).expect("one.txt listed");
    assert_eq!(one.split_whitespace().take(2).collect::<Vec<_>>(), ["23", "1"], "{one}");
    assert_eq!(listing(&dir), before);

    // --source picks one: a file of its own.
    let single = dir.join("single.ron");
    let o = run(&["import", &p, "--source", "two.txt", "-o", &single.display().to_string()], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    let doc = store::load_conversation(&single).expect("conversation");
    assert_eq!(doc.contributors.len(), 1, "no speakers: one voice");
    assert!(dir.join("single.annotations.ron").exists());
    // `-o DIR/` for one source: the file goes in the folder, named by its id.
    let o = run(
        &[
            "import",
            &p,
            "--source",
            "two.txt",
            "-o",
            &format!("{}/", dir.join("one-dir").display()),
        ],
        &dir,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(listing(&dir.join("one-dir")), ["two.annotations.ron", "two.ron"]);
    // By GUID too; an unknown name is refused, listing the sources.
    let o = run(&["import", &p, "--source", "S1", "--list"], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("two.txt  (not imported)"), "{}", stdout(&o));
    let o = run(&["import", &p, "--source", "three.txt"], &dir);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("\"one.txt\", \"two.txt\""), "{}", stderr(&o));

    // Without -o: a folder named after the project, one file per source.
    let o = run(&["import", &p], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    let folder = dir.join("tiny");
    assert_eq!(
        listing(&folder),
        ["one.annotations.ron", "one.ron", "two.annotations.ron", "two.ron"]
    );
    let one = store::load_conversation(&folder.join("one.ron")).expect("one");
    let names: Vec<&str> = one.contributors.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["A", "B"]);
    let (a, _) = store::load_annotations(&folder.join("one.annotations.ron"), &one)
        .expect("ok")
        .expect("some");
    assert_eq!(a.highlights()[0].quote.exact, "Hello ");

    // Again: refused, naming the file, and nothing changes; --force writes.
    let written = std::fs::read(folder.join("one.ron")).expect("read");
    std::fs::write(folder.join("two.ron"), "changed").expect("write");
    let o = run(&["import", &p], &dir);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("one.ron: the file exists; use --force"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(folder.join("two.ron")).expect("read"), "changed");
    let o = run(&["import", &p, "--force"], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read(folder.join("one.ron")).expect("read"), written);
    assert_ne!(std::fs::read_to_string(folder.join("two.ron")).expect("read"), "changed");
    // The annotation file written over keeps a backup.
    assert!(folder.join("one.annotations.ron.bak").exists());

    // Several conversations cannot go into one file.
    std::fs::write(dir.join("taken.ron"), "x").expect("write");
    let o = run(&["import", &p, "-o", &dir.join("taken.ron").display().to_string()], &dir);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("-o names a folder"), "{}", stderr(&o));

    // --list and --source are for projects.
    let txt = dir.join("talk.txt");
    std::fs::write(&txt, "A: hi\n").expect("write");
    let o = run(&["import", &txt.display().to_string(), "--list"], &dir);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("--list and --source go with a REFI-QDA project"),
        "{}",
        stderr(&o)
    );
}
