//! A one-line prompt about a tag: renaming it or describing it, opened
//! from the tag manager (which goes back to the tag when it closes). The
//! text edits with the keys of a shell (see [`input`]).

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode::{Enter, Esc};
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use ratatui_textarea::TextArea;

use crate::model::annotations::tree;
use crate::model::count::count;
use crate::model::sanitize::sanitize;
use crate::ui::core::action::Action;
use crate::ui::core::edit::commit;
use crate::ui::core::effect::{Effect, PromptPurpose, Reply};
use crate::ui::core::keys::{Binding, Context, bind, key};
use crate::ui::core::panel::popup;
use crate::ui::core::room::Room;
use crate::ui::core::text::{self, phrases};
use crate::ui::core::{Core, Mode, input};

pub const KEYS: &[Binding] = &[
    bind(Context::Prompt, &[key(Enter)], Action::Accept, "accept"),
    bind(Context::Prompt, &[key(Esc)], Action::Escape, "cancel"),
];

/// A one-line prompt: what it asks, the text, what it is for.
#[derive(Clone, Debug)]
pub struct Prompt {
    pub title: String,
    pub input: TextArea<'static>,
    pub purpose: PromptPurpose,
    /// The text it opened with.
    original: String,
}

impl Prompt {
    pub fn new(title: String, text: &str, purpose: PromptPurpose) -> Self {
        let mut input = TextArea::new(vec![text.to_owned()]);
        input.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
        input.move_cursor(ratatui_textarea::CursorMove::End);
        Self { title, input, purpose, original: text.to_owned() }
    }

    pub fn text(&self) -> String {
        crate::model::sanitize::trim_invisible(&self.input.lines().join(" ")).to_owned()
    }
}

/// The prompt for `purpose`, filled in from the tag it is about.
pub fn open(core: &Core, purpose: PromptPurpose) -> Prompt {
    match &purpose {
        PromptPurpose::RenameTag(name) => {
            // A parent's branch moves with it: say so.
            let under = core
                .annotations
                .tags()
                .iter()
                .filter(|t| t.name != *name && tree::within(&t.name, name))
                .count();
            let title = match under {
                0 => format!("Rename “{name}” to"),
                n => format!("Rename “{name}” and the {} under it to", count(n, "tag", "tags")),
            };
            Prompt::new(title, name, purpose.clone())
        }
        PromptPurpose::DescribeTag(name) => {
            let text =
                core.annotations.tag(name).map(|t| t.description.clone()).unwrap_or_default();
            Prompt::new(format!("Describe “{name}”"), &text, purpose.clone())
        }
        PromptPurpose::Against => {
            let text = core.against.as_ref().map(|a| a.label.clone()).unwrap_or_default();
            Prompt::new("Another coder's annotation file".into(), &text, purpose.clone())
        }
        PromptPurpose::NewRelation => Prompt::new("A new relation".into(), "", purpose.clone()),
        PromptPurpose::RenameRelation(name) => {
            Prompt::new(format!("Rename relation “{name}” to"), name, purpose.clone())
        }
        PromptPurpose::DescribeRelation(name) => {
            let r = core.annotations.relation(name).map(|r| r.description.clone());
            Prompt::new(format!("Describe “{name}”"), &r.unwrap_or_default(), purpose.clone())
        }
        PromptPurpose::LinkNote(id) => {
            let note = core.annotations.link(id).map(|l| l.note.clone()).unwrap_or_default();
            Prompt::new("The link's note".into(), &note, purpose.clone())
        }
    }
}

impl Room for Prompt {
    fn mode(&self) -> Mode {
        Mode::Prompt
    }
    fn context(&self) -> Context {
        Context::Prompt
    }
    fn hints(&self) -> &'static [(&'static str, &'static str)] {
        &[("Enter", "accept"), ("Esc", "cancel")]
    }

    fn update(&mut self, core: &mut Core, action: Action) -> Effect {
        match action {
            Action::Accept => self.accept(core),
            // Back to the manager, on the tag the prompt was about.
            Action::Escape => Effect::Close,
            Action::Text(key) => {
                input::edit(&mut self.input, key);
                Effect::None
            }
            Action::Paste(text) => {
                input::paste(&mut self.input, &text);
                Effect::None
            }
            _ => Effect::None,
        }
    }

    fn keep_draft(&mut self, core: &mut Core) {
        // Closed from outside: a description or a link's note being
        // written is kept, as a note is. A name half typed is not: a tag
        // or relation renamed to half a word is worse than the old name.
        let words = matches!(
            self.purpose,
            PromptPurpose::DescribeTag(_)
                | PromptPurpose::DescribeRelation(_)
                | PromptPurpose::LinkNote(_)
        );
        if words && self.text() != self.original.trim() {
            self.accept(core);
        }
    }

    fn view(&self, core: &Core, area: Rect, buf: &mut Buffer) {
        let p = self;
        // The title is what is asked (cut with `…` only if it alone is too
        // wide); the keys follow when they fit whole.
        let w = 80.min(area.width);
        let room = usize::from(w.saturating_sub(4));
        let title = phrases(&[&sanitize(&p.title), "Enter accepts, Esc cancels"], room);
        // A long text (a description) wraps, up to six rows, instead of
        // scrolling sideways.
        let rows = text::wrap(&p.text(), w.saturating_sub(3)).len().clamp(1, 6) as u16;
        let inner = popup(core, area, w, rows + 2, &format!(" {title} "), buf);
        p.input.render(inner, buf);
    }
}

impl Prompt {
    /// Enter: rename or describe; the manager stays on the tag just edited
    /// (under its new name if renamed).
    fn accept(&mut self, core: &mut Core) -> Effect {
        let text = self.text();
        if self.purpose == PromptPurpose::Against {
            if text.is_empty() {
                core.message = Some("name another coder's annotation file".into());
                return Effect::None;
            }
            // The prompt stays until the file is read: closed if it was,
            // left with what was typed and the reason if not (see
            // `dispatch`), so the next keys correct the path and never
            // reach the reader as commands.
            let path = crate::ui::core::text::expand_home(&text, core.home.as_deref());
            return Effect::LoadAgainst(path.into());
        }
        if let Some(effect) = accept_for_links(core, &self.purpose, &text) {
            return effect;
        }
        // A name another tag has: the prompt stays, with what was typed, to
        // be corrected (merging two tags is the manager's `m`).
        if let PromptPurpose::RenameTag(old) = &self.purpose
            && *old != text
            && let Some(other) = core.annotations.tag_alike(&text).filter(|t| t.name != *old)
        {
            core.message = Some(format!(
                "there is a tag “{}” already: another name, or Esc and m to merge them",
                sanitize(&other.name)
            ));
            return Effect::None;
        }
        let edited = match &self.purpose {
            PromptPurpose::RenameTag(old) if core.annotations.tag(&text).is_some() => old.clone(),
            PromptPurpose::RenameTag(_) => text.clone(),
            PromptPurpose::DescribeTag(name) => name.clone(),
            _ => return Effect::None,
        };
        let edit = match &self.purpose {
            PromptPurpose::RenameTag(old) if text.is_empty() => {
                core.message = Some("a tag needs a name".into());
                *self = Prompt::new(self.title.clone(), old, self.purpose.clone());
                return Effect::None;
            }
            PromptPurpose::RenameTag(old) => core.annotations.rename_tag(old, &text, core.now),
            PromptPurpose::DescribeTag(name) => core.annotations.describe_tag(name, &text),
            _ => return Effect::None,
        };
        commit(core, edit);
        Effect::Reply(Reply::Tag(edited))
    }
}

/// Enter on a prompt about a relation or a link's note (`None`: another
/// purpose). A relation renamed takes its links along; names stay unique.
fn accept_for_links(core: &mut Core, purpose: &PromptPurpose, text: &str) -> Option<Effect> {
    let mut all = core.annotations.relations().to_vec();
    let taken = |name: &str| all.iter().any(|r| r.name == name);
    let (edit, name) = match purpose {
        PromptPurpose::LinkNote(id) => {
            let edit = core.annotations.set_link_note(id, text, core.now);
            commit(core, edit);
            return Some(Effect::Close);
        }
        PromptPurpose::NewRelation | PromptPurpose::RenameRelation(_) if text.is_empty() => {
            core.message = Some("a relation needs a name".into());
            return Some(Effect::None);
        }
        PromptPurpose::RenameRelation(old) if old == text => return Some(Effect::Close),
        PromptPurpose::NewRelation | PromptPurpose::RenameRelation(_) if taken(text) => {
            core.message = Some(format!("there is a relation “{}” already", sanitize(text)));
            return Some(Effect::None);
        }
        PromptPurpose::NewRelation => {
            let used: Vec<_> = all.iter().map(|r| r.color).collect();
            let color = crate::model::annotations::PALETTE
                .iter()
                .copied()
                .find(|c| !used.contains(c))
                .unwrap_or(crate::model::annotations::PALETTE[0]);
            all.push(crate::model::annotations::Relation {
                name: text.to_owned(),
                color,
                both_ways: false,
                description: String::new(),
            });
            (core.annotations.set_relations(all, None, core.now), text.to_owned())
        }
        PromptPurpose::RenameRelation(old) => {
            all.iter_mut().filter(|r| r.name == *old).for_each(|r| r.name = text.to_owned());
            let renamed = Some((old.as_str(), text));
            (core.annotations.set_relations(all, renamed, core.now), text.to_owned())
        }
        PromptPurpose::DescribeRelation(name) => {
            all.iter_mut().filter(|r| r.name == *name).for_each(|r| r.description = text.into());
            (core.annotations.set_relations(all, None, core.now), name.clone())
        }
        _ => return None,
    };
    commit(core, edit);
    Some(Effect::Reply(Reply::Tag(name)))
}
