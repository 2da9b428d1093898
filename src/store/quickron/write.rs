//! A fast writer of the RON crosstalk writes: the same bytes as `ron`'s
//! pretty printer with crosstalk's settings (four-space indent, LF, no
//! struct names, strings unescaped: plain `"…"`, or raw `r#"…"#` when the
//! text holds `"` or `\`), for the same part of RON the reader takes.
//!
//! `ron` writes through `fmt::Write` a character at a time around each
//! value; this writes whole slices to an `io::Write`. The tests hold the two
//! to the same bytes on random annotation files. A type outside that part
//! (a float, an enum, a map) is an error, never different output.

use std::io::{self, Write};

use serde::Serialize;
use serde::ser::{self, Impossible, SerializeSeq, SerializeStruct};

use super::Unsupported;

impl ser::Error for Unsupported {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Unsupported
    }
}

/// Why writing stopped.
#[derive(Debug)]
pub enum WriteError {
    Io(io::Error),
    Unsupported,
}

impl From<WriteError> for io::Error {
    fn from(e: WriteError) -> Self {
        match e {
            WriteError::Io(e) => e,
            WriteError::Unsupported => io::Error::new(
                io::ErrorKind::InvalidData,
                "a value outside the RON this writer makes",
            ),
        }
    }
}

/// Writes `value` as `ron` pretty-prints it with crosstalk's settings
/// (without the final line end).
pub fn to_writer<W: Write>(w: W, value: &impl Serialize) -> Result<(), WriteError> {
    let mut out = Writer { w, depth: 0, error: None };
    match value.serialize(&mut out) {
        Ok(()) => Ok(()),
        Err(Unsupported) => Err(out.error.map_or(WriteError::Unsupported, WriteError::Io)),
    }
}

struct Writer<W> {
    w: W,
    depth: usize,
    /// The I/O error that stopped it, if one did (serde's errors carry none).
    error: Option<io::Error>,
}

const INDENT: &[u8] = b"                                                                ";

impl<W: Write> Writer<W> {
    fn put(&mut self, bytes: &[u8]) -> Result<(), Unsupported> {
        self.w.write_all(bytes).map_err(|e| {
            self.error = Some(e);
            Unsupported
        })
    }

    fn indent(&mut self) -> Result<(), Unsupported> {
        let mut n = self.depth * 4;
        while n > 0 {
            let step = n.min(INDENT.len());
            self.put(&INDENT[..step])?;
            n -= step;
        }
        Ok(())
    }

    fn string(&mut self, s: &str) -> Result<(), Unsupported> {
        if memchr::memchr2(b'"', b'\\', s.as_bytes()).is_none() {
            self.put(b"\"")?;
            self.put(s.as_bytes())?;
            return self.put(b"\"");
        }
        // As `ron`: one `#` more than the longest run of them in the text.
        let (mut run, mut longest) = (0, 0);
        for b in s.bytes() {
            run = if b == b'#' { run + 1 } else { 0 };
            longest = longest.max(run);
        }
        let hashes = "#".repeat(longest + 1);
        self.put(b"r")?;
        self.put(hashes.as_bytes())?;
        self.put(b"\"")?;
        self.put(s.as_bytes())?;
        self.put(b"\"")?;
        self.put(hashes.as_bytes())
    }

    fn number(&mut self, n: u64) -> Result<(), Unsupported> {
        self.put(itoa::Buffer::new().format(n).as_bytes())
    }
}

/// A list or struct being written: whether anything is in it yet.
pub struct Open<'a, W> {
    out: &'a mut Writer<W>,
    empty: bool,
}

impl<W: Write> Open<'_, W> {
    fn item(&mut self) -> Result<(), Unsupported> {
        if self.empty {
            self.out.put(b"\n")?;
            self.empty = false;
        }
        self.out.indent()
    }

    fn close(self, bracket: &[u8]) -> Result<(), Unsupported> {
        self.out.depth -= 1;
        if !self.empty {
            self.out.indent()?;
        }
        self.out.put(bracket)
    }
}

impl<'a, W: Write> ser::Serializer for &'a mut Writer<W> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Open<'a, W>;
    type SerializeTuple = Impossible<(), Unsupported>;
    type SerializeTupleStruct = Impossible<(), Unsupported>;
    type SerializeTupleVariant = Impossible<(), Unsupported>;
    type SerializeMap = Impossible<(), Unsupported>;
    type SerializeStruct = Open<'a, W>;
    type SerializeStructVariant = Impossible<(), Unsupported>;

    fn serialize_bool(self, v: bool) -> Result<(), Unsupported> {
        self.put(if v { b"true" } else { b"false" })
    }

    fn serialize_u8(self, v: u8) -> Result<(), Unsupported> {
        self.number(v.into())
    }

    fn serialize_u16(self, v: u16) -> Result<(), Unsupported> {
        self.number(v.into())
    }

    fn serialize_u32(self, v: u32) -> Result<(), Unsupported> {
        self.number(v.into())
    }

    fn serialize_u64(self, v: u64) -> Result<(), Unsupported> {
        self.number(v)
    }

    fn serialize_str(self, v: &str) -> Result<(), Unsupported> {
        self.string(v)
    }

    fn serialize_none(self) -> Result<(), Unsupported> {
        self.put(b"None")
    }

    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), Unsupported> {
        self.put(b"Some(")?;
        value.serialize(&mut *self)?;
        self.put(b")")
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Open<'a, W>, Unsupported> {
        self.put(b"[")?;
        self.depth += 1;
        Ok(Open { out: self, empty: true })
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Open<'a, W>, Unsupported> {
        self.put(b"(")?;
        self.depth += 1;
        Ok(Open { out: self, empty: true })
    }

    fn serialize_i8(self, _: i8) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_i16(self, _: i16) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_i32(self, _: i32) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_i64(self, _: i64) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_f32(self, _: f32) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_f64(self, _: f64) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_char(self, _: char) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_unit(self) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
    ) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: &T,
    ) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Unsupported> {
        Err(Unsupported)
    }
}

impl<W: Write> SerializeSeq for Open<'_, W> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Unsupported> {
        self.item()?;
        value.serialize(&mut *self.out)?;
        self.out.put(b",\n")
    }

    fn end(self) -> Result<(), Unsupported> {
        self.close(b"]")
    }
}

impl<W: Write> SerializeStruct for Open<'_, W> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        // A name `ron` would have to write as `r#name` is not written here.
        if key.is_empty() || !key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            return Err(Unsupported);
        }
        self.item()?;
        self.out.put(key.as_bytes())?;
        self.out.put(b": ")?;
        value.serialize(&mut *self.out)?;
        self.out.put(b",\n")
    }

    fn end(self) -> Result<(), Unsupported> {
        self.close(b")")
    }
}

#[cfg(test)]
#[path = "write_tests.rs"]
mod tests;
