//! Ingest: files, folders, JSONL/CSV record files, stdin and the bundled
//! seeds, decoded to [`Document`]s.
//!
//! Input: a list of [`Input`]s and [`IngestOptions`]. Output: [`Ingested`]:
//! the documents in input order (folders walked in sorted order), the
//! problems met on the way (each naming a path, a line when there is one,
//! and a reason), and counts of files read and skipped.
//!
//! Invariants:
//! - ids are unique: on a repeat the first document is kept and the second
//!   reported as a problem;
//! - a document's `text` is exactly the decoded bytes (BOM removed), or for
//!   HTML the extracted text (see `html.rs`), or for records the record's text
//!   field, so that every offset parallax reports refers to it;
//! - bad input never panics and never stops the run: it becomes a
//!   [`Problem`] and the file or record is skipped. Only a missing input
//!   path, or any problem under `strict`, is an `Err`;
//! - the same inputs give the same output, in the same order.
//!
//! Files are read one after the other; the records of a JSONL file are
//! parsed in parallel and added in file order (`jsonl.rs`), since parsing a
//! large record file is CPU-bound, not I/O-bound.

mod csv;
mod date;
mod decode;
#[cfg(feature = "html")]
mod html;
mod jsonl;
mod text;
mod walk;

use std::fmt;
use std::io::{Read, Seek};
use std::path::{Path, PathBuf};

use encoding_rs::Encoding;

use crate::doc::Document;
use crate::error::{Error, Message, Naming, Result};

pub use date::{date_key, read_date, DateOrder};

/// One thing to read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    /// A file or a folder (walked recursively). The path `-` means stdin.
    Path(PathBuf),
    /// Standard input, read as one text document with id `-`.
    Stdin,
    /// The bundled seed articles ([`crate::seeds::SEEDS`]), decoded like
    /// files; ids are their file names, sources `seeds/<name>`.
    Seeds,
}

/// How to read inputs.
#[derive(Clone, Debug)]
pub struct IngestOptions {
    /// Forced encoding (`--encoding`); `None` detects it per file.
    pub encoding: Option<&'static Encoding>,
    /// Name of the text column (CSV) or field (JSONL). Default `text`.
    pub text_col: String,
    /// Name of the id column or field. Default `id`.
    pub id_col: String,
    /// Name of the title column or field. Default `title`.
    pub title_col: String,
    /// Name of the date column or field. Default `date`.
    pub date_col: String,
    /// Name of the outlet column or field. Default `outlet`.
    pub outlet_col: String,
    /// Name of the URL column or field. Default `url`.
    pub url_col: String,
    /// Name of the language column or field. Default `lang`.
    pub lang_col: String,
    /// Stop at the first problem with an `Err` instead of skipping.
    pub strict: bool,
    /// Single-document files (text, Markdown, HTML, stdin) larger than
    /// this are refused (a problem, not read).
    pub max_file_bytes: u64,
    /// Record files (JSONL, CSV) larger than this are refused.
    pub max_records_file_bytes: u64,
    /// How standard input is read; `None` detects it (JSONL when every
    /// line starts with `{`, CSV when the first line is a header naming the
    /// text column, else one text document).
    pub stdin_format: Option<StdinFormat>,
    /// Folders never read while walking (the output folder of this run, so
    /// that `parallax run .` does not read its own reports). Folders holding
    /// a parallax `manifest.json` are passed over too.
    pub exclude: Vec<PathBuf>,
    /// How numeric dates such as `04/03/2018` are read (`--date-format`);
    /// `None` reads only those with one possible reading.
    pub date_order: Option<DateOrder>,
}

/// How to read standard input (`--stdin-format`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StdinFormat {
    /// One JSON object per line.
    Jsonl,
    /// A header row, then one record per row.
    Csv,
    /// The whole input is one document.
    Text,
}

/// Default limit on one single-document file: 256 MiB (no article is that
/// long; such a file is a dump or binary data with the wrong extension).
pub const DEFAULT_MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Default limit on one record file (JSONL, CSV): 16 GiB. Such a file holds a
/// whole corpus; it is read into memory at once, so the limit is about
/// memory (about twice the file's size while it is read).
pub const DEFAULT_MAX_RECORDS_FILE_BYTES: u64 = 16 * 1024 * 1024 * 1024;

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            encoding: None,
            text_col: "text".into(),
            id_col: "id".into(),
            title_col: "title".into(),
            date_col: "date".into(),
            outlet_col: "outlet".into(),
            url_col: "url".into(),
            lang_col: "lang".into(),
            strict: false,
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
            max_records_file_bytes: DEFAULT_MAX_RECORDS_FILE_BYTES,
            stdin_format: None,
            exclude: Vec::new(),
            date_order: None,
        }
    }
}

/// A file or record that was skipped, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The file (as given or as found in a folder), `-` for stdin.
    pub path: String,
    /// 1-based line of the record, when the problem is about one record.
    pub line: Option<u64>,
    /// What is wrong, and what to do about it when there is something to do.
    pub reason: Message,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(&crate::error::Params))
    }
}

impl Problem {
    /// `path[:line]: reason` with parameters named by `naming`; `Display`
    /// names them as the library does.
    pub fn render(&self, naming: &dyn Naming) -> String {
        match self.line {
            Some(line) => format!("{}:{}: {}", self.path, line, self.reason.render(naming)),
            None => format!("{}: {}", self.path, self.reason.render(naming)),
        }
    }

    fn into_error(self) -> Error {
        Error::input(self.path, self.line, self.reason)
    }
}

/// What [`ingest`] read.
#[derive(Clone, Debug, Default)]
pub struct Ingested {
    /// Documents in input order; ids unique.
    pub docs: Vec<Document>,
    /// Skipped files and records, in the order met.
    pub problems: Vec<Problem>,
    /// Files whose bytes were read (including ones then refused for their
    /// content); each seed and stdin count as one.
    pub files_read: usize,
    /// Files in folders left alone because of their extension (not
    /// problems), as paths.
    pub skipped: Vec<String>,
    /// Things read but worth a look (a guessed encoding, a renamed id, a
    /// date that could not be read, a parallax output folder passed over).
    /// Nothing here was skipped.
    pub warnings: Vec<Problem>,
    /// Every file whose bytes were read, in reading order, with a hash of
    /// its content (for a manifest of what an analysis was made from).
    pub files: Vec<FileHash>,
}

/// A file read, its size and content hash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileHash {
    /// The path as given or found (`-` for stdin, `seeds/<name>`).
    pub path: String,
    /// Size in bytes.
    pub bytes: u64,
    /// XXH3-128 of the bytes, as 32 lowercase hex digits.
    pub xxh3_128: String,
}

impl FileHash {
    fn of(path: &str, bytes: &[u8]) -> FileHash {
        FileHash {
            path: path.to_owned(),
            bytes: bytes.len() as u64,
            xxh3_128: format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes)),
        }
    }
}

/// Looks up an encoding for `--encoding`: WHATWG labels (`windows-1256`,
/// `cp1256`, `utf-16le`, `iso-8859-6`, ...) and common spellings (`utf8`,
/// `utf16be`, `win1256`). `None` for unknown labels.
pub fn encoding_by_label(label: &str) -> Option<&'static Encoding> {
    decode::by_label(label)
}

/// Reads every input. See the module docs for what is an error and what is
/// a problem.
pub fn ingest(inputs: &[Input], opts: &IngestOptions) -> Result<Ingested> {
    let mut sink = Sink::new(opts);
    for input in inputs {
        match input {
            Input::Stdin => read_stdin(&mut sink)?,
            Input::Path(p) if p.as_os_str() == "-" => read_stdin(&mut sink)?,
            Input::Seeds => {
                for (name, bytes) in crate::seeds::SEEDS {
                    let file = FileRef { shown: format!("seeds/{name}"), id: (*name).to_owned() };
                    sink.files_read += 1;
                    sink.files.push(FileHash::of(&file.shown, bytes));
                    process_bytes(bytes, &file, Kind::Text, &mut sink)?;
                }
            }
            Input::Path(p) => read_path(p, &mut sink)?,
        }
    }
    Ok(sink.finish())
}

/// Reads `bytes` as if they were the file `name`: its extension chooses the
/// format (`.jsonl`, `.csv`, `.html`/`.htm`, `.md`, anything else text), and
/// a single-document format takes `name` as id and source. For callers that
/// hold the bytes already (a download, an archive member, a fuzzer); the
/// size limits of [`IngestOptions`] apply as to a file.
///
/// ```
/// use parallax::ingest::{ingest_bytes, IngestOptions};
/// let jsonl = br#"{"id": "a", "text": "Algiers and Washington sign a deal."}"#;
/// let got = ingest_bytes("wire.jsonl", jsonl, &IngestOptions::default()).unwrap();
/// assert_eq!(got.docs[0].id, "a");
/// assert_eq!(got.docs[0].source, "wire.jsonl:1");
/// ```
pub fn ingest_bytes(name: &str, bytes: &[u8], opts: &IngestOptions) -> Result<Ingested> {
    let mut sink = Sink::new(opts);
    let kind = Kind::for_path(Path::new(name)).unwrap_or(Kind::Text);
    let limit = kind.size_limit(opts);
    let file = FileRef { shown: name.to_owned(), id: name.to_owned() };
    if bytes.len() as u64 > limit {
        sink.problem(&file.shown, None, too_big(bytes.len() as u64, limit))?;
    } else {
        sink.files_read += 1;
        sink.files.push(FileHash::of(&file.shown, bytes));
        process_bytes(bytes, &file, kind, &mut sink)?;
    }
    Ok(sink.finish())
}

/// The formats we read, chosen by extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Text,
    Markdown,
    Html,
    Jsonl,
    Csv,
}

impl Kind {
    /// The kind for a file name's extension (case-insensitive), if read.
    /// The largest file of this format `opts` accept: record files have
    /// their own limit, single documents theirs.
    fn size_limit(self, opts: &IngestOptions) -> u64 {
        match self {
            Kind::Jsonl | Kind::Csv => opts.max_records_file_bytes,
            Kind::Text | Kind::Markdown | Kind::Html => opts.max_file_bytes,
        }
    }

    pub(crate) fn for_path(path: &Path) -> Option<Kind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "txt" => Kind::Text,
            "md" => Kind::Markdown,
            "html" | "htm" => Kind::Html,
            "jsonl" => Kind::Jsonl,
            "csv" => Kind::Csv,
            _ => return None,
        })
    }
}

/// A file being read: how it is shown (problems, `Document.source`) and its
/// document id (relative path, or file name when given directly).
#[derive(Clone, Debug)]
pub(crate) struct FileRef {
    pub(crate) shown: String,
    pub(crate) id: String,
}

/// Collects documents and problems; enforces unique ids and `strict`.
pub(crate) struct Sink<'o> {
    pub(crate) opts: &'o IngestOptions,
    docs: Vec<Document>,
    problems: Vec<Problem>,
    /// id → index in `docs` of the document that has it. Ids come from
    /// outside, so the map is randomly keyed (aHash): no input can be built
    /// to make every id collide. Only looked up, never iterated, so the
    /// random keys cannot change any output.
    seen: ahash::AHashMap<String, usize>,
    files_read: usize,
    skipped: Vec<String>,
    warnings: Vec<Problem>,
    files: Vec<FileHash>,
}

impl<'o> Sink<'o> {
    fn new(opts: &'o IngestOptions) -> Sink<'o> {
        Sink {
            opts,
            docs: Vec::new(),
            problems: Vec::new(),
            seen: ahash::AHashMap::default(),
            files_read: 0,
            skipped: Vec::new(),
            warnings: Vec::new(),
            files: Vec::new(),
        }
    }

    /// Records a warning: the input was read, but something about it
    /// deserves the user's eye.
    pub(crate) fn warn(&mut self, path: &str, line: Option<u64>, reason: impl Into<Message>) {
        self.warnings.push(Problem { path: path.to_owned(), line, reason: reason.into() });
    }

    /// Records a problem; under `strict` it becomes the error instead.
    pub(crate) fn problem(
        &mut self,
        path: &str,
        line: Option<u64>,
        reason: impl Into<Message>,
    ) -> Result<()> {
        let p = Problem { path: path.to_owned(), line, reason: reason.into() };
        if self.opts.strict {
            return Err(p.into_error());
        }
        self.problems.push(p);
        Ok(())
    }

    /// Adds a document unless its id was seen before (then a problem at
    /// `path`/`line`; `record` picks the advice).
    pub(crate) fn doc(
        &mut self,
        doc: Document,
        path: &str,
        line: Option<u64>,
        record: bool,
    ) -> Result<()> {
        let mut doc = doc;
        if let Some(&first) = self.seen.get(&doc.id) {
            let first = &self.docs[first].source;
            // Two inputs holding the same relative path (`run dA dB`): both
            // are articles, so the second keeps its path as given for id
            // instead of being dropped. The same file given twice is still a
            // repeat.
            if !record && first != path && !self.seen.contains_key(&id_from_shown(path)) {
                let new_id = id_from_shown(path);
                let reason = format!(
                    "id {} is already used by {first}; this document's id is {new_id}",
                    doc.id
                );
                self.warn(path, line, reason);
                doc.id = new_id;
                self.seen.insert(doc.id.clone(), self.docs.len());
                self.docs.push(doc);
                return Ok(());
            }
            let reason = Message::from(format!("duplicate id {}, first seen in {first}; ", doc.id));
            let reason = if record {
                reason.text("rename or ").set("id_col")
            } else {
                reason.text("rename one of them")
            };
            return self.problem(path, line, reason);
        }
        self.seen.insert(doc.id.clone(), self.docs.len());
        self.docs.push(doc);
        Ok(())
    }

    fn finish(self) -> Ingested {
        Ingested {
            docs: self.docs,
            problems: self.problems,
            files_read: self.files_read,
            skipped: self.skipped,
            warnings: self.warnings,
            files: self.files,
        }
    }
}

/// A path as shown, made into an id: `/` separators, no leading `./`.
fn id_from_shown(shown: &str) -> String {
    let s = shown.replace('\\', "/");
    let mut s = s.as_str();
    while let Some(rest) = s.strip_prefix("./") {
        s = rest;
    }
    s.to_owned()
}

/// A path as text, bytes that are not UTF-8 written `\\xNN` (two names
/// that differ only in invalid bytes stay apart).
pub fn path_text(p: &Path) -> String {
    os_text(p.as_os_str())
}

/// A file name or path component as text. Bytes that are not UTF-8 are
/// written `\xNN` (and a literal backslash stays as it is), so that two names
/// differing only in such bytes keep different ids, where a lossy
/// conversion would give both the same `U+FFFD`.
pub(crate) fn os_text(s: &std::ffi::OsStr) -> String {
    if let Some(t) = s.to_str() {
        return t.to_owned();
    }
    #[cfg(unix)]
    {
        use std::fmt::Write as _;
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in s.as_bytes().utf8_chunks() {
            out.push_str(chunk.valid());
            for b in chunk.invalid() {
                let _ = write!(out, "\\x{b:02X}");
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        s.to_string_lossy().into_owned()
    }
}

fn read_stdin(sink: &mut Sink<'_>) -> Result<()> {
    let mut bytes = Vec::new();
    let limit = sink.opts.max_file_bytes;
    std::io::stdin()
        .lock()
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io("-", e))?;
    let file = FileRef { shown: "-".into(), id: "-".into() };
    if bytes.len() as u64 > limit {
        return sink.problem("-", None, too_big(bytes.len() as u64, limit));
    }
    sink.files_read += 1;
    sink.files.push(FileHash::of("-", &bytes));
    let kind = match sink.opts.stdin_format {
        Some(StdinFormat::Jsonl) => Kind::Jsonl,
        Some(StdinFormat::Csv) => Kind::Csv,
        Some(StdinFormat::Text) => Kind::Text,
        None => detect_stdin(&bytes, &sink.opts.text_col),
    };
    process_bytes(&bytes, &file, kind, sink)
}

/// What standard input holds, when that is unambiguous: JSONL when every
/// non-blank line of the first 64 KiB starts with `{` and ends with `}`
/// (the last line may be cut by the window); CSV when the first line is a
/// header with the text column among its cells and at least one more line
/// follows; otherwise one text document.
fn detect_stdin(bytes: &[u8], text_col: &str) -> Kind {
    let head = &bytes[..bytes.len().min(64 << 10)];
    let head = String::from_utf8_lossy(head);
    let head = head.strip_prefix('\u{feff}').unwrap_or(&head);
    let mut lines: Vec<&str> = head.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    if bytes.len() > 64 << 10 {
        lines.pop(); // may be cut by the window
    }
    if !lines.is_empty() && lines.iter().all(|l| l.starts_with('{') && l.ends_with('}')) {
        return Kind::Jsonl;
    }
    if let Some(first) = head.lines().next() {
        let cells = |sep: char| first.split(sep).map(|c| c.trim().trim_matches('"').trim());
        let has = [',', ';', '\t'].iter().any(|&sep| {
            first.contains(sep) && cells(sep).any(|c| c.eq_ignore_ascii_case(text_col))
        });
        if has && head.lines().skip(1).any(|l| !l.trim().is_empty()) {
            return Kind::Csv;
        }
    }
    Kind::Text
}

fn read_path(path: &Path, sink: &mut Sink<'_>) -> Result<()> {
    let shown = os_text(path.as_os_str());
    let meta = std::fs::metadata(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            Error::input(shown.clone(), None, "no such file or folder")
        } else {
            Error::io(path, e)
        }
    })?;
    if meta.is_dir() {
        return walk::walk(path, sink);
    }
    // Given by name: read it whatever its extension, as text by default
    // (a FIFO given by name, such as `<(zcat a.txt.gz)`, is read too: the
    // user asked for it; in folders they are passed over, see `walk.rs`).
    let kind = Kind::for_path(path).unwrap_or(Kind::Text);
    let id = path.file_name().map_or_else(|| shown.clone(), os_text);
    read_file(path, &FileRef { shown, id }, kind, sink)
}

/// Reads one file (within the size limit) and turns it into documents.
pub(crate) fn read_file(
    path: &Path,
    file: &FileRef,
    kind: Kind,
    sink: &mut Sink<'_>,
) -> Result<()> {
    match read_limited(path, kind.size_limit(sink.opts)) {
        Ok(bytes) => {
            sink.files_read += 1;
            sink.files.push(FileHash::of(&file.shown, &bytes));
            let done = process_bytes(&bytes, file, kind, sink);
            if bytes.len() >= PARALLEL_READ {
                // Unmapping hundreds of MB takes a noticeable moment; the
                // documents are copies, so nobody waits for it.
                // `Builder::spawn` reports failure instead of panicking;
                // then the buffer simply drops here.
                let _ = std::thread::Builder::new().spawn(move || drop(bytes));
            }
            done
        }
        Err(reason) => sink.problem(&file.shown, None, reason),
    }
}

/// The file's bytes, or why they could not be had. Reads through `take` so
/// that a device or FIFO that reports size 0 cannot make us read forever.
fn read_limited(path: &Path, limit: u64) -> std::result::Result<Vec<u8>, Message> {
    let cannot = |e: std::io::Error| Message::from(format!("cannot read: {e}"));
    let f = std::fs::File::open(path).map_err(cannot)?;
    let mut size = 0;
    if let Ok(meta) = f.metadata() {
        if meta.len() > limit {
            return Err(too_big(meta.len(), limit));
        }
        if meta.is_file() {
            size = usize::try_from(meta.len()).unwrap_or(0);
        }
    }
    // Sized up front: growing by doubling copied a 470 MB record file
    // several times over.
    let mut bytes = Vec::new();
    if size >= PARALLEL_READ {
        bytes = read_parallel(&f, size).map_err(cannot)?;
    } else {
        bytes.reserve_exact(size.saturating_add(1));
    }
    // The rest (all of it for a small file; whatever a growing file gained).
    let mut rest = &f;
    if !bytes.is_empty() {
        // Only regular files are read in pieces; pipes cannot seek.
        rest.seek(std::io::SeekFrom::Start(bytes.len() as u64)).map_err(cannot)?;
    }
    rest.take(limit.saturating_add(1).saturating_sub(bytes.len() as u64))
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > limit {
        return Err(too_big(bytes.len() as u64, limit));
    }
    Ok(bytes)
}

/// Files at least this large are read in pieces of this size on every
/// thread: copying a large file out of the page cache into fresh memory is
/// bound by page faults, and those run in parallel.
const PARALLEL_READ: usize = 16 << 20;

/// The first `size` bytes of `f`, read in parallel pieces.
#[cfg(unix)]
fn read_parallel(f: &std::fs::File, size: usize) -> std::io::Result<Vec<u8>> {
    use rayon::prelude::*;
    use std::os::unix::fs::FileExt;
    let mut bytes = vec![0u8; size];
    bytes.par_chunks_mut(PARALLEL_READ).enumerate().try_for_each(|(i, piece)| {
        f.read_exact_at(piece, (i * PARALLEL_READ) as u64).map_err(|e| {
            if e.kind() == std::io::ErrorKind::UnexpectedEof {
                std::io::Error::other("the file shrank while being read")
            } else {
                e
            }
        })
    })?;
    Ok(bytes)
}

/// Elsewhere: one sequential read.
#[cfg(not(unix))]
fn read_parallel(f: &std::fs::File, size: usize) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::with_capacity(size.saturating_add(1));
    f.take(size as u64).read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn too_big(len: u64, limit: u64) -> Message {
    Message::from(format!(
        "file is {len} bytes, over the limit of {limit} bytes; split it or raise the limit with "
    ))
    .param("max_file_size")
}

/// Decodes `bytes` and adds the documents they hold.
fn process_bytes(bytes: &[u8], file: &FileRef, kind: Kind, sink: &mut Sink<'_>) -> Result<()> {
    let decoded = match decode::decode(bytes, sink.opts.encoding, kind == Kind::Html) {
        Ok(d) => d,
        Err(reason) => return sink.problem(&file.shown, None, reason),
    };
    let encoding = decoded.encoding;
    if let Some(note) = &decoded.guess_note {
        sink.warn(&file.shown, None, note.clone());
    }
    match kind {
        Kind::Text | Kind::Markdown => {
            if decoded.text.trim().is_empty() {
                return sink.problem(&file.shown, None, "no text (only whitespace)");
            }
            let meta = text::text_meta(&decoded.text, kind == Kind::Markdown);
            let doc = Document {
                id: file.id.clone(),
                source: file.shown.clone(),
                title: meta.title,
                date: meta.date,
                encoding: encoding.to_owned(),
                text: decoded.text.into_owned(),
                ..Document::default()
            };
            sink.doc(doc, &file.shown, None, false)
        }
        #[cfg(not(feature = "html"))]
        Kind::Html => sink.problem(
            &file.shown,
            None,
            "HTML input needs parallax built with its `html` feature (on by default)",
        ),
        #[cfg(feature = "html")]
        Kind::Html => {
            let depth = html::nesting_estimate(&decoded.text);
            if depth > html::MAX_DEPTH {
                let reason = format!(
                    "HTML nested about {depth} elements deep (limit {}); broken or hostile page",
                    html::MAX_DEPTH
                );
                return sink.problem(&file.shown, None, reason);
            }
            let a = html::extract(&decoded.text);
            if a.text.is_empty() {
                return sink.problem(&file.shown, None, "no visible text in the HTML body");
            }
            let doc = Document {
                id: file.id.clone(),
                source: file.shown.clone(),
                title: a.title,
                date: a.date,
                outlet: a.outlet,
                url: a.url,
                language: a.language,
                encoding: encoding.to_owned(),
                text: a.text,
                extra: Vec::new(),
            };
            sink.doc(doc, &file.shown, None, false)
        }
        Kind::Jsonl => jsonl::read(&decoded.text, encoding, file, sink),
        Kind::Csv => csv::read(&decoded.text, encoding, file, sink),
    }
}

/// Checks a record's text field; the reason it cannot be a document, if any
/// (empty, binary or garbled). Public so that readers outside this module
/// (the Spark job's) skip exactly the records the command skips.
pub fn record_text_problem(text: &str) -> Option<String> {
    if text.trim().is_empty() {
        return Some("empty text".into());
    }
    decode::binary_reason(text)
}

#[cfg(test)]
mod tests;
