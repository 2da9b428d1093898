//! Word documents (`.docx`) as researchers get transcripts: Otter.ai's and
//! Teams' exports, tables typed by hand or by a service, pandoc's Word,
//! and a document edited with changes tracked; and OpenDocument text
//! (`.odt`) from pandoc and as LibreOffice records an edit. The fixtures
//! are made by `scripts/make_docx_fixtures.py` (python-docx and pandoc).

mod common;

use std::io::{Cursor, Write};
use std::path::PathBuf;

use common::cli::{run, stderr, temp};
use common::turns::expect;
use crosstalk::import::document;
use crosstalk::model::ConversationFile;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(format!("{}/tests/fixtures/documents/{name}", env!("CARGO_MANIFEST_DIR")))
}

/// The document imported as `crosstalk import` reads it, with its notes.
fn imported(name: &str) -> (ConversationFile, Vec<String>) {
    let (file, notes) =
        crosstalk::store::import_file_named(&fixture(name), None, &[]).expect("imports");
    crosstalk::model::Conversation::new(file.clone()).expect("valid");
    (file, notes.into_iter().map(|n| n.message).collect())
}

fn times(f: &ConversationFile) -> Vec<String> {
    f.sections.iter().flat_map(|s| s.times.iter().cloned()).collect()
}

#[test]
fn otters_export_reads_as_its_speakers_turns_with_their_times() {
    let (f, notes) = imported("otter.docx");
    expect(
        &f,
        &[
            (
                "Priya Raman",
                &["Thanks for making the time. Could you start with how the cuts landed?"],
            ),
            (
                "Lars Jensen",
                &[
                    "Sure. We lost two branches’ evening hours — that’s the headline.",
                    "And the U.S. grant we counted on didn’t come through.",
                ],
            ),
            ("Priya Raman", &["How did the staff take it?"]),
            ("Lars Jensen", &["Hard. People had been there for twenty years; some left."]),
            ("Priya Raman", &["What would you change, if you could?"]),
            (
                "Lars Jensen",
                &["Open the doors in the evening again. That is where the students were."],
            ),
        ],
    );
    assert_eq!(times(&f), ["0:03", "0:11", "", "0:40", "0:44", "1:02", "1:09"]);
    // The paragraph styled as the title is the title (not the file's
    // name); the date, keywords and speakers above the first turn are the
    // introduction.
    assert_eq!(f.title, "Library budget interview");
    assert_eq!(f.intro.len(), 5, "{:?}", f.intro);
    assert_eq!(f.intro[0], "Tue, Mar 12, 2024 10:02AM • 12:41");
    // Notes name the document's paragraphs, not lines of a text.
    assert!(
        notes.iter().any(|n| n.starts_with("paragraphs 2–6, before the first speaker")),
        "{notes:?}"
    );
    assert!(notes.iter().any(|n| n.contains("Transcribed by https://otter.ai")), "{notes:?}");
}

#[test]
fn teams_transcript_keeps_names_as_teams_writes_them() {
    let (f, _) = imported("teams.docx");
    let names: Vec<&str> = f.contributors.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Jensen, Lars", "Raman, Priya", "Okafor, Daniel"]);
    assert_eq!(f.sections.len(), 6);
    assert_eq!(
        f.sections[4].paragraphs,
        ["We have 212 responses, 40 of them from the evening users."]
    );
    assert_eq!(times(&f), ["0:03", "0:08", "0:12", "0:20", "0:23", "0:35"]);
}

#[test]
fn a_table_typed_by_hand_drops_its_header_and_fills_merged_cells() {
    let (f, notes) = imported("table.docx");
    expect(
        &f,
        &[
            ("Moderator", &["Welcome, everyone. Let’s go round the table: what brought you here?"]),
            (
                "Aisha",
                &[
                    "The evening hours. I study after work, and the library was the only quiet place.",
                ],
            ),
            // A cell of two paragraphs: two paragraphs.
            ("Tom", &["Same for me.", "Also the printers — mine broke in March."]),
            ("Moderator", &["And what changed when the hours were cut?"]),
            // Her cell merged down over the next row: that row is hers too.
            (
                "Aisha",
                &["I moved to the café down the street. It’s loud.", "Honestly, I read less now."],
            ),
            ("Tom", &["I stopped coming."]),
            ("Moderator", &["Thank you both."]),
        ],
    );
    // "Speaker | Text" names the columns: no one called Speaker.
    assert!(f.contributors.iter().all(|c| c.name != "Speaker"));
    assert_eq!(f.intro, ["Focus group 3, 12 March 2024"]);
    assert_eq!(
        notes,
        ["paragraph 1, before the first speaker, kept as the introduction (shown by I, not coded)"]
    );
}

#[test]
fn tables_with_a_time_column_before_or_after_the_name_give_the_times() {
    let (f, _) = imported("nvivo-table.docx");
    let names: Vec<&str> = f.contributors.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Interviewer", "Fatima Al-Sayed"]);
    assert_eq!(times(&f), ["00:00:02", "00:00:06", "00:00:15", "00:00:18", "00:00:30", "00:00:32"]);
    assert_eq!(f.sections[3].paragraphs, ["A neighbour — she came with me to the office twice."]);

    let (f, _) = imported("service-table.docx");
    let names: Vec<&str> = f.contributors.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Chair", "Resident 1", "Resident 2"]);
    // A span of times: its start.
    assert_eq!(times(&f)[..3], ["00:00:01", "00:00:10", "00:00:22"]);
    assert_eq!(f.sections[4].paragraphs, ["Only if the buses run."]);
}

#[test]
fn tracked_changes_fields_and_boxes_read_as_word_shows_the_text() {
    let (f, _) = imported("labels.docx");
    expect(
        &f,
        &[
            // Deleted `Elm Street` is gone, inserted `Oak Street` is read.
            ("Interviewer", &["How long have you lived on Oak Street?"]),
            // A soft hyphen is not shown; a non-breaking one is a hyphen;
            // a tab stays a tab.
            (
                "Respondent",
                &[
                    "Since ’98 — when the U.S. office moved. My “home” is cooperative, a self-run place.\tWe call it 家 (jiā) 👩‍👩‍👧 and Zoë says cafe\u{301} for it.",
                ],
            ),
            // A link's text and fields' results; not the field codes.
            ("Interviewer", &["You wrote about it on your blog on 12 March 2024, page 4."]),
            // A footnote's mark, a comment and a bookmark add nothing.
            ("Respondent", &["I did, yes. Twice."]),
            // A text box (and its fallback) is not what was said.
            ("Interviewer", &["And the neighbours?"]),
            // A content control's paragraph, a line break in it.
            ("Respondent", &["They stayed. Most of them. The young ones left."]),
            // Moved text: read where it went, not where it was.
            ("Interviewer", &["Thank you."]),
            ("Respondent", &["You are welcome. That is all."]),
        ],
    );
    assert_eq!(f.intro, ["Interview 7 — transcript (revised)"]);
}

#[test]
fn pandocs_word_reads_its_labels_links_and_emphasis_as_text() {
    let (f, notes) = imported("pandoc.docx");
    // Its footnote is left out, and said so.
    assert!(
        notes.contains(&"the document's 1 footnote is left out: not what was said".to_owned()),
        "{notes:?}"
    );
    expect(
        &f,
        &[
            ("Interviewer", &["When did you start at the mill?"]),
            ("Maria Garcia", &["In 1971. I was sixteen. My father worked the looms."]),
            ("Interviewer", &["What was the work like?"]),
            ("Maria Garcia", &["Loud. We read lips. There is a recording of it."]),
            ("Interviewer", &["And when it closed?"]),
            ("Maria Garcia", &["1989. The whole street went quiet."]),
        ],
    );
}

#[test]
fn opendocument_reads_as_libreoffice_shows_it() {
    // pandoc's OpenDocument of the same interview: the same turns.
    let (odt, _) = imported("pandoc.odt");
    let (docx, _) = imported("pandoc.docx");
    assert_eq!(odt.sections, docx.sections);
    assert_eq!(odt.intro, ["Oral history: the mill"]);
    // A table of turns, its header row dropped, the time column read.
    let (f, _) = imported("meeting.odt");
    let names: Vec<&str> = f.contributors.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Chair", "Resident 1", "Resident 2"]);
    assert_eq!(times(&f), ["00:00:01", "00:00:10", "00:00:22", "00:00:26", "00:00:41", "00:00:45"]);
    // An edited interview: what LibreOffice shows with the changes; its
    // footnote and comment are left out, and said so.
    let (f, notes) = imported("revised.odt");
    assert!(
        notes.contains(
            &"the document's 1 footnote and 1 comment are left out: not what was said".to_owned()
        ),
        "{notes:?}"
    );
    expect(
        &f,
        &[
            // The deletion's text is kept in the record of changes: not read.
            ("Interviewer", &["How long have you lived on Oak Street?"]),
            // Spaces as set: one for `<text:s/>`, two for `c="2"`.
            (
                "Respondent",
                &[
                    "Since ’98 — when the U.S. office moved. We call it 家 (jiā) 👩‍👩‍👧 and  Zoë says cafe\u{301} for it.",
                ],
            ),
            // A link's text and a field's value; not the comment.
            ("Interviewer", &["You wrote about it on your blog, page 4."]),
            // Not the footnote.
            ("Respondent", &["I did, yes. Twice."]),
            // Not the frame's text box.
            ("Interviewer", &["And the neighbours?"]),
            // White space in the XML is one space; a list's items paragraphs.
            ("Respondent", &["They stayed. Most of them:", "the Kims,", "the Ortegas."]),
            ("Interviewer", &["Thank you."]),
            ("Respondent", &["You are welcome."]),
        ],
    );
}

#[test]
fn the_binary_imports_a_word_document_and_the_reader_opens_it() {
    let dir = temp("documents", "binary");
    let input = dir.join("Focus group 3.docx");
    std::fs::copy(fixture("table.docx"), &input).expect("copy");
    let out = dir.join("fg3.ron");
    let o = run(&["import", &input.display().to_string(), "-o", &out.display().to_string()], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("3 speakers, 7 turns, 9 paragraphs: Moderator 3 turns, Aisha 2, Tom 2"),
        "{}",
        stderr(&o)
    );
    let doc = crosstalk::store::load_conversation(&out).expect("a conversation file");
    assert_eq!(doc.to_file().sections.len(), 7);
    // Opened as it is (the reader's and the exports' way in), it reads the same.
    let opened = crosstalk::store::load_document(&input).expect("opens");
    assert_eq!(opened.to_file().sections, doc.to_file().sections);
}

/// A `.docx` holding `document` as its main part (and `[Content_Types].xml`
/// first, as Word writes it).
fn docx(document: &[u8]) -> Vec<u8> {
    zipped("word/document.xml", document)
}

/// A zip of `[Content_Types].xml` and `document` named `name`.
fn zipped(name: &str, document: &[u8]) -> Vec<u8> {
    zip_of(&[("[Content_Types].xml", b"<?xml version=\"1.0\"?><Types/>"), (name, document)])
}

/// A zip of `entries`, in order.
fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    for (name, bytes) in entries {
        zip.start_file(*name, zip::write::SimpleFileOptions::default()).expect("entry");
        zip.write_all(bytes).expect("write");
    }
    zip.finish().expect("zip");
    out.into_inner()
}

fn body(paragraphs: &str) -> Vec<u8> {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:body>{paragraphs}</w:body></w:document>"
    )
    .into_bytes()
}

fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

/// `crosstalk import` of `bytes` saved as `name`: (success, standard error).
fn import_bytes(name: &str, bytes: &[u8]) -> (bool, String) {
    let dir = temp("documents", name);
    let input = dir.join(name);
    std::fs::write(&input, bytes).expect("write");
    let out = dir.join("out.ron");
    let o = run(&["import", &input.display().to_string(), "-o", &out.display().to_string()], &dir);
    assert_eq!(o.status.success(), out.exists(), "{}", stderr(&o));
    (o.status.success(), stderr(&o))
}

#[test]
fn a_table_whose_first_column_numbers_the_lines_reads_as_its_turns() {
    let cell = |t: &str| format!("<w:tc>{}</w:tc>", p(t));
    let row = |cells: &[&str]| {
        format!("<w:tr>{}</w:tr>", cells.iter().map(|c| cell(c)).collect::<String>())
    };
    let turns = [
        ("Interviewer", "Where did you grow up?"),
        ("Respondent", "In Lagos, then Leeds."),
        ("Interviewer", "And school?"),
        ("Respondent", "Leeds. A grammar school."),
        ("Interviewer", "Did you like it?"),
        ("Respondent", "Not at first."),
    ];
    let rows: String = turns
        .iter()
        .enumerate()
        .map(|(i, (who, said))| row(&[&(i + 1).to_string(), who, said]))
        .collect();
    let (ok, err) = import_bytes("numbered.docx", &docx(&body(&format!("<w:tbl>{rows}</w:tbl>"))));
    assert!(ok, "{err}");
    assert!(
        err.contains("2 speakers, 6 turns, 6 paragraphs: Interviewer 3 turns, Respondent 3"),
        "{err}"
    );
}

#[test]
fn a_short_table_of_turns_reads_by_its_header_and_says_what_it_left_out() {
    // Three rows, each speaking once, one reply in lowercase, a speaker's
    // cell of two paragraphs, a time cell of start and end, and a column
    // of notes: read by what the header names.
    let cell = |t: &str| {
        let ps: String = t.split('|').map(p).collect();
        format!("<w:tc>{ps}</w:tc>")
    };
    let row = |cells: &[&str]| {
        format!("<w:tr>{}</w:tr>", cells.iter().map(|c| cell(c)).collect::<String>())
    };
    let rows = [
        row(&["Time", "Participant", "Response (verbatim)", "Notes"]),
        row(&["00:00:01|00:00:04", "Facilitator", "Let us begin. Who walks to work?", ""]),
        row(&[
            "00:00:05|00:00:09",
            "Aisha|(nurse, 34)",
            "um, I do, most days.|Not in winter.",
            "laughs",
        ]),
        row(&["00:00:10|00:00:12", "Tom", "I drive.", ""]),
    ];
    let (ok, err) =
        import_bytes("short.docx", &docx(&body(&format!("<w:tbl>{}</w:tbl>", rows.concat()))));
    assert!(ok, "{err}");
    assert!(
        err.contains(
            "3 speakers, 3 turns, 4 paragraphs: Facilitator 1 turn, Aisha (nurse, 34) 1, Tom 1"
        ),
        "{err}"
    );
    assert!(
        err.contains("paragraph 1: the table's column “Notes” (1 cell) left out: not who spoke, when, or what they said"),
        "{err}"
    );
}

/// A paragraph of `text` in Word's paragraph style `style`.
fn styled(style: &str, text: &str) -> String {
    format!(
        "<w:p><w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"
    )
}

/// The document `bytes`, saved as `name`, as the reader opens it and as
/// `crosstalk import` reads it: the titles, and the import's introduction.
fn titles(name: &str, bytes: &[u8]) -> (String, String, Vec<String>) {
    let dir = temp("documents", &format!("title-{name}"));
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    let opened = crosstalk::store::load_document(&path).expect("opens");
    let (file, _) = crosstalk::store::import_file_named(&path, None, &[]).expect("imports");
    (opened.title.clone(), file.title, file.intro)
}

#[test]
fn a_paragraph_styled_as_the_title_is_the_conversations_title() {
    let turns = format!("{}{}", p("Ann: Hello there."), p("Bo: Hi."));
    // Word's Title style (its id translated, as German Word writes it) and
    // a style based on it; the title's paragraph is not the introduction.
    let styles = "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
        <w:style w:type=\"paragraph\" w:styleId=\"Titel\"><w:name w:val=\"Title\"/></w:style>\
        <w:style w:type=\"paragraph\" w:styleId=\"Mine\"><w:name w:val=\"My title\"/><w:basedOn w:val=\"Titel\"/></w:style>\
        <w:style w:type=\"paragraph\" w:styleId=\"Loop\"><w:name w:val=\"Loop\"/><w:basedOn w:val=\"Loop\"/></w:style>\
        </w:styles>";
    for style in ["Titel", "Mine"] {
        let document =
            body(&format!("<w:p/>{}{turns}", styled(style, "Library  budget interview")));
        let bytes =
            zip_of(&[("word/document.xml", &document), ("word/styles.xml", styles.as_bytes())]);
        let (opened, imported, intro) = titles("interview.docx", &bytes);
        assert_eq!(
            (opened.as_str(), imported.as_str()),
            ("Library budget interview", "Library budget interview")
        );
        assert!(intro.is_empty(), "{intro:?}");
    }
    // No styles part: the id `Title`. A style that is no title (and one
    // based on itself) is text.
    let document = body(&format!("{}{turns}", styled("Title", "Interview 3")));
    assert_eq!(titles("x.docx", &docx(&document)).0, "Interview 3");
    let document = body(&format!("{}{turns}", styled("Loop", "Interview 3")));
    let bytes = zip_of(&[("word/document.xml", &document), ("word/styles.xml", styles.as_bytes())]);
    assert_eq!(titles("x.docx", &bytes), ("x".into(), "x".into(), vec!["Interview 3".into()]));
    // A title further down, after text, is text where it stands.
    let document = body(&format!("{}{}{turns}", p("Draft"), styled("Title", "Interview 3")));
    assert_eq!(titles("x.docx", &docx(&document)).2, ["Draft", "Interview 3"]);
    // The text's own title (`Title:`) wins; the document's is then the
    // introduction's first line, as it reads.
    let document =
        body(&format!("{}{}{turns}", styled("Title", "Interview 3"), p("Title: The mill")));
    assert_eq!(
        titles("x.docx", &docx(&document)),
        ("The mill".into(), "The mill".into(), vec!["Interview 3".into()])
    );
    // A line naming the interview does not outrank the document's title:
    // it is a header fact.
    let document = body(&format!(
        "{}{}{turns}",
        styled("Title", "Oral history: Margaret Hill"),
        p("Interview: OH-2019-03")
    ));
    let dir = temp("documents", "title-named");
    let path = dir.join("hill.docx");
    std::fs::write(&path, docx(&document)).expect("write");
    let opened = crosstalk::store::load_document(&path).expect("opens");
    let (file, _) = crosstalk::store::import_file_named(&path, None, &[]).expect("imports");
    for (title, metadata) in [(&opened.title, &opened.metadata), (&file.title, &file.metadata)] {
        assert_eq!(title, "Oral history: Margaret Hill");
        assert_eq!(metadata, &[("Interview".to_owned(), "OH-2019-03".to_owned())]);
    }
    // A title set over two paragraphs is one.
    let document = body(&format!(
        "{}{}{turns}",
        styled("Title", "Oral history:"),
        styled("Title", "the mill")
    ));
    assert_eq!(titles("x.docx", &docx(&document)).1, "Oral history: the mill");
    // OpenDocument: `Title`, or an automatic style made from it.
    let odt = |style: &str| {
        let content = format!(
            "<office:document-content xmlns:office=\"o\" xmlns:text=\"t\" xmlns:style=\"s\">\
             <office:automatic-styles><style:style style:name=\"P1\" style:family=\"paragraph\" style:parent-style-name=\"Title\"/></office:automatic-styles>\
             <office:body><office:text><text:p text:style-name=\"{style}\">The  mill</text:p>\
             <text:p>Ann: Hello there.</text:p><text:p>Bo: Hi.</text:p></office:text></office:body></office:document-content>"
        );
        zip_of(&[
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
            ("content.xml", content.as_bytes()),
        ])
    };
    assert_eq!(titles("y.odt", &odt("Title")).1, "The mill");
    assert_eq!(titles("y.odt", &odt("P1")).1, "The mill");
    assert_eq!(
        titles("y.odt", &odt("Standard")),
        ("y".into(), "y".into(), vec!["The mill".into()])
    );
}

#[test]
fn an_rtf_transcript_from_textedit_imports_and_opens() {
    // TextEdit saves RTF unless told otherwise; f4transkript writes its
    // times so. Curly quotes and dashes as the code page's bytes, an emoji
    // as `\u`'s surrogates.
    let rtf = "{\\rtf1\\ansi\\ansicpg1252\\cocoartf2761\n{\\fonttbl\\f0\\fswiss\\fcharset0 Helvetica;}\n{\\colortbl;\\red255\\green255\\blue255;}\n\\pard\\tx566\\pardirnatural\n\n\\f0\\fs24 \\cf0 Title: The clinic\\\nDate: 2024-03-12\\\n\\\n#00:00:03-1# Interviewer: How did it start?\\\n\\\n#00:00:07-4# Amara Okafor: In 2019 \\'96 I\\'92d just moved. \\uc0\\u55357 \\u56832 \\\n\\\n#00:00:15-0# Interviewer: And then?}";
    let dir = temp("documents", "rtf");
    let path = dir.join("clinic.rtf");
    std::fs::write(&path, rtf).expect("write");
    let (f, _) = crosstalk::store::import_file_named(&path, None, &[]).expect("imports");
    assert_eq!((f.title.as_str(), f.date.as_str()), ("The clinic", "2024-03-12"));
    expect(
        &f,
        &[
            ("Interviewer", &["How did it start?"]),
            ("Amara Okafor", &["In 2019 – I’d just moved. 😀"]),
            ("Interviewer", &["And then?"]),
        ],
    );
    assert_eq!(times(&f), ["00:00:03", "00:00:07", "00:00:15"]);
    let opened = crosstalk::store::load_document(&path).expect("opens");
    assert_eq!(opened.title, "The clinic");
    // Through the binary, as a user imports it.
    let (ok, said) = import_bytes("clinic.rtf", rtf.as_bytes());
    assert!(ok, "{said}");
    assert!(said.contains("2 speakers, 3 turns"), "{said}");
    // Word 97–2003 is still refused, saying what to do.
    let (ok, said) = import_bytes("old.doc", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0");
    assert!(!ok && said.contains("Word 97-2003 document (.doc); save it as"), "{said}");
}

#[test]
fn a_word_for_mac_document_with_its_thumbnail_first_is_still_a_document() {
    // Word for Mac stores a thumbnail of many kilobytes before `word/`.
    let mut out = Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("docProps/thumbnail.jpeg", stored).expect("entry");
    zip.write_all(&[0xA5; 16 * 1024]).expect("write");
    zip.start_file("word/document.xml", stored).expect("entry");
    let turns: String =
        ["Ann: One.", "Bo: Two.", "Ann: Three.", "Bo: Four."].iter().map(|t| p(t)).collect();
    zip.write_all(&body(&turns)).expect("write");
    zip.finish().expect("zip");
    let bytes = out.into_inner();
    // As `import` takes it, and named otherwise, as it opens.
    let (ok, err) = import_bytes("mac.docx", &bytes);
    assert!(ok, "{err}");
    let dir = temp("documents", "mac-named");
    let path = dir.join("mac-interview");
    std::fs::write(&path, &bytes).expect("write");
    let doc = crosstalk::store::load_document(&path).expect("opens");
    assert_eq!(doc.contributors.len(), 2);
    let (ok, err) = import_bytes("mac-interview", &bytes);
    assert!(ok, "{err}");
}

#[test]
fn a_password_protected_document_says_so() {
    // Office encrypts the whole file into a compound file's EncryptedPackage.
    let mut bytes = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    bytes.extend_from_slice(&[0; 1000]);
    bytes.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    bytes.extend_from_slice(&[0; 1000]);
    let (ok, err) = import_bytes("secret.docx", &bytes);
    assert!(!ok);
    assert!(
        err.contains("secret.docx: crosstalk cannot read a document protected by a password"),
        "{err}"
    );
    // A zip named .docx without a document in it says that, not "a zip".
    let (ok, err) = import_bytes("renamed.docx", &zip_of(&[("notes.txt", b"hello")]));
    assert!(!ok);
    assert!(
        err.contains("renamed.docx: the archive holds no word/document.xml: not a Word document"),
        "{err}"
    );
}

#[test]
fn an_empty_document_says_it_holds_no_text() {
    let (ok, err) =
        import_bytes("blank.docx", &docx(&body("<w:p/><w:p><w:r><w:t> </w:t></w:r></w:p>")));
    assert!(!ok);
    assert!(err.contains("blank.docx: the document holds no text"), "{err}");
}

#[test]
fn a_header_row_word_marks_as_one_is_left_out_whatever_it_says() {
    let cell = |t: &str| format!("<w:tc>{}</w:tc>", p(t));
    let header = "<w:tr><w:trPr><w:tblHeader/></w:trPr>".to_owned()
        + &cell("Interlocutora")
        + &cell("Lo que dijo")
        + "</w:tr>";
    let rows: String =
        [("Ana", "Hola a todos."), ("Luis", "Buenas tardes."), ("Ana", "Empecemos.")]
            .iter()
            .map(|(a, b)| format!("<w:tr>{}{}</w:tr>", cell(a), cell(b)))
            .collect();
    let (ok, err) =
        import_bytes("es.docx", &docx(&body(&format!("<w:tbl>{header}{rows}</w:tbl>"))));
    assert!(ok, "{err}");
    assert!(err.contains("2 speakers, 3 turns, 3 paragraphs: Ana 2 turns, Luis 1"), "{err}");
}

#[test]
fn a_broken_document_is_one_line_naming_it_and_nothing_is_written() {
    // Not valid XML: the part and the byte.
    let (ok, err) = import_bytes("broken.docx", &docx(&body("<w:p><w:r><w:t>Hi</w:r></w:p>")));
    assert!(!ok);
    assert!(err.contains("broken.docx: word/document.xml, byte "), "{err}");
    assert!(err.contains("not valid XML"), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    // Cut short: the archive cannot be read.
    let whole = std::fs::read(fixture("table.docx")).expect("fixture");
    let (ok, err) = import_bytes("cut.docx", &whole[..whole.len() / 2]);
    assert!(!ok);
    assert!(err.contains("cut.docx: not a readable Word document"), "{err}");
    // No main part.
    let (ok, err) = import_bytes("empty.docx", &zip_of(&[("word/styles.xml", b"<w:styles/>")]));
    assert!(!ok);
    assert!(err.contains("holds no word/document.xml: not a Word document"), "{err}");
}

#[test]
fn an_import_error_names_the_documents_paragraph() {
    let paragraphs: String = ["A note to self.", "Buy milk.", "", "Call the printer."]
        .iter()
        .map(|t| if t.is_empty() { "<w:p/>".to_owned() } else { p(t) })
        .collect();
    let (ok, err) = import_bytes("notes.docx", &docx(&body(&paragraphs)));
    assert!(!ok);
    assert!(err.contains("notes.docx: paragraph 4: "), "{err}");
}

#[test]
fn a_document_of_labels_reads_like_the_text_word_saves() {
    // The same turns as a .docx and as the .txt Word would save: the same
    // conversation.
    let lines = [
        "Interviewer: Where did you grow up?",
        "Respondent: In Lagos &amp; then Leeds.",
        "Interviewer: And school?",
        "Respondent: Leeds. “Grammar school”, they called it.",
    ];
    let doc = docx(&body(&lines.iter().map(|l| p(l)).collect::<String>()));
    let dir = temp("documents", "same");
    let (a, b) = (dir.join("same.docx"), dir.join("same.txt"));
    std::fs::write(&a, doc).expect("write");
    let text: String = lines.iter().map(|l| format!("{}\n", l.replace("&amp;", "&"))).collect();
    std::fs::write(&b, text).expect("write");
    let one = crosstalk::store::import_file(&a, None).expect("docx");
    let two = crosstalk::store::import_file(&b, None).expect("txt");
    assert_eq!(one.sections, two.sections);
    assert_eq!(one.sections[1].paragraphs, ["In Lagos & then Leeds."]);
}

#[test]
fn hostile_documents_are_refused_or_read_never_a_panic() {
    // Bit flips and cuts of every fixture, and XML a reader could trip on:
    // each is read or refused with a message; none panics or hangs.
    let mut rng = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let names = [
        "otter.docx",
        "teams.docx",
        "table.docx",
        "labels.docx",
        "pandoc.docx",
        "pandoc.odt",
        "revised.odt",
    ];
    let mut read = 0;
    for round in 0..400 {
        let mut bytes = std::fs::read(fixture(names[round % names.len()])).expect("fixture");
        for _ in 0..1 + next() % 8 {
            let at = (next() as usize) % bytes.len();
            bytes[at] ^= 1 << (next() % 8);
        }
        if round % 7 == 0 {
            bytes.truncate((next() as usize) % bytes.len());
        }
        let name = names[round % names.len()];
        let unpack = if name.ends_with(".odt") { document::odt } else { document::docx };
        if let Ok(u) = unpack(&bytes) {
            read += 1;
            let _ = crosstalk::import::import(&u.text, crosstalk::import::detect(&u.text), "t");
        }
    }
    assert!(read > 0, "some flips fall in stored parts and still read");
    for xml in [
        body(&"<w:tbl><w:tr><w:tc>".repeat(2000)),
        body(&"<w:p><w:r><w:t>a</w:t></w:r>".repeat(5000)),
        body(
            "<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"99999999999\"/><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>",
        ),
        body("<w:p><w:r><w:t>&#x1B;[2J&bogus;</w:t></w:r></w:p>"),
        body(
            "<w:p><w:r><w:sym w:char=\"ZZZZ\"/><w:sym w:char=\"110000\"/><w:sym w:char=\"D800\"/></w:r></w:p>",
        ),
        b"\xff\xfe<\0w\0".to_vec(),
        Vec::new(),
        // Each once quadratic or a memory blow-up (a helper's review): many
        // fields begun and never ended, a wide row of cells merged down,
        // tables nested 50,000 deep, a long cell merged down 3,000 rows.
        body(&format!(
            "<w:p><w:r>{}</w:r></w:p>",
            "<w:fldChar w:fldCharType=\"begin\"/><w:fldChar w:fldCharType=\"separate\"/>"
                .repeat(100_000)
        )),
        body(&format!(
            "<w:tbl><w:tr>{}</w:tr><w:tr>{}</w:tr></w:tbl>",
            "<w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc>".repeat(100_000),
            "<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>".repeat(100_000)
        )),
        body(&format!(
            "{}{}",
            "<w:tbl><w:tr><w:tc>".repeat(50_000),
            "</w:tc></w:tr></w:tbl>".repeat(50_000)
        )),
        body(&format!(
            "<w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr>{}</w:tc></w:tr>{}</w:tbl>",
            p(&"long ".repeat(200_000)),
            "<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr>".repeat(3_000)
        )),
    ] {
        let _ = document::docx(&docx(&xml));
        let _ = document::odt(&zipped("content.xml", &xml));
    }
    // The same in OpenDocument: spaces a million times over, cells that
    // span a billion rows, 200,000 of them side by side.
    let odf = |body: String| {
        format!(
            "<office:document-content xmlns:office=\"o\" xmlns:text=\"t\" xmlns:table=\"b\"><office:body><office:text>{body}</office:text></office:body></office:document-content>"
        )
    };
    for xml in [
        odf(format!("<text:p>{}</text:p>", "<text:s text:c=\"1000\"/>".repeat(1_000_000))),
        odf(format!(
            "<table:table><table:table-row>{}</table:table-row>{}</table:table>",
            "<table:table-cell table:number-rows-spanned=\"1000000000\"><text:p>x</text:p></table:table-cell>".repeat(200_000),
            "<table:table-row><table:table-cell><text:p>y</text:p></table:table-cell></table:table-row>".repeat(10)
        )),
    ] {
        let u = document::odt(&zipped("content.xml", xml.as_bytes()));
        assert!(u.is_ok_and(|u| u.text.len() < 100_000_000));
    }
}

/// XML text for `s`.
fn escaped(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]

    /// Nothing said is lost or moved: any paragraphs, split into runs
    /// anywhere, with markup that adds no text between the runs (bookmarks,
    /// comments' ranges, empty properties, deleted text), come out each on
    /// its own line, whole and in order, in a .docx and in an .odt.
    #[test]
    fn every_paragraph_comes_out_whole_and_in_order(
        paragraphs in proptest::collection::vec(
            proptest::collection::vec(
                proptest::sample::select(vec![
                    "Jane", " ", "said", "“U.S.”", "—", "&", "<b>", "家", "👩‍👩‍👧", "cafe\u{301}",
                    "ا", "\t", "1.", "Q:", "x", "  ",
                ]),
                1..8,
            ),
            1..6,
        ),
        cuts in proptest::collection::vec(0usize..40, 6),
        noise in proptest::collection::vec(0usize..5, 6),
    ) {
        let between = [
            "",
            "<w:bookmarkStart w:id=\"0\" w:name=\"b\"/>",
            "<w:commentRangeStart w:id=\"1\"/>",
            "<w:r><w:rPr/></w:r>",
            "<w:del w:id=\"3\" w:author=\"x\"><w:r><w:delText>gone</w:delText></w:r></w:del>",
        ];
        let mut xml = String::new();
        let mut odt = String::new();
        let mut want = Vec::new();
        for (i, words) in paragraphs.iter().enumerate() {
            let text: String = words.concat();
            let chars: Vec<char> = text.chars().collect();
            let cut = cuts[i % cuts.len()] % (chars.len() + 1);
            let (a, b): (String, String) = (chars[..cut].iter().collect(), chars[cut..].iter().collect());
            xml += &format!(
                "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>{}<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
                escaped(&a),
                between[noise[i % noise.len()]],
                escaped(&b)
            );
            // ODF sets spaces and tabs by elements; runs of them collapse.
            let odf: String = text
                .chars()
                .map(|c| match c {
                    ' ' => "<text:s/>".to_owned(),
                    '\t' => "<text:tab/>".to_owned(),
                    c => escaped(&c.to_string()),
                })
                .collect();
            odt += &format!("<text:p><text:span>{odf}</text:span></text:p>");
            if !text.trim().is_empty() {
                want.push(text);
            }
        }
        let docx_text = document::docx(&docx(&body(&xml))).expect("reads").text;
        let got: Vec<&str> = docx_text.split("\n\n").filter(|l| !l.is_empty()).collect();
        proptest::prop_assert_eq!(&got, &want);
        let content = format!(
            "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:text>{odt}</office:text></office:body></office:document-content>"
        );
        let odt_text = document::odt(&zipped("content.xml", content.as_bytes())).expect("reads").text;
        let got: Vec<&str> = odt_text.split("\n\n").filter(|l| !l.is_empty()).collect();
        proptest::prop_assert_eq!(&got, &want);
    }
}
