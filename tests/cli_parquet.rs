//! `--format parquet`: each long table as a Parquet file holding what its
//! CSV holds, typed, read back with the parquet crate's own reader.

use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::Field;

use crate::util::Workdir;

/// The CSV text a Parquet value stands for, given the CSV cell it is
/// compared with (its decimals; its formula guard).
fn as_csv(field: &Field, csv: &str) -> String {
    match field {
        Field::Null => String::new(),
        Field::Bool(b) => b.to_string(),
        Field::Long(n) => n.to_string(),
        Field::Double(v) => {
            // The CSV rounds ratios; the Parquet file keeps every digit.
            let dp = csv.split_once('.').map_or(0, |(_, frac)| frac.len());
            let s = format!("{v:.dp$}");
            match s.strip_prefix('-') {
                Some(rest) if rest.bytes().all(|b| b == b'0' || b == b'.') => rest.to_string(),
                _ => s,
            }
        }
        Field::Str(s) if csv.starts_with('\'') && !s.starts_with('\'') => format!("'{s}"),
        Field::Str(s) => s.clone(),
        other => panic!("unexpected Parquet value {other:?}"),
    }
}

/// The rows of a Parquet file: header and values.
fn read(path: &std::path::Path) -> (Vec<String>, Vec<Vec<Field>>) {
    let reader = SerializedFileReader::new(std::fs::File::open(path).unwrap()).unwrap();
    let schema = reader.metadata().file_metadata().schema_descr();
    let header = schema.columns().iter().map(|c| c.name().to_string()).collect();
    let rows = reader
        .get_row_iter(None)
        .unwrap()
        .map(|r| r.unwrap().into_columns().into_iter().map(|(_, f)| f).collect())
        .collect();
    (header, rows)
}

#[test]
fn every_long_table_has_a_parquet_file_with_the_csv_values() {
    let wd = Workdir::new();
    // A reprint of seed 003 makes a cluster; retold passages are listed,
    // so every long table has rows.
    wd.seeds("in");
    let reprint = format!("{}\nReprinted.", wd.read("in/003_ccc08362114acaf6.txt"));
    wd.write("in/zz-reprint.txt", reprint);
    wd.run_ok(&["run", "in", "-q", "--min-copied-run", "0", "--format", "csv,parquet", "-o", "o"]);
    let mut tables = 0;
    for entry in std::fs::read_dir(wd.join("o")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        let Some(base) = name.strip_suffix(".csv") else { continue };
        let pq = wd.join(&format!("o/{base}.parquet"));
        let csv = wd.csv(&format!("o/{name}"));
        let matrix = csv.header.first().is_some_and(|h| h == "doc_id")
            && csv.header.len() == csv.rows.len() + 1
            && ["similarity", "containment", "reuse", "framing_distance", "related"]
                .contains(&base);
        if matrix || base == "skipped" {
            assert!(!pq.exists(), "{base} is a matrix or the skip list: no Parquet file");
            continue;
        }
        let (header, rows) = read(&pq);
        assert_eq!(header, csv.header, "{base}: the CSV's columns in its order");
        assert_eq!(rows.len(), csv.rows.len(), "{base}: rows");
        assert!(!rows.is_empty(), "{base} has rows on this corpus");
        for (i, (p, c)) in rows.iter().zip(&csv.rows).enumerate() {
            for (j, (f, cell)) in p.iter().zip(c).enumerate() {
                assert_eq!(as_csv(f, cell), *cell, "{base} row {i} column {}", header[j]);
            }
        }
        tables += 1;
    }
    assert_eq!(tables, 11, "every long table");
}

#[test]
fn parquet_columns_are_typed_with_or_without_rows() {
    let wd = Workdir::new();
    wd.seeds("in");
    // The default run lists no pair of the seeds: empty tables keep their
    // types.
    wd.run_ok(&["run", "in", "-q", "--format", "parquet", "-o", "o"]);
    assert!(!wd.join("o/pairs.csv").exists(), "only the formats asked for");
    let schema = |t: &str| {
        let file = std::fs::File::open(wd.join(&format!("o/{t}.parquet"))).unwrap();
        let reader = SerializedFileReader::new(file).unwrap();
        let meta = reader.metadata().file_metadata().clone();
        let cols: Vec<(String, String)> = meta
            .schema_descr()
            .columns()
            .iter()
            .map(|c| (c.name().to_string(), format!("{:?}", c.physical_type())))
            .collect();
        (meta.num_rows(), cols)
    };
    let (n, pairs) = schema("pairs");
    assert_eq!(n, 0);
    let ty = |cols: &[(String, String)], name: &str| {
        cols.iter().find(|(c, _)| c == name).map(|(_, t)| t.clone()).unwrap()
    };
    assert_eq!(ty(&pairs, "doc_a"), "BYTE_ARRAY");
    assert_eq!(ty(&pairs, "jaccard"), "DOUBLE");
    assert_eq!(ty(&pairs, "passages"), "INT64");
    let (n, passages) = schema("passages");
    assert_eq!(n, 0);
    assert_eq!(ty(&passages, "boilerplate"), "BOOLEAN");
    let (n, docs) = schema("documents");
    assert_eq!(n, 5);
    assert_eq!(ty(&docs, "words"), "INT64");
}

#[test]
fn parquet_text_is_data_not_a_guarded_cell() {
    let wd = Workdir::new();
    wd.write(
        "in/a.jsonl",
        "{\"id\":\"=cmd\",\"title\":\"+SUM(A1)\",\"text\":\"One short text about a meeting of ministers in Algiers on Monday.\"}\n",
    );
    wd.run_ok(&["run", "in", "-q", "--format", "csv,parquet", "-o", "o"]);
    let (header, rows) = read(&wd.join("o/documents.parquet"));
    let csv = wd.csv("o/documents.csv");
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(rows[0][col("doc_id")], Field::Str("=cmd".into()));
    assert_eq!(rows[0][col("title")], Field::Str("+SUM(A1)".into()));
    assert_eq!(csv.rows[0][0], "'=cmd", "the CSV guards the same cell");
}

#[test]
fn an_unknown_format_names_the_choices() {
    let wd = Workdir::new();
    let out = wd.run_err(&["run", "--format", "csv,pdf"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("\"pdf\"") && err.contains("parquet"), "{err}");
}
