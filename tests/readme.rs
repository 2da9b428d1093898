//! The README and docs stay true: the key table is the keymap's, and the
//! format example parses. `UPDATE_README=1 cargo test --test readme`
//! rewrites the key table from the keymap.

use std::path::Path;

const START: &str = "<!-- keys:start (generated from src/ui/keymap.rs; UPDATE_README=1 cargo test --test readme) -->\n";
const END: &str = "<!-- keys:end -->";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn readme_key_table_is_the_keymap() {
    let path = root().join("README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md");
    let start = readme.find(START).expect("README has the keys:start marker") + START.len();
    let end = readme[start..].find(END).expect("README has the keys:end marker") + start;
    let expected = crosstalk::ui::keymap::markdown_table();
    if std::env::var_os("UPDATE_README").is_some() {
        let updated = format!("{}{}{}", &readme[..start], expected, &readme[end..]);
        std::fs::write(&path, updated).expect("write README.md");
        return;
    }
    assert_eq!(
        &readme[start..end],
        expected,
        "README key table is out of date: run UPDATE_README=1 cargo test --test readme"
    );
}

#[test]
fn readme_names_the_two_commands() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    assert!(readme.contains("cargo run --release"));
    assert!(readme.contains("cargo test"));
}

/// Every ```ron block in the format docs is a valid conversation.
#[test]
fn format_examples_parse() {
    for doc in ["docs/FORMAT.md", "README.md"] {
        let text = std::fs::read_to_string(root().join(doc)).expect(doc);
        let mut found = 0;
        for block in text.split("```ron\n").skip(1) {
            let ron = block.split("```").next().expect("closed block");
            crosstalk::store::parse_conversation(ron, doc).unwrap_or_else(|e| panic!("{e}"));
            found += 1;
        }
        assert!(found > 0, "{doc} has a ```ron example");
    }
}

/// The README's annotation-file example (```ron annotations) loads against
/// the bundled debate as it stands — same text hash, so no highlight moves —
/// and is exactly what crosstalk writes back.
#[test]
fn annotation_file_example_is_what_crosstalk_writes() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    let doc = crosstalk::store::bundled().expect("bundled");
    let mut found = 0;
    for block in readme.split("```ron annotations\n").skip(1) {
        let ron = block.split("```").next().expect("closed block");
        let (annotations, report) = crosstalk::store::parse_annotations(ron, "README.md", &doc)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(report, Default::default(), "nothing moved or orphaned");
        assert!(annotations.highlights().iter().all(|h| h.tags.len() + h.note.len() > 0));
        let written =
            crosstalk::store::annotations_to_ron(&annotations.snapshot(), &doc).expect("serialise");
        assert_eq!(written, ron, "the README example is not what crosstalk writes");
        found += 1;
    }
    assert_eq!(found, 1, "README has one ```ron annotations example");
}
