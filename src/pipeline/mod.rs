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
mod options;
mod stories;
mod summary;
#[cfg(test)]
mod tests;

#[cfg(feature = "archive")]
pub use self::archive::{archive_query, archive_records, ArchiveSketcher, QueryOptions};
pub use self::options::{Observer, Options, RunStats, Silent, Stages};
pub use self::summary::{report_problems, run_info, run_summary, summary_notes};

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::time::Instant;

use rayon::prelude::*;

use crate::align::{self, AlignDoc, Passage};
use crate::analysis::{
    Analysis, CorpusScores, DocFacts, DocScore, FrameShift, PairFinding, PassageFinding,
};
use crate::candidates::{self, BandStats, EstimateFilter, LshParams, Overlap, RareIndex};
use crate::classify::{self, Role};
use crate::cluster;
use crate::doc::{Corpus, DocId, Document};
use crate::error::Result;
use crate::normalize::{self, NormalizedDoc, Normalizer};
use crate::score::{self, DocScores, HitList, Scorer};
use crate::sketch::{MinHasher, Scratch, Signature, Sketcher};

/// Runs the analysis over `corpus`. `scorer` is needed when scoring.
pub fn analyse(
    corpus: &Corpus,
    opts: &Options,
    scorer: Option<&Scorer>,
    obs: &dyn Observer,
) -> Result<(Analysis, RunStats)> {
    let mut stats = RunStats::default();
    let n = corpus.len();
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
    let sketcher = Sketcher::new(opts.shingle, hasher)
        .with_normalizer(Normalizer::new(opts.normalize.clone()));
    obs.stage(first_pass, n as u64);
    let per_doc: Vec<PerDoc> = (0..n as u32)
        .into_par_iter()
        .map_init(Scratch::default, |scratch, i| {
            let d = corpus.get(DocId(i));
            let text = corpus.text(DocId(i))?;
            let out = if opts.stages.dups && !keep_norm {
                // Only the signature and the set size stay: shingle straight
                // from the keys, without building the normalised document.
                let s = sketcher.sketch_text(&text, scratch);
                let facts = doc_facts(d, &text, s.words);
                PerDoc { facts, size: s.distinct, sig: Some(s.signature), ..PerDoc::default() }
            } else {
                let nd = sketcher.normalizer().normalize(&text);
                // The document's facts too, while the text is in cache.
                let mut out = PerDoc { facts: doc_facts(d, &text, nd.len()), ..PerDoc::default() };
                if opts.stages.dups {
                    let s = sketcher.sketch_normalized(&nd, scratch);
                    out.size = s.distinct;
                    out.sig = Some(s.signature);
                }
                if opts.stages.passages {
                    out.adoc = Some(AlignDoc::new(&nd));
                }
                if let Some(scorer) = scorer {
                    out.scores = Some(score_document(scorer, &text, &nd));
                }
                out
            };
            obs.advance(1);
            Ok(out)
        })
        .collect::<Result<_>>()?;
    obs.done();
    let mut documents: Vec<DocFacts> = Vec::with_capacity(n);
    let mut sizes: Vec<usize> = Vec::with_capacity(n);
    let mut sigs: Vec<Signature> = Vec::with_capacity(if opts.stages.dups { n } else { 0 });
    let mut adocs: Vec<AlignDoc> = Vec::with_capacity(if opts.stages.passages { n } else { 0 });
    let mut scores: Vec<DocScore> = Vec::with_capacity(if scorer.is_some() { n } else { 0 });
    for p in per_doc {
        documents.push(p.facts);
        sizes.push(p.size);
        if let Some(sig) = p.sig {
            sigs.push(sig);
        }
        if let Some(ad) = p.adoc {
            adocs.push(ad);
        }
        if let Some(sc) = p.scores {
            scores.push(sc);
        }
    }
    clock.lap(first_pass, &mut stats);
    let words: Vec<usize> = documents.iter().map(|d| d.words).collect();
    let mut analysis =
        Analysis { passages_skipped: !opts.stages.passages, documents, ..Analysis::default() };

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

        let sets = shingle_sets_for(&to_verify, n, corpus, &sketcher)?;
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
        let chars: Vec<usize> = analysis.documents.iter().map(|d| d.chars).collect();
        info = cluster::clusters(n, &edges, corpus.docs(), &chars);
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
            let sets = shingle_sets_for(&missing, n, corpus, &sketcher)?;
            let extra: Vec<((u32, u32), Overlap)> = missing
                .par_iter()
                .map(|&(a, b)| ((a, b), candidates::overlap(set_of(&sets, a), set_of(&sets, b))))
                .collect();
            overlaps.extend(extra);
        }
    }
    let (judged, roles) = {
        let overlap_of = |a: u32, b: u32| overlaps.get(&(a, b)).copied().unwrap_or_default();
        classify::judge_corpus(&opts.rules(), &kept, &overlap_of, &words, &found, &recurrence)
    };
    // The reported passages (flagged when boilerplate, with their
    // recurrence), each judged pair's in turn.
    analysis.passages = reported(&judged, &found, &recurrence);
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
    let mut related = opts.stages.passages.then(|| {
        // Every passage found, reported or not: a fact two articles both
        // tell is no reuse, but it is evidence of one story.
        let all: Vec<Flagged> = found
            .iter()
            .zip(&roles)
            .map(|((a, b, p), r)| (*a, *b, p.clone(), *r == Role::Boilerplate))
            .collect();
        // The alignment forms go in, and are dropped once their terms are
        // taken.
        let rel = stories::relate(adocs, &words, &all, matrices, &opts.related, obs);
        clock.lap("related", &mut stats);
        rel
    });
    drop((found, roles));

    // ---- clusters and pairs ----
    if opts.stages.dups {
        if matrices {
            let (sim, con) = similarity_matrices(n, &overlaps, &sigs, &sizes);
            analysis.matrices.similarity = Some(sim);
            analysis.matrices.containment = Some(con);
        }
        let mut at = 0;
        for j in &judged {
            let (a, b) = (j.a.0, j.b.0);
            let ov = overlaps.get(&(a, b)).copied().unwrap_or_default();
            let range = at..at + j.passages.len();
            at = range.end;
            let cluster = pair_cluster(
                kept.binary_search(&(a, b)).is_ok(),
                is_duplicate(&ov, opts),
                info.cluster[a as usize],
                info.cluster[b as usize],
            );
            let (likely_source, source_reason) =
                cluster::likely_source(corpus.get(j.a), corpus.get(j.b), &ov);
            analysis.pairs.push(PairFinding {
                a: j.a,
                b: j.b,
                overlap: ov,
                estimate: sigs[a as usize].jaccard(&sigs[b as usize]),
                verdict: j.verdict,
                likely_source,
                source_reason,
                cluster,
                aligned_via: via_rep.binary_search(&(a, b)).ok().and_then(|_| rep_of(a)).map(DocId),
                related: related.as_ref().map(|r| r.of(a, b)),
                passages: range,
            });
        }
    }
    if opts.stages.passages && matrices {
        let mut m = vec![0.0; n * n];
        for f in analysis.passages.iter().filter(|f| !f.boilerplate) {
            let (a, b, p) = (f.a.index(), f.b.index(), &f.passage);
            m[a * n + b] += p.a_words as f64 / words[a].max(1) as f64;
            m[b * n + a] += p.b_words as f64 / words[b].max(1) as f64;
        }
        for i in 0..n {
            m[i * n + i] = 1.0;
        }
        // Passages never overlap on one side, so the sum is a share; the
        // clamp only guards against rounding.
        for v in &mut m {
            *v = v.min(1.0);
        }
        analysis.matrices.reuse = Some(m);
    }

    // ---- framing and stance ----
    if let Some(scorer) = scorer {
        analysis.frame_shifts = frame_shifts(&scores, &analysis.passages, scorer.frames());
        if matrices {
            let profiles: Vec<Vec<f64>> =
                scores.iter().map(|s| s.frames.iter().map(|f| f.per_1k).collect()).collect();
            analysis.matrices.framing_distance =
                Some(score::framing_distance_matrix(&profiles, opts.distance));
        }
        analysis.scores = Some(CorpusScores {
            frames: scorer.frames().to_vec(),
            targets: scorer.targets().to_vec(),
            docs: scores,
        });
        clock.lap("score", &mut stats);
    }

    // ---- stories ----
    if let Some(mut rel) = related.take() {
        analysis.matrices.related = rel.matrix.take();
        // Every pair's relatedness is known: the term vectors are freed.
        analysis.related = stories::related_pairs(rel);
        let found = stories::find_stories(
            corpus,
            &analysis.related,
            &kept,
            &opts.stories,
            opts.distance,
            analysis.scores.as_ref(),
            &analysis.frame_shifts,
        );
        stats.stories_without_distance = found.without_distance;
        analysis.stories = Some(found);
        clock.lap("stories", &mut stats);
    }
    analysis.clusters = info;
    Ok((analysis, stats))
}

/// A passage of two documents, flagged when boilerplate.
type Flagged = (DocId, DocId, Passage, bool);

/// The passages the verdicts keep, in pair order, flagged when
/// boilerplate, with how many documents hold each one's text.
fn reported(
    judged: &[classify::Judged],
    found: &[(DocId, DocId, Passage)],
    recurrence: &[align::Recurrence],
) -> Vec<PassageFinding> {
    let mut passages = Vec::new();
    for j in judged {
        for &(i, role) in &j.passages {
            let (a, b, p) = &found[i];
            passages.push(PassageFinding {
                a: *a,
                b: *b,
                passage: p.clone(),
                boilerplate: role == Role::Boilerplate,
                recurs_in: recurrence[i].docs,
            });
        }
    }
    passages
}

/// The cluster a reported pair is listed in (`pairs.csv`'s `cluster`): a
/// verified pair's (`verified`: a near-duplicate or excerpt found by the
/// dups stages), or an aligned one's that passes a threshold (`is_copy`)
/// and lies in one cluster (a copy aligned with its representative); else
/// none. Public so that a distributed run lists pairs by the same rule.
pub fn pair_cluster(
    verified: bool,
    is_copy: bool,
    cluster_a: Option<u32>,
    cluster_b: Option<u32>,
) -> Option<u32> {
    let in_one = cluster_a.is_some() && cluster_a == cluster_b;
    if verified || (is_copy && in_one) {
        cluster_a
    } else {
        None
    }
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
    sketcher: &Sketcher,
) -> Result<Vec<Option<Vec<u64>>>> {
    let mut need: Vec<u32> = pairs.iter().flat_map(|&(a, b)| [a, b]).collect();
    need.sort_unstable();
    need.dedup();
    let computed: Vec<(u32, Vec<u64>)> = need
        .par_iter()
        .map(|&i| Ok((i, sketcher.shingle_set(&corpus.text(DocId(i))?))))
        .collect::<Result<_>>()?;
    let mut sets: Vec<Option<Vec<u64>>> = vec![None; n];
    for (i, set) in computed {
        sets[i as usize] = Some(set);
    }
    Ok(sets)
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
    let min_shared = candidates::min_shared_for(opts.align.min_words);
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

/// Frame rates in the shared and the rewritten part of each pair sharing
/// passages of reuse (boilerplate left out), in pair order, each pair's
/// frames in lexicon order; frames neither document uses are left out.
fn frame_shifts(
    scores: &[DocScore],
    passages: &[PassageFinding],
    frames: &[String],
) -> Vec<FrameShift> {
    let mut spans: BTreeMap<(u32, u32), SharedSpans> = BTreeMap::new();
    for f in passages.iter().filter(|f| !f.boilerplate) {
        let p = &f.passage;
        let e = spans.entry((f.a.0, f.b.0)).or_default();
        e.0.push(p.a_start..p.a_end);
        e.1.push(p.b_start..p.b_end);
        e.2 += p.a_words;
        e.3 += p.b_words;
    }
    // Each pair on its own (in parallel), in pair order.
    let spans: Vec<((u32, u32), SharedSpans)> = spans.into_iter().collect();
    let per_pair: Vec<Vec<FrameShift>> = spans
        .into_par_iter()
        .map(|((a, b), (sa, sb, wa, wb))| {
            let (da, db) = (&scores[a as usize], &scores[b as usize]);
            let shared_a = score::frame_counts_in(&da.hits, &sa);
            let shared_b = score::frame_counts_in(&db.hits, &sb);
            let rate = |hits: usize, words: usize| {
                if words == 0 {
                    0.0
                } else {
                    hits as f64 * 1000.0 / words as f64
                }
            };
            let (ra, rb) = (da.words.saturating_sub(wa), db.words.saturating_sub(wb));
            (0..frames.len())
                .filter_map(|fi| {
                    let ta = da.frames.get(fi).map_or(0, |x| x.hits);
                    let tb = db.frames.get(fi).map_or(0, |x| x.hits);
                    if ta == 0 && tb == 0 {
                        return None;
                    }
                    let ha = shared_a.get(&frames[fi]).copied().unwrap_or(0);
                    let hb = shared_b.get(&frames[fi]).copied().unwrap_or(0);
                    Some(FrameShift {
                        a: DocId(a),
                        b: DocId(b),
                        frame: fi,
                        shared_a_words: wa,
                        rewritten_a_words: ra,
                        shared_b_words: wb,
                        rewritten_b_words: rb,
                        shared_a_per_1k: rate(ha, wa),
                        rewritten_a_per_1k: rate(ta - ha, ra),
                        shared_b_per_1k: rate(hb, wb),
                        rewritten_b_per_1k: rate(tb - hb, rb),
                    })
                })
                .collect()
        })
        .collect();
    per_pair.into_iter().flatten().collect()
}

/// The shared spans of a pair on each side and the words they cover:
/// `(spans in A, spans in B, words in A, words in B)`.
type SharedSpans = (Vec<Range<usize>>, Vec<Range<usize>>, usize, usize);

/// One document's scores as `run` keeps them (the rows of `framing.csv`,
/// `stance.csv` and `evidence.csv` are made from them): `nd` is `text`
/// normalised by the normaliser the scorer was built with. Public so that a
/// distributed run (the Python package's Spark job) scores each document
/// by the same rule.
pub fn score_document(scorer: &Scorer, text: &str, nd: &NormalizedDoc) -> DocScore {
    let sentences = nd.sentences.iter().map(|x| (x.start, x.end)).collect();
    doc_score(scorer.score(text, nd), scorer, sentences)
}

/// What the first pass keeps of a document's scores: the hits (packed),
/// and the frame and stance numbers in the lexicon's order. A [`DocScores`] keys
/// them by name in two maps, a few kilobytes per document that a million
/// short records multiplied into gigabytes (BENCHMARKS.md §14).
fn doc_score(s: DocScores, scorer: &Scorer, sentences: Vec<(u32, u32)>) -> DocScore {
    let frames = scorer.frames().iter().map(|f| s.frames.get(f).copied().unwrap_or_default());
    let stance = scorer.targets().iter().map(|t| s.stance.get(t).copied().unwrap_or_default());
    DocScore {
        words: s.words,
        frames: frames.collect(),
        stance: stance.collect(),
        hits: HitList::new(&s.hits),
        sentences,
    }
}

/// What the first pass keeps of one document.
#[derive(Default)]
struct PerDoc {
    facts: DocFacts,
    /// Its alignment form (passages).
    adoc: Option<AlignDoc>,
    /// Its scores (scoring).
    scores: Option<DocScore>,
    /// Distinct shingles (0 when not sketched).
    size: usize,
    sig: Option<Signature>,
}

/// A document's shingle set, computed earlier for every document in a pair.
fn set_of(sets: &[Option<Vec<u64>>], i: u32) -> &[u64] {
    sets[i as usize].as_deref().unwrap_or(&[])
}

/// A document's facts: its word count, and its language when the input
/// did not give one.
fn doc_facts(d: &Document, text: &str, words: usize) -> DocFacts {
    DocFacts {
        words,
        chars: text.chars().count(),
        detected_language: d.language.is_none().then(|| normalize::detect_language(text)),
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
        if let Some((rss, peak)) = resident_kib() {
            stats.memory.push((name, rss, peak));
        }
        self.last = now;
    }
}

/// Resident and peak resident memory of this process in KiB (Linux's
/// `VmRSS` and `VmHWM`), for `--timings`.
pub fn resident_kib() -> Option<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| -> Option<u64> {
        let line = status.lines().find(|l| l.starts_with(name))?;
        line.split_whitespace().nth(1)?.parse().ok()
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}
