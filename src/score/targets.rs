//! Targets files: the actors a user wants stance toward, with their names in
//! each language, turned into `target:<key>` lexicon entries.
//!
//! Input: a TSV/CSV or YAML file. Output: a [`Lexicon`] of target entries
//! only, to extend the default lexicon (a key the lexicon already has gets
//! the new names as more aliases).
//!
//! TSV/CSV: a header with `key` and any of `label`, `ar`, `fr`, `en`,
//! `aliases` (any language), `demonyms` (nationality adjectives and nisba
//! forms, usually with a glob: `إسباني*`, `espagnol*`, `Spanish`); several
//! names in one cell are separated by `;` or `|`; and `guard`, a homograph
//! guard as in lexicon rows (`not_prev:الدوري|برشلونة`), applied to every
//! name of the row. YAML: a mapping from key to either a list of names or a
//! mapping with those same fields.
//!
//! Invariant: a key becomes the `<key>_score` column of `stance.csv`, so it
//! must be lowercase ASCII letters, digits and `_`; a target with no name
//! is an error naming the file and line, never a silent column of blanks.

use std::path::Path;

use super::lexicon::{Entry, Lexicon};
use crate::error::{Error, Result};

/// The columns (and YAML fields) that hold names, with the language their
/// names are in (`None`: any).
const NAME_FIELDS: [(&str, Option<&str>); 5] = [
    ("ar", Some("ar")),
    ("fr", Some("fr")),
    ("en", Some("en")),
    ("aliases", None),
    ("demonyms", None),
];

/// Loads a targets file (`.tsv`, `.csv`, `.yml`/`.yaml`).
pub fn load_targets(path: &Path) -> Result<Lexicon> {
    let (name, text, ext) = super::lexicon::read_source(path)?;
    match ext.as_str() {
        "tsv" | "tab" | "txt" => parse_table(&text, &name, b'\t'),
        "csv" => parse_table(&text, &name, b','),
        "yml" | "yaml" => parse_yaml(&text, &name),
        _ => Err(Error::lexicon(
            name,
            None,
            "unknown targets file format: use .tsv, .csv or .yml/.yaml",
        )),
    }
}

/// One target as read: key, label, names with their language, guard, line.
struct Target {
    key: String,
    label: String,
    names: Vec<(String, Option<&'static str>)>,
    guard: Option<String>,
    line: u64,
}

fn split_names(cell: &str) -> impl Iterator<Item = String> + '_ {
    cell.split([';', '|']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

fn check_key(key: &str, name: &str, line: u64) -> Result<()> {
    let ok = !key.is_empty()
        && key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(Error::lexicon(
            name,
            Some(line),
            format!(
                "target key {key:?}: use lowercase ASCII letters, digits and _ \
                 (it names the column {key}_score)"
            ),
        ))
    }
}

fn entries(targets: Vec<Target>, name: &str) -> Result<Lexicon> {
    let mut out = Vec::new();
    for t in targets {
        check_key(&t.key, name, t.line)?;
        if t.names.is_empty() {
            return Err(Error::lexicon(
                name,
                Some(t.line),
                format!(
                    "target {:?} has no name: give at least one in ar, fr, en or aliases",
                    t.key
                ),
            ));
        }
        if let Some(g) = &t.guard {
            // The same check and message as a lexicon row's guard.
            super::lexicon::parse_guard(g)
                .map_err(|m| Error::lexicon(name, (t.line > 0).then_some(t.line), m))?;
        }
        for (term, lang) in t.names {
            out.push(Entry {
                term,
                category: format!("target:{}", t.key),
                weight: 1.0,
                note: t.label.clone(),
                guard: t.guard.clone(),
                lang: lang.map(str::to_string),
                source: name.to_string(),
                line: t.line,
            });
        }
    }
    Ok(Lexicon::from_entries(out))
}

fn parse_table(text: &str, name: &str, delimiter: u8) -> Result<Lexicon> {
    // Comment lines become empty lines (skipped by the reader), so that
    // byte offsets, and so line numbers, stay those of the file.
    let text: String = text
        .split_inclusive('\n')
        .map(|l| if l.trim_start().starts_with('#') { "\n" } else { l })
        .collect();
    let mut rdr =
        csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).from_reader(text.as_bytes());
    let header: Vec<String> = rdr
        .headers()
        .map_err(|e| Error::lexicon(name, Some(1), format!("unreadable header: {e}")))?
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    let col = |h: &str| header.iter().position(|x| x == h);
    let Some(key_col) = col("key") else {
        return Err(Error::lexicon(
            name,
            Some(1),
            "no `key` column: the header needs `key` and name columns (ar, fr, en, aliases, demonyms)",
        ));
    };
    let name_cols: Vec<(usize, Option<&'static str>)> =
        NAME_FIELDS.iter().filter_map(|(h, lang)| col(h).map(|c| (c, *lang))).collect();
    if name_cols.is_empty() {
        return Err(Error::lexicon(
            name,
            Some(1),
            "no name column: add one of ar, fr, en, aliases, demonyms",
        ));
    }
    let (label_col, guard_col) = (col("label"), col("guard"));
    let mut targets = Vec::new();
    // (byte offset, newlines before it) of the last record's start.
    let mut counted: (usize, u64) = (0, 0);
    for rec in rdr.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map(|p| p.line());
            Error::lexicon(name, line, format!("unreadable row: {e}"))
        })?;
        // The physical line (the reader's count skips blank lines),
        // counted on from the previous record's.
        let line = rec.position().map_or(0, |p| {
            let mut at = (p.byte() as usize).min(text.len());
            // The position may be that of blank lines before the record.
            while matches!(text.as_bytes().get(at), Some(b'\n' | b'\r')) {
                at += 1;
            }
            let (from, before) = counted;
            let newlines = text.as_bytes()[from.min(at)..at].iter().filter(|&&b| b == b'\n');
            counted = (at, before + newlines.count() as u64);
            counted.1 + 1
        });
        let cell = |c: usize| rec.get(c).unwrap_or("").trim();
        let mut names = Vec::new();
        for &(c, lang) in &name_cols {
            names.extend(split_names(cell(c)).map(|n| (n, lang)));
        }
        targets.push(Target {
            key: cell(key_col).to_string(),
            label: label_col.map(|c| cell(c).to_string()).unwrap_or_default(),
            names,
            guard: guard_col.map(|c| cell(c).to_string()).filter(|g| !g.is_empty()),
            line,
        });
    }
    entries(targets, name)
}

fn parse_yaml(text: &str, name: &str) -> Result<Lexicon> {
    use serde_yaml::Value;
    let value: Value = serde_yaml::from_str(text).map_err(|e| {
        let line = e.location().map(|l| l.line() as u64);
        Error::lexicon(name, line, format!("invalid YAML: {e}"))
    })?;
    let Value::Mapping(map) = value else {
        return Err(Error::lexicon(name, None, "expected a mapping from target key to names"));
    };
    let names_of = |v: &Value| -> Option<Vec<String>> {
        match v {
            Value::String(s) => Some(split_names(s).collect()),
            Value::Sequence(items) => items
                .iter()
                .map(|i| match i {
                    Value::String(s) => Some(s.trim().to_string()),
                    Value::Number(n) => Some(n.to_string()),
                    _ => None,
                })
                .collect(),
            Value::Null => Some(Vec::new()),
            _ => None,
        }
    };
    let mut targets = Vec::new();
    for (k, v) in &map {
        let key = match k {
            Value::String(s) => s.trim().to_string(),
            other => format!("{other:?}"),
        };
        let bad = |what: &str| Error::lexicon(name, None, format!("target {key:?}: {what}"));
        let mut t = Target {
            key: key.clone(),
            label: String::new(),
            names: Vec::new(),
            guard: None,
            line: 0,
        };
        match v {
            Value::Mapping(fields) => {
                for (f, fv) in fields {
                    let field = f.as_str().unwrap_or("").trim().to_ascii_lowercase();
                    if field == "label" {
                        t.label = fv.as_str().unwrap_or("").trim().to_string();
                        continue;
                    }
                    if field == "guard" {
                        let g = fv.as_str().ok_or_else(|| bad("guard: expected a string"))?;
                        t.guard = Some(g.trim().to_string()).filter(|g| !g.is_empty());
                        continue;
                    }
                    let Some(&(_, lang)) = NAME_FIELDS.iter().find(|(h, _)| *h == field) else {
                        return Err(bad(&format!(
                            "unknown field {field:?} (use label, ar, fr, en, aliases, demonyms, guard)"
                        )));
                    };
                    let names = names_of(fv)
                        .ok_or_else(|| bad(&format!("{field}: expected a list of names")))?;
                    t.names.extend(names.into_iter().filter(|n| !n.is_empty()).map(|n| (n, lang)));
                }
            }
            other => {
                let names =
                    names_of(other).ok_or_else(|| bad("expected a list of names or a mapping"))?;
                t.names.extend(names.into_iter().filter(|n| !n.is_empty()).map(|n| (n, None)));
            }
        }
        targets.push(t);
    }
    entries(targets, name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::Kind;

    fn write(dir: &tempfile::TempDir, file: &str, text: &str) -> std::path::PathBuf {
        let p = dir.path().join(file);
        std::fs::write(&p, text).unwrap();
        p
    }

    fn summary(lex: &Lexicon) -> Vec<(String, String, Option<String>)> {
        lex.entries()
            .iter()
            .map(|e| {
                let Kind::Target(k) = e.kind() else { panic!("not a target: {e:?}") };
                (k, e.term.clone(), e.lang.clone())
            })
            .collect()
    }

    #[test]
    fn a_tsv_gives_one_entry_per_name_in_its_language() {
        let td = tempfile::tempdir().unwrap();
        let p = write(
            &td,
            "t.tsv",
            "key\tlabel\tar\tfr\ten\tdemonyms\n\
             # a comment\n\
             spain\tSpain\tإسبانيا; مدريد\tEspagne\tSpain | Madrid\tإسباني*;espagnol*\n",
        );
        let lex = load_targets(&p).unwrap();
        let s = |k: &str, t: &str, l: Option<&str>| {
            (k.to_string(), t.to_string(), l.map(str::to_string))
        };
        assert_eq!(
            summary(&lex),
            vec![
                s("spain", "إسبانيا", Some("ar")),
                s("spain", "مدريد", Some("ar")),
                s("spain", "Espagne", Some("fr")),
                s("spain", "Spain", Some("en")),
                s("spain", "Madrid", Some("en")),
                s("spain", "إسباني*", None),
                s("spain", "espagnol*", None),
            ]
        );
        assert_eq!(lex.entries()[0].note, "Spain");
        assert_eq!(lex.entries()[0].line, 3);
    }

    /// A guard keeps a club's or a league's nisba from counting as the
    /// state, in TSV and YAML alike.
    #[test]
    fn a_guard_applies_to_every_name_of_its_target() {
        use crate::normalize::Normalizer;
        use crate::score::Scorer;
        let td = tempfile::tempdir().unwrap();
        let text = "فاز برشلونة الإسباني في الدوري الإسباني. وقالت الحكومة الإسبانية إن مدريد ترفض.";
        let tsv = "key\tar\tdemonyms\tguard\n\
                   spain\tإسبانيا\tإسباني*\tnot_prev:برشلونة|الدوري|ريال|نادي\n";
        let yaml = "spain:\n  ar: [إسبانيا]\n  demonyms: [إسباني*]\n  guard: not_prev:برشلونة|الدوري|ريال|نادي\n";
        let unguarded = "key\tar\tdemonyms\nspain\tإسبانيا\tإسباني*\n";
        let n = Normalizer::default();
        let mentions = |file: &str, body: &str| {
            let mut lex = Lexicon::default_lexicon();
            lex.extend(load_targets(&write(&td, file, body)).unwrap());
            let s = Scorer::new(&lex, &n).unwrap().score_text(text, &n);
            let st = s.stance["spain"];
            st.mentions + st.quoted_mentions
        };
        assert_eq!(mentions("u.tsv", unguarded), 3, "club, league and government");
        assert_eq!(mentions("t.tsv", tsv), 1, "the government only");
        assert_eq!(mentions("t.yaml", yaml), 1);
    }

    #[test]
    fn yaml_takes_lists_or_fields() {
        let td = tempfile::tempdir().unwrap();
        let p = write(
            &td,
            "t.yaml",
            "spain:\n  label: Spain\n  ar: [إسبانيا]\n  en: Spain; Madrid\nwagner: [Wagner, فاغنر]\n",
        );
        let lex = load_targets(&p).unwrap();
        let keys: Vec<(String, String)> =
            summary(&lex).into_iter().map(|(k, t, _)| (k, t)).collect();
        assert_eq!(keys.len(), 5);
        assert_eq!(keys[4], ("wagner".to_string(), "فاغنر".to_string()));
        assert_eq!(lex.targets(), vec!["spain".to_string(), "wagner".to_string()]);
    }

    #[test]
    fn bad_files_name_the_line_and_the_fix() {
        let td = tempfile::tempdir().unwrap();
        let cases = [
            ("a.tsv", "label\tar\nSpain\tإسبانيا\n", "no `key` column"),
            ("b.tsv", "key\tlabel\nspain\tSpain\n", "no name column"),
            ("c.tsv", "key\tar\nspain\t\n", "c.tsv:2: target \"spain\" has no name"),
            ("d.tsv", "key\tar\nSpain Now\tإسبانيا\n", "lowercase ASCII"),
            ("e.yaml", "spain:\n  arabic: [إسبانيا]\n", "unknown field"),
            ("g.tsv", "key\tar\tguard\nspain\tإسبانيا\tbefore:x\n", "g.tsv:2: unknown guard"),
            ("f.txt2", "key\n", "unknown targets file format"),
        ];
        for (file, text, want) in cases {
            let p = write(&td, file, text);
            let e = load_targets(&p).unwrap_err().to_string();
            assert!(e.contains(want), "{file}: {e}");
            assert!(e.contains(file), "{file}: the error names the file: {e}");
        }
    }
}
