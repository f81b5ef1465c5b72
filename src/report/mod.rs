//! Output writers: spreadsheet-safe CSV, an XLSX workbook, a self-contained
//! HTML report, a JSON dump and Parquet files for programs.
//!
//! Input: a [`Results`] (plain data the pipeline fills; this module depends
//! on no other stage) and [`OutputOptions`]. Output: the files listed in
//! README.md's "Outputs" in one directory, via [`write_all`].
//!
//! Invariants:
//! - the same `Results` and options give byte-identical files (fixed
//!   decimals, no locale, no clock, no hash-map order; the XLSX creation
//!   date is fixed);
//! - all or nothing: every file is staged in a hidden directory inside DIR
//!   and renamed into place only once every file was written (see
//!   `atomic.rs`). Files of a previous run are overwritten only at that
//!   last step, and files of a previous run that this run does not write
//!   (another format, a skipped matrix) are removed with it: the folder
//!   holds one run's set, listed with hashes in `manifest.json` (written
//!   last). A folder holding files parallax did not write is refused
//!   unless `OutputOptions::force`;
//! - every skipped input is listed in `skipped.csv` (path, line, reason),
//!   whatever the formats;
//! - outside text never runs: CSV text cells that start like a formula are
//!   prefixed with `'`, XLSX text is written as strings, HTML escapes
//!   `& < > " '` everywhere.

mod atomic;
pub mod columns;
mod csv;
mod html;
pub mod manifest;
pub mod model;
mod outlets;
#[cfg(feature = "parquet")]
mod parquet;
pub mod rows;
mod table;
mod xlsx;

use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use self::csv::{guard, BOM};
pub use self::manifest::{InputFile, RunInfo};
pub use self::model::*;
pub use self::table::TableKind;

use crate::error::{Error, Message, Result};

/// Which formats to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Formats {
    /// One CSV per table.
    pub csv: bool,
    /// `parallax.xlsx`.
    pub xlsx: bool,
    /// `report.html`.
    pub html: bool,
    /// `results.json` (everything, including document texts).
    pub json: bool,
    /// One `.parquet` file per long table (the `parquet` feature).
    pub parquet: bool,
}

impl Default for Formats {
    /// CSV, XLSX and HTML (the default set); JSON on request.
    fn default() -> Formats {
        Formats { csv: true, xlsx: true, html: true, json: false, parquet: false }
    }
}

impl Formats {
    /// Whether these outputs need each document's text kept in the results:
    /// the report shows it and the JSON promises it.
    pub fn need_text(&self) -> bool {
        self.html || self.json
    }

    /// No format at all.
    const NONE: Formats =
        Formats { csv: false, xlsx: false, html: false, json: false, parquet: false };

    /// Parses `--format csv,xlsx,html,json,parquet` (any subset, any order).
    pub fn parse(list: &str) -> Result<Formats> {
        let mut f = Formats::NONE;
        for item in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            match item.to_ascii_lowercase().as_str() {
                "csv" => f.csv = true,
                "xlsx" => f.xlsx = true,
                "html" => f.html = true,
                "json" => f.json = true,
                "parquet" if cfg!(feature = "parquet") => f.parquet = true,
                "parquet" => {
                    return Err(format_error(
                        "parquet output was left out of this build (the `parquet` feature); \
                         rebuild with it or pick another format"
                            .into(),
                    ))
                }
                other => {
                    return Err(format_error(format!(
                        "unknown format {other:?} (expected csv, xlsx, html, json, parquet)"
                    )))
                }
            }
        }
        if f == Formats::NONE {
            return Err(format_error(
                "no format given (expected csv, xlsx, html, json, parquet)".into(),
            ));
        }
        Ok(f)
    }
}

/// `format: ...`, the parameter first as a flag would be (`--format: ...`).
fn format_error(what: String) -> Error {
    Error::config(Message::default().param("format").text(": ").text(what))
}

/// How to write the outputs.
#[derive(Clone, Debug, PartialEq)]
pub struct OutputOptions {
    /// Start every CSV with a UTF-8 BOM (default true; `--no-bom` clears).
    pub bom: bool,
    /// Which formats to write.
    pub formats: Formats,
    /// Write the N×N matrices (CSV files, sheets, HTML heat maps). The
    /// pipeline clears this above the matrix-size limit unless
    /// `--matrices`; absent matrices in `Results` are skipped anyway.
    pub matrices: bool,
    /// Which tables to write, e.g. [`TableKind::DUPS`] for `parallax dups`.
    /// The HTML report shows only the sections whose tables are listed.
    pub tables: Vec<TableKind>,
    /// Show `RunSummary::timings` in the HTML report. Off by default,
    /// because timings make two runs' reports differ.
    pub show_timings: bool,
    /// Write into a folder that holds files parallax did not write.
    pub force: bool,
    /// What made this output set, for `manifest.json`; `None` writes no
    /// manifest (then the next run cannot tell which files were this set's
    /// beyond their names).
    pub run: Option<RunInfo>,
}

impl Default for OutputOptions {
    fn default() -> OutputOptions {
        OutputOptions {
            bom: true,
            formats: Formats::default(),
            matrices: true,
            tables: TableKind::ALL.to_vec(),
            show_timings: false,
            force: false,
            run: None,
        }
    }
}

impl OutputOptions {
    /// True when `kind` is to be written.
    pub(crate) fn wants(&self, kind: TableKind) -> bool {
        self.tables.contains(&kind) && (self.matrices || !kind.is_matrix())
    }
}

/// The XLSX workbook's file name.
pub const XLSX_FILE: &str = "parallax.xlsx";
/// The HTML report's file name.
pub const HTML_FILE: &str = "report.html";
/// The JSON dump's file name.
pub const JSON_FILE: &str = "results.json";
/// The list of skipped inputs.
pub const SKIPPED_FILE: &str = "skipped.csv";

/// True for the name of a file parallax writes into an output folder.
pub fn is_output_name(name: &str) -> bool {
    [XLSX_FILE, HTML_FILE, JSON_FILE, SKIPPED_FILE, manifest::FILE_NAME].contains(&name)
        || TableKind::ALL
            .iter()
            .any(|k| k.file_name() == name || name.strip_suffix(".parquet") == Some(k.name()))
}

/// Refuses an output folder that is a file, or that holds files parallax
/// did not write (unless `force`); see [`write_all`]. For callers that want
/// to fail before any work.
pub fn check_out_dir(dir: &Path, force: bool) -> Result<()> {
    if dir.exists() && !dir.is_dir() {
        return Err(Error::config(format!(
            "output {} exists and is not a folder; pick another output folder",
            dir.display()
        )));
    }
    atomic::check_folder(dir, force, &is_output_name)
}

/// Writes every requested output of `results` into `dir` (created if
/// needed), all or nothing; returns the files written, in writing order
/// (CSVs in table order, then XLSX, HTML, JSON, Parquet files in table
/// order).
pub fn write_all(dir: &Path, results: &Results, opts: &OutputOptions) -> Result<Vec<PathBuf>> {
    check_out_dir(dir, opts.force)?;
    let mut staging = atomic::Staging::new(dir)?;
    // Tables in the contract's order whatever order the caller listed.
    let kinds: Vec<TableKind> = TableKind::ALL.into_iter().filter(|k| opts.wants(*k)).collect();
    let mut jobs: Vec<Job> = Vec::new();
    if opts.formats.csv {
        jobs.extend(kinds.iter().map(|&k| Job::Csv(k)));
    }
    if opts.formats.xlsx {
        jobs.push(Job::Xlsx);
    }
    if opts.formats.html {
        jobs.push(Job::Html);
    }
    if opts.formats.json {
        jobs.push(Job::Json);
    }
    if opts.formats.parquet {
        #[cfg(feature = "parquet")]
        jobs.extend(kinds.iter().filter(|k| !k.is_matrix()).map(|&k| Job::Parquet(k)));
        #[cfg(not(feature = "parquet"))]
        return Err(Error::config(
            "Parquet output was left out of this build (the `parquet` feature)",
        ));
    }
    jobs.push(Job::Skipped);
    // Each file is rendered and written by its own task (on a large corpus
    // the passage and evidence tables take seconds each); the set is then
    // registered in the fixed order above, so the result does not depend
    // on which task finished first.
    let written: Vec<Result<Option<String>>> = jobs
        .par_iter()
        .map(|job| {
            let name = match *job {
                Job::Csv(kind) => {
                    let Some(table) = table::build(kind, results) else { return Ok(None) };
                    let name = kind.file_name();
                    staging.stage(&name, |w| self::csv::write_table(&table, w, opts.bom))?;
                    name
                }
                Job::Xlsx => {
                    staging.stage(XLSX_FILE, |w| xlsx::write(results, &kinds, w).map(drop))?;
                    XLSX_FILE.to_string()
                }
                Job::Html => {
                    staging.stage(HTML_FILE, |w| html::render_to(results, opts, w))?;
                    HTML_FILE.to_string()
                }
                Job::Json => {
                    staging.stage(JSON_FILE, |w| {
                        serde_json::to_writer_pretty(&mut *w, results)
                            .map_err(std::io::Error::other)?;
                        w.write_all(b"\n")
                    })?;
                    JSON_FILE.to_string()
                }
                #[cfg(feature = "parquet")]
                Job::Parquet(kind) => {
                    let Some(table) = table::build(kind, results) else { return Ok(None) };
                    // `related` is a matrix under the matrix limit: no
                    // Parquet file then (the pairs and the CSV have it).
                    if table.header_is_ids {
                        return Ok(None);
                    }
                    let name = self::parquet::file_name(kind.name());
                    staging.stage(&name, |w| self::parquet::write_table(&table, w))?;
                    name
                }
                Job::Skipped => {
                    let problems = &results.summary.problems;
                    staging
                        .stage(SKIPPED_FILE, |w| self::csv::write_skipped(problems, w, opts.bom))?;
                    SKIPPED_FILE.to_string()
                }
            };
            Ok(Some(name))
        })
        .collect();
    for name in written {
        if let Some(name) = name? {
            staging.add(&name);
        }
    }
    staging.commit_set(opts.run.as_ref(), &is_output_name)
}

/// One output file of [`write_all`].
#[derive(Clone, Copy)]
enum Job {
    Csv(TableKind),
    Xlsx,
    Html,
    Json,
    #[cfg(feature = "parquet")]
    Parquet(TableKind),
    Skipped,
}

/// Writes one table of `results` as CSV to `w` (no atomic file handling:
/// for stdout, as `parallax passages --csv` does). Nothing is written when
/// the table is absent (a matrix that was not computed).
pub fn write_csv<W: std::io::Write>(
    kind: TableKind,
    results: &Results,
    w: W,
    bom: bool,
) -> std::io::Result<()> {
    match table::build(kind, results) {
        Some(t) => self::csv::write_table(&t, w, bom),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests;
