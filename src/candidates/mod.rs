//! Candidate pairs: LSH banding over MinHash signatures, then exact
//! verification on the shingle sets.
//!
//! Input: one [`Signature`](crate::sketch::Signature) and one sorted shingle
//! set per document. Output: candidate pairs `(a, b)` with `a < b`, sorted
//! and deduplicated, and for each the exact [`Overlap`].
//!
//! Invariant: every function here is single-threaded and deterministic; the
//! pipeline parallelises over bands (computing [`band_keys`] per document
//! and [`candidates_in_band`] per band) and over pairs ([`overlap`]).
//!
//! How the pipeline calls it:
//! 1. `params = LshParams::for_threshold(threshold, hasher.num_perm())?`;
//! 2. per document `band_keys(&params, &sig, &mut keys)`; collect, per band
//!    `i`, `(keys[i], doc)` for every document with keys;
//! 3. per band `candidates_in_band(&band)` (or `candidates_in_band_capped`
//!    to get [`BandStats`] for the run summary);
//! 4. `merge_pairs(per_band)`; then [`EstimateFilter::keep`] per pair on
//!    the signatures' equal slots (below the matrix limit, on every pair),
//!    so that only pairs that could reach a threshold are verified;
//! 5. `overlap(&set_a, &set_b)` per remaining pair and keep those with
//!    `jaccard ≥ threshold` (or containment, for excerpts).
//!
//! [`RareIndex`] picks the pairs worth aligning for passages: those sharing
//! enough rare content words.

mod index;
mod lsh;
mod pairs;
mod prefilter;
mod rare;
mod verify;

pub use index::LshIndex;
pub use lsh::{band_keys, LshParams, RECALL_MARGIN, RECALL_TARGET};
pub use pairs::{
    candidates_in_band, candidates_in_band_capped, merge_pairs, BandStats, DEFAULT_BUCKET_CAP,
};
pub use prefilter::{equal_slots, EstimateFilter, FALSE_NEGATIVE_BOUND};
pub use rare::{default_max_df, min_shared_for, RareIndex, DEFAULT_MIN_SHARED};
pub use verify::{overlap, Overlap};
