//! The second pass: the conversation's RON, written as the lines come.

use std::io::{self, BufRead, Write};

use ron::ser::PrettyConfig;

use super::{Lines, Machine, Plan, Sink, Stop};
use crate::model::ValidationError;

/// A paragraph this long is not copied out of the line it was read on: the
/// line's buffer becomes the paragraph, so a 100 MB line is not held twice.
const ADOPT: usize = 1 << 16;

/// How `to_ron` ends a conversation with no sections; the sections go there.
const NO_SECTIONS: &str = "    sections: [],\n)\n";

/// Writes the conversation `plan` describes, reading the transcript again
/// from `reader`, to `out`; `progress` hears the bytes read now and then.
/// Fails with the validation error a paragraph longer than 4 GiB makes, and
/// if the file is not what the first pass read.
pub fn write<R: BufRead, W: Write>(
    plan: &Plan,
    reader: R,
    out: W,
    progress: &mut dyn FnMut(u64),
) -> Result<(), Stop> {
    let head = crate::store::to_ron(&plan.head).map_err(|e| Stop::Io(io::Error::other(e)))?;
    let Some(head) = head.strip_suffix(NO_SECTIONS) else {
        return Err(Stop::Io(io::Error::other("unexpected RON layout")));
    };
    let mut sink = Writer {
        plan,
        out,
        layout: crate::store::ron_layout(),
        section: None,
        sections: 0,
        paragraph: String::new(),
        open: false,
        paragraphs: 0,
        times: String::new(),
        timed: Vec::new(),
        ended: None,
        line: (0, 0),
        borrowed: None,
    };
    sink.out.write_all(head.as_bytes())?;
    sink.out.write_all(b"    sections: [\n")?;
    let mut machine = Machine::knowing(plan.lowercase.clone());
    let mut lines = Lines::new(reader, progress);
    while let Some((n, line)) = lines.next()? {
        let line = line.map_err(|_| changed())?;
        sink.line = (line.as_ptr() as usize, line.len());
        machine.feed(n, line, &mut sink)?;
        if let Some((at, len)) = sink.borrowed.take() {
            // The open paragraph is part of the line just read: keep that
            // part of its buffer (`paragraph` checked it lies inside).
            let mut buf = lines.take_buffer();
            let start = at - buf.as_ptr() as usize;
            buf.truncate(start + len);
            buf.drain(..start);
            sink.paragraph = String::from_utf8(buf).map_err(|_| changed())?;
        }
    }
    machine.finish(lines.number, &mut sink)?;
    if lines.offset != plan.bytes {
        return Err(changed());
    }
    sink.close()?;
    if let Some(e) = &plan.silent {
        return Err(Stop::Invalid(e.clone()));
    }
    sink.out.write_all(b"    ],\n)\n")?;
    sink.out.flush()?;
    Ok(())
}

fn changed() -> Stop {
    Stop::Io(io::Error::other("the file changed while it was imported"))
}

struct Writer<'a, W> {
    plan: &'a Plan,
    out: W,
    layout: PrettyConfig,
    /// The contributor of the section being written.
    section: Option<usize>,
    /// Sections opened so far.
    sections: usize,
    /// The paragraph being read, if `open`.
    paragraph: String,
    open: bool,
    /// Paragraphs written in this section.
    paragraphs: usize,
    /// This section's times, one after another, and which paragraph each
    /// belongs to with where it ends in `times`: most paragraphs have none.
    times: String,
    timed: Vec<(usize, usize)>,
    /// When the paragraph last written ended, by the f4 stamp it ended
    /// with (`#00:00:05-2#`): the next one's time, if it has none (as
    /// `transcript::read` gives it).
    ended: Option<String>,
    /// The address and length of the line being read.
    line: (usize, usize),
    /// The open paragraph, a long part of that line (address, length),
    /// not copied yet: [`write`] adopts the line's buffer after the line.
    borrowed: Option<(usize, usize)>,
}

impl<W: Write> Writer<'_, W> {
    /// `s` as `to_ron` writes a string.
    fn string(&mut self, s: &str) -> Result<(), Stop> {
        // ron's own adapter keeps only the message of a write error; a
        // closed pipe must stay a closed pipe.
        let mut out = Adapter { out: &mut self.out, error: None };
        let written = ron::Options::default().to_writer_pretty(&mut out, s, self.layout.clone());
        match (out.error, written) {
            (Some(e), _) => Err(Stop::Io(e)),
            (None, written) => written.map_err(|e| Stop::Io(io::Error::other(e))),
        }
    }

    /// Writes the paragraph read so far.
    fn flush(&mut self) -> Result<(), Stop> {
        if !self.open {
            return Ok(());
        }
        if self.borrowed.is_some() {
            // A line's last paragraph is never flushed while the line is read.
            return Err(Stop::Io(io::Error::other("a paragraph was left behind")));
        }
        if self.paragraph.len() > self.plan.limit {
            return Err(Stop::Invalid(ValidationError::ParagraphTooLong {
                section: self.sections - 1,
                paragraph: self.paragraphs,
            }));
        }
        self.ended = None;
        if let Some((kept, end)) =
            crate::import::transcript::trailing(&self.paragraph).filter(|(t, _)| !t.is_empty())
        {
            let (kept, end) = (kept.len(), end.to_owned());
            self.paragraph.truncate(kept);
            self.ended = Some(end);
        }
        self.out.write_all(b"                ")?;
        let text = std::mem::take(&mut self.paragraph);
        self.string(&text)?;
        self.paragraph = text;
        self.paragraph.clear();
        self.out.write_all(b",\n")?;
        self.open = false;
        self.paragraphs += 1;
        Ok(())
    }

    /// Ends the section being written, with its times if it has any.
    fn close(&mut self) -> Result<(), Stop> {
        if self.section.is_none() {
            return Ok(());
        }
        self.flush()?;
        self.out.write_all(b"            ],\n")?;
        if !self.timed.is_empty() {
            self.out.write_all(b"            times: [\n")?;
            let times = std::mem::take(&mut self.times);
            let timed = std::mem::take(&mut self.timed);
            let mut next = timed.iter().peekable();
            let mut from = 0;
            for i in 0..self.paragraphs {
                self.out.write_all(b"                ")?;
                match next.next_if(|(p, _)| *p == i) {
                    Some(&(_, end)) => {
                        self.string(&times[from..end])?;
                        from = end;
                    }
                    None => self.string("")?,
                }
                self.out.write_all(b",\n")?;
            }
            self.out.write_all(b"            ],\n")?;
        }
        self.times.clear();
        self.timed.clear();
        self.out.write_all(b"        ),\n")?;
        Ok(())
    }
}

impl<W: Write> Sink for Writer<'_, W> {
    fn turn(&mut self, name: &str) -> Result<(), Stop> {
        let label = self.plan.index.get(name).copied().ok_or_else(changed)?;
        let c = self.plan.by_label[label];
        if self.section == Some(c) {
            return Ok(());
        }
        self.close()?;
        self.section = Some(c);
        self.sections += 1;
        self.paragraphs = 0;
        self.out.write_all(b"        (\n            contributor: ")?;
        let plan = self.plan;
        self.string(&plan.head.contributors[c].id)?;
        self.out.write_all(b",\n            paragraphs: [\n")?;
        Ok(())
    }

    fn paragraph(&mut self, text: &str, time: &str) -> Result<(), Stop> {
        self.flush()?;
        let at = text.as_ptr() as usize;
        let (line, len) = self.line;
        if text.len() >= ADOPT && at >= line && at + text.len() <= line + len {
            self.borrowed = Some((at, text.len()));
        } else {
            self.paragraph.push_str(text);
        }
        self.open = true;
        let ended = self.ended.take();
        let time = match ended.as_deref() {
            Some(start) if time.is_empty() => start,
            _ => time,
        };
        if !time.is_empty() {
            self.times.push_str(time);
            self.timed.push((self.paragraphs, self.times.len()));
        }
        Ok(())
    }

    fn extend(&mut self, text: &str, spaced: bool) -> Result<(), Stop> {
        if self.borrowed.is_some() {
            return Err(Stop::Io(io::Error::other("a paragraph was left behind")));
        }
        if spaced {
            self.paragraph.push(' ');
        }
        self.paragraph.push_str(text);
        Ok(())
    }
}

/// Text written through to `out`, keeping its error.
struct Adapter<'a, W> {
    out: &'a mut W,
    error: Option<io::Error>,
}

impl<W: Write> std::fmt::Write for Adapter<'_, W> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.out.write_all(s.as_bytes()).map_err(|e| {
            self.error = Some(e);
            std::fmt::Error
        })
    }
}
