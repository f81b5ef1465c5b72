//! The estimate check between LSH and exact verification: a candidate whose
//! signatures agree on too few slots for its pair to reach a threshold is
//! dropped before any shingle set is built.
//!
//! Input: the number of equal slots of two signatures of `k` slots and the
//! two documents' distinct shingle counts. Output: keep or drop.
//!
//! The rule. For a pair with true Jaccard `J`, the number of equal slots is
//! (close to) Binomial(`k`, `J`). A pair is worth verifying when it could
//! pass the Jaccard threshold `t` or the containment threshold `c`; the
//! smallest Jaccard at which it could pass is `θ = min(t, J_c)`, where
//! `J_c = c·a / (a + b − c·a)` is the Jaccard of a pair whose smaller set
//! (`a` shingles) lies `c` inside the larger one (`b`). The pair is kept when
//! its equal slots reach `m(θ)`, the largest count with
//! `P(Binomial(k, θ) < m(θ)) ≤ FALSE_NEGATIVE_BOUND`. A pair exactly at the
//! threshold is therefore dropped with probability at most
//! [`FALSE_NEGATIVE_BOUND`], and a pair above it with less (the binomial tail
//! falls as `J` grows). One-permutation slots with densification behave as
//! independent draws when every bin is filled (documents have far more
//! shingles than slots); their variance is at most the classic MinHash
//! variance, so the bound holds for them too.
//!
//! Invariant: `m(θ)` is read from a table over θ rounded *down* to a step of
//! 1/1024, so rounding can only keep more pairs, never fewer.

/// Probability that a pair exactly at the threshold is dropped by the check.
pub const FALSE_NEGATIVE_BOUND: f64 = 1e-3;

/// Resolution of the θ table.
const STEPS: usize = 1024;

/// The estimate check for one threshold, containment and signature length.
#[derive(Clone, Debug)]
pub struct EstimateFilter {
    threshold: f64,
    containment: f64,
    /// `cut[i]`: the fewest equal slots kept at θ = i / STEPS.
    cut: Vec<u32>,
}

impl EstimateFilter {
    /// The check for Jaccard threshold `threshold`, containment threshold
    /// `containment` (1 or more disables excerpts) and `num_perm` slots.
    pub fn new(threshold: f64, containment: f64, num_perm: usize) -> EstimateFilter {
        let cut = (0..=STEPS).map(|i| min_equal(num_perm, i as f64 / STEPS as f64)).collect();
        EstimateFilter { threshold, containment, cut }
    }

    /// The lowest Jaccard at which a pair with `size_a` and `size_b`
    /// distinct shingles could pass either threshold.
    pub fn lowest_jaccard(&self, size_a: usize, size_b: usize) -> f64 {
        let (a, b) = (size_a.min(size_b) as f64, size_a.max(size_b) as f64);
        let c = self.containment;
        if a == 0.0 || c > 1.0 {
            return self.threshold;
        }
        let j_c = c * a / (a + b - c * a);
        self.threshold.min(j_c)
    }

    /// Whether a pair whose signatures agree on `equal` slots, with `size_a`
    /// and `size_b` distinct shingles, goes on to exact verification.
    pub fn keep(&self, equal: usize, size_a: usize, size_b: usize) -> bool {
        let theta = self.lowest_jaccard(size_a, size_b).clamp(0.0, 1.0);
        // Round θ down: a lower θ has a lower (or equal) cut.
        let i = ((theta * STEPS as f64).floor() as usize).min(STEPS);
        equal as u64 >= u64::from(self.cut[i])
    }

    /// The fewest equal slots kept for a pair of equal-size documents (the
    /// Jaccard threshold alone), for the run summary and DESIGN.md.
    pub fn cut_at_threshold(&self) -> u32 {
        let i = ((self.threshold.clamp(0.0, 1.0) * STEPS as f64).floor() as usize).min(STEPS);
        self.cut[i]
    }
}

/// Number of slots on which two signatures agree.
pub fn equal_slots(a: &[u32], b: &[u32]) -> usize {
    if a.len() != b.len() {
        return 0;
    }
    a.iter().zip(b).filter(|(x, y)| x == y).count()
}

/// The largest `m` with `P(Binomial(k, p) < m) ≤ FALSE_NEGATIVE_BOUND`.
fn min_equal(k: usize, p: f64) -> u32 {
    if p <= 0.0 {
        return 0;
    }
    if p >= 1.0 {
        return k as u32;
    }
    // Walk the lower tail in log space: pmf(0) = (1−p)^k, then the ratio
    // pmf(i+1)/pmf(i) = (k−i)/(i+1) · p/(1−p).
    let (lp, lq) = (p.ln(), (1.0 - p).ln());
    let mut log_pmf = k as f64 * lq;
    let mut tail = 0.0; // P(X < m)
    let mut m = 0;
    while m < k {
        let next = tail + log_pmf.exp();
        if next > FALSE_NEGATIVE_BOUND {
            break;
        }
        tail = next;
        log_pmf += ((k - m) as f64).ln() - ((m + 1) as f64).ln() + lp - lq;
        m += 1;
    }
    m as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sketch::MinHasher;
    use rand::{Rng, SeedableRng};
    use rand_xoshiro::Xoshiro256PlusPlus;

    /// The exact binomial lower tail, summed directly.
    fn tail_below(k: usize, p: f64, m: u32) -> f64 {
        let mut t = 0.0;
        for i in 0..m as usize {
            let mut c = 1.0f64;
            for j in 0..i {
                c = c * (k - j) as f64 / (j + 1) as f64;
            }
            t += c * p.powi(i as i32) * (1.0 - p).powi((k - i) as i32);
        }
        t
    }

    #[test]
    fn cut_is_the_largest_within_the_bound() {
        for k in [64, 128, 256] {
            for p in [0.05, 0.3, 0.5, 0.8, 0.95] {
                let m = min_equal(k, p);
                assert!(tail_below(k, p, m) <= FALSE_NEGATIVE_BOUND, "{k} {p} {m}");
                assert!(tail_below(k, p, m + 1) > FALSE_NEGATIVE_BOUND, "{k} {p} {m}");
            }
        }
        // k = 128, t = 0.5: pairs below about 0.36 are dropped.
        let m = min_equal(128, 0.5);
        assert!((44..=48).contains(&m), "{m}");
        assert_eq!(min_equal(128, 0.0), 0);
        assert_eq!(min_equal(128, 1.0), 128);
    }

    #[test]
    fn containment_lowers_the_bar_for_unequal_sizes() {
        let f = EstimateFilter::new(0.5, 0.8, 128);
        // Equal sizes: J_c = 0.8/1.2 > 0.5, the Jaccard threshold rules.
        assert_eq!(f.lowest_jaccard(1000, 1000), 0.5);
        // An excerpt a tenth of its article: J_c = 0.8·100/(1100 − 80).
        let j = f.lowest_jaccard(100, 1000);
        assert!((j - 80.0 / 1020.0).abs() < 1e-12, "{j}");
        assert!(f.keep(12, 100, 1000) && !f.keep(12, 1000, 1000));
        // Disabled containment leaves the Jaccard threshold.
        assert_eq!(EstimateFilter::new(0.5, 1.5, 128).lowest_jaccard(100, 1000), 0.5);
        assert_eq!(f.cut_at_threshold(), min_equal(128, 0.5));
    }

    /// Measured through real sketches: pairs at the threshold are kept at
    /// least 1 − bound of the time (with sampling slack), pairs far below
    /// it are dropped.
    #[test]
    fn keeps_pairs_at_threshold_drops_far_below() {
        let mh = MinHasher::builder().num_perm(128).seed(9).build().unwrap();
        let f = EstimateFilter::new(0.5, 0.8, 128);
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(17);
        for (s, want_kept) in [(0.5, true), (0.55, true), (0.15, false)] {
            let shared = (s * 3000.0f64).round() as usize;
            let only = (3000 - shared) / 2;
            let trials = 600;
            let mut kept = 0;
            for _ in 0..trials {
                let common: Vec<u64> = (0..shared).map(|_| rng.gen()).collect();
                let mut a = common.clone();
                let mut b = common;
                a.extend((0..only).map(|_| rng.gen::<u64>()));
                b.extend((0..only).map(|_| rng.gen::<u64>()));
                let eq = equal_slots(&mh.sketch(&a).0, &mh.sketch(&b).0);
                if f.keep(eq, a.len(), b.len()) {
                    kept += 1;
                }
            }
            if want_kept {
                assert!(kept >= trials - 3, "s={s}: kept {kept} of {trials}");
            } else {
                assert_eq!(kept, 0, "s={s}");
            }
        }
    }
}
