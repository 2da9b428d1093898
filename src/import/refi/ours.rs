//! A project crosstalk exported: one conversation, each source a voice.
//!
//! The export wrote each contributor's paragraphs joined by a blank line,
//! and derived every GUID from the conversation's id and what it names
//! (`export::stable_uuid`). So the paragraphs come back by splitting on
//! blank lines, and the ids by trying the likely ones (the title or the
//! file name as a slug; the name, or one word of it, for a contributor)
//! against those GUIDs: a guess is kept only when it gives the GUID back.

use super::Located;
use super::build::{Imported, Meta, Tags, char_bytes, checked, in_range, meta, spoken};
use super::project::{Project, Source};
use crate::export::stable_uuid;
use crate::import::{person_id, slug};
use crate::model::annotations::Target;
use crate::model::{Contributor, ConversationFile, Role, SectionFile, VoiceText};

pub(super) fn build(
    p: &Project,
    chosen: &[(usize, &str)],
    stem: &str,
    tags: &Tags,
    notes: &mut Vec<String>,
) -> Result<Imported, Located> {
    let about = crate::export::qdpx_about::read(&p.description);
    let id = conversation_id(p, stem, about.as_ref().map(|a| a.file.id.as_str()));
    let title = if p.name.trim().is_empty() { stem.to_owned() } else { p.name.clone() };
    let mut file = ConversationFile { id: id.clone(), title: title.clone(), ..Default::default() };
    let mut sources = Vec::new();
    // The ids the project's description names: one that is no slug of the
    // name (`li` for 李明) is found only here.
    let known: Vec<&str> =
        about.iter().flat_map(|a| a.file.contributors.iter().map(|c| c.id.as_str())).collect();
    for &(i, text) in chosen {
        let src = &p.sources[i];
        let pieces = paragraphs(text);
        if pieces.is_empty() {
            notes.push(format!("source {:?} has no text: left out", src.name));
            continue;
        }
        let mut c = contributor(src, &title);
        c.id = contributor_id(&id, src, &file.contributors, &known);
        // Every paragraph's time, with the subheads, from the source's
        // description; from a project without them (an earlier build's),
        // from crosstalk's `Spoken at` lines.
        let starts: Vec<usize> = pieces.iter().map(|&(start, _)| start).collect();
        let (timed, heads) = known_times(&src.description, pieces.len());
        let mut times = timed.clone().unwrap_or_else(|| vec![String::new(); pieces.len()]);
        if timed.is_none() {
            for s in &src.selections {
                if let (_, Some(t)) = spoken(&s.description, None) {
                    times[piece_at(&starts, s.start)] = t;
                }
            }
        }
        if times.iter().all(String::is_empty) {
            times.clear();
        }
        file.sections.push(SectionFile {
            contributor: c.id.clone(),
            paragraphs: pieces.into_iter().map(|(_, p)| p.to_owned()).collect(),
            times,
            heads,
        });
        file.contributors.push(c);
        // Kept for the selections below: where each piece starts, and the
        // times the description gives.
        sources.push((i, text, starts, timed));
    }
    if let Some(about) = &about {
        restore(&mut file, about, notes);
    }
    let doc = checked(&file, &format!("project {title:?}"))?;
    let mut maker = super::build::Maker::new(&doc);
    for (voice, (i, text, starts, timed)) in sources.iter().enumerate() {
        let src = &p.sources[*i];
        let vt = VoiceText::new(&doc, &doc.voices()[voice]);
        debug_assert_eq!(vt.text, *text);
        let bytes = char_bytes(text);
        for s in &src.selections {
            let (start, end) = in_range(src, s, bytes.len() - 1)?;
            // Where the paragraph's time is known, only a line of that time
            // is crosstalk's: another (`Spoken at 1h02m.` for a time no
            // clock) is the note's own.
            let expected = timed.as_ref().map(|k| k[piece_at(starts, s.start)].as_str());
            let (description, _) = spoken(&s.description, expected);
            let m: Meta = meta(p, s, &description, tags, notes)?;
            let target = Target { voice, start: vt.pos(bytes[start]), end: vt.pos(bytes[end]) };
            maker.add(&target, &s.guid, 0, &m);
        }
    }
    let annotations = maker.finish(p, tags, notes);
    let sources = sources.iter().map(|(i, ..)| p.sources[*i].name.clone()).collect();
    Ok(Imported { doc, file, annotations, sources })
}

/// The piece, of those starting at `starts`, that code point `at` is in.
fn piece_at(starts: &[usize], at: u64) -> usize {
    starts.partition_point(|&start| start as u64 <= at).saturating_sub(1)
}

/// Every paragraph's time (blank for none), if the description has
/// crosstalk's line of them or of subheads (a project exported since it
/// writes them), and the subheads.
fn known_times(description: &str, count: usize) -> (Option<Vec<String>>, Vec<usize>) {
    let (marked, heads) = marks(description, count);
    let written = description.lines().any(|l| {
        l.starts_with(crate::export::qdpx::TIMES) || l.starts_with(crate::export::qdpx::HEADS)
    });
    if !written {
        return (None, heads);
    }
    let mut times = vec![String::new(); count];
    for (k, t) in marked {
        times[k] = t;
    }
    (Some(times), heads)
}

/// The paragraph times and subheads crosstalk's export writes in a
/// source's description (`Times: ¶1 00:00:09; ¶4 00:01:00`, `Subheads:
/// ¶2`), as places among the voice's `count` paragraphs; what does not
/// read so (another tool's description, a place past the end) is passed by.
fn marks(description: &str, count: usize) -> (Vec<(usize, String)>, Vec<usize>) {
    use crate::export::qdpx::{HEADS, TIMES};
    let place = |p: &str| {
        let k = p.trim().strip_prefix('¶')?.parse::<usize>().ok()?.checked_sub(1)?;
        (k < count).then_some(k)
    };
    let (mut times, mut heads) = (Vec::new(), Vec::new());
    for line in description.lines() {
        if let Some(list) = line.strip_prefix(TIMES) {
            for item in list.split("; ") {
                if let Some((p, t)) = item.split_once(' ')
                    && let Some(k) = place(p)
                    && !t.trim().is_empty()
                {
                    times.push((k, t.trim().to_owned()));
                }
            }
        } else if let Some(list) = line.strip_prefix(HEADS) {
            heads.extend(list.split(", ").filter_map(place));
        }
    }
    heads.sort_unstable();
    heads.dedup();
    (times, heads)
}

/// `text` split at blank lines (`\n\n`), with where each piece starts (in
/// code points); a piece that is only whitespace joins the one before (or
/// after), so the pieces joined by `\n\n` are `text` again.
pub fn paragraphs(text: &str) -> Vec<(usize, &str)> {
    let mut out: Vec<(usize, usize, usize)> = Vec::new(); // chars, byte start, byte end
    let mut pending: Option<(usize, usize)> = None; // a blank piece waiting for the next
    let (mut byte, mut chars) = (0, 0);
    for piece in text.split("\n\n") {
        let (start, cstart) = pending.take().unwrap_or((byte, chars));
        let end = byte + piece.len();
        if piece.trim().is_empty() {
            match out.last_mut() {
                Some(last) => last.2 = end,
                None => pending = Some((start, cstart)),
            }
        } else {
            out.push((cstart, start, end));
        }
        byte = end + 2;
        chars += piece.chars().count() + 2;
    }
    out.into_iter().map(|(c, s, e)| (c, &text[s..e])).collect()
}

/// The conversation's id: the one the project's description names (see
/// [`crate::export::qdpx_about`]), or the title's or the file's slug,
/// whichever gives the codes', users' or sources' GUIDs back; the first of
/// them if none does (or there are none).
fn conversation_id(p: &Project, stem: &str, named_id: Option<&str>) -> String {
    let mut candidates: Vec<String> = named_id.map(str::to_owned).into_iter().collect();
    if !p.name.trim().is_empty() {
        candidates.push(slug(&p.name));
    }
    candidates.push(slug(stem));
    let fits = |id: &str| {
        p.codes.iter().any(|c| stable_uuid(&[id, "code", &c.name]).to_string() == c.guid)
            || p.users.iter().any(|(g, n)| stable_uuid(&[id, "user", n]).to_string() == *g)
            || p.sources.iter().any(|s| {
                ids(&s.name).iter().any(|c| stable_uuid(&[id, "source", c]).to_string() == s.guid)
            })
    };
    candidates.iter().find(|c| fits(c)).unwrap_or(&candidates[0]).clone()
}

/// What the sources do not carry, from the project's description: the
/// header, the introduction, and the turns — each voice's paragraphs dealt
/// out again in the order spoken. Turns that do not add up to the voices'
/// paragraphs (a description edited by hand) leave one turn per voice, and
/// a note says so.
fn restore(
    file: &mut ConversationFile,
    about: &crate::export::qdpx_about::About,
    notes: &mut Vec<String>,
) {
    let header = &about.file;
    file.subtitle.clone_from(&header.subtitle);
    file.source.clone_from(&header.source);
    file.date.clone_from(&header.date);
    file.metadata.clone_from(&header.metadata);
    file.intro.clone_from(&header.intro);
    // Short names are in no source's description; and the name as the
    // header has it (two sources of one name were told apart by their ids).
    for c in &mut file.contributors {
        if let Some(h) = header.contributors.iter().find(|h| h.id == c.id) {
            c.short.clone_from(&h.short);
            if !h.name.is_empty() && c.name != h.name {
                c.name.clone_from(&h.name);
                c.role = h.role;
                c.affiliation.clone_from(&h.affiliation);
            }
        }
    }
    let voices = std::mem::take(&mut file.sections);
    let turns: Vec<&(String, usize)> = about
        .turns
        .iter()
        .filter(|(c, n)| *n > 0 && voices.iter().any(|s| &s.contributor == c))
        .collect();
    let adds_up = voices.iter().all(|s| {
        let said: usize = turns.iter().filter(|(c, _)| c == &s.contributor).map(|(_, n)| n).sum();
        said == s.paragraphs.len()
    });
    if turns.is_empty() || !adds_up {
        if !about.turns.is_empty() {
            notes.push(
                "the project's turn order does not match its sources: each voice is one turn"
                    .into(),
            );
        }
        file.sections = voices;
        return;
    }
    let mut dealt: Vec<usize> = vec![0; voices.len()];
    for (who, n) in turns {
        let Some(v) = voices.iter().position(|s| &s.contributor == who) else { continue };
        let (from, to) = (dealt[v], dealt[v] + n);
        dealt[v] = to;
        let times = voices[v].times.get(from..to).map(<[String]>::to_vec).unwrap_or_default();
        let heads = voices[v].heads.iter().filter(|&&h| (from..to).contains(&h)).map(|h| h - from);
        file.sections.push(SectionFile {
            contributor: who.clone(),
            paragraphs: voices[v].paragraphs[from..to].to_vec(),
            times: if times.iter().all(String::is_empty) { Vec::new() } else { times },
            heads: heads.collect(),
        });
    }
}

/// Ids a contributor named `name` likely has: from the whole name, or one
/// word of it (the last first).
fn ids(name: &str) -> Vec<String> {
    let mut out = vec![person_id(name), slug(name)];
    out.extend(name.split_whitespace().rev().map(slug));
    out
}

/// The contributor id whose GUID is the source's (among the ids the
/// project names, `known`, and those the name suggests); else one from the
/// name, not yet taken.
fn contributor_id(doc: &str, src: &Source, taken: &[Contributor], known: &[&str]) -> String {
    let free = |id: &str| !taken.iter().any(|c| c.id == id);
    let suggested = ids(&src.name);
    let candidates = known.iter().copied().chain(suggested.iter().map(String::as_str));
    if let Some(id) = candidates
        .filter(|c| free(c))
        .find(|c| stable_uuid(&[doc, "source", c]).to_string() == src.guid)
    {
        return id.to_owned();
    }
    let base = person_id(&src.name);
    let mut id = base.clone();
    let mut n = 2;
    while !free(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// Name, affiliation and role from the description crosstalk writes:
/// `Name, Affiliation (role), in “Title”` or `Name (role), in “Title”`.
fn contributor(src: &Source, title: &str) -> Contributor {
    let mut c = Contributor { name: src.name.clone(), ..Default::default() };
    // The lines of times and subheads after it are not the contributor's.
    let d = src.description.as_str();
    let d = [crate::export::qdpx::TIMES, crate::export::qdpx::HEADS]
        .iter()
        .filter_map(|m| d.find(&format!("\n{m}")))
        .min()
        .map_or(d, |at| &d[..at]);
    let Some(rest) = d.strip_suffix(&format!(", in “{title}”")) else { return c };
    let (rest, role) = if let Some(r) = rest.strip_suffix(" (moderator)") {
        (r, Role::Moderator)
    } else if let Some(r) = rest.strip_suffix(" (respondent)") {
        (r, Role::Respondent)
    } else {
        return c;
    };
    if rest == src.name {
        c.role = role;
    } else if let Some(aff) = rest.strip_prefix(&format!("{}, ", src.name)) {
        c.role = role;
        c.affiliation = aff.to_owned();
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_rejoin_to_the_text() {
        for text in ["a\n\nb", "\n\na\n\nb\n\n", "a\n\n\n\nb", "a\n\n \n\nb", "a\n\n\nb", "x"] {
            let ps = paragraphs(text);
            let joined: Vec<&str> = ps.iter().map(|&(_, p)| p).collect();
            assert_eq!(joined.join("\n\n"), text, "{text:?}");
            for (c, p) in ps {
                let at = text.char_indices().nth(c).map_or(text.len(), |(i, _)| i);
                assert!(text[at..].starts_with(p), "{text:?} at {c}");
            }
        }
        assert_eq!(paragraphs("a\n\nb").len(), 2);
    }

    #[test]
    fn turns_are_dealt_out_again_or_left_whole_with_a_note() {
        use crate::export::qdpx_about::read;
        let voice = |who: &str, n: usize| SectionFile {
            contributor: who.into(),
            paragraphs: (0..n).map(|i| format!("{who} {i}")).collect(),
            times: (0..n).map(|i| if i == 1 { "00:01:00".into() } else { String::new() }).collect(),
            ..Default::default()
        };
        let person =
            |id: &str| Contributor { id: id.into(), name: id.into(), ..Default::default() };
        let file = ConversationFile {
            contributors: vec![person("m"), person("d")],
            sections: vec![voice("m", 3), voice("d", 1)],
            ..Default::default()
        };
        // A description as a person might have edited it: a date that is
        // no ISO date, and a short name.
        let about = |turns: &str| {
            let text = format!(
                "crosstalk conversation\nTurns: {turns}\n\n# T\n\nDate: March  \nRespondent: m (M)  \nRespondent: d (D)  \nShort: m Em\n"
            );
            read(&text).expect("ours")
        };
        let mut notes = Vec::new();
        let mut dealt = file.clone();
        restore(&mut dealt, &about("m 1, d 1, m 2"), &mut notes);
        assert!(notes.is_empty());
        let shape: Vec<(&str, Vec<&str>, usize)> = dealt
            .sections
            .iter()
            .map(|s| {
                (
                    s.contributor.as_str(),
                    s.paragraphs.iter().map(String::as_str).collect(),
                    s.times.len(),
                )
            })
            .collect();
        assert_eq!(
            shape,
            [("m", vec!["m 0"], 0), ("d", vec!["d 0"], 0), ("m", vec!["m 1", "m 2"], 2)]
        );
        // Not an ISO date: kept, as metadata.
        assert_eq!(dealt.date, "");
        assert_eq!(dealt.metadata, [("Date".to_owned(), "March".to_owned())]);
        assert_eq!(dealt.contributors[0].short, "Em", "a short name comes back");
        // Turns that do not add up: one turn per voice, and a note.
        let mut whole = file.clone();
        restore(&mut whole, &about("m 1, d 1"), &mut notes);
        assert_eq!(whole.sections, file.sections);
        assert_eq!(notes.len(), 1, "{notes:?}");
    }
}
