//! Span-exact coding (issue 12): random key sequences — word cursor,
//! `v`, then word, character, sentence and paragraph motions and `o` —
//! select a span in CJK, emoji with ZWJ, combining marks and the bundled
//! debate; coding it gives a highlight whose quote is the text at its saved
//! positions, with no whitespace at either end, and the CSV, W3C and
//! REFI-QDA exports carry the same span.

mod common;

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use common::*;
use crosstalk::export::{Export, Filter, Format};
use crosstalk::model::Conversation;
use crosstalk::store;
use crosstalk::ui::App;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

fn unicode() -> Conversation {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/unicode.ron");
    store::load_conversation(&path).expect("fixture")
}

/// Each contributor's text as the exports number it: paragraphs joined by
/// a blank line, positions in code points.
fn section_texts(doc: &Conversation) -> HashMap<String, String> {
    let file = doc.to_file();
    let mut texts: HashMap<String, Vec<String>> = HashMap::new();
    for s in &file.sections {
        texts.entry(s.contributor.clone()).or_default().extend(s.paragraphs.iter().cloned());
    }
    texts.into_iter().map(|(k, v)| (k, v.join("\n\n"))).collect()
}

fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end.saturating_sub(start)).collect()
}

/// Keys before `v` (reader motions, the word cursor) and after it: the
/// selection's motions, and sometimes `v` to finish it and the reader's
/// keys after that (another voice, a search's next match, a highlight).
fn keys() -> impl Strategy<Value = (String, String)> {
    let before =
        proptest::collection::vec(prop::sample::select(vec!['w', 'b', 'j', 'k', 'J', '\t']), 0..8);
    let after = proptest::collection::vec(
        prop::sample::select(vec!['w', 'b', 'h', 'l', 'j', 'k', ')', '(', '}', '{', 'o']),
        0..12,
    );
    let reader = proptest::option::of(proptest::collection::vec(
        prop::sample::select(vec!["\t", "h", "l", "n", "N", "]", "[", "/the\n", "w"]),
        0..4,
    ));
    (before, after, reader).prop_map(|(b, a, r)| {
        let mut after: String = a.into_iter().collect();
        if let Some(r) = r {
            after.push('v');
            after.push_str(&r.concat());
        }
        (b.into_iter().collect(), after)
    })
}

/// Codes what the keys select; the checks, or why one failed.
fn code(doc: &Conversation, before: &str, after: &str) -> Result<(), String> {
    let mut app: App = app_for(doc.clone(), 120, 40, true);
    press(&mut app, before);
    press(&mut app, "v");
    press(&mut app, after);
    // What is drawn, where; with none, `1` codes the cursor's sentence in
    // the voice focused.
    let shown = app.selection.map(|s| (s.voice, s.range()));
    let focus = app.focus;
    press(&mut app, "1");
    let [h] = app.annotations.highlights() else {
        // An empty selection codes nothing.
        return match shown {
            Some((_, (s, e))) if s < e => Err(format!("{before}v{after}: nothing coded")),
            _ => Ok(()),
        };
    };
    match shown {
        Some(shown) if shown != (h.voice, (h.start, h.end)) => {
            return Err(format!(
                "{before}v{after}: shown {shown:?}, coded {:?}",
                (h.voice, h.start, h.end)
            ));
        }
        None if h.voice != focus => {
            return Err(format!("{before}v{after}: coded in voice {}, focus {focus}", h.voice));
        }
        _ => {}
    }
    let q = &h.quote.exact;
    if q.trim() != q || q.is_empty() {
        return Err(format!("{before}v{after}: quote {q:?} has whitespace at an end"));
    }
    let contributor = &doc.contributors[doc.voices()[h.voice].contributor].id;
    let text = &section_texts(doc)[contributor];
    let e = Export::new(doc, &app.annotations, &Filter::default()).map_err(|e| e.to_string())?;
    // CSV: start, end, quote.
    let csv = e.render(Format::Csv).map_err(|e| e.to_string())?;
    let mut reader = csv::Reader::from_reader(csv.as_slice());
    let headers = reader.headers().map_err(|e| e.to_string())?.clone();
    let record = reader.records().next().ok_or("no CSV row")?.map_err(|e| e.to_string())?;
    let col =
        |name: &str| record.get(headers.iter().position(|h| h == name).unwrap_or(0)).unwrap_or("");
    let (s, end): (usize, usize) =
        (col("start").parse().unwrap_or(0), col("end").parse().unwrap_or(0));
    // A quote a spreadsheet would take for a formula is written with a `'`
    // before it (the export's documented guard); the span is the same.
    let cell = if q.starts_with(crosstalk::export::csv::FORMULA_STARTS) {
        format!("'{q}")
    } else {
        q.clone()
    };
    if slice(text, s, end) != *q || col("quote") != cell {
        return Err(format!("{before}v{after}: CSV {s}..{end} is not {q:?}"));
    }
    // W3C: the position selector slices to the quote selector's exact.
    let json: serde_json::Value =
        serde_json::from_slice(&e.render(Format::Json).map_err(|e| e.to_string())?)
            .map_err(|e| e.to_string())?;
    let selectors =
        json["first"]["items"][0]["target"]["selector"].as_array().cloned().unwrap_or_default();
    let pick = |t: &str| selectors.iter().find(|s| s["type"] == t).cloned().unwrap_or_default();
    let (ps, pe) = (
        pick("TextPositionSelector")["start"].as_u64(),
        pick("TextPositionSelector")["end"].as_u64(),
    );
    let exact = pick("TextQuoteSelector")["exact"].as_str().map(str::to_owned);
    if (ps, pe) != (Some(s as u64), Some(end as u64)) || exact.as_deref() != Some(q.as_str()) {
        return Err(format!("{before}v{after}: W3C {ps:?}..{pe:?} {exact:?}, CSV {s}..{end}"));
    }
    // REFI-QDA: the selection's code-point positions in its source.
    let qdpx = e.render(Format::Qdpx).map_err(|e| e.to_string())?;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(qdpx)).map_err(|e| e.to_string())?;
    let mut xml = String::new();
    zip.by_name("project.qde")
        .map_err(|e| e.to_string())?
        .read_to_string(&mut xml)
        .map_err(|e| e.to_string())?;
    let attr = |name: &str| -> Option<usize> {
        let at = xml.find("<PlainTextSelection")?;
        let rest = &xml[at..];
        let key = format!("{name}=\"");
        let from = rest.find(&key)? + key.len();
        rest[from..].split('"').next()?.parse().ok()
    };
    if (attr("startPosition"), attr("endPosition")) != (Some(s), Some(end)) {
        return Err(format!(
            "{before}v{after}: REFI-QDA {:?}..{:?}, CSV {s}..{end}",
            attr("startPosition"),
            attr("endPosition")
        ));
    }
    Ok(())
}

#[test]
fn random_key_selections_code_exactly_what_they_show_in_every_export() {
    for doc in [unicode(), store::bundled().expect("bundled")] {
        let mut runner =
            TestRunner::new(Config { cases: 150, failure_persistence: None, ..Config::default() });
        let result = runner.run(&keys(), |(before, after)| {
            code(&doc, &before, &after).map_err(TestCaseError::fail)
        });
        if let Err(e) = result {
            panic!("{}: {e}", doc.id);
        }
    }
}
