//! Batch functions for the Spark job (`parallax.spark`).
//!
//! Spark hands each task Arrow batches of documents or pairs; these
//! functions take a batch's columns as lists or byte buffers and return
//! byte buffers (native-endian numbers, row after row) that the Python side
//! views with numpy, so the crossing is paid once per batch. Every rule the
//! answers depend on (shingling, sketching, band keys, the bucket cap,
//! verification, dates, the likely source, the verdict, the CSV format) is
//! the library's, so the job's `pairs.csv` and `clusters.csv` are the
//! command's, byte for byte.

use std::path::PathBuf;

use parallax::candidates::{self, EstimateFilter, DEFAULT_BUCKET_CAP};
use parallax::cluster::{self, Side};
use parallax::doc::Document;
use parallax::ingest;
use std::sync::{Arc, Mutex};

use std::collections::BTreeMap;

use parallax::align::{self, AlignDoc, Kind, Passage, Recurrence};
use parallax::analysis::DocScore;
use parallax::classify::{self, Role};
use parallax::doc::{CharIndex, DocId};
use parallax::normalize::Normalizer;
use parallax::pipeline;
use parallax::pipeline::Stages;
use parallax::report::{
    self, ClusterRow, Formats, FrameCell, FramingRow, OutputOptions, PairRow, PassageRow, Problem,
    Results, StanceCell, StanceRow, TableKind,
};
use parallax::score::Scorer;
use parallax::sketch::{Scratch, Signature};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};
use rayon::prelude::*;

use super::{err, msg, opts, scorer, Opts};

/// Adds the Spark functions to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(spark_text_problems, m)?)?;
    m.add_function(wrap_pyfunction!(spark_doc_features, m)?)?;
    m.add_function(wrap_pyfunction!(spark_doc_sets, m)?)?;
    m.add_function(wrap_pyfunction!(spark_bucket_pairs, m)?)?;
    m.add_function(wrap_pyfunction!(spark_estimate_pairs, m)?)?;
    m.add_function(wrap_pyfunction!(spark_verify_pairs, m)?)?;
    m.add_function(wrap_pyfunction!(spark_all_pairs, m)?)?;
    m.add_function(wrap_pyfunction!(spark_write_dups, m)?)?;
    m.add_function(wrap_pyfunction!(spark_score_keys, m)?)?;
    m.add_function(wrap_pyfunction!(spark_doc_scores, m)?)?;
    m.add_function(wrap_pyfunction!(spark_write_run, m)?)?;
    m.add_function(wrap_pyfunction!(spark_doc_align_facts, m)?)?;
    m.add_function(wrap_pyfunction!(spark_rare_params, m)?)?;
    m.add_function(wrap_pyfunction!(spark_align_pairs, m)?)?;
    m.add_function(wrap_pyfunction!(spark_holding, m)?)?;
    m.add_function(wrap_pyfunction!(spark_recurrence, m)?)?;
    Ok(())
}

fn u32s(data: &[u8]) -> Vec<u32> {
    data.chunks_exact(4).map(|b| u32::from_ne_bytes([b[0], b[1], b[2], b[3]])).collect()
}

fn u64s(data: &[u8]) -> Vec<u64> {
    data.chunks_exact(8)
        .map(|b| u64::from_ne_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]))
        .collect()
}

/// Row `i` of a flat buffer of `num_perm`-slot signatures.
fn signature_rows(data: &[u8], num_perm: usize, what: &str) -> PyResult<Vec<Signature>> {
    if num_perm == 0 || !data.len().is_multiple_of(4 * num_perm) {
        return Err(msg(format!(
            "{what}: {} bytes is not a whole number of {num_perm}-slot signatures",
            data.len()
        )));
    }
    Ok(data.chunks_exact(4 * num_perm).map(|row| Signature(u32s(row))).collect())
}

/// Per text: why it cannot be a document (empty, binary), as the command's
/// record reader says it, or `None`.
#[pyfunction]
fn spark_text_problems(py: Python<'_>, texts: Vec<String>) -> Vec<Option<String>> {
    py.allow_threads(|| texts.par_iter().map(|t| ingest::record_text_problem(t)).collect())
}

/// Per document: its MinHash signature (`num_perm` u32; every slot
/// `u32::MAX` and `has_keys = false` for a document without shingles), its LSH band keys
/// (`bands` u64), the date the cluster and source rules read (days since
/// 1970-01-01 and the UTC instant in seconds when the date has a time and
/// a zone; `None` when undated or unreadable), its length in characters and its
/// number of distinct shingles (what the estimate check reads).
#[pyfunction]
#[pyo3(signature = (texts, dates, options=None))]
#[allow(clippy::type_complexity)]
fn spark_doc_features<'py>(
    py: Python<'py>,
    texts: Vec<String>,
    dates: Vec<Option<String>>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<(
    Bound<'py, PyBytes>,
    Bound<'py, PyBytes>,
    Vec<bool>,
    Vec<Option<i64>>,
    Vec<Option<i64>>,
    Vec<u64>,
    Vec<u64>,
)> {
    if texts.len() != dates.len() {
        return Err(msg(format!("{} texts but {} dates", texts.len(), dates.len())));
    }
    let o = opts(options)?;
    let lsh = o.cfg.check().map_err(err)?;
    let sk = o.cfg.sketcher().map_err(err)?;
    let k = sk.hasher().num_perm();
    let (sigs, keys, has, chars, sizes) = py.allow_threads(|| {
        let per: Vec<(Signature, Vec<u64>, u64, u64)> = texts
            .par_iter()
            .map_init(Scratch::default, |scratch, t| {
                let s = sk.sketch_text(t, scratch);
                let mut keys = Vec::with_capacity(lsh.bands);
                candidates::band_keys(&lsh, &s.signature, &mut keys);
                (s.signature, keys, t.chars().count() as u64, s.distinct as u64)
            })
            .collect();
        let mut sigs = Vec::with_capacity(per.len() * k * 4);
        let mut keys = Vec::with_capacity(per.len() * lsh.bands * 8);
        let mut has = Vec::with_capacity(per.len());
        let mut chars = Vec::with_capacity(per.len());
        let mut sizes = Vec::with_capacity(per.len());
        for (sig, ks, n, size) in per {
            for i in 0..k {
                sigs.extend_from_slice(
                    &sig.0.get(i).copied().unwrap_or(Signature::EMPTY).to_ne_bytes(),
                );
            }
            for b in 0..lsh.bands {
                keys.extend_from_slice(&ks.get(b).copied().unwrap_or(0).to_ne_bytes());
            }
            has.push(!ks.is_empty());
            chars.push(n);
            sizes.push(size);
        }
        (sigs, keys, has, chars, sizes)
    });
    let keys_of: Vec<Option<(i64, Option<i64>)>> =
        dates.into_iter().map(|d| ingest_date(d).as_deref().and_then(ingest::date_key)).collect();
    let days = keys_of.iter().map(|k| k.map(|k| k.0)).collect();
    let instants = keys_of.iter().map(|k| k.and_then(|k| k.1)).collect();
    Ok((PyBytes::new(py, &sigs), PyBytes::new(py, &keys), has, days, instants, chars, sizes))
}

/// Per document: its sorted shingle set, all sets one after the other
/// (u64), and their lengths.
#[pyfunction]
#[pyo3(signature = (texts, options=None))]
fn spark_doc_sets<'py>(
    py: Python<'py>,
    texts: Vec<String>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<(Bound<'py, PyBytes>, Vec<u64>)> {
    let o = opts(options)?;
    let sk = o.cfg.sketcher().map_err(err)?;
    let (flat, lens) = py.allow_threads(|| {
        let sets: Vec<Vec<u64>> = texts.par_iter().map(|t| sk.shingle_set(t)).collect();
        let mut flat = Vec::with_capacity(sets.iter().map(Vec::len).sum::<usize>() * 8);
        let mut lens = Vec::with_capacity(sets.len());
        for s in &sets {
            for v in s {
                flat.extend_from_slice(&v.to_ne_bytes());
            }
            lens.push(s.len() as u64);
        }
        (flat, lens)
    });
    Ok((PyBytes::new(py, &flat), lens))
}

/// Candidate pairs of LSH buckets, by the command's bucket rule (every
/// pair up to the cap, a star plus a path above it). Each bucket is its
/// members' ordinals (u32), sorted; `lengths` gives each bucket's size.
/// Returns the pairs `(a, b)`, `a < b`, as two u32 buffers.
#[pyfunction]
fn spark_bucket_pairs<'py>(
    py: Python<'py>,
    members: Vec<u8>,
    lengths: Vec<u64>,
) -> PyResult<(Bound<'py, PyBytes>, Bound<'py, PyBytes>)> {
    let ids = u32s(&members);
    let total: u64 = lengths.iter().sum();
    if total != ids.len() as u64 {
        return Err(msg(format!(
            "buckets: lengths add up to {total} but {} members were given",
            ids.len()
        )));
    }
    let (a, b) = py.allow_threads(|| {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        let mut at = 0usize;
        for &len in &lengths {
            let bucket: Vec<(u64, u32)> =
                ids[at..at + len as usize].iter().map(|&d| (0, d)).collect();
            at += len as usize;
            let (pairs, _) = candidates::candidates_in_band_capped(&bucket, DEFAULT_BUCKET_CAP);
            for (x, y) in pairs {
                if x != y {
                    a.extend_from_slice(&x.min(y).to_ne_bytes());
                    b.extend_from_slice(&x.max(y).to_ne_bytes());
                }
            }
        }
        (a, b)
    });
    Ok((PyBytes::new(py, &a), PyBytes::new(py, &b)))
}

/// The command's estimate check alone, from the signatures and distinct
/// shingle counts: one byte per pair, 1 when it is worth verifying.
///
/// Why apart from [`spark_verify_pairs`]: the job runs it before joining the
/// texts, so that only the pairs that pass (a few in a thousand on a
/// topical corpus) carry two texts through the shuffle.
#[pyfunction]
#[pyo3(signature = (a_sigs, b_sigs, a_sizes, b_sizes, options=None))]
fn spark_estimate_pairs<'py>(
    py: Python<'py>,
    a_sigs: Vec<u8>,
    b_sigs: Vec<u8>,
    a_sizes: Vec<u64>,
    b_sizes: Vec<u64>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyBytes>> {
    let n = a_sizes.len();
    if b_sizes.len() != n {
        return Err(msg("pairs: sizes of different lengths"));
    }
    let o = opts(options)?;
    let filter = EstimateFilter::new(o.cfg.threshold, o.cfg.containment, o.cfg.num_perm);
    let sa = signature_rows(&a_sigs, o.cfg.num_perm, "a_sigs")?;
    let sb = signature_rows(&b_sigs, o.cfg.num_perm, "b_sigs")?;
    if sa.len() != n || sb.len() != n {
        return Err(msg("as many signatures as sizes are needed on each side"));
    }
    let out: Vec<u8> = py.allow_threads(|| {
        (0..n)
            .into_par_iter()
            .map(|i| u8::from(worth_verifying(&filter, &sa[i], &sb[i], a_sizes[i], b_sizes[i])))
            .collect()
    });
    Ok(PyBytes::new(py, &out))
}

/// The command's estimate check, then exact verification from the texts:
/// per pair `(kept, jaccard, containment_ab, containment_ba, jaccard_est)`
/// as five f64, `kept` 1 when the pair passed the estimate check and then
/// the Jaccard or containment threshold (a near-duplicate or excerpt), 0
/// otherwise (a pair dropped by the estimate check has overlap 0).
#[pyfunction]
#[pyo3(signature = (a_texts, b_texts, a_sigs, b_sigs, a_sizes, b_sizes, options=None))]
#[allow(clippy::too_many_arguments)]
fn spark_verify_pairs<'py>(
    py: Python<'py>,
    a_texts: Vec<String>,
    b_texts: Vec<String>,
    a_sigs: Vec<u8>,
    b_sigs: Vec<u8>,
    a_sizes: Vec<u64>,
    b_sizes: Vec<u64>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyBytes>> {
    let n = a_texts.len();
    if [b_texts.len(), a_sizes.len(), b_sizes.len()].iter().any(|&l| l != n) {
        return Err(msg("pairs: texts and sizes of different lengths"));
    }
    let o = opts(options)?;
    let sk = o.cfg.sketcher().map_err(err)?;
    let (t, c) = (o.cfg.threshold, o.cfg.containment);
    let filter = EstimateFilter::new(t, c, o.cfg.num_perm);
    let sa = signature_rows(&a_sigs, o.cfg.num_perm, "a_sigs")?;
    let sb = signature_rows(&b_sigs, o.cfg.num_perm, "b_sigs")?;
    if sa.len() != n || sb.len() != n {
        return Err(msg("as many signatures as texts are needed on each side"));
    }
    let out = py.allow_threads(|| {
        let rows: Vec<[f64; 5]> = (0..n)
            .into_par_iter()
            .map(|i| {
                let est = sa[i].jaccard(&sb[i]);
                if !worth_verifying(&filter, &sa[i], &sb[i], a_sizes[i], b_sizes[i]) {
                    return [0.0, 0.0, 0.0, 0.0, est];
                }
                let ov =
                    candidates::overlap(&sk.shingle_set(&a_texts[i]), &sk.shingle_set(&b_texts[i]));
                let kept = duplicate(&ov, t, c);
                [f64::from(u8::from(kept)), ov.jaccard, ov.containment_ab, ov.containment_ba, est]
            })
            .collect();
        rows.iter().flatten().flat_map(|v| v.to_ne_bytes()).collect::<Vec<u8>>()
    });
    Ok(PyBytes::new(py, &out))
}

/// A record's date as the command's ingest writes it: ISO 8601 when it can
/// be read (without `--date-format`: an ambiguous `04/03/2018` is not),
/// else the text as given.
fn ingest_date(date: Option<String>) -> Option<String> {
    let read = date.as_deref().map(|d| ingest::read_date(d, None));
    match read {
        Some(Ok(iso)) => iso,
        _ => date,
    }
}

/// The command's rule for a verified pair (a near-duplicate or an
/// excerpt), from the library's one place for it.
fn duplicate(ov: &candidates::Overlap, threshold: f64, containment: f64) -> bool {
    parallax::classify::Rules::new(threshold, containment).is_copy(ov)
}

/// The command's check before exact verification: both documents have
/// shingles and their signatures agree on enough slots.
fn worth_verifying(f: &EstimateFilter, a: &Signature, b: &Signature, sa: u64, sb: u64) -> bool {
    !a.is_empty()
        && !b.is_empty()
        && f.keep(candidates::equal_slots(&a.0, &b.0), sa as usize, sb as usize)
}

/// Every pair of a small corpus (at most the matrix limit), checked as the
/// command does at or below `--matrix-limit` (the estimate check on every
/// pair, then exact verification): the pairs at or above the Jaccard or
/// containment threshold, as `(a, b)` u32 buffers and
/// `(jaccard, containment_ab, containment_ba, jaccard_est)` f64 rows.
#[pyfunction]
#[pyo3(signature = (sets, lengths, sigs, options=None))]
fn spark_all_pairs<'py>(
    py: Python<'py>,
    sets: Vec<u8>,
    lengths: Vec<u64>,
    sigs: Vec<u8>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<(Bound<'py, PyBytes>, Bound<'py, PyBytes>, Bound<'py, PyBytes>)> {
    let o = opts(options)?;
    let flat = u64s(&sets);
    let sigs = signature_rows(&sigs, o.cfg.num_perm, "sigs")?;
    if lengths.iter().sum::<u64>() != flat.len() as u64 || sigs.len() != lengths.len() {
        return Err(msg("all pairs: set lengths, sets and signatures disagree"));
    }
    let mut starts = Vec::with_capacity(lengths.len() + 1);
    starts.push(0usize);
    for &l in &lengths {
        starts.push(starts[starts.len() - 1] + l as usize);
    }
    let n = lengths.len() as u32;
    let (t, c) = (o.cfg.threshold, o.cfg.containment);
    let filter = EstimateFilter::new(t, c, o.cfg.num_perm);
    let (a, b, v) = py.allow_threads(|| {
        let set = |i: u32| &flat[starts[i as usize]..starts[i as usize + 1]];
        let kept: Vec<Vec<(u32, u32, [f64; 4])>> = (0..n)
            .into_par_iter()
            .map(|x| {
                (x + 1..n)
                    .filter_map(|y| {
                        let (sx, sy) = (&sigs[x as usize], &sigs[y as usize]);
                        let (nx, ny) = (lengths[x as usize], lengths[y as usize]);
                        if !worth_verifying(&filter, sx, sy, nx, ny) {
                            return None;
                        }
                        let ov = candidates::overlap(set(x), set(y));
                        duplicate(&ov, t, c).then(|| {
                            let est = sx.jaccard(sy);
                            (x, y, [ov.jaccard, ov.containment_ab, ov.containment_ba, est])
                        })
                    })
                    .collect()
            })
            .collect();
        let (mut a, mut b, mut v) = (Vec::new(), Vec::new(), Vec::new());
        for (x, y, vals) in kept.into_iter().flatten() {
            a.extend_from_slice(&x.to_ne_bytes());
            b.extend_from_slice(&y.to_ne_bytes());
            for f in vals {
                v.extend_from_slice(&f.to_ne_bytes());
            }
        }
        (a, b, v)
    });
    Ok((PyBytes::new(py, &a), PyBytes::new(py, &b), PyBytes::new(py, &v)))
}

/// Writes `pairs.csv`, `clusters.csv` and `skipped.csv` into `out_dir` with
/// the command's formatter (all or nothing). The folder also holds the job's
/// Parquet tables, so it is written with `force` (files that are not
/// parallax's own output names are left alone). Pairs come sorted by `(doc_a, doc_b)` with
/// their dates (as read from the records), overlap, estimate and cluster;
/// the likely source, its reason and the verdict are decided here by the
/// command's rules. Clusters come as rows in the command's order.
#[pyfunction]
#[pyo3(signature = (out_dir, pairs, clusters, skipped, options=None))]
fn spark_write_dups(
    py: Python<'_>,
    out_dir: PathBuf,
    pairs: &Bound<'_, PyDict>,
    clusters: &Bound<'_, PyDict>,
    skipped: Vec<(String, String)>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Vec<PathBuf>> {
    let o = opts(options)?;
    let results = dups_results(py, pairs, clusters, skipped, &o)?;
    write_tables(py, &out_dir, &results, &o, vec![TableKind::Pairs, TableKind::Clusters])
}

/// Writes the tables of `results` (and `skipped.csv`) with the command's
/// CSV formatter, all or nothing, into a folder that also holds the job's
/// Parquet tables (hence `force`: only parallax's own file names are
/// replaced).
fn write_tables(
    py: Python<'_>,
    out_dir: &std::path::Path,
    results: &Results,
    o: &Opts,
    tables: Vec<TableKind>,
) -> PyResult<Vec<PathBuf>> {
    let out = OutputOptions {
        bom: o.bom,
        formats: Formats { csv: true, xlsx: false, html: false, json: false, parquet: false },
        matrices: false,
        tables,
        force: true,
        ..OutputOptions::default()
    };
    py.allow_threads(|| report::write_all(out_dir, results, &out)).map_err(err)
}

fn col<'py, T: FromPyObject<'py>>(d: &Bound<'py, PyDict>, key: &str) -> PyResult<T> {
    d.get_item(key)?
        .ok_or_else(|| msg(format!("missing column {key}")))?
        .extract()
        .map_err(|e| msg(format!("column {key}: {e}")))
}

/// The rows of `pairs.csv` (as `dups` writes it), `clusters.csv` and
/// `skipped.csv` (see [`spark_write_dups`]).
fn dups_results(
    py: Python<'_>,
    pairs: &Bound<'_, PyDict>,
    clusters: &Bound<'_, PyDict>,
    skipped: Vec<(String, String)>,
    o: &Opts,
) -> PyResult<Results> {
    let doc_a: Vec<String> = col(pairs, "doc_a")?;
    let doc_b: Vec<String> = col(pairs, "doc_b")?;
    let date_a: Vec<Option<String>> = col(pairs, "date_a")?;
    let date_b: Vec<Option<String>> = col(pairs, "date_b")?;
    let jaccard: Vec<f64> = col(pairs, "jaccard")?;
    let cab: Vec<f64> = col(pairs, "containment_ab")?;
    let cba: Vec<f64> = col(pairs, "containment_ba")?;
    let est: Vec<f64> = col(pairs, "jaccard_est")?;
    let cluster_of: Vec<Option<u64>> = col(pairs, "cluster")?;
    let n = doc_a.len();
    if [doc_b.len(), date_a.len(), date_b.len(), jaccard.len(), cab.len(), cba.len(), est.len()]
        .iter()
        .chain([&cluster_of.len()])
        .any(|&l| l != n)
    {
        return Err(msg("pairs: columns of different lengths"));
    }
    let c_num: Vec<u64> = col(clusters, "cluster")?;
    let c_doc: Vec<String> = col(clusters, "doc_id")?;
    let c_rep: Vec<String> = col(clusters, "representative")?;
    let c_size: Vec<u64> = col(clusters, "size")?;
    if [c_doc.len(), c_rep.len(), c_size.len()].iter().any(|&l| l != c_num.len()) {
        return Err(msg("clusters: columns of different lengths"));
    }
    let rules = parallax::classify::Rules::new(o.cfg.threshold, o.cfg.containment);
    Ok(py.allow_threads(|| {
        let mut results = Results { passages_skipped: true, ..Results::default() };
        for i in 0..n {
            let (a_date, b_date) = (ingest_date(date_a[i].clone()), ingest_date(date_b[i].clone()));
            let da = Document { id: doc_a[i].clone(), date: a_date, ..Document::default() };
            let db = Document { id: doc_b[i].clone(), date: b_date, ..Document::default() };
            let ov = candidates::Overlap {
                jaccard: jaccard[i],
                containment_ab: cab[i],
                containment_ba: cba[i],
                ..candidates::Overlap::default()
            };
            let (side, reason) = cluster::likely_source(&da, &db, &ov);
            results.pairs.push(PairRow {
                likely_source: match side {
                    Some(Side::A) => da.id.clone(),
                    Some(Side::B) => db.id.clone(),
                    None => String::new(),
                },
                source_reason: reason.to_string(),
                // Only verified pairs reach this table (no passages in `dups`).
                verdict: rules.copy_verdict(&ov).map_or(String::new(), |v| v.to_string()),
                doc_a: da.id,
                doc_b: db.id,
                jaccard_est: est[i],
                jaccard: Some(ov.jaccard),
                containment_ab: ov.containment_ab,
                containment_ba: ov.containment_ba,
                cluster: cluster_of[i],
                ..PairRow::default()
            });
        }
        results.clusters = (0..c_num.len())
            .map(|i| ClusterRow {
                cluster: c_num[i],
                doc_id: c_doc[i].clone(),
                representative: c_rep[i].clone(),
                size: c_size[i],
            })
            .collect();
        results.summary.problems = skipped
            .into_iter()
            .map(|(file, reason)| Problem { path: file.clone(), file, line: None, reason })
            .collect();
        results
    }))
}

/// The scorer for `o`'s lexicon options, built once per process and set of
/// options (an executor scores many batches with one lexicon).
fn cached_scorer(o: &Opts) -> PyResult<Arc<Scorer>> {
    static SCORERS: Mutex<Vec<(String, Arc<Scorer>)>> = Mutex::new(Vec::new());
    let key = format!("{:?}|{:?}|{}", o.lexicons, o.targets, o.no_default_lexicon);
    let mut cache = SCORERS.lock().map_err(|_| msg("scorer cache poisoned"))?;
    if let Some((_, s)) = cache.iter().find(|(k, _)| *k == key) {
        return Ok(Arc::clone(s));
    }
    let s = Arc::new(scorer(o, &Normalizer::default())?);
    cache.push((key, Arc::clone(&s)));
    Ok(s)
}

/// The frame names and target names of the lexicon `options` describe, in
/// the order of the columns of `framing.csv` and `stance.csv`.
#[pyfunction]
#[pyo3(signature = (options=None))]
fn spark_score_keys(options: Option<&Bound<'_, PyDict>>) -> PyResult<(Vec<String>, Vec<String>)> {
    let sc = cached_scorer(&opts(options)?)?;
    Ok((sc.frames().to_vec(), sc.targets().to_vec()))
}

/// Numbers per frame in [`spark_doc_scores`]'s buffer: rate, hits.
const FRAME_CELLS: usize = 2;
/// Numbers per target: score, mentions, quoted score, quoted mentions.
const STANCE_CELLS: usize = 4;

/// Per document, the numbers of its `framing.csv` and `stance.csv` rows,
/// scored by the command's rule ([`pipeline::score_document`]): its word
/// count, then one f64 buffer per table, row after row: per frame
/// `(per_1k, hits)`, per target `(score, mentions, quoted_score,
/// quoted_mentions)`, a score NaN when the cell is empty (no mention; a
/// score is otherwise in [−1, 1]).
#[pyfunction]
#[pyo3(signature = (texts, options=None))]
fn spark_doc_scores<'py>(
    py: Python<'py>,
    texts: Vec<String>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<(Vec<u64>, Bound<'py, PyBytes>, Bound<'py, PyBytes>)> {
    let sc = cached_scorer(&opts(options)?)?;
    let (words, frames, stance) = py.allow_threads(|| {
        let normalizer = Normalizer::default();
        let scored: Vec<DocScore> = texts
            .par_iter()
            .map(|t| pipeline::score_document(&sc, t, &normalizer.normalize(t)))
            .collect();
        let mut frames = Vec::with_capacity(scored.len() * sc.frames().len() * FRAME_CELLS * 8);
        let mut stance = Vec::with_capacity(scored.len() * sc.targets().len() * STANCE_CELLS * 8);
        let mut words = Vec::with_capacity(scored.len());
        for s in &scored {
            words.push(s.words as u64);
            for f in &s.frames {
                for v in [f.per_1k, f.hits as f64] {
                    frames.extend_from_slice(&v.to_ne_bytes());
                }
            }
            for t in &s.stance {
                let cells = [
                    t.score.unwrap_or(f64::NAN),
                    t.mentions as f64,
                    t.quoted_score.unwrap_or(f64::NAN),
                    t.quoted_mentions as f64,
                ];
                for v in cells {
                    stance.extend_from_slice(&v.to_ne_bytes());
                }
            }
        }
        (words, frames, stance)
    });
    Ok((words, PyBytes::new(py, &frames), PyBytes::new(py, &stance)))
}

/// The `framing.csv` and `stance.csv` rows of documents from
/// [`spark_doc_scores`]'s numbers (`doc_ids` in the command's document
/// order, ids sorted as bytes).
fn score_table_rows(
    doc_ids: Vec<String>,
    words: &[u64],
    frames: &[f64],
    stance: &[f64],
    (nf, nt): (usize, usize),
) -> PyResult<(Vec<FramingRow>, Vec<StanceRow>)> {
    let n = doc_ids.len();
    if words.len() != n
        || frames.len() != n * nf * FRAME_CELLS
        || stance.len() != n * nt * STANCE_CELLS
    {
        return Err(msg(format!(
            "scores: {n} documents, {} word counts, {} frame and {} stance numbers \
             ({nf} frames, {nt} targets)",
            words.len(),
            frames.len(),
            stance.len()
        )));
    }
    let opt = |v: f64| (!v.is_nan()).then_some(v);
    let mut framing = Vec::with_capacity(n);
    let mut stances = Vec::with_capacity(n);
    for (i, doc_id) in doc_ids.into_iter().enumerate() {
        let f = &frames[i * nf * FRAME_CELLS..(i + 1) * nf * FRAME_CELLS];
        let s = &stance[i * nt * STANCE_CELLS..(i + 1) * nt * STANCE_CELLS];
        framing.push(FramingRow {
            doc_id: doc_id.clone(),
            words: words[i],
            frames: f
                .chunks_exact(FRAME_CELLS)
                .map(|c| FrameCell { per_1k: c[0], hits: c[1] as u64 })
                .collect(),
        });
        stances.push(StanceRow {
            doc_id,
            targets: s
                .chunks_exact(STANCE_CELLS)
                .map(|c| StanceCell {
                    score: opt(c[0]),
                    mentions: c[1] as u64,
                    quoted_score: opt(c[2]),
                    quoted_mentions: c[3] as u64,
                })
                .collect(),
        });
    }
    Ok((framing, stances))
}

/// Writes `run`'s CSV files into `out_dir` with the command's formatter,
/// all or nothing: `clusters.csv` and `skipped.csv` (as
/// [`spark_write_dups`] takes them), `framing.csv` and `stance.csv` from
/// [`spark_doc_scores`]'s numbers gathered in document order (`scores`:
/// `doc_id`, `words`, and the f64 buffers `frames` and `stance`), and
/// `pairs.csv` and `passages.csv` judged here by the command's rules
/// ([`judge_run`]).
#[pyfunction]
#[pyo3(signature = (out_dir, pairs, clusters, skipped, scores, listed, passages, options=None))]
#[allow(clippy::too_many_arguments)]
fn spark_write_run(
    py: Python<'_>,
    out_dir: PathBuf,
    pairs: &Bound<'_, PyDict>,
    clusters: &Bound<'_, PyDict>,
    skipped: Vec<(String, String)>,
    scores: &Bound<'_, PyDict>,
    listed: &Bound<'_, PyDict>,
    passages: &Bound<'_, PyDict>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Vec<PathBuf>> {
    let o = opts(options)?;
    let mut results = dups_results(py, pairs, clusters, skipped, &o)?;
    let sc = cached_scorer(&o)?;
    let (frame_keys, target_keys) = (sc.frames().to_vec(), sc.targets().to_vec());
    let frames: Vec<u8> = col(scores, "frames")?;
    let stance: Vec<u8> = col(scores, "stance")?;
    let words: Vec<u64> = col(scores, "words")?;
    let (framing, stance) = score_table_rows(
        col(scores, "doc_id")?,
        &words,
        &f64s(&frames),
        &f64s(&stance),
        (frame_keys.len(), target_keys.len()),
    )?;
    results.frame_keys = frame_keys;
    results.target_keys = target_keys;
    results.framing = framing;
    results.stance = stance;
    let (pair_rows, passage_rows) = judge_run(py, listed, passages, &o)?;
    results.pairs = pair_rows;
    results.passages = passage_rows;
    results.passages_skipped = false;
    let tables = vec![
        TableKind::Pairs,
        TableKind::Clusters,
        TableKind::Passages,
        TableKind::Framing,
        TableKind::Stance,
    ];
    write_tables(py, &out_dir, &results, &o, tables)
}

/// `run`'s verdicts over the pairs that may be reported and their
/// passages, by the command's rules ([`classify::judge_corpus`],
/// [`pipeline::pair_cluster`], [`cluster::likely_source`],
/// [`report::rows::pair_row`]): the rows of `pairs.csv` and
/// `passages.csv`.
///
/// `listed`: every pair verified as a copy or aligned, sorted by
/// ordinals `(a, b)`, with ids, dates, exact overlap, estimate, the
/// clusters of both documents, `verified` (a copy found by the dups
/// stages), both lengths in words, and `via` (the representative a copy
/// was aligned through, or none). `passages`: every passage found, grouped
/// by pair in that order, with its numbers, recurrence and `passages.csv`
/// cells. Documents are renumbered densely in ordinal order, so the memory
/// is that of the listed pairs, not of the corpus.
fn judge_run(
    py: Python<'_>,
    listed: &Bound<'_, PyDict>,
    passages: &Bound<'_, PyDict>,
    o: &Opts,
) -> PyResult<(Vec<PairRow>, Vec<PassageRow>)> {
    let la: Vec<u64> = col(listed, "a")?;
    let lb: Vec<u64> = col(listed, "b")?;
    let doc_a: Vec<String> = col(listed, "doc_a")?;
    let doc_b: Vec<String> = col(listed, "doc_b")?;
    let date_a: Vec<Option<String>> = col(listed, "date_a")?;
    let date_b: Vec<Option<String>> = col(listed, "date_b")?;
    let jac: Vec<f64> = col(listed, "jaccard")?;
    let cab: Vec<f64> = col(listed, "containment_ab")?;
    let cba: Vec<f64> = col(listed, "containment_ba")?;
    let est: Vec<f64> = col(listed, "jaccard_est")?;
    let cl_a: Vec<Option<u32>> = col(listed, "cluster_a")?;
    let cl_b: Vec<Option<u32>> = col(listed, "cluster_b")?;
    let verified: Vec<bool> = col(listed, "verified")?;
    let words_a: Vec<u64> = col(listed, "words_a")?;
    let words_b: Vec<u64> = col(listed, "words_b")?;
    let via: Vec<Option<String>> = col(listed, "via")?;
    let n = la.len();
    let lens = [
        lb.len(),
        doc_a.len(),
        doc_b.len(),
        date_a.len(),
        date_b.len(),
        jac.len(),
        cab.len(),
        cba.len(),
        est.len(),
        cl_a.len(),
        cl_b.len(),
        verified.len(),
        words_a.len(),
        words_b.len(),
        via.len(),
    ];
    if lens.iter().any(|&l| l != n) {
        return Err(msg("listed pairs: columns of different lengths"));
    }
    let pa: Vec<u64> = col(passages, "a")?;
    let pb: Vec<u64> = col(passages, "b")?;
    let p_aw: Vec<u64> = col(passages, "a_words")?;
    let p_bw: Vec<u64> = col(passages, "b_words")?;
    let p_score: Vec<f64> = col(passages, "score")?;
    let p_kind: Vec<String> = col(passages, "kind")?;
    let p_run: Vec<u64> = col(passages, "copied_run")?;
    let p_docs: Vec<u64> = col(passages, "recurs_in")?;
    let p_same: Vec<u64> = col(passages, "same_source")?;
    let p_as: Vec<u64> = col(passages, "a_start")?;
    let p_ae: Vec<u64> = col(passages, "a_end")?;
    let p_bs: Vec<u64> = col(passages, "b_start")?;
    let p_be: Vec<u64> = col(passages, "b_end")?;
    let p_at: Vec<String> = col(passages, "a_text")?;
    let p_bt: Vec<String> = col(passages, "b_text")?;
    let m = pa.len();
    let plens = [
        pb.len(),
        p_aw.len(),
        p_bw.len(),
        p_score.len(),
        p_kind.len(),
        p_run.len(),
        p_docs.len(),
        p_same.len(),
        p_as.len(),
        p_ae.len(),
        p_bs.len(),
        p_be.len(),
        p_at.len(),
        p_bt.len(),
    ];
    if plens.iter().any(|&l| l != m) {
        return Err(msg("passages: columns of different lengths"));
    }
    let popts = o.cfg.pipeline_options(Stages::ALL).map_err(err)?;
    let rules = popts.rules();
    py.allow_threads(|| {
        // Dense numbers in ordinal order: every order the rules use is kept.
        let mut ords: Vec<u64> = la.iter().chain(&lb).copied().collect();
        ords.sort_unstable();
        ords.dedup();
        let num = |x: u64| ords.binary_search(&x).map(|i| i as u32);
        let mut words = vec![0usize; ords.len()];
        let mut index: BTreeMap<(u32, u32), usize> = BTreeMap::new();
        let mut kept = Vec::new();
        for i in 0..n {
            let (a, b) = (num(la[i]), num(lb[i]));
            let (Ok(a), Ok(b)) = (a, b) else { unreachable!("numbered above") };
            words[a as usize] = words_a[i] as usize;
            words[b as usize] = words_b[i] as usize;
            index.insert((a, b), i);
            if verified[i] {
                kept.push((a, b));
            }
        }
        let ov = |i: usize| candidates::Overlap {
            jaccard: jac[i],
            containment_ab: cab[i],
            containment_ba: cba[i],
            ..candidates::Overlap::default()
        };
        let mut found = Vec::with_capacity(m);
        let mut recurrence = Vec::with_capacity(m);
        for k in 0..m {
            let (Ok(a), Ok(b)) = (num(pa[k]), num(pb[k])) else {
                return Err(msg(format!(
                    "passage {k}: pair ({}, {}) is not among the listed pairs",
                    pa[k], pb[k]
                )));
            };
            let kind = [Kind::Verbatim, Kind::NearVerbatim, Kind::Paraphrase]
                .into_iter()
                .find(|x| x.as_str() == p_kind[k])
                .ok_or_else(|| msg(format!("passage {k}: unknown kind {:?}", p_kind[k])))?;
            // Only what the verdicts read of a passage: its numbers.
            let p = Passage {
                a_words: p_aw[k] as usize,
                b_words: p_bw[k] as usize,
                score: p_score[k],
                kind,
                copied_run: p_run[k] as usize,
                a_start: 0,
                a_end: 0,
                b_start: 0,
                b_end: 0,
                a_tokens: 0..0,
                b_tokens: 0..0,
            };
            found.push((DocId(a), DocId(b), p));
            recurrence
                .push(Recurrence { docs: p_docs[k] as usize, same_source: p_same[k] as usize });
        }
        let overlap_of = |a: u32, b: u32| index.get(&(a, b)).map(|&i| ov(i)).unwrap_or_default();
        let (judged, _) =
            classify::judge_corpus(&rules, &kept, &overlap_of, &words, &found, &recurrence);
        let (mut pair_rows, mut passage_rows) = (Vec::new(), Vec::new());
        for j in &judged {
            let Some(&i) = index.get(&(j.a.0, j.b.0)) else {
                return Err(msg("a judged pair is not among the listed pairs"));
            };
            let mut reuse = Vec::new();
            for &(k, role) in &j.passages {
                let boilerplate = role == Role::Boilerplate;
                if !boilerplate {
                    reuse.push(&found[k].2);
                }
                passage_rows.push(PassageRow {
                    passage: passage_rows.len() as u64 + 1,
                    doc_a: doc_a[i].clone(),
                    a_start: p_as[k],
                    a_end: p_ae[k],
                    doc_b: doc_b[i].clone(),
                    b_start: p_bs[k],
                    b_end: p_be[k],
                    a_words: p_aw[k],
                    b_words: p_bw[k],
                    score: p_score[k],
                    kind: found[k].2.kind.to_string(),
                    copied_run: p_run[k],
                    recurs_in: p_docs[k],
                    boilerplate,
                    a_text: p_at[k].clone(),
                    b_text: p_bt[k].clone(),
                });
            }
            let da = Document {
                id: doc_a[i].clone(),
                date: ingest_date(date_a[i].clone()),
                ..Document::default()
            };
            let db = Document {
                id: doc_b[i].clone(),
                date: ingest_date(date_b[i].clone()),
                ..Document::default()
            };
            let o = ov(i);
            let source = cluster::likely_source(&da, &db, &o);
            let mut row = report::rows::pair_row(&da, &db, &o, est[i], j.verdict, source, &reuse);
            row.cluster = pipeline::pair_cluster(verified[i], rules.is_copy(&o), cl_a[i], cl_b[i])
                .map(u64::from);
            row.aligned_via = via[i].clone().unwrap_or_default();
            pair_rows.push(row);
        }
        Ok((pair_rows, passage_rows))
    })
}

fn f64s(data: &[u8]) -> Vec<f64> {
    u64s(data).into_iter().map(f64::from_bits).collect()
}

/// Per document, what the passage stages need of it, from its alignment
/// form: its content keys (the rare-pair candidates, sorted, without
/// repeats), its content-word bigrams (the recurrence postings,
/// [`align::span_bigrams`]), its length in words (the verdicts' shares) and
/// its source name ([`classify::source_name`]). Keys and bigrams as flat
/// u64 buffers with their lengths.
#[pyfunction]
#[pyo3(signature = (texts, outlets, urls, options=None))]
#[allow(clippy::type_complexity)]
fn spark_doc_align_facts<'py>(
    py: Python<'py>,
    texts: Vec<String>,
    outlets: Vec<Option<String>>,
    urls: Vec<Option<String>>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<(
    Bound<'py, PyBytes>,
    Vec<u64>,
    Bound<'py, PyBytes>,
    Vec<u64>,
    Vec<u64>,
    Vec<Option<String>>,
)> {
    if outlets.len() != texts.len() || urls.len() != texts.len() {
        return Err(msg("documents: texts, outlets and urls of different lengths"));
    }
    let o = opts(options)?;
    let sk = o.cfg.sketcher().map_err(err)?;
    let (keys, key_lens, grams, gram_lens, words) = py.allow_threads(|| {
        let per: Vec<(Vec<u64>, Vec<u64>, u64)> = texts
            .par_iter()
            .map(|t| {
                let nd = sk.normalizer().normalize(t);
                let ad = AlignDoc::new(&nd);
                let mut k: Vec<u64> = ad.content_keys().collect();
                k.sort_unstable();
                k.dedup();
                (k, align::span_bigrams(&ad, 0..ad.len()), nd.len() as u64)
            })
            .collect();
        let (mut keys, mut key_lens, mut grams, mut gram_lens, mut words) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (k, g, w) in per {
            key_lens.push(k.len() as u64);
            gram_lens.push(g.len() as u64);
            keys.extend(k.iter().flat_map(|v| v.to_ne_bytes()));
            grams.extend(g.iter().flat_map(|v| v.to_ne_bytes()));
            words.push(w);
        }
        (keys, key_lens, grams, gram_lens, words)
    });
    let sources = outlets
        .iter()
        .zip(&urls)
        .map(|(o, u)| classify::source_name(o.as_deref(), u.as_deref()))
        .collect();
    Ok((PyBytes::new(py, &keys), key_lens, PyBytes::new(py, &grams), gram_lens, words, sources))
}

/// The rare-pair rule's numbers for a corpus of `n` documents:
/// `(max_df, min_shared, probes)` — a key counts when 2 to `max(max_df, 2)`
/// documents hold it, and a pair is aligned when it shares `min_shared`
/// such keys (as [`candidates::RareIndex`] counts them); `probes` is how
/// many of a span's rarest bigrams the recurrence count reads
/// ([`align::PROBES`]).
#[pyfunction]
#[pyo3(signature = (n, options=None))]
fn spark_rare_params(
    n: usize,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<(usize, usize, usize)> {
    let o = opts(options)?;
    Ok((
        candidates::default_max_df(n).max(2),
        candidates::min_shared_for(o.cfg.align.min_words),
        align::PROBES,
    ))
}

/// One aligned passage as [`spark_align_pairs`] returns it: the pair's row
/// in the batch, the passage's numbers, its `passages.csv` cells (code
/// points, texts) and the bigrams of its two spans.
type PassageOut<'py> = (
    usize,
    (usize, usize, f64, &'static str, usize),
    (usize, usize, usize, usize),
    (u64, u64, u64, u64),
    (String, String),
    (Bound<'py, PyBytes>, Bound<'py, PyBytes>),
);

/// Aligns each pair by the command's rule ([`align::align_docs`] on both
/// alignment forms) and measures it: per pair `(jaccard, containment_ab,
/// containment_ba, jaccard_est)` as f64 (the exact overlap of the shingle
/// sets, the estimate of the signatures), and every passage found (see
/// [`PassageOut`]: `(pair, (a_words, b_words, score, kind, copied_run),
/// (a_tokens.start, a_tokens.end, b_tokens.start, b_tokens.end), (a_start,
/// a_end, b_start, b_end) in code points, (a_text, b_text), (a bigrams, b
/// bigrams))`), in the order alignment gives them.
#[pyfunction]
#[pyo3(signature = (a_ids, b_ids, a_texts, b_texts, a_sigs, b_sigs, options=None))]
#[allow(clippy::too_many_arguments)]
fn spark_align_pairs<'py>(
    py: Python<'py>,
    a_ids: Vec<String>,
    b_ids: Vec<String>,
    a_texts: Vec<String>,
    b_texts: Vec<String>,
    a_sigs: Vec<u8>,
    b_sigs: Vec<u8>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<(Bound<'py, PyBytes>, Vec<PassageOut<'py>>)> {
    let n = a_texts.len();
    if [b_texts.len(), a_ids.len(), b_ids.len()].iter().any(|&l| l != n) {
        return Err(msg("pairs: ids and texts of different lengths"));
    }
    let o = opts(options)?;
    let sk = o.cfg.sketcher().map_err(err)?;
    let sa = signature_rows(&a_sigs, o.cfg.num_perm, "a_sigs")?;
    let sb = signature_rows(&b_sigs, o.cfg.num_perm, "b_sigs")?;
    if sa.len() != n || sb.len() != n {
        return Err(msg("as many signatures as texts are needed on each side"));
    }
    type Found = (usize, Passage, PassageRow, Vec<u64>, Vec<u64>);
    let (nums, found): (Vec<u8>, Vec<Found>) = py.allow_threads(|| {
        let per: Vec<([f64; 4], Vec<Found>)> = (0..n)
            .into_par_iter()
            .map(|i| {
                let (ta, tb) = (&a_texts[i], &b_texts[i]);
                let ov = candidates::overlap(&sk.shingle_set(ta), &sk.shingle_set(tb));
                let est = sa[i].jaccard(&sb[i]);
                let (na, nb) = (sk.normalizer().normalize(ta), sk.normalizer().normalize(tb));
                let (ada, adb) = (AlignDoc::new(&na), AlignDoc::new(&nb));
                let da = Document { id: a_ids[i].clone(), text: ta.clone(), ..Document::default() };
                let db = Document { id: b_ids[i].clone(), text: tb.clone(), ..Document::default() };
                let (ia, ib) = (CharIndex::new(ta), CharIndex::new(tb));
                let ps = align::align_docs(&ada, &adb, &o.cfg.align)
                    .into_iter()
                    .map(|p| {
                        let row = report::rows::passage_row(&da, &db, &ia, &ib, &p);
                        let ga = align::span_bigrams(&ada, p.a_tokens.clone());
                        let gb = align::span_bigrams(&adb, p.b_tokens.clone());
                        (i, p, row, ga, gb)
                    })
                    .collect();
                ([ov.jaccard, ov.containment_ab, ov.containment_ba, est], ps)
            })
            .collect();
        let mut nums = Vec::with_capacity(n * 32);
        let mut found = Vec::new();
        for (v, ps) in per {
            nums.extend(v.iter().flat_map(|x| x.to_ne_bytes()));
            found.extend(ps);
        }
        (nums, found)
    });
    let bytes =
        |v: &[u64]| PyBytes::new(py, &v.iter().flat_map(|x| x.to_ne_bytes()).collect::<Vec<u8>>());
    let out = found
        .into_iter()
        .map(|(i, p, row, ga, gb)| {
            (
                i,
                (p.a_words, p.b_words, p.score, p.kind.as_str(), p.copied_run),
                (p.a_tokens.start, p.a_tokens.end, p.b_tokens.start, p.b_tokens.end),
                (row.a_start, row.a_end, row.b_start, row.b_end),
                (row.a_text, row.b_text),
                (bytes(&ga), bytes(&gb)),
            )
        })
        .collect();
    Ok((PyBytes::new(py, &nums), out))
}

/// Per span, the documents (ascending) that contain it, by the command's
/// rule ([`align::holding`]), from the posting lists of its bigrams: the
/// lists one after the other (u32 documents, each list ascending), the
/// lengths of the lists, and how many lists each span has.
#[pyfunction]
fn spark_holding(
    py: Python<'_>,
    docs: Vec<u8>,
    list_lens: Vec<u64>,
    lists_per_span: Vec<u64>,
) -> PyResult<Vec<Vec<u32>>> {
    let flat = u32s(&docs);
    if list_lens.iter().sum::<u64>() != flat.len() as u64
        || lists_per_span.iter().sum::<u64>() != list_lens.len() as u64
    {
        return Err(msg("spans: list lengths and documents disagree"));
    }
    Ok(py.allow_threads(|| {
        let mut lists: Vec<&[u32]> = Vec::with_capacity(list_lens.len());
        let mut at = 0usize;
        for &l in &list_lens {
            lists.push(&flat[at..at + l as usize]);
            at += l as usize;
        }
        let mut spans = Vec::with_capacity(lists_per_span.len());
        let mut k = 0usize;
        for &m in &lists_per_span {
            spans.push(lists[k..k + m as usize].to_vec());
            k += m as usize;
        }
        spans.into_par_iter().map(align::holding).collect()
    }))
}

/// Per passage, `(docs, same_source)` ([`Recurrence::from_sources`]) from
/// the sources of the documents containing either side (each document
/// once) and the sources of the two sides.
#[pyfunction]
fn spark_recurrence(
    sources: Vec<Vec<Option<String>>>,
    a_sources: Vec<Option<String>>,
    b_sources: Vec<Option<String>>,
) -> PyResult<Vec<(usize, usize)>> {
    if a_sources.len() != sources.len() || b_sources.len() != sources.len() {
        return Err(msg("recurrence: columns of different lengths"));
    }
    Ok(sources
        .iter()
        .zip(a_sources)
        .zip(b_sources)
        .map(|((s, a), b)| {
            let r = Recurrence::from_sources(s, a, b);
            (r.docs, r.same_source)
        })
        .collect())
}
