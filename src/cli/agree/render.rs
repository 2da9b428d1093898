//! Printing an agreement report: an aligned table for a terminal, or one
//! row per tag × voice × measure as CSV or JSON.

use std::fmt::Write as _;

use serde_json::json;

use crate::cli::Error;
use crate::model::Conversation;
use crate::model::agree::{Measure, Report, Row};

/// A measure of one row of a report.
type Of = fn(&Report, &Row) -> Measure;

/// The measures reported for this many coders, by name.
fn measures(report: &Report) -> Vec<(&'static str, Of)> {
    if report.coders.len() == 2 {
        vec![
            ("percent", Report::percent),
            ("cohen_kappa", Report::cohen),
            ("krippendorff_alpha", Report::alpha),
        ]
    } else {
        vec![
            ("percent", Report::percent),
            ("krippendorff_alpha", Report::alpha),
            ("fleiss_kappa", Report::fleiss),
        ]
    }
}

/// The count columns: both / only A / only B / neither for two coders;
/// all / some / none for more.
fn counts(report: &Report, row: &Row) -> Vec<(String, u64)> {
    let c = &row.counts;
    if report.coders.len() == 2 {
        vec![
            ("both".into(), c.pair.both),
            (format!("only {}", report.coders[0]), c.pair.only_a),
            (format!("only {}", report.coders[1]), c.pair.only_b),
            ("neither".into(), c.pair.neither),
        ]
    } else {
        let m = report.coders.len() as u32;
        let (mut all, mut none, mut some) = (0, 0, 0);
        for (raters, coded, n) in c.tally.sorted() {
            match coded {
                0 => none += n,
                j if j == raters && raters == m => all += n,
                _ => some += n,
            }
        }
        vec![("all".into(), all), ("some".into(), some), ("none".into(), none)]
    }
}

fn tag_label(row: &Row) -> &str {
    row.tag.as_deref().unwrap_or("(all tags)")
}

fn voice_id<'a>(doc: &'a Conversation, row: &Row) -> &'a str {
    row.voice.map_or("all", |v| doc.contributors[doc.voices()[v].contributor].id.as_str())
}

fn voice_name(doc: &Conversation, row: &Row) -> String {
    row.voice.map_or_else(|| "all".to_owned(), |v| doc.short_name(doc.voices()[v].contributor))
}

fn shown(m: Measure, percent: bool) -> String {
    match m {
        Ok(v) if percent => format!("{:.1}%", 100.0 * v),
        // A value that rounds to zero shows as 0.000, not -0.000.
        Ok(v) => format!("{:.3}", if v.abs() < 0.0005 { 0.0 } else { v }),
        Err(_) => "n/a".into(),
    }
}

/// The aligned table: one block per tag, a row per voice and one for all.
pub fn table(doc: &Conversation, report: &Report) -> String {
    let ms = measures(report);
    let mut rows: Vec<Vec<String>> = Vec::new();
    let first = &report.rows[0];
    let mut header = vec!["tag".to_owned(), "voice".into(), "units".into()];
    header.extend(counts(report, first).into_iter().map(|(n, _)| n));
    header.extend(ms.iter().map(|(n, _)| {
        match *n {
            "percent" => "agree",
            "cohen_kappa" => "Cohen κ",
            "krippendorff_alpha" => "Kripp. α",
            _ => "Fleiss κ",
        }
        .to_owned()
    }));
    rows.push(header);
    let mut undefined: Vec<&'static str> = Vec::new();
    let mut last_tag: Option<&str> = None;
    for row in &report.rows {
        let tag = tag_label(row);
        let mut cells = vec![
            if last_tag == Some(tag) { String::new() } else { tag.to_owned() },
            voice_name(doc, row),
            row.counts.units.to_string(),
        ];
        last_tag = Some(tag);
        cells.extend(counts(report, row).into_iter().map(|(_, n)| n.to_string()));
        for (name, f) in &ms {
            let m = f(report, row);
            if let Err(why) = m
                && !undefined.contains(&why.reason())
            {
                undefined.push(why.reason());
            }
            cells.push(shown(m, *name == "percent"));
        }
        rows.push(cells);
    }
    let mut out = format!(
        "{} · {} coders: {} · unit: {}\n\n",
        doc.title,
        report.coders.len(),
        report.coders.join(", "),
        report.unit.name()
    );
    // Names to the left, figures to the right.
    out.push_str(&crate::cli::report::table(&rows, |_, column| column < 2));
    let _ = write!(
        out,
        "\nA coder applied a tag to a unit ({}) when one of their highlights with it (or with a tag under it) covers a non-whitespace character of it.{}\n",
        report.unit.name(),
        if report.rows.iter().any(|r| r.tag.is_none()) {
            " (all tags) pools every tag a coder applied: one with tags under it by its own uses only."
        } else {
            ""
        }
    );
    for why in undefined {
        let _ = writeln!(out, "n/a: {why}.");
    }
    out
}

/// `v` to 12 decimal places: what the arithmetic leaves past them is
/// noise (a κ of exactly 0 came out as `-0.00000000000000033…`), and no
/// figure is read that finely. Zero has no sign.
fn clean(v: f64) -> f64 {
    let r = (v * 1e12).round() / 1e12;
    if r == 0.0 { 0.0 } else { r }
}

/// One record per tag × voice × measure.
fn records(doc: &Conversation, report: &Report) -> Vec<Vec<(String, String)>> {
    let ms = measures(report);
    let mut out = Vec::new();
    for row in &report.rows {
        for (name, f) in &ms {
            let m = f(report, row);
            let mut r = vec![
                ("tag".to_owned(), tag_label(row).to_owned()),
                ("voice".into(), voice_id(doc, row).to_owned()),
                ("measure".into(), (*name).to_owned()),
                ("value".into(), m.map(|v| format!("{}", clean(v))).unwrap_or_default()),
                ("undefined".into(), m.err().map(|w| w.reason().to_owned()).unwrap_or_default()),
                ("units".into(), row.counts.units.to_string()),
            ];
            r.extend(counts(report, row).into_iter().map(|(k, n)| (k, n.to_string())));
            out.push(r);
        }
    }
    out
}

pub fn csv(doc: &Conversation, report: &Report) -> Result<String, Error> {
    let mut w =
        ::csv::WriterBuilder::new().terminator(::csv::Terminator::CRLF).from_writer(Vec::new());
    let records = records(doc, report);
    let fail = |e: ::csv::Error| Error::Usage(format!("cannot write CSV: {e}"));
    if let Some(first) = records.first() {
        w.write_record(first.iter().map(|(k, _)| k.replace(' ', "_"))).map_err(fail)?;
    }
    for r in &records {
        w.write_record(r.iter().map(|(_, v)| v)).map_err(fail)?;
    }
    let bytes = w.into_inner().map_err(|e| Error::Usage(format!("cannot write CSV: {e}")))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

pub fn json(doc: &Conversation, report: &Report) -> String {
    let ms = measures(report);
    let rows: Vec<serde_json::Value> = report
        .rows
        .iter()
        .flat_map(|row| {
            ms.iter().map(move |(name, f)| {
                let m = f(report, row);
                let counts: serde_json::Map<String, serde_json::Value> = counts(report, row)
                    .into_iter()
                    .map(|(k, n)| (k.replace(' ', "_"), json!(n)))
                    .collect();
                json!({
                    "tag": row.tag,
                    "voice": row.voice.map(|_| voice_id(doc, row)),
                    "measure": name,
                    "value": m.ok().map(clean),
                    "undefined": m.err().map(|w| w.reason()),
                    "units": row.counts.units,
                    "counts": counts,
                })
            })
        })
        .collect();
    let out = json!({
        "conversation": doc.id,
        "unit": report.unit.name(),
        "coders": report.coders,
        "rows": rows,
    });
    format!("{}\n", serde_json::to_string_pretty(&out).unwrap_or_default())
}
