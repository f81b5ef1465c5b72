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

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use super::evidence::DocScores;
use super::scorer::Scorer;
use crate::normalize::NormalizedDoc;

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
