//! Reading a transcript line by line, as `str::lines` would split it.

use std::io::{self, BufRead};

use super::HEAD;

/// Where a line stops being UTF-8: the file offset of its first bad byte,
/// and that byte's column.
pub(super) type NotUtf8 = (u64, usize);

/// How often (in bytes read) progress is reported.
const REPORT_EVERY: u64 = 1 << 20;

/// The lines of a file as `str::lines` splits them, a leading BOM dropped,
/// each checked to be UTF-8.
pub(super) struct Lines<'p, R> {
    reader: R,
    buf: Vec<u8>,
    /// Bytes read so far.
    pub(super) offset: u64,
    /// Lines read so far.
    pub(super) number: usize,
    /// The first [`HEAD`] bytes, for sniffing.
    pub(super) head: Vec<u8>,
    next_report: u64,
    progress: &'p mut dyn FnMut(u64),
}

impl<'p, R: BufRead> Lines<'p, R> {
    pub(super) fn new(reader: R, progress: &'p mut dyn FnMut(u64)) -> Self {
        Self {
            reader,
            buf: Vec::new(),
            offset: 0,
            number: 0,
            head: Vec::new(),
            next_report: REPORT_EVERY,
            progress,
        }
    }

    /// The buffer of the line just read, which the next line will not reuse.
    pub(super) fn take_buffer(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.buf)
    }

    /// The next line and its number; `Err((offset, column))` for the file
    /// offset of its first byte that is not UTF-8, and its column.
    pub(super) fn next(&mut self) -> io::Result<Option<(usize, Result<&str, NotUtf8>)>> {
        self.buf.clear();
        let n = self.reader.read_until(b'\n', &mut self.buf)?;
        if n == 0 {
            return Ok(None);
        }
        let start = self.offset;
        self.offset += n as u64;
        self.number += 1;
        if self.head.len() < HEAD {
            let take = (HEAD - self.head.len()).min(n);
            self.head.extend_from_slice(&self.buf[..take]);
        }
        if self.offset >= self.next_report {
            (self.progress)(self.offset);
            self.next_report = self.offset + REPORT_EVERY;
        }
        let mut line = &self.buf[..];
        // `str::lines`: a `\n` ends a line, and a `\r` before it goes too.
        if let Some(l) = line.strip_suffix(b"\n") {
            line = l.strip_suffix(b"\r").unwrap_or(l);
        }
        let mut skip = 0;
        if start == 0
            && let Some(l) = line.strip_prefix(b"\xEF\xBB\xBF")
        {
            line = l;
            skip = 3;
        }
        let text = std::str::from_utf8(line).map_err(|e| {
            let column = super::super::column_at(&line[..e.valid_up_to()]);
            (start + skip + e.valid_up_to() as u64, column)
        });
        Ok(Some((self.number, text)))
    }
}
