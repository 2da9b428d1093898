//! Chats exported from WhatsApp (tests/fixtures/chats, written for these
//! tests in the layouts Android and iOS write), through the binary as a
//! researcher runs it: `crosstalk import FILE -o OUT.ron`, what it says on
//! standard error, and what the conversation holds.

mod common;

use std::collections::HashMap;

use common::cli::{run, stderr, temp};
use crosstalk::import::{Kind, import};
use crosstalk::model::ConversationFile;

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/chats/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).expect("fixture")
}

/// `crosstalk import FILE -o out.ron` (with `extra` arguments): the
/// conversation and what was said on standard error.
fn through_binary(name: &str, extra: &[&str]) -> (ConversationFile, String) {
    // A folder of its own for each run: tests run at once, some on one file.
    static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let run_no = RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = temp("chats", &format!("{run_no}-{name}"));
    let input = dir.join(name);
    std::fs::write(&input, fixture(name)).expect("write");
    let out = dir.join("out.ron");
    let mut args = vec!["import".to_owned(), input.display().to_string()];
    args.extend(extra.iter().map(|a| (*a).to_owned()));
    args.extend(["-o".to_owned(), out.display().to_string()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = run(&args, &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    let doc = crosstalk::store::load_conversation(&out).expect("a conversation file");
    (doc.to_file(), stderr(&o))
}

/// Who speaks each turn, by name.
fn turns(f: &ConversationFile) -> Vec<&str> {
    let name: HashMap<&str, &str> =
        f.contributors.iter().map(|c| (c.id.as_str(), c.name.as_str())).collect();
    f.sections.iter().map(|s| name[s.contributor.as_str()]).collect()
}

/// Every paragraph in turn order as (time, text, is a subhead).
fn paragraphs(f: &ConversationFile) -> Vec<(&str, &str, bool)> {
    f.sections
        .iter()
        .flat_map(|s| {
            s.paragraphs.iter().enumerate().map(|(i, p)| {
                (s.times.get(i).map_or("", String::as_str), p.as_str(), s.heads.contains(&i))
            })
        })
        .collect()
}

#[test]
fn an_android_export_imports_with_its_voices_days_and_times() {
    let (f, said) = through_binary("whatsapp-android.txt", &[]);
    assert_eq!(
        turns(&f),
        [
            "Ana Lima",
            "+44 7700 900123",
            "Chen Wei",
            "Dana Kowalski",
            "Ana Lima",
            "Chen Wei",
            "Ana Lima"
        ]
    );
    assert_eq!(f.date, "2024-03-12");
    let p = paragraphs(&f);
    assert_eq!(p[0], ("", "2024-03-12", true));
    assert_eq!(
        p[1],
        (
            "19:05",
            "Welcome, everyone, and thank you for joining 🙏\nThis group is for the study on short-video apps. I'll post one question a day; answer whenever suits you.",
            false
        )
    );
    assert!(p.contains(&("19:21", "<Media omitted>", false)), "what was sent stays");
    assert!(p.contains(&("", "2024-03-13", true)) && p.contains(&("", "2024-03-14", true)));
    assert!(
        p.contains(&(
            "10:02",
            "Sure. Two things:\n1. who can read my messages\n2. whether the \"U.S.\" ban changes anything",
            false
        )),
        "a message's lines are its own, never labels: {p:#?}"
    );
    assert!(p.contains(&(
        "",
        "To be honest I worry about who sees the data — my parents still use WeChat in Ürümqi.",
        false
    )));
    // WhatsApp's own lines: dropped, each said, none a voice.
    assert!(
        said.contains("note: dropped WhatsApp's line \"12/03/2024, 19:02 - Messages and calls")
    );
    assert!(said.contains("note: dropped 2 more lines WhatsApp writes itself"), "{said}");
    assert!(
        said.contains(
            "4 speakers, 7 turns, 12 paragraphs: Ana Lima 3 turns, +44 7700 900123 1, Chen Wei 2, Dana Kowalski 1"
        ),
        "{said}"
    );
    assert!(
        !said.contains('\u{202a}') && !said.contains('\u{202c}'),
        "no isolates on the terminal"
    );
    nothing_lost(&fixture("whatsapp-android.txt"), &f);
}

#[test]
fn an_ios_export_imports_with_its_marks_dropped_and_strangers_named() {
    let (f, said) = through_binary("whatsapp-ios.txt", &[]);
    assert_eq!(turns(&f), ["Ana Lima", "Sam", "Chen Wei", "Dana Kowalski", "Chen Wei"]);
    assert_eq!(f.date, "2024-03-12", "3/13/24: the month comes first");
    let p = paragraphs(&f);
    assert_eq!(p[1], ("7:05:40 PM", "Welcome, everyone 🙏\nI'll post one question a day.", false));
    assert!(p.contains(&("7:21:30 PM", "image omitted", false)), "{p:#?}");
    assert!(p.contains(&("8:16:02 AM", "This message was deleted.", false)), "{p:#?}");
    assert!(said.contains("Ana Lima created this group"), "{said}");
    assert!(said.contains("Messages and cal"), "{said}");
    assert!(!said.contains('\u{200e}'), "{said:?}");
}

#[test]
fn a_zoom_meeting_chat_imports_with_its_direct_message_said() {
    let (f, said) = through_binary("zoom-chat.txt", &[]);
    assert_eq!(
        turns(&f),
        [
            "Maria Okonkwo (Moderator)",
            "Participant 4",
            "Participant 2",
            "Participant 4",
            "Maria Okonkwo (Moderator)"
        ]
    );
    let p = paragraphs(&f);
    assert_eq!(p[4], ("00:05:12", "Thank you both.\nNext question in two minutes.", false));
    assert!(p.iter().all(|(_, _, head)| !head), "Zoom writes no dates");
    assert!(
        said.contains("note: 1 message not sent to everyone (a direct message, or to a breakout room) kept as their senders' paragraphs (such as Participant 2's to Maria Okonkwo (Moderator)): line 5"),
        "{said}"
    );
    nothing_lost(&fixture("zoom-chat.txt"), &f);
}

#[test]
fn a_telegram_export_imports_with_its_service_messages_dropped() {
    let (f, said) = through_binary("telegram-result.json", &[]);
    assert_eq!(f.title, "Apps study – group 5");
    assert_eq!(turns(&f), ["Ana Lima", "Sam", "Deleted Account", "Chen Wei", "Ana Lima"]);
    let p = paragraphs(&f);
    assert!(p.contains(&(
        "19:20:03",
        "Evenings, mostly. I read https://www.chinafile.com on the bus, never at work.",
        false
    )));
    assert!(p.contains(&("19:21:30", "[photo] my screen time 😅", false)), "{p:#?}");
    assert!(p.contains(&("08:16:02", "[voice message]", false)), "{p:#?}");
    assert!(p.contains(&("", "And whether the \"U.S.\" ban changes anything.", false)));
    assert!(p.contains(&("", "2024-03-13", true)));
    assert!(
        said.contains("note: dropped Telegram's service message \"Ana Lima: invite members\""),
        "{said}"
    );
    assert!(said.contains("4 speakers, 5 turns, 8 paragraphs"), "{said}");
}

#[test]
fn speakers_of_a_chat_are_named_like_any_import_s() {
    let (f, _) = through_binary(
        "whatsapp-android.txt",
        &["--speaker", "+44 7700 900123=Participant 2; Group 3"],
    );
    let c = f.contributors.iter().find(|c| c.name == "Participant 2").expect("named");
    assert_eq!(c.affiliation, "Group 3");
    assert!(!f.contributors.iter().any(|c| c.name.contains("7700")));
}

#[test]
fn a_chat_comes_back_from_markdown_as_it_was_read() {
    for name in
        ["whatsapp-android.txt", "whatsapp-ios.txt", "zoom-chat.txt", "telegram-result.json"]
    {
        let f = import(&fixture(name), Kind::Chat, "chat").expect("imports");
        let doc = crosstalk::model::Conversation::new(f.clone()).expect("valid");
        let md = crosstalk::export::markdown::conversation(&doc);
        assert_eq!(import(&md, Kind::Markdown, "chat").expect("markdown"), doc.to_file(), "{name}");
    }
}

/// Every character of the messages is in the conversation: the input,
/// without the stamps, the senders' names, the invisible marks and the
/// lines WhatsApp writes itself, counted character by character.
fn nothing_lost(input: &str, f: &ConversationFile) {
    let mut have: HashMap<char, i64> = HashMap::new();
    for p in f.sections.iter().flat_map(|s| &s.paragraphs) {
        for c in p.chars() {
            *have.entry(c).or_default() += 1;
        }
    }
    for line in input.lines() {
        // Zoom's line above each message names only who and when.
        if line.contains(" From ") && line.ends_with(':') {
            continue;
        }
        let text = match line.split_once(" - ") {
            Some((stamp, rest)) if stamp.len() < 24 && stamp.contains(", ") => {
                match rest.split_once(": ") {
                    // A quotation before the colon: the subject changed.
                    Some((who, said)) if !who.contains('"') => said,
                    _ => continue,
                }
            }
            _ => line,
        };
        for c in text.chars().filter(|c| !c.is_whitespace()) {
            let n = have.entry(c).or_default();
            *n -= 1;
            assert!(*n >= 0, "{c:?} of {line:?} is not in the conversation");
        }
    }
}

/// What `crosstalk FILE` opens: each chat as it is exported, whatever its
/// name (`result.json`, `WhatsApp Chat with Group 3.txt`,
/// `meeting_saved_chat.txt`).
#[test]
fn chats_open_directly_by_their_content() {
    let dir = temp("chats", "open");
    for (name, as_named, voices) in [
        ("telegram-result.json", "result.json", 4),
        ("whatsapp-android.txt", "WhatsApp Chat with Group 3.txt", 4),
        ("zoom-chat.txt", "meeting_saved_chat.txt", 3),
        ("whatsapp-ios.txt", "export", 4),
    ] {
        let path = dir.join(as_named);
        std::fs::write(&path, fixture(name)).expect("write");
        let doc = crosstalk::store::load_document(&path).expect(as_named);
        assert_eq!(doc.contributors.len(), voices, "{as_named}");
    }
}
