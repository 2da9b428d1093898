//! The HTML page fits every screen, checked without a browser: the rules
//! that make it fit are there, nothing is wider than a phone, the voice
//! switcher has a labelled radio button and a rule for every voice, and the
//! tag filters have a checkbox, a chip and a rule for every tag, and mark
//! what they say. Pages: the bundled debate with the fixture annotations,
//! and `tests/fixtures/wide.ron` (eight voices, a long URL, CJK runs, long
//! words) coded here. `scripts/html-widths.py` lays both out in a real
//! browser at seven widths; this test keeps the rules it relies on.

use std::path::Path;

use crosstalk::export::{Export, Filter, Format, html::escape};
use crosstalk::model::annotations::{AnnotationFile, Annotations, Rgb, Stamp, Tag, Target};
use crosstalk::model::{Conversation, Pos};
use crosstalk::store;

/// A phone's width in CSS pixels; and the pixels in a rem (the page's 16px).
const PHONE: f64 = 360.0;
const REM: f64 = 16.0;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The wide fixture, every voice's first paragraph coded whole with one of
/// three tags (one 80 characters without a space), the second voice's with
/// two, and a short highlight overlapping the third's.
fn wide() -> (Conversation, Annotations) {
    let doc = store::load_conversation(&root().join("tests/fixtures/wide.ron")).expect("fixture");
    let mut a = AnnotationFile::empty(&doc);
    let names = [
        "data-security-and-cross-border-flows-a-tag-name-without-spaces-that-goes-on-and-on",
        "数据安全",
        "url",
    ];
    let mut n = 0;
    let mut code = |a: &mut Annotations, voice: usize, end: usize, name: &str, color: Rgb| {
        n += 1;
        let stamp =
            Stamp { id: format!("h{n}"), coder: "test".into(), now: jiff::Timestamp::UNIX_EPOCH };
        let target = Target { voice, start: Pos::new(0, 0), end: Pos::new(0, end) };
        let tag = Tag { name: name.into(), color, description: String::new(), key: None };
        let new = a.tag(name).is_none().then_some(tag);
        a.apply(a.tag_target(&doc, &target, name, new, &stamp));
    };
    let colors = [Rgb(0x4E, 0x79, 0xA7), Rgb(0xE1, 0x57, 0x59), Rgb(0x59, 0xA1, 0x4F)];
    for voice in 0..doc.voices().len() {
        let first = doc.voices()[voice].paragraphs[0];
        let len = doc.paragraph(first).text().len();
        code(&mut a, voice, len, names[voice % 3], colors[voice % 3]);
        if voice == 1 {
            code(&mut a, voice, len, names[2], colors[2]);
        }
        if voice == 2 {
            code(&mut a, voice, "Naïve".len(), names[1], colors[1]);
        }
    }
    (doc, a)
}

fn render(doc: &Conversation, a: &Annotations) -> String {
    let e = Export::new(doc, a, &Filter::default()).expect("export");
    let html = String::from_utf8(e.render(Format::Html).expect("html")).expect("utf-8");
    let again = String::from_utf8(e.render(Format::Html).expect("html")).expect("utf-8");
    assert_eq!(html, again, "the page is the same every time");
    html
}

/// The two pages, each with its conversation and annotations.
fn pages() -> Vec<(&'static str, Conversation, Annotations, String)> {
    let doc = store::bundled().expect("bundled");
    let path = root().join("tests/fixtures/bundled.annotations.ron");
    let (a, _) = store::load_annotations(&path, &doc).expect("parses").expect("exists");
    let bundled = render(&doc, &a);
    let (wdoc, wa) = wide();
    let wide = render(&wdoc, &wa);
    vec![("bundled", doc, a, bundled), ("wide", wdoc, wa, wide)]
}

/// A CSS rule: the `@media` condition it is under (if any), its selector
/// and its declarations as (property, value).
#[derive(Debug)]
struct Rule {
    media: Option<String>,
    selector: String,
    decls: Vec<(String, String)>,
}

/// The rules of the page's style sheet.
fn rules(html: &str) -> Vec<Rule> {
    let css = &html[html.find("<style>").expect("style") + 7..html.find("</style>").expect("end")];
    let mut out = Vec::new();
    let mut media: Option<String> = None;
    let mut rest = css;
    loop {
        let rest_trim = rest.trim_start();
        if media.is_some() && rest_trim.starts_with('}') {
            media = None;
            rest = &rest_trim[1..];
            continue;
        }
        let Some(open) = rest.find('{') else { break };
        let head = rest[..open].trim();
        if let Some(condition) = head.strip_prefix("@media") {
            assert!(media.is_none(), "no nested @media");
            media = Some(condition.trim().to_owned());
            rest = &rest[open + 1..];
            continue;
        }
        let close = open + rest[open..].find('}').expect("a rule ends");
        let decls = rest[open + 1..close]
            .split(';')
            .filter_map(|d| d.split_once(':'))
            .map(|(p, v)| (p.trim().to_owned(), v.trim().to_owned()))
            .collect();
        out.push(Rule { media: media.clone(), selector: head.to_owned(), decls });
        rest = &rest[close + 1..];
    }
    out
}

/// The value of `property` in the rules (outside `@media`) whose selector
/// list includes `selector`.
fn value<'r>(rules: &'r [Rule], selector: &str, property: &str) -> Option<&'r str> {
    rules
        .iter()
        .filter(|r| r.media.is_none() && r.selector.split(',').any(|s| s.trim() == selector))
        .flat_map(|r| &r.decls)
        .filter(|(p, _)| p == property)
        .map(|(_, v)| v.as_str())
        .next_back()
}

/// Every length in `value` in CSS pixels, with whether it sits inside a
/// `min(100%, …)` (which can never be wider than its container).
fn lengths(value: &str) -> Vec<(f64, bool)> {
    let mut out = Vec::new();
    let capped =
        |at: usize| value[..at].rfind("min(100%").is_some_and(|m| !value[m..at].contains(')'));
    let bytes = value.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let starts = (bytes[i].is_ascii_digit() || bytes[i] == b'.')
            && (i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'-'));
        if !starts {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
            i += 1;
        }
        let number: f64 = value[start..i].parse().expect("a number");
        let unit: String = value[i..].chars().take_while(|c| c.is_ascii_alphabetic()).collect();
        let px = match unit.as_str() {
            "px" => number,
            "rem" | "em" => number * REM,
            "vw" | "fr" | "" => continue,
            other => panic!("a length in {other} in {value:?}"),
        };
        out.push((px, capped(start)));
    }
    out
}

#[test]
fn long_text_wraps_and_columns_may_shrink_and_wrap_into_rows() {
    for (name, _, _, html) in pages() {
        let rules = rules(&html);
        assert_eq!(value(&rules, "body", "overflow-wrap"), Some("anywhere"), "{name}");
        // Grid and flex items shrink below their content's width.
        assert_eq!(value(&rules, ".voice", "min-width"), Some("0"), "{name}");
        assert_eq!(value(&rules, ".turn", "min-width"), Some("0"), "{name}");
        assert_eq!(value(&rules, ".legend li", "min-width"), Some("0"), "{name}");
        // The columns: as many as fit, none wider than the page.
        let columns = value(&rules, ".debate", "grid-template-columns").expect("columns");
        assert!(columns.starts_with("repeat(auto-fit, minmax(min(100%,"), "{name}: {columns}");
        for rule in &rules {
            for (p, v) in &rule.decls {
                // Nothing keeps text on one line, and no box scrolls sideways.
                assert!(
                    !(p == "white-space" && (v == "nowrap" || v == "pre")),
                    "{name}: {} {{ {p}: {v} }}",
                    rule.selector
                );
                assert!(!p.starts_with("overflow-x"), "{name}: {} scrolls", rule.selector);
            }
        }
        assert!(!html.contains("<pre"), "{name}: no preformatted block");
    }
}

#[test]
fn nothing_is_wider_than_a_phone() {
    let sizes = ["width", "min-width", "inline-size", "min-inline-size", "flex-basis", "flex"];
    for (name, _, _, html) in pages() {
        let rules = rules(&html);
        let mut checked = 0;
        for rule in &rules {
            for (p, v) in &rule.decls {
                let columns = p == "grid-template-columns";
                if !(sizes.contains(&p.as_str()) || columns) {
                    continue;
                }
                for (px, capped) in lengths(v) {
                    checked += 1;
                    assert!(capped || px <= PHONE, "{name}: {} {{ {p}: {v} }}", rule.selector);
                }
            }
        }
        assert!(checked > 0, "{name}: the column width is among the lengths checked");
        // The body's padding on a phone leaves room for text.
        let padding = rules
            .iter()
            .filter(|r| r.media.as_deref().is_some_and(|m| m.contains("max-width")))
            .filter(|r| r.selector == "body")
            .flat_map(|r| &r.decls)
            .find(|(p, _)| p == "padding")
            .map(|(_, v)| lengths(v)[0].0)
            .expect("a narrow body's padding");
        assert!(2.0 * padding <= PHONE / 10.0, "{name}: {padding}px of padding");
        // No element sets its own width.
        for (i, _) in html.match_indices(" style=\"") {
            let style = &html[i + 8..][..html[i + 8..].find('"').expect("ends")];
            assert!(
                !style.split(';').any(|d| d.trim_start().contains("width")),
                "{name}: style=\"{style}\""
            );
        }
        assert!(!html.contains(" width=") && !html.contains("<col"), "{name}: no width attribute");
    }
}

#[test]
fn a_narrow_screen_shows_one_voice_chosen_by_labelled_radio_buttons() {
    for (name, doc, a, html) in pages() {
        let e = Export::new(&doc, &a, &Filter::default()).expect("export");
        let rules = rules(&html);
        let main = &html[html.find("<main>").expect("main")..];
        let columns = main.find("<div class=\"debate\" id=\"voices\">").expect("columns");
        let nav = main.find("<nav class=\"voices\" aria-label=\"Voice shown\">").expect("switcher");
        // The radio buttons come first, in <main> itself, so `~` reaches
        // the switcher and the columns from them.
        let before = &main[..nav.min(columns)];
        assert!(!before.contains("<div") && !before.contains("<section"), "{name}: siblings");
        let labels = &main[nav..][..main[nav..].find("</nav>").expect("nav ends")];
        // The narrow screen's condition, the same for the switcher and the
        // columns it hides.
        let narrow: Vec<&Rule> = rules
            .iter()
            .filter(|r| r.media.as_deref().is_some_and(|m| m.contains("max-width")))
            .collect();
        let condition = narrow[0].media.clone().expect("a condition");
        assert!(narrow.iter().all(|r| r.media.as_ref() == Some(&condition)), "{name}");
        let shown = narrow.iter().find(|r| r.selector == "#layout-voices:checked ~ nav.voices");
        assert!(shown.is_some_and(|r| r.decls.contains(&("display".into(), "flex".into()))));
        assert_eq!(value(&rules, "nav.voices", "display"), Some("none"), "{name}: wide");
        // Focusable on a narrow screen: hidden by opacity, not display.
        let picks = narrow.iter().find(|r| r.selector == "input.pick").expect("picks shown");
        assert_eq!(picks.decls, [("display".into(), "inline".into())]);
        assert_eq!(value(&rules, "input.pick", "opacity"), Some("0"));
        let hide = narrow
            .iter()
            .find(|r| {
                r.decls == [("display".into(), "none".into())] && r.selector.contains("#pick-")
            })
            .expect("a rule hides the other voices");
        let hidden: Vec<&str> = hide.selector.split(',').map(str::trim).collect();
        assert_eq!(hidden.len(), e.voices.len(), "{name}: a selector per voice");
        let mut sections = main[columns..].match_indices("<section class=\"voice\" id=\"voice-");
        for (k, &v) in e.voices.iter().enumerate() {
            let c = e.contributor(v);
            let radio =
                format!("<input type=\"radio\" class=\"pick\" name=\"voice\" id=\"pick-{k}\"");
            let at = before.find(&radio).unwrap_or_else(|| panic!("{name}: radio {k}"));
            assert_eq!(before[at + radio.len()..].starts_with(" checked>"), k == 0, "{name}: {k}");
            let label = format!("<label for=\"pick-{k}\"");
            let at = labels.find(&label).unwrap_or_else(|| panic!("{name}: label {k}"));
            let text = labels[at..].split('>').nth(1).expect("text").trim_end_matches("</label");
            assert_eq!(text, escape(&c.name), "{name}: the label names the voice");
            // The k-th column is this voice's, and the rule keeps only it.
            let (i, _) = sections.next().expect("a column");
            assert!(main[columns + i..].contains(&format!("voice-{}\"", escape(&c.id))));
            assert_eq!(
                hidden[k],
                format!("#pick-{k}:checked ~ #voices > .voice:not(:nth-child({}))", k + 1)
            );
            let focus = format!("#pick-{k}:focus-visible ~ nav label[for=pick-{k}]");
            assert!(rules.iter().any(|r| r.selector.split(",\n").any(|s| s == focus)), "{focus}");
        }
        assert!(sections.next().is_none(), "{name}: one column per voice");
        assert!(before.contains("id=\"pick-all\">") && labels.contains("All voices</label>"));
    }
}

#[test]
fn a_tag_chip_filters_the_highlights_to_its_tag_without_a_script() {
    for (name, doc, a, html) in pages() {
        let e = Export::new(&doc, &a, &Filter::default()).expect("export");
        assert!(!html.contains("<script"), "{name}");
        let rules = rules(&html);
        let legend = html.find("<ul class=\"legend\">").expect("legend");
        let main = html.find("<main>").expect("main");
        let filter = rules
            .iter()
            .find(|r| r.selector.contains(":checked ~ main mark:not("))
            .expect("a filter rule");
        assert!(filter.decls.contains(&("background".into(), "transparent !important".into())));
        let filters: Vec<&str> = filter.selector.split(',').map(str::trim).collect();
        assert_eq!(filters.len(), e.tags.len(), "{name}: a selector per tag");
        let marks: Vec<&str> = html[main..].split("<mark").skip(1).collect();
        for (i, t) in e.tags.iter().enumerate() {
            // A checkbox before the legend and the conversation, labelled by
            // the tag's chip.
            let input = html
                .find(&format!(
                    "<input type=\"checkbox\" class=\"filter\" id=\"only-{i}\" aria-label=\"only {}\">",
                    escape(&t.name)
                ))
                .expect("a filter");
            assert!(input < legend && input < main, "{name}: before what it changes");
            let chip = format!("<label class=\"chip\" for=\"only-{i}\" style=\"");
            let at = html[legend..].find(&chip).expect("a chip") + legend;
            let text = html[at..].split('>').nth(1).expect("text").trim_end_matches("</label");
            assert_eq!(text, escape(&t.name));
            assert_eq!(filters[i], format!("#only-{i}:checked ~ main mark:not(.t{i})"));
            // The marks of class t<i> are the ones whose hover text names
            // the tag.
            let class = format!("t{i}");
            let named = escape(&t.name);
            for m in &marks {
                let classes =
                    m.strip_prefix(" class=\"").and_then(|c| c.split('"').next()).unwrap_or("");
                let title = m.split(" title=\"").nth(1).and_then(|t| t.split('"').next());
                let tags_in_title: Vec<&str> = title
                    .expect("a title")
                    .split('\n')
                    .flat_map(|line| line.split(" — ").next().unwrap_or("").split(", "))
                    .collect();
                assert_eq!(
                    classes.split(' ').any(|c| c == class),
                    tags_in_title.contains(&named.as_str()),
                    "{name}: <mark{}",
                    &m[..m.len().min(200)]
                );
            }
        }
        let coded: usize = marks.iter().filter(|m| m.starts_with(" class=\"t")).count();
        assert!(coded > 0, "{name}: marks carry their tags");
    }
}
