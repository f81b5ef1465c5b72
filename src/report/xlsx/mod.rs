//! The `parallax.xlsx` workbook, written by parallax itself.
//!
//! Input: [`Results`] and the tables to write. Output: the workbook,
//! streamed into a writer. One sheet per table, named after it (≤ 31
//! chars), in [`TableKind::ALL`] order; frozen header row and id column(s);
//! an autofilter on long tables; 3-colour scales on matrices and stance
//! scores; right-to-left sheets when most documents are Arabic.
//!
//! Why not an XLSX library: on a corpus of 72k articles the workbook holds
//! about two million rows, and a library that deflates each sheet on one
//! core took 35 s of a 50 s run. Here each sheet's rows are rendered and
//! deflated in parallel blocks ([`sheet`], [`zip`]), at a fast deflate
//! level.
//!
//! Invariants: text is always an inline string (a cell that looks like a
//! formula stays text and never runs), numbers are numbers, rounded to the
//! same decimals as the CSV so both agree. Excel limits are handled, not
//! hit: text longer than 32,767 characters is cut and ends with
//! [`TRUNCATED`]; a table longer than 1,048,575 rows continues on sheets
//! named `name (2)`, `name (3)`, ... under the same header, and a matrix wider than 16,384 columns becomes a one-cell note. Dates in
//! the package are fixed, so two runs give the same bytes.

use std::io::{self, Write};

use super::model::Results;
use super::table::{build, Table, TableKind};

mod sheet;
mod zip;

use sheet::{escape, Look, Sheet};

/// Excel's cell text limit, in characters.
const MAX_CELL_CHARS: usize = 32_767;
/// Appended to text cut at Excel's limit.
pub(crate) const TRUNCATED: &str = " …[truncated]";
/// Excel's row limit (header included).
const MAX_ROWS: usize = 1_048_576;
/// Excel's column limit.
const MAX_COLS: usize = 16_384;
/// Text as written to a cell: unchanged, or cut at Excel's limit.
pub(crate) fn cell_string(s: &str) -> std::borrow::Cow<'_, str> {
    // A string has at most as many characters as bytes.
    if s.len() <= MAX_CELL_CHARS || s.chars().count() <= MAX_CELL_CHARS {
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

/// Writes the workbook for `kinds` to `w`.
pub(crate) fn write<W: Write>(r: &Results, kinds: &[TableKind], w: W) -> io::Result<W> {
    write_split(r, kinds, w, MAX_ROWS - 1)
}

/// [`write`] with at most `per_sheet` data rows per worksheet.
fn write_split<W: Write>(
    r: &Results,
    kinds: &[TableKind],
    w: W,
    per_sheet: usize,
) -> io::Result<W> {
    let tables: Vec<Table<'_>> = kinds
        .iter()
        .filter_map(|k| build(*k, r))
        .map(|t| crate::report::table::with_document_context(t, r))
        .collect();
    let rtl = arabic_dominates(r);
    // A table longer than a worksheet goes on as `name (2)`, `name (3)`...
    // (the CSV has every row in one file).
    let mut sheets: Vec<Sheet<'_, '_>> = Vec::new();
    let mut owned: Vec<(String, Option<String>)> = Vec::new();
    for t in &tables {
        for part in 0..Sheet::parts(t, per_sheet) {
            let look = Look { right_to_left: rtl, selected: sheets.is_empty() };
            let s = Sheet::part(t, &look, part, per_sheet);
            let name = if part == 0 {
                t.kind.name().to_string()
            } else {
                format!("{} ({})", t.kind.name(), part + 1)
            };
            owned.push((name, s.filter_range()));
            sheets.push(s);
        }
    }
    let mut names: Vec<(&str, Option<String>)> =
        owned.iter().map(|(n, f)| (n.as_str(), f.clone())).collect();
    if names.is_empty() {
        names.push(("parallax", None));
    }
    let mut z = zip::ZipOut::new(w);
    z.add("[Content_Types].xml", content_types(names.len()).as_bytes())?;
    z.add("_rels/.rels", ROOT_RELS.as_bytes())?;
    z.add("docProps/app.xml", APP.as_bytes())?;
    z.add("docProps/core.xml", CORE.as_bytes())?;
    z.add("xl/workbook.xml", workbook(&names).as_bytes())?;
    z.add("xl/_rels/workbook.xml.rels", workbook_rels(names.len()).as_bytes())?;
    z.add("xl/styles.xml", STYLES.as_bytes())?;
    if sheets.is_empty() {
        z.add("xl/worksheets/sheet1.xml", EMPTY_SHEET.as_bytes())?;
    }
    for (i, s) in sheets.iter().enumerate() {
        z.add_pieces(&format!("xl/worksheets/sheet{}.xml", i + 1), s.pieces(), |p| s.render(p))?;
    }
    z.finish()
}

const XML_DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
const MAIN_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

fn content_types(sheets: usize) -> String {
    let mut s = format!(
        "{XML_DECL}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
         <Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
         <Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>\
         <Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
         <Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
    );
    for i in 1..=sheets {
        s.push_str(&format!(
            "<Override PartName=\"/xl/worksheets/sheet{i}.xml\" \
             ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        ));
    }
    s.push_str("</Types>");
    s
}

const ROOT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>\
</Relationships>";

const APP: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">\
<Application>parallax</Application></Properties>";

/// Fixed dates, so the same input gives the same bytes.
const CORE: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
<dc:creator>parallax</dc:creator>\
<dcterms:created xsi:type=\"dcterms:W3CDTF\">2000-01-01T00:00:00Z</dcterms:created>\
<dcterms:modified xsi:type=\"dcterms:W3CDTF\">2000-01-01T00:00:00Z</dcterms:modified>\
</cp:coreProperties>";

/// Cell formats, by index (the `s` attribute; see `sheet::style`):
/// 0 plain, 1 bold (the header row), 2 integer (`0`), 3 `0.0`, 4 `0.00`,
/// 5 `0.000`, 6 text wrapped at the column's width, aligned to the top.
/// Numbers keep the CSV's digits as their value; the format only decides
/// how many a reader sees.
const STYLES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
<numFmts count=\"3\"><numFmt numFmtId=\"164\" formatCode=\"0.0\"/>\
<numFmt numFmtId=\"165\" formatCode=\"0.00\"/><numFmt numFmtId=\"166\" formatCode=\"0.000\"/></numFmts>\
<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>\
<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font></fonts>\
<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>\
<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>\
<cellXfs count=\"7\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>\
<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>\
<xf numFmtId=\"1\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>\
<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>\
<xf numFmtId=\"165\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>\
<xf numFmtId=\"166\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>\
<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyAlignment=\"1\">\
<alignment wrapText=\"1\" vertical=\"top\"/></xf></cellXfs>\
<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>\
<dxfs count=\"0\"/><tableStyles count=\"0\"/></styleSheet>";

/// `workbook.xml` for sheets `(name, autofilter range)`, in order.
fn workbook(sheets: &[(&str, Option<String>)]) -> String {
    let mut s = format!(
        "{XML_DECL}<workbook xmlns=\"{MAIN_NS}\" xmlns:r=\"{REL_NS}\"><workbookPr/>\
         <bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>"
    );
    let escaped = |text: &str| {
        let mut v = Vec::new();
        escape(&mut v, text);
        String::from_utf8(v).expect("escaped UTF-8")
    };
    for (i, (name, _)) in sheets.iter().enumerate() {
        s.push_str(&format!(
            "<sheet name=\"{}\" sheetId=\"{}\" r:id=\"rId{}\"/>",
            escaped(name),
            i + 1,
            i + 1
        ));
    }
    s.push_str("</sheets>");
    let filters: Vec<String> = sheets
        .iter()
        .enumerate()
        .filter_map(|(i, (name, range))| {
            let range = range.as_ref()?;
            Some(format!(
                "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"{i}\" hidden=\"1\">\
                 '{}'!{range}</definedName>",
                escaped(name)
            ))
        })
        .collect();
    if !filters.is_empty() {
        s.push_str("<definedNames>");
        s.push_str(&filters.concat());
        s.push_str("</definedNames>");
    }
    s.push_str("</workbook>");
    s
}

/// The one sheet of a workbook with no table to show (a workbook needs at
/// least one sheet).
const EMPTY_SHEET: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
<dimension ref=\"A1\"/><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>\
No table of this run goes in the workbook: see the CSV files.</t></is></c></row></sheetData>\
</worksheet>";

fn workbook_rels(sheets: usize) -> String {
    let mut s = format!(
        "{XML_DECL}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    );
    for i in 1..=sheets {
        s.push_str(&format!(
            "<Relationship Id=\"rId{i}\" Type=\"{REL_NS}/worksheet\" Target=\"worksheets/sheet{i}.xml\"/>"
        ));
    }
    s.push_str(&format!(
        "<Relationship Id=\"rId{}\" Type=\"{REL_NS}/styles\" Target=\"styles.xml\"/></Relationships>",
        sheets + 1
    ));
    s
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
        let a = write(&r, &TableKind::ALL, Vec::new()).unwrap();
        let b = write(&r, &TableKind::ALL, Vec::new()).unwrap();
        assert!(a.starts_with(b"PK"));
        assert_eq!(a, b);
    }

    /// With no table to show, the workbook still has its one sheet.
    #[test]
    fn a_workbook_without_tables_has_a_note_sheet() {
        use std::io::Read;
        let bytes = write(&Results::default(), &[TableKind::Similarity], Vec::new()).unwrap();
        let mut z = ::zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut wb = String::new();
        z.by_name("xl/workbook.xml").unwrap().read_to_string(&mut wb).unwrap();
        assert!(wb.contains("<sheet name=\"parallax\" sheetId=\"1\" r:id=\"rId1\"/>"), "{wb}");
        let mut sheet = String::new();
        z.by_name("xl/worksheets/sheet1.xml").unwrap().read_to_string(&mut sheet).unwrap();
        assert!(sheet.contains("see the CSV files"));
    }

    /// A table longer than a worksheet continues on further sheets: every
    /// row is in the workbook, none silently cut.
    #[test]
    fn long_table_continues_on_more_sheets() {
        use std::io::Read;
        let r = Results {
            documents: (0..25)
                .map(|i| crate::report::model::DocRow {
                    doc_id: format!("d{i:02}"),
                    ..Default::default()
                })
                .collect(),
            ..Results::default()
        };
        let bytes = write_split(&r, &[TableKind::Documents], Vec::new(), 10).unwrap();
        let mut z = ::zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut wb = String::new();
        z.by_name("xl/workbook.xml").unwrap().read_to_string(&mut wb).unwrap();
        for name in ["documents", "documents (2)", "documents (3)"] {
            assert!(wb.contains(&format!("<sheet name=\"{name}\"")), "{wb}");
        }
        let mut ids = Vec::new();
        for i in 1..=3 {
            let mut sheet = String::new();
            z.by_name(&format!("xl/worksheets/sheet{i}.xml"))
                .unwrap()
                .read_to_string(&mut sheet)
                .unwrap();
            assert!(sheet.contains(">doc_id<"), "every part has the header");
            ids.extend(
                sheet
                    .match_indices(">d")
                    .map(|(p, _)| sheet[p + 1..p + 4].to_string())
                    .filter(|id| id[1..].bytes().all(|b| b.is_ascii_digit())),
            );
        }
        let want: Vec<String> = (0..25).map(|i| format!("d{i:02}")).collect();
        assert_eq!(ids, want);
    }

    /// The first worksheet's XML of the workbook of `r`, after checking that
    /// the workbook's bytes are the same on one thread and on three.
    fn first_sheet_whatever_the_threads(r: &Results, kinds: &[TableKind]) -> String {
        use std::io::Read;
        let pool = |t| rayon::ThreadPoolBuilder::new().num_threads(t).build().unwrap();
        let one = pool(1).install(|| write(r, kinds, Vec::new()).unwrap());
        let three = pool(3).install(|| write(r, kinds, Vec::new()).unwrap());
        assert_eq!(one, three);
        let mut z = ::zip::ZipArchive::new(std::io::Cursor::new(one)).unwrap();
        let mut xml = String::new();
        z.by_name("xl/worksheets/sheet1.xml").unwrap().read_to_string(&mut xml).unwrap();
        xml
    }

    /// A wide sheet (a matrix of 400 documents) is cut into pieces of fewer
    /// rows, rendered in parallel: it reads back whole, with the same bytes
    /// whatever the number of threads.
    #[test]
    fn wide_matrix_is_cut_into_pieces_and_reads_back_whole() {
        let n = 400;
        let ids: Vec<String> = (0..n).map(|i| format!("d{i:03}")).collect();
        let values = (0..n * n).map(|k| ((k * 7) % 11) as f64 / 10.0).collect();
        let r = Results {
            similarity: Some(crate::report::model::Matrix { ids, values }),
            ..Results::default()
        };
        let table = build(TableKind::Similarity, &r).unwrap();
        let look = sheet::Look { right_to_left: false, selected: true };
        let pieces = sheet::Sheet::part(&table, &look, 0, MAX_ROWS - 1).pieces();
        assert!(pieces > 5, "{pieces} pieces");
        let kinds = [TableKind::Similarity];
        let xml = first_sheet_whatever_the_threads(&r, &kinds);
        assert_eq!(xml.matches("<row ").count(), n + 1);
        assert!(xml.contains(&format!("<row r=\"{}\">", n + 1)) && xml.ends_with("</worksheet>"));
    }

    /// A sheet long enough to be cut into several blocks reads back whole,
    /// in order, and its bytes do not depend on the number of threads.
    #[test]
    fn long_sheet_reads_back_in_order_whatever_the_threads() {
        let n = 3 * sheet::BLOCK_ROWS + 17;
        let r = Results {
            documents: (0..n)
                .map(|i| crate::report::model::DocRow {
                    doc_id: format!("d{i:05}"),
                    title: format!("الجزائر & <واشنطن> {i}\r"),
                    language: "ar".into(),
                    words: i as u64,
                    ..Default::default()
                })
                .collect(),
            ..Results::default()
        };
        let kinds = [TableKind::Documents];
        let xml = first_sheet_whatever_the_threads(&r, &kinds);
        assert!(xml.ends_with("</worksheet>"));
        let rows: Vec<&str> = xml.split("<row r=\"").skip(1).collect();
        assert_eq!(rows.len(), n + 1, "header and every document");
        for (i, row) in rows.iter().enumerate() {
            assert!(row.starts_with(&format!("{}\"", i + 1)), "row {} out of order", i + 1);
        }
        let last = rows[n];
        assert!(last.contains(&format!("<t>d{:05}</t>", n - 1)), "{last}");
        assert!(last.contains(&format!("الجزائر &amp; &lt;واشنطن&gt; {}_x000D_", n - 1)), "{last}");
        assert!(last.contains(&format!("<v>{}</v>", n - 1)), "{last}");
    }
}
