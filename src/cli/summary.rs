//! The terminal summary printed at the end of `parallax run`: what was
//! read, the LSH parameters, the top pairs, clusters, each document's
//! dominant frame and stance, and where the files are. Stdout, no colour
//! unless stdout is a terminal; all article-derived text is sanitised.

use std::io::Write;
use std::path::{Path, PathBuf};

use parallax::ingest::Problem;
use parallax::pipeline::{Options, RunStats};
use parallax::report::model as rm;

use crate::cli::args::RunArgs;
use crate::cli::term::{sanitize, Paint};

/// The run parameters and counts recorded in the reports (the library's
/// rule, shared with the Python package).
pub fn run_summary(
    opts: &Options,
    stats: &RunStats,
    problems: &[Problem],
    a: &RunArgs,
) -> rm::RunSummary {
    let mut s = parallax::pipeline::run_summary(opts, stats, problems, &a.score.lexicons);
    s.problems = report_problems(problems);
    s
}

/// The sentences a reader needs to judge how complete the pairs are.
pub fn notes(stats: &RunStats) -> Vec<String> {
    parallax::pipeline::summary_notes(stats)
}

/// Skipped inputs as the reports list them, with the flags that fix them.
pub fn report_problems(problems: &[Problem]) -> Vec<rm::Problem> {
    let mut listed = parallax::pipeline::report_problems(problems);
    for (row, p) in listed.iter_mut().zip(problems) {
        row.reason = p.reason.render(&crate::cli::config::Flags);
    }
    listed
}

/// Documents listed by name in the summary; the rest are counted and
/// pointed to (1,500 articles made 1,512 lines).
const MAX_DOCS_SHOWN: usize = 30;

/// Prints the summary on stdout.
pub fn print(
    results: &rm::Results,
    stats: &RunStats,
    opts: &Options,
    problems: &[Problem],
    files: &[PathBuf],
    out: &Path,
    p: Paint,
) -> std::io::Result<()> {
    let stdout = std::io::stdout();
    let mut w = stdout.lock();
    let total: f64 = stats.timings.iter().map(|t| t.1.as_secs_f64()).sum();
    writeln!(
        w,
        "{} {} documents read, {} skipped, in {:.2} s",
        p.bold("parallax:"),
        results.documents.len(),
        problems.len(),
        total
    )?;
    if opts.stages.dups {
        let l = &opts.lsh;
        let curve: Vec<String> =
            [opts.threshold - 0.1, opts.threshold - 0.05, opts.threshold, opts.threshold + 0.1]
                .iter()
                .filter(|s| **s > 0.0 && **s <= 1.0)
                .map(|&s| format!("P({s:.2})={:.3}", l.probability(s)))
                .collect();
        writeln!(
            w,
            "{} shingles {}, {} permutations, LSH {} bands × {} rows: {}",
            p.bold("near-duplicates:"),
            opts.shingle.kind,
            opts.num_perm,
            l.bands,
            l.rows,
            curve.join(" ")
        )?;
        writeln!(
            w,
            "  {} candidate pairs, {} near-duplicates or excerpts{}",
            stats.candidates,
            stats.verified,
            if stats.all_pairs { " (every pair's estimate checked)" } else { "" }
        )?;
        let mut pairs: Vec<&rm::PairRow> = results.pairs.iter().collect();
        pairs.sort_by(|x, y| {
            let kx = x.shared_words as f64 + x.jaccard.unwrap_or(0.0) * 1e6;
            let ky = y.shared_words as f64 + y.jaccard.unwrap_or(0.0) * 1e6;
            ky.total_cmp(&kx).then_with(|| (&x.doc_a, &x.doc_b).cmp(&(&y.doc_a, &y.doc_b)))
        });
        for pr in pairs.iter().take(5) {
            let passages = if results.passages_skipped {
                String::new()
            } else {
                format!(", {} passages, {} shared words", pr.passages, pr.shared_words)
            };
            writeln!(
                w,
                "  {} ~ {}  jaccard {:.3}{}  [{}]",
                p.cyan(&sanitize(&pr.doc_a)),
                p.cyan(&sanitize(&pr.doc_b)),
                pr.jaccard.unwrap_or(pr.jaccard_est),
                passages,
                pr.verdict
            )?;
        }
        if pairs.len() > 5 {
            writeln!(w, "  … {} more pairs in pairs.csv", pairs.len() - 5)?;
        }
        let n_clusters = results.clusters.iter().map(|c| c.cluster).max().unwrap_or(0);
        writeln!(w, "  {n_clusters} clusters")?;
        for note in notes(stats) {
            writeln!(w, "  {}", p.dim(&note))?;
        }
    }
    if !results.framing.is_empty() {
        writeln!(w, "{}", p.bold("framing and stance:"))?;
        for (f, s) in results.framing.iter().zip(&results.stance).take(MAX_DOCS_SHOWN) {
            let dominant = f
                .frames
                .iter()
                .zip(&results.frame_keys)
                .filter(|(c, _)| c.hits > 0)
                // Highest rate; on a tie the first frame in column order.
                .max_by(|a, b| a.0.per_1k.total_cmp(&b.0.per_1k).then_with(|| b.1.cmp(a.1)))
                .map(|(c, k)| format!("{k} {:.1}/1k", c.per_1k))
                .unwrap_or_else(|| "no frame".to_string());
            let stance: Vec<String> = s
                .targets
                .iter()
                .zip(&results.target_keys)
                .filter_map(|(c, k)| Some((c.score?, c.mentions, k)))
                .map(|(v, mentions, k)| {
                    let score = format!("{v:+.2}");
                    let score = if v > 0.05 {
                        p.green(&score)
                    } else if v < -0.05 {
                        p.red(&score)
                    } else {
                        score
                    };
                    format!("{k} {score} ({mentions})")
                })
                .collect();
            writeln!(w, "  {}  {}  {}", p.cyan(&sanitize(&f.doc_id)), dominant, stance.join(", "))?;
        }
        if results.framing.len() > MAX_DOCS_SHOWN {
            writeln!(
                w,
                "  … {} more documents in framing.csv and stance.csv",
                results.framing.len() - MAX_DOCS_SHOWN
            )?;
        }
    }
    let names: Vec<String> = files
        .iter()
        .filter_map(|f| f.file_name())
        .map(|f| f.to_string_lossy().into_owned())
        .collect();
    writeln!(
        w,
        "{} {}: {}",
        p.bold("files in"),
        sanitize(&out.display().to_string()),
        p.dim(&names.join(", "))
    )?;
    Ok(())
}

/// The per-stage wall times on stderr (`--timings`).
pub fn print_timings(stats: &RunStats) {
    let total: f64 = stats.timings.iter().map(|t| t.1.as_secs_f64()).sum();
    let mib = |kib: u64| kib as f64 / 1024.0;
    for (stage, d) in &stats.timings {
        // Memory after the stage, and the peak so far, where known.
        match stats.memory.iter().find(|m| m.0 == *stage) {
            Some(&(_, rss, peak)) => eprintln!(
                "{stage:>18} {:>9.3} s {:>9.1} MiB resident (peak so far {:.1})",
                d.as_secs_f64(),
                mib(rss),
                mib(peak)
            ),
            None => eprintln!("{stage:>18} {:>9.3} s", d.as_secs_f64()),
        }
    }
    eprintln!("{:>18} {total:>9.3} s", "total");
    if stats.candidates > 0 || stats.aligned_pairs > 0 {
        eprintln!(
            "{:>18} {} candidates → {} after the estimate check → {} verified",
            "pairs", stats.candidates, stats.estimated, stats.verified
        );
    }
    if stats.aligned_pairs > 0 {
        eprintln!(
            "{:>18} {} aligned ({} sharing rare content; {} copy pairs via the representative)",
            "", stats.aligned_pairs, stats.rare_pairs, stats.via_representative
        );
    }
    if let Some((_, peak)) = parallax::pipeline::resident_kib() {
        eprintln!("{:>18} {:>9.1} MiB", "peak RSS", mib(peak));
    }
}
