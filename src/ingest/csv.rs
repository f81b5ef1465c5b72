//! CSV record files: a header row, then one article per row.
//!
//! Input: a decoded `.csv` file (BOM already removed), comma-separated, or
//! `;`/tab-separated when the header line says so. Output: one document
//! per good row, into the [`Sink`]. Columns are found by the names in
//! [`IngestOptions`](super::IngestOptions) (exact match first, then ignoring
//! case and surrounding spaces); the outlet falls back to a `source` column.
//!
//! Invariants: a file without the text column is one problem naming the
//! columns it has; a row with a missing or empty text cell is a problem with
//! its line number, the other rows still load; rows may have different
//! lengths. Ids: the id column, else `<relpath>:<line>`; source `<path>:<line>`
//! where line is the 1-based line the record starts on.

use ::csv::{ReaderBuilder, StringRecord};

use super::text::record_date;
use super::{record_text_problem, FileRef, Sink};
use crate::doc::Document;
use crate::error::{Message, Result};

/// Column positions of the fields we read.
struct Columns {
    text: usize,
    id: Option<usize>,
    title: Option<usize>,
    date: Option<usize>,
    outlet: Option<usize>,
    url: Option<usize>,
    lang: Option<usize>,
    /// Every other column, `(position, name)`, sorted by name.
    extra: Vec<(usize, String)>,
}

/// Reads every row of `text`.
pub(crate) fn read(text: &str, encoding: &str, file: &FileRef, sink: &mut Sink<'_>) -> Result<()> {
    let mut reader = ReaderBuilder::new()
        .flexible(true)
        .delimiter(sniff_delimiter(text))
        .from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => return sink.problem(&file.shown, Some(1), format!("unreadable header row: {e}")),
    };
    let opts = sink.opts;
    let find = |name: &str| position(&headers, name);
    let Some(text_col) = find(&opts.text_col) else {
        let have: Vec<&str> = headers.iter().collect();
        let reason = Message::from(format!(
            "no `{}` column (columns: {}); ",
            opts.text_col,
            have.join(", ")
        ))
        .set_to("text_col", "NAME");
        return sink.problem(&file.shown, None, reason);
    };
    let mut cols = Columns {
        text: text_col,
        id: find(&opts.id_col),
        title: find(&opts.title_col),
        date: find(&opts.date_col),
        outlet: find(&opts.outlet_col).or_else(|| find("source")),
        url: find(&opts.url_col),
        lang: find(&opts.lang_col),
        extra: Vec::new(),
    };
    let used = [cols.id, cols.title, cols.date, cols.outlet, cols.url, cols.lang];
    cols.extra = headers
        .iter()
        .enumerate()
        .filter(|(i, h)| *i != cols.text && !used.contains(&Some(*i)) && !h.trim().is_empty())
        .map(|(i, h)| (i, h.trim().to_owned()))
        .collect();
    cols.extra.sort_by(|a, b| a.1.cmp(&b.1));
    cols.extra.dedup_by(|a, b| a.1 == b.1);
    let mut record = StringRecord::new();
    let mut lines = LineCounter::default();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let start = record.position().map_or(0, |p| p.byte() as usize);
                let n = lines.line_at(text, start);
                let end = reader.position().byte() as usize;
                if end >= text.len() {
                    if let Some(reason) = unterminated_quote(text, start) {
                        sink.problem(&file.shown, Some(n), reason)?;
                        break;
                    }
                }
                match row(&record, &cols, encoding, file, n, opts.date_order) {
                    Ok((doc, warning)) => {
                        if let Some(w) = warning {
                            sink.warn(&file.shown, Some(n), w);
                        }
                        sink.doc(doc, &file.shown, Some(n), true)?
                    }
                    Err(reason) => sink.problem(&file.shown, Some(n), reason)?,
                }
            }
            Err(e) => {
                let n = e.position().map(|p| lines.line_at(text, p.byte() as usize));
                sink.problem(&file.shown, n, format!("unreadable row: {e}"))?;
                // A reader error is not always recoverable; stop this file
                // rather than risk reporting the same error forever.
                break;
            }
        }
    }
    Ok(())
}

/// Physical line numbers (1-based, counting `\n`, so CRLF and LF files
/// agree) of byte offsets met in increasing order.
#[derive(Default)]
struct LineCounter {
    byte: usize,
    line: u64,
}

impl LineCounter {
    fn line_at(&mut self, text: &str, byte: usize) -> u64 {
        let bytes = text.as_bytes();
        let mut byte = byte.min(text.len());
        // After a CRLF the reader's position is that of the `\n` (it ended
        // the record at `\r`): a record never starts with a line break, so
        // step over them to the record's first byte.
        while matches!(bytes.get(byte), Some(b'\r' | b'\n')) {
            byte += 1;
        }
        if byte < self.byte {
            *self = LineCounter::default();
        }
        let newlines = memchr::memchr_iter(b'\n', &text.as_bytes()[self.byte..byte]).count();
        self.line += newlines as u64;
        self.byte = byte;
        self.line + 1
    }
}

/// For the last record of a file, starting at byte `start`: the reason to
/// refuse it when a quoted cell opened in it is never closed, so that it
/// ran to the end of the file (taking every later line with it). An odd
/// number of `"` over several lines is that mark: a closed quoted cell
/// holds its quotes doubled.
fn unterminated_quote(text: &str, start: usize) -> Option<String> {
    let rest = text.get(start..)?;
    let quotes = rest.bytes().filter(|&b| b == b'"').count();
    let body = rest.trim_end_matches(['\r', '\n']);
    let spanned = body.bytes().filter(|&b| b == b'\n').count();
    if quotes % 2 == 1 && spanned > 0 {
        Some(format!(
            "a quoted cell opened on this line is never closed: it would run to the end of the \
             file, taking the {spanned} line(s) after it; this row and those lines were not \
             read; close the quote (a quote inside a cell is written \"\")"
        ))
    } else {
        None
    }
}

/// One row → a document (and a warning about its date), or the reason it
/// is not one.
fn row(
    rec: &StringRecord,
    cols: &Columns,
    encoding: &str,
    file: &FileRef,
    n: u64,
    order: Option<super::DateOrder>,
) -> std::result::Result<(Document, Option<Message>), Message> {
    let Some(text) = rec.get(cols.text) else {
        return Err(format!("row has {} cells, no text cell", rec.len()).into());
    };
    if let Some(reason) = record_text_problem(text) {
        return Err(format!("text cell: {reason}").into());
    }
    let cell = |c: Option<usize>| {
        c.and_then(|i| rec.get(i)).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned)
    };
    let (date, warning) = match cell(cols.date) {
        Some(d) => record_date(&d, order),
        None => (None, None),
    };
    let extra =
        cols.extra.iter().filter_map(|(i, name)| Some((name.clone(), cell(Some(*i))?))).collect();
    let doc = Document {
        id: cell(cols.id).unwrap_or_else(|| format!("{}:{n}", file.id)),
        source: format!("{}:{n}", file.shown),
        title: cell(cols.title),
        date,
        outlet: cell(cols.outlet),
        url: cell(cols.url),
        language: cell(cols.lang),
        encoding: encoding.to_owned(),
        text: text.to_owned(),
        extra,
    };
    Ok((doc, warning))
}

/// `,` unless the header line has more `;` or tabs than commas (French
/// spreadsheet exports use `;`, some tools write TSV with a .csv name).
fn sniff_delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or_default();
    let count = |c: char| header.matches(c).count();
    let (commas, semis, tabs) = (count(','), count(';'), count('\t'));
    if semis > commas && semis >= tabs {
        b';'
    } else if tabs > commas && tabs > semis {
        b'\t'
    } else {
        b','
    }
}

/// Index of the column called `name`: exact, else case- and
/// space-insensitive.
fn position(headers: &StringRecord, name: &str) -> Option<usize> {
    headers.iter().position(|h| h == name).or_else(|| {
        let want = name.trim();
        headers.iter().position(|h| h.trim().eq_ignore_ascii_case(want))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{IngestOptions, Sink};

    #[test]
    fn delimiter_is_sniffed_from_the_header() {
        assert_eq!(sniff_delimiter("id,text\n1,\"a; b; c\""), b',');
        assert_eq!(sniff_delimiter("id;titre;texte\n"), b';');
        assert_eq!(sniff_delimiter("id\ttext\n"), b'\t');
        assert_eq!(sniff_delimiter(""), b',');
    }

    #[test]
    fn short_rows_and_source_column_as_outlet() {
        let opts = IngestOptions::default();
        let mut sink = Sink::new(&opts);
        let file = FileRef { shown: "t.csv".into(), id: "t.csv".into() };
        let text = " Text ,source\n\"Un article.\",Le Monde\n\n";
        read(text, "UTF-8", &file, &mut sink).unwrap();
        read("id,x,text\nz\n", "UTF-8", &file, &mut sink).unwrap();
        let got = sink.finish();
        assert_eq!(got.docs.len(), 1);
        assert_eq!(got.docs[0].id, "t.csv:2");
        assert_eq!(got.docs[0].outlet.as_deref(), Some("Le Monde"));
        assert_eq!(got.problems[0].to_string(), "t.csv:2: row has 1 cells, no text cell");
    }

    #[test]
    fn crlf_lines_and_unterminated_quotes() {
        let opts = IngestOptions::default();
        let mut sink = Sink::new(&opts);
        let file = FileRef { shown: "t.csv".into(), id: "t.csv".into() };
        let text = "id,text\r\na,\"one\r\ntwo\"\r\nb,three\r\nc,\"open\r\nd,four\r\ne,five\r\n";
        read(text, "UTF-8", &file, &mut sink).unwrap();
        let got = sink.finish();
        let sources: Vec<&str> = got.docs.iter().map(|d| d.source.as_str()).collect();
        assert_eq!(sources, ["t.csv:2", "t.csv:4"]);
        assert_eq!(got.problems.len(), 1);
        assert_eq!(got.problems[0].line, Some(5));
        assert!(got.problems[0].reason.to_string().contains("never closed"), "{}", got.problems[0]);
    }
}
