//! Paragraph times, notes and text in the XML.

use super::*;

#[test]
fn paragraph_times_come_back_and_leave_the_notes_as_they_were() {
    let dir = temp("refi", "times");
    let text =
        std::fs::read_to_string(root().join("tests/fixtures/transcripts/congress-hearing.txt"))
            .expect("read");
    let file = crosstalk::import::import(&text, crosstalk::import::Kind::Transcript, "hearing")
        .expect("imports");
    let doc = Conversation::new(file).expect("valid");
    // A highlight on the first paragraph with a time, in each voice that has one.
    let mut highlights = Vec::new();
    for (voice, v) in doc.voices().iter().enumerate() {
        let Some(para) = v.paragraphs.iter().position(|&r| !doc.paragraph(r).time().is_empty())
        else {
            continue;
        };
        let len = doc.paragraph(v.paragraphs[para]).text().len();
        let target = Target {
            voice,
            start: crosstalk::model::Pos::new(para, 0),
            end: crosstalk::model::Pos::new(para, len),
        };
        let stamp = Stamp {
            id: uuid::Uuid::from_u128(voice as u128 + 1).to_string(),
            coder: "ada".into(),
            now: jiff::Timestamp::UNIX_EPOCH,
        };
        highlights.push(Annotations::new_highlight(
            &doc,
            &target,
            vec![],
            format!("Note {voice}.\n\nSecond paragraph."),
            &stamp,
        ));
    }
    assert!(highlights.len() >= 2, "the fixture has times");
    let a = Annotations::from_parts(doc.id.clone(), vec![], highlights);
    let bytes = Export::new(&doc, &a, &Filter::default())
        .expect("export")
        .render(Format::Qdpx)
        .expect("qdpx");
    let path = dir.join(format!("{}.qdpx", doc.id));
    std::fs::write(&path, bytes).expect("write");
    let back = only(import(&path).expect("imports"));
    assert_eq!(file_of(&back.annotations, &back.doc), file_of(&a, &doc));
    for h in back.annotations.highlights() {
        let time = |d: &Conversation| {
            d.paragraph(d.voices()[h.voice].paragraphs[h.start.para as usize]).time().to_owned()
        };
        assert!(!time(&back.doc).is_empty());
        assert_eq!(time(&back.doc), time(&doc));
    }
}

#[test]
fn inline_text_note_refs_and_a_matching_time_line() {
    let dir = temp("refi", "inline");
    let qde = r##"<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Inline" origin="MAXQDA 2024" creatingUserGUID="u2" creationDateTime="2023-01-02T03:04:05">
<Users><User guid="u2" name="Bo"/></Users>
<CodeBook><Codes>
<Code guid="cat" name="Themes" isCodable="false"><Code guid="c1" name="cost" isCodable="true"/><Code guid="c2" name="cost" isCodable="true" color="#ABCDEF"/></Code>
<Code guid="unused" name="Unused" isCodable="false"/>
</Codes></CodeBook>
<Sources>
<TextSource guid="s1" name="Panel">
<PlainTextContent>[00:01:02] ANA: It costs too much.&#10;[00:02:00] BEN: Does it?&#10;</PlainTextContent>
<PlainTextSelection guid="p1" startPosition="16" endPosition="34">
<Description>Memo.

Spoken at 00:01:02.</Description>
<Coding guid="k1"><CodeRef targetGUID="c1"/></Coding>
<Coding guid="k2"><CodeRef targetGUID="cat"/></Coding>
<NoteRef targetGUID="n1"/>
</PlainTextSelection>
<PlainTextSelection guid="p2" startPosition="51" endPosition="59">
<Description>Spoken at 09:09:09.</Description>
</PlainTextSelection>
</TextSource>
</Sources>
<Notes><Note guid="n1" name="n"><PlainTextContent>From the note.</PlainTextContent></Note></Notes>
</Project>
"##;
    let path = dir.join("inline.qde");
    std::fs::write(&path, qde).expect("write");
    let c = only(import(&path).expect("imports"));
    let names: Vec<&str> = c.annotations.tags().iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        ["Themes", "Themes/cost", "Themes/cost (2)"],
        "a category used by a coding is a tag; unused, it is not; a second code of one name gets (2)"
    );
    let p1 = c.annotations.highlight("p1").expect("p1");
    assert_eq!(p1.quote.exact, "It costs too much.");
    assert_eq!(p1.tags, ["Themes/cost", "Themes"]);
    assert_eq!(
        p1.note, "Memo.\n\nFrom the note.",
        "crosstalk's time line matches the paragraph's: taken off"
    );
    assert_eq!(
        (p1.coder.as_str(), p1.created.to_string().as_str()),
        ("Bo", "2023-01-02T03:04:05Z")
    );
    let p2 = c.annotations.highlight("p2").expect("p2");
    assert_eq!(p2.quote.exact, "Does it?");
    assert_eq!(p2.note, "Spoken at 09:09:09.", "another time is the coder's text: kept");
}
