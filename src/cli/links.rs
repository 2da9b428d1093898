//! `crosstalk stats --links`: who links to whom ([`Exchanges`]), as one
//! aligned table per relation on a terminal, or as CSV / JSON for R and
//! Python: one row per relation × from × to contributor, zeros included,
//! for each relation that has links (none at all: no rows).

use std::fmt::Write as _;
use std::path::Path;

use serde_json::json;

use super::Error;
use crate::model::Conversation;
use crate::model::annotations::Annotations;
use crate::model::count::count;
use crate::model::exchanges::{Exchange, Exchanges};
use crate::model::sanitize::Shown;

/// How `crosstalk stats` prints.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum StatsFormat {
    /// An aligned table (the default).
    #[default]
    Table,
    /// With --links: one row per relation × from × to contributor, for R or a spreadsheet.
    Csv,
    /// With --links: the same rows as JSON, for Python.
    Json,
}

/// The rendering of `--format`.
pub fn render(
    doc: &Conversation,
    annotations: &Annotations,
    path: &Path,
    format: StatsFormat,
) -> Result<String, Error> {
    let x = Exchanges::of(doc, annotations);
    Ok(match format {
        StatsFormat::Table => table(doc, &x, path),
        StatsFormat::Csv => csv(doc, &x)?,
        StatsFormat::Json => json(doc, &x),
    })
}

/// The relations that have links: the ones rows are given for.
fn used(x: &Exchanges) -> impl Iterator<Item = &Exchange> {
    x.relations.iter().filter(|r| r.links > 0)
}

fn direction(r: &Exchange) -> &'static str {
    if r.both_ways { "both ways" } else { "one-way" }
}

/// The tables: one per relation with links, and their sum when more than
/// one has links.
pub fn table(doc: &Conversation, x: &Exchanges, path: &Path) -> String {
    let mut out = format!(
        "{} · {} between passages{} · {}\n",
        doc.title,
        count(x.links(), "link", "links"),
        if x.orphaned > 0 {
            format!(", {} with an end not found in the text", x.orphaned)
        } else {
            String::new()
        },
        path.shown()
    );
    if x.links() == 0 {
        out.push_str("\nNo links between passages in this file: nothing to count.\n");
        return out;
    }
    let names: Vec<String> = (0..doc.voices().len()).map(|v| doc.short_name(v)).collect();
    let mut blocks: Vec<&Exchange> = used(x).collect();
    if blocks.len() > 1 {
        blocks.push(&x.all);
    }
    for r in blocks {
        let _ = write!(out, "\n{} · {}", r.relation, count(r.links, "link", "links"));
        if r.relation != x.all.relation {
            let _ = write!(out, " · {}", direction(r));
        }
        out.push_str("\n\n");
        out.push_str(&grid(r, &names));
    }
    let unused: Vec<&str> =
        x.relations.iter().filter(|r| r.links == 0).map(|r| r.relation.as_str()).collect();
    if !unused.is_empty() {
        let _ = writeln!(out, "\nNo links: {}.", unused.join(", "));
    }
    out.push_str(
        "\nRows: the contributor a link starts from (the answer, the rebuttal); columns: the one it goes to.\n",
    );
    if used(x).any(|r| r.both_ways) {
        out.push_str("A both-ways relation's link counts in both cells (once when both ends are one contributor's), so its cells add up to more than its links.\n");
    }
    if x.orphaned > 0 {
        out.push_str(
            "An end not found in the text counts under the contributor whose section it was in.\n",
        );
    }
    out
}

/// One relation's table, row and column totals included.
fn grid(r: &Exchange, names: &[String]) -> String {
    let count = |n: usize| if n == 0 { "·".to_owned() } else { n.to_string() };
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut header = vec!["from ↓ to →".to_owned()];
    header.extend(names.iter().cloned());
    header.push("total".into());
    rows.push(header);
    for (v, name) in names.iter().enumerate() {
        let mut row = vec![name.clone()];
        row.extend((0..names.len()).map(|w| count(r.cells[v][w])));
        row.push(r.row_total(v).to_string());
        rows.push(row);
    }
    let mut totals = vec!["total".to_owned()];
    totals.extend((0..names.len()).map(|w| r.column_total(w).to_string()));
    totals.push(r.total().to_string());
    rows.push(totals);
    // Names (and the header) to the left, figures to the right.
    super::report::table(&rows, |row, column| row == 0 || column == 0)
}

/// One cell of one relation's table, for CSV and JSON.
struct Row<'a> {
    relation: &'a str,
    both_ways: bool,
    from: &'a crate::model::Contributor,
    to: &'a crate::model::Contributor,
    links: usize,
}

/// One row per relation with links × from × to contributor.
fn records<'a>(doc: &'a Conversation, x: &'a Exchanges) -> Vec<Row<'a>> {
    let who = |v: usize| &doc.contributors[doc.voices()[v].contributor];
    let voices = doc.voices().len();
    let mut out = Vec::new();
    for r in used(x) {
        for from in 0..voices {
            for to in 0..voices {
                out.push(Row {
                    relation: &r.relation,
                    both_ways: r.both_ways,
                    from: who(from),
                    to: who(to),
                    links: r.cells[from][to],
                });
            }
        }
    }
    out
}

/// The rows as CSV (CRLF, as `agree` writes): a header alone when there
/// are no links.
pub fn csv(doc: &Conversation, x: &Exchanges) -> Result<String, Error> {
    let fail = |e: ::csv::Error| Error::Usage(format!("cannot write CSV: {e}"));
    let mut w =
        ::csv::WriterBuilder::new().terminator(::csv::Terminator::CRLF).from_writer(Vec::new());
    w.write_record(["relation", "both_ways", "from", "from_name", "to", "to_name", "links"])
        .map_err(fail)?;
    for r in records(doc, x) {
        let both = r.both_ways.to_string();
        let links = r.links.to_string();
        w.write_record([r.relation, &both, &r.from.id, &r.from.name, &r.to.id, &r.to.name, &links])
            .map_err(fail)?;
    }
    let bytes = w.into_inner().map_err(|e| Error::Usage(format!("cannot write CSV: {e}")))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The rows as JSON, with the contributors and each relation's count of
/// links (each link once).
pub fn json(doc: &Conversation, x: &Exchanges) -> String {
    let contributors: Vec<serde_json::Value> = doc
        .voices()
        .iter()
        .map(|v| {
            let c = &doc.contributors[v.contributor];
            json!({ "id": c.id, "name": c.name })
        })
        .collect();
    let relations: Vec<serde_json::Value> = x
        .relations
        .iter()
        .map(|r| json!({ "relation": r.relation, "both_ways": r.both_ways, "links": r.links }))
        .collect();
    let rows: Vec<serde_json::Value> = records(doc, x)
        .into_iter()
        .map(|r| {
            json!({
                "relation": r.relation,
                "both_ways": r.both_ways,
                "from": r.from.id,
                "from_name": r.from.name,
                "to": r.to.id,
                "to_name": r.to.name,
                "links": r.links,
            })
        })
        .collect();
    let out = json!({
        "conversation": doc.id,
        "contributors": contributors,
        "links": x.links(),
        "orphaned": x.orphaned,
        "relations": relations,
        "rows": rows,
    });
    format!("{}\n", serde_json::to_string_pretty(&out).unwrap_or_default())
}
