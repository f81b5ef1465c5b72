//! Lexicon-based framing and stance scoring.
//!
//! Input: a [`Lexicon`] (the embedded default, or users' TSV/CSV, YAML,
//! LIWC files) compiled into a [`Scorer`], then one document at a time (its
//! text and [`NormalizedDoc`](crate::normalize::NormalizedDoc)). Output:
//! [`DocScores`]: the [`Hit`]s (rows of `evidence.csv`), frame counts and
//! rates (`framing.csv`), and stance per target (`stance.csv`).
//!
//! Invariant: every number is rebuilt from the hits alone (see
//! [`evidence::aggregate`]); hits are in text order and independent of
//! thread scheduling, hash seeds and lexicon load order within a family.
//!
//! ```
//! use parallax::normalize::Normalizer;
//! use parallax::score::{Lexicon, Scorer};
//!
//! let normalizer = Normalizer::default();
//! let scorer = Scorer::new(&Lexicon::default_lexicon(), &normalizer).unwrap();
//! let s = scorer.score_text("تعزيز الشراكة مع واشنطن في مكافحة الإرهاب", &normalizer);
//! assert!(s.frames["security"].hits >= 1);
//! assert!(s.stance["usa"].mentions >= 1);
//! ```

pub mod coverage;
pub mod evidence;
pub mod framing;
pub mod lexicon;
pub(crate) mod matcher;
pub(crate) mod modifiers;
pub mod names;
pub(crate) mod roles;
pub(crate) mod rolewords;
pub mod scorer;
pub(crate) mod stance;
pub mod targets;
pub(crate) mod trend;

pub use coverage::{check_lexicon, coverage, CategoryCoverage, CoverageReport, LexiconCheck};
pub use evidence::{aggregate, DocScores, FrameScore, Hit, HitList, HitRef, StanceScore, Voice};
pub use framing::{frame_counts_in, framing_distance, framing_distance_matrix, profile, Distance};
pub use lexicon::{Entry, Kind, Lexicon, LexiconIssue, Severity};
pub use names::{NameCount, NameFinder};
pub use scorer::Scorer;
pub use targets::load_targets;

/// Number of negation cues (built-in tables) in a document; used by the
/// pair evaluation.
pub fn negation_count(doc: &crate::normalize::NormalizedDoc) -> usize {
    (0..doc.len()).filter(|&i| modifiers::negator_at(doc, i).is_some()).count()
}

#[cfg(test)]
mod tests;
