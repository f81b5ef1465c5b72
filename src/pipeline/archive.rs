//! The archive side of the pipeline (`parallax index add|query`): sketch
//! documents exactly as the archive was built, find candidates through the
//! stored LSH band keys, verify on the stored shingles and align against the
//! stored text. Like the rest of the pipeline, this is where rayon runs; the
//! SQLite connection stays on the calling thread.

use rayon::prelude::*;

use super::{lsh_candidates, pair_row, passage_row, swap_passage, Silent};
use crate::align::{self, AlignOptions, Passage};
use crate::candidates::{self, LshParams, Overlap};
use crate::doc::{CharIndex, Corpus, DocId, Document};
use crate::error::Result;
use crate::index::{Archive, ArchiveParams, Record};
use crate::normalize::{NormalizedDoc, Normalizer};
use crate::report::model as rm;
use crate::shingle::{self, ShingleConfig, ShingleKind};
use crate::sketch::{MinHasher, Signature};

/// What `index add` and `index query` need to sketch a document exactly as
/// the archive was built.
pub struct Sketcher {
    normalizer: Normalizer,
    shingle: ShingleConfig,
    hasher: MinHasher,
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

impl Sketcher {
    /// A sketcher for these parameters.
    pub fn new(
        shingle: ShingleConfig,
        num_perm: usize,
        seed: u64,
        lsh: LshParams,
    ) -> Result<Sketcher> {
        Ok(Sketcher {
            normalizer: Normalizer::default(),
            hasher: MinHasher::builder().num_perm(num_perm).seed(seed).build()?,
            shingle,
            lsh,
        })
    }

    /// The archive parameters this sketcher produces.
    pub fn archive_params(&self) -> ArchiveParams {
        ArchiveParams {
            shingle: self.shingle.kind.to_string(),
            num_perm: self.hasher.num_perm() as u32,
            seed: self.shingle.seed,
            bands: self.lsh.bands as u32,
            rows: self.lsh.rows as u32,
            normalizer: NORMALIZER_VERSION.to_string(),
        }
    }

    /// A sketcher matching an archive's stored parameters.
    pub fn from_archive(p: &ArchiveParams) -> Result<Sketcher> {
        let kind: ShingleKind = p.shingle.parse()?;
        let lsh = LshParams { bands: p.bands as usize, rows: p.rows as usize };
        Sketcher::new(ShingleConfig { kind, seed: p.seed }, p.num_perm as usize, p.seed, lsh)
    }

    /// Normalises and sketches one text.
    pub fn sketch(&self, text: &str) -> (NormalizedDoc, Sketched) {
        let nd = self.normalizer.normalize(text);
        let shingles = shingle::shingle_set(&self.shingle, &nd);
        let signature = self.hasher.sketch(&shingles);
        let mut band_keys = Vec::with_capacity(self.lsh.bands);
        candidates::band_keys(&self.lsh, &signature, &mut band_keys);
        (nd, Sketched { shingles, signature, band_keys })
    }
}

/// Identifies the normaliser's behaviour in archives: an archive built with
/// another normaliser version would give different shingles.
pub const NORMALIZER_VERSION: &str = concat!("parallax-normalize-", env!("CARGO_PKG_VERSION"));

/// Builds archive records for `docs` (in parallel; order kept).
pub fn archive_records(sk: &Sketcher, docs: Vec<crate::doc::Document>) -> Vec<Record> {
    docs.into_par_iter()
        .map(|doc| {
            let (_, s) = sk.sketch(&doc.text);
            Record {
                content_hash: xxhash_rust::xxh3::xxh3_64(doc.text.as_bytes()),
                signature: s.signature.0.iter().map(|&v| v as u64).collect(),
                band_keys: s.band_keys,
                shingles: Some(s.shingles),
                doc,
            }
        })
        .collect()
}

/// Checks `corpus` against the archive: candidates from the stored band
/// keys, exact overlap on the stored shingles, passages against the stored
/// text. New documents are also compared with one another. Pairs are kept
/// when they pass the thresholds or share a passage.
pub fn archive_query(
    archive: &Archive,
    sk: &Sketcher,
    corpus: &Corpus,
    opts: &QueryOptions,
) -> Result<rm::Results> {
    let sketched: Vec<(NormalizedDoc, Sketched)> =
        corpus.docs().par_iter().map(|d| sk.sketch(&d.text)).collect();
    // Candidates in the archive (SQLite: one connection, this thread).
    let mut found: Vec<(u32, Record)> = Vec::new();
    for (i, (_, s)) in sketched.iter().enumerate() {
        let own = &corpus.docs()[i].id;
        for c in archive.candidates(&s.band_keys)? {
            if &c.id == own {
                continue;
            }
            if let Some(rec) = archive.get(&c.id)? {
                found.push((i as u32, rec));
            }
        }
    }
    let mut results = rm::Results::default();
    // New vs archive.
    let rows: Vec<Option<(rm::PairRow, Vec<rm::PassageRow>)>> = found
        .par_iter()
        .map(|(i, rec)| {
            let d = corpus.get(DocId(*i));
            let (nd, s) = &sketched[*i as usize];
            let stored = rec.shingles.clone().unwrap_or_default();
            let ov = candidates::overlap(&s.shingles, &stored);
            let rnd = sk.normalizer.normalize(&rec.doc.text);
            let ps = align::align(nd, &rnd, &opts.align);
            pair_rows(
                d,
                &rec.doc,
                &ov,
                s.signature.jaccard(&Signature(rec.signature.iter().map(|&v| v as u32).collect())),
                &ps,
                opts,
            )
        })
        .collect();
    // New vs new.
    let n = corpus.len();
    let new_pairs: Vec<(u32, u32)> = {
        let sigs: Vec<Signature> = sketched.iter().map(|(_, s)| s.signature.clone()).collect();
        lsh_candidates(&sk.lsh, &sigs, &Silent)
    };
    let more: Vec<Option<(rm::PairRow, Vec<rm::PassageRow>)>> = new_pairs
        .par_iter()
        .map(|&(a, b)| {
            let (na, sa) = &sketched[a as usize];
            let (nb, sb) = &sketched[b as usize];
            let ov = candidates::overlap(&sa.shingles, &sb.shingles);
            let ps = align::align(na, nb, &opts.align);
            pair_rows(
                corpus.get(DocId(a)),
                corpus.get(DocId(b)),
                &ov,
                sa.signature.jaccard(&sb.signature),
                &ps,
                opts,
            )
        })
        .collect();
    let _ = n;
    let mut all: Vec<(rm::PairRow, Vec<rm::PassageRow>)> =
        rows.into_iter().chain(more).flatten().collect();
    all.sort_by(|x, y| (&x.0.doc_a, &x.0.doc_b).cmp(&(&y.0.doc_a, &y.0.doc_b)));
    all.dedup_by(|x, y| x.0.doc_a == y.0.doc_a && x.0.doc_b == y.0.doc_b);
    for (pair, passages) in all {
        results.pairs.push(pair);
        for mut p in passages {
            p.passage = results.passages.len() as u64 + 1;
            results.passages.push(p);
        }
    }
    Ok(results)
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
}

/// The pairs.csv row and passages.csv rows of one pair, or `None` when the
/// pair neither passes the thresholds nor shares a passage. Documents are
/// put in id order (`doc_a < doc_b`).
fn pair_rows(
    x: &Document,
    y: &Document,
    ov: &Overlap,
    est: f64,
    ps: &[Passage],
    opts: &QueryOptions,
) -> Option<(rm::PairRow, Vec<rm::PassageRow>)> {
    let dup = ov.jaccard >= opts.threshold
        || ov.containment_ab >= opts.containment
        || ov.containment_ba >= opts.containment;
    if !dup && ps.is_empty() {
        return None;
    }
    let swap = x.id > y.id;
    let (da, db) = if swap { (y, x) } else { (x, y) };
    let ov = if swap { ov.swapped() } else { *ov };
    let ps: Vec<Passage> = if swap { ps.iter().map(swap_passage).collect() } else { ps.to_vec() };
    let (ia, ib) = (CharIndex::new(&da.text), CharIndex::new(&db.text));
    let rows = ps.iter().map(|p| passage_row(da, db, &ia, &ib, p)).collect();
    let refs: Vec<&Passage> = ps.iter().collect();
    let mut pair = pair_row(da, db, &ov, est, &refs);
    pair.verdict = if ov.jaccard >= opts.threshold {
        "near_duplicate"
    } else if dup {
        "excerpt"
    } else {
        "shared_passages"
    }
    .to_string();
    Some((pair, rows))
}
