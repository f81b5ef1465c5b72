//! `parallax index add|query|stats`: the persistent SQLite archive.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use parallax::doc::Corpus;
use parallax::index::Archive;
use parallax::pipeline::archive::{self, QueryStats};
use parallax::pipeline::{self, ArchiveSketcher, QueryOptions};
use parallax::report::{self, TableKind};

use crate::cli::args::{IndexArgs, IndexQueryArgs, IndexStatsArgs};
use crate::cli::{config, term};

/// Documents per transaction: a crash loses at most the batch under way,
/// and a query running beside an add sees whole batches only.
const BATCH: usize = 500;

/// Adds articles to the archive, creating it with these options if needed.
pub fn add(a: &IndexArgs) -> anyhow::Result<ExitCode> {
    let lsh = config::check_dups(&a.dups)?;
    let shingle = config::shingle_config(&a.dups.shingle, a.dups.seed)?;
    let sk = ArchiveSketcher::new(shingle, a.dups.num_perm, a.dups.seed, lsh)?;
    let say = config::Messages::from_flags(&a.general);
    let ing = config::read_inputs(&config::inputs(&a.inputs), &a.input, say, &[])?;
    // Read first: a typo in the input path must not leave an empty archive.
    if ing.docs.is_empty() {
        bail!("no documents were read from the input");
    }
    let mut archive = Archive::create_or_open(&a.db, &sk.archive_params())?;
    let mut docs = ing.docs;
    // An id archived from another file (`index add dA` then `index add dB`,
    // both holding x.txt) is another article: it keeps its path as id
    // instead of replacing the first. Re-adding the same file replaces it.
    for d in &mut docs {
        if let Some(source) = archive.source_of(&d.id)? {
            // Records carry their own ids (and `path:line` sources that move
            // when lines are added): an id repeated is the same article.
            if same_source(&source, &d.source) || is_record_source(&d.source) {
                continue;
            }
            let new_id = d.source.trim_start_matches("./").to_string();
            if say.problems {
                eprintln!(
                    "{}",
                    term::warning_line(&format!(
                        "{}: id {} is already archived from {source}; this document's id is {new_id}",
                        d.source, d.id
                    ))
                );
            }
            d.id = new_id;
        }
    }
    let docs = Corpus::new(docs).into_docs();
    let (mut added, mut replaced, mut unchanged) = (0, 0, 0);
    let (mut sketch_time, mut write_time) = (Duration::ZERO, Duration::ZERO);
    let (n_docs, n_bytes) = (docs.len(), docs.iter().map(|d| d.text.len()).sum::<usize>());
    let started = Instant::now();
    let mut docs = docs.into_iter().peekable();
    while docs.peek().is_some() {
        let batch: Vec<_> = docs.by_ref().take(BATCH).collect();
        // Re-adding a folder is the common case: an id already archived with
        // the same content is skipped before sketching (one indexed lookup
        // instead of normalising and hashing the text again).
        let mut fresh = Vec::with_capacity(batch.len());
        for d in batch {
            if archive.content_hash(&d.id)? == Some(archive::content_hash(&d.text)) {
                unchanged += 1;
            } else {
                fresh.push(d);
            }
        }
        let t = Instant::now();
        let records = pipeline::archive_records(&sk, fresh);
        sketch_time += t.elapsed();
        let t = Instant::now();
        let s = archive.add_batch(&records)?;
        write_time += t.elapsed();
        added += s.added;
        replaced += s.replaced;
        unchanged += s.unchanged;
    }
    if a.general.timings {
        let total = started.elapsed().as_secs_f64();
        eprintln!("sketch   {:>9.3}s", sketch_time.as_secs_f64());
        eprintln!("write    {:>9.3}s", write_time.as_secs_f64());
        eprintln!(
            "total    {total:>9.3}s  {:.0} docs/s, {:.2} MB/s",
            n_docs as f64 / total.max(1e-9),
            n_bytes as f64 / 1e6 / total.max(1e-9)
        );
    }
    if !a.general.quiet {
        let st = archive.stats()?;
        println!(
            "{}: {added} added, {replaced} replaced, {unchanged} unchanged; {} documents in the archive",
            term::sanitize(&a.db.display().to_string()),
            st.documents
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Checks new articles against the archive; writes pairs.csv and
/// passages.csv.
pub fn query(a: &IndexQueryArgs) -> anyhow::Result<ExitCode> {
    let mut out_opts =
        config::output_options(&a.output, false, &[TableKind::Pairs, TableKind::Passages])?;
    config::check_out_dir(&a.out, a.output.force)?;
    let align = config::align_options(&a.align)?;
    let (archive, params) = Archive::open_for_reading(&a.db)?;
    let sk = ArchiveSketcher::from_archive(&params).with_context(|| {
        format!("archive {} has parameters this version cannot use", a.db.display())
    })?;
    let say = config::Messages::from_flags(&a.general);
    let ing = config::read_inputs(
        &config::inputs(&a.inputs),
        &a.input,
        say,
        std::slice::from_ref(&a.out),
    )?;
    if ing.docs.is_empty() {
        bail!("no documents were read from the input");
    }
    let parameters = vec![
        ("db".to_string(), parallax::ingest::path_text(&a.db)),
        ("threshold".to_string(), a.threshold.to_string()),
        ("containment".to_string(), a.containment.to_string()),
        ("min_words".to_string(), align.min_words.to_string()),
        ("max_gap".to_string(), align.max_gap.to_string()),
    ];
    out_opts.run = Some(config::run_info("index query", &parameters, &a.inputs, &ing.files));
    let problems = ing.problems;
    let corpus = Corpus::new(ing.docs);
    let q = QueryOptions {
        threshold: a.threshold,
        containment: a.containment,
        align,
        min_passage_score: a.align.min_passage_score,
        min_copied_run: a.align.min_copied_run,
    };
    let (mut results, qs) = pipeline::archive_query(&archive, &sk, &corpus, &q)?;
    results.summary.problems = crate::cli::summary::report_problems(&problems);
    if a.general.timings {
        print_latencies(&qs);
    }
    let files = report::write_all(&a.out, &results, &out_opts).context("writing the results")?;
    if !a.general.quiet {
        println!(
            "{} new documents checked: {} pairs, {} passages; files in {}: {}",
            corpus.len(),
            results.pairs.len(),
            results.passages.len(),
            term::sanitize(&a.out.display().to_string()),
            files
                .iter()
                .filter_map(|f| f.file_name())
                .map(|f| f.to_string_lossy())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints the archive's size and parameters.
pub fn stats(a: &IndexStatsArgs) -> anyhow::Result<ExitCode> {
    let (archive, _) = Archive::open_for_reading(&a.db)?;
    let s = archive.stats()?;
    let p = &s.params;
    println!("archive        {}", term::sanitize(&a.db.display().to_string()));
    println!("documents      {}", s.documents);
    println!("text           {} bytes", s.text_bytes);
    println!(
        "on disk        {} bytes ({} per document)",
        s.bytes_on_disk,
        s.bytes_on_disk.checked_div(s.documents).unwrap_or(0)
    );
    println!("schema         v{}", s.schema_version);
    println!("shingle        {}", p.shingle);
    println!("num_perm       {}", p.num_perm);
    println!("seed           {}", p.seed);
    println!("lsh            {} bands × {} rows", p.bands, p.rows);
    println!("normalizer     {}", p.normalizer);
    Ok(ExitCode::SUCCESS)
}

/// True when two sources name the same file (`./a/x.txt` and `a/x.txt`).
fn same_source(a: &str, b: &str) -> bool {
    a.trim_start_matches("./") == b.trim_start_matches("./")
}

/// True for a record's source, `path:line`.
fn is_record_source(s: &str) -> bool {
    s.rsplit_once(':').is_some_and(|(_, n)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// `--timings` for `index query`: per-article latency percentiles on
/// stderr (nearest-rank), so a benchmark can read them from one process.
fn print_latencies(qs: &QueryStats) {
    let mut ms: Vec<f64> = qs.latencies.iter().map(|d| d.as_secs_f64() * 1e3).collect();
    ms.sort_by(f64::total_cmp);
    let pct = |p: f64| -> f64 {
        let rank = ((p / 100.0) * ms.len() as f64).ceil() as usize;
        ms.get(rank.clamp(1, ms.len().max(1)) - 1).copied().unwrap_or(0.0)
    };
    eprintln!(
        "latency per article (ms, n={}): p50 {:.2}  p95 {:.2}  p99 {:.2}  max {:.2}",
        ms.len(),
        pct(50.0),
        pct(95.0),
        pct(99.0),
        pct(100.0)
    );
    eprintln!(
        "archive candidates {}; new-vs-new pairs {} in {:.3}s",
        qs.candidates,
        qs.new_pairs,
        qs.new_vs_new.as_secs_f64()
    );
}
