//! MinHash sketches of shingle sets.
//!
//! Input: a document's shingle hashes (`u64`, from [`crate::shingle`]; a
//! sorted set or the raw list with repeats — the minimum ignores repeats).
//! Output: a [`Signature`] of `num_perm` `u32` slots such that the share of
//! equal slots between two signatures is an unbiased estimate of the
//! Jaccard similarity of the two sets.
//!
//! Invariant: a signature depends only on the set, `num_perm`, the seed and
//! the algorithm, so signatures from different runs (or an archive) compare
//! as long as those three match. The default algorithm is one-permutation
//! hashing with optimal densification (one hash per shingle); the classic
//! `num_perm`-hash MinHash is kept for comparison. See `DESIGN.md`,
//! "MinHash sketch".

mod minhash;
mod sketcher;

pub use minhash::{Algorithm, MinHasher, MinHasherBuilder, DEFAULT_NUM_PERM, MAX_NUM_PERM};
pub use sketcher::{Scratch, Sketch, Sketcher};

/// A MinHash signature: one `u32` per slot (permutation or bin).
///
/// `u32` slots halve the memory of `u64` ones; two different minima collide
/// with probability 2⁻³², far below the estimator's own error. A slot equal
/// to [`Signature::EMPTY`] everywhere marks the signature of an empty set.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Signature(pub Vec<u32>);

impl Signature {
    /// The slot value of an empty bin (and of every slot of an empty set).
    pub const EMPTY: u32 = u32::MAX;

    /// Number of slots.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when the signature has no slots, or when it is the signature of
    /// an empty set (every slot [`Signature::EMPTY`]). Empty signatures are
    /// never candidates: an empty document shares nothing.
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|&v| v == Signature::EMPTY)
    }

    /// Estimated Jaccard similarity: the share of equal slots. 0 when the
    /// signatures differ in length (not comparable) or either is empty.
    pub fn jaccard(&self, other: &Signature) -> f64 {
        if self.0.len() != other.0.len() || self.is_empty() || other.is_empty() {
            return 0.0;
        }
        let equal = self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count();
        equal as f64 / self.0.len() as f64
    }
}
