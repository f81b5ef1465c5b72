//! `parallax index add|query|stats`: the persistent SQLite archive.

use std::process::ExitCode;

use anyhow::{bail, Context};
use parallax::doc::Corpus;
use parallax::index::Archive;
use parallax::ingest;
use parallax::pipeline::{self, QueryOptions, Sketcher};
use parallax::report::{self, TableKind};

use crate::cli::args::{IndexArgs, IndexQueryArgs, IndexStatsArgs};
use crate::cli::{config, term};

/// Documents per transaction: a crash loses at most the batch under way,
/// and a query running beside an add sees whole batches only.
const BATCH: usize = 500;

/// Adds articles to the archive, creating it with these options if needed.
pub fn add(a: &IndexArgs) -> anyhow::Result<ExitCode> {
    let lsh = config::check_dups(&a.dups)?;
    let shingle = config::shingle_config(a.dups.shingle.as_deref(), a.dups.seed)?;
    let sk = Sketcher::new(shingle, a.dups.num_perm, a.dups.seed, lsh)?;
    let mut archive = Archive::create_or_open(&a.db, &sk.archive_params())?;
    let ing = ingest::ingest(&config::inputs(&a.inputs), &config::ingest_options(&a.input)?)?;
    if !a.general.quiet {
        for p in &ing.problems {
            eprintln!("{}", term::warning_line(&format!("{p} (skipped)")));
        }
    }
    let docs = Corpus::new(ing.docs).into_docs();
    let (mut added, mut replaced, mut unchanged) = (0, 0, 0);
    let mut docs = docs.into_iter().peekable();
    while docs.peek().is_some() {
        let batch: Vec<_> = docs.by_ref().take(BATCH).collect();
        let records = pipeline::archive_records(&sk, batch);
        let s = archive.add_batch(&records)?;
        added += s.added;
        replaced += s.replaced;
        unchanged += s.unchanged;
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
    let out_opts =
        config::output_options(&a.output, false, &[TableKind::Pairs, TableKind::Passages])?;
    config::check_out_dir(&a.out)?;
    let align = config::align_options(&a.align)?;
    let (archive, params) = Archive::open_existing(&a.db)?;
    let sk = Sketcher::from_archive(&params).with_context(|| {
        format!("archive {} has parameters this version cannot use", a.db.display())
    })?;
    let ing = ingest::ingest(&config::inputs(&a.inputs), &config::ingest_options(&a.input)?)?;
    if !a.general.quiet {
        for p in &ing.problems {
            eprintln!("{}", term::warning_line(&format!("{p} (skipped)")));
        }
    }
    if ing.docs.is_empty() {
        bail!("no documents were read from the input");
    }
    let corpus = Corpus::new(ing.docs);
    let q = QueryOptions { threshold: a.threshold, containment: a.containment, align };
    let results = pipeline::archive_query(&archive, &sk, &corpus, &q)?;
    let files = report::write_all(&a.out, &results, &out_opts)
        .with_context(|| format!("writing the results to {}", a.out.display()))?;
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
    let (archive, _) = Archive::open_existing(&a.db)?;
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
