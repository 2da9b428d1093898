use super::render;

#[test]
fn markup_gives_its_text() {
    let cases = [
        ("I *never* said **that**", "I never said that"),
        ("the _Foreign Affairs_ piece", "the Foreign Affairs piece"),
        ("snake_case_name stays", "snake_case_name stays"),
        // Struck text stays struck.
        ("~~struck~~ out <s>too</s>", "~~struck~~ out <s>too</s>"),
        // Asterisks glued to a word are the word's (CommonMark would
        // make emphasis of them); marks in an address are its own.
        ("They're s**t. Complete b*llsh*t. F**k it.", "They're s**t. Complete b*llsh*t. F**k it."),
        ("what the f*ck, Is 2*3*4 = 24", "what the f*ck, Is 2*3*4 = 24"),
        ("It's a f***ing joke, a f***ing joke.", "It's a f***ing joke, a f***ing joke."),
        ("rm -rf /tmp/*/cache/* now", "rm -rf /tmp/*/cache/* now"),
        // Scripts without spaces between words have emphasis inside them.
        ("ภาษา*ไทย*ครับ", "ภาษาไทยครับ"),
        ("<br>Hello", "Hello"),
        ("*word*s and *word*", "*word*s and word"),
        ("http://example.com/_foo_ and *this*", "http://example.com/_foo_ and this"),
        // A formatting tag without its other half is text.
        ("if a<b and c>d then", "if a<b and c>d then"),
        ("E = mc<sup>2</sup>, H<sub>2</sub>O", "E = mc2, H2O"),
        ("Hello there<br>", "Hello there"),
        ("More <!-- c --> text.", "More text."),
        ("More <!-- c -->", "More"),
        ("run `ls -la` now", "run ls -la now"),
        ("see [the order](https://example.com/eo \"EO\") today", "see the order today"),
        ("![a chart](c.png) shows", "a chart shows"),
        ("at <https://example.com/a_b> now", "at https://example.com/a_b now"),
        ("\\*not emphasis\\*", "*not emphasis*"),
        ("AT&amp;T &#8212; &eacute;", "AT&T — é"),
        ("<em>said</em> it<br>again", "said it\nagain"),
        ("he <inaudible> left <crosstalk/>", "he <inaudible> left <crosstalk/>"),
        ("a <!-- note --> b", "a b"),
        ("- a *list* item", "- a list item"),
        ("> quoted *words*", "> quoted words"),
        ("[ref]: https://example.com", "[ref]: https://example.com"),
        ("[not a link] and [x][y]", "[not a link] and [x][y]"),
        ("one\\\ntwo *three*", "one\ntwo three"),
        ("one  \ntwo *three*", "one\ntwo three"),
        ("one\ntwo *three*", "one two three"),
        ("`code  \nspans` lines", "code   spans lines"),
        (
            "a\n- b\n> c\n# d\n---\n```\n1. e\n2) f\n<div>g",
            "a - b > c # d --- ``` 1. e 2) f <div>g",
        ),
        ("ends in \\", "ends in \\"),
        ("a \\ \nb", "a \\ b"),
        ("a *b*\u{a0}\nc", "a b c"),
        ("2 * 3 * 4", "2 * 3 * 4"),
        ("![](photo.jpg)", "![](photo.jpg)"),
        ("*”quoted”* — “*U.S.*” 中文*强调*", "”quoted” — “U.S.” 中文强调"),
        // A line that opens no block where it stands is not escaped
        // (in a code span, an escape would be text).
        ("Run `gcc\n#include` now", "Run gcc #include now"),
        ("Run `a\n2. b` now", "Run a 2. b now"),
        ("one\n* two *x*\n01. three", "one * two x 01. three"),
        ("Start *a\n**", "Start *a **"),
        ("``` x ``` y", "x y"),
        ("Start\n```*", "Start ```*"),
        // A tag over two lines, a carriage return alone.
        ("he <inaudible\nreason=\"noise\"> left *a*", "he <inaudible reason=\"noise\"> left a"),
        ("Hello a\r\r- b *c*", "Hello a\r\r- b *c*"),
        ("a<br>\nb *c*", "a\nb c"),
        ("x***y*** z", "x***y*** z"),
        ("***x***y", "***x***y"),
    ];
    for (raw, want) in cases {
        assert_eq!(render(raw.split('\n'), raw), want, "{raw:?}");
    }
}

#[test]
fn a_quote_taken_from_markup_read_as_written_reads_as_now() {
    use super::former_quote;
    use crate::model::annotations::Quote;
    let q = |prefix: &str, exact: &str, suffix: &str| Quote {
        prefix: prefix.into(),
        exact: exact.into(),
        suffix: suffix.into(),
    };
    let cases = [
        (q("", "I *never* said", " that"), Some(q("", "I never said", " that"))),
        (q("with **", "strong", "** words"), Some(q("with ", "strong", " words"))),
        (q("I *", "never", "* said"), Some(q("I ", "never", " said"))),
        (q("a [", "link", "](https://x.org/a_b) b"), Some(q("a ", "link", " b"))),
        (q("one.\n\n_Two_ ", "three", " *four*"), Some(q("one.\n\nTwo ", "three", " four"))),
        (q("hard\n", "*break*", ""), Some(q("hard\n", "break", ""))),
        // A sentence that began inside `**…**`, or ended before `</span>`.
        (
            q("Intro. ", "**Let me read this.", " Done.** Next"),
            Some(q("Intro. ", "Let me read this.", " Done. Next")),
        ),
        (q("p. ", "19.</span>", ""), Some(q("p. ", "19.", ""))),
        (q("x. ", "**Let me read this.", " Then"), Some(q("x. ", "Let me read this.", " Then"))),
        // Nothing to read otherwise.
        (q("plain ", "words", " here"), None),
        (q("2 * 3 ", "is", " 6"), None),
    ];
    for (old, now) in cases {
        assert_eq!(former_quote(&old), now, "{old:?}");
    }
}

#[test]
fn nothing_panics_on_unclosed_markup() {
    for raw in ["*", "**", "[", "](", "<", "`", "``` x", "~~", "\\", "&", "&#", "[a](", "<a"] {
        let _ = render([raw], raw);
    }
}

/// Paragraphs of lone tags and of addresses between emphasis, which a
/// search per tag or per address made quadratic (8 and 4 s): they must
/// finish, and keep their text.
#[test]
fn long_paragraphs_of_tags_and_addresses_finish() {
    let tags = "<b>".repeat(60_000) + &"</i>".repeat(60_000);
    assert_eq!(render([tags.as_str()], &tags), tags);
    let urls = "*a* http://x.y/z_ ".repeat(20_000);
    let read = render([urls.as_str()], &urls);
    assert!(read.starts_with("a http://x.y/z_ a "), "{}", &read[..40]);
}
