//! Reading an annotation file: checked against the conversation, its
//! highlights found in the text again where it changed.

use super::*;

/// What loading did to the highlights.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reanchored {
    /// Found at a new place (the text changed around or inside them).
    pub moved: usize,
    /// Not found: kept as orphans.
    pub orphaned: usize,
    /// The file's highlights, and how many of them are orphans once
    /// loaded (not found in the text, now or when it was last saved).
    pub highlights: usize,
    pub orphans: usize,
    /// The text is not the one the file was written on (its hash differs):
    /// else what moved or was lost had positions or quotes edited by hand.
    pub text_changed: bool,
}

impl Reanchored {
    /// Whether most of the file's coding is not on this text: more than
    /// half its highlights are orphans. Two interviews saved as
    /// `P01/transcript.txt` and `P02/transcript.txt` are both called
    /// `transcript`, and one's file reads on the other with nothing found;
    /// saved so, its highlights stay orphans. For comparing or uniting
    /// coders such a file is refused: the figures would count that coding
    /// as never done.
    pub fn mostly_lost(&self) -> bool {
        self.orphans > 0 && self.orphans * 2 > self.highlights
    }
}

fn parse_time(
    times: &mut Times,
    value: &str,
    index: usize,
    id: &str,
    field: &'static str,
) -> Result<Timestamp, FileError> {
    times.parse(value).ok_or_else(|| FileError::BadTime {
        index,
        id: id.to_owned(),
        field,
        value: value.to_owned(),
    })
}

/// [`Conversation::text_hash`] of `doc` and the index of the first repeated id: on two
/// threads for a large file (the hash of a 20 MB text and the ids of
/// 100,000 highlights take about as long), on this one for a small file or
/// if no thread can be had.
fn hash_and_duplicate<'d>(
    doc: &'d Conversation,
    highlights: &[FileHighlight],
) -> (&'d str, Option<usize>) {
    let duplicate = || first_duplicate(highlights.iter().map(|h| h.id.as_str()));
    if highlights.len() < 4096 {
        return (doc.text_hash(), duplicate());
    }
    std::thread::scope(|scope| {
        match std::thread::Builder::new().spawn_scoped(scope, || doc.text_hash()) {
            Ok(hashing) => {
                let found = duplicate();
                (hashing.join().unwrap_or_else(|e| std::panic::resume_unwind(e)), found)
            }
            Err(_) => (doc.text_hash(), duplicate()),
        }
    })
}

/// Where `exact` is in `text`, if it is there once and only once.
/// Only a quote of a few words (12 characters at least, a space among
/// them), found as whole words: `No.` found once elsewhere is no evidence.
fn once(text: &str, exact: &str) -> Option<std::ops::Range<usize>> {
    if exact.chars().count() < 12 || !exact.trim().contains(char::is_whitespace) {
        return None;
    }
    let whole = |at: usize| {
        let before = text[..at].chars().next_back();
        let after = text[at + exact.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    };
    let mut found = memchr::memmem::find_iter(text.as_bytes(), exact.as_bytes());
    let at = found.next()?;
    (found.next().is_none() && whole(at)).then_some(at..at + exact.len())
}

impl AnnotationFile {
    /// Checks the file against `doc` and builds the annotations, finding
    /// highlights again where the text changed (see [`reattach`](super::super::reattach)).
    pub fn into_annotations(
        self,
        doc: &Conversation,
    ) -> Result<(Annotations, Reanchored), FileError> {
        if self.version > FORMAT_VERSION {
            return Err(FileError::NewerVersion(self.version));
        }
        if !doc.is_called(&self.conversation) {
            return Err(FileError::OtherConversation {
                expected: doc.id.clone(),
                found: self.conversation,
            });
        }
        let mut tags = Vec::with_capacity(self.tags.len());
        // Names to look up, so many tags and highlights cost no scans.
        let mut names = std::collections::HashSet::with_capacity(self.tags.len());
        for (index, t) in self.tags.into_iter().enumerate() {
            let color = Rgb::parse(&t.color).ok_or_else(|| FileError::BadColor {
                index,
                name: t.name.clone(),
                value: t.color.clone(),
            })?;
            if let Some(key) = t.key.filter(|k| !(1..=9).contains(k)) {
                return Err(FileError::BadKey { index, name: t.name, key });
            }
            if t.name.trim().is_empty() {
                return Err(FileError::BlankTag { index, name: t.name });
            }
            if !names.insert(t.name.clone()) {
                return Err(FileError::DuplicateTag { index, name: t.name });
            }
            tags.push(Tag { name: t.name, color, description: t.description, key: t.key });
        }
        // Repeated ids are found before the loop and reported in it (the
        // same error, first in file order, with no id copied into a set),
        // while the text is hashed beside it.
        let (hash, duplicate) = hash_and_duplicate(doc, &self.highlights);
        let unchanged = hash == self.text_hash;
        let mut voice_texts: Vec<Option<VoiceText>> = vec![None; doc.voices().len()];
        let indexes: Vec<LazyIndex> = doc.voices().iter().map(|_| LazyIndex::default()).collect();
        let mut report = Reanchored { text_changed: !unchanged, ..Reanchored::default() };
        let mut highlights: Vec<Highlight> = Vec::with_capacity(self.highlights.len());
        let mut times = Times::default();
        let mut cursor = Cursor::default();
        let mut voice = 0;
        for (index, mut h) in self.highlights.into_iter().enumerate() {
            // A tag named twice on one highlight (a merge of two coders'
            // files can do that) is one tag: kept once, where it came first.
            dedup_tags(&mut h.tags);
            let id = h.id;
            if duplicate == Some(index) {
                return Err(FileError::DuplicateId { index, id });
            }
            // Highlights come by contributor: most have the last one's.
            if doc.contributors.get(voice).is_none_or(|c| c.id != h.contributor) {
                voice = doc.contributors.iter().position(|c| c.id == h.contributor).ok_or_else(
                    || FileError::UnknownContributor {
                        index,
                        id: id.clone(),
                        contributor: h.contributor.clone(),
                    },
                )?;
            }
            if let Some(tag) = h.tags.iter().find(|t| !names.contains(*t)) {
                return Err(FileError::UnknownTag { index, id, tag: tag.clone() });
            }
            let created = parse_time(&mut times, &h.created, index, &id, "created")?;
            let modified = parse_time(&mut times, &h.modified, index, &id, "modified")?;
            let quote = Quote { exact: h.quote, prefix: h.prefix, suffix: h.suffix };
            // Where the file says it is, if that still holds the quote.
            let (start, end) = cursor.span(doc, voice, h.start, h.end);
            let stated = match (start, end) {
                (Some(s), Some(e)) if s < e || (s == e && quote.exact.is_empty()) => Some((s, e)),
                _ => None,
            };
            let verified = matches!(stated, Some((s, e))
                if unchanged && !h.orphan && text_matches(doc, voice, s, e, &quote.exact));
            let place = match stated {
                Some(place) if verified => Some(place),
                _ if h.orphan && unchanged => None,
                _ => {
                    let vt = voice_texts[voice]
                        .get_or_insert_with(|| VoiceText::new(doc, &doc.voices()[voice]));
                    let hint = vt.offset(clamp_pos(doc, voice, h.start));
                    // Not found as it is: as it reads now, if an earlier
                    // build read the text otherwise (its context, cut
                    // inside markup, may read otherwise than the text
                    // does: a quote found once in the voice needs none).
                    let found =
                        reattach_near(&vt.text, &indexes[voice], &quote, hint).or_else(|| {
                            let read = doc.former.quotes?;
                            let now = read(&quote);
                            let now = now.as_ref().unwrap_or(&quote);
                            (now != &quote)
                                .then(|| reattach_near(&vt.text, &indexes[voice], now, hint))
                                .flatten()
                                .or_else(|| once(&vt.text, &now.exact).map(Found::Exact))
                        });
                    match found {
                        Some(found) => {
                            let r = found.range();
                            let (s, e) = (vt.pos(r.start), vt.pos(r.end));
                            if Some((s, e)) != stated
                                || h.orphan
                                || matches!(found, Found::Fuzzy(_))
                            {
                                report.moved += 1;
                            }
                            Some((s, e))
                        }
                        None => {
                            if !h.orphan {
                                report.orphaned += 1;
                            }
                            None
                        }
                    }
                }
            };
            let (start, end, orphan) = match place {
                Some((s, e)) => (s, e, false),
                None => (clamp_pos(doc, voice, h.start), clamp_pos(doc, voice, h.end), true),
            };
            // Whatever was found again quotes the text it now covers: on
            // unchanged text too, where a hand-edited or merged file can hold
            // positions or a quote that no longer agree.
            let quote = if !orphan && !verified {
                super::super::ops::quote_in(doc, &doc.voices()[voice], start, end)
            } else {
                quote
            };
            highlights.push(Highlight {
                id,
                voice,
                start,
                end,
                orphan,
                quote,
                tags: h.tags,
                note: h.note,
                coder: h.coder,
                created,
                modified,
            });
        }
        report.highlights = highlights.len();
        report.orphans = highlights.iter().filter(|h| h.orphan).count();
        let (relations, links) = links_from_file(self.relations, self.links, &highlights)?;
        let annotations =
            Annotations::from_parts_linked(doc.id.clone(), tags, highlights, relations, links);
        Ok((annotations, report))
    }
}

#[cfg(test)]
mod tests {
    use super::once;

    #[test]
    fn only_a_few_whole_words_found_once_are_found_so() {
        let text = "Nobody asked. No. We met the executive order team, then left.";
        assert_eq!(once(text, "executive order"), Some(29..44));
        // Too short to be evidence, or twice there, or inside a word.
        assert_eq!(once(text, "No."), None);
        assert_eq!(once("the same words and the same words", "the same words"), None);
        assert_eq!(once("preexecutive orders", "executive order"), None);
    }
}
