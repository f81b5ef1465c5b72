//! The command-line interface: parse flags ([`args`]), validate them into
//! library options ([`config`]), run a command ([`cmd`]), report on the
//! terminal ([`term`], [`progress`], [`summary`]).

pub mod args;
pub mod cmd;
pub mod config;
pub mod progress;
pub mod summary;
pub mod term;

use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;

use args::{Cli, Command, EvalCommand, GeneralArgs, IndexCommand, LexiconCommand};
use parallax::pipeline::Stages;

/// Parses the command line and runs it.
pub fn run() -> anyhow::Result<ExitCode> {
    let cli = Cli::parse();
    if cli.command.is_none() {
        if let Some(first) = cli.run.inputs.first() {
            check_not_a_command(first)?;
        }
    }
    match cli.command {
        None => {
            threads(&cli.run.general)?;
            cmd::analyse::run(&cli.run, Stages::ALL)
        }
        Some(Command::Run(a)) => {
            threads(&a.general)?;
            cmd::analyse::run(&a, Stages::ALL)
        }
        Some(Command::Dups(a)) => {
            threads(&a.general)?;
            cmd::analyse::run(&a, Stages::DUPS)
        }
        Some(Command::Score(a)) => {
            threads(&a.general)?;
            cmd::analyse::run(&a, Stages::SCORE)
        }
        Some(Command::Passages(a)) => {
            threads(&a.general)?;
            cmd::passages::run(&a)
        }
        Some(Command::Normalize(a)) => cmd::normalize::run(&a),
        Some(Command::Lexicon(LexiconCommand::Check(a))) => {
            threads(&a.general)?;
            cmd::lexicon::check(&a)
        }
        Some(Command::Eval(EvalCommand::Pan(a))) => {
            threads(&a.general)?;
            cmd::eval::pan(&a)
        }
        Some(Command::Eval(EvalCommand::Stance(a))) => {
            threads(&a.general)?;
            cmd::eval::stance(&a)
        }
        Some(Command::Eval(EvalCommand::Related(a))) => {
            threads(&a.general)?;
            cmd::eval::related(&a)
        }
        Some(Command::Index(IndexCommand::Add(a))) => {
            threads(&a.general)?;
            cmd::index::add(&a)
        }
        Some(Command::Index(IndexCommand::Query(a))) => {
            threads(&a.general)?;
            cmd::index::query(&a)
        }
        Some(Command::Index(IndexCommand::Stats(a))) => cmd::index::stats(&a),
        Some(Command::Completions(a)) => {
            use clap::CommandFactory;
            use std::io::Write;
            // Into memory first: clap_complete panics on a write error, and
            // `parallax completions bash | head` closes the pipe early (the
            // error returned here is then a quiet success, see main.rs).
            let mut buf = Vec::new();
            clap_complete::generate(a.shell, &mut Cli::command(), "parallax", &mut buf);
            std::io::stdout().lock().write_all(&buf).context("writing the completions")?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Man) => {
            use clap::CommandFactory;
            let mut out = std::io::stdout().lock();
            clap_mangen::Man::new(Cli::command())
                .render(&mut out)
                .context("writing the man page")?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `parallax rn` would read a file `rn`: when no such path exists and the
/// word is close to a command, say so instead of "no such file".
fn check_not_a_command(first: &std::path::Path) -> anyhow::Result<()> {
    let Some(word) = first.to_str() else { return Ok(()) };
    if first.exists() || word == "-" || word.contains(['/', '.', '\\']) {
        return Ok(());
    }
    if word.eq_ignore_ascii_case("version") {
        anyhow::bail!(
            "`version` is not a command or a file; to see the version: parallax --version"
        );
    }
    if word.eq_ignore_ascii_case("help") {
        anyhow::bail!("`help` is not a file; for help: parallax --help");
    }
    use clap::CommandFactory;
    let cmd = Cli::command();
    let best = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .map(|name| (edit_distance(&word.to_ascii_lowercase(), &name), name))
        .min();
    match best {
        Some((d, name)) if d <= 2 && d < name.len() => anyhow::bail!(
            "no command or file `{word}`; did you mean `parallax {name}`? (commands: parallax --help)"
        ),
        _ => Ok(()),
    }
}

/// Levenshtein distance (commands are short; quadratic is fine).
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, &cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Sizes rayon's global pool from `--threads` (default: all cores).
fn threads(g: &GeneralArgs) -> anyhow::Result<()> {
    if let Some(n) = g.threads {
        if n == 0 {
            anyhow::bail!("--threads must be at least 1");
        }
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
            .context("setting up the worker threads")?;
    }
    Ok(())
}
