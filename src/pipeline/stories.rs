//! Relatedness and stories across a corpus: which pairs are scored, in
//! parallel, and the stories and story framing that come of them. The
//! rules themselves live in
//! [`crate::related`] and [`crate::stories`].

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use crate::align::{AlignDoc, Passage};
use crate::analysis::{CorpusScores, FrameShift, RelatedPair, StoryFindings};
use crate::doc::{Corpus, DocId};
use crate::related::{self, CandidateIndex, DocFreq, RelatedOptions, TermVector, Terms};
use crate::score::Distance;
use crate::stories::{self, framing, StoryOptions};

use super::Observer;

/// `(related, cosine, reuse)` of a pair.
type Scores = (f64, f64, f64);

/// The related pairs of a corpus.
pub(crate) struct Relatedness {
    vectors: Vec<TermVector>,
    /// Reuse share per aligned pair (non-boilerplate passages).
    reuse: BTreeMap<(u32, u32), f64>,
    /// `(a, b) → (related, cosine, reuse)` for every scored pair at or
    /// above the listing floor, `a < b`.
    pub(crate) listed: BTreeMap<(u32, u32), Scores>,
    /// Row-major N×N related values, when every pair was scored.
    pub(crate) matrix: Option<Vec<f64>>,
}

impl Relatedness {
    /// Relatedness of any pair (computed when it was not scored).
    pub(crate) fn of(&self, a: u32, b: u32) -> f64 {
        let (a, b) = (a.min(b), a.max(b));
        if let Some(&(r, _, _)) = self.listed.get(&(a, b)) {
            return r;
        }
        let cos = related::cosine(&self.vectors[a as usize], &self.vectors[b as usize]);
        related::related(cos, self.reuse.get(&(a, b)).copied().unwrap_or(0.0))
    }
}

/// Scores pairs: every pair when `all_pairs` (the matrix needs them), else
/// the candidates of the rare-content index plus every aligned pair.
pub(crate) fn relate(
    adocs: Vec<AlignDoc>,
    words: &[usize],
    passages: &[(DocId, DocId, Passage, bool)],
    all_pairs: bool,
    opts: &RelatedOptions,
    obs: &dyn Observer,
) -> Relatedness {
    let n = adocs.len();
    // Nothing else needs the alignment forms (the largest per-document
    // data of a run): each is freed as soon as its terms are taken.
    let terms: Vec<Terms> = adocs.into_par_iter().map(|ad| Terms::of(&ad)).collect();
    let df = DocFreq::new(&terms);
    let vectors: Vec<TermVector> = terms.par_iter().map(|t| TermVector::new(t, &df)).collect();
    drop(terms);
    let mut shared: BTreeMap<(u32, u32), (usize, usize)> = BTreeMap::new();
    for (a, b, p, boiler) in passages {
        if !boiler {
            let e = shared.entry((a.0.min(b.0), a.0.max(b.0))).or_default();
            let (wa, wb) = if a.0 < b.0 { (p.a_words, p.b_words) } else { (p.b_words, p.a_words) };
            e.0 += wa;
            e.1 += wb;
        }
    }
    let share = |w: usize, i: u32| (w as f64 / words[i as usize].max(1) as f64).min(1.0);
    let reuse: BTreeMap<(u32, u32), f64> = shared
        .into_iter()
        .map(|((a, b), (wa, wb))| ((a, b), share(wa, a).max(share(wb, b))))
        .collect();
    // A pair's scores, `a`'s weights spread in `dense`.
    let score = |dense: &related::Dense, a: u32, b: u32| -> Scores {
        let cos = dense.cosine(&vectors[b as usize]);
        let r = reuse.get(&(a, b)).copied().unwrap_or(0.0);
        (related::related(cos, r), cos, r)
    };
    obs.stage("related", n as u64);
    let mut listed = BTreeMap::new();
    let mut matrix = None;
    if all_pairs {
        // Every pair: each row spreads its document's weights over a dense
        // array once, then each cosine is a walk over the other document's
        // terms (`related::Dense`: the same values as `related::cosine`, to
        // the bit).
        let rows: Vec<Vec<Scores>> = (0..n as u32)
            .into_par_iter()
            .map_init(related::Dense::default, |dense, a| {
                let va = &vectors[a as usize];
                dense.load(va);
                let row = (a + 1..n as u32).map(|b| score(dense, a, b)).collect();
                dense.unload(va);
                obs.advance(1);
                row
            })
            .collect();
        let mut m = vec![0.0; n * n];
        for (a, row) in rows.into_iter().enumerate() {
            m[a * n + a] = 1.0;
            for (k, s) in row.into_iter().enumerate() {
                let b = a + 1 + k;
                m[a * n + b] = s.0;
                m[b * n + a] = s.0;
                if s.0 >= opts.floor {
                    listed.insert((a as u32, b as u32), s);
                }
            }
        }
        matrix = Some(m);
    } else {
        let index = CandidateIndex::new(&vectors, &df, opts);
        // Each pair is scored from its smaller document's side; the
        // candidates met from the larger side are kept for the pass below.
        type Found = (Vec<((u32, u32), Scores)>, Vec<(u32, u32)>);
        let found: Vec<Found> = (0..n as u32)
            .into_par_iter()
            .map_init(
                || (related::Scratch::default(), Vec::new(), related::Dense::default()),
                |(scratch, cands, dense), a| {
                    index.candidates_into(a, scratch, cands);
                    let split = cands.partition_point(|&b| b < a);
                    let va = &vectors[a as usize];
                    dense.load(va);
                    let above = cands[split..]
                        .iter()
                        .map(|&b| ((a, b), score(dense, a, b)))
                        .filter(|(_, s)| s.0 >= opts.floor)
                        .collect();
                    dense.unload(va);
                    let below = cands[..split].iter().map(|&b| (b, a)).collect();
                    obs.advance(1);
                    (above, below)
                },
            )
            .collect();
        let mut below: Vec<(u32, u32)> = Vec::new();
        for (above, b) in found {
            listed.extend(above);
            below.extend(b);
        }
        // A pair found only from the larger side, or only by alignment:
        // sorted, so each first document's pairs are scored together (in
        // parallel over first documents) against its spread weights.
        let mut extra: Vec<(u32, u32)> = below;
        extra.extend(reuse.keys().copied());
        extra.retain(|k| !listed.contains_key(k));
        extra.sort_unstable();
        extra.dedup();
        let groups: Vec<&[(u32, u32)]> = extra.chunk_by(|x, y| x.0 == y.0).collect();
        let scored: Vec<Vec<((u32, u32), Scores)>> = groups
            .par_iter()
            .map_init(related::Dense::default, |dense, group| {
                let va = &vectors[group[0].0 as usize];
                dense.load(va);
                let out = group
                    .iter()
                    .map(|&(a, b)| ((a, b), score(dense, a, b)))
                    .filter(|(_, s)| s.0 >= opts.floor)
                    .collect();
                dense.unload(va);
                out
            })
            .collect();
        listed.extend(scored.into_iter().flatten());
    }
    obs.done();
    Relatedness { vectors, reuse, listed, matrix }
}

/// The listed related pairs, in pair order; `rel` is consumed, its term
/// vectors freed.
pub(crate) fn related_pairs(rel: Relatedness) -> Vec<RelatedPair> {
    rel.listed
        .into_iter()
        .map(|((a, b), (related, cosine, reuse))| RelatedPair {
            a: DocId(a),
            b: DocId(b),
            related,
            cosine,
            reuse,
        })
        .collect()
}

/// The stories of the corpus from the related pairs and the near-duplicate
/// pairs, which documents of each story have frame shifts with each other,
/// and (when `scores` are given) how each outlet frames each story.
pub(crate) fn find_stories(
    corpus: &Corpus,
    related: &[RelatedPair],
    duplicates: &[(u32, u32)],
    opts: &StoryOptions,
    distance: Distance,
    scores: Option<&CorpusScores>,
    shifts: &[FrameShift],
) -> StoryFindings {
    let n = corpus.len();
    let days: Vec<Option<i64>> =
        corpus.docs().iter().map(|d| d.date.as_deref().and_then(stories::days_of)).collect();
    let edges: Vec<(u32, u32, f64)> = related.iter().map(|p| (p.a.0, p.b.0, p.related)).collect();
    let st = stories::stories(n, &days, &edges, duplicates, opts);
    // Frame shifts inside one story, per document.
    let mut shift_with: Vec<BTreeSet<u32>> = vec![BTreeSet::new(); n];
    for s in shifts {
        let (a, b) = (s.a.0, s.b.0);
        if st.story_of[a as usize].is_some() && st.story_of[a as usize] == st.story_of[b as usize] {
            shift_with[a as usize].insert(b);
            shift_with[b as usize].insert(a);
        }
    }
    let shift_with: Vec<Vec<DocId>> =
        shift_with.into_iter().map(|s| s.into_iter().map(DocId).collect()).collect();
    let mut found = StoryFindings { shift_with, ..StoryFindings::default() };
    // Framing within stories needs the scores (`parallax run`).
    if let Some(scores) = scores.filter(|s| s.docs.len() == n) {
        let per_story: Vec<(bool, Vec<framing::Row>)> = st
            .members
            .par_iter()
            .map(|members| {
                let docs: Vec<framing::DocFraming<'_>> = members
                    .iter()
                    .map(|&m| {
                        let d = corpus.get(DocId(m));
                        let s = &scores.docs[m as usize];
                        framing::DocFraming {
                            group: d
                                .outlet
                                .as_deref()
                                .filter(|o| !o.trim().is_empty())
                                .unwrap_or(&d.id),
                            words: s.words as u64,
                            frame_hits: s.frames.iter().map(|c| c.hits as u64).collect(),
                            stance: s
                                .stance
                                .iter()
                                .map(|t| (t.score.unwrap_or(0.0), t.mentions as u64))
                                .collect(),
                        }
                    })
                    .collect();
                let (rows, whole) =
                    framing::compare(&docs, &scores.frames, &scores.targets, distance);
                (whole, rows)
            })
            .collect();
        found.without_distance = per_story.iter().filter(|(whole, _)| !whole).count();
        found.framing = per_story
            .into_iter()
            .enumerate()
            .flat_map(|(k, (_, rows))| rows.into_iter().map(move |r| (k, r)))
            .collect();
    }
    found.stories = st;
    found
}
