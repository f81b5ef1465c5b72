//! Lexicon coverage over a corpus (`parallax lexicon check FILE INPUT...`).
//!
//! Input: the [`DocScores`] of each document (scored by the pipeline, in any
//! order). Output: per category column (`target:usa`, `frame:security`,
//! `polarity`), the share of documents and of words hit, and the most
//! frequent hits.
//!
//! Invariant: the report depends only on the multiset of documents, not on
//! the order they are added in (counts are summed into ordered maps and ties
//! in the top lists break alphabetically).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::Serialize;

use super::evidence::DocScores;
use super::lexicon::{Kind, Lexicon, LexiconIssue};
use super::scorer::Scorer;
use crate::error::Result;
use crate::normalize::{NormalizedDoc, Normalizer};

/// Coverage of one category column.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct CategoryCoverage {
    /// `target:<key>`, `frame:<key>` or `polarity`.
    pub category: String,
    /// Hits in the corpus.
    pub hits: usize,
    /// Documents with at least one hit.
    pub docs_hit: usize,
    /// `docs_hit / docs`.
    pub doc_share: f64,
    /// Tokens inside hits.
    pub words_hit: usize,
    /// `words_hit / words`.
    pub word_share: f64,
    /// Most frequent normalised hits with their counts (count desc, then
    /// alphabetical).
    pub top: Vec<(String, usize)>,
}

/// Coverage of a lexicon over a corpus. Add documents with
/// [`CoverageReport::add`], then call [`CoverageReport::finish`].
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct CoverageReport {
    /// Documents seen.
    pub docs: usize,
    /// Tokens seen.
    pub words: usize,
    /// One row per category column that has hits, sorted by category.
    pub categories: Vec<CategoryCoverage>,
    #[serde(skip)]
    acc: BTreeMap<String, (usize, usize, usize, BTreeMap<String, usize>)>,
    /// (term, category) of every entry that matched at least once.
    #[serde(skip)]
    entries_hit: BTreeSet<(String, String)>,
}

fn column(category: &str) -> String {
    match category.split_once(':') {
        Some((kind, rest)) => format!("{kind}:{}", rest.split('/').next().unwrap_or(rest)),
        None => category.to_string(),
    }
}

impl CoverageReport {
    /// Adds one scored document.
    pub fn add(&mut self, scores: &DocScores) {
        self.docs += 1;
        self.words += scores.words;
        let mut seen: Vec<String> = Vec::new();
        for h in &scores.hits {
            if !self.entries_hit.contains(&(h.entry.clone(), h.category.clone())) {
                self.entries_hit.insert((h.entry.clone(), h.category.clone()));
            }
            let col = column(&h.category);
            let e = self.acc.entry(col.clone()).or_default();
            e.0 += 1;
            e.2 += h.token_range.len();
            *e.3.entry(h.normalized.clone()).or_insert(0) += 1;
            if !seen.contains(&col) {
                e.1 += 1;
                seen.push(col);
            }
        }
    }

    /// Computes shares and keeps the `top_n` most frequent hits per category.
    pub fn finish(mut self, top_n: usize) -> CoverageReport {
        let share = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        self.categories = std::mem::take(&mut self.acc)
            .into_iter()
            .map(|(category, (hits, docs_hit, words_hit, forms))| {
                let mut top: Vec<(String, usize)> = forms.into_iter().collect();
                top.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                top.truncate(top_n);
                CategoryCoverage {
                    category,
                    hits,
                    docs_hit,
                    doc_share: share(docs_hit, self.docs),
                    words_hit,
                    word_share: share(words_hit, self.words),
                    top,
                }
            })
            .collect();
        self
    }
}

/// Scores `docs` (text, normalised) and reports coverage (single-threaded;
/// the pipeline may score in parallel and use [`CoverageReport::add`]).
pub fn coverage<'a>(
    scorer: &Scorer,
    docs: impl IntoIterator<Item = (&'a str, &'a NormalizedDoc)>,
    top_n: usize,
) -> CoverageReport {
    let mut r = CoverageReport::default();
    for (text, doc) in docs {
        r.add(&scorer.score(text, doc));
    }
    r.finish(top_n)
}

/// What `parallax lexicon check FILE [INPUT...]` reports.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LexiconCheck {
    /// Entries.
    pub entries: usize,
    /// Problems found in the entries.
    pub issues: Vec<LexiconIssue>,
    /// Coverage over the corpus, when one was given.
    pub coverage: Option<CoverageReport>,
    /// Content entries (targets, frames, polarity) that never matched in
    /// the corpus, as `term (category)`; empty without a corpus.
    pub unused: Vec<String>,
}

/// Validates `lexicon` and, with documents (text, normalised), measures its
/// coverage. Errors only when the lexicon cannot be compiled (bad glob or
/// guard).
pub fn check_lexicon<'a>(
    lexicon: &Lexicon,
    normalizer: &Normalizer,
    docs: Option<&[(&'a str, &'a NormalizedDoc)]>,
    top_n: usize,
) -> Result<LexiconCheck> {
    let issues = lexicon.check_with(normalizer);
    let (coverage, unused) = match docs {
        None => (None, Vec::new()),
        Some(docs) => {
            let scorer = Scorer::new(lexicon, normalizer)?;
            let report = coverage(&scorer, docs.iter().copied(), top_n);
            let mut unused: Vec<String> = lexicon
                .entries()
                .iter()
                .filter(|e| matches!(e.kind(), Kind::Target(_) | Kind::Frame(_) | Kind::Polarity))
                .filter(|e| !e.term.trim().is_empty())
                .filter(|e| !report.entries_hit.contains(&(e.term.clone(), e.category.clone())))
                .map(|e| format!("{} ({})", e.term, e.category))
                .collect();
            unused.dedup();
            (Some(report), unused)
        }
    };
    Ok(LexiconCheck { entries: lexicon.len(), issues, coverage, unused })
}

impl fmt::Display for LexiconCheck {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} entries, {} issues", self.entries, self.issues.len())?;
        for i in &self.issues {
            writeln!(f, "{i}")?;
        }
        if let Some(c) = &self.coverage {
            write!(f, "{c}")?;
            if !self.unused.is_empty() {
                writeln!(
                    f,
                    "{} entries never matched: {}",
                    self.unused.len(),
                    self.unused.join(", ")
                )?;
            }
        }
        Ok(())
    }
}

impl fmt::Display for CoverageReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} documents, {} words", self.docs, self.words)?;
        writeln!(f, "{:<28} {:>7} {:>8} {:>8}  top hits", "category", "hits", "docs%", "words%")?;
        for c in &self.categories {
            let top: Vec<String> = c.top.iter().map(|(w, n)| format!("{w} ({n})")).collect();
            writeln!(
                f,
                "{:<28} {:>7} {:>7.1}% {:>7.2}%  {}",
                c.category,
                c.hits,
                c.doc_share * 100.0,
                c.word_share * 100.0,
                top.join(", ")
            )?;
        }
        Ok(())
    }
}
