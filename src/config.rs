//! Run settings with the command line's defaults, checked in one place.
//!
//! Input: the parameters a user sets (the CLI's flags, the Python
//! package's keyword arguments). Output: the stages' own options
//! ([`pipeline::Options`](crate::pipeline::Options), a [`MinHasher`], [`ShingleConfig`],
//! [`AlignOptions`]). Invariant: every range check on a parameter happens
//! here, and its error ([`Error::Param`]) names the parameter, never a
//! flag: the CLI turns `num_perm` into `--num-perm`, Python keeps the
//! keyword.
//!
//! ```
//! use parallax::config::Config;
//! let cfg = Config { threshold: 0.7, ..Config::default() };
//! let lsh = cfg.check()?;
//! assert!(lsh.bands * lsh.rows <= cfg.num_perm);
//! let bad = Config { num_perm: 0, ..Config::default() };
//! assert_eq!(bad.check().unwrap_err().to_string(), "num_perm must be between 1 and 4096, got 0");
//! # Ok::<(), parallax::Error>(())
//! ```

use crate::align::AlignOptions;
use crate::candidates::{LshParams, RECALL_MARGIN};
use crate::error::{Error, Result};
use crate::normalize::NormalizeOptions;
use crate::pipeline::{Options, Stages};
use crate::score::Distance;
use crate::shingle::{ShingleConfig, ShingleKind};
use crate::sketch::{MinHasher, Sketcher, MAX_NUM_PERM};

/// Default near-duplicate Jaccard threshold.
pub const DEFAULT_THRESHOLD: f64 = 0.5;
/// Default excerpt containment threshold.
pub const DEFAULT_CONTAINMENT: f64 = 0.8;
/// Default number of MinHash slots.
pub const DEFAULT_NUM_PERM: usize = 128;
/// Default seed of the shingle hash and of MinHash (the CLI's `--seed`).
pub const DEFAULT_SEED: u64 = 0x5eed;
/// Default corpus size up to which every pair is compared exactly.
pub const DEFAULT_MATRIX_LIMIT: usize = 2000;

/// The error when the inputs held no document at all.
pub const NO_DOCUMENTS: &str = "no documents were read from the input; check the paths and file types (.txt .md .html .jsonl .csv)";

/// Everything a run can be told, with the command line's defaults, so a
/// library or Python user who changes nothing gets the CLI's answers.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// What a shingle is (default `char:7`).
    pub shingle: ShingleKind,
    /// MinHash slots, 1 to 4096.
    pub num_perm: usize,
    /// Seed of the shingle hash and of MinHash.
    pub seed: u64,
    /// Near-duplicate Jaccard threshold, in (0.05, 1].
    pub threshold: f64,
    /// Excerpt containment threshold, in (0, 1].
    pub containment: f64,
    /// Up to this many documents every pair is compared exactly (and the
    /// N×N matrices are made).
    pub matrix_limit: usize,
    /// Make the matrices whatever the corpus size.
    pub matrices: bool,
    /// Passage alignment.
    pub align: AlignOptions,
    /// A small passage recurring in at least this many documents is
    /// boilerplate (at least 3; [`classify::Rules`](crate::classify::Rules)).
    pub boilerplate_docs: usize,
    /// A paraphrased passage is reported from this score up, in [0, 1]...
    pub min_passage_score: f64,
    /// ...when it keeps this many consecutive words of the other side (0:
    /// any paraphrase that scores).
    pub min_copied_run: usize,
    /// Frame-profile distance.
    pub distance: Distance,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            shingle: crate::shingle::DEFAULT_KIND,
            num_perm: DEFAULT_NUM_PERM,
            seed: DEFAULT_SEED,
            threshold: DEFAULT_THRESHOLD,
            containment: DEFAULT_CONTAINMENT,
            matrix_limit: DEFAULT_MATRIX_LIMIT,
            matrices: false,
            align: AlignOptions::default(),
            boilerplate_docs: crate::classify::BOILERPLATE_DOCS,
            min_passage_score: crate::classify::MIN_PASSAGE_SCORE,
            min_copied_run: crate::classify::MIN_COPIED_RUN,
            distance: Distance::default(),
        }
    }
}

fn param(name: &'static str, message: String) -> Error {
    Error::param(name, message)
}

impl Config {
    /// Checks every parameter and returns the LSH bands × rows for the
    /// threshold. The first problem found is the error.
    pub fn check(&self) -> Result<LshParams> {
        let lsh = self.check_dups()?;
        self.check_align()?;
        Ok(lsh)
    }

    /// Checks the near-duplicate parameters (threshold, containment,
    /// slots) and returns the LSH bands × rows for the threshold.
    pub fn check_dups(&self) -> Result<LshParams> {
        if !(self.threshold > 0.0 && self.threshold <= 1.0) {
            return Err(param("threshold", format!("must be in (0, 1], got {}", self.threshold)));
        }
        if !(self.containment > 0.0 && self.containment <= 1.0) {
            return Err(param(
                "containment",
                format!("must be in (0, 1], got {}", self.containment),
            ));
        }
        if self.num_perm == 0 || self.num_perm > MAX_NUM_PERM {
            return Err(param(
                "num_perm",
                format!("must be between 1 and {MAX_NUM_PERM}, got {}", self.num_perm),
            ));
        }
        if self.threshold <= RECALL_MARGIN {
            return Err(param(
                "threshold",
                format!("must be above {RECALL_MARGIN} and at most 1, got {}", self.threshold),
            ));
        }
        LshParams::for_threshold(self.threshold, self.num_perm)
    }

    /// Checks the passage parameters (shortest passage, boilerplate
    /// recurrence, paraphrase score).
    pub fn check_align(&self) -> Result<()> {
        if self.align.min_words == 0 {
            return Err(param("min_words", "must be at least 1".into()));
        }
        if self.boilerplate_docs < 3 {
            return Err(param(
                "boilerplate_docs",
                format!(
                    "must be at least 3 (text in the two documents of a pair alone is not \
                     recurring), got {}",
                    self.boilerplate_docs
                ),
            ));
        }
        if !(0.0..=1.0).contains(&self.min_passage_score) {
            return Err(param(
                "min_passage_score",
                format!("must be a score in [0, 1], got {}", self.min_passage_score),
            ));
        }
        Ok(())
    }

    /// Shingling with this seed.
    pub fn shingle_config(&self) -> ShingleConfig {
        ShingleConfig { kind: self.shingle, seed: self.seed }
    }

    /// The MinHash sketcher of this configuration.
    pub fn hasher(&self) -> Result<MinHasher> {
        if self.num_perm == 0 || self.num_perm > MAX_NUM_PERM {
            return Err(param(
                "num_perm",
                format!("must be between 1 and {MAX_NUM_PERM}, got {}", self.num_perm),
            ));
        }
        MinHasher::builder().num_perm(self.num_perm).seed(self.seed).build()
    }

    /// Text to signature with this configuration's shingling and MinHash.
    pub fn sketcher(&self) -> Result<Sketcher> {
        Ok(Sketcher::new(self.shingle_config(), self.hasher()?))
    }

    /// Checked pipeline options for `stages`.
    pub fn pipeline_options(&self, stages: Stages) -> Result<Options> {
        let lsh = self.check()?;
        Ok(Options {
            stages,
            normalize: NormalizeOptions::default(),
            shingle: self.shingle_config(),
            num_perm: self.num_perm,
            seed: self.seed,
            threshold: self.threshold,
            containment: self.containment,
            lsh,
            matrix_limit: self.matrix_limit,
            force_matrices: self.matrices,
            align: self.align.clone(),
            min_passage_score: self.min_passage_score,
            min_copied_run: self.min_copied_run,
            boilerplate_docs: self.boilerplate_docs,
            distance: self.distance,
            related: crate::related::RelatedOptions::default(),
            stories: crate::stories::StoryOptions::default(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_bad_parameter_is_named() {
        let cases: Vec<(Config, &str)> = vec![
            (Config { threshold: 0.0, ..Config::default() }, "threshold must be in (0, 1], got 0"),
            (Config { threshold: 0.05, ..Config::default() }, "threshold must be above 0.05"),
            (Config { containment: 1.5, ..Config::default() }, "containment must be in (0, 1]"),
            (Config { num_perm: 5000, ..Config::default() }, "num_perm must be between 1 and 4096"),
            (
                Config {
                    align: AlignOptions { min_words: 0, ..AlignOptions::default() },
                    ..Config::default()
                },
                "min_words must be at least 1",
            ),
            (
                Config { boilerplate_docs: 2, ..Config::default() },
                "boilerplate_docs must be at least 3",
            ),
            (
                Config { min_passage_score: 1.5, ..Config::default() },
                "min_passage_score must be a score in [0, 1]",
            ),
        ];
        for (cfg, want) in cases {
            let err = cfg.check().unwrap_err();
            assert!(matches!(err, Error::Param { .. }), "{err:?}");
            assert!(err.to_string().starts_with(want), "{err} vs {want}");
            assert!(!err.to_string().contains("--"), "no flag names in the library: {err}");
        }
        assert!(Config::default().check().is_ok());
    }
}
