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

use std::fmt;

use rayon::prelude::*;
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::text::record_date;
use super::{record_text_problem, FileRef, IngestOptions, Sink};
use crate::doc::Document;
use crate::error::{Message, Result};

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
    let parsed: Vec<std::result::Result<(Document, Option<Message>), Message>> =
        lines.par_iter().map(|&(n, line)| record(line, encoding, file, n, opts)).collect();
    for ((n, _), rec) in lines.into_iter().zip(parsed) {
        match rec {
            Ok((doc, warning)) => {
                if let Some(w) = warning {
                    sink.warn(&file.shown, Some(n), w);
                }
                sink.doc(doc, &file.shown, Some(n), true)?
            }
            Err(reason) => sink.problem(&file.shown, Some(n), reason)?,
        }
    }
    Ok(())
}

/// A record without its text field.
fn no_text_field(text_col: &str) -> Message {
    Message::from(format!("no text: expected a `{text_col}` field (or `content`, `body`); "))
        .set("text_col")
}

/// One line → a document (and a warning about its date, if any), or the
/// reason it is not one.
fn record(
    line: &str,
    encoding: &str,
    file: &FileRef,
    n: u64,
    opts: &IngestOptions,
) -> std::result::Result<(Document, Option<Message>), Message> {
    let names = Names::new(opts);
    let mut de = serde_json::Deserializer::from_str(line);
    let parsed = de
        .deserialize_any(RecordVisitor { names: &names })
        .and_then(|r| de.end().map(|()| r))
        .map_err(|e| Message::from(format!("invalid JSON: {e}")))?;
    let (mut fields, mut extra) = match parsed {
        Record::Object(fields, extra) => (fields, extra),
        Record::Not(kind) => return Err(format!("expected a JSON object, found {kind}").into()),
    };
    let mut text = None;
    for key in [opts.text_col.as_str(), "content", "body"] {
        match names.index(key).map(|i| &mut fields[i]) {
            Some(slot @ Some(Field::Str(_))) => {
                text = slot.take().map(|f| (key, f));
                break;
            }
            Some(Some(Field::Null) | None) | None => {}
            Some(Some(other)) => {
                return Err(format!("field `{key}` is {}, expected a string", other.kind()).into())
            }
        }
    }
    let Some((key, Field::Str(text))) = text else {
        return Err(no_text_field(&opts.text_col));
    };
    if let Some(reason) = record_text_problem(&text) {
        return Err(format!("field `{key}`: {reason}").into());
    }
    let text_key = key;
    let get = |key: &str| names.index(key).and_then(|i| fields[i].as_ref());
    let string = |key: &str| match get(key) {
        Some(Field::Str(s)) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        _ => None,
    };
    let id = match get(&opts.id_col) {
        Some(Field::Str(s)) if !s.trim().is_empty() => s.trim().to_owned(),
        Some(Field::Num(num)) => num.to_string(),
        _ => format!("{}:{n}", file.id),
    };
    let (date, warning) = match string(&opts.date_col) {
        Some(d) => record_date(&d, opts.date_order),
        None => (None, None),
    };
    // `source` is the outlet's fallback name; when an outlet field exists
    // it is another field, kept like any other.
    let outlet = string(&opts.outlet_col);
    if outlet.is_some() {
        if let Some(src) = string("source") {
            extra.push(("source".to_owned(), src));
        }
    }
    // Wanted names not used for what they were wanted for (`content`,
    // `body` when the text came from elsewhere) are fields too.
    for key in ["content", "body"] {
        if key != opts.text_col && key != text_key {
            if let Some(v) = string(key) {
                extra.push((key.to_owned(), v));
            }
        }
    }
    extra.sort();
    let doc = Document {
        id,
        source: format!("{}:{n}", file.shown),
        title: string(&opts.title_col),
        date,
        outlet: outlet.or_else(|| string("source")),
        url: string(&opts.url_col),
        language: string(&opts.lang_col),
        encoding: encoding.to_owned(),
        text,
        extra,
    };
    Ok((doc, warning))
}

/// The keys a record is read for, without repeats (`--id-col title` makes
/// one key serve two purposes, as it did when records were JSON maps).
struct Names<'o>(Vec<&'o str>);

impl<'o> Names<'o> {
    fn new(opts: &'o IngestOptions) -> Names<'o> {
        let mut names: Vec<&str> = Vec::with_capacity(10);
        for name in [
            opts.text_col.as_str(),
            "content",
            "body",
            &opts.id_col,
            &opts.title_col,
            &opts.date_col,
            &opts.outlet_col,
            "source",
            &opts.url_col,
            &opts.lang_col,
        ] {
            if !names.contains(&name) {
                names.push(name);
            }
        }
        Names(names)
    }

    fn index(&self, key: &str) -> Option<usize> {
        self.0.iter().position(|&n| n == key)
    }
}

/// A top-level JSON value: an object's wanted fields (by [`Names`] index;
/// a repeated key keeps its last value) and its other fields as
/// `(name, value)`, or the kind of a non-object.
enum Record {
    Object(Vec<Option<Field>>, Vec<(String, String)>),
    Not(&'static str),
}

/// A wanted field's value: strings (the text above all) are the only values
/// kept whole; other values only say what kind they were.
enum Field {
    Str(String),
    Num(serde_json::Number),
    Null,
    Other(&'static str),
}

impl Field {
    fn kind(&self) -> &'static str {
        match self {
            Field::Str(_) => "a string",
            Field::Num(_) => "a number",
            Field::Null => "null",
            Field::Other(kind) => kind,
        }
    }
}

/// Reads one record straight from the line, without building a JSON tree:
/// unwanted fields are skipped (still checked for syntax), the text is
/// copied once. Half of ingest's parsing time was the tree and its copies.
struct RecordVisitor<'n, 'o> {
    names: &'n Names<'o>,
}

impl<'de> Visitor<'de> for RecordVisitor<'_, '_> {
    type Value = Record;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Record, A::Error> {
        let mut fields: Vec<Option<Field>> = (0..self.names.0.len()).map(|_| None).collect();
        let mut extra = Vec::new();
        while let Some(slot) = map.next_key_seed(KeySeed { names: self.names })? {
            match slot {
                Key::Wanted(i) => fields[i] = Some(map.next_value_seed(FieldSeed)?),
                // Other fields are kept (as text) so that users can group by
                // them; nulls and empty strings say nothing.
                Key::Other(name) => {
                    let v = extra_value(map.next_value::<serde_json::Value>()?);
                    // A repeated key keeps its last value, as wanted ones do.
                    extra.retain(|(k, _): &(String, String)| *k != name);
                    if let Some(v) = v {
                        extra.push((name, v));
                    }
                }
            }
        }
        Ok(Record::Object(fields, extra))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Record, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Record::Not("an array"))
    }

    fn visit_bool<E>(self, _: bool) -> std::result::Result<Record, E> {
        Ok(Record::Not("a boolean"))
    }

    fn visit_u64<E>(self, _: u64) -> std::result::Result<Record, E> {
        Ok(Record::Not("a number"))
    }

    fn visit_i64<E>(self, _: i64) -> std::result::Result<Record, E> {
        Ok(Record::Not("a number"))
    }

    fn visit_f64<E>(self, _: f64) -> std::result::Result<Record, E> {
        Ok(Record::Not("a number"))
    }

    fn visit_str<E>(self, _: &str) -> std::result::Result<Record, E> {
        Ok(Record::Not("a string"))
    }

    fn visit_unit<E>(self) -> std::result::Result<Record, E> {
        Ok(Record::Not("null"))
    }
}

/// An extra field's value as text: strings trimmed, other values as their
/// JSON; nothing for null or a blank string.
fn extra_value(v: serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) if s.trim().is_empty() => None,
        serde_json::Value::String(s) => Some(s.trim().to_owned()),
        v => Some(v.to_string()),
    }
}

/// A record's key: one of the wanted names (by index), or another field.
enum Key {
    Wanted(usize),
    Other(String),
}

/// A key → the index of the wanted name it is (without allocating), or
/// the other field's name.
struct KeySeed<'n, 'o> {
    names: &'n Names<'o>,
}

impl<'de> DeserializeSeed<'de> for KeySeed<'_, '_> {
    type Value = Key;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<Key, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed<'_, '_> {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E>(self, key: &str) -> std::result::Result<Key, E> {
        Ok(self.names.index(key).map_or_else(|| Key::Other(key.to_owned()), Key::Wanted))
    }
}

/// A wanted field's value.
struct FieldSeed;

impl<'de> DeserializeSeed<'de> for FieldSeed {
    type Value = Field;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<Field, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for FieldSeed {
    type Value = Field;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_str<E>(self, s: &str) -> std::result::Result<Field, E> {
        Ok(Field::Str(s.to_owned()))
    }

    fn visit_string<E>(self, s: String) -> std::result::Result<Field, E> {
        Ok(Field::Str(s))
    }

    fn visit_u64<E>(self, v: u64) -> std::result::Result<Field, E> {
        Ok(Field::Num(v.into()))
    }

    fn visit_i64<E>(self, v: i64) -> std::result::Result<Field, E> {
        Ok(Field::Num(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> std::result::Result<Field, E> {
        // JSON numbers are finite, so `from_f64` only fails on input
        // serde_json never produces; keep the kind either way.
        Ok(serde_json::Number::from_f64(v).map_or(Field::Other("a number"), Field::Num))
    }

    fn visit_bool<E>(self, _: bool) -> std::result::Result<Field, E> {
        Ok(Field::Other("a boolean"))
    }

    fn visit_unit<E>(self) -> std::result::Result<Field, E> {
        Ok(Field::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Field, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Field::Other("an array"))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Field, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Field::Other("an object"))
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

    /// The reading of a record through a full JSON tree (how records were
    /// read before the streaming visitor): the oracle the visitor must match.
    fn record_via_tree(
        line: &str,
        encoding: &str,
        file: &FileRef,
        n: u64,
        opts: &IngestOptions,
    ) -> std::result::Result<Document, Message> {
        use serde_json::{Map, Value};
        fn kind(v: &Value) -> &'static str {
            match v {
                Value::Null => "null",
                Value::Bool(_) => "a boolean",
                Value::Number(_) => "a number",
                Value::String(_) => "a string",
                Value::Array(_) => "an array",
                Value::Object(_) => "an object",
            }
        }
        fn string(obj: &Map<String, Value>, key: &str) -> Option<String> {
            match obj.get(key) {
                Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_owned()),
                _ => None,
            }
        }
        let value: Value =
            serde_json::from_str(line).map_err(|e| Message::from(format!("invalid JSON: {e}")))?;
        let Value::Object(obj) = value else {
            return Err(format!("expected a JSON object, found {}", kind(&value)).into());
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
                    return Err(
                        format!("field `{key}` is {}, expected a string", kind(other)).into()
                    )
                }
            }
        }
        let Some((key, text)) = text else {
            return Err(no_text_field(&opts.text_col));
        };
        if let Some(reason) = record_text_problem(text) {
            return Err(format!("field `{key}`: {reason}").into());
        }
        let id = match obj.get(&opts.id_col) {
            Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_owned(),
            Some(Value::Number(num)) => num.to_string(),
            _ => format!("{}:{n}", file.id),
        };
        let names = Names::new(opts);
        let mut extra: Vec<(String, String)> = obj
            .iter()
            .filter(|(k, _)| names.index(k).is_none())
            .filter_map(|(k, v)| Some((k.clone(), extra_value(v.clone())?)))
            .collect();
        let outlet = string(&obj, &opts.outlet_col);
        if outlet.is_some() {
            if let Some(src) = string(&obj, "source") {
                extra.push(("source".to_owned(), src));
            }
        }
        for k in ["content", "body"] {
            if k != opts.text_col && k != key {
                if let Some(v) = string(&obj, k) {
                    extra.push((k.to_owned(), v));
                }
            }
        }
        extra.sort();
        Ok(Document {
            id,
            source: format!("{}:{n}", file.shown),
            title: string(&obj, &opts.title_col),
            date: string(&obj, &opts.date_col).and_then(|d| record_date(&d, None).0),
            outlet: outlet.or_else(|| string(&obj, "source")),
            url: string(&obj, &opts.url_col),
            language: string(&obj, &opts.lang_col),
            encoding: encoding.to_owned(),
            text: text.clone(),
            extra,
        })
    }

    const KEYS: &[&str] =
        &["text", "content", "body", "id", "title", "date", "outlet", "source", "x", "t\\u0065xt"];
    const VALUES: &[&str] = &[
        "\"نص المقال\"",
        "\"  \"",
        "\"a\\u0000b\"",
        "\"l\\u00e9\\n\\\"q\\\"\"",
        "\"2024-05-01\"",
        "42",
        "-7",
        "1.5e3",
        "1.0",
        "18446744073709551615",
        "null",
        "true",
        "[1, {\"a\": []}]",
        "{\"text\": \"inner\"}",
        "{}",
    ];

    proptest::proptest! {
        /// Any record, well-formed or not, reads as it does through a JSON
        /// tree: same document or the same problem.
        #[test]
        fn visitor_matches_the_tree(
            fields in proptest::collection::vec((0..KEYS.len(), 0..VALUES.len()), 0..8),
            shape in 0..6u8,
            cut in 0..40usize,
            id_col in proptest::sample::select(vec!["id", "title", "source"]),
        ) {
            let body: Vec<String> =
                fields.iter().map(|&(k, v)| format!("\"{}\": {}", KEYS[k], VALUES[v])).collect();
            let mut line = match shape {
                0 => format!("[{}]", VALUES[fields.len() % VALUES.len()]),
                1 => VALUES[fields.len() % VALUES.len()].to_owned(),
                _ => format!("{{{}}}", body.join(", ")),
            };
            if shape == 2 {
                // A broken line: cut short, or trailing junk.
                if cut % 2 == 0 {
                    let mut at = line.len().saturating_sub(cut / 2 + 1);
                    while !line.is_char_boundary(at) {
                        at -= 1;
                    }
                    line.truncate(at);
                } else {
                    line.push_str(" x");
                }
            }
            let opts = IngestOptions { id_col: id_col.into(), ..IngestOptions::default() };
            let file = FileRef { shown: "in/f.jsonl".into(), id: "f.jsonl".into() };
            let got = record(&line, "UTF-8", &file, 3, &opts).map(|(d, _)| d);
            let want = record_via_tree(&line, "UTF-8", &file, 3, &opts);
            match (&got, &want) {
                // Broken JSON: the same problem at the same place. serde's
                // wording can differ when the break is inside a skipped
                // value (`-` cut short: "invalid number" rather than "EOF
                // while parsing a value").
                (Err(g), Err(w)) if w.to_string().starts_with("invalid JSON") => {
                    let (g, w) = (g.to_string(), w.to_string());
                    let place = |m: &str| m.rsplit_once(" at line ").map(|(_, p)| p.to_owned());
                    proptest::prop_assert!(g.starts_with("invalid JSON"), "{g} vs {w}");
                    proptest::prop_assert_eq!(place(&g), place(&w));
                }
                _ => proptest::prop_assert_eq!(got, want),
            }
        }
    }
}
