//! `parallax [run]`, `parallax dups`, `parallax score`: read the inputs, run
//! the pipeline stages asked for, write the files, print the summary.

use std::process::ExitCode;

use anyhow::{bail, Context};
use parallax::doc::Corpus;
use parallax::normalize::Normalizer;
use parallax::pipeline::{self, Stages};
use parallax::report::{self, TableKind};
use parallax::score::Scorer;

use crate::cli::args::RunArgs;
use crate::cli::progress::Bar;
use crate::cli::{config, summary, term};

/// Runs the analysis with the given stages.
pub fn run(a: &RunArgs, stages: Stages) -> anyhow::Result<ExitCode> {
    // Everything the user can get wrong is checked before reading anything.
    let opts = config::pipeline_options(a, stages)?;
    let tables: &[TableKind] = if stages == Stages::ALL {
        &TableKind::ALL
    } else if stages == Stages::DUPS {
        &TableKind::DUPS
    } else {
        &TableKind::SCORES
    };
    // Matrices above the limit only on request; the long tables always.
    let mut out_opts = config::output_options(&a.output, true, tables)?;
    config::check_out_dir(&a.out, a.output.force)?;
    let scorer = if stages.score {
        let lex = config::lexicon(&a.score)?;
        Some(
            Scorer::new(&lex, &Normalizer::new(opts.normalize.clone()))
                .context("building the lexicon matcher")?,
        )
    } else {
        None
    };
    // A bad --encoding is reported before any work, like the other options.
    config::ingest_options(&a.input)?;
    let quiet = a.general.quiet;

    let t0 = std::time::Instant::now();
    let say = config::Messages::from_flags(&a.general);
    let ing = config::read_inputs(
        &config::inputs(&a.inputs),
        &a.input,
        say,
        std::slice::from_ref(&a.out),
    )?;
    if ing.docs.is_empty() {
        bail!(parallax::config::NO_DOCUMENTS);
    }
    let mut corpus = Corpus::new(ing.docs);
    // After the first pass the stages of `run` and `score` need a text only
    // now and then: the texts wait in a temporary file instead of memory
    // (on the news corpus 185 MiB and more, at every later stage's peak).
    // Where no temporary file can be written they stay in memory, with the
    // same results. `dups` keeps only signatures after its first pass, which
    // reading the texts back would slow by a sixth for a sixth less memory.
    if opts.stages.passages || opts.stages.score {
        let _ = corpus.set_texts_aside();
    }
    let ingest_time = t0.elapsed();
    let ingest_memory = pipeline::resident_kib();
    let bar = Bar::new(!quiet && term::stderr_is_terminal());
    let (analysis, mut stats) = pipeline::analyse(&corpus, &opts, scorer.as_ref(), &bar)?;
    // The stages' buffers are freed: hand them back before the rows are made.
    crate::alloc_tuning::release_free_memory();
    // The text goes into the rows only when a report shows it. The longest
    // tables are written from the typed analysis row by row, except for
    // the JSON dump, which serialises every row.
    let keep_text = out_opts.formats.need_text();
    let n = corpus.len();
    let mut results = if out_opts.formats.json {
        let results = report::rows::results(&corpus, analysis, keep_text)?;
        // See the end of this function.
        std::mem::forget(corpus);
        results
    } else {
        report::rows::results_streamed(corpus, analysis, keep_text)?
    };
    // The corpus and the analysis are consumed: freed before writing.
    crate::alloc_tuning::release_free_memory();
    stats.timings.insert(0, ("ingest", ingest_time));
    if let Some((rss, peak)) = ingest_memory {
        stats.memory.insert(0, ("ingest", rss, peak));
    }
    results.summary = summary::run_summary(&opts, &stats, &ing.problems, a);
    let command = if stages == Stages::ALL {
        "run"
    } else if stages == Stages::DUPS {
        "dups"
    } else {
        "score"
    };
    out_opts.run =
        Some(config::run_info(command, &results.summary.parameters, &a.inputs, &ing.files));
    let t0 = std::time::Instant::now();
    let files = report::write_all(&a.out, &results, &out_opts).context("writing the results")?;
    stats.timings.push(("write", t0.elapsed()));
    if let Some((rss, peak)) = pipeline::resident_kib() {
        stats.memory.push(("write", rss, peak));
    }
    if a.general.timings {
        summary::print_timings(&stats);
    }
    if !quiet {
        let paint = term::Paint::new(term::use_color(a.general.color, term::stdout_is_terminal()));
        summary::print(&results, &stats, &opts, &ing.problems, &files, &a.out, paint)?;
        // Silence is the worst answer to "nothing found": say which knob to turn.
        // (Pairs that only retell the same facts are said in the notes.)
        if stages.dups && results.pairs.is_empty() && stats.retold_only == 0 && n > 1 {
            eprintln!(
                "{}",
                term::warning_line(&format!(
                    "no pair reached --threshold {} (LSH bands={}, rows={}); try a lower --threshold",
                    opts.threshold, opts.lsh.bands, opts.lsh.rows
                ))
            );
        }
    }
    // The process ends here: let the OS reclaim the results (and, for JSON,
    // the corpus they were made from) at once instead of freeing millions of
    // allocations one by one (about a second on a 72k-article run, all of it
    // after the last output).
    std::mem::forget(results);
    Ok(ExitCode::SUCCESS)
}
