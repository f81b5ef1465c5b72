//! The output tables as typed columns, for callers that want data rather
//! than files (the Python package builds Arrow tables from them).
//!
//! Input: a [`Results`] and a [`TableKind`]. Output: the table's columns,
//! named and ordered as in its CSV file. Invariant: the same cells as the
//! CSV writer's, before formatting: text is not guarded against formulas
//! (it is data here, not a spreadsheet cell), numbers keep full precision
//! (the CSV rounds ratios to 6 decimals), an empty CSV cell is `None`.

use super::model::Results;
use super::table::{self, Cell, ColumnType, TableKind};

/// One column's values.
#[derive(Clone, Debug, PartialEq)]
pub enum Column {
    /// Text cells; also every column of a table without rows.
    Text(Vec<Option<String>>),
    /// Counts.
    Int(Vec<Option<u64>>),
    /// Real numbers.
    Float(Vec<Option<f64>>),
    /// Flags.
    Bool(Vec<Option<bool>>),
}

/// The columns of table `kind`, `(name, values)` in CSV order, or `None`
/// when the results have no such table (a matrix that was not computed).
/// Each column has the type its table declares, rows or not; an empty CSV
/// cell (and a non-finite number) is `None`.
pub fn columns(kind: TableKind, results: &Results) -> Option<Vec<(String, Column)>> {
    let t = table::build(kind, results)?;
    let rows: Vec<Vec<Cell<'_>>> = (0..t.len).map(|i| t.row(i)).collect();
    let cols = t
        .header
        .iter()
        .zip(&t.types)
        .enumerate()
        .map(|(c, (name, ty))| {
            let cells = || rows.iter().map(move |r| r.get(c).copied().unwrap_or(Cell::Empty));
            let col = match ty {
                ColumnType::Int => Column::Int(cells().map(Cell::int).collect()),
                ColumnType::Float => Column::Float(cells().map(Cell::float).collect()),
                ColumnType::Bool => Column::Bool(cells().map(Cell::flag).collect()),
                ColumnType::Text => {
                    Column::Text(cells().map(|x| x.text().map(str::to_string)).collect())
                }
            };
            (name.clone(), col)
        })
        .collect();
    Some(cols)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::model::{ClusterRow, PairRow};

    #[test]
    fn columns_follow_the_csv_header_and_types() {
        let r = Results {
            pairs: vec![PairRow {
                doc_a: "=a".into(),
                doc_b: "b".into(),
                jaccard_est: 0.123_456_789,
                jaccard: None,
                ..PairRow::default()
            }],
            clusters: vec![ClusterRow {
                cluster: 1,
                doc_id: "a".into(),
                representative: "a".into(),
                size: 2,
            }],
            passages_skipped: true,
            ..Results::default()
        };
        let cols = columns(TableKind::Pairs, &r).unwrap();
        let names: Vec<&str> = cols.iter().map(|(n, _)| n.as_str()).collect();
        let mut csv = Vec::new();
        crate::report::write_csv(TableKind::Pairs, &r, &mut csv, false).unwrap();
        let header = String::from_utf8(csv).unwrap().lines().next().unwrap().to_string();
        assert_eq!(names.join(","), header);
        assert_eq!(cols[0].1, Column::Text(vec![Some("=a".into())]), "data, not a guarded cell");
        assert_eq!(cols[2].1, Column::Float(vec![Some(0.123_456_789)]), "full precision");
        assert_eq!(cols[3].1, Column::Float(vec![None]), "an all-empty column");
        let none = columns(TableKind::Passages, &r).unwrap();
        assert_eq!(none[0].1, Column::Int(Vec::new()), "typed without rows");
        assert_eq!(none[1].1, Column::Text(Vec::new()));
        let c = columns(TableKind::Clusters, &r).unwrap();
        assert_eq!(c[3].1, Column::Int(vec![Some(2)]));
        assert!(columns(TableKind::Similarity, &r).is_none());
    }
}
