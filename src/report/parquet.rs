//! Long tables as Parquet files, for programs (pandas, polars, DuckDB,
//! Spark, R's arrow) that would otherwise re-parse CSV text.
//!
//! Input: one [`Table`]. Output: one Parquet file with the table's columns
//! in CSV order. The schema comes from the columns' declared types, so it
//! is the same whether the table has rows or not: text is `BYTE_ARRAY`
//! (UTF-8 string), counts `INT64`, ratios and rates `DOUBLE`, flags
//! `BOOLEAN`; every column is optional and an empty CSV cell is a null.
//!
//! Values are data, as in the Python package's tables: text is not guarded
//! against formulas (no spreadsheet reads this file) and numbers keep full
//! precision (the CSV rounds ratios to 6 decimals). The N×N matrices have
//! no Parquet file: a program reads the pairs, or the CSV matrix.
//!
//! Determinism: the writer takes no clock and no random state; rows go out
//! in table order, in row groups of a fixed row count, Snappy-compressed.

use std::io::Write;
use std::sync::Arc;

use parquet::basic::{Compression, LogicalType, Repetition, Type as PhysicalType};
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, DoubleType, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::Type;

use super::table::{Cell, ColumnType, Table};

/// Rows per row group: bounds the memory a large evidence table takes while
/// it is written (its cells are made per group), and is a common size for
/// readers that skip row groups by statistics.
const ROW_GROUP_ROWS: usize = 64 * 1024;

/// The file name of table `name`.
pub(crate) fn file_name(name: &str) -> String {
    format!("{name}.parquet")
}

/// Writes `t` as one Parquet file to `w`.
pub(crate) fn write_table<W: Write + Send>(t: &Table<'_>, w: W) -> std::io::Result<()> {
    write(t, w).map_err(std::io::Error::other)
}

fn write<W: Write + Send>(t: &Table<'_>, w: W) -> parquet::errors::Result<()> {
    let fields = t
        .header
        .iter()
        .zip(&t.types)
        .map(|(name, ty)| field(name, *ty).map(Arc::new))
        .collect::<parquet::errors::Result<Vec<_>>>()?;
    let schema = Arc::new(Type::group_type_builder("schema").with_fields(fields).build()?);
    let props = WriterProperties::builder()
        .set_created_by(format!("parallax {}", env!("CARGO_PKG_VERSION")))
        .set_compression(Compression::SNAPPY)
        .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
        .build();
    let mut writer = SerializedFileWriter::new(w, schema, Arc::new(props))?;
    let mut start = 0;
    // A table without rows still gets its schema (and no row group).
    while start < t.len {
        let end = (start + ROW_GROUP_ROWS).min(t.len);
        let rows: Vec<Vec<Cell<'_>>> = (start..end).map(|i| t.row(i)).collect();
        let mut group = writer.next_row_group()?;
        let mut c = 0;
        while let Some(mut col) = group.next_column()? {
            let cells = || rows.iter().map(move |r| r.get(c).copied().unwrap_or(Cell::Empty));
            let defs: Vec<i16> = cells().map(|x| i16::from(!matches!(x, Cell::Empty))).collect();
            match t.types.get(c).copied().unwrap_or(ColumnType::Text) {
                ColumnType::Text => {
                    let v: Vec<ByteArray> = cells()
                        .filter_map(|x| match x {
                            Cell::Text(s) => Some(ByteArray::from(s.as_bytes().to_vec())),
                            _ => None,
                        })
                        .collect();
                    col.typed::<ByteArrayType>().write_batch(&v, Some(&defs), None)?;
                }
                ColumnType::Int => {
                    let v: Vec<i64> = cells()
                        .filter_map(|x| match x {
                            // Counts are far below 2^63; saturate rather
                            // than wrap if one ever is not.
                            Cell::Int(n) => Some(i64::try_from(n).unwrap_or(i64::MAX)),
                            _ => None,
                        })
                        .collect();
                    col.typed::<Int64Type>().write_batch(&v, Some(&defs), None)?;
                }
                ColumnType::Float => {
                    // A non-finite number is a missing one, as in the CSV.
                    let defs: Vec<i16> = cells()
                        .map(|x| i16::from(matches!(x, Cell::Float(v, _) if v.is_finite())))
                        .collect();
                    let v: Vec<f64> = cells()
                        .filter_map(|x| match x {
                            Cell::Float(v, _) if v.is_finite() => Some(v),
                            _ => None,
                        })
                        .collect();
                    col.typed::<DoubleType>().write_batch(&v, Some(&defs), None)?;
                }
                ColumnType::Bool => {
                    let v: Vec<bool> = cells()
                        .filter_map(|x| match x {
                            Cell::Bool(b) => Some(b),
                            _ => None,
                        })
                        .collect();
                    col.typed::<BoolType>().write_batch(&v, Some(&defs), None)?;
                }
            }
            col.close()?;
            c += 1;
        }
        group.close()?;
        start = end;
    }
    writer.close()?;
    Ok(())
}

/// The schema field of one column.
fn field(name: &str, ty: ColumnType) -> parquet::errors::Result<Type> {
    let (physical, logical) = match ty {
        ColumnType::Text => (PhysicalType::BYTE_ARRAY, Some(LogicalType::String)),
        ColumnType::Int => (PhysicalType::INT64, None),
        ColumnType::Float => (PhysicalType::DOUBLE, None),
        ColumnType::Bool => (PhysicalType::BOOLEAN, None),
    };
    Type::primitive_type_builder(name, physical)
        .with_repetition(Repetition::OPTIONAL)
        .with_logical_type(logical)
        .build()
}
