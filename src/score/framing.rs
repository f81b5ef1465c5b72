//! Frame profiles and the distance between them.
//!
//! Input: per-document frame rates (per 1,000 words, in the lexicon's frame
//! order) or hits. Output: a distance in [0, 1] between two profiles, and
//! frame counts inside given byte spans (for `framing_shift.csv`).
//!
//! Invariant: a profile is turned into a distribution by dividing by its
//! sum, so documents of different lengths compare by the *mix* of frames.
//! Two empty profiles are identical (distance 0); an empty and a non-empty
//! profile are as far apart as possible (distance 1). Negative or non-finite
//! rates are treated as 0.

use std::collections::BTreeMap;
use std::ops::Range;

use super::evidence::{DocScores, HitList};

/// Which distance [`framing_distance`] computes. All are in [0, 1].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Distance {
    /// Jensen–Shannon divergence, base 2 (0 = same mix, 1 = disjoint).
    #[default]
    JensenShannon,
    /// 1 − cosine similarity of the distributions.
    Cosine,
    /// Hellinger distance, √(1 − Σ√(p·q)).
    Hellinger,
}

impl std::str::FromStr for Distance {
    type Err = crate::error::Error;

    fn from_str(s: &str) -> crate::error::Result<Distance> {
        match s.to_ascii_lowercase().replace(['-', '_'], "").as_str() {
            "js" | "jensenshannon" | "jsd" => Ok(Distance::JensenShannon),
            "cosine" | "cos" => Ok(Distance::Cosine),
            "hellinger" => Ok(Distance::Hellinger),
            _ => Err(crate::error::Error::config(format!(
                "unknown framing distance `{s}` (js, cosine, hellinger)"
            ))),
        }
    }
}

fn distribution(v: &[f64]) -> Option<Vec<f64>> {
    let clean: Vec<f64> =
        v.iter().map(|&x| if x.is_finite() && x > 0.0 { x } else { 0.0 }).collect();
    let sum: f64 = clean.iter().sum();
    (sum > 0.0).then(|| clean.iter().map(|x| x / sum).collect())
}

/// The distance between two frame profiles (same frame order; a shorter
/// profile is padded with zeros).
pub fn framing_distance(a: &[f64], b: &[f64], metric: Distance) -> f64 {
    let n = a.len().max(b.len());
    let pad = |v: &[f64]| {
        let mut v = v.to_vec();
        v.resize(n, 0.0);
        v
    };
    distance_between(distribution(&pad(a)).as_deref(), distribution(&pad(b)).as_deref(), metric)
}

/// The N×N matrix of [`framing_distance`] between `profiles` (row-major,
/// zeros on the diagonal), each profile's distribution computed once and
/// the rows in parallel; every cell is the value [`framing_distance`]
/// gives for that pair, to the bit.
pub fn framing_distance_matrix(profiles: &[Vec<f64>], metric: Distance) -> Vec<f64> {
    use rayon::prelude::*;
    let n = profiles.len();
    let width = profiles.iter().map(Vec::len).max().unwrap_or(0);
    // Padding every profile to the longest adds zeros, which change no
    // sum (x + 0.0 == x), so the cells equal the pairwise padding's.
    let dists: Vec<Option<Vec<f64>>> = profiles
        .iter()
        .map(|v| {
            let mut v = v.clone();
            v.resize(width, 0.0);
            distribution(&v)
        })
        .collect();
    let mut m = vec![0.0; n * n];
    m.par_chunks_mut(n.max(1)).enumerate().for_each(|(i, row)| {
        for (j, cell) in row.iter_mut().enumerate() {
            if i != j {
                *cell = distance_between(dists[i].as_deref(), dists[j].as_deref(), metric);
            }
        }
    });
    m
}

/// The distance between two distributions (`None`: an empty profile).
fn distance_between(p: Option<&[f64]>, q: Option<&[f64]>, metric: Distance) -> f64 {
    let (p, q) = match (p, q) {
        (None, None) => return 0.0,
        (Some(_), None) | (None, Some(_)) => return 1.0,
        (Some(p), Some(q)) => (p, q),
    };
    let d = match metric {
        Distance::JensenShannon => {
            // KL(x ‖ m) with m = (p + q) / 2 taken term by term.
            let kl = |x: &[f64], y: &[f64]| -> f64 {
                x.iter()
                    .zip(y)
                    .filter(|(xi, _)| **xi > 0.0)
                    .map(|(xi, yi)| xi * (xi / ((xi + yi) / 2.0)).log2())
                    .sum()
            };
            0.5 * kl(p, q) + 0.5 * kl(q, p)
        }
        Distance::Cosine => {
            let dot: f64 = p.iter().zip(q).map(|(x, y)| x * y).sum();
            let na: f64 = p.iter().map(|x| x * x).sum::<f64>().sqrt();
            let nb: f64 = q.iter().map(|x| x * x).sum::<f64>().sqrt();
            1.0 - dot / (na * nb)
        }
        Distance::Hellinger => {
            let bc: f64 = p.iter().zip(q).map(|(x, y)| (x * y).sqrt()).sum();
            (1.0 - bc).max(0.0).sqrt()
        }
    };
    d.clamp(0.0, 1.0)
}

/// The per-1k rates of a document in the order of `frames`.
pub fn profile(scores: &DocScores, frames: &[String]) -> Vec<f64> {
    frames.iter().map(|f| scores.frames.get(f).map_or(0.0, |s| s.per_1k)).collect()
}

/// Frame hits lying entirely inside one of `spans` (byte spans), by frame
/// key. Only frames with at least one hit appear.
pub fn frame_counts_in(hits: &HitList, spans: &[Range<usize>]) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for h in hits.iter().filter(|h| h.is_frame()) {
        if spans.iter().any(|s| s.start <= h.start && h.end <= s.end) {
            if let Some(k) = h.key() {
                *out.entry(k.to_string()).or_insert(0) += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Distance; 3] = [Distance::JensenShannon, Distance::Cosine, Distance::Hellinger];

    #[test]
    fn identical_is_zero_disjoint_is_one() {
        for m in ALL {
            assert!(framing_distance(&[3.0, 1.0, 0.0], &[6.0, 2.0, 0.0], m).abs() < 1e-12, "{m:?}");
            assert!((framing_distance(&[1.0, 0.0], &[0.0, 2.0], m) - 1.0).abs() < 1e-12, "{m:?}");
            assert_eq!(framing_distance(&[0.0, 0.0], &[0.0, 0.0], m), 0.0);
            assert_eq!(framing_distance(&[], &[], m), 0.0);
            assert_eq!(framing_distance(&[0.0, 0.0], &[0.0, 5.0], m), 1.0);
        }
    }

    #[test]
    fn partial_overlap_is_between_and_symmetric() {
        let (a, b) = ([1.0, 1.0, 0.0], [0.0, 1.0, 1.0]);
        for m in ALL {
            let d = framing_distance(&a, &b, m);
            assert!(d > 0.0 && d < 1.0, "{m:?} {d}");
            assert!((d - framing_distance(&b, &a, m)).abs() < 1e-12);
        }
        // JS of two half-overlapping uniform pairs is exactly 0.5 bits.
        assert!((framing_distance(&a, &b, Distance::JensenShannon) - 0.5).abs() < 1e-12);
        assert_eq!("hellinger".parse::<Distance>().unwrap(), Distance::Hellinger);
        assert!("manhattan".parse::<Distance>().is_err());
    }

    #[test]
    fn the_matrix_equals_each_pair_to_the_bit() {
        let profiles = vec![
            vec![3.1, 0.0, 7.25, 1.0 / 3.0],
            vec![0.0, 0.0, 0.0, 0.0],
            vec![1e-9, 2.0, f64::NAN, 5.5],
            vec![0.7, 0.2],
            vec![4.0, 4.0, 4.0, 4.0],
        ];
        for metric in [Distance::JensenShannon, Distance::Cosine, Distance::Hellinger] {
            let m = framing_distance_matrix(&profiles, metric);
            let n = profiles.len();
            for i in 0..n {
                for j in 0..n {
                    let want = if i == j {
                        0.0
                    } else {
                        framing_distance(&profiles[i], &profiles[j], metric)
                    };
                    assert_eq!(m[i * n + j].to_bits(), want.to_bits(), "{metric:?} {i} {j}");
                }
            }
        }
    }
}
