use proptest::prelude::*;

use super::super::strategies::{awkward, file};
use super::{Unsupported, from_str};
use crate::model::annotations::AnnotationFile;
use crate::store::file_to_ron;

fn by_ron(text: &str) -> Option<AnnotationFile> {
    ron::Options::default().from_str(text).ok()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    /// What crosstalk writes, this reader reads, as `ron` does.
    #[test]
    fn written_files_read_as_ron_reads_them(f in file()) {
        let text = file_to_ron(&f).expect("ron");
        let quick: AnnotationFile = from_str(&text).expect("takes what crosstalk writes");
        prop_assert_eq!(&quick, &f);
        prop_assert_eq!(by_ron(&text), Some(f));
    }

    /// Damaged text: whatever this reader takes, `ron` takes, with the
    /// same value; it never reads something `ron` would refuse or read
    /// otherwise.
    #[test]
    fn damaged_files_are_read_as_ron_reads_them_or_left_to_it(
        f in file(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0usize..3, awkward()), 1..4),
    ) {
        let mut text = file_to_ron(&f).expect("ron");
        for (at, cut, insert) in edits {
            let mut i = at.index(text.len() + 1);
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            let mut j = (i + cut).min(text.len());
            while !text.is_char_boundary(j) {
                j += 1;
            }
            text.replace_range(i..j, &insert);
        }
        if let Ok(quick) = from_str::<AnnotationFile>(&text) {
            prop_assert_eq!(by_ron(&text), Some(quick), "{}", text);
        }
    }
}

#[test]
fn what_it_leaves_to_ron() {
    let ok = r##"(version: 1, conversation: "c", text_hash: "h", tags: [], highlights: [],)"##;
    assert!(from_str::<AnnotationFile>(ok).is_ok());
    for text in [
        // a comment, an escape, a struct name, a number written otherwise,
        // an extension, trailing text
        "// hi\n(version: 1, conversation: \"c\", text_hash: \"h\", tags: [], highlights: [])",
        "(version: 1, conversation: \"c\\n\", text_hash: \"h\", tags: [], highlights: [])",
        "AnnotationFile(version: 1, conversation: \"c\", text_hash: \"h\", tags: [], highlights: [])",
        "(version: 0x1, conversation: \"c\", text_hash: \"h\", tags: [], highlights: [])",
        "(version: 01, conversation: \"c\", text_hash: \"h\", tags: [], highlights: [])",
        "#![enable(implicit_some)]\n(version: 1, conversation: \"c\", text_hash: \"h\", tags: [], highlights: [])",
        "(version: 1, conversation: \"c\", text_hash: \"h\", tags: [], highlights: []) x",
        "(version: 1, conversation: \"c\", text_hash: \"h\", tags: [], highlights: [], extra: 1)",
        "(version: 1, conversation: \"c\", text_hash: \"h\", tags: [])",
        "(version: 1 conversation: \"c\", text_hash: \"h\", tags: [], highlights: [])",
    ] {
        assert_eq!(from_str::<AnnotationFile>(text), Err(Unsupported), "{text}");
    }
}

#[test]
fn raw_strings_end_at_their_own_hashes() {
    let text = r###"(version: 1, conversation: r##"say "#1" now"##, text_hash: r"a\b", tags: [], highlights: [])"###;
    let f: AnnotationFile = from_str(text).expect("reads");
    assert_eq!((f.conversation.as_str(), f.text_hash.as_str()), ("say \"#1\" now", "a\\b"));
    assert_eq!(by_ron(text), Some(f));
    // One `#` ends at the first `"#`: what follows is left to `ron`.
    let early = r###"(version: 1, conversation: r#"say "#1" now"#, text_hash: "h", tags: [], highlights: [])"###;
    assert_eq!(from_str::<AnnotationFile>(early), Err(Unsupported));
}

#[test]
fn the_files_in_the_repository_read_as_ron_reads_them() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut read = 0;
    for entry in walk(std::path::Path::new(dir)) {
        if !entry.to_string_lossy().ends_with(".annotations.ron") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&entry) else { continue };
        let text = crate::store::strip_bom(&text);
        if let Ok(quick) = from_str::<AnnotationFile>(text) {
            assert_eq!(by_ron(text), Some(quick), "{}", entry.display());
            read += 1;
        }
    }
    assert!(read >= 5, "only {read} fixtures were read");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() { out.extend(walk(&path)) } else { out.push(path) }
    }
    out
}
