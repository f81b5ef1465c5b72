//! Candidate pairs from one band's keys, and merging across bands.
//!
//! Input: `(band key, doc)` for every document of one band. Output: pairs
//! `(a, b)` with `a < b`, sorted and deduplicated. Invariant: sort-and-group
//! (no hash map, so no iteration order can leak); a bucket of `m` documents
//! costs O(m²) only up to the cap, O(m) beyond it.

/// Buckets up to this size emit all their pairs.
pub const DEFAULT_BUCKET_CAP: usize = 100;

/// What the banding did, for the run summary.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BandStats {
    /// Buckets with two or more documents.
    pub buckets: usize,
    /// Buckets larger than the cap (emitted as star + path, not all pairs).
    pub capped_buckets: usize,
    /// Documents in the largest bucket.
    pub largest_bucket: usize,
    /// Pairs emitted.
    pub pairs: usize,
}

impl BandStats {
    /// Adds another band's statistics to these.
    pub fn add(&mut self, other: &BandStats) {
        self.buckets += other.buckets;
        self.capped_buckets += other.capped_buckets;
        self.largest_bucket = self.largest_bucket.max(other.largest_bucket);
        self.pairs += other.pairs;
    }
}

/// Candidate pairs of one band with the default cap
/// ([`DEFAULT_BUCKET_CAP`]).
pub fn candidates_in_band(keys: &[(u64, u32)]) -> Vec<(u32, u32)> {
    candidates_in_band_capped(keys, DEFAULT_BUCKET_CAP).0
}

/// Candidate pairs of one band: documents with equal keys share a bucket.
///
/// A bucket of `m ≤ cap` documents gives all `m(m−1)/2` pairs. A larger
/// bucket (say 10,000 copies of one wire story) would give millions of pairs
/// to verify, so it gives a star (the smallest id with every other) plus a
/// path (consecutive ids): `2m − 3` pairs that keep the bucket connected for
/// clustering even if one document fails verification, at the price of
/// not reporting every pair of it in `pairs.csv`. [`BandStats`] counts such
/// buckets so that the run summary can say so.
pub fn candidates_in_band_capped(keys: &[(u64, u32)], cap: usize) -> (Vec<(u32, u32)>, BandStats) {
    let mut sorted = keys.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let mut out = Vec::new();
    let mut stats = BandStats::default();
    for group in sorted.chunk_by(|x, y| x.0 == y.0) {
        let m = group.len();
        if m < 2 {
            continue;
        }
        stats.buckets += 1;
        stats.largest_bucket = stats.largest_bucket.max(m);
        if m <= cap.max(2) {
            for (i, &(_, a)) in group.iter().enumerate() {
                out.extend(group.iter().skip(i + 1).map(|&(_, b)| (a, b)));
            }
        } else {
            stats.capped_buckets += 1;
            let hub = group[0].1;
            out.extend(group.iter().skip(1).map(|&(_, b)| (hub, b)));
            out.extend(group.windows(2).skip(1).map(|w| (w[0].1, w[1].1)));
        }
    }
    // Groups are sorted by key, not by doc: sort for a canonical order.
    out.sort_unstable();
    out.dedup();
    stats.pairs = out.len();
    (out, stats)
}

/// Merges per-band pairs: every pair once, `(a, b)` with `a < b`, sorted.
/// Self-pairs are dropped and reversed pairs are flipped.
pub fn merge_pairs(per_band: Vec<Vec<(u32, u32)>>) -> Vec<(u32, u32)> {
    let total = per_band.iter().map(Vec::len).sum();
    let mut all = Vec::with_capacity(total);
    for band in per_band {
        all.extend(band.into_iter().filter(|(a, b)| a != b).map(|(a, b)| (a.min(b), a.max(b))));
    }
    all.sort_unstable();
    all.dedup();
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};
    use rand_xoshiro::Xoshiro256PlusPlus;
    use std::collections::BTreeSet;

    fn brute_force(keys: &[(u64, u32)]) -> Vec<(u32, u32)> {
        let mut set = BTreeSet::new();
        for &(ka, a) in keys {
            for &(kb, b) in keys {
                if ka == kb && a < b {
                    set.insert((a, b));
                }
            }
        }
        set.into_iter().collect()
    }

    #[test]
    fn matches_brute_force_on_random_bands() {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(5);
        for round in 0..50 {
            let n = rng.gen_range(0..100u32);
            let n_keys = rng.gen_range(1..30u64);
            // Each doc appears once per band, in shuffled order.
            let mut keys: Vec<(u64, u32)> = (0..n).map(|d| (rng.gen_range(0..n_keys), d)).collect();
            for i in (1..keys.len()).rev() {
                keys.swap(i, rng.gen_range(0..=i));
            }
            let want = brute_force(&keys);
            // Up to the cap (100 ≥ n), every pair of a bucket.
            assert!(candidates_in_band(&keys) == want, "round {round}");
            assert!(candidates_in_band_capped(&keys, usize::MAX).0 == want, "round {round}");
        }
    }

    #[test]
    fn huge_buckets_are_star_plus_path() {
        let keys: Vec<(u64, u32)> =
            (0..1000).map(|d| (7, 999 - d)).chain([(8, 5000), (8, 5001)]).collect();
        let (pairs, stats) = candidates_in_band_capped(&keys, 100);
        assert_eq!(stats.capped_buckets, 1);
        assert_eq!(stats.buckets, 2);
        assert_eq!(stats.largest_bucket, 1000);
        assert_eq!(pairs.len(), 999 + 998 + 1);
        assert!(
            pairs.contains(&(0, 999))
                && pairs.contains(&(500, 501))
                && pairs.contains(&(5000, 5001))
        );
        assert!(pairs.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn merge_sorts_and_dedups() {
        let merged = merge_pairs(vec![vec![(3, 4), (1, 2)], vec![(2, 1), (1, 2), (5, 5)], vec![]]);
        assert_eq!(merged, vec![(1, 2), (3, 4)]);
        assert!(merge_pairs(Vec::new()).is_empty());
    }
}
