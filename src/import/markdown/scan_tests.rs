use super::*;
use proptest::prelude::*;
use std::cell::Cell;
#[cfg(target_arch = "x86_64")]
use x86::{Vector, vector};

thread_local! {
    /// The line loop takes the AVX2 pass even where the processor has
    /// AVX-512BW: the tests below hold each pass there is to the searches.
    pub(super) static AVX2_ONLY: Cell<bool> = const { Cell::new(false) };
}

/// Each vector pass the tests can take here: the one the processor's best
/// instructions take, then AVX2's.
const PASSES: [bool; 2] = [false, true];

/// The lines of `text` and what each holds, by the plain searches alone
/// (as `lines` has them without a vector pass).
fn searched_lines(text: &str) -> Vec<(&str, Holds)> {
    let mut all = Vec::new();
    let mut from = 0;
    while from < text.len() {
        let (end, holds) = searched(text.as_bytes(), from);
        all.push((cut(text, from, end), holds));
        from = end + 1;
    }
    all
}

proptest! {
    /// Lines long and short, the marks anywhere in them (before and
    /// after a 32-byte block's edge, and after the line break), read as
    /// the three searches read them, and split as `str::lines` splits.
    #[test]
    fn one_pass_finds_what_three_searches_find(
        text in "([a :\\\\&*_`\\[<~\r\n]|：|é|—){0,200}",
        from in 0usize..200,
    ) {
        let bytes = text.as_bytes();
        let from = from.min(bytes.len());
        prop_assert_eq!(finder()(bytes, from), searched(bytes, from));
        let split: Vec<&str> = lines(&text).map(|(l, _)| l).collect();
        prop_assert_eq!(lines(&text).collect::<Vec<_>>(), searched_lines(&text));
        for avx2_only in PASSES {
            AVX2_ONLY.set(avx2_only);
            let mut each = Vec::new();
            each_line(&text, |line, holds| {
                each.push((line, holds));
                true
            });
            prop_assert_eq!(&each, &searched_lines(&text));
        }
        prop_assert_eq!(split, text.lines().collect::<Vec<_>>());
    }
}

/// Lines as [`checked_lines`] hands them on, and what it gives back.
fn checked(bytes: &[u8], stop_after: usize) -> (Vec<(String, Holds)>, Option<String>) {
    let mut seen = Vec::new();
    let text = checked_lines(bytes, |line, holds| {
        seen.push((line.to_owned(), holds));
        seen.len() < stop_after
    });
    (seen, text.map(str::to_owned))
}

proptest! {
    /// Bytes UTF-8 or not, the fault (a lone continuation byte, a cut
    /// character, a byte never in UTF-8) anywhere: the text comes back
    /// if and only if the bytes are UTF-8, then with every line as
    /// `lines` reads it; and a line is handed on only once checked
    /// (before the fault, only what lies before it).
    #[test]
    fn checked_lines_reads_what_is_utf8_and_nothing_else(
        pieces in prop::collection::vec(
            prop::sample::select(vec![
                "a", "word ", "x:y", "\\&", "\n", "\r\n", "\n\n", "“", "—", "的", "é",
                "0123456789abcdef0123456789abcdef", "👩‍👩‍👧",
            ]),
            0..60,
        ),
        fault in prop::option::of((0usize..60, prop::sample::select(vec![
            vec![0x80u8], vec![0xE2, 0x80], vec![0xFF], vec![0xC0, 0xAF], vec![0xED, 0xA0, 0x80],
        ]))),
        stop_after in 1usize..40,
    ) {
        let mut bytes = Vec::new();
        for (k, piece) in pieces.iter().enumerate() {
            if let Some((at, bad)) = &fault && *at == k {
                bytes.extend_from_slice(bad);
            }
            bytes.extend_from_slice(piece.as_bytes());
        }
        if let Some((at, bad)) = &fault && *at >= pieces.len() {
            bytes.extend_from_slice(bad);
        }
        let utf8 = std::str::from_utf8(&bytes).ok();
        for avx2_only in PASSES {
            AVX2_ONLY.set(avx2_only);
            let (seen, text) = checked(&bytes, usize::MAX);
            prop_assert_eq!(text.as_deref(), utf8);
            match utf8 {
                Some(text) => prop_assert_eq!(
                    seen.iter().map(|(l, h)| (l.as_str(), *h)).collect::<Vec<_>>(),
                    searched_lines(text)
                ),
                None => {
                    // Every line handed on lies before the fault.
                    let good = std::str::from_utf8(&bytes).unwrap_err().valid_up_to();
                    let handed: usize = seen.iter().map(|(l, _)| l.len() + 1).sum();
                    prop_assert!(handed <= good + 1, "{handed} bytes of lines, {good} good");
                }
            }
            // Stopped early, it still says whether the whole is UTF-8.
            let (few, text) = checked(&bytes, stop_after);
            prop_assert!(few.len() <= stop_after);
            prop_assert_eq!(text.as_deref(), utf8);
        }
    }
}

/// The vector passes are what the tests above compare with the searches;
/// without AVX2 they compare the searches with themselves, and without
/// AVX-512BW the 64-byte pass is not taken.
#[test]
fn the_vector_passes_are_tested_where_there_are_some() {
    #[cfg(target_arch = "x86_64")]
    {
        if !std::arch::is_x86_feature_detected!("avx512bw") {
            eprintln!(
                "SKIPPED: no AVX-512BW here; the 64-byte line scan is not tested on this machine"
            );
        }
        if std::arch::is_x86_feature_detected!("avx512bw") {
            AVX2_ONLY.set(false);
            assert_eq!(vector(), Some(Vector::Avx512), "the 64-byte pass taken where it can be");
        }
        if std::arch::is_x86_feature_detected!("avx2") {
            AVX2_ONLY.set(true);
            assert_eq!(vector(), Some(Vector::Avx2));
            return;
        }
    }
    crate::test_tmp::skipped(format_args!(
        "no AVX2 here; the vector line scan is not tested on this machine"
    ));
}

#[test]
fn marks_are_seen_in_every_place_of_a_block_and_not_past_the_break() {
    for (len, avx2_only) in [0, 1, 31, 32, 33, 63, 64, 65, 100, 127, 128, 129]
        .into_iter()
        .flat_map(|n| PASSES.map(|p| (n, p)))
    {
        AVX2_ONLY.set(avx2_only);
        for at in 0..len {
            for mark in [b':', 0x9A, b'\\', b'&', b'*', b'_', b'`', b'[', b'<'] {
                let mut bytes = vec![b'x'; len];
                bytes[at] = mark;
                let holds = finder()(&bytes, 0).1;
                let colon = mark == b':' || mark == 0x9A;
                assert_eq!(holds, Holds { colon, markup: !colon }, "{len} {at} {mark}");
                // After the line's break, it is the next line's.
                let mut broken = bytes.clone();
                broken.insert(at, b'\n');
                assert_eq!(finder()(&broken, 0), (at, Holds::default()), "{len} {at} {mark}");
                // (A lone 0x9A is not UTF-8: `each_line` takes text.)
                for text in [&bytes, &broken].map(|b| std::str::from_utf8(b)) {
                    let Ok(text) = text else { continue };
                    let mut each = Vec::new();
                    each_line(text, |line, holds| {
                        each.push((line, holds));
                        true
                    });
                    assert_eq!(each, searched_lines(text), "{len} {at} {mark}");
                }
            }
        }
    }
}
