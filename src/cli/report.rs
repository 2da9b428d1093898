//! What `stats` and `tags` print, and the aligned text tables other
//! commands print too: display widths as a terminal shows them.

use std::path::Path;

use unicode_width::UnicodeWidthStr;

use crate::model::Conversation;
use crate::model::annotations::{Annotations, tree};
use crate::model::count::count;
use crate::model::sanitize::Shown;
use crate::model::stats::Matrix;

/// The columns `s` takes on a terminal, where unsafe characters show as
/// one-column placeholders.
pub(super) fn width(s: &str) -> usize {
    crate::model::sanitize::sanitize_lines(s).width()
}

/// Pads `s` to `columns` display columns.
fn pad(s: &str, columns: usize) -> String {
    format!("{s}{}", " ".repeat(columns.saturating_sub(width(s))))
}

/// `rows` as an aligned text table, a rule under the first (the header):
/// each column as wide as its widest cell, two spaces between; cell
/// (`row`, `column`) to the left when `left(row, column)`, else to the right.
pub(super) fn table(rows: &[Vec<String>], left: impl Fn(usize, usize) -> bool) -> String {
    let columns = rows.first().map_or(0, Vec::len);
    let widths: Vec<usize> =
        (0..columns).map(|i| rows.iter().map(|r| width(&r[i])).max().unwrap_or(0)).collect();
    let mut out = String::new();
    for (i, row) in rows.iter().enumerate() {
        let line: Vec<String> = row
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(c, (s, &w))| {
                let pad = " ".repeat(w.saturating_sub(width(s)));
                if left(i, c) { format!("{s}{pad}") } else { format!("{pad}{s}") }
            })
            .collect();
        out.push_str(line.join("  ").trim_end());
        out.push('\n');
        if i == 0 {
            out.push_str(&widths.iter().map(|&w| "─".repeat(w)).collect::<Vec<_>>().join("  "));
            out.push('\n');
        }
    }
    out
}

/// The tag × contributor matrix as an aligned text table: highlights, and
/// in brackets the share of the contributor's words coded with the tag.
pub fn stats(doc: &Conversation, annotations: &Annotations, path: &Path) -> String {
    let m = Matrix::of(doc, annotations);
    let surnames: Vec<String> = (0..doc.contributors.len()).map(|i| doc.short_name(i)).collect();
    let cell = |h: usize, share: f64| {
        if h == 0 { "·".to_owned() } else { format!("{h} ({:.1}%)", 100.0 * share) }
    };
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut header = vec!["tag".to_owned()];
    header.extend(surnames.iter().cloned());
    header.push("total".into());
    rows.push(header);
    for (t, name) in m.tags.iter().enumerate() {
        // Nested tags as a tree: under their parent, by their last name.
        let mut row = vec![format!("{}{}", "  ".repeat(m.depth[t]), tree::leaf(name))];
        for v in 0..doc.voices().len() {
            let c = m.cells[t][v];
            row.push(cell(c.highlights, m.share(c, v)));
        }
        row.push(m.row_total(t).to_string());
        rows.push(row);
    }
    let mut all = vec!["all highlights".to_owned()];
    for v in 0..doc.voices().len() {
        all.push(cell(m.all[v].highlights, m.share(m.all[v], v)));
    }
    all.push(m.all.iter().map(|c| c.highlights).sum::<usize>().to_string());
    rows.push(all);
    let orphans = annotations.orphans().count();
    let mut out = format!(
        "{} · {}{} · {}\n\n",
        doc.title,
        count(annotations.highlights().len(), "highlight", "highlights"),
        if orphans > 0 { format!(", {orphans} not found in the text") } else { String::new() },
        path.shown()
    );
    out.push_str(&table(&rows, |_, _| true));
    out.push_str(
        "\nEach cell: highlights (share of the contributor's words coded with the tag).\n",
    );
    if m.parent.contains(&true) {
        out.push_str("A parent tag's row counts its own highlights and those of the tags under it, each once.\n");
    }
    out
}

/// The tags: quick key, name, uses, description.
pub fn tags(annotations: &Annotations) -> String {
    // In tree order: nested tags indented under their parent, by their
    // whole name (what `--tag` takes); a parent that is no tag gets a row.
    let rows = tree::tree(annotations.tags());
    let label = |n: &tree::Node| format!("{}{}", "  ".repeat(n.depth), n.name);
    let name_width = rows.iter().map(|n| width(&label(n))).max().unwrap_or(3).max(3);
    let mut out = format!("key  {}  uses  description\n", pad("tag", name_width));
    for n in &rows {
        let line = match n.tag.map(|i| &annotations.tags()[i]) {
            Some(t) => format!(
                "{:<3}  {}  {:>4}  {}\n",
                t.key.map_or(" ".to_owned(), |k| k.to_string()),
                pad(&label(n), name_width),
                annotations.count(&t.name),
                t.description
            ),
            None => format!(
                "{:<3}  {}  {:>4}  (groups the tags under it)\n",
                "",
                pad(&label(n), name_width),
                ""
            ),
        };
        out.push_str(&line);
    }
    out
}
