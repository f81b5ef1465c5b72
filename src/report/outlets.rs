//! `outlets.csv`: what each outlet does, in one long table.
//!
//! Input: [`Results`]. Output: rows `(outlet, measure, key, value,
//! documents, mentions)`, by outlet (as bytes), then measure, then key:
//! - `stance`: per target, the mean author-voice stance over the outlet's
//!   documents that mention the target (a document that does not mention
//!   it has no score and is not averaged in as 0); `documents` is how many
//!   were averaged, `mentions` their mentions;
//! - `frame`: per frame category, the mean rate per 1,000 words over the
//!   outlet's documents; `mentions` is the hits;
//! - `reprinted_by`: per other outlet (or the same one), the pairs in which
//!   this outlet's document is the likely source and the other outlet's
//!   document the copy or rewrite; `documents` is the distinct copies.
//!
//! Documents without an outlet are grouped under the empty outlet. The
//! report's outlet tables and this file are the same numbers.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::model::Results;

/// What a row measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Measure {
    Stance,
    Frame,
    ReprintedBy,
}

impl Measure {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Measure::Stance => "stance",
            Measure::Frame => "frame",
            Measure::ReprintedBy => "reprinted_by",
        }
    }

    /// Decimals of the value: a count has none.
    pub(crate) fn decimals(self) -> usize {
        match self {
            Measure::Stance | Measure::Frame => 3,
            Measure::ReprintedBy => 0,
        }
    }
}

/// One row of `outlets.csv`.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct OutletRow<'a> {
    pub(crate) outlet: &'a str,
    pub(crate) measure: Measure,
    pub(crate) key: &'a str,
    pub(crate) value: f64,
    pub(crate) documents: u64,
    pub(crate) mentions: Option<u64>,
}

/// Sum, count and mentions of one (outlet, measure, key).
#[derive(Default)]
struct Acc {
    sum: f64,
    n: u64,
    mentions: u64,
}

/// The rows of `outlets.csv` for `r`.
pub(crate) fn rows(r: &Results) -> Vec<OutletRow<'_>> {
    let outlet: HashMap<&str, &str> =
        r.documents.iter().map(|d| (d.doc_id.as_str(), d.outlet.as_str())).collect();
    let of = |id: &str| outlet.get(id).copied();
    let mut acc: BTreeMap<(&str, Measure, &str), Acc> = BTreeMap::new();
    for row in &r.stance {
        let Some(o) = of(&row.doc_id) else { continue };
        for (key, cell) in r.target_keys.iter().zip(&row.targets) {
            if let (Some(score), true) = (cell.score, cell.mentions > 0) {
                let a = acc.entry((o, Measure::Stance, key.as_str())).or_default();
                a.sum += score;
                a.n += 1;
                a.mentions += cell.mentions;
            }
        }
    }
    for row in &r.framing {
        let Some(o) = of(&row.doc_id) else { continue };
        for (key, cell) in r.frame_keys.iter().zip(&row.frames) {
            let a = acc.entry((o, Measure::Frame, key.as_str())).or_default();
            a.sum += cell.per_1k;
            a.n += 1;
            a.mentions += cell.hits;
        }
    }
    let mut copies: BTreeMap<(&str, &str), (u64, BTreeSet<&str>)> = BTreeMap::new();
    for p in &r.pairs {
        if p.likely_source.is_empty() {
            continue;
        }
        let copy = if p.likely_source == p.doc_a { &p.doc_b } else { &p.doc_a };
        if let (Some(from), Some(to)) = (of(&p.likely_source), of(copy)) {
            let e = copies.entry((from, to)).or_default();
            e.0 += 1;
            e.1.insert(copy.as_str());
        }
    }
    let mut out: Vec<OutletRow<'_>> = acc
        .into_iter()
        .filter(|(_, a)| a.n > 0)
        .map(|((outlet, measure, key), a)| OutletRow {
            outlet,
            measure,
            key,
            value: a.sum / a.n as f64,
            documents: a.n,
            mentions: Some(a.mentions),
        })
        .collect();
    out.extend(copies.into_iter().map(|((from, to), (pairs, docs))| OutletRow {
        outlet: from,
        measure: Measure::ReprintedBy,
        key: to,
        value: pairs as f64,
        documents: docs.len() as u64,
        mentions: None,
    }));
    out.sort_by(|x, y| (x.outlet, x.measure, x.key).cmp(&(y.outlet, y.measure, y.key)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::model::{DocRow, FrameCell, FramingRow, PairRow, StanceCell, StanceRow};

    fn doc(id: &str, outlet: &str) -> DocRow {
        DocRow { doc_id: id.into(), outlet: outlet.into(), ..DocRow::default() }
    }

    #[test]
    fn stance_is_averaged_over_the_documents_that_mention_the_target() {
        let cell = |score: Option<f64>, mentions: u64| StanceCell {
            score,
            mentions,
            ..StanceCell::default()
        };
        let r = Results {
            documents: vec![doc("a", "X"), doc("b", "X"), doc("c", "X"), doc("d", "Y")],
            target_keys: vec!["russia".into()],
            stance: vec![
                StanceRow { doc_id: "a".into(), targets: vec![cell(Some(-0.5), 2)] },
                StanceRow { doc_id: "b".into(), targets: vec![cell(Some(-0.3), 1)] },
                // Not mentioned: no score, not averaged as a zero.
                StanceRow { doc_id: "c".into(), targets: vec![cell(None, 0)] },
                StanceRow { doc_id: "d".into(), targets: vec![cell(Some(0.4), 1)] },
            ],
            frame_keys: vec!["security".into()],
            framing: vec![
                FramingRow {
                    doc_id: "a".into(),
                    words: 100,
                    frames: vec![FrameCell { per_1k: 10.0, hits: 1 }],
                },
                FramingRow {
                    doc_id: "c".into(),
                    words: 100,
                    frames: vec![FrameCell { per_1k: 0.0, hits: 0 }],
                },
            ],
            pairs: vec![
                PairRow {
                    doc_a: "a".into(),
                    doc_b: "d".into(),
                    likely_source: "d".into(),
                    ..PairRow::default()
                },
                PairRow {
                    doc_a: "b".into(),
                    doc_b: "d".into(),
                    likely_source: "d".into(),
                    ..PairRow::default()
                },
                PairRow { doc_a: "a".into(), doc_b: "b".into(), ..PairRow::default() },
            ],
            ..Results::default()
        };
        let rows = rows(&r);
        type Row<'a> = (&'a str, &'a str, &'a str, f64, u64, Option<u64>);
        let got: Vec<Row> = rows
            .iter()
            .map(|o| (o.outlet, o.measure.name(), o.key, o.value, o.documents, o.mentions))
            .collect();
        assert_eq!(
            got,
            vec![
                ("X", "stance", "russia", -0.4, 2, Some(3)),
                ("X", "frame", "security", 5.0, 2, Some(1)),
                ("Y", "stance", "russia", 0.4, 1, Some(1)),
                ("Y", "reprinted_by", "X", 2.0, 2, None),
            ]
        );
    }
}
