//! Large transcripts are imported streaming (`crosstalk import FILE -o
//! OUT`): the file written is byte for byte what the in-memory import
//! writes, and the errors are its errors — on every fixture, on edge cases
//! (CRLF, a BOM, bad UTF-8, subtitles, a silent moderator), on random
//! transcript-like text, and through the binary on a generated 20 MB
//! transcript.

mod common;

use std::fs;
use std::path::Path;

use common::cli::{run, stderr, temp};
use crosstalk::import::Kind;
use crosstalk::model::Conversation;
use crosstalk::store::{self, LoadError, Streamed, Target};
use proptest::prelude::*;

/// What an import says on standard error: its notes and its summary.
fn said(summary: &crosstalk::import::Summary, notes: &[crosstalk::import::Note]) -> String {
    notes.iter().map(|n| format!("note: {n}\n")).collect::<String>() + &summary.to_string()
}

/// What the in-memory import writes and what it says, or its error.
fn in_memory(path: &Path, kind: Option<Kind>) -> Result<(String, String), String> {
    let (file, notes) = store::import_file_named(path, kind, &[]).map_err(|e| e.to_string())?;
    Conversation::new(file.clone()).map_err(|source| {
        LoadError::Invalid { path: path.display().to_string(), source }.to_string()
    })?;
    let summary = said(&crosstalk::import::Summary::of(&file), &notes);
    Ok((store::to_ron(&file).expect("serialises"), summary))
}

/// What the streaming import writes and the summary it prints, or its
/// error; `None` when it leaves the file to the in-memory import.
fn streamed(path: &Path, kind: Option<Kind>) -> Option<Result<(String, String), String>> {
    let out = path.with_extension("out.ron");
    let _ = fs::remove_file(&out);
    let result = store::import_streaming(path, kind, Target::File(&out), &mut |_, _, _| {});
    let written = fs::read_to_string(&out).ok();
    // To a stream (standard output to a pipe): the same, and nothing written on an error.
    let mut piped = Vec::new();
    let target = Target::Stream { out: &mut piped, name: "out" };
    let again = store::import_streaming(path, kind, target, &mut |_, _, _| {});
    assert_eq!(format!("{result:?}"), format!("{again:?}").replace("\"out\"", &format!("{out:?}")));
    assert_eq!(written.as_deref().unwrap_or_default().as_bytes(), piped);
    match result {
        Ok(Streamed::Written(notes, summary)) => {
            Some(Ok((written.expect("written"), said(&summary, &notes))))
        }
        Ok(Streamed::InMemory) => {
            assert_eq!(written, None);
            None
        }
        Err(e) => {
            assert_eq!(written, None, "nothing is written on an error");
            Some(Err(e.to_string()))
        }
    }
}

/// Both imports of `bytes` agree, as the kind given and as sniffed; returns
/// whether the streaming one did the work.
fn agree(dir: &Path, bytes: &[u8]) -> bool {
    let path = dir.join("talk.txt");
    fs::write(&path, bytes).expect("write");
    let mut streams = true;
    for kind in [Some(Kind::Transcript), None] {
        match streamed(&path, kind) {
            Some(s) => assert_eq!(
                s,
                in_memory(&path, kind),
                "{kind:?}: {:?}",
                String::from_utf8_lossy(bytes)
            ),
            None => streams = false,
        }
    }
    streams
}

fn fixtures() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/transcripts");
    // The UTF-8 transcripts: subtitles and UTF-16 are read in memory.
    let mut all: Vec<(String, Vec<u8>)> = fs::read_dir(&dir)
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .filter(|p| !p.display().to_string().contains("utf16"))
        .map(|p| (p.display().to_string(), fs::read(&p).expect("read")))
        .collect();
    all.sort();
    assert!(all.len() >= 5);
    all
}

#[test]
fn every_fixture_streams_to_the_same_file() {
    let dir = temp("stream", "fixtures");
    for (name, bytes) in fixtures() {
        let text = String::from_utf8(bytes).expect("UTF-8");
        let crlf = text.replace('\n', "\r\n");
        let bom = format!("\u{feff}{crlf}");
        let unterminated = text.trim_end_matches('\n').to_owned();
        for variant in [&text, &crlf, &bom, &unterminated] {
            assert!(agree(&dir, variant.as_bytes()), "{name} streams");
            let out = dir.join("talk.out.ron");
            assert!(fs::read_to_string(&out).is_ok_and(|s| s.starts_with('(')), "{name}");
        }
    }
}

#[test]
fn edge_cases_give_the_same_file_or_error() {
    let dir = temp("stream", "edges");
    let long_digits = "7".repeat(300);
    let long_webvtt = format!("WEBVTT {}", "x".repeat(300));
    let long_timing = format!("00:00:01,000 --> 00:00:02,000 {}", "y".repeat(300));
    let long_line = format!("ALICE: {}", "word ".repeat(2000));
    let big = format!("ALICE: {}“\"#", "wörd ".repeat(30_000));
    let cases: Vec<Vec<u8>> = [
        "",
        "\n\n  \n",
        "# Title only\n",
        "#  \nALICE: hi\n",
        "Title: \nALICE: hi\n",
        "Moderator: Ann Lee\nBOB: hi\n",
        "Moderator: Ann Lee\nANN LEE: Welcome.\nBOB: hi\n",
        "Moderator: mod (Ann Lee; Radio)\nAnn Lee: Welcome.\n",
        "Id: not an id\nALICE: hi\n",
        // A select committee's panels before the first question.
        "Witnesses\n\nI: Professor Chris Whitty, Chief Medical Officer.\n\nII: Dame Jenny Harries.\n\nQ1 Chair: Hi.\nWhitty: Yes.\n",
        "Witnesses: Professor Whitty and Dame Jenny Harries.\nI: Ana Lee, Director.\nQ1 Chair: Hi.\n",
        "Members: We agree.\nChair: Carried.\n",
        // Front matter: read for the title and metadata, or (turns, not
        // closed, too long) as lines.
        "---\ntitle: 'Focus group 3'\ndate: 2026-02-11\ntags: [fg]\n---\n\nMODERATOR: Welcome.\nALICE: Hi.\n",
        "\u{feff}---\ntitle: T\n...\n# Own title\nALICE: Hi.\n",
        "---\nALICE: Hi.\nBOB: Hello.\n---\nALICE: Again.\n",
        "---\ntitle: never closed\nALICE: Hi.\n",
        // Underlined speakers after front matter (counted from after it).
        "---\ntitle: Interview\n---\nAda Okafor\n----------\n\nHello there.\n\nBo Lee\n------\n\nThanks.\n",
        // Names above their text under underlined parts' titles; a chat
        // between rules; two titles.
        "Part One\n--------\n\nINTERVIEWER\nTell me.\n\nRESPONDENT\nA nurse.\n\nPart Two\n--------\n\nINTERVIEWER\nHow long?\n",
        "---\nalice: hey\nbob: hi there\n---\nalice: how are you\nbob: good\n",
        "---\ntitle: Raw\n---\n\n# Cooked\n\nMODERATOR: Welcome.\nP1: Thanks.\n",
        // Names underlined over prose only: Markdown (read in memory).
        "Ada Okafor\n----------\n\nThank you all for coming.\n\nBo Lee\n------\n\nThe data question.\n",
        // Parts' titles underlined over turns: a transcript.
        "Opening\n-------\n\nSMITH: Order.\nJONES: Thanks.\n\nQuestions\n---------\n\nSMITH: Why?\n",
        // A list set off with labels inside a turn, after a blank line, and
        // at the end.
        "Ann: Hi.\n\nBob: Three:\nHousing: we x.\nWork: The y.\n\nAnn: So?\n\nBob: Yes.\n\nAnn: Ok.\n\nBob: No.\n",
        "Ann: Hi.\n\nBob: Three:\n\nHousing: we x.\n\nAnn: So?\n\nBob: Yes.\n\nAnn: Ok.\n\nBob: No.\n\nBob: so:\nWork: the y.\nSchools: z",
        // Whisper's times with no speakers: the same error, and its hint.
        "[00:00:00.000 --> 00:00:04.560]  Good evening.\n[00:00:04.560 --> 00:00:09.880]  Before we begin.\n\u{feff}[00:00:09.880 --> 00:00:14.200]  Our first speaker.\n",
        "\u{feff}[00:00:00.000 --> 00:00:04.560]  Good evening.\n[00:00:04.560 --> 00:00:09.880]  Before we begin.\n[00:00:09.880 --> 00:00:14.200]  Our first speaker.\n\nx\ny\n",
        "Date: 2020-13-01\nDate: September\nALICE: hi\n",
        // A transcriber's header block: keys of a few words, a line naming
        // the interview (the title where none is given), a first question
        // without a full stop.
        "Interview: Dr. Amara Okafor\nDate of interview: 12/03/2024\nYears of experience: 12\n\nInterviewer: the library\nAmara Okafor: Yes.\n",
        "# Given\nInterview: Dr. Amara Okafor\nLocation of interview: home\nALICE: hi\n",
        "Speakers: Interviewer, Respondent\nInterviewer: Hi.\nSpeakers: we agree.\n",
        "CASE: I want to add this.\nTom: Yes.\nCASE: Next?\n",
        // Numbered titles, lists of names a line each, a subject questioned.
        "Focus Group 2: Parents\nDate: May\n\nMODERATOR: Hi.\nP1: Hello.\n",
        "Episode 42: Why Do Cities Flood?\nDate: May\nHOST: Hi.\n",
        "Attendees:\nJane Doe\n\n- John Smith (chair)\nDate: May\nJANE DOE: Hi.\nJOHN SMITH: Yes.\n",
        "Attendees:\nJane Doe\nThe board met.\nJane Doe\nJANE DOE: Hi.\n",
        "Attendees:\nJANE DOE: Hi.\n",
        "Present:\nAnn Lee",
        "SUBJECT: I want a lawyer.\nDETECTIVE: No.\n",
        "Title: Study\nCohort: B\nDate: 2024-02-20\n\nI: Hi.\nR: Yes.\n",
        "Shift: nights\nDate: 2024-02-20\nI: Hi.\n",
        "Date: 2024-02-20\nAnn: Coffee shop downtown\nBob: Yes.\n",
        "Date: 2024-02-20\n\nAnn: Coffee shop downtown\nDate: later\nBob: Yes.\n",
        "Fecha: 2024-02-20\nTítulo: Grupo\nArm: control\n",
        "Officer: Full name\nSubject: Daniel Okafor\nOfficer: Address\nSubject: 14 Elm\n",
        "Title: F\nSubject: What makes a good teacher?\nDate: 2024-02-02\n\nModerator: Hi.\n",
        "Date: 2024-02-02\nMEMBERS:\nAye.\nCHAIR:\nNo.\n",
        "Attendees:\nThe board met.\nMODERATOR: Hi.\n",
        "Interview 22\nRecorded 3 May 2023\n\nINTERVIEWER\nSo?\n\nPARTICIPANT\nYes.\n\nINTERVIEWER\nAnd?\n\nPARTICIPANT\nNo.\n",
        "Interviewer: Hello Mrs Jones, thank you for seeing me today\nMrs Jones: Hello.\n",
        "Interviewer: a member of the team\nDate of interview: 5 May 2020\n\nInterviewer: Where?\nTom: Leeds.\n",
        "Interviewer: the library\n\nTom: Yes.\n",
        "Participant: female, 45, teacher\nDate of interview: 12/03/2019\n\nInterviewer: Hello.\nParticipant: Hi.\n",
        "Participant: female, 45, teacher\nInterviewer: Hello.\n",
        "Participant: female, 45, teacher",
        "HOST: Maria Lopez, welcome to the show\nGUEST: Thanks Sarah, great to be here\n",
        "Interviewerin: Erzählen Sie mal...\nHans: Ja.\n",
        "Interviewer: the library",
        "Interview: OH-1\nTitle: Real\nHost: Dana Fox\nEpisode 4: Roads\nALICE: hi\n",
        "ALICE:\nBOB: x\n",
        "ALICE [00:01]:\n\nfirst\nwrapped\n\nsecond\nBOB: x\nALICE:",
        "[music]\n(applause)\nALICE [1:02:03]: hi\n",
        "[music]\nALICE:\ntext\n",
        "some prose first.\nALICE: hi\n",
        "ALICE: hi\r",
        "ALICE: hi\r\r\nmore\rtext\n",
        "ALICE: a \"quoted\" \\ back\\slash \"# raw\"## end\nBOB: ok\n",
        "ALICE: x\n## heading\n",
        "\u{feff}\u{feff}# Two BOMs\nALICE: x\n",
        // Labels surname first, described, unnamed, or a hearing's with a period.
        "Jensen, Lars   0:03\nHi.\n\nP2 (female, 34): x\nUnidentified male: y\n  Mr. SMITH. z\nwrapped\n",
        // Teams' front matter and its lines as transcription starts and
        // stops; Otter.ai's closing line after them.
        "Budget review\nMarch 5, 2024, 1:03PM\n32m 10s\n\nJensen, Lars started transcription\n\nJensen, Lars   0:03\nGood morning.\n\nOkafor, Daniel   0:07\nYes.\nJensen, Lars stopped transcription\n",
        "Priya Raman  0:02\nHi.\nJensen, Lars stopped transcription\nTranscribed by https://otter.ai\n",
        // Google Meet's time marks; a title after a first line that is none.
        "00:00:00\n\nJane Smith: Hello.\nDaniel Okafor: Yes.\n00:05:00\nmore\n\n00:06:00\nLars Jensen: One more.\n",
        "Jane: a\n00:05:00\nb\nc\nJane: d\n00:07:00\n",
        "00:00:01\n# Not a title\nALICE: hi\n",
        "Lars Jensen started transcription\n# Not a title\nALICE: hi\n",
        // Bracketed time marks, time ranges, a name and a bracketed time.
        "[00:00:00]\nJANE SMITH: Hello.\n\n[00:00:44]\nBOB JONES: Yes.\n(00:01:00)\nmore\n",
        "Danyel Fisher (00:00:08.000)\nI wanted.\n\nDana Bettinger [00:16]\nSafari?\nDanyel Fisher (00:20)\nYes.\nDana Bettinger [00:25]\n",
        "Intro (00:00)\nWelcome.\nDanyel Fisher (00:08)\nHi.\nDanyel Fisher (00:09)\nAgain.\n",
        "[00:00:15 → 00:01:02] Chris Moore: Welcome.\n[00:01:05 --> 00:01:45] Student A: Maps.\n",
        "Plan - Jan 29\n---\n0:00 - Jane Smith (Acme)\n  So.\n\n0:55 - Lars Jensen\n  Yes.\n10:30 - the meeting starts.\n",
        // Fathom's label only above an indented line: an agenda is text,
        // before the first speaker, in a turn, after a gap, at the end.
        "9:00 - Opening Remarks\n9:15 - Keynote\n\nJane: Agenda:\n10:00 - Panel\n\n11:00 - Closing\n0:55 - Lars Jensen\n\u{feff}  Yes.\n1:00 - Jane Smith\n",
        "0:00 - Jane Smith\n  Hi.\n1:00 - Lars Jensen\n\n  Hi.\n2:00 - Jane Smith\n  \n  Bye.\n",
        "# Title\n0:00 - Jane Smith\n\tHi.\nTranscribed by https://otter.ai\n",
        // Lowercase labels: speakers where one opens two lines or more.
        "interviewer: so tell me.\nparticipant: well.\ninterviewer: how long?\nparticipant: ten years.\n",
        "bell hooks: Love.\nCornel West: Indeed.\nbell hooks: And a choice.\n[00:01] bell hooks (cont'd): yes\nnote: a\nnote: b\n",
        "\u{feff}interviewer: a\n\u{feff}interviewer: b\n",
        // Times of day on a 12-hour clock; a title with one is text.
        "10:30 AM Jane Smith: Good morning.\n[10:31 AM] Bob Lee: Morning.\n2:05pm - Jane Smith: Go.\n",
        "10:30 AM (Jane Smith): Hello.\n10:31 AM | John: hey\n10:32 AM—Jane Smith: ok\n",
        "JANE: The schedule was:\n9:00 AM, Arrival: coffee\n10:30 AM, Tour: the mill\nJOHN: Right.\n",
        "10:30 AM, Jane: hi\n10:31 AM, John: hello\nJANE: ok\n",
        "Interviewer: Do Van Minh, field researcher\n\nINTERVIEWER: Born?\nNARRATOR: Dayton.\n",
        "Moderator: Welcome Everyone\n\nMODERATOR: Let us start.\nP1: Hi.\n",
        "Title: Interview 7\nInterviewer: jane doe\nDate: 2021-04-02\n\nI: Where?\nP: Dayton.\n",
        "Moderator: Hello, welcome to the group\n\nMODERATOR: Welcome.\nP1: Hi.\n",
        "Board of Directors — Regular Meeting\t7:00 PM\n\nCHAIR: Order.\nSMITH: Present.\n[Lunch] 12:30 p.m.\n",
        "Jane Smith (10:30 AM)\nHi.\nBob Lee (10:31 AM)\nHello.\nJane Smith (10:32 AM)\nBye.\n",
        // A title set out as an Otter.ai label, above the first label or
        // the end; a label whose text comes after blank lines.
        "Weekly Sync  10:30\n\nJane Smith  0:05\nOkay.\n\nBob Lee  0:12\nYes.\n",
        "Weekly Sync  10:30\n\n\n",
        "Weekly Sync  10:30\n\nTranscribed by https://otter.ai\n",
        "Title  1:00\nJane Smith  0:05\n\n\nBob Lee  0:07\nHi\n",
        "\u{feff}Weekly Sync  10:30\n\u{feff}\nJane Smith  0:05\nOk\n[Lunch]  1:00\n\n",
        "[Zoom Sync] 10:30\n\n[Jane Smith] 10:31\nHi\nJane Smith  0:05\n\n0:00 - Lars Jensen\n  Hi.\n",
        "# T\nWeekly Sync  10:30\nDate: 2020\nJane Smith  0:05\n\nOk\n",
        // A role first, speaking or named; the moderator named, or not
        // among the labels (a header fact then).
        "Moderator: Jane Doe, presiding\n\nCHAIR: Order.\nP1: Hi.\n",
        "Moderator: Dr. Jane Doe\n\nDR. DOE: Welcome.\nSMITH: Thanks.\nDOE: Go on.\n",
        "Moderator: Sarah Kim\n\nMODERATOR: Welcome.\nMR. KIM: Thanks.\nMR. KIM: More.\n",
        "INTERVIEWEE:\n\nIs this thing on?\nINTERVIEWER: Yes.\n",
        // A time above a name with a blank line between: its gap is the
        // name's only (a time alone later in a turn is text).
        "0:03\n\nPriya Raman\n\nWe left at\n12:00\nand came back.\n\n0:09\n\nTom Becker\n\nWhy?\n\n0:15\n\nPriya Raman\n\nThe bus.\n",
        "Moderator: Good evening everyone and welcome\nP1: Hi.\nModerator: Go on.\n",
        "Moderator: Jane Doe\n\nMODERATOR: Welcome, everyone.\nP1: Hi.\nMODERATOR: Go on.\n",
        "Interviewer: Jane Doe, graduate student\nDate: March 3, 1998\n\nINTERVIEWER: Born?\nNARRATOR: Dayton.\n",
        "Interviewer: so tell me about the farm\nParticipant: well.\nInterviewer: and then\n",
        "Interviewer: Dr. Jane Doe\nDate: 2020-09-25\nJANE: Shall we?\nBOB: Yes.\n",
        "Host: Program:\n9:00-10:00 Keynote: Dr. Jane Doe\nGuest: Thanks.\n",
        "Intro (00:00)\nHost: Welcome.\nThe Farm [12:30]\nGuest: Yes.\nDanyel Fisher (00:00:08)\n",
        "Program\n9:00 - Opening Remarks\n    Chair welcomes.\nChair: Begin.\n0:00 - Jane Smith\n  Hi.\n9:00 - Lars Jensen\n  Later.\n",
        "Alice: I asked.\nand then: nothing.\nBob: Really?\nand then: nothing again.\nmailto:a@b.c\nmailto:b@b.c\n",
        "Jane Smith: The banner said:\nThis editable transcript was computer generated and might contain errors.\nDan: Odd.\n",
        // Google Meet's disclaimer, first or last, and how long it ran.
        "This editable transcript was computer generated and might contain errors.\n# Not a title\nJane Smith: Hello.\nMeeting ended after 00:04:19 👋\n\nThis editable transcript was computer generated and might contain errors. People can also change the text after it was created.\n",
        // A line of only a byte order mark before the title, or after
        // Otter.ai's closing line.
        "\u{feff}\u{feff}\n# Budget meeting\nAna: Hello.\n",
        "\n\u{feff}\n# Budget meeting\nAna: Hello.\n",
        "Kwame Mensah  0:02\nHi.\nTranscribed by https://otter.ai\n\u{feff}\n",
        "Kwame Mensah  0:02\nHi.\n\u{feff}Transcribed by https://otter.ai\n",
        // Files joined, each with its byte order mark.
        "Maria: Hello.\n\n\u{feff}Jon: I was pasted.\n\u{feff}more\nMaria: Thanks.\n",
        // Names alone above their text (Otter.ai without times): a name
        // before a blank line, another name, the end, or a line of a turn
        // going on is text.
        "Priya Raman\nOkay.\n\nTom Becker\nSure.\n\nPriya Raman\nGood.\nTranscribed by https://otter.ai\n",
        "Jane Smith\n\nHello.\n\nJohn Doe\nHi.\n\nJane Smith\nBye.\n\nJohn Doe\n",
        "Jane Smith\nJohn Doe\nHi.\n\nJohn Doe\nYes.\n\nJane Smith\nOk.\n",
        "Priya Raman\n\n00:03\nHi.\n\nTom Becker\n\n\nSure.\n\nPriya Raman\n\nOk.\n\nTom Becker\n",
        "Priya Raman\n\n\u{feff}\nHi.\nTom Becker\n\nSure.\n\nPriya Raman\n\nTom Becker\n\nOk.\n",
        "Jane Smith\nHi.\nJohn Doe\nHey.\n\nJohn Doe\nYes.\n\nJane Smith\nOk.\n",
        "# Title\nDate: 2020-01-01\n\nInterviewer\nSo.\n\nNarrator\n00:05:00\nWell.\n\nInterviewer\nAnd?\n",
        "\u{feff}Jane Smith\n\u{feff}Hi.\n\nJohn Doe\nYes: quite.\n\nJane Smith\nJOHN: no\n\nJohn Doe\nOk.\n",
        // A role alone on the first line: the next line that is not
        // blank says whether it speaks.
        "INTERVIEWER:\n\nThanks.\n\nRESPONDENT:\nOk.\n",
        "Moderator:\n\n\nMODERATOR: Welcome.\nP1: Hi.\n",
        "Interviewer:\n\n",
        "Interviewer:\n\nDate: 2020-01-01\nJANE: hi\n",
        "\u{feff}Interviewer:\n\u{feff}\nSo.\nJANE: hi\n",
        "WEBVTT\n\n00:00.000 --> 00:01.000\nhi\n",
        "1\n00:00:01,000 --> 00:00:02,000\nhi\n",
        "PK\u{3}\u{4}rest",
        "ALICE: nul \0 here\n",
        "SMITH: One.\nMR. SMITH: Two.\nJANE SMITH: Three.\nMS. SMITH: Four.\n",
        // Wrapped CJK lines join without a space; next to Latin text, with one.
        "王芳：谢谢。\n我想先说\n两点。\nOK\n好\n[资料]\n",
        "[music]\n王芳：\n（開会）\n谢谢\n",
        // `First:` inside a turn of a transcript labelled in capitals is text.
        "JONES: Hi.\nSMITH: Two points.\nFirst: the data.\nSecond:\nJONES: ok\nSmith: x\nFirst: y\n\nFirst: z\n",
        "SMITH:\nFirst: a\nJONES: b\nSMITH: c\nNote: d\n",
    ]
    .iter()
    .map(|s| s.as_bytes().to_vec())
    .chain([
        b"ALICE: caf\xe9\n".to_vec(),
        b"\xEF\xBB\xBFALICE: ok\nBOB: \xff\n".to_vec(),
        b"\xFF\xFEA\0:\0".to_vec(),
        b"\xe9\0\0binary".to_vec(),
        format!("{long_digits}\n00:00:01,000 --> 00:00:02,000\nhi\n").into_bytes(),
        format!("1\n{long_timing}\nhi\n").into_bytes(),
        format!("{long_webvtt}\nALICE: hi\n").into_bytes(),
        long_line.clone().into_bytes(),
        // Paragraphs long enough to be kept in the buffer they were read into.
        format!("[music]\r\n{big}\r\nBOB:\r\n{big}\r\n{big}\r\n\r\n{big}\r\nBOB: x").into_bytes(),
        format!("ALICE [00:01]:\n{big}\n\nshort\n{big}\nALICE: {big}\nBOB: {big}").into_bytes(),
        format!("{long_line}\n{}\n", "and more ".repeat(3000)).into_bytes(),
        format!("王芳：{}\n{}\nok\n", "谢谢。".repeat(30_000), "两点".repeat(30_000)).into_bytes(),
    ])
    .collect();
    for case in cases {
        agree(&dir, &case);
    }
}

/// A chat export is read by its own reader, in memory, however long its
/// first line (the streaming pass keeps only its start for sniffing) and
/// however many marks open it (as subtitles are, whatever kind is asked
/// for).
#[test]
fn chat_exports_are_left_to_the_in_memory_import() {
    let dir = temp("stream", "chats");
    let long = "word ".repeat(200);
    let chats = [
        "12/03/2024, 09:16 - Ana Lima: Hi\n12/03/2024, 09:17 - Ben: Hello\nmore\n".to_owned(),
        "[12/03/2024, 09:16:02] Ana Lima: Hi\n".to_owned(),
        format!("12/03/2024, 09:16 - Ana Lima: {long}\n12/03/2024, 09:17 - Ben: Hello\n"),
        format!("{}[3/12/24, 9:16:02{}PM] Ana: {long}\n", "\u{200e}".repeat(40), '\u{202f}'),
        format!("10:30:15\t From  Ana Lima : {long}\n10:31:02\t From  Bob : Hi\n"),
        "\n  {\"name\": \"G\", \"messages\": [{\"id\": 1, \"type\": \"message\", \"date\": \"2024-03-12T19:05:40\", \"from\": \"Ana\", \"text\": \"Hi\"}]}\n".to_owned(),
    ];
    // A sender's end at the edge of what is judged: a chat either way,
    // or neither, alike.
    // (78 characters of 3 bytes, then spaces: the sender stays short
    // enough while its end moves past the edge.)
    let mut chats_seen = [false; 2];
    for spaces in 0..20 {
        let name = format!("{}{}", "王".repeat(78), " ".repeat(spaces));
        let line = format!("10:30:15\t From {name} : {long}\n");
        let path = dir.join("edge.txt");
        fs::write(&path, &line).expect("write");
        let whole = crosstalk::import::detect(&line) == Kind::Chat;
        chats_seen[usize::from(whole)] = true;
        assert_eq!(streamed(&path, None).is_none(), whole, "{spaces}");
    }
    assert_eq!(chats_seen, [true, true], "the edge is crossed");
    // A Telegram export's `"messages"` at the edge of the first 4 KiB,
    // after a name of two-byte letters (cut in the middle of one, or not).
    let mut chats_seen = [false; 2];
    for pad in 0..24 {
        let name = format!("{}{}", " ".repeat(pad), "é".repeat(2030));
        let json = format!(
            "{{\"name\": \"{name}\", \"messages\": [{{\"id\": 1, \"type\": \"message\", \"date\": \"2024-03-12T19:05:40\", \"from\": \"Ana\", \"text\": \"Hi\"}}]}}"
        );
        let path = dir.join("edge.json");
        fs::write(&path, &json).expect("write");
        let whole = crosstalk::import::detect(&json) == Kind::Chat;
        chats_seen[usize::from(whole)] = true;
        assert_eq!(streamed(&path, None).is_none(), whole, "{pad}");
    }
    assert_eq!(chats_seen, [true, true], "the edge is crossed");
    for chat in &chats {
        let path = dir.join("talk.txt");
        fs::write(&path, chat).expect("write");
        assert!(streamed(&path, None).is_none(), "{chat:?}");
        let (ron, _) = in_memory(&path, None).expect("a chat");
        let doc = store::parse_conversation(&ron, "talk").expect("parses");
        assert!(doc.contributors[0].name.starts_with("Ana"), "read as a chat: {ron}");
        let dated = !chat.contains(" From ") || chat.contains("\"date\"");
        let head = doc.sections[0].paragraphs.get(0).is_some_and(|p| p.is_head());
        assert_eq!(head, dated, "the date opens a WhatsApp chat: {ron}");
        assert!(!agree(&dir, chat.as_bytes()), "{chat:?}");
    }
}

/// Lines a transcript is made of, and some it should not hold.
fn line() -> impl Strategy<Value = String> {
    let name = prop::sample::select(vec![
        "ALICE",
        "BOB",
        "MR. SMITH",
        "Smith",
        "DR. Jane Smith",
        "Q",
        "A",
        "名字",
        "First",
        "JONES",
        "Moderator",
        "Title",
        "Date",
        "Location",
        "Id",
        "Source",
        // A select committee's numbered question; parliaments' labels.
        "Q12 Aaron Bell",
        "Q3 Title",
        "1. Ann Lee (Leeds) (Lab)",
        "Q2. [900456] Ann Lee (Leeds) (Lab)",
        "Mr. Nebenzia (Russian Federation) (spoke in Russian)",
        "The Minister for Trade (Ann Lee)",
        // A transcriber's header keys, and a role that is one.
        "Interview",
        "Date of interview",
        "Years of experience",
        "Interviewer",
    ]);
    let text = prop::sample::select(vec![
        "",
        "the library",
        "Dr. Amara Okafor",
        "hi.",
        "Yes — jobs.",
        "a \"quote\" and \\ a #",
        "2020-09-25",
        "Room 2",
        "x y",
        "(laughter) indeed",
        "Ann (Radio; X)",
        "谢谢。",
        "两点 x",
        // f4transkript's and MAXQDA's stamps, at the end and alone.
        "so it was. #00:00:05-2#",
        "#00:01:02-3#",
        // A paragraph to a line, as a web page's text has them.
        "We requested this meeting because the situation is catastrophic, and the Council cannot stay silent any longer.",
        "and then it went on, as a wrapped line would, past the hundred characters that no transcript wraps at.",
    ]);
    let time = prop::sample::select(vec!["", "00:01:02", "1:02", "12:00:01.5"]);
    prop_oneof![
        4 => (name.clone(), text.clone(), time.clone(), 0..4usize).prop_map(|(n, t, time, form)| {
            match (form, time.is_empty()) {
                (1, false) => format!("[{time}] {n}: {t}"),
                (2, false) => format!("{n} [{time}]: {t}"),
                (3, _) => format!("{n} (continuing)： {t}"),
                (0, false) if time == "00:01:02" => format!("#{time}-4# {n}: {t}"),
                _ => format!("{n}: {t}"),
            }
        }),
        2 => text.prop_map(|t| format!("  {t}  ")),
        2 => Just(String::new()),
        1 => prop::sample::select(vec!["[music]", "(applause)", "# Title", "## Head", "some prose"])
            .prop_map(str::to_owned),
        // Front matter's (on the first line, and further down).
        1 => prop::sample::select(vec!["---", "title: \"T: one\"", "tags: [a, b]", "  - item", "..."])
            .prop_map(str::to_owned),
        // Parliaments' own: the European Parliament's dash, members together.
        1 => prop::sample::select(vec![
            "President. – The next item.",
            "Ursula von der Leyen, President of the Commission. – Madam President.",
            "Some hon. members: Hear, hear!",
            "IN THE CHAIR: OTHMAR KARAS",
            "Witnesses",
            "I: Professor Chris Whitty, Chief Medical Officer.",
            "II: Dame Jenny Harries, Chief Executive.",
        ])
        .prop_map(str::to_owned),
        // A name alone on its line, as Otter.ai writes one without times.
        1 => name.prop_map(str::to_owned),
        1 => "[a-zA-Z \t.:\\[\\]()\"\\\\]{0,12}",
    ]
}

/// Lines of a transcript whose names stand alone above their text, as
/// Otter.ai exports it without times, with some that are not names.
fn names_above() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(vec!["Priya Raman", "Tom Becker", "INTERVIEWER", "Speaker 1", "Okay", "Dr. Lee (Acme)"])
            .prop_map(str::to_owned),
        2 => prop::sample::select(vec!["00:00:03 Speaker 1", "[00:01.5] - Tom Becker", "Priya Raman 0:03", "Tom Becker - 10:02 AM", "Summary", "INTERVIEWER:", "Never", "Priya\tHi.", "00:00:06\tTom Becker\tYes.", "Tom Becker\t00:00:06\tYes.", "Q. Why?", "A. So.", "Tom Becker [00:00:03] Ok.", "**Priya:** Hi", "[SPEAKER_00]: Hi"])
            .prop_map(str::to_owned),
        3 => prop::sample::select(vec!["Hello.", "so tell me", "Yes: quite.", "[laughs]", "00:05:00", "0:07", "谢谢。"])
            .prop_map(str::to_owned),
        3 => Just(String::new()),
        1 => prop::sample::select(vec!["JANE: hi", "Transcribed by https://otter.ai", "# T", "Date: 2020-01-01"])
            .prop_map(str::to_owned),
    ]
}

/// A turn of a transcript with no blank lines: a name alone (sometimes
/// with a time beside or above it), then lines of text that end a sentence or run on, or
/// something else now and then.
fn tight_turn() -> impl Strategy<Value = String> {
    let name = prop::sample::select(vec![
        "Interviewer",
        "Respondent",
        "Ana Lima",
        "Speaker 1 00:03",
        "Header: x",
        "ACT I",
        "0:03\nInterviewer",
        "0:0:3.39 --> 0:0:8.21\nRespondent",
        "[00:00:07]\n\nAna Lima",
        "0:09",
    ]);
    let line = prop::sample::select(vec![
        "Yes.",
        "We met in",
        "May.",
        "and then?",
        "Then it rained!",
        "“Quite.”",
        "谢谢。",
        "00:05:00",
        "",
    ]);
    (name, prop::collection::vec(line, 1..4)).prop_map(|(name, lines)| {
        let mut turn = format!("{name}\n");
        for l in lines {
            turn.push_str(l);
            turn.push('\n');
        }
        turn
    })
}

/// Lines of an interview whose turns are set apart by blank lines, with
/// lists set off with labels inside them (`Housing: we needed…`), people
/// who speak once, and lines ending in `:` before them.
fn listed_line() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "\nInterviewer: What happened?",
            "\nMaria: There were three, really.",
            "\nMaria: Three things:",
            "\nInterviewer: And?",
            "\nMaria: Yes.",
        ]),
        3 => prop::sample::select(vec![
            "Housing: we needed a flat.",
            "Work: The papers.",
            "Schools: the children waited.",
            "Husband: yes I was.",
            "P7: yeah",
            "Dr. Ruiz: indeed",
            "[00:01:02] Ana: same",
            "Date: 2020-01-01",
            "Housing: again, twice.",
        ]),
        1 => prop::sample::select(vec!["", "and then it rained", "The end:", "[music]"]),
        // Bulleted and numbered lists.
        1 => prop::sample::select(vec!["- a flat", "• papers", "1. we looked", "2) we paid", "-5 out"]),
    ]
    .prop_map(str::to_owned)
}

/// Lines of a hearing's record as govinfo.gov gives it as text: labels
/// in mixed case or capitals opening indented paragraphs, wrapped lines,
/// headings in capitals, front matter, and speech that looks like a label.
fn record_line() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "    Chairman Graham. The hearing will come to order.",
            "    Mr. Wray. Yes, Senator.",
            "    Senator Feinstein. Why?",
            "    Mr. SMITH. I yield.",
            "    The Chairman. Order.",
            "    Ms. Jackson Lee. Thank you.",
        ]).prop_map(str::to_owned),
        3 => prop::sample::select(vec![
            "more of the same paragraph.",
            "--and on.",
            "    A paragraph of its own.",
            "    [Laughter.]",
            "    Mr. Chairman. I yield back.",
            "Mr. Wray. Not indented.",
        ]).prop_map(str::to_owned),
        2 => prop::sample::select(vec![
            "    STATEMENT OF HON. JOHN DOE, DIRECTOR,",
            "                 FEDERAL BUREAU OF INVESTIGATION",
            " OPENING STATEMENT OF HON. JANE ROE",
            "INVESTIGATION, WASHINGTON",
            "                  A P P E N D I X",
            "    NO.",
        ]).prop_map(str::to_owned),
        2 => Just(String::new()),
        1 => prop::sample::select(vec![
            "[Senate Hearing 116-1]",
            "                                HEARING",
            "ALICE: hi",
            "    ____________",
        ]).prop_map(str::to_owned),
        // A deposition's examination.
        2 => prop::sample::select(vec![
            "BY MR. HARRIS:",
            "     Q.   Why?",
            "     A.   Because.",
            "                EXAMINATION",
            "          MS. LEE:  Objection.",
        ]).prop_map(str::to_owned),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn random_hearing_records_agree(lines in prop::collection::vec(record_line(), 0..24)) {
        let dir = temp("stream", "record");
        agree(&dir, lines.join("\n").as_bytes());
    }

    #[test]
    fn random_interviews_with_lists_agree(lines in prop::collection::vec(listed_line(), 0..24)) {
        let dir = temp("stream", "lists");
        agree(&dir, lines.join("\n").as_bytes());
    }

    #[test]
    fn random_names_above_text_agree(lines in prop::collection::vec(names_above(), 0..16)) {
        let dir = temp("stream", "above");
        agree(&dir, lines.join("\n").as_bytes());
    }

    #[test]
    fn random_names_with_no_blank_lines_agree(
        lines in prop::collection::vec(names_above().prop_filter("a line", |l| !l.is_empty()), 4..16),
        turns in prop::collection::vec(tight_turn(), 3..9),
    ) {
        let dir = temp("stream", "tight");
        agree(&dir, lines.join("\n").as_bytes());
        agree(&dir, turns.concat().as_bytes());
    }

    #[test]
    fn random_transcripts_agree(
        lines in prop::collection::vec(line(), 0..14),
        crlf in any::<bool>(),
        bom in any::<bool>(),
        end in any::<bool>(),
    ) {
        let dir = temp("stream", "random");
        let mut text = if bom { "\u{feff}".to_owned() } else { String::new() };
        text.push_str(&lines.join(if crlf { "\r\n" } else { "\n" }));
        if end {
            text.push('\n');
        }
        agree(&dir, text.as_bytes());
    }
}

#[test]
fn a_20_mb_transcript_imports_through_the_binary() {
    let dir = temp("stream", "big");
    let input = dir.join("big.txt");
    let mut file = std::io::BufWriter::new(fs::File::create(&input).expect("create"));
    common::big_transcript::write(&mut file, 20_000_000, 7).expect("generate");
    drop(file);
    let out = dir.join("big.ron");
    let o = run(&["import", &input.display().to_string(), "-o", &out.display().to_string()], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = fs::read_to_string(&input).expect("read");
    let want = crosstalk::import::import(&text, Kind::Transcript, "big").expect("imports");
    // Not a terminal: no status line; the summary, as the in-memory
    // import would count it.
    let summary = crosstalk::import::Summary::of(&want);
    assert_eq!(stderr(&o), format!("crosstalk: {}: {summary}\n", input.display()));
    let written = fs::read_to_string(&out).expect("written");
    assert!(written == store::to_ron(&want).expect("ron"), "the same file as in memory");
    // And to standard output, a pipe here.
    let o = run(&["import", &input.display().to_string()], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(o.stdout == written.as_bytes(), "the same on standard output");
    // 45 MB: not left behind.
    drop(dir);
    assert_eq!(want.contributors.len(), 200);
    assert_eq!(want.title, "A Long Hearing");
}

#[test]
fn a_failed_import_leaves_the_old_file() {
    let dir = temp("stream", "failed");
    let input = dir.join("talk.txt");
    fs::write(&input, "ALICE: hi\nBOB:\n").expect("write");
    let out = dir.join("talk.ron");
    fs::write(&out, "old").expect("write");
    let o = run(
        &["import", &input.display().to_string(), "-o", &out.display().to_string(), "--force"],
        &dir,
    );
    assert!(!o.status.success());
    assert!(stderr(&o).contains("talk.txt:2: \"BOB\" has a speaker but no text"), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(&out).expect("kept"), "old");
    let names: Vec<String> = fs::read_dir(&dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "no temporary file left: {names:?}");
}

#[test]
#[ignore = "writes a 100 MB one-line transcript; run with --release to see its speed"]
fn a_100_mb_line_imports() {
    let dir = temp("stream", "line");
    let input = dir.join("line.txt");
    let line = format!("ALICE: {}\n", "word ".repeat(20_000_000));
    fs::write(&input, &line).expect("write");
    let out = dir.join("line.ron");
    let o = run(&["import", &input.display().to_string(), "-o", &out.display().to_string()], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    let doc = store::load_conversation(&out).expect("loads");
    assert_eq!(doc.sections[0].paragraphs[0].text().len(), line.trim().len() - "ALICE: ".len());
}
