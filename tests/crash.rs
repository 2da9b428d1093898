//! Crash safety: a writer saving annotations is killed with SIGKILL in the
//! middle of its saves, 200 times; after every kill the file on disk must
//! parse and hold every change the writer had acknowledged.
#![cfg(unix)]

#[path = "common/tmp.rs"]
mod tmp;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use crosstalk::model::Pos;
use crosstalk::model::annotations::{AnnotationFile, Stamp, Target};
use crosstalk::store;

const WRITER: &str = "CROSSTALK_CRASH_WRITER";
const ROUNDS: u64 = 200;

/// The writer: loads the file, then adds a highlight and saves, over and
/// over, printing `ack N` after each save returns.
fn writer(path: &Path) {
    let doc = store::bundled().expect("bundled");
    let mut a = match store::load_annotations(path, &doc).expect("the file on disk is whole") {
        Some((a, _)) => a,
        None => AnnotationFile::empty(&doc),
    };
    let mut n = a.highlights().len();
    loop {
        let voice = n % 5;
        let para = n % doc.voices()[voice].paragraphs.len();
        let byte = (n * 7) % 40;
        let text = doc.paragraph(doc.voices()[voice].paragraphs[para]).text();
        let (mut s, mut e) = (byte, byte + 5);
        while !text.is_char_boundary(s) {
            s += 1;
        }
        e = e.max(s + 1);
        while !text.is_char_boundary(e) {
            e += 1;
        }
        let target = Target { voice, start: Pos::new(para, s), end: Pos::new(para, e) };
        let stamp =
            Stamp { id: format!("h-{n:05}"), coder: "crash".into(), now: jiff::Timestamp::now() };
        a.apply(a.set_note(&doc, None, &target, &format!("note {n}"), &stamp));
        let text = store::annotations_to_ron(&a.snapshot(), &doc).expect("ron");
        store::save(path, &text).expect("save");
        println!("ack {n}");
        n += 1;
    }
}

#[test]
fn sigkill_during_saves_never_loses_acknowledged_work() {
    if let Some(path) = std::env::var_os(WRITER) {
        writer(Path::new(&path));
        return;
    }
    let dir = tmp::TempDir::new(&format!("crosstalk-crash-{}", std::process::id()));
    let path = dir.join("crash.annotations.ron");
    let doc = store::bundled().expect("bundled");
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut acknowledged: Option<usize> = None;
    for round in 0..ROUNDS {
        let mut child = Command::new(std::env::current_exe().expect("test binary"))
            .args([
                "--exact",
                "sigkill_during_saves_never_loses_acknowledged_work",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(WRITER, &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn writer");
        let stdout = child.stdout.take().expect("stdout");
        // Let it acknowledge 1–4 saves, then kill it a few hundred
        // microseconds into a later one.
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let wanted = 1 + (seed >> 33) as usize % 4;
        let mut seen = 0;
        for line in BufReader::new(stdout).lines() {
            let line = line.expect("line");
            if let Some(n) = line.strip_prefix("ack ") {
                acknowledged = Some(n.parse().expect("number"));
                seen += 1;
                if seen == wanted {
                    break;
                }
            }
        }
        std::thread::sleep(Duration::from_micros((seed >> 40) % 800));
        // SAFETY: killing our own child process.
        unsafe {
            libc::kill(child.id() as libc::pid_t, libc::SIGKILL);
        }
        let _ = child.wait();
        let (a, _) = store::load_annotations(&path, &doc)
            .unwrap_or_else(|e| panic!("round {round}: the file does not parse: {e}"))
            .expect("the file exists");
        let last = acknowledged.expect("at least one save acknowledged");
        for n in 0..=last {
            let id = format!("h-{n:05}");
            let h = a
                .highlight(&id)
                .unwrap_or_else(|| panic!("round {round}: acknowledged {id} is missing"));
            assert_eq!(h.note, format!("note {n}"));
        }
    }
}
