//! Counts in words: `1 highlight`, `2 highlights`, `0 links` — the right
//! form from the number, never `highlight(s)`. Used by the model's undo
//! labels, the reader, the exports and the command line alike.

/// `one` when `n` is 1, else `many` (`0 highlights`, as English has it).
pub fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// `n` and the noun that goes with it: `count(2, "link", "links")` is
/// `"2 links"`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", plural(n, one, many))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(count(0, "match", "matches"), "0 matches");
        assert_eq!(count(1, "match", "matches"), "1 match");
        assert_eq!(count(2, "highlight", "highlights"), "2 highlights");
        assert_eq!(plural(1, "is", "are"), "is");
        assert_eq!(plural(11, "is", "are"), "are");
    }
}
