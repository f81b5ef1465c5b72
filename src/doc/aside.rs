//! Texts set aside in a temporary file.
//!
//! Why: after the first pass (normalising, sketching and scoring every
//! document) a run needs a document's text only now and then: to verify a
//! candidate pair, to turn offsets into code points, to cut a passage, to
//! show a text in the report. Keeping every text in memory meanwhile held
//! the corpus's whole text (185 MiB of the 72k-article news corpus, more
//! with the allocator's slack) through every later stage, and again in the
//! rows the HTML report reads. Written once to an unnamed temporary file,
//! a text is read back when it is needed.
//!
//! The file is made by [`tempfile::tempfile`] (in `TMPDIR`; the system
//! removes it when the process ends, however it ends). Outputs do not depend
//! on it: a text reads back exactly as it was written.

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::sync::Arc;

use crate::error::{Error, Result};

/// Where the documents' texts are: in the documents themselves (or in the
/// report's rows), or set aside in a temporary file
/// ([`Corpus::set_texts_aside`](super::Corpus::set_texts_aside)). Opaque;
/// [`Corpus::text`](super::Corpus::text) reads through it.
#[derive(Clone, Debug, Default)]
pub struct Texts {
    file: Option<Arc<TextFile>>,
}

/// The temporary file and where each text is in it: `(start, length)` in
/// bytes, by document index.
#[derive(Debug)]
struct TextFile {
    file: File,
    at: Vec<(u64, u64)>,
}

impl Texts {
    /// Writes `texts` (document `d`'s text the `d`-th) to a new temporary
    /// file.
    pub(crate) fn set_aside<'a>(texts: impl Iterator<Item = &'a str>) -> io::Result<Texts> {
        if !cfg!(any(unix, windows)) {
            return Err(io::Error::new(io::ErrorKind::Unsupported, "no positional reads here"));
        }
        let mut w = BufWriter::with_capacity(1 << 20, tempfile::tempfile()?);
        let (mut pos, mut at) = (0u64, Vec::new());
        for t in texts {
            w.write_all(t.as_bytes())?;
            at.push((pos, t.len() as u64));
            pos += t.len() as u64;
        }
        let file = w.into_inner().map_err(io::IntoInnerError::into_error)?;
        Ok(Texts { file: Some(Arc::new(TextFile { file, at })) })
    }

    /// True when the texts are in a temporary file.
    pub(crate) fn are_aside(&self) -> bool {
        self.file.is_some()
    }

    /// Document `d`'s text: `in_memory` when the texts are not aside, else
    /// read back from the file (positional reads: any number of threads at
    /// once). Reading the file can fail as any disk read can; the error
    /// names the directory it is in.
    pub(crate) fn get<'a>(&self, d: usize, in_memory: &'a str) -> Result<Cow<'a, str>> {
        let Some(f) = &self.file else { return Ok(Cow::Borrowed(in_memory)) };
        f.read(d).map(Cow::Owned).map_err(|e| {
            let e = io::Error::new(e.kind(), format!("reading back a text set aside there: {e}"));
            Error::io(std::env::temp_dir(), e)
        })
    }
}

impl TextFile {
    fn read(&self, d: usize) -> io::Result<String> {
        let &(start, len) = self.at.get(d).ok_or_else(|| {
            io::Error::new(io::ErrorKind::NotFound, format!("no text for document {d}"))
        })?;
        let mut bytes = vec![0; len as usize];
        read_at(&self.file, &mut bytes, start)?;
        String::from_utf8(bytes).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
    }
}

#[cfg(unix)]
fn read_at(f: &File, buf: &mut [u8], at: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(f, buf, at)
}

#[cfg(windows)]
fn read_at(f: &File, mut buf: &mut [u8], mut at: u64) -> io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !buf.is_empty() {
        match f.seek_read(buf, at)? {
            0 => return Err(io::ErrorKind::UnexpectedEof.into()),
            n => {
                buf = &mut buf[n..];
                at += n as u64;
            }
        }
    }
    Ok(())
}

#[cfg(not(any(unix, windows)))]
fn read_at(_: &File, _: &mut [u8], _: u64) -> io::Result<()> {
    // `set_aside` refuses on these systems, so no file is ever read.
    Err(io::ErrorKind::Unsupported.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_reads_back_as_written_in_any_order_and_from_any_thread() {
        let long = "x".repeat(70_000);
        let texts = ["", "واشنطن ترفض", "plain", "é\u{0}\u{1F600}", long.as_str()];
        let all = Texts::set_aside(texts.iter().copied()).unwrap();
        assert!(all.are_aside());
        for d in [4, 0, 3, 1, 2, 1, 4] {
            assert_eq!(all.get(d, "ignored").unwrap(), texts[d]);
        }
        std::thread::scope(|s| {
            for (d, want) in texts.iter().enumerate() {
                let all = &all;
                s.spawn(move || assert_eq!(all.get(d, "").unwrap(), *want));
            }
        });
        let err = all.get(5, "").unwrap_err().to_string();
        assert!(err.contains("set aside"), "{err}");
        let none = Texts::default();
        assert!(!none.are_aside());
        assert_eq!(none.get(0, "in memory").unwrap(), "in memory");
    }
}
