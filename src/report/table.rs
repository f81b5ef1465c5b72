//! The output tables as header + typed cells, shared by the CSV and XLSX
//! writers so that both always have the same columns in the same order.
//!
//! Input: [`Results`]. Output: one [`Table`] per [`TableKind`], whose rows
//! are produced on demand (an N×N matrix is never materialised as cells).
//! Invariant: every row has exactly `header.len()` cells; column names and
//! order are the documented ones (README.md, "Outputs"), extra columns
//! only after them.

use super::model::{Matrix, Results};

/// Decimals for ratios (Jaccard, containment, reuse, distances, scores).
pub(crate) const RATIO_DP: usize = 6;
/// Decimals for rates per 1,000 words.
pub(crate) const PER_1K_DP: usize = 3;

/// One output table (a CSV file and an XLSX sheet).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TableKind {
    /// `documents.csv`
    Documents,
    /// `similarity.csv` (N×N)
    Similarity,
    /// `containment.csv` (N×N)
    Containment,
    /// `reuse.csv` (N×N)
    Reuse,
    /// `pairs.csv`
    Pairs,
    /// `clusters.csv`
    Clusters,
    /// `passages.csv`
    Passages,
    /// `framing.csv`
    Framing,
    /// `framing_distance.csv` (N×N)
    FramingDistance,
    /// `stance.csv`
    Stance,
    /// `evidence.csv`
    Evidence,
    /// `framing_shift.csv`
    FramingShift,
    /// `related.csv` (N×N under the matrix limit, long form above)
    Related,
    /// `stories.csv`
    Stories,
    /// `story_framing.csv`
    StoryFraming,
    /// `outlets.csv`
    Outlets,
}

impl TableKind {
    /// Every table, in output (and workbook sheet) order.
    pub const ALL: [TableKind; 16] = [
        TableKind::Documents,
        TableKind::Similarity,
        TableKind::Containment,
        TableKind::Reuse,
        TableKind::Pairs,
        TableKind::Clusters,
        TableKind::Passages,
        TableKind::Framing,
        TableKind::FramingDistance,
        TableKind::Stance,
        TableKind::Evidence,
        TableKind::FramingShift,
        TableKind::Related,
        TableKind::Stories,
        TableKind::StoryFraming,
        TableKind::Outlets,
    ];

    /// The tables of `parallax dups`.
    pub const DUPS: [TableKind; 7] = [
        TableKind::Documents,
        TableKind::Similarity,
        TableKind::Containment,
        TableKind::Reuse,
        TableKind::Pairs,
        TableKind::Clusters,
        TableKind::Passages,
    ];

    /// The tables of `parallax score`.
    pub const SCORES: [TableKind; 6] = [
        TableKind::Documents,
        TableKind::Framing,
        TableKind::FramingDistance,
        TableKind::Stance,
        TableKind::Evidence,
        TableKind::Outlets,
    ];

    /// Base name of the CSV file and of the XLSX sheet (≤ 31 chars).
    pub fn name(self) -> &'static str {
        match self {
            TableKind::Documents => "documents",
            TableKind::Similarity => "similarity",
            TableKind::Containment => "containment",
            TableKind::Reuse => "reuse",
            TableKind::Pairs => "pairs",
            TableKind::Clusters => "clusters",
            TableKind::Passages => "passages",
            TableKind::Framing => "framing",
            TableKind::FramingDistance => "framing_distance",
            TableKind::Stance => "stance",
            TableKind::Evidence => "evidence",
            TableKind::FramingShift => "framing_shift",
            TableKind::Related => "related",
            TableKind::Stories => "stories",
            TableKind::StoryFraming => "story_framing",
            TableKind::Outlets => "outlets",
        }
    }

    /// The CSV file name.
    pub fn file_name(self) -> String {
        format!("{}.csv", self.name())
    }

    /// True for the N×N matrices.
    pub fn is_matrix(self) -> bool {
        matches!(
            self,
            TableKind::Similarity
                | TableKind::Containment
                | TableKind::Reuse
                | TableKind::FramingDistance
        )
    }
}

/// One typed cell. Text borrows from [`Results`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Cell<'a> {
    /// Outside text: guarded against formula injection in CSV, written with
    /// `write_string` in XLSX.
    Text(&'a str),
    /// A count.
    Int(u64),
    /// A real number with a fixed number of decimals.
    Float(f64, usize),
    /// A missing number (empty cell).
    Empty,
    /// A flag, written `true`/`false`.
    Bool(bool),
}

impl<'a> Cell<'a> {
    /// The text of a text cell.
    pub(crate) fn text(self) -> Option<&'a str> {
        if let Cell::Text(s) = self {
            Some(s)
        } else {
            None
        }
    }

    /// The count of a count cell.
    pub(crate) fn int(self) -> Option<u64> {
        if let Cell::Int(n) = self {
            Some(n)
        } else {
            None
        }
    }

    /// The number of a number cell; a non-finite one is missing, as in the
    /// CSV.
    pub(crate) fn float(self) -> Option<f64> {
        match self {
            Cell::Float(v, _) if v.is_finite() => Some(v),
            _ => None,
        }
    }

    /// The flag of a flag cell.
    pub(crate) fn flag(self) -> Option<bool> {
        if let Cell::Bool(b) = self {
            Some(b)
        } else {
            None
        }
    }
}

/// What a column holds, declared with its name: the Parquet schema and the
/// Python package's columns are typed by it, whether the table has rows or
/// not. Every cell of the column is of this type or [`Cell::Empty`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ColumnType {
    /// Text ([`Cell::Text`]).
    Text,
    /// A count ([`Cell::Int`]).
    Int,
    /// A real number ([`Cell::Float`]).
    Float,
    /// A flag ([`Cell::Bool`]).
    Bool,
}

impl ColumnType {
    /// True when `cell` may appear in a column of this type.
    #[cfg(test)]
    pub(crate) fn admits(self, cell: &Cell<'_>) -> bool {
        matches!(
            (self, cell),
            (_, Cell::Empty)
                | (ColumnType::Text, Cell::Text(_))
                | (ColumnType::Int, Cell::Int(_))
                | (ColumnType::Float, Cell::Float(..))
                | (ColumnType::Bool, Cell::Bool(_))
        )
    }
}

use ColumnType::{Bool as B, Float as F, Int as I, Text as T};

/// A table: its header and a row generator.
pub(crate) struct Table<'a> {
    pub(crate) kind: TableKind,
    pub(crate) header: Vec<String>,
    /// The type of each column, in header order.
    pub(crate) types: Vec<ColumnType>,
    pub(crate) len: usize,
    row_fn: Box<dyn Fn(usize) -> Vec<Cell<'a>> + Send + Sync + 'a>,
    /// True when the header's cells after the first are document ids
    /// (outside text, so they are guarded like text cells).
    pub(crate) header_is_ids: bool,
}

impl<'a> Table<'a> {
    /// Row `i` (`i < len`).
    pub(crate) fn row(&self, i: usize) -> Vec<Cell<'a>> {
        (self.row_fn)(i)
    }

    fn new(
        kind: TableKind,
        columns: Vec<(String, ColumnType)>,
        len: usize,
        row_fn: impl Fn(usize) -> Vec<Cell<'a>> + Send + Sync + 'a,
    ) -> Table<'a> {
        let (header, types) = columns.into_iter().unzip();
        Table { kind, header, types, len, row_fn: Box::new(row_fn), header_is_ids: false }
    }
}

fn cols(list: &[(&str, ColumnType)]) -> Vec<(String, ColumnType)> {
    list.iter().map(|(name, ty)| ((*name).to_string(), *ty)).collect()
}

fn ratio(v: f64) -> Cell<'static> {
    Cell::Float(v, RATIO_DP)
}

/// A ratio that may be absent (a stance with no mention): an empty cell.
fn opt_ratio(v: Option<f64>) -> Cell<'static> {
    v.map_or(Cell::Empty, ratio)
}

fn per_1k(v: f64) -> Cell<'static> {
    Cell::Float(v, PER_1K_DP)
}

/// The table for `kind`, or `None` when `results` has no data for it (a
/// matrix that was not computed). Long tables always exist, even empty, so
/// their header is always written.
pub(crate) fn build(kind: TableKind, r: &Results) -> Option<Table<'_>> {
    let t = match kind {
        TableKind::Documents => {
            // One column per extra record field found in any document, by
            // name (a stable order whatever the input order).
            let extra: Vec<String> = r
                .documents
                .iter()
                .flat_map(|d| d.extra.iter().map(|(k, _)| k.clone()))
                .collect::<std::collections::BTreeSet<String>>()
                .into_iter()
                .collect();
            // `url` and the extra fields follow the columns of earlier
            // versions, which keep their places.
            let mut header = cols(&[
                ("doc_id", T),
                ("source", T),
                ("title", T),
                ("date", T),
                ("outlet", T),
                ("language", T),
                ("encoding", T),
                ("chars", I),
                ("words", I),
                ("url", T),
            ]);
            // An extra field named like a column keeps its value under
            // `field:<name>`.
            let named: Vec<(String, ColumnType)> = extra
                .iter()
                .map(|k| {
                    let taken = header.iter().any(|(h, _)| h == k);
                    (if taken { format!("field:{k}") } else { k.clone() }, T)
                })
                .collect();
            header.extend(named);
            Table::new(kind, header, r.documents.len(), move |i| {
                let Some(d) = r.documents.get(i) else { return Vec::new() };
                let mut row = vec![
                    Cell::Text(&d.doc_id),
                    Cell::Text(&d.source),
                    Cell::Text(&d.title),
                    Cell::Text(&d.date),
                    Cell::Text(&d.outlet),
                    Cell::Text(&d.language),
                    Cell::Text(&d.encoding),
                    Cell::Int(d.chars),
                    Cell::Int(d.words),
                    Cell::Text(&d.url),
                ];
                row.extend(extra.iter().map(|k| d.extra_value(k).map_or(Cell::Empty, Cell::Text)));
                row
            })
        }
        TableKind::Similarity => matrix(kind, r.similarity.as_ref()?),
        TableKind::Containment => matrix(kind, r.containment.as_ref()?),
        TableKind::Reuse => matrix(kind, r.reuse.as_ref()?),
        TableKind::FramingDistance => matrix(kind, r.framing_distance.as_ref()?),
        TableKind::Pairs => {
            let skipped = r.passages_skipped;
            let count = move |n: u64| if skipped { Cell::Empty } else { Cell::Int(n) };
            Table::new(
                kind,
                cols(&[
                    ("doc_a", T),
                    ("doc_b", T),
                    ("jaccard_est", F),
                    ("jaccard", F),
                    ("containment_ab", F),
                    ("containment_ba", F),
                    ("passages", I),
                    ("shared_words", I),
                    ("longest_passage_words", I),
                    ("likely_source", T),
                    ("cluster", I),
                    ("source_reason", T),
                    ("verdict", T),
                    ("aligned_via", T),
                    ("related", F),
                ]),
                r.pairs.len(),
                move |i| {
                    let Some(p) = r.pairs.get(i) else { return Vec::new() };
                    vec![
                        Cell::Text(&p.doc_a),
                        Cell::Text(&p.doc_b),
                        ratio(p.jaccard_est),
                        p.jaccard.map_or(Cell::Empty, ratio),
                        ratio(p.containment_ab),
                        ratio(p.containment_ba),
                        count(p.passages),
                        count(p.shared_words),
                        count(p.longest_passage_words),
                        Cell::Text(&p.likely_source),
                        p.cluster.map_or(Cell::Empty, Cell::Int),
                        Cell::Text(&p.source_reason),
                        Cell::Text(&p.verdict),
                        Cell::Text(&p.aligned_via),
                        p.related.map_or(Cell::Empty, ratio),
                    ]
                },
            )
        }
        TableKind::Clusters => Table::new(
            kind,
            cols(&[("cluster", I), ("doc_id", T), ("representative", T), ("size", I)]),
            r.clusters.len(),
            move |i| {
                let Some(c) = r.clusters.get(i) else { return Vec::new() };
                vec![
                    Cell::Int(c.cluster),
                    Cell::Text(&c.doc_id),
                    Cell::Text(&c.representative),
                    Cell::Int(c.size),
                ]
            },
        ),
        TableKind::Passages => Table::new(
            kind,
            cols(&[
                ("passage", I),
                ("doc_a", T),
                ("a_start", I),
                ("a_end", I),
                ("doc_b", T),
                ("b_start", I),
                ("b_end", I),
                ("a_words", I),
                ("b_words", I),
                ("score", F),
                ("boilerplate", B),
                ("a_text", T),
                ("b_text", T),
                ("kind", T),
                ("copied_run", I),
                ("recurs_in", I),
            ]),
            r.passages.len(),
            move |i| {
                let Some(p) = r.passages.get(i) else { return Vec::new() };
                vec![
                    Cell::Int(p.passage),
                    Cell::Text(&p.doc_a),
                    Cell::Int(p.a_start),
                    Cell::Int(p.a_end),
                    Cell::Text(&p.doc_b),
                    Cell::Int(p.b_start),
                    Cell::Int(p.b_end),
                    Cell::Int(p.a_words),
                    Cell::Int(p.b_words),
                    ratio(p.score),
                    Cell::Bool(p.boilerplate),
                    Cell::Text(&p.a_text),
                    Cell::Text(&p.b_text),
                    // After the texts: the columns of earlier versions keep
                    // their places.
                    Cell::Text(&p.kind),
                    Cell::Int(p.copied_run),
                    Cell::Int(p.recurs_in),
                ]
            },
        ),
        TableKind::Framing => {
            // Interleaved per frame (rate, then hits): per frame its rate
            // per 1,000 words and its raw hit count, as documented.
            let mut header = cols(&[("doc_id", T), ("words", I)]);
            for k in &r.frame_keys {
                header.push((format!("{k}_per_1k"), F));
                header.push((format!("{k}_hits"), I));
            }
            let nk = r.frame_keys.len();
            Table::new(kind, header, r.framing.len(), move |i| {
                let Some(f) = r.framing.get(i) else { return Vec::new() };
                let mut row = vec![Cell::Text(&f.doc_id), Cell::Int(f.words)];
                for j in 0..nk {
                    // A short row gets empty cells, never a panic.
                    match f.frames.get(j) {
                        Some(c) => row.extend([per_1k(c.per_1k), Cell::Int(c.hits)]),
                        None => row.extend([Cell::Empty, Cell::Empty]),
                    }
                }
                row
            })
        }
        TableKind::Stance => {
            // The documented columns (score, mentions per target) first,
            // then the quoted-voice extras, so a reader of the README finds
            // them where it says.
            let mut header = cols(&[("doc_id", T)]);
            for k in &r.target_keys {
                header.push((format!("{k}_score"), F));
                header.push((format!("{k}_mentions"), I));
            }
            for k in &r.target_keys {
                header.push((format!("{k}_quoted_score"), F));
                header.push((format!("{k}_quoted_mentions"), I));
            }
            let nk = r.target_keys.len();
            Table::new(kind, header, r.stance.len(), move |i| {
                let Some(s) = r.stance.get(i) else { return Vec::new() };
                let mut row = vec![Cell::Text(&s.doc_id)];
                for j in 0..nk {
                    match s.targets.get(j) {
                        Some(c) => row.extend([opt_ratio(c.score), Cell::Int(c.mentions)]),
                        None => row.extend([Cell::Empty, Cell::Empty]),
                    }
                }
                for j in 0..nk {
                    match s.targets.get(j) {
                        Some(c) => {
                            row.extend([opt_ratio(c.quoted_score), Cell::Int(c.quoted_mentions)])
                        }
                        None => row.extend([Cell::Empty, Cell::Empty]),
                    }
                }
                row
            })
        }
        TableKind::Evidence => Table::new(
            kind,
            cols(&[
                ("doc_id", T),
                ("sentence", I),
                ("start", I),
                ("end", I),
                ("surface", T),
                ("normalized", T),
                ("entry", T),
                ("category", T),
                ("weight", F),
                ("modifiers", T),
                ("target", T),
                ("voice", T),
                ("contribution", F),
                ("sentence_start", I),
                ("sentence_end", I),
                ("holder", T),
                ("object", T),
            ]),
            r.evidence_len(),
            move |i| {
                if i >= r.evidence_len() {
                    return Vec::new();
                }
                let e = r.evidence_row(i);
                vec![
                    Cell::Text(e.doc_id),
                    Cell::Int(e.sentence),
                    Cell::Int(e.start),
                    Cell::Int(e.end),
                    Cell::Text(e.surface),
                    Cell::Text(e.normalized),
                    Cell::Text(e.entry),
                    Cell::Text(e.category),
                    ratio(e.weight),
                    Cell::Text(e.modifiers),
                    Cell::Text(e.target),
                    Cell::Text(e.voice),
                    ratio(e.contribution),
                    Cell::Int(e.sentence_start),
                    Cell::Int(e.sentence_end),
                    // After the columns of earlier versions, which keep
                    // their places.
                    Cell::Text(e.holder),
                    Cell::Text(e.object),
                ]
            },
        ),
        TableKind::FramingShift => Table::new(
            kind,
            cols(&[
                ("doc_a", T),
                ("doc_b", T),
                ("frame", T),
                ("shared_a_per_1k", F),
                ("rewritten_a_per_1k", F),
                ("shared_b_per_1k", F),
                ("rewritten_b_per_1k", F),
                ("shared_a_words", I),
                ("rewritten_a_words", I),
                ("shared_b_words", I),
                ("rewritten_b_words", I),
            ]),
            r.framing_shift.len(),
            move |i| {
                let Some(s) = r.framing_shift.get(i) else { return Vec::new() };
                vec![
                    Cell::Text(&s.doc_a),
                    Cell::Text(&s.doc_b),
                    Cell::Text(&s.frame),
                    per_1k(s.shared_a_per_1k),
                    per_1k(s.rewritten_a_per_1k),
                    per_1k(s.shared_b_per_1k),
                    per_1k(s.rewritten_b_per_1k),
                    Cell::Int(s.shared_a_words),
                    Cell::Int(s.rewritten_a_words),
                    Cell::Int(s.shared_b_words),
                    Cell::Int(s.rewritten_b_words),
                ]
            },
        ),
        // A matrix when one was computed (N ≤ the matrix limit), else the
        // related pairs in long form: one file name either way.
        TableKind::Related => match &r.related {
            Some(m) => matrix(kind, m),
            None => Table::new(
                kind,
                cols(&[("doc_a", T), ("doc_b", T), ("related", F), ("cosine", F), ("reuse", F)]),
                r.related_len(),
                move |i| {
                    if i >= r.related_len() {
                        return Vec::new();
                    }
                    let p = r.related_row(i);
                    vec![
                        Cell::Text(p.doc_a),
                        Cell::Text(p.doc_b),
                        ratio(p.related),
                        ratio(p.cosine),
                        ratio(p.reuse),
                    ]
                },
            ),
        },
        TableKind::Stories => Table::new(
            kind,
            cols(&[
                ("story", I),
                ("doc_id", T),
                ("title", T),
                ("outlet", T),
                ("date", T),
                ("cluster", I),
                ("size", I),
                ("representative", T),
                ("representative_title", T),
                ("shift_with", T),
            ]),
            r.stories.len(),
            move |i| {
                let Some(s) = r.stories.get(i) else { return Vec::new() };
                vec![
                    Cell::Int(s.story),
                    Cell::Text(&s.doc_id),
                    Cell::Text(&s.title),
                    Cell::Text(&s.outlet),
                    Cell::Text(&s.date),
                    s.cluster.map_or(Cell::Empty, Cell::Int),
                    Cell::Int(s.size),
                    Cell::Text(&s.representative),
                    Cell::Text(&s.representative_title),
                    Cell::Text(&s.shift_with),
                ]
            },
        ),
        TableKind::Outlets => {
            let rows = super::outlets::rows(r);
            Table::new(
                kind,
                cols(&[
                    ("outlet", T),
                    ("measure", T),
                    ("key", T),
                    ("value", F),
                    ("documents", I),
                    ("mentions", I),
                ]),
                rows.len(),
                move |i| {
                    let Some(o) = rows.get(i) else { return Vec::new() };
                    vec![
                        Cell::Text(o.outlet),
                        Cell::Text(o.measure.name()),
                        Cell::Text(o.key),
                        Cell::Float(o.value, o.measure.decimals()),
                        Cell::Int(o.documents),
                        o.mentions.map_or(Cell::Empty, Cell::Int),
                    ]
                },
            )
        }
        TableKind::StoryFraming => Table::new(
            kind,
            cols(&[
                ("story", I),
                ("outlet", T),
                ("docs", I),
                ("words", I),
                ("measure", T),
                ("key", T),
                ("value", F),
                ("n", I),
                ("rest_value", F),
                ("rest_n", I),
                ("change", T),
            ]),
            r.story_framing.len(),
            move |i| {
                let Some(s) = r.story_framing.get(i) else { return Vec::new() };
                vec![
                    Cell::Int(s.story),
                    Cell::Text(&s.outlet),
                    Cell::Int(s.docs),
                    Cell::Int(s.words),
                    Cell::Text(&s.measure),
                    Cell::Text(&s.key),
                    ratio(s.value),
                    Cell::Int(s.n),
                    s.rest_value.map_or(Cell::Empty, ratio),
                    s.rest_n.map_or(Cell::Empty, Cell::Int),
                    Cell::Text(&s.change),
                ]
            },
        ),
    };
    Some(t)
}

/// A matrix as a table: header `doc_id, id1, id2, ...`, one row per id,
/// every value written out (zeros included).
fn matrix(kind: TableKind, m: &Matrix) -> Table<'_> {
    let mut header = vec![("doc_id".to_string(), T)];
    header.extend(m.ids.iter().map(|id| (id.clone(), F)));
    let n = m.ids.len();
    let mut t = Table::new(kind, header, n, move |i| {
        let Some(id) = m.ids.get(i) else { return Vec::new() };
        let mut row = Vec::with_capacity(n + 1);
        row.push(Cell::Text(id));
        // A short `values` vector yields empty cells instead of a panic.
        row.extend((0..n).map(|j| m.get(i, j).map_or(Cell::Empty, ratio)));
        row
    });
    t.header_is_ids = true;
    t
}

/// Formats `v` with `dp` decimals, independent of locale; never `-0`;
/// non-finite values give an empty string (a missing number).
pub(crate) fn fmt_float(v: f64, dp: usize) -> String {
    let mut out = Vec::with_capacity(24);
    push_float(&mut out, v, dp);
    String::from_utf8(out).expect("digits, a sign and a point are ASCII")
}

/// Appends [`fmt_float`]`(v, dp)` to `out`.
///
/// Why a second form: the matrices of a 1,500-article run are 11 M numbers
/// in each of the CSV and the workbook; a string per number was a tenth of
/// writing them.
pub(crate) fn push_float(out: &mut Vec<u8>, v: f64, dp: usize) {
    // Zeros first: half the cells of a similarity matrix.
    if v == 0.0 && dp <= 9 {
        out.extend_from_slice(&b"0.000000000"[..if dp == 0 { 1 } else { dp + 2 }]);
        return;
    }
    if !v.is_finite() || fixed_exact(out, v, dp) {
        return;
    }
    let s = format!("{v:.dp$}");
    // `-0.000` (a tiny negative rounded to zero) reads as a different
    // number in diffs and spreadsheets; write it as `0.000`.
    match s.strip_prefix('-') {
        Some(rest) if rest.bytes().all(|b| b == b'0' || b == b'.') => {
            out.extend_from_slice(rest.as_bytes())
        }
        _ => out.extend_from_slice(s.as_bytes()),
    }
}

/// Appends `v` (finite) with `dp` decimals, rounded like
/// `format!("{v:.dp$}")` (to nearest, ties to even, on the exact binary
/// value) but with no `-` on a zero result, and returns true; returns
/// false, appending nothing, when `dp` is over 9 or `v` too large (the
/// caller then formats the slow way).
///
/// Why: the evidence and passage tables hold millions of numbers, and the
/// standard formatter's exact mode was a tenth of writing them. A double is
/// `m·2^e` with `m < 2^53`, so `v·10^dp` is `m·10^dp` (below 2^83) shifted
/// by `e`: exact in 128-bit integers, and rounding is a look at the bits
/// shifted out.
fn fixed_exact(out: &mut Vec<u8>, v: f64, dp: usize) -> bool {
    if dp > 9 {
        return false;
    }
    let bits = v.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    let (m, e) = if biased == 0 { (fraction, -1074) } else { (fraction | 1 << 52, biased - 1075) };
    let pow = 10u64.pow(dp as u32);
    let scaled = u128::from(m) * u128::from(pow);
    let q: u128 = if e >= 0 {
        // Below 2^127 (2^83 · 2^44); larger values are left to `format!`.
        if e > 44 {
            return false;
        }
        scaled << e
    } else if -e >= 127 {
        // Less than half a unit of the last decimal: rounds to zero.
        0
    } else {
        let shift = (-e) as u32;
        let q = scaled >> shift;
        let rest = scaled & ((1u128 << shift) - 1);
        let half = 1u128 << (shift - 1);
        if rest > half || (rest == half && q & 1 == 1) {
            q + 1
        } else {
            q
        }
    };
    if bits >> 63 == 1 && q != 0 {
        out.push(b'-');
    }
    // In 64 bits whenever it fits (every ratio and rate we write): a
    // 128-bit division is a library call, ten times a 64-bit one.
    let (int, frac) = match u64::try_from(q) {
        Ok(q) => (u128::from(q / pow), q % pow),
        Err(_) => (q / u128::from(pow), (q % u128::from(pow)) as u64),
    };
    match u64::try_from(int) {
        Ok(n) => push_digits(out, n, 0),
        Err(_) => out.extend_from_slice(int.to_string().as_bytes()),
    }
    if dp > 0 {
        out.push(b'.');
        // Below 10^9: `dp` is at most 9.
        push_digits(out, frac, dp);
    }
    true
}

/// Appends `n` in decimal, with leading zeros up to `width` digits.
fn push_digits(out: &mut Vec<u8>, mut n: u64, width: usize) {
    // Two digits per division: six decimals are three steps, not six.
    const PAIRS: &[u8; 200] = b"0001020304050607080910111213141516171819\
        2021222324252627282930313233343536373839\
        4041424344454647484950515253545556575859\
        6061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899";
    let mut buf = [b'0'; 20];
    let mut i = buf.len();
    while n >= 100 {
        let d = (n % 100) as usize * 2;
        n /= 100;
        i -= 2;
        buf[i..i + 2].copy_from_slice(&PAIRS[d..d + 2]);
    }
    if n >= 10 {
        let d = n as usize * 2;
        i -= 2;
        buf[i..i + 2].copy_from_slice(&PAIRS[d..d + 2]);
    } else {
        i -= 1;
        buf[i] = b'0' + n as u8;
    }
    let start = i.min(buf.len().saturating_sub(width));
    out.extend_from_slice(&buf[start..]);
}

/// The workbook's view of `t`: in the pairs and passages sheets, each
/// document id is followed by that document's outlet, date and title, so a
/// reader sees what a pair is without looking it up (the CSVs keep their
/// columns for programs). Other tables are returned as they are.
pub(crate) fn with_document_context<'a>(t: Table<'a>, r: &'a Results) -> Table<'a> {
    // (column after which the context goes, column of the id it is about,
    // prefix of the new columns).
    let at: &'static [(usize, usize, &str)] = match t.kind {
        TableKind::Pairs => &[(1, 0, "a"), (1, 1, "b")],
        TableKind::Passages => &[(1, 1, "a"), (4, 4, "b")],
        _ => return t,
    };
    let by_id: std::collections::HashMap<&str, &super::model::DocRow> =
        r.documents.iter().map(|d| (d.doc_id.as_str(), d)).collect();
    let mut header = Vec::with_capacity(t.header.len() + 6);
    for (c, (h, ty)) in t.header.iter().zip(&t.types).enumerate() {
        header.push((h.clone(), *ty));
        for (_, _, prefix) in at.iter().filter(|(after, _, _)| *after == c) {
            for what in ["outlet", "date", "title"] {
                header.push((format!("{prefix}_{what}"), T));
            }
        }
    }
    let inner = t.row_fn;
    Table::new(t.kind, header, t.len, move |i| {
        let row = inner(i);
        let mut out = Vec::with_capacity(row.len() + 6);
        for (c, cell) in row.iter().enumerate() {
            out.push(*cell);
            for (_, id_col, _) in at.iter().filter(|(after, _, _)| *after == c) {
                let doc = match row.get(*id_col) {
                    Some(Cell::Text(id)) => by_id.get(id).copied(),
                    _ => None,
                };
                match doc {
                    Some(d) => out.extend([
                        Cell::Text(&d.outlet),
                        Cell::Text(&d.date),
                        Cell::Text(&d.title),
                    ]),
                    None => out.extend([Cell::Empty, Cell::Empty, Cell::Empty]),
                }
            }
        }
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The integer formatter against the standard one, on random bit
    /// patterns, on values near the tables' ranges, and on exact ties.
    #[test]
    fn exact_fixed_point_equals_the_standard_formatter() {
        let standard = |v: f64, dp: usize| {
            let s = format!("{v:.dp$}");
            match s.strip_prefix('-') {
                Some(rest) if rest.bytes().all(|b| b == b'0' || b == b'.') => rest.to_string(),
                _ => s,
            }
        };
        let mut state = 0x9E37_79B9_7F4A_7C15_u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut values: Vec<f64> = vec![
            0.0,
            -0.0,
            0.5,
            1.5,
            2.5,
            -2.5,
            0.125,
            0.375,
            0.0625,
            1e-300,
            5e-324,
            -5e-324,
            9.5,
            0.05,
            0.15,
            0.25,
            0.35,
            999.9995,
            1e15,
            9007199254740993.0,
            1e17,
            1e30,
        ];
        for _ in 0..20_000 {
            let r = next();
            values.push(f64::from_bits(r));
            let unit = (r >> 11) as f64 / (1u64 << 53) as f64;
            values.extend([unit, -unit, unit * 1000.0, (unit * 2.0 - 1.0)]);
            // Exact ties at 1..6 decimals: k/2 / 10^dp is not a tie in
            // binary unless it is a dyadic rational; these are.
            let k = (r % 4096) as f64;
            values.extend([k / 8.0, k / 16.0, k / 1024.0, -k / 32.0]);
        }
        let mut fast = 0;
        for &v in values.iter().filter(|v| v.is_finite()) {
            for dp in [0, 1, 2, 3, 4, 6, 9, 12] {
                assert_eq!(fmt_float(v, dp), standard(v, dp), "{v:e} at {dp}");
                let mut s = Vec::new();
                if fixed_exact(&mut s, v, dp) {
                    assert_eq!(String::from_utf8(s).unwrap(), standard(v, dp), "{v:e} at {dp}");
                    fast += 1;
                } else {
                    assert!(s.is_empty(), "{v:e} at {dp}: written and refused");
                }
            }
        }
        assert!(fast > 400_000, "{fast}");
        assert!(!fixed_exact(&mut Vec::new(), 1e100, 3));
        assert!(!fixed_exact(&mut Vec::new(), 0.5, 10));
    }
    use crate::report::model::{FrameCell, FramingRow};

    #[test]
    fn floats_are_fixed_and_never_negative_zero() {
        assert_eq!(fmt_float(0.5, 6), "0.500000");
        assert_eq!(fmt_float(-0.25, 3), "-0.250");
        assert_eq!(fmt_float(-0.0000001, 6), "0.000000");
        assert_eq!(fmt_float(-0.0, 3), "0.000");
        assert_eq!(fmt_float(f64::NAN, 3), "");
        assert_eq!(fmt_float(1.0 / 3.0, 6), "0.333333");
    }

    #[test]
    fn framing_columns_interleave_and_short_rows_are_padded() {
        let r = Results {
            frame_keys: vec!["security".into(), "economy".into()],
            framing: vec![FramingRow {
                doc_id: "a".into(),
                words: 10,
                frames: vec![FrameCell { per_1k: 100.0, hits: 1 }],
            }],
            ..Results::default()
        };
        let t = build(TableKind::Framing, &r).unwrap();
        assert_eq!(
            t.header,
            [
                "doc_id",
                "words",
                "security_per_1k",
                "security_hits",
                "economy_per_1k",
                "economy_hits"
            ]
        );
        let row = t.row(0);
        assert_eq!(row.len(), t.header.len());
        assert_eq!(row[2], Cell::Float(100.0, PER_1K_DP));
        assert_eq!(row[4], Cell::Empty);
    }

    #[test]
    fn absent_matrix_gives_no_table() {
        let r = Results::default();
        assert!(build(TableKind::Similarity, &r).is_none());
        assert!(build(TableKind::Pairs, &r).is_some());
    }
}
