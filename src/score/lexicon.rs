//! Lexicons: loading (TSV/CSV, YAML, LIWC `.dic`) and validation.
//!
//! Input: a lexicon file (format in `docs`/the lexicon-format contract) or the
//! embedded default. Output: a [`Lexicon`], a flat list of [`Entry`]s in file
//! order, each remembering the file and line it came from.
//!
//! Invariant: loading rejects only what cannot be read (a weight that is not
//! a number, a missing column, a malformed guard) and malformed `role:` and
//! `context:` rows (an unknown class, a weight other than 1, a guard: each
//! would silently turn a rule off) with an error naming `file:line`;
//! everything that can be read but is suspicious (duplicates,
//! empty terms, weights out of range, unknown categories, stopword terms) is
//! kept and reported by [`Lexicon::check`], so one bad entry never hides the
//! others.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use crate::error::{Error, Result};
use crate::normalize::Normalizer;

/// The default lexicon shipped with parallax (`data/lexicon/default.tsv`).
const DEFAULT_TSV: &str = include_str!("../../data/lexicon/default.tsv");

/// One lexicon entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The term as written (may hold a glob `*` at its start or end, and
    /// several words).
    pub term: String,
    /// `target:<key>`, `frame:<key>[/sub]`, `polarity`, `intensifier`,
    /// `dampener`, `negator`, `attribution`, `contrast`, `role:<class>`
    /// or `context:<list>`.
    pub category: String,
    /// Weight (meaning depends on the category).
    pub weight: f64,
    /// Free text: why the entry is there.
    pub note: String,
    /// Homograph guard, as written (`next:a|b;not_prev:c`).
    pub guard: Option<String>,
    /// Language code, when given.
    pub lang: Option<String>,
    /// The file the entry came from (`<default>` for the embedded lexicon).
    pub source: String,
    /// 1-based line in that file (0 when unknown, e.g. YAML).
    pub line: u64,
}

/// What an entry's category means to the scorer.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// An alias of an actor; the first level of the key.
    Target(String),
    /// A frame term; the first level of the key (the CSV column).
    Frame(String),
    /// An evaluative cue.
    Polarity,
    /// Multiplies the nearest polarity cue in its clause (weight > 1).
    Intensifier,
    /// Multiplies the nearest polarity cue in its clause (weight in (0, 1)).
    Dampener,
    /// A negation cue (scope: to the end of the clause).
    Negator,
    /// Marks its sentence as quoted.
    Attribution,
    /// A contrast marker (re-weights its sentence).
    Contrast,
    /// A word of a holder/object role class (`role:speech`, `role:state`
    /// ...): the class, which decides who a cue starting with it is about.
    Role(String),
    /// A word of a context list (`context:sports_before`,
    /// `context:sports_after`, `context:agency`): the list, which marks a
    /// target name next to it as a sports side or a dateline.
    Context(String),
    /// Anything else; ignored by the scorer, reported by `check`.
    Unknown,
}

impl Entry {
    /// The entry's kind, from its category.
    pub fn kind(&self) -> Kind {
        kind_of(&self.category)
    }
}

/// A lexicon or targets file: its name for messages, its text (a leading
/// BOM removed) and its lowercased extension, which says the format.
pub(crate) fn read_source(path: &Path) -> Result<(String, String, String)> {
    let mut text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    let ext =
        path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
    Ok((path.display().to_string(), text, ext))
}

/// Parses a category string into a [`Kind`].
pub(crate) fn kind_of(category: &str) -> Kind {
    let (head, rest) = match category.split_once(':') {
        Some((h, r)) => (h.trim(), Some(r.trim())),
        None => (category.trim(), None),
    };
    let first = |r: Option<&str>| {
        r.and_then(|r| r.split('/').next())
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .map(str::to_string)
    };
    match head {
        "target" => first(rest).map_or(Kind::Unknown, Kind::Target),
        "frame" => first(rest).map_or(Kind::Unknown, Kind::Frame),
        "polarity" => Kind::Polarity,
        "intensifier" => Kind::Intensifier,
        "dampener" => Kind::Dampener,
        "negator" => Kind::Negator,
        "attribution" => Kind::Attribution,
        "contrast" => Kind::Contrast,
        "role" => first(rest)
            .filter(|c| super::rolewords::ROLE_CLASSES.contains(&c.as_str()))
            .map_or(Kind::Unknown, Kind::Role),
        "context" => first(rest)
            .filter(|c| super::rolewords::CONTEXT_LISTS.contains(&c.as_str()))
            .map_or(Kind::Unknown, Kind::Context),
        _ => Kind::Unknown,
    }
}

/// A condition of a homograph guard (words not yet normalised).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum GuardCond {
    /// The next token's key is one of.
    Next(Vec<String>),
    /// The previous token's key is one of.
    Prev(Vec<String>),
    /// The next token's key is none of.
    NotNext(Vec<String>),
    /// The previous token's key is none of.
    NotPrev(Vec<String>),
    /// One of the words within ±3 tokens.
    Near(Vec<String>),
    /// None of the words within ±3 tokens.
    NotNear(Vec<String>),
    /// A number token right before or after.
    NumAdjacent,
    /// The first matched word is not Arabic-definite (no article ال, after
    /// a proclitic): «روسيا مسؤولة عن الهجوم» names who is responsible,
    /// «تحديد المسؤولين عن الهجوم» looks for someone unknown.
    Indefinite,
    /// The first matched word is Arabic-definite (the article ال, after a
    /// proclitic): «الشقيقة» and «للأشقاء» are the brotherly country and
    /// peoples, «شقيقه» and «أشقائه» a man's brothers.
    Definite,
    /// Nothing follows the first matched word in its token: no pronoun
    /// suffix, no accusative alef. A name takes neither, its homograph
    /// does: «قطرها» (its diameter), «حماسه» (his enthusiasm), «ماليا»
    /// (financially), «بوتينا» (another name) are not Qatar, Hamas, Mali
    /// and Putin. Proclitics and the article still pass (وقطر، لحماس).
    Bare,
}

impl GuardCond {
    /// The same condition with every word rewritten by `f` (the matcher
    /// keeps its guards with the words normalised to keys).
    pub(crate) fn map_words(&self, f: impl Fn(&[String]) -> Vec<String>) -> GuardCond {
        match self {
            GuardCond::Next(w) => GuardCond::Next(f(w)),
            GuardCond::Prev(w) => GuardCond::Prev(f(w)),
            GuardCond::NotNext(w) => GuardCond::NotNext(f(w)),
            GuardCond::NotPrev(w) => GuardCond::NotPrev(f(w)),
            GuardCond::Near(w) => GuardCond::Near(f(w)),
            GuardCond::NotNear(w) => GuardCond::NotNear(f(w)),
            GuardCond::NumAdjacent => GuardCond::NumAdjacent,
            GuardCond::Indefinite => GuardCond::Indefinite,
            GuardCond::Definite => GuardCond::Definite,
            GuardCond::Bare => GuardCond::Bare,
        }
    }
}

/// Parses `next:a|b;not_prev:c;num_adjacent`.
pub(crate) fn parse_guard(s: &str) -> std::result::Result<Vec<GuardCond>, String> {
    let mut out = Vec::new();
    for part in s.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        match part {
            "num_adjacent" => {
                out.push(GuardCond::NumAdjacent);
                continue;
            }
            "indefinite" => {
                out.push(GuardCond::Indefinite);
                continue;
            }
            "definite" => {
                out.push(GuardCond::Definite);
                continue;
            }
            "bare" => {
                out.push(GuardCond::Bare);
                continue;
            }
            _ => {}
        }
        let Some((name, words)) = part.split_once(':') else {
            return Err(format!("guard condition `{part}` has no `:`"));
        };
        let words: Vec<String> =
            words.split('|').map(str::trim).filter(|w| !w.is_empty()).map(str::to_string).collect();
        if words.is_empty() {
            return Err(format!("guard condition `{part}` lists no words"));
        }
        out.push(match name.trim() {
            "next" => GuardCond::Next(words),
            "prev" => GuardCond::Prev(words),
            "not_next" => GuardCond::NotNext(words),
            "not_prev" => GuardCond::NotPrev(words),
            "near" => GuardCond::Near(words),
            "not_near" => GuardCond::NotNear(words),
            other => {
                return Err(format!(
                    "unknown guard condition `{other}` (next, prev, not_next, not_prev, near, \
                     not_near, num_adjacent, indefinite, definite, bare)"
                ))
            }
        });
    }
    Ok(out)
}

/// A lexicon: entries in load order. `Lexicon::default()` is the embedded
/// default lexicon; [`Lexicon::new`] is an empty one.
#[derive(Clone, Debug, PartialEq)]
pub struct Lexicon {
    entries: Vec<Entry>,
}

impl Default for Lexicon {
    fn default() -> Self {
        Lexicon::default_lexicon()
    }
}

/// How serious a [`LexiconIssue`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The entry is ignored by the scorer.
    Error,
    /// The entry is used but probably not as meant.
    Warning,
}

/// A problem found by [`Lexicon::check`].
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct LexiconIssue {
    /// Error or warning.
    pub severity: Severity,
    /// The file of the entry.
    pub source: String,
    /// Its line (0 when unknown).
    pub line: u64,
    /// The term as written.
    pub term: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for LexiconIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        if self.line > 0 {
            write!(f, "{}:{}: {sev}: `{}`: {}", self.source, self.line, self.term, self.message)
        } else {
            write!(f, "{}: {sev}: `{}`: {}", self.source, self.term, self.message)
        }
    }
}

impl Lexicon {
    /// An empty lexicon.
    pub fn new() -> Lexicon {
        Lexicon { entries: Vec::new() }
    }

    /// A lexicon from entries.
    pub fn from_entries(entries: Vec<Entry>) -> Lexicon {
        Lexicon { entries }
    }

    /// The embedded default lexicon (`data/lexicon/default.tsv`).
    pub fn default_lexicon() -> Lexicon {
        // The embedded file is tested to parse (see tests); should it ever
        // not, an empty lexicon is better than a panic in a library.
        parse_delimited(DEFAULT_TSV, "<default>", b'\t').unwrap_or_else(|_| Lexicon::new())
    }

    /// Loads a lexicon; the format comes from the extension: `.tsv`, `.csv`,
    /// `.yml`/`.yaml`, `.dic`. Errors name `file:line`.
    pub fn load(path: &Path) -> Result<Lexicon> {
        let (name, text, ext) = read_source(path)?;
        let text = text.as_str();
        let lex = match ext.as_str() {
            "tsv" | "tab" | "txt" => parse_delimited(text, &name, b'\t'),
            "csv" => parse_delimited(text, &name, b','),
            "yml" | "yaml" => parse_yaml(text, &name),
            "dic" => parse_liwc(text, &name),
            _ => Err(Error::lexicon(
                name,
                None,
                "unknown lexicon format: use .tsv, .csv, .yml/.yaml or .dic",
            )),
        }?;
        // `NaN`, `inf` and `.nan` parse as floats but are not weights: one
        // of them turns every score it touches into NaN (blank cells) or a
        // saturated ±1, so they cannot be read, like any other non-number.
        if let Some(e) = lex.entries.iter().find(|e| !e.weight.is_finite()) {
            return Err(Error::lexicon(
                &e.source,
                Some(e.line),
                format!("weight of `{}` is {}, not a finite number", e.term, e.weight),
            ));
        }
        if let Some((e, msg)) =
            lex.entries.iter().find_map(|e| super::rolewords::role_row_problem(e).map(|m| (e, m)))
        {
            return Err(Error::lexicon(&e.source, (e.line > 0).then_some(e.line), msg));
        }
        Ok(lex)
    }

    /// Adds `other`'s entries after this lexicon's (`--lexicon` repeated).
    pub fn extend(&mut self, other: Lexicon) {
        self.entries.extend(other.entries);
    }

    /// The entries, in load order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The number of `role:` and `context:` words per category, for every
    /// class and list (zero when the lexicon has none), in the order the
    /// role rules try the classes.
    pub fn role_word_counts(&self) -> Vec<(String, usize)> {
        use super::rolewords::{CONTEXT_LISTS, ROLE_CLASSES};
        let cats =
            ROLE_CLASSES.iter().map(|c| (format!("role:{c}"), Kind::Role(c.to_string()))).chain(
                CONTEXT_LISTS
                    .iter()
                    .map(|c| (format!("context:{c}"), Kind::Context(c.to_string()))),
            );
        cats.map(|(name, kind)| (name, self.entries.iter().filter(|e| e.kind() == kind).count()))
            .collect()
    }

    /// Target keys, sorted (the columns of `stance.csv`).
    pub fn targets(&self) -> Vec<String> {
        self.keys(|k| match k {
            Kind::Target(t) => Some(t),
            _ => None,
        })
    }

    /// Frame keys (first level), sorted (the columns of `framing.csv`).
    pub fn frames(&self) -> Vec<String> {
        self.keys(|k| match k {
            Kind::Frame(t) => Some(t),
            _ => None,
        })
    }

    fn keys(&self, pick: impl Fn(Kind) -> Option<String>) -> Vec<String> {
        let mut v: Vec<String> = self.entries.iter().filter_map(|e| pick(e.kind())).collect();
        v.sort();
        v.dedup();
        v
    }

    /// Validates the entries with the default normaliser.
    pub fn check(&self) -> Vec<LexiconIssue> {
        self.check_with(&Normalizer::default())
    }

    /// Validates the entries: duplicates, empty terms, weights out of range,
    /// unknown categories, terms whose key is empty or a stopword, bad globs.
    pub fn check_with(&self, normalizer: &Normalizer) -> Vec<LexiconIssue> {
        let mut issues = Vec::new();
        let issue = |e: &Entry, severity, message: String| LexiconIssue {
            severity,
            source: e.source.clone(),
            line: e.line,
            term: e.term.clone(),
            message,
        };
        // (normalised key sequence, category) → first entry seen.
        let mut seen: BTreeMap<(String, String), (String, u64)> = BTreeMap::new();
        for e in &self.entries {
            let kind = e.kind();
            if kind == Kind::Unknown {
                issues.push(issue(
                    e,
                    Severity::Error,
                    format!(
                        "unknown category `{}` (target:<key>, frame:<key>, polarity, \
                         intensifier, dampener, negator, attribution, contrast, \
                         role:<class>, context:<list>)",
                        e.category
                    ),
                ));
            }
            if e.term.trim().is_empty() {
                issues.push(issue(e, Severity::Error, "empty term".into()));
                continue;
            }
            if matches!(kind, Kind::Role(_) | Kind::Context(_)) {
                // Role and context words are compared folded, not keyed
                // (see `score::rolewords`): ادانه and ادان are two words.
                if let Some(msg) = super::rolewords::role_row_problem(e) {
                    issues.push(issue(e, Severity::Error, msg));
                    continue;
                }
                let mut folded = String::new();
                normalizer.fold_word(e.term.trim().trim_end_matches('*'), &mut folded);
                if folded.is_empty() {
                    issues.push(issue(e, Severity::Error, "the term normalises to nothing".into()));
                    continue;
                }
                let star = if e.term.trim().ends_with('*') { "*" } else { "" };
                let k = (format!("{folded}{star}"), e.category.trim().to_string());
                if let Some((src, line)) = seen.get(&k) {
                    let msg = format!("duplicate of {src}:{line} (same word `{}`)", k.0);
                    issues.push(issue(e, Severity::Error, msg));
                } else {
                    seen.insert(k, (e.source.clone(), e.line));
                }
                continue;
            }
            if let Some(msg) = weight_problem(&kind, e.weight) {
                // A non-finite weight poisons every score it touches.
                let sev = if e.weight.is_finite() { Severity::Warning } else { Severity::Error };
                issues.push(issue(e, sev, msg));
            }
            let key = match crate::score::matcher::term_key(&e.term, normalizer) {
                Ok(k) => k,
                Err(msg) => {
                    issues.push(issue(e, Severity::Error, msg));
                    continue;
                }
            };
            if key.is_empty() {
                issues.push(issue(e, Severity::Error, "the term normalises to nothing".into()));
                continue;
            }
            if !key.contains(' ')
                && !key.contains('*')
                && crate::normalize::stopwords::LEXICON.contains(key.as_str())
                && !matches!(
                    kind,
                    Kind::Negator | Kind::Attribution | Kind::Contrast | Kind::Intensifier
                )
            {
                issues.push(issue(
                    e,
                    Severity::Warning,
                    format!("the term's key `{key}` is a stopword: it will match almost anywhere"),
                ));
            }
            if let Some(msg) = cut_like_a_clitic(e.term.trim(), &key, normalizer) {
                issues.push(issue(e, Severity::Warning, msg));
            }
            let k = (key.clone(), e.category.clone());
            if let Some((src, line)) = seen.get(&k) {
                let sev = if e.guard.is_some() { Severity::Warning } else { Severity::Error };
                if sev == Severity::Error || src != &e.source {
                    issues.push(issue(
                        e,
                        sev,
                        format!("duplicate of {src}:{line} (same key `{key}` and category)"),
                    ));
                }
            } else {
                seen.insert(k, (e.source.clone(), e.line));
            }
        }
        issues
    }
}

/// A warning when a single Arabic word starting with و, ف or ك is keyed
/// without that letter although its definite form keeps it: «فتنة» keyed
/// تنه matches «تنه» and misses «الفتنة». The normaliser keeps the default
/// lexicon's such words whole (`data/nostrip.txt`); a user's are not on
/// that list. ب and ل are left out: a term such as «بشدة» or «للغاية» is
/// written with its preposition on purpose.
fn cut_like_a_clitic(term: &str, key: &str, normalizer: &Normalizer) -> Option<String> {
    let mut folded = String::new();
    normalizer.fold_word(term, &mut folded);
    let first = folded.chars().next()?;
    if term.contains([' ', '*']) || !matches!(first, 'و' | 'ف' | 'ك') || key.starts_with(first) {
        return None;
    }
    let definite = crate::score::matcher::term_key(&format!("ال{term}"), normalizer).ok()?;
    (definite == folded).then(|| {
        format!(
            "the term is keyed `{key}`: its first letter is taken for a proclitic, so it also \
             matches «{key}» and misses «ال{term}»; if the letter is part of the word, add \
             the definite form `ال{term}` as an entry of its own"
        )
    })
}

/// Why a weight does not fit its category, if it does not.
fn weight_problem(kind: &Kind, w: f64) -> Option<String> {
    if !w.is_finite() {
        return Some("weight is not a finite number".into());
    }
    match kind {
        Kind::Frame(_) if !(0.5..=2.0).contains(&w) => {
            Some(format!("frame weight {w} outside [0.5, 2]"))
        }
        Kind::Polarity if !(-2.0..=2.0).contains(&w) || w == 0.0 => {
            Some(format!("polarity weight {w} outside [-2, 2] or zero"))
        }
        Kind::Intensifier if w <= 1.0 => Some(format!("intensifier weight {w} should be > 1")),
        Kind::Dampener if !(w > 0.0 && w < 1.0) => {
            Some(format!("dampener weight {w} should be in (0, 1)"))
        }
        _ => None,
    }
}

/// Parses a TSV/CSV lexicon with a header row.
fn parse_delimited(text: &str, name: &str, delim: u8) -> Result<Lexicon> {
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delim)
        .has_headers(true)
        .flexible(true)
        .comment(Some(b'#'))
        // TSV is read literally: Arabic text may hold quote marks.
        .quoting(delim != b'\t')
        .from_reader(text.as_bytes());
    let headers = rdr
        .headers()
        .map_err(|e| Error::lexicon(name, Some(1), format!("cannot read the header row: {e}")))?
        .clone();
    let col = |n: &str| headers.iter().position(|h| h.trim().eq_ignore_ascii_case(n));
    let (Some(c_term), Some(c_cat)) = (col("term"), col("category")) else {
        return Err(Error::lexicon(
            name,
            Some(1),
            "the header must name at least `term` and `category` (and `weight`, `note`)",
        ));
    };
    let (c_weight, c_note, c_guard, c_lang) =
        (col("weight"), col("note"), col("guard"), col("lang"));
    let mut entries = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map(|p| p.line());
            Error::lexicon(name, line, format!("unreadable row: {e}"))
        })?;
        let line = rec.position().map_or(0, |p| p.line());
        let get = |c: Option<usize>| c.and_then(|c| rec.get(c)).map(str::trim).unwrap_or("");
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let category = get(Some(c_cat)).to_string();
        if category.is_empty() {
            return Err(Error::lexicon(name, Some(line), "missing category"));
        }
        let w = get(c_weight);
        let weight = if w.is_empty() {
            1.0
        } else {
            w.parse::<f64>().map_err(|_| {
                Error::lexicon(name, Some(line), format!("weight `{w}` is not a number"))
            })?
        };
        let guard = Some(get(c_guard)).filter(|g| !g.is_empty()).map(str::to_string);
        if let Some(g) = &guard {
            parse_guard(g).map_err(|m| Error::lexicon(name, Some(line), m))?;
        }
        entries.push(Entry {
            term: get(Some(c_term)).to_string(),
            category,
            weight,
            note: get(c_note).to_string(),
            guard,
            lang: Some(get(c_lang)).filter(|l| !l.is_empty()).map(str::to_string),
            source: name.to_string(),
            line,
        });
    }
    Ok(Lexicon { entries })
}

const KNOWN_KINDS: [&str; 10] = [
    "target",
    "frame",
    "polarity",
    "intensifier",
    "dampener",
    "negator",
    "attribution",
    "contrast",
    "role",
    "context",
];

/// Parses a quanteda-style YAML dictionary.
///
/// The path of mapping keys is the category (`frame → security` is
/// `frame:security`, deeper levels joined by `/`). Under `polarity`, a key
/// `negative` makes its weights negative. A top-level key that is not a known
/// kind is read as a frame (`economy: [...]` → `frame:economy`), which is what
/// plain quanteda dictionaries mean.
fn parse_yaml(text: &str, name: &str) -> Result<Lexicon> {
    let value: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| {
        let line = e.location().map(|l| l.line() as u64);
        Error::lexicon(name, line, format!("invalid YAML: {e}"))
    })?;
    let mut entries = Vec::new();
    walk_yaml(&value, &mut Vec::new(), name, &mut entries)?;
    Ok(Lexicon { entries })
}

fn yaml_category(path: &[String]) -> (String, f64) {
    let Some(head) = path.first() else {
        return (String::new(), 1.0);
    };
    let (kind, rest): (&str, &[String]) = if KNOWN_KINDS.contains(&head.as_str()) {
        (head.as_str(), &path[1..])
    } else {
        ("frame", path)
    };
    if kind == "polarity" {
        let negative = rest.iter().any(|p| p == "negative" || p == "negemo" || p == "neg");
        return ("polarity".into(), if negative { -1.0 } else { 1.0 });
    }
    if rest.is_empty() {
        (kind.to_string(), 1.0)
    } else {
        (format!("{kind}:{}", rest.join("/")), 1.0)
    }
}

fn walk_yaml(
    v: &serde_yaml::Value,
    path: &mut Vec<String>,
    name: &str,
    out: &mut Vec<Entry>,
) -> Result<()> {
    use serde_yaml::Value;
    let scalar = |v: &Value| match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    };
    let push = |term: String, weight: f64, path: &[String], out: &mut Vec<Entry>| {
        let (category, sign) = yaml_category(path);
        let weight = if sign < 0.0 { -weight.abs() } else { weight };
        out.push(Entry {
            term,
            category,
            weight,
            note: String::new(),
            guard: None,
            lang: None,
            source: name.to_string(),
            line: 0,
        });
    };
    match v {
        Value::Mapping(m) => {
            for (k, child) in m {
                let Some(k) = scalar(k) else {
                    return Err(Error::lexicon(name, None, "a mapping key is not a string"));
                };
                match child {
                    Value::Number(n) if !path.is_empty() => {
                        let w = n.as_f64().unwrap_or(1.0);
                        push(k, w, path, out);
                    }
                    Value::Null if !path.is_empty() => push(k, 1.0, path, out),
                    _ => {
                        path.push(k);
                        walk_yaml(child, path, name, out)?;
                        path.pop();
                    }
                }
            }
        }
        Value::Sequence(items) => {
            if path.is_empty() {
                return Err(Error::lexicon(name, None, "a term list must sit under a category"));
            }
            for it in items {
                match it {
                    Value::Mapping(_) => walk_yaml(it, path, name, out)?,
                    _ => match scalar(it) {
                        Some(t) => push(t, 1.0, path, out),
                        None => {
                            return Err(Error::lexicon(
                                name,
                                None,
                                format!("under `{}`: a term is not a string", path.join("/")),
                            ))
                        }
                    },
                }
            }
        }
        Value::String(s) if !path.is_empty() => push(s.clone(), 1.0, path, out),
        Value::Null => {}
        _ => {
            return Err(Error::lexicon(
                name,
                None,
                format!("under `{}`: expected a list or a mapping of terms", path.join("/")),
            ))
        }
    }
    Ok(())
}

/// Parses a LIWC `.dic`: a `%`-delimited header of `number<TAB>name`, then
/// `term<TAB>n1<TAB>n2...`. `posemo`/`negemo` become polarity ±1, every other
/// category `frame:<name>`.
fn parse_liwc(text: &str, name: &str) -> Result<Lexicon> {
    let mut lines = text.lines().enumerate().map(|(i, l)| (i as u64 + 1, l));
    let mut cats: BTreeMap<String, String> = BTreeMap::new();
    let mut header_open = false;
    let mut entries = Vec::new();
    for (no, raw) in lines.by_ref() {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        if line == "%" {
            if header_open {
                break;
            }
            header_open = true;
            continue;
        }
        if !header_open {
            return Err(Error::lexicon(name, Some(no), "a LIWC .dic starts with a `%` line"));
        }
        let mut parts = line.split_whitespace();
        let (Some(n), Some(cat)) = (parts.next(), parts.next()) else {
            return Err(Error::lexicon(name, Some(no), "expected `number<TAB>category`"));
        };
        if n.parse::<u32>().is_err() {
            return Err(Error::lexicon(
                name,
                Some(no),
                format!("category id `{n}` is not a number"),
            ));
        }
        cats.insert(n.to_string(), cat.to_string());
    }
    if !header_open {
        return Err(Error::lexicon(name, None, "no `%` header block"));
    }
    for (no, raw) in lines {
        if raw.trim().is_empty() {
            continue;
        }
        let mut parts = raw.split('\t').map(str::trim).filter(|p| !p.is_empty());
        let Some(term) = parts.next() else { continue };
        let mut any = false;
        for n in parts {
            any = true;
            let Some(cat) = cats.get(n) else {
                return Err(Error::lexicon(name, Some(no), format!("unknown category id `{n}`")));
            };
            let (category, weight) = match cat.as_str() {
                "posemo" => ("polarity".to_string(), 1.0),
                "negemo" => ("polarity".to_string(), -1.0),
                other => (format!("frame:{other}"), 1.0),
            };
            entries.push(Entry {
                term: term.to_string(),
                category,
                weight,
                note: String::new(),
                guard: None,
                lang: None,
                source: name.to_string(),
                line: no,
            });
        }
        if !any {
            return Err(Error::lexicon(name, Some(no), format!("`{term}` lists no category")));
        }
    }
    Ok(Lexicon { entries })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lexicon").join(name)
    }

    #[test]
    fn default_lexicon_parses() {
        let lex = Lexicon::default_lexicon();
        assert!(lex.len() >= 20);
        assert!(lex.targets().contains(&"usa".to_string()));
        assert!(lex.frames().contains(&"security".to_string()));
    }

    #[test]
    fn each_format_loads_the_same_categories() {
        for f in ["small.tsv", "small.csv", "small.yaml", "small.dic"] {
            let lex = Lexicon::load(&fixture(f)).unwrap();
            assert!(lex.frames().contains(&"security".to_string()), "{f}");
            let pol: Vec<f64> = lex
                .entries()
                .iter()
                .filter(|e| e.kind() == Kind::Polarity)
                .map(|e| e.weight)
                .collect();
            assert!(pol.iter().any(|w| *w > 0.0) && pol.iter().any(|w| *w < 0.0), "{f}");
        }
        let tsv = Lexicon::load(&fixture("small.tsv")).unwrap();
        assert_eq!(tsv.targets(), ["algeria", "usa"]);
        let e = tsv.entries().iter().find(|e| e.term == "مالي").unwrap();
        assert_eq!(e.guard.as_deref(), Some("not_prev:الوضع|الدعم"));
        assert_eq!(e.line, 7);
        let yaml = Lexicon::load(&fixture("small.yaml")).unwrap();
        assert!(yaml.entries().iter().any(|e| e.category == "frame:economy/energy"));
        let neg = yaml.entries().iter().find(|e| e.term == "هيمنة").unwrap();
        assert_eq!((neg.category.as_str(), neg.weight), ("polarity", -1.5));
        let csv = Lexicon::load(&fixture("small.csv")).unwrap();
        assert!(csv.entries().iter().any(|e| e.term == "support, strong"));
    }

    #[test]
    fn bad_lines_name_file_and_line() {
        let err = Lexicon::load(&fixture("bad_weight.tsv")).unwrap_err().to_string();
        assert!(err.contains("bad_weight.tsv:3"), "{err}");
        assert!(err.contains("not a number"), "{err}");
        let err = Lexicon::load(&fixture("bad_guard.tsv")).unwrap_err().to_string();
        assert!(err.contains("bad_guard.tsv:3"), "{err}");
        let err = Lexicon::load(&fixture("bad.dic")).unwrap_err().to_string();
        assert!(err.contains("bad.dic:5"), "{err}");
        let err = Lexicon::load(&fixture("nope.json")).unwrap_err().to_string();
        assert!(err.contains("nope.json"), "{err}");
    }

    #[test]
    fn check_reports_suspicious_entries() {
        let lex = Lexicon::load(&fixture("check.tsv")).unwrap();
        let issues = lex.check();
        let msgs: Vec<String> = issues.iter().map(|i| i.to_string()).collect();
        let has = |line: u64, what: &str| {
            issues.iter().any(|i| i.line == line && i.message.contains(what))
        };
        assert!(has(3, "duplicate"), "{msgs:?}");
        assert!(has(4, "empty term"), "{msgs:?}");
        assert!(has(5, "outside"), "{msgs:?}");
        assert!(has(6, "unknown category"), "{msgs:?}");
        assert!(has(7, "stopword"), "{msgs:?}");
        assert!(!issues.iter().any(|i| i.line == 2), "{msgs:?}");
    }

    /// A user's word that starts like a conjunction is flagged; one written
    /// with its preposition on purpose, or one the normaliser keeps whole,
    /// is not.
    #[test]
    fn check_flags_words_cut_like_a_clitic() {
        let entry = |term: &str, category: &str| Entry {
            term: term.into(),
            category: category.into(),
            weight: 1.0,
            note: String::new(),
            guard: None,
            lang: Some("ar".into()),
            source: "mine.tsv".into(),
            line: 1,
        };
        let flagged = |term: &str, category: &str| {
            Lexicon::from_entries(vec![entry(term, category)])
                .check()
                .iter()
                .any(|i| i.message.contains("taken for a proclitic"))
        };
        assert!(flagged("فتنة", "polarity"));
        assert!(flagged("كرامة", "polarity"));
        assert!(flagged("وفاء", "polarity"));
        assert!(!flagged("الفتنة", "polarity"));
        assert!(!flagged("فضيحة", "polarity"));
        assert!(!flagged("بشدة", "intensifier"));
        assert!(!flagged("فساد", "polarity"));
        assert!(!flagged("فرنسا", "target:france"));
        assert!(!flagged("فتنة*", "polarity"));
        assert!(Lexicon::default_lexicon()
            .check()
            .iter()
            .all(|i| !i.message.contains("proclitic")));
    }

    #[test]
    fn extend_appends_and_keys_are_sorted() {
        let mut a = Lexicon::load(&fixture("small.tsv")).unwrap();
        let n = a.len();
        a.extend(Lexicon::load(&fixture("small.dic")).unwrap());
        assert!(a.len() > n);
        let f = a.frames();
        let mut s = f.clone();
        s.sort();
        assert_eq!(f, s);
    }
}
