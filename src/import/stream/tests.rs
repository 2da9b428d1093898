//! What the integration tests (`tests/stream_import.rs`) cannot reach: a
//! paragraph too long for a conversation, with a small limit.

use super::{Scanned, Stop, scan_with, write};
use crate::model::ValidationError;

fn scanned(text: &str, limit: usize) -> Scanned {
    scan_with(text.as_bytes(), "t", true, &mut |_| {}, limit, &Default::default()).expect("reads")
}

fn written(text: &str, limit: usize) -> Result<Vec<u8>, Stop> {
    let Scanned::Ready(plan) = scanned(text, limit) else { panic!("not ready: {text:?}") };
    let mut out = Vec::new();
    write(&plan, text.as_bytes(), &mut out, &mut |_| {})?;
    Ok(out)
}

#[test]
fn a_paragraph_too_long_is_found_in_its_section() {
    let text = "ALICE: hi\nBOB: short\n\nlonger than\nten bytes\nALICE: x\n";
    match written(text, 10) {
        Err(Stop::Invalid(ValidationError::ParagraphTooLong { section: 1, paragraph: 1 })) => {}
        other => panic!("{other:?}"),
    }
    // The same limit the in-memory path has: nothing too long here.
    let want = crate::store::to_ron(
        &super::super::import(text, super::super::Kind::Transcript, "t").expect("imports"),
    )
    .expect("ron");
    assert_eq!(written(text, super::MAX_PARAGRAPH).ok(), Some(want.into_bytes()));
}

#[test]
fn a_moderator_who_never_speaks_is_a_header_fact() {
    let text = "Moderator: Ann Lee\nBOB: a paragraph\n";
    match written(text, 5) {
        Err(Stop::Invalid(ValidationError::ParagraphTooLong { section: 0, paragraph: 0 })) => {}
        other => panic!("{other:?}"),
    }
    // The import failed (a contributor who never speaks); as in memory now.
    let want = crate::store::to_ron(
        &super::super::import(text, super::super::Kind::Transcript, "t").expect("imports"),
    )
    .expect("ron");
    assert!(want.contains("(\"Moderator\", \"Ann Lee\")"), "{want}");
    assert_eq!(written(text, 100).ok(), Some(want.into_bytes()));
}
