//! A large file's plain sections read on two threads, each taking half of
//! the text: the 12.8 MB panel's five sections took 5.7 ms on one core.
//! Sections are not the same size (and five do not halve), so the section
//! the middle of the text falls in is itself cut in two at a blank line
//! (where a paragraph always ends), its halves read apart and joined.

use super::fast::{self, Body, Section};
use crate::model::Source;

/// From this size a file's sections are read on two threads.
const PARALLEL_FROM: usize = 1 << 20;

/// [`fast::section`] of each of `chunks`, in order.
pub(super) fn sections<'a>(source: &Source, chunks: &[&'a str]) -> Vec<Option<Section<'a>>> {
    sections_from(source, chunks, PARALLEL_FROM)
}

/// [`sections`], on two threads if the chunks come to `parallel_from`
/// bytes or more.
pub(super) fn sections_from<'a>(
    source: &Source,
    chunks: &[&'a str],
    parallel_from: usize,
) -> Vec<Option<Section<'a>>> {
    let total: usize = chunks.iter().map(|c| c.len()).sum();
    let all = |source: &Source, chunks: &[&'a str]| {
        chunks.iter().map(|c| fast::section(source, c)).collect::<Vec<_>>()
    };
    if total < parallel_from || chunks.is_empty() {
        return all(source, chunks);
    }
    // The chunk the middle of the text is in, and how far into it.
    let (mut k, mut seen) = (0, 0);
    while k + 1 < chunks.len() && seen + chunks[k].len() <= total / 2 {
        seen += chunks[k].len();
        k += 1;
    }
    let (mine, rest) = chunks.split_at(k);
    let (middle, theirs) = (rest[0], &rest[1..]);
    let Some((name, under)) = fast::head(middle) else {
        // Not a section this reader takes: the general reader will say.
        return all(source, chunks);
    };
    let cut = cut(under, (total / 2).saturating_sub(seen + (middle.len() - under.len())));
    let (first, second) = under.split_at(cut);
    // The second thread's paragraphs count on a twin of the source, so the
    // two threads do not contend for one reference count.
    let twin = source.twin();
    // The last half a thread waiting on the other core is asked for (see
    // `cores::spawn_ready`): it goes on to the reader's frame buffers.
    let ((mut done, start), (end, after)) = crate::cores::both_last(
        || (all(source, mine), fast::body(source, first)),
        || (fast::body(&twin, second), all(&twin, theirs)),
    );
    done.push(joined(source, name, start, end));
    done.extend(after);
    done
}

/// The section `name` from the two runs of its lines.
fn joined<'a>(
    source: &Source,
    name: &'a str,
    start: Option<Body>,
    end: Option<Body>,
) -> Option<Section<'a>> {
    let body = start?.then(end?);
    Some((name, body.finish(source)?))
}

/// Where to cut `under` near byte `near`: just after the line break that
/// a blank line follows (`\n\n`, or `\n\r\n`), so the second part starts
/// with that blank line; the end of `under` if there is none after `near`.
fn cut(under: &str, near: usize) -> usize {
    let bytes = under.as_bytes();
    let near = near.min(bytes.len());
    let lf = memchr::memmem::find(&bytes[near..], b"\n\n").map_or(bytes.len(), |at| near + at);
    // A CRLF file's blank line, if one comes first (looked for only that far).
    let crlf = memchr::memmem::find(&bytes[near..lf], b"\n\r\n").map(|at| near + at);
    match crlf.unwrap_or(lf) {
        at if at < bytes.len() => at + 1,
        _ => bytes.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::cut;

    #[test]
    fn a_section_is_cut_where_a_blank_line_starts() {
        let text = "one\ntwo\n\nthree\n\nfour\n";
        assert_eq!(&text[cut(text, 0)..], "\nthree\n\nfour\n");
        assert_eq!(&text[cut(text, 9)..], "\nfour\n");
        assert_eq!(cut(text, 17), text.len());
        assert_eq!(cut(text, 99), text.len());
        let crlf = "one\r\ntwo\r\n\r\nthree\r\n";
        assert_eq!(&crlf[cut(crlf, 0)..], "\r\nthree\r\n");
        assert_eq!(cut("no blank line", 0), 13);
    }
}
