//! What an export carries, worked out once: the highlights in scope in
//! document order with their positions, the tags, the contributors and
//! their texts, the links between highlights in scope (see [`Export`]).

use super::{ExportError, Filter};
use crate::model::annotations::{Annotations, Highlight, Link, Relation, Tag, tree};
use crate::model::stats::Matrix;
use crate::model::{Contributor, Conversation, VoiceText};

/// One highlight as exported: its tags in scope and its positions.
#[derive(Clone, Debug)]
pub struct Item<'a> {
    pub highlight: &'a Highlight,
    /// The highlight's tags that are in scope, in the order applied.
    pub tags: Vec<&'a str>,
    /// Code points in the contributor's section text, end exclusive.
    pub start: usize,
    pub end: usize,
    /// 1-based paragraphs (within the contributor's section) where it starts and ends.
    pub paragraph: usize,
    pub end_paragraph: usize,
    /// When the paragraph where it starts was spoken; `""` if not known.
    pub time: &'a str,
}

impl Item<'_> {
    /// "¶3" or "¶3–4".
    pub fn paragraphs(&self) -> String {
        if self.end_paragraph > self.paragraph {
            format!("¶{}–{}", self.paragraph, self.end_paragraph)
        } else {
            format!("¶{}", self.paragraph)
        }
    }
}

/// One link as exported: both its ends are highlights in scope.
#[derive(Clone, Debug)]
pub struct LinkItem<'a> {
    pub link: &'a Link,
    pub relation: &'a Relation,
    /// The ends, as indexes into [`Export::items`].
    pub from: usize,
    pub to: usize,
}

/// Everything an export needs, worked out once.
pub struct Export<'a> {
    pub doc: &'a Conversation,
    pub annotations: &'a Annotations,
    /// Tags in scope, in the annotation file's order.
    pub tags: Vec<&'a Tag>,
    /// Contributors (voices) in scope, in order.
    pub voices: Vec<usize>,
    /// Highlights in scope, in document order (contributor, position).
    pub items: Vec<Item<'a>>,
    /// Highlights in scope that could not be found in the text: they have no
    /// position, so only the formats that list them (Markdown) carry them.
    pub orphans: Vec<&'a Highlight>,
    /// Links in scope, by id: those whose two ends are both in `items` (a
    /// link to a passage filtered out, or not found in the text, is left
    /// out with it).
    pub links: Vec<LinkItem<'a>>,
    /// Every contributor's section text (see the module docs).
    pub texts: Vec<VoiceText>,
    /// `crosstalk <version>`.
    pub generator: String,
}

impl<'a> Export<'a> {
    pub fn new(
        doc: &'a Conversation,
        annotations: &'a Annotations,
        filter: &Filter,
    ) -> Result<Self, ExportError> {
        // A parent names its whole branch, as the list, the matrix and
        // `stats` take it (whether or not it is a tag itself).
        let chosen =
            |tag: &str| filter.tags.is_empty() || filter.tags.iter().any(|f| tree::within(tag, f));
        for name in &filter.tags {
            if !annotations.tags().iter().any(|t| tree::within(&t.name, name)) {
                let known = annotations.tags().iter().map(|t| format!("“{}”", t.name));
                return Err(ExportError::UnknownTag {
                    name: name.clone(),
                    known: known.collect::<Vec<_>>().join(", "),
                });
            }
        }
        let mut voices = Vec::new();
        for (i, c) in doc.contributors.iter().enumerate() {
            if filter.contributors.is_empty() || filter.contributors.contains(&c.id) {
                voices.push(i);
            }
        }
        for id in &filter.contributors {
            if !doc.contributors.iter().any(|c| &c.id == id) {
                let known = doc.contributors.iter().map(|c| c.id.as_str());
                return Err(ExportError::UnknownContributor {
                    id: id.clone(),
                    known: known.collect::<Vec<_>>().join(", "),
                });
            }
        }
        let tags: Vec<&Tag> = annotations.tags().iter().filter(|t| chosen(&t.name)).collect();
        let texts: Vec<VoiceText> = doc.voices().iter().map(|v| VoiceText::new(doc, v)).collect();
        let in_scope = |h: &'a Highlight| -> Option<Vec<&'a str>> {
            if !voices.contains(&h.voice) {
                return None;
            }
            let tags: Vec<&str> = h.tags.iter().filter(|t| chosen(t)).map(String::as_str).collect();
            (filter.tags.is_empty() || !tags.is_empty()).then_some(tags)
        };
        let mut items = Vec::new();
        let mut orphans = Vec::new();
        // Where the last start was, per voice: highlights come in document
        // order, so each start is counted on from the one before it in its
        // paragraph, and each end on from its start, not from the paragraph's
        // beginning (in one long paragraph that was quadratic).
        let mut cursors = vec![(0, 0); texts.len()];
        for h in annotations.highlights() {
            let h: &'a Highlight = h;
            let Some(tags) = in_scope(h) else { continue };
            if h.orphan {
                orphans.push(h);
                continue;
            }
            let vt = &texts[h.voice];
            let time = doc
                .voices()
                .get(h.voice)
                .and_then(|v| v.paragraphs.get(h.start.para as usize))
                .map_or("", |r| doc.paragraph(r).time());
            let start = char_offset(vt, vt.offset(h.start), cursors[h.voice]);
            let end = char_offset(vt, vt.offset(h.end), start);
            cursors[h.voice] = start;
            items.push(Item {
                time,
                highlight: h,
                tags,
                start: start.1,
                end: end.1,
                paragraph: h.start.para as usize + 1,
                end_paragraph: h.end.para as usize + 1,
            });
        }
        let links = link_items(annotations, &items);
        Ok(Self {
            doc,
            annotations,
            tags,
            voices,
            items,
            orphans,
            links,
            texts,
            generator: format!("crosstalk {}", env!("CARGO_PKG_VERSION")),
        })
    }

    pub fn contributor(&self, voice: usize) -> &'a Contributor {
        &self.doc.contributors[self.doc.voices()[voice].contributor]
    }

    /// The section text of `voice`.
    pub fn text(&self, voice: usize) -> &str {
        &self.texts[voice].text
    }

    /// The tag × contributor matrix of what is in scope.
    pub fn matrix(&self) -> Matrix {
        let names: Vec<String> = self.tags.iter().map(|t| t.name.clone()).collect();
        Matrix::new(self.doc, &names, self.items.iter().map(|i| i.highlight))
    }

    /// The links in scope under each relation that has any, in the
    /// codebook's order (each relation's links by id).
    pub fn links_by_relation(&self) -> Vec<(&'a Relation, Vec<&LinkItem<'a>>)> {
        let mut out = Vec::new();
        for r in self.annotations.relations() {
            let here: Vec<&LinkItem> =
                self.links.iter().filter(|l| l.link.relation == r.name).collect();
            if !here.is_empty() {
                out.push((r, here));
            }
        }
        out
    }

    /// Every distinct coder, in order of first appearance.
    pub fn coders(&self) -> Vec<&'a str> {
        let mut out: Vec<&str> = Vec::new();
        for i in &self.items {
            if !out.contains(&i.highlight.coder.as_str()) {
                out.push(&i.highlight.coder);
            }
        }
        out
    }
}

/// The links of `annotations` whose ends are both among `items`, by id.
fn link_items<'a>(annotations: &'a Annotations, items: &[Item<'a>]) -> Vec<LinkItem<'a>> {
    if annotations.links().is_empty() {
        return Vec::new();
    }
    let at: std::collections::HashMap<&str, usize> =
        items.iter().enumerate().map(|(k, i)| (i.highlight.id.as_str(), k)).collect();
    annotations
        .links()
        .iter()
        .filter_map(|l| {
            let link: &'a Link = l;
            Some(LinkItem {
                link,
                relation: annotations.relation(&link.relation)?,
                from: *at.get(link.from.as_str())?,
                to: *at.get(link.to.as_str())?,
            })
        })
        .collect()
}

/// `(byte, code point)` offsets in `vt` of byte `offset`, as
/// [`VoiceText::char_offset`] gives them, counted on from `from` (an earlier
/// result) when that is in the same paragraph and not after it.
fn char_offset(vt: &VoiceText, offset: usize, from: (usize, usize)) -> (usize, usize) {
    let para = vt.starts.partition_point(|&s| s <= offset).saturating_sub(1);
    let start = vt.starts.get(para).copied().unwrap_or(0);
    let offset = crate::model::voicetext::floor_char_boundary(&vt.text, offset);
    let (byte, chars) = if (start..=offset).contains(&from.0) {
        from
    } else {
        (start, vt.char_starts.get(para).copied().unwrap_or(0))
    };
    (offset, chars + vt.text[byte..offset].chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ConversationFile, SectionFile};

    /// Counting on from an earlier offset gives what counting from the
    /// paragraph's start gives, at every byte of a voice's text (char
    /// boundaries or not, past the end too), from every other result.
    #[test]
    fn char_offsets_counted_on_match_char_offset() {
        let paragraphs = ["a数据 👨\u{200d}👩 e\u{301}", "second ¶", "x", "多语言 — 🤔 end"];
        let file = ConversationFile {
            id: "t".into(),
            title: "t".into(),
            contributors: vec![Contributor {
                id: "a".into(),
                name: "A".into(),
                ..Default::default()
            }],
            sections: vec![SectionFile {
                contributor: "a".into(),
                paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
                ..Default::default()
            }],
            ..Default::default()
        };
        let doc = Conversation::new(file).expect("valid");
        let vt = VoiceText::new(&doc, &doc.voices()[0]);
        let ends = 0..=vt.text.len() + 2;
        let froms: Vec<(usize, usize)> = std::iter::once((0, 0))
            .chain(ends.clone().map(|o| char_offset(&vt, o, (0, 0))))
            .collect();
        for offset in ends {
            for &from in &froms {
                assert_eq!(
                    char_offset(&vt, offset, from).1,
                    vt.char_offset(offset),
                    "{offset} {from:?}"
                );
            }
        }
    }
}
