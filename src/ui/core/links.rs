//! Links between passages, as the reader works with them: starting a link
//! on one passage and ending it on another (`L` twice), following a link to
//! its other end and back (`f`), and keeping the other end of the link at
//! the cursor in view in its own pane.

use std::sync::Arc;

use crate::model::annotations::{Highlight, Link};
use crate::model::sanitize::sanitize;

use super::Core;
use super::edit::{self, first_line, read_only};
use super::effect::{Effect, Open};
use super::linking::Trail;
use super::pane::{self, Cursor};

/// `L`: start a link on the selection (or the cursor's sentence), or, with
/// one started, end it here and ask for the relation.
pub fn start_or_finish(core: &mut Core) -> Effect {
    if read_only(core) {
        return Effect::None;
    }
    let here = edit::target(core);
    let Some(from) = core.link.start else {
        core.link.start = Some(here);
        core.selection = None;
        let who = short(core, here.voice);
        let quote = first_line(&edit::quote(core, &here), 40);
        core.message = Some(format!(
            "linking from {who}: “{}” · go to the other passage (any voice), select it or put \
             the cursor on it, L again · Esc cancels",
            sanitize(&quote)
        ));
        return Effect::None;
    };
    if here == from {
        core.message = Some(
            "that is where the link starts: go to the other passage, then L · Esc cancels".into(),
        );
        return Effect::None;
    }
    Effect::Open(Open::LinkPicker(super::effect::LinkPurpose::New { from, to: here }))
}

/// `Esc` while linking: forget the link's start. Whether one was started.
pub fn cancel(core: &mut Core) -> bool {
    if core.link.start.take().is_some() {
        core.message = Some("link cancelled".into());
        return true;
    }
    false
}

/// The linked highlight at the cursor (the one under it if it is linked,
/// else the first linked one overlapping the cursor's sentence or the
/// selection), with its links.
pub fn here(core: &Core) -> Option<(Arc<Highlight>, Vec<Arc<Link>>)> {
    if core.annotations.links().is_empty() {
        return None;
    }
    let under = edit::under_cursor(core).filter(|h| core.annotations.is_linked(&h.id));
    let h = under.or_else(|| {
        edit::at_cursor(core).into_iter().find(|h| core.annotations.is_linked(&h.id))
    })?;
    let links: Vec<Arc<Link>> = core.annotations.links_of(&h.id).cloned().collect();
    Some((Arc::clone(h), links))
}

/// The link `f` follows from `h` now: the links at one passage are taken
/// in turn.
pub fn chosen<'a>(core: &Core, links: &'a [Arc<Link>]) -> Option<&'a Arc<Link>> {
    links.get(core.link.turn % links.len().max(1))
}

/// `f`: go to the other end of the link at the cursor; `f` there comes
/// back along it; `f` back at the start takes its next link, in turn.
pub fn follow(core: &mut Core) {
    let Some((h, links)) = here(core) else {
        core.message = Some("no link here: L starts one".into());
        return;
    };
    let position = |id: &str| links.iter().position(|l| l.id == id);
    let trail = core.link.trail.clone().filter(|t| t.at == h.id);
    let (origin, index) = match &trail {
        // Arrived here by a link: back along it.
        Some(t) if t.origin != h.id => (t.origin.clone(), position(&t.link)),
        // Back where it started: the next link.
        Some(t) => (h.id.clone(), position(&t.link).map(|i| (i + 1) % links.len())),
        None => (h.id.clone(), Some(core.link.turn % links.len())),
    };
    let Some(link) = links.get(index.unwrap_or(0)).cloned() else { return };
    let Some(other) = link.other(&h.id).and_then(|id| core.annotations.highlight(id)).cloned()
    else {
        return;
    };
    if other.orphan {
        core.message = Some(format!(
            "the other end of this {} link could not be found in the text: O lists it",
            sanitize(&link.relation)
        ));
        return;
    }
    core.selection = None;
    core.go_to(other.voice, other.start);
    core.link.turn =
        core.annotations.links_of(&other.id).position(|l| l.id == link.id).unwrap_or(0);
    let back = origin != h.id;
    core.link.trail = Some(Trail { origin, link: link.id.clone(), at: other.id.clone() });
    let count = match links.len() {
        1 => String::new(),
        n => format!(" · link {} of {n} here", position(&link.id).unwrap_or(0) + 1),
    };
    // Back where it started: `f` takes the next link, if there is another.
    let more = core.annotations.links_of(&other.id).nth(1).is_some();
    let next = match (back, more) {
        (true, true) => "f: the next link from here",
        (true, false) => "f follows it again",
        (false, _) => "f goes back",
    };
    core.message = Some(format!("{}{count} · {next}", describe(core, &link, &other.id)));
    reveal(core);
}

/// The link as seen from end `from`: `answers → Seiff: “Should the U.S.…”`
/// (the arrow points the way the relation reads; `←` when `from` is the
/// link's second end, `↔` for a relation read both ways).
pub fn describe(core: &Core, link: &Link, from: &str) -> String {
    let both = core.annotations.relation(&link.relation).is_some_and(|r| r.both_ways);
    let arrow = if both {
        "↔"
    } else if link.from == from {
        "→"
    } else {
        "←"
    };
    let other = link.other(from).and_then(|id| core.annotations.highlight(id));
    let (who, quote) = match other {
        Some(o) => (short(core, o.voice), first_line(&o.quote.exact, 60)),
        None => (String::from("?"), String::new()),
    };
    format!("{} {arrow} {who}: “{}”", sanitize(&link.relation), sanitize(&quote))
}

/// A voice's short name, sanitised.
pub fn short(core: &Core, voice: usize) -> String {
    sanitize(&core.doc.short_name(core.doc.voices()[voice].contributor)).into_owned()
}

/// Brings the other end of the link at the cursor into view in its own
/// pane, its cursor on it (so it is marked), and that pane on screen beside
/// the focused one when they do not fit together otherwise. Side by side
/// only: in turn order the info line names the other end.
pub fn reveal(core: &mut Core) {
    if core.turns_on() {
        return;
    }
    let Some((h, links)) = here(core) else { return };
    let Some(link) = chosen(core, &links) else { return };
    let Some(other) = link.other(&h.id).and_then(|id| core.annotations.highlight(id)).cloned()
    else {
        return;
    };
    if other.orphan || other.voice == core.focus {
        return;
    }
    let voice = &core.doc.voices()[other.voice];
    let para = (other.start.para as usize).min(voice.paragraphs.len() - 1);
    let p = core.doc.paragraph(voice.paragraphs.at(para));
    let view = core.viewport();
    let pane = &mut core.panes[other.voice];
    pane.cursor = Cursor { para, sentence: p.sentence_at(other.start.byte as usize) };
    pane.word = None;
    pane.ensure_visible(&mut pane::rows(&core.doc, voice, view.width), view.height);
    // The other pane onto the screen, the focused one staying on it.
    let count = core.visible_count();
    let (lo, hi) = (core.focus.min(other.voice), core.focus.max(other.voice));
    if hi - lo < count
        && (other.voice < core.first_visible || other.voice >= core.first_visible + count)
    {
        core.first_visible = if other.voice < core.first_visible { lo } else { hi + 1 - count };
    }
}
