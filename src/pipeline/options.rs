//! What a run is asked to do ([`Stages`], [`Options`]), how it reports
//! progress ([`Observer`]) and what it counted ([`RunStats`]).

use std::time::Duration;

use crate::align::AlignOptions;
use crate::candidates::{BandStats, LshParams};
use crate::classify;
use crate::normalize::NormalizeOptions;
use crate::score::Distance;
use crate::shingle::ShingleConfig;

/// Which parts of the analysis to run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stages {
    /// Near-duplicates: shingles, sketches, candidates, matrices, clusters.
    pub dups: bool,
    /// Shared passages (needs `dups` for candidate pairs above the matrix limit).
    pub passages: bool,
    /// Framing and stance.
    pub score: bool,
}

impl Stages {
    /// Everything (`parallax run`).
    pub const ALL: Stages = Stages { dups: true, passages: true, score: true };
    /// `parallax dups`.
    pub const DUPS: Stages = Stages { dups: true, passages: false, score: false };
    /// `parallax score`.
    pub const SCORE: Stages = Stages { dups: false, passages: false, score: true };
}

/// Validated options for a run.
#[derive(Clone, Debug)]
pub struct Options {
    /// What to run.
    pub stages: Stages,
    /// Normaliser switches.
    pub normalize: NormalizeOptions,
    /// Shingling.
    pub shingle: ShingleConfig,
    /// MinHash permutations.
    pub num_perm: usize,
    /// Seed for hashing and MinHash.
    pub seed: u64,
    /// Near-duplicate Jaccard threshold.
    pub threshold: f64,
    /// Excerpt containment threshold.
    pub containment: f64,
    /// LSH bands × rows (derived from `threshold` and `num_perm`).
    pub lsh: LshParams,
    /// Above this many documents, no all-pairs work and no matrices unless
    /// `force_matrices`.
    pub matrix_limit: usize,
    /// Write matrices whatever the corpus size.
    pub force_matrices: bool,
    /// Passage alignment options.
    pub align: AlignOptions,
    /// A paraphrased passage is reported from this score up
    /// ([`classify::Rules::min_passage_score`]).
    pub min_passage_score: f64,
    /// A paraphrased passage keeps this many words in a row to be reported
    /// ([`classify::Rules::min_copied_run`]).
    pub min_copied_run: usize,
    /// A small passage recurring in this many documents is boilerplate
    /// ([`classify::Rules::boilerplate_docs`]).
    pub boilerplate_docs: usize,
    /// Frame-profile distance.
    pub distance: Distance,
    /// Relatedness (same story): listing floor and candidate index.
    pub related: crate::related::RelatedOptions,
    /// How related articles are grouped into stories.
    pub stories: crate::stories::StoryOptions,
}

impl Options {
    /// The classification rules these options set.
    pub fn rules(&self) -> classify::Rules {
        classify::Rules {
            threshold: self.threshold,
            containment: self.containment,
            min_passage_score: self.min_passage_score,
            min_copied_run: self.min_copied_run,
            boilerplate_docs: self.boilerplate_docs,
        }
    }
}

/// Receives progress reports; the CLI draws a bar on a terminal.
pub trait Observer: Sync {
    /// A stage starts, with `len` units of work.
    fn stage(&self, _name: &'static str, _len: u64) {}
    /// `n` units done.
    fn advance(&self, _n: u64) {}
    /// The stage is finished.
    fn done(&self) {}
}

/// An observer that ignores everything.
pub struct Silent;
impl Observer for Silent {}

/// Timings and counts for the run summary.
#[derive(Clone, Debug, Default)]
pub struct RunStats {
    /// `(stage, wall time)` in order.
    pub timings: Vec<(&'static str, Duration)>,
    /// `(stage, resident KiB after it, peak resident KiB so far)`, where
    /// the system tells (Linux); empty elsewhere.
    pub memory: Vec<(&'static str, u64, u64)>,
    /// Candidate pairs: LSH candidates, or every pair when all pairs are
    /// checked (N ≤ matrix limit).
    pub candidates: usize,
    /// Candidates whose signature estimate could reach a threshold (the
    /// pairs verified exactly).
    pub estimated: usize,
    /// Candidate pairs that passed verification.
    pub verified: usize,
    /// Pairs aligned.
    pub aligned_pairs: usize,
    /// Of those, pairs found by shared rare content.
    pub rare_pairs: usize,
    /// Pairs of copies in one cluster not aligned with each other: each
    /// copy was aligned with the cluster's representative instead.
    pub via_representative: usize,
    /// Whether every pair's signature estimate was checked (N ≤ matrix
    /// limit) instead of LSH candidates only.
    pub all_pairs: bool,
    /// What the LSH banding did (buckets over the cap are large copy
    /// groups: they give a star and a path, not every pair).
    pub bands: BandStats,
    /// Pairs whose passages are all paraphrases without a copied run (the
    /// same facts told twice): not listed as reuse.
    pub retold_only: usize,
    /// Stories told by more outlets than `story_framing.csv` compares pair by
    /// pair ([`crate::stories::framing::MAX_DISTANCE_GROUPS`]).
    pub stories_without_distance: usize,
    /// The run a paraphrase needed (`min_copied_run`), for the notes.
    pub min_copied_run: usize,
}
