//! One pair of documents being aligned, with their keys numbered.
//!
//! Input: two [`AlignDoc`]s. Output: for every token of each, a small
//! integer (its key's number in this pair: equal keys, equal numbers, on
//! both sides), and sets of such numbers as bitsets.
//!
//! Why: refinement asks "is this word found in that span of the other
//! document" many times per pair (trimming, similarity, sentence support).
//! With 64-bit key hashes each question built or probed a hash set; with
//! numbers below the pair's vocabulary size it is a bit test, and the sets
//! cost a few machine words to build.
//!
//! Invariant: numbering is deterministic (first occurrence, A then B) and
//! only ever compared for equality or used as an index, so every result is
//! the same as with the key hashes themselves.

use std::ops::Range;

use rustc_hash::FxHashMap;

use super::seeds::AlignDoc;

/// One side of a pair: the document and its tokens' key numbers.
pub(crate) struct Side<'a> {
    pub(crate) doc: &'a AlignDoc,
    ids: Vec<u32>,
}

impl Side<'_> {
    /// Number of tokens.
    pub(crate) fn len(&self) -> usize {
        self.ids.len()
    }

    /// The key number of token `i` (`u32::MAX` past the end, which is in
    /// no set).
    pub(crate) fn id(&self, i: usize) -> u32 {
        self.ids.get(i).copied().unwrap_or(u32::MAX)
    }

    pub(crate) fn weight(&self, i: usize) -> f64 {
        self.doc.weight(i)
    }

    pub(crate) fn sentence(&self, i: usize) -> u32 {
        self.doc.sentence(i)
    }
}

/// Two documents with their keys numbered together.
pub(crate) struct Pair<'a> {
    pub(crate) a: Side<'a>,
    pub(crate) b: Side<'a>,
    /// Distinct keys of the two documents: every number is below this.
    pub(crate) n_ids: usize,
}

impl<'a> Pair<'a> {
    pub(crate) fn new(a: &'a AlignDoc, b: &'a AlignDoc) -> Pair<'a> {
        let mut number: FxHashMap<u64, u32> =
            FxHashMap::with_capacity_and_hasher(a.len() + b.len(), Default::default());
        let mut side = |d: &'a AlignDoc| {
            let ids = (0..d.len())
                .map(|i| {
                    let next = number.len() as u32;
                    *number.entry(d.key(i)).or_insert(next)
                })
                .collect();
            Side { doc: d, ids }
        };
        let (a, b) = (side(a), side(b));
        Pair { a, b, n_ids: number.len() }
    }

    /// The content-word key numbers of `s` in `r`.
    pub(crate) fn bag(&self, s: &Side, r: Range<usize>) -> IdSet {
        let mut set = IdSet::new(self.n_ids);
        for i in r.filter(|&i| s.weight(i) > 0.0) {
            set.insert(s.id(i));
        }
        set
    }
}

/// A set of key numbers below a pair's `n_ids`.
#[derive(Clone, Debug)]
pub(crate) struct IdSet(Vec<u64>);

impl IdSet {
    pub(crate) fn new(n_ids: usize) -> IdSet {
        IdSet(vec![0; n_ids.div_ceil(64)])
    }

    /// Adds `id`; true when it was not there yet.
    pub(crate) fn insert(&mut self, id: u32) -> bool {
        let (w, bit) = (id as usize / 64, 1u64 << (id % 64));
        match self.0.get_mut(w) {
            Some(word) if *word & bit == 0 => {
                *word |= bit;
                true
            }
            _ => false,
        }
    }

    pub(crate) fn contains(&self, id: u32) -> bool {
        self.0.get(id as usize / 64).is_some_and(|w| w & (1u64 << (id % 64)) != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::Normalizer;

    #[test]
    fn equal_keys_get_equal_numbers_across_the_pair() {
        let n = Normalizer::default();
        let a = AlignDoc::new(&n.normalize("سفير الجزائر بواشنطن يلتقي السفير"));
        let b = AlignDoc::new(&n.normalize("واشنطن والجزائر تبحثان"));
        let p = Pair::new(&a, &b);
        for i in 0..a.len() {
            for j in 0..b.len() {
                assert_eq!(p.a.id(i) == p.b.id(j), a.key(i) == b.key(j), "{i} {j}");
            }
            for k in 0..a.len() {
                assert_eq!(p.a.id(i) == p.a.id(k), a.key(i) == a.key(k));
            }
        }
        assert!(p.a.id(1) == p.b.id(1) && p.a.id(2) == p.b.id(0));
        assert!((0..a.len()).all(|i| (p.a.id(i) as usize) < p.n_ids));
    }

    #[test]
    fn id_sets() {
        let mut s = IdSet::new(130);
        assert!(s.insert(129) && s.insert(0) && !s.insert(129));
        assert!(s.contains(0) && s.contains(129) && !s.contains(64) && !s.contains(u32::MAX));
        assert!(!s.insert(u32::MAX));
    }
}
