//! Validated configuration: raw flags become library options here, and
//! every error about the user's input (a bad threshold, `word:0`, a broken
//! lexicon) is raised before any work starts.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use parallax::align::AlignOptions;
use parallax::candidates::LshParams;
use parallax::config::Config;
use parallax::error::{Naming, Params, Step};
use parallax::ingest::{self, IngestOptions, Input};
use parallax::pipeline::{Options, Stages};
use parallax::score::{Distance, Lexicon};
use parallax::shingle::{ShingleConfig, ShingleKind};

use super::args::{
    AlignArgs, DateFormatArg, DistanceArg, DupArgs, GeneralArgs, InputArgs, OutputArgs, RunArgs,
    ScoreArgs, StdinFormatArg,
};
use parallax::report::{Formats, OutputOptions, TableKind};

/// Inputs as the library understands them: no INPUT means the seeds.
pub fn inputs(paths: &[PathBuf]) -> Vec<Input> {
    if paths.is_empty() {
        return vec![Input::Seeds];
    }
    paths
        .iter()
        .map(|p| if p.as_os_str() == "-" { Input::Stdin } else { Input::Path(p.clone()) })
        .collect()
}

/// How much [`read_inputs`] says on stderr.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Messages {
    /// Skipped inputs and warnings (`--no-messages` clears it; `--quiet`
    /// does not: a run must never lose documents silently).
    pub problems: bool,
    /// The count of files passed over for their extension (a note, hidden
    /// by `--quiet`).
    pub notes: bool,
}

impl Messages {
    /// From `--quiet` and `--no-messages`.
    pub fn from_flags(g: &GeneralArgs) -> Messages {
        Messages { problems: !g.no_messages, notes: !g.quiet && !g.no_messages }
    }
}

/// Reads the inputs and reports on stderr every file or record skipped as
/// bad (one line each, then a count), every warning, and how many files were
/// passed over for their extension. The one place the commands read
/// articles. `exclude` are folders not to read (the output folder).
pub fn read_inputs(
    inputs: &[Input],
    a: &InputArgs,
    say: Messages,
    exclude: &[PathBuf],
) -> anyhow::Result<ingest::Ingested> {
    let mut opts = ingest_options(a)?;
    opts.exclude = exclude.to_vec();
    let ing = ingest::ingest(inputs, &opts)?;
    if say.problems {
        for w in &ing.warnings {
            eprintln!("{}", super::term::warning_line(&w.render(&Flags)));
        }
        for p in &ing.problems {
            eprintln!("{}", super::term::warning_line(&format!("{} (skipped)", p.render(&Flags))));
        }
        if !ing.problems.is_empty() {
            eprintln!(
                "{}",
                super::term::warning_line(&format!(
                    "{} input(s) skipped; each is listed above{}",
                    ing.problems.len(),
                    if exclude.is_empty() { "" } else { " and in skipped.csv" }
                ))
            );
        }
    }
    if say.notes && !ing.skipped.is_empty() {
        eprintln!(
            "{}",
            super::term::warning_line(&format!(
                "{} files passed over for their extension (read: .txt .md .html .htm .jsonl .csv), e.g. {}",
                ing.skipped.len(),
                ing.skipped[0]
            ))
        );
    }
    Ok(ing)
}

/// Ingest options from the flags.
pub fn ingest_options(a: &InputArgs) -> anyhow::Result<IngestOptions> {
    let mut o = IngestOptions::default();
    if let Some(label) = &a.encoding {
        o.encoding = Some(ingest::encoding_by_label(label).with_context(|| {
            format!("unknown --encoding {label:?}; try utf-8, utf-16le, utf-16be or windows-1256")
        })?);
    }
    o.text_col = a.text_col.clone();
    o.id_col = a.id_col.clone();
    o.title_col = a.title_col.clone();
    o.date_col = a.date_col.clone();
    o.outlet_col = a.outlet_col.clone();
    o.strict = a.strict;
    o.date_order = a.date_format.map(|f| match f {
        DateFormatArg::Dmy => ingest::DateOrder::Dmy,
        DateFormatArg::Mdy => ingest::DateOrder::Mdy,
        DateFormatArg::Ymd => ingest::DateOrder::Ymd,
    });
    o.stdin_format = a.stdin_format.map(|f| match f {
        StdinFormatArg::Jsonl => ingest::StdinFormat::Jsonl,
        StdinFormatArg::Csv => ingest::StdinFormat::Csv,
        StdinFormatArg::Text => ingest::StdinFormat::Text,
    });
    if let Some(size) = &a.max_file_size {
        let bytes = parse_size(size).with_context(|| {
            format!("--max-file-size {size:?}: expected bytes or a size like 512M or 20G")
        })?;
        o.max_file_bytes = bytes;
        o.max_records_file_bytes = bytes;
    }
    Ok(o)
}

/// `1234`, `512K`, `512M`, `20G` (binary units, `B`/`iB` suffixes allowed,
/// any case) → bytes.
fn parse_size(s: &str) -> Option<u64> {
    let t = s.trim().to_ascii_uppercase();
    let t = t.strip_suffix("IB").or_else(|| t.strip_suffix('B')).unwrap_or(&t);
    let (digits, shift) = match t.chars().last()? {
        'K' => (&t[..t.len() - 1], 10),
        'M' => (&t[..t.len() - 1], 20),
        'G' => (&t[..t.len() - 1], 30),
        'T' => (&t[..t.len() - 1], 40),
        _ => (t, 0),
    };
    let n: u64 = digits.trim().parse().ok()?;
    n.checked_mul(1u64 << shift).filter(|&b| b > 0)
}

/// Shingling from `--shingle` and `--seed`.
pub fn shingle_config(spec: &str, seed: u64) -> anyhow::Result<ShingleConfig> {
    let kind =
        spec.parse::<ShingleKind>().map_err(|e| anyhow::anyhow!("--shingle {spec:?}: {e}"))?;
    Ok(ShingleConfig { kind, seed })
}

/// How the command line names what library messages name: each parameter
/// as the flag the user types (`num_perm` → `--num-perm`, advice `pass
/// --text-col NAME`), each step as the command that takes it. Every library
/// error and skipped input the CLI prints or writes goes through it
/// ([`super::term::error_chain`], [`read_inputs`], the reports' skipped
/// list), so the library itself never says a flag.
pub struct Flags;

impl Naming for Flags {
    fn param(&self, name: &'static str) -> String {
        match name {
            // The library's `DateOrder` is what `--date-format` picks.
            "date_order" => "--date-format".into(),
            _ => format!("--{}", name.replace('_', "-")),
        }
    }

    fn value(&self, name: &'static str, value: &str) -> String {
        format!("{} {value}", self.param(name))
    }

    fn verb(&self) -> &'static str {
        "pass"
    }

    fn step(&self, step: Step) -> String {
        match step {
            Step::AddToArchive => " with `parallax index add --db FILE INPUT...`".into(),
            Step::UpgradeArchive => " (`parallax index stats --db FILE`)".into(),
            Step::ArchiveSettings => " (`parallax index stats --db FILE` lists them)".into(),
            other => Params.step(other),
        }
    }
}

/// The near-duplicate flags as library settings (the rest at defaults).
fn dup_config(d: &DupArgs) -> Config {
    Config {
        num_perm: d.num_perm,
        seed: d.seed,
        threshold: d.threshold,
        containment: d.containment,
        matrix_limit: d.matrix_limit,
        matrices: d.matrices,
        ..Config::default()
    }
}

/// The passage flags as library settings (the rest at defaults).
fn align_config(a: &AlignArgs) -> Config {
    let align = AlignOptions { min_words: a.min_words, max_gap: a.max_gap, ..Default::default() };
    Config {
        align,
        boilerplate_docs: a.boilerplate_docs,
        min_passage_score: a.min_passage_score,
        min_copied_run: a.min_copied_run,
        ..Config::default()
    }
}

/// Near-duplicate options, checked.
pub fn check_dups(d: &DupArgs) -> anyhow::Result<LshParams> {
    Ok(dup_config(d).check_dups()?)
}

/// Alignment options from the flags.
pub fn align_options(a: &AlignArgs) -> anyhow::Result<AlignOptions> {
    let cfg = align_config(a);
    cfg.check_align()?;
    Ok(cfg.align)
}

/// The lexicon: the default one extended by (or replaced with) `--lexicon`.
pub fn lexicon(s: &ScoreArgs) -> anyhow::Result<Lexicon> {
    if s.no_default_lexicon && s.lexicons.is_empty() {
        bail!("--no-default-lexicon needs at least one --lexicon FILE");
    }
    let mut lex = if s.no_default_lexicon { Lexicon::new() } else { Lexicon::default_lexicon() };
    for path in &s.lexicons {
        let more =
            Lexicon::load(path).with_context(|| format!("reading lexicon {}", path.display()))?;
        lex.extend(more);
    }
    for path in &s.targets {
        let more = parallax::score::load_targets(path)
            .with_context(|| format!("reading --targets {}", path.display()))?;
        lex.extend(more);
    }
    Ok(lex)
}

/// The distance metric.
pub fn distance(d: DistanceArg) -> Distance {
    match d {
        DistanceArg::Js => Distance::JensenShannon,
        DistanceArg::Cosine => Distance::Cosine,
        DistanceArg::Hellinger => Distance::Hellinger,
    }
}

/// Output options from `--format` and `--no-bom`, for these tables.
pub fn output_options(
    o: &OutputArgs,
    matrices: bool,
    tables: &[TableKind],
) -> anyhow::Result<OutputOptions> {
    // The library's message already names the option.
    let formats = Formats::parse(&o.format).map_err(anyhow::Error::from)?;
    Ok(OutputOptions {
        bom: !o.no_bom,
        formats,
        matrices,
        tables: tables.to_vec(),
        show_timings: false,
        force: o.force,
        run: None,
    })
}

/// Pipeline options for `run`/`dups`/`score`.
pub fn pipeline_options(a: &RunArgs, stages: Stages) -> anyhow::Result<Options> {
    let align = align_config(&a.align);
    let cfg = Config {
        shingle: shingle_config(&a.dups.shingle, a.dups.seed)?.kind,
        align: align.align,
        boilerplate_docs: align.boilerplate_docs,
        min_passage_score: align.min_passage_score,
        min_copied_run: align.min_copied_run,
        distance: distance(a.score.distance),
        ..dup_config(&a.dups)
    };
    Ok(cfg.pipeline_options(stages)?)
}

/// Refuses an output folder that is an existing file or holds files
/// parallax did not write (unless `--force`), before any work.
pub fn check_out_dir(dir: &Path, force: bool) -> anyhow::Result<()> {
    parallax::report::check_out_dir(dir, force).map_err(anyhow::Error::from)
}

/// What made an output set, for its `manifest.json` (the library's rule,
/// shared with the Python package).
pub fn run_info(
    command: &str,
    parameters: &[(String, String)],
    inputs: &[PathBuf],
    files: &[ingest::FileHash],
) -> parallax::report::RunInfo {
    parallax::pipeline::run_info(command, parameters, inputs, files)
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes_people_type() {
        assert_eq!(parse_size("1234"), Some(1234));
        assert_eq!(parse_size("512M"), Some(512 << 20));
        assert_eq!(parse_size("20g"), Some(20 << 30));
        assert_eq!(parse_size("2GiB"), Some(2 << 30));
        assert_eq!(parse_size("64kb"), Some(64 << 10));
        for bad in ["", "M", "0", "-1G", "1.5G", "lots", "99999999999T"] {
            assert_eq!(parse_size(bad), None, "{bad}");
        }
    }
}
