//! Where each character of an imported paragraph came from in the source
//! text. The transcript reader drops speaker labels, timestamps, a title
//! and header lines, trims lines and joins wrapped ones with a space (none
//! between CJK characters); the paragraphs keep everything else verbatim
//! and in order. So each paragraph is found in the source after the one
//! before it: its characters match one for one, except that a run of
//! whitespace in the source (a line break and indentation) may stand for
//! one space, or for nothing.

/// Finds each paragraph (in the order they occur in `source`) and hands
/// `each` its index and the source index of each of its characters (`None`
/// for a joining space the source spells differently); `None` if some
/// paragraph cannot be found.
pub fn align(
    source: &[char],
    paragraphs: &[&str],
    mut each: impl FnMut(usize, &[Option<usize>]),
) -> Option<()> {
    let mut cursor = 0;
    for (i, p) in paragraphs.iter().enumerate() {
        let chars: Vec<char> = p.chars().collect();
        let first = *chars.first()?;
        let mut found = None;
        let mut at = cursor;
        while let Some(offset) = source[at..].iter().position(|&c| c == first) {
            let start = at + offset;
            if let Some((origins, end)) = strict(source, start, &chars) {
                found = Some((origins, end));
                break;
            }
            at = start + 1;
        }
        let (origins, end) = found?;
        each(i, &origins);
        cursor = end;
    }
    Some(())
}

/// `chars` read from `source` at `start`, or `None`; with where it ends.
fn strict(source: &[char], start: usize, chars: &[char]) -> Option<(Vec<Option<usize>>, usize)> {
    let mut cur = start;
    let mut out = Vec::with_capacity(chars.len());
    let ws = |i: usize| source.get(i).is_some_and(|c| c.is_whitespace());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if source.get(cur) == Some(&c) {
            out.push(Some(cur));
            cur += 1;
            i += 1;
        } else if ws(cur) && c.is_whitespace() {
            // A line break standing for a space.
            out.push(Some(cur));
            cur += 1;
            let next_ws = chars.get(i + 1).is_some_and(|c| c.is_whitespace());
            while ws(cur) && !next_ws {
                cur += 1;
            }
            i += 1;
        } else if ws(cur) {
            // A line break joined without a space (CJK).
            while ws(cur) {
                cur += 1;
            }
        } else if c.is_whitespace() && i > 0 {
            // A space the join put where the source had none.
            out.push(None);
            i += 1;
        } else {
            return None;
        }
    }
    Some((out, cur))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(source: &str, paragraphs: &[&str]) -> Option<Vec<String>> {
        let chars: Vec<char> = source.chars().collect();
        let mut out = Vec::new();
        align(&chars, paragraphs, |_, p| {
            out.push(p.iter().map(|o| o.map_or('_', |i| chars[i])).collect());
        })?;
        Some(out)
    }

    #[test]
    fn labels_are_skipped_and_wrapped_lines_joined() {
        let source = "# T\nALICE: Alright,\n   then.\n\nBOB [00:01:02]: 中文\n中文 🙂\n";
        let got = run(source, &["Alright, then.", "中文中文 🙂"]).expect("aligned");
        assert_eq!(got, ["Alright,\nthen.", "中文中文 🙂"]);
        let chars: Vec<char> = source.chars().collect();
        let mut first = None;
        align(&chars, &["Alright, then."], |_, p| first = p[0]).expect("aligned");
        // `A` of `Alright`, not of `ALICE`.
        assert_eq!(first, Some(11));
    }

    #[test]
    fn a_paragraph_that_is_not_there_fails() {
        assert_eq!(run("A: one\nB: two\n", &["one", "three"]), None);
        assert_eq!(run("A: two\nB: one\n", &["one", "two"]), None);
    }
}
