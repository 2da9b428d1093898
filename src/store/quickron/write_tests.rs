use proptest::prelude::*;

use super::super::strategies::file;
use super::to_writer;
use crate::model::annotations::AnnotationFile;

fn by_ron(value: &impl serde::Serialize) -> String {
    let pretty = ron::ser::PrettyConfig::new()
        .new_line("\n")
        .indentor("    ")
        .escape_strings(false)
        .struct_names(false)
        .separate_tuple_members(true)
        .extensions(ron::extensions::Extensions::empty());
    ron::Options::default().to_string_pretty(value, pretty).expect("ron")
}

fn quick(value: &impl serde::Serialize) -> String {
    let mut out = Vec::new();
    to_writer(&mut out, value).expect("writes");
    String::from_utf8(out).expect("UTF-8")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    /// The bytes `ron` writes: plain and raw strings (runs of `#`), empty
    /// and full lists, `Some`/`None`, skipped fields.
    #[test]
    fn writes_the_bytes_ron_writes(f in file()) {
        prop_assert_eq!(quick(&f), by_ron(&f));
    }
}

#[test]
fn empty_lists_and_deep_nesting_match() {
    let f = AnnotationFile {
        version: 1,
        conversation: "c".into(),
        text_hash: "h".into(),
        tags: Vec::new(),
        highlights: Vec::new(),
        relations: Vec::new(),
        links: Vec::new(),
    };
    assert_eq!(quick(&f), by_ron(&f));
    let nested = vec![vec![vec![Some(1u8), None]], Vec::new()];
    assert_eq!(quick(&nested), by_ron(&nested));
}

#[test]
fn what_it_does_not_write_is_an_error() {
    let mut out = Vec::new();
    assert!(to_writer(&mut out, &1.5f64).is_err());
    assert!(to_writer(&mut out, &-1i32).is_err());
    assert!(to_writer(&mut out, &std::collections::BTreeMap::from([(1u8, 2u8)])).is_err());
}
