//! Transcripts as people have them (issue 13): honorifics, `(continuing)`,
//! full-width colons and CRLF, wrapped lines, stage directions, a header
//! block, timestamps, one person under several labels — and nothing dropped.

mod common;

use common::cli::{run, stderr, temp};
use common::turns::{expect, sections};
use std::collections::HashMap;

use crosstalk::import::{Kind, import};
use crosstalk::model::ConversationFile;

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/transcripts/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).expect("fixture")
}

fn imported(name: &str) -> ConversationFile {
    let f = import(&fixture(name), Kind::Transcript, "t").expect("imports");
    let doc = crosstalk::model::Conversation::new(f.clone()).expect("valid");
    // And it survives the Markdown round trip exactly: brackets, times,
    // header metadata and all.
    let md = crosstalk::export::markdown::conversation(&doc);
    assert_eq!(import(&md, Kind::Markdown, "t").expect("markdown"), doc.to_file());
    f
}

/// Through the binary: `crosstalk import FILE -o OUT.ron`.
fn through_binary(name: &str) -> ConversationFile {
    let dir = temp("transcripts", name);
    let input = dir.join(name);
    std::fs::write(&input, fixture(name)).expect("write");
    let out = dir.join("out.ron");
    let o = run(&["import", &input.display().to_string(), "-o", &out.display().to_string()], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    let doc = crosstalk::store::load_conversation(&out).expect("a conversation file");
    doc.to_file()
}

/// Every non-whitespace character of the input, after removing `labels`
/// (speaker labels, metadata keys) and colons, is somewhere in `f`.
fn nothing_dropped(input: &str, f: &ConversationFile, labels: &[&str]) {
    let mut rest = input.to_owned();
    for l in labels {
        rest = rest.replace(l, "");
    }
    let mut have: HashMap<char, i64> = HashMap::new();
    let out = [&f.title, &f.subtitle, &f.date, &f.source]
        .into_iter()
        .cloned()
        .chain(f.metadata.iter().flat_map(|(k, v)| [k.clone(), v.clone()]))
        .chain(f.sections.iter().flat_map(|s| s.times.clone()))
        .chain(f.contributors.iter().map(|c| c.name.clone()))
        .chain(f.sections.iter().flat_map(|s| s.paragraphs.clone()))
        .chain(f.intro.iter().cloned())
        .collect::<Vec<String>>()
        .concat();
    for c in out.chars() {
        *have.entry(c).or_default() += 1;
    }
    for c in rest.chars().filter(|c| !c.is_whitespace() && !matches!(c, ':' | '：')) {
        let n = have.entry(c).or_default();
        *n -= 1;
        assert!(*n >= 0, "{c:?} of the input is not in the conversation");
    }
}

#[test]
fn a_hearing_with_honorifics_continuing_stage_directions_and_a_header() {
    let f = imported("hearing.txt");
    assert_eq!(f.title, "Oversight of Data Brokers");
    assert_eq!(f.date, "2020-09-25");
    assert_eq!(f.subtitle, "");
    assert_eq!(f.metadata, pairs(&[("Time", "10:30"), ("Location", "Room 2")]));
    expect(
        &f,
        &[
            ("SEN. WARREN", &["The hearing will come to order. [crosstalk]"]),
            (
                "MR. SMITH",
                &[
                    "Thank you, Senator. I want to begin with the data itself.",
                    "It moves between brokers (laughter) faster than rules.",
                ],
            ),
            ("REP. OCASIO-CORTEZ", &["Who buys it?"]),
            ("MR. SMITH", &["Anyone who pays. [inaudible]"]),
            ("DR. Jane Smith", &["I disagree with Mr. Smith.", "Only in part."]),
            ("PROF. Lee", &["And the courts?"]),
            ("Hon. Patel", &["Later."]),
            ("MS. JONES", &["Let me add one thing."]),
            ("MR. SMITH", &["Briefly."]),
        ],
    );
    let ids: Vec<&str> = f.contributors.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "sen-warren",
            "mr-smith",
            "rep-ocasio-cortez",
            "dr-jane-smith",
            "prof-lee",
            "hon-patel",
            "ms-jones"
        ]
    );
    let labels = [
        "SEN. WARREN",
        "MR. SMITH",
        "REP. OCASIO-CORTEZ",
        "SMITH (continuing)",
        "DR. Jane Smith",
        "Jane Smith (cont'd)",
        "PROF. Lee",
        "Hon. Patel",
        "MS. JONES",
        "Mr. Smith:",
        "Title",
        "Date",
    ];
    nothing_dropped(&fixture("hearing.txt"), &f, &labels);
    assert_eq!(through_binary("hearing.txt"), f_with_id(f, "hearing"));
}

fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
    p.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
}

fn f_with_id(mut f: ConversationFile, id: &str) -> ConversationFile {
    f.id = id.to_owned();
    f
}

#[test]
fn an_interview_with_q_and_a_and_numbered_speakers() {
    let f = imported("interview.txt");
    assert_eq!(f.title, "Oral history, tape 3");
    assert_eq!(f.metadata, pairs(&[("Interviewer", "Ada Moderator"), ("Recorded", "Spring 2019")]));
    expect(
        &f,
        &[
            ("Q", &["Where did you grow up?"]),
            ("A", &["In a small town near the river. (pause)"]),
            ("Q", &["And then?"]),
            ("SPEAKER 1", &["I moved away."]),
            ("SPEAKER 2", &["We all did."]),
        ],
    );
    nothing_dropped(&fixture("interview.txt"), &f, &["Q:", "A:", "SPEAKER 1", "SPEAKER 2", "#"]);
}

#[test]
fn an_interview_opened_by_the_interviewer_speaking_unpunctuated() {
    // Auto-transcribed speech often has no full stop: the first line is
    // the interviewer's first turn, not a header naming the interviewer.
    for (text, interviewer, participant) in [
        (
            "Interviewer: so tell me about the farm\nParticipant: well it was my father's\nInterviewer: and then\nParticipant: ten years\n",
            "Interviewer",
            "Participant",
        ),
        (
            "interviewer: so tell me about the farm\nparticipant: well it was my father's\ninterviewer: and then\nparticipant: ten years\n",
            "interviewer",
            "participant",
        ),
    ] {
        let f = import(text, Kind::Transcript, "t").expect("imports");
        assert!(f.metadata.is_empty(), "{:?}", f.metadata);
        expect(
            &f,
            &[
                (interviewer, &["so tell me about the farm"]),
                (participant, &["well it was my father's"]),
                (interviewer, &["and then"]),
                (participant, &["ten years"]),
            ],
        );
    }
}

#[test]
fn a_transcribers_header_block_is_kept_as_metadata_not_speakers() {
    // Each of these made its keys speakers (`Interview ID 1 turn, Date of
    // Interview 1, …`), and the lines after the first became its text or
    // the introduction, joined into one paragraph.
    let body = "\n\nInterviewer: Could you start by telling me about your work?\n\nRespondent: Of course. I run a small clinic.\n\nInterviewer: What changed?\n\nRespondent: Everything, honestly.\n";
    for (head, title, metadata) in [
        (
            "Interview: Dr. Amara Okafor\nDate: 12 March 2024\nLocation: Lagos",
            "Interview: Dr. Amara Okafor",
            &[("Date", "12 March 2024"), ("Location", "Lagos")][..],
        ),
        (
            "Interview ID: 12\nDate of Interview: 3 May 2023\nLocation of interview: Participant's home\nLength of interview: 52 min\nTranscribed by: A. Jones",
            "t",
            &[
                ("Interview ID", "12"),
                ("Date of Interview", "3 May 2023"),
                ("Location of interview", "Participant's home"),
                ("Length of interview", "52 min"),
                ("Transcribed by", "A. Jones"),
            ][..],
        ),
        (
            "File: interview_03.mp3\nDuration: 00:47:12\nSpeakers: Interviewer, Respondent",
            "t",
            &[
                ("File", "interview_03.mp3"),
                ("Duration", "00:47:12"),
                ("Speakers", "Interviewer, Respondent"),
            ][..],
        ),
        (
            "Participant ID: P07\nOccupation: nurse\nYears of experience: 12\nCountry: Kenya\nInterview No.: 4",
            "t",
            &[
                ("Participant ID", "P07"),
                ("Occupation", "nurse"),
                ("Years of experience", "12"),
                ("Country", "Kenya"),
                ("Interview No.", "4"),
            ][..],
        ),
        // A title given is kept; the line naming the meeting is metadata.
        (
            "# Weekly sync\nMeeting: Team B\nAttendees: Jane Doe, John Smith",
            "Weekly sync",
            &[("Meeting", "Team B"), ("Attendees", "Jane Doe, John Smith")][..],
        ),
    ] {
        let text = format!("{head}{body}");
        let f = import(&text, Kind::Transcript, "t").expect("imports");
        assert_eq!(f.title, title, "{head}");
        assert_eq!(f.metadata, pairs(metadata), "{head}");
        assert!(f.intro.is_empty(), "{head}: {:?}", f.intro);
        expect(
            &f,
            &[
                ("Interviewer", &["Could you start by telling me about your work?"]),
                ("Respondent", &["Of course. I run a small clinic."]),
                ("Interviewer", &["What changed?"]),
                ("Respondent", &["Everything, honestly."]),
            ],
        );
    }
}

#[test]
fn numbered_titles_lists_of_names_and_other_languages_head_the_block() {
    // Each made its first line a speaker, the `Date:` below it another;
    // the names below `Attendees:` were a turn of a speaker "Attendees".
    let body =
        "\n\nMODERATOR: Welcome, everyone. Shall we start?\n\nP1: I'm Sarah, I have two kids.\n";
    for (head, title, metadata) in [
        (
            "Focus Group 2: Parents\nDate: 12 March 2024\nLocation: Community hall",
            "Focus Group 2: Parents",
            &[("Date", "12 March 2024"), ("Location", "Community hall")][..],
        ),
        (
            "Episode #42: Sleep\nDate: 12 March 2024",
            "Episode #42: Sleep",
            &[("Date", "12 March 2024")],
        ),
        ("Interview No. 3: Leeds\nDate: May", "Interview No. 3: Leeds", &[("Date", "May")]),
        // A numbered title is no speaker whatever follows it.
        (
            "Episode 42: Why Do Cities Flood?\nDate: 12 March 2024",
            "Episode 42: Why Do Cities Flood?",
            &[("Date", "12 March 2024")],
        ),
        (
            "インタビュー：山田花子\n日付：2024年3月12日",
            "インタビュー: 山田花子",
            &[("日付", "2024年3月12日")],
        ),
        // The names of a list, a line each, bulleted or not; the list ends
        // at a line that is none.
        (
            "Attendees:\nJane Doe\nJohn Smith (chair)\n- Dr. Mary Major, Leeds",
            "t",
            &[("Attendees", "Jane Doe; John Smith (chair); Dr. Mary Major, Leeds")],
        ),
        (
            "Present:\n\n1. Cllr Ann Lee\n2. Cllr Bo Chan\n\nDate: 2024-03-12",
            "t",
            &[("Present", "Cllr Ann Lee; Cllr Bo Chan")],
        ),
    ] {
        let text = format!("{head}{body}");
        let f = import(&text, Kind::Transcript, "t").expect("imports");
        assert_eq!(f.title, title, "{head}");
        assert_eq!(f.metadata, pairs(metadata), "{head}");
        assert!(f.intro.is_empty(), "{head}: {:?}", f.intro);
        expect(
            &f,
            &[
                ("MODERATOR", &["Welcome, everyone. Shall we start?"]),
                ("P1", &["I'm Sarah, I have two kids."]),
            ],
        );
    }
    // What follows a list's key that is no name is the introduction.
    let f = import(&format!("Attendees:\nThe board met at ten.{body}"), Kind::Transcript, "t")
        .expect("imports");
    assert!(f.metadata.is_empty(), "{:?}", f.metadata);
    assert_eq!(f.intro, ["The board met at ten."]);
    assert_eq!(f.sections.len(), 2);
}

#[test]
fn an_interviewer_greeting_the_interviewee_by_name_is_the_first_turn() {
    // It was kept as a header fact naming the interviewer, unsaid.
    let text = "Interviewer: Hello Mrs Jones, thank you for seeing me today\nMrs Jones: You are welcome.\nInterviewer: Shall we start?\n";
    let f = import(text, Kind::Transcript, "t").expect("imports");
    assert!(f.metadata.is_empty(), "{:?}", f.metadata);
    expect(
        &f,
        &[
            ("Interviewer", &["Hello Mrs Jones, thank you for seeing me today"]),
            ("Mrs Jones", &["You are welcome."]),
            ("Interviewer", &["Shall we start?"]),
        ],
    );
}

#[test]
fn a_key_no_list_has_amid_header_lines_is_one_and_a_first_turn_is_not() {
    // `Cohort: B` below `Title:` made itself, `Date:` and `Location:`
    // speakers, the date lost; `Título:` and `Fecha:` did the same.
    let body = "\n\nINTERVIEWER: Welcome. Shall we start?\n\nRESPONDENT: Yes, sure.\n";
    for (head, title, date, metadata) in [
        (
            "Title: Caregivers study\nCohort: B\nDate: 2024-02-20\nLocation: Leeds",
            "Caregivers study",
            "2024-02-20",
            &[("Cohort", "B"), ("Location", "Leeds")][..],
        ),
        (
            "Title: Caregivers study\nArm: control group\nDate: 2024-02-20",
            "Caregivers study",
            "2024-02-20",
            &[("Arm", "control group")][..],
        ),
        ("Shift: nights\nDate: 2024-02-20", "t", "2024-02-20", &[("Shift", "nights")][..]),
        (
            "Título: Grupo focal\nFecha: 2024-02-20\nLugar: Madrid",
            "Grupo focal",
            "2024-02-20",
            &[("Lugar", "Madrid")][..],
        ),
    ] {
        let f = import(&format!("{head}{body}"), Kind::Transcript, "t").expect("imports");
        assert_eq!((f.title.as_str(), f.date.as_str()), (title, date), "{head}");
        assert_eq!(f.metadata, pairs(metadata), "{head}");
        expect(
            &f,
            &[("INTERVIEWER", &["Welcome. Shall we start?"]), ("RESPONDENT", &["Yes, sure."])],
        );
    }
    // Below a header line but above a turn, or after a blank line, it is
    // the first turn.
    for text in [
        "Date: 2024-02-20\nAnn: Coffee shop downtown\nBob: Yes.\nAnn: Right.\n",
        "Date: 2024-02-20\n\nAnn: Coffee shop downtown\nDate: later\nBob: Yes.\n",
    ] {
        let f = import(text, Kind::Transcript, "t").expect("imports");
        assert_eq!(f.contributors[0].name, "Ann", "{text}");
        assert_eq!(f.sections[0].paragraphs[0], "Coffee shop downtown", "{text}");
    }
}

#[test]
fn a_subject_questioned_is_a_speaker_and_a_subject_line_a_header() {
    // `SUBJECT: I want a lawyer.` was kept as a header fact, unsaid.
    let f = import(
        "SUBJECT: I want a lawyer.\nDETECTIVE: You are not under arrest.\nSUBJECT: Then I want to leave.\n",
        Kind::Transcript,
        "t",
    )
    .expect("imports");
    assert!(f.metadata.is_empty(), "{:?}", f.metadata);
    expect(
        &f,
        &[
            ("SUBJECT", &["I want a lawyer."]),
            ("DETECTIVE", &["You are not under arrest."]),
            ("SUBJECT", &["Then I want to leave."]),
        ],
    );
    let f = import(
        "Subject: Community gardens\nDate: May\n\nAnn: Hi.\nBo: Hello.\n",
        Kind::Transcript,
        "t",
    )
    .expect("imports");
    assert_eq!(f.metadata, pairs(&[("Subject", "Community gardens"), ("Date", "May")]));
}

#[test]
fn header_keys_a_speaker_may_be_called_are_turns_when_they_speak() {
    // A speaker labelled with a word that is also a header key (`CASE`,
    // `Interview`, `Role`) speaking a sentence is a turn, not a header
    // line, not the title.
    for label in ["CASE", "Interview", "Role", "Position", "Job"] {
        let text = format!(
            "{label}: I want to add something here, and it matters.\nTom: Yes, that is right.\n{label}: Next question, then?\nTom: Sure thing.\n"
        );
        let f = import(&text, Kind::Transcript, "t").expect("imports");
        assert!(f.metadata.is_empty(), "{label}: {:?}", f.metadata);
        assert_eq!(f.title, "t", "{label}");
        assert_eq!(f.sections.len(), 4, "{label}");
    }
    // `Length: Okay` is speech too; `Length: 52 min` a header line.
    let f = import("Length: Okay\nTom: Right.\n", Kind::Transcript, "t").expect("imports");
    assert_eq!(f.sections.len(), 2);
}

#[test]
fn a_header_naming_the_interviewer_says_how_to_name_the_interviewers_turns() {
    let text = "Interviewer: Rita Mendes, PhD student\nDate: 2024-05-01\n\nINTERVIEWER: Where did you grow up?\n\nMargaret: In Leeds.\n";
    let (f, notes) =
        crosstalk::import::import_with_notes(text, Kind::Transcript, "t").expect("imports");
    assert_eq!(f.contributors[0].name, "INTERVIEWER", "the turns keep their label");
    let said: Vec<String> = notes.iter().map(ToString::to_string).collect();
    assert!(
        said.iter().any(|n| n.contains(
            "the header names the interviewer \"Rita Mendes\"; the turns labelled INTERVIEWER keep that label (--speaker \"INTERVIEWER=Rita Mendes\" names them)"
        )),
        "{said:?}"
    );
    // No turn labelled so: nothing to say.
    let text = text.replace("INTERVIEWER:", "Rita:");
    let (_, notes) =
        crosstalk::import::import_with_notes(&text, Kind::Transcript, "t").expect("imports");
    assert!(notes.iter().all(|n| !n.message.contains("the header names")), "{notes:?}");
}

#[test]
fn first_turns_that_open_with_a_greeting_a_name_or_trail_off_stay_turns() {
    // Each was taken for a header line naming the role, its words put in
    // the metadata unsaid (a second review, against the build before).
    for first in [
        "Entrevistadora: Buenos días gracias por venir",
        "Interviewerin: Guten Tag schön dass Sie da sind",
        "Enquêtrice: Bonjour merci d'avoir accepté",
        "Intervistatore: Buongiorno signora Rossi",
        "Interviewerin: Erzählen Sie mal von Ihrer Kindheit...",
        "INTERVIEWER: Mr Okafor, you came to Leeds in 1962...",
        "INTERVIEWER: Margaret, when you first came to the mill --",
        "HOST: Maria Lopez, welcome to the show",
        "HOST: Maria, welcome to the show",
        "GUEST: Thanks Sarah, great to be here",
        "GUEST: Absolutely",
        "CASE: Agreed",
        "MINUTES: Approved as circulated",
        "JOB: Naked came I out of my mother's womb",
    ] {
        let (label, said) = first.split_once(": ").expect("a label");
        let text = format!(
            "Datum: 2001-05-03\n{first}\nTom: Yes.\n{label}: And then?\nTom: Then nothing.\n"
        );
        let f = import(&text, Kind::Transcript, "t").expect("imports");
        // (`Datum`'s ISO date is the conversation's date.)
        assert!(f.metadata.is_empty(), "{first}: {:?}", f.metadata);
        assert_eq!(f.date, "2001-05-03", "{first}");
        expect(
            &f,
            &[
                (label, &[said]),
                ("Tom", &["Yes."]),
                (label, &["And then?"]),
                ("Tom", &["Then nothing."]),
            ],
        );
    }
}

#[test]
fn a_label_numbered_with_no_is_a_label() {
    // `Participant No. 3:` went to the introduction, and its later turns
    // into the turn above them.
    let text = "Participant No. 3: I think it was fine.\nInterviewer: And then?\nParticipant No. 3: Better.\n";
    let f = import(text, Kind::Transcript, "t").expect("imports");
    expect(
        &f,
        &[
            ("Participant No. 3", &["I think it was fine."]),
            ("Interviewer", &["And then?"]),
            ("Participant No. 3", &["Better."]),
        ],
    );
}

#[test]
fn a_participant_described_above_header_lines_is_a_header_line() {
    for (key, who) in [("Participant", "female, 45, teacher"), ("Respondent", "retired miner, 72")]
    {
        let text = format!(
            "{key}: {who}\nDate of interview: 12/03/2019\n\nInterviewer: Hello.\n{key}: Hi.\n"
        );
        let (f, notes) =
            crosstalk::import::import_with_notes(&text, Kind::Transcript, "t").expect("imports");
        assert_eq!(f.metadata, pairs(&[(key, who), ("Date of interview", "12/03/2019")]));
        assert!(notes.iter().all(|n| !n.message.contains("the header names")), "{notes:?}");
        // Above a turn, the same line is the first turn.
        let text = format!("{key}: {who}\nInterviewer: Hello.\n{key}: Hi.\n");
        let f = import(&text, Kind::Transcript, "t").expect("imports");
        assert_eq!(f.metadata, [], "{key}");
        assert_eq!(f.sections.len(), 3, "{key}");
    }
}

#[test]
fn a_role_described_above_header_lines_is_a_header_line() {
    // `Interviewer: a member of the research team` reads as a question put
    // without a full stop, but header lines below it say what it is.
    for who in ["a member of the research team", "the author", "the researcher (PI)"] {
        let text = format!(
            "Interviewer: {who}\nDate of interview: 5 May 2020\nLocation: Leeds\n\nInterviewer: Where were you born?\nTom: In Leeds.\n"
        );
        let f = import(&text, Kind::Transcript, "t").expect("imports");
        assert_eq!(
            f.metadata,
            pairs(&[
                ("Interviewer", who),
                ("Date of interview", "5 May 2020"),
                ("Location", "Leeds")
            ]),
            "{who}"
        );
        expect(&f, &[("Interviewer", &["Where were you born?"]), ("Tom", &["In Leeds."])]);
    }
}

#[test]
fn hosts_guests_numbered_episodes_and_headers_in_other_languages_are_header_lines() {
    /// A header block and its turns; the title; the header facts.
    type Case<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)]);
    let cases: [Case; 4] = [
        (
            "Host: Dana Fox\nGuest: Lena Park\nEpisode 42: Rivers and Roads\nRecorded: January 2024\n\nHost: Welcome to the show.\nGuest: Thanks for having me.\n",
            "Episode 42: Rivers and Roads",
            &[("Host", "Dana Fox"), ("Guest", "Lena Park"), ("Recorded", "January 2024")],
        ),
        (
            "Entrevista: Proyecto Memorias\nFecha: 3 de mayo de 2021\nLugar: Sevilla\nEntrevistadora: Ana Ruiz\nTranscrito por: Luis Gómez\n\nEntrevistadora: ¿Dónde nació usted?\nCarmen: En Sevilla, en 1950.\n",
            "Entrevista: Proyecto Memorias",
            &[
                ("Fecha", "3 de mayo de 2021"),
                ("Lugar", "Sevilla"),
                ("Entrevistadora", "Ana Ruiz"),
                ("Transcrito por", "Luis Gómez"),
            ],
        ),
        (
            "Entretien : Projet Mémoires\nDate de l'entretien : 3 mai 2021\nLieu : Lyon\nEnquêtrice : Claire Martin\n\nEnquêtrice : Où êtes-vous née ?\nMarie : À Lyon.\n",
            "Entretien: Projet Mémoires",
            &[
                ("Date de l'entretien", "3 mai 2021"),
                ("Lieu", "Lyon"),
                ("Enquêtrice", "Claire Martin"),
            ],
        ),
        // A line naming the interview gave the title until `Title:` gave
        // another: it is kept, as a header fact.
        (
            "Interview: OH-2021-014\nTitle: Ruth Kane oral history\nDate: 2021-03-04\n\nInterviewer: Where were you born?\nRuth: In Leeds.\n",
            "Ruth Kane oral history",
            &[("Interview", "OH-2021-014")],
        ),
    ];
    for (text, title, metadata) in cases {
        let f = import(text, Kind::Transcript, "t").expect("imports");
        assert_eq!(f.title, title);
        assert_eq!(f.metadata, pairs(metadata), "{title}");
        assert!(f.intro.is_empty(), "{title}: {:?}", f.intro);
        assert_eq!(f.contributors.len(), 2, "{title}: {:?}", f.contributors);
    }
}

#[test]
fn a_first_question_put_without_a_full_stop_is_a_turn_not_a_header_line() {
    // `Interviewer: the library` was taken for a header line naming the
    // interviewer, and the question was left out of the turns unsaid.
    let text = "Interviewer: the library\n\nParticipant: Yes, I went there most weeks.\n\nInterviewer: And the staff?\n\nParticipant: They were kind.\n";
    let f = import(text, Kind::Transcript, "t").expect("imports");
    assert!(f.metadata.is_empty(), "{:?}", f.metadata);
    expect(
        &f,
        &[
            ("Interviewer", &["the library"]),
            ("Participant", &["Yes, I went there most weeks."]),
            ("Interviewer", &["And the staff?"]),
            ("Participant", &["They were kind."]),
        ],
    );
    // A header line naming the interviewer still is one.
    let named = text.replace("the library", "Jane Doe\nInterviewer: So, the library?");
    let f = import(&named, Kind::Transcript, "t").expect("imports");
    assert_eq!(f.metadata, pairs(&[("Interviewer", "Jane Doe")]));
}

#[test]
fn a_header_naming_the_moderator_names_the_turns_labelled_moderator() {
    let text =
        "Moderator: Jane Doe\n\nMODERATOR: Welcome, everyone.\nP1: Hi.\nMODERATOR: Let us start.\n";
    let f = import(text, Kind::Transcript, "t").expect("imports");
    expect(
        &f,
        &[
            ("Jane Doe", &["Welcome, everyone."]),
            ("P1", &["Hi."]),
            ("Jane Doe", &["Let us start."]),
        ],
    );
    assert_eq!(f.contributors[0].role, crosstalk::model::Role::Moderator);
    // A moderator declared who speaks under no label: a header fact.
    let text = "Moderator: Jane Doe, presiding\n\nCHAIR: Order.\nP1: Hi.\n";
    let f = import(text, Kind::Transcript, "t").expect("imports");
    expect(&f, &[("CHAIR", &["Order."]), ("P1", &["Hi."])]);
    assert_eq!(f.metadata, pairs(&[("Moderator", "Jane Doe, presiding")]));
    // Labels that name the moderator as labels name one person: with
    // their honorific, by surname (were another speaker each).
    for label in ["DR. DOE", "DOE", "JANE DOE", "Dr Doe"] {
        let text = format!(
            "Moderator: Dr. Jane Doe\n\n{label}: Welcome.\nSMITH: Thanks.\n{label}: Go on.\n"
        );
        let f = import(&text, Kind::Transcript, "t").expect("imports");
        expect(
            &f,
            &[
                ("Dr. Jane Doe", &["Welcome."]),
                ("SMITH", &["Thanks."]),
                ("Dr. Jane Doe", &["Go on."]),
            ],
        );
        assert_eq!(f.contributors[0].role, crosstalk::model::Role::Moderator, "{label}");
    }
    // A label with another honorific is someone else.
    let text = "Moderator: Sarah Kim\n\nMODERATOR: Welcome.\nMR. KIM: Thanks.\nMS. PARK: Hi.\nMR. KIM: More.\n";
    let f = import(text, Kind::Transcript, "t").expect("imports");
    let names: Vec<&str> = f.contributors.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Sarah Kim", "MR. KIM", "MS. PARK"]);
    // Roles other than the interviewer's, followed by speech or alone
    // above it, open the first turn too.
    for text in [
        "INTERVIEWEE: Is this thing on?\nINTERVIEWER: Yes.\n",
        "INTERVIEWEE:\nIs this thing on?\nINTERVIEWER: Yes.\n",
    ] {
        let f = import(text, Kind::Transcript, "t").expect("imports");
        expect(&f, &[("INTERVIEWEE", &["Is this thing on?"]), ("INTERVIEWER", &["Yes."])]);
        assert!(f.metadata.is_empty(), "{text}");
    }
    // A surname that is a word of headers elsewhere (`Hora`, Spanish for
    // time) is a speaker's.
    let text = "HORA: Good morning, everyone. Shall we start?\nNOVAK: Yes, please.\n";
    let f = import(text, Kind::Transcript, "t").expect("imports");
    expect(
        &f,
        &[("HORA", &["Good morning, everyone. Shall we start?"]), ("NOVAK", &["Yes, please."])],
    );
    // A surname the moderator shares with a speaker does not name the
    // moderator (among the labels it is the one speaker's, as before).
    let text = "Moderator: Jane Doe\n\nDOE: Welcome.\nJOHN DOE: Thanks.\n";
    let f = import(text, Kind::Transcript, "t").expect("imports");
    let names: Vec<&str> = f.contributors.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["JOHN DOE"]);
    assert_eq!(f.metadata, pairs(&[("Moderator", "Jane Doe")]));
    // The interviewer named stays a header line.
    let text = "Interviewer: Jane Doe, graduate student\nDate: March 3, 1998\n\nINTERVIEWER: Where were you born?\nNARRATOR: Dayton.\n";
    let f = import(text, Kind::Transcript, "t").expect("imports");
    expect(&f, &[("INTERVIEWER", &["Where were you born?"]), ("NARRATOR", &["Dayton."])]);
}

#[test]
fn full_width_colons_and_crlf() {
    let f = imported("chinese.txt");
    assert_eq!(f.title, "座谈会");
    expect(
        &f,
        &[
            ("主持人", &["欢迎大家。"]),
            ("王芳", &["谢谢。我想先说两点。", "第二点。"]),
            ("主持人", &["好的。"]),
        ],
    );
    assert!(f.sections.iter().flat_map(|s| &s.paragraphs).all(|p| !p.contains('\r')));
    nothing_dropped(&fixture("chinese.txt"), &f, &["主持人", "王芳", "#"]);
    assert_eq!(through_binary("chinese.txt"), f_with_id(f, "chinese"));
}

#[test]
fn timestamps_before_or_after_the_name_stay_with_the_text() {
    let f = imported("timestamps.txt");
    expect(
        &f,
        &[
            ("SMITH", &["First."]),
            ("JONES", &["Second."]),
            ("SMITH", &["Third."]),
            ("JONES", &["Fourth."]),
        ],
    );
    let times: Vec<&[String]> = f.sections.iter().map(|s| s.times.as_slice()).collect();
    assert_eq!(times, [["00:01:02"], ["00:01:10"], ["00:01:20"], ["1:02:03"]]);
    // The brackets around a time are markup; the time itself is kept.
    nothing_dropped(&fixture("timestamps.txt"), &f, &["SMITH", "JONES", "[", "]", "(", ")"]);
}

#[test]
fn two_people_who_share_a_surname_stay_apart() {
    let f = imported("two-smiths.txt");
    let names: Vec<&str> = f.contributors.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Mr. Smith", "Ms. Smith", "SMITH"]);
    nothing_dropped(&fixture("two-smiths.txt"), &f, &["Mr. Smith", "Ms. Smith", "SMITH"]);
}

#[test]
fn what_cannot_be_placed_is_an_error_naming_the_line() {
    // Prose before the first turn is the introduction, kept as written
    // (the reader and the CLI make it inert where they show it).
    let f = import(
        "Date: 2020-01-01\nSome prose \u{1b}[2J before anyone speaks.\nA: hi\n",
        Kind::Transcript,
        "t",
    )
    .expect("prose before the first turn");
    assert_eq!(f.intro, ["Some prose \u{1b}[2J before anyone speaks."]);
    assert_eq!(f.date, "2020-01-01");
    let e = import("A: hi\nB:\n", Kind::Transcript, "t").expect_err("no text");
    assert_eq!(e.line, 2);
    // A non-ISO date is kept, as metadata.
    let f = import("Date: Sept. 25, 2020\nA: hi\n", Kind::Transcript, "t").expect("imports");
    assert_eq!(f.date, "");
    assert_eq!(f.metadata, pairs(&[("Date", "Sept. 25, 2020")]));
    // A header key with no value holds nothing, and is not a speaker.
    let f = import("Participants:\nId:\nA: hi\n", Kind::Transcript, "t").expect("imports");
    assert_eq!((f.id.as_str(), f.subtitle.as_str(), f.contributors.len()), ("t", "", 1));
}

/// Who speaks each turn, in order.
fn turns(f: &ConversationFile) -> Vec<String> {
    sections(f).into_iter().map(|(name, _)| name).collect()
}

fn paragraph_count(f: &ConversationFile) -> usize {
    f.sections.iter().map(|s| s.paragraphs.len()).sum()
}

/// Each paragraph's time, in turn order (`""` for none).
fn times(f: &ConversationFile) -> Vec<&str> {
    f.sections
        .iter()
        .flat_map(|s| (0..s.paragraphs.len()).map(|i| s.times.get(i).map_or("", String::as_str)))
        .collect()
}

fn names(f: &ConversationFile) -> Vec<&str> {
    f.contributors.iter().map(|c| c.name.as_str()).collect()
}

#[test]
fn a_congressional_hearing_with_a_header_block_and_timestamps() {
    let f = imported("congress-hearing.txt");
    assert_eq!(f.title, "Protecting Consumer Data on Rural Broadband Networks");
    assert_eq!(f.date, "2023-03-14");
    assert_eq!(
        f.metadata,
        pairs(&[
            ("Time", "10:00 a.m."),
            ("Location", "Room 2123, Rayburn House Office Building"),
            ("Subject", "Hearing before the Subcommittee on Communications and Technology"),
        ])
    );
    let (h, o, d, t) = ("CHAIRMAN HOLLOWAY", "MR. OKAFOR", "MS. DELACROIX", "DR. Tanaka");
    assert_eq!(names(&f), [h, o, d, t]);
    assert_eq!(turns(&f), [h, o, h, d, o, d, t, h, t, o, t, h]);
    assert_eq!(paragraph_count(&f), 14);
    assert_eq!(
        times(&f),
        [
            "00:00:04", "", "00:01:12", "00:01:20", "00:01:31", "", "00:03:02", "00:03:07",
            "00:03:15", "00:03:16", "00:03:18", "00:04:02", "00:04:05", "00:04:40"
        ]
    );
    assert_eq!(
        f.sections[11].paragraphs,
        [
            "The gentleman's time has expired. We stand in recess. [Whereupon, at 11:52 a.m., the subcommittee was adjourned.]"
        ]
    );
    let labels = [h, o, d, t, "Okafor", "Tanaka", "HOLLOWAY", "Title", "Date", "[00:", "]"];
    nothing_dropped(&fixture("congress-hearing.txt"), &f, &labels);
}

#[test]
fn a_focus_group_with_numbered_participants_and_crosstalk() {
    let f = imported("focus-group.txt");
    assert_eq!(f.title, "Focus group 3: public transit and remote work");
    assert_eq!(f.date, "2022-10-05");
    assert_eq!(f.metadata.len(), 2);
    let m = "MODERATOR";
    assert_eq!(names(&f), [m, "P1", "P2", "P3", "P4", "P5", "P6"]);
    let want =
        [m, "P1", "P2", "P3", "P2", "P4", m, "P4", "P5", "P6", "P1", "P5", m, "P6", "P3", "P2"];
    assert_eq!(turns(&f), want);
    assert_eq!(paragraph_count(&f), 18);
    assert!(times(&f).iter().all(|t| t.is_empty()));
    assert_eq!(f.sections[4].paragraphs, ["Right, the bridge. (laughter)"]);
    let labels = [m, "P1", "P2", "P3", "P4", "P5", "P6", "(cont'd)", "#", "Date"];
    nothing_dropped(&fixture("focus-group.txt"), &f, &labels);
}

#[test]
fn a_podcast_with_two_hosts_a_guest_and_bracketed_times() {
    let f = imported("podcast.txt");
    assert_eq!(f.title, "Signal and Noise, episode 88: The library of everything");
    assert_eq!(f.metadata, pairs(&[("Recorded", "2024-01-19"), ("Duration", "00:41:17")]));
    let (m, t, i) = ("Maya Chen", "Theo Park", "Ines Alvarez");
    assert_eq!(names(&f), [m, t, i]);
    assert_eq!(turns(&f), [m, t, m, i, t, i, m, i, t, i, m, i, t]);
    assert_eq!(paragraph_count(&f), 14);
    assert_eq!(
        times(&f),
        [
            "00:00:00", "00:00:03", "00:00:11", "00:00:13", "00:00:17", "00:00:25", "", "00:12:03",
            "00:12:10", "00:12:21", "00:12:22", "00:40:58", "00:41:01", "00:41:03"
        ]
    );
    nothing_dropped(&fixture("podcast.txt"), &f, &[m, t, i, "#", "[00:", "]"]);
}

#[test]
fn an_oral_history_in_questions_and_answers() {
    let f = imported("oral-history.txt");
    assert_eq!(f.title, "Oral history: Rosa Valdez, cannery worker");
    let keys: Vec<&str> = f.metadata.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["Interviewer", "Recorded", "Transcribed"]);
    assert_eq!(names(&f), ["Q", "A"]);
    assert_eq!(turns(&f), ["Q", "A", "Q", "A", "Q", "A", "Q", "A", "Q", "A", "Q", "A"]);
    // The pause and what follows it are paragraphs of their own.
    assert_eq!(paragraph_count(&f), 14);
    assert_eq!(f.sections[3].paragraphs[1], "(pause)");
    assert!(times(&f).iter().all(|t| t.is_empty()));
    nothing_dropped(&fixture("oral-history.txt"), &f, &["Q:", "A:", "#"]);
}

#[test]
fn japanese_with_full_width_colons_continuing_and_stage_directions() {
    let f = imported("japanese.txt");
    assert_eq!(f.title, "地域防災についての座談会");
    let (s, t, z) = ("司会", "田中", "鈴木");
    assert_eq!(names(&f), [s, t, z]);
    // Names with no Latin letters are spelt in Latin for their ids (they
    // were `speaker`, `speaker-2`, … until 6 December 2026).
    let ids: Vec<&str> = f.contributors.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["si-hui", "tian-zhong", "ling-mu"]);
    assert_eq!(turns(&f), [s, t, z, s, t, z, t, s, z, s]);
    assert_eq!(paragraph_count(&f), 13);
    // A full-width stage direction before the first turn opens it.
    assert_eq!(f.sections[0].paragraphs[0], "（開会）");
    assert_eq!(f.sections[6].paragraphs, ["名簿の更新が追いつかないんです。 [資料を配布]"]);
    let labels = [s, t, z, "(cont'd)", "(continuing)", "#"];
    nothing_dropped(&fixture("japanese.txt"), &f, &labels);
}

#[test]
fn first_and_second_inside_a_turn_of_a_capitals_transcript_are_text() {
    let text = "JONES: Welcome.\nSMITH: Two points.\nFirst: the data.\nSecond: the rules.\nJONES: Agreed.\nSmith: Thanks.\nJONES: Also\nNote: later.\n";
    let f = import(text, Kind::Transcript, "t").expect("imports");
    expect(
        &f,
        &[
            ("JONES", &["Welcome."]),
            ("SMITH", &["Two points. First: the data. Second: the rules."]),
            ("JONES", &["Agreed."]),
            // A known speaker in another case is that speaker.
            ("SMITH", &["Thanks."]),
            ("JONES", &["Also Note: later."]),
        ],
    );
    // After a blank line, or with mixed-case labels, or with one speaker
    // labelled so far, `Word:` with a capital after starts a turn as before
    // (with lowercase after, see the test of asides below).
    for text in [
        "SMITH: a\nJONES: b\n\nFirst: C\n",
        "Smith: a\nJONES: b\nFirst: C\n",
        "SMITH: a\nFirst: C\n",
    ] {
        let f = import(text, Kind::Transcript, "t").expect("imports");
        assert!(f.contributors.iter().any(|c| c.name == "First"), "{text:?}");
    }
}

#[test]
fn a_byte_order_mark_inside_the_file_hides_no_label() {
    // Two files joined, each saved with its byte order mark.
    let text =
        "Maria: Hello.\n\n\u{feff}Jon: I was pasted from another file.\n\u{feff}Maria: Thanks.\n";
    let f = import(text, Kind::Transcript, "t").expect("imports");
    expect(
        &f,
        &[
            ("Maria", &["Hello."]),
            ("Jon", &["I was pasted from another file."]),
            ("Maria", &["Thanks."]),
        ],
    );
}

#[test]
fn labels_with_a_comma_a_description_or_no_name_are_speakers() {
    // Each had been read as the text of the turn before it.
    let text = "Moderator: Welcome. Lars, you first.\nJensen, Lars: Thank you. I will be brief.\nSen. Elizabeth Warren (D-MA): Who buys the data?\nDaniel Okafor, Jr.: Brokers do.\nUnidentified male: Can I add something?\nJensen, Lars: Please.\n";
    let f = import(text, Kind::Transcript, "t").expect("imports");
    expect(
        &f,
        &[
            ("Moderator", &["Welcome. Lars, you first."]),
            ("Jensen, Lars", &["Thank you. I will be brief."]),
            ("Sen. Elizabeth Warren (D-MA)", &["Who buys the data?"]),
            ("Daniel Okafor, Jr.", &["Brokers do."]),
            ("Unidentified male", &["Can I add something?"]),
            ("Jensen, Lars", &["Please."]),
        ],
    );
    // Teams' .docx layout, surname first: name, time, the text below.
    let text = "Jensen, Lars   0:03\nGood morning, can you hear me?\n\nOkafor, Daniel   0:07\nYes, loud and clear.\n";
    let f = import(text, Kind::Transcript, "t").expect("imports");
    expect(
        &f,
        &[
            ("Jensen, Lars", &["Good morning, can you hear me?"]),
            ("Okafor, Daniel", &["Yes, loud and clear."]),
        ],
    );
    assert_eq!(times(&f), ["0:03", "0:07"]);
}

#[test]
fn a_hearing_as_the_government_publishing_office_prints_it() {
    // Labels end in a period; a paragraph's first line is indented, its
    // wrapped lines are not.
    let text = "    The CHAIRMAN. The Committee will come to order. Today we\nconsider the nomination of Jane Smith.\n    Senator WARREN. Thank you, Mr. Chairman. Ms. Smith,\nwelcome.\n    Ms. SMITH. Thank you, Senator.\n    Mrs. MALONEY of New York. Will the gentlewoman yield?\n    Ms. SMITH. I yield.\n";
    let f = import(text, Kind::Transcript, "t").expect("imports");
    expect(
        &f,
        &[
            (
                "The CHAIRMAN",
                &[
                    "The Committee will come to order. Today we consider the nomination of Jane Smith.",
                ],
            ),
            ("Senator WARREN", &["Thank you, Mr. Chairman. Ms. Smith, welcome."]),
            ("Ms. SMITH", &["Thank you, Senator."]),
            ("Mrs. MALONEY of New York", &["Will the gentlewoman yield?"]),
            ("Ms. SMITH", &["I yield."]),
        ],
    );
    nothing_dropped(
        text,
        &f,
        &["The CHAIRMAN.", "Senator WARREN.", "Ms. SMITH.", "Mrs. MALONEY of New York."],
    );
}

#[test]
fn a_hearing_as_govinfo_gives_it_as_text_in_mixed_case() {
    // govinfo.gov's text of a hearing: names in mixed case (`Chairman
    // Hawley.`), paragraphs indented with no blank line between, headings
    // in capitals before a witness's statement, the front matter first.
    let f = imported("govinfo-hearing.txt");
    let (h, d, l) = ("Chairman Hawley", "Senator Durbin", "Dr. Lovelace-Ng");
    assert_eq!(names(&f), [h, d, l]);
    assert_eq!(turns(&f), [h, d, h, l, h, l, d, l, h]);
    expect(
        &f,
        &[
            (
                h,
                &[
                    "The Subcommittee will come to order. Today we examine what two popular applications do with the data of American users, and what the Government may do about it.",
                    "Our witness has studied the question for a decade. Senator Durbin, would you like to say a few words?",
                ],
            ),
            (
                d,
                &[
                    // The heading before a statement opens it, in its
                    // speaker's voice.
                    "OPENING STATEMENT OF HON. RICHARD J. DURBIN, A U.S. SENATOR FROM THE STATE OF ILLINOIS",
                    "Thank you, Mr. Chairman. I share the concern-- but a ban is a blunt instrument, and the courts have said so twice.",
                    // `Mr. Chairman.` opening a paragraph is speech.
                    "Mr. Chairman. I ask that my full statement be made part of the record.",
                ],
            ),
            (h, &["Without objection."]),
            (
                l,
                &[
                    "STATEMENT OF DR. ADA LOVELACE-NG, SENIOR FELLOW, CENTER FOR DIGITAL POLICY, WASHINGTON, DC",
                    "Chairman Hawley, Ranking Member Durbin, thank you for the invitation.",
                    "The risks are real. The U.S. response should be rules that apply to every company, not to two of them.",
                    "[The prepared statement of Dr. Lovelace-Ng appears as a submission for the record.]",
                ],
            ),
            (h, &["Thank you. Dr. Lovelace-Ng, who holds the data today?"]),
            (l, &["Servers in Virginia and Singapore, Senator, by the company's own account."]),
            (d, &["And who can compel it?"]),
            (l, &["That is the question--and no one outside the company can yet answer it."]),
            (
                h,
                &[
                    "The hearing is adjourned.",
                    "[Whereupon, at 11:42 a.m., the hearing was adjourned.]",
                    // What follows the hearing stays, in the last voice.
                    "A P P E N D I X",
                    "Prepared Statement of Dr. Ada Lovelace-Ng",
                    "The applications collect location, contacts and keystroke timing.",
                ],
            ),
        ],
    );
    // The bracketed lines above the front matter are the front matter's,
    // not the first turn's.
    assert_eq!(f.intro[0], "[Senate Hearing 116-900] [From the U.S. Government Publishing Office]");
    assert!(
        f.intro.iter().any(|p| p == "FOREIGN APPS AND AMERICAN DATA SECURITY"),
        "{:?}",
        f.intro
    );
    let labels = ["Chairman Hawley.", "Senator Durbin.", "Dr. Lovelace-Ng.", h, d, l];
    nothing_dropped(&fixture("govinfo-hearing.txt"), &f, &labels);
    // The same through the binary (its streaming import).
    let mut named = f_with_id(f, "govinfo-hearing");
    named.title = "govinfo-hearing".to_owned();
    assert_eq!(through_binary("govinfo-hearing.txt"), named);
}

#[test]
fn list_items_in_a_turn_are_paragraphs_of_their_own() {
    // A bulleted or numbered line opened no paragraph: the items ran
    // together into the line above them (`needed: - a flat … - papers`).
    let f = imported("lists.txt");
    expect(
        &f,
        &[
            ("Interviewer", &["What did you need when you arrived?"]),
            (
                "Maria",
                &[
                    "There were three things we needed:",
                    "- a flat near the school, which took us months to find",
                    "- papers for work",
                    "• a doctor who spoke Spanish",
                ],
            ),
            ("Interviewer", &["And the flat?"]),
            (
                "Maria",
                &[
                    "First, the flat:",
                    "1. we looked for months",
                    "2. we paid too much -5 degrees that winter, and the heating broke.",
                ],
            ),
            ("Interviewer", &["How old were you?"]),
            // Wrapped mid-sentence, a line opening with a number or a dash
            // goes on: no list opens there.
            (
                "Maria",
                &[
                    "I was ten and my brother was 12. Then my mother came, and prices were high - higher than at home - so we moved. Two reasons: 1) the cost and 2) the time.",
                ],
            ),
        ],
    );
    nothing_dropped(&fixture("lists.txt"), &f, &["Interviewer:", "Maria:"]);
    // Before the first turn too, in the introduction.
    let intro = "Topics for today:\n- housing\n- work\n\nA: Hello.\n\nB: Hi.\n\nA: Bye.\n";
    let g = import(intro, Kind::Transcript, "t").expect("imports");
    assert_eq!(g.intro, ["Topics for today:", "- housing", "- work"]);
    // The same through the binary (its streaming import).
    let mut named = f_with_id(f, "lists");
    named.title = "lists".to_owned();
    assert_eq!(through_binary("lists.txt"), named);
}

#[test]
fn a_transcript_saved_from_word_keeps_a_line_to_a_paragraph() {
    // Word saves each paragraph as one long line. Lines without a label
    // were joined into the paragraph above, so a turn of three paragraphs
    // was one.
    let f = imported("word-saved.txt");
    let maria: Vec<usize> = sections(&f)
        .iter()
        .filter(|(name, _)| name == "Maria")
        .map(|(_, paragraphs)| paragraphs.len())
        .collect();
    assert_eq!(maria, [3, 1], "{:?}", sections(&f));
    assert_eq!(sections(&f)[1].1[2], "So that was the beginning, more or less.");
    nothing_dropped(&fixture("word-saved.txt"), &f, &["Interviewer:", "Maria:", "Date:"]);
    let mut named = f_with_id(f, "word-saved");
    named.title = "word-saved".to_owned();
    assert_eq!(through_binary("word-saved.txt"), named, "the streaming import alike");
    // Wrapped lines, as most transcripts have them, still join; and in a
    // file of long lines, a line that ends mid-sentence (text copied from
    // a wide page) runs on.
    let wrapped = "Maria: It was hard at first, harder than anyone\nhad told us. My cousin helped.\n\nTom: Yes.\n\nMaria: Yes.\n";
    let f = import(wrapped, Kind::Transcript, "t").expect("imports");
    assert_eq!(f.sections[0].paragraphs.len(), 1);
    let long = "x".repeat(170);
    let text = format!(
        "A: {long} and the\nend of it. {long} gov-\nernment.\nNext.\n\nB: {long}\n\nA: ok\n"
    );
    let f = import(&text, Kind::Transcript, "t").expect("imports");
    assert_eq!(f.sections[0].paragraphs.len(), 2, "{:?}", f.sections[0].paragraphs);
    // Wrapped at 120 columns, a long title above does not make it a line
    // to a paragraph.
    let line = "word ".repeat(23);
    let para = format!("{line}\n{line}end.\n{line}\n{line}end.\n");
    let text = format!("{}\n\nMaria: {para}\nTom: Yes.\n\nMaria: {para}", "Title ".repeat(30));
    let f = import(&text, Kind::Transcript, "t").expect("imports");
    assert_eq!(f.sections[0].paragraphs.len(), 1, "{:?}", f.sections[0].paragraphs);
}

#[test]
fn a_depositions_questions_are_the_examiners_and_its_answers_the_witnesss() {
    // `BY MR. HARRIS:` opens an examination: the `Q.` lines are his until
    // the next `BY`, the `A.` lines the witness's (the colloquy's `THE
    // WITNESS`). It was a voice of its own with every question and answer
    // in one paragraph, and `MS. LEE:` joined to `BY MS. LEE`.
    let f = imported("deposition.txt");
    let (h, w, l) = ("MR. HARRIS", "THE WITNESS", "MS. LEE");
    assert_eq!(names(&f), [h, w, l]);
    assert_eq!(turns(&f), [h, w, h, w, l, w, h, w, l, w, h]);
    expect(
        &f,
        &[
            (h, &["Good morning. Please state your name for the record."]),
            (w, &["John Doe."]),
            (h, &["Where do you work?"]),
            (w, &["At Acme, in the data team."]),
            (l, &["Objection, form."]),
            (w, &["I have worked there since 2015."]),
            (h, &["Thank you. Who else works there?"]),
            (w, &["About forty people."]),
            // The heading opens the examination that follows it.
            (l, &["EXAMINATION", "Mr. Doe, one question. Were you paid?"]),
            (w, &["No."]),
            (h, &["Nothing further."]),
        ],
    );
    assert!(f.intro.iter().any(|p| p == "EXAMINATION"), "{:?}", f.intro);
    // Questions and answers with no examiner named stay `Q` and `A`.
    let f = import("Q: Why?\nA: Because.\nQ: And?\n", Kind::Transcript, "t").expect("imports");
    assert_eq!(names(&f), ["Q", "A"]);
}

#[test]
fn parliaments_records_name_their_members_as_they_do() {
    // UK Hansard: an office and its holder, later the name alone; a
    // numbered question on the order paper, its number kept.
    let uk = "Mr Speaker: Order.\n\n1. Rachel Reeves (Leeds West) (Lab): What assessment he has made of inflation. [900123]\n\nThe Chancellor of the Exchequer (Jeremy Hunt): Inflation has fallen.\n\nQ2. [900456] Rachel Reeves (Leeds West) (Lab): Has it?\n\nJeremy Hunt: It has.\n\nThe Minister for Trade: I agree.\n";
    let f = import(uk, Kind::Transcript, "t").expect("imports");
    let (s, r, h, m) = (
        "Mr Speaker",
        "Rachel Reeves (Leeds West) (Lab)",
        "The Chancellor of the Exchequer (Jeremy Hunt)",
        "The Minister for Trade",
    );
    assert_eq!(names(&f), [s, r, h, m]);
    assert_eq!(turns(&f), [s, r, h, r, h, m]);
    assert_eq!(f.sections[1].paragraphs, ["1. What assessment he has made of inflation. [900123]"]);
    assert_eq!(f.sections[3].paragraphs, ["Q2. [900456] Has it?"]);
    // Australia's and Canada's: the seat and office, long.
    let au = "The SPEAKER: Order!\nMr DUTTON (Dickson—Leader of the Opposition) (14:00): My question is to the Prime Minister.\nHon. Chrystia Freeland (Deputy Prime Minister and Minister of Finance, Lib.): Mr. Speaker, inflation is down.\n";
    let f = import(au, Kind::Transcript, "t").expect("imports");
    assert_eq!(
        names(&f),
        [
            "The SPEAKER",
            "Mr DUTTON (Dickson—Leader of the Opposition)",
            "Hon. Chrystia Freeland (Deputy Prime Minister and Minister of Finance, Lib.)"
        ]
    );
    assert_eq!(f.sections[1].times, ["14:00"]);
    // The UN's: the language spoken is the speech's.
    let un = "The President: I give the floor to the representative of the Russian Federation.\nMr. Nebenzia (Russian Federation) (spoke in Russian): I thank the President.\nThe President: I thank him.\nMr. Nebenzia (Russian Federation): One more word.\n";
    let f = import(un, Kind::Transcript, "t").expect("imports");
    assert_eq!(names(&f), ["The President", "Mr. Nebenzia (Russian Federation)"]);
    assert_eq!(f.sections[1].paragraphs, ["(spoke in Russian) I thank the President."]);
    // The Congressional Record's presiding officers; a letter read into it.
    let record = "  Ms. WARREN. Mr. President, I ask that this letter be printed in the Record.\n  The PRESIDING OFFICER (Mr. Kelly). Without objection, it is so ordered.\n  Dear Senator Warren: We write as economists.\n  The SPEAKER pro tempore. The time has expired.\n  The ACTING PRESIDENT pro tempore. The Senator from New York.\n";
    let f = import(record, Kind::Transcript, "t").expect("imports");
    assert_eq!(
        names(&f),
        [
            "Ms. WARREN",
            "The PRESIDING OFFICER (Mr. Kelly)",
            "The SPEAKER pro tempore",
            "The ACTING PRESIDENT pro tempore"
        ]
    );
    assert_eq!(
        f.sections[1].paragraphs,
        ["Without objection, it is so ordered. Dear Senator Warren: We write as economists."]
    );
    // The European Parliament's report: a period and a dash after the
    // name; the role, as written, opens the speech. It was refused.
    let ep = "IN THE CHAIR: ROBERTA METSOLA\n\nPresident. – The next item is the State of the Union.\n\nUrsula von der Leyen, President of the Commission. – Madam President, honourable Members.\n\n(Applause)\n\nManfred Weber, on behalf of the PPE Group. – Madam President.\n\nManfred Weber (PPE), blue-card answer. – Yes.\n";
    let f = import(ep, Kind::Transcript, "t").expect("imports");
    assert_eq!(f.metadata, pairs(&[("IN THE CHAIR", "ROBERTA METSOLA")]));
    assert_eq!(names(&f), ["President", "Ursula von der Leyen", "Manfred Weber (PPE)"]);
    assert_eq!(
        f.sections[1].paragraphs,
        ["President of the Commission. – Madam President, honourable Members.", "(Applause)"]
    );
    assert_eq!(
        f.sections[2].paragraphs,
        ["on behalf of the PPE Group. – Madam President.", "blue-card answer. – Yes."]
    );
    // Who presides from here on, after the first turn: a heading over the
    // turn that follows, not a voice `IN THE CHAIR`.
    let changed = format!(
        "{ep}\nIN THE CHAIR: OTHMAR KARAS\nVice-President\n\nPresident. – The debate is closed.\n"
    );
    let f = import(&changed, Kind::Transcript, "t").expect("imports");
    assert_eq!(names(&f), ["President", "Ursula von der Leyen", "Manfred Weber (PPE)"]);
    let last = f.sections.last().expect("a turn");
    assert_eq!(
        last.paragraphs,
        ["IN THE CHAIR: OTHMAR KARAS Vice-President", "The debate is closed."]
    );
    // Hansard's web page: each name alone above the speech, the seat
    // and party only the first time (it was refused: no name came back
    // written the same); its volume line is no speaker.
    let web = "Volume 744: debated on Wednesday 6 December 2023\n\nKeir Starmer (Holborn and St Pancras) (Lab)\nMr Speaker, the plan is not working.\n\nRishi Sunak\nI will take no lectures.\n\nKeir Starmer\nWell, the country does not agree.\n";
    let f = import(web, Kind::Transcript, "t").expect("imports");
    assert_eq!(names(&f), ["Keir Starmer (Holborn and St Pancras) (Lab)", "Rishi Sunak"]);
    assert_eq!(turns(&f).len(), 3);
    assert_eq!(f.intro, ["Volume 744: debated on Wednesday 6 December 2023"]);
    // Members speaking together, as Canada's Hansard has them.
    let ca = "The Speaker: Order.\nSome hon. members: Hear, hear!\nAn hon. member: Shame!\nSome people: they said.\n";
    let f = import(ca, Kind::Transcript, "t").expect("imports");
    assert_eq!(names(&f), ["The Speaker", "Some hon. members", "An hon. member"]);
    assert_eq!(f.sections[2].paragraphs, ["Shame! Some people: they said."]);
}

#[test]
fn two_people_joined_by_and_are_a_voice_of_their_own() {
    // `P1 and P2:` was text, glued to the turn before it.
    let text = "P1: I think so.\nP2: Me too.\nP1 and P2: Yes!\nP2: Right.\nAna: Hi.\nBen: Hi.\nAna and Ben: Hello.\nP1: Sure, and then: nothing.\n";
    let f = import(text, Kind::Transcript, "t").expect("imports");
    assert_eq!(names(&f), ["P1", "P2", "P1 and P2", "Ana", "Ben", "Ana and Ben"]);
    assert_eq!(turns(&f), ["P1", "P2", "P1 and P2", "P2", "Ana", "Ben", "Ana and Ben", "P1"]);
    assert_eq!(f.sections[7].paragraphs, ["Sure, and then: nothing."]);
    // Only two of the file's speakers: `and` in a heading is text (a
    // reviewer found `Pros and Cons:` made a speaker), as it is where
    // it opens or ends a name.
    for prose in ["and P2: x", "P1 and: x", "Pros and Cons: x", "Ana and Tom: x", "Goals for Q3: x"]
    {
        let text = format!("Ana: a\nP2: b\n{prose}\n");
        let f = import(&text, Kind::Transcript, "t").expect("imports");
        assert_eq!(names(&f), ["Ana", "P2"], "{prose}");
    }
}

#[test]
fn lines_like_the_new_labels_in_an_ordinary_transcript_stay_text() {
    // Found by a reviewer: each was text before, and is again.
    let cases: [(&str, &[&str]); 4] = [
        // Meeting notes' `By March:` is no examiner (a label of its own,
        // as it was; the questions after it stay Q's).
        (
            "Q: What did the council promise?\nA: Two things.\nBy March:\nnew bus shelters.\nQ: And?\nA: No.\n",
            &["Q", "A", "By March"],
        ),
        // A period and a dash in an interview's speech.
        (
            "Ana: Sure.\nYes, Minister. – Right away.\nGreat Britain, of course. – It was different.\nPresident. – Thank you.\nBo: Hm.\n",
            &["Ana", "Bo"],
        ),
        // A numbered list's item with a parenthesis.
        (
            "Resident: There are three.\n1. Housing (rent mostly): it is too expensive.\n2. Transit (buses): they never come.\n",
            &["Resident"],
        ),
        // `Members:` speaking first is a turn, not a header fact.
        ("Members: We agree.\nChair: Then it is carried.\nMembers: Aye.\n", &["Members", "Chair"]),
    ];
    for (text, want) in cases {
        let f = import(text, Kind::Transcript, "t").expect("imports");
        assert_eq!(names(&f), want, "{text}");
        nothing_dropped(text, &f, want);
    }
}

#[test]
fn a_select_committees_numbered_questions_are_their_askers() {
    // The record of a UK select committee numbers each question before
    // the name: `Q2 Aaron Bell` is Aaron Bell, and the number stays, at
    // the start of what they asked.
    let text = "Q1 Chair: Good morning, Professor Whitty.\nProfessor Whitty: Thank you, Chair.\nQ2 Aaron Bell: What is the current assessment?\nProfessor Whitty: Moderate.\nQ3 Chair:\nAnd the timing?\nProfessor Whitty: We do not know.\nQ4 Title: a speaker, not a header\n";
    let f = import(text, Kind::Transcript, "t").expect("imports");
    let (c, w, b) = ("Chair", "Professor Whitty", "Aaron Bell");
    assert_eq!(names(&f), [c, w, b, "Title"]);
    assert_eq!(turns(&f), [c, w, b, w, c, w, "Title"]);
    assert_eq!(f.sections[0].paragraphs, ["Q1 Good morning, Professor Whitty."]);
    assert_eq!(f.sections[2].paragraphs, ["Q2 What is the current assessment?"]);
    // The text on the lines below the label.
    assert_eq!(f.sections[4].paragraphs, ["Q3 And the timing?"]);
    assert_eq!(f.sections[6].paragraphs, ["Q4 a speaker, not a header"]);
    assert!(f.metadata.is_empty(), "{:?}", f.metadata);
    nothing_dropped(text, &f, &[c, w, b, "Title"]);
    // The list of panels above the first question is no one's speech
    // (`I` and `II` were speakers).
    let listed = "Witnesses\n\nI: Professor Chris Whitty, Chief Medical Officer for England.\n\nII: Dame Jenny Harries, Chief Executive, UKHSA.\n\nExamination of witnesses\n\nWitnesses: Professor Chris Whitty and Dame Jenny Harries.\n\nQ1 Chair: Good morning.\n\nProfessor Whitty: Thank you, Chair.\n";
    let f = import(listed, Kind::Transcript, "t").expect("imports");
    assert_eq!(names(&f), [c, "Professor Whitty"]);
    assert_eq!(f.intro.len(), 4, "{:?}", f.intro);
    let who = "Professor Chris Whitty and Dame Jenny Harries.";
    assert_eq!(f.metadata, pairs(&[("Witnesses", who)]));
    // An interviewer's `I:` opening an interview is still a speaker.
    let f = import("I: So, tell me.\nR: Well.\n", Kind::Transcript, "t").expect("imports");
    assert_eq!(names(&f), ["I", "R"]);
    // A quarter in a label is not a question's number.
    let f = import("Q3 results: strong.\nANA: Yes.\n", Kind::Transcript, "t").expect("imports");
    assert_eq!(names(&f), ["ANA"]);
}

#[test]
fn a_hearing_records_titles_headings_and_who_was_present() {
    // Found by a reviewer: titles of several words, a heading with
    // `McDONOUGH` in it, and `Present:` before the first turn.
    let text = "    The Committee met, pursuant to notice, at 10:01 a.m.\n    Present: Senators Tester and Moran.\n    Chairman Tester. The committee will come to order.\n    Ranking Member Moran. Thank you, Mr. Chairman.\n    Chairman Tester. Mr. Secretary, you may proceed.\n\n STATEMENT OF HON. DENIS R. McDONOUGH, SECRETARY, U.S. DEPARTMENT OF \n                        VETERANS AFFAIRS\n\n    Secretary McDonough. Thank you, Chairman Tester.\n    Vice Chairman Rubio. And the threat?\n    Sergeant Gonell. It was real.\n    Chairman Tester. Adjourned.\n";
    let f = import(text, Kind::Transcript, "t").expect("imports");
    let (t, m, s) = ("Chairman Tester", "Ranking Member Moran", "Secretary McDonough");
    assert_eq!(names(&f), [t, m, s, "Vice Chairman Rubio", "Sergeant Gonell"]);
    assert_eq!(turns(&f), [t, m, t, s, "Vice Chairman Rubio", "Sergeant Gonell", t]);
    assert_eq!(
        f.sections[3].paragraphs,
        [
            "STATEMENT OF HON. DENIS R. McDONOUGH, SECRETARY, U.S. DEPARTMENT OF VETERANS AFFAIRS",
            "Thank you, Chairman Tester."
        ]
    );
    assert_eq!(f.metadata, pairs(&[("Present", "Senators Tester and Moran.")]));
}

#[test]
fn indented_transcripts_with_colon_labels_are_no_hearing_record() {
    // An oral history and a court reporter's transcript indent their
    // labels: their wrapped lines go on, and capitals are the speaker's.
    let oral = "  MRS. BROWN: My father was a\n  sharecropper. OUR SCHOOL\n  WAS ONE ROOM.\n  MR. BROWN: She did.\n  MRS. BROWN: Yes.\n";
    let f = import(oral, Kind::Transcript, "t").expect("imports");
    assert_eq!(
        f.sections[0].paragraphs,
        ["My father was a sharecropper. OUR SCHOOL WAS ONE ROOM."]
    );
    assert_eq!(f.sections[1].paragraphs, ["She did."]);
    let court = "          THE COURT:  Good morning.  Please be\n     seated.\n          THE WITNESS:  Thank you.\n          THE COURT:  State your\n     name.\n";
    let f = import(court, Kind::Transcript, "t").expect("imports");
    assert_eq!(f.sections[0].paragraphs, ["Good morning.  Please be seated."]);
    assert_eq!(f.sections[2].paragraphs, ["State your name."]);
}

#[test]
fn paragraphs_that_open_with_a_name_in_mixed_case_stay_prose() {
    // Indented paragraphs of a book, a few opening with a name and a
    // period: too few to be a hearing's record, and one name alone is no
    // conversation.
    let mut text = String::from("NARRATOR: The chapter begins.\n");
    text.push_str("    Dr. King. That speech changed everything.\n");
    for _ in 0..100 {
        text.push_str("    Another paragraph of the book,\nwrapped onto a second line.\n");
    }
    text.push_str("    Mr. Lewis. The march went on.\n    Dr. King. Again.\n");
    let f = import(&text, Kind::Transcript, "t").expect("imports");
    assert_eq!(names(&f), ["NARRATOR"]);
    assert_eq!(paragraph_count(&f), 1, "{:?}", f.sections);
    // A stage direction right above the first turn still opens it.
    let f = import("Title line\n[music]\nANA: Hi.\n", Kind::Transcript, "t").expect("imports");
    assert_eq!(f.intro, ["Title line"]);
    assert_eq!(f.sections[0].paragraphs, ["[music]", "Hi."]);
}

#[test]
fn a_teams_transcript_saved_from_word_with_its_front_matter() {
    let text = "Budget review-20240305_140312-Meeting Recording\nMarch 5, 2024, 1:03PM\n32m 10s\n\nJensen, Lars started transcription\n\nJensen, Lars   0:03\nGood morning everyone, can you hear me?\n\nOkafor, Daniel   0:07\nYes, loud and clear.\n\nJensen, Lars   0:09\nGreat. Let's start with the budget.\n\nNúñez, María-José (Dr.)   1:02\nA question.\n\nJensen, Lars stopped transcription\n";
    let (f, notes) =
        crosstalk::import::import_with_notes(text, Kind::Transcript, "t").expect("imports");
    assert_eq!(
        f.intro,
        ["Budget review-20240305_140312-Meeting Recording March 5, 2024, 1:03PM 32m 10s"]
    );
    expect(
        &f,
        &[
            ("Jensen, Lars", &["Good morning everyone, can you hear me?"]),
            ("Okafor, Daniel", &["Yes, loud and clear."]),
            ("Jensen, Lars", &["Great. Let's start with the budget."]),
            ("Núñez, María-José (Dr.)", &["A question."]),
        ],
    );
    let notes: Vec<String> = notes.iter().map(ToString::to_string).collect();
    assert_eq!(
        notes,
        [
            "dropped Teams' line \"Jensen, Lars started transcription\", which is no one's speech",
            "dropped Teams' line \"Jensen, Lars stopped transcription\", which is no one's speech",
            "lines 1–3, before the first speaker, kept as the introduction (shown by I, not coded)",
        ]
    );
}

#[test]
fn google_meets_time_marks_and_zooms_live_transcript() {
    let text = "Budget review - Transcript\n\nAttendees\n\nDaniel Okafor, Jane Smith\n\nTranscript\n\n00:00:00\n\nJane Smith: Hello everyone, shall we start?\nDaniel Okafor: Yes.\n\n00:05:00\n\nJane Smith: One more point.\n";
    let f = import(text, Kind::Transcript, "t").expect("imports");
    expect(
        &f,
        &[
            ("Jane Smith", &["Hello everyone, shall we start?"]),
            ("Daniel Okafor", &["Yes."]),
            ("Jane Smith", &["One more point."]),
        ],
    );
    assert_eq!(times(&f), ["00:00:00", "", "00:05:00"]);
    assert_eq!(
        f.intro,
        ["Budget review - Transcript", "Attendees", "Daniel Okafor, Jane Smith", "Transcript"]
    );
    let text =
        "[Priya Raman] 14:03:12\nOkay, I think we're recording.\n\n[Kwame Mensah] 14:03:15\nYes.\n";
    let f = import(text, Kind::Transcript, "t").expect("imports");
    expect(
        &f,
        &[("Priya Raman", &["Okay, I think we're recording."]), ("Kwame Mensah", &["Yes."])],
    );
    assert_eq!(times(&f), ["14:03:12", "14:03:15"]);
}

#[test]
fn time_marks_in_brackets_time_ranges_and_a_name_above_the_text() {
    // A time in brackets alone marks the minutes, as bare ones do.
    let text = "[00:00:00]\nJANE SMITH: Hello there.\n\n[00:00:44]\nBOB JONES: Yes indeed.\n";
    let f = import(text, Kind::Transcript, "t").expect("imports");
    expect(&f, &[("JANE SMITH", &["Hello there."]), ("BOB JONES", &["Yes indeed."])]);
    assert_eq!(times(&f), ["00:00:00", "00:00:44"]);
    // A range of times before the label: the turn starts at its start.
    let text = "[00:00:15 → 00:01:02] Chris Moore: Welcome everyone.\n[00:01:05 → 00:01:45] Student A: I have read about maps.\n";
    let f = import(text, Kind::Transcript, "t").expect("imports");
    expect(
        &f,
        &[("Chris Moore", &["Welcome everyone."]), ("Student A", &["I have read about maps."])],
    );
    assert_eq!(times(&f), ["00:00:15", "00:01:05"]);
    // A name and its time in brackets alone on a line, the text below,
    // where such a name comes back (speakers do; a file of chapter headings,
    // `Intro (00:00)` above prose, does not: its introduction); a heading
    // above a label is no label.
    let chapters = "Intro (00:00)\nWelcome to the show.\n\nHost: Hi.\nSoil (05:30)\nGuest: Yes.\n";
    let f = import(chapters, Kind::Transcript, "t").expect("imports");
    assert_eq!(f.intro, ["Intro (00:00) Welcome to the show."]);
    assert_eq!(turns(&f), ["Host", "Guest"]);
    let text = "Intro (00:00)\nDanyel Fisher (00:00:08.000)\nI wanted to start with\nsome background.\n\nDana Bettinger (00:00:16.000)\nSafari wise or lifewise?\n\nDanyel Fisher (00:00:20.000)\nLifewise.\n\nDana Bettinger [00:00:25]\nOkay.\n";
    let f = import(text, Kind::Transcript, "t").expect("imports");
    expect(
        &f,
        &[
            ("Danyel Fisher", &["I wanted to start with some background."]),
            ("Dana Bettinger", &["Safari wise or lifewise?"]),
            ("Danyel Fisher", &["Lifewise."]),
            ("Dana Bettinger", &["Okay."]),
        ],
    );
    assert_eq!(times(&f), ["00:00:08.000", "00:00:16.000", "00:00:20.000", "00:00:25"]);
    assert_eq!(f.intro, ["Intro (00:00)"]);
    // Fathom: the time, a dash and the name, the text indented below.
    let text = "Budget planning - January 29\nVIEW RECORDING - 31 mins (No highlights): https://fathom.video/calls/1\n\n---\n\n0:00 - Jane Smith (Acme)\n  So, the budget.\n\n0:55 - Lars Jensen\n  Yes.\n  More.\n";
    let f = import(text, Kind::Transcript, "t").expect("imports");
    expect(&f, &[("Jane Smith (Acme)", &["So, the budget."]), ("Lars Jensen", &["Yes. More."])]);
    assert_eq!(times(&f), ["0:00", "0:55"]);
    // A time and a dash opening a line of speech is text; so is an agenda's
    // line, its next line not indented.
    let text = "Jane: Hi.\n10:30 - the meeting starts.\n";
    let f = import(text, Kind::Transcript, "t").expect("imports");
    expect(&f, &[("Jane", &["Hi. 10:30 - the meeting starts."])]);
    let text = "Agenda\n9:00 - Opening Remarks\n9:15 - Keynote\n\nJane: The agenda is:\n10:00 - Panel Discussion\n\n11:00 - Closing Remarks\n";
    let f = import(text, Kind::Transcript, "t").expect("imports");
    expect(
        &f,
        &[("Jane", &["The agenda is: 10:00 - Panel Discussion", "11:00 - Closing Remarks"])],
    );
    assert_eq!(f.intro, ["Agenda 9:00 - Opening Remarks 9:15 - Keynote"]);
}

#[test]
fn labels_in_lowercase_are_speakers_when_they_open_two_lines() {
    // All in lowercase, as some researchers type: it had been refused.
    let text = "interviewer: so tell me about your work.\nparticipant: well, i work nights at the depot.\ninterviewer: how long?\nparticipant: about ten years now.\n";
    let f = import(text, Kind::Transcript, "t").expect("imports");
    assert_eq!(turns(&f), ["interviewer", "participant", "interviewer", "participant"]);
    // A name written in lowercase among others: its second turn had been
    // given to the speaker before it.
    let text =
        "bell hooks: Love is a practice.\nCornel West: Indeed it is.\nbell hooks: And a choice.\n";
    let f = import(text, Kind::Transcript, "t").expect("imports");
    expect(
        &f,
        &[
            ("bell hooks", &["Love is a practice."]),
            ("Cornel West", &["Indeed it is."]),
            ("bell hooks", &["And a choice."]),
        ],
    );
    // Once only, or a word speakers set off with a colon: the speaker's text.
    let text = "Jane: We met.\nand then she said: no.\nJane: Then.\nnote: the witness left.\nnote: again.\n";
    let f = import(text, Kind::Transcript, "t").expect("imports");
    expect(
        &f,
        &[(
            "Jane",
            &["We met. and then she said: no.", "Then. note: the witness left. note: again."],
        )],
    );
}

#[test]
fn prose_that_looks_like_the_new_layouts_stays_text() {
    // Found by a helper's regression hunt: each had become a speaker.
    // A bare range of times opening a line is a programme's, not a label's.
    let text = "Host: Program:\n9:00-10:00 Keynote: Dr. Jane Doe\nGuest: Thanks.\n";
    let f = import(text, Kind::Transcript, "t").expect("imports");
    expect(
        &f,
        &[("Host", &["Program: 9:00-10:00 Keynote: Dr. Jane Doe"]), ("Guest", &["Thanks."])],
    );
    // Among capitalised labels, a lowercase one going on in lowercase is
    // prose, however often; so is anything with no space after its colon.
    let text = "Alice: I asked.\nand then: nothing.\nBob: Really?\nAlice: I went back.\nand then: nothing again.\nmailto:a@example.com\nBob: Hm.\nmailto:b@example.com\n";
    let f = import(text, Kind::Transcript, "t").expect("imports");
    assert_eq!(turns(&f), ["Alice", "Bob", "Alice", "Bob"]);
    // A heading with its time above a label is the introduction, not a
    // speaker with no words (the file had been refused).
    let text = "Intro (00:00)\nHost: Welcome.\nHost: Chapters.\nThe Farm [12:30]\nGuest: Yes.\n";
    let f = import(text, Kind::Transcript, "t").expect("imports");
    assert_eq!(f.intro, ["Intro (00:00)"]);
    expect(&f, &[("Host", &["Welcome.", "Chapters. The Farm [12:30]"]), ("Guest", &["Yes."])]);
    // An agenda's items with their descriptions indented below: the first
    // is not at 0:00, as Fathom's first label is.
    let text = "Program\n9:00 - Opening Remarks\n    Chair welcomes members.\n9:30 - Panel\n    Three speakers.\nChair: Let us begin.\n";
    let f = import(text, Kind::Transcript, "t").expect("imports");
    assert_eq!(turns(&f), ["Chair"]);
    // Meet's disclaimer quoted on a line right after a line of a turn.
    let text = "Jane Smith: The banner said:\nThis editable transcript was computer generated and might contain errors.\nDaniel Okafor: Odd.\n";
    let f = import(text, Kind::Transcript, "t").expect("imports");
    assert_eq!(
        f.sections[0].paragraphs,
        [
            "The banner said: This editable transcript was computer generated and might contain errors."
        ]
    );
}

#[test]
fn google_meets_own_lines_are_dropped_with_a_note() {
    // Meet's document opens or closes with its disclaimer, and closes with
    // how long the meeting (or its transcription) ran: no one's speech.
    let text = "Budget review - Transcript\n\nThis editable transcript was computer generated and might contain errors.\n\n00:00:00\n\nJane Smith: Hello.\nDaniel Okafor: Yes.\n\nMeeting ended after 00:04:19 👋\n\nThis editable transcript was computer generated and might contain errors. People can also change the text after it was created.\n";
    let (f, notes) =
        crosstalk::import::import_with_notes(text, Kind::Transcript, "t").expect("imports");
    expect(&f, &[("Jane Smith", &["Hello."]), ("Daniel Okafor", &["Yes."])]);
    assert_eq!(f.intro, ["Budget review - Transcript"]);
    let dropped: Vec<&str> = notes.iter().map(|n| n.message.as_str()).collect();
    assert_eq!(
        dropped[..3],
        [
            "dropped Google Meet's line \"This editable transcript was computer generated and might co…\", which is no one's speech",
            "dropped Google Meet's line \"Meeting ended after 00:04:19 👋\", which is no one's speech",
            "dropped Google Meet's line \"This editable transcript was computer generated and might co…\", which is no one's speech",
        ]
    );
    // Said in the talk, or another time, it is the speaker's.
    let text = "Jane Smith: Hello.\nDaniel Okafor: Meeting ended after 00:04:19.\nTranscription ended after lunch\n";
    let f = import(text, Kind::Transcript, "t").expect("imports");
    expect(
        &f,
        &[
            ("Jane Smith", &["Hello."]),
            ("Daniel Okafor", &["Meeting ended after 00:04:19. Transcription ended after lunch"]),
        ],
    );
}

#[test]
fn a_word_and_a_colon_inside_a_capitalised_transcript_is_text() {
    // `First:`, `Second:`, `Note:` followed by lowercase, never labels
    // before: the speaker's words, not speakers. A real new speaker opens
    // with a capital; `Q:`/`A:` and labels with a time are labels.
    let text = "Jane Smith: I have three concerns about the bill.\nFirst: the data retention period is too long.\n\nSecond: nobody audits the brokers.\nDaniel Okafor: Noted.\nNote: the witness submitted a statement.\nLee: Thanks.\nQ: where were you?\nA: at home.\n";
    let f = import(text, Kind::Transcript, "t").expect("imports");
    expect(
        &f,
        &[
            (
                "Jane Smith",
                &[
                    "I have three concerns about the bill. First: the data retention period is too long.",
                    "Second: nobody audits the brokers.",
                ],
            ),
            ("Daniel Okafor", &["Noted. Note: the witness submitted a statement."]),
            ("Lee", &["Thanks."]),
            ("Q", &["where were you?"]),
            ("A", &["at home."]),
        ],
    );
    // A new speaker may open in lowercase: still a speaker.
    let text = "Jane: hi there.\nBob: hello.\nMaria: yes.\n";
    let f = import(text, Kind::Transcript, "t").expect("imports");
    assert_eq!(names(&f), ["Jane", "Bob", "Maria"]);
    let text = "Interviewer: So, tell me about your first job.\n\nRespondent: yeah, so I started at the mill.\nInterviewer: What was that like?\nTom: um, yeah, I drive a bus.\n";
    let f = import(text, Kind::Transcript, "t").expect("imports");
    assert_eq!(turns(&f), ["Interviewer", "Respondent", "Interviewer", "Tom"]);
    // A comma and a name, then lowercase, never a label: the speaker's
    // words; surname first with a capital after is a label.
    let text = "Moderator: Go on.\nMaria: I think the rota is unfair.\nModerator: Thanks, Maria: that was helpful.\nManchester, England: where I was born.\nJensen, Lars: Thank you.\n";
    let f = import(text, Kind::Transcript, "t").expect("imports");
    assert_eq!(turns(&f), ["Moderator", "Maria", "Moderator", "Jensen, Lars"]);
    // A comma in brackets, or a time before the name, is a label's.
    let text =
        "Moderator: Go on.\nAisha (nurse, 34): um, I do.\n[00:00:09] Lee, Ann: yeah, same.\n";
    let f = import(text, Kind::Transcript, "t").expect("imports");
    assert_eq!(turns(&f), ["Moderator", "Aisha (nurse, 34)", "Lee, Ann"]);
}

#[test]
fn meeting_tools_and_printed_hearings_through_the_binary() {
    // Each as its tool lays it out (tests/fixtures/transcripts/README),
    // through `crosstalk import`: who speaks, in order, nothing lost.
    let cases: [(&str, &[&str], &[&str]); 5] = [
        (
            "teams-word.txt",
            &[
                "Jensen, Lars",
                "Okafor, Daniel (External)",
                "Jensen, Lars",
                "Núñez, María-José (Dr.)",
                "Jensen, Lars",
            ],
            &[
                "Jensen, Lars",
                "Okafor, Daniel (External)",
                "Núñez, María-José (Dr.)",
                "started transcription",
                "stopped transcription",
            ],
        ),
        (
            "gpo-hearing.txt",
            &[
                "The CHAIRMAN",
                "Senator WARREN",
                "Ms. SMITH",
                "Mrs. MALONEY of New York",
                "Ms. SMITH",
                "The CHAIRMAN",
            ],
            &["The CHAIRMAN.", "Senator WARREN.", "Ms. SMITH.", "Mrs. MALONEY of New York."],
        ),
        (
            "google-meet.txt",
            &["Jane Smith", "Daniel Okafor", "Jane Smith", "Lars Jensen"],
            &[
                "Jane Smith",
                "Daniel Okafor",
                "Lars Jensen",
                "Meeting ended after 00:06:12 👋",
                "This editable transcript was computer generated and might contain errors.",
                "People can also change the text after it was created.",
            ],
        ),
        (
            "fathom.txt",
            &[
                "Jane Smith (Acme Interiors)",
                "Lars Jensen",
                "Jane Smith (Acme Interiors)",
                "Lars Jensen",
            ],
            &[" - Jane Smith (Acme Interiors)", " - Lars Jensen"],
        ),
        (
            "zoom-live.txt",
            &["Priya Raman", "Kwame Mensah", "Priya Raman"],
            &["[Priya Raman]", "[Kwame Mensah]"],
        ),
    ];
    for (name, who, labels) in cases {
        let f = through_binary(name);
        assert_eq!(turns(&f), *who, "{name}");
        nothing_dropped(&fixture(name), &f, labels);
    }
}

#[test]
fn whispers_times_without_speakers_say_what_to_do() {
    // A file of Whisper's timed lines was refused with the message for any
    // text without labels; it now says what the lines are and the ways on.
    let whisper = "[00:00:00.000 --> 00:00:04.560]  Good evening and welcome.\n\
        [00:00:04.560 --> 00:00:09.880]  Before we begin, a reminder.\n\
        [00:00:09.880 --> 00:00:14.200]  Our first speaker tonight is Ms. Howell.\n";
    let e = crosstalk::import::import(whisper, crosstalk::import::Kind::Transcript, "w")
        .expect_err("no speakers");
    assert!(e.message.contains("times but name no speaker (Whisper's output?)"), "{}", e.message);
    assert!(e.message.contains("--output_format srt"), "{}", e.message);
    let prose = "Some notes.\nMore notes.\n";
    let e = crosstalk::import::import(prose, crosstalk::import::Kind::Transcript, "p")
        .expect_err("no speakers");
    assert!(!e.message.contains("Whisper"), "{}", e.message);
}

/// The speakers, in order, and each turn's paragraphs, of `text` imported.
fn turns_of(text: &str) -> Vec<(String, Vec<String>)> {
    let f = import(text, Kind::Transcript, "t").expect("imports");
    sections(&f)
}

#[test]
fn a_list_set_off_with_labels_inside_a_turn_is_part_of_it() {
    // Each item made a speaker of its own (`Housing`, `Work`, `Schools`).
    let interview = "Interviewer: What were the main problems when you arrived?\n\n\
        Maria: There were three things:\n\
        Housing: we needed somewhere to live and nobody would rent to us.\n\
        Work: the papers took months.\n\
        Schools: The children waited a term for a place.\n\n\
        Interviewer: Which was hardest?\n\n\
        Maria: Housing, by far.\n\n\
        Interviewer: And now?\n\n\
        Maria: Now it is better.\n";
    let list: &[&str] = &[
        "There were three things:",
        "Housing: we needed somewhere to live and nobody would rent to us.",
        "Work: the papers took months.",
        "Schools: The children waited a term for a place.",
    ];
    let want = |first: &[&str]| -> Vec<(String, Vec<String>)> {
        let p = |s: &[&str]| s.iter().map(|p| (*p).to_owned()).collect::<Vec<_>>();
        let i = |s: &str| ("Interviewer".to_owned(), vec![s.to_owned()]);
        let m = |s: &str| ("Maria".to_owned(), vec![s.to_owned()]);
        vec![
            i("What were the main problems when you arrived?"),
            ("Maria".to_owned(), p(first)),
            i("Which was hardest?"),
            m("Housing, by far."),
            i("And now?"),
            m("Now it is better."),
        ]
    };
    assert_eq!(turns_of(interview), want(list));
    assert_eq!(turns_of(&interview.replace('\n', "\r\n")), want(list));
    // One alone is not a list: someone answering below the `:` (`Tom:
    // yeah i agree`) looks the same.
    let one = interview.replace(
        "Work: the papers took months.\nSchools: The children waited a term for a place.\n",
        "",
    );
    let who: Vec<String> = turns_of(&one).into_iter().map(|(n, _)| n).collect();
    assert_eq!(who[1..3], ["Maria", "Housing"]);
    // Not below a colon, or across a blank line: people who speak once
    // look the same, and stay speakers.
    for not in [
        interview.replace("three things:", "three things."),
        interview.replace("three things:\n", "three things:\n\n"),
    ] {
        let who: Vec<String> = turns_of(&not).into_iter().map(|(n, _)| n).collect();
        assert_eq!(who[1..5], ["Maria", "Housing", "Work", "Schools"], "{not}");
    }
}

#[test]
fn people_who_speak_once_are_not_a_list() {
    // What a reviewer's corpus of interviews, panels and phone-ins found
    // glued into another's turn by the first version of the rule.
    let around = |middle: &str| {
        format!(
            "Interviewer: Was anyone else there?\n\nMaria: My husband was, and our son:\n{middle}\n\n\
             Interviewer: Go on.\n\nMaria: We left.\n\nInterviewer: When?\n\nMaria: In May.\n"
        )
    };
    let cases: [(&str, &[&str]); 8] = [
        // A one-line reply below another's, in capitals.
        ("Husband: Yes I was there.", &["Husband"]),
        // Kin, and a roll call.
        ("Husband: yes i'm here\nSon: me too", &["Husband", "Son"]),
        ("Adams: Aye.\nBaker: Aye.\nChen: No.", &["Adams", "Baker", "Chen"]),
        // Speakers named by their part or number, honorific or time.
        ("P7: yeah me too\nP8: same here", &["P7", "P8"]),
        ("Participant: yeah\nAudience member: me too", &["Participant", "Audience member"]),
        ("Dr. Ruiz: indeed\nMs Cole: quite", &["Dr. Ruiz", "Ms Cole"]),
        ("[00:01:02] Ana: yeah\n[00:01:05] Tom: same", &["Ana", "Tom"]),
        // By first name and surname.
        (
            "Neighbour Jim: yeah\nKaren Hughes: we were terrified",
            &["Neighbour Jim", "Karen Hughes"],
        ),
    ];
    for (middle, once) in cases {
        let got = turns_of(&around(middle));
        let who: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
        let mut want = vec!["Interviewer", "Maria"];
        want.extend_from_slice(once);
        want.extend_from_slice(&["Interviewer", "Maria", "Interviewer", "Maria"]);
        assert_eq!(who, want, "{middle}");
    }
    // Someone new after a question ending in `:` and a blank line.
    let audience = "Moderator: Welcome.\n\nAna: Thanks.\n\nModerator: Next.\n\nAna: Sure.\n\n\
        Moderator: Your questions:\n\nKaren: thanks. I rent.\n\nModerator: Ana?\n\nAna: Yes.\n";
    let who: Vec<String> = turns_of(audience).into_iter().map(|(n, _)| n).collect();
    assert_eq!(who[4..6], ["Moderator", "Karen"]);
    // A speaker written in lowercase elsewhere (`maria:`) is a speaker
    // where a line gives her a capital.
    let typed = "interviewer: hello\n\nmaria: hi\n\ninterviewer: so:\nMaria: long shifts\n\
        Nights: the worst\n\ninterviewer: ok\n\nmaria: yes\n";
    let f = import(typed, Kind::Transcript, "t").expect("imports");
    let who: Vec<String> = sections(&f).into_iter().map(|(n, _)| n).collect();
    assert!(who.iter().filter(|n| n.eq_ignore_ascii_case("maria")).count() >= 2, "{who:?}");
    // A transcript without blank lines between turns: who speaks once
    // there speaks.
    let tight = "Moderator: Anyone else?\nAna: Two things:\nHousing: we need more.\n\
        Work: the papers.\nModerator: OK.\nAna: Yes.\n";
    let who: Vec<String> = turns_of(tight).into_iter().map(|(n, _)| n).collect();
    assert_eq!(who, ["Moderator", "Ana", "Housing", "Work", "Moderator", "Ana"]);
    // Header lines before the first turn stay the header's.
    let headed = "Date: 2020-09-25\nLocation: Zoom\n\nInterviewer: Hello.\n\nMaria: Hi.\n\n\
        Interviewer: Ready?\n\nMaria: Yes.\n";
    let f = import(headed, Kind::Transcript, "t").expect("imports");
    assert_eq!(f.date, "2020-09-25");
    assert_eq!(sections(&f).len(), 4);
}

#[test]
fn who_leads_the_talk_is_its_moderator() {
    // Every label was a respondent, `MODERATOR:` and `Interviewer:` too.
    let text =
        "MODERATOR: Welcome, everyone.\nP1: Hi.\nThe Chair: Order.\nInterviewer: So?\nP1: Yes.\n";
    let f = import(text, Kind::Transcript, "t").expect("imports");
    let roles: Vec<(&str, &str)> =
        f.contributors.iter().map(|c| (c.name.as_str(), c.role.name())).collect();
    assert_eq!(
        roles,
        [
            ("MODERATOR", "moderator"),
            ("P1", "respondent"),
            ("The Chair", "moderator"),
            ("Interviewer", "moderator")
        ]
    );
}

#[test]
fn first_turns_short_and_unpunctuated_and_organisations_after_names_stay_what_they_are() {
    // A review against the build before found each taken for header
    // lines (or a header line taken for a turn) by this session's rules.
    let first_names = |text: &str| -> Vec<String> {
        let f = import(text, Kind::Transcript, "t").expect("imports");
        f.sections.iter().take(2).map(|s| s.paragraphs[0].clone()).collect()
    };
    // Short questions and answers are turns, a header key as a label or not.
    for (text, first) in [
        (
            "Officer: Full name\nSubject: Daniel Okafor\nOfficer: Address\nSubject: 14 Elm Street Leeds\nOfficer: Do you understand?\nSubject: Yes.\n",
            ["Full name", "Daniel Okafor"],
        ),
        (
            "Date: 2024-02-02\nWorker: Your case number\nCase: 44721\nWorker: And your name?\nCase: Jo Bloggs.\n",
            ["Your case number", "44721"],
        ),
        (
            "Title: Oral history 14\nDate: 2023-05-02\nRita: Place of birth\nInterviewee: Porto\nRita: And then?\nInterviewee: In 1974.\n",
            ["Place of birth", "Porto"],
        ),
        (
            "Date: 2024-02-02\nMEMBERS:\nAye.\nCHAIR:\nThe ayes have it.\nMEMBERS:\n[applause]\n",
            ["Aye.", "The ayes have it."],
        ),
        (
            "Case: Smith v Jones\n\nWITNESS:\nRuth Bell, consultant radiologist.\n\nCOUNSEL:\nThank you.\n\nWITNESS:\nTwenty years.\n",
            ["Ruth Bell, consultant radiologist.", "Thank you."],
        ),
        (
            "采访：请先介绍一下你自己\n受访者：我叫王伟。\n采访：你在哪里工作？\n受访者：在一家工厂。\n",
            ["请先介绍一下你自己", "我叫王伟。"],
        ),
    ] {
        assert_eq!(first_names(text), first, "{text}");
    }
    // A subject that asks, below a title and above a date: a header line.
    let f = import("Title: Focus group 3\nSubject: What makes a good teacher?\nDate: 2024-02-02\n\nModerator: Let's start.\nAnna: I'm Anna.\n", Kind::Transcript, "t").expect("imports");
    assert_eq!(f.date, "2024-02-02");
    assert_eq!(f.metadata, pairs(&[("Subject", "What makes a good teacher?")]));
    // An organisation after a name, however it opens: who took the role.
    for (head, fact) in [
        ("Interviewer: Tom Reid, Good Shepherd Hospice", "Tom Reid, Good Shepherd Hospice"),
        ("Interviewer: Nguyen Van An, Can Tho University", "Nguyen Van An, Can Tho University"),
    ] {
        let f = import(
            &format!("{head}\nDate: 2023-11-20\n\nINTERVIEWER: How long?\nMARY: Twelve years.\n"),
            Kind::Transcript,
            "t",
        )
        .expect("imports");
        assert_eq!(f.metadata, pairs(&[("Interviewer", fact)]), "{head}");
        assert_eq!(f.date, "2023-11-20", "{head}");
    }
    let f = import("Interview: Dr. Amara Okafor, Welcome Trust fellow\nDate: 2023-08-09\n\nInterviewer: Could you?\nAmara: Of course.\n", Kind::Transcript, "t").expect("imports");
    assert_eq!(f.title, "Interview: Dr. Amara Okafor, Welcome Trust fellow");
    // A header's key in lowercase in a wrapped line is text, as is a name
    // going on in lowercase.
    let text = "Title: Intake\nAge: 45\nLocation: Leeds\n\nInterviewer: What did the form ask?\nAnn: The usual things, your\nage: I put forty-five, and\nlocation: I put the hostel.\nInterviewer: And then?\nAnn: They did.\n";
    let f = import(text, Kind::Transcript, "t").expect("imports");
    assert_eq!(f.contributors.len(), 2, "{:?}", f.contributors);
    // Someone who speaks once, first, above their text: a speaker.
    let text = "CHAIR\n\nGood morning. I call this meeting to order.\n\nMS ALVAREZ\n\nThank you.\n\nCOUNCILLOR REID\n\nWhat changed?\n\nMS ALVAREZ\n\nRents doubled.\n\nCOUNCILLOR REID\n\nAnd wages?\n\nMS ALVAREZ\n\nNot so much.\n";
    let f = import(text, Kind::Transcript, "t").expect("imports");
    assert_eq!(f.contributors[0].name, "CHAIR");
}
