//! The tag manager (`T`): every tag with its key, colour, uses and
//! description; rename, recolour, describe, put on a quick key, merge,
//! delete, undo. Its cursor stays on the same tag through every change
//! (or its neighbour, when the tag is gone).
//!
//! Nested tags (`parent/child`) show as a tree. A parent that is not a tag
//! itself has a row too: renaming it moves its branch; the other keys say
//! what they would need.

mod view;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode::{Down, Esc, Up};
use ratatui::layout::Rect;

use crate::model::annotations::{PALETTE, Tag, tree};
use crate::model::count::{count, plural};
use crate::ui::core::action::Action;
use crate::ui::core::edit::{self, commit, read_only};
use crate::ui::core::effect::{Effect, Open, Pending, PickerPurpose, PromptPurpose, Reply};
use crate::ui::core::keys::{Binding, Context, DIGITS, bind, ch, ctrl, key};
use crate::ui::core::room::Room;
use crate::ui::core::{Core, Mode};

pub const KEYS: &[Binding] = &[
    bind(Context::Tags, &[ch('j'), key(Down)], Action::Down, "next tag"),
    bind(Context::Tags, &[ch('k'), key(Up)], Action::Up, "previous tag"),
    bind(Context::Tags, &[ch('r')], Action::RenameTag, "rename (every highlight follows)"),
    bind(Context::Tags, &[ch('c')], Action::RecolorTag, "next colour"),
    bind(Context::Tags, &[ch('e')], Action::DescribeTag, "edit the description"),
    bind(Context::Tags, DIGITS, Action::SetKey(1), "put the tag on quick key 1–9"),
    bind(Context::Tags, &[ch('0')], Action::SetKey(0), "take its quick key away"),
    bind(Context::Tags, &[ch('m')], Action::MergeTag, "merge into another tag"),
    bind(Context::Tags, &[ch('x')], Action::DeleteTag, "delete the tag (asks first)"),
    bind(Context::Tags, &[ch('u')], Action::Undo, "undo"),
    bind(Context::Tags, &[ctrl('r')], Action::Redo, "redo"),
    bind(Context::Tags, &[key(Esc), ch('T')], Action::Escape, "close"),
];

/// The tag manager's cursor: its row, and the name of the tag on it.
/// [`Room::sync`] puts the row back on that tag
/// after any change (a rename, merge, delete, undo, redo); a tag that is
/// gone leaves the cursor on the same row, its neighbour.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TagManager {
    pub selected: usize,
    /// The tag under the cursor; `None` follows `selected`.
    pub tag: Option<String>,
}

impl TagManager {
    /// The manager with its cursor on the tag named `name`.
    pub fn on(name: &str) -> Self {
        Self { selected: 0, tag: Some(name.to_owned()) }
    }

    /// Re-finds the remembered tag among the rows of `tags` (or keeps the
    /// row, inside them), then remembers the tag now under the cursor.
    pub fn sync(&mut self, tags: &[Tag]) {
        let rows = tree::tree(tags);
        if let Some(i) =
            self.tag.as_ref().and_then(|name| rows.iter().position(|n| &n.name == name))
        {
            self.selected = i;
        }
        self.selected = self.selected.min(rows.len().saturating_sub(1));
        self.tag = rows.get(self.selected).map(|n| n.name.clone());
    }
}

impl Room for TagManager {
    fn mode(&self) -> Mode {
        Mode::Tags
    }
    fn context(&self) -> Context {
        Context::Tags
    }
    fn hints(&self) -> &'static [(&'static str, &'static str)] {
        &[
            ("r", "rename"),
            ("c", "colour"),
            ("e", "describe"),
            ("1–9", "key"),
            ("m", "merge"),
            ("x", "delete"),
            ("u", "undo"),
            ("Esc", "close"),
        ]
    }

    fn update(&mut self, core: &mut Core, action: Action) -> Effect {
        let n = tree::tree(core.annotations.tags()).len();
        match action {
            Action::Escape => return Effect::Close,
            Action::Undo => edit::undo(core),
            Action::Redo => edit::redo(core),
            Action::Down => {
                *self =
                    TagManager { selected: (self.selected + 1).min(n.saturating_sub(1)), tag: None }
            }
            Action::Up => {
                *self = TagManager { selected: self.selected.saturating_sub(1), tag: None }
            }
            other => return self.manage(core, &other),
        }
        Effect::None
    }

    fn view(&self, core: &Core, area: Rect, buf: &mut Buffer) {
        view::draw(self, core, area, buf);
    }

    fn sync(&mut self, core: &Core) {
        TagManager::sync(self, core.annotations.tags());
    }

    fn check(&self, core: &Core) -> Result<(), String> {
        if self.selected >= tree::tree(core.annotations.tags()).len().max(1) {
            return Err("tag manager cursor is past the tags".into());
        }
        Ok(())
    }

    /// Back from a rename or a merge: on the tag it ended on.
    fn reply(&mut self, core: &mut Core, reply: Reply) {
        let Reply::Tag(name) = reply;
        self.tag = Some(name);
        TagManager::sync(self, core.annotations.tags());
    }
}

impl TagManager {
    /// The row under the cursor: its whole name, and its tag unless it
    /// only groups the tags under it.
    fn managed(&self, core: &Core) -> Option<(String, Option<Tag>)> {
        let row = tree::tree(core.annotations.tags()).into_iter().nth(self.selected)?;
        let tag = row.tag.and_then(|i| core.annotations.tags().get(i).cloned());
        Some((row.name, tag))
    }

    /// The keys that change the tag under the cursor.
    fn manage(&mut self, core: &mut Core, action: &Action) -> Effect {
        let Some((name, tag)) = self.managed(core) else { return Effect::None };
        if read_only(core) {
            return Effect::None;
        }
        let Some(tag) = tag else {
            // A parent that is only a name: its branch can be renamed.
            if matches!(action, Action::RenameTag) {
                return Effect::Open(Open::Prompt(PromptPurpose::RenameTag(name)));
            }
            core.message = Some(format!(
                "“{name}” is a group, not a tag (nothing to describe, colour or key): r renames it with the tags under it; tag a passage “{name}” to make it a tag"
            ));
            return Effect::None;
        };
        match action {
            Action::RenameTag => Effect::Open(Open::Prompt(PromptPurpose::RenameTag(tag.name))),
            Action::DescribeTag => Effect::Open(Open::Prompt(PromptPurpose::DescribeTag(tag.name))),
            Action::RecolorTag => {
                let i = PALETTE
                    .iter()
                    .position(|c| *c == tag.color)
                    .map_or(0, |i| (i + 1) % PALETTE.len());
                let edit = core.annotations.recolor_tag(&tag.name, PALETTE[i]);
                commit(core, edit);
                Effect::None
            }
            Action::SetKey(k) => {
                let edit = core.annotations.set_tag_key(&tag.name, (*k != 0).then_some(*k));
                commit(core, edit);
                Effect::None
            }
            Action::MergeTag => Effect::Open(Open::Picker(PickerPurpose::MergeInto(tag.name))),
            Action::DeleteTag => {
                let n = core.annotations.count(&tag.name);
                let gone = core.annotations.emptied_by_deleting(&tag.name);
                let question = format!(
                    "Delete tag “{}”? {} {} it{}.",
                    tag.name,
                    count(n, "highlight", "highlights"),
                    plural(n, "loses", "lose"),
                    match gone {
                        0 => String::new(),
                        g if g == n => format!(
                            ", and {} no other tag, note or link, so {} removed",
                            plural(n, "has", "have"),
                            plural(n, "it is", "they are")
                        ),
                        g => format!(
                            "; {} no other tag, note or link and {} removed",
                            count(g, "has", "have"),
                            plural(g, "is", "are")
                        ),
                    }
                );
                Effect::Open(Open::Confirm { question, pending: Pending::DeleteTag(tag.name) })
            }
            _ => Effect::None,
        }
    }
}
