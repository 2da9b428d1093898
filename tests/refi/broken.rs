//! 4. Bad input: one line naming the part, nothing written.

use super::*;

#[test]
fn a_broken_project_gets_one_line_naming_the_part_and_nothing_is_written() {
    let dir = temp("refi", "broken");
    // Sanity: the tiny project imports (two sources: a folder of two).
    let good = dir.join("good.qdpx");
    tiny(&good);
    let c = import(&good).expect("imports");
    assert_eq!(c.conversations.len(), 2);
    let h = &c.conversations[0].annotations.highlights()[0];
    assert_eq!((h.quote.exact.as_str(), h.coder.as_str()), ("Hello ", "Ann"));
    std::fs::remove_file(&good).expect("rm");

    let no_qde = dir.join("no-qde.qdpx");
    zip_of(&no_qde, &[("sources/one.txt", ONE.as_bytes())]);
    refused(&dir, &no_qde, &["no project.qde"]);

    let missing = dir.join("missing.qdpx");
    let q = qde("3", "9");
    zip_of(&missing, &[("project.qde", q.as_bytes()), ("sources/one.txt", ONE.as_bytes())]);
    refused(&dir, &missing, &["sources/two.txt", "\"two.txt\"", "no such file"]);

    let past = dir.join("past.qdpx");
    let q = qde("3", "999");
    zip_of(
        &past,
        &[
            ("project.qde", q.as_bytes()),
            ("sources/one.txt", ONE.as_bytes()),
            ("sources/two.txt", TWO.as_bytes()),
        ],
    );
    refused(&dir, &past, &["project.qde:7:1", "p1", "endPosition 999", "23 characters"]);

    let backwards = dir.join("backwards.qdpx");
    let q = qde("9", "3");
    zip_of(
        &backwards,
        &[
            ("project.qde", q.as_bytes()),
            ("sources/one.txt", ONE.as_bytes()),
            ("sources/two.txt", TWO.as_bytes()),
        ],
    );
    refused(&dir, &backwards, &["project.qde:7:1", "startPosition 9 is after endPosition 3"]);

    let not_a_number = dir.join("nan.qdpx");
    let q = qde("x", "3");
    zip_of(
        &not_a_number,
        &[
            ("project.qde", q.as_bytes()),
            ("sources/one.txt", ONE.as_bytes()),
            ("sources/two.txt", TWO.as_bytes()),
        ],
    );
    refused(&dir, &not_a_number, &["project.qde:7:1", "startPosition \"x\" is not a number"]);

    let malformed = dir.join("malformed.qdpx");
    let q = qde("3", "9").replace("</TextSource>\n<TextSource", "</TextSourc>\n<TextSource");
    zip_of(
        &malformed,
        &[
            ("project.qde", q.as_bytes()),
            ("sources/one.txt", ONE.as_bytes()),
            ("sources/two.txt", TWO.as_bytes()),
        ],
    );
    refused(&dir, &malformed, &["project.qde:8:", "not valid XML"]);

    // The same in a bare .qde names the file itself with line:column.
    let bare = dir.join("bare.qde");
    std::fs::write(&bare, q).expect("write");
    refused(&dir, &bare, &["bare.qde:8:", "not valid XML"]);
    std::fs::remove_file(&bare).expect("rm");

    let escaping = dir.join("escaping.qdpx");
    let q = qde("3", "9");
    zip_of(
        &escaping,
        &[
            ("project.qde", q.as_bytes()),
            ("sources/one.txt", ONE.as_bytes()),
            ("sources/two.txt", TWO.as_bytes()),
            ("../evil.txt", b"x"),
        ],
    );
    refused(&dir, &escaping, &["\"../evil.txt\"", "outside"]);
    let absolute = dir.join("absolute.qdpx");
    zip_of(&absolute, &[("project.qde", q.as_bytes()), ("/etc/evil.txt", b"x")]);
    refused(&dir, &absolute, &["\"/etc/evil.txt\"", "outside"]);

    // A source path that leaves the project is not followed.
    let outside = dir.join("outside.qdpx");
    let q = qde("3", "9").replace("internal://two.txt", "internal://../../etc/passwd");
    zip_of(&outside, &[("project.qde", q.as_bytes()), ("sources/one.txt", ONE.as_bytes())]);
    refused(&dir, &outside, &["\"internal://../../etc/passwd\"", "not a file inside the project"]);
    let absolute_path = dir.join("absolute-path.qdpx");
    let q = qde("3", "9").replace("internal://two.txt", "absolute:///etc/passwd");
    zip_of(&absolute_path, &[("project.qde", q.as_bytes()), ("sources/one.txt", ONE.as_bytes())]);
    refused(&dir, &absolute_path, &["not a file inside the project"]);

    // A zip bomb: 40 MB of zeros packs into a few kB.
    let bomb = dir.join("bomb.qdpx");
    let zeros = vec![b'0'; 40 << 20];
    let q = qde("3", "9");
    zip_of(
        &bomb,
        &[
            ("project.qde", q.as_bytes()),
            ("sources/one.txt", ONE.as_bytes()),
            ("sources/two.txt", &zeros),
        ],
    );
    refused(&dir, &bomb, &["sources/two.txt", "zip bomb"]);
    // And the total is capped whatever the entries declare.
    let e = import_with(&bomb, Limits { total: 1000, ratio: u64::MAX }).err().expect("refused");
    assert!(e.contains("sources/two.txt") && e.contains("1000 bytes"), "{e}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Whatever a damaged `project.qde` holds, reading and building give a
    /// result or an error, never a panic.
    #[test]
    fn a_damaged_project_never_panics(
        cut in 0usize..4000,
        len in 0usize..200,
        copy in 0usize..4000,
        digit in prop::sample::select(vec!["0", "9", "99999999999999999999", "-1", "", "&#0;"]),
    ) {
        let qde = std::fs::read_to_string(root().join("tests/fixtures/refi/qualcoder/project.qde")).expect("read");
        let text = std::fs::read_to_string(root().join("tests/fixtures/refi/qualcoder/sources/00000000-0000-4000-8000-000000000011.txt")).expect("read");
        let at = |n: usize| { let mut i = n.min(qde.len()); while !qde.is_char_boundary(i) { i -= 1; } i };
        let (a, b) = (at(cut), at(cut + len));
        let c = at(copy);
        let variants = [
            format!("{}{}", &qde[..a], &qde[b..]),
            format!("{}{}{}", &qde[..c], &qde[a..b], &qde[c..]),
            qde.replacen(&qde[a..b], digit, 1),
            qde.replace("startPosition=\"", &format!("startPosition=\"{digit}")),
            qde.replace("endPosition=\"", &format!("endPosition=\"{digit}")),
            // As if crosstalk had written it: the other way of building.
            format!("{}{}", &qde[..a], &qde[b..]).replace("origin=\"3.6\"", "origin=\"crosstalk 0.1.0\""),
            qde.replace("origin=\"3.6\"", "origin=\"crosstalk 0.1.0\"").replace("startPosition=\"", &format!("startPosition=\"{digit}")),
        ];
        for v in variants {
            let Ok(project) = refi::parse(&v) else { continue };
            let chosen: Vec<(usize, &str)> = (0..project.sources.len()).map(|i| (i, text.as_str())).collect();
            if let Err(e) = refi::build(&project, &chosen, "p") {
                prop_assert!(!e.message.is_empty());
            }
        }
    }
}
