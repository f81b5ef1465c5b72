//! Relatedness against human "same story" ratings
//! (`parallax eval related DIR`), in the format of SemEval-2022 Task 8
//! (multilingual news article similarity).
//!
//! Input: a CSV file, or a folder whose `*.csv` files are read in name
//! order, with the columns `pair_id`, `lang1`, `lang2`, `text1`, `text2`
//! and `Overall` (1 = very similar … 4 = very dissimilar). Output: a
//! [`RelatedReport`]: per split and language, the Spearman correlation with
//! the rating of [`crate::related`]'s score, of its two parts (cosine and
//! reuse), and of two baselines: the Jaccard of the two texts' normalised
//! word sets and parallax's near-duplicate similarity (`char:7` shingle
//! Jaccard). The rating's sign is flipped (−Overall), so a positive
//! correlation means "more related, rated more similar".
//!
//! Which pairs: same-language pairs only (both texts in one language).
//! Rows whose `pair_id` ends in a letter are machine-translated
//! augmentations and are left out (counted in the report); a `pair_id`
//! seen again (the published files share some) keeps its first row.
//!
//! Split: a pair is `dev` when the FNV-1a 64-bit hash of its `pair_id` is
//! even, `holdout` when it is odd. Tune on `dev`; `holdout` says whether the
//! tuning generalises. Document frequencies are counted over the texts of
//! every kept pair (no rating is read for that), as a run counts them over
//! its corpus.
//!
//! Invariant: the report depends only on the files (pairs are kept in file
//! order; parallel work is collected in order).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

use crate::align::{align_docs, AlignDoc, AlignOptions};
use crate::candidates;
use crate::error::{Error, Result};
use crate::normalize::{NormalizedDoc, Normalizer};
use crate::related::{self, DocFreq, TermVector, Terms};
use crate::shingle::{self, ShingleConfig};

/// Which pairs to report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Split {
    /// Both parts, reported separately.
    #[default]
    All,
    /// Pairs with an even `pair_id` hash.
    Dev,
    /// Pairs with an odd `pair_id` hash.
    Holdout,
}

/// The split a pair belongs to (`Dev` or `Holdout`).
pub fn split_of(pair_id: &str) -> Split {
    if fnv1a64(pair_id.as_bytes()).is_multiple_of(2) {
        Split::Dev
    } else {
        Split::Holdout
    }
}

fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// One rated pair with parallax's scores.
#[derive(Clone, Debug, Serialize)]
pub struct PairScore {
    /// The pair's id.
    pub pair_id: String,
    /// Language of both texts.
    pub lang: String,
    /// `dev` or `holdout`.
    pub split: Split,
    /// Human rating, 1 (very similar) … 4 (very dissimilar).
    pub overall: f64,
    /// [`related::related`].
    pub related: f64,
    /// IDF-weighted cosine of content keys.
    pub cosine: f64,
    /// Larger share of either text inside shared passages.
    pub reuse: f64,
    /// Jaccard of normalised word sets (baseline).
    pub word_jaccard: f64,
    /// Jaccard of `char:7` shingle sets (`similarity.csv`).
    pub char7_jaccard: f64,
}

/// Spearman correlations for one group of pairs.
#[derive(Clone, Debug, Serialize)]
pub struct GroupRow {
    /// `dev` or `holdout`.
    pub split: Split,
    /// Language code, or `all`.
    pub lang: String,
    /// Pairs in the group.
    pub pairs: usize,
    /// Spearman of `related` with −Overall.
    pub related: f64,
    /// Spearman of the cosine part.
    pub cosine: f64,
    /// Spearman of the reuse part.
    pub reuse: f64,
    /// Spearman of the word-overlap baseline.
    pub word_jaccard: f64,
    /// Spearman of `char:7` Jaccard.
    pub char7_jaccard: f64,
}

/// The evaluation's result.
#[derive(Clone, Debug, Serialize)]
pub struct RelatedReport {
    /// Files read, in order.
    pub files: Vec<String>,
    /// Same-language pairs kept.
    pub pairs: usize,
    /// Rows left out because they pair two languages.
    pub cross_language: usize,
    /// Rows left out as machine-translated augmentations.
    pub augmented: usize,
    /// Rows left out because their `pair_id` was already read.
    pub repeated: usize,
    /// One row per (split, language), then `all` per split.
    pub groups: Vec<GroupRow>,
    /// Every kept pair with its scores (ids and numbers only).
    #[serde(skip)]
    pub scores: Vec<PairScore>,
}

struct RawPair {
    pair_id: String,
    lang: String,
    overall: f64,
    text1: String,
    text2: String,
}

/// Reads the pairs under `path` and scores them.
pub fn evaluate_related(
    path: &Path,
    normalizer: &Normalizer,
    align: &AlignOptions,
    split: Split,
) -> Result<RelatedReport> {
    let files = csv_files(path)?;
    let mut raw: Vec<RawPair> = Vec::new();
    let (mut cross, mut augmented, mut repeated) = (0, 0, 0);
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for f in &files {
        read_file(f, &mut raw, &mut seen, &mut cross, &mut augmented, &mut repeated)?;
    }
    if raw.is_empty() {
        return Err(Error::Eval {
            path: path.display().to_string(),
            line: None,
            message: "no same-language, non-augmented pair with a rating".into(),
        });
    }
    // Both texts of every pair: normalised, prepared, counted.
    struct Side {
        nd: NormalizedDoc,
        ad: AlignDoc,
        terms: Terms,
    }
    let sides: Vec<Side> = raw
        .par_iter()
        .flat_map_iter(|p| [&p.text1, &p.text2])
        .map(|t| {
            let nd = normalizer.normalize(t);
            let ad = AlignDoc::new(&nd);
            let terms = Terms::of(&ad);
            Side { nd, ad, terms }
        })
        .collect();
    let terms: Vec<Terms> = sides.iter().map(|s| s.terms.clone()).collect();
    let df = DocFreq::new(&terms);
    let vectors: Vec<TermVector> = terms.iter().map(|t| TermVector::new(t, &df)).collect();
    let char7 = ShingleConfig::default();
    let scores: Vec<PairScore> = raw
        .par_iter()
        .enumerate()
        .map(|(i, p)| {
            let (a, b) = (&sides[2 * i], &sides[2 * i + 1]);
            let cos = related::cosine(&vectors[2 * i], &vectors[2 * i + 1]);
            let reuse = reuse_share(&a.ad, &b.ad, a.nd.len(), b.nd.len(), align);
            let wa = word_set(&a.nd);
            let wb = word_set(&b.nd);
            let c7 = candidates::overlap(
                &shingle::shingle_set(&char7, &a.nd),
                &shingle::shingle_set(&char7, &b.nd),
            )
            .jaccard;
            PairScore {
                pair_id: p.pair_id.clone(),
                lang: p.lang.clone(),
                split: split_of(&p.pair_id),
                overall: p.overall,
                related: related::related(cos, reuse),
                cosine: cos,
                reuse,
                word_jaccard: jaccard(&wa, &wb),
                char7_jaccard: c7,
            }
        })
        .collect();
    let splits: &[Split] = match split {
        Split::All => &[Split::Dev, Split::Holdout],
        s => std::slice::from_ref(match s {
            Split::Dev => &Split::Dev,
            _ => &Split::Holdout,
        }),
    };
    let langs: BTreeSet<&str> = scores.iter().map(|s| s.lang.as_str()).collect();
    let mut groups = Vec::new();
    for &sp in splits {
        for l in langs.iter().copied().chain(["all"]) {
            let g: Vec<&PairScore> =
                scores.iter().filter(|s| s.split == sp && (l == "all" || s.lang == l)).collect();
            if g.is_empty() {
                continue;
            }
            let y: Vec<f64> = g.iter().map(|s| -s.overall).collect();
            let col = |f: fn(&PairScore) -> f64| {
                spearman(&g.iter().map(|s| f(s)).collect::<Vec<_>>(), &y)
            };
            groups.push(GroupRow {
                split: sp,
                lang: l.to_string(),
                pairs: g.len(),
                related: col(|s| s.related),
                cosine: col(|s| s.cosine),
                reuse: col(|s| s.reuse),
                word_jaccard: col(|s| s.word_jaccard),
                char7_jaccard: col(|s| s.char7_jaccard),
            });
        }
    }
    Ok(RelatedReport {
        files: files.iter().map(|f| f.display().to_string()).collect(),
        pairs: scores.len(),
        cross_language: cross,
        augmented,
        repeated,
        groups,
        scores,
    })
}

/// The larger of the two texts' shares of words inside shared passages.
pub fn reuse_share(
    a: &AlignDoc,
    b: &AlignDoc,
    a_len: usize,
    b_len: usize,
    opts: &AlignOptions,
) -> f64 {
    let ps = align_docs(a, b, opts);
    let wa: usize = ps.iter().map(|p| p.a_words).sum();
    let wb: usize = ps.iter().map(|p| p.b_words).sum();
    let share = |w: usize, n: usize| if n == 0 { 0.0 } else { (w as f64 / n as f64).min(1.0) };
    share(wa, a_len).max(share(wb, b_len))
}

/// The normalised forms of a text's tokens (words and numbers), as a set.
fn word_set(nd: &NormalizedDoc) -> Vec<&str> {
    let mut v: Vec<&str> = nd.tokens.iter().map(|t| nd.norm(t)).collect();
    v.sort_unstable();
    v.dedup();
    v
}

fn jaccard(a: &[&str], b: &[&str]) -> f64 {
    let (mut i, mut j, mut inter) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                inter += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - inter;
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

/// Spearman's rank correlation (average ranks for ties); 0 when either
/// side is constant or there are fewer than two values.
pub fn spearman(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len().min(y.len());
    if n < 2 {
        return 0.0;
    }
    let (rx, ry) = (ranks(&x[..n]), ranks(&y[..n]));
    let mean = (n as f64 + 1.0) / 2.0;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for i in 0..n {
        let (dx, dy) = (rx[i] - mean, ry[i] - mean);
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    if sxx == 0.0 || syy == 0.0 {
        0.0
    } else {
        sxy / (sxx * syy).sqrt()
    }
}

/// 1-based ranks, ties sharing their average rank.
fn ranks(v: &[f64]) -> Vec<f64> {
    let mut idx: Vec<usize> = (0..v.len()).collect();
    idx.sort_by(|&a, &b| v[a].total_cmp(&v[b]).then(a.cmp(&b)));
    let mut r = vec![0.0; v.len()];
    let mut i = 0;
    while i < idx.len() {
        let mut j = i;
        while j + 1 < idx.len() && v[idx[j + 1]] == v[idx[i]] {
            j += 1;
        }
        let avg = (i + j) as f64 / 2.0 + 1.0;
        for &k in &idx[i..=j] {
            r[k] = avg;
        }
        i = j + 1;
    }
    r
}

fn csv_files(path: &Path) -> Result<Vec<PathBuf>> {
    if path.is_dir() {
        let mut v: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| Error::io(path, e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("csv")))
            .collect();
        v.sort();
        if v.is_empty() {
            return Err(Error::Eval {
                path: path.display().to_string(),
                line: None,
                message: "no .csv file in this folder".into(),
            });
        }
        Ok(v)
    } else {
        Ok(vec![path.to_path_buf()])
    }
}

fn read_file(
    path: &Path,
    out: &mut Vec<RawPair>,
    seen: &mut BTreeSet<String>,
    cross: &mut usize,
    augmented: &mut usize,
    repeated: &mut usize,
) -> Result<()> {
    let err = |line: Option<u64>, m: String| Error::Eval {
        path: path.display().to_string(),
        line,
        message: m.into(),
    };
    let raw = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let raw = raw.strip_prefix('\u{feff}').unwrap_or(&raw);
    let mut rdr = csv::ReaderBuilder::new().has_headers(true).from_reader(raw.as_bytes());
    let headers =
        rdr.headers().map_err(|e| err(Some(1), format!("cannot read the header: {e}")))?.clone();
    let col = |n: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(n))
            .ok_or_else(|| err(Some(1), format!("no `{n}` column")))
    };
    let (c_id, c_l1, c_l2, c_t1, c_t2, c_ov) = (
        col("pair_id")?,
        col("lang1")?,
        col("lang2")?,
        col("text1")?,
        col("text2")?,
        col("overall")?,
    );
    let mut lines = super::LineCounter::default();
    for rec in rdr.records() {
        let rec = match rec {
            Ok(rec) => rec,
            Err(e) => {
                let line = e.position().map(|p| lines.line(raw, p.byte()));
                return Err(err(line, format!("unreadable row: {e}")));
            }
        };
        let line = rec.position().map(|p| lines.line(raw, p.byte()));
        let get = |c: usize| rec.get(c).unwrap_or("").trim();
        let id = get(c_id);
        if get(c_l1) != get(c_l2) {
            *cross += 1;
            continue;
        }
        if !id.ends_with(|c: char| c.is_ascii_digit()) {
            *augmented += 1;
            continue;
        }
        if !seen.insert(id.to_string()) {
            *repeated += 1;
            continue;
        }
        let overall: f64 = get(c_ov).parse().map_err(|_| {
            err(line, format!("pair {id}: Overall {:?} is not a number", get(c_ov)))
        })?;
        if !(1.0..=4.0).contains(&overall) {
            return Err(err(line, format!("pair {id}: Overall {overall} is outside 1..4")));
        }
        out.push(RawPair {
            pair_id: id.to_string(),
            lang: get(c_l1).to_string(),
            overall,
            text1: rec.get(c_t1).unwrap_or("").to_string(),
            text2: rec.get(c_t2).unwrap_or("").to_string(),
        });
    }
    Ok(())
}

impl RelatedReport {
    /// The per-pair scores as CSV (ids and numbers, no text).
    pub fn scores_csv(&self) -> String {
        let mut s = String::from(
            "pair_id,lang,split,overall,related,cosine,reuse,word_jaccard,char7_jaccard\n",
        );
        for p in &self.scores {
            s.push_str(&format!(
                "{},{},{},{:.4},{:.6},{:.6},{:.6},{:.6},{:.6}\n",
                p.pair_id,
                p.lang,
                split_name(p.split),
                p.overall,
                p.related,
                p.cosine,
                p.reuse,
                p.word_jaccard,
                p.char7_jaccard
            ));
        }
        s
    }
}

fn split_name(s: Split) -> &'static str {
    match s {
        Split::All => "all",
        Split::Dev => "dev",
        Split::Holdout => "holdout",
    }
}

impl fmt::Display for RelatedReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} same-language pairs ({} cross-language, {} machine-translated, {} repeated ids left out)",
            self.pairs, self.cross_language, self.augmented, self.repeated
        )?;
        writeln!(f, "Spearman with −Overall (higher = ranks pairs as the raters did)")?;
        writeln!(
            f,
            "{:<8} {:<5} {:>6} {:>8} {:>8} {:>8} {:>8} {:>8}",
            "split", "lang", "pairs", "related", "cosine", "reuse", "words", "char7"
        )?;
        let mut by: BTreeMap<(u8, bool, &str), &GroupRow> = BTreeMap::new();
        for g in &self.groups {
            by.insert((g.split as u8, g.lang == "all", g.lang.as_str()), g);
        }
        for g in by.values() {
            writeln!(
                f,
                "{:<8} {:<5} {:>6} {:>8.3} {:>8.3} {:>8.3} {:>8.3} {:>8.3}",
                split_name(g.split),
                g.lang,
                g.pairs,
                g.related,
                g.cosine,
                g.reuse,
                g.word_jaccard,
                g.char7_jaccard
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spearman_of_monotone_and_reversed_and_ties() {
        let x = [1.0, 2.0, 3.0, 4.0];
        assert!((spearman(&x, &[10.0, 20.0, 30.0, 40.0]) - 1.0).abs() < 1e-12);
        assert!((spearman(&x, &[4.0, 3.0, 2.0, 1.0]) + 1.0).abs() < 1e-12);
        assert_eq!(spearman(&x, &[1.0, 1.0, 1.0, 1.0]), 0.0);
        // Ties share the average rank: ranks of y are 1.5, 1.5, 3, 4.
        let r = ranks(&[5.0, 5.0, 6.0, 7.0]);
        assert_eq!(r, vec![1.5, 1.5, 3.0, 4.0]);
    }

    #[test]
    fn split_is_a_fixed_hash_of_the_id() {
        // FNV-1a 64 of "" is the offset basis (odd), of "a" 0xaf63dc4c8601ec8c (even).
        assert_eq!(split_of(""), Split::Holdout);
        assert_eq!(split_of("a"), Split::Dev);
    }

    #[test]
    fn reads_pairs_and_leaves_out_augmented_cross_language_and_repeats() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("pairs.csv");
        std::fs::write(
            &p,
            "pair_id,lang1,lang2,text1,text2,Overall\n\
             1_2,en,en,\"The minister met the ambassador in Algiers on Monday.\",\"In Algiers the ambassador met the minister, officials said Monday.\",1.0\n\
             3_4,en,en,\"The football season opens with a derby in Madrid.\",\"Rain is expected over the coast this weekend.\",4.0\n\
             5_6,en,de,\"A\",\"B\",2.0\n\
             7_8fr,fr,fr,\"A\",\"B\",2.0\n\
             1_2,en,en,\"A\",\"B\",3.0\n",
        )
        .unwrap();
        let r = evaluate_related(&p, &Normalizer::default(), &AlignOptions::default(), Split::All)
            .unwrap();
        assert_eq!((r.pairs, r.cross_language, r.augmented, r.repeated), (2, 1, 1, 1));
        let same = &r.scores[0];
        let other = &r.scores[1];
        assert!(same.related > other.related + 0.3, "{} vs {}", same.related, other.related);
        assert!(same.word_jaccard > other.word_jaccard);
    }

    #[test]
    fn a_bad_rating_names_the_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("bad.csv");
        std::fs::write(&p, "pair_id,lang1,lang2,text1,text2,Overall\n1_2,en,en,a,b,x\n").unwrap();
        let e = evaluate_related(&p, &Normalizer::default(), &AlignOptions::default(), Split::All)
            .unwrap_err()
            .to_string();
        assert!(e.contains("bad.csv") && e.contains("not a number"), "{e}");
    }

    #[test]
    fn errors_name_the_physical_line_past_blank_lines() {
        let dir = tempfile::tempdir().unwrap();
        let run = |name: &str, text: &str| {
            let p = dir.path().join(name);
            std::fs::write(&p, text).unwrap();
            evaluate_related(&p, &Normalizer::default(), &AlignOptions::default(), Split::All)
                .unwrap_err()
                .to_string()
        };
        let head = "pair_id,lang1,lang2,text1,text2,Overall\n";
        // A bad rating on line 4, after a blank line 3.
        let e = run("rating.csv", &format!("{head}1_2,en,en,a,b,1.0\n\n3_4,en,en,a,b,x\n"));
        assert!(e.contains("rating.csv:4"), "{e}");
        // A row with too few fields on line 5, after two blank lines.
        let e = run("short.csv", &format!("{head}1_2,en,en,a,b,1.0\n\n\n3_4,en\n"));
        assert!(e.contains("short.csv:5") && e.contains("unreadable row"), "{e}");
    }
}
