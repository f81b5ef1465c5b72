//! The plain-data model of a run's results, as the writers see it.
//!
//! Input: made by [`super::rows`] from a typed
//! [`Analysis`](crate::analysis::Analysis). Output: read by the CSV, XLSX,
//! HTML, JSON and Parquet writers, which see nothing else, so this model is
//! the only contract between the analysis and the files.
//!
//! Invariants `rows` keeps (the writers rely on them for determinism
//! but never panic when they are broken): rows are already in output order
//! (documents by id, pairs by `(doc_a, doc_b)`, ...); matrices are square
//! with `ids.len()² == values.len()`; every `FramingRow::frames` has one cell
//! per `Results::frame_keys`, every `StanceRow::targets` one per
//! `Results::target_keys`; offsets are Unicode code points into the
//! document's text (`DocRow::text`, empty when the texts were set aside in a
//! temporary file: `Results::texts`), `start` inclusive, `end` exclusive.

use serde::Serialize;

use crate::doc::Document;

/// Everything a run produced, ready to be written.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Results {
    /// One row per document, sorted by id.
    pub documents: Vec<DocRow>,
    /// Jaccard similarity of shingle sets (diagonal 1).
    pub similarity: Option<Matrix>,
    /// Share of the row document's shingles found in the column document.
    pub containment: Option<Matrix>,
    /// Share of the row document's words inside passages shared with the
    /// column document.
    pub reuse: Option<Matrix>,
    /// Distance between frame profiles (Jensen–Shannon by default).
    pub framing_distance: Option<Matrix>,
    /// One row per candidate pair, sorted by `(doc_a, doc_b)`.
    pub pairs: Vec<PairRow>,
    /// One row per document in a cluster.
    pub clusters: Vec<ClusterRow>,
    /// One row per shared passage.
    pub passages: Vec<PassageRow>,
    /// Frame keys, in column order (`<frame>_per_1k`, `<frame>_hits`).
    pub frame_keys: Vec<String>,
    /// One row per document.
    pub framing: Vec<FramingRow>,
    /// Target keys, in column order (`<target>_score`, `<target>_mentions`).
    pub target_keys: Vec<String>,
    /// One row per document.
    pub stance: Vec<StanceRow>,
    /// One row per lexicon hit.
    pub evidence: Vec<EvidenceRow>,
    /// One row per (pair, frame) with shared passages.
    pub framing_shift: Vec<ShiftRow>,
    /// Relatedness (same story), N×N, when matrices are written.
    pub related: Option<Matrix>,
    /// Related pairs at or above the listing floor, sorted by
    /// `(doc_a, doc_b)`: `related.csv` when there is no matrix.
    pub related_pairs: Vec<RelatedRow>,
    /// One row per document in a story, by story then document.
    pub stories: Vec<StoryRow>,
    /// Framing compared within stories, by story then outlet.
    pub story_framing: Vec<StoryFramingRow>,
    /// Parameters, counts and problems, for the HTML header and JSON.
    pub summary: RunSummary,
    /// True when passages were not computed (`parallax dups`): the passage
    /// columns of `pairs.csv` are then written empty rather than as zeros.
    pub passages_skipped: bool,
    /// The evidence and related rows still in typed form, made one by one
    /// as they are written ([`super::rows::results_streamed`]); empty
    /// otherwise. Not in the JSON dump.
    #[serde(skip)]
    pub streamed: super::rows::Streamed,
    /// Where the documents' texts are: in their rows, or set aside in a
    /// temporary file until the HTML report takes the ones it shows
    /// ([`super::rows::results_streamed`]).
    #[serde(skip)]
    pub texts: crate::doc::Texts,
}

impl Results {
    /// Document `d`'s text, from its row or from the temporary file it was
    /// set aside in.
    pub(crate) fn document_text(&self, d: usize) -> crate::Result<std::borrow::Cow<'_, str>> {
        let in_row = self.documents.get(d).map_or("", |r| r.text.as_str());
        self.texts.get(d, in_row)
    }

    /// Rows of `evidence.csv`, materialised or streamed.
    pub(crate) fn evidence_len(&self) -> usize {
        self.evidence.len() + self.streamed.evidence_len()
    }

    /// Row `i` of `evidence.csv` (`i < evidence_len()`): the materialised
    /// rows, then the streamed ones.
    pub(crate) fn evidence_row(&self, i: usize) -> EvidenceRef<'_> {
        match self.evidence.get(i) {
            Some(e) => e.as_ref(),
            None => self.streamed.evidence_row(i - self.evidence.len()),
        }
    }

    /// Rows of `related.csv` in long form, materialised or streamed.
    pub(crate) fn related_len(&self) -> usize {
        self.related_pairs.len() + self.streamed.related_len()
    }

    /// Row `i` of `related.csv` in long form (`i < related_len()`).
    pub(crate) fn related_row(&self, i: usize) -> RelatedRef<'_> {
        match self.related_pairs.get(i) {
            Some(r) => RelatedRef {
                doc_a: &r.doc_a,
                doc_b: &r.doc_b,
                related: r.related,
                cosine: r.cosine,
                reuse: r.reuse,
            },
            None => self.streamed.related_row(i - self.related_pairs.len()),
        }
    }
}

/// An N×N matrix over documents.
///
/// In JSON: `{"ids": [...], "values": [...]}` (row-major) up to
/// [`SPARSE_JSON_ABOVE`] documents; above, `{"ids": [...], "sparse": true,
/// "entries": [[row, column, value], ...]}` with only the non-zero cells
/// (the dense form of 1,500 documents was 122 MB of mostly zeros).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Matrix {
    /// Document ids, in row (and column) order.
    pub ids: Vec<String>,
    /// Row-major values, `ids.len()²` of them.
    pub values: Vec<f64>,
}

/// Above this many documents a matrix is written to JSON as sparse entries.
pub const SPARSE_JSON_ABOVE: usize = 200;

impl Serialize for Matrix {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let n = self.ids.len();
        if n <= SPARSE_JSON_ABOVE {
            let mut st = s.serialize_struct("Matrix", 2)?;
            st.serialize_field("ids", &self.ids)?;
            st.serialize_field("values", &self.values)?;
            return st.end();
        }
        let entries: Vec<(usize, usize, f64)> = self
            .values
            .iter()
            .enumerate()
            .filter(|(_, v)| **v != 0.0)
            .map(|(k, &v)| (k / n.max(1), k % n.max(1), v))
            .collect();
        let mut st = s.serialize_struct("Matrix", 3)?;
        st.serialize_field("ids", &self.ids)?;
        st.serialize_field("sparse", &true)?;
        st.serialize_field("entries", &entries)?;
        st.end()
    }
}

impl Matrix {
    /// An all-zero matrix over `ids`, to fill with [`Matrix::set`].
    pub fn zeros(ids: Vec<String>) -> Matrix {
        let n = ids.len();
        Matrix { ids, values: vec![0.0; n * n] }
    }

    /// Sets the value at (`row`, `col`); returns false (and changes
    /// nothing) outside the matrix.
    pub fn set(&mut self, row: usize, col: usize, value: f64) -> bool {
        let n = self.ids.len();
        if row >= n || col >= n {
            return false;
        }
        match self.values.get_mut(row * n + col) {
            Some(slot) => {
                *slot = value;
                true
            }
            None => false,
        }
    }

    /// The value at (`row`, `col`), or `None` outside the matrix (a short
    /// `values` vector is reported, not a panic).
    pub fn get(&self, row: usize, col: usize) -> Option<f64> {
        let n = self.ids.len();
        if row >= n || col >= n {
            return None;
        }
        self.values.get(row * n + col).copied()
    }
}

/// One document: `documents.csv`, plus its text for the HTML report.
#[derive(Clone, Debug, Default, Serialize)]
pub struct DocRow {
    /// Stable id.
    pub doc_id: String,
    /// Where the text came from.
    pub source: String,
    /// Title (empty when unknown).
    pub title: String,
    /// Publication date as given (empty when unknown).
    pub date: String,
    /// Outlet (empty when unknown).
    pub outlet: String,
    /// URL as given (empty when unknown). Only `http`/`https` URLs may be
    /// shown as links: see [`DocRow::link`].
    pub url: String,
    /// Language code (`ar`, `fr`, `en`; empty when unknown).
    pub language: String,
    /// Encoding the bytes were decoded from.
    pub encoding: String,
    /// Length in Unicode code points.
    pub chars: u64,
    /// Number of word tokens.
    pub words: u64,
    /// The decoded text (not a CSV column; the HTML report shows it).
    pub text: String,
    /// The record's other fields, `(name, value)` sorted by name; the
    /// tables add one column per name found in any document.
    pub extra: Vec<(String, String)>,
}

impl DocRow {
    /// The row for `doc`, with its word count (from the normaliser); the
    /// character count is taken from the text, in code points.
    pub fn from_document(doc: &Document, words: u64) -> DocRow {
        let language = doc.language.clone().unwrap_or_default();
        DocRow::new(doc, words, doc.text.chars().count() as u64, language, doc.text.clone())
    }

    /// The row for `doc` with its word count, length in code points,
    /// `language` and `text` (empty unless a format shows texts).
    pub(crate) fn new(
        doc: &Document,
        words: u64,
        chars: u64,
        language: String,
        text: String,
    ) -> DocRow {
        DocRow {
            doc_id: doc.id.clone(),
            source: doc.source.clone(),
            title: doc.title.clone().unwrap_or_default(),
            date: doc.date.clone().unwrap_or_default(),
            outlet: doc.outlet.clone().unwrap_or_default(),
            url: doc.url.clone().unwrap_or_default(),
            language,
            encoding: doc.encoding.clone(),
            chars,
            words,
            text,
            extra: doc.extra.clone(),
        }
    }

    /// The URL when it may be a link: `http://` or `https://` (any case),
    /// without spaces or control characters; `javascript:`, `data:` and
    /// the like never are.
    pub fn link(&self) -> Option<&str> {
        let u = self.url.trim();
        let lower = u.get(..8).unwrap_or(u).to_ascii_lowercase();
        let web = lower.starts_with("http://") || lower.starts_with("https://");
        (web && !u.chars().any(|c| c.is_whitespace() || c.is_control())).then_some(u)
    }

    /// The value of extra field `name`, if this document has it.
    pub fn extra_value(&self, name: &str) -> Option<&str> {
        self.extra
            .binary_search_by(|(k, _)| k.as_str().cmp(name))
            .ok()
            .map(|i| self.extra[i].1.as_str())
    }
}

/// One candidate pair: `pairs.csv`.
#[derive(Clone, Debug, Default, Serialize)]
pub struct PairRow {
    /// First document id (`doc_a < doc_b`).
    pub doc_a: String,
    /// Second document id.
    pub doc_b: String,
    /// MinHash estimate of the Jaccard similarity.
    pub jaccard_est: f64,
    /// Exact Jaccard, when the pair was verified (empty cell otherwise).
    pub jaccard: Option<f64>,
    /// Share of `doc_a`'s shingles found in `doc_b`.
    pub containment_ab: f64,
    /// Share of `doc_b`'s shingles found in `doc_a`.
    pub containment_ba: f64,
    /// Number of shared passages.
    pub passages: u64,
    /// Words of `doc_a` inside shared passages.
    pub shared_words: u64,
    /// Length of the longest passage, in words of `doc_a` (like
    /// `shared_words`, so it never exceeds it).
    pub longest_passage_words: u64,
    /// Id of the document that likely came first (empty when undecided).
    pub likely_source: String,
    /// Why (`date`, `containment`, ...; empty when undecided).
    pub source_reason: String,
    /// What the pair is (see [`crate::classify`]): `near_duplicate`
    /// (Jaccard at or above the threshold), `excerpt` (containment at or
    /// above its threshold), `rewrite` (passages of reuse cover a fifth of
    /// one document) or `shared_passages` (at least one passage of reuse).
    pub verdict: String,
    /// Cluster number, when the pair is in one.
    pub cluster: Option<u64>,
    /// Empty when the pair was aligned itself. Otherwise both documents are
    /// copies in one cluster and this is the cluster's representative: each
    /// copy was aligned with it (pairs `doc_a`~representative and
    /// `doc_b`~representative carry the passages), not with every other copy.
    pub aligned_via: String,
    /// Relatedness (same story), when computed (`parallax run`).
    pub related: Option<f64>,
}

/// One document in a cluster: `clusters.csv`.
#[derive(Clone, Debug, Default, Serialize)]
pub struct ClusterRow {
    /// Cluster number.
    pub cluster: u64,
    /// Member document id.
    pub doc_id: String,
    /// Id of the cluster's representative document.
    pub representative: String,
    /// Number of documents in the cluster.
    pub size: u64,
}

/// One shared passage: `passages.csv`. Offsets are code points.
#[derive(Clone, Debug, Default, Serialize)]
pub struct PassageRow {
    /// Passage number.
    pub passage: u64,
    /// First document id.
    pub doc_a: String,
    /// Start in `doc_a` (inclusive).
    pub a_start: u64,
    /// End in `doc_a` (exclusive).
    pub a_end: u64,
    /// Second document id.
    pub doc_b: String,
    /// Start in `doc_b` (inclusive).
    pub b_start: u64,
    /// End in `doc_b` (exclusive).
    pub b_end: u64,
    /// Words of the passage in `doc_a`.
    pub a_words: u64,
    /// Words of the passage in `doc_b`.
    pub b_words: u64,
    /// Alignment score: the smaller of the two sides' shares of content
    /// words found in the other side's span.
    pub score: f64,
    /// `verbatim`, `near_verbatim` or `paraphrase` (see
    /// [`crate::align::kind`]).
    pub kind: String,
    /// The longest run of consecutive words the two sides share.
    pub copied_run: u64,
    /// Documents of the corpus containing the passage's text (the pair's
    /// own included); 0 when not counted (`index query`, `passages`).
    pub recurs_in: u64,
    /// True when the passage is boilerplate (see [`crate::classify`]):
    /// reported, not counted as reuse.
    pub boilerplate: bool,
    /// The passage's text in `doc_a`.
    pub a_text: String,
    /// The passage's text in `doc_b`.
    pub b_text: String,
}

/// One frame's numbers for one document.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct FrameCell {
    /// Hits per 1,000 words.
    pub per_1k: f64,
    /// Raw hit count.
    pub hits: u64,
}

/// One document's frame profile: `framing.csv`.
#[derive(Clone, Debug, Default, Serialize)]
pub struct FramingRow {
    /// Document id.
    pub doc_id: String,
    /// Word count the rates are computed on.
    pub words: u64,
    /// One cell per `Results::frame_keys`, same order.
    pub frames: Vec<FrameCell>,
}

/// One target's stance numbers for one document.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct StanceCell {
    /// Stance in the author's voice, in [−1, 1]; `None` (an empty cell,
    /// JSON `null`) when the author's voice does not mention the target.
    pub score: Option<f64>,
    /// Mentions of the target.
    pub mentions: u64,
    /// Stance inside quotations, in [−1, 1]; `None` without a quoted
    /// mention.
    pub quoted_score: Option<f64>,
    /// Mentions inside quotations.
    pub quoted_mentions: u64,
}

/// One document's stance toward each target: `stance.csv`.
#[derive(Clone, Debug, Default, Serialize)]
pub struct StanceRow {
    /// Document id.
    pub doc_id: String,
    /// One cell per `Results::target_keys`, same order.
    pub targets: Vec<StanceCell>,
}

/// One lexicon hit: `evidence.csv`. Offsets are code points.
#[derive(Clone, Debug, Default, Serialize)]
pub struct EvidenceRow {
    /// Document id.
    pub doc_id: String,
    /// Sentence number in the document (0-based).
    pub sentence: u64,
    /// Start of the hit (inclusive).
    pub start: u64,
    /// End of the hit (exclusive).
    pub end: u64,
    /// The hit as written.
    pub surface: String,
    /// The hit's normalised form.
    pub normalized: String,
    /// The lexicon entry it matched.
    pub entry: String,
    /// The entry's category (frame, or stance polarity).
    pub category: String,
    /// The entry's weight.
    pub weight: f64,
    /// Modifiers applied (`negated`, `intensified`, ...; `;`-separated).
    pub modifiers: String,
    /// Target the hit is about (empty for frame hits).
    pub target: String,
    /// Polarity cue: whose act or state it is (a target key; empty when
    /// unknown). See `score::roles`.
    pub holder: String,
    /// Polarity cue: at whom it is directed (a target key; empty when
    /// unknown).
    pub object: String,
    /// `author` or `quoted`.
    pub voice: String,
    /// Contribution to the score after modifiers.
    pub contribution: f64,
    /// Start of the sentence (code points; extra column, lets a reader
    /// show the hit in context).
    pub sentence_start: u64,
    /// End of the sentence (exclusive).
    pub sentence_end: u64,
}

impl EvidenceRow {
    /// The row with borrowed strings.
    pub(crate) fn as_ref(&self) -> EvidenceRef<'_> {
        EvidenceRef {
            doc_id: &self.doc_id,
            sentence: self.sentence,
            start: self.start,
            end: self.end,
            surface: &self.surface,
            normalized: &self.normalized,
            entry: &self.entry,
            category: &self.category,
            weight: self.weight,
            modifiers: &self.modifiers,
            target: &self.target,
            holder: &self.holder,
            object: &self.object,
            voice: &self.voice,
            contribution: self.contribution,
            sentence_start: self.sentence_start,
            sentence_end: self.sentence_end,
        }
    }
}

/// An [`EvidenceRow`] with borrowed strings: what the writers read, from a
/// materialised row or from a streamed hit.
#[derive(Clone, Copy, Debug)]
pub(crate) struct EvidenceRef<'a> {
    pub(crate) doc_id: &'a str,
    pub(crate) sentence: u64,
    pub(crate) start: u64,
    pub(crate) end: u64,
    pub(crate) surface: &'a str,
    pub(crate) normalized: &'a str,
    pub(crate) entry: &'a str,
    pub(crate) category: &'a str,
    pub(crate) weight: f64,
    pub(crate) modifiers: &'a str,
    pub(crate) target: &'a str,
    pub(crate) holder: &'a str,
    pub(crate) object: &'a str,
    pub(crate) voice: &'a str,
    pub(crate) contribution: f64,
    pub(crate) sentence_start: u64,
    pub(crate) sentence_end: u64,
}

impl EvidenceRef<'_> {
    /// The row with owned strings.
    pub(crate) fn to_row(self) -> EvidenceRow {
        EvidenceRow {
            doc_id: self.doc_id.to_string(),
            sentence: self.sentence,
            start: self.start,
            end: self.end,
            surface: self.surface.to_string(),
            normalized: self.normalized.to_string(),
            entry: self.entry.to_string(),
            category: self.category.to_string(),
            weight: self.weight,
            modifiers: self.modifiers.to_string(),
            target: self.target.to_string(),
            holder: self.holder.to_string(),
            object: self.object.to_string(),
            voice: self.voice.to_string(),
            contribution: self.contribution,
            sentence_start: self.sentence_start,
            sentence_end: self.sentence_end,
        }
    }
}

/// Frame rates in the shared vs rewritten parts of a pair: `framing_shift.csv`.
#[derive(Clone, Debug, Default, Serialize)]
pub struct ShiftRow {
    /// First document id.
    pub doc_a: String,
    /// Second document id.
    pub doc_b: String,
    /// Frame key.
    pub frame: String,
    /// Rate per 1,000 words in `doc_a`'s shared part.
    pub shared_a_per_1k: f64,
    /// Rate per 1,000 words in `doc_a`'s rewritten part.
    pub rewritten_a_per_1k: f64,
    /// Rate per 1,000 words in `doc_b`'s shared part.
    pub shared_b_per_1k: f64,
    /// Rate per 1,000 words in `doc_b`'s rewritten part.
    pub rewritten_b_per_1k: f64,
    /// Words in `doc_a`'s shared part.
    pub shared_a_words: u64,
    /// Words in `doc_a`'s rewritten part.
    pub rewritten_a_words: u64,
    /// Words in `doc_b`'s shared part.
    pub shared_b_words: u64,
    /// Words in `doc_b`'s rewritten part.
    pub rewritten_b_words: u64,
}

/// One related pair: `related.csv` in long form.
#[derive(Clone, Debug, Default, Serialize)]
pub struct RelatedRow {
    /// First document id (`doc_a < doc_b`).
    pub doc_a: String,
    /// Second document id.
    pub doc_b: String,
    /// `max(cosine, reuse)`.
    pub related: f64,
    /// Cosine of IDF-weighted content keys.
    pub cosine: f64,
    /// Larger share of either document inside shared passages.
    pub reuse: f64,
}

/// A [`RelatedRow`] with borrowed ids.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RelatedRef<'a> {
    pub(crate) doc_a: &'a str,
    pub(crate) doc_b: &'a str,
    pub(crate) related: f64,
    pub(crate) cosine: f64,
    pub(crate) reuse: f64,
}

impl RelatedRef<'_> {
    /// The row with owned ids.
    pub(crate) fn to_row(self) -> RelatedRow {
        RelatedRow {
            doc_a: self.doc_a.to_string(),
            doc_b: self.doc_b.to_string(),
            related: self.related,
            cosine: self.cosine,
            reuse: self.reuse,
        }
    }
}

/// One document of a story: `stories.csv`.
#[derive(Clone, Debug, Default, Serialize)]
pub struct StoryRow {
    /// Story number (from 1, largest story first).
    pub story: u64,
    /// Document id.
    pub doc_id: String,
    /// Title (empty when unknown).
    pub title: String,
    /// Outlet (empty when unknown).
    pub outlet: String,
    /// Date as given.
    pub date: String,
    /// Near-duplicate cluster of the document, when it is in one.
    pub cluster: Option<u64>,
    /// Documents in the story.
    pub size: u64,
    /// Id of the story's representative document.
    pub representative: String,
    /// Its title (its id when it has none).
    pub representative_title: String,
    /// Documents of the same story this one has `framing_shift.csv` rows
    /// with (a copy or rewrite), `;`-separated.
    pub shift_with: String,
}

/// One row of `story_framing.csv`.
#[derive(Clone, Debug, Default, Serialize)]
pub struct StoryFramingRow {
    /// Story number.
    pub story: u64,
    /// Outlet (the document id when the outlet is unknown).
    pub outlet: String,
    /// The outlet's documents in the story.
    pub docs: u64,
    /// Their words.
    pub words: u64,
    /// `frame`, `stance` or `distance`.
    pub measure: String,
    /// Frame key, target key, or the other outlet (`distance`).
    pub key: String,
    /// Rate per 1,000 words, stance score, or framing distance.
    pub value: f64,
    /// Hits, mentions, or the other outlet's documents.
    pub n: u64,
    /// The same measure over the story's other outlets.
    pub rest_value: Option<f64>,
    /// Hits or mentions behind `rest_value`.
    pub rest_n: Option<u64>,
    /// `adds`, `leaves_out` or empty.
    pub change: String,
}

/// A file that was skipped, and why.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Problem {
    /// The file (or record) at fault, as `file` or `file:line`.
    pub path: String,
    /// The file alone.
    pub file: String,
    /// The 1-based line of the record, when the problem is about one.
    pub line: Option<u64>,
    /// What went wrong.
    pub reason: String,
}

/// What the run was and did, for the report header.
#[derive(Clone, Debug, Default, Serialize)]
pub struct RunSummary {
    /// parallax version.
    pub version: String,
    /// Parameters as `(name, value)` (shingle, num_perm, bands, rows,
    /// threshold, seed, lexicons...), in display order.
    pub parameters: Vec<(String, String)>,
    /// Counts as `(name, value)` (documents, candidate pairs, passages...).
    pub counts: Vec<(String, u64)>,
    /// Files reported and skipped.
    pub problems: Vec<Problem>,
    /// What the reader should know about how complete the results are
    /// (large copy groups sampled by LSH, copies aligned with their
    /// cluster's representative), one sentence each.
    pub notes: Vec<String>,
    /// Stage timings as `(stage, seconds)`. Shown only when
    /// `OutputOptions::show_timings` is set, since they break byte-identical
    /// outputs.
    pub timings: Vec<(String, f64)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrix_set_and_get_stay_in_bounds() {
        let mut m = Matrix::zeros(vec!["a".into(), "b".into()]);
        assert!(m.set(0, 1, 0.25));
        assert!(!m.set(2, 0, 1.0));
        assert_eq!(m.get(0, 1), Some(0.25));
        assert_eq!(m.get(1, 0), Some(0.0));
        assert_eq!(m.get(0, 2), None);
        // A short values vector is answered with None, not a panic.
        let short = Matrix { ids: vec!["a".into(), "b".into()], values: vec![1.0] };
        assert_eq!(short.get(1, 1), None);
    }

    #[test]
    fn doc_row_counts_code_points() {
        let doc = Document {
            id: "ar/1.txt".into(),
            source: "ar/1.txt".into(),
            title: Some("عنوان".into()),
            language: Some("ar".into()),
            encoding: "UTF-8".into(),
            text: "الجزائر تعلن".into(),
            ..Document::default()
        };
        let row = DocRow::from_document(&doc, 2);
        assert_eq!(row.chars, 12);
        assert_eq!((row.title.as_str(), row.date.as_str(), row.words), ("عنوان", "", 2));
    }
}
