//! What the benches share: the generated large conversation, a reader sized
//! like a big terminal, and highlights by the thousand.

// Each bench uses part of this module.
#![allow(dead_code)]

use crosstalk::model::annotations::{AnnotationFile, Annotations, Highlight, quote_in};
use crosstalk::model::{Conversation, ConversationFile, Pos, SectionFile};
use crosstalk::store;
use crosstalk::ui::theme::Theme;
use crosstalk::ui::{Action, App, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

pub const WIDTH: u16 = 200;
pub const HEIGHT: u16 = 60;

/// A conversation of about `target` bytes: the bundled debate's five
/// contributors, each with paragraphs cycled from the debate and numbered so
/// no two are alike.
pub fn generated(target: usize) -> String {
    let doc = store::bundled().expect("bundled debate");
    let base = doc.to_file();
    let pool: Vec<&str> =
        base.sections.iter().flat_map(|s| s.paragraphs.iter().map(String::as_str)).collect();
    let mut sections: Vec<SectionFile> = base
        .contributors
        .iter()
        .map(|c| SectionFile {
            contributor: c.id.clone(),
            paragraphs: Vec::new(),
            ..Default::default()
        })
        .collect();
    let mut size = 0;
    let mut i = 0;
    while size < target {
        let text = format!("{} (Passage {i}.)", pool[i % pool.len()]);
        size += text.len();
        sections[i % 5].paragraphs.push(text);
        i += 1;
    }
    let file = ConversationFile { id: "generated".into(), sections, ..base };
    store::to_ron(&file).expect("serialise")
}

/// A reader on `doc` at 200×60.
pub fn app(doc: Conversation) -> App {
    let mut app = App::new(doc, "bench".into(), (0, 0), Theme::new(true));
    update(&mut app, Action::Resize { width: WIDTH, height: HEIGHT });
    app
}

pub fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("test backend")
}

/// `count` highlights spread over every voice of `doc`, a sentence each,
/// taking the sentences in turn (voices round-robin, from the top; fewer if
/// the conversation has fewer sentences), with the
/// default tags in rotation and a note on every tenth — the shape a long
/// coding session leaves. Built directly, as loading a file would.
pub fn highlighted(doc: &Conversation, count: usize) -> Annotations {
    let tags = AnnotationFile::empty(doc).tags().to_vec();
    let now = jiff::Timestamp::from_second(1_700_000_000).expect("time");
    // Every (voice, paragraph, sentence), voices interleaved, so the first
    // screenful of every pane is covered whatever `count` is.
    let sentences: Vec<Vec<(usize, usize)>> = doc
        .voices()
        .iter()
        .map(|v| {
            v.paragraphs
                .iter()
                .enumerate()
                .flat_map(|(p, &r)| (0..doc.paragraph(r).sentences().len()).map(move |s| (p, s)))
                .collect()
        })
        .collect();
    let mut highlights = Vec::with_capacity(count);
    let mut round = 0;
    while highlights.len() < count {
        let before = highlights.len();
        for (voice, list) in sentences.iter().enumerate() {
            let Some(&(para, sentence)) = list.get(round) else { continue };
            let v = &doc.voices()[voice];
            let p = doc.paragraph(v.paragraphs[para]);
            let span = p.sentences()[sentence];
            let text = p.text()[span.range()].trim_end();
            let (start, end) = (
                Pos::new(para, span.start as usize),
                Pos::new(para, span.start as usize + text.len()),
            );
            let n = highlights.len();
            highlights.push(Highlight {
                id: format!("{n:08}-bench"),
                voice,
                start,
                end,
                orphan: false,
                quote: quote_in(doc, v, start, end),
                tags: vec![tags[n % tags.len()].name.clone()],
                note: if n % 10 == 0 {
                    format!("Note {n}: why this passage matters.")
                } else {
                    String::new()
                },
                coder: "bench".into(),
                created: now,
                modified: now,
            });
            if highlights.len() == count {
                break;
            }
        }
        round += 1;
        if highlights.len() == before {
            break;
        }
    }
    Annotations::from_parts(
        doc.id.clone(),
        crosstalk::model::annotations::text_hash(doc),
        tags,
        highlights,
    )
}

/// A second coder's coding, varied from `a`'s: every eleventh highlight
/// left out, every fifth given the next tag, every seventh (within one
/// paragraph) cut at its middle; coder `coder`, ids of their own.
pub fn varied(doc: &Conversation, a: &Annotations, coder: &str) -> Vec<Highlight> {
    let tags: Vec<String> = a.tags().iter().map(|t| t.name.clone()).collect();
    a.highlights()
        .iter()
        .enumerate()
        .filter(|(n, _)| n % 11 != 0)
        .map(|(n, h)| {
            let mut h = Highlight::clone(h);
            h.coder = coder.into();
            h.id = format!("{n:08}-{coder}");
            if n % 5 == 0 {
                let i = tags.iter().position(|t| *t == h.tags[0]).unwrap_or(0);
                h.tags = vec![tags[(i + 1) % tags.len()].clone()];
            }
            if n % 7 == 0 && h.start.para == h.end.para {
                let text =
                    doc.paragraph(doc.voices()[h.voice].paragraphs[h.start.para as usize]).text();
                let mut mid = (h.start.byte + (h.end.byte - h.start.byte) / 2) as usize;
                while !text.is_char_boundary(mid) {
                    mid += 1;
                }
                h.end.byte = mid as u32;
                h.quote = quote_in(doc, &doc.voices()[h.voice], h.start, h.end);
            }
            h
        })
        .collect()
}

/// `doc` with paragraph `k` (0-based) of every contributor's voice deleted:
/// the edit that moves every later highlight of each voice by a paragraph.
pub fn without_paragraph(doc: &Conversation, k: usize) -> Conversation {
    let mut file = doc.to_file();
    let mut counted = std::collections::HashMap::<String, usize>::new();
    for s in &mut file.sections {
        let before = counted.entry(s.contributor.clone()).or_default();
        let len = s.paragraphs.len();
        if *before <= k && k < *before + len {
            let i = k - *before;
            s.paragraphs.remove(i);
            if !s.times.is_empty() {
                s.times.remove(i);
            }
            s.heads.retain(|&h| h != i);
            for h in &mut s.heads {
                if *h > i {
                    *h -= 1;
                }
            }
        }
        *before += len;
    }
    file.sections.retain(|s| !s.paragraphs.is_empty());
    Conversation::new(file).expect("still a conversation")
}
