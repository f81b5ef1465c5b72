//! Documents and the corpus.
//!
//! A [`Document`] is one article as decoded from its source: the text that
//! every offset in parallax's output refers to, plus its metadata. A
//! [`Corpus`] keeps documents sorted by id, so that a [`DocId`] (an index
//! into that order) is stable for a given input and every table that lists
//! documents lists them in the same order.

use std::borrow::Cow;
use std::fmt;
use std::io;

use crate::error::Result;

mod aside;
pub use aside::Texts;

/// Index of a document in its [`Corpus`] (documents sorted by id).
///
/// A newtype so that a document index cannot be mixed up with a token,
/// shingle or passage index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocId(pub u32);

impl DocId {
    /// The index as `usize`, for slicing.
    #[inline]
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl fmt::Display for DocId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// One article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    /// Stable id: the path relative to the input root, or the record's `id`.
    pub id: String,
    /// Where the text came from: a path, `path:line` for a JSONL/CSV record,
    /// `-` for standard input, `seeds/<name>` for the bundled example.
    pub source: String,
    /// Title, when the source gives one.
    pub title: Option<String>,
    /// Publication date: ISO 8601 when it could be read (`YYYY-MM-DD`, or
    /// `YYYY-MM-DDTHH:MM:SS` with the zone when the source gave a time and a
    /// zone), else the text as given.
    pub date: Option<String>,
    /// Outlet (publisher), when known.
    pub outlet: Option<String>,
    /// URL, when known.
    pub url: Option<String>,
    /// Language code (`ar`, `fr`, `en`, ...): given by the source or
    /// detected from the text.
    pub language: Option<String>,
    /// The encoding the bytes were decoded from (`UTF-8`, `UTF-8-BOM`,
    /// `UTF-16LE`, `UTF-16BE`, `windows-1256`, ...).
    pub encoding: String,
    /// The decoded text. All offsets parallax reports are Unicode
    /// code-point offsets into this string.
    pub text: String,
    /// The record's other fields (section, author, any variable), as
    /// `(name, value)` sorted by name; values other than strings as their
    /// JSON text.
    pub extra: Vec<(String, String)>,
}

/// Documents sorted by id; `DocId(i)` is `docs[i]`.
#[derive(Clone, Debug, Default)]
pub struct Corpus {
    docs: Vec<Document>,
    texts: Texts,
}

impl Corpus {
    /// Builds a corpus, sorting by id. Ids must be unique (ingest makes them
    /// so); a repeated id keeps both documents, in input order.
    pub fn new(mut docs: Vec<Document>) -> Corpus {
        docs.sort_by(|a, b| a.id.cmp(&b.id));
        Corpus { docs, texts: Texts::default() }
    }

    /// Moves every document's text to an unnamed temporary file (in
    /// `TMPDIR`, removed when the process ends), to keep a large run's
    /// memory down: afterwards [`Document::text`] is empty and
    /// [`Corpus::text`] reads a text back when it is needed. Every
    /// pipeline stage and every table reads texts through
    /// [`Corpus::text`], so results do not change. Calling it again does
    /// nothing. On an error (no temporary directory, a full disk) the texts
    /// stay where they were.
    pub fn set_texts_aside(&mut self) -> io::Result<()> {
        if self.texts.are_aside() {
            return Ok(());
        }
        self.texts = Texts::set_aside(self.docs.iter().map(|d| d.text.as_str()))?;
        for d in &mut self.docs {
            d.text = String::new();
        }
        Ok(())
    }

    /// Document `id`'s text: borrowed from the document, or read back from
    /// the temporary file after [`Corpus::set_texts_aside`] (which can fail
    /// as any disk read can).
    pub fn text(&self, id: DocId) -> Result<Cow<'_, str>> {
        self.texts.get(id.index(), &self.docs[id.index()].text)
    }

    /// Where the texts are (for the report, which reads the ones it shows).
    pub(crate) fn texts(&self) -> &Texts {
        &self.texts
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// True when there are no documents.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The document with index `id`.
    pub fn get(&self, id: DocId) -> &Document {
        &self.docs[id.index()]
    }

    /// All documents, in id order.
    pub fn docs(&self) -> &[Document] {
        &self.docs
    }

    /// `(DocId, &Document)` in id order.
    pub fn iter(&self) -> impl Iterator<Item = (DocId, &Document)> {
        self.docs.iter().enumerate().map(|(i, d)| (DocId(i as u32), d))
    }

    /// Finds a document by its id string.
    pub fn find(&self, id: &str) -> Option<DocId> {
        self.docs.binary_search_by(|d| d.id.as_str().cmp(id)).ok().map(|i| DocId(i as u32))
    }

    /// Gives the documents back (with empty texts after
    /// [`Corpus::set_texts_aside`]).
    pub fn into_docs(self) -> Vec<Document> {
        self.docs
    }
}

/// Converts byte offsets in a string to Unicode code-point offsets.
///
/// Internally parallax works with byte offsets (cheap slicing); every offset
/// it writes is a code-point offset, so `text[start:end]` in Python gives the
/// span. Lookups are O(log n + 64): a checkpoint every 64 code points.
#[derive(Clone, Debug)]
pub struct CharIndex {
    /// `(byte, code point)` at every 64th code point.
    checkpoints: Vec<(u32, u32)>,
}

const CHECKPOINT_EVERY: usize = 64;

impl CharIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> CharIndex {
        let mut checkpoints = Vec::with_capacity(text.len() / CHECKPOINT_EVERY + 1);
        for (cp, (byte, _)) in text.char_indices().enumerate() {
            if cp % CHECKPOINT_EVERY == 0 {
                checkpoints.push((byte as u32, cp as u32));
            }
        }
        CharIndex { checkpoints }
    }

    /// The code-point offset of byte offset `byte` in `text` (the string this
    /// index was built from). `byte` must be a char boundary or `text.len()`.
    pub fn cp(&self, text: &str, byte: usize) -> usize {
        let i = match self.checkpoints.binary_search_by(|&(b, _)| (b as usize).cmp(&byte)) {
            Ok(i) => return self.checkpoints[i].1 as usize,
            Err(0) => return 0,
            Err(i) => i - 1,
        };
        let (b0, c0) = self.checkpoints[i];
        c0 as usize + text[b0 as usize..byte].chars().count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_index_matches_naive_count() {
        let text = "تشهد العلاقات abc é ".repeat(40);
        let idx = CharIndex::new(&text);
        for (byte, _) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
            assert_eq!(idx.cp(&text, byte), text[..byte].chars().count());
        }
    }

    #[test]
    fn corpus_is_sorted_and_searchable() {
        let doc = |id: &str| Document { id: id.into(), ..Document::default() };
        let c = Corpus::new(vec![doc("b"), doc("a"), doc("c")]);
        let ids: Vec<_> = c.docs().iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c"]);
        assert_eq!(c.find("c"), Some(DocId(2)));
        assert_eq!(c.find("z"), None);
    }
}
