//! The typed result of an analysis: what [`crate::pipeline::analyse`]
//! found, before anything is formatted.
//!
//! Documents are referred to by [`DocId`] (their place in the
//! [`Corpus`](crate::Corpus), which is sorted by id), offsets are bytes into
//! their texts, verdicts and kinds are enums and every number is at full
//! precision. [`crate::report::rows`] makes the tables' rows from it (ids,
//! code-point offsets, strings); a library user can read it directly
//! instead.
//!
//! Invariants: `pairs` are sorted by `(a, b)` with `a < b`; each pair's
//! passages are the range [`PairFinding::passages`] of `passages`, in text
//! order; per-document vectors have one entry per corpus document; the
//! matrices are row-major N×N.
//!
//! A wire story, its reprint with an added lead, and an unrelated article:
//!
//! ```
//! use parallax::classify::Verdict;
//! use parallax::config::Config;
//! use parallax::pipeline::{analyse, Silent, Stages};
//! use parallax::{Corpus, Document};
//!
//! # fn main() -> parallax::Result<()> {
//! let wire = "أعلنت وزارة الخارجية الجزائرية اليوم عن زيارة رسمية لوزير الخارجية الأمريكي \
//!             إلى الجزائر الأسبوع المقبل لبحث التعاون الأمني في منطقة الساحل ومكافحة \
//!             الإرهاب، وقالت الوزارة إن الزيارة تستمر يومين وتشمل لقاءات مع كبار المسؤولين.";
//! let doc = |id: &str, text: String| Document {
//!     id: id.into(),
//!     text,
//!     ..Document::default()
//! };
//! let corpus = Corpus::new(vec![
//!     doc("wire", wire.to_string()),
//!     doc("reprint", format!("قالت مصادر دبلوماسية إن الزيارة تأتي في سياق توتر إقليمي. {wire}")),
//!     doc("other", "Le championnat reprend samedi après une longue trêve hivernale.".into()),
//! ]);
//! let stages = Stages { dups: true, passages: true, score: false };
//! let options = Config::default().pipeline_options(stages)?;
//! let (analysis, _stats) = analyse(&corpus, &options, None, &Silent)?;
//!
//! // One pair, a near-duplicate: all of the wire is in the reprint
//! // (documents are numbered in id order: other, reprint, wire).
//! assert_eq!(analysis.pairs.len(), 1);
//! let pair = &analysis.pairs[0];
//! assert_eq!(pair.verdict, Verdict::NearDuplicate);
//! assert_eq!(pair.overlap.containment_ba, 1.0);
//! // Its passage: the whole wire story (first word to last), byte offsets
//! // into both texts.
//! let found = &analysis.passages[pair.passages.clone()];
//! let p = &found[0].passage;
//! assert_eq!(&corpus.get(pair.b).text[p.b_start..p.b_end], wire.trim_end_matches('.'));
//! assert_eq!(&corpus.get(pair.a).text[p.a_start..p.a_end], wire.trim_end_matches('.'));
//! # Ok(())
//! # }
//! ```

use std::ops::Range;

use crate::align::Passage;
use crate::candidates::Overlap;
use crate::classify::Verdict;
use crate::cluster::{ClusterInfo, Side, SourceReason};
use crate::doc::DocId;
use crate::score::{FrameScore, HitList, StanceScore};
use crate::stories::{framing, Stories};

/// Everything an analysis found in a corpus.
#[derive(Clone, Debug, Default)]
pub struct Analysis {
    /// Per document, in corpus order.
    pub documents: Vec<DocFacts>,
    /// The reported pairs (copies, excerpts, rewrites, pairs sharing
    /// passages), sorted by `(a, b)`.
    pub pairs: Vec<PairFinding>,
    /// Clusters of near-duplicates and excerpts.
    pub clusters: ClusterInfo,
    /// The reported pairs' passages, pair by pair.
    pub passages: Vec<PassageFinding>,
    /// The N×N matrices, when they were computed.
    pub matrices: Matrices,
    /// Framing and stance, when scored.
    pub scores: Option<CorpusScores>,
    /// Frame rates in the shared and rewritten parts of pairs sharing
    /// passages, by pair then frame.
    pub frame_shifts: Vec<FrameShift>,
    /// Related pairs (same story) at or above the listing floor, sorted by
    /// `(a, b)`.
    pub related: Vec<RelatedPair>,
    /// Stories, when relatedness was computed.
    pub stories: Option<StoryFindings>,
    /// True when passages were not computed (near-duplicates only).
    pub passages_skipped: bool,
}

/// What the analysis knows of one document.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct DocFacts {
    /// Word tokens, as the normaliser counts them.
    pub words: usize,
    /// Length of the text in Unicode code points.
    pub chars: usize,
    /// The language detected from the text, when the input gave none.
    pub detected_language: Option<&'static str>,
}

/// One reported pair, `a < b`.
#[derive(Clone, Debug, PartialEq)]
pub struct PairFinding {
    /// The first document (the smaller id).
    pub a: DocId,
    /// The second document.
    pub b: DocId,
    /// Exact overlap of the two shingle sets.
    pub overlap: Overlap,
    /// MinHash estimate of the Jaccard similarity.
    pub estimate: f64,
    /// What the pair is ([`crate::classify`]).
    pub verdict: Verdict,
    /// Which document likely came first, when it can be told.
    pub likely_source: Option<Side>,
    /// Why ([`crate::cluster::likely_source`]).
    pub source_reason: SourceReason,
    /// The pair's cluster (from 1), when both documents are copies in one.
    pub cluster: Option<u32>,
    /// Set when both documents are copies in one cluster that were each
    /// aligned with its representative (this one) instead of each other.
    pub aligned_via: Option<DocId>,
    /// Relatedness (same story), when computed.
    pub related: Option<f64>,
    /// The pair's passages in [`Analysis::passages`], boilerplate included.
    pub passages: Range<usize>,
}

/// One reported passage of a pair.
#[derive(Clone, Debug, PartialEq)]
pub struct PassageFinding {
    /// The first document.
    pub a: DocId,
    /// The second document.
    pub b: DocId,
    /// Where it lies in each (byte offsets), its size, score and kind.
    pub passage: Passage,
    /// Reported but not counted as reuse ([`crate::classify`]).
    pub boilerplate: bool,
    /// Documents of the corpus containing its text (the pair's own
    /// included).
    pub recurs_in: usize,
}

/// The N×N matrices (row-major, diagonal 1 except for framing distance).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Matrices {
    /// Jaccard similarity: exact where a pair was compared, the MinHash
    /// estimate elsewhere.
    pub similarity: Option<Vec<f64>>,
    /// Containment of the row document in the column document.
    pub containment: Option<Vec<f64>>,
    /// Share of the row document's words in passages shared with the
    /// column document.
    pub reuse: Option<Vec<f64>>,
    /// Relatedness (same story).
    pub related: Option<Vec<f64>>,
    /// Distance between frame profiles.
    pub framing_distance: Option<Vec<f64>>,
}

/// Framing and stance of every document.
#[derive(Clone, Debug, Default)]
pub struct CorpusScores {
    /// Frame keys, in the lexicon's order.
    pub frames: Vec<String>,
    /// Target keys, in the lexicon's order.
    pub targets: Vec<String>,
    /// One per document, in corpus order.
    pub docs: Vec<DocScore>,
}

/// One document's framing and stance.
#[derive(Clone, Debug, Default)]
pub struct DocScore {
    /// The per-1k denominator.
    pub words: usize,
    /// One per frame, in [`CorpusScores::frames`] order.
    pub frames: Vec<FrameScore>,
    /// One per target, in [`CorpusScores::targets`] order.
    pub stance: Vec<StanceScore>,
    /// The lexicon hits, in text order (byte offsets), packed.
    pub hits: HitList,
    /// Byte spans of the document's sentences (a hit's `sentence` indexes
    /// them).
    pub sentences: Vec<(u32, u32)>,
}

/// One frame's rates in the shared and rewritten parts of a pair.
#[derive(Clone, Debug, PartialEq)]
pub struct FrameShift {
    /// The first document.
    pub a: DocId,
    /// The second document.
    pub b: DocId,
    /// The frame, as an index into [`CorpusScores::frames`].
    pub frame: usize,
    /// Words of `a` inside shared passages.
    pub shared_a_words: usize,
    /// Words of `a` outside them.
    pub rewritten_a_words: usize,
    /// Words of `b` inside shared passages.
    pub shared_b_words: usize,
    /// Words of `b` outside them.
    pub rewritten_b_words: usize,
    /// Frame hits per 1,000 words in `a`'s shared part.
    pub shared_a_per_1k: f64,
    /// … in `a`'s rewritten part.
    pub rewritten_a_per_1k: f64,
    /// … in `b`'s shared part.
    pub shared_b_per_1k: f64,
    /// … in `b`'s rewritten part.
    pub rewritten_b_per_1k: f64,
}

/// A related pair (same story), `a < b`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RelatedPair {
    /// The first document.
    pub a: DocId,
    /// The second document.
    pub b: DocId,
    /// `max(cosine, reuse)`.
    pub related: f64,
    /// Cosine of IDF-weighted content keys.
    pub cosine: f64,
    /// Larger share of either document inside shared passages.
    pub reuse: f64,
}

/// The stories of a corpus and how outlets frame each.
#[derive(Clone, Debug, Default)]
pub struct StoryFindings {
    /// Members and representative of each story.
    pub stories: Stories,
    /// Per document: the documents of its story it has frame shifts with
    /// (a copy or rewrite), increasing.
    pub shift_with: Vec<Vec<DocId>>,
    /// Framing compared within stories (when scored): `(story index,
    /// row)`, by story then outlet.
    pub framing: Vec<(usize, framing::Row)>,
    /// Stories told by too many outlets for pairwise distance rows.
    pub without_distance: usize,
}
