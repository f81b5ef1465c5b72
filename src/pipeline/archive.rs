//! The archive side of the pipeline (`parallax index add|query`): sketch
//! documents exactly as the archive was built, find candidates through the
//! stored LSH band keys, verify on the stored shingles and align against the
//! stored text. Like the rest of the pipeline, this is where rayon runs; the
//! SQLite connection stays on the calling thread.

use std::time::{Duration, Instant};

use rayon::prelude::*;

use super::{lsh_candidates, Silent};
use crate::align::{self, AlignDoc, AlignOptions, Passage};
use crate::candidates::{self, LshParams, Overlap};
use crate::classify;
use crate::doc::{CharIndex, Corpus, DocId, Document};
use crate::error::Result;
use crate::index::{Archive, ArchiveParams, Record};
use crate::normalize::NormalizedDoc;
use crate::report::model as rm;
use crate::report::rows::{pair_row, passage_row};
use crate::shingle::{ShingleConfig, ShingleKind};
use crate::sketch::{MinHasher, Signature, Sketcher};

/// What `index add` and `index query` need to sketch a document exactly as
/// the archive was built: the [`Sketcher`] every command uses, and the LSH
/// bands of the stored keys.
pub struct ArchiveSketcher {
    sketcher: Sketcher,
    lsh: LshParams,
}

/// A document sketched for the archive.
pub struct Sketched {
    /// Sorted, deduplicated shingle hashes.
    pub shingles: Vec<u64>,
    /// MinHash signature.
    pub signature: Signature,
    /// One LSH key per band.
    pub band_keys: Vec<u64>,
}

impl ArchiveSketcher {
    /// A sketcher for these parameters.
    pub fn new(
        shingle: ShingleConfig,
        num_perm: usize,
        seed: u64,
        lsh: LshParams,
    ) -> Result<ArchiveSketcher> {
        let hasher = MinHasher::builder().num_perm(num_perm).seed(seed).build()?;
        Ok(ArchiveSketcher { sketcher: Sketcher::new(shingle, hasher), lsh })
    }

    /// The archive parameters this sketcher produces.
    pub fn archive_params(&self) -> ArchiveParams {
        let shingle = self.sketcher.shingle();
        ArchiveParams {
            shingle: shingle.kind.to_string(),
            num_perm: self.sketcher.hasher().num_perm() as u32,
            seed: shingle.seed,
            bands: self.lsh.bands as u32,
            rows: self.lsh.rows as u32,
            normalizer: NORMALIZER_VERSION.to_string(),
        }
    }

    /// A sketcher matching an archive's stored parameters.
    pub fn from_archive(p: &ArchiveParams) -> Result<ArchiveSketcher> {
        let kind: ShingleKind = p.shingle.parse()?;
        let lsh = LshParams { bands: p.bands as usize, rows: p.rows as usize };
        ArchiveSketcher::new(ShingleConfig { kind, seed: p.seed }, p.num_perm as usize, p.seed, lsh)
    }

    /// Normalises and sketches one text.
    pub fn sketch(&self, text: &str) -> (NormalizedDoc, Sketched) {
        let (nd, shingles, signature) = self.sketcher.sketch_with_set(text);
        let mut band_keys = Vec::with_capacity(self.lsh.bands);
        candidates::band_keys(&self.lsh, &signature, &mut band_keys);
        (nd, Sketched { shingles, signature, band_keys })
    }
}

/// Identifies the normaliser's behaviour in archives: an archive built with
/// another normaliser version would give different shingles.
pub const NORMALIZER_VERSION: &str = concat!("parallax-normalize-", env!("CARGO_PKG_VERSION"));

/// The content hash stored with each archived document: xxh3 (seed 0) of
/// its text. Metadata is not included, so re-adding an article whose title
/// alone changed is a no-op.
pub fn content_hash(text: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(text.as_bytes())
}

/// Builds archive records for `docs` (in parallel; order kept).
pub fn archive_records(sk: &ArchiveSketcher, docs: Vec<crate::doc::Document>) -> Vec<Record> {
    docs.into_par_iter()
        .map(|doc| {
            let (_, s) = sk.sketch(&doc.text);
            Record {
                content_hash: content_hash(&doc.text),
                signature: s.signature.0.iter().map(|&v| v as u64).collect(),
                band_keys: s.band_keys,
                shingles: Some(s.shingles),
                doc,
            }
        })
        .collect()
}

/// Counters of one [`archive_query`] run.
#[derive(Clone, Debug, Default)]
pub struct QueryStats {
    /// Per new document (corpus order): its sketching time plus the wall
    /// time of its archive lookup, verification and alignment, i.e. what
    /// checking that one article alone costs. New-vs-new work is excluded.
    pub latencies: Vec<Duration>,
    /// Archived candidates fetched (band-key hits, the query's own id
    /// excluded), summed over the new documents.
    pub candidates: usize,
    /// New-vs-new LSH candidate pairs.
    pub new_pairs: usize,
    /// Wall time of the new-vs-new comparison.
    pub new_vs_new: Duration,
}

/// One pair's output rows, or `None` when it is not reported.
type PairOut = Option<(rm::PairRow, Vec<rm::PassageRow>)>;

/// Checks `corpus` against the archive: candidates from the stored band
/// keys, exact overlap on the stored shingles, passages against the stored
/// text. New documents are also compared with one another, with the same
/// options. Pairs are kept when they pass the thresholds or share a passage;
/// they come out sorted by `(doc_a, doc_b)`, passages numbered in that
/// order, offsets in code points.
///
/// Sketching runs in parallel; then the new documents are checked against
/// the archive one at a time (the SQLite connection stays on this thread),
/// each one's candidates verified and aligned in parallel, so that
/// [`QueryStats::latencies`] is the real cost of one article.
pub fn archive_query(
    archive: &Archive,
    sk: &ArchiveSketcher,
    corpus: &Corpus,
    opts: &QueryOptions,
) -> Result<(rm::Results, QueryStats)> {
    let mut stats = QueryStats::default();
    let sketched: Vec<(NormalizedDoc, Sketched, Duration)> = corpus
        .docs()
        .par_iter()
        .map(|d| {
            let t = Instant::now();
            let (nd, s) = sk.sketch(&d.text);
            (nd, s, t.elapsed())
        })
        .collect();
    // New vs archive, one new document at a time.
    let mut rows: Vec<PairOut> = Vec::new();
    for (i, (nd, s, sketch_time)) in sketched.iter().enumerate() {
        let t = Instant::now();
        let d = corpus.get(DocId(i as u32));
        // Verify on the stored shingle sets first (no text read); fetch,
        // normalise and align only the candidates that pass a threshold or
        // come half-way to one, as the batch pipeline does above the matrix
        // limit. LSH is tuned for recall, so most candidates stop here.
        let mut found = Vec::new();
        for c in archive.candidates(&s.band_keys)? {
            // An article already archived under its own id finds itself;
            // comparing it with its own (maybe older) version is no news.
            if c.id == d.id {
                continue;
            }
            stats.candidates += 1;
            let Some(stored) = archive.shingles(&c.id)? else { continue };
            let ov = candidates::overlap(&s.shingles, stored.as_deref().unwrap_or_default());
            let promising = ov.jaccard >= opts.threshold / 2.0
                || ov.containment_ab.max(ov.containment_ba) >= opts.containment / 2.0;
            if !promising {
                continue;
            }
            if let Some(rec) = archive.get(&c.id)? {
                found.push((rec, ov));
            }
        }
        if !found.is_empty() {
            let ad = AlignDoc::new(nd);
            let est_sig = &s.signature;
            rows.par_extend(found.par_iter().map(|(rec, ov)| {
                let rnd = sk.sketcher.normalizer().normalize(&rec.doc.text);
                let ps = align::align_docs(&ad, &AlignDoc::new(&rnd), &opts.align);
                let rsig = Signature(rec.signature.iter().map(|&v| v as u32).collect());
                let lens = (nd.len(), rnd.len());
                pair_rows(d, &rec.doc, ov, est_sig.jaccard(&rsig), &ps, lens, opts)
            }));
        }
        stats.latencies.push(*sketch_time + t.elapsed());
    }
    // New vs new.
    let t = Instant::now();
    let new_pairs: Vec<(u32, u32)> = {
        let sigs: Vec<Signature> = sketched.iter().map(|(_, s, _)| s.signature.clone()).collect();
        lsh_candidates(&sk.lsh, &sigs, &Silent)
    };
    stats.new_pairs = new_pairs.len();
    let more: Vec<PairOut> = new_pairs
        .par_iter()
        .map(|&(a, b)| {
            let (na, sa, _) = &sketched[a as usize];
            let (nb, sb, _) = &sketched[b as usize];
            let ov = candidates::overlap(&sa.shingles, &sb.shingles);
            let ps = align::align(na, nb, &opts.align);
            let (da, db) = (corpus.get(DocId(a)), corpus.get(DocId(b)));
            let lens = (na.len(), nb.len());
            pair_rows(da, db, &ov, sa.signature.jaccard(&sb.signature), &ps, lens, opts)
        })
        .collect();
    stats.new_vs_new = t.elapsed();
    // New-vs-new first: when a new document's id is also archived (an
    // updated version), the pair with the new text wins the dedup below
    // (the sort is stable), so offsets slice the texts the user passed.
    let mut all: Vec<(rm::PairRow, Vec<rm::PassageRow>)> =
        more.into_iter().chain(rows).flatten().collect();
    all.sort_by(|x, y| (&x.0.doc_a, &x.0.doc_b).cmp(&(&y.0.doc_a, &y.0.doc_b)));
    all.dedup_by(|x, y| x.0.doc_a == y.0.doc_a && x.0.doc_b == y.0.doc_b);
    let mut results = rm::Results::default();
    for (pair, passages) in all {
        results.pairs.push(pair);
        for mut p in passages {
            p.passage = results.passages.len() as u64 + 1;
            results.passages.push(p);
        }
    }
    Ok((results, stats))
}

/// Options of `index query`.
#[derive(Clone, Debug)]
pub struct QueryOptions {
    /// Near-duplicate Jaccard threshold.
    pub threshold: f64,
    /// Excerpt containment threshold.
    pub containment: f64,
    /// Alignment options.
    pub align: AlignOptions,
    /// A paraphrased passage is reported from this score up
    /// ([`crate::classify::Rules::min_passage_score`]).
    pub min_passage_score: f64,
    /// Run of words a paraphrased passage keeps to be reported
    /// ([`crate::classify::Rules::min_copied_run`]).
    pub min_copied_run: usize,
}

/// The pairs.csv row and passages.csv rows of one pair, or `None` when the
/// pair has no verdict ([`classify::judge`]: neither a copy nor sharing a
/// passage of reuse). Documents are put in id order (`doc_a < doc_b`).
/// Recurrence is not counted against the archive, so no passage is
/// boilerplate here. `lens` are the documents' lengths in words.
fn pair_rows(
    x: &Document,
    y: &Document,
    ov: &Overlap,
    est: f64,
    ps: &[Passage],
    (x_len, y_len): (usize, usize),
    opts: &QueryOptions,
) -> Option<(rm::PairRow, Vec<rm::PassageRow>)> {
    let swap = x.id > y.id;
    let (a_len, b_len) = if swap { (y_len, x_len) } else { (x_len, y_len) };
    let (da, db) = if swap { (y, x) } else { (x, y) };
    let ov = if swap { ov.swapped() } else { *ov };
    let ps: Vec<Passage> =
        if swap { ps.iter().map(Passage::swapped).collect() } else { ps.to_vec() };
    let rules = classify::Rules {
        min_passage_score: opts.min_passage_score,
        min_copied_run: opts.min_copied_run,
        ..classify::Rules::new(opts.threshold, opts.containment)
    };
    let facts: Vec<classify::PassageFacts> = ps
        .iter()
        .map(|p| classify::PassageFacts {
            kind: p.kind,
            score: p.score,
            copied_run: p.copied_run,
            a_words: p.a_words,
            b_words: p.b_words,
            recurs_in: 0,
            recurs_in_source: 0,
        })
        .collect();
    let (verdict, roles) = classify::judge(&rules, &ov, a_len, b_len, &facts);
    let verdict = verdict?;
    let ps: Vec<Passage> = ps
        .into_iter()
        .zip(roles)
        .filter(|(_, r)| *r == classify::Role::Reuse)
        .map(|(p, _)| p)
        .collect();
    let (ia, ib) = (CharIndex::new(&da.text), CharIndex::new(&db.text));
    let rows = ps.iter().map(|p| passage_row(da, db, &ia, &ib, p)).collect();
    let refs: Vec<&Passage> = ps.iter().collect();
    let source = crate::cluster::likely_source(da, db, &ov);
    Some((pair_row(da, db, &ov, est, verdict, source, &refs), rows))
}
