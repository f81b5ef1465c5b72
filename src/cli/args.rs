//! Raw command-line flags (clap derive), as close to what the user typed as
//! possible. [`super::config`] turns them into a validated configuration
//! before any work starts.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const EXAMPLES: &str = "\
Examples:
  parallax                          analyse the bundled example articles into parallax-out/
  parallax run articles/ -o out     the whole analysis of a folder (recursive)
  parallax dups feed.jsonl          near-duplicate pairs, matrices and clusters only
  parallax passages a.txt b.txt     the passages two articles share, as a table
  parallax score articles/ --lexicon mine.tsv
  parallax index add --db archive.sqlite yesterday/
  parallax index query --db archive.sqlite today/ -o today-out
  parallax normalize article.txt    the normalised tokens and their offsets
";

/// Find republished news articles, the passages they share, and how each
/// outlet frames events and actors (Arabic, French, English).
#[derive(Debug, Parser)]
#[command(
    name = "parallax",
    version,
    about,
    after_help = EXAMPLES,
    args_conflicts_with_subcommands = true,
    max_term_width = 100
)]
pub struct Cli {
    /// What to do; without a command, `run` (on the bundled seeds when no
    /// INPUT is given).
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub run: RunArgs,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// The whole analysis: duplicates, passages, framing and stance, reports.
    Run(RunArgs),
    /// Near-duplicate pairs, similarity matrices and clusters only.
    Dups(RunArgs),
    /// Framing and stance only.
    Score(RunArgs),
    /// The passages two documents share, as a table on stdout.
    Passages(PassagesArgs),
    /// A persistent archive: add articles, check new ones against it.
    #[command(subcommand)]
    Index(IndexCommand),
    /// Evaluate parallax against gold standards.
    #[command(subcommand)]
    Eval(EvalCommand),
    /// Validate a lexicon; with a corpus, its coverage and top hits.
    #[command(subcommand)]
    Lexicon(LexiconCommand),
    /// Show the normalised tokens of a text and their offsets.
    Normalize(NormalizeArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(CompletionsArgs),
    /// Print the manual page (roff) on stdout.
    Man,
}

/// Arguments of `completions`.
#[derive(Debug, Clone, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Arguments of `run`, `dups` and `score`.
#[derive(Debug, Clone, Args)]
pub struct RunArgs {
    /// Files or folders (recursive) of articles, or `-` for stdin. Without
    /// INPUT, the bundled example articles.
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,

    /// Output folder.
    #[arg(short = 'o', long = "out", value_name = "DIR", default_value = "parallax-out")]
    pub out: PathBuf,

    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub dups: DupArgs,

    #[command(flatten)]
    pub align: AlignArgs,

    #[command(flatten)]
    pub score: ScoreArgs,

    #[command(flatten)]
    pub output: OutputArgs,

    #[command(flatten)]
    pub general: GeneralArgs,
}

/// How inputs are read.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Input")]
pub struct InputArgs {
    /// Force the encoding of text files (e.g. windows-1256, utf-16le);
    /// default: detected per file.
    #[arg(long, value_name = "LABEL")]
    pub encoding: Option<String>,
    /// CSV column holding the article text.
    #[arg(long, value_name = "NAME", default_value = "text")]
    pub text_col: String,
    /// CSV column holding the document id.
    #[arg(long, value_name = "NAME", default_value = "id")]
    pub id_col: String,
    /// CSV column holding the title.
    #[arg(long, value_name = "NAME", default_value = "title")]
    pub title_col: String,
    /// CSV column holding the date.
    #[arg(long, value_name = "NAME", default_value = "date")]
    pub date_col: String,
    /// CSV column holding the outlet.
    #[arg(long, value_name = "NAME", default_value = "outlet")]
    pub outlet_col: String,
    /// Stop at the first bad file or record, before writing anything
    /// (default: report it and skip it).
    #[arg(long)]
    pub strict: bool,
    /// Refuse input files larger than this (bytes, or with K, M, G: 512M,
    /// 20G). Default: 256M for a text, Markdown or HTML file, 16G for a
    /// JSONL or CSV file of records.
    #[arg(long, value_name = "SIZE")]
    pub max_file_size: Option<String>,
    /// What standard input (`-`) holds. Default: detected (JSONL when
    /// every line is a JSON object, CSV when the first line is a header
    /// naming the text column, else one text document).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub stdin_format: Option<StdinFormatArg>,
    /// How numeric dates like 04/03/2018 are read: dmy (day first), mdy or
    /// ymd. Default: only dates with one possible reading (13/03/2018);
    /// ISO 8601 and RFC 2822 dates are always read.
    #[arg(long, value_enum, value_name = "ORDER")]
    pub date_format: Option<DateFormatArg>,
}

/// `--date-format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DateFormatArg {
    /// Day, month, year.
    Dmy,
    /// Month, day, year.
    Mdy,
    /// Year, month, day.
    Ymd,
}

/// `--stdin-format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StdinFormatArg {
    /// One JSON object per line.
    Jsonl,
    /// A header row, then one record per row.
    Csv,
    /// The whole input is one document.
    Text,
}

/// Near-duplicate detection.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Near-duplicates")]
pub struct DupArgs {
    /// Jaccard similarity of shingle sets at or above which two documents
    /// are near-duplicates.
    #[arg(long, value_name = "J", default_value_t = 0.5)]
    pub threshold: f64,
    /// Containment (share of one document's shingles found in the other) at
    /// or above which the smaller document is an excerpt of the larger.
    #[arg(long, value_name = "C", default_value_t = 0.8)]
    pub containment: f64,
    /// Shingles: word:K (word K-grams), char:K (character K-grams) or spot
    /// (stopword-anchored signatures).
    #[arg(long, value_name = "SPEC", default_value_t = parallax::shingle::DEFAULT_KIND.to_string())]
    pub shingle: String,
    /// MinHash permutations (sketch size).
    #[arg(long, value_name = "N", default_value_t = 128)]
    pub num_perm: usize,
    /// Seed for shingle hashing and MinHash (same seed, same output).
    #[arg(long, value_name = "N", default_value_t = 0x5eed)]
    pub seed: u64,
    /// Write the N×N matrices even above --matrix-limit documents.
    #[arg(long)]
    pub matrices: bool,
    /// Above this many documents, N×N matrices are written only with
    /// --matrices, and pairs come from LSH candidates only (at or below it,
    /// every pair's MinHash estimate is checked).
    #[arg(long, value_name = "N", default_value_t = 2000)]
    pub matrix_limit: usize,
}

/// Passage alignment.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Passages")]
pub struct AlignArgs {
    /// Shortest shared passage, in words.
    #[arg(long, value_name = "N", default_value_t = parallax::align::AlignOptions::default().min_words)]
    pub min_words: usize,
    /// Most unmatched words bridged inside a passage.
    #[arg(long, value_name = "N", default_value_t = parallax::align::AlignOptions::default().max_gap)]
    pub max_gap: usize,
    /// A passage whose text recurs in at least N documents while being a
    /// small part (under a third) of both documents of a pair is
    /// boilerplate (wire background, stock paragraphs); text repeated in 3
    /// documents of one outlet is too (site chrome, signatures). Passages of
    /// near-duplicates and excerpts never are.
    #[arg(long, value_name = "N", default_value_t = parallax::classify::BOILERPLATE_DOCS)]
    pub boilerplate_docs: usize,
    /// A paraphrased passage (neither verbatim nor near-verbatim) is
    /// reported from this score up; a pair linked only by weaker ones is not
    /// reported. Lower it to widen, raise it to narrow.
    #[arg(long, value_name = "S", default_value_t = parallax::classify::MIN_PASSAGE_SCORE)]
    pub min_passage_score: f64,
    /// A paraphrased passage is reported only when it keeps a run of N
    /// consecutive words of the other text (a quoted statement, a wire
    /// sentence); the same fact told twice rarely does. 0 reports every
    /// paraphrase scoring --min-passage-score (retellings such as two
    /// rewrites of one report; also listed as related).
    #[arg(long, value_name = "N", default_value_t = parallax::classify::MIN_COPIED_RUN)]
    pub min_copied_run: usize,
}

/// Framing and stance.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Framing and stance")]
pub struct ScoreArgs {
    /// A lexicon (TSV/CSV, YAML, LIWC .dic); repeatable. Extends the default
    /// lexicon unless --no-default-lexicon.
    #[arg(long = "lexicon", value_name = "FILE")]
    pub lexicons: Vec<PathBuf>,
    /// Use only the --lexicon files, not the bundled default lexicon.
    #[arg(long)]
    pub no_default_lexicon: bool,
    /// Targets to score stance toward (TSV/CSV with key, label, ar, fr, en,
    /// aliases, demonyms; or YAML); repeatable. Adds to the lexicon's
    /// targets (a key it has gets more names).
    #[arg(long = "targets", value_name = "FILE")]
    pub targets: Vec<PathBuf>,
    /// Distance between frame profiles in framing_distance.csv.
    #[arg(long, value_enum, default_value_t = DistanceArg::Js)]
    pub distance: DistanceArg,
}

/// Frame-profile distance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DistanceArg {
    /// Jensen–Shannon distance (base 2, in [0, 1]).
    Js,
    /// 1 − cosine similarity.
    Cosine,
    /// Hellinger distance.
    Hellinger,
}

/// Output files.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Output")]
pub struct OutputArgs {
    /// Output formats, comma-separated: csv, xlsx, html, json, parquet (one
    /// Parquet file per long table, for programs).
    #[arg(long, value_name = "LIST", default_value = "csv,xlsx,html")]
    pub format: String,
    /// Write CSV files without the UTF-8 byte-order mark (Excel needs it to
    /// show Arabic correctly; other tools may not want it).
    #[arg(long)]
    pub no_bom: bool,
    /// Write into an output folder that holds files parallax did not write
    /// (by default such a folder is refused: a run replaces all of
    /// parallax's files in it).
    #[arg(long)]
    pub force: bool,
}

/// Options every command understands.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "General")]
pub struct GeneralArgs {
    /// Worker threads (default: all cores). Output is identical for any value.
    #[arg(long, short = 'j', value_name = "N")]
    pub threads: Option<usize>,
    /// No summary and no progress. Skipped inputs and errors are still
    /// reported on stderr (see --no-messages).
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Do not report skipped inputs and warnings on stderr (they are still
    /// listed in skipped.csv); errors that stop the run are still shown.
    #[arg(long)]
    pub no_messages: bool,
    /// Colour in terminal output.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    /// Print the wall time of each stage on stderr (also with --quiet).
    #[arg(long)]
    pub timings: bool,
}

/// When to colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    /// When stdout is a terminal and NO_COLOR is not set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Arguments of `passages`.
#[derive(Debug, Clone, Args)]
pub struct PassagesArgs {
    /// First document (a file).
    pub a: PathBuf,
    /// Second document (a file).
    pub b: PathBuf,
    /// CSV on stdout instead of a table.
    #[arg(long)]
    pub csv: bool,
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub align: AlignArgs,
    #[command(flatten)]
    pub general: GeneralArgs,
}

/// `index` subcommands.
#[derive(Debug, Subcommand)]
pub enum IndexCommand {
    /// Add articles to the archive (created if missing).
    Add(IndexArgs),
    /// Check articles against everything in the archive; writes pairs.csv
    /// and passages.csv.
    Query(IndexQueryArgs),
    /// Archive size and parameters.
    Stats(IndexStatsArgs),
}

/// Arguments of `index add`.
#[derive(Debug, Clone, Args)]
pub struct IndexArgs {
    /// The SQLite archive file.
    #[arg(long, value_name = "FILE")]
    pub db: PathBuf,
    /// Files or folders of articles.
    #[arg(value_name = "INPUT", required = true)]
    pub inputs: Vec<PathBuf>,
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub dups: DupArgs,
    #[command(flatten)]
    pub general: GeneralArgs,
}

/// Arguments of `index query`.
#[derive(Debug, Clone, Args)]
pub struct IndexQueryArgs {
    /// The SQLite archive file.
    #[arg(long, value_name = "FILE")]
    pub db: PathBuf,
    /// Files or folders of new articles.
    #[arg(value_name = "INPUT", required = true)]
    pub inputs: Vec<PathBuf>,
    /// Output folder.
    #[arg(short = 'o', long = "out", value_name = "DIR", default_value = "parallax-out")]
    pub out: PathBuf,
    /// Jaccard similarity at which a pair is a near-duplicate (the archive's
    /// LSH bands were chosen for the threshold given at `index add`).
    #[arg(long, value_name = "J", default_value_t = 0.5)]
    pub threshold: f64,
    /// Containment at which the smaller document is an excerpt.
    #[arg(long, value_name = "C", default_value_t = 0.8)]
    pub containment: f64,
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub align: AlignArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub general: GeneralArgs,
}

/// Arguments of `index stats`.
#[derive(Debug, Clone, Args)]
pub struct IndexStatsArgs {
    /// The SQLite archive file.
    #[arg(long, value_name = "FILE")]
    pub db: PathBuf,
}

/// `eval` subcommands.
#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// PAN text-alignment measures on a PAN-format corpus.
    Pan(EvalPanArgs),
    /// The stance/polarity scorer against human codes.
    Stance(EvalStanceArgs),
    /// Relatedness against "same story" ratings (SemEval-2022 Task 8 format).
    Related(EvalRelatedArgs),
}

/// Arguments of `eval related`.
#[derive(Debug, Clone, Args)]
#[command(after_help = "Example:\n  parallax eval related semeval2022-task8/ --pairs scores.csv")]
pub struct EvalRelatedArgs {
    /// A CSV file, or a folder of CSV files, with pair_id, lang1, lang2,
    /// text1, text2 and Overall columns.
    pub data: PathBuf,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Which pairs to report: all (dev and holdout separately), dev or
    /// holdout (by a hash of pair_id).
    #[arg(long, default_value = "all")]
    pub split: String,
    /// Also write every pair's scores (ids and numbers, no text) to FILE.
    #[arg(long, value_name = "FILE")]
    pub pairs: Option<PathBuf>,
    #[command(flatten)]
    pub align: AlignArgs,
    #[command(flatten)]
    pub general: GeneralArgs,
}

/// Arguments of `eval pan`.
#[derive(Debug, Clone, Args)]
pub struct EvalPanArgs {
    /// Corpus folder (source documents, suspicious documents, XML annotations).
    pub corpus: PathBuf,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Which suspicious documents to evaluate: all, dev or holdout.
    #[arg(long, default_value = "all")]
    pub split: String,
    #[command(flatten)]
    pub align: AlignArgs,
    #[command(flatten)]
    pub general: GeneralArgs,
}

/// Arguments of `eval stance`.
#[derive(Debug, Clone, Args)]
pub struct EvalStanceArgs {
    /// Gold CSV with text, target and label columns.
    pub gold: PathBuf,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Column holding the text.
    #[arg(long, default_value = "text")]
    pub text_col: String,
    /// Column holding the target.
    #[arg(long, default_value = "target")]
    pub target_col: String,
    /// Column holding the gold label.
    #[arg(long, default_value = "label")]
    pub label_col: String,
    /// Also write every evaluated row to this CSV file: its line, target,
    /// gold and predicted label, the score and what it was computed from
    /// (the target's stance or the text's overall polarity), and the text
    #[arg(long, value_name = "FILE")]
    pub rows: Option<PathBuf>,
    /// Write the --rows file without the UTF-8 byte-order mark (Excel needs
    /// it to show Arabic correctly; other tools may not want it).
    #[arg(long)]
    pub no_bom: bool,
    #[command(flatten)]
    pub score: ScoreArgs,
    #[command(flatten)]
    pub general: GeneralArgs,
}

/// `lexicon` subcommands.
#[derive(Debug, Subcommand)]
pub enum LexiconCommand {
    /// Validate a lexicon; with INPUT, coverage and the most frequent hits.
    Check(LexiconCheckArgs),
}

/// Arguments of `lexicon check`.
#[derive(Debug, Clone, Args)]
pub struct LexiconCheckArgs {
    /// The lexicon file (TSV/CSV, YAML, LIWC .dic), or `default`.
    pub lexicon: PathBuf,
    /// Articles to measure coverage on.
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub general: GeneralArgs,
}

/// Arguments of `normalize`.
#[derive(Debug, Clone, Args)]
pub struct NormalizeArgs {
    /// The text file, or a folder or JSONL/CSV file of articles (default:
    /// stdin).
    pub file: Option<PathBuf>,
    /// Tab-separated output (surface, normalized, key, start, end, sentence).
    #[arg(long, conflicts_with = "jsonl")]
    pub tsv: bool,
    /// One JSON object per document: `{"id": ..., "keys": [...]}`, the
    /// matching keys parallax shingles (used to hand other tools identical
    /// tokens in benchmarks).
    #[arg(long)]
    pub jsonl: bool,
    #[command(flatten)]
    pub input: InputArgs,
}
