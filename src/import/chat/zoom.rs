//! Zoom's saved meeting chat (`meeting_saved_chat.txt`): `00:05:12 From
//! Jane Smith to Everyone:` with the message on the lines below, indented,
//! or as Zoom wrote it before 2022, `10:30:15` and a tab, then ` From  Jane
//! Smith : text`;
//! a message to one person names them, `to  Bob Lee(Direct Message)`.

use super::{Line, Sent, Shape, WINDOW};

/// The layouts' shapes (see [`Shape`]), apart from WhatsApp's.
const OLD: u32 = 1 << 20;
const NEW: u32 = 1 << 21;

/// The line as Zoom writes a message's first line, or `None`.
pub(super) fn parse(line: &str) -> Option<Line<'_>> {
    let line = line.trim_start();
    let (time, rest) = line.split_once(char::is_whitespace)?;
    if !time_of(time) {
        return None;
    }
    let rest = rest.trim_start().strip_prefix("From")?;
    let rest = rest.strip_prefix(char::is_whitespace)?.trim_start();
    // Before 2022: ` : ` between the sender and the text, within the
    // line's first `WINDOW` bytes.
    let limit = WINDOW.saturating_sub(line.len() - rest.len());
    let window = &rest.as_bytes()[..rest.len().min(limit)];
    if let Some(at) = window.windows(3).position(|w| w == b" : ") {
        // Zoom then set `to` between two spaces each side.
        let (sender, to) = addressed(&rest[..at], "  to  ")?;
        let text = &rest[at + 3..];
        let shape = Shape(OLD);
        let time = time.to_owned();
        return Some(Line::Message(Sent {
            date: None,
            time,
            sender,
            text,
            to,
            shape,
            marked: false,
        }));
    }
    // Since: the line ends with a colon, and always names whom it is to.
    // A line that long is no such line (and is judged alike cut short).
    let who = rest.trim_end().strip_suffix(':').filter(|_| line.len() <= WINDOW)?;
    who.contains(" to ").then_some(())?;
    let (sender, to) = addressed(who, " to ")?;
    let (time, shape) = (time.to_owned(), Shape(NEW));
    Some(Line::Message(Sent { date: None, time, sender, text: "", to, shape, marked: false }))
}

/// `H:MM:SS` or `HH:MM:SS`, as Zoom stamps a message.
fn time_of(s: &str) -> bool {
    let parts: Vec<&str> = s.split(':').collect();
    parts.len() == 3
        && (1..=2).contains(&parts[0].len())
        && parts[1..].iter().all(|p| p.len() == 2)
        && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()))
}

/// The sender and, for a message not to everyone, whom: `Jane Smith to
/// Everyone`, `Bob Lee  to  Jane Smith(Direct Message)`, `Bob to
/// Jane(privately)`, `Ben to Breakout Room 1`, or the sender alone; `to`
/// as the layout sets it (`Back to Basics Club` is a name).
fn addressed(who: &str, to: &str) -> Option<(String, Option<String>)> {
    let (sender, to) = match who.rfind(to) {
        Some(at) => (&who[..at], Some(who[at + to.len()..].trim())),
        None => (who, None),
    };
    let sender = sender.trim();
    // A display name may carry an affiliation: up to a line's judged width.
    if sender.is_empty() || sender.len() > WINDOW {
        return None;
    }
    let to = to.filter(|to| !to.eq_ignore_ascii_case("everyone")).map(|to| {
        let bare = to.strip_suffix(')').and_then(|t| t.rsplit_once('('));
        match bare {
            Some((name, how))
                if how.eq_ignore_ascii_case("direct message")
                    || how.eq_ignore_ascii_case("privately") =>
            {
                name.trim().to_owned()
            }
            _ => to.to_owned(),
        }
    });
    Some((sender.to_owned(), to))
}
