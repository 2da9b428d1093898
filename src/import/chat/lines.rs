//! A chat export's lines as messages: a stamped line opens one (of the
//! layout of the file's first), the lines after it are its own.

use std::collections::{HashMap, HashSet};

use super::{Exporter, Line, Message, Read, Shape, invisible};

/// What the lines after a stamp belong to.
enum Open {
    Nothing,
    Message,
    /// A line the app writes itself: its lines after the first are
    /// dropped with it.
    Dropped,
}

/// `text` without the marks WhatsApp sets in it (iOS: `‎<This message was
/// edited>`); none is meant to be seen.
fn seen(text: &str) -> String {
    text.chars().filter(|&c| !invisible(c)).collect::<String>().trim().to_owned()
}

/// The messages of `text`, a chat of `app`; lines before the first go to
/// `intro`.
pub(super) fn read<'a>(text: &'a str, app: Exporter, intro: &mut Vec<String>) -> Read<'a> {
    let mut read = Read::default();
    let mut open = Open::Nothing;
    let mut blank = false;
    let mut shape: Option<Shape> = None;
    // iOS: who sent the encryption notice (in a group, the group).
    let mut noticed: HashSet<String> = HashSet::new();
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        read.lines = n;
        match app.parse(line).filter(|l| shape.is_none_or(|s| s == l.shape())) {
            Some(Line::Message(s)) => {
                shape = Some(s.shape);
                read.stamps += 1;
                read.messages.push(Message {
                    line: n,
                    origin: line,
                    marked: s.marked,
                    sender: s.sender,
                    date: s.date,
                    time: s.time,
                    to: s.to,
                    paragraphs: vec![seen(s.text)],
                });
                (open, blank) = (Open::Message, false);
                continue;
            }
            Some(Line::System { shape: s, sender }) => {
                shape = Some(s);
                read.stamps += 1;
                noticed.extend(sender);
                read.dropped.push((n, seen(line)));
                (open, blank) = (Open::Dropped, false);
                continue;
            }
            None => {}
        }
        let t = seen(line);
        if t.is_empty() {
            blank = true;
            continue;
        }
        match open {
            Open::Message => {
                let Some(m) = read.messages.last_mut() else { continue };
                match m.paragraphs.last_mut() {
                    Some(p) if !blank && !p.is_empty() => {
                        p.push('\n');
                        p.push_str(&t);
                    }
                    Some(p) if p.is_empty() => *p = t,
                    _ => m.paragraphs.push(t),
                }
            }
            Open::Dropped => {}
            Open::Nothing => {
                match intro.last_mut() {
                    Some(p) if !blank => crate::import::cues::join(p, &t),
                    _ => intro.push(t),
                }
                read.intro = Some((read.intro.map_or(n, |(first, _)| first), n));
            }
        }
        blank = false;
    }
    drop_notices(&mut read, &noticed);
    read
}

/// iOS writes a group's notices (`‎Ana added Ben`) in the group's name, as
/// a sender's marked messages: a sender who sent the encryption notice and
/// nothing unmarked is the group, and their messages are dropped. (In a
/// chat of two, the other person sends the notice, and messages of their
/// own.)
fn drop_notices(read: &mut Read, noticed: &HashSet<String>) {
    if noticed.is_empty() {
        return;
    }
    let mut only_marked: HashMap<&str, bool> = HashMap::new();
    for m in &read.messages {
        *only_marked.entry(&m.sender).or_insert(true) &= m.marked;
    }
    let group: HashSet<String> = only_marked
        .into_iter()
        .filter(|&(sender, only)| only && noticed.contains(sender))
        .map(|(sender, _)| sender.to_owned())
        .collect();
    if group.is_empty() {
        return;
    }
    let (dropped, kept): (Vec<Message>, Vec<Message>) =
        std::mem::take(&mut read.messages).into_iter().partition(|m| group.contains(&m.sender));
    read.dropped.extend(dropped.iter().map(|m| (m.line, seen(m.origin))));
    read.messages = kept;
}
