//! JSONL record files: one JSON object (one article) per line.
//!
//! Input: a decoded `.jsonl` file. Output: one document per good line, into
//! the [`Sink`]. Fields, by the names in [`IngestOptions`](super::IngestOptions)
//! (defaults `text`, `id`, `title`, `date`, `outlet`, `url`, `lang`); the text
//! falls back to `content` then `body`, the outlet to `source` (the
//! SaudiNewsNet and many scraper dumps use those names).
//!
//! Invariants: a broken line or one without text is a problem with its
//! 1-based line number and the other lines still load; blank lines are
//! skipped silently; the document text is the field's string exactly.
//! Ids: the `id` field (string or integer), else `<relpath>:<line>`; source
//! `<path>:<line>`.

use rayon::prelude::*;
use serde_json::{Map, Value};

use super::text::record_date;
use super::{record_text_problem, FileRef, IngestOptions, Sink};
use crate::doc::Document;
use crate::error::Result;

/// Reads every line of `text` as a record. Lines are parsed in parallel
/// (JSON parsing is most of ingest's work on a large record file) and handed
/// to the sink in file order, so ids, problems and order are as if read one
/// by one.
pub(crate) fn read(text: &str, encoding: &str, file: &FileRef, sink: &mut Sink<'_>) -> Result<()> {
    let lines: Vec<(u64, &str)> = text
        .split('\n')
        .enumerate()
        .map(|(i, line)| (i as u64 + 1, line.strip_suffix('\r').unwrap_or(line)))
        .filter(|(_, line)| !line.trim().is_empty())
        .collect();
    let opts = sink.opts;
    let parsed: Vec<std::result::Result<Document, String>> =
        lines.par_iter().map(|&(n, line)| record(line, encoding, file, n, opts)).collect();
    for ((n, _), rec) in lines.into_iter().zip(parsed) {
        match rec {
            Ok(doc) => sink.doc(doc, &file.shown, Some(n), true)?,
            Err(reason) => sink.problem(&file.shown, Some(n), reason)?,
        }
    }
    Ok(())
}

/// One line → a document, or the reason it is not one.
fn record(
    line: &str,
    encoding: &str,
    file: &FileRef,
    n: u64,
    opts: &IngestOptions,
) -> std::result::Result<Document, String> {
    let value: Value = serde_json::from_str(line).map_err(|e| format!("invalid JSON: {e}"))?;
    let Value::Object(obj) = value else {
        return Err(format!("expected a JSON object, found {}", kind_name(&value)));
    };
    let mut text = None;
    for key in [opts.text_col.as_str(), "content", "body"] {
        match obj.get(key) {
            Some(Value::String(s)) => {
                text = Some((key, s));
                break;
            }
            Some(Value::Null) | None => {}
            Some(other) => {
                return Err(format!("field `{key}` is {}, expected a string", kind_name(other)))
            }
        }
    }
    let Some((key, text)) = text else {
        return Err(format!(
            "no text: expected a `{}` field (or `content`, `body`); pass --text-col",
            opts.text_col
        ));
    };
    if let Some(reason) = record_text_problem(text) {
        return Err(format!("field `{key}`: {reason}"));
    }
    let id = match obj.get(&opts.id_col) {
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_owned(),
        Some(Value::Number(num)) => num.to_string(),
        _ => format!("{}:{n}", file.id),
    };
    Ok(Document {
        id,
        source: format!("{}:{n}", file.shown),
        title: string(&obj, &opts.title_col),
        date: string(&obj, &opts.date_col).and_then(|d| record_date(&d)),
        outlet: string(&obj, &opts.outlet_col).or_else(|| string(&obj, "source")),
        url: string(&obj, &opts.url_col),
        language: string(&obj, &opts.lang_col),
        encoding: encoding.to_owned(),
        text: text.clone(),
    })
}

/// A non-empty string field, trimmed.
fn string(obj: &Map<String, Value>, key: &str) -> Option<String> {
    match obj.get(key) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        _ => None,
    }
}

fn kind_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_ids_custom_text_field_and_wrong_types() {
        let opts = IngestOptions { text_col: "article".into(), ..IngestOptions::default() };
        let mut sink = Sink::new(&opts);
        let file = FileRef { shown: "in/feed.jsonl".into(), id: "feed.jsonl".into() };
        let text = "{\"id\": 42, \"article\": \"نص المقال\", \"lang\": \"ar\"}\r\n\
                    {\"id\": 43, \"article\": [\"not\", \"a string\"]}\n\
                    {\"id\": \"  \", \"body\": \"fallback body\", \"date\": \"\"}\n";
        read(text, "UTF-8", &file, &mut sink).unwrap();
        let got = sink.finish();
        let ids: Vec<&str> = got.docs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["42", "feed.jsonl:3"]);
        assert_eq!(got.docs[0].text, "نص المقال");
        assert_eq!(got.docs[0].language.as_deref(), Some("ar"));
        assert_eq!(got.docs[1].source, "in/feed.jsonl:3");
        assert_eq!(got.docs[1].date, None);
        assert_eq!(got.problems.len(), 1);
        assert_eq!(
            got.problems[0].to_string(),
            "in/feed.jsonl:2: field `article` is an array, expected a string"
        );
    }
}
