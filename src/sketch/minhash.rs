//! The MinHash sketchers: one-permutation hashing with optimal
//! densification (default) and classic `num_perm`-hash MinHash.
//!
//! Input: shingle hashes. Output: a [`Signature`] with `num_perm` slots.
//! Invariant: no allocation per shingle, one pass over the shingles; the
//! result is a pure function of (set, `num_perm`, seed, algorithm).

use crate::error::{Error, Result};
use crate::hash::mix64;

use super::Signature;

/// Default number of slots (permutations / bins).
pub const DEFAULT_NUM_PERM: usize = 128;

/// Largest accepted number of slots.
pub const MAX_NUM_PERM: usize = 4096;

/// Default MinHash seed.
pub const DEFAULT_SEED: u64 = 0x6d69_6e68_6173_6831; // "minhash1"

/// How a signature is computed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Algorithm {
    /// One-permutation hashing (Li, Owen & Zhang 2012) with optimal
    /// densification (Shrivastava 2017): one hash per shingle picks a bin
    /// (high 32 bits) and a value (low 32 bits); each bin keeps its minimum;
    /// empty bins borrow the value of a non-empty bin chosen by a hash of
    /// (bin, attempt). O(n + k log k) per set.
    #[default]
    OnePermutation,
    /// Classic MinHash: `num_perm` independent hashes, each slot the minimum
    /// of one of them. O(n·k) per set; kept as the reference.
    Classic,
}

/// Configures and builds a [`MinHasher`].
#[derive(Clone, Debug)]
pub struct MinHasherBuilder {
    num_perm: usize,
    seed: u64,
    algorithm: Algorithm,
}

impl Default for MinHasherBuilder {
    fn default() -> Self {
        MinHasherBuilder {
            num_perm: DEFAULT_NUM_PERM,
            seed: DEFAULT_SEED,
            algorithm: Algorithm::default(),
        }
    }
}

impl MinHasherBuilder {
    /// Number of slots, from 1 to [`MAX_NUM_PERM`] (default 128).
    pub fn num_perm(&mut self, num_perm: usize) -> &mut Self {
        self.num_perm = num_perm;
        self
    }

    /// Seed of the hash family (default: a fixed constant).
    pub fn seed(&mut self, seed: u64) -> &mut Self {
        self.seed = seed;
        self
    }

    /// One-permutation (default) or classic.
    pub fn algorithm(&mut self, algorithm: Algorithm) -> &mut Self {
        self.algorithm = algorithm;
        self
    }

    /// Builds the sketcher; fails when `num_perm` is out of range.
    pub fn build(&self) -> Result<MinHasher> {
        if self.num_perm == 0 || self.num_perm > MAX_NUM_PERM {
            return Err(Error::param(
                "num_perm",
                format!("must be between 1 and {MAX_NUM_PERM}, got {}", self.num_perm),
            ));
        }
        // Distinct keys per role, all derived from the one seed.
        let key = mix64(self.seed ^ 0x6f70_6820_6b65_7931);
        let dens_key = mix64(self.seed ^ 0x6465_6e73_6966_7931);
        let slot_keys = match self.algorithm {
            Algorithm::OnePermutation => Vec::new(),
            Algorithm::Classic => {
                (0..self.num_perm as u64).map(|i| mix64(key ^ mix64(i.wrapping_add(1)))).collect()
            }
        };
        Ok(MinHasher {
            num_perm: self.num_perm,
            seed: self.seed,
            algorithm: self.algorithm,
            key,
            dens_key,
            slot_keys,
        })
    }
}

/// Computes MinHash signatures. Cheap to share across threads.
#[derive(Clone, Debug)]
pub struct MinHasher {
    num_perm: usize,
    seed: u64,
    algorithm: Algorithm,
    key: u64,
    dens_key: u64,
    slot_keys: Vec<u64>,
}

/// Largest slot value; [`Signature::EMPTY`] is reserved for empty bins.
const MAX_VALUE: u32 = Signature::EMPTY - 1;

/// Maps a 32-bit hash uniformly onto `0..n` (Lemire's multiply-shift).
#[inline]
fn fast_range(h32: u64, n: usize) -> usize {
    ((h32 * n as u64) >> 32) as usize
}

impl MinHasher {
    /// A builder with the defaults (128 slots, one-permutation hashing).
    pub fn builder() -> MinHasherBuilder {
        MinHasherBuilder::default()
    }

    /// Number of slots in each signature.
    pub fn num_perm(&self) -> usize {
        self.num_perm
    }

    /// The seed.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// The algorithm.
    pub fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    /// The signature of a set of shingle hashes. Repeats are harmless (a
    /// minimum ignores them), so the unsorted output of
    /// [`crate::shingle::shingle_hashes`] gives the same signature as the
    /// set. An empty input gives an empty signature ([`Signature::is_empty`]).
    pub fn sketch(&self, set: &[u64]) -> Signature {
        let mut out = vec![Signature::EMPTY; self.num_perm];
        match self.algorithm {
            Algorithm::OnePermutation => set.iter().for_each(|&x| self.add_oph(x, &mut out)),
            Algorithm::Classic => set.iter().for_each(|&x| self.add_classic(x, &mut out)),
        }
        self.finish(out)
    }

    /// [`MinHasher::sketch`] of a shingle stream with repeats, and the
    /// number of distinct shingles, in one pass (`table` is scratch space
    /// for [`crate::shingle::for_each_distinct`]): repeats are skipped
    /// before they are hashed.
    pub fn sketch_distinct(&self, hashes: &[u64], table: &mut Vec<u64>) -> (Signature, usize) {
        let mut out = vec![Signature::EMPTY; self.num_perm];
        let distinct = match self.algorithm {
            Algorithm::OnePermutation => {
                crate::shingle::for_each_distinct(hashes, table, |x| self.add_oph(x, &mut out))
            }
            Algorithm::Classic => {
                crate::shingle::for_each_distinct(hashes, table, |x| self.add_classic(x, &mut out))
            }
        };
        (self.finish(out), distinct)
    }

    fn finish(&self, mut out: Vec<u32>) -> Signature {
        if self.algorithm == Algorithm::OnePermutation {
            self.densify(&mut out);
        }
        Signature(out)
    }

    #[inline]
    fn add_oph(&self, x: u64, bins: &mut [u32]) {
        let h = mix64(x ^ self.key);
        let value = (h as u32).min(MAX_VALUE);
        if let Some(slot) = bins.get_mut(fast_range(h >> 32, bins.len())) {
            if value < *slot {
                *slot = value;
            }
        }
    }

    /// Optimal densification: each empty bin `i` probes bins
    /// `j_t = hash(i, t) mod k` for `t = 0, 1, ...` and takes the value of
    /// the first bin that was non-empty *before* densification. Both sets of
    /// a pair probe the same sequence, which keeps the estimator unbiased.
    fn densify(&self, bins: &mut [u32]) {
        let k = bins.len();
        let filled = bins.iter().filter(|&&v| v != Signature::EMPTY).count();
        if filled == k || filled == 0 {
            return; // nothing to fill, or an empty set (stays empty)
        }
        let original = bins.to_vec();
        // Bounded probing keeps the worst case deterministic in time; the
        // chance of hitting the bound is (1 − filled/k)^(32k) ≤ e⁻³².
        let max_attempts = 32 * k as u64;
        for (i, slot) in bins.iter_mut().enumerate() {
            if *slot != Signature::EMPTY {
                continue;
            }
            let mut found = None;
            for t in 0..max_attempts {
                let j = fast_range(mix64(self.dens_key ^ ((i as u64) << 32 | t)) >> 32, k);
                if let Some(&v) = original.get(j).filter(|&&v| v != Signature::EMPTY) {
                    found = Some(v);
                    break;
                }
            }
            // Fallback: the next non-empty bin, cyclically (same rule for
            // every set, so still consistent).
            *slot = found.unwrap_or_else(|| {
                (1..k)
                    .filter_map(|d| original.get((i + d) % k).copied())
                    .find(|&v| v != Signature::EMPTY)
                    .unwrap_or(Signature::EMPTY)
            });
        }
    }

    #[inline]
    fn add_classic(&self, x: u64, slots: &mut [u32]) {
        for (slot, &key) in slots.iter_mut().zip(&self.slot_keys) {
            let value = ((mix64(x ^ key) >> 32) as u32).min(MAX_VALUE);
            if value < *slot {
                *slot = value;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};
    use rand_xoshiro::Xoshiro256PlusPlus;

    fn hasher(k: usize, algorithm: Algorithm) -> MinHasher {
        MinHasher::builder().num_perm(k).seed(42).algorithm(algorithm).build().unwrap()
    }

    /// Two sets with `shared` common elements and `only` elements each of
    /// their own (random ones, or consecutive integers when `only` is odd): Jaccard = shared / (shared + 2·only), exactly
    /// (random u64s do not collide in practice; checked).
    fn pair(rng: &mut Xoshiro256PlusPlus, shared: usize, only: usize) -> (Vec<u64>, Vec<u64>) {
        if only % 2 == 1 {
            // Odd `only`: structured sets of consecutive integers from a
            // random base, so the randomness must come from the hash family,
            // not from the input.
            let base: u64 = rng.gen::<u64>() >> 1;
            let (s, o) = (shared as u64, only as u64);
            let a: Vec<u64> = (base..base + s + o).collect();
            let b: Vec<u64> = (base..base + s).chain(base + s + o..base + s + 2 * o).collect();
            return (a, b);
        }
        let common: Vec<u64> = (0..shared).map(|_| rng.gen()).collect();
        let mut a = common.clone();
        let mut b = common;
        a.extend((0..only).map(|_| rng.gen::<u64>()));
        b.extend((0..only).map(|_| rng.gen::<u64>()));
        (a, b)
    }

    struct Stats {
        mean_err: f64,
        rmse: f64,
        theory_sd: f64,
        mean_slot_corr: f64,
    }

    /// Sketches `n_pairs` planted pairs and measures the estimator.
    fn measure(mh: &MinHasher, n_pairs: usize, shared: usize, only: usize, seed: u64) -> Stats {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
        let j = shared as f64 / (shared + 2 * only) as f64;
        let k = mh.num_perm();
        let mut sum_err = 0.0;
        let mut sum_sq = 0.0;
        let mut ind: Vec<Vec<bool>> = Vec::with_capacity(n_pairs);
        for _ in 0..n_pairs {
            let (a, b) = pair(&mut rng, shared, only);
            let (sa, sb) = (mh.sketch(&a), mh.sketch(&b));
            let est = sa.jaccard(&sb);
            sum_err += est - j;
            sum_sq += (est - j) * (est - j);
            ind.push(sa.0.iter().zip(&sb.0).map(|(x, y)| x == y).collect());
        }
        // Correlation of slot-equality indicators between slots s and t,
        // across pairs, averaged over all s < t. Independent slots give 0.
        let n = n_pairs as f64;
        let p: Vec<f64> = (0..k).map(|s| ind.iter().filter(|r| r[s]).count() as f64 / n).collect();
        let mut corr_sum = 0.0;
        let mut corr_n = 0usize;
        for s in 0..k {
            for t in s + 1..k {
                let both = ind.iter().filter(|r| r[s] && r[t]).count() as f64 / n;
                let var = (p[s] * (1.0 - p[s]) * p[t] * (1.0 - p[t])).sqrt();
                if var > 0.0 {
                    corr_sum += (both - p[s] * p[t]) / var;
                    corr_n += 1;
                }
            }
        }
        Stats {
            mean_err: sum_err / n,
            rmse: (sum_sq / n).sqrt(),
            theory_sd: (j * (1.0 - j) / k as f64).sqrt(),
            mean_slot_corr: corr_sum / corr_n.max(1) as f64,
        }
    }

    fn check(name: &str, st: &Stats, n_pairs: usize, rmse_tol: f64) {
        let se = st.theory_sd / (n_pairs as f64).sqrt();
        assert!(
            st.mean_err.abs() < 4.0 * se,
            "{name}: mean error {:.5} vs standard error {se:.5}",
            st.mean_err
        );
        let ratio = st.rmse / st.theory_sd;
        assert!((ratio - 1.0).abs() < rmse_tol, "{name}: RMSE/theory = {ratio:.3}");
        assert!(
            st.mean_slot_corr.abs() < 0.01,
            "{name}: mean slot correlation {:.4}",
            st.mean_slot_corr
        );
    }

    #[test]
    fn builder_validates() {
        assert!(MinHasher::builder().num_perm(0).build().is_err());
        assert!(MinHasher::builder().num_perm(MAX_NUM_PERM + 1).build().is_err());
        let mh = MinHasher::builder().num_perm(64).build().unwrap();
        assert_eq!(mh.num_perm(), 64);
        assert_eq!(mh.sketch(&[1, 2, 3]).len(), 64);
    }

    #[test]
    fn identical_sets_and_repeats() {
        for alg in [Algorithm::OnePermutation, Algorithm::Classic] {
            let mh = hasher(128, alg);
            let set: Vec<u64> = (0..50u64).map(mix64).collect();
            let mut repeated = set.clone();
            repeated.extend_from_slice(&set[..10]);
            repeated.reverse();
            assert_eq!(mh.sketch(&set).jaccard(&mh.sketch(&set)), 1.0);
            assert_eq!(mh.sketch(&set), mh.sketch(&repeated));
            // A single shingle fills every slot (densification) and matches itself.
            let one = mh.sketch(&[7]);
            assert!(!one.is_empty() && one.0.iter().all(|&v| v != Signature::EMPTY));
            assert_eq!(one.jaccard(&mh.sketch(&[7])), 1.0);
            assert_eq!(one.jaccard(&mh.sketch(&[8])), 0.0);
            // Empty sets: empty signatures, never similar.
            assert!(mh.sketch(&[]).is_empty());
            assert_eq!(mh.sketch(&[]).jaccard(&mh.sketch(&[])), 0.0);
        }
    }

    #[test]
    fn one_pass_sketch_and_count_equal_the_two_pass_ones() {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(5);
        let mut table = Vec::new();
        for alg in [Algorithm::OnePermutation, Algorithm::Classic] {
            let mh = hasher(32, alg);
            for round in 0..60 {
                let n = rng.gen_range(0..400);
                // Few distinct values, so repeats abound; 0 included.
                let mut v: Vec<u64> =
                    (0..n).map(|_| rng.gen_range(0..(round + 2) as u64)).collect();
                if round % 3 == 0 {
                    v.iter_mut().for_each(|x| *x = mix64(*x));
                }
                let (sig, distinct) = mh.sketch_distinct(&v, &mut table);
                assert_eq!(sig, mh.sketch(&v), "{alg:?} round {round}");
                assert_eq!(distinct, crate::shingle::count_distinct(&v, &mut table));
                v.sort_unstable();
                v.dedup();
                assert_eq!(distinct, v.len());
            }
        }
    }

    #[test]
    fn seeds_change_signatures() {
        let set: Vec<u64> = (0..100u64).collect();
        let a = MinHasher::builder().seed(1).build().unwrap().sketch(&set);
        let b = MinHasher::builder().seed(2).build().unwrap().sketch(&set);
        assert!(a.jaccard(&b) < 0.2);
    }

    #[test]
    fn oph_is_unbiased_with_binomial_error() {
        // Sets much larger than k: no empty bins, finite-population effect
        // (1 − (k−1)/(|A∪B|−1)) under 4 %, so the classic variance applies.
        for (i, &(shared, only)) in
            [(400usize, 1800usize), (2000, 1000), (3200, 400), (2001, 999)].iter().enumerate()
        {
            let st = measure(&hasher(128, Algorithm::OnePermutation), 600, shared, only, i as u64);
            check("oph", &st, 600, 0.10);
        }
    }

    #[test]
    fn oph_densified_small_sets_are_unbiased() {
        // 30–60 shingles in 128 bins: most bins are filled by densification.
        let mh = hasher(128, Algorithm::OnePermutation);
        for (i, &(shared, only)) in [(10usize, 20usize), (30, 15)].iter().enumerate() {
            let st = measure(&mh, 800, shared, only, 100 + i as u64);
            let se = st.theory_sd / (800f64).sqrt();
            assert!(st.mean_err.abs() < 4.0 * se, "mean error {:.5} (se {se:.5})", st.mean_err);
            // Borrowed slots repeat others, so the error is larger than
            // binomial but stays bounded.
            assert!(st.rmse < 1.25 * st.theory_sd, "RMSE/theory = {:.3}", st.rmse / st.theory_sd);
        }
    }

    #[test]
    fn classic_is_unbiased_with_binomial_error() {
        for (i, &(shared, only)) in
            [(20usize, 90usize), (100, 50), (160, 20), (100, 51)].iter().enumerate()
        {
            let st = measure(&hasher(128, Algorithm::Classic), 600, shared, only, 10 + i as u64);
            check("classic", &st, 600, 0.10);
        }
    }

    /// Numbers for DESIGN.md: `cargo test --lib minhash -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn print_statistics() {
        for alg in [Algorithm::OnePermutation, Algorithm::Classic] {
            for (shared, only) in
                [(10usize, 20usize), (30, 15), (100, 50), (400, 1800), (2000, 1000)]
            {
                let st = measure(&hasher(128, alg), 1000, shared, only, 7);
                println!(
                    "{alg:?} |A∪B|={} mean_err={:+.5} rmse/theory={:.3} slot_corr={:+.4}",
                    shared + 2 * only,
                    st.mean_err,
                    st.rmse / st.theory_sd,
                    st.mean_slot_corr
                );
            }
        }
    }

    #[test]
    #[ignore]
    fn heavy_statistics() {
        // Classic MinHash variance does not depend on the set size, so its
        // sets stay small; OPH needs sets much larger than k.
        let configs = [
            (Algorithm::OnePermutation, [(1000usize, 4000usize), (5000, 2500), (8000, 1000)]),
            (Algorithm::Classic, [(50, 200), (250, 125), (400, 50)]),
        ];
        for (alg, sizes) in configs {
            for k in [64, 256] {
                for (shared, only) in sizes {
                    let st = measure(&hasher(k, alg), 3000, shared, only, k as u64);
                    check("heavy", &st, 3000, 0.08);
                }
            }
        }
    }

    #[test]
    fn estimates_track_exact_jaccard_on_seeds() {
        use crate::candidates::overlap;
        use crate::normalize::Normalizer;
        use crate::shingle::{shingle_set, ShingleConfig};
        let n = Normalizer::default();
        let cfg = ShingleConfig::default();
        let sets: Vec<Vec<u64>> = crate::seeds::SEEDS
            .iter()
            .map(|(_, b)| shingle_set(&cfg, &n.normalize(std::str::from_utf8(b).unwrap())))
            .collect();
        let mh = hasher(256, Algorithm::OnePermutation);
        let sigs: Vec<Signature> = sets.iter().map(|s| mh.sketch(s)).collect();
        for i in 0..sets.len() {
            for j in i + 1..sets.len() {
                let exact = overlap(&sets[i], &sets[j]).jaccard;
                let est = sigs[i].jaccard(&sigs[j]);
                let sd = (exact * (1.0 - exact) / 256.0).sqrt();
                assert!((est - exact).abs() < 4.0 * sd + 0.01, "{i},{j}: {est} vs {exact}");
            }
        }
    }
}
