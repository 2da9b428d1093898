//! Us against the other coder ([`super::against`]), compared by
//! [`crate::model::agree`]: the agreement report, where we disagree, and
//! the reader's stepping from one disagreement to the next (`>` / `<`).
//!
//! The stretches stepped through are cached by annotation revision, unit
//! and tag, so a step costs a search, not a new comparison.

use std::sync::Arc;

use crate::model::Pos;
use crate::model::agree::{self, Coder, Disagreement, Report, Unit};
use crate::model::annotations::{Annotations, tree};

use super::Core;
use super::against::{Against, NO_OTHER, Stretch, coder_name, trimmed};
use super::select::Selection;

/// Our coder name and theirs, told apart when they are the same.
pub fn names(core: &Core, them: &Against) -> [String; 2] {
    let us = coder_name(&core.annotations, &core.coder);
    if us == them.name {
        [format!("{us} (ours)"), them.name.clone()]
    } else {
        [us, them.name.clone()]
    }
}

fn coders<'a>(core: &'a Core, them: &'a Against) -> [Coder<'a>; 2] {
    let [us, name] = names(core, them);
    let all = |a: &'a Annotations| a.highlights().iter().map(|h| &**h).collect();
    [
        Coder { name: us, highlights: all(&core.annotations) },
        Coder { name, highlights: all(&them.annotations) },
    ]
}

/// The tags in the order rows take: ours, then theirs.
fn tag_order(core: &Core, them: &Against) -> Vec<String> {
    let mut tags: Vec<String> = core.annotations.tags().iter().map(|t| t.name.clone()).collect();
    for t in them.annotations.tags() {
        if !tags.contains(&t.name) {
            tags.push(t.name.clone());
        }
    }
    tags
}

/// Us against them, unit by unit (`None` without another coder).
pub fn report(core: &Core, unit: Unit) -> Option<Report> {
    let them = core.against.as_deref()?;
    Some(agree::agree(&core.doc, unit, &tag_order(core, them), &coders(core, them)))
}

/// Where we and they disagree on `tag` (and the tags under it).
pub fn disagreements(core: &Core, unit: Unit, tag: &str) -> Vec<Disagreement> {
    let Some(them) = core.against.as_deref() else { return Vec::new() };
    agree::disagreements(&core.doc, unit, tag, &coders(core, them))
}

/// Every stretch stepping visits: for one tag, its disagreements; for
/// every tag, each leaf tag's, in reading order (voice, then position).
pub fn stretches(core: &Core, unit: Unit, tag: Option<&str>) -> Vec<Stretch> {
    let Some(them) = core.against.as_deref() else { return Vec::new() };
    let tags: Vec<String> = match tag {
        Some(t) => vec![t.to_owned()],
        None => {
            // Every tag either file names or a highlight carries.
            let mut names = tag_order(core, them);
            for a in [&core.annotations, &them.annotations] {
                for h in a.highlights() {
                    for t in &h.tags {
                        if !names.contains(t) {
                            names.push(t.clone());
                        }
                    }
                }
            }
            let nodes = tree::tree_of(names.iter().map(String::as_str));
            nodes.into_iter().filter(|n| !n.parent).map(|n| n.name).collect()
        }
    };
    let coders = coders(core, them);
    let mut out: Vec<Stretch> = tags
        .iter()
        .flat_map(|t| {
            agree::disagreements(&core.doc, unit, t, &coders)
                .into_iter()
                .map(|d| Stretch { tag: t.clone(), d })
        })
        .collect();
    out.sort_by_key(|s| (s.d.voice, s.d.start, s.d.end));
    out
}

/// The stretches for the stepping's unit and tag, from the cache when the
/// annotations have not changed.
pub fn steps(core: &mut Core) -> Arc<Vec<Stretch>> {
    let key = (core.annotations.revision(), core.stepping.unit, core.stepping.tag.clone());
    if let Some((r, u, t, list)) = &core.stepping.cache
        && (*r, *u, t) == (key.0, key.1, &key.2)
    {
        return Arc::clone(list);
    }
    let list = Arc::new(stretches(core, key.1, key.2.as_deref()));
    core.stepping.cache = Some((key.0, key.1, key.2, Arc::clone(&list)));
    list
}

/// Who coded a stretch, as the reader says it: "only us", "only ben".
pub fn who(core: &Core, coded: &[bool]) -> String {
    let them = core.against.as_deref().map_or("them", |a| a.name.as_str());
    match coded {
        [true, false] => "only us".into(),
        [false, true] => format!("only {them}"),
        _ => "both".into(),
    }
}

/// The start of the cursor's sentence in the focused voice.
fn cursor_pos(core: &Core) -> Pos {
    let pane = &core.panes[core.focus];
    let v = &core.doc.voices()[core.focus];
    let p = core.doc.paragraph(v.paragraphs.at(pane.cursor.para));
    Pos::new(pane.cursor.para, p.sentences()[pane.cursor.sentence].start as usize)
}

/// `>` / `<`: the reader to the next (or previous) disagreement, across
/// voices in reading order, wrapping at the ends; the stretch selected.
pub fn step(core: &mut Core, forward: bool) {
    if core.against.is_none() {
        core.message = Some(NO_OTHER.into());
        return;
    }
    let list = steps(core);
    let about = core.stepping.tag.as_deref().map(tree::leaf).unwrap_or("any tag").to_owned();
    if list.is_empty() {
        core.message =
            Some(format!("no disagreements ({about}, by {})", core.stepping.unit.name()));
        return;
    }
    let n = list.len();
    let last = core
        .stepping
        .last
        .filter(|v| (v.voice, v.cursor) == (core.focus, core.panes[core.focus].cursor));
    let same = last.filter(|v| v.i < n && v.revision == core.annotations.revision());
    // From the stretch last gone to, if the cursor is still there (where it
    // was, once something was coded), else from the cursor's sentence.
    let at = cursor_pos(core);
    let (after, before) = match last {
        Some(v) => ((v.voice, v.end, true), (v.voice, v.start, true)),
        None => ((core.focus, at, false), (core.focus, at, false)),
    };
    let (i, wrapped) = match (same, forward) {
        (Some(v), true) => ((v.i + 1) % n, v.i + 1 == n),
        (Some(v), false) => ((v.i + n - 1) % n, v.i == 0),
        (None, true) => {
            let next = |s: &&Stretch| match after {
                (voice, end, true) => (s.d.voice, s.d.start) >= (voice, end),
                (voice, at, false) => (s.d.voice, s.d.end) > (voice, at),
            };
            match list.iter().position(|s| next(&s)) {
                Some(i) => (i, false),
                None => (0, true),
            }
        }
        (None, false) => {
            let previous = |s: &&Stretch| match before {
                (voice, start, true) => (s.d.voice, s.d.end) <= (voice, start),
                (voice, at, false) => (s.d.voice, s.d.start) < (voice, at),
            };
            match list.iter().rposition(|s| previous(&s)) {
                Some(i) => (i, false),
                None => (n - 1, true),
            }
        }
    };
    visit(core, &list, i, wrapped);
}

/// The reader at stretch `i` of the stepping's list (the agreement view's
/// `Enter`): stepping goes on from there.
pub fn jump(core: &mut Core, i: usize) {
    let list = steps(core);
    if i < list.len() {
        visit(core, &list, i, false);
    }
}

fn visit(core: &mut Core, list: &[Stretch], i: usize, wrapped: bool) {
    let s = &list[i];
    go_to(core, &s.d);
    core.stepping.last = Some(super::against::Visited {
        i,
        voice: s.d.voice,
        start: s.d.start,
        end: s.d.end,
        cursor: core.panes[core.focus].cursor,
        revision: core.annotations.revision(),
    });
    core.message = Some(format!(
        "disagreement {} of {} · {} · {}{}",
        i + 1,
        list.len(),
        s.tag,
        who(core, &s.d.coded),
        if wrapped { " (wrapped)" } else { "" }
    ));
}

/// The reader at disagreement `d`: its voice focused, the cursor on its
/// first sentence, the stretch selected (so `t` tags it).
pub fn go_to(core: &mut Core, d: &Disagreement) {
    core.go_to(d.voice, d.start);
    let (start, end) = trimmed(&core.doc, d.voice, d.start, d.end);
    let mut sel = Selection::of(d.voice, start, end);
    sel.done = true;
    core.selection = Some(sel);
}
