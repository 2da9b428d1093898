//! Another coder's annotations beside ours (`crosstalk --against B.ron`):
//! read-only, drawn with a mark of their own, compared with ours by
//! [`crate::model::agree`]. Here: the other coder ([`Against`]), the
//! agreement report and disagreements between us and them, and the reader's
//! stepping from one disagreement to the next (`>` / `<`).
//!
//! The stretches stepped through are cached by annotation revision, unit
//! and tag, so a step costs a search, not a new comparison.

use std::sync::Arc;

use crate::model::agree::{self, Coder, Disagreement, Report, Unit};
use crate::model::annotations::{Annotations, tree};
use crate::model::{Conversation, Pos};

use super::Core;
use super::select::Selection;

/// The other coder: who, from which file, and their highlights.
#[derive(Clone, Debug)]
pub struct Against {
    /// Their name: the coder their highlights carry, or the file's name.
    pub name: String,
    /// The file, as the status bar names it.
    pub label: String,
    pub annotations: Annotations,
}

impl Against {
    /// `annotations` loaded from the file named `file_name`.
    pub fn new(annotations: Annotations, file_name: &str, label: String) -> Self {
        Self { name: coder_name(&annotations, file_name), label, annotations }
    }
}

/// The one coder `annotations`' highlights carry, or `file_name` when they
/// carry several or none.
pub fn coder_name(annotations: &Annotations, file_name: &str) -> String {
    let mut coders =
        annotations.highlights().iter().map(|h| h.coder.trim()).filter(|c| !c.is_empty());
    match coders.next() {
        Some(first) if coders.all(|c| c == first) => first.to_owned(),
        _ => file_name.to_owned(),
    }
}

/// One disagreement in reading order, with the tag it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stretch {
    pub tag: String,
    pub d: Disagreement,
}

/// Stretches found at (revision, unit, tag).
type Cached = (u64, Unit, Option<String>, Arc<Vec<Stretch>>);

/// What the reader's disagreement stepping works from: the unit and tag
/// last chosen in the agreement view, the stretches (cached), and which one
/// was gone to last.
#[derive(Clone, Debug, Default)]
pub struct Stepping {
    pub unit: Unit,
    /// `None`: every tag without tags under it.
    pub tag: Option<String>,
    /// (revision, unit, tag) the stretches were found at, and them.
    cache: Option<Cached>,
    /// The stretch gone to last, and the cursor it left (stepping goes on
    /// from it while the cursor stays there).
    last: Option<(usize, usize, super::pane::Cursor)>,
}

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
    let p = core.doc.paragraph(v.paragraphs[pane.cursor.para]);
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
    let here = (core.focus, core.panes[core.focus].cursor);
    let from = core.stepping.last.filter(|&(i, v, c)| i < n && (v, c) == here).map(|(i, ..)| i);
    let at = cursor_pos(core);
    let (i, wrapped) = match (from, forward) {
        (Some(i), true) => ((i + 1) % n, i + 1 == n),
        (Some(i), false) => ((i + n - 1) % n, i == 0),
        (None, true) => match list.iter().position(|s| (s.d.voice, s.d.end) > (core.focus, at)) {
            Some(i) => (i, false),
            None => (0, true),
        },
        (None, false) => match list.iter().rposition(|s| (s.d.voice, s.d.start) < (core.focus, at))
        {
            Some(i) => (i, false),
            None => (n - 1, true),
        },
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
    core.stepping.last = Some((i, core.focus, core.panes[core.focus].cursor));
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

/// `[start, end)` without the whitespace at its ends (a selection never
/// starts or ends on a space).
fn trimmed(doc: &Conversation, voice: usize, start: Pos, end: Pos) -> (Pos, Pos) {
    let v = &doc.voices()[voice];
    let text = |p: u32| v.paragraphs.get(p as usize).map_or("", |&i| doc.paragraph(i).text());
    let st = text(start.para);
    let sb = (start.byte as usize).min(st.len());
    let s = Pos::new(start.para as usize, st.len() - st[sb..].trim_start().len());
    let et = text(end.para);
    let eb = (end.byte as usize).min(et.len());
    let e = Pos::new(end.para as usize, et[..eb].trim_end().len());
    if s < e { (s, e) } else { (start, end) }
}

/// What the agreement keys say without another coder.
pub const NO_OTHER: &str =
    "no other coder: start with crosstalk --against THEIR.annotations.ron to compare";

/// The first words of `[start, end)` in `voice`, at most `max` characters.
pub fn first_words(doc: &Conversation, voice: usize, start: Pos, end: Pos, max: usize) -> String {
    let v = &doc.voices()[voice];
    let Some(&p) = v.paragraphs.get(start.para as usize) else { return String::new() };
    let text = doc.paragraph(p).text();
    let s = (start.byte as usize).min(text.len());
    let e = if end.para == start.para { (end.byte as usize).min(text.len()) } else { text.len() };
    let words: String =
        text.get(s..e.max(s)).unwrap_or("").split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: String = words.chars().take(max).collect();
    if out.len() < words.len() || end.para > start.para {
        out.push('…');
    }
    out
}
