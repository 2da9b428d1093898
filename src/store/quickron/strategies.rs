//! Random annotation files for the reader's and writer's property tests.

use proptest::prelude::*;

use crate::model::annotations::{
    AnnotationFile, FileHighlight, FileLink, FilePos, FileRelation, FileTag,
};

/// Text that makes a writer choose between plain and raw strings: quotes,
/// backslashes, runs of `#`, `"#` itself, line ends, CJK, ZWJ emoji,
/// combining marks, controls.
pub fn awkward() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a",
        " ",
        "\"",
        "\\",
        "#",
        "\"#",
        "\"##",
        "r#\"",
        "\n",
        "\r\n",
        "\t",
        "微信",
        "👩‍💻",
        "e\u{301}",
        "“U.S.”",
        "—",
        "\u{7}",
        "\u{202e}",
        "(",
        ")",
        ",",
        "[",
        "]",
        "//",
        "/*",
        "Some(",
        "None",
        ":",
    ]);
    prop::collection::vec(pieces, 0..12).prop_map(|v| v.concat())
}

pub fn file() -> impl Strategy<Value = AnnotationFile> {
    let tag = (awkward(), any::<u8>(), awkward(), prop::option::of(1u8..=9));
    let pos = (1usize..10_000, 0usize..100_000);
    let highlight = (
        (awkward(), awkward(), awkward(), awkward()),
        (pos.clone(), pos, any::<bool>(), prop::collection::vec(0usize..4, 0..4)),
        (awkward(), awkward()),
    );
    // Relations and links, absent as often as not (as in most files).
    let relation = (awkward(), any::<bool>(), awkward());
    let link = (0usize..6, 0usize..6, 0usize..3, awkward(), awkward());
    (
        prop::collection::vec(tag, 1..4),
        prop::collection::vec(highlight, 0..6),
        prop::collection::vec(relation, 0..3),
        prop::collection::vec(link, 0..4),
    )
        .prop_map(|(tags, highlights, relations, links)| {
            let tags: Vec<FileTag> = tags
                .into_iter()
                .enumerate()
                .map(|(i, (name, shade, description, key))| FileTag {
                    name: format!("t{i}{name}"),
                    color: format!("#{shade:02X}A0{shade:02x}"),
                    description,
                    key,
                })
                .collect();
            let highlights = highlights
                .into_iter()
                .enumerate()
                .map(|(i, ((quote, prefix, suffix, note), (s, e, orphan, on), (coder, id)))| {
                    FileHighlight {
                        id: format!("h{i}{id}"),
                        contributor: "cy".into(),
                        start: FilePos { paragraph: s.0, char: s.1 },
                        end: FilePos { paragraph: e.0, char: e.1 },
                        orphan,
                        quote,
                        prefix,
                        suffix,
                        tags: on.iter().map(|&t| tags[t % tags.len()].name.clone()).collect(),
                        note,
                        coder,
                        created: "2020-09-25T10:00:00Z".into(),
                        modified: "2021-01-02T03:04:05.5+01:00".into(),
                    }
                })
                .collect();
            let relations: Vec<FileRelation> = relations
                .into_iter()
                .enumerate()
                .map(|(i, (name, both_ways, description))| FileRelation {
                    name: format!("r{i}{name}"),
                    color: "#4E79A7".into(),
                    both_ways,
                    description,
                })
                .collect();
            let links = links
                .into_iter()
                .enumerate()
                .map(|(i, (from, to, relation, note, coder))| FileLink {
                    id: format!("l{i}"),
                    from: format!("h{from}"),
                    to: format!("h{to}"),
                    relation: relations
                        .get(relation % relations.len().max(1))
                        .map_or_else(|| "answers".into(), |r| r.name.clone()),
                    note,
                    coder,
                    created: "2020-09-25T10:00:00Z".into(),
                    modified: "2021-01-02T03:04:05.5+01:00".into(),
                })
                .collect();
            AnnotationFile {
                version: 1,
                conversation: "debate".into(),
                text_hash: "sha256:00".into(),
                tags,
                highlights,
                relations,
                links,
            }
        })
}
