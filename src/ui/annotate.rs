//! Annotating from the keyboard: the selection, and every action that
//! changes annotations (tag, note, delete, undo, the tag manager, orphans).
//! Like the rest of `update`, no I/O: edits go to [`Annotations`](crate::model::annotations::Annotations), and the
//! event loop saves whatever revision is new.

use std::sync::Arc;

use crate::model::annotations::{Edit, Highlight, PALETTE, Stamp, Tag, Target, quote_in};
use crate::model::{Conversation, Pos, Voice};

use super::app::App;
use super::overlay::{
    Confirm, NoteEditor, OrphanList, Overlay, Pending, Picker, PickerPurpose, PickerRow, Prompt,
    PromptPurpose, TagManager,
};
use super::pane::{Cursor, rows};

pub use super::select::Selection;

/// The cursor's sentence in `voice`, without its trailing spaces.
pub fn sentence_range(doc: &Conversation, voice: &Voice, cursor: Cursor) -> (Pos, Pos) {
    let p = doc.paragraph(voice.paragraphs[cursor.para]);
    let span = p.sentences()[cursor.sentence];
    let trimmed = p.text()[span.range()].trim_end().len();
    (
        Pos::new(cursor.para, span.start as usize),
        Pos::new(cursor.para, span.start as usize + trimmed),
    )
}

/// What tagging or a note acts on: the selection, or the cursor's sentence.
pub fn target(app: &App) -> Target {
    if let Some(sel) = app.selection.filter(|s| s.voice == app.focus) {
        return sel.target();
    }
    let voice = &app.doc.voices()[app.focus];
    let (start, end) = sentence_range(&app.doc, voice, app.panes[app.focus].cursor);
    Target { voice: app.focus, start, end }
}

/// The highlight "under the cursor": the one covering exactly the target,
/// else the smallest one containing the target's start, else the first one
/// overlapping it.
pub fn under_cursor(app: &App) -> Option<&Arc<Highlight>> {
    let t = target(app);
    let overlapping: Vec<&Arc<Highlight>> =
        app.annotations.overlapping(t.voice, t.start, t.end).collect();
    overlapping
        .iter()
        .find(|h| h.start == t.start && h.end == t.end)
        .or_else(|| {
            overlapping
                .iter()
                .filter(|h| h.start <= t.start)
                .min_by_key(|h| (h.end.para - h.start.para, h.end.byte.wrapping_sub(h.start.byte)))
        })
        .or_else(|| overlapping.first())
        .copied()
}

/// Every highlight overlapping the cursor's sentence (for the info line).
pub fn at_cursor(app: &App) -> Vec<&Arc<Highlight>> {
    let t = target(app);
    app.annotations.overlapping(t.voice, t.start, t.end).collect()
}

fn stamp(app: &App) -> Stamp {
    Stamp { id: uuid::Uuid::new_v4().to_string(), coder: app.coder.clone(), now: app.now }
}

/// Applies an edit unless the file is read-only; says what happened.
fn commit(app: &mut App, edit: Edit) -> bool {
    if let Some(why) = &app.saving.read_only {
        app.message = Some(format!("read-only: {why}"));
        return false;
    }
    app.message = Some(edit.label.clone());
    let changed = !edit.changes.is_empty();
    app.annotations.apply(edit);
    changed
}

fn read_only(app: &mut App) -> bool {
    if let Some(why) = &app.saving.read_only {
        app.message = Some(format!("read-only: {why}"));
        return true;
    }
    false
}

/// `v`: start a selection on the cursor's sentence; again: stop growing it.
pub fn toggle_select(app: &mut App) {
    match &mut app.selection {
        Some(sel) if !sel.done && sel.voice == app.focus => sel.done = true,
        _ => {
            let voice = &app.doc.voices()[app.focus];
            let anchor = sentence_range(&app.doc, voice, app.panes[app.focus].cursor);
            app.selection =
                Some(Selection { voice: app.focus, anchor, head: anchor.1, done: false });
        }
    }
}

/// Moves the head of a growing selection by a sentence (`word == false`) or
/// a word, forward or back, across paragraphs; the cursor follows.
pub fn extend(app: &mut App, forward: bool, word: bool) -> bool {
    let Some(sel) = app.selection.filter(|s| !s.done && s.voice == app.focus) else { return false };
    let voice = &app.doc.voices()[sel.voice];
    let head = super::select::step(&app.doc, voice, sel.anchor, sel.head, forward, word);
    if let Some(s) = &mut app.selection {
        s.head = head;
    }
    // Put the cursor on the sentence at the head, so the view follows it.
    let para = head.para as usize;
    let p = app.doc.paragraph(voice.paragraphs[para]);
    let at = if head > sel.anchor.0 {
        (head.byte as usize).saturating_sub(1)
    } else {
        head.byte as usize
    };
    let view = app.viewport();
    let pane = &mut app.panes[sel.voice];
    pane.cursor = Cursor { para, sentence: p.sentence_at(at) };
    pane.ensure_visible(&mut rows(&app.doc, voice, view.width), view.height);
    true
}

/// `t` / `Enter`: open the tag picker for the target.
pub fn open_picker(app: &mut App) {
    if read_only(app) {
        return;
    }
    let target = target(app);
    app.overlay = Overlay::Picker(Picker::new(PickerPurpose::Apply(target), &app.annotations));
}

/// The colour for a new tag: the first palette colour no tag uses.
fn next_color(app: &App) -> crate::model::annotations::Rgb {
    let used: Vec<_> = app.annotations.tags().iter().map(|t| t.color).collect();
    PALETTE
        .iter()
        .copied()
        .find(|c| !used.contains(c))
        .unwrap_or(PALETTE[app.annotations.tags().len() % PALETTE.len()])
}

/// Applies tag `name` (creating it if `new`) to `target`, and ends the selection.
pub fn apply_tag(app: &mut App, target: Target, name: &str, new: bool) {
    let new_tag = new.then(|| Tag {
        name: name.to_owned(),
        color: next_color(app),
        description: String::new(),
        key: None,
    });
    let edit = app.annotations.tag_target(&app.doc, &target, name, new_tag, &stamp(app));
    if commit(app, edit) {
        end_selection_on(app, &target);
    }
}

/// A selection that has been tagged or noted is done with; one waiting in
/// another voice is kept.
fn end_selection_on(app: &mut App, target: &Target) {
    if app.selection.is_some_and(|s| s.target() == *target) {
        app.selection = None;
    }
}

/// `1`–`9`: apply the tag on that quick key.
pub fn quick_tag(app: &mut App, key: u8) {
    match app.annotations.tags().iter().find(|t| t.key == Some(key)).map(|t| t.name.clone()) {
        Some(name) => {
            let target = target(app);
            apply_tag(app, target, &name, false);
        }
        None => app.message = Some(format!("no tag on key {key} (T opens the tag manager)")),
    }
}

/// Enter in the picker.
pub fn picker_accept(app: &mut App) {
    let Overlay::Picker(picker) = std::mem::take(&mut app.overlay) else { return };
    let Some(row) = picker.chosen().cloned() else {
        app.overlay = Overlay::Picker(picker);
        return;
    };
    match (picker.purpose, row) {
        (PickerPurpose::Apply(target), PickerRow::Existing(name)) => {
            apply_tag(app, target, &name, false)
        }
        (PickerPurpose::Apply(target), PickerRow::New(name)) => apply_tag(app, target, &name, true),
        (PickerPurpose::MergeInto(from), PickerRow::Existing(into)) => {
            let edit = app.annotations.merge_tags(&from, &into, app.now);
            commit(app, edit);
            app.overlay = Overlay::Tags(TagManager::on(&into));
        }
        (PickerPurpose::MergeInto(_), PickerRow::New(_)) => {}
        (PickerPurpose::Compare, PickerRow::Existing(name)) => super::compare::start(app, &name),
        (PickerPurpose::Compare, PickerRow::New(_)) => {}
    }
}

/// `e`: the note editor for the highlight under the cursor (or a new one on
/// the target when the note is first written).
pub fn open_note(app: &mut App) {
    if read_only(app) {
        return;
    }
    let target = target(app);
    let editor = match under_cursor(app) {
        Some(h) => NoteEditor::new(
            &h.note,
            Some(h.id.clone()),
            target,
            h.quote.exact.clone(),
            h.tags.clone(),
        ),
        None => {
            let voice = &app.doc.voices()[target.voice];
            let quote = quote_in(&app.doc, voice, target.start, target.end).exact;
            NoteEditor::new("", None, target, quote, Vec::new())
        }
    };
    app.overlay = Overlay::Note(editor);
}

/// Closing the note editor saves the note.
pub fn note_accept(app: &mut App) {
    let Overlay::Note(editor) = std::mem::take(&mut app.overlay) else { return };
    let edit = app.annotations.set_note(
        &app.doc,
        editor.id.as_deref(),
        &editor.target,
        &editor.text(),
        &stamp(app),
    );
    if commit(app, edit) {
        end_selection_on(app, &editor.target);
    }
}

/// `d`: delete the highlight under the cursor, asking first if it has a note.
pub fn delete(app: &mut App) {
    if read_only(app) {
        return;
    }
    let Some(h) = under_cursor(app) else {
        app.message = Some("no highlight under the cursor".into());
        return;
    };
    let id = h.id.clone();
    delete_highlight(app, &id);
}

/// Deletes highlight `id`, asking first if it has a note.
pub fn delete_highlight(app: &mut App, id: &str) {
    let Some(h) = app.annotations.highlight(id) else { return };
    if h.note.trim().is_empty() {
        let edit = app.annotations.delete(id);
        commit(app, edit);
    } else {
        let question =
            format!("Delete this highlight and its note (“{}”)?", first_line(&h.note, 40));
        app.overlay = Overlay::Confirm(Confirm {
            question,
            pending: Pending::DeleteHighlight(id.to_owned()),
            back: Box::new(Overlay::None),
        });
    }
}

/// The first line of `text`, cut to `max` chars.
pub fn first_line(text: &str, max: usize) -> String {
    let line = text.lines().next().unwrap_or("");
    if line.chars().count() > max || text.lines().nth(1).is_some() {
        format!("{}…", line.chars().take(max).collect::<String>())
    } else {
        line.to_owned()
    }
}

pub fn undo(app: &mut App) {
    if read_only(app) {
        return;
    }
    app.message = Some(match app.annotations.undo() {
        Some(label) => format!("undid: {label}"),
        None => "nothing to undo".into(),
    });
}

pub fn redo(app: &mut App) {
    if read_only(app) {
        return;
    }
    app.message = Some(match app.annotations.redo() {
        Some(label) => format!("redid: {label}"),
        None => "nothing to redo".into(),
    });
}

/// `y` to a question; what the event loop must do then.
pub fn confirm_yes(app: &mut App) -> super::app::Effect {
    use super::app::Effect;
    let Overlay::Confirm(confirm) = std::mem::take(&mut app.overlay) else { return Effect::None };
    app.overlay = *confirm.back;
    match confirm.pending {
        Pending::DeleteHighlight(id) => {
            let edit = app.annotations.delete(&id);
            commit(app, edit);
        }
        Pending::DeleteTag(name) => {
            let edit = app.annotations.delete_tag(&name, app.now);
            commit(app, edit);
        }
        Pending::QuitUnsaved => return Effect::Quit,
        Pending::Overwrite(request) => return Effect::Export(request),
        disk @ (Pending::DiskBoth(_) | Pending::DiskMine(_) | Pending::DiskUnreadable { .. }) => {
            return super::disk::yes(app, disk);
        }
    }
    Effect::None
}

pub fn confirm_no(app: &mut App) {
    if let Overlay::Confirm(confirm) = std::mem::take(&mut app.overlay) {
        app.overlay = *confirm.back;
        if super::disk::no(app, &confirm.pending) {
            return;
        }
        app.message = Some("cancelled".into());
    }
}

/// The tag the tag manager has selected.
fn managed_tag(app: &App) -> Option<Tag> {
    match &app.overlay {
        Overlay::Tags(m) => app.annotations.tags().get(m.selected).cloned(),
        _ => None,
    }
}

/// The tag manager's actions.
pub fn manage(app: &mut App, action: &super::Action) {
    use super::Action as A;
    if let Overlay::Tags(m) = &mut app.overlay {
        let n = app.annotations.tags().len();
        match action {
            A::Down => {
                *m = TagManager { selected: (m.selected + 1).min(n.saturating_sub(1)), tag: None }
            }
            A::Up => *m = TagManager { selected: m.selected.saturating_sub(1), tag: None },
            _ => {}
        }
    }
    let Some(tag) = managed_tag(app) else { return };
    if !matches!(action, A::Down | A::Up) && read_only(app) {
        return;
    }
    match action {
        A::RenameTag => {
            let title = format!("Rename “{}” to", tag.name);
            let name = tag.name.clone();
            app.overlay =
                Overlay::Prompt(Prompt::new(title, &tag.name, PromptPurpose::RenameTag(name)));
        }
        A::DescribeTag => {
            let title = format!("Describe “{}”", tag.name);
            app.overlay = Overlay::Prompt(Prompt::new(
                title,
                &tag.description,
                PromptPurpose::DescribeTag(tag.name),
            ));
        }
        A::RecolorTag => {
            let i =
                PALETTE.iter().position(|c| *c == tag.color).map_or(0, |i| (i + 1) % PALETTE.len());
            let edit = app.annotations.recolor_tag(&tag.name, PALETTE[i]);
            commit(app, edit);
        }
        A::SetKey(k) => {
            let edit = app.annotations.set_tag_key(&tag.name, (*k != 0).then_some(*k));
            commit(app, edit);
        }
        A::MergeTag => {
            app.overlay =
                Overlay::Picker(Picker::new(PickerPurpose::MergeInto(tag.name), &app.annotations));
        }
        A::DeleteTag => {
            let count = app.annotations.count(&tag.name);
            let question = format!("Delete tag “{}”? {count} highlight(s) lose it.", tag.name);
            let back = Box::new(std::mem::take(&mut app.overlay));
            app.overlay =
                Overlay::Confirm(Confirm { question, pending: Pending::DeleteTag(tag.name), back });
        }
        _ => {}
    }
}

/// Enter in a prompt.
pub fn prompt_accept(app: &mut App) {
    let Overlay::Prompt(prompt) = std::mem::take(&mut app.overlay) else { return };
    let text = prompt.text();
    // The manager stays on the tag just edited (under its new name if renamed).
    let edited = match &prompt.purpose {
        PromptPurpose::RenameTag(old) if app.annotations.tag(&text).is_some() => old.clone(),
        PromptPurpose::RenameTag(_) => text.clone(),
        PromptPurpose::DescribeTag(name) => name.clone(),
    };
    let edit = match &prompt.purpose {
        PromptPurpose::RenameTag(old) if text.is_empty() => {
            app.message = Some("a tag needs a name".into());
            app.overlay =
                Overlay::Prompt(Prompt::new(prompt.title.clone(), old, prompt.purpose.clone()));
            return;
        }
        PromptPurpose::RenameTag(old) => app.annotations.rename_tag(old, &text, app.now),
        PromptPurpose::DescribeTag(name) => app.annotations.describe_tag(name, &text),
    };
    commit(app, edit);
    app.overlay = Overlay::Tags(TagManager::on(&edited));
}

/// The orphan list's actions.
pub fn orphans(app: &mut App, action: &super::Action) {
    use super::Action as A;
    let count = app.annotations.orphans().count();
    let Overlay::Orphans(list) = &mut app.overlay else { return };
    match action {
        A::Down => list.selected = (list.selected + 1).min(count.saturating_sub(1)),
        A::Up => list.selected = list.selected.saturating_sub(1),
        A::Accept | A::Delete => {
            let selected = list.selected;
            let Some(h) = app.annotations.orphans().nth(selected).cloned() else { return };
            if read_only(app) {
                return;
            }
            if *action == A::Accept {
                let target = target(app);
                let edit = app.annotations.attach(&app.doc, &h.id, &target, app.now);
                commit(app, edit);
                app.selection = None;
            } else if h.note.trim().is_empty() {
                let edit = app.annotations.delete(&h.id);
                commit(app, edit);
            } else {
                let question =
                    format!("Delete this orphan and its note (“{}”)?", first_line(&h.note, 40));
                let back = Box::new(Overlay::Orphans(OrphanList { selected }));
                app.overlay = Overlay::Confirm(Confirm {
                    question,
                    pending: Pending::DeleteHighlight(h.id.clone()),
                    back,
                });
                return;
            }
            let count = app.annotations.orphans().count();
            if count == 0 {
                // Nothing left to review: back to the text, where it went.
                app.overlay = Overlay::None;
                if let Some(m) = &mut app.message {
                    m.push_str(" · no orphans left");
                }
            } else if let Overlay::Orphans(list) = &mut app.overlay {
                list.selected = list.selected.min(count.saturating_sub(1));
            }
        }
        _ => {}
    }
}

/// `]` / `[`: the cursor to the next or previous highlight of the focused
/// voice (from the cursor's sentence), with its tags on the info line.
pub fn jump(app: &mut App, forward: bool) {
    let voice = &app.doc.voices()[app.focus];
    let (at, end) = sentence_range(&app.doc, voice, app.panes[app.focus].cursor);
    let found = if forward {
        // Past every highlight that starts in the cursor's sentence.
        app.annotations.next_after(
            app.focus,
            Pos::new(end.para as usize, (end.byte as usize).saturating_sub(1)),
        )
    } else {
        app.annotations.prev_before(app.focus, at)
    };
    let Some(h) = found.cloned() else {
        app.message = Some(format!(
            "no {} highlight in this voice",
            if forward { "later" } else { "earlier" }
        ));
        return;
    };
    app.go_to(app.focus, h.start);
}
