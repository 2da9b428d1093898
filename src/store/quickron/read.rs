//! Reading: see the module above.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::forward_to_deserialize_any;

use super::Unsupported;

impl de::Error for Unsupported {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Unsupported
    }
}

type Result<T> = std::result::Result<T, Unsupported>;

/// Reads `text` as a `T`, or says it cannot (see the module docs).
pub fn from_str<'de, T: Deserialize<'de>>(text: &'de str) -> Result<T> {
    let mut r = Reader { text, at: 0 };
    let value = T::deserialize(&mut r)?;
    r.ws()?;
    if r.at == text.len() { Ok(value) } else { Err(Unsupported) }
}

struct Reader<'de> {
    text: &'de str,
    /// Byte offset of the next unread byte; always on a char boundary.
    at: usize,
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

impl<'de> Reader<'de> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    /// Skips ASCII whitespace; a comment (or anything else RON counts as
    /// whitespace) is left for `ron`.
    fn ws(&mut self) -> Result<()> {
        let bytes = self.text.as_bytes();
        while let Some(&b) = bytes.get(self.at) {
            match b {
                b' ' | b'\t' | b'\n' | b'\r' => self.at += 1,
                b'/' => return Err(Unsupported),
                _ => break,
            }
        }
        Ok(())
    }

    /// After whitespace, consumes `b` if it is next.
    fn eat(&mut self, b: u8) -> Result<bool> {
        self.ws()?;
        let found = self.peek() == Some(b);
        if found {
            self.at += 1;
        }
        Ok(found)
    }

    fn expect(&mut self, b: u8) -> Result<()> {
        if self.eat(b)? { Ok(()) } else { Err(Unsupported) }
    }

    /// An ASCII identifier (`[A-Za-z_][A-Za-z0-9_]*`) ending at a byte that
    /// cannot continue one (RON allows more: those go to `ron`).
    fn ident(&mut self) -> Result<&'de str> {
        self.ws()?;
        let bytes = self.text.as_bytes();
        let start = self.at;
        if !bytes.get(start).is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_') {
            return Err(Unsupported);
        }
        let len = bytes[start..].iter().take_while(|&&b| is_ident_byte(b)).count();
        if bytes.get(start + len).is_some_and(|b| !b.is_ascii()) {
            return Err(Unsupported);
        }
        self.at = start + len;
        Ok(&self.text[start..self.at])
    }

    /// `word` as a whole identifier, consumed if it is next.
    fn keyword(&mut self, word: &str) -> Result<bool> {
        self.ws()?;
        let rest = &self.text.as_bytes()[self.at..];
        let found = rest.starts_with(word.as_bytes())
            && !rest.get(word.len()).is_some_and(|&b| is_ident_byte(b) || !b.is_ascii());
        if found {
            self.at += word.len();
        }
        Ok(found)
    }

    /// A plain string without escapes, or a raw string.
    fn string(&mut self) -> Result<&'de str> {
        self.ws()?;
        let bytes = self.text.as_bytes();
        match self.peek() {
            Some(b'"') => {
                let from = self.at + 1;
                let end = memchr::memchr2(b'"', b'\\', &bytes[from..]).ok_or(Unsupported)?;
                if bytes[from + end] != b'"' {
                    return Err(Unsupported);
                }
                self.at = from + end + 1;
                Ok(&self.text[from..from + end])
            }
            Some(b'r') => {
                let hashes = bytes[self.at + 1..].iter().take_while(|&&b| b == b'#').count();
                let open = self.at + 1 + hashes;
                if bytes.get(open) != Some(&b'"') {
                    return Err(Unsupported);
                }
                let from = open + 1;
                let mut search = from;
                loop {
                    let quote =
                        search + memchr::memchr(b'"', &bytes[search..]).ok_or(Unsupported)?;
                    let after = quote + 1;
                    if bytes.len() >= after + hashes
                        && bytes[after..after + hashes].iter().all(|&b| b == b'#')
                    {
                        self.at = after + hashes;
                        return Ok(&self.text[from..quote]);
                    }
                    search = after;
                }
            }
            _ => Err(Unsupported),
        }
    }

    /// A decimal integer without sign, separators, suffix or leading zero.
    fn unsigned(&mut self) -> Result<u64> {
        self.ws()?;
        let bytes = self.text.as_bytes();
        let start = self.at;
        let len = bytes[start..].iter().take_while(|b| b.is_ascii_digit()).count();
        let next = bytes.get(start + len);
        if len == 0
            || (len > 1 && bytes[start] == b'0')
            || next.is_some_and(|&b| is_ident_byte(b) || b == b'.' || !b.is_ascii())
        {
            return Err(Unsupported);
        }
        self.at = start + len;
        self.text[start..self.at].parse().map_err(|_| Unsupported)
    }
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = Unsupported;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(Unsupported)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.keyword("true")? {
            visitor.visit_bool(true)
        } else if self.keyword("false")? {
            visitor.visit_bool(false)
        } else {
            Err(Unsupported)
        }
    }

    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_u8(u8::try_from(self.unsigned()?).map_err(|_| Unsupported)?)
    }

    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_u16(u16::try_from(self.unsigned()?).map_err(|_| Unsupported)?)
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_u32(u32::try_from(self.unsigned()?).map_err(|_| Unsupported)?)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_u64(self.unsigned()?)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.string()?)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.ident()?)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.keyword("None")? {
            visitor.visit_none()
        } else if self.keyword("Some")? && self.peek() == Some(b'(') {
            self.at += 1;
            let value = visitor.visit_some(&mut *self)?;
            self.expect(b')')?;
            Ok(value)
        } else {
            Err(Unsupported)
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.expect(b'[')?;
        let value = visitor.visit_seq(List { r: &mut *self, first: true })?;
        self.expect(b']')?;
        Ok(value)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.expect(b'(')?;
        let value = visitor.visit_map(Fields { r: &mut *self, first: true })?;
        self.expect(b')')?;
        Ok(value)
    }

    forward_to_deserialize_any! {
        i8 i16 i32 i64 i128 u128 f32 f64 char bytes byte_buf unit unit_struct
        newtype_struct tuple tuple_struct map enum ignored_any
    }
}

/// Whether another item follows in a list or struct closed by `close`:
/// items are separated by commas, and a comma may end the last one.
fn another(r: &mut Reader<'_>, first: &mut bool, close: u8) -> Result<bool> {
    r.ws()?;
    if r.peek() == Some(close) {
        return Ok(false);
    }
    if !std::mem::take(first) {
        r.expect(b',')?;
        r.ws()?;
        if r.peek() == Some(close) {
            return Ok(false);
        }
    }
    Ok(true)
}

struct List<'a, 'de> {
    r: &'a mut Reader<'de>,
    first: bool,
}

impl<'de> SeqAccess<'de> for List<'_, 'de> {
    type Error = Unsupported;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if another(self.r, &mut self.first, b']')? {
            seed.deserialize(&mut *self.r).map(Some)
        } else {
            Ok(None)
        }
    }
}

struct Fields<'a, 'de> {
    r: &'a mut Reader<'de>,
    first: bool,
}

impl<'de> MapAccess<'de> for Fields<'_, 'de> {
    type Error = Unsupported;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if !another(self.r, &mut self.first, b')')? {
            return Ok(None);
        }
        let key = seed.deserialize(&mut *self.r)?;
        self.r.expect(b':')?;
        Ok(Some(key))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        seed.deserialize(&mut *self.r)
    }
}

#[cfg(test)]
#[path = "read_tests.rs"]
mod tests;
