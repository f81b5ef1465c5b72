//! LSH banding: choosing bands × rows for a Jaccard threshold, and the band
//! keys of a signature.
//!
//! Input: a threshold and `num_perm`; a [`Signature`]. Output: [`LshParams`]
//! and one `u64` key per band. Invariant: two signatures get equal keys in
//! band `i` exactly when their `r` slots of band `i` are equal (up to 64-bit
//! hash collisions), and keys of different bands never compare equal by
//! construction (the band index is mixed in).

use crate::error::{Error, Message, Result};
use crate::hash::mix64;
use crate::sketch::Signature;

/// Recall required at `threshold − RECALL_MARGIN`.
pub const RECALL_TARGET: f64 = 0.95;

/// How far below the threshold the recall target applies, so that pairs
/// right at the threshold (whose MinHash estimate wobbles) are found.
pub const RECALL_MARGIN: f64 = 0.05;

/// Bands and rows of the LSH index: `bands × rows ≤ num_perm`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LshParams {
    /// Number of bands `b`.
    pub bands: usize,
    /// Rows (signature slots) per band `r`.
    pub rows: usize,
}

impl LshParams {
    /// The `(b, r)` with `b·r ≤ num_perm` whose S-curve reaches
    /// [`RECALL_TARGET`] at `threshold − RECALL_MARGIN` and, among those,
    /// lets the fewest dissimilar pairs through: the smallest area
    /// `∫₀^{threshold−margin} P(s) ds` under the curve. Ties go to fewer
    /// bands (less work).
    ///
    /// Fails when the threshold is not in `(RECALL_MARGIN, 1]` or when no
    /// `(b, r)` fits in `num_perm` (then a larger `num_perm` helps).
    pub fn for_threshold(threshold: f64, num_perm: usize) -> Result<LshParams> {
        if !(threshold > RECALL_MARGIN && threshold <= 1.0) {
            return Err(Error::param(
                "threshold",
                format!("must be above {RECALL_MARGIN} and at most 1, got {threshold}"),
            ));
        }
        let s = threshold - RECALL_MARGIN;
        let mut best: Option<(f64, LshParams)> = None;
        for rows in 1..=num_perm {
            // For fixed r, P and the false-positive area both grow with b,
            // so the smallest b that meets the target is the best one.
            let Some(bands) = min_bands(s, rows, num_perm / rows) else { continue };
            let p = LshParams { bands, rows };
            let cost = p.false_positive_area(s);
            if best.is_none_or(|(c, q)| cost < c - 1e-12 || (cost <= c + 1e-12 && bands < q.bands))
            {
                best = Some((cost, p));
            }
        }
        best.map(|(_, p)| p).ok_or_else(|| {
            Error::config(
                Message::from("no LSH bands fit: with ")
                    .value("num_perm", num_perm.to_string())
                    .text(format!(
                        ", pairs at Jaccard {s:.2} cannot be found {:.0}% of the time; raise ",
                        RECALL_TARGET * 100.0
                    ))
                    .param("num_perm")
                    .text(format!(" (e.g. {}) or ", (num_perm * 2).max(64)))
                    .param("threshold"),
            )
        })
    }

    /// Probability that a pair with Jaccard `s` shares at least one band:
    /// `1 − (1 − s^r)^b`.
    pub fn probability(&self, s: f64) -> f64 {
        let s = s.clamp(0.0, 1.0);
        1.0 - (1.0 - s.powi(self.rows as i32)).powi(self.bands as i32)
    }

    /// `(s, P(s))` at s = 0, 0.1, …, 1 for the run summary.
    pub fn s_curve(&self) -> Vec<(f64, f64)> {
        (0..=10).map(|i| i as f64 / 10.0).map(|s| (s, self.probability(s))).collect()
    }

    /// The Jaccard where the S-curve is steepest, `(1/b)^(1/r)`.
    pub fn midpoint(&self) -> f64 {
        (1.0 / self.bands as f64).powf(1.0 / self.rows as f64)
    }

    /// `∫₀^upper P(s) ds` (Simpson's rule, 200 intervals).
    fn false_positive_area(&self, upper: f64) -> f64 {
        let n = 200;
        let h = upper / n as f64;
        let sum: f64 = (0..=n)
            .map(|i| {
                let w = if i == 0 || i == n {
                    1.0
                } else if i % 2 == 1 {
                    4.0
                } else {
                    2.0
                };
                w * self.probability(i as f64 * h)
            })
            .sum();
        sum * h / 3.0
    }
}

/// Smallest `b ≤ max_bands` with `P(s) ≥ RECALL_TARGET`, if any.
fn min_bands(s: f64, rows: usize, max_bands: usize) -> Option<usize> {
    if max_bands == 0 {
        return None;
    }
    let sr = s.powi(rows as i32);
    if sr <= 0.0 {
        return None;
    }
    let guess = if sr >= 1.0 {
        1.0
    } else {
        ((1.0 - RECALL_TARGET).ln() / (1.0 - sr).ln()).ceil().max(1.0)
    };
    if !guess.is_finite() || guess > max_bands as f64 {
        return None;
    }
    // Settle rounding at the boundary with the very function tests use.
    let mut b = (guess as usize).saturating_sub(1).max(1);
    while b <= max_bands {
        if (LshParams { bands: b, rows }).probability(s) >= RECALL_TARGET {
            return Some(b);
        }
        b += 1;
    }
    None
}

/// Writes one key per band of `sig` into `out` (cleared first): a hash of
/// the band's `rows` slots with the band index mixed in. An empty signature
/// (empty document) gets no keys, so it is never a candidate; a signature
/// shorter than `bands × rows` gets keys for its complete bands only.
pub fn band_keys(params: &LshParams, sig: &Signature, out: &mut Vec<u64>) {
    out.clear();
    if sig.is_empty() || params.rows == 0 {
        return;
    }
    for (band, chunk) in sig.0.chunks_exact(params.rows).take(params.bands).enumerate() {
        let mut acc = mix64(0x6261_6e64_0000_0000 ^ band as u64); // "band"
        for &v in chunk {
            acc = mix64(acc ^ u64::from(v));
        }
        out.push(acc);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sketch::MinHasher;
    use rand::{Rng, SeedableRng};
    use rand_xoshiro::Xoshiro256PlusPlus;

    #[test]
    fn for_threshold_meets_recall_rule() {
        for num_perm in [64, 128, 256] {
            for t in (6..=19).map(|i| i as f64 * 0.05) {
                let p = LshParams::for_threshold(t, num_perm).unwrap();
                assert!(p.bands * p.rows <= num_perm, "{t} {num_perm}: {p:?}");
                assert!(p.probability(t - 0.05) >= 0.95, "{t} {num_perm}: {p:?}");
                // Minimal: one band fewer would miss the target.
                let fewer = LshParams { bands: p.bands - 1, ..p };
                assert!(p.bands == 1 || fewer.probability(t - 0.05) < 0.95);
                // No other feasible (b, r) lets fewer dissimilar pairs through.
                let s = t - 0.05;
                let area = p.false_positive_area(s);
                for rows in 1..=num_perm {
                    for bands in 1..=num_perm / rows {
                        let q = LshParams { bands, rows };
                        if q.probability(s) >= 0.95 {
                            assert!(
                                q.false_positive_area(s) >= area - 1e-9,
                                "{t} {num_perm}: {q:?} beats {p:?}"
                            );
                        }
                    }
                }
                if num_perm >= 256 {
                    assert!(p.probability((t - 0.3).max(0.0)) < 0.5, "{t} {num_perm}: {p:?}");
                }
            }
        }
    }

    /// The table in DESIGN.md: `cargo test --lib lsh -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn print_params() {
        for num_perm in [64, 128, 256] {
            for t in [0.3, 0.5, 0.7, 0.8, 0.9] {
                let p = LshParams::for_threshold(t, num_perm).unwrap();
                println!(
                    "k={num_perm} t={t} b={} r={} P(t-0.05)={:.3} P(t-0.2)={:.3} P(t/2)={:.3}",
                    p.bands,
                    p.rows,
                    p.probability(t - 0.05),
                    p.probability(t - 0.2),
                    p.probability(t / 2.0)
                );
            }
        }
    }

    #[test]
    fn for_threshold_rejects_bad_input() {
        assert!(LshParams::for_threshold(0.0, 128).is_err());
        assert!(LshParams::for_threshold(0.05, 128).is_err());
        assert!(LshParams::for_threshold(1.2, 128).is_err());
        assert!(LshParams::for_threshold(f64::NAN, 128).is_err());
        let e = LshParams::for_threshold(0.5, 1).unwrap_err().to_string();
        assert!(e.contains("with num_perm=1") && e.contains("raise num_perm"), "{e}");
        assert!(!e.contains("--"), "{e}");
    }

    #[test]
    fn probability_and_curve() {
        let p = LshParams { bands: 16, rows: 8 };
        assert_eq!(p.probability(0.0), 0.0);
        assert_eq!(p.probability(1.0), 1.0);
        let curve = p.s_curve();
        assert_eq!(curve.len(), 11);
        assert!(curve.windows(2).all(|w| w[0].1 <= w[1].1));
        let mid = p.midpoint();
        assert!((mid - (1.0f64 / 16.0).powf(1.0 / 8.0)).abs() < 1e-12);
    }

    #[test]
    fn band_keys_shape() {
        let mh = MinHasher::builder().num_perm(128).build().unwrap();
        let p = LshParams { bands: 20, rows: 6 };
        let mut a = Vec::new();
        band_keys(&p, &mh.sketch(&[1, 2, 3, 4]), &mut a);
        assert_eq!(a.len(), 20);
        let mut b = Vec::new();
        band_keys(&p, &mh.sketch(&[4, 3, 2, 1]), &mut b);
        assert_eq!(a, b);
        // Same band contents in different bands give different keys.
        let flat = Signature(vec![5; 128]);
        band_keys(&p, &flat, &mut b);
        assert_ne!(b[0], b[1]);
        band_keys(&p, &mh.sketch(&[]), &mut b);
        assert!(b.is_empty());
    }

    /// Planted pairs at s = threshold − 0.05 become candidates ≥ ~95 % of
    /// the time (the S-curve, measured through real sketches).
    #[test]
    fn empirical_recall_at_threshold_minus_margin() {
        let mh = MinHasher::builder().num_perm(128).seed(3).build().unwrap();
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(99);
        for t in [0.5, 0.8] {
            let p = LshParams::for_threshold(t, 128).unwrap();
            let s: f64 = t - 0.05;
            // |A∪B| = 2000, shared = s·2000.
            let shared = (s * 2000.0).round() as usize;
            let only = (2000 - shared) / 2;
            let trials = 400;
            let mut found = 0;
            let (mut ka, mut kb) = (Vec::new(), Vec::new());
            for _ in 0..trials {
                let common: Vec<u64> = (0..shared).map(|_| rng.gen()).collect();
                let mut a = common.clone();
                let mut b = common;
                a.extend((0..only).map(|_| rng.gen::<u64>()));
                b.extend((0..only).map(|_| rng.gen::<u64>()));
                band_keys(&p, &mh.sketch(&a), &mut ka);
                band_keys(&p, &mh.sketch(&b), &mut kb);
                if ka.iter().zip(&kb).any(|(x, y)| x == y) {
                    found += 1;
                }
            }
            let rate = found as f64 / trials as f64;
            assert!(rate >= 0.92, "t={t} {p:?}: recall {rate}");
        }
    }
}
