//! parallax finds republished news articles, the passages they share, and
//! how each outlet frames events and actors. Arabic first; French and
//! English too.
//!
//! The pipeline, one module per stage:
//!
//! ```text
//! ingest → normalize → shingle → sketch → candidates → cluster
//!                                              ↓
//!                                 align (passages) → score (framing, stance) → report
//! ```
//!
//! Each stage works on one document or one pair and is single-threaded;
//! [`pipeline`] runs them across the corpus in parallel with deterministic
//! output: [`pipeline::analyse`] returns a typed [`analysis::Analysis`]
//! (pairs with their verdicts, passages, scores, stories) and
//! [`report::rows`] makes the tables' rows from it.
//!
//! Two articles, one copied into the other: their estimated and exact
//! similarity, and the passage they share with offsets into both texts
//! (`examples/stages.rs` goes through every stage, scoring included):
//!
//! ```
//! use parallax::align::{align, AlignOptions};
//! use parallax::candidates::overlap;
//! use parallax::normalize::Normalizer;
//! use parallax::shingle::{shingle_set, ShingleConfig};
//! use parallax::sketch::MinHasher;
//!
//! # fn main() -> parallax::Result<()> {
//! let wire = "أعلنت وزارة الخارجية الجزائرية اليوم عن زيارة رسمية لوزير الخارجية الأمريكي \
//!             إلى الجزائر الأسبوع المقبل لبحث التعاون الأمني في منطقة الساحل ومكافحة الإرهاب.";
//! let reprint = format!("قالت مصادر دبلوماسية إن الزيارة تأتي في سياق توتر إقليمي. {wire}");
//!
//! let normalizer = Normalizer::default();
//! let (a, b) = (normalizer.normalize(wire), normalizer.normalize(&reprint));
//! let cfg = ShingleConfig::default();
//! let (set_a, set_b) = (shingle_set(&cfg, &a), shingle_set(&cfg, &b));
//! let hasher = MinHasher::builder().num_perm(128).build()?;
//! let estimate = hasher.sketch(&set_a).jaccard(&hasher.sketch(&set_b));
//! let exact = overlap(&set_a, &set_b);
//! assert!((estimate - exact.jaccard).abs() < 0.2);
//! assert_eq!(exact.containment_ab, 1.0); // all of the wire is in the reprint
//!
//! let passages = align(&a, &b, &AlignOptions::default());
//! assert_eq!(passages.len(), 1);
//! let p = &passages[0];
//! assert_eq!(&wire[p.a_start..p.a_end], &reprint[p.b_start..p.b_end]);
//! # Ok(())
//! # }
//! ```

#![deny(missing_docs)]

pub mod align;
pub mod analysis;
pub mod candidates;
pub mod classify;
pub mod cluster;
pub mod config;
pub mod doc;
pub mod error;
// The `eval` command's measures and the bundled seed articles serve the
// command line, the tests and the benches; they are not library API.
#[doc(hidden)]
pub mod eval;
mod hash;
#[cfg(feature = "archive")]
pub mod index;
pub mod ingest;
pub mod normalize;
pub mod pipeline;
pub mod related;
pub mod report;
pub mod score;
#[doc(hidden)]
pub mod seeds;
pub mod shingle;
pub mod sketch;
pub mod stories;

pub use crate::doc::{CharIndex, Corpus, DocId, Document};
pub use crate::error::{Error, Result};
