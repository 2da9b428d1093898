use super::*;

fn text(rtf: &str) -> String {
    unpack(rtf.as_bytes()).expect("reads").text
}

#[test]
fn textedits_rtf_reads_a_line_a_paragraph() {
    // As TextEdit saves a transcript typed in it: a `\` ends each line.
    let rtf = "{\\rtf1\\ansi\\ansicpg1252\\cocoartf2761\n\\cocoatextscaling0\\cocoaplatform0{\\fonttbl\\f0\\fswiss\\fcharset0 Helvetica;}\n{\\colortbl;\\red255\\green255\\blue255;}\n{\\*\\expandedcolortbl;;}\n\\paperw11900\\paperh16840\\margl1440\\margr1440\\vieww11520\\viewh8400\\viewkind0\n\\pard\\tx566\\tx1133\\pardirnatural\\partightenfactor0\n\n\\f0\\fs24 \\cf0 Interviewer: How did it start?\\\nRespondent: In 2019 \\'96 I\\'92d just moved. \\uc0\\u55357 \\u56832 \\\n\\\nInterviewer: And then?}";
    assert_eq!(
        text(rtf),
        "Interviewer: How did it start?\n\nRespondent: In 2019 – I’d just moved. 😀\n\nInterviewer: And then?\n\n"
    );
}

#[test]
fn words_rtf_reads_the_text_word_shows() {
    let rtf = concat!(
        "{\\rtf1\\ansi\\ansicpg1252\\deff0\\uc1",
        "{\\fonttbl{\\f0\\froman\\fcharset0 Times New Roman;}{\\f1\\fswiss\\fcharset204 Arial;}{\\f2\\fnil\\fcharset2 Symbol;}}",
        "{\\stylesheet{\\s0 Normal;}{\\s1 heading 1;}}",
        "{\\info{\\title Secret title}{\\author Jane}}",
        "{\\header \\pard Page header\\par}",
        "\\pard\\plain \\f0 Q: Did you {\\b see} it\\emdash the \\ldblquote ban\\rdblquote ?",
        "{\\super\\chftn}{\\footnote \\pard\\plain\\chftn  inaudible\\par}\\par\n",
        "A: {\\field{\\*\\fldinst HYPERLINK \"https://x.org\"}{\\fldrslt {\\ul the site}}} said so",
        "{\\v  hidden words}{\\deleted  struck}.{\\*\\atnid JD}{\\*\\annotation {\\*\\atnref 1} A comment\\par}\\par",
        "{\\*\\bkmkstart mark}R: \\f1 \\'cf\\'f0\\'e8\\'e2\\'e5\\'f2 \\f2 \\'b7\\f0  \\u8364\\'80  caf\\u233?\\line next\\par",
        "{\\pict\\pngblip 89504e47}\\bin3 {}}x\\par",
        "}"
    );
    assert_eq!(
        text(rtf),
        "Q: Did you see it—the “ban”?\n\nA: the site said so.\n\nR: Привет  €  café\nnext\n\nx\n\n"
    );
    let u = unpack(rtf.as_bytes()).expect("reads");
    assert!(u.notes.iter().any(|n| n.contains("1 footnote and 1 comment")), "{:?}", u.notes);
}

#[test]
fn double_byte_code_pages_decode_their_pairs() {
    // Shift_JIS (`\fcharset128`), as Japanese Word writes it without `\u`.
    let rtf = "{\\rtf1\\ansi\\ansicpg932\\deff0{\\fonttbl{\\f0\\fnil\\fcharset128 MS Mincho;}}\\pard \\'93\\'fa\\'96\\'7b\\'8c\\'ea\\par}";
    assert_eq!(text(rtf), "日本語\n\n");
}

#[test]
fn a_table_is_read_as_words_tables_are() {
    let row = |a: &str, b: &str| {
        format!("\\trowd\\cellx3000\\cellx9000\\pard\\intbl {a}\\cell {b}\\cell\\row ")
    };
    let rtf = format!(
        "{{\\rtf1\\ansi {}{}{}\\pard After.\\par}}",
        row("Speaker", "Text"),
        row("Jane Doe", "Thank you for coming. How long have you lived here?"),
        row("Bo Lee", "Ten years, give or take.\\par We moved in 2014.")
    );
    let rtf = format!("{rtf}{}", "");
    let rtf = rtf.replacen(
        "\\pard After",
        &format!("{}\\pard After", row("Jane Doe", "And before that?")),
        1,
    );
    assert_eq!(
        text(&rtf),
        "Jane Doe: Thank you for coming. How long have you lived here?\n\nBo Lee: Ten years, give or take.\n\nWe moved in 2014.\n\nJane Doe: And before that?\n\nAfter.\n\n"
    );
}

#[test]
fn hostile_rtf_is_read_as_far_as_it_goes() {
    for rtf in [
        "{\\rtf1".to_owned(),
        "{\\rtf1 a}}}}}b".to_owned(),
        format!("{{\\rtf1 {}x", "{".repeat(200_000)),
        format!("{{\\rtf1 \\bin{} abc}}", u64::MAX),
        "{\\rtf1 \\u-1 \\u99999999999 \\'zz\\'4 \\uc99999999999 \\u55357}".to_owned(),
        format!("{{\\rtf1 \\{}}}", "a".repeat(100_000)),
    ] {
        let _ = text(&rtf);
    }
    assert_eq!(text("{\\rtf1 a}}}}}b"), "ab\n\n");
    assert!(unpack(b"{\\rt").is_err());
}

#[test]
fn without_uc_each_u_has_one_fallback_character() {
    // pandoc and LibreOffice never write `\uc`: the fallback after each
    // `\u` is one character, as the specification says.
    assert_eq!(
        text("{\\rtf1\\ansi A: hi \\u55357?\\u56832? caf\\u233e\\par}"),
        "A: hi 😀 café\n\n"
    );
    assert_eq!(text("{\\rtf1 \\u26580\\'3f\\u36947\\'3f\\par}"), "柔道\n\n");
}

#[test]
fn a_footnote_in_a_cell_of_two_paragraphs_keeps_the_table() {
    let row = |a: &str, b: &str| {
        format!("\\trowd\\cellx2000\\cellx9000\\pard\\intbl {a}\\cell {b}\\cell\\row ")
    };
    for aside in [
        "{\\footnote\\pard A note.}",
        "{\\*\\annotation\\pard\\plain check}",
        "{\\listtext\\pard\\plain x}",
    ] {
        let rtf = format!(
            "{{\\rtf1 {}{}{}}}",
            row("Speaker", "Text"),
            row("Ann", &format!("Hello{aside} there.\\par\\pard\\intbl Second para.")),
            row("Bob", "Hi.")
        );
        assert_eq!(text(&rtf), "Ann: Hello there.\n\nSecond para.\n\nBob: Hi.\n\n", "{aside}");
    }
}

#[test]
fn a_byte_order_mark_or_space_before_it_long_words_and_controls() {
    assert_eq!(unpack(b"\xEF\xBB\xBF \n{\\rtf1 A: hi\\par}").expect("reads").text, "A: hi\n\n");
    // A number or a word too long for a control word is none of the text.
    let long = format!("{{\\rtf1 \\fs{} C: big\\par \\{} D: x}}", "9".repeat(25), "a".repeat(1000));
    assert_eq!(text(&long), "C: big\n\nD: x\n\n");
    // Control characters are not text (`b`, after `\\u0`, is its
    // fallback); a tab and a line break are.
    assert_eq!(text("{\\rtf1 a\\u0 b\\'0c c\\tab d\\line e\u{1}\\par}"), "a c\td\ne\n\n");
}

#[test]
fn a_first_paragraph_in_the_title_style_is_the_title() {
    // Word's style sheet (the style named `Title`), and LibreOffice's,
    // whose own style is based on it.
    for sheet in [
        "{\\stylesheet{\\ql \\snext0 Normal;}{\\s15\\qc \\sbasedon0 \\snext0 \\sqformat \\spriority10 Title;}}",
        "{\\stylesheet{\\s0 Normal;}{\\*\\cs2 Emphasis;}{\\s3\\sbasedon0 title;}{\\s4\\sbasedon3 Subtitle;}}",
    ] {
        let s = if sheet.contains("\\s15") { 15 } else { 3 };
        let rtf = format!(
            "{{\\rtf1\\ansi{sheet}\\pard\\plain \\s{s} The clinic\\par\\pard\\plain Q: Why?\\par}}"
        );
        let u = unpack(rtf.as_bytes()).expect("reads");
        assert_eq!(u.title.as_deref(), Some("The clinic"), "{sheet}");
        assert_eq!(u.text, "Q: Why?\n\n");
    }
    // A style going on without `\\pard` titles one paragraph, not the
    // turns below it; a subtitle based on the title is text.
    let rtf = "{\\rtf1\\ansi{\\stylesheet{\\s15 Title;}{\\s16\\sbasedon15 Subtitle;}}\\pard\\s15 Interview 4\\par Q: Why?\\par A: So.\\par}";
    let u = unpack(rtf.as_bytes()).expect("reads");
    assert_eq!(u.title.as_deref(), Some("Interview 4"));
    assert_eq!(u.text, "Q: Why?\n\nA: So.\n\n");
    let rtf = "{\\rtf1\\ansi{\\stylesheet{\\s15 Title;}{\\s16\\sbasedon15 Subtitle;}}\\pard\\s15 Interview 4\\par\\pard\\s16 Date: 2024-02-01\\par}";
    let u = unpack(rtf.as_bytes()).expect("reads");
    assert_eq!(u.title.as_deref(), Some("Interview 4"));
    assert_eq!(u.text, "Date: 2024-02-01\n\n");
    // Not the first paragraph, or another style: text.
    let rtf = "{\\rtf1\\ansi{\\stylesheet{\\s15 Title;}{\\s1 heading 1;}}\\pard\\s1 Part one\\par\\pard\\s15 Late\\par}";
    let u = unpack(rtf.as_bytes()).expect("reads");
    assert_eq!(u.title, None);
    assert_eq!(u.text, "Part one\n\nLate\n\n");
}

#[test]
fn upr_is_read_in_its_unicode_version() {
    let rtf = "{\\rtf1\\ansi\\pard A {\\upr{caf? ok}{\\*\\ud{caf\\u233? ok}}} B\\par}";
    assert_eq!(text(rtf), "A café ok B\n\n");
}
