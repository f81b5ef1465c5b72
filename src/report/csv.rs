//! Spreadsheet-safe CSV.
//!
//! Input: a [`Table`]. Output: its bytes on any `io::Write`: optional UTF-8
//! BOM, a header row, comma-separated, RFC 4180 quoting (only when a field
//! needs it), `\r\n` line ends (RFC 4180's, and what Excel writes).
//! Invariant: every text cell that a spreadsheet would read as a formula is
//! neutralised; numeric cells are written as plain numbers (a negative
//! score stays a number).

use std::borrow::Cow;
use std::io::Write;

use rayon::prelude::*;

use super::table::{fmt_float, push_float, Cell, Table};

/// The UTF-8 byte-order mark: Excel needs it to read the file as UTF-8
/// (without it, Arabic turns into mojibake on Windows).
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Neutralises a text cell against formula injection (OWASP "CSV
/// injection"): a cell that begins with `=`, `+`, `-`, `@`, a tab or a
/// carriage return gets a leading `'`, which spreadsheets show as text. The
/// check looks past leading spaces and invisible characters (zero-width
/// space, bidi marks, BOM) and also knows the full-width signs (`＝`, `＋`,
/// `－`, `＠`): spreadsheets trim or fold those and still read a formula.
pub fn guard(text: &str) -> Cow<'_, str> {
    let first = text.chars().find(|&c| !(c == ' ' || c == '\u{a0}' || is_invisible(c)));
    let risky = matches!(text.as_bytes().first(), Some(b'\t' | b'\r'))
        || matches!(
            first,
            Some(
                '=' | '+'
                    | '-'
                    | '@'
                    | '\t'
                    | '\r'
                    | '\n'
                    | '\u{ff1d}'
                    | '\u{ff0b}'
                    | '\u{ff0d}'
                    | '\u{ff20}'
            )
        );
    if risky {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Characters a spreadsheet does not show: zero-width and bidi controls,
/// word joiners, the BOM, and other spaces.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{200b}'..='\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{061c}'
        | '\u{feff}'
        | '\u{2000}'..='\u{200a}'
        | '\u{3000}'
        | '\u{180e}')
}

/// A cell as CSV text (before quoting).
pub(crate) fn cell_text<'a>(c: &Cell<'a>) -> Cow<'a, str> {
    match *c {
        Cell::Text(s) => guard(s),
        Cell::Int(n) => Cow::Owned(n.to_string()),
        Cell::Float(v, dp) => Cow::Owned(fmt_float(v, dp)),
        Cell::Empty => Cow::Borrowed(""),
        Cell::Bool(b) => Cow::Borrowed(if b { "true" } else { "false" }),
    }
}

/// Rows rendered per piece, and pieces rendered ahead of writing: long
/// tables (millions of evidence rows) are rendered on every core, at most
/// `BLOCK_ROWS * BATCH_BLOCKS` rows held in memory at a time.
const BLOCK_ROWS: usize = 2048;
const BATCH_BLOCKS: usize = 32;

fn csv_writer<W: Write>(w: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(w)
}

/// Writes `table` as CSV to `w`, with a BOM first when `bom`. Rows are
/// rendered in blocks in parallel and written in order: the bytes are
/// those of one writer going row by row (each record is quoted on its
/// own), whatever the number of threads.
pub(crate) fn write_table<W: Write>(table: &Table<'_>, w: W, bom: bool) -> std::io::Result<()> {
    let mut w = w;
    if bom {
        w.write_all(BOM)?;
    }
    // Column names are ours, except a matrix's document ids.
    let header: Vec<Cow<'_, str>> = table
        .header
        .iter()
        .enumerate()
        .map(
            |(i, h)| {
                if table.header_is_ids && i > 0 {
                    guard(h)
                } else {
                    Cow::Borrowed(h.as_str())
                }
            },
        )
        .collect();
    let mut head = csv_writer(Vec::new());
    head.write_record(header.iter().map(|h| h.as_bytes())).map_err(csv_io)?;
    w.write_all(&head.into_inner().map_err(|e| e.into_error())?)?;
    let blocks = table.len.div_ceil(BLOCK_ROWS);
    for batch in (0..blocks).collect::<Vec<_>>().chunks(BATCH_BLOCKS) {
        let rendered: Vec<std::io::Result<Vec<u8>>> = batch
            .par_iter()
            .map(|&b| render_rows(table, b * BLOCK_ROWS..((b + 1) * BLOCK_ROWS).min(table.len)))
            .collect();
        for bytes in rendered {
            w.write_all(&bytes?)?;
        }
    }
    w.flush()
}

/// Writes `skipped.csv`: one row per skipped input (`path`, `line`,
/// `reason`), guarded like every text cell.
pub(crate) fn write_skipped<W: Write>(
    problems: &[super::model::Problem],
    mut w: W,
    bom: bool,
) -> std::io::Result<()> {
    if bom {
        w.write_all(BOM)?;
    }
    let mut out = csv_writer(w);
    out.write_record(["path", "line", "reason"]).map_err(csv_io)?;
    for p in problems {
        let line = p.line.map(|l| l.to_string()).unwrap_or_default();
        out.write_record([&*guard(&p.file), line.as_str(), &*guard(&p.reason)]).map_err(csv_io)?;
    }
    out.flush()
}

/// Rows `rows` of `table` as CSV records.
fn render_rows(table: &Table<'_>, rows: std::ops::Range<usize>) -> std::io::Result<Vec<u8>> {
    let mut out = csv_writer(Vec::with_capacity(128 * rows.len()));
    // Text cells are borrowed, not copied: the passage and evidence tables
    // of a large corpus run to millions of cells. Numbers are written into
    // one buffer per row, not a string each (the matrices are all numbers).
    let mut cells: Vec<Field<'_>> = Vec::with_capacity(table.header.len());
    let mut numbers: Vec<u8> = Vec::new();
    for i in rows {
        let row = table.row(i);
        cells.clear();
        numbers.clear();
        cells.extend(row.iter().map(|c| match *c {
            Cell::Float(v, dp) => {
                let from = numbers.len();
                push_float(&mut numbers, v, dp);
                Field::Number(from..numbers.len())
            }
            _ => Field::Text(cell_text(c)),
        }));
        out.write_record(cells.iter().map(|c| match c {
            Field::Text(t) => t.as_bytes(),
            Field::Number(r) => &numbers[r.clone()],
        }))
        .map_err(csv_io)?;
    }
    out.into_inner().map_err(|e| e.into_error())
}

/// A cell's CSV text: its own, or a range of the row's number buffer.
enum Field<'a> {
    Text(Cow<'a, str>),
    Number(std::ops::Range<usize>),
}

/// The csv crate wraps I/O errors; unwrap them so callers see one kind.
fn csv_io(e: csv::Error) -> std::io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => std::io::Error::other(format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::model::*;
    use crate::report::table::{build, TableKind};

    fn csv_of(kind: TableKind, r: &Results, bom: bool) -> String {
        let t = build(kind, r).unwrap();
        let mut buf = Vec::new();
        write_table(&t, &mut buf, bom).unwrap();
        String::from_utf8(buf).unwrap()
    }

    /// A table of several blocks comes out whole and in order, with the
    /// same bytes on one thread and on several.
    #[test]
    fn long_tables_render_in_order_whatever_the_threads() {
        let n = BLOCK_ROWS * (BATCH_BLOCKS + 2) + 5;
        let r = Results {
            documents: (0..n)
                .map(|i| DocRow {
                    doc_id: format!("d{i:06}"),
                    title: if i % 2 == 0 { format!("=t{i}") } else { format!("a, \"b\" {i}") },
                    words: i as u64,
                    ..DocRow::default()
                })
                .collect(),
            ..Results::default()
        };
        let pool = |t| rayon::ThreadPoolBuilder::new().num_threads(t).build().unwrap();
        let one = pool(1).install(|| csv_of(TableKind::Documents, &r, false));
        let three = pool(3).install(|| csv_of(TableKind::Documents, &r, false));
        assert_eq!(one, three);
        let lines: Vec<&str> = one.split("\r\n").collect();
        assert_eq!(lines.len(), n + 2, "header, rows, and the empty tail");
        for (i, line) in lines[1..=n].iter().enumerate() {
            let title =
                if i % 2 == 0 { format!("'=t{i}") } else { format!("\"a, \"\"b\"\" {i}\"") };
            assert_eq!(*line, format!("d{i:06},,{title},,,,,0,{i},"));
        }
    }

    #[test]
    fn guard_only_touches_formula_starts() {
        assert_eq!(guard("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(guard("+1"), "'+1");
        assert_eq!(guard("-2"), "'-2");
        assert_eq!(guard("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(guard("\tx"), "'\tx");
        assert_eq!(guard("\rx"), "'\rx");
        assert_eq!(guard("الجزائر"), "الجزائر");
        assert_eq!(guard("a=b"), "a=b");
        assert_eq!(guard(""), "");
    }

    #[test]
    fn documents_csv_exact_bytes() {
        let r = Results {
            documents: vec![
                DocRow {
                    doc_id: "ar/001.txt".into(),
                    source: "ar/001.txt".into(),
                    title: "الجزائر وواشنطن، \"شراكة\" جديدة".into(),
                    date: "2025-01-02".into(),
                    outlet: "=cmd|' /C calc'!A0".into(),
                    language: "ar".into(),
                    encoding: "UTF-8".into(),
                    chars: 120,
                    words: 20,
                    text: String::new(),
                    ..DocRow::default()
                },
                DocRow {
                    doc_id: "fr/a.txt".into(),
                    source: "fr/a.txt".into(),
                    title: "Ligne 1\nligne 2".into(),
                    language: "fr".into(),
                    encoding: "windows-1256".into(),
                    ..DocRow::default()
                },
            ],
            ..Results::default()
        };
        let got = csv_of(TableKind::Documents, &r, true);
        let want = "\u{feff}doc_id,source,title,date,outlet,language,encoding,chars,words,url\r\n\
            ar/001.txt,ar/001.txt,\"الجزائر وواشنطن، \"\"شراكة\"\" جديدة\",2025-01-02,\
            '=cmd|' /C calc'!A0,ar,UTF-8,120,20,\r\n\
            fr/a.txt,fr/a.txt,\"Ligne 1\nligne 2\",,,fr,windows-1256,0,0,\r\n";
        assert_eq!(got, want);
        let no_bom = csv_of(TableKind::Documents, &r, false);
        assert_eq!(no_bom.as_bytes(), &want.as_bytes()[3..]);
    }

    #[test]
    fn negative_numbers_stay_numbers_and_text_is_guarded() {
        let r = Results {
            target_keys: vec!["usa".into()],
            stance: vec![StanceRow {
                doc_id: "-x".into(),
                targets: vec![StanceCell {
                    score: Some(-0.5),
                    mentions: 3,
                    quoted_score: None,
                    quoted_mentions: 0,
                }],
            }],
            ..Results::default()
        };
        let got = csv_of(TableKind::Stance, &r, false);
        assert_eq!(
            got,
            "doc_id,usa_score,usa_mentions,usa_quoted_score,usa_quoted_mentions\r\n\
             '-x,-0.500000,3,,0\r\n"
        );
    }

    #[test]
    fn matrix_csv_writes_zeros_and_guards_ids() {
        let r = Results {
            similarity: Some(Matrix {
                ids: vec!["a".into(), "=b".into()],
                values: vec![1.0, 0.0, 0.0, 1.0],
            }),
            ..Results::default()
        };
        let got = csv_of(TableKind::Similarity, &r, false);
        assert_eq!(got, "doc_id,a,'=b\r\na,1.000000,0.000000\r\n'=b,0.000000,1.000000\r\n");
    }

    #[test]
    fn pairs_and_passages_exact() {
        let r = Results {
            pairs: vec![PairRow {
                doc_a: "a".into(),
                doc_b: "b".into(),
                jaccard_est: 0.8125,
                jaccard: None,
                containment_ab: 0.9,
                containment_ba: 0.75,
                passages: 1,
                shared_words: 12,
                longest_passage_words: 12,
                likely_source: "a".into(),
                source_reason: "date".into(),
                cluster: Some(0),
                verdict: "near_duplicate".into(),
                aligned_via: String::new(),
                related: Some(0.5),
            }],
            passages: vec![PassageRow {
                passage: 0,
                doc_a: "a".into(),
                a_start: 0,
                a_end: 5,
                doc_b: "b".into(),
                b_start: 3,
                b_end: 8,
                a_words: 1,
                b_words: 1,
                score: 1.0,
                kind: "verbatim".into(),
                copied_run: 1,
                recurs_in: 2,
                boilerplate: false,
                a_text: "a, b".into(),
                b_text: "@x".into(),
            }],
            ..Results::default()
        };
        assert_eq!(
            csv_of(TableKind::Pairs, &r, false),
            "doc_a,doc_b,jaccard_est,jaccard,containment_ab,containment_ba,passages,\
             shared_words,longest_passage_words,likely_source,cluster,source_reason,verdict,aligned_via,\
             related\r\n\
             a,b,0.812500,,0.900000,0.750000,1,12,12,a,0,date,near_duplicate,,0.500000\r\n"
        );
        // `parallax dups` computes no passages: empty cells, not zeros.
        let dups = Results { passages_skipped: true, ..r.clone() };
        assert!(csv_of(TableKind::Pairs, &dups, false)
            .ends_with("a,b,0.812500,,0.900000,0.750000,,,,a,0,date,near_duplicate,,0.500000\r\n"));
        assert_eq!(
            csv_of(TableKind::Passages, &r, false),
            "passage,doc_a,a_start,a_end,doc_b,b_start,b_end,a_words,b_words,score,\
             boilerplate,a_text,b_text,kind,copied_run,recurs_in\r\n\
             0,a,0,5,b,3,8,1,1,1.000000,false,\"a, b\",'@x,verbatim,1,2\r\n"
        );
    }
}
