//! Importing a transcript straight into a conversation file, streaming (see
//! [`crate::import::stream`]): memory stays near the size of one paragraph
//! and the speakers' names, whatever the transcript's size.

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Write};
use std::path::Path;

use super::LoadError;
use super::conversation::unsupported;
use crate::import::Kind;
use crate::import::stream::{self, Scanned, Stop};
use crate::model::sanitize::Shown;

/// Which pass is running, for progress.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pass {
    /// Reading the transcript and checking it.
    Check,
    /// Reading it again and writing the conversation.
    Write,
}

/// What [`import_streaming`] did.
#[derive(Debug, PartialEq, Eq)]
pub enum Streamed {
    /// Written, with the notes the import has (ambiguous speakers) and
    /// who speaks in it.
    Written(Vec<crate::import::Note>, crate::import::Summary),
    /// Nothing: the file is not a transcript to stream (Markdown, or text
    /// whose kind only a whole reading tells); import it in memory.
    InMemory,
}

/// Why a streamed import failed: the input, or writing the output.
#[derive(Debug, thiserror::Error)]
pub enum StreamError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error("{path}: {source}")]
    Write { path: String, source: io::Error },
}

/// Where a streamed import writes.
pub enum Target<'a> {
    /// A conversation file, written atomically.
    File(&'a Path),
    /// A stream (standard output to a pipe), named `name` in errors. Every
    /// error is found before the first byte is written.
    Stream { out: &'a mut dyn Write, name: &'a str },
}

/// Bytes read at a time: fewer system calls, still small.
const BUFFER: usize = 1 << 20;

/// Imports the transcript at `path` (as a transcript, or as what it looks
/// like when `kind` is `None`) to `target`; the same file [`super::import_file`] and [`super::to_ron`]
/// would write, with the same errors. `progress` hears the pass, the bytes
/// read and the file's size, now and then.
pub fn import_streaming(
    path: &Path,
    kind: Option<Kind>,
    target: Target,
    progress: &mut dyn FnMut(Pass, u64, u64),
) -> Result<Streamed, StreamError> {
    if !matches!(kind, None | Some(Kind::Transcript)) {
        return Ok(Streamed::InMemory);
    }
    let name = path.shown();
    let read_error = |source| LoadError::Read { path: name.clone(), source };
    let open = || -> Result<(BufReader<File>, u64), LoadError> {
        let file = File::open(path).map_err(read_error)?;
        let size = file.metadata().map_err(read_error)?.len();
        Ok((BufReader::with_capacity(BUFFER, file), size))
    };
    let stem = super::conversation::title_stem(path);
    let (reader, size) = open()?;
    let mut scanned =
        stream::scan(reader, &stem, kind.is_none(), &mut |done| progress(Pass::Check, done, size))
            .map_err(read_error)?;
    if let Scanned::Again(lowercase) = &scanned {
        let (reader, size) = open()?;
        let progress = &mut |done| progress(Pass::Check, done, size);
        scanned = stream::scan_knowing(reader, &stem, kind.is_none(), progress, lowercase)
            .map_err(read_error)?;
    }
    let plan = match scanned {
        Scanned::Ready(plan) => plan,
        // Read twice and still finding speakers it did not know: cannot
        // be; the in-memory import decides.
        Scanned::InMemory | Scanned::Again(_) => return Ok(Streamed::InMemory),
        Scanned::Unsupported(format) => {
            return Err(unsupported(path, format.unsupported().unwrap_or("it")).into());
        }
        Scanned::NotUtf8 { offset, line, column } => {
            let offset = usize::try_from(offset).unwrap_or(usize::MAX);
            return Err(LoadError::NotUtf8 { path: name, line, column, offset }.into());
        }
        Scanned::Import(e) => {
            return Err(LoadError::Import { path: name, line: e.line, message: e.message }.into());
        }
        Scanned::Invalid(source) => return Err(LoadError::Invalid { path: name, source }.into()),
    };
    let out_name = match &target {
        Target::File(out) => out.shown(),
        Target::Stream { name, .. } => (*name).to_owned(),
    };
    let failed = |stop: Stop| -> StreamError {
        match stop {
            Stop::Io(source) => StreamError::Write { path: out_name.clone(), source },
            Stop::Import(e) => {
                LoadError::Import { path: name.clone(), line: e.line, message: e.message }.into()
            }
            Stop::Invalid(source) => LoadError::Invalid { path: name.clone(), source }.into(),
        }
    };
    let reopen = || open().map_err(|e| Stop::Io(io::Error::other(e.to_string())));
    match target {
        Target::File(out) => super::write_atomic_with(out, |file| {
            let (reader, size) = reopen()?;
            let out = BufWriter::with_capacity(BUFFER, file);
            stream::write(&plan, reader, out, &mut |done| progress(Pass::Write, done, size))
        }),
        Target::Stream { out, .. } => (|| {
            // Only a paragraph too long is found while writing: find it first.
            if plan.too_long {
                let (reader, size) = reopen()?;
                let quiet = io::sink();
                stream::write(&plan, reader, quiet, &mut |done| progress(Pass::Check, done, size))?;
            }
            let (reader, size) = reopen()?;
            let out = BufWriter::with_capacity(BUFFER, out);
            stream::write(&plan, reader, out, &mut |done| progress(Pass::Write, done, size))
        })(),
    }
    .map_err(failed)?;
    Ok(Streamed::Written(plan.notes.clone(), plan.summary.clone()))
}
