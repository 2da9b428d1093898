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
    std::thread::scope(|s| {
        let other = std::thread::Builder::new()
            .spawn_scoped(s, || (fast::body(&twin, second), all(&twin, theirs)));
        // The new thread is queued on this thread's core, and waited 2 ms
        // here for it to be free: this thread moves to another core.
        let _back = aside::step_aside();
        let mut done = all(source, mine);
        let start = fast::body(source, first);
        let (end, after) = match other.ok().and_then(|h| h.join().ok()) {
            Some(theirs) => theirs,
            None => (fast::body(source, second), all(source, theirs)),
        };
        done.push(joined(source, name, start, end));
        done.extend(after);
        done
    })
}

#[cfg(target_os = "linux")]
mod aside {
    /// This thread's cores, given back when dropped.
    pub(super) struct Back(libc::cpu_set_t);

    /// Moves this thread off its core to the others it may run on, so that
    /// one it has just started gets the core it was queued on, at once;
    /// `None` (and nothing changed) with one core or a failure.
    pub(super) fn step_aside() -> Option<Back> {
        // SAFETY: cpu_set_t is plain data; the calls get and set this
        // thread's (pid 0) mask, with the size of the set given.
        unsafe {
            let mut allowed: libc::cpu_set_t = std::mem::zeroed();
            let size = std::mem::size_of::<libc::cpu_set_t>();
            if libc::sched_getaffinity(0, size, &mut allowed) != 0 {
                return None;
            }
            // Any allowed core but this one (the kernel picks among them).
            let here = usize::try_from(libc::sched_getcpu()).ok()?;
            let mut there = allowed;
            libc::CPU_CLR(here, &mut there);
            if libc::CPU_COUNT(&there) == 0 {
                return None;
            }
            (libc::sched_setaffinity(0, size, &there) == 0).then_some(Back(allowed))
        }
    }

    impl Drop for Back {
        fn drop(&mut self) {
            // SAFETY: as above, putting back the mask read then.
            unsafe { libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &self.0) };
        }
    }
}

#[cfg(not(target_os = "linux"))]
mod aside {
    pub(super) fn step_aside() -> Option<()> {
        None
    }
}

/// The section `name` from the two runs of its lines.
fn joined<'a>(
    source: &Source,
    name: &'a str,
    start: Option<Body>,
    end: Option<Body>,
) -> Option<Section<'a>> {
    let body = start?.then(end?);
    Some((name, body.finish(source.as_str())?))
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

    #[cfg(target_os = "linux")]
    #[test]
    fn stepping_aside_leaves_this_core_and_comes_back() {
        let mask = || {
            // SAFETY: reading this thread's mask into a zeroed set.
            unsafe {
                let mut set: libc::cpu_set_t = std::mem::zeroed();
                libc::sched_getaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &mut set);
                (0..libc::CPU_SETSIZE as usize)
                    .filter(|&c| libc::CPU_ISSET(c, &set))
                    .collect::<Vec<_>>()
            }
        };
        let before = mask();
        let Some(back) = super::aside::step_aside() else {
            eprintln!("SKIPPED: no other core to step aside to here ({before:?})");
            return;
        };
        let during = mask();
        // One core fewer, all of them allowed before. (Which one is left
        // out is not asked: the thread may have moved since.)
        assert_eq!(during.len() + 1, before.len(), "{during:?} of {before:?}");
        assert!(during.iter().all(|c| before.contains(c)), "{during:?} of {before:?}");
        drop(back);
        assert_eq!(mask(), before);
    }

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
