//! Annotation files with links between passages, made through the model
//! as the reader makes them, for the command-line tests.

use crosstalk::model::Conversation;
use crosstalk::model::Pos;
use crosstalk::model::annotations::{Annotations, LinkIds, Stamp, Target};

/// The `word`-th word of `voice`'s first paragraph.
pub fn word(doc: &Conversation, voice: usize, word: usize) -> Target {
    let para = doc.paragraph(doc.voices()[voice].paragraphs[0]);
    let w = para.words()[word];
    Target { voice, start: Pos::new(0, w.start as usize), end: Pos::new(0, w.end as usize) }
}

/// Links `from` to `to` under `relation`, by `coder`; `n` makes the ids
/// (`link-n`, and `from-n`, `to-n` for ends that are no highlight yet).
pub fn link(
    doc: &Conversation,
    a: &mut Annotations,
    (from, to): (Target, Target),
    relation: &str,
    coder: &str,
    n: u32,
) {
    let ids =
        LinkIds { link: format!("link-{n}"), from: format!("from-{n}"), to: format!("to-{n}") };
    let stamp = Stamp {
        id: String::new(),
        coder: coder.into(),
        now: jiff::Timestamp::from_second(1_700_000_000 + i64::from(n)).expect("time"),
    };
    let edit = a.add_link(doc, &from, &to, relation, &ids, &stamp).expect("a new link");
    a.apply(edit);
}
