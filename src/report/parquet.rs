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
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, DataType, DoubleType, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::{SerializedColumnWriter, SerializedFileWriter};
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
            let cells = rows.iter().map(|r| r.get(c).copied().unwrap_or(Cell::Empty));
            match t.types.get(c).copied().unwrap_or(ColumnType::Text) {
                ColumnType::Text => put::<ByteArrayType>(&mut col, cells, |x| {
                    x.text().map(|s| ByteArray::from(s.as_bytes().to_vec()))
                })?,
                // Counts are far below 2^63; saturate rather than wrap if
                // one ever is not.
                ColumnType::Int => put::<Int64Type>(&mut col, cells, |x| {
                    x.int().map(|n| i64::try_from(n).unwrap_or(i64::MAX))
                })?,
                ColumnType::Float => put::<DoubleType>(&mut col, cells, Cell::float)?,
                ColumnType::Bool => put::<BoolType>(&mut col, cells, Cell::flag)?,
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

/// Writes one column chunk: the values `value` finds, a null where it finds
/// none (an empty cell).
fn put<'a, T: DataType>(
    col: &mut SerializedColumnWriter<'_>,
    cells: impl Iterator<Item = Cell<'a>>,
    value: impl Fn(Cell<'a>) -> Option<T::T>,
) -> parquet::errors::Result<()> {
    let (mut defs, mut values) = (Vec::new(), Vec::new());
    for cell in cells {
        match value(cell) {
            Some(v) => {
                defs.push(1);
                values.push(v);
            }
            None => defs.push(0),
        }
    }
    col.typed::<T>().write_batch(&values, Some(&defs), None)?;
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
