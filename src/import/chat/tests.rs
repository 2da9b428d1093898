use super::*;
use crate::import::{Kind, detect, import_with_notes, sniff_text};
use crate::model::Conversation;

pub(super) fn read_ok(text: &str) -> (ConversationFile, Vec<Note>) {
    let (file, notes) = read(text, "chat").unwrap();
    // Whatever it read is a valid conversation.
    Conversation::new(file.clone()).unwrap();
    (file, notes)
}

/// A paragraph as (time, text, is a subhead).
pub(super) type Para = (String, String, bool);

/// Each section as (contributor, its paragraphs).
pub(super) fn sections(file: &ConversationFile) -> Vec<(String, Vec<Para>)> {
    file.sections
        .iter()
        .map(|s| {
            let paras = s
                .paragraphs
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    let time = s.times.get(i).cloned().unwrap_or_default();
                    (time, p.clone(), s.heads.contains(&i))
                })
                .collect();
            (s.contributor.clone(), paras)
        })
        .collect()
}

pub(super) fn p(time: &str, text: &str) -> Para {
    (time.into(), text.into(), false)
}

pub(super) fn head(text: &str) -> Para {
    (String::new(), text.into(), true)
}

const ANDROID: &str = "\
12/03/2024, 09:15 - Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them. Tap to learn more.
12/03/2024, 09:15 - Ana Lima created group \"Focus group 3\"
12/03/2024, 09:16 - Ana Lima: Welcome everyone!
12/03/2024, 09:17 - Ben Okafor: Hi Ana. I mostly use TikTok in the evening.
It helps me switch off after work.
12/03/2024, 09:19 - Ana Lima: <Media omitted>
13/03/2024, 08:20 - Ana Lima: What worries you about the data?
";

#[test]
fn android_messages_are_paragraphs_timed_with_a_subhead_for_each_day() {
    let (file, notes) = read_ok(ANDROID);
    assert_eq!(file.date, "2024-03-12", "the first day is the conversation's date");
    assert_eq!(
        file.contributors.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(),
        ["Ana Lima", "Ben Okafor"]
    );
    assert_eq!(
        sections(&file),
        [
            ("ana-lima".into(), vec![head("2024-03-12"), p("09:16", "Welcome everyone!")]),
            (
                "ben-okafor".into(),
                vec![p(
                    "09:17",
                    "Hi Ana. I mostly use TikTok in the evening.\nIt helps me switch off after work."
                )]
            ),
            (
                "ana-lima".into(),
                vec![
                    p("09:19", "<Media omitted>"),
                    head("2024-03-13"),
                    p("08:20", "What worries you about the data?"),
                ]
            ),
        ]
    );
    let messages: Vec<&str> = notes.iter().map(|n| n.message.as_str()).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(messages[0].contains("end-to-end"), "{messages:?}");
    assert!(messages[1].contains("created group"), "{messages:?}");
    assert!(messages.iter().all(|m| m.starts_with("dropped WhatsApp's line")));
}

#[test]
fn ios_stamps_in_brackets_with_seconds_and_marks_before_the_line() {
    let text = "\u{200e}[12/03/2024, 09:15:00] Focus group 3: \u{200e}Messages and calls are end-to-end encrypted.\n\
                [12/03/2024, 09:16:02] Ana Lima: Welcome!\n\
                \u{200e}[12/03/2024, 09:16:40] Ben Okafor: \u{200e}image omitted\n";
    let (file, notes) = read_ok(text);
    assert_eq!(
        sections(&file),
        [
            ("ana-lima".into(), vec![head("12/03/2024"), p("09:16:02", "Welcome!")]),
            ("ben-okafor".into(), vec![p("09:16:40", "image omitted")]),
        ],
        "the notice in the group's name is WhatsApp's, the placeholder the sender's"
    );
    assert_eq!(notes.len(), 1);
    assert!(notes[0].message.contains("Focus group 3: Messages and calls"), "{notes:?}");
}

#[test]
fn twelve_hour_clocks_month_first_and_the_narrow_space_newer_exports_write() {
    let text = "3/12/24, 9:16\u{202f}PM - Ana Lima: One\n\
                3/13/24, 10:02\u{202f}a.m. - Ana Lima: Two\n";
    let (file, _) = read_ok(text);
    assert_eq!(file.date, "2024-03-12", "13 in second place: the month comes first");
    assert_eq!(
        sections(&file),
        [(
            "ana-lima".into(),
            vec![head("2024-03-12"), p("9:16 PM", "One"), head("2024-03-13"), p("10:02 AM", "Two")]
        )]
    );
}

#[test]
fn dates_in_dots_year_first_and_spanish_marks() {
    let (file, _) = read_ok("12.03.24, 21:16 - Jörg: Hallo\n13.03.24, 07:00 - Jörg: Morgen\n");
    assert_eq!(file.date, "2024-03-12");
    let (file, _) = read_ok("[2024-03-12, 21:16:00] Ana: Hola\n");
    assert_eq!(file.date, "2024-03-12");
    let (file, _) = read_ok("12/3/24, 9:16 p. m. - Ana: Hola\n");
    assert_eq!(sections(&file)[0].1[1], p("9:16 PM", "Hola"));
}

#[test]
fn dates_no_number_of_which_says_the_day_are_kept_as_written() {
    let (file, _) = read_ok("03/04/2024, 09:16 - Ana: One\n04/04/2024, 09:16 - Ana: Two\n");
    assert_eq!(file.date, "2024", "3 April or 4 March: nothing says which, but the year");
    let heads: Vec<String> =
        sections(&file)[0].1.iter().filter(|(_, _, h)| *h).map(|(_, t, _)| t.clone()).collect();
    assert_eq!(heads, ["03/04/2024", "04/04/2024"]);
    // The Buddhist Era's year, as a phone set to the Thai calendar writes it.
    let (file, _) = read_ok("03/04/67 09:16 - Ana: One\n");
    assert_eq!(file.date, "2024");
}

#[test]
fn senders_are_taken_as_written_phone_numbers_emoji_and_strangers_included() {
    let text = "12/03/2024, 09:16 - \u{202a}+44 7700 900123\u{202c}: Hi\n\
                12/03/2024, 09:17 - ~\u{202f}Chen Wei: Hello\n\
                12/03/2024, 09:18 - Mum ❤️: Hey\n\
                12/03/2024, 09:19 - Ana: Note: bring ID\n";
    let (file, _) = read_ok(text);
    let names: Vec<&str> = file.contributors.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["+44 7700 900123", "Chen Wei", "Mum ❤️", "Ana"]);
    assert_eq!(sections(&file)[3].1[0], p("09:19", "Note: bring ID"), "only the first `: `");
}

#[test]
fn a_line_without_a_stamp_is_the_message_s_never_a_label() {
    let text = "12/03/2024, 09:16 - Ana: Agenda for today\n\
                Agenda: apps\n\
                \n\
                MODERATOR: kidding\n\
                12/03/2024, 09:17 - Ben: Ok\n";
    let (file, _) = read_ok(text);
    assert_eq!(file.contributors.len(), 2);
    assert_eq!(
        sections(&file)[0].1[1..],
        [p("09:16", "Agenda for today\nAgenda: apps"), p("", "MODERATOR: kidding")],
        "a blank line in a message starts another paragraph of it"
    );
}

#[test]
fn lines_whatsapp_writes_are_dropped_with_their_own_lines_and_counted_past_a_few() {
    let mut text = String::from("12/03/2024, 09:00 - Ana: Hi all\n");
    for i in 0..6 {
        text.push_str(&format!(
            "12/03/2024, 09:0{i} - Person {i} joined using this group's invite link\n"
        ));
    }
    text.push_str("12/03/2024, 09:10 - Ana changed the group description\nSecond line of it\n");
    text.push_str("12/03/2024, 09:11 - Ana changed the subject to \"Week 2: apps\"\n");
    text.push_str("12/03/2024, 09:12 - Ben: Hello\n");
    let (file, notes) = read_ok(&text);
    assert_eq!(file.contributors.len(), 2, "{:?}", file.contributors);
    assert_eq!(sections(&file)[0].1[1], p("09:00", "Hi all"), "the description is no one's");
    let messages: Vec<&str> = notes.iter().map(|n| n.message.as_str()).collect();
    assert_eq!(messages.len(), NAMED + 1, "{messages:?}");
    assert!(messages[NAMED].starts_with("dropped 5 more lines WhatsApp writes itself"));
}

#[test]
fn one_line_past_the_few_is_named_not_counted() {
    let mut text = String::from("12/03/2024, 09:00 - Ana: Hi all\n");
    for i in 0..=NAMED {
        text.push_str(&format!("12/03/2024, 09:0{i} - Person {i} left\n"));
    }
    let (_, notes) = read_ok(&text);
    assert_eq!(notes.len(), NAMED + 1);
    assert!(notes.iter().all(|n| n.message.starts_with("dropped WhatsApp's line")));
}

#[test]
fn the_invisible_marks_never_reach_a_note() {
    let (_, notes) = read_ok(
        "12/03/2024, 09:00 - Ana: Hi\n12/03/2024, 09:01 - Ana added \u{202a}+44 7700 900123\u{202c}\n",
    );
    assert_eq!(notes.len(), 1);
    assert!(notes[0].message.contains("added +44 7700 900123\""), "{}", notes[0].message);
}

#[test]
fn a_message_with_no_text_is_left_out_with_a_note() {
    let (file, notes) = read_ok("12/03/2024, 09:00 - Ana:\n12/03/2024, 09:01 - Ben: Hi\n");
    assert_eq!(file.contributors.len(), 1, "Ana says nothing: no voice");
    assert_eq!(notes[0].message, "line 1: a message with no text, left out");
    assert_eq!(notes[0].label, "Ana");
}

#[test]
fn text_before_the_first_stamp_is_the_introduction() {
    let (file, notes) = read_ok("Exported for the study\n12/03/2024, 09:00 - Ana: Hi\n");
    assert_eq!(file.intro, ["Exported for the study"]);
    assert!(notes[0].message.starts_with("line 1, before the first message"), "{notes:?}");
}

#[test]
fn a_file_with_no_message_is_refused_with_what_one_looks_like() {
    let e = read("JANE: Hello\nBOB: Hi\n", "x").unwrap_err();
    assert_eq!(e.line, 2);
    assert!(e.message.starts_with("no chat messages; expected lines such as"), "{}", e.message);
}

#[test]
fn only_a_stamp_opening_the_first_line_makes_a_chat() {
    assert_eq!(sniff_text(ANDROID), crate::import::Format::Chat);
    assert_eq!(detect("[12/03/2024, 09:16:02] Ana: Hi"), Kind::Chat);
    for not in [
        "JANE: 12/03/2024, 09:16 - notes",
        "12/03/2024 - Ana: Hi",
        "12/03/2024, 9 - Ana: Hi",
        "1/2/3/4, 09:16 - Ana: Hi",
        "123/03/2024, 09:16 - Ana: Hi",
        "12:03:2024, 09:16 - Ana: Hi",
        "[12/03/2024, 09:16]Ana: Hi",
        "12/03/2024, 09:16 noon - Ana: Hi",
        "SMITH: 12/03/2024",
    ] {
        assert_ne!(detect(not), Kind::Chat, "{not}");
    }
    assert_eq!(detect("2020/12/03, 10:00 - x: y"), Kind::Chat);
}

#[test]
fn a_stamp_is_judged_from_the_line_s_start_alone() {
    let long = format!("12/03/2024, 09:16 - Ana: {}", "word ".repeat(10_000));
    let marked = format!("{}{long}", "\u{200e}".repeat(20));
    for line in [&long, &marked] {
        let judged = judged(line);
        let cut: String =
            line.char_indices().take_while(|&(at, _)| at <= judged).map(|(_, c)| c).collect();
        assert!(is_chat_line(&cut) && is_chat_line(line));
    }
}

#[test]
fn chats_come_back_from_markdown_as_they_were_read() {
    let (file, _) = read_ok(ANDROID);
    let doc = Conversation::new(file.clone()).unwrap();
    let md = crate::export::markdown::conversation(&doc);
    let (back, _) = import_with_notes(&md, Kind::Markdown, "chat").unwrap();
    assert_eq!(back.sections, file.sections);
    assert_eq!(back.date, file.date);
}

#[test]
fn the_summary_counts_messages_not_dates() {
    let (file, _) = read_ok(ANDROID);
    let summary = crate::import::Summary::of(&file);
    assert_eq!(summary.voices[0].paragraphs, 3, "{summary:?}");
}

const ZOOM: &str = "\
00:05:12 From Jane Smith to Everyone:
\tHello everyone, thanks for joining.
\tPlease keep your cameras on if you can.
00:05:40 From Bob Lee to Jane Smith(Direct Message):
\tcan you hear me?
00:06:02 From Chen Wei to Everyone:
\tYes, loud and clear
00:06:10 From Bob Lee to Everyone:
\tReacted to \"Yes, loud and clear\" with 👍
";

#[test]
fn zoom_s_saved_chat_each_message_below_its_line() {
    assert_eq!(sniff_text(ZOOM), crate::import::Format::Chat);
    let (file, notes) = read_ok(ZOOM);
    assert_eq!(file.date, "", "Zoom writes no date");
    assert_eq!(
        sections(&file),
        [
            (
                "jane-smith".into(),
                vec![p(
                    "00:05:12",
                    "Hello everyone, thanks for joining.\nPlease keep your cameras on if you can."
                )]
            ),
            ("bob-lee".into(), vec![p("00:05:40", "can you hear me?")]),
            ("chen-wei".into(), vec![p("00:06:02", "Yes, loud and clear")]),
            ("bob-lee".into(), vec![p("00:06:10", "Reacted to \"Yes, loud and clear\" with 👍")]),
        ]
    );
    assert_eq!(
        notes.iter().map(|n| n.message.as_str()).collect::<Vec<_>>(),
        [
            "1 message not sent to everyone (a direct message, or to a breakout room) kept as their senders' paragraphs (such as Bob Lee's to Jane Smith): line 4"
        ]
    );
}

#[test]
fn zoom_s_chat_as_it_was_saved_before_2022() {
    let text = "10:30:15\t From  Jane Smith : Hello everyone, thanks for joining.\n\
                10:31:02\t From  Bob Lee  to  Jane Smith(Privately) : can you hear me?\n\
                10:31:40\t From  Chen Wei : Yes: loud and clear\n";
    assert_eq!(detect(text), Kind::Chat);
    let (file, notes) = read_ok(text);
    let names: Vec<&str> = file.contributors.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Jane Smith", "Bob Lee", "Chen Wei"]);
    assert_eq!(sections(&file)[2].1, [p("10:31:40", "Yes: loud and clear")]);
    assert!(notes[0].message.contains("(such as Bob Lee's to Jane Smith): line 2"), "{notes:?}");
}

#[test]
fn a_transcript_with_times_is_no_zoom_chat() {
    for not in [
        "00:05:12 From the start, I think: yes",
        "00:05:12 From here to there",
        "00:05 From Jane to Everyone:",
        "[00:05:12] From Jane to Everyone:",
        "00:05:12 Fromage to Everyone:",
        "00:05:12 JANE: From here to there:",
    ] {
        assert_ne!(detect(not), Kind::Chat, "{not}");
    }
    let long = format!("00:05:12 From {} to Everyone:", "Jane ".repeat(60));
    assert_ne!(detect(&long), Kind::Chat, "a line that long is no Zoom line");
}

#[test]
fn telegram_s_json_export_each_message_of_its_sender_with_days() {
    let text = r#"{
 "name": "Group 5",
 "type": "private_supergroup",
 "id": 1,
 "messages": [
  {"id": 1, "type": "service", "date": "2024-03-12T19:02:11", "actor": "Ana", "action": "create_group", "text": ""},
  {"id": 2, "type": "message", "date": "2024-03-12T19:05:40", "from": "Ana", "text": "Hi\nall"},
  {"id": 3, "type": "message", "date": "2024-03-12T19:06:00", "from": "Sam",
   "text": ["See ", {"type": "link", "text": "https://x.org"}, " and ", {"type": "bold", "text": "this"}]},
  {"id": 4, "type": "message", "date": "2024-03-13T08:00:00", "from": null, "forwarded_from": "News",
   "photo": "photos/a.jpg", "text": "Caption"},
  {"id": 5, "type": "message", "date": "2024-03-13T08:01:00", "from": "Sam", "text": "", "media_type": "sticker", "sticker_emoji": "👍", "file": "x"},
  {"id": 6, "type": "message", "date": "2024-03-13T08:02:00", "from": "Sam", "text": "", "file": "x", "file_name": "notes.pdf"},
  {"id": 7, "type": "message", "date": "2024-03-13T08:03:00", "from": "Sam", "text": "", "poll": {"question": "Which app?", "answers": [{"text": "TikTok", "voters": 3, "chosen": false}, {"text": "WeChat", "voters": 2}]}},
  {"id": 8, "type": "message", "date": "2024-03-13T08:04:00", "from": "Ana", "text": ""},
  {"id": 9, "type": "message", "from": "Sam", "text": "undated"}
 ]
}"#;
    assert_eq!(sniff_text(text), crate::import::Format::Chat);
    let (file, notes) = read_ok(text);
    assert_eq!((file.title.as_str(), file.date.as_str()), ("Group 5", "2024-03-12"));
    assert_eq!(
        sections(&file),
        [
            ("ana".into(), vec![head("2024-03-12"), p("19:05:40", "Hi\nall")]),
            ("sam".into(), vec![p("19:06:00", "See https://x.org and this")]),
            (
                "deleted-account".into(),
                vec![head("2024-03-13"), p("08:00:00", "[forwarded from News] [photo] Caption")]
            ),
            (
                "sam".into(),
                vec![
                    p("08:01:00", "[sticker 👍]"),
                    p("08:02:00", "[file: notes.pdf]"),
                    p("08:03:00", "[poll: Which app? — TikTok (3), WeChat (2)]"),
                    p("", "undated"),
                ]
            ),
        ]
    );
    let messages: Vec<&str> = notes.iter().map(|n| n.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "message 8: a message with no text, left out",
            "dropped Telegram's service message \"Ana: create group\", which is no one's speech",
        ]
    );
}

#[test]
fn a_broken_telegram_export_names_its_line_and_column() {
    let text = "{\n \"name\": \"G\",\n \"messages\": [\n  {\"id\": 1,, }\n ]\n}\n";
    let e = read(text, "x").unwrap_err();
    assert_eq!(e.line, 4);
    assert!(e.message.starts_with("column 12: not a Telegram chat export:"), "{}", e.message);
    let e = read("{\"messages\": []}", "x").unwrap_err();
    assert!(
        e.message.starts_with("no messages with a sender: not a Telegram chat export"),
        "{}",
        e.message
    );
}

#[test]
fn only_json_with_messages_near_its_start_is_a_telegram_export() {
    assert_eq!(detect("{\"name\": \"x\", \"messages\": []}"), Kind::Chat);
    assert_ne!(detect("{\"name\": \"x\"}"), Kind::Chat);
    assert_ne!(detect("JANE: the \"messages\" {were}"), Kind::Chat);
    let far = format!("{{\"name\": \"{}\", \"messages\": []}}", "x".repeat(5000));
    assert_ne!(detect(&far), Kind::Chat, "judged by the first 4 KiB, as the stream sniffs");
}

#[test]
fn zoom_names_with_to_in_them_and_rooms() {
    let old = "10:30:15\t From  Back to Basics Club : Hi\n10:31:02\t From  Bob  to  Back to Basics Club(Direct Message) : hey\n";
    let (file, notes) = read_ok(old);
    let names: Vec<&str> = file.contributors.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Back to Basics Club", "Bob"]);
    assert!(
        notes[0].message.contains("(such as Bob's to Back to Basics Club): line 2"),
        "{notes:?}"
    );
    let long = format!(
        "Dr. Jane Smith, {}",
        "Department of Sociology, University of Somewhere ".repeat(2)
    );
    let new = format!(
        "00:01:00 From Ben to Breakout Room 1:\n\tHello room\n00:02:00 From {long} to Everyone:\n\tHi all\n"
    );
    let (file, notes) = read_ok(&new);
    assert_eq!(file.contributors[1].name, long.trim());
    assert!(notes[0].message.starts_with("1 message not sent to everyone"), "{notes:?}");
}

#[test]
fn telegram_accounts_that_share_a_name_stay_apart() {
    let text = r#"{"name": "G", "messages": [
  {"id": 1, "type": "message", "date": "2024-03-12T10:00:00", "from": "Alex", "from_id": "user1", "text": "one"},
  {"id": 2, "type": "message", "date": "2024-03-12T10:01:00", "from": "Alex", "from_id": "user2", "text": "two"},
  {"id": 3, "type": "message", "date": "2024-03-12T10:02:00", "from": null, "from_id": "user3", "text": "three"},
  {"id": 4, "type": "message", "date": "2024-03-12T10:03:00", "from": null, "from_id": "user4", "text": "four"},
  {"id": 5, "type": "message", "date": "2024-03-12T10:04:00", "from": "Sam", "from_id": "user5", "text": "five"}
]}"#;
    let (file, _) = read_ok(text);
    let names: Vec<&str> = file.contributors.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Alex (user1)",
            "Alex (user2)",
            "Deleted Account (user3)",
            "Deleted Account (user4)",
            "Sam"
        ]
    );
}

#[test]
fn json_that_is_no_telegram_chat_says_so() {
    let account = r#"{"about": "x", "messages": [], "chats": {"list": []}}"#;
    let e = read(account, "x").unwrap_err();
    assert!(e.message.starts_with("a whole Telegram account's export"), "{}", e.message);
    let openai = "{\"messages\": [\n {\"role\": \"user\", \"content\": \"hi\", \"text\": 5}\n]}";
    let e = read(openai, "x").unwrap_err();
    assert!(
        e.message
            .contains("not a Telegram chat export: its messages are not as Telegram writes them"),
        "{}",
        e.message
    );
    assert!(!e.message.contains("untagged"), "{}", e.message);
}
