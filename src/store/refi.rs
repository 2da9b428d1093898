//! Opening a REFI-QDA project: a `.qdpx` zip, or a `.qde` file with its
//! sources in a `sources/` folder beside it. The archive is read with
//! limits, since it comes from anyone: no entry whose name points outside
//! it (`../x`, `/etc/x`), no more than [`Limits::total`] bytes unpacked in
//! all, and no entry that declares a size past that or unpacks at a ratio
//! only a zip bomb has.

use std::fs::File;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

use crate::import::refi::Located;
use crate::model::sanitize::Shown;

/// How much a project may unpack to.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Bytes unpacked from the archive, in all.
    pub total: u64,
    /// The largest ratio of unpacked to packed size for an entry over 1 MB.
    pub ratio: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self { total: 512 << 20, ratio: 1000 }
    }
}

/// An opened project: `project.qde`'s text, and where the sources are.
pub struct Package {
    /// The name of the XML part in errors (`project.qde`; `None` for a .qde file).
    pub part: Option<String>,
    pub qde: String,
    inner: Inner,
    limits: Limits,
    /// Bytes unpacked so far.
    read: u64,
}

enum Inner {
    Zip(zip::ZipArchive<File>),
    Folder(PathBuf),
}

/// Opens the project at `path`: a zip (by its first bytes) or a `.qde`.
pub fn open_project(path: &Path, limits: Limits) -> Result<Package, Located> {
    let mut file =
        File::open(path).map_err(|e| Located::new(format!("cannot read the file: {e}")))?;
    let mut magic = [0u8; 4];
    let n =
        file.read(&mut magic).map_err(|e| Located::new(format!("cannot read the file: {e}")))?;
    if &magic[..n] != b"PK\x03\x04" && &magic[..n] != b"PK\x05\x06" {
        let bytes =
            std::fs::read(path).map_err(|e| Located::new(format!("cannot read the file: {e}")))?;
        let qde = text(&bytes)?;
        let dir = path.parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        return Ok(Package { part: None, qde, inner: Inner::Folder(dir), limits, read: 0 });
    }
    let file = File::open(path).map_err(|e| Located::new(format!("cannot read the file: {e}")))?;
    let mut zip = zip::ZipArchive::new(file)
        .map_err(|e| Located::new(format!("not a readable zip archive: {e}")))?;
    for i in 0..zip.len() {
        let entry = zip
            .by_index_raw(i)
            .map_err(|e| Located::new(format!("not a readable zip archive: {e}")))?;
        let name = entry.name();
        // `enclosed_name` takes `/etc/x` as `etc/x`; an absolute name is refused all the same.
        let absolute = name.starts_with(['/', '\\']) || name.as_bytes().get(1) == Some(&b':');
        if entry.enclosed_name().is_none() || absolute {
            return Err(Located::new(format!(
                "the archive holds an entry named {:?}, which points outside it: refused",
                entry.name()
            )));
        }
    }
    // `project.qde`, or the one `.qde` at the top (some tools name it otherwise).
    let names: Vec<String> = zip.file_names().map(str::to_owned).collect();
    let qde_name = names
        .iter()
        .find(|n| n.as_str() == "project.qde")
        .or_else(|| {
            let top: Vec<&String> = names
                .iter()
                .filter(|n| !n.contains('/') && n.to_lowercase().ends_with(".qde"))
                .collect();
            (top.len() == 1).then(|| top[0])
        })
        .cloned()
        .ok_or_else(|| Located::new("the archive holds no project.qde: not a REFI-QDA project"))?;
    let mut package = Package {
        part: Some(qde_name.clone()),
        qde: String::new(),
        inner: Inner::Zip(zip),
        limits,
        read: 0,
    };
    let bytes = package.entry(&qde_name)?;
    package.qde = text(&bytes).map_err(|e| e.in_part(&qde_name))?;
    Ok(package)
}

impl Package {
    /// The text of a source, from its `plainTextPath`: `internal://X` is
    /// `sources/X` in the archive (or in a folder beside the `.qde`);
    /// `relative://X` or a plain relative path, beside the `.qde`.
    pub fn source(&mut self, plain_text_path: &str) -> Result<String, Located> {
        let refuse = || {
            Located::new(format!(
                "plainTextPath {plain_text_path:?} is not a file inside the project: not read"
            ))
        };
        let (internal, rest) = if let Some(r) = plain_text_path.strip_prefix("internal://") {
            (true, r.trim_start_matches('/'))
        } else if let Some(r) = plain_text_path.strip_prefix("relative://") {
            (false, r.trim_start_matches('/'))
        } else if plain_text_path.contains("://") {
            return Err(refuse());
        } else {
            (false, plain_text_path)
        };
        let safe = Path::new(rest).components().all(|c| matches!(c, Component::Normal(_)));
        if rest.is_empty() || !safe {
            return Err(refuse());
        }
        let part = if internal { format!("sources/{rest}") } else { rest.to_owned() };
        let bytes = match &self.inner {
            Inner::Zip(_) => self.entry(&part)?,
            Inner::Folder(dir) => {
                let path = dir.join(&part);
                std::fs::read(&path).map_err(|e| {
                    Located::new(format!("cannot read the source: {e}")).in_part(&path.shown())
                })?
            }
        };
        text(&bytes).map_err(|e| e.in_part(&part))
    }

    /// Entry `name` of the archive (matched without regard to case when
    /// there is no exact match: some tools write `Sources/`), unpacked
    /// within the limits.
    fn entry(&mut self, name: &str) -> Result<Vec<u8>, Located> {
        let Inner::Zip(zip) = &mut self.inner else { return Err(Located::new("not an archive")) };
        let index = zip.index_for_name(name).or_else(|| {
            let lower = name.to_lowercase();
            zip.file_names().position(|n| n.to_lowercase() == lower)
        });
        let missing = || Located::new("the archive has no such file").in_part(name);
        let index = index.ok_or_else(missing)?;
        let mut entry = zip
            .by_index(index)
            .map_err(|e| Located::new(format!("cannot unpack it: {e}")).in_part(name))?;
        let left = self.limits.total.saturating_sub(self.read);
        let bomb = |why: String| {
            Located::new(format!("{why}: refused (the archive may be a zip bomb)")).in_part(name)
        };
        if entry.size() > left {
            return Err(bomb(format!(
                "it unpacks to {} bytes, more than the {} bytes allowed",
                entry.size(),
                self.limits.total
            )));
        }
        if entry.size() > 1 << 20
            && entry.size() / entry.compressed_size().max(1) > self.limits.ratio
        {
            return Err(bomb(format!(
                "it unpacks to {} bytes from {}",
                entry.size(),
                entry.compressed_size()
            )));
        }
        let mut bytes = Vec::new();
        (&mut entry)
            .take(left + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Located::new(format!("cannot unpack it: {e}")).in_part(name))?;
        if bytes.len() as u64 > left {
            return Err(bomb(format!(
                "it unpacks to more than the {} bytes allowed",
                self.limits.total
            )));
        }
        self.read += bytes.len() as u64;
        Ok(bytes)
    }
}

/// The bytes as text: UTF-8 (a byte order mark skipped) or UTF-16 with one.
fn text(bytes: &[u8]) -> Result<String, Located> {
    crate::import::decode(bytes).map_err(|e| {
        let offset = match e {
            crate::import::DecodeError::Utf8 { offset }
            | crate::import::DecodeError::Utf16 { offset } => offset,
        };
        Located::new(format!("the text is not UTF-8 (first bad byte at offset {offset})"))
    })
}

/// A project read whole: its XML parsed, and every text source's text (in
/// the order of `project.sources`).
pub struct Loaded {
    pub project: crate::import::refi::Project,
    pub texts: Vec<String>,
}

/// Reads the project at `path` and its text sources; an error names the
/// file, the part and the line:column.
pub fn load_project(path: &Path, limits: Limits) -> Result<Loaded, crate::import::refi::RefiError> {
    let name = path.shown();
    let mut package = open_project(path, limits).map_err(|e| e.in_file(&name))?;
    let part = package.part.clone();
    let in_qde = |e: Located| match &part {
        Some(p) => e.in_part(p),
        None => e,
    };
    let project = crate::import::refi::parse(&package.qde).map_err(|e| in_qde(e).in_file(&name))?;
    let mut texts = Vec::new();
    for s in &project.sources {
        let text = match &s.content {
            Some(t) => t.clone(),
            None if s.plain_text_path.trim().is_empty() => {
                let e = Located {
                    at: Some(s.at),
                    message: format!(
                        "source {:?} has neither a plainTextPath nor a PlainTextContent",
                        s.name
                    ),
                    ..Located::default()
                };
                return Err(in_qde(e).in_file(&name));
            }
            None => package.source(&s.plain_text_path).map_err(|e| {
                Located { message: format!("source {:?}: {}", s.name, e.message), ..e }
                    .in_file(&name)
            })?,
        };
        texts.push(text);
    }
    Ok(Loaded { project, texts })
}

/// The project's qde part name for errors raised after loading: `e` placed
/// in `project.qde` for an archive.
pub fn in_qde(path: &Path, e: Located) -> crate::import::refi::RefiError {
    let zipped = std::fs::File::open(path)
        .and_then(|mut f| {
            let mut magic = [0u8; 2];
            f.read_exact(&mut magic).map(|()| magic == *b"PK")
        })
        .unwrap_or(false);
    let e = if zipped { e.in_part("project.qde") } else { e };
    e.in_file(&path.shown())
}
