//! `parallax eval pan|stance|related`: measure parallax against gold standards.

use std::process::ExitCode;

use anyhow::{bail, Context};
use parallax::eval::pan::{self, PanOptions, Split};
use parallax::eval::stance::{self, StanceEvalOptions};
use parallax::normalize::Normalizer;
use parallax::score::Scorer;

use crate::cli::args::{EvalPanArgs, EvalRelatedArgs, EvalStanceArgs};
use crate::cli::config;

/// PAN text-alignment measures on a PAN-format corpus.
pub fn pan(a: &EvalPanArgs) -> anyhow::Result<ExitCode> {
    let split = match a.split.as_str() {
        "all" => Split::All,
        "dev" => Split::Dev,
        "holdout" => Split::Holdout,
        other => {
            bail!("--split {other:?}: use all, dev (odd-numbered documents) or holdout (even)")
        }
    };
    let opts =
        PanOptions { align: config::align_options(&a.align)?, split, ..PanOptions::default() };
    let report = pan::evaluate_pan(&a.corpus, &opts)
        .with_context(|| format!("evaluating on {}", a.corpus.display()))?;
    if a.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{report}");
    }
    Ok(ExitCode::SUCCESS)
}

/// The stance/polarity scorer against human codes.
pub fn stance(a: &EvalStanceArgs) -> anyhow::Result<ExitCode> {
    let lex = config::lexicon(&a.score)?;
    let normalizer = Normalizer::default();
    let scorer = Scorer::new(&lex, &normalizer)?;
    let opts = StanceEvalOptions {
        text_col: a.text_col.clone(),
        target_col: a.target_col.clone(),
        label_col: a.label_col.clone(),
        ..StanceEvalOptions::default()
    };
    let report = stance::evaluate_stance(&a.gold, &scorer, &normalizer, &opts)
        .with_context(|| format!("evaluating against {}", a.gold.display()))?;
    if let Some(path) = &a.rows {
        write_rows(&report, path, !a.no_bom)
            .with_context(|| format!("--rows {}", path.display()))?;
    }
    if a.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{report}");
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes the per-row outcomes to `path` whole or not at all: a temporary
/// file beside it, renamed over it once complete.
fn write_rows(
    report: &stance::StanceReport,
    path: &std::path::Path,
    bom: bool,
) -> anyhow::Result<()> {
    use std::io::Write;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => std::path::Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("cannot create a file in {}", dir.display()))?;
    {
        let mut w = std::io::BufWriter::new(tmp.as_file_mut());
        stance::write_rows(report, &mut w, bom)?;
        w.flush()?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Relatedness against "same story" ratings.
pub fn related(a: &EvalRelatedArgs) -> anyhow::Result<ExitCode> {
    use parallax::eval::related::{self as rel, Split};
    let split = match a.split.as_str() {
        "all" => Split::All,
        "dev" => Split::Dev,
        "holdout" => Split::Holdout,
        other => bail!("--split {other:?}: use all, dev or holdout"),
    };
    let align = config::align_options(&a.align)?;
    let report = rel::evaluate_related(&a.data, &Normalizer::default(), &align, split)
        .with_context(|| format!("evaluating on {}", a.data.display()))?;
    if let Some(p) = &a.pairs {
        std::fs::write(p, report.scores_csv())
            .with_context(|| format!("writing --pairs {}", p.display()))?;
    }
    if a.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{report}");
    }
    Ok(ExitCode::SUCCESS)
}
