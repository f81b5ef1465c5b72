//! The `parallax.xlsx` workbook.
//!
//! Input: [`Results`] and the tables to write. Output: the workbook's
//! bytes. One sheet per table, named after it (≤ 31 chars), in
//! [`TableKind::ALL`] order; frozen header row and id column(s); an
//! autofilter on long tables; 3-colour scales on matrices and stance
//! scores; right-to-left sheets when most documents are Arabic.
//!
//! Invariants: text is always written with `write_string` (a cell that
//! looks like a formula stays text and never runs), numbers as numbers,
//! rounded to the same decimals as the CSV so both agree. Excel limits are
//! handled, not hit: text longer than 32,767 characters is cut and ends
//! with [`TRUNCATED`]; rows past 1,048,576 are dropped (the CSV has them
//! all) and a matrix wider than 16,384 columns becomes a one-cell note.
//! The creation date is fixed so two runs give the same bytes.

use rust_xlsxwriter::{
    ConditionalFormat3ColorScale, ConditionalFormatType, DocProperties, ExcelDateTime, Format,
    Workbook, Worksheet, XlsxError,
};

use super::model::Results;
use super::table::{build, fmt_float, Cell, Table, TableKind};
use crate::error::{Error, Result};

/// Excel's cell text limit, in characters.
const MAX_CELL_CHARS: usize = 32_767;
/// Appended to text cut at Excel's limit.
pub(crate) const TRUNCATED: &str = " …[truncated]";
/// Excel's row limit (header included).
const MAX_ROWS: usize = 1_048_576;
/// Excel's column limit.
const MAX_COLS: usize = 16_384;
/// Rows sampled to size columns (the rest do not change the look much).
const WIDTH_SAMPLE: usize = 200;

fn xerr(e: XlsxError) -> Error {
    Error::io(super::XLSX_FILE, std::io::Error::other(e.to_string()))
}

/// Text as written to a cell: unchanged, or cut at Excel's limit.
pub(crate) fn cell_string(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().count() <= MAX_CELL_CHARS {
        return s.into();
    }
    let keep = MAX_CELL_CHARS - TRUNCATED.chars().count();
    let mut out: String = s.chars().take(keep).collect();
    out.push_str(TRUNCATED);
    out.into()
}

/// True when more than half of the documents are Arabic.
fn arabic_dominates(r: &Results) -> bool {
    let ar = r.documents.iter().filter(|d| d.language.eq_ignore_ascii_case("ar")).count();
    ar * 2 > r.documents.len()
}

/// Builds the workbook for `kinds` and returns its bytes.
pub(crate) fn workbook_bytes(r: &Results, kinds: &[TableKind]) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    let date = ExcelDateTime::from_ymd(2000, 1, 1).map_err(xerr)?;
    wb.set_properties(&DocProperties::new().set_creation_datetime(&date).set_author("parallax"));
    let rtl = arabic_dominates(r);
    for kind in kinds {
        let Some(table) = build(*kind, r) else { continue };
        // Low-memory mode streams finished rows to a temp file instead of
        // holding every cell (an evidence sheet can have millions); it
        // needs rows written in order, which `write_sheet` does.
        let ws = wb.add_worksheet_with_low_memory();
        ws.set_name(kind.name()).map_err(xerr)?;
        ws.set_right_to_left(rtl);
        write_sheet(ws, &table).map_err(xerr)?;
    }
    wb.save_to_buffer().map_err(xerr)
}

fn write_sheet(ws: &mut Worksheet, t: &Table<'_>) -> Result<(), XlsxError> {
    let ncols = t.header.len();
    if ncols > MAX_COLS {
        ws.write_string(
            0,
            0,
            format!(
                "{} documents: too many columns for a worksheet; see {}",
                t.len,
                t.kind.file_name()
            ),
        )?;
        return Ok(());
    }
    let bold = Format::new().set_bold();
    for (c, h) in t.header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, cell_string(h), &bold)?;
    }
    let nrows = t.len.min(MAX_ROWS - 1);
    let mut widths: Vec<usize> = t.header.iter().map(|h| h.chars().count()).collect();
    for i in 0..nrows {
        let row = t.row(i);
        let r = (i + 1) as u32;
        for (c, cell) in row.iter().enumerate() {
            let col = c as u16;
            match *cell {
                Cell::Text(s) => {
                    if !s.is_empty() {
                        ws.write_string(r, col, cell_string(s))?;
                    }
                }
                Cell::Int(n) => {
                    ws.write_number(r, col, n as f64)?;
                }
                Cell::Float(v, dp) => {
                    // The CSV's rounding, so both files hold the same value.
                    if let Ok(x) = fmt_float(v, dp).parse::<f64>() {
                        ws.write_number(r, col, x)?;
                    }
                }
                Cell::Bool(b) => {
                    ws.write_boolean(r, col, b)?;
                }
                Cell::Empty => {}
            }
            if i < WIDTH_SAMPLE {
                let w = match *cell {
                    Cell::Text(s) => s.chars().count(),
                    Cell::Float(_, dp) => dp + 3,
                    Cell::Int(n) => n.to_string().len(),
                    Cell::Bool(_) => 5,
                    Cell::Empty => 0,
                };
                if let Some(slot) = widths.get_mut(c) {
                    *slot = (*slot).max(w);
                }
            }
        }
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, (*w + 2).clamp(6, 60) as f64)?;
    }
    let last_row = nrows as u32;
    let last_col = (ncols.max(1) - 1) as u16;
    if t.kind.is_matrix() {
        ws.set_freeze_panes(1, 1)?;
        if nrows > 0 && ncols > 1 {
            // White (low) to red (high), so reused pairs stand out.
            let scale = ConditionalFormat3ColorScale::new()
                .set_minimum_color(0xFFFFFF)
                .set_midpoint_color(0xF8CBAD)
                .set_maximum_color(0xC0504D);
            ws.add_conditional_format(1, 1, last_row, last_col, &scale)?;
        }
    } else {
        let freeze_cols = match t.kind {
            TableKind::Pairs | TableKind::Clusters | TableKind::FramingShift => 2,
            _ => 1,
        };
        ws.set_freeze_panes(1, freeze_cols)?;
        ws.autofilter(0, 0, last_row, last_col)?;
        if t.kind == TableKind::Stance && nrows > 0 {
            // Stance in [-1, 1]: red for against, white at 0, green for favour.
            let scale = ConditionalFormat3ColorScale::new()
                .set_minimum(ConditionalFormatType::Number, -1)
                .set_midpoint(ConditionalFormatType::Number, 0)
                .set_maximum(ConditionalFormatType::Number, 1)
                .set_minimum_color(0xE06666)
                .set_midpoint_color(0xFFFFFF)
                .set_maximum_color(0x6AA84F);
            for (c, h) in t.header.iter().enumerate() {
                if h.ends_with("_score") {
                    ws.add_conditional_format(1, c as u16, last_row, c as u16, &scale)?;
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_cut_at_excels_limit() {
        let s = "ب".repeat(MAX_CELL_CHARS + 10);
        let c = cell_string(&s);
        assert_eq!(c.chars().count(), MAX_CELL_CHARS);
        assert!(c.ends_with(TRUNCATED));
        assert_eq!(cell_string("short"), "short");
    }

    #[test]
    fn workbook_is_deterministic() {
        let r = Results {
            documents: vec![crate::report::model::DocRow {
                doc_id: "=1+1".into(),
                language: "ar".into(),
                ..Default::default()
            }],
            ..Results::default()
        };
        let a = workbook_bytes(&r, &TableKind::ALL).unwrap();
        let b = workbook_bytes(&r, &TableKind::ALL).unwrap();
        assert!(a.starts_with(b"PK"));
        assert_eq!(a, b);
    }
}
