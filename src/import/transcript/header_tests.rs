use super::*;

fn turn<'a>(name: &'a str, text: &'a str) -> Turn<'a> {
    Turn { name, time: None, text, otter: false, lead: None }
}

#[test]
fn a_studys_own_header_lines_are_no_speakers() {
    // They became speakers, their values the first thing said, and the
    // `Date:` after them a speaker too.
    for (key, value) in [
        ("Topic", "Migrant workers in the Gulf"),
        ("Participant ID", "P07"),
        ("Age", "52"),
        ("Gender", "female"),
        ("Note-taker", "Sam Liu"),
        ("Respondent", "R07, clinic nurse, age 52"),
        ("Facilitator", "Dr. Helen Achebe"),
        ("Дата", "14.03.2021"),
        ("المكان", "عمّان"),
    ] {
        assert!(is_header(&turn(key, value)), "{key}: {value}");
    }
    // A role speaking is the first turn.
    assert!(!is_header(&turn("Facilitator", "Welcome, everyone. Shall we start?")));
    assert!(!is_header(&turn("Respondent", "Well, it started in 2019.")));
    for said in ["My name is Ana and I work nights at the clinic", "It was hard at first"] {
        assert!(!is_header(&turn("Participant", said)), "{said}");
    }
}

#[test]
fn keys_of_a_few_words_are_header_keys_and_names_are_not() {
    for key in [
        "Date of interview",
        "Interview duration",
        "Transcribed by",
        "Participant name",
        "Interview No.",
        "Interview #",
        "Recording date",
        "Start time",
        "Audio file name",
        "Case ID",
        "Location of the interview",
    ] {
        assert!(header_key(key), "{key}");
    }
    for label in [
        "The Interviewer",
        "Speaker 1",
        "Jane Date",
        "Date Night",
        "First Speaker",
        "Interviewer",
        "Mr. Place",
        "Time",
    ] {
        assert!(!compound(&label.to_lowercase()), "{label}");
    }
    // A line whose key is no label: a header line only before the
    // first turn's label, and only with a key that is one.
    assert_eq!(keyed("Years of experience: 12").map(|t| t.text), Some("12"));
    assert_eq!(
        keyed("Location of interview: Participant's home").map(|t| t.name),
        Some("Location of interview")
    );
    assert!(keyed("Summary of the talk: it went well").is_none());
    assert!(keyed("no colon here").is_none());
}

#[test]
fn an_interviewer_named_is_a_header_an_interviewer_speaking_is_a_turn() {
    for text in [
        "Jane Doe",
        "Dr. Jane Doe, Center for Oral History",
        "J. Doe Jr.",
        "李明",
        "",
        "Jane Doe (by phone)",
        "Jane Doe, graduate student",
        "Jane Doe [JD]",
        "Marie d'Arcy",
        "jane doe",
        "bell hooks",
        "Mario dos Santos",
        "Um Hye-jin",
        "Do Thi Mai",
        "Welcome Mthembu",
        "Will Smith",
        "Do Van Minh, field researcher",
        "Um Hye-jin (interviewer)",
        "Can Öztürk [CO]",
        "Hi Nguyen, team lead",
        "unknown",
        "[redacted]",
    ] {
        assert!(is_header(&turn("Interviewer", text)), "{text}");
    }
    for text in [
        "Shall we begin?",
        "Okay",
        "Hello",
        "Welcome Everyone",
        "Good Evening",
        "Thank You All",
        "Let's Begin",
        "so tell me about the farm",
        "So, tell me about yourself",
        "Tell me about the farm",
        "Hello, welcome to the group",
        "Good evening everyone and welcome to the group",
        "describe your typical day",
        "Thank you for coming.",
        "okay let’s start",
    ] {
        assert!(!is_header(&turn("Interviewer", text)), "{text}");
        assert!(!is_header(&turn("interviewer", text)), "{text}");
    }
    // A question put without a full stop reads as a description of who
    // took the role: the line after it tells them apart.
    for text in ["the library", "your first year", "about the move", "a member of the team"] {
        assert!(asks(&turn("Interviewer", text)), "{text}");
    }
    for text in ["Jane Doe", "The Hon. Jane Doe", "An Nguyen", "In-Sook Kim"] {
        assert!(!asks(&turn("Interviewer", text)), "{text}");
    }
    assert!(!asks(&turn("Location", "the old farm house")), "no role");
    assert!(header_follows(Some("Date of interview: 5 May 2020")));
    assert!(header_follows(Some("Location: Leeds")));
    assert!(!header_follows(Some("Participant: Yes, I went there most weeks.")));
    assert!(!header_follows(Some("Interviewer: the next question")));
    assert!(!header_follows(None));
    // Keys that are no one's role stay header lines, whatever follows.
    assert!(is_header(&turn("Location", "the old farm house")));
    assert!(is_header(&turn("Date", "so next week")));
}

#[test]
fn numbers_after_a_title_key_are_dropped_and_no_other() {
    for (key, bare) in [
        ("episode 42", "episode"),
        ("episode #42", "episode"),
        ("interview no. 3", "interview"),
        ("interview # 3", "interview"),
        ("focus group 2", "focus group"),
        ("entretien n° 2", "entretien"),
        ("episode 42a", "episode 42a"),
        ("participant 3", "participant 3"),
        ("case 12", "case 12"),
        ("episode", "episode"),
    ] {
        assert_eq!(numbered(key), bare, "{key}");
    }
}

#[test]
fn a_list_line_is_a_name_and_no_speech() {
    for line in ["Jane Doe", "- John Smith (chair)", "• Dr. Mary Major, Leeds", "2) Cllr Bo Chan"]
    {
        assert!(names_line(line), "{line}");
    }
    for line in ["The board met at ten.", "Okay.", "Thanks everyone for coming", "- ", ""] {
        assert!(!names_line(line), "{line}");
    }
    assert_eq!(unlisted("12. Ann Lee"), "Ann Lee");
    assert_eq!(unlisted("-Ann"), "-Ann");
}

#[test]
fn a_role_greeting_someone_by_name_speaks_and_a_role_named_and_described_does_not() {
    for said in [
        "Hello Mrs Jones, thank you for seeing me today",
        "Hi Tom, thanks for coming in",
        "Good morning Mr Okafor, shall we start",
    ] {
        assert!(!is_header(&turn("Interviewer", said)), "{said}");
    }
    for named in [
        "Jane Doe, who leads the project",
        "Jane Doe, graduate student",
        "Welcome Mthembu",
        "Dr. Jane Doe, and Tom Lee",
    ] {
        assert!(is_header(&turn("Interviewer", named)), "{named}");
    }
}
