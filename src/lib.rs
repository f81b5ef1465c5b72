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
//! output.

#![deny(missing_docs)]

pub mod align;
pub mod candidates;
pub mod classify;
pub mod cluster;
pub mod config;
pub mod doc;
pub mod error;
pub mod eval;
#[cfg(feature = "archive")]
pub mod index;
pub mod ingest;
pub mod normalize;
pub mod pipeline;
pub mod related;
pub mod report;
pub mod score;
pub mod seeds;
pub mod shingle;
pub mod sketch;
pub mod stories;

pub use crate::doc::{CharIndex, Corpus, DocId, Document};
pub use crate::error::{Error, Result};
