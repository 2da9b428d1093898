//! Coding many passages at once: every match of a pattern (plain text or a
//! regular expression), widened to its sentence or paragraph if asked,
//! tagged in one [`Edit`] (one undo step).
//!
//! Pure: matches and targets are computed from the conversation, the edit
//! from the annotations; writing it anywhere is the caller's business.

use std::sync::Arc;

use jiff::Timestamp;
use regex::{Regex, RegexBuilder};

use super::super::search::Match;
use super::super::{Conversation, Pos};
use super::{Annotations, Change, Edit, Highlight, Tag, Target};

/// How much of the text around a match gets coded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Unit {
    /// The matched text itself.
    #[default]
    Match,
    /// The sentence (or sentences) containing the match.
    Sentence,
    /// The whole paragraph containing the match.
    Paragraph,
}

/// What an auto-coding edit does, counted by target.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Coded {
    /// New highlights made.
    pub new: usize,
    /// Existing highlights on exactly a target that got the tag added.
    pub tagged: usize,
    /// Existing highlights on exactly a target that already had the tag.
    pub already: usize,
}

/// What happened to one target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    New,
    Tagged,
    Already,
}

/// What `crosstalk autocode` looks for.
#[derive(Clone, Debug)]
pub enum Matcher {
    /// A regular expression, each character as written.
    Regex(Regex),
    /// Text, found as the reader's search finds it (its quotation marks
    /// and apostrophes straight or curly, each accented letter however it
    /// is written), case as written only if `case`.
    Plain { pattern: String, case: bool },
}

/// The matcher for `pattern`: a regular expression if `regex` (case-
/// insensitive unless `case`), else the text as search takes it: so a
/// plain pattern codes exactly what `/` finds for it.
pub fn matcher(pattern: &str, regex: bool, case: bool) -> Result<Matcher, regex::Error> {
    if !regex {
        return Ok(Matcher::Plain { pattern: pattern.to_owned(), case });
    }
    Ok(Matcher::Regex(RegexBuilder::new(pattern).case_insensitive(!case).build()?))
}

/// Every non-empty match in each paragraph of each voice, by voice then
/// position. A match never crosses a paragraph's end; its offsets are
/// grapheme boundaries of the paragraph's text (one that starts or ends
/// inside a user-perceived character is left out, as search leaves it).
pub fn find_matches(doc: &Conversation, matcher: &Matcher) -> Vec<Match> {
    let re = match matcher {
        Matcher::Plain { pattern, case } => {
            let index = crate::model::search::Index::new(doc);
            return crate::model::search::find_with(doc, &index, pattern, *case);
        }
        Matcher::Regex(re) => re,
    };
    let mut out = Vec::new();
    for (voice, v) in doc.voices().iter().enumerate() {
        for (para, &p) in v.paragraphs.iter().enumerate() {
            let text = doc.paragraph(p).text();
            let mut whole = crate::model::search::Graphemes::new(text);
            for m in re.find_iter(text) {
                if !m.is_empty() && whole.whole(m.start(), m.end()) {
                    out.push(Match {
                        voice,
                        start: Pos::new(para, m.start()),
                        end: Pos::new(para, m.end()),
                    });
                }
            }
        }
    }
    out
}

/// `[start, end)` of `text` without whitespace at either end, or `None` if
/// nothing but whitespace is left.
fn trim(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let slice = &text[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let kept = slice.trim().len();
    (kept > 0).then_some((start + lead, start + lead + kept))
}

/// The targets to code for `matches` in `unit`s, only in `voice` if given:
/// the matched text, the sentences containing it, or its paragraph, each
/// without surrounding whitespace. Sorted and without duplicates (two
/// matches in one sentence make one target); a match of whitespace only
/// makes none.
pub fn targets(
    doc: &Conversation,
    matches: &[Match],
    unit: Unit,
    voice: Option<usize>,
) -> Vec<Target> {
    let mut out: Vec<Target> = Vec::new();
    for m in matches {
        if voice.is_some_and(|v| v != m.voice) || m.start.para != m.end.para {
            continue;
        }
        let Some(v) = doc.voices().get(m.voice) else { continue };
        let Some(p) = v.paragraphs.get(m.start.para as usize) else { continue };
        let para = doc.paragraph(p);
        let text = para.text();
        let (from, to) = (m.start.byte as usize, m.end.byte as usize);
        if from >= to
            || to > text.len()
            || !text.is_char_boundary(from)
            || !text.is_char_boundary(to)
        {
            continue;
        }
        let range = match unit {
            Unit::Match => (from, to),
            Unit::Sentence => {
                let sentences = para.sentences();
                let first = sentences[para.sentence_at(from)];
                let last = sentences[para.sentence_at(to - 1)];
                (first.start as usize, last.end as usize)
            }
            Unit::Paragraph => (0, text.len()),
        };
        if let Some((start, end)) = trim(text, range.0, range.1) {
            let at = m.start.para as usize;
            out.push(Target { voice: m.voice, start: Pos::new(at, start), end: Pos::new(at, end) });
        }
    }
    out.sort_by_key(|t| (t.voice, t.start, t.end));
    out.dedup();
    out
}

impl Annotations {
    /// The colour for a new tag: the first palette colour no tag uses (or,
    /// when every one is used, the palette round again).
    pub fn next_color(&self) -> super::Rgb {
        let used: Vec<_> = self.tags.iter().map(|t| t.color).collect();
        super::PALETTE
            .iter()
            .copied()
            .find(|c| !used.contains(c))
            .unwrap_or(super::PALETTE[self.tags.len() % super::PALETTE.len()])
    }

    /// Tags every target with `name`, as one edit: a new highlight where
    /// there is none on exactly the target, the tag added to one that is
    /// there without it, nothing where it is already. The tag is created
    /// (with [`next_color`](Self::next_color)) if it does not exist and
    /// anything is to be tagged. `id` gives each new highlight its id.
    /// Returns the edit, what happened to each target (in order), and the
    /// counts.
    pub fn autocode(
        &self,
        doc: &Conversation,
        targets: &[Target],
        name: &str,
        coder: &str,
        now: Timestamp,
        mut id: impl FnMut() -> String,
    ) -> (Edit, Vec<Outcome>, Coded) {
        let mut changes = Vec::new();
        let mut outcomes = Vec::with_capacity(targets.len());
        let mut coded = Coded::default();
        for target in targets {
            match self.exact(target) {
                Some(h) if h.tags.iter().any(|t| t == name) => {
                    coded.already += 1;
                    outcomes.push(Outcome::Already);
                }
                Some(h) => {
                    let mut after = Highlight::clone(h);
                    after.tags.push(name.to_owned());
                    after.modified = now;
                    changes.push(Change::Highlight {
                        before: Some(Arc::clone(h)),
                        after: Some(Arc::new(after)),
                    });
                    coded.tagged += 1;
                    outcomes.push(Outcome::Tagged);
                }
                None => {
                    let stamp = super::Stamp { id: id(), coder: coder.to_owned(), now };
                    let h = Self::new_highlight(
                        doc,
                        target,
                        vec![name.to_owned()],
                        String::new(),
                        &stamp,
                    );
                    changes.push(Change::Highlight { before: None, after: Some(Arc::new(h)) });
                    coded.new += 1;
                    outcomes.push(Outcome::New);
                }
            }
        }
        if !changes.is_empty() && self.tag(name).is_none() {
            let mut after = self.tags.clone();
            after.push(Tag {
                name: name.to_owned(),
                color: self.next_color(),
                description: String::new(),
                key: None,
            });
            changes.insert(0, Change::Tags { before: self.tags.clone(), after });
        }
        let tagged =
            if coded.tagged > 0 { format!(", {} tagged", coded.tagged) } else { String::new() };
        let label = format!(
            "auto-coded “{name}”: {} new{tagged}, {} already coded",
            coded.new, coded.already
        );
        (Edit { label, changes }, outcomes, coded)
    }

    /// [`autocode`](Self::autocode) with several tags, as ONE edit (one undo
    /// step): each tag's changes are worked out on the annotations as the
    /// tags before it left them, and replayed in that order.
    pub fn autocode_all(
        &self,
        doc: &Conversation,
        targets: &[Target],
        names: &[String],
        coder: &str,
        now: Timestamp,
        mut id: impl FnMut() -> String,
    ) -> (Edit, Coded) {
        let mut scratch = self.clone();
        let mut changes = Vec::new();
        let mut total = Coded::default();
        for name in names {
            let (edit, _, coded) = scratch.autocode(doc, targets, name, coder, now, &mut id);
            changes.extend(edit.changes.iter().cloned());
            scratch.apply(edit);
            total.new += coded.new;
            total.tagged += coded.tagged;
            total.already += coded.already;
        }
        let quoted: Vec<String> = names.iter().map(|n| format!("“{n}”")).collect();
        let tagged =
            if total.tagged > 0 { format!(", {} tagged", total.tagged) } else { String::new() };
        let label = format!(
            "auto-coded {}: {} new{tagged}, {} already coded",
            quoted.join(", "),
            total.new,
            total.already
        );
        (Edit { label, changes }, total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testing::conversation;

    fn text_of(doc: &Conversation, t: &Target) -> String {
        let v = &doc.voices()[t.voice];
        let p = doc.paragraph(v.paragraphs.at(t.start.para as usize));
        p.text()[t.start.byte as usize..t.end.byte as usize].to_owned()
    }

    fn texts(doc: &Conversation, ts: &[Target]) -> Vec<String> {
        ts.iter().map(|t| text_of(doc, t)).collect()
    }

    fn empty(doc: &Conversation) -> Annotations {
        Annotations::new(doc.id.clone(), Vec::new())
    }

    fn ids() -> impl FnMut() -> String {
        let mut n = 0;
        move || {
            n += 1;
            format!("id-{n}")
        }
    }

    fn doc() -> Conversation {
        conversation(&[
            &["The ban is wrong. A ban on apps is a ban on speech.  ", "No ban here? Yes, BAN."],
            &["  数据安全 is the ban’s aim — 禁止 ban.  ", "Nothing."],
        ])
    }

    #[test]
    fn plain_text_is_case_insensitive_unless_case_and_regex_is_a_regex() {
        let d = doc();
        let all = find_matches(&d, &matcher("ban", false, false).unwrap());
        assert_eq!(all.len(), 7);
        let exact = find_matches(&d, &matcher("BAN", false, true).unwrap());
        assert_eq!(texts(&d, &targets(&d, &exact, Unit::Match, None)), ["BAN"]);
        // Plain text is taken as it is: `.` is a dot.
        assert!(find_matches(&d, &matcher("b.n", false, false).unwrap()).is_empty());
        let re = find_matches(&d, &matcher(r"b.n\b", true, true).unwrap());
        assert_eq!(re.len(), 6);
        assert!(matcher("(", true, false).is_err());
        // Quotation marks as typed match the text's curly ones, and back.
        let d = conversation(&[&["That’s it. “Moral equivalence” is not. that's all"]]);
        let quoted =
            |p: &str, case: bool| find_matches(&d, &matcher(p, false, case).unwrap()).len();
        assert_eq!(quoted("that's", false), 2);
        assert_eq!(quoted("That's", true), 1);
        assert_eq!(quoted("that’s", false), 2);
        assert_eq!(quoted("\"moral equivalence\"", false), 1);
        assert_eq!(quoted("a.b'", false), 0, "the rest stays text: . is not any char");
        // An empty match codes nothing.
        assert!(find_matches(&d, &matcher("x*", true, false).unwrap()).is_empty());
        // Nor does one inside a character: "cafe" of "café" with a
        // combining accent, one flag's half, one woman of a family.
        let d = conversation(&[&["a cafe\u{301}, 🇺🇸🇨🇳, 👩\u{200d}👧 and a cafe"]]);
        let count =
            |p: &str, regex: bool| find_matches(&d, &matcher(p, regex, false).unwrap()).len();
        assert_eq!(count("cafe", false), 1, "the plain one only");
        let d = conversation(&[&["a cafe\u{301}, a café, a Café, a cafe"]]);
        let count = |p: &str| find_matches(&d, &matcher(p, false, false).unwrap()).len();
        assert_eq!((count("café"), count("cafe\u{301}")), (3, 3), "either way of writing é");
        // Partly composed, and marks in either order, as search finds them.
        let d = conversation(&[&[
            "ḉ, ç\u{301}, ć\u{327}, c\u{327}\u{301}, c\u{301}\u{327}, ć, ç; ệ, ê\u{323}, ẹ\u{302}, e\u{302}\u{323}",
        ]]);
        let count = |p: &str| find_matches(&d, &matcher(p, false, false).unwrap()).len();
        assert_eq!((count("ḉ"), count("c\u{301}\u{327}"), count("Ḉ")), (5, 5, 5));
        assert_eq!((count("ệ"), count("e\u{323}\u{302}")), (4, 4));
        assert_eq!(count("ç"), 1, "ç with an acute is another letter");
        let d = conversation(&[&["a cafe\u{301}, 🇺🇸🇨🇳, 👩\u{200d}👧 and a cafe"]]);
        let count =
            |p: &str, regex: bool| find_matches(&d, &matcher(p, regex, false).unwrap()).len();
        assert_eq!(count("🇸🇨", false), 0);
        assert_eq!(count("👩", false), 0);
        assert_eq!(count(r"\p{M}", true), 0);
        assert_eq!(count("🇨🇳", false), 1);
    }

    #[test]
    fn units_widen_the_match_and_duplicates_go() {
        let d = doc();
        let ms = find_matches(&d, &matcher("ban", false, false).unwrap());
        let sentences = targets(&d, &ms, Unit::Sentence, None);
        assert_eq!(
            texts(&d, &sentences),
            [
                "The ban is wrong.",
                "A ban on apps is a ban on speech.",
                "No ban here?",
                "Yes, BAN.",
                "数据安全 is the ban’s aim — 禁止 ban.",
            ]
        );
        let paragraphs = targets(&d, &ms, Unit::Paragraph, None);
        assert_eq!(
            texts(&d, &paragraphs),
            [
                "The ban is wrong. A ban on apps is a ban on speech.",
                "No ban here? Yes, BAN.",
                "数据安全 is the ban’s aim — 禁止 ban.",
            ]
        );
        let only_b = targets(&d, &ms, Unit::Match, Some(1));
        assert_eq!(texts(&d, &only_b), ["ban", "ban"]);
        assert!(only_b.iter().all(|t| t.voice == 1));
        // A match spanning two sentences takes both.
        let across = find_matches(&d, &matcher(r"wrong\. A", true, true).unwrap());
        assert_eq!(
            texts(&d, &targets(&d, &across, Unit::Sentence, None)),
            ["The ban is wrong. A ban on apps is a ban on speech."]
        );
        // Whitespace alone is no target.
        let spaces = find_matches(&d, &matcher("  ", false, false).unwrap());
        assert!(targets(&d, &spaces, Unit::Match, None).is_empty());
    }

    #[test]
    fn one_edit_creates_the_tag_counts_and_undoes_at_once() {
        let d = doc();
        let mut a = empty(&d);
        a.apply(a.tag_target(
            &d,
            &Target { voice: 0, start: Pos::new(1, 0), end: Pos::new(1, 12) },
            "other",
            Some(Tag {
                name: "other".into(),
                color: a.next_color(),
                description: String::new(),
                key: None,
            }),
            &super::super::Stamp { id: "x".into(), coder: "c".into(), now: Timestamp::UNIX_EPOCH },
        ));
        let ms = find_matches(&d, &matcher("ban", false, false).unwrap());
        let ts = targets(&d, &ms, Unit::Sentence, None);
        let (edit, outcomes, coded) =
            a.autocode(&d, &ts, "ban", "coder", Timestamp::UNIX_EPOCH, ids());
        assert_eq!(coded, Coded { new: 4, tagged: 1, already: 0 });
        assert_eq!(outcomes[2], Outcome::Tagged);
        assert_eq!(edit.label, "auto-coded “ban”: 4 new, 1 tagged, 0 already coded");
        a.apply(edit);
        assert_eq!(a.count("ban"), 5);
        let tag = a.tag("ban").expect("created");
        assert_ne!(tag.color, a.tag("other").unwrap().color);
        for h in a.highlights() {
            assert_eq!(
                h.quote.exact,
                text_of(&d, &Target { voice: h.voice, start: h.start, end: h.end })
            );
        }
        // Again: nothing to do, and no change to undo.
        let (again, _, coded) = a.autocode(&d, &ts, "ban", "coder", Timestamp::UNIX_EPOCH, ids());
        assert_eq!(coded, Coded { new: 0, tagged: 0, already: 5 });
        assert!(again.changes.is_empty());
        assert_eq!(again.label, "auto-coded “ban”: 0 new, 5 already coded");
        // One undo takes it all back, tag included.
        assert!(a.undo().is_some());
        assert!(a.tag("ban").is_none());
        assert_eq!(a.highlights().len(), 1);
        assert!(a.highlights()[0].tags == ["other"]);
    }

    #[test]
    fn nothing_to_code_creates_no_tag() {
        let d = doc();
        let a = empty(&d);
        let (edit, outcomes, coded) =
            a.autocode(&d, &[], "ban", "coder", Timestamp::UNIX_EPOCH, ids());
        assert!(edit.changes.is_empty() && outcomes.is_empty());
        assert_eq!(coded, Coded::default());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
        /// Whatever the text and the matches, every target is the document
        /// sliced at its positions, starts and ends on non-whitespace, and
        /// coding twice makes nothing new the second time.
        #[test]
        fn targets_are_exact_and_coding_twice_adds_nothing(
            paras in proptest::collection::vec(
                proptest::collection::vec(
                    proptest::sample::select(vec![
                        "ban", " ", "  ", ". ", "? ", "\n", "数据", "安全。", "👨‍👩‍👧", "é", "e\u{301}",
                        "U.S. ", "A", "—", "“x”", "\u{200d}", "\t",
                    ]),
                    1..20,
                ),
                1..4,
            ),
            picks in proptest::collection::vec((0usize..2, 0usize..4, 0usize..200, 0usize..40), 0..12),
            unit in proptest::sample::select(vec![Unit::Match, Unit::Sentence, Unit::Paragraph]),
            filter in proptest::option::of(0usize..2),
        ) {
            let texts: Vec<String> = paras.iter().map(|p| format!("x{}", p.concat())).collect();
            let a: Vec<&str> = texts.iter().map(String::as_str).collect();
            let b: Vec<&str> = texts.iter().rev().map(String::as_str).collect();
            let d = conversation(&[&a, &b]);
            // Random matches on char boundaries.
            let mut ms = Vec::new();
            for (voice, para, from, len) in picks {
                let v = &d.voices()[voice];
                let para = para % v.paragraphs.len();
                let text = d.paragraph(v.paragraphs.at(para)).text();
                let bounds: Vec<usize> =
                    text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
                let i = from % bounds.len();
                let j = (i + 1 + len).min(bounds.len() - 1);
                if bounds[i] < bounds[j] {
                    ms.push(Match { voice, start: Pos::new(para, bounds[i]), end: Pos::new(para, bounds[j]) });
                }
            }
            let ts = targets(&d, &ms, unit, filter);
            for t in &ts {
                let s = text_of(&d, t);
                proptest::prop_assert!(!s.is_empty());
                proptest::prop_assert!(!s.starts_with(char::is_whitespace), "{:?}", s);
                proptest::prop_assert!(!s.ends_with(char::is_whitespace), "{:?}", s);
                proptest::prop_assert!(filter.is_none_or(|v| v == t.voice));
            }
            proptest::prop_assert!(ts.windows(2).all(|w| (w[0].voice, w[0].start, w[0].end) < (w[1].voice, w[1].start, w[1].end)));
            let mut ann = empty(&d);
            let (edit, _, first) = ann.autocode(&d, &ts, "t", "c", Timestamp::UNIX_EPOCH, ids());
            proptest::prop_assert_eq!(first.new, ts.len());
            ann.apply(edit);
            for h in ann.highlights() {
                let t = Target { voice: h.voice, start: h.start, end: h.end };
                proptest::prop_assert_eq!(&h.quote.exact, &text_of(&d, &t));
            }
            let (again, _, second) = ann.autocode(&d, &ts, "t", "c", Timestamp::UNIX_EPOCH, ids());
            proptest::prop_assert_eq!(second, Coded { new: 0, tagged: 0, already: ts.len() });
            proptest::prop_assert!(again.changes.is_empty());
        }

        /// A plain pattern finds what the reader's search finds for it
        /// (lowercase, so search too ignores case): however its accented
        /// letters and its quotation marks are written.
        #[test]
        fn plain_matches_are_searchs(
            text in proptest::collection::vec(proptest::sample::select(vec![
                "ḉ", "ç\u{301}", "c\u{327}\u{301}", "ć\u{327}", "c\u{301}\u{327}", "c", "ç", "Ç",
                "ệ", "ê\u{323}", "e\u{302}\u{323}", "ẹ\u{302}", "e", "É", "\u{301}", " ", "a", "’", "'",
                "한", "\u{1112}\u{1161}\u{11ab}",
            ]), 0..12),
            query in proptest::collection::vec(proptest::sample::select(vec![
                "ḉ", "c\u{301}\u{327}", "ç", "c", "ệ", "e\u{323}\u{302}", "ê", "e", "é", " ", "a", "'", "’", "한",
            ]), 1..4),
        ) {
            let d = conversation(&[&[&format!("x{}", text.concat())]]);
            let query = query.concat();
            let ours: Vec<(Pos, Pos)> = find_matches(&d, &matcher(&query, false, false).unwrap())
                .iter()
                .map(|m| (m.start, m.end))
                .collect();
            let index = crate::model::search::Index::new(&d);
            let search: Vec<(Pos, Pos)> = crate::model::search::find(&d, &index, &query)
                .iter()
                .map(|m| (m.start, m.end))
                .collect();
            proptest::prop_assert_eq!(ours, search);
        }

        /// Regex and plain matches sit on char boundaries and are what was asked for.
        #[test]
        fn plain_matches_are_the_pattern(
            text in "[aAbB数据👨‍👩‍👧e\u{301} .]{0,30}",
            pattern in "[aAbB数e\u{301}]{1,3}",
            case in proptest::bool::ANY,
        ) {
            let d = conversation(&[&[&format!("x{text}")]]);
            let ms = find_matches(&d, &matcher(&pattern, false, case).unwrap());
            let p = d.paragraph(d.voices()[0].paragraphs.at(0)).text();
            for m in &ms {
                let s = &p[m.start.byte as usize..m.end.byte as usize];
                if case {
                    proptest::prop_assert_eq!(s, pattern.as_str());
                } else {
                    proptest::prop_assert_eq!(s.to_lowercase(), pattern.to_lowercase());
                }
            }
        }
    }
}
