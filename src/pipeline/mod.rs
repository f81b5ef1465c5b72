//! The pipeline: wires the stages over a corpus. Every stage function works
//! on one document or one pair, and this module decides what runs in
//! parallel (ingest's JSONL reader, the boilerplate index and the report
//! writers use rayon inside too). Results are collected in input order
//! (`par_iter().map().collect()` keeps order), pairs are sorted, so the
//! output is byte-identical for any number of threads.
//!
//! [`archive`] does the same for the persistent SQLite archive
//! (`parallax index`).

#[cfg(feature = "archive")]
pub mod archive;
mod stories;
mod summary;

#[cfg(feature = "archive")]
pub use self::archive::{archive_query, archive_records, QueryOptions, Sketcher};
pub use self::summary::{report_problems, run_info, run_summary, summary_notes};

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::align::{self, AlignDoc, AlignOptions, Passage};
use crate::candidates::{self, BandStats, EstimateFilter, LshParams, Overlap, RareIndex};
use crate::classify::{self, Role};
use crate::cluster::{self, Side};
use crate::doc::{CharIndex, Corpus, DocId, Document};
use crate::error::Result;
use crate::normalize::{self, NormalizeOptions, Normalizer};
use crate::report::model as rm;
use crate::score::{self, Distance, DocScores, Scorer};
use crate::shingle::{self, ShingleConfig};
use crate::sketch::{MinHasher, Signature};

/// Which parts of the analysis to run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stages {
    /// Near-duplicates: shingles, sketches, candidates, matrices, clusters.
    pub dups: bool,
    /// Shared passages (needs `dups` for candidate pairs above the matrix limit).
    pub passages: bool,
    /// Framing and stance.
    pub score: bool,
}

impl Stages {
    /// Everything (`parallax run`).
    pub const ALL: Stages = Stages { dups: true, passages: true, score: true };
    /// `parallax dups`.
    pub const DUPS: Stages = Stages { dups: true, passages: false, score: false };
    /// `parallax score`.
    pub const SCORE: Stages = Stages { dups: false, passages: false, score: true };
}

/// Validated options for a run.
#[derive(Clone, Debug)]
pub struct Options {
    /// What to run.
    pub stages: Stages,
    /// Normaliser switches.
    pub normalize: NormalizeOptions,
    /// Shingling.
    pub shingle: ShingleConfig,
    /// MinHash permutations.
    pub num_perm: usize,
    /// Seed for hashing and MinHash.
    pub seed: u64,
    /// Near-duplicate Jaccard threshold.
    pub threshold: f64,
    /// Excerpt containment threshold.
    pub containment: f64,
    /// LSH bands × rows (derived from `threshold` and `num_perm`).
    pub lsh: LshParams,
    /// Above this many documents, no all-pairs work and no matrices unless
    /// `force_matrices`.
    pub matrix_limit: usize,
    /// Write matrices whatever the corpus size.
    pub force_matrices: bool,
    /// Passage alignment options.
    pub align: AlignOptions,
    /// A paraphrased passage is reported from this score up
    /// ([`classify::Rules::min_passage_score`]).
    pub min_passage_score: f64,
    /// A paraphrased passage keeps this many words in a row to be reported
    /// ([`classify::Rules::min_copied_run`]).
    pub min_copied_run: usize,
    /// A small passage recurring in this many documents is boilerplate
    /// ([`classify::Rules::boilerplate_docs`]).
    pub boilerplate_docs: usize,
    /// Frame-profile distance.
    pub distance: Distance,
    /// Keep each document's text in the results (the HTML report shows it).
    pub keep_text: bool,
    /// Relatedness (same story): listing floor and candidate index.
    pub related: crate::related::RelatedOptions,
    /// How related articles are grouped into stories.
    pub stories: crate::stories::StoryOptions,
}

impl Options {
    /// The classification rules these options set.
    pub fn rules(&self) -> classify::Rules {
        classify::Rules {
            threshold: self.threshold,
            containment: self.containment,
            min_passage_score: self.min_passage_score,
            min_copied_run: self.min_copied_run,
            boilerplate_docs: self.boilerplate_docs,
        }
    }
}

/// Receives progress reports; the CLI draws a bar on a terminal.
pub trait Observer: Sync {
    /// A stage starts, with `len` units of work.
    fn stage(&self, _name: &'static str, _len: u64) {}
    /// `n` units done.
    fn advance(&self, _n: u64) {}
    /// The stage is finished.
    fn done(&self) {}
}

/// An observer that ignores everything.
pub struct Silent;
impl Observer for Silent {}

/// Timings and counts for the run summary.
#[derive(Clone, Debug, Default)]
pub struct RunStats {
    /// `(stage, wall time)` in order.
    pub timings: Vec<(&'static str, Duration)>,
    /// Candidate pairs: LSH candidates, or every pair when all pairs are
    /// checked (N ≤ matrix limit).
    pub candidates: usize,
    /// Candidates whose signature estimate could reach a threshold (the
    /// pairs verified exactly).
    pub estimated: usize,
    /// Candidate pairs that passed verification.
    pub verified: usize,
    /// Pairs aligned.
    pub aligned_pairs: usize,
    /// Of those, pairs found by shared rare content.
    pub rare_pairs: usize,
    /// Pairs of copies in one cluster not aligned with each other: each
    /// copy was aligned with the cluster's representative instead.
    pub via_representative: usize,
    /// Whether every pair's signature estimate was checked (N ≤ matrix
    /// limit) instead of LSH candidates only.
    pub all_pairs: bool,
    /// What the LSH banding did (buckets over the cap are large copy
    /// groups: they give a star and a path, not every pair).
    pub bands: BandStats,
    /// Pairs whose passages are all paraphrases without a copied run (the
    /// same facts told twice): not listed as reuse.
    pub retold_only: usize,
    /// Stories told by more outlets than `story_framing.csv` compares pair by
    /// pair ([`crate::stories::framing::MAX_DISTANCE_GROUPS`]).
    pub stories_without_distance: usize,
    /// The run a paraphrase needed (`min_copied_run`), for the notes.
    pub min_copied_run: usize,
}

/// Runs the analysis over `corpus`. `scorer` is needed when scoring.
pub fn analyse(
    corpus: &Corpus,
    opts: &Options,
    scorer: Option<&Scorer>,
    obs: &dyn Observer,
) -> Result<(rm::Results, RunStats)> {
    let mut stats = RunStats::default();
    let n = corpus.len();
    let normalizer = Normalizer::new(opts.normalize.clone());
    let mut clock = Clock::new();

    // Each document is normalised once, and what later stages need of it is
    // taken in the same pass: its signature and shingle count, its
    // alignment form (passages), its scores and sentence spans (scoring).
    // The normalised document itself is dropped at once, so memory holds
    // only those compact forms, never every normalised document; shingle
    // sets are rebuilt from the text for the pairs verified.
    let keep_norm = opts.stages.passages || opts.stages.score;
    let scorer = match (opts.stages.score, scorer) {
        (false, _) => None,
        (true, Some(s)) => Some(s),
        (true, None) => return Err(crate::Error::config("scoring needs a lexicon")),
    };
    let first_pass = match (opts.stages.dups, opts.stages.score) {
        (true, true) => "normalise + sketch + score",
        (true, false) => "normalise + sketch",
        (false, true) => "normalise + score",
        (false, false) => "normalise",
    };
    let all_pairs = n <= opts.matrix_limit;
    stats.all_pairs = all_pairs;
    let matrices = all_pairs || opts.force_matrices;
    let hasher = MinHasher::builder().num_perm(opts.num_perm).seed(opts.seed).build()?;
    obs.stage(first_pass, n as u64);
    let per_doc: Vec<PerDoc> = corpus
        .docs()
        .par_iter()
        .map_init(
            || (Vec::new(), Vec::new()),
            |(buf, table), d| {
                let out = if opts.stages.dups && !keep_norm {
                    // Only the signature and the set size stay: shingle straight
                    // from the keys, without building the normalised document.
                    let words = shingle::text_hashes(&opts.shingle, &normalizer, &d.text, buf);
                    let row = doc_row(d, words, opts.keep_text);
                    let size = shingle::count_distinct(buf, table);
                    PerDoc { row, size, sig: Some(hasher.sketch(buf)), ..PerDoc::default() }
                } else {
                    let nd = normalizer.normalize(&d.text);
                    // The documents.csv row too, while the text is in cache.
                    let row = doc_row(d, nd.len(), opts.keep_text);
                    let mut out = PerDoc { row, ..PerDoc::default() };
                    if opts.stages.dups {
                        shingle::shingle_hashes(&opts.shingle, &nd, buf);
                        out.size = shingle::count_distinct(buf, table);
                        out.sig = Some(hasher.sketch(buf));
                    }
                    if opts.stages.passages {
                        out.adoc = Some(AlignDoc::new(&nd));
                    }
                    if let Some(scorer) = scorer {
                        out.scores = Some(Scored::new(scorer.score(&d.text, &nd), scorer));
                        out.sentences = nd.sentences.iter().map(|x| (x.start, x.end)).collect();
                    }
                    out
                };
                obs.advance(1);
                out
            },
        )
        .collect();
    obs.done();
    let mut rows: Vec<rm::DocRow> = Vec::with_capacity(n);
    let mut sizes: Vec<usize> = Vec::with_capacity(n);
    let mut sigs: Vec<Signature> = Vec::with_capacity(if opts.stages.dups { n } else { 0 });
    let mut adocs: Vec<AlignDoc> = Vec::with_capacity(if opts.stages.passages { n } else { 0 });
    let mut scores: Vec<Scored> = Vec::with_capacity(if scorer.is_some() { n } else { 0 });
    let mut sentences: Vec<Vec<(u32, u32)>> = Vec::with_capacity(scores.capacity());
    for p in per_doc {
        rows.push(p.row);
        sizes.push(p.size);
        if let Some(sig) = p.sig {
            sigs.push(sig);
        }
        if let Some(ad) = p.adoc {
            adocs.push(ad);
        }
        if let Some(sc) = p.scores {
            scores.push(sc);
            sentences.push(p.sentences);
        }
    }
    clock.lap(first_pass, &mut stats);

    let mut results = rm::Results {
        passages_skipped: !opts.stages.passages,
        documents: rows,
        ..rm::Results::default()
    };
    let char_index: Vec<CharIndex> = if keep_norm {
        corpus.docs().par_iter().map(|d| CharIndex::new(&d.text)).collect()
    } else {
        Vec::new()
    };
    clock.lap("documents", &mut stats);

    // ---- near-duplicates ----
    let mut overlaps: BTreeMap<(u32, u32), Overlap> = BTreeMap::new();
    let mut kept: Vec<(u32, u32)> = Vec::new();
    let mut info = cluster::ClusterInfo::default();
    if opts.stages.dups {
        // Which pairs get an exact comparison: those whose signature
        // estimate could reach a threshold (the rule and its false-negative
        // bound: `candidates::EstimateFilter`). Below the matrix limit every
        // pair's estimate is checked (cheap: slot comparisons only), else
        // the LSH candidates'.
        let filter = EstimateFilter::new(opts.threshold, opts.containment, opts.num_perm);
        let check = |a: u32, b: u32| {
            let (sa, sb) = (&sigs[a as usize], &sigs[b as usize]);
            !sa.is_empty()
                && !sb.is_empty()
                && filter.keep(
                    candidates::equal_slots(&sa.0, &sb.0),
                    sizes[a as usize],
                    sizes[b as usize],
                )
        };
        let to_verify: Vec<(u32, u32)> = if all_pairs {
            stats.candidates = n * n.saturating_sub(1) / 2;
            obs.stage("estimate", n as u64);
            let check = &check;
            let pairs = (0..n as u32)
                .into_par_iter()
                .flat_map_iter(|a| {
                    obs.advance(1);
                    (a + 1..n as u32).filter(move |&b| check(a, b)).map(move |b| (a, b))
                })
                .collect();
            obs.done();
            pairs
        } else {
            let (cands, bands) = lsh_candidates_with_stats(&opts.lsh, &sigs, obs);
            stats.candidates = cands.len();
            stats.bands = bands;
            clock.lap("lsh", &mut stats);
            cands.into_par_iter().filter(|&(a, b)| check(a, b)).collect()
        };
        stats.estimated = to_verify.len();
        clock.lap("estimate", &mut stats);

        let sets = shingle_sets_for(&to_verify, n, corpus, &normalizer, opts);
        obs.stage("verify", to_verify.len() as u64);
        let verified: Vec<((u32, u32), Overlap)> = to_verify
            .par_iter()
            .map(|&(a, b)| {
                let ov = candidates::overlap(set_of(&sets, a), set_of(&sets, b));
                obs.advance(1);
                ((a, b), ov)
            })
            .collect();
        obs.done();
        drop(sets);
        for ((a, b), ov) in verified {
            if is_duplicate(&ov, opts) {
                kept.push((a, b));
            }
            overlaps.insert((a, b), ov);
        }
        stats.verified = kept.len();
        let edges: Vec<(DocId, DocId)> = kept.iter().map(|&(a, b)| (DocId(a), DocId(b))).collect();
        info = cluster::clusters(n, &edges, corpus.docs());
        clock.lap("verify", &mut stats);
    }
    // The representative of a document's cluster, if it is in one.
    let rep_of = |d: u32| -> Option<u32> {
        info.cluster
            .get(d as usize)
            .copied()
            .flatten()
            .map(|c| info.representative[c as usize - 1].0)
    };

    // ---- passages ----
    let mut found: Vec<(DocId, DocId, Passage)> = Vec::new();
    let mut recurrence: Vec<align::Recurrence> = Vec::new();
    let mut via_rep: Vec<(u32, u32)> = Vec::new();
    let mut aligned_pairs: Vec<(u32, u32)> = Vec::new();
    if opts.stages.passages {
        // Aligning is costlier than comparing two sorted sets: only pairs
        // that share enough rare content words are worth it (at any corpus
        // size, so paraphrases are found above the matrix limit too), plus
        // the near-duplicates and excerpts.
        let rare_pairs = rare_content_pairs(&adocs, opts);
        stats.rare_pairs = rare_pairs.len();
        // Inside a cluster of copies each copy is aligned with the
        // representative only: a group of m copies costs m alignments, not
        // m²/2; the other pairs of the group say so (`aligned_via`).
        let mut pairs: Vec<(u32, u32)> = Vec::with_capacity(rare_pairs.len() + kept.len());
        for &(a, b) in rare_pairs.iter().chain(&kept) {
            match (rep_of(a), rep_of(b)) {
                (Some(ra), Some(rb)) if ra == rb && a != ra && b != ra => {
                    via_rep.push((a, b));
                }
                _ => pairs.push((a, b)),
            }
        }
        for (c, members) in info.members.iter().enumerate() {
            let rep = info.representative[c].0;
            pairs.extend(
                members.iter().filter(|m| m.0 != rep).map(|m| (m.0.min(rep), m.0.max(rep))),
            );
        }
        pairs.sort_unstable();
        pairs.dedup();
        via_rep.sort_unstable();
        via_rep.dedup();
        stats.via_representative = via_rep.len();
        obs.stage("align", pairs.len() as u64);
        let aligned: Vec<Vec<(DocId, DocId, Passage)>> = pairs
            .par_iter()
            .map(|&(a, b)| {
                let ps = align::align_docs(&adocs[a as usize], &adocs[b as usize], &opts.align);
                obs.advance(1);
                ps.into_iter().map(|p| (DocId(a), DocId(b), p)).collect()
            })
            .collect();
        obs.done();
        stats.aligned_pairs = pairs.len();
        aligned_pairs = pairs;
        found = aligned.into_iter().flatten().collect();
        let sources = classify::source_numbers(corpus.docs());
        recurrence = align::BoilerplateIndex::from_align_docs(&adocs).recurrence(&found, &sources);
        clock.lap("align", &mut stats);
    }

    // ---- verdicts: which pairs and passages are reported (`classify`) ----
    // The pairs that may be reported: copies, and pairs with passages.
    let mut listed: Vec<(u32, u32)> = kept.clone();
    listed.extend(found.iter().map(|(a, b, _)| (a.0, b.0)));
    listed.sort_unstable();
    listed.dedup();
    if opts.stages.dups {
        // Aligned pairs were not all verified: their exact overlap, for the
        // verdicts, the pair rows and (every aligned pair) the matrices,
        // which are exact wherever a pair was compared.
        let mut missing: Vec<(u32, u32)> =
            if matrices { aligned_pairs.clone() } else { Vec::new() };
        missing.extend(listed.iter().copied());
        missing.retain(|k| !overlaps.contains_key(k));
        missing.sort_unstable();
        missing.dedup();
        if !missing.is_empty() {
            let sets = shingle_sets_for(&missing, n, corpus, &normalizer, opts);
            let extra: Vec<((u32, u32), Overlap)> = missing
                .par_iter()
                .map(|&(a, b)| ((a, b), candidates::overlap(set_of(&sets, a), set_of(&sets, b))))
                .collect();
            overlaps.extend(extra);
        }
    }
    let words: Vec<usize> = results.documents.iter().map(|d| d.words as usize).collect();
    let (judged, roles) = {
        let overlap_of = |a: u32, b: u32| overlaps.get(&(a, b)).copied().unwrap_or_default();
        classify::judge_corpus(&opts.rules(), &kept, &overlap_of, &words, &found, &recurrence)
    };
    // The reported passages (flagged when boilerplate) and their recurrence,
    // each judged pair's in turn.
    let (passages, recurs_in) = reported(&judged, &found, &recurrence);
    {
        let listed: BTreeSet<(u32, u32)> = judged.iter().map(|j| (j.a.0, j.b.0)).collect();
        let retold: BTreeSet<(u32, u32)> = found
            .iter()
            .zip(&roles)
            .filter(|(_, r)| **r == Role::Weak)
            .map(|((a, b, _), _)| (a.0, b.0))
            .filter(|k| !listed.contains(k))
            .collect();
        stats.retold_only = retold.len();
        stats.min_copied_run = opts.min_copied_run;
    }

    // ---- relatedness (same story), with passages ----
    let related = opts.stages.passages.then(|| {
        // Every passage found, reported or not: a fact two articles both
        // tell is no reuse, but it is evidence of one story.
        let all: Vec<Flagged> = found
            .iter()
            .zip(&roles)
            .map(|((a, b, p), r)| (*a, *b, p.clone(), *r == Role::Boilerplate))
            .collect();
        let rel = stories::relate(&adocs, &words, &all, matrices, &opts.related, obs);
        clock.lap("related", &mut stats);
        rel
    });
    drop((adocs, found, roles));

    // ---- clusters and pairs ----
    if opts.stages.dups {
        if matrices {
            let (sim, con) = similarity_matrices(n, &overlaps, &sigs, &sizes);
            let ids: Vec<String> = corpus.docs().iter().map(|d| d.id.clone()).collect();
            results.similarity = Some(rm::Matrix { ids: ids.clone(), values: sim });
            results.containment = Some(rm::Matrix { ids, values: con });
        }
        let mut at = 0;
        for j in &judged {
            let (a, b) = (j.a.0, j.b.0);
            let (da, db) = (corpus.get(j.a), corpus.get(j.b));
            let ov = overlaps.get(&(a, b)).copied().unwrap_or_default();
            let mine = &passages[at..at + j.passages.len()];
            at += j.passages.len();
            let ps: Vec<&Passage> = mine.iter().filter(|x| !x.3).map(|x| &x.2).collect();
            // A verified pair, or an aligned one that passes a threshold and
            // lies in one cluster (a copy aligned with its representative).
            let is_dup = kept.binary_search(&(a, b)).is_ok()
                || (is_duplicate(&ov, opts)
                    && info.cluster[a as usize].is_some()
                    && info.cluster[a as usize] == info.cluster[b as usize]);
            let est = sigs[a as usize].jaccard(&sigs[b as usize]);
            let mut row = pair_row(da, db, &ov, est, &ps);
            row.verdict = j.verdict.to_string();
            row.cluster = if is_dup { info.cluster[a as usize].map(u64::from) } else { None };
            if via_rep.binary_search(&(a, b)).is_ok() {
                if let Some(r) = rep_of(a) {
                    row.aligned_via = corpus.get(DocId(r)).id.clone();
                }
            }
            row.related = related.as_ref().map(|r| r.of(a, b));
            results.pairs.push(row);
        }
        for (c, members) in info.members.iter().enumerate() {
            let rep = &corpus.get(info.representative[c]).id;
            for m in members {
                results.clusters.push(rm::ClusterRow {
                    cluster: c as u64 + 1,
                    doc_id: corpus.get(*m).id.clone(),
                    representative: rep.clone(),
                    size: members.len() as u64,
                });
            }
        }
    }
    if opts.stages.passages {
        let mut reuse = matrices.then(|| vec![0.0; n * n]);
        // Rows in parallel (each copies its two texts and converts offsets
        // to characters), in passage order.
        results.passages = passages
            .par_iter()
            .enumerate()
            .map(|(i, (a, b, p, boiler))| {
                let (da, db) = (corpus.get(*a), corpus.get(*b));
                let mut row =
                    passage_row(da, db, &char_index[a.index()], &char_index[b.index()], p);
                row.passage = i as u64 + 1;
                row.boilerplate = *boiler;
                row.recurs_in = recurs_in[i] as u64;
                row
            })
            .collect();
        for (a, b, p, boiler) in &passages {
            if let (Some(m), false) = (reuse.as_mut(), boiler) {
                let (a, b) = (a.index(), b.index());
                m[a * n + b] += p.a_words as f64 / (results.documents[a].words.max(1)) as f64;
                m[b * n + a] += p.b_words as f64 / (results.documents[b].words.max(1)) as f64;
            }
        }
        if let Some(mut m) = reuse {
            for i in 0..n {
                m[i * n + i] = 1.0;
            }
            // Passages never overlap on one side, so the sum is a share; the
            // clamp only guards against rounding.
            for v in &mut m {
                *v = v.min(1.0);
            }
            let ids: Vec<String> = corpus.docs().iter().map(|d| d.id.clone()).collect();
            results.reuse = Some(rm::Matrix { ids, values: m });
        }
    }

    // ---- framing and stance ----
    if let Some(scorer) = scorer {
        fill_scores(
            &mut results,
            corpus,
            scores,
            &char_index,
            &sentences,
            &passages,
            scorer,
            opts,
            matrices,
        );
        clock.lap("score", &mut stats);
    }

    // ---- stories ----
    if let Some(rel) = &related {
        results.related_pairs = stories::related_rows(corpus, rel);
        if let Some(m) = &rel.matrix {
            let ids: Vec<String> = corpus.docs().iter().map(|d| d.id.clone()).collect();
            results.related = Some(rm::Matrix { ids, values: m.clone() });
        }
        stats.stories_without_distance =
            stories::fill_stories(&mut results, corpus, rel, &kept, &opts.stories, opts.distance);
        clock.lap("stories", &mut stats);
    }
    Ok((results, stats))
}

/// A passage of two documents, flagged when boilerplate.
type Flagged = (DocId, DocId, Passage, bool);

/// The passages the verdicts keep, in pair order, flagged when
/// boilerplate, and how many documents hold each one's text.
fn reported(
    judged: &[classify::Judged],
    found: &[(DocId, DocId, Passage)],
    recurrence: &[align::Recurrence],
) -> (Vec<Flagged>, Vec<usize>) {
    let mut passages = Vec::new();
    let mut recurs_in = Vec::new();
    for j in judged {
        for &(i, role) in &j.passages {
            let (a, b, p) = &found[i];
            passages.push((*a, *b, p.clone(), role == Role::Boilerplate));
            recurs_in.push(recurrence[i].docs);
        }
    }
    (passages, recurs_in)
}

/// Whether a verified pair is a near-duplicate or an excerpt.
fn is_duplicate(ov: &Overlap, opts: &Options) -> bool {
    opts.rules().is_copy(ov)
}

/// The shingle sets of the documents in `pairs` (`None` for the others),
/// made from the text.
fn shingle_sets_for(
    pairs: &[(u32, u32)],
    n: usize,
    corpus: &Corpus,
    normalizer: &Normalizer,
    opts: &Options,
) -> Vec<Option<Vec<u64>>> {
    let mut need: Vec<u32> = pairs.iter().flat_map(|&(a, b)| [a, b]).collect();
    need.sort_unstable();
    need.dedup();
    let computed: Vec<(u32, Vec<u64>)> = need
        .par_iter()
        .map(|&i| (i, shingle::text_set(&opts.shingle, normalizer, &corpus.get(DocId(i)).text)))
        .collect();
    let mut sets: Vec<Option<Vec<u64>>> = vec![None; n];
    for (i, set) in computed {
        sets[i as usize] = Some(set);
    }
    sets
}

/// Pairs sharing enough rare content words to be worth aligning
/// ([`RareIndex`]), in parallel over documents, sorted.
fn rare_content_pairs(adocs: &[AlignDoc], opts: &Options) -> Vec<(u32, u32)> {
    let keys: Vec<Vec<u64>> = adocs
        .par_iter()
        .map(|d| {
            let mut k: Vec<u64> = d.content_keys().collect();
            k.sort_unstable();
            k.dedup();
            k
        })
        .collect();
    let min_shared = opts.align.min_words.clamp(1, candidates::DEFAULT_MIN_SHARED);
    let index = RareIndex::new(&keys, candidates::default_max_df(keys.len()), min_shared);
    drop(keys);
    let per_doc: Vec<Vec<(u32, u32)>> = (0..index.len() as u32)
        .into_par_iter()
        .map_init(
            || (Vec::new(), Vec::new()),
            |(counts, out), a| {
                index.pairs_of(a, counts, out);
                out.iter().map(|&b| (a, b)).collect()
            },
        )
        .collect();
    per_doc.into_iter().flatten().collect()
}

#[cfg(feature = "archive")]
/// LSH: band keys per document (parallel over documents), then candidate
/// pairs per band (parallel over bands), merged, sorted and deduplicated.
pub(crate) fn lsh_candidates(
    params: &LshParams,
    sigs: &[Signature],
    obs: &dyn Observer,
) -> Vec<(u32, u32)> {
    lsh_candidates_with_stats(params, sigs, obs).0
}

/// [`lsh_candidates`] with what the banding did.
fn lsh_candidates_with_stats(
    params: &LshParams,
    sigs: &[Signature],
    obs: &dyn Observer,
) -> (Vec<(u32, u32)>, BandStats) {
    obs.stage("lsh", params.bands as u64);
    let keys: Vec<Vec<u64>> = sigs
        .par_iter()
        .map(|s| {
            let mut k = Vec::with_capacity(params.bands);
            candidates::band_keys(params, s, &mut k);
            k
        })
        .collect();
    let per_band: Vec<(Vec<(u32, u32)>, BandStats)> = (0..params.bands)
        .into_par_iter()
        .map(|band| {
            // Documents without keys (empty) are in no band.
            let mut col: Vec<(u64, u32)> = keys
                .iter()
                .enumerate()
                .filter_map(|(d, k)| k.get(band).map(|&key| (key, d as u32)))
                .collect();
            col.sort_unstable();
            let out = candidates::candidates_in_band_capped(&col, candidates::DEFAULT_BUCKET_CAP);
            obs.advance(1);
            out
        })
        .collect();
    obs.done();
    let mut stats = BandStats::default();
    let mut pairs = Vec::with_capacity(per_band.len());
    for (p, s) in per_band {
        stats.add(&s);
        pairs.push(p);
    }
    (candidates::merge_pairs(pairs), stats)
}

/// Row-major N×N similarity and containment matrices: exact where an
/// overlap was computed, MinHash estimate elsewhere (containment estimated
/// from the Jaccard estimate and the set sizes).
fn similarity_matrices(
    n: usize,
    overlaps: &BTreeMap<(u32, u32), Overlap>,
    sigs: &[Signature],
    sizes: &[usize],
) -> (Vec<f64>, Vec<f64>) {
    let rows: Vec<(Vec<f64>, Vec<f64>)> = (0..n)
        .into_par_iter()
        .map(|i| {
            let mut sim = vec![0.0; n];
            let mut con = vec![0.0; n];
            for j in 0..n {
                if i == j {
                    sim[j] = 1.0;
                    con[j] = 1.0;
                    continue;
                }
                let (a, b) = if i < j { (i, j) } else { (j, i) };
                match overlaps.get(&(a as u32, b as u32)) {
                    Some(ov) => {
                        sim[j] = ov.jaccard;
                        con[j] = if i < j { ov.containment_ab } else { ov.containment_ba };
                    }
                    None => {
                        let est = sigs[i].jaccard(&sigs[j]);
                        sim[j] = est;
                        // |A∩B| = J(|A|+|B|)/(1+J); containment of i in j.
                        let (si, sj) = (sizes[i] as f64, sizes[j] as f64);
                        let inter = est * (si + sj) / (1.0 + est);
                        con[j] = if si > 0.0 { (inter / si).min(1.0) } else { 0.0 };
                    }
                }
            }
            (sim, con)
        })
        .collect();
    let mut sim = Vec::with_capacity(n * n);
    let mut con = Vec::with_capacity(n * n);
    for (s, c) in rows {
        sim.extend(s);
        con.extend(c);
    }
    (sim, con)
}

#[allow(
    clippy::too_many_arguments,
    reason = "the stage's inputs, each needed once; a struct would only rename them"
)]
fn fill_scores(
    results: &mut rm::Results,
    corpus: &Corpus,
    scores: Vec<Scored>,
    char_index: &[CharIndex],
    sentences: &[Vec<(u32, u32)>],
    passages: &[(DocId, DocId, Passage, bool)],
    scorer: &Scorer,
    opts: &Options,
    matrices: bool,
) {
    let frames = scorer.frames().to_vec();
    let targets = scorer.targets().to_vec();
    results.frame_keys = frames.clone();
    results.target_keys = targets.clone();
    // Frame rates in the shared part vs the rewritten part of each document.
    let mut spans: BTreeMap<(u32, u32), SharedSpans> = BTreeMap::new();
    for (a, b, p, boiler) in passages {
        if *boiler {
            continue;
        }
        let e = spans.entry((a.0, b.0)).or_default();
        e.0.push(p.a_start..p.a_end);
        e.1.push(p.b_start..p.b_end);
        e.2 += p.a_words;
        e.3 += p.b_words;
    }
    // Each pair's rows on its own (in parallel), in pair order.
    let spans: Vec<((u32, u32), SharedSpans)> = spans.into_iter().collect();
    let shift_rows: Vec<Vec<rm::ShiftRow>> = spans
        .into_par_iter()
        .map(|((a, b), (sa, sb, wa, wb))| {
            let mut rows = Vec::new();
            let (ia, ib) = (a as usize, b as usize);
            let shared_a = score::frame_counts_in(&scores[ia].hits, &sa);
            let shared_b = score::frame_counts_in(&scores[ib].hits, &sb);
            let rate = |hits: usize, words: usize| {
                if words == 0 {
                    0.0
                } else {
                    hits as f64 * 1000.0 / words as f64
                }
            };
            for (fi, f) in frames.iter().enumerate() {
                let ta = scores[ia].frames.get(fi).map_or(0, |x| x.hits as usize);
                let tb = scores[ib].frames.get(fi).map_or(0, |x| x.hits as usize);
                let ha = shared_a.get(f).copied().unwrap_or(0);
                let hb = shared_b.get(f).copied().unwrap_or(0);
                if ta == 0 && tb == 0 {
                    continue;
                }
                rows.push(rm::ShiftRow {
                    doc_a: corpus.get(DocId(a)).id.clone(),
                    doc_b: corpus.get(DocId(b)).id.clone(),
                    frame: f.clone(),
                    shared_a_words: wa as u64,
                    rewritten_a_words: scores[ia].words.saturating_sub(wa) as u64,
                    shared_b_words: wb as u64,
                    rewritten_b_words: scores[ib].words.saturating_sub(wb) as u64,
                    shared_a_per_1k: rate(ha, wa),
                    rewritten_a_per_1k: rate(ta - ha, scores[ia].words.saturating_sub(wa)),
                    shared_b_per_1k: rate(hb, wb),
                    rewritten_b_per_1k: rate(tb - hb, scores[ib].words.saturating_sub(wb)),
                });
            }
            rows
        })
        .collect();
    results.framing_shift = shift_rows.into_iter().flatten().collect();
    // Each document's rows are built on its own (in parallel: the evidence
    // table of a large corpus has millions of rows), then appended in
    // document order. The hits are consumed: their strings move into the
    // evidence rows instead of being copied.
    type DocRows = (Vec<f64>, rm::FramingRow, rm::StanceRow, Vec<rm::EvidenceRow>);
    let n = scores.len();
    let per_doc: Vec<DocRows> = corpus
        .docs()
        .par_iter()
        .zip(scores)
        .enumerate()
        .map(|(i, (d, s))| {
            let profile: Vec<f64> = s.frames.iter().map(|c| c.per_1k).collect();
            let framing =
                rm::FramingRow { doc_id: d.id.clone(), words: s.words as u64, frames: s.frames };
            let stance = rm::StanceRow { doc_id: d.id.clone(), targets: s.stance };
            let (ci, sents) = (&char_index[i], &sentences[i]);
            let evidence = s
                .hits
                .into_iter()
                .map(|h| {
                    let (ss, se) = sents
                        .get(h.sentence as usize)
                        .map_or((h.start, h.end), |x| (x.0 as usize, x.1 as usize));
                    rm::EvidenceRow {
                        doc_id: d.id.clone(),
                        sentence: u64::from(h.sentence) + 1,
                        start: ci.cp(&d.text, h.start) as u64,
                        end: ci.cp(&d.text, h.end) as u64,
                        sentence_start: ci.cp(&d.text, ss) as u64,
                        sentence_end: ci.cp(&d.text, se) as u64,
                        surface: h.surface,
                        normalized: h.normalized,
                        entry: h.entry,
                        category: h.category,
                        weight: h.weight,
                        modifiers: h.modifiers.join(";"),
                        target: h.target.unwrap_or_default(),
                        holder: h.holder.unwrap_or_default(),
                        object: h.object.unwrap_or_default(),
                        voice: h.voice.as_str().to_string(),
                        contribution: h.contribution,
                    }
                })
                .collect();
            (profile, framing, stance, evidence)
        })
        .collect();
    let mut profiles: Vec<Vec<f64>> = Vec::with_capacity(n);
    results.evidence.reserve(per_doc.iter().map(|r| r.3.len()).sum());
    for (profile, framing, stance, evidence) in per_doc {
        profiles.push(profile);
        results.framing.push(framing);
        results.stance.push(stance);
        results.evidence.extend(evidence);
    }
    if matrices {
        let m = score::framing_distance_matrix(&profiles, opts.distance);
        results.framing_distance = Some(rm::Matrix {
            ids: corpus.docs().iter().map(|d| d.id.clone()).collect(),
            values: m,
        });
    }
}

/// The shared spans of a pair on each side and the words they cover:
/// `(spans in A, spans in B, words in A, words in B)`.
type SharedSpans = (Vec<Range<usize>>, Vec<Range<usize>>, usize, usize);

/// What the first pass keeps of a document's scores: the hits, and the
/// frame and stance numbers as `framing.csv` and `stance.csv` cells in the
/// lexicon's order. A [`DocScores`] keys them by name in two maps, a few
/// kilobytes per document that a million short records multiplied into
/// gigabytes (BENCHMARKS.md §14).
struct Scored {
    words: usize,
    hits: Vec<score::Hit>,
    frames: Vec<rm::FrameCell>,
    stance: Vec<rm::StanceCell>,
}

impl Scored {
    fn new(s: DocScores, scorer: &Scorer) -> Scored {
        let frames = scorer
            .frames()
            .iter()
            .map(|f| {
                let fs = s.frames.get(f).copied().unwrap_or_default();
                rm::FrameCell { per_1k: fs.per_1k, hits: fs.hits as u64 }
            })
            .collect();
        let stance = scorer
            .targets()
            .iter()
            .map(|t| {
                let st = s.stance.get(t).copied().unwrap_or_default();
                rm::StanceCell {
                    score: st.score,
                    mentions: st.mentions as u64,
                    quoted_score: st.quoted_score,
                    quoted_mentions: st.quoted_mentions as u64,
                }
            })
            .collect();
        Scored { words: s.words, hits: s.hits, frames, stance }
    }
}

/// What the first pass keeps of one document.
#[derive(Default)]
struct PerDoc {
    row: rm::DocRow,
    /// Its alignment form (passages).
    adoc: Option<AlignDoc>,
    /// Its scores and sentence spans (scoring).
    scores: Option<Scored>,
    sentences: Vec<(u32, u32)>,
    /// Distinct shingles (0 when not sketched).
    size: usize,
    sig: Option<Signature>,
}

/// A document's shingle set, computed earlier for every document in a pair.
fn set_of(sets: &[Option<Vec<u64>>], i: u32) -> &[u64] {
    sets[i as usize].as_deref().unwrap_or(&[])
}

/// A documents.csv row; the text is copied only when the HTML report
/// needs it.
fn doc_row(d: &Document, words: usize, keep_text: bool) -> rm::DocRow {
    rm::DocRow {
        doc_id: d.id.clone(),
        source: d.source.clone(),
        title: d.title.clone().unwrap_or_default(),
        date: d.date.clone().unwrap_or_default(),
        outlet: d.outlet.clone().unwrap_or_default(),
        url: d.url.clone().unwrap_or_default(),
        language: match &d.language {
            Some(l) => l.clone(),
            None => normalize::detect_language(&d.text).to_string(),
        },
        encoding: d.encoding.clone(),
        chars: d.text.chars().count() as u64,
        words: words as u64,
        text: if keep_text { d.text.clone() } else { String::new() },
        extra: d.extra.clone(),
    }
}

/// A pairs.csv row for documents `da` < `db` (by id) with their overlap,
/// MinHash estimate and non-boilerplate passages. `verdict` and `cluster`
/// are left for the caller.
pub(crate) fn pair_row(
    da: &Document,
    db: &Document,
    ov: &Overlap,
    est: f64,
    ps: &[&Passage],
) -> rm::PairRow {
    let (src, reason) = cluster::likely_source(da, db, ov);
    rm::PairRow {
        doc_a: da.id.clone(),
        doc_b: db.id.clone(),
        jaccard_est: est,
        jaccard: Some(ov.jaccard),
        containment_ab: ov.containment_ab,
        containment_ba: ov.containment_ba,
        passages: ps.len() as u64,
        shared_words: ps.iter().map(|p| p.a_words as u64).sum(),
        // Both counted on doc_a's side, so the longest never exceeds the total.
        longest_passage_words: ps.iter().map(|p| p.a_words as u64).max().unwrap_or(0),
        likely_source: match src {
            Some(Side::A) => da.id.clone(),
            Some(Side::B) => db.id.clone(),
            None => String::new(),
        },
        source_reason: reason.to_string(),
        cluster: None,
        verdict: String::new(),
        aligned_via: String::new(),
        related: None,
    }
}

/// A passages.csv row for passage `p` of documents `da` and `db` (with their
/// [`CharIndex`]es): byte spans become code points, texts are the exact
/// slices. `passage` (the number), `recurs_in` and `boilerplate` are left
/// for the caller.
pub fn passage_row(
    da: &Document,
    db: &Document,
    ia: &CharIndex,
    ib: &CharIndex,
    p: &Passage,
) -> rm::PassageRow {
    rm::PassageRow {
        passage: 0,
        doc_a: da.id.clone(),
        a_start: ia.cp(&da.text, p.a_start) as u64,
        a_end: ia.cp(&da.text, p.a_end) as u64,
        doc_b: db.id.clone(),
        b_start: ib.cp(&db.text, p.b_start) as u64,
        b_end: ib.cp(&db.text, p.b_end) as u64,
        a_words: p.a_words as u64,
        b_words: p.b_words as u64,
        score: p.score,
        kind: p.kind.to_string(),
        copied_run: p.copied_run as u64,
        recurs_in: 0,
        boilerplate: false,
        a_text: da.text[p.a_start..p.a_end].to_string(),
        b_text: db.text[p.b_start..p.b_end].to_string(),
    }
}

#[cfg(feature = "archive")]
/// The passage seen from the other document.
pub(crate) fn swap_passage(p: &Passage) -> Passage {
    Passage {
        a_start: p.b_start,
        a_end: p.b_end,
        b_start: p.a_start,
        b_end: p.a_end,
        a_words: p.b_words,
        b_words: p.a_words,
        a_tokens: p.b_tokens.clone(),
        b_tokens: p.a_tokens.clone(),
        score: p.score,
        kind: p.kind,
        copied_run: p.copied_run,
    }
}

/// Wall-clock laps for the per-stage breakdown.
struct Clock {
    last: Instant,
}

impl Clock {
    fn new() -> Clock {
        Clock { last: Instant::now() }
    }

    fn lap(&mut self, name: &'static str, stats: &mut RunStats) {
        let now = Instant::now();
        stats.timings.push((name, now - self.last));
        self.last = now;
    }
}
