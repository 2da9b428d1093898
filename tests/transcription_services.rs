//! Exports of transcription services as researchers have them: Otter.ai
//! (`Name  0:02` then the paragraph), Rev (`Name: (00:00)`), Zoom display
//! names (`Name (she/her):`, renamed in another case), Teams voices with
//! stray spaces, and an interview whose first line is `INTERVIEWER: …`.
//! Each is read in memory and streamed through the binary, alike.

mod common;

use common::cli::{run, stderr, temp};

use crosstalk::import::{Kind, import, import_with_notes};
use crosstalk::model::ConversationFile;

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/transcripts/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).expect("fixture")
}

/// `text` imported in memory, and through `crosstalk import FILE -o OUT`
/// (streamed for a transcript): the same conversation.
fn imported(name: &str, text: &str, kind: Kind) -> ConversationFile {
    let f = import(text, kind, "t").expect("imports");
    crosstalk::model::Conversation::new(f.clone()).expect("valid");
    let dir = temp("services", name);
    let input = dir.join(name);
    std::fs::write(&input, text).expect("write");
    let out = dir.join("out.ron");
    let o = run(&["import", &input.display().to_string(), "-o", &out.display().to_string()], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut streamed = crosstalk::store::load_conversation(&out).expect("conversation").to_file();
    streamed.id = f.id.clone();
    streamed.title = f.title.clone();
    assert_eq!(streamed, f);
    f
}

/// (speaker, paragraphs, times) per section.
fn sections(f: &ConversationFile) -> Vec<(&str, Vec<&str>, Vec<&str>)> {
    f.sections
        .iter()
        .map(|s| {
            let c = f.contributors.iter().find(|c| c.id == s.contributor).expect("speaker");
            let ps = s.paragraphs.iter().map(String::as_str).collect();
            (c.name.as_str(), ps, s.times.iter().map(String::as_str).collect())
        })
        .collect()
}

/// The words of `text` without those of the labels and times.
fn words(text: &str, drop: &[&str]) -> usize {
    text.split_whitespace().filter(|w| !drop.contains(w)).count()
}

fn said(f: &ConversationFile) -> String {
    f.sections.iter().flat_map(|s| s.paragraphs.clone()).collect::<Vec<_>>().join(" ")
}

#[test]
fn otter_names_and_times_on_a_line_of_their_own() {
    let text = fixture("otter.txt");
    let f = imported("otter.txt", &text, Kind::Transcript);
    let names: Vec<&str> = f.contributors.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Priya Raman", "Tom Becker", "Unknown Speaker"]);
    let s = sections(&f);
    assert_eq!(s[0].2, ["0:02"]);
    assert!(s[0].1[0].starts_with("Okay, so thanks"), "{:?}", s[0]);
    assert_eq!(s[3].2, ["0:29", "0:41"]);
    assert_eq!(s[5].2[0], "1:05:12");
    assert_eq!(s[5].1[0], "Let's take a short break there.");
    let labels = ["Priya", "Raman", "Tom", "Becker", "Unknown", "Speaker"];
    let times = ["0:02", "0:11", "0:24", "0:29", "0:41", "1:02", "1:05:12"];
    let trailer = ["Transcribed", "by", "https://otter.ai"];
    let drop: Vec<&str> = labels.iter().chain(&times).chain(&trailer).copied().collect();
    assert_eq!(words(&said(&f), &[]), words(&text, &drop));
    // Read as a transcript by its content, too.
    assert_eq!(crosstalk::import::sniff(text.as_bytes()), crosstalk::import::Format::Transcript);
}

/// A title set out as Otter.ai sets a label (`Weekly Sync  10:30`) above
/// the first label is the introduction: a label's text comes before the
/// next label. It stopped the import ("has a speaker but no text").
#[test]
fn a_title_like_an_otter_label_above_the_first_is_the_introduction() {
    let text = "Weekly Sync  10:30\n\nJane Smith  0:05\nOkay, let's start.\n\nBob Lee  0:12\nPretty well.\n";
    let (f, notes) = import_with_notes(text, Kind::Transcript, "t").expect("imports");
    assert_eq!(f.intro, ["Weekly Sync  10:30"]);
    assert_eq!(
        sections(&f),
        [
            ("Jane Smith", vec!["Okay, let's start."], vec!["0:05"]),
            ("Bob Lee", vec!["Pretty well."], vec!["0:12"])
        ]
    );
    assert!(notes[0].message.starts_with("line 1, before the first speaker"), "{notes:?}");
    imported("weekly.txt", text, Kind::Transcript);
    // Text after blank lines is the label's, as before; so is text whose
    // first line is a byte order mark's.
    let text = "Jane Smith  0:05\n\n\nOkay, let's start.\nBob Lee  0:12\n\u{feff}\nYes.\n";
    let f = imported("blank-first.txt", text, Kind::Transcript);
    assert!(f.intro.is_empty());
    assert_eq!(sections(&f)[1], ("Bob Lee", vec!["Yes."], vec!["0:12"]));
    // After the first turn, a label with no text is still an error that
    // names it (it may be the speaker's words lost).
    let e = import(
        "Jane Smith  0:05\nHi.\nBob Lee  0:12\n\nJane Smith  0:20\nBye.\n",
        Kind::Transcript,
        "t",
    )
    .unwrap_err();
    assert_eq!(e.line, 3, "{e}");
}

/// Otter.ai exported without times, and transcribers who set a name on a
/// line of its own above what was said (`INTERVIEWER`, then the question):
/// the name opens the turn. Such files were refused ("no `NAME: text`
/// lines").
#[test]
fn names_alone_above_their_text_open_turns() {
    let text = fixture("otter-no-times.txt");
    let (f, notes) = import_with_notes(&text, Kind::Transcript, "t").expect("imports");
    assert_eq!(imported("otter-no-times.txt", &text, Kind::Transcript), f);
    let names: Vec<&str> = f.contributors.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Priya Raman", "Tom Becker", "Unknown Speaker"]);
    let s = sections(&f);
    assert_eq!(s.len(), 6);
    assert!(s[0].1[0].starts_with("Okay, so thanks"), "{:?}", s[0]);
    assert_eq!(
        s[3].1,
        [
            "Honestly? It was rough. The first month we were just, you know, making it up as we went along.",
            "And the kids felt that, I think."
        ]
    );
    assert_eq!(s[4], ("Unknown Speaker", vec!["Sorry, wrong room."], vec![]));
    assert_eq!(s[5].1, ["Let's take a short break there."]);
    let labels = ["Priya", "Raman", "Tom", "Becker", "Unknown", "Speaker"];
    let trailer = ["Transcribed", "by", "https://otter.ai"];
    let drop: Vec<&str> = labels.iter().chain(&trailer).copied().collect();
    assert_eq!(words(&said(&f), &[]), words(&text, &drop));
    assert!(notes.iter().any(|n| n.message.starts_with("dropped Otter.ai's closing line")));
    // A blank line after each paragraph, the names' too (a document whose
    // paragraphs are spaced so, saved as text).
    let text = "Priya Raman\n\nHello, thanks for coming.\n\nTom Becker\n\nSure.\n\nIt was a while ago.\n\nPriya Raman\n\nAnd then?\n";
    assert_eq!(
        sections(&imported("spaced.txt", text, Kind::Transcript)),
        [
            ("Priya Raman", vec!["Hello, thanks for coming."], vec![]),
            ("Tom Becker", vec!["Sure.", "It was a while ago."], vec![]),
            ("Priya Raman", vec!["And then?"], vec![]),
        ]
    );
    // Roles in capitals; a turn of two paragraphs; a time mark below a name.
    let text = "INTERVIEWER\nTell me about the farm.\n\nRESPONDENT\nWe started in 1990.\n\nIt grew.\n\nINTERVIEWER\n00:05:00\nAnd then?\n\nRESPONDENT\nThen we sold it.\n";
    assert_eq!(
        sections(&imported("roles.txt", text, Kind::Transcript)),
        [
            ("INTERVIEWER", vec!["Tell me about the farm."], vec![]),
            ("RESPONDENT", vec!["We started in 1990.", "It grew."], vec![]),
            ("INTERVIEWER", vec!["And then?"], vec!["00:05:00"]),
            ("RESPONDENT", vec!["Then we sold it."], vec![]),
        ]
    );
    // A heading like a name above a line, before the first who speak
    // again: the introduction (it was a speaker of the line below it).
    for head in ["Interview 22", "Focus Group 3"] {
        let text = format!(
            "{head}\nRecorded 3 May 2023, Leeds\n\nINTERVIEWER\nSo how did you start?\n\nPARTICIPANT\nThrough an agency.\n\nINTERVIEWER\nAnd then?\n\nPARTICIPANT\nAfter eleven months.\n"
        );
        let f = imported("head.txt", &text, Kind::Transcript);
        let names: Vec<&str> = f.contributors.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["INTERVIEWER", "PARTICIPANT"], "{head}");
        assert!(f.intro.concat().contains(head), "{head}: {:?}", f.intro);
    }
}

/// Names alone on a line with no blank lines anywhere: a Word document of
/// `Interviewer` / question / `Respondent` / answer paragraphs saved as
/// plain text (each paragraph a line). It was refused.
#[test]
fn names_above_text_with_no_blank_lines_open_turns() {
    let text = "Interview 4, 12 March 2024\nInterviewer\nCan you tell me about your experience with the app?\nRespondent\nSure, I started using TikTok in 2019.\nMostly for cooking videos.\nInterviewer\nAnd after the ban was announced?\nRespondent\nNot much at first.\nInterviewer\n00:12:30\nThank you.\n";
    let f = imported("word-plain.txt", text, Kind::Transcript);
    assert_eq!(f.intro, ["Interview 4, 12 March 2024"]);
    assert_eq!(
        sections(&f),
        [
            ("Interviewer", vec!["Can you tell me about your experience with the app?"], vec![]),
            (
                "Respondent",
                vec!["Sure, I started using TikTok in 2019.", "Mostly for cooking videos."],
                vec![]
            ),
            ("Interviewer", vec!["And after the ban was announced?"], vec![]),
            ("Respondent", vec!["Not much at first."], vec![]),
            ("Interviewer", vec!["Thank you."], vec!["00:12:30"]),
        ]
    );
    // Not so laid out: three such names only, or a name in fewer than a
    // tenth of the lines (a poem's, a list's short lines), or fewer than the
    // labels of a labelled transcript: its text, as before.
    let few = "Hi.\nPriya Raman\nx\nTom Becker\ny\nPriya Raman\nz\n";
    assert!(import(few, Kind::Transcript, "t").is_err(), "three names");
    let mut long = String::from("Intro.\n");
    for (name, n) in [("Ana Lima", 1), ("Ben Okoro", 2), ("Ana Lima", 3), ("Ben Okoro", 4)] {
        long.push_str(&format!("{name}\nLine {n} one.\nLine two.\nLine three.\nLine four.\nLine five.\nLine six.\nSeven.\nEight.\nNine.\n"));
    }
    assert!(import(&long, Kind::Transcript, "t").is_err(), "a name in a tenth of the lines");
    // Header lines above the first name (in Spanish here) are the
    // header; someone who speaks once, after others have, is a speaker;
    // `Interview 6` once above the first turn is not.
    let text = "Entrevista 12\nFecha: 3 de mayo de 2023\nLugar: Oaxaca\nAna Beltrán\n¿Cuánto tiempo lleva en la cooperativa?\nJosé Núñez\nCasi veinte años.\nAna Beltrán\n¿Y qué ha cambiado?\nLucía Pérez\nTodo, la verdad.\nJosé Núñez\nMuchísimo.\nLos precios son mejores,\npero hay más papeleo.\n";
    let f = imported("spanish.txt", text, Kind::Transcript);
    let names: Vec<&str> = f.contributors.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Ana Beltrán", "José Núñez", "Lucía Pérez"]);
    assert_eq!(
        f.metadata,
        [("Fecha".into(), "3 de mayo de 2023".into()), ("Lugar".into(), "Oaxaca".into())]
    );
    // Each line a paragraph, as Word saves them, unless wrapped mid-sentence.
    assert_eq!(
        sections(&f)[4],
        (
            "José Núñez",
            vec!["Muchísimo.", "Los precios son mejores, pero hay más papeleo."],
            vec![]
        )
    );
    let text = "Oral history project: Mining communities\nInterview 6\nRecorded 18 July 2019, Barnsley\nInterviewer\nCan you tell me about the strike?\nMargaret Hollis\nWhere do I start.\nInterviewer\nAnd the kitchen?\nMargaret Hollis\nWe fed two hundred a day.\n";
    let f = imported("oral.txt", text, Kind::Transcript);
    let names: Vec<&str> = f.contributors.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Interviewer", "Margaret Hollis"]);
    // In scripts without capitals a line of text is as short and uncased
    // as a name: its punctuation tells them apart.
    let text = "访谈记录 第二号\n李华\n您好，谢谢您接受采访。\n王小明\n不客气。\n李华\n您是什么时候开始用微信的？\n王小明\n大概是二零一二年。\n李华\n为什么？\n";
    let f = imported("zh.txt", text, Kind::Transcript);
    let s = sections(&f);
    assert_eq!(s.len(), 5);
    assert_eq!(s[1], ("王小明", vec!["不客气。"], vec![]));
    // `I` above a question, `R` above its answer.
    let text = "Participant 07 - transcript\nI\nWhen did you first hear of it?\nR\nMy neighbour told me.\nI\nHow did you feel?\nR\nNervous.\n";
    let f = imported("ir.txt", text, Kind::Transcript);
    let s = sections(&f);
    assert_eq!((s.len(), s[3].0, s[3].1[0]), (4, "R", "Nervous."));
    // A time alone above each name (Microsoft Teams' transcript saved
    // from Word, `0:0:3.39 --> 0:0:8.21`; or one time), with blank lines
    // between turns or none: the turn's time, not its text.
    for (sep, a, b) in [
        ("\n", "0:0:3.39 --> 0:0:8.21", "0:0:11.143 --> 0:0:16.77"),
        ("", "0:03", "0:07"),
        ("\n", "[00:00:03]", "[00:00:07]"),
    ] {
        let text = format!(
            "{a}\nRaman, Priya\nThanks for making time.\n{sep}{b}\nBecker, Tom\nSure.\n{sep}{a}\nRaman, Priya\nGood.\n{sep}{b}\nBecker, Tom\nAnd 0:03 too.\n{sep}{a}\nRaman, Priya\nThanks.\n"
        );
        let f = imported("teams.txt", &text, Kind::Transcript);
        let s = sections(&f);
        assert_eq!(s.len(), 5, "{text}");
        let start =
            |t: &str| t.trim_matches(['[', ']']).split(' ').next().unwrap_or_default().to_owned();
        assert_eq!(s[0].0, "Raman, Priya");
        assert_eq!((s[1].1.clone(), s[1].2.clone()), (vec!["Sure."], vec![start(b).as_str()]));
        assert_eq!(s[3].1, ["And 0:03 too."]);
    }
    // A time alone above a line that is no name is text, as before.
    let f = imported("t.txt", "A: The score was\n2:1\nB: Yes.\n", Kind::Transcript);
    assert_eq!(sections(&f)[0].1, ["The score was 2:1"]);
    // Lists and logs laid out so are not conversations.
    let log = "Error\nFailed to connect to db01\nInfo\nRetrying in 5 seconds\nError\nFailed again\nInfo\nRetrying in 10 seconds\nWarning\nRead-only replica\n";
    let packing = "Packing list\nClothes\nThermal base layers\nFleece\nWaterproof jacket\nToiletries\nToothbrush\nDocuments\nPassport\n";
    for text in [log, packing] {
        assert!(import(text, Kind::Transcript, "t").is_err(), "{text}");
    }
    let labelled = "ANN: We met.\nBO: Who came?\nANN: Jane Smith\nTom Lee\nJane Smith\nTom Lee\nBO: Ok.\nANN: And the rest.\nBO: Fine.\nANN: Then Jane Smith\nTom Lee\nBO: Sure.\n";
    let f = imported("labelled.txt", labelled, Kind::Transcript);
    let names: Vec<&str> = f.contributors.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["ANN", "BO"]);
}

/// A name with its time before or after it, alone on a line, the text
/// below: Word's Transcribe and NVivo (`00:00:03 Speaker 1`), Happy Scribe
/// (`[00:00:02.74] - Name`), Notta (`Speaker 1 00:03`), Fireflies (`Name -
/// 00:03`, or the time on a line of its own below the name), a time of day
/// (`Name  10:02 AM`). All were refused.
#[test]
fn names_with_their_times_above_their_text_open_turns() {
    type Turns<'a> = Vec<(&'a str, Vec<&'a str>, Vec<&'a str>)>;
    fn want<'a>(first: &'a str, second: &'a str) -> Turns<'a> {
        vec![
            ("Speaker 1", vec!["How long have you been on the ward?"], vec![first]),
            ("Speaker 2", vec!["Eleven years.", "Before that, community care."], vec![second, ""]),
            ("Speaker 1", vec!["And the paperwork?"], vec![""]),
        ]
    }
    let body = |a: &str, b: &str, c: &str| {
        format!(
            "{a}\nHow long have you been on the ward?\n\n{b}\nEleven years.\n\nBefore that, community care.\n\n{c}\nAnd the paperwork?\n"
        )
    };
    for (name, a, b, c, first, second) in [
        (
            "word.txt",
            "00:00:00 Speaker 1",
            "00:00:04 Speaker 2",
            "00:00:09 Speaker 1",
            "00:00:00",
            "00:00:04",
        ),
        (
            "happy.txt",
            "[00:00:00.12] - Speaker 1",
            "[00:00:04.50] - Speaker 2",
            "[00:00:09.00] - Speaker 1",
            "00:00:00.12",
            "00:00:04.50",
        ),
        ("notta.txt", "Speaker 1 00:00", "Speaker 2 00:04", "Speaker 1 00:09", "00:00", "00:04"),
        (
            "fireflies.txt",
            "Speaker 1 - 00:00",
            "Speaker 2 - 00:04",
            "Speaker 1 - 00:09",
            "00:00",
            "00:04",
        ),
        ("below.txt", "Speaker 1\n00:00", "Speaker 2\n00:04", "Speaker 1\n00:09", "00:00", "00:04"),
        (
            "day.txt",
            "Speaker 1  10:02 AM",
            "Speaker 2  10:03 AM",
            "Speaker 1  10:04 AM",
            "10:02 AM",
            "10:03 AM",
        ),
    ] {
        let text = body(a, b, c);
        let f = imported(name, &text, Kind::Transcript);
        let mut got = sections(&f);
        // The third turn's time, as written.
        got[2].2 = vec![""];
        assert_eq!(got, want(first, second), "{name}");
    }
    // A programme's items with their times are no speakers.
    let text = "Opening Remarks  9:00 AM\nWelcome by the chair.\n\nKeynote  9:30 AM\nDr. Lee.\n\nLunch  12:00 PM\nBuffet.\n\nKeynote  1:30 PM\nPart two.\n";
    assert!(import(text, Kind::Transcript, "t").is_err());
}

/// Labels without a colon of their own or with marks around it: bold
/// (a document saved as Markdown), brackets (whisperX), a tab (a table
/// saved as text; NVivo's time, name and text), a time in brackets after
/// the name (Trint), `Q.` and `A.`. All were refused.
#[test]
fn labels_in_bold_brackets_tables_and_letters() {
    for (name, text, who, time) in [
        (
            "bold.md",
            "**Daniel Osei:** Can you describe it?\n\n**Fatima Al-Sayed**: Fourth floor.\n\n**Daniel Osei:** And then?\n",
            ["Daniel Osei", "Fatima Al-Sayed"],
            "",
        ),
        (
            "whisperx.txt",
            "[SPEAKER_00]: Can you describe it?\n[SPEAKER_01]: Fourth floor.\n[SPEAKER_00]: And then?\n",
            ["SPEAKER_00", "SPEAKER_01"],
            "",
        ),
        (
            "table.txt",
            "Daniel Osei\tCan you describe it?\nFatima Al-Sayed\tFourth floor.\nDaniel Osei\tAnd then?\n",
            ["Daniel Osei", "Fatima Al-Sayed"],
            "",
        ),
        (
            "nvivo.txt",
            "00:00:00\tDaniel Osei\tCan you describe it?\n00:00:06\tFatima Al-Sayed\tFourth floor.\n00:00:19\tDaniel Osei\tAnd then?\n",
            ["Daniel Osei", "Fatima Al-Sayed"],
            "00:00:00",
        ),
        (
            "trint.txt",
            "Daniel Osei [00:00:00] Can you describe it?\n\nFatima Al-Sayed [00:00:06] Fourth floor.\n\nDaniel Osei [00:00:19] And then?\n",
            ["Daniel Osei", "Fatima Al-Sayed"],
            "00:00:00",
        ),
        ("qa.txt", "Q. Can you describe it?\n\nA. Fourth floor.\n\nQ. And then?\n", ["Q", "A"], ""),
    ] {
        let f = imported(name, text, Kind::Transcript);
        let s = sections(&f);
        let said: Vec<(&str, Vec<&str>)> = s.iter().map(|(n, p, _)| (*n, p.clone())).collect();
        assert_eq!(
            said,
            [
                (who[0], vec!["Can you describe it?"]),
                (who[1], vec!["Fourth floor."]),
                (who[0], vec!["And then?"])
            ],
            "{name}"
        );
        assert_eq!(s[0].2.first().copied().unwrap_or_default(), time, "{name}");
    }
}

/// A role with nothing after it on the first line (`INTERVIEWER:`, the
/// question below) opens the first turn: it was kept as an empty header
/// line and the question went to the introduction, uncoded. Among header
/// lines it is still one.
#[test]
fn a_role_alone_on_the_first_line_opens_the_first_turn() {
    let text = "INTERVIEWER:\nThanks for coming in.\n\nRESPONDENT:\nHappy to help.\n\nINTERVIEWER:\nHow long?\n";
    let f = imported("role.txt", text, Kind::Transcript);
    assert!(f.intro.is_empty(), "{:?}", f.intro);
    assert_eq!(sections(&f)[0], ("INTERVIEWER", vec!["Thanks for coming in."], vec![]));
    let text = "Title: Oral history\nInterviewer:\nDate: March 3, 1998\n\nINTERVIEWER: Born?\nNARRATOR: Dayton.\n";
    let f = imported("header.txt", text, Kind::Transcript);
    assert_eq!(sections(&f).len(), 2);
    let text = "Moderator:\n\nMODERATOR: Welcome.\nP1: Hi.\n";
    assert_eq!(sections(&imported("empty.txt", text, Kind::Transcript)).len(), 2);
    // The question after a blank line is the role's too.
    let text = "INTERVIEWER:\n\nThanks for coming in.\n\nRESPONDENT:\nHappy to help.\n";
    let f = imported("blank.txt", text, Kind::Transcript);
    assert!(f.intro.is_empty(), "{:?}", f.intro);
    assert_eq!(sections(&f)[0], ("INTERVIEWER", vec!["Thanks for coming in."], vec![]));
}

/// A name alone above text is a label only where the file is laid out so:
/// a labelled transcript's heading twice, a greeting on a line of its own,
/// chapter headings that never come back, are text as before.
#[test]
fn a_line_like_a_name_is_text_where_the_file_is_not_laid_out_so() {
    let text = "JANE: Hi.\n\nSummary\nWe agreed.\n\nJOHN: Yes.\n\nSummary\nAgain.\n\nJANE: Good.\n";
    let f = imported("headings.txt", text, Kind::Transcript);
    let names: Vec<&str> = f.contributors.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["JANE", "JOHN"]);
    assert_eq!(sections(&f)[0].1, ["Hi.", "Summary We agreed."]);
    // Headings that come back, fewer than the labels: text.
    let text = "JANE: Hi.\n\nSummary\nWe agreed.\n\nJOHN: Yes.\n\nNext Steps\nWrite.\n\nJANE: So.\n\nSummary\nAgain.\n\nJOHN: Ok.\n\nNext Steps\nRead.\n\nJANE: Good.\n";
    let f = imported("headings-twice.txt", text, Kind::Transcript);
    assert_eq!(f.contributors.len(), 2, "{:?}", f.contributors);
    let text = "Jane Smith\nHello.\n\nOkay\nSo we begin.\n\nJohn Doe\nHi.\n\nOkay\nRight.\n\nJane Smith\nBye.\n";
    let f = imported("greetings.txt", text, Kind::Transcript);
    assert_eq!(
        sections(&f),
        [
            ("Jane Smith", vec!["Hello.", "Okay So we begin."], vec![]),
            ("John Doe", vec!["Hi.", "Okay Right."], vec![]),
            ("Jane Smith", vec!["Bye."], vec![]),
        ]
    );
    let text =
        "Chapter One\nIt was cold.\n\nChapter Two\nIt was warm.\n\nChapter Three\nIt rained.\n";
    assert!(import(text, Kind::Transcript, "t").is_err());
    // Lines of a labelled transcript's own text that open as labels of
    // another layout do (a second sweep found each made a speaker): a
    // bold lead-in, `M.` and `P.` in French, a table's rows, a subheading
    // in an Otter.ai export.
    for (name, text, voices) in [
        (
            "lead.txt",
            "Interviewer: What should members know?\nRespondent: Three things.\n**Important:** nobody takes tools home.\n**Also important:** the gate code changes.\nInterviewer: Good advice.\nRespondent: We learned.\n",
            2,
        ),
        (
            "fr.txt",
            "ENQUÊTRICE : Qui était là ?\nRÉPONDANT : Plusieurs personnes.\nM. Lefèvre représentait la mairie.\nM. Garnier venait aussi.\nP. 12 du compte rendu.\nM. Lefèvre a parlé.\nP. 14 résume.\nENQUÊTRICE : Et vous ?\nRÉPONDANT : J'ai écouté.\n",
            2,
        ),
        (
            "table.txt",
            "Jensen, Lars   0:03\nThe numbers:\nBudget\tFour hundred.\nTimeline\tMay.\nBudget\tFive hundred.\nTimeline\tJune.\n\nOkafor, Daniel   0:20\nFine.\n",
            2,
        ),
        (
            "otter-sub.txt",
            "Priya Raman  0:02\nHello.\n\nBudget\nWe spent it.\n\nTom Becker  0:11\nSure.\n\nBudget\nAgain.\n",
            2,
        ),
    ] {
        let f = imported(name, text, Kind::Transcript);
        assert_eq!(f.contributors.len(), voices, "{name}: {:?}", f.contributors);
    }
    // One voice, named over and over, is no layout of speakers either.
    let text = "Jane Smith\nHello.\n\nJane Smith\nAgain.\n\nJane Smith\nBye.\n";
    assert!(import(text, Kind::Transcript, "t").is_err());
}

#[test]
fn otters_closing_line_is_dropped_with_a_note() {
    let text = fixture("otter.txt");
    let (f, notes) = import_with_notes(&text, Kind::Transcript, "t").expect("imports");
    let last = f.sections.last().expect("a section");
    assert_eq!(last.paragraphs, ["Let's take a short break there."]);
    let note = "dropped Otter.ai's closing line \"Transcribed by https://otter.ai\", which is no one's speech";
    assert_eq!(notes.iter().map(|n| n.message.as_str()).collect::<Vec<_>>(), [note]);
    // The streamed import drops it too, and says so.
    imported("otter-again.txt", &text, Kind::Transcript);
    let dir = temp("services", "otter-note");
    let input = dir.join("otter.txt");
    std::fs::write(&input, &text).expect("write");
    let out = dir.join("out.ron").display().to_string();
    let o = run(&["import", &input.display().to_string(), "-o", &out], &dir);
    assert!(stderr(&o).contains(&format!("otter.txt: note: {note}")), "{}", stderr(&o));
    // Right after the speech, no blank line between: dropped.
    let text = "Priya Raman  0:02\nHello there.\ntranscribed by otter.ai  \n\n";
    let f = imported("otter-end.txt", text, Kind::Transcript);
    assert_eq!(said(&f), "Hello there.");
    // Not at the end, or in a file that is not Otter.ai's: speech.
    let text =
        "Priya Raman  0:02\nHello.\n\nTranscribed by https://otter.ai\n\nTom Becker  0:05\nHi.\n";
    let f = imported("otter-middle.txt", text, Kind::Transcript);
    assert_eq!(said(&f), "Hello. Transcribed by https://otter.ai Hi.");
    let text = "PRIYA: Hello.\nTranscribed by https://otter.ai\n";
    let (f, notes) = import_with_notes(text, Kind::Transcript, "t").expect("imports");
    assert_eq!((said(&f).as_str(), notes.len()), ("Hello. Transcribed by https://otter.ai", 0));
}

#[test]
fn rev_times_after_the_colon_are_times() {
    let text = fixture("rev.txt");
    let f = imported("rev.txt", &text, Kind::Transcript);
    // Every line but the labels is what was said.
    let spoken: Vec<&str> = text.lines().filter(|l| !l.ends_with(')')).collect();
    assert_eq!(words(&said(&f), &[]), words(&spoken.join(" "), &[]));
    let s = sections(&f);
    assert_eq!(s.len(), 4);
    assert_eq!(s[0].0, "Jane Smith");
    assert_eq!(s[1].0, "Dr. Amara Okafor");
    assert_eq!(s[0].2, ["00:00"]);
    assert_eq!(s[0].1, ["Welcome back to the show. Today I'm joined by Dr. Amara Okafor."]);
    assert_eq!(s[3].2, ["00:15"]);
    // On the line, before the text, too; a time later in the text stays.
    let f = import("SMITH: [00:01:02] Hello.\nJONES: Hi (00:05) there.\n", Kind::Transcript, "t")
        .expect("imports");
    let s = sections(&f);
    assert_eq!((s[0].1.clone(), s[0].2.clone()), (vec!["Hello."], vec!["00:01:02"]));
    assert_eq!((s[1].1.clone(), s[1].2.clone()), (vec!["Hi (00:05) there."], vec![]));
}

#[test]
fn an_interviewer_who_speaks_first_is_a_speaker_not_a_header() {
    let text = "INTERVIEWER: Thank you for taking part. Shall we begin?\nRESPONDENT: Yes.\nInterviewer: Good.\n";
    let f = imported("interview.txt", text, Kind::Transcript);
    let s = sections(&f);
    assert_eq!(s[0].0, "INTERVIEWER");
    assert_eq!(s[0].1, ["Thank you for taking part. Shall we begin?"]);
    assert!(f.metadata.is_empty());
    let text = "Moderator: Welcome to tonight's debate.\nSMITH: Thanks.\n";
    let f = imported("debate.txt", text, Kind::Transcript);
    assert_eq!(sections(&f)[0].1, ["Welcome to tonight's debate."]);
    // A name is a header fact, as before.
    for who in ["Jane Doe", "Dr. Jane Doe, Ph.D.", "J. Doe Jr."] {
        let text = format!("Interviewer: {who}\nQ: Where were you born?\nA: Here.\n");
        let f = imported("oral.txt", &text, Kind::Transcript);
        assert_eq!(f.metadata, [("Interviewer".to_owned(), who.to_owned())], "{who}");
    }
}

#[test]
fn zoom_display_names_with_pronouns_and_in_another_case() {
    let text = fixture("zoom-display-names.vtt");
    let f = imported("zoom.vtt", &text, Kind::WebVtt);
    let names: Vec<&str> = f.contributors.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Maria González (she/her)", "Kwame Mensah"]);
    let s = sections(&f);
    assert_eq!(
        s[0].1,
        [
            "Okay, I think the recording has started. Welcome, everyone. Let's do quick introductions. Kwame, do you want to start?"
        ]
    );
    assert_eq!(
        s[1].1,
        [
            "Sure. I'm Kwame, I work on the data team.",
            "Sorry, my audio cut out. Can you hear me now?"
        ]
    );
    // A lowercase label that is nobody's is text.
    assert_eq!(s[2].1, ["Yes. Agenda: two items. and then: the budget."]);
}

#[test]
fn a_display_name_once_in_lowercase_without_its_parenthesis_is_theirs() {
    // `maria gonzález:` once, for `Maria González (she/her):`, was run into
    // the speech before it, its label left in the text; so was the cue
    // after it. The same in a transcript with blank lines between turns.
    let cue = |n: usize, label: &str, text: &str| {
        format!("{n}\n00:00:0{n}.000 --> 00:00:0{n}.900\n{label}: {text}\n\n")
    };
    let vtt = format!(
        "WEBVTT\n\n{}{}{}{}",
        cue(1, "Priya Raman (she/her)", "Okay, welcome everyone."),
        cue(2, "Kwame Mensah", "Thanks. Happy to be here."),
        cue(3, "priya raman", "What do you teach?"),
        cue(4, "Kwame Mensah", "Science.")
    );
    let txt = "Priya Raman (she/her): Okay, welcome everyone.\n\nKwame Mensah: Thanks. Happy to be here.\n\npriya raman: What do you teach?\n\nKwame Mensah: Science.\n";
    for (name, text, kind) in
        [("z.vtt", vtt.as_str(), Kind::WebVtt), ("z.txt", txt, Kind::Transcript)]
    {
        let f = imported(name, text, kind);
        let s = sections(&f);
        let turns: Vec<(&str, Vec<&str>)> = s.iter().map(|(who, p, _)| (*who, p.clone())).collect();
        assert_eq!(
            turns,
            [
                ("Priya Raman (she/her)", vec!["Okay, welcome everyone."]),
                ("Kwame Mensah", vec!["Thanks. Happy to be here."]),
                ("Priya Raman (she/her)", vec!["What do you teach?"]),
                ("Kwame Mensah", vec!["Science."]),
            ],
            "{name}"
        );
    }
    // Two people with the name so: neither's.
    let txt = "Participant (A): Hi.\n\nParticipant (B): Hello.\n\nparticipant: what now?\n\nParticipant (A): Yes.\n";
    let f = imported("p.txt", txt, Kind::Transcript);
    assert_eq!(f.contributors.len(), 2);
}

#[test]
fn teams_voices_with_stray_spaces_are_one_person_named_once() {
    let text = "WEBVTT\n\nab12/1-0\n00:00:01.000 --> 00:00:02.000\n<v Lars Jensen>Hello.</v>\n\nab12/2-0\n00:00:02.500 --> 00:00:03.000\n<v Ana Ruiz>Hi.</v>\n\nab12/3-0\n00:00:03.500 --> 00:00:04.000\n<v  Lars  Jensen >Agreed.</v>\n";
    let f = imported("teams.vtt", text, Kind::WebVtt);
    let names: Vec<&str> = f.contributors.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Lars Jensen", "Ana Ruiz"]);
}

#[test]
fn teams_family_comma_given_and_given_family_are_one_person() {
    // Teams names people as the directory does (`Jensen, Lars`) or as they
    // set it (`Lars Jensen`); `Lars Jensen-Berg` is someone else.
    let text = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Jensen, Lars>Hello.</v>\n\n00:00:02.500 --> 00:00:03.000\n<v Lars Jensen-Berg>Hi.</v>\n\n00:00:03.500 --> 00:00:04.000\n<v Lars Jensen>Agreed.</v>\n";
    let f = imported("directory.vtt", text, Kind::WebVtt);
    let names: Vec<&str> = f.contributors.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Lars Jensen", "Lars Jensen-Berg"]);
    let s = sections(&f);
    let turns: Vec<(&str, &str)> = s.iter().map(|(n, ps, _)| (*n, ps[0])).collect();
    assert_eq!(
        turns,
        [("Lars Jensen", "Hello."), ("Lars Jensen-Berg", "Hi."), ("Lars Jensen", "Agreed.")]
    );
}

#[test]
fn youtube_automatic_captions_roll_and_are_said_once() {
    // A cue's first line is a single space, and each cue repeats the line
    // the one before ended with.
    let f = imported("auto.vtt", &fixture("youtube-auto.vtt"), Kind::WebVtt);
    let s = sections(&f);
    assert_eq!(s, [("Speaker", vec!["hi everyone welcome back to the channel"], vec!["00:00:00"])]);
    // Without word timings, a line said twice is said twice.
    let text = "WEBVTT\n\n00:01.000 --> 00:02.000\nNo.\n\n00:02.000 --> 00:03.000\nNo.\n";
    assert_eq!(said(&import(text, Kind::WebVtt, "t").expect("imports")), "No. No.");
}

#[test]
fn a_clock_time_is_no_speaker_label() {
    // `Recess 10:30` is neither an Otter.ai label (one space before the
    // time) nor `Recess 10` saying `30`: a line of the turn it is in.
    // Nor is `10:30 AM, Jane: hi` a turn of `AM, Jane`.
    for line in
        ["Recess 10:30", "Recess at 10:30 a.m.", "Back at 14:05: the vote", "10:30 AM, Jane: hi"]
    {
        let text = format!("JONES: We begin.\n{line}\nSMITH: We resume.\n");
        let f = imported("recess.txt", &text, Kind::Transcript);
        let s = sections(&f);
        let names: Vec<&str> = s.iter().map(|(n, _, _)| *n).collect();
        assert_eq!(names, ["JONES", "SMITH"], "{line}");
        assert_eq!(s[0].1, [format!("We begin. {line}")], "{line}");
    }
    // Labels with digits, and times before or after a label, still are.
    let text = "Speaker 1: hi\nQ: 10:30?\nMR. SMITH: At 10:30.\n[00:01:02] Speaker 2: Yes.\nSpeaker 1 [1:02:03]: Then.\n";
    let f = imported("labels.txt", text, Kind::Transcript);
    let s = sections(&f);
    let got: Vec<(&str, &str, &str)> =
        s.iter().map(|(n, ps, ts)| (*n, ps[0], ts.first().copied().unwrap_or_default())).collect();
    assert_eq!(
        got,
        [
            ("Speaker 1", "hi", ""),
            ("Q", "10:30?", ""),
            ("MR. SMITH", "At 10:30.", ""),
            ("Speaker 2", "Yes.", "00:01:02"),
            ("Speaker 1", "Then.", "1:02:03")
        ]
    );
}
