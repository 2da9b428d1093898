//! Tag names are unique: a second definition of a tag in an annotation file
//! is refused with the file, line and column of its name; a tag named twice
//! on one highlight counts once (one CSV row, not two).

use crosstalk::export::{Export, Filter, Format};
use crosstalk::model::Pos;
use crosstalk::model::annotations::{AnnotationFile, Stamp, Target};
use crosstalk::store;
use jiff::Timestamp;

fn file_with_one_highlight() -> (crosstalk::model::Conversation, String) {
    let doc = store::bundled().expect("bundled");
    let mut a = AnnotationFile::empty(&doc);
    let stamp = Stamp {
        id: "00000000-0000-4000-8000-000000000001".into(),
        coder: "ada".into(),
        now: Timestamp::from_second(1_700_000_000).expect("time"),
    };
    let target = Target { voice: 2, start: Pos::new(0, 0), end: Pos::new(0, 31) };
    a.apply(a.tag_target(&doc, &target, "human-rights framing", None, &stamp));
    let ron = store::annotations_to_ron(&a.snapshot(), &doc).expect("ron");
    (doc, ron)
}

#[test]
fn a_tag_defined_twice_is_refused_at_the_line_of_its_second_name() {
    let (doc, ron) = file_with_one_highlight();
    // The second definition: “critique of the ban” again, in another colour.
    let twice = ron.replacen(
        "    tags: [\n",
        "    tags: [\n        (\n            name: \"critique of the ban\",\n            color: \"#123456\",\n        ),\n",
        1,
    );
    let first_line =
        twice.lines().position(|l| l.contains("name: \"critique of the ban\"")).expect("first") + 1;
    let second_line = twice
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("name: \"critique of the ban\""))
        .nth(1)
        .expect("second")
        .0
        + 1;
    assert!(second_line > first_line);
    let err = store::parse_annotations(&twice, "coded.annotations.ron", &doc)
        .expect_err("refused")
        .to_string();
    assert!(
        err.starts_with(&format!("coded.annotations.ron:{second_line}:")),
        "names the file and the second definition's line: {err}"
    );
    assert!(err.contains("\"critique of the ban\" is defined twice"), "{err}");
}

#[test]
fn a_tag_named_twice_on_a_highlight_gives_one_csv_row() {
    let (doc, ron) = file_with_one_highlight();
    let twice = ron.replacen(
        "tags: [\n                \"human-rights framing\",\n",
        "tags: [\n                \"human-rights framing\",\n                \"human-rights framing\",\n",
        1,
    );
    assert_ne!(twice, ron, "the highlight's tag list was doubled");
    let (a, _) = store::parse_annotations(&twice, "coded.annotations.ron", &doc).expect("loads");
    assert_eq!(a.highlights()[0].tags, ["human-rights framing"]);
    assert_eq!(a.count("human-rights framing"), 1);
    let csv = Export::new(&doc, &a, &Filter::default())
        .expect("export")
        .render(Format::Csv)
        .expect("csv");
    let rows = String::from_utf8(csv).expect("utf-8").lines().count();
    assert_eq!(rows, 2, "a header and one row");
}
