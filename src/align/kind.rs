//! Passage kinds: how closely the two sides of a passage follow each other.
//!
//! Input: the token ranges of a passage in two [`AlignDoc`]s. Output: a
//! [`Kind`]: `verbatim` (the same words after normalisation), `near_verbatim`
//! (light edits: clitics, spelling, a few words inserted, deleted or
//! replaced, phrases moved) or `paraphrase` (the same content in other
//! words).
//!
//! Why a second measure beside the passage score: the score is a share of
//! content words found anywhere in the other span, which a retelling that
//! keeps the names and key terms also reaches. Copied text keeps runs of
//! words, function words included; a retelling breaks them. So the kind
//! looks at runs of three consecutive matching keys (all words, clitics
//! stripped): the share of each side's words inside a run that also occurs
//! on the other side. A replaced word breaks the runs through it but leaves
//! its neighbours covered by other runs; a moved phrase keeps its runs.
//!
//! Invariant: symmetric (swapping the sides gives the same kind).

use std::ops::Range;

use rustc_hash::FxHashSet;
use serde::Serialize;
use xxhash_rust::xxh3::xxh3_64_with_seed;

use super::seeds::AlignDoc;

/// Share of each side's words inside word triples found on the other side
/// at or above which a passage is `near_verbatim`. Measured on planted
/// edits of the seeds (a few clitics, replaced and inserted words keep it
/// above 0.8) and on the retold passages of seeds 000/001 (below 0.3).
pub const NEAR_VERBATIM_RUNS: f64 = 0.6;

/// How a passage's two sides relate.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Identical after normalisation (diacritics, letter variants, case).
    Verbatim,
    /// Lightly edited: at least [`NEAR_VERBATIM_RUNS`] of each side's words
    /// lie in word triples (clitics stripped) the other side also has.
    NearVerbatim,
    /// The same content retold in other words.
    #[default]
    Paraphrase,
}

impl Kind {
    /// The name written in the outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Verbatim => "verbatim",
            Kind::NearVerbatim => "near_verbatim",
            Kind::Paraphrase => "paraphrase",
        }
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The kind of the passage spanning tokens `ra` of `a` and `rb` of `b`.
pub fn kind_of(a: &AlignDoc, ra: Range<usize>, b: &AlignDoc, rb: Range<usize>) -> Kind {
    classify(a, ra, b, rb).0
}

/// The kind of a passage, and its spans tightened to the copied text when
/// it is copied (verbatim or near-verbatim).
///
/// Why tighten: alignment trims a span's ends on a bag of words, so a copied
/// paragraph can take along the end of the sentence before it when that
/// sentence repeats a few of its words (a name, a place). For copied text
/// the runs of shared words say exactly where the copy starts and ends: the
/// span is cut to the first and last word inside a shared run, when that
/// keeps at least half of each side.
pub fn classify(
    a: &AlignDoc,
    ra: Range<usize>,
    b: &AlignDoc,
    rb: Range<usize>,
) -> (Kind, Range<usize>, Range<usize>) {
    if same_words(a, ra.clone(), b, rb.clone()) {
        return (Kind::Verbatim, ra, rb);
    }
    let (ha, hb) = (
        hits(a, ra.clone(), &triples(b, rb.clone())),
        hits(b, rb.clone(), &triples(a, ra.clone())),
    );
    let (Some(ca), Some(cb)) = (core(&ha, ra.start), core(&hb, rb.start)) else {
        return (Kind::Paraphrase, ra, rb);
    };
    let kept = |c: &Range<usize>, r: &Range<usize>| 2 * c.len() >= r.len();
    let share = |h: &[bool], c: &Range<usize>, r: &Range<usize>| {
        h[c.start - r.start..c.end - r.start].iter().filter(|&&x| x).count() as f64 / c.len() as f64
    };
    if !(kept(&ca, &ra) && kept(&cb, &rb))
        || share(&ha, &ca, &ra).min(share(&hb, &cb, &rb)) < NEAR_VERBATIM_RUNS
    {
        return (Kind::Paraphrase, ra, rb);
    }
    let kind =
        if same_words(a, ca.clone(), b, cb.clone()) { Kind::Verbatim } else { Kind::NearVerbatim };
    (kind, ca, cb)
}

/// The longest run of consecutive tokens of `ra` in `a` whose matching
/// keys (clitics stripped) also follow one another in `rb` in `b`.
///
/// Why: on real news a passage retold from a common text usually keeps a
/// stretch of it word for word (a quoted statement, a wire sentence), while
/// two reports of one fact share names and terms but no long run (measured
/// on judged passages: BENCHMARKS.md, passage precision).
pub fn longest_run(a: &AlignDoc, ra: Range<usize>, b: &AlignDoc, rb: Range<usize>) -> usize {
    if ra.is_empty() || rb.is_empty() {
        return 0;
    }
    if same_words(a, ra.clone(), b, rb.clone()) {
        return ra.len();
    }
    // Longest common substring of the two key sequences: one row of the
    // dynamic programme at a time.
    let bk: Vec<u64> = rb.clone().map(|j| b.key(j)).collect();
    let mut prev = vec![0u32; bk.len() + 1];
    let mut cur = vec![0u32; bk.len() + 1];
    let mut best = 0u32;
    for i in ra {
        let k = a.key(i);
        for (j, &kb) in bk.iter().enumerate() {
            cur[j + 1] = if k == kb { prev[j] + 1 } else { 0 };
            best = best.max(cur[j + 1]);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    best as usize
}

/// True when the two spans hold the same normalised words.
fn same_words(a: &AlignDoc, ra: Range<usize>, b: &AlignDoc, rb: Range<usize>) -> bool {
    ra.len() == rb.len() && ra.zip(rb).all(|(i, j)| a.norm(i) == b.norm(j))
}

/// For each token of `r` in `d`: whether it lies in a word triple of
/// `other`.
fn hits(d: &AlignDoc, r: Range<usize>, other: &FxHashSet<u64>) -> Vec<bool> {
    let n = r.len();
    let mut hit = vec![false; n];
    for t in 0..n.saturating_sub(2) {
        if other.contains(&triple(d, r.start + t)) {
            hit[t..t + 3].iter_mut().for_each(|h| *h = true);
        }
    }
    hit
}

/// The tokens from the first hit to the last (absolute indices; `start` is
/// the index of `hit[0]`), `None` without a hit.
fn core(hit: &[bool], start: usize) -> Option<Range<usize>> {
    let first = hit.iter().position(|&h| h)?;
    let last = hit.iter().rposition(|&h| h)?;
    Some(start + first..start + last + 1)
}

/// The hash of the keys of tokens `i..i + 3`.
fn triple(d: &AlignDoc, i: usize) -> u64 {
    let mut h = 0u64;
    for k in i..i + 3 {
        h = xxh3_64_with_seed(&d.key(k).to_le_bytes(), h);
    }
    h
}

fn triples(d: &AlignDoc, r: Range<usize>) -> FxHashSet<u64> {
    if r.len() < 3 {
        return FxHashSet::default();
    }
    (r.start..r.end - 2).map(|i| triple(d, i)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::Normalizer;

    fn kind(a: &str, b: &str) -> Kind {
        let n = Normalizer::default();
        let (da, db) = (AlignDoc::new(&n.normalize(a)), AlignDoc::new(&n.normalize(b)));
        let k = kind_of(&da, 0..da.len(), &db, 0..db.len());
        assert_eq!(k, kind_of(&db, 0..db.len(), &da, 0..da.len()), "symmetric");
        k
    }

    const S: &str = "أكد بوقادوم أن وزارتي الدفاع الجزائرية والأمريكية تستعدان لإطلاق حوار موسع لتعميق الشراكة الأمنية بين البلدين في إطار مذكرة تفاهم تم توقيعها في 22 جانفي الماضي";

    #[test]
    fn the_same_words_are_verbatim_whatever_the_diacritics() {
        assert_eq!(kind(S, S), Kind::Verbatim);
        // Harakat and tatweel are gone after normalisation.
        let marked = S.replace("حوار", "حِوَار").replace("الدفاع", "الدفـاع");
        assert_eq!(kind(S, &marked), Kind::Verbatim);
    }

    #[test]
    fn light_edits_are_near_verbatim() {
        // A clitic (وزارتي → ووزارتي would be odd; البلدين → للبلدين), one
        // word replaced (موسع → واسع), two inserted (يوم الأحد).
        let edited = S
            .replace("بين البلدين", "للبلدين")
            .replace("موسع", "واسع")
            .replace("أكد بوقادوم", "أكد بوقادوم يوم الأحد");
        assert_eq!(kind(S, &edited), Kind::NearVerbatim);
    }

    #[test]
    fn the_longest_run_is_counted_in_words() {
        let n = Normalizer::default();
        let run = |x: &str, y: &str| {
            let (dx, dy) = (AlignDoc::new(&n.normalize(x)), AlignDoc::new(&n.normalize(y)));
            let r = longest_run(&dx, 0..dx.len(), &dy, 0..dy.len());
            assert_eq!(r, longest_run(&dy, 0..dy.len(), &dx, 0..dx.len()), "symmetric");
            r
        };
        assert_eq!(run(S, S), 26);
        // Two words replaced (the 11th and the last) leave runs of 10 and
        // 14 words.
        let edited = S.replace("موسع", "واسع").replace("الماضي", "المنصرم");
        assert_eq!(run(S, &edited), 14);
        // A clitic does not break a run (البلدين → للبلدين keeps the key).
        assert_eq!(run(S, &S.replace("بين البلدين", "بين للبلدين")), 26);
        let retold = "أبرز بوقادوم أن الحوار العسكري بين الجزائر وواشنطن سيتوسع قريبا استنادا على مذكرة التفاهم الموقعة في 22 يناير والتي تتيح إطارا قانونيا لتعميق التعاون الأمني";
        assert!(run(S, retold) <= 3, "{}", run(S, retold));
        assert_eq!(run("", S), 0);
    }

    #[test]
    fn a_retelling_is_a_paraphrase() {
        let retold = "أبرز بوقادوم أن الحوار العسكري بين الجزائر وواشنطن سيتوسع قريبا استنادا على مذكرة التفاهم الموقعة في 22 يناير والتي تتيح إطارا قانونيا لتعميق التعاون الأمني";
        assert_eq!(kind(S, retold), Kind::Paraphrase);
    }
}
