//! The run parameters, counts and notes recorded in the reports (HTML
//! header, `results.json`), made the same way for the CLI and the Python
//! package.

use std::path::PathBuf;

use super::{Options, RunStats};
use crate::ingest::Problem;
use crate::report::model as rm;

/// The run parameters and counts recorded in the reports. No timings: they
/// would make the files differ from run to run.
pub fn run_summary(
    opts: &Options,
    stats: &RunStats,
    problems: &[Problem],
    lexicons: &[PathBuf],
) -> rm::RunSummary {
    let mut parameters = vec![
        ("shingle".to_string(), opts.shingle.kind.to_string()),
        ("num_perm".to_string(), opts.num_perm.to_string()),
        ("seed".to_string(), opts.seed.to_string()),
        ("threshold".to_string(), opts.threshold.to_string()),
        ("containment".to_string(), opts.containment.to_string()),
        ("lsh".to_string(), format!("{} bands × {} rows", opts.lsh.bands, opts.lsh.rows)),
        ("min_words".to_string(), opts.align.min_words.to_string()),
        ("max_gap".to_string(), opts.align.max_gap.to_string()),
        ("boilerplate_docs".to_string(), opts.boilerplate_docs.to_string()),
        ("min_passage_score".to_string(), opts.min_passage_score.to_string()),
        ("min_copied_run".to_string(), opts.min_copied_run.to_string()),
    ];
    if !lexicons.is_empty() {
        let names: Vec<String> = lexicons.iter().map(|p| p.display().to_string()).collect();
        parameters.push(("lexicons".to_string(), names.join(", ")));
    }
    rm::RunSummary {
        version: env!("CARGO_PKG_VERSION").to_string(),
        parameters,
        counts: vec![
            ("skipped inputs".to_string(), problems.len() as u64),
            ("candidate pairs".to_string(), stats.candidates as u64),
            (
                "candidates verified (signature estimate could pass)".to_string(),
                stats.estimated as u64,
            ),
            ("near-duplicates and excerpts".to_string(), stats.verified as u64),
            ("pairs aligned".to_string(), stats.aligned_pairs as u64),
            ("pairs sharing rare content".to_string(), stats.rare_pairs as u64),
            (
                "copy pairs aligned via the representative".to_string(),
                stats.via_representative as u64,
            ),
            ("LSH buckets over the cap".to_string(), stats.bands.capped_buckets as u64),
            ("pairs sharing only retold passages".to_string(), stats.retold_only as u64),
        ],
        notes: summary_notes(stats),
        problems: report_problems(problems),
        timings: Vec::new(),
    }
}

/// The sentences a reader needs to judge how complete the pairs are.
pub fn summary_notes(stats: &RunStats) -> Vec<String> {
    let mut out = Vec::new();
    let b = &stats.bands;
    if b.capped_buckets > 0 {
        out.push(format!(
            "Large copy groups: {} LSH buckets held more than {} documents (the largest {}). \
             Their candidate pairs were sampled (each document with the bucket's first one and \
             with its neighbour), so pairs.csv does not list every pair of such a group; \
             clusters.csv lists every copy with its cluster's representative.",
            b.capped_buckets,
            crate::candidates::DEFAULT_BUCKET_CAP,
            b.largest_bucket
        ));
    }
    if stats.via_representative > 0 {
        let (pairs, were) =
            if stats.via_representative == 1 { ("pair", "was") } else { ("pairs", "were") };
        out.push(format!(
            "{} {pairs} of copies in one cluster {were} not aligned with each other: each copy was \
             aligned with its cluster's representative (pairs.csv, column aligned_via).",
            stats.via_representative
        ));
    }
    if stats.retold_only > 0 {
        let (pairs, share) =
            if stats.retold_only == 1 { ("pair", "shares") } else { ("pairs", "share") };
        out.push(format!(
            "{} {pairs} {share} only retold passages (no run of {} words copied): the same facts \
             told twice, not listed as reuse. related.csv rates them; a minimum copied run of \
             0 lists their passages (--min-copied-run 0; min_copied_run=0 in Python).",
            stats.retold_only, stats.min_copied_run
        ));
    }
    if stats.stories_without_distance > 0 {
        let (stories, were) = if stats.stories_without_distance == 1 {
            ("story was", "its")
        } else {
            ("stories were", "their")
        };
        out.push(format!(
            "{} {stories} told by more than {} outlets (documents without an outlet count one \
             each): story_framing.csv has {were} frame and stance rows but no outlet-to-outlet \
             distance rows (they grow with the square of the outlets).",
            stats.stories_without_distance,
            crate::stories::framing::MAX_DISTANCE_GROUPS
        ));
    }
    out
}

/// Skipped inputs as the reports list them.
pub fn report_problems(problems: &[Problem]) -> Vec<rm::Problem> {
    problems
        .iter()
        .map(|p| rm::Problem {
            path: match p.line {
                Some(l) => format!("{}:{l}", p.path),
                None => p.path.clone(),
            },
            file: p.path.clone(),
            line: p.line,
            reason: p.reason.to_string(),
        })
        .collect()
}

/// What made an output set, for its `manifest.json`: the command, the
/// options in effect (`parameters` as recorded in the report, plus the
/// inputs as given; none means the bundled seeds) and every input file
/// with its hash.
pub fn run_info(
    command: &str,
    parameters: &[(String, String)],
    inputs: &[PathBuf],
    files: &[crate::ingest::FileHash],
) -> crate::report::RunInfo {
    let mut options = parameters.to_vec();
    let given: Vec<String> = inputs.iter().map(|p| crate::ingest::path_text(p)).collect();
    options.push((
        "inputs".to_string(),
        if given.is_empty() { "(bundled seeds)".to_string() } else { given.join(" ") },
    ));
    crate::report::RunInfo {
        command: command.to_string(),
        options,
        inputs: files
            .iter()
            .map(|f| crate::report::InputFile {
                path: f.path.clone(),
                bytes: f.bytes,
                xxh3_128: f.xxh3_128.clone(),
            })
            .collect(),
    }
}
