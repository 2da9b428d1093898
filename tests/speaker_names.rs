//! Naming speakers of an imported file with --speaker / --speakers, on
//! `crosstalk import` and in the reader; and the note when a bare surname
//! may be one of several people.

mod common;

use common::cli::{run, stderr, temp};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crosstalk::model::ConversationFile;
use crosstalk::store;

fn path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/transcripts").join(name)
}

fn speakers(f: &ConversationFile) -> Vec<&str> {
    f.contributors.iter().map(|c| c.name.as_str()).collect()
}

/// Who speaks each turn, in order.
fn turns(f: &ConversationFile) -> Vec<&str> {
    let name: HashMap<&str, &str> =
        f.contributors.iter().map(|c| (c.id.as_str(), c.name.as_str())).collect();
    f.sections.iter().map(|s| name[s.contributor.as_str()]).collect()
}

#[test]
fn speakers_are_named_with_speaker_and_speakers_on_import_and_in_the_reader() {
    let dir = temp("subtitles", "names");
    let list = dir.join("names.txt");
    std::fs::write(
        &list,
        "# Standup, 3 March\n\njane smith = Jane Smith; Platform team\n\nWei Zhang=Zhang Wei; Identity team\n",
    )
    .expect("write");
    let out = dir.join("out.ron");
    let teams = path("teams.vtt").display().to_string();
    let o = run(
        &[
            "import",
            &teams,
            "--speakers",
            &list.display().to_string(),
            "--speaker",
            "O'Brien=Daniel O'Brien; Web team",
            "-o",
            &out.display().to_string(),
        ],
        &dir,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let f = store::load_conversation(&out).expect("written").to_file();
    let who: Vec<(&str, &str, &str)> = f
        .contributors
        .iter()
        .map(|c| (c.id.as_str(), c.name.as_str(), c.affiliation.as_str()))
        .collect();
    assert_eq!(
        who,
        [
            ("jane-smith", "Jane Smith", "Platform team"),
            ("daniel-o-brien", "Daniel O'Brien", "Web team"),
            ("wei-zhang", "Zhang Wei", "Identity team"),
        ]
    );
    // A label that names nobody: the --speaker value and the speakers found.
    let o = run(&["import", &teams, "--speaker", "PATEL=Raj Patel"], &dir);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("--speaker \"PATEL=Raj Patel\": no speaker is labelled \"PATEL\""),
        "{err}"
    );
    assert!(err.contains("the speakers are: Jane Smith, Daniel O'Brien, Wei Zhang"), "{err}");
    std::fs::write(&list, "JANE=Jane Smith\nnot a naming\n").expect("write");
    let o = run(&["import", &teams, "--speakers", &list.display().to_string()], &dir);
    assert!(stderr(&o).contains("names.txt:2: no `=`"), "{}", stderr(&o));
    // The reader takes them too: an error before the screen opens…
    let o = run(&[&teams, "--speaker", "NOBODY=X"], &dir);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("no speaker is labelled \"NOBODY\""), "{}", stderr(&o));
    // …and the names, as the reader opens the file.
    let names = [crosstalk::import::Naming::from_arg("ZHANG=Zhang Wei").expect("naming")];
    let (doc, _, notes) =
        crosstalk::cli::open_named(Some(&path("teams.vtt")), &names).expect("opens");
    assert_eq!(doc.contributors[2].name, "Zhang Wei");
    assert!(notes.is_empty());
}

#[test]
fn an_ambiguous_surname_is_a_note_until_it_is_named() {
    let dir = temp("subtitles", "notes");
    let two = path("two-smiths.txt").display().to_string();
    let o = run(&["import", &two], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        format!(
            "crosstalk: {two}: note: \"SMITH\" may be Mr. Smith or Ms. Smith; kept apart (name them with --speaker)\n\
             crosstalk: {two}: 3 speakers, 3 turns, 3 paragraphs: Mr. Smith 1 turn, Ms. Smith 1, SMITH 1\n"
        )
    );
    let out = dir.join("out.ron");
    let o = run(
        &["import", &two, "--speaker", "SMITH=Ms. Smith", "-o", &out.display().to_string()],
        &dir,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    // Named: no note, and one Ms. Smith speaking twice in a row is one turn.
    assert_eq!(
        stderr(&o),
        format!(
            "crosstalk: {two}: 2 speakers, 2 turns, 3 paragraphs: Mr. Smith 1 turn, Ms. Smith 1\n"
        )
    );
    let f = store::load_conversation(&out).expect("written").to_file();
    assert_eq!(speakers(&f), ["Mr. Smith", "Ms. Smith"]);
    assert_eq!(turns(&f), ["Mr. Smith", "Ms. Smith"]);
    assert_eq!(f.sections[1].paragraphs, ["I am another.", "And I cannot say which."]);
    // In subtitles too.
    let vtt = dir.join("smiths.vtt");
    std::fs::write(&vtt, "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Mr. Smith>One.</v>\n\n00:03.000 --> 00:04.000\n<v Ms. Smith>Two.</v>\n\n00:05.000 --> 00:06.000\n<v SMITH>Three.</v>\n").expect("write");
    let (_, notes) = store::load_document_named(&vtt, &[]).expect("opens");
    assert_eq!(notes.len(), 1);
    assert!(
        notes[0].message.starts_with("\"SMITH\" may be Mr. Smith or Ms. Smith"),
        "{}",
        notes[0]
    );
}

#[test]
fn naming_speakers_keeps_their_ids_so_an_annotation_file_still_opens() {
    let hearing = path("hearing.txt");
    let ids = |names: &[crosstalk::import::Naming]| -> Vec<String> {
        let (doc, _, _) = crosstalk::cli::open_named(Some(&hearing), names).expect("opens");
        doc.contributors.iter().map(|c| c.id.clone()).collect()
    };
    let plain = ids(&[]);
    let names =
        [crosstalk::import::Naming::from_arg("MR. SMITH=Sen. Jane Smith; Banking Committee")
            .expect("naming")];
    assert_eq!(ids(&names), plain);
    assert!(plain.iter().any(|id| id == "mr-smith"), "{plain:?}");
}

#[test]
fn a_bare_surname_of_two_speakers_is_an_error_naming_them() {
    let dir = temp("subtitles", "twosmiths");
    let hearing = path("hearing.txt").display().to_string();
    let o = run(&["import", &hearing, "--speaker", "SMITH=Sen. Jane Smith"], &dir);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains(
            "--speaker \"SMITH=Sen. Jane Smith\": \"SMITH\" may be any of MR. SMITH, DR. Jane Smith; use the full label (e.g. `MR. SMITH=…`)"
        ),
        "{err}"
    );
}

/// Speakers named in the reader (`--speaker`) were shown by their labels
/// (`I`, `R`) in `stats`, `export` and `agree`, which took no --speaker:
/// a CSV for R said `R` where the reader said Joseph Okoro.
#[test]
fn stats_export_and_agree_name_the_speakers_as_the_reader_does() {
    let home = temp("names", "commands");
    let doc = home.join("int.txt");
    std::fs::write(
        &doc,
        "I: How did you start farming?\n\nR: My father gave me two goats when I was nine.\n\nI: And now?\n\nR: Now we keep forty.\n",
    )
    .expect("write");
    let doc = doc.display().to_string();
    let names = home.join("names.txt");
    std::fs::write(&names, "I=Amy Lee; interviewer\nR=Joseph Okoro\n").expect("write");
    let names = names.display().to_string();
    for coder in ["ada", "ben"] {
        let file = home.join(format!("{coder}.ron")).display().to_string();
        let args = ["autocode", &doc, "--pattern", "goats", "--tag", "family", "--coder", coder];
        let out = run(&[&args[..], &["--annotations", &file]].concat(), &home);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let ada = home.join("ada.ron").display().to_string();
    let ben = home.join("ben.ron").display().to_string();
    let runs: [Vec<&str>; 3] = [
        vec!["stats", &doc, "--annotations", &ada],
        vec!["export", "--format", "csv", &doc, "--annotations", &ada],
        vec!["agree", &ada, &ben, "--doc", &doc],
    ];
    for args in runs {
        let out = run(&args, &home);
        let said = common::cli::stdout(&out);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        assert!(!said.contains("Joseph Okoro"), "{args:?}: named without being told: {said}");
        let named = run(&[&args[..], &["--speakers", &names]].concat(), &home);
        let said = common::cli::stdout(&named);
        assert!(named.status.success(), "{args:?}: {}", stderr(&named));
        assert!(said.contains("Joseph Okoro"), "{args:?}: {said}");
        let one = run(&[&args[..], &["--speaker", "R=Joseph Okoro"]].concat(), &home);
        assert!(common::cli::stdout(&one).contains("Joseph Okoro"), "{args:?}");
        // A label that names no speaker is refused, as on import.
        let wrong = run(&[&args[..], &["--speaker", "Q=Nobody"]].concat(), &home);
        assert!(!wrong.status.success(), "{args:?}");
        assert!(stderr(&wrong).contains("Q=Nobody"), "{args:?}: {}", stderr(&wrong));
        // Joined into the interviewer, Joseph's coding names a speaker no
        // longer there: said so, not only "not in the conversation".
        let joined = run(&[&args[..], &["--speaker", "R=I"]].concat(), &home);
        assert!(!joined.status.success(), "{args:?}");
        let said = stderr(&joined);
        assert!(said.contains("whose speakers are \"i\"") && said.contains("joined"), "{said}");
    }
}
