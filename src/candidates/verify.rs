//! Exact verification of a candidate pair on its shingle sets.
//!
//! Input: two sorted, deduplicated shingle sets. Output: an [`Overlap`]
//! (exact Jaccard, both containments, counts). Invariant: symmetric
//! (`overlap(b, a)` swaps the directional fields and nothing else) and
//! exact; O(|a| + |b|) by linear merge, or O(small · log(large)) by
//! galloping when one set is much smaller (an excerpt against an article).

/// Size ratio above which the small set gallops through the large one.
const GALLOP_RATIO: usize = 16;

/// The exact overlap of two shingle sets.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Overlap {
    /// `|A ∩ B| / |A ∪ B|` (0 when both are empty).
    pub jaccard: f64,
    /// `|A ∩ B| / |A|`: the share of A's shingles found in B (0 if A is empty).
    pub containment_ab: f64,
    /// `|A ∩ B| / |B|`: the share of B's shingles found in A.
    pub containment_ba: f64,
    /// `|A ∩ B|`.
    pub shared: usize,
    /// `|A|`.
    pub size_a: usize,
    /// `|B|`.
    pub size_b: usize,
}

impl Overlap {
    /// The same overlap seen from the other document (`a` and `b` swapped).
    pub fn swapped(&self) -> Overlap {
        Overlap {
            jaccard: self.jaccard,
            containment_ab: self.containment_ba,
            containment_ba: self.containment_ab,
            shared: self.shared,
            size_a: self.size_b,
            size_b: self.size_a,
        }
    }
}

/// The exact overlap of sorted, deduplicated sets `a` and `b`.
pub fn overlap(a: &[u64], b: &[u64]) -> Overlap {
    let shared = if a.len() > GALLOP_RATIO * b.len() {
        gallop_count(b, a)
    } else if b.len() > GALLOP_RATIO * a.len() {
        gallop_count(a, b)
    } else {
        merge_count(a, b)
    };
    let ratio = |num: usize, den: usize| if den == 0 { 0.0 } else { num as f64 / den as f64 };
    Overlap {
        jaccard: ratio(shared, a.len() + b.len() - shared),
        containment_ab: ratio(shared, a.len()),
        containment_ba: ratio(shared, b.len()),
        shared,
        size_a: a.len(),
        size_b: b.len(),
    }
}

fn merge_count(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while let (Some(&x), Some(&y)) = (a.get(i), b.get(j)) {
        match x.cmp(&y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Counts elements of `small` in `large` by exponential then binary search
/// from the last position (both sorted).
fn gallop_count(small: &[u64], large: &[u64]) -> usize {
    let mut lo = 0;
    let mut n = 0;
    for &x in small {
        let rest = large.get(lo..).unwrap_or(&[]);
        let mut step = 1;
        while rest.get(step - 1).is_some_and(|&v| v < x) {
            step *= 2;
        }
        let window_start = step / 2;
        let window = rest.get(window_start..step.min(rest.len())).unwrap_or(&[]);
        match window.binary_search(&x) {
            Ok(p) => {
                n += 1;
                lo += window_start + p + 1;
            }
            Err(p) => lo += window_start + p,
        }
        if lo >= large.len() {
            break;
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};
    use rand_xoshiro::Xoshiro256PlusPlus;

    #[test]
    fn hand_example() {
        let a = [1, 2, 3, 4];
        let b = [3, 4, 5, 6, 7, 8, 9, 10];
        let o = overlap(&a, &b);
        assert_eq!(o.shared, 2);
        assert_eq!(o.jaccard, 2.0 / 10.0);
        assert_eq!(o.containment_ab, 0.5);
        assert_eq!(o.containment_ba, 0.25);
        assert_eq!((o.size_a, o.size_b), (4, 8));
        // An excerpt is fully contained in its article.
        let e = overlap(&[4, 6], &b);
        assert_eq!(e.containment_ab, 1.0);
        assert_eq!(overlap(&a, &a).jaccard, 1.0);
        assert_eq!(overlap(&[], &[]), Overlap::default());
        assert_eq!(overlap(&[], &a).containment_ba, 0.0);
    }

    #[test]
    fn symmetric_and_galloping_agrees_with_merge() {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(11);
        for _ in 0..200 {
            let n_a = rng.gen_range(0..40);
            let n_b = rng.gen_range(0..3000);
            let universe = rng.gen_range(1..5000u64);
            let mut a: Vec<u64> = (0..n_a).map(|_| rng.gen_range(0..universe)).collect();
            let mut b: Vec<u64> = (0..n_b).map(|_| rng.gen_range(0..universe)).collect();
            a.sort_unstable();
            a.dedup();
            b.sort_unstable();
            b.dedup();
            let ab = overlap(&a, &b);
            let ba = overlap(&b, &a);
            assert_eq!(ab.shared, merge_count(&a, &b));
            assert_eq!(ab.shared, gallop_count(&a, &b));
            assert_eq!(ab.jaccard, ba.jaccard);
            assert_eq!(ab.containment_ab, ba.containment_ba);
            assert_eq!((ab.size_a, ab.size_b), (ba.size_b, ba.size_a));
        }
    }
}
