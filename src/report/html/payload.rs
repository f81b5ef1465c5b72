//! The data `report.html` embeds, once, as JSON: documents (texts only for
//! those a side-by-side view or the evidence can show), pairs, passages,
//! republished groups, a few chosen rows of each heat map, per-document
//! stance and frames, evidence sentences, framing shift.
//!
//! Keys are short (the page of 20,000 documents carries hundreds of
//! thousands of them); documents are referred to by index into `docs`;
//! scores are rounded to three decimals. Everything here is plain data:
//! the script decides how to show it.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::super::model::{Matrix, Results};
use super::super::table::TableKind;
use super::super::OutputOptions;

/// Documents per heat map, at most: the ones with the strongest
/// off-diagonal values, so the map shows where reuse is.
pub(crate) const MAX_HEAT: usize = 40;
/// Evidence sentences kept per document and target (or frame).
const MAX_EVIDENCE_SENTENCES: usize = 3;
/// Characters of an evidence sentence kept on each side of its hits.
const SENTENCE_CONTEXT: usize = 160;
/// Framing-shift rows kept (the largest shifts first).
const MAX_SHIFT_ROWS: usize = 2_000;

/// A number rounded to `10^-dp`, `None` when not finite (JSON `null`).
fn round(v: f64, dp: i32) -> Option<f64> {
    if !v.is_finite() {
        return None;
    }
    let f = 10f64.powi(dp);
    Some((v * f).round() / f)
}

#[derive(Serialize)]
pub(crate) struct Payload<'a> {
    /// Which parts the run asked for.
    show: Show,
    docs: Vec<Doc<'a>>,
    pairs: Vec<Pair<'a>>,
    passages: Vec<Passage>,
    groups: Vec<Group>,
    heat: Vec<Heat>,
    frame_keys: &'a [String],
    target_keys: &'a [String],
    /// Per document (same index as `docs`): frame rates per 1,000 words,
    /// one per `frame_keys`; empty when the document has no row.
    frames: Vec<Vec<Option<f64>>>,
    /// Per document: `[score or null, mentions]` per `target_keys`.
    stance: Vec<Vec<(Option<f64>, u64)>>,
    evidence: Vec<EvGroup<'a>>,
    shift: Vec<Shift<'a>>,
    shift_total: usize,
}

#[derive(Serialize)]
struct Show {
    documents: bool,
    pairs: bool,
    passages: bool,
    framing: bool,
    stance: bool,
    evidence: bool,
    shift: bool,
}

#[derive(Serialize)]
struct Doc<'a> {
    /// Id.
    i: &'a str,
    /// Title.
    t: &'a str,
    /// Date as given.
    d: &'a str,
    /// Outlet.
    o: &'a str,
    /// Language.
    l: &'a str,
    /// Words.
    w: u64,
    /// Text, only for documents in a pair with passages.
    #[serde(skip_serializing_if = "Option::is_none")]
    x: Option<&'a str>,
}

#[derive(Serialize)]
struct Pair<'a> {
    a: usize,
    b: usize,
    /// Jaccard (exact when verified, else the estimate).
    j: Option<f64>,
    /// Containment a in b, b in a.
    ca: Option<f64>,
    cb: Option<f64>,
    /// Passages, shared words, longest passage.
    n: u64,
    sw: u64,
    lw: u64,
    /// Likely source: 0 = a, 1 = b, null = undecided; and why.
    src: Option<u8>,
    why: &'a str,
    v: &'a str,
    c: Option<u64>,
    /// Indices into `passages`.
    ps: Vec<usize>,
}

#[derive(Serialize)]
struct Passage {
    /// Passage number (as in passages.csv).
    n: u64,
    /// Index into `pairs`, null when the pair is not listed.
    q: Option<usize>,
    a: usize,
    b: usize,
    s: [u64; 4],
    aw: u64,
    bw: u64,
    sc: Option<f64>,
    bp: bool,
}

#[derive(Serialize)]
struct Group {
    c: u64,
    /// Likely original (index into `docs`).
    orig: usize,
    /// Members, earliest first (by date as given, then id).
    m: Vec<usize>,
    /// Pairs of the group that are identical after normalisation.
    same: usize,
}

#[derive(Serialize)]
struct Heat {
    key: &'static str,
    title: &'static str,
    /// Documents in the matrix (all of them).
    total: usize,
    /// Chosen documents, ordered by cluster, then outlet, then id.
    docs: Vec<HeatDoc>,
    /// Row-major values among the chosen documents (two decimals).
    v: Vec<Option<f64>>,
}

#[derive(Serialize)]
struct HeatDoc {
    /// Index into `docs`, or null when the matrix names an unknown id.
    d: Option<usize>,
    id: String,
}

#[derive(Serialize)]
struct EvGroup<'a> {
    d: usize,
    /// Target (stance) or category (frame).
    g: &'a str,
    /// Hits and their summed contribution.
    n: usize,
    sum: Option<f64>,
    /// Top sentences, each once: text and hits `[start, end, entry,
    /// contribution]` in code points of that text.
    s: Vec<EvSentence<'a>>,
}

#[derive(Serialize)]
struct EvSentence<'a> {
    t: String,
    /// True when the text was cut before / after.
    cut: (bool, bool),
    h: Vec<(usize, usize, &'a str, Option<f64>)>,
}

#[derive(Serialize)]
struct Shift<'a> {
    a: usize,
    b: usize,
    f: &'a str,
    r: [Option<f64>; 4],
}

/// The data of `r`, as `opts` asks for it.
pub(crate) fn build<'a>(r: &'a Results, opts: &OutputOptions) -> Payload<'a> {
    let index: HashMap<&str, usize> =
        r.documents.iter().enumerate().map(|(i, d)| (d.doc_id.as_str(), i)).collect();
    let show = Show {
        documents: opts.wants(TableKind::Documents),
        pairs: opts.wants(TableKind::Pairs),
        passages: opts.wants(TableKind::Passages),
        framing: opts.wants(TableKind::Framing),
        stance: opts.wants(TableKind::Stance),
        evidence: opts.wants(TableKind::Evidence),
        shift: opts.wants(TableKind::FramingShift),
    };
    let mut docs: Vec<Doc> = r
        .documents
        .iter()
        .map(|d| Doc {
            i: &d.doc_id,
            t: &d.title,
            d: &d.date,
            o: &d.outlet,
            l: &d.language,
            w: d.words,
            x: None,
        })
        .collect();
    // Pairs, and passages attached to them.
    let mut pair_of: HashMap<(usize, usize), usize> = HashMap::new();
    let mut pairs: Vec<Pair> = Vec::with_capacity(r.pairs.len());
    for p in &r.pairs {
        let (Some(&a), Some(&b)) = (index.get(p.doc_a.as_str()), index.get(p.doc_b.as_str()))
        else {
            continue;
        };
        let src = if p.likely_source.is_empty() {
            None
        } else if p.likely_source == p.doc_a {
            Some(0)
        } else if p.likely_source == p.doc_b {
            Some(1)
        } else {
            None
        };
        pair_of.insert((a, b), pairs.len());
        pairs.push(Pair {
            a,
            b,
            j: round(p.jaccard.unwrap_or(p.jaccard_est), 3),
            ca: round(p.containment_ab, 3),
            cb: round(p.containment_ba, 3),
            n: p.passages,
            sw: p.shared_words,
            lw: p.longest_passage_words,
            src,
            why: &p.source_reason,
            v: &p.verdict,
            c: p.cluster,
            ps: Vec::new(),
        });
    }
    let mut passages: Vec<Passage> = Vec::new();
    let mut with_text = vec![false; docs.len()];
    if show.passages || show.pairs {
        for ps in &r.passages {
            let (Some(&a), Some(&b)) =
                (index.get(ps.doc_a.as_str()), index.get(ps.doc_b.as_str()))
            else {
                continue;
            };
            let q = pair_of.get(&(a, b)).copied();
            if let Some(pair) = q.and_then(|q| pairs.get_mut(q)) {
                pair.ps.push(passages.len());
            }
            with_text[a] = true;
            with_text[b] = true;
            passages.push(Passage {
                n: ps.passage,
                q,
                a,
                b,
                s: [ps.a_start, ps.a_end, ps.b_start, ps.b_end],
                aw: ps.a_words,
                bw: ps.b_words,
                sc: round(ps.score, 3),
                bp: ps.boilerplate,
            });
        }
    }
    // A pair without passage rows (identical copies, `dups` runs) still
    // gets its side-by-side view.
    for p in &pairs {
        with_text[p.a] = true;
        with_text[p.b] = true;
    }
    for ((doc, row), keep) in docs.iter_mut().zip(&r.documents).zip(&with_text) {
        if *keep {
            doc.x = Some(&row.text);
        }
    }
    let groups = groups(r, &index, &pairs);
    let mut heat = Vec::new();
    if opts.matrices {
        for (kind, key, title, m) in [
            (TableKind::Similarity, "similarity", "Similarity (Jaccard)", r.similarity.as_ref()),
            (
                TableKind::Reuse,
                "reuse",
                "Reuse (share of the row document's words in passages shared with the column)",
                r.reuse.as_ref(),
            ),
            (
                TableKind::FramingDistance,
                "framing_distance",
                "Framing distance",
                r.framing_distance.as_ref(),
            ),
        ] {
            if let (true, Some(m)) = (opts.wants(kind), m) {
                heat.push(heat_map(key, title, m, &index, r, kind == TableKind::FramingDistance));
            }
        }
    }
    let mut frames = vec![Vec::new(); docs.len()];
    if show.framing {
        for f in &r.framing {
            if let Some(&i) = index.get(f.doc_id.as_str()) {
                frames[i] = f.frames.iter().map(|c| round(c.per_1k, 2)).collect();
            }
        }
    }
    let mut stance = vec![Vec::new(); docs.len()];
    if show.stance {
        for s in &r.stance {
            if let Some(&i) = index.get(s.doc_id.as_str()) {
                stance[i] = s
                    .targets
                    .iter()
                    .map(|c| (c.score.and_then(|v| round(v, 3)), c.mentions))
                    .collect();
            }
        }
    }
    let evidence = if show.evidence { evidence(r, &index) } else { Vec::new() };
    let (shift, shift_total) = if show.shift { shift(r, &index) } else { (Vec::new(), 0) };
    Payload {
        show,
        docs,
        pairs,
        passages,
        groups,
        heat,
        frame_keys: &r.frame_keys,
        target_keys: &r.target_keys,
        frames,
        stance,
        evidence,
        shift,
        shift_total,
    }
}

/// Republished groups: one per cluster with two or more listed members.
/// The likely original is the member most often named the likely source in
/// the group's pairs (ties: the earliest date as given, then the
/// representative, then the id).
fn groups(r: &Results, index: &HashMap<&str, usize>, pairs: &[Pair]) -> Vec<Group> {
    let mut members: BTreeMap<u64, Vec<usize>> = BTreeMap::new();
    let mut rep: BTreeMap<u64, usize> = BTreeMap::new();
    for c in &r.clusters {
        if let Some(&i) = index.get(c.doc_id.as_str()) {
            members.entry(c.cluster).or_default().push(i);
        }
        if let Some(&i) = index.get(c.representative.as_str()) {
            rep.insert(c.cluster, i);
        }
    }
    let mut wins: HashMap<usize, usize> = HashMap::new();
    let mut same: BTreeMap<u64, usize> = BTreeMap::new();
    for p in pairs {
        let Some(c) = p.c else { continue };
        match p.src {
            Some(0) => *wins.entry(p.a).or_default() += 1,
            Some(_) => *wins.entry(p.b).or_default() += 1,
            None => {}
        }
        if p.j == Some(1.0) {
            *same.entry(c).or_default() += 1;
        }
    }
    let date = |i: usize| r.documents.get(i).map_or("", |d| d.date.as_str());
    let undated = |i: usize| date(i).is_empty();
    let mut out: Vec<Group> = Vec::new();
    for (c, mut m) in members {
        if m.len() < 2 {
            continue;
        }
        m.sort_by(|&x, &y| (undated(x), date(x), x).cmp(&(undated(y), date(y), y)));
        m.dedup();
        let representative = rep.get(&c).copied();
        let orig = m
            .iter()
            .copied()
            .max_by(|&x, &y| {
                let key = |i: usize| wins.get(&i).copied().unwrap_or(0);
                key(x)
                    .cmp(&key(y))
                    // Earlier date wins, so reverse the date order.
                    .then_with(|| (undated(y), date(y)).cmp(&(undated(x), date(x))))
                    .then_with(|| (Some(x) == representative).cmp(&(Some(y) == representative)))
                    .then_with(|| y.cmp(&x))
            })
            .unwrap_or(m[0]);
        out.push(Group { c, orig, m, same: same.get(&c).copied().unwrap_or(0) });
    }
    out.sort_by(|x, y| y.m.len().cmp(&x.m.len()).then(x.c.cmp(&y.c)));
    out
}

/// The heat map of `m` over at most [`MAX_HEAT`] documents: those with the
/// strongest off-diagonal value (the lowest for a distance), ordered by
/// cluster, then outlet, then id, so copies sit next to each other.
fn heat_map(
    key: &'static str,
    title: &'static str,
    m: &Matrix,
    index: &HashMap<&str, usize>,
    r: &Results,
    distance: bool,
) -> Heat {
    let n = m.ids.len();
    let strength = |i: usize| -> f64 {
        let mut best = f64::NEG_INFINITY;
        for j in 0..n {
            if i == j {
                continue;
            }
            if let Some(v) = m.get(i, j).filter(|v| v.is_finite()) {
                best = best.max(if distance { 1.0 - v } else { v });
            }
        }
        best
    };
    let mut order: Vec<(f64, usize)> = (0..n).map(|i| (strength(i), i)).collect();
    order.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
    let cluster_of: HashMap<&str, u64> =
        r.clusters.iter().map(|c| (c.doc_id.as_str(), c.cluster)).collect();
    let mut chosen: Vec<usize> = order.into_iter().take(MAX_HEAT).map(|(_, i)| i).collect();
    let outlet = |i: usize| {
        index
            .get(m.ids[i].as_str())
            .and_then(|&d| r.documents.get(d))
            .map_or("", |d| d.outlet.as_str())
    };
    chosen.sort_by(|&x, &y| {
        let c = |i: usize| cluster_of.get(m.ids[i].as_str()).copied().unwrap_or(u64::MAX);
        (c(x), outlet(x), &m.ids[x]).cmp(&(c(y), outlet(y), &m.ids[y]))
    });
    let mut v = Vec::with_capacity(chosen.len() * chosen.len());
    for &i in &chosen {
        for &j in &chosen {
            v.push(m.get(i, j).and_then(|x| round(x, 2)));
        }
    }
    Heat {
        key,
        title,
        total: n,
        docs: chosen
            .iter()
            .map(|&i| HeatDoc { d: index.get(m.ids[i].as_str()).copied(), id: m.ids[i].clone() })
            .collect(),
        v,
    }
}

/// Evidence per document and target (stance) or category (frame): the
/// sentences with the largest summed |contribution|, each once, with its
/// hits marked.
fn evidence<'a>(r: &'a Results, index: &HashMap<&str, usize>) -> Vec<EvGroup<'a>> {
    // (doc, group) -> sentence (start, end) -> hits
    type Hits<'a> = Vec<&'a super::super::model::EvidenceRow>;
    let mut by: BTreeMap<(usize, &str), BTreeMap<(u64, u64), Hits<'a>>> = BTreeMap::new();
    for e in &r.evidence {
        let Some(&d) = index.get(e.doc_id.as_str()) else { continue };
        let g = if e.target.is_empty() { e.category.as_str() } else { e.target.as_str() };
        let (ss, se) = if e.sentence_end > e.sentence_start {
            (e.sentence_start.min(e.start), e.sentence_end.max(e.end))
        } else {
            (e.start, e.end)
        };
        by.entry((d, g)).or_default().entry((ss, se)).or_default().push(e);
    }
    let mut out = Vec::new();
    for ((d, g), sentences) in by {
        let Some(doc) = r.documents.get(d) else { continue };
        let chars: Vec<(usize, char)> = doc.text.char_indices().collect();
        let slice = |s: usize, e: usize| -> String {
            let (s, e) = (s.min(chars.len()), e.min(chars.len()));
            if s >= e {
                return String::new();
            }
            let bs = chars[s].0;
            let be = chars.get(e).map_or(doc.text.len(), |c| c.0);
            doc.text.get(bs..be).unwrap_or("").to_string()
        };
        let n: usize = sentences.values().map(Vec::len).sum();
        let sum: f64 = sentences.values().flatten().map(|e| e.contribution).sum();
        let weight = |hits: &Hits| hits.iter().map(|e| e.contribution.abs()).sum::<f64>();
        let mut ranked: Vec<(&(u64, u64), &Hits)> = sentences.iter().collect();
        ranked.sort_by(|x, y| weight(y.1).total_cmp(&weight(x.1)).then(x.0.cmp(y.0)));
        let s = ranked
            .into_iter()
            .take(MAX_EVIDENCE_SENTENCES)
            .map(|(&(ss, se), hits)| {
                let first = hits.iter().map(|e| e.start).min().unwrap_or(ss);
                let last = hits.iter().map(|e| e.end).max().unwrap_or(se);
                let from = ss.max(first.saturating_sub(SENTENCE_CONTEXT as u64));
                let to = se.min(last.saturating_add(SENTENCE_CONTEXT as u64));
                let mut h: Vec<(usize, usize, &str, Option<f64>)> = hits
                    .iter()
                    .map(|e| {
                        (
                            (e.start.saturating_sub(from)) as usize,
                            (e.end.min(to).saturating_sub(from)) as usize,
                            e.entry.as_str(),
                            round(e.contribution, 3),
                        )
                    })
                    .collect();
                h.sort_by(|x, y| (x.0, x.1, x.2).cmp(&(y.0, y.1, y.2)));
                EvSentence {
                    t: slice(from as usize, to as usize),
                    cut: (from > ss, to < se),
                    h,
                }
            })
            .collect();
        out.push(EvGroup { d, g, n, sum: round(sum, 3), s });
    }
    out
}

/// Framing-shift rows with both documents known, the largest shifts first
/// (at most [`MAX_SHIFT_ROWS`]), and how many there were.
fn shift<'a>(r: &'a Results, index: &HashMap<&str, usize>) -> (Vec<Shift<'a>>, usize) {
    let mut rows: Vec<(f64, Shift<'a>)> = r
        .framing_shift
        .iter()
        .filter_map(|s| {
            let a = *index.get(s.doc_a.as_str())?;
            let b = *index.get(s.doc_b.as_str())?;
            let d = (s.rewritten_a_per_1k - s.shared_a_per_1k).abs()
                + (s.rewritten_b_per_1k - s.shared_b_per_1k).abs();
            Some((
                if d.is_finite() { d } else { 0.0 },
                Shift {
                    a,
                    b,
                    f: &s.frame,
                    r: [
                        round(s.shared_a_per_1k, 1),
                        round(s.rewritten_a_per_1k, 1),
                        round(s.shared_b_per_1k, 1),
                        round(s.rewritten_b_per_1k, 1),
                    ],
                },
            ))
        })
        .collect();
    let total = rows.len();
    rows.sort_by(|x, y| {
        y.0.total_cmp(&x.0).then((x.1.a, x.1.b, x.1.f).cmp(&(y.1.a, y.1.b, y.1.f)))
    });
    rows.truncate(MAX_SHIFT_ROWS);
    (rows.into_iter().map(|(_, s)| s).collect(), total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::model::{ClusterRow, DocRow, PairRow};

    fn doc(id: &str, date: &str, outlet: &str) -> DocRow {
        DocRow {
            doc_id: id.into(),
            date: date.into(),
            outlet: outlet.into(),
            text: format!("text of {id}"),
            ..DocRow::default()
        }
    }

    #[test]
    fn heat_map_keeps_the_documents_that_matter() {
        let n = 70;
        let ids: Vec<String> = (0..n).map(|i| format!("d{i:03}")).collect();
        let mut m = Matrix::zeros(ids);
        for i in 0..n {
            m.set(i, i, 1.0);
        }
        // Only d065 and d066 resemble each other.
        m.set(65, 66, 0.9);
        m.set(66, 65, 0.9);
        let r = Results { similarity: Some(m.clone()), ..Results::default() };
        let h = heat_map("similarity", "S", &m, &HashMap::new(), &r, false);
        assert_eq!(h.total, 70);
        assert_eq!(h.docs.len(), MAX_HEAT);
        let ids: Vec<&str> = h.docs.iter().map(|d| d.id.as_str()).collect();
        assert!(ids.contains(&"d065") && ids.contains(&"d066"), "{ids:?}");
        let p = ids.iter().position(|i| *i == "d065").unwrap();
        assert_eq!(h.v[p * MAX_HEAT + p + 1], Some(0.9));
    }

    #[test]
    fn groups_name_the_likely_original_and_order_copies_by_date() {
        let r = Results {
            documents: vec![
                doc("a", "2018-03-02", "X"),
                doc("b", "2018-03-01", "Y"),
                doc("c", "", "Z"),
            ],
            pairs: ["a", "b"]
                .iter()
                .map(|other| PairRow {
                    doc_a: other.to_string(),
                    doc_b: "c".into(),
                    jaccard: Some(1.0),
                    likely_source: "c".into(),
                    cluster: Some(4),
                    ..PairRow::default()
                })
                .collect(),
            clusters: ["a", "b", "c"]
                .iter()
                .map(|id| ClusterRow {
                    cluster: 4,
                    doc_id: id.to_string(),
                    representative: "a".into(),
                    size: 3,
                })
                .collect(),
            ..Results::default()
        };
        let p = build(&r, &OutputOptions::default());
        assert_eq!(p.groups.len(), 1);
        let g = &p.groups[0];
        // c was named the source twice; members earliest first, undated last.
        assert_eq!((g.orig, g.m.clone(), g.same), (2, vec![1, 0, 2], 2));
        // Both documents of every pair carry their text for the view.
        assert!(p.docs.iter().all(|d| d.x.is_some()));
    }
}
