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
    Annotations::from_parts(doc.id.clone(), tags, highlights)
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

/// The panel `scripts/vs-less` writes, as Markdown: `voices` speakers ×
/// `paragraphs` paragraphs of about 320 bytes (5 × 8,000: 12.8 MB), each
/// ending in a marker (`zq{voice}x{paragraph}q`): the same bytes as the
/// script's `panel()`.
pub fn panel_markdown(voices: usize, paragraphs: usize) -> String {
    const SPEAKERS: [&str; 5] =
        ["Ada Okafor", "Boris Lindqvist", "Chen Wei", "Dalia Haddad", "Emil Novak"];
    const WORDS: &str = "the of and to in that is for it as was with be by on not he this are or his from at \
        which but have an they you were her she there been one all we their has would when \
        if so no will more can what about said who some policy ban security platform data \
        government users companies national risk market trade law court order public \
        technology China United States approach question argument evidence response debate";
    let words: Vec<&str> = WORDS.split_whitespace().collect();
    let mut state: u64 = 12345;
    let mut out = String::from("# A generated panel\n\nDate: 2026-12-02\n\n");
    for v in 0..voices {
        out.push_str(&format!("## {}\n\n", SPEAKERS[v % 5]));
        for p in 0..paragraphs {
            let mut text = String::new();
            // Counted as the script counts: a word and its space, no period.
            let mut size = 0;
            while size < 300 {
                state = (state * 1103515245 + 12345) & 0x7FFF_FFFF;
                if !text.is_empty() {
                    text.push(' ');
                }
                let word = words[state as usize % words.len()];
                text.push_str(word);
                size += word.len() + 1;
                if state.is_multiple_of(13) {
                    text.push('.');
                }
            }
            let mut chars = text.chars();
            let first = chars.next().map(|c| c.to_uppercase().to_string()).unwrap_or_default();
            out.push_str(&format!("{first}{} zq{v}x{p}q.\n\n", chars.as_str()));
        }
    }
    out
}

/// A name in Cyrillic, Han or Arabic script, different for each `i`.
pub fn non_latin_name(i: usize) -> String {
    let cyr: Vec<char> = "АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЩЭЮЯ".chars().collect();
    let han: Vec<char> = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗".chars().collect();
    let ara: Vec<char> = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي".chars().collect();
    let a = i / 3;
    match i % 3 {
        0 => format!("{}ван {}етров{}ич", cyr[a % 28], cyr[a / 28 % 28], cyr[a / 784 % 28]),
        1 => {
            [han[a % 20], han[a / 20 % 20], han[a / 400 % 20], han[a / 8000 % 20]].iter().collect()
        }
        _ => format!("{}حمد {}لي{}", ara[a % 28], ara[a / 28 % 28], ara[a / 784 % 28]),
    }
}

/// A Markdown panel of `n` speakers with non-Latin names, a paragraph each.
pub fn speakers_markdown(n: usize) -> String {
    let mut out = String::from("# Crowd\n\n");
    for i in 0..n {
        let name = non_latin_name(i);
        out.push_str(&format!("## {name}\n\nHello number {i} from {name}. Another sentence.\n\n"));
    }
    out
}

/// Markdown with one paragraph of about `bytes` bytes (sentences of Latin
/// and CJK text, dashes and curly quotes).
pub fn long_paragraph_markdown(bytes: usize) -> String {
    let sentence = "The U.S. ban on TikTok—“moral equivalence”—is not 微信。 ";
    format!("# Big\n\n## Ada\n\nStart {} End.\n", sentence.repeat(bytes / sentence.len()))
}

/// Markdown with one paragraph of `n` lines ended by hard breaks (`\`): a
/// paragraph of `n` newlines.
pub fn newlines_markdown(n: usize) -> String {
    format!("# Lines\n\n## Ada\n\nStart\\\n{}End.\n", "x\\\n".repeat(n))
}

/// An interview in Markdown: `pairs` bold `**Q:**` / `**A:**` exchanges of
/// two lines each, with escapes and character references, under one
/// heading (the general reader's Q&A path, which the fast one hands on).
pub fn interview_markdown(pairs: usize) -> String {
    let mut text = String::from("# Interview\n\n## Interview with Ada Okafor\n\n");
    for i in 0..pairs {
        text.push_str(&format!(
            "**Q:** What about \\*this\\* &amp; that, {i}?\nAnd a second line.\n\n\
             **A:** It is \\*so\\*, {i}.\nMore &amp; more.\n\n"
        ));
    }
    text
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
