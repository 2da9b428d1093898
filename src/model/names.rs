//! People's names: honorifics, and the short name a pane or a table shows.
//!
//! A short name is the name as written without honorifics and without any
//! parenthesis (`Sen. Jane Smith (continuing)` → `Jane Smith`, `Xi Jinping`
//! stays whole); a conversation file may set its own (`short:`). Shortening
//! to fit a narrow space is the view's business ([`fit`]).

use unicode_width::UnicodeWidthStr;

/// Honorifics and titles set aside when comparing or shortening names, with
/// the short form they compare as.
const HONORIFICS: &[(&str, &str)] = &[
    ("mr", "mr"),
    ("mrs", "mrs"),
    ("ms", "ms"),
    ("miss", "miss"),
    ("mx", "mx"),
    ("dr", "dr"),
    ("doctor", "dr"),
    ("sen", "sen"),
    ("senator", "sen"),
    ("rep", "rep"),
    ("representative", "rep"),
    ("prof", "prof"),
    ("professor", "prof"),
    ("hon", "hon"),
    ("honorable", "hon"),
    ("gov", "gov"),
    ("governor", "gov"),
    ("gen", "gen"),
    ("col", "col"),
    ("capt", "capt"),
    ("lt", "lt"),
    ("sgt", "sgt"),
    ("rev", "rev"),
    ("fr", "fr"),
    ("sir", "sir"),
    ("dame", "dame"),
    ("judge", "judge"),
    ("justice", "justice"),
    // Hearings name people by office.
    ("chairman", "chair"),
    ("chairwoman", "chair"),
    ("chairperson", "chair"),
    ("chair", "chair"),
    ("commissioner", "commissioner"),
    ("ambassador", "amb"),
    ("amb", "amb"),
    ("secretary", "secretary"),
    ("mayor", "mayor"),
];

/// Words after a name that are not the surname (`King Jr.`, `Gates III`).
const SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv", "phd", "md", "esq", "qc", "kc"];

/// The short form of `word` if it is an honorific (`Mr.`, `SEN`, `Senator`).
pub fn honorific(word: &str) -> Option<&'static str> {
    // Asked of the first word of every wrapped line an import reads: no
    // allocation. The list is ASCII, and no other character lowercases to
    // one of its letters (the Kelvin sign's `k` is in none).
    let w = word.strip_suffix('.').unwrap_or(word);
    HONORIFICS.iter().find(|(long, _)| long.eq_ignore_ascii_case(w)).map(|(_, short)| *short)
}

/// `name` without what it has in parentheses (`Okafor (External)`),
/// spaces as they were.
pub fn without_parentheses(name: &str) -> String {
    let mut plain = String::with_capacity(name.len());
    let mut depth = 0usize;
    for c in name.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = depth.saturating_sub(1),
            _ if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    plain
}

/// `name` without parentheses and without the honorifics before it; the
/// name itself if that would leave nothing (`Judge`).
pub fn short_name(name: &str) -> String {
    let plain = without_parentheses(name);
    let words: Vec<&str> = plain.split_whitespace().collect();
    // `The Honorable …`: "the" before an honorific is part of it.
    let title = |i: usize| {
        honorific(words[i]).is_some()
            || (words[i].eq_ignore_ascii_case("the")
                && words.get(i + 1).is_some_and(|w| honorific(w).is_some()))
    };
    let first = (0..words.len()).find(|&i| !title(i));
    match first {
        Some(i) => words[i..].join(" "),
        None if !words.is_empty() => words.join(" "),
        None => name.trim().to_owned(),
    }
}

/// The surname in `name`: before a comma (`Kowalski, Piotr`), else the
/// last word that is not a suffix (`King` in `Martin Luther King Jr.`).
pub fn surname(name: &str) -> &str {
    if let Some((family, given)) = name.split_once(',')
        && !family.trim().is_empty()
        && !given.trim().is_empty()
    {
        return family.trim();
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    let suffix = |w: &str| {
        SUFFIXES.contains(&w.trim_end_matches('.').trim_end_matches(',').to_lowercase().as_str())
    };
    words.iter().rev().find(|w| !suffix(w)).or(words.last()).copied().unwrap_or(name)
}

/// `name` cut to at most `width` terminal columns, ending in `…` when cut:
/// the surname alone first, if the whole name does not fit.
pub fn fit(name: &str, width: usize) -> String {
    if name.width() <= width {
        return name.to_owned();
    }
    let last = surname(name);
    if last.width() <= width && !last.starts_with('(') {
        return last.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in unicode_segmentation::UnicodeSegmentation::graphemes(name, true) {
        let w = g.width();
        if used + w + 1 > width {
            break;
        }
        out.push_str(g);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_keep_the_name_as_written() {
        assert_eq!(short_name("Xi Jinping"), "Xi Jinping");
        assert_eq!(short_name("Sen. Jane Smith"), "Jane Smith");
        assert_eq!(short_name("MR. SMITH (continuing)"), "SMITH");
        assert_eq!(short_name("Dr. Prof. Ada Lovelace"), "Ada Lovelace");
        assert_eq!(short_name("Judge"), "Judge");
        assert_eq!(short_name("习近平"), "习近平");
        assert_eq!(short_name("Hon."), "Hon.");
    }

    #[test]
    fn fitting_prefers_the_surname_then_cuts() {
        assert_eq!(fit("Jane Smith", 20), "Jane Smith");
        assert_eq!(fit("Jane Smith", 6), "Smith");
        assert_eq!(fit("Jane Smith", 4), "Jan…");
        assert_eq!(fit("习近平", 4), "习…");
        assert_eq!(fit("ab", 0), "");
        assert_eq!(fit("Martin Luther King Jr.", 10), "King");
        assert_eq!(fit("Kowalski, Piotr", 10), "Kowalski");
    }

    #[test]
    fn offices_and_the_honorable_are_set_aside() {
        assert_eq!(short_name("CHAIRMAN HOLLOWAY"), "HOLLOWAY");
        assert_eq!(short_name("THE HONORABLE MARGARET HAMILTON"), "MARGARET HAMILTON");
        assert_eq!(short_name("The Economist"), "The Economist");
        assert_eq!(short_name("Secretary"), "Secretary");
    }
}
