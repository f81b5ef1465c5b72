//! PAN text-alignment evaluation.
//!
//! Input: a corpus folder in PAN format (`source-documents/*.txt`,
//! `suspicious-documents/*.txt`, `plagiarism-annotation/*.xml` with one
//! `<feature name="plagiarism" .../>` per reused passage, offsets in code
//! points). Output: a [`PanReport`] with the PAN measures (Potthast et al.
//! 2010: character-level macro precision and recall, granularity, plagdet)
//! overall and per obfuscation type.
//!
//! Invariant: the report depends only on the corpus and the options
//! (documents are processed in parallel, results are sorted before
//! measuring).
//!
//! Retrieval is parallax's own and stays here: an inverted index of the
//! sources' rare content keys proposes candidate sources per suspicious
//! document; [`crate::align`] then finds the passages of each candidate
//! pair. Per-type precision uses the detections that overlap at least one
//! case of that type (as in the PAN reports); detections that overlap no
//! case count in the overall precision only.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::align::{align_docs, AlignDoc, AlignOptions};
use crate::doc::CharIndex;
use crate::error::{Error, Result};
use crate::normalize::Normalizer;

/// Which suspicious documents to evaluate on. Tune on `Dev`, report
/// `Holdout` too, so the numbers are not measured on what was tuned.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Split {
    /// Every suspicious document.
    #[default]
    All,
    /// Suspicious documents with an odd number (0001, 0003, ...).
    Dev,
    /// Suspicious documents with an even number.
    Holdout,
}

impl Split {
    fn keeps(self, name: &str) -> bool {
        let n: u64 =
            name.chars().filter(|c| c.is_ascii_digit()).collect::<String>().parse().unwrap_or(0);
        match self {
            Split::All => true,
            Split::Dev => n % 2 == 1,
            Split::Holdout => n.is_multiple_of(2),
        }
    }
}

/// Evaluation settings.
#[derive(Clone, Debug)]
pub struct PanOptions {
    /// Alignment settings used for every candidate pair.
    pub align: AlignOptions,
    /// Subset of suspicious documents.
    pub split: Split,
    /// At most this many candidate sources per suspicious document.
    pub max_candidates: usize,
    /// A source is a candidate when it shares at least this many distinct
    /// rare content keys with one window of the suspicious document.
    pub min_shared_keys: usize,
    /// A key is rare when it occurs in at most this share of the sources.
    pub max_key_df: f64,
}

impl Default for PanOptions {
    fn default() -> Self {
        PanOptions {
            align: AlignOptions::default(),
            split: Split::All,
            max_candidates: 30,
            min_shared_keys: 4,
            max_key_df: 0.05,
        }
    }
}

/// A plagiarism case or a detection: spans (code points) in a suspicious
/// document and in a source document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Annotation {
    /// Suspicious document file name.
    pub this_doc: String,
    /// Span in the suspicious document.
    pub this: Range<usize>,
    /// Source document file name.
    pub source_doc: String,
    /// Span in the source document.
    pub source: Range<usize>,
    /// Obfuscation type (empty for detections).
    pub obfuscation: String,
}

/// The PAN measures on one set of cases.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct PanScores {
    /// Character-level macro precision.
    pub precision: f64,
    /// Character-level macro recall.
    pub recall: f64,
    /// Mean number of detections per detected case (1 is ideal).
    pub granularity: f64,
    /// F1 / log2(1 + granularity).
    pub plagdet: f64,
    /// Number of cases.
    pub cases: usize,
    /// Number of detections measured.
    pub detections: usize,
}

/// The result of [`evaluate_pan`].
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct PanReport {
    /// Measures over all cases and detections.
    pub overall: PanScores,
    /// Measures per obfuscation type, by name.
    pub by_obfuscation: BTreeMap<String, PanScores>,
    /// Suspicious documents evaluated.
    pub suspicious_documents: usize,
    /// Share of (suspicious, source) pairs with a case that retrieval
    /// proposed as candidates: an upper bound on recall.
    pub candidate_recall: f64,
}

impl fmt::Display for PanReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<28} {:>9} {:>9} {:>11} {:>8} {:>6} {:>10}",
            "obfuscation", "precision", "recall", "granularity", "plagdet", "cases", "detections"
        )?;
        let row = |f: &mut fmt::Formatter<'_>, name: &str, s: &PanScores| {
            writeln!(
                f,
                "{:<28} {:>9.4} {:>9.4} {:>11.4} {:>8.4} {:>6} {:>10}",
                name, s.precision, s.recall, s.granularity, s.plagdet, s.cases, s.detections
            )
        };
        for (name, s) in &self.by_obfuscation {
            row(f, name, s)?;
        }
        row(f, "overall", &self.overall)?;
        write!(
            f,
            "{} suspicious documents; candidate retrieval recall {:.4}",
            self.suspicious_documents, self.candidate_recall
        )
    }
}

/// Parses one PAN annotation file. `this_doc` defaults to the document's
/// `reference` attribute.
pub fn parse_annotations(xml: &str, path: &str) -> Result<Vec<Annotation>> {
    use quick_xml::events::Event;
    let bad = |msg: String| Error::Eval { path: path.to_string(), line: None, message: msg.into() };
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut this_doc = String::new();
    let mut out = Vec::new();
    loop {
        let ev = reader.read_event().map_err(|e| bad(format!("invalid XML: {e}")))?;
        let e = match ev {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => e,
            _ => continue,
        };
        let mut attrs: BTreeMap<String, String> = BTreeMap::new();
        for a in e.attributes() {
            let a = a.map_err(|e| bad(format!("invalid attribute: {e}")))?;
            let key = String::from_utf8_lossy(a.key.as_ref()).into_owned();
            let val = a.unescape_value().map_err(|e| bad(format!("invalid attribute: {e}")))?;
            attrs.insert(key, val.into_owned());
        }
        match e.name().as_ref() {
            b"document" => this_doc = attrs.get("reference").cloned().unwrap_or_default(),
            b"feature" if attrs.get("name").map(String::as_str) == Some("plagiarism") => {
                let num = |k: &str| -> Result<usize> {
                    attrs
                        .get(k)
                        .ok_or_else(|| bad(format!("feature without {k}")))?
                        .trim()
                        .parse()
                        .map_err(|_| bad(format!("{k} is not a number")))
                };
                let (to, tl, so, sl) = (
                    num("this_offset")?,
                    num("this_length")?,
                    num("source_offset")?,
                    num("source_length")?,
                );
                out.push(Annotation {
                    this_doc: this_doc.clone(),
                    this: to..to + tl,
                    source_doc: attrs.get("source_reference").cloned().unwrap_or_default(),
                    source: so..so + sl,
                    obfuscation: attrs.get("obfuscation").cloned().unwrap_or_else(|| "none".into()),
                });
            }
            _ => {}
        }
    }
    Ok(out)
}

/// Total length of the union of `ranges` intersected with `within`.
fn covered(within: &Range<usize>, ranges: &mut [Range<usize>]) -> usize {
    ranges.sort_by_key(|r| (r.start, r.end));
    let (mut total, mut cur_end) = (0, within.start);
    for r in ranges.iter() {
        let s = r.start.max(within.start).max(cur_end);
        let e = r.end.min(within.end);
        if e > s {
            total += e - s;
            cur_end = e;
        }
    }
    total
}

fn same_pair(x: &Annotation, y: &Annotation) -> bool {
    x.this_doc == y.this_doc && x.source_doc == y.source_doc
}

fn overlap(x: &Range<usize>, y: &Range<usize>) -> bool {
    x.start < y.end && y.start < x.end
}

/// True when `r` detects `s`: same document pair, overlapping on both sides.
fn detects(r: &Annotation, s: &Annotation) -> bool {
    same_pair(r, s) && overlap(&r.this, &s.this) && overlap(&r.source, &s.source)
}

/// `|x ∩ ∪ others|` over both sides, and `|x|`.
fn shared_chars(x: &Annotation, others: &[&Annotation]) -> (usize, usize) {
    let mut t: Vec<_> = others.iter().map(|o| o.this.clone()).collect();
    let mut s: Vec<_> = others.iter().map(|o| o.source.clone()).collect();
    (covered(&x.this, &mut t) + covered(&x.source, &mut s), x.this.len() + x.source.len())
}

/// The PAN measures of `detections` against `cases`. With no detection,
/// precision is 0; with no detected case, granularity is 1.
pub fn measure(cases: &[Annotation], detections: &[Annotation]) -> PanScores {
    let ratio = |(hit, all): (usize, usize)| if all == 0 { 0.0 } else { hit as f64 / all as f64 };
    let mut recall_sum = 0.0;
    let (mut detected, mut gran_sum) = (0usize, 0usize);
    for s in cases {
        let rs: Vec<&Annotation> = detections.iter().filter(|r| detects(r, s)).collect();
        if !rs.is_empty() {
            detected += 1;
            gran_sum += rs.len();
        }
        recall_sum += ratio(shared_chars(s, &rs));
    }
    let mut prec_sum = 0.0;
    for r in detections {
        let ss: Vec<&Annotation> = cases.iter().filter(|s| detects(r, s)).collect();
        prec_sum += ratio(shared_chars(r, &ss));
    }
    let precision = if detections.is_empty() { 0.0 } else { prec_sum / detections.len() as f64 };
    let recall = if cases.is_empty() { 0.0 } else { recall_sum / cases.len() as f64 };
    let granularity = if detected == 0 { 1.0 } else { gran_sum as f64 / detected as f64 };
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    PanScores {
        precision,
        recall,
        granularity,
        plagdet: f1 / (1.0 + granularity).log2(),
        cases: cases.len(),
        detections: detections.len(),
    }
}

/// Overall and per-obfuscation measures (see the module doc for the
/// per-type convention).
pub fn report(cases: &[Annotation], detections: &[Annotation]) -> PanReport {
    let mut types: Vec<&str> = cases.iter().map(|c| c.obfuscation.as_str()).collect();
    types.sort_unstable();
    types.dedup();
    let mut by = BTreeMap::new();
    for t in types {
        let cs: Vec<Annotation> = cases.iter().filter(|c| c.obfuscation == t).cloned().collect();
        let ds: Vec<Annotation> =
            detections.iter().filter(|r| cs.iter().any(|s| detects(r, s))).cloned().collect();
        let mut scores = measure(&cs, &ds);
        // A detection of a type-T case may also overlap another case of
        // another type: its precision counts all cases, as in PAN.
        let all_prec: f64 = ds
            .iter()
            .map(|r| {
                let ss: Vec<&Annotation> = cases.iter().filter(|s| detects(r, s)).collect();
                let (h, a) = shared_chars(r, &ss);
                if a == 0 {
                    0.0
                } else {
                    h as f64 / a as f64
                }
            })
            .sum();
        if !ds.is_empty() {
            scores.precision = all_prec / ds.len() as f64;
            let (p, r) = (scores.precision, scores.recall);
            let f1 = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
            scores.plagdet = f1 / (1.0 + scores.granularity).log2();
        }
        by.insert(t.to_string(), scores);
    }
    PanReport { overall: measure(cases, detections), by_obfuscation: by, ..PanReport::default() }
}

fn read_dir_sorted(dir: &Path, ext: &str) -> Result<Vec<PathBuf>> {
    let rd = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut out = Vec::new();
    for entry in rd {
        let p = entry.map_err(|e| Error::io(dir, e))?.path();
        if p.extension().and_then(|e| e.to_str()) == Some(ext) {
            out.push(p);
        }
    }
    out.sort();
    Ok(out)
}

fn file_name(p: &Path) -> String {
    p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

fn read_text(p: &Path) -> Result<String> {
    let bytes = std::fs::read(p).map_err(|e| Error::io(p, e))?;
    let text = String::from_utf8_lossy(&bytes);
    Ok(text.strip_prefix('\u{feff}').unwrap_or(&text).to_string())
}

/// One prepared document.
struct Prepared {
    name: String,
    text: String,
    doc: AlignDoc,
    /// Distinct content keys.
    keys: Vec<u64>,
}

fn prepare(
    path: &Path,
    norm: &Normalizer,
    weight: Option<&(dyn Fn(u64) -> f64 + Sync)>,
) -> Result<Prepared> {
    let text = read_text(path)?;
    let nd = norm.normalize(&text);
    let doc = match weight {
        Some(w) => AlignDoc::with_weights(&nd, w),
        None => AlignDoc::new(&nd),
    };
    let mut keys: Vec<u64> = doc.content_keys().collect();
    keys.sort_unstable();
    keys.dedup();
    Ok(Prepared { name: file_name(path), text, doc, keys })
}

/// Runs retrieval and alignment over a PAN corpus and measures the result.
pub fn evaluate_pan(corpus_dir: &Path, opts: &PanOptions) -> Result<PanReport> {
    let src_dir = corpus_dir.join("source-documents");
    let susp_dir = corpus_dir.join("suspicious-documents");
    let ann_dir = corpus_dir.join("plagiarism-annotation");
    for d in [&src_dir, &susp_dir, &ann_dir] {
        if !d.is_dir() {
            return Err(Error::config(format!(
                "{}: not a PAN corpus (expected source-documents/, suspicious-documents/, plagiarism-annotation/)",
                corpus_dir.display()
            )));
        }
    }
    let norm = Normalizer::default();
    let src_paths = read_dir_sorted(&src_dir, "txt")?;
    let susp_paths: Vec<PathBuf> = read_dir_sorted(&susp_dir, "txt")?
        .into_iter()
        .filter(|p| opts.split.keeps(&file_name(p)))
        .collect();

    let sources: Vec<Prepared> =
        src_paths.par_iter().map(|p| prepare(p, &norm, None)).collect::<Result<_>>()?;
    // Inverted index of rare keys: key → sources holding it.
    let mut postings: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
    for (s, src) in sources.iter().enumerate() {
        for &k in &src.keys {
            postings.entry(k).or_default().push(s as u32);
        }
    }
    let max_df = ((opts.max_key_df * sources.len() as f64).ceil() as usize).max(1);

    let per_doc: Vec<(Vec<Annotation>, Vec<Annotation>, usize, usize)> = susp_paths
        .par_iter()
        .map(|path| -> Result<_> {
            let susp = prepare(path, &norm, None)?;
            let ann_path = ann_dir.join(file_name(path).replace(".txt", ".xml"));
            let mut cases = match std::fs::read_to_string(&ann_path) {
                Ok(xml) => parse_annotations(&xml, &ann_path.display().to_string())?,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
                Err(e) => return Err(Error::io(&ann_path, e)),
            };
            for c in &mut cases {
                c.this_doc = susp.name.clone();
            }
            let cands = candidates(&susp, &postings, max_df, opts);
            let mut case_pairs: Vec<String> = cases.iter().map(|c| c.source_doc.clone()).collect();
            case_pairs.sort_unstable();
            case_pairs.dedup();
            let found =
                case_pairs.iter().filter(|n| cands.iter().any(|&c| &sources[c].name == *n)).count();
            let sidx = CharIndex::new(&susp.text);
            let mut dets = Vec::new();
            for &c in &cands {
                let src = &sources[c];
                let bidx = CharIndex::new(&src.text);
                for p in align_docs(&susp.doc, &src.doc, &opts.align) {
                    dets.push(Annotation {
                        this_doc: susp.name.clone(),
                        this: sidx.cp(&susp.text, p.a_start)..sidx.cp(&susp.text, p.a_end),
                        source_doc: src.name.clone(),
                        source: bidx.cp(&src.text, p.b_start)..bidx.cp(&src.text, p.b_end),
                        obfuscation: String::new(),
                    });
                }
            }
            Ok((cases, dets, case_pairs.len(), found))
        })
        .collect::<Result<_>>()?;

    let mut cases = Vec::new();
    let mut dets = Vec::new();
    let (mut pairs, mut found) = (0, 0);
    for (c, d, p, f) in per_doc {
        cases.extend(c);
        dets.extend(d);
        pairs += p;
        found += f;
    }
    let order = |x: &Annotation| {
        (
            x.this_doc.clone(),
            x.this.start,
            x.this.end,
            x.source_doc.clone(),
            x.source.start,
            x.source.end,
        )
    };
    cases.sort_by_key(order);
    dets.sort_by_key(order);
    let mut rep = report(&cases, &dets);
    rep.suspicious_documents = susp_paths.len();
    rep.candidate_recall = if pairs == 0 { 1.0 } else { found as f64 / pairs as f64 };
    Ok(rep)
}

/// Content words per retrieval window, and the step between windows.
const WINDOW: usize = 40;
const WINDOW_STEP: usize = 20;
/// Best sources kept per window.
const PER_WINDOW: usize = 2;

/// Candidate sources of `susp`. A reused passage is a small part of a
/// suspicious document, so sources are ranked per window of the document
/// (by distinct rare keys shared with the window), not over the whole
/// document, where long unrelated sources would win on sheer size.
fn candidates(
    susp: &Prepared,
    postings: &FxHashMap<u64, Vec<u32>>,
    max_df: usize,
    opts: &PanOptions,
) -> Vec<usize> {
    let keys: Vec<u64> = susp.doc.content_keys().collect();
    let mut best: FxHashMap<u32, usize> = FxHashMap::default();
    let mut start = 0;
    loop {
        let end = (start + WINDOW).min(keys.len());
        let mut window: Vec<u64> = keys.get(start..end).unwrap_or(&[]).to_vec();
        window.sort_unstable();
        window.dedup();
        let mut shared: FxHashMap<u32, usize> = FxHashMap::default();
        for k in &window {
            if let Some(ps) = postings.get(k) {
                if ps.len() <= max_df {
                    for &s in ps {
                        *shared.entry(s).or_default() += 1;
                    }
                }
            }
        }
        let mut ranked: Vec<(usize, u32)> = shared
            .into_iter()
            .filter(|&(_, n)| n >= opts.min_shared_keys)
            .map(|(s, n)| (n, s))
            .collect();
        ranked.sort_unstable_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
        for &(n, s) in ranked.iter().take(PER_WINDOW) {
            let e = best.entry(s).or_default();
            *e = (*e).max(n);
        }
        if end >= keys.len() {
            break;
        }
        start += WINDOW_STEP;
    }
    let mut ranked: Vec<(usize, u32)> = best.into_iter().map(|(s, n)| (n, s)).collect();
    ranked.sort_unstable_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
    ranked.truncate(opts.max_candidates);
    ranked.into_iter().map(|(_, s)| s as usize).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ann(t: Range<usize>, s: Range<usize>, obf: &str) -> Annotation {
        Annotation {
            this_doc: "s1".into(),
            this: t,
            source_doc: "src1".into(),
            source: s,
            obfuscation: obf.into(),
        }
    }

    #[test]
    fn perfect_detection() {
        let cases = vec![ann(0..100, 50..150, "none")];
        let m = measure(&cases, &cases);
        assert_eq!((m.precision, m.recall, m.granularity, m.plagdet), (1.0, 1.0, 1.0, 1.0));
    }

    #[test]
    fn half_recall_and_split_detection() {
        // Case: 100 chars + 100 chars. Two detections cover the first half
        // of each side, split in two: recall 0.5, precision 1, granularity 2.
        let cases = vec![ann(0..100, 0..100, "none")];
        let dets = vec![ann(0..25, 0..25, ""), ann(25..50, 25..50, "")];
        let m = measure(&cases, &dets);
        assert!((m.recall - 0.5).abs() < 1e-12);
        assert!((m.precision - 1.0).abs() < 1e-12);
        assert_eq!(m.granularity, 2.0);
        let f1 = 2.0 * 0.5 / 1.5;
        assert!((m.plagdet - f1 / 3f64.log2()).abs() < 1e-12);
    }

    #[test]
    fn false_positive_and_overshoot() {
        // Detection 1 overshoots: 100 + 100 of its 150 + 150 chars are in
        // the case (precision 2/3). Detection 2 detects nothing (0).
        let cases = vec![ann(0..100, 0..100, "none"), ann(500..600, 500..600, "word shuffling")];
        let dets = vec![ann(0..150, 0..150, ""), ann(1000..1100, 1000..1100, "")];
        let m = measure(&cases, &dets);
        assert!((m.precision - (2.0 / 3.0) / 2.0).abs() < 1e-12);
        assert!((m.recall - 0.5).abs() < 1e-12);
        assert_eq!(m.granularity, 1.0);
        let r = report(&cases, &dets);
        let none = &r.by_obfuscation["none"];
        assert!((none.precision - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(none.recall, 1.0);
        let ws = &r.by_obfuscation["word shuffling"];
        assert_eq!((ws.recall, ws.detections), (0.0, 0));
        let json = serde_json::to_value(&r).unwrap();
        assert!(json["overall"]["plagdet"].is_number());
        assert_eq!(json["by_obfuscation"]["none"]["cases"], 1);
    }

    #[test]
    fn no_detection_scores_zero() {
        let m = measure(&[ann(0..10, 0..10, "none")], &[]);
        assert_eq!((m.precision, m.recall, m.granularity, m.plagdet), (0.0, 0.0, 1.0, 0.0));
    }

    #[test]
    fn detection_must_overlap_on_both_sides() {
        let cases = vec![ann(0..100, 0..100, "none")];
        let m = measure(&cases, &[ann(0..100, 200..300, "")]);
        assert_eq!((m.recall, m.precision), (0.0, 0.0));
    }

    #[test]
    fn parses_annotations() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<document reference="suspicious-document0001.txt">
<feature name="plagiarism" this_offset="119" this_length="316" source_reference="source-document00402.txt" source_offset="19259" source_length="310" obfuscation="word shuffling" type="artificial"/>
<feature name="other" this_offset="1" this_length="2"/>
</document>"#;
        let a = parse_annotations(xml, "x.xml").unwrap();
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].this_doc, "suspicious-document0001.txt");
        assert_eq!(a[0].this, 119..435);
        assert_eq!(a[0].source_doc, "source-document00402.txt");
        assert_eq!(a[0].source, 19259..19569);
        assert_eq!(a[0].obfuscation, "word shuffling");
        let bad =
            r#"<document reference="d"><feature name="plagiarism" this_offset="x"/></document>"#;
        assert!(parse_annotations(bad, "bad.xml").is_err());
    }

    #[test]
    fn split_by_number_parity() {
        assert!(Split::Dev.keeps("suspicious-document0001.txt"));
        assert!(!Split::Dev.keeps("suspicious-document0002.txt"));
        assert!(Split::Holdout.keeps("suspicious-document0002.txt"));
        assert!(Split::All.keeps("anything.txt"));
    }
}
