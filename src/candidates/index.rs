//! An in-memory LSH index to insert signatures into, query and remove from,
//! as datasketch's `MinHashLSH` or gaoya's `MinHashIndex` offer.
//!
//! Input: signatures from one [`MinHasher`](crate::sketch::MinHasher) and a
//! key per signature. Output: for a query signature, the keys that share at
//! least one band with it. Invariant: results are deterministic (keys in
//! insertion order, each once), and a signature is found by a query exactly
//! when it shares a band key with it, as [`band_keys`] defines: the same
//! rule as the batch candidate search of the pipeline.
//!
//! The index answers "which documents may be near-duplicates"; it does not
//! verify. Check the survivors with [`Signature::jaccard`] or, exactly, with
//! [`overlap`](super::overlap) on shingle sets.

use std::collections::HashMap;
use std::hash::Hash;

use rustc_hash::FxHashMap;

use super::lsh::{band_keys, LshParams};
use crate::error::{Error, Result};
use crate::sketch::Signature;

/// MinHash LSH over signatures of `num_perm` values.
///
/// ```
/// use parallax::candidates::LshIndex;
/// use parallax::shingle::{text_set, ShingleConfig};
/// use parallax::normalize::Normalizer;
/// use parallax::sketch::MinHasher;
///
/// let normalizer = Normalizer::default();
/// let cfg = ShingleConfig::default();
/// let hasher = MinHasher::builder().num_perm(128).build()?;
/// let sig = |t: &str| hasher.sketch(&text_set(&cfg, &normalizer, t));
///
/// let mut index = LshIndex::for_threshold(0.5, 128)?;
/// index.insert("a", &sig("أعلنت وزارة الخارجية الجزائرية اليوم عن زيارة رسمية إلى باريس"))?;
/// index.insert("b", &sig("The weather in Oran will be sunny all week, forecasters said."))?;
/// let hits = index.query(&sig("أعلنت وزارة الخارجية الجزائرية، اليوم، عن زيارة رسمية إلى باريس"));
/// assert_eq!(hits, vec![&"a"]);
/// assert!(index.remove(&"a"));
/// assert!(index.query(&sig("أعلنت وزارة الخارجية الجزائرية اليوم عن زيارة رسمية إلى باريس")).is_empty());
/// # Ok::<(), parallax::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct LshIndex<K> {
    params: LshParams,
    num_perm: usize,
    /// Band key → slots whose signature has it. Band keys are hashes of
    /// MinHash values (already uniform), so the fast hasher is safe here.
    buckets: FxHashMap<u64, Vec<u32>>,
    /// Slot → key and its band keys (to remove it); `None` once removed.
    slots: Vec<Option<(K, Vec<u64>)>>,
    by_key: HashMap<K, u32>,
    live: usize,
}

impl<K: Eq + Hash + Clone> LshIndex<K> {
    /// An empty index with these bands and rows for signatures of
    /// `num_perm` values. Fails when `bands × rows` does not fit.
    pub fn new(params: LshParams, num_perm: usize) -> Result<LshIndex<K>> {
        if params.bands == 0 || params.rows == 0 || params.bands * params.rows > num_perm {
            return Err(Error::config(format!(
                "LSH bands × rows ({} × {}) must be at least 1 and at most num_perm ({num_perm})",
                params.bands, params.rows
            )));
        }
        Ok(LshIndex {
            params,
            num_perm,
            buckets: FxHashMap::default(),
            slots: Vec::new(),
            by_key: HashMap::new(),
            live: 0,
        })
    }

    /// An empty index whose bands and rows are chosen for a Jaccard
    /// `threshold` ([`LshParams::for_threshold`], as the pipeline does).
    pub fn for_threshold(threshold: f64, num_perm: usize) -> Result<LshIndex<K>> {
        LshIndex::new(LshParams::for_threshold(threshold, num_perm)?, num_perm)
    }

    /// Bands and rows.
    pub fn params(&self) -> LshParams {
        self.params
    }

    /// Signature length the index expects.
    pub fn num_perm(&self) -> usize {
        self.num_perm
    }

    /// Number of keys in the index.
    pub fn len(&self) -> usize {
        self.live
    }

    /// True when the index holds no key.
    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    /// True when `key` is in the index.
    pub fn contains(&self, key: &K) -> bool {
        self.by_key.contains_key(key)
    }

    fn check(&self, sig: &Signature) -> Result<()> {
        if sig.len() != self.num_perm {
            return Err(Error::config(format!(
                "signature has {} values; this index expects num_perm = {}",
                sig.len(),
                self.num_perm
            )));
        }
        Ok(())
    }

    /// Adds `key` with its signature. Fails when the signature has the
    /// wrong length or the key is already in the index (remove it first).
    /// An empty document's signature (every slot [`Signature::EMPTY`]) gets
    /// no band keys, so, as in the pipeline, it is never a query result.
    pub fn insert(&mut self, key: K, sig: &Signature) -> Result<()> {
        self.check(sig)?;
        if self.by_key.contains_key(&key) {
            return Err(Error::config("key is already in the index; remove it first"));
        }
        let slot = u32::try_from(self.slots.len())
            .map_err(|_| Error::config("the index holds at most 2^32 insertions"))?;
        let mut keys = Vec::with_capacity(self.params.bands);
        band_keys(&self.params, sig, &mut keys);
        for &k in &keys {
            self.buckets.entry(k).or_default().push(slot);
        }
        self.slots.push(Some((key.clone(), keys)));
        self.by_key.insert(key, slot);
        self.live += 1;
        Ok(())
    }

    /// The keys sharing at least one band with `sig`, in insertion order,
    /// each once. Fails only on a signature of the wrong length.
    pub fn try_query(&self, sig: &Signature) -> Result<Vec<&K>> {
        self.check(sig)?;
        let mut keys = Vec::with_capacity(self.params.bands);
        band_keys(&self.params, sig, &mut keys);
        let mut hits: Vec<u32> = Vec::new();
        for k in &keys {
            if let Some(slots) = self.buckets.get(k) {
                hits.extend_from_slice(slots);
            }
        }
        hits.sort_unstable();
        hits.dedup();
        Ok(hits
            .into_iter()
            .filter_map(|s| self.slots[s as usize].as_ref().map(|(key, _)| key))
            .collect())
    }

    /// [`try_query`](Self::try_query), with a signature of the wrong length
    /// answered by no keys.
    pub fn query(&self, sig: &Signature) -> Vec<&K> {
        self.try_query(sig).unwrap_or_default()
    }

    /// Removes `key`; false when it was not in the index.
    pub fn remove(&mut self, key: &K) -> bool {
        let Some(slot) = self.by_key.remove(key) else { return false };
        if let Some((_, keys)) = self.slots[slot as usize].take() {
            for k in keys {
                if let Some(bucket) = self.buckets.get_mut(&k) {
                    bucket.retain(|&s| s != slot);
                    if bucket.is_empty() {
                        self.buckets.remove(&k);
                    }
                }
            }
        }
        self.live -= 1;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sketch::MinHasher;
    use rand::{Rng, SeedableRng};
    use rand_xoshiro::Xoshiro256PlusPlus;

    /// Sets drawn around a few centres so that some pairs are similar.
    fn sets(n: usize, seed: u64) -> Vec<Vec<u64>> {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
        let centres: Vec<Vec<u64>> =
            (0..5).map(|_| (0..200).map(|_| rng.gen_range(0..5_000)).collect()).collect();
        (0..n)
            .map(|_| {
                let c = &centres[rng.gen_range(0..centres.len())];
                let keep = rng.gen_range(0.2..1.0);
                let mut s: Vec<u64> = c.iter().copied().filter(|_| rng.gen_bool(keep)).collect();
                s.extend((0..rng.gen_range(0..100)).map(|_| rng.gen_range(0..5_000)));
                s.sort_unstable();
                s.dedup();
                s
            })
            .collect()
    }

    #[test]
    fn query_equals_brute_force_band_matching() {
        let hasher = MinHasher::builder().num_perm(128).build().unwrap();
        let sigs: Vec<Signature> = sets(120, 7).iter().map(|s| hasher.sketch(s)).collect();
        for threshold in [0.3, 0.5, 0.8] {
            let mut index = LshIndex::for_threshold(threshold, 128).unwrap();
            for (i, s) in sigs.iter().enumerate() {
                index.insert(i, s).unwrap();
            }
            let p = index.params();
            let mut found_any = false;
            for (q, qs) in sigs.iter().enumerate() {
                let got: Vec<usize> = index.query(qs).into_iter().copied().collect();
                let (mut kq, mut kd) = (Vec::new(), Vec::new());
                band_keys(&p, qs, &mut kq);
                let want: Vec<usize> = (0..sigs.len())
                    .filter(|&d| {
                        band_keys(&p, &sigs[d], &mut kd);
                        kq.iter().zip(&kd).any(|(a, b)| a == b)
                    })
                    .collect();
                assert_eq!(got, want, "threshold {threshold}, query {q}");
                found_any |= want.len() > 1;
            }
            assert!(found_any, "the corpus has similar pairs at {threshold}");
        }
    }

    #[test]
    fn recall_of_similar_pairs_is_high() {
        let hasher = MinHasher::builder().num_perm(128).build().unwrap();
        let sets = sets(150, 11);
        let sigs: Vec<Signature> = sets.iter().map(|s| hasher.sketch(s)).collect();
        let mut index = LshIndex::for_threshold(0.5, 128).unwrap();
        for (i, s) in sigs.iter().enumerate() {
            index.insert(i, s).unwrap();
        }
        let (mut want, mut got) = (0, 0);
        for i in 0..sets.len() {
            let hits = index.query(&sigs[i]);
            for j in 0..sets.len() {
                if crate::candidates::overlap(&sets[i], &sets[j]).jaccard >= 0.6 {
                    want += 1;
                    got += usize::from(hits.contains(&&j));
                }
            }
        }
        assert!(want > 150, "pairs above the threshold exist ({want})");
        assert!(got as f64 >= 0.95 * want as f64, "recall {got}/{want}");
    }

    #[test]
    fn remove_then_reinsert_and_order() {
        let hasher = MinHasher::builder().num_perm(64).build().unwrap();
        let sig = hasher.sketch(&[1, 2, 3, 4, 5]);
        let mut index = LshIndex::for_threshold(0.5, 64).unwrap();
        index.insert("z", &sig).unwrap();
        index.insert("a", &sig).unwrap();
        assert_eq!(index.query(&sig), vec![&"z", &"a"], "insertion order, not key order");
        assert!(index.insert("a", &sig).is_err(), "a key is inserted once");
        assert!(index.remove(&"z"));
        assert!(!index.remove(&"z"));
        assert_eq!(index.len(), 1);
        index.insert("z", &sig).unwrap();
        assert_eq!(index.query(&sig), vec![&"a", &"z"]);
        let short = hasher.sketch(&[1]);
        let other = MinHasher::builder().num_perm(32).build().unwrap().sketch(&[1]);
        assert!(short.len() == 64 && index.try_query(&other).is_err());
        let err = index.insert("q", &other).unwrap_err().to_string();
        assert!(err.contains("num_perm = 64"), "{err}");
        assert!(LshIndex::<u32>::new(LshParams { bands: 9, rows: 8 }, 64).is_err());
    }
}
