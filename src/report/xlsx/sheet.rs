//! One worksheet's XML (SpreadsheetML, ECMA-376 part 1 §18.3).
//!
//! Input: a [`Table`] and how the sheet should look. Output: the sheet's
//! XML in pieces — a head (views, column widths, header row), blocks of
//! [`BLOCK_ROWS`] rows, a tail (filter, colour scales) — so the rows can be
//! rendered and deflated in parallel.
//!
//! Invariants: text is always an inline string (`t="inlineStr"`), never a
//! formula, escaped for XML and for Excel's own `_xHHHH_` escapes; numbers
//! are written with the CSV's rounding, so both files hold the same value;
//! elements follow the schema's order (Excel rejects a sheet otherwise).

use super::{cell_string, MAX_ROWS};
#[cfg(test)]
use crate::report::table::fmt_float;
use crate::report::table::{push_float, Cell, Table, TableKind};

/// Rows per piece at most: large enough that each piece's fresh deflate
/// dictionary costs little, small enough to spread a long sheet over every
/// core.
pub(crate) const BLOCK_ROWS: usize = 2048;
/// Cells per piece at most: a wide sheet (a 1,500 × 1,500 matrix) gets
/// pieces of fewer rows, so that it too is rendered on every core instead
/// of as one piece (the five matrices of 1,500 articles took two seconds
/// on one core).
const BLOCK_CELLS: usize = 16 * BLOCK_ROWS;
/// Rows sampled to size columns (the rest do not change the look much).
const WIDTH_SAMPLE: usize = 200;

/// Style indices (see `STYLES` in the parent module).
const BOLD: &str = "1";
const INTEGER: &str = "2";
const WRAP: &str = "6";

/// The number format a reader sees for a number written with `dp`
/// decimals: at most three (the cell keeps every digit of the CSV).
fn decimals_style(dp: usize) -> &'static str {
    match dp {
        0 => INTEGER,
        1 => "3",
        2 => "4",
        _ => "5",
    }
}

/// Columns of running text (passages, evidence sentences): wrapped at a
/// fixed width instead of one line as wide as the longest cell, so the
/// line breaks they hold show and nothing overprints.
fn is_running_text(header: &str) -> bool {
    header.ends_with("_text") || header == "text" || header == "sentence" || header == "context"
}
/// Width of a running-text column, in characters.
const WRAP_WIDTH: usize = 60;
/// Width of a matrix's value columns, in characters: a 0.000 value.
const MATRIX_WIDTH: usize = 7;

/// What [`render`] needs beyond the table.
pub(crate) struct Look {
    pub(crate) right_to_left: bool,
    pub(crate) selected: bool,
}

/// A sheet ready to render.
pub(crate) struct Sheet<'t, 'a> {
    table: &'t Table<'a>,
    /// First table row of this sheet (a table longer than a worksheet is
    /// continued on further sheets).
    offset: usize,
    /// Data rows written (Excel's limit keeps the header and 1,048,575).
    rows: usize,
    /// Rows per piece.
    block: usize,
    cols: Vec<String>,
    head: Vec<u8>,
    tail: Vec<u8>,
}

impl<'t, 'a> Sheet<'t, 'a> {
    /// Lays out `table`; a matrix too wide for a worksheet becomes a
    /// one-cell note pointing at the CSV.
    /// How many sheets of `per_sheet` rows `table` needs (at least one).
    pub(crate) fn parts(table: &Table<'_>, per_sheet: usize) -> usize {
        if table.kind.is_matrix() || table.header.len() > super::MAX_COLS {
            1
        } else {
            table.len.div_ceil(per_sheet.max(1)).max(1)
        }
    }

    /// Lays out part `part` of [`Sheet::parts`]: the table's rows from
    /// `part × per_sheet` (at most `per_sheet`, itself at most Excel's
    /// 1,048,575), under the same header.
    pub(crate) fn part(
        table: &'t Table<'a>,
        look: &Look,
        part: usize,
        per_sheet: usize,
    ) -> Sheet<'t, 'a> {
        let per_sheet = per_sheet.clamp(1, MAX_ROWS - 1);
        let ncols = table.header.len();
        if ncols > super::MAX_COLS {
            let note = format!(
                "{} documents: too many columns for a worksheet; see {}",
                table.len,
                table.kind.file_name()
            );
            let mut head = open(look, None, "A1", &[]);
            head.extend_from_slice(b"<sheetData><row r=\"1\">");
            text_cell(&mut head, "A1", &note, None);
            head.extend_from_slice(b"</row>");
            let mut tail = b"</sheetData>".to_vec();
            close(&mut tail);
            return Sheet { table, offset: 0, rows: 0, block: 1, cols: Vec::new(), head, tail };
        }
        let offset = part * per_sheet;
        let rows = table.len.saturating_sub(offset).min(per_sheet);
        let cols: Vec<String> = (0..ncols).map(col_name).collect();
        let last_col = cols.last().map_or("A", String::as_str);
        let last_row = rows + 1;
        let dimension = if ncols <= 1 && rows == 0 {
            "A1".to_string()
        } else {
            format!("A1:{last_col}{last_row}")
        };
        // The id column(s) stay in view: both documents of a pair.
        let freeze = match table.kind {
            TableKind::Pairs | TableKind::Clusters | TableKind::FramingShift => 2,
            _ => 1,
        };
        let mut head = open(look, Some(freeze), &dimension, &widths(table, rows));
        head.extend_from_slice(b"<sheetData><row r=\"1\">");
        for (c, h) in table.header.iter().enumerate() {
            text_cell(&mut head, &format!("{}1", cols[c]), &cell_string(h), Some(BOLD));
        }
        head.extend_from_slice(b"</row>");

        let mut tail = b"</sheetData>".to_vec();
        let mut priority = 0;
        let mut scale = |tail: &mut Vec<u8>, range: String, stops: &str| {
            priority += 1;
            tail.extend_from_slice(
                format!(
                    "<conditionalFormatting sqref=\"{range}\"><cfRule type=\"colorScale\" \
                     priority=\"{priority}\"><colorScale>{stops}</colorScale></cfRule>\
                     </conditionalFormatting>"
                )
                .as_bytes(),
            );
        };
        if table.kind.is_matrix() {
            if rows > 0 && ncols > 1 {
                // White (low) to red (high), so reused pairs stand out.
                scale(&mut tail, format!("B2:{last_col}{last_row}"), MATRIX_SCALE);
            }
        } else {
            tail.extend_from_slice(format!("<autoFilter ref=\"{dimension}\"/>").as_bytes());
            if table.kind == TableKind::Stance && rows > 0 {
                for (c, h) in table.header.iter().enumerate() {
                    if h.ends_with("_score") {
                        let col = &cols[c];
                        scale(&mut tail, format!("{col}2:{col}{last_row}"), STANCE_SCALE);
                    }
                }
            }
        }
        close(&mut tail);
        let block = (BLOCK_CELLS / ncols.max(1)).clamp(1, BLOCK_ROWS);
        Sheet { table, offset, rows, block, cols, head, tail }
    }

    /// The range the sheet's autofilter covers, if it has one (the
    /// workbook names it `_xlnm._FilterDatabase`).
    pub(crate) fn filter_range(&self) -> Option<String> {
        if self.table.kind.is_matrix() || self.cols.is_empty() {
            return None;
        }
        Some(format!("$A$1:${}${}", self.cols[self.cols.len() - 1], self.rows + 1))
    }

    /// Pieces of the sheet's XML: head, row blocks, tail.
    pub(crate) fn pieces(&self) -> usize {
        self.rows.div_ceil(self.block) + 2
    }

    /// Renders piece `i` of [`Sheet::pieces`].
    pub(crate) fn render(&self, i: usize) -> Vec<u8> {
        if i == 0 {
            return self.head.clone();
        }
        if i == self.pieces() - 1 {
            return self.tail.clone();
        }
        let from = (i - 1) * self.block;
        let to = (from + self.block).min(self.rows);
        let mut out = Vec::with_capacity(256 * (to - from));
        let mut reference = String::new();
        let mut fixed = Vec::with_capacity(24);
        let wrap: Vec<bool> = self.table.header.iter().map(|h| is_running_text(h)).collect();
        for i in from..to {
            let row_no = (i + 2).to_string();
            out.extend_from_slice(b"<row r=\"");
            out.extend_from_slice(row_no.as_bytes());
            out.extend_from_slice(b"\">");
            for (c, cell) in self.table.row(self.offset + i).iter().enumerate() {
                let Some(col) = self.cols.get(c) else { break };
                reference.clear();
                reference.push_str(col);
                reference.push_str(&row_no);
                match *cell {
                    Cell::Text(s) if !s.is_empty() => {
                        let style = wrap.get(c).copied().unwrap_or(false).then_some(WRAP);
                        text_cell(&mut out, &reference, &cell_string(s), style)
                    }
                    Cell::Text(_) | Cell::Empty => {}
                    Cell::Int(n) => {
                        num_open(&mut out, &reference, None, Some(INTEGER));
                        push_uint(&mut out, n);
                        out.extend_from_slice(b"</v></c>");
                    }
                    Cell::Float(v, dp) => {
                        // The CSV's rounding, so both files hold the same value.
                        fixed.clear();
                        push_float(&mut fixed, v, dp);
                        let fixed = std::str::from_utf8(&fixed).expect("ASCII digits");
                        if let Some(x) = shortest_decimal(fixed) {
                            num_open(&mut out, &reference, None, Some(decimals_style(dp)));
                            out.extend_from_slice(x.as_bytes());
                            out.extend_from_slice(b"</v></c>");
                        }
                    }
                    Cell::Bool(b) => {
                        num_open(&mut out, &reference, Some("b"), None);
                        out.push(if b { b'1' } else { b'0' });
                        out.extend_from_slice(b"</v></c>");
                    }
                }
            }
            out.extend_from_slice(b"</row>");
        }
        out
    }
}

const MATRIX_SCALE: &str = "<cfvo type=\"min\"/><cfvo type=\"percentile\" val=\"50\"/>\
     <cfvo type=\"max\"/><color rgb=\"FFFFFFFF\"/><color rgb=\"FFF8CBAD\"/><color rgb=\"FFC0504D\"/>";
/// Stance in [-1, 1]: red for against, white at 0, green for favour.
const STANCE_SCALE: &str = "<cfvo type=\"num\" val=\"-1\"/><cfvo type=\"num\" val=\"0\"/>\
     <cfvo type=\"num\" val=\"1\"/><color rgb=\"FFE06666\"/><color rgb=\"FFFFFFFF\"/>\
     <color rgb=\"FF6AA84F\"/>";

/// The sheet's opening up to `<sheetData>`: dimension, view (direction,
/// frozen panes), column widths.
fn open(look: &Look, freeze_cols: Option<usize>, dimension: &str, widths: &[f64]) -> Vec<u8> {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet \
         xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
         xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">",
    );
    s.push_str(&format!("<dimension ref=\"{dimension}\"/><sheetViews><sheetView"));
    if look.right_to_left {
        s.push_str(" rightToLeft=\"1\"");
    }
    if look.selected {
        s.push_str(" tabSelected=\"1\"");
    }
    s.push_str(" workbookViewId=\"0\">");
    match freeze_cols {
        Some(0) => s.push_str(
            "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>\
             <selection pane=\"bottomLeft\"/>",
        ),
        Some(n) => s.push_str(&format!(
            "<pane xSplit=\"{n}\" ySplit=\"1\" topLeftCell=\"{}2\" activePane=\"bottomRight\" \
             state=\"frozen\"/><selection pane=\"topRight\"/><selection pane=\"bottomLeft\"/>\
             <selection pane=\"bottomRight\"/>",
            col_name(n)
        )),
        None => {}
    }
    s.push_str("</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>");
    if !widths.is_empty() {
        s.push_str("<cols>");
        for (c, w) in widths.iter().enumerate() {
            s.push_str(&format!(
                "<col min=\"{0}\" max=\"{0}\" width=\"{w}\" customWidth=\"1\"/>",
                c + 1
            ));
        }
        s.push_str("</cols>");
    }
    s.into_bytes()
}

fn close(tail: &mut Vec<u8>) {
    tail.extend_from_slice(
        b"<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" \
          footer=\"0.3\"/></worksheet>",
    );
}

/// Column widths in characters, from the header and the first rows.
fn widths(t: &Table<'_>, rows: usize) -> Vec<f64> {
    let mut widths: Vec<usize> = t.header.iter().map(|h| h.chars().count()).collect();
    for i in 0..rows.min(WIDTH_SAMPLE) {
        for (c, cell) in t.row(i).iter().enumerate() {
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
    let matrix = t.kind.is_matrix();
    for (c, w) in widths.iter_mut().enumerate() {
        if matrix && c > 0 {
            // Ids in the header would make every value column as wide as
            // an id; a value needs a few characters. The first column
            // names each row's document, a header cell shows the start of
            // its id (whole in the formula bar).
            *w = MATRIX_WIDTH;
        } else if t.header.get(c).is_some_and(|h| is_running_text(h)) {
            *w = WRAP_WIDTH;
        }
    }
    // Excel stores a width in characters of the default font plus 5 pixels
    // of padding, in 1/256 steps (7-pixel digits in Calibri 11).
    let stored = |chars: usize| ((chars * 7 + 5) as f64 / 7.0 * 256.0).trunc() / 256.0;
    widths.iter().map(|w| stored((*w + 2).clamp(6, WRAP_WIDTH))).collect()
}

/// `A`, `B`, … `Z`, `AA`, … for column index `c` (0-based).
pub(crate) fn col_name(c: usize) -> String {
    let mut n = c + 1;
    let mut name = Vec::new();
    while n > 0 {
        let d = (n - 1) % 26;
        name.push(b'A' + d as u8);
        n = (n - 1) / 26;
    }
    name.reverse();
    String::from_utf8(name).expect("ASCII letters")
}

/// `<c r="REF"`, with one more attribute when given, up to the closing
/// quote of the last attribute.
fn open_cell(out: &mut Vec<u8>, reference: &str, attr: Option<(&[u8], &str)>) {
    out.extend_from_slice(b"<c r=\"");
    out.extend_from_slice(reference.as_bytes());
    if let Some((name, value)) = attr {
        out.extend_from_slice(b"\" ");
        out.extend_from_slice(name);
        out.extend_from_slice(b"=\"");
        out.extend_from_slice(value.as_bytes());
    }
    out.push(b'"');
}

/// A number (`t` unset) or boolean (`t="b"`) cell, up to its value, with
/// a number format when given.
fn num_open(out: &mut Vec<u8>, reference: &str, kind: Option<&str>, style: Option<&str>) {
    open_cell(out, reference, style.map(|st| (&b"s"[..], st)));
    if let Some(k) = kind {
        out.extend_from_slice(b" t=\"");
        out.extend_from_slice(k.as_bytes());
        out.push(b'"');
    }
    out.extend_from_slice(b"><v>");
}

/// An inline-string cell: text, never a formula.
fn text_cell(out: &mut Vec<u8>, reference: &str, s: &str, style: Option<&str>) {
    open_cell(out, reference, style.map(|st| (&b"s"[..], st)));
    out.extend_from_slice(b" t=\"inlineStr\"><is>");
    // Without xml:space a reader may drop leading and trailing blanks.
    let edges = |c: Option<char>| c.is_some_and(char::is_whitespace);
    if edges(s.chars().next())
        || edges(s.chars().next_back())
        || memchr::memchr2(b'\n', b'\t', s.as_bytes()).is_some()
    {
        out.extend_from_slice(b"<t xml:space=\"preserve\">");
    } else {
        out.extend_from_slice(b"<t>");
    }
    escape(out, s);
    out.extend_from_slice(b"</t></is></c>");
}

/// Escapes `s` for XML text and for Excel: `&`, `<`, `>` as entities;
/// characters XML 1.0 cannot hold (C0 controls but tab and newline, and
/// U+FFFE/U+FFFF) and carriage returns (which XML parsers fold into
/// newlines) as Excel's `_xHHHH_`; and a literal `_xHHHH_` in the text
/// gets its underscore escaped (`_x005F_`), so Excel does not decode it.
pub(crate) fn escape(out: &mut Vec<u8>, s: &str) {
    // Byte by byte: every character to replace is ASCII except U+FFFE and
    // U+FFFF (EF BF BE, EF BF BF), and no byte of another character's UTF-8
    // form is ASCII, so the other bytes are copied in runs, undecoded.
    let bytes = s.as_bytes();
    let mut from = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if !SPECIAL[b as usize] {
            i += 1;
            continue;
        }
        let (rep, len): (&[u8], usize) = match b {
            b'&' => (b"&amp;", 1),
            b'<' => (b"&lt;", 1),
            b'>' => (b"&gt;", 1),
            b'_' if looks_escaped(&bytes[i..]) => (b"_x005F_", 1),
            0xEF if bytes.get(i + 1) == Some(&0xBF) && bytes.get(i + 2) == Some(&0xBE) => {
                (b"_xFFFE_", 3)
            }
            0xEF if bytes.get(i + 1) == Some(&0xBF) && bytes.get(i + 2) == Some(&0xBF) => {
                (b"_xFFFF_", 3)
            }
            c if c < 0x20 && c != b'\t' && c != b'\n' => {
                out.extend_from_slice(&bytes[from..i]);
                out.extend_from_slice(format!("_x{c:04X}_").as_bytes());
                i += 1;
                from = i;
                continue;
            }
            _ => {
                i += 1;
                continue;
            }
        };
        out.extend_from_slice(&bytes[from..i]);
        out.extend_from_slice(rep);
        i += len;
        from = i;
    }
    out.extend_from_slice(&bytes[from..]);
}

/// Bytes [`escape`] must look at: `& < > _`, C0 controls and 0xEF (the
/// lead byte of U+FFFE/U+FFFF).
static SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 0x20 {
        t[c] = true;
        c += 1;
    }
    t[b'&' as usize] = true;
    t[b'<' as usize] = true;
    t[b'>' as usize] = true;
    t[b'_' as usize] = true;
    t[0xEF] = true;
    t
};

/// The shortest decimal of the number `fixed` (a [`fmt_float`] string)
/// reads as, which is what the old writer stored (`fixed` parsed, then
/// printed shortest). With at most 15 significant digits a decimal is the
/// shortest form of its own nearest double, so trailing zeros are simply
/// cut; longer ones (never in parallax's tables) take the slow way. `None`
/// for an empty string (a missing number).
fn shortest_decimal(fixed: &str) -> Option<std::borrow::Cow<'_, str>> {
    if fixed.is_empty() {
        return None;
    }
    let digits = fixed.bytes().filter(u8::is_ascii_digit).skip_while(|&d| d == b'0').count();
    if digits > 15 {
        let x: f64 = fixed.parse().ok().filter(|x: &f64| x.is_finite())?;
        return Some(x.to_string().into());
    }
    let short = match fixed.find('.') {
        Some(_) => fixed.trim_end_matches('0').trim_end_matches('.'),
        None => fixed,
    };
    Some(match short {
        "" | "-" => "0".into(),
        s => s.into(),
    })
}

/// True when `b` starts with `_x` + four hex digits + `_`.
fn looks_escaped(b: &[u8]) -> bool {
    b.len() >= 7 && b[1] == b'x' && b[2..6].iter().all(u8::is_ascii_hexdigit) && b[6] == b'_'
}

fn push_uint(out: &mut Vec<u8>, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[at..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn esc(s: &str) -> String {
        let mut v = Vec::new();
        escape(&mut v, s);
        String::from_utf8(v).unwrap()
    }

    #[test]
    fn column_names() {
        let got: Vec<String> = [0, 1, 25, 26, 27, 51, 52, 701, 702, 16_383].map(col_name).into();
        assert_eq!(got, ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA", "XFD"]);
    }

    #[test]
    fn text_is_escaped_for_xml_and_excel() {
        assert_eq!(esc("a<b>&c \"d\""), "a&lt;b&gt;&amp;c \"d\"");
        assert_eq!(esc("الجزائر\tو\nواشنطن"), "الجزائر\tو\nواشنطن");
        assert_eq!(esc("a\rb\u{1}c\u{FFFF}"), "a_x000D_b_x0001_c_xFFFF_");
        assert_eq!(esc("_x0041_ and _x00G1_ _x"), "_x005F_x0041_ and _x00G1_ _x");
        assert_eq!(esc("=HYPERLINK(\"http://x\")"), "=HYPERLINK(\"http://x\")");
    }

    /// The byte scan against the definition: each character replaced as
    /// the doc comment says, on every character class it names and on
    /// Arabic text around them.
    #[test]
    fn escaping_bytes_equals_escaping_characters() {
        let by_chars = |s: &str| {
            let mut out = String::new();
            for (i, ch) in s.char_indices() {
                match ch {
                    '&' => out.push_str("&amp;"),
                    '<' => out.push_str("&lt;"),
                    '>' => out.push_str("&gt;"),
                    '\t' | '\n' => out.push(ch),
                    c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {
                        out.push_str(&format!("_x{:04X}_", c as u32))
                    }
                    '_' if looks_escaped(&s.as_bytes()[i..]) => out.push_str("_x005F_"),
                    c => out.push(c),
                }
            }
            out
        };
        let pieces = [
            "الجزائر",
            "&",
            "<",
            ">",
            "_",
            "_x0041_",
            "_xFFFF",
            "\u{FFFE}",
            "\u{FFFF}",
            "\u{FFFD}",
            "\u{EFBF}",
            "\r",
            "\t",
            "\n",
            "\u{1}",
            "\u{1F}",
            " ",
            "é",
            "ï¿¾",
            "\u{10FFFF}",
        ];
        let mut checked = 0;
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let s = format!("{a}{b}{c}");
                    assert_eq!(esc(&s), by_chars(&s), "{s:?}");
                    checked += 1;
                }
            }
        }
        assert_eq!(checked, pieces.len().pow(3));
    }

    /// Cutting zeros gives what parsing and printing gave, for the values
    /// and decimals the tables use and for awkward ones.
    #[test]
    fn shortest_decimal_is_parse_then_print() {
        let slow = |fixed: &str| {
            fixed.parse::<f64>().ok().filter(|x| x.is_finite()).map(|x| x.to_string())
        };
        let mut values = vec![
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.5,
            -0.25,
            100.0,
            1e-7,
            -1e-7,
            1.0 / 3.0,
            2.0 / 3.0,
            0.1,
            0.7,
            999.9999995,
            123456.0,
            1e15,
            1e16,
            1e20,
            12345678901.123456,
            f64::MAX,
            f64::NAN,
            f64::INFINITY,
        ];
        let mut x = 0.123_456_789_f64;
        for _ in 0..2000 {
            x = (x * 7919.0 + 0.618_033_988_7).fract();
            values.extend([x, -x, x * 1000.0, x * 1e-4, (x * 100.0).round() / 100.0]);
        }
        for v in values {
            for dp in 0..=8 {
                let fixed = fmt_float(v, dp);
                let fast = shortest_decimal(&fixed).map(|c| c.into_owned());
                assert_eq!(fast, slow(&fixed), "{v} {dp} {fixed}");
            }
        }
    }

    #[test]
    fn numbers_are_decimal() {
        let mut v = Vec::new();
        for n in [0, 7, 10, 1_048_576, u64::MAX] {
            push_uint(&mut v, n);
            v.push(b' ');
        }
        assert_eq!(v, b"0 7 10 1048576 18446744073709551615 ");
    }
}
