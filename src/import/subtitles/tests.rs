//! Cue timing, speakers, pauses and errors, on small files.

use super::*;

#[test]
fn vtt_speakers_pauses_and_errors() {
    let text = "WEBVTT\nKind: captions\n\nNOTE a comment\n\n1\n00:00:01.000 --> 00:00:02.000 align:start\n<v Ann>Hello</v>\n\n00:00:02.500 --> 00:00:03.000\nthere.\n\n00:00:06.000 --> 00:00:07.000\nAgain.\n\n00:00:07.000 --> 00:00:08.000\nBob: Hi.\n";
    let (f, notes) = read_vtt(text, "t").expect("reads");
    assert!(notes.is_empty());
    let names: Vec<&str> = f.contributors.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Ann", "Bob"]);
    assert_eq!(f.sections[0].paragraphs, ["Hello there.", "Again."]);
    assert_eq!(f.sections[0].times, ["00:00:01", "00:00:06"]);
    assert_eq!(f.sections[1].paragraphs, ["Hi."]);
    let e = read_vtt("WEBVTT\n\n00:00:01.000 -> 00:00:02.000\nhi\n", "t").expect_err("bad");
    assert_eq!(e.line, 3);
    assert_eq!(
        e.message,
        "expected a timing line such as `00:00:01.000 --> 00:00:04.000` (after an optional cue id), found \"00:00:01.000 -> 00:00:02.000\"; the arrow between the times is `-->`"
    );
    // Text after a blank line in a cue: that is the problem named.
    let e = read_vtt("WEBVTT\n\n00:01.000 --> 00:02.000\nhi\n\nmore text\n", "t").expect_err("bad");
    assert_eq!(e.line, 6);
    assert!(e.message.ends_with("; cue text cannot hold a blank line"), "{}", e.message);
    let e = read_vtt("WEBVTT\n\n1\n00:00:01.000 --> 00:0x:02.000\nhi\n", "t").expect_err("bad");
    assert_eq!(e.line, 4);
    assert!(e.message.contains("00:0x:02.000"), "{}", e.message);
    assert_eq!(read_vtt("Hello\n", "t").expect_err("no header").line, 1);
    // No blank line after the header: the cue is still read.
    let (f, _) = read_vtt("WEBVTT\n00:01.000 --> 00:02.000\nAnn: Hi.\n", "t").expect("reads");
    assert_eq!(f.sections[0].paragraphs, ["Hi."]);
}

#[test]
fn srt_without_speakers_is_one_voice() {
    let text = "1\n00:00:01,000 --> 00:00:02,000\n<i>Hello</i>\nthere.\n\n2\n00:00:02,100 --> 00:00:03,000\nMore.\n";
    let (f, _) = read_srt(text, "t").expect("reads");
    assert_eq!(f.contributors[0].name, "Speaker");
    assert_eq!(f.sections[0].paragraphs, ["Hello there. More."]);
    // A colon on a later line is text; `- Name:` and `>> NAME:` are speakers.
    let text = "1\n00:00:01,000 --> 00:00:02,000\nAnn: The plan\nAgenda: first item\n- Bob: Yes.\n>> CAROL: No.\n";
    let (f, _) = read_srt(text, "t").expect("reads");
    let names: Vec<&str> = f.contributors.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Ann", "Bob", "CAROL"]);
    assert_eq!(f.sections[0].paragraphs, ["The plan Agenda: first item"]);
    let vtt = "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ann>The plan\nAgenda: first</v>\n";
    let (f, _) = read_vtt(vtt, "t").expect("reads");
    assert_eq!(f.sections[0].paragraphs, ["The plan Agenda: first"]);
    let e = read_srt("1\n00:00:01,000 --> 00:00:02,000\nhi\n\n2\nxx --> yy\nho\n", "t")
        .expect_err("bad");
    assert_eq!(e.line, 6);
    assert_eq!(
        e.message,
        "expected a timing line such as `00:00:01,000 --> 00:00:04,000`, found \"xx --> yy\""
    );
    assert_eq!(read_srt("\n\n", "t").expect_err("empty").line, 1);
}

/// Two speakers' lines in one cue, each after a dash (as film and TV
/// subtitles set dialogue), or a broadcast's `>>` with no name: another
/// speaks there, who the file does not say, so a paragraph starts. They
/// ran on in one paragraph, the dashes in the text.
#[test]
fn a_dash_or_chevrons_with_no_name_start_a_paragraph() {
    let text = "1\n00:00:01,000 --> 00:00:03,000\n- Where are you going?\n- Home.\n\n2\n00:00:03,100 --> 00:00:04,000\nI thought so.\n\n3\n00:00:04,100 --> 00:00:05,000\n-Really?\n–¿En serio?\n\n4\n00:00:05,100 --> 00:00:06,000\n-5 degrees and -- well\n>> And now the weather.\n";
    let (f, _) = read_srt(text, "t").expect("reads");
    assert_eq!(
        f.sections[0].paragraphs,
        [
            "Where are you going?",
            "Home. I thought so.",
            "Really?",
            "¿En serio? -5 degrees and -- well",
            "And now the weather."
        ]
    );
    assert_eq!(f.sections[0].times, ["00:00:01", "00:00:01", "00:00:04", "00:00:04", "00:00:05"]);
    let vtt = "WEBVTT\n\n00:01.000 --> 00:03.000\n- Hi.\n- Hello.\n";
    assert_eq!(read_vtt(vtt, "t").expect("reads").0.sections[0].paragraphs, ["Hi.", "Hello."]);
    // Among named speakers: the same speaker's next paragraph (no name
    // says who); a dash with a name is that speaker's, as before.
    let text = "1\n00:00:01,000 --> 00:00:03,000\nANN: Where to?\n- Home.\n- BOB: Later.\n";
    let (f, _) = read_srt(text, "t").expect("reads");
    assert_eq!(f.sections[0].paragraphs, ["Where to?", "Home."]);
    assert_eq!(f.sections[1].paragraphs, ["Later."]);
}

#[test]
fn leading_stage_directions_open_the_first_speakers_turn() {
    let text = "1\n00:00:00,500 --> 00:00:01,000\n[MUSIC]\n\n2\n00:00:01,000 --> 00:00:02,000\n(applause)\n\n3\n00:00:02,000 --> 00:00:03,000\nAnn: Welcome.\n\n4\n00:00:03,000 --> 00:00:04,000\nBob: Thanks.\n";
    let (f, _) = read_srt(text, "t").expect("reads");
    let names: Vec<&str> = f.contributors.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Ann", "Bob"]);
    assert_eq!(f.sections[0].paragraphs, ["[MUSIC]", "(applause)", "Welcome."]);
    assert_eq!(f.sections[0].times, ["00:00:00", "00:00:01", "00:00:02"]);
    let vtt =
        "WEBVTT\n\n00:01.000 --> 00:02.000\n[MUSIC]\n\n00:02.000 --> 00:03.000\n<v Ann>Hi.</v>\n";
    let (f, _) = read_vtt(vtt, "t").expect("reads");
    assert_eq!(f.contributors.len(), 1);
    assert_eq!(f.sections[0].paragraphs, ["[MUSIC]", "Hi."]);
    // Text before the first speaker, or no speaker at all: a voice `Speaker`.
    let (f, _) = read_srt("1\n00:00:01,000 --> 00:00:02,000\n[MUSIC]\n", "t").expect("reads");
    assert_eq!(f.contributors[0].name, "Speaker");
    let text =
        "1\n00:00:01,000 --> 00:00:02,000\nHello.\n\n2\n00:00:02,000 --> 00:00:03,000\nAnn: Hi.\n";
    let (f, _) = read_srt(text, "t").expect("reads");
    assert_eq!(f.contributors[0].name, "Speaker");
}

#[test]
fn cues_without_a_blank_line_between_are_still_cues() {
    // As some tools write SRT: numbers and timing lines, no blank lines.
    let text = "1\n00:00:01,000 --> 00:00:03,000\nANNA: One.\n2\n00:00:03,500 --> 00:00:06,000\nBEN: Two.\n3\n00:00:06,500 --> 00:00:08,000\nANNA: Three.\n";
    let (f, _) = read_srt(text, "t").expect("reads");
    let names: Vec<&str> = f.contributors.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["ANNA", "BEN"]);
    assert_eq!(f.sections[0].paragraphs, ["One."]);
    assert_eq!(f.sections[1].paragraphs, ["Two."]);
    assert_eq!(f.sections[2].paragraphs, ["Three."]);
    assert_eq!(f.sections[2].times, ["00:00:06"]);
    let vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Ana>One.</v>\n00:00:03.500 --> 00:00:06.000\n<v Ben>Two.</v>\n";
    let (f, _) = read_vtt(vtt, "t").expect("reads");
    assert_eq!(f.sections[0].paragraphs, ["One."]);
    assert_eq!(f.sections[1].paragraphs, ["Two."]);
    // Teams' cue ids; a line of text that is not an id stays text.
    let id = "0a1b2c3d-0000-4000-8000-00000000abcd/12-0";
    let vtt = format!(
        "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Ana>One.</v>\n{id}\n00:00:03.500 --> 00:00:06.000\n<v Ana>Two.</v>\nFine\n00:00:06.000 --> 00:00:07.000\n<v Ana>Three.</v>\n"
    );
    let (f, _) = read_vtt(&vtt, "t").expect("reads");
    assert_eq!(f.sections[0].paragraphs, ["One. Two. Fine Three."]);
    // An arrow in a cue's text is no timing line.
    let (f, _) = read_srt("1\n00:00:01,000 --> 00:00:02,000\nANN: rates\n5 --> 10 dollars.\n", "t")
        .expect("reads");
    assert_eq!(f.sections[0].paragraphs, ["rates 5 --> 10 dollars."]);
    // A cue whose text is a number keeps it.
    let (f, _) =
        read_srt("1\n00:00:01,000 --> 00:00:02,000\n42\n00:00:02,000 --> 00:00:03,000\nho\n", "t")
            .expect("reads");
    assert_eq!(f.sections[0].paragraphs, ["42 ho"]);
}

#[test]
fn a_byte_order_mark_opening_a_line_is_dropped() {
    let text = "1\n00:00:01,000 --> 00:00:02,000\nAnn: Hi.\n\n\u{feff}2\n00:00:02,000 --> 00:00:03,000\n\u{feff}Bob: Yo.\n";
    let (f, _) = read_srt(text, "t").expect("reads");
    let names: Vec<&str> = f.contributors.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Ann", "Bob"]);
    assert_eq!(f.sections[1].paragraphs, ["Yo."]);
}

#[test]
fn zoom_labels_every_cue_with_display_names_as_people_set_them() {
    let cue = |n: usize, text: &str| format!("{n}\n00:00:0{n}.000 --> 00:00:0{n}.900\n{text}\n\n");
    let lines = [
        "Priya Raman: Okay, we are recording.",
        "jsmith: hello everyone",
        "Priya Raman: Welcome.",
        "iPhone de María: Sorry, I am on my phone.",
        "Jensen, Lars: Good morning.",
        "and then: the budget.",
    ];
    let text: String = "WEBVTT\n\n".to_owned()
        + &lines.iter().enumerate().map(|(i, l)| cue(i + 1, l)).collect::<String>();
    let (f, _) = read_vtt(&text, "t").expect("reads");
    let names: Vec<&str> = f.contributors.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Priya Raman", "jsmith", "iPhone de María", "Jensen, Lars"]);
    // Words in lowercase before a colon are a cue's text, not a name.
    assert_eq!(
        f.sections.last().expect("a section").paragraphs,
        ["Good morning. and then: the budget."]
    );
}

#[test]
fn automatic_captions_saved_as_srt_are_said_once() {
    // yt-dlp's SRT of YouTube's automatic captions: each cue repeats the
    // line the one before ended with, and a cue of 10 ms holds only that
    // line (and a blank). Every line came in three times.
    let lines = [
        "hello everyone and welcome back to the",
        "channel today we're going to talk about",
        "how city councils actually set budgets",
        "and why it matters for your street",
    ];
    let mut text = String::new();
    let mut n = 0;
    let mut cue = |text: &mut String, body: &str| {
        n += 1;
        let t = n * 1000;
        text.push_str(&format!(
            "{n}\n00:00:{:02},{:03} --> 00:00:{:02},{:03}\n{body}\n\n",
            t / 1000,
            0,
            t / 1000,
            900
        ));
    };
    cue(&mut text, lines[0]);
    for pair in lines.windows(2) {
        cue(&mut text, &format!("{}\n ", pair[0]));
        cue(&mut text, &format!("{}\n{}", pair[0], pair[1]));
    }
    let (f, _) = read_srt(&text, "t").expect("reads");
    assert_eq!(f.sections[0].paragraphs, [lines.join(" ")]);
    // Subtitles that repeat the line before once or twice are not rolling:
    // what they repeat is said again.
    let said = "1\n00:00:01,000 --> 00:00:02,000\nNo.\n\n2\n00:00:02,000 --> 00:00:03,000\nNo.\nNever.\n\n3\n00:00:03,000 --> 00:00:04,000\nWhy not?\n\n4\n00:00:04,000 --> 00:00:05,000\nBecause.\n\n5\n00:00:05,000 --> 00:00:06,000\nBecause.\n";
    let (f, _) = read_srt(said, "t").expect("reads");
    assert_eq!(f.sections[0].paragraphs, ["No. No. Never. Why not? Because. Because."]);
}

#[test]
fn whisperx_labels_in_cues_are_speakers() {
    // whisperX's subtitles name the voices it tells apart in every cue.
    let srt = "1\n00:00:00,031 --> 00:00:04,512\n[SPEAKER_00]: Good evening.\n\n2\n00:00:04,632 --> 00:00:09,880\n[SPEAKER_00]: Comment is limited.\n\n3\n00:00:10,120 --> 00:00:14,200\n[SPEAKER_01]: Thank you.\n\n4\n00:00:14,300 --> 00:00:15,000\n[music]: la la\n";
    let (f, _) = read_srt(srt, "t").expect("reads");
    let names: Vec<&str> = f.contributors.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["SPEAKER_00", "SPEAKER_01"]);
    assert_eq!(f.sections[0].paragraphs, ["Good evening. Comment is limited."]);
    assert_eq!(f.sections[1].paragraphs, ["Thank you. [music]: la la"]);
    let vtt = "WEBVTT\n\n00:00.031 --> 00:04.512\n[SPEAKER_00]: Good evening.\n\n00:10.120 --> 00:14.200\n[SPEAKER_01]: Thank you.\n";
    let (f, _) = read_vtt(vtt, "t").expect("reads");
    let names: Vec<&str> = f.contributors.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["SPEAKER_00", "SPEAKER_01"]);
}
